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
//! Each document is indexed on its own ([`DocumentIndex`]), and the site joins them
//! ([`SearchIndex::append`]) holding the sections' JSON deflated and the postings as
//! base-128 numbers: the 400-document collection's index is 43 MB of JSON.

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
    /// Section number (`3.2`), empty when unnumbered.
    pub number: String,
    /// Heading text.
    pub title: String,
    /// URL relative to the language folder (`sop-01/03-x.html#id`).
    pub url: String,
    /// The section's plain text.
    pub text: String,
}

/// Postings of one token: (section, weight) pairs in section order, each written as two
/// base-128 numbers, the section as its distance from the previous one (from 0 for the
/// first). About two bytes a pair, against eight as numbers: the 400-document collection's
/// index has 3.6 million.
#[derive(Default)]
struct Postings {
    bytes: Vec<u8>,
    /// The last section listed.
    last: u32,
}

impl Postings {
    fn push(&mut self, section: u32, weight: u32) {
        crate::memory::put_varint(&mut self.bytes, u64::from(section - self.last));
        crate::memory::put_varint(&mut self.bytes, u64::from(weight));
        self.last = section;
    }

    /// Adds `other`'s pairs, whose sections are numbered from `offset` here.
    fn append(&mut self, other: &Postings, offset: u32) {
        let mut at = 0;
        let Some(first) = crate::memory::get_varint(&other.bytes, &mut at) else {
            return;
        };
        let first = offset + first as u32;
        crate::memory::put_varint(&mut self.bytes, u64::from(first - self.last));
        self.bytes.extend_from_slice(&other.bytes[at..]);
        self.last = offset + other.last;
    }

    /// The (section, weight) pairs.
    fn pairs(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut at = 0;
        let mut section = 0u32;
        std::iter::from_fn(move || {
            let delta = crate::memory::get_varint(&self.bytes, &mut at)?;
            let weight = crate::memory::get_varint(&self.bytes, &mut at)?;
            section += delta as u32;
            Some((section, weight as u32))
        })
    }
}

/// Written as the flat list `[section, weight, section, weight, …]`.
impl Serialize for Postings {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(None)?;
        for (section, weight) in self.pairs() {
            seq.serialize_element(&section)?;
            seq.serialize_element(&weight)?;
        }
        seq.end()
    }
}

/// Which sections hold each token, and how much: a hash map while building (the hot
/// path), sorted when written so the script is deterministic.
type Terms = FxHashMap<String, Postings>;

/// The sections of one document in one language, indexed: what each document's renderer
/// makes on its own, joined in the collection's order by [`SearchIndex::append`].
pub(crate) struct DocumentIndex {
    id: String,
    title: String,
    /// How many sections.
    count: u32,
    /// Each section as JSON without its document number (`"3.2","Title","url","text"]`),
    /// one after the other; `ends` says where each ends.
    sections: Vec<u8>,
    ends: Vec<u32>,
    terms: Terms,
}

impl DocumentIndex {
    /// The index of the document `id`, listed in results as `title` (its code).
    pub(crate) fn new(id: &str, title: &str) -> Self {
        DocumentIndex {
            id: id.to_string(),
            title: title.to_string(),
            count: 0,
            sections: Vec::new(),
            ends: Vec::new(),
            terms: Terms::default(),
        }
    }

    /// Adds a section and its tokens.
    pub(crate) fn add(&mut self, s: Section) {
        let i = self.count;
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
                Some(list) => list.push(i, w),
                None => {
                    let mut list = Postings::default();
                    list.push(i, w);
                    self.terms.insert(t.to_string(), list);
                }
            }
        }
        let text = snippet(&s.text);
        let start = self.sections.len();
        // Serializing strings into a vector cannot fail.
        let _ = serde_json::to_writer(&mut self.sections, &(s.number, s.title, s.url, text));
        // The tuple's opening bracket goes: the document's number takes its place.
        self.sections.remove(start);
        self.ends.push(self.sections.len() as u32);
        self.count += 1;
    }
}

/// The search index of one language.
pub(crate) struct SearchIndex {
    docs: Vec<(String, String)>,
    /// How many sections.
    count: u32,
    /// The sections' JSON (`[doc,"number","title","url","text"]` joined by commas),
    /// deflated as it is added: the 400-document collection's is 14 MB.
    sections: Sections,
    terms: Terms,
}

/// The sections' JSON, deflated while sections are added, then finished.
enum Sections {
    Open(flate2::write::DeflateEncoder<Vec<u8>>),
    Finished(Vec<u8>),
}

impl Default for SearchIndex {
    fn default() -> Self {
        SearchIndex {
            docs: Vec::new(),
            count: 0,
            sections: Sections::Open(crate::memory::deflater(0)),
            terms: Terms::default(),
        }
    }
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

impl SearchIndex {
    /// Adds a document's index after the documents already here.
    ///
    /// # Errors
    /// Only if deflating into memory fails, which it does not; or after
    /// [`SearchIndex::write_script`].
    pub(crate) fn append(&mut self, doc: DocumentIndex) -> std::io::Result<()> {
        use std::io::Write as _;
        let Sections::Open(sections) = &mut self.sections else {
            return Err(std::io::Error::other("the index was written already"));
        };
        let number = self.docs.len().to_string();
        let mut json = Vec::with_capacity(doc.sections.len() + doc.ends.len() * 8);
        let mut start = 0;
        for &end in &doc.ends {
            if self.count > 0 {
                json.push(b',');
            }
            json.push(b'[');
            json.extend_from_slice(number.as_bytes());
            json.push(b',');
            json.extend_from_slice(&doc.sections[start..end as usize]);
            start = end as usize;
            self.count += 1;
        }
        sections.write_all(&json)?;
        let offset = self.count - doc.count;
        for (token, postings) in doc.terms {
            match self.terms.get_mut(&token) {
                Some(list) => list.append(&postings, offset),
                None => {
                    let mut list = Postings::default();
                    list.append(&postings, offset);
                    self.terms.insert(token, list);
                }
            }
        }
        self.docs.push((doc.id, doc.title));
        Ok(())
    }

    /// The index as a script that sets `window.SOPDOC_INDEX`.
    #[cfg(test)]
    pub(crate) fn script(&mut self) -> String {
        let mut out = Vec::new();
        self.write_script(&mut out)
            .expect("a vector takes every write");
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    /// Writes the script that sets `window.SOPDOC_INDEX` into `w` as it is serialized: a
    /// large collection's index is tens of megabytes, once held three times (the JSON,
    /// its escaped copy, the script). No section can be added after.
    ///
    /// # Errors
    /// When `w` fails.
    pub(crate) fn write_script(&mut self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        use std::io::Write as _;
        if let Sections::Open(_) = self.sections {
            let open = std::mem::replace(&mut self.sections, Sections::Finished(Vec::new()));
            if let Sections::Open(encoder) = open {
                self.sections = Sections::Finished(encoder.finish()?);
            }
        }
        let Sections::Finished(sections) = &self.sections else {
            unreachable!("finished above");
        };
        let terms: BTreeMap<&str, &Postings> =
            self.terms.iter().map(|(k, v)| (k.as_str(), v)).collect();
        // serde writes each number and string apart: buffered, the deflating writer
        // underneath is called a few hundred times, not millions.
        let mut out = std::io::BufWriter::with_capacity(1 << 16, w);
        out.write_all(b"window.SOPDOC_INDEX = ")?;
        // Safe inside a <script> element too: `</` is written `<\/`.
        let mut escaped = std::io::BufWriter::with_capacity(
            1 << 16,
            ScriptSafe {
                w: &mut out,
                prev: 0,
            },
        );
        // The shape serde gives a struct of the three fields, written piece by piece.
        escaped.write_all(b"{\"docs\":")?;
        serde_json::to_writer(&mut escaped, &self.docs).map_err(std::io::Error::other)?;
        escaped.write_all(b",\"sections\":[")?;
        std::io::copy(
            &mut flate2::read::DeflateDecoder::new(sections.as_slice()),
            &mut escaped,
        )?;
        escaped.write_all(b"],\"terms\":")?;
        serde_json::to_writer(&mut escaped, &terms).map_err(std::io::Error::other)?;
        escaped.write_all(b"}")?;
        escaped.flush()?;
        drop(escaped);
        out.write_all(b";\n")?;
        out.flush()
    }

    /// Sections that contain `token` (for tests).
    #[cfg(test)]
    pub(crate) fn postings(&self, token: &str) -> Vec<(usize, u32)> {
        self.terms
            .get(token)
            .map(|l| l.pairs().map(|(s, w)| (s as usize, w)).collect())
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
    page: &str,
    chapter_title: &str,
    lang: &str,
) -> Vec<Section> {
    let mut c = Collector {
        lang,
        annex: chapter.meta.annex,
        page,
        out: Vec::new(),
        current: Section {
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

    fn section(number: &str, title: &str, url: &str, text: &str) -> Section {
        Section {
            number: number.into(),
            title: title.into(),
            url: url.into(),
            text: text.into(),
        }
    }

    #[test]
    fn index_ranks_titles_and_keeps_text_once() {
        let mut doc = DocumentIndex::new("sop-01", "PSO 1");
        doc.add(section(
            "2",
            "Référencement",
            "sop-01/02-x.html#ref",
            "Le référencement des victimes.",
        ));
        doc.add(section(
            "3",
            "Retour",
            "sop-01/03-x.html#retour",
            "Après le référencement, le retour </script>.",
        ));
        let mut idx = SearchIndex::default();
        idx.append(doc).unwrap();
        assert_eq!(idx.postings("referencement"), vec![(0, 11), (1, 1)]);
        assert_eq!(idx.postings("retour"), vec![(1, 11)]);
        let js = idx.script();
        assert!(js.starts_with("window.SOPDOC_INDEX = {"));
        assert!(!js.contains("</script>"));
        assert_eq!(js.matches("Le référencement des victimes.").count(), 1);
    }

    /// The script is the JSON serde gives the index's three fields, whatever the
    /// documents' sizes: section numbers run on across documents, postings too.
    #[test]
    fn joined_documents_make_the_json_of_the_whole() {
        let texts: [&[&str]; 3] = [
            &["le retour des enfants", "référencement"],
            &[],
            &["enfants et retour", "le retour", "Ségou"],
        ];
        let mut idx = SearchIndex::default();
        let mut sections = Vec::new();
        let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (d, list) in texts.iter().enumerate() {
            let mut doc = DocumentIndex::new(&format!("d{d}"), "T");
            for (n, text) in list.iter().enumerate() {
                let (number, title, url) = (n.to_string(), format!("T{n}"), format!("d{d}/p#{n}"));
                doc.add(section(&number, &title, &url, text));
                let i = sections.len() as u32;
                let mut weights: Vec<(String, u32)> = Vec::new();
                let parts = [
                    (title.as_str(), TITLE_WEIGHT),
                    (number.as_str(), TITLE_WEIGHT),
                    (*text, 1),
                ];
                for (part, w) in parts {
                    for t in tokens(part) {
                        match weights.iter_mut().find(|(x, _)| *x == t) {
                            Some((_, v)) => *v += w,
                            None => weights.push((t, w)),
                        }
                    }
                }
                for (t, w) in weights {
                    postings.entry(t).or_default().extend([i, w]);
                }
                sections.push((d, number, title, url, text.to_string()));
            }
            idx.append(doc).unwrap();
        }
        let docs: Vec<(String, String)> = (0..texts.len())
            .map(|d| (format!("d{d}"), "T".into()))
            .collect();
        let json = serde_json::json!({"docs": docs, "sections": sections, "terms": postings});
        let expected = format!(
            "window.SOPDOC_INDEX = {};\n",
            serde_json::to_string(&json).unwrap()
        );
        assert_eq!(idx.script(), expected);
        assert_eq!(idx.postings("retour"), vec![(0, 1), (2, 1), (3, 1)]);
        // Written twice, the same.
        assert_eq!(idx.script(), expected);
    }

    #[test]
    fn long_postings_round_trip() {
        let mut list = Postings::default();
        let pairs: Vec<(u32, u32)> = (0..300).map(|i| (i * 97 + i * i, 1 + i % 13)).collect();
        for &(s, w) in &pairs {
            list.push(s, w);
        }
        assert_eq!(list.pairs().collect::<Vec<_>>(), pairs);
        let mut joined = Postings::default();
        joined.push(5, 2);
        joined.append(&list, 1_000_000);
        let mut expected = vec![(5, 2)];
        expected.extend(pairs.iter().map(|&(s, w)| (s + 1_000_000, w)));
        assert_eq!(joined.pairs().collect::<Vec<_>>(), expected);
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
