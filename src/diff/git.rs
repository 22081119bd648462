//! Reading a project at a git revision with gix (no git binary needed): the revision's
//! tree, below the project's folder, is written to a temporary folder that the normal
//! loader then reads.
#![allow(clippy::disallowed_methods)] // Writes a git revision into a temporary folder to load it as a project.

use std::path::{Component, Path, PathBuf};

use gix::ObjectId;

use super::DiffError;

/// Folders deeper than this are not followed (a tree cannot nest without bound on disk).
const MAX_DEPTH: usize = 64;

/// Writes the project at revision `spec` into `dest` and returns the project root in it.
///
/// `start` is the current project root (or folder): the repository is the one holding it,
/// and the project's path inside the repository is the same at every revision.
///
/// # Errors
/// [`DiffError::NotAVersion`] outside a git repository, [`DiffError::Revision`] for a
/// revision that names no commit, [`DiffError::NoProjectAtRevision`] when the revision
/// has no `sopdoc.yaml` at the project's path, [`DiffError::Git`] when reading fails.
pub fn materialize(start: &Path, spec: &str, dest: &Path) -> Result<PathBuf, DiffError> {
    let repo = gix::discover(start).map_err(|e| DiffError::NotAVersion {
        spec: spec.to_string(),
        folder: start.display().to_string(),
        detail: e.to_string(),
    })?;
    let Some(workdir) = repo.workdir() else {
        return Err(DiffError::Git(
            "a bare repository has no project folder".into(),
        ));
    };
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let project = crate::project::find_root(start).unwrap_or_else(|_| canon(start));
    let prefix = canon(&project)
        .strip_prefix(canon(workdir))
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let revision = |e: &dyn std::fmt::Display| DiffError::Revision {
        spec: spec.to_string(),
        message: e.to_string(),
    };
    let id = repo.rev_parse_single(spec).map_err(|e| revision(&e))?;
    let tree = id
        .object()
        .map_err(|e| revision(&e))?
        .peel_to_tree()
        .map_err(|e| revision(&e))?;
    let prefix_str = prefix
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str().map(String::from),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/");
    let tree_id = if prefix_str.is_empty() {
        tree.id
    } else {
        match tree.lookup_entry_by_path(&prefix_str) {
            Ok(Some(entry)) if entry.mode().is_tree() => entry.object_id(),
            Ok(_) => {
                return Err(DiffError::NoProjectAtRevision {
                    spec: spec.to_string(),
                    path: prefix_str,
                });
            }
            Err(e) => return Err(DiffError::Git(e.to_string())),
        }
    };
    write_tree(&repo, tree_id, dest, 0)?;
    if !dest.join(crate::project::MANIFEST).is_file() {
        return Err(DiffError::NoProjectAtRevision {
            spec: spec.to_string(),
            path: if prefix_str.is_empty() {
                ".".into()
            } else {
                prefix_str
            },
        });
    }
    Ok(dest.to_path_buf())
}

fn write_tree(
    repo: &gix::Repository,
    id: ObjectId,
    dir: &Path,
    depth: usize,
) -> Result<(), DiffError> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let git = |e: &dyn std::fmt::Display| DiffError::Git(e.to_string());
    let tree = repo.find_tree(id).map_err(|e| git(&e))?;
    let mut entries = Vec::new();
    for entry in tree.iter() {
        let entry = entry.map_err(|e| git(&e))?;
        let mode = entry.inner.mode;
        let Ok(name) = std::str::from_utf8(entry.inner.filename) else {
            continue;
        };
        entries.push((mode, name.to_string(), entry.inner.oid.to_owned()));
    }
    std::fs::create_dir_all(dir).map_err(|e| git(&e))?;
    for (mode, name, oid) in entries {
        // Only plain names: nothing may land outside `dir`.
        if !safe_name(&name) {
            continue;
        }
        let path = dir.join(&name);
        if mode.is_tree() {
            write_tree(repo, oid, &path, depth + 1)?;
        } else if mode.is_blob() {
            let blob = repo.find_blob(oid).map_err(|e| git(&e))?;
            std::fs::write(&path, &blob.data).map_err(|e| git(&e))?;
        }
        // Symbolic links and submodules are not part of a project's sources.
    }
    Ok(())
}

fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name != ".git"
        && !name.contains(['/', '\\', '\0', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_written() {
        assert!(safe_name("01-objet.md"));
        for bad in ["", ".", "..", ".git", "a/b", "a\\b", "c:x"] {
            assert!(!safe_name(bad), "{bad}");
        }
    }
}
