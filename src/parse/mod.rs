//! Markdown chapters into the document model.
//!
//! One pass over pulldown-cmark's offset events builds the block tree (see
//! [`markdown`]); front matter is read with the strict [`crate::model::ChapterMeta`] type.
//! Parsing never fails: every problem becomes a diagnostic and the rest of the file is
//! still parsed, so one `sopdoc check` reports everything.

mod citation;
mod lazy;
mod markdown;
mod procedure;

use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::model::{Block, ChapterMeta, Footnote};
use crate::msg;
use crate::source::{SourceFile, SourceId, Span};
use crate::yaml::{self, Embedding};

/// Largest chapter file sopdoc reads (DESIGN.md limits).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Deepest nesting of lists, quotes and callouts that is kept as structure.
pub const MAX_DEPTH: usize = 64;

/// The length in bytes of the table-caption marker that starts `text`, through its colon:
/// `Table:` as in Pandoc, and the ways French authors type it — `Table :`, `Tableau :`,
/// `Tableau:` — with an ordinary, no-break (U+00A0) or narrow no-break (U+202F) space before
/// the colon. Accepting the French spacing means the typography fix that inserts a no-break
/// space before `:` can never turn a caption into an ordinary paragraph.
pub fn caption_marker(text: &str) -> Option<usize> {
    let rest = text
        .strip_prefix("Tableau")
        .or_else(|| text.strip_prefix("Table"))?;
    let after_space = rest
        .strip_prefix([' ', '\u{A0}', '\u{202F}'])
        .unwrap_or(rest);
    after_space.strip_prefix(':')?;
    Some(text.len() - after_space.len() + 1)
}

/// What one chapter file parses into.
#[derive(Debug, Default)]
pub struct ParsedChapter {
    /// Front matter (defaults when absent or unreadable).
    pub meta: ChapterMeta,
    /// Body blocks.
    pub blocks: Vec<Block>,
    /// Footnote definitions.
    pub footnotes: Vec<Footnote>,
    /// HTML comments with their spans.
    pub comments: Vec<(Span, String)>,
    /// Problems found while parsing.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one chapter file.
pub fn parse_chapter(file: &SourceFile, id: SourceId) -> ParsedChapter {
    let mut out = ParsedChapter::default();
    if file.text.len() > MAX_FILE_BYTES {
        out.diagnostics.push(
            Diagnostic::error(
                rules::PARSE_TOO_LARGE,
                crate::msg!(
                    "parse-chapter-too-large",
                    size = format!("{:.1}", file.text.len() as f64 / (1024.0 * 1024.0))
                ),
            )
            .at(Span::file_start(id))
            .hint(msg!("parse-too-large-hint-2")),
        );
        return out;
    }
    if let Some(pos) = file.text.find('\0') {
        out.diagnostics.push(
            Diagnostic::error(rules::PARSE_NUL_BYTE, msg!("parse-nul-byte"))
                .at(Span::new(id, pos..pos + 1))
                .hint(msg!("parse-nul-byte-hint")),
        );
    }
    let mut tree = markdown::build(&file.text, id);
    procedure::lift(&mut tree.blocks, file, id, &mut out.diagnostics);
    crate::model::shrink_blocks(&mut tree.blocks);
    for f in &mut tree.footnotes {
        crate::model::shrink_blocks(&mut f.blocks);
    }
    tree.footnotes.shrink_to_fit();
    tree.comments.shrink_to_fit();
    out.blocks = tree.blocks;
    out.footnotes = tree.footnotes;
    out.comments = tree.comments;
    out.diagnostics.extend(tree.diagnostics);
    if let Some((yaml_text, offset)) = tree.front_matter
        && !yaml_text.trim().is_empty()
    {
        let at = Embedding { source: id, offset };
        match yaml::parse::<ChapterMeta>(&yaml_text, file, at, rules::META_FRONT_MATTER.id) {
            Ok(meta) => out.meta = meta,
            Err(d) => out.diagnostics.push(d),
        }
    }
    out
}

#[cfg(test)]
mod tests;
