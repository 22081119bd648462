//! What the committee and the publication unit must be able to rely on: sopdoc never
//! publishes a file outside the sources, never deletes or overwrites what it did not
//! write, never writes through a link, and never dies on a hostile image or Word file.

use std::path::Path;

use crate::common::{TempProject, copy_dir, fixture};

const CHAPTER: &str = "sop-sources/sop-01/fr/01-objet.md";
const SECRET: &str = "Aminata Secret-Témoin";

/// Every file under `dir`, with its bytes.
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    if !dir.exists() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A project whose manifest names a sensitive-names file, with a git folder.
fn project_with_private_files() -> TempProject {
    let p = TempProject::minimal();
    p.write(
        "sopdoc.yaml",
        &format!(
            "{}privacy:\n  sensitive_names: private/noms.txt\n",
            crate::common::MANIFEST
        ),
    );
    p.write("private/noms.txt", &format!("{SECRET}\n"));
    p.write("private/dossier.txt", &format!("Dossier de {SECRET}\n"));
    p.write(".git/config", &format!("[user]\n name = {SECRET}\n"));
    p.write(".sopdoc/cache.txt", SECRET);
    p
}

#[test]
fn links_and_images_outside_the_sources_are_refused_and_nothing_is_written() {
    let cases = [
        "[liste](../../../private/noms.txt)",
        "[dossier](../../../private/dossier.txt)",
        "![x](../../../.git/config)",
        "[cache](/.sopdoc/cache.txt)",
        "[liste](%2E%2E/%2E%2E/%2E%2E/private/noms.txt)",
        r"[liste](..\\..\\..\\private\\noms.txt)",
        "[passwd](../../../../../../../../etc/passwd)",
    ];
    for (i, link) in cases.iter().enumerate() {
        let p = project_with_private_files();
        p.write(
            CHAPTER,
            &format!("# Objet {{#objet}}\n\nVoir la {link} ici.\n"),
        );
        let out = p.run(&["build", "--format", "html,pdf"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{link}: {err}");
        assert!(err.contains("error[xref/outside-sources]"), "{link}: {err}");
        assert!(err.contains("01-objet.md:3:"), "{link}: {err}");
        assert!(err.contains("never published"), "{link}: {err}");
        assert!(err.contains("= hint:"), "{link}: {err}");
        let written = files_under(&p.root().join("build"));
        assert!(
            written.is_empty(),
            "case {i}: nothing may be written: {:?}",
            written.iter().map(|f| &f.0).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_sensitive_names_file_is_refused_even_inside_the_sources() {
    let p = TempProject::minimal();
    p.write(
        "sopdoc.yaml",
        &format!(
            "{}privacy:\n  sensitive_names: sop-sources/sop-01/noms.txt\n",
            crate::common::MANIFEST
        ),
    );
    p.write("sop-sources/sop-01/noms.txt", &format!("{SECRET}\n"));
    p.write(
        CHAPTER,
        "# Objet {#objet}\n\nVoir [la liste](../noms.txt).\n",
    );
    let out = p.run(&["build", "--format", "html"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is the sensitive-names file"), "{err}");
    assert!(files_under(&p.root().join("build")).is_empty());
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_sources_that_leads_to_a_private_file_is_refused() {
    let p = project_with_private_files();
    std::fs::create_dir_all(p.root().join("sop-sources/sop-01/fr/assets")).unwrap();
    std::os::unix::fs::symlink(
        p.root().join("private/noms.txt"),
        p.root().join("sop-sources/sop-01/fr/assets/liste.txt"),
    )
    .unwrap();
    p.write(
        CHAPTER,
        "# Objet {#objet}\n\nVoir [la liste](assets/liste.txt).\n",
    );
    let out = p.run(&["build", "--format", "html"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("through a symbolic link"), "{err}");
    for (path, bytes) in files_under(&p.root().join("build")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "{path} holds the secret"
        );
    }
}

#[test]
fn declared_asset_folders_are_published_and_output_files_are_not() {
    let p = TempProject::minimal();
    p.write(
        "sopdoc.yaml",
        &format!("{}assets: [formulaires]\n", crate::common::MANIFEST),
    );
    p.write("formulaires/fiche de référencement.txt", "Fiche\n");
    p.write(
        CHAPTER,
        "# Objet {#objet}\n\nVoir [la fiche](../../../formulaires/fiche%20de%20r%C3%A9f%C3%A9rencement.txt).\n",
    );
    let out = p.run(&["build", "--format", "html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let copied = files_under(&p.root().join("build/html/fr/sop-01/assets"));
    assert_eq!(copied.len(), 1, "{copied:?}");
    assert_eq!(copied[0].1, b"Fiche\n");

    // The output folder itself is never a source, whatever the configuration.
    p.write(
        CHAPTER,
        "# Objet {#objet}\n\nVoir [la page](../../../build/html/index.html).\n",
    );
    let out = p.run(&["build", "--format", "html"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is in the output folder"), "{err}");

    // Nor can an asset folder be declared there.
    p.write(
        "sopdoc.yaml",
        &format!("{}assets: [.git, build, ../x]\n", crate::common::MANIFEST),
    );
    let (out, code) = p.check_short();
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out.matches("error[meta/manifest]: asset folder").count(),
        3,
        "{out}"
    );
}

#[test]
fn build_out_refuses_a_folder_holding_the_users_files() {
    let p = TempProject::minimal();
    let www = p.root().join("www");
    let mine = [
        "html/mine.html",
        "html/custom.css",
        "html/photo.png",
        "html/private/data.json",
    ];
    for f in mine {
        p.write(&format!("www/{f}"), "the user's own file");
    }
    let out = p.run(&["build", "--format", "html", "--out", www.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("4 files that sopdoc did not write"), "{err}");
    assert!(err.contains("custom.css"), "{err}");
    assert!(err.contains("private/data.json"), "{err}");
    for f in mine {
        assert_eq!(
            std::fs::read_to_string(www.join(f)).unwrap(),
            "the user's own file"
        );
    }
    assert!(!www.join("html/index.html").exists(), "nothing written");

    // A new folder is sopdoc's; building into it again cleans only what sopdoc wrote.
    let fresh = p.root().join("fresh");
    let build = |dir: &Path| p.run(&["build", "--format", "html", "--out", dir.to_str().unwrap()]);
    assert_eq!(build(&fresh).status.code(), Some(0));
    assert!(fresh.join("html/index.html").exists());
    assert!(fresh.join("html/.sopdoc-files").exists());
    std::fs::rename(
        p.root().join(CHAPTER),
        p.root().join("sop-sources/sop-01/fr/02-objet.md"),
    )
    .unwrap();
    let out = build(&fresh);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!fresh.join("html/fr/sop-01/01-objet.html").exists());
    assert!(fresh.join("html/fr/sop-01/02-objet.html").exists());

    // A file the user adds later makes the folder theirs again.
    p.write("fresh/html/notes.txt", "mine");
    assert_eq!(build(&fresh).status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(fresh.join("html/notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn the_configured_output_is_adopted_and_keeps_files_added_later() {
    let p = TempProject::minimal();
    // A build folder from before sopdoc listed its files: adopted, stale pages go.
    p.write("build/html/fr/sop-01/ancien.html", "stale page");
    let out = p.run(&["build", "--format", "html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!p.root().join("build/html/fr/sop-01/ancien.html").exists());
    // From then on, a file sopdoc did not write stays.
    p.write("build/html/mine.html", "mine");
    p.write("build/html/fr/notes/n.txt", "mine");
    let out = p.run(&["build", "--format", "html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(p.root().join("build/html/mine.html").exists());
    assert!(p.root().join("build/html/fr/notes/n.txt").exists());
    // `--out` naming the configured folder is the same folder.
    let out = p.run(&[
        "build",
        "--format",
        "html",
        "--out",
        p.root().join("build").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn nothing_is_written_or_deleted_through_a_symlinked_output_folder() {
    use std::os::unix::fs::symlink;
    let p = TempProject::minimal();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("keep.txt"), "keep").unwrap();

    // build/html is a link to another folder.
    std::fs::create_dir_all(p.root().join("build")).unwrap();
    symlink(elsewhere.path(), p.root().join("build/html")).unwrap();
    let out = p.run(&["build", "--format", "html"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("is a symbolic link"), "{err}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 1);

    // build/html/fr is a link: refused, and the link stays.
    std::fs::remove_file(p.root().join("build/html")).unwrap();
    assert_eq!(p.run(&["build", "--format", "html"]).status.code(), Some(0));
    std::fs::rename(
        p.root().join("build/html/fr"),
        p.root().join("build/fr-old"),
    )
    .unwrap();
    symlink(elsewhere.path(), p.root().join("build/html/fr")).unwrap();
    let out = p.run(&["build", "--format", "html"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("is a symbolic link"), "{err}");
    assert!(p.root().join("build/html/fr").is_symlink());
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 1);

    // A PDF that is a link to the user's file is not replaced.
    std::fs::create_dir_all(p.root().join("build/pdf")).unwrap();
    symlink(
        elsewhere.path().join("keep.txt"),
        p.root().join("build/pdf/sop-01-fr.pdf"),
    )
    .unwrap();
    let out = p.run(&["build", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(elsewhere.path().join("keep.txt")).unwrap(),
        "keep"
    );
}

#[cfg(unix)]
#[test]
fn translate_import_does_not_write_through_a_symlinked_language_folder() {
    let p = TempProject::empty();
    copy_dir(&fixture("translate"), p.root());
    let out = p.run(&["translate", "export", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), p.root().join("sop-sources/sop-01/en")).unwrap();
    let xliff = p.root().join("xliff/sop-01.en.xlf");
    let out = p.run(&["translate", "import", xliff.to_str().unwrap(), "--force"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("is a symbolic link"), "{err}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

/// A 69-byte PNG whose header claims `side` × `side` pixels.
fn png_claiming(side: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    png.extend(side.to_be_bytes());
    png.extend(side.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0x5c, 0x72, 0xa8, 0x66]);
    png.extend(b"\x00\x00\x00\x0aIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\x0d\x0a\x2d\xb4");
    png.extend(b"\x00\x00\x00\x00IEND\xaeB`\x82");
    png
}

#[test]
fn an_image_claiming_billions_of_pixels_is_a_located_error_not_an_abort() {
    let p = TempProject::minimal();
    let bomb = png_claiming(200_000);
    assert!(bomb.len() < 100);
    p.write_bytes("sop-sources/sop-01/fr/assets/bomb.png", &bomb);
    p.write(
        CHAPTER,
        "# Objet {#objet}\n\nTexte.\n\n![Circuit](assets/bomb.png)\n",
    );
    let out = p.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error[pdf/image]"), "{err}");
    assert!(err.contains("01-objet.md:5:1"), "{err}");
    assert!(err.contains("200000 × 200000"), "{err}");
    assert!(files_under(&p.root().join("build")).is_empty());

    // SVG by its declared size.
    p.write(
        "sop-sources/sop-01/fr/assets/grand.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"90000\" height=\"90000\"><rect width=\"1\" height=\"1\"/></svg>",
    );
    p.write(
        CHAPTER,
        "# Objet {#objet}\n\nTexte.\n\n![Circuit](assets/grand.svg)\n",
    );
    let out = p.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error[pdf/image]"), "{err}");
}

/// A zip holding `entries` (name, size in MiB of zeros), as a hostile Word file would.
fn zip_bomb(entries: &[(&str, usize)]) -> Vec<u8> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let chunk = vec![0u8; 1 << 20];
    for (name, mib) in entries {
        out.start_file(*name, options).unwrap();
        for _ in 0..*mib {
            out.write_all(&chunk).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_word_zip_bomb_is_refused_before_it_is_inflated() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("review"), dir.path());
    let matrices = |d: &Path| {
        files_under(&d.join("sop-sources"))
            .into_iter()
            .filter(|(p, _)| p.ends_with("comments.yaml"))
            .collect::<Vec<_>>()
    };
    let before = matrices(dir.path());
    for (name, entries) in [
        ("one.docx", vec![("word/document.xml", 80)]),
        (
            "many.docx",
            vec![
                ("word/document.xml", 60),
                ("word/comments.xml", 60),
                ("word/a.xml", 60),
                ("word/b.xml", 60),
                ("word/c.xml", 60),
            ],
        ),
    ] {
        let file = dir.path().join(name);
        let bytes = zip_bomb(&entries);
        assert!(bytes.len() < 2 << 20, "{}", bytes.len());
        std::fs::write(&file, bytes).unwrap();
        let out = crate::common::sopdoc()
            .arg("--project")
            .arg(dir.path())
            .args(["review", "import", file.to_str().unwrap()])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("MiB"), "{err}");
        assert!(err.contains("Nothing was imported"), "{err}");
        assert_eq!(matrices(dir.path()), before);
    }
}

#[test]
fn every_pdf_passes_qpdf_structural_check() {
    let Some(qpdf) = crate::common::require_tool(&["qpdf"]) else {
        return;
    };
    let p = TempProject::minimal();
    let out = p.run(&["build", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pdf = p.root().join("build/pdf/sop-01-fr.pdf");
    let check = std::process::Command::new(qpdf)
        .arg("--check")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn an_xliff_not_in_utf8_is_refused_and_nothing_is_written() {
    let p = TempProject::empty();
    copy_dir(&fixture("translate"), p.root());
    let out = p.run(&["translate", "export", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let xliff = p.root().join("xliff/sop-01.en.xlf");
    let utf8 = std::fs::read_to_string(&xliff).unwrap();
    let latin1 = |s: &str| -> Vec<u8> {
        s.chars()
            .map(|c| if (c as u32) < 256 { c as u8 } else { b'?' })
            .collect()
    };
    let utf16: Vec<u8> = std::iter::once(0xfeffu16)
        .chain(utf8.encode_utf16())
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let declared = utf8.replacen(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
        1,
    );
    assert_ne!(declared, utf8, "the export starts with an XML declaration");
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (latin1(&declared), "declares the encoding `ISO-8859-1`"),
        (latin1(&utf8), "not valid UTF-8"),
        (utf16, "UTF-16"),
    ];
    let before = files_under(&p.root().join("sop-sources"));
    for (bytes, expected) in cases {
        std::fs::write(&xliff, &bytes).unwrap();
        let out = p.run(&["translate", "import", xliff.to_str().unwrap(), "--force"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{expected}: {err}");
        assert!(err.contains("error[translate/xliff-malformed]"), "{err}");
        assert!(err.contains(expected), "{err}");
        assert!(err.contains("save the file as UTF-8"), "{err}");
        assert_eq!(
            files_under(&p.root().join("sop-sources")),
            before,
            "nothing written"
        );
    }
}
