//! The TBX termbase: a glossary and acronym list with any text gives a TBX file that a
//! strict XML reader opens (no forbidden character, every element closed).
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

const GLOSSARY: usize = 5;

fuzz_target!(|data: &[u8]| {
    let Some(analysis) = common::analyze(common::world_with(Some((GLOSSARY, data)))) else {
        return;
    };
    let Some(project) = analysis.project else {
        return;
    };
    let (tbx, _) = sopdoc::translate::termbase::build(&project, "en");
    assert!(tbx.chars().all(sopdoc::xml::is_allowed), "a forbidden character in the TBX");
    let mut reader = quick_xml::Reader::from_str(&tbx);
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(_) => {}
            Err(e) => panic!("the TBX is not well-formed: {e}"),
        }
    }
    assert_eq!(depth, 0, "an element left open");
});
