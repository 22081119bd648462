//! Writing outputs safely: every file atomically (temporary file, then rename), output
//! folders kept in step with a build file by file — touching only the files sopdoc wrote,
//! never through a symbolic link — and a project lock so two builds never interleave.
//!
//! The lock lives in `.sopdoc/` at the project root, never in `build/`,
//! which holds only outputs (DESIGN.md).
#![allow(clippy::disallowed_methods)] // The output writer: the one place that writes a build to disk.

use std::collections::{BTreeSet, HashSet};
use std::fs::File;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use rayon::prelude::*;

/// `YYYY-MM-DD` of a Unix time (UTC), for SOURCE_DATE_EPOCH (see [`crate::date`]).
pub use crate::date::from_epoch as date_from_epoch;

/// Name prefix of the temporary files of atomic writes.
const TEMP_PREFIX: &str = ".sopdoc-tmp-";

/// Folder for sopdoc's own state (lock, caches), git-ignored.
pub const STATE_DIR: &str = ".sopdoc";

/// Whether two paths name the same output folder (through links, `..`, or not existing
/// yet and written alike).
pub fn same_folder(a: &Path, b: &Path) -> bool {
    a == b
        || a.canonicalize()
            .ok()
            .is_some_and(|a| Some(a) == b.canonicalize().ok())
}

/// Whether an output file is (still) there: watch writes again a page a user deleted.
pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// Writes `bytes` to `path` atomically: readers see the old file or the new one, never half.
///
/// # Errors
/// [`Error::Write`] when the folder cannot be created or written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    replace_via_temp(path, bytes, true)
}

/// Writes `bytes` to a temporary file beside `path` (flushed to disk when `sync`), then
/// renames it over `path`. The folder must exist.
fn replace_via_temp(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    // Outputs are ordinary files (rw-r--r--), not the private mode of a temporary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    if sync {
        tmp.as_file().sync_all().map_err(err)?;
    }
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// What [`OutputDir::sync`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Synced {
    /// Files written (new or changed).
    pub written: usize,
    /// Files left as they were (same bytes).
    pub unchanged: usize,
    /// Files removed (sopdoc wrote them, and the output no longer has them).
    pub removed: usize,
}

/// Name of the list, inside each output folder, of the files sopdoc wrote there.
pub const OWNED_LIST: &str = ".sopdoc-files";

/// How an output folder becomes sopdoc's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// The project's configured output folder: on first use (no list of owned files yet)
    /// every file in it is taken as sopdoc's, so projects built before the list existed
    /// keep their stale pages cleaned. Later, files sopdoc did not write are left alone.
    Adopt,
    /// A folder named on the command line (`--out`): it must be new, empty, or hold only
    /// files sopdoc wrote; anything else is refused before a byte is written.
    Explicit,
}

/// An output folder (`build/html`, `build/pdf`, …) that sopdoc writes into and cleans,
/// touching only the files it wrote there itself.
///
/// The folder keeps the list of those files in [`OWNED_LIST`]. Every write is added to
/// the list *before* the file is written, so a build killed halfway leaves no file the
/// next build would take for the user's. Nothing is written, renamed or removed through
/// a symbolic link: the folder itself, a folder below it or a file that is a link is
/// refused with [`Error::Symlink`].
#[derive(Debug)]
pub struct OutputDir {
    dir: PathBuf,
    owned: BTreeSet<String>,
    /// Folders below `dir` already checked not to be links.
    checked: std::sync::Mutex<HashSet<PathBuf>>,
}

impl OutputDir {
    /// Opens `dir` (which need not exist yet) as an output folder.
    ///
    /// # Errors
    /// [`Error::Symlink`] when `dir` is a link; [`Error::ForeignFiles`] when a
    /// [`Claim::Explicit`] folder holds files sopdoc did not write; [`Error::Read`] when
    /// the folder cannot be listed.
    pub fn open(dir: &Path, claim: Claim) -> Result<Self> {
        let mut out = OutputDir {
            dir: dir.to_path_buf(),
            owned: BTreeSet::new(),
            checked: std::sync::Mutex::new(HashSet::new()),
        };
        match std::fs::symlink_metadata(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            // A file where a folder should be (`build` as a file): cannot be written.
            Err(source) => {
                return Err(Error::Write {
                    path: dir.to_path_buf(),
                    source,
                });
            }
            Ok(m) if m.file_type().is_symlink() => {
                return Err(Error::Symlink {
                    path: dir.to_path_buf(),
                });
            }
            Ok(m) if !m.is_dir() => {
                return Err(Error::Write {
                    path: dir.to_path_buf(),
                    source: std::io::Error::other("it is a file, not a folder"),
                });
            }
            Ok(_) => {}
        }
        let listed = match std::fs::read_to_string(dir.join(OWNED_LIST)) {
            Ok(text) => Some(
                text.lines()
                    .filter_map(owned_entry)
                    .collect::<BTreeSet<_>>(),
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(Error::Read {
                    path: dir.join(OWNED_LIST),
                    source,
                });
            }
        };
        let present = list_files(dir)?;
        let adopt_all = claim == Claim::Adopt && listed.is_none();
        out.owned = listed.unwrap_or_default();
        let mut foreign = Vec::new();
        for (rel, link) in present {
            if link {
                // Never adopted: sopdoc creates no links.
                out.owned.remove(&rel);
                foreign.push(rel);
                continue;
            }
            // A temporary file of an interrupted write (a killed build) is sopdoc's own
            // garbage: removed now, since folders that are written file by file (the
            // PDFs) never prune; adopted if it cannot be, so that the next sync does.
            let leftover = rel
                .rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with(TEMP_PREFIX));
            if leftover && std::fs::remove_file(dir.join(&rel)).is_ok() {
                out.owned.remove(&rel);
                continue;
            }
            if adopt_all || leftover {
                out.owned.insert(rel);
            } else if !out.owned.contains(&rel) {
                foreign.push(rel);
            }
        }
        if claim == Claim::Explicit && !foreign.is_empty() {
            return Err(Error::ForeignFiles {
                path: dir.to_path_buf(),
                total: foreign.len(),
                examples: foreign.into_iter().take(5).collect(),
            });
        }
        Ok(out)
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Makes the folder hold `files` (path relative to the folder with `/`, bytes): a
    /// file whose bytes differ is replaced atomically, a file with the same bytes is left
    /// alone (its date too, so copies and caches see no change), and files sopdoc wrote
    /// that the output no longer has are removed. Files sopdoc did not write stay. Works
    /// on every core: a site has hundreds of files.
    ///
    /// # Errors
    /// [`Error::Write`] when a file cannot be written or removed; [`Error::Symlink`] and
    /// [`Error::ForeignFiles`] as for [`OutputDir::write_all`].
    pub fn sync(&mut self, files: &[(&str, &[u8])]) -> Result<Synced> {
        let paths: Vec<&str> = files.iter().map(|(rel, _)| *rel).collect();
        self.sync_each(&paths, |i| Ok(std::borrow::Cow::Borrowed(files[i].1)))
    }

    /// [`OutputDir::sync`] with each file's bytes made when it is written (`contents(i)`
    /// for `paths[i]`), so that only the files being written are held whole: `build`
    /// keeps the site's pages deflated until then.
    ///
    /// # Errors
    /// As [`OutputDir::sync`]; [`Error::Write`] when `contents` fails.
    pub fn sync_each<'f>(
        &mut self,
        paths: &[&str],
        contents: impl Fn(usize) -> std::io::Result<std::borrow::Cow<'f, [u8]>> + Sync,
    ) -> Result<Synced> {
        let (written, unchanged) = self.write_each(paths, contents)?;
        let removed = self.prune(&paths.iter().copied().collect())?;
        Ok(Synced {
            written,
            unchanged,
            removed,
        })
    }

    /// Removes the files sopdoc wrote here that are not in `keep` (see
    /// [`OutputDir::remove_all`]); returns how many it removed. What
    /// [`OutputDir::sync_each`] does after writing, for an output written in parts.
    ///
    /// # Errors
    /// As [`OutputDir::remove_all`].
    pub fn prune(&mut self, keep: &HashSet<&str>) -> Result<usize> {
        let stale: Vec<String> = self
            .owned
            .iter()
            .filter(|rel| !keep.contains(rel.as_str()))
            .cloned()
            .collect();
        self.remove_all(&stale)
    }

    /// Writes `files`, each atomically and only when its bytes changed; returns (written,
    /// unchanged).
    ///
    /// # Errors
    /// [`Error::Symlink`] when a target or a folder on its way is a link;
    /// [`Error::ForeignFiles`] when a target is a file sopdoc did not write;
    /// [`Error::Write`] on I/O failure.
    pub fn write_all(&mut self, files: &[(&str, &[u8])]) -> Result<(usize, usize)> {
        let paths: Vec<&str> = files.iter().map(|(rel, _)| *rel).collect();
        self.write_each(&paths, |i| Ok(std::borrow::Cow::Borrowed(files[i].1)))
    }

    /// [`OutputDir::write_all`] with each file's bytes made when it is written (see
    /// [`OutputDir::sync_each`]).
    ///
    /// # Errors
    /// As [`OutputDir::write_all`]; [`Error::Write`] when `contents` fails.
    pub fn write_each<'f>(
        &mut self,
        files: &[&str],
        contents: impl Fn(usize) -> std::io::Result<std::borrow::Cow<'f, [u8]>> + Sync,
    ) -> Result<(usize, usize)> {
        for rel in files {
            self.check_target(rel)?;
        }
        let before = self.owned.len();
        self.owned
            .extend(files.iter().map(|rel| (*rel).to_string()));
        if self.owned.len() != before || !self.dir.join(OWNED_LIST).exists() {
            self.save_list()?;
        }
        let results: Vec<Result<bool>> = (0..files.len())
            .into_par_iter()
            .map(|i| {
                let path = self.dir.join(files[i]);
                let bytes = contents(i).map_err(|source| Error::Write {
                    path: path.clone(),
                    source,
                })?;
                replace_if_changed(&path, &bytes)
            })
            .collect();
        let mut written = 0;
        for r in results {
            if r? {
                written += 1;
            }
        }
        Ok((written, files.len() - written))
    }

    /// Writes one file (see [`OutputDir::write_all`]); true when it wrote.
    ///
    /// # Errors
    /// As [`OutputDir::write_all`].
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<bool> {
        Ok(self.write_all(&[(rel, bytes)])?.0 == 1)
    }

    /// Removes files sopdoc wrote (others are left alone), then folders left empty;
    /// returns how many files it removed.
    ///
    /// # Errors
    /// [`Error::Write`] when a file cannot be removed; [`Error::Symlink`] when a folder
    /// on its way is a link.
    pub fn remove_all(&mut self, rels: &[String]) -> Result<usize> {
        let mut removed = 0;
        let mut dirs = BTreeSet::new();
        for rel in rels {
            if !self.owned.contains(rel) {
                continue;
            }
            let path = self.dir.join(rel);
            self.check_folders(rel)?;
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(Error::Symlink { path });
            }
            match std::fs::remove_file(&path) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(Error::Write { path, source }),
            }
            self.owned.remove(rel);
            let mut dir = Path::new(rel.as_str()).parent();
            while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
                dirs.insert(d.to_path_buf());
                dir = d.parent();
            }
        }
        // Deepest first; a folder still in use (or holding the user's files) stays.
        for d in dirs.iter().rev() {
            let _ = std::fs::remove_dir(self.dir.join(d));
        }
        if !rels.is_empty() {
            self.save_list()?;
        }
        Ok(removed)
    }

    /// Refuses a target that is a link, lies in a linked folder, or is the user's file.
    fn check_target(&self, rel: &str) -> Result<()> {
        if owned_entry(rel).is_none() {
            return Err(Error::Write {
                path: self.dir.join(rel),
                source: std::io::Error::other("not a plain path inside the output folder"),
            });
        }
        self.check_folders(rel)?;
        let path = self.dir.join(rel);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => Err(Error::Symlink { path }),
            Ok(_) if !self.owned.contains(rel) => Err(Error::ForeignFiles {
                path: self.dir.clone(),
                total: 1,
                examples: vec![rel.to_string()],
            }),
            _ => Ok(()),
        }
    }

    /// Refuses a path whose folders below the output folder include a link.
    fn check_folders(&self, rel: &str) -> Result<()> {
        let mut checked = self.checked.lock().unwrap_or_else(|e| e.into_inner());
        let mut dir = self.dir.clone();
        let parts: Vec<&str> = rel.split('/').collect();
        for part in &parts[..parts.len().saturating_sub(1)] {
            dir.push(part);
            if checked.contains(&dir) {
                continue;
            }
            match std::fs::symlink_metadata(&dir) {
                Ok(m) if m.file_type().is_symlink() => return Err(Error::Symlink { path: dir }),
                Ok(_) => {
                    checked.insert(dir.clone());
                }
                // Not created yet: nothing below it can be a link.
                Err(_) => break,
            }
        }
        Ok(())
    }

    fn save_list(&self) -> Result<()> {
        let mut text = String::from(
            "# Files sopdoc wrote in this folder; only these are ever replaced or removed.\n",
        );
        for rel in &self.owned {
            text.push_str(rel);
            text.push('\n');
        }
        write_atomic(&self.dir.join(OWNED_LIST), text.as_bytes())
    }
}

/// A line of the owned-files list, if it is a plain relative path.
fn owned_entry(line: &str) -> Option<String> {
    let line = line.trim_end_matches('\r');
    let plain = !line.is_empty()
        && !line.starts_with('#')
        && !line.starts_with('/')
        && line != OWNED_LIST
        && line
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != ".." && !p.contains('\\'));
    plain.then(|| line.to_string())
}

/// Every file and link below `dir` (relative with `/`; true for a link), without the
/// owned-files list. Links are not followed.
fn list_files(dir: &Path) -> Result<Vec<(String, bool)>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Read {
            path: dir.to_path_buf(),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("walk failed")),
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if rel != OWNED_LIST {
            files.push((rel, entry.path_is_symlink()));
        }
    }
    Ok(files)
}

/// Replaces `path` with `bytes` unless it already holds them; true when it wrote.
fn replace_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && holds(path, bytes)
    {
        return Ok(false);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })?;
    // Like the rest of a site build, not flushed file by file (hundreds of pages).
    replace_via_temp(path, bytes, false)?;
    Ok(true)
}

/// Whether the file at `path` holds exactly `bytes`, read a piece at a time: a large
/// collection's search index is tens of megabytes, and its old copy need not be held whole
/// beside the new one.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read as _;
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut buf = vec![0u8; 64 * 1024];
    let mut at = 0;
    loop {
        match file.read(&mut buf) {
            Ok(0) => return at == bytes.len(),
            Ok(n) => {
                if bytes.get(at..at + n) != Some(&buf[..n]) {
                    return false;
                }
                at += n;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// Writes `path` atomically, refusing when `path` or a folder between `base` and it is a
/// symbolic link: for files written into the user's sources (imports, fixes), which must
/// never land outside the project through a link.
///
/// # Errors
/// [`Error::Symlink`] for a link on the way; [`Error::Write`] on I/O failure.
pub fn write_atomic_in(base: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    check_inside(base, path)?;
    write_atomic(path, bytes)
}

/// Refuses `path` unless it lies below `base` with no symbolic link on the way.
fn check_inside(base: &Path, path: &Path) -> Result<()> {
    let rel = path.strip_prefix(base).map_err(|_| Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other("outside the project"),
    })?;
    let mut at = base.to_path_buf();
    for comp in rel.components() {
        match comp {
            Component::Normal(p) => at.push(p),
            _ => {
                return Err(Error::Write {
                    path: path.to_path_buf(),
                    source: std::io::Error::other("not a plain path inside the project"),
                });
            }
        }
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Err(Error::Symlink { path: at }),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Ok(())
}

/// An exclusive lock on a project's outputs and on the sources sopdoc writes (imports,
/// fixes), released on drop (and by the system when the process dies, even by SIGKILL).
#[derive(Debug)]
pub struct ProjectLock {
    _file: File,
}

impl ProjectLock {
    /// Takes the project lock, waiting for another build to finish if `wait` is true.
    ///
    /// # Errors
    /// [`Error::Locked`] when another process holds it and `wait` is false;
    /// [`Error::Write`] when the lock file cannot be created.
    pub fn acquire(root: &Path, wait: bool) -> Result<Self> {
        let dir = root.join(STATE_DIR);
        let path = dir.join("lock");
        let err = |source| Error::Write {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(&dir).map_err(err)?;
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(err)?;
        if wait {
            file.lock().map_err(err)?;
        } else {
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => return Err(Error::Locked { path }),
                Err(std::fs::TryLockError::Error(e)) => return Err(err(e)),
            }
        }
        Ok(ProjectLock { _file: file })
    }

    /// Whether another process holds the lock now (a command about to wait can say so).
    /// Only a hint: the holder may let go right after.
    pub fn is_held(root: &Path) -> bool {
        let path = root.join(STATE_DIR).join("lock");
        File::options()
            .write(true)
            .open(path)
            .is_ok_and(|f| matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock)))
    }

    /// Writes a file of the user's sources (an import, a fix) under this lock: atomically,
    /// never through a link (see [`write_atomic_in`]), after removing the temporary files an
    /// interrupted write (power cut, SIGKILL) left in the same folder. Only a lock holder may
    /// remove them: every writer of sources takes this lock, so none is in flight.
    ///
    /// # Errors
    /// As [`write_atomic_in`] (`base` is the project folder as the caller spells it);
    /// [`Error::Write`] when a leftover cannot be removed.
    pub fn write_source(&self, base: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
        check_inside(base, path)?;
        if let Some(dir) = path.parent() {
            remove_leftovers(dir)?;
        }
        write_atomic(path, bytes)
    }
}

/// Removes the temporary files of interrupted atomic writes directly in `dir` (a folder
/// that does not exist has none).
fn remove_leftovers(dir: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let leftover = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(TEMP_PREFIX));
        if leftover && entry.file_type().is_ok_and(|t| t.is_file()) {
            let path = entry.path();
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(Error::Write { path, source }),
            }
        }
    }
    Ok(())
}

/// Copies a folder tree, each file atomically (used across file systems, and by tests).
///
/// # Errors
/// [`Error::Read`] or [`Error::Write`] on I/O failure.
pub fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Read {
            path: from.into(),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("walk failed")),
        })?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).map_err(|e| Error::Write {
                path: dest.clone(),
                source: e,
            })?;
        } else {
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::Read {
                path: entry.path().into(),
                source: e,
            })?;
            write_atomic(&dest, &bytes)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sync(target: &Path, files: &[(&str, &[u8])]) -> Result<Synced> {
        OutputDir::open(target, Claim::Adopt)?.sync(files)
    }

    #[test]
    fn a_folder_written_file_by_file_loses_the_temporary_files_of_a_killed_write() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("pdf");
        OutputDir::open(&target, Claim::Adopt)
            .unwrap()
            .write("a.pdf", b"A")
            .unwrap();
        // A build killed while writing the next version of `a.pdf`.
        std::fs::write(target.join(".sopdoc-tmp-Xy12ab"), b"half").unwrap();
        let mut out = OutputDir::open(&target, Claim::Explicit).unwrap();
        assert!(!target.join(".sopdoc-tmp-Xy12ab").exists());
        out.write("a.pdf", b"A2").unwrap();
        let list = std::fs::read_to_string(target.join(OWNED_LIST)).unwrap();
        assert!(!list.contains(TEMP_PREFIX), "{list}");
    }

    #[test]
    fn sync_writes_changes_and_removes_its_own_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("html");
        let first = sync(
            &target,
            &[("a.html", b"A"), ("d/b.html", b"B"), ("d/e/c.html", b"C")],
        )
        .unwrap();
        assert_eq!(first.written, 3);
        let before = std::fs::metadata(target.join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let second = sync(&target, &[("a.html", b"A"), ("d/b.html", b"B2")]).unwrap();
        assert_eq!(
            second,
            Synced {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        let after = std::fs::metadata(target.join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after, "an unchanged file is not rewritten");
        assert_eq!(std::fs::read(target.join("d/b.html")).unwrap(), b"B2");
        assert!(!target.join("d/e").exists(), "emptied folders go");
        let names: Vec<_> = std::fs::read_dir(target.join("d")).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
    }

    #[test]
    fn the_users_files_are_never_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("html");
        sync(&target, &[("a.html", b"A")]).unwrap();
        std::fs::write(target.join("mine.html"), b"mine").unwrap();
        std::fs::create_dir_all(target.join("private")).unwrap();
        std::fs::write(target.join("private/data.json"), b"{}").unwrap();
        let second = sync(&target, &[("b.html", b"B")]).unwrap();
        assert_eq!(second.removed, 1, "only a.html, which sopdoc wrote");
        assert!(target.join("mine.html").exists());
        assert!(target.join("private/data.json").exists());
        assert!(!target.join("a.html").exists());
    }

    #[test]
    fn a_configured_folder_is_adopted_on_first_use() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("html");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("old.html"), b"stale page").unwrap();
        let synced = sync(&target, &[("a.html", b"A")]).unwrap();
        assert_eq!(synced.removed, 1);
        let list = std::fs::read_to_string(target.join(OWNED_LIST)).unwrap();
        assert!(list.lines().any(|l| l == "a.html"), "{list}");
    }

    #[test]
    fn an_explicit_folder_with_other_files_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("www");
        std::fs::create_dir_all(target.join("img")).unwrap();
        for i in 0..7 {
            std::fs::write(target.join(format!("img/p{i}.png")), b"x").unwrap();
        }
        match OutputDir::open(&target, Claim::Explicit) {
            Err(Error::ForeignFiles {
                total, examples, ..
            }) => {
                assert_eq!(total, 7);
                assert_eq!(examples.len(), 5);
                assert_eq!(examples[0], "img/p0.png");
            }
            other => panic!("{other:?}"),
        }
        // A folder sopdoc wrote before is fine.
        let own = dir.path().join("mine");
        OutputDir::open(&own, Claim::Explicit)
            .unwrap()
            .sync(&[("a.html", b"A")])
            .unwrap();
        OutputDir::open(&own, Claim::Explicit)
            .unwrap()
            .sync(&[("b.html", b"B")])
            .unwrap();
        assert!(!own.join("a.html").exists());
    }

    #[cfg(unix)]
    #[test]
    fn nothing_is_written_or_removed_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("keep.txt"), b"keep").unwrap();
        // The output folder itself is a link.
        let linked = dir.path().join("html");
        std::os::unix::fs::symlink(&elsewhere, &linked).unwrap();
        assert!(matches!(
            OutputDir::open(&linked, Claim::Adopt),
            Err(Error::Symlink { .. })
        ));
        // A folder below it is a link.
        let target = dir.path().join("out");
        let mut out = OutputDir::open(&target, Claim::Adopt).unwrap();
        out.sync(&[("fr/a.html", b"A")]).unwrap();
        std::fs::remove_file(target.join("fr/a.html")).unwrap();
        std::fs::remove_dir(target.join("fr")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, target.join("fr")).unwrap();
        let mut out = OutputDir::open(&target, Claim::Adopt).unwrap();
        assert!(matches!(
            out.sync(&[("fr/a.html", b"A")]),
            Err(Error::Symlink { .. })
        ));
        // A file is a link.
        let mut out = OutputDir::open(&dir.path().join("o2"), Claim::Adopt).unwrap();
        out.sync(&[("x.html", b"X")]).unwrap();
        let x = dir.path().join("o2/x.html");
        std::fs::remove_file(&x).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("keep.txt"), &x).unwrap();
        let mut out = OutputDir::open(&dir.path().join("o2"), Claim::Adopt).unwrap();
        assert!(matches!(
            out.sync(&[("x.html", b"new")]),
            Err(Error::Symlink { .. })
        ));
        // A link is never sopdoc's: cleaning leaves it (and what it points at) alone.
        out.sync(&[]).unwrap();
        assert!(x.is_symlink());
        assert_eq!(std::fs::read(elsewhere.join("keep.txt")).unwrap(), b"keep");
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn source_writes_refuse_linked_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(root.join("doc")).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, root.join("doc/en")).unwrap();
        assert!(matches!(
            write_atomic_in(&root, &root.join("doc/en/01.md"), b"x"),
            Err(Error::Symlink { .. })
        ));
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
        write_atomic_in(&root, &root.join("doc/fr/01.md"), b"x").unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn written_files_are_world_readable() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("out/x.pdf");
        write_atomic(&path, b"%PDF").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }

    #[test]
    fn lock_is_exclusive() {
        let root = tempfile::tempdir().unwrap();
        let first = ProjectLock::acquire(root.path(), false).unwrap();
        assert!(matches!(
            ProjectLock::acquire(root.path(), false),
            Err(Error::Locked { .. })
        ));
        assert!(ProjectLock::is_held(root.path()));
        drop(first);
        assert!(!ProjectLock::is_held(root.path()));
        assert!(ProjectLock::acquire(root.path(), false).is_ok());
    }

    #[test]
    fn source_writes_remove_what_interrupted_writes_left() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("doc/en");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(".sopdoc-tmp-AbC123"), b"half a chap").unwrap();
        std::fs::write(root.path().join("doc/.sopdoc-tmp-other"), b"x").unwrap();
        std::fs::write(dir.join("notes.txt"), b"the user's").unwrap();
        let lock = ProjectLock::acquire(root.path(), false).unwrap();
        lock.write_source(root.path(), &dir.join("01.md"), b"# Whole\n")
            .unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["01.md", "notes.txt"]);
        // Only the folder written into is swept.
        assert!(root.path().join("doc/.sopdoc-tmp-other").exists());
        // Outside the project: refused before anything is removed.
        let other = tempfile::tempdir().unwrap();
        std::fs::write(other.path().join(".sopdoc-tmp-z"), b"x").unwrap();
        assert!(
            lock.write_source(root.path(), &other.path().join("a.md"), b"x")
                .is_err()
        );
        assert!(other.path().join(".sopdoc-tmp-z").exists());
    }

    /// A file is compared a piece at a time: equal, shorter, longer, or different in its
    /// last piece only.
    #[test]
    fn holds_compares_piece_by_piece() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &big).unwrap();
        assert!(holds(&path, &big));
        assert!(!holds(&path, &big[..big.len() - 1]));
        let mut longer = big.clone();
        longer.push(0);
        assert!(!holds(&path, &longer));
        let mut last = big.clone();
        *last.last_mut().unwrap() ^= 1;
        assert!(!holds(&path, &last));
        assert!(!holds(&dir.path().join("missing"), b""));
    }
}
