//! The PDF renderer end to end on `tests/fixtures/pdf-basic`, checked with poppler
//! (`pdfinfo`, `pdffonts`, `pdftotext`; without poppler the checks that need it fail
//! when `CI` is set and are skipped with a note otherwise: see `common::require`).

use std::path::{Path, PathBuf};
use std::process::Command;

use sopdoc::diag::{Location, Severity};
use sopdoc::model::Project;
use sopdoc::render::pdf::{PdfEngine, PdfOptions, PdfResult, PdfStandardChoice};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf-basic")
}

fn load(root: &Path) -> Project {
    let analysis = sopdoc::analyze(root, false).expect("analyze");
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    analysis.project.expect("project")
}

fn render(project: &Project, standard: Option<PdfStandardChoice>) -> PdfResult {
    let engine = PdfEngine::new(project).expect("engine");
    engine.render(
        project,
        &project.documents[0],
        "fr",
        &PdfOptions {
            cache_age: 0,
            standard,
            date: "2026-11-28".into(),
            review: false,
        },
    )
}

/// Runs a poppler tool on `pdf`; `None` when the tool is missing outside CI (with `CI` set
/// a missing tool fails the test).
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> Option<String> {
    crate::common::require_tool(&[tool])?;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(&path);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd.output().expect("run a poppler tool");
    assert!(out.status.success(), "{tool} failed: {:?}", out);
    Some(String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " "))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

#[test]
fn basic_sop_renders_as_pdf_a() {
    let project = load(&fixture());
    let r = render(&project, Some(PdfStandardChoice::A2b));
    assert!(
        !r.diagnostics.iter().any(|d| d.severity == Severity::Error),
        "{:#?}",
        r.diagnostics
    );
    let pdf = r.pdf.as_deref().expect("a PDF");
    assert!(pdf.starts_with(b"%PDF-"));
    // Cover, imprint, document control, contents; chapter 1 (1 page), chapter 2 (1 page
    // and a landscape page for the 7-column table); the annex.
    assert_eq!(r.pages, 8);
    assert_eq!(r.body_pages, 3);

    if let Some(info) = poppler("pdfinfo", &[], pdf) {
        assert!(info.contains("Pages:           8"), "{info}");
        assert!(
            info.contains("Title:           Procédure d'essai pour le rendu PDF"),
            "{info}"
        );
        assert!(info.contains("Tagged:          yes"), "{info}");
        assert!(info.contains("Page size:       595.276 x 841.89 pts (A4)"));
    }
    if let Some(meta) = poppler("pdfinfo", &["-meta"], pdf) {
        assert!(meta.contains("pdfaid:part"), "{meta}");
        assert!(
            meta.contains("<pdfaid:part>2</pdfaid:part>") || meta.contains("pdfaid:part=\"2\""),
            "{meta}"
        );
        assert!(
            meta.contains("<pdfaid:conformance>B</pdfaid:conformance>")
                || meta.contains("pdfaid:conformance=\"B\""),
            "{meta}"
        );
    }
    if let Some(fonts) = poppler("pdffonts", &[], pdf) {
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name, type words…, encoding, emb, sub, uni, object, id
            let emb = cols[cols.len() - 5];
            assert_eq!(emb, "yes", "font not embedded: {row}");
            assert!(
                row.contains("Carlito") || row.contains("DejaVuSansMono"),
                "{row}"
            );
        }
    }
    if let Some(raw) = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], pdf) {
        // The diagonal watermark comes out one letter per line, on every page.
        let no_space: String = raw.split_whitespace().collect();
        assert_eq!(no_space.matches("PROJET").count(), 8, "{raw}");
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        for expected in [
            "1 OBJET",
            "1.1 CONTEXTE",
            "2 ACTEURS ET DÉLAIS",
            "2.1 DÉLAIS D'INTERVENTION",
            "Tableau 1. Délais d'intervention par étape",
            "Tableau 2. Matrice des responsabilités",
            "ANNEXE A — FICHE DE VÉRIFICATION",
            "A.1 POINTS À VÉRIFIER",
            "Page 1 sur 4",
            "Page 2 sur 4",
            "TABLE DES MATIÈRES",
            "HISTORIQUE DES RÉVISIONS",
            "Ajout de l'annexe.",
            "VALIDATION",
            "Citation requise",
            "28 novembre 2026",
            // Cross-references filled from the resolved numbers.
            "renvoie à la section 2, au tableau 1 et à l'annexe A",
            "Voir la section 1.1",
            // Literal text, not Typst code.
            "#set, $x$, @ref, <label>, étoile, 50 % et code en ligne",
            "Une note de bas de page, rendue par Typst.",
            "Attention",
            "☐ La personne a été informée de ses droits.",
            "☑ Le consentement a été recueilli.",
            "L'intervenant",
            "Signature :",
            // Running heads: the chapter on left-hand pages, the short title on right-hand ones.
            "PSO-01 2 Acteurs et délais 2 ACTEURS ET DÉLAIS",
            "PSO-01 Procédure d'essai Tableau 2.",
            "PSO-01 Annexe A Fiche ANNEXE A",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
        }
    }
}

#[test]
fn pdf_ua_1_is_accepted() {
    let project = load(&fixture());
    let r = render(&project, Some(PdfStandardChoice::Ua1));
    assert!(r.pdf.is_some(), "{:#?}", r.diagnostics);
    if let Some(meta) = poppler("pdfinfo", &["-meta"], r.pdf.as_deref().unwrap()) {
        assert!(meta.contains("pdfuaid"), "{meta}");
    }
}

#[test]
fn generated_typst_body_is_stable() {
    let project = load(&fixture());
    let engine = PdfEngine::new(&project).unwrap();
    let sources = engine.typst_sources(&project, &project.documents[0], "fr");
    let names: Vec<&str> = sources.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["main.typ", "template.typ", "meta.json"]);
    insta::assert_snapshot!("pdf_basic_main_typ", &sources[0].1);
    let meta: serde_json::Value = serde_json::from_str(&sources[2].1).unwrap();
    assert_eq!(
        meta["code"], "PSO-01",
        "the default code of sop-01 in French"
    );
    assert_eq!(meta["draft"], true);
    assert_eq!(meta["words"]["page"], "Page");
}

#[test]
fn typst_errors_map_back_to_the_markdown() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    for lang in ["fr", "en"] {
        let chapter = dir
            .path()
            .join(format!("sop-sources/sop-01/{lang}/02-acteurs.md"));
        let mut text = std::fs::read_to_string(&chapter).unwrap();
        text.push_str("\n![Schéma du circuit](schema.png)\n");
        std::fs::write(&chapter, text.as_bytes()).unwrap();
        // Not an image at all: Typst fails to decode it.
        std::fs::write(chapter.with_file_name("schema.png"), b"not a png").unwrap();
    }
    let project = load(dir.path());
    let r = render(&project, None);
    assert!(r.pdf.is_none());
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "pdf/typst" && d.severity == Severity::Error)
        .unwrap_or_else(|| panic!("{:#?}", r.diagnostics));
    let Some(Location::Span(span)) = d.location else {
        panic!("no span: {d:?}");
    };
    let file = project.sources.get(span.source);
    assert_eq!(file.path, "sop-sources/sop-01/fr/02-acteurs.md");
    let (line, _) = file.line_col(span.start);
    assert_eq!(file.line_text(line), "![Schéma du circuit](schema.png)");
}

#[test]
fn images_outside_the_project_are_refused() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("project");
    copy_dir(&fixture(), &root);
    std::fs::write(outer.path().join("secret.png"), b"secret").unwrap();
    let chapter = root.join("sop-sources/sop-01/fr/01-objet.md");
    let mut text = std::fs::read_to_string(&chapter).unwrap();
    text.push_str("\n![Secret](../../../../secret.png)\n");
    std::fs::write(&chapter, text.as_bytes()).unwrap();
    let analysis = sopdoc::analyze(&root, false).expect("analyze");
    let d = analysis
        .diagnostics
        .iter()
        .find(|d| d.rule == "xref/outside-sources")
        .unwrap_or_else(|| panic!("{:#?}", analysis.diagnostics));
    assert_eq!(d.severity, Severity::Error);
    assert!(d.message.contains("outside the project"), "{d:?}");
    let project = analysis.project.expect("project");
    let r = render(&project, None);
    // The rest still renders, with the alt text in place of the image.
    let pdf = r.pdf.expect("the PDF is still produced");
    if let Some(text) = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf) {
        assert!(text.contains("[Secret]"), "{text}");
    }
}

#[test]
fn english_uses_english_words() {
    let project = load(&fixture());
    let engine = PdfEngine::new(&project).unwrap();
    let r = engine.render(
        &project,
        &project.documents[0],
        "en",
        &PdfOptions {
            cache_age: 0,
            standard: None,
            date: "2026-11-28".into(),
            review: false,
        },
    );
    let pdf = r.pdf.unwrap_or_else(|| panic!("{:#?}", r.diagnostics));
    assert_eq!((r.pages, r.body_pages), (8, 3));
    if let Some(raw) = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf) {
        let no_space: String = raw.split_whitespace().collect();
        assert_eq!(no_space.matches("DRAFT").count(), 8, "{raw}");
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        for expected in [
            "Page 1 of 4",
            "Table 1. Time limits by step",
            "ANNEX A — CHECKLIST",
            "It refers to section 2, to table 1 and to annex A",
            "CONTENTS",
            "REVISION HISTORY",
            "Required citation:",
            "Name:",
            "Warning",
            "28 November 2026",
            "Test procedure",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
        }
    }
}

#[test]
fn logo_from_the_manifest_goes_on_the_cover() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    std::fs::create_dir_all(dir.path().join("assets")).unwrap();
    std::fs::write(
        dir.path().join("assets/logo.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="200" height="60" fill="#ffffff"/></svg>"##,
    )
    .unwrap();
    let manifest = dir.path().join("sopdoc.yaml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("logo: assets/logo.svg\n");
    std::fs::write(&manifest, text).unwrap();
    let project = load(dir.path());
    let engine = PdfEngine::new(&project).unwrap();
    let sources = engine.typst_sources(&project, &project.documents[0], "fr");
    assert!(
        sources[2].1.contains("\"/assets/assets/logo.svg\""),
        "{}",
        sources[2].1
    );
    let r = render(&project, Some(PdfStandardChoice::A2b));
    assert!(r.pdf.is_some(), "{:#?}", r.diagnostics);
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
}

#[test]
fn parallel_rendering_gives_the_same_bytes() {
    let project = load(&fixture());
    let engine = PdfEngine::new(&project).unwrap();
    let doc = &project.documents[0];
    let opts = PdfOptions {
        cache_age: 0,
        standard: None,
        date: "2026-11-28".into(),
        review: false,
    };
    let sequential: Vec<Option<Vec<u8>>> = ["fr", "en"]
        .iter()
        .map(|l| engine.render(&project, doc, l, &opts).pdf)
        .collect();
    let parallel: Vec<Option<Vec<u8>>> = std::thread::scope(|s| {
        let handles: Vec<_> = ["fr", "en"]
            .iter()
            .map(|l| {
                let (engine, project, opts) = (&engine, &project, &opts);
                s.spawn(move || engine.render(project, doc, l, opts).pdf)
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(sequential.iter().all(Option::is_some));
    assert!(sequential == parallel);
}

#[test]
fn links_and_notes_in_headings_stay_accessible() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    for (lang, extra) in [
        (
            "fr",
            "## Voir [l'OIM](https://www.iom.int) et [](#contexte)[^2]\n\n[^2]: Note de titre.\n\nTexte.[^2]\n",
        ),
        (
            "en",
            "## See [IOM](https://www.iom.int) and [](#contexte)[^2]\n\n[^2]: Heading note.\n\nText.[^2]\n",
        ),
    ] {
        let chapter = dir
            .path()
            .join(format!("sop-sources/sop-01/{lang}/02-acteurs.md"));
        let mut text = std::fs::read_to_string(&chapter).unwrap();
        text.push('\n');
        text.push_str(extra);
        std::fs::write(&chapter, text).unwrap();
    }
    let project = load(dir.path());
    let r = render(&project, Some(PdfStandardChoice::Ua1));
    assert!(r.pdf.is_some(), "{:#?}", r.diagnostics);
    let pdf = r.pdf.unwrap();
    if let Some(raw) = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf) {
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        // Heading text plain (no links), note numbers continuous.
        assert!(
            text.contains("VOIR L'OIM ET SECTION 1.12 Texte.3 2Note de titre. 3Note de titre."),
            "{text}"
        );
        // Once for the heading (not repeated by the contents), once for the later mark.
        assert_eq!(text.matches("Note de titre.").count(), 2, "{text}");
        assert!(text.contains("comporte une note1 "), "{text}");
    }
}

#[test]
fn a_missing_logo_is_reported_at_its_key() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    let manifest = dir.path().join("sopdoc.yaml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("logo: ../outside.png\n");
    std::fs::write(&manifest, text).unwrap();
    let analysis = sopdoc::analyze(dir.path(), false).expect("analyze");
    let d = analysis
        .diagnostics
        .iter()
        .find(|d| d.rule == "xref/outside-sources")
        .unwrap_or_else(|| panic!("{:#?}", analysis.diagnostics))
        .clone();
    let project = analysis.project.expect("project");
    let r = render(&project, None);
    let Some(Location::Span(span)) = d.location else {
        panic!("{d:?}");
    };
    let file = project.sources.get(span.source);
    assert_eq!(file.path, "sopdoc.yaml");
    let (line, _) = file.line_col(span.start);
    assert!(file.line_text(line).starts_with("logo:"), "{d:?}");
    // The cover falls back to the publisher's name.
    assert!(r.pdf.is_some());
}

/// Every file under `dir` (path relative to it, bytes), sorted by path.
fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Asserts that two folders hold the same files, byte for byte.
fn same_trees(a: &std::path::Path, b: &std::path::Path) -> Vec<String> {
    let (a, b) = (tree(a), tree(b));
    let names: Vec<String> = a.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(names, b.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>());
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{name} differs");
    }
    names
}

/// The bundled collection built twice in `formats` (only `docs`, if any): keeping the
/// model (`kept/`) and letting it go (`released/`).
fn built_both_ways(
    formats: &[sopdoc::build::Format],
    docs: &[&str],
) -> (
    tempfile::TempDir,
    sopdoc::build::BuildReport,
    sopdoc::build::BuildReport,
) {
    use sopdoc::build::{BuildOptions, build};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    std::fs::create_dir(&root).unwrap();
    crate::common::bundled_copy(&root);
    let options = |release: bool, out: &str| BuildOptions {
        formats: formats.iter().copied().collect(),
        docs: docs.iter().map(|d| d.to_string()).collect(),
        out: Some(dir.path().join(out)),
        release_models: release,
        ..Default::default()
    };
    let kept = build(&root, &options(false, "kept")).unwrap();
    let released = build(&root, &options(true, "released")).unwrap();
    assert!(kept.written && released.written);
    // The model went.
    let project = released.analysis.project.as_ref().unwrap();
    assert!(
        project
            .documents
            .iter()
            .all(|d| d.translations.iter().all(|t| t.chapters.is_empty()))
    );
    (dir, kept, released)
}

/// `sopdoc build` lets the resolved model go, document by document, once it has made
/// what the outputs read of it (the site's pages and search sections, the PDFs' markup,
/// held packed; the chapters' text held deflated during the layouts): the site, the PDFs
/// and the collection's overview are the same bytes as a build that keeps the model, the
/// problems found while laying out are the same, and the chapters' text is back to print
/// them.
#[test]
fn letting_the_model_go_changes_no_output() {
    use sopdoc::build::Format;
    let (dir, kept, released) =
        built_both_ways(&[Format::Html, Format::Pdf], &["sop-01", "sop-04"]);
    let names = same_trees(&dir.path().join("kept"), &dir.path().join("released"));
    for name in [
        "pdf/sop-01-fr.pdf",
        "pdf/overview-fr.pdf",
        "html/fr/sop-01/index.html",
        "html/fr/search-index.js",
        "html/en/cards/sop-04-bcpem.html",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} not in {names:?}");
    }
    assert_eq!(
        format!("{:?}", kept.render_diagnostics),
        format!("{:?}", released.render_diagnostics)
    );
    // The model went; the chapters' text stays packed (none of the layouts' problems
    // cites one), and `unpack` gives it back.
    let project = released.analysis.project.as_ref().unwrap();
    let kept_project = kept.analysis.project.as_ref().unwrap();
    assert!(kept_project.documents[0].translations[0].chapters.len() > 3);
    let packed = |sources: &sopdoc::source::SourceMap| {
        sources
            .iter()
            .filter(|(_, f)| f.path.ends_with(".md") && f.text.is_empty())
            .count()
    };
    assert!(packed(&released.analysis.sources) > 10);
    for mut sources in [released.analysis.sources.clone(), project.sources.clone()] {
        assert!(sources.unpack());
        for (id, file) in kept.analysis.sources.iter() {
            assert_eq!(sources.get(id).text, file.text, "{}", file.path);
        }
    }
}

/// The whole bundled site, rendered document by document with each model let go in
/// turn, is the same bytes as the site rendered from the whole model: no page reads
/// another document's chapters (links, overviews and cards across documents included).
#[test]
fn the_site_rendered_document_by_document_is_the_same() {
    let (dir, _, _) = built_both_ways(&[sopdoc::build::Format::Html], &[]);
    let names = same_trees(&dir.path().join("kept"), &dir.path().join("released"));
    assert!(names.len() > 100, "{}", names.len());
}
