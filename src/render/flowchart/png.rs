//! Flowcharts as PNG pictures, for the Word copy: Word and LibreOffice cannot be trusted
//! with SVG, so the same SVG the PDF and HTML print is rasterized here with resvg (the
//! renderer Typst's PDF backend already builds), its text set in the Carlito bytes
//! compiled into the binary. No system font and no file is ever read, so the same
//! SVG gives the same bytes on every machine.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

/// The font database of the rasterizer: the built-in fonts only.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for data in crate::render::pdf::world::FONT_FILES {
            db.load_font_data(data.to_vec());
        }
        db.set_sans_serif_family("Carlito");
        Arc::new(db)
    })
    .clone()
}

/// A PNG picture of `svg`, with `pixels_per_pt` pixels per point of its printed size
/// (2.0 gives 144 dpi), and its size in pixels. `None` when the SVG does not parse or
/// is empty (a flowchart always parses: it is our own markup).
pub fn svg_to_png(svg: &str, pixels_per_pt: f32) -> Option<(Vec<u8>, u32, u32)> {
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: "Carlito".to_string(),
        // Our SVG references nothing; refuse anything that would read a file anyway.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        // usvg reads `pt` at 96 dpi (1 pt = 4/3 px): this many pixels per user unit.
        dpi: 96.0,
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).ok()?;
    let size = tree.size();
    // `size` is in px at 96 dpi; scale to the requested density.
    let scale = pixels_per_pt * 72.0 / 96.0;
    let width = (size.width() * scale).ceil() as u32;
    let height = (size.height() * scale).ceil() as u32;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let png = pixmap.encode_png().ok()?;
    Some((png, width, height))
}

#[cfg(test)]
mod tests {
    use super::svg_to_png;
    use crate::render::flowchart::{Edge, Flowchart, FlowchartOptions, Node, NodeKind, render_svg};

    #[test]
    fn a_flowchart_becomes_a_png_of_its_printed_size_with_its_text_drawn() {
        let chart = Flowchart {
            nodes: vec![
                Node::new(NodeKind::Step, "Identifier la personne").number("1"),
                Node::new(NodeKind::Exit, "Dossier clos"),
            ],
            edges: vec![Edge::new(0, 1)],
        };
        let svg = render_svg(&chart, &FlowchartOptions::default());
        let (png, w, h) = svg_to_png(&svg.svg, 2.0).expect("the SVG rasterizes");
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(w, (svg.width_pt * 2.0).ceil() as u32);
        assert_eq!(h, (svg.height_pt * 2.0).ceil() as u32);
        // Same SVG, same bytes.
        assert_eq!(svg_to_png(&svg.svg, 2.0).unwrap().0, png);
        // The text is drawn: without the words the picture differs.
        let blank = svg.svg.replace("Identifier la personne", "");
        assert_ne!(svg_to_png(&blank, 2.0).unwrap().0, png);
        assert!(svg_to_png("not svg", 2.0).is_none());
    }
}
