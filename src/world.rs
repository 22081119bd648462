//! The files a build may see, behind one small trait.
//!
//! Every stage reads the project through a [`World`] (the loader reads text files into the
//! source map; resolve, check and the renderers read images, templates and state files on
//! demand) and never through `std::fs`, which clippy's `disallowed-methods` enforces. So a
//! test, or an editor holding unsaved buffers, runs every stage on files that are not on
//! disk: [`MemoryWorld`] holds a whole project in memory, and [`Overlay`] puts open
//! buffers over another world. Like Typst's `World`, the trait answers questions and
//! decides nothing: what may be published is decided by `resolve`.
//!
//! Paths are absolute (the project root joined with a relative path), as every stage
//! already builds them.
#![allow(clippy::disallowed_methods)] // The one module that reads the disk for a build.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// What a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A regular file.
    File,
    /// A folder.
    Dir,
    /// A symbolic link (only from [`World::entries`], which does not follow links).
    Symlink,
    /// Anything else (device, socket, pipe).
    Other,
}

/// One entry of a folder, as [`World::entries`] lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The file name.
    pub name: String,
    /// The full path.
    pub path: PathBuf,
    /// What the entry itself is (a link is reported as [`Kind::Symlink`], not followed).
    pub kind: Kind,
}

/// The file system as a build sees it.
pub trait World: Send + Sync + fmt::Debug {
    /// The bytes of a file.
    ///
    /// # Errors
    /// The I/O error (not found, permission denied, is a folder).
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;

    /// At most the first `max` bytes of a file (an image's header, without reading a
    /// large file whole).
    ///
    /// # Errors
    /// As [`World::read`].
    fn read_prefix(&self, path: &Path, max: usize) -> io::Result<Vec<u8>> {
        let mut bytes = self.read(path)?;
        bytes.truncate(max);
        Ok(bytes)
    }

    /// What `path` is, following symbolic links, and its size in bytes.
    ///
    /// # Errors
    /// Not found or not accessible.
    fn stat(&self, path: &Path) -> io::Result<(Kind, u64)>;

    /// The entries of a folder, sorted by name; links are not followed.
    ///
    /// # Errors
    /// Not found, not a folder, not accessible.
    fn entries(&self, dir: &Path) -> io::Result<Vec<Entry>>;

    /// The path with every link resolved (where a file really is).
    ///
    /// # Errors
    /// Not found or not accessible.
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;
}

impl dyn World + '_ {
    /// Whether `path` is a file (following links).
    pub fn is_file(&self, path: &Path) -> bool {
        matches!(self.stat(path), Ok((Kind::File, _)))
    }

    /// Whether `path` is a folder (following links).
    pub fn is_dir(&self, path: &Path) -> bool {
        matches!(self.stat(path), Ok((Kind::Dir, _)))
    }

    /// Whether anything exists at `path`.
    pub fn exists(&self, path: &Path) -> bool {
        self.stat(path).is_ok()
    }

    /// A file's text.
    ///
    /// # Errors
    /// The read error, or `InvalidData` when the file is not UTF-8.
    pub fn read_to_string(&self, path: &Path) -> io::Result<String> {
        String::from_utf8(self.read(path)?)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

/// The real file system.
#[derive(Debug, Default, Clone, Copy)]
pub struct DiskWorld;

impl DiskWorld {
    /// The disk, shared.
    pub fn shared() -> Arc<dyn World> {
        Arc::new(DiskWorld)
    }
}

fn kind_of(t: std::fs::FileType) -> Kind {
    if t.is_symlink() {
        Kind::Symlink
    } else if t.is_dir() {
        Kind::Dir
    } else if t.is_file() {
        Kind::File
    } else {
        Kind::Other
    }
}

impl World for DiskWorld {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn read_prefix(&self, path: &Path, max: usize) -> io::Result<Vec<u8>> {
        use std::io::Read;
        let mut bytes = Vec::new();
        std::fs::File::open(path)?
            .take(max as u64)
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    fn stat(&self, path: &Path) -> io::Result<(Kind, u64)> {
        let meta = std::fs::metadata(path)?;
        Ok((kind_of(meta.file_type()), meta.len()))
    }

    fn entries(&self, dir: &Path) -> io::Result<Vec<Entry>> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            out.push(Entry {
                name: entry.file_name().to_string_lossy().into_owned(),
                path: entry.path(),
                kind: kind_of(entry.file_type()?),
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        path.canonicalize()
    }
}

/// A whole project in memory: for tests, and for tools that build from data they hold.
/// Folders exist implicitly above every file; there are no links.
#[derive(Debug, Default, Clone)]
pub struct MemoryWorld {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl MemoryWorld {
    /// An empty world.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a file at an absolute path.
    pub fn insert(&mut self, path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(lexical(&path.into()), bytes.into());
    }

    /// Removes a file.
    pub fn remove(&mut self, path: &Path) {
        self.files.remove(&lexical(path));
    }

    fn is_folder(&self, path: &Path) -> bool {
        self.files.keys().any(|f| f.starts_with(path) && f != path)
    }
}

fn not_found(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::NotFound,
        format!("{} does not exist", path.display()),
    )
}

/// `path` with `.` and `..` removed, without touching any disk.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

impl World for MemoryWorld {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let path = lexical(path);
        match self.files.get(&path) {
            Some(bytes) => Ok(bytes.clone()),
            None if self.is_folder(&path) => Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                format!("{} is a folder", path.display()),
            )),
            None => Err(not_found(&path)),
        }
    }

    fn stat(&self, path: &Path) -> io::Result<(Kind, u64)> {
        let path = lexical(path);
        if let Some(bytes) = self.files.get(&path) {
            Ok((Kind::File, bytes.len() as u64))
        } else if self.is_folder(&path) {
            Ok((Kind::Dir, 0))
        } else {
            Err(not_found(&path))
        }
    }

    fn entries(&self, dir: &Path) -> io::Result<Vec<Entry>> {
        let dir = lexical(dir);
        if !self.is_folder(&dir) {
            return Err(not_found(&dir));
        }
        let mut seen = BTreeMap::new();
        for file in self.files.keys() {
            let Ok(rest) = file.strip_prefix(&dir) else {
                continue;
            };
            let mut parts = rest.components();
            let Some(first) = parts.next() else { continue };
            let name = first.as_os_str().to_string_lossy().into_owned();
            let kind = if parts.next().is_some() {
                Kind::Dir
            } else {
                Kind::File
            };
            seen.entry(name).or_insert(kind);
        }
        Ok(seen
            .into_iter()
            .map(|(name, kind)| Entry {
                path: dir.join(&name),
                name,
                kind,
            })
            .collect())
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        let path = lexical(path);
        self.stat(&path).map(|_| path)
    }
}

/// Unsaved buffers over another world: what an editor shows wins over what is on disk.
/// A buffer for a file that does not exist yet makes it appear in its folder.
#[derive(Debug, Clone)]
pub struct Overlay {
    base: Arc<dyn World>,
    buffers: HashMap<PathBuf, String>,
}

impl Overlay {
    /// `base` with no buffer open.
    pub fn new(base: Arc<dyn World>) -> Self {
        Overlay {
            base,
            buffers: HashMap::new(),
        }
    }

    /// Opens or updates the buffer of `path` (absolute).
    pub fn set(&mut self, path: impl Into<PathBuf>, text: impl Into<String>) {
        self.buffers.insert(lexical(&path.into()), text.into());
    }

    /// Closes the buffer of `path`: the file on disk shows again.
    pub fn close(&mut self, path: &Path) {
        self.buffers.remove(&lexical(path));
    }
}

impl World for Overlay {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        match self.buffers.get(&lexical(path)) {
            Some(text) => Ok(text.as_bytes().to_vec()),
            None => self.base.read(path),
        }
    }

    fn stat(&self, path: &Path) -> io::Result<(Kind, u64)> {
        match self.buffers.get(&lexical(path)) {
            Some(text) => Ok((Kind::File, text.len() as u64)),
            None => self.base.stat(path),
        }
    }

    fn entries(&self, dir: &Path) -> io::Result<Vec<Entry>> {
        let dir = lexical(dir);
        let base = self.base.entries(&dir);
        let extra: BTreeSet<&PathBuf> = self
            .buffers
            .keys()
            .filter(|p| p.parent() == Some(dir.as_path()))
            .collect();
        let mut out = match base {
            Ok(entries) => entries,
            Err(e) if extra.is_empty() => return Err(e),
            Err(_) => Vec::new(),
        };
        for path in extra {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !out.iter().any(|e| e.name == name) {
                out.push(Entry {
                    name,
                    path: path.clone(),
                    kind: Kind::File,
                });
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        let path = lexical(path);
        if self.buffers.contains_key(&path) {
            // A new file has no disk path yet: its folder decides where it really is.
            if let (Some(dir), Some(name)) = (path.parent(), path.file_name())
                && let Ok(real) = self.base.canonicalize(dir)
            {
                return Ok(real.join(name));
            }
            return Ok(path);
        }
        self.base.canonicalize(&path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory() -> MemoryWorld {
        let mut w = MemoryWorld::new();
        w.insert("/p/sopdoc.yaml", "languages: [fr]\n");
        w.insert("/p/sources/a/fr/01.md", "# Titre\n");
        w.insert("/p/sources/a/document.yaml", "id: a\n");
        w
    }

    #[test]
    fn memory_world_lists_files_and_implied_folders_in_name_order() {
        let w = memory();
        let names: Vec<_> = w
            .entries(Path::new("/p"))
            .unwrap()
            .into_iter()
            .map(|e| (e.name, e.kind))
            .collect();
        assert_eq!(
            names,
            [
                ("sopdoc.yaml".to_string(), Kind::File),
                ("sources".to_string(), Kind::Dir)
            ]
        );
        let w: &dyn World = &w;
        assert!(w.is_dir(Path::new("/p/sources/a")));
        assert!(w.is_file(Path::new("/p/sources/a/../a/fr/01.md")));
        assert!(!w.exists(Path::new("/p/nope")));
        assert_eq!(
            w.read(Path::new("/p/sources")).unwrap_err().kind(),
            io::ErrorKind::IsADirectory
        );
    }

    #[test]
    fn overlay_buffers_win_and_new_files_appear_in_their_folder() {
        let mut o = Overlay::new(Arc::new(memory()));
        o.set("/p/sources/a/fr/01.md", "# Nouveau\n");
        o.set("/p/sources/a/fr/02.md", "# Deux\n");
        let w: &dyn World = &o;
        assert_eq!(
            w.read_to_string(Path::new("/p/sources/a/fr/01.md"))
                .unwrap(),
            "# Nouveau\n"
        );
        let names: Vec<_> = w
            .entries(Path::new("/p/sources/a/fr"))
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["01.md", "02.md"]);
        o.close(Path::new("/p/sources/a/fr/01.md"));
        let w: &dyn World = &o;
        assert_eq!(
            w.read_to_string(Path::new("/p/sources/a/fr/01.md"))
                .unwrap(),
            "# Titre\n"
        );
    }

    #[test]
    fn disk_world_does_not_follow_links_when_listing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.md"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("b.md"), dir.path().join("a.md")).unwrap();
        let entries = DiskWorld.entries(dir.path()).unwrap();
        assert_eq!(entries.last().unwrap().kind, Kind::File);
        #[cfg(unix)]
        assert_eq!(entries[0].kind, Kind::Symlink);
        let w: &dyn World = &DiskWorld;
        assert!(w.is_file(&dir.path().join("a.md")));
    }
}
