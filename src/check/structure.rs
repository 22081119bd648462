//! Structure schemas: the sections each kind of document must contain, in order.
//!
//! Schemas are data (`styles/structure/<name>.yaml`, compiled in; a project's own file of
//! the same name replaces the bundled one). A document uses the schema named by its
//! `structure:` key, else the one of its kind; `structure: none` switches it off. A heading
//! opens a schema section when its id is one of the section's `ids`, or when it names the
//! section with `{section=<id>}`, so recognition never depends on the words of a language.
//! Missing and out-of-order sections are warnings, errors once the document is final
//! (through the common severity policy).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diag::{Diagnostic, did_you_mean, rules};
use crate::model::{BlockKind, Document, LocalText, Project};
use crate::msg;
use crate::source::{SourceFile, SourceMap, Span};
use crate::yaml::{self, Embedding};

/// The bundled schemas: (name, text).
const BUNDLED: &[(&str, &str)] = &[
    ("sop", include_str!("../../styles/structure/sop.yaml")),
    (
        "desk-review",
        include_str!("../../styles/structure/desk-review.yaml"),
    ),
    ("report", include_str!("../../styles/structure/report.yaml")),
];

/// Where a project keeps its own schemas.
const PROJECT_DIR: &str = crate::model::PROJECT_STRUCTURE_DIR;

/// One schema file.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Schema {
    /// The name documents use in `structure:`.
    name: String,
    /// The sections, in the order a document must have them.
    sections: Vec<Section>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Section {
    id: String,
    title: LocalText,
    /// Heading ids that open this section.
    #[serde(default)]
    ids: Vec<String>,
    /// The section is the annexes: any annex chapter opens it.
    #[serde(default)]
    annex: bool,
}

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let schemas = load(project, diags);
    for doc in &project.documents {
        let name = doc
            .meta
            .structure
            .clone()
            .unwrap_or_else(|| doc.meta.kind.as_str().to_string());
        if name == "none" {
            continue;
        }
        match schemas.get(&name) {
            Some(schema) => check_document(project, doc, schema, diags),
            None => {
                let known = schemas.keys().map(String::as_str).chain(["none"]);
                let hint = did_you_mean(&name, known).unwrap_or_else(|| {
                    msg!(
                        "structure-unknown-schema-hint",
                        schemas = schemas.keys().cloned().collect::<Vec<_>>().join(", "),
                        file = format!("{PROJECT_DIR}/{name}.yaml")
                    )
                    .into()
                });
                diags.push(
                    Diagnostic::error(
                        rules::STRUCTURE_UNKNOWN_SCHEMA,
                        msg!("structure-unknown-schema", name = &name),
                    )
                    .at(Span::file_start(doc.meta_source))
                    .hint(hint),
                );
            }
        }
    }
}

/// Bundled schemas, each replaced by the project's file of the same name (read by the
/// loader, so their problems point into them).
fn load(project: &Project, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, Schema> {
    project_schemas(project, bundled(), diags)
}

/// The schemas compiled into sopdoc.
fn bundled() -> BTreeMap<String, Schema> {
    let mut out = BTreeMap::new();
    let mut bundled = SourceMap::new();
    for (name, text) in BUNDLED {
        let id = bundled.add(SourceFile::new(
            format!("(bundled) {PROJECT_DIR}/{name}.yaml"),
            None,
            (*text).to_string(),
        ));
        let file = bundled.get(id);
        let at = Embedding {
            source: id,
            offset: 0,
        };
        // The bundled schemas are tested; a broken one is a bug of sopdoc, not of the project.
        if let Ok(schema) = yaml::parse::<Schema>(text, file, at, rules::STRUCTURE_SCHEMA.id) {
            out.insert((*name).to_string(), schema);
        }
    }
    out
}

/// Reads the project's own schemas over `out`.
fn project_schemas(
    project: &Project,
    mut out: BTreeMap<String, Schema>,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Schema> {
    for &id in &project.schema_files {
        let file = project.sources.get(id);
        let Some(stem) = Path::new(&file.path).file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let at = Embedding {
            source: id,
            offset: 0,
        };
        match yaml::parse::<Schema>(&file.text, file, at, rules::STRUCTURE_SCHEMA.id) {
            Ok(schema) => {
                out.insert(stem.to_string(), schema);
            }
            Err(d) => {
                out.remove(stem);
                diags.push(d);
            }
        }
    }
    out
}

/// Which section each heading of the source language opens, in document order.
fn check_document(project: &Project, doc: &Document, schema: &Schema, diags: &mut Vec<Diagnostic>) {
    let Some(t) = doc.translations.first() else {
        return;
    };
    let lang = t.lang.as_str();
    let src = project.source_language();
    let by_id: BTreeMap<&str, usize> = schema
        .sections
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            s.ids
                .iter()
                .map(move |id| (id.as_str(), i))
                .chain([(s.id.as_str(), i)])
        })
        .collect();
    let annex_section = schema.sections.iter().position(|s| s.annex);
    // (schema index, where) of each section met, first occurrence only.
    let mut met: Vec<(usize, Span)> = Vec::new();
    for ch in &t.chapters {
        for b in &ch.blocks {
            let BlockKind::Heading(h) = &b.kind else {
                continue;
            };
            let found = if ch.meta.annex && h.level == 1 {
                annex_section
            } else if let Some(named) = &h.section {
                let i = schema.sections.iter().position(|s| &s.id == named);
                if i.is_none() {
                    let ids = schema.sections.iter().map(|s| s.id.as_str());
                    diags.push(
                        Diagnostic::warning(
                            rules::STRUCTURE_UNKNOWN_SECTION,
                            msg!(
                                "structure-unknown-section",
                                schema = &schema.name,
                                section = named
                            ),
                        )
                        .at(b.span)
                        .hint(did_you_mean(named, ids).unwrap_or_else(|| {
                            msg!(
                                "structure-sections",
                                sections = schema
                                    .sections
                                    .iter()
                                    .map(|s| s.id.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                            .into()
                        })),
                    );
                }
                i
            } else {
                h.explicit_id
                    .as_deref()
                    .and_then(|id| by_id.get(id).copied())
            };
            if let Some(i) = found
                && !met.iter().any(|(j, _)| *j == i)
            {
                met.push((i, b.span));
            }
        }
    }
    let title = |i: usize| schema.sections[i].title.get(lang, src).to_string();
    let mut furthest: Option<usize> = None;
    for &(i, span) in &met {
        match furthest {
            Some(f) if i < f => diags.push(
                Diagnostic::warning(
                    rules::STRUCTURE_SECTION_ORDER,
                    msg!(
                        "structure-section-order",
                        i = &title(i),
                        f = &title(f),
                        name = &schema.name
                    ),
                )
                .at(span)
                .hint(msg!("structure-section-order-hint")),
            ),
            _ => furthest = Some(i),
        }
    }
    let missing: Vec<usize> = (0..schema.sections.len())
        .filter(|i| !met.iter().any(|(j, _)| j == i))
        .collect();
    if missing.is_empty() {
        return;
    }
    let names: Vec<String> = missing.iter().map(|&i| format!("“{}”", title(i))).collect();
    let mut d = Diagnostic::warning(
        rules::STRUCTURE_MISSING_SECTION,
        msg!(
            "structure-missing-section",
            doc_id = &doc.id(),
            count = missing.len(),
            name = &schema.name,
            sections = names.join(", ")
        ),
    )
    .at(Span::file_start(doc.meta_source));
    for &i in &missing {
        let s = &schema.sections[i];
        d = d.hint(if s.annex {
            msg!("structure-missing-section-annex")
        } else {
            let id = s.ids.first().unwrap_or(&s.id);
            msg!(
                "structure-missing-section-chapter",
                title = title(i),
                id = id,
                section = &s.id
            )
        });
    }
    d = d.hint(msg!("structure-missing-section-hint"));
    diags.push(d);
}

/// The JSON Schema of a structure schema file (`styles/structure/*.yaml`), from the type
/// the loader reads, so the two cannot drift (`sopdoc schema structure`).
pub fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    generator.root_schema_for::<Schema>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_schemas_load() {
        let schemas = bundled();
        assert_eq!(
            schemas.keys().collect::<Vec<_>>(),
            ["desk-review", "report", "sop"]
        );
        for (name, s) in &schemas {
            assert_eq!(&s.name, name);
        }
        assert_eq!(schemas["sop"].sections.len(), 10);
    }
}
