#![allow(clippy::disallowed_methods)] // Tests set up their files on disk.
use super::*;

/// The referral pathway of the snapshot: identification, child or adult, consent, referral
/// or information, follow-up with a loop back.
pub(super) fn pathway() -> Flowchart {
    let step = |n: &str, l: &str, a: &str| Node::new(NodeKind::Step, l).number(n).actor(a);
    let ask = |n: &str, l: &str| Node::new(NodeKind::Decision, l).number(n);
    Flowchart {
        nodes: vec![
            step(
                "1",
                "Identifier la victime présumée et assurer sa sécurité immédiate",
                "Point focal de la police",
            ),
            ask("2", "La personne est-elle un enfant ?"),
            step(
                "3",
                "Référer vers les services de protection de l'enfance",
                "Travailleur social",
            ),
            ask("4", "La personne consent-elle à être orientée ?"),
            step(
                "5",
                "Orienter vers les services d'assistance (santé, abri, juridique)",
                "Gestionnaire de cas",
            ),
            step(
                "6",
                "Informer la personne de ses droits et des services disponibles",
                "Gestionnaire de cas",
            ),
            Node::new(NodeKind::Exit, "Dossier clos"),
            step(
                "7",
                "Assurer le suivi de l'assistance dans les 30 jours",
                "Gestionnaire de cas",
            ),
            ask("8", "Besoins couverts ?"),
            Node::new(NodeKind::Exit, "Orienté vers la procédure 2.1"),
        ],
        edges: vec![
            Edge::new(0, 1),
            Edge::new(1, 2).label("oui"),
            Edge::new(1, 3).label("non"),
            Edge::new(2, 9),
            Edge::new(3, 4).label("oui"),
            Edge::new(3, 5).label("non"),
            Edge::new(5, 6),
            Edge::new(4, 7),
            Edge::new(7, 8),
            Edge::new(8, 6).label("oui"),
            Edge::new(8, 4).label("non"),
        ],
    }
}

#[test]
fn renders_a_self_contained_accessible_svg() {
    let out = render_svg(&pathway(), &FlowchartOptions::default());
    let svg = &out.svg;
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("<title>Flowchart</title>"));
    assert!(svg.contains("viewBox=\"0 0 "));
    assert!(svg.contains("font-family=\"Carlito, 'Carlito', Calibri, sans-serif\""));
    assert!(svg.contains("<desc>1. Identifier la victime présumée"));
    assert!(svg.contains("2. La personne est-elle un enfant ? \u{2192} oui: 3; non: 4"));
    for banned in [
        "<script",
        "href",
        "<image",
        "foreignObject",
        "class=",
        "<style",
        "url(",
    ] {
        assert!(!svg.contains(banned), "{banned}");
    }
    assert!(out.fits_width && out.width_pt <= 453.0, "{}", out.width_pt);
    assert_eq!(out.pages, 1);
    assert!(svg.contains(&format!("width=\"{}pt\"", svg::num(out.width_pt))));
}

#[test]
fn same_chart_same_bytes() {
    let a = render_svg(&pathway(), &FlowchartOptions::default());
    let b = render_svg(&pathway(), &FlowchartOptions::default());
    assert_eq!(a, b);
}

#[test]
fn text_is_escaped_everywhere() {
    let chart = Flowchart {
        nodes: vec![
            Node::new(NodeKind::Step, "a <b> & \"c\" 'd'")
                .number("<1>")
                .actor("A&B"),
            Node::new(NodeKind::Exit, "</svg>"),
        ],
        edges: vec![Edge::new(0, 1).label("<&>\"'")],
    };
    let opts = FlowchartOptions {
        title: "T <&>".into(),
        ..FlowchartOptions::default()
    };
    let svg = render_svg(&chart, &opts).svg;
    assert!(svg.contains("<title>T &lt;&amp;&gt;</title>"));
    assert!(svg.contains("a &lt;b&gt; &amp; \"c\" 'd'"));
    assert!(svg.contains("&lt;&amp;&gt;\"'"));
    assert!(svg.contains("&lt;/svg&gt;"));
    assert_eq!(svg.matches("</svg>").count(), 1);
    assert!(!svg.contains("A&B"));
}

#[test]
fn long_labels_wrap_and_stop_at_a_cap() {
    let long = "mot ".repeat(200);
    let chart = Flowchart {
        nodes: vec![Node::new(NodeKind::Step, long.trim()).number("1")],
        edges: vec![],
    };
    let out = render_svg(&chart, &FlowchartOptions::default());
    let lines = out.svg.matches("font-size=\"9.5\"").count();
    assert_eq!(lines, STEP_LINES, "{}", out.svg);
    assert!(out.svg.contains('\u{2026}'));
    assert!(out.height_pt < 120.0);
}

#[test]
fn wide_charts_narrow_then_scale_but_stay_legible() {
    // Eight branches side by side cannot fit 453 pt at full size.
    let mut nodes = vec![
        Node::new(
            NodeKind::Decision,
            "Quel service est compétent pour ce cas ?",
        )
        .number("1"),
    ];
    let mut edges = Vec::new();
    for k in 0..8 {
        nodes.push(
            Node::new(
                NodeKind::Step,
                "Orienter vers le service compétent de la région",
            )
            .number(format!("{}", k + 2)),
        );
        edges.push(Edge::new(0, k + 1).label(format!("cas {k}")));
    }
    let chart = Flowchart { nodes, edges };
    let opts = FlowchartOptions::default();
    let out = render_svg(&chart, &opts);
    assert!(out.scale < 1.0);
    assert!(out.scale >= opts.min_font_size_pt / opts.font_size_pt - 1e-9);
    assert!(out.width_pt <= opts.max_width_pt + 0.05 || !out.fits_width);

    // A modest chart is not scaled.
    assert_eq!(render_svg(&pathway(), &opts).scale, 1.0);
}

#[test]
fn tall_charts_report_their_pages() {
    let nodes: Vec<Node> = (0..30)
        .map(|k| {
            Node::new(NodeKind::Step, "Une étape de la procédure").number(format!("{}", k + 1))
        })
        .collect();
    let edges = (0..29).map(|k| Edge::new(k, k + 1)).collect();
    let out = render_svg(&Flowchart { nodes, edges }, &FlowchartOptions::default());
    assert!(out.pages >= 2, "{}", out.height_pt);
}

#[test]
fn degenerate_charts_render() {
    let empty = render_svg(&Flowchart::default(), &FlowchartOptions::default());
    assert!(empty.svg.contains("</svg>"));
    let odd = Flowchart {
        nodes: vec![
            Node::new(NodeKind::Start, ""),
            Node::new(NodeKind::Decision, "?"),
        ],
        edges: vec![
            Edge::new(0, 0),
            Edge::new(1, 1).label(""),
            Edge::new(3, 1),
            Edge::new(0, 1),
        ],
    };
    let out = render_svg(
        &odd,
        &FlowchartOptions {
            font_size_pt: f64::NAN,
            max_width_pt: -1.0,
            ..FlowchartOptions::default()
        },
    );
    assert!(out.width_pt.is_finite() && out.width_pt > 0.0);
    assert!(!out.svg.contains("NaN"));
}

#[test]
fn referral_pathway_snapshot() {
    let opts = FlowchartOptions {
        title: "Figure 1 : circuit de référencement".into(),
        ..FlowchartOptions::default()
    };
    insta::assert_snapshot!(render_svg(&pathway(), &opts).svg);
}

/// A pathway too tall for one page: thirteen steps in a row with a decision in the middle
/// looping back to the start and an exit reached from both halves.
fn tall() -> Flowchart {
    let mut nodes: Vec<Node> = (0..13)
        .map(|k| {
            Node::new(
                NodeKind::Step,
                "Une étape de la procédure, avec un peu de texte",
            )
            .number(format!("{}", k + 1))
            .actor("Gestionnaire de cas")
        })
        .collect();
    nodes[6] = Node::new(NodeKind::Decision, "Dossier complet ?").number("7");
    nodes.push(Node::new(NodeKind::Exit, "Dossier clos"));
    let mut edges: Vec<Edge> = (0..12).map(|k| Edge::new(k, k + 1)).collect();
    edges[6].label = Some("oui".into());
    edges.push(Edge::new(6, 0).label("non"));
    edges.push(Edge::new(2, 13));
    edges.push(Edge::new(12, 13));
    Flowchart { nodes, edges }
}

#[test]
fn charts_that_fit_stay_whole() {
    let opts = FlowchartOptions::default();
    let parts = render_parts(&pathway(), &opts);
    assert_eq!(parts, vec![render_svg(&pathway(), &opts)]);
}

#[test]
fn tall_charts_split_into_parts_with_connectors() {
    let opts = FlowchartOptions {
        title: "Procédure".into(),
        ..FlowchartOptions::default()
    };
    assert!(render_svg(&tall(), &opts).pages >= 2);
    let parts = render_parts(&tall(), &opts);
    assert!(parts.len() >= 2, "{}", parts.len());
    let n = parts.len();
    for (k, p) in parts.iter().enumerate() {
        assert!(
            p.height_pt <= opts.max_height_pt,
            "part {k}: {}",
            p.height_pt
        );
        assert_eq!(p.pages, 1);
        assert!(
            p.svg
                .contains(&format!("<title>Procédure ({}/{n})</title>", k + 1))
        );
    }
    // Every step is drawn once over all parts (its badge), connectors name others.
    let all: String = parts.iter().map(|p| p.svg.as_str()).collect();
    for k in 1..=13 {
        let badge = format!(
            "font-size=\"8\" font-weight=\"bold\" fill=\"#FFFFFF\" text-anchor=\"middle\">{k}</text>"
        );
        assert_eq!(all.matches(&badge).count(), 1, "step {k}");
    }
    // The exit is reached from both halves: drawn in each, never as a connector.
    assert_eq!(all.matches(">Dossier clos</text>").count(), 2);
    // The edge 7 -> 8 crosses the cut: connector "8" below 7, connector "7" above 8;
    // the loop back from 7 to 1 stays inside the first part.
    let connector = |k: usize| format!("fill=\"#0033A0\" text-anchor=\"middle\">{k}</text>");
    assert!(parts[0].svg.contains(&connector(8)));
    assert!(parts[1].svg.contains(&connector(7)));
    assert!(parts[0].svg.contains("non: 1"));
    assert_eq!(parts, render_parts(&tall(), &opts), "deterministic");
}

#[test]
fn parts_replace_crossing_edges_by_connectors() {
    // Part 0 holds 0, 1; part 1 holds 2, 3 (an exit reached from both).
    let chart = Flowchart {
        nodes: vec![
            Node::new(NodeKind::Step, "a").number("1"),
            Node::new(NodeKind::Decision, "b ?").number("2"),
            Node::new(NodeKind::Step, "c").number("3"),
            Node::new(NodeKind::Exit, "fin"),
        ],
        edges: vec![
            Edge::new(0, 1),
            Edge::new(1, 2).label("oui"),
            Edge::new(1, 3).label("non"),
            Edge::new(2, 3),
            Edge::new(2, 0),
        ],
    };
    let first = part(&chart, &[0, 0, 1, 1], 0);
    let names: Vec<(&NodeKind, &str)> = first
        .nodes
        .iter()
        .map(|n| (&n.kind, n.label.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (&NodeKind::Connector, "3"),
            (&NodeKind::Step, "a"),
            (&NodeKind::Decision, "b ?"),
            (&NodeKind::Connector, "3"),
            (&NodeKind::Exit, "fin"),
        ]
    );
    assert!(first.edges.contains(&Edge::new(2, 3).label("oui")));
    assert!(first.edges.contains(&Edge::new(0, 1)));
    let second = part(&chart, &[0, 0, 1, 1], 1);
    let names: Vec<&str> = second.nodes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(names, ["2", "c", "fin", "1"]);
    assert!(second.edges.contains(&Edge::new(0, 1).label("oui")));
    assert!(second.edges.contains(&Edge::new(1, 2)));
    assert!(second.edges.contains(&Edge::new(1, 3)));
}

#[test]
fn typst_reads_the_svg() {
    use crate::render::pdf::world::{Shared, SopWorld};
    use typst_layout::PagedDocument;
    // The way the PDF embeds it: image(bytes(...), format: "svg"), fonts from the binary.
    let mut main = String::from("#set page(paper: \"a4\")\n");
    for part in render_parts(&tall(), &FlowchartOptions::default())
        .into_iter()
        .chain([render_svg(&pathway(), &FlowchartOptions::default())])
    {
        let literal = part.svg.replace('\\', "\\\\").replace('"', "\\\"");
        main.push_str(&format!(
            "#image(bytes(\"{literal}\"), format: \"svg\", width: {}pt)\n",
            part.width_pt
        ));
    }
    let shared = Shared::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let world = SopWorld::new(
        &shared,
        &crate::world::DiskWorld,
        dir.path(),
        main,
        String::new(),
        Vec::new(),
        "2026-11-29",
    );
    let warned = typst::compile::<PagedDocument>(&world);
    let messages: Vec<String> = warned
        .warnings
        .iter()
        .map(|w| w.message.to_string())
        .collect();
    assert!(messages.is_empty(), "{messages:?}");
    let doc = warned
        .output
        .map_err(|e| format!("{e:?}"))
        .expect("compiles");
    assert!(doc.pages().len() >= 3);
}

/// Every part of `chart` keeps the layout's promises (see `Geometry::problems`), and
/// draws one box per node and one polyline per edge of its own chart.
fn assert_geometry(chart: &Flowchart, opts: &FlowchartOptions) -> Vec<FlowchartSvg> {
    let parts = render_parts(chart, opts);
    for (k, part) in parts.iter().enumerate() {
        let g = &part.geometry;
        assert_eq!(g.problems(), Vec::<String>::new(), "part {k}");
        assert!(!g.nodes.is_empty(), "part {k}");
        assert_eq!(
            part.svg.matches("<path d=\"M").count(),
            2 * g.edges.len() + g.nodes.iter().filter(|n| n.shape == Shape::Diamond).count(),
            "part {k}: a line and an arrowhead per edge, a path per diamond"
        );
    }
    parts
}

#[test]
fn geometry_of_hand_made_graphs_keeps_its_promises() {
    let step = |n: usize| Node::new(NodeKind::Step, format!("Étape {n}")).number(n.to_string());
    let opts = FlowchartOptions::default();
    // A cycle of three steps back to the first.
    let cycle = Flowchart {
        nodes: (1..=3).map(step).collect(),
        edges: vec![Edge::new(0, 1), Edge::new(1, 2), Edge::new(2, 0)],
    };
    let parts = assert_geometry(&cycle, &opts);
    assert_eq!(parts.len(), 1);
    let back = &parts[0].geometry.edges[2];
    assert_eq!((back.from, back.to), (2, 0));
    // It goes back up: its tip is above its start.
    assert!(
        back.points.last().unwrap().1 < back.points[0].1,
        "{:?}",
        back.points
    );
    // Self-loops on a step, a decision and an exit.
    let loops = Flowchart {
        nodes: vec![
            step(1),
            Node::new(NodeKind::Decision, "Encore ?"),
            Node::new(NodeKind::Exit, "Fin"),
        ],
        edges: vec![
            Edge::new(0, 0),
            Edge::new(0, 1),
            Edge::new(1, 1).label("oui"),
            Edge::new(1, 2).label("non"),
            Edge::new(2, 2),
        ],
    };
    let g = &assert_geometry(&loops, &opts)[0].geometry;
    assert_eq!(g.edges.len(), 5);
    // A decision with three branches, each to its own exit.
    let three = Flowchart {
        nodes: vec![
            Node::new(NodeKind::Decision, "Quel service ?").number("1"),
            Node::new(NodeKind::Exit, "Santé"),
            Node::new(NodeKind::Exit, "Abri"),
            Node::new(NodeKind::Exit, "Juridique"),
        ],
        edges: vec![
            Edge::new(0, 1).label("santé"),
            Edge::new(0, 2).label("abri"),
            Edge::new(0, 3).label("droit"),
        ],
    };
    let g = &assert_geometry(&three, &opts)[0].geometry;
    assert_eq!(g.edges.iter().filter(|e| e.label.is_some()).count(), 3);
    // 24 nodes: a main line, decisions every fourth step leading forward and back, and
    // two exits; tall enough to be cut into parts with connectors.
    let mut nodes: Vec<Node> = (1..=22)
        .map(|n| {
            if n % 4 == 0 {
                Node::new(NodeKind::Decision, format!("Question {n} ?")).number(n.to_string())
            } else {
                step(n).actor("Gestionnaire de cas")
            }
        })
        .collect();
    nodes.push(Node::new(NodeKind::Exit, "Dossier clos"));
    nodes.push(Node::new(NodeKind::Exit, "Orienté ailleurs"));
    let mut edges: Vec<Edge> = (0..21).map(|k| Edge::new(k, k + 1)).collect();
    for d in (3..22).step_by(4) {
        edges.push(Edge::new(d, (d + 5).min(23)).label("oui"));
        edges.push(Edge::new(d, d - 2).label("non"));
    }
    edges.push(Edge::new(21, 22));
    let big = Flowchart { nodes, edges };
    let parts = assert_geometry(&big, &opts);
    assert!(parts.len() >= 2, "{}", parts.len());
    // Unsplit, the 24 boxes of one picture keep the promises as well.
    let whole = render_svg(&big, &opts);
    assert_eq!(whole.geometry.nodes.len(), 24);
    assert_eq!(whole.geometry.problems(), Vec::<String>::new());
}

#[test]
fn geometry_problems_names_overlaps_and_loose_edges() {
    let node = |cx: f64, cy: f64, shape: Shape| NodeBox {
        cx,
        cy,
        w: 40.0,
        h: 20.0,
        shape,
    };
    let mut g = Geometry {
        width: 200.0,
        height: 100.0,
        nodes: vec![
            node(30.0, 20.0, Shape::Box),
            node(30.0, 70.0, Shape::Diamond),
        ],
        edges: vec![EdgePath {
            edge: 0,
            from: 0,
            to: 1,
            // From the bottom of the box to the top corner of the diamond.
            points: vec![(30.0, 30.0), (30.0, 60.0)],
            label: None,
        }],
    };
    assert_eq!(g.problems(), Vec::<String>::new());
    // A point on a diamond's side, not only its corners, touches it.
    assert!(g.nodes[1].distance_to_outline((40.0, 65.0)) < 1e-9);
    assert!((g.nodes[0].distance_to_outline((30.0, 20.0)) - 10.0).abs() < 1e-9);
    // The tip stops 3 points short of the diamond.
    g.edges[0].points[1].1 = 57.0;
    let p = g.problems();
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].contains("ends 3.00 pt off node 1"), "{p:?}");
    // The diamond moved up onto the box, and out of the picture on the left.
    g.edges[0].points[1].1 = 60.0;
    g.nodes[1].cy = 35.0;
    g.nodes[1].cx = 15.0;
    let p = g.problems().join("\n");
    assert!(p.contains("nodes 0 and 1 overlap"), "{p}");
    assert!(
        p.contains("node 1 ") && p.contains("outside the picture"),
        "{p}"
    );
}
