//! Packs compiled once: every literal phrase of a pack goes into one Aho–Corasick automaton
//! (one for case-folded phrases, one for exact ones), every regex into one `RegexSet` that
//! tells, in a single pass over a run, which of the pack's regexes can match at all.

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexSet};

use super::pack::{Check, Level, PackFile, RuleDef};
use super::scope::ScopeKind;
use crate::diag::Severity;

/// A compiled rule: shared fields plus what its engine needs.
#[derive(Debug)]
pub struct Rule {
    /// Full id (`style/iom-fr/traite-trafic`).
    pub id: String,
    /// Message template (English, or the pack's only text).
    pub message: String,
    /// The message template in the other interface languages, by language code.
    pub messages: Vec<(String, String)>,
    /// The message in every language, made once and shared by the rule's findings when
    /// it has nothing to fill in (most typography rules: a text can have hundreds of
    /// thousands of findings, each of which held its own copies); `None` when the pack
    /// gives English only.
    pub shared_message: Option<crate::i18n::Message>,
    /// Default severity.
    pub severity: Severity,
    /// Where it applies (empty = default prose scopes).
    pub scope: Vec<ScopeKind>,
    /// Case-folded phrases that shield a match.
    pub exceptions: Vec<String>,
    /// Source note, shown as a hint.
    pub source: String,
    /// The hint naming the source, put into words once for all the rule's findings (a
    /// long text can have hundreds of thousands).
    pub source_hint: crate::i18n::Text,
    /// How sure the source is.
    pub confidence: super::pack::Confidence,
    /// The rule's definition (engine parameters).
    pub check: Check,
    /// Whether matches get a fix.
    pub fixable: bool,
}

/// What one literal or regex of the automata belongs to.
#[derive(Debug, Clone)]
pub struct Target {
    /// Index of the rule in the pack.
    pub rule: usize,
    /// Replacement (literal) or template (regex); `None` for existence rules.
    pub replace: Option<String>,
}

/// A consistency rule: its index, an automaton over its variants, and the (group, variant)
/// of each automaton pattern.
pub type ConsistencyRule = (usize, AhoCorasick, Vec<(usize, String)>);

/// One pack, ready to run.
#[derive(Debug)]
pub struct CompiledPack {
    /// Pack name.
    pub name: String,
    /// Languages it applies to (empty = all).
    pub languages: Vec<String>,
    /// Its rules.
    pub rules: Vec<Rule>,
    /// Case-folded literals.
    pub folded: Option<AhoCorasick>,
    /// Targets of `folded`, by pattern index.
    pub folded_targets: Vec<Target>,
    /// Case-sensitive literals.
    pub exact: Option<AhoCorasick>,
    /// Targets of `exact`.
    pub exact_targets: Vec<Target>,
    /// All regexes of the pack, for a one-pass prefilter.
    pub set: RegexSet,
    /// The regexes with their targets. Each is compiled on first use: the set above tells
    /// which can match, and most never do in a given project.
    pub regexes: Vec<(LazyRegex, Target)>,
    /// Consistency rules: (rule index, automaton over folded variants, (group, variant) per
    /// pattern).
    pub consistency: Vec<ConsistencyRule>,
}

/// A regex compiled the first time it is needed.
#[derive(Debug)]
pub struct LazyRegex {
    pattern: String,
    compiled: std::sync::OnceLock<Regex>,
}

impl LazyRegex {
    fn new(pattern: String) -> Self {
        LazyRegex {
            pattern,
            compiled: std::sync::OnceLock::new(),
        }
    }

    /// The pattern.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The compiled regex (the pattern was validated when the pack was compiled).
    pub fn get(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            Regex::new(&self.pattern).expect("pattern validated at pack compile time")
        })
    }
}

impl CompiledPack {
    /// Whether a chapter in `lang` gets this pack.
    pub fn applies_to(&self, lang: &str) -> bool {
        self.languages.is_empty() || self.languages.iter().any(|l| l == lang)
    }
}

/// Lower-cases `text` character by character where that keeps the UTF-8 length, so byte
/// offsets in the folded text are offsets in the original.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Most prose is ASCII; skip the Unicode case tables for it.
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
}

/// Why a pack could not be compiled, and the rule at fault when one is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    /// The rule's short id, when the problem is in one rule.
    pub rule: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl From<String> for PackError {
    fn from(message: String) -> Self {
        PackError {
            rule: None,
            message,
        }
    }
}

impl PackError {
    fn in_rule(rule: &str, message: String) -> Self {
        PackError {
            rule: Some(rule.to_string()),
            message,
        }
    }
}

/// At most this much memory for one pattern's compiled automaton (the regex crate's
/// default is 10 MiB per regex): a pattern past it is refused at its rule.
const REGEX_SIZE_LIMIT: usize = 10 << 20;

/// Compiles the pack files that share one pack name. Problems name their rule, so the
/// caller can locate them in the file.
pub fn compile(name: &str, files: &[PackFile]) -> Result<CompiledPack, PackError> {
    let prefix = files
        .iter()
        .find_map(|f| f.prefix.clone())
        .unwrap_or_else(|| format!("style/{name}"));
    let languages = files
        .iter()
        .find(|f| !f.languages.is_empty())
        .map(|f| f.languages.clone())
        .unwrap_or_default();
    let disabled: Vec<&str> = files
        .iter()
        .flat_map(|f| f.disable.iter().map(String::as_str))
        .collect();
    // Later files override earlier rules with the same id.
    let mut defs: Vec<&RuleDef> = Vec::new();
    for def in files.iter().flat_map(|f| f.rules.iter()) {
        if let Some(slot) = defs.iter_mut().find(|d| d.id == def.id) {
            *slot = def;
        } else {
            defs.push(def);
        }
    }
    defs.retain(|d| !disabled.contains(&d.id.as_str()));

    let mut rules = Vec::new();
    let (mut folded_pats, mut folded_targets) = (Vec::new(), Vec::new());
    let (mut exact_pats, mut exact_targets) = (Vec::new(), Vec::new());
    let mut regexes = Vec::new();
    let mut consistency = Vec::new();
    for def in defs {
        let idx = rules.len();
        let unknown = def.message.unknown_languages();
        if !unknown.is_empty() || def.message.english().is_empty() {
            return Err(PackError::in_rule(
                &def.id,
                format!(
                    "`message:` is one text or one per language ({}); not `{}`",
                    crate::i18n::LANGUAGES.join(", "),
                    unknown.join("`, `")
                ),
            ));
        }
        if def.severity == Level::Error && def.confidence.is_tentative() {
            return Err(PackError::in_rule(
                &def.id,
                format!(
                    "rule `{}` is tentative ({:?}) and cannot default to error",
                    def.id, def.confidence
                ),
            ));
        }
        let mut fixable = false;
        let mut add_literal = |lit: &str, replace: Option<String>, ignore_case: bool| {
            for variant in apostrophe_variants(lit) {
                let target = Target {
                    rule: idx,
                    replace: replace.clone(),
                };
                if ignore_case {
                    folded_pats.push(fold(&variant));
                    folded_targets.push(target);
                } else {
                    exact_pats.push(variant);
                    exact_targets.push(target);
                }
            }
        };
        let mut add_regex = |pat: &str, replace: Option<String>, ignore_case: bool| {
            let pat = ascii_boundaries(pat);
            let full = if ignore_case {
                format!("(?i){pat}")
            } else {
                pat.clone()
            };
            // Parsing validates the pattern cheaply; the automaton is built on first use.
            regex_syntax::Parser::new()
                .parse(&full)
                .map(|_| {
                    regexes.push((
                        LazyRegex::new(full.clone()),
                        Target { rule: idx, replace },
                        def.id.clone(),
                    ))
                })
                .map_err(|e| {
                    PackError::in_rule(
                        &def.id,
                        format!("rule `{}`: bad pattern `{pat}`: {e}", def.id),
                    )
                })
        };
        match &def.check {
            Check::Existence(e) => {
                for t in &e.tokens {
                    add_literal(t, None, e.ignore_case);
                }
                for p in &e.patterns {
                    add_regex(p, None, false)?;
                }
            }
            Check::Substitution(s) => {
                fixable = s.fix;
                for (wrong, right) in &s.swap {
                    add_literal(wrong, Some(right.clone()), s.ignore_case);
                }
                for p in &s.patterns {
                    add_regex(&p.pattern, Some(p.replace.clone()), s.ignore_case)?;
                }
            }
            Check::Numbers(_) | Check::Typography(_) | Check::Repetition(_) => fixable = true,
            Check::Consistency(c) => {
                fixable = true;
                if c.variants.iter().any(|g| g.len() < 2) {
                    return Err(PackError::in_rule(
                        &def.id,
                        format!(
                            "rule `{}`: each consistency group needs two variants",
                            def.id
                        ),
                    ));
                }
                let mut pats = Vec::new();
                let mut meta = Vec::new();
                for (g, group) in c.variants.iter().enumerate() {
                    for v in group {
                        pats.push(if c.ignore_case { fold(v) } else { v.clone() });
                        meta.push((g, v.clone()));
                    }
                }
                let ac = AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&pats)
                    .map_err(|e| PackError::in_rule(&def.id, e.to_string()))?;
                consistency.push((idx, ac, meta));
            }
            Check::Capitalization(_)
            | Check::Conditional(_)
            | Check::CanonicalNames(_)
            | Check::Spelling(_) => fixable = true,
            Check::Occurrence(_) | Check::Readability(_) | Check::AcronymUses(_) => {}
        }
        let others = def.message.others();
        rules.push(Rule {
            id: format!("{prefix}/{}", def.id),
            message: def.message.english().to_string(),
            shared_message: (!others.is_empty()).then(|| {
                let mut texts = vec![("en".to_string(), def.message.english().to_string())];
                texts.extend(others.iter().cloned());
                crate::i18n::Message::given(texts)
            }),
            messages: others,
            severity: match def.severity {
                Level::Error => Severity::Error,
                Level::Warning => Severity::Warning,
                Level::Info => Severity::Info,
            },
            scope: def.scope.clone(),
            exceptions: def.exceptions.iter().map(|e| fold(e)).collect(),
            source: def.source.clone(),
            source_hint: crate::msg!(
                "pack-source",
                source = &def.source,
                confidence = def.confidence.as_str()
            )
            .into(),
            confidence: def.confidence,
            check: def.check.clone(),
            fixable,
        });
    }
    let automaton = |pats: &[String]| -> Result<Option<AhoCorasick>, String> {
        if pats.is_empty() {
            return Ok(None);
        }
        AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(pats)
            .map(Some)
            .map_err(|e| e.to_string())
    };
    let set = RegexSet::new(regexes.iter().map(|(r, _, _)| r.pattern())).map_err(|e| {
        // Find the pattern at fault, so the error points at its rule.
        let culprit = regexes.iter().find(|(r, _, _)| {
            regex::RegexBuilder::new(r.pattern())
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
                .is_err()
        });
        match culprit {
            Some((_, _, rule)) => PackError::in_rule(
                rule,
                format!(
                    "rule `{rule}`: its pattern is too large to compile ({e}); split it into several rules or simplify it"
                ),
            ),
            None => PackError {
                rule: None,
                message: e.to_string(),
            },
        }
    })?;
    let regexes: Vec<(LazyRegex, Target)> = regexes.into_iter().map(|(r, t, _)| (r, t)).collect();
    Ok(CompiledPack {
        name: name.to_string(),
        languages,
        rules,
        folded: automaton(&folded_pats)?,
        folded_targets,
        exact: automaton(&exact_pats)?,
        exact_targets,
        set,
        regexes,
        consistency,
    })
}

/// `\b` in pack patterns is an ASCII word boundary, which keeps the regex engines on their
/// fast DFA path over non-ASCII French text (a Unicode `\b` would not). Literal phrases get
/// a Unicode-aware boundary check instead, so accented words belong in `swap`/`tokens`.
fn ascii_boundaries(pat: &str) -> String {
    let mut out = String::with_capacity(pat.len());
    let mut chars = pat.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A phrase with a straight apostrophe also matches the typographic one.
fn apostrophe_variants(lit: &str) -> Vec<String> {
    if lit.contains('\'') {
        vec![lit.to_string(), lit.replace('\'', "\u{2019}")]
    } else {
        vec![lit.to_string()]
    }
}

/// Expands a replacement template: `$1`, `${name}`, `${lower:name}`, `${upper:name}`, `$$`.
pub fn expand(template: &str, caps: &regex::Captures<'_>) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('$') {
            out.push('$');
            rest = r;
        } else if let Some(r) = rest.strip_prefix('{') {
            let end = r.find('}').unwrap_or(r.len());
            let spec = &r[..end];
            let (op, name) = spec.split_once(':').unwrap_or(("", spec));
            let value = match name.parse::<usize>() {
                Ok(n) => caps.get(n),
                Err(_) => caps.name(name),
            }
            .map_or("", |m| m.as_str());
            match op {
                "lower" => out.push_str(&value.to_lowercase()),
                "upper" => out.push_str(&value.to_uppercase()),
                _ => out.push_str(value),
            }
            rest = r.get(end + 1..).unwrap_or("");
        } else {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if let Ok(n) = rest[..digits].parse::<usize>() {
                out.push_str(caps.get(n).map_or("", |m| m.as_str()));
            } else {
                out.push('$');
            }
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// Gives `replacement` the case of `found`: a capitalized match keeps its capital.
pub fn match_case(found: &str, replacement: &str) -> String {
    let (Some(f), Some(r)) = (found.chars().next(), replacement.chars().next()) else {
        return replacement.to_string();
    };
    let mut out = if f.is_uppercase() && r.is_lowercase() {
        let mut s: String = r.to_uppercase().collect();
        s.push_str(&replacement[r.len_utf8()..]);
        s
    } else {
        replacement.to_string()
    };
    if found.contains('\u{2019}') {
        out = out.replace('\'', "\u{2019}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_offsets() {
        let s = "État ÉCOLE İx";
        assert_eq!(fold(s).len(), s.len());
        assert!(fold(s).starts_with("état école"));
    }

    #[test]
    fn templates_expand() {
        let re = Regex::new(r"(?P<d>\d+) (?P<m>Juillet)").unwrap();
        let caps = re.captures("12 Juillet").unwrap();
        assert_eq!(expand("$1 ${lower:m} $$", &caps), "12 juillet $");
        assert_eq!(expand("${upper:m}", &caps), "JUILLET");
    }

    #[test]
    fn case_is_kept() {
        assert_eq!(
            match_case("Trafic d’enfants", "traite d'enfants"),
            "Traite d’enfants"
        );
    }
}
