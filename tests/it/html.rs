//! The HTML site of a small fixture project: a golden snapshot of one chapter's `<main>`,
//! and checks over the whole site (links resolve, nothing is remote).

use std::collections::BTreeMap;

use sopdoc::render::html::{OutputFile, render_site};

fn site() -> BTreeMap<String, Vec<u8>> {
    let root = crate::common::fixture("html-basic");
    let analysis = sopdoc::analyze(&root, false).expect("fixture loads");
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == sopdoc::diag::Severity::Error)
        .map(|d| format!("{}: {}", d.rule, d.message))
        .collect();
    assert!(errors.is_empty(), "fixture has errors: {errors:#?}");
    let project = analysis.project.expect("project");
    let files = render_site(&project, &|_, _| true).expect("site renders");
    let again = render_site(&project, &|_, _| true).expect("site renders");
    assert_eq!(files, again, "output is deterministic");
    files
        .into_iter()
        .map(|OutputFile { path, bytes, .. }| (path, bytes))
        .collect()
}

fn text(site: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        site.get(path)
            .unwrap_or_else(|| panic!("{path} missing"))
            .clone(),
    )
    .unwrap()
}

/// The values of `attr="…"` in `html`, with the tag name each belongs to.
fn attributes(html: &str, attr: &str) -> Vec<(String, String)> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(&needle) {
        let start = from + i + needle.len();
        let end = start + html[start..].find('"').expect("closed attribute");
        let tag_start = html[..start].rfind('<').expect("inside a tag");
        let tag: String = html[tag_start + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        out.push((tag, html[start..end].replace("&amp;", "&")));
        from = end;
    }
    out
}

fn normalize(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in rel.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[test]
fn chapter_main_snapshot() {
    let site = site();
    let page = text(&site, "fr/sop-01/01-objet.html");
    let start = page.find("<main").expect("main");
    let end = page.find("</main>").expect("/main") + "</main>".len();
    insta::assert_snapshot!(&page[start..end]);
}

#[test]
fn site_layout() {
    let site = site();
    for path in [
        "index.html",
        "assets/sopdoc.css",
        "assets/search.js",
        "fr/index.html",
        "fr/search-index.js",
        "en/index.html",
        "en/search-index.js",
        "fr/sop-01/index.html",
        "fr/sop-01/01-objet.html",
        "fr/sop-01/02-roles.html",
        "fr/sop-01/03-annexe.html",
        "fr/sop-01/print.html",
        "en/sop-01/01-objet.html",
        "fr/sop-02/01-retour.html",
    ] {
        assert!(site.contains_key(path), "{path} missing");
    }
    // sop-02 has no English translation.
    assert!(!site.keys().any(|p| p.starts_with("en/sop-02")));
    let images: Vec<_> = site
        .keys()
        .filter(|p| p.starts_with("fr/sop-01/assets/") && p.ends_with(".png"))
        .collect();
    assert_eq!(images.len(), 1, "{images:?}");

    let chapter = text(&site, "fr/sop-01/02-roles.html");
    // Language switch to the same chapter, link to the PDF and the printable page.
    assert!(chapter.contains("href=\"../../en/sop-01/02-roles.html\""));
    assert!(chapter.contains("href=\"../../../pdf/sop-01-fr.pdf\""));
    assert!(chapter.contains("href=\"print.html\""));
    assert!(chapter.contains("aria-current=\"page\""));
    // The annex heading reads "Annexe A".
    let annex = text(&site, "fr/sop-01/03-annexe.html");
    assert!(annex.contains("<span class=\"num\">Annexe\u{a0}A</span> Formulaire de signalement"));
    // A draft shows its banner; a final document does not.
    assert!(chapter.contains("class=\"draft-banner\""));
    assert!(!text(&site, "fr/sop-02/01-retour.html").contains("class=\"draft-banner\""));
    // Document home: history, validation, funding.
    let home = text(&site, "fr/sop-01/index.html");
    assert!(home.contains("Deuxième version."));
    assert!(home.contains("Comité national"));
    assert!(home.contains("Publication réalisée avec un soutien financier."));
    // Search index: accent-folded tokens and section URLs.
    let index = text(&site, "fr/search-index.js");
    assert!(index.starts_with("window.SOPDOC_INDEX = "));
    assert!(index.contains("\"referencement\""));
    assert!(index.contains("sop-01/02-roles.html#comite"));
    // Empty cross-references are indexed with the words the page prints.
    assert!(index.contains("Voir section 2 et tableau 1"), "{index}");
}

#[test]
fn internal_links_resolve_and_nothing_is_remote() {
    let site = site();
    for (path, bytes) in &site {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes.clone()).unwrap();
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        let mut urls = attributes(&html, "href");
        urls.extend(attributes(&html, "src"));
        for (tag, url) in urls {
            let remote =
                url.starts_with("http:") || url.starts_with("https:") || url.starts_with("//");
            if matches!(tag.as_str(), "script" | "link" | "img") {
                assert!(!remote, "{path}: remote asset {url}");
            }
            if remote || url.starts_with("mailto:") || url.starts_with("tel:") {
                continue;
            }
            if url.ends_with(".pdf") && url.contains("/pdf/") {
                continue; // the PDF build's output, outside the site
            }
            let (file, fragment) = match url.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (url.as_str(), None),
            };
            let target = if file.is_empty() {
                path.clone()
            } else {
                normalize(dir, file).unwrap_or_else(|| panic!("{path}: {url} leaves the site"))
            };
            assert!(
                site.contains_key(&target),
                "{path}: broken link {url} ({target})"
            );
            if let Some(id) = fragment.filter(|f| !f.is_empty()) {
                let target_html = String::from_utf8(site[&target].clone()).unwrap();
                assert!(
                    target_html.contains(&format!("id=\"{id}\"")),
                    "{path}: {url}: no id `{id}` in {target}"
                );
            }
        }
    }
}

fn copy_fixture() -> tempfile::TempDir {
    let from = crate::common::fixture("html-basic");
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let dest = dir.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
    dir
}

#[test]
fn project_templates_and_styles_override_the_built_in_ones() {
    let dir = copy_fixture();
    let tpl = dir.path().join("templates/html");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(
        tpl.join("chapter.html"),
        "{% extends \"base.html\" %}{% block main %}CUSTOM {{ page.doc.code }}{% endblock main %}",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("styles/html")).unwrap();
    std::fs::write(
        dir.path().join("styles/html/sopdoc.css"),
        "body { color: red; }",
    )
    .unwrap();
    let project = sopdoc::analyze(dir.path(), false).unwrap().project.unwrap();
    let files = render_site(&project, &|d, l| !(d.id() == "sop-01" && l == "en")).unwrap();
    let get = |p: &str| {
        let f = files
            .iter()
            .find(|f| f.path == p)
            .unwrap_or_else(|| panic!("{p}"));
        String::from_utf8(f.bytes.clone()).unwrap()
    };
    assert!(get("fr/sop-01/01-objet.html").contains("CUSTOM PSO-01"));
    assert_eq!(get("assets/sopdoc.css"), "body { color: red; }");
    // Excluded translations produce nothing, and nothing links to them.
    assert!(!files.iter().any(|f| f.path.starts_with("en/")));
    assert!(!get("index.html").contains("href=\"en/"));

    // A template that fails while rendering names the file.
    std::fs::write(tpl.join("chapter.html"), "{{ no_such_variable }}").unwrap();
    match render_site(&project, &|_, _| true) {
        Err(sopdoc::Error::Template(msg)) => {
            assert!(
                msg.contains("templates/html/chapter.html (project)"),
                "{msg}"
            )
        }
        other => panic!("expected a template error, got {other:?}"),
    }
}

/// What the `html` fuzz target first reported (a false alarm, kept as a test): markup typed
/// in every place of a chapter is escaped on every page, and in the search index it is
/// data, inside JSON strings that search.js shows with `textContent`.
#[test]
fn markup_typed_anywhere_is_escaped_in_pages_and_is_json_data_in_the_search_index() {
    let p = crate::common::TempProject::minimal();
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "---\ntitle: \"T <x-fz>\"\n---\n# Titre <x-fz> {#t}\n\nTexte <x-fz> *<x-fz>* [lien <x-fz>](#t) `<x-fz>`[^1].\n\nTable: Légende <x-fz> {#tbl-a}\n\n| A <x-fz> | B |\n|---|---|\n| <x-fz> | c |\n\n[^1]: Note <x-fz>.\n",
    );
    let out = p.run(&["build", "--format", "html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let site = p.root().join("build/html");
    let mut index_seen = false;
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
        let rel = entry
            .path()
            .strip_prefix(&site)
            .unwrap()
            .display()
            .to_string();
        if rel.ends_with("search-index.js") {
            let json = text
                .strip_prefix("window.SOPDOC_INDEX = ")
                .and_then(|t| t.strip_suffix(";\n"))
                .unwrap_or_else(|| panic!("{rel}: {text}"));
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            index_seen |= value.to_string().contains("<x-fz>");
            continue;
        }
        assert!(!text.contains("<x-fz"), "{rel}: markup copied raw");
    }
    assert!(index_seen, "the index holds the text as data");
}

/// `build` holds the site's pages deflated while the checks run: each page gives back
/// exactly the bytes of the plain site, and the pages are held in well under their size (about half
/// for this small site's pages, a tenth for a large collection's).
#[test]
fn packed_site_gives_back_the_plain_site() {
    let analysis = sopdoc::analyze(&crate::common::fixture("html-basic"), false).expect("analysis");
    let project = analysis.project.expect("project");
    let plain = render_site(&project, &|_, _| true).expect("site renders");
    let packed =
        sopdoc::render::html::render_site_packed(&project, &|_, _| true, false).expect("packed");
    assert_eq!(plain.len(), packed.len());
    let (mut plain_bytes, mut packed_bytes) = (0, 0);
    for (p, q) in plain.iter().zip(&packed) {
        assert_eq!(p.path, q.path);
        assert_eq!(
            q.contents().unwrap().as_ref(),
            p.bytes.as_slice(),
            "{}",
            p.path
        );
        if q.packed {
            plain_bytes += p.bytes.len();
            packed_bytes += q.bytes.len();
        }
    }
    assert!(
        packed_bytes > 0 && packed_bytes * 3 < plain_bytes * 2,
        "{packed_bytes} of {plain_bytes}"
    );
}
