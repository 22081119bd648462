//! The schema of `bibliography.yaml`, written by hand: the file is hayagriva's format (the
//! library Typst reads), whose types sopdoc does not own and which take strings or maps
//! (`author: "Name"` or `{name, given-name}`, `date: 2019` or `"2019-05-02"`) through
//! custom deserializers that `schemars` cannot see.
//!
//! Like sopdoc's loader (`src/project/bibliography.rs`), the schema rejects fields hayagriva
//! does not know, so a misspelt `titel:` is underlined in the editor too. The integration
//! test `schema::bibliography_schema_matches_the_loader` feeds every field to the loader.

use serde_json::{Value, json};

/// The entry types hayagriva knows (kebab-case; it also takes them capitalized).
const TYPES: &[&str] = &[
    "article",
    "chapter",
    "entry",
    "anthos",
    "report",
    "thesis",
    "web",
    "scene",
    "artwork",
    "patent",
    "case",
    "newspaper",
    "legislation",
    "manuscript",
    "post",
    "misc",
    "performance",
    "periodical",
    "proceedings",
    "book",
    "blog",
    "reference",
    "conference",
    "anthology",
    "repository",
    "thread",
    "video",
    "audio",
    "exhibition",
    "original",
];

/// Fields whose value is a formattable string: text, or `{value, short}`.
const FORMAT_STRINGS: &[&str] = &[
    "location",
    "organization",
    "archive",
    "archive-location",
    "call-number",
    "note",
    "abstract",
    "genre",
];

/// Fields whose value is a number, or text such as `"2–3"` or `"IV"`.
const NUMERICS: &[&str] = &[
    "issue",
    "chapter",
    "volume",
    "volume-total",
    "edition",
    "page-range",
    "page-total",
    "time-range",
    "runtime",
];

/// Every field of an entry: the loader's own list, so schema and loader cannot drift.
pub const FIELDS: &[&str] = crate::project::BIBLIOGRAPHY_FIELDS;

/// The schema, draft-07.
pub fn schema() -> Value {
    let mut types: Vec<Value> = TYPES.iter().map(|t| json!(t)).collect();
    types.extend(TYPES.iter().map(|t| json!(capitalized(t))));
    let mut props = serde_json::Map::new();
    for field in FIELDS {
        let v = match *field {
            "type" => json!({"description": "The kind of work.", "enum": types}),
            "parent" => json!({
                "description": "The work this one is part of (a journal, a book), or several.",
                "anyOf": [{"$ref": "#/definitions/entry"},
                          {"type": "array", "items": {"$ref": "#/definitions/entry"}}]
            }),
            "title" => json!({"$ref": "#/definitions/format-string"}),
            "author" | "editor" => json!({
                "anyOf": [{"$ref": "#/definitions/person"},
                          {"type": "array", "items": {"$ref": "#/definitions/person"}}]
            }),
            "date" => json!({
                "description": "A year (`2019`) or a date `YYYY-MM-DD`, `YYYY-MM`.",
                "anyOf": [{"type": "integer"},
                          {"type": "string", "pattern": "^-?[0-9]{1,4}(-[0-9]{2}(-[0-9]{2})?)?$"}]
            }),
            "affiliated" => json!({
                "description": "Other contributors, by role (`{names: [...], role: translator}`).",
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["names", "role"],
                    "properties": {
                        "names": {"anyOf": [{"$ref": "#/definitions/person"},
                                            {"type": "array", "items": {"$ref": "#/definitions/person"}}]},
                        "role": {"type": "string"}
                    },
                    "additionalProperties": false
                }
            }),
            "publisher" => json!({
                "anyOf": [{"type": "string"},
                          {"type": "object",
                           "properties": {"name": {"$ref": "#/definitions/format-string"},
                                          "location": {"$ref": "#/definitions/format-string"}},
                           "additionalProperties": false}]
            }),
            "url" => json!({
                "anyOf": [{"type": "string"},
                          {"type": "object", "required": ["value"],
                           "properties": {"value": {"type": "string"}, "date": {"type": "string"}},
                           "additionalProperties": false}]
            }),
            "serial-number" => json!({
                "description": "An identifier, or several by scheme (`{doi: …, isbn: …}`).",
                "anyOf": [{"type": ["string", "number"]},
                          {"type": "object", "additionalProperties": {"type": ["string", "number"]}}]
            }),
            "language" => {
                json!({"type": "string", "description": "A language tag (`fr`, `en-GB`)."})
            }
            f if FORMAT_STRINGS.contains(&f) => json!({"$ref": "#/definitions/format-string"}),
            f if NUMERICS.contains(&f) => json!({"type": ["integer", "string"]}),
            other => unreachable!("field `{other}` has no schema"),
        };
        props.insert((*field).to_string(), v);
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "bibliography.yaml (hayagriva format)",
        "description": "The works a project cites, keyed by the citation keys used as `[@key]`.",
        "type": "object",
        "additionalProperties": {"$ref": "#/definitions/entry"},
        "definitions": {
            "entry": {
                "type": "object",
                "properties": props,
                "additionalProperties": false
            },
            "format-string": {
                "anyOf": [{"type": ["string", "number"]},
                          {"type": "object", "required": ["value"],
                           "properties": {"value": {"type": "string"},
                                          "short": {"type": "string"}},
                           "additionalProperties": false}]
            },
            "person": {
                "anyOf": [{"type": "string"},
                          {"type": "object", "required": ["name"],
                           "properties": {"name": {"type": "string"},
                                          "given-name": {"type": "string"},
                                          "prefix": {"type": "string"},
                                          "suffix": {"type": "string"},
                                          "comma-suffix": {"type": "boolean"},
                                          "alias": {"type": "string"}},
                           "additionalProperties": false}]
            }
        }
    })
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
