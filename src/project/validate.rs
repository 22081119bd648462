//! Checks on metadata that need no resolved content: ids, dates, languages, file layout.

use std::collections::{BTreeMap, BTreeSet};

use serde_saphyr::Spanned;

use crate::diag::rules;
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::{Document, Manifest, is_valid_date, is_valid_id};
use crate::source::{SourceFile, SourceId, SourceMap, Span};
use crate::yaml::{Embedding, location_span};

fn span_of<T>(v: &Spanned<T>, file: &SourceFile, id: SourceId) -> Span {
    location_span(
        &v.referenced,
        &file.text,
        file,
        Embedding {
            source: id,
            offset: 0,
        },
    )
}

pub(super) fn manifest(m: &Manifest, file: &SourceFile, id: SourceId, diags: &mut Vec<Diagnostic>) {
    if m.languages.is_empty() {
        let span = crate::yaml::find_key(&file.text, "languages")
            .map_or(Span::file_start(id), |r| Span::new(id, r));
        diags.push(
            Diagnostic::error(rules::META_MANIFEST, "`languages` is empty")
                .at(span)
                .hint("list the languages, source language first: `languages: [fr, en]`"),
        );
    }
    let mut seen = BTreeSet::new();
    for lang in &m.languages {
        let code = lang.value.as_str();
        let valid = code.len() >= 2
            && code
                .split('-')
                .next()
                .is_some_and(|b| b.bytes().all(|c| c.is_ascii_lowercase()));
        if !valid {
            diags.push(
                Diagnostic::error(
                    rules::META_MANIFEST,
                    format!("`{code}` is not a language code"),
                )
                .at(span_of(lang, file, id))
                .hint("use ISO 639-1 codes such as `fr` or `en`"),
            );
        }
        if !seen.insert(code) {
            diags.push(
                Diagnostic::error(
                    rules::META_MANIFEST,
                    format!("language `{code}` is listed twice"),
                )
                .at(span_of(lang, file, id)),
            );
        }
    }
    for folder in &m.assets {
        let v = folder.value.trim_end_matches('/');
        let parts: Vec<&str> = v.split(['/', '\\']).collect();
        let problem = if v.is_empty() || v.starts_with(['/', '\\']) || v.contains(':') {
            Some("must be a folder inside the project, written relative to sopdoc.yaml")
        } else if parts.contains(&"..") {
            Some("must not climb out of the project with `..`")
        } else if parts
            .iter()
            .any(|p| *p == ".git" || *p == crate::output::STATE_DIR)
            || parts.first() == Some(&m.output.trim_end_matches('/'))
            || v == "."
        {
            Some(
                "must not be the project root, version control, sopdoc's state or the output folder",
            )
        } else {
            None
        };
        if let Some(problem) = problem {
            diags.push(
                Diagnostic::error(
                    rules::META_MANIFEST,
                    format!("asset folder `{}` {problem}", folder.value),
                )
                .at(span_of(folder, file, id))
                .hint(
                    "name a folder of files meant for publication, e.g. `assets: [images, forms]`",
                ),
            );
        }
    }
    for (rule, level) in &m.rules {
        if !matches!(level.value.as_str(), "error" | "warning" | "info" | "off") {
            diags.push(
                Diagnostic::error(
                    rules::META_MANIFEST,
                    format!("`{}` is not a severity", level.value),
                )
                .at(span_of(level, file, id))
                .hint(format!("write `{rule}: error`, `warning`, `info` or `off`")),
            );
        }
    }
}

pub(super) fn documents(docs: &[Document], sources: &SourceMap, diags: &mut Vec<Diagnostic>) {
    let mut ids: BTreeMap<&str, Span> = BTreeMap::new();
    for doc in docs {
        let file = sources.get(doc.meta_source);
        let sid = doc.meta_source;
        let id_span = span_of(&doc.meta.id, file, sid);
        let id = doc.meta.id.value.as_str();
        if !is_valid_id(id) {
            let fixed = crate::model::slug(id);
            let mut d = Diagnostic::error(
                rules::META_INVALID_ID,
                format!("document id `{id}` is not valid"),
            )
            .at(id_span)
            .hint("ids use lower-case letters, digits and single hyphens, e.g. `sop-01`");
            if !fixed.is_empty() {
                d = d.with_fix(fixed);
            }
            diags.push(d);
        }
        if let Some(first) = ids.get(id) {
            diags.push(
                Diagnostic::error(
                    rules::META_DUPLICATE_ID,
                    format!("document id `{id}` is used twice"),
                )
                .at(id_span)
                .related(*first, "first used here")
                .hint("give each document its own id"),
            );
        } else {
            ids.insert(id, id_span);
        }
        if !is_valid_date(&doc.meta.date.value) {
            diags.push(
                Diagnostic::error(
                    rules::META_INVALID_DATE,
                    format!("`{}` is not a date", doc.meta.date.value),
                )
                .at(span_of(&doc.meta.date, file, sid))
                .hint("write dates as YYYY-MM-DD, e.g. `2026-11-28`"),
            );
        }
        let version = &doc.meta.version.value;
        let parts: Vec<&str> = version.split('.').collect();
        if !(2..=3).contains(&parts.len())
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            diags.push(
                Diagnostic::warning(
                    rules::META_VERSION,
                    format!("version `{version}` is not of the form 1.2.3"),
                )
                .at(span_of(&doc.meta.version, file, sid))
                .hint("use MAJOR.MINOR.PATCH, e.g. `0.3.0`"),
            );
        }
        for h in &doc.meta.history {
            if !is_valid_date(&h.date) {
                diags.push(
                    Diagnostic::error(
                        rules::META_INVALID_DATE,
                        format!("history date `{}` is not a date", h.date),
                    )
                    .at(Span::file_start(sid))
                    .hint("write dates as YYYY-MM-DD"),
                );
            }
        }
        layout(doc, sources, diags);
    }
}

/// Source language present, translations mirroring its files, no empty chapters.
fn layout(doc: &Document, sources: &SourceMap, diags: &mut Vec<Diagnostic>) {
    let meta_span = Span::file_start(doc.meta_source);
    let Some(source) = doc.translations.first() else {
        diags.push(
            Diagnostic::error(
                rules::STRUCTURE_EMPTY_DOCUMENT,
                format!("document `{}` has no chapters", doc.id()),
            )
            .at(meta_span)
            .hint("add a language folder with Markdown chapters, e.g. `fr/01-objet.md`"),
        );
        return;
    };
    for t in &doc.translations {
        if t.chapters.is_empty() {
            diags.push(
                Diagnostic::error(
                    rules::STRUCTURE_EMPTY_DOCUMENT,
                    format!("document `{}` has no chapters in `{}`", doc.id(), t.lang),
                )
                .at(meta_span)
                .hint(format!(
                    "add Markdown files to `{}/{}/`",
                    doc.folder, t.lang
                )),
            );
        }
        for ch in &t.chapters {
            if ch.blocks.is_empty() {
                diags.push(
                    Diagnostic::warning(
                        rules::STRUCTURE_EMPTY_CHAPTER,
                        format!("chapter `{}` is empty", ch.file_name),
                    )
                    .at(Span::file_start(ch.source))
                    .hint("write its title as `# Title {#id}`, or delete the file"),
                );
            }
        }
    }
    for t in doc.translations.iter().skip(1) {
        let src: BTreeSet<&str> = source
            .chapters
            .iter()
            .map(|c| c.file_name.as_str())
            .collect();
        let tr: BTreeSet<&str> = t.chapters.iter().map(|c| c.file_name.as_str()).collect();
        for ch in &t.chapters {
            if !src.contains(ch.file_name.as_str()) {
                let mut d = Diagnostic::error(
                    rules::TRANSLATE_UNMATCHED_FILE,
                    format!(
                        "`{}` has no counterpart in the `{}` source",
                        ch.file_name, source.lang
                    ),
                )
                .at(Span::file_start(ch.source))
                .hint("a translation mirrors the source language's file names");
                if let Some(h) = did_you_mean(&ch.file_name, src.iter().copied()) {
                    d = d.hint(h);
                }
                diags.push(d);
            }
        }
        for ch in &source.chapters {
            if !tr.contains(ch.file_name.as_str()) {
                diags.push(
                    Diagnostic::error(
                        rules::TRANSLATE_MISSING_FILE,
                        format!("`{}` is not translated into `{}`", ch.file_name, t.lang),
                    )
                    .at(Span::file_start(ch.source))
                    .hint(format!("add `{}/{}/{}`", doc.folder, t.lang, ch.file_name)),
                );
            }
        }
    }
    let _ = sources;
}
