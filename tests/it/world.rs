//! Every stage runs through the project's `World`: a project held only in memory loads,
//! resolves, checks and renders to HTML and PDF, and unsaved buffers over the disk win
//! over the files (what the editor server will do).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sopdoc::diag::Severity;
use sopdoc::world::{DiskWorld, MemoryWorld, Overlay, World};

use crate::common::fixture;

/// A 1 × 1 PNG.
const PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 4, 0,
    0, 0, 181, 28, 12, 2, 0, 0, 0, 11, 73, 68, 65, 84, 120, 218, 99, 100, 96, 0, 0, 0, 6, 0, 2, 48,
    129, 208, 47, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

/// The files of a fixture, under a root that exists nowhere on disk.
fn in_memory(name: &str, root: &Path) -> MemoryWorld {
    let from = fixture(name);
    let mut world = MemoryWorld::new();
    let mut stack = vec![from.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(&from).unwrap();
                world.insert(root.join(rel), std::fs::read(&path).unwrap());
            }
        }
    }
    world
}

fn analyze(root: &Path, world: Arc<dyn World>) -> sopdoc::Analysis {
    let loaded = sopdoc::project::load_in(root, world).expect("loads");
    sopdoc::analyze_loaded_with(loaded, sopdoc::AnalysisOptions::default(), None, |_| ()).0
}

#[test]
fn a_project_held_only_in_memory_goes_through_every_stage() {
    let root = PathBuf::from("/nowhere-on-disk/projet");
    assert!(!root.exists());
    let mut world = in_memory("pdf-basic", &root);
    for (lang, caption) in [("fr", "Schéma du circuit"), ("en", "Referral circuit")] {
        let chapter = root.join(format!("sop-sources/sop-01/{lang}/01-objet.md"));
        let mut text = String::from_utf8(world.read(&chapter).unwrap()).unwrap();
        text.push_str(&format!("\n![{caption}](../schéma%20circuit.png)\n"));
        world.insert(&chapter, text);
    }
    world.insert(root.join("sop-sources/sop-01/schéma circuit.png"), PNG);
    // The project's own style rule, read by the loader from memory too.
    world.insert(
        root.join("styles/rules/maison.yaml"),
        "pack: maison\nlanguages: [fr]\nrules:\n  - id: mot\n    message: \"écrire « parcours »\"\n    source: essai\n    confidence: synth\n    check: {existence: {tokens: [circuit]}}\n",
    );
    let analysis = analyze(&root, Arc::new(world));
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let project = analysis.project.expect("a project");
    assert!(
        analysis
            .diagnostics
            .iter()
            .any(|d| d.rule == "style/maison/mot"),
        "the project rule read from memory runs: {:#?}",
        analysis.diagnostics
    );

    let files = sopdoc::render::html::render_site(&project, &|_, _| true).expect("site");
    let page = files
        .iter()
        .find(|f| f.path.ends_with("01-objet.html") && f.path.starts_with("fr/"))
        .expect("the chapter page");
    let html = String::from_utf8_lossy(&page.bytes);
    assert!(html.contains("Schéma du circuit"), "{html}");
    let image = files
        .iter()
        .find(|f| f.path.contains("/assets/") && f.path.ends_with(".png"))
        .expect("the image, read from memory, is published next to the pages");
    assert_eq!(image.bytes, PNG);

    let engine = sopdoc::render::pdf::PdfEngine::new(&project).expect("engine");
    let doc = &project.documents[0];
    let options = sopdoc::render::pdf::PdfOptions {
        cache_age: 0,
        standard: None,
        date: "2026-11-28".into(),
        review: false,
    };
    let result = engine.render(&project, doc, "fr", &options);
    assert!(
        result
            .diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error),
        "{:#?}",
        result.diagnostics
    );
    let pdf = result.pdf.expect("a PDF");
    assert!(pdf.starts_with(b"%PDF-"));
    // The image is embedded: the PDF holds an image XObject.
    assert!(
        pdf.windows(b"/Image".len()).any(|w| w == b"/Image"),
        "the PNG from memory is in the PDF"
    );
}

#[test]
fn unsaved_buffers_win_over_the_files_on_disk() {
    let root = fixture("pdf-basic").canonicalize().unwrap();
    let chapter = root.join("sop-sources/sop-01/fr/01-objet.md");
    let on_disk = std::fs::read_to_string(&chapter).unwrap();
    let clean = analyze(&root, DiskWorld::shared());
    assert!(
        !clean
            .diagnostics
            .iter()
            .any(|d| d.rule == "xref/unknown-target"),
        "{:#?}",
        clean.diagnostics
    );

    let mut overlay = Overlay::new(DiskWorld::shared());
    overlay.set(
        &chapter,
        format!("{on_disk}\nVoir la [](#section-inexistante).\n"),
    );
    // A chapter that exists only in the editor.
    overlay.set(
        root.join("sop-sources/sop-01/fr/02b-nouveau.md"),
        "# Nouveau chapitre {#nouveau}\n\nRenvoi à l'[](#objet).\n",
    );
    let edited = analyze(&root, Arc::new(overlay));
    let unknown: Vec<_> = edited
        .diagnostics
        .iter()
        .filter(|d| d.rule == "xref/unknown-target")
        .collect();
    assert_eq!(unknown.len(), 1, "{:#?}", edited.diagnostics);
    let project = edited.project.unwrap();
    let span = unknown[0].span().unwrap();
    let file = project.sources.get(span.source);
    assert_eq!(file.path, "sop-sources/sop-01/fr/01-objet.md");
    let (line, _) = file.line_col(span.start);
    assert_eq!(file.line_text(line), "Voir la [](#section-inexistante).");
    let chapters: Vec<_> = project.documents[0].translations[0]
        .chapters
        .iter()
        .map(|c| c.file_name.as_str())
        .collect();
    assert!(chapters.contains(&"02b-nouveau.md"), "{chapters:?}");
    // Nothing was written: the disk still has the saved text.
    assert_eq!(std::fs::read_to_string(&chapter).unwrap(), on_disk);
}

#[cfg(unix)]
#[test]
fn symlinked_chapters_are_reported_not_skipped_in_silence() {
    let p = crate::common::TempProject::minimal();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("notes.md"),
        "# Notes {#notes}\n\nTexte.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("notes.md"),
        p.root().join("sop-sources/sop-01/fr/02-notes.md"),
    )
    .unwrap();
    let (out, _) = p.check_short();
    assert!(
        out.contains("sop-sources/sop-01/fr/02-notes.md: warning[meta/symlink]: `02-notes.md` is a symbolic link and is not read"),
        "{out}"
    );
}
