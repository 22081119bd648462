//! Find references and rename, across every document and every language.
//!
//! A thing that can be referred to has a [`Key`]: an anchor of a document (a heading, a
//! table, a figure, a procedure, a step), a legal instrument, a work of the bibliography
//! or an actor. The references are found in the resolved model (links whose target
//! resolved to that key, citations, the names in procedure YAML), in every translation,
//! so renaming a heading id also rewrites the references in the English chapters.

use std::collections::BTreeSet;

use crate::model::*;
use crate::source::Span;

use super::navigate::{Target, registry_span};

/// What references point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// An id of a document (`procedure.step` for a step).
    Anchor {
        /// The document.
        doc: String,
        /// The id.
        id: String,
    },
    /// A legal instrument.
    Legal(String),
    /// A work of the bibliography.
    Cite(String),
    /// An actor.
    Actor(String),
}

/// The key of what the cursor is on.
pub fn key_of(target: &Target) -> Option<Key> {
    match target {
        Target::Xref { xref, .. } => Some(Key::Anchor {
            doc: xref.doc.clone(),
            id: xref.anchor.clone().filter(|a| !a.starts_with('^'))?,
        }),
        Target::Step { doc, anchor, .. } => Some(Key::Anchor {
            doc: doc.clone(),
            id: anchor.clone(),
        }),
        Target::Anchor { doc, id, .. } => Some(Key::Anchor {
            doc: doc.clone(),
            id: id.clone(),
        }),
        Target::Legal(l) => Some(Key::Legal(l.id.clone())),
        Target::Cite { key, .. } => Some(Key::Cite(key.clone())),
        Target::Actor(n) => Some(Key::Actor(n.value.clone())),
    }
}

/// One place a key is written, with the bytes of the id itself (what a rename rewrites).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// The whole reference or definition.
    pub span: Span,
    /// The bytes of the id inside it.
    pub id: Span,
    /// Whether this is the definition.
    pub definition: bool,
}

/// Every place `key` is written, definitions first, in project order.
pub fn occurrences(project: &Project, key: &Key) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let text = |s: Span| project.sources.text(s);
    // Definitions.
    match key {
        Key::Anchor { doc, id } => {
            for t in project.document(doc).iter().flat_map(|d| &d.translations) {
                if let Some(a) = t.anchors.get(id) {
                    let span = a.span;
                    let at = match a.kind {
                        // `{#id}` inside the heading or caption line.
                        AnchorKind::Step | AnchorKind::Procedure => Some(span),
                        _ => text(span).find(&format!("{{#{id}")).map(|i| {
                            Span::new(
                                span.source,
                                span.start + i + 2..span.start + i + 2 + id.len(),
                            )
                        }),
                    };
                    if let Some(id_span) = at {
                        out.push(Occurrence {
                            span,
                            id: id_span,
                            definition: true,
                        });
                    }
                }
            }
        }
        Key::Legal(id) => {
            if let Some(i) = project
                .registries
                .instruments
                .iter()
                .find(|i| &i.id.value == id)
                && let Some(s) = registry_span(project, "legal.yaml", &i.id)
            {
                out.push(Occurrence {
                    span: s,
                    id: s,
                    definition: true,
                });
            }
        }
        Key::Actor(id) => {
            if let Some(a) = project.registries.actors.iter().find(|a| &a.id.value == id)
                && let Some(s) = registry_span(project, "actors.yaml", &a.id)
            {
                out.push(Occurrence {
                    span: s,
                    id: s,
                    definition: true,
                });
            }
        }
        Key::Cite(k) => {
            if let Some(s) = project
                .registries
                .bibliography
                .as_ref()
                .and_then(|b| b.keys.get(k))
            {
                out.push(Occurrence {
                    span: *s,
                    id: *s,
                    definition: true,
                });
            }
        }
    }
    // References.
    for doc in &project.documents {
        for t in &doc.translations {
            for c in &t.chapters {
                let mut visit = |block: &Block| {
                    if let BlockKind::Procedure(p) = &block.kind {
                        procedure_refs(p, doc.id(), key, &mut out);
                    }
                    block_inlines(block, &mut |inlines| {
                        walk_inlines(inlines, &mut |inline| {
                            inline_refs(project, inline, key, &mut out);
                        });
                    });
                };
                walk_blocks(&c.blocks, &mut visit);
                for f in &c.footnotes {
                    walk_blocks(&f.blocks, &mut visit);
                }
            }
        }
    }
    let mut seen = BTreeSet::new();
    out.retain(|o| seen.insert((o.id.source, o.id.start, o.id.end)));
    out
}

fn inline_refs(project: &Project, inline: &Inline, key: &Key, out: &mut Vec<Occurrence>) {
    let span = inline.span;
    let text = project.sources.text(span);
    let found = |needle: &str, from: usize| {
        text.get(from..)?
            .find(needle)
            .map(|i| (span.start + from + i, span.start + from + i + needle.len()))
    };
    // The destination of a link starts after its text: `](`.
    let dest_from = text.rfind("](").unwrap_or(0);
    match (&inline.kind, key) {
        (InlineKind::Link(l), Key::Anchor { doc, id }) => {
            if let LinkTarget::Xref(x) = &l.target
                && &x.doc == doc
                && x.anchor.as_deref() == Some(id)
                && let Some((s, e)) = found(&format!("#{id}"), dest_from)
            {
                out.push(Occurrence {
                    span,
                    id: Span::new(span.source, s + 1..e),
                    definition: false,
                });
            }
        }
        (InlineKind::Link(l), Key::Legal(id)) => {
            if let LinkTarget::Legal(r) = &l.target
                && &r.id == id
                && let Some((s, e)) = found(&format!("legal:{id}"), dest_from)
            {
                out.push(Occurrence {
                    span,
                    id: Span::new(span.source, s + 6..e),
                    definition: false,
                });
            }
        }
        (InlineKind::Citation(c), Key::Cite(k)) => {
            if c.items.iter().any(|i| &i.key == k)
                && let Some((s, e)) = found(&format!("@{k}"), 0)
            {
                out.push(Occurrence {
                    span,
                    id: Span::new(span.source, s + 1..e),
                    definition: false,
                });
            }
        }
        _ => {}
    }
}

fn procedure_refs(p: &Procedure, doc: &str, key: &Key, out: &mut Vec<Occurrence>) {
    let mut push = |n: &Named| {
        out.push(Occurrence {
            span: n.span,
            id: n.span,
            definition: false,
        })
    };
    for s in &p.steps {
        match key {
            Key::Actor(id) => {
                for a in s.actor.iter().chain(&s.support) {
                    if &a.value == id {
                        push(a);
                    }
                }
            }
            Key::Anchor { doc: d, id } if d == doc => {
                let targets: Vec<&Named> = match &s.flow {
                    Flow::Next {
                        target,
                        implied: false,
                    } => vec![target],
                    Flow::Decision { branches, .. } => branches.iter().map(|b| &b.target).collect(),
                    _ => Vec::new(),
                };
                for t in targets {
                    if *id == format!("{}.{}", p.id, t.value) {
                        push(t);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether `key` can be renamed, and the name to offer for editing (a step's own id,
/// without its procedure); refused with the reason otherwise.
pub fn prepare(project: &Project, key: &Key) -> Result<String, String> {
    let Key::Anchor { doc, id } = key else {
        return Err("only the ids of headings and procedure steps can be renamed".into());
    };
    let kind = project
        .document(doc)
        .iter()
        .flat_map(|d| &d.translations)
        .find_map(|t| t.anchors.get(id))
        .map(|a| a.kind)
        .ok_or_else(|| format!("`{id}` is not an id of `{doc}`"))?;
    match kind {
        AnchorKind::Step => Ok(id
            .rsplit_once('.')
            .map_or(id.as_str(), |(_, s)| s)
            .to_string()),
        AnchorKind::Chapter
        | AnchorKind::Section
        | AnchorKind::Annex
        | AnchorKind::AnnexSection => Ok(id.clone()),
        _ => Err("only the ids of headings and procedure steps can be renamed".into()),
    }
}

/// The edits that rename the heading or step id `key` to `new` everywhere (its
/// definitions in every translation and every reference), or why not.
pub fn rename(project: &Project, key: &Key, new: &str) -> Result<Vec<(Span, String)>, String> {
    let Key::Anchor { doc, id } = key else {
        return Err("only the ids of headings and procedure steps can be renamed".into());
    };
    let translations: Vec<&Translation> = project
        .document(doc)
        .iter()
        .flat_map(|d| &d.translations)
        .collect();
    let kind = translations
        .iter()
        .find_map(|t| t.anchors.get(id))
        .map(|a| a.kind)
        .ok_or_else(|| format!("`{id}` is not an id of `{doc}`"))?;
    let (new_id, written) = match kind {
        AnchorKind::Step => {
            let (procedure, _) = id.rsplit_once('.').ok_or("not a step id")?;
            (format!("{procedure}.{new}"), new.to_string())
        }
        AnchorKind::Chapter
        | AnchorKind::Section
        | AnchorKind::Annex
        | AnchorKind::AnnexSection => (new.to_string(), new.to_string()),
        _ => return Err("only the ids of headings and procedure steps can be renamed".into()),
    };
    if !is_valid_id(new) {
        return Err(format!(
            "`{new}` is not a valid id: lower-case letters, digits and single hyphens"
        ));
    }
    if translations.iter().any(|t| t.anchors.contains_key(&new_id)) {
        return Err(format!("`{new_id}` is already an id of `{doc}`"));
    }
    let occurrences = occurrences(project, key);
    let definitions = occurrences.iter().filter(|o| o.definition).count();
    if definitions
        < translations
            .iter()
            .filter(|t| t.anchors.contains_key(id))
            .count()
    {
        return Err(format!(
            "`{id}` is a positional id in some translation: write `{{#{id}}}` on the heading first"
        ));
    }
    Ok(occurrences
        .into_iter()
        .map(|o| {
            // A step's own id and the step names of its procedure are the bare step id; a
            // link holds the whole anchor.
            let is_link = project.sources.text(o.span).contains("](");
            let text = if is_link || kind != AnchorKind::Step {
                &new_id
            } else {
                &written
            };
            (o.id, text.clone())
        })
        .collect())
}

/// Byte-range replacements in one translation state file.
pub type StateEdits = (std::path::PathBuf, Vec<(std::ops::Range<usize>, String)>);

/// The edits that keep the translation state (`translation.yaml` of every translation of
/// `doc`) true to a heading renamed from `old` to `new`: its units are keyed by section
/// id (`"old.1"`, `"old.h"`), so those keys follow. `read` gives a file's current text.
/// Returns `(path, [(byte range, new text)])` per state file that changes.
pub fn rename_state(
    project: &Project,
    doc: &str,
    old: &str,
    new: &str,
    read: &dyn Fn(&std::path::Path) -> Option<String>,
) -> Vec<StateEdits> {
    let mut out = Vec::new();
    let needle = format!("\"{old}.");
    for t in project.document(doc).iter().flat_map(|d| &d.translations) {
        let Some(dir) = t
            .chapters
            .first()
            .and_then(|c| project.sources.get(c.source).abs_path.as_deref())
            .and_then(std::path::Path::parent)
        else {
            continue;
        };
        let path = dir.join(crate::translate::state::STATE_FILE);
        let Some(text) = read(&path) else { continue };
        let mut edits = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_start();
            if body.starts_with(&needle) {
                let start = offset + (line.len() - body.len()) + 1;
                edits.push((start..start + old.len(), new.to_string()));
            }
            offset += line.len();
        }
        if !edits.is_empty() {
            out.push((path, edits));
        }
    }
    out
}
