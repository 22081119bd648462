//! The background PDF renderer of watch mode: one thread, one warm engine, a queue where a
//! newer project replaces an older one.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Instant;

use super::{Msg, PDF_CACHE_AGE, PdfReport};
use crate::build::Pair;
use crate::model::Project;
use crate::output::{Claim, OutputDir, ProjectLock};
use crate::render::pdf::{PdfEngine, PdfOptions};

pub(super) struct PdfJob {
    pub(super) project: Arc<Project>,
    pub(super) pairs: BTreeSet<Pair>,
    pub(super) out_dir: PathBuf,
    pub(super) claim: Claim,
    pub(super) reload_template: bool,
}

/// The background PDF renderer: one thread, one warm engine, a queue where a newer
/// project replaces an older one.
pub(super) struct PdfWorker {
    tx: mpsc::Sender<PdfJob>,
    thread: std::thread::JoinHandle<()>,
}

impl PdfWorker {
    pub(super) fn spawn(root: PathBuf, events: mpsc::Sender<Msg>) -> PdfWorker {
        let (tx, rx) = mpsc::channel::<PdfJob>();
        let thread = std::thread::spawn(move || pdf_loop(&root, &rx, &events));
        PdfWorker { tx, thread }
    }

    pub(super) fn queue(&self, job: PdfJob) {
        let _ = self.tx.send(job);
    }

    /// Ends the queue and waits for the PDF in progress.
    pub(super) fn finish(self) {
        drop(self.tx);
        let _ = self.thread.join();
    }
}

fn pdf_loop(root: &Path, rx: &mpsc::Receiver<PdfJob>, events: &mpsc::Sender<Msg>) {
    let mut engine: Option<PdfEngine> = None;
    let mut queue: BTreeSet<Pair> = BTreeSet::new();
    let mut current: Option<(Arc<Project>, PathBuf, Claim)> = None;
    let mut reload = false;
    loop {
        let mut jobs = Vec::new();
        if queue.is_empty() {
            match rx.recv() {
                Ok(job) => jobs.push(job),
                Err(_) => return,
            }
        }
        loop {
            match rx.try_recv() {
                Ok(job) => jobs.push(job),
                Err(mpsc::TryRecvError::Empty) => break,
                // The watch ended: stop without starting another PDF.
                Err(mpsc::TryRecvError::Disconnected) => return,
            }
        }
        // A newer project replaces the older one; the queues add up.
        for job in jobs {
            queue.extend(job.pairs);
            reload |= job.reload_template;
            current = Some((job.project, job.out_dir, job.claim));
        }
        let Some((project, out_dir, claim)) = current.clone() else {
            continue;
        };
        let Some((doc_id, lang)) = queue.pop_first() else {
            continue;
        };
        if engine.is_none() || reload {
            reload = false;
            match PdfEngine::new(&project) {
                Ok(e) => engine = Some(e),
                Err(e) => {
                    let _ = events.send(Msg::Trouble(format!(
                        "pdf: {}",
                        e.text(crate::i18n::ui_lang())
                    )));
                    continue;
                }
            }
        }
        let (Some(engine), Some(doc)) = (engine.as_ref(), project.document(&doc_id)) else {
            continue;
        };
        if doc.translation(&lang).is_none() {
            continue;
        }
        let t = Instant::now();
        let opts = PdfOptions {
            cache_age: PDF_CACHE_AGE,
            standard: None,
            date: crate::build::pdf_date(doc),
            review: false,
        };
        let result = crate::build::render_pdf(engine, &project, doc, &lang, &opts);
        let diags = result.diagnostics;
        let mut path = None;
        if let Some(pdf) = result.pdf {
            let target = crate::build::pdf_path(&out_dir, &doc_id, &lang);
            let written = ProjectLock::acquire(root, true).and_then(|_lock| {
                OutputDir::open(&out_dir.join("pdf"), claim)?
                    .write(&crate::build::pdf_name(&doc_id, &lang), &pdf)
                    .map(drop)
            });
            match written {
                Ok(()) => path = Some(target),
                Err(e) => {
                    let _ = events.send(Msg::Trouble(format!(
                        "pdf: {}",
                        e.text(crate::i18n::ui_lang())
                    )));
                }
            }
        }
        let diags = crate::check::apply_policy(&project, diags, false);
        let diags = crate::diag::finalize(diags, &project.sources);
        let report = PdfReport {
            pair: (doc_id, lang),
            path,
            pages: result.pages,
            elapsed: t.elapsed(),
            diagnostics: diags,
            sources: project.sources.clone(),
        };
        if events.send(Msg::Pdf(Box::new(report))).is_err() {
            return;
        }
    }
}
