//! `xref/unreferenced-anchor` (off by default): explicit ids that nothing refers to.
//!
//! Explicit `{#id}`s are also the stable ids of translation and diff, so most of them are
//! never linked; that is why the rule runs only when a project asks for it in `rules:`
//! (`xref/unreferenced-anchor: warning`), for example before a final review, to find
//! labels left over from a restructuring.

use std::collections::BTreeSet;

use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::model::*;
use crate::msg;

/// The rule id.
pub const RULE: &str = rules::XREF_UNREFERENCED_ANCHOR.id;

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let wanted = project
        .manifest
        .rules
        .get(RULE)
        .is_some_and(|level| level.value != "off");
    if !wanted {
        return;
    }
    let mut referenced: BTreeSet<(String, String)> = BTreeSet::new();
    for doc in &project.documents {
        for t in &doc.translations {
            for ch in &t.chapters {
                let mut visit = |inl: &[Inline]| {
                    walk_inlines(inl, &mut |i| {
                        if let InlineKind::Link(link) = &i.kind
                            && let LinkTarget::Xref(x) = &link.target
                            && let Some(a) = &x.anchor
                        {
                            referenced.insert((x.doc.clone(), a.clone()));
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
    for doc in &project.documents {
        // The source language declares the ids; translations mirror them.
        let Some(t) = doc.translations.first() else {
            continue;
        };
        for ch in &t.chapters {
            walk_blocks(&ch.blocks, &mut |b| {
                if let BlockKind::Heading(h) = &b.kind
                    && let Some(id) = &h.explicit_id
                    && !referenced.contains(&(doc.id().to_string(), id.clone()))
                {
                    diags.push(
                        Diagnostic::warning(RULE, msg!("xref-unreferenced-anchor", id = &id))
                            .at(b.span)
                            .hint(msg!(
                                "xref-unreferenced-anchor-hint",
                                id = &id,
                                doc_id = &doc.id()
                            )),
                    );
                }
            });
        }
    }
}
