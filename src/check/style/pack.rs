//! Rule packs as data: the typed YAML schema of `styles/rules/*.yaml`.
//!
//! Rules are data and engines are code (Vale's split), but unlike Vale the YAML is read into
//! closed, strict serde types: a mistyped key or an unknown kind is a located diagnostic when
//! the pack loads, never a silent no-op. The bundled packs are compiled into the binary; a
//! project may add its own files under `styles/rules/`: a rule with the id of a bundled rule
//! replaces it, a new id adds a rule, and `disable: [id, …]` switches bundled rules off.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::scope::ScopeKind;

/// The bundled packs, compiled in: (file name, text).
pub(super) const BUNDLED: &[(&str, &str)] = &[
    (
        "iom-fr.yaml",
        include_str!("../../../styles/rules/iom-fr.yaml"),
    ),
    (
        "iom-en.yaml",
        include_str!("../../../styles/rules/iom-en.yaml"),
    ),
    (
        "typo-fr.yaml",
        include_str!("../../../styles/rules/typo-fr.yaml"),
    ),
    (
        "spelling-fr.yaml",
        include_str!("../../../styles/rules/spelling-fr.yaml"),
    ),
    (
        "spelling-en.yaml",
        include_str!("../../../styles/rules/spelling-en.yaml"),
    ),
];

/// One pack file.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// Pack name (`iom-fr`); files with the same name extend one pack.
    pub pack: String,
    /// Rule-id prefix (`style/iom-fr`); defaults to `style/<pack>`.
    #[serde(default)]
    pub prefix: Option<String>,
    /// Languages whose chapters get the pack; empty = every language.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Bundled rule ids (short ids) this file switches off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// The rules.
    #[serde(default)]
    pub rules: Vec<RuleDef>,
}

/// How sure the reference is of a rule (domain.md's tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Stated in an IOM document or page.
    Iom,
    /// United Nations Editorial Manual, IOM's sanctioned fallback.
    Un,
    /// IOM house style known second-hand.
    IomSecondHand,
    /// General English convention.
    GenEn,
    /// General French convention.
    GenFr,
    /// A synthesis across sources.
    Synth,
    /// Recollection or a single weak source.
    Unverified,
}

impl Confidence {
    /// The tag as written in packs (domain.md's tags, lower-case).
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Iom => "iom",
            Confidence::Un => "un",
            Confidence::IomSecondHand => "iom-second-hand",
            Confidence::GenEn => "gen-en",
            Confidence::GenFr => "gen-fr",
            Confidence::Synth => "synth",
            Confidence::Unverified => "unverified",
        }
    }

    /// Whether the rule is only a hypothesis, which caps its severity at warning.
    pub fn is_tentative(self) -> bool {
        matches!(self, Confidence::Synth | Confidence::Unverified)
    }
}

/// Default severity of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Output would be wrong.
    Error,
    /// Style (the default).
    Warning,
    /// A suggestion.
    Info,
}

/// A text of a pack: one for every reader, or one per interface language
/// (`{fr: "…", en: "…"}`), so a French-speaking author reads the rule in French while JSON
/// and SARIF keep the English.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum PackText {
    /// The same text in every interface language.
    One(String),
    /// One text per interface language (`en`, `fr`).
    PerLanguage(BTreeMap<String, String>),
}

impl PackText {
    /// The text tools read (JSON, SARIF): the English one, else the only or first one.
    pub fn english(&self) -> &str {
        match self {
            PackText::One(s) => s,
            PackText::PerLanguage(m) => m
                .get("en")
                .or_else(|| m.values().next())
                .map_or("", String::as_str),
        }
    }

    /// The texts in the other interface languages, by language code.
    pub fn others(&self) -> Vec<(String, String)> {
        match self {
            PackText::One(_) => Vec::new(),
            PackText::PerLanguage(m) => m
                .iter()
                .filter(|(l, _)| l.as_str() != "en")
                .map(|(l, t)| (l.clone(), t.clone()))
                .collect(),
        }
    }

    /// The languages named that the interface does not speak.
    pub fn unknown_languages(&self) -> Vec<&str> {
        match self {
            PackText::One(_) => Vec::new(),
            PackText::PerLanguage(m) => m
                .keys()
                .map(String::as_str)
                .filter(|l| !crate::i18n::LANGUAGES.contains(l))
                .collect(),
        }
    }
}

/// One rule as written.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Short id, unique in the pack (`traite-trafic`).
    pub id: String,
    /// Message; `{match}` and `{fix}` are replaced by the found and suggested text. One
    /// text, or one per interface language (`{fr: …, en: …}`).
    pub message: PackText,
    /// Default severity.
    #[serde(default = "default_level")]
    pub severity: Level,
    /// Where the rule comes from (reference id and source).
    pub source: String,
    /// How sure the source is.
    pub confidence: Confidence,
    /// Where the rule applies; default: all prose scopes (not quotations).
    #[serde(default)]
    pub scope: Vec<ScopeKind>,
    /// Phrases inside which a match is not reported (official names, fixed expressions).
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// What the rule checks.
    pub check: Check,
}

fn default_level() -> Level {
    Level::Warning
}

/// The kinds of rule (Vale's extension points, as a closed enum).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// Words or patterns that should not appear.
    Existence(Existence),
    /// Wrong → right, fixable.
    Substitution(Substitution),
    /// Capitalization of headings and list items.
    Capitalization(Capitalization),
    /// One spelling per document.
    Consistency(Consistency),
    /// Lengths of sentences and paragraphs.
    Occurrence(Occurrence),
    /// A word written twice in a row.
    Repetition(Repetition),
    /// Acronyms of the registry defined before they are used.
    Conditional(Conditional),
    /// Names of the actor and acronym registries written as registered.
    CanonicalNames(CanonicalNames),
    /// Acronyms of the registry used too rarely in a document to be worth defining.
    AcronymUses(AcronymUses),
    /// Number and date formats that need code.
    Numbers(Numbers),
    /// Typography engines (spaces, quotes, apostrophes).
    Typography(Typography),
    /// Readability per section.
    Readability(Readability),
    /// Words a Hunspell dictionary does not know (and neither the registries nor the
    /// project's word lists).
    Spelling(Spelling),
}

impl Check {
    /// Whether the rule judges wording (terms, spellings, capitals, repeated words), which a
    /// quotation inside a sentence keeps as its source wrote it: such a rule leaves the words
    /// of an inline quotation alone unless it names the `quote` scope, as block quotes are.
    /// Typography, numbers, lengths, acronyms and readability still read quoted text.
    pub fn spares_quotations(&self) -> bool {
        matches!(
            self,
            Check::Existence(_)
                | Check::Substitution(_)
                | Check::Capitalization(_)
                | Check::Consistency(_)
                | Check::Repetition(_)
                | Check::CanonicalNames(_)
                | Check::Spelling(_)
        )
    }
}

/// `existence`: any match is a finding.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Existence {
    /// Literal phrases (matched as whole words).
    #[serde(default)]
    pub tokens: Vec<String>,
    /// Regular expressions.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Match literals regardless of case (default true).
    #[serde(default = "yes")]
    pub ignore_case: bool,
}

/// `substitution`: wrong → right.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Substitution {
    /// Literal swaps, matched as whole words.
    #[serde(default)]
    pub swap: BTreeMap<String, String>,
    /// Regex swaps; replacements use `$1`, `${name}` and `${lower:name}`/`${upper:name}`.
    #[serde(default)]
    pub patterns: Vec<PatternSwap>,
    /// Match regardless of case (default true); a capitalized match keeps its capital.
    #[serde(default = "yes")]
    pub ignore_case: bool,
    /// Offer the replacement as an automatic fix (default true).
    #[serde(default = "yes")]
    pub fix: bool,
}

/// One regex swap.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PatternSwap {
    /// The regular expression.
    pub pattern: String,
    /// The replacement template.
    pub replace: String,
}

fn yes() -> bool {
    true
}

/// `capitalization`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Capitalization {
    /// What is checked.
    pub target: CapTarget,
    /// Words that keep their capital (proper nouns).
    #[serde(default)]
    pub keep: Vec<String>,
    /// Small words never counted.
    #[serde(default)]
    pub minor: Vec<String>,
}

/// Capitalization targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CapTarget {
    /// Headings in sentence case (Title Case Headings are flagged).
    HeadingSentenceCase,
    /// The first word of a list item takes a capital.
    ListItemCapital,
}

/// `consistency`: each group is one concept; the first variant used in a document wins.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consistency {
    /// Groups of variants.
    pub variants: Vec<Vec<String>>,
    /// Compare regardless of case (default true).
    #[serde(default = "yes")]
    pub ignore_case: bool,
}

/// `occurrence`: a maximum length.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Occurrence {
    /// What is counted.
    pub unit: Unit,
    /// The most allowed.
    pub max: usize,
}

/// Units of `occurrence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// Words in one sentence.
    SentenceWords,
    /// Words in one paragraph.
    ParagraphWords,
}

/// `repetition`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Repetition {
    /// Words that may be doubled ("nous nous", "vous vous").
    #[serde(default)]
    pub allow: Vec<String>,
}

/// `conditional`: acronyms from `acronyms.yaml` are spelt out (`long (SHORT)`) before use.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conditional {
    /// Short forms exempt from the rule.
    #[serde(default)]
    pub exempt: Vec<String>,
}

/// `canonical-names`: an institution named in `actors.yaml` (or an acronym's expansion in
/// `acronyms.yaml`) is written in the registry's form; only the capital of the first letter
/// may differ (sentence case, « le ministère de la Justice »).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CanonicalNames {
    /// Also check expansions of `acronyms.yaml` (default true).
    #[serde(default = "yes")]
    pub acronyms: bool,
}

/// `acronym-uses`: an acronym of `acronyms.yaml` used fewer than `min` times in a document
/// (outside headings) is better spelt out.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AcronymUses {
    /// Fewest uses that justify the acronym.
    pub min: usize,
}

/// `numbers`: number checks that need code, not a pattern.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Numbers {
    /// Which check.
    pub format: NumberFormat,
}

/// Number engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NumberFormat {
    /// English: integers under 10 in running text as words.
    EnWordsUnderTen,
    /// English: no numeral at the start of a sentence.
    EnSentenceStart,
    /// French: thousands grouped by a narrow no-break space (`10 000`).
    FrThousands,
}

/// `typography`: French spacing and quotation engines.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Typography {
    /// Which engine.
    pub engine: TypoEngine,
}

/// Typography engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TypoEngine {
    /// A no-break space before `;`, `!` and `?` (narrow, U+202F).
    SpaceBeforeHighPunct,
    /// A no-break space before `:` (U+00A0).
    SpaceBeforeColon,
    /// No-break spaces inside « ».
    GuillemetSpacing,
    /// Straight double quotes → « ».
    StraightQuotesFr,
    /// English quotes “…” at the outer level of French text → « … » (“…” stays inside « »).
    CurlyQuotesFr,
    /// Straight double quotes → “ ” (English).
    StraightQuotesEn,
    /// No space before `,`, `.` and `)`, none after `(`.
    NoSpaceBeforeLowPunct,
    /// No space before `;`, `:`, `!`, `?` (English).
    NoSpaceBeforeHighPunctEn,
    /// Straight apostrophe between letters → ’.
    Apostrophe,
    /// Two or more spaces between words.
    DoubleSpace,
}

/// `spelling`: every word of the prose checked against a dictionary shipped in the binary.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spelling {
    /// Which dictionary.
    pub dictionary: DictionaryName,
}

/// The dictionaries sopdoc ships (see `dictionaries/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DictionaryName {
    /// French (Grammalecte's "classique" dictionary: traditional and 1990 spellings).
    Fr,
    /// British English (LibreOffice's en_GB, which takes -ize and -ise).
    EnGb,
}

/// `readability`: a formula per section.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Readability {
    /// The formula.
    pub formula: Formula,
    /// Sections scoring below this are reported.
    pub min: f64,
    /// Sections with fewer words are not scored.
    #[serde(default = "default_min_words")]
    pub min_words: usize,
}

fn default_min_words() -> usize {
    100
}

/// Readability formulas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Formula {
    /// Kandel & Moles (1958), Flesch adapted to French.
    KandelMoles,
    /// Flesch reading ease (English).
    Flesch,
}
