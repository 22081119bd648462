//! Procedures: checks located inside the YAML, step tables and matrices in HTML and PDF,
//! references to steps.

use crate::common::{TempProject, copy_dir, fixture};

const ACTORS: &str = "actors:\n  - id: police\n    type: law-enforcement\n    name: {fr: \"Police\", en: \"Police\"}\n  - id: das\n    type: state\n    name: {fr: \"Service social\", en: \"Social service\"}\n";

fn project(chapter: &str) -> TempProject {
    let p = TempProject::minimal();
    p.write("sop-sources/actors.yaml", ACTORS);
    p.write("sop-sources/sop-01/fr/01-objet.md", chapter);
    p
}

#[test]
fn every_procedure_check_points_into_the_yaml() {
    let p = project(concat!(
        "# Objet {#objet}\n\n",             // 1-2
        "```procedure\n",                   // 3
        "id: p1\n",                         // 4
        "title: Actors and steps\n",        // 5
        "steps:\n",                         // 6
        "  - id: a\n",                      // 7
        "    actor: polise\n",              // 8  unknown actor
        "    action: X\n",                  // 9
        "    next: c\n",                    // 10 unknown step
        "  - id: a\n",                      // 11 duplicate step
        "    action: Y\n",                  // 12 (no actor)
        "    exit: Fin\n",                  // 13
        "  - id: lost\n",                   // 14 unreachable
        "    actor: das\n",                 // 15
        "    action: Z\n",                  // 16
        "```\n\n",                          // 17-18
        "```procedure\n",                   // 19
        "id: p2\n",                         // 20 no exit
        "title: A loop\n",                  // 21
        "steps:\n",                         // 22
        "  - id: a\n",                      // 23
        "    actor: das\n",                 // 24
        "    action: X\n",                  // 25
        "  - id: b\n",                      // 26
        "    actor: das\n",                 // 27
        "    decision: Encore ?\n",         // 28
        "    branches: {oui: a, non: a}\n", // 29
        "```\n",
    ));
    let (out, code) = p.check_short();
    assert_eq!(code, 1, "{out}");
    for e in [
        "01-objet.md:8:12: error[procedure/unknown-actor]",
        "01-objet.md:10:11: error[procedure/unknown-step]",
        "01-objet.md:11:9: error[procedure/duplicate-step]",
        "01-objet.md:11:9: warning[procedure/missing-actor]",
        "01-objet.md:14:9: warning[procedure/unreachable]",
        "01-objet.md:14:9: warning[procedure/missing-exit]",
        // p1 goes from `a` to a step that does not exist: nothing reachable ends.
        "01-objet.md:4:5: error[procedure/no-exit]",
        "01-objet.md:20:5: error[procedure/no-exit]",
    ] {
        assert!(out.contains(e), "missing {e} in\n{out}");
    }
    let json = p.run(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let hint = |rule: &str| {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == rule)
            .map(|d| d["hints"][0].clone())
            .unwrap()
    };
    assert_eq!(hint("procedure/unknown-actor"), "did you mean `police`?");
    assert_eq!(
        hint("procedure/unknown-step"),
        "did you mean `a`?",
        "the closest step id is offered"
    );
}

#[test]
fn a_translation_must_keep_the_pathway_of_the_source() {
    let p = TempProject::minimal();
    p.write("sop-sources/actors.yaml", ACTORS);
    let fr = "# Objet {#objet}\n\n```procedure\nid: p1\ntitle: T\nsteps:\n  - id: a\n    actor: police\n    decision: Mineure ?\n    branches: {oui: b, non: c}\n  - id: b\n    actor: das\n    action: X\n    exit: Fin\n  - id: c\n    actor: das\n    action: Y\n    exit: Fin\n```\n";
    p.write("sop-sources/sop-01/fr/01-objet.md", fr);
    let en = fr
        .replace("Mineure ?", "A child?")
        .replace("{oui: b, non: c}", "{yes: c, no: b}");
    p.write("sop-sources/sop-01/en/01-objet.md", &en);
    let (out, code) = p.check_short();
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("en/01-objet.md:7:9: error[procedure/translation-mismatch]"),
        "{out}"
    );
    // The same branches with translated answers are fine.
    let en = fr
        .replace("Mineure ?", "A child?")
        .replace("{oui: b, non: c}", "{yes: b, no: c}");
    p.write("sop-sources/sop-01/en/01-objet.md", &en);
    let (out, _) = p.check_short();
    assert!(!out.contains("procedure/"), "{out}");
}

/// The step table of the fixture, as HTML: numbers, "where next" lines, actors.
#[test]
fn step_table_and_matrix_in_html() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("procedures"), dir.path());
    let out = crate::common::sopdoc()
        .arg("--project")
        .arg(dir.path())
        .args(["build", "--format", "html"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(dir.path().join("build/html/fr/sop-01/01-procedures.html"))
        .unwrap();
    let start = page.find("<section class=\"procedure\"").unwrap();
    let end = page[start..].find("<figure").unwrap() + start;
    insta::assert_snapshot!("procedure_step_table_fr", &page[start..end]);
    // The references in the text name the procedure and the step.
    assert!(page.contains(">procédure 1.1</a>"), "{page}");
    assert!(page.contains(">étape 2 de la procédure 1.1</a>"), "{page}");
    let annex =
        std::fs::read_to_string(dir.path().join("build/html/fr/sop-01/02-annexe.html")).unwrap();
    let start = annex.find("<table class=\"matrix\"").unwrap();
    let end = annex[start..].find("</div>").unwrap() + start;
    insta::assert_snapshot!("responsibility_matrix_fr", &annex[start..end]);
    let en = std::fs::read_to_string(dir.path().join("build/html/en/sop-01/01-procedures.html"))
        .unwrap();
    assert!(en.contains(">step 2 of procedure 1.1</a>"), "{en}");
    assert!(
        en.contains("If yes: <a href=\"#identification.enfant\">step 3</a>; if no:"),
        "{en}"
    );
}

#[test]
fn structure_schema_missing_and_out_of_order_sections() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\nTexte.\n\n# Définitions {#definitions}\n\nTexte.\n\n# Portée {#perimetre section=scope}\n\nTexte.\n\n## Détail {#detail section=scoop}\n",
    );
    let (out, code) = p.check_short();
    assert_eq!(code, 0, "warnings while a draft: {out}");
    assert!(
        out.contains("01-objet.md:9:1: warning[structure/section-order]: “Champ d’application” comes after “Définitions”"),
        "{out}"
    );
    assert!(
        out.contains("01-objet.md:13:1: warning[structure/unknown-section]"),
        "{out}"
    );
    assert!(
        out.contains("document.yaml:1:1: warning[structure/missing-section]: `sop-01` lacks 7 sections the `sop` structure requires: “Principes directeurs”, “Cadre juridique”"),
        "{out}"
    );
    // A final document must have them.
    p.write(
        "sop-sources/sop-01/document.yaml",
        &crate::common::document_yaml("sop-01").replace("status: draft", "status: final"),
    );
    let (out, code) = p.check_short();
    assert_eq!(code, 1);
    assert!(out.contains("error[structure/missing-section]"), "{out}");
    // A project's own schema replaces the bundled one; `structure: none` switches it off.
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\nTexte.\n",
    );
    p.write(
        "styles/structure/sop.yaml",
        "name: sop\nsections:\n  - id: purpose\n    title: {fr: Objet, en: Purpose}\n    ids: [objet]\n",
    );
    let (out, code) = p.check_short();
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("structure/"), "{out}");
    p.write(
        "styles/structure/sop.yaml",
        "name: sop\nsections:\n  - id: purpose\n    titel: {fr: Objet}\n",
    );
    let (out, _) = p.check_short();
    assert!(
        out.contains("styles/structure/sop.yaml:4:5: error[structure/schema]: unknown key `titel`"),
        "{out}"
    );
    std::fs::remove_file(p.root().join("styles/structure/sop.yaml")).unwrap();
    p.write(
        "sop-sources/sop-01/document.yaml",
        &format!(
            "{}structure: none\n",
            crate::common::document_yaml("sop-01")
        ),
    );
    let (out, _) = p.check_short();
    assert!(!out.contains("structure/"), "{out}");
}

/// The pathway of the fixture as a flowchart (structure, not pixels), and the SVG drawn
/// from it: every step a node in order, decisions as diamonds, branches labelled in the
/// order written, exits as end nodes.
#[test]
fn pathway_diagram_structure_golden() {
    let analysis = sopdoc::analyze(&fixture("procedures"), false).unwrap();
    let project = analysis.project.unwrap();
    let t = project.documents[0].translation("fr").unwrap();
    let mut found = None;
    sopdoc::model::walk_blocks(&t.chapters[0].blocks, &mut |b| {
        if let sopdoc::model::BlockKind::Procedure(p) = &b.kind {
            found = Some(p.clone());
        }
    });
    let p = found.unwrap();
    let chart = sopdoc::render::procedure::pathway(&p, "fr");
    let mut out = String::new();
    for (i, n) in chart.nodes.iter().enumerate() {
        out.push_str(&format!(
            "{i} {:?} {} | {} | {}\n",
            n.kind,
            n.number.as_deref().unwrap_or("-"),
            n.label,
            n.actor.as_deref().unwrap_or("-")
        ));
    }
    for e in &chart.edges {
        out.push_str(&format!(
            "{} -> {} {}\n",
            e.from,
            e.to,
            e.label.as_deref().unwrap_or("")
        ));
    }
    insta::assert_snapshot!("pathway_structure_fr", out);
    let svg = sopdoc::render::flowchart::render_svg(
        &chart,
        &sopdoc::render::procedure::pathway_options(&p, "fr"),
    );
    assert!(
        svg.svg
            .contains("<title>Circuit\u{a0}: Identification et orientation initiale</title>"),
        "{}",
        svg.svg
    );
    // The text alternative tells the pathway in the document's language, step by step
    // with its branches, as the SVG's description.
    let description = sopdoc::render::procedure::pathway_description(&p, "fr");
    assert!(
        description.contains(
            "Étape 2, Direction de l’action sociale\u{a0}: La personne est-elle mineure ? Si oui\u{a0}: étape 3\u{a0}; si non\u{a0}: étape 4."
        ) || description.contains("Étape 2\u{a0}: La personne est-elle mineure ? Si oui\u{a0}: étape 3\u{a0}; si non\u{a0}: étape 4."),
        "{description}"
    );
    insta::assert_snapshot!("pathway_description_fr", description.replace(". É", ".\nÉ"));
    assert!(
        svg.svg.contains(&format!(
            "<desc>{}</desc>",
            description.replace('&', "&amp;").replace('<', "&lt;")
        )),
        "{}",
        svg.svg
    );
    let en = project.documents[0].translation("en").unwrap();
    let mut found = None;
    sopdoc::model::walk_blocks(&en.chapters[0].blocks, &mut |b| {
        if let sopdoc::model::BlockKind::Procedure(p) = &b.kind {
            found = Some(p.clone());
        }
    });
    let description = sopdoc::render::procedure::pathway_description(&found.unwrap(), "en");
    insta::assert_snapshot!("pathway_description_en", description.replace(". S", ".\nS"));
    assert!(svg.width_pt <= 453.0 && svg.pages == 1);
}

#[test]
fn pdf_prints_the_step_table_and_the_diagram() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("procedures"), dir.path());
    let out = crate::common::sopdoc()
        .arg("--project")
        .arg(dir.path())
        .args(["build", "--format", "pdf", "--lang", "fr"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = crate::common::pdf_words(&dir.path().join("build/pdf/sop-01-fr.pdf"));
    for want in [
        "Procédure 1.1. Identification et orientation initiale",
        "l'étape 2 de la procédure 1.1",
        "Si oui : étape 3 ; si non : étape 4",
        "Figure 1. Circuit : Identification et orientation initiale",
        // Text inside the diagram is real text in the PDF.
        "Dossier clos",
        "Tableau A.1. Qui fait quoi",
        "R 2, 3, 4, 6, 7",
    ] {
        assert!(
            text.replace('\u{a0}', " ").contains(want),
            "missing {want:?} in {text}"
        );
    }
}
