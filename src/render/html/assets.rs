//! Images and linked files of the chapters, copied into the site.
//!
//! A file referenced as `assets/circuit.png` from `sop-sources/sop-01/fr/02-x.md` is read
//! from the project and lands in `fr/sop-01/assets/circuit-<hash>.png`; the hash of its
//! project path keeps two files with the same name apart. Only files the resolver found
//! and allowed reach this store (see `resolve::files`): it never decides what is published.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::world::World;

/// Files copied into the site, by output path.
pub(crate) struct Assets {
    world: Arc<dyn World>,
    root: PathBuf,
    /// Output path (from the site root) → bytes.
    files: BTreeMap<String, Vec<u8>>,
    /// (site folder, project path) → URL relative to the site folder, or `None` if unreadable.
    seen: BTreeMap<(String, String), Option<String>>,
}

impl Assets {
    /// An empty store reading from the project at `root`.
    pub(crate) fn new(world: Arc<dyn World>, root: PathBuf) -> Self {
        Assets {
            world,
            root,
            files: BTreeMap::new(),
            seen: BTreeMap::new(),
        }
    }

    /// Copies the project file `rel` (a path resolve found and allowed, relative to the
    /// project root) next to the pages of `site_dir`; returns its URL relative to
    /// `site_dir`, or `None` when it cannot be read.
    pub(crate) fn copy(&mut self, site_dir: &str, rel: &str) -> Option<String> {
        let key = (site_dir.to_string(), rel.to_string());
        if let Some(url) = self.seen.get(&key) {
            return url.clone();
        }
        let url = self.world.read(&self.root.join(rel)).ok().map(|bytes| {
            let url = format!("assets/{}", hashed_name(rel));
            self.files.insert(format!("{site_dir}/{url}"), bytes);
            url
        });
        self.seen.insert(key, url.clone());
        url
    }

    /// Takes in the files another store copied (for another document's folder).
    pub(crate) fn merge(&mut self, other: Assets) {
        self.files.extend(other.files);
        self.seen.extend(other.seen);
    }

    /// The copied files: (output path, bytes), sorted by path.
    pub(crate) fn into_files(self) -> impl Iterator<Item = (String, Vec<u8>)> {
        self.files.into_iter()
    }
}

/// `circuit-1a2b3c4d.png`: the file's stem (ASCII-safe), a hash of its project path, and
/// its extension.
fn hashed_name(rel: &str) -> String {
    let file = rel.rsplit('/').next().unwrap_or(rel);
    let (stem, ext) = match file.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, Some(e)),
        _ => (file, None),
    };
    let safe = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect()
    };
    let hash = crate::fingerprint::fnv1a64(rel.as_bytes());
    match ext {
        Some(e) => format!("{}-{:08x}.{}", safe(stem), hash as u32, safe(e)),
        None => format!("{}-{:08x}", safe(stem), hash as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_stable_and_distinct() {
        let a = hashed_name("sop-sources/sop-01/fr/assets/Circuit final.PNG");
        assert!(
            a.starts_with("circuit-final-") && a.ends_with(".png"),
            "{a}"
        );
        assert_eq!(
            a,
            hashed_name("sop-sources/sop-01/fr/assets/Circuit final.PNG")
        );
        assert_ne!(
            a,
            hashed_name("sop-sources/sop-01/en/assets/Circuit final.PNG")
        );
    }
}
