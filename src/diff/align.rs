//! Sequence alignment: sections by id (with moves), blocks by fingerprint, parts by text.

use std::collections::HashSet;
use std::hash::Hash;

use similar::{Algorithm, DiffTag, capture_diff_slices};

/// One step of an alignment of two sequences, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The same element in both (old index, new index).
    Same(usize, usize),
    /// Elements judged to be one element changed (old index, new index).
    Changed(usize, usize),
    /// Only in the old sequence.
    Removed(usize),
    /// Only in the new sequence.
    Added(usize),
}

/// Aligns `old` and `new` (patience diff on the keys), then pairs, inside each replaced
/// stretch, elements for which `pairable` says yes, in order. Unpaired elements are
/// removed or added.
pub fn align<T: Hash + Eq + Ord>(
    old: &[T],
    new: &[T],
    pairable: impl Fn(usize, usize) -> bool,
) -> Vec<Step> {
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, old, new) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => out.extend(o.zip(n).map(|(a, b)| Step::Same(a, b))),
            DiffTag::Delete => out.extend(o.map(Step::Removed)),
            DiffTag::Insert => out.extend(n.map(Step::Added)),
            DiffTag::Replace => {
                let mut next_new = n.start;
                for a in o {
                    match (next_new..n.end).find(|&b| pairable(a, b)) {
                        Some(b) => {
                            out.extend((next_new..b).map(Step::Added));
                            out.push(Step::Changed(a, b));
                            next_new = b + 1;
                        }
                        None => out.push(Step::Removed(a)),
                    }
                }
                out.extend((next_new..n.end).map(Step::Added));
            }
        }
    }
    out
}

/// Where a section shared by both versions stands after an id alignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed {
    /// In both, in the same relative order.
    Kept(usize, usize),
    /// In both, but moved relative to the others (old index, new index).
    Moved(usize, usize),
    /// Only in the old version.
    Removed(usize),
    /// Only in the new version.
    Added(usize),
}

/// Aligns two sequences of unique ids: ids in both keep their place when they lie on the
/// longest common subsequence and are moved otherwise. The result is in reading order of
/// the new version, with removed ids where they stood in the old one.
pub fn place_ids(old: &[String], new: &[String]) -> Vec<Placed> {
    let in_new: HashSet<&str> = new.iter().map(String::as_str).collect();
    let in_old: HashSet<&str> = old.iter().map(String::as_str).collect();
    let old_pos = |id: &str| old.iter().position(|o| o == id);
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => out.extend(o.zip(n).map(|(a, b)| Placed::Kept(a, b))),
            _ => {
                for a in o {
                    if !in_new.contains(old[a].as_str()) {
                        out.push(Placed::Removed(a));
                    }
                }
                for b in n {
                    if in_old.contains(new[b].as_str()) {
                        if let Some(a) = old_pos(&new[b]) {
                            out.push(Placed::Moved(a, b));
                        }
                    } else {
                        out.push(Placed::Added(b));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn a_moved_section_is_found() {
        let placed = place_ids(
            &ids("objet portee roles procedures annexes"),
            &ids("objet roles procedures portee annexes"),
        );
        assert_eq!(
            placed,
            vec![
                Placed::Kept(0, 0),
                Placed::Kept(2, 1),
                Placed::Kept(3, 2),
                Placed::Moved(1, 3),
                Placed::Kept(4, 4),
            ]
        );
    }

    #[test]
    fn added_and_removed_sections() {
        let placed = place_ids(&ids("a b c"), &ids("a c d"));
        assert_eq!(
            placed,
            vec![
                Placed::Kept(0, 0),
                Placed::Removed(1),
                Placed::Kept(2, 1),
                Placed::Added(2)
            ]
        );
    }

    #[test]
    fn blocks_pair_within_a_replaced_stretch() {
        // Fingerprints: the 2nd block changed, a block was inserted after it.
        let old = [1u64, 2, 3];
        let new = [1u64, 20, 99, 3];
        let kinds_old = ["p", "p", "p"];
        let kinds_new = ["p", "p", "list", "p"];
        let steps = align(&old, &new, |a, b| kinds_old[a] == kinds_new[b]);
        assert_eq!(
            steps,
            vec![
                Step::Same(0, 0),
                Step::Changed(1, 1),
                Step::Added(2),
                Step::Same(2, 3)
            ]
        );
    }

    #[test]
    fn unpairable_blocks_are_removed_and_added() {
        let steps = align(&[1u64], &[2u64], |_, _| false);
        assert_eq!(steps, vec![Step::Removed(0), Step::Added(0)]);
    }
}
