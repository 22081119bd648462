//! Text measurement and wrapping by the real glyph advances of Carlito, the font the PDF
//! and the HTML both print flowcharts in, so a box is exactly as wide as its words need.
//!
//! The font bytes are the ones the PDF engine compiles in (`pdf::world::FONT_FILES`), not a
//! second copy. Kerning is ignored: it only ever narrows Carlito's text, so the measured
//! width is a safe upper bound.

use std::sync::OnceLock;

use ttf_parser::{Face, GlyphId};

/// The three faces the flowchart prints in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Regular,
    Bold,
    Italic,
}

/// The ellipsis appended to a label cut at its line cap.
pub(crate) const ELLIPSIS: char = '\u{2026}';

fn faces() -> &'static [Option<Face<'static>>; 3] {
    static FACES: OnceLock<[Option<Face<'static>>; 3]> = OnceLock::new();
    FACES.get_or_init(|| {
        // FONT_FILES: Regular, Bold, Italic, BoldItalic, then DejaVu.
        let files = &crate::render::pdf::world::FONT_FILES;
        [0, 1, 2].map(|i| Face::parse(files[i], 0).ok())
    })
}

/// The advance width, in points, of `text` set in `style` at `size` points.
pub(crate) fn width(text: &str, style: Style, size: f64) -> f64 {
    let index = match style {
        Style::Regular => 0,
        Style::Bold => 1,
        Style::Italic => 2,
    };
    let Some(face) = &faces()[index] else {
        // Unreachable with the built-in fonts; a rough average keeps layout going.
        return text.chars().count() as f64 * size * 0.5;
    };
    let upem = f64::from(face.units_per_em().max(1));
    let fallback = face
        .glyph_hor_advance(GlyphId(0))
        .map_or(upem * 0.5, f64::from);
    let units: f64 = text
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(fallback, f64::from)
        })
        .sum();
    units / upem * size
}

/// Wraps `text` into lines no wider than `max_width` points, greedily by words (a word
/// wider than a line is cut between characters: flowchart labels are never hyphenated).
/// Beyond `max_lines` lines the last kept line ends with an ellipsis. Whitespace runs
/// collapse to one space; empty text gives no lines.
pub(crate) fn wrap(
    text: &str,
    style: Style,
    size: f64,
    max_width: f64,
    max_lines: usize,
) -> Vec<String> {
    let max_lines = max_lines.max(1);
    let max_width = max_width.max(size);
    let fits = |s: &str| width(s, style, size) <= max_width;
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    // No-break spaces (before French `?`, `:`, inside « », in "n° 2") keep their words
    // together: only breaking white space separates words.
    let is_break = |c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}');
    for word in text.split(is_break).filter(|w| !w.is_empty()) {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if fits(&candidate) {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // The word alone: cut it if even a whole line cannot hold it.
        for c in word.chars() {
            current.push(c);
            if !fits(&current) && current.chars().count() > 1 {
                current.pop();
                lines.push(std::mem::take(&mut current));
                current.push(c);
            }
        }
        if lines.len() > max_lines {
            break;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = ellipsize(last, style, size, max_width);
        }
    }
    lines
}

/// `line` shortened until it fits `max_width` with an ellipsis appended.
fn ellipsize(line: &str, style: Style, size: f64, max_width: f64) -> String {
    let mut kept: Vec<char> = line.chars().collect();
    loop {
        let mut s: String = kept.iter().collect::<String>().trim_end().to_string();
        s.push(ELLIPSIS);
        if kept.is_empty() || width(&s, style, size) <= max_width {
            return s;
        }
        kept.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        let w = width("Identification", Style::Regular, 10.0);
        assert!(w > 40.0 && w < 80.0, "{w}");
        // Bold is wider than regular; "i" is narrower than "m".
        assert!(width("mmm", Style::Bold, 10.0) > width("mmm", Style::Regular, 10.0));
        assert!(width("i", Style::Regular, 10.0) < width("m", Style::Regular, 10.0));
        assert_eq!(width("", Style::Italic, 10.0), 0.0);
        // Scales linearly with the size.
        let (a, b) = (
            width("abc", Style::Regular, 10.0),
            width("abc", Style::Regular, 20.0),
        );
        assert!((b - 2.0 * a).abs() < 1e-9);
    }

    #[test]
    fn wraps_by_words_within_the_width() {
        let text = "Identifier la personne et évaluer ses besoins immédiats de sécurité";
        let lines = wrap(text, Style::Regular, 9.5, 100.0, 10);
        assert!(lines.len() >= 3, "{lines:?}");
        for l in &lines {
            assert!(width(l, Style::Regular, 9.5) <= 100.0, "{l}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn no_break_spaces_keep_words_together() {
        // "mineure ?" with a narrow no-break space never leaves "?" alone on a line.
        let text = "La personne est-elle mineure\u{202f}?";
        for w in [40.0, 60.0, 80.0, 120.0] {
            let lines = wrap(text, Style::Regular, 9.5, w, 10);
            assert!(
                lines.iter().all(|l| l != "?" && !l.starts_with('?')),
                "{w}: {lines:?}"
            );
        }
        let lines = wrap("loi n°\u{a0}2012-023", Style::Regular, 9.5, 30.0, 10);
        assert!(lines.iter().any(|l| l.contains("n°\u{a0}2")), "{lines:?}");
    }

    #[test]
    fn caps_lines_with_an_ellipsis() {
        let text = "un deux trois quatre cinq six sept huit neuf dix onze douze treize";
        let lines = wrap(text, Style::Regular, 10.0, 40.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with(ELLIPSIS), "{lines:?}");
        assert!(width(&lines[1], Style::Regular, 10.0) <= 40.0);
    }

    #[test]
    fn cuts_words_longer_than_a_line() {
        let lines = wrap("Anticonstitutionnellement", Style::Regular, 10.0, 30.0, 20);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(lines.concat(), "Anticonstitutionnellement");
        assert!(wrap("   ", Style::Regular, 10.0, 30.0, 3).is_empty());
        // A degenerate width still terminates and keeps every character.
        assert_eq!(wrap("abc", Style::Regular, 10.0, 0.0, 5).concat(), "abc");
    }
}
