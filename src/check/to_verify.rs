//! `content/to-verify`: facts marked `[text](verify:)` that still need checking.
//!
//! Drafting consultants mark a date, an article number or a penalty they could not
//! confirm; the marker prints highlighted with a "to verify" tag. The rule lists them as
//! information while a document is a draft or under review, and as errors once it is
//! final, so no unverified fact reaches a published version.

use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::model::*;
use crate::msg;

/// The rule id.
pub const RULE: &str = rules::CONTENT_TO_VERIFY.id;

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    for doc in &project.documents {
        let is_final = doc.meta.status == Status::Final;
        for t in &doc.translations {
            for ch in &t.chapters {
                let mut visit = |inl: &[Inline]| {
                    walk_inlines(inl, &mut |i| {
                        if let InlineKind::Link(l) = &i.kind
                            && l.target == LinkTarget::Verify
                        {
                            diags.push(finding(l, i.span, is_final));
                        }
                    })
                };
                walk_blocks(&ch.blocks, &mut |b| block_inlines(b, &mut visit));
                for f in &ch.footnotes {
                    walk_blocks(&f.blocks, &mut |b| block_inlines(b, &mut visit));
                }
            }
        }
    }
}

fn finding(l: &Link, span: crate::source::Span, is_final: bool) -> Diagnostic {
    let text = plain_text(&l.content);
    let message = msg!(
        "content-to-verify",
        fact = text.trim(),
        has_fact = if text.trim().is_empty() { "no" } else { "yes" },
        is_final = if is_final { "yes" } else { "no" }
    );
    let d = if is_final {
        Diagnostic::error(RULE, message)
    } else {
        Diagnostic::info(RULE, message)
    };
    let d = d.at(span);
    let d = if l.title.is_empty() {
        d
    } else {
        d.hint(msg!("content-to-verify-hint", title = &l.title))
    };
    d.hint(msg!("content-to-verify-hint-2"))
}
