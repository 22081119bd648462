//! The committee's contributions annex: the comments matrix of a document as one more
//! annex ("Contributions du Comité"), with a summary by disposition and by institution.
//!
//! The annex is built as a model chapter (a heading, an introduction and three tables),
//! so the HTML and the PDF print it with their ordinary table code: same numbers, same
//! escaping, the wide matrix on a landscape page in the PDF.

use std::collections::BTreeMap;

use crate::l10n::words;
use crate::model::comments::GENERAL;
use crate::model::*;
use crate::source::Span;

/// The id of the annex heading.
pub const ANCHOR: &str = "contributions";

/// The annex of `doc`'s comments matrix in language `t.lang`, lettered after the
/// translation's own annexes; `None` when the document has no comments.
pub fn chapter(doc: &Document, t: &Translation) -> Option<Chapter> {
    let matrix = doc.comments.as_ref()?;
    if matrix.comments.is_empty() {
        return None;
    }
    let w = words(&t.lang);
    let at = Span::file_start(matrix.source);
    let letter =
        crate::resolve::annex_letter(t.chapters.iter().filter(|c| c.meta.annex).count() + 1);
    let text = |s: &str| {
        vec![Inline {
            kind: InlineKind::Text(s.to_string()),
            span: at,
        }]
    };
    let cell = |s: &str| Cell {
        content: text(s),
        span: at,
    };
    let block = |kind: BlockKind| Block { kind, span: at };
    let mut tables = 0;
    let mut table = |caption: &str, header: Vec<Cell>, rows: Vec<Vec<Cell>>, aligns: Vec<Align>| {
        tables += 1;
        block(BlockKind::Table(Box::new(Table {
            aligns,
            header,
            rows,
            caption: Some(Caption {
                content: text(caption),
                id: Some(format!("{ANCHOR}-{tables}")),
                number: format!("{letter}.{tables}"),
                span: at,
            }),
        })))
    };

    let disposition_label = |d: Option<Disposition>| match d {
        Some(d) => w.dispositions[d.index()],
        None => w.dispositions[4],
    };
    let total = matrix.comments.len();
    let mut by_disposition: BTreeMap<Option<Disposition>, usize> = BTreeMap::new();
    let mut by_institution: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &matrix.comments {
        *by_disposition
            .entry(c.disposition.as_ref().map(|d| d.value))
            .or_default() += 1;
        *by_institution.entry(institution(c)).or_default() += 1;
    }
    let mut rows: Vec<Vec<Cell>> = Disposition::ALL
        .iter()
        .map(|&d| Some(d))
        .chain(std::iter::once(None))
        .filter_map(|d| {
            let n = by_disposition.get(&d).copied().unwrap_or(0);
            (d.is_some() || n > 0).then(|| vec![cell(disposition_label(d)), cell(&n.to_string())])
        })
        .collect();
    rows.push(vec![cell(w.comment_summary[2]), cell(&total.to_string())]);
    let summary_disposition = table(
        w.comment_summary[0],
        vec![cell(w.comment_columns[6]), cell(w.comment_summary[2])],
        rows,
        vec![Align::Left, Align::Right],
    );
    let mut rows: Vec<Vec<Cell>> = by_institution
        .iter()
        .map(|(inst, n)| vec![cell(inst), cell(&n.to_string())])
        .collect();
    rows.push(vec![cell(w.comment_summary[2]), cell(&total.to_string())]);
    let summary_institution = table(
        w.comment_summary[1],
        vec![cell(w.comment_columns[3]), cell(w.comment_summary[2])],
        rows,
        vec![Align::Left, Align::Right],
    );
    let mut comments: Vec<&comments::Comment> = matrix.comments.iter().collect();
    comments.sort_by_key(|c| c.number.value);
    let general = if t.lang == "fr" {
        "Général"
    } else {
        "General"
    };
    let rows = comments
        .iter()
        .map(|c| {
            let paragraph = c.paragraph.value.trim();
            vec![
                cell(&c.number.value.to_string()),
                cell(if paragraph == GENERAL {
                    general
                } else {
                    paragraph
                }),
                cell(&c.reviewer),
                cell(institution(c)),
                cell(&c.comment),
                cell(c.proposed_change.as_deref().unwrap_or("")),
                cell(disposition_label(c.disposition.as_ref().map(|d| d.value))),
                cell(c.response.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    let all = table(
        w.contributions_title,
        w.comment_columns.iter().map(|h| cell(h)).collect(),
        rows,
        vec![Align::None; 8],
    );
    let blocks = vec![
        block(BlockKind::Heading(Box::new(Heading {
            level: 1,
            explicit_id: Some(ANCHOR.into()),
            id: ANCHOR.into(),
            number: letter,
            content: text(w.contributions_title),
            classes: Vec::new(),
            section: None,
        }))),
        block(BlockKind::Paragraph(text(w.contributions_intro))),
        summary_disposition,
        summary_institution,
        all,
    ];
    Some(Chapter {
        source: matrix.source,
        file_name: format!("{ANCHOR}.md"),
        meta: ChapterMeta {
            title: Some(w.contributions_title.to_string()),
            annex: true,
            id: Some(ANCHOR.into()),
        },
        blocks,
        footnotes: Vec::new(),
        comments: Vec::new(),
    })
}

/// The comment's institution, or a dash when it was not given (`review import` without
/// `--institution`).
fn institution(c: &comments::Comment) -> &str {
    match c.institution.trim() {
        "" => "—",
        name => name,
    }
}
