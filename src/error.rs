//! Environment failures: things the user fixes outside their sources (a missing project,
//! an unwritable output folder). Problems *in* the sources are [`crate::diag::Diagnostic`]s.

use std::path::PathBuf;

/// An environment failure; the CLI prints it and exits with code 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No `sopdoc.yaml` in the folder or any parent.
    #[error("no sopdoc.yaml found in {} or any parent folder", .start.display())]
    NoProject {
        /// Where the search started.
        start: PathBuf,
    },
    /// A file or folder could not be read.
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file or folder could not be written.
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A folder that must not exist or must be empty already has content.
    #[error("{} already exists and is not empty", .path.display())]
    NotEmpty {
        /// The folder.
        path: PathBuf,
    },
    /// Another sopdoc process holds the project's build lock.
    #[error("another sopdoc build is running in this project (lock {})", .path.display())]
    Locked {
        /// The lock file.
        path: PathBuf,
    },
    /// A built-in template or asset is broken (a bug in sopdoc, or a broken override).
    #[error("template error: {0}")]
    Template(String),
    /// The file-system watcher could not start or watch a folder.
    #[error("cannot watch {}: {message}", .path.display())]
    Watch {
        /// The folder.
        path: PathBuf,
        /// What the watcher reported.
        message: String,
    },
    /// The preview server could not listen on its address.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address asked for.
        addr: String,
        /// Why.
        source: std::io::Error,
    },
    /// A request that cannot be served (unknown document id on the command line…).
    #[error("{0}")]
    Usage(String),
    /// An output folder holds files sopdoc did not write, so sopdoc will not write there.
    #[error("{}", foreign_files(.path, *.total, .examples))]
    ForeignFiles {
        /// The folder.
        path: PathBuf,
        /// How many such files.
        total: usize,
        /// Up to five of them, relative to the folder.
        examples: Vec<String>,
    },
    /// A symbolic link stands where sopdoc would write, rename or delete.
    #[error("{} is a symbolic link; sopdoc never writes, renames or deletes through a link it did not create", .path.display())]
    Symlink {
        /// The link.
        path: PathBuf,
    },
    /// A Word document could not be written or read (`build --format docx`, `review import`).
    #[error("Word document: {0}")]
    Docx(String),
}

impl Error {
    /// A hint for the user, printed after the error.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::NoProject { .. } => {
                Some("run `sopdoc init DIR` to create a project, or pass `--project DIR`".into())
            }
            Error::Write { .. } => Some(
                "check the folder's permissions, or choose another one with `--out DIR`".into(),
            ),
            Error::Locked { .. } => Some("wait for the other build to finish".into()),
            Error::ForeignFiles { .. } => Some(
                "choose a new or empty folder with `--out DIR`, or move those files away; sopdoc removes and replaces only files it wrote itself".into(),
            ),
            Error::Symlink { .. } => Some(
                "replace the link with a real folder, or give the link's target itself (e.g. `--out DIR`)".into(),
            ),
            Error::Listen { .. } => {
                Some("choose another port with `--port N` (`--port 0` picks a free one)".into())
            }
            Error::Watch { .. } => Some(
                "on Linux, raise fs.inotify.max_user_watches if the project has many folders"
                    .into(),
            ),
            _ => None,
        }
    }
}

fn foreign_files(path: &std::path::Path, total: usize, examples: &[String]) -> String {
    let what = if total == 1 {
        "a file".to_string()
    } else {
        format!("{total} files")
    };
    let more = if total > examples.len() {
        format!(" and {} more", total - examples.len())
    } else {
        String::new()
    };
    format!(
        "{} holds {what} that sopdoc did not write: {}{more}",
        path.display(),
        examples.join(", ")
    )
}

/// Shorthand for results with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
