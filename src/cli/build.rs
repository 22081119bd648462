//! `sopdoc build`: parses the arguments, runs [`sopdoc::build::build`] and prints what it
//! found and wrote.

use std::path::{Path, PathBuf};
use std::time::Instant;

use sopdoc::build::{BuildOptions, Format};
use sopdoc::diag::{Severity, emit};
use sopdoc::render::pdf::PdfStandardChoice;

use super::{Cli, EXIT_CONTENT, EXIT_ENV, EXIT_OK, Term};

/// `build` options.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Formats to build, comma-separated: html, pdf, typst, docx (a Word review copy).
    #[arg(long, value_delimiter = ',', default_value = "html,pdf", value_enum)]
    pub format: Vec<FormatArg>,
    /// Build review copies instead, under `<output>/review/`: every paragraph, list item,
    /// table and procedure step numbered in the margin, marked "PROJET — pour commentaires".
    #[arg(long)]
    pub review: bool,
    /// Only these documents (repeatable).
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// Only these languages (repeatable).
    #[arg(long = "lang", value_name = "LANG")]
    pub langs: Vec<String>,
    /// Output folder (default: `output` of sopdoc.yaml, usually `build`). Another folder
    /// must be new, empty, or one sopdoc filled before.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// PDF standard: `a-2b` (archival PDF/A-2b) or `ua-1` (accessible PDF/UA-1).
    #[arg(long, value_name = "STANDARD", value_enum)]
    pub pdf_standard: Option<StandardArg>,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// The offline HTML site.
    Html,
    /// One PDF per document and language.
    Pdf,
    /// The generated Typst sources.
    Typst,
    /// A Word copy for reviewers' comments.
    Docx,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Html => Format::Html,
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Typst => Format::Typst,
            FormatArg::Docx => Format::Docx,
        }
    }
}

/// `--pdf-standard` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StandardArg {
    /// Archival PDF/A-2b.
    #[value(name = "a-2b")]
    A2b,
    /// Accessible PDF/UA-1.
    #[value(name = "ua-1")]
    Ua1,
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
            StandardArg::A2b => PdfStandardChoice::A2b,
            StandardArg::Ua1 => PdfStandardChoice::Ua1,
        }),
        deny_warnings: false,
    };
    let bar = term.progress("building");
    let report = sopdoc::build::build(&root, &options);
    bar.finish_and_clear();
    let report = report?;
    let mut exit = super::check::print(&report.analysis, super::check::Format::Human, term, true);
    if !report.elsewhere.is_empty() {
        let errors = report
            .elsewhere
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        term.status(&format!(
            "{} problems ({errors} errors) in documents or languages not built now: `sopdoc check` lists them",
            report.elsewhere.len()
        ));
    }
    if !report.written {
        if report.analysis.project.is_some() {
            term.status("nothing written: fix the errors above first");
        }
        return Ok(exit);
    }
    for (doc, lang) in &report.held_back {
        term.status(&format!(
            "{doc} ({lang}) not written: fix its errors above first"
        ));
    }
    let display = |p: &Path| sopdoc::source::relative_path(&root, p);
    for (format, r) in &report.outputs {
        let line = match format {
            Format::Html => format!(
                "html: {} files in {} ({} written, {} removed)",
                r.files,
                display(&r.folder),
                r.written,
                r.removed
            ),
            Format::Pdf => format!(
                "pdf: {} files, {} pages in {}",
                r.files,
                r.pages,
                display(&r.folder)
            ),
            Format::Typst => format!(
                "typst: sources of {} documents in {}",
                r.files,
                display(&r.folder)
            ),
            Format::Docx => format!("docx: {} files in {}", r.files, display(&r.folder)),
        };
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
        term.status(&format!("done in {:.2} s", started.elapsed().as_secs_f64()));
    }
    // The process ends here: the OS frees the model faster than dropping it.
    std::mem::forget(report);
    Ok(exit)
}
