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
    t.paragraphs
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
                for (id, (number, _, _)) in comments.iter().enumerate() {
                    let at = text
                        .find(&format!(">{number}</w:t>"))
                        .expect("the review number is printed");
                    let p_start = text[..at].rfind("<w:p ").unwrap();
                    let ppr_end = p_start + text[p_start..].find("</w:pPr>").unwrap() + 8;
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

#[test]
fn libreoffice_reads_the_word_export_without_repair() {
    let Some(soffice) = require_tool(&["soffice"]) else {
        return;
    };
    let dir = copy_fixture();
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
        "Annexe A — Contributions du Comité",
    ] {
        assert!(text.contains(expected), "`{expected}` missing in {text}");
    }
}
