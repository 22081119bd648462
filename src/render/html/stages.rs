//! The site rendered in three stages: what reads the whole collection first
//! ([`SiteStages::begin`]: the landing page with the collection's overview and actors, the
//! language pages, each document's pathway overview), then each document on its own
//! ([`SiteStages::document`]: its pages, role cards and search sections, reading nothing
//! of the other documents but their metadata), then the search indexes and the assets
//! ([`SiteStages::finish`]). `build` lets each document's model go as soon as its stage
//! is done, so that a large collection's site is never held beside its whole model.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use super::assets::Assets;
use super::search::{self, DocumentIndex, SearchIndex};
use super::templates::Templates;
use super::{OutputFile, Renderer, SiteMap, chapter_label, fonts, packed_with, page_file};
use crate::error::Error;
use crate::model::{Document, Project};

/// Each (document id, language)'s pathway overview as SVG, for those that have one.
pub(crate) type Charts = HashMap<(String, String), String>;

/// A site under way: the files that read the whole collection are made, the documents'
/// own are not yet.
pub struct SiteStages {
    site: SiteMap,
    templates: Templates,
    review: bool,
    pack: bool,
    /// Search indexes held deflated until written, even when the pages are not.
    pack_indexes: bool,
    /// The (document, language) pairs whose pages are rendered (watch mode renders only
    /// the documents a save affects; the others are still indexed and linked to).
    with_pages: BTreeSet<(String, String)>,
    charts: Charts,
    /// The site-wide files made so far.
    files: Vec<OutputFile>,
}

/// One document's part of the site: its files, the images they use, and per language
/// its search sections (an index of this one document).
pub struct DocumentPages {
    files: Vec<OutputFile>,
    assets: Assets,
    indexes: Vec<(String, DocumentIndex)>,
}

impl SiteStages {
    /// Makes what reads every document: `include(doc, lang)` says which translations the
    /// site has, `pages(doc, lang)` which of them get their pages rendered; `review`: the
    /// review copy; `pack`: pages held deflated (see [`super::render_site_packed`]).
    ///
    /// # Errors
    /// As [`super::render_site`].
    pub fn begin(
        project: &Project,
        include: &dyn Fn(&Document, &str) -> bool,
        pages: &dyn Fn(&Document, &str) -> bool,
        review: bool,
        pack: bool,
    ) -> Result<Self, Error> {
        let started = std::time::Instant::now();
        let site = SiteMap {
            included: project
                .documents
                .iter()
                .flat_map(|d| {
                    project
                        .languages()
                        .filter(|l| d.translation(l).is_some() && include(d, l))
                        .map(|l| (d.id().to_string(), l.to_string()))
                        .collect::<Vec<_>>()
                })
                .collect(),
            source_lang: project.source_language().to_string(),
        };
        let templates = Templates::load(&*project.world, &project.root)?;
        let with_pages: BTreeSet<(String, String)> = site
            .included
            .iter()
            .filter(|(id, lang)| project.document(id).is_some_and(|d| pages(d, lang)))
            .cloned()
            .collect();
        let charts: Charts = with_pages
            .par_iter()
            .filter_map(|(id, lang)| {
                let doc = project.document(id)?;
                let chart = crate::render::overview::document(project, doc, lang)?;
                let svg =
                    crate::render::overview::svg(&chart, crate::render::overview::title(lang));
                Some(((id.clone(), lang.clone()), svg))
            })
            .collect();
        let no_charts = Charts::new();
        let mut r = Renderer {
            project,
            site: &site,
            templates: &templates,
            assets: Assets::new(project.world.clone(), project.root.clone()),
            files: Vec::new(),
            review,
            pack,
            charts: &no_charts,
        };
        r.landing()?;
        for lang in project.languages() {
            if r.has_lang(lang) {
                r.language(lang)?;
            }
        }
        r.add(
            "assets/sopdoc.css",
            super::templates::stylesheet(&*project.world, &project.root)?,
        );
        for (path, bytes) in fonts::files() {
            r.files.push(OutputFile::plain(path, bytes));
        }
        r.add(
            "assets/search.js",
            super::templates::search_script(&*project.world, &project.root)?,
        );
        let files = r.files;
        crate::timings::record("html: collection pages", started);
        Ok(SiteStages {
            site,
            templates,
            review,
            pack,
            pack_indexes: pack,
            with_pages,
            charts,
            files,
        })
    }

    /// Makes `doc`'s part of the site: its search sections in every language the site has
    /// it in, and its pages and role cards in those whose pages are rendered. Reads only
    /// `doc`'s content and the other documents' metadata in `project`.
    ///
    /// # Errors
    /// As [`super::render_site`].
    pub fn document(&self, project: &Project, doc: &Document) -> Result<DocumentPages, Error> {
        let mut r = Renderer {
            project,
            site: &self.site,
            templates: &self.templates,
            assets: Assets::new(project.world.clone(), project.root.clone()),
            files: Vec::new(),
            review: self.review,
            pack: self.pack,
            charts: &self.charts,
        };
        let mut indexes = Vec::new();
        for lang in project.languages() {
            let Some(t) = doc
                .translation(lang)
                .filter(|_| self.site.has(doc.id(), lang))
            else {
                continue;
            };
            let mut index = DocumentIndex::new(
                doc.id(),
                &crate::l10n::document_code(&doc.meta, lang, project.source_language()),
            );
            for chapter in &t.chapters {
                let (title, _) = chapter_label(chapter, lang);
                let page = format!("{}/{}", doc.id(), page_file(chapter.stem()));
                for s in search::chapter_sections(chapter, &page, &title, lang) {
                    index.add(s);
                }
            }
            indexes.push((lang.to_string(), index));
            if self
                .with_pages
                .contains(&(doc.id().to_string(), lang.to_string()))
            {
                r.cards(lang, &[(doc, t)])?;
                r.document(doc, t)?;
            }
        }
        Ok(DocumentPages {
            files: r.files,
            assets: r.assets,
            indexes,
        })
    }

    /// Holds the search indexes deflated until they are written (the pages too, if
    /// [`SiteStages::begin`] was told to pack them): `build` writes the pages as they
    /// come, but the 400-document collection's index is 43 MB of JSON.
    pub fn pack_indexes(mut self) -> Self {
        self.pack_indexes = true;
        self
    }

    /// What gathers the documents' parts: start it before the first is taken in.
    pub fn parts(&self, project: &Project) -> SiteParts {
        SiteParts {
            indexes: project
                .languages()
                .filter(|l| self.site.included.iter().any(|(_, lang)| lang == l))
                .map(|l| (l.to_string(), SearchIndex::default()))
                .collect(),
            assets: Assets::new(project.world.clone(), project.root.clone()),
        }
    }

    /// The rest of the site once every document's part is in `parts`: the files made
    /// first, each language's search index and the images, sorted by path.
    ///
    /// # Errors
    /// As [`super::render_site`].
    pub fn finish(self, parts: SiteParts) -> Result<Vec<OutputFile>, Error> {
        let started = std::time::Instant::now();
        let mut files = self.files;
        let pack = self.pack_indexes;
        let written = parts
            .indexes
            .into_par_iter()
            .map(|(lang, mut index)| {
                let path = format!("{lang}/search-index.js");
                let failed = |source| Error::Write {
                    path: path.clone().into(),
                    source,
                };
                if pack {
                    packed_with(path.clone(), 0, &mut |w| index.write_script(w)).map_err(failed)
                } else {
                    let mut bytes = Vec::new();
                    index.write_script(&mut bytes).map_err(failed)?;
                    Ok(OutputFile::plain(path.clone(), bytes))
                }
            })
            .collect::<Result<Vec<_>, Error>>()?;
        files.extend(written);
        files.extend(
            parts
                .assets
                .into_files()
                .map(|(path, bytes)| OutputFile::plain(path, bytes)),
        );
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.dedup_by(|a, b| a.path == b.path);
        crate::timings::record("html: search indexes", started);
        Ok(files)
    }
}

/// The search indexes and images of the documents taken in so far.
pub struct SiteParts {
    indexes: Vec<(String, SearchIndex)>,
    assets: Assets,
}

impl SiteParts {
    /// Takes in a document's search sections and images (documents in the collection's
    /// order), and gives back its pages.
    ///
    /// # Errors
    /// Only if deflating into memory fails.
    pub fn take(&mut self, part: DocumentPages) -> Result<Vec<OutputFile>, Error> {
        for (lang, index) in part.indexes {
            if let Some((_, all)) = self.indexes.iter_mut().find(|(l, _)| *l == lang) {
                all.append(index).map_err(|source| Error::Write {
                    path: format!("{lang}/search-index.js").into(),
                    source,
                })?;
            }
        }
        self.assets.merge(part.assets);
        Ok(part.files)
    }
}
