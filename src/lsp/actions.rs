//! Code actions: every fix `check --fix` knows, the other spelling suggestions, "add to
//! the word list", and all of a file's fixes at once.
//!
//! Offers are computed from the analysis of the text the editor shows (the server answers
//! once that analysis is in), so an edit's byte range is that of the analyzed text. A fix
//! offered here is the same replacement `check --fix` would write; a file's "fix all"
//! skips overlapping fixes as `check --fix` does (the next analysis offers the rest).
//! Adding a word edits the word list the finding names (`styles/words.fr.txt`), keeping
//! the list's order when it is sorted; a missing list is created.

use std::ops::Range;
use std::path::PathBuf;

use crate::diag::{Diagnostic, emit::describe_fix};
use crate::msg;
use crate::source::{SourceId, SourceMap, Span};

/// What an offer changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Replacements in analyzed files (spans of the analyzed text).
    Replace(Vec<(Span, String)>),
    /// Adds `word` to the word list at `path`; `current` is the list's text (`None` when
    /// it does not exist yet).
    AddWord {
        /// The word list's absolute path.
        path: PathBuf,
        /// The word as the source writes it.
        word: String,
        /// The list's text now, `None` when the file does not exist.
        current: Option<String>,
    },
}

/// What kind of action an offer is, as the protocol groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A fix of one finding.
    QuickFix,
    /// Every fix of the file.
    FixAll,
}

/// One action the editor may show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The label, in the interface language.
    pub title: String,
    /// Quick fix or fix-all.
    pub kind: Kind,
    /// The index in the analysis's diagnostics of the finding it answers.
    pub diagnostic: Option<usize>,
    /// The action to pick first (the fix `check --fix` would apply).
    pub preferred: bool,
    /// The edit it makes.
    pub change: Change,
}

/// The offers for the findings of `source` that touch the byte `range`, and a "fix all"
/// when the file has two fixes or more. `read` gives the current text of a file of the
/// project (an open buffer or the disk), `None` when it does not exist.
pub fn offers(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    source: SourceId,
    range: Range<usize>,
    root: &std::path::Path,
    read: &dyn Fn(&std::path::Path) -> Option<String>,
    lang: &str,
) -> Vec<Offer> {
    let mut out = Vec::new();
    for (i, d) in diagnostics.iter().enumerate() {
        let Some(span) = d.span().filter(|s| s.source == source) else {
            continue;
        };
        if span.start > range.end || span.end < range.start {
            continue;
        }
        let replacements = d.fix.iter().chain(&d.alternatives);
        for (n, replacement) in replacements.enumerate() {
            out.push(Offer {
                title: crate::l10n::capitalized(&describe_fix(d, replacement, sources, lang)),
                kind: Kind::QuickFix,
                diagnostic: Some(i),
                preferred: n == 0 && d.fix.is_some(),
                change: Change::Replace(vec![(span, replacement.clone())]),
            });
        }
        if let Some(accept) = &d.accept_word {
            let path = root.join(&accept.list);
            out.push(Offer {
                title: msg!("lsp-add-word", word = &accept.word, file = &accept.list).text(lang),
                kind: Kind::QuickFix,
                diagnostic: Some(i),
                preferred: false,
                change: Change::AddWord {
                    current: read(&path),
                    path,
                    word: accept.word.clone(),
                },
            });
        }
    }
    let all = fix_all(diagnostics, source);
    if all.len() >= 2 {
        out.push(Offer {
            title: msg!("lsp-fix-all", count = all.len()).text(lang),
            kind: Kind::FixAll,
            diagnostic: None,
            preferred: false,
            change: Change::Replace(all),
        });
    }
    out
}

/// Every fix of `source`, in order, leaving out those that overlap an earlier one (as
/// `check --fix` does).
pub fn fix_all(diagnostics: &[Diagnostic], source: SourceId) -> Vec<(Span, String)> {
    let mut fixes: Vec<(Span, String)> = diagnostics
        .iter()
        .filter_map(|d| Some((d.span()?, d.fix.clone()?)))
        .filter(|(s, _)| s.source == source)
        .collect();
    fixes.sort_by_key(|(s, _)| (s.start, s.end));
    fixes.dedup();
    let mut end = 0;
    fixes.retain(|(s, _)| {
        let keep = s.start >= end;
        if keep {
            end = s.end;
        }
        keep
    });
    fixes
}

/// Where `word` goes in a word list whose text is `list`: the byte offset and the text to
/// insert there. In alphabetical place when the list's words are sorted, else at the end;
/// `None` when the list already has the word.
pub fn word_list_insertion(list: &str, word: &str) -> Option<(usize, String)> {
    let mut entries = Vec::new();
    let mut offset = 0;
    for line in list.split_inclusive('\n') {
        let entry = line.split('#').next().unwrap_or("").trim();
        if entry == word {
            return None;
        }
        if !entry.is_empty() {
            entries.push((offset, entry));
        }
        offset += line.len();
    }
    let key = crate::l10n::sort_key;
    let sorted = entries.windows(2).all(|p| key(p[0].1) <= key(p[1].1));
    if sorted && let Some((at, _)) = entries.iter().find(|(_, e)| key(e) > key(word)) {
        return Some((*at, format!("{word}\n")));
    }
    if list.is_empty() || list.ends_with('\n') {
        Some((list.len(), format!("{word}\n")))
    } else {
        Some((list.len(), format!("\n{word}\n")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_goes_in_its_alphabetical_place_in_a_sorted_list() {
        let list = "# Lieux\nBamako\nKayes\nSégou\n";
        assert_eq!(
            word_list_insertion(list, "Gao"),
            Some((list.find("Kayes").unwrap(), "Gao\n".into()))
        );
        // Accents sort with their letter: `Ségou` before `Sikasso`.
        assert_eq!(
            word_list_insertion(list, "Sikasso"),
            Some((list.len(), "Sikasso\n".into()))
        );
        assert_eq!(
            word_list_insertion(list, "Ansongo"),
            Some((list.find("Bamako").unwrap(), "Ansongo\n".into()))
        );
    }

    #[test]
    fn an_unsorted_list_gets_the_word_at_its_end_on_a_line_of_its_own() {
        assert_eq!(
            word_list_insertion("Kayes\nBamako", "Gao"),
            Some((12, "\nGao\n".into()))
        );
        assert_eq!(word_list_insertion("", "Gao"), Some((0, "Gao\n".into())));
    }

    #[test]
    fn a_word_already_listed_is_not_added_twice() {
        assert_eq!(word_list_insertion("Gao  # ville\nKayes\n", "Gao"), None);
    }

    #[test]
    fn fix_all_keeps_order_and_skips_overlaps() {
        let mut sources = SourceMap::new();
        let id = sources.add(crate::source::SourceFile::new("a.md", None, String::new()));
        let d = |r: Range<usize>, fix: &str| {
            Diagnostic::warning("typo/x", "x")
                .at(Span::new(id, r))
                .with_fix(fix)
        };
        let diags = vec![
            d(10..12, "b"),
            d(0..5, "a"),
            d(3..8, "overlap"),
            d(20..21, "c"),
        ];
        let got: Vec<String> = fix_all(&diags, id).into_iter().map(|(_, f)| f).collect();
        assert_eq!(got, ["a", "b", "c"]);
    }
}
