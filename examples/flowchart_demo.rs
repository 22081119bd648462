//! Renders a ten-step referral pathway to `/tmp/flow.svg`, and the same picture placed on
//! an A4 page through the embedded Typst to `/tmp/flow.pdf` (split in parts), to look at what the
//! flowchart renderer draws (convert with `rsvg-convert` or `pdftoppm`).
//!
//! `cargo run --example flowchart_demo [OUT-DIR]`
#![allow(clippy::disallowed_methods)] // A tool of the repository, not a build stage.

use sopdoc::render::flowchart::{Edge, Flowchart, FlowchartOptions, Node, NodeKind, render_svg};
use sopdoc::render::pdf::world::{Shared, SopWorld};
use typst_layout::PagedDocument;

fn pathway() -> Flowchart {
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
                "Évaluer les besoins (santé, abri, assistance juridique)",
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
                "Orienter vers les prestataires de services dans les 24 heures",
                "Gestionnaire de cas",
            ),
            step(
                "8",
                "Assurer le suivi de l'assistance dans les 30 jours",
                "Gestionnaire de cas",
            ),
            ask("9", "Besoins couverts ?"),
            Node::new(NodeKind::Exit, "Orienté vers la procédure 2.1"),
            step(
                "10",
                "Clôturer le dossier et archiver les formulaires",
                "Gestionnaire de cas",
            ),
        ],
        edges: vec![
            Edge::new(0, 1),
            Edge::new(1, 2).label("oui"),
            Edge::new(1, 3).label("non"),
            Edge::new(2, 10),
            Edge::new(3, 4).label("oui"),
            Edge::new(3, 5).label("non"),
            Edge::new(5, 6),
            Edge::new(4, 7),
            Edge::new(7, 8),
            Edge::new(8, 9),
            Edge::new(9, 11).label("oui"),
            Edge::new(9, 4).label("non"),
            Edge::new(11, 6),
        ],
    }
}

/// A wider chart: a four-way decision, a step that repeats itself, a long skip.
fn wide() -> Flowchart {
    let step = |n: &str, l: &str, a: &str| Node::new(NodeKind::Step, l).number(n).actor(a);
    Flowchart {
        nodes: vec![
            Node::new(NodeKind::Start, "Signalement reçu"),
            step("1", "Enregistrer le signalement", "Point focal"),
            Node::new(NodeKind::Decision, "Quel besoin prioritaire ?").number("2"),
            step("3", "Soins médicaux d'urgence", "Centre de santé"),
            step("4", "Hébergement sécurisé", "Centre d'accueil"),
            step("5", "Assistance juridique", "Clinique juridique"),
            step("6", "Retour volontaire et réintégration", "OIM"),
            step(
                "7",
                "Relancer le partenaire jusqu'à réponse",
                "Gestionnaire de cas",
            ),
            Node::new(NodeKind::Exit, "Dossier clos"),
        ],
        edges: vec![
            Edge::new(0, 1),
            Edge::new(1, 2),
            Edge::new(2, 3).label("santé"),
            Edge::new(2, 4).label("abri"),
            Edge::new(2, 5).label("justice"),
            Edge::new(2, 6).label("retour"),
            Edge::new(3, 7),
            Edge::new(4, 7),
            Edge::new(5, 7),
            Edge::new(7, 7).label("sans réponse"),
            Edge::new(7, 8),
            Edge::new(6, 8),
            Edge::new(1, 8).label("doublon"),
        ],
    }
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/tmp".into());
    let dir = std::path::Path::new(&dir);
    let opts = FlowchartOptions {
        title: "Circuit de référencement".into(),
        ..FlowchartOptions::default()
    };
    let out = render_svg(&pathway(), &opts);
    std::fs::write(dir.join("flow.svg"), &out.svg).expect("write flow.svg");
    eprintln!(
        "flow.svg: {} x {} pt, scale {}, fits width {}, pages {}",
        out.width_pt, out.height_pt, out.scale, out.fits_width, out.pages
    );

    let out = render_svg(&wide(), &opts);
    std::fs::write(dir.join("flow-wide.svg"), &out.svg).expect("write flow-wide.svg");
    eprintln!(
        "flow-wide.svg: {} x {} pt, scale {}, fits width {}",
        out.width_pt, out.height_pt, out.scale, out.fits_width
    );

    // Too tall for one page: the parts, each through Typst (usvg) on an A4 page, as the
    // PDF renderer will embed them.
    let parts = sopdoc::render::flowchart::render_parts(&pathway(), &opts);
    let mut main = String::from(
        "#set page(paper: \"a4\", margin: 25mm)\n#set text(font: \"Carlito\", size: 11pt)\n= Procédure 2.1\n",
    );
    for (k, part) in parts.iter().enumerate() {
        let name = format!("flow-part{}.svg", k + 1);
        std::fs::write(dir.join(&name), &part.svg).expect("write part");
        eprintln!(
            "{name}: {} x {} pt, pages {}",
            part.width_pt, part.height_pt, part.pages
        );
        main.push_str(&format!(
            "#figure(image(\"/assets/{name}\", width: {}pt), caption: [Circuit de référencement ({}/{})])\n",
            part.width_pt,
            k + 1,
            parts.len()
        ));
    }
    let shared = Shared::new();
    let world = SopWorld::new(
        &shared,
        &sopdoc::world::DiskWorld,
        dir,
        main,
        String::new(),
        Vec::new(),
        "2026-11-29",
    );
    let doc = typst::compile::<PagedDocument>(&world).output;
    match doc {
        Ok(doc) => {
            let pdf = typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).expect("pdf");
            std::fs::write(dir.join("flow.pdf"), pdf).expect("write flow.pdf");
            eprintln!("flow.pdf: {} page(s)", doc.pages().len());
        }
        Err(errors) => {
            for e in errors {
                eprintln!("typst: {}", e.message);
            }
            std::process::exit(1);
        }
    }
}
