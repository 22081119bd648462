//! Typed views given to the templates. Field names are the template contract: a project
//! that overrides a template reads these (documented in `templates/html/base.html`).

use serde::Serialize;

use crate::l10n::Words;

/// What every page knows.
#[derive(Serialize)]
pub(crate) struct Page<'a> {
    /// Language of the page.
    pub lang: &'a str,
    /// Localized words.
    pub words: &'static Words,
    /// Text of `<title>`.
    pub title: String,
    /// The collection's title.
    pub site_title: &'a str,
    /// Relative path to the site root (`""`, `"../"`, `"../../"`).
    pub root: &'static str,
    /// Relative path to this language's folder, when the page has search.
    pub lang_root: Option<String>,
    /// Links to the same page in each language.
    pub languages: Vec<LangLink>,
    /// The breadcrumb trail (the last one is the current page).
    pub breadcrumbs: Vec<Crumb>,
    /// The document the page belongs to.
    pub doc: Option<DocView<'a>>,
    /// A page of a review copy (margin numbers, review marking).
    pub review: bool,
}

/// A link to another language's version of the page.
#[derive(Serialize)]
pub(crate) struct LangLink {
    /// Code (`fr`).
    pub lang: String,
    /// Name in that language (`Français`).
    pub name: &'static str,
    /// Relative URL; `None` for the current language.
    pub href: Option<String>,
}

/// One step of the breadcrumb trail.
#[derive(Serialize)]
pub(crate) struct Crumb {
    /// Text.
    pub title: String,
    /// Relative URL; `None` for the current page.
    pub href: Option<String>,
}

/// A document's cover information.
#[derive(Serialize, Clone)]
pub(crate) struct DocView<'a> {
    /// Id.
    pub id: &'a str,
    /// Code (`SOP-01`).
    pub code: String,
    /// Title in the page's language.
    pub title: &'a str,
    /// Short title, else the title.
    pub short_title: &'a str,
    /// Subtitle.
    pub subtitle: Option<&'a str>,
    /// Localized kind ("Procédures standards opérationnelles").
    pub kind: &'static str,
    /// `sop`, `desk-review`, `report`.
    pub kind_id: &'static str,
    /// Version.
    pub version: &'a str,
    /// Date in words.
    pub date: String,
    /// Date `YYYY-MM-DD`.
    pub date_iso: &'a str,
    /// `draft`, `review`, `final`.
    pub status: &'static str,
    /// Localized status.
    pub status_label: &'static str,
    /// Whether the document is final (no draft banner).
    pub is_final: bool,
    /// Authors.
    pub authors: &'a [String],
    /// Classification marking.
    pub classification: Option<&'a str>,
    /// Publisher name.
    pub publisher: Option<&'a str>,
    /// Publisher address.
    pub publisher_address: Option<&'a str>,
    /// Publisher website.
    pub publisher_website: Option<&'a str>,
    /// URL of the document's home page, from the current page.
    pub href: String,
}

/// A document in a list.
#[derive(Serialize)]
pub(crate) struct DocSummary<'a> {
    /// Cover information (its `href` is relative to the listing page).
    pub doc: DocView<'a>,
}

/// One language's section on the landing page.
#[derive(Serialize)]
pub(crate) struct LangSection<'a> {
    /// Code.
    pub lang: String,
    /// Name of the language in itself.
    pub name: &'static str,
    /// That language's words.
    pub words: &'static Words,
    /// Title of the collection in that language.
    pub title: &'a str,
    /// URL of the language's index.
    pub href: String,
    /// Its documents.
    pub docs: Vec<DocSummary<'a>>,
    /// "Je suis…": each actor with a role card, and its cards.
    pub actors: Vec<crate::render::cards::html::ActorCards>,
    /// The words of the role cards.
    pub card_words: &'static crate::render::cards::CardWords,
    /// The collection's overview (SVG), on the first language's section.
    pub overview: Option<String>,
    /// Its title.
    pub overview_title: &'static str,
}

/// An entry of a table of contents.
#[derive(Serialize, Clone)]
pub(crate) struct TocEntry {
    /// Display number, with "Annexe" for annexes.
    pub number: String,
    /// Title.
    pub title: String,
    /// Relative URL.
    pub href: String,
    /// The current page (chapter entries only).
    pub current: bool,
    /// Sub-entries.
    pub children: Vec<TocEntry>,
}

/// A previous/next link.
#[derive(Serialize)]
pub(crate) struct NavLink {
    /// Text.
    pub title: String,
    /// Relative URL.
    pub href: String,
}

/// One row of the revision history.
#[derive(Serialize)]
pub(crate) struct HistoryRow<'a> {
    /// Version.
    pub version: &'a str,
    /// Date.
    pub date: &'a str,
    /// Changes in the page's language.
    pub changes: &'a str,
    /// Author.
    pub by: Option<&'a str>,
}

/// One validation step.
#[derive(Serialize)]
pub(crate) struct ValidationRow<'a> {
    /// Body.
    pub body: &'a str,
    /// Date.
    pub date: Option<&'a str>,
    /// Place.
    pub place: Option<&'a str>,
    /// Decision.
    pub decision: Option<&'a str>,
}

/// The legal notices printed on the document home and the printable page.
#[derive(Serialize)]
pub(crate) struct Imprint<'a> {
    /// Funding statement.
    pub funding: Option<&'a str>,
    /// Copyright line.
    pub copyright: Option<&'a str>,
    /// Required citation.
    pub citation: Option<&'a str>,
    /// The standard disclaimer.
    pub disclaimer: &'static str,
}

/// `index.html` (the landing page).
#[derive(Serialize)]
pub(crate) struct IndexView<'a> {
    /// Common.
    pub page: Page<'a>,
    /// One section per language.
    pub sections: Vec<LangSection<'a>>,
}

/// `<lang>/index.html`.
#[derive(Serialize)]
pub(crate) struct LangIndexView<'a> {
    /// Common.
    pub page: Page<'a>,
    /// The documents.
    pub docs: Vec<DocSummary<'a>>,
}

/// `<lang>/cards/<doc>-<actor>.html`: a role card.
#[derive(Serialize)]
pub(crate) struct CardView<'a> {
    /// Common.
    pub page: Page<'a>,
    /// The card, as HTML.
    pub content: String,
}

/// `<lang>/<doc>/index.html`.
#[derive(Serialize)]
pub(crate) struct DocumentView<'a> {
    /// Common.
    pub page: Page<'a>,
    /// Contents.
    pub toc: Vec<TocEntry>,
    /// Revision history.
    pub history: Vec<HistoryRow<'a>>,
    /// Validation steps.
    pub validation: Vec<ValidationRow<'a>>,
    /// Legal notices.
    pub imprint: Imprint<'a>,
    /// Acronyms, terms and legal instruments the document uses.
    pub lists: crate::render::RegistryLists,
    /// Links.
    pub links: DocLinks,
    /// The overview of the document's procedures (SVG), when it has two or more.
    pub overview: Option<String>,
    /// Its title.
    pub overview_title: &'static str,
}

/// Links every document page offers.
#[derive(Serialize)]
pub(crate) struct DocLinks {
    /// The PDF.
    pub pdf: String,
    /// The printable page.
    pub print: String,
    /// The document home.
    pub home: String,
    /// The first chapter.
    pub first: Option<String>,
}

/// `<lang>/<doc>/<chapter>.html`.
#[derive(Serialize)]
pub(crate) struct ChapterView<'a> {
    /// Common.
    pub page: Page<'a>,
    /// The whole document's contents, the current chapter expanded.
    pub toc: Vec<TocEntry>,
    /// The chapter's HTML (already escaped).
    pub content: String,
    /// Previous chapter.
    pub prev: Option<NavLink>,
    /// Next chapter.
    pub next: Option<NavLink>,
    /// Links.
    pub links: DocLinks,
}

/// `<lang>/<doc>/print.html`.
#[derive(Serialize)]
pub(crate) struct PrintView<'a> {
    /// Common.
    pub page: Page<'a>,
    /// Contents.
    pub toc: Vec<TocEntry>,
    /// Each chapter's HTML.
    pub chapters: Vec<String>,
    /// Revision history.
    pub history: Vec<HistoryRow<'a>>,
    /// Validation steps.
    pub validation: Vec<ValidationRow<'a>>,
    /// Legal notices.
    pub imprint: Imprint<'a>,
    /// Links.
    pub links: DocLinks,
}
