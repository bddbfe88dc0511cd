//! Lookups side by side, on scoped threads: a lookup's deadline bounds all
//! of them together instead of each one in turn.

use std::sync::Mutex;
use std::thread;
use std::vec::Vec;

/// Runs `job` on a thread of `scope`, or, if no thread can be started, at
/// once on this one. Joining gives its result either way.
fn start<'scope, R: Send + 'scope>(
    scope: &'scope thread::Scope<'scope, '_>,
    job: impl FnOnce() -> R + Send + 'scope,
) -> Started<'scope, R> {
    // The job stays reachable if the thread cannot start.
    let slot = std::sync::Arc::new(Mutex::new(Some(job)));
    let shared = std::sync::Arc::clone(&slot);
    let spawned = thread::Builder::new().spawn_scoped(scope, move || {
        let job = super::net::lock(&shared).take();
        job.map(|job| job())
    });
    match spawned {
        Ok(handle) => Started::Thread(handle),
        Err(_) => {
            let job = super::net::lock(&slot).take();
            Started::Done(job.map(|job| job()))
        }
    }
}

enum Started<'scope, R> {
    Thread(thread::ScopedJoinHandle<'scope, Option<R>>),
    Done(Option<R>),
}

impl<R> Started<'_, R> {
    fn join(self) -> R {
        let result = match self {
            Started::Thread(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Started::Done(result) => result,
        };
        result.expect("every job runs once")
    }
}

/// Runs `first` on a thread of its own and `second` on this one, and
/// returns both results.
pub(crate) fn both<A: Send, B>(first: impl FnOnce() -> A + Send, second: impl FnOnce() -> B) -> (A, B) {
    thread::scope(|scope| {
        let first = start(scope, first);
        let second = second();
        (first.join(), second)
    })
}

/// `job` of every item, each on a thread of its own, in the items' order.
pub(crate) fn each<T: Send, R: Send>(items: Vec<T>, job: impl Fn(T) -> R + Sync) -> Vec<R> {
    let job = &job;
    thread::scope(|scope| {
        let started: Vec<Started<'_, R>> = items.into_iter().map(|item| start(scope, move || job(item))).collect();
        started.into_iter().map(Started::join).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::sync::atomic::{AtomicUsize, Ordering};
    use core::time::Duration;
    use std::time::Instant;

    /// Counts itself in, then waits (10 s at most) until `all` jobs have:
    /// true only if they all ran at the same time.
    fn meet(arrived: &AtomicUsize, all: usize) -> bool {
        arrived.fetch_add(1, Ordering::SeqCst);
        let give_up = Instant::now() + Duration::from_secs(10);
        while arrived.load(Ordering::SeqCst) < all {
            if Instant::now() > give_up {
                return false;
            }
            thread::sleep(Duration::from_millis(1));
        }
        true
    }

    #[test]
    fn runs_side_by_side_and_keeps_the_order() {
        let arrived = AtomicUsize::new(0);
        assert_eq!(both(|| meet(&arrived, 2), || meet(&arrived, 2)), (true, true));
        let arrived = AtomicUsize::new(0);
        let met = each((0..8).collect(), |i: usize| (i, meet(&arrived, 8)));
        assert_eq!(met, (0..8).map(|i| (i, true)).collect::<Vec<_>>());
    }
}
