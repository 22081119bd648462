//! `sopdoc schema`: the JSON Schemas of a project's YAML files, printed or written for
//! editors (with their modelines).

use sopdoc::msg;
use sopdoc::schema::{self, KINDS};

use super::args::SchemaArgs;
use super::{Cli, EXIT_OK, Term};

pub(super) fn run(cli: &Cli, args: &SchemaArgs, term: &Term) -> anyhow::Result<u8> {
    if args.write {
        let root = super::project_root(cli)?;
        let sources = project_sources(&root);
        let written = schema::write(&root, &sources)?;
        for path in &written.schemas {
            term.status(&msg!("cli-wrote", path = path).ui());
        }
        for path in &written.modelines {
            term.status(&msg!("schema-modeline-added", path = path).ui());
        }
        if written.schemas.is_empty() && written.modelines.is_empty() {
            term.status(&msg!("schema-up-to-date").ui());
        }
        return Ok(EXIT_OK);
    }
    match &args.name {
        Some(name) => {
            let kind = schema::find(name).expect("clap checked the name");
            print!("{}", schema::render(kind));
        }
        None => {
            let width = KINDS.iter().map(|k| k.name.len()).max().unwrap_or(0);
            for k in KINDS {
                println!("{:width$}  {}", k.name, k.files);
            }
        }
    }
    Ok(EXIT_OK)
}

/// The project's sources folder as its manifest names it (the default when the manifest
/// cannot be read: the schemas are written all the same, and `check` reports the manifest).
fn project_sources(root: &std::path::Path) -> String {
    sopdoc::project::load(root)
        .ok()
        .and_then(|l| l.project.map(|p| p.manifest.sources))
        .unwrap_or_else(|| "sop-sources".to_string())
}

/// Writes the schemas of a new project and its modelines (`sopdoc init`, `sopdoc new`).
pub(super) fn write_for(root: &std::path::Path, sources: &str) -> anyhow::Result<()> {
    schema::write(root, sources)?;
    Ok(())
}
