//! The `sopdoc` binary: parses the command line and maps the result to an exit code
//! (0 success, 1 content errors, 2 usage or environment errors).
#![allow(clippy::disallowed_methods)] // The command line: finds the project, reads and writes the files a user names.

mod cli;

use clap::{CommandFactory, FromArgMatches};

fn main() -> std::process::ExitCode {
    // Help is written in the interface language, which is known before parsing.
    let lang = cli::language_before_parsing(std::env::args_os());
    let command = cli::help::localize(cli::Cli::command(), lang);
    let parsed = command
        .try_get_matches()
        .and_then(|m| cli::Cli::from_arg_matches(&m));
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
