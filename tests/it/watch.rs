//! `sopdoc watch` and `sopdoc serve`: the real binary on a temporary copy of a fixture,
//! edited while it runs. Every wait is bounded and polls; nothing asserts on a fixed sleep.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{TempProject, copy_dir, fixture, require_tool, sopdoc};

/// Generous: a debug build on a loaded two-core machine.
const WAIT: Duration = Duration::from_secs(90);

/// A running `sopdoc` whose stderr is collected; killed when dropped.
pub(crate) struct Running {
    child: Child,
    log: Arc<Mutex<String>>,
}

impl Running {
    fn start(root: &Path, args: &[&str]) -> Running {
        Running::start_with(root, args, &[])
    }

    pub(crate) fn start_with(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Running {
        let mut child = sopdoc()
            .envs(env.iter().copied())
            .arg("--project")
            .arg(root)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start sopdoc");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("stderr");
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        Running { child, log }
    }

    pub(crate) fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until `cond(log)` holds; panics with the log after [`WAIT`].
    pub(crate) fn wait_log(&mut self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        wait(what, || {
            let log = self.log();
            cond(&log).then_some(log)
        })
        .unwrap_or_else(|| {
            let status = self.child.try_wait().ok().flatten();
            panic!(
                "timed out waiting for {what} (exit status {status:?}); log:\n{}",
                self.log()
            )
        })
    }

    /// Number of cycle status lines so far.
    fn cycles(&self) -> usize {
        self.log().lines().filter(|l| l.contains(" → ")).count()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `f` every 50 ms until it returns `Some`, for at most [`WAIT`].
pub(crate) fn wait<T>(_what: &str, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if start.elapsed() > WAIT {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Waits until the file at `path` satisfies `cond`.
fn wait_file(run: &Running, path: &Path, what: &str, cond: impl Fn(&str) -> bool) -> String {
    wait(what, || {
        let text = read(path);
        cond(&text).then_some(text)
    })
    .unwrap_or_else(|| {
        panic!(
            "timed out waiting for {what} in {}; log:\n{}",
            path.display(),
            run.log()
        )
    })
}

fn project() -> TempProject {
    let p = TempProject::empty();
    copy_dir(&fixture("html-basic"), p.root());
    p
}

fn append(path: &Path, text: &str) {
    let mut s = read(path);
    s.push_str(text);
    std::fs::write(path, s).unwrap();
}

fn replace(path: &Path, from: &str, to: &str) {
    let s = read(path);
    assert!(s.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, s.replace(from, to)).unwrap();
}

/// Saves like vim and many editors: write a new file beside, then rename it over.
fn save_by_rename(path: &Path, text: &str) {
    let tmp: PathBuf = path.with_extension("md.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn watch_rebuilds_a_saved_chapter_and_keeps_the_last_good_output() {
    let p = project();
    let root = p.root();
    let chapter = root.join("sop-sources/sop-01/fr/02-roles.md");
    let page = root.join("build/html/fr/sop-01/02-roles.html");
    let mut run = Running::start(root, &["watch"]);
    run.wait_log("the initial build", |l| l.contains("initial build"));
    assert!(page.is_file(), "log:\n{}", run.log());

    // An edit shows up in the HTML, and only the edited document is rendered again.
    append(
        &chapter,
        "\nUn paragraphe ajouté pendant la surveillance.\n",
    );
    wait_file(&run, &page, "the edit", |t| {
        t.contains("Un paragraphe ajouté pendant la surveillance.")
    });
    let log = run.wait_log("the status line", |l| l.contains("02-roles.md →"));
    let status = log.lines().find(|l| l.contains("02-roles.md →")).unwrap();
    assert!(
        status.contains("sop-01 (fr)") && !status.contains("whole site"),
        "{status}"
    );
    assert!(status.contains("0 errors"), "{status}");

    // A save with an error: diagnostics printed, nothing written, the page stays.
    append(&chapter, "\nVoir [](#introuvable).\n");
    let log = run.wait_log("the error", |l| l.contains("nothing written"));
    assert!(log.contains("error[xref/unknown-target]"), "{log}");
    assert!(log.contains("sop-sources/sop-01/fr/02-roles.md"), "{log}");
    let kept = read(&page);
    assert!(kept.contains("Un paragraphe ajouté pendant la surveillance."));
    assert!(!kept.contains("introuvable"));

    // Fixed: the output follows again.
    replace(&chapter, "Voir [](#introuvable).", "Le lien est corrigé.");
    wait_file(&run, &page, "the fix", |t| {
        t.contains("Le lien est corrigé.")
    });

    // The PDF follows the HTML, in the background.
    let pdf = root.join("build/pdf/sop-01-fr.pdf");
    wait("the PDF", || pdf.is_file().then_some(()))
        .unwrap_or_else(|| panic!("no PDF; log:\n{}", run.log()));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}

#[test]
fn watch_follows_renumbering_into_other_documents_and_rename_saves() {
    let p = project();
    let root = p.root();
    let retour = root.join("sop-sources/sop-02/fr/01-retour.md");
    let citing = root.join("build/html/fr/sop-01/01-objet.html");
    let mut run = Running::start(root, &["watch", "--no-pdf"]);
    run.wait_log("the initial build", |l| l.contains("initial build"));
    assert!(
        read(&citing).contains("PSO 2, section 1"),
        "sop-01 cites `sop-02#retour` as section 1 before the edit"
    );
    let before = run.cycles();

    // Editor droppings never trigger a rebuild.
    let dir = root.join("sop-sources/sop-02/fr");
    std::fs::write(dir.join("4913"), "").unwrap();
    std::fs::write(dir.join(".01-retour.md.swp"), "x").unwrap();
    std::fs::write(dir.join("01-retour.md~"), "x").unwrap();

    // A new chapter heading in sop-02 renumbers `retour`: sop-01, which cites it, is
    // rendered again although none of its files changed. Saved by rename, as vim does.
    let text = format!(
        "# Avant-propos {{#avant-propos}}\n\nTexte.\n\n{}",
        read(&retour)
    );
    save_by_rename(&retour, &text);
    wait_file(&run, &citing, "the renumbered reference", |t| {
        t.contains("PSO 2, section 2")
    });
    let log = run.wait_log("the status line", |l| l.contains("01-retour.md →"));
    let status = log.lines().find(|l| l.contains("01-retour.md →")).unwrap();
    assert!(
        status.contains("sop-01 (fr)") && status.contains("sop-02 (fr)"),
        "{status}"
    );
    assert!(!status.contains("whole site"), "{status}");
    assert_eq!(run.cycles(), before + 1, "one rebuild only; log:\n{log}");

    // A new chapter file is picked up (a full reload)…
    std::fs::write(dir.join("02-suivi.md"), "# Suivi {#suivi}\n\nDu texte.\n").unwrap();
    let page = root.join("build/html/fr/sop-02/02-suivi.html");
    wait_file(&run, &page, "the new chapter", |t| t.contains("Suivi"));
    // …and its page goes with it.
    std::fs::remove_file(dir.join("02-suivi.md")).unwrap();
    wait("the page to go", || (!page.exists()).then_some(()))
        .unwrap_or_else(|| panic!("stale page kept; log:\n{}", run.log()));
}

/// A raw HTTP/1.1 request (no client-side path normalisation): status, headers, body.
pub(crate) fn http(addr: &str, path: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head, buf[split + 4..].to_vec())
}

#[test]
fn serve_serves_the_site_refuses_traversal_and_pushes_reloads() {
    let p = project();
    let root = p.root();
    let mut run = Running::start(root, &["serve", "--port", "0", "--no-pdf"]);
    let log = run.wait_log("the address", |l| l.contains("serving http://"));
    let addr = log
        .split("serving http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap()
        .to_string();
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    run.wait_log("the initial build", |l| l.contains("initial build"));

    // A page, with the live-reload script injected (not on disk).
    let (status, head, body) = http(&addr, "/fr/sop-01/02-roles.html");
    assert_eq!(status, 200, "{head}");
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    let body = String::from_utf8(body).unwrap();
    assert!(body.contains("/__sopdoc/live.js"));
    assert!(!read(&root.join("build/html/fr/sop-01/02-roles.html")).contains("__sopdoc"));
    let (status, head, _) = http(&addr, "/assets/sopdoc.css");
    assert_eq!(status, 200);
    assert!(head.contains("text/css"), "{head}");
    let (status, _, _) = http(&addr, "/");
    assert_eq!(status, 200);

    // Nothing outside build/html (and build/pdf).
    std::os::unix::fs::symlink(root.join("sopdoc.yaml"), root.join("build/html/leak.yaml"))
        .unwrap();
    for path in [
        "/../sopdoc.yaml",
        "/../../sopdoc.yaml",
        "/%2e%2e/sopdoc.yaml",
        "/%2E%2E/%2E%2E/sopdoc.yaml",
        "/fr/..%2f..%2fsopdoc.yaml",
        "/..%5c..%5csopdoc.yaml",
        "/pdf/../../sopdoc.yaml",
        "//etc/passwd",
        "/leak.yaml",
        "/fr/%00",
    ] {
        let (status, _, body) = http(&addr, path);
        assert!(status == 403 || status == 404, "{path} answered {status}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains("languages:") && !body.contains("root:"),
            "{path} leaked"
        );
    }

    // The event stream: a reload after an edit, the diagnostics of a broken save, then
    // none once fixed.
    let mut events = TcpStream::connect(&addr).unwrap();
    events.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        events,
        "GET /__sopdoc/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let stream = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&stream);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = events.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let seen = |needle: &str| {
        let stream = Arc::clone(&stream);
        let needle = needle.to_string();
        wait(&needle.clone(), move || {
            stream.lock().unwrap().contains(&needle).then_some(())
        })
        .is_some()
    };
    assert!(seen("event: diagnostics\ndata: []"), "initial state");
    let chapter = root.join("sop-sources/sop-01/fr/02-roles.md");
    append(&chapter, "\nUne phrase servie en direct.\n");
    assert!(seen("event: reload"), "log:\n{}", run.log());
    let (_, _, body) = http(&addr, "/fr/sop-01/02-roles.html");
    assert!(String::from_utf8_lossy(&body).contains("Une phrase servie en direct."));

    append(&chapter, "\nVoir [](#introuvable).\n");
    assert!(seen("xref/unknown-target"), "log:\n{}", run.log());
    let at = stream.lock().unwrap().len();
    replace(&chapter, "Voir [](#introuvable).", "Corrigé.");
    let stream2 = Arc::clone(&stream);
    wait("the cleared diagnostics", move || {
        let s = stream2.lock().unwrap();
        s[at..].contains("data: []").then_some(())
    })
    .unwrap_or_else(|| panic!("diagnostics not cleared; log:\n{}", run.log()));
}

/// A headless browser in its own process group, killed with all its helpers on drop.
struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn open(exe: &Path, url: &str) -> Browser {
        use std::os::unix::process::CommandExt;
        let profile = tempfile::tempdir().unwrap();
        let child = std::process::Command::new(exe)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        Browser {
            child,
            _profile: profile,
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // The browser's helper processes share its process group.
        let _ = std::process::Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn served_page_reloads_itself_in_a_real_browser() {
    // Debian's Chromium (scripts/install-test-deps.sh installs it).
    let Some(exe) = require_tool(&["chromium", "chromium-browser"]) else {
        return;
    };
    let p = project();
    let root = p.root();
    let mut run = Running::start_with(
        root,
        &["serve", "--port", "0", "--no-pdf"],
        &[("SOPDOC_SERVE_LOG", "1")],
    );
    let log = run.wait_log("the address", |l| l.contains("serving http://"));
    let url = log
        .split("serving ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap()
        .to_string();
    run.wait_log("the initial build", |l| l.contains("initial build"));
    let page = "GET /fr/sop-01/02-roles.html 200";
    let _browser = Browser::open(&exe, &format!("{url}fr/sop-01/02-roles.html"));
    // The page is loaded and listening.
    run.wait_log("the page and its event stream", |l| {
        l.contains(page) && l.contains("GET /__sopdoc/events 200")
    });
    let loads = |l: &str| l.lines().filter(|x| x.contains(page)).count();
    let first = loads(&run.log());
    append(
        &root.join("sop-sources/sop-01/fr/02-roles.md"),
        "\nUne phrase vue dans le navigateur.\n",
    );
    // The browser asks for the page again by itself.
    run.wait_log("the reload", |l| loads(l) > first);
}

#[test]
fn watch_keeps_a_translation_with_errors_and_follows_the_manifest() {
    let p = project();
    let root = p.root();
    let en_page = root.join("build/html/en/sop-01/02-roles.html");
    let mut run = Running::start(root, &["watch", "--no-pdf"]);
    run.wait_log("the initial build", |l| l.contains("initial build"));
    let en_before = read(&en_page);
    assert!(!en_before.is_empty());

    // An error in the English translation holds back only its pages, which stay.
    let en = root.join("sop-sources/sop-01/en/02-roles.md");
    append(&en, "\nSee [](#nowhere).\n");
    let log = run.wait_log("the English error", |l| l.contains("02-roles.md →"));
    let status = log.lines().find(|l| l.contains("02-roles.md →")).unwrap();
    assert!(status.contains("1 error"), "{status}");
    assert_eq!(
        read(&en_page),
        en_before,
        "the last good English page stays"
    );

    // The manifest: everything is reloaded and the landing page follows.
    replace(
        &root.join("sopdoc.yaml"),
        "Procédures de test",
        "Procédures révisées",
    );
    wait_file(
        &run,
        &root.join("build/html/index.html"),
        "the new title",
        |t| t.contains("Procédures révisées"),
    );
    assert_eq!(read(&en_page), en_before, "still held back");

    // Fixed: the English pages follow again.
    replace(&en, "See [](#nowhere).", "See the committee.");
    wait_file(&run, &en_page, "the English fix", |t| {
        t.contains("See the committee.")
    });
}

#[test]
fn watch_survives_an_image_claiming_billions_of_pixels() {
    let p = project();
    let root = p.root();
    let chapter = root.join("sop-sources/sop-01/fr/02-roles.md");
    let page = root.join("build/html/fr/sop-01/02-roles.html");
    let mut run = Running::start(root, &["watch"]);
    run.wait_log("the initial build", |l| l.contains("initial build"));
    let before = read(&page);
    // A 200000 × 200000 PNG header: decoding it would need 160 GB.
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    png.extend(200_000u32.to_be_bytes());
    png.extend(200_000u32.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    p.write_bytes("sop-sources/sop-01/fr/bomb.png", &png);
    append(&chapter, "\n![Circuit](bomb.png)\n");
    let log = run.wait_log("the refusal", |l| l.contains("error[pdf/image]"));
    assert!(log.contains("02-roles.md"), "{log}");
    run.wait_log("nothing written", |l| l.contains("nothing written"));
    assert!(
        run.child.try_wait().unwrap().is_none(),
        "watch is still running"
    );
    assert_eq!(read(&page), before, "the last good page stays");
    // Fixed: the output follows again.
    replace(&chapter, "![Circuit](bomb.png)", "Sans image.");
    wait_file(&run, &page, "the fix", |t| t.contains("Sans image."));
}

#[test]
fn watch_does_not_reprint_unchanged_warnings_on_every_save() {
    let p = project();
    let root = p.root();
    let chapter = root.join("sop-sources/sop-01/fr/02-roles.md");
    let mut run = Running::start(root, &["watch", "--no-pdf"]);
    run.wait_log("the initial build", |l| l.contains("initial build"));
    append(&chapter, "\nLa personne est-elle mineure?\n");
    run.wait_log("the warning", |l| {
        l.contains("espace-ponctuation-haute") && l.contains("02-roles.md →")
    });
    let cycles = run.cycles();
    append(&chapter, "\nUn autre paragraphe sans faute.\n");
    let log = run.wait_log("the next save", |l| {
        l.lines().filter(|l| l.contains(" → ")).count() > cycles
    });
    assert_eq!(
        log.matches("warning[typo/fr/espace-ponctuation-haute]")
            .count(),
        1,
        "printed once, not on every save:\n{log}"
    );
    let last = log.lines().rfind(|l| l.contains(" → ")).unwrap();
    assert!(last.contains("unchanged, not repeated"), "{last}");
    replace(&chapter, "mineure?", "mineure\u{202F}?");
    let log = run.wait_log("the fix", |l| l.contains("1 fixed"));
    assert_eq!(
        log.matches("warning[typo/fr/espace-ponctuation-haute]")
            .count(),
        1,
        "{log}"
    );
}

/// A document folder moved out of the project (one event, for the folder alone) or
/// deleted: watch rebuilds at once and its pages go; moved back, they return.
#[test]
fn watch_notices_a_document_folder_moved_away_or_deleted() {
    let p = project();
    let root = p.root();
    p.write(
        "sop-sources/sop-03/document.yaml",
        &crate::common::document_yaml("sop-03"),
    );
    p.write(
        "sop-sources/sop-03/fr/01-objet.md",
        "# Objet du troisième {#objet-trois}\n\nUn texte bref.\n",
    );
    let page = root.join("build/html/fr/sop-03/01-objet.html");
    let mut run = Running::start(root, &["watch", "--no-pdf"]);
    run.wait_log("the initial build", |l| l.contains("initial build"));
    assert!(page.is_file(), "log:\n{}", run.log());

    let outside = tempfile::tempdir_in(root.parent().unwrap()).unwrap();
    let moved = outside.path().join("sop-03");
    std::fs::rename(root.join("sop-sources/sop-03"), &moved).unwrap();
    wait("the pages of the moved document to go", || {
        (!page.exists()).then_some(())
    })
    .unwrap_or_else(|| panic!("the page stays; log:\n{}", run.log()));
    assert!(
        !read(&root.join("build/html/fr/index.html")).contains("sop-03/"),
        "the site index no longer lists it"
    );

    std::fs::rename(&moved, root.join("sop-sources/sop-03")).unwrap();
    wait("the pages to return", || page.is_file().then_some(()))
        .unwrap_or_else(|| panic!("no page; log:\n{}", run.log()));

    std::fs::remove_dir_all(root.join("sop-sources/sop-03")).unwrap();
    wait("the pages of the deleted document to go", || {
        (!page.exists()).then_some(())
    })
    .unwrap_or_else(|| panic!("the page stays; log:\n{}", run.log()));
}
