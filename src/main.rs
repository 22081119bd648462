//! The `sopdoc` binary: parses the command line and maps the result to an exit code
//! (0 success, 1 content errors, 2 usage or environment errors).
#![allow(clippy::disallowed_methods)] // The command line: finds the project, reads and writes the files a user names.

mod cli;

use clap::{CommandFactory, FromArgMatches};

fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let parse = |command: clap::Command| {
        command
            .try_get_matches_from(&args)
            .and_then(|m| cli::Cli::from_arg_matches(&m))
    };
    let parsed = match parse(cli::Cli::command()) {
        // Help and usage errors are written in the interface language, known before
        // parsing; only then is the command translated (a few milliseconds).
        Err(_) if cli::language_before_parsing(args.clone()) != "en" => {
            let lang = cli::language_before_parsing(args.clone());
            parse(cli::help::localize(cli::Cli::command(), lang))
        }
        other => other,
    };
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() {
                cli::EXIT_ENV
            } else {
                cli::EXIT_OK
            };
            let _ = err.print();
            return std::process::ExitCode::from(code);
        }
    };
    std::process::ExitCode::from(cli::run(cli))
}
