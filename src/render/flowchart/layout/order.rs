//! Ranking: which edges close cycles, which layer each node goes to, and the order of
//! the nodes in each layer (fewest crossings).

use super::{EdgeIn, Layered};

/// Marks the edges that close a cycle (self loops included), by an iterative depth-first
/// search from node 0, then from every other unvisited node in index order. Also returns
/// each node's preorder rank, the seed of the initial order.
pub(super) fn break_cycles(n: usize, edges: &[EdgeIn], valid: &[bool]) -> (Vec<bool>, Vec<usize>) {
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
pub(super) fn assign_layers(
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
pub(super) fn initial_order(lg: &Layered, n_layers: usize, rank: &[usize]) -> Vec<Vec<usize>> {
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

pub(super) fn positions(order: &[Vec<usize>], len: usize) -> Vec<usize> {
    let mut pos = vec![0usize; len];
    for layer in order {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

/// The number of edge crossings between consecutive layers.
pub(super) fn count_crossings(order: &[Vec<usize>], down: &[Vec<usize>]) -> usize {
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
pub(super) fn minimise_crossings(order: &mut [Vec<usize>], lg: &Layered) {
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

pub(super) fn sort_by_barycenter(
    order: &mut [Vec<usize>],
    l: usize,
    adj: &[Vec<usize>],
    len: usize,
) {
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
pub(super) fn transpose(order: &mut [Vec<usize>], lg: &Layered) {
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
