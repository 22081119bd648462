//! Flowchart layout of any procedure graph (bytes decide the nodes, their kinds, text and
//! edges, cycles and self-loops included): never panics, the SVG is well-formed XML with
//! finite, positive dimensions, and in the geometry it was drawn from no two boxes
//! overlap and every edge starts on its source's outline and ends on its target's
//! (`Geometry::problems`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sopdoc::render::flowchart::{Edge, Flowchart, FlowchartOptions, Node, NodeKind, render_parts};

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(n % 24) + 1;
    let (head, text) = rest.split_at(rest.len().min(n * 3));
    let words: Vec<&str> = std::str::from_utf8(text).unwrap_or("").split('|').collect();
    let word = |i: usize| words.get(i % words.len().max(1)).copied().unwrap_or("").to_string();
    let kinds = [NodeKind::Start, NodeKind::Step, NodeKind::Decision, NodeKind::Exit];
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for i in 0..n {
        let b = head.get(i * 3..i * 3 + 3).unwrap_or(&[1, 0, 0]);
        let mut node = Node::new(kinds[usize::from(b[0]) % kinds.len()], word(i));
        if b[0] & 0x10 != 0 {
            node = node.number(format!("{}", i + 1)).actor(word(i + 7));
        }
        nodes.push(node);
        for (k, to) in [b[1], b[2]].into_iter().enumerate() {
            if to & 0x80 == 0 {
                let mut e = Edge::new(i, usize::from(to) % n);
                if k == 1 {
                    e = e.label(word(i + 3));
                }
                edges.push(e);
            }
        }
    }
    let chart = Flowchart { nodes, edges };
    for part in render_parts(&chart, &FlowchartOptions::default()) {
        assert!(part.width_pt.is_finite() && part.width_pt > 0.0);
        assert!(part.height_pt.is_finite() && part.height_pt > 0.0);
        let problems = part.geometry.problems();
        assert!(problems.is_empty(), "{problems:#?}");
        let mut reader = quick_xml::Reader::from_str(&part.svg);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("the SVG is not well-formed: {e}"),
            }
        }
    }
});
