//! Which pages a rebuild renders: the translations whose files changed, and those whose
//! resolved cross-references print differently since the last write.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use super::Pending;
use crate::build::Pair;
use crate::error::Result;
use crate::model::*;
use crate::render::html::{OutputFile, render_site_subset};

/// Which pages a cycle renders.
pub(super) struct Plan {
    /// The whole site (a full reload, or the set of translations in the site changed).
    pub(super) full: bool,
    pub(super) pages: BTreeSet<Pair>,
    pub(super) fingerprints: BTreeMap<Pair, u64>,
}

pub(super) fn plan(
    project: &Project,
    include: &BTreeSet<Pair>,
    pending: &Pending,
    included: Option<&BTreeSet<Pair>>,
    previous: &BTreeMap<Pair, u64>,
) -> Plan {
    let fingerprints = xref_fingerprints(project);
    let full = pending.full || included != Some(include);
    let pages = if full {
        include.clone()
    } else {
        include
            .iter()
            .filter(|p| pending.pairs.contains(*p) || fingerprints.get(*p) != previous.get(*p))
            .cloned()
            .collect()
    };
    Plan {
        full,
        pages,
        fingerprints,
    }
}

pub(super) fn render(
    project: &Project,
    include: &BTreeSet<Pair>,
    pages: &BTreeSet<Pair>,
) -> Result<Vec<OutputFile>> {
    let has = |set: &BTreeSet<Pair>, d: &Document, l: &str| {
        set.contains(&(d.id().to_string(), l.to_string()))
    };
    render_site_subset(
        project,
        &|d: &Document, l: &str| has(include, d, l),
        &|d: &Document, l: &str| has(pages, d, l),
    )
}

pub(super) fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// A hash, per translation, of every resolved cross-reference and legal citation it holds:
/// when it changes, the translation prints differently although its own files did not.
pub fn xref_fingerprints(project: &Project) -> BTreeMap<Pair, u64> {
    let mut out = BTreeMap::new();
    for doc in &project.documents {
        for t in &doc.translations {
            let mut h = DefaultHasher::new();
            for chapter in &t.chapters {
                let mut visit = |blocks: &[crate::model::Block]| {
                    walk_blocks(blocks, &mut |b| {
                        block_inlines(b, &mut |inlines| {
                            walk_inlines(inlines, &mut |i| {
                                if let InlineKind::Link(l) = &i.kind {
                                    match &l.target {
                                        LinkTarget::Xref(x) => format!("{x:?}").hash(&mut h),
                                        LinkTarget::Legal(x) => format!("{x:?}").hash(&mut h),
                                        _ => {}
                                    }
                                }
                            })
                        })
                    })
                };
                visit(&chapter.blocks);
                for f in &chapter.footnotes {
                    visit(&f.blocks);
                }
            }
            out.insert((doc.id().to_string(), t.lang.clone()), h.finish());
        }
    }
    out
}
