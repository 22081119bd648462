//! Malformed input: every case gets a located diagnostic (or a clear environment error),
//! never a panic, and finishes in seconds.

use serde_json::json;
use std::time::{Duration, Instant};

use crate::common::{TempProject, document_yaml};

const CHAPTER: &str = "sop-sources/sop-01/fr/01-objet.md";

/// Runs `check --format short`, asserts it finished quickly without a crash, and returns
/// (stdout, exit code).
fn check(p: &TempProject) -> (String, i32) {
    let start = Instant::now();
    let (out, code) = p.check_short();
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    assert!(
        code == 0 || code == 1 || code == 2,
        "crashed with {code}: {out}"
    );
    (out, code)
}

#[test]
fn minimal_project_checks_clean() {
    let p = TempProject::minimal();
    let (out, code) = check(&p);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("error"), "{out}");
}

#[test]
fn byte_order_mark_is_accepted() {
    let p = TempProject::minimal();
    p.write(CHAPTER, "\u{feff}# Objet {#objet}\n\nTexte.\n");
    p.write(
        "sop-sources/sop-01/document.yaml",
        &format!("\u{feff}{}", document_yaml("sop-01")),
    );
    let (out, code) = check(&p);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn crlf_line_endings_keep_positions() {
    let p = TempProject::minimal();
    p.write(CHAPTER, "---\r\ntitle: Objet\r\nanex: true\r\n---\r\n# Objet {#objet}\r\n\r\nVoir [](#nulle-part).\r\n");
    let (out, code) = check(&p);
    assert_eq!(code, 1);
    assert!(
        out.contains("01-objet.md:3:1: error[meta/front-matter]: unknown key `anex`"),
        "{out}"
    );
    assert!(
        out.contains("01-objet.md:7:6: error[xref/unknown-target]"),
        "{out}"
    );
}

/// `document.yaml` whose `authors` list repeats one anchored name through `aliases` aliases.
fn many_aliases(aliases: usize) -> String {
    let mut y = document_yaml("sop-01");
    y.push_str("authors: [&a x");
    y.push_str(&", *a".repeat(aliases));
    y.push_str("]\n");
    y
}

/// A bibliography where each entry lists the previous one `width` times as its `parent`
/// (a recursive field), `depth` levels deep: `width^depth` entries once the aliases are
/// expanded.
fn nested_bibliography(width: usize, depth: usize) -> String {
    let mut y = String::from("e0: &e0 {type: book, title: x}\n");
    for i in 1..=depth {
        let parents = vec![format!("*e{}", i - 1); width].join(", ");
        y.push_str(&format!(
            "e{i}: &e{i} {{type: book, title: x, parent: [{parents}]}}\n"
        ));
    }
    y
}

/// The bombs use only valid keys and types, so nothing but the parser's budgets can stop
/// them; the same shapes, small, check without a YAML error.
#[test]
fn yaml_alias_bomb_is_stopped() {
    let p = TempProject::minimal();
    p.write("sop-sources/sop-01/document.yaml", &many_aliases(10));
    p.write("sop-sources/bibliography.yaml", &nested_bibliography(3, 2));
    let (out, code) = check(&p);
    assert_eq!(code, 0, "the small shapes are valid YAML for sopdoc: {out}");
    assert!(!out.contains("YAML"), "{out}");

    p.write("sop-sources/sop-01/document.yaml", &many_aliases(1500));
    p.write("sop-sources/bibliography.yaml", &nested_bibliography(9, 9));
    let (out, code) = check(&p);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("document.yaml:7:")
            && out.contains("error[meta/document]: malformed YAML: budget breached: Aliases"),
        "{out}"
    );
    assert!(
        out.contains("bibliography.yaml:")
            && out.contains("malformed YAML: budget breached: Nodes"),
        "{out}"
    );
}

#[test]
fn chapter_over_the_size_limit() {
    let p = TempProject::minimal();
    let mut big = String::from("# Objet {#objet}\n\n");
    while big.len() <= 4 * 1024 * 1024 {
        big.push_str("Une phrase de remplissage pour dépasser la limite de taille.\n\n");
    }
    p.write(CHAPTER, &big);
    let (out, code) = check(&p);
    assert_eq!(code, 1);
    assert!(
        out.contains("01-objet.md:1:1: error[parse/too-large]"),
        "{out}"
    );
}

#[test]
fn three_megabyte_paragraph_under_the_limit() {
    let p = TempProject::minimal();
    let para = "mot ".repeat(750_000);
    p.write(CHAPTER, &format!("# Objet {{#objet}}\n\n{para}\n"));
    let (out, code) = check(&p);
    assert_eq!(code, 0, "{out}");
    let out = p.run(&["build", "--format", "html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// 400 000 different unknown words: only the 50 shown get spelling suggestions (working
/// them out for every word took over a minute).
#[test]
fn a_paragraph_of_unknown_words_checks_in_seconds() {
    let p = TempProject::minimal();
    let mut state: u32 = 1;
    let mut para = String::new();
    for _ in 0..400_000 {
        for _ in 0..7 {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            para.push(b"bcdfghjklmnpqrstvwxz"[(state >> 16) as usize % 20] as char);
        }
        para.push(' ');
    }
    p.write(CHAPTER, &format!("# Objet {{#objet}}\n\n{para}\n"));
    let (out, _) = check(&p);
    assert!(out.contains("warning[spelling/fr]: … and "), "{out}");
}

#[test]
fn nul_bytes() {
    let p = TempProject::minimal();
    p.write_bytes(CHAPTER, b"# Objet {#objet}\n\nTexte\0cass\xc3\xa9.\n");
    let (out, code) = check(&p);
    assert_eq!(code, 1);
    assert!(
        out.contains("01-objet.md:3:6: error[parse/nul-byte]"),
        "{out}"
    );
}

#[test]
fn invalid_utf8() {
    let p = TempProject::minimal();
    p.write_bytes(CHAPTER, b"# Objet {#objet}\n\nCaf\xe9 latin-1.\n");
    let (out, code) = check(&p);
    assert_eq!(code, 1);
    assert!(
        out.contains("01-objet.md:3:4: error[parse/encoding]"),
        "{out}"
    );
    // The span covers the replacement character whole (the `project_yaml` fuzz target
    // found it ending inside it), after a byte-order mark too.
    p.write_bytes(
        CHAPTER,
        b"\xef\xbb\xbf# Objet {#objet}\n\nCaf\xe9 latin-1.\n",
    );
    let out = p.run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "parse/encoding")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!((&d["line"], &d["column"]), (&json!(3), &json!(4)), "{json}");
    assert_eq!(d["end_column"], json!(5), "{json}");
}

#[test]
fn deeply_nested_list() {
    let p = TempProject::minimal();
    // "- - - x": each marker opens a list nested in the previous item, 10 000 deep.
    p.write(
        CHAPTER,
        &format!("# Objet {{#objet}}\n\n{}niveau\n", "- ".repeat(10_000)),
    );
    let (out, code) = check(&p);
    assert_eq!(code, 1);
    assert!(out.contains("error[parse/too-deep]"), "{out}");
}

#[test]
fn deeply_nested_quotes_build() {
    let p = TempProject::minimal();
    p.write(
        CHAPTER,
        &format!("# Objet {{#objet}}\n\n{}fond\n", "> ".repeat(10_000)),
    );
    let (out, code) = check(&p);
    assert_eq!(code, 1);
    assert!(out.contains("error[parse/too-deep]"), "{out}");
}

#[test]
fn empty_manifest() {
    let p = TempProject::minimal();
    p.write("sopdoc.yaml", "");
    let (out, code) = check(&p);
    assert_eq!(code, 1);
    assert!(
        out.contains("sopdoc.yaml:1:1: error[meta/manifest]: the file is empty"),
        "{out}"
    );
}

#[test]
fn empty_document_yaml() {
    let p = TempProject::minimal();
    p.write("sop-sources/sop-01/document.yaml", "");
    let (out, code) = check(&p);
    assert_eq!(code, 1);
    assert!(
        out.contains("document.yaml:1:1: error[meta/document]: document.yaml is empty"),
        "{out}"
    );
}

#[test]
fn image_path_climbing_out_of_the_project() {
    let p = TempProject::minimal();
    p.write(
        CHAPTER,
        "# Objet {#objet}\n\n![Carte](../../../../../../../etc/hostname)\n",
    );
    let (out, code) = check(&p);
    assert_eq!(code, 1);
    assert!(
        out.contains("01-objet.md:3:1: error[xref/outside-sources]"),
        "{out}"
    );
}

#[test]
fn unwritable_output_folder_is_an_environment_error() {
    let p = TempProject::minimal();
    // A file where the output folder should be: no permission trick needed, works as root.
    p.write("build", "not a folder");
    let out = p.run(&["build", "--format", "html"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error: cannot write"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn malformed_yaml_is_located_in_the_markdown_file() {
    let p = TempProject::minimal();
    p.write(
        CHAPTER,
        "---\ntitle: Objet\nannex: [oui\n---\n# Objet {#objet}\n",
    );
    let (out, code) = check(&p);
    assert_eq!(code, 1);
    assert!(
        out.contains("01-objet.md:3:") || out.contains("01-objet.md:4:"),
        "{out}"
    );
    assert!(out.contains("error[meta/front-matter]"), "{out}");
}

#[test]
fn a_build_with_errors_writes_nothing() {
    let p = TempProject::minimal();
    p.write(CHAPTER, "# Objet {#objet}\n\nVoir [](#absent).\n");
    let out = p.run(&["build", "--format", "html"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!p.root().join("build").exists());
}

#[test]
fn translation_errors_block_only_that_language() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-01/en/01-objet.md",
        "# Purpose {#objet}\n\nSee [](#missing).\n",
    );
    let out = p.run(&["build", "--format", "html"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(p.root().join("build/html/fr/sop-01/01-objet.html").exists());
    assert!(!p.root().join("build/html/en/sop-01/01-objet.html").exists());
}

#[test]
fn no_project_is_an_environment_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = crate::common::sopdoc()
        .arg("check")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no sopdoc.yaml found"), "{err}");
    assert!(err.contains("sopdoc init"), "{err}");
}

#[test]
fn two_builds_at_once_leave_a_complete_site() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-01/fr/02-roles.md",
        "# Rôles {#roles}\n\nTexte.\n",
    );
    let spawn = || {
        crate::common::sopdoc()
            .arg("--project")
            .arg(p.root())
            .args(["--quiet", "build", "--format", "html"])
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn(), spawn());
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    for page in [
        "index.html",
        "fr/sop-01/01-objet.html",
        "fr/sop-01/02-roles.html",
        "fr/sop-01/print.html",
    ] {
        assert!(
            p.root().join("build/html").join(page).is_file(),
            "{page} missing"
        );
    }
    // Nothing but outputs in build/: no temporary or lock files.
    let stray: Vec<_> = walkdir::WalkDir::new(p.root().join("build"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name().to_string_lossy().contains("sopdoc-tmp") || e.file_name() == "lock"
        })
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}
