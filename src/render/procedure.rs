//! What the HTML and PDF renderers print the same way for procedures: the "where next"
//! line of each step and the cells of a responsibility matrix.

use crate::l10n::words;
use crate::model::{Flow, Inline, MatrixRow, Procedure, Step};
use crate::render::flowchart::{Edge, Flowchart, FlowchartOptions, Node, NodeKind};
use crate::render::printed_text;

/// One piece of a step's "where next" line.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowPart<'a> {
    /// Text printed as is ("Si oui : ").
    Text(String),
    /// A link to another step: (anchor id `procedure.step`, words "étape 4").
    Step(String, String),
    /// The words of an exit, printed as inline Markdown.
    Exit(&'a [Inline]),
}

/// The "where next" line of a step: nothing when the case simply goes to the following
/// step; "Suite : étape 6"; "Si oui : étape 4 ; si non : étape 6"; "Fin : Dossier clos".
pub fn flow_parts<'a>(p: &Procedure, step: &'a Step, lang: &str) -> Vec<FlowPart<'a>> {
    let w = words(lang);
    let colon = crate::l10n::colon(lang);
    let step_ref = |id: &str| {
        let number = p
            .step(id)
            .map_or_else(|| id.to_string(), |s| s.number.to_string());
        FlowPart::Step(format!("{}.{id}", p.id), format!("{} {number}", w.step))
    };
    match &step.flow {
        Flow::Next { implied: true, .. } | Flow::End => Vec::new(),
        Flow::Next { target, .. } => {
            if p.step_index(&target.value) == Some(step.number) {
                // `next:` names the following step anyway.
                return Vec::new();
            }
            vec![
                FlowPart::Text(format!("{}{colon}", w.then)),
                step_ref(&target.value),
            ]
        }
        Flow::Decision { branches, .. } => {
            let mut out = Vec::new();
            for (i, b) in branches.iter().enumerate() {
                let lead = if i == 0 {
                    w.if_answer.to_string()
                } else {
                    w.if_answer.to_lowercase()
                };
                let sep = if i == 0 {
                    ""
                } else if lang == "fr" {
                    "\u{a0}; "
                } else {
                    "; "
                };
                out.push(FlowPart::Text(format!("{sep}{lead} {}{colon}", b.label)));
                out.push(step_ref(&b.target.value));
            }
            out
        }
        Flow::Exit(label) => vec![
            FlowPart::Text(format!("{}{colon}", w.exit)),
            FlowPart::Exit(label),
        ],
    }
}

/// The text of a matrix cell: "R 1, 3 · A 2" (letters from the language's words).
pub fn matrix_cell(row: &MatrixRow, column: usize, lang: &str) -> String {
    let w = words(lang);
    let Some((lead, support)) = row.cells.get(column) else {
        return String::new();
    };
    let list = |v: &[usize]| {
        v.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !lead.is_empty() {
        parts.push(format!("{}\u{a0}{}", w.matrix_letters[0], list(lead)));
    }
    if !support.is_empty() {
        parts.push(format!("{}\u{a0}{}", w.matrix_letters[1], list(support)));
    }
    parts.join(" · ")
}

/// The caption text of a procedure's diagram when the author wrote none:
/// "Circuit : <title>".
pub fn pathway_prefix(lang: &str) -> String {
    format!("{}{}", words(lang).pathway, crate::l10n::colon(lang))
}

/// A procedure's pathway as a flowchart: one node per step (a diamond for a decision, the
/// step number in a badge, the responsible actor under the action), one exit node per
/// exit, edges in branch order with the answers as labels.
pub fn pathway(p: &Procedure, lang: &str) -> Flowchart {
    let mut nodes: Vec<Node> = p
        .steps
        .iter()
        .map(|s| {
            let (kind, label) = match &s.flow {
                Flow::Decision { question, .. } => {
                    (NodeKind::Decision, printed_text(question, lang))
                }
                _ => (NodeKind::Step, printed_text(&s.action, lang)),
            };
            let mut node = Node::new(kind, label).number(s.number.to_string());
            if kind == NodeKind::Step
                && let Some(a) = &s.actor
            {
                node = node.actor(if a.label.is_empty() {
                    &a.value
                } else {
                    &a.label
                });
            }
            node
        })
        .collect();
    let mut edges = Vec::new();
    for (i, s) in p.steps.iter().enumerate() {
        match &s.flow {
            Flow::Next { target, .. } => {
                if let Some(j) = p.step_index(&target.value) {
                    edges.push(Edge::new(i, j));
                }
            }
            Flow::Decision { branches, .. } => {
                for b in branches {
                    if let Some(j) = p.step_index(&b.target.value) {
                        edges.push(Edge::new(i, j).label(b.label.clone()));
                    }
                }
            }
            Flow::Exit(label) => {
                nodes.push(Node::new(NodeKind::Exit, printed_text(label, lang)));
                edges.push(Edge::new(i, nodes.len() - 1));
            }
            Flow::End => {}
        }
    }
    Flowchart { nodes, edges }
}

/// The options of a pathway diagram: A4 text width, the title as accessible name.
pub fn pathway_options(p: &Procedure, lang: &str) -> FlowchartOptions {
    FlowchartOptions {
        title: format!("{}{}", pathway_prefix(lang), printed_text(&p.title, lang)),
        description: Some(pathway_description(p, lang)),
        ..FlowchartOptions::default()
    }
}

/// The pathway told in words, step by step, in the document's language: the text
/// alternative of its diagram for readers who cannot see it ("Étape 1, Police : Recevoir
/// le signalement. Étape 2 : La personne est-elle mineure ? Si oui : étape 3 ; si non :
/// étape 5. … Fin : Dossier clos.").
pub fn pathway_description(p: &Procedure, lang: &str) -> String {
    let w = words(lang);
    let colon = crate::l10n::colon(lang);
    let mut sentences = Vec::new();
    for step in &p.steps {
        let mut s = capitalized(w.step);
        s.push(' ');
        s.push_str(&step.number.to_string());
        if !matches!(step.flow, Flow::Decision { .. })
            && let Some(a) = &step.actor
        {
            s.push_str(", ");
            s.push_str(if a.label.is_empty() {
                &a.value
            } else {
                &a.label
            });
        }
        s.push_str(colon);
        let text = match &step.flow {
            Flow::Decision { question, .. } => printed_text(question, lang),
            _ => printed_text(&step.action, lang),
        };
        s.push_str(text.trim_end_matches(['.', ' ']));
        if !s.ends_with(['?', '!', '.']) {
            s.push('.');
        }
        let next: String = flow_parts(p, step, lang)
            .into_iter()
            .map(|part| match part {
                FlowPart::Text(t) => t,
                FlowPart::Step(_, words) => words,
                FlowPart::Exit(inlines) => printed_text(inlines, lang),
            })
            .collect();
        if !next.is_empty() {
            s.push(' ');
            s.push_str(next.trim_end_matches(['.', ' ']));
            s.push('.');
        }
        sentences.push(s);
    }
    sentences.join(" ")
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}
