//! French typography of sopdoc's own French texts, checked by tests: the catalogues
//! (`locales/fr/*.ftl`) and the rule texts (`locales/fr/rules.yaml`) are what a French user
//! reads, and sopdoc's own `typo/fr` rules would flag in an author's text what they left.
//!
//! The convention, the one `typo/fr` asks of authors: the typographic apostrophe ’ (never
//! '), a no-break space (U+00A0) before `:` and inside « », a narrow no-break space (U+202F)
//! before `;`, `?` and `!`. Code spans are left alone: they show what the author types.

/// Where `text` breaks the convention, one phrase per fault with the text around it (empty
/// when it keeps it). Backtick code spans are skipped; a text that starts with `;`, `?`, `!`
/// or `:` is a fault too, since its space would be the blank Fluent drops before a value.
pub fn french_typography_faults(text: &str) -> Vec<String> {
    let chars: Vec<char> = without_code_spans(text).chars().collect();
    let mut faults = Vec::new();
    let around = |i: usize| -> String {
        let from = i.saturating_sub(25);
        let to = (i + 15).min(chars.len());
        chars[from..to].iter().collect()
    };
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let fault = match (c, prev) {
            ('\'', _) => Some("a straight apostrophe (write ’)".to_string()),
            (':' | ';' | '?' | '!', None) => Some(format!(
                "`{c}` opens the text: Fluent drops the blank before a value, write {{\"\\u{}\"}}{c}",
                if c == ':' { "00A0" } else { "202F" }
            )),
            (':' | ';' | '?' | '!', Some(' ' | '\t')) => {
                Some(format!("a plain space before `{c}`"))
            }
            (':', Some('\u{202F}')) => {
                Some("a narrow no-break space before `:` (the convention is U+00A0)".into())
            }
            (';' | '?' | '!', Some('\u{A0}')) => Some(format!(
                "a no-break space before `{c}` (the convention is U+202F)"
            )),
            ('«', _) if next.is_some_and(|n| n != '\u{A0}' && n.is_whitespace()) => {
                Some("a breakable or narrow space after «".into())
            }
            ('»', Some(p)) if p != '\u{A0}' && p.is_whitespace() => {
                Some("a breakable or narrow space before »".into())
            }
            _ => None,
        };
        if let Some(f) = fault {
            faults.push(format!("{f} in {:?}", around(i)));
        }
    }
    faults
}

/// `text` with each Markdown code span (a run of backticks up to the next run of the same
/// length, across lines too) replaced by a single `x`, which stands for it as a word would.
fn without_code_spans(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let run = rest[start..].bytes().take_while(|b| *b == b'`').count();
        let after = &rest[start + run..];
        match closing_run(after, run) {
            Some(end) => {
                out.push('x');
                rest = &after[end + run..];
            }
            None => {
                out.push_str(&rest[start..start + run]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The byte offset in `text` of the first run of exactly `len` backticks.
fn closing_run(text: &str, len: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let n = bytes[i..].iter().take_while(|b| **b == b'`').count();
            if n == len {
                return Some(i);
            }
            i += n;
        } else {
            i += 1;
        }
    }
    None
}

/// Every text a Fluent file's messages can show, with `x` for each variable or reference:
/// one text per combination of the variants of their selectors, so that a variant no
/// sample value would choose is read too. Each comes with its message id.
pub fn fluent_texts(source: &str) -> Vec<(String, String)> {
    use fluent_syntax::ast::Entry;
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(_, errors)| {
        panic!("not Fluent: {errors:?}");
    });
    let mut out = Vec::new();
    for entry in &resource.body {
        let (id, value, attributes) = match entry {
            Entry::Message(m) => (m.id.name, m.value.as_ref(), &m.attributes),
            Entry::Term(t) => (t.id.name, Some(&t.value), &t.attributes),
            _ => continue,
        };
        let patterns = value.into_iter().map(|p| (id.to_string(), p)).chain(
            attributes
                .iter()
                .map(|a| (format!("{id}.{}", a.id.name), &a.value)),
        );
        for (name, pattern) in patterns {
            out.extend(renderings(pattern).into_iter().map(|t| (name.clone(), t)));
        }
    }
    out
}

fn renderings(pattern: &fluent_syntax::ast::Pattern<&str>) -> Vec<String> {
    use fluent_syntax::ast::PatternElement;
    let mut texts = vec![String::new()];
    for element in &pattern.elements {
        let pieces = match element {
            PatternElement::TextElement { value } => vec![value.to_string()],
            PatternElement::Placeable { expression } => expression_renderings(expression),
        };
        texts = texts
            .iter()
            .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
            .collect();
    }
    texts
}

fn expression_renderings(expression: &fluent_syntax::ast::Expression<&str>) -> Vec<String> {
    use fluent_syntax::ast::{Expression, InlineExpression};
    match expression {
        Expression::Select { variants, .. } => {
            variants.iter().flat_map(|v| renderings(&v.value)).collect()
        }
        Expression::Inline(InlineExpression::StringLiteral { value }) => {
            vec![fluent_syntax::unicode::unescape_unicode_to_string(value).into_owned()]
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            expression_renderings(expression)
        }
        Expression::Inline(_) => vec!["x".to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_found_outside_code_spans_only() {
        assert!(french_typography_faults("l’étape\u{A0}: oui\u{202F}; non\u{202F}?").is_empty());
        assert!(french_typography_faults("«\u{A0}Projet\u{A0}»\u{202F}!").is_empty());
        assert_eq!(french_typography_faults("l'étape").len(), 1);
        assert_eq!(
            french_typography_faults("étape : oui ; non ? Si !").len(),
            4
        );
        assert_eq!(french_typography_faults("« Projet »").len(), 2);
        assert_eq!(
            french_typography_faults("étape\u{202F}: non\u{A0}?").len(),
            2
        );
        assert_eq!(french_typography_faults("; 2 corrigés").len(), 1);
        assert_eq!(
            french_typography_faults("`x` ?").len(),
            1,
            "after a code span"
        );
        assert!(french_typography_faults("écrivez `Tableau : l'objet` ou `a ; b`").is_empty());
        assert!(french_typography_faults("un bloc ```` ```p ? ```` ici").is_empty());
        assert_eq!(
            french_typography_faults("`ouvert l'a").len(),
            1,
            "no closing run"
        );
    }

    #[test]
    fn every_variant_of_a_message_is_read() {
        let texts = fluent_texts(
            "a = { $n ->\n    [one] un{ \"\\u202F\" };\n   *[other] { $n } : deux\n} « { $w } »\nb = c\n    .d = l'e\n",
        );
        let texts: Vec<_> = texts.iter().map(|(k, t)| format!("{k}={t}")).collect();
        assert_eq!(
            texts,
            vec!["a=un\u{202F}; « x »", "a=x : deux « x »", "b=c", "b.d=l'e"]
        );
    }
}
