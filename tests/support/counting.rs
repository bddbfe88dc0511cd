//! A global allocator that counts the bytes held and remembers the most
//! held at once, for tests and measurements of what a lookup keeps in
//! memory. A binary that wants it declares
//! `#[global_allocator] static ALLOCATOR: Counting = Counting;`.
#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting.
pub struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let held = HELD.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
        PEAK.fetch_max(held, Ordering::SeqCst);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::SeqCst);
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// Starts a measurement: the bytes held now, which [`peak_since`] takes.
pub fn start() -> usize {
    let held = HELD.load(Ordering::SeqCst);
    PEAK.store(held, Ordering::SeqCst);
    held
}

/// The most bytes held at once since [`start`] returned `base`, beyond it.
pub fn peak_since(base: usize) -> usize {
    PEAK.load(Ordering::SeqCst).saturating_sub(base)
}
