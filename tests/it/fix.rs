//! `check --fix` never changes what a line means: every fix kind applied to every construct
//! it can touch (captions in all their spellings, headings with ids, table rows, link text,
//! procedure YAML) leaves the project's structure — anchors, numbers, references — as it was.

use std::fmt::Write as _;

use sopdoc::model::*;

use crate::common::TempProject;

/// A chapter with a typography fault of every fixable kind on every construct.
const CHAPTER: &str = r#"# Objet de la procédure ; rôles {#objet}

Table: Acteurs ; rôles "clés" {#tbl-a}

| Acteur | Rôle |
|---|---|
| Police | Repérer ; signaler l'enfant  vite |
| OIM | Orienter ( accueil ) , suivre? |

Table : Pièces à fournir? {#tbl-b}

| Pièce | Source |
|---|---|
| Passeport | Police |

Tableau : Délais : l'ordre "strict" {#tbl-c}

| Étape | Délai |
|---|---|
| Accueil | 24 h |

Tableau: Suivi ; contrôle {#tbl-d}

| Étape | Délai |
|---|---|
| Suivi | 48 h |

Table : Une légende {#tbl-e}

| A | B |
|---|---|
| 1 | 2 |

Table: Légende sans tableau ; orpheline

Un paragraphe.

## Étapes ; suite  du texte {#etapes}

Voir [le tableau ; des acteurs](#tbl-a), [](#tbl-b), [](#tbl-c), [](#tbl-d), [](#tbl-e) et [l'étape "age"](#circuit.age) , ou la [](#circuit)?

```procedure
id: circuit
title: Circuit d'orientation ; premier contact
steps:
  - id: accueil
    actor: police
    action: Accueillir la personne ; vérifier l'identité  avec soin
    next: age
  - id: age
    actor: police
    decision: La personne est-elle mineure?
    branches: {oui: fin, non: fin}
  - id: fin
    actor: police
    action: 'Clore le dossier de l''enfant ; "classer"'
    exit: Dossier clos !
```
"#;

/// Anchors with their numbers and titles, and every link with what it resolved to.
fn structure(p: &TempProject) -> String {
    let analysis = sopdoc::analyze(p.root(), false).unwrap();
    let project = analysis.project.expect("project loads");
    let mut out = String::new();
    for doc in &project.documents {
        for t in &doc.translations {
            let mut anchors: Vec<_> = t.anchors.iter().collect();
            anchors.sort_by_key(|(id, a)| (a.chapter, a.span.start, id.to_string()));
            for (id, a) in anchors {
                let _ = writeln!(out, "anchor {:?} {} {id}", a.kind, a.number);
            }
            for ch in &t.chapters {
                walk_blocks(&ch.blocks, &mut |b| {
                    if let BlockKind::Table(table) = &b.kind {
                        let c = table.caption.as_ref();
                        let _ = writeln!(
                            out,
                            "table {:?} {:?} rows {}",
                            c.and_then(|c| c.id.clone()),
                            c.map(|c| c.number.clone()),
                            table.rows.len()
                        );
                    }
                    block_inlines(b, &mut |inl| {
                        walk_inlines(inl, &mut |i| {
                            if let InlineKind::Link(l) = &i.kind {
                                let _ = writeln!(out, "link {} {:?}", l.dest, l.target);
                            }
                        })
                    });
                });
            }
        }
    }
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity <= sopdoc::diag::Severity::Warning)
        .filter(|d| !d.rule.starts_with("typo/"))
        .map(|d| d.rule.to_string())
        .collect();
    let _ = writeln!(out, "non-typography findings {errors:?}");
    out
}

#[test]
fn fixes_never_change_what_a_line_means() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/actors.yaml",
        "actors:\n  - id: police\n    type: law-enforcement\n    name: {fr: \"Police nationale\", en: \"National police\"}\n",
    );
    p.write("sop-sources/sop-01/fr/01-objet.md", CHAPTER);
    let before = structure(&p);
    for id in ["tbl-a", "tbl-b", "tbl-c", "tbl-d", "tbl-e"] {
        assert!(
            before.contains(&format!("table Some(\"{id}\")")),
            "every caption spelling is a caption: {id}\n{before}"
        );
    }
    // Fixes can overlap; each run applies the ones that do not.
    for _ in 0..3 {
        let out = p.run(&["check", "--fix"]);
        assert!(out.status.code().is_some(), "check ran");
    }
    let fixed =
        std::fs::read_to_string(p.root().join("sop-sources/sop-01/fr/01-objet.md")).unwrap();
    assert_ne!(fixed, CHAPTER, "the fixture has fixable faults");
    assert!(
        fixed.contains("\nTable: Légende sans tableau\u{202F}; orpheline\n"),
        "a caption marker is syntax, never respaced:\n{fixed}"
    );
    let left = p.run(&["check", "--fix", "--dry-run"]);
    let left = String::from_utf8_lossy(&left.stdout);
    assert!(
        left.trim().is_empty(),
        "every fix offered was applied:\n{left}\n{fixed}"
    );
    assert_eq!(before, structure(&p), "fixed text:\n{fixed}");
}

#[test]
fn french_caption_markers_make_captions() {
    for marker in [
        "Table:",
        "Table :",
        "Table\u{A0}:",
        "Table\u{202F}:",
        "Tableau :",
        "Tableau:",
        "Tableau\u{A0}:",
    ] {
        let p = TempProject::minimal();
        p.write(
            "sop-sources/sop-01/fr/01-objet.md",
            &format!(
                "# Objet {{#objet}}\n\n{marker} Les acteurs {{#tbl-x}}\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nVoir [](#tbl-x).\n"
            ),
        );
        let (out, code) = p.check_short();
        assert_eq!(code, 0, "{marker:?}: {out}");
        assert!(!out.contains("orphan-caption"), "{marker:?}: {out}");
    }
}
