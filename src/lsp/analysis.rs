//! Re-analysis off the message loop: debounced, and superseded work is dropped.
//!
//! The loop sends a [`Job`] for every change (the open buffers at that moment, and which
//! files changed). The worker waits [`DEBOUNCE`] for more keystrokes, keeping only the
//! newest job, then analyzes. A result is sent back only when no newer job arrived while
//! it ran: typing faster than an analysis never publishes diagnostics of text that is
//! already gone, and the newest text is analyzed as soon as the worker is free.
//!
//! Like watch mode, the worker keeps the last loaded project (parsed, not resolved):
//! when only chapters changed it re-parses those chapters in place
//! ([`project::reload_chapter`]) and resolves and checks the whole project again, which
//! keeps every cross-document diagnostic right; anything else (a registry, the
//! manifest, a new file) loads the project again. The style linter's cache is kept while
//! nothing but chapters changed.

use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};

use crate::check::CheckCache;
use crate::project::{self, Loaded};
use crate::world::{Overlay, World};
use crate::{Analysis, analyze_loaded_with};

/// How long the worker waits for the next keystroke before analyzing. Short: it only
/// gathers the changes an editor sends together (an undo, a multi-cursor edit, a paste
/// split in pieces); fast typing is handled by dropping superseded results, so a pause
/// of a keystroke's length is enough to see the findings.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// One request for analysis.
#[derive(Debug)]
pub struct Job {
    /// Increases with every change; results carry it back.
    pub generation: u64,
    /// The open buffers over the disk, as they were when the job was sent.
    pub world: Overlay,
    /// Files whose text changed since the previous job (edited, closed, saved).
    pub changed: BTreeSet<PathBuf>,
    /// Load the whole project again (first analysis, a file created or deleted on disk).
    pub full: bool,
}

/// What an analysis produced.
#[derive(Debug)]
pub struct Snapshot {
    /// The generation of the job analyzed.
    pub generation: u64,
    /// The analysis, or why there is none (no manifest, unreadable folder, a crash).
    pub analysis: Result<Analysis, String>,
    /// How long it took, debounce excluded.
    pub took: Duration,
    /// Whether the chapters were re-parsed in place (else the project was loaded anew).
    pub incremental: bool,
    /// The stages' times, when `SOPDOC_TIMINGS` is set (logged for profiling).
    pub stages: Vec<(String, Duration)>,
}

/// Starts the worker thread for the project at `root`; it ends when `jobs` closes.
pub fn spawn(root: PathBuf, jobs: Receiver<Job>, results: Sender<Snapshot>) {
    std::thread::Builder::new()
        .name("sopdoc-lsp-analysis".into())
        .spawn(move || Worker::new(root).run(&jobs, &results))
        .expect("a thread can be spawned");
}

struct Worker {
    root: PathBuf,
    /// The last project loaded (parsed, not resolved), with the hash of its files other
    /// than chapters.
    loaded: Option<(Loaded, u64)>,
    cache: CheckCache,
}

impl Worker {
    fn new(root: PathBuf) -> Self {
        Worker {
            root,
            loaded: None,
            cache: CheckCache::default(),
        }
    }

    fn run(mut self, jobs: &Receiver<Job>, results: &Sender<Snapshot>) {
        let Ok(mut job) = jobs.recv() else { return };
        loop {
            // Debounce: keep the newest job until the client is quiet for a moment, merging
            // what changed.
            loop {
                match jobs.recv_timeout(DEBOUNCE) {
                    Ok(newer) => job = merge(job, newer),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            let started = Instant::now();
            let generation = job.generation;
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.analyze(&job)));
            let (analysis, incremental) = match outcome {
                Ok(Ok(done)) => (Ok(done.0), done.1),
                Ok(Err(e)) => (Err(e), false),
                Err(_) => {
                    // A bug in a stage: forget the state it may have left half-updated.
                    self.loaded = None;
                    self.cache.clear();
                    (
                        Err(
                            "the analysis failed (an internal error); the next edit retries".into(),
                        ),
                        false,
                    )
                }
            };
            let snapshot = Snapshot {
                generation,
                analysis,
                took: started.elapsed(),
                incremental,
                stages: crate::timings::take(),
            };
            // Superseded while it ran: analyze the newer text instead of publishing.
            match jobs.try_recv() {
                Ok(newer) => {
                    job = merge(job, newer);
                    continue;
                }
                Err(crossbeam_channel::TryRecvError::Disconnected) => return,
                Err(crossbeam_channel::TryRecvError::Empty) => {}
            }
            if results.send(snapshot).is_err() {
                return;
            }
            match jobs.recv() {
                Ok(next) => job = next,
                Err(_) => return,
            }
        }
    }

    /// One analysis: re-parse the changed chapters when that is all that changed, else
    /// load anew.
    fn analyze(&mut self, job: &Job) -> Result<(Analysis, bool), String> {
        let world: Arc<dyn World> = Arc::new(job.world.clone());
        let mut incremental = false;
        let mut loaded = None;
        if !job.full
            && let Some((kept, _)) = self.loaded.as_mut()
        {
            // Re-parse in the kept project itself (one copy fewer per keystroke); a file
            // that is not a chapter loads everything anew below, replacing it.
            if let Some(p) = kept.project.as_mut() {
                p.world = world.clone();
            }
            let mut all = true;
            for path in &job.changed {
                match project::reload_chapter(kept, path) {
                    Ok(true) => {}
                    _ => {
                        all = false;
                        break;
                    }
                }
            }
            if all {
                incremental = true;
                let started = Instant::now();
                loaded = Some(copy_loaded(kept));
                crate::timings::record("copy of the kept project", started);
            } else {
                self.loaded = None;
            }
        }
        let loaded = match loaded {
            Some(l) => l,
            None => {
                let l = project::load_in(&self.root, world).map_err(|e| e.to_string())?;
                let key = settings_key(&l);
                if self.loaded.as_ref().is_none_or(|(_, k)| *k != key) {
                    self.cache.clear();
                }
                self.loaded = Some((l.clone(), key));
                l
            }
        };
        let (analysis, _) = analyze_loaded_with(
            loaded,
            crate::AnalysisOptions::default(),
            Some(&mut self.cache),
            |_| (),
        );
        Ok((analysis, incremental))
    }
}

/// A copy of the kept project to resolve, its documents copied on every core (the
/// resolved model of a large collection takes tens of milliseconds to copy on one).
fn copy_loaded(kept: &mut Loaded) -> Loaded {
    use rayon::prelude::*;
    let Some(project) = kept.project.as_mut() else {
        return kept.clone();
    };
    let documents = std::mem::take(&mut project.documents);
    let mut copy = kept.clone();
    let copied: Vec<_> = documents.par_iter().cloned().collect();
    if let Some(project) = kept.project.as_mut() {
        project.documents = documents;
    }
    if let Some(project) = copy.project.as_mut() {
        project.documents = copied;
    }
    copy
}

/// Two jobs in one: the newer buffers, everything either changed.
fn merge(older: Job, newer: Job) -> Job {
    let mut changed = older.changed;
    changed.extend(newer.changed);
    Job {
        generation: newer.generation,
        world: newer.world,
        changed,
        full: older.full || newer.full,
    }
}

/// A hash of every loaded file that is not a chapter (manifest, registries, rule packs,
/// word lists, document metadata): when it changes, the linter's cache is stale.
fn settings_key(loaded: &Loaded) -> u64 {
    let chapters: BTreeSet<_> = loaded
        .project
        .iter()
        .flat_map(|p| &p.documents)
        .flat_map(|d| &d.translations)
        .flat_map(|t| &t.chapters)
        .map(|c| c.source)
        .collect();
    let mut h = DefaultHasher::new();
    for (id, file) in loaded.sources.iter() {
        if !chapters.contains(&id) {
            file.path.hash(&mut h);
            file.text.hash(&mut h);
        }
    }
    h.finish()
}
