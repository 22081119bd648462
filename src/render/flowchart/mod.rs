//! Flowcharts of procedures (referral pathways) as self-contained SVG, for both outputs:
//! inlined in the HTML and handed to Typst's `image(bytes(...), format: "svg")` in the PDF.
//!
//! The caller builds a [`Flowchart`] (nodes and edges, plain text) and calls
//! [`render_svg`] (one picture) or [`render_parts`] (one picture per page for tall
//! pathways). The layout is our own layered layout (its stages are described in
//! `layout.rs`), text is measured and wrapped with the Carlito font compiled into the
//! binary, and the SVG uses only inline attributes that usvg (Typst) and browsers read
//! alike. Same chart and options, same bytes.
//!
//! ```
//! use sopdoc::render::flowchart::*;
//! let chart = Flowchart {
//!     nodes: vec![
//!         Node::new(NodeKind::Step, "Identifier la personne").number("1").actor("Police"),
//!         Node::new(NodeKind::Decision, "Mineur ?").number("2"),
//!         Node::new(NodeKind::Exit, "Orienté vers la procédure 2.1"),
//!         Node::new(NodeKind::Exit, "Dossier clos"),
//!     ],
//!     edges: vec![
//!         Edge::new(0, 1),
//!         Edge::new(1, 2).label("oui"),
//!         Edge::new(1, 3).label("non"),
//!     ],
//! };
//! let out = render_svg(&chart, &FlowchartOptions::default());
//! assert!(out.svg.starts_with("<svg"));
//! assert!(out.width_pt <= 453.0);
//! ```

mod geometry;
pub use geometry::{EdgePath, Geometry, NodeBox, OUTLINE_TOLERANCE, Rect, Shape};
mod layout;
mod png;
pub use png::svg_to_png;
mod svg;
mod text;

use layout::{EdgeIn, NodeSize};
use text::Style;

/// What a node is; decides its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// Where the pathway begins (a stadium with an outline), when the procedure names it.
    Start,
    /// An action: a rounded box with the step number, the action and the responsible actor.
    Step,
    /// A question with labelled branches: a diamond.
    Decision,
    /// Where the pathway ends ("Dossier clos", "Orienté vers la procédure 2.1"): a filled
    /// stadium.
    Exit,
    /// An off-page connector: a small circle holding the number of a step drawn in
    /// another part of the chart ([`render_parts`] makes them).
    Connector,
}

/// One node of a flowchart. Text is plain (Markdown already flattened by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The shape and role.
    pub kind: NodeKind,
    /// The step number shown in a badge ("1", "2.3"), if any.
    pub number: Option<String>,
    /// The action, question or exit text; wrapped to the box, cut with an ellipsis beyond
    /// a few lines.
    pub label: String,
    /// The responsible actor, printed smaller and in italics under the action.
    pub actor: Option<String>,
}

impl Node {
    /// A node of `kind` with `label`, no number and no actor.
    pub fn new(kind: NodeKind, label: impl Into<String>) -> Self {
        Node {
            kind,
            number: None,
            label: label.into(),
            actor: None,
        }
    }

    /// The same node with a step number.
    pub fn number(mut self, number: impl Into<String>) -> Self {
        self.number = Some(number.into());
        self
    }

    /// The same node with a responsible actor.
    pub fn actor(mut self, actor: impl Into<String>) -> Self {
        self.actor = Some(actor.into());
        self
    }
}

/// A directed edge between two nodes, by index into [`Flowchart::nodes`]. An edge whose
/// index is out of range is skipped rather than drawn; an edge from a node to itself is
/// drawn as a loop on the side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Index of the source node.
    pub from: usize,
    /// Index of the target node.
    pub to: usize,
    /// The branch label of a decision ("oui", "non"), drawn near the source.
    pub label: Option<String>,
}

impl Edge {
    /// An unlabelled edge.
    pub fn new(from: usize, to: usize) -> Self {
        Edge {
            from,
            to,
            label: None,
        }
    }

    /// The same edge with a label.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

/// A procedure's pathway: the nodes in reading order (the first is where it starts) and
/// the edges between them, in branch order (a decision's first edge is drawn on the left).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Flowchart {
    /// The nodes.
    pub nodes: Vec<Node>,
    /// The edges.
    pub edges: Vec<Edge>,
}

/// Page constraints and text size.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowchartOptions {
    /// The width available (A4 text width: 160 mm = 453 pt). Wider layouts first wrap
    /// their text tighter, then scale down.
    pub max_width_pt: f64,
    /// The height of one page of figure (about 640 pt on A4); taller charts report
    /// more than one page in [`FlowchartSvg::pages`].
    pub max_height_pt: f64,
    /// The size of the action text, in points.
    pub font_size_pt: f64,
    /// The smallest action text size scaling may reach, in points: below it the chart is
    /// left wider than `max_width_pt` and [`FlowchartSvg::fits_width`] is false.
    pub min_font_size_pt: f64,
    /// The accessible name (`<title>`), e.g. the figure caption.
    pub title: String,
    /// The text alternative (`<desc>`): the pathway told in words, in the document's
    /// language. `None`: a terse list of the nodes and where each leads.
    pub description: Option<String>,
}

impl Default for FlowchartOptions {
    fn default() -> Self {
        FlowchartOptions {
            max_width_pt: 453.0,
            max_height_pt: 640.0,
            font_size_pt: 9.5,
            min_font_size_pt: 7.0,
            title: "Flowchart".into(),
            description: None,
        }
    }
}

/// A rendered flowchart.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowchartSvg {
    /// The SVG document (UTF-8, no XML declaration, no external references).
    pub svg: String,
    /// The printed width in points (after scaling); also the SVG's `width`.
    pub width_pt: f64,
    /// The printed height in points (after scaling); also the SVG's `height`.
    pub height_pt: f64,
    /// The factor applied to the natural size (1 unless the chart had to shrink).
    pub scale: f64,
    /// Whether `width_pt` is within `max_width_pt`.
    pub fits_width: bool,
    /// How many pages of `max_height_pt` the height needs (1 when it fits one page).
    pub pages: usize,
    /// Where the SVG draws each node and edge (in its `viewBox` units): what it was drawn
    /// from, for checks.
    pub geometry: Geometry,
}

/// Text widths tried in turn (step, decision, exit), widest first, until the chart fits.
const WRAP_LEVELS: [(f64, f64, f64); 4] = [
    (150.0, 118.0, 130.0),
    (125.0, 104.0, 112.0),
    (106.0, 92.0, 96.0),
    (90.0, 80.0, 84.0),
];
const STEP_LINES: usize = 5;
const DECISION_LINES: usize = 4;
const EXIT_LINES: usize = 3;
const ACTOR_LINES: usize = 2;
const LABEL_MAX: f64 = 90.0;

/// Font sizes and line heights derived from the action text size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sizes {
    pub text: f64,
    pub line: f64,
    pub actor: f64,
    pub actor_line: f64,
    pub badge: f64,
    pub label: f64,
}

impl Sizes {
    fn new(text: f64) -> Self {
        let text = if text.is_finite() && text > 1.0 {
            text
        } else {
            9.5
        };
        Sizes {
            text,
            line: text * 1.2,
            actor: text * 0.84,
            actor_line: text * 0.84 * 1.2,
            badge: text * 0.84,
            label: text * 0.9,
        }
    }
}

/// A node's text, wrapped, and its size.
#[derive(Debug, Clone)]
pub(crate) struct Measured {
    pub lines: Vec<String>,
    pub actor: Vec<String>,
    /// The badge's text and width.
    pub badge: Option<(String, f64)>,
    pub size: NodeSize,
}

const BADGE_H: f64 = 14.0;

fn measure(
    chart: &Flowchart,
    labels: &[Option<(String, f64)>],
    s: Sizes,
    level: usize,
) -> Vec<Measured> {
    let (step_w, dec_w, exit_w) = WRAP_LEVELS[level.min(WRAP_LEVELS.len() - 1)];
    let k = s.text / 9.5;
    chart
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let (max_w, max_lines, style) = match node.kind {
                NodeKind::Step => (step_w * k, STEP_LINES, Style::Regular),
                NodeKind::Decision => (dec_w * k, DECISION_LINES, Style::Regular),
                NodeKind::Exit | NodeKind::Start => (exit_w * k, EXIT_LINES, Style::Bold),
                NodeKind::Connector => (exit_w * k * 0.6, 1, Style::Bold),
            };
            let lines = text::wrap(&node.label, style, s.text, max_w, max_lines);
            let actor = node
                .actor
                .as_deref()
                .map(|a| text::wrap(a, Style::Italic, s.actor, max_w, ACTOR_LINES))
                .unwrap_or_default();
            let badge = node
                .number
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(|n| {
                    let n = text::wrap(n, Style::Bold, s.badge, 40.0, 1).concat();
                    let w = (text::width(&n, Style::Bold, s.badge) + 9.0).max(BADGE_H + 2.0);
                    (n, w)
                });
            let text_w = lines
                .iter()
                .map(|l| text::width(l, style, s.text))
                .chain(actor.iter().map(|a| text::width(a, Style::Italic, s.actor)))
                .fold(0.0, f64::max);
            let text_h = lines.len() as f64 * s.line
                + if actor.is_empty() {
                    0.0
                } else {
                    4.0 + actor.len() as f64 * s.actor_line
                };
            let badge_w = badge.as_ref().map_or(0.0, |b| b.1);
            let size = match node.kind {
                NodeKind::Step => {
                    let w = (text_w + 18.0).max(84.0).max(badge_w + 24.0);
                    let top = if badge.is_some() { 10.0 } else { 7.0 };
                    let h = (top + text_h + 7.0).max(30.0);
                    NodeSize {
                        w,
                        h,
                        slot: w,
                        shape: Shape::Box,
                    }
                }
                NodeKind::Decision => {
                    let w = (text_w / 0.6 + 6.0).max(76.0).max(2.0 * badge_w + 16.0);
                    let h = (text_h / 0.38 + 4.0).max(44.0);
                    let out_label = chart
                        .edges
                        .iter()
                        .zip(labels)
                        .filter(|(e, _)| e.from == i)
                        .filter_map(|(_, l)| l.as_ref().map(|l| l.1))
                        .fold(0.0, f64::max);
                    let slot = if out_label > 0.0 {
                        w + 2.0 * (out_label + 6.0)
                    } else {
                        w
                    };
                    NodeSize {
                        w,
                        h,
                        slot,
                        shape: Shape::Diamond,
                    }
                }
                NodeKind::Connector => {
                    let h = (s.line + 10.0).max(22.0);
                    let w = (text_w + 14.0).max(h);
                    NodeSize {
                        w,
                        h,
                        slot: w,
                        shape: Shape::Pill,
                    }
                }
                NodeKind::Exit | NodeKind::Start => {
                    let w = (text_w + 26.0).max(64.0).max(badge_w * 2.0 + 40.0);
                    let h = (text_h + 12.0).max(24.0);
                    NodeSize {
                        w,
                        h,
                        slot: w,
                        shape: Shape::Pill,
                    }
                }
            };
            Measured {
                lines,
                actor,
                badge,
                size,
            }
        })
        .collect()
}

/// The chosen measurement, layout and scale of a chart.
struct Plan {
    measured: Vec<Measured>,
    labels: Vec<Option<(String, f64)>>,
    lay: layout::Layout,
    sizes: Sizes,
    scale: f64,
    max_w: f64,
}

fn positive_or(v: f64, default: f64) -> f64 {
    if v.is_finite() && v > 10.0 {
        v
    } else {
        default
    }
}

fn plan(chart: &Flowchart, opts: &FlowchartOptions) -> Plan {
    let s = Sizes::new(opts.font_size_pt);
    let labels: Vec<Option<(String, f64)>> = chart
        .edges
        .iter()
        .map(|e| {
            let l = e.label.as_deref()?.trim();
            if l.is_empty() {
                return None;
            }
            let l = text::wrap(l, Style::Bold, s.label, LABEL_MAX, 1).concat();
            let w = text::width(&l, Style::Bold, s.label) + 6.0;
            Some((l, w))
        })
        .collect();
    let edges_in: Vec<EdgeIn> = chart
        .edges
        .iter()
        .zip(&labels)
        .map(|(e, l)| EdgeIn {
            from: e.from,
            to: e.to,
            label: l.as_ref().map(|l| (l.1, s.label * 1.2 + 2.0)),
        })
        .collect();
    let max_w = positive_or(opts.max_width_pt, 453.0);
    let attempt = |level: usize| {
        let measured = measure(chart, &labels, s, level);
        let sizes: Vec<NodeSize> = measured.iter().map(|m| m.size).collect();
        let lay = layout::layout(&sizes, &edges_in);
        (measured, lay)
    };
    let (mut measured, mut lay) = attempt(0);
    for level in 1..WRAP_LEVELS.len() {
        if lay.width <= max_w {
            break;
        }
        let next = attempt(level);
        if next.1.width < lay.width {
            (measured, lay) = next;
        }
    }
    let min_scale = (opts.min_font_size_pt / s.text).clamp(0.1, 1.0);
    let scale = if lay.width > max_w {
        (max_w / lay.width).max(min_scale)
    } else {
        1.0
    };
    Plan {
        measured,
        labels,
        lay,
        sizes: s,
        scale,
        max_w,
    }
}

fn draw(chart: &Flowchart, plan: &Plan, opts: &FlowchartOptions, title: &str) -> FlowchartSvg {
    let geometry = Geometry::new(&plan.lay, &chart.edges);
    let (width_pt, height_pt) = (geometry.width * plan.scale, geometry.height * plan.scale);
    let svg = svg::write(
        chart,
        &plan.measured,
        &plan.labels,
        &geometry,
        plan.sizes,
        plan.scale,
        title,
        opts.description.as_deref(),
    );
    let page = positive_or(opts.max_height_pt, 640.0);
    FlowchartSvg {
        svg,
        width_pt: svg::round1(width_pt),
        height_pt: svg::round1(height_pt),
        scale: plan.scale,
        fits_width: width_pt <= plan.max_w + 0.05,
        pages: ((height_pt / page).ceil() as usize).max(1),
        geometry,
    }
}

/// Lays out and draws `chart` as one picture. Never panics: an empty chart gives a small
/// empty picture, and edges to nodes that do not exist are left out.
///
/// When the natural width exceeds `opts.max_width_pt`, text is wrapped tighter (four
/// steps); if that is not enough the picture is scaled down, but not below
/// `opts.min_font_size_pt`. The returned size is the printed size; `pages` tells whether
/// it is taller than one page (see [`render_parts`] to split it).
pub fn render_svg(chart: &Flowchart, opts: &FlowchartOptions) -> FlowchartSvg {
    let plan = plan(chart, opts);
    draw(chart, &plan, opts, &opts.title)
}

/// Room kept in each part for the off-page connectors above and below, in points.
const CONNECTOR_ROOM: f64 = 56.0;

/// Lays out `chart` as one picture if it fits one page (`opts.max_height_pt`), otherwise
/// as several parts cut between layers, each laid out on its own. An edge that crosses a
/// cut ends, in its source's part, on a small circled connector holding the number (or
/// label) of its target, and starts, in its target's part, from a connector holding the
/// number of its source; branch labels stay on both halves. Part titles get " (1/3)"…
///
/// A single layer taller than a page still makes a part taller than a page.
pub fn render_parts(chart: &Flowchart, opts: &FlowchartOptions) -> Vec<FlowchartSvg> {
    let whole = plan(chart, opts);
    let page = positive_or(opts.max_height_pt, 640.0);
    let layers = &whole.lay.layers;
    if whole.lay.height * whole.scale <= page || layers.len() < 2 {
        return vec![draw(chart, &whole, opts, &opts.title)];
    }
    // Cut, lay the parts out, and cut tighter while a part of several layers overflows
    // (connectors and a fresh layout change the heights a little).
    let mut limit = page / whole.scale - CONNECTOR_ROOM;
    let mut parts = Vec::new();
    for _ in 0..6 {
        let cuts = cut_layers(layers, limit);
        let part_of: Vec<usize> = whole
            .lay
            .nodes
            .iter()
            .map(|p| cuts.partition_point(|&c| c <= p.layer).saturating_sub(1))
            .collect();
        let mut overflow = false;
        parts = (0..cuts.len())
            .map(|p| {
                let sub = part(chart, &part_of, p);
                let title = format!("{} ({}/{})", opts.title, p + 1, cuts.len());
                let plan = plan(&sub, opts);
                let many_layers = cuts.get(p + 1).unwrap_or(&layers.len()) - cuts[p] > 1;
                overflow |= many_layers && plan.lay.height * plan.scale > page;
                draw(&sub, &plan, opts, &title)
            })
            .collect();
        if !overflow {
            break;
        }
        limit *= 0.9;
    }
    parts
}

/// The first layer of each part: a new part starts where the layers since the last cut
/// would exceed `limit` points.
fn cut_layers(layers: &[(f64, f64)], limit: f64) -> Vec<usize> {
    let mut cuts = vec![0];
    let Some(first) = layers.first() else {
        return cuts;
    };
    let mut top = first.0;
    for (l, &(layer_top, layer_bottom)) in layers.iter().enumerate().skip(1) {
        if layer_bottom - top > limit {
            cuts.push(l);
            top = layer_top;
        }
    }
    cuts
}

/// The nodes of part `p` with connectors standing for the edges that cross its cuts. An
/// exit reached from another part is drawn again in that part instead (an exit needs no
/// connector), and left out of its own part when nothing there leads to it.
fn part(chart: &Flowchart, part_of: &[usize], p: usize) -> Flowchart {
    let n = chart.nodes.len();
    let name = |v: usize| {
        let node = &chart.nodes[v];
        node.number.clone().unwrap_or_else(|| node.label.clone())
    };
    let is_exit = |v: usize| chart.nodes[v].kind == NodeKind::Exit;
    let edges_ok = || chart.edges.iter().filter(|e| e.from < n && e.to < n);
    let inside = |v: usize| part_of[v] == p;
    // Incoming connectors first, so the part's layout starts from them.
    let mut nodes: Vec<Node> = Vec::new();
    let mut incoming: Vec<(usize, usize)> = Vec::new();
    for e in edges_ok() {
        if !inside(e.from)
            && inside(e.to)
            && !is_exit(e.to)
            && !incoming.iter().any(|&(u, _)| u == e.from)
        {
            incoming.push((e.from, nodes.len()));
            nodes.push(Node::new(NodeKind::Connector, name(e.from)));
        }
    }
    let mut index = vec![usize::MAX; n];
    for v in (0..n).filter(|&v| inside(v)) {
        let reached_here = edges_ok().any(|e| e.to == v && inside(e.from));
        let reached_at_all = edges_ok().any(|e| e.to == v && e.from != v);
        if is_exit(v) && reached_at_all && !reached_here {
            continue;
        }
        index[v] = nodes.len();
        nodes.push(chart.nodes[v].clone());
    }
    // Targets outside the part: a connector, or a copy of the exit.
    let mut outside: Vec<(usize, usize)> = Vec::new();
    let mut edges = Vec::new();
    for e in edges_ok() {
        let (from, to) = match (inside(e.from), inside(e.to)) {
            (true, true) => (index[e.from], index[e.to]),
            (true, false) => {
                let c = match outside.iter().find(|&&(v, _)| v == e.to) {
                    Some(&(_, c)) => c,
                    None => {
                        outside.push((e.to, nodes.len()));
                        nodes.push(if is_exit(e.to) {
                            chart.nodes[e.to].clone()
                        } else {
                            Node::new(NodeKind::Connector, name(e.to))
                        });
                        nodes.len() - 1
                    }
                };
                (index[e.from], c)
            }
            (false, true) if !is_exit(e.to) => {
                let c = incoming
                    .iter()
                    .find(|&&(u, _)| u == e.from)
                    .map_or(usize::MAX, |&(_, c)| c);
                (c, index[e.to])
            }
            _ => continue,
        };
        edges.push(Edge {
            from,
            to,
            label: e.label.clone(),
        });
    }
    Flowchart { nodes, edges }
}

#[cfg(test)]
mod tests;
