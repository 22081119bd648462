//! The Markdown + front-matter parser: any bytes parse to a model plus diagnostics, never
//! a panic, and every diagnostic span lies inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sopdoc::parse::parse_chapter;
use sopdoc::source::{SourceFile, SourceMap};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut map = SourceMap::new();
    let file = SourceFile::new("chapter.md", None, text.to_owned());
    let id = map.add(file.clone());
    let parsed = parse_chapter(&file, id);
    for d in &parsed.diagnostics {
        if let Some(sopdoc::diag::Location::Span(span)) = d.location {
            let r = span.range();
            assert!(r.start <= r.end && r.end <= text.len(), "span {r:?} outside the file");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
    }
});
