//! Procedures and responsibility matrices as Typst markup: the step table through the
//! template's `procedure` function, the pathway diagram as an SVG figure, the matrix as
//! a numbered table (on a landscape page when it has many procedures).

use super::{Writer, escape_markup, typst_str};
use crate::l10n::words;
use crate::model::*;
use crate::render::caption_label;
use crate::render::flowchart::{FlowchartOptions, render_parts};
use crate::render::procedure::{
    FlowPart, flow_parts, matrix_cell, pathway, pathway_options, pathway_prefix,
};

/// A matrix with more procedure columns than this goes on a landscape page.
const MATRIX_PORTRAIT_COLUMNS: usize = 5;

/// Width of the text column of a portrait A4 page in the template, in points.
const TEXT_WIDTH_PT: f64 = 464.0;

impl<'a> Writer<'a> {
    /// `span` is the procedure block's: the diagram carries its review number.
    pub(super) fn procedure(&mut self, p: &'a Procedure, span: crate::source::Span) {
        let w = words(self.lang);
        self.out
            .push_str(&format!("#procedure({}, [", typst_str(&p.number)));
        self.inlines(&p.title);
        self.out.push_str("], (");
        for head in w.step_columns {
            self.out.push_str(&typst_str(head));
            self.out.push_str(", ");
        }
        self.out.push_str("), ");
        for step in &p.steps {
            self.step_cells(p, step);
        }
        self.out.push(')');
        self.label(&p.id);
        if let Some(caption) = &p.diagram {
            self.out.push_str("\n\n");
            self.review_no(ParaKey::Block(span));
            self.pathway(p, caption);
        }
    }

    fn step_cells(&mut self, p: &'a Procedure, step: &'a Step) {
        let start = self.out.len();
        // The number cell carries the step's label, so references land on the row.
        self.out.push_str("[#metadata(none)");
        self.label(&format!("{}.{}", p.id, step.id.value));
        self.review_no(ParaKey::Step(step.span));
        self.out.push_str(&format!("{}], [", step.number));
        self.inlines(&step.action);
        if let Flow::Decision { question, .. } = &step.flow {
            if !step.action.is_empty() {
                self.out.push(' ');
            }
            self.out.push_str("#step-question[");
            self.inlines(question);
            self.out.push(']');
        }
        if !step.never.is_empty() {
            self.out.push_str("#step-never[");
            for (i, n) in step.never.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(" ; ");
                }
                self.inlines(n);
            }
            self.out.push(']');
        }
        let parts = flow_parts(p, step, self.lang);
        if !parts.is_empty() {
            self.out.push_str("#step-flow[");
            for part in parts {
                match part {
                    FlowPart::Text(t) => self.out.push_str(&escape_markup(&t)),
                    FlowPart::Step(id, label) => {
                        if self.labels.contains(&id) {
                            self.out.push_str(&format!(
                                "#link(label({}))[{}]",
                                typst_str(&id),
                                escape_markup(&label)
                            ));
                        } else {
                            self.out.push_str(&escape_markup(&label));
                        }
                    }
                    FlowPart::Exit(inl) => self.inlines(inl),
                }
            }
            self.out.push(']');
        }
        self.out.push_str("], [");
        if let Some(a) = &step.actor {
            self.out.push_str(&escape_markup(actor_label(a)));
        }
        if !step.support.is_empty() {
            let names: Vec<&str> = step.support.iter().map(actor_label).collect();
            self.out.push_str(&format!(
                "#step-support[{}]",
                escape_markup(&names.join(", "))
            ));
        }
        self.out.push_str("], [");
        self.inlines(&step.time);
        self.out.push_str("], [");
        for (i, o) in step.outputs.iter().enumerate() {
            if i > 0 {
                self.out.push_str(" \\\n");
            }
            self.inlines(&o.text);
        }
        self.out.push_str("], ");
        self.map.push((start..self.out.len(), step.span));
    }

    /// The diagram as a numbered figure; a pathway taller than a page is split into parts
    /// (joined by numbered connectors), the first in the figure, the others after it
    /// with the same label and "(suite)".
    fn pathway(&mut self, p: &'a Procedure, caption: &'a Caption) {
        let w = words(self.lang);
        let label = caption_label(AnchorKind::Figure, &caption.number, self.lang);
        let options = FlowchartOptions {
            max_width_pt: TEXT_WIDTH_PT,
            ..pathway_options(p, self.lang)
        };
        let parts = render_parts(&pathway(p, self.lang), &options);
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                self.out.push_str("\n\n");
            }
            let image = format!(
                "image(bytes({}), format: \"svg\", alt: {}, width: {:.1}pt)",
                typst_str(&part.svg),
                typst_str(&format!(
                    "{}. {}",
                    options.title,
                    options.description.as_deref().unwrap_or_default()
                )),
                part.width_pt.min(TEXT_WIDTH_PT)
            );
            self.out.push_str(&format!(
                "#figure({image}, kind: image, supplement: [{}], numbering: none, caption: [",
                escape_markup(w.figure_title)
            ));
            self.out.push_str(&escape_markup(&label));
            self.out.push_str("\\. ");
            if caption.content.is_empty() {
                self.out
                    .push_str(&escape_markup(&pathway_prefix(self.lang)));
                self.inlines(&p.title);
            } else {
                self.inlines(&caption.content);
            }
            if i > 0 {
                self.out
                    .push_str(&escape_markup(&format!(" ({})", w.continued)));
            }
            self.out.push_str("])");
            if i == 0
                && let Some(id) = &caption.id
            {
                self.label(id);
            }
        }
    }

    pub(super) fn matrix(&mut self, m: &'a Matrix) {
        let w = words(self.lang);
        let landscape = m.procedures.len() > MATRIX_PORTRAIT_COLUMNS;
        if landscape {
            self.out.push_str("#landscape[");
        }
        let label = caption_label(AnchorKind::Table, &m.caption.number, self.lang);
        self.out.push_str(&format!(
            "#figure(kind: table, supplement: [{}], numbering: none, caption: figure.caption(position: top)[{}\\. ",
            escape_markup(w.table_title),
            escape_markup(&label)
        ));
        if m.caption.content.is_empty() {
            self.out.push_str(&escape_markup(w.matrix_title));
        } else {
            self.inlines(&m.caption.content);
        }
        let columns = m.procedures.len() + 1;
        self.out.push_str(&format!(
            "], table(columns: (auto,{}), align: (left,{}), table.header(repeat: true, [{}], ",
            " 1fr,".repeat(columns - 1),
            " center,".repeat(columns - 1),
            escape_markup(w.actor)
        ));
        // Plain text: a long matrix repeats its header row on every page as an artifact,
        // and PDF/UA forbids links in artifacts (the procedures are a page away anyway).
        for col in &m.procedures {
            let head = format!("{} {}", w.procedure_title, col.number);
            self.out.push_str(&format!("[{}], ", escape_markup(&head)));
        }
        self.out.push_str("), ");
        for row in &m.rows {
            self.out
                .push_str(&format!("[{}], ", escape_markup(actor_label(&row.actor))));
            for i in 0..m.procedures.len() {
                self.out.push_str(&format!(
                    "[{}], ",
                    escape_markup(&matrix_cell(row, i, self.lang))
                ));
            }
        }
        self.out.push_str("))");
        if let Some(id) = &m.caption.id {
            self.label(id);
        }
        self.out.push_str(&format!(
            "\n#matrix-legend[{}]",
            escape_markup(w.matrix_legend)
        ));
        if landscape {
            self.out.push(']');
        }
    }
}

/// An actor's printed label; its id when unknown (reported by the checks).
fn actor_label(a: &Named) -> &str {
    if a.label.is_empty() {
        &a.value
    } else {
        &a.label
    }
}
