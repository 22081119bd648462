//! Completion of ids, from the resolved model: after `](#` the anchors of this document,
//! after `](sop-02#` those of another, after `](` the documents, after `legal:` the
//! instruments (and after `legal:id#` their articles), after `[@` the works of the
//! bibliography, after `actor:`/`support:` in a procedure the actors, after `next:` and in
//! `branches:` the steps of that procedure, and rule ids in suppression comments.
//!
//! What is being completed is read from the text before the cursor on its line; what to
//! offer comes from the model. Every item replaces the id typed so far (ids hold `-` and
//! `.`, which editors would otherwise take for word boundaries).

use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, TextEdit};

use super::convert::{self, Encoding};
use super::navigate::{self, Place};
use crate::model::*;
use crate::source::{SourceFile, SourceId};

/// What the text before the cursor asks for, and where the id being typed starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Context {
    /// After `](#` (`doc` `None`) or `](doc#`.
    Anchor {
        /// The document named before `#`.
        doc: Option<String>,
    },
    /// After `](`.
    Document,
    /// After `legal:`.
    Legal,
    /// After `legal:id#`.
    Article(String),
    /// After `[@` or `; @`.
    Cite,
    /// After `actor:` or in `support:`.
    Actor,
    /// After `next:` or in `branches:`.
    Step,
    /// In a `sopdoc-disable`/`sopdoc-enable` comment.
    Rule,
}

/// The context at byte `offset` of `file`, with the byte offset where the typed id starts.
/// `in_procedure` says whether the offset is inside a procedure fence.
pub fn context(file: &SourceFile, offset: usize, in_procedure: bool) -> Option<(Context, usize)> {
    let (line, _) = file.line_col(offset);
    let line_start = file.offset_of(line, 1);
    let prefix = file.text.get(line_start..offset)?;
    let is_id = |s: &str| {
        s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '^'))
    };
    if prefix.contains("sopdoc-disable") || prefix.contains("sopdoc-enable") {
        let start = prefix
            .rfind(|c: char| c.is_whitespace() || c == ',')
            .map_or(0, |i| i + 1);
        if start > prefix.find("sopdoc-").unwrap_or(0) {
            return Some((Context::Rule, line_start + start));
        }
    }
    if let Some(i) = prefix.rfind("](") {
        let dest = &prefix[i + 2..];
        let at = line_start + i + 2;
        if !dest.contains([')', ' ']) {
            if let Some(rest) = dest.strip_prefix("legal:") {
                return Some(match rest.find('#') {
                    Some(h) => (Context::Article(rest[..h].to_string()), at + 6 + h + 1),
                    None => (Context::Legal, at + 6),
                });
            }
            return Some(match dest.find('#') {
                Some(h) => (
                    Context::Anchor {
                        doc: (h > 0).then(|| dest[..h].to_string()),
                    },
                    at + h + 1,
                ),
                None => (Context::Document, at),
            });
        }
    }
    if let Some(at) = prefix.rfind('@') {
        let open = prefix[..at].rfind('[');
        let typed = &prefix[at + 1..];
        if open.is_some_and(|o| !prefix[o..].contains(']')) && is_id(typed) {
            return Some((Context::Cite, line_start + at + 1));
        }
    }
    if !in_procedure {
        return None;
    }
    let value_start = |from: usize| {
        let rest = &prefix[from..];
        from + (rest.len() - rest.trim_start().len())
    };
    let trimmed = prefix.trim_start().trim_start_matches("- ").trim_start();
    let key_end = prefix.len() - trimmed.len();
    for (key, ctx) in [
        ("actor:", Context::Actor),
        ("support:", Context::Actor),
        ("next:", Context::Step),
    ] {
        if let Some(rest) = trimmed.strip_prefix(key) {
            let last = rest.rfind(['[', ',']).map_or(0, |i| i + 1);
            let from = key_end + key.len() + last;
            return Some((ctx, line_start + value_start(from)));
        }
    }
    if trimmed.starts_with("branches:") {
        let last = prefix.rfind([':', ',', '{'])?;
        if prefix[last..].starts_with(':') {
            return Some((Context::Step, line_start + value_start(last + 1)));
        }
        return None;
    }
    // `branches:` written as a block: `    oui: etape`, under a less indented `branches:`.
    let indent = prefix.len() - prefix.trim_start().len();
    if let Some(colon) = prefix.rfind(':') {
        let mut l = line;
        while l > 1 {
            l -= 1;
            let text = file.line_text(l);
            let ind = text.len() - text.trim_start().len();
            if text.trim().is_empty() || ind >= indent {
                continue;
            }
            if text.trim().trim_start_matches("- ") == "branches:" {
                return Some((Context::Step, line_start + value_start(colon + 1)));
            }
            break;
        }
    }
    None
}

/// The items for `context` in the chapter at `place`, replacing `start..offset`.
pub fn items(
    project: &Project,
    source: SourceId,
    offset: usize,
    enc: Encoding,
) -> Vec<CompletionItem> {
    let Some(place) = navigate::place_of(project, source) else {
        return Vec::new();
    };
    let file = project.sources.get(source);
    let procedure = procedure_at(&place, offset);
    let Some((ctx, start)) = context(file, offset, procedure.is_some()) else {
        return Vec::new();
    };
    let lang = place.translation.lang.as_str();
    let src = project.source_language();
    let reg = &project.registries;
    let mut out: Vec<(String, String, CompletionItemKind)> = Vec::new();
    match &ctx {
        Context::Anchor { doc } => {
            let doc = doc.as_deref().unwrap_or(place.doc.id());
            if let Some(t) = navigate::translation(project, doc, lang) {
                for (id, a) in &t.anchors {
                    out.push((id.clone(), describe(a), CompletionItemKind::REFERENCE));
                }
                if doc == place.doc.id() {
                    for f in place.chapter.footnotes.iter() {
                        out.push((
                            format!("^{}", f.label),
                            "footnote".into(),
                            CompletionItemKind::REFERENCE,
                        ));
                    }
                }
            }
        }
        Context::Document => {
            for d in &project.documents {
                out.push((
                    d.id().to_string(),
                    d.meta.title.get(lang, src).to_string(),
                    CompletionItemKind::FILE,
                ));
            }
        }
        Context::Legal => {
            for i in &reg.instruments {
                out.push((
                    i.id.value.clone(),
                    format!("{} — {}", i.short.get(lang, src), i.long.get(lang, src)),
                    CompletionItemKind::CONSTANT,
                ));
            }
        }
        Context::Article(id) => {
            if let Some(i) = reg.instruments.iter().find(|i| &i.id.value == id) {
                for a in &i.articles {
                    out.push((
                        a.clone(),
                        format!("{}, article {a}", i.short.get(lang, src)),
                        CompletionItemKind::CONSTANT,
                    ));
                }
            }
        }
        Context::Cite => {
            if let Some(b) = &reg.bibliography {
                for key in b.keys.keys() {
                    let title = b
                        .library
                        .get(key)
                        .and_then(|e| e.title())
                        .map(|t| t.value.to_string())
                        .unwrap_or_default();
                    out.push((key.clone(), title, CompletionItemKind::REFERENCE));
                }
            }
        }
        Context::Actor => {
            for a in &reg.actors {
                out.push((
                    a.id.value.clone(),
                    a.name.get(lang, src).to_string(),
                    CompletionItemKind::CLASS,
                ));
            }
        }
        Context::Step => {
            if let Some(p) = procedure {
                for s in &p.steps {
                    out.push((
                        s.id.value.clone(),
                        format!("{}. {}", s.number, plain_text(&s.action)),
                        CompletionItemKind::ENUM_MEMBER,
                    ));
                }
            }
        }
        Context::Rule => {
            for r in crate::diag::rules::ALL {
                out.push((
                    r.id.to_string(),
                    r.summary("en").to_string(),
                    CompletionItemKind::KEYWORD,
                ));
            }
        }
    }
    let range = convert::range(file, start, offset, enc);
    out.into_iter()
        .map(|(label, detail, kind)| CompletionItem {
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                range,
                label.clone(),
            ))),
            filter_text: Some(label.clone()),
            label,
            detail: (!detail.is_empty()).then_some(detail),
            kind: Some(kind),
            ..Default::default()
        })
        .collect()
}

/// The procedure whose fence holds `offset`.
fn procedure_at<'a>(place: &Place<'a>, offset: usize) -> Option<&'a Procedure> {
    let mut found = None;
    walk_blocks(&place.chapter.blocks, &mut |b| {
        if let BlockKind::Procedure(p) = &b.kind
            && b.span.start <= offset
            && offset <= b.span.end
        {
            found = Some(&**p);
        }
    });
    found
}

/// "section 3.1 — Title", "step 2 of procedure 4.1 — Title", in the interface language.
pub fn describe(a: &Anchor) -> String {
    format!("{} — {}", anchor_words(a), a.title)
}

/// "section 3.1", "step 2 of procedure 4.1", "table" (an unnumbered one), in the interface
/// language: what completion and hover call an anchor.
pub fn anchor_words(a: &Anchor) -> String {
    if a.kind == AnchorKind::Step {
        return crate::msg!("lsp-step-of", number = &a.number, procedure = &a.parent).ui();
    }
    let kind = match a.kind {
        AnchorKind::Chapter => "chapter",
        AnchorKind::Section => "section",
        AnchorKind::Annex => "annex",
        AnchorKind::AnnexSection => "annex-section",
        AnchorKind::Table => "table",
        AnchorKind::Figure => "figure",
        AnchorKind::Procedure => "procedure",
        AnchorKind::Step => "step",
        AnchorKind::Footnote => "footnote",
    };
    let kind = crate::msg!("lsp-anchor-kind", kind = kind).ui();
    if a.number.is_empty() {
        kind
    } else {
        format!("{kind} {}", a.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, in_procedure: bool) -> Option<(Context, String)> {
        let cursor = text.find('|').unwrap();
        let text = text.replace('|', "");
        let file = SourceFile::new("a.md", None, text.clone());
        context(&file, cursor, in_procedure).map(|(c, s)| (c, text[s..cursor].to_string()))
    }

    #[test]
    fn the_text_before_the_cursor_says_what_is_completed() {
        assert_eq!(
            at("Voir [](#cons|", false),
            Some((Context::Anchor { doc: None }, "cons".into()))
        );
        assert_eq!(
            at("Voir [](sop-02#|", false),
            Some((
                Context::Anchor {
                    doc: Some("sop-02".into())
                },
                String::new()
            ))
        );
        assert_eq!(
            at("Voir [](so|", false),
            Some((Context::Document, "so".into()))
        );
        assert_eq!(
            at("Selon la [](legal:lo|", false),
            Some((Context::Legal, "lo".into()))
        );
        assert_eq!(
            at("Selon la [](legal:loi-1#|", false),
            Some((Context::Article("loi-1".into()), String::new()))
        );
        assert_eq!(
            at("Comme l’écrit [@oim; @hc|", false),
            Some((Context::Cite, "hc".into()))
        );
        assert_eq!(
            at("<!-- sopdoc-disable-next-line xref/un|", false),
            Some((Context::Rule, "xref/un".into()))
        );
        assert_eq!(at("Voir [](#a) puis la suite|", false), None);
        assert_eq!(at("    actor: po|", false), None);
    }

    #[test]
    fn procedure_keys_complete_actors_and_steps() {
        assert_eq!(
            at("  - id: a\n    actor: po|", true),
            Some((Context::Actor, "po".into()))
        );
        assert_eq!(
            at("    support: [ong, |", true),
            Some((Context::Actor, String::new()))
        );
        assert_eq!(
            at("    next: cl|", true),
            Some((Context::Step, "cl".into()))
        );
        assert_eq!(
            at("    branches: {oui: a, non: |", true),
            Some((Context::Step, String::new()))
        );
        assert_eq!(
            at("    branches:\n      oui: en|", true),
            Some((Context::Step, "en".into()))
        );
    }
}
