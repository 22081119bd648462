//! Crash safety: `build`, `watch`, `translate import`, `review import` and `check --fix`
//! killed with SIGKILL at a spread of moments never leave a truncated or mixed file. Every
//! output or source is then the old file or the new one, whole (PDFs pass `qpdf --check`,
//! HTML pages end with `</html>`, YAML parses), and the next uninterrupted run gives the
//! very bytes of a run that was never interrupted, temporary files of the cut writes gone.
//!
//! The moments are spread over the command's own measured duration on this machine, so
//! the kills land while it reads, renders and writes whatever the machine's speed. Two
//! builds of one project meanwhile wait for each other (the project lock).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{copy_dir, fixture, require_tool, sopdoc};

/// Kills per command: enough moments to land in every phase, few enough for a quick test.
const KILLS: u32 = 10;

/// Name prefix of the temporary files of atomic writes (src/output.rs).
const TEMP_PREFIX: &str = ".sopdoc-tmp-";

type Tree = BTreeMap<String, Vec<u8>>;

/// Every file below `root` (project-relative, `/`), sopdoc's lock folder left out.
fn tree(root: &Path) -> Tree {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".sopdoc")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn is_temp(rel: &str) -> bool {
    rel.rsplit('/')
        .next()
        .is_some_and(|n| n.starts_with(TEMP_PREFIX))
}

/// The `sopdoc` command for `args` on the project at `root`, run from `root` (so that
/// file arguments are project-relative), silent.
fn command(root: &Path, args: &[&str]) -> Command {
    let mut cmd = sopdoc();
    cmd.current_dir(root)
        .arg("--project")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Runs `args` to the end; returns how long it took. Panics unless it exits 0.
fn run_timed(root: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = sopdoc()
        .current_dir(root)
        .arg("--project")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert!(
        out.status.success(),
        "sopdoc {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// Starts `args` and kills it (SIGKILL) after `delay`, unless it finished before.
fn kill_after(root: &Path, args: &[&str], delay: Duration) {
    let mut child = command(root, args).spawn().unwrap();
    std::thread::sleep(delay);
    let _ = child.kill(); // SIGKILL on Unix; an error only if it already exited
    child.wait().unwrap();
}

/// `KILLS` moments spread evenly over `span` (the first just after the start).
fn moments(span: Duration) -> Vec<Duration> {
    (0..KILLS)
        .map(|i| span.mul_f64((f64::from(i) + 0.5) / f64::from(KILLS)))
        .collect()
}

/// Panics unless every file of `now` is whole by its kind: PDFs pass `qpdf --check`, HTML
/// pages end with `</html>`, YAML files parse. Temporary files are skipped.
/// A folder's list of the files sopdoc wrote is whole and true even when a build was cut
/// before writing them all: besides temporary files of cut writes, it names only files a
/// whole build writes, and every such file present in the folder (a file missing from it
/// would be taken for someone else's).
fn assert_owned_list(now: &Tree, rel: &str, bytes: &[u8], whole: &Tree, when: &str) {
    let folder = rel.trim_end_matches(".sopdoc-files");
    let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{when}: {rel} is text"));
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "{when}: {rel} is cut: {text:?}"
    );
    let listed: std::collections::BTreeSet<&str> =
        text.lines().filter(|l| !l.starts_with('#')).collect();
    // A temporary file left by a cut write is listed as sopdoc's own, so that the next
    // whole build removes it.
    for name in listed.iter().filter(|n| !is_temp(n)) {
        assert!(
            whole.contains_key(&format!("{folder}{name}")),
            "{when}: {rel} lists `{name}`, which no whole build writes"
        );
    }
    for present in now.keys() {
        if let Some(name) = present.strip_prefix(folder)
            && !is_temp(present)
            && present != rel
            && whole.contains_key(present)
        {
            assert!(
                listed.contains(name),
                "{when}: {present} is in the folder but not in {rel}"
            );
        }
    }
}

fn assert_whole(root: &Path, now: &Tree, qpdf: Option<&Path>, when: &str) {
    for (rel, bytes) in now.iter().filter(|(rel, _)| !is_temp(rel)) {
        if rel.ends_with(".pdf") {
            if let Some(qpdf) = qpdf {
                let out = Command::new(qpdf)
                    .arg("--check")
                    .arg(root.join(rel))
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{when}: {rel} fails qpdf --check: {}",
                    String::from_utf8_lossy(&out.stdout)
                );
            }
            assert!(bytes.starts_with(b"%PDF-"), "{when}: {rel}");
        } else if rel.ends_with(".html") {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                text.trim_end().ends_with("</html>"),
                "{when}: {rel} is cut short"
            );
        } else if rel.ends_with(".yaml") {
            let text = std::str::from_utf8(bytes).unwrap();
            if let Err(e) = serde_saphyr::from_str::<serde_json::Value>(text) {
                panic!("{when}: {rel} does not parse: {e}");
            }
        }
    }
}

/// Panics unless every file of `now` is the one of `old` or of `new` (and no file of `old`
/// went missing): an interrupted command leaves each file before or after, never between.
fn assert_old_or_new(now: &Tree, old: &Tree, new: &Tree, when: &str) {
    for (rel, bytes) in now.iter().filter(|(rel, _)| !is_temp(rel)) {
        let known = old.get(rel) == Some(bytes) || new.get(rel) == Some(bytes);
        assert!(
            known,
            "{when}: {rel} is neither the old file nor the new one"
        );
    }
    for rel in old.keys() {
        assert!(now.contains_key(rel), "{when}: {rel} went missing");
    }
}

/// Panics with the first difference when two trees differ.
fn assert_same_tree(now: &Tree, expected: &Tree, when: &str) {
    let names = |t: &Tree| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(now), names(expected), "{when}: not the same files");
    for (rel, bytes) in expected {
        assert!(now[rel] == *bytes, "{when}: {rel} differs");
    }
}

fn fresh_copy(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(from, dir.path());
    dir
}

/// A command that writes into the user's sources, killed at a spread of moments, each
/// time on a fresh copy of `start`: every file stays old or new and whole, `invariant`
/// holds on what is left, and running the command again gives what an uninterrupted run
/// gives.
fn kill_source_writer(start: &Path, args: &[&str], invariant: impl Fn(&Tree, &Tree, &str)) {
    let old = tree(start);
    let reference = fresh_copy(start);
    let took = run_timed(reference.path(), args);
    let new = tree(reference.path());
    assert!(new != old, "sopdoc {args:?} changes the project");
    // Once is enough: the run that finished is where a rerun must lead.
    run_timed(reference.path(), args);
    assert_same_tree(&tree(reference.path()), &new, "a second run");
    for (i, delay) in moments(took).into_iter().enumerate() {
        let when = format!("sopdoc {args:?} killed after {delay:?} (kill {i})");
        let copy = fresh_copy(start);
        kill_after(copy.path(), args, delay);
        let now = tree(copy.path());
        assert_old_or_new(&now, &old, &new, &when);
        assert_whole(copy.path(), &now, None, &when);
        invariant(&now, &new, &when);
        run_timed(copy.path(), args);
        assert_same_tree(&tree(copy.path()), &new, &format!("{when}, then run again"));
    }
}

/// Sets the document title of the pdf-basic project to version `b` or back to `a`.
fn set_title(root: &Path, revised: bool) {
    let path = root.join("sop-sources/sop-01/document.yaml");
    let original =
        std::fs::read_to_string(fixture("pdf-basic").join("sop-sources/sop-01/document.yaml"))
            .unwrap();
    let text = if revised {
        original
            .replace("rendu PDF\"", "rendu PDF, révisée\"")
            .replace("PDF rendering\"", "PDF rendering, revised\"")
    } else {
        original
    };
    std::fs::write(path, text).unwrap();
}

const BUILD: &[&str] = &["build", "--format", "pdf,html"];

#[test]
fn killed_builds_and_watches_leave_whole_outputs_and_the_next_build_converges() {
    let qpdf = require_tool(&["qpdf"]);
    // What an uninterrupted build writes for each version of the sources.
    let mut built = Vec::new();
    let mut took = Duration::ZERO;
    for revised in [false, true] {
        let dir = fresh_copy(&fixture("pdf-basic"));
        set_title(dir.path(), revised);
        took = took.max(run_timed(dir.path(), BUILD));
        built.push(tree(&dir.path().join("build")));
    }
    assert!(built[0] != built[1], "the two versions build differently");

    let project = fresh_copy(&fixture("pdf-basic"));
    let root = project.path();
    // Each kill lands on a build that replaces the files the previous one wrote.
    for (i, delay) in moments(took).into_iter().enumerate() {
        let revised = i % 2 == 0;
        set_title(root, revised);
        kill_after(root, BUILD, delay);
        let when = format!("build killed after {delay:?} (kill {i})");
        let now = tree(&root.join("build"));
        assert_whole(&root.join("build"), &now, qpdf.as_deref(), &when);
        // Old or new: either version's file (the previous build may itself have been cut).
        for (rel, bytes) in now.iter().filter(|(rel, _)| !is_temp(rel)) {
            if rel.ends_with("/.sopdoc-files") {
                assert_owned_list(&now, rel, bytes, &built[0], &when);
                continue;
            }
            assert!(
                built.iter().any(|b| b.get(rel) == Some(bytes)),
                "{when}: {rel} is neither version's file"
            );
        }
    }
    // `watch` builds when it starts: killed during that build, or idle after it.
    for (i, delay) in moments(took.mul_f64(1.5))
        .into_iter()
        .step_by(2)
        .enumerate()
    {
        set_title(root, i % 2 == 1);
        kill_after(root, &["watch"], delay);
        let when = format!("watch killed after {delay:?}");
        assert_whole(
            &root.join("build"),
            &tree(&root.join("build")),
            qpdf.as_deref(),
            &when,
        );
    }
    set_title(root, true);
    run_timed(root, BUILD);
    assert_same_tree(
        &tree(&root.join("build")),
        &built[1],
        "the build after the kills",
    );
}

#[test]
fn killed_translate_imports_leave_whole_chapters_and_write_the_state_last() {
    let start = fresh_copy(&fixture("translate"));
    let root = start.path();
    // Three chapters, so that a kill can land between two of them.
    let chapter = std::fs::read_to_string(root.join("sop-sources/sop-01/fr/01-objet.md")).unwrap();
    for (n, id) in [(2, "suite"), (3, "fin")] {
        let text = chapter
            .replace("{#objet}", &format!("{{#{id}}}"))
            .replace("tbl-acteurs", &format!("tbl-{id}"))
            .replace("(#objet)", &format!("(#{id})"));
        std::fs::write(
            root.join(format!("sop-sources/sop-01/fr/0{n}-{id}.md")),
            text,
        )
        .unwrap();
    }
    run_timed(root, &["translate", "export", "--lang", "en"]);
    let xliff = std::fs::read_to_string(root.join("xliff/sop-01.en.xlf")).unwrap();
    std::fs::write(
        root.join("xliff/sop-01.en.xlf"),
        crate::translate::translate_by_script(&xliff),
    )
    .unwrap();
    let state = "sop-sources/sop-01/en/translation.yaml";
    kill_source_writer(
        root,
        &["translate", "import", "xliff/sop-01.en.xlf"],
        |now, new, when| {
            // The state vouches for chapters only once they are all written.
            if now.get(state) == new.get(state) {
                for rel in new
                    .keys()
                    .filter(|r| r.starts_with("sop-sources/sop-01/en/"))
                {
                    assert!(
                        now.get(rel) == new.get(rel),
                        "{when}: the state is written but {rel} is not yet"
                    );
                }
            }
        },
    );
}

#[test]
fn killed_review_imports_leave_the_matrix_old_or_new() {
    let start = crate::review::copy_fixture();
    let root = start.path();
    run_timed(root, &["build", "--format", "docx"]);
    let docx = std::fs::read(root.join("build/docx/sop-01-fr.docx")).unwrap();
    let commented = crate::review::comment_in_word(
        &docx,
        &[
            ("1.1-2", "Awa Diallo", "Préciser ce principe."),
            ("2-3", "Moussa Keita", "Quel délai ?"),
        ],
    );
    std::fs::write(root.join("commentaires.docx"), commented).unwrap();
    kill_source_writer(
        root,
        &["review", "import", "commentaires.docx"],
        |_, _, _| {},
    );
}

#[test]
fn killed_fixes_leave_each_chapter_old_or_fixed() {
    let p = crate::common::TempProject::minimal();
    // Faults whose fixes do not overlap, so that one run fixes everything.
    for (n, text) in [
        (1, "# Objet {#objet}\n\nCe texte ; ce point ! Et ceci ?\n"),
        (2, "# Rôles {#roles}\n\nLa police ; les ONG ! Qui ?\n"),
        (3, "# Suivi {#suivi}\n\nUn suivi ; un contrôle ! Quand ?\n"),
    ] {
        let name = ["", "01-objet", "02-roles", "03-suivi"][n];
        p.write(&format!("sop-sources/sop-01/fr/{name}.md"), text);
    }
    let start = p.root().to_path_buf();
    kill_source_writer(&start, &["check", "--fix"], |_, _, _| {});
}

/// A build waits while another command holds the project lock, says so, and writes
/// nothing meanwhile; two builds started together both finish with whole outputs.
#[test]
fn a_second_build_of_a_project_waits_for_the_first() {
    let project = fresh_copy(&fixture("pdf-basic"));
    let root = project.path();
    let reference = fresh_copy(&fixture("pdf-basic"));
    run_timed(reference.path(), BUILD);
    let expected = tree(&reference.path().join("build"));

    let held = sopdoc::output::ProjectLock::acquire(root, false).unwrap();
    let mut waiting = sopdoc()
        .arg("--project")
        .arg(root)
        .args(BUILD)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Long enough for an unlocked build to have finished several times over.
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "the build waits for the lock"
    );
    assert!(
        !root.join("build").exists(),
        "nothing written while waiting"
    );
    drop(held);
    let out = waiting.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("another sopdoc command is building or writing this project: waiting"),
        "{stderr}"
    );
    assert_same_tree(&tree(&root.join("build")), &expected, "the waiting build");

    // Two at once, on a project with changed sources: both succeed, one after the other.
    set_title(root, true);
    let revised = fresh_copy(&fixture("pdf-basic"));
    set_title(revised.path(), true);
    run_timed(revised.path(), BUILD);
    let expected = tree(&revised.path().join("build"));
    let children: Vec<_> = (0..2)
        .map(|_| command(root, BUILD).spawn().unwrap())
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    assert_same_tree(&tree(&root.join("build")), &expected, "two builds at once");
}
