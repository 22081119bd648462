//! Procedure checks: every actor known, every step reachable and able to reach an exit,
//! decisions that really branch, and translations with the same pathway as the source.
//!
//! Unknown actors and steps, duplicate steps and pathways with no way out are errors (the
//! diagram would be wrong); unreachable steps, steps without a responsible actor and a
//! last step that does not say where the case goes are warnings.
//!
//! Forms are kept true to the steps: an `outputs:` entry is a form unless marked
//! `form: false`, and a form must link to an annex that is one (it holds `____` lines, a
//! task list or a `signature` block), else `procedure/missing-form`; an annex form that no
//! step names is `procedure/unused-form` (info).

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, did_you_mean, rules};
use crate::i18n::{Message, Text};
use crate::model::*;
use crate::msg;

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let actors: Vec<&str> = project
        .registries
        .actors
        .iter()
        .map(|a| a.id.value.as_str())
        .collect();
    // An unreadable actors.yaml was reported once; every actor would look unknown.
    let actors = project
        .registries
        .readable("actors.yaml")
        .then_some(actors.as_slice());
    for doc in &project.documents {
        for t in &doc.translations {
            for p in procedures(t) {
                one(p, actors, diags);
            }
        }
        if let Some(source) = doc.translations.first() {
            let originals: BTreeMap<&str, &Procedure> = procedures(source)
                .into_iter()
                .map(|p| (p.id.as_str(), p))
                .collect();
            for t in doc.translations.iter().skip(1) {
                for p in procedures(t) {
                    if let Some(original) = originals.get(p.id.as_str()) {
                        same_pathway(original, p, &source.lang, diags);
                    }
                }
            }
        }
    }
    forms(project, diags);
}

/// Whether a chapter is a form: it holds a line to write on (`____`), a task list or a
/// `signature` block.
pub(crate) fn is_form(chapter: &Chapter) -> bool {
    let mut found = false;
    walk_blocks(&chapter.blocks, &mut |b| {
        match &b.kind {
            BlockKind::Code { lang: Some(l), .. } if l == "signature" => found = true,
            BlockKind::List(l) if l.items.iter().any(|i| i.task.is_some()) => found = true,
            _ => {}
        }
        if !found {
            block_inlines(b, &mut |inl| {
                walk_inlines(inl, &mut |i| {
                    if let InlineKind::Text(t) = &i.kind {
                        found |= t.contains("____");
                    }
                })
            });
        }
    });
    found
}

/// The annex form a resolved cross-reference leads to: (document id, chapter index in
/// the document's source translation), when the target sits in an annex that is a form.
pub(crate) fn form_annex(project: &Project, x: &Xref) -> Option<(String, usize)> {
    let doc = project.document(&x.doc)?;
    let source = doc.translations.first()?;
    let anchor = source.anchors.get(x.anchor.as_deref()?)?;
    let chapter = source.chapters.get(anchor.chapter)?;
    (chapter.meta.annex && is_form(chapter)).then(|| (x.doc.clone(), anchor.chapter))
}

/// The annex forms an output links to.
pub(crate) fn output_forms(project: &Project, o: &Output) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    walk_inlines(&o.text, &mut |i| {
        if let InlineKind::Link(l) = &i.kind
            && let LinkTarget::Xref(x) = &l.target
            && let Some(found) = form_annex(project, x)
        {
            out.push(found);
        }
    });
    out
}

/// `procedure/missing-form` on the source language's forms, then `procedure/unused-form`
/// on annex forms that no step of any document names.
fn forms(project: &Project, diags: &mut Vec<Diagnostic>) {
    let mut used: BTreeSet<(String, usize)> = BTreeSet::new();
    for doc in &project.documents {
        let Some(source) = doc.translations.first() else {
            continue;
        };
        for p in procedures(source) {
            for s in &p.steps {
                for o in s.outputs.iter().filter(|o| o.form) {
                    let found = output_forms(project, o);
                    if found.is_empty() {
                        let text = plain_text(&o.text);
                        diags.push(
                            Diagnostic::warning(
                                rules::PROCEDURE_MISSING_FORM,
                                msg!(
                                    "procedure-missing-form",
                                    id = &s.id.value,
                                    text = &text.trim()
                                ),
                            )
                            .at(o.span)
                            .hint(msg!("procedure-missing-form-hint")),
                        );
                    }
                    used.extend(found);
                }
            }
        }
    }
    for doc in &project.documents {
        let Some(source) = doc.translations.first() else {
            continue;
        };
        for (i, ch) in source.chapters.iter().enumerate() {
            if !ch.meta.annex || !is_form(ch) || used.contains(&(doc.id().to_string(), i)) {
                continue;
            }
            let at = ch
                .blocks
                .iter()
                .find(|b| matches!(b.kind, BlockKind::Heading(_)))
                .map_or(crate::source::Span::file_start(ch.source), |b| b.span);
            diags.push(
                Diagnostic::info(
                    rules::PROCEDURE_UNUSED_FORM,
                    msg!("procedure-unused-form", title = &ch.title()),
                )
                .at(at)
                .hint(msg!("procedure-unused-form-hint")),
            );
        }
    }
}

fn procedures(t: &Translation) -> Vec<&Procedure> {
    let mut out = Vec::new();
    for ch in &t.chapters {
        walk_blocks(&ch.blocks, &mut |b| {
            if let BlockKind::Procedure(p) = &b.kind {
                out.push(&**p);
            }
        });
    }
    out
}

fn one(p: &Procedure, actors: Option<&[&str]>, diags: &mut Vec<Diagnostic>) {
    let mut first: BTreeMap<&str, &Step> = BTreeMap::new();
    for s in &p.steps {
        if let Some(prev) = first.get(s.id.value.as_str()) {
            diags.push(
                Diagnostic::error(
                    rules::PROCEDURE_DUPLICATE_STEP,
                    msg!("procedure-duplicate-step", id = &s.id.value, id2 = &p.id),
                )
                .at(s.id.span)
                .related(prev.id.span, msg!("procedure-duplicate-step-note"))
                .hint(msg!("procedure-duplicate-step-hint")),
            );
        } else {
            first.insert(&s.id.value, s);
        }
        match &s.actor {
            None => diags.push(
                Diagnostic::warning(
                    rules::PROCEDURE_MISSING_ACTOR,
                    msg!("procedure-missing-actor", id = &s.id.value),
                )
                .at(s.id.span)
                .hint(msg!("procedure-missing-actor-hint")),
            ),
            Some(a) => known_actor(a, actors, diags),
        }
        for a in &s.support {
            known_actor(a, actors, diags);
        }
        if let Flow::Decision { branches, .. } = &s.flow {
            let mut labels = BTreeSet::new();
            for b in branches {
                if !labels.insert(b.label.as_str()) {
                    diags.push(
                        Diagnostic::error(
                            rules::PROCEDURE_DUPLICATE_BRANCH,
                            msg!(
                                "procedure-duplicate-branch",
                                id = &s.id.value,
                                label = &b.label
                            ),
                        )
                        .at(b.target.span)
                        .hint(msg!("procedure-duplicate-branch-hint")),
                    );
                }
            }
        }
        for target in targets(s) {
            if p.step(&target.value).is_none() {
                let ids = p.steps.iter().map(|s| s.id.value.as_str());
                let mut d = Diagnostic::error(
                    rules::PROCEDURE_UNKNOWN_STEP,
                    msg!("procedure-unknown-step", id = &p.id, target = &target.value),
                )
                .at(target.span);
                d = d.hint(
                    did_you_mean(&target.value, ids)
                        .unwrap_or_else(|| msg!("procedure-unknown-step-hint").into()),
                );
                diags.push(d);
            }
        }
    }
    if p.steps.is_empty() {
        return;
    }
    let reached = reachable(p);
    for (i, s) in p.steps.iter().enumerate() {
        if !reached[i] {
            diags.push(
                Diagnostic::warning(
                    rules::PROCEDURE_UNREACHABLE,
                    msg!("procedure-unreachable", id = &s.id.value),
                )
                .at(s.id.span)
                .hint(msg!("procedure-unreachable-hint")),
            );
        }
    }
    let ends = |s: &Step| matches!(s.flow, Flow::Exit(_) | Flow::End);
    if !p.steps.iter().zip(&reached).any(|(s, r)| *r && ends(s)) {
        diags.push(
            Diagnostic::error(
                rules::PROCEDURE_NO_EXIT,
                msg!("procedure-no-exit", id = &p.id),
            )
            .at(p.id_span)
            .hint(msg!("procedure-no-exit-hint")),
        );
    }
    for s in &p.steps {
        if s.flow == Flow::End {
            diags.push(
                Diagnostic::warning(
                    rules::PROCEDURE_MISSING_EXIT,
                    msg!("procedure-missing-exit", id = &s.id.value),
                )
                .at(s.id.span)
                .hint(msg!("procedure-missing-exit-hint")),
            );
        }
    }
}

/// `actors` is `None` when actors.yaml could not be read: nothing can be called unknown.
fn known_actor(a: &Named, actors: Option<&[&str]>, diags: &mut Vec<Diagnostic>) {
    let Some(actors) = actors else { return };
    if actors.contains(&a.value.as_str()) {
        return;
    }
    let hint = did_you_mean(&a.value, actors.iter().copied())
        .unwrap_or_else(|| valid_ids_hint(&a.value, actors));
    diags.push(
        Diagnostic::error(
            rules::PROCEDURE_UNKNOWN_ACTOR,
            msg!("procedure-unknown-actor", actor = &a.value),
        )
        .at(a.span)
        .hint(hint),
    );
}

/// With no close match, the ids an author may use (a new user does not know them yet).
fn valid_ids_hint(unknown: &str, actors: &[&str]) -> Text {
    if actors.is_empty() {
        return msg!("procedure-unknown-actor-no-actors", actor = unknown).into();
    }
    let mut ids = actors.to_vec();
    ids.sort_unstable();
    let shown: Vec<String> = ids.iter().take(20).map(|id| format!("`{id}`")).collect();
    msg!(
        "procedure-unknown-actor-add",
        actor = unknown,
        ids = shown.join(", "),
        more = ids.len() - shown.len()
    )
    .into()
}

/// The steps a step can lead to.
fn targets(s: &Step) -> Vec<&Named> {
    match &s.flow {
        Flow::Next { target, .. } => vec![target],
        Flow::Decision { branches, .. } => branches.iter().map(|b| &b.target).collect(),
        Flow::Exit(_) | Flow::End => Vec::new(),
    }
}

/// Which steps a case can reach from the first one.
fn reachable(p: &Procedure) -> Vec<bool> {
    let mut seen = vec![false; p.steps.len()];
    let mut stack = vec![0];
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        for t in targets(&p.steps[i]) {
            if let Some(j) = p.step_index(&t.value) {
                stack.push(j);
            }
        }
    }
    seen
}

/// The shape of a step that every language must share: id, actors, where it leads.
fn shape(
    s: &Step,
) -> (
    String,
    Option<String>,
    Vec<String>,
    String,
    Vec<bool>,
    usize,
) {
    let flow = match &s.flow {
        Flow::Next { target, .. } => format!("next {}", target.value),
        Flow::Decision { branches, .. } => format!(
            "decision {}",
            branches
                .iter()
                .map(|b| b.target.value.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        ),
        Flow::Exit(_) => "exit".into(),
        Flow::End => "end".into(),
    };
    (
        s.id.value.clone(),
        s.actor.as_ref().map(|a| a.value.clone()),
        s.support.iter().map(|a| a.value.clone()).collect(),
        flow,
        s.outputs.iter().map(|o| o.form).collect(),
        s.never.len(),
    )
}

fn same_pathway(source: &Procedure, t: &Procedure, source_lang: &str, diags: &mut Vec<Diagnostic>) {
    let mismatch = |at: crate::source::Span, message: Message, related: crate::source::Span| {
        Diagnostic::error(rules::PROCEDURE_TRANSLATION_MISMATCH, message)
            .at(at)
            .related(
                related,
                msg!(
                    "procedure-translation-mismatch-note",
                    source_lang = &source_lang
                ),
            )
            .hint(msg!("procedure-translation-mismatch-hint"))
    };
    if source.steps.len() != t.steps.len() {
        diags.push(mismatch(
            t.id_span,
            msg!(
                "procedure-translation-mismatch-steps",
                id = &t.id,
                here = t.steps.len(),
                source = source.steps.len()
            ),
            source.id_span,
        ));
        return;
    }
    for (a, b) in source.steps.iter().zip(&t.steps) {
        let (sa, sb) = (shape(a), shape(b));
        if sa != sb {
            let what = if sa.0 != sb.0 {
                msg!(
                    "procedure-translation-mismatch-kind",
                    number = &b.number,
                    here = &sb.0,
                    source = &sa.0
                )
            } else if sa.1 != sb.1 || sa.2 != sb.2 {
                msg!("procedure-translation-mismatch-actors", id = &b.id.value)
            } else if sa.3 != sb.3 {
                msg!(
                    "procedure-translation-mismatch-flow",
                    id = &b.id.value,
                    here = &sb.3,
                    source = &sa.3
                )
            } else if sa.4 != sb.4 {
                msg!("procedure-translation-mismatch-outputs", id = &b.id.value)
            } else {
                msg!(
                    "procedure-translation-mismatch-never",
                    id = &b.id.value,
                    here = &sb.5,
                    source = &sa.5
                )
            };
            diags.push(mismatch(b.id.span, what, a.id.span));
        }
    }
}
