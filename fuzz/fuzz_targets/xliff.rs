//! XLIFF 1.2 and 2.0 as a translator's tool may send them: reading never panics, every
//! diagnostic points inside the file, and no target text keeps a character XML 1.0 forbids
//! without an error saying where.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sopdoc::diag::{Location, Severity};
use sopdoc::source::{SourceFile, SourceMap};
use sopdoc::translate::segment::Piece;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut map = SourceMap::new();
    let id = map.add(SourceFile::new("x.xlf", None, text.to_owned()));
    let read = sopdoc::translate::xliff::read(text, id);
    for d in &read.diagnostics {
        if let Some(Location::Span(span)) = d.location {
            let r = span.range();
            assert!(r.start <= r.end && r.end <= text.len(), "span {r:?} outside the file");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
    }
    let refused = read.diagnostics.iter().any(|d| d.severity == Severity::Error);
    if let Some(doc) = &read.doc {
        for unit in doc.files.iter().flat_map(|f| &f.units) {
            for piece in unit.target.iter().flatten() {
                if let Piece::Text(t) = piece {
                    assert!(
                        refused || t.chars().all(sopdoc::xml::is_allowed),
                        "a forbidden character in a target went unreported: {t:?}"
                    );
                }
            }
        }
    }
});
