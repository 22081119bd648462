//! Translation units that used to escape translators: the answers of procedure decisions,
//! the notes of facts to verify; and unit identity when the source gains blocks.

use crate::common::{TempProject, copy_dir, fixture, require_python_modules};
use crate::translate::{errors_of_check, export, import, project, read, translate_by_script};

/// `xliff` with the target of unit `id` replaced by `target` (XML text).
fn set_target(xliff: &str, id: &str, target: &str) -> String {
    let start = xliff
        .find(&format!("<unit id=\"{id}\""))
        .unwrap_or_else(|| panic!("no unit {id} in {xliff}"));
    let end = start + xliff[start..].find("</unit>").unwrap();
    let unit = &xliff[start..end];
    let new_unit = match (unit.find("<target>"), unit.find("</target>")) {
        (Some(a), Some(b)) => format!("{}<target>{target}{}", &unit[..a], &unit[b..]),
        _ => unit.replace(
            "</source>",
            &format!("</source>\n    <target>{target}</target>"),
        ),
    }
    .replace("state=\"initial\"", "state=\"translated\"");
    format!("{}{new_unit}{}", &xliff[..start], &xliff[end..])
}

/// The text between `<source>` and `</source>` of unit `id`.
fn source_of<'a>(xliff: &'a str, id: &str) -> &'a str {
    let start = xliff.find(&format!("<unit id=\"{id}\"")).unwrap();
    let unit = &xliff[start..start + xliff[start..].find("</unit>").unwrap()];
    let s = unit.find("<source>").unwrap() + "<source>".len();
    &unit[s..s + unit[s..].find("</source>").unwrap()]
}

/// The target of unit `id`, if any.
fn target_of<'a>(xliff: &'a str, id: &str) -> Option<&'a str> {
    let start = xliff.find(&format!("<unit id=\"{id}\""))?;
    let unit = &xliff[start..start + xliff[start..].find("</unit>").unwrap()];
    let s = unit.find("<target>")? + "<target>".len();
    Some(&unit[s..s + unit[s..].find("</target>").unwrap()])
}

/// Writes `xliff` to the project's export file, read and written again by Translate
/// Toolkit (as a CAT tool would save it) when it is installed.
fn save_through_toolkit(p: &TempProject, xliff: &str) {
    let path = p.root().join("xliff/sop-01.en.xlf");
    std::fs::write(&path, xliff).unwrap();
    if !require_python_modules("Translate Toolkit", &["translate.storage.xliff2"]) {
        return;
    }
    let script = "import sys\nfrom translate.storage import xliff2\nb = xliff2.Xliff2File.parsefile(open(sys.argv[1], 'rb'))\nopen(sys.argv[1], 'wb').write(bytes(b))\n";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn status_json(p: &TempProject) -> (i32, String) {
    let out = p.run(&[
        "translate",
        "status",
        "--lang",
        "en",
        "--format",
        "json",
        "--deny-stale",
    ]);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn build_html(p: &TempProject) {
    let out = p.run(&["build", "--format", "html"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn branch_labels_are_units_written_back_as_yaml_keys() {
    let p = TempProject::empty();
    copy_dir(&fixture("procedures"), p.root());
    let x = export(&p, &[]);
    // Each answer of a decision is a unit, filled from the translation's own key.
    assert_eq!(source_of(&x, "procedures.2.age.branch1"), "oui");
    assert_eq!(target_of(&x, "procedures.2.age.branch1"), Some("yes"));
    assert_eq!(source_of(&x, "procedures.2.consentement.branch2"), "non");
    // Answers YAML would misread unquoted: a comma in a flow mapping, a colon, a boolean.
    let x = set_target(&x, "procedures.2.age.branch1", "Yes, with a guardian");
    let x = set_target(&x, "procedures.2.consentement.branch1", "true");
    let x = set_target(&x, "procedures.2.consentement.branch2", "Not now: later");
    save_through_toolkit(&p, &x);
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 0, "{err}");
    let md = read(&p, "sop-sources/sop-01/en/01-procedures.md");
    assert!(
        md.contains("branches: {\"Yes, with a guardian\": enfant, no: consentement}"),
        "{md}"
    );
    assert!(
        md.contains("branches: {\"true\": orientation, \"Not now: later\": information}"),
        "{md}"
    );
    assert!(errors_of_check(&p).is_empty(), "{:?}", errors_of_check(&p));
    let (code, json) = status_json(&p);
    assert_eq!(code, 0, "{json}");
    // The English pages print the translated answers.
    build_html(&p);
    let page = read(&p, "build/html/en/sop-01/01-procedures.html");
    assert!(page.contains("Yes, with a guardian"), "{page}");
    assert!(page.contains("Not now: later"), "{page}");
    // An unchanged export imports to the same bytes.
    let again = export(&p, &[]);
    assert_eq!(
        target_of(&again, "procedures.2.age.branch1"),
        Some("Yes, with a guardian")
    );
    let md_before = read(&p, "sop-sources/sop-01/en/01-procedures.md");
    assert_eq!(import(&p, "xliff/sop-01.en.xlf", &[]).0, 0);
    assert_eq!(
        md_before,
        read(&p, "sop-sources/sop-01/en/01-procedures.md")
    );
    // A changed French answer makes its translation stale.
    let fr = read(&p, "sop-sources/sop-01/fr/01-procedures.md").replace(
        "{oui: enfant, non: consentement}",
        "{\"oui, mineure\": enfant, non: consentement}",
    );
    p.write("sop-sources/sop-01/fr/01-procedures.md", &fr);
    let (code, json) = status_json(&p);
    assert_eq!(code, 1, "{json}");
    assert!(
        json.contains("01-procedures.md#procedures.2.age.branch1"),
        "{json}"
    );
}

/// The fingerprint an older sopdoc recorded for a unit: its text with the codes between
/// private-use marks, as `translate::text::canonical` wrote it when notes stayed in codes.
fn legacy_fingerprint(canonical: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in canonical.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[test]
fn notes_to_verify_are_translated_text_and_round_trip() {
    let p = project();
    let fr = read(&p, "sop-sources/sop-01/fr/01-objet.md").replace(
        "[^1]: Une note",
        "La loi date du [12 juillet 2012](verify: \"Journal officiel, à confirmer\").\n\n[^1]: Une note",
    );
    p.write("sop-sources/sop-01/fr/01-objet.md", &fr);
    let x = export(&p, &[]);
    // The note is text of the unit, outside the link's codes.
    let source = source_of(&x, "s-1-1.4");
    assert!(
        source.contains("12 juillet 2012</pc>Journal officiel, à confirmer<ph "),
        "{source}"
    );
    assert!(x.contains("reviewers' note"), "{x}");
    // Translated like any text, a quote in it included.
    let x = translate_by_script(&x).replace(
        "JOURNAL OFFICIEL, À CONFIRMER",
        "OFFICIAL \"JOURNAL\", TO CONFIRM",
    );
    save_through_toolkit(&p, &x);
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 0, "{err}");
    let md = read(&p, "sop-sources/sop-01/en/01-objet.md");
    assert!(
        md.contains(
            "LA LOI DATE DU [12 JUILLET 2012](verify: \"OFFICIAL \\\"JOURNAL\\\", TO CONFIRM\")."
        ),
        "{md}"
    );
    assert!(errors_of_check(&p).is_empty(), "{:?}", errors_of_check(&p));
    build_html(&p);
    let page = read(&p, "build/html/en/sop-01/01-objet.html");
    assert!(
        page.contains("title=\"OFFICIAL &quot;JOURNAL&quot;, TO CONFIRM\""),
        "{page}"
    );
    let (code, json) = status_json(&p);
    assert_eq!(code, 0, "{json}");
    // The next export offers the translated note; importing it changes nothing.
    let again = export(&p, &[]);
    assert!(
        target_of(&again, "s-1-1.4")
            .unwrap()
            .contains("</pc>OFFICIAL \"JOURNAL\", TO CONFIRM<ph "),
        "{again}"
    );
    let before = read(&p, "sop-sources/sop-01/en/01-objet.md");
    assert_eq!(import(&p, "xliff/sop-01.en.xlf", &[]).0, 0);
    assert_eq!(before, read(&p, "sop-sources/sop-01/en/01-objet.md"));
    // A state recorded when the note was part of the code stays current.
    let old = legacy_fingerprint(
        "La loi date du \u{E000}[\u{E001}12 juillet 2012\u{E000}](verify: \"Journal officiel, à confirmer\")\u{E001}.",
    );
    let state_path = "sop-sources/sop-01/en/translation.yaml";
    let state = read(&p, state_path);
    let line = state
        .lines()
        .find(|l| l.contains("\"s-1-1.4\""))
        .unwrap()
        .to_string();
    let current = line.split('"').nth(3).unwrap().to_string();
    p.write(
        state_path,
        &state.replace(&line, &line.replace(&current, &old)),
    );
    let (code, json) = status_json(&p);
    assert_eq!(code, 0, "{json}");
    assert!(json.contains("\"stale\": 0"), "{json}");
}

/// The fixture translated by script, then a French paragraph inserted at the start of the
/// section `Portée` (before a paragraph, a table and a list that are translated).
fn translated_then_inserted() -> TempProject {
    let p = project();
    let x = export(&p, &[]);
    std::fs::write(
        p.root().join("xliff/sop-01.en.xlf"),
        translate_by_script(&x),
    )
    .unwrap();
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 0, "{err}");
    let fr = read(&p, "sop-sources/sop-01/fr/01-objet.md")
        .replace("## Portée\n\n", "## Portée\n\nUn paragraphe ajouté.\n\n");
    p.write("sop-sources/sop-01/fr/01-objet.md", &fr);
    p
}

#[test]
fn an_inserted_block_is_offered_no_neighbours_translation() {
    let p = translated_then_inserted();
    let (code, json) = status_json(&p);
    assert_eq!(code, 1, "{json}");
    assert!(
        json.contains("\"missing_units\": [\n        \"01-objet.md#s-1-1.1\"\n      ]"),
        "{json}"
    );
    assert!(json.contains("\"stale\": 0"), "{json}");
    let x = export(&p, &[]);
    // The new block: no target, to translate.
    assert_eq!(source_of(&x, "s-1-1.1"), "Un paragraphe ajouté.");
    assert_eq!(target_of(&x, "s-1-1.1"), None);
    // The blocks after it keep their own translations, current.
    assert!(
        target_of(&x, "s-1-1.2").unwrap().starts_with("VOIR "),
        "{x}"
    );
    assert_eq!(
        target_of(&x, "s-1-1.3.cap"),
        Some("ACTEURS DE L'ORIENTATION")
    );
    assert_eq!(target_of(&x, "s-1-1.4.1.1"), Some("PREMIER POINT ;"));
    let unit = &x[x.find("<unit id=\"s-1-1.3.cap\"").unwrap()..];
    assert!(
        unit[..unit.find("</unit>").unwrap()].contains("state=\"translated\""),
        "{unit}"
    );
}

#[test]
fn a_forced_import_after_new_blocks_keeps_every_translation() {
    let p = translated_then_inserted();
    // A CAT tool that sends back only the segments it touched: no targets at all here.
    let x = export(&p, &[]);
    let mut bare = String::new();
    let mut rest = x.as_str();
    while let Some(start) = rest.find("<target>") {
        let end = start + rest[start..].find("</target>").unwrap() + "</target>".len();
        bare.push_str(&rest[..start]);
        rest = &rest[end..];
    }
    bare.push_str(rest);
    save_through_toolkit(&p, &bare);
    // The translation no longer mirrors the source: only `--force` rebuilds it.
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("translate/structure"), "{err}");
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &["--force"]);
    assert_eq!(code, 0, "{err}");
    let md = read(&p, "sop-sources/sop-01/en/01-objet.md");
    // Every translated block keeps its translation; the new one holds the source text…
    assert!(
        md.contains("## PORTÉE\n\nUn paragraphe ajouté.\n\nVOIR [](#tbl-acteurs)"),
        "{md}"
    );
    assert!(
        md.contains("Table: ACTEURS DE L'ORIENTATION {#tbl-acteurs}"),
        "{md}"
    );
    assert!(md.contains("| ONG | ACCUEILLIR \\| ORIENTER |"), "{md}");
    assert!(md.contains("- PREMIER POINT ;"), "{md}");
    assert!(md.contains("[^1]: UNE NOTE DE BAS DE PAGE."), "{md}");
    // … and counts as missing, never as a translation.
    let (code, json) = status_json(&p);
    assert_eq!(code, 1, "{json}");
    assert!(json.contains("\"missing\": 1,"), "{json}");
    assert!(json.contains("\"translated\": 15,"), "{json}");
    let x = export(&p, &[]);
    assert_eq!(target_of(&x, "s-1-1.1"), None);
    // Translated, it imports without `--force`: the translation mirrors the source again.
    let x = set_target(&x, "s-1-1.1", "AN ADDED PARAGRAPH.");
    save_through_toolkit(&p, &x);
    let (code, err) = import(&p, "xliff/sop-01.en.xlf", &[]);
    assert_eq!(code, 0, "{err}");
    let md = read(&p, "sop-sources/sop-01/en/01-objet.md");
    assert!(
        md.contains("## PORTÉE\n\nAN ADDED PARAGRAPH.\n\nVOIR "),
        "{md}"
    );
    let (code, json) = status_json(&p);
    assert_eq!(code, 0, "{json}");
    assert!(errors_of_check(&p).is_empty(), "{:?}", errors_of_check(&p));
}
