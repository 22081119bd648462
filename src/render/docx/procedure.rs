//! Procedures and responsibility matrices in the Word copy, as the PDF prints them: the
//! full step table (supporting actors, "never" points, the "where next" line with its
//! branches and end), the pathway diagram as a PNG rasterized from the same SVG (one
//! picture per part when it is taller than a page), and the matrix as a numbered table
//! with its legend.
//!
//! Review numbers: each step's number cell opens with the step's number; the diagram's
//! picture paragraph opens with the procedure block's number (the figure's), and the
//! matrix caption with the matrix's, so `review import` ties a comment on any cell,
//! picture or caption to the element it is about.

use docx_rs::{Paragraph, Run, Table, TableCell, TableRow};

use super::{Fmt, Item, TEXT_WIDTH_EMU, Writer, XmlText};
use crate::l10n::{colon, words};
use crate::model::*;
use crate::render::caption_label;
use crate::render::flowchart::{FlowchartOptions, render_parts, svg_to_png};
use crate::render::procedure::{
    FlowPart, flow_parts, matrix_cell, pathway, pathway_options, pathway_prefix,
};

/// The page's text width in points (15 cm): the diagram is laid out for it.
const TEXT_WIDTH_PT: f64 = 425.0;
/// Pixels per point of the diagram's pictures (144 dpi: sharp on screen and on paper).
const PIXELS_PER_PT: f32 = 2.0;
/// EMU per point.
const EMU_PER_PT: f64 = 12_700.0;
/// Column widths of the step table, in twips (the text width is 8504).
const STEP_GRID: [usize; 5] = [1000, 3300, 1700, 1100, 1404];
/// Grey of secondary text (supporting actors), as in the PDF.
const GREY: &str = "666666";
/// Blue of the "where next" line, as in the PDF.
const FLOW_BLUE: &str = "002B87";

impl Writer<'_> {
    /// A procedure; `key` is its block's, whose review number its diagram carries.
    pub(super) fn procedure(&mut self, p: &Procedure, key: ParaKey) {
        let w = words(self.lang);
        let title = Paragraph::new().keep_next(true).add_run(
            Run::new()
                .add_xml_text(format!("{} {}. ", w.procedure_title, p.number))
                .bold(),
        );
        let title = self.inlines(title, &p.title, Fmt::bold());
        self.out.push(Item::p(title));
        let header = w
            .step_columns
            .iter()
            .map(|h| {
                TableCell::new()
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_xml_text(*h).bold()))
            })
            .collect();
        let mut rows = vec![TableRow::new(header)];
        for step in &p.steps {
            rows.push(self.step_row(p, step));
        }
        self.out
            .push(Item::t(Table::new(rows).set_grid(STEP_GRID.to_vec())));
        if let Some(caption) = &p.diagram {
            self.pathway(p, caption, key);
        }
    }

    fn step_row(&mut self, p: &Procedure, step: &Step) -> TableRow {
        let lang = self.lang;
        let w = words(lang);
        let number = self
            .number_into(Paragraph::new(), ParaKey::Step(step.span))
            .add_run(Run::new().add_xml_text(step.number.to_string()));

        // Action: what is done, the question of a decision, what never to do, and where
        // the case goes next — one paragraph each, as in the PDF's cell.
        let mut action_cell = TableCell::new();
        let mut action = self.inlines(Paragraph::new(), &step.action, Fmt::default());
        if let Flow::Decision { question, .. } = &step.flow {
            if !step.action.is_empty() {
                action = action.add_run(Run::new().add_xml_text(" "));
            }
            action = self.inlines(action, question, Fmt::bold());
        }
        action_cell = action_cell.add_paragraph(action);
        if !step.never.is_empty() {
            let mut never =
                Paragraph::new().add_run(Fmt::bold().run(&format!("{}{}", w.never, colon(lang))));
            for (i, n) in step.never.iter().enumerate() {
                if i > 0 {
                    never = never.add_run(Run::new().add_xml_text(if lang == "fr" {
                        "\u{a0}; "
                    } else {
                        "; "
                    }));
                }
                never = self.inlines(never, n, Fmt::default());
            }
            action_cell = action_cell.add_paragraph(never);
        }
        let parts = flow_parts(p, step, lang);
        if !parts.is_empty() {
            let mut flow = Paragraph::new();
            for part in parts {
                flow = match part {
                    FlowPart::Text(t) => flow.add_run(Run::new().add_xml_text(t).color(FLOW_BLUE)),
                    FlowPart::Step(_, label) => {
                        flow.add_run(Run::new().add_xml_text(label).color(FLOW_BLUE).bold())
                    }
                    FlowPart::Exit(inl) => self.inlines(flow, inl, Fmt::default()),
                };
            }
            action_cell = action_cell.add_paragraph(flow);
        }

        // Responsible actor, then the supporting ones.
        let mut actor_cell = TableCell::new().add_paragraph(Paragraph::new().add_run(
            Run::new().add_xml_text(step.actor.as_ref().map(actor_label).unwrap_or_default()),
        ));
        if !step.support.is_empty() {
            let names: Vec<&str> = step.support.iter().map(actor_label).collect();
            actor_cell = actor_cell.add_paragraph(
                Paragraph::new().add_run(
                    Run::new()
                        .add_xml_text(format!("{}{}{}", w.support, colon(lang), names.join(", ")))
                        .color(GREY)
                        .size(20),
                ),
            );
        }
        let time = self.inlines(Paragraph::new(), &step.time, Fmt::default());
        let mut outputs_cell = TableCell::new();
        for o in &step.outputs {
            let out = self.inlines(Paragraph::new(), &o.text, Fmt::default());
            outputs_cell = outputs_cell.add_paragraph(out);
        }
        if step.outputs.is_empty() {
            outputs_cell = outputs_cell.add_paragraph(Paragraph::new());
        }
        TableRow::new(vec![
            TableCell::new().add_paragraph(number),
            action_cell,
            actor_cell,
            TableCell::new().add_paragraph(time),
            outputs_cell,
        ])
    }

    /// The pathway diagram: per part, a paragraph opening with the figure's review
    /// number and holding the picture, then the caption ("(suite)" on later parts).
    fn pathway(&mut self, p: &Procedure, caption: &Caption, key: ParaKey) {
        let lang = self.lang;
        let w = words(lang);
        let options = FlowchartOptions {
            max_width_pt: TEXT_WIDTH_PT,
            ..pathway_options(p, lang)
        };
        let alt = format!(
            "{}. {}",
            options.title,
            options.description.as_deref().unwrap_or_default()
        );
        let label = caption_label(AnchorKind::Figure, &caption.number, lang);
        let parts = render_parts(&pathway(p, lang), &options);
        for (i, part) in parts.iter().enumerate() {
            let opening = if i == 0 {
                self.number_into(Paragraph::new(), key)
            } else {
                self.renumbered(key)
            };
            let mut cap = match svg_to_png(&part.svg, PIXELS_PER_PT) {
                Some((png, wpx, hpx)) => {
                    self.pictures.push(alt.clone());
                    let emu = |pt: f64| (pt * EMU_PER_PT).round().max(1.0) as u64;
                    let pic = self.sized_png(
                        png,
                        wpx,
                        hpx,
                        emu(part.width_pt),
                        emu(part.height_pt),
                        TEXT_WIDTH_EMU,
                    );
                    let pic_p = opening.add_run(Run::new().add_image(pic)).keep_next(true);
                    self.out.push(Item::p(pic_p));
                    Paragraph::new()
                }
                // Not expected (the SVG is ours): the caption still prints, numbered.
                None => opening,
            };
            cap = cap.add_run(Run::new().add_xml_text(format!("{label}. ")).bold());
            if caption.content.is_empty() {
                cap = cap.add_run(Fmt::bold().run(&pathway_prefix(lang)));
                cap = self.inlines(cap, &p.title, Fmt::bold());
            } else {
                cap = self.inlines(cap, &caption.content, Fmt::bold());
            }
            if i > 0 {
                cap = cap.add_run(Fmt::bold().run(&format!(" ({})", w.continued)));
            }
            self.out.push(Item::p(cap));
        }
    }

    /// A responsibility matrix: the numbered caption, the actors × procedures table,
    /// and the legend of its letters.
    pub(super) fn matrix(&mut self, m: &Matrix, key: ParaKey) {
        let lang = self.lang;
        let w = words(lang);
        let label = caption_label(AnchorKind::Table, &m.caption.number, lang);
        let mut cap = self
            .numbered(key)
            .keep_next(true)
            .add_run(Run::new().add_xml_text(format!("{label}. ")).bold());
        if m.caption.content.is_empty() {
            cap = cap.add_run(Fmt::bold().run(w.matrix_title));
        } else {
            cap = self.inlines(cap, &m.caption.content, Fmt::bold());
        }
        self.out.push(Item::p(cap));
        let head_cell = |text: &str| {
            TableCell::new().add_paragraph(Paragraph::new().add_run(Fmt::bold().run(text)))
        };
        let mut header = vec![head_cell(w.actor)];
        for col in &m.procedures {
            header.push(head_cell(&format!("{} {}", w.procedure_title, col.number)));
        }
        let mut rows = vec![TableRow::new(header)];
        for row in &m.rows {
            let mut cells = vec![TableCell::new().add_paragraph(
                Paragraph::new().add_run(Run::new().add_xml_text(actor_label(&row.actor))),
            )];
            for i in 0..m.procedures.len() {
                cells.push(
                    TableCell::new().add_paragraph(
                        Paragraph::new()
                            .align(docx_rs::AlignmentType::Center)
                            .add_run(Run::new().add_xml_text(matrix_cell(row, i, lang))),
                    ),
                );
            }
            rows.push(TableRow::new(cells));
        }
        self.out.push(Item::t(Table::new(rows)));
        self.out.push(Item::p(
            Paragraph::new().add_run(Run::new().add_xml_text(w.matrix_legend).italic().size(18)),
        ));
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
