//! What an outside attack found at scale and at the edges (issue 17): each finding has a
//! test here that feeds the hostile input to the real binary and checks that sopdoc stays
//! correct, bounded and clear.

use std::fmt::Write as _;
use std::path::Path;

use crate::common::{TempProject, document_yaml};

const CHAPTER: &str = "sop-sources/sop-01/fr/01-objet.md";

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// One chapter with 100 000 notes: numbering and rendering them was quadratic (40 000
/// notes took 7 s to check, 80 000 took 33 s, 186 000 about three minutes). Linear now, so
/// this test takes a few seconds; a quadratic pass would make it take minutes.
#[test]
fn a_chapter_with_100k_footnotes_checks_and_renders_with_every_number() {
    let n = 100_000;
    let p = TempProject::minimal();
    let mut text = String::from("# Objet {#objet}\n\n");
    for i in 0..n {
        let _ = writeln!(text, "x[^{i}]\n");
    }
    // Defined in reverse order: numbers follow the marks, not the definitions.
    for i in (0..n).rev() {
        let _ = writeln!(text, "[^{i}]: Note {i}.");
    }
    assert!(text.len() < 4 << 20, "under the file size limit");
    p.write(CHAPTER, &text);
    let out = p.run(&["build", "--format", "html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(p.root().join("build/html/fr/sop-01/01-objet.html"))
        .expect("chapter page");
    assert!(html.contains("<li id=\"fn-100000\" value=\"100000\">Note 99999."));
    assert!(html.contains("<li id=\"fn-1\" value=\"1\">Note 0."));
    assert_eq!(html.matches("class=\"fnref\"").count(), n);
}

/// A document of many small chapters: every chapter page carried the whole navigation, so
/// 4 000 chapters made 2.6 GB of HTML. A page now lists its 51 neighbours and links to the
/// contents page for the rest, so its size does not grow with the number of chapters.
#[test]
fn chapter_pages_do_not_grow_with_the_number_of_chapters() {
    let largest_page = |chapters: usize| {
        let p = TempProject::minimal();
        std::fs::remove_file(p.root().join(CHAPTER)).unwrap();
        for i in 1..=chapters {
            p.write(
                &format!("sop-sources/sop-01/fr/{i:04}-c.md"),
                &format!("# Chapitre {i} {{#c{i}}}\n\nTexte.\n\n## Partie {{#p{i}}}\n\nEncore.\n"),
            );
        }
        let out = p.run(&["build", "--format", "html"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let dir = p.root().join("build/html/fr/sop-01");
        let middle = std::fs::read_to_string(dir.join(format!("{:04}-c.html", chapters / 2)))
            .expect("middle chapter page");
        let index = std::fs::read_to_string(dir.join("index.html")).expect("contents page");
        (
            std::fs::read_dir(&dir)
                .unwrap()
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().ends_with("-c.html"))
                .map(|e| e.metadata().unwrap().len())
                .max()
                .unwrap(),
            middle,
            index,
        )
    };
    let (small, ..) = largest_page(60);
    let (large, middle, index) = largest_page(600);
    assert!(
        large < small + small / 10,
        "a chapter page of a 600-chapter document is {large} bytes, of a 60-chapter one {small}"
    );
    // The page lists its neighbours, marks itself, and links to the full contents.
    assert!(middle.contains("aria-current=\"page\""));
    assert!(middle.contains("0300-c.html") && middle.contains("0275-c.html"));
    assert!(!middle.contains("0001-c.html") && !middle.contains("0600-c.html"));
    assert!(middle.contains("<a href=\"index.html\">… Table des matières</a>"));
    // The contents page still lists every chapter.
    assert!(index.contains("0001-c.html") && index.contains("0600-c.html"));
}

// ---------------------------------------------------------------- review import

const MATRIX: &str = "sop-sources/sop-01/comments.yaml";

/// The review fixture with its Word copy built; returns the folder and the copy's bytes.
fn review_project() -> (tempfile::TempDir, Vec<u8>) {
    let dir = crate::review::copy_fixture();
    let out = crate::common::sopdoc()
        .arg("--project")
        .arg(dir.path())
        .args(["build", "--format", "docx"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let docx = std::fs::read(dir.path().join("build/docx/sop-01-fr.docx")).unwrap();
    (dir, docx)
}

fn run_in(root: &Path, args: &[&str]) -> std::process::Output {
    crate::common::sopdoc()
        .arg("--project")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

/// Rewrites one part of a zip archive (a Word file) with `edit`.
fn edit_part(docx: &[u8], part: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let mut found = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == part {
            found = true;
            data = edit(&String::from_utf8(data).unwrap()).into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    assert!(found, "{part} is in the Word file");
    out.finish().unwrap().into_inner()
}

#[test]
fn a_huge_comment_is_refused_before_the_matrix_is_written() {
    let (dir, docx) = review_project();
    let before = std::fs::read(dir.path().join(MATRIX)).unwrap();
    let huge = "Très long commentaire. ".repeat(250_000);
    let commented =
        crate::review::comment_in_word(&docx, &[("1.1-2", "Awa Diallo", huge.as_str())]);
    let file = dir.path().join("commentaires.docx");
    std::fs::write(&file, commented).unwrap();
    let out = run_in(dir.path(), &["review", "import", file.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("comment 1 of the Word file (by Awa Diallo, on paragraph 1.1-2) is 5.7 MiB"),
        "{err}"
    );
    assert!(err.contains("Nothing was imported."), "{err}");
    assert!(!err.contains("internal error"), "{err}");
    assert_eq!(std::fs::read(dir.path().join(MATRIX)).unwrap(), before);
    // The project still builds.
    let out = run_in(dir.path(), &["build", "--format", "html"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_broken_matrix_holds_back_only_its_own_document() {
    let p = TempProject::minimal();
    p.write("sop-sources/sop-02/document.yaml", &document_yaml("sop-02"));
    p.write(
        "sop-sources/sop-02/fr/01-objet.md",
        "# Objet {#objet}\n\nUn autre texte.\n",
    );
    // Too large to read, as an import without checks used to write.
    let mut matrix = String::from("comments:\n");
    while matrix.len() < 5 << 20 {
        matrix.push_str("  - number: 1\n    paragraph: \"1-1\"\n    reviewer: A\n    institution: X\n    comment: \"Un commentaire.\"\n");
    }
    p.write("sop-sources/sop-01/comments.yaml", &matrix);
    let out = p.run(&["build", "--format", "html"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error[parse/too-large]"), "{err}");
    assert!(err.contains("comments.yaml"), "{err}");
    assert!(
        p.root().join("build/html/fr/sop-02/index.html").is_file(),
        "{err}"
    );
    assert!(!p.root().join("build/html/fr/sop-01").exists(), "{err}");
}

#[test]
fn a_word_file_naming_a_path_as_its_document_is_refused() {
    let (dir, docx) = review_project();
    let before = std::fs::read(dir.path().join(MATRIX)).unwrap();
    let commented = crate::review::comment_in_word(&docx, &[("1.1-2", "Awa Diallo", "Préciser.")]);
    for bad in [
        "../../sop-01/fr",
        "sop-01/../fr",
        "..%2Fsop-01/fr",
        "sop-01/fr/x",
    ] {
        let edited = edit_part(&commented, "docProps/custom.xml", |xml| {
            assert!(xml.contains(">sop-01/fr<"), "{xml}");
            xml.replace(">sop-01/fr<", &format!(">{bad}<"))
        });
        let file = dir.path().join("commentaires.docx");
        std::fs::write(&file, edited).unwrap();
        let out = run_in(dir.path(), &["review", "import", file.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{bad}: {err}");
        assert!(
            err.contains("malformed sopdoc-source property"),
            "{bad}: {err}"
        );
        assert_eq!(std::fs::read(dir.path().join(MATRIX)).unwrap(), before);
    }
}

#[test]
fn line_breaks_and_tabs_in_a_word_comment_separate_words() {
    let (dir, docx) = review_project();
    let commented = crate::review::comment_in_word(
        &docx,
        &[(
            "1.1-2",
            "Awa Diallo",
            "Premier</w:t><w:br/><w:t>second</w:t><w:tab/><w:t>troisième",
        )],
    );
    let file = dir.path().join("commentaires.docx");
    std::fs::write(&file, commented).unwrap();
    let out = run_in(dir.path(), &["review", "import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let matrix = std::fs::read_to_string(dir.path().join(MATRIX)).unwrap();
    assert!(
        matrix.contains("comment: \"Premier\\nsecond troisième\""),
        "{matrix}"
    );
}

// ---------------------------------------------------------------- serve

/// A raw request on a fresh connection; the status of the answer.
fn status_of(addr: &str, request: &[u8]) -> u16 {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    s.write_all(request).unwrap();
    let mut head = [0u8; 12];
    s.read_exact(&mut head).unwrap();
    String::from_utf8_lossy(&head[9..12]).parse().unwrap_or(0)
}

#[test]
fn serve_answers_loopback_names_only_and_is_not_locked_out_by_slow_clients() {
    use crate::watch::{Running, http, wait};
    use std::io::Write;
    let p = TempProject::minimal();
    let mut run = Running::start_with(
        p.root(),
        &["serve", "--port", "0", "--no-pdf"],
        &[("SOPDOC_SERVE_LOG", "1")],
    );
    let log = run.wait_log("the address", |l| l.contains("serving http://"));
    let addr = log
        .split("serving http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap()
        .to_string();
    run.wait_log("the initial build", |l| l.contains("initial build"));
    let port = addr.rsplit(':').next().unwrap();

    // DNS rebinding: another site's name is refused, loopback names answered.
    for (host, expected) in [
        ("evil.example".to_string(), 421),
        (format!("evil.example:{port}"), 421),
        (format!("127.0.0.1.nip.io:{port}"), 421),
        (format!("localhost:{port}"), 200),
        (format!("127.0.0.1:{port}"), 200),
        (format!("[::1]:{port}"), 200),
    ] {
        let request = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        assert_eq!(
            status_of(&addr, request.as_bytes()),
            expected,
            "Host: {host}"
        );
    }

    // Control characters in a request path reach the log escaped.
    status_of(
        &addr,
        b"GET /\x1b[2J\xe2\x80\xaeevil HTTP/1.1\r\nHost: localhost\r\n\r\n",
    );
    let log = run.wait_log("the escaped path", |l| {
        l.contains("<U+001B>[2J<U+202E>evil")
    });
    assert!(
        !log.contains('\x1b') && !log.contains('\u{202E}'),
        "{log:?}"
    );

    // Twenty live-reload streams: sixteen are served, the rest refused, and ordinary
    // requests still get through.
    let mut streams = Vec::new();
    let mut refused = 0;
    for _ in 0..20 {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        s.write_all(b"GET /__sopdoc/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
            .unwrap();
        let mut head = [0u8; 12];
        std::io::Read::read_exact(&mut s, &mut head).unwrap();
        match &head[9..12] {
            b"200" => streams.push(s),
            b"503" => refused += 1,
            other => panic!("unexpected status {other:?}"),
        }
    }
    assert_eq!((streams.len(), refused), (16, 4));
    assert_eq!(http(&addr, "/").0, 200);

    // Sixty-four clients that connect and send nothing fill every slot; they are dropped
    // after the head deadline and the preview answers again.
    let idle: Vec<_> = (0..64)
        .map(|_| std::net::TcpStream::connect(&addr).unwrap())
        .collect();
    let answered = wait("the preview to answer again", || {
        let status = status_of(&addr, b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        (status == 200).then_some(status)
    });
    assert_eq!(answered, Some(200), "{}", run.log());
    drop(idle);
    drop(streams);
}

// ---------------------------------------------------------------- terminal and links

#[test]
fn control_and_bidi_characters_from_sources_never_reach_the_terminal_raw() {
    let p = TempProject::minimal();
    p.write(
        CHAPTER,
        "# Objet {#objet}\n\nVoir [ici](#abc\u{202E}cba) et note[^a\u{1b}]0;pwned\u{7}b].\n",
    );
    for format in ["human", "short"] {
        let out = p.run(&["check", "--format", format]);
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(out.status.code(), Some(1), "{all}");
        assert!(all.contains("xref/"), "{all}");
        for raw in ['\u{202E}', '\u{1b}', '\u{7}'] {
            assert!(!all.contains(raw), "{format}: raw {raw:?} in {all:?}");
        }
        assert!(all.contains("<U+202E>"), "{format}: {all}");
        assert!(all.contains("`[^a<U+001B>]`"), "{format}: {all}");
    }
}

#[test]
fn a_protocol_relative_link_is_not_a_link_in_html_or_pdf() {
    let p = TempProject::minimal();
    p.write(
        CHAPTER,
        "# Objet {#objet}\n\nVoir [j](//evil.example/x) et [k](https://iom.int/).\n",
    );
    let out = p.run(&["build", "--format", "html,pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html =
        std::fs::read_to_string(p.root().join("build/html/fr/sop-01/01-objet.html")).unwrap();
    assert!(!html.contains("href=\"//evil.example"), "{html}");
    assert!(html.contains("href=\"https://iom.int/\""), "{html}");
    let pdf = std::fs::read(p.root().join("build/pdf/sop-01-fr.pdf")).unwrap();
    let pdf = String::from_utf8_lossy(&pdf);
    assert!(
        !pdf.contains("evil.example"),
        "no link annotation to the host"
    );
    assert!(pdf.contains("iom.int"));
}

// ---------------------------------------------------------------- XLIFF targets

/// The translate fixture exported to XLIFF 2.0 and translated by script; returns the
/// project and the XLIFF text (written to `xliff/sop-01.en.xlf` by the caller).
fn translated_xliff(fixture: &str) -> (TempProject, String) {
    let p = TempProject::empty();
    crate::common::copy_dir(&crate::common::fixture(fixture), p.root());
    let _ = std::fs::remove_dir_all(p.root().join("sop-sources/sop-01/en"));
    let out = p.run(&["translate", "export", "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let x = std::fs::read_to_string(p.root().join("xliff/sop-01.en.xlf")).unwrap();
    (p, crate::translate::translate_by_script(&x))
}

fn import_xliff(p: &TempProject, xliff: &str) -> std::process::Output {
    let path = p.root().join("xliff/sop-01.en.xlf");
    std::fs::write(&path, xliff).unwrap();
    p.run(&["translate", "import", path.to_str().unwrap()])
}

/// 1-based line and column (in characters) of byte `at` of `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

/// NUL and other control characters in a target, raw or as a character reference, are
/// refused where they stand, and nothing is written (they used to land in the chapter,
/// which then failed to build).
#[test]
fn control_characters_in_an_xliff_target_are_refused_where_they_stand() {
    for (bad, code) in [
        ("\u{0}", "U+0000"),
        ("\u{7}", "U+0007"),
        ("&#x1B;", "U+001B"),
    ] {
        let (p, x) = translated_xliff("translate");
        let x = x.replacen(
            "<target>PORTÉE</target>",
            &format!("<target>POR{bad}TÉE</target>"),
            1,
        );
        let at = x.find(bad).unwrap();
        let out = import_xliff(&p, &x);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{bad:?}: {err}");
        assert!(err.contains("error[translate/xliff-malformed]"), "{err}");
        assert!(
            err.contains(&format!("the control character {code}")),
            "{err}"
        );
        let (line, col) = line_col(&x, at);
        assert!(
            err.contains(&format!("xliff/sop-01.en.xlf:{line}:{col}")),
            "{bad:?} at {line}:{col}: {err}"
        );
        assert!(err.contains("nothing was written"), "{err}");
        assert!(!p.root().join("sop-sources/sop-01/en").exists(), "{bad:?}");
    }
}

/// A registry that is a symbolic link is reported by name, not read and not skipped
/// silently (chapters: tests/it/world.rs).
#[cfg(unix)]
#[test]
fn a_symlinked_registry_is_reported() {
    let p = TempProject::minimal();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(
        elsewhere.path().join("glossary.yaml"),
        "terms:\n  - id: t1\n    term: {fr: \"Terme\", en: \"Term\"}\n    definition: {fr: \"Déf\", en: \"Def\"}\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        elsewhere.path().join("glossary.yaml"),
        p.root().join("sop-sources/glossary.yaml"),
    )
    .unwrap();
    let (out, _) = p.check_short();
    assert!(
        out.contains("sop-sources/glossary.yaml: warning[meta/symlink]"),
        "{out}"
    );
}
/// A footnote mark typed as text in a target (`[^zz]`) has no note and cannot be escaped
/// (a chapter reads it as a mark again): refused where it stands, nothing written. It used
/// to be written as is, and the translation then failed to build.
#[test]
fn a_footnote_mark_typed_in_an_xliff_target_is_refused() {
    let (p, x) = translated_xliff("translate");
    let x = x.replacen("<target>VOIR ", "<target>VOIR [^zz] ET ", 1);
    let at = x[..x.find("[^zz]").unwrap()].rfind("<target>").unwrap();
    let out = import_xliff(&p, &x);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the footnote mark `[^zz]` typed as text"),
        "{err}"
    );
    let (line, col) = line_col(&x, at);
    assert!(
        err.contains(&format!("xliff/sop-01.en.xlf:{line}:{col}")),
        "{line}:{col}: {err}"
    );
    assert!(!p.root().join("sop-sources/sop-01/en").exists());
}

/// A procedure text holding both `'` and `"` imports back into the procedure's YAML and
/// exports again as it was (every unit of the fence used to be reported as broken).
#[test]
fn a_procedure_text_with_both_quotes_round_trips_through_xliff() {
    let (p, x) = translated_xliff("procedures");
    let unit = x.find("<unit id=\"procedures.2.reperage.action\"").unwrap();
    let target = unit + x[unit..].find("<target>").unwrap() + "<target>".len();
    let said = "L'AGENT DIT \"STOP\" ET ";
    let mut x = x.clone();
    x.insert_str(target, said);
    let out = import_xliff(&p, &x);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("translate/broken-code"),
        "{}",
        stderr(&out)
    );
    let (check, _) = p.check_short();
    assert!(!check.contains(": error["), "{check}");
    // Exported again, the target carries the text as the translator wrote it.
    let out = p.run(&["translate", "export", "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let again = std::fs::read_to_string(p.root().join("xliff/sop-01.en.xlf")).unwrap();
    let unit = again
        .find("<unit id=\"procedures.2.reperage.action\"")
        .unwrap();
    let target = unit + again[unit..].find("<target>").unwrap() + "<target>".len();
    assert!(
        again[target..].starts_with(said),
        "{}",
        &again[unit..unit + 800]
    );
    // And an import of that export changes nothing.
    let before = std::fs::read(p.root().join("sop-sources/sop-01/en/01-procedures.md")).unwrap();
    let out = p.run(&[
        "translate",
        "import",
        p.root().join("xliff/sop-01.en.xlf").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(p.root().join("sop-sources/sop-01/en/01-procedures.md")).unwrap(),
        before
    );
}

/// The summary line's last number: infos (`0 errors, 2 warnings, 51 infos …`).
fn infos_in(summary: &str) -> usize {
    let line = summary
        .lines()
        .rev()
        .find(|l| l.contains(" infos"))
        .unwrap_or_else(|| panic!("no summary line in {summary}"));
    let before = &line[..line.find(" infos").unwrap()];
    before
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("no count in {line}"))
}

/// `build` shows no infos, so it counts them instead of building them (a large
/// collection's straight apostrophes alone took more memory than every other finding):
/// the count it prints is the one `check` shows, caps included; what the library's build
/// report holds has no info; `--doc` counts the other documents' hidden infos among the
/// problems it sets aside; and a rule switched off is neither built nor counted.
#[test]
fn hidden_infos_are_counted_exactly_as_check_shows_them() {
    let p = TempProject::minimal();
    let mut text = String::from("# Objet {#objet}\n\n");
    for i in 0..120 {
        // Two straight apostrophes a line: 240 findings, past the cap of 50 per file.
        writeln!(text, "L'article {i} s'applique.\n").unwrap();
    }
    p.write(CHAPTER, &text);
    p.write("sop-sources/sop-02/document.yaml", &document_yaml("sop-02"));
    p.write(
        "sop-sources/sop-02/fr/01-objet.md",
        "# Objet {#objet}\n\nL'objet d'une procédure.\n",
    );
    let shown = infos_in(&stderr(&p.run(&["check"])));
    // 50 shown and one "… and 190 more" line in the first file, two in the second.
    assert!(shown >= 53, "{shown}");
    let built = p.run(&["build", "--format", "html"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert_eq!(infos_in(&stderr(&built)), shown);

    let options = sopdoc::build::BuildOptions {
        formats: [sopdoc::build::Format::Html].into_iter().collect(),
        hide_infos: true,
        ..Default::default()
    };
    let report = sopdoc::build::build(p.root(), &options).unwrap();
    assert!(
        report
            .analysis
            .diagnostics
            .iter()
            .all(|d| d.severity != sopdoc::diag::Severity::Info)
    );
    let all = sopdoc::analyze(p.root(), false).unwrap();
    assert_eq!(report.analysis.summary(), all.summary());

    // Building one document: the other's infos are among the problems set aside.
    let one = p.run(&["build", "--format", "html", "--doc", "sop-02"]);
    let out = stderr(&one);
    let elsewhere = all
        .diagnostics
        .iter()
        .filter(|d| d.path(&all.sources).is_some_and(|f| f.contains("sop-01/")))
        .count();
    assert!(
        out.contains(&format!("{elsewhere} problems")),
        "expected {elsewhere} problems set aside: {out}"
    );

    p.write(
        "sopdoc.yaml",
        &format!(
            "{}rules:\n  typo/fr/apostrophe: \"off\"\n",
            crate::common::MANIFEST
        ),
    );
    let off = infos_in(&stderr(&p.run(&["check"])));
    assert!(off + 53 <= shown, "{off} of {shown}");
    assert_eq!(
        infos_in(&stderr(&p.run(&["build", "--format", "html"]))),
        off
    );
}
