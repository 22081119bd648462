//! Which unit of a translation translates which unit of the source.
//!
//! Unit ids are positions (`consentement.2`), so a block inserted in the source shifts the
//! ids of the blocks after it while the translation keeps the old ones: matching by id
//! alone would offer a neighbour's translation. When the translation no longer has the
//! source's ids, units are matched by content instead: the state file records, for each
//! translated unit, the fingerprint of the source text it was made from, and the longest
//! common subsequence of those fingerprints with the source's current ones pairs the units
//! that did not change. Between two such pairs, units are paired in order only when both
//! sides have as many of them, of the same kinds (blocks edited in place, which are
//! stale); otherwise they stay unpaired (new blocks, or blocks removed).
//!
//! A translation that mirrors the source, or that was never imported (no fingerprints to
//! go by), is matched by id.

use std::collections::{BTreeMap, HashMap};

use super::segment::Unit;
use super::state::UnitState;
use super::text::canonical;

/// For each unit of `src`, the index in `trg` of the unit that translates it, if any.
/// `state` is the chapter's recorded fingerprints, keyed by the translation's unit ids.
pub fn match_units(
    src: &[Unit],
    trg: &[Unit],
    state: Option<&BTreeMap<String, UnitState>>,
) -> Vec<Option<usize>> {
    let by_id: HashMap<&str, usize> = trg
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let by_id_only = || {
        src.iter()
            .map(|u| by_id.get(u.id.as_str()).copied())
            .collect()
    };
    // The front matter's title is optional in a translation: blocks decide.
    let blocks = |units: &[Unit]| {
        units
            .iter()
            .filter(|u| u.id != "title")
            .map(|u| u.id.clone())
            .collect::<Vec<_>>()
    };
    let mirrors = blocks(src) == blocks(trg);
    let recorded = |u: &Unit| state.and_then(|s| s.get(&u.id));
    if mirrors || !trg.iter().any(|u| recorded(u).is_some()) {
        return by_id_only();
    }
    let mut out = vec![None; src.len()];
    // The front matter's title is not a block: it keeps its id.
    let body = |units: &[Unit]| -> Vec<usize> {
        (0..units.len())
            .filter(|&i| units[i].id != "title")
            .collect()
    };
    if let (Some(s), Some(&t)) = (src.iter().position(|u| u.id == "title"), by_id.get("title")) {
        out[s] = Some(t);
    }
    let (sb, tb) = (body(src), body(trg));
    let same = |i: usize, j: usize| {
        recorded(&trg[tb[j]]).is_some_and(|r| src[sb[i]].has_fingerprint(&r.source))
    };
    // Longest common subsequence, by dynamic programming from the end.
    let (n, m) = (sb.len(), tb.len());
    let mut len = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[at(i, j)] = if same(i, j) {
                len[at(i + 1, j + 1)] + 1
            } else {
                len[at(i + 1, j)].max(len[at(i, j + 1)])
            };
        }
    }
    let mut anchors = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if same(i, j) {
            anchors.push((i, j));
            i += 1;
            j += 1;
        } else if len[at(i + 1, j)] >= len[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    anchors.push((n, m));
    let (mut gi, mut gj) = (0, 0);
    for (ai, aj) in anchors {
        // The gap before this anchor: blocks edited in place pair up in order.
        let (si, tj) = (&sb[gi..ai], &tb[gj..aj]);
        if si.len() == tj.len() && si.iter().zip(tj).all(|(&a, &b)| src[a].kind == trg[b].kind) {
            for (&a, &b) in si.iter().zip(tj) {
                out[a] = Some(b);
            }
        }
        if ai < n {
            out[sb[ai]] = Some(tb[aj]);
        }
        (gi, gj) = (ai + 1, aj + 1);
    }
    out
}

/// Whether `trg`, the unit matched to `src` in a translation whose state is `state`,
/// still holds the source's own text although the translation is tracked by imports and
/// nothing was recorded for it: a block a forced import left untranslated.
pub fn is_untranslated_copy(
    src: &Unit,
    trg: &Unit,
    state: Option<&BTreeMap<String, UnitState>>,
) -> bool {
    state.is_some_and(|s| !s.is_empty() && !s.contains_key(&trg.id))
        && canonical(&src.pieces) == canonical(&trg.pieces)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::translate::segment::{Piece, UnitKind};

    fn unit(id: &str, text: &str) -> Unit {
        Unit {
            id: id.into(),
            kind: UnitKind::Paragraph,
            range: 0..0,
            pieces: vec![Piece::Text(text.into())],
            section: String::new(),
            legacy_fingerprint: None,
        }
    }

    fn state(units: &[Unit]) -> BTreeMap<String, UnitState> {
        units
            .iter()
            .map(|u| {
                (
                    u.id.clone(),
                    UnitState {
                        source: u.fingerprint(),
                        target: "0".into(),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn an_inserted_block_shifts_no_translation() {
        let old = [unit("s.1", "un"), unit("s.2", "deux"), unit("s.3", "trois")];
        let st = state(&old);
        let trg = [unit("s.1", "one"), unit("s.2", "two"), unit("s.3", "three")];
        let src = [
            unit("s.1", "nouveau"),
            unit("s.2", "un"),
            unit("s.3", "deux modifié"),
            unit("s.4", "trois"),
        ];
        // The new block has none; the edited one keeps its (stale) translation.
        assert_eq!(
            match_units(&src, &trg, Some(&st)),
            [None, Some(0), Some(1), Some(2)]
        );
        // Mirrored ids, or no state: by id.
        assert_eq!(
            match_units(&old, &trg, Some(&st)),
            [Some(0), Some(1), Some(2)]
        );
        assert_eq!(
            match_units(&src, &trg, None),
            [Some(0), Some(1), Some(2), None]
        );
    }

    #[test]
    fn a_gap_of_other_lengths_pairs_nothing() {
        let old = [unit("s.1", "un"), unit("s.2", "deux"), unit("s.3", "trois")];
        let st = state(&old);
        let trg = [unit("s.1", "one"), unit("s.2", "two"), unit("s.3", "three")];
        let src = [
            unit("s.1", "un"),
            unit("s.2", "nouveau"),
            unit("s.3", "deux modifié"),
            unit("s.4", "trois"),
        ];
        assert_eq!(
            match_units(&src, &trg, Some(&st)),
            [Some(0), None, None, Some(2)]
        );
    }
}
