//! Running compiled packs over the runs of a translation.
//!
//! Per run, one pass of each automaton and of the pack's `RegexSet` finds every literal and
//! regex rule that can fire; only the regexes the set reports are run again for positions.
//! Code engines (typography, numbers, capitalization, lengths, repetition) run per run;
//! consistency, acronyms and readability keep state across a whole document.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};

use super::compile::{CompiledPack, Rule, Target, expand, fold, match_case};
use super::pack::Check;
use super::prose::{capitalization, occurrence, repetition};
use super::readability::Section;
use super::scope::{Run, ScopeKind};
use super::spelling::{self, Accepted, Speller};
use super::{numbers, typography};
use crate::diag::{Diagnostic, Severity};
use crate::i18n::{Message, Text};
use crate::model::Registries;
use crate::msg;
use crate::source::Span;

/// A finding of a code engine, in run coordinates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range in the run text.
    pub range: Range<usize>,
    /// Replacement for that range, when a fix is safe.
    pub fix: Option<String>,
}

impl Hit {
    /// A hit with a fix.
    pub fn fix(range: Range<usize>, fix: impl Into<String>) -> Self {
        Hit {
            range,
            fix: Some(fix.into()),
        }
    }

    /// A hit without a fix.
    pub fn at(range: Range<usize>) -> Self {
        Hit { range, fix: None }
    }
}

/// What the engine needs to know about the document being checked.
pub struct DocContext<'a> {
    /// The chapter's language.
    pub lang: &'a str,
    /// The project's source language (fallback for registry texts).
    pub source_lang: &'a str,
    /// The registries.
    pub registries: &'a Registries,
}

/// State of one document in one language, for rules that look across chapters.
#[derive(Default, Clone)]
pub struct DocState {
    /// Consistency: (pack, rule, group) → first variant and where.
    first_variant: HashMap<(usize, usize, usize), (String, Span)>,
    /// Acronyms already met (defined or reported).
    acronyms_seen: HashSet<String>,
    /// Uses per (pack, rule, acronym): count and the first use.
    acronym_uses: HashMap<(usize, usize, String), (usize, Span)>,
    /// Acronym automaton for this language: short forms and their long forms.
    acronyms: Option<(AhoCorasick, Vec<(String, String)>)>,
    /// Registered names (folded automaton, canonical forms, whether from acronyms.yaml).
    names: Option<(AhoCorasick, Vec<(String, bool)>)>,
    /// Words spelling accepts besides the dictionary's (registries, word lists).
    pub accepted: Option<Arc<Accepted>>,
    /// Spelling checkers by dictionary, made on first use in the document.
    spellers: Vec<Speller>,
}

impl DocState {
    /// A fresh state; builds the acronym automaton for `cx.lang` from the registry.
    pub fn new(cx: &DocContext<'_>) -> Self {
        let list: Vec<(String, String)> = cx
            .registries
            .acronyms
            .iter()
            .filter(|a| a.short.has(cx.lang))
            .map(|a| {
                (
                    a.short.get(cx.lang, cx.source_lang).to_string(),
                    a.long.get(cx.lang, cx.source_lang).to_string(),
                )
            })
            .filter(|(s, _)| s.chars().count() >= 2)
            .collect();
        let longs: Vec<String> = list.iter().map(|(_, long)| long.clone()).collect();
        let acronyms = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(list.iter().map(|(s, _)| s))
            .ok()
            .map(|ac| (ac, list));
        let mut canon: Vec<(String, bool)> = cx
            .registries
            .actors
            .iter()
            .filter(|a| a.name.has(cx.lang))
            .map(|a| (a.name.get(cx.lang, cx.source_lang).to_string(), false))
            .chain(longs.into_iter().map(|long| (long, true)))
            .filter(|(n, _)| n.split_whitespace().count() >= 2)
            .collect();
        canon.sort();
        canon.dedup_by(|a, b| a.0 == b.0);
        // A name with a straight apostrophe is also found with the typographic one.
        let mut patterns = Vec::new();
        let mut targets = Vec::new();
        for (name, from_acronyms) in canon {
            if name.contains('\'') {
                patterns.push(fold(&name.replace('\'', "\u{2019}")));
                targets.push((name.clone(), from_acronyms));
            }
            patterns.push(fold(&name));
            targets.push((name, from_acronyms));
        }
        let names = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()
            .map(|ac| (ac, targets));
        DocState {
            acronyms,
            names,
            ..Default::default()
        }
    }
}

/// The chapter being linted: its text (to verify fixes) and where findings go.
pub struct Sink<'a> {
    /// The chapter file's text.
    pub source: &'a str,
    /// Findings, only the first ones of each rule held.
    pub findings: &'a mut crate::diag::capped::Capped,
    /// The file's suppression comments, applied before a finding takes a place.
    pub suppressions: Option<&'a super::suppress::Suppressions>,
    /// What the project's policy makes of each rule's findings: rules switched off are
    /// dropped and hidden infos counted, before anything is built.
    pub(crate) fates: crate::check::Fates<'a>,
}

impl Sink<'_> {
    /// Emits one finding of `rule` at `range` of `run`, with a fix when the source bytes
    /// under the range are exactly the run text.
    pub fn emit(
        &mut self,
        rule: &Rule,
        run: &Run,
        range: Range<usize>,
        suggestion: Option<String>,
    ) -> bool {
        self.emit_with(rule, run, range, suggestion, &[])
    }

    /// [`Sink::emit`] with more placeholders for the message (`{score}`).
    pub fn emit_with(
        &mut self,
        rule: &Rule,
        run: &Run,
        range: Range<usize>,
        suggestion: Option<String>,
        extra: &[(&str, String)],
    ) -> bool {
        match self.finding(rule, run, range, suggestion, extra) {
            Some((d, verified)) => {
                self.findings.push(d);
                verified
            }
            None => false,
        }
    }

    /// The finding [`Sink::emit_with`] would add, and whether its fix is verified; `None`
    /// when a suppression comment silences it, or when it could only be counted (then it
    /// is counted, and never built).
    pub fn finding(
        &mut self,
        rule: &Rule,
        run: &Run,
        range: Range<usize>,
        suggestion: Option<String>,
        extra: &[(&str, String)],
    ) -> Option<(Diagnostic, bool)> {
        if !self.admit(rule, run, &range) {
            return None;
        }
        let found = run.text.get(range.clone()).unwrap_or("");
        let (span, exact) = run.locate(range);
        let verified = exact && self.source.get(span.range()) == Some(found);
        let shown = suggestion.clone().unwrap_or_default();
        let mut values = vec![("{match}", printable(found)), ("{fix}", printable(&shown))];
        values.extend(extra.iter().map(|(k, v)| (*k, v.clone())));
        let mut d = new_finding(rule, &values).at(span).hint(source_hint(rule));
        if let Some(fix) = suggestion
            && verified
            && rule.fixable
            && fix != found
        {
            d = d.with_fix(fix);
        }
        Some((d, verified))
    }

    /// Whether a finding of `rule` at `range` of `run` takes a place: `false` when a
    /// suppression comment silences it, or when it could only be counted (then it is
    /// counted). Costly findings (spelling suggestions) ask before they are worked out.
    pub fn admit(&mut self, rule: &Rule, run: &Run, range: &Range<usize>) -> bool {
        let (span, _) = run.locate(range.clone());
        if self
            .suppressions
            .is_some_and(|s| s.silences(&rule.id, span.start))
        {
            return false;
        }
        match self.fates.of(&rule.id, rule.severity) {
            crate::check::Fate::Off => return false,
            crate::check::Fate::Hidden => {
                self.findings.hide(&rule.id, span);
                return false;
            }
            crate::check::Fate::Kept => {}
        }
        if !self.findings.would_keep(&rule.id, span) {
            self.findings.count(&rule.id, span, rule.severity);
            return false;
        }
        true
    }

    /// Adds a finding made by [`Sink::finding`].
    pub fn push(&mut self, d: Diagnostic) {
        self.findings.push(d);
    }
}

/// A finding of a pack rule, its message filled in with `values` in English and in the
/// other languages the pack gives.
fn new_finding(rule: &Rule, values: &[(&str, String)]) -> Diagnostic {
    let fill = |template: &str| {
        values
            .iter()
            .fold(template.to_string(), |t, (k, v)| t.replace(k, v))
    };
    let en = fill(&rule.message);
    let filled = |template: &str| values.iter().any(|(k, _)| template.contains(k));
    let message = match &rule.shared_message {
        None => Text::from(en),
        Some(shared) if !filled(&rule.message) && !rule.messages.iter().any(|(_, t)| filled(t)) => {
            Text {
                en,
                msg: Some(shared.clone()),
            }
        }
        Some(_) => {
            let mut texts = vec![("en".to_string(), en.clone())];
            texts.extend(rule.messages.iter().map(|(l, t)| (l.clone(), fill(t))));
            Text {
                en,
                msg: Some(Message::given(texts)),
            }
        }
    };
    match rule.severity {
        Severity::Error => Diagnostic::error(&rule.id, message),
        Severity::Warning => Diagnostic::warning(&rule.id, message),
        Severity::Info => Diagnostic::info(&rule.id, message),
    }
}

/// Where a pack rule comes from, and how sure that source is.
fn source_hint(rule: &Rule) -> Text {
    rule.source_hint.clone()
}

/// Shows invisible spaces in messages.
fn printable(s: &str) -> String {
    s.replace(['\u{202F}', '\u{A0}'], "⍽")
}

/// Whether an acronym found at `range` stands as a word, alone or in its plural with a
/// lower-case `s` ("NGOs", spelt out as "non-governmental organizations (NGOs)").
fn acronym_bounded(text: &str, range: &Range<usize>) -> bool {
    bounded(text, range)
        || (text[range.end..].starts_with('s') && bounded(text, &(range.start..range.end + 1)))
}

/// Whether `text[range]` stands as whole words.
pub fn bounded(text: &str, range: &Range<usize>) -> bool {
    let inner = &text[range.clone()];
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let glued_before = word(inner.chars().next()) && word(before);
    let glued_after = word(inner.chars().next_back()) && word(after);
    !glued_before && !glued_after
}

/// Whether a finding of `rule` at `range` falls inside an inline quotation that the rule
/// leaves alone ([`Check::spares_quotations`], unless the rule names the `quote` scope).
fn in_quotation(rule: &Rule, run: &Run, range: &Range<usize>) -> bool {
    !run.quotes.is_empty()
        && rule.check.spares_quotations()
        && !rule.scope.contains(&ScopeKind::Quote)
        && run.quoted(range)
}

fn shielded(rule: &Rule, folded: &str, range: &Range<usize>) -> bool {
    rule.exceptions.iter().any(|e| {
        folded
            .match_indices(e.as_str())
            .any(|(i, m)| i <= range.start && range.end <= i + m.len())
    })
}

/// Runs every per-run rule of `pack` over `run`.
pub fn lint_run(pack: &CompiledPack, run: &Run, sink: &mut Sink<'_>) {
    let text = run.text.as_str();
    let folded = run.folded.as_str();
    let literal = |ac: &Option<AhoCorasick>, hay: &str, targets: &[Target], sink: &mut Sink<'_>| {
        let Some(ac) = ac else { return };
        for m in ac.find_overlapping_iter(hay) {
            let t = &targets[m.pattern().as_usize()];
            let rule = &pack.rules[t.rule];
            let range = m.range();
            if !run.in_scope(&rule.scope)
                || !bounded(text, &range)
                || shielded(rule, folded, &range)
                || in_quotation(rule, run, &range)
            {
                continue;
            }
            let fix = t
                .replace
                .as_ref()
                .map(|r| match_case(&text[range.clone()], r));
            sink.emit(rule, run, range, fix);
        }
    };
    literal(&pack.folded, folded, &pack.folded_targets, sink);
    literal(&pack.exact, text, &pack.exact_targets, sink);
    if !pack.regexes.is_empty() {
        for i in pack.set.matches(text).iter() {
            let (re, t) = &pack.regexes[i];
            let rule = &pack.rules[t.rule];
            if !run.in_scope(&rule.scope) {
                continue;
            }
            for caps in re.get().captures_iter(text) {
                let m = caps.get(0).expect("group 0");
                let range = m.range();
                if range.is_empty()
                    || shielded(rule, folded, &range)
                    || in_quotation(rule, run, &range)
                {
                    continue;
                }
                let fix = t.replace.as_ref().map(|tpl| expand(tpl, &caps));
                sink.emit(rule, run, range, fix);
            }
        }
    }
    for rule in &pack.rules {
        if !run.in_scope(&rule.scope) {
            continue;
        }
        let hits = match &rule.check {
            Check::Typography(t) => typography::run(t.engine, text),
            Check::Numbers(n) => numbers::run(n.format, run),
            Check::Capitalization(c) => {
                capitalization(c, run, !rule.scope.contains(&ScopeKind::Quote))
            }
            Check::Repetition(r) => repetition(&r.allow, text),
            Check::Occurrence(o) => occurrence(o.unit, o.max, run),
            _ => continue,
        };
        for h in hits {
            if !in_quotation(rule, run, &h.range) {
                sink.emit(rule, run, h.range, h.fix);
            }
        }
    }
}

/// Runs the document-level rules of `pack` (consistency, acronyms) over one run, in
/// document order.
pub fn lint_run_in_document(
    pack: (usize, &CompiledPack),
    run: &Run,
    state: &mut DocState,
    sink: &mut Sink<'_>,
) {
    let (pack_idx, pack) = pack;
    let text = run.text.as_str();
    for (rule_idx, ac, meta) in &pack.consistency {
        let rule = &pack.rules[*rule_idx];
        if !run.in_scope(&rule.scope) {
            continue;
        }
        let Check::Consistency(c) = &rule.check else {
            continue;
        };
        let hay = if c.ignore_case { &run.folded } else { text };
        for m in ac.find_iter(hay) {
            let range = m.range();
            // A quoted variant neither sets the document's spelling nor breaks it.
            if !bounded(text, &range) || in_quotation(rule, run, &range) {
                continue;
            }
            let (group, variant) = &meta[m.pattern().as_usize()];
            let key = (pack_idx, *rule_idx, *group);
            match state.first_variant.get(&key) {
                None => {
                    let (span, _) = run.locate(range);
                    state.first_variant.insert(key, (variant.clone(), span));
                }
                Some((first, _)) => {
                    let same = if c.ignore_case {
                        fold(first) == fold(variant)
                    } else {
                        first == variant
                    };
                    if !same {
                        let fix = match_case(&text[range.clone()], first);
                        sink.emit(rule, run, range, Some(fix));
                    }
                }
            }
        }
    }
    for rule in &pack.rules {
        let Check::CanonicalNames(c) = &rule.check else {
            continue;
        };
        let Some((ac, canon)) = &state.names else {
            continue;
        };
        if !run.in_scope(&rule.scope) {
            continue;
        }
        for m in ac.find_iter(&run.folded) {
            let range = m.range();
            let (name, from_acronyms) = &canon[m.pattern().as_usize()];
            if (*from_acronyms && !c.acronyms)
                || !bounded(text, &range)
                || in_quotation(rule, run, &range)
            {
                continue;
            }
            let found = &text[range.clone()];
            let skip_first = |s: &str| {
                s.chars()
                    .skip(1)
                    .collect::<String>()
                    .replace('\u{2019}', "'")
            };
            if skip_first(found) != skip_first(name) {
                sink.emit(rule, run, range, Some(match_case(found, name)));
            }
        }
    }
    for (rule_idx, rule) in pack.rules.iter().enumerate() {
        if !matches!(rule.check, Check::AcronymUses(_))
            || !run.in_scope(&rule.scope)
            || run.kind == ScopeKind::Heading
        {
            continue;
        }
        let Some((ac, list)) = &state.acronyms else {
            continue;
        };
        for m in ac.find_iter(text) {
            let range = m.range();
            if !acronym_bounded(text, &range) {
                continue;
            }
            let short = list[m.pattern().as_usize()].0.clone();
            let (span, _) = run.locate(range);
            state
                .acronym_uses
                .entry((pack_idx, rule_idx, short))
                .or_insert((0, span))
                .0 += 1;
        }
    }
    for rule in &pack.rules {
        let Check::Conditional(c) = &rule.check else {
            continue;
        };
        if !run.in_scope(&rule.scope) || run.kind == ScopeKind::Heading {
            continue;
        }
        let Some((ac, list)) = &state.acronyms else {
            continue;
        };
        let mut found = Vec::new();
        for m in ac.find_iter(text) {
            let range = m.range();
            let (short, long) = &list[m.pattern().as_usize()];
            if !acronym_bounded(text, &range) || c.exempt.contains(short) {
                continue;
            }
            found.push((range, short.clone(), long.clone()));
        }
        for (range, short, long) in found {
            if !state.acronyms_seen.insert(short.clone()) {
                continue;
            }
            let before = &text[..range.start];
            let after = &text[range.end..];
            let defined = before.ends_with('(')
                || after.starts_with(" (")
                || fold(before).contains(&fold(&long))
                || matches!(run.kind, ScopeKind::TableCell | ScopeKind::Definition);
            if !defined {
                sink.emit(rule, run, range, Some(format!("{long} ({short})")));
            }
        }
    }
}

/// The `spelling` rules of `pack` over one run: each unknown word is a finding, with the
/// dictionary's suggestions.
pub fn spell_run(pack: &CompiledPack, run: &Run, state: &mut DocState, sink: &mut Sink<'_>) {
    for rule in &pack.rules {
        let Check::Spelling(s) = &rule.check else {
            continue;
        };
        if !run.in_scope(&rule.scope) {
            continue;
        }
        let speller = match state
            .spellers
            .iter()
            .position(|sp| sp.name() == s.dictionary)
        {
            Some(i) => &mut state.spellers[i],
            None => {
                let accepted = state.accepted.clone().unwrap_or_default();
                let Some(sp) = Speller::new(s.dictionary, accepted) else {
                    continue;
                };
                state.spellers.push(sp);
                state.spellers.last_mut().expect("just pushed")
            }
        };
        for range in speller.unknown(&run.text) {
            if in_quotation(rule, run, &range) || shielded(rule, &run.folded, &range) {
                continue;
            }
            // Suggestions are worked out only for a finding that will be shown.
            if !sink.admit(rule, run, &range) {
                continue;
            }
            let word = &run.text[range.clone()];
            let (fix, list) = spelling::suggestions(s.dictionary, word);
            if let Some((mut d, verified)) = sink.finding(rule, run, range, fix, &[]) {
                let file = format!("styles/words.{}.txt", run_language(s.dictionary));
                if verified {
                    d.alternatives = list
                        .iter()
                        .filter(|w| d.fix.as_deref() != Some(w.as_str()))
                        .cloned()
                        .collect();
                }
                d.accept_word = Some(crate::diag::AcceptWord {
                    word: word.to_string(),
                    list: file.clone(),
                });
                let others: Vec<String> = list
                    .iter()
                    .filter(|w| d.fix.as_deref() != Some(w.as_str()))
                    .map(|w| format!("`{w}`"))
                    .collect();
                if !others.is_empty() {
                    d.insert_hint(0, msg!("spelling-did-you-mean", words = others.join(", ")));
                }
                let hints = d.hints.len();
                d.insert_hint(hints, msg!("spelling-add-word", word = word, file = file));
                sink.push(d);
            }
        }
    }
}

/// The language code of a dictionary's word list.
fn run_language(name: super::pack::DictionaryName) -> &'static str {
    match name {
        super::pack::DictionaryName::Fr => "fr",
        super::pack::DictionaryName::EnGb => "en",
    }
}

/// Rules that judge a whole document once it has been read (acronym uses).
pub fn finish_document(packs: &[(usize, &CompiledPack)], state: &DocState) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut uses: Vec<_> = state.acronym_uses.iter().collect();
    uses.sort_by_key(|(k, (_, span))| (span.source, span.start, k.1));
    for ((pack_idx, rule_idx, short), (count, span)) in uses {
        let Some((_, pack)) = packs.iter().find(|(i, _)| i == pack_idx) else {
            continue;
        };
        let rule = &pack.rules[*rule_idx];
        let Check::AcronymUses(a) = &rule.check else {
            continue;
        };
        if *count >= a.min {
            continue;
        }
        let values = [
            ("{match}", short.to_string()),
            ("{count}", count.to_string()),
        ];
        let d = new_finding(rule, &values);
        out.push(d.at(*span).hint(source_hint(rule)));
    }
    out
}

/// Readability per section: the chapter's runs, grouped by heading.
pub fn readability(pack: &CompiledPack, runs: &[Run], sink: &mut Sink<'_>) {
    for rule in &pack.rules {
        let Check::Readability(r) = &rule.check else {
            continue;
        };
        let mut sections: Vec<(Option<&Run>, Section)> = Vec::new();
        for run in runs {
            if run.kind == ScopeKind::Heading {
                sections.push((Some(run), Section::default()));
                continue;
            }
            if !matches!(run.kind, ScopeKind::Paragraph | ScopeKind::ListItem)
                || !run.in_scope(&rule.scope)
            {
                continue;
            }
            if sections.is_empty() {
                sections.push((None, Section::default()));
            }
            if let Some((_, s)) = sections.last_mut() {
                s.add(&run.text);
            }
        }
        for (heading, s) in sections {
            let (Some(h), Some(score)) = (heading, s.score(r.formula, r.min_words)) else {
                continue;
            };
            if score < r.min {
                let score = [("{score}", format!("{score:.0}"))];
                sink.emit_with(rule, h, 0..h.text.len(), None, &score);
            }
        }
    }
}
