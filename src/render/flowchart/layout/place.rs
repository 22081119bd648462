//! Horizontal coordinates: mean-of-neighbours sweeps solved exactly per layer, then
//! straight chains.

use super::Layered;
use super::order::positions;

/// Horizontal coordinates: packed layers, then sweeps that pull each node towards the
/// mean of its neighbours, each layer solved exactly under the minimum separations.
pub(super) fn assign_x(order: &[Vec<usize>], lg: &Layered) -> Vec<f64> {
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
pub(super) fn straighten(x: &mut [f64], order: &[Vec<usize>], lg: &Layered) {
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
pub(super) fn isotonic(desired: &[f64], weight: &[f64], sep: &[f64]) -> Vec<f64> {
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
