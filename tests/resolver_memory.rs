//! What one hostile 64 KiB MX answer makes `lookup_mx` hold in memory at
//! most, counted by a global allocator (a test binary of its own, so that
//! no other test allocates meanwhile). 1 359 MX records name one exchange,
//! 64 KiB of AAAA glue follow, and the exchange's own answers hold 4 000 A
//! and 2 300 AAAA records: the resolver before its limits kept 2 122 758
//! addresses and held 49 MB at its peak.
#![cfg(feature = "std")]

mod support;

use std::time::Duration;

use dnswire::resolver::{Config, Resolver};
use support::counting::{self, Counting};
use support::hostile::{self, DUPLICATES};
use support::server::ScriptedServer;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn a_64_kib_answer_of_duplicates_holds_little_memory() {
    let server = ScriptedServer::start(hostile::script);
    let mut config = Config::new([server.addr]);
    config.timeout = Duration::from_secs(2);
    let resolver = Resolver::new(config);
    let base = counting::start();
    let route = resolver.lookup_mx(DUPLICATES).unwrap();
    let peak = counting::peak_since(base);
    let addresses: usize = route.exchanges.iter().map(|e| e.addresses.len()).sum();
    assert_eq!((route.exchanges.len(), addresses), (1, 16));
    // The scripted server's own buffers count too (a few 64 KiB answers
    // built and framed); the client reads three 64 KiB answers.
    assert!(peak < 4 << 20, "{peak} bytes at the peak");
    eprintln!("peak heap during lookup_mx: {peak} bytes");
}
