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
use std::sync::Arc;

use crate::diag::{Diagnostic, rules};
use crate::error::{Error, Result};
use crate::model::{Manifest, PROJECT_RULES_DIR, PROJECT_STRUCTURE_DIR, Project, Registries};
use crate::msg;
use crate::source::{SourceFile, SourceId, SourceMap, Span};
use crate::world::{DiskWorld, Kind, World};
use crate::yaml::{self, Embedding};

pub use bibliography::FIELDS as BIBLIOGRAPHY_FIELDS;
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
    let disk: &dyn World = &DiskWorld;
    let start = disk.canonicalize(start).map_err(|e| Error::Read {
        path: start.into(),
        source: e,
    })?;
    start
        .ancestors()
        .find(|dir| disk.is_file(&dir.join(MANIFEST)))
        .map(Path::to_path_buf)
        .ok_or(Error::NoProject { start })
}

/// Loads and parses the project at `root` from the disk.
///
/// # Errors
/// [`Error::Read`] when the manifest or the sources folder cannot be read at all.
pub fn load(root: &Path) -> Result<Loaded> {
    load_in(root, DiskWorld::shared())
}

/// Loads and parses the project at `root` from `world` (the disk, memory, or unsaved
/// buffers over the disk). Every later stage reads through the same world.
///
/// # Errors
/// [`Error::Read`] when the manifest or the sources folder cannot be read at all.
pub fn load_in(root: &Path, world: Arc<dyn World>) -> Result<Loaded> {
    load_observed(root, world, &mut |_| {})
}

/// Like [`load_in`]; `on_manifest` sees the manifest as soon as it is read, before the
/// documents, so that slow work which depends only on it (parsing the spelling
/// dictionaries of its languages) can start on another thread while the rest loads.
///
/// # Errors
/// [`Error::Read`] when the manifest or the sources folder cannot be read at all.
pub fn load_observed(
    root: &Path,
    world: Arc<dyn World>,
    on_manifest: &mut dyn FnMut(&Manifest),
) -> Result<Loaded> {
    let root = world.canonicalize(root).map_err(|e| Error::Read {
        path: root.into(),
        source: e,
    })?;
    let w: &dyn World = &*world;
    let mut sources = SourceMap::new();
    let mut diags = Vec::new();
    let manifest_path = root.join(MANIFEST);
    if !w.is_file(&manifest_path) {
        return Err(Error::NoProject { start: root });
    }
    let Some(manifest_id) = read_source(w, &root, &manifest_path, &mut sources, &mut diags)? else {
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
    let manifest: Manifest = match yaml::parse(&file.text, &file, at, rules::META_MANIFEST.id) {
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
    on_manifest(&manifest);
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
    if w.is_dir(&sources_dir) {
        let mut files = documents::Reader {
            world: w,
            root: &root,
            sources: &mut sources,
            diags: &mut diags,
        };
        registries = files.registries(&sources_dir)?;
        documents = files.documents(&sources_dir, &manifest)?;
    } else {
        diags.push(
            Diagnostic::error(
                rules::META_MISSING_SOURCES,
                msg!("meta-missing-sources", sources = &manifest.sources),
            )
            .at(yaml::find_key(&file.text, "sources")
                .map_or(Span::file_start(manifest_id), |r| Span::new(manifest_id, r)))
            .hint(msg!("meta-missing-sources-hint")),
        );
    }
    validate::documents(&documents, &sources, &mut diags);
    let rule_files = read_yaml_folder(w, &root, PROJECT_RULES_DIR, &mut sources, &mut diags);
    let schema_files = read_yaml_folder(w, &root, PROJECT_STRUCTURE_DIR, &mut sources, &mut diags);
    let sensitive_names = read_sensitive_names(w, &root, &manifest, &file, manifest_id, &mut diags);
    let word_lists = read_word_lists(w, &root, &mut sources, &mut diags);
    let project = Project {
        root,
        manifest,
        sources: sources.clone(),
        manifest_source: manifest_id,
        documents,
        registries,
        rule_files,
        schema_files,
        sensitive_names,
        world,
        word_lists,
    };
    Ok(Loaded {
        project: Some(project),
        sources,
        diagnostics: diags,
    })
}

/// Reads the YAML files of a project folder (`styles/rules`, `styles/structure`) into the
/// source map, in name order. An unreadable file is an error at that file, never skipped in
/// silence; a folder that does not exist holds nothing.
fn read_yaml_folder(
    world: &dyn World,
    root: &Path,
    folder: &str,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Vec<SourceId> {
    let (rule, what) = if folder == PROJECT_STRUCTURE_DIR {
        (rules::STRUCTURE_SCHEMA, "schema")
    } else {
        (rules::STYLE_PACK, "rule file")
    };
    let Ok(entries) = world.entries(&root.join(folder)) else {
        return Vec::new();
    };
    let mut ids = Vec::new();
    for entry in entries {
        if !(entry.name.ends_with(".yaml") || entry.name.ends_with(".yml")) {
            continue;
        }
        let problem = match entry.kind {
            Kind::Symlink => Some(format!(
                "this {what} is a symbolic link; sopdoc reads only the project's own files"
            )),
            Kind::File => match read_source(world, root, &entry.path, sources, diags) {
                Ok(Some(id)) => {
                    ids.push(id);
                    None
                }
                Ok(None) => None,
                Err(e) => Some(format!("this {what} cannot be read: {e}")),
            },
            Kind::Dir => Some(format!("this {what} cannot be read: it is a folder")),
            Kind::Other => None,
        };
        if let Some(message) = problem {
            let rel = crate::source::relative_path(root, &entry.path);
            let id = sources.add(SourceFile::new(
                rel,
                Some(entry.path.clone()),
                String::new(),
            ));
            diags.push(
                Diagnostic::error(rule, message)
                    .at(Span::file_start(id))
                    .hint(msg!("style-pack-hint", folder = &folder)),
            );
        }
    }
    ids
}

/// The names of the `privacy.sensitive_names` file, one per line (`#` starts a comment).
/// An unreadable file is an error at the manifest's `privacy` key.
fn read_sensitive_names(
    world: &dyn World,
    root: &Path,
    manifest: &Manifest,
    manifest_file: &SourceFile,
    manifest_id: SourceId,
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let Some(path) = &manifest.privacy.sensitive_names else {
        return Vec::new();
    };
    match world.read_to_string(&root.join(&path.value)) {
        Ok(text) => text
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        Err(e) => {
            let span = yaml::find_key(&manifest_file.text, "privacy")
                .map_or(Span::file_start(manifest_id), |r| Span::new(manifest_id, r));
            diags.push(
                Diagnostic::error(
                    rules::PRIVACY_SENSITIVE_NAMES_FILE,
                    msg!("privacy-sensitive-names-file", path = &path.value, e = &e),
                )
                .at(span)
                .hint(msg!("privacy-sensitive-names-file-hint")),
            );
            Vec::new()
        }
    }
}

/// Reads the project's spelling word lists (`styles/words.txt`, `styles/words.<lang>.txt`)
/// into the source map, in name order.
fn read_word_lists(
    world: &dyn World,
    root: &Path,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Vec<SourceId> {
    let Ok(entries) = world.entries(&root.join(crate::model::WORD_LISTS_DIR)) else {
        return Vec::new();
    };
    let paths: Vec<PathBuf> = entries
        .into_iter()
        .filter(|e| e.kind == Kind::File && crate::model::is_word_list_name(&e.name))
        .map(|e| e.path)
        .collect();
    let mut ids = Vec::new();
    for path in paths {
        match read_source(world, root, &path, sources, diags) {
            Ok(id) => ids.extend(id),
            // Spelling goes on without the list (and so reports its words): a warning.
            Err(e) => diags.push(
                Diagnostic::warning(
                    crate::diag::rules::SPELLING_WORD_LIST,
                    msg!("spelling-word-list", e = &e),
                )
                .at_path(crate::source::relative_path(root, &path))
                .hint(msg!("spelling-word-list-hint")),
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
    let bytes = project.world.read(path).map_err(|e| Error::Read {
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
        d.set_message(crate::msg!("meta-empty-file"));
        d.hints.clear();
        d.insert_hint(0, crate::msg!("meta-empty-file-hint"));
        d
    } else {
        d
    }
}
