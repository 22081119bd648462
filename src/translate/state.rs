//! The translation state file: what each translated unit was made from.
//!
//! `<document>/<lang>/translation.yaml`, beside the translated chapters (sopdoc reads only
//! `*.md` there as chapters), written by `sopdoc translate import` and meant to be
//! committed with the translation. Per chapter file and unit id it holds two fingerprints
//! ([`super::segment::fingerprint`]): the source text the translation was made from, and
//! the translated text as imported. The first tells stale translations (the source moved
//! on); the second tells hand edits made after the import (the translation moved on).
//!
//! ```yaml
//! # sopdoc translation state: written by `sopdoc translate import`; commit it, do not edit it.
//! version: 1
//! source_language: "fr"
//! chapters:
//!   "01-objet.md":
//!     "objet.h": ["1f0c3a9b5e2d4c67", "8a1e6f2b0c9d3e45"]
//! ```

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::model::{Document, Project};
use crate::msg;
use crate::source::{SourceFile, SourceMap, relative_path};
use crate::world::World;
use crate::yaml::{self, Embedding};

/// File name of the state file in a translation's folder.
pub const STATE_FILE: &str = "translation.yaml";

/// Fingerprints of one translated unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitState {
    /// Fingerprint of the source text the translation was made from.
    pub source: String,
    /// Fingerprint of the translated text when it was imported.
    pub target: String,
}

/// The state of one document's translation into one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TranslationState {
    /// Source language the fingerprints refer to.
    pub source_language: String,
    /// Chapter file name → unit id → fingerprints.
    pub chapters: BTreeMap<String, BTreeMap<String, UnitState>>,
}

impl TranslationState {
    /// The entry of a unit, if recorded.
    pub fn unit(&self, file: &str, id: &str) -> Option<&UnitState> {
        self.chapters.get(file)?.get(id)
    }
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct StateFile {
    version: u32,
    source_language: String,
    #[serde(default)]
    chapters: BTreeMap<String, BTreeMap<String, [String; 2]>>,
}

/// Where the state file of `doc` in `lang` lives.
pub fn path(project: &Project, doc: &Document, lang: &str) -> PathBuf {
    project
        .root
        .join(&project.manifest.sources)
        .join(&doc.folder)
        .join(lang)
        .join(STATE_FILE)
}

/// Reads a state file, registering it in `sources` for diagnostics. `Ok(None)` when there is
/// none; a diagnostic (`translate/state`) when it is unreadable.
pub fn read(
    world: &dyn World,
    root: &Path,
    path: &Path,
    sources: &mut SourceMap,
) -> Result<Option<TranslationState>, Diagnostic> {
    let Ok(text) = world.read_to_string(path) else {
        if world.exists(path) {
            return Err(Diagnostic::error(
                rules::TRANSLATE_STATE,
                msg!("translate-state", path = &(relative_path(root, path))),
            )
            .at_path(relative_path(root, path)));
        }
        return Ok(None);
    };
    let rel = relative_path(root, path);
    let id = match sources.find(&rel) {
        Some(id) => id,
        None => sources.add(SourceFile::new(rel, Some(path.into()), text)),
    };
    let file = sources.get(id).clone();
    // Parsed states are kept per process by their text: the `translate/stale` check reads
    // every state file on each analysis of the editor server and watch mode.
    type Cache = Mutex<HashMap<u64, TranslationState>>;
    static PARSED: OnceLock<Cache> = OnceLock::new();
    let key = {
        let mut h = DefaultHasher::new();
        file.text.hash(&mut h);
        h.finish()
    };
    let parsed_states = PARSED.get_or_init(Default::default);
    if let Some(hit) = parsed_states
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key)
    {
        return Ok(Some(hit.clone()));
    }
    let at = Embedding {
        source: id,
        offset: 0,
    };
    let parsed: StateFile = yaml::parse(&file.text, &file, at, rules::TRANSLATE_STATE.id)
        .map_err(|d| d.hint(msg!("translate-state-hint")))?;
    if parsed.version != 1 {
        return Err(Diagnostic::error(
            rules::TRANSLATE_STATE,
            msg!("translate-state-2", version = &parsed.version),
        )
        .at(crate::source::Span::file_start(id)));
    }
    let state = TranslationState {
        source_language: parsed.source_language,
        chapters: parsed
            .chapters
            .into_iter()
            .map(|(f, units)| {
                let units = units
                    .into_iter()
                    .map(|(u, [source, target])| (u, UnitState { source, target }))
                    .collect();
                (f, units)
            })
            .collect(),
    };
    let mut cache = parsed_states.lock().unwrap_or_else(|e| e.into_inner());
    if cache.len() >= 256 {
        cache.clear();
    }
    cache.insert(key, state.clone());
    Ok(Some(state))
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The state file's text: sorted, one unit a line, so its diffs are readable.
pub fn render(state: &TranslationState) -> String {
    let mut o = String::from(
        "# sopdoc translation state: written by `sopdoc translate import`; commit it, do not edit it.\n# Per unit: [fingerprint of the source it was translated from, fingerprint of the imported translation].\n",
    );
    o.push_str("version: 1\n");
    o.push_str(&format!(
        "source_language: {}\n",
        quote(&state.source_language)
    ));
    if state.chapters.values().all(|c| c.is_empty()) {
        o.push_str("chapters: {}\n");
        return o;
    }
    o.push_str("chapters:\n");
    for (file, units) in &state.chapters {
        if units.is_empty() {
            continue;
        }
        o.push_str(&format!("  {}:\n", quote(file)));
        for (id, u) in units {
            o.push_str(&format!(
                "    {}: [{}, {}]\n",
                quote(id),
                quote(&u.source),
                quote(&u.target)
            ));
        }
    }
    o
}

/// The JSON Schema of a state file, from the type the loader reads (`sopdoc schema
/// translation`).
pub fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    generator.root_schema_for::<StateFile>()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::disallowed_methods)] // Tests set up their files on disk.
    use super::*;

    #[test]
    fn state_round_trips() {
        let mut s = TranslationState {
            source_language: "fr".into(),
            ..Default::default()
        };
        s.chapters.entry("01-a.md".into()).or_default().insert(
            "objet.h".into(),
            UnitState {
                source: "0123456789abcdef".into(),
                target: "1e10000000000000".into(),
            },
        );
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(STATE_FILE);
        std::fs::write(&p, render(&s)).unwrap();
        let mut sources = SourceMap::new();
        let back = read(&crate::world::DiskWorld, dir.path(), &p, &mut sources)
            .unwrap()
            .unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn broken_state_is_a_diagnostic() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(STATE_FILE);
        std::fs::write(&p, "version: 1\nsource_language: fr\nunknown: 2\n").unwrap();
        let mut sources = SourceMap::new();
        let d = read(&crate::world::DiskWorld, dir.path(), &p, &mut sources).unwrap_err();
        assert_eq!(d.rule, "translate/state");
    }
}
