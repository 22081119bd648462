//! Measures `sopdoc watch`: from the moment an edited chapter is written to the moment the
//! HTML page, then the PDF, changed on disk (debounce included), and the watch process's
//! memory over many edit cycles.
//!
//! ```text
//! cargo run --release --example watch_edit -- CORPUS DOC [EDITS] [SOPDOC]
//! ```
//!
//! CORPUS is a project from `gen_corpus` (e.g. `bench/.corpus/scale1`); it is copied to a
//! temporary folder, where the chapters of DOC (annexes excepted) are merged into one long
//! chapter. Each edit rewrites one paragraph of that chapter. SOPDOC defaults to
//! `target/release/sopdoc` (or `$CARGO_TARGET_DIR/release/sopdoc`).
#![allow(clippy::disallowed_methods)] // A tool of the repository, not a build stage.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: watch_edit CORPUS DOC [EDITS] [SOPDOC]");
        return ExitCode::from(2);
    }
    let corpus = PathBuf::from(&args[0]);
    let doc = &args[1];
    let edits: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20);
    let exe = args.get(3).map(PathBuf::from).unwrap_or_else(|| {
        let target = std::env::var_os("CARGO_TARGET_DIR").map_or("target".into(), PathBuf::from);
        target.join("release/sopdoc")
    });
    match run(&corpus, doc, edits, &exe) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("watch_edit: {e}");
            ExitCode::FAILURE
        }
    }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_name() == "build" || entry.file_name() == ".sopdoc" {
            continue;
        }
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

/// Merges the non-annex chapters of `doc` into `01-long.md`; returns its path.
fn merge_chapters(root: &Path, doc: &str) -> Result<PathBuf, String> {
    let dir = root.join("sop-sources").join(doc).join("fr");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    names.sort();
    let mut long = String::new();
    for path in &names {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        if text.starts_with("---") && text.contains("annex: true") {
            continue;
        }
        let body = match text
            .strip_prefix("---\n")
            .and_then(|r| r.split_once("\n---\n"))
        {
            Some((_, body)) => body.to_string(),
            None => text,
        };
        long.push_str(&body);
        long.push('\n');
        std::fs::remove_file(path).map_err(|e| e.to_string())?;
    }
    long.push_str("\nParagraphe de mesure 0.\n");
    let out = dir.join("01-long.md");
    std::fs::write(&out, long).map_err(|e| e.to_string())?;
    Ok(out)
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).ok()?.modified().ok()
}

fn wait_until(limit: Duration, mut f: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    false
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn run(corpus: &Path, doc: &str, edits: usize, exe: &Path) -> Result<(), String> {
    let tmp = std::env::temp_dir().join(format!("sopdoc-watch-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    copy_dir(corpus, &tmp).map_err(|e| e.to_string())?;
    let chapter = merge_chapters(&tmp, doc)?;
    let page = tmp.join("build/html/fr").join(doc).join("01-long.html");
    let pdf = tmp.join("build/pdf").join(format!("{doc}-fr.pdf"));
    let mut child = Command::new(exe)
        .arg("--project")
        .arg(&tmp)
        .arg("watch")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", exe.display()))?;
    let log = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&log);
    let stderr = child.stderr.take().ok_or("no stderr")?;
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let mut log = sink.lock().unwrap_or_else(|e| e.into_inner());
            log.push_str(&line);
            log.push('\n');
        }
    });
    let pdfs_done = |n: usize| {
        log.lock()
            .map(|l| {
                l.lines()
                    .filter(|x| x.contains(&format!("pdf: {doc}-fr.pdf")))
                    .count()
                    >= n
            })
            .unwrap_or(false)
    };
    let result = (|| {
        if !wait_until(Duration::from_secs(300), || pdfs_done(1)) {
            return Err("the initial build did not finish".to_string());
        }
        // Let the other documents' PDFs finish too.
        std::thread::sleep(Duration::from_secs(5));
        let mut html_ms = Vec::new();
        let mut pdf_ms = Vec::new();
        let mut rss_after_10 = None;
        let mut text = std::fs::read_to_string(&chapter).map_err(|e| e.to_string())?;
        for i in 1..=edits {
            let before_pdf = modified(&pdf);
            let old = format!("Paragraphe de mesure {}.", i - 1);
            let new = format!("Paragraphe de mesure {i}.");
            text = text.replace(&old, &new);
            let t0 = Instant::now();
            std::fs::write(&chapter, &text).map_err(|e| e.to_string())?;
            if !wait_until(Duration::from_secs(60), || {
                std::fs::read_to_string(&page).is_ok_and(|p| p.contains(&new))
            }) {
                return Err(format!("edit {i}: the HTML did not change"));
            }
            html_ms.push(t0.elapsed().as_secs_f64() * 1000.0);
            if !wait_until(Duration::from_secs(120), || modified(&pdf) != before_pdf) {
                return Err(format!("edit {i}: the PDF did not change"));
            }
            pdf_ms.push(t0.elapsed().as_secs_f64() * 1000.0);
            // The PDF is renamed into place before its status line: wait for it so the
            // next edit starts from a quiet process.
            if !wait_until(Duration::from_secs(60), || pdfs_done(i + 1)) {
                return Err(format!("edit {i}: no PDF status line"));
            }
            if i == 10 {
                rss_after_10 = rss_kib(child.id());
            }
        }
        let rss_end = rss_kib(child.id());
        let pages_line = log
            .lock()
            .map(|l| {
                l.lines()
                    .rfind(|x| x.contains(&format!("pdf: {doc}-fr.pdf")))
                    .unwrap_or("")
                    .to_string()
            })
            .unwrap_or_default();
        println!("{edits} edits of one paragraph in {}", chapter.display());
        // With SOPDOC_TIMINGS set, the watch prints where each cycle spent its time.
        if let Ok(l) = log.lock() {
            for line in l
                .lines()
                .filter(|x| x.starts_with("timings:"))
                .skip(1)
                .take(10)
            {
                println!("{line}");
            }
        }
        println!("last PDF line: {pages_line}");
        let (hmin, hmax) = (
            html_ms.iter().cloned().fold(f64::MAX, f64::min),
            html_ms.iter().cloned().fold(0.0, f64::max),
        );
        let (pmin, pmax) = (
            pdf_ms.iter().cloned().fold(f64::MAX, f64::min),
            pdf_ms.iter().cloned().fold(0.0, f64::max),
        );
        println!(
            "save to HTML on disk: median {:.0} ms (min {hmin:.0}, max {hmax:.0})",
            median(&mut html_ms)
        );
        println!(
            "save to PDF on disk:  median {:.0} ms (min {pmin:.0}, max {pmax:.0})",
            median(&mut pdf_ms)
        );
        if let (Some(a), Some(b)) = (rss_after_10, rss_end) {
            println!(
                "resident memory: {} MiB after 10 edits, {} MiB after {edits} ({:+.1} %)",
                a / 1024,
                b / 1024,
                (b as f64 - a as f64) / a as f64 * 100.0
            );
        }
        Ok(())
    })();
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&tmp);
    result
}
