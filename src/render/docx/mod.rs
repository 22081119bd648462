//! The Word export (`build --format docx`): a review copy for committee members who
//! comment in Word, made with the `docx-rs` crate.
//!
//! Headings use Word's heading styles (so the navigation pane and LibreOffice's outline
//! work), tables are Word tables, footnotes are Word footnotes, and the cover information
//! (code, title, version, date, status) opens the document. Every numbered element
//! (paragraph, list item, table, procedure step) starts with its review number in a run
//! of the `ReviewNumber` character style, followed by a tab, and carries a bookmark
//! `rv_<n>`: `review import` reads the printed number back to tie each Word comment to its
//! paragraph. The copy shows what the PDF shows and a reviewer may comment on: PNG figures,
//! procedures as full step tables with their pathway diagram (a PNG rasterized from the
//! same SVG, with its description as alternative text), responsibility matrices as
//! tables, facts to verify highlighted with their tag, signature blocks as lines to fill
//! in, and dates in words ("2 décembre 2026"). A picture's paragraph opens with its review
//! number, so a comment on the picture itself comes back to it.
//!
//! The bytes are deterministic: document properties carry the document's date, the zip
//! entries a fixed time, and paragraph and footnote ids are counted per document.

mod procedure;

use docx_rs::{
    AlignmentType, Docx, Footnote, LineSpacing, Paragraph, Run, RunFonts, Style, StyleType, Tab,
    TabLeaderType, TabValueType, Table, TableCell, TableRow,
};

use crate::l10n::words;
use crate::model::*;
use crate::render::{caption_label, legal_label, xref_label};

/// Custom document property holding `<document id>/<language>` (one property: docx-rs
/// keeps custom properties in a hash map, so several would come out in random order).
pub const PROP_SOURCE: &str = "sopdoc-source";
/// The character style of review numbers.
pub const NUMBER_STYLE: &str = "ReviewNumber";

/// docx-rs escapes markup but lets through the characters XML 1.0 forbids (a control
/// character pasted into a chapter), which makes Word refuse the whole file: every run's
/// text goes through [`crate::xml::replace_forbidden`].
trait XmlText {
    fn add_xml_text(self, text: impl AsRef<str>) -> Self;
}

impl XmlText for Run {
    fn add_xml_text(self, text: impl AsRef<str>) -> Self {
        self.add_text(crate::xml::replace_forbidden(text.as_ref()))
    }
}

/// Renders `doc` in `lang` as a `.docx` file; `date` (`YYYY-MM-DD`) fixes the document
/// properties' timestamps.
///
/// # Errors
/// [`crate::Error::Docx`] when the package cannot be written (not expected in memory).
pub fn render(
    project: &Project,
    doc: &Document,
    lang: &str,
    date: &str,
) -> Result<Vec<u8>, crate::Error> {
    let Some(t) = doc.translation(lang) else {
        return Err(crate::Error::Docx(
            crate::msg!("docx-no-translation", doc = doc.id(), lang = lang).into(),
        ));
    };
    // docx-rs counts paragraph ids per thread: a fresh thread gives every document the
    // same ids on every build.
    std::thread::scope(|s| {
        s.spawn(|| build(project, doc, t, date))
            .join()
            .unwrap_or_else(|_| Err(crate::Error::Docx(crate::msg!("docx-writer-failed").into())))
    })
}

fn build(
    project: &Project,
    doc: &Document,
    t: &Translation,
    date: &str,
) -> Result<Vec<u8>, crate::Error> {
    let lang = t.lang.as_str();
    let src = project.source_language();
    let w = words(lang);
    let stamp = format!("{date}T00:00:00Z");
    let mut docx = Docx::new()
        .created_at(&stamp)
        .updated_at(&stamp)
        .custom_property(PROP_SOURCE, format!("{}/{lang}", doc.id()))
        .default_fonts(RunFonts::new().ascii("Calibri").hi_ansi("Calibri"))
        .default_size(22)
        .add_style(
            Style::new(NUMBER_STYLE, StyleType::Character)
                .name("Review Number")
                .size(16)
                .bold()
                .color("9B1C12"),
        );
    for level in 1..=6usize {
        let size = match level {
            1 => 32,
            2 => 28,
            3 => 24,
            _ => 22,
        };
        docx = docx.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("Heading {level}"))
                .based_on("Normal")
                .next("Normal")
                .size(size)
                .bold()
                .color("0033A0")
                .outline_lvl(level - 1),
        );
    }
    docx = docx.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .size(44)
            .bold()
            .color("0033A0"),
    );

    // Cover information.
    let m = &doc.meta;
    let mut w_ = Writer {
        project,
        lang,
        paragraphs: crate::resolve::review_numbers(t),
        footnotes: 0,
        bookmarks: 0,
        out: Vec::new(),
        notes: &[],
        pictures: Vec::new(),
    };
    let mark = Paragraph::new().align(AlignmentType::Center).add_run(
        Run::new()
            .add_xml_text(w.review_mark)
            .bold()
            .color("9B1C12"),
    );
    w_.out.push(Item::p(mark));
    w_.out.push(Item::p(
        Paragraph::new().add_run(
            Run::new()
                .add_xml_text(crate::l10n::document_code(m, lang, src))
                .bold(),
        ),
    ));
    w_.out.push(Item::p(
        Paragraph::new()
            .style("Title")
            .add_run(Run::new().add_xml_text(m.title.get(lang, src))),
    ));
    if let Some(sub) = &m.subtitle {
        w_.out.push(Item::p(
            Paragraph::new().add_run(Run::new().add_xml_text(sub.get(lang, src)).italic()),
        ));
    }
    let status = match m.status {
        Status::Draft => w.status_draft,
        Status::Review => w.status_review,
        Status::Final => w.status_final,
    };
    for (label, value) in [
        (w.version, m.version.value.as_str()),
        (w.date, crate::l10n::long_date(&m.date.value, lang).as_str()),
        (w.status, status),
    ] {
        w_.out.push(Item::p(
            Paragraph::new()
                .add_run(
                    Run::new()
                        .add_xml_text(format!(
                            "{label}{} ",
                            if lang == "fr" { "\u{a0}:" } else { ":" }
                        ))
                        .color("555555"),
                )
                .add_run(Run::new().add_xml_text(value).bold()),
        ));
    }

    let contributions = crate::render::contributions::chapter(doc, t);
    for ch in t.chapters.iter().chain(contributions.iter()) {
        w_.notes = &ch.footnotes;
        for b in &ch.blocks {
            w_.block(b, ch.meta.annex, 0);
        }
    }
    let alts = std::mem::take(&mut w_.pictures);
    for item in std::mem::take(&mut w_.out) {
        docx = match item {
            Item::P(p) => docx.add_paragraph(*p),
            Item::T(t) => docx.add_table(*t),
        };
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    let mut xml = docx.build();
    xml.document = describe_pictures(&xml.document, &alts);
    xml.pack(&mut bytes)
        .map_err(|e| crate::Error::Docx(e.to_string().into()))?;
    Ok(bytes.into_inner())
}

enum Item {
    P(Box<Paragraph>),
    T(Box<Table>),
}

impl Item {
    fn p(p: Paragraph) -> Self {
        Item::P(Box::new(p))
    }

    fn t(t: Table) -> Self {
        Item::T(Box::new(t))
    }
}

struct Writer<'a> {
    project: &'a Project,
    lang: &'a str,
    paragraphs: &'a Paragraphs,
    footnotes: usize,
    bookmarks: usize,
    out: Vec<Item>,
    notes: &'a [Footnote_],
    /// The alternative text of each picture placed so far, in document order.
    pictures: Vec<String>,
}

type Footnote_ = crate::model::Footnote;

impl<'a> Writer<'a> {
    /// A paragraph that opens with the review number of `key`, if it has one.
    fn numbered(&mut self, key: ParaKey) -> Paragraph {
        let p = Paragraph::new().line_spacing(LineSpacing::new().line(360).after(120));
        self.number_with(p, key, false)
    }

    /// `p` opening with the review number of `key` (and its bookmark), if it has one, on
    /// its own line: for a picture's paragraph (above the picture, with single line
    /// spacing) and a step's narrow number cell (above the step number).
    fn number_into(&mut self, p: Paragraph, key: ParaKey) -> Paragraph {
        self.number_with(p, key, true)
    }

    fn number_with(&mut self, mut p: Paragraph, key: ParaKey, own_line: bool) -> Paragraph {
        if let Some(n) = self.paragraphs.number(key) {
            self.bookmarks += 1;
            let name = bookmark_name(n);
            p = p
                .add_bookmark_start(self.bookmarks, name)
                .add_run(Run::new().style(NUMBER_STYLE).add_xml_text(n))
                .add_bookmark_end(self.bookmarks);
            p = if own_line {
                p.add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping))
            } else {
                p.add_run(Run::new().add_tab())
            };
        }
        p
    }

    /// A picture's paragraph that opens with the review number of `key` again, on its own
    /// line, without a second bookmark (the later parts of a tall diagram).
    fn renumbered(&self, key: ParaKey) -> Paragraph {
        let mut p = Paragraph::new();
        if let Some(n) = self.paragraphs.number(key) {
            p = p
                .add_run(Run::new().style(NUMBER_STYLE).add_xml_text(n))
                .add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping));
        }
        p
    }

    fn block(&mut self, b: &Block, annex: bool, depth: usize) {
        let key = ParaKey::Block(b.span);
        match &b.kind {
            BlockKind::Heading(h) => {
                let level = h.level.clamp(1, 6);
                let number = if h.number.is_empty() {
                    String::new()
                } else if level == 1 && annex {
                    format!("{} {} — ", words(self.lang).annex_title, h.number)
                } else {
                    format!("{} ", h.number)
                };
                let mut p = Paragraph::new().style(&format!("Heading{level}"));
                if !number.is_empty() {
                    p = p.add_run(Run::new().add_xml_text(number));
                }
                p = self.inlines(p, &h.content, Fmt::default());
                self.out.push(Item::p(p));
            }
            BlockKind::Paragraph(inl) => {
                let p = self.numbered(key);
                let p = self.inlines(p, inl, Fmt::default());
                self.out.push(Item::p(p));
            }
            BlockKind::List(l) => {
                for (i, item) in l.items.iter().enumerate() {
                    let marker = match (item.task, l.start) {
                        (Some(true), _) => "☑".to_string(),
                        (Some(false), _) => "☐".to_string(),
                        (None, Some(n)) => format!("{}.", n + i as u64),
                        (None, None) => "•".to_string(),
                    };
                    let mut p = self.numbered(ParaKey::Item(item.span)).indent(
                        Some(360 * (depth as i32 + 1)),
                        None,
                        None,
                        None,
                    );
                    p = p.add_run(Run::new().add_xml_text(format!("{marker} ")));
                    let mut rest: &[Block] = &item.blocks;
                    if let Some(Block {
                        kind: BlockKind::Paragraph(inl),
                        ..
                    }) = item.blocks.first()
                    {
                        p = self.inlines(p, inl, Fmt::default());
                        rest = &item.blocks[1..];
                    }
                    self.out.push(Item::p(p));
                    for b in rest {
                        self.block(b, annex, depth + 1);
                    }
                }
            }
            BlockKind::Table(table) => {
                let mut p = self.numbered(key);
                if let Some(c) = &table.caption {
                    let label = caption_label(AnchorKind::Table, &c.number, self.lang);
                    p = p.add_run(Run::new().add_xml_text(format!("{label}. ")).bold());
                    p = self.inlines(p, &c.content, Fmt::bold());
                }
                self.out.push(Item::p(p));
                let mut rows = vec![self.row(&table.header, true)];
                for r in &table.rows {
                    rows.push(self.row(r, false));
                }
                self.out.push(Item::t(Table::new(rows)));
            }
            BlockKind::Figure { image, caption } => {
                // The picture's paragraph opens with the number, so a comment on the
                // picture comes back to the figure; the caption follows, as in the PDF.
                let p = match self.picture(image) {
                    Some(pic) => {
                        let p = self
                            .number_into(Paragraph::new(), key)
                            .add_run(Run::new().add_image(pic));
                        self.out.push(Item::p(p.keep_next(true)));
                        Paragraph::new()
                    }
                    None => self.numbered(key),
                };
                let label = caption_label(AnchorKind::Figure, &caption.number, self.lang);
                let p = p.add_run(Run::new().add_xml_text(format!("{label}. ")).bold());
                let p = self.inlines(p, &caption.content, Fmt::bold());
                self.out.push(Item::p(p));
            }
            BlockKind::Procedure(proc_) => self.procedure(proc_, key),
            BlockKind::Code {
                lang: Some(l),
                text,
            } if l == "signature" => {
                self.signatures(key, text);
            }
            BlockKind::Code { text, .. } | BlockKind::RawHtml(text) => {
                let mut p = self.numbered(key);
                for (i, line) in text.lines().enumerate() {
                    let mut run = Run::new().fonts(RunFonts::new().ascii("Courier New"));
                    if i > 0 {
                        run = run.add_break(docx_rs::BreakType::TextWrapping);
                    }
                    p = p.add_run(run.add_xml_text(line));
                }
                self.out.push(Item::p(p));
            }
            BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => {
                let mut first = true;
                for inner in blocks {
                    match &inner.kind {
                        BlockKind::Paragraph(inl) => {
                            let p = if first {
                                self.numbered(key)
                            } else {
                                Paragraph::new()
                            };
                            let p = p.indent(Some(567), None, None, None);
                            let p = self.inlines(p, inl, Fmt::italic());
                            self.out.push(Item::p(p));
                        }
                        _ => self.block(inner, annex, depth + 1),
                    }
                    first = false;
                }
            }
            BlockKind::Definitions(items) => {
                let mut first = true;
                for item in items {
                    let p = if first {
                        self.numbered(key)
                    } else {
                        Paragraph::new()
                    };
                    first = false;
                    let p = self.inlines(p, &item.term, Fmt::bold());
                    self.out.push(Item::p(p));
                    for d in item.definitions.iter().flatten() {
                        if let BlockKind::Paragraph(inl) = &d.kind {
                            let p = Paragraph::new().indent(Some(567), None, None, None);
                            let p = self.inlines(p, inl, Fmt::default());
                            self.out.push(Item::p(p));
                        }
                    }
                }
            }
            BlockKind::Matrix(m) => self.matrix(m, key),
            BlockKind::Bibliography(entries) => {
                let mut first = true;
                for (_, runs) in entries {
                    let p = if first {
                        self.numbered(key)
                    } else {
                        Paragraph::new()
                    };
                    first = false;
                    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
                    self.out
                        .push(Item::p(p.add_run(Run::new().add_xml_text(text))));
                }
            }
            BlockKind::Rule => {}
        }
    }

    /// A PNG image of the project, at most 15 cm wide; `None` for other formats and
    /// paths outside the project (the caption still prints; `check` reports bad paths).
    fn picture(&mut self, image: &Image) -> Option<docx_rs::Pic> {
        let rel = image.path.as_ref()?;
        let bytes = self.project.world.read(&self.project.root.join(rel)).ok()?;
        let (w, h) = png_size(&bytes)?;
        Some(self.place_png(bytes, w, h, TEXT_WIDTH_EMU, image.alt.clone()))
    }

    /// A PNG of `w` × `h` pixels shown at 96 dpi, at most `max_emu` wide, with `alt` as
    /// its alternative text.
    fn place_png(
        &mut self,
        bytes: Vec<u8>,
        w: u32,
        h: u32,
        max_emu: u64,
        alt: String,
    ) -> docx_rs::Pic {
        self.pictures.push(alt);
        // 9525 EMU per pixel at 96 dpi.
        let (we, he) = (u64::from(w) * 9525, u64::from(h) * 9525);
        self.sized_png(bytes, w, h, we, he, max_emu)
    }

    /// A PNG shown `we` × `he` EMU, scaled down to `max_emu` wide.
    fn sized_png(
        &self,
        bytes: Vec<u8>,
        w: u32,
        h: u32,
        we: u64,
        he: u64,
        max_emu: u64,
    ) -> docx_rs::Pic {
        let (we, he) = if we > max_emu {
            (max_emu, he * max_emu / we.max(1))
        } else {
            (we, he)
        };
        let mut pic = docx_rs::Pic::new_with_dimensions(bytes, w, h).size(
            u32::try_from(we).unwrap_or(u32::MAX),
            u32::try_from(he).unwrap_or(u32::MAX),
        );
        // docx-rs numbers pictures process-wide: number them per document instead.
        pic.id = format!("rIdImage{}", self.pictures.len());
        pic
    }

    fn row(&mut self, cells: &[Cell], header: bool) -> TableRow {
        let cells = cells
            .iter()
            .map(|c| {
                let fmt = if header { Fmt::bold() } else { Fmt::default() };
                let p = self.inlines(Paragraph::new(), &c.content, fmt);
                TableCell::new().add_paragraph(p)
            })
            .collect();
        TableRow::new(cells)
    }

    fn inlines(&mut self, mut p: Paragraph, inlines: &[Inline], fmt: Fmt) -> Paragraph {
        for i in inlines {
            p = match &i.kind {
                InlineKind::Text(t) => p.add_run(fmt.run(t)),
                InlineKind::Code(t) => {
                    p.add_run(fmt.run(t).fonts(RunFonts::new().ascii("Courier New")))
                }
                InlineKind::RawHtml(t) => p.add_run(fmt.run(t)),
                InlineKind::Emphasis(c) => self.inlines(
                    p,
                    c,
                    Fmt {
                        italic: true,
                        ..fmt
                    },
                ),
                InlineKind::Strong(c) => self.inlines(p, c, Fmt { bold: true, ..fmt }),
                InlineKind::Strikethrough(c) => self.inlines(
                    p,
                    c,
                    Fmt {
                        strike: true,
                        ..fmt
                    },
                ),
                InlineKind::Link(l) if l.content.is_empty() => {
                    let label = match &l.target {
                        LinkTarget::Xref(x) => xref_label(x),
                        LinkTarget::Legal(lr) => legal_label(lr, self.lang),
                        _ => l.dest.clone(),
                    };
                    p.add_run(fmt.run(&label))
                }
                InlineKind::Link(l) if l.target == LinkTarget::Verify => {
                    // As in the PDF: the tag, then the fact, highlighted.
                    let tag = Run::new()
                        .add_xml_text(format!("{}\u{a0}", words(self.lang).to_verify))
                        .bold()
                        .size(16)
                        .color(VERIFY_COLOR)
                        .highlight("yellow");
                    let p = p.add_run(tag);
                    self.inlines(
                        p,
                        &l.content,
                        Fmt {
                            highlight: true,
                            ..fmt
                        },
                    )
                }
                InlineKind::Link(l) => self.inlines(p, &l.content, fmt),
                InlineKind::Image(img) => p.add_run(fmt.run(&img.alt)),
                InlineKind::FootnoteRef(label) => {
                    let Some(note) = self.notes.iter().find(|n| &n.label == label) else {
                        continue;
                    };
                    self.footnotes += 1;
                    let mut content = Paragraph::new();
                    for b in &note.blocks {
                        if let BlockKind::Paragraph(inl) = &b.kind {
                            content = self.inlines(content, inl, Fmt::default());
                        }
                    }
                    let footnote = Footnote {
                        id: self.footnotes,
                        content: vec![content],
                    };
                    p.add_run(Run::new().add_footnote_reference(footnote))
                }
                InlineKind::Citation(c) => {
                    let text: String = c.rendered.iter().map(|r| r.text.as_str()).collect();
                    p.add_run(fmt.run(&text))
                }
                InlineKind::LineBreak => {
                    p.add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping))
                }
                InlineKind::SoftBreak => p.add_run(fmt.run(" ")),
            };
        }
        let _ = self.project;
        p
    }
}

#[derive(Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    strike: bool,
    /// A fact to verify: highlighted in yellow.
    highlight: bool,
}

impl Fmt {
    fn bold() -> Self {
        Fmt {
            bold: true,
            ..Fmt::default()
        }
    }

    fn italic() -> Self {
        Fmt {
            italic: true,
            ..Fmt::default()
        }
    }

    fn run(self, text: &str) -> Run {
        let mut r = Run::new().add_xml_text(text);
        if self.bold {
            r = r.bold();
        }
        if self.italic {
            r = r.italic();
        }
        if self.strike {
            r = r.strike();
        }
        if self.highlight {
            r = r.highlight("yellow");
        }
        r
    }
}

/// The text width of the page (A4, docx-rs's default margins): 15 cm, in EMU.
const TEXT_WIDTH_EMU: u64 = 5_400_000;
/// Text width in twips, for the right tab stop that ends signature lines.
const TEXT_WIDTH_TWIPS: usize = 8504;
/// The colour of the "to verify" tag (the PDF's darkened IOM orange).
const VERIFY_COLOR: &str = "9C4A00";

impl Writer<'_> {
    /// A ```` ```signature ```` block, one party per line: as in the PDF, each party's
    /// name in bold, then lines to fill in for name, position, date and signature (a tab
    /// with an underscore leader to the right margin, so the lines are real lines and
    /// stay whole when the text is edited). The first line opens with the block's
    /// review number.
    fn signatures(&mut self, key: ParaKey, text: &str) {
        let w = words(self.lang);
        let colon = crate::l10n::colon(self.lang);
        let mut first = true;
        for party in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let p = if first {
                self.numbered(key)
            } else {
                Paragraph::new()
            };
            first = false;
            let p = p
                .add_run(Run::new().add_xml_text(party).bold().color("0033A0"))
                .keep_next(true);
            self.out.push(Item::p(p));
            for (i, label) in [w.name, w.position, w.date, w.signature].iter().enumerate() {
                let after = if i == 3 { 480 } else { 0 };
                let p = Paragraph::new()
                    .line_spacing(LineSpacing::new().before(200).after(after))
                    .add_tab(
                        Tab::new()
                            .val(TabValueType::Right)
                            .leader(TabLeaderType::Underscore)
                            .pos(TEXT_WIDTH_TWIPS),
                    )
                    .add_run(Run::new().add_xml_text(format!("{label}{colon}")))
                    .add_run(Run::new().add_tab())
                    .keep_next(i < 3);
                self.out.push(Item::p(p));
            }
        }
    }
}

/// Gives each picture of `document.xml` its own id and its alternative text: docx-rs
/// writes every picture as `<wp:docPr id="1" name="Figure" />`, so the i-th one gets
/// `alts[i]` as `descr` (what Word's "Alt Text" pane and screen readers show).
fn describe_pictures(document: &[u8], alts: &[String]) -> Vec<u8> {
    const DOC_PR: &str = "<wp:docPr id=\"1\" name=\"Figure\" />";
    let Ok(text) = std::str::from_utf8(document) else {
        return document.to_vec();
    };
    let mut out = String::with_capacity(text.len() + alts.iter().map(String::len).sum::<usize>());
    let mut rest = text;
    let mut i = 0;
    while let Some(at) = rest.find(DOC_PR) {
        out.push_str(&rest[..at]);
        let alt = alts.get(i).map_or("", String::as_str);
        i += 1;
        out.push_str(&format!(
            "<wp:docPr id=\"{i}\" name=\"Figure {i}\" descr=\"{}\" />",
            crate::xml::attr(&crate::xml::replace_forbidden(alt))
        ));
        rest = &rest[at + DOC_PR.len()..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// The bookmark of a review number: Word allows letters, digits and `_` only
/// (`1.1-3` → `rv_1d1h3`).
pub fn bookmark_name(number: &str) -> String {
    let mut out = String::from("rv_");
    for c in number.chars() {
        match c {
            '.' => out.push('d'),
            '-' => out.push('h'),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => out.push('_'),
        }
    }
    out.chars().take(40).collect()
}

/// Width and height of a PNG image, from its header.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    (w > 0 && h > 0).then_some((w, h))
}

#[cfg(test)]
mod tests {
    use super::{bookmark_name, png_size};

    #[test]
    fn bookmarks_are_word_names() {
        assert_eq!(bookmark_name("1.1-3"), "rv_1d1h3");
        assert!(bookmark_name(&"x".repeat(80)).len() <= 40);
    }

    #[test]
    fn png_sizes_come_from_the_header() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&[0, 0, 0, 3, 0, 0, 0, 2]);
        assert_eq!(png_size(&png), Some((3, 2)));
        assert_eq!(png_size(b"GIF89a"), None);
    }
}
