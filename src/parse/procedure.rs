//! ```` ```procedure ```` and ```` ```responsibilities ```` fences into the model.
//!
//! A procedure is YAML a consultant can read aloud:
//!
//! ```yaml
//! id: identification
//! title: Identification et orientation initiale
//! steps:
//!   - id: reperage
//!     actor: police            # an id of actors.yaml
//!     support: [ong]           # optional
//!     action: Repérer une victime potentielle à l'aide des [indicateurs](#indicateurs).
//!     time: Dès le premier contact
//!     outputs: [Fiche de signalement]
//!   - id: age                  # no `next`: the case goes to the following step
//!     actor: das
//!     decision: La personne est-elle mineure ?
//!     branches: {oui: enfant, non: consentement}
//!   - id: enfant
//!     actor: das
//!     action: Orienter vers les services de protection de l'enfance.
//!     exit: Prise en charge par la [procédure 2](#protection-enfant)
//! ```
//!
//! Every text value is inline Markdown (links and cross-references work), and every span
//! points at the value inside the YAML, not at the fence, so diagnostics land on the
//! right line.

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::model::*;
use crate::msg;
use crate::source::{SourceFile, SourceId, Span};
use crate::yaml::{self, Embedding};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcedureYaml {
    id: Spanned<String>,
    title: Spanned<String>,
    /// `false` leaves the pathway diagram out.
    #[serde(default = "yes")]
    diagram: bool,
    /// The diagram's caption (default: the title), with an optional trailing `{#id}`.
    #[serde(default)]
    caption: Option<Spanned<String>>,
    steps: Vec<Spanned<StepYaml>>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepYaml {
    id: Spanned<String>,
    #[serde(default)]
    actor: Option<Spanned<String>>,
    #[serde(default)]
    support: Vec<Spanned<String>>,
    #[serde(default)]
    action: Option<Spanned<String>>,
    #[serde(default)]
    time: Option<Spanned<String>>,
    #[serde(default)]
    outputs: Vec<Spanned<OutputYaml>>,
    /// What the actor must never do at this step.
    #[serde(default)]
    never: Vec<Spanned<String>>,
    #[serde(default)]
    next: Option<Spanned<String>>,
    #[serde(default)]
    decision: Option<Spanned<String>>,
    #[serde(default)]
    branches: Option<Spanned<Branches>>,
    #[serde(default)]
    exit: Option<Spanned<String>>,
}

/// `branches: {oui: a, non: b}`, kept in the order written.
#[derive(Debug, Default)]
struct Branches(Vec<(Spanned<String>, Spanned<String>)>);

impl<'de> Deserialize<'de> for Branches {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Branches;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map from answer to step id, such as `{oui: enfant, non: adulte}`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Branches, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<Spanned<String>, Spanned<String>>()? {
                    out.push(entry);
                }
                Ok(Branches(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// One `outputs:` entry: a string (a form), or `{text: …, form: false}` for a document
/// that is not a form to fill in.
#[derive(Debug)]
enum OutputYaml {
    /// `"Fiche de détection ([](#annexe-fiche))"`.
    Plain(String),
    /// `{text: "Rapport social", form: false}`.
    Detailed { text: Spanned<String>, form: bool },
}

impl<'de> Deserialize<'de> for OutputYaml {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OutputYaml;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a form's name, or `{text: …, form: false}` for a document that is not a form",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OutputYaml, E> {
                Ok(OutputYaml::Plain(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<OutputYaml, E> {
                Ok(OutputYaml::Plain(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OutputYaml, A::Error> {
                use serde::de::Error;
                let mut text = None;
                let mut form = true;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "text" => text = Some(map.next_value::<Spanned<String>>()?),
                        "form" => form = map.next_value::<bool>()?,
                        other => return Err(A::Error::unknown_field(other, &["text", "form"])),
                    }
                }
                let text = text.ok_or_else(|| A::Error::missing_field("text"))?;
                Ok(OutputYaml::Detailed { text, form })
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MatrixYaml {
    #[serde(default)]
    caption: Option<Spanned<String>>,
}

/// Where the body of a fence sits in its file.
struct FenceBody<'a> {
    yaml: &'a str,
    at: Embedding,
    file: &'a SourceFile,
    /// The whole fence, for problems that have no better place.
    span: Span,
}

impl FenceBody<'_> {
    fn span_of<T>(&self, v: &Spanned<T>) -> Span {
        yaml::value_span(v, self.yaml, self.file, self.at)
    }

    /// A YAML string value as inline Markdown, its spans inside the file when the value
    /// is written on one line as is (plain or quoted), else all on the value.
    fn inlines(&self, v: &Spanned<String>, diags: &mut Vec<Diagnostic>) -> Vec<Inline> {
        let span = self.span_of(v);
        let written = &self.file.text[span.range()];
        let shift = if written == v.value {
            Some(span.start)
        } else if written.len() >= 2 && written.get(1..written.len() - 1) == Some(v.value.as_str())
        {
            Some(span.start + 1)
        } else {
            None
        };
        let (mut inl, mut found) = super::markdown::inlines(&v.value, span.source);
        let relocate = |s: Span| match shift {
            Some(base) => s.offset(base),
            None => span,
        };
        relocate_inlines(&mut inl, &relocate);
        for d in &mut found {
            if let Some(crate::diag::Location::Span(s)) = &mut d.location {
                *s = relocate(*s);
            }
            if shift.is_none() {
                d.fix = None;
            }
        }
        diags.extend(found);
        inl
    }
}

fn relocate_inlines(inlines: &mut [Inline], f: &dyn Fn(Span) -> Span) {
    for i in inlines {
        i.span = f(i.span);
        match &mut i.kind {
            InlineKind::Emphasis(c) | InlineKind::Strong(c) | InlineKind::Strikethrough(c) => {
                relocate_inlines(c, f)
            }
            InlineKind::Link(l) => relocate_inlines(&mut l.content, f),
            _ => {}
        }
    }
}

/// The YAML between a fence's opening and closing lines, sliced from the file so YAML
/// lines and columns are file lines and columns.
fn fence_body<'a>(file: &'a SourceFile, id: SourceId, block: Span) -> FenceBody<'a> {
    let range = block.range();
    let text = &file.text[range.clone()];
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let body = &text[start..];
    let trimmed = body.trim_end_matches(['\n', '\r', ' ']);
    let last_line_start = trimmed.rfind('\n').map_or(0, |i| i + 1);
    let last = trimmed[last_line_start..].trim_start();
    let end = if last.starts_with("```") || last.starts_with("~~~") {
        last_line_start
    } else {
        body.len()
    };
    FenceBody {
        yaml: &body[..end],
        at: Embedding {
            source: id,
            offset: range.start + start,
        },
        file,
        span: block,
    }
}

/// Replaces `procedure`, `responsibilities` and `bibliography` code blocks of a block tree
/// by their model.
pub(super) fn lift(
    blocks: &mut [Block],
    file: &SourceFile,
    id: SourceId,
    diags: &mut Vec<Diagnostic>,
) {
    for b in blocks {
        match &mut b.kind {
            BlockKind::Code {
                lang: Some(lang), ..
            } if lang == "procedure" => {
                let body = fence_body(file, id, b.span);
                if let Some(p) = procedure(&body, diags) {
                    b.kind = BlockKind::Procedure(Box::new(p));
                }
            }
            BlockKind::Code {
                lang: Some(lang), ..
            } if lang == "responsibilities" => {
                let body = fence_body(file, id, b.span);
                if let Some(m) = matrix(&body, diags) {
                    b.kind = BlockKind::Matrix(Box::new(m));
                }
            }
            BlockKind::Code {
                lang: Some(lang), ..
            } if lang == "bibliography" => {
                b.kind = BlockKind::Bibliography(Vec::new());
            }
            BlockKind::List(l) => {
                for item in &mut l.items {
                    lift(&mut item.blocks, file, id, diags);
                }
            }
            BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => {
                lift(blocks, file, id, diags)
            }
            _ => {}
        }
    }
}

fn matrix(body: &FenceBody<'_>, diags: &mut Vec<Diagnostic>) -> Option<Matrix> {
    let y: MatrixYaml = if body.yaml.trim().is_empty() {
        MatrixYaml::default()
    } else {
        match yaml::parse(body.yaml, body.file, body.at, rules::PROCEDURE_YAML.id) {
            Ok(y) => y,
            Err(d) => {
                diags.push(d);
                return None;
            }
        }
    };
    let caption = match &y.caption {
        Some(c) => caption_from(body, c, diags),
        None => Caption {
            content: Vec::new(),
            id: None,
            number: String::new(),
            span: body.span,
        },
    };
    Some(Matrix {
        caption,
        procedures: Vec::new(),
        rows: Vec::new(),
    })
}

/// A caption written as a YAML string, with an optional trailing `{#id}`.
fn caption_from(body: &FenceBody<'_>, v: &Spanned<String>, diags: &mut Vec<Diagnostic>) -> Caption {
    let span = body.span_of(v);
    let mut content = body.inlines(v, diags);
    let mut id = None;
    if let Some(Inline {
        kind: InlineKind::Text(t),
        span,
    }) = content.last_mut()
        && let Some((rest, found)) = super::markdown::trailing_id(t)
    {
        // The text keeps an exact span (translators' tools replace exactly that range).
        if span.end - span.start == t.len() && t.starts_with(rest.as_str()) {
            span.end = span.start + rest.len();
        }
        *t = rest;
        id = Some(found);
    }
    Caption {
        content,
        id,
        number: String::new(),
        span,
    }
}

fn procedure(body: &FenceBody<'_>, diags: &mut Vec<Diagnostic>) -> Option<Procedure> {
    let y: ProcedureYaml =
        match yaml::parse(body.yaml, body.file, body.at, rules::PROCEDURE_YAML.id) {
            Ok(y) => y,
            Err(d) => {
                diags.push(d);
                return None;
            }
        };
    let id_span = body.span_of(&y.id);
    if !is_valid_id(&y.id.value) {
        diags.push(
            Diagnostic::error(
                rules::PROCEDURE_INVALID_ID,
                msg!("procedure-invalid-id", id = &y.id.value),
            )
            .at(id_span)
            .hint(msg!(
                "procedure-invalid-id-hint",
                id = &(crate::model::slug(&y.id.value))
            )),
        );
    }
    let title = body.inlines(&y.title, diags);
    let diagram = y.diagram.then(|| match &y.caption {
        Some(c) => caption_from(body, c, diags),
        // An empty caption prints the title.
        None => Caption {
            content: Vec::new(),
            id: None,
            number: String::new(),
            span: id_span,
        },
    });
    if y.steps.is_empty() {
        diags.push(
            Diagnostic::error(rules::PROCEDURE_NO_STEPS, msg!("procedure-no-steps"))
                .at(id_span)
                .hint(msg!("procedure-no-steps-hint")),
        );
    }
    let ids: Vec<Named> = y
        .steps
        .iter()
        .map(|s| Named {
            value: s.value.id.value.clone(),
            span: body.span_of(&s.value.id),
            label: String::new(),
            name: String::new(),
        })
        .collect();
    let mut steps = Vec::with_capacity(y.steps.len());
    for (i, s) in y.steps.iter().enumerate() {
        let step_span = body.span_of(s);
        let s = &s.value;
        let named = |v: &Spanned<String>| Named {
            value: v.value.trim().to_string(),
            span: body.span_of(v),
            label: String::new(),
            name: String::new(),
        };
        if !is_valid_id(&s.id.value) {
            diags.push(
                Diagnostic::error(
                    rules::PROCEDURE_INVALID_ID,
                    msg!("procedure-invalid-id-2", id = &s.id.value),
                )
                .at(ids[i].span)
                .hint(msg!(
                    "procedure-invalid-id-hint",
                    id = &(crate::model::slug(&s.id.value))
                )),
            );
        }
        let flow = flow(body, s, ids.get(i + 1), &ids[i], diags);
        if s.action.is_none() && s.decision.is_none() {
            diags.push(
                Diagnostic::error(
                    rules::PROCEDURE_MISSING_ACTION,
                    msg!("procedure-missing-action", id = &s.id.value),
                )
                .at(ids[i].span)
                .hint(msg!("procedure-missing-action-hint")),
            );
        }
        steps.push(Step {
            id: ids[i].clone(),
            number: i + 1,
            actor: s.actor.as_ref().map(named),
            support: s.support.iter().map(named).collect(),
            action: s
                .action
                .as_ref()
                .map(|a| body.inlines(a, diags))
                .unwrap_or_default(),
            time: s
                .time
                .as_ref()
                .map(|t| body.inlines(t, diags))
                .unwrap_or_default(),
            outputs: s.outputs.iter().map(|o| output(body, o, diags)).collect(),
            never: s.never.iter().map(|n| body.inlines(n, diags)).collect(),
            flow,
            span: step_span,
        });
    }
    Some(Procedure {
        id: y.id.value.clone(),
        id_span,
        title,
        number: String::new(),
        steps,
        diagram,
    })
}

/// One `outputs:` entry into the model; a plain string keeps exact spans (the value
/// itself is the text).
fn output(body: &FenceBody<'_>, o: &Spanned<OutputYaml>, diags: &mut Vec<Diagnostic>) -> Output {
    let span = body.span_of(o);
    match &o.value {
        OutputYaml::Plain(text) => {
            let as_string = Spanned {
                value: text.clone(),
                referenced: o.referenced,
                defined: o.defined,
            };
            Output {
                text: body.inlines(&as_string, diags),
                form: true,
                span,
            }
        }
        OutputYaml::Detailed { text, form } => Output {
            text: body.inlines(text, diags),
            form: *form,
            span,
        },
    }
}

/// Where the case goes after step `s`; one of `next`, `decision` + `branches`, `exit`.
fn flow(
    body: &FenceBody<'_>,
    s: &StepYaml,
    following: Option<&Named>,
    this: &Named,
    diags: &mut Vec<Diagnostic>,
) -> Flow {
    let given: Vec<&str> = [
        s.next.as_ref().map(|_| "next"),
        (s.decision.is_some() || s.branches.is_some()).then_some("decision"),
        s.exit.as_ref().map(|_| "exit"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if given.len() > 1 {
        diags.push(
            Diagnostic::error(
                rules::PROCEDURE_CONFLICTING_FLOW,
                msg!(
                    "procedure-conflicting-flow",
                    this = &this.value,
                    given = &(given[0]),
                    given2 = &(given[1])
                ),
            )
            .at(this.span)
            .hint(msg!("procedure-conflicting-flow-hint")),
        );
    }
    if let Some(q) = &s.decision {
        let question = body.inlines(q, diags);
        let branches: Vec<Branch> = match &s.branches {
            Some(b) => b
                .value
                .0
                .iter()
                .map(|(label, target)| Branch {
                    label: label.value.trim().to_string(),
                    label_span: body.span_of(label),
                    target: Named {
                        value: target.value.trim().to_string(),
                        span: body.span_of(target),
                        label: String::new(),
                        name: String::new(),
                    },
                })
                .collect(),
            None => Vec::new(),
        };
        if branches.len() < 2 {
            let at = s
                .branches
                .as_ref()
                .map_or(body.span_of(q), |b| body.span_of(b));
            diags.push(
                Diagnostic::error(
                    rules::PROCEDURE_SINGLE_BRANCH,
                    msg!(
                        "procedure-single-branch",
                        this = &this.value,
                        branches_count = &branches.len()
                    ),
                )
                .at(at)
                .hint(msg!("procedure-single-branch-hint")),
            );
        }
        return Flow::Decision { question, branches };
    }
    if let Some(b) = &s.branches {
        diags.push(
            Diagnostic::error(
                rules::PROCEDURE_BRANCHES_WITHOUT_DECISION,
                msg!("procedure-branches-without-decision", this = &this.value),
            )
            .at(body.span_of(b))
            .hint(msg!("procedure-branches-without-decision-hint")),
        );
    }
    if let Some(n) = &s.next {
        return Flow::Next {
            target: Named {
                value: n.value.trim().to_string(),
                span: body.span_of(n),
                label: String::new(),
                name: String::new(),
            },
            implied: false,
        };
    }
    if let Some(e) = &s.exit {
        return Flow::Exit(body.inlines(e, diags));
    }
    match following {
        Some(f) => Flow::Next {
            target: Named {
                value: f.value.clone(),
                span: this.span,
                label: String::new(),
                name: String::new(),
            },
            implied: true,
        },
        None => Flow::End,
    }
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::parse::{ParsedChapter, parse_chapter};
    use crate::source::{SourceFile, SourceMap};

    fn parse(text: &str) -> (ParsedChapter, SourceFile) {
        let mut map = SourceMap::new();
        let file = SourceFile::new("c.md", None, text.to_string());
        let id = map.add(file.clone());
        (parse_chapter(&file, id), file)
    }

    fn procedure(p: &ParsedChapter) -> &Procedure {
        p.blocks
            .iter()
            .find_map(|b| match &b.kind {
                BlockKind::Procedure(p) => Some(&**p),
                _ => None,
            })
            .expect("a procedure")
    }

    /// (rule, line) of every diagnostic.
    fn found(p: &ParsedChapter, f: &SourceFile) -> Vec<(String, usize)> {
        p.diagnostics
            .iter()
            .map(|d| (d.rule.clone(), f.line_col(d.span().unwrap().start).0))
            .collect()
    }

    const GOOD: &str = "# Procédures\n\n```procedure\nid: p1\ntitle: Premier *contact*\nsteps:\n  - id: a\n    actor: police\n    support: [ong, oim]\n    action: Repérer la [victime](#x).\n    time: \"Dans les 24 heures\"\n    outputs: [Fiche A, Fiche B]\n  - id: b\n    actor: das\n    decision: Mineure ?\n    branches: {oui: c, non: d}\n  - id: c\n    actor: das\n    action: Protéger.\n    next: d\n  - id: d\n    actor: das\n    action: Clore.\n    exit: Dossier clos\n```\n";

    #[test]
    fn a_procedure_becomes_data_with_spans_inside_the_yaml() {
        let (p, f) = parse(GOOD);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let proc = procedure(&p);
        assert_eq!(proc.id, "p1");
        assert_eq!(plain_text(&proc.title), "Premier contact");
        assert_eq!(proc.steps.len(), 4);
        let a = &proc.steps[0];
        assert_eq!(f.line_col(a.id.span.start), (7, 9));
        assert_eq!(f.line_col(a.actor.as_ref().unwrap().span.start), (8, 12));
        assert_eq!(a.support.len(), 2);
        assert_eq!(f.line_col(a.support[1].span.start), (9, 20));
        // Inline Markdown of a value keeps file offsets: the link text sits on line 10.
        let link = a
            .action
            .iter()
            .find_map(|i| match &i.kind {
                InlineKind::Link(_) => Some(i.span),
                _ => None,
            })
            .unwrap();
        assert_eq!(&f.text[link.range()], "[victime](#x)");
        // A quoted value maps inside its quotes.
        assert_eq!(&f.text[a.time[0].span.range()], "Dans les 24 heures");
        assert_eq!(a.outputs.len(), 2);
        // No continuation: the following step.
        assert!(matches!(&a.flow, Flow::Next { target, implied: true } if target.value == "b"));
        let Flow::Decision { question, branches } = &proc.steps[1].flow else {
            panic!("decision")
        };
        assert_eq!(plain_text(question), "Mineure ?");
        let labels: Vec<(&str, &str)> = branches
            .iter()
            .map(|b| (b.label.as_str(), b.target.value.as_str()))
            .collect();
        assert_eq!(labels, [("oui", "c"), ("non", "d")]);
        // Each answer keeps where its key is written, for translators' tools.
        let written: Vec<&str> = branches
            .iter()
            .map(|b| &f.text[b.label_span.range()])
            .collect();
        assert_eq!(written, ["oui", "non"]);
        assert!(matches!(
            &proc.steps[2].flow,
            Flow::Next { implied: false, .. }
        ));
        assert!(matches!(&proc.steps[3].flow, Flow::Exit(l) if plain_text(l) == "Dossier clos"));
        assert_eq!(proc.steps[3].number, 4);
        assert!(proc.diagram.is_some());
    }

    #[test]
    fn yaml_errors_point_at_the_line_inside_the_fence() {
        let text = "# T\n\n```procedure\nid: p\ntitle: T\nsteps:\n  - id: a\n    acteur: police\n    action: X\n```\n";
        let (p, f) = parse(text);
        assert_eq!(found(&p, &f), [("procedure/yaml".to_string(), 8)]);
        assert_eq!(p.diagnostics[0].hints, ["did you mean `actor`?"]);
        // The fence stays a code block, so the rest of the file still parses.
        assert!(matches!(p.blocks[1].kind, BlockKind::Code { .. }));
    }

    #[test]
    fn malformed_flows_are_reported_where_written() {
        let text = "# T\n\n```procedure\nid: p\ntitle: T\nsteps:\n  - id: a\n    actor: x\n    decision: Q ?\n    branches: {oui: b}\n  - id: b\n    actor: x\n    action: Y\n    next: a\n    exit: Fin\n  - id: c\n    actor: x\n    action: Z\n    branches: {oui: a, non: b}\n  - id: d\n    actor: x\n```\n";
        let (p, f) = parse(text);
        let mut got = found(&p, &f);
        got.sort();
        assert_eq!(
            got,
            [
                ("procedure/branches-without-decision".to_string(), 19),
                ("procedure/conflicting-flow".to_string(), 11),
                ("procedure/missing-action".to_string(), 20),
                ("procedure/single-branch".to_string(), 10),
            ]
        );
    }

    #[test]
    fn a_diagram_can_be_left_out_or_captioned() {
        let (p, _) = parse(
            "```procedure\nid: p\ntitle: T\ndiagram: false\nsteps:\n  - id: a\n    actor: x\n    action: Y\n    exit: Fin\n```\n",
        );
        assert!(procedure(&p).diagram.is_none());
        let (p, _) = parse(
            "```procedure\nid: p\ntitle: T\ncaption: Circuit complet {#fig-circuit}\nsteps:\n  - id: a\n    actor: x\n    action: Y\n    exit: Fin\n```\n",
        );
        let c = procedure(&p).diagram.as_ref().unwrap();
        assert_eq!(c.id.as_deref(), Some("fig-circuit"));
        assert_eq!(plain_text(&c.content), "Circuit complet");
    }

    #[test]
    fn quoted_and_block_branch_labels_keep_their_spans() {
        let text = "```procedure\nid: p\ntitle: T\nsteps:\n  - id: a\n    actor: x\n    decision: Q ?\n    branches:\n      \"Oui, avec accord\": b\n      'non': b\n  - id: b\n    actor: x\n    action: Y\n    exit: Fin\n```\n";
        let (p, f) = parse(text);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let Flow::Decision { branches, .. } = &procedure(&p).steps[0].flow else {
            panic!("decision")
        };
        let written: Vec<(&str, &str)> = branches
            .iter()
            .map(|b| (b.label.as_str(), &f.text[b.label_span.range()]))
            .collect();
        assert_eq!(
            written,
            [
                ("Oui, avec accord", "\"Oui, avec accord\""),
                ("non", "'non'")
            ]
        );
    }

    #[test]
    fn crlf_files_keep_their_lines() {
        let text = GOOD.replace('\n', "\r\n");
        let (p, f) = parse(&text);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let a = &procedure(&p).steps[0];
        assert_eq!(f.line_col(a.actor.as_ref().unwrap().span.start), (8, 12));
    }
}
