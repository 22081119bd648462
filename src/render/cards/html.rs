//! A role card as the body of a site page (`<lang>/cards/<doc>-<actor>.html`): the same
//! content as the PDF card, with each step linked to its row of the step table and each
//! form to the annex that holds it.

use std::fmt::Write as _;

use super::{Card, CardStep, card_words};
use crate::render::html::escape::escape;
use crate::render::html::page_file;

/// An actor with role cards, for the site's home page ("Je suis… / I am…").
#[derive(Debug, Clone, serde::Serialize)]
pub struct ActorCards {
    /// Short name (acronym, else the name).
    pub short: String,
    /// Full name.
    pub name: String,
    /// Its cards: (document code, document title, URL from the site root).
    pub cards: Vec<(String, String, String)>,
}

/// Every actor with a card in `lang`, in the registry's order, over the documents that
/// `include` keeps.
pub fn actor_index(
    project: &crate::model::Project,
    lang: &str,
    include: &dyn Fn(&crate::model::Document) -> bool,
) -> Vec<ActorCards> {
    let mut out: Vec<ActorCards> = Vec::new();
    let mut by_actor: std::collections::BTreeMap<String, usize> = Default::default();
    let all: Vec<Card> = project
        .documents
        .iter()
        .filter(|d| include(d))
        .flat_map(|d| super::cards(project, d, lang))
        .collect();
    for actor in &project.registries.actors {
        for card in all.iter().filter(|c| c.actor == actor.id.value) {
            let i = *by_actor.entry(card.actor.clone()).or_insert_with(|| {
                out.push(ActorCards {
                    short: card.actor_short.clone(),
                    name: card.actor_name.clone(),
                    cards: Vec::new(),
                });
                out.len() - 1
            });
            out[i].cards.push((
                card.code.clone(),
                card.title.clone(),
                format!("{lang}/cards/{}.html", card.stem()),
            ));
        }
    }
    out
}

/// The card's body. `has(doc)` says whether the site holds `doc` in the card's language
/// (links to documents it does not hold print as text). Links are relative to the
/// `<lang>/cards/` folder.
pub fn body(card: &Card, has: &dyn Fn(&str) -> bool) -> String {
    let w = card_words(&card.lang);
    let colon = crate::l10n::colon(&card.lang);
    let mut out = String::new();
    let _ = write!(
        out,
        "<article class=\"role-card{}\">\n<header class=\"card-head\">\n",
        if card.draft { " card-draft" } else { "" }
    );
    if card.draft {
        let _ = writeln!(
            out,
            "<p class=\"card-draft-mark\"><strong>{}</strong> — {}</p>",
            escape(w.draft),
            escape(w.draft_note)
        );
    }
    let _ = writeln!(
        out,
        "<p class=\"card-kind\">{}</p>\n<h1>{}{}</h1>",
        escape(w.card),
        escape(&card.actor_short),
        if card.actor_short == card.actor_name {
            String::new()
        } else {
            format!(
                " <span class=\"card-actor\">{}</span>",
                escape(&card.actor_name)
            )
        }
    );
    let doc_link = if has(&card.doc) {
        format!(
            "<a href=\"../{}/index.html\">{} · {}</a>",
            escape(&card.doc),
            escape(&card.code),
            escape(&card.title)
        )
    } else {
        format!("{} · {}", escape(&card.code), escape(&card.title))
    };
    let _ = writeln!(
        out,
        "<p class=\"card-doc\">{doc_link} — {} {} · {}</p>",
        escape(w.version),
        escape(&card.version),
        escape(&card.date)
    );
    if let Some(c) = &card.contact {
        let _ = writeln!(
            out,
            "<p class=\"card-contact\"><strong>{}{colon}</strong> {}</p>",
            escape(w.contact),
            escape(c)
        );
    }
    out.push_str("</header>\n");
    for p in &card.procedures {
        let title = format!(
            "{} {} — {}",
            escape(w.procedure),
            escape(&p.number),
            escape(&p.title)
        );
        if has(&card.doc) {
            let _ = writeln!(
                out,
                "<h2><a href=\"../{}/{}#{}\">{title}</a></h2>",
                escape(&card.doc),
                escape(&page_file(&p.chapter_stem)),
                escape(&p.id)
            );
        } else {
            let _ = writeln!(out, "<h2>{title}</h2>");
        }
        out.push_str("<ol class=\"card-steps\">\n");
        for step in &p.steps {
            step_item(card, &p.id, &p.chapter_stem, step, has, &mut out);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</article>\n");
    out
}

fn step_item(
    card: &Card,
    proc_id: &str,
    stem: &str,
    step: &CardStep,
    has: &dyn Fn(&str) -> bool,
    out: &mut String,
) {
    let w = card_words(&card.lang);
    let colon = crate::l10n::colon(&card.lang);
    let role = if step.responsible {
        w.responsible
    } else {
        w.support
    };
    let number = if has(&card.doc) {
        format!(
            "<a href=\"../{}/{}#{}.{}\">{}</a>",
            escape(&card.doc),
            escape(&page_file(stem)),
            escape(proc_id),
            escape(&step.id),
            step.number
        )
    } else {
        step.number.to_string()
    };
    let _ = write!(
        out,
        "<li class=\"card-step {}\"><div class=\"card-badge\"><span class=\"card-number\">{number}</span><span class=\"card-role\">{}</span></div><div class=\"card-body\">",
        if step.responsible {
            "is-responsible"
        } else {
            "is-support"
        },
        escape(role)
    );
    let line = |label: &str, html: &str, out: &mut String| {
        let _ = write!(
            out,
            "<p class=\"card-line\"><em>{}{colon}</em> {html}</p>",
            escape(label)
        );
    };
    if !step.when.is_empty() {
        line(w.when, &escape(&step.when.join(" · ")), out);
    }
    let _ = write!(
        out,
        "<p class=\"card-action\"><strong>{}</strong>",
        escape(&step.action)
    );
    if !step.with.is_empty() {
        let with = if step.responsible {
            w.support
        } else {
            w.responsible
        };
        let _ = write!(
            out,
            " <span class=\"card-with\">({}{colon} {})</span>",
            escape(with),
            escape(&step.with.join(", "))
        );
    }
    out.push_str("</p>");
    if !step.time.is_empty() {
        line(w.time, &escape(&step.time), out);
    }
    for (form, label) in [(true, w.forms), (false, w.documents)] {
        let items: Vec<String> = step
            .outputs
            .iter()
            .filter(|o| o.form == form)
            .map(|o| match &o.link {
                Some((doc, stem, anchor)) if has(doc) => format!(
                    "<a href=\"../{}/{}#{}\">{}</a>",
                    escape(doc),
                    escape(&page_file(stem)),
                    escape(anchor),
                    escape(&o.text)
                ),
                _ => escape(&o.text),
            })
            .collect();
        if !items.is_empty() {
            line(label, &items.join(" ; "), out);
        }
    }
    if !step.next.is_empty() {
        line(w.next, &escape(&step.next.join(" · ")), out);
    }
    if !step.never.is_empty() {
        let _ = write!(
            out,
            "<div class=\"card-never\"><strong>{}{colon}</strong><ul>",
            escape(&w.never.to_uppercase())
        );
        for n in &step.never {
            let _ = write!(out, "<li>{}</li>", escape(n));
        }
        out.push_str("</ul></div>");
    }
    out.push_str("</div></li>\n");
}
