//! The translators' workflow: XLIFF export and import, and stale-translation status.
//!
//! It sits above the stages (load, parse, resolve) and below the command line:
//! - [`align`] pairs the units of a translation with the source's, by content when
//!   blocks were inserted or removed;
//! - [`segment`] cuts a chapter into translation units with structural ids and
//!   fingerprints, and writes units back as Markdown;
//! - [`text`] compares, fingerprints and writes back a unit's content;
//! - [`xliff`] writes and reads XLIFF 2.0 and 1.2;
//! - [`export`] and [`import`] carry text to and from CAT tools;
//! - [`state`] is the committed file of fingerprints a translation was made from;
//! - [`status`] compares it with the sources (`translate status`, `translate/stale`).

pub mod align;
pub mod export;
pub mod import;
pub mod segment;
pub mod state;
pub mod status;
pub mod termbase;
pub mod text;
pub mod xliff;

use std::path::Path;

use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::model::{Chapter, Document, Project};

/// Loads and resolves the project (ids and numbers are needed for unit ids and notes).
/// Returns the project, when the manifest is usable, and the loading problems.
///
/// # Errors
/// Environment failures only.
pub fn load(root: &Path) -> Result<(Option<Project>, Vec<Diagnostic>, crate::source::SourceMap)> {
    let loaded = crate::project::load(root)?;
    let mut diags = loaded.diagnostics;
    let Some(mut project) = loaded.project else {
        return Ok((None, diags, loaded.sources));
    };
    diags.extend(crate::resolve::resolve(&mut project));
    let sources = project.sources.clone();
    Ok((Some(project), diags, sources))
}

/// The documents named on the command line (all when `ids` is empty).
///
/// # Errors
/// [`Error::Usage`] for an unknown id.
pub fn select_documents<'a>(project: &'a Project, ids: &[String]) -> Result<Vec<&'a Document>> {
    if ids.is_empty() {
        return Ok(project.documents.iter().collect());
    }
    ids.iter()
        .map(|id| {
            project.document(id).ok_or_else(|| {
                let known: Vec<&str> = project.documents.iter().map(|d| d.id()).collect();
                Error::usage(crate::msg!(
                    "usage-no-document",
                    id = id,
                    documents = known.join(", ")
                ))
            })
        })
        .collect()
}

/// Checks that `lang` is a target language of the project.
///
/// # Errors
/// [`Error::Usage`] when it is the source language or not in the manifest.
pub fn check_target_language(project: &Project, lang: &str) -> Result<()> {
    let langs: Vec<&str> = project.languages().collect();
    if lang == project.source_language() {
        return Err(Error::usage(crate::msg!(
            "usage-source-language",
            lang = lang,
            targets = langs[1..].join(", ")
        )));
    }
    if !langs.contains(&lang) {
        return Err(Error::usage(crate::msg!(
            "usage-not-a-language",
            lang = lang,
            languages = langs.join(", ")
        )));
    }
    Ok(())
}

/// The text of a chapter file.
pub(crate) fn text_of<'a>(project: &'a Project, chapter: &Chapter) -> &'a str {
    &project.sources.get(chapter.source).text
}

/// The chapter of `doc` in `lang` with this file name.
pub(crate) fn chapter_in<'a>(doc: &'a Document, lang: &str, file: &str) -> Option<&'a Chapter> {
    doc.translation(lang)?
        .chapters
        .iter()
        .find(|c| c.file_name == file)
}
