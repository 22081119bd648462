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
    word_iter(text).collect()
}

/// How many words `text` has (as [`words`] counts them, without collecting them).
pub fn word_count(text: &str) -> usize {
    word_iter(text).count()
}

/// The words of `text`, one at a time.
pub fn word_iter(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// Iterator of [`word_iter`].
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Words<'a> {
    /// The character at byte `i` and its length; ASCII without decoding.
    fn char_at(&self, i: usize) -> Option<(char, usize)> {
        let b = *self.text.as_bytes().get(i)?;
        if b.is_ascii() {
            return Some((char::from(b), 1));
        }
        let c = self.text[i..].chars().next()?;
        Some((c, c.len_utf8()))
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = (Range<usize>, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let mut start: Option<usize> = None;
        while let Some((c, len)) = self.char_at(self.pos) {
            let i = self.pos;
            self.pos += len;
            let word_char = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                c.is_alphanumeric() || c == OBJECT
            };
            let joiner = !word_char
                && start.is_some()
                && matches!(c, '-' | '\'' | '\u{2019}')
                && self
                    .char_at(self.pos)
                    .is_some_and(|(d, _)| d.is_alphanumeric());
            if word_char || joiner {
                start.get_or_insert(i);
            } else if let Some(s) = start {
                return Some((s..i, &self.text[s..i]));
            }
        }
        start.map(|s| (s..self.text.len(), &self.text[s..]))
    }
}

/// Sentence ranges: a sentence ends at `.`, `!`, `?` or `…` followed by a space and a
/// capital letter or digit, or at the end of the text. Abbreviations (`art.`, `n°`, `e.g.`)
/// are not ends, because what follows them is rarely a capital.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut rest = text[i + c.len_utf8()..].chars();
        let next = rest.next();
        let after = rest.next();
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
    let vowel = |c: char| {
        matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
            || (!c.is_ascii()
                && c.to_lowercase()
                    .any(|l| "aeiouyàâäéèêëîïôöùûüœæ".contains(l)))
    };
    let mut count = 0;
    let mut prev = false;
    for c in word.chars() {
        let v = vowel(c);
        if v && !prev {
            count += 1;
        }
        prev = v;
    }
    // The last three letters, lower-cased, last first: enough to see a mute ending.
    let mut tail = word
        .chars()
        .rev()
        .map(|c| c.to_lowercase().next().unwrap_or(c));
    let (c1, c2, c3) = (tail.next(), tail.next(), tail.next());
    let mute = match (c1, c2, c3) {
        (Some('e'), Some('é' | 'l'), _) => false,
        (Some('e'), _, _) => true,
        (Some('s'), Some('e'), Some('é')) => false,
        (Some('s'), Some('e'), _) => true,
        _ => false,
    };
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
        let (mut count, mut syl) = (0, 0);
        for (_, w) in word_iter(text) {
            if w.chars().any(char::is_alphabetic) {
                count += 1;
                syl += syllables(w);
            }
        }
        if count == 0 {
            return;
        }
        self.words += count;
        self.syllables += syl;
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
