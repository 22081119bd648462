//! Lazy continuation: CommonMark glues an unindented line onto the list item above it when
//! no blank line separates them, so a paragraph typed right after a list silently becomes
//! part of the last item. Hard-wrapped items use the same mechanism on purpose, so only the
//! telling case is reported: the glued line starts with a capital letter right after a
//! sentence ended (`.`, `!`, `?`, `…`) — a new paragraph, not the rest of a sentence.

use crate::diag::{Diagnostic, rules};
use crate::model::{Block, BlockKind};
use crate::msg;
use crate::source::Span;

/// Reports every paragraph line glued onto a list item (see the module documentation).
pub(super) fn check(blocks: &[Block], text: &str, diags: &mut Vec<Diagnostic>) {
    for b in blocks {
        match &b.kind {
            BlockKind::List(l) => {
                for item in &l.items {
                    let column = content_column(text, item.span.start, &item.blocks);
                    for inner in &item.blocks {
                        if let BlockKind::Paragraph(_) = inner.kind {
                            paragraph(text, inner.span, column, diags);
                        }
                    }
                    check(&item.blocks, text, diags);
                }
            }
            BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => {
                check(blocks, text, diags)
            }
            _ => {}
        }
    }
}

/// The column where the item's text starts (after `- ` or `1. `), or `None` when its first
/// block does not start on the marker's line.
fn content_column(text: &str, item_start: usize, blocks: &[Block]) -> Option<usize> {
    let first = blocks.first()?.span.start;
    let line_start = text[..item_start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let between = text.get(item_start..first)?;
    (!between.contains('\n')).then(|| first - line_start)
}

fn paragraph(text: &str, span: Span, column: Option<usize>, diags: &mut Vec<Diagnostic>) {
    let Some(column) = column else { return };
    let Some(body) = text.get(span.range()) else {
        return;
    };
    let mut offset = span.start;
    let mut previous: Option<&str> = None;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
        let glued = content.trim_start();
        let after_sentence = previous.is_some_and(|p| p.trim_end().ends_with(['.', '!', '?', '…']));
        if after_sentence && indent < column && glued.chars().next().is_some_and(char::is_uppercase)
        {
            let start = offset + indent;
            diags.push(
                Diagnostic::warning(
                    rules::PARSE_LAZY_CONTINUATION,
                    msg!("parse-lazy-continuation"),
                )
                .at(Span::new(span.source, start..offset + content.len()))
                .hint(msg!("parse-lazy-continuation-hint")),
            );
        }
        previous = Some(content);
        offset += line.len();
    }
}

#[cfg(test)]
mod tests {
    use crate::source::{SourceFile, SourceMap};

    fn lazy(md: &str) -> usize {
        let mut map = SourceMap::new();
        let file = SourceFile::new("c.md", None, md.to_string());
        let id = map.add(file.clone());
        crate::parse::parse_chapter(&file, id)
            .diagnostics
            .iter()
            .filter(|d| d.rule == super::rules::PARSE_LAZY_CONTINUATION.id)
            .count()
    }

    #[test]
    fn a_paragraph_glued_onto_a_list_item_is_reported() {
        assert_eq!(
            lazy("- Premier point.\n- Second point.\nUn nouveau paragraphe.\n"),
            1
        );
        assert_eq!(lazy("1. Étape une !\nÉtape glissée.\n"), 1);
        assert_eq!(lazy("- a\n  - Sous-point.\n  Texte collé.\n"), 1);
    }

    #[test]
    fn hard_wrapped_items_stay_quiet() {
        assert_eq!(lazy("- Un point qui continue\nsur la ligne suivante.\n"), 0);
        assert_eq!(lazy("- Un point.\n  Suite indentée.\n"), 0);
        assert_eq!(lazy("- Un point.\n\nUn paragraphe.\n"), 0);
        assert_eq!(lazy("- Voir l’article 3.\nsuite en minuscule.\n"), 0);
    }
}
