//! `sopdoc review import FILE.docx`: appends the comments of a Word review copy to the
//! document's comments matrix.

use sopdoc::model::comments::COMMENTS_FILE;
use sopdoc::output::ProjectLock;

use super::args::{ReviewArgs, ReviewCommand};
use super::{Cli, EXIT_OK, Term};

pub(super) fn run(cli: &Cli, args: &ReviewArgs, term: &Term) -> anyhow::Result<u8> {
    let ReviewCommand::Import { file, institution } = &args.command;
    let root = super::project_root(cli)?;
    let bytes = std::fs::read(file).map_err(|source| sopdoc::Error::Read {
        path: file.clone(),
        source,
    })?;
    let review = sopdoc::review::read_word_comments(&bytes)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let loaded = sopdoc::project::load(&root)?;
    let project = loaded.project.ok_or_else(|| {
        anyhow::anyhow!("the project's sopdoc.yaml does not read; run `sopdoc check`")
    })?;
    let Some(doc) = project.document(&review.document) else {
        anyhow::bail!(
            "{} is a review copy of `{}`, which this project does not have",
            file.display(),
            review.document
        );
    };
    let sources = project.root.join(&project.manifest.sources);
    let path = sources.join(&doc.folder).join(COMMENTS_FILE);
    let rel = sopdoc::source::relative_path(&root, &path);
    super::note_if_locked(&root, term);
    let lock = ProjectLock::acquire(&root, true)?;
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(sopdoc::Error::Read {
                path: path.clone(),
                source,
            }
            .into());
        }
    };
    let old = match &existing {
        Some(text) => sopdoc::review::parse_matrix(&rel, text).map_err(|e| {
            anyhow::anyhow!("{e}\nfix the comments matrix first: nothing was imported")
        })?,
        None => Vec::new(),
    };
    let (text, added) =
        sopdoc::review::append_to_matrix(existing.as_deref(), &old, &review.comments, institution);
    // Never write a matrix that would lose what was there or stop the document building.
    sopdoc::review::validate_matrix(&rel, &text, &review.comments, old.len() + added)
        .map_err(|e| anyhow::anyhow!("{}: {e}. Nothing was imported.", file.display()))?;
    if added > 0 {
        lock.write_source(&project.root, &path, text.as_bytes())?;
    }
    let skipped = review.comments.len() - added;
    let mut message = format!(
        "{added} comments of {} ({}) added to {rel}",
        review.document, review.lang
    );
    if skipped > 0 {
        message.push_str(&format!(" ({skipped} already in the matrix)"));
    }
    term.status(&message);
    Ok(EXIT_OK)
}
