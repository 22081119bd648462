use super::*;

fn boxed(w: f64, h: f64) -> NodeSize {
    NodeSize {
        w,
        h,
        slot: w,
        shape: Shape::Box,
    }
}

fn diamond(w: f64, h: f64, slot: f64) -> NodeSize {
    NodeSize {
        w,
        h,
        slot,
        shape: Shape::Diamond,
    }
}

fn pill(w: f64) -> NodeSize {
    NodeSize {
        w,
        h: 24.0,
        slot: w,
        shape: Shape::Pill,
    }
}

fn e(from: usize, to: usize) -> EdgeIn {
    EdgeIn {
        from,
        to,
        label: None,
    }
}

fn el(from: usize, to: usize) -> EdgeIn {
    EdgeIn {
        from,
        to,
        label: Some((20.0, 11.0)),
    }
}

fn on_outline(p: &Placed, pt: (f64, f64)) -> bool {
    let (dx, dy) = ((pt.0 - p.cx).abs(), (pt.1 - p.cy).abs());
    let (hw, hh) = (p.w / 2.0, p.h / 2.0);
    match p.shape {
        Shape::Diamond => (dx / hw + dy / hh - 1.0).abs() < 0.01,
        Shape::Box | Shape::Pill => {
            ((dx - hw).abs() < 0.01 && dy <= hh + 0.01)
                || ((dy - hh).abs() < 0.01 && dx <= hw + 0.01)
        }
    }
}

/// Whether the segment a-b passes through the inside of `r` (shrunk by 1 pt).
fn crosses(r: Rect, a: (f64, f64), b: (f64, f64)) -> bool {
    let (x0, x1) = (r.x + 1.0, r.x + r.w - 1.0);
    let (y0, y1) = (r.y + 1.0, r.y + r.h - 1.0);
    let (lx, hx) = (a.0.min(b.0), a.0.max(b.0));
    let (ly, hy) = (a.1.min(b.1), a.1.max(b.1));
    lx < x1 && hx > x0 && ly < y1 && hy > y0
}

/// Properties every layout must have.
fn check(lay: &Layout, edges: &[EdgeIn]) {
    for (i, a) in lay.nodes.iter().enumerate() {
        assert!(a.cx.is_finite() && a.cy.is_finite());
        for b in &lay.nodes[i + 1..] {
            assert!(!a.rect().overlaps(&b.rect()), "overlap: {a:?} {b:?}");
        }
        let r = a.rect();
        assert!(r.x >= 0.0 && r.y >= 0.0, "{r:?}");
        assert!(r.x + r.w <= lay.width + 0.01 && r.y + r.h <= lay.height + 0.01);
    }
    for (i, (edge, routed)) in edges.iter().zip(&lay.edges).enumerate() {
        let Some(r) = routed else {
            assert!(edge.from >= lay.nodes.len() || edge.to >= lay.nodes.len());
            continue;
        };
        let (first, last) = (r.points[0], r.points[r.points.len() - 1]);
        assert!(r.points.len() >= 2, "edge {i}: {:?}", r.points);
        assert!(
            on_outline(&lay.nodes[edge.from], first),
            "edge {i} starts off its node: {first:?}"
        );
        assert!(
            on_outline(&lay.nodes[edge.to], last),
            "edge {i} ends off its node: {last:?}"
        );
        for w in r.points.windows(2) {
            // Orthogonal.
            assert!(
                (w[0].0 - w[1].0).abs() < 0.01 || (w[0].1 - w[1].1).abs() < 0.01,
                "edge {i}: {:?}",
                r.points
            );
            for (k, n) in lay.nodes.iter().enumerate() {
                if k != edge.from && k != edge.to {
                    assert!(
                        !crosses(n.rect(), w[0], w[1]),
                        "edge {i} crosses node {k}: {:?}",
                        r.points
                    );
                }
            }
        }
        if let Some(l) = r.label {
            for n in &lay.nodes {
                assert!(!l.overlaps(&n.rect()), "label of edge {i} on a node");
            }
            for (k, other) in lay.edges.iter().enumerate().skip(i + 1) {
                if let Some(m) = other.as_ref().and_then(|o| o.label) {
                    assert!(!l.overlaps(&m), "labels of edges {i} and {k} overlap");
                }
            }
        }
    }
}

fn run(nodes: &[NodeSize], edges: &[EdgeIn]) -> Layout {
    let lay = layout(nodes, edges);
    check(&lay, edges);
    lay
}

#[test]
fn a_chain_is_one_straight_column() {
    let nodes = vec![boxed(100.0, 40.0); 4];
    let lay = run(&nodes, &[e(0, 1), e(1, 2), e(2, 3)]);
    let layers: Vec<usize> = lay.nodes.iter().map(|p| p.layer).collect();
    assert_eq!(layers, [0, 1, 2, 3]);
    for w in lay.nodes.windows(2) {
        assert!(w[1].cy > w[0].cy);
        assert!((w[1].cx - w[0].cx).abs() < 0.01);
    }
    // Straight edges: two points each.
    for r in lay.edges.iter().flatten() {
        assert_eq!(r.points.len(), 2);
    }
}

#[test]
fn branches_merge_centred() {
    // 0 -> D(1) -> {2, 3} -> 4
    let nodes = vec![
        boxed(100.0, 40.0),
        diamond(90.0, 50.0, 150.0),
        boxed(100.0, 40.0),
        boxed(100.0, 40.0),
        boxed(100.0, 40.0),
    ];
    let edges = [e(0, 1), el(1, 2), el(1, 3), e(2, 4), e(3, 4)];
    let lay = run(&nodes, &edges);
    let layers: Vec<usize> = lay.nodes.iter().map(|p| p.layer).collect();
    assert_eq!(layers, [0, 1, 2, 2, 3]);
    let n = &lay.nodes;
    // Branch order kept: the first branch on the left.
    assert!(n[2].cx < n[3].cx);
    let mid = (n[2].cx + n[3].cx) / 2.0;
    assert!((n[4].cx - mid).abs() < 1.0, "merge centred");
    assert!((n[1].cx - mid).abs() < 1.0, "decision centred");
    assert!((n[0].cx - n[1].cx).abs() < 1.0, "straight above");
    // Branches leave by the corners and both labels are placed apart.
    let l1 = lay.edges[1].as_ref().and_then(|r| r.label).expect("label");
    let l2 = lay.edges[2].as_ref().and_then(|r| r.label).expect("label");
    assert!(!l1.overlaps(&l2));
    let start = lay.edges[1].as_ref().expect("routed").points[0];
    assert!(
        (start.0 - (n[1].cx - n[1].w / 2.0)).abs() < 0.01,
        "left corner: {start:?}"
    );
}

#[test]
fn a_cycle_goes_back_up_around_the_side() {
    let nodes = vec![boxed(100.0, 40.0); 3];
    let edges = [e(0, 1), e(1, 2), e(2, 0)];
    let lay = run(&nodes, &edges);
    let layers: Vec<usize> = lay.nodes.iter().map(|p| p.layer).collect();
    assert_eq!(layers, [0, 1, 2]);
    let back = lay.edges[2].as_ref().expect("routed");
    assert!(back.back);
    let (first, last) = (back.points[0], back.points[back.points.len() - 1]);
    assert!(last.1 < first.1, "goes up");
    let right = lay
        .nodes
        .iter()
        .map(|p| p.cx + p.w / 2.0)
        .fold(0.0, f64::max);
    assert!(
        back.points.iter().any(|p| p.0 > right + 5.0),
        "outside the nodes"
    );
}

#[test]
fn self_loops_and_bad_indices_do_not_panic() {
    let nodes = vec![boxed(100.0, 40.0), diamond(80.0, 50.0, 80.0)];
    let edges = [e(0, 0), e(0, 1), e(1, 1), e(1, 7), e(9, 0)];
    let lay = run(&nodes, &edges);
    assert!(lay.edges[0].as_ref().is_some_and(|r| r.back));
    assert!(lay.edges[2].as_ref().is_some_and(|r| r.back));
    assert!(lay.edges[3].is_none() && lay.edges[4].is_none());
    let empty = layout(&[], &[e(0, 1)]);
    assert!(empty.nodes.is_empty() && empty.edges[0].is_none());
    assert!(empty.width.is_finite() && empty.height.is_finite());
}

#[test]
fn long_edges_pass_through_dummies() {
    // 0 -> 1 -> 2 -> 3, and 0 -> 3 spanning two layers.
    let nodes = vec![boxed(100.0, 40.0); 4];
    let edges = [e(0, 1), e(1, 2), e(2, 3), e(0, 3)];
    let lay = run(&nodes, &edges);
    let long = lay.edges[3].as_ref().expect("routed");
    // It runs beside the middle column, not through it (checked by `check`), and its
    // vertical part beside nodes 1 and 2 is straight.
    let xs: Vec<f64> = long
        .points
        .iter()
        .filter(|p| p.1 > lay.nodes[1].cy - 20.0 && p.1 < lay.nodes[2].cy + 20.0)
        .map(|p| p.0)
        .collect();
    assert!(
        xs.windows(2).all(|w| (w[0] - w[1]).abs() < 0.01),
        "{:?}",
        long.points
    );
    // Out of the bottom, over to its lane, down, back under the target: four bends.
    assert!(long.points.len() <= 6, "{:?}", long.points);
}

#[test]
fn sweeps_remove_known_crossings() {
    // Layer 0: a b c; layer 1: x y z with a->z, b->y, c->x: 3 crossings in this order.
    let mut lg = Layered {
        layer: vec![0, 0, 0, 1, 1, 1],
        slot: vec![10.0; 6],
        dummy: vec![false; 6],
        up: vec![Vec::new(); 6],
        down: vec![Vec::new(); 6],
    };
    for (a, b) in [(0, 5), (1, 4), (2, 3)] {
        lg.down[a].push(b);
        lg.up[b].push(a);
    }
    let mut order = vec![vec![0, 1, 2], vec![3, 4, 5]];
    let before = count_crossings(&order, &lg.down);
    assert_eq!(before, 3);
    minimise_crossings(&mut order, &lg);
    assert_eq!(count_crossings(&order, &lg.down), 0);

    // Random two-layer graphs: never worse than the first order.
    let mut seed = 7u64;
    let mut next = |m: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) % m) as usize
    };
    for _ in 0..50 {
        let (a, b) = (2 + next(5), 2 + next(5));
        let mut lg = Layered {
            layer: (0..a + b).map(|v| usize::from(v >= a)).collect(),
            slot: vec![10.0; a + b],
            dummy: vec![false; a + b],
            up: vec![Vec::new(); a + b],
            down: vec![Vec::new(); a + b],
        };
        for _ in 0..a + b {
            let (u, v) = (next(a as u64), a + next(b as u64));
            lg.down[u].push(v);
            lg.up[v].push(u);
        }
        let mut order = vec![(0..a).collect::<Vec<_>>(), (a..a + b).collect()];
        let before = count_crossings(&order, &lg.down);
        minimise_crossings(&mut order, &lg);
        assert!(count_crossings(&order, &lg.down) <= before);
    }
}

#[test]
fn isotonic_respects_separation_and_centres() {
    let x = isotonic(&[0.0, 0.0, 0.0], &[1.0, 1.0, 1.0], &[10.0, 10.0]);
    assert_eq!(x, vec![-10.0, 0.0, 10.0]);
    let x = isotonic(&[0.0, 100.0], &[1.0, 1.0], &[10.0]);
    assert_eq!(x, vec![0.0, 100.0]);
    // A heavy node stays, a light one moves.
    let x = isotonic(&[0.0, 0.0], &[100.0, 1.0], &[10.0]);
    assert!(x[0].abs() < 0.2 && (x[1] - 10.0).abs() < 0.2, "{x:?}");
}

#[test]
fn a_referral_pathway_is_clean() {
    // 0 identify, 1 child?, 2 child protection, 3 consent?, 4 refer, 5 inform, 6 exit,
    // 7 follow-up, 8 closed; 7 loops back to 3 when needed.
    let nodes = vec![
        boxed(120.0, 44.0),
        diamond(100.0, 56.0, 160.0),
        boxed(120.0, 44.0),
        diamond(100.0, 56.0, 160.0),
        boxed(120.0, 44.0),
        boxed(120.0, 44.0),
        pill(110.0),
        diamond(100.0, 56.0, 160.0),
        pill(90.0),
    ];
    let edges = [
        e(0, 1),
        el(1, 2),
        el(1, 3),
        el(3, 4),
        el(3, 5),
        e(5, 6),
        e(4, 7),
        el(7, 8),
        el(7, 3),
        e(2, 8),
    ];
    run(&nodes, &edges);
}

#[test]
fn many_shapes_many_graphs_hold_the_properties() {
    // A deterministic family of random-ish graphs.
    let mut seed = 12345u64;
    let mut next = |m: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) % m) as usize
    };
    for round in 0..600 {
        let n = 2 + next(if round % 10 == 9 { 25 } else { 11 });
        let nodes: Vec<NodeSize> = (0..n)
            .map(|k| match (k + round) % 3 {
                0 => boxed(60.0 + next(80) as f64, 30.0 + next(30) as f64),
                1 => diamond(80.0, 50.0, 80.0 + next(60) as f64),
                _ => pill(60.0 + next(50) as f64),
            })
            .collect();
        let mut edges = Vec::new();
        for v in 0..n - 1 {
            edges.push(e(v, v + 1 + next((n - v - 1) as u64)));
            for _ in 0..next(3) {
                if next(2) == 0 {
                    edges.push(el(v, next(n as u64)));
                }
            }
        }
        let a = run(&nodes, &edges);
        let b = layout(&nodes, &edges);
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "deterministic");
    }
}

#[test]
fn large_charts_stay_quick() {
    // 150 nodes, a main line with branches and loops: must lay out well under a second
    // even unoptimised.
    let n = 150;
    let nodes: Vec<NodeSize> = (0..n)
        .map(|k| {
            if k % 5 == 2 {
                diamond(90.0, 50.0, 140.0)
            } else {
                boxed(110.0, 40.0)
            }
        })
        .collect();
    let mut edges: Vec<EdgeIn> = (0..n - 1).map(|k| e(k, k + 1)).collect();
    for k in (2..n - 3).step_by(5) {
        edges.push(el(k, k + 3));
        edges.push(el(k + 2, k.saturating_sub(4)));
    }
    let start = std::time::Instant::now();
    run(&nodes, &edges);
    assert!(start.elapsed().as_secs_f64() < 5.0, "{:?}", start.elapsed());
}
