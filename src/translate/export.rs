//! `sopdoc translate export`: one XLIFF file per document and target language.
#![allow(clippy::disallowed_methods)] // Writes the XLIFF files for translators.

use std::collections::HashMap;
use std::path::PathBuf;

use super::segment::{self, Piece, Unit, chapter_units, sanitize_id};
use super::state::{self, TranslationState};
use super::xliff::{self, State, Version, XFile, XUnit, Xliff};
use crate::diag::Diagnostic;
use crate::error::Result;
use crate::model::{Document, Project};

/// What `export` wrote for one document.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The document id.
    pub doc: String,
    /// The XLIFF file written.
    pub path: PathBuf,
    /// Units in it.
    pub units: usize,
    /// Units with a current translation.
    pub translated: usize,
    /// Words of source text without a current translation (new or changed).
    pub words_to_translate: usize,
}

/// Builds the XLIFF of `doc` for `lang` (pure: no file is read or written).
/// `state` is the translation's state file, when there is one.
pub fn build(
    project: &Project,
    doc: &Document,
    lang: &str,
    state: Option<&TranslationState>,
) -> Xliff {
    let src_lang = project.source_language();
    let mut out = Xliff {
        src_lang: src_lang.to_string(),
        trg_lang: lang.to_string(),
        files: Vec::new(),
    };
    let Some(source) = doc.translation(src_lang) else {
        return out;
    };
    for chapter in &source.chapters {
        let units = chapter_units(chapter, super::text_of(project, chapter));
        let trg_units: Vec<Unit> = super::chapter_in(doc, lang, &chapter.file_name)
            .map(|c| chapter_units(c, super::text_of(project, c)))
            .unwrap_or_default();
        let chapter_state = state.and_then(|s| s.chapters.get(&chapter.file_name));
        // By content when blocks were inserted: never a neighbour's translation.
        let matched = super::align::match_units(&units, &trg_units, chapter_state);
        let mut file = XFile {
            id: sanitize_id(chapter.stem()),
            original: format!("{}/{}/{}", doc.folder, src_lang, chapter.file_name),
            units: Vec::new(),
            pos: 0,
        };
        for (k, u) in units.into_iter().enumerate() {
            let fp = u.fingerprint();
            let mut notes = vec![if u.section.is_empty() {
                u.kind.describe()
            } else {
                format!("{} in {}", u.kind.describe(), u.section)
            }];
            let t = matched[k]
                .map(|i| &trg_units[i])
                .filter(|t| !super::align::is_untranslated_copy(&u, t, chapter_state));
            let recorded = t.and_then(|t| chapter_state.and_then(|s| s.get(&t.id)));
            let stale =
                matches!((t, recorded), (Some(_), Some(r)) if !u.has_fingerprint(&r.source));
            if stale {
                notes.push(
                    "the source text changed since this translation was made: check it".into(),
                );
            }
            if u.pieces.iter().any(|p| {
                matches!(
                    p,
                    Piece::Ph {
                        kind: segment::CodeKind::Xref,
                        ..
                    }
                )
            }) {
                notes.push("empty links such as [](#id) are cross-references: sopdoc prints the number (\"section 3.2\") in the target language".into());
            }
            if u.pieces.iter().any(
                |p| matches!(p, Piece::Close { md, .. } if segment::opens_verify_note(md).is_some()),
            ) {
                notes.push("a fact marked to verify is followed by the reviewers' note on what to check, between two codes: translate the note too".into());
            }
            file.units.push(XUnit {
                id: u.id.clone(),
                notes,
                target: t.map(|t| align_codes(&u.pieces, &t.pieces)),
                target_fingerprint: t.map(|t| t.fingerprint()),
                state: match (t, stale) {
                    (None, _) | (_, true) => State::Initial,
                    _ => State::Translated,
                },
                source: u.pieces,
                fingerprint: Some(fp),
                pos: 0,
                target_pos: 0,
            });
        }
        out.files.push(file);
    }
    out
}

/// Renumbers the target's codes after the source's: a code with the same Markdown takes the
/// source code's id (so CAT tools see the same tag); others get fresh ids.
fn align_codes(source: &[Piece], target: &[Piece]) -> Vec<Piece> {
    let mut next = source
        .iter()
        .filter_map(|p| match p {
            Piece::Open { id, .. } | Piece::Ph { id, .. } => Some(*id),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        + 1;
    let mut used = std::collections::HashSet::new();
    let mut map: HashMap<u32, u32> = HashMap::new();
    let close_md = |id: u32| {
        source.iter().find_map(|p| match p {
            Piece::Close { id: i, md } if *i == id => Some(md.as_str()),
            _ => None,
        })
    };
    let target_close = |id: u32| {
        target.iter().find_map(|p| match p {
            Piece::Close { id: i, md } if *i == id => Some(md.as_str()),
            _ => None,
        })
    };
    let mut out = Vec::with_capacity(target.len());
    for p in target {
        out.push(match p {
            Piece::Text(t) => Piece::Text(t.clone()),
            Piece::Open { id, kind, md } => {
                let found = source.iter().find_map(|s| match s {
                    Piece::Open {
                        id: sid, md: smd, ..
                    } if smd == md
                        && !used.contains(sid)
                        && close_md(*sid) == target_close(*id) =>
                    {
                        Some(*sid)
                    }
                    _ => None,
                });
                let new = found.unwrap_or_else(|| {
                    next += 1;
                    next - 1
                });
                used.insert(new);
                map.insert(*id, new);
                Piece::Open {
                    id: new,
                    kind: *kind,
                    md: md.clone(),
                }
            }
            Piece::Close { id, md } => Piece::Close {
                id: map.get(id).copied().unwrap_or(*id),
                md: md.clone(),
            },
            Piece::Ph { kind, md, .. } => {
                let found = source.iter().find_map(|s| match s {
                    Piece::Ph {
                        id: sid, md: smd, ..
                    } if smd == md && !used.contains(sid) => Some(*sid),
                    _ => None,
                });
                let new = found.unwrap_or_else(|| {
                    next += 1;
                    next - 1
                });
                used.insert(new);
                Piece::Ph {
                    id: new,
                    kind: *kind,
                    md: md.clone(),
                }
            }
        });
    }
    out
}

/// Exports every selected document for `lang` into `out_dir` as `<doc>.<lang>.xlf`.
/// State-file problems come back as diagnostics (the export goes on without the state).
///
/// # Errors
/// [`crate::Error::Write`] when a file cannot be written.
pub fn export(
    project: &Project,
    docs: &[&Document],
    lang: &str,
    version: Version,
    out_dir: &std::path::Path,
    sources: &mut crate::source::SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Exported>> {
    let mut written = Vec::new();
    for doc in docs {
        let st = match state::read(
            &*project.world,
            &project.root,
            &state::path(project, doc, lang),
            sources,
        ) {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                None
            }
        };
        let x = build(project, doc, lang, st.as_ref());
        let path = out_dir.join(format!("{}.{lang}.xlf", doc.id()));
        crate::output::write_atomic(&path, xliff::write(&x, version).as_bytes())?;
        let units: Vec<&XUnit> = x.files.iter().flat_map(|f| &f.units).collect();
        let translated = units
            .iter()
            .filter(|u| u.target.is_some() && u.state != State::Initial)
            .count();
        let words_to_translate = units
            .iter()
            .filter(|u| u.target.is_none() || u.state == State::Initial)
            .map(|u| {
                u.source
                    .iter()
                    .map(|p| match p {
                        Piece::Text(t) => t.split_whitespace().count(),
                        _ => 0,
                    })
                    .sum::<usize>()
            })
            .sum();
        written.push(Exported {
            doc: doc.id().to_string(),
            path,
            units: units.len(),
            translated,
            words_to_translate,
        });
    }
    Ok(written)
}
