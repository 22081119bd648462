//! `sopdoc translate export|import|status`.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use sopdoc::diag::{Diagnostic, Severity, emit};
use sopdoc::source::SourceMap;
use sopdoc::translate::{self, xliff::Version};

use super::{Cli, EXIT_CONTENT, EXIT_OK, Term};

/// `translate` sub-commands.
#[derive(Debug, clap::Args)]
pub struct TranslateArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: TranslateCommand,
}

/// The translators' commands.
#[derive(Debug, Subcommand)]
pub enum TranslateCommand {
    /// Write one XLIFF file per document for a target language (existing translations fill the targets).
    #[command(
        after_help = "Examples:\n  sopdoc translate export --lang en\n  sopdoc translate export --lang en --doc sop-01 --xliff 1.2 --out pour-traduction"
    )]
    Export(ExportArgs),
    /// Write the translated Markdown chapters from XLIFF files returned by the translator.
    #[command(after_help = "Example:\n  sopdoc translate import xliff/sop-01.en.xlf")]
    Import(ImportArgs),
    /// Report translated, stale and missing units per document and language.
    #[command(
        after_help = "Examples:\n  sopdoc translate status\n  sopdoc translate status --lang en --format json --deny-stale"
    )]
    Status(StatusArgs),
    /// Write the glossary and acronyms as a TBX termbase for the CAT tool.
    #[command(after_help = "Example:\n  sopdoc translate termbase --lang en")]
    Termbase(TermbaseArgs),
}

/// `translate termbase` options.
#[derive(Debug, clap::Args)]
pub struct TermbaseArgs {
    /// Target language.
    #[arg(long)]
    pub lang: String,
    /// Folder for the TBX file (default: `xliff/` in the project).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// XLIFF versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum XliffVersion {
    /// XLIFF 2.0.
    #[value(name = "2.0")]
    V20,
    /// XLIFF 1.2 (older CAT tools).
    #[value(name = "1.2")]
    V12,
}

/// `translate export` options.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Target language.
    #[arg(long)]
    pub lang: String,
    /// Only these documents (default: all).
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// XLIFF version.
    #[arg(long, value_enum, default_value_t = XliffVersion::V20)]
    pub xliff: XliffVersion,
    /// Folder for the XLIFF files (default: `xliff/` in the project).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `translate import` options.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// XLIFF files (2.0 or 1.2).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Overwrite translations edited by hand since the export, and rebuild translations
    /// whose structure no longer mirrors the source.
    #[arg(long)]
    pub force: bool,
    /// Check the files and report; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `translate status` options.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Only this language (default: every target language).
    #[arg(long)]
    pub lang: Vec<String>,
    /// Only these documents (default: all).
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub format: StatusFormat,
    /// Exit 1 when any unit is stale or missing (for CI).
    #[arg(long)]
    pub deny_stale: bool,
}

/// `status` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// A table on stdout.
    Text,
    /// One JSON object on stdout.
    Json,
}

pub(super) fn run(cli: &Cli, args: &TranslateArgs, term: &Term) -> anyhow::Result<u8> {
    let root = super::project_root(cli)?;
    match &args.command {
        TranslateCommand::Export(a) => export(&root, a, term),
        TranslateCommand::Import(a) => import(&root, a, term),
        TranslateCommand::Status(a) => status(&root, a, term),
        TranslateCommand::Termbase(a) => termbase(&root, a, term),
    }
}

fn termbase(root: &std::path::Path, a: &TermbaseArgs, term: &Term) -> anyhow::Result<u8> {
    let (project, diags, sources) = translate::load(root)?;
    let registry_errors: Vec<Diagnostic> = diags
        .into_iter()
        .filter(|d| d.severity == Severity::Error && d.rule == "meta/registry")
        .collect();
    let Some(project) = project else {
        print_diags(&registry_errors, &sources, term);
        return Ok(EXIT_CONTENT);
    };
    if !registry_errors.is_empty() {
        print_diags(&registry_errors, &sources, term);
        return Ok(EXIT_CONTENT);
    }
    translate::check_target_language(&project, &a.lang)?;
    let (tbx, counts) = translate::termbase::build(&project, &a.lang);
    let out = a.out.clone().unwrap_or_else(|| project.root.join("xliff"));
    let path = out.join(format!("termbase.{}.tbx", a.lang));
    sopdoc::output::write_atomic(&path, tbx.as_bytes())?;
    term.status(&format!(
        "wrote {} ({} terms, {} acronyms; {} without `{}` text)",
        path.display(),
        counts.terms,
        counts.acronyms,
        counts.untranslated,
        a.lang
    ));
    Ok(EXIT_OK)
}

fn print_diags(diags: &[Diagnostic], sources: &SourceMap, term: &Term) {
    let shown: Vec<Diagnostic> = diags
        .iter()
        .filter(|d| !(term.quiet() && d.severity == Severity::Info))
        .cloned()
        .collect();
    eprint!("{}", emit::human_body(&shown, sources, term.style()));
}

fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}

fn export(root: &std::path::Path, a: &ExportArgs, term: &Term) -> anyhow::Result<u8> {
    let (project, mut diags, mut sources) = translate::load(root)?;
    let Some(project) = project else {
        print_diags(&diags, &sources, term);
        return Ok(EXIT_CONTENT);
    };
    // Only problems that make the text unreadable stop an export.
    diags.retain(|d| {
        d.severity == Severity::Error
            && (d.rule.starts_with("parse/") || d.rule.starts_with("meta/"))
    });
    if has_errors(&diags) {
        print_diags(&sopdoc::diag::finalize(diags, &sources), &sources, term);
        return Ok(EXIT_CONTENT);
    }
    translate::check_target_language(&project, &a.lang)?;
    let docs = translate::select_documents(&project, &a.docs)?;
    let out = a.out.clone().unwrap_or_else(|| project.root.join("xliff"));
    let version = match a.xliff {
        XliffVersion::V20 => Version::V20,
        XliffVersion::V12 => Version::V12,
    };
    let written = translate::export::export(
        &project,
        &docs,
        &a.lang,
        version,
        &out,
        &mut sources,
        &mut diags,
    )?;
    print_diags(&diags, &sources, term);
    for w in &written {
        term.status(&format!(
            "wrote {} ({} units, {} translated, {} words to translate)",
            w.path.display(),
            w.units,
            w.translated,
            w.words_to_translate
        ));
    }
    Ok(if has_errors(&diags) {
        EXIT_CONTENT
    } else {
        EXIT_OK
    })
}

fn import(root: &std::path::Path, a: &ImportArgs, term: &Term) -> anyhow::Result<u8> {
    let opts = translate::import::ImportOptions {
        force: a.force,
        dry_run: a.dry_run,
    };
    let mut code = EXIT_OK;
    for file in &a.files {
        let r = translate::import::import(root, file, &opts)?;
        print_diags(&r.diagnostics, &r.sources, term);
        if r.has_errors() {
            code = EXIT_CONTENT;
            continue;
        }
        let verb = if a.dry_run { "would write" } else { "wrote" };
        term.status(&format!(
            "{}: {} units translated, {} changed; {verb} {}",
            file.display(),
            r.translated,
            r.changed,
            if r.written.is_empty() {
                "nothing (no change)".to_string()
            } else {
                r.written.join(", ")
            }
        ));
    }
    Ok(code)
}

fn status(root: &std::path::Path, a: &StatusArgs, term: &Term) -> anyhow::Result<u8> {
    let (project, mut diags, mut sources) = translate::load(root)?;
    let Some(project) = project else {
        print_diags(&diags, &sources, term);
        return Ok(EXIT_CONTENT);
    };
    diags.clear();
    for l in &a.lang {
        translate::check_target_language(&project, l)?;
    }
    let docs = translate::select_documents(&project, &a.docs)?;
    let rows = translate::status::status(&project, &docs, &a.lang, &mut sources, &mut diags);
    print_diags(&diags, &sources, term);
    match a.format {
        StatusFormat::Json => {
            let v = serde_json::json!({"version": 1, "documents": rows});
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        StatusFormat::Text => {
            println!(
                "{:<16} {:<5} {:>6} {:>10} {:>6} {:>8} {:>9} {:>6} {:>9} {:>13}",
                "document",
                "lang",
                "units",
                "translated",
                "stale",
                "missing",
                "untracked",
                "edited",
                "new words",
                "changed words"
            );
            for r in &rows {
                println!(
                    "{:<16} {:<5} {:>6} {:>10} {:>6} {:>8} {:>9} {:>6} {:>9} {:>13}",
                    r.document,
                    r.language,
                    r.units,
                    r.translated,
                    r.stale,
                    r.missing,
                    r.untracked,
                    r.edited,
                    r.words_new,
                    r.words_changed
                );
            }
        }
    }
    let pending = rows.iter().any(|r| r.stale > 0 || r.missing > 0);
    Ok(if has_errors(&diags) || (a.deny_stale && pending) {
        EXIT_CONTENT
    } else {
        EXIT_OK
    })
}
