//! Building a project, as a library: [`build`] runs load → resolve → check, decides which
//! outputs the diagnostics allow, and has each [`Renderer`] (HTML site, PDF, Typst sources,
//! Word copy; review copies through [`BuildOptions::review`]) write its folder through an
//! [`OutputDir`]. `sopdoc build` is a thin layer over it that parses arguments and prints;
//! `watch` shares the pieces (which outputs are allowed, PDF names and dates, page limits).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::Analysis;
use crate::diag::{Diagnostic, Location, Severity, rules};
use crate::error::{Error, Result};
use crate::model::{Document, Project};
use crate::msg;
use crate::output::{Claim, OutputDir};
use crate::render::pdf::{PdfEngine, PdfOptions, PdfStandardChoice, PreparedPdf};

mod cards;
mod prepare;
mod schedule;
pub use cards::CardsRenderer;
use prepare::{SitePages, prepare};
use schedule::compile_each;

/// An output format of `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// The offline HTML site (`html/`).
    Html,
    /// One PDF per document and language (`pdf/`).
    Pdf,
    /// The generated Typst sources of each PDF (`typst/`).
    Typst,
    /// A Word copy for reviewers' comments (`docx/`).
    Docx,
    /// Role cards: one A4 PDF per actor and SOP (`cards/<lang>/<doc>-<actor>.pdf`).
    Cards,
}

impl Format {
    /// Every format, in the order they are built.
    pub const ALL: [Format; 5] = [
        Format::Html,
        Format::Pdf,
        Format::Typst,
        Format::Docx,
        Format::Cards,
    ];

    /// The name on the command line, which is also the output folder's name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Typst => "typst",
            Format::Docx => "docx",
            Format::Cards => "cards",
        }
    }
}

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The formats.
    pub formats: BTreeSet<Format>,
    /// Only these documents (empty: all).
    pub docs: Vec<String>,
    /// Only these languages (empty: all).
    pub langs: Vec<String>,
    /// Review copies (numbered paragraphs, "for comments" marking) under `review/`.
    pub review: bool,
    /// The output folder; `None`: the manifest's `output`. A folder other than the
    /// manifest's must be new, empty or one sopdoc wrote (see [`Claim::Explicit`]).
    pub out: Option<PathBuf>,
    /// A PDF standard to conform to.
    pub pdf_standard: Option<PdfStandardChoice>,
    /// Warnings count as errors.
    pub deny_warnings: bool,
    /// The caller shows no infos: they are counted, not kept (see
    /// [`crate::AnalysisOptions::hide_infos`]).
    pub hide_infos: bool,
    /// Let the resolved model go, document by document, once the site's pages and the
    /// PDFs' markup are made from it, when no format after them needs it (Typst sources,
    /// Word copies and role cards do); the markup is held packed until it is laid out.
    /// [`BuildReport::analysis`]'s project then keeps the manifest, the sources and the
    /// documents' metadata, not their chapters, and the chapters' text stays packed but
    /// for the files the layouts' problems point at ([`crate::source::SourceMap::unpack`]
    /// gives the rest back). `sopdoc build` sets it.
    pub release_models: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            formats: [Format::Html, Format::Pdf].into_iter().collect(),
            docs: Vec::new(),
            langs: Vec::new(),
            review: false,
            out: None,
            pdf_standard: None,
            deny_warnings: false,
            hide_infos: false,
            release_models: false,
        }
    }
}

/// What one format wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormatReport {
    /// The folder written.
    pub folder: PathBuf,
    /// Files the output has.
    pub files: usize,
    /// Files written (new or changed).
    pub written: usize,
    /// Files removed (sopdoc wrote them and the output no longer has them).
    pub removed: usize,
    /// Pages, for PDFs.
    pub pages: usize,
    /// Outputs that could not be made (a PDF Typst refused).
    pub failed: usize,
}

impl FormatReport {
    /// An empty report for the folder of `out`.
    fn of(out: &OutputDir) -> Self {
        FormatReport {
            folder: out.path().to_path_buf(),
            ..FormatReport::default()
        }
    }
}

/// What [`build`] did.
#[derive(Debug)]
pub struct BuildReport {
    /// Load, resolve and check, with every diagnostic of the selected outputs and of the
    /// files they share.
    pub analysis: Analysis,
    /// Diagnostics located in documents or languages left out of the build (`--doc`,
    /// `--lang`): they do not stop it and are only counted.
    pub elsewhere: Vec<Diagnostic>,
    /// The hidden infos of those documents and languages (see [`BuildOptions::hide_infos`]).
    pub elsewhere_hidden: crate::diag::Hidden,
    /// False when errors in shared files (manifest, registries) stopped everything.
    pub written: bool,
    /// The selected outputs that errors held back.
    pub held_back: BTreeSet<Pair>,
    /// Per format, in build order.
    pub outputs: Vec<(Format, FormatReport)>,
    /// Problems found while rendering (PDF layout, page limits), after severity policy.
    pub render_diagnostics: Vec<Diagnostic>,
}

impl BuildReport {
    /// Whether anything reported is an error (the build exits 1).
    pub fn has_errors(&self) -> bool {
        self.analysis.has_errors()
            || self
                .render_diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
    }
}

/// One output format: renders the selected translations and writes them into its folder.
pub trait Renderer: Sync {
    /// The format.
    fn format(&self) -> Format;
    /// Renders `jobs` and writes them into `out`; problems found on the way go to `diags`.
    ///
    /// # Errors
    /// Environment failures (an output that cannot be written, a broken template).
    fn write(
        &self,
        project: &Project,
        jobs: &[(&Document, &str)],
        out: &mut OutputDir,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<FormatReport>;
}

/// A renderer borrowed (the cards' renderer, which the PDFs' renderer also feeds).
impl<R: Renderer + ?Sized> Renderer for &R {
    fn format(&self) -> Format {
        (**self).format()
    }

    fn write(
        &self,
        project: &Project,
        jobs: &[(&Document, &str)],
        out: &mut OutputDir,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<FormatReport> {
        (**self).write(project, jobs, out, diags)
    }
}

/// The HTML site: pages of every selected translation, kept in step with the folder
/// (pages the site no longer has are removed).
pub struct HtmlRenderer {
    /// Review copies.
    pub review: bool,
    /// The site made beforehand (see [`HtmlRenderer::use_prepared`]).
    prepared: Mutex<Option<(Vec<crate::render::html::OutputFile>, SitePages)>>,
}

impl HtmlRenderer {
    /// The site renderer (`review`: the review copies).
    pub fn new(review: bool) -> Self {
        HtmlRenderer {
            review,
            prepared: Mutex::new(None),
        }
    }

    /// Writes `files` (the site of the jobs [`Renderer::write`] is given, made beforehand,
    /// but for the pages already written, `pages`) instead of rendering it when writing.
    fn use_prepared(&self, files: Vec<crate::render::html::OutputFile>, pages: SitePages) {
        *self.prepared.lock().unwrap_or_else(|e| e.into_inner()) = Some((files, pages));
    }
}

impl Renderer for HtmlRenderer {
    fn format(&self) -> Format {
        Format::Html
    }

    fn write(
        &self,
        project: &Project,
        jobs: &[(&Document, &str)],
        out: &mut OutputDir,
        _diags: &mut Vec<Diagnostic>,
    ) -> Result<FormatReport> {
        let prepared = self
            .prepared
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let (files, earlier) = match prepared {
            Some(prepared) => prepared,
            None => {
                let include = |d: &Document, l: &str| {
                    jobs.iter().any(|(jd, jl)| jd.id() == d.id() && *jl == l)
                };
                let files =
                    crate::render::html::render_site_packed(project, &include, self.review)?;
                (files, SitePages::default())
            }
        };
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let (written, _) = out.write_each(&paths, |i| files[i].contents())?;
        let keep = paths
            .iter()
            .copied()
            .chain(earlier.paths.iter().map(String::as_str))
            .collect();
        let removed = out.prune(&keep)?;
        Ok(FormatReport {
            files: files.len() + earlier.paths.len(),
            written: written + earlier.written,
            removed,
            ..FormatReport::of(out)
        })
    }
}

/// PDFs, one document per core, each written as soon as it is laid out.
pub struct PdfRenderer<'e> {
    /// The engine (fonts, template), shared by the documents.
    pub engine: &'e PdfEngine,
    /// A standard to conform to.
    pub standard: Option<PdfStandardChoice>,
    /// Review copies.
    pub review: bool,
    /// The role cards' renderer, when cards are built too: their sheets are laid out in
    /// the documents' queue, after them, so that they fill the cores the last documents
    /// leave idle (laid out afterwards, they added their whole time to the build's).
    pub cards: Option<&'e CardsRenderer<'e>>,
    /// What to lay out, generated before the model was let go (see
    /// [`BuildOptions::release_models`]); `None`: generated from the model when writing.
    prepared: Mutex<Option<PdfQueue>>,
}

/// Everything the PDFs' renderer lays out, generated from the resolved model before the
/// first layout starts: each document's markup (packed), the role cards' sheets and the
/// collection's overviews. Typst then needs nothing of the model.
pub struct PdfQueue {
    /// Per job, in job order: taken by the layout that uses it.
    pdfs: Vec<PreparedSlot>,
    sheets: Vec<cards::Sheet>,
    /// Per language: the overview's Typst source and date, when it has one.
    overviews: Vec<Overview>,
}

/// A language and the source and date of its collection overview, when it has one.
type Overview = (String, Option<(String, String)>);

/// What [`PdfRenderer::plan`] works out before the documents' markup is made.
pub struct PdfPlan {
    sheets: Vec<cards::Sheet>,
    overviews: Vec<Overview>,
    /// Per job: its pathway overview.
    charts: Vec<Option<crate::render::flowchart::Flowchart>>,
}

impl PdfPlan {
    /// The queue of the jobs' markup (`made`, in job order) and of what the plan holds.
    pub fn into_queue(self, made: Vec<std::result::Result<PreparedPdf, Diagnostic>>) -> PdfQueue {
        PdfQueue {
            pdfs: made.into_iter().map(|p| Mutex::new(Some(p))).collect(),
            sheets: self.sheets,
            overviews: self.overviews,
        }
    }
}

impl<'e> PdfRenderer<'e> {
    /// The PDFs' renderer.
    pub fn new(
        engine: &'e PdfEngine,
        standard: Option<PdfStandardChoice>,
        review: bool,
        cards: Option<&'e CardsRenderer<'e>>,
    ) -> Self {
        PdfRenderer {
            engine,
            standard,
            review,
            cards,
            prepared: Mutex::new(None),
        }
    }

    /// Generates what [`Renderer::write`] will lay out for `jobs` (on every core: the
    /// markup is plain Rust, not Typst).
    pub fn prepare(&self, project: &Project, jobs: &[(&Document, &str)]) -> PdfQueue {
        use rayon::prelude::*;
        let started = std::time::Instant::now();
        let (sheets, overviews) = self.shared_parts(project, jobs);
        let pdfs: Vec<_> = jobs
            .par_iter()
            .map(|&(doc, lang)| {
                let chart = crate::render::overview::document(project, doc, lang);
                let prepared = self
                    .engine
                    .prepare(project, doc, lang, self.review, chart.as_ref());
                Mutex::new(Some(prepared))
            })
            .collect();
        crate::timings::record("pdf: markup", started);
        PdfQueue {
            pdfs,
            sheets,
            overviews,
        }
    }

    /// What the layouts need from several documents at once, worked out while all are at
    /// hand: the role cards' sheets, the collection's overviews and each job's pathway
    /// overview (its exits lead to other documents' procedures). The jobs are at `pairs`
    /// (document and translation positions).
    pub fn plan(&self, project: &Project, pairs: &[(usize, usize)]) -> PdfPlan {
        let jobs = jobs_of(project, pairs);
        let (sheets, overviews) = self.shared_parts(project, &jobs);
        let charts = jobs
            .iter()
            .map(|&(doc, lang)| crate::render::overview::document(project, doc, lang))
            .collect();
        PdfPlan {
            sheets,
            overviews,
            charts,
        }
    }

    /// The markup of job `k` of `plan` (`doc` in `lang`), which reads nothing of the other
    /// documents in `project` but their metadata: each document's model may be let go as
    /// soon as its markup is made.
    ///
    /// # Errors
    /// The diagnostic of a file the markup needs and cannot have.
    pub fn prepare_job(
        &self,
        project: &Project,
        doc: &Document,
        lang: &str,
        plan: &PdfPlan,
        k: usize,
    ) -> std::result::Result<PreparedPdf, Diagnostic> {
        self.engine
            .prepare(project, doc, lang, self.review, plan.charts[k].as_ref())
    }

    /// The role cards' sheets and the collection's overviews (smallest last; review
    /// copies have none).
    fn shared_parts(
        &self,
        project: &Project,
        jobs: &[(&Document, &str)],
    ) -> (Vec<cards::Sheet>, Vec<Overview>) {
        let sheets = match self.cards {
            Some(_) => cards::sheets(project, jobs),
            None => Vec::new(),
        };
        let overviews = if self.review {
            Vec::new()
        } else {
            project
                .languages()
                .map(|lang| (lang.to_string(), overview_source(project, jobs, lang)))
                .collect()
        };
        (sheets, overviews)
    }

    /// Lays out and exports what [`PdfRenderer::prepare`] generated for `jobs` from now on,
    /// instead of generating it when writing.
    pub fn use_prepared(&self, queue: PdfQueue) {
        *self.prepared.lock().unwrap_or_else(|e| e.into_inner()) = Some(queue);
    }
}

impl Renderer for PdfRenderer<'_> {
    fn format(&self) -> Format {
        Format::Pdf
    }

    fn write(
        &self,
        project: &Project,
        jobs: &[(&Document, &str)],
        out: &mut OutputDir,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<FormatReport> {
        let prepared = self
            .prepared
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let queue_in = match prepared {
            Some(queue) => queue,
            None => self.prepare(project, jobs),
        };
        let out = Mutex::new(out);
        let queue: Vec<Queued> =
            jobs.iter()
                .zip(&queue_in.pdfs)
                .map(|(&(doc, lang), prepared)| Queued::Pdf(doc, lang, prepared))
                .chain(queue_in.sheets.iter().map(Queued::Cards))
                .chain(
                    queue_in.overviews.iter().filter_map(|(lang, source)| {
                        Some(Queued::Overview(lang, source.as_ref()?))
                    }),
                )
                .collect();
        // Results come back in queue order, so the diagnostics are the same every run.
        let done: Vec<Done> = compile_each(&queue, |item| match *item {
            Queued::Cards(sheet) => Done::Cards(sheet.render(self.engine)),
            Queued::Pdf(doc, lang, prepared) => {
                let prepared = prepared.lock().unwrap_or_else(|e| e.into_inner()).take();
                Done::Pdf(self.write_one(project, doc, lang, prepared, &out))
            }
            Queued::Overview(lang, (source, date)) => Done::Overview(
                lang,
                self.engine.render_standalone_pages(
                    source.clone(),
                    date,
                    &format!("sopdoc-overview-{lang}"),
                ),
            ),
        });
        let mut results = Vec::with_capacity(jobs.len());
        let mut laid_out = Vec::with_capacity(queue_in.sheets.len());
        let mut overviews = Vec::new();
        for d in done {
            match d {
                Done::Pdf(r) => results.push(r),
                Done::Cards(c) => laid_out.push(c),
                Done::Overview(lang, made) => overviews.push((lang, made)),
            }
        }
        if let Some(cards) = self.cards {
            cards.prepare(laid_out);
        }
        let out = out.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut report = FormatReport::of(out);
        for r in results {
            let (found, made) = r?;
            diags.extend(found);
            match made {
                Some((pages, wrote)) => {
                    report.files += 1;
                    report.pages += pages;
                    report.written += usize::from(wrote);
                }
                None => report.failed += 1,
            }
        }
        for (lang, made) in overviews {
            match made {
                Ok((pdf, pages)) => {
                    report.written +=
                        usize::from(out.write(&format!("overview-{lang}.pdf"), &pdf)?);
                    report.files += 1;
                    report.pages += pages;
                }
                Err(messages) => {
                    report.failed += 1;
                    diags.push(Diagnostic::error(
                        rules::PDF_TYPST,
                        msg!("pdf-typst", lang = &lang, join = &(messages.join("; "))),
                    ));
                }
            }
        }
        Ok(report)
    }
}

impl PdfRenderer<'_> {
    /// Lays out what was prepared for `doc` in `lang` and writes it into `out`.
    fn write_one(
        &self,
        project: &Project,
        doc: &Document,
        lang: &str,
        prepared: Option<std::result::Result<PreparedPdf, Diagnostic>>,
        out: &Mutex<&mut OutputDir>,
    ) -> Result<OnePdf> {
        let opts = PdfOptions {
            cache_age: 1,
            standard: self.standard,
            date: pdf_date(doc),
            review: self.review,
        };
        let mut result = match prepared {
            Some(Ok(prepared)) => {
                self.engine
                    .render_prepared(project, doc.id(), lang, prepared, &opts)
            }
            Some(Err(missing)) => crate::render::pdf::PdfResult {
                diagnostics: vec![missing],
                ..Default::default()
            },
            // Each job's markup is taken once, by its own layout.
            None => self.engine.render(project, doc, lang, &opts),
        };
        let limits = page_limits(project, doc, lang, result.body_pages, result.pdf.is_some());
        result.diagnostics.extend(limits);
        let found = result.diagnostics;
        let Some(pdf) = result.pdf else {
            return Ok((found, None));
        };
        let wrote = out
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .write(&pdf_name(doc.id(), lang), &pdf)?;
        Ok((found, Some((result.pages, wrote))))
    }
}

/// A document's prepared markup, taken by its layout.
type PreparedSlot = Mutex<Option<std::result::Result<PreparedPdf, Diagnostic>>>;

/// What the PDFs' renderer lays out: a document, a sheet of role cards, or the
/// collection's overview.
enum Queued<'a> {
    Pdf(&'a Document, &'a str, &'a PreparedSlot),
    Cards(&'a cards::Sheet),
    /// The collection's overview in a language: its source and date.
    Overview(&'a str, &'a (String, String)),
}

/// What came of a [`Queued`] item.
enum Done<'a> {
    Pdf(Result<OnePdf>),
    Cards(Vec<cards::OneCard>),
    Overview(&'a str, OneStandalone),
}

/// A standalone PDF and its page count, or Typst's messages.
type OneStandalone = std::result::Result<(Vec<u8>, usize), Vec<String>>;

/// The source of `pdf/overview-<lang>.pdf` (the collection's pathway overview in `lang`,
/// over the documents built) and its date; `None` when it has fewer than two procedures.
fn overview_source(
    project: &Project,
    jobs: &[(&Document, &str)],
    lang: &str,
) -> Option<(String, String)> {
    use crate::render::overview;
    let include = |d: &Document| jobs.iter().any(|(j, l)| j.id() == d.id() && *l == lang);
    let chart = overview::collection(project, lang, &include)?;
    let date = jobs
        .iter()
        .filter(|(_, l)| *l == lang)
        .map(|(d, _)| pdf_date(d))
        .max()
        .unwrap_or_default();
    Some((
        overview::typst_document(project, &chart, lang, &include),
        date,
    ))
}

/// What rendering one PDF gave: its problems, and (pages, whether the file changed) when
/// it was written.
type OnePdf = (Vec<Diagnostic>, Option<(usize, bool)>);

/// The generated Typst sources, one folder per document and language.
pub struct TypstRenderer<'e> {
    /// The engine whose template the sources use.
    pub engine: &'e PdfEngine,
    /// Review copies.
    pub review: bool,
}

impl Renderer for TypstRenderer<'_> {
    fn format(&self) -> Format {
        Format::Typst
    }

    fn write(
        &self,
        project: &Project,
        jobs: &[(&Document, &str)],
        out: &mut OutputDir,
        _diags: &mut Vec<Diagnostic>,
    ) -> Result<FormatReport> {
        let mut report = FormatReport::of(out);
        for &(doc, lang) in jobs {
            let files: Vec<(String, String)> = self
                .engine
                .typst_sources_with(project, doc, lang, self.review)
                .into_iter()
                .map(|(name, text)| (format!("{}-{lang}/{name}", doc.id()), text))
                .collect();
            let pairs: Vec<(&str, &[u8])> = files
                .iter()
                .map(|(p, t)| (p.as_str(), t.as_bytes()))
                .collect();
            report.written += out.write_all(&pairs)?.0;
            report.files += 1;
        }
        Ok(report)
    }
}

/// The Word copies reviewers comment on.
pub struct DocxRenderer;

impl Renderer for DocxRenderer {
    fn format(&self) -> Format {
        Format::Docx
    }

    fn write(
        &self,
        project: &Project,
        jobs: &[(&Document, &str)],
        out: &mut OutputDir,
        _diags: &mut Vec<Diagnostic>,
    ) -> Result<FormatReport> {
        let mut report = FormatReport::of(out);
        for &(doc, lang) in jobs {
            let bytes = crate::render::docx::render(project, doc, lang, &pdf_date(doc))?;
            report.written += usize::from(out.write(&format!("{}-{lang}.docx", doc.id()), &bytes)?);
            report.files += 1;
        }
        Ok(report)
    }
}

/// Builds the project at `root`: analysis, then every requested format of the selected
/// documents that the diagnostics allow. Errors in one document's files hold back that
/// document (errors in a translation's chapters, only that language); errors in shared
/// files (manifest, registries) stop everything. Documents left out with `docs`/`langs`
/// neither stop the build nor count, but their diagnostics are kept in
/// [`BuildReport::elsewhere`].
///
/// # Errors
/// Environment failures: no project, an unknown document or language asked for, an output
/// folder that holds the user's files or a symbolic link, an unwritable file.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport> {
    build_with(root, options, &mut |_| {})
}

/// [`build`], handing the report to `checked` once the analysis is final and before
/// anything is rendered (or at the end, when nothing is): `sopdoc build` prints the
/// findings there and lets them go, so that a large collection's tens of thousands of
/// warnings are not held while its PDFs are laid out. What `checked` leaves in
/// [`BuildReport::analysis`] and [`BuildReport::elsewhere`] is returned.
///
/// # Errors
/// As [`build`].
pub fn build_with(
    root: &Path,
    options: &BuildOptions,
    checked: &mut dyn FnMut(&mut BuildReport),
) -> Result<BuildReport> {
    let mut called = false;
    let mut once = |report: &mut BuildReport| {
        if !std::mem::replace(&mut called, true) {
            checked(report);
        }
    };
    let mut report = build_inner(root, options, &mut once)?;
    once(&mut report);
    Ok(report)
}

fn build_inner(
    root: &Path,
    options: &BuildOptions,
    checked: &mut dyn FnMut(&mut BuildReport),
) -> Result<BuildReport> {
    let wants = |f: Format| options.formats.contains(&f);
    let analysis_options = crate::AnalysisOptions {
        deny_warnings: options.deny_warnings,
        hide_infos: options.hide_infos,
    };
    let (analysis, _) = crate::analyze_with(root, analysis_options, |_| ())?;
    if options.release_models {
        // Nothing is checked after this point.
        crate::check::style::spelling::release();
    }
    let mut report = BuildReport {
        analysis,
        elsewhere: Vec::new(),
        elsewhere_hidden: crate::diag::Hidden::new(),
        written: false,
        held_back: BTreeSet::new(),
        outputs: Vec::new(),
        render_diagnostics: Vec::new(),
    };
    let Some(project) = report.analysis.project.as_ref() else {
        return Ok(report);
    };
    let selection = select(project, options)?;
    // Diagnostics of outputs not asked for are set aside.
    let owners = Owners::new(project);
    let selected = |location: Option<&Location>| match owners.of(location) {
        Owner::Pair(doc, lang) => selection.contains(&(doc, lang)),
        Owner::Document(doc) => selection.iter().any(|(d, _)| *d == doc),
        Owner::Shared => true,
    };
    let (kept, elsewhere): (Vec<Diagnostic>, Vec<Diagnostic>) =
        std::mem::take(&mut report.analysis.diagnostics)
            .into_iter()
            .partition(|d| selected(d.location.as_ref()));
    report.analysis.diagnostics = kept;
    report.elsewhere = elsewhere;
    let (kept, elsewhere) = std::mem::take(&mut report.analysis.hidden).split(selected);
    report.analysis.hidden = kept;
    report.elsewhere_hidden = elsewhere;
    drop(owners);
    let Some(blocked) = blocked_outputs(project, &report.analysis.diagnostics) else {
        return Ok(report);
    };
    report.held_back = selection.intersection(&blocked).cloned().collect();
    // Each job as (document, translation) positions: the model may be let go on the way.
    let pairs: Vec<(usize, usize)> = project
        .documents
        .iter()
        .enumerate()
        .flat_map(|(i, d)| {
            d.translations
                .iter()
                .enumerate()
                .map(move |(j, t)| (i, j, d.id(), t.lang.as_str()))
        })
        .filter(|&(_, _, d, l)| {
            let pair = (d.to_string(), l.to_string());
            selection.contains(&pair) && !blocked.contains(&pair)
        })
        .map(|(i, j, _, _)| (i, j))
        .collect();
    let jobs = jobs_of(project, &pairs);
    if jobs.is_empty() && !report.held_back.is_empty() {
        // Everything asked for is held back: no half site of nothing.
        return Ok(report);
    }
    // Every output folder is checked before anything is written: a folder of the user's
    // is refused whole, not half-filled.
    let configured = project.root.join(&project.manifest.output);
    let (out_dir, claim) = match &options.out {
        Some(dir) => {
            let same = crate::output::same_folder(dir, &configured);
            (
                dir.clone(),
                if same { Claim::Adopt } else { Claim::Explicit },
            )
        }
        None => (configured, Claim::Adopt),
    };
    let out_dir = if options.review {
        out_dir.join("review")
    } else {
        out_dir
    };
    let _lock = crate::output::ProjectLock::acquire(&project.root, true)?;
    let mut folders = Vec::new();
    for format in Format::ALL.into_iter().filter(|f| wants(*f)) {
        folders.push((
            format,
            OutputDir::open(&out_dir.join(format.name()), claim)?,
        ));
    }
    checked(&mut report);
    let project = report.analysis.project.as_ref().expect("analysed");
    let started = std::time::Instant::now();
    let engine = if wants(Format::Pdf) || wants(Format::Typst) || wants(Format::Cards) {
        let engine = PdfEngine::new(project)?;
        crate::timings::record("build: PDF engine", started);
        Some(engine)
    } else {
        None
    };
    let cards = engine
        .as_ref()
        .filter(|_| wants(Format::Cards))
        .map(CardsRenderer::new);
    // One format after the other; the cards' sheets are laid out in the PDFs' queue (see
    // `PdfRenderer::cards`). Written side by side with a thread pool of their own,
    // `html,pdf,cards` took 20 % longer and a quarter more CPU on `gen_corpus --field`
    // (README "Role cards"): more compilations than cores, and each sheet evicting Typst's
    // caches from under the documents still being laid out.
    let html = wants(Format::Html).then(|| HtmlRenderer::new(options.review));
    let pdf = engine
        .as_ref()
        .filter(|_| wants(Format::Pdf))
        .map(|engine| {
            PdfRenderer::new(engine, options.pdf_standard, options.review, cards.as_ref())
        });
    // The Typst sources, Word copies and role cards read the model when they are written.
    let later = [Format::Typst, Format::Docx, Format::Cards];
    let release = options.release_models && !later.into_iter().any(wants);
    if let Some(project) = report.analysis.project.as_mut() {
        let pdf = pdf.as_ref().filter(|_| release);
        let site_dir = folders
            .iter_mut()
            .find(|(f, _)| *f == Format::Html)
            .map(|(_, dir)| dir);
        prepare(project, &pairs, release, html.as_ref().zip(site_dir), pdf)?;
        if release {
            // The chapters' text is read again only to print what the layouts find: it
            // is held deflated meanwhile (see `SourceMap::pack`).
            project.sources.pack(|f| f.path.ends_with(".md"));
            report.analysis.sources = project.sources.clone();
        }
    }
    let mut diags = Vec::new();
    for (format, mut folder) in folders {
        let renderer: &dyn Renderer = match (format, engine.as_ref()) {
            (Format::Html, _) => match &html {
                Some(html) => html,
                None => continue,
            },
            (Format::Pdf, _) => match &pdf {
                Some(pdf) => pdf,
                None => continue,
            },
            (Format::Typst, Some(engine)) => &TypstRenderer {
                engine,
                review: options.review,
            },
            (Format::Docx, _) => &DocxRenderer,
            (Format::Cards, _) => match &cards {
                Some(cards) => cards,
                None => continue,
            },
            _ => continue,
        };
        let started = std::time::Instant::now();
        let project = report.analysis.project.as_ref().expect("analysed");
        let written =
            renderer.write(project, &jobs_of(project, &pairs), &mut folder, &mut diags)?;
        crate::timings::record(&format!("build: {}", format.name()), started);
        report.outputs.push((format, written));
    }
    // The files the layouts' problems point at get their text back, to be printed.
    let cited: std::collections::HashSet<crate::source::SourceId> = diags
        .iter()
        .flat_map(|d| {
            let at = match &d.location {
                Some(Location::Span(span)) => Some(span.source),
                _ => None,
            };
            at.into_iter()
                .chain(d.related.iter().map(|(span, _)| span.source))
        })
        .collect();
    if let Some(project) = report.analysis.project.as_mut()
        && project.sources.unpack_where(|id| cited.contains(&id))
    {
        report.analysis.sources = project.sources.clone();
    }
    let project = report.analysis.project.as_ref().expect("analysed");
    let diags = crate::check::apply_policy(project, diags, options.deny_warnings);
    report.render_diagnostics = crate::diag::finalize(diags, &project.sources);
    report.written = true;
    Ok(report)
}

/// The jobs at `pairs` (document and translation positions).
fn jobs_of<'p>(project: &'p Project, pairs: &[(usize, usize)]) -> Vec<(&'p Document, &'p str)> {
    pairs
        .iter()
        .map(|&(i, j)| {
            let doc = &project.documents[i];
            (doc, doc.translations[j].lang.as_str())
        })
        .collect()
}

/// The (document, language) pairs the options ask for; an unknown id is an error.
fn select(project: &Project, options: &BuildOptions) -> Result<BTreeSet<Pair>> {
    let ids: Vec<&str> = project.documents.iter().map(Document::id).collect();
    for d in &options.docs {
        if !ids.contains(&d.as_str()) {
            let hint = crate::diag::did_you_mean(d, ids.iter().copied()).unwrap_or_else(|| {
                crate::msg!("usage-documents", documents = ids.join(", ")).into()
            });
            return Err(Error::Usage(vec![
                crate::msg!("usage-unknown-doc", id = d).into(),
                hint,
            ]));
        }
    }
    let langs: Vec<&str> = project.languages().collect();
    for l in &options.langs {
        if !langs.contains(&l.as_str()) {
            return Err(Error::usage(crate::msg!(
                "usage-unknown-lang",
                lang = l,
                languages = langs.join(", ")
            )));
        }
    }
    Ok(all_pairs(project)
        .into_iter()
        .filter(|(d, l)| {
            (options.docs.is_empty() || options.docs.contains(d))
                && (options.langs.is_empty() || options.langs.contains(l))
        })
        .collect())
}

/// What a diagnostic's file belongs to.
#[derive(Clone)]
enum Owner {
    /// A translation's chapter.
    Pair(String, String),
    /// A document's own files (document.yaml, comments matrix, translation state).
    Document(String),
    /// Files every output uses (manifest, registries), or no file.
    Shared,
}

/// Which output each file belongs to, looked up once per file: a large collection's
/// findings number in the tens of thousands, and asking every document for each one's file
/// cost a second at 400 documents.
struct Owners<'p> {
    project: &'p Project,
    by_source: std::collections::HashMap<crate::source::SourceId, Owner>,
}

impl<'p> Owners<'p> {
    fn new(project: &'p Project) -> Self {
        let mut by_source = std::collections::HashMap::new();
        // In the order the first match used to be searched: chapters, then the
        // document's own files, document by document.
        for doc in &project.documents {
            for t in &doc.translations {
                for c in &t.chapters {
                    by_source
                        .entry(c.source)
                        .or_insert_with(|| Owner::Pair(doc.id().to_string(), t.lang.clone()));
                }
            }
            for source in
                std::iter::once(doc.meta_source).chain(doc.comments.as_ref().map(|c| c.source))
            {
                by_source
                    .entry(source)
                    .or_insert_with(|| Owner::Document(doc.id().to_string()));
            }
        }
        Owners { project, by_source }
    }

    /// The output a finding at `location` concerns.
    fn of(&self, location: Option<&Location>) -> Owner {
        let Some(Location::Span(span)) = location else {
            return Owner::Shared;
        };
        if let Some(owner) = self.by_source.get(&span.source) {
            return owner.clone();
        }
        // A document's translation state lives in its folder.
        let project = self.project;
        let path = &project.sources.get(span.source).path;
        let sources = project.manifest.sources.trim_end_matches('/');
        for doc in &project.documents {
            if path.starts_with(&format!("{sources}/{}/", doc.id())) {
                return Owner::Document(doc.id().to_string());
            }
        }
        Owner::Shared
    }
}

/// A (document id, language) pair: one output of the project.
pub type Pair = (String, String);

/// Every (document, language) pair the project has a translation for.
pub fn all_pairs(project: &Project) -> BTreeSet<Pair> {
    project
        .documents
        .iter()
        .flat_map(|d| {
            d.translations
                .iter()
                .map(move |t| (d.id().to_string(), t.lang.clone()))
        })
        .collect()
}

/// The (document, language) pairs that errors hold back: an error in a translation's
/// chapter holds back that language, one in the source language's chapters or in a
/// document's own files the whole document; `None` when an error concerns shared files
/// (nothing may be written).
pub fn blocked_outputs(project: &Project, diags: &[Diagnostic]) -> Option<BTreeSet<Pair>> {
    let mut blocked = BTreeSet::new();
    let source_lang = project.source_language();
    let owners = Owners::new(project);
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        match owners.of(d.location.as_ref()) {
            Owner::Pair(doc, lang) if lang != source_lang => {
                blocked.insert((doc, lang));
            }
            Owner::Pair(doc, _) | Owner::Document(doc) => {
                if let Some(document) = project.document(&doc) {
                    for t in &document.translations {
                        blocked.insert((doc.clone(), t.lang.clone()));
                    }
                }
            }
            Owner::Shared => return None,
        }
    }
    Some(blocked)
}

/// When every error sits in a translation's chapter files, the (document, language) pairs
/// to skip; `None` when some error concerns shared files (nothing may be written). Watch
/// mode's rule: it keeps the whole site in step, so an error in a source chapter (which
/// other documents' references may point into) holds back everything.
pub fn blocked_translations(project: &Project, diags: &[Diagnostic]) -> Option<BTreeSet<Pair>> {
    let source_lang = project.source_language();
    let mut blocked = BTreeSet::new();
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        let Some(Location::Span(span)) = &d.location else {
            return None;
        };
        let owner = project.documents.iter().find_map(|doc| {
            doc.translations
                .iter()
                .find(|t| t.chapters.iter().any(|c| c.source == span.source))
                .map(|t| (doc.id().to_string(), t.lang.clone()))
        });
        match owner {
            Some((doc, lang)) if lang != source_lang => {
                blocked.insert((doc, lang));
            }
            _ => return None,
        }
    }
    Some(blocked)
}

/// Where the PDF of `doc` in `lang` goes: `<out>/pdf/<doc>-<lang>.pdf`.
pub fn pdf_path(out_dir: &Path, doc: &str, lang: &str) -> PathBuf {
    out_dir.join("pdf").join(pdf_name(doc, lang))
}

/// The file name of a document's PDF in the `pdf` output folder.
pub fn pdf_name(doc: &str, lang: &str) -> String {
    format!("{doc}-{lang}.pdf")
}

/// The date printed in PDFs: SOURCE_DATE_EPOCH when set, else the document's date.
pub fn pdf_date(doc: &Document) -> String {
    crate::date::source_date_epoch().unwrap_or_else(|| doc.meta.date.value.clone())
}

/// One document's PDF laid out and measured: Typst's problems and the page limits of its
/// document.yaml (`pdf/page-limit`) together. `build` and `watch`'s background worker both
/// make their PDFs through it, so a PDF says the same in either.
pub fn render_pdf(
    engine: &PdfEngine,
    project: &Project,
    doc: &Document,
    lang: &str,
    opts: &PdfOptions,
) -> crate::render::pdf::PdfResult {
    let mut result = engine.render(project, doc, lang, opts);
    let limits = page_limits(project, doc, lang, result.body_pages, result.pdf.is_some());
    result.diagnostics.extend(limits);
    result
}

/// `page_limit` and `min_pages`, checked against the real layout (`pdf/page-limit`),
/// reported at their line of document.yaml.
fn page_limits(
    project: &Project,
    doc: &Document,
    lang: &str,
    body_pages: usize,
    built: bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !built {
        return out;
    }
    let file = project.sources.get(doc.meta_source);
    let at_key = |key: &str| {
        crate::yaml::find_key(&file.text, key)
            .map_or(crate::source::Span::file_start(doc.meta_source), |r| {
                crate::source::Span::new(doc.meta_source, r)
            })
    };
    let at = at_key("page_limit");
    if let Some(limit) = doc.meta.page_limit.filter(|&l| body_pages > l as usize) {
        out.push(
            Diagnostic::error(
                rules::PDF_PAGE_LIMIT,
                msg!(
                    "pdf-page-limit",
                    doc_id = &doc.id(),
                    lang = &lang,
                    body_pages = &body_pages,
                    limit = &limit
                ),
            )
            .at(at)
            .hint(msg!("pdf-page-limit-hint")),
        );
    }
    if let Some(min) = doc.meta.min_pages.filter(|&m| body_pages < m as usize) {
        out.push(
            Diagnostic::error(
                rules::PDF_PAGE_LIMIT,
                msg!(
                    "pdf-page-limit-2",
                    doc_id = &doc.id(),
                    lang = &lang,
                    body_pages = &body_pages,
                    min = &min
                ),
            )
            .at(at_key("min_pages")),
        );
    }
    out
}
