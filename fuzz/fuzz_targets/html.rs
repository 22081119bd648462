//! The HTML renderer: a French chapter with any text renders, and no user text reaches a
//! page unescaped. Seeds carry the sentinel element `<x-fz>` in every place text can go
//! (headings, paragraphs, tables, links, footnotes, procedure fields); a page holding
//! `<x-fz` means text was copied raw into the markup. The search index is data (JSON
//! strings shown with `textContent`), so it must only stay valid JSON.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

const CHAPTER: usize = 2;

fuzz_target!(|data: &[u8]| {
    if std::str::from_utf8(data).is_err() {
        return;
    }
    let Some(analysis) = common::analyze(common::world_with(Some((CHAPTER, data)))) else {
        return;
    };
    common::assert_spans(&analysis);
    let Some(project) = analysis.project else {
        return;
    };
    let Ok(files) = sopdoc::render::html::render_site(&project, &|_, _| true) else {
        return;
    };
    for f in &files {
        let page = String::from_utf8_lossy(&f.bytes);
        if f.path.ends_with("search-index.js") {
            // Data, not markup: the text is in JSON strings that search.js shows with
            // `textContent`. It must stay one JSON value.
            let json = page
                .strip_prefix("window.SOPDOC_INDEX = ")
                .and_then(|p| p.strip_suffix(";\n"))
                .unwrap_or_else(|| panic!("{}: not the index script", f.path));
            assert!(
                serde_json::from_str::<serde_json::Value>(json).is_ok(),
                "{}: the index is not JSON",
                f.path
            );
            continue;
        }
        assert!(!page.contains("<x-fz"), "{}: user text unescaped", f.path);
    }
});
