//! `review import`: the comments members left in a Word review copy, tied to their
//! review numbers, appended to the document's comments matrix.
//!
//! The Word copy ([`crate::render::docx`]) prints each element's review number at the
//! start of its paragraph in the `ReviewNumber` character style, and names its document
//! and language in a custom property. A comment belongs to the numbered paragraph where
//! its range starts; in a paragraph without a number (a table cell, a later paragraph
//! of a list item) to the last number before it; on a heading or the cover, to the
//! document as a whole (`general`).
#![allow(clippy::disallowed_methods)] // Reads Word files members send back and writes review copies.

use docx_rs::{
    DocumentChild, Paragraph, ParagraphChild, RunChild, TableCellContent, TableChild, TableRowChild,
};

use crate::Error;
use crate::diag::rules;
use crate::model::comments::{Comment, CommentsFile, GENERAL};
use crate::msg;
use crate::render::docx::{NUMBER_STYLE, PROP_SOURCE};

/// A comment read from a Word review copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordComment {
    /// The review number of the paragraph it is on, or `general`.
    pub paragraph: String,
    /// The comment's author as Word recorded it.
    pub author: String,
    /// The comment's text.
    pub text: String,
    /// The text of the paragraph it is on (without its number), at most 200 characters.
    pub excerpt: String,
}

/// What a Word review copy holds.
#[derive(Debug, Clone)]
pub struct WordReview {
    /// The document id (from the copy's properties).
    pub document: String,
    /// The language.
    pub lang: String,
    /// The comments in document order (replies left out).
    pub comments: Vec<WordComment>,
}

/// Reads the comments of a Word review copy made by `build --format docx`.
///
/// # Errors
/// [`Error::Docx`] when the file is not a readable Word document or was not made by
/// sopdoc.
pub fn read_word_comments(bytes: &[u8]) -> Result<WordReview, Error> {
    check_parts(bytes)?;
    // The reader is a third-party parser fed with a file from outside (it indexes
    // attributes by position, and so on): a panic in it is reported as a corrupt file,
    // never passed on, nor printed as a crash.
    let docx = quietly(|| docx_rs::read_docx(bytes))
        .ok_or_else(|| Error::Docx(msg!("docx-corrupt").into()))?
        .map_err(|e| {
            // The reader's own words stay in English; other languages say it plainly.
            Error::Docx(crate::i18n::Text {
                en: format!("not a readable Word document: {e}"),
                msg: Some(msg!("docx-unreadable")),
            })
        })?;
    let source = docx
        .doc_props
        .custom
        .properties
        .get(PROP_SOURCE)
        .cloned()
        .ok_or_else(|| Error::Docx(msg!("docx-not-sopdoc").into()))?;
    // The property names a document and a language: plain names, never a path (a copy
    // edited by hand could say `../../x`, and the names end up in paths and messages).
    let (document, lang) = source
        .split_once('/')
        .filter(|(d, l)| plain_name(d) && plain_name(l))
        .map(|(d, l)| (d.to_string(), l.to_string()))
        .ok_or_else(|| {
            Error::Docx(
                msg!(
                    "docx-bad-source-property",
                    value = source.escape_debug().to_string()
                )
                .into(),
            )
        })?;
    let mut walk = Walk::default();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => walk.paragraph(p),
            DocumentChild::Table(t) => walk.table(t),
            DocumentChild::CommentStart(c) => walk.comment(&c.comment, ""),
            _ => {}
        }
    }
    Ok(WordReview {
        document,
        lang,
        comments: walk.out,
    })
}

thread_local! {
    /// Whether this thread is inside [`quietly`].
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, and gives `None` if it panics, without the panic message (and backtrace) that
/// the panic hook would print: for third-party readers whose panics on damaged input are
/// an answer ("corrupt"), not a crash. The hook installed once around the previous one
/// stays silent only on a thread inside this function; every other panic is printed
/// (and handled) as before.
fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let out = std::panic::catch_unwind(f);
    QUIET.with(|q| q.set(was));
    out.ok()
}

/// A document id or language code as sopdoc writes them: letters, digits, `-`, `_`, `.`,
/// not starting with a dot.
fn plain_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && !s.starts_with('.')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// At most this much inflated data in one entry of a Word file.
pub const MAX_ENTRY_BYTES: u64 = 64 << 20;
/// At most this much inflated data in a whole Word file.
pub const MAX_TOTAL_BYTES: u64 = 256 << 20;

/// Refuses a Word file (a zip archive) whose entries inflate past [`MAX_ENTRY_BYTES`]
/// each or [`MAX_TOTAL_BYTES`] in all, or claim to in their headers (the Word reader
/// reserves the declared size before reading), before the Word reader inflates it into
/// memory; and one whose entry does not inflate whole or fails its checksum (a file cut
/// or altered in transit: the Word reader would panic on it). The sizes are measured by
/// inflating into nothing, never trusted from the headers.
fn check_parts(bytes: &[u8]) -> Result<(), Error> {
    use std::io::Read;
    // A file the zip reader cannot open is left to the Word reader, which says why.
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(());
    };
    let (part_limit, limit) = (MAX_ENTRY_BYTES >> 20, MAX_TOTAL_BYTES >> 20);
    let too_large = |name: &str| {
        Error::Docx(
            msg!(
                "docx-part-too-large",
                part = name,
                part_limit = part_limit,
                limit = limit
            )
            .into(),
        )
    };
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else {
            continue;
        };
        let name = entry.name().to_string();
        if entry.size() > MAX_ENTRY_BYTES {
            return Err(too_large(&name));
        }
        let damaged = |why: String| {
            Error::Docx(crate::i18n::Text {
                en: format!(
                    "the part `{name}` of the Word file is damaged ({why}): the file was cut or altered on its way; ask for it again. Nothing was imported."
                ),
                msg: Some(msg!("docx-part-damaged", part = &name)),
            })
        };
        // XML parts are kept to check them; the rest is counted and dropped.
        let xml = name.ends_with(".xml") || name.ends_with(".rels");
        let mut kept = Vec::new();
        let mut limited = entry.take(MAX_ENTRY_BYTES + 1);
        let read = if xml {
            limited
                .read_to_end(&mut kept)
                .map(|n| n as u64)
                .map_err(|e| damaged(e.to_string()))?
        } else {
            std::io::copy(&mut limited, &mut std::io::sink()).map_err(|e| damaged(e.to_string()))?
        };
        if read > MAX_ENTRY_BYTES {
            return Err(too_large(&name));
        }
        if xml {
            well_formed(&kept).map_err(damaged)?;
        }
        total += read;
        if total > MAX_TOTAL_BYTES {
            return Err(Error::Docx(
                msg!("docx-too-large", part_limit = part_limit, limit = limit).into(),
            ));
        }
    }
    Ok(())
}

/// Whether `xml` is well-formed XML (UTF-8, tags closed in order, attributes written
/// `name="value"` once each, only the predefined entities): the Word reader loops for
/// ever on a part that is not (its XML parser repeats the error it stopped at), so such
/// a part never reaches it.
fn well_formed(xml: &[u8]) -> Result<(), String> {
    use quick_xml::events::Event;
    let text = std::str::from_utf8(xml).map_err(|e| e.to_string())?;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) if depth == 0 => return Ok(()),
            Ok(Event::Eof) => return Err("it ends inside an element".into()),
            Ok(Event::Start(e)) => {
                depth += 1;
                attributes_well_formed(&e)?;
            }
            Ok(Event::Empty(e)) => attributes_well_formed(&e)?,
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::GeneralRef(r)) => {
                let known = matches!(r.resolve_char_ref(), Ok(Some(_)))
                    || matches!(&*r.xml10_content(), "amp" | "lt" | "gt" | "quot" | "apos");
                if !known {
                    return Err(format!(
                        "unknown entity at byte {}",
                        reader.buffer_position()
                    ));
                }
            }
            Ok(_) => {}
            Err(e) => return Err(format!("{e} at byte {}", reader.error_position())),
        }
    }
}

/// Every attribute of `e` is `name="value"`, and no name comes twice.
fn attributes_well_formed(e: &quick_xml::events::BytesStart<'_>) -> Result<(), String> {
    for a in e.attributes() {
        a.map_err(|err| err.to_string())?;
    }
    Ok(())
}

#[derive(Default)]
struct Walk {
    current: Option<String>,
    out: Vec<WordComment>,
    seen: std::collections::BTreeSet<usize>,
}

impl Walk {
    fn table(&mut self, t: &docx_rs::Table) {
        for TableChild::TableRow(row) in &t.rows {
            for TableRowChild::TableCell(cell) in &row.cells {
                for content in &cell.children {
                    match content {
                        TableCellContent::Paragraph(p) => self.paragraph(p),
                        TableCellContent::Table(t) => self.table(t),
                        _ => {}
                    }
                }
            }
        }
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let heading = p
            .property
            .style
            .as_ref()
            .is_some_and(|s| s.val.starts_with("Heading") || s.val == "Title");
        if heading {
            self.current = None;
        }
        if let Some(n) = review_number(p) {
            self.current = Some(n);
        }
        let excerpt = paragraph_text(p, true);
        for child in &p.children {
            if let ParagraphChild::CommentStart(c) = child {
                self.comment(&c.comment, &excerpt);
            }
        }
    }

    fn comment(&mut self, c: &docx_rs::Comment, excerpt: &str) {
        if c.parent_comment_id.is_some() || !self.seen.insert(c.id) {
            return;
        }
        let mut text = Vec::new();
        for child in &c.children {
            if let docx_rs::CommentChild::Paragraph(p) = child {
                let t = comment_paragraph_text(p);
                if !t.is_empty() {
                    text.push(t);
                }
            }
        }
        self.out.push(WordComment {
            paragraph: self.current.clone().unwrap_or_else(|| GENERAL.to_string()),
            author: c.author.trim().to_string(),
            text: text.join("\n"),
            excerpt: excerpt.chars().take(200).collect(),
        });
    }
}

/// The review number printed at the start of a paragraph, if any.
fn review_number(p: &Paragraph) -> Option<String> {
    for child in &p.children {
        let ParagraphChild::Run(run) = child else {
            continue;
        };
        let text: String = run
            .children
            .iter()
            .filter_map(|c| match c {
                RunChild::Text(t) => Some(t.text.as_str()),
                _ => None,
            })
            .collect();
        if text.trim().is_empty() {
            continue;
        }
        let styled = run
            .run_property
            .style
            .as_ref()
            .is_some_and(|s| s.val == NUMBER_STYLE);
        return styled.then(|| text.trim().to_string());
    }
    None
}

/// The text of a paragraph; `skip_number` leaves out its review number.
fn paragraph_text(p: &Paragraph, skip_number: bool) -> String {
    let mut out = String::new();
    for child in &p.children {
        let ParagraphChild::Run(run) = child else {
            continue;
        };
        if skip_number
            && run
                .run_property
                .style
                .as_ref()
                .is_some_and(|s| s.val == NUMBER_STYLE)
        {
            continue;
        }
        for c in &run.children {
            match c {
                RunChild::Text(t) => out.push_str(&t.text),
                // A line break or tab separates words as a space would.
                RunChild::Break(_) | RunChild::CarriageReturn(_) => out.push('\n'),
                RunChild::Tab(_) | RunChild::PTab(_) => out.push(' '),
                _ => {}
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a comment's paragraph: like [`paragraph_text`], but a line break the
/// reviewer typed (Shift+Enter) stays a line break.
fn comment_paragraph_text(p: &Paragraph) -> String {
    let mut out = String::new();
    for child in &p.children {
        let ParagraphChild::Run(run) = child else {
            continue;
        };
        for c in &run.children {
            match c {
                RunChild::Text(t) => out.push_str(&t.text),
                RunChild::Break(_) | RunChild::CarriageReturn(_) => out.push('\n'),
                RunChild::Tab(_) | RunChild::PTab(_) => out.push(' '),
                _ => {}
            }
        }
    }
    out.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The matrix text with `new` comments appended after the existing ones, numbered on from
/// the highest number; comments already in the matrix (same paragraph, reviewer and
/// text) are skipped. The existing text is kept byte for byte. Returns the new text and
/// how many comments were added.
pub fn append_to_matrix(
    existing: Option<&str>,
    existing_comments: &[Comment],
    new: &[WordComment],
    institution: &str,
) -> (String, usize) {
    let mut next = existing_comments
        .iter()
        .map(|c| c.number.value)
        .max()
        .unwrap_or(0);
    let mut entries = String::new();
    let mut added = 0;
    for c in new {
        let duplicate = existing_comments.iter().any(|e| {
            e.paragraph.value.trim() == c.paragraph
                && e.reviewer.trim() == c.author
                && e.comment.trim() == c.text.trim()
        });
        if duplicate {
            continue;
        }
        next += 1;
        added += 1;
        entries.push_str(&format!("  - number: {next}\n"));
        entries.push_str(&format!("    paragraph: {}\n", quoted(&c.paragraph)));
        entries.push_str(&format!("    reviewer: {}\n", quoted(&c.author)));
        entries.push_str(&format!("    institution: {}\n", quoted(institution)));
        entries.push_str(&format!("    comment: {}\n", quoted(&c.text)));
        if !c.excerpt.is_empty() {
            entries.push_str(&format!("    excerpt: {}\n", quoted(&c.excerpt)));
        }
    }
    let text = match existing {
        Some(text) if !existing_comments.is_empty() => {
            let mut t = text.to_string();
            if !t.ends_with('\n') {
                t.push('\n');
            }
            t.push_str(&entries);
            t
        }
        Some(text) => {
            // No comments yet: keep the leading comment lines, then a fresh list.
            let mut t: String = text
                .lines()
                .take_while(|l| l.trim_start().starts_with('#') || l.trim().is_empty())
                .map(|l| format!("{l}\n"))
                .collect();
            t.push_str("comments:\n");
            t.push_str(&entries);
            t
        }
        None => format!(
            "# Comments matrix: one entry per comment (see the README, \"Committee review\").\ncomments:\n{entries}"
        ),
    };
    (text, added)
}

/// The longest comment text a matrix entry takes (100 kB, some 15 pages): a longer one
/// is a pasted document, not a comment, and would make the matrix unreadable.
pub const MAX_COMMENT_BYTES: usize = 100_000;

/// Checks a matrix text before it is written: every new comment within
/// [`MAX_COMMENT_BYTES`], the file within the size sopdoc reads
/// ([`crate::parse::MAX_FILE_BYTES`]) and within what one YAML file may hold, and reading
/// back with exactly `expected` comments. A matrix that fails here would stop its
/// document from building, so nothing is written.
///
/// # Errors
/// What is wrong and what to do, as a sentence for the user.
pub fn validate_matrix(
    path: &str,
    text: &str,
    new: &[WordComment],
    expected: usize,
) -> Result<(), String> {
    if let Some((i, c)) = new
        .iter()
        .enumerate()
        .find(|(_, c)| c.text.len() > MAX_COMMENT_BYTES)
    {
        return Err(msg!(
            "review-comment-too-long",
            number = i + 1,
            author = c.author.escape_debug().to_string(),
            paragraph = c.paragraph.escape_debug().to_string(),
            size = human_size(c.text.len()),
            limit = MAX_COMMENT_BYTES / 1000
        )
        .ui());
    }
    let limit = crate::parse::MAX_FILE_BYTES;
    if text.len() > limit {
        return Err(msg!(
            "review-matrix-too-large",
            path = path,
            size = human_size(text.len()),
            limit = limit >> 20
        )
        .ui());
    }
    let all = parse_matrix_in(path, text, "en").map_err(|e| {
        if e.contains("budget breached") {
            // The YAML reader's node budget (alias-bomb guard): some 13 nodes a comment.
            msg!("review-matrix-too-many", path = path, expected = expected).ui()
        } else {
            msg!(
                "review-matrix-unreadable",
                path = path,
                expected = expected,
                detail = e
            )
            .ui()
        }
    })?;
    if all.len() != expected {
        return Err(msg!(
            "review-matrix-lost",
            path = path,
            read = all.len(),
            expected = expected
        )
        .ui());
    }
    Ok(())
}

fn human_size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
    } else {
        format!("{} kB", bytes.div_ceil(1000))
    }
}

/// A YAML double-quoted scalar (JSON string syntax, which YAML reads the same way).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Parses a matrix text strictly (as `sopdoc check` does), for checking a result before
/// it is written.
///
/// # Errors
/// The diagnostic's message when the text does not read.
pub fn parse_matrix(path: &str, text: &str) -> Result<Vec<Comment>, String> {
    parse_matrix_in(path, text, crate::i18n::ui_lang())
}

/// [`parse_matrix`] with the message in `lang`.
fn parse_matrix_in(path: &str, text: &str, lang: &str) -> Result<Vec<Comment>, String> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut map = crate::source::SourceMap::new();
    let id = map.add(crate::source::SourceFile::new(path, None, text.to_string()));
    let file = map.get(id);
    crate::yaml::parse::<CommentsFile>(
        &file.text,
        file,
        crate::yaml::Embedding {
            source: id,
            offset: 0,
        },
        rules::REVIEW_MATRIX.id,
    )
    .map(|f| f.comments)
    .map_err(|d| {
        let (line, col) = d
            .location
            .as_ref()
            .and_then(|l| match l {
                crate::diag::Location::Span(s) => Some(file.line_col(s.start)),
                _ => None,
            })
            .unwrap_or((1, 1));
        format!("{path}:{line}:{col}: {}", d.say(&d.message, lang))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_that_are_not_well_formed_xml_are_named() {
        assert_eq!(well_formed(b"<a x=\"1\"><b/>&amp;&#233;</a>"), Ok(()));
        for bad in [
            &b"<a x=\"1><b/></a>"[..],
            b"<a><b></a>",
            b"<a>&r</a>",
            b"<a>&nbsp;</a>",
            b"<a x=\"1\" x=\"2\"/>",
            b"<a x=1/>",
            b"<a>",
            b"<a>\xff</a>",
        ] {
            assert!(
                well_formed(bad).is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn quietly_turns_a_panic_into_none_and_leaves_the_thread_as_it_was() {
        assert_eq!(quietly(|| 3), Some(3));
        assert_eq!(quietly(|| -> u8 { panic!("the reader gave up") }), None);
        assert!(!QUIET.with(std::cell::Cell::get));
        // Nested: the inner call leaves the outer one quiet.
        let outer = quietly(|| {
            assert_eq!(quietly(|| -> u8 { panic!("inner") }), None);
            QUIET.with(std::cell::Cell::get)
        });
        assert_eq!(outer, Some(true));
    }

    #[test]
    fn appending_keeps_the_existing_text_and_numbers_on() {
        let existing = "# notes\ncomments:\n  - number: 4\n    paragraph: \"1-1\"\n    reviewer: A\n    institution: X\n    comment: c\n";
        let old = parse_matrix("m.yaml", existing).unwrap();
        let new = [
            WordComment {
                paragraph: "1-1".into(),
                author: "A".into(),
                text: "c".into(),
                excerpt: String::new(),
            },
            WordComment {
                paragraph: "2-3".into(),
                author: "B \"Bee\"".into(),
                text: "line one\nline: two".into(),
                excerpt: "Texte".into(),
            },
        ];
        let (text, added) = append_to_matrix(Some(existing), &old, &new, "OIM");
        assert_eq!(added, 1);
        assert!(text.starts_with(existing));
        let all = parse_matrix("m.yaml", &text).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].number.value, 5);
        assert_eq!(all[1].reviewer, "B \"Bee\"");
        assert_eq!(all[1].comment, "line one\nline: two");
        let (fresh, _) = append_to_matrix(None, &[], &new, "");
        assert_eq!(parse_matrix("m.yaml", &fresh).unwrap().len(), 2);
    }

    fn comment(i: usize, text: &str) -> WordComment {
        WordComment {
            paragraph: format!("{}-1", i % 50 + 1),
            author: "Awa".into(),
            text: text.into(),
            excerpt: "Texte du paragraphe".into(),
        }
    }

    #[test]
    fn a_matrix_that_would_not_read_is_refused_before_writing() {
        let huge = [comment(0, &"é".repeat(3 << 20))];
        let (text, added) = append_to_matrix(None, &[], &huge, "OIM");
        let err = validate_matrix("m.yaml", &text, &huge, added).unwrap_err();
        assert!(
            err.contains("comment 1 of the Word file (by Awa, on paragraph 1-1) is 6.0 MiB"),
            "{err}"
        );

        let many: Vec<_> = (0..20_000).map(|i| comment(i, "Préciser.")).collect();
        let (text, added) = append_to_matrix(None, &[], &many, "OIM");
        let err = validate_matrix("m.yaml", &text, &many, added).unwrap_err();
        assert!(
            err.starts_with(
                "m.yaml would hold 20000 comments, more than one matrix file holds (about 7 000)"
            ),
            "{err}"
        );
        assert!(!err.contains("internal"), "{err}");

        let big: Vec<_> = (0..60).map(|i| comment(i, &"x".repeat(90_000))).collect();
        let (text, added) = append_to_matrix(None, &[], &big, "OIM");
        let err = validate_matrix("m.yaml", &text, &big, added).unwrap_err();
        assert!(err.contains("more than the 4 MiB sopdoc reads"), "{err}");

        let fine: Vec<_> = (0..500).map(|i| comment(i, "Préciser.")).collect();
        let (text, added) = append_to_matrix(None, &[], &fine, "OIM");
        validate_matrix("m.yaml", &text, &fine, added).unwrap();
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(read_word_comments(b"not a zip").is_err());
        assert!(read_word_comments(b"PK\x03\x04garbage").is_err());
    }
}
