//! sopdoc turns structured Markdown Standard Operating Procedures into publication-ready
//! PDF and HTML.
//!
//! # The flow
//! 1. **Load** ([`project::load`]): the manifest, registries and documents, each chapter
//!    parsed ([`parse`]) into the document model ([`model`]) with source spans.
//! 2. **Resolve** ([`resolve::resolve`]): ids, section/table/figure numbers and
//!    cross-references, computed once for every output.
//! 3. **Check** ([`check::run_checks`]): rules emit [`diag::Diagnostic`]s.
//! 4. **Render** ([`render`]): HTML through tera, PDF through embedded Typst.
//! 5. **Write** ([`output`]): atomically, under a project lock.
//!
//! [`watch`] runs these stages again on every save, re-parsing only what changed,
//! [`serve`] previews the result with live reload, and [`lsp`] serves editors.
//!
//! Problems in the user's files are diagnostics; environment failures are [`Error`]s.

pub mod build;
pub mod check;
pub mod date;
pub mod diag;
pub mod diff;
pub mod error;
pub mod fingerprint;
pub mod i18n;
pub mod l10n;
pub mod lsp;
mod memory;
pub mod model;
pub mod output;
pub mod parse;
pub mod project;
pub mod render;
pub mod resolve;
pub mod review;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod source;
pub mod timings;
pub mod translate;
pub mod watch;
pub mod world;
pub mod xml;
pub mod yaml;

pub use error::{Error, Result};

use std::path::Path;

use diag::Diagnostic;
use model::Project;
use source::SourceMap;

/// A loaded, resolved and checked project.
#[derive(Debug)]
pub struct Analysis {
    /// The project, when its manifest could be read.
    pub project: Option<Project>,
    /// Every file read.
    pub sources: SourceMap,
    /// Every diagnostic, in stable order, after severity policy and caps; without the
    /// infos when [`AnalysisOptions::hide_infos`] asked for them to be only counted
    /// (in [`Analysis::hidden`]).
    pub diagnostics: Vec<Diagnostic>,
    /// The infos counted instead of kept, when [`AnalysisOptions::hide_infos`] asked for it.
    pub hidden: diag::Hidden,
}

/// What an analysis is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnalysisOptions {
    /// Warnings count as errors.
    pub deny_warnings: bool,
    /// The caller shows no infos (`build`, `check --quiet`): they are counted in
    /// [`Analysis::hidden`], not kept, and the style linter does not even build them. A
    /// large collection's infos took more memory than all its other findings.
    pub hide_infos: bool,
}

impl AnalysisOptions {
    /// Every finding kept; warnings as errors when `deny_warnings`.
    pub fn keeping_all(deny_warnings: bool) -> Self {
        AnalysisOptions {
            deny_warnings,
            hide_infos: false,
        }
    }
}

impl Analysis {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == diag::Severity::Error)
    }

    /// Counts by severity, the hidden infos included (as their lines would be shown).
    pub fn summary(&self) -> diag::Summary {
        let mut s = diag::Summary::of(&self.diagnostics);
        s.infos += self.hidden.lines(&self.sources);
        s
    }
}

/// Runs load → resolve → check on the project at `root`.
///
/// # Errors
/// Environment failures only (no manifest, unreadable folders).
pub fn analyze(root: &Path, deny_warnings: bool) -> Result<Analysis> {
    analyze_with(root, AnalysisOptions::keeping_all(deny_warnings), |_| ())
        .map(|(analysis, _)| analysis)
}

/// Like [`analyze`], and runs `alongside` on the resolved project on another thread while
/// the checks run: a build renders speculatively instead of waiting for the verdict (the
/// caller discards the result when the checks find errors). `None` when the manifest was
/// unusable.
///
/// # Errors
/// Environment failures only (no manifest, unreadable folders).
pub fn analyze_with<R: Send>(
    root: &Path,
    options: AnalysisOptions,
    alongside: impl FnOnce(&Project) -> R + Send,
) -> Result<(Analysis, Option<R>)> {
    // Compiling the bundled style rules takes a while: overlap it with loading. The check
    // stage waits for it through the rules' `OnceLock`.
    std::thread::spawn(|| {
        check::style::bundled();
    });
    let started = std::time::Instant::now();
    // The spelling dictionaries of the project's languages parse while it loads.
    let loaded = project::load_observed(root, world::DiskWorld::shared(), &mut |manifest| {
        check::style::spelling::preload(manifest.languages.iter().map(|l| l.value.as_str()));
    })?;
    timings::record("load and parse", started);
    Ok(analyze_loaded_with(loaded, options, None, alongside))
}

/// Like [`analyze_with`], on a project already loaded (watch mode keeps the loaded project
/// and re-parses only the files that changed, and keeps the checks' `cache`).
pub fn analyze_loaded_with<R: Send>(
    loaded: project::Loaded,
    options: AnalysisOptions,
    cache: Option<&mut check::CheckCache>,
    alongside: impl FnOnce(&Project) -> R + Send,
) -> (Analysis, Option<R>) {
    let mut diags = loaded.diagnostics;
    let Some(mut project) = loaded.project else {
        let diagnostics = diag::finalize(diags, &loaded.sources);
        let analysis = Analysis {
            project: None,
            sources: loaded.sources,
            diagnostics,
            hidden: diag::Hidden::new(),
        };
        return (analysis, None);
    };
    // The spelling dictionaries of the languages present parse while the project resolves.
    check::style::spelling::preload(
        project
            .documents
            .iter()
            .flat_map(|d| d.translations.iter().map(|t| t.lang.as_str())),
    );
    let started = std::time::Instant::now();
    diags.extend(resolve::resolve(&mut project));
    let stale = std::time::Instant::now();
    diags.extend(translate::status::stale_diagnostics(&mut project));
    timings::record("resolve: translation state", stale);
    timings::record("resolve", started);
    let started = std::time::Instant::now();
    let mut hidden = diag::Hidden::new();
    let counting = options.hide_infos.then_some(&mut hidden);
    let (checked, extra) = std::thread::scope(|s| {
        let side = s.spawn(|| {
            let r = alongside(&project);
            timings::record("alongside (render)", started);
            r
        });
        let checked = check::run_checks_cached(&project, cache, counting);
        timings::record("checks", started);
        (checked, side.join())
    });
    let extra = match extra {
        Ok(r) => r,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    diags.extend(checked);
    let started = std::time::Instant::now();
    let mut diags = check::apply_policy(&project, diags, options.deny_warnings);
    if options.hide_infos {
        // The infos the style linter did not count already: a few, counted once each as
        // `finalize` would show them (equal neighbours in its order once).
        let (mut infos, rest): (Vec<Diagnostic>, Vec<Diagnostic>) = diags
            .into_iter()
            .partition(|d| d.severity == diag::Severity::Info);
        fn key(d: &Diagnostic) -> (Option<(source::SourceId, usize, usize)>, Option<&str>) {
            let path = match &d.location {
                Some(diag::Location::Path(p)) => Some(p.as_str()),
                _ => None,
            };
            (d.span().map(|s| (s.source, s.start, s.end)), path)
        }
        infos.sort_by(|a, b| {
            key(a)
                .cmp(&key(b))
                .then_with(|| a.rule.cmp(&b.rule))
                .then_with(|| a.message.cmp(&b.message))
        });
        infos.dedup();
        for d in &infos {
            hidden.absorb(d);
        }
        diags = rest;
    }
    timings::record("severity policy", started);
    let started = std::time::Instant::now();
    let diagnostics = diag::finalize(diags, &project.sources);
    timings::record("ordering of the findings", started);
    let analysis = Analysis {
        sources: project.sources.clone(),
        project: Some(project),
        diagnostics,
        hidden,
    };
    (analysis, Some(extra))
}
