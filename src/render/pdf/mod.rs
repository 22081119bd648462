//! PDF through embedded Typst.
//!
//! [`PdfEngine`] is built once per run: it parses the fonts compiled into the binary and
//! loads the layout template (`templates/typst/sop.typ`, built in, or the project's own
//! file of the same name). [`PdfEngine::render`] then turns one document in one language
//! into PDF bytes: [`markup`] writes the body as Typst markup, [`world`] serves it with the
//! template and the metadata (as JSON data) to Typst, and Typst errors come back as
//! [`Diagnostic`]s located in the Markdown sources.
//!
//! The engine is `Send + Sync`: callers render documents in parallel with
//! `std::thread::scope`.

pub mod markup;
mod packed;
pub mod world;

pub use packed::PackedMarkup;

use serde_json::{Value, json};
use typst::diag::{Severity, SourceDiagnostic, Warned};
use typst::foundations::Smart;
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfStandard, PdfStandards};

use crate::diag::Diagnostic;
use crate::l10n::{long_date, words};
use crate::model::{DocKind, Document, Project, Status};
use crate::msg;

use crate::diag::rules;
use world::{ASSETS_PREFIX, MAIN_PATH, Shared, SopWorld};

/// The built-in layout template.
pub const BUILTIN_TEMPLATE: &str = include_str!("../../../templates/typst/sop.typ");
/// Where a project overrides the template, relative to its root.
pub const TEMPLATE_OVERRIDE: &str = "templates/typst/sop.typ";

/// A PDF standard to conform to (`--pdf-standard`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfStandardChoice {
    /// PDF/A-2b (archival).
    A2b,
    /// PDF/UA-1 (accessibility).
    Ua1,
    /// Both in one file (Typst validates one archival and one accessibility standard
    /// together when their PDF versions overlap, as 2b's and UA-1's do).
    A2bUa1,
}

/// Options of one rendering.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// How many evictions a cached Typst result survives unused. A compilation evicts
    /// twice, after its layout and after its export, so `2 × n` keeps what the last `n`
    /// compilations used; a batch build keeps 1 (what the next document shares with the
    /// last: the template's results).
    pub cache_age: usize,
    /// A standard to conform to; tagged PDF is on in every case.
    pub standard: Option<PdfStandardChoice>,
    /// `YYYY-MM-DD`: Typst's `today()` and the PDF's timestamp (SOURCE_DATE_EPOCH or the
    /// document's date, chosen by the caller).
    pub date: String,
    /// A review copy: review numbers in the margin, wider lines, the review marking.
    pub review: bool,
}

/// The outcome of one rendering.
#[derive(Debug, Clone, Default)]
pub struct PdfResult {
    /// The PDF, unless Typst reported errors.
    pub pdf: Option<Vec<u8>>,
    /// Pages of the whole PDF.
    pub pages: usize,
    /// Pages from the first page of the first chapter to the last page before the
    /// annexes (what `page_limit` counts).
    pub body_pages: usize,
    /// Problems: images refused, Typst errors and warnings (`pdf/typst`).
    pub diagnostics: Vec<Diagnostic>,
}

/// One document's input to Typst, generated from the resolved model by
/// [`PdfEngine::prepare`] and held packed until [`PdfEngine::render_prepared`] lays it out.
#[derive(Debug, Clone)]
pub struct PreparedPdf {
    markup: PackedMarkup,
    meta: Vec<u8>,
    /// Problems found while generating (the pathway overview's warning).
    diagnostics: Vec<Diagnostic>,
}

impl PreparedPdf {
    /// Bytes held.
    pub fn size(&self) -> usize {
        self.markup.size() + self.meta.len()
    }
}

/// One of the documents [`PdfEngine::render_standalone_split`] writes.
#[derive(Debug, Clone)]
pub struct SplitPart {
    /// The PDF's title.
    pub title: String,
    /// The PDF's author.
    pub author: String,
    /// The PDF identifier (stable across builds).
    pub ident: String,
}

/// Renders documents to PDF; built once, shared across threads.
pub struct PdfEngine {
    shared: Shared,
    template: String,
    /// The project-relative path of the template when the project overrides it.
    template_override: Option<String>,
}

impl std::fmt::Debug for PdfEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfEngine")
            .field("fonts", &self.shared.fonts.len())
            .field("template_override", &self.template_override)
            .finish()
    }
}

impl PdfEngine {
    /// Parses the built-in fonts and loads the template (the project's
    /// `templates/typst/sop.typ` when it exists).
    ///
    /// # Errors
    /// [`crate::Error::Read`] when the project's template exists but cannot be read.
    pub fn new(project: &Project) -> Result<Self, crate::Error> {
        let path = project.root.join(TEMPLATE_OVERRIDE);
        let (template, template_override) = if project.world.is_file(&path) {
            let text = project
                .world
                .read_to_string(&path)
                .map_err(|source| crate::Error::Read { path, source })?;
            (text, Some(TEMPLATE_OVERRIDE.to_string()))
        } else {
            (BUILTIN_TEMPLATE.to_string(), None)
        };
        Ok(PdfEngine {
            shared: Shared::new(),
            template,
            template_override,
        })
    }

    /// The generated Typst sources for one document and language (for `--format typst`):
    /// `main.typ`, `template.typ` and `meta.json`, paths relative to one folder.
    pub fn typst_sources(
        &self,
        project: &Project,
        doc: &Document,
        lang: &str,
    ) -> Vec<(String, String)> {
        self.typst_sources_with(project, doc, lang, false)
    }

    /// Like [`PdfEngine::typst_sources`]; `review` gives the sources of the review copy.
    pub fn typst_sources_with(
        &self,
        project: &Project,
        doc: &Document,
        lang: &str,
        review: bool,
    ) -> Vec<(String, String)> {
        let Some(t) = doc.translation(lang) else {
            return Vec::new();
        };
        let markup = markup::generate(project, doc, t, review);
        let mut meta = meta_json(project, doc, lang);
        if let Some(m) = meta.as_object_mut() {
            m.insert("review".into(), Value::Bool(review));
            if let Some(o) = crate::render::overview::for_document(project, doc, lang) {
                m.insert("overview".into(), o.json);
            }
        }
        vec![
            ("main.typ".into(), markup.text),
            ("template.typ".into(), self.template.clone()),
            (
                "meta.json".into(),
                serde_json::to_string_pretty(&meta).unwrap_or_default(),
            ),
        ]
    }

    /// Compiles a standalone Typst file (one that does not use the SOP template, such as
    /// the redline of `sopdoc diff`) with the built-in fonts; `date` fixes `today()` and
    /// the PDF timestamp, `ident` the PDF identifier. No file is readable but `main`.
    ///
    /// # Errors
    /// Typst's error messages when the markup does not compile.
    pub fn render_standalone(
        &self,
        main: String,
        date: &str,
        ident: &str,
    ) -> Result<Vec<u8>, Vec<String>> {
        self.render_standalone_pages(main, date, ident)
            .map(|(pdf, _)| pdf)
    }

    /// [`PdfEngine::render_standalone`], with the number of pages laid out (role cards
    /// report the ones that need more than one).
    ///
    /// # Errors
    /// Typst's error messages when the markup does not compile.
    pub fn render_standalone_pages(
        &self,
        main: String,
        date: &str,
        ident: &str,
    ) -> Result<(Vec<u8>, usize), Vec<String>> {
        let t0 = std::time::Instant::now();
        let document = self.compile_standalone(main, date)?;
        crate::timings::record("pdf: layout (standalone)", t0);
        let options = typst_pdf::PdfOptions {
            ident: Smart::Custom(ident.to_string()),
            timestamp: Some(world::timestamp(date)),
            ..typst_pdf::PdfOptions::default()
        };
        let pages = document.pages().len();
        typst_pdf::pdf(&document, &options)
            .map(|pdf| (pdf, pages))
            .map_err(|e| messages(&e))
    }

    /// Lays out a standalone Typst file: only `main`, no project file readable.
    fn compile_standalone(&self, main: String, date: &str) -> Result<PagedDocument, Vec<String>> {
        let nowhere = std::path::Path::new("/nonexistent-sopdoc-root");
        let no_files = crate::world::MemoryWorld::new();
        let world = SopWorld::new(
            &self.shared,
            &no_files,
            nowhere,
            main,
            String::new(),
            Vec::new(),
            date,
        );
        let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
        output.map_err(|e| messages(&e))
    }

    /// Compiles a standalone Typst file that holds several documents one after another
    /// (role cards: one compilation per SOP and language instead of one per card) and
    /// writes each as a PDF of its own. Each part starts where `#metadata(…) <{marker}>`
    /// is placed, on a new page; `parts` gives each part's title, author and PDF
    /// identifier, in order. Returns each part's PDF and page count. Typst's caches are
    /// kept: the caller evicts them (`typst::comemo::evict`) when no other compilation it
    /// runs needs them.
    ///
    /// # Errors
    /// Typst's error messages when the markup does not compile, or when it does not hold
    /// one marker per part.
    pub fn render_standalone_split(
        &self,
        main: String,
        date: &str,
        marker: &str,
        parts: &[SplitPart],
    ) -> Result<Vec<(Vec<u8>, usize)>, Vec<String>> {
        let t0 = std::time::Instant::now();
        let document = self.compile_standalone(main, date)?;
        crate::timings::record("pdf: layout (split)", t0);
        let t0 = std::time::Instant::now();
        let intro = document.introspector();
        let starts: Vec<usize> = typst::foundations::Label::new(PicoStr::intern(marker))
            .map(|label| intro.query(&typst::foundations::Selector::Label(label)))
            .unwrap_or_default()
            .iter()
            .filter_map(|c| intro.page(c.location()?).map(|p| p.get() - 1))
            .collect();
        let total = document.pages().len();
        if starts.len() != parts.len()
            || starts.windows(2).any(|w| w[0] >= w[1])
            || starts.last().is_some_and(|&l| l >= total)
        {
            return Err(vec![format!(
                "{} parts expected, {} found",
                parts.len(),
                starts.len()
            )]);
        }
        let mut out = Vec::with_capacity(parts.len());
        for (i, part) in parts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(total);
            let mut info = typst::model::Document::info(&document).clone();
            info.title = Some(part.title.as_str().into());
            info.author = vec![part.author.as_str().into()];
            let one = PagedDocument::new(
                document.pages()[starts[i]..end].iter().cloned().collect(),
                info,
            );
            let options = typst_pdf::PdfOptions {
                ident: Smart::Custom(part.ident.clone()),
                timestamp: Some(world::timestamp(date)),
                ..typst_pdf::PdfOptions::default()
            };
            let pdf = typst_pdf::pdf(&one, &options).map_err(|e| messages(&e))?;
            out.push((pdf, end - starts[i]));
        }
        crate::timings::record("pdf: export (split)", t0);
        Ok(out)
    }

    /// Renders `doc` in `lang`.
    pub fn render(
        &self,
        project: &Project,
        doc: &Document,
        lang: &str,
        opts: &PdfOptions,
    ) -> PdfResult {
        let chart = crate::render::overview::document(project, doc, lang);
        match self.generate(project, doc, lang, opts.review, chart.as_ref()) {
            Ok((markup, meta, found)) => {
                self.layout(project, doc.id(), lang, markup, meta, found, opts)
            }
            Err(missing) => PdfResult {
                diagnostics: vec![missing],
                ..PdfResult::default()
            },
        }
    }

    /// What Typst will lay out for `doc` in `lang`, generated from the resolved model and
    /// packed ([`PreparedPdf`]); `review` gives the review copy's. `chart` is the
    /// document's pathway overview ([`crate::render::overview::document`], which reads the
    /// other documents' procedures): only `doc` is read here, so the other documents'
    /// models may be gone already.
    ///
    /// # Errors
    /// A `pdf/typst` error when the document has no translation in `lang`.
    pub fn prepare(
        &self,
        project: &Project,
        doc: &Document,
        lang: &str,
        review: bool,
        chart: Option<&crate::render::flowchart::Flowchart>,
    ) -> Result<PreparedPdf, Diagnostic> {
        let (markup, meta, diagnostics) = self.generate(project, doc, lang, review, chart)?;
        Ok(PreparedPdf {
            markup: PackedMarkup::pack(&markup),
            meta,
            diagnostics,
        })
    }

    /// Lays out and exports what [`PdfEngine::prepare`] generated for `doc_id` in `lang`:
    /// the same PDF [`PdfEngine::render`] gives, without the model.
    pub fn render_prepared(
        &self,
        project: &Project,
        doc_id: &str,
        lang: &str,
        prepared: PreparedPdf,
        opts: &PdfOptions,
    ) -> PdfResult {
        let markup = prepared.markup.unpack();
        drop(prepared.markup);
        self.layout(
            project,
            doc_id,
            lang,
            markup,
            prepared.meta,
            prepared.diagnostics,
            opts,
        )
    }

    /// The markup, the metadata (as `/meta.json` bytes) and the problems found on the way.
    fn generate(
        &self,
        project: &Project,
        doc: &Document,
        lang: &str,
        review: bool,
        chart: Option<&crate::render::flowchart::Flowchart>,
    ) -> Result<(markup::Markup, Vec<u8>, Vec<Diagnostic>), Diagnostic> {
        let Some(t) = doc.translation(lang) else {
            return Err(Diagnostic::error(
                rules::PDF_TYPST,
                msg!("pdf-typst-3", doc_id = &doc.id(), lang = &lang),
            )
            .at(crate::source::Span::file_start(doc.meta_source)));
        };
        let mut found = Vec::new();
        let markup = markup::generate(project, doc, t, review);
        let mut meta = meta_json(project, doc, lang);
        if let Some(m) = meta.as_object_mut() {
            m.insert("review".into(), Value::Bool(review));
            if let Some(chart) = chart {
                let o = crate::render::overview::for_chart(chart, doc, lang);
                m.insert("overview".into(), o.json);
                found.extend(o.warning);
            }
        }
        Ok((markup, serde_json::to_vec(&meta).unwrap_or_default(), found))
    }

    /// Typst's layout and export of one document's markup.
    #[allow(clippy::too_many_arguments)]
    fn layout(
        &self,
        project: &Project,
        doc_id: &str,
        lang: &str,
        markup: markup::Markup,
        meta: Vec<u8>,
        found: Vec<Diagnostic>,
        opts: &PdfOptions,
    ) -> PdfResult {
        let mut result = PdfResult {
            diagnostics: found,
            ..PdfResult::default()
        };
        // The text goes to Typst; the map stays to locate its messages.
        let markup::Markup { text, map } = markup;
        let markup = &markup::Markup {
            text: String::new(),
            map,
        };
        let t0 = std::time::Instant::now();
        let world = SopWorld::new(
            &self.shared,
            &*project.world,
            &project.root,
            text,
            self.template.clone(),
            meta,
            &opts.date,
        );
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        // Bound memory: drop the cache entries left unused (`PdfOptions::cache_age`) once
        // the layout is done, so that the export does not add its buffers to a full cache,
        // and again after the export (evicting only after the export, the PDF build's peak
        // at the bench's scale 10 was about 20 MiB higher, at the same CPU time).
        typst::comemo::evict(opts.cache_age);
        result
            .diagnostics
            .extend(warnings.iter().map(|d| self.diagnostic(&world, markup, d)));
        match output {
            Err(errors) => {
                result
                    .diagnostics
                    .extend(errors.iter().map(|d| self.diagnostic(&world, markup, d)));
            }
            Ok(document) => {
                crate::timings::record(&format!("pdf: layout {doc_id}"), t0);
                let t0 = std::time::Instant::now();
                result.pages = document.pages().len();
                result.body_pages = body_pages(&document);
                let standards: Vec<PdfStandard> = match opts.standard {
                    None => Vec::new(),
                    Some(PdfStandardChoice::A2b) => vec![PdfStandard::A_2b],
                    Some(PdfStandardChoice::Ua1) => vec![PdfStandard::Ua_1],
                    Some(PdfStandardChoice::A2bUa1) => vec![PdfStandard::A_2b, PdfStandard::Ua_1],
                };
                match PdfStandards::new(&standards) {
                    Err(e) => result
                        .diagnostics
                        .push(Diagnostic::error(rules::PDF_TYPST, e.message().to_string())),
                    Ok(standards) => {
                        let options = typst_pdf::PdfOptions {
                            ident: Smart::Custom(format!("sopdoc-{doc_id}-{lang}")),
                            timestamp: Some(world::timestamp(&opts.date)),
                            standards,
                            ..typst_pdf::PdfOptions::default()
                        };
                        let bytes = typst_pdf::pdf(&document, &options);
                        crate::timings::record(&format!("pdf: export {doc_id}"), t0);
                        match bytes {
                            Ok(bytes) => result.pdf = Some(bytes),
                            Err(errors) => result
                                .diagnostics
                                .extend(errors.iter().map(|d| self.diagnostic(&world, markup, d))),
                        }
                    }
                }
            }
        }
        typst::comemo::evict(opts.cache_age);
        result
    }

    /// A Typst diagnostic as ours: in the Markdown when it comes from the body, else in
    /// the template.
    fn diagnostic(
        &self,
        world: &SopWorld<'_>,
        markup: &markup::Markup,
        d: &SourceDiagnostic,
    ) -> Diagnostic {
        let mut message = d.message.to_string();
        let mut hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
        let range = world.range(d.span);
        let mut location = None;
        match (d.span.id(), range) {
            (Some(id), Some(r)) if id == world.main() => {
                let (line, col) = line_col(world.main_source().text(), r.start);
                hints.push(format!("in the generated Typst, {MAIN_PATH}:{line}:{col}"));
                if let Some(span) = markup.span_at(r.start) {
                    location = Some(crate::diag::Location::Span(span));
                }
            }
            (Some(id), Some(r)) if id == world.template_source().id() => {
                let (line, col) = line_col(world.template_source().text(), r.start);
                let path = self
                    .template_override
                    .clone()
                    .unwrap_or_else(|| format!("{TEMPLATE_OVERRIDE} (built in)"));
                message = format!("{message} ({path}:{line}:{col})");
                location = Some(crate::diag::Location::Path(
                    self.template_override
                        .clone()
                        .unwrap_or_else(|| TEMPLATE_OVERRIDE.to_string()),
                ));
            }
            (Some(id), _) => {
                hints.push(format!("in {}", id.vpath().get_with_slash()));
            }
            _ => {}
        }
        let mut out = if d.severity == Severity::Error {
            Diagnostic::error(rules::PDF_TYPST, message)
        } else {
            Diagnostic::warning(rules::PDF_TYPST, message)
        };
        out.location = location;
        for h in hints {
            out = out.hint(h);
        }
        out
    }
}

/// Typst's error messages, as text.
fn messages(errors: &[SourceDiagnostic]) -> Vec<String> {
    errors.iter().map(|e| e.message.to_string()).collect()
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let head = text.get(..offset).unwrap_or(text);
    let line = head.matches('\n').count() + 1;
    let col = head.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Pages between `<sopdoc-body-start>` and `<sopdoc-annex-start>` (or the end).
fn body_pages(document: &PagedDocument) -> usize {
    let intro = document.introspector();
    let page_of = |name: &str| {
        let label = typst::foundations::Label::new(PicoStr::intern(name))?;
        let content = intro.query_label(label).ok()?;
        intro.page(content.location()?).map(|p| p.get())
    };
    let total = document.pages().len();
    let Some(start) = page_of("sopdoc-body-start") else {
        return total;
    };
    let end = page_of("sopdoc-annex-start").unwrap_or(total + 1);
    end.saturating_sub(start)
}

/// The metadata the template reads from `/meta.json`.
fn meta_json(project: &Project, doc: &Document, lang: &str) -> Value {
    let src = project.source_language();
    let m = &doc.meta;
    let man = &project.manifest;
    let w = words(lang);
    fn local<'a>(t: &'a Option<crate::model::LocalText>, lang: &str, src: &str) -> Option<&'a str> {
        t.as_ref().map(|t| t.get(lang, src))
    }
    // The resolve stage reported a logo that is missing or may not be published.
    let logo = man.logo.as_ref().and_then(|logo| {
        let rel = world::project_relative("sopdoc.yaml", &logo.value).ok()?;
        project
            .world
            .is_file(&project.root.join(&rel))
            .then(|| format!("{ASSETS_PREFIX}{rel}"))
    });
    let publisher = man.publisher.as_ref().map(|p| {
        json!({
            "name": p.name.get(lang, src),
            "address": local(&p.address, lang, src),
            "website": p.website,
        })
    });
    let author = man
        .publisher
        .as_ref()
        .map(|p| p.name.get(lang, src).to_string())
        .or_else(|| m.authors.first().cloned())
        .unwrap_or_default();
    let kind_label = match m.kind {
        DocKind::Sop => w.kind_sop,
        DocKind::DeskReview => w.kind_desk_review,
        DocKind::Report => w.kind_report,
    };
    let status_label = match m.status {
        Status::Draft => w.status_draft,
        Status::Review => w.status_review,
        Status::Final => w.status_final,
    };
    let title = m.title.get(lang, src);
    let meta = json!({
        "title": title,
        "subtitle": local(&m.subtitle, lang, src),
        // The running head has one line: a long title without a short form gives way to
        // the kind of document.
        "short_title": match &m.short_title {
            Some(t) => t.get(lang, src),
            None if title.chars().count() <= 80 => title,
            None => kind_label,
        },
        "code": crate::l10n::document_code(m, lang, src),
        "version": m.version.value,
        "date": m.date.value,
        "date_long": long_date(&m.date.value, lang),
        "status": m.status.as_str(),
        "status_label": status_label,
        "draft": m.status != Status::Final,
        "kind": m.kind.as_str(),
        "kind_label": kind_label,
        "lang": lang,
        "author": author,
        "authors": m.authors,
        "classification": local(&m.classification, lang, src),
        "words": w,
        "publisher": publisher,
        "funding": local(&man.funding, lang, src),
        "copyright": local(&man.copyright, lang, src),
        "citation": local(&man.citation, lang, src),
        "logo": logo,
        "history": m.history.iter().map(|h| json!({
            "version": h.version,
            "date": long_date(&h.date, lang),
            "changes": h.changes.get(lang, src),
            "by": h.by.as_ref().map(|b| b.get(lang, src)),
        })).collect::<Vec<_>>(),
        "lists": doc.translation(lang).map(|t| crate::render::registry_lists(project, t)).unwrap_or_default(),
        "validation": m.validation.iter().map(|v| json!({
            "body": v.body.get(lang, src),
            "date": v.date.as_deref().map(|d| long_date(d, lang)),
            "place": local(&v.place, lang, src),
            "decision": local(&v.decision, lang, src),
        })).collect::<Vec<_>>(),
    });
    meta
}

#[cfg(test)]
mod tests;
