//! Writing outputs safely: every file atomically (temporary file, then rename), output
//! folders kept in step with a build file by file, and a project lock so two builds never
//! interleave.
//!
//! The lock lives in `.sopdoc/` at the project root, never in `build/`,
//! which holds only outputs (DESIGN.md).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Folder for sopdoc's own state (lock, caches), git-ignored.
pub const STATE_DIR: &str = ".sopdoc";

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
    builder.prefix(".sopdoc-tmp-");
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

/// What [`sync_tree`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Synced {
    /// Files written (new or changed).
    pub written: usize,
    /// Files left as they were (same bytes).
    pub unchanged: usize,
    /// Files removed (no longer part of the output).
    pub removed: usize,
}

/// Makes the folder `target` hold exactly `files` (path relative to `target` with `/`,
/// bytes): a file whose bytes differ is replaced atomically (temporary file, then rename),
/// a file with the same bytes is left alone (its date too, so copies and caches see no
/// change), and files the output no longer has are removed. A reader never sees a
/// half-written file; a rebuild after a small edit writes only the pages it changed.
/// Works on every core: a site has hundreds of files.
///
/// # Errors
/// [`Error::Write`] when a file cannot be written or removed.
pub fn sync_tree(target: &Path, files: &[(&str, &[u8])]) -> Result<Synced> {
    let results = crate::par::map(files, |(rel, bytes)| {
        replace_if_changed(&target.join(rel), bytes)
    });
    let mut synced = Synced::default();
    for r in results {
        if r? {
            synced.written += 1;
        } else {
            synced.unchanged += 1;
        }
    }
    let keep: std::collections::HashSet<PathBuf> =
        files.iter().map(|(rel, _)| target.join(rel)).collect();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(target)
        .min_depth(1)
        .contents_first(true)
    {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if entry.file_type().is_dir() {
            dirs.push(path.to_path_buf());
        } else if !keep.contains(path) {
            std::fs::remove_file(path).map_err(|source| Error::Write {
                path: path.to_path_buf(),
                source,
            })?;
            synced.removed += 1;
        }
    }
    // Folders left empty (deepest first, as walked); a folder still in use stays.
    for dir in dirs {
        let _ = std::fs::remove_dir(&dir);
    }
    Ok(synced)
}

/// Replaces `path` with `bytes` unless it already holds them; true when it wrote.
fn replace_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
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

/// An exclusive lock on a project's outputs, released on drop.
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

    #[test]
    fn sync_tree_writes_changes_and_removes_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("html");
        let first = sync_tree(
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
        let second = sync_tree(&target, &[("a.html", b"A"), ("d/b.html", b"B2")]).unwrap();
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
        drop(first);
        assert!(ProjectLock::acquire(root.path(), false).is_ok());
    }
}

/// `YYYY-MM-DD` of a Unix time (UTC), for SOURCE_DATE_EPOCH.
pub fn date_from_epoch(secs: i64) -> String {
    // Civil-from-days (Howard Hinnant's algorithm).
    let days = secs.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod date_tests {
    #[test]
    fn epoch_dates() {
        assert_eq!(super::date_from_epoch(0), "1970-01-01");
        assert_eq!(super::date_from_epoch(1_764_288_000), "2025-11-28");
        assert_eq!(super::date_from_epoch(951_782_400), "2000-02-29");
    }
}
