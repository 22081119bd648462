//! A layered (Sugiyama-style) layout of a flowchart, in points, from the sizes of its
//! nodes: pure geometry, no text and no SVG, so every stage can be tested on its own.
//!
//! The stages, in order:
//! 1. cycle breaking: a depth-first search from the first node marks the edges that close a
//!    cycle ("back edges"); they count reversed for layering and are drawn around the side;
//! 2. layer assignment: longest path from the sources, so every forward edge goes down;
//! 3. dummy nodes: an edge spanning several layers becomes a chain through one invisible
//!    node per layer it crosses, so it gets a lane of its own and bends only where needed;
//! 4. crossing minimisation: barycenter sweeps down and up plus adjacent transpositions,
//!    keeping the best order seen; ties keep the previous order, so the branch order of a
//!    decision ("oui" before "non") survives and the result is deterministic;
//! 5. coordinates: each sweep asks every node to sit at the mean of its neighbours in the
//!    layer it looks at, and solves the layer exactly as a weighted isotonic regression
//!    (pool adjacent violators) under the minimum separations; dummies weigh more, so long
//!    edges stay straight; parents end centred over their children and vice versa;
//! 6. routing: orthogonal polylines; horizontal runs sit on tracks in the gap between two
//!    layers, one track per run that would otherwise overlap another; decisions send side
//!    branches out of their left and right corners; back edges leave the drawing on the
//!    right (or left) and come back in on a lane of their own;
//! 7. labels: near the source of their edge, on the first candidate spot that overlaps no
//!    node and no other label.

/// The outline of a node, which decides where edges attach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A (rounded) rectangle: steps.
    Box,
    /// A diamond: decisions; edges attach at its four corners.
    Diamond,
    /// A stadium: exits and starts; edges attach at the middle of its sides.
    Pill,
}

/// The size of one node, as measured from its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NodeSize {
    /// Width of the drawn shape.
    pub w: f64,
    /// Height of the drawn shape.
    pub h: f64,
    /// Width reserved in its layer (at least `w`; decisions reserve room for labels).
    pub slot: f64,
    /// The outline.
    pub shape: Shape,
}

/// One edge to lay out: indices into the nodes, and the size of its label, if any.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EdgeIn {
    pub from: usize,
    pub to: usize,
    /// Width and height of the label's box, padding included.
    pub label: Option<(f64, f64)>,
}

/// An axis-aligned rectangle, by its top-left corner, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The rectangle of width `w` and height `h` centred on (`cx`, `cy`): how nodes are
    /// placed.
    pub fn centred(cx: f64, cy: f64, w: f64, h: f64) -> Rect {
        Rect {
            x: cx - w / 2.0,
            y: cy - h / 2.0,
            w,
            h,
        }
    }

    /// Whether the two rectangles share some area (touching borders do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

/// A placed node: centre and size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placed {
    pub cx: f64,
    pub cy: f64,
    pub w: f64,
    pub h: f64,
    pub shape: Shape,
    pub layer: usize,
}

impl Placed {
    /// The bounding box of the drawn shape.
    pub fn rect(&self) -> Rect {
        Rect::centred(self.cx, self.cy, self.w, self.h)
    }
}

/// A routed edge: the polyline from the source's outline to the target's outline (the
/// arrow tip is the last point), and where its label goes.
#[derive(Debug, Clone)]
pub(crate) struct Routed {
    pub points: Vec<(f64, f64)>,
    pub label: Option<Rect>,
    /// Whether the edge closes a cycle (drawn going back up).
    #[cfg_attr(not(test), allow(dead_code))]
    pub back: bool,
}

/// The whole layout, in points, origin at the top left.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub nodes: Vec<Placed>,
    /// One entry per input edge; `None` for an edge whose ends are out of range.
    pub edges: Vec<Option<Routed>>,
    pub width: f64,
    pub height: f64,
    /// Top and bottom of each layer's band of nodes.
    pub layers: Vec<(f64, f64)>,
}

/// Room around the drawing: a step's number badge sits astride its box's top edge, half
/// of its 14-point height and its outline above the box, so the first row needs 7.6.
pub(super) const MARGIN: f64 = 8.0;
const NODE_GAP: f64 = 24.0;
const DUMMY_GAP: f64 = 12.0;

mod order;
mod place;
mod route;

#[cfg(test)]
use order::count_crossings;
use order::{assign_layers, break_cycles, initial_order, minimise_crossings};
#[cfg(test)]
use place::isotonic;
use place::{assign_x, straighten};
use route::Router;

/// Lays out `nodes` and `edges`. Edges with an end out of range are ignored (`None`).
pub(crate) fn layout(nodes: &[NodeSize], edges: &[EdgeIn]) -> Layout {
    let n = nodes.len();
    let valid: Vec<bool> = edges.iter().map(|e| e.from < n && e.to < n).collect();
    let (back, rank) = break_cycles(n, edges, &valid);
    let layer = assign_layers(n, edges, &valid, &back, &rank);
    let n_layers = layer.iter().map(|l| l + 1).max().unwrap_or(0);

    // The layered graph: real nodes, then dummies; chains for forward edges.
    let mut lg = Layered {
        layer: layer.clone(),
        slot: nodes.iter().map(|s| s.slot).collect(),
        dummy: vec![false; n],
        up: vec![Vec::new(); n],
        down: vec![Vec::new(); n],
    };
    let mut chains: Vec<Option<Vec<usize>>> = vec![None; edges.len()];
    for (i, e) in edges.iter().enumerate() {
        if !valid[i] || back[i] {
            continue;
        }
        let mut chain = vec![e.from];
        for l in layer[e.from] + 1..layer[e.to] {
            chain.push(lg.add_dummy(l));
        }
        chain.push(e.to);
        for w in chain.windows(2) {
            lg.down[w[0]].push(w[1]);
            lg.up[w[1]].push(w[0]);
        }
        chains[i] = Some(chain);
    }

    let mut order = initial_order(&lg, n_layers, &rank);
    minimise_crossings(&mut order, &lg);
    let mut x = assign_x(&order, &lg);
    straighten(&mut x, &order, &lg);

    let mut placed: Vec<Placed> = (0..n)
        .map(|v| Placed {
            cx: x[v],
            cy: 0.0,
            w: nodes[v].w,
            h: nodes[v].h,
            shape: nodes[v].shape,
            layer: layer[v],
        })
        .collect();

    let router = Router {
        order: &order,
        lg: &lg,
        x: &x,
        nodes,
    };
    router.finish(edges, &valid, &back, &chains, &mut placed, n_layers)
}

/// The graph of real and dummy nodes, by layer.
pub(super) struct Layered {
    pub(super) layer: Vec<usize>,
    pub(super) slot: Vec<f64>,
    pub(super) dummy: Vec<bool>,
    pub(super) up: Vec<Vec<usize>>,
    pub(super) down: Vec<Vec<usize>>,
}

impl Layered {
    pub(super) fn add_dummy(&mut self, layer: usize) -> usize {
        self.layer.push(layer);
        self.slot.push(0.0);
        self.dummy.push(true);
        self.up.push(Vec::new());
        self.down.push(Vec::new());
        self.layer.len() - 1
    }

    pub(super) fn gap(&self, a: usize, b: usize) -> f64 {
        match (self.dummy[a], self.dummy[b]) {
            (false, false) => NODE_GAP,
            (true, true) => DUMMY_GAP * 0.75,
            _ => DUMMY_GAP,
        }
    }
}

#[cfg(test)]
mod tests;
