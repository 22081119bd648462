//! The body of a chapter: blocks and inlines, each with the span it came from.
//!
//! The shape follows pandoc's split of blocks and inlines. Renderers and checks read this
//! tree (after [`crate::resolve`] has filled numbers and ids), never the raw Markdown.

use crate::source::Span;

/// A block-level element.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The Markdown it came from.
    pub span: Span,
}

/// Kinds of block.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// A heading; chapter files open with a level-1 heading. Boxed, like the other large
    /// kinds (tables, figures), so that a block takes the size of a small one: most
    /// blocks are paragraphs and list items (216 → 80 bytes a block).
    Heading(Box<Heading>),
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A bullet or numbered list.
    List(List),
    /// A pipe table.
    Table(Box<Table>),
    /// A fenced or indented code block, printed verbatim.
    Code {
        /// Info string of the fence (`yaml`, `procedure`…), if any.
        lang: Option<String>,
        /// The code.
        text: String,
    },
    /// A GitHub-style alert (`> [!NOTE]`), printed as a callout box.
    Callout {
        /// Which alert.
        kind: CalloutKind,
        /// Its content.
        blocks: Vec<Block>,
    },
    /// A block quotation (also how legal texts are quoted).
    Quote(Vec<Block>),
    /// A definition list (`Term` / `: definition`).
    Definitions(Vec<DefinitionItem>),
    /// An image alone in its paragraph: a numbered figure whose caption is the alt text
    /// (`![Circuit de référencement](circuit.png) {#fig-circuit}`).
    Figure {
        /// The image.
        image: Box<Image>,
        /// The caption (the alt text) with the optional id.
        caption: Box<Caption>,
    },
    /// A procedure (```` ```procedure ```` fence): a step table and a pathway diagram.
    Procedure(Box<super::Procedure>),
    /// A responsibility matrix (```` ```responsibilities ```` fence), filled by resolve.
    Matrix(Box<super::Matrix>),
    /// The list of works the document cites (```` ```bibliography ```` fence), filled by
    /// resolve: (key, entry as the style prints it).
    Bibliography(Vec<(String, Vec<Styled>)>),
    /// A horizontal rule.
    Rule,
    /// Raw HTML: reported by `parse/raw-html` and printed as literal text.
    RawHtml(String),
}

/// A heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The id written as `{#id}`, if any.
    pub explicit_id: Option<String>,
    /// The id used for anchors: the explicit one, else positional (`s-2-3`); set by resolve.
    pub id: String,
    /// Display number (`2.3`, `A.1`); empty when unnumbered; set by resolve.
    pub number: String,
    /// The heading text.
    pub content: Vec<Inline>,
    /// Classes written as `{.unnumbered}` and similar.
    pub classes: Vec<String>,
    /// The structure-schema section the heading opens, written `{section=purpose}`, when
    /// its id alone does not say it.
    pub section: Option<String>,
}

/// A list.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// Number of the first item for ordered lists; `None` for bullets.
    pub start: Option<u64>,
    /// The items.
    pub items: Vec<ListItem>,
}

/// One list item.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// `Some(checked)` for task-list items (`- [ ]`), printed as checkboxes on forms.
    pub task: Option<bool>,
    /// The item's content.
    pub blocks: Vec<Block>,
    /// The item's source.
    pub span: Span,
}

/// A table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Alignment per column.
    pub aligns: Vec<Align>,
    /// Header cells.
    pub header: Vec<Cell>,
    /// Body rows.
    pub rows: Vec<Vec<Cell>>,
    /// Caption from a `Table: …` line just before the table.
    pub caption: Option<Caption>,
}

/// A numbered caption of a table or figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    /// The caption text.
    pub content: Vec<Inline>,
    /// The id written as `{#id}`, if any.
    pub id: Option<String>,
    /// Display number (`2`, `A.1`); set by resolve.
    pub number: String,
    /// The caption line.
    pub span: Span,
}

/// One table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The cell text.
    pub content: Vec<Inline>,
    /// The cell's source.
    pub span: Span,
}

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Not specified.
    None,
    /// `:--`
    Left,
    /// `:-:`
    Center,
    /// `--:`
    Right,
}

/// The kinds of GitHub alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalloutKind {
    /// `[!NOTE]`
    Note,
    /// `[!TIP]`
    Tip,
    /// `[!IMPORTANT]`
    Important,
    /// `[!WARNING]`
    Warning,
    /// `[!CAUTION]`
    Caution,
}

impl CalloutKind {
    /// The lower-case name used as a CSS class and a Typst argument.
    pub fn as_str(self) -> &'static str {
        match self {
            CalloutKind::Note => "note",
            CalloutKind::Tip => "tip",
            CalloutKind::Important => "important",
            CalloutKind::Warning => "warning",
            CalloutKind::Caution => "caution",
        }
    }
}

/// One term of a definition list with its definitions.
#[derive(Debug, Clone, PartialEq)]
pub struct DefinitionItem {
    /// The term.
    pub term: Vec<Inline>,
    /// One or more definitions.
    pub definitions: Vec<Vec<Block>>,
}

/// An inline element.
#[derive(Debug, Clone, PartialEq)]
pub struct Inline {
    /// What it is.
    pub kind: InlineKind,
    /// The Markdown it came from.
    pub span: Span,
}

/// Kinds of inline.
#[derive(Debug, Clone, PartialEq)]
pub enum InlineKind {
    /// Plain text, printed as written.
    Text(String),
    /// `code`.
    Code(String),
    /// *emphasis*.
    Emphasis(Vec<Inline>),
    /// **strong**.
    Strong(Vec<Inline>),
    /// ~~strikethrough~~.
    Strikethrough(Vec<Inline>),
    /// A link; cross-references are links whose destination names an id. Boxed, as are
    /// images and citations: an inline is as large as its largest kind, and most inlines
    /// are text (unboxed, a resolved link made every inline of the model 272 bytes).
    Link(Box<Link>),
    /// An image.
    Image(Box<Image>),
    /// A footnote mark `[^label]`.
    FootnoteRef(String),
    /// A citation of the bibliography: `[@key]`, `[@key, p. 12]`, `[@a; @b]`.
    Citation(Box<Citation>),
    /// A line break inside a paragraph.
    LineBreak,
    /// A soft line break (prints as a space).
    SoftBreak,
    /// Raw inline HTML, printed as literal text.
    RawHtml(String),
}

/// A link.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The destination as written.
    pub dest: String,
    /// The link title, if any.
    pub title: String,
    /// The link text (empty for `[](#id)` cross-references, filled at render time).
    pub content: Vec<Inline>,
    /// What the destination resolved to; set by resolve.
    pub target: LinkTarget,
}

/// The link destination that marks a fact to verify: `[text](verify:)`.
pub const VERIFY_DEST: &str = "verify:";

/// What a link's destination is, once resolved.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum LinkTarget {
    /// Not resolved yet (before the resolve stage).
    #[default]
    Unresolved,
    /// A web or mail address, printed as is.
    External,
    /// An id in this or another document.
    Xref(Xref),
    /// A file of the project that may be published: its project-relative path with `/`.
    File(String),
    /// A legal instrument of `legal.yaml`, optionally one article (`legal:loi-2012-023#3`).
    Legal(LegalRef),
    /// A fact still to verify: `[text](verify:)`, optionally with a note as the link
    /// title (`[text](verify: "source to check")`). Printed highlighted with a
    /// "to verify" tag; `content/to-verify` reports it (error in a final document).
    Verify,
    /// A reference that did not resolve (reported); printed as plain text.
    Broken,
}

/// A resolved citation of a legal instrument.
#[derive(Debug, Clone, PartialEq)]
pub struct LegalRef {
    /// Instrument id in `legal.yaml`.
    pub id: String,
    /// The article cited, if any.
    pub article: Option<String>,
    /// Short citation form in the document's language ("Loi n° 2012-023").
    pub short: String,
}

/// A resolved cross-reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Xref {
    /// Target document id.
    pub doc: String,
    /// Target id; `None` for the document itself.
    pub anchor: Option<String>,
    /// Kind of the target.
    pub kind: Option<crate::model::AnchorKind>,
    /// Number of the target (`3.2`).
    pub number: String,
    /// For a step, the number of its procedure (`2.1`).
    pub parent: String,
    /// Code of the target document (`PSO-02`), for references to another document.
    pub doc_code: Option<String>,
    /// Kind of the target document.
    pub doc_kind: crate::model::DocKind,
    /// Stem of the chapter holding the target (its HTML page).
    pub chapter_stem: String,
    /// The words an empty link prints ("section 3.2", "PSO 2, annexe B"), in the
    /// referring document's language with the project's own words; set by resolve.
    pub label: String,
}

/// A citation: one or more works of `bibliography.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// The works cited, in the order written.
    pub items: Vec<CiteItem>,
    /// The citation as the document's style prints it ("(OIM 2019, 12)"); set by resolve.
    pub rendered: Vec<Styled>,
}

/// One work of a citation.
#[derive(Debug, Clone, PartialEq)]
pub struct CiteItem {
    /// The key in `bibliography.yaml`.
    pub key: String,
    /// Where in the work ("p. 12", "art. 3"), as written.
    pub locator: Option<String>,
}

/// A run of generated text (citations, reference lists) with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Styled {
    /// The text.
    pub text: String,
    /// Italic (titles of books and reports).
    pub italic: bool,
    /// Bold.
    pub bold: bool,
    /// A web address the text links to.
    pub link: Option<String>,
}

/// Concatenates the text of styled runs.
pub fn styled_text(runs: &[Styled]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// An image.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The path as written, relative to the chapter file.
    pub dest: String,
    /// Alternative text (required: `parse/missing-alt`).
    pub alt: String,
    /// The title, if any.
    pub title: String,
    /// The project-relative path (with `/`) of the file shown, set by resolve once the
    /// file is found, may be published and has a sane size; renderers print only images
    /// that have one.
    pub path: Option<String>,
}

/// A footnote definition `[^label]: …`.
#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    /// The label.
    pub label: String,
    /// Its content.
    pub blocks: Vec<Block>,
    /// Where it is defined.
    pub span: Span,
    /// Its number, through the whole document in reading order (so a chapter page of the
    /// site and the PDF print the same numbers); 0 while no mark refers to it. Set by
    /// resolve.
    pub number: usize,
}

/// Concatenates the plain text of inlines (for titles, search and checks).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match &i.kind {
            InlineKind::Text(t) | InlineKind::Code(t) | InlineKind::RawHtml(t) => out.push_str(t),
            InlineKind::Emphasis(c) | InlineKind::Strong(c) | InlineKind::Strikethrough(c) => {
                push_plain(c, out)
            }
            InlineKind::Link(l) => push_plain(&l.content, out),
            InlineKind::Image(img) => out.push_str(&img.alt),
            InlineKind::FootnoteRef(_) => {}
            InlineKind::Citation(c) => out.push_str(&styled_text(&c.rendered)),
            InlineKind::LineBreak | InlineKind::SoftBreak => out.push(' '),
        }
    }
}

/// Gives back what the parser's growing vectors reserved and did not use. A vector grows
/// to room for four elements at its first push, and a list item or a paragraph usually
/// holds one: at 400 documents the unused room took 70 MB, as much as the blocks and
/// inlines themselves (`examples/model_size`-style count over `gen_corpus --scale 100`).
pub(crate) fn shrink_blocks(blocks: &mut Vec<Block>) {
    blocks.shrink_to_fit();
    for b in blocks {
        match &mut b.kind {
            BlockKind::Heading(h) => {
                shrink_inlines(&mut h.content);
                h.classes.shrink_to_fit();
            }
            BlockKind::Paragraph(inlines) => shrink_inlines(inlines),
            BlockKind::List(l) => {
                l.items.shrink_to_fit();
                for item in &mut l.items {
                    shrink_blocks(&mut item.blocks);
                }
            }
            BlockKind::Table(t) => {
                t.aligns.shrink_to_fit();
                t.header.shrink_to_fit();
                t.rows.shrink_to_fit();
                for cell in t.header.iter_mut() {
                    shrink_inlines(&mut cell.content);
                }
                for row in &mut t.rows {
                    row.shrink_to_fit();
                    for cell in row {
                        shrink_inlines(&mut cell.content);
                    }
                }
                if let Some(c) = &mut t.caption {
                    shrink_inlines(&mut c.content);
                }
            }
            BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => shrink_blocks(blocks),
            BlockKind::Definitions(items) => {
                items.shrink_to_fit();
                for item in items {
                    shrink_inlines(&mut item.term);
                    item.definitions.shrink_to_fit();
                    for d in &mut item.definitions {
                        shrink_blocks(d);
                    }
                }
            }
            BlockKind::Figure { caption, .. } => shrink_inlines(&mut caption.content),
            BlockKind::Procedure(p) => {
                shrink_inlines(&mut p.title);
                if let Some(c) = &mut p.diagram {
                    shrink_inlines(&mut c.content);
                }
                p.steps.shrink_to_fit();
                for s in &mut p.steps {
                    shrink_inlines(&mut s.action);
                    shrink_inlines(&mut s.time);
                    s.support.shrink_to_fit();
                    s.outputs.shrink_to_fit();
                    for o in &mut s.outputs {
                        shrink_inlines(&mut o.text);
                    }
                    s.never.shrink_to_fit();
                    for n in &mut s.never {
                        shrink_inlines(n);
                    }
                    match &mut s.flow {
                        super::Flow::Decision { question, branches } => {
                            shrink_inlines(question);
                            branches.shrink_to_fit();
                        }
                        super::Flow::Exit(text) => shrink_inlines(text),
                        super::Flow::Next { .. } | super::Flow::End => {}
                    }
                }
            }
            BlockKind::Code { .. }
            | BlockKind::Matrix(_)
            | BlockKind::Bibliography(_)
            | BlockKind::Rule
            | BlockKind::RawHtml(_) => {}
        }
    }
}

/// [`shrink_blocks`] for a run of inlines.
pub(crate) fn shrink_inlines(inlines: &mut Vec<Inline>) {
    inlines.shrink_to_fit();
    for i in inlines {
        match &mut i.kind {
            InlineKind::Emphasis(c) | InlineKind::Strong(c) | InlineKind::Strikethrough(c) => {
                shrink_inlines(c)
            }
            InlineKind::Link(l) => shrink_inlines(&mut l.content),
            _ => {}
        }
    }
}
