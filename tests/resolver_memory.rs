//! What one hostile 64 KiB MX answer makes `lookup_mx` hold in memory at
//! most, counted by a global allocator (a test binary of its own, so that
//! no other test allocates meanwhile). 1 359 MX records name one exchange,
//! 64 KiB of AAAA glue follow, and the exchange's own answers hold 4 000 A
//! and 2 300 AAAA records: the resolver before its limits kept 2 122 758
//! addresses and held 49 MB at its peak.
#![cfg(feature = "std")]

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use dnswire::resolver::{Config, Resolver};
use support::hostile::{self, DUPLICATES};
use support::server::ScriptedServer;

struct Counting;

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

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn a_64_kib_answer_of_duplicates_holds_little_memory() {
    let server = ScriptedServer::start(hostile::script);
    let mut config = Config::new([server.addr]);
    config.timeout = Duration::from_secs(2);
    let resolver = Resolver::new(config);
    let before = HELD.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let route = resolver.lookup_mx(DUPLICATES).unwrap();
    let peak = PEAK.load(Ordering::SeqCst) - before;
    let addresses: usize = route.exchanges.iter().map(|e| e.addresses.len()).sum();
    assert_eq!((route.exchanges.len(), addresses), (1, 16));
    // The scripted server's own buffers count too (a few 64 KiB answers
    // built and framed); the client reads three 64 KiB answers.
    assert!(peak < 4 << 20, "{peak} bytes at the peak");
    eprintln!("peak heap during lookup_mx: {peak} bytes");
}
