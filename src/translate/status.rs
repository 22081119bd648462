//! `sopdoc translate status` and the `translate/stale` check: per document and language,
//! which units are translated, stale (the source changed since) or missing, with word
//! counts of the text to translate.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;

use super::segment::{Unit, chapter_units};
use super::state::{self, TranslationState};
use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::model::{BlockKind, Chapter, Document, Project};
use crate::msg;
use crate::source::{SourceMap, Span};

/// The status of one document in one target language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocStatus {
    /// Document id.
    pub document: String,
    /// Target language.
    pub language: String,
    /// Units in the source.
    pub units: usize,
    /// Units translated from the current source text.
    pub translated: usize,
    /// Units translated from an older source text.
    pub stale: usize,
    /// Units with no translation (no file, or no such block in it).
    pub missing: usize,
    /// Units translated, but not through an import (no fingerprint recorded).
    pub untracked: usize,
    /// Translated units edited by hand since their import.
    pub edited: usize,
    /// Words of source text in missing units.
    pub words_new: usize,
    /// Words of source text in stale units.
    pub words_changed: usize,
    /// The stale units (`file` and unit id).
    pub stale_units: Vec<String>,
    /// The missing units (`file` and unit id).
    pub missing_units: Vec<String>,
}

/// One stale unit, with where it is.
#[derive(Debug, Clone)]
pub struct StaleUnit {
    /// Unit id.
    pub id: String,
    /// The translated text.
    pub translation: Span,
    /// The source text now.
    pub source: Span,
}

/// Compares a document's translation into `lang` with its source.
pub fn document_status(
    project: &Project,
    doc: &Document,
    lang: &str,
    state: Option<&TranslationState>,
    stale_out: &mut Vec<StaleUnit>,
) -> DocStatus {
    let src_lang = project.source_language();
    let mut st = DocStatus {
        document: doc.id().to_string(),
        language: lang.to_string(),
        ..Default::default()
    };
    let Some(source) = doc.translation(src_lang) else {
        return st;
    };
    for ch in &source.chapters {
        let units = fingerprinted_units(ch, super::text_of(project, ch));
        let trg = super::chapter_in(doc, lang, &ch.file_name);
        let trg_units = trg.map(|c| fingerprinted_units(c, super::text_of(project, c)));
        let trg_units: &[(Unit, String)] = trg_units.as_ref().map_or(&[], |u| u.as_slice());
        let chapter_state = state.and_then(|s| s.chapters.get(&ch.file_name));
        let matched = matched_units(&units, trg_units, chapter_state);
        for (k, (u, fingerprint)) in units.iter().enumerate() {
            st.units += 1;
            let name = format!("{}#{}", ch.file_name, u.id);
            let Some((t, t_fingerprint)) = matched[k]
                .map(|i| &trg_units[i])
                .filter(|(t, _)| !super::align::is_untranslated_copy(u, t, chapter_state))
            else {
                st.missing += 1;
                st.words_new += u.words();
                st.missing_units.push(name);
                continue;
            };
            match chapter_state.and_then(|s| s.get(&t.id)) {
                None => st.untracked += 1,
                Some(rec) => {
                    if rec.target != *t_fingerprint && !t.has_fingerprint(&rec.target) {
                        st.edited += 1;
                    }
                    if rec.source == *fingerprint || u.has_fingerprint(&rec.source) {
                        st.translated += 1;
                    } else {
                        st.stale += 1;
                        st.words_changed += u.words();
                        st.stale_units.push(name);
                        if let Some(tc) = trg {
                            stale_out.push(StaleUnit {
                                id: u.id.clone(),
                                translation: Span::new(tc.source, t.range.clone()),
                                source: Span::new(ch.source, u.range.clone()),
                            });
                        }
                    }
                }
            }
        }
    }
    st
}

/// [`super::align::match_units`] over fingerprinted units; by id without copying units when
/// the translation mirrors the source (every analysis of the editor server comes here).
fn matched_units(
    src: &[(Unit, String)],
    trg: &[(Unit, String)],
    state: Option<&std::collections::BTreeMap<String, state::UnitState>>,
) -> Vec<Option<usize>> {
    if src.len() == trg.len() && src.iter().zip(trg).all(|(a, b)| a.0.id == b.0.id) {
        return (0..src.len()).map(Some).collect();
    }
    // Otherwise (a block inserted, a title only on one side) the full matching.
    let s: Vec<Unit> = src.iter().map(|u| u.0.clone()).collect();
    let t: Vec<Unit> = trg.iter().map(|u| u.0.clone()).collect();
    super::align::match_units(&s, &t, state)
}

/// A chapter's units with their fingerprints. Segmenting and fingerprinting every chapter
/// of every language is most of the cost of the `translate/stale` check, which the editor
/// server and watch mode run on every keystroke or save: the result is kept per process,
/// keyed by the chapter's text and the ids and numbers resolution gave its headings (the
/// only resolved values units are made from), and reused while they are the same.
fn fingerprinted_units(chapter: &Chapter, text: &str) -> Arc<Vec<(Unit, String)>> {
    type Cache = Mutex<HashMap<u64, Arc<Vec<(Unit, String)>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    const LIMIT: usize = 4096;
    let mut h = DefaultHasher::new();
    (text, &chapter.file_name).hash(&mut h);
    for b in &chapter.blocks {
        if let BlockKind::Heading(heading) = &b.kind {
            (&heading.id, &heading.number).hash(&mut h);
        }
    }
    let key = h.finish();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(hit) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return hit.clone();
    }
    let units: Arc<Vec<(Unit, String)>> = Arc::new(
        chapter_units(chapter, text)
            .into_iter()
            .map(|u| {
                let f = u.fingerprint();
                (u, f)
            })
            .collect(),
    );
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if cache.len() >= LIMIT {
        cache.clear();
    }
    cache.insert(key, units.clone());
    units
}

/// Status of every selected document in each language of `langs` (the project's target
/// languages when empty). State-file problems come back as diagnostics.
pub fn status(
    project: &Project,
    docs: &[&Document],
    langs: &[String],
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Vec<DocStatus> {
    let langs: Vec<String> = if langs.is_empty() {
        project.languages().skip(1).map(str::to_string).collect()
    } else {
        langs.to_vec()
    };
    let mut out = Vec::new();
    for doc in docs {
        for lang in &langs {
            let st = match state::read(
                &*project.world,
                &project.root,
                &state::path(project, doc, lang),
                sources,
            ) {
                Ok(s) => s,
                Err(d) => {
                    diags.push(d);
                    None
                }
            };
            out.push(document_status(
                project,
                doc,
                lang,
                st.as_ref(),
                &mut Vec::new(),
            ));
        }
    }
    out
}

/// `translate/stale` warnings for every translation that has a state file: one per unit
/// whose source changed since it was translated; the units are also recorded in
/// [`crate::model::Translation::stale`] for the HTML. The state files join the project's
/// sources so that their own problems are located.
pub fn stale_diagnostics(project: &mut Project) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut sources = std::mem::take(&mut project.sources);
    let src_lang = project.source_language().to_string();
    let mut marks = Vec::new();
    for (d, doc) in project.documents.iter().enumerate() {
        for (ti, t) in doc.translations.iter().enumerate() {
            if t.lang == src_lang {
                continue;
            }
            let path = state::path(project, doc, &t.lang);
            let world = project.world.clone();
            if !world.is_file(&path) {
                continue;
            }
            let st = match state::read(&*world, &project.root, &path, &mut sources) {
                Ok(Some(s)) => s,
                Ok(None) => continue,
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            };
            let saved = std::mem::replace(&mut project.sources, sources);
            let mut stale = Vec::new();
            document_status(project, doc, &t.lang, Some(&st), &mut stale);
            sources = std::mem::replace(&mut project.sources, saved);
            marks.push((
                d,
                ti,
                stale.iter().map(|s| s.translation).collect::<Vec<_>>(),
            ));
            for s in stale {
                diags.push(
                    Diagnostic::warning(
                        rules::TRANSLATE_STALE,
                        msg!("translate-stale-2", src_lang = &src_lang, id = &s.id),
                    )
                    .at(s.translation)
                    .related(s.source, msg!("translate-stale-note"))
                    .hint(msg!(
                        "translate-stale-hint-2",
                        lang = &t.lang,
                        doc_id = &doc.id()
                    )),
                );
            }
        }
    }
    project.sources = sources;
    for (d, ti, spans) in marks {
        project.documents[d].translations[ti].stale = spans;
    }
    diags
}
