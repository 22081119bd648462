//! Typography of the registries' texts (issue 18): the titles of `legal.yaml`, the terms
//! and definitions of `glossary.yaml`, the expansions of `acronyms.yaml` and the actors'
//! names print in the documents like the chapters' text, so the typography packs
//! (`typo/fr/…`: apostrophes, no-break spaces) check them the same way, with the same
//! fixes. The wording packs stay out: a legal title keeps its official words.

use std::collections::BTreeSet;

use crate::diag::Diagnostic;
use crate::model::{LocalText, Project};
use crate::source::Span;

use super::RuleSet;
use super::engine::{self, Sink};
use super::scope;

/// The packs that check typography only (their rule ids start with `typo/`).
fn is_typography(pack: &super::CompiledPack) -> bool {
    !pack.rules.is_empty() && pack.rules.iter().all(|r| r.id.starts_with("typo/"))
}

/// (language, text) of every printed text of the registry `name`.
fn texts<'a>(project: &'a Project, name: &str) -> Vec<(&'a str, &'a str)> {
    let src = project.source_language();
    let reg = &project.registries;
    let mut local: Vec<&LocalText> = Vec::new();
    match name {
        "actors.yaml" => local.extend(reg.actors.iter().map(|a| &a.name)),
        "acronyms.yaml" => local.extend(reg.acronyms.iter().map(|a| &a.long)),
        "glossary.yaml" => {
            for t in &reg.terms {
                local.extend([&t.term, &t.definition]);
                local.extend(t.source.as_ref());
            }
        }
        "legal.yaml" => {
            for i in &reg.instruments {
                local.extend([&i.short, &i.long]);
            }
        }
        _ => {}
    }
    let mut out = Vec::new();
    for t in local {
        match t {
            LocalText::Same(s) => out.push((src, s.as_str())),
            LocalText::PerLanguage(map) => {
                out.extend(map.iter().map(|(l, s)| (l.as_str(), s.as_str())))
            }
        }
    }
    out
}

/// Lints the texts of every readable registry with the typography packs of their
/// language. A text is located where it is written verbatim in the file, outside
/// comments (a quoted or plain scalar without escapes, which is how registries are
/// written); a text the file only holds through escapes is left alone rather than
/// misplaced.
pub(super) fn lint(
    project: &Project,
    rules: &RuleSet,
    fates: crate::check::Fates<'_>,
    diags: &mut Vec<Diagnostic>,
    mut hidden: Option<&mut crate::diag::Hidden>,
) {
    let sources = project.manifest.sources.trim_end_matches('/');
    for name in [
        "actors.yaml",
        "acronyms.yaml",
        "glossary.yaml",
        "legal.yaml",
    ] {
        if !project.registries.readable(name) {
            continue;
        }
        let path = format!("{sources}/{name}");
        let Some((id, file)) = project.sources.iter().find(|(_, f)| f.path == path) else {
            continue;
        };
        let mut seen = BTreeSet::new();
        let sup = super::suppress::Suppressions::for_yaml(id, file);
        let mut found = crate::diag::capped::Capped::new();
        for (lang, text) in texts(project, name) {
            let packs: Vec<_> = rules
                .packs
                .iter()
                .filter(|p| p.applies_to(lang) && is_typography(p))
                .collect();
            if packs.is_empty() || text.trim().is_empty() {
                continue;
            }
            for (at, _) in file.text.match_indices(text) {
                // Not in a comment, and once per place.
                let line = &file.text[file.text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
                if line.contains('#') || !seen.insert(at) {
                    continue;
                }
                let run = scope::verbatim_run(text, Span::new(id, at..at + text.len()));
                let mut sink = Sink {
                    source: &file.text,
                    findings: &mut found,
                    suppressions: Some(&sup),
                    fates,
                };
                for pack in &packs {
                    engine::lint_run(pack, &run, &mut sink);
                }
            }
        }
        let (kept, counted) = found.finish();
        diags.extend(kept);
        if let Some(h) = hidden.as_deref_mut() {
            h.merge(counted);
        }
    }
}
