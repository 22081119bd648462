//! Procedures and responsibility matrices as HTML: a step table, the pathway diagram
//! (inline SVG, a numbered figure) and the actors × procedures matrix.

use std::fmt::Write as _;

use super::BodyCx;
use crate::l10n::words;
use crate::model::*;
use crate::render::flowchart::render_svg;
use crate::render::html::escape::escape;
use crate::render::procedure::{
    FlowPart, flow_parts, matrix_cell, pathway, pathway_options, pathway_prefix,
};

impl BodyCx<'_> {
    /// `span` is the procedure block's: the diagram carries its review number.
    pub(super) fn procedure(&mut self, p: &Procedure, span: crate::source::Span, out: &mut String) {
        let w = words(self.lang);
        let _ = writeln!(
            out,
            "<section class=\"procedure\" id=\"{}\">\n<p class=\"procedure-title\"><span class=\"label\">{} {}.</span> ",
            escape(&p.id),
            escape(w.procedure_title),
            escape(&p.number)
        );
        self.inlines(&p.title, out);
        out.push_str("</p>\n<div class=\"table-wrap\">\n<table class=\"steps\">\n<thead>\n<tr>");
        for (i, head) in w.step_columns.iter().enumerate() {
            let class = if i == 0 { " class=\"step-no\"" } else { "" };
            let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(head));
        }
        out.push_str("</tr>\n</thead>\n<tbody>\n");
        for step in &p.steps {
            self.step_row(p, step, out);
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
        if let Some(caption) = &p.diagram {
            match self.review_number(ParaKey::Block(span)) {
                Some(n) => {
                    let n = escape(n);
                    let _ = writeln!(
                        out,
                        "<div class=\"rv\" id=\"rv-{n}\"><span class=\"rv-no\">{n}</span>"
                    );
                    self.pathway(p, caption, out);
                    out.push_str("</div>\n");
                }
                None => self.pathway(p, caption, out),
            }
        }
        out.push_str("</section>\n");
    }

    fn step_row(&mut self, p: &Procedure, step: &Step, out: &mut String) {
        let w = words(self.lang);
        let decision = matches!(step.flow, Flow::Decision { .. });
        let review = self
            .review_number(ParaKey::Step(step.span))
            .map(|n| {
                let n = escape(n);
                format!("<span class=\"rv-step\" id=\"rv-{n}\">{n}</span> ")
            })
            .unwrap_or_default();
        let _ = write!(
            out,
            "<tr id=\"{}.{}\"{}><td class=\"step-no\">{review}{}</td><td>",
            escape(&p.id),
            escape(&step.id.value),
            if decision { " class=\"decision\"" } else { "" },
            step.number
        );
        if !step.action.is_empty() {
            self.inlines(&step.action, out);
        }
        if let Flow::Decision { question, .. } = &step.flow {
            if !step.action.is_empty() {
                out.push(' ');
            }
            out.push_str("<strong class=\"question\">");
            self.inlines(question, out);
            out.push_str("</strong>");
        }
        if !step.never.is_empty() {
            let _ = write!(
                out,
                "<span class=\"never\"><strong>{}{}</strong>",
                escape(w.never),
                crate::l10n::colon(self.lang)
            );
            for (i, n) in step.never.iter().enumerate() {
                if i > 0 {
                    out.push_str(" ; ");
                }
                self.inlines(n, out);
            }
            out.push_str("</span>");
        }
        let parts = flow_parts(p, step, self.lang);
        if !parts.is_empty() {
            out.push_str("<span class=\"flow\">");
            for part in parts {
                match part {
                    FlowPart::Text(t) => out.push_str(&escape(&t)),
                    FlowPart::Step(id, label) => {
                        let _ = write!(out, "<a href=\"#{}\">{}</a>", escape(&id), escape(&label));
                    }
                    FlowPart::Exit(inl) => self.inlines(inl, out),
                }
            }
            out.push_str("</span>");
        }
        out.push_str("</td><td>");
        if let Some(a) = &step.actor {
            actor(a, out);
        }
        if !step.support.is_empty() {
            let _ = write!(
                out,
                "<span class=\"support\">{}{}",
                escape(w.support),
                crate::l10n::colon(self.lang)
            );
            for (i, a) in step.support.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                actor(a, out);
            }
            out.push_str("</span>");
        }
        out.push_str("</td><td>");
        self.inlines(&step.time, out);
        out.push_str("</td><td>");
        match step.outputs.as_slice() {
            [] => {}
            [one] => self.inlines(&one.text, out),
            many => {
                out.push_str("<ul>");
                for o in many {
                    out.push_str("<li>");
                    self.inlines(&o.text, out);
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            }
        }
        out.push_str("</td></tr>\n");
    }

    fn pathway(&mut self, p: &Procedure, caption: &Caption, out: &mut String) {
        out.push_str("<figure class=\"pathway\"");
        if let Some(id) = &caption.id {
            let _ = write!(out, " id=\"{}\"", escape(id));
        }
        out.push_str(">\n");
        let chart = pathway(p, self.lang);
        out.push_str(&render_svg(&chart, &pathway_options(p, self.lang)).svg);
        out.push_str("\n<figcaption>");
        self.caption_label(AnchorKind::Figure, caption, out);
        if caption.content.is_empty() {
            out.push_str(&escape(&pathway_prefix(self.lang)));
            self.inlines(&p.title, out);
        } else {
            self.inlines(&caption.content, out);
        }
        out.push_str("</figcaption>\n</figure>\n");
    }

    pub(super) fn matrix(&mut self, m: &Matrix, out: &mut String) {
        let w = words(self.lang);
        out.push_str("<div class=\"table-wrap\">\n<table class=\"matrix\"");
        if let Some(id) = &m.caption.id {
            let _ = write!(out, " id=\"{}\"", escape(id));
        }
        out.push_str(">\n<caption>");
        self.caption_label(AnchorKind::Table, &m.caption, out);
        if m.caption.content.is_empty() {
            out.push_str(&escape(w.matrix_title));
        } else {
            self.inlines(&m.caption.content, out);
        }
        let _ = write!(
            out,
            "</caption>\n<thead>\n<tr><th scope=\"col\">{}</th>",
            escape(w.actor)
        );
        for col in &m.procedures {
            let x = Xref {
                doc: self.doc.to_string(),
                anchor: Some(col.id.clone()),
                kind: Some(AnchorKind::Procedure),
                number: col.number.clone(),
                parent: String::new(),
                doc_code: None,
                doc_kind: DocKind::Sop,
                chapter_stem: col.chapter_stem.clone(),
                label: String::new(),
            };
            let href = self.xref_href(&x).unwrap_or_default();
            let _ = write!(
                out,
                "<th scope=\"col\"><a href=\"{}\" title=\"{}\">{}</a></th>",
                escape(&href),
                escape(&col.title),
                escape(&format!("{} {}", w.procedure_title, col.number))
            );
        }
        out.push_str("</tr>\n</thead>\n<tbody>\n");
        for row in &m.rows {
            out.push_str("<tr><th scope=\"row\">");
            actor(&row.actor, out);
            out.push_str("</th>");
            for i in 0..m.procedures.len() {
                let _ = write!(out, "<td>{}</td>", escape(&matrix_cell(row, i, self.lang)));
            }
            out.push_str("</tr>\n");
        }
        let _ = write!(
            out,
            "</tbody>\n</table>\n<p class=\"matrix-legend\">{}</p>\n</div>\n",
            escape(w.matrix_legend)
        );
    }
}

/// An actor's short label with its full name as a tooltip (its id when unknown).
fn actor(a: &Named, out: &mut String) {
    if a.label.is_empty() {
        out.push_str(&escape(&a.value));
    } else if a.label == a.name {
        out.push_str(&escape(&a.label));
    } else {
        let _ = write!(
            out,
            "<abbr title=\"{}\">{}</abbr>",
            escape(&a.name),
            escape(&a.label)
        );
    }
}
