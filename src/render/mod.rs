//! Renderers: the resolved model into HTML (tera) and PDF (embedded Typst).
//!
//! What both renderers print the same way lives here: the words of a cross-reference and
//! the labels of numbered things, so HTML and PDF never disagree.

pub mod contributions;
pub mod docx;
pub mod flowchart;
pub mod html;
pub mod pdf;
pub mod procedure;

use crate::l10n::words;
use crate::model::{AnchorKind, Xref};

/// The generated front-matter lists of one document in one language, from the registries:
/// only what the document uses, in the order resolve recorded (alphabetical).
#[derive(Debug, Clone, Default, serde::Serialize, PartialEq, Eq)]
pub struct RegistryLists {
    /// (short form, expansion) of each acronym used.
    pub acronyms: Vec<(String, String)>,
    /// (term, definition, source) of each glossary term used.
    pub terms: Vec<(String, String, Option<String>)>,
    /// (short citation, full title, whether the title continues the short citation) of
    /// each legal instrument cited. When the full title begins with the short citation
    /// ("Convention relative aux droits de l’enfant (1989)"), the title holds only the rest
    /// (" (1989)") and prints right after the short citation, so the list does not say the
    /// name twice.
    pub instruments: Vec<(String, String, bool)>,
}

impl RegistryLists {
    /// Whether there is nothing to print.
    pub fn is_empty(&self) -> bool {
        self.acronyms.is_empty() && self.terms.is_empty() && self.instruments.is_empty()
    }
}

/// The lists for translation `t` of a document of `project`.
pub fn registry_lists(
    project: &crate::model::Project,
    t: &crate::model::Translation,
) -> RegistryLists {
    let reg = &project.registries;
    let (lang, src) = (t.lang.as_str(), project.source_language());
    RegistryLists {
        acronyms: t
            .uses
            .acronyms
            .iter()
            .map(|&i| {
                (
                    reg.acronyms[i].short.get(lang, src).to_string(),
                    reg.acronyms[i].long.get(lang, src).to_string(),
                )
            })
            .collect(),
        terms: t
            .uses
            .terms
            .iter()
            .map(|&i| {
                let term = &reg.terms[i];
                (
                    term.term.get(lang, src).to_string(),
                    term.definition.get(lang, src).to_string(),
                    term.source.as_ref().map(|s| s.get(lang, src).to_string()),
                )
            })
            .collect(),
        instruments: t
            .uses
            .instruments
            .iter()
            .map(|&i| {
                instrument_entry(
                    reg.instruments[i].short.get(lang, src),
                    reg.instruments[i].long.get(lang, src),
                )
            })
            .collect(),
    }
}

/// One line of the list of legal texts: (short citation, title, continues); see
/// [`RegistryLists::instruments`].
fn instrument_entry(short: &str, long: &str) -> (String, String, bool) {
    let short = short.trim();
    let long = long.trim();
    match long.strip_prefix(short) {
        Some(rest)
            if !short.is_empty()
                && (rest.is_empty() || !rest.starts_with(char::is_alphanumeric)) =>
        {
            (short.to_string(), rest.to_string(), true)
        }
        _ => (short.to_string(), long.to_string(), false),
    }
}

/// Inlines as plain text the way they print: empty cross-references and legal citations
/// get their words, citations their rendered text (search index, diagrams, alt texts).
pub fn printed_text(inlines: &[crate::model::Inline], lang: &str) -> String {
    let mut out = String::new();
    push_printed(inlines, lang, &mut out);
    out
}

fn push_printed(inlines: &[crate::model::Inline], lang: &str, out: &mut String) {
    use crate::model::{InlineKind, LinkTarget, styled_text};
    for i in inlines {
        match &i.kind {
            InlineKind::Text(t) | InlineKind::Code(t) | InlineKind::RawHtml(t) => out.push_str(t),
            InlineKind::Emphasis(c) | InlineKind::Strong(c) | InlineKind::Strikethrough(c) => {
                push_printed(c, lang, out)
            }
            InlineKind::Link(l) if l.content.is_empty() => match &l.target {
                LinkTarget::Xref(x) => out.push_str(&xref_label(x)),
                LinkTarget::Legal(legal) => out.push_str(&legal_label(legal, lang)),
                _ => out.push_str(&l.dest),
            },
            InlineKind::Link(l) => push_printed(&l.content, lang, out),
            InlineKind::Image(img) => out.push_str(&img.alt),
            InlineKind::FootnoteRef(_) => {}
            InlineKind::Citation(c) => out.push_str(&styled_text(&c.rendered)),
            InlineKind::LineBreak | InlineKind::SoftBreak => out.push(' '),
        }
    }
}

/// The text of an empty-text cross-reference ("section 3.2", "PSO 2, annexe B"), as the
/// resolve stage worded it in the referring document's language.
pub fn xref_label(x: &Xref) -> String {
    x.label.clone()
}

/// The localized title of a callout box ("Attention", "Warning").
pub fn callout_title(kind: crate::model::CalloutKind, lang: &str) -> &'static str {
    use crate::model::CalloutKind;
    let w = words(lang);
    match kind {
        CalloutKind::Note => w.callout_note,
        CalloutKind::Tip => w.callout_tip,
        CalloutKind::Important => w.callout_important,
        CalloutKind::Warning => w.callout_warning,
        CalloutKind::Caution => w.callout_caution,
    }
}

/// "Tableau 2" / "Table 2" / "Figure A.1" before a caption.
pub fn caption_label(kind: AnchorKind, number: &str, lang: &str) -> String {
    let w = words(lang);
    let word = if kind == AnchorKind::Figure {
        w.figure_title
    } else {
        w.table_title
    };
    format!("{word}\u{a0}{number}")
}

/// The text of an empty-text legal citation: "Loi n° 2012-023", "article 3 de la Loi
/// n° 2012-023" / "article 3 of Law No. 2012-023".
pub fn legal_label(l: &crate::model::LegalRef, lang: &str) -> String {
    match &l.article {
        None => l.short.clone(),
        Some(a) if lang.starts_with("fr") => {
            let article = if a == "1" {
                "1er".to_string()
            } else {
                a.clone()
            };
            // "de la Loi", "du Protocole", "de la Convention": French needs the article of
            // the instrument's noun; the short form starts with it.
            let first = l
                .short
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            let masculine = ["protocole", "pacte", "code", "décret", "traité", "statut"];
            let of = if masculine.contains(&first.as_str()) {
                format!("du {}", l.short)
            } else if first.starts_with(['a', 'e', 'i', 'o', 'u', 'é']) {
                format!("de l'{}", l.short)
            } else {
                format!("de la {}", l.short)
            };
            format!("article {article} {of}")
        }
        Some(a) => format!("article {a} of {}", l.short),
    }
}

#[cfg(test)]
mod legal_tests {
    use super::*;
    use crate::model::LegalRef;

    fn l(short: &str, article: Option<&str>) -> LegalRef {
        LegalRef {
            id: "x".into(),
            article: article.map(str::to_string),
            short: short.into(),
        }
    }

    #[test]
    fn legal_labels() {
        assert_eq!(
            legal_label(&l("Loi n° 2012-023", None), "fr"),
            "Loi n° 2012-023"
        );
        assert_eq!(
            legal_label(&l("Loi n° 2012-023", Some("3")), "fr"),
            "article 3 de la Loi n° 2012-023"
        );
        assert_eq!(
            legal_label(&l("Protocole de Palerme", Some("1")), "fr"),
            "article 1er du Protocole de Palerme"
        );
        assert_eq!(
            legal_label(&l("Law No. 2012-023", Some("3")), "en"),
            "article 3 of Law No. 2012-023"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::instrument_entry;

    /// "Convention … : Convention … (1989)" said the name twice (issue 18).
    #[test]
    fn a_title_that_repeats_the_short_citation_prints_once() {
        assert_eq!(
            instrument_entry(
                "Convention relative aux droits de l’enfant",
                "Convention relative aux droits de l’enfant (1989)"
            ),
            (
                "Convention relative aux droits de l’enfant".into(),
                " (1989)".into(),
                true
            )
        );
        assert_eq!(
            instrument_entry("Loi n° 2012-023", "Loi n° 2012-023"),
            ("Loi n° 2012-023".into(), String::new(), true)
        );
        // A different title, or one that only shares the first letters of a word, keeps both.
        assert!(!instrument_entry("Protocole de Palerme", "Protocole additionnel (2000)").2);
        assert!(!instrument_entry("Loi n° 20", "Loi n° 2012-023").2);
    }
}
