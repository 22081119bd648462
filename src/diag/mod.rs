//! Problems in the user's files, as data.
//!
//! Every problem a user can fix is a [`Diagnostic`]: collected, never thrown, with a stable
//! rule id (`area/name`), a severity, a location, a message, hints and, where a safe edit
//! exists, a fix. Environment failures (I/O, unwritable output) are [`crate::Error`]s instead.

pub mod capped;
pub mod emit;
pub mod fix_words;
pub mod hidden;
pub use hidden::Hidden;
pub mod rules;

use std::collections::HashMap;

use crate::i18n::{Message, Text};
use crate::source::{SourceMap, Span};

/// How serious a diagnostic is (DESIGN.md's severity contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The output would be wrong or unsafe; a build writes nothing.
    Error,
    /// Style, structure or hygiene; allowed unless `--deny-warnings` or `status: final`.
    Warning,
    /// For the author's information (untranslated languages, suggestions).
    Info,
}

impl Severity {
    /// The lower-case word used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Where a diagnostic points: a span in a loaded file, or only a path (a folder, an
/// unreadable file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A byte range in a loaded file.
    Span(Span),
    /// A project-relative path with no text to point into.
    Path(String),
}

/// A word to add to a project word list, and which list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptWord {
    /// The word as the source writes it.
    pub word: String,
    /// The word list's path from the project root (`styles/words.fr.txt`).
    pub list: String,
}

/// One problem in the user's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable `area/name` id, the same in output, suppression comments and configuration.
    pub rule: String,
    /// Severity after project overrides.
    pub severity: Severity,
    /// What is wrong, lower-case, naming the thing.
    pub message: String,
    /// Where it is.
    pub location: Option<Location>,
    /// How to fix it.
    pub hints: Vec<String>,
    /// Replacement text for the whole span, when an automatic fix is safe.
    pub fix: Option<String>,
    /// Other replacements for the span that the author may choose (spelling suggestions
    /// after the first): offered by the editor, never applied by `check --fix`.
    pub alternatives: Vec<String>,
    /// A word the author may accept into the project's word list instead of changing the
    /// text (an unknown word that is right): the editor's "add to the word list".
    pub accept_word: Option<AcceptWord>,
    /// Other places that explain this one (the first definition of a duplicate id).
    pub related: Vec<(Span, String)>,
    /// The catalogue messages that the English texts above (message, hints, notes) were
    /// made from, to print them in the interface language. Keyed by the English text (its
    /// [`text_key`], not a copy: a collection's findings would hold each text twice), so
    /// code that edits `hints` directly cannot pair a hint with another's translation.
    pub localized: Vec<(u64, Message)>,
    /// For a stand-in left by [`precap`]: how many findings of its rule and file it stands
    /// for, which [`finalize`] adds to its "… and N more" line. 0 for an ordinary finding.
    pub more: usize,
}

/// What [`Diagnostic::localized`] pairs a catalogue message with: a hash of the English
/// text it was made from.
fn text_key(english: &str) -> u64 {
    crate::fingerprint::fnv1a64(english.as_bytes())
}

impl Diagnostic {
    fn new(severity: Severity, rule: impl Into<String>, message: impl Into<Text>) -> Self {
        let mut d = Diagnostic {
            rule: rule.into(),
            severity,
            message: String::new(),
            location: None,
            hints: Vec::new(),
            fix: None,
            alternatives: Vec::new(),
            accept_word: None,
            related: Vec::new(),
            localized: Vec::new(),
            more: 0,
        };
        d.message = d.remember(message.into());
        d
    }

    /// Keeps the message a text was made from and returns its English words.
    fn remember(&mut self, text: Text) -> String {
        if let Some(m) = text.msg {
            let key = text_key(&text.en);
            if !self.localized.iter().any(|(k, _)| *k == key) {
                self.localized.push((key, m));
            }
        }
        text.en
    }

    /// An error-level diagnostic.
    pub fn error(rule: impl Into<String>, message: impl Into<Text>) -> Self {
        Self::new(Severity::Error, rule, message)
    }

    /// A warning-level diagnostic.
    pub fn warning(rule: impl Into<String>, message: impl Into<Text>) -> Self {
        Self::new(Severity::Warning, rule, message)
    }

    /// An info-level diagnostic.
    pub fn info(rule: impl Into<String>, message: impl Into<Text>) -> Self {
        Self::new(Severity::Info, rule, message)
    }

    /// Replaces the message (keeping the translation of the new one).
    pub fn set_message(&mut self, message: impl Into<Text>) {
        self.message = self.remember(message.into());
    }

    /// One of this diagnostic's English texts (its message, a hint, a note) in `lang`:
    /// the catalogue message it was made from, or the text as it is.
    pub fn say<'a>(&'a self, english: &'a str, lang: &str) -> std::borrow::Cow<'a, str> {
        if lang != "en"
            && let Some((_, m)) = self.localized.iter().find(|(k, _)| *k == text_key(english))
        {
            return std::borrow::Cow::Owned(m.text(lang));
        }
        std::borrow::Cow::Borrowed(english)
    }

    /// One of this diagnostic's English texts in `lang`, when a translation exists.
    pub fn translation(&self, english: &str, lang: &str) -> Option<String> {
        let key = text_key(english);
        self.localized
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, m)| m.text(lang))
    }

    /// Points the diagnostic at a span.
    pub fn at(mut self, span: Span) -> Self {
        self.location = Some(Location::Span(span));
        self
    }

    /// Points the diagnostic at a path with no span.
    pub fn at_path(mut self, path: impl Into<String>) -> Self {
        self.location = Some(Location::Path(path.into()));
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<Text>) -> Self {
        let en = self.remember(hint.into());
        self.hints.push(en);
        self
    }

    /// Puts a hint at `index` of the hints (at most at the end).
    pub fn insert_hint(&mut self, index: usize, hint: impl Into<Text>) {
        let en = self.remember(hint.into());
        self.hints.insert(index.min(self.hints.len()), en);
    }

    /// Offers a replacement for the span.
    pub fn with_fix(mut self, replacement: impl Into<String>) -> Self {
        self.fix = Some(replacement.into());
        self
    }

    /// Adds a related place.
    pub fn related(mut self, span: Span, note: impl Into<Text>) -> Self {
        let en = self.remember(note.into());
        self.related.push((span, en));
        self
    }

    /// The span, if the diagnostic has one.
    pub fn span(&self) -> Option<Span> {
        match &self.location {
            Some(Location::Span(s)) => Some(*s),
            _ => None,
        }
    }

    /// The project-relative path the diagnostic concerns.
    pub fn path<'a>(&'a self, sources: &'a SourceMap) -> Option<&'a str> {
        match &self.location {
            Some(Location::Span(s)) => Some(sources.get(s.source).path.as_str()),
            Some(Location::Path(p)) => Some(p.as_str()),
            None => None,
        }
    }
}

/// Appends "did you mean" hints: the closest candidates by edit distance.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Text> {
    let mut best: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d <= (word.chars().count().max(c.chars().count()) / 3).max(1))
        .collect();
    best.sort();
    best.dedup_by(|a, b| a.1 == b.1);
    match best.as_slice() {
        [] => None,
        [(_, one)] => Some(crate::msg!("did-you-mean", candidate = *one).into()),
        [(_, a), (_, b), ..] => {
            Some(crate::msg!("did-you-mean-two", first = *a, second = *b).into())
        }
    }
}

/// Counts of diagnostics by severity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl Summary {
    /// Counts `diags`.
    pub fn of(diags: &[Diagnostic]) -> Self {
        let mut s = Summary::default();
        for d in diags {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// Most diagnostics shown for one rule in one file before they are summarised.
pub const MAX_PER_RULE_AND_FILE: usize = 50;

/// Puts diagnostics in a stable order (file, position, rule) and caps each rule at
/// [`MAX_PER_RULE_AND_FILE`] per file, replacing the rest with one "… and N more" line.
pub fn finalize(diags: Vec<Diagnostic>, sources: &SourceMap) -> Vec<Diagnostic> {
    // A large project has tens of thousands: their indices are sorted on integer keys (a
    // file's rank among the paths, then the span) and each diagnostic moves once, and the
    // caps count with borrowed keys (the editor pays this on every keystroke).
    let paths: Vec<Option<&str>> = diags.iter().map(|d| d.path(sources)).collect();
    let ranks = path_ranks(&paths);
    let keys: Vec<(u32, usize, usize)> = diags
        .iter()
        .zip(&ranks)
        .map(|(d, &rank)| {
            let (start, end) = d.span().map_or((0, 0), |s| (s.start, s.end));
            (rank, start, end)
        })
        .collect();
    let mut order: Vec<usize> = (0..diags.len()).collect();
    order.sort_by(|&i, &j| {
        keys[i]
            .cmp(&keys[j])
            .then_with(|| diags[i].rule.cmp(&diags[j].rule))
            .then_with(|| diags[i].message.cmp(&diags[j].message))
    });
    let mut seen: HashMap<(u32, &str), usize> = HashMap::new();
    let mut kept = Vec::with_capacity(diags.len());
    // First diagnostic past the cap for each (file, rule), in order of appearance.
    let mut overflow: Vec<usize> = Vec::new();
    let mut last: Option<usize> = None;
    // Findings left out before (see `precap`), per file and rule.
    let mut left_out: HashMap<(u32, &str), usize> = HashMap::new();
    let mut opened: std::collections::HashSet<(u32, &str)> = std::collections::HashSet::new();
    for &i in &order {
        let key = (ranks[i], diags[i].rule.as_str());
        if diags[i].more > 0 {
            *left_out.entry(key).or_insert(0) += diags[i].more;
            // The stand-in sits where the first finding left out was: it opens the
            // summary unless a finding kept here already has.
            if opened.insert(key) {
                overflow.push(i);
            }
            continue;
        }
        // Equal neighbours once.
        if last.is_some_and(|l| diags[l] == diags[i]) {
            continue;
        }
        last = Some(i);
        let n = seen.entry(key).or_insert(0);
        *n += 1;
        if *n <= MAX_PER_RULE_AND_FILE {
            kept.push(i);
        } else if *n == MAX_PER_RULE_AND_FILE + 1 && opened.insert(key) {
            overflow.push(i);
        }
    }
    let summaries: Vec<Diagnostic> = overflow
        .iter()
        .map(|&i| {
            let d = &diags[i];
            let key = (ranks[i], d.rule.as_str());
            let more = seen
                .get(&key)
                .map_or(0, |n| n.saturating_sub(MAX_PER_RULE_AND_FILE))
                + left_out.get(&key).copied().unwrap_or(0);
            let mut summary = Diagnostic::new(
                d.severity,
                d.rule.clone(),
                crate::msg!("diagnostics-and-more", count = more),
            );
            summary.location = match &d.location {
                Some(Location::Span(s)) => Some(Location::Span(Span::file_start(s.source))),
                other => other.clone(),
            };
            summary
        })
        .collect();
    drop(seen);
    drop(left_out);
    drop(opened);
    drop(paths);
    drop(ranks);
    let mut slots: Vec<Option<Diagnostic>> = diags.into_iter().map(Some).collect();
    let mut out: Vec<Diagnostic> = kept.iter().filter_map(|&i| slots[i].take()).collect();
    out.extend(summaries);
    // What the caps left out (tens of thousands of findings at scale, each a handful of
    // allocations) is freed off the caller's path: the editor is waiting for the rest.
    if slots.len() - kept.len() > 4096 {
        // Should no thread be spawned, the closure (and so `slots`) drops here.
        let _ = std::thread::Builder::new().spawn(move || drop(slots));
    }
    out
}

/// Applies [`finalize`]'s caps early to the findings of one check, so that what the caps
/// would drop is never held: a large collection's style findings run to hundreds of
/// thousands (one rule can fire on every line), and all but a few tens per file and rule
/// are only counted. Keeps, per file and rule, the first [`MAX_PER_RULE_AND_FILE`] in
/// [`finalize`]'s order, and replaces the rest by one stand-in (`more` set, at the span of
/// the first left out) that [`finalize`] adds to its "… and N more" line. Findings without
/// a span pass as they are. The severity policy must not depend on anything but the rule
/// and the file (true of overrides, `status: final` and `--deny-warnings`; suppression
/// comments are applied before).
pub fn precap(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if diags.len() <= MAX_PER_RULE_AND_FILE {
        return diags;
    }
    let mut order: Vec<usize> = (0..diags.len()).collect();
    let key = |d: &Diagnostic| d.span().map(|s| (s.source, s.start, s.end));
    order.sort_by(|&i, &j| {
        key(&diags[i])
            .cmp(&key(&diags[j]))
            .then_with(|| diags[i].rule.cmp(&diags[j].rule))
            .then_with(|| diags[i].message.cmp(&diags[j].message))
    });
    let mut seen: HashMap<(crate::source::SourceId, &str), (usize, usize)> = HashMap::new();
    let mut keep = vec![false; diags.len()];
    let mut last: Option<usize> = None;
    for &i in &order {
        let d = &diags[i];
        let Some(span) = d.span().filter(|_| d.more == 0) else {
            keep[i] = true;
            continue;
        };
        if last.is_some_and(|l| diags[l] == *d) {
            continue;
        }
        last = Some(i);
        // (findings counted, the first left out)
        let (n, first) = seen.entry((span.source, d.rule.as_str())).or_insert((0, i));
        *n += 1;
        if *n <= MAX_PER_RULE_AND_FILE {
            keep[i] = true;
        } else if *n == MAX_PER_RULE_AND_FILE + 1 {
            *first = i;
        }
    }
    let mut stand_ins: Vec<(usize, usize)> = seen
        .values()
        .filter(|(n, _)| *n > MAX_PER_RULE_AND_FILE)
        .map(|&(n, first)| (first, n - MAX_PER_RULE_AND_FILE))
        .collect();
    stand_ins.sort_unstable();
    drop(seen);
    let mut out = Vec::with_capacity(
        diags
            .len()
            .min(keep.iter().filter(|k| **k).count() + stand_ins.len()),
    );
    let mut stand_ins = stand_ins.into_iter().peekable();
    for (i, d) in diags.into_iter().enumerate() {
        if stand_ins.peek().is_some_and(|(first, _)| *first == i) {
            let (_, more) = stand_ins.next().expect("peeked");
            let mut stand_in = Diagnostic::new(
                d.severity,
                d.rule.clone(),
                crate::msg!("diagnostics-and-more", count = more),
            );
            stand_in.location = d.location.clone();
            stand_in.more = more;
            out.push(stand_in);
        } else if keep[i] {
            out.push(d);
        }
    }
    out
}

/// Each path's rank in the sorted list of the distinct paths (0 for no path), so that
/// sorting by rank sorts by path. Diagnostics crowd into a few hundred files: the distinct
/// paths are found by address first, as most share their file's string.
fn path_ranks(paths: &[Option<&str>]) -> Vec<u32> {
    let addr = |p: &str| (p.as_ptr() as usize, p.len());
    let mut by_addr: Vec<&str> = paths.iter().flatten().copied().collect();
    by_addr.sort_unstable_by_key(|p| addr(p));
    by_addr.dedup_by_key(|p| addr(p));
    let mut distinct = by_addr.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let rank_of: Vec<u32> = by_addr
        .iter()
        .map(|p| {
            let i = distinct.binary_search(p).unwrap_or_else(|i| i);
            u32::try_from(i + 1).unwrap_or(u32::MAX)
        })
        .collect();
    paths
        .iter()
        .map(|p| match p {
            None => 0,
            Some(p) => by_addr
                .binary_search_by_key(&addr(p), |q| addr(q))
                .map_or(u32::MAX, |i| rank_of[i]),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn did_you_mean_finds_close_keys() {
        assert_eq!(
            did_you_mean("titel", ["title", "languages", "output"]).map(|t| t.en),
            Some("did you mean `title`?".to_string())
        );
        assert_eq!(did_you_mean("zzzzzzzz", ["title"]), None);
    }

    #[test]
    fn path_ranks_order_like_the_paths() {
        let a = String::from("sop-sources/b.md");
        let b = String::from("sop-sources/b.md");
        let c = String::from("sop-sources/a.md");
        let paths = [
            Some(a.as_str()),
            None,
            Some(c.as_str()),
            Some(b.as_str()),
            Some("z.yaml"),
        ];
        let ranks = path_ranks(&paths);
        assert_eq!(ranks, vec![2, 0, 1, 2, 3]);
    }

    #[test]
    fn finalize_caps_each_rule_per_file() {
        let mut map = SourceMap::new();
        let id = map.add(SourceFile::new("a.md", None, "x".repeat(100)));
        let diags: Vec<_> = (0..60)
            .map(|i| Diagnostic::warning("typo/x", "m").at(Span::new(id, i..i + 1)))
            .collect();
        let out = finalize(diags, &map);
        assert_eq!(out.len(), 51);
        assert_eq!(out[50].message, "… and 10 more");
    }

    /// Findings capped early and then finalized read exactly as finalized alone: the same
    /// findings kept, the same "… and N more" counts, in the same order.
    #[test]
    fn precap_then_finalize_equals_finalize() {
        let mut map = SourceMap::new();
        let a = map.add(SourceFile::new("a.md", None, "x".repeat(400)));
        let b = map.add(SourceFile::new("b.md", None, "x".repeat(400)));
        let mut diags = Vec::new();
        // Out of order, with duplicates, two rules in two files, one rule under the cap.
        for i in (0..130).rev() {
            diags.push(Diagnostic::info("typo/x", "m").at(Span::new(a, i..i + 1)));
            if i % 2 == 0 {
                diags.push(Diagnostic::warning("style/y", "n").at(Span::new(a, i..i + 2)));
                diags.push(Diagnostic::warning("style/y", "n").at(Span::new(a, i..i + 2)));
            }
            if i < 30 {
                diags.push(Diagnostic::info("typo/x", "m").at(Span::new(b, i..i + 1)));
            }
        }
        diags.push(Diagnostic::error("parse/z", "no span").at_path("c.yaml"));
        let whole = finalize(diags.clone(), &map);
        let early = precap(diags.clone());
        assert!(early.len() < diags.len(), "nothing was left out early");
        assert_eq!(early.iter().filter(|d| d.more > 0).count(), 2);
        // A second early pass over the result (a cached translation's findings) and a
        // later finding of the same rule and file still add up.
        let mut twice = precap(early.clone());
        twice.push(Diagnostic::info("typo/x", "m").at(Span::new(a, 399..400)));
        let mut expected_diags = diags;
        expected_diags.push(Diagnostic::info("typo/x", "m").at(Span::new(a, 399..400)));
        assert_eq!(finalize(early, &map), whole);
        let later = finalize(twice, &map);
        let expected = finalize(expected_diags, &map);
        let more = |v: &[Diagnostic]| -> Vec<String> {
            v.iter()
                .filter(|d| d.message.starts_with('…'))
                .map(|d| d.message.clone())
                .collect()
        };
        assert_eq!(more(&later), more(&expected));
        assert_eq!(more(&whole), vec!["… and 80 more", "… and 15 more"]);
    }
}
