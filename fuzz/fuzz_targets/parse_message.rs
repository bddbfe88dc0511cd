//! Parse arbitrary bytes; whatever parses, walk every section, decode every
//! RDATA, copy every record, format everything. Must never panic or hang,
//! and parsing and walking the views must allocate nothing.
#![no_main]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use libfuzzer_sys::fuzz_target;

/// Counts this thread's allocations.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fuzz_target!(|data: &[u8]| {
    let before = ALLOCATIONS.with(Cell::get);
    let strict = dnswire::Message::parse(data);
    let prefix = dnswire::Message::parse_prefix(data);
    if let Ok(message) = &strict {
        black_box(dnswire_fuzz::walk_views(message));
    }
    if let Ok(message) = &prefix {
        black_box(dnswire_fuzz::walk_views(message));
    }
    assert_eq!(ALLOCATIONS.with(Cell::get), before, "parsing or walking the views allocated");

    if let Ok(message) = &strict {
        dnswire_fuzz::exercise(message);
    }
    if let Ok(message) = &prefix {
        dnswire_fuzz::exercise(message);
    }
});
