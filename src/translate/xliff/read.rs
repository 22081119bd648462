//! Reading XLIFF 2.0 and 1.2 with quick-xml, keeping byte positions for diagnostics.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{State, Version, XFile, XUnit, Xliff};
use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::i18n::Text;
use crate::msg;
use crate::source::{SourceId, Span};
use crate::translate::segment::{CodeKind, Piece};

/// A piece as read, before codes are matched with their Markdown.
#[derive(Debug, Clone)]
enum Raw {
    Text(String),
    /// Opening code: id, Markdown if carried inline (1.2 `bpt`) or data ref (2.0).
    Open {
        id: String,
        md: Option<String>,
        data: Option<String>,
        pos: usize,
    },
    Close {
        id: String,
        md: Option<String>,
        data: Option<String>,
        pos: usize,
    },
    Ph {
        id: String,
        md: Option<String>,
        data: Option<String>,
        pos: usize,
    },
}

/// What reading an XLIFF file gave: the document (when the XML was usable) and problems.
#[derive(Debug, Default)]
pub struct ReadResult {
    /// The document.
    pub doc: Option<Xliff>,
    /// The version found.
    pub version: Option<Version>,
    /// Problems, located in the XLIFF file.
    pub diagnostics: Vec<Diagnostic>,
}

/// The value of attribute `name`: unprefixed, or any prefix for sopdoc's own
/// (`sd:fingerprint`, whatever prefix a tool gave the namespace).
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let ours = matches!(name, "fingerprint" | "target-fingerprint");
    e.attributes().flatten().find_map(|a| {
        let key: &str = a.key.as_ref();
        let (prefix, local) = key.rsplit_once(':').unwrap_or(("", key));
        (local == name && (prefix.is_empty() || (ours && prefix != "xml"))).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned())
        })
    })
}

fn local_name(e: &BytesStart<'_>) -> String {
    let local = e.local_name();
    let n: &str = local.as_ref();
    n.to_string()
}

/// The inline content being read: a `<source>` or a `<target>`.
struct Inline {
    is_target: bool,
    items: Vec<Raw>,
    /// Open `<pc>`/`<g>` elements: id and end data reference.
    open: Vec<(String, Option<String>)>,
    /// A 1.2 code with content (`<bpt>`, `<ept>`, `<ph>`, `<it>`): name, id, position, text.
    code: Option<(String, String, usize, String)>,
}

/// The state of one pass over the file.
struct ReadState {
    source: SourceId,
    version: Option<Version>,
    doc: Xliff,
    diagnostics: Vec<Diagnostic>,
    /// The elements open at this point of the file, innermost last: name and position.
    /// quick-xml ends a file cut short with a plain end of input, so a file whose
    /// `<xliff>` never closed is found here.
    open: Vec<(String, usize)>,
    unit: Option<XUnit>,
    data: HashMap<String, String>,
    data_id: Option<(String, String)>,
    seg_state: Option<String>,
    target_state: Option<String>,
    inline: Option<Inline>,
    raw_source: Vec<Raw>,
    raw_target: Option<Vec<Raw>>,
}

/// Parses an XLIFF 2.0 or 1.2 file. `source` is the file's id, for diagnostic spans.
pub fn read(text: &str, source: SourceId) -> ReadResult {
    let mut r = Reader::from_str(text);
    r.config_mut().trim_text(false);
    let mut st = ReadState {
        source,
        version: None,
        doc: Xliff::default(),
        diagnostics: Vec::new(),
        open: Vec::new(),
        unit: None,
        data: HashMap::new(),
        data_id: None,
        seg_state: None,
        target_state: None,
        inline: None,
        raw_source: Vec::new(),
        raw_target: None,
    };
    loop {
        let pos = r.buffer_position() as usize;
        let ev = match r.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let p = r.error_position() as usize;
                let d = st
                    .bad(
                        p,
                        rules::TRANSLATE_XLIFF_MALFORMED.id,
                        Text {
                            en: format!("the XLIFF file is not well-formed XML: {e}"),
                            msg: Some(msg!("xliff-not-xml")),
                        },
                    )
                    .hint(msg!("translate-xliff-malformed-hint-2"));
                st.diagnostics.push(d);
                return st.fail();
            }
        };
        let go_on = match ev {
            Event::Eof => {
                if let Some(d) = st.cut_short(text) {
                    st.diagnostics.push(d);
                    return st.fail();
                }
                break;
            }
            Event::Start(ref e) => st.start(e, false, pos),
            Event::Empty(ref e) => st.start(e, true, pos),
            Event::End(ref e) => {
                let local = e.local_name();
                let name: &str = local.as_ref();
                st.end(name);
                true
            }
            Event::Text(ref t) => {
                let content = t.xml10_content();
                st.refuse_forbidden(&content, text, pos);
                st.text(&content);
                true
            }
            Event::CData(ref t) => {
                let content = t.xml10_content();
                st.refuse_forbidden(&content, text, pos);
                st.text(&content);
                true
            }
            Event::GeneralRef(ref g) => {
                let s = match g.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => match &*g.xml10_content() {
                        "amp" => Some("&".into()),
                        "lt" => Some("<".into()),
                        "gt" => Some(">".into()),
                        "quot" => Some("\"".into()),
                        "apos" => Some("'".into()),
                        _ => None,
                    },
                };
                match s {
                    Some(s) => {
                        st.refuse_forbidden(&s, text, pos);
                        st.text(&s)
                    }
                    None => {
                        let name = g.xml10_content().into_owned();
                        let d = st.bad(
                            pos,
                            rules::TRANSLATE_XLIFF_MALFORMED.id,
                            msg!("xliff-unknown-entity", name = name).into(),
                        );
                        st.diagnostics.push(d);
                    }
                }
                true
            }
            _ => true,
        };
        if !go_on {
            return st.fail();
        }
    }
    if st.version.is_none() {
        let d = st.bad(
            0,
            rules::TRANSLATE_XLIFF_MALFORMED.id,
            msg!("xliff-no-root").into(),
        );
        st.diagnostics.push(d);
        return st.fail();
    }
    ReadResult {
        doc: Some(st.doc),
        version: st.version,
        diagnostics: st.diagnostics,
    }
}

impl ReadState {
    fn bad(&self, pos: usize, rule: &str, msg: Text) -> Diagnostic {
        Diagnostic::error(rule.to_string(), msg).at(Span::new(self.source, pos..pos))
    }

    /// The file ended with elements still open (a download or a copy cut it short): an
    /// error at the end of the file naming the innermost element and where it began, so
    /// the import writes nothing from a half of the translation.
    fn cut_short(&self, text: &str) -> Option<Diagnostic> {
        let (name, opened) = self.open.last()?;
        let line = text[..(*opened).min(text.len())].matches('\n').count() + 1;
        let d = self
            .bad(
                text.len(),
                rules::TRANSLATE_XLIFF_MALFORMED.id,
                msg!("xliff-cut-short", element = name.as_str(), line = line).into(),
            )
            .hint(msg!("translate-xliff-malformed-hint-3"));
        Some(d)
    }

    fn fail(self) -> ReadResult {
        ReadResult {
            doc: None,
            version: self.version,
            diagnostics: self.diagnostics,
        }
    }

    /// An opening (or empty) element; `false` stops the reading.
    fn start(&mut self, e: &BytesStart<'_>, empty: bool, pos: usize) -> bool {
        let name = local_name(e);
        if self.open.is_empty() && !self.root(e, &name, pos) {
            return false;
        }
        if !empty {
            self.open.push((name.clone(), pos));
        }
        if self.inline.is_some() {
            self.inline_start(e, &name, empty, pos);
            return true;
        }
        match name.as_str() {
            "file" => self.file(e, pos),
            "unit" | "trans-unit" => {
                self.data.clear();
                self.raw_source.clear();
                self.raw_target = None;
                self.seg_state = None;
                self.target_state = None;
                let id = attr(e, "id").unwrap_or_default();
                if id.is_empty() {
                    let d = self.bad(
                        pos,
                        rules::TRANSLATE_XLIFF_MALFORMED.id,
                        msg!("xliff-no-id", element = name).into(),
                    );
                    self.diagnostics.push(d);
                }
                self.unit = Some(XUnit {
                    id,
                    notes: Vec::new(),
                    source: Vec::new(),
                    target: None,
                    state: State::Initial,
                    fingerprint: attr(e, "fingerprint"),
                    target_fingerprint: attr(e, "target-fingerprint"),
                    pos,
                    target_pos: pos,
                });
            }
            "data" if !empty => self.data_id = attr(e, "id").map(|id| (id, String::new())),
            "data" => {
                if let Some(id) = attr(e, "id") {
                    self.data.insert(id, String::new());
                }
            }
            "segment" => self.seg_state = attr(e, "state"),
            "source" | "target" if self.unit.is_some() => {
                let is_target = name == "target";
                if is_target {
                    self.target_state = attr(e, "state");
                    if let Some(u) = self.unit.as_mut() {
                        u.target_pos = pos;
                    }
                }
                if empty {
                    if is_target {
                        self.raw_target = Some(Vec::new());
                    }
                } else {
                    self.inline = Some(Inline {
                        is_target,
                        items: Vec::new(),
                        open: Vec::new(),
                        code: None,
                    });
                }
            }
            _ => {}
        }
        true
    }

    /// The root element: its version and (2.0) languages.
    fn root(&mut self, e: &BytesStart<'_>, name: &str, pos: usize) -> bool {
        if name != "xliff" {
            let d = self.bad(
                pos,
                rules::TRANSLATE_XLIFF_MALFORMED.id,
                msg!("xliff-wrong-root", element = name).into(),
            );
            self.diagnostics.push(d);
            return false;
        }
        match attr(e, "version").as_deref() {
            Some("2.0" | "2.1" | "2.2") => {
                self.version = Some(Version::V20);
                self.doc.src_lang = attr(e, "srcLang").unwrap_or_default();
                self.doc.trg_lang = attr(e, "trgLang").unwrap_or_default();
                true
            }
            Some("1.2") => {
                self.version = Some(Version::V12);
                true
            }
            other => {
                let d = self
                    .bad(
                        pos,
                        rules::TRANSLATE_XLIFF_VERSION.id,
                        match other {
                            Some(v) => msg!("xliff-version", version = v).into(),
                            None => msg!("xliff-no-version").into(),
                        },
                    )
                    .hint(msg!("translate-xliff-version-hint"));
                self.diagnostics.push(d);
                false
            }
        }
    }

    fn file(&mut self, e: &BytesStart<'_>, pos: usize) {
        if self.version == Some(Version::V12) {
            let s = attr(e, "source-language").unwrap_or_default();
            let t = attr(e, "target-language").unwrap_or_default();
            if self.doc.files.is_empty() {
                self.doc.src_lang = s;
                self.doc.trg_lang = t;
            } else if s != self.doc.src_lang || t != self.doc.trg_lang {
                let d = self.bad(
                    pos,
                    rules::TRANSLATE_WRONG_LANGUAGE.id,
                    msg!("xliff-mixed-languages").into(),
                );
                self.diagnostics.push(d);
            }
        }
        self.doc.files.push(XFile {
            id: attr(e, "id").unwrap_or_default(),
            original: attr(e, "original").unwrap_or_default(),
            units: Vec::new(),
            pos,
        });
    }

    /// An inline code inside `<source>` or `<target>`.
    fn inline_start(&mut self, e: &BytesStart<'_>, name: &str, empty: bool, pos: usize) {
        let version = self.version;
        let Some(inl) = self.inline.as_mut() else {
            return;
        };
        let id = attr(e, "id").unwrap_or_default();
        let v20 = version == Some(Version::V20);
        match name {
            "pc" | "g" => {
                let end = if v20 { attr(e, "dataRefEnd") } else { None };
                let data = if v20 { attr(e, "dataRefStart") } else { None };
                inl.items.push(Raw::Open {
                    id: id.clone(),
                    md: None,
                    data,
                    pos,
                });
                if empty {
                    inl.items.push(Raw::Close {
                        id,
                        md: None,
                        data: end,
                        pos,
                    });
                } else {
                    inl.open.push((id, end));
                }
            }
            "sc" | "bx" => inl.items.push(Raw::Open {
                id,
                md: None,
                data: attr(e, "dataRef"),
                pos,
            }),
            "ec" | "ex" => {
                let id = attr(e, "startRef").or_else(|| attr(e, "rid")).unwrap_or(id);
                inl.items.push(Raw::Close {
                    id,
                    md: None,
                    data: attr(e, "dataRef"),
                    pos,
                });
            }
            "ph" | "x" if v20 || empty => inl.items.push(Raw::Ph {
                id,
                md: None,
                data: attr(e, "dataRef"),
                pos,
            }),
            "bpt" | "ept" if empty => {
                // Empty forms: the Markdown comes from the source's code of that id.
                inl.items.push(if name == "bpt" {
                    Raw::Open {
                        id,
                        md: None,
                        data: None,
                        pos,
                    }
                } else {
                    Raw::Close {
                        id,
                        md: None,
                        data: None,
                        pos,
                    }
                });
            }
            "bpt" | "ept" | "ph" | "it" if !v20 => {
                inl.code = Some((name.to_string(), id, pos, String::new()));
            }
            "cp" if v20 => {
                if let Some(c) = attr(e, "hex")
                    .and_then(|h| u32::from_str_radix(&h, 16).ok())
                    .and_then(char::from_u32)
                {
                    inl.items.push(Raw::Text(c.to_string()));
                }
            }
            // Annotations: their content is read, the markers are not codes.
            "mrk" | "sm" | "em" => {}
            _ => {
                let d = self
                    .bad(
                        pos,
                        rules::TRANSLATE_BROKEN_CODE.id,
                        msg!("xliff-unknown-code", element = name).into(),
                    )
                    .hint(msg!("translate-broken-code-hint-3"));
                self.diagnostics.push(d);
            }
        }
    }

    fn end(&mut self, name: &str) {
        self.open.pop();
        if let Some(inl) = self.inline.as_mut() {
            if let Some((cname, id, pos, md)) = inl.code.take() {
                // The content of a 1.2 code is its Markdown.
                let md = Some(md);
                inl.items.push(match cname.as_str() {
                    "bpt" => Raw::Open {
                        id,
                        md,
                        data: None,
                        pos,
                    },
                    "ept" => Raw::Close {
                        id,
                        md,
                        data: None,
                        pos,
                    },
                    _ => Raw::Ph {
                        id,
                        md,
                        data: None,
                        pos,
                    },
                });
                return;
            }
            match name {
                "pc" | "g" => {
                    if let Some((id, end)) = inl.open.pop() {
                        let pos = self.unit.as_ref().map_or(0, |u| u.target_pos);
                        inl.items.push(Raw::Close {
                            id,
                            md: None,
                            data: end,
                            pos,
                        });
                    }
                }
                "source" | "target" => {
                    let items = std::mem::take(&mut inl.items);
                    if inl.is_target {
                        self.raw_target = Some(items);
                    } else {
                        self.raw_source = items;
                    }
                    self.inline = None;
                }
                _ => {}
            }
            return;
        }
        match name {
            "data" => {
                if let Some((id, text)) = self.data_id.take() {
                    self.data.insert(id, text);
                }
            }
            "unit" | "trans-unit" => self.finish_unit(),
            _ => {}
        }
    }

    fn finish_unit(&mut self) {
        let Some(mut u) = self.unit.take() else {
            return;
        };
        let src = resolve(
            &self.raw_source,
            &self.data,
            &[],
            &mut self.diagnostics,
            self.source,
        );
        if let Some(t) = self.raw_target.take() {
            u.target = Some(resolve(
                &t,
                &self.data,
                &src,
                &mut self.diagnostics,
                self.source,
            ));
        }
        u.source = src;
        let state = self
            .target_state
            .take()
            .or(self.seg_state.take())
            .unwrap_or_default();
        u.state = match state.as_str() {
            "final" | "signed-off" | "reviewed" => State::Final,
            "translated" => State::Translated,
            "initial"
            | "new"
            | "needs-translation"
            | "needs-review-translation"
            | "needs-adaptation"
            | "needs-l10n"
            | "needs-review-adaptation"
            | "needs-review-l10n" => State::Initial,
            // 1.2 targets without a state, and 2.0 segments without one.
            _ if u.target.is_some() => State::Translated,
            _ => State::Initial,
        };
        match self.doc.files.last_mut() {
            Some(f) => f.units.push(u),
            None => {
                let d = self.bad(
                    u.pos,
                    rules::TRANSLATE_XLIFF_MALFORMED.id,
                    msg!("xliff-unit-outside-file").into(),
                );
                self.diagnostics.push(d);
            }
        }
    }

    /// A character XML 1.0 forbids (NUL, the other C0 controls but tab and line ends,
    /// U+FFFE, U+FFFF), raw or as a character reference: a lenient tool wrote it, and a
    /// chapter or procedure YAML cannot carry it. Reported at the character (`file` is
    /// the XLIFF text, `pos` where the event starts); the import then writes nothing.
    fn refuse_forbidden(&mut self, content: &str, file: &str, pos: usize) {
        let Some(c) = content.chars().find(|c| !crate::xml::is_allowed(*c)) else {
            return;
        };
        // Raw in the file: point at it; written as `&#…;`: at the reference.
        let at = file
            .get(pos..)
            .and_then(|rest| rest.find(c))
            .filter(|i| !file[pos..pos + i].contains('<'))
            .map_or(pos, |i| pos + i);
        let d = self
            .bad(
                at,
                rules::TRANSLATE_XLIFF_MALFORMED.id,
                Text {
                    en: format!(
                        "the control character U+{:04X} is not allowed in XML 1.0 text, nor in a chapter",
                        u32::from(c)
                    ),
                    msg: Some(msg!("xliff-control-character")),
                },
            )
            .hint(msg!("translate-xliff-control-hint"));
        self.diagnostics.push(d);
    }

    fn text(&mut self, s: &str) {
        if let Some(inl) = self.inline.as_mut() {
            match inl.code.as_mut() {
                Some((_, _, _, md)) => md.push_str(s),
                None => inl.items.push(Raw::Text(s.to_string())),
            }
        } else if let Some((_, text)) = self.data_id.as_mut() {
            text.push_str(s);
        }
    }
}

fn num_id(id: &str, names: &mut HashMap<String, u32>) -> u32 {
    if let Some(n) = names.get(id) {
        return *n;
    }
    let n = id.parse::<u32>().unwrap_or(1_000_000 + names.len() as u32);
    names.insert(id.to_string(), n);
    n
}

/// Matches codes with their Markdown: from the data (2.0), the code itself (1.2), or the
/// source's code with the same id (`<g>`/`<x>` written by tools). Checks pairing.
fn resolve(
    raw: &[Raw],
    data: &HashMap<String, String>,
    source_codes: &[Piece],
    diags: &mut Vec<Diagnostic>,
    file: SourceId,
) -> Vec<Piece> {
    let mut names = HashMap::new();
    let mut out = Vec::new();
    let mut open: Vec<u32> = Vec::new();
    let from_source = |id: u32, want_close: bool| {
        source_codes.iter().find_map(|p| match p {
            Piece::Open { id: i, md, .. } | Piece::Ph { id: i, md, .. }
                if *i == id && !want_close =>
            {
                Some(md.clone())
            }
            Piece::Close { id: i, md } if *i == id && want_close => Some(md.clone()),
            _ => None,
        })
    };
    let mut fail = |pos: usize, msg: Text| {
        diags.push(
            Diagnostic::error(rules::TRANSLATE_BROKEN_CODE, msg)
                .at(Span::new(file, pos..pos))
                .hint(msg!("translate-broken-code-hint-4")),
        );
    };
    for r in raw {
        match r {
            Raw::Text(t) => out.push(Piece::Text(t.clone())),
            Raw::Open {
                id,
                md,
                data: d,
                pos,
            } => {
                let n = num_id(id, &mut names);
                let md = md
                    .clone()
                    .or_else(|| d.as_ref().and_then(|d| data.get(d).cloned()))
                    .or_else(|| from_source(n, false));
                match md {
                    Some(md) => {
                        open.push(n);
                        out.push(Piece::Open {
                            id: n,
                            kind: CodeKind::Link,
                            md,
                        });
                    }
                    None => fail(*pos, msg!("xliff-code-no-markdown", id = id).into()),
                }
            }
            Raw::Close {
                id,
                md,
                data: d,
                pos,
            } => {
                let n = num_id(id, &mut names);
                if open.last() != Some(&n) {
                    fail(*pos, msg!("xliff-code-closed-unopened", id = id).into());
                    continue;
                }
                open.pop();
                let md = md
                    .clone()
                    .or_else(|| d.as_ref().and_then(|d| data.get(d).cloned()))
                    .or_else(|| from_source(n, true));
                match md {
                    Some(md) => out.push(Piece::Close { id: n, md }),
                    None => fail(*pos, msg!("xliff-code-no-closing-markdown", id = id).into()),
                }
            }
            Raw::Ph {
                id,
                md,
                data: d,
                pos,
            } => {
                let n = num_id(id, &mut names);
                let md = md
                    .clone()
                    .or_else(|| d.as_ref().and_then(|d| data.get(d).cloned()))
                    .or_else(|| from_source(n, false));
                match md {
                    Some(md) => out.push(Piece::Ph {
                        id: n,
                        kind: CodeKind::Xref,
                        md,
                    }),
                    None => fail(*pos, msg!("xliff-code-no-markdown", id = id).into()),
                }
            }
        }
    }
    if let Some(n) = open.last() {
        let pos = raw.iter().rev().find_map(|r| match r {
            Raw::Open { pos, .. } => Some(*pos),
            _ => None,
        });
        fail(
            pos.unwrap_or(0),
            msg!("xliff-code-never-closed", id = n).into(),
        );
    }
    crate::translate::segment::merge_text(out)
}
