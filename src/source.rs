//! Source files and spans: every diagnostic and every model node points back here.
//!
//! Files are stored once, with their line starts precomputed, so that turning a byte
//! offset into the 1-based line and Unicode-character column of the JSON contract is a
//! binary search instead of a rescan.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(u32);

impl SourceId {
    /// The file's index in its map, as a number (for compact encodings of spans).
    pub(crate) fn index(self) -> u32 {
        self.0
    }

    /// The id of the file at `index` (the inverse of [`SourceId::index`]).
    pub(crate) fn from_index(index: u32) -> Self {
        SourceId(index)
    }
}

/// A byte range inside one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// The file the range belongs to.
    pub source: SourceId,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The smallest span holding both (same file).
    pub fn cover(self, other: Span) -> Span {
        Span {
            source: self.source,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// A span over `range` in `source`.
    pub fn new(source: SourceId, range: Range<usize>) -> Self {
        Span {
            source,
            start: range.start,
            end: range.end.max(range.start),
        }
    }

    /// An empty span at the start of a file, for problems that concern the file as a whole.
    pub fn file_start(source: SourceId) -> Self {
        Span {
            source,
            start: 0,
            end: 0,
        }
    }

    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The same file, shifted by `offset` bytes (used for YAML embedded in Markdown).
    pub fn offset(self, offset: usize) -> Self {
        Span {
            source: self.source,
            start: self.start + offset,
            end: self.end + offset,
        }
    }
}

/// One loaded text file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the project root, with `/` separators (as diagnostics print it).
    pub path: String,
    /// Absolute path on disk, when the file came from disk.
    pub abs_path: Option<PathBuf>,
    /// The text, without a leading byte-order mark (empty while [`SourceMap::pack`] holds
    /// it deflated).
    pub text: String,
    line_starts: Vec<usize>,
    /// The text deflated, while packed.
    packed: Option<Vec<u8>>,
}

impl SourceFile {
    /// Wraps `text` (a leading BOM is removed so offsets match what editors show).
    pub fn new(path: impl Into<String>, abs_path: Option<PathBuf>, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            abs_path,
            text,
            line_starts,
            packed: None,
        }
    }

    /// This file with its text deflated (see [`SourceMap::pack`]).
    fn packed(&self) -> Self {
        SourceFile {
            path: self.path.clone(),
            abs_path: self.abs_path.clone(),
            text: String::new(),
            line_starts: vec![0],
            packed: Some(crate::memory::deflate(self.text.as_bytes())),
        }
    }

    /// This file with its text back, if it was packed.
    fn unpacked(&self) -> Option<Self> {
        let bytes = self.packed.as_ref()?;
        let text = crate::memory::inflate(bytes, bytes.len() * 4).ok()?;
        // Deflated by this process from a `String`: the bytes are UTF-8.
        let text = String::from_utf8(text).ok()?;
        Some(SourceFile::new(
            self.path.clone(),
            self.abs_path.clone(),
            text,
        ))
    }

    /// 1-based line and column (in Unicode characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..offset].chars().count();
        (line + 1, col + 1)
    }

    /// Byte offset of a 1-based line and column (in characters); clamps to the text.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line_text = self.line_text_at(start);
        let within: usize = line_text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
        start + within
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        match self.line_starts.get(line.saturating_sub(1)) {
            Some(&start) => self.line_text_at(start),
            None => "",
        }
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    fn line_text_at(&self, start: usize) -> &str {
        let rest = &self.text[start..];
        let end = rest.find('\n').unwrap_or(rest.len());
        rest[..end].strip_suffix('\r').unwrap_or(&rest[..end])
    }

    fn floor_char_boundary(&self, mut i: usize) -> usize {
        while i > 0 && !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

/// All files of a project, addressed by [`SourceId`].
///
/// Files are shared, not copied, between clones: the editor's server and watch mode keep
/// a loaded project and clone it for every analysis, and a collection's text runs to
/// megabytes. A file replaced in one clone leaves the others as they were.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<Arc<SourceFile>>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> SourceId {
        let id = SourceId(u32::try_from(self.files.len()).expect("fewer than 4 billion files"));
        self.files.push(Arc::new(file));
        id
    }

    /// Replaces the text of a file in place (watch mode), keeping its id.
    pub fn replace(&mut self, id: SourceId, file: SourceFile) {
        self.files[id.0 as usize] = Arc::new(file);
    }

    /// The file behind `id`.
    pub fn get(&self, id: SourceId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The file behind `id`, shared: two maps hold the same text when they hold the same
    /// `Arc` (a file not replaced since), which spares comparing or hashing the text.
    pub fn shared(&self, id: SourceId) -> &Arc<SourceFile> {
        &self.files[id.0 as usize]
    }

    /// The file whose relative path is `path`, if loaded.
    pub fn find(&self, path: &str) -> Option<SourceId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .map(|i| SourceId(i as u32))
    }

    /// All files, in load order.
    pub fn iter(&self) -> impl Iterator<Item = (SourceId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (SourceId(i as u32), &**f))
    }

    /// Deflates the text of the files `which` selects, until [`SourceMap::unpack`]: a
    /// build holds its chapters' text this way while it lays out its PDFs, when nothing
    /// reads it (the findings are printed, the markup generated). Meanwhile those files
    /// read as empty.
    pub fn pack(&mut self, which: impl Fn(&SourceFile) -> bool + Sync) {
        use rayon::prelude::*;
        self.files.par_iter_mut().for_each(|f| {
            if f.packed.is_none() && which(f) {
                *f = Arc::new(f.packed());
            }
        });
    }

    /// Gives the packed files their text back; whether there were any.
    pub fn unpack(&mut self) -> bool {
        self.unpack_where(|_| true)
    }

    /// Gives the packed files that `which` names their text back; whether there were
    /// any. A build that found problems in a few chapters restores only those, not the
    /// whole collection's text at once.
    pub fn unpack_where(&mut self, which: impl Fn(SourceId) -> bool + Sync) -> bool {
        use rayon::prelude::*;
        let packed =
            |i: usize, f: &SourceFile| f.packed.is_some() && which(SourceId::from_index(i as u32));
        if !self.files.iter().enumerate().any(|(i, f)| packed(i, f)) {
            return false;
        }
        self.files.par_iter_mut().enumerate().for_each(|(i, f)| {
            if packed(i, f)
                && let Some(file) = f.unpacked()
            {
                *f = Arc::new(file);
            }
        });
        true
    }

    /// The source text covered by a span.
    pub fn text(&self, span: Span) -> &str {
        let text = &self.get(span.source).text;
        text.get(span.start..span.end).unwrap_or("")
    }
}

/// Renders `path` relative to `root` with `/` separators, as diagnostics print paths.
pub fn relative_path(root: &Path, path: &Path) -> String {
    let Ok(rel) = path.strip_prefix(root) else {
        // Outside the project (an `--out` elsewhere): the path as it is.
        return path.to_string_lossy().into_owned();
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new("a.md", None, "é1\nàbc\r\nz".into());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(2), (1, 2));
        assert_eq!(f.line_col(4), (2, 1));
        assert_eq!(f.line_col(6), (2, 2));
        assert_eq!(f.line_text(2), "àbc");
        assert_eq!(f.line_col(f.text.len()), (3, 2));
    }

    #[test]
    fn packed_files_get_their_text_back() {
        let mut map = SourceMap::new();
        let md = map.add(SourceFile::new("a.md", None, "é1\nàbc\r\nz".repeat(50)));
        let yaml = map.add(SourceFile::new("d.yaml", None, "id: x\n".into()));
        let before: Vec<SourceFile> = map.iter().map(|(_, f)| f.clone()).collect();
        map.pack(|f| f.path.ends_with(".md"));
        assert_eq!(map.get(md).text, "");
        assert_eq!(map.get(md).line_col(10), (1, 1));
        assert_eq!(map.get(yaml).text, "id: x\n");
        let other = map.add(SourceFile::new("b.md", None, "b\n".repeat(9)));
        map.pack(|f| f.path.ends_with(".md"));
        // Only the files named get their text back.
        assert!(!map.unpack_where(|id| id == yaml));
        assert!(map.unpack_where(|id| id == other));
        assert_eq!(map.get(other).text, "b\n".repeat(9));
        assert_eq!(map.get(md).text, "");
        assert!(map.unpack());
        assert!(!map.unpack());
        for (i, f) in before.iter().enumerate().take(2) {
            let now = map.get(SourceId::from_index(i as u32));
            assert_eq!(now.text, f.text);
            assert_eq!(now.line_starts, f.line_starts);
            assert!(now.packed.is_none());
        }
    }

    #[test]
    fn bom_is_removed() {
        let f = SourceFile::new("a.md", None, "\u{feff}# T".into());
        assert_eq!(f.text, "# T");
    }

    #[test]
    fn offset_of_inverts_line_col() {
        let f = SourceFile::new("a.md", None, "ab\nçdé\n".into());
        let off = f.offset_of(2, 3);
        assert_eq!(f.line_col(off), (2, 3));
    }
}
