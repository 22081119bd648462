//! The content of a unit as a whole: its comparison form, its fingerprint, and the
//! Markdown that writes it back.

use super::segment::{Piece, UnitKind};

/// The comparison form of a unit: text with ASCII white space collapsed, codes as their
/// Markdown between private-use marks. Two contents with the same key print the same.
pub fn canonical(pieces: &[Piece]) -> String {
    let mut out = String::new();
    let mut space = false;
    for p in pieces {
        match p {
            Piece::Text(t) => {
                for c in t.chars() {
                    if matches!(c, ' ' | '\t' | '\n' | '\r') {
                        space = true;
                    } else {
                        if space && !out.is_empty() {
                            out.push(' ');
                        }
                        space = false;
                        out.push(c);
                    }
                }
            }
            Piece::Open { md, .. } | Piece::Close { md, .. } | Piece::Ph { md, .. } => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push('\u{E000}');
                out.push_str(md.trim_end());
                out.push('\u{E001}');
            }
        }
    }
    out
}

/// The fingerprint of a unit's content: [`crate::fingerprint::fnv1a64`] of [`canonical`],
/// as 16 hex digits (stable across machines and versions: it is stored in XLIFF files and
/// the translation state).
pub fn fingerprint(pieces: &[Piece]) -> String {
    format!(
        "{:016x}",
        crate::fingerprint::fnv1a64(canonical(pieces).as_bytes())
    )
}

/// Markdown for `pieces`, escaping text so that it stays text. `context` selects extra
/// escapes (`|` in table cells, YAML quoting for titles).
pub fn to_markdown(pieces: &[Piece], kind: UnitKind, escape: bool) -> String {
    // The text of the pieces on one line, spaces collapsed.
    let one_line = || {
        let text: String = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    if matches!(kind, UnitKind::Signature | UnitKind::BranchLabel) {
        // A line of a fenced block, or a YAML key: verbatim, never escaped, on one line
        // (a key is quoted where it is written, see [`yaml_key_edit`]).
        return one_line();
    }
    if kind == UnitKind::Title {
        let text = one_line();
        return format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    }
    let mut out = String::new();
    // The closing delimiter of the note to verify being written, if any.
    let mut note: Option<char> = None;
    for p in pieces {
        match p {
            Piece::Text(t) => {
                let flat: String = t
                    .chars()
                    .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
                    .collect();
                let at_start = out.is_empty();
                if let Some(close) = note {
                    out.push_str(&escape_title(&flat, close, escape));
                } else if escape {
                    out.push_str(&escape_text(&flat, at_start));
                } else if matches!(kind, UnitKind::TableCell(_)) {
                    out.push_str(&flat.replace('|', "\\|"));
                } else {
                    out.push_str(&flat);
                }
            }
            Piece::Close { md, .. } => {
                out.push_str(md);
                note = super::segment::opens_verify_note(md);
            }
            Piece::Open { md, .. } | Piece::Ph { md, .. } => {
                out.push_str(md);
                note = None;
            }
        }
    }
    out.trim().to_string()
}

/// Text of a link title closed by `close`: backslashes and the delimiter escaped (and `&`
/// when `entities`), so the title reads back as this text whatever it holds.
fn escape_title(t: &str, close: char, entities: bool) -> String {
    let mut out = String::with_capacity(t.len() + 4);
    for c in t.chars() {
        if c == '\\' || c == close || (close == ')' && c == '(') || (entities && c == '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn escape_text(t: &str, at_start: bool) -> String {
    let mut out = String::with_capacity(t.len() + 8);
    for (i, c) in t.chars().enumerate() {
        let line_start = at_start && i == 0;
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!'
        ) || (line_start && matches!(c, '#' | '-' | '+' | '='))
        {
            out.push('\\');
        }
        out.push(c);
    }
    if at_start
        && let Some(pos) = out.find(['.', ')'])
        && pos > 0
        && out[..pos].chars().all(|c| c.is_ascii_digit())
    {
        out.insert(pos, '\\');
    }
    out
}

/// A YAML scalar for a procedure text: double-quoted when that needs no escape, else
/// single-quoted, so the value is written as is and its spans stay exact.
pub fn yaml_scalar(md: &str) -> String {
    yaml_scalar_in(md, true)
}

/// [`yaml_scalar`] for a value in a flow collection (`[...]`, `{...}`) or in block context.
fn yaml_scalar_in(md: &str, flow: bool) -> String {
    if !md.contains(['"', '\\']) {
        format!("\"{md}\"")
    } else if !md.contains('\'') {
        format!("'{md}'")
    } else if plain_safe(md, flow) {
        // Both quotes: a plain scalar still writes the value as is (exact spans), where
        // doubling the `'` would not, and the import would refuse its own output.
        md.to_string()
    } else {
        format!("'{}'", md.replace('\'', "''"))
    }
}

/// Whether `md` reads back as itself written as a plain YAML scalar, in block and in flow
/// context (`outputs: [...]`): no indicator first, no `: ` or ` #`, no flow punctuation,
/// no edge spaces. Only asked for text holding both quotes, so it is never a number or
/// a boolean.
fn plain_safe(md: &str, flow: bool) -> bool {
    let Some(first) = md.chars().next() else {
        return false;
    };
    !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && md.trim() == md
        && !md.contains(": ")
        && !md.contains(" #")
        && !md.ends_with(':')
        && !md.contains(['\n', '\r', '\t'])
        && !(flow && md.contains([',', '[', ']', '{', '}']))
}

/// How to write a translated procedure text back: the range of its whole YAML scalar
/// (quotes included) and the scalar's new value. A caption keeps the `{#id}` written after
/// its text inside the same scalar (`caption: Qui fait quoi {#tbl-matrice}`), so the id
/// moves inside the new quotes instead of trailing after them.
pub fn yaml_value_edit(
    text: &str,
    range: std::ops::Range<usize>,
    md: &str,
) -> (std::ops::Range<usize>, String) {
    let before = text[..range.start].chars().next_back();
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let flow = text[line_start..range.start].contains(['[', '{']);
    let yaml_scalar = |md: &str| yaml_scalar_in(md, flow);
    let line_end = text[range.end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| range.end + i);
    if let Some(q @ ('"' | '\'')) = before {
        // The closing quote of this scalar, on the same line (escapes skipped).
        let rest = &text[range.end..line_end];
        let mut close = None;
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if q == '"' && c == '\\' {
                chars.next();
            } else if c == q {
                if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                } else {
                    close = Some(range.end + i);
                    break;
                }
            }
        }
        if let Some(close) = close {
            let open = range.start - 1;
            let prefix = &text[open + 1..range.start];
            let suffix = &text[range.end..close];
            return (
                open..close + 1,
                yaml_scalar(&format!("{prefix}{md}{suffix}")),
            );
        }
        return (range, yaml_scalar(md));
    }
    // A plain scalar: only a caption's `{#id}` may follow the text.
    let rest = &text[range.end..line_end];
    let trimmed = rest.trim_start();
    if trimmed.starts_with("{#")
        && let Some(close) = trimmed.find('}')
        && trimmed[close + 1..].trim().is_empty()
    {
        let id_end = range.end + (rest.len() - trimmed.len()) + close + 1;
        let suffix = &text[range.end..id_end];
        return (range.start..id_end, yaml_scalar(&format!("{md}{suffix}")));
    }
    (range, yaml_scalar(md))
}

/// How to write a translated branch label back: the range of its whole YAML key (quotes
/// included) and the key's new text. Plain where YAML reads it back as the same string in
/// a flow mapping (`{yes: a, no: b}`), else quoted like a procedure text.
pub fn yaml_key_edit(
    text: &str,
    range: std::ops::Range<usize>,
    label: &str,
) -> (std::ops::Range<usize>, String) {
    let quote = text[..range.start].chars().next_back();
    let whole = match quote {
        Some(q @ ('"' | '\'')) if text[range.end..].starts_with(q) => {
            range.start - 1..range.end + 1
        }
        _ => range,
    };
    // Words the YAML core schema reads as another type than a string, and numbers.
    let special = matches!(
        label.to_ascii_lowercase().as_str(),
        "null" | "~" | "true" | "false"
    ) || label.parse::<f64>().is_ok();
    let plain = !special && plain_safe(label, true) && !label.contains(['"', '\'', ':', '#']);
    let key = if plain {
        label.to_string()
    } else {
        yaml_scalar_in(label, true)
    };
    (whole, key)
}

#[cfg(test)]
mod yaml_edit_tests {
    #[test]
    fn both_quotes_are_written_plain_where_yaml_allows() {
        let md = "L'agent dit \"stop\" [](#x)";
        let text = "    action: \"Agir\"\n";
        let (range, value) = super::yaml_value_edit(text, 13..17, md);
        assert_eq!((range, value.as_str()), (12..18, md));
        // In a flow sequence `[` and `,` end a plain scalar: quoted, `'` doubled.
        let text = "    outputs: [\"Fiche\"]\n";
        let (_, value) = super::yaml_value_edit(text, 15..20, md);
        assert_eq!(value, "'L''agent dit \"stop\" [](#x)'");
    }

    use super::yaml_value_edit;

    fn key_edit(text: &str, label: &str, new: &str) -> String {
        let start = text.find(label).unwrap();
        let (range, key) = super::yaml_key_edit(text, start..start + label.len(), new);
        let mut out = text.to_string();
        out.replace_range(range, &key);
        out
    }

    #[test]
    fn branch_labels_are_written_plain_or_quoted_as_yaml_needs() {
        let text = "    branches: {oui: a, non: b}\n";
        assert_eq!(
            key_edit(text, "oui", "yes"),
            "    branches: {yes: a, non: b}\n"
        );
        // A comma or a colon would end a plain key: quoted, the quotes replaced whole.
        assert_eq!(
            key_edit(text, "non", "no, not yet"),
            "    branches: {oui: a, \"no, not yet\": b}\n"
        );
        assert_eq!(
            key_edit("      \"a: b\": c\n", "a: b", "Yes"),
            "      Yes: c\n"
        );
        // Words YAML reads as booleans, nulls or numbers stay strings.
        assert_eq!(
            key_edit(text, "oui", "true"),
            "    branches: {\"true\": a, non: b}\n"
        );
        assert_eq!(
            key_edit(text, "oui", "2"),
            "    branches: {\"2\": a, non: b}\n"
        );
        // Both quotes: plain, which YAML reads as written (a quote inside is text).
        assert_eq!(
            key_edit(text, "oui", "l'\"autre\""),
            "    branches: {l'\"autre\": a, non: b}\n"
        );
    }

    fn edit(text: &str, unit: &str, md: &str) -> String {
        let start = text.find(unit).unwrap();
        let (range, value) = yaml_value_edit(text, start..start + unit.len(), md);
        let mut out = text.to_string();
        out.replace_range(range, &value);
        out
    }

    #[test]
    fn values_are_requoted_whole() {
        assert_eq!(
            edit("action: Repérer\n", "Repérer", "Detect"),
            "action: \"Detect\"\n"
        );
        assert_eq!(
            edit("action: 'Repérer'\n", "Repérer", "Detect"),
            "action: \"Detect\"\n"
        );
        assert_eq!(
            edit(
                "caption: Qui fait quoi {#tbl-matrice}\n",
                "Qui fait quoi",
                "Who does what"
            ),
            "caption: \"Who does what {#tbl-matrice}\"\n"
        );
        assert_eq!(
            edit(
                "caption: \"Qui fait quoi {#tbl-m}\"\n",
                "Qui fait quoi",
                "Who does what"
            ),
            "caption: \"Who does what {#tbl-m}\"\n"
        );
        assert_eq!(
            edit("outputs: [\"Fiche\", \"Rapport\"]\n", "Fiche", "Form"),
            "outputs: [\"Form\", \"Rapport\"]\n"
        );
        assert_eq!(edit("q: 'L''âge ?'\n", "L''âge ?", "Age?"), "q: \"Age?\"\n");
    }
}
