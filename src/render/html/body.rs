//! The body of a chapter: model blocks and inlines into an HTML fragment.
//!
//! Every user text is escaped; raw HTML from the sources prints as literal text.
//! Cross-references get their words from [`crate::render::xref_label`] and captions their
//! label from [`crate::render::caption_label`], so the site and the PDF say the same thing.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

mod procedure;

use super::SiteMap;
use super::assets::Assets;
use super::escape::{escape, escape_url, push_escaped};
use crate::l10n::words;
use crate::model::*;
use crate::render::{caption_label, legal_label, xref_label};
use crate::source::Span;

/// How links inside the document are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// One page per chapter: same-document references go to `<stem>.html#id`.
    Pages,
    /// The whole document on one page (`print.html`): same-document references are `#id`.
    Print,
}

/// What the body renderer needs to know about the page it writes into.
pub(crate) struct BodyCx<'a> {
    /// Language of the translation.
    pub lang: &'a str,
    /// Document id.
    pub doc: &'a str,
    /// Links mode.
    pub mode: Mode,
    /// Which (document, language) pairs are in the site.
    pub site: &'a SiteMap,
    /// Images and linked files copied into the site.
    pub assets: &'a mut Assets,
    /// Output folder of the document, relative to the site root (`fr/sop-01`).
    pub site_dir: String,
    /// The chapter is an annex (its level-1 heading reads "Annexe B").
    pub annex: bool,
    /// The chapter's footnote definitions.
    pub footnotes: &'a [Footnote],
    /// Stem of the chapter's page: references into it stay on the page.
    pub stem: &'a str,
    /// Translated text whose source changed since (marked for reviewers).
    pub stale: &'a [Span],
    /// In a review copy, the review numbers printed in the margin.
    pub review: Option<&'a Paragraphs>,
    notes: Notes,
}

#[derive(Default)]
struct Notes {
    /// How many marks point at each label so far.
    marks: BTreeMap<String, usize>,
    /// Each numbered note's number by label, built at the first mark (a chapter may hold
    /// 100 000 notes: a scan per mark would be quadratic).
    numbers: Option<HashMap<String, usize>>,
}

impl<'a> BodyCx<'a> {
    /// A context for one chapter.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        lang: &'a str,
        doc: &'a str,
        mode: Mode,
        site: &'a SiteMap,
        assets: &'a mut Assets,
        chapter: &'a Chapter,
    ) -> Self {
        BodyCx {
            lang,
            doc,
            mode,
            site,
            assets,
            site_dir: format!("{lang}/{doc}"),
            annex: chapter.meta.annex,
            footnotes: &chapter.footnotes,
            stem: chapter.stem(),
            stale: &[],
            review: None,
            notes: Notes::default(),
        }
    }

    /// Renders a chapter's blocks followed by its notes section.
    pub(crate) fn chapter(&mut self, blocks: &[Block]) -> String {
        let mut out = String::new();
        self.blocks(blocks, &mut out);
        self.footnote_section(&mut out);
        out
    }

    fn blocks(&mut self, blocks: &[Block], out: &mut String) {
        for b in blocks {
            self.block(b, out);
        }
    }

    /// A ```` ```signature ```` block, one party per line: as in the PDF, each party's
    /// name, then lines to fill in by hand for name, position, date and signature.
    fn signatures(&self, text: &str, out: &mut String) {
        let w = words(self.lang);
        let colon = crate::l10n::colon(self.lang);
        out.push_str("<div class=\"signatures\">\n");
        for party in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let _ = writeln!(
                out,
                "<div class=\"signature\">\n<p class=\"party\">{}</p>",
                escape(party)
            );
            for label in [w.name, w.position, w.date, w.signature] {
                let _ = writeln!(
                    out,
                    "<p class=\"sign-line\">{}{}<span class=\"fill-line\"></span></p>",
                    escape(label),
                    escape(colon.trim_end())
                );
            }
            out.push_str("</div>\n");
        }
        out.push_str("</div>\n");
    }

    /// The review number of an element, in a review copy.
    pub(crate) fn review_number(&self, key: ParaKey) -> Option<&'a str> {
        self.review.and_then(|r| r.number(key))
    }

    fn block(&mut self, block: &Block, out: &mut String) {
        // Stale translations are marked on the smallest block that holds them (callouts and
        // quotes pass the mark on to their blocks).
        let container = matches!(block.kind, BlockKind::Callout { .. } | BlockKind::Quote(_));
        let stale = !container
            && self.stale.iter().any(|s| {
                s.source == block.span.source
                    && s.start >= block.span.start
                    && s.end <= block.span.end
            });
        if stale {
            out.push_str("<div class=\"stale\" title=\"The source text changed since this passage was translated\">\n");
        }
        self.block_inner(block, out);
        if stale {
            out.push_str("</div>\n");
        }
    }

    fn block_inner(&mut self, block: &Block, out: &mut String) {
        // A procedure's number belongs to its diagram, printed there.
        let number = match block.kind {
            BlockKind::Procedure(_) => None,
            _ => self.review_number(ParaKey::Block(block.span)),
        };
        match number {
            Some(n) => {
                let n = escape(n);
                let _ = writeln!(
                    out,
                    "<div class=\"rv\" id=\"rv-{n}\"><span class=\"rv-no\">{n}</span>"
                );
                self.block_body(block, out);
                out.push_str("</div>\n");
            }
            None => self.block_body(block, out),
        }
    }

    fn block_body(&mut self, block: &Block, out: &mut String) {
        match &block.kind {
            BlockKind::Heading(h) => self.heading(h, out),
            BlockKind::Paragraph(inl) => {
                out.push_str("<p>");
                self.inlines(inl, out);
                out.push_str("</p>\n");
            }
            BlockKind::List(l) => self.list(l, out),
            BlockKind::Table(t) => self.table(t, out),
            BlockKind::Code {
                lang: Some(l),
                text,
            } if l == "signature" => {
                self.signatures(text, out);
            }
            BlockKind::Code { lang, text } => {
                out.push_str("<pre><code");
                if let Some(lang) = lang.as_deref().filter(|l| !l.is_empty()) {
                    let _ = write!(out, " class=\"language-{}\"", escape(lang));
                }
                out.push('>');
                push_escaped(out, text);
                out.push_str("</code></pre>\n");
            }
            BlockKind::Callout { kind, blocks } => {
                let title = crate::render::callout_title(*kind, self.lang);
                let _ = writeln!(
                    out,
                    "<div class=\"callout callout-{}\" role=\"note\">\n<p class=\"callout-title\">{}</p>",
                    kind.as_str(),
                    escape(title)
                );
                self.blocks(blocks, out);
                out.push_str("</div>\n");
            }
            BlockKind::Quote(blocks) => {
                out.push_str("<blockquote>\n");
                self.blocks(blocks, out);
                out.push_str("</blockquote>\n");
            }
            BlockKind::Definitions(items) => {
                out.push_str("<dl>\n");
                for item in items {
                    out.push_str("<dt>");
                    self.inlines(&item.term, out);
                    out.push_str("</dt>\n");
                    for d in &item.definitions {
                        out.push_str("<dd>");
                        self.tight(d, out);
                        out.push_str("</dd>\n");
                    }
                }
                out.push_str("</dl>\n");
            }
            BlockKind::Figure { image, caption } => self.figure(image, caption, out),
            BlockKind::Procedure(p) => self.procedure(p, block.span, out),
            BlockKind::Matrix(m) => self.matrix(m, out),
            BlockKind::Bibliography(entries) => {
                out.push_str("<ul class=\"bibliography\">\n");
                for (key, runs) in entries {
                    let _ = write!(out, "<li id=\"bib-{}\">", escape(key));
                    styled_html(runs, out);
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>\n");
            }
            BlockKind::Rule => out.push_str("<hr>\n"),
            BlockKind::RawHtml(html) => {
                out.push_str("<pre class=\"raw-html\"><code>");
                push_escaped(out, html);
                out.push_str("</code></pre>\n");
            }
        }
    }

    /// The text of a task-list item's first paragraph, as it prints (its checkbox's name).
    fn item_label(&self, blocks: &[Block]) -> String {
        blocks
            .iter()
            .find_map(|b| match &b.kind {
                BlockKind::Paragraph(inlines) => {
                    Some(crate::render::printed_text(inlines, self.lang))
                }
                _ => None,
            })
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    /// Blocks inside a list item or definition: a lone paragraph prints without `<p>`.
    fn tight(&mut self, blocks: &[Block], out: &mut String) {
        match blocks {
            [
                Block {
                    kind: BlockKind::Paragraph(inl),
                    ..
                },
            ] => self.inlines(inl, out),
            _ => {
                out.push('\n');
                self.blocks(blocks, out);
            }
        }
    }

    fn heading(&mut self, h: &Heading, out: &mut String) {
        let level = h.level.clamp(1, 6);
        let id = escape(&h.id);
        let _ = write!(out, "<h{level} id=\"{id}\">");
        if !h.number.is_empty() {
            let number = if level == 1 && self.annex {
                format!("{}\u{a0}{}", words(self.lang).annex_title, h.number)
            } else {
                h.number.clone()
            };
            let _ = write!(out, "<span class=\"num\">{}</span> ", escape(&number));
        }
        self.inlines(&h.content, out);
        let _ = writeln!(
            out,
            "<a class=\"anchor\" href=\"#{id}\" aria-label=\"{}\">¶</a></h{level}>",
            escape(words(self.lang).link_here)
        );
    }

    fn list(&mut self, l: &List, out: &mut String) {
        let task_list = l.items.iter().any(|i| i.task.is_some());
        match l.start {
            Some(1) => out.push_str("<ol"),
            Some(n) => {
                let _ = write!(out, "<ol start=\"{n}\"");
            }
            None => out.push_str("<ul"),
        }
        if task_list {
            out.push_str(" class=\"task-list\"");
        }
        out.push_str(">\n");
        for item in &l.items {
            match item.task {
                Some(checked) => {
                    // A box to tick on the printed form; its accessible name is the
                    // item's text, which screen readers announce with its state.
                    out.push_str("<li class=\"task\"><input type=\"checkbox\" disabled");
                    if checked {
                        out.push_str(" checked");
                    }
                    let _ = write!(
                        out,
                        " aria-label=\"{}\"> ",
                        escape(&self.item_label(&item.blocks))
                    );
                }
                None => out.push_str("<li>"),
            }
            if let Some(n) = self.review_number(ParaKey::Item(item.span)) {
                let n = escape(n);
                let _ = write!(out, "<span class=\"rv-no\" id=\"rv-{n}\">{n}</span>");
            }
            self.tight(&item.blocks, out);
            out.push_str("</li>\n");
        }
        out.push_str(if l.start.is_some() {
            "</ol>\n"
        } else {
            "</ul>\n"
        });
    }

    fn table(&mut self, t: &Table, out: &mut String) {
        // A table wider than the screen scrolls inside its frame (never the page), so the
        // frame takes the keyboard focus and is named after the table's caption.
        out.push_str("<div class=\"table-wrap\" tabindex=\"0\" role=\"group\"");
        if let Some(c) = &t.caption {
            let name = crate::render::printed_text(&c.content, self.lang);
            let _ = write!(out, " aria-label=\"{}\"", escape(name.trim()));
        }
        out.push_str(">\n<table");
        if let Some(id) = t.caption.as_ref().and_then(|c| c.id.as_deref()) {
            let _ = write!(out, " id=\"{}\"", escape(id));
        }
        out.push_str(">\n");
        if let Some(c) = &t.caption {
            out.push_str("<caption>");
            self.caption_label(AnchorKind::Table, c, out);
            self.inlines(&c.content, out);
            out.push_str("</caption>\n");
        }
        let align = |i: usize| match t.aligns.get(i).copied().unwrap_or(Align::None) {
            Align::None => "",
            Align::Left => " class=\"al-left\"",
            Align::Center => " class=\"al-center\"",
            Align::Right => " class=\"al-right\"",
        };
        if !t.header.is_empty() {
            out.push_str("<thead>\n<tr>");
            for (i, cell) in t.header.iter().enumerate() {
                let _ = write!(out, "<th scope=\"col\"{}>", align(i));
                self.inlines(&cell.content, out);
                out.push_str("</th>");
            }
            out.push_str("</tr>\n</thead>\n");
        }
        out.push_str("<tbody>\n");
        for row in &t.rows {
            out.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let _ = write!(out, "<td{}>", align(i));
                self.inlines(&cell.content, out);
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn caption_label(&self, kind: AnchorKind, c: &Caption, out: &mut String) {
        if !c.number.is_empty() {
            let _ = write!(
                out,
                "<span class=\"label\">{}.</span> ",
                escape(&caption_label(kind, &c.number, self.lang))
            );
        }
    }

    fn figure(&mut self, image: &Image, caption: &Caption, out: &mut String) {
        out.push_str("<figure");
        if let Some(id) = &caption.id {
            let _ = write!(out, " id=\"{}\"", escape(id));
        }
        out.push_str(">\n");
        self.image(image, out);
        out.push_str("\n<figcaption>");
        self.caption_label(AnchorKind::Figure, caption, out);
        self.inlines(&caption.content, out);
        out.push_str("</figcaption>\n</figure>\n");
    }

    fn image(&mut self, image: &Image, out: &mut String) {
        let url = image
            .path
            .as_deref()
            .and_then(|rel| self.assets.copy(&self.site_dir, rel));
        match url {
            Some(url) => {
                let _ = write!(
                    out,
                    "<img src=\"{}\" alt=\"{}\"",
                    escape_url(&url),
                    escape(&image.alt)
                );
                if !image.title.is_empty() {
                    let _ = write!(out, " title=\"{}\"", escape(&image.title));
                }
                out.push('>');
            }
            None => {
                out.push_str("<span class=\"broken-ref\">");
                push_escaped(out, &image.alt);
                out.push_str("</span>");
            }
        }
    }

    fn inlines(&mut self, inlines: &[Inline], out: &mut String) {
        for i in inlines {
            self.inline(i, out);
        }
    }

    fn inline(&mut self, inline: &Inline, out: &mut String) {
        match &inline.kind {
            InlineKind::Text(t) => push_escaped(out, t),
            InlineKind::Code(t) => {
                out.push_str("<code>");
                push_escaped(out, t);
                out.push_str("</code>");
            }
            InlineKind::Emphasis(c) => self.wrap("em", c, out),
            InlineKind::Strong(c) => self.wrap("strong", c, out),
            InlineKind::Strikethrough(c) => self.wrap("del", c, out),
            InlineKind::Link(l) => self.link(l, out),
            InlineKind::Image(img) => self.image(img, out),
            InlineKind::Citation(c) => {
                out.push_str("<span class=\"citation\">");
                styled_html(&c.rendered, out);
                out.push_str("</span>");
            }
            InlineKind::FootnoteRef(label) => self.footnote_ref(label, out),
            InlineKind::LineBreak => out.push_str("<br>\n"),
            InlineKind::SoftBreak => out.push('\n'),
            InlineKind::RawHtml(html) => {
                out.push_str("<code class=\"raw-html\">");
                push_escaped(out, html);
                out.push_str("</code>");
            }
        }
    }

    fn wrap(&mut self, tag: &str, content: &[Inline], out: &mut String) {
        let _ = write!(out, "<{tag}>");
        self.inlines(content, out);
        let _ = write!(out, "</{tag}>");
    }

    /// The link text, or `fallback` when the link has none.
    fn link_text(&mut self, l: &Link, fallback: &str, out: &mut String) {
        if l.content.is_empty() {
            push_escaped(out, fallback);
        } else {
            self.inlines(&l.content, out);
        }
    }

    fn open_link(&self, href: &str, class: &str, l: &Link, out: &mut String) {
        let _ = write!(out, "<a href=\"{}\"", escape_url(href));
        if !class.is_empty() {
            let _ = write!(out, " class=\"{class}\"");
        }
        if !l.title.is_empty() {
            let _ = write!(out, " title=\"{}\"", escape(&l.title));
        }
        out.push('>');
    }

    fn broken(&mut self, l: &Link, out: &mut String) {
        out.push_str("<span class=\"broken-ref\">");
        self.link_text(l, &l.dest, out);
        out.push_str("</span>");
    }

    fn link(&mut self, l: &Link, out: &mut String) {
        match &l.target {
            LinkTarget::External if is_safe_external(&l.dest) => {
                self.open_link(&l.dest, "external", l, out);
                self.link_text(l, &l.dest, out);
                out.push_str("</a>");
            }
            LinkTarget::Xref(x) => match self.xref_href(x) {
                Some(href) => {
                    self.open_link(&href, "xref", l, out);
                    self.link_text(l, &xref_label(x), out);
                    out.push_str("</a>");
                }
                None => {
                    out.push_str("<span class=\"xref\">");
                    self.link_text(l, &xref_label(x), out);
                    out.push_str("</span>");
                }
            },
            LinkTarget::File(path) => match self.assets.copy(&self.site_dir, path) {
                Some(url) => {
                    self.open_link(&url, "file", l, out);
                    self.link_text(l, &l.dest, out);
                    out.push_str("</a>");
                }
                None => self.broken(l, out),
            },
            LinkTarget::Legal(legal) => {
                out.push_str("<cite class=\"legal\">");
                self.link_text(l, &legal_label(legal, self.lang), out);
                out.push_str("</cite>");
            }
            LinkTarget::Verify => {
                out.push_str("<mark class=\"to-verify\"");
                if !l.title.is_empty() {
                    let _ = write!(out, " title=\"{}\"", escape(&l.title));
                }
                let _ = write!(
                    out,
                    "><span class=\"to-verify-tag\">{}</span> ",
                    escape(words(self.lang).to_verify)
                );
                self.inlines(&l.content, out);
                out.push_str("</mark>");
            }
            LinkTarget::External | LinkTarget::Broken | LinkTarget::Unresolved => {
                self.broken(l, out)
            }
        }
    }

    /// Where a cross-reference points, relative to a page of this document; `None` when
    /// the target document is not part of the site.
    pub(crate) fn xref_href(&self, x: &Xref) -> Option<String> {
        let anchor = match x.kind {
            Some(AnchorKind::Footnote) => Some(format!("#fn-{}", x.number)),
            _ => x.anchor.as_deref().map(|a| format!("#{a}")),
        };
        let page = |stem: &str| {
            if stem.is_empty() {
                "index.html".to_string()
            } else {
                super::page_file(stem)
            }
        };
        if x.doc == self.doc {
            return Some(match (self.mode, anchor) {
                (Mode::Print, Some(a)) => a,
                (Mode::Print, None) => "#top".to_string(),
                (Mode::Pages, Some(a)) if x.chapter_stem == self.stem => a,
                (Mode::Pages, Some(a)) => format!("{}{a}", page(&x.chapter_stem)),
                (Mode::Pages, None) => "index.html".to_string(),
            });
        }
        let tail = match anchor {
            Some(a) => format!("{}{a}", page(&x.chapter_stem)),
            None => "index.html".to_string(),
        };
        if self.site.has(&x.doc, self.lang) {
            Some(format!("../{}/{tail}", x.doc))
        } else if self.site.has(&x.doc, &self.site.source_lang) {
            Some(format!("../../{}/{}/{tail}", self.site.source_lang, x.doc))
        } else {
            None
        }
    }

    /// A note's mark. Notes carry their number through the whole document (resolve
    /// numbers them as the PDF does), so ids are unique on the single-page version too.
    fn footnote_ref(&mut self, label: &str, out: &mut String) {
        let footnotes = self.footnotes;
        let numbers = self.notes.numbers.get_or_insert_with(|| {
            let mut numbers = HashMap::new();
            for f in footnotes.iter().filter(|f| f.number > 0) {
                numbers.entry(f.label.clone()).or_insert(f.number);
            }
            numbers
        });
        let Some(&n) = numbers.get(label) else {
            out.push_str("<span class=\"broken-ref\">[^");
            push_escaped(out, label);
            out.push_str("]</span>");
            return;
        };
        let marks = self.notes.marks.entry(label.to_string()).or_insert(0);
        *marks += 1;
        let ref_id = if *marks == 1 {
            format!("fnref-{n}")
        } else {
            format!("fnref-{n}-{marks}")
        };
        let _ = write!(
            out,
            "<sup class=\"fnref\" id=\"{ref_id}\"><a href=\"#fn-{n}\">{n}</a></sup>"
        );
    }

    /// The chapter's notes in number order (a note no mark refers to prints nowhere, as in
    /// the PDF; `xref/unused-footnote` says so).
    fn footnote_section(&mut self, out: &mut String) {
        let mut notes: Vec<&Footnote> = self.footnotes.iter().filter(|f| f.number > 0).collect();
        notes.sort_by_key(|f| f.number);
        if notes.is_empty() {
            return;
        }
        let mut body = String::new();
        for note in notes {
            let n = note.number;
            let _ = write!(body, "<li id=\"fn-{n}\" value=\"{n}\">");
            let mut content = String::new();
            self.tight(&note.blocks, &mut content);
            body.push_str(&content);
            let _ = write!(
                body,
                " <a class=\"fn-back\" href=\"#fnref-{n}\" aria-label=\"{}\">↩</a>",
                escape(words(self.lang).back_to_text)
            );
            body.push_str("</li>\n");
        }
        let _ = write!(
            out,
            "<section class=\"footnotes\">\n<h2 class=\"footnotes-title\">{}</h2>\n<ol>\n{body}</ol>\n</section>\n",
            escape(words(self.lang).notes)
        );
    }
}

/// Only web, mail and phone links become links; any other scheme (`javascript:`,
/// `data:`…) and a protocol-relative address (`//host/x`, which takes the scheme of
/// wherever the page is opened, `file:` included) print as text, as in the PDF.
fn is_safe_external(dest: &str) -> bool {
    let lower = dest.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Generated text (citations, references) with its emphasis; links only to safe addresses.
fn styled_html(runs: &[Styled], out: &mut String) {
    for r in runs {
        let link = r
            .link
            .as_deref()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
        if let Some(u) = link {
            let _ = write!(out, "<a href=\"{}\">", escape_url(u));
        }
        if r.italic {
            out.push_str("<em>");
        }
        if r.bold {
            out.push_str("<strong>");
        }
        push_escaped(out, &r.text);
        if r.bold {
            out.push_str("</strong>");
        }
        if r.italic {
            out.push_str("</em>");
        }
        if link.is_some() {
            out.push_str("</a>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, SourceId, SourceMap};

    fn sid() -> SourceId {
        SourceMap::new().add(SourceFile::new("x.md", None, String::new()))
    }

    fn sp() -> Span {
        Span::file_start(sid())
    }

    fn text(s: &str) -> Inline {
        Inline {
            kind: InlineKind::Text(s.into()),
            span: sp(),
        }
    }

    fn para(inl: Vec<Inline>) -> Block {
        Block {
            kind: BlockKind::Paragraph(inl),
            span: sp(),
        }
    }

    fn link(content: Vec<Inline>, dest: &str, target: LinkTarget) -> Inline {
        Inline {
            kind: InlineKind::Link(Box::new(Link {
                dest: dest.into(),
                title: String::new(),
                content,
                target,
            })),
            span: sp(),
        }
    }

    fn xref(doc: &str, anchor: &str, stem: &str, code: Option<&str>) -> LinkTarget {
        LinkTarget::Xref(Xref {
            doc: doc.into(),
            anchor: Some(anchor.into()),
            kind: Some(AnchorKind::Section),
            number: "3.2".into(),
            parent: String::new(),
            label: match code {
                Some(_) => "PSO 2, section 3.2".into(),
                None => "section 3.2".into(),
            },
            doc_code: code.map(str::to_string),
            doc_kind: DocKind::Sop,
            chapter_stem: stem.into(),
        })
    }

    fn render(blocks: Vec<Block>, footnotes: Vec<Footnote>, mode: Mode) -> String {
        let site = SiteMap::for_tests(&[("sop-01", "fr"), ("sop-02", "fr")], "fr");
        let mut assets = Assets::new(
            crate::world::DiskWorld::shared(),
            std::path::PathBuf::from("/nonexistent"),
        );
        let chapter = Chapter {
            source: sid(),
            file_name: "01-objet.md".into(),
            meta: ChapterMeta::default(),
            blocks: blocks.clone(),
            footnotes,
            comments: Vec::new(),
        };
        let mut cx = BodyCx::new("fr", "sop-01", mode, &site, &mut assets, &chapter);
        cx.chapter(&chapter.blocks)
    }

    #[test]
    fn user_text_is_escaped_everywhere() {
        let html = render(
            vec![
                para(vec![text("<script>alert('x')</script> & \"q\"")]),
                Block {
                    kind: BlockKind::RawHtml("<div onclick=\"x\">".into()),
                    span: sp(),
                },
                para(vec![link(
                    vec![text("t")],
                    "https://e.org/?a=1&b=\"2\"",
                    LinkTarget::External,
                )]),
            ],
            Vec::new(),
            Mode::Pages,
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")
        );
        assert!(html.contains("&lt;div onclick=&quot;x&quot;&gt;"));
        assert!(
            html.contains("href=\"https://e.org/?a=1&amp;b=%222%22\""),
            "{html}"
        );
    }

    #[test]
    fn attributes_escape_quotes() {
        let mut l = link(vec![text("t")], "https://e.org/", LinkTarget::External);
        if let InlineKind::Link(link) = &mut l.kind {
            link.title = "a \"quoted\" 'title' <b>".into();
        }
        let html = render(vec![para(vec![l])], Vec::new(), Mode::Pages);
        assert!(
            html.contains("title=\"a &quot;quoted&quot; &#39;title&#39; &lt;b&gt;\""),
            "{html}"
        );
    }

    #[test]
    fn facts_to_verify_are_highlighted_and_tagged() {
        let mut l = link(vec![text("12 avril 2002")], "verify:", LinkTarget::Verify);
        if let InlineKind::Link(link) = &mut l.kind {
            link.title = "Recueil des traités <ONU>".into();
        }
        let html = render(vec![para(vec![l])], Vec::new(), Mode::Pages);
        assert!(
            html.contains(
                "<mark class=\"to-verify\" title=\"Recueil des traités &lt;ONU&gt;\">\
                 <span class=\"to-verify-tag\">À VÉRIFIER</span> 12 avril 2002</mark>"
            ),
            "{html}"
        );
    }

    #[test]
    fn unsafe_schemes_are_not_links() {
        let html = render(
            vec![para(vec![link(
                vec![text("x")],
                "javascript:alert(1)",
                LinkTarget::External,
            )])],
            Vec::new(),
            Mode::Pages,
        );
        assert!(!html.contains("href"), "{html}");
        assert!(html.contains("broken-ref"));
    }

    #[test]
    fn xrefs_link_to_pages_and_fill_empty_text() {
        let html = render(
            vec![para(vec![
                link(vec![], "#roles", xref("sop-01", "roles", "06-roles", None)),
                text(" ; "),
                link(vec![], "#but", xref("sop-01", "but", "01-objet", None)),
                text(" ; "),
                link(
                    vec![],
                    "sop-02#x",
                    xref("sop-02", "x", "03-proc", Some("SOP-02")),
                ),
                text(" ; "),
                link(
                    vec![text("ici")],
                    "sop-03#x",
                    xref("sop-03", "x", "03-proc", Some("SOP-03")),
                ),
            ])],
            Vec::new(),
            Mode::Pages,
        );
        assert!(
            html.contains("<a href=\"06-roles.html#roles\" class=\"xref\">section 3.2</a>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"#but\" class=\"xref\">"), "{html}");
        assert!(
            html.contains(
                "<a href=\"../sop-02/03-proc.html#x\" class=\"xref\">PSO 2, section 3.2</a>"
            ),
            "{html}"
        );
        // sop-03 is not in the site: text only.
        assert!(html.contains("<span class=\"xref\">ici</span>"), "{html}");
    }

    #[test]
    fn print_mode_links_within_the_page() {
        let html = render(
            vec![para(vec![link(
                vec![],
                "#roles",
                xref("sop-01", "roles", "06-roles", None),
            )])],
            Vec::new(),
            Mode::Print,
        );
        assert!(html.contains("href=\"#roles\""), "{html}");
    }

    #[test]
    fn footnotes_print_their_document_numbers() {
        let fref = |l: &str| Inline {
            kind: InlineKind::FootnoteRef(l.into()),
            span: sp(),
        };
        // Numbers as resolve gives them: notes of earlier chapters took 1 to 6.
        let note = |l: &str, t: &str, number: usize| Footnote {
            label: l.into(),
            blocks: vec![para(vec![text(t)])],
            span: sp(),
            number,
        };
        let html = render(
            vec![para(vec![
                text("a"),
                fref("b"),
                text("c"),
                fref("a"),
                fref("b"),
                fref("missing"),
            ])],
            vec![
                note("a", "Note A", 8),
                note("b", "Note B", 7),
                note("z", "Orphan", 0),
            ],
            Mode::Pages,
        );
        assert!(
            html.contains("<sup class=\"fnref\" id=\"fnref-7\"><a href=\"#fn-7\">7</a></sup>c"),
            "{html}"
        );
        assert!(html.contains("id=\"fnref-8\"><a href=\"#fn-8\">8</a>"));
        assert!(html.contains("id=\"fnref-7-2\"><a href=\"#fn-7\">7</a>"));
        assert!(html.contains("<span class=\"broken-ref\">[^missing]</span>"));
        let notes = &html[html.find("<section class=\"footnotes\">").expect("notes")..];
        assert!(
            notes.contains(
                "<li id=\"fn-7\" value=\"7\">Note B <a class=\"fn-back\" href=\"#fnref-7\""
            )
        );
        assert!(notes.find("fn-7").unwrap() < notes.find("fn-8").unwrap());
        assert!(!html.contains("Orphan"), "{html}");
    }

    #[test]
    fn tables_have_captions_and_alignment() {
        let cell = |s: &str| Cell {
            content: vec![text(s)],
            span: sp(),
        };
        let html = render(
            vec![Block {
                kind: BlockKind::Table(Box::new(Table {
                    aligns: vec![Align::Left, Align::Right],
                    header: vec![cell("A"), cell("B")],
                    rows: vec![vec![cell("1"), cell("2")]],
                    caption: Some(Caption {
                        content: vec![text("Légende")],
                        id: Some("tbl-x".into()),
                        number: "2".into(),
                        span: sp(),
                    }),
                })),
                span: sp(),
            }],
            Vec::new(),
            Mode::Pages,
        );
        assert!(html.contains("<table id=\"tbl-x\">"));
        assert!(
            html.contains(
                "<caption><span class=\"label\">Tableau\u{a0}2.</span> Légende</caption>"
            )
        );
        assert!(html.contains("<td class=\"al-right\">2</td>"));
    }
}
