//! Heading structure: each chapter opens with one level-1 heading, and levels never jump.

use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::model::{BlockKind, Project};

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
                                format!("chapter starts with a level-{} heading", h.level),
                            )
                            .at(block.span)
                            .hint("open each chapter file with its title as `# Title {#id}`"),
                        ),
                        Some(prev) if h.level > prev + 1 => diags.push(
                            Diagnostic::warning(
                                rules::STRUCTURE_HEADING_JUMP,
                                format!("heading jumps from level {prev} to level {}", h.level),
                            )
                            .at(block.span)
                            .hint(format!(
                                "use `{} ` here, or add the missing level above",
                                "#".repeat(usize::from(prev) + 1)
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
