//! The HTML site: an offline, static, multilingual site rendered through tera.
//!
//! Layout of `build/html/`:
//! ```text
//! index.html                      landing page: every language and its documents
//! assets/sopdoc.css, search.js    style and search
//! assets/fonts/                   Carlito, the PDF's typeface (diagram text is measured with it)
//! <lang>/index.html               documents of one language
//! <lang>/search-index.js          that language's search index (a script: works from file://)
//! <lang>/<doc>/index.html         document home: cover, contents, history, validation
//! <lang>/<doc>/<chapter>.html     one page per chapter
//! <lang>/<doc>/print.html         the whole document on one page
//! <lang>/<doc>/assets/…           images and files the chapters use
//! ```
//! Every link is relative, so the site works from any folder and from `file://`.
//! [`render_site`] is pure: it returns the files and writes nothing; the output is the
//! same for the same sources.

mod assets;
mod body;
pub(crate) mod escape;
mod fonts;
mod search;
mod stages;
mod templates;
mod views;

use std::collections::BTreeSet;

use crate::error::Error;
use crate::l10n::{long_date, words};
use crate::model::*;

use assets::Assets;
use body::{BodyCx, Mode};
use rayon::prelude::*;
use stages::Charts;
pub use stages::{DocumentPages, SiteParts, SiteStages};
use templates::Templates;
use views::*;

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the site folder (`build/html`), with `/` separators.
    pub path: String,
    /// Content; deflated when `packed`.
    pub bytes: Vec<u8>,
    /// Whether `bytes` hold the page deflated ([`render_site_packed`]).
    pub packed: bool,
}

impl OutputFile {
    /// A file whose bytes are its content.
    fn plain(path: String, bytes: Vec<u8>) -> Self {
        OutputFile {
            path,
            bytes,
            packed: false,
        }
    }

    /// The content, inflated when the file is packed.
    ///
    /// # Errors
    /// Only if packed bytes were altered (they never leave the process).
    pub fn contents(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        if !self.packed {
            return Ok(std::borrow::Cow::Borrowed(&self.bytes));
        }
        crate::memory::inflate(&self.bytes, self.bytes.len() * 8).map(std::borrow::Cow::Owned)
    }
}

/// A page deflated (fast level): a site's pages repeat their navigation and compress about
/// tenfold (see [`render_site_packed`]).
fn packed(path: String, text: &str) -> OutputFile {
    // Writing into a vector cannot fail; were it to, the page is kept as it is.
    packed_with(path.clone(), text.len() / 6, &mut |w| {
        w.write_all(text.as_bytes())
    })
    .unwrap_or_else(|_| OutputFile::plain(path, text.as_bytes().to_vec()))
}

/// A file that `write` writes, deflated as it is written (see [`packed`]).
fn packed_with(
    path: String,
    capacity: usize,
    write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<OutputFile> {
    let mut encoder = crate::memory::deflater(capacity);
    write(&mut encoder)?;
    Ok(OutputFile {
        path,
        bytes: encoder.finish()?,
        packed: true,
    })
}

/// Which (document, language) pairs the site holds; links to anything else print as text.
pub(crate) struct SiteMap {
    included: BTreeSet<(String, String)>,
    /// The project's source language.
    pub(crate) source_lang: String,
}

impl SiteMap {
    /// Whether the site has `doc` in `lang`.
    pub(crate) fn has(&self, doc: &str, lang: &str) -> bool {
        self.included.contains(&(doc.to_string(), lang.to_string()))
    }

    #[cfg(test)]
    pub(crate) fn for_tests(pairs: &[(&str, &str)], source_lang: &str) -> Self {
        SiteMap {
            included: pairs
                .iter()
                .map(|(d, l)| (d.to_string(), l.to_string()))
                .collect(),
            source_lang: source_lang.to_string(),
        }
    }
}

/// Renders the offline site. `include(doc, lang)` says which (document, language) pairs
/// to render (a translation with errors is skipped by the caller).
///
/// # Errors
/// [`Error::Template`] when a template (built-in or the project's override) fails;
/// [`Error::Read`] when an override exists but cannot be read.
pub fn render_site(
    project: &Project,
    include: &dyn Fn(&Document, &str) -> bool,
) -> Result<Vec<OutputFile>, crate::Error> {
    render(project, include, &|_, _| true, false, false)
}

/// Like [`render_site`] (or [`render_review_site`] when `review`), each page deflated
/// ([`OutputFile::contents`] gives it back): for a caller that holds a whole site before
/// writing it (the 400-document generated collection's is 255 MB of HTML). `build` makes
/// its site document by document instead, and writes the pages as they come.
///
/// # Errors
/// As [`render_site`].
pub fn render_site_packed(
    project: &Project,
    include: &dyn Fn(&Document, &str) -> bool,
    review: bool,
) -> Result<Vec<OutputFile>, crate::Error> {
    render(project, include, &|_, _| true, review, true)
}

/// Like [`render_site`], but renders the pages of only the (document, language) pairs for
/// which `pages(doc, lang)` is true; the site-wide files (landing and language pages,
/// search indexes, style sheet) are always rendered, and links still reach every included
/// document. Watch mode uses it to re-render just the documents a save affects.
///
/// # Errors
/// As [`render_site`].
pub fn render_site_subset(
    project: &Project,
    include: &dyn Fn(&Document, &str) -> bool,
    pages: &dyn Fn(&Document, &str) -> bool,
) -> Result<Vec<OutputFile>, crate::Error> {
    render(project, include, pages, false, false)
}

/// Renders the review copy of the site: the same pages, with every paragraph, list item,
/// table and procedure step numbered in the margin (the resolve stage's review numbers),
/// wider line spacing and the "PROJET — pour commentaires" marking.
///
/// # Errors
/// As [`render_site`].
pub fn render_review_site(
    project: &Project,
    include: &dyn Fn(&Document, &str) -> bool,
) -> Result<Vec<OutputFile>, crate::Error> {
    render(project, include, &|_, _| true, true, false)
}

fn render(
    project: &Project,
    include: &dyn Fn(&Document, &str) -> bool,
    pages: &dyn Fn(&Document, &str) -> bool,
    review: bool,
    pack: bool,
) -> Result<Vec<OutputFile>, crate::Error> {
    let stages = SiteStages::begin(project, include, pages, review, pack)?;
    let documents = project
        .documents
        .par_iter()
        .map(|doc| stages.document(project, doc))
        .collect::<Result<Vec<_>, _>>()?;
    let mut parts = stages.parts(project);
    let mut files = Vec::new();
    for part in documents {
        files.extend(parts.take(part)?);
    }
    files.extend(stages.finish(parts)?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    Ok(files)
}

struct Renderer<'a> {
    project: &'a Project,
    site: &'a SiteMap,
    templates: &'a Templates,
    assets: Assets,
    files: Vec<OutputFile>,
    /// A review copy: margin numbers and the review marking.
    review: bool,
    /// Pages deflated as they are made (see [`render_site_packed`]).
    pack: bool,
    /// Each (document, language)'s pathway overview (SVG), worked out while every
    /// document is at hand (its exits name other documents' procedures).
    charts: &'a Charts,
}

/// The page of a chapter: `<stem>.html`, except for stems that would take the place of
/// the document's own pages (`index`, `print`), which become `chapter-<stem>.html`.
pub(crate) fn page_file(stem: &str) -> String {
    if stem == "index" || stem == "print" {
        format!("chapter-{stem}.html")
    } else {
        format!("{stem}.html")
    }
}

/// The title of a chapter in navigation, and its number label ("3", "Annexe B").
fn chapter_label(chapter: &Chapter, lang: &str) -> (String, String) {
    let number = chapter
        .first_heading()
        .filter(|h| h.level == 1)
        .map(|h| number_label(&h.number, 1, chapter.meta.annex, lang))
        .unwrap_or_default();
    (chapter.title(), number)
}

fn number_label(number: &str, level: u8, annex: bool, lang: &str) -> String {
    if number.is_empty() {
        String::new()
    } else if level == 1 && annex {
        format!("{}\u{a0}{number}", words(lang).annex_title)
    } else {
        number.to_string()
    }
}

/// How many chapters a chapter page lists on each side of its own. Every chapter page
/// carries the navigation, so listing all chapters on each would make a document of N
/// chapters cost N² (4 000 chapters: 2.6 GB of HTML); beyond `2 × NAV_WINDOW + 1` chapters
/// a page lists its neighbours and links to the document's contents page for the rest.
pub const NAV_WINDOW: usize = 25;

/// The chapters a chapter page lists: all of them in a document of up to
/// `2 × NAV_WINDOW + 1` chapters, else the window of that size around `current`.
fn nav_window(count: usize, current: usize) -> std::ops::Range<usize> {
    let size = 2 * NAV_WINDOW + 1;
    if count <= size {
        return 0..count;
    }
    let start = current.saturating_sub(NAV_WINDOW).min(count - size);
    start..start + size
}

/// The entry that stands for the chapters a windowed navigation leaves out: a link to
/// the document's contents page, which lists every chapter.
fn more_chapters(lang: &str) -> TocEntry {
    TocEntry {
        number: String::new(),
        title: format!("… {}", words(lang).contents),
        href: "index.html".to_string(),
        current: false,
        children: Vec::new(),
    }
}

/// The contents of a translation. `print` links within one page; `current` marks and
/// expands one chapter; `depth` is the deepest heading level listed (2 or 3) for expanded
/// chapters, others list only their level-2 headings when `all_sections` is set.
fn toc(
    t: &Translation,
    print: bool,
    current: Option<usize>,
    depth: u8,
    all_sections: bool,
) -> Vec<TocEntry> {
    let mut out = Vec::new();
    let shown = match current {
        Some(i) if !print => nav_window(t.chapters.len(), i),
        _ => 0..t.chapters.len(),
    };
    if shown.start > 0 {
        out.push(more_chapters(&t.lang));
    }
    for (i, chapter) in t
        .chapters
        .iter()
        .enumerate()
        .take(shown.end)
        .skip(shown.start)
    {
        let page = if print {
            String::new()
        } else {
            page_file(chapter.stem())
        };
        let (title, number) = chapter_label(chapter, &t.lang);
        let href = match (print, chapter.first_heading()) {
            (true, Some(h)) => format!("#{}", h.id),
            (true, None) => "#top".to_string(),
            (false, _) => page.clone(),
        };
        let is_current = current == Some(i);
        let max_level = if is_current {
            depth
        } else if all_sections {
            2
        } else {
            1
        };
        let mut children: Vec<TocEntry> = Vec::new();
        let mut first = true;
        walk_blocks(&chapter.blocks, &mut |b| {
            let BlockKind::Heading(h) = &b.kind else {
                return;
            };
            if first && h.level == 1 {
                first = false;
                return;
            }
            first = false;
            if h.level > max_level {
                return;
            }
            let entry = TocEntry {
                number: number_label(&h.number, h.level, chapter.meta.annex, &t.lang),
                title: plain_text(&h.content),
                href: format!("{page}#{}", h.id),
                current: false,
                children: Vec::new(),
            };
            match (h.level, children.last_mut()) {
                (3.., Some(parent)) => parent.children.push(entry),
                _ => children.push(entry),
            }
        });
        out.push(TocEntry {
            number,
            title,
            href,
            current: is_current,
            children,
        });
    }
    if shown.end < t.chapters.len() {
        out.push(more_chapters(&t.lang));
    }
    out
}

impl<'a> Renderer<'a> {
    fn add(&mut self, path: &str, text: String) {
        self.files.push(if self.pack {
            packed(path.to_string(), &text)
        } else {
            OutputFile::plain(path.to_string(), text.into_bytes())
        });
    }

    fn site_title(&self, lang: &str) -> &'a str {
        self.project
            .manifest
            .title
            .get(lang, self.project.source_language())
    }

    fn local<'t>(&self, text: &'t LocalText, lang: &str) -> &'t str {
        text.get(lang, self.project.source_language())
    }

    fn included_docs(&self, lang: &'a str) -> impl Iterator<Item = &'a Document> + use<'a> {
        let site = self.site;
        self.project
            .documents
            .iter()
            .filter(move |d| site.has(d.id(), lang))
    }

    fn doc_view(&self, doc: &'a Document, lang: &str, href: String) -> DocView<'a> {
        let m = &doc.meta;
        let src = self.project.source_language();
        let w = words(lang);
        let publisher = self.project.manifest.publisher.as_ref();
        DocView {
            id: doc.id(),
            code: crate::l10n::document_code(m, lang, src),
            title: m.title.get(lang, src),
            short_title: m
                .short_title
                .as_ref()
                .map_or_else(|| m.title.get(lang, src), |t| t.get(lang, src)),
            subtitle: m.subtitle.as_ref().map(|t| t.get(lang, src)),
            kind: match m.kind {
                DocKind::Sop => w.kind_sop,
                DocKind::DeskReview => w.kind_desk_review,
                DocKind::Report => w.kind_report,
            },
            kind_id: m.kind.as_str(),
            version: &m.version.value,
            date: long_date(&m.date.value, lang),
            date_iso: &m.date.value,
            status: m.status.as_str(),
            status_label: match m.status {
                Status::Draft => w.status_draft,
                Status::Review => w.status_review,
                Status::Final => w.status_final,
            },
            is_final: m.status == Status::Final,
            authors: &m.authors,
            classification: m.classification.as_ref().map(|t| t.get(lang, src)),
            publisher: publisher.map(|p| p.name.get(lang, src)),
            publisher_address: publisher.and_then(|p| p.address.as_ref().map(|a| a.get(lang, src))),
            publisher_website: publisher
                .and_then(|p| p.website.as_deref())
                .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
            href,
        }
    }

    /// Links to each language; `exists(lang)` gives the page's path under `<lang>/` in
    /// that language, or `None` when the language has no such page.
    fn lang_links(
        &self,
        current: &str,
        root: &str,
        exists: &dyn Fn(&str) -> Option<String>,
    ) -> Vec<LangLink> {
        self.project
            .languages()
            .filter_map(|l| {
                if l == current {
                    return Some(LangLink {
                        lang: l.to_string(),
                        name: words(l).language_name,
                        href: None,
                    });
                }
                exists(l).map(|rel| LangLink {
                    lang: l.to_string(),
                    name: words(l).language_name,
                    href: Some(format!("{root}{l}/{rel}")),
                })
            })
            .collect()
    }

    fn has_lang(&self, lang: &str) -> bool {
        self.project
            .documents
            .iter()
            .any(|d| self.site.has(d.id(), lang))
    }

    fn landing(&mut self) -> Result<(), Error> {
        let src = self.project.source_language();
        let mut sections = Vec::new();
        for lang in self.project.languages() {
            if !self.has_lang(lang) {
                continue;
            }
            let docs = self
                .included_docs(lang)
                .map(|d| DocSummary {
                    doc: self.doc_view(d, lang, format!("{lang}/{}/index.html", d.id())),
                })
                .collect();
            let site = self.site;
            let overview = if sections.is_empty() {
                crate::render::overview::collection(self.project, lang, &|d| site.has(d.id(), lang))
                    .map(|c| {
                        crate::render::overview::svg(
                            &c,
                            crate::render::overview::collection_title(lang),
                        )
                    })
            } else {
                None
            };
            sections.push(LangSection {
                lang: lang.to_string(),
                name: words(lang).language_name,
                words: words(lang),
                title: self.site_title(lang),
                href: format!("{lang}/index.html"),
                docs,
                actors: crate::render::cards::html::actor_index(self.project, lang, &|d| {
                    site.has(d.id(), lang)
                }),
                card_words: crate::render::cards::card_words(lang),
                overview,
                overview_title: crate::render::overview::collection_title(lang),
            });
        }
        let view = IndexView {
            page: Page {
                lang: src,
                words: words(src),
                title: self.site_title(src).to_string(),
                site_title: self.site_title(src),
                root: "",
                // The landing page searches the first language that has documents.
                lang_root: self
                    .project
                    .languages()
                    .find(|l| self.has_lang(l))
                    .map(|l| format!("{l}/")),
                languages: Vec::new(),
                breadcrumbs: Vec::new(),
                doc: None,
                review: self.review,
            },
            sections,
        };
        let html = self.templates.render("index.html", &view)?;
        self.add("index.html", html);
        Ok(())
    }

    /// The page listing a language's documents.
    fn language(&mut self, lang: &'a str) -> Result<(), Error> {
        let w = words(lang);
        let docs: Vec<&'a Document> = self.included_docs(lang).collect();
        let view = LangIndexView {
            page: Page {
                lang,
                words: w,
                title: format!("{} — {}", w.documents, self.site_title(lang)),
                site_title: self.site_title(lang),
                root: "../",
                lang_root: Some(String::new()),
                languages: self.lang_links(lang, "../", &|l| {
                    self.has_lang(l).then(|| "index.html".to_string())
                }),
                breadcrumbs: vec![
                    Crumb {
                        title: w.home.to_string(),
                        href: Some("../index.html".into()),
                    },
                    Crumb {
                        title: w.language_name.to_string(),
                        href: None,
                    },
                ],
                doc: None,
                review: self.review,
            },
            docs: docs
                .iter()
                .map(|d| DocSummary {
                    doc: self.doc_view(d, lang, format!("{}/index.html", d.id())),
                })
                .collect(),
        };
        let html = self.templates.render("lang-index.html", &view)?;
        self.add(&format!("{lang}/index.html"), html);
        Ok(())
    }

    /// The role cards of the documents rendered now, `<lang>/cards/<doc>-<actor>.html`.
    fn cards(
        &mut self,
        lang: &'a str,
        jobs: &[(&'a Document, &'a Translation)],
    ) -> Result<(), Error> {
        use crate::render::cards;
        let site = self.site;
        for &(doc, _) in jobs {
            for card in cards::cards(self.project, doc, lang) {
                let rel = format!("{}.html", card.stem());
                let mut page = self.page(
                    doc,
                    lang,
                    format!(
                        "{} — {} — {}",
                        cards::card_words(lang).card,
                        card.actor_short,
                        card.code
                    ),
                    vec![
                        Crumb {
                            title: card.code.clone(),
                            href: Some(format!("../{}/index.html", doc.id())),
                        },
                        Crumb {
                            title: card.actor_short.clone(),
                            href: None,
                        },
                    ],
                    &rel,
                );
                // Translations keep the source's actors, so the card exists in each.
                page.languages = self.lang_links(lang, "../../", &|l| {
                    site.has(doc.id(), l).then(|| format!("cards/{rel}"))
                });
                let content = cards::html::body(&card, &|d| site.has(d, lang));
                let html = self
                    .templates
                    .render("card.html", &CardView { page, content })?;
                self.add(&format!("{lang}/cards/{rel}"), html);
            }
        }
        Ok(())
    }

    fn page(
        &self,
        doc: &'a Document,
        lang: &'a str,
        title: String,
        crumbs: Vec<Crumb>,
        rel: &str,
    ) -> Page<'a> {
        let w = words(lang);
        let mut breadcrumbs = vec![
            Crumb {
                title: w.home.to_string(),
                href: Some("../../index.html".into()),
            },
            Crumb {
                title: w.language_name.to_string(),
                href: Some("../index.html".into()),
            },
        ];
        breadcrumbs.extend(crumbs);
        Page {
            lang,
            words: w,
            title,
            site_title: self.site_title(lang),
            root: "../../",
            lang_root: Some("../".into()),
            languages: self.lang_links(lang, "../../", &|l| {
                if !self.site.has(doc.id(), l) {
                    return None;
                }
                let t = doc.translation(l)?;
                let same = rel == "index.html"
                    || rel == "print.html"
                    || t.chapters.iter().any(|c| page_file(c.stem()) == rel);
                Some(if same {
                    format!("{}/{rel}", doc.id())
                } else {
                    format!("{}/index.html", doc.id())
                })
            }),
            breadcrumbs,
            doc: Some(self.doc_view(doc, lang, "index.html".into())),
            review: self.review,
        }
    }

    fn links(&self, doc: &Document, t: &Translation) -> DocLinks {
        DocLinks {
            pdf: format!("../../../pdf/{}-{}.pdf", doc.id(), t.lang),
            print: "print.html".into(),
            home: "index.html".into(),
            first: t.chapters.first().map(|c| page_file(c.stem())),
        }
    }

    fn imprint(&self, lang: &str) -> Imprint<'a> {
        let m = &self.project.manifest;
        let src = self.project.source_language();
        Imprint {
            funding: m.funding.as_ref().map(|t| t.get(lang, src)),
            copyright: m.copyright.as_ref().map(|t| t.get(lang, src)),
            citation: m.citation.as_ref().map(|t| t.get(lang, src)),
            disclaimer: words(lang).disclaimer,
        }
    }

    fn history(&self, doc: &'a Document, lang: &str) -> Vec<HistoryRow<'a>> {
        doc.meta
            .history
            .iter()
            .map(|h| HistoryRow {
                version: &h.version,
                date: &h.date,
                changes: self.local(&h.changes, lang),
                by: h.by.as_ref().map(|b| self.local(b, lang)),
            })
            .collect()
    }

    fn validation(&self, doc: &'a Document, lang: &str) -> Vec<ValidationRow<'a>> {
        doc.meta
            .validation
            .iter()
            .map(|v| ValidationRow {
                body: self.local(&v.body, lang),
                date: v.date.as_deref(),
                place: v.place.as_ref().map(|t| self.local(t, lang)),
                decision: v.decision.as_ref().map(|t| self.local(t, lang)),
            })
            .collect()
    }

    fn document(&mut self, doc: &'a Document, t: &'a Translation) -> Result<(), Error> {
        let lang = t.lang.as_str();
        let dir = format!("{lang}/{}", doc.id());
        let code = crate::l10n::document_code(&doc.meta, lang, self.project.source_language());
        let title = doc.meta.title.get(lang, self.project.source_language());

        // Home.
        let view = DocumentView {
            page: self.page(
                doc,
                lang,
                format!("{code} — {title}"),
                vec![Crumb {
                    title: code.clone(),
                    href: None,
                }],
                "index.html",
            ),
            toc: toc(t, false, None, 2, true),
            history: self.history(doc, lang),
            validation: self.validation(doc, lang),
            imprint: self.imprint(lang),
            lists: crate::render::registry_lists(self.project, t),
            links: self.links(doc, t),
            overview: self
                .charts
                .get(&(doc.id().to_string(), lang.to_string()))
                .cloned(),
            overview_title: crate::render::overview::title(lang),
        };
        let html = self.templates.render("document.html", &view)?;
        self.add(&format!("{dir}/index.html"), html);

        // Chapters, then the committee's contributions as one more annex.
        let contributions = crate::render::contributions::chapter(doc, t);
        let chapters: Vec<&Chapter> = t.chapters.iter().chain(contributions.iter()).collect();
        let mut printed = Vec::new();
        for (i, &chapter) in chapters.iter().enumerate() {
            let mut cx = BodyCx::new(
                lang,
                doc.id(),
                Mode::Pages,
                self.site,
                &mut self.assets,
                chapter,
            );
            cx.stale = &t.stale;
            cx.review = self.review.then(|| crate::resolve::review_numbers(t));
            let content = cx.chapter(&chapter.blocks);
            let mut cx = BodyCx::new(
                lang,
                doc.id(),
                Mode::Print,
                self.site,
                &mut self.assets,
                chapter,
            );
            cx.stale = &t.stale;
            cx.review = self.review.then(|| crate::resolve::review_numbers(t));
            printed.push(cx.chapter(&chapter.blocks));

            let nav = |c: &Chapter| {
                let (title, number) = chapter_label(c, lang);
                NavLink {
                    title: if number.is_empty() {
                        title
                    } else {
                        format!("{number} {title}")
                    },
                    href: page_file(c.stem()),
                }
            };
            let (ch_title, _) = chapter_label(chapter, lang);
            let rel = page_file(chapter.stem());
            let view = ChapterView {
                page: self.page(
                    doc,
                    lang,
                    format!("{ch_title} — {code}"),
                    vec![
                        Crumb {
                            title: code.clone(),
                            href: Some("index.html".into()),
                        },
                        Crumb {
                            title: ch_title.clone(),
                            href: None,
                        },
                    ],
                    &rel,
                ),
                toc: toc(t, false, Some(i), 3, false),
                content,
                prev: i.checked_sub(1).map(|p| nav(chapters[p])),
                next: chapters.get(i + 1).map(|c| nav(c)),
                links: self.links(doc, t),
            };
            let html = self.templates.render("chapter.html", &view)?;
            self.add(&format!("{dir}/{rel}"), html);
        }

        // Printable page.
        let view = PrintView {
            page: self.page(
                doc,
                lang,
                format!("{code} — {title}"),
                vec![
                    Crumb {
                        title: code.clone(),
                        href: Some("index.html".into()),
                    },
                    Crumb {
                        title: words(lang).print_version.to_string(),
                        href: None,
                    },
                ],
                "print.html",
            ),
            toc: toc(t, true, None, 2, true),
            chapters: printed,
            history: self.history(doc, lang),
            validation: self.validation(doc, lang),
            imprint: self.imprint(lang),
            links: self.links(doc, t),
        };
        let html = self.templates.render("print.html", &view)?;
        self.add(&format!("{dir}/print.html"), html);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_pages_never_replace_document_pages() {
        assert_eq!(page_file("03-roles"), "03-roles.html");
        assert_eq!(page_file("index"), "chapter-index.html");
        assert_eq!(page_file("print"), "chapter-print.html");
    }

    #[test]
    fn the_navigation_window_is_bounded_and_holds_the_current_chapter() {
        assert_eq!(nav_window(10, 3), 0..10);
        assert_eq!(nav_window(51, 50), 0..51);
        assert_eq!(nav_window(4000, 0), 0..51);
        assert_eq!(nav_window(4000, 1000), 975..1026);
        assert_eq!(nav_window(4000, 3999), 3949..4000);
        for current in [0, 1, 24, 25, 26, 500, 3974, 3975, 3999] {
            let w = nav_window(4000, current);
            assert_eq!(w.len(), 2 * NAV_WINDOW + 1);
            assert!(w.contains(&current));
        }
    }
}
