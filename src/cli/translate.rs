//! `sopdoc translate export|import|status`.

use sopdoc::diag::{Diagnostic, Severity, emit};
use sopdoc::i18n::tr;
use sopdoc::msg;
use sopdoc::source::SourceMap;
use sopdoc::translate::{self, xliff::Version};

use super::args::{
    ExportArgs, ImportArgs, StatusArgs, StatusFormat, TermbaseArgs, TranslateArgs,
    TranslateCommand, XliffVersion,
};
use super::{Cli, EXIT_CONTENT, EXIT_OK, Term};
use sopdoc::diag::rules;

pub(super) fn run(cli: &Cli, args: &TranslateArgs, term: &Term) -> anyhow::Result<u8> {
    let root = super::project_root(cli)?;
    match &args.command {
        TranslateCommand::Export(a) => export(&root, a, term),
        TranslateCommand::Import(a) => import(&root, a, term),
        TranslateCommand::Status(a) => status(&root, a, term),
        TranslateCommand::Termbase(a) => termbase(&root, a, term),
    }
}

fn termbase(root: &std::path::Path, a: &TermbaseArgs, term: &Term) -> anyhow::Result<u8> {
    let (project, diags, sources) = translate::load(root)?;
    let registry_errors: Vec<Diagnostic> = diags
        .into_iter()
        .filter(|d| d.severity == Severity::Error && d.rule == rules::META_REGISTRY.id)
        .collect();
    let Some(project) = project else {
        print_diags(&registry_errors, &sources, term);
        return Ok(EXIT_CONTENT);
    };
    if !registry_errors.is_empty() {
        print_diags(&registry_errors, &sources, term);
        return Ok(EXIT_CONTENT);
    }
    translate::check_target_language(&project, &a.lang)?;
    let (tbx, counts) = translate::termbase::build(&project, &a.lang);
    let out = a.out.clone().unwrap_or_else(|| project.root.join("xliff"));
    let path = out.join(format!("termbase.{}.tbx", a.lang));
    sopdoc::output::write_atomic(&path, tbx.as_bytes())?;
    term.status(
        &msg!(
            "translate-termbase-written",
            path = &path.display(),
            terms = counts.terms,
            acronyms = counts.acronyms,
            untranslated = counts.untranslated,
            lang = &a.lang
        )
        .ui(),
    );
    Ok(EXIT_OK)
}

/// Prints `diags` errors first, then warnings and infos, and the import's closing word
/// ("nothing was written: fix the errors above…") last, after the errors it speaks of.
fn print_diags(diags: &[Diagnostic], sources: &SourceMap, term: &Term) {
    let mut shown: Vec<Diagnostic> = diags
        .iter()
        .filter(|d| !(term.quiet() && d.severity == Severity::Info))
        .cloned()
        .collect();
    let rank = |d: &Diagnostic| {
        let closing = d.rule == sopdoc::diag::rules::TRANSLATE_NOT_IMPORTED.id;
        let severity = match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        (closing, severity)
    };
    shown.sort_by_key(rank);
    eprint!("{}", emit::human_body(&shown, sources, term.style()));
}

fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}

fn export(root: &std::path::Path, a: &ExportArgs, term: &Term) -> anyhow::Result<u8> {
    let (project, mut diags, mut sources) = translate::load(root)?;
    let Some(project) = project else {
        print_diags(&diags, &sources, term);
        return Ok(EXIT_CONTENT);
    };
    // Only problems that make the text unreadable stop an export.
    diags.retain(|d| {
        d.severity == Severity::Error
            && (d.rule.starts_with("parse/") || d.rule.starts_with("meta/"))
    });
    if has_errors(&diags) {
        print_diags(&sopdoc::diag::finalize(diags, &sources), &sources, term);
        return Ok(EXIT_CONTENT);
    }
    translate::check_target_language(&project, &a.lang)?;
    let docs = translate::select_documents(&project, &a.docs)?;
    let out = a.out.clone().unwrap_or_else(|| project.root.join("xliff"));
    let version = match a.xliff {
        XliffVersion::V20 => Version::V20,
        XliffVersion::V12 => Version::V12,
    };
    let written = translate::export::export(
        &project,
        &docs,
        &a.lang,
        version,
        &out,
        &mut sources,
        &mut diags,
    )?;
    print_diags(&diags, &sources, term);
    for w in &written {
        term.status(
            &msg!(
                "translate-export-written",
                path = &w.path.display(),
                units = w.units,
                translated = w.translated,
                words = w.words_to_translate
            )
            .ui(),
        );
    }
    Ok(if has_errors(&diags) {
        EXIT_CONTENT
    } else {
        EXIT_OK
    })
}

fn import(root: &std::path::Path, a: &ImportArgs, term: &Term) -> anyhow::Result<u8> {
    let opts = translate::import::ImportOptions {
        force: a.force,
        dry_run: a.dry_run,
    };
    let mut code = EXIT_OK;
    for file in &a.files {
        if !a.dry_run {
            super::note_if_locked(root, term);
        }
        let r = translate::import::import(root, file, &opts)?;
        print_diags(&r.diagnostics, &r.sources, term);
        if r.has_errors() {
            code = EXIT_CONTENT;
            continue;
        }
        term.status(
            &msg!(
                "translate-imported",
                file = &file.display(),
                translated = r.translated,
                changed = r.changed,
                dry_run = if a.dry_run { "yes" } else { "no" },
                files = r.written.join(", "),
                written = r.written.len()
            )
            .ui(),
        );
    }
    Ok(code)
}

fn status(root: &std::path::Path, a: &StatusArgs, term: &Term) -> anyhow::Result<u8> {
    let (project, mut diags, mut sources) = translate::load(root)?;
    let Some(project) = project else {
        print_diags(&diags, &sources, term);
        return Ok(EXIT_CONTENT);
    };
    diags.clear();
    for l in &a.lang {
        translate::check_target_language(&project, l)?;
    }
    let docs = translate::select_documents(&project, &a.docs)?;
    let rows = translate::status::status(&project, &docs, &a.lang, &mut sources, &mut diags);
    print_diags(&diags, &sources, term);
    match a.format {
        StatusFormat::Json => {
            let v = serde_json::json!({"version": 1, "documents": rows});
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        StatusFormat::Text => {
            // Column headings in the interface language; a column is as wide as its
            // heading, and at least as wide as the English layout.
            let columns: [(&'static str, usize); 10] = [
                ("status-document", 16),
                ("status-lang", 5),
                ("status-units", 6),
                ("status-translated", 10),
                ("status-stale", 6),
                ("status-missing", 8),
                ("status-untracked", 9),
                ("status-edited", 6),
                ("status-new-words", 9),
                ("status-changed-words", 13),
            ];
            let heads: Vec<String> = columns.iter().map(|(k, _)| tr(k)).collect();
            let widths: Vec<usize> = columns
                .iter()
                .zip(&heads)
                .map(|((_, w), h)| (*w).max(h.chars().count()))
                .collect();
            let line = |cells: [String; 10]| {
                let mut out = String::new();
                for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    if i < 2 {
                        out.push_str(&format!("{c:<w$}"));
                    } else {
                        out.push_str(&format!("{c:>w$}"));
                    }
                }
                out
            };
            println!("{}", line(std::array::from_fn(|i| heads[i].clone())));
            for r in &rows {
                println!(
                    "{}",
                    line([
                        r.document.to_string(),
                        r.language.to_string(),
                        r.units.to_string(),
                        r.translated.to_string(),
                        r.stale.to_string(),
                        r.missing.to_string(),
                        r.untracked.to_string(),
                        r.edited.to_string(),
                        r.words_new.to_string(),
                        r.words_changed.to_string(),
                    ])
                );
            }
        }
    }
    let pending = rows.iter().any(|r| r.stale > 0 || r.missing > 0);
    Ok(if has_errors(&diags) || (a.deny_stale && pending) {
        EXIT_CONTENT
    } else {
        EXIT_OK
    })
}
