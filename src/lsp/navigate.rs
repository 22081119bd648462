//! What the cursor is on, and where that thing is defined, read from the resolved model.
//!
//! Links, citations and the names inside procedure YAML keep their source spans through
//! parsing and resolution, and resolution has already decided what each reference points
//! at ([`LinkTarget`]). So finding the target under the cursor is a walk over the
//! chapter's blocks for the innermost span holding the offset, and its definition is the
//! span the resolve stage recorded for the anchor, or the registry entry's own span.

use serde_saphyr::Spanned;

use crate::model::*;
use crate::source::{SourceId, Span};
use crate::yaml::{Embedding, value_span};

/// A thing the cursor can be on.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A cross-reference, resolved.
    Xref {
        /// The language of the referring translation (the target's, when it has one).
        lang: String,
        /// The resolved reference.
        xref: Xref,
    },
    /// A legal instrument (`legal:loi#3`).
    Legal(LegalRef),
    /// A work of the bibliography (`[@key]`).
    Cite {
        /// The key.
        key: String,
        /// The citation as the document prints it.
        rendered: String,
    },
    /// An actor named in a procedure (`actor:`, `support:`).
    Actor(Named),
    /// A step named as where the case goes next (`next:`, a branch).
    Step {
        /// The document.
        doc: String,
        /// The translation's language.
        lang: String,
        /// The anchor of the step (`procedure-id.step-id`).
        anchor: String,
    },
    /// The definition of an id itself: a heading, a procedure, a step.
    Anchor {
        /// The document.
        doc: String,
        /// The translation's language.
        lang: String,
        /// The id.
        id: String,
    },
}

/// Where a chapter sits in the project.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// Its document.
    pub doc: &'a Document,
    /// Its translation.
    pub translation: &'a Translation,
    /// The chapter.
    pub chapter: &'a Chapter,
}

/// The chapter held by the file `source`, if it is one.
pub fn place_of(project: &Project, source: SourceId) -> Option<Place<'_>> {
    project.documents.iter().find_map(|doc| {
        doc.translations.iter().find_map(|translation| {
            translation
                .chapters
                .iter()
                .find(|c| c.source == source)
                .map(|chapter| Place {
                    doc,
                    translation,
                    chapter,
                })
        })
    })
}

/// The innermost target whose span holds `offset` in the file `source`, with that span.
pub fn target_at(project: &Project, source: SourceId, offset: usize) -> Option<(Span, Target)> {
    let place = place_of(project, source)?;
    let lang = place.translation.lang.as_str();
    let doc = place.doc.id();
    let mut best: Option<(Span, Target)> = None;
    let holds = |s: Span| s.start <= offset && offset <= s.end && s.source == source;
    let mut consider = |span: Span, target: Target| {
        if best
            .as_ref()
            .is_none_or(|(b, _)| span.end - span.start <= b.end - b.start)
        {
            best = Some((span, target));
        }
    };
    let mut visit = |block: &Block| {
        if !holds(block.span) && !matches!(block.kind, BlockKind::Procedure(_)) {
            return;
        }
        if let BlockKind::Procedure(p) = &block.kind {
            for (span, target) in procedure_names(p, doc, lang) {
                if holds(span) {
                    consider(span, target);
                }
            }
        }
        if let BlockKind::Heading(h) = &block.kind
            && holds(block.span)
            && !h.id.is_empty()
        {
            consider(
                block.span,
                Target::Anchor {
                    doc: doc.to_string(),
                    lang: lang.to_string(),
                    id: h.id.clone(),
                },
            );
        }
        block_inlines(block, &mut |inlines| {
            walk_inlines(inlines, &mut |inline| {
                if !holds(inline.span) {
                    return;
                }
                match &inline.kind {
                    InlineKind::Link(link) => match &link.target {
                        LinkTarget::Xref(x) => consider(
                            inline.span,
                            Target::Xref {
                                lang: lang.to_string(),
                                xref: x.clone(),
                            },
                        ),
                        LinkTarget::Legal(l) => consider(inline.span, Target::Legal(l.clone())),
                        _ => {}
                    },
                    InlineKind::Citation(c) => {
                        let text = project.sources.text(inline.span);
                        let key = cited_key_at(text, offset - inline.span.start, c);
                        consider(
                            inline.span,
                            Target::Cite {
                                key,
                                rendered: styled_text(&c.rendered),
                            },
                        );
                    }
                    _ => {}
                }
            });
        });
    };
    walk_blocks(&place.chapter.blocks, &mut visit);
    for f in &place.chapter.footnotes {
        walk_blocks(&f.blocks, &mut visit);
    }
    best
}

/// The names written in a procedure's YAML, with what each one is.
fn procedure_names(p: &Procedure, doc: &str, lang: &str) -> Vec<(Span, Target)> {
    let step = |id: &str| Target::Step {
        doc: doc.to_string(),
        lang: lang.to_string(),
        anchor: format!("{}.{id}", p.id),
    };
    let mut out = vec![(
        p.id_span,
        Target::Anchor {
            doc: doc.to_string(),
            lang: lang.to_string(),
            id: p.id.clone(),
        },
    )];
    for s in &p.steps {
        out.push((
            s.id.span,
            Target::Anchor {
                doc: doc.to_string(),
                lang: lang.to_string(),
                id: format!("{}.{}", p.id, s.id.value),
            },
        ));
        for actor in s.actor.iter().chain(&s.support) {
            out.push((actor.span, Target::Actor(actor.clone())));
        }
        match &s.flow {
            Flow::Next {
                target,
                implied: false,
            } => out.push((target.span, step(&target.value))),
            Flow::Decision { branches, .. } => {
                for b in branches {
                    out.push((b.target.span, step(&b.target.value)));
                }
            }
            _ => {}
        }
    }
    out
}

/// Which key of a citation `[@a, p. 3; @b]` the cursor is on (`at` is relative to the
/// citation's text): the one whose `@key` holds it, else the first.
fn cited_key_at(text: &str, at: usize, c: &Citation) -> String {
    let mut from = 0;
    for item in &c.items {
        let needle = format!("@{}", item.key);
        if let Some(i) = text[from..].find(&needle) {
            let (start, end) = (from + i, from + i + needle.len());
            if start <= at && at <= end {
                return item.key.clone();
            }
            from = end;
        }
    }
    c.items.first().map(|i| i.key.clone()).unwrap_or_default()
}

/// The translation of `doc` in `lang`, else in the source language.
pub fn translation<'a>(project: &'a Project, doc: &str, lang: &str) -> Option<&'a Translation> {
    let d = project.document(doc)?;
    d.translation(lang)
        .or_else(|| d.translation(project.source_language()))
}

/// The anchor `id` of `doc` in `lang` (else in the source language).
pub fn anchor<'a>(project: &'a Project, doc: &str, lang: &str, id: &str) -> Option<&'a Anchor> {
    let d = project.document(doc)?;
    d.translation(lang)
        .and_then(|t| t.anchors.get(id))
        .or_else(|| {
            d.translation(project.source_language())
                .and_then(|t| t.anchors.get(id))
        })
}

/// Where a target is defined.
pub fn definition(project: &Project, target: &Target) -> Option<Span> {
    match target {
        Target::Xref { lang, xref } => {
            let t = translation(project, &xref.doc, lang)?;
            match xref.anchor.as_deref() {
                None => {
                    let first = t.chapters.first()?;
                    Some(
                        first
                            .blocks
                            .first()
                            .map_or(Span::file_start(first.source), |b| b.span),
                    )
                }
                Some(a) if a.starts_with('^') => {
                    let label = &a[1..];
                    t.chapters
                        .iter()
                        .filter(|c| c.stem() == xref.chapter_stem)
                        .flat_map(|c| &c.footnotes)
                        .find(|f| f.label == label)
                        .map(|f| f.span)
                }
                Some(a) => anchor(project, &xref.doc, lang, a).map(|a| a.span),
            }
        }
        Target::Step {
            doc,
            lang,
            anchor: id,
        }
        | Target::Anchor { doc, lang, id } => anchor(project, doc, lang, id).map(|a| a.span),
        Target::Legal(l) => {
            let i = project
                .registries
                .instruments
                .iter()
                .find(|i| i.id.value == l.id)?;
            registry_span(project, "legal.yaml", &i.id)
        }
        Target::Actor(named) => {
            let a = project
                .registries
                .actors
                .iter()
                .find(|a| a.id.value == named.value)?;
            registry_span(project, "actors.yaml", &a.id)
        }
        Target::Cite { key, .. } => project
            .registries
            .bibliography
            .as_ref()?
            .keys
            .get(key)
            .copied(),
    }
}

/// The source of a registry file (`actors.yaml`…) at the root of the sources folder.
pub fn registry_source(project: &Project, name: &str) -> Option<SourceId> {
    let dir = project
        .manifest
        .sources
        .trim_start_matches("./")
        .trim_end_matches('/');
    let path = if dir.is_empty() || dir == "." {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    };
    project.sources.find(&path)
}

/// The span of an id written in a registry file.
pub fn registry_span(project: &Project, name: &str, id: &Spanned<String>) -> Option<Span> {
    let source = registry_source(project, name)?;
    let file = project.sources.get(source);
    Some(value_span(
        id,
        &file.text,
        file,
        Embedding { source, offset: 0 },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_under_the_cursor_is_found_in_a_citation_of_several_works() {
        let c = Citation {
            items: vec![
                CiteItem {
                    key: "oim".into(),
                    locator: Some("p. 3".into()),
                },
                CiteItem {
                    key: "hcr".into(),
                    locator: None,
                },
            ],
            rendered: Vec::new(),
        };
        let text = "[@oim, p. 3; @hcr]";
        assert_eq!(cited_key_at(text, 2, &c), "oim");
        assert_eq!(
            cited_key_at(text, text.find("@hcr").unwrap() + 2, &c),
            "hcr"
        );
        assert_eq!(cited_key_at(text, 8, &c), "oim");
    }
}
