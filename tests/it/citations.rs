//! Citations `[@key]` against `bibliography.yaml`: errors, warnings, and the same words in
//! HTML and PDF.

use crate::common::{TempProject, copy_dir, fixture, sopdoc};

#[test]
fn unknown_keys_are_errors_and_uncited_entries_warnings() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/bibliography.yaml",
        "oim2019:\n  type: report\n  title: Glossaire\n  author: {name: OIM}\n  date: 2019\njamais:\n  type: book\n  title: Jamais cité\n  date: 2000\n",
    );
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\nSelon [@oim2019] et [@oim2091, p. 3], un courriel a@b.org et [voir @x] restent du texte.\n",
    );
    let (out, code) = p.check_short();
    assert_eq!(code, 1, "{out}");
    for e in [
        "01-objet.md:3:21: error[cite/unknown-key]",
        "bibliography.yaml:6:1: warning[cite/uncited]",
        "01-objet.md:3:7: warning[cite/no-list]",
    ] {
        assert!(out.contains(e), "missing {e} in\n{out}");
    }
    let json = p.run(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let unknown = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "cite/unknown-key")
        .unwrap();
    assert_eq!(unknown["hints"][0], "did you mean `oim2019`?");
    assert_eq!(
        unknown["end_column"], 37,
        "the whole citation is underlined"
    );
    // A malformed entry is located in the bibliography file.
    p.write(
        "sop-sources/bibliography.yaml",
        "oim2019:\n  type: report\n  titel: Glossaire\n",
    );
    let (out, _) = p.check_short();
    assert!(
        out.contains(
            "bibliography.yaml:3:3: error[meta/registry]: unknown field `titel` in entry `oim2019`"
        ),
        "{out}"
    );
    // An unknown style is an error on the manifest line.
    p.write(
        "sopdoc.yaml",
        &format!(
            "{}bibliography_style: chicago-autor-date\n",
            crate::common::MANIFEST
        ),
    );
    let (out, _) = p.check_short();
    assert!(
        out.contains("sopdoc.yaml:3:21: error[cite/unknown-style]"),
        "{out}"
    );
}

#[test]
fn html_and_pdf_print_the_same_citations_and_references() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("bibliography"), dir.path());
    let out = sopdoc()
        .arg("--project")
        .arg(dir.path())
        .arg("build")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page =
        std::fs::read_to_string(dir.path().join("build/html/fr/revue/01-intro.html")).unwrap();
    let cite = "(Organisation internationale pour les migrations 2019, 12)";
    assert!(
        page.contains(&format!("<span class=\"citation\">{cite}</span>")),
        "{page}"
    );
    // A locator other than a page, in a footnote.
    assert!(
        page.contains("(International Labour Organization et Walk Free Foundation 2017, chap. 2)"),
        "{page}"
    );
    let start = page.find("<ul class=\"bibliography\">").unwrap();
    let end = page[start..].find("</ul>").unwrap() + start;
    insta::assert_snapshot!("bibliography_list_fr", &page[start..end]);
    let en = std::fs::read_to_string(dir.path().join("build/html/en/revue/01-intro.html")).unwrap();
    assert!(
        en.contains("(International Labour Organization and Walk Free Foundation 2017, chap. 2)"),
        "{en}"
    );
    let pdf = dir.path().join("build/pdf/revue-fr.pdf");
    let text = crate::common::pdf_words(&pdf);
    assert!(text.contains(cite), "{text}");
    assert!(
        text.contains("United Nations Office on Drugs and Crime. 2021. Global Report on Trafficking in Persons 2020."),
        "{text}"
    );
}
