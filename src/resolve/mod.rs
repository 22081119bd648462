//! Ids, numbers and cross-references, computed once for every output.
//!
//! Numbering: level-1 headings are chapters (1, 2, …) or, in annex files, annexes (A, B,
//! …); deeper headings extend the number (2.3, B.1). Captioned tables and figures are
//! numbered through the document (3) or per annex (A.1). Headings without an explicit
//! `{#id}` get a positional id (`s-2-3`, `a-b-1`) that is the same in every language,
//! never one derived from their words. Both renderers print these numbers, so the HTML
//! and the PDF agree.

mod citations;
mod files;
mod footnotes;
pub(crate) use footnotes::literal_marks;
mod links;
mod paragraphs;
mod procedures;
mod registry;

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::model::*;
use crate::msg;
use crate::source::Span;
use rayon::prelude::*;

/// Fills ids, numbers and anchors of every translation, then resolves every link.
pub fn resolve(project: &mut Project) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let t0 = std::time::Instant::now();
    let mut all: Vec<&mut Translation> = project
        .documents
        .iter_mut()
        .flat_map(|d| d.translations.iter_mut())
        .collect();
    // Each translation is numbered on its own: on every core.
    for found in all
        .par_iter_mut()
        .map(|t| {
            let mut diags = Vec::new();
            number_translation(t, &mut diags);
            footnotes::number(t, &mut diags);
            diags
        })
        .collect::<Vec<_>>()
    {
        diags.extend(found);
    }
    crate::timings::record("resolve: numbers", t0);
    let t0 = std::time::Instant::now();
    procedures::label_actors(project);
    procedures::fill_matrices(project);
    crate::timings::record("resolve: procedures", t0);
    let t0 = std::time::Instant::now();
    links::resolve_links(project, &mut diags);
    files::check_logo(project, &mut diags);
    crate::timings::record("resolve: links", t0);
    let t0 = std::time::Instant::now();
    citations::resolve_citations(project, &mut diags);
    crate::timings::record("resolve: citations", t0);
    let t0 = std::time::Instant::now();
    registry::record_uses(project);
    crate::timings::record("resolve: registry uses", t0);
    diags
}

/// The review numbers of a resolved translation (every paragraph, list item, table and
/// step), worked out on first use: a review element's text shows its references and
/// citations as printed, so only once resolution is done.
pub fn review_numbers(t: &Translation) -> &Paragraphs {
    t.paragraphs.get_or_init(|| paragraphs::number(t))
}

/// Letters for annex numbers: A … Z, then AA, AB ….
pub fn annex_letter(n: usize) -> String {
    let mut n = n;
    let mut s = Vec::new();
    loop {
        s.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
        if n == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII letters")
}

#[derive(Default)]
struct Counters {
    chapter: usize,
    annex: usize,
    /// Numbered heading counters below level 1, per level (index 1..=5).
    levels: [usize; 6],
    /// Positional counters of all headings below level 1 (for ids).
    positions: [usize; 6],
    in_annex: bool,
    tables: usize,
    figures: usize,
    /// Procedures of the current chapter or annex.
    procedures: usize,
}

impl Counters {
    fn prefix(&self) -> String {
        if self.in_annex {
            annex_letter(self.annex.max(1))
        } else {
            self.chapter.to_string()
        }
    }

    fn caption_number(&self, n: usize) -> String {
        if self.in_annex {
            format!("{}.{n}", annex_letter(self.annex.max(1)))
        } else {
            n.to_string()
        }
    }
}

fn number_translation(t: &mut Translation, diags: &mut Vec<Diagnostic>) {
    let mut c = Counters::default();
    let mut anchors: BTreeMap<String, Anchor> = BTreeMap::new();
    for (index, chapter) in t.chapters.iter_mut().enumerate() {
        let annex_file = chapter.meta.annex;
        let mut cx = ChapterCx {
            index,
            annex_file,
            counters: &mut c,
            anchors: &mut anchors,
            diags,
        };
        for block in &mut chapter.blocks {
            cx.block(block);
        }
    }
    t.anchors = anchors;
}

struct ChapterCx<'a> {
    index: usize,
    annex_file: bool,
    counters: &'a mut Counters,
    anchors: &'a mut BTreeMap<String, Anchor>,
    diags: &'a mut Vec<Diagnostic>,
}

impl ChapterCx<'_> {
    fn block(&mut self, block: &mut Block) {
        let span = block.span;
        match &mut block.kind {
            BlockKind::Heading(h) => self.heading(h, span),
            BlockKind::Table(table) => {
                if let Some(caption) = &mut table.caption {
                    self.counters.tables += 1;
                    let n = self.counters.caption_number(self.counters.tables);
                    self.caption(caption, n, "tbl", AnchorKind::Table);
                }
            }
            BlockKind::Figure { caption, .. } => {
                self.counters.figures += 1;
                let n = self.counters.caption_number(self.counters.figures);
                self.caption(caption, n, "fig", AnchorKind::Figure);
            }
            BlockKind::Procedure(p) => self.procedure(p),
            BlockKind::Matrix(m) => {
                self.counters.tables += 1;
                let n = self.counters.caption_number(self.counters.tables);
                self.caption(&mut m.caption, n, "tbl", AnchorKind::Table);
            }
            BlockKind::List(l) => {
                for item in &mut l.items {
                    for b in &mut item.blocks {
                        self.block(b);
                    }
                }
            }
            BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => {
                for b in blocks {
                    self.block(b);
                }
            }
            _ => {}
        }
    }

    fn heading(&mut self, h: &mut Heading, span: Span) {
        let c = &mut *self.counters;
        let numbered = !h.classes.iter().any(|cl| cl == "unnumbered" || cl == "-");
        let level = usize::from(h.level.clamp(1, 6));
        let kind;
        if level == 1 {
            c.in_annex = self.annex_file;
            if c.in_annex {
                c.annex += 1;
                kind = AnchorKind::Annex;
            } else {
                c.chapter += 1;
                kind = AnchorKind::Chapter;
            }
            c.levels = [0; 6];
            c.positions = [0; 6];
            c.procedures = 0;
            c.tables = if c.in_annex { 0 } else { c.tables };
            c.figures = if c.in_annex { 0 } else { c.figures };
            h.number = if numbered { c.prefix() } else { String::new() };
        } else {
            kind = if c.in_annex {
                AnchorKind::AnnexSection
            } else {
                AnchorKind::Section
            };
            c.positions[level - 1] += 1;
            for p in &mut c.positions[level..] {
                *p = 0;
            }
            if numbered {
                c.levels[level - 1] += 1;
                for l in &mut c.levels[level..] {
                    *l = 0;
                }
                let mut parts = vec![c.prefix()];
                parts.extend(c.levels[1..level].iter().map(|n| n.to_string()));
                h.number = parts.join(".");
            } else {
                h.number = String::new();
            }
        }
        let positional = {
            let head = if c.in_annex {
                format!("a-{}", c.prefix().to_lowercase())
            } else {
                format!("s-{}", c.chapter)
            };
            let mut parts = vec![head];
            parts.extend(c.positions[1..level].iter().map(|n| n.to_string()));
            parts.join("-")
        };
        h.id = match &h.explicit_id {
            Some(id) => {
                self.check_id(id, span);
                id.clone()
            }
            None => positional,
        };
        let title = plain_text(&h.content);
        self.add_anchor(
            h.id.clone(),
            Anchor {
                kind,
                number: h.number.clone(),
                title,
                parent: String::new(),
                chapter: self.index,
                span,
            },
        );
    }

    /// Numbers a procedure (`2.1`: chapter, then rank in it) and its diagram (a figure),
    /// and makes the procedure and each step (`procedure-id.step-id`) anchors.
    fn procedure(&mut self, p: &mut Procedure) {
        let c = &mut *self.counters;
        c.procedures += 1;
        p.number = format!("{}.{}", c.prefix(), c.procedures);
        self.add_anchor(
            p.id.clone(),
            Anchor {
                kind: AnchorKind::Procedure,
                number: p.number.clone(),
                title: plain_text(&p.title),
                parent: String::new(),
                chapter: self.index,
                span: p.id_span,
            },
        );
        let mut seen = std::collections::BTreeSet::new();
        for step in &p.steps {
            // Duplicate step ids are reported by the procedure checks; the first one wins.
            if !seen.insert(step.id.value.as_str()) {
                continue;
            }
            let title = match &step.flow {
                Flow::Decision { question, .. } if step.action.is_empty() => plain_text(question),
                _ => plain_text(&step.action),
            };
            self.add_anchor(
                format!("{}.{}", p.id, step.id.value),
                Anchor {
                    kind: AnchorKind::Step,
                    number: step.number.to_string(),
                    title,
                    parent: p.number.clone(),
                    chapter: self.index,
                    span: step.id.span,
                },
            );
        }
        if let Some(caption) = &mut p.diagram {
            self.counters.figures += 1;
            let n = self.counters.caption_number(self.counters.figures);
            self.caption(caption, n, "fig", AnchorKind::Figure);
        }
    }

    fn caption(&mut self, caption: &mut Caption, number: String, prefix: &str, kind: AnchorKind) {
        caption.number = number.clone();
        let id = match &caption.id {
            Some(id) => {
                self.check_id(id, caption.span);
                id.clone()
            }
            None => format!("{prefix}-{}", number.replace('.', "-").to_lowercase()),
        };
        caption.id = Some(id.clone());
        let title = plain_text(&caption.content);
        self.add_anchor(
            id,
            Anchor {
                kind,
                number,
                title,
                parent: String::new(),
                chapter: self.index,
                span: caption.span,
            },
        );
    }

    fn check_id(&mut self, id: &str, span: Span) {
        if !is_valid_id(id) {
            self.diags.push(
                Diagnostic::warning(rules::XREF_INVALID_ID, msg!("xref-invalid-id", id = &id))
                    .at(span)
                    .hint(msg!(
                        "xref-invalid-id-hint",
                        slug_id = &(crate::model::slug(id))
                    )),
            );
        }
    }

    fn add_anchor(&mut self, id: String, anchor: Anchor) {
        if let Some(first) = self.anchors.get(&id) {
            self.diags.push(
                Diagnostic::error(
                    rules::XREF_DUPLICATE_ID,
                    msg!("xref-duplicate-id", id = &id),
                )
                .at(anchor.span)
                .related(first.span, msg!("xref-duplicate-id-note"))
                .hint(msg!("xref-duplicate-id-hint")),
            );
            return;
        }
        self.anchors.insert(id, anchor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_letters() {
        assert_eq!(annex_letter(1), "A");
        assert_eq!(annex_letter(26), "Z");
        assert_eq!(annex_letter(27), "AA");
    }
}
