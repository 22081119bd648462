//! `sopdoc build`: parses the arguments, runs [`sopdoc::build::build`] and prints what it
//! found and wrote.

use sopdoc::i18n::{tr, ui_lang};
use sopdoc::msg;
use std::path::Path;
use std::time::Instant;

use sopdoc::build::{BuildOptions, Format};
use sopdoc::diag::{Severity, emit};
use sopdoc::render::pdf::PdfStandardChoice;

use super::args::{BuildArgs, BuildFormat, PdfStandardArg};
use super::{Cli, EXIT_CONTENT, EXIT_ENV, EXIT_OK, Term};

impl From<BuildFormat> for Format {
    fn from(f: BuildFormat) -> Format {
        match f {
            BuildFormat::Html => Format::Html,
            BuildFormat::Pdf => Format::Pdf,
            BuildFormat::Typst => Format::Typst,
            BuildFormat::Docx => Format::Docx,
            BuildFormat::Cards => Format::Cards,
        }
    }
}

/// Prints the analysis' findings and the count of those set aside (other documents or
/// languages); returns the exit code they call for.
fn print_findings(report: &sopdoc::build::BuildReport, term: &Term) -> u8 {
    let exit = super::check::print(
        &report.analysis,
        super::args::CheckFormat::Human,
        term,
        true,
    );
    if !report.elsewhere.is_empty() || !report.elsewhere_hidden.is_empty() {
        let errors = report
            .elsewhere
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        term.status(
            &msg!(
                "build-elsewhere",
                problems = report.elsewhere.len()
                    + report.elsewhere_hidden.lines(&report.analysis.sources),
                errors = errors
            )
            .ui(),
        );
    }
    exit
}

pub(super) fn run(cli: &Cli, args: &BuildArgs, term: &Term) -> anyhow::Result<u8> {
    let started = Instant::now();
    let root = super::project_root(cli)?;
    let options = BuildOptions {
        formats: args.format.iter().map(|f| Format::from(*f)).collect(),
        docs: args.docs.clone(),
        langs: args.langs.clone(),
        review: args.review,
        out: match &args.out {
            Some(dir) => Some(std::env::current_dir()?.join(dir)),
            None => None,
        },
        pdf_standard: args.pdf_standard.map(|s| match s {
            PdfStandardArg::A2b => PdfStandardChoice::A2b,
            PdfStandardArg::Ua1 => PdfStandardChoice::Ua1,
            PdfStandardArg::A2bUa1 => PdfStandardChoice::A2bUa1,
        }),
        deny_warnings: false,
        // Builds print errors and warnings; infos are only counted.
        hide_infos: true,
        // Nothing reads the model after the build.
        release_models: true,
    };
    super::note_if_locked(&root, term);
    let bar = term.progress(&tr("build-progress"));
    // The findings are printed as soon as the analysis is final, and let go: the PDFs
    // are laid out without them.
    let mut exit = EXIT_OK;
    let report = sopdoc::build::build_with(&root, &options, &mut |report| {
        bar.suspend(|| exit = print_findings(report, term));
        report.analysis.diagnostics = Vec::new();
        report.elsewhere = Vec::new();
    });
    bar.finish_and_clear();
    let report = report?;
    if !report.written {
        if report.analysis.project.is_some() {
            term.status(&tr("build-nothing-written"));
        }
        return Ok(exit);
    }
    for (doc, lang) in &report.held_back {
        term.status(&msg!("build-held-back", doc = doc, lang = lang).ui());
    }
    let display = |p: &Path| sopdoc::source::relative_path(&root, p);
    for (format, r) in &report.outputs {
        let line = match format {
            Format::Html => msg!(
                "build-html",
                files = r.files,
                folder = display(&r.folder),
                written = r.written,
                removed = r.removed
            ),
            Format::Pdf => msg!(
                "build-pdf",
                files = r.files,
                pages = r.pages,
                folder = display(&r.folder)
            ),
            Format::Typst => msg!("build-typst", files = r.files, folder = display(&r.folder)),
            Format::Docx => msg!("build-docx", files = r.files, folder = display(&r.folder)),
            Format::Cards => msg!(
                "build-cards",
                files = r.files,
                pages = r.pages,
                folder = display(&r.folder)
            ),
        }
        .ui();
        term.status(&line);
    }
    let diags = &report.render_diagnostics;
    if !diags.is_empty() {
        eprint!(
            "{}",
            emit::human(diags, &report.analysis.sources, term.style())
        );
        if diags.iter().any(|d| d.severity == Severity::Error) {
            exit = exit.max(EXIT_CONTENT);
        }
    }
    let failed = report.outputs.iter().any(|(_, r)| r.failed > 0);
    if failed && exit == EXIT_OK {
        exit = EXIT_ENV;
    }
    if !term.quiet() {
        let seconds = format!("{:.2}", started.elapsed().as_secs_f64());
        let seconds = if ui_lang() == "fr" {
            seconds.replace('.', ",")
        } else {
            seconds
        };
        term.status(&msg!("build-done", seconds = seconds).ui());
    }
    // The process ends here: the OS frees the model faster than dropping it.
    std::mem::forget(report);
    Ok(exit)
}
