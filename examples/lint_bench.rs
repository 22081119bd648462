//! Throughput of the style engine alone: every rule pack and the privacy scan over a project
//! that is already loaded and resolved.
//!
//! ```text
//! cargo run --release --example gen_corpus -- bench/.corpus/scale1 --scale 1 --force
//! cargo run --release --example lint_bench -- bench/.corpus/scale1 [--runs N] [--warmup W]
//! ```
//!
//! The project is loaded and resolved once and the bundled rule packs are compiled once,
//! before any timing (both are reported apart). Then `W` untimed runs (default 2) warm the
//! caches, and `N` timed runs (default 20) of [`sopdoc::check::style::check`], the entry point
//! `sopdoc check` uses (packs of every translation and the privacy scan of every file, in
//! parallel as in the command), print the median, minimum and maximum, and the words per
//! second at the median.
//!
//! Words are counted twice: as `wc -w` counts the chapter files (what `gen_corpus` reports)
//! and as the prose words the linter reads (headings, paragraphs, list items, cells, captions,
//! footnotes and step texts; code, front matter and link targets excluded). The throughput is
//! given for the first count, so it compares with the corpus sizes quoted in the README.
#![allow(clippy::disallowed_methods)] // A tool of the repository, not a build stage.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use sopdoc::check::style;

struct Args {
    project: PathBuf,
    runs: usize,
    warmup: usize,
}

fn usage() -> &'static str {
    "usage: lint_bench PROJECT [--runs N] [--warmup W]"
}

fn parse_args() -> Result<Args, String> {
    let mut project = None;
    let mut runs = 20;
    let mut warmup = 2;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{name} needs a number"))
        };
        match a.as_str() {
            "--runs" => runs = number("--runs")?.max(1),
            "--warmup" => warmup = number("--warmup")?,
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            path if project.is_none() => project = Some(PathBuf::from(path)),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
    }
    Ok(Args {
        project: project.ok_or("no project folder given")?,
        runs,
        warmup,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            println!("{}", usage());
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("lint_bench: {e}\n{}", usage());
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lint_bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn run(args: &Args) -> Result<(), String> {
    let t = Instant::now();
    let rules = style::bundled();
    let compile = t.elapsed();
    if rules.problem_count() > 0 {
        return Err(format!(
            "the bundled packs have {} problems",
            rules.problem_count()
        ));
    }

    let t = Instant::now();
    let loaded = sopdoc::project::load(&args.project).map_err(|e| e.to_string())?;
    let mut project = loaded.project.ok_or_else(|| {
        format!(
            "{}: the manifest is unusable ({} diagnostics)",
            args.project.display(),
            loaded.diagnostics.len()
        )
    })?;
    sopdoc::resolve::resolve(&mut project);
    let prepare = t.elapsed();

    let (mut chapters, mut file_words, mut prose_words) = (0, 0, 0);
    for doc in &project.documents {
        for tr in &doc.translations {
            for chapter in &tr.chapters {
                let file = project.sources.get(chapter.source);
                chapters += 1;
                file_words += file.text.split_whitespace().count();
                prose_words += style::scope::runs(chapter, file)
                    .iter()
                    .map(|r| style::readability::words(&r.text).len())
                    .sum::<usize>();
            }
        }
    }
    println!(
        "project   {} ({} documents, {chapters} chapters, {} files)",
        args.project.display(),
        project.documents.len(),
        project.sources.iter().count()
    );
    println!("words     {file_words} (wc -w of the chapters), {prose_words} in prose runs");
    println!(
        "setup     rules compiled in {:.1} ms, project loaded and resolved in {:.1} ms (not timed below)",
        ms(compile),
        ms(prepare)
    );

    let mut findings = 0;
    for _ in 0..args.warmup {
        let mut diags = Vec::new();
        style::check(&project, &mut diags);
        findings = diags.len();
    }
    let mut times = Vec::with_capacity(args.runs);
    for _ in 0..args.runs {
        let mut diags = Vec::new();
        let t = Instant::now();
        style::check(&project, &mut diags);
        times.push(t.elapsed());
        findings = std::hint::black_box(diags).len();
    }
    times.sort();
    let median = if times.len() % 2 == 1 {
        times[times.len() / 2]
    } else {
        (times[times.len() / 2 - 1] + times[times.len() / 2]) / 2
    };
    let (min, max) = (times[0], times[times.len() - 1]);
    let per_second = |words: usize| words as f64 / median.as_secs_f64().max(1e-9);
    println!(
        "style     {} runs ({} warm-up): median {:.1} ms, min {:.1} ms, max {:.1} ms; {findings} findings",
        args.runs,
        args.warmup,
        ms(median),
        ms(min),
        ms(max)
    );
    println!(
        "rate      {:.0} words/s (chapter words at the median), {:.0} prose words/s",
        per_second(file_words),
        per_second(prose_words)
    );
    if cfg!(debug_assertions) {
        println!("note      debug build: time it with `cargo run --release --example lint_bench`");
    }
    Ok(())
}
