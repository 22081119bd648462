//! Which registry entries each translation uses, for its generated lists: acronyms
//! ("Sigles et abréviations"), glossary terms ("Définitions") and legal instruments
//! ("Textes de référence"). Only what a document uses is listed in it.

use std::collections::{BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Mutex, OnceLock};

use crate::model::*;
use rayon::prelude::*;

/// What each translation used, by the hash of its chapters' text, its language and the
/// registries: the editor re-resolves on every keystroke, and only the edited translation
/// needs scanning again. Bounded: a long session keeps the recent ones.
fn uses_cache() -> &'static Mutex<HashMap<u64, RegistryUse>> {
    static CACHE: OnceLock<Mutex<HashMap<u64, RegistryUse>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

const CACHE_LIMIT: usize = 512;

/// The registries' part of the key: every text the scan looks for, in every language.
fn registries_key(reg: &Registries) -> u64 {
    let mut h = DefaultHasher::new();
    for a in &reg.acronyms {
        format!("{:?}", a.short).hash(&mut h);
    }
    for t in &reg.terms {
        format!("{:?}", t.term).hash(&mut h);
    }
    for i in &reg.instruments {
        i.id.value.hash(&mut h);
        format!("{:?}", i.short).hash(&mut h);
    }
    h.finish()
}

/// Fills `Translation::uses` for every translation.
pub(super) fn record_uses(project: &mut Project) {
    let source_lang = project.source_language().to_string();
    let reg = &project.registries;
    let reg_key = registries_key(reg);
    let sources = &project.sources;
    let mut all: Vec<&mut Translation> = project
        .documents
        .iter_mut()
        .flat_map(|d| d.translations.iter_mut())
        .collect();
    all.par_iter_mut().for_each(|t| {
        let mut h = DefaultHasher::new();
        (reg_key, &source_lang, &t.lang).hash(&mut h);
        for c in &t.chapters {
            sources.get(c.source).text.hash(&mut h);
        }
        let key = h.finish();
        let cached = uses_cache()
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            .cloned();
        if let Some(uses) = cached {
            t.uses = uses;
            return;
        }
        {
            let text = translation_text(t);
            // Typographic and straight apostrophes are the same letter to a reader.
            let lower = text.to_lowercase().replace('\u{2019}', "'");
            let lang = t.lang.clone();
            let shorts: Vec<&str> = reg
                .acronyms
                .iter()
                .map(|a| a.short.get(&lang, &source_lang))
                .collect();
            let found = words_used(&text, &shorts);
            let mut acronyms: Vec<usize> = (0..shorts.len()).filter(|&i| found[i]).collect();
            acronyms.sort_by_key(|&i| {
                crate::l10n::sort_key(reg.acronyms[i].short.get(&lang, &source_lang))
            });
            let folded: Vec<String> = reg
                .terms
                .iter()
                .map(|t| fold_term(t.term.get(&lang, &source_lang)))
                .collect();
            let found = words_used(&lower, &folded);
            let mut terms: Vec<usize> = (0..folded.len()).filter(|&i| found[i]).collect();
            terms.sort_by_key(|&i| {
                crate::l10n::sort_key(reg.terms[i].term.get(&lang, &source_lang))
            });
            let cited = cited_instruments(t);
            let mut instruments: Vec<usize> = reg
                .instruments
                .iter()
                .enumerate()
                .filter(|(_, inst)| cited.contains(inst.id.value.as_str()))
                .map(|(i, _)| i)
                .collect();
            instruments.sort_by_key(|&i| {
                crate::l10n::sort_key(reg.instruments[i].short.get(&lang, &source_lang))
            });
            t.uses = RegistryUse {
                acronyms,
                terms,
                instruments,
            };
        }
        let mut cache = uses_cache().lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(key, t.uses.clone());
    });
}

/// A glossary term as it is looked for in a text lower-cased with straight apostrophes,
/// so either apostrophe matches.
fn fold_term(term: &str) -> String {
    term.to_lowercase().replace('\u{2019}', "'")
}

/// Which of `needles` occur in `hay` as whole words, in one pass over the text (a project
/// has dozens of acronyms and terms, and documents of tens of thousands of words).
fn words_used<S: AsRef<str>>(hay: &str, needles: &[S]) -> Vec<bool> {
    let mut out = vec![false; needles.len()];
    let live: Vec<usize> = (0..needles.len())
        .filter(|&i| !needles[i].as_ref().is_empty())
        .collect();
    let Ok(ac) = aho_corasick::AhoCorasick::new(live.iter().map(|&i| needles[i].as_ref())) else {
        for i in live {
            out[i] = contains_word(hay, needles[i].as_ref());
        }
        return out;
    };
    for m in ac.find_overlapping_iter(hay) {
        let i = live[m.pattern().as_usize()];
        if !out[i] && bounded(hay, m.start(), m.end()) {
            out[i] = true;
        }
    }
    out
}

/// Whether `hay[start..end]` is not part of a longer word.
fn bounded(hay: &str, start: usize, end: usize) -> bool {
    let before = hay[..start].chars().next_back();
    let after = hay[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether `needle` occurs in `hay` as a whole word (not inside a longer word).
fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(pos) = hay[from..].find(needle) {
        let start = from + pos;
        if bounded(hay, start, start + needle.len()) {
            return true;
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// The prose of a translation (headings, paragraphs, cells, captions, footnotes), one
/// block per line; code is left out.
fn translation_text(t: &Translation) -> String {
    let mut out = String::new();
    for chapter in &t.chapters {
        let mut push = |b: &Block| {
            block_inlines(b, &mut |inl| {
                out.push_str(&plain_text(inl));
                out.push('\n');
            })
        };
        walk_blocks(&chapter.blocks, &mut push);
        for f in &chapter.footnotes {
            walk_blocks(&f.blocks, &mut push);
        }
    }
    out
}

fn cited_instruments(t: &Translation) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    for chapter in &t.chapters {
        let blocks = chapter
            .blocks
            .iter()
            .chain(chapter.footnotes.iter().flat_map(|f| f.blocks.iter()));
        for top in blocks {
            walk_blocks(std::slice::from_ref(top), &mut |b| {
                block_inlines(b, &mut |inl| {
                    walk_inlines(inl, &mut |i| {
                        if let InlineKind::Link(link) = &i.kind
                            && let LinkTarget::Legal(l) = &link.target
                        {
                            out.insert(l.id.as_str());
                        }
                    })
                })
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert!(contains_word("l'OIM et l'UNICEF", "OIM"));
        assert!(!contains_word("OIMS", "OIM"));
        assert!(contains_word("(MRN)", "MRN"));
        assert!(!contains_word("", "MRN"));
    }

    #[test]
    fn terms_match_whatever_the_apostrophe() {
        let text = "l\u{2019}intérêt supérieur de l\u{2019}enfant"
            .to_lowercase()
            .replace('\u{2019}', "'");
        let terms = [
            fold_term("Intérêt supérieur de l'enfant"),
            fold_term("intérêt supérieur de l\u{2019}enfant"),
            fold_term("enfant séparé"),
            fold_term("enfant"),
            fold_term("fan"),
            String::new(),
        ];
        assert_eq!(
            words_used(&text, &terms),
            [true, true, false, true, false, false]
        );
        assert_eq!(
            words_used("OIM, OIMS", &["OIM", "OIMS", "IM"]),
            [true, true, false]
        );
    }

    #[test]
    fn folding_sorts_accents_with_their_letter() {
        assert_eq!(crate::l10n::sort_key("État"), "etat");
    }
}
