//! The translators' workflow: XLIFF export and import, state and status.

use std::path::Path;

use crate::common::{TempProject, copy_dir, fixture, require_python_modules};

pub(crate) fn project() -> TempProject {
    let p = TempProject::empty();
    copy_dir(&fixture("translate"), p.root());
    p
}

pub(crate) fn read(p: &TempProject, rel: &str) -> String {
    std::fs::read_to_string(p.root().join(rel)).unwrap()
}

/// A translator by script: every `<source>` gets a `<target>` whose text (outside the
/// inline codes) is upper-cased, and every segment becomes translated.
pub(crate) fn translate_by_script(xliff: &str) -> String {
    // Targets the export filled from the translation are replaced.
    let mut without = String::new();
    let mut rest = xliff;
    while let Some(start) = rest.find("<target") {
        let end = rest[start..].find("</target>").unwrap() + start + "</target>".len();
        without.push_str(&rest[..start]);
        rest = &rest[end..];
    }
    without.push_str(rest);
    let mut out = String::new();
    let mut rest = without.as_str();
    while let Some(start) = rest.find("<source>") {
        let end = rest[start..].find("</source>").unwrap() + start;
        let inner = &rest[start + "<source>".len()..end];
        let mut target = String::new();
        let mut in_tag = false;
        let mut in_code = false;
        let mut tag = String::new();
        for c in inner.chars() {
            if c == '<' {
                in_tag = true;
                tag.clear();
            }
            if in_tag {
                tag.push(c);
                target.push(c);
                if c == '>' {
                    in_tag = false;
                    // 1.2 codes carry Markdown as content: leave it alone.
                    if tag.starts_with("<bpt") || tag.starts_with("<ept") || tag.starts_with("<ph")
                    {
                        in_code = !tag.ends_with("/>");
                    } else if tag.starts_with("</bpt")
                        || tag.starts_with("</ept")
                        || tag.starts_with("</ph")
                    {
                        in_code = false;
                    }
                }
                continue;
            }
            if in_code {
                target.push(c);
            } else {
                target.extend(c.to_uppercase());
            }
        }
        // Keep entities valid: `&amp;` upper-cased would be `&AMP;`.
        let target = target
            .replace("&AMP;", "&amp;")
            .replace("&LT;", "&lt;")
            .replace("&GT;", "&gt;");
        out.push_str(&rest[..end + "</source>".len()]);
        out.push_str(&format!("<target>{target}</target>"));
        rest = &rest[end + "</source>".len()..];
    }
    out.push_str(rest);
    out.replace(
        "<segment state=\"initial\">",
        "<segment state=\"translated\">",
    )
}

pub(crate) fn snapshot_tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

pub(crate) fn export(p: &TempProject, extra: &[&str]) -> String {
    let mut args = vec!["translate", "export", "--lang", "en"];
    args.extend_from_slice(extra);
    let out = p.run(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    read(p, "xliff/sop-01.en.xlf")
}

pub(crate) fn import(p: &TempProject, file: &str, extra: &[&str]) -> (i32, String) {
    let path = p.root().join(file);
    let path = path.to_str().unwrap();
    let mut args = vec!["translate", "import", path];
    args.extend_from_slice(extra);
    let out = p.run(&args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub(crate) fn errors_of_check(p: &TempProject) -> Vec<String> {
    let (out, _) = p.check_short();
    out.lines()
        .filter(|l| l.contains(": error["))
        .map(str::to_string)
        .collect()
}

#[test]
fn export_xliff20_golden() {
    let p = project();
    let x = export(&p, &[]);
    insta::assert_snapshot!("translate_export_xliff20", x);
}

/// The structural rules of XLIFF 2.0 (OASIS core), checked with quick-xml's reader only
/// (not sopdoc's): well-formed; `version`, `srcLang`, `trgLang`; unique file ids; unique
/// unit ids per file; every unit has a segment with a source; inline codes have ids unique
/// in the unit and data references that exist in its `originalData`.
fn check_xliff20_structure(x: &str) {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    let mut r = Reader::from_str(x);
    let mut stack: Vec<String> = Vec::new();
    let mut file_ids = std::collections::HashSet::new();
    let mut unit_ids = std::collections::HashSet::new();
    let mut data_ids = std::collections::HashSet::new();
    let mut refs: Vec<String> = Vec::new();
    let mut code_ids: std::collections::HashMap<String, usize> = Default::default();
    let mut sources_in_unit = 0;
    let mut segments = 0;
    loop {
        let ev = r.read_event().expect("well-formed XML");
        let (e, empty) = match &ev {
            Event::Start(e) => (e.clone(), false),
            Event::Empty(e) => (e.clone(), true),
            Event::End(e) => {
                let local = e.local_name();
                let name: &str = local.as_ref();
                if name == "unit" {
                    assert!(
                        segments > 0 && sources_in_unit == segments,
                        "unit without segment/source"
                    );
                    for d in &refs {
                        assert!(data_ids.contains(d), "dataRef {d} without <data>");
                    }
                }
                if matches!(name, "source" | "target") {
                    // ids are unique per source and per target.
                    code_ids.clear();
                }
                stack.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let local = e.local_name();
        let name: &str = local.as_ref();
        let attr = |k: &str| {
            e.attributes()
                .flatten()
                .find(|a| {
                    let key: &str = a.key.as_ref();
                    key == k
                })
                .map(|a| a.value.to_string())
        };
        match name {
            "xliff" => {
                assert_eq!(attr("version").as_deref(), Some("2.0"));
                assert!(attr("srcLang").is_some() && attr("trgLang").is_some());
                assert_eq!(
                    attr("xmlns").as_deref(),
                    Some("urn:oasis:names:tc:xliff:document:2.0")
                );
            }
            "file" => {
                assert!(
                    file_ids.insert(attr("id").expect("file id")),
                    "duplicate file id"
                );
                unit_ids.clear();
            }
            "unit" => {
                let id = attr("id").expect("unit id");
                assert!(!id.contains(['/', ' ']), "unit id {id} is not an NMTOKEN");
                assert!(unit_ids.insert(id), "duplicate unit id");
                data_ids.clear();
                refs.clear();
                sources_in_unit = 0;
                segments = 0;
            }
            "segment" => {
                segments += 1;
                if let Some(s) = attr("state") {
                    assert!(["initial", "translated", "reviewed", "final"].contains(&s.as_str()));
                }
            }
            "source" => {
                assert_eq!(stack.last().map(String::as_str), Some("segment"));
                sources_in_unit += 1;
            }
            "data" => assert!(data_ids.insert(attr("id").expect("data id"))),
            "pc" | "ph" => {
                let id = attr("id").expect("code id");
                *code_ids.entry(id.clone()).or_default() += 1;
                assert_eq!(code_ids[&id], 1, "code id {id} used twice");
                for k in ["dataRef", "dataRefStart", "dataRefEnd"] {
                    if let Some(d) = attr(k) {
                        refs.push(d);
                    }
                }
            }
            _ => {}
        }
        if !empty {
            stack.push(name.to_string());
        }
    }
    assert!(!file_ids.is_empty());
}

#[test]
fn xliff20_follows_the_core_structure() {
    let p = project();
    let x = export(&p, &[]);
    check_xliff20_structure(&x);
    let translated = translate_by_script(&x);
    check_xliff20_structure(&translated);
}

#[test]
fn round_trip_builds_with_parity_and_is_byte_identical() {
    let p = project();
    let x = export(&p, &[]);
    std::fs::write(
        p.root().join("xliff/sop-01.en.xlf"),
        translate_by_script(&x),
    )
    .unwrap();
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 0, "{err}");
    let md = read(&p, "sop-sources/sop-01/en/01-objet.md");
    assert!(md.contains("# OBJET {#objet}"), "{md}");
    assert!(md.contains("*VICTIMES*"), "{md}");
    assert!(md.contains("[](#tbl-acteurs)"), "{md}");
    assert!(md.contains("{#tbl-acteurs}"), "{md}");
    assert!(md.contains("[^1]: UNE NOTE"), "{md}");
    assert!(md.contains("title: \"OBJET DE LA PROCÉDURE\""), "{md}");
    assert!(md.contains("ACCUEILLIR \\| ORIENTER"), "{md}");
    assert!(md.contains("\\*TEXTE\\*"), "{md}");
    assert!(errors_of_check(&p).is_empty(), "{:?}", errors_of_check(&p));
    assert!(!p.check_short().0.contains("translate/"));

    // Export again: the targets are the imported text, unchanged.
    let again = export(&p, &[]);
    let translated = translate_by_script(&x);
    let targets = |s: &str| -> Vec<String> {
        s.split("<target>")
            .skip(1)
            .map(|t| t.split("</target>").next().unwrap().to_string())
            .collect()
    };
    assert_eq!(targets(&again), targets(&translated));
    // And importing that export changes no byte.
    let before = snapshot_tree(&p.root().join("sop-sources"));
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(before, snapshot_tree(&p.root().join("sop-sources")));
}

#[test]
fn hand_written_translation_survives_an_unchanged_round_trip() {
    let p = project();
    // A translation written by hand, wrapped differently from the source.
    let src = read(&p, "sop-sources/sop-01/fr/01-objet.md");
    let en = src
        .replace("Cette procédure décrit", "This procedure\ndescribes")
        .replace("Police", "Police   force");
    p.write("sop-sources/sop-01/en/01-objet.md", &en);
    for version in ["2.0", "1.2"] {
        export(&p, &["--xliff", version]);
        let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(read(&p, "sop-sources/sop-01/en/01-objet.md"), en);
    }
}

#[test]
fn xliff12_round_trip() {
    let p = project();
    let x = export(&p, &["--xliff", "1.2"]);
    assert!(x.contains("version=\"1.2\""));
    assert!(x.contains("<bpt id=\"1\" ctype=\"italic\">*</bpt>"));
    std::fs::write(
        p.root().join("xliff/sop-01.en.xlf"),
        translate_by_script(&x),
    )
    .unwrap();
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 0, "{err}");
    let md = read(&p, "sop-sources/sop-01/en/01-objet.md");
    assert!(
        md.contains("[SITE DE L'OIM](https://www.iom.int \"OIM\")"),
        "{md}"
    );
    assert!(errors_of_check(&p).is_empty(), "{:?}", errors_of_check(&p));
}

#[test]
fn stale_units_are_reported_by_status_and_check() {
    let p = project();
    let x = export(&p, &[]);
    std::fs::write(
        p.root().join("xliff/sop-01.en.xlf"),
        translate_by_script(&x),
    )
    .unwrap();
    assert_eq!(import(&p, "xliff/sop-01.en.xlf", &[]).0, 0);
    assert!(read(&p, "sop-sources/sop-01/en/translation.yaml").contains("\"objet.h\": ["));
    let out = p.run(&["translate", "status", "--format", "json", "--deny-stale"]);
    assert_eq!(out.status.code(), Some(0));
    let src = read(&p, "sop-sources/sop-01/fr/01-objet.md")
        .replace("Premier point", "Tout premier point");
    p.write("sop-sources/sop-01/fr/01-objet.md", &src);
    let out = p.run(&["translate", "status", "--format", "json", "--deny-stale"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["documents"][0];
    assert_eq!(d["stale"], 1);
    assert_eq!(d["words_changed"], 4);
    assert_eq!(d["stale_units"][0], "01-objet.md#s-1-1.3.1.1");
    let (short, _) = p.check_short();
    assert!(
        short.contains("sop-sources/sop-01/en/01-objet.md:19:3: warning[translate/stale]"),
        "{short}"
    );
    // The HTML marks the passage for reviewers.
    let out = p.run(&["build", "--format", "html"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = read(&p, "build/html/en/sop-01/01-objet.html");
    let marked = page
        .split("<div class=\"stale\"")
        .nth(1)
        .expect("a stale mark");
    assert!(
        marked
            .split("</div>")
            .next()
            .unwrap()
            .contains("PREMIER POINT"),
        "{marked}"
    );
    assert_eq!(page.matches("class=\"stale\"").count(), 1);
    // The export flags it for the translator.
    let x = export(&p, &[]);
    assert!(x.contains("the source text changed since this translation was made"));
}

#[test]
fn hand_edits_since_the_export_are_conflicts() {
    let p = project();
    let x = export(&p, &[]);
    std::fs::write(
        p.root().join("xliff/sop-01.en.xlf"),
        translate_by_script(&x),
    )
    .unwrap();
    assert_eq!(import(&p, "xliff/sop-01.en.xlf", &[]).0, 0);
    let x = export(&p, &[]);
    let edited = read(&p, "sop-sources/sop-01/en/01-objet.md").replace("POLICE", "Police (edited)");
    p.write("sop-sources/sop-01/en/01-objet.md", &edited);
    std::fs::write(
        p.root().join("xliff/sop-01.en.xlf"),
        x.replace("<target>ONG</target>", "<target>NGO</target>"),
    )
    .unwrap();
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 1);
    assert!(err.contains("error[translate/conflict]"), "{err}");
    assert_eq!(read(&p, "sop-sources/sop-01/en/01-objet.md"), edited);
    // The unit that was not edited in the XLIFF keeps the hand edit; `--force` goes on.
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &["--force"]);
    assert_eq!(code, 0, "{err}");
    let md = read(&p, "sop-sources/sop-01/en/01-objet.md");
    assert!(md.contains("| NGO |"), "{md}");
}

#[test]
fn bad_xliff_is_reported_in_the_file_and_nothing_is_written() {
    let p = project();
    let x = export(&p, &[]);
    let t = translate_by_script(&x);
    let cases = [
        (
            t.replacen("</source>", "</sourc>", 1),
            "translate/xliff-malformed",
        ),
        (
            t.replace("id=\"objet.1\"", "id=\"objet.99\""),
            "translate/unknown-unit",
        ),
        (
            t.replace("trgLang=\"en\"", "trgLang=\"de\""),
            "translate/wrong-language",
        ),
        (
            t.replacen("dataRefStart=\"d1\"", "dataRefStart=\"d9\"", 2),
            "translate/broken-code",
        ),
        (
            t.replacen(
                "<target>CETTE",
                "<target><ph id=\"9\" dataRef=\"d9\"/>CETTE",
                1,
            )
            .replacen(
                "<originalData>",
                "<originalData><data id=\"d9\">&lt;script&gt;</data>",
                1,
            ),
            "translate/broken-code",
        ),
        ("not xml at all".to_string(), "translate/xliff-malformed"),
        (
            t.replace("<unit id=\"s-1-1.h\"", "<unit id=\"objet.h\""),
            "translate/xliff-malformed",
        ),
    ];
    for (text, rule) in cases {
        std::fs::write(p.root().join("xliff/bad.xlf"), &text).unwrap();
        let (code, err) = import(&p, "xliff/bad.xlf", &[]);
        assert_eq!(code, 1, "{rule}: {err}");
        assert!(err.contains(&format!("[{rule}]")), "{rule}: {err}");
        assert!(err.contains("--> xliff/bad.xlf:"), "{rule}: {err}");
        assert!(!p.root().join("sop-sources/sop-01/en").exists(), "{rule}");
    }
}

/// An XLIFF file cut anywhere (an interrupted download or save), XLIFF 2.0 and 1.2: every
/// prefix short of the closing `</xliff>` is refused as malformed, at a place in the
/// file, and nothing is written. A cut between two units used to import the first half.
#[test]
fn a_truncated_xliff_is_refused_and_nothing_is_written() {
    let p = project();
    for version in ["2.0", "1.2"] {
        let t = translate_by_script(&export(&p, &["--xliff", version]));
        let end = t.rfind("</xliff>").unwrap();
        // Every cut point at a char boundary, about 30 per file, plus the cut that
        // breaks the file exactly between two units (the case that used to import).
        let between = t
            .find("</unit>")
            .or_else(|| t.find("</trans-unit>"))
            .unwrap();
        let between = between + t[between..].find('>').unwrap() + 1;
        let mut cuts: Vec<usize> = (0..end).step_by(end / 30 + 1).collect();
        cuts.extend([between, end, end + "</xliff".len()]);
        for cut in cuts {
            let cut = (0..=cut).rev().find(|&c| t.is_char_boundary(c)).unwrap();
            std::fs::write(p.root().join("xliff/cut.xlf"), &t[..cut]).unwrap();
            let (code, err) = import(&p, "xliff/cut.xlf", &[]);
            assert_eq!(code, 1, "{version}, cut at {cut}: {err}");
            assert!(
                err.contains("error[translate/xliff-malformed]"),
                "{version}, cut at {cut}: {err}"
            );
            assert!(
                err.contains("--> xliff/cut.xlf:"),
                "{version}, {cut}: {err}"
            );
            assert!(!p.root().join("sop-sources/sop-01/en").exists(), "{cut}");
        }
        // Between two units, the message says the file is cut short and where the
        // unclosed element began.
        std::fs::write(p.root().join("xliff/cut.xlf"), &t[..between]).unwrap();
        let (_, err) = import(&p, "xliff/cut.xlf", &[]);
        assert!(err.contains("cut short"), "{err}");
        let lines = t[..between].lines().count();
        assert!(
            err.contains(&format!("--> xliff/cut.xlf:{lines}:")),
            "{lines}: {err}"
        );
    }
    // The whole file still imports.
    let t = translate_by_script(&export(&p, &[]));
    std::fs::write(p.root().join("xliff/cut.xlf"), &t).unwrap();
    assert_eq!(import(&p, "xliff/cut.xlf", &[]).0, 0);
}

#[test]
fn unknown_language_and_document_are_usage_errors() {
    let p = project();
    let out = p.run(&["translate", "export", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    let out = p.run(&["translate", "export", "--lang", "en", "--doc", "sop-99"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Translate Toolkit (installed by scripts/install-test-deps.sh) reads our XLIFF 1.2 and
/// 2.0, and counts the same units as we do.
#[test]
fn translate_toolkit_reads_our_xliff() {
    if !require_python_modules(
        "Translate Toolkit",
        &["translate.storage.xliff", "translate.storage.xliff2"],
    ) {
        return;
    }
    let p = project();
    let x20 = export(&p, &[]);
    std::fs::write(
        p.root().join("xliff/sop-01.en.xlf"),
        translate_by_script(&x20),
    )
    .unwrap();
    assert_eq!(import(&p, "xliff/sop-01.en.xlf", &[]).0, 0);
    let x20_dir = p.root().join("x20");
    let x12_dir = p.root().join("x12");
    export(&p, &["--out", x20_dir.to_str().unwrap()]);
    export(&p, &["--xliff", "1.2", "--out", x12_dir.to_str().unwrap()]);
    let units = x20.matches("<unit ").count();
    let script = r#"
import sys
from translate.storage import xliff, xliff2
a = xliff.xlifffile.parsefile(open(sys.argv[1], 'rb'))
b = xliff2.Xliff2File.parsefile(open(sys.argv[2], 'rb'))
ua = [u for u in a.units if not u.isheader()]
ub = [u for u in b.units if not u.isheader()]
print(len(ua), sum(1 for u in ua if u.istranslated()), len(ub))
print(ua[0].getid(), ua[0].target)
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(p.root().join("x12/sop-01.en.xlf"))
        .arg(p.root().join("x20/sop-01.en.xlf"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next(),
        Some(format!("{units} {units} {units}").as_str())
    );
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with("title OBJET DE LA PROCÉDURE"),
        "{stdout}"
    );
}

#[test]
fn termbase_is_tbx_that_translate_toolkit_reads() {
    let p = project();
    let out = p.run(&["translate", "termbase", "--lang", "en"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tbx = read(&p, "xliff/termbase.en.tbx");
    assert!(tbx.contains("<martif type=\"TBX-Basic\" xml:lang=\"fr\">"));
    assert!(tbx.contains("<term>IOM</term>\n      <termNote type=\"termType\">acronym</termNote>"));
    assert!(tbx.contains(
        "<descrip type=\"definition\">Putting a victim in contact with a service.</descrip>"
    ));
    assert_eq!(tbx.matches("<termEntry ").count(), 3);
    if !require_python_modules("Translate Toolkit", &["translate.storage.tbx"]) {
        return;
    }
    let script = r#"
import sys
from translate.storage import tbx
f = tbx.tbxfile.parsefile(open(sys.argv[1], 'rb'))
print(len([u for u in f.units if not u.isheader()]))
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(p.root().join("xliff/termbase.en.tbx"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "3");
}

#[test]
fn footnotes_defined_mid_file_and_nested_blocks_round_trip() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\nUne note[^a] ici.\n\n[^a]: Texte de la note.\n\n> [!NOTE]\n> Un *rappel* important.\n\nTerme\n: Sa définition.\n\n1. Étape un\n   - sous-point\n2. Étape deux\n\nFin du chapitre.\n",
    );
    let x = export(&p, &[]);
    for id in [
        "fn.a.1",
        "objet.2.1",
        "objet.3.1.t",
        "objet.3.1.d1.1",
        "objet.4.1.2.1.1",
        "objet.5",
    ] {
        assert!(x.contains(&format!("<unit id=\"{id}\"")), "{id}: {x}");
    }
    std::fs::write(
        p.root().join("xliff/sop-01.en.xlf"),
        translate_by_script(&x),
    )
    .unwrap();
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        read(&p, "sop-sources/sop-01/en/01-objet.md"),
        "# OBJET {#objet}\n\nUNE NOTE[^a] ICI.\n\n[^a]: TEXTE DE LA NOTE.\n\n> [!NOTE]\n> UN *RAPPEL* IMPORTANT.\n\nTERME\n: SA DÉFINITION.\n\n1. ÉTAPE UN\n   - SOUS-POINT\n2. ÉTAPE DEUX\n\nFIN DU CHAPITRE.\n"
    );
    assert!(errors_of_check(&p).is_empty(), "{:?}", errors_of_check(&p));
}

#[test]
fn a_translation_without_front_matter_title_still_imports() {
    let p = project();
    let src = read(&p, "sop-sources/sop-01/fr/01-objet.md");
    let body = src.splitn(3, "---\n").nth(2).unwrap().to_string();
    let en = body.replace("Cette procédure", "This procedure");
    p.write("sop-sources/sop-01/en/01-objet.md", &en);
    let x = export(&p, &[]);
    std::fs::write(
        p.root().join("xliff/sop-01.en.xlf"),
        translate_by_script(&x),
    )
    .unwrap();
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &["--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning[translate/structure]"), "{err}");
    let md = read(&p, "sop-sources/sop-01/en/01-objet.md");
    assert!(md.starts_with("# OBJET {#objet}"), "{md}");
}

#[test]
fn procedure_texts_are_units_and_round_trip_as_yaml() {
    let p = TempProject::empty();
    copy_dir(&fixture("procedures"), p.root());
    // The fixture's own translation survives an unchanged round trip.
    let before = snapshot_tree(&p.root().join("sop-sources"));
    let x = export(&p, &[]);
    assert!(
        x.contains("<unit id=\"procedures.2.reperage.action\""),
        "{x}"
    );
    assert!(x.contains("<unit id=\"procedures.2.age.question\""), "{x}");
    assert!(x.contains("<unit id=\"procedures.2.enfant.out2\""), "{x}");
    assert!(x.contains("<unit id=\"procedures.2.age.branch1\""), "{x}");
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 0, "{err}");
    let after: Vec<_> = snapshot_tree(&p.root().join("sop-sources"))
        .into_iter()
        .filter(|(f, _)| !f.ends_with("translation.yaml"))
        .collect();
    assert_eq!(before, after);
    // A new translation from the source: texts are written back as quoted YAML values.
    std::fs::remove_dir_all(p.root().join("sop-sources/sop-01/en")).unwrap();
    let x = export(&p, &[]);
    std::fs::write(
        p.root().join("xliff/sop-01.en.xlf"),
        translate_by_script(&x),
    )
    .unwrap();
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 0, "{err}");
    let md = read(&p, "sop-sources/sop-01/en/01-procedures.md");
    assert!(
        md.contains("title: \"IDENTIFICATION ET ORIENTATION INITIALE\""),
        "{md}"
    );
    assert!(md.contains("action: \"REPÉRER UNE VICTIME POTENTIELLE À L'AIDE DES INDICATEURS DE L'[](#indicateurs).\""), "{md}");
    assert!(md.contains("outputs: [\"FICHE DE SIGNALEMENT\"]"), "{md}");
    assert!(
        md.contains("decision: \"LA PERSONNE EST-ELLE MINEURE ?\""),
        "{md}"
    );
    // Branch labels are units too: written back as YAML keys, the targets untouched.
    assert!(
        md.contains("branches: {OUI: enfant, NON: consentement}"),
        "{md}"
    );
    // The matrix's caption is text to translate; its id stays inside the new quotes.
    let annex = read(&p, "sop-sources/sop-01/en/02-annexe.md");
    assert!(
        annex.contains("caption: \"QUI FAIT QUOI {#tbl-matrice}\""),
        "{annex}"
    );
    assert!(errors_of_check(&p).is_empty(), "{:?}", errors_of_check(&p));
}

/// The state of a chapter deleted from the source goes at the next import.
#[test]
fn a_deleted_chapter_leaves_the_translation_state() {
    let p = project();
    p.write(
        "sop-sources/sop-01/fr/02-suite.md",
        "# Suite {#suite}\n\nUn second chapitre.\n",
    );
    let x = export(&p, &[]);
    std::fs::write(
        p.root().join("xliff/sop-01.en.xlf"),
        translate_by_script(&x),
    )
    .unwrap();
    assert_eq!(import(&p, "xliff/sop-01.en.xlf", &[]).0, 0);
    let state = "sop-sources/sop-01/en/translation.yaml";
    assert!(read(&p, state).contains("02-suite.md"));
    for lang in ["fr", "en"] {
        std::fs::remove_file(
            p.root()
                .join(format!("sop-sources/sop-01/{lang}/02-suite.md")),
        )
        .unwrap();
    }
    // An export of one chapter only: the state of the others would be carried over.
    let out = p.run(&["translate", "export", "--lang", "en"]);
    assert!(out.status.success());
    assert_eq!(import(&p, "xliff/sop-01.en.xlf", &[]).0, 0);
    let after = read(&p, state);
    assert!(!after.contains("02-suite.md"), "{after}");
    assert!(after.contains("01-objet.md"), "{after}");
}

/// The translator's loop: import, correct the same XLIFF in the CAT tool, import it again.
/// Text the first import wrote is not a hand edit. A dry run names the files it would write.
#[test]
fn a_corrected_xliff_imports_again() {
    let p = project();
    let x = export(&p, &[]);
    let first = translate_by_script(&x);
    std::fs::write(p.root().join("xliff/sop-01.en.xlf"), &first).unwrap();
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &["--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("would write sop-sources/sop-01/en/01-objet.md"),
        "{err}"
    );
    assert!(!p.root().join("sop-sources/sop-01/en/01-objet.md").exists());
    assert_eq!(import(&p, "xliff/sop-01.en.xlf", &[]).0, 0);
    let corrected = first.replacen("<target>", "<target>Corrected: ", 1);
    assert_ne!(corrected, first);
    std::fs::write(p.root().join("xliff/sop-01.en.xlf"), &corrected).unwrap();
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("translate/conflict"), "{err}");
    assert!(read(&p, "sop-sources/sop-01/en/01-objet.md").contains("Corrected: "));
}

/// Whether XML 1.0 can carry `c` (its `Char` production), written out here on its own.
fn xml_char(c: char) -> bool {
    matches!(c as u32, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// A control character and U+FFFF in a chapter and in the glossary: the XLIFF, TBX and
/// Word files carry U+FFFD in their place, so a strict XML reader still opens them.
#[test]
fn characters_xml_forbids_never_reach_the_xml_files() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\nUne cloche \u{7} ici et \u{FFFF} là.\n",
    );
    p.write(
        "sop-sources/glossary.yaml",
        "terms:\n  - id: t1\n    term: {fr: \"Terme\", en: \"Term\"}\n    definition: {fr: \"Déf \\a x\", en: \"Def \\a x\"}\n",
    );
    for args in [
        &["translate", "export", "--lang", "en"][..],
        &["translate", "termbase", "--lang", "en"],
        &["build", "--format", "docx"],
    ] {
        let out = p.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let docx = std::fs::read(p.root().join("build/docx/sop-01-fr.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut document = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").unwrap(),
        &mut document,
    )
    .unwrap();
    for (name, text) in [
        ("xliff", read(&p, "xliff/sop-01.en.xlf")),
        ("tbx", read(&p, "xliff/termbase.en.tbx")),
        ("docx", document),
    ] {
        assert!(text.chars().all(xml_char), "{name}: {text}");
        assert!(text.contains('\u{FFFD}'), "{name}: {text}");
    }
}

/// A dry run that fails says "nothing was written" after the errors it speaks of, not
/// before them (issue 18).
#[test]
fn a_failed_dry_run_says_nothing_was_written_after_the_errors() {
    let p = project();
    let x = export(&p, &[]);
    let broken =
        translate_by_script(&x).replacen("<target>", "<target><ph id=\"99\" dataRef=\"d99\"/>", 1);
    std::fs::write(p.root().join("xliff/sop-01.en.xlf"), &broken).unwrap();
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &["--dry-run"]);
    assert_ne!(code, 0, "{err}");
    let error = err.find("error[translate/broken-code]").expect(&err);
    let closing = err.find("nothing was written").expect(&err);
    assert!(error < closing, "{err}");
}

#[test]
fn signature_block_parties_are_units_and_round_trip_verbatim() {
    let p = project();
    let chapter = p.root().join("sop-sources/sop-01/fr/01-objet.md");
    let mut text = std::fs::read_to_string(&chapter).unwrap();
    text.push_str(
        "\n```signature\nLe ministre de la Justice\n  Le représentant de l’OIM *(Bamako)*\n\n```\n",
    );
    std::fs::write(&chapter, text).unwrap();
    let x = export(&p, &[]);
    assert!(x.contains("party1\""), "{x}");
    assert!(x.contains(">Le ministre de la Justice</source>"), "{x}");
    // A party is plain text: its asterisks are no emphasis code.
    assert!(
        x.contains(">Le représentant de l’OIM *(Bamako)*</source>"),
        "{x}"
    );
    std::fs::write(
        p.root().join("xliff/sop-01.en.xlf"),
        translate_by_script(&x),
    )
    .unwrap();
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 0, "{err}");
    let md = read(&p, "sop-sources/sop-01/en/01-objet.md");
    assert!(
        md.contains(
            "```signature\nLE MINISTRE DE LA JUSTICE\n  LE REPRÉSENTANT DE L’OIM *(BAMAKO)*\n\n```"
        ),
        "{md}"
    );
    assert!(errors_of_check(&p).is_empty(), "{:?}", errors_of_check(&p));
    // Unchanged, the round trip writes the same bytes and the parties are translated.
    let before = read(&p, "sop-sources/sop-01/en/01-objet.md");
    let x = export(&p, &[]);
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&p, "sop-sources/sop-01/en/01-objet.md"), before);
    assert!(x.contains(">LE MINISTRE DE LA JUSTICE</target>"), "{x}");
    let out = p.run(&["translate", "status", "--lang", "en", "--deny-stale"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
