//! `sopdoc review import FILE.docx`: appends the comments of a Word review copy to the
//! document's comments matrix.

use sopdoc::model::comments::COMMENTS_FILE;
use sopdoc::msg;
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
        .map_err(|e| anyhow::anyhow!("{}: {}", file.display(), e.text(sopdoc::i18n::ui_lang())))?;
    let loaded = sopdoc::project::load(&root)?;
    let project = loaded
        .project
        .ok_or_else(|| anyhow::anyhow!(msg!("cli-manifest-unreadable").ui()))?;
    let Some(doc) = project.document(&review.document) else {
        anyhow::bail!(
            msg!(
                "review-unknown-document",
                file = &file.display(),
                doc = &review.document
            )
            .ui()
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
        Some(text) => sopdoc::review::parse_matrix(&rel, text)
            .map_err(|e| anyhow::anyhow!("{e}\n{}", msg!("review-fix-matrix-first").ui()))?,
        None => Vec::new(),
    };
    let (text, added) =
        sopdoc::review::append_to_matrix(existing.as_deref(), &old, &review.comments, institution);
    // Never write a matrix that would lose what was there or stop the document building.
    sopdoc::review::validate_matrix(&rel, &text, &review.comments, old.len() + added).map_err(
        |e| {
            anyhow::anyhow!(
                "{}: {e}. {}",
                file.display(),
                msg!("review-nothing-imported").ui()
            )
        },
    )?;
    if added > 0 {
        lock.write_source(&project.root, &path, text.as_bytes())?;
    }
    let skipped = review.comments.len() - added;
    term.status(
        &msg!(
            "review-imported",
            added = added,
            doc = &review.document,
            lang = &review.lang,
            file = &rel,
            skipped = skipped
        )
        .ui(),
    );
    Ok(EXIT_OK)
}
