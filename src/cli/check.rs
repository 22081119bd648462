//! `sopdoc check`: load, resolve, check, print every diagnostic.

use sopdoc::diag::{Diagnostic, Severity, emit};

use super::args::{CheckArgs, CheckFormat};
use super::{Cli, EXIT_CONTENT, EXIT_OK, Term, fix};

pub(super) fn run(cli: &Cli, args: &CheckArgs, term: &Term) -> anyhow::Result<u8> {
    let root = super::project_root(cli)?;
    // Human output under `--quiet` shows no infos: they are only counted. Fixes need them.
    let options = sopdoc::AnalysisOptions {
        deny_warnings: args.deny_warnings,
        hide_infos: term.quiet() && !args.fix && matches!(args.format, CheckFormat::Human),
    };
    let analysis = sopdoc::analyze_with(&root, options, |_| ())?.0;
    let mut diff = String::new();
    if args.fix {
        let (changed, d) = fix::apply(&root, &analysis, args.dry_run, term)?;
        diff = d;
        if !args.dry_run && changed > 0 {
            // Report what is left after the fixes.
            let after = sopdoc::analyze(&root, args.deny_warnings)?;
            return Ok(print(&after, args.format, term, false));
        }
    }
    let code = print(&analysis, args.format, term, false);
    if !diff.is_empty() {
        // After the messages, so the change itself is what the author sees last.
        use std::io::Write as _;
        let _ = std::io::stderr().flush();
        print!("{diff}");
    }
    // The process ends here: freeing a large project's model piece by piece only costs
    // time the operating system saves.
    std::mem::forget(analysis);
    Ok(code)
}

/// Prints diagnostics in the chosen format and returns the exit code.
///
/// Human output leaves infos out when `hide_infos` is set (builds, `--quiet`); they are
/// still counted in the summary line. It lists errors first, then warnings, then infos
/// (each group in file order), so an error is never buried among infos; the summary line
/// comes last. Machine formats always carry everything, in file order.
pub(super) fn print(
    analysis: &sopdoc::Analysis,
    format: CheckFormat,
    term: &Term,
    hide_infos: bool,
) -> u8 {
    let diags = &analysis.diagnostics;
    match format {
        CheckFormat::Human => {
            let hide_infos = hide_infos || term.quiet();
            // Borrowed, not copied: a large collection shows tens of thousands.
            let mut shown: Vec<&Diagnostic> = diags
                .iter()
                .filter(|d| !(hide_infos && d.severity == Severity::Info))
                .collect();
            // Stable: file order within each severity.
            shown.sort_by_key(|d| d.severity);
            // Written as it is made, through one buffer; a closed stderr only ends it.
            use std::io::Write as _;
            let stderr = std::io::stderr();
            let mut w = std::io::BufWriter::new(stderr.lock());
            let _ = emit::write_human_body(
                &mut w,
                shown.iter().copied(),
                &analysis.sources,
                term.style(),
            );
            if !term.quiet() {
                let mut line = emit::summary_line(analysis.summary());
                let hidden = diags.len() - shown.len() + analysis.hidden.lines(&analysis.sources);
                if hidden > 0 {
                    line.push(' ');
                    line.push_str(&sopdoc::i18n::tr("check-infos-hidden"));
                }
                let _ = writeln!(w, "{line}");
            }
            let _ = w.flush();
        }
        CheckFormat::Short => print!("{}", emit::short(diags, &analysis.sources)),
        CheckFormat::Json => print!("{}", emit::json(diags, &analysis.sources)),
        CheckFormat::Sarif => print!("{}", emit::sarif(diags, &analysis.sources)),
    }
    if analysis.summary().errors > 0 {
        EXIT_CONTENT
    } else {
        EXIT_OK
    }
}
