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
pub(crate) enum Shape {
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

/// An axis-aligned rectangle, by its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
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
        Rect {
            x: self.cx - self.w / 2.0,
            y: self.cy - self.h / 2.0,
            w: self.w,
            h: self.h,
        }
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

const MARGIN: f64 = 6.0;
const NODE_GAP: f64 = 24.0;
const DUMMY_GAP: f64 = 12.0;
const MIN_GAP: f64 = 30.0;
const TRACK: f64 = 8.0;
const TRACK_OFF: f64 = 12.0;
const TRACK_OFF_LABEL: f64 = 22.0;
const LANE: f64 = 10.0;
const LANE_OFF: f64 = 14.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Port {
    Bottom,
    Left,
    Right,
}

/// A horizontal run in the gap above layer `gap` (gap 0 is above the first layer).
#[derive(Debug, Clone, Copy)]
struct Run {
    gap: usize,
    x1: f64,
    x2: f64,
    /// Runs leaving the same point, or reaching the same node, may share a track.
    from_key: (usize, u8),
    to_key: usize,
    track: usize,
}

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
struct Layered {
    layer: Vec<usize>,
    slot: Vec<f64>,
    dummy: Vec<bool>,
    up: Vec<Vec<usize>>,
    down: Vec<Vec<usize>>,
}

impl Layered {
    fn add_dummy(&mut self, layer: usize) -> usize {
        self.layer.push(layer);
        self.slot.push(0.0);
        self.dummy.push(true);
        self.up.push(Vec::new());
        self.down.push(Vec::new());
        self.layer.len() - 1
    }

    fn gap(&self, a: usize, b: usize) -> f64 {
        match (self.dummy[a], self.dummy[b]) {
            (false, false) => NODE_GAP,
            (true, true) => DUMMY_GAP * 0.75,
            _ => DUMMY_GAP,
        }
    }
}

/// Marks the edges that close a cycle (self loops included), by an iterative depth-first
/// search from node 0, then from every other unvisited node in index order. Also returns
/// each node's preorder rank, the seed of the initial order.
fn break_cycles(n: usize, edges: &[EdgeIn], valid: &[bool]) -> (Vec<bool>, Vec<usize>) {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        if valid[i] {
            out[e.from].push(i);
        }
    }
    let mut back = vec![false; edges.len()];
    let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
    let mut rank = vec![0usize; n];
    let mut next_rank = 0;
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        rank[root] = next_rank;
        next_rank += 1;
        while let Some(top) = stack.last_mut() {
            let v = top.0;
            if let Some(&ei) = out[v].get(top.1) {
                top.1 += 1;
                let t = edges[ei].to;
                match state[t] {
                    0 => {
                        state[t] = 1;
                        rank[t] = next_rank;
                        next_rank += 1;
                        stack.push((t, 0));
                    }
                    1 => back[ei] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    (back, rank)
}

/// Longest path from the sources over the edges, back edges reversed (self loops ignored).
fn assign_layers(
    n: usize,
    edges: &[EdgeIn],
    valid: &[bool],
    back: &[bool],
    rank: &[usize],
) -> Vec<usize> {
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for (i, e) in edges.iter().enumerate() {
        if !valid[i] || e.from == e.to {
            continue;
        }
        let (a, b) = if back[i] {
            (e.to, e.from)
        } else {
            (e.from, e.to)
        };
        succ[a].push(b);
        indeg[b] += 1;
    }
    let mut layer = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    ready.sort_by_key(|&v| std::cmp::Reverse(rank[v]));
    let sources: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    while let Some(v) = ready.pop() {
        for &s in &succ[v] {
            layer[s] = layer[s].max(layer[v] + 1);
            indeg[s] -= 1;
            if indeg[s] == 0 {
                ready.push(s);
            }
        }
    }
    // A source other than the start (an entry from elsewhere) sits just above its
    // nearest successor rather than at the top.
    for v in sources {
        if let Some(m) = succ[v].iter().map(|&s| layer[s]).min() {
            layer[v] = m.saturating_sub(1);
        }
    }
    layer
}

/// The first order of each layer: a depth-first walk down the layered graph from the
/// nodes in preorder rank, children in edge order.
fn initial_order(lg: &Layered, n_layers: usize, rank: &[usize]) -> Vec<Vec<usize>> {
    let mut order = vec![Vec::new(); n_layers];
    let mut seen = vec![false; lg.layer.len()];
    let mut roots: Vec<usize> = (0..rank.len()).collect();
    roots.sort_by_key(|&v| rank[v]);
    for root in roots {
        let mut stack = vec![root];
        while let Some(v) = stack.pop() {
            if seen[v] {
                continue;
            }
            seen[v] = true;
            order[lg.layer[v]].push(v);
            stack.extend(lg.down[v].iter().rev().filter(|&&c| !seen[c]));
        }
    }
    order
}

fn positions(order: &[Vec<usize>], len: usize) -> Vec<usize> {
    let mut pos = vec![0usize; len];
    for layer in order {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

/// The number of edge crossings between consecutive layers.
pub(crate) fn count_crossings(order: &[Vec<usize>], down: &[Vec<usize>]) -> usize {
    let pos = positions(order, down.len());
    let mut total = 0;
    for layer in order {
        let segs: Vec<(usize, usize)> = layer
            .iter()
            .flat_map(|&u| down[u].iter().map(move |&v| (u, v)))
            .map(|(u, v)| (pos[u], pos[v]))
            .collect();
        for (i, a) in segs.iter().enumerate() {
            for b in &segs[i + 1..] {
                if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) {
                    total += 1;
                }
            }
        }
    }
    total
}

/// Barycenter sweeps and transpositions; keeps the order with the fewest crossings.
fn minimise_crossings(order: &mut [Vec<usize>], lg: &Layered) {
    let len = lg.layer.len();
    let mut best = order.to_vec();
    let mut best_count = count_crossings(order, &lg.down);
    for _ in 0..12 {
        if best_count == 0 {
            break;
        }
        for l in 1..order.len() {
            sort_by_barycenter(order, l, &lg.up, len);
        }
        for l in (0..order.len().saturating_sub(1)).rev() {
            sort_by_barycenter(order, l, &lg.down, len);
        }
        transpose(order, lg);
        let c = count_crossings(order, &lg.down);
        if c < best_count {
            best_count = c;
            best = order.to_vec();
        }
    }
    order.clone_from_slice(&best);
}

fn sort_by_barycenter(order: &mut [Vec<usize>], l: usize, adj: &[Vec<usize>], len: usize) {
    let pos = positions(order, len);
    let mut keyed: Vec<(f64, usize, usize)> = order[l]
        .iter()
        .map(|&v| {
            let ns = &adj[v];
            let key = if ns.is_empty() {
                pos[v] as f64
            } else {
                ns.iter().map(|&u| pos[u] as f64).sum::<f64>() / ns.len() as f64
            };
            (key, pos[v], v)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    order[l] = keyed.into_iter().map(|k| k.2).collect();
}

/// Swaps neighbours in a layer while that removes crossings with the layers around.
fn transpose(order: &mut [Vec<usize>], lg: &Layered) {
    let len = lg.layer.len();
    for _ in 0..8 {
        let mut improved = false;
        for l in 0..order.len() {
            for i in 0..order[l].len().saturating_sub(1) {
                let pos = positions(order, len);
                let (u, v) = (order[l][i], order[l][i + 1]);
                let cross = |a: usize, b: usize| -> usize {
                    [&lg.up, &lg.down]
                        .iter()
                        .map(|adj| {
                            adj[a]
                                .iter()
                                .map(|&p| adj[b].iter().filter(|&&q| pos[p] > pos[q]).count())
                                .sum::<usize>()
                        })
                        .sum()
                };
                if cross(v, u) < cross(u, v) {
                    order[l].swap(i, i + 1);
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Horizontal coordinates: packed layers, then sweeps that pull each node towards the
/// mean of its neighbours, each layer solved exactly under the minimum separations.
fn assign_x(order: &[Vec<usize>], lg: &Layered) -> Vec<f64> {
    let mut x = vec![0.0; lg.layer.len()];
    for layer in order {
        let mut cur = 0.0;
        for (i, &v) in layer.iter().enumerate() {
            if i > 0 {
                let u = layer[i - 1];
                cur += (lg.slot[u] + lg.slot[v]) / 2.0 + lg.gap(u, v);
            }
            x[v] = cur;
        }
        let mid = cur / 2.0;
        for &v in layer {
            x[v] -= mid;
        }
    }
    let place = |x: &mut Vec<f64>, l: usize, adjs: &[&Vec<Vec<usize>>]| {
        let layer = &order[l];
        let mut desired = Vec::with_capacity(layer.len());
        let mut weight = Vec::with_capacity(layer.len());
        for &v in layer {
            let ns: Vec<usize> = adjs.iter().flat_map(|a| a[v].iter().copied()).collect();
            if ns.is_empty() {
                desired.push(x[v]);
                weight.push(0.05);
            } else {
                desired.push(ns.iter().map(|&u| x[u]).sum::<f64>() / ns.len() as f64);
                weight.push(if lg.dummy[v] { 4.0 } else { 1.0 });
            }
        }
        let sep: Vec<f64> = layer
            .windows(2)
            .map(|w| (lg.slot[w[0]] + lg.slot[w[1]]) / 2.0 + lg.gap(w[0], w[1]))
            .collect();
        for (&v, xv) in layer.iter().zip(isotonic(&desired, &weight, &sep)) {
            x[v] = xv;
        }
    };
    for _ in 0..10 {
        for l in 1..order.len() {
            place(&mut x, l, &[&lg.up]);
        }
        for l in (0..order.len().saturating_sub(1)).rev() {
            place(&mut x, l, &[&lg.down]);
        }
    }
    for l in 0..order.len() {
        place(&mut x, l, &[&lg.up, &lg.down]);
    }
    x
}

/// Straightens chains: a run of nodes where each has one child and that child has one
/// parent (a sequence of steps, or the dummies of a long edge) moves onto one vertical,
/// where the layers leave room: the x of a member that fans in or out (it was centred for
/// a reason) first, then the chain's mean, then each member's own x. Then snaps
/// near-vertical hops (under half a point) to exact verticals.
fn straighten(x: &mut [f64], order: &[Vec<usize>], lg: &Layered) {
    let len = lg.layer.len();
    let pos = positions(order, len);
    let fits = |x: &[f64], v: usize, at: f64| {
        let layer = &order[lg.layer[v]];
        let i = pos[v];
        let left = i
            .checked_sub(1)
            .map(|j| layer[j])
            .is_none_or(|u| x[u] + (lg.slot[u] + lg.slot[v]) / 2.0 + lg.gap(u, v) <= at + 1e-9);
        let right = layer
            .get(i + 1)
            .is_none_or(|&u| at + (lg.slot[u] + lg.slot[v]) / 2.0 + lg.gap(u, v) <= x[u] + 1e-9);
        left && right
    };
    let single = |u: usize| lg.down[u].len() == 1 && lg.up[lg.down[u][0]].len() == 1;
    let mut done = vec![false; len];
    for layer in order {
        for &start in layer {
            if done[start] {
                continue;
            }
            // Only start at the top of a chain.
            if lg.up[start].len() == 1 && single(lg.up[start][0]) {
                continue;
            }
            let mut chain = vec![start];
            let mut v = start;
            while single(v) {
                v = lg.down[v][0];
                chain.push(v);
            }
            for &c in &chain {
                done[c] = true;
            }
            if chain.len() < 2 {
                continue;
            }
            let mean = chain.iter().map(|&c| x[c]).sum::<f64>() / chain.len() as f64;
            let pinned = chain
                .iter()
                .filter(|&&c| lg.up[c].len() > 1 || lg.down[c].len() > 1)
                .map(|&c| x[c]);
            let candidates: Vec<f64> = pinned
                .chain(std::iter::once(mean))
                .chain(chain.iter().map(|&c| x[c]))
                .collect();
            if let Some(&at) = candidates
                .iter()
                .find(|&&at| chain.iter().all(|&c| fits(x, c, at)))
            {
                for &c in &chain {
                    x[c] = at;
                }
            }
        }
    }
    for layer in order.iter().skip(1) {
        for &v in layer {
            if let Some(&u) = lg.up[v].iter().find(|&&u| (x[u] - x[v]).abs() < 0.5)
                && fits(x, v, x[u])
            {
                x[v] = x[u];
            }
        }
    }
}

/// The positions minimising `sum weight_i (x_i - desired_i)^2` subject to
/// `x_{i+1} - x_i >= sep_i`: pool adjacent violators on the offset problem.
fn isotonic(desired: &[f64], weight: &[f64], sep: &[f64]) -> Vec<f64> {
    let mut offset = vec![0.0; desired.len()];
    for i in 1..desired.len() {
        offset[i] = offset[i - 1] + sep[i - 1];
    }
    // Blocks of (first index, total weight, weighted sum of targets).
    let mut blocks: Vec<(usize, f64, f64)> = Vec::new();
    for i in 0..desired.len() {
        let w = weight[i].max(1e-6);
        blocks.push((i, w, w * (desired[i] - offset[i])));
        while blocks.len() >= 2 {
            let (b, a) = (blocks[blocks.len() - 1], blocks[blocks.len() - 2]);
            if a.2 / a.1 > b.2 / b.1 {
                blocks.pop();
                let last = blocks.len() - 1;
                blocks[last] = (a.0, a.1 + b.1, a.2 + b.2);
            } else {
                break;
            }
        }
    }
    let mut out = vec![0.0; desired.len()];
    for (k, &(start, w, s)) in blocks.iter().enumerate() {
        let end = blocks.get(k + 1).map_or(desired.len(), |b| b.0);
        for i in start..end {
            out[i] = s / w + offset[i];
        }
    }
    out
}

/// Routes the edges once the horizontal coordinates are known.
struct Router<'a> {
    order: &'a [Vec<usize>],
    lg: &'a Layered,
    x: &'a [f64],
    nodes: &'a [NodeSize],
}

/// How a back edge leaves its source or reaches its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BackEnd {
    Side,
    Gap,
}

struct BackPlan {
    right: bool,
    lane: f64,
    start: BackEnd,
    end: BackEnd,
}

impl Router<'_> {
    /// Whether `v` is the outermost real node of its layer on that side.
    fn outermost(&self, v: usize, right: bool) -> bool {
        let layer = &self.order[self.lg.layer[v]];
        let mut reals = layer.iter().filter(|&&u| !self.lg.dummy[u]);
        if right {
            reals.next_back() == Some(&v)
        } else {
            reals.next() == Some(&v)
        }
    }

    /// Whether a horizontal run at the height of `v`, from its outline to `to_x`, meets no
    /// other real node of its layer.
    fn side_clear(&self, v: usize, to_x: f64) -> bool {
        let from = self.x[v];
        let (lo, hi) = if to_x < from {
            (to_x, from)
        } else {
            (from, to_x)
        };
        self.order[self.lg.layer[v]]
            .iter()
            .filter(|&&u| u != v && !self.lg.dummy[u])
            .all(|&u| {
                self.x[u] + self.lg.slot[u] / 2.0 < lo || self.x[u] - self.lg.slot[u] / 2.0 > hi
            })
    }

    /// Where a back edge attaches to the top or bottom of `v`: a quarter of the width
    /// towards its lane for boxes and stadiums, the corner for diamonds.
    fn back_x(&self, v: usize, right: bool) -> f64 {
        match self.nodes[v].shape {
            Shape::Diamond => self.x[v],
            Shape::Box => self.x[v] + if right { 1.0 } else { -1.0 } * self.nodes[v].w / 4.0,
            Shape::Pill => {
                let off = (self.nodes[v].w / 2.0 - self.nodes[v].h / 2.0)
                    .clamp(0.0, self.nodes[v].w / 4.0);
                self.x[v] + if right { off } else { -off }
            }
        }
    }

    /// The ports of the forward edges out of a decision: side corners for branches that
    /// lie beyond them, the bottom corner for the rest.
    fn decision_ports(&self, v: usize, outs: &[(usize, usize)]) -> Vec<(usize, Port)> {
        let cx = self.x[v];
        let half = self.nodes[v].w / 2.0;
        let mut sorted: Vec<(f64, usize)> = outs.iter().map(|&(e, c1)| (self.x[c1], e)).collect();
        sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut ports: Vec<(usize, Port)> =
            sorted.iter().map(|&(_, e)| (e, Port::Bottom)).collect();
        if sorted.len() < 2 {
            return ports;
        }
        let (lx, rx) = (sorted[0].0, sorted[sorted.len() - 1].0);
        if lx < cx - half - 4.0 && self.side_clear(v, lx) {
            ports[0].1 = Port::Left;
        }
        if rx > cx + half + 4.0 && self.side_clear(v, rx) {
            let last = ports.len() - 1;
            ports[last].1 = Port::Right;
        }
        ports
    }

    #[allow(clippy::too_many_lines)]
    fn finish(
        &self,
        edges: &[EdgeIn],
        valid: &[bool],
        back: &[bool],
        chains: &[Option<Vec<usize>>],
        placed: &mut [Placed],
        n_layers: usize,
    ) -> Layout {
        let n = placed.len();
        // Ports of forward edges.
        let mut port = vec![Port::Bottom; edges.len()];
        for v in 0..n {
            if self.nodes[v].shape != Shape::Diamond {
                continue;
            }
            let outs: Vec<(usize, usize)> = chains
                .iter()
                .enumerate()
                .filter_map(|(i, c)| c.as_ref().filter(|c| c[0] == v).map(|c| (i, c[1])))
                .collect();
            for (e, p) in self.decision_ports(v, &outs) {
                port[e] = p;
            }
        }
        let side_used = |v: usize, right: bool| {
            chains.iter().enumerate().any(|(i, c)| {
                c.as_ref().is_some_and(|c| c[0] == v)
                    && port[i] == if right { Port::Right } else { Port::Left }
            })
        };

        // Horizontal extent of the nodes and dummies, for the lanes of back edges.
        let mut right_edge = f64::MIN;
        let mut left_edge = f64::MAX;
        for v in 0..self.lg.layer.len() {
            right_edge = right_edge.max(self.x[v] + self.lg.slot[v] / 2.0);
            left_edge = left_edge.min(self.x[v] - self.lg.slot[v] / 2.0);
        }

        // Back edges: side, ends, lanes (shorter spans inside).
        let mut plans: Vec<Option<BackPlan>> = (0..edges.len()).map(|_| None).collect();
        let mut backs: Vec<usize> = (0..edges.len()).filter(|&i| valid[i] && back[i]).collect();
        backs.sort_by_key(|&i| {
            let e = &edges[i];
            (placed[e.from].layer.abs_diff(placed[e.to].layer), i)
        });
        let (mut lanes_right, mut lanes_left) = (0usize, 0usize);
        let label_room = |i: usize| edges[i].label.map_or(0.0, |l| l.0 + 4.0);
        let max_label_r = backs.iter().map(|&i| label_room(i)).fold(0.0, f64::max);
        for &i in &backs {
            let e = &edges[i];
            let self_loop = e.from == e.to;
            let can = |v: usize, right: bool| {
                self.outermost(v, right)
                    && !side_used(v, right)
                    && !(self_loop && self.nodes[v].shape == Shape::Diamond)
            };
            let score =
                |right: bool| usize::from(can(e.from, right)) + usize::from(can(e.to, right));
            let right = score(true) >= score(false);
            let lane = if right {
                lanes_right += 1;
                right_edge + LANE_OFF + max_label_r + LANE * (lanes_right - 1) as f64
            } else {
                lanes_left += 1;
                left_edge - LANE_OFF - max_label_r - LANE * (lanes_left - 1) as f64
            };
            let end_of = |v| {
                if can(v, right) {
                    BackEnd::Side
                } else {
                    BackEnd::Gap
                }
            };
            plans[i] = Some(BackPlan {
                right,
                lane,
                start: end_of(e.from),
                end: end_of(e.to),
            });
        }

        // Horizontal runs in the gaps, then tracks.
        let mut runs: Vec<Run> = Vec::new();
        let mut edge_runs: Vec<Vec<usize>> = vec![Vec::new(); edges.len()];
        let mut labelled_gap = vec![false; n_layers + 1];
        for (i, chain) in chains.iter().enumerate() {
            let Some(chain) = chain else { continue };
            let mut cur = if port[i] == Port::Bottom {
                self.x[chain[0]]
            } else {
                self.x[chain[1]]
            };
            if port[i] == Port::Bottom && edges[i].label.is_some() {
                labelled_gap[self.lg.layer[chain[0]] + 1] = true;
            }
            for w in chain.windows(2) {
                let to = self.x[w[1]];
                if (to - cur).abs() > 0.5 {
                    edge_runs[i].push(runs.len());
                    runs.push(Run {
                        gap: self.lg.layer[w[0]] + 1,
                        x1: cur,
                        x2: to,
                        from_key: (w[0], port[i] as u8),
                        to_key: w[1],
                        track: 0,
                    });
                }
                cur = to;
            }
        }
        for &i in &backs {
            let (e, plan) = (&edges[i], plans[i].as_ref().expect("planned"));
            let (sx, tx) = (
                self.back_x(e.from, plan.right),
                self.back_x(e.to, plan.right),
            );
            // Boxes get an attachment point of their own, off the centre; diamonds only
            // have their corner, shared with the forward edges.
            let own = |v: usize, shared: usize| {
                if self.nodes[v].shape == Shape::Diamond {
                    shared
                } else {
                    usize::MAX / 2 - i
                }
            };
            if plan.start == BackEnd::Gap {
                if e.label.is_some() {
                    labelled_gap[placed[e.from].layer + 1] = true;
                }
                edge_runs[i].push(runs.len());
                runs.push(Run {
                    gap: placed[e.from].layer + 1,
                    x1: sx,
                    x2: plan.lane,
                    from_key: (own(e.from, e.from), Port::Bottom as u8),
                    to_key: usize::MAX - i,
                    track: 0,
                });
            }
            if plan.end == BackEnd::Gap {
                edge_runs[i].push(runs.len());
                runs.push(Run {
                    gap: placed[e.to].layer,
                    x1: plan.lane,
                    x2: tx,
                    from_key: (usize::MAX - i, 9),
                    to_key: own(e.to, e.to),
                    track: 0,
                });
            }
        }
        let mut tracks = vec![0usize; n_layers + 1];
        let mut by_gap: Vec<usize> = (0..runs.len()).collect();
        by_gap.sort_by(|&a, &b| {
            let (ra, rb) = (&runs[a], &runs[b]);
            ra.gap
                .cmp(&rb.gap)
                .then(ra.x1.min(ra.x2).total_cmp(&rb.x1.min(rb.x2)))
                .then(ra.x1.max(ra.x2).total_cmp(&rb.x1.max(rb.x2)))
                .then(a.cmp(&b))
        });
        for (k, &a) in by_gap.iter().enumerate() {
            let ra = runs[a];
            let (lo, hi) = (ra.x1.min(ra.x2) - 6.0, ra.x1.max(ra.x2) + 6.0);
            let mut t = 0;
            loop {
                let clash = by_gap[..k].iter().any(|&b| {
                    let rb = &runs[b];
                    rb.gap == ra.gap
                        && rb.track == t
                        && rb.x1.min(rb.x2) < hi
                        && rb.x1.max(rb.x2) > lo
                        && rb.from_key != ra.from_key
                        && rb.to_key != ra.to_key
                });
                if !clash {
                    break;
                }
                t += 1;
            }
            runs[a].track = t;
            tracks[ra.gap] = tracks[ra.gap].max(t + 1);
        }

        // Vertical coordinates: gaps and layers.
        let mut layer_h = vec![0.0f64; n_layers];
        for p in placed.iter() {
            layer_h[p.layer] = layer_h[p.layer].max(p.h);
        }
        let mut gap_top = vec![0.0; n_layers + 1];
        let mut gap_h = vec![0.0; n_layers + 1];
        let mut layers = Vec::with_capacity(n_layers);
        let mut y = MARGIN;
        for g in 0..=n_layers {
            let off = if labelled_gap[g] {
                TRACK_OFF_LABEL
            } else {
                TRACK_OFF
            };
            let need = if tracks[g] > 0 {
                off + (tracks[g] - 1) as f64 * TRACK + TRACK_OFF
            } else {
                0.0
            };
            let inner = g > 0 && g < n_layers;
            gap_h[g] = if inner {
                need.max(MIN_GAP)
                    .max(if labelled_gap[g] { off } else { 0.0 })
            } else {
                need
            };
            gap_top[g] = y;
            y += gap_h[g];
            if g < n_layers {
                layers.push((y, y + layer_h[g]));
                y += layer_h[g];
            }
        }
        let height_inner = y;
        let track_y = |gap: usize, t: usize| {
            let off = if labelled_gap[gap] {
                TRACK_OFF_LABEL
            } else {
                TRACK_OFF
            };
            let span = (tracks[gap].max(1) - 1) as f64 * TRACK;
            let start = ((gap_h[gap] - span) / 2.0).max(off);
            gap_top[gap] + start + t as f64 * TRACK
        };
        for p in placed.iter_mut() {
            let (top, bottom) = layers[p.layer];
            p.cy = (top + bottom) / 2.0;
        }

        // Polylines.
        let mut routed: Vec<Option<Routed>> = vec![None; edges.len()];
        for (i, chain) in chains.iter().enumerate() {
            let Some(chain) = chain else { continue };
            let s = placed[chain[0]];
            let mut pts = Vec::new();
            let mut cur = match port[i] {
                Port::Bottom => {
                    pts.push((s.cx, s.cy + s.h / 2.0));
                    s.cx
                }
                side => {
                    let sign = if side == Port::Right { 1.0 } else { -1.0 };
                    pts.push((s.cx + sign * s.w / 2.0, s.cy));
                    pts.push((self.x[chain[1]], s.cy));
                    self.x[chain[1]]
                }
            };
            let mut k = 0;
            for w in chain.windows(2) {
                let to = self.x[w[1]];
                if (to - cur).abs() > 0.5 {
                    let r = runs[edge_runs[i][k]];
                    k += 1;
                    let ty = track_y(r.gap, r.track);
                    pts.push((cur, ty));
                    pts.push((to, ty));
                }
                cur = to;
            }
            let t = placed[*chain.last().expect("chain of two or more")];
            pts.push((t.cx, t.cy - t.h / 2.0));
            routed[i] = Some(Routed {
                points: simplify(pts),
                label: None,
                back: false,
            });
        }
        for &i in &backs {
            let (e, plan) = (&edges[i], plans[i].as_ref().expect("planned"));
            let (s, t) = (placed[e.from], placed[e.to]);
            let sign = if plan.right { 1.0 } else { -1.0 };
            let self_box = e.from == e.to && s.shape != Shape::Diamond;
            let mut pts = Vec::new();
            let mut k = 0;
            if plan.start == BackEnd::Side {
                let dy = if self_box { s.h / 4.0 } else { 0.0 };
                pts.push((s.cx + sign * s.w / 2.0, s.cy + dy));
                pts.push((plan.lane, s.cy + dy));
            } else {
                let r = runs[edge_runs[i][k]];
                k += 1;
                let ty = track_y(r.gap, r.track);
                let sx = s.cx + self.back_x(e.from, plan.right) - self.x[e.from];
                pts.extend([(sx, s.cy + s.h / 2.0), (sx, ty), (plan.lane, ty)]);
            }
            if plan.end == BackEnd::Side {
                let dy = if self_box { -t.h / 4.0 } else { 0.0 };
                pts.push((plan.lane, t.cy + dy));
                pts.push((t.cx + sign * t.w / 2.0, t.cy + dy));
            } else {
                let r = runs[edge_runs[i][k]];
                let ty = track_y(r.gap, r.track);
                let tx = t.cx + self.back_x(e.to, plan.right) - self.x[e.to];
                pts.extend([(plan.lane, ty), (tx, ty), (tx, t.cy - t.h / 2.0)]);
            }
            routed[i] = Some(Routed {
                points: simplify(pts),
                label: None,
                back: true,
            });
        }

        // Labels, in edge order, each on the first free candidate spot.
        let mut taken: Vec<Rect> = placed
            .iter()
            .map(|p| {
                let r = p.rect();
                Rect {
                    x: r.x - 2.0,
                    y: r.y - 2.0,
                    w: r.w + 4.0,
                    h: r.h + 4.0,
                }
            })
            .collect();
        for (i, e) in edges.iter().enumerate() {
            let (Some((lw, lh)), Some(r)) = (e.label, routed[i].as_mut()) else {
                continue;
            };
            let cands = label_candidates(&r.points, lw, lh);
            let pick = cands
                .iter()
                .find(|c| !taken.iter().any(|t| t.overlaps(c)))
                .or(cands.first())
                .copied();
            if let Some(rect) = pick {
                taken.push(rect);
                r.label = Some(rect);
            }
        }

        // Shift everything to the margin.
        let mut min_x = f64::MAX;
        let mut max_x = f64::MIN;
        let mut max_y = height_inner;
        let mut grow = |x: f64, y: f64| {
            min_x = min_x.min(x);
            max_x = max_x.max(x);
            max_y = max_y.max(y);
        };
        for v in 0..self.lg.layer.len() {
            grow(self.x[v] - self.lg.slot[v] / 2.0, 0.0);
            grow(self.x[v] + self.lg.slot[v] / 2.0, 0.0);
        }
        for r in routed.iter().flatten() {
            for &(x, y) in &r.points {
                grow(x, y);
            }
            if let Some(l) = r.label {
                grow(l.x, l.y + l.h);
                grow(l.x + l.w, l.y + l.h);
            }
        }
        if min_x > max_x {
            (min_x, max_x) = (0.0, 0.0);
        }
        let dx = MARGIN - min_x;
        for p in placed.iter_mut() {
            p.cx += dx;
        }
        for r in routed.iter_mut().flatten() {
            for pt in &mut r.points {
                pt.0 += dx;
            }
            if let Some(l) = &mut r.label {
                l.x += dx;
            }
        }
        Layout {
            nodes: placed.to_vec(),
            edges: routed,
            width: max_x - min_x + 2.0 * MARGIN,
            height: max_y + MARGIN,
            layers,
        }
    }
}

/// Drops repeated and collinear middle points.
fn simplify(pts: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
    for p in pts {
        if out
            .last()
            .is_some_and(|q| (q.0 - p.0).abs() < 0.01 && (q.1 - p.1).abs() < 0.01)
        {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let vertical = (a.0 - b.0).abs() < 0.01 && (b.0 - p.0).abs() < 0.01;
            let horizontal = (a.1 - b.1).abs() < 0.01 && (b.1 - p.1).abs() < 0.01;
            if vertical || horizontal {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// Spots for a label of `w` x `h` near the start of an edge, best first.
fn label_candidates(pts: &[(f64, f64)], w: f64, h: f64) -> Vec<Rect> {
    let mut out = Vec::new();
    let (Some(&p0), Some(&p1)) = (pts.first(), pts.get(1)) else {
        return out;
    };
    let rect = |x: f64, y: f64| Rect { x, y, w, h };
    if (p0.0 - p1.0).abs() < 0.01 {
        // Leaves vertically.
        let down = p1.1 >= p0.1;
        let y0 = if down { p0.1 + 3.0 } else { p0.1 - 3.0 - h };
        if let Some(&p2) = pts.get(2) {
            // Then turns: above the run, on its side of the turn.
            let right = p2.0 > p1.0;
            let x = if right { p1.0 + 5.0 } else { p1.0 - 5.0 - w };
            out.push(rect(x, p1.1 - 3.0 - h));
            let xc = if right { p2.0 - 5.0 - w } else { p2.0 + 5.0 };
            out.push(rect(xc, p1.1 - 3.0 - h));
        }
        out.push(rect(p0.0 + 4.0, y0));
        out.push(rect(p0.0 - 4.0 - w, y0));
        if let (Some(&a), Some(&b)) = (pts.get(pts.len().wrapping_sub(2)), pts.last()) {
            out.push(rect(b.0 + 4.0, b.1.min(a.1).max(b.1 - 3.0 - h - 6.0)));
        }
    } else {
        // Leaves sideways: above the run, then below it.
        let right = p1.0 > p0.0;
        let x = if right { p0.0 + 4.0 } else { p0.0 - 4.0 - w };
        out.push(rect(x, p0.1 - 3.0 - h));
        out.push(rect(x, p0.1 + 3.0));
        let far = if right { p1.0 - 5.0 - w } else { p1.0 + 5.0 };
        out.push(rect(far, p0.1 - 3.0 - h));
    }
    out
}

#[cfg(test)]
mod tests;
