//! Word-level changes between two texts.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// What a run of words is in the new text compared with the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// In both texts.
    Equal,
    /// Only in the new text.
    Insert,
    /// Only in the old text.
    Delete,
}

/// A run of text with one [`Op`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    /// Equal, inserted or deleted.
    pub op: Op,
    /// The text, white space included.
    pub text: String,
}

/// The word-level changes from `old` to `new`, adjacent runs of one kind merged.
///
/// White space between two changes of the same kind joins them, so "a b" replaced by
/// "c d" reads as one deletion and one insertion rather than four.
pub fn diff_words(old: &str, new: &str) -> Vec<Run> {
    let diff = TextDiff::from_words(old, new);
    let mut runs: Vec<Run> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => Op::Equal,
            ChangeTag::Insert => Op::Insert,
            ChangeTag::Delete => Op::Delete,
        };
        push(&mut runs, op, change.value());
    }
    absorb_spaces(runs)
}

/// The whole text as one run (an added or removed part).
pub fn whole(op: Op, text: &str) -> Vec<Run> {
    if text.is_empty() {
        return Vec::new();
    }
    vec![Run {
        op,
        text: text.to_string(),
    }]
}

fn push(runs: &mut Vec<Run>, op: Op, text: &str) {
    if text.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => runs.push(Run {
            op,
            text: text.to_string(),
        }),
    }
}

/// Folds an equal run of white space that sits between changes into both sides, so
/// deletions and insertions come out as whole phrases.
fn absorb_spaces(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    let mut i = 0;
    while i < runs.len() {
        let r = &runs[i];
        let between_changes = r.op == Op::Equal
            && r.text.chars().all(char::is_whitespace)
            && i > 0
            && i + 1 < runs.len()
            && runs[i - 1].op != Op::Equal
            && runs[i + 1].op != Op::Equal;
        if between_changes {
            // Give the space to both the deletion and the insertion around it.
            let space = r.text.clone();
            let mut tail: Vec<Run> = Vec::new();
            while out.last().is_some_and(|l| l.op != Op::Equal) {
                if let Some(t) = out.pop() {
                    tail.push(t);
                }
            }
            tail.reverse();
            let mut del = String::new();
            let mut ins = String::new();
            for t in tail {
                match t.op {
                    Op::Delete => del.push_str(&t.text),
                    Op::Insert => ins.push_str(&t.text),
                    Op::Equal => {}
                }
            }
            del.push_str(&space);
            ins.push_str(&space);
            // The following changes join in, up to the next equal run.
            let mut j = i + 1;
            while j < runs.len() && runs[j].op != Op::Equal {
                match runs[j].op {
                    Op::Delete => del.push_str(&runs[j].text),
                    Op::Insert => ins.push_str(&runs[j].text),
                    Op::Equal => {}
                }
                j += 1;
            }
            let del_only_space = del.trim().is_empty();
            let ins_only_space = ins.trim().is_empty();
            if !del_only_space {
                push(&mut out, Op::Delete, &del);
            }
            if !ins_only_space {
                push(&mut out, Op::Insert, &ins);
            }
            if del_only_space && ins_only_space {
                push(&mut out, Op::Equal, &space);
            }
            i = j;
            continue;
        }
        push(&mut out, r.op, &r.text);
        i += 1;
    }
    out
}

/// The old text of runs (equal and deleted).
pub fn old_text(runs: &[Run]) -> String {
    runs.iter()
        .filter(|r| r.op != Op::Insert)
        .map(|r| r.text.as_str())
        .collect()
}

/// The new text of runs (equal and inserted).
pub fn new_text(runs: &[Run]) -> String {
    runs.iter()
        .filter(|r| r.op != Op::Delete)
        .map(|r| r.text.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(runs: &[Run]) -> String {
        runs.iter()
            .map(|r| match r.op {
                Op::Equal => r.text.clone(),
                Op::Insert => format!("{{+{}+}}", r.text),
                Op::Delete => format!("[-{}-]", r.text),
            })
            .collect()
    }

    #[test]
    fn one_word_changed() {
        let runs = diff_words(
            "Informer la victime de ses droits.",
            "Informer la personne de ses droits.",
        );
        assert_eq!(
            show(&runs),
            "Informer la [-victime-]{+personne+} de ses droits."
        );
    }

    #[test]
    fn phrases_are_joined() {
        let runs = diff_words("dans les 24 heures", "sous deux jours ouvrables");
        assert_eq!(
            show(&runs),
            "[-dans les 24 heures-]{+sous deux jours ouvrables+}"
        );
    }

    #[test]
    fn texts_round_trip() {
        let (a, b) = ("Le <b> et & «x»", "Le <i> et & «y» z");
        let runs = diff_words(a, b);
        assert_eq!(old_text(&runs), a);
        assert_eq!(new_text(&runs), b);
    }

    #[test]
    fn identical_texts_are_one_equal_run() {
        let runs = diff_words("a b c", "a b c");
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].op, Op::Equal);
    }
}
