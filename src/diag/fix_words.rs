//! What a fix does, in words: many typography fixes insert or swap characters that look
//! like nothing on screen (U+202F, U+00A0), so "replace with ` `" tells an author nothing.
//! [`describe`] names the change ("insert a narrow no-break space before `?`") and
//! [`visible_in`] spells invisible characters out in a diff (`<U+202F>` in English,
//! `<espace fine insécable>` in French: authors do not read code points), with [`legend`].

use crate::msg;

/// Characters that print as blank or nearly so, with the keys of their diff markers and
/// of their names.
const INVISIBLE: &[(char, &str, &str)] = &[
    ('\u{202F}', "mark-narrow-nbsp", "char-narrow-nbsp"),
    ('\u{A0}', "mark-nbsp", "char-nbsp"),
    ('\u{2009}', "mark-thin-space", "char-thin-space"),
    ('\u{200B}', "mark-zero-width-space", "char-zero-width-space"),
    ('\t', "", "char-tab"),
];

/// The legend printed under a diff that shows invisible characters as markers, in `lang`.
pub fn legend(lang: &str) -> String {
    msg!("fix-legend").text(lang)
}

/// Describes replacing `old` with `new` in English (see [`describe_in`]).
pub fn describe(old: &str, new: &str, after: Option<char>) -> String {
    describe_in("en", old, new, after)
}

/// Describes replacing `old` with `new` in `lang`, where `after` is the character that
/// follows the replaced text in the source (to say where an insertion goes).
pub fn describe_in(lang: &str, old: &str, new: &str, after: Option<char>) -> String {
    // Trim what both sides share, so "?" -> "\u{202F}?" reads as an insertion before `?`.
    let prefix: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let (o, n) = (&old[prefix..], &new[prefix..]);
    let suffix: usize = o
        .chars()
        .rev()
        .zip(n.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let (removed, inserted) = (&o[..o.len() - suffix], &n[..n.len() - suffix]);
    let next = o[o.len() - suffix..].chars().next().or(after);
    let before = next.map_or(String::new(), |c| msg!("fix-before", char = c).text(lang));
    let name = |t: &str| name(t, lang);
    match (removed.is_empty(), inserted.is_empty()) {
        (true, true) => msg!("fix-no-change").text(lang),
        (true, false) => msg!("fix-insert", what = name(inserted), place = before).text(lang),
        (false, true) => msg!("fix-remove", what = name(removed), place = before).text(lang),
        // Swapping one blank for another: say where, as nothing shows it.
        (false, false) if blank(removed) && blank(inserted) => msg!(
            "fix-replace",
            old = name(removed),
            new = name(inserted),
            place = before
        )
        .text(lang),
        // A change inside a word names the whole word ("replace `requried` with
        // `required`", not "`ri` with `ir`"): the reader sees which word is meant.
        (false, false) => {
            let (start, end) = word_around(old, prefix, o.len() - suffix + prefix);
            let (old_word, new_word) =
                (&old[start..end], &new[start..new.len() - (old.len() - end)]);
            msg!(
                "fix-replace",
                old = name(old_word),
                new = name(new_word),
                place = ""
            )
            .text(lang)
        }
    }
}

/// The byte range `start..end` of `text` widened to whole words: on each side, over the
/// letters and digits that touch it.
fn word_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let word = |c: char| c.is_alphanumeric();
    let start = text[..start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| word(*c))
        .last()
        .map_or(start, |(i, _)| i);
    let end = end
        + text[end..]
            .chars()
            .take_while(|c| word(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    (start, end)
}

/// Whether `text` is only spaces and invisible characters.
fn blank(text: &str) -> bool {
    text.chars()
        .all(|c| c == ' ' || INVISIBLE.iter().any(|(ch, ..)| *ch == c))
}

/// Names a piece of text: visible runs in backticks, invisible characters by name, spaces
/// counted.
fn name(text: &str, lang: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut visible = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let invisible = INVISIBLE
            .iter()
            .find(|(ch, ..)| *ch == c)
            .map(|(.., key)| *key);
        if invisible.is_none() && c != ' ' {
            visible.push(c);
            continue;
        }
        if !visible.is_empty() {
            parts.push(format!("`{}`", std::mem::take(&mut visible)));
        }
        match invisible {
            Some(key) => parts.push(crate::i18n::Message::new(key, Vec::new()).text(lang)),
            None => {
                let mut count = 1usize;
                while chars.peek() == Some(&' ') {
                    chars.next();
                    count += 1;
                }
                parts.push(msg!("char-spaces", count = count).text(lang));
            }
        }
    }
    if !visible.is_empty() {
        parts.push(format!("`{visible}`"));
    }
    parts.join(&msg!("fix-and").text(lang))
}

/// `line` with invisible characters written as English markers (`<U+202F>`).
pub fn visible(line: &str) -> String {
    visible_in(line, "en")
}

/// `line` with invisible characters written as markers in `lang` (`<U+202F>`,
/// `<espace fine insécable>`); tabs stay tabs (they show as a gap).
pub fn visible_in(line: &str, lang: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match INVISIBLE.iter().find(|(ch, ..)| *ch == c) {
            Some((_, marker, _)) if c != '\t' => {
                out.push_str(&crate::i18n::Message::new(marker, Vec::new()).text(lang));
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether `text` holds a character that [`visible_in`] writes as a marker.
pub fn has_invisible(text: &str) -> bool {
    text.chars()
        .any(|c| c != '\t' && INVISIBLE.iter().any(|(ch, ..)| *ch == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_fixes_are_described_in_words() {
        assert_eq!(
            describe("?", "\u{202F}?", None),
            "insert a narrow no-break space before `?`"
        );
        assert_eq!(
            describe(" ", "\u{A0}", Some(':')),
            "replace a space with a no-break space before `:`"
        );
        assert_eq!(
            describe("\"", "«\u{202F}", Some('n')),
            "replace `\"` with `«` and a narrow no-break space"
        );
        assert_eq!(describe("  ", " ", Some('b')), "remove a space before `b`");
        assert_eq!(
            describe("'", "\u{2019}", Some('O')),
            "replace `'` with `\u{2019}`"
        );
        assert_eq!(describe(" ", "", Some(',')), "remove a space before `,`");
    }

    #[test]
    fn a_change_inside_a_word_names_the_whole_word() {
        assert_eq!(
            describe("requried", "required", None),
            "replace `requried` with `required`"
        );
        assert_eq!(
            describe("Nations unies", "Nations Unies", None),
            "replace `unies` with `Unies`"
        );
        assert_eq!(
            describe_in("fr", "nécéssaire", "nécessaire", None),
            "remplacer `nécéssaire` par `nécessaire`"
        );
    }

    #[test]
    fn fixes_are_described_in_french_too() {
        assert_eq!(
            describe_in("fr", "?", "\u{202F}?", None),
            "insérer une espace fine insécable devant `?`"
        );
        assert_eq!(
            describe_in("fr", "   ", "", Some(',')),
            "supprimer 3 espaces devant `,`"
        );
    }

    #[test]
    fn a_diff_line_shows_invisible_characters() {
        assert_eq!(visible("quoi\u{202F}?"), "quoi<U+202F>?");
        assert_eq!(visible("Note\u{A0}:"), "Note<U+00A0>:");
        assert_eq!(
            visible_in("quoi\u{202F}? Note\u{A0}:", "fr"),
            "quoi<espace fine insécable>? Note<espace insécable>:"
        );
        assert!(has_invisible("a\u{A0}b") && !has_invisible("a\tb"));
    }
}
