//! What a fix does, in words: many typography fixes insert or swap characters that look
//! like nothing on screen (U+202F, U+00A0), so "replace with ` `" tells an author nothing.
//! [`describe`] names the change ("insert a narrow no-break space before `?`") and
//! [`visible`] spells invisible characters out in a diff (`<U+202F>`), with [`LEGEND`].

/// Characters that print as blank or nearly so, with their names.
const INVISIBLE: &[(char, &str, &str)] = &[
    ('\u{202F}', "<U+202F>", "a narrow no-break space"),
    ('\u{A0}', "<U+00A0>", "a no-break space"),
    ('\u{2009}', "<U+2009>", "a thin space"),
    ('\u{200B}', "<U+200B>", "a zero-width space"),
    ('\t', "<TAB>", "a tab"),
];

/// The legend printed under a diff that shows invisible characters as markers.
pub const LEGEND: &str = "<U+202F> narrow no-break space, <U+00A0> no-break space";

/// Describes replacing `old` with `new`, where `after` is the character that follows the
/// replaced text in the source (to say where an insertion goes).
pub fn describe(old: &str, new: &str, after: Option<char>) -> String {
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
    let before = next.map_or(String::new(), |c| format!(" before `{c}`"));
    match (removed.is_empty(), inserted.is_empty()) {
        (true, true) => "no change".to_string(),
        (true, false) => format!("insert {}{before}", name(inserted)),
        (false, true) => format!("remove {}{before}", name(removed)),
        // Swapping one blank for another: say where, as nothing shows it.
        (false, false) if blank(removed) && blank(inserted) => {
            format!("replace {} with {}{before}", name(removed), name(inserted))
        }
        (false, false) => format!("replace {} with {}", name(removed), name(inserted)),
    }
}

/// Whether `text` is only spaces and invisible characters.
fn blank(text: &str) -> bool {
    text.chars()
        .all(|c| c == ' ' || INVISIBLE.iter().any(|(ch, ..)| *ch == c))
}

/// Names a piece of text: visible runs in backticks, invisible characters by name, spaces
/// counted.
fn name(text: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut visible = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let invisible = INVISIBLE.iter().find(|(ch, ..)| *ch == c).map(|(.., n)| *n);
        if invisible.is_none() && c != ' ' {
            visible.push(c);
            continue;
        }
        if !visible.is_empty() {
            parts.push(format!("`{}`", std::mem::take(&mut visible)));
        }
        match invisible {
            Some(n) => parts.push(n.to_string()),
            None => {
                let mut count = 1;
                while chars.peek() == Some(&' ') {
                    chars.next();
                    count += 1;
                }
                parts.push(if count == 1 {
                    "a space".to_string()
                } else {
                    format!("{count} spaces")
                });
            }
        }
    }
    if !visible.is_empty() {
        parts.push(format!("`{visible}`"));
    }
    parts.join(" and ")
}

/// `line` with invisible characters written as markers (`<U+202F>`).
pub fn visible(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match INVISIBLE.iter().find(|(ch, ..)| *ch == c) {
            Some((_, marker, _)) if c != '\t' => out.push_str(marker),
            _ => out.push(c),
        }
    }
    out
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
    fn a_diff_line_shows_invisible_characters() {
        assert_eq!(visible("quoi\u{202F}?"), "quoi<U+202F>?");
        assert_eq!(visible("Note\u{A0}:"), "Note<U+00A0>:");
    }
}
