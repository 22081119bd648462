//! What a batch of file events means: which paths matter, and whether they ask for a
//! re-parse of some chapters or a full reload.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use notify_debouncer_full::notify::EventKind;
use notify_debouncer_full::notify::event::{AccessKind, AccessMode, ModifyKind};

use super::{Change, Session};
use crate::output::STATE_DIR;

/// Event kinds that may mean a file's content changed. Reads (sopdoc's own included) and
/// metadata changes do not.
pub(super) fn relevant_kind(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// Whether a file name is an editor's temporary or backup file (vim's `.swp` and `4913`,
/// emacs's `#…#` and `.#…`, `~` backups) or one of sopdoc's own temporary files.
pub fn is_editor_temp(name: &str) -> bool {
    name == "4913"
        || name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.starts_with(".sopdoc-tmp-")
        || [".swp", ".swx", ".swo", ".tmp", ".kate-swp"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

impl Session {
    /// Decides what a set of changed paths asks for.
    pub(super) fn classify(&self, paths: &BTreeSet<PathBuf>) -> Change {
        let mut chapters = BTreeSet::new();
        let mut full = BTreeSet::new();
        let mut templates = false;
        let world = self
            .loaded
            .as_ref()
            .and_then(|l| l.project.as_ref())
            .map_or_else(crate::world::DiskWorld::shared, |p| p.world.clone());
        for path in paths {
            if self.ignored(path) {
                continue;
            }
            let known = self.loaded.as_ref().and_then(|l| {
                l.sources
                    .iter()
                    .find(|(_, f)| f.abs_path.as_deref() == Some(path.as_path()))
            });
            let exists = world.exists(path);
            match known {
                Some((id, file)) if exists => {
                    // Unchanged content (a `touch`, an editor saving without edits).
                    if world.read(path).is_ok_and(|b| b == file.text.as_bytes()) {
                        continue;
                    }
                    let is_chapter = self
                        .loaded
                        .as_ref()
                        .and_then(|l| l.project.as_ref())
                        .is_some_and(|p| {
                            p.documents
                                .iter()
                                .flat_map(|d| &d.translations)
                                .flat_map(|t| &t.chapters)
                                .any(|c| c.source == id)
                        });
                    if is_chapter {
                        chapters.insert(path.clone());
                    } else {
                        full.insert(crate::source::relative_path(&self.root, path));
                    }
                }
                Some(_) => {
                    full.insert(crate::source::relative_path(&self.root, path));
                }
                None => {
                    // A file sopdoc never read: it matters if it exists now (a new
                    // chapter, an image, a template) or looks like a project file that
                    // was deleted (an image a chapter uses). A folder that held files
                    // sopdoc read and is gone (a document folder deleted, or moved out of
                    // the project: one event for the folder, none for its files) too.
                    let held_sources = !exists
                        && self.loaded.as_ref().is_some_and(|l| {
                            l.sources.iter().any(|(_, f)| {
                                f.abs_path.as_deref().is_some_and(|p| p.starts_with(path))
                            })
                        });
                    if exists || path.extension().is_some() || held_sources {
                        templates |= path.starts_with(self.root.join("templates"));
                        full.insert(crate::source::relative_path(&self.root, path));
                    }
                }
            }
        }
        if !full.is_empty() {
            Change::Full {
                paths: full,
                templates,
            }
        } else if !chapters.is_empty() {
            Change::Chapters(chapters)
        } else {
            Change::Nothing
        }
    }

    /// Paths that never trigger a rebuild: outputs, sopdoc's state, version control,
    /// editor temporary files.
    pub(super) fn ignored(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return !path.starts_with(&self.root);
        };
        if path.starts_with(&self.out_dir) || rel.starts_with(STATE_DIR) {
            return true;
        }
        if rel.components().any(|c| {
            let c = c.as_os_str().to_string_lossy();
            c == ".git" || c == ".hg" || c == ".svn" || c == "target" || c == "node_modules"
        }) {
            return true;
        }
        path.file_name()
            .is_none_or(|n| is_editor_temp(&n.to_string_lossy()))
    }
}
