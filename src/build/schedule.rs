//! How the heavy outputs (PDFs, role cards) share the machine: one Typst compilation per
//! core at a time.

use std::sync::Mutex;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `job` on every item, one item per core at a time, and returns the results in the
/// items' order.
///
/// Not on rayon's pool: Typst lays out and exports with rayon itself, and a pool worker
/// that waits for such inner work steals the next document meanwhile. Every document of a
/// build was then in flight at once, each holding its layout (1.5 GB at the bench's scale
/// 10 against 220 MB for one). Plain threads that take the next item only when done keep
/// one document per core in memory; Typst's own parallelism still uses every core.
pub(super) fn compile_each<T: Sync, R: Send>(items: &[T], job: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = cores().min(items.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = job(item);
                    done.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
                }
            });
        }
    });
    done.into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::compile_each;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A job that counts the items in flight.
    fn job(in_flight: &AtomicUsize, most: &AtomicUsize, i: usize) -> usize {
        let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        most.fetch_max(now, Ordering::SeqCst);
        // Inner parallel work, as Typst's layout has: the pieces other workers steal
        // leave this thread waiting, free to pick up other items if it may.
        use rayon::prelude::*;
        let inner: usize = (0..16usize)
            .into_par_iter()
            .map(|k| {
                std::thread::sleep(std::time::Duration::from_millis(1));
                k
            })
            .sum();
        in_flight.fetch_sub(1, Ordering::SeqCst);
        i * 3 + inner - 120
    }

    /// A job that waits on rayon work (as Typst's layout does) must not let other items
    /// start meanwhile: at most one item per thread is in flight, and results keep order.
    #[test]
    fn compile_each_bounds_the_items_in_flight() {
        let items: Vec<usize> = (0..24).collect();
        let in_flight = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let out = compile_each(&items, |&i| job(&in_flight, &most, i));
        assert_eq!(out, items.iter().map(|i| i * 3).collect::<Vec<_>>());
        let cores = super::cores();
        let most = most.load(Ordering::SeqCst);
        assert!(most <= cores, "{most} in flight on {cores} cores");
    }
}
