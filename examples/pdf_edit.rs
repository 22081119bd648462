//! Measures a one-paragraph edit recompiled in a warm process: the PDF engine and Typst's
//! caches stay alive, one paragraph of the document changes, and the document is laid out
//! and exported again (what `sopdoc watch` will do on each save).
//!
//! `cargo run --release --example pdf_edit -- PROJECT DOC-ID [EDITS]`
#![allow(clippy::disallowed_methods)] // A tool of the repository, not a build stage.

use std::time::{Duration, Instant};

use sopdoc::model::{BlockKind, InlineKind};
use sopdoc::render::pdf::{PdfEngine, PdfOptions};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, root, doc_id, rest @ ..] = args.as_slice() else {
        eprintln!("usage: pdf_edit PROJECT DOC-ID [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = rest.first().and_then(|s| s.parse().ok()).unwrap_or(10);
    let analysis = sopdoc::analyze(std::path::Path::new(root), false).expect("project loads");
    let mut project = analysis.project.expect("manifest");
    let engine = PdfEngine::new(&project).expect("engine");
    let lang = project.source_language().to_string();
    let index = project
        .documents
        .iter()
        .position(|d| d.id() == doc_id)
        .expect("document id");
    let opts = PdfOptions {
        cache_age: 20,
        standard: None,
        date: "2026-11-28".into(),
        review: false,
    };
    let cold = Instant::now();
    let first = engine.render(&project, &project.documents[index], &lang, &opts);
    let cold = cold.elapsed();
    assert!(first.pdf.is_some(), "{:?}", first.diagnostics);
    let mut times: Vec<Duration> = Vec::new();
    for n in 0..edits {
        // Change one word of the first paragraph of the middle chapter.
        let t = project.documents[index]
            .translations
            .first_mut()
            .expect("translation");
        let middle = t.chapters.len() / 2;
        let para = t.chapters[middle]
            .blocks
            .iter_mut()
            .find_map(|b| match &mut b.kind {
                BlockKind::Paragraph(inl) => Some(inl),
                _ => None,
            })
            .expect("a paragraph");
        if let Some(InlineKind::Text(text)) = para.first_mut().map(|i| &mut i.kind) {
            text.push_str(&format!(" modification {n}"));
        }
        let start = Instant::now();
        let out = engine.render(&project, &project.documents[index], &lang, &opts);
        times.push(start.elapsed());
        assert!(out.pdf.is_some());
    }
    times.sort();
    println!(
        "{doc_id}: {} pages; cold {:.0} ms; warm one-paragraph edit: median {:.0} ms, min {:.0} ms, max {:.0} ms ({edits} edits)",
        first.pages,
        cold.as_secs_f64() * 1e3,
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
    );
}
