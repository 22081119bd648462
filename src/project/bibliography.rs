//! `bibliography.yaml`: hayagriva's format, read strictly.
//!
//! hayagriva ignores fields it does not know, so a misspelt `titel:` would silently drop a
//! title from the reference list. sopdoc first reads the file's keys with their spans and
//! reports unknown fields like every other YAML file, then lets hayagriva read the entries.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::rules;
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::registry::Bibliography;
use crate::msg;
use crate::source::{SourceFile, SourceId, Span};
use crate::yaml::{self, Embedding};

/// The fields of an entry in hayagriva's format (the schema of `bibliography.yaml` lists
/// the same).
pub const FIELDS: &[&str] = &[
    "type",
    "parent",
    "title",
    "author",
    "date",
    "editor",
    "affiliated",
    "publisher",
    "location",
    "organization",
    "issue",
    "chapter",
    "volume",
    "volume-total",
    "edition",
    "page-range",
    "page-total",
    "time-range",
    "runtime",
    "url",
    "serial-number",
    "language",
    "archive",
    "archive-location",
    "call-number",
    "note",
    "abstract",
    "genre",
];

/// The field names of one entry (and of its parents), with their spans.
#[derive(Debug, Default)]
struct EntryKeys(Vec<Spanned<String>>);

/// `parent:` holds one entry or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Parents {
    One(EntryKeys),
    Many(Vec<EntryKeys>),
}

impl<'de> Deserialize<'de> for EntryKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EntryKeys;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the fields of a bibliography entry (`type:`, `title:`, `author:` …)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EntryKeys, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    if key.value == "parent" {
                        match map.next_value::<Parents>()? {
                            Parents::One(p) => out.extend(p.0),
                            Parents::Many(ps) => out.extend(ps.into_iter().flat_map(|p| p.0)),
                        }
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                    out.push(key);
                }
                Ok(EntryKeys(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// Reads `bibliography.yaml`, or returns every problem found in it.
pub(super) fn read(file: &SourceFile, id: SourceId) -> Result<Bibliography, Vec<Diagnostic>> {
    let at = Embedding {
        source: id,
        offset: 0,
    };
    let rule = rules::META_REGISTRY.id;
    let entries: BTreeMap<String, Spanned<EntryKeys>> =
        yaml::parse(&file.text, file, at, rule).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    for (key, fields) in &entries {
        for f in &fields.value.0 {
            if !FIELDS.contains(&f.value.as_str()) {
                let hint = did_you_mean(&f.value, FIELDS.iter().copied()).unwrap_or_else(|| {
                    msg!("bibliography-fields", fields = FIELDS.join(", ")).into()
                });
                problems.push(
                    Diagnostic::error(
                        rule,
                        msg!("bibliography-unknown-field", field = &f.value, entry = key),
                    )
                    .at(yaml::value_span(f, &file.text, file, at))
                    .hint(hint),
                );
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let library =
        yaml::parse::<hayagriva::Library>(&file.text, file, at, rule).map_err(|d| vec![d])?;
    let keys = top_level_keys(&file.text)
        .into_iter()
        .map(|(k, r)| (k, Span::new(id, r)))
        .collect();
    Ok(Bibliography { library, keys })
}

/// The keys of a YAML mapping written at column 0 (`key:`), with their byte ranges.
fn top_level_keys(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let first = line.chars().next();
        if first.is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-')
            && let Some(colon) = line.find(':')
        {
            let key = line[..colon].trim().trim_matches(['"', '\'']);
            if !key.is_empty() {
                out.push((key.to_string(), offset..offset + colon));
            }
        }
        offset += line.len();
    }
    out
}
