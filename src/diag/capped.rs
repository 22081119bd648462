//! Findings of one file, collected as [`finalize`](super::finalize) will show them.
//!
//! A hostile or generated chapter can make one rule fire hundreds of thousands of times (a
//! 3 MB paragraph of one repeated word: 750 000 findings, a gigabyte when each was held).
//! Only the first [`MAX_PER_RULE_AND_FILE`] of each rule are ever shown; the rest are a
//! count. [`Capped`] keeps, per rule, the first ones in `finalize`'s order and only counts
//! the others, so memory stays bounded whatever the text; [`Capped::would_keep`] lets the
//! linter skip building a finding that would only be counted.

use std::collections::HashMap;

use super::{Diagnostic, MAX_PER_RULE_AND_FILE, Severity};
use crate::source::Span;

/// The findings of one file, at most [`MAX_PER_RULE_AND_FILE`] per rule.
#[derive(Debug, Default)]
pub struct Capped {
    rules: HashMap<String, Kept>,
    /// Findings without a span: never capped.
    loose: Vec<Diagnostic>,
    /// Infos the caller will not show, per rule: their places, each counted once (see
    /// [`super::hidden`]). One file's worth, so a few hundred at most.
    hidden: HashMap<String, std::collections::HashSet<Span>>,
}

/// One rule's findings.
#[derive(Debug, Default)]
struct Kept {
    /// The first findings in order (unsorted), at most the cap.
    kept: Vec<Diagnostic>,
    /// Findings left out, counted.
    out: usize,
    /// Where the first finding left out is, and its severity: the stand-in goes there.
    first_out: Option<((usize, usize), Span, Severity)>,
}

/// The order `finalize` shows one file's findings of one rule in.
fn key(d: &Diagnostic) -> (usize, usize, &str) {
    let (start, end) = d.span().map_or((0, 0), |s| (s.start, s.end));
    (start, end, d.message.as_str())
}

impl Kept {
    /// The last kept finding in order, when the cap is reached.
    fn last(&self) -> Option<&Diagnostic> {
        if self.kept.len() < MAX_PER_RULE_AND_FILE {
            return None;
        }
        self.kept.iter().max_by(|a, b| key(a).cmp(&key(b)))
    }

    fn count_out(&mut self, span: Span, severity: Severity) {
        self.out += 1;
        let at = (span.start, span.end);
        if self.first_out.is_none_or(|(first, _, _)| at < first) {
            self.first_out = Some((at, span, severity));
        }
    }
}

impl Capped {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether a finding of `rule` at `span` could be among the kept ones. When it cannot,
    /// [`Capped::count`] counts it without the finding being built.
    pub fn would_keep(&self, rule: &str, span: Span) -> bool {
        match self.rules.get(rule).and_then(Kept::last) {
            None => true,
            Some(last) => {
                let (start, end, _) = key(last);
                (span.start, span.end) <= (start, end)
            }
        }
    }

    /// Counts a finding of `rule` at `span` that [`Capped::would_keep`] turned away.
    pub fn count(&mut self, rule: &str, span: Span, severity: Severity) {
        if !self.rules.contains_key(rule) {
            self.rules.insert(rule.to_string(), Kept::default());
        }
        if let Some(k) = self.rules.get_mut(rule) {
            k.count_out(span, severity);
        }
    }

    /// Counts a finding of `rule` at `span` that the caller will not show (an info when
    /// infos are hidden): it is never built.
    pub fn hide(&mut self, rule: &str, span: Span) {
        match self.hidden.get_mut(rule) {
            Some(places) => {
                places.insert(span);
            }
            None => {
                self.hidden.insert(rule.to_string(), [span].into());
            }
        }
    }

    /// Adds a finding: kept when it comes before the last kept one of its rule (which is
    /// then counted instead), else counted. A finding equal to a kept one is dropped, as
    /// `finalize` drops equal neighbours.
    pub fn push(&mut self, d: Diagnostic) {
        let Some(span) = d.span() else {
            self.loose.push(d);
            return;
        };
        if !self.rules.contains_key(&d.rule) {
            self.rules.insert(d.rule.clone(), Kept::default());
        }
        let Some(k) = self.rules.get_mut(&d.rule) else {
            return;
        };
        if k.kept.contains(&d) {
            return;
        }
        if k.kept.len() < MAX_PER_RULE_AND_FILE {
            k.kept.push(d);
            return;
        }
        let last = (0..k.kept.len())
            .max_by(|&a, &b| key(&k.kept[a]).cmp(&key(&k.kept[b])))
            .expect("the cap is reached");
        if key(&d) < key(&k.kept[last]) {
            let evicted = std::mem::replace(&mut k.kept[last], d);
            let at = evicted.span().unwrap_or(span);
            k.count_out(at, evicted.severity);
        } else {
            k.count_out(span, d.severity);
        }
    }

    /// The findings kept, in order, with one stand-in per rule that left some out (see
    /// [`super::precap`]), for `finalize` to count; and the hidden infos counted.
    pub fn finish(self) -> (Vec<Diagnostic>, super::Hidden) {
        let mut out = self.loose;
        let mut rules: Vec<(String, Kept)> = self.rules.into_iter().collect();
        rules.sort_by(|a, b| a.0.cmp(&b.0));
        for (rule, mut k) in rules {
            k.kept.sort_by(|a, b| key(a).cmp(&key(b)));
            out.append(&mut k.kept);
            if let Some((_, span, severity)) = k.first_out {
                let mut stand_in = Diagnostic::new(
                    severity,
                    rule,
                    crate::msg!("diagnostics-and-more", count = k.out),
                )
                .at(span);
                stand_in.more = k.out;
                out.push(stand_in);
            }
        }
        let mut hidden = super::Hidden::new();
        for (rule, places) in self.hidden {
            if let Some(first) = places.iter().next() {
                hidden.count(&rule, *first, places.len());
            }
        }
        (out, hidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::finalize;
    use crate::source::{SourceFile, SourceMap};

    /// Whatever the order findings arrive in, the collection finalizes as the whole list
    /// does, and holds no more than the cap per rule.
    #[test]
    fn capped_collection_finalizes_like_the_whole_list() {
        let mut map = SourceMap::new();
        let a = map.add(SourceFile::new("a.md", None, "x".repeat(1000)));
        let mut all = Vec::new();
        // Interleaved rules, positions out of order, a few ending at the same place.
        for i in (0..300).map(|i| (i * 37) % 300) {
            all.push(Diagnostic::info("typo/x", "m").at(Span::new(a, i..i + 1)));
            if i % 3 == 0 {
                all.push(
                    Diagnostic::warning("style/y", format!("n{i}")).at(Span::new(a, i..i + 3)),
                );
            }
        }
        all.push(Diagnostic::info("typo/z", "few").at(Span::new(a, 5..6)));
        let mut capped = Capped::new();
        for d in all.iter().cloned() {
            let span = d.span().expect("spans");
            if capped.would_keep(&d.rule, span) {
                capped.push(d);
            } else {
                capped.count(&d.rule, span, d.severity);
            }
        }
        let (held, hidden) = capped.finish();
        assert!(hidden.is_empty());
        assert_eq!(held.len(), 50 + 1 + 50 + 1 + 1);
        assert_eq!(finalize(held, &map), finalize(all, &map));
    }

    /// A hidden info repeated at one place counts once, as `finalize` shows it once.
    #[test]
    fn hidden_places_count_once() {
        let mut map = SourceMap::new();
        let a = map.add(SourceFile::new("a.md", None, "x".repeat(10)));
        let mut capped = Capped::new();
        capped.hide("typo/x", Span::new(a, 0..1));
        capped.hide("typo/x", Span::new(a, 0..1));
        capped.hide("typo/x", Span::new(a, 2..3));
        capped.hide("typo/y", Span::new(a, 2..3));
        let (kept, hidden) = capped.finish();
        assert!(kept.is_empty());
        assert_eq!(hidden.lines(&map), 3);
    }
}
