//! Environment failures: things the user fixes outside their sources (a missing project,
//! an unwritable output folder). Problems *in* the sources are [`crate::diag::Diagnostic`]s.

use std::path::{Path, PathBuf};

use crate::i18n::{Message, Text};
use crate::msg;

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
    /// A request that cannot be served (unknown document id on the command line…): what
    /// is wrong, then what may help, printed joined by `; `.
    #[error("{}", .0.iter().map(|t| t.en.as_str()).collect::<Vec<_>>().join("; "))]
    Usage(Vec<Text>),
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
    #[error("Word document: {}", .0.en)]
    Docx(Text),
}

impl Error {
    /// A request that cannot be served, in one message.
    pub fn usage(text: impl Into<Text>) -> Self {
        Error::Usage(vec![text.into()])
    }

    /// The error in `lang`: what the CLI prints after `error:` (the English is the same as
    /// [`std::fmt::Display`]).
    pub fn text(&self, lang: &str) -> String {
        let path = |p: &Path| p.display().to_string();
        let m = match self {
            Error::NoProject { start } => msg!("error-no-project", start = path(start)),
            Error::Read { path: p, source } => msg!(
                "error-read",
                path = path(p),
                reason = io_reason(source, lang)
            ),
            Error::Write { path: p, source } => msg!(
                "error-write",
                path = path(p),
                reason = io_reason(source, lang)
            ),
            Error::NotEmpty { path: p } => msg!("error-not-empty", path = path(p)),
            Error::Locked { path: p } => msg!("error-locked", path = path(p)),
            Error::Template(m) => msg!("error-template", detail = m),
            Error::Watch { path: p, message } => {
                msg!("error-watch", path = path(p), detail = message)
            }
            Error::Listen { addr, source } => msg!(
                "error-listen",
                addr = addr,
                reason = io_reason(source, lang)
            ),
            Error::Usage(parts) => {
                let parts: Vec<_> = parts.iter().map(|t| t.text(lang)).collect();
                return parts.join(&msg!("usage-join").text(lang));
            }
            Error::Docx(t) => msg!("error-docx", detail = t.text(lang)),
            Error::ForeignFiles {
                path: p,
                total,
                examples,
            } => msg!(
                "error-foreign-files",
                path = path(p),
                count = *total,
                examples = examples.join(", "),
                more = total.saturating_sub(examples.len())
            ),
            Error::Symlink { path: p } => msg!("error-symlink", path = path(p)),
        };
        m.text(lang)
    }

    /// A hint for the user, printed after the error (in English).
    pub fn hint(&self) -> Option<String> {
        self.hint_in("en")
    }

    /// A hint for the user in `lang`, printed after the error.
    pub fn hint_in(&self, lang: &str) -> Option<String> {
        let key = match self {
            Error::NoProject { .. } => "error-no-project-hint",
            Error::Write { .. } => "error-write-hint",
            Error::Locked { .. } => "error-locked-hint",
            Error::ForeignFiles { .. } => "error-foreign-files-hint",
            Error::Symlink { .. } => "error-symlink-hint",
            Error::Listen { .. } => "error-listen-hint",
            Error::Watch { .. } => "error-watch-hint",
            _ => return None,
        };
        Some(Message::new(key, Vec::new()).text(lang))
    }
}

/// Why a file operation failed, in `lang`: the common cases in words, others as the
/// operating system says them.
pub fn io_reason(err: &std::io::Error, lang: &str) -> String {
    use std::io::ErrorKind as K;
    let key = match err.kind() {
        K::NotFound => "io-not-found",
        K::PermissionDenied => "io-permission-denied",
        K::AlreadyExists => "io-already-exists",
        K::IsADirectory => "io-is-a-directory",
        K::NotADirectory => "io-not-a-directory",
        K::DirectoryNotEmpty => "io-directory-not-empty",
        K::ReadOnlyFilesystem => "io-read-only",
        K::StorageFull => "io-storage-full",
        K::InvalidData => "io-invalid-data",
        K::AddrInUse => "io-addr-in-use",
        K::AddrNotAvailable => "io-addr-not-available",
        _ => return err.to_string(),
    };
    if lang == "en" {
        // English keeps the system's own words (and its error number).
        return err.to_string();
    }
    Message::new(key, Vec::new()).text(lang)
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
