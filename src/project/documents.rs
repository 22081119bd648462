//! Discovering documents, their language folders and chapters, and the registries.

use std::path::Path;

use walkdir::WalkDir;

use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::model::comments::{COMMENTS_FILE, CommentsFile};
use crate::model::registry::{AcronymsFile, ActorsFile, GlossaryFile, LegalFile};
use crate::model::{
    Chapter, CommentMatrix, Document, DocumentMeta, Manifest, Registries, Translation,
};
use crate::parse::parse_chapter;
use crate::source::{SourceMap, Span};
use crate::yaml::{self, Embedding};

use super::files::read_source;
use rayon::prelude::*;

/// Registry files sopdoc knows, at the root of the sources folder.
pub const REGISTRY_FILES: &[&str] = &[
    "actors.yaml",
    "acronyms.yaml",
    "glossary.yaml",
    "legal.yaml",
    "bibliography.yaml",
];

/// Folders under a document or the sources root that hold assets, not documents.
fn is_asset_folder(name: &str) -> bool {
    matches!(name, "assets" | "images" | "img" | "figures" | "media")
        || name.starts_with('.')
        || name.starts_with('_')
}

/// Entries of `dir` sorted by file name (walkdir, one level).
fn sorted_entries(dir: &Path) -> Result<Vec<walkdir::DirEntry>> {
    let mut out = Vec::new();
    for entry in WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| Error::Read {
            path: e.path().unwrap_or(dir).to_path_buf(),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("walk failed")),
        })?;
        out.push(entry);
    }
    Ok(out)
}

pub(super) fn load_registries(
    root: &Path,
    dir: &Path,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Result<Registries> {
    let mut reg = Registries::default();
    for entry in sorted_entries(dir)? {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.file_type().is_file() || !(name.ends_with(".yaml") || name.ends_with(".yml")) {
            continue;
        }
        let Some(id) = read_source(root, entry.path(), sources, diags)? else {
            continue;
        };
        let file = sources.get(id).clone();
        let at = Embedding {
            source: id,
            offset: 0,
        };
        let rule = "meta/registry";
        let result = match name.as_str() {
            "actors.yaml" => yaml::parse::<ActorsFile>(&file.text, &file, at, rule)
                .map(|f| reg.actors = f.actors),
            "acronyms.yaml" => yaml::parse::<AcronymsFile>(&file.text, &file, at, rule)
                .map(|f| reg.acronyms = f.acronyms),
            "glossary.yaml" => yaml::parse::<GlossaryFile>(&file.text, &file, at, rule)
                .map(|f| reg.terms = f.terms),
            "legal.yaml" => yaml::parse::<LegalFile>(&file.text, &file, at, rule)
                .map(|f| reg.instruments = f.instruments),
            "bibliography.yaml" => match super::bibliography::read(&file, id) {
                Ok(b) => {
                    reg.bibliography = Some(b);
                    Ok(())
                }
                Err(mut problems) => {
                    let last = problems.pop();
                    diags.extend(problems);
                    last.map_or(Ok(()), Err)
                }
            },
            other => {
                let mut d = Diagnostic::warning(
                    "meta/unknown-registry",
                    format!("`{other}` is not a registry sopdoc knows; it is ignored"),
                )
                .at(Span::file_start(id));
                d = d.hint(format!("registries are: {}", REGISTRY_FILES.join(", ")));
                if let Some(h) = crate::diag::did_you_mean(other, REGISTRY_FILES.iter().copied()) {
                    d = d.hint(h);
                }
                diags.push(d);
                Ok(())
            }
        };
        if let Err(d) = result {
            diags.push(d);
            reg.unreadable.insert(name);
        }
    }
    Ok(reg)
}

pub(super) fn load_documents(
    root: &Path,
    dir: &Path,
    manifest: &Manifest,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Document>> {
    let mut docs = Vec::new();
    for entry in sorted_entries(dir)? {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.file_type().is_dir() || is_asset_folder(&name) {
            continue;
        }
        let meta_path = entry.path().join("document.yaml");
        if !meta_path.is_file() {
            diags.push(
                Diagnostic::warning(
                    "meta/not-a-document",
                    format!("folder `{name}` has no document.yaml and is ignored"),
                )
                .at_path(crate::source::relative_path(root, entry.path()))
                .hint("add a document.yaml (see `sopdoc new`), or name asset folders `assets`"),
            );
            continue;
        }
        let Some(meta_id) = read_source(root, &meta_path, sources, diags)? else {
            continue;
        };
        let file = sources.get(meta_id).clone();
        let at = Embedding {
            source: meta_id,
            offset: 0,
        };
        let meta: DocumentMeta = match yaml::parse(&file.text, &file, at, "meta/document") {
            Ok(m) => m,
            Err(mut d) => {
                if file.text.trim().is_empty() {
                    d.message = "document.yaml is empty".into();
                    d.hints = vec!["required keys: id, kind, title, version, status, date".into()];
                }
                diags.push(d);
                // The document cannot be resolved without its metadata, but its chapters
                // can still be read: report their own problems too, so that fixing
                // document.yaml does not reveal a second round of errors.
                load_translations(root, entry.path(), manifest, sources, diags)?;
                continue;
            }
        };
        let translations = load_translations(root, entry.path(), manifest, sources, diags)?;
        let comments = load_comments(root, entry.path(), sources, diags)?;
        docs.push(Document {
            meta,
            meta_source: meta_id,
            folder: name,
            translations,
            comments,
        });
    }
    Ok(docs)
}

/// The document's comments matrix, when `comments.yaml` exists; a malformed one is a
/// `review/matrix` error.
fn load_comments(
    root: &Path,
    doc_dir: &Path,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<CommentMatrix>> {
    let path = doc_dir.join(COMMENTS_FILE);
    if !path.is_file() {
        return Ok(None);
    }
    let Some(id) = read_source(root, &path, sources, diags)? else {
        return Ok(None);
    };
    let file = sources.get(id);
    if file.text.trim().is_empty() {
        return Ok(Some(CommentMatrix {
            source: id,
            comments: Vec::new(),
        }));
    }
    let at = Embedding {
        source: id,
        offset: 0,
    };
    match yaml::parse::<CommentsFile>(&file.text, file, at, "review/matrix") {
        Ok(f) => Ok(Some(CommentMatrix {
            source: id,
            comments: f.comments,
        })),
        Err(d) => {
            diags.push(d);
            Ok(None)
        }
    }
}

fn looks_like_language(name: &str) -> bool {
    let (base, region) = name.split_once('-').unwrap_or((name, ""));
    (2..=3).contains(&base.len())
        && base.bytes().all(|b| b.is_ascii_lowercase())
        && (region.is_empty()
            || (region.len() == 2 && region.bytes().all(|b| b.is_ascii_alphabetic())))
}

fn load_translations(
    root: &Path,
    doc_dir: &Path,
    manifest: &Manifest,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Translation>> {
    let languages: Vec<&str> = manifest
        .languages
        .iter()
        .map(|l| l.value.as_str())
        .collect();
    for entry in sorted_entries(doc_dir)? {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().is_dir()
            && looks_like_language(&name)
            && !languages.contains(&name.as_str())
        {
            diags.push(
                Diagnostic::warning(
                    "meta/unknown-language",
                    format!(
                        "language folder `{name}` is not listed in sopdoc.yaml and is not built"
                    ),
                )
                .at_path(crate::source::relative_path(root, entry.path()))
                .hint(format!(
                    "add `{name}` to `languages:` in sopdoc.yaml, or rename the folder"
                )),
            );
        }
    }
    let mut out = Vec::new();
    for lang in languages {
        let lang_dir = doc_dir.join(lang);
        if !lang_dir.is_dir() {
            continue;
        }
        let mut files = Vec::new();
        for entry in sorted_entries(&lang_dir)? {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !entry.file_type().is_file() || !name.ends_with(".md") {
                continue;
            }
            if let Some(id) = read_source(root, entry.path(), sources, diags)? {
                files.push((id, name));
            }
        }
        // Read in order (source ids stay stable), parsed on every core.
        let read: &SourceMap = sources;
        let parsed_all = files
            .par_iter()
            .map(|(id, _)| parse_chapter(read.get(*id), *id))
            .collect::<Vec<_>>();
        let mut chapters = Vec::new();
        for ((id, name), parsed) in files.into_iter().zip(parsed_all) {
            diags.extend(parsed.diagnostics);
            chapters.push(Chapter {
                source: id,
                file_name: name,
                meta: parsed.meta,
                blocks: parsed.blocks,
                footnotes: parsed.footnotes,
                comments: parsed.comments,
            });
        }
        out.push(Translation {
            lang: lang.to_string(),
            chapters,
            anchors: Default::default(),
            uses: Default::default(),
            stale: Vec::new(),
            paragraphs: Default::default(),
        });
    }
    Ok(out)
}
