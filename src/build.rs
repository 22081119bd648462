//! What `sopdoc build` and `sopdoc watch` share: which outputs a set of diagnostics allows,
//! where PDFs go, the date they print and the page-limit checks on the real layout.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location, Severity};
use crate::model::{Document, Project};

/// A (document id, language) pair: one output of the project.
pub type Pair = (String, String);

/// Every (document, language) pair the project has a translation for.
pub fn all_pairs(project: &Project) -> BTreeSet<Pair> {
    project
        .documents
        .iter()
        .flat_map(|d| {
            d.translations
                .iter()
                .map(move |t| (d.id().to_string(), t.lang.clone()))
        })
        .collect()
}

/// When every error sits in a translation's chapter files, the (document, language) pairs
/// to skip; `None` when some error concerns shared files (nothing may be written).
pub fn blocked_translations(project: &Project, diags: &[Diagnostic]) -> Option<BTreeSet<Pair>> {
    let source_lang = project.source_language();
    let mut blocked = BTreeSet::new();
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        let Some(Location::Span(span)) = &d.location else {
            return None;
        };
        let owner = project.documents.iter().find_map(|doc| {
            doc.translations
                .iter()
                .find(|t| t.chapters.iter().any(|c| c.source == span.source))
                .map(|t| (doc.id().to_string(), t.lang.clone()))
        });
        match owner {
            Some((doc, lang)) if lang != source_lang => {
                blocked.insert((doc, lang));
            }
            _ => return None,
        }
    }
    Some(blocked)
}

/// Where the PDF of `doc` in `lang` goes: `<out>/pdf/<doc>-<lang>.pdf`.
pub fn pdf_path(out_dir: &Path, doc: &str, lang: &str) -> PathBuf {
    out_dir.join("pdf").join(pdf_name(doc, lang))
}

/// The file name of a document's PDF in the `pdf` output folder.
pub fn pdf_name(doc: &str, lang: &str) -> String {
    format!("{doc}-{lang}.pdf")
}

/// The date printed in PDFs: SOURCE_DATE_EPOCH when set, else the document's date.
pub fn pdf_date(doc: &Document) -> String {
    crate::date::source_date_epoch().unwrap_or_else(|| doc.meta.date.value.clone())
}

/// `page_limit` and `min_pages`, checked against the real layout (`pdf/page-limit`).
pub fn page_limits(doc: &Document, lang: &str, body_pages: usize, built: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !built {
        return out;
    }
    let at = crate::source::Span::file_start(doc.meta_source);
    if let Some(limit) = doc.meta.page_limit.filter(|&l| body_pages > l as usize) {
        out.push(
            Diagnostic::error(
                "pdf/page-limit",
                format!(
                    "`{}` ({lang}) has {body_pages} pages of body text, more than its page_limit of {limit}",
                    doc.id()
                ),
            )
            .at(at)
            .hint("cover, contents and annexes are not counted; the PDF was written so you can see what to cut"),
        );
    }
    if let Some(min) = doc.meta.min_pages.filter(|&m| body_pages < m as usize) {
        out.push(
            Diagnostic::error(
                "pdf/page-limit",
                format!(
                    "`{}` ({lang}) has {body_pages} pages of body text, fewer than its min_pages of {min}",
                    doc.id()
                ),
            )
            .at(at),
        );
    }
    out
}
