//! Stage times for profiling by hand (`SOPDOC_TIMINGS=1`): the stages record how long they
//! took, and the command line prints them. Nothing below the command line prints.

use std::sync::Mutex;
use std::time::{Duration, Instant};

static RECORDED: Mutex<Vec<(String, Duration)>> = Mutex::new(Vec::new());

/// Whether stage times are being recorded (`SOPDOC_TIMINGS` is set).
pub fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("SOPDOC_TIMINGS").is_some())
}

/// Records how long `stage` took since `since`, when enabled.
pub fn record(stage: &str, since: Instant) {
    if enabled() {
        let mut r = RECORDED.lock().unwrap_or_else(|e| e.into_inner());
        r.push((stage.to_string(), since.elapsed()));
    }
}

/// Takes the times recorded so far, in the order they were recorded.
pub fn take() -> Vec<(String, Duration)> {
    std::mem::take(&mut *RECORDED.lock().unwrap_or_else(|e| e.into_inner()))
}
