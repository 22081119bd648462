//! Role cards ("fiches réflexes") as an output format: for each selected translation, one
//! PDF per actor with a step, laid out on one A4 page; a card that needs more is
//! `cards/too-long` (and is written on two). The cards of one SOP in one language form a
//! [`Sheet`]: one Typst compilation, written one PDF per card.
//!
//! When the PDFs are built too, their renderer lays the sheets out in its own queue, after
//! the documents: the sheets then fill the cores that the last documents leave idle, and
//! [`CardsRenderer`] only writes what was laid out.

use std::sync::Mutex;

use super::{Format, FormatReport, Renderer, pdf_date, schedule::compile_each};
use crate::diag::{Diagnostic, rules};
use crate::error::Result;
use crate::model::{Document, Project};
use crate::msg;
use crate::output::OutputDir;
use crate::render::cards::{self, Card};
use crate::render::pdf::{PdfEngine, SplitPart};

/// One card's PDF and page count, or Typst's messages.
pub(super) type OneCard = std::result::Result<(Vec<u8>, usize), Vec<String>>;

/// The cards of one SOP in one language, laid out in one Typst compilation.
pub(super) struct Sheet {
    /// The cards, in the registry's order of actors.
    cards: Vec<Card>,
    /// The date printed in the PDFs.
    date: String,
}

/// The sheets of `jobs`, in job order (translations without cards have none). Cheap: the
/// cards are read from the resolved procedures.
pub(super) fn sheets(project: &Project, jobs: &[(&Document, &str)]) -> Vec<Sheet> {
    jobs.iter()
        .map(|&(doc, lang)| Sheet {
            cards: cards::cards(project, doc, lang),
            date: pdf_date(doc),
        })
        .filter(|s| !s.cards.is_empty())
        .collect()
}

impl Sheet {
    /// Lays the sheet out and writes each card's PDF, in the sheet's order. Typst's caches
    /// are left to the caller: evicted here, they would be taken from the compilations
    /// running beside this one (other sheets, the last PDFs), which would lay their pages
    /// out again.
    pub(super) fn render(&self, engine: &PdfEngine) -> Vec<OneCard> {
        let refs: Vec<&Card> = self.cards.iter().collect();
        let parts: Vec<SplitPart> = self
            .cards
            .iter()
            .map(|card| SplitPart {
                title: cards::typst::title(card),
                author: card.actor_name.clone(),
                ident: format!("sopdoc-card-{}-{}", card.stem(), card.lang),
            })
            .collect();
        let lay_out = |counted: bool| {
            engine.render_standalone_split(
                cards::typst::sheet(&refs, counted),
                &self.date,
                cards::typst::CARD_MARKER,
                &parts,
            )
        };
        // Laid out once with every footer reading "1/1"; again, counting each card's
        // pages, only when a card takes more than one (a `cards/too-long` warning).
        let out = match lay_out(false) {
            Ok(pdfs) if pdfs.iter().any(|(_, pages)| *pages > 1) => lay_out(true),
            other => other,
        };
        match out {
            Ok(pdfs) => pdfs.into_iter().map(Ok).collect(),
            Err(messages) => self.cards.iter().map(|_| Err(messages.clone())).collect(),
        }
    }
}

/// Writes the role cards (`cards/<lang>/<doc>-<actor>.pdf`).
pub struct CardsRenderer<'e> {
    /// The engine whose fonts the cards use.
    pub engine: &'e PdfEngine,
    /// The sheets already laid out (by the PDFs' renderer), one list per sheet of the jobs.
    prepared: Mutex<Option<Vec<Vec<OneCard>>>>,
}

impl<'e> CardsRenderer<'e> {
    /// The cards' renderer, with nothing laid out yet.
    pub fn new(engine: &'e PdfEngine) -> Self {
        CardsRenderer {
            engine,
            prepared: Mutex::new(None),
        }
    }

    /// Keeps the sheets laid out elsewhere, in the order of [`sheets`] of the same jobs.
    pub(super) fn prepare(&self, rendered: Vec<Vec<OneCard>>) {
        *self.prepared.lock().unwrap_or_else(|e| e.into_inner()) = Some(rendered);
    }
}

impl Renderer for CardsRenderer<'_> {
    fn format(&self) -> Format {
        Format::Cards
    }

    fn write(
        &self,
        project: &Project,
        jobs: &[(&Document, &str)],
        out: &mut OutputDir,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<FormatReport> {
        let sheets = sheets(project, jobs);
        let prepared = self
            .prepared
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .filter(|p| p.len() == sheets.len());
        let rendered = match prepared {
            Some(rendered) => rendered,
            None => {
                let rendered = compile_each(&sheets, |sheet| sheet.render(self.engine));
                typst::comemo::evict(0);
                rendered
            }
        };
        let all = sheets.iter().flat_map(|s| s.cards.iter());
        let mut report = FormatReport::of(out);
        // Written together at the end, in parallel (as a site's pages are).
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        for (card, result) in all.zip(rendered.into_iter().flatten()) {
            match result {
                Ok((pdf, pages)) => {
                    if pages > 1 {
                        diags.push(
                            Diagnostic::warning(
                                rules::CARDS_TOO_LONG,
                                msg!(
                                    "cards-too-long",
                                    actor = &card.actor,
                                    doc = &card.doc,
                                    lang = &card.lang,
                                    pages = &pages
                                ),
                            )
                            .at(card.at)
                            .hint(msg!(
                                "cards-too-long-hint",
                                steps = &card.steps(),
                                pages = &pages
                            )),
                        );
                    }
                    files.push((format!("{}/{}.pdf", card.lang, card.stem()), pdf));
                    report.files += 1;
                    report.pages += pages;
                }
                Err(messages) => {
                    report.failed += 1;
                    diags.push(
                        Diagnostic::error(
                            rules::PDF_TYPST,
                            msg!(
                                "pdf-typst-2",
                                actor = &card.actor,
                                doc = &card.doc,
                                lang = &card.lang,
                                join = &(messages.join("; "))
                            ),
                        )
                        .at(card.at),
                    );
                }
            }
        }
        let files: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(rel, pdf)| (rel.as_str(), pdf.as_slice()))
            .collect();
        report.written += out.write_all(&files)?.0;
        Ok(report)
    }
}
