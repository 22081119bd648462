//! Issue 18's first-hour traps: one error per mistake, located where the mistake is, with
//! a hint a new author can act on.

use crate::common::TempProject;

const ACTORS: &str = "actors:\n  - id: police-nationale\n    type: law-enforcement\n    name: {fr: \"Police nationale\", en: \"National police\"}\n  - id: oim\n    type: international\n    name: {fr: \"OIM\", en: \"IOM\"}\n";

const PROCEDURE: &str = "# Objet {#objet}\n\n```procedure\nid: circuit\ntitle: Circuit\nsteps:\n  - id: a\n    actor: police-nationale\n    support: [oim]\n    action: Recevoir le signalement.\n    next: b\n  - id: b\n    actor: oim\n    action: Orienter la personne.\n    exit: Dossier clos\n```\n";

fn errors(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.contains(": error[")).collect()
}

#[test]
fn one_tab_in_a_registry_is_one_error_at_the_tab() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/actors.yaml",
        &ACTORS.replace("    type: international", "\ttype: international"),
    );
    p.write("sop-sources/sop-01/fr/01-objet.md", PROCEDURE);
    let (out, code) = p.check_short();
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        errors(&out),
        vec![
            "sop-sources/actors.yaml:6:1: error[meta/registry]: malformed YAML: a tab character where YAML allows only spaces"
        ],
        "{out}"
    );
    let human = p.run(&["check"]);
    let human = String::from_utf8_lossy(&human.stderr);
    assert!(human.contains("replace the tab with spaces"), "{human}");
}

#[test]
fn an_unreadable_legal_registry_does_not_make_every_reference_unknown() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/legal.yaml",
        "instruments:\n  - id: loi-1\n\tshort: \"Loi\"\n",
    );
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\nVoir [](legal:loi-1) et [](legal:loi-1).\n",
    );
    let (out, _) = p.check_short();
    let errs = errors(&out);
    assert_eq!(errs.len(), 1, "{out}");
    assert!(errs[0].starts_with("sop-sources/legal.yaml:3:1:"), "{out}");
}

#[test]
fn a_tab_in_a_procedure_fence_is_reported_at_its_line() {
    let p = TempProject::minimal();
    p.write("sop-sources/actors.yaml", ACTORS);
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        &PROCEDURE.replace("    next: b\n", "\tnext: b\n"),
    );
    let (out, _) = p.check_short();
    assert_eq!(
        errors(&out),
        vec![
            "sop-sources/sop-01/fr/01-objet.md:11:1: error[procedure/yaml]: malformed YAML: a tab character where YAML allows only spaces"
        ],
        "{out}"
    );
}

#[test]
fn a_broken_document_yaml_still_reports_the_chapters_errors() {
    let p = TempProject::minimal();
    p.write("sop-sources/actors.yaml", ACTORS);
    p.write(
        "sop-sources/sop-01/document.yaml",
        &crate::common::document_yaml("sop-01").replace("status:", "\tstatus:"),
    );
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        &PROCEDURE.replace("    next: b\n", "\tnext: b\n"),
    );
    let (out, _) = p.check_short();
    let errs = errors(&out);
    assert!(
        errs.iter()
            .any(|e| e.starts_with("sop-sources/sop-01/document.yaml:5:1: error[meta/document]")),
        "{out}"
    );
    assert!(
        errs.iter()
            .any(|e| e.starts_with("sop-sources/sop-01/fr/01-objet.md:11:1: error[procedure/yaml]")),
        "{out}"
    );
    assert_eq!(errs.len(), 2, "{out}");
}

#[test]
fn an_unknown_actor_with_no_close_match_lists_the_valid_ids() {
    let p = TempProject::minimal();
    p.write("sop-sources/actors.yaml", ACTORS);
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        &PROCEDURE.replace("    actor: oim\n", "    actor: gendarmerie\n"),
    );
    let out = p.run(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "procedure/unknown-actor")
        .expect("unknown actor reported")
        .clone();
    assert_eq!(
        d["hints"][0],
        "add `gendarmerie` to actors.yaml, or use one of its ids: `oim`, `police-nationale`"
    );
}

#[test]
fn an_invisible_fix_is_described_in_words_and_visible_in_the_diff() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\nLa personne est-elle mineure?\n",
    );
    let human = p.run(&["check"]);
    let human = String::from_utf8_lossy(&human.stderr);
    assert!(
        human.contains("= fix: insert a narrow no-break space before `?`"),
        "{human}"
    );
    let out = p.run(&["check", "--fix", "--dry-run"]);
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("+La personne est-elle mineure<U+202F>?\n"),
        "{diff}"
    );
    assert!(diff.contains("<U+202F> narrow no-break space"), "{diff}");
}

#[test]
fn human_output_lists_errors_before_warnings_and_infos() {
    let p = TempProject::minimal();
    // A warning (typography) in the first file, an error (unknown target) in the last.
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\nEst-elle mineure?\n",
    );
    p.write(
        "sop-sources/sop-01/fr/02-suite.md",
        "# Suite {#suite}\n\nVoir [](#nulle-part).\n",
    );
    let out = p.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stderr);
    let error = text.find("error[").expect("an error");
    let warning = text.find("warning[").expect("a warning");
    let info = text.find("info[").expect("an info");
    assert!(error < warning && warning < info, "{text}");
}

#[test]
fn lazy_continuation_is_quiet_on_the_bundled_collection() {
    // The guides' examples are checked with --deny-warnings by `guide.rs`; the collection
    // is the largest body of real, hard-wrapped lists there is.
    let out = crate::common::sopdoc()
        .arg("--project")
        .arg(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "short"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().count() > 10,
        "the collection was checked:\n{text}"
    );
    assert!(!text.contains("parse/lazy-continuation"), "{text}");
}

#[test]
fn a_paragraph_typed_after_a_list_is_reported_as_glued() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\n- Premier point.\n- Second point.\nCe paragraphe est collé.\n",
    );
    let (out, _) = p.check_short();
    assert!(
        out.contains("01-objet.md:5:1: warning[parse/lazy-continuation]"),
        "{out}"
    );
}

/// A fresh `sopdoc init --lang LANG` project in `dir/mes-pso`.
fn init_project(dir: &std::path::Path, lang: &str) -> std::path::PathBuf {
    let target = dir.join("mes-pso");
    let out = crate::common::sopdoc()
        .args(["init", "--lang", lang])
        .arg(&target)
        .env("SOURCE_DATE_EPOCH", "1764288000")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    target
}

fn run_in(root: &std::path::Path, args: &[&str]) -> std::process::Output {
    crate::common::sopdoc()
        .arg("--project")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

fn assert_clean(root: &std::path::Path) {
    let out = run_in(root, &["check", "--deny-warnings"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("0 errors, 0 warnings, 0 infos"), "{err}");
}

/// The untouched sample said 4 to 6 infos about its own sentences and its missing
/// translation (issue 18): `init` in French and `init --lang en` both check 0/0/0, and so
/// does a second SOP made with `sopdoc new`.
#[test]
fn a_fresh_init_project_is_clean_in_french_and_english() {
    for lang in ["fr", "en"] {
        let dir = tempfile::tempdir().unwrap();
        let root = init_project(dir.path(), lang);
        let manifest = std::fs::read_to_string(root.join("sopdoc.yaml")).unwrap();
        assert!(
            manifest.contains(&format!("languages: [{lang}]")),
            "{manifest}"
        );
        assert!(
            root.join(format!("sop-sources/sop-01/{lang}/07-procedures.md"))
                .exists()
        );
        assert!(root.join("sop-sources/bibliography.yaml").exists());
        assert_clean(&root);
        let out = run_in(&root, &["new", "sop-02"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            root.join(format!("sop-sources/sop-02/{lang}/01-objet.md"))
                .exists()
        );
        assert_clean(&root);
    }
}

/// `code` is one string or one per language; without it `sop-01` prints `PSO-01` in
/// French and `SOP-01` in English.
#[test]
fn the_document_code_follows_the_language() {
    for (lang, code, other) in [("fr", "PSO-01", "SOP-01"), ("en", "SOP-01", "PSO-01")] {
        let dir = tempfile::tempdir().unwrap();
        let root = init_project(dir.path(), lang);
        let yaml = root.join("sop-sources/sop-01/document.yaml");
        let doc = std::fs::read_to_string(&yaml).unwrap();
        assert!(
            doc.contains("code: {fr: \"PSO-01\", en: \"SOP-01\"}"),
            "{doc}"
        );
        // Without the line, the same code.
        let without: String = doc
            .lines()
            .filter(|l| !l.starts_with("code:"))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(&yaml, &without).unwrap();
        let out = run_in(&root, &["build", "--format", "html"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let page = || {
            std::fs::read_to_string(root.join(format!("build/html/{lang}/sop-01/index.html")))
                .unwrap()
        };
        let home = page();
        assert!(home.contains(code) && !home.contains(other), "{home}");
        // One string for every language.
        std::fs::write(&yaml, format!("{without}code: PNR-1\n")).unwrap();
        let out = run_in(&root, &["build", "--format", "html"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(page().contains("PNR-1"));
    }
}

/// "Convention relative aux droits de l’enfant : Convention relative aux droits de
/// l’enfant (1989)" said the name twice in the list of legal texts (issue 18).
#[test]
fn the_legal_texts_list_does_not_repeat_a_title() {
    let dir = tempfile::tempdir().unwrap();
    let root = init_project(dir.path(), "fr");
    let out = run_in(&root, &["build", "--format", "html", "--lang", "fr"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let home = std::fs::read_to_string(root.join("build/html/fr/sop-01/index.html")).unwrap();
    assert!(
        home.contains("<strong>Convention relative aux droits de l’enfant</strong> (1989)"),
        "{home}"
    );
    assert_eq!(
        home.matches("Convention relative aux droits de l’enfant")
            .count(),
        1
    );
}

/// Registry texts print in the documents, so French typography is checked there as in the
/// chapters, at the place and with the same fix; comments and English texts are left alone.
#[test]
fn registry_texts_follow_french_typography() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/legal.yaml",
        "# Convention d'exemple : un commentaire n'est pas imprimé.\ninstruments:\n  - id: cde\n    short: {fr: \"Convention relative aux droits de l'enfant\", en: \"Convention on the Rights of the Child\"}\n    long: {fr: \"Convention relative aux droits de l'enfant (1989)\", en: \"Children's convention\"}\n",
    );
    p.write(
        "sop-sources/glossary.yaml",
        "terms:\n  - id: orientation\n    term: {fr: \"orientation\", en: \"referral\"}\n    definition: {fr: \"Mise en relation : avec le service\", en: \"Referral: to a service\"}\n",
    );
    let (out, _) = p.check_short();
    let registry = |l: &&str| l.contains("glossary.yaml:") || l.contains("legal.yaml:");
    let yaml: Vec<&str> = out.lines().filter(registry).collect();
    assert_eq!(
        yaml,
        vec![
            "sop-sources/glossary.yaml:4:39: warning[typo/fr/espace-deux-points]: a no-break space (U+00A0) goes before `:` in French",
            "sop-sources/legal.yaml:4:53: info[typo/fr/apostrophe]: typographic apostrophe preferred: ’ instead of '",
            "sop-sources/legal.yaml:5:52: info[typo/fr/apostrophe]: typographic apostrophe preferred: ’ instead of '",
        ],
        "{out}"
    );
    let out = p.run(&["check", "--fix"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let legal = std::fs::read_to_string(p.root().join("sop-sources/legal.yaml")).unwrap();
    assert!(legal.starts_with("# Convention d'exemple :"), "{legal}");
    assert!(
        legal.contains("{fr: \"Convention relative aux droits de l’enfant\""),
        "{legal}"
    );
    assert!(legal.contains("en: \"Children's convention\""), "{legal}");
    let (out, _) = p.check_short();
    assert!(!out.lines().any(|l| registry(&l)), "{out}");
}
