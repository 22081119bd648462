//! Writing XLIFF 2.0 and 1.2 as text: the crate's XML escaping and a fixed attribute order,
//! so the same project gives the same bytes.

use super::{SOPDOC_NS, State, Version, Xliff};
use crate::translate::segment::{CodeKind, Piece};
use crate::xml;

fn esc(s: &str, attr: bool) -> String {
    let context = if attr {
        xml::Context::Attribute
    } else {
        xml::Context::Text
    };
    xml::escape(s, context)
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
