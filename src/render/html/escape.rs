//! HTML escaping. Every text that comes from the user's files goes through one of these.

/// Appends `text` escaped for an element's content or a double-quoted attribute value.
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// `text` escaped for element content or attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Escapes a relative URL for an `href`/`src` attribute: spaces and characters that are
/// not allowed in URLs are percent-encoded (so `mon fichier.pdf` works from `file://`),
/// then the result is HTML-escaped.
pub(crate) fn escape_url(url: &str) -> String {
    let mut encoded = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => encoded.push_str("%20"),
            '"' => encoded.push_str("%22"),
            '<' => encoded.push_str("%3C"),
            '>' => encoded.push_str("%3E"),
            '`' => encoded.push_str("%60"),
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    encoded.push_str(&format!("%{b:02X}"));
                }
            }
            c => encoded.push(c),
        }
    }
    escape(&encoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(escape("déjà vu"), "déjà vu");
    }

    #[test]
    fn urls_are_encoded_then_escaped() {
        assert_eq!(escape_url("a b.pdf"), "a%20b.pdf");
        assert_eq!(escape_url("x.html?a=1&b=\"2\""), "x.html?a=1&amp;b=%222%22");
    }
}
