//! XLIFF 2.0 and 1.2: the writer (plain text, so the bytes are ours and deterministic) and
//! the reader (quick-xml, with byte positions for diagnostics).
//!
//! Inline Markdown travels as codes whose original Markdown the file keeps, so a CAT tool
//! can move them but the import rebuilds the exact syntax:
//! - 2.0: `<pc dataRefStart dataRefEnd>` for paired syntax (emphasis, links), `<ph dataRef>`
//!   for standalone syntax (code, cross-references, footnote marks), the Markdown in the
//!   unit's `<originalData>`; `<sc>`/`<ec>` written by tools are read too.
//! - 1.2: `<bpt>`/`<ept>` and `<ph>` holding the Markdown; `<g>`/`<x>` written by tools are
//!   read by id against the source.
//!
//! Each unit carries `sd:fingerprint` (the source text's fingerprint) and, when the
//! translation had text, `sd:target-fingerprint` (its fingerprint at export), in the
//! `urn:sopdoc:xliff` namespace.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::segment::{CodeKind, Piece};
use crate::diag::Diagnostic;
use crate::source::{SourceId, Span};

/// Namespace of sopdoc's extension attributes.
pub const SOPDOC_NS: &str = "urn:sopdoc:xliff";

/// The XLIFF version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// OASIS XLIFF 2.0 (default).
    V20,
    /// OASIS XLIFF 1.2, for older tools.
    V12,
}

/// State of a unit's translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// No target, or a target that needs work (stale).
    Initial,
    /// Translated.
    Translated,
    /// Reviewed or signed off.
    Final,
}

/// An XLIFF document in memory: one per document and target language.
#[derive(Debug, Clone, Default)]
pub struct Xliff {
    /// Source language.
    pub src_lang: String,
    /// Target language.
    pub trg_lang: String,
    /// One file per chapter.
    pub files: Vec<XFile>,
}

/// One `<file>`: a chapter.
#[derive(Debug, Clone, Default)]
pub struct XFile {
    /// `id` (2.0).
    pub id: String,
    /// `original`: the source chapter's path under the sources folder.
    pub original: String,
    /// Units in order.
    pub units: Vec<XUnit>,
    /// Byte offset of the element (when read).
    pub pos: usize,
}

/// One unit.
#[derive(Debug, Clone)]
pub struct XUnit {
    /// Structural unit id.
    pub id: String,
    /// Notes for the translator.
    pub notes: Vec<String>,
    /// Source content.
    pub source: Vec<Piece>,
    /// Target content, if any.
    pub target: Option<Vec<Piece>>,
    /// Target state.
    pub state: State,
    /// Fingerprint of the source text at export.
    pub fingerprint: Option<String>,
    /// Fingerprint of the translation's text at export.
    pub target_fingerprint: Option<String>,
    /// Byte offset of the unit element (when read).
    pub pos: usize,
    /// Byte offset of the target element (when read).
    pub target_pos: usize,
}

fn esc(s: &str, attr: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attr => out.push_str("&#10;"),
            '\t' if attr => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            // Characters XML 1.0 cannot carry.
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn subtype(kind: CodeKind) -> (&'static str, Option<&'static str>) {
    match kind {
        CodeKind::Emphasis => ("fmt", Some("xlf:i")),
        CodeKind::Strong => ("fmt", Some("xlf:b")),
        CodeKind::Strike => ("fmt", None),
        CodeKind::Break => ("fmt", Some("xlf:lb")),
        CodeKind::Link | CodeKind::Xref => ("link", None),
        CodeKind::Image => ("image", None),
        _ => ("other", None),
    }
}

fn ctype12(kind: CodeKind) -> String {
    match kind {
        CodeKind::Emphasis => "italic".into(),
        CodeKind::Strong => "bold".into(),
        CodeKind::Link => "link".into(),
        CodeKind::Image => "image".into(),
        CodeKind::Break => "lb".into(),
        k => format!("x-{}", k.as_str()),
    }
}

/// Writes `doc` as XLIFF `version`.
pub fn write(doc: &Xliff, version: Version) -> String {
    match version {
        Version::V20 => write20(doc),
        Version::V12 => write12(doc),
    }
}

fn write20(doc: &Xliff) -> String {
    let mut o = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str(&format!(
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:sd=\"{SOPDOC_NS}\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\">\n",
        esc(&doc.src_lang, true),
        esc(&doc.trg_lang, true)
    ));
    for f in &doc.files {
        o.push_str(&format!(
            " <file id=\"{}\" original=\"{}\">\n",
            esc(&f.id, true),
            esc(&f.original, true)
        ));
        for u in &f.units {
            o.push_str(&format!("  <unit id=\"{}\"", esc(&u.id, true)));
            if let Some(fp) = &u.fingerprint {
                o.push_str(&format!(" sd:fingerprint=\"{fp}\""));
            }
            if let Some(fp) = &u.target_fingerprint {
                o.push_str(&format!(" sd:target-fingerprint=\"{fp}\""));
            }
            o.push_str(">\n");
            if !u.notes.is_empty() {
                o.push_str("   <notes>\n");
                for n in &u.notes {
                    o.push_str(&format!("    <note>{}</note>\n", esc(n, false)));
                }
                o.push_str("   </notes>\n");
            }
            let mut data = Vec::new();
            collect_data(&u.source, &mut data);
            if let Some(t) = &u.target {
                collect_data(t, &mut data);
            }
            if !data.is_empty() {
                o.push_str("   <originalData>\n");
                for (id, md) in &data {
                    o.push_str(&format!(
                        "    <data id=\"{id}\" xml:space=\"preserve\">{}</data>\n",
                        esc(md, false)
                    ));
                }
                o.push_str("   </originalData>\n");
            }
            let state = match (&u.target, u.state) {
                (None, _) | (_, State::Initial) => "initial",
                (_, State::Translated) => "translated",
                (_, State::Final) => "final",
            };
            o.push_str(&format!("   <segment state=\"{state}\">\n"));
            o.push_str(&format!("    <source>{}</source>\n", inline20(&u.source)));
            if let Some(t) = &u.target {
                o.push_str(&format!("    <target>{}</target>\n", inline20(t)));
            }
            o.push_str("   </segment>\n  </unit>\n");
        }
        o.push_str(" </file>\n");
    }
    o.push_str("</xliff>\n");
    o
}

/// Data ids: `d{id}` for placeholders and openings, `d{id}e` for closings.
fn collect_data(pieces: &[Piece], data: &mut Vec<(String, String)>) {
    for p in pieces {
        let (id, md) = match p {
            Piece::Text(_) => continue,
            Piece::Open { id, md, .. } | Piece::Ph { id, md, .. } => (format!("d{id}"), md),
            Piece::Close { id, md } => (format!("d{id}e"), md),
        };
        if !data.iter().any(|(d, _)| *d == id) {
            data.push((id, md.clone()));
        }
    }
}

fn inline20(pieces: &[Piece]) -> String {
    let mut o = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => o.push_str(&esc(t, false)),
            Piece::Open { id, kind, .. } => {
                let (ty, sub) = subtype(*kind);
                o.push_str(&format!(
                    "<pc id=\"{id}\" dataRefStart=\"d{id}\" dataRefEnd=\"d{id}e\" type=\"{ty}\""
                ));
                if let Some(s) = sub {
                    o.push_str(&format!(" subType=\"{s}\""));
                }
                o.push('>');
            }
            Piece::Close { .. } => o.push_str("</pc>"),
            Piece::Ph { id, kind, md } => {
                let (ty, sub) = subtype(*kind);
                o.push_str(&format!("<ph id=\"{id}\" dataRef=\"d{id}\" type=\"{ty}\""));
                if let Some(s) = sub {
                    o.push_str(&format!(" subType=\"{s}\""));
                }
                o.push_str(&format!(" disp=\"{}\"/>", esc(md.trim_end(), true)));
            }
        }
    }
    o
}

fn write12(doc: &Xliff) -> String {
    let mut o = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str(&format!(
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:sd=\"{SOPDOC_NS}\" version=\"1.2\">\n"
    ));
    for f in &doc.files {
        o.push_str(&format!(
            " <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"x-markdown\">\n  <body>\n",
            esc(&f.original, true),
            esc(&doc.src_lang, true),
            esc(&doc.trg_lang, true)
        ));
        for u in &f.units {
            o.push_str(&format!("   <trans-unit id=\"{}\"", esc(&u.id, true)));
            if u.target.is_some() && u.state != State::Initial {
                o.push_str(" approved=\"yes\"");
            }
            if let Some(fp) = &u.fingerprint {
                o.push_str(&format!(" sd:fingerprint=\"{fp}\""));
            }
            if let Some(fp) = &u.target_fingerprint {
                o.push_str(&format!(" sd:target-fingerprint=\"{fp}\""));
            }
            o.push_str(">\n");
            o.push_str(&format!("    <source>{}</source>\n", inline12(&u.source)));
            if let Some(t) = &u.target {
                let state = match u.state {
                    State::Initial => "needs-review-translation",
                    State::Translated => "translated",
                    State::Final => "final",
                };
                o.push_str(&format!(
                    "    <target state=\"{state}\">{}</target>\n",
                    inline12(t)
                ));
            }
            for n in &u.notes {
                o.push_str(&format!(
                    "    <note from=\"sopdoc\">{}</note>\n",
                    esc(n, false)
                ));
            }
            o.push_str("   </trans-unit>\n");
        }
        o.push_str("  </body>\n </file>\n");
    }
    o.push_str("</xliff>\n");
    o
}

fn inline12(pieces: &[Piece]) -> String {
    let mut o = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => o.push_str(&esc(t, false)),
            Piece::Open { id, kind, md } => o.push_str(&format!(
                "<bpt id=\"{id}\" ctype=\"{}\">{}</bpt>",
                ctype12(*kind),
                esc(md, false)
            )),
            Piece::Close { id, md } => {
                o.push_str(&format!("<ept id=\"{id}\">{}</ept>", esc(md, false)))
            }
            Piece::Ph { id, kind, md } => o.push_str(&format!(
                "<ph id=\"{id}\" ctype=\"{}\">{}</ph>",
                ctype12(*kind),
                esc(md, false)
            )),
        }
    }
    o
}

// ---------------------------------------------------------------------------------------
// Reading

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

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key: &str = a.key.as_ref();
        let local = key.rsplit(':').next().unwrap_or(key);
        let matches = if name.contains(':') {
            key == name
        } else {
            local == name
                && (!key.contains(':') || name == "fingerprint" || name == "target-fingerprint")
        };
        matches.then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned())
        })
    })
}

/// Parses an XLIFF 2.0 or 1.2 file. `source` is the file's id, for diagnostic spans.
pub fn read(text: &str, source: SourceId) -> ReadResult {
    let mut r = Reader::from_str(text);
    r.config_mut().trim_text(false);
    let mut out = ReadResult::default();
    let bad = |pos: usize, rule: &str, msg: String| {
        Diagnostic::error(rule.to_string(), msg).at(Span::new(source, pos..pos))
    };
    let mut doc = Xliff::default();
    let mut version = None;
    let mut stack: Vec<String> = Vec::new();
    let mut unit: Option<XUnit> = None;
    let mut data: HashMap<String, String> = HashMap::new();
    let mut data_id: Option<String> = None;
    let mut data_text = String::new();
    let mut seg_state: Option<String> = None;
    // The inline content being read (source or target) and codes' own text (1.2).
    let mut inline: Option<(bool, Vec<Raw>)> = None;
    let mut code_text: Option<String> = None;
    let mut code_name: Option<(String, String, usize)> = None;
    let mut pc_stack: Vec<(String, Option<String>)> = Vec::new();
    let mut raw_source: Vec<Raw> = Vec::new();
    let mut raw_target: Option<Vec<Raw>> = None;
    let mut target_state: Option<String> = None;
    loop {
        let pos = r.buffer_position() as usize;
        let ev = match r.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let p = r.error_position() as usize;
                out.diagnostics.push(
                    bad(p, "translate/xliff-malformed", format!("the XLIFF file is not well-formed XML: {e}"))
                        .hint("open the file in the CAT tool again and re-export it, or fix the XML by hand"),
                );
                return out;
            }
        };
        match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name: String = {
                    let local = e.local_name();
                    let n: &str = local.as_ref();
                    n.to_string()
                };
                if stack.is_empty() {
                    if name != "xliff" {
                        out.diagnostics.push(bad(
                            pos,
                            "translate/xliff-malformed",
                            format!("the root element is `<{name}>`, not `<xliff>`"),
                        ));
                        return out;
                    }
                    match attr(e, "version").as_deref() {
                        Some("2.0") | Some("2.1") | Some("2.2") => {
                            version = Some(Version::V20);
                            doc.src_lang = attr(e, "srcLang").unwrap_or_default();
                            doc.trg_lang = attr(e, "trgLang").unwrap_or_default();
                        }
                        Some("1.2") => version = Some(Version::V12),
                        other => {
                            out.diagnostics.push(
                                bad(
                                    pos,
                                    "translate/xliff-version",
                                    format!(
                                        "XLIFF version {} is not supported",
                                        other.unwrap_or("(none)")
                                    ),
                                )
                                .hint("export XLIFF 2.0 or 1.2 from the CAT tool"),
                            );
                            return out;
                        }
                    }
                }
                if let Some((_, items)) = inline.as_mut() {
                    let id = attr(e, "id").unwrap_or_default();
                    match (version, name.as_str()) {
                        (Some(Version::V20), "pc") => {
                            let start = attr(e, "dataRefStart");
                            let end = attr(e, "dataRefEnd");
                            items.push(Raw::Open {
                                id: id.clone(),
                                md: None,
                                data: start,
                                pos,
                            });
                            if empty {
                                items.push(Raw::Close {
                                    id,
                                    md: None,
                                    data: end,
                                    pos,
                                });
                            } else {
                                pc_stack.push((id, end));
                            }
                        }
                        (Some(Version::V20), "sc") => items.push(Raw::Open {
                            id,
                            md: None,
                            data: attr(e, "dataRef"),
                            pos,
                        }),
                        (Some(Version::V20), "ec") => {
                            let id = attr(e, "startRef").unwrap_or(id);
                            items.push(Raw::Close {
                                id,
                                md: None,
                                data: attr(e, "dataRef"),
                                pos,
                            });
                        }
                        (Some(Version::V20), "ph") => items.push(Raw::Ph {
                            id,
                            md: None,
                            data: attr(e, "dataRef"),
                            pos,
                        }),
                        (Some(Version::V20), "cp") => {
                            if let Some(c) = attr(e, "hex")
                                .and_then(|h| u32::from_str_radix(&h, 16).ok())
                                .and_then(char::from_u32)
                            {
                                items.push(Raw::Text(c.to_string()));
                            }
                        }
                        (_, "mrk") | (_, "sm") | (_, "em") => {}
                        (Some(Version::V12), "bpt" | "ept" | "ph" | "it") if !empty => {
                            code_name = Some((name.clone(), id, pos));
                            code_text = Some(String::new());
                        }
                        (Some(Version::V12), "g") => {
                            items.push(Raw::Open {
                                id: id.clone(),
                                md: None,
                                data: None,
                                pos,
                            });
                            if empty {
                                items.push(Raw::Close {
                                    id,
                                    md: None,
                                    data: None,
                                    pos,
                                });
                            } else {
                                pc_stack.push((id, None));
                            }
                        }
                        (Some(Version::V12), "x" | "bx" | "ex" | "ph" | "bpt" | "ept") => {
                            // Empty forms: the Markdown comes from the source's code of that id.
                            let raw = match name.as_str() {
                                "bx" | "bpt" => Raw::Open {
                                    id,
                                    md: None,
                                    data: None,
                                    pos,
                                },
                                "ex" | "ept" => Raw::Close {
                                    id,
                                    md: None,
                                    data: None,
                                    pos,
                                },
                                _ => Raw::Ph {
                                    id,
                                    md: None,
                                    data: None,
                                    pos,
                                },
                            };
                            items.push(raw);
                        }
                        _ => {
                            out.diagnostics.push(
                                bad(
                                    pos,
                                    "translate/broken-code",
                                    format!(
                                        "`<{name}>` is not an inline code sopdoc can read here"
                                    ),
                                )
                                .hint("keep the inline codes the export wrote"),
                            );
                        }
                    }
                    if !empty {
                        stack.push(name);
                    }
                    continue;
                }
                match name.as_str() {
                    "file" => {
                        let original = attr(e, "original").unwrap_or_default();
                        if version == Some(Version::V12) {
                            let s = attr(e, "source-language").unwrap_or_default();
                            let t = attr(e, "target-language").unwrap_or_default();
                            if doc.files.is_empty() {
                                doc.src_lang = s;
                                doc.trg_lang = t;
                            } else if s != doc.src_lang || t != doc.trg_lang {
                                out.diagnostics.push(bad(
                                    pos,
                                    "translate/wrong-language",
                                    "the files of this XLIFF name different languages".into(),
                                ));
                            }
                        }
                        doc.files.push(XFile {
                            id: attr(e, "id").unwrap_or_default(),
                            original,
                            units: Vec::new(),
                            pos,
                        });
                    }
                    "unit" | "trans-unit" => {
                        data.clear();
                        raw_source.clear();
                        raw_target = None;
                        seg_state = None;
                        target_state = None;
                        unit = Some(XUnit {
                            id: attr(e, "id").unwrap_or_default(),
                            notes: Vec::new(),
                            source: Vec::new(),
                            target: None,
                            state: State::Initial,
                            fingerprint: attr(e, "fingerprint"),
                            target_fingerprint: attr(e, "target-fingerprint"),
                            pos,
                            target_pos: pos,
                        });
                        if unit.as_ref().is_some_and(|u| u.id.is_empty()) {
                            out.diagnostics.push(bad(
                                pos,
                                "translate/xliff-malformed",
                                format!("`<{name}>` without an `id`"),
                            ));
                        }
                    }
                    "data" => {
                        data_id = attr(e, "id");
                        data_text.clear();
                    }
                    "segment" => seg_state = attr(e, "state"),
                    "source" | "target" if unit.is_some() => {
                        let is_target = name == "target";
                        if is_target {
                            target_state = attr(e, "state");
                            if let Some(u) = unit.as_mut() {
                                u.target_pos = pos;
                            }
                        }
                        pc_stack.clear();
                        if empty {
                            if is_target {
                                raw_target = Some(Vec::new());
                            }
                        } else {
                            inline = Some((is_target, Vec::new()));
                        }
                    }
                    _ => {}
                }
                if !empty {
                    stack.push(name);
                }
            }
            Event::End(ref e) => {
                let name: String = {
                    let local = e.local_name();
                    let n: &str = local.as_ref();
                    n.to_string()
                };
                stack.pop();
                if let Some(md) = code_text.take() {
                    // End of a 1.2 code with content: the content is the code's Markdown.
                    if let (Some((_, items)), Some((cname, id, cpos))) =
                        (inline.as_mut(), code_name.take())
                    {
                        items.push(match cname.as_str() {
                            "bpt" => Raw::Open {
                                id,
                                md: Some(md),
                                data: None,
                                pos: cpos,
                            },
                            "ept" => Raw::Close {
                                id,
                                md: Some(md),
                                data: None,
                                pos: cpos,
                            },
                            _ => Raw::Ph {
                                id,
                                md: Some(md),
                                data: None,
                                pos: cpos,
                            },
                        });
                    }
                    continue;
                }
                if let Some((is_target, items)) = inline.as_mut() {
                    if name == "pc" || name == "g" {
                        if let Some((id, end)) = pc_stack.pop() {
                            items.push(Raw::Close {
                                id,
                                md: None,
                                data: end,
                                pos,
                            });
                        }
                        continue;
                    }
                    if name == "source" || name == "target" {
                        let items = std::mem::take(items);
                        if *is_target {
                            raw_target = Some(items);
                        } else {
                            raw_source = items;
                        }
                        inline = None;
                    }
                    continue;
                }
                match name.as_str() {
                    "data" => {
                        if let Some(id) = data_id.take() {
                            data.insert(id, std::mem::take(&mut data_text));
                        }
                    }
                    "unit" | "trans-unit" => {
                        if let Some(mut u) = unit.take() {
                            let src =
                                resolve(&raw_source, &data, &[], &mut out.diagnostics, source);
                            let src_codes = src.clone();
                            u.source = src;
                            if let Some(t) = raw_target.take() {
                                u.target = Some(resolve(
                                    &t,
                                    &data,
                                    &src_codes,
                                    &mut out.diagnostics,
                                    source,
                                ));
                            }
                            let state =
                                target_state.take().or(seg_state.take()).unwrap_or_default();
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
                            if let Some(f) = doc.files.last_mut() {
                                f.units.push(u);
                            } else {
                                out.diagnostics.push(bad(
                                    u.pos,
                                    "translate/xliff-malformed",
                                    "a unit outside any `<file>`".into(),
                                ));
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) => {
                let s = t.xml10_content();
                push_text(
                    &mut inline,
                    &mut code_text,
                    &mut data_id,
                    &mut data_text,
                    &s,
                );
            }
            Event::CData(ref t) => {
                let s = t.xml10_content();
                push_text(
                    &mut inline,
                    &mut code_text,
                    &mut data_id,
                    &mut data_text,
                    &s,
                );
            }
            Event::GeneralRef(ref g) => {
                let s = match g.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name: &str = &g.xml10_content();
                        match name {
                            "amp" => "&".into(),
                            "lt" => "<".into(),
                            "gt" => ">".into(),
                            "quot" => "\"".into(),
                            "apos" => "'".into(),
                            other => {
                                out.diagnostics.push(bad(
                                    pos,
                                    "translate/xliff-malformed",
                                    format!("unknown entity `&{other};`"),
                                ));
                                String::new()
                            }
                        }
                    }
                };
                push_text(
                    &mut inline,
                    &mut code_text,
                    &mut data_id,
                    &mut data_text,
                    &s,
                );
            }
            _ => {}
        }
    }
    if version.is_none() {
        out.diagnostics.push(bad(
            0,
            "translate/xliff-malformed",
            "the file has no `<xliff>` element".into(),
        ));
        return out;
    }
    out.version = version;
    out.doc = Some(doc);
    out
}

fn push_text(
    inline: &mut Option<(bool, Vec<Raw>)>,
    code_text: &mut Option<String>,
    data_id: &mut Option<String>,
    data_text: &mut String,
    s: &str,
) {
    if let Some(ct) = code_text.as_mut() {
        ct.push_str(s);
    } else if let Some((_, items)) = inline.as_mut() {
        items.push(Raw::Text(s.to_string()));
    } else if data_id.is_some() {
        data_text.push_str(s);
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
    let mut fail = |pos: usize, msg: String| {
        diags.push(
            Diagnostic::error("translate/broken-code", msg)
                .at(Span::new(file, pos..pos))
                .hint("inline codes stand for Markdown (emphasis, links, references): keep each one from the source, and close what you open"),
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
                    None => fail(
                        *pos,
                        format!("inline code `{id}` has no Markdown (unknown data reference)"),
                    ),
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
                    fail(
                        *pos,
                        format!(
                            "inline code `{id}` is closed without being opened, or out of order"
                        ),
                    );
                    continue;
                }
                open.pop();
                let md = md
                    .clone()
                    .or_else(|| d.as_ref().and_then(|d| data.get(d).cloned()))
                    .or_else(|| from_source(n, true));
                match md {
                    Some(md) => out.push(Piece::Close { id: n, md }),
                    None => fail(
                        *pos,
                        format!(
                            "inline code `{id}` has no closing Markdown (unknown data reference)"
                        ),
                    ),
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
                    None => fail(
                        *pos,
                        format!("inline code `{id}` has no Markdown (unknown data reference)"),
                    ),
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
            format!("inline code `{n}` is opened and never closed"),
        );
    }
    super::segment::merge_text(out)
}
