//! Keystroke → diagnostics latency of `sopdoc lsp`, measured as an editor sees it.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example lsp_bench -- PROJECT [--chapter REL] [--runs N] [--bin PATH]
//! ```
//!
//! Starts the server binary (default `target/release/sopdoc`) over stdio on `PROJECT`,
//! opens a chapter (default: the first French chapter of the first document), waits for
//! the first analysis, then sends `N` edits (default 30) one after the other, each adding
//! or removing a broken cross-reference at the end of the buffer so that every edit
//! changes the file's diagnostics. For each edit it times from the `didChange` written to
//! the `publishDiagnostics` of that file read back: debounce, re-parse, resolve, every
//! check, conversion and the pipe. Prints the median, minimum and maximum, and the
//! server's own analysis times (from its log messages) for comparison.
#![allow(clippy::disallowed_methods)] // A tool of the repository, not a build stage.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn write_frame(w: &mut impl Write, v: &Value) {
    let body = v.to_string();
    write!(w, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("the server reads");
    w.flush().expect("the server reads");
}

fn first_chapter(root: &Path) -> Option<PathBuf> {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("sop-sources"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("fr").is_dir())
        .collect();
    docs.sort();
    let mut chapters: Vec<PathBuf> = std::fs::read_dir(docs.first()?.join("fr"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    chapters.sort();
    chapters.into_iter().next()
}

fn summary(label: &str, mut v: Vec<Duration>) {
    v.sort();
    if v.is_empty() {
        return;
    }
    println!(
        "{label}: median {:.1} ms, min {:.1} ms, max {:.1} ms ({} runs)",
        v[v.len() / 2].as_secs_f64() * 1e3,
        v[0].as_secs_f64() * 1e3,
        v[v.len() - 1].as_secs_f64() * 1e3,
        v.len()
    );
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut project = None;
    let mut chapter = None;
    let mut runs = 30;
    let mut bin = PathBuf::from("target/release/sopdoc");
    while let Some(a) = args.next() {
        match a.as_str() {
            "--chapter" => chapter = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            "--bin" => bin = args.next().map(PathBuf::from).unwrap_or(bin),
            other => project = Some(PathBuf::from(other)),
        }
    }
    let Some(root) = project.and_then(|p| p.canonicalize().ok()) else {
        eprintln!("usage: lsp_bench PROJECT [--chapter REL] [--runs N] [--bin PATH]");
        return ExitCode::from(2);
    };
    let Some(path) = chapter
        .map(|c| root.join(c))
        .or_else(|| first_chapter(&root))
    else {
        eprintln!("no chapter found under {}/sop-sources/*/fr", root.display());
        return ExitCode::from(2);
    };
    // The server runs in the project's folder: a relative program path is from here.
    let bin = bin.canonicalize().unwrap_or(bin);
    let text = std::fs::read_to_string(&path).expect("the chapter reads");
    let uri = format!("file://{}", path.display()).replace(' ', "%20");
    let mut child = std::process::Command::new(&bin)
        .arg("lsp")
        .current_dir(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut input = child.stdin.take().unwrap();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let root_uri = format!("file://{}", root.display()).replace(' ', "%20");
    write_frame(
        &mut input,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": null, "rootUri": root_uri, "capabilities": {}}}),
    );
    write_frame(
        &mut input,
        &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    write_frame(
        &mut input,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
                {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    let mut analyses = Vec::new();
    // Stage times, when the server runs with SOPDOC_TIMINGS=1 ("…; resolve 12 ms").
    let stages: std::cell::RefCell<std::collections::BTreeMap<String, Vec<Duration>>> =
        Default::default();
    // "analysis N: X ms (…)"
    let record = |analyses: &mut Vec<Duration>, m: &Value| {
        if m["method"] == "window/logMessage"
            && let Some(rest) = m["params"]["message"]
                .as_str()
                .and_then(|s| s.strip_prefix("analysis "))
            && let Some(ms) = rest.split(": ").nth(1).and_then(|s| s.split(' ').next())
            && let Ok(ms) = ms.parse::<u64>()
        {
            analyses.push(Duration::from_millis(ms));
            for part in rest.split("; ").skip(1) {
                let mut words = part.rsplitn(3, ' ');
                if let (Some("ms"), Some(ms), Some(stage)) =
                    (words.next(), words.next(), words.next())
                    && let Ok(ms) = ms.parse::<u64>()
                {
                    stages
                        .borrow_mut()
                        .entry(stage.to_string())
                        .or_default()
                        .push(Duration::from_millis(ms));
                }
            }
        }
    };
    // The first analysis (load from disk and the opened buffer: generation 2, or both
    // merged by the debounce) is not timed.
    let started = Instant::now();
    loop {
        let Some(m) = read_frame(&mut output) else {
            eprintln!("the server stopped");
            let _ = child.wait();
            return ExitCode::FAILURE;
        };
        if m["params"]["message"]
            .as_str()
            .is_some_and(|s| s.starts_with("analysis 2:"))
        {
            break;
        }
    }
    println!(
        "first analysis and open: {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    analyses.clear();
    stages.borrow_mut().clear();
    let mut latencies = Vec::new();
    for i in 0..runs {
        let edited = if i % 2 == 0 {
            format!("{text}\nVoir [](#lsp-bench-absent-{i}).\n")
        } else {
            text.clone()
        };
        write_frame(
            &mut input,
            &json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": i + 2},
                "contentChanges": [{"text": edited}]}}),
        );
        let sent = Instant::now();
        loop {
            let Some(m) = read_frame(&mut output) else {
                eprintln!("the server stopped");
                let _ = child.wait();
                return ExitCode::FAILURE;
            };
            record(&mut analyses, &m);
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                latencies.push(sent.elapsed());
                break;
            }
        }
    }
    write_frame(
        &mut input,
        &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    write_frame(&mut input, &json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();
    println!(
        "chapter: {}",
        path.strip_prefix(&root).unwrap_or(&path).display()
    );
    summary("keystroke → publishDiagnostics", latencies);
    summary("server analysis (debounce excluded)", analyses);
    for (stage, times) in stages.take() {
        summary(&format!("  stage {stage}"), times);
    }
    ExitCode::SUCCESS
}
