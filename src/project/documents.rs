//! Discovering documents, their language folders and chapters, and the registries.

use std::path::Path;

use crate::diag::{Diagnostic, rules};
use crate::error::{Error, Result};
use crate::model::comments::{COMMENTS_FILE, CommentsFile};
use crate::model::registry::{AcronymsFile, ActorsFile, GlossaryFile, LegalFile};
use crate::model::{
    Chapter, CommentMatrix, Document, DocumentMeta, Manifest, Registries, Translation,
};
use crate::msg;
use crate::parse::parse_chapter;
use crate::source::{SourceMap, Span};
use crate::world::{Entry, Kind, World};
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

/// Reads the sources folder through a world into the source map, keeping every problem.
pub(super) struct Reader<'a> {
    pub(super) world: &'a dyn World,
    pub(super) root: &'a Path,
    pub(super) sources: &'a mut SourceMap,
    pub(super) diags: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    /// Entries of `dir` sorted by file name. A symbolic link is reported and left out:
    /// a chapter or registry that lives elsewhere would be read (and published) without
    /// anyone seeing where it comes from.
    fn entries(&mut self, dir: &Path) -> Result<Vec<Entry>> {
        let entries = self.world.entries(dir).map_err(|e| Error::Read {
            path: dir.to_path_buf(),
            source: e,
        })?;
        let mut out = Vec::with_capacity(entries.len());
        for entry in entries {
            if entry.kind == Kind::Symlink && !entry.name.starts_with('.') {
                self.diags.push(
                    Diagnostic::warning(
                        rules::META_SYMLINK,
                        msg!("meta-symlink", name = &entry.name),
                    )
                    .at_path(crate::source::relative_path(self.root, &entry.path))
                    .hint(msg!("meta-symlink-hint")),
                );
                continue;
            }
            out.push(entry);
        }
        Ok(out)
    }

    fn read(&mut self, path: &Path) -> Result<Option<crate::source::SourceId>> {
        read_source(self.world, self.root, path, self.sources, self.diags)
    }

    pub(super) fn registries(&mut self, dir: &Path) -> Result<Registries> {
        let mut reg = Registries::default();
        for entry in self.entries(dir)? {
            let name = entry.name;
            if entry.kind != Kind::File || !(name.ends_with(".yaml") || name.ends_with(".yml")) {
                continue;
            }
            let Some(id) = self.read(&entry.path)? else {
                continue;
            };
            let file = self.sources.get(id).clone();
            let at = Embedding {
                source: id,
                offset: 0,
            };
            let rule = rules::META_REGISTRY.id;
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
                        self.diags.extend(problems);
                        last.map_or(Ok(()), Err)
                    }
                },
                other => {
                    let mut d = Diagnostic::warning(
                        rules::META_UNKNOWN_REGISTRY,
                        msg!("meta-unknown-registry", other = &other),
                    )
                    .at(Span::file_start(id));
                    d = d.hint(msg!(
                        "meta-unknown-registry-hint",
                        join = &(REGISTRY_FILES.join(", "))
                    ));
                    if let Some(h) =
                        crate::diag::did_you_mean(other, REGISTRY_FILES.iter().copied())
                    {
                        d = d.hint(h);
                    }
                    self.diags.push(d);
                    Ok(())
                }
            };
            if let Err(d) = result {
                self.diags.push(d);
                reg.unreadable.insert(name);
            }
        }
        Ok(reg)
    }

    pub(super) fn documents(&mut self, dir: &Path, manifest: &Manifest) -> Result<Vec<Document>> {
        let root = self.root;
        let mut docs = Vec::new();
        for entry in self.entries(dir)? {
            let name = entry.name.clone();
            if entry.kind != Kind::Dir || is_asset_folder(&name) {
                continue;
            }
            let meta_path = entry.path.join("document.yaml");
            if !self.world.is_file(&meta_path) {
                self.diags.push(
                    Diagnostic::warning(
                        rules::META_NOT_A_DOCUMENT,
                        msg!("meta-not-a-document", name = &name),
                    )
                    .at_path(crate::source::relative_path(root, &entry.path))
                    .hint(msg!("meta-not-a-document-hint")),
                );
                continue;
            }
            let Some(meta_id) = self.read(&meta_path)? else {
                continue;
            };
            let file = self.sources.get(meta_id).clone();
            let at = Embedding {
                source: meta_id,
                offset: 0,
            };
            let meta: DocumentMeta =
                match yaml::parse(&file.text, &file, at, rules::META_DOCUMENT.id) {
                    Ok(m) => m,
                    Err(mut d) => {
                        if file.text.trim().is_empty() {
                            d.set_message(msg!("meta-document-empty"));
                            d.hints.clear();
                            d.insert_hint(0, msg!("meta-document-empty-hint"));
                        }
                        self.diags.push(d);
                        // The document cannot be resolved without its metadata, but its chapters
                        // can still be read: report their own problems too, so that fixing
                        // document.yaml does not reveal a second round of errors.
                        self.translations(&entry.path, manifest)?;
                        continue;
                    }
                };
            let translations = self.translations(&entry.path, manifest)?;
            let comments = self.comments(&entry.path)?;
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
    fn comments(&mut self, doc_dir: &Path) -> Result<Option<CommentMatrix>> {
        let path = doc_dir.join(COMMENTS_FILE);
        if !self.world.is_file(&path) {
            return Ok(None);
        }
        let Some(id) = self.read(&path)? else {
            return Ok(None);
        };
        let file = self.sources.get(id);
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
        match yaml::parse::<CommentsFile>(&file.text, file, at, rules::REVIEW_MATRIX.id) {
            Ok(f) => Ok(Some(CommentMatrix {
                source: id,
                comments: f.comments,
            })),
            Err(d) => {
                self.diags.push(d);
                Ok(None)
            }
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

impl Reader<'_> {
    fn translations(&mut self, doc_dir: &Path, manifest: &Manifest) -> Result<Vec<Translation>> {
        let root = self.root;
        let languages: Vec<&str> = manifest
            .languages
            .iter()
            .map(|l| l.value.as_str())
            .collect();
        for entry in self.entries(doc_dir)? {
            let name = entry.name;
            if entry.kind == Kind::Dir
                && looks_like_language(&name)
                && !languages.contains(&name.as_str())
            {
                self.diags.push(
                    Diagnostic::warning(
                        rules::META_UNKNOWN_LANGUAGE,
                        msg!("meta-unknown-language", name = &name),
                    )
                    .at_path(crate::source::relative_path(root, &entry.path))
                    .hint(msg!("meta-unknown-language-hint", name = &name)),
                );
            }
        }
        let mut out = Vec::new();
        for lang in languages {
            let lang_dir = doc_dir.join(lang);
            if !self.world.is_dir(&lang_dir) {
                continue;
            }
            let mut files = Vec::new();
            for entry in self.entries(&lang_dir)? {
                let name = entry.name;
                if entry.kind != Kind::File || !name.ends_with(".md") {
                    continue;
                }
                if let Some(id) = self.read(&entry.path)? {
                    files.push((id, name));
                }
            }
            // Read in order (source ids stay stable), parsed on every core.
            let read: &SourceMap = self.sources;
            let parsed_all = files
                .par_iter()
                .map(|(id, _)| parse_chapter(read.get(*id), *id))
                .collect::<Vec<_>>();
            let mut chapters = Vec::new();
            for ((id, name), parsed) in files.into_iter().zip(parsed_all) {
                self.diags.extend(parsed.diagnostics);
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
}
