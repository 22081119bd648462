//! A translation flattened for comparison: sections (by heading id), their top-level
//! blocks, and each block's parts (the translation units of `translate::segment`, so
//! parts carry the same structural ids translators see in XLIFF).

use crate::fingerprint::fnv1a64;
use crate::model::{Block, BlockKind, Project, Translation};
use crate::translate::segment::{chapter_units, sanitize_id};
use crate::translate::text::canonical;

/// A section: a heading and the blocks up to the next heading.
#[derive(Debug, Clone)]
pub struct Section {
    /// The heading's id (explicit or positional); `_:<chapter>` for text before a
    /// chapter's first heading, `fn.<label>` for a footnote.
    pub id: String,
    /// Heading level (0 for text before the first heading).
    pub level: u8,
    /// Display number.
    pub number: String,
    /// Heading text (Markdown of inline codes kept).
    pub title: String,
    /// Chapter file name.
    pub chapter: String,
    /// The blocks.
    pub blocks: Vec<FlatBlock>,
}

/// One top-level block of a section.
#[derive(Debug, Clone)]
pub struct FlatBlock {
    /// What it is (`paragraph`, `list`, `table`, `procedure`…).
    pub kind: &'static str,
    /// Structural id (`consentement.2`).
    pub unit: String,
    /// Fingerprint of its kind and text, independent of its position.
    pub fingerprint: u64,
    /// Its texts.
    pub parts: Vec<Part>,
}

/// One text of a block: a paragraph, list item, table cell, step text, caption.
#[derive(Debug, Clone)]
pub struct Part {
    /// Unit id (`consentement.4.3.1`, `….5.r1c2`, `….3.reperage.action`).
    pub unit: String,
    /// The text, white space collapsed, inline Markdown (links, emphasis) as written,
    /// except empty cross-references, printed as the document prints them ("tableau 1",
    /// not `[](#tbl-x)`).
    pub text: String,
}

/// Flattens one translation of a resolved project.
pub fn flatten(project: &Project, t: &Translation) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for chapter in &t.chapters {
        let text = project.sources.get(chapter.source).text.as_str();
        let units = chapter_units(chapter, text);
        let xrefs = xref_words(chapter, text);
        let units: Vec<_> = units
            .into_iter()
            .map(|mut u| {
                printed_xrefs(&mut u.pieces, &xrefs);
                u
            })
            .collect();
        let mut current = Section {
            id: format!("_:{}", chapter.stem()),
            level: 0,
            number: String::new(),
            title: String::new(),
            chapter: chapter.file_name.clone(),
            blocks: Vec::new(),
        };
        let mut unit_section = "_".to_string();
        let mut pos = 0usize;
        for block in &chapter.blocks {
            if let BlockKind::Heading(h) = &block.kind {
                let done = std::mem::replace(
                    &mut current,
                    Section {
                        id: h.id.clone(),
                        level: h.level,
                        number: h.number.clone(),
                        title: heading_text(&units, &sanitize_id(&h.id), &h.content),
                        chapter: chapter.file_name.clone(),
                        blocks: Vec::new(),
                    },
                );
                if done.level > 0 || !done.blocks.is_empty() {
                    sections.push(done);
                }
                unit_section = sanitize_id(&h.id);
                pos = 0;
                continue;
            }
            pos += 1;
            let prefix = format!("{unit_section}.{pos}");
            current
                .blocks
                .push(flat_block(block, &prefix, &units, text));
        }
        if current.level > 0 || !current.blocks.is_empty() {
            sections.push(current);
        }
        // Each footnote is a section of its own (`fn.<label>`), after the chapter's text.
        for f in &chapter.footnotes {
            let id = format!("fn.{}", sanitize_id(&f.label));
            let blocks = f
                .blocks
                .iter()
                .enumerate()
                .map(|(j, b)| flat_block(b, &format!("{id}.{}", j + 1), &units, text))
                .collect();
            sections.push(Section {
                id,
                level: 0,
                number: String::new(),
                title: format!("[^{}]", f.label),
                chapter: chapter.file_name.clone(),
                blocks,
            });
        }
    }
    // Duplicate ids are reported by the checks; keep them apart here.
    let mut seen = std::collections::HashSet::new();
    for s in &mut sections {
        let base = s.id.clone();
        let mut n = 1;
        while !seen.insert(s.id.clone()) {
            n += 1;
            s.id = format!("{base}_{n}");
        }
    }
    sections
}

/// The empty cross-references of a chapter, as written (`[](#tbl-x)`) and as the
/// document prints them ("tableau 1"), longest first.
fn xref_words(chapter: &crate::model::Chapter, text: &str) -> Vec<(String, String)> {
    use crate::model::{InlineKind, LinkTarget, block_inlines, walk_blocks, walk_inlines};
    let mut out: Vec<(String, String)> = Vec::new();
    let mut on_block = |b: &Block| {
        block_inlines(b, &mut |inlines| {
            walk_inlines(inlines, &mut |i| {
                if let InlineKind::Link(l) = &i.kind
                    && l.content.is_empty()
                    && let LinkTarget::Xref(x) = &l.target
                    && !x.label.is_empty()
                    && let Some(md) = text.get(i.span.range())
                {
                    out.push((md.to_string(), x.label.clone()));
                }
            });
        });
    };
    walk_blocks(&chapter.blocks, &mut on_block);
    for f in &chapter.footnotes {
        walk_blocks(&f.blocks, &mut on_block);
    }
    out.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
    out.dedup();
    out
}

/// Writes the empty cross-references among `pieces` as their printed words: a code whose
/// Markdown is one of `xrefs` becomes text.
fn printed_xrefs(pieces: &mut [crate::translate::segment::Piece], xrefs: &[(String, String)]) {
    use crate::translate::segment::Piece;
    if xrefs.is_empty() {
        return;
    }
    for p in pieces.iter_mut() {
        if let Piece::Ph { md, .. } = p
            && let Some((_, label)) = xrefs.iter().find(|(m, _)| m == md)
        {
            *p = Piece::Text(label.clone());
        }
    }
}

fn heading_text(
    units: &[crate::translate::segment::Unit],
    section: &str,
    content: &[crate::model::Inline],
) -> String {
    let id = format!("{section}.h");
    units
        .iter()
        .find(|u| u.id == id)
        .map(|u| display(&u.pieces))
        .unwrap_or_else(|| crate::model::plain_text(content))
}

/// A unit's text for display: codes as their Markdown, white space collapsed.
fn display(pieces: &[crate::translate::segment::Piece]) -> String {
    canonical(pieces).replace(['\u{E000}', '\u{E001}'], "")
}

fn flat_block(
    block: &Block,
    prefix: &str,
    units: &[crate::translate::segment::Unit],
    text: &str,
) -> FlatBlock {
    let kind = kind_name(&block.kind);
    let dotted = format!("{prefix}.");
    let mut parts: Vec<Part> = units
        .iter()
        .filter(|u| u.id == prefix || u.id.starts_with(&dotted))
        .map(|u| Part {
            unit: u.id.clone(),
            text: display(&u.pieces),
        })
        .collect();
    if parts.is_empty() {
        // Code, rules, raw HTML, generated lists: compare their Markdown as written.
        let raw = match &block.kind {
            BlockKind::Code { text, .. } => text.trim_end().to_string(),
            _ => text
                .get(block.span.range())
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        if !raw.is_empty() {
            parts.push(Part {
                unit: prefix.to_string(),
                text: raw,
            });
        }
    }
    let mut key = String::from(kind);
    for p in &parts {
        key.push('\u{1}');
        key.push_str(&p.text);
    }
    FlatBlock {
        kind,
        unit: prefix.to_string(),
        fingerprint: fnv1a64(key.as_bytes()),
        parts,
    }
}

/// The name of a kind of block, as JSON and the text output print it.
pub fn kind_name(kind: &BlockKind) -> &'static str {
    match kind {
        BlockKind::Heading(_) => "heading",
        BlockKind::Paragraph(_) => "paragraph",
        BlockKind::List(_) => "list",
        BlockKind::Table(_) => "table",
        BlockKind::Code { .. } => "code",
        BlockKind::Callout { .. } => "callout",
        BlockKind::Quote(_) => "quote",
        BlockKind::Definitions(_) => "definitions",
        BlockKind::Figure { .. } => "figure",
        BlockKind::Procedure(_) => "procedure",
        BlockKind::Matrix(_) => "matrix",
        BlockKind::Bibliography(_) => "bibliography",
        BlockKind::Rule => "rule",
        BlockKind::RawHtml(_) => "html",
    }
}
