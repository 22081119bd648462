//! Number engines that need more context than a pattern: French digit grouping, English
//! small numbers in words, and numerals opening an English sentence.

use super::engine::Hit;
use super::pack::NumberFormat;
use super::readability::sentences;
use super::scope::Run;

const NNBSP: char = '\u{202F}';

/// Runs one engine over a run.
pub fn run(format: NumberFormat, run: &Run) -> Vec<Hit> {
    let text = run.text.as_str();
    match format {
        NumberFormat::FrThousands => fr_thousands(text),
        NumberFormat::EnWordsUnderTen => en_small(text),
        NumberFormat::EnSentenceStart => sentences(text)
            .into_iter()
            .filter_map(|r| {
                let s = &text[r.clone()];
                let digits = s.bytes().take_while(u8::is_ascii_digit).count();
                let rest = &s[digits..];
                (digits > 0
                    && rest.starts_with(' ')
                    && rest[1..].starts_with(|c: char| c.is_alphabetic()))
                .then(|| Hit::at(r.start..r.start + digits))
            })
            .collect(),
    }
}

/// A number token: maximal run of digits and in-number separators.
struct Token {
    start: usize,
    end: usize,
}

fn tokens(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        out.push(Token { start, end: i });
    }
    out
}

/// Whether `text` ends with `suffix` (ASCII), whatever the case; without lower-casing all
/// of `text`, which is the paragraph up to a number.
fn ends_with_ignore_ascii_case(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.as_bytes()[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// `12000`, `12.000` or `12 000` (breakable space) → `12 000` with U+202F. Numbers glued to
/// letters, slashes or dashes (codes, law numbers `2012-023`), and numbers after `n°` or
/// `art.`, are identifiers and left alone.
fn fr_thousands(text: &str) -> Vec<Hit> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut n = 0;
    while n < toks.len() {
        let t = &toks[n];
        let before = text[..t.start].chars().next_back();
        let ident_before = before.is_some_and(|c| c.is_alphanumeric() || "-/.,°#".contains(c))
            || text[..t.start].trim_end().ends_with("n°")
            || ends_with_ignore_ascii_case(text[..t.start].trim_end(), "art.");
        // Group `d{1,3}` followed by `[ .]ddd` groups.
        let mut end_tok = n;
        let mut seps = Vec::new();
        if t.end - t.start <= 3 {
            while let Some(next) = toks.get(end_tok + 1) {
                let sep = &text[toks[end_tok].end..next.start];
                if (sep == " " || sep == ".") && next.end - next.start == 3 {
                    seps.push(toks[end_tok].end..next.start);
                    end_tok += 1;
                } else {
                    break;
                }
            }
        }
        let last = &toks[end_tok];
        let after = text[last.end..].chars().next();
        let after2 = text[last.end..].chars().nth(1);
        let ident_after = after.is_some_and(|c| c.is_alphanumeric() || "-/°".contains(c))
            || (matches!(after, Some('.' | ',')) && after2.is_some_and(|c| c.is_ascii_digit()));
        if ident_before || ident_after {
            n = end_tok + 1;
            continue;
        }
        if !seps.is_empty() {
            let dotted = seps.iter().all(|r| &text[r.clone()] == ".");
            let spaced = seps.iter().all(|r| &text[r.clone()] == " ");
            if dotted || spaced {
                for r in seps {
                    out.push(Hit::fix(r, NNBSP.to_string()));
                }
            }
        } else if t.end - t.start >= 5 {
            let digits = &text[t.start..t.end];
            let mut grouped = String::new();
            for (k, ch) in digits.chars().enumerate() {
                if k > 0 && (digits.len() - k).is_multiple_of(3) {
                    grouped.push(NNBSP);
                }
                grouped.push(ch);
            }
            out.push(Hit::fix(t.start..t.end, grouped));
        }
        n = end_tok + 1;
    }
    out
}

const SMALL: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

/// Words before a number that make it a label, not a quantity.
const LABELS: &[&str] = &[
    "page",
    "pages",
    "p.",
    "pp.",
    "paragraph",
    "para.",
    "section",
    "sections",
    "chapter",
    "article",
    "articles",
    "art.",
    "annex",
    "table",
    "figure",
    "step",
    "steps",
    "phase",
    "level",
    "no.",
    "number",
    "version",
    "point",
    "item",
    "grade",
    "class",
    "rule",
    "principle",
    "volume",
    "vol.",
    "part",
    "sop",
    "tier",
    "category",
    "group",
    "option",
    "priority",
    "stage",
    "box",
    "form",
    "line",
    "model",
    "type",
    "annexe",
    "round",
    "goal",
    "target",
    "resolution",
    "decree",
    "law",
    "protocol",
    "schedule",
    "appendix",
    "case",
];

/// Words after a number that make figures correct (units, per cent, time).
const UNITS: &[&str] = &[
    "per", "percent", "km", "kg", "m", "cm", "mm", "g", "l", "am", "pm", "a.m.", "p.m.", "h",
    "hrs", "usd", "xof", "cfa", "eur", "fcfa", "million", "billion", "to", "and", "or", "out",
];

/// English integers 1–9 written as figures in running text → words (UNEM). A sentence that
/// also holds a number of 10 or more keeps figures (the series rule), and labels (`step 3`)
/// and units (`3 km`) keep figures.
fn en_small(text: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in sentences(text) {
        let sentence = &text[s.clone()];
        let toks = tokens(sentence);
        if toks.iter().any(|t| t.end - t.start > 1) {
            continue;
        }
        for t in &toks {
            let before = sentence[..t.start].chars().next_back();
            if before.is_some_and(|c| !c.is_whitespace() && c != '(') {
                continue;
            }
            let rest = &sentence[t.end..];
            let Some(next_word) = rest.strip_prefix(' ') else {
                continue;
            };
            let next_word: String = next_word
                .chars()
                .take_while(|c| c.is_alphabetic() || *c == '.')
                .collect();
            if !next_word.starts_with(|c: char| c.is_lowercase())
                || UNITS.contains(&next_word.to_lowercase().as_str())
            {
                continue;
            }
            // "(article 3 of …" and "[article 3](…)": the label keeps its brackets.
            let prev_word = sentence[..t.start]
                .split_whitespace()
                .next_back()
                .unwrap_or("")
                .trim_start_matches(['(', '[', '«', '“', '"'])
                .to_lowercase();
            if LABELS.contains(&prev_word.as_str()) || t.start == 0 {
                continue;
            }
            let d = usize::from(sentence.as_bytes()[t.start] - b'0');
            if d == 0 {
                continue;
            }
            out.push(Hit::fix(s.start + t.start..s.start + t.end, SMALL[d]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(text: &str) -> String {
        let mut s = text.to_string();
        let mut hits = fr_thousands(text);
        hits.sort_by_key(|h| std::cmp::Reverse(h.range.start));
        for h in hits {
            s.replace_range(h.range, h.fix.as_deref().unwrap_or(""));
        }
        s
    }

    #[test]
    fn french_grouping() {
        assert_eq!(fix("12000 victimes"), "12\u{202F}000 victimes");
        assert_eq!(fix("1.250.000 francs"), "1\u{202F}250\u{202F}000 francs");
        assert_eq!(fix("10 000 cas"), "10\u{202F}000 cas");
        for same in [
            "loi n° 2012-023",
            "C182",
            "en 2012",
            "n° 12345",
            "3,14159",
            "décret n° 2011-036/PM-RM",
        ] {
            assert_eq!(fix(same), same);
        }
    }

    #[test]
    fn english_small_numbers() {
        let hits = en_small("The team met 3 victims and then 2 officers.");
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].fix.as_deref(), Some("three"));
        assert!(en_small("See step 3 of the form.").is_empty());
        assert!(en_small("We met 3 victims and 12 officers.").is_empty());
        // A label inside brackets is still a label.
        assert!(en_small("It is punished (article 3 of the law).").is_empty());
        assert!(en_small("See [article 3](verify: \"x\") of the law.").is_empty());
    }
}
