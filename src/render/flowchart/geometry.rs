//! The laid-out geometry of a flowchart: where each node's shape and each edge's polyline
//! are, in the SVG's user units (points before [`FlowchartSvg::scale`]). The SVG writer
//! draws from this very value and [`FlowchartSvg`] carries it, so what a test or the fuzz
//! target checks is what was drawn, not a second computation that could drift from it.
//!
//! [`Geometry::problems`] states the promises of the layout in one place: no two shapes
//! overlap, every shape lies inside the picture, and every edge starts on its source's
//! outline and ends (the arrow tip) on its target's.
//!
//! [`FlowchartSvg`]: super::FlowchartSvg
//! [`FlowchartSvg::scale`]: super::FlowchartSvg::scale

use super::Edge;
use super::layout::{Layout, Placed};
pub use super::layout::{Rect, Shape};

/// How far (in points) an edge's end may lie from its node's outline and still touch
/// it: one step of the SVG's one-decimal coordinates.
pub const OUTLINE_TOLERANCE: f64 = 0.1;

/// One node as placed: the centre and size of its drawn shape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeBox {
    /// Horizontal centre.
    pub cx: f64,
    /// Vertical centre.
    pub cy: f64,
    /// Width of the drawn shape.
    pub w: f64,
    /// Height of the drawn shape.
    pub h: f64,
    /// The outline: a rectangle (steps), a diamond (decisions) or a stadium (starts,
    /// exits, connectors).
    pub shape: Shape,
}

impl NodeBox {
    fn of(p: &Placed) -> Self {
        NodeBox {
            cx: p.cx,
            cy: p.cy,
            w: p.w,
            h: p.h,
            shape: p.shape,
        }
    }

    /// The bounding box of the drawn shape.
    pub fn rect(&self) -> Rect {
        Rect::centred(self.cx, self.cy, self.w, self.h)
    }

    /// How far `pt` lies from the shape's outline (0 on it). A diamond's outline is its
    /// four sides; a rectangle's and a stadium's, their bounding box's border (edges reach
    /// a stadium on its straight top and bottom or at the middle of its round ends, where
    /// the two agree).
    pub fn distance_to_outline(&self, pt: (f64, f64)) -> f64 {
        let (dx, dy) = ((pt.0 - self.cx).abs(), (pt.1 - self.cy).abs());
        let (hw, hh) = (self.w / 2.0, self.h / 2.0);
        match self.shape {
            Shape::Diamond => {
                // By symmetry, the distance to the side from (hw, 0) to (0, hh).
                let (ax, ay, bx, by) = (hw, 0.0, -hw, hh);
                let len2 = bx * bx + by * by;
                let t = if len2 > 0.0 {
                    (((dx - ax) * bx + (dy - ay) * by) / len2).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let (px, py) = (ax + t * bx - dx, ay + t * by - dy);
                (px * px + py * py).sqrt()
            }
            Shape::Box | Shape::Pill => {
                if dx <= hw && dy <= hh {
                    (hw - dx).min(hh - dy)
                } else {
                    let (ox, oy) = ((dx - hw).max(0.0), (dy - hh).max(0.0));
                    (ox * ox + oy * oy).sqrt()
                }
            }
        }
    }
}

/// One drawn edge.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgePath {
    /// Its index in the chart's edges.
    pub edge: usize,
    /// The source node (index into [`Geometry::nodes`]).
    pub from: usize,
    /// The target node.
    pub to: usize,
    /// The orthogonal polyline, from the source's outline to the arrow tip on the target's.
    pub points: Vec<(f64, f64)>,
    /// The box of its label, if it has one.
    pub label: Option<Rect>,
}

/// The geometry of one picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    /// The natural width of the picture (its `viewBox`).
    pub width: f64,
    /// The natural height.
    pub height: f64,
    /// One box per node of the chart drawn, in its order.
    pub nodes: Vec<NodeBox>,
    /// The edges drawn (an edge with an end out of range is left out).
    pub edges: Vec<EdgePath>,
}

impl Geometry {
    pub(super) fn new(lay: &Layout, edges: &[Edge]) -> Self {
        Geometry {
            width: lay.width,
            height: lay.height,
            nodes: lay.nodes.iter().map(NodeBox::of).collect(),
            edges: lay
                .edges
                .iter()
                .zip(edges)
                .enumerate()
                .filter_map(|(i, (r, e))| {
                    let r = r.as_ref()?;
                    Some(EdgePath {
                        edge: i,
                        from: e.from,
                        to: e.to,
                        points: r.points.clone(),
                        label: r.label,
                    })
                })
                .collect(),
        }
    }

    /// What breaks the layout's promises, one sentence each; empty when none does: two
    /// shapes whose boxes overlap, a shape outside the picture, a coordinate that is not
    /// finite, an edge of fewer than two points, or one that does not start on its source's
    /// outline or end on its target's (within [`OUTLINE_TOLERANCE`]).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !(self.width.is_finite() && self.height.is_finite()) {
            out.push(format!("size {} × {} not finite", self.width, self.height));
        }
        for (i, a) in self.nodes.iter().enumerate() {
            let r = a.rect();
            if ![r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite()) {
                out.push(format!("node {i}: not finite {r:?}"));
                continue;
            }
            let slack = 0.01;
            if r.x < -slack
                || r.y < -slack
                || r.x + r.w > self.width + slack
                || r.y + r.h > self.height + slack
            {
                out.push(format!(
                    "node {i} {r:?} outside the picture {} × {}",
                    self.width, self.height
                ));
            }
            for (k, b) in self.nodes.iter().enumerate().skip(i + 1) {
                if r.overlaps(&b.rect()) {
                    out.push(format!("nodes {i} and {k} overlap: {r:?} {:?}", b.rect()));
                }
            }
        }
        for e in &self.edges {
            let (Some(&first), Some(&last)) = (e.points.first(), e.points.last()) else {
                out.push(format!("edge {} has no points", e.edge));
                continue;
            };
            if e.points.len() < 2 {
                out.push(format!("edge {} is a single point", e.edge));
            }
            if e.points
                .iter()
                .any(|p| !(p.0.is_finite() && p.1.is_finite()))
            {
                out.push(format!("edge {}: not finite {:?}", e.edge, e.points));
                continue;
            }
            for (end, node, pt) in [("starts", e.from, first), ("ends", e.to, last)] {
                let d = self
                    .nodes
                    .get(node)
                    .map_or(f64::INFINITY, |n| n.distance_to_outline(pt));
                if d.is_nan() || d > OUTLINE_TOLERANCE {
                    out.push(format!(
                        "edge {} ({} -> {}) {end} {d:.2} pt off node {node}: {:?}",
                        e.edge, e.from, e.to, e.points
                    ));
                }
            }
        }
        out
    }
}
