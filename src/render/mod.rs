//! Renderers: the resolved model into HTML (tera) and PDF (embedded Typst).

pub mod html;
