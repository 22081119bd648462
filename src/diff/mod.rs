//! `sopdoc diff`: what changed between two versions of a project, by structure.
//!
//! Both versions go through the normal stages (load, parse, resolve); then documents are
//! matched by id, sections by heading id (explicit `{#id}` or positional), blocks aligned
//! within each section by fingerprint (patience diff, then changed blocks paired by kind),
//! and texts compared word by word. A version is a project folder or a git revision, read
//! with gix ([`git`]) so that no git binary is needed.
//!
//! The result, [`ProjectDiff`], serializes as the `--format json` output (its keys are a
//! contract, see the README) and is printed by [`render_text`], [`render_html`] and
//! [`render_pdf`].

pub mod align;
pub mod flat;
pub mod git;
pub mod render_html;
pub mod render_pdf;
pub mod render_text;
pub mod report_words;
pub mod words;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::model::{Document, Project};
use align::{Placed, Step};
use flat::{FlatBlock, Section};
use words::{Op, Run};

/// Why a comparison could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// A version is neither a folder nor a revision of a git repository.
    #[error("`{spec}` is not a folder, and {folder} is not inside a git repository ({detail})")]
    NotAVersion {
        /// The argument.
        spec: String,
        /// The folder searched for a repository.
        folder: String,
        /// What the repository search reported.
        detail: String,
    },
    /// The revision does not name a commit.
    #[error("cannot read revision `{spec}`: {message}")]
    Revision {
        /// The revision as given.
        spec: String,
        /// What git reported.
        message: String,
    },
    /// The repository could not be read.
    #[error("cannot read the git repository: {0}")]
    Git(String),
    /// The project folder is not inside the repository's tree at that revision.
    #[error("revision `{spec}` has no sopdoc.yaml at `{path}`")]
    NoProjectAtRevision {
        /// The revision.
        spec: String,
        /// The project's path inside the repository.
        path: String,
    },
    /// A document named with `--doc` is in neither version.
    #[error("no document `{0}` in either version")]
    UnknownDocument(String),
    /// Loading failed (no manifest, unreadable folder).
    #[error(transparent)]
    Load(#[from] crate::Error),
}

/// One version, loaded and resolved.
#[derive(Debug)]
pub struct Version {
    /// How the user named it (folder or revision).
    pub label: String,
    /// The project, when its manifest is usable.
    pub project: Option<Project>,
    /// Problems found while loading (with the files they point into).
    pub diagnostics: Vec<Diagnostic>,
    /// The files read.
    pub sources: crate::source::SourceMap,
}

/// Loads a version: `spec` is a folder (a project, or inside one) or a git revision of the
/// repository that holds `project_root` (the current project). A revision's tree is
/// written to a temporary folder, loaded, resolved, and the folder removed.
///
/// # Errors
/// [`DiffError`] when the version cannot be found or read.
pub fn load_version(spec: &str, project_root: Option<&Path>) -> Result<Version, DiffError> {
    let path = Path::new(spec);
    let disk: &dyn crate::world::World = &crate::world::DiskWorld;
    if disk.is_dir(path) {
        let root = crate::project::find_root(path)?;
        return load_dir(spec, &root);
    }
    let start = match project_root {
        Some(p) => p.to_path_buf(),
        None => std::env::current_dir().map_err(|e| DiffError::Git(e.to_string()))?,
    };
    let tmp = tempfile::tempdir().map_err(|e| DiffError::Git(e.to_string()))?;
    let root = git::materialize(&start, spec, tmp.path())?;
    let mut v = load_dir(spec, &root)?;
    // Paths in diagnostics are project-relative already; the folder goes away now.
    if let Some(p) = v.project.as_mut() {
        p.root = PathBuf::from(spec);
    }
    drop(tmp);
    Ok(v)
}

fn load_dir(label: &str, root: &Path) -> Result<Version, DiffError> {
    let (project, diagnostics, sources) = crate::translate::load(root)?;
    Ok(Version {
        label: label.to_string(),
        project,
        diagnostics,
        sources,
    })
}

/// Which documents and languages to compare (all when empty).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Document ids.
    pub docs: Vec<String>,
    /// Language codes.
    pub langs: Vec<String>,
}

/// The comparison of two versions (`--format json`).
#[derive(Debug, Clone, Serialize)]
pub struct ProjectDiff {
    /// Format version of this JSON.
    pub version: u32,
    /// The old version as named on the command line.
    pub old: String,
    /// The new version as named on the command line.
    pub new: String,
    /// The language the report speaks: the documents' (the one language compared, else
    /// the source language), not the interface's.
    #[serde(skip)]
    pub lang: String,
    /// The report's title: the document's title when one document changed, else the
    /// project's, in [`Self::lang`].
    #[serde(skip)]
    pub title: String,
    /// Counts of changes.
    pub summary: Summary,
    /// Documents that changed, in document-id order.
    pub documents: Vec<DocDiff>,
}

/// Counts of changes over every document.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Documents added, removed or changed.
    pub documents: usize,
    /// Sections added.
    pub sections_added: usize,
    /// Sections removed.
    pub sections_removed: usize,
    /// Sections moved.
    pub sections_moved: usize,
    /// Sections whose title or blocks changed.
    pub sections_modified: usize,
    /// Blocks added.
    pub blocks_added: usize,
    /// Blocks removed.
    pub blocks_removed: usize,
    /// Blocks moved to another place.
    pub blocks_moved: usize,
    /// Blocks changed.
    pub blocks_modified: usize,
}

/// What happened to a document, language, section, block or part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, changed.
    Modified,
    /// In both, elsewhere, otherwise unchanged.
    Moved,
}

impl Status {
    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Modified => "modified",
            Status::Moved => "moved",
        }
    }
}

/// A changed document.
#[derive(Debug, Clone, Serialize)]
pub struct DocDiff {
    /// Document id.
    pub id: String,
    /// Added, removed or modified.
    pub status: Status,
    /// Title in the source language (new version's, else old's).
    pub title: String,
    /// The document as the report names it, in the report's language: its code and
    /// title ("PSO-01 — Orientation des victimes").
    #[serde(skip)]
    pub heading: String,
    /// Metadata fields that changed.
    pub metadata: Vec<MetaChange>,
    /// Languages whose text changed.
    pub languages: Vec<LangDiff>,
}

/// A changed `document.yaml` field.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MetaChange {
    /// `version`, `status`, `date`, `kind`, `code`, `title.<lang>`.
    pub field: String,
    /// Old value (empty when absent).
    pub old: String,
    /// New value (empty when absent).
    pub new: String,
}

/// Changes in one language of a document.
#[derive(Debug, Clone, Serialize)]
pub struct LangDiff {
    /// Language code.
    pub lang: String,
    /// Added (a new translation), removed, or modified.
    pub status: Status,
    /// Changed sections, in reading order of the new version (removed ones where they
    /// stood).
    pub sections: Vec<SectionDiff>,
}

/// A changed section.
#[derive(Debug, Clone, Serialize)]
pub struct SectionDiff {
    /// Heading id.
    pub id: String,
    /// Added, removed, moved (content unchanged) or modified.
    pub status: Status,
    /// Whether it moved relative to the other sections (also when modified).
    pub moved: bool,
    /// Number in the old version (empty when added or unnumbered).
    pub old_number: String,
    /// Number in the new version (empty when removed or unnumbered).
    pub new_number: String,
    /// Chapter file (new version's, else old's).
    pub chapter: String,
    /// The heading text, word by word (all inserted when added, all deleted when removed).
    pub title: Vec<Run>,
    /// Changed blocks, in order.
    pub blocks: Vec<BlockDiff>,
}

/// A changed block.
#[derive(Debug, Clone, Serialize)]
pub struct BlockDiff {
    /// `paragraph`, `list`, `table`, `procedure`, …
    pub kind: String,
    /// Added, removed, modified, or moved (from or to another place).
    pub status: Status,
    /// Structural id (new version's, else old's): `consentement.2`.
    pub unit: String,
    /// For a moved block: the section it came from (when it is the new place) or went to
    /// (the old place).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_with: Option<String>,
    /// Changed texts.
    pub parts: Vec<PartDiff>,
}

/// A changed text inside a block.
#[derive(Debug, Clone, Serialize)]
pub struct PartDiff {
    /// Unit id (`consentement.4.3.1`).
    pub unit: String,
    /// Added, removed or modified.
    pub status: Status,
    /// The text word by word.
    pub words: Vec<Run>,
}

/// Compares two loaded projects.
///
/// # Errors
/// [`DiffError::UnknownDocument`] when `--doc` names a document neither version has.
pub fn compare(
    old: &Project,
    new: &Project,
    old_label: &str,
    new_label: &str,
    filter: &Filter,
) -> Result<ProjectDiff, DiffError> {
    for id in &filter.docs {
        if old.document(id).is_none() && new.document(id).is_none() {
            return Err(DiffError::UnknownDocument(id.clone()));
        }
    }
    let mut ids: Vec<&str> = old
        .documents
        .iter()
        .chain(&new.documents)
        .map(Document::id)
        .filter(|id| filter.docs.is_empty() || filter.docs.iter().any(|d| d == id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    // The documents' language: the one asked for, else the source language.
    let lang = match filter.langs.as_slice() {
        [one] => one.clone(),
        _ => new.source_language().to_string(),
    };
    let mut documents = Vec::new();
    for id in ids {
        if let Some(d) = compare_document(old, new, id, filter, &lang) {
            documents.push(d);
        }
    }
    let summary = summarize(&documents);
    let title = match documents.as_slice() {
        [one] => one.heading.clone(),
        _ => new
            .manifest
            .title
            .get(&lang, new.source_language())
            .to_string(),
    };
    Ok(ProjectDiff {
        version: 1,
        old: old_label.to_string(),
        new: new_label.to_string(),
        lang,
        title,
        summary,
        documents,
    })
}

fn summarize(documents: &[DocDiff]) -> Summary {
    let mut s = Summary {
        documents: documents.len(),
        ..Summary::default()
    };
    for sec in documents
        .iter()
        .flat_map(|d| &d.languages)
        .flat_map(|l| &l.sections)
    {
        match sec.status {
            Status::Added => s.sections_added += 1,
            Status::Removed => s.sections_removed += 1,
            Status::Moved => s.sections_moved += 1,
            Status::Modified => {
                s.sections_modified += 1;
                if sec.moved {
                    s.sections_moved += 1;
                }
            }
        }
        if matches!(sec.status, Status::Added | Status::Removed) {
            continue;
        }
        for b in &sec.blocks {
            match b.status {
                Status::Added => s.blocks_added += 1,
                Status::Removed => s.blocks_removed += 1,
                Status::Modified => s.blocks_modified += 1,
                // Counted once, at its new place.
                Status::Moved if b.moved_with.is_some() && is_arrival(b) => s.blocks_moved += 1,
                Status::Moved => {}
            }
        }
    }
    s
}

fn is_arrival(b: &BlockDiff) -> bool {
    b.parts.iter().all(|p| p.status != Status::Removed)
}

fn compare_document(
    old: &Project,
    new: &Project,
    id: &str,
    filter: &Filter,
    report_lang: &str,
) -> Option<DocDiff> {
    let (od, nd) = (old.document(id), new.document(id));
    let source_lang = new.source_language().to_string();
    let (title, heading) = match (nd, od) {
        (Some(d), _) | (None, Some(d)) => (
            d.meta.title.get(&source_lang, &source_lang).to_string(),
            format!(
                "{} — {}",
                crate::l10n::document_code(&d.meta, report_lang, &source_lang),
                d.meta.title.get(report_lang, &source_lang)
            ),
        ),
        (None, None) => return None,
    };
    let (status, metadata) = match (od, nd) {
        (Some(o), Some(n)) => (Status::Modified, meta_changes(old, new, o, n)),
        (None, Some(_)) => (Status::Added, Vec::new()),
        _ => (Status::Removed, Vec::new()),
    };
    let langs: Vec<&str> = new.languages().chain(old.languages()).collect();
    let mut seen = Vec::new();
    let mut languages = Vec::new();
    for lang in langs {
        if seen.contains(&lang)
            || !(filter.langs.is_empty() || filter.langs.iter().any(|l| l == lang))
        {
            continue;
        }
        seen.push(lang);
        let ot = od.and_then(|d| d.translation(lang));
        let nt = nd.and_then(|d| d.translation(lang));
        let old_sections = ot.map(|t| flat::flatten(old, t)).unwrap_or_default();
        let new_sections = nt.map(|t| flat::flatten(new, t)).unwrap_or_default();
        let lang_status = match (ot, nt) {
            (None, None) => continue,
            (None, Some(_)) => Status::Added,
            (Some(_), None) => Status::Removed,
            _ => Status::Modified,
        };
        let sections = compare_sections(&old_sections, &new_sections);
        if !sections.is_empty() || lang_status != Status::Modified {
            languages.push(LangDiff {
                lang: lang.to_string(),
                status: lang_status,
                sections,
            });
        }
    }
    if status == Status::Modified && metadata.is_empty() && languages.is_empty() {
        return None;
    }
    Some(DocDiff {
        id: id.to_string(),
        status,
        title,
        heading,
        metadata,
        languages,
    })
}

fn meta_changes(old: &Project, new: &Project, o: &Document, n: &Document) -> Vec<MetaChange> {
    let mut out = Vec::new();
    let mut field = |name: String, a: String, b: String| {
        if a != b {
            out.push(MetaChange {
                field: name,
                old: a,
                new: b,
            });
        }
    };
    field(
        "version".into(),
        o.meta.version.value.clone(),
        n.meta.version.value.clone(),
    );
    field(
        "status".into(),
        o.meta.status.as_str().into(),
        n.meta.status.as_str().into(),
    );
    field(
        "date".into(),
        o.meta.date.value.clone(),
        n.meta.date.value.clone(),
    );
    field(
        "kind".into(),
        o.meta.kind.as_str().into(),
        n.meta.kind.as_str().into(),
    );
    let mut langs: Vec<&str> = new.languages().chain(old.languages()).collect();
    let mut seen = Vec::new();
    langs.retain(|l| {
        let first = !seen.contains(l);
        seen.push(*l);
        first
    });
    for lang in langs {
        let a = if o.meta.title.has(lang) {
            o.meta.title.get(lang, lang)
        } else {
            ""
        };
        let b = if n.meta.title.has(lang) {
            n.meta.title.get(lang, lang)
        } else {
            ""
        };
        field(format!("title.{lang}"), a.to_string(), b.to_string());
        field(
            format!("code.{lang}"),
            crate::l10n::document_code(&o.meta, lang, old.source_language()),
            crate::l10n::document_code(&n.meta, lang, new.source_language()),
        );
    }
    out
}

/// Compares the sections of one language of a document.
pub fn compare_sections(old: &[Section], new: &[Section]) -> Vec<SectionDiff> {
    let old_ids: Vec<String> = old.iter().map(|s| s.id.clone()).collect();
    let new_ids: Vec<String> = new.iter().map(|s| s.id.clone()).collect();
    let mut out = Vec::new();
    for placed in align::place_ids(&old_ids, &new_ids) {
        match placed {
            Placed::Added(b) => out.push(whole_section(&new[b], Status::Added)),
            Placed::Removed(a) => out.push(whole_section(&old[a], Status::Removed)),
            Placed::Kept(a, b) | Placed::Moved(a, b) => {
                let moved = matches!(placed, Placed::Moved(..));
                let (o, n) = (&old[a], &new[b]);
                let title = if o.title == n.title {
                    words::whole(Op::Equal, &n.title)
                } else {
                    words::diff_words(&o.title, &n.title)
                };
                let blocks = compare_blocks(&o.blocks, &n.blocks);
                let changed = o.title != n.title || !blocks.is_empty();
                if !changed && !moved {
                    continue;
                }
                out.push(SectionDiff {
                    id: n.id.clone(),
                    status: if changed {
                        Status::Modified
                    } else {
                        Status::Moved
                    },
                    moved,
                    old_number: o.number.clone(),
                    new_number: n.number.clone(),
                    chapter: n.chapter.clone(),
                    title,
                    blocks,
                });
            }
        }
    }
    mark_moved_blocks(&mut out);
    out
}

fn whole_section(s: &Section, status: Status) -> SectionDiff {
    let op = if status == Status::Added {
        Op::Insert
    } else {
        Op::Delete
    };
    let (old_number, new_number) = if status == Status::Added {
        (String::new(), s.number.clone())
    } else {
        (s.number.clone(), String::new())
    };
    SectionDiff {
        id: s.id.clone(),
        status,
        moved: false,
        old_number,
        new_number,
        chapter: s.chapter.clone(),
        title: words::whole(op, &s.title),
        blocks: s.blocks.iter().map(|b| whole_block(b, status)).collect(),
    }
}

fn whole_block(b: &FlatBlock, status: Status) -> BlockDiff {
    let op = if status == Status::Added {
        Op::Insert
    } else {
        Op::Delete
    };
    BlockDiff {
        kind: b.kind.to_string(),
        status,
        unit: b.unit.clone(),
        moved_with: None,
        parts: b
            .parts
            .iter()
            .map(|p| PartDiff {
                unit: p.unit.clone(),
                status,
                words: words::whole(op, &p.text),
            })
            .collect(),
    }
}

/// Compares the blocks of a section present in both versions.
pub fn compare_blocks(old: &[FlatBlock], new: &[FlatBlock]) -> Vec<BlockDiff> {
    let of: Vec<u64> = old.iter().map(|b| b.fingerprint).collect();
    let nf: Vec<u64> = new.iter().map(|b| b.fingerprint).collect();
    let mut out = Vec::new();
    for step in align::align(&of, &nf, |a, b| old[a].kind == new[b].kind) {
        match step {
            Step::Same(..) => {}
            Step::Removed(a) => out.push(whole_block(&old[a], Status::Removed)),
            Step::Added(b) => out.push(whole_block(&new[b], Status::Added)),
            Step::Changed(a, b) => {
                let parts = compare_parts(&old[a], &new[b]);
                if !parts.is_empty() {
                    out.push(BlockDiff {
                        kind: new[b].kind.to_string(),
                        status: Status::Modified,
                        unit: new[b].unit.clone(),
                        moved_with: None,
                        parts,
                    });
                }
            }
        }
    }
    out
}

fn compare_parts(old: &FlatBlock, new: &FlatBlock) -> Vec<PartDiff> {
    let ot: Vec<&str> = old.parts.iter().map(|p| p.text.as_str()).collect();
    let nt: Vec<&str> = new.parts.iter().map(|p| p.text.as_str()).collect();
    let mut out = Vec::new();
    // Any two texts pair: a changed list item or cell is one text edited.
    for step in align::align(&ot, &nt, |_, _| true) {
        match step {
            Step::Same(..) => {}
            Step::Removed(a) => out.push(PartDiff {
                unit: old.parts[a].unit.clone(),
                status: Status::Removed,
                words: words::whole(Op::Delete, ot[a]),
            }),
            Step::Added(b) => out.push(PartDiff {
                unit: new.parts[b].unit.clone(),
                status: Status::Added,
                words: words::whole(Op::Insert, nt[b]),
            }),
            Step::Changed(a, b) => out.push(PartDiff {
                unit: new.parts[b].unit.clone(),
                status: Status::Modified,
                words: words::diff_words(ot[a], nt[b]),
            }),
        }
    }
    out
}

/// A block removed in one place and added unchanged in another (of the same language)
/// moved: both entries say so and name the other section.
fn mark_moved_blocks(sections: &mut [SectionDiff]) {
    let key = |b: &BlockDiff| -> String {
        let mut k = b.kind.clone();
        for p in &b.parts {
            k.push('\u{1}');
            k.push_str(&words::old_text(&p.words));
            k.push_str(&words::new_text(&p.words));
        }
        k
    };
    let mut removed: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (si, s) in sections.iter().enumerate() {
        if s.status == Status::Removed {
            continue;
        }
        for (bi, b) in s.blocks.iter().enumerate() {
            if b.status == Status::Removed && !b.parts.is_empty() {
                removed.entry(key(b)).or_default().push((si, bi));
            }
        }
    }
    let mut pairs = Vec::new();
    for (si, s) in sections.iter().enumerate() {
        if s.status == Status::Added {
            continue;
        }
        for (bi, b) in s.blocks.iter().enumerate() {
            if b.status == Status::Added
                && let Some(list) = removed.get_mut(&key(b))
                && !list.is_empty()
            {
                let from = list.remove(0);
                pairs.push((from, (si, bi)));
            }
        }
    }
    for ((fs, fb), (ts, tb)) in pairs {
        let from_id = sections[fs].id.clone();
        let to_id = sections[ts].id.clone();
        let from = &mut sections[fs].blocks[fb];
        from.status = Status::Moved;
        from.moved_with = Some(to_id);
        let to = &mut sections[ts].blocks[tb];
        to.status = Status::Moved;
        to.moved_with = Some(from_id);
    }
}

/// The anchor of a section in the HTML page and the PDF.
pub fn section_anchor(doc: &str, lang: &str, section: &str) -> String {
    let clean: String = section
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("d-{doc}-{lang}-{clean}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use flat::Part;

    fn block(kind: &'static str, unit: &str, texts: &[&str]) -> FlatBlock {
        let mut key = kind.to_string();
        for t in texts {
            key.push('\u{1}');
            key.push_str(t);
        }
        FlatBlock {
            kind,
            unit: unit.into(),
            fingerprint: crate::fingerprint::fnv1a64(key.as_bytes()),
            parts: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Part {
                    unit: format!("{unit}.{}", i + 1),
                    text: t.to_string(),
                })
                .collect(),
        }
    }

    fn section(id: &str, blocks: Vec<FlatBlock>) -> Section {
        Section {
            id: id.into(),
            level: 2,
            number: String::new(),
            title: id.to_uppercase(),
            chapter: "01.md".into(),
            blocks,
        }
    }

    #[test]
    fn an_edited_list_item_is_one_modified_part() {
        let old = [block("list", "s.1", &["un", "deux", "trois"])];
        let new = [block("list", "s.1", &["un", "deux bis", "trois"])];
        let diffs = compare_blocks(&old, &new);
        assert_eq!(diffs.len(), 1);
        assert_eq!(diffs[0].status, Status::Modified);
        assert_eq!(diffs[0].parts.len(), 1);
        assert_eq!(diffs[0].parts[0].unit, "s.1.2");
    }

    #[test]
    fn a_block_moved_to_another_section() {
        let old = [
            section(
                "a",
                vec![
                    block("paragraph", "a.1", &["reste"]),
                    block("paragraph", "a.2", &["voyage"]),
                ],
            ),
            section("b", vec![block("paragraph", "b.1", &["ici"])]),
        ];
        let new = [
            section("a", vec![block("paragraph", "a.1", &["reste"])]),
            section(
                "b",
                vec![
                    block("paragraph", "b.1", &["ici"]),
                    block("paragraph", "b.2", &["voyage"]),
                ],
            ),
        ];
        let diffs = compare_sections(&old, &new);
        assert_eq!(diffs.len(), 2);
        assert_eq!(diffs[0].blocks[0].status, Status::Moved);
        assert_eq!(diffs[0].blocks[0].moved_with.as_deref(), Some("b"));
        assert_eq!(diffs[1].blocks[0].status, Status::Moved);
        assert_eq!(diffs[1].blocks[0].moved_with.as_deref(), Some("a"));
    }

    #[test]
    fn a_moved_section_without_edits_is_moved() {
        let old = [
            section("a", vec![]),
            section("b", vec![]),
            section("c", vec![]),
        ];
        let new = [
            section("b", vec![]),
            section("c", vec![]),
            section("a", vec![]),
        ];
        let diffs = compare_sections(&old, &new);
        assert_eq!(diffs.len(), 1);
        assert_eq!(diffs[0].id, "a");
        assert_eq!(diffs[0].status, Status::Moved);
    }
}
