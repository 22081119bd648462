//! `sopdoc diff`: two project folders and two git revisions, in every output format.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{TempProject, copy_dir, fixture, require_tool, sopdoc};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    sopdoc().current_dir(dir).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_of(out: &Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("one JSON object on stdout")
}

/// The section `id` of sop-01 in French.
fn section<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["documents"][0]["languages"][0]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no section {id} in {json:#}"))
}

fn words(runs: &serde_json::Value) -> String {
    runs.as_array()
        .unwrap()
        .iter()
        .map(|r| match r["op"].as_str().unwrap() {
            "insert" => format!("{{+{}+}}", r["text"].as_str().unwrap()),
            "delete" => format!("[-{}-]", r["text"].as_str().unwrap()),
            _ => r["text"].as_str().unwrap().to_string(),
        })
        .collect()
}

fn assert_fixture_changes(json: &serde_json::Value) {
    let doc = &json["documents"][0];
    assert_eq!(doc["id"], "sop-01");
    assert_eq!(doc["status"], "modified");
    let meta: Vec<(String, String, String)> = doc["metadata"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["field"].as_str().unwrap().into(),
                m["old"].as_str().unwrap().into(),
                m["new"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(meta.contains(&("version".into(), "0.1.0".into(), "0.2.0".into())));
    assert!(meta.contains(&("status".into(), "draft".into(), "review".into())));
    assert!(meta.contains(&("date".into(), "2026-11-28".into(), "2026-12-05".into())));

    // An edited paragraph: word-level change.
    let objet = section(json, "objet");
    assert_eq!(objet["status"], "modified");
    let para = &objet["blocks"][0];
    assert_eq!(para["kind"], "paragraph");
    assert_eq!(para["status"], "modified");
    assert_eq!(para["unit"], "objet.1");
    assert_eq!(
        words(&para["parts"][0]["words"]),
        "Cette procédure décrit l'orientation {+et la protection +}des victimes de la traite[^loi]."
    );

    // A list item and a table cell.
    let principes = section(json, "principes");
    assert_eq!(principes["old_number"], "1.2");
    assert_eq!(principes["new_number"], "1.1");
    let parts: Vec<(&str, String)> = principes["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|b| b["parts"].as_array().unwrap())
        .map(|p| (p["unit"].as_str().unwrap(), words(&p["words"])))
        .collect();
    assert_eq!(
        parts,
        [
            (
                "principes.2.2.1",
                "le consentement {+libre et +}éclairé ;".to_string()
            ),
            ("principes.3.r1c2", "Repérer{+ et signaler+}".to_string()),
        ]
    );

    // A moved section, unchanged otherwise.
    let portee = section(json, "portee");
    assert_eq!(portee["status"], "moved");
    assert_eq!(portee["moved"], true);

    // An added section and a removed paragraph.
    let donnees = section(json, "donnees");
    assert_eq!(donnees["status"], "added");
    assert_eq!(donnees["blocks"][0]["status"], "added");
    let consentement = section(json, "consentement");
    assert_eq!(consentement["blocks"][0]["status"], "removed");
    assert_eq!(
        words(&consentement["blocks"][0]["parts"][0]["words"]),
        "[-Un texte à retirer.-]"
    );

    // Procedure step texts.
    let procedures = section(json, "procedures");
    let step = &procedures["blocks"][0];
    assert_eq!(step["kind"], "procedure");
    let units: Vec<&str> = step["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["unit"].as_str().unwrap())
        .collect();
    assert_eq!(
        units,
        [
            "procedures.1.reperage.time",
            "procedures.1.orientation.action"
        ]
    );

    // A footnote is a section of its own.
    let note = section(json, "fn.loi");
    assert_eq!(
        words(&note["blocks"][0]["parts"][0]["words"]),
        "Loi n° 2012-023 du 12 juillet [-2012.-]{+2012, article 3.+}"
    );

    let summary = &json["summary"];
    assert_eq!(summary["sections_added"], 1);
    assert_eq!(summary["sections_moved"], 1);
    assert_eq!(summary["blocks_removed"], 1);
}

#[test]
fn diff_two_folders_as_json() {
    let dir = fixture("diff");
    let out = run_in(&dir, &["diff", "old", "new", "--format", "json"]);
    let json = json_of(&out);
    assert_eq!(json["version"], 1);
    assert_eq!(json["old"], "old");
    assert_eq!(json["new"], "new");
    assert_fixture_changes(&json);
}

#[test]
fn diff_text_snapshot() {
    let dir = fixture("diff");
    let out = run_in(&dir, &["diff", "old", "new"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains('\x1b'), "NO_COLOR: no escape codes");
    // Golden: the report of French documents is in French (headings, statuses, counts),
    // titled with the document, cross-references as the document prints them.
    insta::assert_snapshot!("diff_text_folders", text);
    assert!(text.contains("(voir section 1.2)") && !text.contains("[](#"));
}

/// The report speaks the documents' language whatever the interface's; the one
/// language asked for with `--lang` chooses it, and status lines stay in the interface's.
#[test]
fn the_report_speaks_the_documents_language() {
    let dir = fixture("diff");
    let out = run_in(&dir, &["diff", "old", "new", "--lang", "en"]);
    let text = stdout(&out);
    assert!(
        text.starts_with("SOP-01 — Referral of victims\nChanges from old to new\n"),
        "{text}"
    );
    assert!(
        text.contains("\n1 document changed; sections: 0 added"),
        "{text}"
    );
    let out = sopdoc()
        .current_dir(&dir)
        .env("SOPDOC_LANG", "en")
        .args(["diff", "old", "new", "--format", "html", "--out"])
        .arg(tempfile::tempdir().unwrap().path().join("r.html"))
        .output()
        .unwrap();
    assert!(stderr(&out).starts_with("wrote "), "{}", stderr(&out));
    let out = sopdoc()
        .current_dir(&dir)
        .env("SOPDOC_LANG", "fr")
        .args(["diff", "old", "new", "--format", "html", "--out"])
        .arg(tempfile::tempdir().unwrap().path().join("r.html"))
        .output()
        .unwrap();
    assert!(
        stderr(&out).starts_with("écrit\u{a0}: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn diff_colours_only_when_asked() {
    let dir = fixture("diff");
    let out = run_in(&dir, &["--color", "always", "diff", "old", "new"]);
    assert!(stdout(&out).contains("\x1b[32m"));
}

#[test]
fn identical_versions_exit_zero() {
    let dir = fixture("diff");
    let out = run_in(&dir, &["diff", "old", "old", "--format", "json"]);
    let json = json_of(&out);
    assert_eq!(json["documents"].as_array().unwrap().len(), 0);
    let out = run_in(&dir, &["diff", "old", "old"]);
    assert_eq!(out.status.code(), Some(0));
    // The report speaks the documents' language (French here).
    assert_eq!(stdout(&out), "Aucune différence de old à old.\n");
}

#[test]
fn filters_by_document_and_language() {
    let dir = fixture("diff");
    let out = run_in(
        &dir,
        &["diff", "old", "new", "--format", "json", "--lang", "en"],
    );
    let json = json_of(&out);
    // Only the metadata changed in a language the document does not have.
    assert_eq!(
        json["documents"][0]["languages"].as_array().unwrap().len(),
        0
    );
    assert_eq!(
        json["documents"][0]["metadata"].as_array().unwrap().len(),
        3
    );
    let out = run_in(&dir, &["diff", "old", "new", "--doc", "sop-99"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("sop-99"), "{}", stderr(&out));
    let out = run_in(
        &dir,
        &["diff", "old", "new", "--format", "json", "--doc", "sop-01"],
    );
    assert_fixture_changes(&json_of(&out));
}

#[test]
fn html_redline_escapes_user_text() {
    let dir = fixture("diff");
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("redline.html");
    let out = run_in(
        &dir,
        &[
            "diff",
            "old",
            "new",
            "--format",
            "html",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        !html.contains("<script"),
        "no script, and user text escaped"
    );
    assert!(html.contains("<ins>et la protection </ins>"));
    assert!(html.contains("<del>Un texte à retirer.</del>"));
    // The side list links to every changed section.
    assert!(html.contains("href=\"#d-sop-01-fr-donnees\""));
    assert!(html.contains("id=\"d-sop-01-fr-donnees\""));
    assert!(!html.contains("http"), "nothing fetched from the network");
}

#[test]
fn pdf_redline_is_written() {
    let dir = fixture("diff");
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("redline.pdf");
    let out = run_in(
        &dir,
        &[
            "diff",
            "old",
            "new",
            "--format",
            "pdf",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pdf = std::fs::read(&file).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // Same sources, same bytes.
    let again = tmp.path().join("again.pdf");
    run_in(
        &dir,
        &[
            "diff",
            "old",
            "new",
            "--format",
            "pdf",
            "--out",
            again.to_str().unwrap(),
        ],
    );
    assert_eq!(pdf, std::fs::read(&again).unwrap());
}

#[test]
fn an_unusable_version_is_a_content_error() {
    let p = TempProject::minimal();
    let broken = TempProject::empty();
    broken.write("sopdoc.yaml", "title: [unclosed\n");
    let out = sopdoc()
        .args(["diff"])
        .arg(p.root())
        .arg(broken.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot compare"));
}

#[test]
fn a_bad_revision_or_no_repository_is_exit_2() {
    let p = TempProject::minimal();
    let out = p.run(&["diff", "HEAD~1", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("HEAD~1"), "{}", stderr(&out));
    if require_tool(&["git"]).is_none() {
        return;
    }
    git(p.root(), &["init", "-q"]);
    git(p.root(), &["add", "-A"]);
    git(p.root(), &["commit", "-q", "-m", "one"]);
    let out = p.run(&["diff", "no-such-tag", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-tag"), "{}", stderr(&out));
}

/// The test (never sopdoc) uses the git binary to make a repository.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn diff_git_revisions() {
    if require_tool(&["git"]).is_none() {
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    // The project sits in a sub-folder of the repository.
    let project = repo.path().join("pso");
    copy_dir(&fixture("diff").join("old"), &project);
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "old"]);
    std::fs::remove_dir_all(&project).unwrap();
    copy_dir(&fixture("diff").join("new"), &project);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "new"]);
    // The working tree moves on; the revisions are what is compared.
    std::fs::write(
        project.join("sop-sources/sop-01/fr/01-objet.md"),
        "# Autre {#autre}\n",
    )
    .unwrap();

    let out = run_in(&project, &["diff", "HEAD~1", "HEAD", "--format", "json"]);
    let json = json_of(&out);
    assert_eq!(json["old"], "HEAD~1");
    assert_eq!(json["new"], "HEAD");
    assert_fixture_changes(&json);
    // Golden: the JSON and the HTML redline of the two revisions.
    insta::assert_snapshot!(
        "diff_json_revisions",
        serde_json::to_string_pretty(&json).unwrap()
    );
    let page = repo.path().join("redline.html");
    let out = run_in(
        &project,
        &[
            "diff",
            "HEAD~1",
            "HEAD",
            "--format",
            "html",
            "--out",
            page.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!(
        "diff_html_revisions",
        std::fs::read_to_string(&page).unwrap()
    );

    // A revision against a folder, with --project.
    let out = sopdoc()
        .arg("--project")
        .arg(&project)
        .args(["diff", "HEAD~1"])
        .arg(fixture("diff").join("new"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_fixture_changes(&json_of(&out));
}
