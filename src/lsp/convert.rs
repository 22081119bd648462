//! Between sopdoc's byte spans and the protocol's positions and URIs.
//!
//! sopdoc keeps byte offsets; the protocol counts columns in the unit negotiated at
//! `initialize` (`positionEncoding`): UTF-16 code units unless the client offers UTF-8 or
//! UTF-32. An accented French letter is one UTF-16 unit but two bytes, and a character
//! outside the Basic Multilingual Plane is two UTF-16 units, so the conversion walks the
//! characters of the line.

use std::path::{Path, PathBuf};

use lsp_types::{Position, PositionEncodingKind, Range, Url};

use crate::source::SourceFile;

/// How the client counts columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    #[default]
    Utf16,
    /// Unicode code points.
    Utf32,
}

impl Encoding {
    /// The encoding to use among those a client offers (none offered: UTF-16). UTF-8 is
    /// preferred (sopdoc's own unit), then UTF-32, which never splits a character.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        let has = |k: &PositionEncodingKind| offered.iter().any(|o| o == k);
        if has(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if has(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    /// The protocol's name of the encoding.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn width(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }
}

/// The protocol position of a byte offset in `file`.
pub fn position(file: &SourceFile, offset: usize, enc: Encoding) -> Position {
    let (line, col) = file.line_col(offset);
    let units: u32 = file
        .line_text(line)
        .chars()
        .take(col - 1)
        .map(|c| enc.width(c))
        .sum();
    Position::new((line - 1) as u32, units)
}

/// The protocol range of a byte range in `file`.
pub fn range(file: &SourceFile, start: usize, end: usize, enc: Encoding) -> Range {
    Range::new(position(file, start, enc), position(file, end, enc))
}

/// The byte offset of a protocol position in `file` (clamped to the line and the text;
/// a column inside a character lands on that character's start).
pub fn offset(file: &SourceFile, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize + 1;
    if line > file.line_count() {
        return file.text.len();
    }
    let start = file.offset_of(line, 1);
    let mut units = 0;
    for (i, c) in file.line_text(line).char_indices() {
        let w = enc.width(c);
        if units + w > pos.character {
            return start + i;
        }
        units += w;
    }
    start + file.line_text(line).len()
}

/// The path of a `file:` URI; `None` for other schemes.
pub fn path_of(uri: &Url) -> Option<PathBuf> {
    if uri.scheme() != "file" {
        return None;
    }
    uri.to_file_path().ok()
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Url> {
    Url::from_file_path(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("a.md", None, text.to_string())
    }

    #[test]
    fn columns_count_utf16_units_by_default() {
        // "é" is 2 bytes and 1 UTF-16 unit; "𝄞" is 4 bytes and 2 UTF-16 units.
        let f = file("# Titre\nÉté 𝄞 [](#x)\n");
        let at = f.text.find("[](").unwrap();
        let p = position(&f, at, Encoding::Utf16);
        assert_eq!(p, Position::new(1, 7));
        assert_eq!(offset(&f, p, Encoding::Utf16), at);
        assert_eq!(position(&f, at, Encoding::Utf32), Position::new(1, 6));
        assert_eq!(position(&f, at, Encoding::Utf8), Position::new(1, 11));
        assert_eq!(offset(&f, Position::new(1, 11), Encoding::Utf8), at);
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let f = file("ab\ncd");
        assert_eq!(offset(&f, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(offset(&f, Position::new(9, 0), Encoding::Utf16), 5);
        // Inside a surrogate pair: the character's start.
        let f = file("𝄞x");
        assert_eq!(offset(&f, Position::new(0, 1), Encoding::Utf16), 0);
    }

    #[test]
    fn the_client_offer_decides_the_encoding() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let offer = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF32];
        assert_eq!(Encoding::negotiate(Some(&offer)), Encoding::Utf32);
        let offer = [PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offer)), Encoding::Utf8);
    }

    #[test]
    fn file_uris_round_trip_with_accents_and_spaces() {
        let p = Path::new("/tmp/projet été/sop-01/fr/01 objet.md");
        let uri = uri_of(p).unwrap();
        assert!(uri.as_str().starts_with("file:///tmp/projet%20"), "{uri}");
        assert_eq!(path_of(&uri).unwrap(), p);
        assert_eq!(path_of(&Url::parse("untitled:Untitled-1").unwrap()), None);
    }
}
