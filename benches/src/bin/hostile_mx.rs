//! What one hostile answer makes `lookup_mx` (or `lookup_ip`) do: the
//! queries it sends, the time it takes, the addresses it keeps and the
//! memory it holds at most; run it under callgrind for its instructions.
//! The answers are those of `tests/support/hostile.rs`, served by the
//! scripted server of the resolver tests, in a process of its own so that
//! callgrind counts only the client.
//!
//! ```text
//! hostile_mx serve 127.0.0.1:5399 &                 # until killed
//! hostile_mx lookup 127.0.0.1:5399 dup.hostile.test. [TIMEOUT_MS [ATTEMPTS]]
//! hostile_mx ip 127.0.0.1:5399 ch.hostile.test.
//! hostile_mx seeds fuzz/corpus/resolver_response    # the answers as files
//! ```
//! Prints one line: `queries=… distinct=… wall_ms=… exchanges=…
//! addresses=… peak_bytes=… result=…`. Loopback only.

#[path = "../../../tests/support/mod.rs"]
mod support;

use std::collections::HashSet;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dnswire::resolver::{Config, Event, Resolver};
use support::counting::{self, Counting};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: hostile_mx serve ADDR | hostile_mx (lookup|ip) ADDR NAME [TIMEOUT_MS [ATTEMPTS]] | hostile_mx seeds DIR";
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["seeds", dir] => {
            write_seeds(std::path::Path::new(dir));
            ExitCode::SUCCESS
        }
        ["serve", addr] => {
            let server =
                support::server::ScriptedServer::start_on(addr.parse().expect("an address"), support::hostile::script);
            println!("listening {}", server.addr);
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
        [mode @ ("lookup" | "ip"), addr, name, ref rest @ ..] => {
            let server: SocketAddr = addr.parse().expect("an address");
            let mut config = Config::new([server]);
            config.timeout = Duration::from_millis(rest.first().map_or(1000, |t| t.parse().expect("TIMEOUT_MS")));
            config.attempts = rest.get(1).map_or(1, |a| a.parse().expect("ATTEMPTS"));
            let sent = Arc::new(Mutex::new(Vec::new()));
            let log = Arc::clone(&sent);
            let resolver = Resolver::new(config).with_observer(move |event| {
                if let Event::Sent { name, qtype, .. } = event {
                    log.lock().unwrap().push(format!("{name} {qtype}"));
                }
            });
            let base = counting::start();
            let start = Instant::now();
            let (exchanges, addresses, result) = if mode == "lookup" {
                match resolver.lookup_mx(name) {
                    Ok(route) => {
                        let addresses: usize = route.exchanges.iter().map(|e| e.addresses.len()).sum();
                        (route.exchanges.len(), addresses, format!("{:?}", route.kind))
                    }
                    Err(error) => (0, 0, format!("error: {error}")),
                }
            } else {
                match resolver.lookup_ip(name) {
                    Ok(found) => (0, found.len(), format!("{found:?}")),
                    Err(error) => (0, 0, format!("error: {error}")),
                }
            };
            let wall = start.elapsed();
            let peak = counting::peak_since(base);
            let sent = sent.lock().unwrap();
            let distinct: HashSet<&String> = sent.iter().collect();
            println!(
                "queries={} distinct={} wall_ms={} exchanges={exchanges} addresses={addresses} peak_bytes={peak} result={result}",
                sent.len(),
                distinct.len(),
                wall.as_millis()
            );
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{usage}");
            ExitCode::FAILURE
        }
    }
}

/// Writes each hostile answer, as it comes over TCP (whole), to
/// `dir/hostile-NAME-TYPE`, for the `resolver_response` fuzz target.
fn write_seeds(dir: &std::path::Path) {
    use dnswire::stub::Transport;
    use dnswire::{Class, NameBuf, Rtype};
    use support::hostile::*;
    let questions = [
        (DUPLICATES, Rtype::MX),
        (DUPLICATE_EXCHANGE, Rtype::A),
        (DUPLICATE_EXCHANGE, Rtype::AAAA),
        (MANY, Rtype::MX),
        (STALLING, Rtype::MX),
        (GLUE, Rtype::MX),
        (CHAOS, Rtype::A),
        (CHAOS_CNAME, Rtype::A),
        (FRESH_CNAMES, Rtype::MX),
        ("c0.cnames.hostile.test.", Rtype::A),
    ];
    for (name, qtype) in questions {
        let request = support::server::Request {
            transport: Transport::Tcp,
            index: 0,
            from: "127.0.0.1:53".parse().unwrap(),
            id: 0x1d2c,
            name: name.parse::<NameBuf>().unwrap(),
            qtype,
            qclass: Class::IN,
            udp_payload: Some(1232),
            edns: true,
            rd: true,
            cd: false,
            ad: false,
            dnssec_ok: false,
            options: Vec::new(),
            connection: 0,
            arrived: std::time::Instant::now(),
        };
        for action in support::hostile::script(&request) {
            if let support::server::Action::Reply(bytes) = action {
                let file = dir.join(format!("hostile-{}{qtype}", name.replace('.', "-")));
                std::fs::write(&file, bytes).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                println!("{} ({} bytes)", file.display(), std::fs::metadata(&file).unwrap().len());
            }
        }
    }
}
