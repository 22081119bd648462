//! The `sopdoc` command line (the CLI is built on another branch).

fn main() {}
