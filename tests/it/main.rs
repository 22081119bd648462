//! Integration tests: one test crate (so the heavy dependencies link once), driving the
//! real `sopdoc` binary and the library over fixture projects.
#![allow(clippy::disallowed_methods)] // Tests set up fixture projects on disk and read what the binary wrote.

mod a11y;
mod bad_input;
mod cards;
mod citations;
mod cli;
/// The binary's own argument types (a file that depends only on clap), so that the command
/// lines of the guides and of `--help` are parsed by the very parser of `sopdoc`.
#[path = "../../src/cli/args.rs"]
#[allow(dead_code)]
mod cli_args;
/// The help's translation (depends only on clap and the library).
#[path = "../../src/cli/help.rs"]
#[allow(dead_code)]
mod cli_help;
mod common;
mod diff;
mod editors;
mod first_hour;
mod fix;
mod guide;
mod hardening;
mod html;
mod kill;
mod links;
mod lsp;
mod pdf;
mod procedures;
mod resolve;
mod review;
mod rules;
mod schema;
mod spelling;
mod style;
mod translate;
mod translate_units;
mod trust;
mod ui_lang;
mod watch;
mod world;
