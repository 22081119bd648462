//! Project and document metadata: `sopdoc.yaml`, `document.yaml` and chapter front matter.
//!
//! These types are the project format contract of DESIGN.md. They are strict
//! (`deny_unknown_fields`), so a mistyped key becomes a located diagnostic with a
//! "did you mean" hint instead of being silently ignored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

/// Text given per language (`{fr: "…", en: "…"}`) or once for all languages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum LocalText {
    /// The same text in every language.
    Same(String),
    /// One text per language code; languages the manifest does not list are ignored.
    PerLanguage(BTreeMap<String, String>),
}

impl LocalText {
    /// The text for `lang`, else the text for `fallback` (the source language), else any.
    pub fn get<'a>(&'a self, lang: &str, fallback: &str) -> &'a str {
        match self {
            LocalText::Same(s) => s,
            LocalText::PerLanguage(map) => map
                .get(lang)
                .or_else(|| map.get(fallback))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    /// Whether a text exists for `lang` itself (not through a fallback).
    pub fn has(&self, lang: &str) -> bool {
        match self {
            LocalText::Same(_) => true,
            LocalText::PerLanguage(map) => map.contains_key(lang),
        }
    }
}

/// `sopdoc.yaml`, the project manifest.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The collection's title.
    pub title: LocalText,
    /// Languages; the first is the source language.
    #[schemars(with = "Vec<String>")]
    pub languages: Vec<Spanned<String>>,
    /// Folder of the documents, relative to the project root.
    #[serde(default = "default_sources")]
    pub sources: String,
    /// Output folder, relative to the project root.
    #[serde(default = "default_output")]
    pub output: String,
    /// The publishing organization, printed on covers and imprint pages.
    #[serde(default)]
    pub publisher: Option<Publisher>,
    /// Funding statement per language (the donor's required disclaimer).
    #[serde(default)]
    pub funding: Option<LocalText>,
    /// Copyright line per language.
    #[serde(default)]
    pub copyright: Option<LocalText>,
    /// Required citation per language.
    #[serde(default)]
    pub citation: Option<LocalText>,
    /// Logo file for the cover, relative to the project root.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub logo: Option<Spanned<String>>,
    /// Folders outside `sources` whose files chapters may show or link to (and so
    /// publish), relative to the project root: `assets: [images, forms]`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub assets: Vec<Spanned<String>>,
    /// Severity overrides per rule id: `error`, `warning`, `info` or `off`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub rules: BTreeMap<String, Spanned<String>>,
    /// Settings of the privacy scan (allowlist, sensitive names).
    #[serde(default)]
    pub privacy: Privacy,
    /// The citation style of `[@key]` citations and reference lists: a style name that
    /// Typst's bibliography library knows (`chicago-author-date` by default, `apa`, …).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub bibliography_style: Option<Spanned<String>>,
    /// The project's own words for cross-references, per language (`fr: {section: "§"}`).
    #[serde(default)]
    pub words: BTreeMap<String, ReferenceWords>,
}

/// The `privacy:` block of `sopdoc.yaml`.
///
/// ```yaml
/// privacy:
///   allow: ["80 00 11 14", "contact@example.org"]   # institutional contacts
///   sensitive_names: private/names.txt              # one name per line, never committed
/// ```
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Privacy {
    /// Institutional contacts (hotlines, service addresses) that may appear in the sources.
    /// Phone numbers are compared by their digits, e-mail addresses case-insensitively.
    #[serde(default)]
    pub allow: Vec<String>,
    /// A file, relative to the project root, listing names that must never appear
    /// (one per line; `#` starts a comment).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub sensitive_names: Option<Spanned<String>>,
}

fn default_sources() -> String {
    "sop-sources".into()
}

fn default_output() -> String {
    "build".into()
}

/// The publisher block.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// Name of the organization.
    pub name: LocalText,
    /// Postal address (an institution's, never a person's).
    #[serde(default)]
    pub address: Option<LocalText>,
    /// Website.
    #[serde(default)]
    pub website: Option<String>,
}

/// What a document is; selects its structure schema and its words on covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// A standard operating procedure.
    Sop,
    /// A desk review of the framework.
    DeskReview,
    /// A report (e.g. of key-informant interviews).
    Report,
}

impl DocKind {
    /// The name as written in `document.yaml`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Sop => "sop",
            DocKind::DeskReview => "desk-review",
            DocKind::Report => "report",
        }
    }
}

/// Where a document stands; drafts carry a watermark and lenient checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Work in progress.
    Draft,
    /// Sent for comments.
    Review,
    /// Adopted; warnings become errors.
    Final,
}

impl Status {
    /// The name as written in `document.yaml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Final => "final",
        }
    }
}

/// `document.yaml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    /// Stable, unique id, `[a-z0-9-]+`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// What the document is.
    pub kind: DocKind,
    /// Title per language.
    pub title: LocalText,
    /// Version, e.g. `0.3.0`.
    #[schemars(with = "String")]
    pub version: Spanned<String>,
    /// Draft, review or final.
    pub status: Status,
    /// Date of this version, `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub date: Spanned<String>,
    /// Most pages from the first chapter to the last page before the annexes.
    #[serde(default)]
    pub page_limit: Option<u32>,
    /// Fewest pages, counted like `page_limit`.
    #[serde(default)]
    pub min_pages: Option<u32>,
    /// Code printed on the cover, in running heads and in references from other
    /// documents: one string, or one per language (`{fr: PSO-01, en: SOP-01}`). See
    /// [`DocumentMeta::code`] for the default.
    #[serde(default)]
    pub code: Option<LocalText>,
    /// Short title for running heads.
    #[serde(default)]
    pub short_title: Option<LocalText>,
    /// Subtitle on the cover.
    #[serde(default)]
    pub subtitle: Option<LocalText>,
    /// Authors (institutions or roles).
    #[serde(default)]
    pub authors: Vec<String>,
    /// Structure schema to apply; defaults by kind.
    #[serde(default)]
    pub structure: Option<String>,
    /// Classification marking (e.g. "Usage interne").
    #[serde(default)]
    pub classification: Option<LocalText>,
    /// Revision history, oldest first.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    /// Validation steps (committee adoption, Council of Ministers).
    #[serde(default)]
    pub validation: Vec<ValidationEntry>,
}

impl DocumentMeta {
    /// The code written in `document.yaml` for `lang` (`source`, the project's source
    /// language, is the fallback of a map that lacks `lang`); `None` without `code:`, when
    /// `crate::l10n::document_code` supplies the language's default.
    pub fn explicit_code(&self, lang: &str, source: &str) -> Option<&str> {
        self.code.as_ref().map(|c| c.get(lang, source))
    }
}

/// One row of the revision history.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// Version number.
    pub version: String,
    /// Date, `YYYY-MM-DD`.
    pub date: String,
    /// What changed.
    pub changes: LocalText,
    /// Who made the change (a role or institution): one text, or one per language.
    #[serde(default)]
    pub by: Option<LocalText>,
}

/// One validation step.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidationEntry {
    /// The validating body.
    pub body: LocalText,
    /// Date, `YYYY-MM-DD`, once it happened.
    #[serde(default)]
    pub date: Option<String>,
    /// Where.
    #[serde(default)]
    pub place: Option<LocalText>,
    /// The decision taken.
    #[serde(default)]
    pub decision: Option<LocalText>,
}

/// Front matter of a chapter file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterMeta {
    /// Label in navigation (not printed as a second heading).
    #[serde(default)]
    pub title: Option<String>,
    /// The chapter is an annex, lettered A, B, ….
    #[serde(default)]
    pub annex: bool,
    /// Stable id of the chapter.
    #[serde(default)]
    pub id: Option<String>,
}

/// A best-effort valid id from arbitrary text (for fixes).
pub fn slug(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in text.nfd() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_' || c == '.')
            && !out.ends_with('-')
            && !out.is_empty()
        {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Whether `id` is a valid document or anchor id: `[a-z0-9]` words joined by `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `date` is a real calendar date written `YYYY-MM-DD`.
pub fn is_valid_date(date: &str) -> bool {
    crate::date::parse(date).is_some()
}

/// Folder of a project's own style rule packs, relative to its root.
pub const PROJECT_RULES_DIR: &str = "styles/rules";

/// Where a project keeps its own structure schemas (each replaces the bundled one of its name).
pub const PROJECT_STRUCTURE_DIR: &str = "styles/structure";

/// Folder of a project's spelling word lists, relative to its root.
pub const WORD_LISTS_DIR: &str = "styles";

/// Whether `name` is a word list's file name: `words.txt` (every language) or
/// `words.<lang>.txt` (one language).
pub fn is_word_list_name(name: &str) -> bool {
    name == "words.txt"
        || name
            .strip_prefix("words.")
            .and_then(|r| r.strip_suffix(".txt"))
            .is_some_and(|lang| !lang.is_empty() && !lang.contains('.'))
}

/// The language a word list is for (`words.fr.txt` → `fr`); `None` for `words.txt`, which
/// serves every language.
pub fn word_list_language(name: &str) -> Option<&str> {
    name.strip_prefix("words.")?.strip_suffix(".txt")
}

/// A project's own words for cross-references, per language (`words:` in sopdoc.yaml):
/// "§ 3.2" instead of "section 3.2", "PON 2" instead of "PSO 2". Unset words keep the
/// built-in ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferenceWords {
    /// "section".
    #[serde(default)]
    pub section: Option<String>,
    /// "annexe".
    #[serde(default)]
    pub annex: Option<String>,
    /// "tableau".
    #[serde(default)]
    pub table: Option<String>,
    /// "figure".
    #[serde(default)]
    pub figure: Option<String>,
    /// "PSO", before the number of another SOP.
    #[serde(default)]
    pub sop: Option<String>,
    /// "procédure".
    #[serde(default)]
    pub procedure: Option<String>,
    /// "étape".
    #[serde(default)]
    pub step: Option<String>,
    /// "de la procédure", between a step and its procedure.
    #[serde(default)]
    pub step_of: Option<String>,
    /// "note", before a footnote's number.
    #[serde(default)]
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("sop-01"));
        assert!(!is_valid_id("SOP-01"));
        assert!(!is_valid_id("sop_01"));
        assert!(!is_valid_id("-a"));
        assert!(!is_valid_id(""));
    }

    #[test]
    fn dates() {
        assert!(is_valid_date("2024-02-29"));
        assert!(!is_valid_date("2023-02-29"));
        assert!(!is_valid_date("2023-13-01"));
        assert!(!is_valid_date("28/11/2026"));
    }

    #[test]
    fn local_text_falls_back_to_source_language() {
        let t = LocalText::PerLanguage([("fr".to_string(), "Titre".to_string())].into());
        assert_eq!(t.get("en", "fr"), "Titre");
        assert!(!t.has("en"));
    }
}
