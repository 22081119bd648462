//! The offline search index: one entry per heading-delimited section, with an inverted
//! index of accent-folded tokens, shipped as a script that sets `window.SOPDOC_INDEX`
//! (a script loads from `file://`, a `fetch` would not).
//!
//! Shape of the index (read by `assets/search.js`):
//! ```text
//! { "docs":     [[id, title], …],
//!   "sections": [[doc index, number, title, url from the language folder, text], …],
//!   "terms":    { token: [section, weight, section, weight, …], … } }
//! ```
//! A token found in a section title weighs [`TITLE_WEIGHT`] per occurrence, in its text 1.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::model::*;

/// Weight of a token found in a section's title.
pub(crate) const TITLE_WEIGHT: u32 = 10;
/// Characters of each section's text kept for snippets.
const SNIPPET_CHARS: usize = 280;

/// Lower-case ASCII-folded form of `text`: accents removed ("Référencement" →
/// "referencement"), ligatures spelled out ("œ" → "oe").
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Most French text is ASCII letter runs between accented letters: decompose only the
    // characters that need it.
    let mut buf = [0u8; 4];
    for ch in text.chars() {
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
            continue;
        }
        fold_char(ch.encode_utf8(&mut buf), &mut out);
    }
    out
}

fn fold_char(ch: &str, out: &mut String) {
    for c in ch.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// The search tokens of `text`: folded words of two characters or more, and numbers.
#[cfg(test)]
pub(crate) fn tokens(text: &str) -> Vec<String> {
    token_slices(&fold(text)).map(str::to_string).collect()
}

/// Tokens of already folded text, without allocating.
fn token_slices(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty() && (t.len() >= 2 || t.as_bytes()[0].is_ascii_digit()))
}

/// One searchable section before indexing.
pub(crate) struct Section {
    /// Index of the document in [`SearchIndex::docs`].
    pub doc: usize,
    /// Section number (`3.2`), empty when unnumbered.
    pub number: String,
    /// Heading text.
    pub title: String,
    /// URL relative to the language folder (`sop-01/03-x.html#id`).
    pub url: String,
    /// The section's plain text.
    pub text: String,
}

/// The search index of one language.
#[derive(Default)]
pub(crate) struct SearchIndex {
    docs: Vec<(String, String)>,
    sections: Vec<(usize, String, String, String, String)>,
    /// Token → (section, weight) pairs flattened; a hash map while building (the hot
    /// path), sorted when written so the script is deterministic.
    terms: FxHashMap<String, Vec<u32>>,
}

/// A writer that writes `</` as `<\/`, wherever the two bytes fall between writes.
struct ScriptSafe<'w> {
    w: &'w mut dyn std::io::Write,
    /// The last byte written.
    prev: u8,
}

impl std::io::Write for ScriptSafe<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut from = 0;
        for (i, &b) in buf.iter().enumerate() {
            let prev = if i == 0 { self.prev } else { buf[i - 1] };
            if b == b'/' && prev == b'<' {
                self.w.write_all(&buf[from..i])?;
                self.w.write_all(b"\\")?;
                from = i;
            }
        }
        self.w.write_all(&buf[from..])?;
        if let Some(&last) = buf.last() {
            self.prev = last;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// The serialized shape of [`SearchIndex`]: terms in sorted order.
#[derive(Serialize)]
struct IndexOut<'a> {
    docs: &'a [(String, String)],
    sections: &'a [(usize, String, String, String, String)],
    terms: BTreeMap<&'a str, &'a Vec<u32>>,
}

impl SearchIndex {
    /// Registers a document; returns its index.
    pub(crate) fn add_doc(&mut self, id: &str, title: &str) -> usize {
        self.docs.push((id.to_string(), title.to_string()));
        self.docs.len() - 1
    }

    /// Adds a section and its tokens.
    pub(crate) fn add(&mut self, s: Section) {
        let i = self.sections.len() as u32;
        let (title, number, text) = (fold(&s.title), fold(&s.number), fold(&s.text));
        // Weights per token of this section, in first-seen order (deterministic).
        let mut order: Vec<&str> = Vec::new();
        let mut weights: FxHashMap<&str, u32> = FxHashMap::default();
        for (src, w) in [(&title, TITLE_WEIGHT), (&number, TITLE_WEIGHT), (&text, 1)] {
            for t in token_slices(src) {
                match weights.get_mut(t) {
                    Some(v) => *v += w,
                    None => {
                        weights.insert(t, w);
                        order.push(t);
                    }
                }
            }
        }
        for t in order {
            let w = weights[t];
            match self.terms.get_mut(t) {
                Some(list) => list.extend([i, w]),
                None => {
                    self.terms.insert(t.to_string(), vec![i, w]);
                }
            }
        }
        let text = snippet(&s.text);
        self.sections.push((s.doc, s.number, s.title, s.url, text));
    }

    /// The index as a script that sets `window.SOPDOC_INDEX`.
    #[cfg(test)]
    pub(crate) fn to_script(&self) -> String {
        let mut out = Vec::new();
        self.write_script(&mut out)
            .expect("a vector takes every write");
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    /// Writes the script that sets `window.SOPDOC_INDEX` into `w` as it is serialized: a
    /// large collection's index is tens of megabytes, once held three times (the JSON,
    /// its escaped copy, the script).
    ///
    /// # Errors
    /// When `w` fails.
    pub(crate) fn write_script(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        let out = IndexOut {
            docs: &self.docs,
            sections: &self.sections,
            terms: self.terms.iter().map(|(k, v)| (k.as_str(), v)).collect(),
        };
        w.write_all(b"window.SOPDOC_INDEX = ")?;
        // Safe inside a <script> element too: `</` is written `<\/`.
        let mut escaped = ScriptSafe { w, prev: 0 };
        serde_json::to_writer(&mut escaped, &out).map_err(std::io::Error::other)?;
        w.write_all(b";\n")
    }

    /// Sections that contain `token` (for tests).
    #[cfg(test)]
    pub(crate) fn postings(&self, token: &str) -> Vec<(usize, u32)> {
        self.terms
            .get(token)
            .map(|l| l.chunks(2).map(|c| (c[0] as usize, c[1])).collect())
            .unwrap_or_default()
    }
}

/// The start of a section's text for the result list: white space collapsed, cut at a
/// word boundary before [`SNIPPET_CHARS`] characters (only that much is ever built).
fn snippet(text: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        let sep = usize::from(!out.is_empty());
        if chars + sep + n > SNIPPET_CHARS {
            if out.is_empty() {
                // One word longer than the snippet: cut inside it.
                out.extend(word.chars().take(SNIPPET_CHARS));
            }
            out.push('…');
            return out;
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(word);
        chars += sep + n;
    }
    out
}

/// Splits a chapter into sections at each heading. Text before the first heading belongs
/// to a section titled `chapter_title` at the page's top.
pub(crate) fn chapter_sections(
    chapter: &Chapter,
    doc: usize,
    page: &str,
    chapter_title: &str,
    lang: &str,
) -> Vec<Section> {
    let mut c = Collector {
        lang,
        annex: chapter.meta.annex,
        page,
        doc,
        out: Vec::new(),
        current: Section {
            doc,
            number: String::new(),
            title: chapter_title.to_string(),
            url: page.to_string(),
            text: String::new(),
        },
    };
    c.blocks(&chapter.blocks);
    for f in &chapter.footnotes {
        c.blocks(&f.blocks);
    }
    let Collector {
        mut out, current, ..
    } = c;
    if current.url.contains('#') || !current.text.trim().is_empty() || out.is_empty() {
        out.push(current);
    }
    out
}

struct Collector<'a> {
    lang: &'a str,
    annex: bool,
    page: &'a str,
    doc: usize,
    out: Vec<Section>,
    current: Section,
}

impl Collector<'_> {
    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &Block) {
        match &b.kind {
            BlockKind::Heading(h) => {
                let number = if h.level == 1 && self.annex && !h.number.is_empty() {
                    format!(
                        "{}\u{a0}{}",
                        crate::l10n::words(self.lang).annex_title,
                        h.number
                    )
                } else {
                    h.number.clone()
                };
                let next = Section {
                    doc: self.doc,
                    number,
                    title: self.text_of(&h.content),
                    url: format!("{}#{}", self.page, h.id),
                    text: String::new(),
                };
                let prev = std::mem::replace(&mut self.current, next);
                // A heading's section always counts; the lead-in before the first heading
                // only when it has text.
                if prev.url.contains('#') || !prev.text.trim().is_empty() {
                    self.out.push(prev);
                }
            }
            BlockKind::Paragraph(inl) => self.push(inl),
            BlockKind::List(l) => {
                for item in &l.items {
                    self.blocks(&item.blocks);
                }
            }
            BlockKind::Table(t) => {
                if let Some(c) = &t.caption {
                    self.push(&c.content);
                }
                for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                    self.push(&cell.content);
                }
            }
            BlockKind::Code { text, .. } | BlockKind::RawHtml(text) => {
                self.current.text.push(' ');
                self.current.text.push_str(text);
            }
            BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => self.blocks(blocks),
            BlockKind::Definitions(items) => {
                for item in items {
                    self.push(&item.term);
                    for d in &item.definitions {
                        self.blocks(d);
                    }
                }
            }
            BlockKind::Figure { caption, .. } => self.push(&caption.content),
            BlockKind::Procedure(p) => {
                for inl in p.inlines() {
                    self.push(inl);
                }
            }
            BlockKind::Matrix(m) => self.push(&m.caption.content),
            BlockKind::Bibliography(entries) => {
                for (_, runs) in entries {
                    self.current.text.push(' ');
                    self.current.text.push_str(&styled_text(runs));
                }
            }
            BlockKind::Rule => {}
        }
    }

    fn push(&mut self, inlines: &[Inline]) {
        let t = self.text_of(inlines);
        self.current.text.push(' ');
        self.current.text.push_str(&t);
    }

    fn text_of(&self, inlines: &[Inline]) -> String {
        crate::render::printed_text(inlines, self.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_accents_and_case() {
        assert_eq!(fold("Référencement"), "referencement");
        assert_eq!(fold("ŒUVRE à Ségou"), "oeuvre a segou");
        assert_eq!(
            tokens("L'enfant, âgé de 12 ans : « protégé »."),
            vec!["enfant", "age", "de", "12", "ans", "protege"]
        );
    }

    #[test]
    fn index_ranks_titles_and_keeps_text_once() {
        let mut idx = SearchIndex::default();
        let d = idx.add_doc("sop-01", "PSO 1");
        idx.add(Section {
            doc: d,
            number: "2".into(),
            title: "Référencement".into(),
            url: "sop-01/02-x.html#ref".into(),
            text: "Le référencement des victimes.".into(),
        });
        idx.add(Section {
            doc: d,
            number: "3".into(),
            title: "Retour".into(),
            url: "sop-01/03-x.html#retour".into(),
            text: "Après le référencement, le retour </script>.".into(),
        });
        assert_eq!(idx.postings("referencement"), vec![(0, 11), (1, 1)]);
        assert_eq!(idx.postings("retour"), vec![(1, 11)]);
        let js = idx.to_script();
        assert!(js.starts_with("window.SOPDOC_INDEX = {"));
        assert!(!js.contains("</script>"));
        assert_eq!(js.matches("Le référencement des victimes.").count(), 1);
    }

    #[test]
    fn long_text_is_truncated_on_a_word() {
        let t = snippet(&"mot ".repeat(200));
        assert!(t.ends_with("mot…"));
        assert!(t.chars().count() <= SNIPPET_CHARS + 1);
        assert_eq!(
            snippet("  Le\n référencement   des victimes. "),
            "Le référencement des victimes."
        );
        assert_eq!(snippet(&"x".repeat(300)).chars().count(), SNIPPET_CHARS + 1);
    }

    /// `</` is escaped wherever the two bytes fall: inside one write or across two.
    #[test]
    fn script_safe_escapes_across_writes() {
        use std::io::Write as _;
        let mut out = Vec::new();
        let mut w = ScriptSafe {
            w: &mut out,
            prev: 0,
        };
        for chunk in ["a</b<", "/c", "<", "/", "//<</"] {
            w.write_all(chunk.as_bytes()).unwrap();
        }
        let whole = "a</b</c<///<</";
        assert_eq!(String::from_utf8(out).unwrap(), whole.replace("</", "<\\/"));
    }
}
