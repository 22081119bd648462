//! Procedures after parsing: actors get their printed names, and responsibility matrices
//! (who is responsible for, or supports, which steps of each procedure of a document) are
//! computed from the procedures themselves, so the matrix never disagrees with them.

use crate::model::*;

/// Sets the printed label and full name of every actor named in a procedure.
pub(super) fn label_actors(project: &mut Project) {
    let src = project.source_language().to_string();
    let actors = &project.registries.actors;
    for doc in &mut project.documents {
        for t in &mut doc.translations {
            let lang = t.lang.clone();
            let label = |n: &mut Named| {
                if let Some(a) = actors.iter().find(|a| a.id.value == n.value) {
                    n.name = a.name.get(&lang, &src).to_string();
                    n.label = a
                        .acronym
                        .as_ref()
                        .map_or_else(|| n.name.clone(), |s| s.get(&lang, &src).to_string());
                }
            };
            for ch in &mut t.chapters {
                for b in &mut ch.blocks {
                    visit(b, &mut |p| {
                        for s in &mut p.steps {
                            for n in s.actor.iter_mut().chain(s.support.iter_mut()) {
                                label(n);
                            }
                        }
                    });
                }
            }
        }
    }
}

fn visit(b: &mut Block, f: &mut dyn FnMut(&mut Procedure)) {
    match &mut b.kind {
        BlockKind::Procedure(p) => f(p),
        BlockKind::List(l) => {
            for item in &mut l.items {
                for b in &mut item.blocks {
                    visit(b, f);
                }
            }
        }
        BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => {
            for b in blocks {
                visit(b, f);
            }
        }
        _ => {}
    }
}

/// Fills every ```` ```responsibilities ```` block of every translation.
pub(super) fn fill_matrices(project: &mut Project) {
    let actor_order: Vec<String> = project
        .registries
        .actors
        .iter()
        .map(|a| a.id.value.clone())
        .collect();
    for doc in &mut project.documents {
        for t in &mut doc.translations {
            let procedures = collect(&t.chapters);
            if procedures.is_empty() && !has_matrix(&t.chapters) {
                continue;
            }
            let (heads, rows) = table(&procedures, &actor_order);
            for ch in &mut t.chapters {
                for b in &mut ch.blocks {
                    fill(b, &heads, &rows);
                }
            }
        }
    }
}

fn has_matrix(chapters: &[Chapter]) -> bool {
    let mut found = false;
    for ch in chapters {
        walk_blocks(&ch.blocks, &mut |b| {
            found |= matches!(b.kind, BlockKind::Matrix(_));
        });
    }
    found
}

/// The procedures of a translation with the stem of their chapter.
fn collect(chapters: &[Chapter]) -> Vec<(&Procedure, &str)> {
    let mut out = Vec::new();
    for ch in chapters {
        walk_blocks(&ch.blocks, &mut |b| {
            if let BlockKind::Procedure(p) = &b.kind {
                out.push((&**p, ch.stem()));
            }
        });
    }
    out
}

type Heads = Vec<MatrixColumn>;

fn table(found: &[(&Procedure, &str)], actor_order: &[String]) -> (Heads, Vec<MatrixRow>) {
    let heads: Heads = found
        .iter()
        .map(|(p, stem)| MatrixColumn {
            id: p.id.clone(),
            number: p.number.clone(),
            title: plain_text(&p.title),
            chapter_stem: stem.to_string(),
        })
        .collect();
    let procedures: Vec<&Procedure> = found.iter().map(|(p, _)| *p).collect();
    // Actors in registry order, then unknown ones (reported by the checks) as met.
    let mut actors: Vec<&Named> = Vec::new();
    for p in &procedures {
        for s in &p.steps {
            for a in s.actor.iter().chain(&s.support) {
                if !actors.iter().any(|x| x.value == a.value) {
                    actors.push(a);
                }
            }
        }
    }
    let rank = |a: &Named| {
        actor_order
            .iter()
            .position(|x| *x == a.value)
            .unwrap_or(actor_order.len())
    };
    let mut ordered: Vec<(usize, usize, &Named)> = actors
        .into_iter()
        .enumerate()
        .map(|(i, a)| (rank(a), i, a))
        .collect();
    ordered.sort_by_key(|(r, i, _)| (*r, *i));
    let rows = ordered
        .into_iter()
        .map(|(_, _, actor)| MatrixRow {
            cells: procedures
                .iter()
                .map(|p| {
                    let mut lead = Vec::new();
                    let mut support = Vec::new();
                    for s in &p.steps {
                        if s.actor.as_ref().is_some_and(|a| a.value == actor.value) {
                            lead.push(s.number);
                        } else if s.support.iter().any(|a| a.value == actor.value) {
                            support.push(s.number);
                        }
                    }
                    (lead, support)
                })
                .collect(),
            actor: actor.clone(),
        })
        .collect();
    (heads, rows)
}

fn fill(b: &mut Block, heads: &Heads, rows: &[MatrixRow]) {
    match &mut b.kind {
        BlockKind::Matrix(m) => {
            m.procedures = heads.clone();
            m.rows = rows.to_vec();
        }
        BlockKind::List(l) => {
            for item in &mut l.items {
                for b in &mut item.blocks {
                    fill(b, heads, rows);
                }
            }
        }
        BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => {
            for b in blocks {
                fill(b, heads, rows);
            }
        }
        _ => {}
    }
}
