//! Shared by the fuzz targets: a small valid project held in memory (every YAML entry
//! point present once), its analysis, and the invariant every target checks: each
//! diagnostic points inside the file it names, on character boundaries.
#![allow(dead_code)] // Each target uses part of it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sopdoc::diag::Location;
use sopdoc::world::MemoryWorld;

/// Where the in-memory project lives (nowhere on disk).
pub const ROOT: &str = "/fuzz-project";

/// The project's files: (project-relative path, text). Each is one entry point.
pub const FILES: &[(&str, &str)] = &[
    (
        "sopdoc.yaml",
        "title: {fr: \"Projet\", en: \"Project\"}\nlanguages: [fr, en]\n",
    ),
    (
        "sop-sources/sop-01/document.yaml",
        "id: sop-01\nkind: sop\ntitle: {fr: \"Titre\", en: \"Title\"}\nversion: 0.1.0\nstatus: draft\ndate: 2026-11-28\n",
    ),
    (
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\nLa [](#circuit) oriente la personne[^1].\n\n```procedure\nid: circuit\ntitle: Circuit\nsteps:\n  - id: a\n    actor: police\n    action: Accueillir\n    next: b\n  - id: b\n    actor: police\n    decision: Mineur ?\n    branches: {oui: c, non: c}\n  - id: c\n    actor: police\n    action: Clore\n    exit: Dossier clos\n```\n\n[^1]: Une note.\n",
    ),
    (
        "sop-sources/sop-01/en/01-objet.md",
        "# Purpose {#objet}\n\nThe [](#circuit) refers the person[^1].\n\n[^1]: A note.\n",
    ),
    (
        "sop-sources/actors.yaml",
        "actors:\n  - id: police\n    name: {fr: \"Police\", en: \"Police\"}\n",
    ),
    (
        "sop-sources/glossary.yaml",
        "terms:\n  - id: t1\n    term: {fr: \"Traite\", en: \"Trafficking\"}\n    definition: {fr: \"Déf\", en: \"Def\"}\n",
    ),
    (
        "sop-sources/sop-01/comments.yaml",
        "comments:\n  - number: 1\n    paragraph: \"1-1\"\n    reviewer: \"Awa\"\n    comment: \"Préciser.\"\n",
    ),
    (
        "sop-sources/sop-01/en/translation.yaml",
        "version: 1\nsource_language: fr\nchapters: {}\n",
    ),
    (
        "styles/rules/maison.yaml",
        "pack: maison\nlanguages: [fr]\nrules:\n  - id: mot\n    message: \"écrire « parcours »\"\n    source: essai\n    confidence: synth\n    check: {existence: {tokens: [circuit]}}\n",
    ),
];

pub fn root() -> PathBuf {
    PathBuf::from(ROOT)
}

/// The project with file `replace` (an index into [`FILES`]) holding `bytes` instead.
pub fn world_with(replace: Option<(usize, &[u8])>) -> MemoryWorld {
    let mut world = MemoryWorld::new();
    for (i, (rel, text)) in FILES.iter().enumerate() {
        let bytes = match replace {
            Some((j, bytes)) if j == i => bytes.to_vec(),
            _ => text.as_bytes().to_vec(),
        };
        world.insert(root().join(rel), bytes);
    }
    world
}

/// Loads, resolves and checks the project held in `world`.
pub fn analyze(world: MemoryWorld) -> Option<sopdoc::Analysis> {
    let loaded = sopdoc::project::load_in(&root(), Arc::new(world)).ok()?;
    Some(sopdoc::analyze_loaded_with(loaded, sopdoc::AnalysisOptions::default(), None, |_| ()).0)
}

/// Every span of every diagnostic lies inside its file, on character boundaries.
pub fn assert_spans(analysis: &sopdoc::Analysis) {
    for d in &analysis.diagnostics {
        let spans = d
            .location
            .iter()
            .filter_map(|l| match l {
                Location::Span(s) => Some(*s),
                _ => None,
            })
            .chain(d.related.iter().map(|(s, _)| *s));
        for span in spans {
            let text = &analysis.sources.get(span.source).text;
            let r = span.range();
            assert!(
                r.start <= r.end && r.end <= text.len(),
                "{}: span {r:?} outside its file ({} bytes)",
                d.rule,
                text.len()
            );
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
    }
}

/// Whether `path` is the project's file `rel`.
pub fn is(path: &Path, rel: &str) -> bool {
    path == root().join(rel)
}
