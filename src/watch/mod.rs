//! Watch mode: build once, then rebuild on every save, as little as the save requires.
//!
//! A [`Watch`] watches the project folder recursively (folders, not files: editors that
//! save by writing a new file and renaming it over the old one would otherwise break the
//! watch) through a debouncer, and turns each batch of file events into a [`Change`]:
//!
//! - a chapter the project already has was edited: that file alone is read and parsed
//!   again ([`crate::project::reload_chapter`]); the project is then resolved and checked
//!   again, and the pages of the edited (document, language) are rendered, together with
//!   those of every translation whose resolved cross-references changed (a section of the
//!   edited document was renumbered, moved to another chapter…);
//! - anything else (a new or deleted file, the manifest, a `document.yaml`, a registry, a
//!   template, a style, an image): the project is loaded again and the whole site
//!   rendered.
//!
//! Files are written one by one, atomically, and only when their bytes changed; the
//! site-wide pages (landing page, language pages, search indexes) are rendered every time,
//! since they are cheap, and written when they changed. A save with errors writes nothing:
//! the last good output stays in place. PDFs are rendered after the HTML, by a background
//! thread that keeps one [`crate::render::pdf::PdfEngine`] (and so Typst's caches) warm across saves.
//!
//! The module prints nothing: every cycle is an [`Event`] handed to the caller.

mod events;
mod pdf;
mod plan;

pub use events::is_editor_temp;
pub use plan::xref_fingerprints;

use events::relevant_kind;
use pdf::{PdfJob, PdfWorker};
use plan::{Plan, hash, plan, render};

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::build::{Pair, all_pairs, blocked_translations};
use crate::diag::{Diagnostic, Summary};
use crate::error::{Error, Result};
use crate::model::Project;
use crate::output::{Claim, OutputDir, ProjectLock};
use crate::project::{self, Loaded};
use crate::render::html::OutputFile;
use crate::source::SourceMap;

/// How long the debouncer waits for a burst of file events to end.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(50);

/// How many evictions an unused Typst cache entry survives in watch mode: two per
/// compilation, so what the last ten compilations used.
const PDF_CACHE_AGE: usize = 20;

/// Options of a watch session.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// The output folder; `None` for the manifest's `output` under the project root.
    pub out_dir: Option<PathBuf>,
    /// Whether to render PDFs (in the background, after the HTML).
    pub pdf: bool,
    /// The debounce delay.
    pub debounce: Duration,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            out_dir: None,
            pdf: true,
            debounce: DEFAULT_DEBOUNCE,
        }
    }
}

/// What a batch of file events asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Nothing sopdoc reads changed (only output, editor temporary files, or files whose
    /// content is what sopdoc already has).
    Nothing,
    /// Only these chapters, which the project already has, changed.
    Chapters(BTreeSet<PathBuf>),
    /// Anything else: load and render everything again.
    Full {
        /// Project-relative paths of the changed files (for the status line).
        paths: BTreeSet<String>,
        /// Whether a file under `templates/` changed (the PDF engine reloads its template).
        templates: bool,
    },
}

/// What a cycle did with the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The output was brought up to date.
    Written,
    /// Errors: nothing was written and the last good output stays.
    KeptPrevious,
}

/// One rebuild: what triggered it, what it rendered and wrote, its diagnostics.
#[derive(Debug)]
pub struct Cycle {
    /// What changed: the files, or `initial build`.
    pub trigger: String,
    /// Whether everything was loaded and rendered again.
    pub full: bool,
    /// The (document, language) pairs whose pages were rendered.
    pub rendered: Vec<Pair>,
    /// Output files written (their bytes changed).
    pub written: usize,
    /// Output files removed (their source is gone).
    pub removed: usize,
    /// Whether the output was updated.
    pub outcome: Outcome,
    /// How long the cycle took, from the end of the debounce to the last file written.
    pub elapsed: Duration,
    /// Every diagnostic of the project after this save (severity policy applied).
    pub diagnostics: Vec<Diagnostic>,
    /// The files the diagnostics point into.
    pub sources: SourceMap,
    /// PDFs queued for the background renderer.
    pub pdf_queued: Vec<Pair>,
    /// Where the time went: (stage, time since the cycle started).
    pub timings: Vec<(&'static str, Duration)>,
}

impl Cycle {
    /// Errors, warnings and infos.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.diagnostics)
    }
}

/// One PDF rendered in the background.
#[derive(Debug)]
pub struct PdfReport {
    /// Document id and language.
    pub pair: Pair,
    /// Where it was written, when it was.
    pub path: Option<PathBuf>,
    /// Pages.
    pub pages: usize,
    /// Time spent on it.
    pub elapsed: Duration,
    /// Layout problems (Typst, page limits).
    pub diagnostics: Vec<Diagnostic>,
    /// The files the diagnostics point into.
    pub sources: SourceMap,
}

/// What a [`Watch`] reports to its caller.
#[derive(Debug)]
pub enum Event {
    /// A rebuild finished (the first one is the initial build).
    Cycle(Box<Cycle>),
    /// A PDF finished.
    Pdf(Box<PdfReport>),
    /// An environment problem during a cycle (a file vanished while read, an output could
    /// not be written, the watcher reported an error). The watch goes on.
    Trouble(String),
}

enum Msg {
    Fs(DebounceEventResult),
    Pdf(Box<PdfReport>),
    Trouble(String),
    Stop,
}

/// Stops a running [`Watch`] from another thread (a Ctrl-C handler).
#[derive(Debug, Clone)]
pub struct Stopper(mpsc::Sender<Msg>);

impl std::fmt::Debug for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Msg::Fs(_) => "Fs",
            Msg::Pdf(_) => "Pdf",
            Msg::Trouble(_) => "Trouble",
            Msg::Stop => "Stop",
        })
    }
}

impl Stopper {
    /// Asks the watch to stop after the cycle in progress.
    pub fn stop(&self) {
        let _ = self.0.send(Msg::Stop);
    }
}

/// A watch session: the watcher, the kept project, what is on disk.
pub struct Watch {
    session: Session,
    tx: mpsc::Sender<Msg>,
    rx: mpsc::Receiver<Msg>,
    debouncer:
        Option<Debouncer<notify_debouncer_full::notify::RecommendedWatcher, RecommendedCache>>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch")
            .field("root", &self.session.root)
            .finish()
    }
}

impl Watch {
    /// Starts watching the project at `root` (the build starts with [`Watch::run`]; files
    /// saved in between are not missed).
    ///
    /// # Errors
    /// [`Error::Read`] when the root cannot be read, [`Error::Watch`] when the watcher
    /// cannot start.
    pub fn new(root: &Path, options: WatchOptions) -> Result<Watch> {
        let disk: &dyn crate::world::World = &crate::world::DiskWorld;
        let root = disk.canonicalize(root).map_err(|e| Error::Read {
            path: root.into(),
            source: e,
        })?;
        let (tx, rx) = mpsc::channel();
        let fs_tx = tx.clone();
        let watch_err = |e: notify_debouncer_full::notify::Error| Error::Watch {
            path: root.clone(),
            message: e.to_string(),
        };
        let mut debouncer = new_debouncer(options.debounce, None, move |res| {
            let _ = fs_tx.send(Msg::Fs(res));
        })
        .map_err(watch_err)?;
        debouncer
            .watch(&root, RecursiveMode::Recursive)
            .map_err(watch_err)?;
        let pdf = options
            .pdf
            .then(|| PdfWorker::spawn(root.clone(), tx.clone()));
        Ok(Watch {
            session: Session {
                out_dir: default_out(&root, options.out_dir.as_deref(), None),
                root,
                out_override: options.out_dir,
                loaded: None,
                written: HashMap::new(),
                site: None,
                fingerprints: BTreeMap::new(),
                included: None,
                pending: Pending::default(),
                checks: crate::check::CheckCache::default(),
                pdf,
            },
            tx,
            rx,
            debouncer: Some(debouncer),
        })
    }

    /// A handle that stops [`Watch::run`].
    pub fn stopper(&self) -> Stopper {
        Stopper(self.tx.clone())
    }

    /// The output folder.
    pub fn out_dir(&self) -> &Path {
        &self.session.out_dir
    }

    /// Builds, then rebuilds on every save until stopped, handing every cycle to
    /// `on_event`. Content errors never end it.
    ///
    /// # Errors
    /// None so far: environment problems during cycles are [`Event::Trouble`]; the
    /// `Result` is for failures of the watch itself.
    pub fn run(mut self, on_event: &mut dyn FnMut(Event)) -> Result<()> {
        let initial = Change::Full {
            paths: BTreeSet::new(),
            templates: false,
        };
        match self.session.cycle(initial, Instant::now()) {
            Ok(c) => on_event(Event::Cycle(Box::new(c))),
            Err(e) => on_event(Event::Trouble(e.text(crate::i18n::ui_lang()))),
        }
        while let Ok(msg) = self.rx.recv() {
            match msg {
                Msg::Stop => break,
                Msg::Pdf(r) => on_event(Event::Pdf(r)),
                Msg::Trouble(t) => on_event(Event::Trouble(t)),
                Msg::Fs(first) => {
                    let started = Instant::now();
                    // Take every batch already queued: one cycle for all of them.
                    let mut batches = vec![first];
                    let mut stop = false;
                    while let Ok(more) = self.rx.try_recv() {
                        match more {
                            Msg::Fs(b) => batches.push(b),
                            Msg::Pdf(r) => on_event(Event::Pdf(r)),
                            Msg::Trouble(t) => on_event(Event::Trouble(t)),
                            Msg::Stop => stop = true,
                        }
                    }
                    let mut paths = BTreeSet::new();
                    for batch in batches {
                        match batch {
                            Ok(events) => {
                                for e in events {
                                    if relevant_kind(&e.kind) {
                                        paths.extend(e.paths.iter().cloned());
                                    }
                                }
                            }
                            Err(errs) => {
                                for e in errs {
                                    on_event(Event::Trouble(format!("watcher: {e}")));
                                }
                            }
                        }
                    }
                    let change = self.session.classify(&paths);
                    if change != Change::Nothing {
                        match self.session.cycle(change, started) {
                            Ok(c) => on_event(Event::Cycle(Box::new(c))),
                            Err(e) => on_event(Event::Trouble(e.text(crate::i18n::ui_lang()))),
                        }
                    }
                    if stop {
                        break;
                    }
                }
            }
        }
        // Stop watching, then let the PDF in progress finish (its file is written
        // atomically, but a half-written temporary file would be left behind).
        drop(self.debouncer.take());
        if let Some(pdf) = self.session.pdf.take() {
            pdf.finish();
        }
        Ok(())
    }
}

fn default_out(root: &Path, over: Option<&Path>, project: Option<&Project>) -> PathBuf {
    match (over, project) {
        (Some(dir), _) => dir.to_path_buf(),
        (None, Some(p)) => root.join(&p.manifest.output),
        (None, None) => root.join("build"),
    }
}

/// What changed since the output was last written (several saves with errors in a row
/// add up).
#[derive(Debug, Default)]
struct Pending {
    full: bool,
    templates: bool,
    pairs: BTreeSet<Pair>,
}

struct Session {
    root: PathBuf,
    out_override: Option<PathBuf>,
    out_dir: PathBuf,
    /// The project as loaded (parsed, not resolved), updated file by file.
    loaded: Option<Loaded>,
    /// Hash of every HTML file written, by path relative to the site folder.
    written: HashMap<String, u64>,
    /// The site folder, once written.
    site: Option<OutputDir>,
    /// Resolved cross-references of each translation when the site was last written.
    fingerprints: BTreeMap<Pair, u64>,
    /// The pairs the written site holds; `None` before the first write.
    included: Option<BTreeSet<Pair>>,
    pending: Pending,
    /// The checks' findings kept between saves.
    checks: crate::check::CheckCache,
    pdf: Option<PdfWorker>,
}

impl Session {
    fn load_all(&mut self) -> Result<()> {
        let loaded = project::load(&self.root)?;
        self.out_dir = default_out(
            &self.root,
            self.out_override.as_deref(),
            loaded.project.as_ref(),
        );
        self.loaded = Some(loaded);
        self.pending.full = true;
        self.checks.clear();
        Ok(())
    }

    /// One rebuild.
    fn cycle(&mut self, change: Change, started: Instant) -> Result<Cycle> {
        let trigger;
        match change {
            Change::Nothing => {
                trigger = String::new();
            }
            Change::Full { paths, templates } => {
                trigger = if paths.is_empty() {
                    crate::i18n::tr("watch-initial-build")
                } else {
                    paths.into_iter().collect::<Vec<_>>().join(", ")
                };
                self.pending.templates |= templates;
                self.load_all()?;
            }
            Change::Chapters(paths) => {
                trigger = paths
                    .iter()
                    .map(|p| crate::source::relative_path(&self.root, p))
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut all_reloaded = true;
                for path in &paths {
                    let reloaded = match self.loaded.as_mut() {
                        Some(loaded) => project::reload_chapter(loaded, path)?,
                        None => false,
                    };
                    if !reloaded {
                        all_reloaded = false;
                        break;
                    }
                    if let Some(pair) = self.pair_of(path) {
                        self.pending.pairs.insert(pair);
                    }
                }
                if !all_reloaded {
                    self.load_all()?;
                }
            }
        }
        let reloaded = started.elapsed();
        // The project is resolved in place: the chapters a save changed were parsed again
        // above, the others keep what the last resolve computed, and resolving again sets
        // every number and reference anew (tests/it/resolve.rs checks that resolving twice
        // changes nothing). So no save copies the whole project.
        let Some(loaded) = self.loaded.take() else {
            return Err(Error::NoProject {
                start: self.root.clone(),
            });
        };
        let load_diagnostics = loaded.diagnostics.clone();
        let plan_for = |project: &Project, include: &BTreeSet<Pair>| {
            plan(
                project,
                include,
                &self.pending,
                self.included.as_ref(),
                &self.fingerprints,
            )
        };
        // Render speculatively (every translation included) while the checks run.
        let (analysis, speculative) = crate::analyze_loaded_with(
            loaded,
            crate::AnalysisOptions::default(),
            Some(&mut self.checks),
            |project: &Project| {
                let all = all_pairs(project);
                let plan = plan_for(project, &all);
                let files = render(project, &all, &plan.pages);
                (all, plan, files)
            },
        );
        let mut cycle = Cycle {
            trigger,
            full: self.pending.full,
            rendered: Vec::new(),
            written: 0,
            removed: 0,
            outcome: Outcome::KeptPrevious,
            elapsed: Duration::ZERO,
            diagnostics: Vec::new(),
            sources: analysis.sources.clone(),
            pdf_queued: Vec::new(),
            timings: vec![("read", reloaded), ("analyzed", started.elapsed())],
        };
        // Watch keeps every finding: nothing is hidden.
        let crate::Analysis {
            project,
            diagnostics,
            sources,
            hidden: _,
        } = analysis;
        cycle.diagnostics = diagnostics;
        let (Some(project), Some((all, spec_plan, spec_files))) = (project, speculative) else {
            self.loaded = Some(Loaded {
                project: None,
                sources,
                diagnostics: load_diagnostics,
            });
            cycle.elapsed = started.elapsed();
            return Ok(cycle);
        };
        let written = self.publish(&project, cycle, all, spec_plan, spec_files, started);
        self.loaded = Some(Loaded {
            project: Some(project),
            sources,
            diagnostics: load_diagnostics,
        });
        written
    }

    /// Renders what the diagnostics allow, writes what changed, queues the PDFs.
    fn publish(
        &mut self,
        project: &Project,
        mut cycle: Cycle,
        all: BTreeSet<Pair>,
        spec_plan: Plan,
        spec_files: Result<Vec<OutputFile>>,
        started: Instant,
    ) -> Result<Cycle> {
        let plan_for = |project: &Project, include: &BTreeSet<Pair>| {
            plan(
                project,
                include,
                &self.pending,
                self.included.as_ref(),
                &self.fingerprints,
            )
        };
        let Some(blocked) = blocked_translations(project, &cycle.diagnostics) else {
            cycle.elapsed = started.elapsed();
            return Ok(cycle);
        };
        // A translation with errors is not rendered; the pages it had stay in place (and
        // in the site's lists). One that never had pages is left out, as `build` does.
        let kept: BTreeSet<Pair> = match &self.included {
            Some(prev) => blocked.intersection(prev).cloned().collect(),
            None => BTreeSet::new(),
        };
        let include: BTreeSet<Pair> = all
            .iter()
            .filter(|p| !blocked.contains(*p) || kept.contains(*p))
            .cloned()
            .collect();
        let (mut plan, files) = if blocked.is_empty() {
            (spec_plan, spec_files)
        } else {
            let mut plan = plan_for(project, &include);
            plan.pages.retain(|p| !blocked.contains(p));
            let files = render(project, &include, &plan.pages);
            (plan, files)
        };
        for pair in &blocked {
            match self.fingerprints.get(pair) {
                Some(old) => plan.fingerprints.insert(pair.clone(), *old),
                None => plan.fingerprints.remove(pair),
            };
        }
        let files = files?;
        cycle.timings.push(("rendered", started.elapsed()));
        // Write.
        let _lock = ProjectLock::acquire(&self.root, true)?;
        let claim = if self.out_override.is_some() {
            Claim::Explicit
        } else {
            Claim::Adopt
        };
        let html = self.out_dir.join("html");
        if self.site.as_ref().is_none_or(|o| o.path() != html) {
            self.site = Some(OutputDir::open(&html, claim)?);
            self.included = None;
        }
        let site = self.site.as_mut().expect("opened above");
        if self.included.is_none() {
            // First write of the session: bring the whole folder in step, so nothing stale
            // stays (as `build` does).
            let pairs: Vec<(&str, &[u8])> = files
                .iter()
                .map(|f| (f.path.as_str(), f.bytes.as_slice()))
                .collect();
            let synced = site.sync(&pairs)?;
            cycle.written = synced.written;
            cycle.removed = synced.removed;
            self.written = files
                .iter()
                .map(|f| (f.path.clone(), hash(&f.bytes)))
                .collect();
        } else {
            let mut changed: Vec<(&str, &[u8])> = Vec::new();
            for f in &files {
                let h = hash(&f.bytes);
                if self.written.get(&f.path) != Some(&h)
                    || !crate::output::exists(&html.join(&f.path))
                {
                    changed.push((f.path.as_str(), f.bytes.as_slice()));
                    self.written.insert(f.path.clone(), h);
                }
            }
            cycle.written += site.write_all(&changed)?.0;
            if plan.full {
                let current: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
                let stale: Vec<String> = self
                    .written
                    .keys()
                    .filter(|p| !current.contains(p.as_str()))
                    .filter(|p| {
                        !kept
                            .iter()
                            .any(|(d, l)| p.starts_with(&format!("{l}/{d}/")))
                    })
                    .cloned()
                    .collect();
                for rel in &stale {
                    self.written.remove(rel);
                }
                cycle.removed += site.remove_all(&stale)?;
            }
        }
        drop(_lock);
        cycle.outcome = Outcome::Written;
        cycle.full = plan.full;
        cycle.rendered = plan.pages.iter().cloned().collect();
        self.fingerprints = plan.fingerprints;
        self.included = Some(include);
        let templates = std::mem::take(&mut self.pending.templates);
        // Blocked translations are rendered again once their errors are fixed.
        self.pending = Pending {
            pairs: blocked,
            ..Pending::default()
        };
        if let Some(pdf) = self
            .pdf
            .as_ref()
            .filter(|_| !plan.pages.is_empty() || templates)
        {
            cycle.pdf_queued = cycle.rendered.clone();
            // The PDF worker prints in the background while the next save may change
            // the project: it gets its own copy, and only when it has PDFs to make.
            pdf.queue(PdfJob {
                project: Arc::new(project.clone()),
                pairs: plan.pages,
                out_dir: self.out_dir.clone(),
                claim,
                reload_template: templates,
            });
        }
        cycle.elapsed = started.elapsed();
        Ok(cycle)
    }

    /// The (document, language) a chapter file belongs to.
    fn pair_of(&self, path: &Path) -> Option<Pair> {
        let loaded = self.loaded.as_ref()?;
        let project = loaded.project.as_ref()?;
        let (id, _) = project
            .sources
            .iter()
            .find(|(_, f)| f.abs_path.as_deref() == Some(path))?;
        project.documents.iter().find_map(|d| {
            d.translations
                .iter()
                .find(|t| t.chapters.iter().any(|c| c.source == id))
                .map(|t| (d.id().to_string(), t.lang.clone()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify_debouncer_full::notify::EventKind;
    use notify_debouncer_full::notify::event::{AccessKind, AccessMode, ModifyKind};

    #[test]
    fn editor_temporary_files_are_recognised() {
        for name in [
            "4913",
            "01-objet.md~",
            ".01-objet.md.swp",
            ".#01-objet.md",
            "#01-objet.md#",
            ".sopdoc-tmp-abc",
        ] {
            assert!(is_editor_temp(name), "{name}");
        }
        for name in ["01-objet.md", "document.yaml", "sopdoc.yaml"] {
            assert!(!is_editor_temp(name), "{name}");
        }
    }

    #[test]
    fn reads_and_metadata_changes_are_not_edits() {
        use notify_debouncer_full::notify::event::{CreateKind, DataChange, MetadataKind};
        assert!(!relevant_kind(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!relevant_kind(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(relevant_kind(&EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(relevant_kind(&EventKind::Create(CreateKind::File)));
    }
}
