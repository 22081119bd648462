//! Document and workspace symbols: the outline of a chapter (its headings, tables,
//! figures, procedures and steps, nested as the document nests them) and a search over
//! every numbered thing of the collection, in every language.
//!
//! Both read the anchors resolution recorded (id, kind, number, title, span), so the
//! outline shows the numbers the PDF prints ("3.2 Consentement éclairé").

use std::ops::Range;

use crate::model::*;
use crate::source::{SourceId, Span};

use super::navigate::place_of;

/// One entry of a chapter's outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// What the reader sees: the number and the title.
    pub name: String,
    /// The id (`#consentement`).
    pub id: String,
    /// What it is.
    pub kind: AnchorKind,
    /// The whole element (a heading's section runs to the next heading of its level).
    pub range: Range<usize>,
    /// The line that names it.
    pub selection: Range<usize>,
    /// What it holds.
    pub children: Vec<Symbol>,
}

/// The outline of the chapter in `source` (empty for other files).
pub fn outline(project: &Project, source: SourceId) -> Vec<Symbol> {
    let Some(place) = place_of(project, source) else {
        return Vec::new();
    };
    let text_len = project.sources.get(source).text.len();
    let levels: std::collections::HashMap<&str, u8> = place
        .chapter
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading(h) => Some((h.id.as_str(), h.level)),
            _ => None,
        })
        .collect();
    let block_of = |span: Span| {
        place
            .chapter
            .blocks
            .iter()
            .find(|b| b.span.start <= span.start && span.end <= b.span.end)
            .map_or(span.range(), |b| b.span.range())
    };
    let mut anchors: Vec<(&String, &Anchor)> = place
        .translation
        .anchors
        .iter()
        .filter(|(_, a)| a.span.source == source && a.kind != AnchorKind::Footnote)
        .collect();
    // At one place, a procedure comes before its diagram and its steps.
    let rank = |k: AnchorKind| match k {
        AnchorKind::Figure => 1,
        AnchorKind::Step => 2,
        _ => 0,
    };
    anchors.sort_by_key(|(_, a)| (a.span.start, rank(a.kind)));
    let words = crate::l10n::words(&place.translation.lang);
    let mut procedure_at = None;
    // Flat list with a depth each: headings by level, the rest under the heading (and
    // steps under their procedure).
    let mut flat: Vec<(u8, Symbol)> = Vec::new();
    let mut heading_depth = 0u8;
    for (id, a) in anchors {
        let (depth, range) = match a.kind {
            AnchorKind::Chapter | AnchorKind::Annex => (1, a.span.range()),
            AnchorKind::Section | AnchorKind::AnnexSection => (
                levels.get(id.as_str()).copied().unwrap_or(2),
                a.span.range(),
            ),
            AnchorKind::Step => (heading_depth + 2, a.span.range()),
            // A procedure's diagram sits under the procedure.
            AnchorKind::Figure if procedure_at == Some(a.span.start) => {
                (heading_depth + 2, block_of(a.span))
            }
            _ => (heading_depth + 1, block_of(a.span)),
        };
        if is_heading(a.kind) {
            heading_depth = depth;
        }
        if a.kind == AnchorKind::Procedure {
            procedure_at = Some(a.span.start);
        }
        let title = a.title.trim();
        let name = match (a.number.is_empty(), a.kind) {
            (true, _) => title.to_string(),
            (false, AnchorKind::Step) => format!("{}. {title}", a.number),
            (false, AnchorKind::Table | AnchorKind::Figure) => {
                let word = if a.kind == AnchorKind::Table {
                    words.table_title
                } else {
                    words.figure_title
                };
                match title {
                    "" => format!("{word} {}", a.number),
                    t => format!("{word} {} — {t}", a.number),
                }
            }
            (false, _) => format!("{} {title}", a.number),
        };
        flat.push((
            depth,
            Symbol {
                name: if name.trim().is_empty() {
                    id.clone()
                } else {
                    name
                },
                id: id.clone(),
                kind: a.kind,
                range: range.clone(),
                selection: a.span.range(),
                children: Vec::new(),
            },
        ));
    }
    // A heading's range runs to the next heading of its level or above (or the file's end).
    for i in 0..flat.len() {
        if !is_heading(flat[i].1.kind) {
            continue;
        }
        let depth = flat[i].0;
        let end = flat[i + 1..]
            .iter()
            .find(|(d, s)| is_heading(s.kind) && *d <= depth)
            .map_or(text_len, |(_, s)| s.range.start);
        flat[i].1.range.end = end.max(flat[i].1.range.end);
    }
    nest(flat)
}

fn is_heading(kind: AnchorKind) -> bool {
    matches!(
        kind,
        AnchorKind::Chapter | AnchorKind::Section | AnchorKind::Annex | AnchorKind::AnnexSection
    )
}

/// Builds the tree from entries in document order with their depths.
fn nest(flat: Vec<(u8, Symbol)>) -> Vec<Symbol> {
    let mut roots: Vec<Symbol> = Vec::new();
    let mut stack: Vec<(u8, Symbol)> = Vec::new();
    let close = |stack: &mut Vec<(u8, Symbol)>, roots: &mut Vec<Symbol>| {
        let (_, done) = stack.pop().expect("not empty");
        match stack.last_mut() {
            Some((_, parent)) => {
                // A child never reaches past its parent (the protocol requires it).
                let mut done = done;
                done.range.end = done.range.end.min(parent.range.end);
                done.range.start = done.range.start.max(parent.range.start);
                parent.children.push(done);
            }
            None => roots.push(done),
        }
    };
    for (depth, symbol) in flat {
        while stack.last().is_some_and(|(d, _)| *d >= depth) {
            close(&mut stack, &mut roots);
        }
        stack.push((depth, symbol));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    roots
}

/// One match of a workspace search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The number and title.
    pub name: String,
    /// What it is.
    pub kind: AnchorKind,
    /// Where it is defined.
    pub span: Span,
    /// The document and language (`sop-01 (fr)`).
    pub container: String,
}

/// The anchors of every document and language whose title or id holds every word of
/// `query` (accents and case ignored), at most `limit`, in project order.
pub fn search(project: &Project, query: &str, limit: usize) -> Vec<Found> {
    let fold = crate::l10n::sort_key;
    let words: Vec<String> = query.split_whitespace().map(fold).collect();
    let mut out = Vec::new();
    for doc in &project.documents {
        for t in &doc.translations {
            let mut anchors: Vec<(&String, &Anchor)> = t
                .anchors
                .iter()
                .filter(|(_, a)| a.kind != AnchorKind::Footnote)
                .collect();
            anchors.sort_by_key(|(_, a)| (a.chapter, a.span.start));
            for (id, a) in anchors {
                let hay = fold(&format!("{} {} {id}", a.number, a.title));
                if !words.iter().all(|w| hay.contains(w.as_str())) {
                    continue;
                }
                out.push(Found {
                    name: format!("{} {}", a.number, a.title).trim().to_string(),
                    kind: a.kind,
                    span: a.span,
                    container: format!("{} ({})", doc.id(), t.lang),
                });
                if out.len() >= limit {
                    return out;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sym(name: &str, kind: AnchorKind, range: Range<usize>) -> Symbol {
        Symbol {
            name: name.into(),
            id: name.into(),
            kind,
            selection: range.clone(),
            range,
            children: Vec::new(),
        }
    }

    #[test]
    fn entries_nest_by_depth_and_children_stay_inside_their_parent() {
        let flat = vec![
            (1, sym("1", AnchorKind::Chapter, 0..100)),
            (2, sym("1.1", AnchorKind::Section, 10..60)),
            (3, sym("table", AnchorKind::Table, 20..70)),
            (2, sym("1.2", AnchorKind::Section, 60..100)),
        ];
        let tree = nest(flat);
        assert_eq!(tree.len(), 1);
        let chapter = &tree[0];
        assert_eq!(
            chapter.children.iter().map(|c| &c.name).collect::<Vec<_>>(),
            ["1.1", "1.2"]
        );
        let table = &chapter.children[0].children[0];
        assert_eq!(table.name, "table");
        assert_eq!(table.range, 20..60);
    }
}
