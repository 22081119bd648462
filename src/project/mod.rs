//! Loading a project: manifest, registries, documents and chapters, in a stable order.
//!
//! Loading keeps going past broken files: every problem is a diagnostic, and only a
//! missing or unreadable project root is an [`Error`]. The result is a [`Project`] whose
//! chapters are parsed but not yet resolved (see [`crate::resolve`]).

mod bibliography;
mod documents;
mod files;
mod validate;

pub(crate) use validate::slug;

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::model::{Manifest, Project, Registries};
use crate::source::{SourceMap, Span};
use crate::yaml::{self, Embedding};

pub use files::read_source;

/// File name of the project manifest.
pub const MANIFEST: &str = "sopdoc.yaml";

/// What loading produced: the project, when the manifest could be read, and every problem.
#[derive(Debug)]
pub struct Loaded {
    /// The project; `None` when the manifest itself is unusable.
    pub project: Option<Project>,
    /// The files read (also inside `project` when there is one).
    pub sources: SourceMap,
    /// Problems found while loading and parsing.
    pub diagnostics: Vec<Diagnostic>,
}

/// Finds the project root: `start` or the nearest parent holding `sopdoc.yaml`.
///
/// # Errors
/// [`Error::NoProject`] when no folder up to the file-system root has a manifest.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    let start = start.canonicalize().map_err(|e| Error::Read {
        path: start.into(),
        source: e,
    })?;
    start
        .ancestors()
        .find(|dir| dir.join(MANIFEST).is_file())
        .map(Path::to_path_buf)
        .ok_or(Error::NoProject { start })
}

/// Loads and parses the project at `root`.
///
/// # Errors
/// [`Error::Read`] when the manifest or the sources folder cannot be read at all.
pub fn load(root: &Path) -> Result<Loaded> {
    let root = root.canonicalize().map_err(|e| Error::Read {
        path: root.into(),
        source: e,
    })?;
    let mut sources = SourceMap::new();
    let mut diags = Vec::new();
    let manifest_path = root.join(MANIFEST);
    if !manifest_path.is_file() {
        return Err(Error::NoProject { start: root });
    }
    let Some(manifest_id) = read_source(&root, &manifest_path, &mut sources, &mut diags)? else {
        return Ok(Loaded {
            project: None,
            sources,
            diagnostics: diags,
        });
    };
    let file = sources.get(manifest_id).clone();
    let at = Embedding {
        source: manifest_id,
        offset: 0,
    };
    let manifest: Manifest = match yaml::parse(&file.text, &file, at, "meta/manifest") {
        Ok(m) => m,
        Err(d) => {
            diags.push(empty_file_hint(d, &file.text));
            return Ok(Loaded {
                project: None,
                sources,
                diagnostics: diags,
            });
        }
    };
    validate::manifest(&manifest, &file, manifest_id, &mut diags);
    if manifest.languages.is_empty() {
        return Ok(Loaded {
            project: None,
            sources,
            diagnostics: diags,
        });
    }
    let sources_dir = root.join(&manifest.sources);
    let mut registries = Registries::default();
    let mut documents = Vec::new();
    if sources_dir.is_dir() {
        registries = documents::load_registries(&root, &sources_dir, &mut sources, &mut diags)?;
        documents =
            documents::load_documents(&root, &sources_dir, &manifest, &mut sources, &mut diags)?;
    } else {
        diags.push(
            Diagnostic::error(
                "meta/missing-sources",
                format!("the sources folder `{}` does not exist", manifest.sources),
            )
            .at(find_key(&file.text, "sources")
                .map_or(Span::file_start(manifest_id), |r| Span::new(manifest_id, r)))
            .hint("create it, or set `sources:` to the folder that holds your documents"),
        );
    }
    validate::documents(&documents, &sources, &mut diags);
    let project = Project {
        root,
        manifest,
        sources: sources.clone(),
        manifest_source: manifest_id,
        documents,
        registries,
    };
    Ok(Loaded {
        project: Some(project),
        sources,
        diagnostics: diags,
    })
}

/// Byte range of the line holding top-level `key:` in a YAML text.
pub(crate) fn find_key(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with(key) && line[key.len()..].trim_start().starts_with(':') {
            return Some(offset..offset + line.trim_end().len());
        }
        offset += line.len();
    }
    None
}

fn empty_file_hint(d: Diagnostic, text: &str) -> Diagnostic {
    if text.trim().is_empty() {
        let mut d = d;
        d.message = "the file is empty".into();
        d.hints = vec!["write at least the required keys; `sopdoc init` shows an example".into()];
        d
    } else {
        d
    }
}
