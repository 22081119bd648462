//! Unit tests of the PDF engine: escaping survives Typst, output is deterministic.
#![allow(clippy::disallowed_methods)] // Tests set up their files on disk.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::markup::{escape_markup, typst_str};
use super::world::{Shared, SopWorld};
use super::*;

/// Compiles a bare main file (no template) to PDF bytes.
fn compile_bare(shared: &Shared, main: String) -> Vec<u8> {
    let world = SopWorld::new(
        shared,
        &crate::world::DiskWorld,
        Path::new("."),
        main,
        String::new(),
        b"{}".to_vec(),
        "2026-11-28",
    );
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    let doc = output.unwrap_or_else(|e| {
        panic!(
            "{:?}\n{}",
            e.iter().map(|d| d.message.to_string()).collect::<Vec<_>>(),
            world.main_source().text()
        )
    });
    typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).expect("pdf")
}

/// The text of a PDF through poppler's `pdftotext`, or `None` when it is not installed.
pub(super) fn pdftotext(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, pdf).ok()?;
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

const NASTY: &[&str] = &[
    r#"#read("/etc/passwd")"#,
    r#"#import "@preview/cetz:0.3.0": *"#,
    "$x^2$ and $ y $",
    "@ref and <label> and @",
    "*bold* _emph_ `raw` ~tilde~",
    r"back\slash \ and \\ double",
    "// line comment and /* block */ comment",
    "] closing [ opening ]] [[",
    "= not a heading",
    "- not a list + nor this",
    "1. not an enum",
    "https://example.org/a_b*c",
    "-- --- ... -? -5 'single' \"double\"",
    "a; (b) .c {d} 'e' :f",
    "#{ panic() }",
    "#set page(width: 1cm)",
    "#show: it => none",
    "l'apostrophe « guillemets » et œ",
];

#[test]
fn escaped_text_prints_literally() {
    let shared = Shared::new();
    let mut main =
        String::from("#set page(width: 40cm, height: auto)\n#set text(font: \"Carlito\")\n");
    for s in NASTY {
        // After a call, text starting with punctuation must not continue the expression.
        main.push_str("#emph[x]");
        main.push_str(&escape_markup(s));
        main.push_str("\n\n");
    }
    let pdf = compile_bare(&shared, main);
    let Some(text) = pdftotext(&pdf) else {
        eprintln!("pdftotext not installed: skipping the text comparison");
        return;
    };
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect();
    for (expected, got) in NASTY.iter().zip(&lines) {
        let got = got.strip_prefix('x').unwrap_or(got);
        assert_eq!(got, *expected);
    }
    assert_eq!(lines.len(), NASTY.len(), "{text}");
}

#[test]
fn string_literals_round_trip() {
    let shared = Shared::new();
    let mut main =
        String::from("#set page(width: 40cm, height: auto)\n#set text(font: \"Carlito\")\n");
    for s in NASTY {
        main.push_str(&format!("#text({})\n\n", typst_str(s)));
    }
    let pdf = compile_bare(&shared, main);
    let Some(text) = pdftotext(&pdf) else {
        return;
    };
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines, NASTY);
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf-basic")
}

fn copy_dir(from: &Path, to: &Path) {
    crate::output::copy_tree(from, to).expect("copy the fixture");
}

fn render_at(root: &Path) -> Vec<u8> {
    let analysis = crate::analyze(root, false).unwrap();
    let project = analysis.project.expect("project");
    let engine = PdfEngine::new(&project).unwrap();
    let doc = &project.documents[0];
    let opts = PdfOptions {
        cache_age: 0,
        standard: Some(PdfStandardChoice::A2b),
        date: "2026-11-28".into(),
        review: false,
    };
    let r = engine.render(&project, doc, "fr", &opts);
    r.pdf.unwrap_or_else(|| panic!("{:#?}", r.diagnostics))
}

#[test]
fn same_sources_same_bytes_wherever_the_project_is() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let b_root = b.path().join("deeper/elsewhere");
    copy_dir(&fixture(), a.path());
    copy_dir(&fixture(), &b_root);
    let first = render_at(a.path());
    let again = render_at(a.path());
    let moved = render_at(&b_root);
    assert!(first == again, "two renders differ");
    assert!(first == moved, "the project's folder leaks into the PDF");
    let needle = a.path().to_string_lossy();
    assert!(
        !first.windows(needle.len()).any(|w| w == needle.as_bytes()),
        "absolute path in the PDF"
    );
}

#[test]
fn engine_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<PdfEngine>();
}

#[test]
fn typst_errors_in_an_overridden_template_point_at_it() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    std::fs::create_dir_all(dir.path().join("templates/typst")).unwrap();
    let broken = BUILTIN_TEMPLATE.replace(
        "#let sopdoc(body) = {\n",
        "#let sopdoc(body) = {\n  no-such-function()\n",
    );
    let line = broken
        .lines()
        .position(|l| l.contains("no-such-function"))
        .unwrap()
        + 1;
    std::fs::write(dir.path().join(TEMPLATE_OVERRIDE), broken).unwrap();
    let analysis = crate::analyze(dir.path(), false).unwrap();
    let project = analysis.project.unwrap();
    let engine = PdfEngine::new(&project).unwrap();
    let r = engine.render(
        &project,
        &project.documents[0],
        "fr",
        &PdfOptions {
            cache_age: 0,
            standard: None,
            date: "2026-11-28".into(),
            review: false,
        },
    );
    assert!(r.pdf.is_none());
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "pdf/typst")
        .expect("a typst diagnostic");
    let at = format!("templates/typst/sop.typ:{line}:3");
    assert!(d.message.contains(&at), "{d:?}");
}
