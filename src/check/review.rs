//! The comments matrix (`comments.yaml`): every reference names a paragraph of the
//! current text, every number is unique, and a final document has a disposition for
//! every comment.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::rules;
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::comments::{Comment, GENERAL};
use crate::model::{Document, Project, Status, Translation};
use crate::msg;
use crate::source::{SourceFile, Span};
use crate::yaml::{Embedding, value_span};

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    for doc in &project.documents {
        let Some(matrix) = &doc.comments else {
            continue;
        };
        let file = project.sources.get(matrix.source);
        let at = Embedding {
            source: matrix.source,
            offset: 0,
        };
        let span = |c: &serde_saphyr::Spanned<String>| value_span(c, &file.text, file, at);
        let mut numbers: BTreeMap<u32, Span> = BTreeMap::new();
        for c in &matrix.comments {
            let number_span = value_span(&c.number, &file.text, file, at);
            if let Some(first) = numbers.get(&c.number.value) {
                diags.push(
                    Diagnostic::error(
                        rules::REVIEW_DUPLICATE_NUMBER,
                        msg!("review-duplicate-number", number = &c.number.value),
                    )
                    .at(number_span)
                    .related(*first, msg!("review-duplicate-number-note"))
                    .hint(msg!("review-duplicate-number-hint")),
                );
            } else {
                numbers.insert(c.number.value, number_span);
            }
            reference(project, doc, c, span(&c.paragraph), file, diags);
            if c.disposition.is_none() {
                let final_doc = doc.meta.status == Status::Final;
                let message = msg!(
                    "review-undisposed",
                    number = &c.number.value,
                    institution = &c.institution
                );
                let d = if final_doc {
                    Diagnostic::error(rules::REVIEW_UNDISPOSED, message)
                } else {
                    Diagnostic::info(rules::REVIEW_UNDISPOSED, message)
                };
                diags.push(d.at(number_span).hint(msg!("review-undisposed-hint")));
            }
        }
    }
}

/// `paragraph:` names a review number of the current text (or `general`).
fn reference(
    project: &Project,
    doc: &Document,
    c: &Comment,
    at: Span,
    file: &SourceFile,
    diags: &mut Vec<Diagnostic>,
) {
    let reference = c.paragraph.value.trim();
    if reference == GENERAL {
        return;
    }
    let lang = c
        .lang
        .as_ref()
        .map_or(project.source_language(), |l| l.value.as_str());
    let Some(t) = doc.translation(lang) else {
        let span = c.lang.as_ref().map_or(at, |l| {
            value_span(
                l,
                &file.text,
                file,
                Embedding {
                    source: at.source,
                    offset: 0,
                },
            )
        });
        diags.push(
            Diagnostic::error(
                rules::REVIEW_UNKNOWN_LANGUAGE,
                msg!("review-unknown-language", doc_id = &doc.id(), lang = &lang),
            )
            .at(span),
        );
        return;
    };
    if crate::resolve::review_numbers(t).find(reference).is_some() {
        return;
    }
    let mut d = Diagnostic::warning(
        rules::REVIEW_ORPHANED_COMMENT,
        msg!(
            "review-orphaned-comment",
            number = &c.number.value,
            reference = &reference,
            doc_id = &doc.id(),
            lang = &lang
        ),
    )
    .at(at);
    if let Some(best) = c.excerpt.as_deref().and_then(|e| closest_text(t, e)) {
        d = d.hint(msg!("review-orphaned-comment-hint", best = &best));
    } else if let Some(h) = did_you_mean(
        reference,
        crate::resolve::review_numbers(t)
            .list
            .iter()
            .map(|p| p.number.as_str()),
    ) {
        d = d.hint(h);
    } else {
        d = d.hint(msg!("review-orphaned-comment-hint-2"));
    }
    if doc.meta.status == Status::Final {
        d.severity = crate::diag::Severity::Error;
    }
    diags.push(d);
}

/// The review number of the paragraph whose words best match `excerpt` (at least half
/// of the excerpt's words).
fn closest_text(t: &Translation, excerpt: &str) -> Option<String> {
    let words = |s: &str| -> BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 2)
            .map(str::to_lowercase)
            .collect()
    };
    let wanted = words(excerpt);
    if wanted.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for p in &crate::resolve::review_numbers(t).list {
        let have = words(&p.text);
        let common = wanted.intersection(&have).count();
        if common * 2 >= wanted.len() && best.is_none_or(|(n, _)| common > n) {
            best = Some((common, &p.number));
        }
    }
    best.map(|(_, n)| n.to_string())
}
