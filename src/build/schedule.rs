//! How the heavy outputs (PDFs, role cards, overviews) share the machine: one Typst
//! compilation per core at a time, across every format being built.
//!
//! Formats are written side by side (see [`super::build`]), so the role cards start while
//! the last PDFs are still laid out instead of after them; the slots below keep the number
//! of compilations in flight at the number of cores whatever the formats, so memory stays
//! that of one document per core.

use std::sync::{Condvar, LazyLock, Mutex};

/// Compilation slots of the process: as many as cores.
struct Slots {
    free: Mutex<usize>,
    freed: Condvar,
}

static SLOTS: LazyLock<Slots> = LazyLock::new(|| Slots {
    free: Mutex::new(cores()),
    freed: Condvar::new(),
});

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A slot taken; given back when dropped (also when the job panics).
struct Slot;

impl Slot {
    fn take() -> Slot {
        let mut free = SLOTS.free.lock().unwrap_or_else(|e| e.into_inner());
        while *free == 0 {
            free = SLOTS.freed.wait(free).unwrap_or_else(|e| e.into_inner());
        }
        *free -= 1;
        Slot
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        *SLOTS.free.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        SLOTS.freed.notify_one();
    }
}

/// Runs `job` holding one of the process's compilation slots.
pub(super) fn with_slot<R>(job: impl FnOnce() -> R) -> R {
    let _slot = Slot::take();
    job()
}

/// Runs `job` on every item, one item per core at a time, and returns the results in the
/// items' order.
///
/// Not on rayon's pool: Typst lays out and exports with rayon itself, and a pool worker
/// that waits for such inner work steals the next document meanwhile. Every document of a
/// build was then in flight at once, each holding its layout (1.5 GB at the bench's scale
/// 10 against 220 MB for one). Plain threads that take the next item only when done, each
/// item holding a compilation slot, keep one document per core in memory, even with other
/// formats compiling beside; Typst's own parallelism still uses every core.
pub(super) fn compile_each<T: Sync, R: Send>(items: &[T], job: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = cores().min(items.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let slot = Slot::take();
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = job(item);
                    drop(slot);
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

    /// Items in flight, across every caller of [`compile_each`] at the time.
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
    /// start meanwhile, and two formats compiling side by side share the same bound: at
    /// most one item per core is in flight, and results keep order.
    #[test]
    fn compile_each_bounds_the_items_in_flight_across_formats() {
        let items: Vec<usize> = (0..24).collect();
        let in_flight = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| compile_each(&items, |&i| job(&in_flight, &most, i)));
            let b = s.spawn(|| compile_each(&items, |&i| job(&in_flight, &most, i)));
            (a.join().unwrap(), b.join().unwrap())
        });
        let want: Vec<usize> = items.iter().map(|i| i * 3).collect();
        assert_eq!(a, want);
        assert_eq!(b, want);
        let cores = super::cores();
        let most = most.load(Ordering::SeqCst);
        assert!(most <= cores, "{most} in flight on {cores} cores");
    }
}
