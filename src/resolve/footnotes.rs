//! Footnote numbers, one sequence through each document in reading order.
//!
//! Typst numbers a PDF's footnotes through the whole document, in the order their marks
//! are laid out; the site prints the same numbers on its chapter pages, so "note 12" means
//! the same note in both outputs and a cross-reference `[](#^label)` can print it. A note
//! gets its number at its first mark; a note referred to from inside another note is
//! numbered when that note's text is reached. Notes no mark refers to keep 0 and print
//! nowhere (`xref/unused-footnote`).

use std::collections::{HashMap, HashSet};

use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::model::*;
use crate::msg;
use crate::source::Span;

/// Numbers the footnotes of one translation, and reports marks without a note and notes
/// without a mark.
pub(super) fn number(t: &mut Translation, diags: &mut Vec<Diagnostic>) {
    let mut next = 0;
    for chapter in &mut t.chapters {
        let defined: HashMap<&str, usize> = chapter
            .footnotes
            .iter()
            .enumerate()
            .map(|(i, f)| (f.label.as_str(), i))
            .collect();
        // A label is numbered once, at its first mark: `seen` keeps the test constant-time
        // (a chapter may hold 100 000 notes).
        let mut seen: HashSet<&str> = HashSet::new();
        let mut see = |label: &str, found: &mut Vec<usize>| {
            if let Some((&key, &index)) = defined.get_key_value(label)
                && seen.insert(key)
            {
                found.push(index);
            }
        };
        let mut top = Vec::new();
        for b in &chapter.blocks {
            marks_in_block(b, &mut |l| see(l, &mut top));
        }
        // Notes referred to from notes come right after the note that refers to them, in
        // the order their referring note is reached: a depth-first walk with an explicit
        // stack (a chain of notes citing notes may be as long as the chapter).
        let mut pending: Vec<usize> = Vec::with_capacity(top.len());
        let mut stack: Vec<usize> = top.into_iter().rev().collect();
        while let Some(index) = stack.pop() {
            pending.push(index);
            let mut inner = Vec::new();
            for b in &chapter.footnotes[index].blocks {
                marks_in_block(b, &mut |l| see(l, &mut inner));
            }
            stack.extend(inner.into_iter().rev());
        }
        for index in pending {
            next += 1;
            chapter.footnotes[index].number = next;
        }
        for f in &chapter.footnotes {
            if f.number == 0 {
                diags.push(
                    Diagnostic::warning(
                        rules::XREF_UNUSED_FOOTNOTE,
                        msg!("xref-unused-footnote", label = &f.label),
                    )
                    .at(f.span)
                    .hint(msg!("xref-unused-footnote-hint", label = &f.label)),
                );
            }
        }
        undefined_marks(chapter, diags);
    }
}

/// Calls `f` with the label of every footnote mark of a block, in the order the outputs
/// print them.
fn marks_in_block(block: &Block, f: &mut dyn FnMut(&str)) {
    let inl = |inlines: &[Inline], f: &mut dyn FnMut(&str)| {
        walk_inlines(inlines, &mut |i| {
            if let InlineKind::FootnoteRef(l) = &i.kind {
                f(l);
            }
        });
    };
    match &block.kind {
        BlockKind::List(l) => {
            for item in &l.items {
                for b in &item.blocks {
                    marks_in_block(b, f);
                }
            }
        }
        BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => {
            for b in blocks {
                marks_in_block(b, f);
            }
        }
        BlockKind::Definitions(items) => {
            for item in items {
                inl(&item.term, f);
                for d in &item.definitions {
                    for b in d {
                        marks_in_block(b, f);
                    }
                }
            }
        }
        _ => block_inlines(block, &mut |i| inl(i, f)),
    }
}

/// A mark whose note is missing stays literal text in CommonMark (`[^2]`): say so.
fn undefined_marks(chapter: &Chapter, diags: &mut Vec<Diagnostic>) {
    let mut found: Vec<(String, Span)> = Vec::new();
    let mut text = |inlines: &[Inline]| {
        walk_inlines(inlines, &mut |i| {
            if let InlineKind::Text(t) = &i.kind {
                for (offset, label) in literal_marks(t) {
                    // The text maps byte for byte to the source unless it held escapes.
                    let span = if i.span.end - i.span.start == t.len() {
                        let start = i.span.start + offset;
                        Span::new(i.span.source, start..start + label.len() + 3)
                    } else {
                        i.span
                    };
                    found.push((label, span));
                }
            }
        });
    };
    let mut all = |blocks: &[Block]| {
        walk_blocks(blocks, &mut |b| block_inlines(b, &mut |i| text(i)));
    };
    all(&chapter.blocks);
    for f in &chapter.footnotes {
        all(&f.blocks);
    }
    for (label, span) in found {
        diags.push(
            Diagnostic::error(
                rules::XREF_UNKNOWN_FOOTNOTE,
                msg!("xref-unknown-footnote", label = &label),
            )
            .at(span)
            .hint(msg!("xref-unknown-footnote-hint", label = &label)),
        );
    }
}

/// `[^label]` runs left in text, with their byte offsets.
pub(crate) fn literal_marks(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("[^") {
        let start = from + i;
        let rest = &text[start + 2..];
        match rest.find(']') {
            Some(end)
                if end > 0
                    && !rest[..end].contains(char::is_whitespace)
                    && !rest[..end].contains(['[', '^']) =>
            {
                out.push((start, rest[..end].to_string()));
                from = start + 2 + end + 1;
            }
            _ => from = start + 2,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_marks_are_found_with_offsets() {
        assert_eq!(
            literal_marks("voir [^2] et [^note-a]."),
            vec![(5, "2".to_string()), (13, "note-a".to_string())]
        );
        assert!(literal_marks("[^] [^ a] x^2 [a]").is_empty());
    }
}
