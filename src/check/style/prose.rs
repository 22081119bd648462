//! Prose engines: capitalization of headings and list items, repeated words, lengths of
//! sentences and paragraphs.

use super::compile::fold;
use super::engine::Hit;
use super::pack::{CapTarget, Capitalization, Unit};
use super::readability::{sentences, word_count, word_iter, words};
use super::scope::{OBJECT, Run, ScopeKind};

/// Capitalization hits; with `skip_quoted`, words inside inline quotations do not count
/// towards a heading's title case (a quoted title keeps its capitals).
pub(super) fn capitalization(c: &Capitalization, run: &Run, skip_quoted: bool) -> Vec<Hit> {
    let text = run.text.as_str();
    match c.target {
        CapTarget::HeadingSentenceCase => {
            if run.kind != ScopeKind::Heading {
                return Vec::new();
            }
            let mut title = 0;
            let mut eligible = 0;
            let mut after_colon = false;
            for (i, (range, w)) in word_iter(text).enumerate() {
                let new_phrase = i == 0 || after_colon;
                after_colon = text[range.end..].trim_start().starts_with(':');
                if new_phrase
                    || c.minor.iter().any(|m| m.eq_ignore_ascii_case(w))
                    || (skip_quoted && run.quoted(&range))
                {
                    continue;
                }
                if w.chars().any(|ch| ch.is_ascii_digit() || ch == OBJECT) {
                    continue;
                }
                eligible += 1;
                let mut chars = w.chars();
                let first_upper = chars.next().is_some_and(char::is_uppercase);
                let rest_lower = chars.clone().any(char::is_lowercase);
                if first_upper && rest_lower && !c.keep.iter().any(|k| k == w) {
                    title += 1;
                }
            }
            if title >= 2 && title * 2 >= eligible {
                vec![Hit::at(0..text.len())]
            } else {
                Vec::new()
            }
        }
        CapTarget::ListItemCapital => {
            if !run.item_start || run.continues_sentence {
                return Vec::new();
            }
            let Some((range, w)) = word_iter(text).next() else {
                return Vec::new();
            };
            let mut chars = w.chars();
            let first = chars.next();
            if range.start != 0
                || !first.is_some_and(char::is_lowercase)
                || chars.any(|ch| ch.is_uppercase() || ch.is_ascii_digit())
                || c.keep.iter().any(|k| k == w)
            {
                return Vec::new();
            }
            let first = first.expect("checked");
            let upper: String = first.to_uppercase().collect();
            vec![Hit::fix(0..first.len_utf8(), upper)]
        }
    }
}

pub(super) fn repetition(allow: &[String], text: &str) -> Vec<Hit> {
    let ws = words(text);
    let mut out = Vec::new();
    for pair in ws.windows(2) {
        let ((r1, w1), (r2, w2)) = (&pair[0], &pair[1]);
        let gap = &text[r1.end..r2.start];
        if gap.is_empty() || !gap.chars().all(|c| c == ' ') {
            continue;
        }
        if !w1.chars().all(char::is_alphabetic) || !same_folded(w1, w2) {
            continue;
        }
        if allow.iter().any(|a| fold(a) == fold(w1)) {
            continue;
        }
        out.push(Hit::fix(r1.end..r2.end, ""));
    }
    out
}

pub(super) fn occurrence(unit: Unit, max: usize, run: &Run) -> Vec<Hit> {
    let text = run.text.as_str();
    match unit {
        Unit::SentenceWords => sentences(text)
            .into_iter()
            .filter(|r| word_count(&text[r.clone()]) > max)
            .map(Hit::at)
            .collect(),
        Unit::ParagraphWords => {
            if matches!(run.kind, ScopeKind::Paragraph | ScopeKind::ListItem)
                && word_count(text) > max
            {
                let end = sentences(text).first().map_or(text.len(), |r| r.end);
                vec![Hit::at(0..end)]
            } else {
                Vec::new()
            }
        }
    }
}

/// Whether two words are equal once folded, without building the folded strings (this
/// runs for every pair of neighbouring words).
fn same_folded(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    fold(a) == fold(b)
}
