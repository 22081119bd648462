//! Accessibility of the HTML outputs: axe-core (rule sets wcag2a, wcag2aa, wcag21aa,
//! best-practice) in Debian's headless Chromium, driven by `tests/a11y/axe.mjs` through
//! puppeteer-core (both pinned in `tests/a11y/package.json`, installed by
//! `scripts/install-test-deps.sh`), over every kind of page sopdoc writes for the bundled
//! collection: site and language homes, a document's home with its overview, a chapter with
//! a procedure and its diagram, forms, the single-page print version, search results, the
//! review copy, a role card and the `diff` redline. Phones: at 390 px no page scrolls
//! sideways.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{bundled_copy, require, require_tool, sopdoc};

fn a11y_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/a11y")
}

fn run(root: &Path, args: &[&str]) {
    let out = sopdoc()
        .arg("--project")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "sopdoc {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs axe over `pages`; a readable list of every violation (empty: none).
fn violations(pages: &[PathBuf], extra: &[&str]) -> Vec<String> {
    let out = Command::new("node")
        .arg(a11y_dir().join("axe.mjs"))
        .args(extra)
        .args(pages)
        .output()
        .expect("node");
    assert!(
        out.status.success(),
        "axe.mjs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("axe JSON");
    let mut found = Vec::new();
    for (page, list) in report.as_object().expect("pages") {
        for v in list.as_array().expect("violations") {
            let nodes: Vec<String> = v["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .take(3)
                .map(|n| format!("{} {}", n["target"], n["html"]))
                .collect();
            found.push(format!(
                "{page}: {} ({}): {}\n    {}",
                v["id"],
                v["impact"],
                v["help"],
                nodes.join("\n    ")
            ));
        }
    }
    assert_eq!(
        report.as_object().map(|o| o.len()),
        Some(pages.len()),
        "axe reported on every page"
    );
    found
}

#[test]
fn every_kind_of_html_page_has_no_axe_violation_and_phones_never_scroll_sideways() {
    let chromium = require_tool(&["chromium"]);
    let node = require_tool(&["node"]);
    let modules = require(
        "the axe-core and puppeteer-core npm packages (tests/a11y/node_modules)",
        a11y_dir()
            .join("node_modules/axe-core/axe.min.js")
            .is_file()
            && a11y_dir().join("node_modules/puppeteer-core").is_dir(),
    );
    if chromium.is_none() || node.is_none() || !modules {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    std::fs::create_dir_all(&root).unwrap();
    bundled_copy(&root);
    run(&root, &["build", "--format", "html,cards"]);
    run(
        &root,
        &[
            "build", "--format", "html", "--review", "--doc", "sop-01", "--lang", "fr",
        ],
    );
    // The redline: the same project with one sentence changed.
    let newer = dir.path().join("newer");
    std::fs::create_dir_all(&newer).unwrap();
    bundled_copy(&newer);
    let chapter = newer.join("sop-sources/sop-01/fr/01-objet.md");
    let text = std::fs::read_to_string(&chapter).unwrap();
    std::fs::write(
        &chapter,
        text.replacen("\n\n", "\n\nUne phrase ajoutée.\n\n", 1),
    )
    .unwrap();
    let redline = dir.path().join("diff.html");
    run(
        &root,
        &[
            "diff",
            root.to_str().unwrap(),
            newer.to_str().unwrap(),
            "--format",
            "html",
            "--out",
            redline.to_str().unwrap(),
        ],
    );
    let html = root.join("build/html");
    let card = std::fs::read_dir(html.join("fr/cards"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .min()
        .expect("a role card page");
    let mut pages = vec![
        html.join("index.html"),
        html.join("fr/index.html"),
        html.join("fr/sop-01/index.html"),
        html.join("fr/sop-01/07-procedures.html"),
        html.join("fr/sop-01/22-annexe-consentement.html"),
        html.join("fr/sop-01/print.html"),
        html.join("en/sop-01/print.html"),
        card,
        root.join("build/review/html/fr/sop-01/07-procedures.html"),
        redline,
    ];
    for p in &pages {
        assert!(p.is_file(), "{} was not written", p.display());
    }
    let mut found = violations(&pages, &[]);
    // Search results, as a reader sees them after typing a query.
    found.extend(violations(&pages[1..2], &["--search", "enfant"]));
    // On a phone: the chapters with the widest tables and diagrams, and a register of
    // seven columns, photographed: each picture is the screen's width (nothing sticks out).
    pages.truncate(6);
    pages.push(html.join("fr/sop-02/14-annexe-registre.html"));
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&shots).unwrap();
    found.extend(violations(
        &pages,
        &["--width", "390", "--screenshots", shots.to_str().unwrap()],
    ));
    for (n, page) in pages.iter().enumerate() {
        let png = std::fs::read(shots.join(format!("{n}.png"))).unwrap();
        // PNG: the width is the first field of the IHDR chunk.
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        assert_eq!(width, 390, "{}", page.display());
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_bundled_document_builds_as_tagged_pdf_ua_1_and_pdf_a_2b_together() {
    let dir = tempfile::tempdir().unwrap();
    bundled_copy(dir.path());
    let out = sopdoc()
        .arg("--project")
        .arg(dir.path())
        .args(["build", "--format", "pdf", "--pdf-standard", "a-2b+ua-1"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let pdfs: Vec<PathBuf> = std::fs::read_dir(dir.path().join("build/pdf"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    // Every document in both languages, and the collection overviews.
    assert_eq!(pdfs.len(), 14, "{pdfs:?}");
    if require_tool(&["pdfinfo"]).is_none() {
        return;
    }
    for pdf in &pdfs {
        let info = Command::new("pdfinfo").arg(pdf).output().unwrap();
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(
            info.lines()
                .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
            "{}: {info}",
            pdf.display()
        );
    }
    // Both standards are declared in the metadata (PDF/A part 2, PDF/UA part 1).
    let bytes = std::fs::read(dir.path().join("build/pdf/sop-01-fr.pdf")).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("<pdfaid:part>2</pdfaid:part>"), "PDF/A id");
    assert!(text.contains("<pdfuaid:part>1</pdfuaid:part>"), "PDF/UA id");
    // Reading order: the French SOP's contents come before its first chapter, and the
    // chapter's heading before its first paragraph.
    let words = crate::common::pdf_words(&dir.path().join("build/pdf/sop-01-fr.pdf"));
    let contents = words.find("TABLE DES MATIÈRES").expect("contents");
    let objet = words.rfind("1 Objet").expect("first chapter heading");
    assert!(contents < objet, "{words}");
}

#[test]
fn flowchart_text_stays_in_its_boxes_in_chromium_with_the_sites_own_carlito() {
    let chromium = require_tool(&["chromium"]);
    let node = require_tool(&["node"]);
    let modules = require(
        "the puppeteer-core npm package (tests/a11y/node_modules)",
        a11y_dir().join("node_modules/puppeteer-core").is_dir(),
    );
    if chromium.is_none() || node.is_none() || !modules {
        return;
    }
    // A fresh project, as a new user gets it, and the bundled collection's procedures.
    let dir = tempfile::tempdir().unwrap();
    let out = sopdoc()
        .current_dir(dir.path())
        .args(["init", "projet"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fresh = dir.path().join("projet");
    run(&fresh, &["build", "--format", "html"]);
    let site = fresh.join("build/html");
    for font in [
        "Carlito-Regular.ttf",
        "Carlito-Bold.ttf",
        "Carlito-Italic.ttf",
        "Carlito-LICENSE.txt",
    ] {
        assert!(
            site.join("assets/fonts").join(font).is_file(),
            "{font} is shipped"
        );
    }
    let bundled = dir.path().join("bundled");
    std::fs::create_dir_all(&bundled).unwrap();
    bundled_copy(&bundled);
    run(
        &bundled,
        &[
            "build", "--format", "html", "--doc", "sop-01", "--lang", "fr",
        ],
    );
    let mut pages: Vec<PathBuf> = vec![site.join("fr/sop-01/07-procedures.html")];
    for entry in std::fs::read_dir(bundled.join("build/html/fr/sop-01")).unwrap() {
        let path = entry.unwrap().path();
        let html = std::fs::read_to_string(&path).unwrap_or_default();
        if path.extension().is_some_and(|e| e == "html")
            && !path.ends_with("print.html")
            && html.contains("<figure class=\"pathway\"")
        {
            pages.push(path);
        }
    }
    pages.sort();
    assert!(pages.len() >= 2, "{pages:?}");
    let out = Command::new("node")
        .arg(a11y_dir().join("flowchart-fit.mjs"))
        .args(&pages)
        .output()
        .expect("node");
    assert!(
        out.status.success(),
        "flowchart-fit.mjs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let report = report.as_object().expect("pages");
    assert_eq!(report.len(), pages.len(), "every page measured");
    let problems: Vec<String> = report
        .iter()
        .flat_map(|(page, list)| {
            list.as_array()
                .into_iter()
                .flatten()
                .map(move |p| format!("{page}: {}", p.as_str().unwrap_or_default()))
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
