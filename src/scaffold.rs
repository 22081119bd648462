//! Project and document skeletons for `sopdoc init` and `sopdoc new`, compiled into the
//! binary from `templates/scaffold/` so a fresh machine needs nothing else.
#![allow(clippy::disallowed_methods)] // `init` and `new` create a project or document on disk.

use std::path::Path;

use crate::diag::rules;
use crate::error::{Error, Result};
use crate::model::DocKind;
use crate::output::write_atomic;

/// Every scaffold file: (path under templates/scaffold, contents).
pub const FILES: &[(&str, &str)] = &[
    (
        "desk-review/document.yaml",
        include_str!("../templates/scaffold/desk-review/document.yaml"),
    ),
    (
        "desk-review/fr/01-introduction.md",
        include_str!("../templates/scaffold/desk-review/fr/01-introduction.md"),
    ),
    (
        "desk-review/fr/02-methodologie.md",
        include_str!("../templates/scaffold/desk-review/fr/02-methodologie.md"),
    ),
    (
        "desk-review/fr/03-cadre-juridique.md",
        include_str!("../templates/scaffold/desk-review/fr/03-cadre-juridique.md"),
    ),
    (
        "desk-review/fr/04-cadre-institutionnel.md",
        include_str!("../templates/scaffold/desk-review/fr/04-cadre-institutionnel.md"),
    ),
    (
        "desk-review/fr/05-pratiques.md",
        include_str!("../templates/scaffold/desk-review/fr/05-pratiques.md"),
    ),
    (
        "desk-review/fr/06-lacunes-recommandations.md",
        include_str!("../templates/scaffold/desk-review/fr/06-lacunes-recommandations.md"),
    ),
    (
        "desk-review/fr/07-bibliographie.md",
        include_str!("../templates/scaffold/desk-review/fr/07-bibliographie.md"),
    ),
    (
        "project/gitignore",
        include_str!("../templates/scaffold/project/gitignore"),
    ),
    (
        "project/sop-sources/acronyms.yaml",
        include_str!("../templates/scaffold/project/sop-sources/acronyms.yaml"),
    ),
    (
        "project/sop-sources/actors.yaml",
        include_str!("../templates/scaffold/project/sop-sources/actors.yaml"),
    ),
    (
        "project/sop-sources/bibliography.yaml",
        include_str!("../templates/scaffold/project/sop-sources/bibliography.yaml"),
    ),
    (
        "project/sop-sources/glossary.yaml",
        include_str!("../templates/scaffold/project/sop-sources/glossary.yaml"),
    ),
    (
        "project/sop-sources/legal.yaml",
        include_str!("../templates/scaffold/project/sop-sources/legal.yaml"),
    ),
    (
        "project/sopdoc.yaml",
        include_str!("../templates/scaffold/project/sopdoc.yaml"),
    ),
    (
        "report/document.yaml",
        include_str!("../templates/scaffold/report/document.yaml"),
    ),
    (
        "report/fr/01-introduction.md",
        include_str!("../templates/scaffold/report/fr/01-introduction.md"),
    ),
    (
        "report/fr/02-methodologie.md",
        include_str!("../templates/scaffold/report/fr/02-methodologie.md"),
    ),
    (
        "report/fr/03-personnes-ressources.md",
        include_str!("../templates/scaffold/report/fr/03-personnes-ressources.md"),
    ),
    (
        "report/fr/04-guide-entretien.md",
        include_str!("../templates/scaffold/report/fr/04-guide-entretien.md"),
    ),
    (
        "report/fr/05-consentement.md",
        include_str!("../templates/scaffold/report/fr/05-consentement.md"),
    ),
    (
        "report/fr/06-constats.md",
        include_str!("../templates/scaffold/report/fr/06-constats.md"),
    ),
    (
        "report/fr/07-recommandations.md",
        include_str!("../templates/scaffold/report/fr/07-recommandations.md"),
    ),
    (
        "sop/document.yaml",
        include_str!("../templates/scaffold/sop/document.yaml"),
    ),
    (
        "sop/en/01-objet.md",
        include_str!("../templates/scaffold/sop/en/01-objet.md"),
    ),
    (
        "sop/en/02-champ-application.md",
        include_str!("../templates/scaffold/sop/en/02-champ-application.md"),
    ),
    (
        "sop/en/03-definitions.md",
        include_str!("../templates/scaffold/sop/en/03-definitions.md"),
    ),
    (
        "sop/en/04-principes.md",
        include_str!("../templates/scaffold/sop/en/04-principes.md"),
    ),
    (
        "sop/en/05-cadre-juridique.md",
        include_str!("../templates/scaffold/sop/en/05-cadre-juridique.md"),
    ),
    (
        "sop/en/06-roles.md",
        include_str!("../templates/scaffold/sop/en/06-roles.md"),
    ),
    (
        "sop/en/07-procedures.md",
        include_str!("../templates/scaffold/sop/en/07-procedures.md"),
    ),
    (
        "sop/en/08-donnees.md",
        include_str!("../templates/scaffold/sop/en/08-donnees.md"),
    ),
    (
        "sop/en/09-suivi.md",
        include_str!("../templates/scaffold/sop/en/09-suivi.md"),
    ),
    (
        "sop/en/10-annexe-outils.md",
        include_str!("../templates/scaffold/sop/en/10-annexe-outils.md"),
    ),
    (
        "sop/fr/01-objet.md",
        include_str!("../templates/scaffold/sop/fr/01-objet.md"),
    ),
    (
        "sop/fr/02-champ-application.md",
        include_str!("../templates/scaffold/sop/fr/02-champ-application.md"),
    ),
    (
        "sop/fr/03-definitions.md",
        include_str!("../templates/scaffold/sop/fr/03-definitions.md"),
    ),
    (
        "sop/fr/04-principes.md",
        include_str!("../templates/scaffold/sop/fr/04-principes.md"),
    ),
    (
        "sop/fr/05-cadre-juridique.md",
        include_str!("../templates/scaffold/sop/fr/05-cadre-juridique.md"),
    ),
    (
        "sop/fr/06-roles.md",
        include_str!("../templates/scaffold/sop/fr/06-roles.md"),
    ),
    (
        "sop/fr/07-procedures.md",
        include_str!("../templates/scaffold/sop/fr/07-procedures.md"),
    ),
    (
        "sop/fr/08-donnees.md",
        include_str!("../templates/scaffold/sop/fr/08-donnees.md"),
    ),
    (
        "sop/fr/09-suivi.md",
        include_str!("../templates/scaffold/sop/fr/09-suivi.md"),
    ),
    (
        "sop/fr/10-annexe-outils.md",
        include_str!("../templates/scaffold/sop/fr/10-annexe-outils.md"),
    ),
];

fn kind_folder(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Sop => "sop",
        DocKind::DeskReview => "desk-review",
        DocKind::Report => "report",
    }
}

/// Fills `{{id}}`, `{{code_fr}}`, `{{code_en}}` (the codes sopdoc prints when `code:` is
/// left out) and `{{date}}`.
fn fill(text: &str, id: &str, kind: DocKind, date: &str) -> String {
    text.replace("{{id}}", id)
        .replace("{{code_fr}}", &crate::l10n::default_code(id, kind, "fr"))
        .replace("{{code_en}}", &crate::l10n::default_code(id, kind, "en"))
        .replace("{{date}}", date)
}

/// Creates a new project in `dir` (which must be absent or empty) holding one SOP whose
/// source language is `lang` (`fr` or `en`). The project starts in that one language, so
/// it checks clean and a chapter added to it needs no translation yet; adding a language
/// to `languages:` in `sopdoc.yaml` starts the translation (`sopdoc translate export`).
///
/// # Errors
/// [`Error::NotEmpty`] when `dir` has content; [`Error::Usage`] for a language the
/// scaffold does not have; [`Error::Write`] on I/O failure.
pub fn init(dir: &Path, date: &str, lang: &str) -> Result<Vec<String>> {
    let languages: &[&str] = match lang {
        "fr" => &["fr"],
        "en" => &["en"],
        other => {
            return Err(Error::usage(crate::msg!("usage-init-lang", lang = other)));
        }
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::Read {
            path: dir.into(),
            source: e,
        })?;
        if entries.next().is_some() {
            return Err(Error::NotEmpty { path: dir.into() });
        }
    }
    let mut written = Vec::new();
    for (path, text) in FILES {
        let Some(rest) = path.strip_prefix("project/") else {
            continue;
        };
        let target = if rest == "gitignore" {
            ".gitignore".to_string()
        } else {
            rest.to_string()
        };
        let text = if rest == "sopdoc.yaml" {
            text.replace(
                "languages: [fr, en]",
                &format!("languages: [{}]", languages.join(", ")),
            )
        } else {
            text.to_string()
        };
        write_atomic(&dir.join(&target), text.as_bytes())?;
        written.push(target);
    }
    written.extend(new_document(
        dir,
        "sop-sources",
        "sop-01",
        DocKind::Sop,
        date,
        languages,
    )?);
    Ok(written)
}

/// Adds a document skeleton `id` of `kind` under `root/<sources>/`, with its chapters in
/// the first of `languages` (the project's languages) the scaffold has: a new document
/// starts in the source language, its translation comes through `sopdoc translate`.
///
/// # Errors
/// [`Error::NotEmpty`] when the document folder exists; [`Error::Usage`] for an invalid
/// id; [`Error::Write`] on I/O failure.
pub fn new_document(
    root: &Path,
    sources: &str,
    id: &str,
    kind: DocKind,
    date: &str,
    languages: &[&str],
) -> Result<Vec<String>> {
    if !crate::model::is_valid_id(id) {
        return Err(Error::usage(crate::msg!("usage-invalid-id", id = id)));
    }
    let doc_dir = root.join(sources).join(id);
    if doc_dir.exists() {
        return Err(Error::NotEmpty { path: doc_dir });
    }
    let prefix = format!("{}/", kind_folder(kind));
    // A kind without a skeleton in the source language comes in French (the desk review
    // and the report have no English skeleton yet).
    let source = languages.first().copied().unwrap_or("fr");
    let has_own = FILES.iter().any(|(p, _)| {
        p.strip_prefix(&prefix)
            .and_then(|r| r.split_once('/'))
            .is_some_and(|(l, _)| l == source)
    });
    let languages: &[&str] = if has_own { &[source] } else { &["fr"] };
    let mut written = Vec::new();
    for (path, text) in FILES {
        let Some(rest) = path.strip_prefix(&prefix) else {
            continue;
        };
        if let Some((lang, _)) = rest.split_once('/')
            && !languages.contains(&lang)
        {
            continue;
        }
        let target = format!("{sources}/{id}/{rest}");
        write_atomic(&root.join(&target), fill(text, id, kind, date).as_bytes())?;
        written.push(target);
    }
    if kind == DocKind::Sop {
        written.extend(ensure_registries(root, sources)?);
    }
    Ok(written)
}

/// The SOP skeleton names actors of the scaffold's `actors.yaml`, cites instruments of its
/// `legal.yaml` and a work of its `bibliography.yaml`: add the entries the project lacks
/// (creating a file if needed), so a new document checks clean. A registry that does not
/// parse is left alone (the check reports it).
fn ensure_registries(root: &Path, sources: &str) -> Result<Vec<String>> {
    let mut written = Vec::new();
    for name in ["actors.yaml", "legal.yaml", "bibliography.yaml"] {
        if let Some(path) = ensure_registry(root, sources, name)? {
            written.push(path);
        }
    }
    Ok(written)
}

/// The ids of a registry's text, `None` when it does not parse.
fn registry_ids(name: &str, text: &str) -> Option<Vec<String>> {
    use crate::model::registry::{ActorsFile, LegalFile};
    let file = crate::source::SourceFile::new(name, None, text.to_string());
    let mut map = crate::source::SourceMap::new();
    let at = crate::yaml::Embedding {
        source: map.add(file.clone()),
        offset: 0,
    };
    let rule = rules::META_REGISTRY.id;
    match name {
        "actors.yaml" => crate::yaml::parse::<ActorsFile>(text, &file, at, rule)
            .ok()
            .map(|f| f.actors.into_iter().map(|a| a.id.value).collect()),
        "legal.yaml" => crate::yaml::parse::<LegalFile>(text, &file, at, rule)
            .ok()
            .map(|f| f.instruments.into_iter().map(|i| i.id.value).collect()),
        // hayagriva: one entry per top-level key.
        _ => crate::yaml::parse::<std::collections::BTreeMap<String, serde_json::Value>>(
            text, &file, at, rule,
        )
        .ok()
        .map(|m| m.into_keys().collect()),
    }
}

/// The scaffold's entries of registry `name`: (id, text), each from its `  - id:` line (a
/// top-level key for the bibliography) to the next.
fn scaffold_entries(name: &str, scaffold: &str) -> Vec<(String, String)> {
    if name == "bibliography.yaml" {
        let mut out: Vec<(String, String)> = Vec::new();
        for line in scaffold.lines() {
            let top = !line.starts_with([' ', '#']) && !line.is_empty();
            if top {
                let key = line.split(':').next().unwrap_or("").trim().to_string();
                out.push((key, String::new()));
            }
            if let Some((_, text)) = out.last_mut() {
                text.push_str(line);
                text.push('\n');
            }
        }
        return out;
    }
    scaffold
        .split("\n  - id: ")
        .skip(1)
        .map(|entry| {
            let id = entry.lines().next().unwrap_or("").trim().to_string();
            (id, format!("  - id: {}\n", entry.trim_end()))
        })
        .collect()
}

fn ensure_registry(root: &Path, sources: &str, name: &str) -> Result<Option<String>> {
    let scaffold_path = format!("project/sop-sources/{name}");
    let scaffold = FILES
        .iter()
        .find(|(p, _)| *p == scaffold_path)
        .map_or("", |(_, t)| *t);
    let rel = format!("{sources}/{name}");
    let path = root.join(&rel);
    let Ok(current) = std::fs::read_to_string(&path) else {
        write_atomic(&path, scaffold.as_bytes())?;
        return Ok(Some(rel));
    };
    let Some(have) = registry_ids(name, &current) else {
        return Ok(None);
    };
    let missing: String = scaffold_entries(name, scaffold)
        .into_iter()
        .filter(|(id, _)| !have.contains(id))
        .map(|(_, text)| text)
        .collect();
    if missing.is_empty() {
        return Ok(None);
    }
    let mut text = current.clone();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&missing);
    if registry_ids(name, &text).is_none() {
        return Ok(None);
    }
    write_atomic(&path, text.as_bytes())?;
    Ok(Some(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_sop_adds_the_actors_its_procedure_names() {
        let dir = tempfile::tempdir().unwrap();
        let reg = dir.path().join("src/actors.yaml");
        std::fs::create_dir_all(reg.parent().unwrap()).unwrap();
        let own = "actors:\n  - id: oim\n    type: international\n    name: {fr: OIM, en: IOM}\n";
        std::fs::write(&reg, own).unwrap();
        let written = new_document(
            dir.path(),
            "src",
            "sop-02",
            DocKind::Sop,
            "2026-11-29",
            &["fr"],
        )
        .unwrap();
        assert!(written.contains(&"src/actors.yaml".to_string()));
        let text = std::fs::read_to_string(&reg).unwrap();
        assert!(
            text.starts_with(own),
            "the project's own entries are kept as written"
        );
        assert!(text.contains("  - id: police-nationale\n"));
        assert_eq!(text.matches("id: oim").count(), 1, "no duplicate");
        // A second document needs nothing more.
        let written = new_document(
            dir.path(),
            "src",
            "sop-03",
            DocKind::Sop,
            "2026-11-29",
            &["fr"],
        )
        .unwrap();
        assert!(!written.contains(&"src/actors.yaml".to_string()));
    }

    #[test]
    fn every_scaffold_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/scaffold");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| crate::source::relative_path(&dir, e.path()))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded, "update scaffold::FILES");
    }
}
