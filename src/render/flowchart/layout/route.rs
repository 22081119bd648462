//! Routing: ports, back-edge lanes, tracks in the gaps between layers, vertical
//! coordinates, polylines and label spots.

use super::{EdgeIn, Layered, Layout, MARGIN, NodeSize, Placed, Rect, Routed, Shape};

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

/// Routes the edges once the horizontal coordinates are known.
pub(super) struct Router<'a> {
    pub order: &'a [Vec<usize>],
    pub lg: &'a Layered,
    pub x: &'a [f64],
    pub nodes: &'a [NodeSize],
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

    /// The x of a lane for a back edge spanning layers `lo..=hi` on one side: clear of
    /// every real node of those layers (and of the label leaving `from`), and at least a
    /// few points from the dummies' verticals and the lanes already taken there.
    fn lane(
        &self,
        from: usize,
        lo: usize,
        hi: usize,
        right: bool,
        label: f64,
        taken: &[(f64, usize, usize)],
    ) -> f64 {
        let sign = if right { 1.0 } else { -1.0 };
        let in_span = |v: usize| (lo..=hi).contains(&self.lg.layer[v]);
        let mut lane = (0..self.lg.layer.len())
            .filter(|&v| in_span(v) && !self.lg.dummy[v])
            .map(|v| sign * (self.x[v] + sign * self.lg.slot[v] / 2.0))
            .fold(f64::MIN, f64::max)
            + LANE_OFF;
        lane = lane.max(sign * (self.x[from] + sign * self.nodes[from].w / 2.0) + label);
        let obstacles: Vec<f64> = (0..self.lg.layer.len())
            .filter(|&v| in_span(v) && self.lg.dummy[v])
            .map(|v| sign * self.x[v])
            .chain(
                taken
                    .iter()
                    .filter(|t| t.1 <= hi + 1 && lo <= t.2 + 1)
                    .map(|t| sign * t.0),
            )
            .collect();
        // Each obstacle can push the lane once; a bounded loop.
        for _ in 0..=obstacles.len() {
            match obstacles.iter().find(|&&o| (o - lane).abs() < LANE - 0.01) {
                Some(&o) => lane = o + LANE,
                None => break,
            }
        }
        sign * lane
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
    /// Routes every edge and sets the vertical coordinates: ports, back-edge plans,
    /// horizontal runs and their tracks, gap heights, polylines, labels, then the shift
    /// that puts the drawing at the margin.
    pub(super) fn finish(
        &self,
        edges: &[EdgeIn],
        valid: &[bool],
        back: &[bool],
        chains: &[Option<Vec<usize>>],
        placed: &mut [Placed],
        n_layers: usize,
    ) -> Layout {
        let port = self.forward_ports(chains, placed.len());
        let (backs, plans) = self.plan_back_edges(edges, valid, back, chains, &port, placed);
        let mut runs = Runs {
            list: Vec::new(),
            of_edge: vec![Vec::new(); edges.len()],
            labelled: vec![false; n_layers + 1],
            tracks: vec![0; n_layers + 1],
        };
        self.forward_runs(&mut runs, edges, chains, &port);
        self.back_runs(&mut runs, edges, &backs, &plans, placed);
        runs.assign_tracks();
        let gaps = Gaps::new(&runs, placed, n_layers);
        for p in placed.iter_mut() {
            let (top, bottom) = gaps.layers[p.layer];
            p.cy = (top + bottom) / 2.0;
        }
        let mut routed: Vec<Option<Routed>> = vec![None; edges.len()];
        self.forward_lines(&mut routed, chains, &port, &runs, &gaps, placed);
        self.back_lines(&mut routed, edges, &backs, &plans, &runs, &gaps, placed);
        place_labels(&mut routed, edges, placed);
        self.to_margin(placed, routed, gaps)
    }

    /// The port of each forward edge: corners for decisions' side branches, else bottom.
    fn forward_ports(&self, chains: &[Option<Vec<usize>>], n: usize) -> Vec<Port> {
        let mut port = vec![Port::Bottom; chains.len()];
        for v in (0..n).filter(|&v| self.nodes[v].shape == Shape::Diamond) {
            let outs: Vec<(usize, usize)> = chains
                .iter()
                .enumerate()
                .filter_map(|(i, c)| c.as_ref().filter(|c| c[0] == v).map(|c| (i, c[1])))
                .collect();
            for (e, p) in self.decision_ports(v, &outs) {
                port[e] = p;
            }
        }
        port
    }

    /// Side, ends and lane of each back edge, shorter spans first (so nearer the nodes).
    fn plan_back_edges(
        &self,
        edges: &[EdgeIn],
        valid: &[bool],
        back: &[bool],
        chains: &[Option<Vec<usize>>],
        port: &[Port],
        placed: &[Placed],
    ) -> (Vec<usize>, Vec<Option<BackPlan>>) {
        let side_used = |v: usize, right: bool| {
            chains.iter().enumerate().any(|(i, c)| {
                c.as_ref().is_some_and(|c| c[0] == v)
                    && port[i] == if right { Port::Right } else { Port::Left }
            })
        };
        let mut plans: Vec<Option<BackPlan>> = (0..edges.len()).map(|_| None).collect();
        let mut backs: Vec<usize> = (0..edges.len()).filter(|&i| valid[i] && back[i]).collect();
        backs.sort_by_key(|&i| {
            let e = &edges[i];
            (placed[e.from].layer.abs_diff(placed[e.to].layer), i)
        });
        // Lanes taken so far: x and the layers they span.
        let mut lanes: Vec<(f64, usize, usize)> = Vec::new();
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
            let (a, b) = (placed[e.from].layer, placed[e.to].layer);
            let (lo, hi) = (a.min(b), a.max(b));
            let label = e.label.map_or(0.0, |l| l.0 + 8.0);
            let lane = self.lane(e.from, lo, hi, right, label, &lanes);
            lanes.push((lane, lo, hi));
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
        (backs, plans)
    }

    /// The horizontal runs of forward edges: one per hop that changes x.
    fn forward_runs(
        &self,
        runs: &mut Runs,
        edges: &[EdgeIn],
        chains: &[Option<Vec<usize>>],
        port: &[Port],
    ) {
        for (i, chain) in chains.iter().enumerate() {
            let Some(chain) = chain else { continue };
            let mut cur = if port[i] == Port::Bottom {
                self.x[chain[0]]
            } else {
                self.x[chain[1]]
            };
            if port[i] == Port::Bottom && edges[i].label.is_some() {
                runs.labelled[self.lg.layer[chain[0]] + 1] = true;
            }
            for w in chain.windows(2) {
                let to = self.x[w[1]];
                if (to - cur).abs() > 1e-6 {
                    runs.push(
                        i,
                        Run {
                            gap: self.lg.layer[w[0]] + 1,
                            x1: cur,
                            x2: to,
                            from_key: (w[0], port[i] as u8),
                            to_key: w[1],
                            track: 0,
                        },
                    );
                }
                cur = to;
            }
        }
    }

    /// The horizontal runs of back edges that leave or arrive through a gap.
    fn back_runs(
        &self,
        runs: &mut Runs,
        edges: &[EdgeIn],
        backs: &[usize],
        plans: &[Option<BackPlan>],
        placed: &[Placed],
    ) {
        for &i in backs {
            let (e, Some(plan)) = (&edges[i], &plans[i]) else {
                continue;
            };
            // Boxes get an attachment point of their own, off the centre; diamonds only
            // have their corner, shared with the forward edges.
            let own = |v: usize| {
                if self.nodes[v].shape == Shape::Diamond {
                    v
                } else {
                    usize::MAX / 2 - i
                }
            };
            if plan.start == BackEnd::Gap {
                if e.label.is_some() {
                    runs.labelled[placed[e.from].layer + 1] = true;
                }
                runs.push(
                    i,
                    Run {
                        gap: placed[e.from].layer + 1,
                        x1: self.back_x(e.from, plan.right),
                        x2: plan.lane,
                        from_key: (own(e.from), Port::Bottom as u8),
                        to_key: usize::MAX - i,
                        track: 0,
                    },
                );
            }
            if plan.end == BackEnd::Gap {
                runs.push(
                    i,
                    Run {
                        gap: placed[e.to].layer,
                        x1: plan.lane,
                        x2: self.back_x(e.to, plan.right),
                        from_key: (usize::MAX - i, 9),
                        to_key: own(e.to),
                        track: 0,
                    },
                );
            }
        }
    }

    /// The polylines of forward edges, through their chains of dummies.
    fn forward_lines(
        &self,
        routed: &mut [Option<Routed>],
        chains: &[Option<Vec<usize>>],
        port: &[Port],
        runs: &Runs,
        gaps: &Gaps,
        placed: &[Placed],
    ) {
        for (i, chain) in chains.iter().enumerate() {
            let Some(chain) = chain else { continue };
            let (Some(&first), Some(&last)) = (chain.first(), chain.last()) else {
                continue;
            };
            let (s, t) = (placed[first], placed[last]);
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
            let mut own = runs.of_edge[i].iter();
            for w in chain.windows(2) {
                let to = self.x[w[1]];
                if (to - cur).abs() > 1e-6
                    && let Some(&r) = own.next()
                {
                    let ty = gaps.track_y(&runs.list[r]);
                    pts.push((cur, ty));
                    pts.push((to, ty));
                }
                cur = to;
            }
            pts.push((t.cx, t.cy - t.h / 2.0));
            routed[i] = Some(Routed {
                points: simplify(pts),
                label: None,
                back: false,
            });
        }
    }

    /// The polylines of back edges: out to their lane, along it, and back in.
    #[allow(clippy::too_many_arguments)]
    fn back_lines(
        &self,
        routed: &mut [Option<Routed>],
        edges: &[EdgeIn],
        backs: &[usize],
        plans: &[Option<BackPlan>],
        runs: &Runs,
        gaps: &Gaps,
        placed: &[Placed],
    ) {
        for &i in backs {
            let (e, Some(plan)) = (&edges[i], &plans[i]) else {
                continue;
            };
            let (s, t) = (placed[e.from], placed[e.to]);
            let sign = if plan.right { 1.0 } else { -1.0 };
            let self_box = e.from == e.to && s.shape != Shape::Diamond;
            let mut own = runs.of_edge[i].iter().map(|&r| gaps.track_y(&runs.list[r]));
            let depart = (plan.start == BackEnd::Gap).then(|| own.next()).flatten();
            let arrive = (plan.end == BackEnd::Gap).then(|| own.next()).flatten();
            let mut pts = Vec::new();
            match depart {
                Some(ty) => {
                    let sx = s.cx + self.back_x(e.from, plan.right) - self.x[e.from];
                    pts.extend([(sx, s.cy + s.h / 2.0), (sx, ty), (plan.lane, ty)]);
                }
                None => {
                    let dy = if self_box { s.h / 4.0 } else { 0.0 };
                    pts.push((s.cx + sign * s.w / 2.0, s.cy + dy));
                    pts.push((plan.lane, s.cy + dy));
                }
            }
            match arrive {
                Some(ty) => {
                    let tx = t.cx + self.back_x(e.to, plan.right) - self.x[e.to];
                    pts.extend([(plan.lane, ty), (tx, ty), (tx, t.cy - t.h / 2.0)]);
                }
                None => {
                    let dy = if self_box { -t.h / 4.0 } else { 0.0 };
                    pts.push((plan.lane, t.cy + dy));
                    pts.push((t.cx + sign * t.w / 2.0, t.cy + dy));
                }
            }
            routed[i] = Some(Routed {
                points: simplify(pts),
                label: None,
                back: true,
            });
        }
    }

    /// Moves everything so the drawing starts at the margin, and measures it.
    fn to_margin(
        &self,
        placed: &mut [Placed],
        mut routed: Vec<Option<Routed>>,
        gaps: Gaps,
    ) -> Layout {
        let (mut min_x, mut max_x) = (f64::MAX, f64::MIN);
        let (mut min_y, mut max_y) = (MARGIN, gaps.height);
        let mut grow = |x: f64, y: f64| {
            min_x = min_x.min(x);
            max_x = max_x.max(x);
            min_y = min_y.min(y);
            max_y = max_y.max(y);
        };
        for v in 0..self.lg.layer.len() {
            grow(self.x[v] - self.lg.slot[v] / 2.0, MARGIN);
            grow(self.x[v] + self.lg.slot[v] / 2.0, MARGIN);
        }
        for r in routed.iter().flatten() {
            for &(x, y) in &r.points {
                grow(x, y);
            }
            if let Some(l) = r.label {
                grow(l.x, l.y);
                grow(l.x + l.w, l.y + l.h);
            }
        }
        if min_x > max_x {
            (min_x, max_x) = (0.0, 0.0);
        }
        let (dx, dy) = (MARGIN - min_x, MARGIN - min_y);
        for p in placed.iter_mut() {
            p.cx += dx;
            p.cy += dy;
        }
        for r in routed.iter_mut().flatten() {
            for pt in &mut r.points {
                pt.0 += dx;
                pt.1 += dy;
            }
            if let Some(l) = &mut r.label {
                l.x += dx;
                l.y += dy;
            }
        }
        Layout {
            nodes: placed.to_vec(),
            edges: routed,
            width: max_x - min_x + 2.0 * MARGIN,
            height: max_y + dy + MARGIN,
            layers: gaps
                .layers
                .iter()
                .map(|&(top, bottom)| (top + dy, bottom + dy))
                .collect(),
        }
    }
}

/// The horizontal runs of all edges, and the tracks they were given.
struct Runs {
    list: Vec<Run>,
    /// The runs of each edge, in the order the edge meets them.
    of_edge: Vec<Vec<usize>>,
    /// Gaps where a label hangs below a bottom port (the first track goes lower).
    labelled: Vec<bool>,
    /// Tracks used in each gap.
    tracks: Vec<usize>,
}

impl Runs {
    fn push(&mut self, edge: usize, run: Run) {
        self.of_edge[edge].push(self.list.len());
        self.list.push(run);
    }

    /// Gives each run the lowest track of its gap where it overlaps no run it may not
    /// share with, runs taken left to right.
    fn assign_tracks(&mut self) {
        let span = |r: &Run| (r.x1.min(r.x2), r.x1.max(r.x2));
        let mut by_gap: Vec<usize> = (0..self.list.len()).collect();
        by_gap.sort_by(|&a, &b| {
            let (ra, rb) = (&self.list[a], &self.list[b]);
            ra.gap
                .cmp(&rb.gap)
                .then(span(ra).0.total_cmp(&span(rb).0))
                .then(span(ra).1.total_cmp(&span(rb).1))
                .then(a.cmp(&b))
        });
        for (k, &a) in by_gap.iter().enumerate() {
            let ra = self.list[a];
            let (lo, hi) = (span(&ra).0 - 6.0, span(&ra).1 + 6.0);
            let mut t = 0;
            while by_gap[..k].iter().any(|&b| {
                let rb = &self.list[b];
                rb.gap == ra.gap
                    && rb.track == t
                    && span(rb).0 < hi
                    && span(rb).1 > lo
                    && rb.from_key != ra.from_key
                    && rb.to_key != ra.to_key
            }) {
                t += 1;
            }
            self.list[a].track = t;
            self.tracks[ra.gap] = self.tracks[ra.gap].max(t + 1);
        }
    }
}

/// Vertical coordinates: the gaps between layers (tall enough for their tracks) and the
/// layers' bands.
struct Gaps {
    first_track: Vec<f64>,
    layers: Vec<(f64, f64)>,
    height: f64,
}

impl Gaps {
    fn new(runs: &Runs, placed: &[Placed], n_layers: usize) -> Self {
        let mut layer_h = vec![0.0f64; n_layers];
        for p in placed {
            layer_h[p.layer] = layer_h[p.layer].max(p.h);
        }
        let mut gaps = Gaps {
            first_track: vec![0.0; n_layers + 1],
            layers: Vec::with_capacity(n_layers),
            height: 0.0,
        };
        let mut y = MARGIN;
        for g in 0..=n_layers {
            let off = if runs.labelled[g] {
                TRACK_OFF_LABEL
            } else {
                TRACK_OFF
            };
            let tracks = runs.tracks[g];
            let span = tracks.saturating_sub(1) as f64 * TRACK;
            let need = if tracks > 0 {
                off + span + TRACK_OFF
            } else {
                0.0
            };
            let inner = g > 0 && g < n_layers;
            let h = if inner {
                need.max(MIN_GAP)
                    .max(if runs.labelled[g] { off } else { 0.0 })
            } else {
                need
            };
            // Tracks centred in the gap, but never above the label clearance.
            gaps.first_track[g] = y + ((h - span) / 2.0).max(off);
            y += h;
            if let Some(&band) = layer_h.get(g) {
                gaps.layers.push((y, y + band));
                y += band;
            }
        }
        gaps.height = y;
        gaps
    }

    fn track_y(&self, run: &Run) -> f64 {
        self.first_track[run.gap] + run.track as f64 * TRACK
    }
}

/// Places labels in edge order, each on the first candidate spot clear of the nodes and
/// of the labels already placed (or its first spot when none is clear).
fn place_labels(routed: &mut [Option<Routed>], edges: &[EdgeIn], placed: &[Placed]) {
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
    for (e, r) in edges.iter().zip(routed.iter_mut()) {
        let (Some((lw, lh)), Some(r)) = (e.label, r.as_mut()) else {
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
    // Then anywhere along the edge, from its source on: beside each segment, at both
    // of its ends.
    for seg in pts.windows(2) {
        let (a, b) = (seg[0], seg[1]);
        if (a.0 - b.0).abs() < 0.01 {
            let (top, bottom) = (a.1.min(b.1), a.1.max(b.1));
            for y in [top + 3.0, bottom - 3.0 - h] {
                out.push(rect(a.0 + 4.0, y));
                out.push(rect(a.0 - 4.0 - w, y));
            }
        } else {
            let (left, right) = (a.0.min(b.0), a.0.max(b.0));
            for x in [left + 5.0, right - 5.0 - w] {
                out.push(rect(x, a.1 - 3.0 - h));
                out.push(rect(x, a.1 + 3.0));
            }
        }
    }
    out
}
