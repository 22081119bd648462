//! `check --fix`: applies the fixes diagnostics offer, file by file, atomically, changing
//! nothing else byte for byte; `--dry-run` prints a unified diff instead.

use sopdoc::i18n::ui_lang;
use sopdoc::msg;
use std::collections::BTreeMap;

use sopdoc::Analysis;
use sopdoc::source::SourceId;

use super::Term;

/// Applies (or, with `dry_run`, collects as a diff) every non-overlapping fix. Returns how
/// many files changed, and the diff (empty unless `dry_run`): the caller prints it after the
/// messages, so the change is the last thing on screen.
pub(super) fn apply(
    root: &std::path::Path,
    analysis: &Analysis,
    dry_run: bool,
    term: &Term,
) -> anyhow::Result<(usize, String)> {
    let mut per_file: BTreeMap<SourceId, Vec<(usize, usize, &str)>> = BTreeMap::new();
    for d in &analysis.diagnostics {
        if let (Some(fix), Some(span)) = (&d.fix, d.span()) {
            per_file
                .entry(span.source)
                .or_default()
                .push((span.start, span.end, fix));
        }
    }
    // Fixes land in the sources only: never through a link out of the project.
    let root = root.canonicalize()?;
    // Fixes wait for a build or an import of the project to finish, and sweep what an
    // interrupted fix left; the check below sees any change made meanwhile.
    let lock = if dry_run || per_file.is_empty() {
        None
    } else {
        super::note_if_locked(&root, term);
        Some(sopdoc::output::ProjectLock::acquire(&root, true)?)
    };
    let mut changed = 0;
    let mut diff = String::new();
    let mut shown_invisible = false;
    for (id, mut edits) in per_file {
        let file = analysis.sources.get(id);
        let Some(path) = &file.abs_path else { continue };
        // The file on disk may carry a BOM that the loaded text does not.
        let on_disk = std::fs::read_to_string(path)?;
        let bom = if on_disk.starts_with('\u{feff}') {
            "\u{feff}"
        } else {
            ""
        };
        if on_disk[bom.len()..] != file.text {
            anyhow::bail!(msg!("fix-changed-meanwhile", file = &file.path).ui());
        }
        edits.sort_by_key(|e| (e.0, e.1));
        let mut out = String::with_capacity(file.text.len());
        let mut pos = 0;
        for (start, end, replacement) in edits {
            if start < pos {
                continue; // overlaps a previous fix; the next run applies it
            }
            out.push_str(&file.text[pos..start]);
            out.push_str(replacement);
            pos = end;
        }
        out.push_str(&file.text[pos..]);
        if out == file.text {
            continue;
        }
        changed += 1;
        if dry_run {
            let (hunk, marked) = unified_diff(&file.path, &file.text, &out);
            diff.push_str(&hunk);
            shown_invisible |= marked;
        } else {
            if let Some(lock) = &lock {
                lock.write_source(&root, path, format!("{bom}{out}").as_bytes())?;
            }
            term.status(&msg!("fix-fixed-file", file = &file.path).ui());
        }
    }
    if shown_invisible {
        diff.push_str(
            &msg!(
                "fix-legend-line",
                legend = sopdoc::diag::fix_words::legend(ui_lang())
            )
            .ui(),
        );
        diff.push('\n');
    }
    Ok((changed, diff))
}

/// A minimal unified diff of two texts (whole changed lines, three lines of context), and
/// whether a changed line shows an invisible character as a marker.
fn unified_diff(path: &str, old: &str, new: &str) -> (String, bool) {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let ctx = 3;
    let start = prefix.saturating_sub(ctx);
    let a_end = (a.len() - suffix + ctx).min(a.len());
    let b_end = (b.len() - suffix + ctx).min(b.len());
    let mut out = format!(
        "--- a/{path}\n+++ b/{path}\n@@ -{},{} +{},{} @@\n",
        start + 1,
        a_end - start,
        start + 1,
        b_end - start
    );
    let line = |s: &str| {
        if s.ends_with('\n') {
            s.to_string()
        } else {
            format!("{s}\n\\ No newline at end of file\n")
        }
    };
    for l in &a[start..prefix] {
        out.push(' ');
        out.push_str(&line(l));
    }
    // Changed lines show invisible characters as markers: a no-break space inserted by a
    // typography fix would otherwise make `-` and `+` lines look the same.
    let shown = |s: &str| line(&sopdoc::diag::fix_words::visible_in(s, ui_lang()));
    let marked = a[prefix..a.len() - suffix]
        .iter()
        .chain(&b[prefix..b.len() - suffix])
        .any(|l| sopdoc::diag::fix_words::has_invisible(l));
    for l in &a[prefix..a.len() - suffix] {
        out.push('-');
        out.push_str(&shown(l));
    }
    for l in &b[prefix..b.len() - suffix] {
        out.push('+');
        out.push_str(&shown(l));
    }
    for l in &a[a.len() - suffix..a_end] {
        out.push(' ');
        out.push_str(&line(l));
    }
    (out, marked)
}
