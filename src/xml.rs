//! XML 1.0 text: the one escaping function of every XML writer (XLIFF 1.2 and 2.0, the
//! TBX termbase, the flowchart SVG) and the character filter for writers whose library
//! escapes by itself (Word files through docx-rs).
//!
//! XML 1.0 allows tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and
//! U+10000–U+10FFFF. The rest — the C0 controls other than tab, LF and CR, and U+FFFE,
//! U+FFFF (surrogates cannot occur in a Rust string) — cannot be written at all, not even
//! as character references, and a strict reader refuses the whole file. They are replaced
//! with U+FFFD REPLACEMENT CHARACTER: the file stays readable and the reader sees that
//! something was there, where removing it would silently join the words around it.
//!
//! HTML is not XML and keeps its own escaping (`render::html`).

use std::borrow::Cow;

/// What replaces a character XML 1.0 forbids.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Whether XML 1.0 can carry `c` (its `Char` production).
pub fn is_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Where escaped text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Element content.
    Text,
    /// An attribute value between double quotes.
    Attribute,
}

/// `text` escaped for `context`: `&`, `<` and `>` as entities (`>` too, so that `]]>`
/// never appears); in attributes also `"`, and tab and line feed as character references
/// (attribute-value normalization would turn them into spaces); a carriage return always
/// as `&#13;` (end-of-line normalization would turn it into a line feed); characters XML
/// 1.0 forbids replaced with [`REPLACEMENT`].
pub fn escape(text: &str, context: Context) -> String {
    let attr = context == Context::Attribute;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attr => out.push_str("&#10;"),
            '\t' if attr => out.push_str("&#9;"),
            c if !is_allowed(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    out
}

/// [`escape`] for element content.
pub fn text(text: &str) -> String {
    escape(text, Context::Text)
}

/// [`escape`] for an attribute value between double quotes.
pub fn attr(text: &str) -> String {
    escape(text, Context::Attribute)
}

/// `text` with the characters XML 1.0 forbids replaced with [`REPLACEMENT`], nothing else
/// changed: for libraries that escape markup themselves but let those characters through.
pub fn replace_forbidden(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .map(|c| if is_allowed(c) { c } else { REPLACEMENT })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_by_context() {
        assert_eq!(text("a<b>&\"c\"'d']]>"), "a&lt;b&gt;&amp;\"c\"'d']]&gt;");
        assert_eq!(attr("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;'d'");
        assert_eq!(text("Orienté → 2.1 😀"), "Orienté → 2.1 😀");
    }

    #[test]
    fn white_space_survives_the_reader_normalizations() {
        assert_eq!(text("a\tb\nc\r\nd"), "a\tb\nc&#13;\nd");
        assert_eq!(attr("a\tb\nc\r"), "a&#9;b&#10;c&#13;");
    }

    #[test]
    fn characters_xml_forbids_are_replaced() {
        for c in [
            '\0', '\u{1}', '\u{7}', '\u{8}', '\u{B}', '\u{C}', '\u{1F}', '\u{FFFE}', '\u{FFFF}',
        ] {
            assert!(!is_allowed(c), "{:?}", c);
            let s = format!("a{c}b");
            assert_eq!(text(&s), "a\u{FFFD}b");
            assert_eq!(attr(&s), "a\u{FFFD}b");
            assert_eq!(replace_forbidden(&s), "a\u{FFFD}b");
        }
        for c in [
            '\t',
            '\n',
            '\r',
            ' ',
            '\u{7F}',
            '\u{85}',
            '\u{D7FF}',
            '\u{E000}',
            '\u{FFFD}',
            '\u{10000}',
            '\u{10FFFF}',
        ] {
            assert!(is_allowed(c), "{:?}", c);
        }
        assert!(matches!(replace_forbidden("a<b"), Cow::Borrowed("a<b")));
    }

    /// What the escaper writes decodes back to the text (forbidden characters aside).
    #[test]
    fn entities_decode_back_to_the_text() {
        let original = "x < y && z > \"w\" 'v'\ttab\nline\r\rcr ]]>";
        for escaped in [text(original), attr(original)] {
            assert_eq!(quick_xml::escape::unescape(&escaped).unwrap(), original);
        }
    }
}
