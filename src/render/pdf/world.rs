//! The Typst [`World`] of one PDF compilation: everything in memory except the project's
//! images, which are read on demand from inside the project root and nowhere else.
//!
//! Virtual file system:
//! - `/main.typ`: the generated document (markup from [`super::markup`]);
//! - `/template.typ`: the layout (built in, or the project's `templates/typst/sop.typ`);
//! - `/meta.json`: the document's metadata as data, never spliced into markup;
//! - `/assets/<path>`: a file of the project, `<path>` relative to the project root.
//!
//! Everything else — other paths, `@preview/…` packages — is refused. Fonts come from bytes
//! compiled into the binary and `today()` is fixed, so a compilation depends only on the
//! project's files.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use crate::world::World as Files;

/// Virtual path of the generated main file.
pub const MAIN_PATH: &str = "/main.typ";
/// Virtual path of the layout template.
pub const TEMPLATE_PATH: &str = "/template.typ";
/// Virtual path of the metadata.
pub const META_PATH: &str = "/meta.json";
/// Virtual folder under which project files (images, logo) are served.
pub const ASSETS_PREFIX: &str = "/assets/";

/// The fonts compiled into the binary: Carlito (metric-compatible with Calibri, the IOM
/// substitute typeface) and DejaVu Sans Mono (code, checkbox glyphs). The flowchart renderer
/// measures its text with the same Carlito bytes.
pub(crate) const FONT_FILES: [&[u8]; 6] = [
    include_bytes!("../../../styles/fonts/Carlito-Regular.ttf"),
    include_bytes!("../../../styles/fonts/Carlito-Bold.ttf"),
    include_bytes!("../../../styles/fonts/Carlito-Italic.ttf"),
    include_bytes!("../../../styles/fonts/Carlito-BoldItalic.ttf"),
    include_bytes!("../../../styles/fonts/DejaVuSansMono.ttf"),
    include_bytes!("../../../styles/fonts/DejaVuSansMono-Bold.ttf"),
];

/// Parses the built-in fonts (once per engine).
pub fn builtin_fonts() -> Vec<Font> {
    FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect()
}

/// What a [`SopWorld`] shares across compilations: the standard library and the fonts.
pub struct Shared {
    /// The standard library.
    pub library: LazyHash<Library>,
    /// Metadata of the fonts.
    pub book: LazyHash<FontBook>,
    /// The fonts.
    pub fonts: Vec<Font>,
}

impl Default for Shared {
    fn default() -> Self {
        Self::new()
    }
}

impl Shared {
    /// Builds the library and parses the built-in fonts.
    pub fn new() -> Self {
        use typst::LibraryExt;
        let fonts = builtin_fonts();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    }
}

/// The file id of a virtual path of the project root.
pub fn vid(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("valid built-in virtual path"),
    )
    .intern()
}

/// Why a project path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathRefusal {
    /// The path is absolute or climbs above the project root.
    OutsideProject,
    /// The path names a URL or is otherwise not a plain relative path.
    NotAFile,
}

/// Resolves `dest` (as written in a chapter, relative to the chapter file) to a path
/// relative to the project root with `/` separators, refusing anything that would leave
/// the project. `chapter_path` is the chapter's project-relative path.
pub fn project_relative(chapter_path: &str, dest: &str) -> Result<String, PathRefusal> {
    if dest.contains("://") || dest.starts_with("data:") || dest.starts_with("mailto:") {
        return Err(PathRefusal::NotAFile);
    }
    if dest.starts_with('/') || dest.starts_with('\\') || Path::new(dest).is_absolute() {
        return Err(PathRefusal::OutsideProject);
    }
    let dest = dest.split(['#', '?']).next().unwrap_or(dest);
    let mut parts: Vec<&str> = chapter_path.split('/').collect();
    parts.pop(); // the chapter file itself
    for segment in dest.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(PathRefusal::OutsideProject);
                }
            }
            s if s.contains(':') => return Err(PathRefusal::OutsideProject),
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        return Err(PathRefusal::NotAFile);
    }
    Ok(parts.join("/"))
}

/// One compilation's world.
pub struct SopWorld<'a> {
    shared: &'a Shared,
    files: &'a dyn Files,
    root: PathBuf,
    main: Source,
    template: Source,
    meta: Bytes,
    today: Datetime,
    assets: Mutex<HashMap<FileId, FileResult<Bytes>>>,
}

impl<'a> SopWorld<'a> {
    /// A world for `main` with `template` and `meta`, reading assets under `root`;
    /// `date` is `YYYY-MM-DD` (an invalid date falls back to 1970-01-01).
    pub fn new(
        shared: &'a Shared,
        files: &'a dyn Files,
        root: &Path,
        main: String,
        template: String,
        meta: Vec<u8>,
        date: &str,
    ) -> Self {
        SopWorld {
            shared,
            files,
            root: root.to_path_buf(),
            main: Source::new(vid(MAIN_PATH), main),
            template: Source::new(vid(TEMPLATE_PATH), template),
            meta: Bytes::new(meta),
            today: parse_date(date),
            assets: Mutex::new(HashMap::new()),
        }
    }

    /// The generated main source.
    pub fn main_source(&self) -> &Source {
        &self.main
    }

    /// The template source.
    pub fn template_source(&self) -> &Source {
        &self.template
    }

    fn read_asset(&self, id: FileId) -> FileResult<Bytes> {
        let rel = asset_relative(id)?;
        let path = self.root.join(&rel);
        // Symbolic links may point outside: compare canonical paths.
        let canonical_root = self
            .files
            .canonicalize(&self.root)
            .map_err(|e| FileError::from_io(e, &self.root))?;
        let canonical = self
            .files
            .canonicalize(&path)
            .map_err(|_| FileError::NotFound(PathBuf::from(&rel)))?;
        if !canonical.starts_with(&canonical_root) {
            return Err(FileError::AccessDenied);
        }
        if self.files.is_dir(&canonical) {
            return Err(FileError::IsDirectory);
        }
        self.files
            .read(&canonical)
            .map(Bytes::new)
            .map_err(|e| FileError::from_io(e, Path::new(&rel)))
    }
}

/// The project-relative path of an `/assets/…` file id; refuses packages and any other
/// virtual path.
fn asset_relative(id: FileId) -> FileResult<String> {
    if let VirtualRoot::Package(spec) = id.root() {
        return Err(FileError::Package(PackageError::NotFound(spec.clone())));
    }
    let vpath = id.vpath().get_with_slash();
    let Some(rel) = vpath.strip_prefix(ASSETS_PREFIX) else {
        return Err(FileError::NotFound(PathBuf::from(vpath)));
    };
    // Virtual paths are normalized, but be strict anyway.
    let ok = Path::new(rel)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !ok || rel.is_empty() {
        return Err(FileError::AccessDenied);
    }
    Ok(rel.to_string())
}

fn parse_date(date: &str) -> Datetime {
    let num = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse::<u32>().ok());
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => {
            Datetime::from_ymd(y as i32, m as u8, d as u8).unwrap_or_else(epoch)
        }
        _ => epoch(),
    }
}

fn epoch() -> Datetime {
    Datetime::from_ymd(1970, 1, 1).expect("valid date")
}

/// The timestamp written into the PDF: noon UTC of `date`.
pub fn timestamp(date: &str) -> typst_pdf::Timestamp {
    let d = parse_date(date);
    let dt = Datetime::from_ymd_hms(
        d.year().unwrap_or(1970),
        d.month().unwrap_or(1),
        d.day().unwrap_or(1),
        12,
        0,
        0,
    )
    .unwrap_or(d);
    typst_pdf::Timestamp::new_utc(dt)
}

impl World for SopWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Package(PackageError::NotFound(spec.clone())));
        }
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.template.id() {
            Ok(self.template.clone())
        } else {
            Err(FileError::NotFound(PathBuf::from(
                id.vpath().get_with_slash(),
            )))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        if id == self.template.id() {
            return Ok(Bytes::from_string(self.template.clone()));
        }
        if id == vid(META_PATH) {
            return Ok(self.meta.clone());
        }
        let mut cache = self.assets.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(id)
            .or_insert_with(|| self.read_asset(id))
            .clone()
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::disallowed_methods)] // Tests set up their files on disk.
    use super::*;

    fn world<'a>(shared: &'a Shared, root: &Path) -> SopWorld<'a> {
        SopWorld::new(
            shared,
            &crate::world::DiskWorld,
            root,
            String::new(),
            String::new(),
            b"{}".to_vec(),
            "2026-11-28",
        )
    }

    #[test]
    fn project_relative_paths() {
        let ch = "sop-sources/sop-01/fr/01-objet.md";
        assert_eq!(
            project_relative(ch, "img/a.png").unwrap(),
            "sop-sources/sop-01/fr/img/a.png"
        );
        assert_eq!(
            project_relative(ch, "../../../logo.png").unwrap(),
            "logo.png"
        );
        assert_eq!(
            project_relative(ch, "../../../../etc/passwd"),
            Err(PathRefusal::OutsideProject)
        );
        assert_eq!(
            project_relative(ch, "/etc/passwd"),
            Err(PathRefusal::OutsideProject)
        );
        assert_eq!(
            project_relative(ch, "https://x.org/a.png"),
            Err(PathRefusal::NotAFile)
        );
    }

    #[test]
    fn refuses_paths_outside_the_project_and_packages() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("project");
        std::fs::create_dir_all(root.join("img")).unwrap();
        std::fs::write(root.join("img/a.png"), b"png").unwrap();
        std::fs::write(outer.path().join("secret.txt"), b"secret").unwrap();
        let shared = Shared::new();
        let w = world(&shared, &root);
        assert_eq!(w.file(vid("/assets/img/a.png")).unwrap().as_slice(), b"png");
        // Typst normalizes `..` lexically; whatever it yields must not leave the root.
        if let Ok(p) = VirtualPath::new("/assets/../secret.txt") {
            let id = RootedPath::new(VirtualRoot::Project, p).intern();
            assert!(w.file(id).is_err());
        }
        assert!(w.file(vid("/etc/passwd")).is_err());
        assert!(w.source(vid("/etc/passwd.typ")).is_err());
        assert!(w.file(vid("/assets/missing.png")).is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outer.path().join("secret.txt"), root.join("link.txt"))
                .unwrap();
            assert!(matches!(
                w.file(vid("/assets/link.txt")),
                Err(FileError::AccessDenied)
            ));
        }
        let spec: typst::syntax::package::PackageSpec = "@preview/cetz:0.3.0".parse().unwrap();
        let pkg = RootedPath::new(
            VirtualRoot::Package(spec),
            VirtualPath::new("/lib.typ").unwrap(),
        )
        .intern();
        assert!(matches!(w.source(pkg), Err(FileError::Package(_))));
        assert!(matches!(w.file(pkg), Err(FileError::Package(_))));
    }

    #[test]
    fn today_is_fixed() {
        let shared = Shared::new();
        let w = world(&shared, Path::new("."));
        let d = w.today(None).unwrap();
        assert_eq!(
            (d.year(), d.month(), d.day()),
            (Some(2026), Some(11), Some(28))
        );
    }

    #[test]
    fn fonts_are_built_in() {
        let shared = Shared::new();
        let families: Vec<&str> = shared.book.families().map(|(name, _)| name).collect();
        assert!(families.contains(&"Carlito"), "{families:?}");
        assert!(families.contains(&"DejaVu Sans Mono"), "{families:?}");
    }
}
