//! YAML reading for manifests, metadata, front matter and registries.
//!
//! The design card named serde_yaml, which is archived and sits on a C-translated parser.
//! sopdoc uses serde-saphyr instead: pure Rust, panic-free, errors with line and column, and
//! budgets that stop alias bombs. This module is the only place that knows the crate, so
//! its fast-moving API stays behind one function.

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, did_you_mean};
use crate::i18n::Text;
use crate::msg;
use crate::source::{SourceFile, SourceId, Span};

/// Where a YAML text sits inside its file (front matter starts after the `---` line).
#[derive(Debug, Clone, Copy)]
pub struct Embedding {
    /// The file.
    pub source: SourceId,
    /// Byte offset of the YAML text inside the file.
    pub offset: usize,
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_nodes: 100_000,
            max_depth: 48,
            max_aliases: 1_000,
            max_events: 400_000,
        },
    }
}

/// Deserializes `yaml` into `T`, or returns one located diagnostic (rule `rule`).
///
/// # Errors
/// A diagnostic at the line and column of the YAML problem, with a "did you mean" hint
/// for unknown keys and values.
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    file: &SourceFile,
    at: Embedding,
    rule: &str,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options::<T>(yaml, options()).map_err(|err| {
        tab_diagnostic(&err, yaml, at, rule)
            .unwrap_or_else(|| to_diagnostic(&err, yaml, file, at, rule))
    })
}

/// A syntax error caused by a tab: YAML indents with spaces only, and the parser reports a
/// tab at the end of the token before it (often the line above) in its own words. Points at
/// the tab itself and says what to do. `None` when the error is not about a tab.
fn tab_diagnostic(
    err: &serde_saphyr::Error,
    yaml: &str,
    at: Embedding,
    rule: &str,
) -> Option<Diagnostic> {
    if !yaml.contains('\t') {
        return None;
    }
    let about_tab = err.without_snippet().to_string().contains("tab");
    // A tab in a line's indentation is always the culprit; else, when the parser names a
    // tab, the first tab from the line it reports (or the one before it).
    let mut offset = 0;
    let mut indent_tab = None;
    for line in yaml.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(i) = line[..indent].find('\t') {
            indent_tab = Some(offset + i);
            break;
        }
        offset += line.len();
    }
    let tab = match indent_tab {
        Some(t) => t,
        None if about_tab => {
            let from = err
                .location()
                .map(|loc| {
                    let inner = SourceFile::new("", None, yaml.to_string());
                    let line = (loc.line() as usize).saturating_sub(1).max(1);
                    inner.offset_of(line, 1)
                })
                .unwrap_or(0)
                .min(yaml.len());
            from + yaml[from..].find('\t')?
        }
        None => return None,
    };
    let start = at.offset + tab;
    Some(
        Diagnostic::error(rule, msg!("yaml"))
            .at(Span::new(at.source, start..start + 1))
            .hint(msg!("yaml-hint")),
    )
}

/// Converts a serde-saphyr location (1-based line and column inside `yaml`) to a span in the file.
pub fn location_span(
    loc: &serde_saphyr::Location,
    yaml: &str,
    file: &SourceFile,
    at: Embedding,
) -> Span {
    let (line, col) = (loc.line() as usize, loc.column() as usize);
    if line == 0 {
        return Span::new(at.source, at.offset..at.offset);
    }
    let inner = SourceFile::new("", None, yaml.to_string());
    let off = at.offset + inner.offset_of(line, col);
    let off = off.min(file.text.len());
    let end = file.text[off..]
        .find(['\n', '\r'])
        .map_or(file.text.len(), |i| off + i);
    Span::new(at.source, off..end.max(off))
}

/// The span of a deserialized value in the file: its exact bytes when the parser
/// reports them (quotes included for quoted scalars), else from its line and column to
/// the end of that line.
pub fn value_span<T>(
    v: &serde_saphyr::Spanned<T>,
    yaml: &str,
    file: &SourceFile,
    at: Embedding,
) -> Span {
    let loc = &v.referenced;
    let s = loc.span();
    if let (Some(off), Some(len)) = (s.byte_offset(), s.byte_len()) {
        let (off, len) = (off as usize, len as usize);
        if off + len <= yaml.len() && yaml.is_char_boundary(off) && yaml.is_char_boundary(off + len)
        {
            let start = (at.offset + off).min(file.text.len());
            let end = (start + len).min(file.text.len());
            return Span::new(at.source, start..end);
        }
    }
    location_span(loc, yaml, file, at)
}

fn to_diagnostic(
    err: &serde_saphyr::Error,
    yaml: &str,
    file: &SourceFile,
    at: Embedding,
    rule: &str,
) -> Diagnostic {
    let inner = err.without_snippet();
    let span = inner
        .location()
        .or_else(|| err.location())
        .map(|loc| location_span(&loc, yaml, file, at))
        .unwrap_or_else(|| Span::new(at.source, at.offset..at.offset));
    let (message, hint) = match inner {
        serde_saphyr::Error::SerdeUnknownField {
            field, expected, ..
        } => (
            Text::from(msg!("yaml-unknown-key", key = field)),
            Some(
                did_you_mean(field, expected.iter().copied()).unwrap_or_else(|| {
                    msg!("yaml-allowed-keys", keys = expected.join(", ")).into()
                }),
            ),
        ),
        serde_saphyr::Error::SerdeUnknownVariant {
            variant, expected, ..
        } => (
            msg!("yaml-unknown-value", value = variant).into(),
            Some(
                did_you_mean(variant, expected.iter().copied()).unwrap_or_else(|| {
                    msg!("yaml-allowed-values", values = expected.join(", ")).into()
                }),
            ),
        ),
        serde_saphyr::Error::SerdeMissingField { field, .. } => (
            msg!("yaml-missing-key", key = field).into(),
            Some(msg!("yaml-add-key", key = field).into()),
        ),
        other => (clean_message(&other.to_string()), None),
    };
    let mut d = Diagnostic::error(rule, message).at(span);
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

/// Keeps the first line of the crate's message and drops its own location suffix.
fn clean_message(raw: &str) -> Text {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let first = match first.find(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    let first = first.trim_end_matches('.');
    if first.is_empty() {
        return msg!("yaml-malformed").into();
    }
    // English keeps the reader's own words (stable, searchable); other languages get the
    // common ones in plain words instead of the parser's jargon ("plain scalar").
    let en = msg!("yaml-malformed-detail", detail = first).text("en");
    let lower = first.to_ascii_lowercase();
    let plain = YAML_DETAILS
        .iter()
        .find(|(needles, _)| needles.iter().any(|n| lower.contains(n)))
        .map(|(_, key)| crate::i18n::Message::new(key, Vec::new()))
        .unwrap_or_else(|| msg!("yaml-malformed-here"));
    Text {
        en,
        msg: Some(plain),
    }
}

/// The YAML reader's messages an author meets, by a piece of their English text, with the
/// key of their plain-words version.
const YAML_DETAILS: &[(&[&str], &str)] = &[
    (&["budget breached"], "yaml-detail-budget"),
    (
        &["end of input", "end of stream", "unexpected eof"],
        "yaml-detail-end",
    ),
    (
        &[
            "unclosed quote",
            "unterminated",
            "quoted scalar, found unexpected end",
        ],
        "yaml-detail-quote",
    ),
    (
        &[
            "unclosed bracket",
            "unclosed brace",
            "flow sequence",
            "flow mapping",
        ],
        "yaml-detail-bracket",
    ),
    (&["unknown escape"], "yaml-detail-escape"),
    (&["trailing content"], "yaml-detail-trailing"),
    (&["anchor"], "yaml-detail-anchor"),
    (&["duplicate"], "yaml-detail-duplicate"),
    (&["indentation", "indent"], "yaml-detail-indentation"),
    (&["mapping values are not allowed"], "yaml-detail-colon"),
    (&["expected sequence"], "yaml-detail-sequence"),
    (&["expected mapping"], "yaml-detail-mapping"),
    (
        &["expected scalar", "scalar or mapping"],
        "yaml-detail-scalar",
    ),
    (
        &["unexpected character", "cannot start any token"],
        "yaml-detail-character",
    ),
    (
        &["invalid type", "invalid value", "invalid length"],
        "yaml-detail-type",
    ),
];

/// Byte range of the line holding top-level `key:` in a YAML text.
pub fn find_key(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with(key) && line[key.len()..].trim_start().starts_with(':') {
            return Some(offset..offset + line.trim_end().len());
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        #[serde(default)]
        count: u32,
    }

    fn run(text: &str) -> Result<T, (Diagnostic, (usize, usize))> {
        let mut map = SourceMap::new();
        let file = SourceFile::new("x.yaml", None, text.to_string());
        let id = map.add(file.clone());
        parse::<T>(
            text,
            &file,
            Embedding {
                source: id,
                offset: 0,
            },
            "meta/yaml",
        )
        .map_err(|d| {
            let s = d.span().unwrap();
            let lc = file.line_col(s.start);
            (d, lc)
        })
    }

    #[test]
    fn reader_messages_read_as_plain_words_in_french() {
        let d = run("title: \"a\n").unwrap_err().0;
        assert!(d.message.starts_with("malformed YAML: "), "{}", d.message);
        let fr = d.say(&d.message, "fr");
        assert!(fr.starts_with("YAML mal formé\u{a0}: "), "{fr}");
        assert!(!fr.contains("scalar") && !fr.contains("quote"), "{fr}");
        for (_, key) in YAML_DETAILS {
            let m = crate::i18n::Message::new(key, Vec::new());
            assert_ne!(m.text("en"), *key, "{key} is in locales/en");
            assert_ne!(m.text("fr"), m.text("en"), "{key} is in locales/fr");
        }
    }

    #[test]
    fn unknown_key_is_located_with_hint() {
        let (d, lc) = run("title: a\ntitel: b\n").unwrap_err();
        assert_eq!(d.message, "unknown key `titel`");
        assert_eq!(lc.0, 2);
        assert_eq!(d.hints, vec!["did you mean `title`?"]);
    }

    #[test]
    fn syntax_error_is_located() {
        let (d, lc) = run("title: a\ncount: [1, 2\n").unwrap_err();
        assert!(d.message.starts_with("malformed YAML"), "{}", d.message);
        assert!(lc.0 >= 2, "{lc:?}");
    }

    #[test]
    fn a_tab_in_yaml_is_located_at_the_tab_with_a_hint() {
        for text in [
            "title: a\n\tcount: 2\n",
            "title: a\nitems:\n  - x: 1\n\ty: 2\n",
            "title: a\ncount: 2\n  \tx: 1\n",
        ] {
            let (d, lc) = run(text).unwrap_err();
            let tab_line = text[..text.find('\t').unwrap()].matches('\n').count() + 1;
            if d.hints
                .iter()
                .any(|h| h.contains("replace the tab with spaces"))
            {
                assert_eq!(lc.0, tab_line, "{text:?}: {d:?}");
            } else {
                panic!("{text:?}: no tab hint in {d:?}");
            }
        }
    }

    #[test]
    fn alias_bomb_is_stopped() {
        let mut y = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("b{}", i - 1)
            };
            y.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        y.push_str("title: x\n");
        let start = std::time::Instant::now();
        assert!(run(&y).is_err());
        assert!(start.elapsed().as_secs() < 5);
    }

    #[test]
    fn empty_document_reports_missing_key() {
        let (d, _) = run("").unwrap_err();
        assert!(
            d.message.contains("title") || d.message.contains("YAML"),
            "{}",
            d.message
        );
    }
}
