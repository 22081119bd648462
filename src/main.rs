//! The `sopdoc` binary: parses the command line and maps the result to an exit code
//! (0 success, 1 content errors, 2 usage or environment errors).
#![allow(clippy::disallowed_methods)] // The command line: finds the project, reads and writes the files a user names.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = match cli::Cli::try_parse() {
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
