//! `sopdoc check`: load, resolve, check, print every diagnostic.

use clap::ValueEnum;
use sopdoc::diag::{Summary, emit};

use super::{Cli, EXIT_CONTENT, EXIT_OK, Term, fix};

/// `check` options.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Treat warnings as errors (exit 1 when there are any).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Apply the automatic fixes to the sources.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: print the changes as a diff instead of writing them.
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
}

/// Diagnostic output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Messages with the source line underlined (stderr).
    Human,
    /// One `file:line:col: severity[rule]: message` line each (stdout).
    Short,
    /// One JSON object (stdout).
    Json,
    /// SARIF 2.1.0 (stdout).
    Sarif,
}

pub(super) fn run(cli: &Cli, args: &CheckArgs, term: &Term) -> anyhow::Result<u8> {
    let root = super::project_root(cli)?;
    let analysis = sopdoc::analyze(&root, args.deny_warnings)?;
    if args.fix {
        let changed = fix::apply(&root, &analysis, args.dry_run, term)?;
        if !args.dry_run && changed > 0 {
            // Report what is left after the fixes.
            let after = sopdoc::analyze(&root, args.deny_warnings)?;
            return Ok(print(&after, args.format, term));
        }
    }
    Ok(print(&analysis, args.format, term))
}

/// Prints diagnostics in the chosen format and returns the exit code.
pub(super) fn print(analysis: &sopdoc::Analysis, format: Format, term: &Term) -> u8 {
    let diags = &analysis.diagnostics;
    match format {
        Format::Human => {
            if !(term.quiet() && diags.is_empty()) {
                let text = emit::human(diags, &analysis.sources, term.style());
                if term.quiet() {
                    // Drop the summary line in quiet mode.
                    let body = text.trim_end().rsplit_once('\n').map_or("", |(b, _)| b);
                    eprint!("{body}");
                    if !body.is_empty() {
                        eprintln!();
                    }
                } else {
                    eprint!("{text}");
                }
            }
        }
        Format::Short => print!("{}", emit::short(diags, &analysis.sources)),
        Format::Json => print!("{}", emit::json(diags, &analysis.sources)),
        Format::Sarif => print!("{}", emit::sarif(diags, &analysis.sources)),
    }
    if Summary::of(diags).errors > 0 {
        EXIT_CONTENT
    } else {
        EXIT_OK
    }
}
