//! Procedures: who does what, when, with which form, and where the case goes next.
//!
//! A procedure is written as YAML inside a ```` ```procedure ```` fence (see
//! [`crate::parse`]) and lives in the model as data, so the renderers can print a step table
//! and a referral-pathway diagram from it, the checks can prove every path ends, and
//! cross-references can name a step ("étape 4 de la procédure 2.1").

use super::{Caption, Inline};
use crate::source::Span;

/// A procedure block.
#[derive(Debug, Clone, PartialEq)]
pub struct Procedure {
    /// Stable id (`identification`), unique in the document; the anchor of the procedure.
    pub id: String,
    /// Where the id is written.
    pub id_span: Span,
    /// The title.
    pub title: Vec<Inline>,
    /// Display number (`2.1`: chapter, then rank in the chapter); set by resolve.
    pub number: String,
    /// The steps, in the order written; the first one is where the case starts.
    pub steps: Vec<Step>,
    /// The caption of the pathway diagram (a numbered figure); `None` with `diagram: false`.
    pub diagram: Option<Caption>,
}

impl Procedure {
    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id.value == id)
    }

    /// Index of the step with this id.
    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id.value == id)
    }

    /// Every inline sequence of the procedure (title, actions, questions, time frames,
    /// outputs, exits), for link resolution, style checks and search.
    pub fn inlines(&self) -> Vec<&[Inline]> {
        let mut out: Vec<&[Inline]> = vec![&self.title];
        if let Some(c) = &self.diagram {
            out.push(&c.content);
        }
        for s in &self.steps {
            out.push(&s.action);
            out.push(&s.time);
            out.extend(s.outputs.iter().map(|o| o.text.as_slice()));
            out.extend(s.never.iter().map(Vec::as_slice));
            match &s.flow {
                Flow::Decision { question, .. } => out.push(question),
                Flow::Exit(label) => out.push(label),
                Flow::Next { .. } | Flow::End => {}
            }
        }
        out
    }

    /// [`Procedure::inlines`], mutably.
    pub fn inlines_mut(&mut self) -> Vec<&mut Vec<Inline>> {
        let mut out: Vec<&mut Vec<Inline>> = vec![&mut self.title];
        if let Some(c) = &mut self.diagram {
            out.push(&mut c.content);
        }
        for s in &mut self.steps {
            out.push(&mut s.action);
            out.push(&mut s.time);
            out.extend(s.outputs.iter_mut().map(|o| &mut o.text));
            out.extend(s.never.iter_mut());
            match &mut s.flow {
                Flow::Decision { question, .. } => out.push(question),
                Flow::Exit(label) => out.push(label),
                Flow::Next { .. } | Flow::End => {}
            }
        }
        out
    }
}

/// A name written in the YAML (a step or actor id) with where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The id.
    pub value: String,
    /// Where it is written.
    pub span: Span,
    /// For an actor, its short name in the translation's language (the acronym, else
    /// the name); set by resolve. Empty for step ids and unknown actors.
    pub label: String,
    /// For an actor, its full name; set by resolve.
    pub name: String,
}

/// One step.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Id, unique in the procedure; the step's anchor is `procedure-id.step-id`.
    pub id: Named,
    /// Display number: the step's rank, from 1.
    pub number: usize,
    /// The responsible actor (an id of `actors.yaml`).
    pub actor: Option<Named>,
    /// Supporting actors.
    pub support: Vec<Named>,
    /// What is done (for a decision, optional: the question says it).
    pub action: Vec<Inline>,
    /// The time frame ("dans les 24 heures"); empty when none.
    pub time: Vec<Inline>,
    /// Forms or documents the step produces (a form links to the annex that holds it).
    pub outputs: Vec<Output>,
    /// What the actor must never do at this step (`never:`), printed on the role cards
    /// and under the action in the step table.
    pub never: Vec<Vec<Inline>>,
    /// Where the case goes next.
    pub flow: Flow,
    /// The whole step in the YAML.
    pub span: Span,
}

/// One entry of a step's `outputs:`.
///
/// An entry is a form unless written `{text: …, form: false}`; a form must link to an
/// annex that is a form (`procedure/missing-form`), so the step table and the role cards
/// can send the reader to the page to fill in.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The text ("Fiche de détection ([](#annexe-fiche-detection))").
    pub text: Vec<Inline>,
    /// Whether it is a form to fill in (the default) rather than a document produced.
    pub form: bool,
    /// Where the entry is written.
    pub span: Span,
}

/// Where the case goes after a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Flow {
    /// To one step (`next:`, or the following step when nothing is said).
    Next {
        /// The target step id.
        target: Named,
        /// Whether it was implied by the order of the steps.
        implied: bool,
    },
    /// A question with labelled branches.
    Decision {
        /// The question ("La victime est-elle mineure ?").
        question: Vec<Inline>,
        /// The branches, in the order written.
        branches: Vec<Branch>,
    },
    /// The pathway ends here ("Dossier clos", or a referral to another procedure,
    /// which may be a link).
    Exit(Vec<Inline>),
    /// The last step says nothing (reported by `procedure/missing-exit`).
    End,
}

/// One branch of a decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    /// The answer ("oui").
    pub label: String,
    /// Where the answer is written: the YAML key, quotes included when it is quoted
    /// (translators' tools replace the label there).
    pub label_span: Span,
    /// The step it leads to.
    pub target: Named,
}

/// A responsibility matrix (```` ```responsibilities ````): actors × procedures of the
/// document, generated by resolve from the procedures, printed as a numbered table.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    /// The caption (a numbered table).
    pub caption: Caption,
    /// Column heads: the procedures of the document.
    pub procedures: Vec<MatrixColumn>,
    /// One row per actor: (actor id, cells per procedure).
    pub rows: Vec<MatrixRow>,
}

/// One procedure's column of a [`Matrix`].
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixColumn {
    /// Procedure id (its anchor).
    pub id: String,
    /// Procedure number.
    pub number: String,
    /// Procedure title, plain text.
    pub title: String,
    /// Stem of the chapter that holds the procedure (its HTML page).
    pub chapter_stem: String,
}

/// One actor's row of a [`Matrix`].
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixRow {
    /// The actor, labelled like a step's actor.
    pub actor: Named,
    /// Per procedure: the numbers of the steps the actor is responsible for, and of those
    /// it supports.
    pub cells: Vec<(Vec<usize>, Vec<usize>)>,
}
