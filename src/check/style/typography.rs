//! Typography engines: spaces around punctuation, quotation marks, apostrophes.
//!
//! French sets a no-break space before `; ! ?` (narrow, U+202F) and `:` (U+00A0), and
//! inside « »; either no-break space is accepted wherever one is required (domain.md
//! FR-PUN-01 allows U+00A0 everywhere). English sets none. Each hit is the smallest range
//! to change (the space, or the mark when a space must be inserted), so `--fix` edits a
//! byte or two and nothing else.

use super::engine::Hit;
use super::pack::TypoEngine;

const NNBSP: char = '\u{202F}';
const NBSP: char = '\u{A0}';

fn is_nbsp(c: char) -> bool {
    c == NNBSP || c == NBSP
}

/// Runs one engine over a run's text.
pub fn run(engine: TypoEngine, text: &str) -> Vec<Hit> {
    // Most runs hold none of the marks an engine looks at: reject them with one memchr-like
    // scan instead of decoding every character.
    let relevant = match engine {
        TypoEngine::SpaceBeforeHighPunct => text.contains([';', '!', '?']),
        TypoEngine::SpaceBeforeColon => text.contains(':'),
        TypoEngine::GuillemetSpacing => text.contains(['«', '»']),
        TypoEngine::StraightQuotesFr | TypoEngine::StraightQuotesEn => text.contains('"'),
        TypoEngine::CurlyQuotesFr => text.contains('\u{201C}'),
        TypoEngine::NoSpaceBeforeLowPunct => {
            text.contains(" ,")
                || text.contains(" .")
                || text.contains(" )")
                || text.contains("( ")
                || text.contains('\u{A0}')
        }
        TypoEngine::NoSpaceBeforeHighPunctEn => text.contains([';', ':', '!', '?']),
        TypoEngine::Apostrophe => text.contains('\''),
        TypoEngine::DoubleSpace => text.contains("  "),
    };
    if !relevant {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    match engine {
        TypoEngine::SpaceBeforeHighPunct => {
            space_before(text, &chars, &[';', '!', '?'], NNBSP, &mut out)
        }
        TypoEngine::SpaceBeforeColon => space_before(text, &chars, &[':'], NBSP, &mut out),
        TypoEngine::GuillemetSpacing => guillemets(&chars, &mut out),
        TypoEngine::StraightQuotesFr => straight_quotes(&chars, true, &mut out),
        TypoEngine::StraightQuotesEn => straight_quotes(&chars, false, &mut out),
        TypoEngine::CurlyQuotesFr => curly_quotes(&chars, &mut out),
        TypoEngine::NoSpaceBeforeLowPunct => low_punct(text, &chars, &mut out),
        TypoEngine::NoSpaceBeforeHighPunctEn => {
            for (n, &(i, c)) in chars.iter().enumerate() {
                if !matches!(c, ';' | ':' | '!' | '?') || n < 2 || in_url(text, i) {
                    continue;
                }
                let (si, s) = chars[n - 1];
                let before = chars[n - 2].1;
                if (s == ' ' || is_nbsp(s)) && !before.is_whitespace() {
                    out.push(Hit::fix(si..i, ""));
                }
            }
        }
        TypoEngine::Apostrophe => {
            for w in chars.windows(3) {
                if w[1].1 == '\'' && w[0].1.is_alphabetic() && w[2].1.is_alphabetic() {
                    out.push(Hit::fix(w[1].0..w[2].0, "\u{2019}"));
                }
            }
        }
        TypoEngine::DoubleSpace => {
            let mut n = 0;
            while n < chars.len() {
                if chars[n].1 == ' ' && n > 0 {
                    let start = n;
                    while n < chars.len() && chars[n].1 == ' ' {
                        n += 1;
                    }
                    if n - start >= 2 && n < chars.len() {
                        let end = chars[n].0;
                        out.push(Hit::fix(chars[start].0..end, " "));
                    }
                } else {
                    n += 1;
                }
            }
        }
    }
    out
}

/// Whether byte `i` sits inside a URL-like token (`https://…`, `www.…`, `a@b.c`).
fn in_url(text: &str, i: usize) -> bool {
    let start = text[..i]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let end = text[i..]
        .find(char::is_whitespace)
        .map_or(text.len(), |p| i + p);
    let token = &text[start..end];
    token.contains("://") || token.starts_with("www.") || token.contains('@')
}

fn space_before(
    text: &str,
    chars: &[(usize, char)],
    marks: &[char],
    space: char,
    out: &mut Vec<Hit>,
) {
    for (n, &(i, c)) in chars.iter().enumerate() {
        if !marks.contains(&c) || n == 0 || in_url(text, i) {
            continue;
        }
        let (pi, prev) = chars[n - 1];
        let next = chars.get(n + 1).map(|&(_, d)| d);
        if is_nbsp(prev) || marks.contains(&prev) || matches!(prev, '!' | '?') {
            continue;
        }
        // 10:30, 1:2, ::, a URL scheme; "?!" and "!!" count once.
        if c == ':' && (prev.is_ascii_digit() && next.is_some_and(|d| d.is_ascii_digit())) {
            continue;
        }
        if next.is_some_and(|d| d == c || d == '/') {
            continue;
        }
        if prev == ' ' {
            if n >= 2 && chars[n - 2].1.is_whitespace() {
                continue;
            }
            out.push(Hit::fix(pi..i, space.to_string()));
        } else if !prev.is_whitespace() && prev != '(' && prev != '[' {
            out.push(Hit::fix(i..i + c.len_utf8(), format!("{space}{c}")));
        }
    }
}

fn guillemets(chars: &[(usize, char)], out: &mut Vec<Hit>) {
    for (n, &(i, c)) in chars.iter().enumerate() {
        match c {
            '«' => match chars.get(n + 1) {
                Some(&(si, ' ')) => out.push(Hit::fix(si..si + 1, NNBSP.to_string())),
                Some(&(_, d)) if !d.is_whitespace() && !is_nbsp(d) => {
                    out.push(Hit::fix(i..i + c.len_utf8(), format!("«{NNBSP}")))
                }
                _ => {}
            },
            '»' if n > 0 => match chars[n - 1] {
                (si, ' ') => out.push(Hit::fix(si..si + 1, NNBSP.to_string())),
                (_, d) if !d.is_whitespace() && !is_nbsp(d) => {
                    out.push(Hit::fix(i..i + c.len_utf8(), format!("{NNBSP}»")))
                }
                _ => {}
            },
            _ => {}
        }
    }
}

fn straight_quotes(chars: &[(usize, char)], french: bool, out: &mut Vec<Hit>) {
    let quotes: Vec<usize> = (0..chars.len()).filter(|&n| chars[n].1 == '"').collect();
    for pair in quotes.chunks_exact(2) {
        let (open, close) = (pair[0], pair[1]);
        let (oi, _) = chars[open];
        let (ci, _) = chars[close];
        if french {
            // Absorb an ordinary space inside the marks into the no-break one.
            let o_end = match chars.get(open + 1) {
                Some(&(si, ' ')) => si + 1,
                _ => oi + 1,
            };
            let c_start = match chars.get(close.wrapping_sub(1)) {
                Some(&(si, ' ')) if close > open + 1 => si,
                _ => ci,
            };
            out.push(Hit::fix(oi..o_end, format!("«{NNBSP}")));
            out.push(Hit::fix(c_start..ci + 1, format!("{NNBSP}»")));
        } else {
            out.push(Hit::fix(oi..oi + 1, "\u{201C}"));
            out.push(Hit::fix(ci..ci + 1, "\u{201D}"));
        }
    }
}

fn curly_quotes(chars: &[(usize, char)], out: &mut Vec<Hit>) {
    let mut depth = 0usize;
    let mut open: Option<usize> = None;
    for &(i, c) in chars {
        match c {
            '«' => depth += 1,
            '»' => depth = depth.saturating_sub(1),
            '\u{201C}' if depth == 0 && open.is_none() => open = Some(i),
            '\u{201D}' if depth == 0 => {
                if let Some(o) = open.take() {
                    out.push(Hit::fix(o..o + '\u{201C}'.len_utf8(), format!("«{NNBSP}")));
                    out.push(Hit::fix(i..i + c.len_utf8(), format!("{NNBSP}»")));
                }
            }
            _ => {}
        }
    }
}

fn low_punct(text: &str, chars: &[(usize, char)], out: &mut Vec<Hit>) {
    for (n, &(i, c)) in chars.iter().enumerate() {
        match c {
            ',' | '.' | ')' if n >= 2 => {
                let (si, s) = chars[n - 1];
                let before = chars[n - 2].1;
                let next = chars.get(n + 1).map(|&(_, d)| d);
                if !(s == ' ' || is_nbsp(s)) || before.is_whitespace() || before == '(' {
                    continue;
                }
                // ".5", ".pdf", "..." and "…" are not full stops.
                if c == '.' && next.is_some_and(|d| d.is_alphanumeric() || d == '.') {
                    continue;
                }
                if in_url(text, i) {
                    continue;
                }
                out.push(Hit::fix(si..i, ""));
            }
            '(' => {
                if let (Some(&(si, ' ')), Some(&(_, d))) = (chars.get(n + 1), chars.get(n + 2))
                    && !d.is_whitespace()
                    && d != ')'
                {
                    out.push(Hit::fix(si..si + 1, ""));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, engine: TypoEngine) -> String {
        let mut hits = run(engine, text);
        hits.sort_by_key(|h| std::cmp::Reverse(h.range.start));
        let mut s = text.to_string();
        for h in hits {
            s.replace_range(h.range, h.fix.as_deref().unwrap_or(""));
        }
        s
    }

    #[test]
    fn french_spaces() {
        assert_eq!(
            apply("Oui ; non; quoi?", TypoEngine::SpaceBeforeHighPunct),
            "Oui\u{202F}; non\u{202F}; quoi\u{202F}?"
        );
        assert_eq!(
            apply("Note : voir:", TypoEngine::SpaceBeforeColon),
            "Note\u{A0}: voir\u{A0}:"
        );
        assert_eq!(
            apply("à 10:30 https://x.org/a?b", TypoEngine::SpaceBeforeColon),
            "à 10:30 https://x.org/a?b"
        );
        assert_eq!(
            apply("«mot »", TypoEngine::GuillemetSpacing),
            "«\u{202F}mot\u{202F}»"
        );
        assert_eq!(
            apply("dit \"non\" ici", TypoEngine::StraightQuotesFr),
            "dit «\u{202F}non\u{202F}» ici"
        );
        assert_eq!(
            apply("mot , fin . ( x)", TypoEngine::NoSpaceBeforeLowPunct),
            "mot, fin. (x)"
        );
        assert_eq!(apply("l'OIM", TypoEngine::Apostrophe), "l\u{2019}OIM");
        assert_eq!(apply("a  b", TypoEngine::DoubleSpace), "a b");
        assert_eq!(
            apply(
                "dit \u{201C}non\u{201D}, « le \u{201C}oui\u{201D} »",
                TypoEngine::CurlyQuotesFr
            ),
            "dit «\u{202F}non\u{202F}», « le \u{201C}oui\u{201D} »"
        );
    }
}
