//! Loading a project: manifest, registries, documents and chapters, in a stable order.
//!
//! Loading keeps going past broken files: every problem is a diagnostic, and only a
//! missing or unreadable project root is an [`Error`]. The result is a [`Project`] whose
//! chapters are parsed but not yet resolved (see [`crate::resolve`]).

mod bibliography;
mod documents;
mod files;
mod validate;

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::model::{Manifest, Project, Registries};
use crate::source::{SourceId, SourceMap, Span};
use crate::yaml::{self, Embedding};

pub use files::read_source;

/// File name of the project manifest.
pub const MANIFEST: &str = "sopdoc.yaml";

/// What loading produced: the project, when the manifest could be read, and every problem.
#[derive(Debug, Clone)]
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
            .at(yaml::find_key(&file.text, "sources")
                .map_or(Span::file_start(manifest_id), |r| Span::new(manifest_id, r)))
            .hint("create it, or set `sources:` to the folder that holds your documents"),
        );
    }
    validate::documents(&documents, &sources, &mut diags);
    let rule_files = read_rule_files(&root, &mut sources, &mut diags);
    let word_lists = read_word_lists(&root, &mut sources, &mut diags);
    let project = Project {
        root,
        manifest,
        sources: sources.clone(),
        manifest_source: manifest_id,
        documents,
        registries,
        rule_files,
        word_lists,
    };
    Ok(Loaded {
        project: Some(project),
        sources,
        diagnostics: diags,
    })
}

/// Reads the project's rule pack files (`styles/rules/*.yaml`) into the source map. An
/// unreadable file is an error at that file, never skipped in silence.
fn read_rule_files(
    root: &Path,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Vec<SourceId> {
    let dir = root.join(crate::model::PROJECT_RULES_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    let mut ids = Vec::new();
    for path in paths {
        match read_source(root, &path, sources, diags) {
            Ok(Some(id)) => ids.push(id),
            Ok(None) => {}
            Err(e) => {
                let rel = crate::source::relative_path(root, &path);
                let id = sources.add(crate::source::SourceFile::new(
                    rel,
                    Some(path.clone()),
                    String::new(),
                ));
                diags.push(
                    Diagnostic::error(
                        crate::diag::rules::STYLE_PACK,
                        format!("this rule file cannot be read: {e}"),
                    )
                    .at(Span::file_start(id))
                    .hint("check the file's permissions, or remove it from styles/rules/"),
                );
            }
        }
    }
    ids
}

/// Reads the project's spelling word lists (`styles/words.txt`, `styles/words.<lang>.txt`)
/// into the source map, in name order.
fn read_word_lists(
    root: &Path,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Vec<SourceId> {
    let Ok(entries) = std::fs::read_dir(root.join(crate::model::WORD_LISTS_DIR)) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(crate::model::is_word_list_name)
        })
        .collect();
    paths.sort();
    let mut ids = Vec::new();
    for path in paths {
        match read_source(root, &path, sources, diags) {
            Ok(id) => ids.extend(id),
            // Spelling goes on without the list (and so reports its words): a warning.
            Err(e) => diags.push(
                Diagnostic::warning(
                    crate::diag::rules::SPELLING_WORD_LIST,
                    format!("this word list cannot be read: {e}"),
                )
                .at_path(crate::source::relative_path(root, &path))
                .hint("check the file's permissions"),
            ),
        }
    }
    ids
}

/// Re-reads and re-parses one chapter file of a loaded project in place (watch mode),
/// replacing the diagnostics that file had.
///
/// Returns `Ok(false)` when the file is not a chapter the project already has, or is no
/// longer usable text (too large, not UTF-8): the caller then loads the whole project
/// again, which reports the problem.
///
/// # Errors
/// [`Error::Read`] when the file cannot be read.
pub fn reload_chapter(loaded: &mut Loaded, path: &Path) -> Result<bool> {
    let Some(project) = loaded.project.as_mut() else {
        return Ok(false);
    };
    let Some(id) = project
        .sources
        .iter()
        .find(|(_, f)| f.abs_path.as_deref() == Some(path))
        .map(|(id, _)| id)
    else {
        return Ok(false);
    };
    let Some(chapter) = project
        .documents
        .iter_mut()
        .flat_map(|d| d.translations.iter_mut())
        .flat_map(|t| t.chapters.iter_mut())
        .find(|c| c.source == id)
    else {
        return Ok(false);
    };
    let bytes = std::fs::read(path).map_err(|e| Error::Read {
        path: path.into(),
        source: e,
    })?;
    if bytes.len() > crate::parse::MAX_FILE_BYTES {
        return Ok(false);
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Ok(false);
    };
    let old = project.sources.get(id);
    let file = crate::source::SourceFile::new(old.path.clone(), old.abs_path.clone(), text);
    project.sources.replace(id, file.clone());
    loaded.sources.replace(id, file);
    let parsed = crate::parse::parse_chapter(project.sources.get(id), id);
    chapter.meta = parsed.meta;
    chapter.blocks = parsed.blocks;
    chapter.footnotes = parsed.footnotes;
    chapter.comments = parsed.comments;
    loaded
        .diagnostics
        .retain(|d| d.span().is_none_or(|s| s.source != id));
    loaded.diagnostics.extend(parsed.diagnostics);
    Ok(true)
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
