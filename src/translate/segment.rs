//! Translation units: the translatable text of a chapter, one unit per block, each a
//! sequence of text and inline codes that keep the exact Markdown they stand for.
//!
//! Unit ids come from the structure only: the id of the section (the nearest level-any
//! heading before the block, `_` before the first heading), then the block's position among
//! the section's top-level blocks, then positions inside it:
//!
//! | unit | id |
//! |---|---|
//! | the heading of section `consentement` | `consentement.h` |
//! | its 2nd block, a paragraph | `consentement.2` |
//! | 3rd item of the list that is block 4, its 1st paragraph | `consentement.4.3.1` |
//! | a table (block 5): caption, header cell 2, body row 1 cell 3 | `….5.cap`, `….5.r0c2`, `….5.r1c3` |
//! | a figure's caption (block 6) | `consentement.6.cap` |
//! | definition list (block 7), item 1: term, 1st definition's paragraph | `….7.1.t`, `….7.1.d1.1` |
//! | a footnote `[^note]`, its 1st paragraph | `fn.note.1` |
//! | the front matter's `title` | `title` |
//! | a procedure (block 3): title, step `reperage`'s action, step `enfant`'s 2nd output | `….3.title`, `….3.reperage.action`, `….3.enfant.out2` |
//! | the same procedure: step `age`'s question, the label of its 1st branch (`oui`) | `….3.age.question`, `….3.age.branch1` |
//! | a signature block (block 8), its 2nd party | `….8.party2` |
//!
//! A new kind of block adds one arm to `Segmenter::block`.

use std::ops::Range;

use crate::model::{Block, BlockKind, Chapter, Inline, InlineKind};

/// What a unit is, for the translator's notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// The chapter's `title` in front matter.
    Title,
    /// A heading of this level.
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// A paragraph inside a list item.
    ListItem,
    /// A table cell (`true` in the header row).
    TableCell(bool),
    /// A table or figure caption.
    Caption,
    /// A term of a definition list.
    Term,
    /// A paragraph of a footnote.
    Footnote,
    /// A text of a procedure (title, diagram caption, step action, time frame, output,
    /// question, exit): a YAML string in a fenced block.
    Procedure,
    /// A party of a ```` ```signature ```` block: one line of plain text (no Markdown).
    Signature,
    /// The answer that labels a branch of a procedure decision (`oui` in
    /// `branches: {oui: enfant}`): a YAML key, plain text on one line.
    BranchLabel,
}

impl UnitKind {
    /// A short description for notes ("table cell", "heading level 2").
    pub fn describe(self) -> String {
        match self {
            UnitKind::Title => "chapter title (navigation label)".into(),
            UnitKind::Heading(l) => format!("heading, level {l}"),
            UnitKind::Paragraph => "paragraph".into(),
            UnitKind::ListItem => "list item".into(),
            UnitKind::TableCell(true) => "table header cell".into(),
            UnitKind::TableCell(false) => "table cell".into(),
            UnitKind::Caption => "caption".into(),
            UnitKind::Term => "defined term".into(),
            UnitKind::Footnote => "paragraph".into(),
            UnitKind::Procedure => "procedure text (YAML value)".into(),
            UnitKind::Signature => "signature block party (one line, plain text)".into(),
            UnitKind::BranchLabel => {
                "answer labelling a branch of a procedure decision (plain text, one line)".into()
            }
        }
    }
}

/// The kind of syntax an inline code stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// `*…*`
    Emphasis,
    /// `**…**`
    Strong,
    /// `~~…~~`
    Strike,
    /// `[text](dest)`
    Link,
    /// `[](#id)`, `[](sop-02#id)`, `[](legal:…)`: an empty link filled at render time.
    Xref,
    /// `` `code` ``
    Code,
    /// `[^label]`
    Footnote,
    /// `[@key]`
    Citation,
    /// A hard line break.
    Break,
    /// An inline image.
    Image,
    /// Raw inline HTML.
    Html,
}

impl CodeKind {
    /// Name used in XLIFF (`sopdoc` extension, and 1.2 `ctype` as `x-…`).
    pub fn as_str(self) -> &'static str {
        match self {
            CodeKind::Emphasis => "emphasis",
            CodeKind::Strong => "strong",
            CodeKind::Strike => "strike",
            CodeKind::Link => "link",
            CodeKind::Xref => "xref",
            CodeKind::Code => "code",
            CodeKind::Footnote => "footnote",
            CodeKind::Citation => "citation",
            CodeKind::Break => "break",
            CodeKind::Image => "image",
            CodeKind::Html => "html",
        }
    }

    /// The inverse of [`CodeKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "emphasis" => CodeKind::Emphasis,
            "strong" => CodeKind::Strong,
            "strike" => CodeKind::Strike,
            "link" => CodeKind::Link,
            "xref" => CodeKind::Xref,
            "code" => CodeKind::Code,
            "footnote" => CodeKind::Footnote,
            "citation" => CodeKind::Citation,
            "break" => CodeKind::Break,
            "image" => CodeKind::Image,
            "html" => CodeKind::Html,
            _ => return None,
        })
    }
}

/// One piece of a unit: text, or an inline code holding the Markdown it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Translatable text (escapes and entities decoded).
    Text(String),
    /// The opening of a paired code (`*`, `[`).
    Open {
        /// Code id, unique in the unit (shared with its [`Piece::Close`]).
        id: u32,
        /// What it is.
        kind: CodeKind,
        /// The opening Markdown.
        md: String,
    },
    /// The closing of a paired code (`*`, `](dest)`).
    Close {
        /// Id of the opening.
        id: u32,
        /// The closing Markdown.
        md: String,
    },
    /// A standalone code (`` `x` ``, `[](#id)`, `[^1]`).
    Ph {
        /// Code id, unique in the unit.
        id: u32,
        /// What it is.
        kind: CodeKind,
        /// The Markdown.
        md: String,
    },
}

/// One translation unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Structural id (see the module documentation).
    pub id: String,
    /// What it is.
    pub kind: UnitKind,
    /// Byte range of its Markdown in the chapter file.
    pub range: Range<usize>,
    /// Its content.
    pub pieces: Vec<Piece>,
    /// The section it is in ("3.2 Consentement"), for notes.
    pub section: String,
    /// The fingerprint an older sopdoc gave the same content, when it differs (see
    /// [`Unit::has_fingerprint`]).
    pub legacy_fingerprint: Option<String>,
}

impl Unit {
    /// Stable fingerprint of the unit's content (see [`super::text::fingerprint`]).
    pub fn fingerprint(&self) -> String {
        super::text::fingerprint(&self.pieces)
    }

    /// Whether `fp`, a recorded fingerprint, is this unit's: its current one, or the one
    /// an older sopdoc recorded for the same content (a note to verify inside a code).
    pub fn has_fingerprint(&self, fp: &str) -> bool {
        self.fingerprint() == fp || self.legacy_fingerprint.as_deref() == Some(fp)
    }

    /// Number of words of its text (what translators quote on).
    pub fn words(&self) -> usize {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.split_whitespace().count(),
                _ => 0,
            })
            .sum()
    }
}

/// The units of one chapter, in document order. `text` is the chapter file's text.
pub fn chapter_units(chapter: &Chapter, text: &str) -> Vec<Unit> {
    let mut s = Segmenter {
        text,
        units: Vec::new(),
        section: "_".into(),
        section_label: String::new(),
    };
    if let Some(unit) = title_unit(chapter, text) {
        s.units.push(unit);
    }
    let mut pos = 0;
    for block in &chapter.blocks {
        if let BlockKind::Heading(h) = &block.kind {
            s.section = sanitize_id(&h.id);
            s.section_label = format!("{} {}", h.number, crate::model::plain_text(&h.content))
                .trim()
                .to_string();
            pos = 0;
            let range = heading_range(block, &h.content, text);
            s.push(
                format!("{}.h", s.section),
                UnitKind::Heading(h.level),
                &h.content,
                range,
            );
            continue;
        }
        pos += 1;
        let path = format!("{}.{pos}", s.section);
        s.block(block, &path, UnitKind::Paragraph);
    }
    for f in &chapter.footnotes {
        s.section = format!("fn.{}", sanitize_id(&f.label));
        s.section_label = format!("footnote [^{}]", f.label);
        for (j, b) in f.blocks.iter().enumerate() {
            let path = format!("{}.{}", s.section, j + 1);
            s.block(b, &path, UnitKind::Footnote);
        }
    }
    // Ids are unique by construction unless two headings share an id (reported elsewhere).
    let mut seen = std::collections::HashSet::new();
    for u in &mut s.units {
        let mut n = 1;
        let base = u.id.clone();
        while !seen.insert(u.id.clone()) {
            n += 1;
            u.id = format!("{base}_{n}");
        }
    }
    s.units
}

struct Segmenter<'a> {
    text: &'a str,
    units: Vec<Unit>,
    section: String,
    section_label: String,
}

impl Segmenter<'_> {
    fn push(&mut self, id: String, kind: UnitKind, inlines: &[Inline], range: Range<usize>) {
        // White space around the text (a footnote's closing line break) is not the unit's.
        let raw = self.text.get(range.clone()).unwrap_or_default();
        let lead = raw.len() - raw.trim_start().len();
        let trail = raw.len() - raw.trim_end().len();
        let range = if raw.trim().is_empty() {
            range
        } else {
            range.start + lead..range.end - trail
        };
        let pieces = pieces(self.text, inlines, range.clone(), true);
        if pieces.is_empty() {
            return;
        }
        // Units with notes to verify had them inside a code before: that fingerprint is
        // still recognised, so translation states recorded then stay current.
        let legacy_fingerprint = pieces
            .iter()
            .any(|p| matches!(p, Piece::Close { md, .. } if opens_verify_note(md).is_some()))
            .then(|| {
                super::text::fingerprint(&self::pieces(self.text, inlines, range.clone(), false))
            });
        self.units.push(Unit {
            id,
            kind,
            range,
            pieces,
            section: self.section_label.clone(),
            legacy_fingerprint,
        });
    }

    fn block(&mut self, block: &Block, path: &str, para_kind: UnitKind) {
        match &block.kind {
            BlockKind::Paragraph(inl) => {
                let range = inline_range(inl);
                self.push(path.to_string(), para_kind, inl, range);
            }
            BlockKind::Heading(h) => {
                let range = heading_range(block, &h.content, self.text);
                self.push(
                    path.to_string(),
                    UnitKind::Heading(h.level),
                    &h.content,
                    range,
                );
            }
            BlockKind::List(l) => {
                for (i, item) in l.items.iter().enumerate() {
                    for (j, b) in item.blocks.iter().enumerate() {
                        let kind = if para_kind == UnitKind::Footnote {
                            para_kind
                        } else {
                            UnitKind::ListItem
                        };
                        self.block(b, &format!("{path}.{}.{}", i + 1, j + 1), kind);
                    }
                }
            }
            BlockKind::Table(t) => {
                if let Some(c) = &t.caption {
                    let range = caption_range(self.text, c.span.range());
                    self.push(format!("{path}.cap"), UnitKind::Caption, &c.content, range);
                }
                for (c, cell) in t.header.iter().enumerate() {
                    let range = inline_range(&cell.content);
                    let id = format!("{path}.r0c{}", c + 1);
                    self.push(id, UnitKind::TableCell(true), &cell.content, range);
                }
                for (r, row) in t.rows.iter().enumerate() {
                    for (c, cell) in row.iter().enumerate() {
                        let range = inline_range(&cell.content);
                        let id = format!("{path}.r{}c{}", r + 1, c + 1);
                        self.push(id, UnitKind::TableCell(false), &cell.content, range);
                    }
                }
            }
            BlockKind::Figure { caption, .. } => {
                if let Some(range) = alt_range(self.text, caption.span.range()) {
                    let text = decode(&self.text[range.clone()]);
                    if !text.trim().is_empty() {
                        self.units.push(Unit {
                            id: format!("{path}.cap"),
                            kind: UnitKind::Caption,
                            range,
                            pieces: vec![Piece::Text(text)],
                            section: self.section_label.clone(),
                            legacy_fingerprint: None,
                        });
                    }
                }
            }
            BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => {
                for (j, b) in blocks.iter().enumerate() {
                    self.block(b, &format!("{path}.{}", j + 1), para_kind);
                }
            }
            BlockKind::Definitions(items) => {
                for (k, item) in items.iter().enumerate() {
                    let range = inline_range(&item.term);
                    let id = format!("{path}.{}.t", k + 1);
                    self.push(id, UnitKind::Term, &item.term, range);
                    for (d, def) in item.definitions.iter().enumerate() {
                        for (j, b) in def.iter().enumerate() {
                            let p = format!("{path}.{}.d{}.{}", k + 1, d + 1, j + 1);
                            self.block(b, &p, para_kind);
                        }
                    }
                }
            }
            BlockKind::Procedure(p) => {
                self.yaml(format!("{path}.title"), &p.title);
                if let Some(c) = &p.diagram {
                    self.yaml(format!("{path}.cap"), &c.content);
                }
                for st in &p.steps {
                    let sp = format!("{path}.{}", sanitize_id(&st.id.value));
                    self.yaml(format!("{sp}.action"), &st.action);
                    self.yaml(format!("{sp}.time"), &st.time);
                    for (i, o) in st.outputs.iter().enumerate() {
                        self.yaml(format!("{sp}.out{}", i + 1), &o.text);
                    }
                    for (i, n) in st.never.iter().enumerate() {
                        self.yaml(format!("{sp}.never{}", i + 1), n);
                    }
                    match &st.flow {
                        crate::model::Flow::Decision { question, branches } => {
                            self.yaml(format!("{sp}.question"), question);
                            for (i, b) in branches.iter().enumerate() {
                                self.branch_label(format!("{sp}.branch{}", i + 1), b);
                            }
                        }
                        crate::model::Flow::Exit(label) => self.yaml(format!("{sp}.exit"), label),
                        crate::model::Flow::Next { .. } | crate::model::Flow::End => {}
                    }
                }
            }
            // The matrix's cells come from the procedures; only its caption is text.
            BlockKind::Matrix(m) => self.yaml(format!("{path}.cap"), &m.caption.content),
            // Generated from the bibliography: nothing to translate.
            BlockKind::Bibliography(_) => {}
            BlockKind::Code { lang: Some(l), .. } if l == "signature" => {
                for (k, range) in signature_lines(self.text, block.span.range())
                    .into_iter()
                    .enumerate()
                {
                    self.units.push(Unit {
                        id: format!("{path}.party{}", k + 1),
                        kind: UnitKind::Signature,
                        pieces: vec![Piece::Text(self.text[range.clone()].to_string())],
                        range,
                        section: self.section_label.clone(),
                        legacy_fingerprint: None,
                    });
                }
            }
            BlockKind::Code { .. } | BlockKind::Rule | BlockKind::RawHtml(_) => {}
        }
    }
}

impl Segmenter<'_> {
    /// A procedure text, when its spans are exact (the YAML value is written as is, plain
    /// or quoted without escapes); others stay untranslated by XLIFF.
    fn yaml(&mut self, id: String, inlines: &[Inline]) {
        if inlines.is_empty() || !exact_spans(self.text, inlines) {
            return;
        }
        let range = inline_range(inlines);
        self.push(id, UnitKind::Procedure, inlines, range);
    }
}

impl Segmenter<'_> {
    /// A branch's answer, when its YAML key holds the label as written (plain, or quoted
    /// without escapes): the unit is the text inside the quotes.
    fn branch_label(&mut self, id: String, b: &crate::model::Branch) {
        let range = b.label_span.range();
        let Some(written) = self.text.get(range.clone()) else {
            return;
        };
        let quoted = written.len() >= 2
            && ((written.starts_with('"') && written.ends_with('"') && !written.contains('\\'))
                || (written.starts_with('\'')
                    && written.ends_with('\'')
                    && !written[1..written.len() - 1].contains('\'')));
        let inner = if quoted {
            range.start + 1..range.end - 1
        } else {
            range
        };
        let text = &self.text[inner.clone()];
        let lead = text.len() - text.trim_start().len();
        let range = inner.start + lead..inner.start + lead + text.trim().len();
        if b.label.is_empty() || self.text[range.clone()] != *b.label {
            return;
        }
        self.units.push(Unit {
            id,
            kind: UnitKind::BranchLabel,
            pieces: vec![Piece::Text(b.label.clone())],
            range,
            section: self.section_label.clone(),
            legacy_fingerprint: None,
        });
    }
}

/// The byte ranges of the parties of a ```` ```signature ```` block written at `block` in
/// `text`: each non-blank line between the fences, without its surrounding white space.
fn signature_lines(text: &str, block: Range<usize>) -> Vec<Range<usize>> {
    let Some(raw) = text.get(block.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut offset = block.start;
    for (i, line) in raw.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if i == 0 {
            continue; // the opening fence
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            break;
        }
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        out.push(start + lead..start + lead + trimmed.len());
    }
    out
}

/// Whether the inlines' spans point at their own Markdown (the YAML value was not
/// re-encoded), so the text can be replaced in place.
fn exact_spans(text: &str, inlines: &[Inline]) -> bool {
    let mut ok = true;
    let mut last_end = 0;
    crate::model::walk_inlines(inlines, &mut |i| {
        let raw = text.get(i.span.range()).unwrap_or_default();
        ok &= match &i.kind {
            InlineKind::Text(t) => decode(raw) == *t,
            InlineKind::Code(_) => raw.starts_with('`'),
            InlineKind::Link(_) => raw.starts_with('['),
            InlineKind::Emphasis(_) | InlineKind::Strong(_) => raw.starts_with(['*', '_']),
            _ => !raw.is_empty(),
        };
        last_end = last_end.max(i.span.end);
    });
    let r = inline_range(inlines);
    ok && !r.is_empty() && last_end <= r.end
}

/// Characters allowed in an XML NMTOKEN that we keep in unit ids; others become `_`.
pub fn sanitize_id(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() { "_".into() } else { s }
}

fn inline_range(inl: &[Inline]) -> Range<usize> {
    match (inl.first(), inl.last()) {
        (Some(a), Some(b)) => a.span.start..b.span.end,
        _ => 0..0,
    }
}

/// The heading's text without the `{#id .class}` block and closing `#`s.
fn heading_range(block: &Block, content: &[Inline], text: &str) -> Range<usize> {
    let r = inline_range(content);
    if r.is_empty() {
        return r;
    }
    let line_end = text[r.start..block.span.end.min(text.len())]
        .find('\n')
        .map_or(block.span.end.min(text.len()), |i| r.start + i);
    let mut s = text[r.start..line_end.max(r.start)].trim_end();
    if s.ends_with('}')
        && let Some(open) = s.rfind('{')
        && matches!(s[open + 1..].chars().next(), Some('#' | '.'))
    {
        s = s[..open].trim_end();
    }
    let t = s.trim_end_matches('#');
    if t.len() < s.len() && (t.is_empty() || t.ends_with([' ', '\t'])) {
        s = t.trim_end();
    }
    r.start..r.start + s.len()
}

/// A `Table: caption {#id}` line without its prefix and id.
fn caption_range(text: &str, span: Range<usize>) -> Range<usize> {
    let raw = &text[span.clone()];
    let mut start = 0;
    if let Some(marker) = crate::parse::caption_marker(raw) {
        start = raw.len() - raw[marker..].trim_start().len();
    }
    let mut s = raw.trim_end();
    if s.ends_with('}')
        && let Some(open) = s.rfind("{#")
    {
        s = s[..open].trim_end();
    }
    let end = s.len().max(start);
    span.start + start..span.start + end
}

/// The alt text of `![alt](dest)` at the start of `span`.
fn alt_range(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let raw = &text[span.clone()];
    let start = raw.find("![")? + 2;
    let mut depth = 0usize;
    let mut escaped = false;
    for (i, c) in raw[start..].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' if depth == 0 => return Some(span.start + start..span.start + start + i),
            ']' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The front matter's single-line `title:` value, if any.
fn title_unit(chapter: &Chapter, text: &str) -> Option<Unit> {
    let title = chapter.meta.title.as_ref()?;
    let body = text.strip_prefix("---")?;
    let nl = body.find('\n')?;
    if !body[..nl].trim().is_empty() {
        return None;
    }
    let mut offset = 3 + nl + 1;
    for line in text[offset..].split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare == "---" || bare == "..." {
            return None;
        }
        if let Some(value) = bare.strip_prefix("title:") {
            let v = value.trim();
            if v.is_empty() || v.starts_with(['|', '>', '&', '*', '!']) {
                return None;
            }
            let start = offset + "title:".len() + (value.len() - value.trim_start().len());
            return Some(Unit {
                id: "title".into(),
                kind: UnitKind::Title,
                range: start..start + v.len(),
                pieces: vec![Piece::Text(title.clone())],
                section: String::new(),
                legacy_fingerprint: None,
            });
        }
        offset += line.len();
    }
    None
}

/// Builds the pieces of inline content, cut to `range` (heading attributes, caption
/// prefixes and ids lie outside it).
fn pieces(text: &str, inlines: &[Inline], range: Range<usize>, split_notes: bool) -> Vec<Piece> {
    let mut b = PieceBuilder {
        text,
        out: Vec::new(),
        next_id: 1,
        split_notes,
    };
    let mut cursor = range.start;
    b.inlines(inlines, &mut cursor, &range);
    if cursor < range.end {
        b.text_raw(cursor..range.end);
    }
    merge_text(b.out)
}

struct PieceBuilder<'a> {
    text: &'a str,
    out: Vec<Piece>,
    next_id: u32,
    /// Whether the note of a `[text](verify: "note")` link is text of its own (else it
    /// stays inside the closing code, as before notes were translatable).
    split_notes: bool,
}

/// Where the note is in the closing Markdown of a link to verify (`](verify: "note")`):
/// the byte range of the note between its delimiters, when there is a non-blank one.
pub fn verify_note(close_md: &str) -> Option<Range<usize>> {
    let rest = close_md.strip_prefix("](")?.trim_start();
    let after_dest = if let Some(r) = rest.strip_prefix("<verify:>") {
        r
    } else {
        rest.strip_prefix(crate::model::VERIFY_DEST)?
    };
    if !after_dest.starts_with(char::is_whitespace) {
        return None;
    }
    let title_at = close_md.len() - after_dest.trim_start().len();
    let open = close_md[title_at..].chars().next()?;
    let close = match open {
        '"' => '"',
        '\'' => '\'',
        '(' => ')',
        _ => return None,
    };
    let body = close_md[title_at + 1..].trim_end();
    let body = body.strip_suffix(')')?.trim_end().strip_suffix(close)?;
    let range = title_at + 1..title_at + 1 + body.len();
    (!body.trim().is_empty()).then_some(range)
}

/// Whether `md`, a closing code, opens the note of a link to verify (`](verify: "`): the
/// text after it is written escaped for its delimiter, which `md` ends with.
pub fn opens_verify_note(md: &str) -> Option<char> {
    let delim = md.chars().next_back()?;
    let close = match delim {
        '"' => '"',
        '\'' => '\'',
        '(' => ')',
        _ => return None,
    };
    let with_end = format!("{md}x{close})");
    verify_note(&with_end).map(|_| close)
}

impl PieceBuilder<'_> {
    fn id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn slice(&self, r: Range<usize>) -> String {
        self.text.get(r).unwrap_or_default().to_string()
    }

    fn text_raw(&mut self, r: Range<usize>) {
        if r.start >= r.end {
            return;
        }
        let raw = self.slice(r);
        // `[@key]` citations are text in the model; they are codes for translators.
        let mut rest = raw.as_str();
        while let Some(open) = rest.find("[@") {
            let Some(close) = rest[open..].find(']') else {
                break;
            };
            self.out.push(Piece::Text(decode(&rest[..open])));
            let md = rest[open..open + close + 1].to_string();
            let id = self.id();
            self.out.push(Piece::Ph {
                id,
                kind: CodeKind::Citation,
                md,
            });
            rest = &rest[open + close + 1..];
        }
        self.out.push(Piece::Text(decode(rest)));
    }

    fn inlines(&mut self, inlines: &[Inline], cursor: &mut usize, range: &Range<usize>) {
        let mut after_break = false;
        for inl in inlines {
            let start = inl.span.start.max(range.start);
            let end = inl.span.end.min(range.end);
            if start >= end && !matches!(inl.kind, InlineKind::SoftBreak | InlineKind::LineBreak) {
                continue;
            }
            if *cursor < start {
                let gap = self.slice(*cursor..start);
                let is_prefix = gap.chars().all(|c| c.is_whitespace() || c == '>');
                if !(after_break && is_prefix) {
                    self.text_raw(*cursor..start);
                } else if let Some(Piece::Ph {
                    kind: CodeKind::Break,
                    md,
                    ..
                }) = self.out.last_mut()
                {
                    md.push_str(&gap);
                }
            }
            after_break = false;
            match &inl.kind {
                InlineKind::Text(_) => self.text_raw(start..end),
                InlineKind::SoftBreak => {
                    self.out.push(Piece::Text(" ".into()));
                    after_break = true;
                }
                InlineKind::LineBreak => {
                    let md = self.slice(start..end);
                    let id = self.id();
                    self.out.push(Piece::Ph {
                        id,
                        kind: CodeKind::Break,
                        md,
                    });
                    after_break = true;
                }
                InlineKind::Code(_) => self.ph(CodeKind::Code, start..end),
                InlineKind::FootnoteRef(_) => self.ph(CodeKind::Footnote, start..end),
                InlineKind::Citation(_) => self.ph(CodeKind::Citation, start..end),
                InlineKind::Image(_) => self.ph(CodeKind::Image, start..end),
                InlineKind::RawHtml(_) => self.ph(CodeKind::Html, start..end),
                InlineKind::Emphasis(c) => self.pair(CodeKind::Emphasis, c, start..end),
                InlineKind::Strong(c) => self.pair(CodeKind::Strong, c, start..end),
                InlineKind::Strikethrough(c) => self.pair(CodeKind::Strike, c, start..end),
                InlineKind::Link(l) => {
                    if l.content.is_empty() {
                        self.ph(CodeKind::Xref, start..end)
                    } else {
                        self.pair(CodeKind::Link, &l.content, start..end)
                    }
                }
            }
            *cursor = (*cursor).max(end);
        }
    }

    fn ph(&mut self, kind: CodeKind, r: Range<usize>) {
        let md = self.slice(r);
        let id = self.id();
        self.out.push(Piece::Ph { id, kind, md });
    }

    fn pair(&mut self, kind: CodeKind, children: &[Inline], r: Range<usize>) {
        let inner = inline_range(children);
        if inner.is_empty() || inner.start < r.start || inner.end > r.end {
            return self.ph(kind, r);
        }
        let id = self.id();
        let md = self.slice(r.start..inner.start);
        self.out.push(Piece::Open { id, kind, md });
        let mut cursor = inner.start;
        self.inlines(children, &mut cursor, &inner);
        if cursor < inner.end {
            self.text_raw(cursor..inner.end);
        }
        let md = self.slice(inner.end..r.end);
        match verify_note(&md).filter(|_| self.split_notes && kind == CodeKind::Link) {
            // The reviewers' note of a fact to verify is text to translate: the closing
            // code stops at the title's opening quote and a placeholder closes it.
            Some(note) => {
                self.out.push(Piece::Close {
                    id,
                    md: md[..note.start].to_string(),
                });
                self.text_raw(inner.end + note.start..inner.end + note.end);
                let end = self.id();
                self.out.push(Piece::Ph {
                    id: end,
                    kind: CodeKind::Link,
                    md: md[note.end..].to_string(),
                });
            }
            None => self.out.push(Piece::Close { id, md }),
        }
    }
}

/// Joins neighbouring text pieces and drops empty ones.
pub fn merge_text(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for p in pieces {
        match (out.last_mut(), p) {
            (_, Piece::Text(t)) if t.is_empty() => {}
            (Some(Piece::Text(a)), Piece::Text(b)) => a.push_str(&b),
            (_, p) => out.push(p),
        }
    }
    out
}

/// Markdown text with backslash escapes and character references decoded.
pub fn decode(raw: &str) -> String {
    if !raw.contains(['\\', '&']) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        if c == '\\'
            && let Some(n) = rest[1..].chars().next()
            && n.is_ascii_punctuation()
        {
            out.push(n);
            rest = &rest[1 + n.len_utf8()..];
            continue;
        }
        if c == '&'
            && let Some(end) = rest[1..].find(';').map(|i| i + 2)
            && end <= 34
            && rest[1..end - 1]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '#')
            && let Some(decoded) = decode_entity(&rest[..end])
        {
            out.push_str(&decoded);
            rest = &rest[end..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Decodes one `&…;` reference as CommonMark does (every HTML5 entity), or `None`.
fn decode_entity(entity: &str) -> Option<String> {
    let mut out = String::new();
    for ev in pulldown_cmark::Parser::new(entity) {
        match ev {
            pulldown_cmark::Event::Text(t) => out.push_str(&t),
            pulldown_cmark::Event::Start(_) | pulldown_cmark::Event::End(_) => {}
            _ => return None,
        }
    }
    (out != entity && !out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, SourceMap};
    use crate::translate::text::{canonical, to_markdown};

    fn units_of(md: &str) -> Vec<Unit> {
        let mut map = SourceMap::new();
        let id = map.add(SourceFile::new("a.md", None, md.to_string()));
        let parsed = crate::parse::parse_chapter(map.get(id), id);
        let chapter = Chapter {
            source: id,
            file_name: "a.md".into(),
            meta: parsed.meta,
            blocks: parsed.blocks,
            footnotes: parsed.footnotes,
            comments: parsed.comments,
        };
        chapter_units(&chapter, md)
    }

    fn md_of(u: &Unit, escape: bool) -> String {
        to_markdown(&u.pieces, u.kind, escape)
    }

    #[test]
    fn headings_drop_ids_and_keep_structure() {
        let u = units_of("# Objet {#objet}\n\nUn *mot* et [](#objet).\n");
        assert_eq!(u[0].id, "_.h");
        assert_eq!(u[0].pieces, vec![Piece::Text("Objet".into())]);
        assert_eq!(u[1].id, "_.1");
        assert_eq!(md_of(&u[1], false), "Un *mot* et [](#objet).");
        assert!(matches!(
            u[1].pieces[5],
            Piece::Ph {
                kind: CodeKind::Xref,
                ..
            }
        ));
    }

    #[test]
    fn escapes_and_entities_decode_to_text() {
        let u = units_of("Un \\*vrai\\* &amp; beau texte.\n");
        assert_eq!(
            u[0].pieces,
            vec![Piece::Text("Un *vrai* & beau texte.".into())]
        );
        let esc = md_of(&u[0], true);
        let again = units_of(&format!("{esc}\n"));
        assert_eq!(canonical(&again[0].pieces), canonical(&u[0].pieces));
    }

    #[test]
    fn tables_captions_lists_footnotes_and_titles() {
        let md = "---\ntitle: \"Titre court\"\n---\n# Titre\n\nTable: Les acteurs {#tbl-a}\n\n| A | B |\n|---|---|\n| x `c` | y[^1] |\n\n- un\n- deux\n\n![Le circuit](c.png) {#fig-c}\n\n[^1]: Une note.\n";
        let u = units_of(md);
        let ids: Vec<&str> = u.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "title", "_.h", "_.1.cap", "_.1.r0c1", "_.1.r0c2", "_.1.r1c1", "_.1.r1c2",
                "_.2.1.1", "_.2.2.1", "_.3.cap", "fn.1.1"
            ]
        );
        assert_eq!(&md[u[0].range.clone()], "\"Titre court\"");
        assert_eq!(&md[u[2].range.clone()], "Les acteurs");
        assert_eq!(&md[u[9].range.clone()], "Le circuit");
        assert_eq!(md_of(&u[6], false), "y[^1]");
    }

    #[test]
    fn fingerprints_ignore_wrapping_but_not_words() {
        let a = units_of("Un texte\nsur deux lignes.\n");
        let b = units_of("Un texte sur deux lignes.\n");
        let c = units_of("Un texte sur trois lignes.\n");
        assert_eq!(a[0].fingerprint(), b[0].fingerprint());
        assert_ne!(a[0].fingerprint(), c[0].fingerprint());
    }

    #[test]
    fn notes_to_verify_are_text_outside_the_link_codes() {
        let md = "Promulgué le [13 décembre](verify: \"Journal officiel ; \\\"date\\\"\") et [x](verify:).\n";
        let u = units_of(md);
        let texts: Vec<&str> = u[0]
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            [
                "Promulgué le ",
                "13 décembre",
                "Journal officiel ; \"date\"",
                " et ",
                "x",
                "."
            ]
        );
        assert!(u[0].pieces.contains(&Piece::Close {
            id: 1,
            md: "](verify: \"".into()
        }));
        // Written back with the title's escapes, it reads as the same unit.
        let mut translated = u[0].pieces.clone();
        for p in &mut translated {
            if let Piece::Text(t) = p
                && t.starts_with("Journal")
            {
                *t = "Official \"Journal\" \\ (gazette)".into();
            }
        }
        for escape in [false, true] {
            let back = to_markdown(&translated, UnitKind::Paragraph, escape);
            let again = units_of(&format!("{back}\n"));
            assert_eq!(
                canonical(&again[0].pieces),
                canonical(&translated),
                "{back}"
            );
        }
        // The fingerprint of the note inside the code is still recognised.
        let mut map = SourceMap::new();
        let id = map.add(SourceFile::new("a.md", None, md.to_string()));
        let parsed = crate::parse::parse_chapter(map.get(id), id);
        let BlockKind::Paragraph(inl) = &parsed.blocks[0].kind else {
            panic!("a paragraph")
        };
        let legacy =
            crate::translate::text::fingerprint(&pieces(md, inl, u[0].range.clone(), false));
        assert_ne!(u[0].fingerprint(), legacy);
        assert!(u[0].has_fingerprint(&legacy));
        // Single quotes and parentheses delimit titles too.
        for (md, note) in [
            ("[a](verify: 'à voir')\n", "à voir"),
            ("[a](verify: (à voir))\n", "à voir"),
        ] {
            let u = units_of(md);
            assert!(u[0].pieces.contains(&Piece::Text(note.into())), "{md}");
        }
    }

    #[test]
    fn escaping_keeps_text_as_text() {
        let pieces = vec![Piece::Text("1. *pas* d'accent [x] | <b>".into())];
        let md = to_markdown(&pieces, UnitKind::Paragraph, true);
        let again = units_of(&format!("{md}\n"));
        assert_eq!(canonical(&again[0].pieces), canonical(&pieces));
    }
}
