//! Pathway overviews: one diagram chaining the procedures of an SOP (each procedure a box,
//! each exit that leads to another procedure an arrow; an exit back to an earlier
//! procedure is drawn as a back edge), and one across the whole collection. Laid out by
//! the flowchart module, so they look like the procedures' own pathways.
//!
//! The SOP's overview is printed after the contents of its PDF (outside `page_limit`) and
//! at the top of its home page in the site; the collection's on the site's home page and
//! in `pdf/overview-<lang>.pdf`.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, rules};
use crate::model::*;
use crate::render::cards::{linked_procedures, procedures};
use crate::render::flowchart::{
    Edge, Flowchart, FlowchartOptions, FlowchartSvg, Node, NodeKind, render_parts, render_svg,
};
use crate::render::pdf::markup::{escape_markup, typst_str};
use crate::render::printed_text;

/// "Vue d'ensemble des procédures" / "Overview of the procedures".
pub fn title(lang: &str) -> &'static str {
    if lang.starts_with("fr") {
        "Vue d’ensemble des procédures"
    } else {
        "Overview of the procedures"
    }
}

/// "Vue d'ensemble des parcours" / "Overview of the pathways" (the collection's).
pub fn collection_title(lang: &str) -> &'static str {
    if lang.starts_with("fr") {
        "Vue d’ensemble des parcours"
    } else {
        "Overview of the pathways"
    }
}

/// The overview of `doc` in `lang`: `None` when it has fewer than two procedures (one box
/// says nothing the procedure's own diagram does not).
pub fn document(project: &Project, doc: &Document, lang: &str) -> Option<Flowchart> {
    chain(project, doc, lang, 2)
}

/// The chain of `doc`'s procedures when it has at least `min`.
fn chain(project: &Project, doc: &Document, lang: &str, min: usize) -> Option<Flowchart> {
    let t = doc.translation(lang)?;
    let procs = procedures(t);
    if procs.len() < min.max(1) {
        return None;
    }
    let mut nodes: Vec<Node> = procs
        .iter()
        .map(|(p, _)| {
            Node::new(NodeKind::Step, printed_text(&p.title, lang)).number(p.number.clone())
        })
        .collect();
    let index: BTreeMap<&str, usize> = procs
        .iter()
        .enumerate()
        .map(|(i, (p, _))| (p.id.as_str(), i))
        .collect();
    let mut edges = Vec::new();
    let mut elsewhere: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (i, (p, _)) in procs.iter().enumerate() {
        for s in &p.steps {
            let Flow::Exit(label) = &s.flow else {
                continue;
            };
            for (target_doc, target) in linked_procedures(label) {
                let j = if target_doc == doc.id() {
                    match index.get(target.as_str()) {
                        Some(&j) => j,
                        None => continue,
                    }
                } else {
                    let key = (target_doc.clone(), target.clone());
                    match elsewhere.get(&key) {
                        Some(&j) => j,
                        None => {
                            let Some(node) = foreign(project, &target_doc, &target, lang) else {
                                continue;
                            };
                            nodes.push(node);
                            elsewhere.insert(key, nodes.len() - 1);
                            nodes.len() - 1
                        }
                    }
                };
                if !edges.iter().any(|e: &Edge| e.from == i && e.to == j) {
                    edges.push(Edge::new(i, j));
                }
            }
        }
    }
    Some(Flowchart { nodes, edges })
}

/// A procedure of another document as an exit node: "PSO-01 · 6.4 Orientation".
fn foreign(project: &Project, doc: &str, id: &str, lang: &str) -> Option<Node> {
    let d = project.document(doc)?;
    let t = d.translation(lang).or_else(|| d.translations.first())?;
    let (p, _) = procedures(t).into_iter().find(|(p, _)| p.id == id)?;
    Some(Node::new(
        NodeKind::Exit,
        format!(
            "{} · {} {}",
            crate::l10n::document_code(&d.meta, lang, project.source_language()),
            p.number,
            printed_text(&p.title, &t.lang)
        ),
    ))
}

/// The overview across the collection in `lang`: every procedure of the documents that
/// `include` keeps, the document's code under each, arrows for exits between them.
/// `None` when fewer than two procedures.
pub fn collection(
    project: &Project,
    lang: &str,
    include: &dyn Fn(&Document) -> bool,
) -> Option<Flowchart> {
    let mut nodes = Vec::new();
    let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut all = Vec::new();
    for doc in project.documents.iter().filter(|d| include(d)) {
        let Some(t) = doc.translation(lang) else {
            continue;
        };
        for (p, _) in procedures(t) {
            index.insert((doc.id().to_string(), p.id.clone()), nodes.len());
            nodes.push(
                Node::new(NodeKind::Step, printed_text(&p.title, lang))
                    .number(p.number.clone())
                    .actor(crate::l10n::document_code(
                        &doc.meta,
                        lang,
                        project.source_language(),
                    )),
            );
            all.push((doc.id(), p));
        }
    }
    if nodes.len() < 2 {
        return None;
    }
    let mut edges: Vec<Edge> = Vec::new();
    for (i, (doc, p)) in all.iter().enumerate() {
        for s in &p.steps {
            let Flow::Exit(label) = &s.flow else {
                continue;
            };
            for key in linked_procedures(label) {
                if let Some(&j) = index.get(&key)
                    && !(key.0 == *doc && key.1 == p.id)
                    && !edges.iter().any(|e| e.from == i && e.to == j)
                {
                    edges.push(Edge::new(i, j));
                }
            }
        }
    }
    Some(Flowchart { nodes, edges })
}

/// The smallest text an overview may print, in points (legible on A4).
pub const MIN_TEXT_PT: f64 = 8.0;

/// An overview laid out for A4: portrait when it fits the text width (over several
/// portrait pages when it is long), else landscape; when even landscape needs more than
/// one page, several parts joined by connectors.
#[derive(Debug, Clone)]
pub struct Laid {
    /// The pictures, one per page.
    pub parts: Vec<FlowchartSvg>,
    /// Whether the pages are landscape.
    pub landscape: bool,
}

/// Lays `chart` out for A4 with text of at least [`MIN_TEXT_PT`].
pub fn layout(chart: &Flowchart, title: &str) -> Laid {
    let portrait = FlowchartOptions {
        max_width_pt: 453.0,
        max_height_pt: 640.0,
        font_size_pt: 9.5,
        min_font_size_pt: MIN_TEXT_PT,
        title: title.to_string(),
        description: None,
    };
    let one = render_svg(chart, &portrait);
    if one.fits_width && one.pages == 1 {
        return Laid {
            parts: vec![one],
            landscape: false,
        };
    }
    if one.fits_width {
        // Narrow but long (a chain of procedures): portrait pages hold more of it.
        return Laid {
            parts: render_parts(chart, &portrait),
            landscape: false,
        };
    }
    let landscape = FlowchartOptions {
        max_width_pt: 730.0,
        max_height_pt: 430.0,
        ..portrait
    };
    Laid {
        parts: render_parts(chart, &landscape),
        landscape: true,
    }
}

/// The SVG of an overview for the site (it scales with the page).
pub fn svg(chart: &Flowchart, title: &str) -> String {
    render_svg(
        chart,
        &FlowchartOptions {
            max_width_pt: 900.0,
            max_height_pt: 100_000.0,
            font_size_pt: 9.5,
            min_font_size_pt: MIN_TEXT_PT,
            title: title.to_string(),
            description: None,
        },
    )
    .svg
}

/// A standalone Typst document with the collection overview (`pdf/overview-<lang>.pdf`).
/// When the whole collection does not fit a landscape page with text of 8 pt, it is split:
/// one chart per document, its links to other documents drawn as exits, each page
/// portrait or landscape as its chart needs.
pub fn typst_document(
    project: &Project,
    chart: &Flowchart,
    lang: &str,
    include: &dyn Fn(&Document) -> bool,
) -> String {
    let whole = layout(chart, collection_title(lang));
    // (heading, picture, landscape) per page.
    let mut pages: Vec<(Option<String>, FlowchartSvg, bool)> = Vec::new();
    if whole.parts.iter().all(|p| p.fits_width) {
        for part in whole.parts {
            pages.push((None, part, whole.landscape));
        }
    } else {
        for doc in project.documents.iter().filter(|d| include(d)) {
            let Some(c) = chain(project, doc, lang, 1) else {
                continue;
            };
            let title = format!(
                "{} — {}",
                crate::l10n::document_code(&doc.meta, lang, project.source_language()),
                doc.meta.title.get(lang, project.source_language())
            );
            let laid = layout(&c, &title);
            for (i, part) in laid.parts.into_iter().enumerate() {
                pages.push(((i == 0).then(|| title.clone()), part, laid.landscape));
            }
        }
    }
    let site = project
        .manifest
        .title
        .get(lang, project.source_language())
        .to_string();
    let mut s = format!(
        "#set document(title: {})\n#set text(font: (\"Carlito\", \"DejaVu Sans Mono\"), size: 10pt, lang: {})\n#set page(paper: \"a4\", margin: 1.5cm)\n",
        typst_str(&format!("{} — {site}", collection_title(lang))),
        typst_str(lang),
    );
    let legend = escape_markup(if lang.starts_with("fr") {
        "Chaque case est une procédure (numéro, titre, document) ; une flèche mène d’une sortie de procédure à la procédure qui suit."
    } else {
        "Each box is a procedure (number, title, document); an arrow leads from a procedure's exit to the procedure that follows."
    });
    for (i, (heading, part, landscape)) in pages.iter().enumerate() {
        let mut body = String::new();
        if i == 0 {
            body.push_str(&format!(
                "#text(size: 8pt, upper({}))\\\n#text(size: 15pt, weight: \"bold\", {})\\\n#text(size: 8pt)[{legend}]\n#v(0.4em)\n",
                typst_str(&site),
                typst_str(collection_title(lang))
            ));
        }
        if let Some(h) = heading {
            body.push_str(&format!(
                "#text(size: 11pt, weight: \"bold\", {})\n#v(0.3em)\n",
                typst_str(h)
            ));
        }
        body.push_str(&format!(
            "#align(center, image(bytes({}), format: \"svg\", alt: {}, width: {:.1}pt))\n",
            typst_str(&part.svg),
            typst_str(heading.as_deref().unwrap_or(collection_title(lang))),
            part.width_pt.min(if *landscape { 770.0 } else { 515.0 })
        ));
        s.push_str(&format!("#page(flipped: {landscape})[\n{body}]\n"));
    }
    s
}

/// The overview of `doc` in `lang` laid out for its PDF, and its problem if any; `None`
/// when the document has no procedures to chain.
pub fn for_document(project: &Project, doc: &Document, lang: &str) -> Option<DocumentOverview> {
    Some(for_chart(&document(project, doc, lang)?, doc, lang))
}

/// [`for_document`] from the chart [`document`] gave: a build works the charts out while
/// every document is at hand, and lays each out when it generates that document's PDF.
pub fn for_chart(chart: &Flowchart, doc: &Document, lang: &str) -> DocumentOverview {
    let laid = layout(chart, title(lang));
    let pages = laid.parts.len();
    let warning = (pages > 1).then(|| {
        Diagnostic::warning(
            rules::CARDS_OVERVIEW_SPLIT,
            crate::msg!(
                "cards-overview-split",
                doc = doc.id(),
                lang = lang,
                pages = &pages
            ),
        )
        .at(crate::source::Span::file_start(doc.meta_source))
        .hint(crate::msg!("cards-overview-split-hint"))
    });
    DocumentOverview {
        json: laid_json(&laid, lang),
        warning,
    }
}

/// An SOP's overview as the PDF template takes it.
pub struct DocumentOverview {
    /// What `meta.json` carries: title, orientation, the SVG of each page.
    pub json: serde_json::Value,
    /// A pathway that does not fit one A4 page with text of [`MIN_TEXT_PT`] is split over
    /// several, which nobody in the field can pin on a wall (`cards/overview-split`).
    pub warning: Option<Diagnostic>,
}

fn laid_json(laid: &Laid, lang: &str) -> serde_json::Value {
    serde_json::json!({
        "title": title(lang),
        "landscape": laid.landscape,
        "parts": laid.parts.iter().map(|p| serde_json::json!({
            "svg": p.svg,
            "width": p.width_pt,
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(n: usize, edges: &[(usize, usize)]) -> Flowchart {
        Flowchart {
            nodes: (0..n)
                .map(|i| Node::new(NodeKind::Step, format!("Procédure {i}")).number(i.to_string()))
                .collect(),
            edges: edges.iter().map(|&(a, b)| Edge::new(a, b)).collect(),
        }
    }

    #[test]
    fn a_small_overview_is_portrait_and_a_wide_one_landscape() {
        let small = layout(&chart(3, &[(0, 1), (1, 2), (2, 0)]), "t");
        assert!(!small.landscape);
        assert_eq!(small.parts.len(), 1);
        // Twelve procedures all following the first: too wide for portrait at 8 pt.
        let edges: Vec<(usize, usize)> = (1..12).map(|i| (0, i)).collect();
        let wide = layout(&chart(12, &edges), "t");
        assert!(wide.landscape);
    }
}
