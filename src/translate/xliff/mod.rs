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

mod read;
mod write;

pub use read::{ReadResult, read};
pub use write::write;

use super::segment::Piece;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, SourceMap};
    use crate::translate::segment::CodeKind;

    fn sample() -> Xliff {
        let source = vec![
            Piece::Text("Voir ".into()),
            Piece::Open {
                id: 1,
                kind: CodeKind::Emphasis,
                md: "*".into(),
            },
            Piece::Text("a & <b>".into()),
            Piece::Close {
                id: 1,
                md: "*".into(),
            },
            Piece::Text(" ".into()),
            Piece::Ph {
                id: 2,
                kind: CodeKind::Xref,
                md: "[](#x \"t\")".into(),
            },
        ];
        let mut target = source.clone();
        target[0] = Piece::Text("See ".into());
        Xliff {
            src_lang: "fr".into(),
            trg_lang: "en".into(),
            files: vec![XFile {
                id: "f".into(),
                original: "sop-01/fr/a.md".into(),
                units: vec![XUnit {
                    id: "s.1".into(),
                    notes: vec!["paragraph".into()],
                    source,
                    target: Some(target),
                    state: State::Translated,
                    fingerprint: Some("0123456789abcdef".into()),
                    target_fingerprint: None,
                    pos: 0,
                    target_pos: 0,
                }],
                pos: 0,
            }],
        }
    }

    fn parse(text: &str) -> ReadResult {
        let mut map = SourceMap::new();
        let id = map.add(SourceFile::new("x.xlf", None, text.to_string()));
        read(text, id)
    }

    #[test]
    fn both_versions_round_trip() {
        let doc = sample();
        for v in [Version::V20, Version::V12] {
            let r = parse(&write(&doc, v));
            assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
            assert_eq!(r.version, Some(v));
            let back = r.doc.unwrap();
            assert_eq!(
                (back.src_lang.as_str(), back.trg_lang.as_str()),
                ("fr", "en")
            );
            let (a, b) = (&doc.files[0].units[0], &back.files[0].units[0]);
            assert_eq!(b.id, a.id);
            assert_eq!(b.fingerprint, a.fingerprint);
            assert_eq!(b.state, State::Translated);
            let md = |p: &[Piece]| crate::translate::text::canonical(p);
            assert_eq!(md(&b.source), md(&a.source));
            assert_eq!(
                md(b.target.as_ref().unwrap()),
                md(a.target.as_ref().unwrap())
            );
        }
    }

    #[test]
    fn tool_forms_of_codes_are_read_against_the_source() {
        let x = "<xliff version=\"1.2\"><file original=\"a\" source-language=\"fr\" target-language=\"en\"><body>\
            <trans-unit id=\"u\"><source>A <bpt id=\"1\">**</bpt>b<ept id=\"1\">**</ept> <ph id=\"2\">[^1]</ph></source>\
            <target>A <g id=\"1\">B</g> <x id=\"2\"/></target></trans-unit></body></file></xliff>";
        let r = parse(x);
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        let u = &r.doc.unwrap().files[0].units[0];
        let t = crate::translate::text::to_markdown(
            u.target.as_ref().unwrap(),
            crate::translate::segment::UnitKind::Paragraph,
            false,
        );
        assert_eq!(t, "A **B** [^1]");
    }

    #[test]
    fn broken_codes_and_xml_are_located() {
        let x = "<xliff version=\"1.2\"><file original=\"a\" source-language=\"fr\" target-language=\"en\"><body>\
            <trans-unit id=\"u\"><source>A <bpt id=\"1\">*</bpt>b<ept id=\"1\">*</ept></source>\
            <target>A <ept id=\"1\">*</ept>b</target></trans-unit></body></file></xliff>";
        let r = parse(x);
        assert_eq!(r.diagnostics[0].rule, "translate/broken-code");
        let r = parse("<xliff version=\"2.0\"><file id=\"f\"><unit id=\"u\"></file></xliff>");
        assert_eq!(r.diagnostics[0].rule, "translate/xliff-malformed");
        assert!(r.doc.is_none());
        let r = parse("<xliff version=\"3.0\"/>");
        assert_eq!(r.diagnostics[0].rule, "translate/xliff-version");
    }

    #[test]
    fn a_file_cut_short_is_malformed_at_its_end() {
        let whole = "<xliff version=\"2.0\" srcLang=\"fr\" trgLang=\"en\">\n<file id=\"f\">\
            <unit id=\"a\"><segment><source>A</source><target>A</target></segment></unit>\n\
            <unit id=\"b\"><segment><source>B</source><target>B</target></segment></unit>\n\
            </file>\n</xliff>\n";
        assert!(parse(whole).diagnostics.is_empty());
        // Cut after the first unit: quick-xml sees a plain end of input.
        let cut = &whole[..whole.find("</unit>").unwrap() + "</unit>".len()];
        let r = parse(cut);
        assert!(r.doc.is_none());
        assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
        let d = &r.diagnostics[0];
        assert_eq!(d.rule, "translate/xliff-malformed");
        assert!(
            d.message.contains("`<file>` (opened on line 2)"),
            "{}",
            d.message
        );
        match d.location {
            Some(crate::diag::Location::Span(s)) => assert_eq!(s.range(), cut.len()..cut.len()),
            ref other => panic!("{other:?}"),
        }
        // Inside a target's text, and just after the root opened.
        let r = parse(&whole[..whole.find("B</target>").unwrap()]);
        assert!(r.diagnostics[0].message.contains("`<target>`"));
        assert!(r.doc.is_none());
        let r = parse(&whole[..whole.find('\n').unwrap()]);
        assert!(
            r.diagnostics[0]
                .message
                .contains("`<xliff>` (opened on line 1)")
        );
    }
}
