//! Checks over the resolved model. Each check is a function from the project to
//! diagnostics; [`run_checks`] runs them all and then applies the project's severity
//! policy (rule overrides in sopdoc.yaml, `status: final`, `--deny-warnings`).

mod headings;
mod procedures;
mod review;
mod structure;
pub mod style;
mod to_verify;
mod translations;
mod unreferenced;

pub use structure::json_schema as structure_json_schema;

use crate::diag::{Diagnostic, Location, Severity};
use crate::model::{Project, Status};
use crate::source::SourceId;

/// Runs every check on a resolved project.
pub fn run_checks(project: &Project) -> Vec<Diagnostic> {
    run_checks_cached(project, None, None)
}

/// What the checks keep between runs in one process (watch mode): the style linter's
/// findings per translation, reused while that translation's chapters are unchanged.
#[derive(Debug, Default)]
pub struct CheckCache {
    style: style::LintCache,
}

impl CheckCache {
    /// Forgets everything (after a change to rules, registries or the manifest).
    pub fn clear(&mut self) {
        self.style.clear();
    }
}

/// [`run_checks`], reusing what `cache` holds for unchanged translations. With `hidden`,
/// the style linter counts the findings that will be infos there instead of building them
/// (without a cache only: the cache keeps what it found for callers that show infos).
pub fn run_checks_cached(
    project: &Project,
    cache: Option<&mut CheckCache>,
    hidden: Option<&mut crate::diag::Hidden>,
) -> Vec<Diagnostic> {
    let started = std::time::Instant::now();
    let mut diags = Vec::new();
    headings::check(project, &mut diags);
    procedures::check(project, &mut diags);
    review::check(project, &mut diags);
    structure::check(project, &mut diags);
    translations::check(project, &mut diags);
    to_verify::check(project, &mut diags);
    unreferenced::check(project, &mut diags);
    crate::timings::record("checks before style", started);
    style::check_cached(project, &mut diags, cache.map(|c| &mut c.style), hidden);
    diags
}

/// What becomes of a rule's findings under the project's severity policy, decided before a
/// finding is built: a rule switched `off` costs nothing, and an info that the caller will
/// not show is only counted (see [`crate::diag::hidden`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fates<'a> {
    overrides: &'a std::collections::BTreeMap<String, serde_saphyr::Spanned<String>>,
    hide_infos: bool,
}

/// See [`Fates`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fate {
    /// Switched off: dropped.
    Off,
    /// An info the caller hides: counted.
    Hidden,
    /// Built and kept.
    Kept,
}

impl<'a> Fates<'a> {
    /// The fates under `project`'s overrides; infos hidden when `hide_infos`.
    pub(crate) fn new(project: &'a Project, hide_infos: bool) -> Self {
        Fates {
            overrides: &project.manifest.rules,
            hide_infos,
        }
    }

    /// The fate of a finding of `rule` whose own severity is `base`. Only the override
    /// decides between info and the rest: `--deny-warnings` and `status: final` raise
    /// warnings only.
    pub(crate) fn of(&self, rule: &str, base: Severity) -> Fate {
        let severity = if self.overrides.is_empty() {
            base
        } else {
            match rule_override(self.overrides, rule) {
                Some(level) => match overridden(&level.value, base) {
                    Some(severity) => severity,
                    None => return Fate::Off,
                },
                None => base,
            }
        };
        if self.hide_infos && severity == Severity::Info {
            Fate::Hidden
        } else {
            Fate::Kept
        }
    }
}

/// The severity an override `level` gives a finding of severity `base`; `None` for `off`.
/// One function for [`Fates`] and [`apply_policy`]: the infos counted early must be the
/// ones the policy would have made infos.
fn overridden(level: &str, base: Severity) -> Option<Severity> {
    match level {
        "off" => None,
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => Some(base),
    }
}

/// The override for `rule`: its own entry, else the nearest enclosing prefix's
/// (`typo/fr` covers `typo/fr/apostrophe`; `style` covers every style rule).
fn rule_override<'a, V>(
    rules: &'a std::collections::BTreeMap<String, V>,
    rule: &str,
) -> Option<&'a V> {
    let mut key = rule;
    loop {
        if let Some(v) = rules.get(key) {
            return Some(v);
        }
        key = &key[..key.rfind('/')?];
    }
}

/// The suppression comments of the files where diagnostics other than the style engine's
/// (which applies them itself) are reported.
fn suppressions_for(
    project: &Project,
    diags: &[Diagnostic],
) -> std::collections::HashMap<SourceId, style::suppress::Suppressions> {
    let wanted: std::collections::HashSet<SourceId> = diags
        .iter()
        .filter(|d| !matches!(d.rule.split('/').next(), Some("style" | "typo" | "privacy")))
        .filter_map(|d| d.span().map(|s| s.source))
        .collect();
    let mut out = std::collections::HashMap::new();
    for chapter in project
        .documents
        .iter()
        .flat_map(|d| d.translations.iter().flat_map(|t| t.chapters.iter()))
        .filter(|c| wanted.contains(&c.source))
    {
        let file = project.sources.get(chapter.source);
        out.insert(
            chapter.source,
            style::suppress::Suppressions::for_chapter(chapter, file),
        );
    }
    for &id in &wanted {
        let file = project.sources.get(id);
        if file.path.ends_with(".yaml") || file.path.ends_with(".yml") {
            out.entry(id)
                .or_insert_with(|| style::suppress::Suppressions::for_yaml(id, file));
        }
    }
    out
}

/// Applies severity policy to all diagnostics of a run, and drops rules switched `off`.
///
/// Order matters: a project override sets the base severity; then warnings in a final
/// document, or everywhere with `deny_warnings`, become errors.
pub fn apply_policy(
    project: &Project,
    diags: Vec<Diagnostic>,
    deny_warnings: bool,
) -> Vec<Diagnostic> {
    let final_sources: std::collections::HashSet<SourceId> = project
        .documents
        .iter()
        .filter(|d| d.meta.status == Status::Final)
        .flat_map(|d| {
            std::iter::once(d.meta_source)
                .chain(d.comments.as_ref().map(|c| c.source))
                .chain(
                    d.translations
                        .iter()
                        .flat_map(|t| t.chapters.iter().map(|c| c.source)),
                )
        })
        .collect();
    let suppressions = suppressions_for(project, &diags);
    let mut overrides = std::collections::HashMap::new();
    diags
        .into_iter()
        .filter(|d| {
            !d.span().is_some_and(|s| {
                suppressions.get(&s.source).is_some_and(|sup| {
                    style::suppress::silenceable(&d.rule, d.severity) && sup.suppresses(d)
                })
            })
        })
        .filter_map(|mut d| {
            // Tens of thousands of findings share a few dozen rules: each rule's override
            // is looked up once.
            let level = match overrides.get(d.rule.as_str()) {
                Some(level) => *level,
                None => {
                    let level = rule_override(&project.manifest.rules, &d.rule);
                    overrides.insert(d.rule.clone(), level);
                    level
                }
            };
            if let Some(level) = level {
                d.severity = overridden(&level.value, d.severity)?;
            }
            let in_final =
                matches!(&d.location, Some(Location::Span(s)) if final_sources.contains(&s.source));
            if d.severity == Severity::Warning && (deny_warnings || in_final) {
                d.severity = Severity::Error;
            }
            Some(d)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn overrides_apply_to_rule_prefixes() {
        let rules: std::collections::BTreeMap<String, u8> = [
            ("typo/fr".to_string(), 1),
            ("typo/fr/apostrophe".to_string(), 2),
        ]
        .into();
        assert_eq!(super::rule_override(&rules, "typo/fr/apostrophe"), Some(&2));
        assert_eq!(
            super::rule_override(&rules, "typo/fr/espace-double"),
            Some(&1)
        );
        assert_eq!(super::rule_override(&rules, "style/iom-fr/x"), None);
    }
}
