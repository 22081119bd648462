//! Which registry entries each translation uses, for its generated lists: acronyms
//! ("Sigles et abréviations"), glossary terms ("Définitions") and legal instruments
//! ("Textes de référence"). Only what a document uses is listed in it.

use std::collections::BTreeSet;

use crate::model::*;

/// Fills `Translation::uses` for every translation.
pub(super) fn record_uses(project: &mut Project) {
    let source_lang = project.source_language().to_string();
    let reg = &project.registries;
    for doc in &mut project.documents {
        for t in &mut doc.translations {
            let text = translation_text(t);
            let lower = text.to_lowercase();
            let lang = t.lang.clone();
            let mut acronyms: Vec<usize> = reg
                .acronyms
                .iter()
                .enumerate()
                .filter(|(_, a)| contains_word(&text, a.short.get(&lang, &source_lang)))
                .map(|(i, _)| i)
                .collect();
            acronyms.sort_by_key(|&i| fold(reg.acronyms[i].short.get(&lang, &source_lang)));
            let mut terms: Vec<usize> = reg
                .terms
                .iter()
                .enumerate()
                .filter(|(_, term)| {
                    contains_word(&lower, &term.term.get(&lang, &source_lang).to_lowercase())
                })
                .map(|(i, _)| i)
                .collect();
            terms.sort_by_key(|&i| fold(reg.terms[i].term.get(&lang, &source_lang)));
            let cited = cited_instruments(t);
            let mut instruments: Vec<usize> = reg
                .instruments
                .iter()
                .enumerate()
                .filter(|(_, inst)| cited.contains(inst.id.value.as_str()))
                .map(|(i, _)| i)
                .collect();
            instruments.sort_by_key(|&i| fold(reg.instruments[i].short.get(&lang, &source_lang)));
            t.uses = RegistryUse {
                acronyms,
                terms,
                instruments,
            };
        }
    }
}

/// Sort key: lower case without accents, so "État" sorts with "etat".
fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// Whether `needle` occurs in `hay` as a whole word (not inside a longer word).
fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(pos) = hay[from..].find(needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
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
                        if let InlineKind::Link(Link {
                            target: LinkTarget::Legal(l),
                            ..
                        }) = &i.kind
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
    fn folding_sorts_accents_with_their_letter() {
        assert_eq!(fold("État"), "etat");
    }
}
