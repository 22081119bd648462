//! `sopdoc diff OLD NEW`: what changed between two versions (folders or git revisions).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use sopdoc::diag::{Severity, emit};
use sopdoc::diff::{self, DiffError, Filter, Version};
use sopdoc::msg;

use super::args::{DiffArgs, DiffFormat};
use super::{Cli, ColorChoice, EXIT_CONTENT, EXIT_ENV, EXIT_OK, Term};

/// Runs `sopdoc diff`.
pub fn run(cli: &Cli, args: &DiffArgs, term: &Term) -> anyhow::Result<u8> {
    let start = match &cli.project {
        Some(p) => p.clone(),
        None => std::env::current_dir()?,
    };
    let project_root = sopdoc::project::find_root(&start).ok();
    let repo_start = project_root.clone().unwrap_or(start);
    let load = |spec: &str| -> Result<Version, u8> {
        diff::load_version(spec, Some(&repo_start)).map_err(|e| {
            report(e, term);
            EXIT_ENV
        })
    };
    let old = match load(&args.old) {
        Ok(v) => v,
        Err(code) => return Ok(code),
    };
    let new = match load(&args.new) {
        Ok(v) => v,
        Err(code) => return Ok(code),
    };
    let (Some(op), Some(np)) = (&old.project, &new.project) else {
        for v in [&old, &new] {
            if v.project.is_none() {
                eprintln!("{}", msg!("diff-cannot-load", label = &v.label).ui());
                let errors: Vec<_> = v
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .cloned()
                    .collect();
                eprint!("{}", emit::human_body(&errors, &v.sources, term.style()));
            }
        }
        return Ok(EXIT_CONTENT);
    };
    let filter = Filter {
        docs: args.docs.clone(),
        langs: args.langs.clone(),
    };
    let result = match diff::compare(op, np, &old.label, &new.label, &filter) {
        Ok(r) => r,
        Err(e) => {
            report(e, term);
            return Ok(EXIT_ENV);
        }
    };
    match args.format {
        DiffFormat::Text => {
            print!(
                "{}",
                diff::render_text::render(&result, stdout_color(cli.color))
            );
        }
        DiffFormat::Json => {
            let json = serde_json::to_string_pretty(&result)?;
            write_stdout(&format!("{json}\n"))?;
        }
        DiffFormat::Html => {
            let path = out_path(args, project_root.as_deref(), np, "html");
            let html = diff::render_html::render(&result);
            sopdoc::output::write_atomic(&path, html.as_bytes())?;
            term.status(&msg!("cli-wrote", path = &path.display()).ui());
        }
        DiffFormat::Pdf => {
            let path = out_path(args, project_root.as_deref(), np, "pdf");
            let engine = sopdoc::render::pdf::PdfEngine::new(np)?;
            let date = pdf_date(np);
            let markup = diff::render_pdf::markup(&result);
            match engine.render_standalone(markup, &date, "sopdoc-diff") {
                Ok(bytes) => {
                    sopdoc::output::write_atomic(&path, &bytes)?;
                    term.status(&msg!("cli-wrote", path = &path.display()).ui());
                }
                Err(errors) => {
                    anyhow::bail!(msg!("diff-pdf-failed", detail = errors.join("; ")).ui())
                }
            }
        }
    }
    Ok(EXIT_OK)
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

fn report(e: DiffError, term: &Term) {
    let e = match e {
        // The library error carries its own hint.
        DiffError::Load(inner) => return term.error(&anyhow::Error::from(inner)),
        other => other,
    };
    let (text, hint) = match &e {
        DiffError::NotAVersion { spec, folder, .. } => (
            msg!("diff-not-a-version", spec = spec, folder = folder),
            Some(msg!("diff-not-a-version-hint")),
        ),
        DiffError::Revision { spec, message } => (
            msg!("diff-bad-revision", spec = spec, detail = message),
            Some(msg!("diff-bad-revision-hint")),
        ),
        DiffError::Git(detail) => (msg!("diff-git", detail = detail), None),
        DiffError::NoProjectAtRevision { spec, path } => (
            msg!("diff-no-project-at-revision", spec = spec, path = path),
            None,
        ),
        DiffError::UnknownDocument(doc) => (
            msg!("diff-unknown-document", doc = doc),
            Some(msg!("diff-unknown-document-hint")),
        ),
        DiffError::Load(_) => return,
    };
    term.error_text(&text.ui(), hint.map(|h| h.ui()).as_deref());
}

/// Colour for text on stdout: `--color`, else a terminal without NO_COLOR.
fn stdout_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn out_path(
    args: &DiffArgs,
    root: Option<&Path>,
    new: &sopdoc::model::Project,
    ext: &str,
) -> PathBuf {
    if let Some(p) = &args.out {
        return p.clone();
    }
    let base = root.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    base.join(&new.manifest.output)
        .join("diff")
        .join(format!("diff.{ext}"))
}

/// SOURCE_DATE_EPOCH when set, else the latest document date of the new version.
fn pdf_date(project: &sopdoc::model::Project) -> String {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .map(sopdoc::output::date_from_epoch)
        .or_else(|| {
            project
                .documents
                .iter()
                .map(|d| d.meta.date.value.clone())
                .max()
        })
        .unwrap_or_else(|| "1970-01-01".into())
}
