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
