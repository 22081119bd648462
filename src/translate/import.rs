//! `sopdoc translate import`: XLIFF back into the translation's Markdown chapters.
//!
//! Each chapter is rebuilt on a skeleton: the translation's own file when its units match
//! the source's one for one (so its wrapping, front matter and everything that is not text
//! stay as they are), else the source file (a new translation). Each unit's text is
//! replaced only when the target differs from what is there; an unchanged export therefore
//! imports to byte-identical files. Nothing is written when anything is wrong.
#![allow(clippy::disallowed_methods)] // Reads the translator's XLIFF file and writes chapters through output.

mod chapter;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::segment::{Piece, Unit, chapter_units};
use super::state::{self, TranslationState};
use super::xliff::{self, XUnit};
use crate::diag::{Diagnostic, rules};
use crate::error::{Error, Result};
use crate::model::{Chapter, Project};
use crate::msg;
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

/// Why the bytes of an XLIFF file are not UTF-8 text sopdoc can read, with the byte offset
/// to point at: UTF-16, invalid UTF-8, or an XML declaration naming another encoding.
fn encoding_problem(bytes: &[u8]) -> Option<(usize, crate::i18n::Message)> {
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return Some((0, msg!("xliff-utf16")));
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    // A UTF-16 file without its mark: every other byte of the XML declaration is zero.
    if body.len() > 4 && (body[0] == 0 || body[1] == 0) {
        return Some((0, msg!("xliff-utf16")));
    }
    // The declaration is ASCII: readable whatever the rest is.
    let head = String::from_utf8_lossy(&body[..body.len().min(200)]);
    if let Some(name) = declared_encoding(&head)
        && !name.eq_ignore_ascii_case("utf-8")
        && !name.eq_ignore_ascii_case("utf8")
    {
        return Some((
            head.find("encoding").unwrap_or(0),
            msg!("xliff-declared-encoding", name = name),
        ));
    }
    let Err(e) = std::str::from_utf8(body) else {
        return None;
    };
    let at = e.valid_up_to();
    Some((
        at,
        msg!("xliff-not-utf8", byte = format!("0x{:02X}", body[at])),
    ))
}

/// The `encoding` of an XML declaration at the start of `text`.
fn declared_encoding(text: &str) -> Option<&str> {
    let decl = text.trim_start().strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let i = decl.find("encoding")?;
    let rest = decl[i + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    rest[1..].split(quote).next()
}

/// Imports one XLIFF file into the project at `root`.
///
/// # Errors
/// Environment failures: no project, unreadable XLIFF, unwritable files.
pub fn import(root: &Path, xliff_path: &Path, opts: &ImportOptions) -> Result<Imported> {
    // Held from reading the project to the last write: no build reads half an import, no
    // other import or fix writes the same chapters meanwhile. A dry run writes nothing.
    let lock = if opts.dry_run {
        None
    } else {
        Some(crate::output::ProjectLock::acquire(root, true)?)
    };
    let (project, mut diags, mut sources) = super::load(root)?;
    let bytes = std::fs::read(xliff_path).map_err(|e| Error::Read {
        path: xliff_path.into(),
        source: e,
    })?;
    let encoding_problem = encoding_problem(&bytes);
    let text =
        String::from_utf8_lossy(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes)).into_owned();
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
    if let Some((at, message)) = encoding_problem {
        // Every accented letter would become U+FFFD: refuse, write nothing.
        let at = at.min(sources.get(xid).text.len());
        diags.push(
            Diagnostic::error(rules::TRANSLATE_XLIFF_MALFORMED, message)
                .at(Span::new(xid, at..at))
                .hint(msg!("translate-xliff-malformed-hint")),
        );
        out.diagnostics = crate::diag::finalize(diags, &sources);
        out.sources = sources;
        return Ok(out);
    }
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
        // Chapters first, every state file last: an import cut short (power cut, SIGKILL)
        // leaves states that do not yet vouch for the new chapters, and running it again
        // finishes the job. A dry run lists what a real import would write.
        let (states, chapters): (Vec<_>, Vec<_>) = writes
            .iter()
            .partition(|(path, _)| path.file_name().is_some_and(|n| n == state::STATE_FILE));
        for (path, text) in chapters.into_iter().chain(states) {
            if let Some(lock) = &lock {
                lock.write_source(&project.root, path, text.as_bytes())?;
            }
            out.written.push(relative_path(&project.root, path));
        }
    } else {
        diags.push(
            Diagnostic::info(
                rules::TRANSLATE_NOT_IMPORTED,
                msg!("translate-not-imported"),
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
                    rules::TRANSLATE_WRONG_LANGUAGE,
                    msg!(
                        "translate-wrong-language",
                        xliff_lang = &doc.src_lang,
                        src_lang = &src_lang
                    ),
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
                    rules::TRANSLATE_WRONG_LANGUAGE,
                    msg!("translate-wrong-language-2", lang = &lang),
                )
                .at(self.at(first_pos))
                .hint(msg!(
                    "translate-wrong-language-hint",
                    join = &(langs.join(", "))
                )),
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
                        rules::TRANSLATE_XLIFF_MALFORMED,
                        msg!("translate-xliff-malformed-2", original = &f.original),
                    )
                    .at(self.at(f.pos)),
                );
                continue;
            }
            match found {
                Some(d) => by_doc.entry(d.id().to_string()).or_default().push(f),
                None => self.diags.push(
                    Diagnostic::error(
                        rules::TRANSLATE_UNKNOWN_FILE,
                        msg!("translate-unknown-file", original = &f.original),
                    )
                    .at(self.at(f.pos))
                    .hint(msg!("translate-unknown-file-hint")),
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
        let old_state = match state::read(&*project.world, &project.root, &state_path, self.sources)
        {
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
            // A footnote mark typed as text has no note: it cannot be escaped either (the
            // chapter would read it as a mark again), so it is refused where it stands.
            if let Piece::Text(t) = p
                && let Some((_, label)) = crate::resolve::literal_marks(t).first()
            {
                self.diags.push(
                    Diagnostic::error(
                        rules::TRANSLATE_BROKEN_CODE,
                        msg!(
                            "translate-footnote-text",
                            u_id = &u.id,
                            label = label.as_str()
                        ),
                    )
                    .at(self.at(u.target_pos))
                    .hint(msg!("translate-footnote-text-hint")),
                );
            }
            if let Some(md) = code_md(p)
                && !known.contains(md)
            {
                self.diags.push(
                    Diagnostic::error(
                        rules::TRANSLATE_BROKEN_CODE,
                        msg!("translate-broken-code-2", u_id = &u.id, md = &md.trim()),
                    )
                    .at(self.at(u.target_pos))
                    .hint(msg!("translate-broken-code-hint-2")),
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
    use crate::translate::segment::UnitKind;
    use crate::translate::text::to_markdown;

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
