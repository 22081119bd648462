//! Shared registries at the root of the sources folder: actors, acronyms, glossary and
//! legal instruments. Their schemas are strict, like every other project file.

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::LocalText;

/// All registries of a project (empty when a file is absent).
#[derive(Debug, Clone, Default)]
pub struct Registries {
    /// `actors.yaml`.
    pub actors: Vec<Actor>,
    /// `acronyms.yaml`.
    pub acronyms: Vec<Acronym>,
    /// `glossary.yaml`.
    pub terms: Vec<Term>,
    /// `legal.yaml`.
    pub instruments: Vec<Instrument>,
    /// `bibliography.yaml` (hayagriva's format), when present and readable.
    pub bibliography: Option<Bibliography>,
    /// Registry files present but unreadable (malformed YAML, unknown keys): their one
    /// error is reported where they are read, and the checks that look ids up in them stand
    /// down, so one tab in `actors.yaml` is one error, not one per actor used.
    pub unreadable: std::collections::BTreeSet<String>,
}

impl Registries {
    /// Whether the registry file `name` (`actors.yaml`, …) was read, or is absent: its ids
    /// can be trusted to say what is unknown.
    pub fn readable(&self, name: &str) -> bool {
        !self.unreadable.contains(name)
    }
}

/// The works a project cites: `bibliography.yaml` in hayagriva's YAML format (the one
/// Typst reads), keyed by the citation keys used as `[@key]`.
#[derive(Debug, Clone)]
pub struct Bibliography {
    /// The entries.
    pub library: hayagriva::Library,
    /// Where each key is written in the file, for "uncited" warnings.
    pub keys: std::collections::BTreeMap<String, crate::source::Span>,
}

/// `actors.yaml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActorsFile {
    /// The actors.
    pub actors: Vec<Actor>,
}

/// An institution of the referral mechanism.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Stable id used by procedures.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// What kind of institution it is.
    #[serde(rename = "type")]
    pub kind: ActorKind,
    /// Name per language.
    pub name: LocalText,
    /// Acronym per language.
    #[serde(default)]
    pub acronym: Option<LocalText>,
    /// An institutional contact (switchboard, hotline, service address) printed on the
    /// actor's role cards; never a person's own number (the privacy scan applies, so a
    /// telephone number must be on `privacy.allow`).
    #[serde(default)]
    pub contact: Option<LocalText>,
}

/// Kinds of actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ActorKind {
    /// Ministries, committees, public services.
    State,
    /// Courts and prosecutors.
    Justice,
    /// Police, gendarmerie, border services.
    LawEnforcement,
    /// Non-governmental organizations.
    Ngo,
    /// International organizations.
    International,
    /// Community structures.
    Community,
}

/// `acronyms.yaml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AcronymsFile {
    /// The acronyms.
    pub acronyms: Vec<Acronym>,
}

/// An acronym with its expansion per language.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Acronym {
    /// Stable id.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The short form per language (OIM / IOM).
    pub short: LocalText,
    /// The expansion per language.
    pub long: LocalText,
}

/// `glossary.yaml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GlossaryFile {
    /// The terms.
    pub terms: Vec<Term>,
}

/// A defined term.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Stable id.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The term per language.
    pub term: LocalText,
    /// The definition per language.
    pub definition: LocalText,
    /// Where the definition comes from, once or per language.
    #[serde(default)]
    pub source: Option<LocalText>,
}

/// `legal.yaml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalFile {
    /// The instruments.
    pub instruments: Vec<Instrument>,
}

/// A legal instrument.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Stable id.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Short citation per language.
    pub short: LocalText,
    /// Full title per language.
    pub long: LocalText,
    /// Article numbers that may be cited.
    #[serde(default)]
    pub articles: Vec<String>,
}
