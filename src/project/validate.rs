//! Checks on metadata that need no resolved content: ids, dates, languages, file layout.

use std::collections::{BTreeMap, BTreeSet};

use serde_saphyr::Spanned;

use crate::diag::rules;
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::{Document, Manifest, is_valid_date, is_valid_id};
use crate::msg;
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
            Diagnostic::error(rules::META_MANIFEST, msg!("meta-manifest"))
                .at(span)
                .hint(msg!("meta-manifest-hint")),
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
                Diagnostic::error(rules::META_MANIFEST, msg!("meta-manifest-2", code = &code))
                    .at(span_of(lang, file, id))
                    .hint(msg!("meta-manifest-hint-2")),
            );
        }
        if !seen.insert(code) {
            diags.push(
                Diagnostic::error(rules::META_MANIFEST, msg!("meta-manifest-3", code = &code))
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
                    msg!(
                        "meta-manifest-4",
                        folder = &folder.value,
                        problem = &problem
                    ),
                )
                .at(span_of(folder, file, id))
                .hint(msg!("meta-manifest-hint-3")),
            );
        }
    }
    for (rule, level) in &m.rules {
        if !matches!(level.value.as_str(), "error" | "warning" | "info" | "off") {
            diags.push(
                Diagnostic::error(
                    rules::META_MANIFEST,
                    msg!("meta-manifest-5", level = &level.value),
                )
                .at(span_of(level, file, id))
                .hint(msg!("meta-manifest-hint-4", rule = &rule)),
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
            let mut d =
                Diagnostic::error(rules::META_INVALID_ID, msg!("meta-invalid-id", id = &id))
                    .at(id_span)
                    .hint(msg!("meta-invalid-id-hint"));
            if !fixed.is_empty() {
                d = d.with_fix(fixed);
            }
            diags.push(d);
        }
        if let Some(first) = ids.get(id) {
            diags.push(
                Diagnostic::error(
                    rules::META_DUPLICATE_ID,
                    msg!("meta-duplicate-id", id = &id),
                )
                .at(id_span)
                .related(*first, msg!("meta-duplicate-id-note"))
                .hint(msg!("meta-duplicate-id-hint")),
            );
        } else {
            ids.insert(id, id_span);
        }
        if !is_valid_date(&doc.meta.date.value) {
            diags.push(
                Diagnostic::error(
                    rules::META_INVALID_DATE,
                    msg!("meta-invalid-date", date = &doc.meta.date.value),
                )
                .at(span_of(&doc.meta.date, file, sid))
                .hint(msg!("meta-invalid-date-hint")),
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
                    msg!("meta-version", version = &version),
                )
                .at(span_of(&doc.meta.version, file, sid))
                .hint(msg!("meta-version-hint")),
            );
        }
        for h in &doc.meta.history {
            if !is_valid_date(&h.date) {
                diags.push(
                    Diagnostic::error(
                        rules::META_INVALID_DATE,
                        msg!("meta-invalid-date-2", date = &h.date),
                    )
                    .at(Span::file_start(sid))
                    .hint(msg!("meta-invalid-date-hint-2")),
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
                msg!("structure-empty-document", doc_id = &doc.id()),
            )
            .at(meta_span)
            .hint(msg!("structure-empty-document-hint")),
        );
        return;
    };
    for t in &doc.translations {
        if t.chapters.is_empty() {
            diags.push(
                Diagnostic::error(
                    rules::STRUCTURE_EMPTY_DOCUMENT,
                    msg!(
                        "structure-empty-document-2",
                        doc_id = &doc.id(),
                        lang = &t.lang
                    ),
                )
                .at(meta_span)
                .hint(msg!(
                    "structure-empty-document-hint-2",
                    folder = &doc.folder,
                    lang = &t.lang
                )),
            );
        }
        for ch in &t.chapters {
            if ch.blocks.is_empty() {
                diags.push(
                    Diagnostic::warning(
                        rules::STRUCTURE_EMPTY_CHAPTER,
                        msg!("structure-empty-chapter", file_name = &ch.file_name),
                    )
                    .at(Span::file_start(ch.source))
                    .hint(msg!("structure-empty-chapter-hint")),
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
                    msg!(
                        "translate-unmatched-file",
                        file_name = &ch.file_name,
                        lang = &source.lang
                    ),
                )
                .at(Span::file_start(ch.source))
                .hint(msg!("translate-unmatched-file-hint"));
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
                        msg!(
                            "translate-missing-file",
                            file_name = &ch.file_name,
                            lang = &t.lang
                        ),
                    )
                    .at(Span::file_start(ch.source))
                    .hint(msg!(
                        "translate-missing-file-hint",
                        folder = &doc.folder,
                        lang = &t.lang,
                        file_name = &ch.file_name
                    )),
                );
            }
        }
    }
    let _ = sources;
}
