//! The command line: argument types and dispatch. The only module that prints or exits.

mod build;
mod check;
mod diff;
mod fix;
mod init;
mod review;
mod rules;
mod term;
mod translate;
mod watch;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

pub use term::Term;

/// Exit code: success (warnings allowed).
pub const EXIT_OK: u8 = 0;
/// Exit code: content errors (or warnings with `--deny-warnings`).
pub const EXIT_CONTENT: u8 = 1;
/// Exit code: usage or environment errors.
pub const EXIT_ENV: u8 = 2;

/// sopdoc turns Markdown SOPs into publication-ready PDF and HTML.
#[derive(Debug, Parser)]
#[command(
    name = "sopdoc",
    version,
    about = "Turns structured Markdown Standard Operating Procedures into publication-ready PDF and HTML",
    after_help = "Exit codes: 0 success (warnings allowed), 1 content errors, 2 usage or environment errors.\n\nExamples:\n  sopdoc init mes-pso          create a project\n  sopdoc check                 report every problem in the project\n  sopdoc build                 write build/html and build/pdf"
)]
pub struct Cli {
    /// Project folder (default: the nearest folder holding sopdoc.yaml, from the current one up).
    #[arg(long, global = true, value_name = "DIR")]
    pub project: Option<PathBuf>,
    /// Print only diagnostics: no progress, no summary.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// When to use colour (NO_COLOR is honoured with `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when printing to a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the HTML site and PDFs into the output folder.
    #[command(
        after_help = "Examples:\n  sopdoc build                          HTML and PDF of every document\n  sopdoc build --format html --doc sop-01 --lang fr\n  sopdoc build --pdf-standard a-2b      archival PDF/A-2b"
    )]
    Build(build::BuildArgs),
    /// Check the project and report every problem at file:line:column.
    #[command(
        after_help = "Examples:\n  sopdoc check\n  sopdoc check --format short\n  sopdoc check --format json > diagnostics.json\n  sopdoc check --fix --dry-run     show the automatic fixes as a diff"
    )]
    Check(check::CheckArgs),
    /// Create a new project with one SOP skeleton in French.
    #[command(after_help = "Example:\n  sopdoc init mes-pso && cd mes-pso && sopdoc build")]
    Init(init::InitArgs),
    /// Add a document skeleton to the project.
    #[command(
        after_help = "Examples:\n  sopdoc new sop-05 --kind sop\n  sopdoc new revue --kind desk-review"
    )]
    New(init::NewArgs),
    /// Build, then rebuild what each save changes (HTML first, then PDF), until Ctrl-C.
    #[command(after_help = "Examples:\n  sopdoc watch\n  sopdoc watch --no-pdf")]
    Watch(watch::WatchArgs),
    /// Build, watch and serve the site on 127.0.0.1 with live reload, until Ctrl-C.
    #[command(
        after_help = "Examples:\n  sopdoc serve                  http://127.0.0.1:3000/ (or the next free port)\n  sopdoc serve --port 0         any free port\n  sopdoc serve --host 0.0.0.0   visible to the network"
    )]
    Serve(watch::ServeArgs),
    /// Compare two versions of the project (git revisions or folders), section by section.
    #[command(
        after_help = "Examples:\n  sopdoc diff HEAD~1 HEAD                  what the last commit changed\n  sopdoc diff v0.2 HEAD --format html      a redline page in build/diff/diff.html\n  sopdoc diff ancien/ nouveau/ --format json --doc sop-01 --lang fr"
    )]
    Diff(diff::DiffArgs),
    /// Export text for translators as XLIFF, import translations, report stale ones.
    #[command(
        after_help = "Examples:\n  sopdoc translate export --lang en\n  sopdoc translate import xliff/sop-01.en.xlf\n  sopdoc translate status --deny-stale"
    )]
    Translate(translate::TranslateArgs),
    /// Import committee comments from a Word review copy into the comments matrix.
    #[command(
        after_help = "Example:\n  sopdoc build --format docx --doc sop-01\n  sopdoc review import sop-01-fr-commentaires.docx --institution \"Ministère de la Justice\""
    )]
    Review(review::ReviewArgs),
    /// List the rules sopdoc checks: the catalogue and the style packs' rules.
    #[command(
        after_help = "Examples:\n  sopdoc rules                 every rule, with its level and what it checks\n  sopdoc rules xref            the rules of one area\n  sopdoc rules typo/fr         the rules of one pack"
    )]
    Rules(rules::RulesArgs),
    /// Explain one rule: what it checks, why, and how to fix a finding.
    #[command(after_help = "Example:\n  sopdoc explain xref/unknown-target")]
    Explain(rules::ExplainArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  sopdoc completions bash > ~/.local/share/bash-completion/completions/sopdoc"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Arguments of commands whose sub-commands come with their own issue.
#[derive(Debug, clap::Args)]
pub struct RestArgs {
    /// Sub-command and its arguments.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    let term = Term::new(cli.color, cli.quiet);
    let result = match &cli.command {
        Command::Build(args) => build::run(&cli, args, &term),
        Command::Check(args) => check::run(&cli, args, &term),
        Command::Init(args) => init::run_init(args, &term),
        Command::New(args) => init::run_new(&cli, args, &term),
        Command::Translate(args) => translate::run(&cli, args, &term),
        Command::Review(args) => review::run(&cli, args, &term),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut cmd, "sopdoc", &mut std::io::stdout());
            Ok(EXIT_OK)
        }
        Command::Watch(args) => watch::run_watch(&cli, args, &term),
        Command::Serve(args) => watch::run_serve(&cli, args, &term),
        Command::Diff(args) => diff::run(&cli, args, &term),
        Command::Rules(args) => rules::run_rules(&cli, args),
        Command::Explain(args) => rules::run_explain(&cli, args),
    };
    print_timings();
    match result {
        Ok(code) => code,
        Err(err) => {
            term.error(&err);
            EXIT_ENV
        }
    }
}

/// Prints the stage times the library recorded (`SOPDOC_TIMINGS=1`).
fn print_timings() {
    for (stage, took) in sopdoc::timings::take() {
        eprintln!("timings: {stage} {took:?}");
    }
}

/// The project root from `--project` or the current folder.
fn project_root(cli: &Cli) -> anyhow::Result<PathBuf> {
    let start = match &cli.project {
        Some(p) => p.clone(),
        None => std::env::current_dir()?,
    };
    Ok(sopdoc::project::find_root(&start)?)
}
