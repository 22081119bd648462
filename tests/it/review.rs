//! Committee review: stable review numbers, review copies (HTML, PDF), the comments
//! matrix and its checks, the Word export and the import of Word comments.

use std::path::Path;

use crate::common::{copy_dir, fixture, require_tool, sopdoc};

/// (review number, text) of every numbered element of `sop-01` in French.
fn numbers(root: &Path) -> Vec<(String, String)> {
    let analysis = sopdoc::analyze(root, false).expect("analysis runs");
    let project = analysis.project.expect("project loads");
    let t = project
        .document("sop-01")
        .and_then(|d| d.translation("fr"))
        .expect("sop-01 in French");
    sopdoc::resolve::review_numbers(t)
        .list
        .iter()
        .map(|p| (p.number.clone(), p.text.clone()))
        .collect()
}

pub(crate) fn copy_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("review"), dir.path());
    dir
}

fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/install-test-deps.sh");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn review_numbers_follow_sections_and_survive_edits_elsewhere() {
    let dir = copy_fixture();
    let before = numbers(dir.path());
    let list: Vec<&str> = before.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        list,
        [
            "1-1", "1-2", // paragraphs of chapter 1
            "1.1-1", "1.1-2", "1.1-3", "1.1-4", "1.1-5", // paragraph, three items, a table
            "2-1", "2-2", "2-3", "2-4", // paragraph, two procedure steps, paragraph
        ]
    );
    assert_eq!(before[8].1, "Repérer une victime potentielle.");

    // A paragraph added to section 1 and an item added to 1.1 renumber nothing outside
    // those sections.
    let chapter = dir.path().join("sop-sources/sop-01/fr/01-objet.md");
    let text = std::fs::read_to_string(&chapter).unwrap();
    let text = text
        .replacen(
            "## Principes",
            "Un paragraphe ajouté en fin de section.\n\n## Principes",
            1,
        )
        .replacen("- ne pas nuire", "- agir vite\n- ne pas nuire", 1);
    std::fs::write(&chapter, text).unwrap();
    let after = numbers(dir.path());
    assert_eq!(after.len(), before.len() + 2);
    let find = |list: &[(String, String)], n: &str| {
        list.iter()
            .find(|(m, _)| m == n)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    };
    for n in ["1-1", "1-2", "2-1", "2-2", "2-3", "2-4", "1.1-1"] {
        assert_eq!(find(&before, n), find(&after, n), "{n} changed");
    }
    assert_eq!(
        find(&after, "1-3"),
        "Un paragraphe ajouté en fin de section."
    );
    assert_eq!(find(&after, "1.1-2"), "agir vite");
    assert_eq!(find(&after, "1.1-3"), find(&before, "1.1-2"));
}

#[test]
fn review_copies_print_the_same_numbers_in_html_and_pdf() {
    let dir = copy_fixture();
    let out = sopdoc()
        .arg("--project")
        .arg(dir.path())
        .args(["build", "--review"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let review = dir.path().join("build/review");
    // The publication is not touched by a review build.
    assert!(!dir.path().join("build/html").exists());
    let page = std::fs::read_to_string(review.join("html/fr/sop-01/01-objet.html")).unwrap();
    assert!(
        page.contains("<html lang=\"fr\" class=\"review\">"),
        "{page}"
    );
    assert!(page.contains("PROJET — pour commentaires"), "{page}");
    for n in ["1-1", "1-2", "1.1-1", "1.1-4", "1.1-5"] {
        assert!(
            page.contains(&format!("<span class=\"rv-no\">{n}</span>"))
                || page.contains(&format!("<span class=\"rv-no\" id=\"rv-{n}\">{n}</span>")),
            "{n} missing in {page}"
        );
    }
    let steps = std::fs::read_to_string(review.join("html/fr/sop-01/02-procedures.html")).unwrap();
    assert!(
        steps.contains("<span class=\"rv-step\" id=\"rv-2-3\">2-3</span>"),
        "{steps}"
    );
    let text = pdf_text(&review.join("pdf/sop-01-fr.pdf"));
    assert!(text.contains("PROJET — POUR COMMENTAIRES"), "{text}");
    for n in [
        "1-1", "1-2", "1.1-1", "1.1-4", "1.1-5", "2-1", "2-2", "2-3", "2-4",
    ] {
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with(&format!("{n} "))),
            "{n} missing in {text}"
        );
    }

    // An ordinary build prints no numbers.
    let out = sopdoc()
        .arg("--project")
        .arg(dir.path())
        .args(["build", "--format", "html"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let page =
        std::fs::read_to_string(dir.path().join("build/html/fr/sop-01/01-objet.html")).unwrap();
    assert!(!page.contains("rv-no"), "{page}");
    assert!(!page.contains("pour commentaires"));
}

fn check_short(root: &Path) -> (Vec<String>, i32) {
    let out = sopdoc()
        .arg("--project")
        .arg(root)
        .args(["check", "--format", "short"])
        .output()
        .unwrap();
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("[review/"))
        .map(str::to_string)
        .collect();
    (lines, out.status.code().unwrap_or(-1))
}

const MATRIX: &str = "sop-sources/sop-01/comments.yaml";

#[test]
fn the_matrix_is_checked_with_locations_in_the_yaml() {
    let dir = copy_fixture();
    // The fixture's own matrix is clean (one comment still pending: info only).
    let (lines, code) = check_short(dir.path());
    assert_eq!(code, 0, "{lines:?}");
    assert_eq!(
        lines,
        [format!(
            "{MATRIX}:18:13: info[review/undisposed]: comment 3 (Ministère de la Justice) has no disposition yet"
        )]
    );

    let matrix = concat!(
        "comments:\n",
        "  - number: 1\n",
        "    paragraph: \"1.1-9\"\n", // 3: orphaned, its excerpt is now 1.1-2
        "    reviewer: A\n",
        "    institution: X\n",
        "    comment: c\n",
        "    excerpt: ne pas nuire\n",
        "    disposition: rejected\n",
        "  - number: 1\n",          // 9: duplicate number
        "    paragraph: \"2-9\"\n", // 10: orphaned
        "    reviewer: B\n",
        "    institution: Y\n",
        "    comment: c\n",
        "    disposition: accepted\n",
    );
    std::fs::write(dir.path().join(MATRIX), matrix).unwrap();
    let out = sopdoc()
        .arg("--project")
        .arg(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let review: Vec<(String, String, u64, u64, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"].as_str().unwrap().starts_with("review/"))
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["hints"][0].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        review,
        [
            (
                "review/orphaned-comment".into(),
                MATRIX.into(),
                3,
                16,
                "its text now looks like paragraph `1.1-2`: update `paragraph:` if that is it"
                    .into()
            ),
            (
                "review/duplicate-number".into(),
                MATRIX.into(),
                9,
                13,
                "number the comments of the matrix 1, 2, 3, …".into()
            ),
            (
                "review/orphaned-comment".into(),
                MATRIX.into(),
                10,
                16,
                "did you mean `2-1` or `2-2`?".into()
            ),
        ]
    );
    assert_eq!(out.status.code(), Some(1));

    // A malformed matrix: one located error with a hint.
    std::fs::write(
        dir.path().join(MATRIX),
        "comments:\n  - number: 1\n    paragraph: \"1-1\"\n    reviewer: A\n    institution: X\n    comment: c\n    disposition: acepted\n",
    )
    .unwrap();
    let (lines, code) = check_short(dir.path());
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(&format!(
            "{MATRIX}:7:18: error[review/matrix]: unknown value `acepted`"
        )),
        "{lines:?}"
    );
}

#[test]
fn a_final_document_needs_every_comment_disposed() {
    let dir = copy_fixture();
    let meta = dir.path().join("sop-sources/sop-01/document.yaml");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(&meta, text.replace("status: review", "status: final")).unwrap();
    let (lines, code) = check_short(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [format!(
            "{MATRIX}:18:13: error[review/undisposed]: comment 3 (Ministère de la Justice) has no disposition yet"
        )]
    );
}

#[test]
fn the_contributions_annex_sums_up_the_matrix_in_html_and_pdf() {
    let dir = copy_fixture();
    let out = sopdoc()
        .arg("--project")
        .arg(dir.path())
        .args(["build"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(dir.path().join("build/html/fr/sop-01/contributions.html"))
        .unwrap();
    assert!(page.contains("Contributions du Comité"), "{page}");
    assert!(page.contains("Synthèse par suite donnée"), "{page}");
    assert!(page.contains("<td>Partiellement acceptée</td>"), "{page}");
    assert!(page.contains("<td>Ministère de la Justice</td>"), "{page}");
    let print =
        std::fs::read_to_string(dir.path().join("build/html/fr/sop-01/print.html")).unwrap();
    assert!(print.contains("Harmoniser les termes."));
    let text = pdf_text(&dir.path().join("build/pdf/sop-01-fr.pdf"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("ANNEXE A — CONTRIBUTIONS DU COMITÉ"),
        "{flat}"
    );
    assert!(flat.contains("Partiellement acceptée 1"), "{flat}");
    assert!(flat.contains("Ministère de la Justice 2"), "{flat}");
    assert!(flat.contains("En attente 1"), "{flat}");
    assert!(flat.contains("Total 3"), "{flat}");
    assert!(flat.contains("Harmoniser les termes."), "{flat}");
}

fn run(root: &Path, args: &[&str]) -> std::process::Output {
    sopdoc()
        .arg("--project")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

/// Adds Word comments to an exported review copy, as a member would in Word: a
/// comments part, its relationship, and a comment range in the paragraph that starts
/// with each review number.
pub(crate) fn comment_in_word(docx: &[u8], comments: &[(&str, &str, &str)]) -> Vec<u8> {
    let anchored: Vec<(String, &str, &str)> = comments
        .iter()
        .map(|(n, a, c)| (format!(">{n}</w:t>"), *a, *c))
        .collect();
    let anchored: Vec<(&str, &str, &str)> = anchored
        .iter()
        .map(|(n, a, c)| (n.as_str(), *a, *c))
        .collect();
    comment_on_text(docx, &anchored)
}

/// Like [`comment_in_word`], but each comment covers the whole paragraph (in the body or
/// in a table cell) whose XML holds the first occurrence of its anchor string: a member
/// commenting on a picture, a table cell or a line rather than on a review number.
pub(crate) fn comment_on_text(docx: &[u8], comments: &[(&str, &str, &str)]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if entry.is_dir() {
            continue;
        }
        let mut text = String::from_utf8_lossy(&data).into_owned();
        match name.as_str() {
            "word/document.xml" => {
                for (id, (anchor, _, _)) in comments.iter().enumerate() {
                    let at = text
                        .find(anchor)
                        .unwrap_or_else(|| panic!("`{anchor}` is in the Word copy"));
                    let p_start = text[..at].rfind("<w:p ").unwrap();
                    let ppr_end = p_start + text[p_start..].find("</w:pPr>").unwrap() + 8;
                    assert!(ppr_end < at, "the paragraph of `{anchor}` has properties");
                    let p_end = at + text[at..].find("</w:p>").unwrap();
                    let end = format!(
                        "<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>"
                    );
                    text.insert_str(p_end, &end);
                    text.insert_str(ppr_end, &format!("<w:commentRangeStart w:id=\"{id}\"/>"));
                }
            }
            "word/comments.xml" => {
                let mut xml = String::from(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
                );
                for (id, (_, author, comment)) in comments.iter().enumerate() {
                    xml.push_str(&format!(
                        "<w:comment w:id=\"{id}\" w:author=\"{author}\" w:date=\"2026-12-01T10:00:00Z\" w:initials=\"X\"><w:p><w:r><w:t>{comment}</w:t></w:r></w:p></w:comment>"
                    ));
                }
                xml.push_str("</w:comments>");
                text = xml;
            }
            "word/_rels/document.xml.rels" => {
                text = text.replace(
                    "</Relationships>",
                    "<Relationship Id=\"rId90\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/></Relationships>",
                );
            }
            _ => {
                out.start_file(name, options).unwrap();
                out.write_all(&data).unwrap();
                continue;
            }
        }
        out.start_file(name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn word_export_is_deterministic_and_comments_come_back_to_their_paragraphs() {
    let dir = copy_fixture();
    let out = run(dir.path(), &["build", "--format", "docx"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.path().join("build/docx/sop-01-fr.docx");
    let first = std::fs::read(&path).unwrap();
    let out = run(dir.path(), &["build", "--format", "docx"]);
    assert!(out.status.success());
    assert_eq!(
        first,
        std::fs::read(&path).unwrap(),
        "same sources, same bytes"
    );

    let matrix_path = dir.path().join(MATRIX);
    let before = std::fs::read_to_string(&matrix_path).unwrap();
    let commented = comment_in_word(
        &first,
        &[
            ("1.1-2", "Awa Diallo", "Préciser ce principe."),
            ("2-3", "Moussa Keita", "Quel délai ?"),
        ],
    );
    let file = dir.path().join("commentaires.docx");
    std::fs::write(&file, &commented).unwrap();
    let out = run(
        dir.path(),
        &[
            "review",
            "import",
            file.to_str().unwrap(),
            "--institution",
            "Ministère de la Justice",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("2 comments of sop-01 (fr) added"),
        "{stderr}"
    );
    let after = std::fs::read_to_string(&matrix_path).unwrap();
    assert!(
        after.starts_with(&before),
        "existing entries are kept as written"
    );
    let added = &after[before.len()..];
    assert!(added.contains("  - number: 4\n    paragraph: \"1.1-2\"\n    reviewer: \"Awa Diallo\"\n    institution: \"Ministère de la Justice\"\n    comment: \"Préciser ce principe.\"\n"), "{added}");
    assert!(added.contains("excerpt: \"• ne pas nuire"), "{added}");
    assert!(
        added.contains("  - number: 5\n    paragraph: \"2-3\"\n    reviewer: \"Moussa Keita\""),
        "{added}"
    );
    // The new entries are valid and pending.
    let (lines, code) = check_short(dir.path());
    assert_eq!(code, 0, "{lines:?}");
    assert_eq!(lines.len(), 3, "{lines:?}");

    // Importing the same file again adds nothing.
    let out = run(dir.path(), &["review", "import", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&matrix_path).unwrap(), after);
}

#[test]
fn a_corrupt_word_file_is_a_clear_error() {
    let dir = copy_fixture();
    let file = dir.path().join("bad.docx");
    std::fs::write(&file, b"PK\x03\x04 this is not a Word document").unwrap();
    let before = std::fs::read_to_string(dir.path().join(MATRIX)).unwrap();
    let out = run(dir.path(), &["review", "import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.docx"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join(MATRIX)).unwrap(),
        before
    );
}

/// What the `word_comments` fuzz target found: one byte changed inside a part of a Word
/// file (a copy altered on its way) made the Word reader panic on the part's checksum.
/// The file is refused as damaged, naming the part, without a panic, nothing written.
/// A part whose header claims more than the per-part limit is refused before anything
/// reserves that much memory.
#[test]
fn a_damaged_word_file_is_refused_without_a_panic() {
    let dir = copy_fixture();
    let out = run(dir.path(), &["build", "--format", "docx"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docx = std::fs::read(dir.path().join("build/docx/sop-01-fr.docx")).unwrap();
    let before = std::fs::read_to_string(dir.path().join(MATRIX)).unwrap();
    let import = |name: &str, bytes: &[u8]| {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let out = run(dir.path(), &["review", "import", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stderr.contains(name), "{stderr}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(MATRIX)).unwrap(),
            before
        );
        stderr
    };
    // One byte of the body's XML changed, as the fuzz target did: the part's data no
    // longer matches its checksum.
    let mut altered = docx.clone();
    let at = altered
        .windows(8)
        .position(|w| w == b"<w:body>")
        .expect("the review copy stores its body uncompressed")
        + 3;
    altered[at] = b'B';
    let err = import("altered.docx", &altered);
    assert!(err.contains("`word/document.xml`"), "{err}");
    assert!(err.contains("damaged"), "{err}");
    // A part whose central directory entry claims 2 GiB, past the 64 MiB limit.
    let mut claims = docx.clone();
    let cd = claims
        .windows(4)
        .rposition(|w| w == b"PK\x01\x02")
        .expect("a central directory");
    claims[cd + 24..cd + 28].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
    let err = import("claims.docx", &claims);
    assert!(err.contains("MiB"), "{err}");
    // Parts whose checksums hold but whose XML the Word reader does not expect (found by
    // rewriting parts of this copy at random): `[Content_Types].xml` with an element of
    // one attribute made the reader index past its attributes. A corrupt file, said
    // plainly, without the panic's message on the terminal.
    let odd = rewrite_part(&docx, "[Content_Types].xml", |xml| {
        xml.replacen(" Extension=\"png\"", "", 1)
    });
    let err = import("odd.docx", &odd);
    assert!(err.contains("corrupt"), "{err}");
    // A part that is not well-formed XML (an attribute value left open, an unknown
    // entity) made the Word reader loop for ever: refused first, naming the part. Run
    // with a deadline so that a regression fails instead of hanging the suite.
    for (part, from, to) in [
        ("word/styles.xml", "w:val=\"Normal\"", "w:val=\"Normal"),
        ("docProps/custom.xml", "<vt:lpwstr>", "<vt:lpwstr>&r"),
    ] {
        let bad = rewrite_part(&docx, part, |xml| xml.replacen(from, to, 1));
        let file = dir.path().join("loop.docx");
        std::fs::write(&file, &bad).unwrap();
        let mut child = sopdoc()
            .arg("--project")
            .arg(dir.path())
            .args(["review", "import", file.to_str().unwrap()])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while child.try_wait().unwrap().is_none() {
            if std::time::Instant::now() > deadline {
                child.kill().unwrap();
                panic!("`review import` still running after 30 s on a damaged {part}");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!("`{part}`")) && err.contains("damaged"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join(MATRIX)).unwrap(),
            before
        );
    }
}

/// `docx` with its part `name` rewritten by `edit` (checksums recomputed).
fn rewrite_part(docx: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let entry_name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if entry_name == name {
            let text = String::from_utf8(data).unwrap();
            let edited = edit(&text);
            assert_ne!(edited, text, "the edit changed nothing");
            data = edited.into_bytes();
        }
        out.start_file(entry_name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn libreoffice_reads_the_word_export_without_repair() {
    let Some(soffice) = require_tool(&["soffice"]) else {
        return;
    };
    let dir = review_fixture_with_everything();
    let out = run(dir.path(), &["build", "--format", "docx"]);
    assert!(out.status.success());
    let docx = dir.path().join("build/docx/sop-01-fr.docx");
    let profile = dir.path().join("lo-profile");
    let out = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .unwrap();
    let text = std::fs::read_to_string(dir.path().join("sop-01-fr.txt")).unwrap_or_else(|_| {
        panic!(
            "LibreOffice did not convert the export: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    for expected in [
        "PROJET — pour commentaires",
        "Identification et orientation",
        "1 Objet",
        "1-1\tCette procédure décrit l’identification des victimes.",
        "1.1-2\t• ne pas nuire",
        "Repérer une victime potentielle.",
        "Appui\u{a0}: OIM",
        "Fin\u{a0}: Dossier clos",
        "Procédure 2.1",
        "À VÉRIFIER\u{a0}72 heures",
        "Le représentant de l’OIM",
        "Annexe A — Contributions du Comité",
    ] {
        assert!(text.contains(expected), "`{expected}` missing in {text}");
    }
}

/// Unzips one part of a Word file as text.
fn docx_part(docx: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The fixture with what a reviewer of the PDF comments on beyond text: a procedure with
/// a pathway diagram, supporting actors, a decision and exits; a responsibility matrix;
/// a fact to verify; a signature block.
fn review_fixture_with_everything() -> tempfile::TempDir {
    let dir = copy_fixture();
    let chapter = dir.path().join("sop-sources/sop-01/fr/02-procedures.md");
    std::fs::write(
        &chapter,
        "# Procédures {#procedures}\n\n\
         La procédure suivante s’applique dans un délai de [72 heures](verify: \"Vérifier l’article 12\").\n\n\
         ```procedure\n\
         id: identification\n\
         title: Identification\n\
         steps:\n\
         \x20 - id: reperage\n\
         \x20   actor: police\n\
         \x20   support: [oim]\n\
         \x20   action: Repérer une victime potentielle.\n\
         \x20 - id: age\n\
         \x20   actor: das\n\
         \x20   decision: La personne est-elle mineure ?\n\
         \x20   branches: {oui: enfant, non: orientation}\n\
         \x20 - id: enfant\n\
         \x20   actor: das\n\
         \x20   action: Saisir le juge des enfants.\n\
         \x20   exit: Prise en charge par le juge\n\
         \x20 - id: orientation\n\
         \x20   actor: das\n\
         \x20   action: Orienter la personne vers les services.\n\
         \x20   exit: Dossier clos\n\
         ```\n\n\
         ```responsibilities\n\
         caption: Matrice des responsabilités\n\
         ```\n\n\
         ```signature\n\
         Le ministre de la Justice\n\
         Le représentant de l’OIM\n\
         ```\n",
    )
    .unwrap();
    dir
}

#[test]
fn the_word_copy_shows_what_the_pdf_shows_and_comments_on_each_element_come_back() {
    let dir = review_fixture_with_everything();
    let out = run(dir.path(), &["build", "--format", "docx"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.path().join("build/docx/sop-01-fr.docx");
    let docx = std::fs::read(&path).unwrap();
    let out = run(dir.path(), &["build", "--format", "docx"]);
    assert!(out.status.success());
    assert_eq!(
        docx,
        std::fs::read(&path).unwrap(),
        "same sources, same bytes"
    );

    // Review numbers of chapter 2: the paragraph, four steps, the pathway diagram (a
    // figure: it gets a number after the steps), the matrix, the signature block.
    let list: Vec<String> = numbers(dir.path()).into_iter().map(|(n, _)| n).collect();
    let chapter2: Vec<&str> = list
        .iter()
        .map(String::as_str)
        .filter(|n| n.starts_with("2-"))
        .collect();
    assert_eq!(
        chapter2,
        ["2-1", "2-2", "2-3", "2-4", "2-5", "2-6", "2-7", "2-8"]
    );

    let xml = docx_part(&docx, "word/document.xml");
    let text_of = |xml: &str| {
        let mut out = String::new();
        let mut rest = xml;
        while let Some(at) = rest.find("<w:t>").or_else(|| rest.find("<w:t ")) {
            let at = match (rest.find("<w:t>"), rest.find("<w:t ")) {
                (Some(a), Some(b)) => a.min(b),
                _ => at,
            };
            let open = at + rest[at..].find('>').unwrap() + 1;
            let close = open + rest[open..].find("</w:t>").unwrap();
            out.push_str(&rest[open..close]);
            rest = &rest[close..];
        }
        out
    };
    let words = text_of(&xml);
    // The date in words, not ISO.
    assert!(words.contains("28\u{a0}novembre\u{a0}2026"), "{words}");
    assert!(!words.contains("2026-11-28"), "{words}");
    // The full step table: supporting actors, branches, the end lines.
    for expected in [
        "Appui\u{a0}: OIM",
        "Si oui\u{a0}: ",
        "\u{a0}; si non\u{a0}: ",
        "étape 3",
        "Fin\u{a0}: ",
        "Prise en charge par le juge",
    ] {
        assert!(words.contains(expected), "`{expected}` missing in {words}");
    }
    // The matrix as a table: its header and its cells.
    assert!(words.contains("Procédure 2.1"), "{words}");
    assert!(words.contains("R\u{a0}2, 3, 4"), "{words}");
    assert!(words.contains("A\u{a0}1"), "{words}");
    // The fact to verify: tag and text highlighted.
    assert!(words.contains("À VÉRIFIER"), "{words}");
    let verify = xml.find("72 heures").unwrap();
    let run_start = xml[..verify].rfind("<w:r>").unwrap();
    assert!(
        xml[run_start..verify].contains("<w:highlight w:val=\"yellow\""),
        "{}",
        &xml[run_start..verify]
    );
    // Signature blocks: the parties and lines to fill in, no monospace font.
    assert!(words.contains("Le représentant de l’OIM"), "{words}");
    assert_eq!(
        xml.matches("w:leader=\"underscore\"").count(),
        8,
        "4 lines per party"
    );
    assert!(!xml.contains("Courier"), "no code block left");
    // The pathway diagram: a PNG picture with its description as alternative text.
    let rels = docx_part(&docx, "word/_rels/document.xml.rels");
    assert!(rels.contains("media/rIdImage1.png"), "{rels}");
    assert!(
        xml.contains("descr=\"Circuit\u{a0}: Identification. Étape 1, BMPE\u{a0}: Repérer une victime potentielle."),
        "{xml}"
    );
    assert!(
        words.contains("2-6Figure\u{a0}1. Circuit\u{a0}: Identification"),
        "{words}"
    );

    // A comment on each element comes back to its number.
    let matrix_path = dir.path().join(MATRIX);
    let before = std::fs::read_to_string(&matrix_path).unwrap();
    let commented = comment_on_text(
        &docx,
        &[
            ("<w:drawing>", "Awa Diallo", "Le schéma oublie le retour."),
            ("R\u{a0}2, 3, 4", "Awa Diallo", "Le SLDS fait trop."),
            ("si non\u{a0}: ", "Awa Diallo", "Et si l’âge est inconnu ?"),
            ("Appui\u{a0}: OIM", "Awa Diallo", "Et l’ONG ?"),
            ("À VÉRIFIER", "Awa Diallo", "C’est 48 heures."),
            (
                ">Fonction\u{a0}: </w:t>",
                "Awa Diallo",
                "Ajouter le cachet.",
            ),
        ],
    );
    let file = dir.path().join("commentaires.docx");
    std::fs::write(&file, &commented).unwrap();
    let out = run(dir.path(), &["review", "import", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let after = std::fs::read_to_string(&matrix_path).unwrap();
    let added = &after[before.len()..];
    for (paragraph, comment) in [
        ("2-6", "Le schéma oublie le retour."),
        ("2-7", "Le SLDS fait trop."),
        ("2-3", "Et si l’âge est inconnu ?"),
        ("2-2", "Et l’ONG ?"),
        ("2-1", "C’est 48 heures."),
        ("2-8", "Ajouter le cachet."),
    ] {
        assert!(
            added.contains(&format!(
                "paragraph: \"{paragraph}\"\n    reviewer: \"Awa Diallo\"\n    institution: \"\"\n    comment: \"{comment}\"\n"
            )),
            "{comment} should be on {paragraph}: {added}"
        );
    }
}

#[test]
fn review_copies_number_a_pathway_diagram_at_the_diagram() {
    let dir = review_fixture_with_everything();
    let out = run(dir.path(), &["build", "--review", "--format", "html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(
        dir.path()
            .join("build/review/html/fr/sop-01/02-procedures.html"),
    )
    .unwrap();
    let number = page
        .find("<span class=\"rv-no\">2-6</span>")
        .expect("the diagram's number is printed");
    let figure = page.find("<figure class=\"pathway\"").unwrap();
    let last_step = page.find("id=\"rv-2-5\"").unwrap();
    assert!(last_step < number && number < figure, "{page}");
}

#[test]
fn signature_blocks_print_as_lines_to_fill_in_on_the_site() {
    let dir = review_fixture_with_everything();
    let out = run(dir.path(), &["build", "--format", "html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(dir.path().join("build/html/fr/sop-01/02-procedures.html"))
        .unwrap();
    assert!(
        !page.contains("language-signature"),
        "not a code block: {page}"
    );
    assert!(
        page.contains("<p class=\"party\">Le ministre de la Justice</p>"),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"party\">Le représentant de l’OIM</p>"),
        "{page}"
    );
    assert_eq!(
        page.matches("<span class=\"fill-line\"></span>").count(),
        8,
        "{page}"
    );
    assert!(
        page.contains("Fonction\u{a0}:<span class=\"fill-line\">"),
        "{page}"
    );
}
