//! Numbering, cross-references and registry use, on a fixture of three documents that
//! refer to each other (golden), plus the errors references can raise.

use std::fmt::Write as _;

use sopdoc::model::*;
use sopdoc::render::{legal_label, xref_label};

use crate::common::{TempProject, fixture};

fn collect_links(inlines: &[Inline], out: &mut Vec<(String, LinkTarget)>) {
    walk_inlines(inlines, &mut |i| {
        if let InlineKind::Link(l) = &i.kind {
            out.push((l.dest.clone(), l.target.clone()));
        }
    });
}

#[test]
fn numbering_and_references_golden() {
    let analysis = sopdoc::analyze(&fixture("xref"), false).unwrap();
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == sopdoc::diag::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let project = analysis.project.unwrap();
    let mut out = String::new();
    for doc in &project.documents {
        for t in &doc.translations {
            let _ = writeln!(out, "== {} ({})", doc.id(), t.lang);
            let mut anchors: Vec<_> = t.anchors.iter().collect();
            anchors.sort_by_key(|(_, a)| (a.chapter, a.span.start));
            for (id, a) in anchors {
                let _ = writeln!(out, "  {:?} {} {id} \"{}\"", a.kind, a.number, a.title);
            }
            let mut links = Vec::new();
            for ch in &t.chapters {
                walk_blocks(&ch.blocks, &mut |b| {
                    block_inlines(b, &mut |inl| collect_links(inl, &mut links))
                });
            }
            for (dest, target) in links {
                let shown = match &target {
                    LinkTarget::Xref(x) => {
                        format!("{} -> {}.html", xref_label(x), x.chapter_stem)
                    }
                    LinkTarget::Legal(l) => legal_label(l, &t.lang),
                    other => format!("{other:?}"),
                };
                let _ = writeln!(out, "  link {dest}: {shown}");
            }
            let reg = &project.registries;
            let names = |v: &[usize], f: &dyn Fn(usize) -> String| {
                v.iter().map(|&i| f(i)).collect::<Vec<_>>().join(", ")
            };
            let _ = writeln!(
                out,
                "  acronyms: {}",
                names(&t.uses.acronyms, &|i| reg.acronyms[i]
                    .short
                    .get(&t.lang, "fr")
                    .to_string())
            );
            let _ = writeln!(
                out,
                "  terms: {}",
                names(&t.uses.terms, &|i| reg.terms[i]
                    .term
                    .get(&t.lang, "fr")
                    .to_string())
            );
            let _ = writeln!(
                out,
                "  instruments: {}",
                names(&t.uses.instruments, &|i| reg.instruments[i]
                    .id
                    .value
                    .clone())
            );
        }
    }
    insta::assert_snapshot!("resolved_numbering", out);
}

#[test]
fn reference_errors_are_located_with_hints() {
    let p = TempProject::minimal();
    p.write("sop-sources/legal.yaml", "instruments:\n  - id: loi-2012-023\n    short: \"Loi n° 2012-023\"\n    long: \"Loi\"\n    articles: [\"3\"]\n");
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\n[](#objt) [](sop-1#objet) [](legal:loi-2012-32) [](legal:loi-2012-023#99) [x](annexe.pdf)\n\n## A {#objet}\n",
    );
    let (out, code) = p.check_short();
    assert_eq!(code, 1);
    let expect = [
        "01-objet.md:3:1: error[xref/unknown-target]",
        "01-objet.md:3:11: error[xref/unknown-document]",
        "01-objet.md:3:27: error[xref/unknown-instrument]",
        "01-objet.md:3:49: error[xref/unknown-article]",
        "01-objet.md:3:75: error[xref/missing-file]",
        "01-objet.md:5:1: error[xref/duplicate-id]",
    ];
    for e in expect {
        assert!(out.contains(e), "missing {e} in\n{out}");
    }
    let json = p.run(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let find = |rule: &str| {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == rule)
            .unwrap()
            .clone()
    };
    assert_eq!(
        find("xref/unknown-target")["hints"][0],
        "did you mean `objet`?"
    );
    assert_eq!(
        find("xref/unknown-document")["hints"][0],
        "did you mean `sop-01`?"
    );
    assert_eq!(
        find("xref/unknown-instrument")["hints"][0],
        "did you mean `loi-2012-023`?"
    );
    let dup = find("xref/duplicate-id");
    assert_eq!(dup["related"][0]["line"], 1, "both places are shown");
}

#[test]
fn translations_must_keep_the_source_ids() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-01/en/01-objet.md",
        "# Purpose {#purpose}\n",
    );
    let (out, code) = p.check_short();
    assert_eq!(code, 1);
    assert!(out.contains("en/01-objet.md:1:1: error[translate/missing-id]: id `objet` of the `fr` source is missing in `en`"), "{out}");
    assert!(
        out.contains("error[translate/missing-id]: id `purpose` does not exist in the `fr` source"),
        "{out}"
    );
}

/// The xref fixture with its `sop-01` built in French (site and PDF).
fn built_xref_sop_01_fr() -> TempProject {
    let p = TempProject::empty();
    crate::common::copy_dir(&fixture("xref"), p.root());
    let out = p.run(&["--quiet", "build", "--doc", "sop-01", "--lang", "fr"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    p
}

/// HTML and PDF print the same numbers and words for the same references, and the same
/// generated registry lists.
#[test]
fn html_and_pdf_print_the_same_references() {
    let p = built_xref_sop_01_fr();
    let pdf = std::process::Command::new("pdftotext")
        .arg(p.root().join("build/pdf/sop-01-fr.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let normalize = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let pdf_text = normalize(&String::from_utf8_lossy(&pdf.stdout));
    let html =
        std::fs::read_to_string(p.root().join("build/html/fr/sop-01/01-objet.html")).unwrap();
    let home = std::fs::read_to_string(p.root().join("build/html/fr/sop-01/index.html")).unwrap();
    let html_text = normalize(
        &html
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace('\u{a0}', " "),
    );
    for label in [
        "section 1.1",
        "figure 1",
        "annexe A",
        "PSO 2, section 1",
        "REVUE, section 1",
        "article 3 de la Loi n° 2012-023",
        "Protocole de Palerme",
    ] {
        assert!(
            pdf_text.replace('\u{a0}', " ").contains(label),
            "PDF lacks `{label}`"
        );
        assert!(html_text.contains(label), "HTML lacks `{label}`");
    }
    assert!(
        html_text.contains("le tableau des acteurs"),
        "link text written by the author is kept"
    );
    for (pdf_word, html_word) in [
        ("SIGLES ET ABRÉVIATIONS", "Sigles et abréviations"),
        ("DÉFINITIONS", "Définitions"),
    ] {
        assert!(pdf_text.contains(pdf_word), "PDF lacks {pdf_word}");
        assert!(home.contains(html_word), "HTML home lacks {html_word}");
    }
    let home = home.replace("&#39;", "'").replace("&#x27;", "'");
    assert!(pdf_text.contains("MRN") && home.contains("mécanisme national d'orientation"));
}

#[test]
fn unreferenced_explicit_ids_are_reported_only_on_request() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\nVoir [](#portee).\n\n## Portée {#portee}\n\n## Reste {#reste}\n\n## Sans id\n",
    );
    let (out, _) = p.check_short();
    assert!(!out.contains("unreferenced"), "off by default: {out}");
    p.write(
        "sopdoc.yaml",
        &format!(
            "{}rules:\n  xref/unreferenced-anchor: warning\n",
            crate::common::MANIFEST
        ),
    );
    let (out, _) = p.check_short();
    let found: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("xref/unreferenced-anchor"))
        .collect();
    assert_eq!(found.len(), 2, "{out}");
    assert!(found[0].contains("01-objet.md:1:1:"), "{out}");
    assert!(
        found[1].contains("01-objet.md:7:1:") && found[1].contains("`reste`"),
        "{out}"
    );
}

/// `[text](verify:)` marks a fact to verify: info in a draft, error in a final document,
/// printed highlighted with a tag in the HTML and the PDF.
#[test]
fn facts_to_verify_are_reported_and_printed() {
    let p = TempProject::empty();
    crate::common::copy_dir(&fixture("to-verify"), p.root());
    let (out, code) = p.check_short();
    assert_eq!(code, 0, "{out}");
    let found: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("content/to-verify"))
        .collect();
    assert_eq!(found.len(), 2, "{out}");
    assert!(
        found[0].contains("01-objet.md:3:")
            && found[0].contains("info[content/to-verify]: to verify: `12 avril 2002`"),
        "{out}"
    );
    assert!(found[1].contains("01-objet.md:7:"), "{out}");

    let out = p.run(&["--quiet", "build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html =
        std::fs::read_to_string(p.root().join("build/html/fr/sop-01/01-objet.html")).unwrap();
    assert!(
        html.contains("<mark class=\"to-verify\" title=\"Recueil des traités des Nations Unies\"><span class=\"to-verify-tag\">À VÉRIFIER</span> 12 avril 2002</mark>"),
        "{html}"
    );
    let pdf = std::process::Command::new("pdftotext")
        .arg(p.root().join("build/pdf/sop-01-fr.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let pdf_text = String::from_utf8_lossy(&pdf.stdout);
    assert!(pdf_text.matches("À VÉRIFIER").count() >= 2, "{pdf_text}");

    let yaml = std::fs::read_to_string(p.root().join("sop-sources/sop-01/document.yaml")).unwrap();
    p.write(
        "sop-sources/sop-01/document.yaml",
        &yaml.replace("status: draft", "status: final"),
    );
    let (out, code) = p.check_short();
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out.lines()
            .filter(|l| l.contains("error[content/to-verify]"))
            .count(),
        2,
        "{out}"
    );
}

#[test]
fn a_project_chooses_its_own_reference_words() {
    let p = TempProject::minimal();
    p.write(
        "sopdoc.yaml",
        &format!(
            "{}words:\n  fr: {{section: \"§\", annex: \"appendice\"}}\n",
            crate::common::MANIFEST
        ),
    );
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\nVoir [](#portee).\n\n## Portée {#portee}\n\nTexte.\n",
    );
    let out = p.run(&["build", "--format", "html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page =
        std::fs::read_to_string(p.root().join("build/html/fr/sop-01/01-objet.html")).unwrap();
    assert!(page.contains(">§ 1.1</a>"), "{page}");
    // An unknown word is an error with a hint.
    p.write(
        "sopdoc.yaml",
        &format!(
            "{}words:\n  fr: {{sektion: \"§\"}}\n",
            crate::common::MANIFEST
        ),
    );
    let (out, code) = p.check_short();
    assert_eq!(code, 1);
    assert!(
        out.contains("sopdoc.yaml:4:8: error[meta/manifest]: unknown key `sektion`"),
        "{out}"
    );
}

/// Footnotes are numbered once, through the document: a chapter page of the site and the
/// PDF print the same number for a note, and `[](#^label)` prints that number.
#[test]
fn footnotes_are_numbered_through_the_document_in_both_outputs() {
    let p = built_xref_sop_01_fr();
    let roles =
        std::fs::read_to_string(p.root().join("build/html/fr/sop-01/02-roles.html")).unwrap();
    let objet =
        std::fs::read_to_string(p.root().join("build/html/fr/sop-01/01-objet.html")).unwrap();
    // Chapter 1 holds notes 1 and 2, so the first note of chapter 2 is note 3.
    assert!(objet.contains("<li id=\"fn-1\" value=\"1\">"), "{objet}");
    assert!(objet.contains("<li id=\"fn-2\" value=\"2\">"), "{objet}");
    assert!(roles.contains("<a href=\"#fn-3\">3</a>"), "{roles}");
    assert!(roles.contains("<li id=\"fn-3\" value=\"3\">"), "{roles}");
    // A reference to a note of another chapter, and to this chapter's own `[^1]`.
    assert!(
        roles.contains("<a href=\"01-objet.html#fn-2\" class=\"xref\">note 2</a>"),
        "{roles}"
    );
    assert!(
        roles.contains("<a href=\"#fn-3\" class=\"xref\">note 3</a>"),
        "{roles}"
    );
    // Inside a note, a reference to the chapter's other note.
    assert!(objet.contains(">note 1</a>"), "{objet}");
    // The single-page version keeps the numbers (and so unique ids).
    let print = std::fs::read_to_string(p.root().join("build/html/fr/sop-01/print.html")).unwrap();
    assert_eq!(print.matches("<li id=\"fn-3\"").count(), 1);

    let pdf = crate::common::pdf_words(&p.root().join("build/pdf/sop-01-fr.pdf"));
    // pdftotext glues a note's number to its text.
    for words in [
        "voir aussi la note 2 et la note 3",
        "enfant1.",
        "exclusion2.",
        "mois3 ;",
        "1Toute personne âgée de moins de 18 ans.",
        "2L'âge se vérifie comme le dit la note 1.",
        "3Ou plus souvent si besoin.",
    ] {
        assert!(pdf.contains(words), "PDF lacks `{words}`:\n{pdf}");
    }
}

#[test]
fn footnote_mistakes_are_located() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\nTexte[^a] et[^b] puis [](#^c) et [](#^z).\n\n[^a]: Note A.\n\n[^u]: Jamais appelée.\n\n[^c]: Note C.\n",
    );
    p.write(
        "sop-sources/sop-01/fr/02-suite.md",
        "# Suite {#suite}\n\nEncore[^c] et [](#^c).\n\n[^c]: Autre note C.\n",
    );
    p.write(
        "sop-sources/sop-02/document.yaml",
        &crate::common::document_yaml("sop-02"),
    );
    p.write(
        "sop-sources/sop-02/fr/01-x.md",
        "# X {#x}\n\nVoir [](sop-01#^c) et [](sop-01#^a).\n",
    );
    let (out, code) = p.check_short();
    assert_eq!(code, 1, "{out}");
    for e in [
        "01-objet.md:3:13: error[xref/unknown-footnote]: footnote `[^b]` has no text in this chapter",
        "01-objet.md:7:1: warning[xref/unused-footnote]",
        "01-objet.md:9:1: warning[xref/unused-footnote]",
        "01-objet.md:3:34: error[xref/unknown-target]: no footnote has the label `[^z]`",
        "sop-02/fr/01-x.md:3:6: error[xref/ambiguous-footnote]",
    ] {
        assert!(out.contains(e), "missing {e} in\n{out}");
    }
    // `[^c]` of the first chapter has no mark there, but a reference from the first
    // chapter finds it first: it has no number.
    assert!(
        out.contains(
            "01-objet.md:3:23: error[xref/unknown-target]: footnote `[^c]` has no mark in the text"
        ),
        "{out}"
    );
    // The second chapter's own `[^c]` is the one it means.
    assert!(
        !out.lines()
            .any(|l| l.contains("02-suite.md") && l.contains("error")),
        "{out}"
    );
    assert!(!out.contains("sop-02/fr/01-x.md:3:23"), "{out}");
}

/// Watch mode keeps one resolved project and resolves it again after a save, instead of
/// resolving a fresh copy of the parsed one: that is right only if resolving twice gives
/// the same model and the same diagnostics.
#[test]
fn resolving_a_resolved_project_again_changes_nothing() {
    for root in [
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        fixture("xref"),
        fixture("procedures"),
        fixture("bibliography"),
    ] {
        let loaded = sopdoc::project::load(&root).unwrap();
        let mut project = loaded.project.unwrap();
        let stage = |p: &mut Project| {
            let mut d = sopdoc::resolve::resolve(p);
            d.extend(sopdoc::translate::status::stale_diagnostics(p));
            format!("{d:?}")
        };
        let first = stage(&mut project);
        let model = format!("{:#?}", project.documents);
        let second = stage(&mut project);
        assert_eq!(first, second, "{}", root.display());
        let again = format!("{:#?}", project.documents);
        if model != again {
            let (a, b): (Vec<_>, Vec<_>) = (model.lines().collect(), again.lines().collect());
            let at = a
                .iter()
                .zip(&b)
                .position(|(x, y)| x != y)
                .unwrap_or(a.len().min(b.len()));
            let from = at.saturating_sub(12);
            panic!(
                "resolving again changed the model of {} at line {at}:\n--- once\n{}\n--- twice\n{}",
                root.display(),
                a[from..(at + 4).min(a.len())].join("\n"),
                b[from..(at + 4).min(b.len())].join("\n"),
            );
        }
    }
}
