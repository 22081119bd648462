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

/// The fingerprint of a unit's content: 64-bit FNV-1a of [`canonical`], as 16 hex digits.
///
/// FNV-1a is a fixed, keyless function (no random seed, unlike std's `DefaultHasher`), so
/// the same text gives the same fingerprint on every machine and in every version. It only
/// detects change; it is not a defence against someone forging collisions.
pub fn fingerprint(pieces: &[Piece]) -> String {
    format!("{:016x}", fnv1a64(canonical(pieces).as_bytes()))
}

/// 64-bit FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Markdown for `pieces`, escaping text so that it stays text. `context` selects extra
/// escapes (`|` in table cells, YAML quoting for titles).
pub fn to_markdown(pieces: &[Piece], kind: UnitKind, escape: bool) -> String {
    if kind == UnitKind::Title {
        let text: String = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        return format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    }
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => {
                let flat: String = t
                    .chars()
                    .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
                    .collect();
                let at_start = out.is_empty();
                if escape {
                    out.push_str(&escape_text(&flat, at_start));
                } else if matches!(kind, UnitKind::TableCell(_)) {
                    out.push_str(&flat.replace('|', "\\|"));
                } else {
                    out.push_str(&flat);
                }
            }
            Piece::Open { md, .. } | Piece::Close { md, .. } | Piece::Ph { md, .. } => {
                out.push_str(md)
            }
        }
    }
    out.trim().to_string()
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
    if !md.contains(['"', '\\']) {
        format!("\"{md}\"")
    } else if !md.contains('\'') {
        format!("'{md}'")
    } else {
        format!("'{}'", md.replace('\'', "''"))
    }
}

/// The range to replace for a procedure text: its value with the quotes around it.
pub fn yaml_value_range(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    match (before, after) {
        (Some(q @ ('"' | '\'')), Some(a)) if a == q => range.start - 1..range.end + 1,
        _ => range,
    }
}
