//! The rule catalogue: every rule that sopdoc's own code reports, declared once.
//!
//! A rule is declared here — id, default level — and nowhere else; call sites use the
//! constants (`rules::XREF_UNKNOWN_TARGET`), so a typo is a compile error, not a rule that
//! silently never matches an override. What a rule is for (a one-line summary and a short
//! documentation) is data per language (`locales/<lang>/rules.yaml`), so the interface can
//! speak the author's language. From this table come the validation of `rules:` overrides
//! and suppression comments, SARIF's `tool.driver.rules`, `sopdoc rules`, `sopdoc explain`
//! and the README's rule table (a test keeps them equal).
//!
//! The style packs' rules (`style/iom-fr/…`, `typo/fr/…`) are data too, declared in their
//! pack files; the catalogue names their areas.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::Severity;

/// How a rule reports by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The output would be wrong or unsafe.
    Error,
    /// Style, structure, hygiene.
    Warning,
    /// A suggestion or a state to know about.
    Info,
    /// Reported only when the project switches it on in `rules:`.
    Off,
}

impl Level {
    /// The word used in `rules:` and in listings.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
            Level::Off => "off",
        }
    }

    /// The severity a diagnostic of this level has (an `off` rule that a project switches
    /// on reports as a warning).
    pub fn severity(self) -> Severity {
        match self {
            Level::Error => Severity::Error,
            Level::Warning | Level::Off => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

/// A rule of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The stable `area/name` id, the same in output, `rules:` and suppression comments.
    pub id: &'static str,
    /// The usual level. Some rules depend on context (a final document turns warnings
    /// and some infos into errors); this is the level in a draft.
    pub level: Level,
}

impl Rule {
    /// The area (`xref` of `xref/unknown-target`).
    pub fn area(&self) -> &'static str {
        self.id.split('/').next().unwrap_or(self.id)
    }

    /// What the rule checks, in one line, in `lang` (English when not translated).
    pub fn summary(&self, lang: &str) -> &'static str {
        text(lang, self.id).map_or("", |t| t.summary.as_str())
    }

    /// What the rule checks, why, and how to fix a finding, in `lang`.
    pub fn doc(&self, lang: &str) -> &'static str {
        text(lang, self.id).map_or("", |t| t.doc.as_str())
    }
}

impl From<Rule> for String {
    fn from(r: Rule) -> String {
        r.id.to_string()
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

macro_rules! catalogue {
    ($($name:ident = $id:literal, $level:ident;)*) => {
        $(
            #[doc = concat!("`", $id, "`")]
            pub const $name: Rule = Rule { id: $id, level: Level::$level };
        )*
        /// Every rule of the catalogue, grouped by area.
        pub const ALL: &[Rule] = &[$($name),*];
    };
}

catalogue! {
    PARSE_ENCODING = "parse/encoding", Error;
    PARSE_NUL_BYTE = "parse/nul-byte", Error;
    PARSE_TOO_LARGE = "parse/too-large", Error;
    PARSE_TOO_DEEP = "parse/too-deep", Error;
    PARSE_RAW_HTML = "parse/raw-html", Warning;
    PARSE_MISSING_ALT = "parse/missing-alt", Warning;
    PARSE_ORPHAN_CAPTION = "parse/orphan-caption", Warning;
    PARSE_LAZY_CONTINUATION = "parse/lazy-continuation", Warning;
    PARSE_HEADING_ATTRIBUTE = "parse/heading-attribute", Warning;

    META_MANIFEST = "meta/manifest", Error;
    META_DOCUMENT = "meta/document", Error;
    META_FRONT_MATTER = "meta/front-matter", Error;
    META_REGISTRY = "meta/registry", Error;
    META_INVALID_ID = "meta/invalid-id", Error;
    META_DUPLICATE_ID = "meta/duplicate-id", Error;
    META_INVALID_DATE = "meta/invalid-date", Error;
    META_MISSING_SOURCES = "meta/missing-sources", Error;
    META_VERSION = "meta/version", Warning;
    META_UNKNOWN_LANGUAGE = "meta/unknown-language", Warning;
    META_NOT_A_DOCUMENT = "meta/not-a-document", Warning;
    META_SYMLINK = "meta/symlink", Warning;
    META_UNKNOWN_REGISTRY = "meta/unknown-registry", Warning;
    META_UNKNOWN_RULE = "meta/unknown-rule", Warning;

    STRUCTURE_EMPTY_DOCUMENT = "structure/empty-document", Error;
    STRUCTURE_EMPTY_CHAPTER = "structure/empty-chapter", Warning;
    STRUCTURE_FIRST_HEADING = "structure/first-heading", Warning;
    STRUCTURE_HEADING_JUMP = "structure/heading-jump", Warning;
    STRUCTURE_MISSING_SECTION = "structure/missing-section", Warning;
    STRUCTURE_SECTION_ORDER = "structure/section-order", Warning;
    STRUCTURE_UNKNOWN_SECTION = "structure/unknown-section", Warning;
    STRUCTURE_UNKNOWN_SCHEMA = "structure/unknown-schema", Error;
    STRUCTURE_SCHEMA = "structure/schema", Error;

    PROCEDURE_YAML = "procedure/yaml", Error;
    PROCEDURE_INVALID_ID = "procedure/invalid-id", Error;
    PROCEDURE_NO_STEPS = "procedure/no-steps", Error;
    PROCEDURE_MISSING_ACTION = "procedure/missing-action", Error;
    PROCEDURE_UNKNOWN_ACTOR = "procedure/unknown-actor", Error;
    PROCEDURE_UNKNOWN_STEP = "procedure/unknown-step", Error;
    PROCEDURE_DUPLICATE_STEP = "procedure/duplicate-step", Error;
    PROCEDURE_DUPLICATE_BRANCH = "procedure/duplicate-branch", Error;
    PROCEDURE_SINGLE_BRANCH = "procedure/single-branch", Error;
    PROCEDURE_BRANCHES_WITHOUT_DECISION = "procedure/branches-without-decision", Error;
    PROCEDURE_CONFLICTING_FLOW = "procedure/conflicting-flow", Error;
    PROCEDURE_NO_EXIT = "procedure/no-exit", Error;
    PROCEDURE_MISSING_ACTOR = "procedure/missing-actor", Warning;
    PROCEDURE_UNREACHABLE = "procedure/unreachable", Warning;
    PROCEDURE_MISSING_EXIT = "procedure/missing-exit", Warning;
    PROCEDURE_TRANSLATION_MISMATCH = "procedure/translation-mismatch", Error;
    PROCEDURE_MISSING_FORM = "procedure/missing-form", Warning;
    PROCEDURE_UNUSED_FORM = "procedure/unused-form", Info;
    CARDS_TOO_LONG = "cards/too-long", Warning;
    CARDS_OVERVIEW_SPLIT = "cards/overview-split", Warning;

    XREF_UNKNOWN_TARGET = "xref/unknown-target", Error;
    XREF_UNKNOWN_DOCUMENT = "xref/unknown-document", Error;
    XREF_DUPLICATE_ID = "xref/duplicate-id", Error;
    XREF_UNKNOWN_FOOTNOTE = "xref/unknown-footnote", Error;
    XREF_AMBIGUOUS_FOOTNOTE = "xref/ambiguous-footnote", Error;
    XREF_UNUSED_FOOTNOTE = "xref/unused-footnote", Warning;
    XREF_MISSING_FILE = "xref/missing-file", Error;
    XREF_OUTSIDE_SOURCES = "xref/outside-sources", Error;
    XREF_REMOTE_IMAGE = "xref/remote-image", Error;
    XREF_UNKNOWN_INSTRUMENT = "xref/unknown-instrument", Error;
    XREF_UNKNOWN_ARTICLE = "xref/unknown-article", Error;
    XREF_INVALID_ID = "xref/invalid-id", Warning;
    XREF_EMPTY_LINK = "xref/empty-link", Warning;
    XREF_UNREFERENCED_ANCHOR = "xref/unreferenced-anchor", Off;

    CITE_UNKNOWN_KEY = "cite/unknown-key", Error;
    CITE_UNKNOWN_STYLE = "cite/unknown-style", Error;
    CITE_UNCITED = "cite/uncited", Warning;
    CITE_NO_LIST = "cite/no-list", Warning;

    CONTENT_TO_VERIFY = "content/to-verify", Info;

    TRANSLATE_MISSING_FILE = "translate/missing-file", Error;
    TRANSLATE_UNMATCHED_FILE = "translate/unmatched-file", Error;
    TRANSLATE_MISSING_ID = "translate/missing-id", Error;
    TRANSLATE_NOT_TRANSLATED = "translate/not-translated", Info;
    TRANSLATE_STALE = "translate/stale", Warning;
    TRANSLATE_STATE = "translate/state", Error;
    TRANSLATE_XLIFF_MALFORMED = "translate/xliff-malformed", Error;
    TRANSLATE_XLIFF_VERSION = "translate/xliff-version", Error;
    TRANSLATE_WRONG_LANGUAGE = "translate/wrong-language", Error;
    TRANSLATE_UNKNOWN_FILE = "translate/unknown-file", Error;
    TRANSLATE_UNKNOWN_UNIT = "translate/unknown-unit", Error;
    TRANSLATE_BROKEN_CODE = "translate/broken-code", Error;
    TRANSLATE_STRUCTURE = "translate/structure", Error;
    TRANSLATE_CONFLICT = "translate/conflict", Error;
    TRANSLATE_NOT_IMPORTED = "translate/not-imported", Info;

    REVIEW_MATRIX = "review/matrix", Error;
    REVIEW_DUPLICATE_NUMBER = "review/duplicate-number", Error;
    REVIEW_UNKNOWN_LANGUAGE = "review/unknown-language", Error;
    REVIEW_ORPHANED_COMMENT = "review/orphaned-comment", Warning;
    REVIEW_UNDISPOSED = "review/undisposed", Info;

    PDF_PAGE_LIMIT = "pdf/page-limit", Error;
    PDF_TYPST = "pdf/typst", Error;
    PDF_IMAGE = "pdf/image", Error;

    PRIVACY_PHONE = "privacy/phone", Error;
    PRIVACY_EMAIL = "privacy/email", Error;
    PRIVACY_ID_NUMBER = "privacy/id-number", Error;
    PRIVACY_DATE_OF_BIRTH = "privacy/date-of-birth", Error;
    PRIVACY_SENSITIVE_NAME = "privacy/sensitive-name", Error;
    PRIVACY_SENSITIVE_NAMES_FILE = "privacy/sensitive-names-file", Error;

    SPELLING_WORD_LIST = "spelling/word-list", Warning;

    STYLE_PACK = "style/pack", Error;
}

/// Areas whose rules are declared in style packs (data), not in this table.
pub const PACK_AREAS: &[&str] = &["style", "typo", "spelling"];

/// The catalogued rule with this id.
pub fn find(id: &str) -> Option<Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}

/// The areas of the catalogue and of the packs (`xref`, `style`, …), sorted.
pub fn areas() -> Vec<&'static str> {
    let mut areas: Vec<&str> = ALL
        .iter()
        .map(Rule::area)
        .chain(PACK_AREAS.iter().copied())
        .collect();
    areas.sort_unstable();
    areas.dedup();
    areas
}

/// The text of a rule in one language.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleText {
    summary: String,
    doc: String,
}

/// Languages the rule texts exist in, with their data.
const TEXTS: &[(&str, &str)] = &[
    ("en", include_str!("../../locales/en/rules.yaml")),
    ("fr", include_str!("../../locales/fr/rules.yaml")),
];

fn texts() -> &'static BTreeMap<&'static str, BTreeMap<String, RuleText>> {
    static TEXTS_PARSED: OnceLock<BTreeMap<&'static str, BTreeMap<String, RuleText>>> =
        OnceLock::new();
    TEXTS_PARSED.get_or_init(|| {
        TEXTS
            .iter()
            .map(|(lang, data)| {
                // Built-in data, checked by the tests below: a broken file is a bug.
                let parsed = serde_saphyr::from_str(data)
                    .unwrap_or_else(|e| panic!("locales/{lang}/rules.yaml: {e}"));
                (*lang, parsed)
            })
            .collect()
    })
}

fn text(lang: &str, id: &str) -> Option<&'static RuleText> {
    let all = texts();
    all.get(lang)
        .and_then(|t| t.get(id))
        .or_else(|| all.get("en").and_then(|t| t.get(id)))
}

/// The languages the rule texts are written in.
pub fn text_languages() -> impl Iterator<Item = &'static str> {
    TEXTS.iter().map(|(l, _)| *l)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::disallowed_methods)] // Tests set up their files on disk.
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for r in ALL {
            assert!(seen.insert(r.id), "{} twice", r.id);
            let (area, name) = r.id.split_once('/').expect("area/name");
            assert!(!area.is_empty() && !name.is_empty(), "{}", r.id);
            assert!(
                r.id.bytes().all(|b| b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'/'
                    || b == b'-'),
                "{}",
                r.id
            );
        }
    }

    /// The French rule texts follow French typography, as the catalogues do (see
    /// [`crate::i18n::typography`]).
    #[test]
    fn french_rule_texts_follow_french_typography() {
        let mut found = Vec::new();
        for (id, t) in &texts()["fr"] {
            for (part, text) in [("summary", &t.summary), ("doc", &t.doc)] {
                for fault in crate::i18n::typography::french_typography_faults(text) {
                    found.push(format!("locales/fr/rules.yaml: {id} {part}: {fault}"));
                }
            }
        }
        assert!(found.is_empty(), "French typography: {found:#?}");
    }

    #[test]
    fn every_rule_has_its_texts_in_every_language_and_no_text_is_orphaned() {
        for lang in text_languages() {
            let t = &texts()[lang];
            for r in ALL {
                let rt = t
                    .get(r.id)
                    .unwrap_or_else(|| panic!("{lang}: no text for {}", r.id));
                assert!(!rt.summary.trim().is_empty(), "{lang}: {}", r.id);
                assert!(
                    !rt.summary.contains('\n'),
                    "{lang}: summary of {} on one line",
                    r.id
                );
                assert!(
                    rt.doc.trim().len() >= 40,
                    "{lang}: doc of {} too short",
                    r.id
                );
            }
            for id in t.keys() {
                assert!(find(id).is_some(), "{lang}: text for unknown rule {id}");
            }
        }
    }

    /// Every `"area/name"` literal in the source that looks like a catalogued area's rule
    /// must be declared here, so nothing reports a rule the catalogue does not know.
    #[test]
    fn the_source_reports_only_catalogued_rules() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let areas: Vec<&str> = ALL.iter().map(Rule::area).collect();
        let mut unknown = Vec::new();
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            // Tests may name made-up ids on purpose.
            let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
            for lit in code.split('"').skip(1).step_by(2) {
                let Some((area, name)) = lit.split_once('/') else {
                    continue;
                };
                let looks_like_rule = areas.contains(&area)
                    && !PACK_AREAS.contains(&area)
                    && !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
                if looks_like_rule && find(lit).is_none() {
                    unknown.push(format!("{}: {lit}", entry.path().display()));
                }
            }
        }
        assert!(
            unknown.is_empty(),
            "rules missing from the catalogue: {unknown:#?}"
        );
    }

    /// Call sites name rules through the constants above (a typo is a compile error), never
    /// as string literals.
    #[test]
    fn call_sites_use_the_constants() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut literal = Vec::new();
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "rs")
                || path.ends_with("diag/rules.rs")
                || path.file_name().is_some_and(|n| n == "tests.rs")
            {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
            for (n, line) in code.lines().enumerate() {
                let code = line.split("//").next().unwrap_or(line);
                for lit in code.split('"').skip(1).step_by(2) {
                    if find(lit).is_some() {
                        literal.push(format!("{}:{}: \"{lit}\"", path.display(), n + 1));
                    }
                }
            }
        }
        assert!(
            literal.is_empty(),
            "use the catalogue's constants (rules::NAME, or rules::NAME.id): {literal:#?}"
        );
    }
}
