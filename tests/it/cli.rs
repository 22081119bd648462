//! The command line: formats, exit codes, init/new, completions, help.

use crate::common::{TempProject, copy_dir, fixture, sopdoc};

/// The diagnostics fixture, copied so paths are stable and nothing is written into the repo.
fn diagnostics_fixture() -> TempProject {
    let p = TempProject::empty();
    copy_dir(&fixture("diagnostics"), p.root());
    p
}

#[test]
fn short_diagnostics_golden() {
    let p = diagnostics_fixture();
    let (out, code) = p.check_short();
    assert_eq!(code, 1);
    insta::assert_snapshot!("diagnostics_short", out);
}

#[test]
fn json_diagnostics_follow_the_contract() {
    let p = diagnostics_fixture();
    let out = p.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON object");
    assert_eq!(v["version"], 1);
    let diags = v["diagnostics"].as_array().unwrap();
    let errors = diags.iter().filter(|d| d["severity"] == "error").count();
    assert_eq!(v["summary"]["errors"], errors);
    for d in diags {
        for key in [
            "rule",
            "severity",
            "message",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "hints",
        ] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
        assert!(d["rule"].as_str().unwrap().contains('/'));
        assert!(
            !d["file"].as_str().unwrap().starts_with('/'),
            "paths are relative"
        );
    }
    let unknown = diags
        .iter()
        .find(|d| d["rule"] == "xref/unknown-target")
        .unwrap();
    assert_eq!(unknown["file"], "sop-sources/sop-01/fr/01-objet.md");
    assert_eq!(unknown["line"], 7);
    // Human text never goes to stdout with --format json.
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
}

#[test]
fn sarif_is_well_formed() {
    let p = diagnostics_fixture();
    let out = p.run(&["check", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1), "the fixture has errors");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "each rule listed once: {ids:?}");
    let results = run["results"].as_array().unwrap();
    // The same diagnostics as the JSON format, none lost on the way.
    let json = p.run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let diags = json["diagnostics"].as_array().unwrap();
    assert!(!results.is_empty());
    assert_eq!(results.len(), diags.len());
    for (r, d) in results.iter().zip(diags) {
        let id = r["ruleId"].as_str().unwrap();
        assert_eq!(id, d["rule"]);
        assert!(
            ids.contains(&id),
            "{id} is not in tool.driver.rules {ids:?}"
        );
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], id);
        let level = r["level"].as_str().unwrap();
        let expected = match d["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
        assert_eq!(level, expected, "{r}");
    }
    // Every rule of the catalogue is listed, with its help, so a code-review tool can
    // explain a finding.
    for r in sopdoc::diag::rules::ALL {
        let entry = rules
            .iter()
            .find(|x| x["id"] == r.id)
            .unwrap_or_else(|| panic!("{} missing from tool.driver.rules", r.id));
        assert_eq!(entry["shortDescription"]["text"], r.summary("en"));
        assert!(!entry["help"]["text"].as_str().unwrap().is_empty());
    }
}

#[test]
fn human_output_underlines_the_source() {
    let p = diagnostics_fixture();
    let out = p.run(&["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--> sop-sources/sop-01/fr/01-objet.md:7:19"),
        "{err}"
    );
    assert!(err.contains("^^^^^^^^^^^"), "{err}");
    assert!(err.contains("= hint: did you mean `portee`?"), "{err}");
    assert!(!err.contains("\x1b["), "NO_COLOR is honoured");
    let colored = p.run(&["--color", "always", "check"]);
    assert!(String::from_utf8_lossy(&colored.stderr).contains("\x1b[1;31merror"));
}

#[test]
fn deny_warnings_turns_warnings_into_errors() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\n### Saut\n",
    );
    assert_eq!(p.run(&["check"]).status.code(), Some(0));
    assert_eq!(p.run(&["check", "--deny-warnings"]).status.code(), Some(1));
}

#[test]
fn fix_dry_run_prints_a_diff_and_changes_nothing() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-01/document.yaml",
        &crate::common::document_yaml("Sop_01"),
    );
    let before =
        std::fs::read_to_string(p.root().join("sop-sources/sop-01/document.yaml")).unwrap();
    let out = p.run(&["check", "--fix", "--dry-run"]);
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("-id: Sop_01") && diff.contains("+id: sop-01"),
        "{diff}"
    );
    let after = std::fs::read_to_string(p.root().join("sop-sources/sop-01/document.yaml")).unwrap();
    assert_eq!(before, after);
    let out = p.run(&["check", "--fix"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fixed = std::fs::read_to_string(p.root().join("sop-sources/sop-01/document.yaml")).unwrap();
    assert_eq!(fixed, before.replace("Sop_01", "sop-01"));
}

#[test]
fn init_creates_a_project_that_checks_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mes-pso");
    let out = sopdoc()
        .arg("init")
        .arg(&target)
        .env("SOURCE_DATE_EPOCH", "1764288000")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(target.join(".gitignore").exists());
    let check = sopdoc()
        .arg("--project")
        .arg(&target)
        .args(["check", "--format", "short"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{text}");
    assert!(
        !text.contains("warning"),
        "a fresh project has no warnings: {text}"
    );
    let doc = std::fs::read_to_string(target.join("sop-sources/sop-01/document.yaml")).unwrap();
    assert!(doc.contains("date: 2025-11-28"), "{doc}");
    let build = sopdoc()
        .arg("--project")
        .arg(&target)
        .args(["build", "--format", "html"])
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(target.join("build/html/index.html").exists());
    // init refuses a non-empty folder.
    let again = sopdoc().arg("init").arg(&target).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn new_adds_documents_of_each_kind() {
    let p = TempProject::minimal();
    for (id, kind) in [
        ("sop-05", "sop"),
        ("revue", "desk-review"),
        ("rapport", "report"),
    ] {
        let out = p.run(&["new", id, "--kind", kind]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            p.root()
                .join("sop-sources")
                .join(id)
                .join("document.yaml")
                .exists()
        );
    }
    let (out, code) = p.check_short();
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        p.run(&["new", "sop-05"]).status.code(),
        Some(2),
        "existing id refused"
    );
    assert_eq!(
        p.run(&["new", "Bad_Id"]).status.code(),
        Some(2),
        "invalid id refused"
    );
}

#[test]
fn completions_version_and_help() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = sopdoc().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("sopdoc"));
    }
    // The bash script is valid bash and completes the sub-commands and their options.
    let out = sopdoc().args(["completions", "bash"]).output().unwrap();
    let script = String::from_utf8(out.stdout).unwrap();
    for word in [
        "complete -F",
        "build",
        "translate",
        "--format",
        "--pdf-standard",
    ] {
        assert!(script.contains(word), "{word} in the bash completions");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sopdoc.bash");
    std::fs::write(&file, &script).unwrap();
    let parsed = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .output()
        .expect("bash");
    assert!(
        parsed.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    let v = sopdoc().arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&v.stdout).starts_with("sopdoc "));
    for cmd in [
        "build",
        "check",
        "init",
        "new",
        "watch",
        "serve",
        "diff",
        "translate",
        "review",
        "completions",
    ] {
        let out = sopdoc().args([cmd, "--help"]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("Example"),
            "{cmd} --help has an example: {text}"
        );
    }
    let bad = sopdoc().arg("frobnicate").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn bundled_sop_sources_check_without_errors() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = sopdoc()
        .arg("--project")
        .arg(root)
        .args(["check", "--format", "short"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!text.contains("error["), "{text}");
}

#[test]
fn build_writes_pdf_and_typst_and_checks_page_limits() {
    let p = TempProject::minimal();
    let doc = crate::common::document_yaml("sop-01") + "page_limit: 1\n";
    p.write("sop-sources/sop-01/document.yaml", &doc);
    let long: String = (0..120)
        .map(|i| format!("Paragraphe {i} de la procédure, assez long pour remplir la page.\n\n"))
        .collect();
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        &format!("# Objet {{#objet}}\n\n{long}"),
    );
    let out = p.run(&["build", "--format", "pdf,typst"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error[pdf/page-limit]"), "{err}");
    assert!(err.contains("more than its page_limit of 1"), "{err}");
    // The PDF is still written so the author sees what to cut.
    let pdf = std::fs::read(p.root().join("build/pdf/sop-01-fr.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(p.root().join("build/typst/sop-01-fr/main.typ").is_file());
    assert!(
        !p.root().join("build/html").exists(),
        "only the requested formats"
    );
}

#[test]
fn builds_are_reproducible_in_any_folder() {
    let build = |dir: &std::path::Path| {
        copy_dir(&fixture("pdf-basic"), dir);
        let out = sopdoc()
            .arg("--project")
            .arg(dir)
            .args(["--quiet", "build"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut files = std::collections::BTreeMap::new();
        for e in walkdir::WalkDir::new(dir.join("build")).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
                files.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
        files
    };
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = build(&a.path().join("one"));
    let second = build(&b.path().join("somewhere/else"));
    assert!(
        first
            .keys()
            .any(|k| k.extension().is_some_and(|e| e == "pdf"))
    );
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (k, v) in &first {
        assert!(v == &second[k], "{} differs between folders", k.display());
    }
}

#[test]
fn pdf_standard_a2b_from_the_command_line() {
    let p = TempProject::minimal();
    let out = p.run(&["build", "--format", "pdf", "--pdf-standard", "a-2b"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta = std::process::Command::new("pdfinfo")
        .arg("-meta")
        .arg(p.root().join("build/pdf/sop-01-fr.pdf"))
        .output()
        .expect("pdfinfo (poppler-utils) is installed by scripts/install-test-deps.sh");
    let xmp = String::from_utf8_lossy(&meta.stdout);
    assert!(
        xmp.contains("pdfaid:part") || xmp.contains("<pdfaid:part>2"),
        "{xmp}"
    );
}

#[test]
fn unknown_document_on_the_command_line() {
    let p = TempProject::minimal();
    let out = p.run(&["build", "--doc", "sop-1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `sop-01`?"));
}
