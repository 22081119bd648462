//! pulldown-cmark offset events → block tree, with a stack of open frames.
//!
//! Each frame collects both child blocks and inline content; when a frame that holds
//! blocks receives a block while inlines are pending (tight list items), the inlines are
//! first wrapped in a paragraph. Containers nested deeper than [`MAX_DEPTH`] are not
//! recursed into: their content is flattened into the deepest kept container.

use pulldown_cmark::{
    Alignment, BlockQuoteKind, CodeBlockKind, Event, MetadataBlockKind, Options, Parser, Tag,
    TagEnd, TextMergeWithOffset,
};

use super::MAX_DEPTH;
use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::model::*;
use crate::msg;
use crate::source::{SourceId, Span};

/// The result of building one file's tree.
pub(super) struct Tree {
    pub blocks: Vec<Block>,
    pub footnotes: Vec<Footnote>,
    pub comments: Vec<(Span, String)>,
    pub diagnostics: Vec<Diagnostic>,
    /// YAML text of the front matter and its byte offset in the file.
    pub front_matter: Option<(String, usize)>,
}

/// The Markdown dialect: CommonMark plus GFM tables, footnotes, task lists, strikethrough,
/// alerts, heading attributes, definition lists and YAML front matter. No smart
/// punctuation and no math: text prints as written (DESIGN.md).
pub(super) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

#[derive(Debug)]
enum FrameKind {
    Root,
    Paragraph,
    Heading {
        level: u8,
        id: Option<String>,
        classes: Vec<String>,
        section: Option<String>,
    },
    Quote(Option<BlockQuoteKind>),
    Code {
        lang: Option<String>,
    },
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Item {
        task: Option<bool>,
    },
    Table {
        aligns: Vec<Align>,
        header: Vec<Cell>,
        rows: Vec<Vec<Cell>>,
    },
    TableHead,
    TableRow {
        cells: Vec<Cell>,
    },
    TableCell,
    Footnote(String),
    DefList {
        items: Vec<DefinitionItem>,
    },
    DefTitle,
    DefDefinition,
    Emphasis,
    Strong,
    Strike,
    Link {
        dest: String,
        title: String,
    },
    Image {
        dest: String,
        title: String,
    },
    Metadata,
    Html,
}

struct Frame {
    kind: FrameKind,
    start: usize,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    text: String,
}

struct Builder {
    source: SourceId,
    stack: Vec<Frame>,
    /// Container starts skipped because of depth; their ends are skipped too.
    suppressed: usize,
    depth_reported: bool,
    footnotes: Vec<Footnote>,
    comments: Vec<(Span, String)>,
    diagnostics: Vec<Diagnostic>,
    /// Byte range of the whole front-matter block, delimiters included.
    front_matter: Option<(String, std::ops::Range<usize>)>,
}

pub(super) fn build(text: &str, source: SourceId) -> Tree {
    let mut b = Builder {
        source,
        stack: vec![Frame::new(FrameKind::Root, 0)],
        suppressed: 0,
        depth_reported: false,
        footnotes: Vec::new(),
        comments: Vec::new(),
        diagnostics: Vec::new(),
        front_matter: None,
    };
    let events = TextMergeWithOffset::new(Parser::new_ext(text, options()).into_offset_iter());
    for (event, range) in events {
        b.event(event, range);
    }
    while b.stack.len() > 1 {
        b.close(text.len());
    }
    let root = b.stack.pop().expect("root frame");
    // The YAML is sliced from the file itself (not the event text, which has CRLF
    // normalised) so that YAML line and column map exactly onto the file.
    let front_matter = b
        .front_matter
        .take()
        .map(|(_, range)| yaml_slice(text, range));
    let mut blocks = root.blocks;
    attach_captions(&mut blocks, &mut b.diagnostics);
    for f in &mut b.footnotes {
        attach_captions(&mut f.blocks, &mut b.diagnostics);
    }
    super::lazy::check(&blocks, text, &mut b.diagnostics);
    Tree {
        blocks,
        footnotes: b.footnotes,
        comments: b.comments,
        diagnostics: b.diagnostics,
        front_matter,
    }
}

/// Inline Markdown of a short text (a YAML value): the inlines of its blocks, in order,
/// with spans relative to the text.
pub(super) fn inlines(text: &str, source: SourceId) -> (Vec<Inline>, Vec<Diagnostic>) {
    let tree = build(text, source);
    let mut out: Vec<Inline> = Vec::new();
    crate::model::walk_blocks(&tree.blocks, &mut |b| {
        crate::model::block_inlines(b, &mut |inl| {
            if let (Some(last), Some(first)) = (out.last(), inl.first()) {
                let span = Span::new(source, last.span.end..first.span.start);
                out.push(Inline {
                    kind: InlineKind::SoftBreak,
                    span,
                });
            }
            out.extend(inl.iter().cloned());
        })
    });
    (out, tree.diagnostics)
}

impl Frame {
    fn new(kind: FrameKind, start: usize) -> Self {
        Frame {
            kind,
            start,
            blocks: Vec::new(),
            inlines: Vec::new(),
            text: String::new(),
        }
    }
}

fn is_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListDefinition
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
    )
}

impl Builder {
    fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.source, range)
    }

    fn top(&mut self) -> &mut Frame {
        self.stack.last_mut().expect("root frame")
    }

    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        match event {
            Event::Start(tag) => self.open(tag, range),
            Event::End(end) => {
                if self.suppressed > 0 && is_container_end(&end) {
                    self.suppressed -= 1;
                } else {
                    self.close(range.end);
                }
            }
            Event::Text(t) => {
                let top = self.top();
                match top.kind {
                    FrameKind::Code { .. } | FrameKind::Metadata | FrameKind::Html => {
                        top.text.push_str(&t)
                    }
                    _ => self.push_text(&t, range),
                }
            }
            Event::Code(t) => self.push_inline(InlineKind::Code(t.into_string()), range),
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.push_inline(InlineKind::Text(t.into_string()), range)
            }
            Event::Html(t) => self.top().text.push_str(&t),
            Event::InlineHtml(t) => {
                if t.trim_start().starts_with("<!--") {
                    self.comments.push((self.span(range), t.into_string()));
                } else {
                    self.raw_html_warning(range.clone());
                    self.push_inline(InlineKind::RawHtml(t.into_string()), range);
                }
            }
            Event::FootnoteReference(label) => {
                self.push_inline(InlineKind::FootnoteRef(label.into_string()), range)
            }
            Event::SoftBreak => self.push_inline(InlineKind::SoftBreak, range),
            Event::HardBreak => self.push_inline(InlineKind::LineBreak, range),
            Event::Rule => self.push_block(BlockKind::Rule, range),
            Event::TaskListMarker(checked) => {
                if let Some(f) = self
                    .stack
                    .iter_mut()
                    .rev()
                    .find(|f| matches!(f.kind, FrameKind::Item { .. }))
                {
                    f.kind = FrameKind::Item {
                        task: Some(checked),
                    };
                }
            }
        }
    }

    fn open(&mut self, tag: Tag<'_>, range: std::ops::Range<usize>) {
        if is_container(&tag) && self.stack.len() > MAX_DEPTH {
            if !self.depth_reported {
                self.depth_reported = true;
                self.diagnostics.push(
                    Diagnostic::error(
                        rules::PARSE_TOO_DEEP,
                        msg!("parse-too-deep", MAX_DEPTH = &MAX_DEPTH),
                    )
                    .at(self.span(range.start..range.start))
                    .hint(msg!("parse-too-deep-hint")),
                );
            }
            self.suppressed += 1;
            return;
        }
        let kind = match tag {
            Tag::Paragraph => FrameKind::Paragraph,
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                let mut section = None;
                for (key, value) in attrs {
                    match (key.as_ref(), value) {
                        ("section", Some(v)) if !v.is_empty() => section = Some(v.into_string()),
                        _ => self.diagnostics.push(
                            Diagnostic::warning(
                                rules::PARSE_HEADING_ATTRIBUTE,
                                msg!("parse-heading-attribute", key = &key),
                            )
                            .at(self.span(range.clone()))
                            .hint(msg!("parse-heading-attribute-hint")),
                        ),
                    }
                }
                FrameKind::Heading {
                    level: level as u8,
                    id: id.map(|s| s.into_string()),
                    classes: classes.into_iter().map(|c| c.into_string()).collect(),
                    section,
                }
            }
            Tag::BlockQuote(kind) => FrameKind::Quote(kind),
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => {
                let lang = info.split_whitespace().next().map(str::to_string);
                FrameKind::Code { lang }
            }
            Tag::CodeBlock(CodeBlockKind::Indented) => FrameKind::Code { lang: None },
            Tag::HtmlBlock => FrameKind::Html,
            Tag::List(start) => FrameKind::List {
                start,
                items: Vec::new(),
            },
            Tag::Item => FrameKind::Item { task: None },
            Tag::FootnoteDefinition(label) => FrameKind::Footnote(label.into_string()),
            Tag::DefinitionList => FrameKind::DefList { items: Vec::new() },
            Tag::DefinitionListTitle => FrameKind::DefTitle,
            Tag::DefinitionListDefinition => FrameKind::DefDefinition,
            Tag::Table(aligns) => FrameKind::Table {
                aligns: aligns.into_iter().map(align).collect(),
                header: Vec::new(),
                rows: Vec::new(),
            },
            Tag::TableHead => FrameKind::TableHead,
            Tag::TableRow => FrameKind::TableRow { cells: Vec::new() },
            Tag::TableCell => FrameKind::TableCell,
            Tag::Emphasis => FrameKind::Emphasis,
            Tag::Strong => FrameKind::Strong,
            Tag::Strikethrough => FrameKind::Strike,
            Tag::Superscript | Tag::Subscript => FrameKind::Emphasis,
            Tag::Link {
                dest_url, title, ..
            } => FrameKind::Link {
                dest: dest_url.into_string(),
                title: title.into_string(),
            },
            Tag::Image {
                dest_url, title, ..
            } => FrameKind::Image {
                dest: dest_url.into_string(),
                title: title.into_string(),
            },
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => FrameKind::Metadata,
            Tag::MetadataBlock(MetadataBlockKind::PlusesStyle) => FrameKind::Metadata,
        };
        self.stack.push(Frame::new(kind, range.start));
    }

    fn close(&mut self, end: usize) {
        let Some(mut frame) = self.stack.pop() else {
            return;
        };
        if matches!(frame.kind, FrameKind::Root) {
            self.stack.push(frame);
            return;
        }
        let range = frame.start..end;
        let span = self.span(range.clone());
        let inlines = std::mem::take(&mut frame.inlines);
        match frame.kind {
            FrameKind::Root => unreachable!("handled above"),
            FrameKind::Paragraph => self.push_block(BlockKind::Paragraph(inlines), range),
            FrameKind::Heading {
                level,
                id,
                classes,
                section,
            } => self.push_block(
                BlockKind::Heading(Box::new(Heading {
                    level,
                    explicit_id: id,
                    id: String::new(),
                    number: String::new(),
                    content: inlines,
                    classes,
                    section,
                })),
                range,
            ),
            FrameKind::Quote(kind) => {
                let blocks = finish_blocks(frame.blocks, inlines, span);
                let block = match kind.map(callout_kind) {
                    Some(kind) => BlockKind::Callout { kind, blocks },
                    None => BlockKind::Quote(blocks),
                };
                self.push_block(block, range);
            }
            FrameKind::Code { lang } => self.push_block(
                BlockKind::Code {
                    lang,
                    text: frame.text,
                },
                range,
            ),
            FrameKind::Html => {
                let text = frame.text;
                if text.trim_start().starts_with("<!--") {
                    self.comments.push((span, text));
                } else {
                    self.raw_html_warning(range.clone());
                    self.push_block(BlockKind::RawHtml(text), range);
                }
            }
            FrameKind::Metadata => self.front_matter = Some((String::new(), frame.start..end)),
            FrameKind::List { start, items } => {
                self.push_block(BlockKind::List(List { start, items }), range)
            }
            FrameKind::Item { task } => {
                let blocks = finish_blocks(frame.blocks, inlines, span);
                let item = ListItem { task, blocks, span };
                match self.stack.last_mut().map(|f| &mut f.kind) {
                    Some(FrameKind::List { items, .. }) => items.push(item),
                    _ => self.adopt_blocks(item.blocks),
                }
            }
            FrameKind::Table {
                aligns,
                header,
                rows,
            } => self.push_block(
                BlockKind::Table(Box::new(Table {
                    aligns,
                    header,
                    rows,
                    caption: None,
                })),
                range,
            ),
            // Header cells were moved into the table as they closed.
            FrameKind::TableHead => {}
            FrameKind::TableRow { cells } => {
                if let Some(FrameKind::Table { rows, .. }) =
                    self.stack.last_mut().map(|f| &mut f.kind)
                {
                    rows.push(cells);
                }
            }
            FrameKind::TableCell => {
                let cell = Cell {
                    content: inlines,
                    span,
                };
                match self.stack.last_mut().map(|f| &mut f.kind) {
                    Some(FrameKind::TableRow { cells }) => cells.push(cell),
                    // Header cells come directly under TableHead.
                    Some(FrameKind::TableHead) => {
                        if let Some(FrameKind::Table { header, .. }) =
                            self.stack.iter_mut().rev().nth(1).map(|f| &mut f.kind)
                        {
                            header.push(cell);
                        }
                    }
                    _ => {}
                }
            }
            FrameKind::Footnote(label) => {
                let blocks = finish_blocks(frame.blocks, inlines, span);
                self.footnotes.push(Footnote {
                    label,
                    blocks,
                    span,
                    number: 0,
                });
            }
            FrameKind::DefList { items } => self.push_block(BlockKind::Definitions(items), range),
            FrameKind::DefTitle => {
                if let Some(FrameKind::DefList { items }) =
                    self.stack.last_mut().map(|f| &mut f.kind)
                {
                    items.push(DefinitionItem {
                        term: inlines,
                        definitions: Vec::new(),
                    });
                }
            }
            FrameKind::DefDefinition => {
                let blocks = finish_blocks(frame.blocks, inlines, span);
                if let Some(FrameKind::DefList { items }) =
                    self.stack.last_mut().map(|f| &mut f.kind)
                {
                    match items.last_mut() {
                        Some(item) => item.definitions.push(blocks),
                        None => items.push(DefinitionItem {
                            term: Vec::new(),
                            definitions: vec![blocks],
                        }),
                    }
                }
            }
            FrameKind::Emphasis => self.push_inline(InlineKind::Emphasis(inlines), range),
            FrameKind::Strong => self.push_inline(InlineKind::Strong(inlines), range),
            FrameKind::Strike => self.push_inline(InlineKind::Strikethrough(inlines), range),
            FrameKind::Link { dest, title } => self.push_inline(
                InlineKind::Link(Box::new(Link {
                    dest,
                    title,
                    content: inlines,
                    target: LinkTarget::Unresolved,
                })),
                range,
            ),
            FrameKind::Image { dest, title } => {
                let alt = plain_text(&inlines);
                self.push_inline(
                    InlineKind::Image(Box::new(Image {
                        dest,
                        alt,
                        title,
                        path: None,
                    })),
                    range,
                )
            }
        }
    }

    /// Text, with its citations (`[@key]`) cut out. Their spans are exact when the text
    /// is written as is (no escapes), else the whole run.
    fn push_text(&mut self, text: &str, range: std::ops::Range<usize>) {
        if !text.contains("[@") {
            self.push_inline(InlineKind::Text(text.to_string()), range);
            return;
        }
        let exact = range.len() == text.len();
        for (part, citation) in super::citation::split(text) {
            let r = if exact {
                range.start + part.start..range.start + part.end
            } else {
                range.clone()
            };
            match citation {
                Some(c) => self.push_inline(InlineKind::Citation(Box::new(c)), r),
                None => self.push_inline(InlineKind::Text(text[part].to_string()), r),
            }
        }
    }

    fn push_inline(&mut self, kind: InlineKind, range: std::ops::Range<usize>) {
        let span = self.span(range);
        self.top().inlines.push(Inline { kind, span });
    }

    fn push_block(&mut self, kind: BlockKind, range: std::ops::Range<usize>) {
        let span = self.span(range);
        let top = self.top();
        if !top.inlines.is_empty() {
            let inl = std::mem::take(&mut top.inlines);
            let pspan = Span::new(span.source, inl[0].span.start..inl[inl.len() - 1].span.end);
            top.blocks.push(Block {
                kind: BlockKind::Paragraph(inl),
                span: pspan,
            });
        }
        top.blocks.push(Block { kind, span });
    }

    /// Blocks of an item whose list was suppressed go to the enclosing frame.
    fn adopt_blocks(&mut self, blocks: Vec<Block>) {
        let top = self.top();
        top.blocks.extend(blocks);
    }

    fn raw_html_warning(&mut self, range: std::ops::Range<usize>) {
        self.diagnostics.push(
            Diagnostic::warning(rules::PARSE_RAW_HTML, msg!("parse-raw-html"))
                .at(self.span(range))
                .hint(msg!("parse-raw-html-hint")),
        );
    }
}

fn is_container_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListDefinition
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
    )
}

/// Pending inlines of a block container become a trailing paragraph.
fn finish_blocks(mut blocks: Vec<Block>, inlines: Vec<Inline>, span: Span) -> Vec<Block> {
    if !inlines.is_empty() {
        let pspan = Span::new(
            span.source,
            inlines[0].span.start..inlines[inlines.len() - 1].span.end,
        );
        blocks.push(Block {
            kind: BlockKind::Paragraph(inlines),
            span: pspan,
        });
    }
    blocks
}

/// The YAML between the opening `---` line and the closing `---`/`...` line.
fn yaml_slice(text: &str, block: std::ops::Range<usize>) -> (String, usize) {
    let block_text = &text[block.clone()];
    let start = block_text.find('\n').map_or(block_text.len(), |i| i + 1);
    let body = &block_text[start..];
    let trimmed = body.trim_end_matches(['\n', '\r']);
    let end = trimmed.rfind('\n').map_or(0, |i| i + 1);
    (body[..end].to_string(), block.start + start)
}

fn align(a: Alignment) -> Align {
    match a {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

fn callout_kind(k: BlockQuoteKind) -> CalloutKind {
    match k {
        BlockQuoteKind::Note => CalloutKind::Note,
        BlockQuoteKind::Tip => CalloutKind::Tip,
        BlockQuoteKind::Important => CalloutKind::Important,
        BlockQuoteKind::Warning => CalloutKind::Warning,
        BlockQuoteKind::Caution => CalloutKind::Caution,
    }
}

/// A paragraph `Table: caption {#id}` directly before a table becomes its caption.
fn attach_captions(blocks: &mut Vec<Block>, diags: &mut Vec<Diagnostic>) {
    let mut i = 0;
    while i < blocks.len() {
        match &mut blocks[i].kind {
            BlockKind::List(l) => {
                for item in &mut l.items {
                    attach_captions(&mut item.blocks, diags);
                }
            }
            BlockKind::Callout { blocks: inner, .. } | BlockKind::Quote(inner) => {
                attach_captions(inner, diags)
            }
            _ => {}
        }
        if let Some(fig) = as_figure(&blocks[i]) {
            blocks[i].kind = fig;
            i += 1;
            continue;
        }
        let is_caption =
            matches!(&blocks[i].kind, BlockKind::Paragraph(inl) if caption_prefix(inl).is_some());
        if is_caption {
            let next_is_table = matches!(
                blocks.get(i + 1).map(|b| &b.kind),
                Some(BlockKind::Table(_))
            );
            if next_is_table {
                let para = blocks.remove(i);
                let BlockKind::Paragraph(inl) = para.kind else {
                    unreachable!()
                };
                let caption = make_caption(inl, para.span);
                if let BlockKind::Table(t) = &mut blocks[i].kind {
                    t.caption = Some(caption);
                }
                continue;
            }
            diags.push(
                Diagnostic::warning(rules::PARSE_ORPHAN_CAPTION, msg!("parse-orphan-caption"))
                    .at(blocks[i].span)
                    .hint(msg!("parse-orphan-caption-hint")),
            );
        }
        i += 1;
    }
}

fn caption_prefix(inl: &[Inline]) -> Option<usize> {
    match inl.first().map(|i| &i.kind) {
        Some(InlineKind::Text(t)) => super::caption_marker(t),
        _ => None,
    }
}

fn make_caption(mut inl: Vec<Inline>, span: Span) -> Caption {
    let skip = caption_prefix(&inl).unwrap_or(0);
    if let Some(InlineKind::Text(t)) = inl.first_mut().map(|i| &mut i.kind) {
        *t = t[skip..].trim_start().to_string();
    }
    let mut id = None;
    if let Some(last) = inl.last_mut()
        && let InlineKind::Text(t) = &mut last.kind
        && let Some((before, found)) = trailing_id(t)
    {
        id = Some(found);
        *t = before;
    }
    inl.retain(|i| !matches!(&i.kind, InlineKind::Text(t) if t.is_empty()));
    Caption {
        content: inl,
        id,
        number: String::new(),
        span,
    }
}

/// Splits `text {#id}` into (`text`, `id`).
pub(crate) fn trailing_id(text: &str) -> Option<(String, String)> {
    let trimmed = text.trim_end();
    let inner = trimmed.strip_suffix('}')?;
    let open = inner.rfind("{#")?;
    let id = &inner[open + 2..];
    if id.is_empty() || id.contains(char::is_whitespace) {
        return None;
    }
    Some((inner[..open].trim_end().to_string(), id.to_string()))
}

/// A paragraph holding only an image (and optionally `{#fig-id}`) is a figure.
fn as_figure(block: &Block) -> Option<BlockKind> {
    let BlockKind::Paragraph(inl) = &block.kind else {
        return None;
    };
    let (img, rest) = inl.split_first()?;
    let InlineKind::Image(image) = &img.kind else {
        return None;
    };
    let id = match rest {
        [] => None,
        [
            Inline {
                kind: InlineKind::Text(t),
                ..
            },
        ] => Some(trailing_id(t).filter(|(b, _)| b.is_empty())?.1),
        _ => return None,
    };
    let caption = Caption {
        content: vec![Inline {
            kind: InlineKind::Text(image.alt.clone()),
            span: img.span,
        }],
        id,
        number: String::new(),
        span: block.span,
    };
    Some(BlockKind::Figure {
        image: Box::new(Image::clone(image)),
        caption: Box::new(caption),
    })
}
