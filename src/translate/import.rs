//! `sopdoc translate import`: XLIFF back into the translation's Markdown chapters.
//!
//! Each chapter is rebuilt on a skeleton: the translation's own file when its units match
//! the source's one for one (so its wrapping, front matter and everything that is not text
//! stay as they are), else the source file (a new translation). Each unit's text is
//! replaced only when the target differs from what is there; an unchanged export therefore
//! imports to byte-identical files. Nothing is written when anything is wrong.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::segment::{Piece, Unit, UnitKind, chapter_units};
use super::state::{self, TranslationState, UnitState};
use super::text::{canonical, fingerprint, to_markdown};
use super::xliff::{self, State, XUnit};
use crate::diag::{Diagnostic, did_you_mean};
use crate::error::{Error, Result};
use crate::model::{Chapter, Project};
use crate::source::{SourceFile, SourceId, SourceMap, Span, relative_path};

/// `import` options.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Overwrite translations edited by hand since the export.
    pub force: bool,
    /// Check and report, write nothing.
    pub dry_run: bool,
}

/// What an import did.
#[derive(Debug)]
pub struct Imported {
    /// Every file read (project and XLIFF), for printing diagnostics.
    pub sources: SourceMap,
    /// Problems; when one is an error nothing was written.
    pub diagnostics: Vec<Diagnostic>,
    /// Files written, or that a dry run would write (project-relative).
    pub written: Vec<String>,
    /// Units whose text changed.
    pub changed: usize,
    /// Units with a target.
    pub translated: usize,
}

impl Imported {
    /// Whether an error stopped the import.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    }
}

/// Imports one XLIFF file into the project at `root`.
///
/// # Errors
/// Environment failures: no project, unreadable XLIFF, unwritable files.
pub fn import(root: &Path, xliff_path: &Path, opts: &ImportOptions) -> Result<Imported> {
    let (project, mut diags, mut sources) = super::load(root)?;
    let bytes = std::fs::read(xliff_path).map_err(|e| Error::Read {
        path: xliff_path.into(),
        source: e,
    })?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let root_abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let abs = xliff_path
        .canonicalize()
        .unwrap_or_else(|_| xliff_path.to_path_buf());
    let xid = sources.add(SourceFile::new(
        relative_path(&root_abs, &abs),
        Some(abs.clone()),
        text.clone(),
    ));
    let mut out = Imported {
        sources: SourceMap::new(),
        diagnostics: Vec::new(),
        written: Vec::new(),
        changed: 0,
        translated: 0,
    };
    // Problems in the project itself that stop nothing here are left to `check`.
    diags.retain(|d| d.severity == crate::diag::Severity::Error && d.rule.starts_with("meta/"));
    let Some(project) = project else {
        out.diagnostics = diags;
        out.sources = sources;
        return Ok(out);
    };
    let read = xliff::read(&sources.get(xid).text.clone(), xid);
    diags.extend(read.diagnostics);
    let Some(doc) = read.doc else {
        out.diagnostics = diags;
        out.sources = sources;
        return Ok(out);
    };
    let mut ctx = Ctx {
        project: &project,
        sources: &mut sources,
        diags,
        xid,
        opts,
        writes: Vec::new(),
        changed: 0,
        translated: 0,
    };
    ctx.run(&doc);
    let Ctx {
        mut diags,
        writes,
        changed,
        translated,
        ..
    } = ctx;
    let failed = diags
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error);
    if !failed {
        // A dry run lists what a real import would write.
        for (path, text) in &writes {
            if !opts.dry_run {
                crate::output::write_atomic_in(&project.root, path, text.as_bytes())?;
            }
            out.written.push(relative_path(&project.root, path));
        }
    } else {
        diags.push(
            Diagnostic::info(
                "translate/not-imported",
                "nothing was written: fix the errors above and import again",
            )
            .at(Span::file_start(xid)),
        );
    }
    out.diagnostics = crate::diag::finalize(diags, &sources);
    out.sources = sources;
    out.changed = changed;
    out.translated = translated;
    Ok(out)
}

struct Ctx<'a> {
    project: &'a Project,
    sources: &'a mut SourceMap,
    diags: Vec<Diagnostic>,
    xid: SourceId,
    opts: &'a ImportOptions,
    writes: Vec<(PathBuf, String)>,
    changed: usize,
    translated: usize,
}

impl Ctx<'_> {
    fn at(&self, pos: usize) -> Span {
        Span::new(self.xid, pos..pos)
    }

    fn run(&mut self, doc: &xliff::Xliff) {
        let project = self.project;
        let src_lang = project.source_language();
        let first_pos = doc.files.first().map_or(0, |f| f.pos);
        if doc.src_lang != src_lang {
            self.diags.push(
                Diagnostic::error(
                    "translate/wrong-language",
                    format!("the XLIFF source language is `{}`, but this project's source language is `{src_lang}`", doc.src_lang),
                )
                .at(self.at(first_pos)),
            );
            return;
        }
        let lang = doc.trg_lang.as_str();
        if lang == src_lang || !project.languages().any(|l| l == lang) {
            let langs: Vec<&str> = project.languages().skip(1).collect();
            self.diags.push(
                Diagnostic::error(
                    "translate/wrong-language",
                    format!("the XLIFF target language `{lang}` is not a target language of this project"),
                )
                .at(self.at(first_pos))
                .hint(format!("target languages in sopdoc.yaml: {}", langs.join(", "))),
            );
            return;
        }
        // Files are grouped by document: every document gets one state file.
        let mut by_doc: BTreeMap<String, Vec<&xliff::XFile>> = BTreeMap::new();
        for f in &doc.files {
            let parts: Vec<&str> = f.original.split('/').collect();
            let found = match parts.as_slice() {
                [folder, l, file] if *l == src_lang => project
                    .documents
                    .iter()
                    .find(|d| d.folder == *folder || d.id() == *folder)
                    .filter(|d| super::chapter_in(d, src_lang, file).is_some()),
                _ => None,
            };
            if doc
                .files
                .iter()
                .take_while(|g| !std::ptr::eq(*g, f))
                .any(|g| g.original == f.original)
            {
                self.diags.push(
                    Diagnostic::error(
                        "translate/xliff-malformed",
                        format!("`{}` appears in two `<file>` elements", f.original),
                    )
                    .at(self.at(f.pos)),
                );
                continue;
            }
            match found {
                Some(d) => by_doc.entry(d.id().to_string()).or_default().push(f),
                None => self.diags.push(
                    Diagnostic::error(
                        "translate/unknown-file",
                        format!("`{}` is not a source chapter of this project", f.original),
                    )
                    .at(self.at(f.pos))
                    .hint("import the XLIFF into the project it was exported from; chapters are named `<document>/<source language>/<file>.md`"),
                ),
            }
        }
        for (doc_id, files) in by_doc {
            self.document(&doc_id, lang, &files);
        }
    }

    fn document(&mut self, doc_id: &str, lang: &str, files: &[&xliff::XFile]) {
        let project = self.project;
        let Some(doc) = project.document(doc_id) else {
            return;
        };
        let src_lang = project.source_language();
        let state_path = state::path(project, doc, lang);
        let old_state = match state::read(&project.root, &state_path, self.sources) {
            Ok(s) => s.unwrap_or_default(),
            Err(d) => {
                self.diags.push(d);
                return;
            }
        };
        let mut new_state = TranslationState {
            source_language: src_lang.to_string(),
            chapters: BTreeMap::new(),
        };
        // Chapters the XLIFF does not carry keep their state, while the source still has
        // them (the state of a deleted chapter goes).
        let carried: HashSet<String> = files
            .iter()
            .filter_map(|f| f.original.rsplit('/').next().map(str::to_string))
            .collect();
        for (file, units) in &old_state.chapters {
            if !carried.contains(file) && super::chapter_in(doc, src_lang, file).is_some() {
                new_state.chapters.insert(file.clone(), units.clone());
            }
        }
        for f in files {
            let Some(file_name) = f.original.rsplit('/').next() else {
                continue;
            };
            let Some(src_ch) = super::chapter_in(doc, src_lang, file_name) else {
                continue;
            };
            let trg_ch = super::chapter_in(doc, lang, file_name);
            let target_dir = project
                .root
                .join(&project.manifest.sources)
                .join(&doc.folder)
                .join(lang);
            let units = self.chapter(f, src_ch, trg_ch, &old_state, file_name);
            if let Some((text, chapter_state)) = units {
                let path = target_dir.join(file_name);
                let unchanged = trg_ch.is_some_and(|c| super::text_of(project, c) == text);
                if !unchanged {
                    self.writes.push((path, text));
                }
                new_state
                    .chapters
                    .insert(file_name.to_string(), chapter_state);
            }
        }
        if new_state != old_state || !state_path.exists() {
            self.writes.push((state_path, state::render(&new_state)));
        }
    }

    /// Rebuilds one chapter; returns its new text and state, or `None` after diagnostics.
    fn chapter(
        &mut self,
        f: &xliff::XFile,
        src_ch: &Chapter,
        trg_ch: Option<&Chapter>,
        old_state: &TranslationState,
        file_name: &str,
    ) -> Option<(String, BTreeMap<String, UnitState>)> {
        let project = self.project;
        let src_text = super::text_of(project, src_ch);
        let src_units = chapter_units(src_ch, src_text);
        let src_by_id: HashMap<&str, &Unit> =
            src_units.iter().map(|u| (u.id.as_str(), u)).collect();
        let trg = trg_ch.map(|c| {
            (
                c,
                super::text_of(project, c),
                chapter_units(c, super::text_of(project, c)),
            )
        });
        let trg_by_id: HashMap<&str, &Unit> = trg
            .as_ref()
            .map(|(_, _, units)| units.iter().map(|u| (u.id.as_str(), u)).collect())
            .unwrap_or_default();
        // The front matter's `title` is optional in a translation: blocks decide alignment.
        let body_ids = |units: &[Unit]| -> Vec<String> {
            units
                .iter()
                .filter(|u| u.id != "title")
                .map(|u| u.id.clone())
                .collect()
        };
        let aligned = trg
            .as_ref()
            .is_some_and(|(_, _, units)| body_ids(units) == body_ids(&src_units));
        let errors_before = self.error_count();
        let mut targets: HashMap<&str, &XUnit> = HashMap::new();
        for u in &f.units {
            if targets.contains_key(u.id.as_str()) {
                self.diags.push(
                    Diagnostic::error(
                        "translate/xliff-malformed",
                        format!("unit `{}` appears twice in this file", u.id),
                    )
                    .at(self.at(u.pos)),
                );
                continue;
            }
            let Some(src) = src_by_id.get(u.id.as_str()) else {
                let mut d = Diagnostic::error(
                    "translate/unknown-unit",
                    format!("unit `{}` does not exist in `{}`", u.id, f.original),
                )
                .at(self.at(u.pos))
                .hint("unit ids come from the source's structure; export again after the source changed");
                if let Some(h) = did_you_mean(&u.id, src_units.iter().map(|s| s.id.as_str())) {
                    d = d.hint(h);
                }
                self.diags.push(d);
                continue;
            };
            targets.insert(u.id.as_str(), u);
            let Some(target) = &u.target else { continue };
            self.check_codes(u, target, src, trg_by_id.get(u.id.as_str()).copied());
            if let Some(fp) = &u.fingerprint
                && *fp != src.fingerprint()
            {
                self.diags.push(
                    Diagnostic::warning(
                        "translate/stale",
                        format!("the source of unit `{}` changed since the export; it is imported as translated from the exported text", u.id),
                    )
                    .at(self.at(u.pos))
                    .related(Span::new(src_ch.source, src.range.clone()), "the source text now")
                    .hint("`sopdoc translate status` lists it as stale until it is translated again"),
                );
            }
            // A translation edited by hand since the export is a conflict; text that a
            // previous import wrote (its fingerprint is in the state file) is not, so a
            // corrected XLIFF can be imported again.
            if let Some(cur) = trg_by_id.get(u.id.as_str())
                && u.target_fingerprint.as_deref() != Some(cur.fingerprint().as_str())
                && old_state
                    .unit(file_name, &u.id)
                    .is_none_or(|st| st.target != cur.fingerprint())
                && canonical(target) != canonical(&cur.pieces)
            {
                let (tc, _, _) = trg.as_ref().expect("a current unit has a chapter");
                let d = Diagnostic::error(
                    "translate/conflict",
                    format!("unit `{}` was edited in the translation since the export; the import would overwrite it", u.id),
                )
                .at(self.at(u.target_pos))
                .related(Span::new(tc.source, cur.range.clone()), "edited here")
                .hint("export again and merge the edit in the CAT tool, or pass `--force` to overwrite it");
                if self.opts.force {
                    let mut d = d;
                    d.severity = crate::diag::Severity::Warning;
                    self.diags.push(d);
                } else {
                    self.diags.push(d);
                }
            }
        }
        if let Some((tc, _, _)) = trg.as_ref().filter(|_| !aligned) {
            let d = Diagnostic::error(
                "translate/structure",
                format!("`{}` does not have the same blocks as its source; the import would rebuild it on the source's structure", relative_path(&project.root, Path::new(&project.sources.get(tc.source).path))),
            )
            .at(Span::file_start(tc.source))
            .hint("make the translation mirror the source (same headings, paragraphs, lists and tables), or pass `--force` to rebuild it from the source");
            if self.opts.force {
                let mut d = d;
                d.severity = crate::diag::Severity::Warning;
                self.diags.push(d);
            } else {
                self.diags.push(d);
            }
        }
        if self.error_count() > errors_before {
            return None;
        }
        // The skeleton: the translation when it mirrors the source, else the source.
        let (skel_text, skel_units): (&str, &[Unit]) = match &trg {
            Some((_, text, units)) if aligned => (text, units),
            _ => (src_text, &src_units),
        };
        let old = old_state.chapters.get(file_name);
        let mut new_state = BTreeMap::new();
        // Replacements: skeleton unit index → (kind, intended content, its XLIFF unit).
        let mut edits: Vec<(usize, Vec<Piece>, &XUnit)> = Vec::new();
        if let Some(xu) = targets.get("title").filter(|x| x.target.is_some())
            && !skel_units.iter().any(|u| u.id == "title")
        {
            self.diags.push(
                Diagnostic::warning(
                    "translate/structure",
                    "the translated chapter has no one-line `title:` in its front matter; the title's translation is not imported",
                )
                .at(self.at(xu.target_pos))
                .hint("add `title: \"…\"` to the translation's front matter and import again"),
            );
        }
        for (k, su) in skel_units.iter().enumerate() {
            let src = src_by_id.get(su.id.as_str()).copied().unwrap_or(su);
            let xu = targets.get(su.id.as_str()).copied();
            let target = xu
                .and_then(|x| x.target.as_ref())
                .filter(|t| !canonical(t).is_empty());
            let (Some(target), Some(xu)) = (target, xu) else {
                // No translation delivered: the text there stays (source text in a new file).
                if let Some(prev) = old.and_then(|o| o.get(&su.id)).filter(|_| aligned) {
                    new_state.insert(su.id.clone(), prev.clone());
                }
                continue;
            };
            self.translated += 1;
            let same = canonical(target) == canonical(&su.pieces);
            let recorded = UnitState {
                source: xu.fingerprint.clone().unwrap_or_else(|| src.fingerprint()),
                target: fingerprint(target),
            };
            if same && xu.state == State::Initial {
                if let Some(prev) = old.and_then(|o| o.get(&su.id)).filter(|_| aligned) {
                    new_state.insert(su.id.clone(), prev.clone());
                }
            } else {
                new_state.insert(su.id.clone(), recorded);
            }
            if !same {
                edits.push((k, tidy(target), xu));
            }
        }
        // Plain text first; units that do not read back as intended (a `*` that would
        // open emphasis, a line that would start a list) are written again escaped.
        let mut escaped: HashSet<usize> = HashSet::new();
        let mut text = String::new();
        for round in 0..2 {
            text = skel_text.to_string();
            // Last in the file first, so earlier ranges stay valid (footnotes and the title
            // are not in file order in the unit list).
            let mut order: Vec<&(usize, Vec<Piece>, &XUnit)> = edits.iter().collect();
            order.sort_by_key(|(k, _, _)| std::cmp::Reverse(skel_units[*k].range.start));
            for (k, pieces, _) in order {
                let su = &skel_units[*k];
                let md = to_markdown(pieces, su.kind, escaped.contains(k));
                if su.kind == UnitKind::Procedure {
                    let (range, value) =
                        super::text::yaml_value_edit(skel_text, su.range.clone(), &md);
                    text.replace_range(range, &value);
                } else {
                    text.replace_range(su.range.clone(), &md);
                }
            }
            let check = reparse(&text, Some(src_ch));
            let ids = body_ids(&check);
            let want = body_ids(&src_units);
            let by_id: HashMap<&str, &Unit> = check.iter().map(|u| (u.id.as_str(), u)).collect();
            let wrong: Vec<usize> = edits
                .iter()
                .filter(|(k, pieces, _)| {
                    by_id
                        .get(skel_units[*k].id.as_str())
                        .is_none_or(|u| canonical(&u.pieces) != canonical(pieces))
                })
                .map(|(k, _, _)| *k)
                .collect();
            if ids == want && wrong.is_empty() {
                break;
            }
            if round == 1 || wrong.is_empty() {
                for (k, _, xu) in edits.iter().filter(|(k, _, _)| wrong.contains(k)) {
                    self.diags.push(
                        Diagnostic::error(
                            "translate/broken-code",
                            format!("the target of unit `{}` cannot be written as Markdown with the same inline codes", skel_units[*k].id),
                        )
                        .at(self.at(xu.target_pos))
                        .hint("check that paired codes (emphasis, links) enclose some text and are not split"),
                    );
                }
                if wrong.is_empty() {
                    self.diags.push(
                        Diagnostic::error(
                            "translate/structure",
                            format!("the translated `{}` would not have the source's structure", f.original),
                        )
                        .at(self.at(f.pos))
                        .hint("a target may have changed a block's kind (a line starting with `#` or `-`); report it with the XLIFF file"),
                    );
                }
                return None;
            }
            escaped.extend(wrong);
        }
        self.changed += edits.len();
        Some((text, new_state))
    }

    fn error_count(&self) -> usize {
        self.diags
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .count()
    }

    /// Every code of the target must stand for Markdown the source or the translation has.
    fn check_codes(&mut self, u: &XUnit, target: &[Piece], src: &Unit, cur: Option<&Unit>) {
        let known: HashSet<&str> = src
            .pieces
            .iter()
            .chain(u.source.iter())
            .chain(cur.map(|c| c.pieces.as_slice()).unwrap_or_default())
            .filter_map(code_md)
            .collect();
        for p in target {
            if let Some(md) = code_md(p)
                && !known.contains(md)
            {
                self.diags.push(
                    Diagnostic::error(
                        "translate/broken-code",
                        format!("unit `{}` has an inline code `{}` that its source does not have", u.id, md.trim()),
                    )
                    .at(self.at(u.target_pos))
                    .hint("keep the codes of the source; links and references are changed in the Markdown, not in the CAT tool"),
                );
            }
        }
    }
}

fn code_md(p: &Piece) -> Option<&str> {
    match p {
        Piece::Open { md, .. } | Piece::Close { md, .. } | Piece::Ph { md, .. } => Some(md),
        Piece::Text(_) => None,
    }
}

/// Moves white space out of paired codes (`<pc> text </pc>` → ` <pc>text</pc> `), which
/// Markdown emphasis requires and CAT tools often leave.
fn tidy(pieces: &[Piece]) -> Vec<Piece> {
    let mut out: Vec<Piece> = pieces.to_vec();
    let mut i = 0;
    while i + 1 < out.len() {
        if matches!(out[i], Piece::Open { .. })
            && let Piece::Text(t) = &out[i + 1]
            && t.starts_with(char::is_whitespace)
        {
            let trimmed = t.trim_start().to_string();
            let lead = t[..t.len() - trimmed.len()].to_string();
            out[i + 1] = Piece::Text(trimmed);
            out.insert(i, Piece::Text(lead));
            i += 1;
        }
        if let Piece::Text(t) = &out[i]
            && t.ends_with(char::is_whitespace)
            && matches!(out[i + 1], Piece::Close { .. })
        {
            let trimmed = t.trim_end().to_string();
            let trail = t[trimmed.len()..].to_string();
            out[i] = Piece::Text(trimmed);
            out.insert(i + 2, Piece::Text(trail));
        }
        i += 1;
    }
    super::segment::merge_text(out)
}

/// The units of `text` parsed as a chapter, its headings taking the ids of `like`'s
/// headings in order (positional ids depend on the whole document, which resolve knows).
fn reparse(text: &str, like: Option<&Chapter>) -> Vec<Unit> {
    let mut map = SourceMap::new();
    let id = map.add(SourceFile::new("check.md", None, text.to_string()));
    let parsed = crate::parse::parse_chapter(map.get(id), id);
    let mut chapter = Chapter {
        source: id,
        file_name: "check.md".into(),
        meta: parsed.meta,
        blocks: parsed.blocks,
        footnotes: parsed.footnotes,
        comments: parsed.comments,
    };
    let mut ids = like
        .map(|c| {
            c.blocks
                .iter()
                .filter_map(|b| match &b.kind {
                    crate::model::BlockKind::Heading(h) => Some(h.id.clone()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter();
    for b in &mut chapter.blocks {
        if let crate::model::BlockKind::Heading(h) = &mut b.kind {
            h.id = ids.next().unwrap_or_else(|| "s".into());
        }
    }
    chapter_units(&chapter, &map.get(id).text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_moves_spaces_out_of_pairs() {
        let p = vec![
            Piece::Text("a".into()),
            Piece::Open {
                id: 1,
                kind: super::super::segment::CodeKind::Emphasis,
                md: "*".into(),
            },
            Piece::Text(" b ".into()),
            Piece::Close {
                id: 1,
                md: "*".into(),
            },
            Piece::Text("c".into()),
        ];
        let md = to_markdown(&tidy(&p), UnitKind::Paragraph, false);
        assert_eq!(md, "a *b* c");
    }
}
