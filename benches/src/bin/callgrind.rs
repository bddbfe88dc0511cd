//! Runs one task a fixed number of times, for instruction counts under
//! `valgrind --tool=callgrind` (see `benches/callgrind.sh`, which runs it
//! with 1 and 1+N iterations and divides the difference, so loading the
//! corpus is not counted).
//!
//! Usage: `callgrind TASK CRATE ITERATIONS`
//! - TASK: `full` (full parse of the corpus messages every crate accepts),
//!   `full-large` (the same for the messages all crates but dns-parser
//!   accept: DNSSEC responses included), `check` (dnswire's
//!   `Message::parse` alone, on the `full-large` messages), `encode`,
//!   `one-long-name` or `pointer-chains` (full parse of a hostile message)
//! - CRATE: the first word of a crate's name in the table (`dnswire`,
//!   `domain`, `hickory-proto`, `simple-dns`, `dns-parser`)
//!
//! Prints the number of messages one iteration handles and their bytes.

use std::hint::black_box;
use std::process::ExitCode;

use dnswire_bench::peers::{Encoders, PEERS};
use dnswire_bench::{accepted_by, corpus, pathological};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [task, krate, iterations] = &args[..] else {
        eprintln!("usage: callgrind TASK CRATE ITERATIONS");
        return ExitCode::FAILURE;
    };
    let Some(peer) = PEERS.iter().find(|p| p.name.split(' ').next() == Some(krate.as_str())) else {
        eprintln!("unknown crate {krate}");
        return ExitCode::FAILURE;
    };
    let iterations: u32 = iterations.parse().expect("ITERATIONS is a number");
    let samples = corpus();
    let messages: Vec<Vec<u8>> = match task.as_str() {
        "full" => accepted_by(&samples, &PEERS).into_iter().map(<[u8]>::to_vec).collect(),
        "full-large" | "check" => accepted_by(&samples, &PEERS[..4]).into_iter().map(<[u8]>::to_vec).collect(),
        "one-long-name" => vec![pathological::one_long_name()],
        "pointer-chains" => vec![pathological::pointer_chains()],
        "encode" => Vec::new(),
        _ => {
            eprintln!("unknown task {task}");
            return ExitCode::FAILURE;
        }
    };
    match task.as_str() {
        "encode" => {
            let Some(encode) = peer.encode else {
                eprintln!("{krate} has no builder");
                return ExitCode::FAILURE;
            };
            let mut encoders = Encoders::new();
            for _ in 0..iterations {
                black_box(encode(black_box(&mut encoders)));
            }
            println!("1 message, {} bytes", encoders.output(peer).len());
            return ExitCode::SUCCESS;
        }
        "check" => {
            for _ in 0..iterations {
                for m in &messages {
                    black_box(dnswire::Message::parse(black_box(&m[..])).is_ok());
                }
            }
        }
        _ => {
            for _ in 0..iterations {
                for m in &messages {
                    black_box((peer.full_parse)(black_box(m)));
                }
            }
        }
    }
    let bytes: usize = messages.iter().map(Vec::len).sum();
    println!("{} messages, {bytes} bytes", messages.len());
    ExitCode::SUCCESS
}
