//! Links to files of the project, as authors write them: percent-encoded names (French
//! file names have accents) and links to a chapter's Markdown file.

use crate::common::TempProject;

const CHAPTER: &str = "sop-sources/sop-01/fr/01-objet.md";

/// A 1 × 1 PNG.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0dIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82";

#[test]
fn percent_encoded_images_and_accented_chapter_files_resolve() {
    let p = TempProject::minimal();
    p.write_bytes("sop-sources/sop-01/fr/café.png", PNG);
    p.write(
        "sop-sources/sop-01/fr/02-annexe-été.md",
        "---\nannex: true\n---\n# Calendrier d’été {#calendrier}\n\nTexte.\n",
    );
    p.write(
        CHAPTER,
        "# Objet {#objet}\n\nVoir [le calendrier](02-annexe-%C3%A9t%C3%A9.md).\n\n![Carte du circuit](caf%C3%A9.png)\n",
    );
    let out = p.run(&["build", "--format", "html"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let page =
        std::fs::read_to_string(p.root().join("build/html/fr/sop-01/01-objet.html")).unwrap();
    // The chapter link is a reference to the chapter's page, not a copy of its Markdown.
    assert!(page.contains("#calendrier\""), "{page}");
    assert!(!page.contains(".md\""), "{page}");
    let img = page
        .find("<img src=\"assets/caf")
        .expect("the image is in the page");
    let src = &page[img + 10..][..page[img + 10..].find('"').unwrap()];
    let copied = std::fs::read(p.root().join("build/html/fr/sop-01").join(src)).unwrap();
    assert_eq!(copied, PNG);
}
