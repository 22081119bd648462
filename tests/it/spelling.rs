//! Spelling through the real binary: French and British English chapters checked against
//! the shipped dictionaries, registries and word lists accepted, code, links, ids and
//! quotations left alone, safe fixes applied by `check --fix`.

use crate::common::TempProject;

const DOCUMENT: &str = "id: sop-01\nkind: sop\ntitle: {fr: \"Titre\", en: \"Title\"}\nversion: 0.1.0\nstatus: draft\ndate: 2026-11-28\nstructure: none\n";

const ACTORS: &str = "actors:\n  - id: dk\n    type: state\n    name: {fr: \"Direction Kalanbougou\", en: \"Kalanbougou Directorate\"}\n";

const FRENCH: &str = "# Objet {#objet-kalabancoro}\n\nCette procedure décrit l’accueil à Sanankoroba par la Direction Kalanbougou, au quartier Niamakoro, et l’écoute du dosier.\n\nVoir `fichierz.yaml` et <https://exemple.org/motinconnuz>.\n\nLe texte anglais dit « safeguarding the children ».\n";

const ENGLISH: &str = "# Purpose {#objet-kalabancoro}\n\nThis procedure organizes the referal of victims in Sanankoroba, as the Kalanbougou Directorate asks.\n";

fn project() -> TempProject {
    let p = TempProject::empty();
    p.write(
        "sopdoc.yaml",
        "title: {fr: \"Essai\", en: \"Test\"}\nlanguages: [fr, en]\n",
    );
    p.write("sop-sources/sop-01/document.yaml", DOCUMENT);
    p.write("sop-sources/actors.yaml", ACTORS);
    p.write("sop-sources/sop-01/fr/01-objet.md", FRENCH);
    p.write("sop-sources/sop-01/en/01-objet.md", ENGLISH);
    // One list for every language, one for French only.
    p.write("styles/words.txt", "# Places\nSanankoroba\n");
    p.write("styles/words.fr.txt", "niamakoro\n");
    p
}

fn spelling_lines(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.contains("[spelling/")).collect()
}

#[test]
fn misspellings_are_found_in_each_language_and_nothing_else_is() {
    let p = project();
    let (out, code) = p.check_short();
    assert_eq!(code, 0, "warnings only: {out}");
    let found = spelling_lines(&out);
    assert_eq!(
        found,
        [
            "sop-sources/sop-01/en/01-objet.md:3:30: warning[spelling/en]: `referal` is not in the British English dictionary",
            "sop-sources/sop-01/fr/01-objet.md:3:7: warning[spelling/fr]: `procedure` is not in the French dictionary",
            "sop-sources/sop-01/fr/01-objet.md:3:116: warning[spelling/fr]: `dosier` is not in the French dictionary",
        ],
        "{out}"
    );
    // Registries, both word lists (a lower-case entry accepts the capital), -ize, code,
    // links, heading ids and the quotation in English are never reported.
    for quiet in [
        "Kalanbougou",
        "Sanankoroba",
        "Niamakoro",
        "organizes",
        "fichierz",
        "motinconnuz",
        "kalabancoro",
        "safeguarding",
    ] {
        assert!(!out.contains(&format!("`{quiet}`")), "{quiet}: {out}");
    }
}

#[test]
fn misspellings_fail_deny_warnings_and_the_project_may_turn_a_language_off() {
    let p = project();
    let out = p.run(&["check", "--deny-warnings", "--format", "short"]);
    assert_eq!(out.status.code(), Some(1));
    p.write(
        "sopdoc.yaml",
        "title: {fr: \"Essai\", en: \"Test\"}\nlanguages: [fr, en]\nrules:\n  spelling/fr: off\n",
    );
    let (out, _) = p.check_short();
    let found = spelling_lines(&out);
    assert_eq!(found.len(), 1, "{out}");
    assert!(found[0].contains("spelling/en"), "{out}");
}

#[test]
fn check_fix_applies_only_safe_suggestions() {
    let p = project();
    let out = p.run(&["check", "--fix"]);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fr = std::fs::read_to_string(p.root().join("sop-sources/sop-01/fr/01-objet.md")).unwrap();
    // Same letters with an accent: safe, applied.
    assert!(fr.contains("Cette procédure décrit"), "{fr}");
    // Several candidates (`osier`, `dossier`, `doser`): listed, never applied blindly.
    assert!(fr.contains("du dosier."), "{fr}");
    let (out, _) = p.check_short();
    assert!(!out.contains("`procedure`"), "{out}");
}

#[test]
fn a_word_list_for_a_language_the_project_lacks_or_with_a_phrase_is_reported() {
    let p = project();
    p.write("styles/words.pt.txt", "palavra\n");
    p.write("styles/words.fr.txt", "niamakoro\nquartier Niamakoro\n");
    let (out, _) = p.check_short();
    assert!(
        out.contains("styles/words.pt.txt:1:1: warning[spelling/word-list]"),
        "{out}"
    );
    assert!(
        out.contains("styles/words.fr.txt:2:1: warning[spelling/word-list]"),
        "{out}"
    );
}
