//! The rule catalogue as users see it: `sopdoc rules`, `sopdoc explain`, and the README's
//! table, which must list exactly the catalogue.

use crate::common::{TempProject, sopdoc};

/// The README's rule table as the catalogue gives it.
fn expected_table() -> String {
    let mut out = String::from("| rule | level | what it checks |\n|---|---|---|\n");
    for r in sopdoc::diag::rules::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            r.id,
            r.level.as_str(),
            r.summary("en").replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn the_readme_table_is_the_catalogue() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = "<!-- rules:start -->\n";
    let end = "<!-- rules:end -->";
    let from = readme
        .find(start)
        .expect("README has the rules:start marker")
        + start.len();
    let to = readme[from..].find(end).expect("rules:end marker") + from;
    let expected = expected_table();
    assert!(
        readme[from..to] == expected,
        "the README's rule table differs from the catalogue (src/diag/rules.rs and locales/en/rules.yaml); replace it with:\n{expected}"
    );
}

#[test]
fn rules_lists_every_rule_and_explain_prints_one() {
    let out = sopdoc().arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for r in sopdoc::diag::rules::ALL {
        assert!(
            text.lines()
                .any(|l| l.starts_with(r.id) && l.contains(r.level.as_str())),
            "{} missing from `sopdoc rules`",
            r.id
        );
    }
    // The packs' rules are listed too.
    assert!(text.contains("style/iom-fr/traite-trafic"), "{text}");
    assert!(text.contains("typo/fr/"), "{text}");

    let out = sopdoc().args(["rules", "xref"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().all(|l| l.starts_with("xref/")), "{text}");

    let out = sopdoc()
        .args(["explain", "xref/outside-sources"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("sensitive-names file"), "{text}");

    let out = sopdoc()
        .args(["explain", "xref/unknwn-target"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `xref/unknown-target`"), "{err}");
}

#[test]
fn overrides_and_suppressions_are_validated_for_every_area() {
    let p = TempProject::minimal();
    p.write(
        "sopdoc.yaml",
        &format!(
            "{}rules:\n  xref/unknwn-target: off\n  structure: info\n  typo/fr: off\n",
            crate::common::MANIFEST
        ),
    );
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\n<!-- sopdoc-disable-next-line procedur/unknown-actor -->\nTexte.\n\n<!-- sopdoc-disable-next-line xref/unknown-target -->\nVoir [](#nulle-part).\n",
    );
    let (out, code) = p.check_short();
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("sopdoc.yaml:4:23: warning[meta/unknown-rule]: `xref/unknwn-target` in `rules:` names no rule"),
        "{out}"
    );
    assert!(
        out.contains("01-objet.md:3:1: warning[meta/unknown-rule]: `procedur/unknown-actor` in a sopdoc-disable comment names no rule"),
        "{out}"
    );
    assert!(
        out.contains("warning[meta/unknown-rule]: `xref/unknown-target` reports errors, which a comment cannot silence"),
        "{out}"
    );
    // An error is not silenced by a comment.
    assert!(
        out.contains("01-objet.md:7:6: error[xref/unknown-target]"),
        "{out}"
    );
    // Known areas are accepted.
    assert!(!out.contains("`structure`"), "{out}");
    assert!(!out.contains("`typo/fr`"), "{out}");
}

#[test]
fn a_comment_silences_a_warning_of_any_area() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\n<!-- sopdoc-disable-next-line parse/missing-alt -->\n![](image.png)\n",
    );
    p.write_bytes("sop-sources/sop-01/fr/image.png", b"\x89PNG\r\n\x1a\n");
    let (out, _) = p.check_short();
    assert!(!out.contains("parse/missing-alt"), "{out}");
}

#[test]
fn a_project_rule_pack_problem_is_located_in_its_file() {
    let p = TempProject::minimal();
    // A pattern that parses but whose automaton is far too large.
    let huge = "(\\\\w{1,100}){1,100}".repeat(5);
    p.write(
        "styles/rules/maison.yaml",
        &format!(
            "pack: maison\nlanguages: [fr]\nrules:\n  - id: ok\n    message: \"m\"\n    source: essai\n    confidence: synth\n    check: {{existence: {{tokens: [bof]}}}}\n  - id: enorme\n    message: \"m\"\n    source: essai\n    confidence: synth\n    check: {{existence: {{patterns: [\"{huge}\"]}}}}\n"
        ),
    );
    p.write(
        "styles/rules/casse.yaml",
        "pack: autre\nrules:\n  - id: x\n    mesage: oups\n",
    );
    let (out, code) = p.check_short();
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("styles/rules/maison.yaml:9:3: error[style/pack]: pack `maison`: rule `enorme`: its pattern is too large"),
        "{out}"
    );
    assert!(
        out.contains("styles/rules/casse.yaml:4:5: error[style/pack]"),
        "{out}"
    );
    assert!(out.contains("mesage"), "{out}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_rule_file_is_an_error_not_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let p = TempProject::minimal();
    p.write("styles/rules/maison.yaml", "pack: maison\nrules: []\n");
    let path = p.root().join("styles/rules/maison.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading. A folder with the
        // name of a rule file cannot be read as a file by anyone.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir_all(p.root().join("styles/rules/dossier.yaml")).unwrap();
    }
    let (out, code) = p.check_short();
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[style/pack]: this rule file cannot be read"),
        "{out}"
    );
}
