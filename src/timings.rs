//! Stage times for profiling by hand (`SOPDOC_TIMINGS=1`): the stages record how long they
//! took, and the command line prints them. Nothing below the command line prints.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A stage's name, its time, and the process's resident memory when it ended (KiB).
type Entry = (String, Duration, Option<u64>);

static RECORDED: Mutex<Vec<Entry>> = Mutex::new(Vec::new());

/// Whether stage times are being recorded (`SOPDOC_TIMINGS` is set).
pub fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("SOPDOC_TIMINGS").is_some())
}

/// Records how long `stage` took since `since`, when enabled.
pub fn record(stage: &str, since: Instant) {
    if enabled() {
        let mut r = RECORDED.lock().unwrap_or_else(|e| e.into_inner());
        r.push((stage.to_string(), since.elapsed(), resident_kib()));
    }
}

/// Takes the times recorded so far, in the order they were recorded.
pub fn take() -> Vec<(String, Duration)> {
    take_with_memory()
        .into_iter()
        .map(|(stage, took, _)| (stage, took))
        .collect()
}

/// Like [`take`], with the resident memory at the end of each stage (where the system
/// tells it): where a large build's memory grows.
pub fn take_with_memory() -> Vec<Entry> {
    std::mem::take(&mut *RECORDED.lock().unwrap_or_else(|e| e.into_inner()))
}

/// The process's resident memory in KiB (Linux; `None` elsewhere).
#[allow(clippy::disallowed_methods)] // The process's own status, not a project file.
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
