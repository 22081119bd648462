//! The Typst emitter: a French chapter with any text gives a PDF, or diagnostics that each
//! say where (a span or a file), never a bare Typst error.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use sopdoc::diag::Severity;
use sopdoc::render::pdf::{PdfEngine, PdfOptions};

const CHAPTER: usize = 2;

fuzz_target!(|data: &[u8]| {
    if std::str::from_utf8(data).is_err() {
        return;
    }
    let Some(analysis) = common::analyze(common::world_with(Some((CHAPTER, data)))) else {
        return;
    };
    let Some(project) = analysis.project else {
        return;
    };
    if analysis.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return; // build writes nothing then; the PDF is not made
    }
    let Ok(engine) = PdfEngine::new(&project) else {
        return;
    };
    let doc = &project.documents[0];
    let opts = PdfOptions {
        cache_age: 0,
        standard: None,
        date: "2026-11-28".into(),
        review: false,
    };
    let result = sopdoc::build::render_pdf(&engine, &project, doc, "fr", &opts);
    if result.pdf.is_none() {
        assert!(
            result.diagnostics.iter().any(|d| d.severity == Severity::Error),
            "no PDF and no error"
        );
    }
    for d in &result.diagnostics {
        assert!(d.location.is_some(), "{}: a diagnostic without a place: {}", d.rule, d.message);
    }
});
