//! The command line: argument types (in `args`) and dispatch. The only module that prints
//! or exits.

mod args;
mod build;
mod check;
mod diff;
mod fix;
pub mod help;
mod init;
mod lsp;
mod review;
mod rules;
mod schema;
mod term;
mod translate;
mod watch;

use std::path::PathBuf;

pub use args::{Cli, ColorChoice, Command};
pub use term::Term;

/// Exit code: success (warnings allowed).
pub const EXIT_OK: u8 = 0;
/// Exit code: content errors (or warnings with `--deny-warnings`).
pub const EXIT_CONTENT: u8 = 1;
/// Exit code: usage or environment errors.
pub const EXIT_ENV: u8 = 2;

/// Arguments of commands whose sub-commands come with their own issue.
#[derive(Debug, clap::Args)]
pub struct RestArgs {
    /// Sub-command and its arguments.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

/// The interface language for the help, read before clap parses the command line:
/// `--ui-lang X` or `--ui-lang=X` when valid, else the environment's.
pub fn language_before_parsing(args: impl IntoIterator<Item = std::ffi::OsString>) -> &'static str {
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let given = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--ui-lang=")
            .map(str::to_string)
            .or_else(|| (a == "--ui-lang").then(|| args.get(i + 1).cloned().unwrap_or_default()))
    });
    match given {
        Some(v) => sopdoc::i18n::LANGUAGES
            .iter()
            .copied()
            .find(|l| *l == v)
            .unwrap_or("en"),
        None => sopdoc::i18n::language_from_environment(),
    }
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    sopdoc::i18n::set_ui_lang(match cli.ui_lang {
        Some(lang) => lang.code(),
        None => sopdoc::i18n::language_from_environment(),
    });
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
        Command::Schema(args) => schema::run(&cli, args, &term),
        Command::Lsp => lsp::run(&cli),
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
    for (stage, took, resident) in sopdoc::timings::take_with_memory() {
        match resident {
            Some(kib) => eprintln!("timings: {stage} {took:?} (resident {} MiB)", kib / 1024),
            None => eprintln!("timings: {stage} {took:?}"),
        }
    }
}

/// Says so when another process holds the project lock, before a command waits for it
/// (a second `build` of the same project waits instead of interleaving its writes).
fn note_if_locked(root: &std::path::Path, term: &Term) {
    if sopdoc::output::ProjectLock::is_held(root) {
        let lock = root.join(sopdoc::output::STATE_DIR).join("lock");
        term.status(&sopdoc::msg!("build-waiting", lock = &lock.display()).ui());
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
