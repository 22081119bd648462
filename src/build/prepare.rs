//! What the outputs read of the resolved model, made document by document before the
//! layouts: the site's pages and search sections, and the PDFs' markup. With
//! [`super::BuildOptions::release_models`], each document's model is let go as soon as
//! its part is made, the site's pages are written as they come (8 MB at a time), and the
//! search indexes take each document's sections in the collection's order: the
//! 400-document collection's site is never held whole beside its model.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::{HtmlRenderer, PdfRenderer};
use crate::diag::Diagnostic;
use crate::error::Result;
use crate::model::{Document, Project};
use crate::output::OutputDir;
use crate::render::html::{DocumentPages, OutputFile, SiteStages};
use crate::render::pdf::PreparedPdf;

/// How many bytes of pages wait before they are written: the owned-files list is saved
/// once per batch. Pages are written as made, not deflated: deflating the 255 MB of the
/// 400-document site and inflating it back cost more than a second of CPU.
const BATCH_BYTES: usize = 8 << 20;

/// The site's pages already written by [`prepare`]: the site renderer writes the rest
/// and keeps these when it removes what the site no longer has.
#[derive(Debug, Default)]
pub struct SitePages {
    /// Their paths in the site's folder.
    pub paths: Vec<String>,
    /// How many were new or changed.
    pub written: usize,
}

/// One document's part: its pages, and the markup of its PDFs by job.
type Part = (
    Option<DocumentPages>,
    Vec<(usize, std::result::Result<PreparedPdf, Diagnostic>)>,
);

/// Makes the site (`html`, whose pages go into `site_dir`) and, when the model is let go,
/// the PDFs' markup (`pdf`) for the jobs at `pairs` (document and translation positions),
/// and hands them to their renderers. With `release`, each document's model goes as soon
/// as its part is made, and meanwhile the other documents see only its metadata (see
/// [`Document::without_model`]), so the outputs are the same bytes either way; what reads
/// several documents at once is worked out first.
///
/// # Errors
/// A template that fails, a page that cannot be written. The pages written before the
/// failure stay (each whole, the old page or the new); the site-wide files and the search
/// indexes are the old ones, and the next build that succeeds brings the folder in step.
pub(super) fn prepare(
    project: &mut Project,
    pairs: &[(usize, usize)],
    release: bool,
    html: Option<(&HtmlRenderer, &mut OutputDir)>,
    pdf: Option<&PdfRenderer>,
) -> Result<()> {
    if html.is_none() && pdf.is_none() {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let (html, site_dir) = html.unzip();
    let site = match html {
        Some(html) => {
            let jobs: std::collections::BTreeSet<(&str, &str)> = pairs
                .iter()
                .map(|&(i, j)| {
                    let doc = &project.documents[i];
                    (doc.id(), doc.translations[j].lang.as_str())
                })
                .collect();
            let include = |d: &Document, lang: &str| jobs.contains(&(d.id(), lang));
            Some(
                SiteStages::begin(project, &include, &|_, _| true, html.review, false)?
                    .pack_indexes(),
            )
        }
        None => None,
    };
    let mut parts = site.as_ref().map(|s| s.parts(project));
    let plan = pdf.map(|pdf| pdf.plan(project, pairs));
    let mut jobs_of_doc: Vec<Vec<usize>> = vec![Vec::new(); project.documents.len()];
    for (k, &(i, _)) in pairs.iter().enumerate() {
        jobs_of_doc[i].push(k);
    }
    let mut sink = site_dir.map(Sink::new);
    let mut markup = Vec::new();
    let mut failed = None;
    each_document(
        project,
        release,
        |shared, i, doc| -> Result<Part> {
            let pages = match &site {
                Some(site) => Some(site.document(shared, doc)?),
                None => None,
            };
            let made = match (pdf, &plan) {
                (Some(pdf), Some(plan)) => jobs_of_doc[i]
                    .iter()
                    .map(|&k| {
                        let lang = &doc.translations[pairs[k].1].lang;
                        (k, pdf.prepare_job(shared, doc, lang, plan, k))
                    })
                    .collect(),
                _ => Vec::new(),
            };
            Ok((pages, made))
        },
        |_, part| {
            if failed.is_some() {
                return false;
            }
            let taken = part.and_then(|(pages, mut made)| {
                markup.append(&mut made);
                if let (Some(pages), Some(parts), Some(sink)) = (pages, &mut parts, &mut sink) {
                    sink.push(parts.take(pages)?)?;
                }
                Ok(())
            });
            if let Err(e) = taken {
                failed = Some(e);
            }
            failed.is_none()
        },
    );
    if let Some(e) = failed {
        return Err(e);
    }
    if let (Some(site), Some(parts), Some(html), Some(mut sink)) = (site, parts, html, sink) {
        sink.flush()?;
        html.use_prepared(site.finish(parts)?, sink.done);
    }
    if let (Some(plan), Some(pdf)) = (plan, pdf) {
        markup.sort_by_key(|(k, _)| *k);
        pdf.use_prepared(plan.into_queue(markup.into_iter().map(|(_, m)| m).collect()));
    }
    crate::timings::record("build: site and markup", started);
    Ok(())
}

/// Pages waiting to be written, a batch at a time.
struct Sink<'o> {
    out: &'o mut OutputDir,
    waiting: Vec<OutputFile>,
    bytes: usize,
    done: SitePages,
    /// Every path pushed so far.
    seen: std::collections::HashSet<String>,
}

impl<'o> Sink<'o> {
    fn new(out: &'o mut OutputDir) -> Self {
        Sink {
            out,
            waiting: Vec::new(),
            bytes: 0,
            done: SitePages::default(),
            seen: std::collections::HashSet::new(),
        }
    }

    /// Queues `pages` for writing. Two documents' pages can share a path (the role card
    /// of `sop-01`'s actor `a-b` and of `sop-01-a`'s actor `b`): the first one pushed is
    /// kept, as when the whole site was sorted and deduplicated at once.
    fn push(&mut self, pages: Vec<OutputFile>) -> Result<()> {
        for page in pages {
            if self.seen.insert(page.path.clone()) {
                self.bytes += page.bytes.len();
                self.waiting.push(page);
            }
        }
        if self.bytes >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        let files = std::mem::take(&mut self.waiting);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let (written, _) = self.out.write_each(&paths, |i| files[i].contents())?;
        self.done.written += written;
        self.done.paths.extend(files.into_iter().map(|f| f.path));
        self.bytes = 0;
        Ok(())
    }
}

/// `make(project, i, document)` for every document, on every core, each result handed to
/// `take` in the documents' order (see [`in_order`]); `take` returns false to stop. With
/// `release`, each document's model is let go as soon as `make` is done with it, and
/// `project` holds only the documents' metadata meanwhile.
fn each_document<T: Send>(
    project: &mut Project,
    release: bool,
    make: impl Fn(&Project, usize, &Document) -> T + Sync,
    take: impl FnMut(usize, T) -> bool + Send,
) {
    let count = project.documents.len();
    if !release {
        let shared: &Project = project;
        in_order(count, |i| make(shared, i, &shared.documents[i]), take);
        return;
    }
    let outlines = project
        .documents
        .iter()
        .map(Document::without_model)
        .collect();
    let documents: Vec<Mutex<Document>> = std::mem::replace(&mut project.documents, outlines)
        .into_iter()
        .map(Mutex::new)
        .collect();
    let shared: &Project = project;
    in_order(
        count,
        |i| {
            let mut doc = documents[i].lock().unwrap_or_else(|e| e.into_inner());
            let made = make(shared, i, &doc);
            doc.release_model();
            made
        },
        take,
    );
    project.documents = documents
        .into_iter()
        .map(|d| d.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect();
}

/// `make(i)` for `i` in `0..count`, on every core, each result handed to `take(i, made)`
/// in order as soon as those before it are (so that what is taken need not wait for the
/// slowest document); `take` returns false to stop. A result waits for at most a few
/// before it: a worker does not start `i` until `take` has had every result up to
/// `i - WINDOW`, so a slow document early on does not leave every later one's pages
/// waiting in memory.
///
/// Every thread of the pool runs one worker ([`rayon::broadcast`]: a worker cannot be
/// picked up by another thread waiting inside `take`, which writes pages on the pool
/// while holding the order's lock). The pool's threads are the ones that built the
/// model: threads of their own allocated the new parts from fresh memory while the
/// model's was still being given back, 20 MiB more at scale 100.
fn in_order<T: Send>(
    count: usize,
    make: impl Fn(usize) -> T + Sync,
    take: impl FnMut(usize, T) -> bool + Send,
) {
    let window = WINDOW_PER_THREAD * rayon::current_num_threads();
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let order = Mutex::new(InOrder {
        next: 0,
        waiting: BTreeMap::new(),
        take,
    });
    let advanced = std::sync::Condvar::new();
    let lock = || order.lock().unwrap_or_else(|e| e.into_inner());
    let halt = || {
        stop.store(true, Ordering::Relaxed);
        // Taken under the lock, so that no worker misses the wake-up between its check
        // and its wait.
        let _order = lock();
        advanced.notify_all();
    };
    let deliver = |i: usize, made: T| {
        let mut guard = lock();
        let order = &mut *guard;
        order.waiting.insert(i, made);
        while let Some(made) = order.waiting.remove(&order.next) {
            if !(order.take)(order.next, made) {
                stop.store(true, Ordering::Relaxed);
            }
            order.next += 1;
        }
        advanced.notify_all();
    };
    let claim = || {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= count {
            return None;
        }
        // Every index before `i` is claimed, and the worker that holds the one `take`
        // waits for never waits here: no wait lasts forever.
        let mut guard = lock();
        while i >= guard.next + window && !stop.load(Ordering::Relaxed) {
            guard = advanced.wait(guard).unwrap_or_else(|e| e.into_inner());
        }
        (!stop.load(Ordering::Relaxed)).then_some(i)
    };
    rayon::broadcast(|_| {
        // A worker that panics stops the others rather than leave them waiting for its
        // document; the panic goes on to the caller.
        let _on_panic = OnPanic(&halt);
        while let Some(i) = claim() {
            deliver(i, make(i));
        }
    });
}

/// How many results, per thread, may wait for those before them (see [`in_order`]).
const WINDOW_PER_THREAD: usize = 2;

/// Calls its function if dropped while the thread panics.
struct OnPanic<'f>(&'f (dyn Fn() + Sync));

impl Drop for OnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            (self.0)();
        }
    }
}

/// Results waiting for those of the documents before them.
struct InOrder<T, F> {
    next: usize,
    waiting: BTreeMap<usize, T>,
    take: F,
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // The test reads back what the sink wrote on disk.
mod tests {
    use super::*;
    use crate::output::Claim;

    fn page(path: &str, text: &str) -> OutputFile {
        crate::render::html::OutputFile {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
            packed: false,
        }
    }

    /// Results are taken in order, however late the first comes, and no worker runs far
    /// ahead of what was taken.
    #[test]
    fn results_are_taken_in_order_within_the_window() {
        use std::sync::atomic::AtomicUsize;
        let taken_upto = AtomicUsize::new(0);
        let ahead = AtomicUsize::new(0);
        let mut order = Vec::new();
        in_order(
            40,
            |i| {
                if i == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                let gap = i.saturating_sub(taken_upto.load(Ordering::SeqCst));
                ahead.fetch_max(gap, Ordering::SeqCst);
                i * 10
            },
            |i, made| {
                order.push((i, made));
                taken_upto.store(i + 1, Ordering::SeqCst);
                true
            },
        );
        assert_eq!(order, (0..40).map(|i| (i, i * 10)).collect::<Vec<_>>());
        let window = WINDOW_PER_THREAD * rayon::current_num_threads();
        assert!(ahead.load(Ordering::SeqCst) <= window, "{ahead:?}");
    }

    /// `take` returning false stops the workers: nothing after it is taken.
    #[test]
    fn a_refusal_stops_the_pass() {
        let mut taken = Vec::new();
        in_order(
            100,
            |i| i,
            |i, _| {
                taken.push(i);
                i < 3
            },
        );
        assert_eq!(taken[..4], [0, 1, 2, 3]);
        assert!(taken.len() < 100, "{}", taken.len());
    }

    /// A worker that panics does not leave the others waiting: the panic reaches the
    /// caller.
    #[test]
    fn a_panicking_worker_stops_the_others() {
        let result = std::panic::catch_unwind(|| {
            in_order(
                50,
                |i| {
                    if i == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(50));
                        panic!("document 0");
                    }
                    i
                },
                |_, _| true,
            );
        });
        assert!(result.is_err());
    }

    /// Pages are written in batches; a path pushed twice keeps its first page and is
    /// counted once.
    #[test]
    fn the_sink_writes_each_path_once_first_page_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut out = OutputDir::open(dir.path(), Claim::Adopt).unwrap();
        let mut sink = Sink::new(&mut out);
        sink.push(vec![
            page("fr/a/index.html", "a"),
            page("fr/cards/x.html", "first"),
        ])
        .unwrap();
        sink.push(vec![
            page("fr/cards/x.html", "second"),
            page("fr/b/index.html", "b"),
        ])
        .unwrap();
        sink.flush().unwrap();
        let done = std::mem::take(&mut sink.done);
        assert_eq!(done.written, 3);
        assert_eq!(
            done.paths,
            ["fr/a/index.html", "fr/cards/x.html", "fr/b/index.html"]
        );
        let read = |p: &str| std::fs::read_to_string(dir.path().join(p)).unwrap();
        assert_eq!(read("fr/cards/x.html"), "first");
        assert_eq!(read("fr/b/index.html"), "b");
    }
}
