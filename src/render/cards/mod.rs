//! Role cards ("fiches réflexes"): for one actor and one SOP, every step the actor is
//! responsible for or supports, in pathway order, with what triggers it, the action, the
//! time frame, the forms (and the annex that holds each), where the case goes next and
//! the "never do" points — generated from the procedures, so a card never drifts from
//! the text it summarises.
//!
//! [`cards`] builds the cards of one translation as plain data ([`Card`]); [`typst`]
//! prints a card as a one-page A4 Typst document (compiled with the PDF engine's fonts)
//! and [`html`] as a page of the site. A card is in the translation's language and uses
//! the translated procedure texts; languages without built-in words print English labels.

pub mod html;
pub mod typst;

use crate::model::*;
use crate::render::printed_text;

/// The words a card prints, per language (French, else English).
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct CardWords {
    /// "Fiche réflexe" / "Role card".
    pub card: &'static str,
    /// "Je suis…" / "I am…" above the list of actors on the site's home page.
    pub i_am: &'static str,
    /// "Responsable" / "Responsible".
    pub responsible: &'static str,
    /// "Appui" / "Support".
    pub support: &'static str,
    /// "Quand" / "When" before the trigger.
    pub when: &'static str,
    /// "Début de la procédure" / "Start of the procedure".
    pub start: &'static str,
    /// "Après l'étape" / "After step".
    pub after_step: &'static str,
    /// "à la suite de la procédure" / "following procedure".
    pub following: &'static str,
    /// "Délai" / "Time frame".
    pub time: &'static str,
    /// "Formulaires" / "Forms".
    pub forms: &'static str,
    /// "Documents" / "Documents" (outputs that are not forms).
    pub documents: &'static str,
    /// "Ensuite" / "Next".
    pub next: &'static str,
    /// "Fin" / "End".
    pub end: &'static str,
    /// "étape" / "step".
    pub step: &'static str,
    /// "Ne jamais" / "Never".
    pub never: &'static str,
    /// "Contact" / "Contact".
    pub contact: &'static str,
    /// "Procédure" / "Procedure".
    pub procedure: &'static str,
    /// "PROJET" / "DRAFT".
    pub draft: &'static str,
    /// The line printed under the draft mark.
    pub draft_note: &'static str,
    /// "Version".
    pub version: &'static str,
    /// "Généré à partir de" / "Generated from".
    pub generated: &'static str,
}

/// The card words of `lang`.
pub fn card_words(lang: &str) -> &'static CardWords {
    const FR: CardWords = CardWords {
        card: "Fiche réflexe",
        i_am: "Je suis…",
        responsible: "Responsable",
        support: "Appui",
        when: "Quand",
        start: "Début de la procédure",
        after_step: "Après l’étape",
        following: "À la suite de la procédure",
        time: "Délai",
        forms: "Formulaires",
        documents: "Documents",
        next: "Ensuite",
        end: "Fin",
        step: "étape",
        never: "Ne jamais",
        contact: "Contact",
        procedure: "Procédure",
        draft: "PROJET",
        draft_note: "Document non validé : ne pas diffuser comme version définitive.",
        version: "Version",
        generated: "Tirée de",
    };
    const EN: CardWords = CardWords {
        card: "Role card",
        i_am: "I am…",
        responsible: "Responsible",
        support: "Support",
        when: "When",
        start: "Start of the procedure",
        after_step: "After step",
        following: "Following procedure",
        time: "Time frame",
        forms: "Forms",
        documents: "Documents",
        next: "Next",
        end: "End",
        step: "step",
        never: "Never",
        contact: "Contact",
        procedure: "Procedure",
        draft: "DRAFT",
        draft_note: "Not validated: do not circulate as the final version.",
        version: "Version",
        generated: "From",
    };
    if lang.starts_with("fr") { &FR } else { &EN }
}

/// One role card: one actor in one SOP, in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// The document id.
    pub doc: String,
    /// The language.
    pub lang: String,
    /// The actor's id.
    pub actor: String,
    /// The actor's full name in the language.
    pub actor_name: String,
    /// The actor's short name (acronym, else the name).
    pub actor_short: String,
    /// The actor's institutional contact, if `actors.yaml` gives one.
    pub contact: Option<String>,
    /// Document code (`PSO-01`).
    pub code: String,
    /// Document title in the language.
    pub title: String,
    /// Document version.
    pub version: String,
    /// Document date, long form in the language.
    pub date: String,
    /// Whether the document is not final (the card carries the draft mark).
    pub draft: bool,
    /// The procedures the actor takes part in, in document order.
    pub procedures: Vec<CardProcedure>,
    /// Where the actor's first step names it (problems with the card point there).
    pub at: crate::source::Span,
}

impl Card {
    /// The file name of the card without extension: `<doc>-<actor>`.
    pub fn stem(&self) -> String {
        format!("{}-{}", self.doc, self.actor)
    }

    /// How many steps the card lists.
    pub fn steps(&self) -> usize {
        self.procedures.iter().map(|p| p.steps.len()).sum()
    }
}

/// A procedure on a card.
#[derive(Debug, Clone, PartialEq)]
pub struct CardProcedure {
    /// Its id (anchor).
    pub id: String,
    /// Its number (`2.1`).
    pub number: String,
    /// Its title, plain text.
    pub title: String,
    /// The stem of the chapter holding it (its page in the site).
    pub chapter_stem: String,
    /// The actor's steps, in the order written (the pathway's order).
    pub steps: Vec<CardStep>,
}

/// A step on a card.
#[derive(Debug, Clone, PartialEq)]
pub struct CardStep {
    /// Its id (`procedure.step` is the anchor).
    pub id: String,
    /// Its number in the procedure.
    pub number: usize,
    /// Whether the actor is responsible (else it supports).
    pub responsible: bool,
    /// The other actor: the supporting actors when responsible, the responsible one
    /// when supporting.
    pub with: Vec<String>,
    /// What triggers the step, one line per way in.
    pub when: Vec<String>,
    /// The action (and, for a decision, the question).
    pub action: String,
    /// The time frame; empty when none.
    pub time: String,
    /// Outputs: text, whether a form, and where its annex is.
    pub outputs: Vec<CardOutput>,
    /// Where the case goes next, one line per way out.
    pub next: Vec<String>,
    /// What never to do.
    pub never: Vec<String>,
}

/// An output on a card.
#[derive(Debug, Clone, PartialEq)]
pub struct CardOutput {
    /// The text as printed ("Fiche de détection (annexe B)").
    pub text: String,
    /// Whether it is a form.
    pub form: bool,
    /// The annex it links to: (document id, chapter stem, anchor).
    pub link: Option<(String, String, String)>,
}

/// The actor's name for a step: its label (acronym) in the language, else its id.
fn short(a: &Named) -> &str {
    if a.label.is_empty() {
        &a.value
    } else {
        &a.label
    }
}

/// The procedures of a translation with the stem of their chapter, in document order.
pub fn procedures(t: &Translation) -> Vec<(&Procedure, &str)> {
    let mut out = Vec::new();
    for ch in &t.chapters {
        walk_blocks(&ch.blocks, &mut |b| {
            if let BlockKind::Procedure(p) = &b.kind {
                out.push((&**p, ch.stem()));
            }
        });
    }
    out
}

/// The procedures a text (an exit) links to: (document id, procedure id).
pub fn linked_procedures(inlines: &[Inline]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    walk_inlines(inlines, &mut |i| {
        if let InlineKind::Link(l) = &i.kind
            && let LinkTarget::Xref(x) = &l.target
            && let Some(anchor) = &x.anchor
        {
            let id = match x.kind {
                Some(AnchorKind::Procedure) => anchor.clone(),
                Some(AnchorKind::Step) => anchor.split('.').next().unwrap_or(anchor).to_string(),
                _ => return,
            };
            out.push((x.doc.clone(), id));
        }
    });
    out
}

/// The role cards of `doc` in `lang`: one per actor of `actors.yaml` that is responsible
/// for or supports at least one step, in the registry's order.
pub fn cards(project: &Project, doc: &Document, lang: &str) -> Vec<Card> {
    let Some(t) = doc.translation(lang) else {
        return Vec::new();
    };
    let src = project.source_language();
    let w = card_words(lang);
    let colon = crate::l10n::colon(lang);
    let procs = procedures(t);
    let m = &doc.meta;
    let mut out = Vec::new();
    for actor in &project.registries.actors {
        let id = actor.id.value.as_str();
        let mut card_procs = Vec::new();
        let mut at = None;
        for &(p, stem) in &procs {
            let mut steps = Vec::new();
            for (i, s) in p.steps.iter().enumerate() {
                let responsible = s.actor.as_ref().is_some_and(|a| a.value == id);
                let supports = s.support.iter().any(|a| a.value == id);
                if !responsible && !supports {
                    continue;
                }
                if at.is_none() {
                    at = s
                        .actor
                        .iter()
                        .chain(&s.support)
                        .find(|a| a.value == id)
                        .map(|a| a.span);
                }
                let with = if responsible {
                    s.support.iter().map(|a| short(a).to_string()).collect()
                } else {
                    s.actor.iter().map(|a| short(a).to_string()).collect()
                };
                steps.push(CardStep {
                    id: s.id.value.clone(),
                    number: s.number,
                    responsible,
                    with,
                    when: triggers(doc, &procs, p, i, lang, id),
                    action: action_text(s, lang),
                    time: printed_text(&s.time, lang),
                    outputs: s
                        .outputs
                        .iter()
                        .map(|o| CardOutput {
                            text: printed_text(&o.text, lang),
                            form: o.form,
                            link: annex_link(project, o),
                        })
                        .collect(),
                    next: next_lines(p, s, lang, w, colon, id),
                    never: s.never.iter().map(|n| printed_text(n, lang)).collect(),
                });
            }
            if !steps.is_empty() {
                card_procs.push(CardProcedure {
                    id: p.id.clone(),
                    number: p.number.clone(),
                    title: printed_text(&p.title, lang),
                    chapter_stem: stem.to_string(),
                    steps,
                });
            }
        }
        let Some(at) = at else {
            continue;
        };
        let name = actor.name.get(lang, src).to_string();
        out.push(Card {
            doc: doc.id().to_string(),
            lang: lang.to_string(),
            actor: id.to_string(),
            actor_short: actor
                .acronym
                .as_ref()
                .map_or_else(|| name.clone(), |a| a.get(lang, src).to_string()),
            actor_name: name,
            contact: actor
                .contact
                .as_ref()
                .map(|c| c.get(lang, src).to_string())
                .filter(|c| !c.trim().is_empty()),
            code: crate::l10n::document_code(m, lang, src),
            title: m.title.get(lang, src).to_string(),
            version: m.version.value.clone(),
            date: crate::l10n::long_date(&m.date.value, lang),
            draft: m.status != Status::Final,
            procedures: card_procs,
            at,
        });
    }
    out
}

/// The action of a step, with its question for a decision.
fn action_text(s: &Step, lang: &str) -> String {
    let mut text = printed_text(&s.action, lang);
    if let Flow::Decision { question, .. } = &s.flow {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&printed_text(question, lang));
    }
    text
}

/// The ways into step `i` of `p`: the steps that lead to it (with the answer for a
/// decision), and for the first step the start of the procedure and the procedures of the
/// document whose exit leads here.
fn triggers(
    doc: &Document,
    procs: &[(&Procedure, &str)],
    p: &Procedure,
    i: usize,
    lang: &str,
    me: &str,
) -> Vec<String> {
    let w = card_words(lang);
    let colon = crate::l10n::colon(lang);
    let target = &p.steps[i].id.value;
    let mut out = Vec::new();
    if i == 0 {
        out.push(w.start.to_string());
        for (other, _) in procs {
            if other.id == p.id {
                continue;
            }
            let leads_here = other.steps.iter().any(|s| match &s.flow {
                Flow::Exit(label) => linked_procedures(label)
                    .iter()
                    .any(|(d, id)| d == doc.id() && *id == p.id),
                _ => false,
            });
            if leads_here {
                out.push(format!(
                    "{} {} ({})",
                    w.following,
                    other.number,
                    printed_text(&other.title, lang)
                ));
            }
        }
    }
    for s in &p.steps {
        match &s.flow {
            Flow::Next { target: t, .. } if t.value == *target => {
                let who = s
                    .actor
                    .as_ref()
                    .filter(|a| a.value != me)
                    .map(short)
                    .unwrap_or_default();
                out.push(if who.is_empty() {
                    format!("{} {}", w.after_step, s.number)
                } else {
                    format!("{} {} ({who})", w.after_step, s.number)
                });
            }
            Flow::Decision { question, branches } => {
                for b in branches.iter().filter(|b| b.target.value == *target) {
                    out.push(format!(
                        "{} {} « {} »{colon} {}",
                        crate::l10n::capitalized(w.step),
                        s.number,
                        printed_text(question, lang).trim(),
                        b.label
                    ));
                }
            }
            _ => {}
        }
    }
    if !lang.starts_with("fr") {
        for line in &mut out {
            *line = line.replace("« ", "“").replace(" »", "”");
        }
    }
    out
}

/// Where the case goes after `s`: the next step and its actor, each answer of a
/// decision, or the exit.
fn next_lines(
    p: &Procedure,
    s: &Step,
    lang: &str,
    w: &CardWords,
    colon: &str,
    me: &str,
) -> Vec<String> {
    let step_words = |id: &str| match p.step(id) {
        Some(t) => match t.actor.as_ref().filter(|a| a.value != me).map(short) {
            Some(a) if !a.is_empty() => format!("{} {} ({a})", w.step, t.number),
            _ => format!("{} {}", w.step, t.number),
        },
        None => id.to_string(),
    };
    match &s.flow {
        Flow::Next { target, .. } => vec![crate::l10n::capitalized(&step_words(&target.value))],
        Flow::Decision { branches, .. } => branches
            .iter()
            .map(|b| format!("{}{colon} {}", b.label, step_words(&b.target.value)))
            .collect(),
        Flow::Exit(label) => vec![format!("{}{colon} {}", w.end, printed_text(label, lang))],
        Flow::End => Vec::new(),
    }
}

/// The annex an output links to: (document, chapter stem, anchor) of its first
/// cross-reference that names an id.
fn annex_link(project: &Project, o: &Output) -> Option<(String, String, String)> {
    let mut found = None;
    walk_inlines(&o.text, &mut |i| {
        if found.is_some() {
            return;
        }
        if let InlineKind::Link(l) = &i.kind
            && let LinkTarget::Xref(x) = &l.target
            && let Some(anchor) = &x.anchor
            && project.document(&x.doc).is_some()
        {
            found = Some((x.doc.clone(), x.chapter_stem.clone(), anchor.clone()));
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fall_back_to_english() {
        assert_eq!(card_words("fr").card, "Fiche réflexe");
        assert_eq!(card_words("pt").card, "Role card");
    }

    #[test]
    fn capitalize_first_letter() {
        assert_eq!(crate::l10n::capitalized("étape 3"), "Étape 3");
        assert_eq!(crate::l10n::capitalized(""), "");
    }
}
