//! Heading structure: each chapter opens with one level-1 heading, and levels never jump.

use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::model::{BlockKind, Project};
use crate::msg;

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    for doc in &project.documents {
        for t in &doc.translations {
            for chapter in &t.chapters {
                let mut previous: Option<u8> = None;
                for block in &chapter.blocks {
                    let BlockKind::Heading(h) = &block.kind else {
                        continue;
                    };
                    match previous {
                        None if h.level != 1 => diags.push(
                            Diagnostic::warning(
                                rules::STRUCTURE_FIRST_HEADING,
                                msg!("structure-first-heading", level = &h.level),
                            )
                            .at(block.span)
                            .hint(msg!("structure-first-heading-hint")),
                        ),
                        Some(prev) if h.level > prev + 1 => diags.push(
                            Diagnostic::warning(
                                rules::STRUCTURE_HEADING_JUMP,
                                msg!("structure-heading-jump", prev = &prev, level = &h.level),
                            )
                            .at(block.span)
                            .hint(msg!(
                                "structure-heading-jump-hint",
                                prev = &("#".repeat(usize::from(prev) + 1))
                            )),
                        ),
                        _ => {}
                    }
                    previous = Some(h.level);
                }
            }
        }
    }
}
