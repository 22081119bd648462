//! Citations in running text: `[@key]`, `[@key, p. 12]`, `[@a; @b, chap. 2]`.
//!
//! pulldown-cmark leaves an unmatched `[@key]` as text; this module finds the citations in
//! a text run and splits it around them. Only a bracketed group whose every part starts
//! with `@` is a citation (DESIGN.md: a bare `@word` is text, and so is `[see @key]`).

use crate::model::{Citation, CiteItem};

/// A text run cut into plain text and citations: (byte range in the text, citation or not).
pub(super) fn split(text: &str) -> Vec<(std::ops::Range<usize>, Option<Citation>)> {
    let mut out = Vec::new();
    let mut plain_start = 0;
    let mut i = 0;
    while let Some(found) = text[i..].find("[@") {
        let open = i + found;
        let Some(close_rel) = text[open..].find(']') else {
            break;
        };
        let close = open + close_rel;
        let inner = &text[open + 1..close];
        match parse_items(inner) {
            Some(items) => {
                if plain_start < open {
                    out.push((plain_start..open, None));
                }
                out.push((
                    open..close + 1,
                    Some(Citation {
                        items,
                        rendered: Vec::new(),
                    }),
                ));
                plain_start = close + 1;
                i = close + 1;
            }
            None => i = open + 2,
        }
    }
    if plain_start < text.len() || out.is_empty() {
        out.push((plain_start..text.len(), None));
    }
    out
}

/// `@a, p. 3; @b` into items; `None` when it is not a citation.
fn parse_items(inner: &str) -> Option<Vec<CiteItem>> {
    if inner.contains('[') {
        return None;
    }
    let mut items = Vec::new();
    for part in inner.split(';') {
        let part = part.trim().strip_prefix('@')?;
        let (key, locator) = match part.split_once(',') {
            Some((k, l)) => (k.trim(), Some(l.trim())),
            None => (part.trim(), None),
        };
        let valid = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | '/'));
        if !valid {
            return None;
        }
        items.push(CiteItem {
            key: key.to_string(),
            locator: locator.filter(|l| !l.is_empty()).map(str::to_string),
        });
    }
    Some(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (key, locator) of each work of a citation.
    type Works = Vec<(String, Option<String>)>;

    fn keys(text: &str) -> Vec<(String, Works)> {
        split(text)
            .into_iter()
            .map(|(r, c)| {
                (
                    text[r].to_string(),
                    c.map(|c| c.items.into_iter().map(|i| (i.key, i.locator)).collect())
                        .unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn citations_are_cut_out_of_the_text() {
        let got = keys("Voir [@oim2019, p. 12] et [@unodc2020; @ilo2017].");
        assert_eq!(got.len(), 5);
        assert_eq!(got[0].0, "Voir ");
        assert_eq!(
            got[1].1,
            [("oim2019".to_string(), Some("p. 12".to_string()))]
        );
        assert_eq!(got[3].1.len(), 2);
        assert_eq!(got[4].0, ".");
    }

    #[test]
    fn what_is_not_a_citation_stays_text() {
        for t in [
            "un @mot",
            "[voir @cle]",
            "[@]",
            "[@a b]",
            "[@a",
            "courriel a@b.org",
        ] {
            let got = split(t);
            assert_eq!(got.len(), 1, "{t}");
            assert!(got[0].1.is_none(), "{t}");
        }
    }
}
