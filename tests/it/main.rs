//! Integration tests: one test crate (so the heavy dependencies link once), driving the
//! real `sopdoc` binary and the library over fixture projects.

mod bad_input;
mod citations;
mod cli;
mod common;
mod diff;
mod guide;
mod html;
mod pdf;
mod procedures;
mod resolve;
mod review;
mod rules;
mod style;
mod translate;
mod trust;
mod watch;
