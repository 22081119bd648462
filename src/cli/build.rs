//! `sopdoc build`: analyze, then render the requested formats and write them atomically
//! under the project lock.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use sopdoc::diag::{Severity, emit};
use sopdoc::model::{Document, Project};
use sopdoc::output::{Claim, OutputDir, ProjectLock};
use sopdoc::render::pdf::{PdfEngine, PdfOptions, PdfStandardChoice};

use super::args::BuildArgs;
use super::{Cli, EXIT_CONTENT, EXIT_ENV, EXIT_OK, Term};

pub(super) fn run(cli: &Cli, args: &BuildArgs, term: &Term) -> anyhow::Result<u8> {
    let started = Instant::now();
    let root = super::project_root(cli)?;
    let wants = |f: &str| args.format.iter().any(|x| x.name() == f);
    // The site is rendered while the checks run; it is used only if they allow a build.
    let (analysis, speculative) = sopdoc::analyze_with(&root, false, |project| {
        wants("html").then(|| {
            let selection = selection(project, args);
            let all =
                |d: &Document, l: &str| selection.contains(&(d.id().to_string(), l.to_string()));
            if args.review {
                sopdoc::render::html::render_review_site(project, &all)
            } else {
                sopdoc::render::html::render_site(project, &all)
            }
        })
    })?;
    let analyzed = started.elapsed();
    let Some(project) = &analysis.project else {
        return Ok(super::check::print(
            &analysis,
            super::args::CheckFormat::Human,
            term,
            true,
        ));
    };
    let selection = select(project, args)?;
    let blocked = sopdoc::build::blocked_translations(project, &analysis.diagnostics);
    let fatal = analysis.has_errors() && blocked.is_none();
    let printed = Instant::now();
    let mut exit = super::check::print(&analysis, super::args::CheckFormat::Human, term, true);
    sopdoc::stage_time("print diagnostics", printed);
    if fatal {
        term.status("nothing written: fix the errors above first");
        return Ok(exit);
    }
    let blocked = blocked.unwrap_or_default();
    let include = |doc: &Document, lang: &str| {
        selection.contains(&(doc.id().to_string(), lang.to_string()))
            && !blocked.contains(&(doc.id().to_string(), lang.to_string()))
    };
    let configured = root.join(&project.manifest.output);
    let (out_dir, claim) = match &args.out {
        Some(dir) => {
            let dir = std::env::current_dir()?.join(dir);
            let same = dir == configured
                || dir
                    .canonicalize()
                    .ok()
                    .is_some_and(|d| Some(d) == configured.canonicalize().ok());
            (dir, if same { Claim::Adopt } else { Claim::Explicit })
        }
        None => (configured, Claim::Adopt),
    };
    // Review copies live apart from the publication, so neither overwrites the other.
    let out_dir = if args.review {
        out_dir.join("review")
    } else {
        out_dir
    };
    let _lock = ProjectLock::acquire(&root, true)?;
    // Every output folder is checked before anything is written: a folder of the user's
    // (`--out /var/www`) is refused whole, not half-filled.
    let mut folders = std::collections::BTreeMap::new();
    for (format, name) in [
        ("html", "html"),
        ("pdf", "pdf"),
        ("typst", "typst"),
        ("docx", "docx"),
    ] {
        if wants(format) {
            folders.insert(name, OutputDir::open(&out_dir.join(name), claim)?);
        }
    }
    let mut folder = |name: &str| folders.remove(name).expect("opened above");
    if wants("html") {
        let bar = term.progress("building HTML");
        let t = Instant::now();
        let files = match speculative.flatten() {
            Some(site) if blocked.is_empty() => site?,
            _ if args.review => sopdoc::render::html::render_review_site(project, &include)?,
            _ => sopdoc::render::html::render_site(project, &include)?,
        };
        let rendered = t.elapsed();
        // Each page is replaced atomically when it changed; pages that did not change
        // are left alone, and pages the site no longer has are removed.
        let pairs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|f| (f.path.as_str(), f.bytes.as_slice()))
            .collect();
        let synced = folder("html").sync(&pairs)?;
        if std::env::var_os("SOPDOC_TIMINGS").is_some() {
            eprintln!(
                "timings: analyze {analyzed:?}, render {rendered:?}, write {:?} ({synced:?})",
                t.elapsed() - rendered,
            );
        }
        bar.finish_and_clear();
        term.status(&format!(
            "html: {} files in {} ({} written, {} removed)",
            files.len(),
            display(&root, &out_dir.join("html")),
            synced.written,
            synced.removed
        ));
    }
    if wants("pdf") || wants("typst") {
        let engine = PdfEngine::new(project)?;
        let jobs: Vec<(&Document, String)> = project
            .documents
            .iter()
            .flat_map(|d| d.translations.iter().map(move |t| (d, t.lang.clone())))
            .filter(|(d, l)| include(d, l))
            .collect();
        if wants("typst") {
            let mut typst = folder("typst");
            for (doc, lang) in &jobs {
                let files: Vec<(String, String)> = engine
                    .typst_sources_with(project, doc, lang, args.review)
                    .into_iter()
                    .map(|(name, text)| (format!("{}-{lang}/{name}", doc.id()), text))
                    .collect();
                let pairs: Vec<(&str, &[u8])> = files
                    .iter()
                    .map(|(p, t)| (p.as_str(), t.as_bytes()))
                    .collect();
                typst.write_all(&pairs)?;
            }
            term.status(&format!(
                "typst: sources of {} documents in {}",
                jobs.len(),
                display(&root, &out_dir.join("typst"))
            ));
        }
        if wants("pdf") {
            let mut pdf = folder("pdf");
            let code = build_pdfs(project, &engine, &jobs, args, &mut pdf, &analysis, term)?;
            exit = exit.max(code);
        }
    }
    if wants("docx") {
        let mut docx = folder("docx");
        let mut written = 0;
        for doc in &project.documents {
            for t in &doc.translations {
                if !include(doc, &t.lang) {
                    continue;
                }
                let bytes = sopdoc::render::docx::render(
                    project,
                    doc,
                    &t.lang,
                    &sopdoc::build::pdf_date(doc),
                )?;
                docx.write(&format!("{}-{}.docx", doc.id(), t.lang), &bytes)?;
                written += 1;
            }
        }
        term.status(&format!(
            "docx: {written} files in {}",
            display(&root, &out_dir.join("docx"))
        ));
    }
    if !term.quiet() {
        term.status(&format!("done in {:.2} s", started.elapsed().as_secs_f64()));
    }
    // The process ends here: the OS frees the model faster than dropping it.
    std::mem::forget(analysis);
    Ok(exit)
}

fn display(root: &Path, path: &Path) -> String {
    sopdoc::source::relative_path(root, path)
}

/// Which (document, language) pairs the command line asks for; unknown ids are errors.
fn select(project: &Project, args: &BuildArgs) -> anyhow::Result<BTreeSet<(String, String)>> {
    let ids: Vec<&str> = project.documents.iter().map(Document::id).collect();
    for d in &args.docs {
        if !ids.contains(&d.as_str()) {
            let hint = sopdoc::diag::did_you_mean(d, ids.iter().copied())
                .unwrap_or_else(|| format!("documents: {}", ids.join(", ")));
            return Err(
                sopdoc::Error::Usage(format!("no document has the id `{d}`; {hint}")).into(),
            );
        }
    }
    let langs: Vec<&str> = project.languages().collect();
    for l in &args.langs {
        if !langs.contains(&l.as_str()) {
            return Err(sopdoc::Error::Usage(format!(
                "`{l}` is not a language of this project ({})",
                langs.join(", ")
            ))
            .into());
        }
    }
    Ok(selection(project, args))
}

/// The (document, language) pairs that match the command line's filters.
fn selection(project: &Project, args: &BuildArgs) -> BTreeSet<(String, String)> {
    project
        .documents
        .iter()
        .filter(|d| args.docs.is_empty() || args.docs.iter().any(|x| x == d.id()))
        .flat_map(|d| {
            d.translations
                .iter()
                .map(move |t| (d.id().to_string(), t.lang.clone()))
        })
        .filter(|(_, l)| args.langs.is_empty() || args.langs.contains(l))
        .collect()
}

fn build_pdfs(
    project: &Project,
    engine: &PdfEngine,
    jobs: &[(&Document, String)],
    args: &BuildArgs,
    out: &mut OutputDir,
    analysis: &sopdoc::Analysis,
    term: &Term,
) -> anyhow::Result<u8> {
    let standard = match args.pdf_standard.as_deref() {
        Some("a-2b") => Some(PdfStandardChoice::A2b),
        Some("ua-1") => Some(PdfStandardChoice::Ua1),
        _ => None,
    };
    let bar = term.progress(&format!("building {} PDFs", jobs.len()));
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((doc, lang)) = jobs.get(i) else {
                        break;
                    };
                    let opts = PdfOptions {
                        cache_age: 1,
                        standard,
                        date: sopdoc::build::pdf_date(doc),
                        review: args.review,
                    };
                    let result = engine.render(project, doc, lang, &opts);
                    results
                        .lock()
                        .expect("no panics while holding the lock")
                        .push((i, result));
                }
            });
        }
    });
    bar.finish_and_clear();
    let mut results = results.into_inner().expect("threads joined");
    results.sort_by_key(|(i, _)| *i);
    let mut diags = Vec::new();
    let mut written = 0;
    let mut pages = 0;
    for (i, result) in results {
        let (doc, lang) = &jobs[i];
        diags.extend(result.diagnostics);
        diags.extend(sopdoc::build::page_limits(
            doc,
            lang,
            result.body_pages,
            result.pdf.is_some(),
        ));
        if let Some(pdf) = result.pdf {
            out.write(&sopdoc::build::pdf_name(doc.id(), lang), &pdf)?;
            written += 1;
            pages += result.pages;
        }
    }
    let diags = sopdoc::check::apply_policy(project, diags, false);
    let diags = sopdoc::diag::finalize(diags, &analysis.sources);
    let code = if diags.is_empty() {
        EXIT_OK
    } else {
        eprint!("{}", emit::human(&diags, &analysis.sources, term.style()));
        if diags.iter().any(|d| d.severity == Severity::Error) {
            EXIT_CONTENT
        } else {
            EXIT_OK
        }
    };
    term.status(&format!(
        "pdf: {written} files, {pages} pages in {}",
        display(&project.root, out.path())
    ));
    if written < jobs.len() && code == EXIT_OK {
        return Ok(EXIT_ENV);
    }
    Ok(code)
}
