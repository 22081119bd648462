//! Every YAML entry point (manifest, document.yaml, registries, a chapter with a procedure
//! fence, comments.yaml, translation.yaml, a rule pack): the first byte picks the file, the
//! rest replaces it in a small valid project held in memory. Loading, resolving and checking
//! never panic, and every diagnostic points inside its file.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let file = usize::from(pick) % common::FILES.len();
    if let Some(analysis) = common::analyze(common::world_with(Some((file, bytes)))) {
        common::assert_spans(&analysis);
    }
});
