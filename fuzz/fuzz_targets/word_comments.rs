//! Word files sent back by reviewers: reading their comments never panics, whatever the
//! zip and its XML hold (bombs and traversal are refused with an error), and what is read
//! appends to a comments matrix that reads back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(review) = sopdoc::review::read_word_comments(data) else {
        return;
    };
    let (text, added) = sopdoc::review::append_to_matrix(None, &[], &review.comments, "Institution");
    if sopdoc::review::validate_matrix("comments.yaml", &text, &review.comments, added).is_ok() {
        let back = sopdoc::review::parse_matrix("comments.yaml", &text)
            .expect("a validated matrix reads back");
        assert_eq!(back.len(), added);
    }
});
