//! The style-guide engine: IOM rule packs, French typography, the privacy scan.
//!
//! - [`pack`]: the typed YAML schema of `styles/rules/*.yaml` (rules as data);
//! - [`compile`]: packs into automata and regex sets, once;
//! - [`scope`]: prose runs from the document model, with a byte map to the source;
//! - [`engine`]: rules over runs (per run and per document); [`typography`], [`numbers`]
//!   [`prose`] and [`readability`] are its code engines;
//! - [`suppress`]: `sopdoc-disable` comments (HTML comments in Markdown, `#` comments in
//!   YAML); [`privacy`]: the scan of every file.
//!
//! Chapters in `fr/` get the packs that list `fr`, chapters in `en/` those that list `en`.
//! Style and typography findings are warnings or infos (DESIGN.md); privacy findings are
//! errors. `sopdoc.yaml`'s `rules:` map raises or lowers any of them.

pub mod compile;
pub mod engine;
pub mod numbers;
pub mod pack;
pub mod privacy;
pub mod prose;
pub mod readability;
mod registries;
pub mod scope;
pub mod spelling;
pub mod suppress;
pub mod typography;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use crate::diag::{Diagnostic, did_you_mean, rules};
use crate::i18n::Message;
use crate::model::{Project, Translation};
use crate::msg;
use crate::source::{SourceFile, SourceId, SourceMap, Span};
use crate::yaml::{self, Embedding};

use compile::CompiledPack;
use engine::{DocContext, DocState, Sink};
use pack::PackFile;
use rayon::prelude::*;

/// Where a project keeps its own rule files.
pub const PROJECT_RULES_DIR: &str = crate::model::PROJECT_RULES_DIR;

/// Compiled packs plus the problems found while loading them.
#[derive(Debug, Default)]
pub struct RuleSet {
    /// The packs.
    pub packs: Vec<CompiledPack>,
    /// Problems in pack files: (index of the file among those compiled, byte range in it
    /// when known, the diagnostic without a location). The bundled files come first.
    problems: Vec<(usize, Option<std::ops::Range<usize>>, Diagnostic)>,
}

impl RuleSet {
    /// Every rule id the packs define.
    pub fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.packs
            .iter()
            .flat_map(|p| p.rules.iter().map(|r| r.id.as_str()))
    }

    /// How many problems the pack files have (the bundled ones must have none).
    pub fn problem_count(&self) -> usize {
        self.problems.len()
    }

    /// The problems of the project's own pack files, located in them (`files`: their ids
    /// in the project's source map, in the order they were compiled).
    fn problems_in(&self, files: &[SourceId], sources: &SourceMap) -> Vec<Diagnostic> {
        let bundled = pack::BUNDLED.len();
        self.problems
            .iter()
            .map(|(file, range, d)| {
                let d = d.clone();
                match file.checked_sub(bundled).and_then(|k| files.get(k)) {
                    Some(&id) => {
                        let range = range.clone().unwrap_or(0..0);
                        let len = sources.get(id).text.len();
                        let range = range.start.min(len)..range.end.min(len);
                        d.at(Span::new(id, range))
                    }
                    // A bundled pack is part of sopdoc: a problem there is a bug, which
                    // the tests catch; name the file all the same.
                    None => d.at_path(format!("(bundled) styles/rules/{}", pack::BUNDLED[*file].0)),
                }
            })
            .collect()
    }
}

/// Reads and compiles pack files: `(path for messages, text)`, bundled ones first.
fn read_packs(files: &[(String, String)]) -> RuleSet {
    let mut by_name: BTreeMap<String, Vec<(usize, PackFile)>> = BTreeMap::new();
    let mut problems = Vec::new();
    for (index, (path, text)) in files.iter().enumerate() {
        let mut map = SourceMap::new();
        let file = SourceFile::new(path.clone(), None, text.clone());
        let id = map.add(file.clone());
        let at = Embedding {
            source: id,
            offset: 0,
        };
        match yaml::parse::<PackFile>(text, &file, at, rules::STYLE_PACK.id) {
            Ok(p) => by_name.entry(p.pack.clone()).or_default().push((index, p)),
            Err(d) => {
                let range = d.span().map(|s| s.range());
                let mut plain = Diagnostic::error(rules::STYLE_PACK, d.message);
                plain.hints = d.hints;
                plain.localized = d.localized;
                problems.push((index, range, plain));
            }
        }
    }
    let mut packs = Vec::new();
    let by_name: Vec<(String, Vec<(usize, PackFile)>)> = by_name.into_iter().collect();
    let compiled = by_name
        .par_iter()
        .map(|(name, files)| {
            let defs: Vec<PackFile> = files.iter().map(|(_, f)| f.clone()).collect();
            compile::compile(name, &defs)
        })
        .collect::<Vec<_>>();
    for ((name, pack_files), result) in by_name.iter().zip(compiled) {
        match result {
            Ok(p) => packs.push(p),
            Err(e) => {
                // At the rule's `id:` line, in the last file that defines it (later files
                // override earlier ones), else at the pack's first file.
                let found = e.rule.as_deref().and_then(|rule| {
                    pack_files.iter().rev().find_map(|(index, _)| {
                        rule_line(&files[*index].1, rule).map(|range| (*index, range))
                    })
                });
                let (index, range) = match found {
                    Some((index, range)) => (index, Some(range)),
                    None => (pack_files[0].0, None),
                };
                problems.push((
                    index,
                    range,
                    Diagnostic::error(
                        rules::STYLE_PACK,
                        msg!("style-pack", name = name, problem = &e.message),
                    )
                    .hint(msg!("style-pack-format")),
                ));
            }
        }
    }
    RuleSet { packs, problems }
}

/// Byte range of the `id: RULE` line in a pack file's text.
fn rule_line(text: &str, rule: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim().trim_start_matches('-').trim();
        if let Some(v) = t.strip_prefix("id:")
            && v.trim().trim_matches(['"', '\'']) == rule
        {
            let start = offset + (line.len() - line.trim_start().len());
            return Some(start..offset + line.trim_end().len());
        }
        offset += line.len();
    }
    None
}

fn bundled_files() -> Vec<(String, String)> {
    pack::BUNDLED
        .iter()
        .map(|(name, text)| {
            (
                format!("(bundled) styles/rules/{name}"),
                (*text).to_string(),
            )
        })
        .collect()
}

/// The bundled packs, compiled once per process (watch mode reuses them).
pub fn bundled() -> &'static RuleSet {
    bundled_shared()
}

fn bundled_shared() -> &'static Arc<RuleSet> {
    static SET: OnceLock<Arc<RuleSet>> = OnceLock::new();
    SET.get_or_init(|| Arc::new(read_packs(&bundled_files())))
}

/// The bundled packs extended by a project's own files (`(path, text)`, in name order),
/// compiled once per distinct set of file contents (watch mode re-checks on every save;
/// the rules rarely change).
pub fn rules_for(own: &[(String, String)]) -> Arc<RuleSet> {
    if own.is_empty() {
        return Arc::clone(bundled_shared());
    }
    type Cache = Mutex<Option<(Vec<(String, String)>, Arc<RuleSet>)>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(None));
    let mut slot = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((files, set)) = slot.as_ref()
        && files.as_slice() == own
    {
        return Arc::clone(set);
    }
    let mut files = bundled_files();
    files.extend(own.iter().cloned());
    let set = Arc::new(read_packs(&files));
    *slot = Some((own.to_vec(), Arc::clone(&set)));
    set
}

/// The project's own rule files as the loader read them.
pub fn project_rule_texts(project: &Project) -> Vec<(String, String)> {
    project
        .rule_files
        .iter()
        .map(|&id| {
            let f = project.sources.get(id);
            (f.path.clone(), f.text.clone())
        })
        .collect()
}

/// Runs the style packs and the privacy scan over a project.
pub fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    check_cached(project, diags, None, None);
}

/// The style linter's findings per translation, kept between runs of one process (watch
/// mode) and reused while the translation's chapters are unchanged. The owner clears it
/// when anything else (rules, registries, the manifest) may have changed.
#[derive(Debug, Default)]
pub struct LintCache {
    translations: HashMap<(String, String), (u64, Vec<Diagnostic>)>,
    /// Privacy findings per file, by a hash of its text.
    privacy: HashMap<SourceId, (u64, Vec<Diagnostic>)>,
    /// The accepted words per language, with the spelling verdicts learnt so far.
    accepted: BTreeMap<String, Arc<spelling::Accepted>>,
}

impl LintCache {
    /// Forgets everything.
    pub fn clear(&mut self) {
        self.translations.clear();
        self.privacy.clear();
        self.accepted.clear();
    }
}

/// What a translation's lint depends on besides the rules and registries: its chapters'
/// files and texts.
fn lint_key(project: &Project, t: &Translation) -> u64 {
    let mut h = DefaultHasher::new();
    t.lang.hash(&mut h);
    for c in &t.chapters {
        c.source.hash(&mut h);
        project.sources.get(c.source).text.hash(&mut h);
    }
    h.finish()
}

/// [`check`], reusing `cache` for translations whose chapters did not change. With `hidden`
/// (and no cache), findings that will be infos are counted there, not built.
pub fn check_cached(
    project: &Project,
    diags: &mut Vec<Diagnostic>,
    cache: Option<&mut LintCache>,
    hidden: Option<&mut crate::diag::Hidden>,
) {
    let hide_infos = hidden.is_some() && cache.is_none();
    let fates = crate::check::Fates::new(project, hide_infos);
    let started = std::time::Instant::now();
    let rules = rules_for(&project_rule_texts(project));
    let rules: &RuleSet = &rules;
    crate::timings::record("style: rules", started);
    diags.extend(rules.problems_in(&project.rule_files, &project.sources));
    validate_overrides(project, rules, diags);
    // The registry automata depend only on the language: built once, cloned per document.
    let mut fresh: BTreeMap<&str, DocState> = BTreeMap::new();
    let word_lists = word_lists(project, diags);
    // Jobs: one per translation not in the cache, plus the privacy scan of every file; they
    // are independent, so they run in parallel and their results are joined in a fixed order.
    let mut cache = cache;
    let mut accepted = cache
        .as_deref()
        .map(|c| c.accepted.clone())
        .unwrap_or_default();
    let mut jobs: Vec<Option<(&Translation, DocState)>> = Vec::new();
    let mut keys = Vec::new();
    for doc in &project.documents {
        for t in &doc.translations {
            let id = (doc.id().to_string(), t.lang.clone());
            let key = lint_key(project, t);
            if let Some(c) = cache.as_deref()
                && let Some((k, found)) = c.translations.get(&id)
                && *k == key
            {
                diags.extend(found.iter().cloned());
                continue;
            }
            let words = accepted
                .entry(t.lang.clone())
                .or_insert_with(|| {
                    Arc::new(spelling::Accepted::new(
                        &project.registries,
                        word_lists
                            .iter()
                            .filter(|(lang, _)| lang.as_deref().is_none_or(|l| l == t.lang))
                            .map(|(_, text)| text.as_str()),
                    ))
                })
                .clone();
            let state = fresh
                .entry(t.lang.as_str())
                .or_insert_with(|| {
                    let mut state = DocState::new(&DocContext {
                        lang: &t.lang,
                        source_lang: project.source_language(),
                        registries: &project.registries,
                    });
                    state.accepted = Some(words);
                    state
                })
                .clone();
            jobs.push(Some((t, state)));
            keys.push((id, key));
        }
    }
    // With a cache, the privacy scan runs afterwards, file by file, on changed files only.
    if cache.is_none() {
        jobs.push(None);
    }
    let results = jobs
        .par_iter()
        .map(|job| {
            let mut out = Vec::new();
            let mut counted = crate::diag::Hidden::new();
            match job {
                Some((t, state)) => lint_translation(
                    project,
                    rules,
                    t,
                    state.clone(),
                    fates,
                    (&mut out, &mut counted),
                ),
                None => privacy_scan(project, rules, &mut out, None),
            }
            (out, counted)
        })
        .collect::<Vec<_>>();
    let mut hidden = hidden;
    for (i, (found, counted)) in results.into_iter().enumerate() {
        if let Some(h) = hidden.as_deref_mut() {
            h.merge(counted);
        }
        if let (Some(c), Some((id, key))) = (cache.as_deref_mut(), keys.get(i)) {
            c.translations.insert(id.clone(), (*key, found.clone()));
        }
        diags.extend(found);
    }
    let started = std::time::Instant::now();
    if let Some(c) = cache {
        c.accepted = accepted;
        privacy_scan(project, rules, diags, Some(&mut c.privacy));
    }
    crate::timings::record("style: privacy", started);
    let started = std::time::Instant::now();
    registries::lint(project, rules, fates, diags, hidden);
    crate::timings::record("style: registries", started);
}

fn lint_translation(
    project: &Project,
    rules: &RuleSet,
    t: &Translation,
    mut state: DocState,
    fates: crate::check::Fates<'_>,
    (diags, hidden): (&mut Vec<Diagnostic>, &mut crate::diag::Hidden),
) {
    let packs: Vec<(usize, &CompiledPack)> = rules
        .packs
        .iter()
        .enumerate()
        .filter(|(_, p)| p.applies_to(&t.lang))
        .collect();
    let mut sups: BTreeMap<SourceId, suppress::Suppressions> = BTreeMap::new();
    let mut spell_time = std::time::Duration::ZERO;
    for chapter in &t.chapters {
        let file = project.sources.get(chapter.source);
        let runs = scope::runs(chapter, file);
        let sup = suppress::Suppressions::for_chapter(chapter, file);
        // Only the first findings of each rule are shown: the others are counted as they
        // come, never held.
        let mut found = crate::diag::capped::Capped::new();
        let mut sink = Sink {
            source: &file.text,
            findings: &mut found,
            suppressions: Some(&sup),
            fates,
        };
        for &(i, pack) in &packs {
            for run in &runs {
                engine::lint_run(pack, run, &mut sink);
                engine::lint_run_in_document((i, pack), run, &mut state, &mut sink);
            }
            let started = std::time::Instant::now();
            for run in &runs {
                engine::spell_run(pack, run, &mut state, &mut sink);
            }
            spell_time += started.elapsed();
            engine::readability(pack, &runs, &mut sink);
        }
        validate_directives(&sup, rules, diags);
        let (kept, counted) = found.finish();
        diags.extend(kept);
        hidden.merge(counted);
        sups.insert(chapter.source, sup);
    }
    if crate::timings::enabled() {
        let since = std::time::Instant::now().checked_sub(spell_time);
        if let Some(since) = since {
            crate::timings::record(
                &format!("spelling: check {} ({})", t.lang, t.chapters.len()),
                since,
            );
        }
    }
    let late = engine::finish_document(&packs, &state);
    let late: Vec<Diagnostic> = late
        .into_iter()
        .filter(|d| {
            !d.span()
                .and_then(|s| sups.get(&s.source))
                .is_some_and(|s| s.suppresses(d))
        })
        .filter(|d| match fates.of(&d.rule, d.severity) {
            crate::check::Fate::Off => false,
            crate::check::Fate::Hidden => {
                hidden.absorb(d);
                false
            }
            crate::check::Fate::Kept => true,
        })
        .collect();
    diags.extend(crate::diag::precap(late));
}

/// The project's word lists: (language, or `None` for every language; text). A list for a
/// language the project lacks, or an entry that is not one word, is a warning.
fn word_lists(project: &Project, diags: &mut Vec<Diagnostic>) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    for &id in &project.word_lists {
        let file = project.sources.get(id);
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        let lang = crate::model::word_list_language(name).map(str::to_string);
        if let Some(l) = &lang
            && !project.languages().any(|p| p == l)
        {
            diags.push(
                Diagnostic::warning(
                    rules::SPELLING_WORD_LIST,
                    msg!("spelling-word-list-language", name = name, lang = l),
                )
                .at(Span::file_start(id))
                .hint(msg!(
                    "spelling-word-list-language-hint",
                    lang = project.source_language()
                )),
            );
            continue;
        }
        let mut offset = 0;
        for line in file.text.split_inclusive('\n') {
            let entry = line.split('#').next().unwrap_or("").trim();
            if entry.contains(char::is_whitespace) {
                let start = offset + line.find(entry).unwrap_or(0);
                diags.push(
                    Diagnostic::warning(
                        rules::SPELLING_WORD_LIST,
                        msg!("spelling-word-list-phrase", entry = entry),
                    )
                    .at(Span::new(id, start..start + entry.len()))
                    .hint(msg!("spelling-word-list-phrase-hint")),
                );
            }
            offset += line.len();
        }
        out.push((lang, file.text.clone()));
    }
    out
}

/// Every rule id a project can name: the catalogue's and its packs'.
fn known_ids(rules: &RuleSet) -> Vec<&str> {
    crate::diag::rules::ALL
        .iter()
        .map(|r| r.id)
        .chain(rules.rule_ids())
        .collect()
}

/// Whether `id` names a rule, or an area or pack that holds rules (`xref`, `typo/fr`).
fn names_a_rule(id: &str, known: &[&str]) -> bool {
    known
        .iter()
        .any(|k| *k == id || k.strip_prefix(id).is_some_and(|rest| rest.starts_with('/')))
}

fn unknown_rule(id: &str, known: &[&str], message: Message, span: Span) -> Diagnostic {
    let mut d = Diagnostic::warning(rules::META_UNKNOWN_RULE, message).at(span);
    if let Some(h) = did_you_mean(id, known.iter().copied()) {
        d = d.hint(h);
    }
    d.hint(msg!("meta-unknown-rule-list"))
}

/// Warns about rule ids in suppression comments that name no rule, and about errors a
/// comment cannot silence.
fn validate_directives(sup: &suppress::Suppressions, rules: &RuleSet, diags: &mut Vec<Diagnostic>) {
    let known = known_ids(rules);
    for (id, span) in &sup.named {
        if !names_a_rule(id, &known) {
            diags.push(unknown_rule(
                id,
                &known,
                msg!("meta-unknown-rule-comment", id = id),
                *span,
            ));
        } else if let Some(r) = crate::diag::rules::find(id)
            && !suppress::silenceable(id, r.level.severity())
        {
            diags.push(
                Diagnostic::warning(
                    rules::META_UNKNOWN_RULE,
                    msg!("meta-unknown-rule-errors", id = id),
                )
                .at(*span)
                .hint(msg!("meta-unknown-rule-errors-hint")),
            );
        }
    }
}

/// Warns about `rules:` keys of sopdoc.yaml that name no rule.
fn validate_overrides(project: &Project, rules: &RuleSet, diags: &mut Vec<Diagnostic>) {
    let known = known_ids(rules);
    let file = project.sources.get(project.manifest_source);
    for (id, level) in &project.manifest.rules {
        if !names_a_rule(id, &known) {
            let at = Embedding {
                source: project.manifest_source,
                offset: 0,
            };
            let span = yaml::location_span(&level.referenced, &file.text, file, at);
            diags.push(unknown_rule(
                id,
                &known,
                msg!("meta-unknown-rule-override", id = id),
                span,
            ));
        }
    }
}

/// Whether a source file is YAML (a registry, `document.yaml`, the manifest).
fn is_yaml(file: &SourceFile) -> bool {
    file.path.ends_with(".yaml") || file.path.ends_with(".yml")
}

fn privacy_scan(
    project: &Project,
    rules: &RuleSet,
    diags: &mut Vec<Diagnostic>,
    cache: Option<&mut HashMap<SourceId, (u64, Vec<Diagnostic>)>>,
) {
    let settings = &project.manifest.privacy;
    // The loader read the names file (and reported it when unreadable).
    let scanner = privacy::Scanner::new(settings, &project.sensitive_names);
    let mut found = Vec::new();
    match cache {
        None => scanner.scan_all(&project.sources, &mut found),
        Some(cache) => {
            for (id, file) in project.sources.iter() {
                let mut h = DefaultHasher::new();
                file.text.hash(&mut h);
                let key = h.finish();
                match cache.get(&id) {
                    Some((k, hits)) if *k == key => found.extend(hits.iter().cloned()),
                    _ => {
                        let mut hits = Vec::new();
                        scanner.scan(id, &file.text, &mut hits);
                        found.extend(hits.iter().cloned());
                        cache.insert(id, (key, hits));
                    }
                }
            }
        }
    }
    // Chapters: HTML comments and the YAML comments of front matter and fences (their unknown
    // rule ids are reported by the style lint); YAML files: their `#` comments.
    let mut sups: BTreeMap<SourceId, suppress::Suppressions> = project
        .documents
        .iter()
        .flat_map(|d| d.translations.iter().flat_map(|t| t.chapters.iter()))
        .map(|c| {
            (
                c.source,
                suppress::Suppressions::for_chapter(c, project.sources.get(c.source)),
            )
        })
        .collect();
    for (id, file) in project.sources.iter() {
        if is_yaml(file) && !sups.contains_key(&id) {
            let sup = suppress::Suppressions::for_yaml(id, file);
            validate_directives(&sup, rules, diags);
            sups.insert(id, sup);
        }
    }
    diags.extend(found.into_iter().filter(|d| {
        !d.span()
            .and_then(|s| sups.get(&s.source))
            .is_some_and(|s| s.suppresses(d))
    }));
}
