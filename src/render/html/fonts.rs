//! The site's own copy of Carlito, the typeface the PDF is set in and the flowchart
//! layout measures its text with: without it a browser lacking Carlito (most, outside
//! Linux) draws diagram labels in a wider fallback font and they spill past their boxes.
//! The faces are the TrueType bytes compiled into the binary for the PDF (OFL 1.1, the
//! licence travels with them), served from `assets/fonts/`, so the site stays offline.

use crate::render::pdf::world::FONT_FILES;

/// (file name under `assets/fonts/`, index in [`FONT_FILES`], CSS weight, CSS style).
const FACES: [(&str, usize, u16, &str); 4] = [
    ("Carlito-Regular.ttf", 0, 400, "normal"),
    ("Carlito-Bold.ttf", 1, 700, "normal"),
    ("Carlito-Italic.ttf", 2, 400, "italic"),
    ("Carlito-BoldItalic.ttf", 3, 700, "italic"),
];

/// The font's licence, shipped beside it as the OFL requires.
const LICENSE: &str = include_str!("../../../styles/fonts/Carlito-LICENSE.txt");

/// The font files of the site: (path under the site root, bytes).
pub(super) fn files() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = FACES
        .iter()
        .map(|(name, i, _, _)| (format!("assets/fonts/{name}"), FONT_FILES[*i].to_vec()))
        .collect();
    out.push((
        "assets/fonts/Carlito-LICENSE.txt".to_string(),
        LICENSE.as_bytes().to_vec(),
    ));
    out.push((
        "assets/fonts/carlito.css".to_string(),
        font_faces().into_bytes(),
    ));
    out
}

/// The `@font-face` rules, written as `assets/fonts/carlito.css` (URLs relative to it).
/// The built-in stylesheet imports it on its first line; a project's own stylesheet
/// keeps that line to keep the font.
pub(super) fn font_faces() -> String {
    let mut css = String::from(
        "/* Carlito (SIL Open Font License 1.1, Carlito-LICENSE.txt): the PDF's typeface, which flowchart boxes are measured with. */\n",
    );
    for (name, _, weight, style) in FACES {
        css.push_str(&format!(
            "@font-face {{ font-family: \"Carlito\"; src: url(\"{name}\") format(\"truetype\"); font-weight: {weight}; font-style: {style}; font-display: swap; }}\n"
        ));
    }
    css
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_face_the_css_names_is_shipped_with_the_licence() {
        let files = super::files();
        let css = super::font_faces();
        for (path, bytes) in &files {
            if let Some(name) = path.strip_prefix("assets/fonts/")
                && name.ends_with(".ttf")
            {
                assert!(css.contains(&format!("url(\"{name}\")")), "{css}");
                assert!(ttf_parser::Face::parse(bytes, 0).is_ok(), "{name}");
            }
        }
        assert_eq!(css.matches("@font-face").count(), 4);
        assert!(files.iter().any(|(p, _)| p == "assets/fonts/carlito.css"));
        assert!(files.iter().any(|(p, b)| p.ends_with("LICENSE.txt")
            && String::from_utf8_lossy(b).contains("SIL Open Font License")));
    }
}
