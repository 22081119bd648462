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
    pub(super) fn finish(
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

        // Back edges: side, ends, lanes (shorter spans first, so nearer the nodes).
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
            let (lo, hi) = {
                let (a, b) = (placed[e.from].layer, placed[e.to].layer);
                (a.min(b), a.max(b))
            };
            let label = edges[i].label.map_or(0.0, |l| l.0 + 8.0);
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
