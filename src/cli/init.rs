//! `sopdoc init` and `sopdoc new`.

use sopdoc::model::DocKind;
use sopdoc::msg;

use super::args::{InitArgs, KindArg, NewArgs};
use super::{Cli, EXIT_OK, Term};

impl From<KindArg> for DocKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Sop => DocKind::Sop,
            KindArg::DeskReview => DocKind::DeskReview,
            KindArg::Report => DocKind::Report,
        }
    }
}

/// Today's date for new files: SOURCE_DATE_EPOCH when set (reproducible scaffolds),
/// else the system clock. Only scaffolding reads the clock; builds never do.
fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    sopdoc::output::date_from_epoch(secs)
}

pub(super) fn run_init(args: &InitArgs, term: &Term) -> anyhow::Result<u8> {
    let written = sopdoc::scaffold::init(&args.dir, &today(), &args.lang)?;
    super::schema::write_for(&args.dir, "sop-sources")?;
    term.status(
        &msg!(
            "init-created",
            dir = &args.dir.display(),
            files = written.len()
        )
        .ui(),
    );
    if !term.quiet() {
        eprintln!("{}", msg!("init-next", dir = &args.dir.display()).ui());
    }
    Ok(EXIT_OK)
}

pub(super) fn run_new(cli: &Cli, args: &NewArgs, term: &Term) -> anyhow::Result<u8> {
    let root = super::project_root(cli)?;
    let loaded = sopdoc::project::load(&root)?;
    let sources = loaded
        .project
        .as_ref()
        .map_or("sop-sources".to_string(), |p| p.manifest.sources.clone());
    // The project's languages: a skeleton brings only the chapters of those it has.
    let languages: Vec<String> = loaded.project.as_ref().map_or_else(
        || vec!["fr".to_string()],
        |p| {
            p.manifest
                .languages
                .iter()
                .map(|l| l.value.clone())
                .collect()
        },
    );
    let languages: Vec<&str> = languages.iter().map(String::as_str).collect();
    let written = sopdoc::scaffold::new_document(
        &root,
        &sources,
        &args.id,
        args.kind.into(),
        &today(),
        &languages,
    )?;
    // A project that keeps schemas gets the new document's modeline too.
    if root.join(sopdoc::schema::SCHEMAS_DIR).is_dir() {
        super::schema::write_for(&root, &sources)?;
    }
    term.status(&msg!("new-created", id = &args.id, files = written.len()).ui());
    Ok(EXIT_OK)
}
