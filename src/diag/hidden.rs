//! Infos that the caller will not show, counted instead of kept.
//!
//! `sopdoc build` and `sopdoc check --quiet` print errors and warnings and only count the
//! infos in their summary line. A large collection's infos run to hundreds of thousands
//! (a straight apostrophe on every other line of a draft is one each): building and holding
//! them took more memory than the rest of the findings together. When the caller asks for
//! it ([`crate::AnalysisOptions::hide_infos`]), findings whose final severity is info are
//! counted here by file and rule: the style linter's (nearly all of them) without being
//! built, the other checks' once made. [`Hidden::lines`] gives the number of info lines
//! [`finalize`](super::finalize) would have shown (each rule capped per file). A finding
//! repeated at the same place counts once, as `finalize` shows equal findings once; two
//! findings of one rule at one place that differ only in their message would count once
//! here and twice there (no rule makes them).

use std::collections::HashMap;

use super::{Diagnostic, Location, MAX_PER_RULE_AND_FILE};
use crate::source::{SourceId, SourceMap, Span};

/// Hidden infos, counted per place and rule.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hidden {
    /// Per place, per rule.
    counts: HashMap<At, HashMap<String, usize>>,
}

/// Where hidden infos are, as `finalize` groups findings for its caps: by file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum At {
    Source(SourceId),
    Path(String),
    Nowhere,
}

impl At {
    fn of(location: Option<&Location>) -> At {
        match location {
            Some(Location::Span(s)) => At::Source(s.source),
            Some(Location::Path(p)) => At::Path(p.clone()),
            None => At::Nowhere,
        }
    }

    /// A location standing for this place (a file's start, a path, none).
    fn location(&self) -> Option<Location> {
        match self {
            At::Source(source) => Some(Location::Span(Span::file_start(*source))),
            At::Path(p) => Some(Location::Path(p.clone())),
            At::Nowhere => None,
        }
    }
}

impl Hidden {
    /// Nothing hidden yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether nothing is hidden.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Counts `n` findings of `rule` in the file of `span`.
    pub fn count(&mut self, rule: &str, span: Span, n: usize) {
        self.add(At::Source(span.source), rule, n);
    }

    fn add(&mut self, at: At, rule: &str, n: usize) {
        if n == 0 {
            return;
        }
        let rules = self.counts.entry(at).or_default();
        // Most counts go to a rule already there: looked up without an allocation.
        match rules.get_mut(rule) {
            Some(c) => *c += n,
            None => {
                rules.insert(rule.to_string(), n);
            }
        }
    }

    /// Counts a finding instead of keeping it (a stand-in for findings left out counts as
    /// the findings it stands for).
    pub fn absorb(&mut self, d: &Diagnostic) {
        self.add(At::of(d.location.as_ref()), &d.rule, d.more.max(1));
    }

    /// Adds what `other` counted.
    pub fn merge(&mut self, other: Hidden) {
        for (at, rules) in other.counts {
            let mine = self.counts.entry(at).or_default();
            for (rule, n) in rules {
                *mine.entry(rule).or_insert(0) += n;
            }
        }
    }

    /// How many info lines [`super::finalize`] would show for what is counted: per file
    /// (by its path, as `finalize` groups them) and rule, the findings up to the cap, and
    /// one "… and N more" line past it.
    pub fn lines(&self, sources: &SourceMap) -> usize {
        let mut per: HashMap<(Option<&str>, &str), usize> = HashMap::new();
        for (at, rules) in &self.counts {
            let path = match at {
                At::Source(id) => Some(sources.get(*id).path.as_str()),
                At::Path(p) => Some(p.as_str()),
                At::Nowhere => None,
            };
            for (rule, n) in rules {
                *per.entry((path, rule.as_str())).or_insert(0) += n;
            }
        }
        per.values()
            .map(|&n| n.min(MAX_PER_RULE_AND_FILE) + usize::from(n > MAX_PER_RULE_AND_FILE))
            .sum()
    }

    /// Splits the count in two: what is at a place `keep` accepts (given a location that
    /// stands for the place), and the rest.
    pub fn split(self, keep: impl Fn(Option<&Location>) -> bool) -> (Hidden, Hidden) {
        let (kept, other): (HashMap<_, _>, HashMap<_, _>) = self
            .counts
            .into_iter()
            .partition(|(at, _)| keep(at.location().as_ref()));
        (Hidden { counts: kept }, Hidden { counts: other })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::finalize;
    use crate::source::{SourceFile, SourceMap};

    /// The lines counted are the info lines `finalize` shows for the same findings: under
    /// the cap, at it, past it, with stand-ins, in two files and without a place.
    #[test]
    fn lines_match_what_finalize_shows() {
        let mut map = SourceMap::new();
        let a = map.add(SourceFile::new("a.md", None, "x".repeat(1000)));
        let b = map.add(SourceFile::new("b.md", None, "x".repeat(1000)));
        let mut all = Vec::new();
        for i in 0..120 {
            all.push(Diagnostic::info("typo/x", "m").at(Span::new(a, i..i + 1)));
        }
        for i in 0..50 {
            all.push(Diagnostic::info("typo/x", "m").at(Span::new(b, i..i + 1)));
        }
        for i in 0..7 {
            all.push(Diagnostic::info("style/y", "n").at(Span::new(b, i..i + 2)));
        }
        all.push(Diagnostic::info("meta/z", "p").at_path("sopdoc.yaml"));
        // The same file by path and by span: one group, as `finalize` sees it.
        all.push(Diagnostic::info("style/y", "o").at_path("b.md"));
        all.push(Diagnostic::info("meta/z", "q"));
        let mut hidden = Hidden::new();
        for d in crate::diag::precap(all.clone()) {
            hidden.absorb(&d);
        }
        assert_eq!(hidden.lines(&map), finalize(all, &map).len());
        assert_eq!(hidden.lines(&map), 51 + 50 + 8 + 1 + 1);
    }

    #[test]
    fn split_keeps_each_place_whole() {
        let mut map = SourceMap::new();
        let a = map.add(SourceFile::new("a.md", None, String::new()));
        let b = map.add(SourceFile::new("b.md", None, String::new()));
        let mut hidden = Hidden::new();
        hidden.count("typo/x", Span::new(a, 0..1), 60);
        hidden.count("typo/x", Span::new(b, 0..1), 3);
        let (in_a, rest) = hidden.split(|l| matches!(l, Some(Location::Span(s)) if s.source == a));
        assert_eq!((in_a.lines(&map), rest.lines(&map)), (51, 3));
    }
}
