//! Scopes from the document model: each prose container becomes a [`Run`] of text with a
//! map back to source bytes, so findings never search the raw Markdown again.
//!
//! A run is the plain text of one heading, paragraph, list-item paragraph, table cell,
//! caption, definition term or footnote paragraph. Code, link targets, image paths and raw
//! HTML are replaced by U+FFFC (one "object" character) so that rules see that something is
//! there but never lint it. Text maps 1:1 to the source except where Markdown escapes or
//! entities were decoded; such pieces are marked inexact and their findings carry no fix.
//!
//! A run also knows its inline quotations (`« … »`, `“ … ”`, `"…"` pairs, see
//! [`quotation_spans`]): wording rules leave quoted words alone, as they do block quotes.

use serde::Deserialize;

use crate::model::{Block, BlockKind, Chapter, Inline, InlineKind};
use crate::source::{SourceFile, Span};

/// Placeholder for an inline that is not prose (code, image, cross-reference, raw HTML).
pub const OBJECT: char = '\u{FFFC}';

/// The closed list of scopes a rule may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScopeKind {
    /// A heading.
    Heading,
    /// A paragraph (outside lists).
    Paragraph,
    /// A paragraph inside a list item (procedure steps are list items).
    ListItem,
    /// A table cell.
    TableCell,
    /// A table or figure caption.
    Caption,
    /// A definition-list term.
    Definition,
    /// The text of a procedure step (action, question, time frame, outputs, exit).
    Step,
    /// A footnote paragraph.
    Footnote,
    /// Anything inside a callout (`> [!NOTE]`); a context, not a container.
    Callout,
    /// Anything inside a block quotation (quoted legal texts); exempt unless named.
    Quote,
}

/// The scopes a rule applies to when it names none: all prose, callouts included, quotations
/// excluded.
pub const DEFAULT_SCOPES: &[ScopeKind] = &[
    ScopeKind::Heading,
    ScopeKind::Paragraph,
    ScopeKind::ListItem,
    ScopeKind::TableCell,
    ScopeKind::Caption,
    ScopeKind::Definition,
    ScopeKind::Step,
    ScopeKind::Footnote,
    ScopeKind::Callout,
];

/// One stretch of text that maps to source bytes.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Start in the run text.
    at: usize,
    /// Length in the run text.
    len: usize,
    /// Start in the source file.
    src: usize,
    /// End in the source file.
    src_end: usize,
    /// Whether run text and source agree byte for byte.
    exact: bool,
}

/// The text of one scope.
#[derive(Debug, Clone)]
pub struct Run {
    /// The container kind.
    pub kind: ScopeKind,
    /// Inside a block quotation.
    pub in_quote: bool,
    /// Inside a callout.
    pub in_callout: bool,
    /// The first paragraph of a list item.
    pub item_start: bool,
    /// The list item continues a lead-in sentence (see [`continues_lead_in`]): it may
    /// start in lower case.
    pub continues_sentence: bool,
    /// Index of the section (heading) the run belongs to, counted per chapter.
    pub section: usize,
    /// The container's span.
    pub span: Span,
    /// The plain text.
    pub text: String,
    /// The text lower-cased with the same byte offsets ([`super::compile::fold`]).
    pub folded: String,
    /// Inline quotations in the text, quotation marks included ([`quotation_spans`]).
    pub quotes: Vec<std::ops::Range<usize>>,
    pieces: Vec<Piece>,
}

impl Run {
    fn new(kind: ScopeKind, cx: Cx, span: Span) -> Self {
        Run {
            kind,
            in_quote: cx.quote,
            in_callout: cx.callout,
            item_start: false,
            continues_sentence: false,
            section: cx.section,
            span,
            text: String::new(),
            folded: String::new(),
            quotes: Vec::new(),
            pieces: Vec::new(),
        }
    }

    /// Whether `range` of the text lies entirely inside an inline quotation (a binary search:
    /// the outermost quotations are disjoint and in order).
    pub fn quoted(&self, range: &std::ops::Range<usize>) -> bool {
        let after = self.quotes.partition_point(|q| q.start <= range.start);
        after > 0 && range.end <= self.quotes[after - 1].end
    }

    /// Whether a rule with these scopes applies here.
    pub fn in_scope(&self, scopes: &[ScopeKind]) -> bool {
        let scopes = if scopes.is_empty() {
            DEFAULT_SCOPES
        } else {
            scopes
        };
        if self.in_quote && !scopes.contains(&ScopeKind::Quote) {
            return false;
        }
        if self.in_callout && !scopes.contains(&ScopeKind::Callout) {
            return false;
        }
        scopes.contains(&self.kind)
    }

    /// Maps a byte range of the run text to a source span, and whether the source bytes
    /// under it equal the run text (only then may a fix replace them).
    pub fn locate(&self, range: std::ops::Range<usize>) -> (Span, bool) {
        let source = self.span.source;
        let hit: Vec<&Piece> = self
            .pieces
            .iter()
            .filter(|p| p.at < range.end.max(range.start + 1) && range.start < p.at + p.len.max(1))
            .collect();
        let (Some(first), Some(last)) = (hit.first(), hit.last()) else {
            return (Span::new(source, self.span.start..self.span.start), false);
        };
        let contiguous = hit.windows(2).all(|w| w[0].src_end == w[1].src);
        let exact = hit.iter().all(|p| p.exact) && contiguous;
        let start = if first.exact {
            first.src + (range.start.saturating_sub(first.at))
        } else {
            first.src
        };
        let end = if last.exact {
            last.src + (range.end.saturating_sub(last.at)).min(last.len)
        } else {
            last.src_end
        };
        (Span::new(source, start..end.max(start)), exact)
    }

    fn push_exact(&mut self, text: &str, src: usize) {
        self.pieces.push(Piece {
            at: self.text.len(),
            len: text.len(),
            src,
            src_end: src + text.len(),
            exact: true,
        });
        self.text.push_str(text);
    }

    fn push_mapped(&mut self, text: &str, span: Span) {
        self.pieces.push(Piece {
            at: self.text.len(),
            len: text.len(),
            src: span.start,
            src_end: span.end,
            exact: false,
        });
        self.text.push_str(text);
    }

    /// Text that Markdown decoded (`\\*`, `&nbsp;`): aligned with its source character by
    /// character, so only the escapes themselves are inexact and findings elsewhere in the
    /// text keep exact spans and fixes.
    fn push_aligned(&mut self, t: &str, src: &str, span: Span) {
        let base = span.start;
        let (mut i, mut j) = (0, 0);
        let mut seg: Option<(usize, usize)> = None;
        while i < t.len() && j < src.len() {
            let tc = t[i..].chars().next().expect("in bounds");
            let sc = src[j..].chars().next().expect("in bounds");
            if tc == sc {
                seg.get_or_insert((i, j));
                i += tc.len_utf8();
                j += sc.len_utf8();
                continue;
            }
            if let Some((si, sj)) = seg.take() {
                self.push_exact(&t[si..i], base + sj);
            }
            if sc == '\\' {
                j += 1;
                continue;
            }
            let entity = (sc == '&')
                .then(|| src[j..].find(';').filter(|&k| k <= 32))
                .flatten();
            let Some(k) = entity else {
                break;
            };
            let end = i + tc.len_utf8();
            self.push_mapped(
                &t[i..end],
                Span::new(span.source, base + j..base + j + k + 1),
            );
            i = end;
            j += k + 1;
        }
        if let Some((si, sj)) = seg.take() {
            self.push_exact(&t[si..i], base + sj);
        }
        if i < t.len() {
            self.push_mapped(
                &t[i..],
                Span::new(span.source, (base + j).min(span.end)..span.end),
            );
        }
    }

    fn push_inlines(&mut self, inlines: &[Inline], file: &SourceFile) {
        for i in inlines {
            match &i.kind {
                InlineKind::Text(t) => {
                    let src = file.text.get(i.span.range()).unwrap_or("");
                    if src == t {
                        self.push_exact(t, i.span.start);
                    } else if let Some(off) = src.find(t.as_str()).filter(|_| !t.is_empty()) {
                        self.push_exact(t, i.span.start + off);
                    } else {
                        self.push_aligned(t, src, i.span);
                    }
                }
                InlineKind::Emphasis(c) | InlineKind::Strong(c) | InlineKind::Strikethrough(c) => {
                    self.push_inlines(c, file)
                }
                // An autolink's text is its address: not prose.
                InlineKind::Link(l)
                    if !l.content.is_empty()
                        && !is_address(&crate::model::plain_text(&l.content)) =>
                {
                    self.push_inlines(&l.content, file)
                }
                InlineKind::Link(_)
                | InlineKind::Citation(_)
                | InlineKind::Code(_)
                | InlineKind::Image(_)
                | InlineKind::RawHtml(_) => {
                    let mut buf = [0u8; 4];
                    self.push_mapped(OBJECT.encode_utf8(&mut buf), i.span)
                }
                InlineKind::FootnoteRef(_) => {}
                InlineKind::SoftBreak | InlineKind::LineBreak => self.push_mapped(" ", i.span),
            }
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Cx {
    quote: bool,
    continues: bool,
    callout: bool,
    item: bool,
    definition: bool,
    footnote: bool,
    section: usize,
}

/// Whether a list's items finish the sentence its lead-in paragraph begins: the lead-in
/// ends with a colon and no item but the last ends a sentence (`.`, `!`, `?`), as in "The
/// officer shall: - inform the person, - refer them, and - record the referral." Such
/// items start in lower case (UN editorial manual), so no capital is asked of them.
fn continues_lead_in(
    lead: Option<&[crate::model::Inline]>,
    items: &[crate::model::ListItem],
) -> bool {
    let Some(lead) = lead else { return false };
    if !crate::model::plain_text(lead).trim_end().ends_with(':') || items.len() < 2 {
        return false;
    }
    items[..items.len() - 1].iter().all(|item| {
        let end = match item.blocks.last().map(|b| &b.kind) {
            Some(BlockKind::Paragraph(inl)) => crate::model::plain_text(inl),
            _ => return false,
        };
        !end.trim_end().ends_with(['.', '!', '?', '…'])
    })
}

/// Every prose run of a chapter, in document order (footnotes last).
pub fn runs(chapter: &Chapter, file: &SourceFile) -> Vec<Run> {
    let mut out = Vec::new();
    let mut cx = Cx::default();
    walk(&chapter.blocks, &mut cx, file, &mut out);
    for f in &chapter.footnotes {
        let mut fcx = Cx {
            footnote: true,
            ..cx
        };
        walk(&f.blocks, &mut fcx, file, &mut out);
    }
    for r in &mut out {
        mask_addresses(&mut r.text);
        r.folded = super::compile::fold(&r.text);
        r.quotes = quotation_spans(&r.text);
    }
    out
}

/// The inline quotations of one run's text: from an opening mark to its matching closing
/// mark, both included. French `« … »`, English `“ … ”` and straight `"…"` pairs (a straight
/// mark closes the last one left open) nest; only the outermost are returned, disjoint and in
/// order. A quotation never crosses the end of the run, and an opening mark without its
/// closing one is no quotation at all, so an unbalanced mark exempts nothing; a closing mark
/// without an opening one is ignored.
pub fn quotation_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    // Open marks: (the closing mark expected, where the opening one starts).
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        let close = match c {
            '«' => {
                open.push(('»', i));
                continue;
            }
            '“' => {
                open.push(('”', i));
                continue;
            }
            '"' if !open.iter().any(|(m, _)| *m == '"') => {
                open.push(('"', i));
                continue;
            }
            '»' | '”' | '"' => c,
            _ => continue,
        };
        // Marks opened inside the quotation and never closed end with it.
        if let Some(k) = open.iter().rposition(|(m, _)| *m == close) {
            let (_, start) = open[k];
            open.truncate(k);
            out.push(start..i + c.len_utf8());
        }
    }
    // Inner quotations close first: keep the outermost ones, in order.
    out.sort_by_key(|r| r.start);
    let mut outer: Vec<std::ops::Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        if outer.last().is_none_or(|last| last.end <= r.start) {
            outer.push(r);
        }
    }
    outer
}

fn walk(blocks: &[Block], cx: &mut Cx, file: &SourceFile, out: &mut Vec<Run>) {
    for (n, b) in blocks.iter().enumerate() {
        match &b.kind {
            BlockKind::Heading(h) => {
                cx.section += 1;
                let mut r = Run::new(ScopeKind::Heading, *cx, b.span);
                r.push_inlines(&h.content, file);
                out.push(r);
            }
            BlockKind::Paragraph(inl) => {
                let kind = if cx.footnote {
                    ScopeKind::Footnote
                } else if cx.item {
                    ScopeKind::ListItem
                } else if cx.definition {
                    ScopeKind::Definition
                } else {
                    ScopeKind::Paragraph
                };
                let mut r = Run::new(kind, *cx, b.span);
                r.item_start = cx.item && n == 0;
                r.continues_sentence = r.item_start && cx.continues;
                r.push_inlines(&without_caption_marker(inl), file);
                out.push(r);
            }
            BlockKind::List(l) => {
                let lead = n.checked_sub(1).and_then(|i| match &blocks[i].kind {
                    BlockKind::Paragraph(inl) => Some(inl.as_slice()),
                    _ => None,
                });
                let continues = continues_lead_in(lead, &l.items);
                for item in &l.items {
                    let mut icx = Cx {
                        item: true,
                        continues,
                        ..*cx
                    };
                    walk(&item.blocks, &mut icx, file, out);
                }
            }
            BlockKind::Table(t) => {
                if let Some(c) = &t.caption {
                    let mut r = Run::new(ScopeKind::Caption, *cx, c.span);
                    r.push_inlines(&c.content, file);
                    out.push(r);
                }
                for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                    let mut r = Run::new(ScopeKind::TableCell, *cx, cell.span);
                    r.push_inlines(&cell.content, file);
                    out.push(r);
                }
            }
            BlockKind::Callout { blocks, .. } => {
                let mut ccx = Cx {
                    callout: true,
                    ..*cx
                };
                walk(blocks, &mut ccx, file, out);
            }
            BlockKind::Quote(blocks) => {
                let mut qcx = Cx { quote: true, ..*cx };
                walk(blocks, &mut qcx, file, out);
            }
            BlockKind::Definitions(items) => {
                for item in items {
                    let mut r = Run::new(ScopeKind::Definition, *cx, b.span);
                    r.push_inlines(&item.term, file);
                    out.push(r);
                    for d in &item.definitions {
                        let mut dcx = Cx {
                            definition: true,
                            ..*cx
                        };
                        walk(d, &mut dcx, file, out);
                    }
                }
            }
            BlockKind::Figure { caption, .. } => {
                let mut r = Run::new(ScopeKind::Caption, *cx, caption.span);
                r.push_inlines(&caption.content, file);
                out.push(r);
            }
            BlockKind::Procedure(p) => {
                let mut r = Run::new(ScopeKind::Caption, *cx, p.id_span);
                r.push_inlines(&p.title, file);
                out.push(r);
                for inl in p.inlines().into_iter().skip(1) {
                    if let Some(first) = inl.first() {
                        let span = first.span.cover(inl[inl.len() - 1].span);
                        let mut r = Run::new(ScopeKind::Step, *cx, span);
                        r.push_inlines(inl, file);
                        out.push(r);
                    }
                }
            }
            BlockKind::Matrix(m) => {
                let mut r = Run::new(ScopeKind::Caption, *cx, m.caption.span);
                r.push_inlines(&m.caption.content, file);
                out.push(r);
            }
            BlockKind::Code { .. }
            | BlockKind::Rule
            | BlockKind::RawHtml(_)
            | BlockKind::Bibliography(_) => {}
        }
    }
}

/// A paragraph that starts with a table-caption marker (`Table :`, an orphan caption) without
/// that marker: the marker is syntax, not prose, so no typography fix may respace it (a
/// respaced marker would stop being a caption and the table would lose its number).
fn without_caption_marker(inl: &[Inline]) -> std::borrow::Cow<'_, [Inline]> {
    let Some((first, rest)) = inl.split_first() else {
        return inl.into();
    };
    let InlineKind::Text(t) = &first.kind else {
        return inl.into();
    };
    let Some(marker) = crate::parse::caption_marker(t) else {
        return inl.into();
    };
    let body = t[marker..].trim_start();
    let skipped = t.len() - body.len();
    let mut out = Vec::with_capacity(inl.len());
    if !body.is_empty() {
        let mut span = first.span;
        span.start = (span.start + skipped).min(span.end);
        out.push(Inline {
            kind: InlineKind::Text(body.to_string()),
            span,
        });
    }
    out.extend_from_slice(rest);
    out.into()
}

/// Whether a token is a web or mail address.
fn is_address(token: &str) -> bool {
    let t = token.trim();
    t.starts_with("http://")
        || t.starts_with("https://")
        || t.starts_with("www.")
        || t.starts_with("mailto:")
        || (t.contains('@') && t.contains('.') && !t.contains(char::is_whitespace))
}

/// Blanks out bare web and mail addresses written in prose with U+001F, byte for byte, so
/// no rule reads them and offsets stay put (a finding that touches one gets no fix, because
/// its text no longer equals the source).
fn mask_addresses(text: &mut String) {
    let mut ranges = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let ends = c.is_whitespace() || matches!(c, '<' | '>' | '«' | '»' | '(' | ')');
        match (start, ends) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                let token = text[s..i].trim_end_matches(['.', ',', ';', ':', '!', '?']);
                if is_address(token) {
                    ranges.push(s..s + token.len());
                }
                start = None;
            }
            _ => {}
        }
    }
    if ranges.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for r in ranges {
        bytes[r].fill(0x1F);
    }
    *text = String::from_utf8(bytes).expect("ASCII over whole characters");
}

/// A run over one text written verbatim at `span` of a file (a registry entry's French
/// title or definition), read as a table cell: the typography rules and their fixes apply
/// to it as to the chapters' text.
pub fn verbatim_run(text: &str, span: Span) -> Run {
    let mut r = Run::new(ScopeKind::TableCell, Cx::default(), span);
    r.push_exact(text, span.start);
    r.folded = super::compile::fold(&r.text);
    r.quotes = quotation_spans(&r.text);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_aligned() {
        let src = "a \\* b&nbsp;c ; d";
        let file = SourceFile::new("a.md", None, src.to_string());
        let mut map = crate::source::SourceMap::new();
        let id = map.add(file);
        let mut r = Run::new(
            ScopeKind::Paragraph,
            Cx::default(),
            Span::new(id, 0..src.len()),
        );
        r.push_aligned("a * b\u{A0}c ; d", src, Span::new(id, 0..src.len()));
        assert_eq!(r.text, "a * b\u{A0}c ; d");
        let semi = r.text.find(';').unwrap();
        let (span, exact) = r.locate(semi - 1..semi + 1);
        assert!(exact);
        assert_eq!(&src[span.range()], " ;");
        let star = r.text.find('*').unwrap();
        let (span, exact) = r.locate(star - 1..star + 1);
        assert!(!exact);
        assert_eq!(span.start, 1);
    }

    fn quoted(text: &str) -> Vec<&str> {
        quotation_spans(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn quotations_pair_their_marks() {
        assert_eq!(
            quoted("La loi parle de « migrants clandestins » (article 2)."),
            ["« migrants clandestins »"]
        );
        assert_eq!(
            quoted("The law says “illegal migrants” and \"aliens\"."),
            ["“illegal migrants”", "\"aliens\""]
        );
        // Nested: English quotes inside French ones (the outer quotation covers them).
        assert_eq!(
            quoted("« le mot “clandestin” ici » et “là”"),
            ["« le mot “clandestin” ici »", "“là”"]
        );
        // An inner mark left open ends with its outer quotation.
        assert_eq!(quoted("« a \" b » c \" d"), ["« a \" b »"]);
    }

    #[test]
    fn quoted_ranges_by_binary_search() {
        let text = "a « b “c” d » e « f » g";
        let mut map = crate::source::SourceMap::new();
        let id = map.add(SourceFile::new("a.md", None, text.to_string()));
        let mut r = Run::new(ScopeKind::Paragraph, Cx::default(), Span::new(id, 0..0));
        r.text = text.to_string();
        r.quotes = quotation_spans(text);
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            i..i + s.len()
        };
        assert!(r.quoted(&at("b “c” d")));
        assert!(r.quoted(&at("c")));
        assert!(r.quoted(&at("f")));
        assert!(!r.quoted(&at("a")));
        assert!(!r.quoted(&at("e")));
        assert!(!r.quoted(&at("d » e")));
        assert!(!r.quoted(&at("g")));
    }

    #[test]
    fn unbalanced_marks_quote_nothing() {
        assert!(quoted("Il parle de « migrants clandestins, sans fin.").is_empty());
        assert!(quoted("migrants clandestins » ici").is_empty());
        assert!(quoted("un écran de 12\" seulement").is_empty());
        // A closing mark without an opening one does not close a later quotation.
        assert_eq!(quoted("a » b « c » d"), ["« c »"]);
    }

    #[test]
    fn addresses_are_masked_in_place() {
        let mut t = "Voir https://www.iom.int/fr?a=1 ; écrire à info@iom.int.".to_string();
        let len = t.len();
        mask_addresses(&mut t);
        assert_eq!(t.len(), len);
        assert!(t.starts_with("Voir \u{1F}"));
        assert!(t.contains(" ; écrire à \u{1F}"));
        assert!(t.ends_with('.'));
    }
}
