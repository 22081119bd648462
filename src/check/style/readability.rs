//! Words, sentences and syllables, and the two readability formulas.
//!
//! Kandel & Moles (1958) adapted Flesch's reading ease to French:
//! `207 − 1.015 × (words / sentences) − 73.6 × (syllables / words)`.
//! Flesch (1948) for English: `206.835 − 1.015 × (words / sentences) − 84.6 × (syllables /
//! words)`. Both run per section (the text between two headings); higher is easier.

use std::ops::Range;

use super::pack::Formula;
use super::scope::OBJECT;

/// Words of `text` with their byte ranges: letters, digits, inner hyphens and apostrophes.
pub fn words(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let is_word = |c: char| c.is_alphanumeric() || c == OBJECT;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        let joiner = matches!(c, '-' | '\'' | '\u{2019}')
            && start.is_some()
            && chars.get(n + 1).is_some_and(|&(_, d)| d.is_alphanumeric());
        if is_word(c) || joiner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s..i, &text[s..i]));
        }
    }
    if let Some(s) = start {
        out.push((s..text.len(), &text[s..]));
    }
    out
}

/// Sentence ranges: a sentence ends at `.`, `!`, `?` or `…` followed by a space and a
/// capital letter or digit, or at the end of the text. Abbreviations (`art.`, `n°`, `e.g.`)
/// are not ends, because what follows them is rarely a capital.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let next = chars.get(n + 1).map(|&(_, d)| d);
        let after = chars.get(n + 2).map(|&(_, d)| d);
        let ends = match next {
            None => true,
            Some(' ') => after.is_some_and(|d| d.is_uppercase() || d.is_ascii_digit() || d == '«'),
            _ => false,
        };
        if ends && !abbreviation_before(&text[start..i]) {
            let end = i + c.len_utf8();
            out.push(start..end);
            start = (end + 1).min(text.len());
        }
    }
    if text[start..].trim().chars().any(char::is_alphanumeric) {
        out.push(start..text.len());
    }
    out
}

fn abbreviation_before(s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or("");
    matches!(
        last,
        "art"
            | "Art"
            | "p"
            | "pp"
            | "no"
            | "No"
            | "cf"
            | "M"
            | "Mme"
            | "Dr"
            | "e.g"
            | "i.e"
            | "etc"
            | "para"
            | "Mr"
            | "Ms"
            | "St"
            | "vol"
    ) || (last.chars().count() == 1 && last.chars().all(char::is_uppercase))
}

/// Syllables of one word, by vowel groups; a final mute `e`/`es` does not count.
pub fn syllables(word: &str) -> usize {
    let lower = word.to_lowercase();
    let vowel = |c: char| "aeiouyàâäéèêëîïôöùûüœæ".contains(c);
    let mut count = 0;
    let mut prev = false;
    for c in lower.chars() {
        let v = vowel(c);
        if v && !prev {
            count += 1;
        }
        prev = v;
    }
    let mute = (lower.ends_with('e') && !lower.ends_with("ée") && !lower.ends_with("le"))
        || lower.ends_with("es") && !lower.ends_with("ées");
    if mute && count > 1 {
        count -= 1;
    }
    count.max(1)
}

/// Counts of one section.
#[derive(Debug, Default, Clone, Copy)]
pub struct Section {
    words: usize,
    sentences: usize,
    syllables: usize,
}

impl Section {
    /// Adds a paragraph.
    pub fn add(&mut self, text: &str) {
        let ws = words(text);
        let ws: Vec<&str> = ws
            .iter()
            .map(|(_, w)| *w)
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        if ws.is_empty() {
            return;
        }
        self.words += ws.len();
        self.syllables += ws.iter().map(|w| syllables(w)).sum::<usize>();
        self.sentences += sentences(text).len().max(1);
    }

    /// The score, when the section has at least `min_words` words.
    pub fn score(&self, formula: Formula, min_words: usize) -> Option<f64> {
        if self.words < min_words.max(1) || self.sentences == 0 {
            return None;
        }
        let asl = self.words as f64 / self.sentences as f64;
        let asw = self.syllables as f64 / self.words as f64;
        Some(match formula {
            Formula::KandelMoles => 207.0 - 1.015 * asl - 73.6 * asw,
            Formula::Flesch => 206.835 - 1.015 * asl - 84.6 * asw,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_elisions_and_hyphens() {
        let w: Vec<&str> = words("L'agent d’État, bien-être : 10 %.")
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(w, ["L'agent", "d’État", "bien-être", "10"]);
    }

    #[test]
    fn sentences_skip_abbreviations() {
        let t = "Voir art. 3 de la loi. Puis le décret. Fin";
        let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(s, ["Voir art. 3 de la loi.", "Puis le décret.", "Fin"]);
    }

    #[test]
    fn syllables_by_vowel_groups() {
        assert_eq!(syllables("victime"), 2);
        assert_eq!(syllables("organisation"), 5);
        assert_eq!(syllables("trafficking"), 3);
    }

    #[test]
    fn formulas() {
        let mut s = Section::default();
        s.add("The cat sat on the mat. The dog ran.");
        let f = s.score(Formula::Flesch, 1).unwrap();
        assert!(f > 90.0, "{f}");
    }
}
