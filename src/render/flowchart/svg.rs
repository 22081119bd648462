//! The SVG of a laid-out flowchart: inline presentation attributes only (no stylesheet, no
//! scripts, no external references), numbers with one decimal, so usvg (Typst) and
//! browsers draw the same picture and the same chart gives the same bytes.

use std::fmt::Write as _;

use super::geometry::{Geometry, NodeBox, Shape};
use super::text::Style;
use super::{Flowchart, Measured, NodeKind, Sizes};
use crate::xml;

/// IOM blue: outlines, badges, exits, labels.
const BLUE: &str = "#0033A0";
const INK: &str = "#1A1A1A";
const GREY: &str = "#595959";
const EDGE: &str = "#3D4A5C";
const RULE: &str = "#C3CEE6";
const DECISION_FILL: &str = "#EAF0FA";
const FONT: &str = "Carlito, 'Carlito', Calibri, sans-serif";
const ARROW_LEN: f64 = 7.0;
const ARROW_HALF: f64 = 3.2;
const CORNER: f64 = 4.0;

/// `v` rounded to one decimal, as a number (so -0.04 gives 0).
pub(crate) fn round1(v: f64) -> f64 {
    if !v.is_finite() {
        return 0.0;
    }
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 { 0.0 } else { r }
}

/// A coordinate: one decimal at most, no trailing ".0", never "-0".
pub(crate) fn num(v: f64) -> String {
    let r = round1(v);
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// The whole document.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write(
    chart: &Flowchart,
    measured: &[Measured],
    labels: &[Option<(String, f64)>],
    lay: &Geometry,
    s: Sizes,
    scale: f64,
    title: &str,
    description: Option<&str>,
) -> String {
    let mut o = String::new();
    let (w, h) = if chart.nodes.is_empty() {
        (20.0, 20.0)
    } else {
        (lay.width, lay.height)
    };
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{}pt\" height=\"{}pt\" viewBox=\"0 0 {} {}\" role=\"img\">",
        num(w * scale),
        num(h * scale),
        num(w),
        num(h)
    );
    let _ = writeln!(o, "<title>{}</title>", xml::text(title));
    let description = description.map_or_else(|| describe(chart), str::to_string);
    let _ = writeln!(o, "<desc>{}</desc>", xml::text(&description));
    let _ = writeln!(o, "<g font-family=\"{}\">", xml::attr(FONT));

    // Edges under the nodes, labels above everything.
    for r in &lay.edges {
        edge(&mut o, &r.points);
    }
    for (i, p) in lay.nodes.iter().enumerate() {
        if let (Some(node), Some(m)) = (chart.nodes.get(i), measured.get(i)) {
            self::node(&mut o, node.kind, m, p, s);
        }
    }
    for r in &lay.edges {
        let Some(Some((text, _))) = labels.get(r.edge) else {
            continue;
        };
        if let Some(rect) = r.label {
            let _ = writeln!(
                o,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"#FFFFFF\"/>",
                num(rect.x),
                num(rect.y),
                num(rect.w),
                num(rect.h)
            );
            text_line(
                &mut o,
                rect.x + rect.w / 2.0,
                rect.y + rect.h / 2.0 + 0.33 * s.label,
                s.label,
                Style::Bold,
                BLUE,
                text,
            );
        }
    }
    o.push_str("</g>\n</svg>\n");
    o
}

/// The text alternative: one line per node, "2. Question (actor) → oui: 3; non: 4".
fn describe(chart: &Flowchart) -> String {
    let name = |i: usize| {
        chart.nodes.get(i).map_or(String::new(), |n| {
            n.number.clone().unwrap_or_else(|| n.label.clone())
        })
    };
    let mut lines = Vec::new();
    for (i, n) in chart.nodes.iter().enumerate() {
        let mut line = match &n.number {
            Some(num) => format!("{num}. {}", n.label),
            None => n.label.clone(),
        };
        if let Some(a) = &n.actor {
            let _ = write!(line, " ({a})");
        }
        let next: Vec<String> = chart
            .edges
            .iter()
            .filter(|e| e.from == i && e.to < chart.nodes.len())
            .map(|e| match &e.label {
                Some(l) => format!("{l}: {}", name(e.to)),
                None => name(e.to),
            })
            .collect();
        if !next.is_empty() {
            let _ = write!(line, " \u{2192} {}", next.join("; "));
        }
        lines.push(line);
    }
    lines.join("\n")
}

fn text_line(o: &mut String, x: f64, baseline: f64, size: f64, style: Style, fill: &str, t: &str) {
    let face = match style {
        Style::Regular => "",
        Style::Bold => " font-weight=\"bold\"",
        Style::Italic => " font-style=\"italic\"",
    };
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{face} fill=\"{fill}\" text-anchor=\"middle\">{}</text>",
        num(x),
        num(baseline),
        num(size),
        xml::text(t)
    );
}

/// Lines of text centred on `cx`, the first line box starting at `top`.
#[allow(clippy::too_many_arguments)]
fn text_block(
    o: &mut String,
    cx: f64,
    top: f64,
    lines: &[String],
    size: f64,
    line: f64,
    style: Style,
    fill: &str,
) {
    for (k, l) in lines.iter().enumerate() {
        let baseline = top + k as f64 * line + line / 2.0 + 0.33 * size;
        text_line(o, cx, baseline, size, style, fill, l);
    }
}

fn node(o: &mut String, kind: NodeKind, m: &Measured, p: &NodeBox, s: Sizes) {
    let r = p.rect();
    let text_h = m.lines.len() as f64 * s.line;
    let actor_h = if m.actor.is_empty() {
        0.0
    } else {
        4.0 + m.actor.len() as f64 * s.actor_line
    };
    let main_style = match kind {
        NodeKind::Exit | NodeKind::Start | NodeKind::Connector => Style::Bold,
        _ => Style::Regular,
    };
    match (kind, p.shape) {
        (NodeKind::Step, _) | (_, Shape::Box) => {
            let _ = writeln!(
                o,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\" fill=\"#FFFFFF\" stroke=\"{BLUE}\" stroke-width=\"1.2\"/>",
                num(r.x),
                num(r.y),
                num(r.w),
                num(r.h)
            );
            // Text block centred vertically below the badge row.
            let top_pad = if m.badge.is_some() { 10.0 } else { 7.0 };
            let free = r.h - top_pad - 7.0 - text_h - actor_h;
            let top = r.y + top_pad + free.max(0.0) / 2.0;
            text_block(o, p.cx, top, &m.lines, s.text, s.line, Style::Regular, INK);
            if !m.actor.is_empty() {
                let rule_y = top + text_h + 2.0;
                let half = (r.w / 2.0 - 14.0).clamp(4.0, 40.0);
                let _ = writeln!(
                    o,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{RULE}\" stroke-width=\"0.6\"/>",
                    num(p.cx - half),
                    num(rule_y),
                    num(p.cx + half),
                    num(rule_y)
                );
                let atop = top + text_h + 4.0;
                text_block(
                    o,
                    p.cx,
                    atop,
                    &m.actor,
                    s.actor,
                    s.actor_line,
                    Style::Italic,
                    GREY,
                );
            }
            if let Some((n, bw)) = &m.badge {
                badge(o, r.x + 6.0 + bw / 2.0, r.y, n, *bw, s, "#FFFFFF");
            }
        }
        (NodeKind::Decision, _) => {
            let (cx, cy) = (p.cx, p.cy);
            let _ = writeln!(
                o,
                "<path d=\"M {} {} L {} {} L {} {} L {} {} Z\" fill=\"{DECISION_FILL}\" stroke=\"{BLUE}\" stroke-width=\"1.2\" stroke-linejoin=\"round\"/>",
                num(cx),
                num(r.y),
                num(r.x + r.w),
                num(cy),
                num(cx),
                num(r.y + r.h),
                num(r.x),
                num(cy)
            );
            let top = cy - (text_h + actor_h) / 2.0;
            text_block(o, cx, top, &m.lines, s.text, s.line, Style::Regular, INK);
            if !m.actor.is_empty() {
                text_block(
                    o,
                    cx,
                    top + text_h + 4.0,
                    &m.actor,
                    s.actor,
                    s.actor_line,
                    Style::Italic,
                    GREY,
                );
            }
            if let Some((n, bw)) = &m.badge {
                // On the upper-left side, just outside it, kept inside the bounding box.
                let bx = (cx - r.w / 4.0 - bw / 2.0 + 3.0).max(r.x + bw / 2.0);
                let by = (cy - r.h / 4.0 - BADGE / 2.0 + 3.0).max(r.y + BADGE / 2.0);
                badge(o, bx, by, n, *bw, s, "#FFFFFF");
            }
        }
        (NodeKind::Exit | NodeKind::Start | NodeKind::Connector, _) => {
            let exit = kind == NodeKind::Exit;
            let (fill, ink) = if exit {
                (BLUE, "#FFFFFF")
            } else {
                ("#FFFFFF", BLUE)
            };
            let _ = writeln!(
                o,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{fill}\" stroke=\"{BLUE}\" stroke-width=\"1.2\"/>",
                num(r.x),
                num(r.y),
                num(r.w),
                num(r.h),
                num(r.h.min(r.w) / 2.0)
            );
            let top = p.cy - (text_h + actor_h) / 2.0;
            text_block(o, p.cx, top, &m.lines, s.text, s.line, main_style, ink);
            if !m.actor.is_empty() {
                let actor_ink = if exit { "#E6ECF7" } else { GREY };
                text_block(
                    o,
                    p.cx,
                    top + text_h + 4.0,
                    &m.actor,
                    s.actor,
                    s.actor_line,
                    Style::Italic,
                    actor_ink,
                );
            }
            if let Some((n, bw)) = &m.badge {
                badge(o, r.x + r.h / 2.0 + bw / 2.0, r.y, n, *bw, s, "#FFFFFF");
            }
        }
    }
}

const BADGE: f64 = 14.0;

/// A step-number badge: a blue pill centred on (`cx`, `cy`) with a white outline.
fn badge(o: &mut String, cx: f64, cy: f64, n: &str, w: f64, s: Sizes, ring: &str) {
    let _ = writeln!(
        o,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{BLUE}\" stroke=\"{ring}\" stroke-width=\"1.2\"/>",
        num(cx - w / 2.0),
        num(cy - BADGE / 2.0),
        num(w),
        num(BADGE),
        num(BADGE / 2.0)
    );
    text_line(
        o,
        cx,
        cy + 0.33 * s.badge,
        s.badge,
        Style::Bold,
        "#FFFFFF",
        n,
    );
}

/// An orthogonal polyline with rounded bends, ending in a filled arrowhead whose tip is
/// the last point.
fn edge(o: &mut String, pts: &[(f64, f64)]) {
    if pts.len() < 2 {
        return;
    }
    let tip = pts[pts.len() - 1];
    let before = pts[pts.len() - 2];
    let (dx, dy) = (tip.0 - before.0, tip.1 - before.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 1e-6 {
        return;
    }
    let (ux, uy) = (dx / len, dy / len);
    // The line stops inside the arrowhead so its end does not show past the tip.
    let cut = (ARROW_LEN - 1.0).min(len);
    let mut line: Vec<(f64, f64)> = pts.to_vec();
    if let Some(last) = line.last_mut() {
        *last = (tip.0 - ux * cut, tip.1 - uy * cut);
    }
    let mut d = format!("M {} {}", num(line[0].0), num(line[0].1));
    for k in 1..line.len() {
        let p = line[k];
        if k + 1 < line.len() {
            let (a, c) = (line[k - 1], line[k + 1]);
            let (l1, l2) = (dist(a, p), dist(p, c));
            let r = CORNER.min(l1 / 2.0).min(l2 / 2.0);
            if r > 0.5 {
                let p1 = toward(p, a, r);
                let p2 = toward(p, c, r);
                let _ = write!(
                    d,
                    " L {} {} Q {} {} {} {}",
                    num(p1.0),
                    num(p1.1),
                    num(p.0),
                    num(p.1),
                    num(p2.0),
                    num(p2.1)
                );
                continue;
            }
        }
        let _ = write!(d, " L {} {}", num(p.0), num(p.1));
    }
    let _ = writeln!(
        o,
        "<path d=\"{d}\" fill=\"none\" stroke=\"{EDGE}\" stroke-width=\"1.1\" stroke-linejoin=\"round\"/>"
    );
    let (bx, by) = (tip.0 - ux * ARROW_LEN, tip.1 - uy * ARROW_LEN);
    let (px, py) = (-uy * ARROW_HALF, ux * ARROW_HALF);
    let _ = writeln!(
        o,
        "<path d=\"M {} {} L {} {} L {} {} Z\" fill=\"{EDGE}\"/>",
        num(tip.0),
        num(tip.1),
        num(bx + px),
        num(by + py),
        num(bx - px),
        num(by - py)
    );
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// The point `r` away from `from` towards `to`.
fn toward(from: (f64, f64), to: (f64, f64), r: f64) -> (f64, f64) {
    let d = dist(from, to);
    if d < 1e-9 {
        return from;
    }
    (
        from.0 + (to.0 - from.0) * r / d,
        from.1 + (to.1 - from.1) * r / d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_one_decimal_and_no_negative_zero() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.25), "1.3");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(-3.96), "-4");
    }
}
