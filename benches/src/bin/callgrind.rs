//! Runs one task a fixed number of times, for instruction counts under
//! `valgrind --tool=callgrind` (see `benches/callgrind.sh`, which runs it
//! with 1 and 1+N iterations and divides the difference, so loading the
//! corpus is not counted).
//!
//! Usage: `callgrind TASK MESSAGES CRATE ITERATIONS`
//! - TASK: `full` (the full parse), `check` (`Message::parse` alone with
//!   `dnswire`; with `domain`, its cheapest walk: every question and record
//!   parsed, nothing decoded), `read` (`MessageReader` through every question and
//!   record, no label walks; CRATE `dnswire`) or `encode` (MESSAGES is
//!   ignored)
//! - MESSAGES: `realistic` (the realistic corpus, which all crates but
//!   dns-parser accept), `broad` (the realistic corpus, the zone transfers
//!   and the test captures, those all crates but dns-parser accept),
//!   `kind:KIND` (the messages of `broad` of one of `KINDS`), `common` (the
//!   captures every crate accepts), `large` (the captures all crates but
//!   dns-parser accept: DNSSEC included),
//!   `one-long-name` or `pointer-chains` (a hostile 64 KiB message),
//!   `hostile:NAME:SIZE` (one of `pathological::HOSTILE`, filling SIZE
//!   bytes), or `sample:NAME` (one corpus message, by file name without
//!   `.bin`)
//! - CRATE: the first word of a crate's name in the table (`dnswire`,
//!   `domain`, `hickory-proto`, `simple-dns`, `dns-parser`), or
//!   `dnswire-message` for dnswire's full parse through `Message::parse`
//!
//! Prints the number of messages one iteration handles and their bytes.

use std::hint::black_box;
use std::process::ExitCode;

use dnswire_bench::peers::{Encoders, DNSWIRE_MESSAGE, PEERS};
use dnswire_bench::{accepted_by, corpus, kind, pathological, realistic, transfers, KINDS};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [task, which, krate, iterations] = &args[..] else {
        eprintln!("usage: callgrind TASK MESSAGES CRATE ITERATIONS");
        return ExitCode::FAILURE;
    };
    let found = PEERS.iter().find(|p| p.name.split(' ').next() == Some(krate.as_str()));
    let Some(peer) = found.or((krate == "dnswire-message").then_some(&DNSWIRE_MESSAGE)) else {
        eprintln!("unknown crate {krate}");
        return ExitCode::FAILURE;
    };
    let iterations: u32 = iterations.parse().expect("ITERATIONS is a number");
    if task == "encode" {
        let Some(encode) = peer.encode else {
            eprintln!("{krate} has no builder");
            return ExitCode::FAILURE;
        };
        let mut encoders = Encoders::default();
        for _ in 0..iterations {
            black_box(encode(black_box(&mut encoders)));
        }
        println!("1 message, {} bytes", encode(&mut encoders).len());
        return ExitCode::SUCCESS;
    }
    let samples = corpus();
    let realistic = realistic();
    let transfers = transfers();
    let broad = || realistic.iter().chain(&transfers).chain(&samples);
    let messages: Vec<Vec<u8>> = match which.as_str() {
        "broad" => accepted_by(broad(), &PEERS[..4]).into_iter().map(<[u8]>::to_vec).collect(),
        name if name.starts_with("kind:") => {
            let wanted = &name["kind:".len()..];
            if !KINDS.contains(&wanted) {
                eprintln!("unknown kind {wanted}: one of {}", KINDS.join(", "));
                return ExitCode::FAILURE;
            }
            let of_kind = broad().filter(|sample| kind(sample) == wanted);
            accepted_by(of_kind, &PEERS[..4]).into_iter().map(<[u8]>::to_vec).collect()
        }
        "common" => accepted_by(&samples, &PEERS).into_iter().map(<[u8]>::to_vec).collect(),
        "large" => accepted_by(&samples, &PEERS[..4]).into_iter().map(<[u8]>::to_vec).collect(),
        "realistic" => accepted_by(&realistic, &PEERS[..4]).into_iter().map(<[u8]>::to_vec).collect(),
        "one-long-name" => vec![pathological::one_long_name()],
        "pointer-chains" => vec![pathological::pointer_chains()],
        name if name.starts_with("hostile:") => {
            let Some((generator, size)) = name["hostile:".len()..].split_once(':') else {
                eprintln!("hostile messages are hostile:NAME:SIZE");
                return ExitCode::FAILURE;
            };
            let Some(hostile) = pathological::HOSTILE.iter().find(|h| h.name == generator) else {
                eprintln!("unknown hostile message {generator}");
                return ExitCode::FAILURE;
            };
            vec![(hostile.build)(size.parse().expect("SIZE is a number"))]
        }
        name if name.starts_with("sample:") => {
            samples.iter().filter(|s| s.name == name["sample:".len()..]).map(|s| s.bytes.clone()).collect()
        }
        _ => {
            eprintln!("unknown messages {which}");
            return ExitCode::FAILURE;
        }
    };
    match task.as_str() {
        "check" if krate == "domain" => {
            for _ in 0..iterations {
                for m in &messages {
                    black_box(dnswire_bench::peers::domain::walk(black_box(&m[..])));
                }
            }
        }
        "check" if krate == "dnswire" => {
            for _ in 0..iterations {
                for m in &messages {
                    black_box(dnswire::Message::parse(black_box(&m[..])).is_ok());
                }
            }
        }
        "read" if krate == "dnswire" => {
            for _ in 0..iterations {
                for m in &messages {
                    black_box(read_through(black_box(m)));
                }
            }
        }
        "full" => {
            for _ in 0..iterations {
                for m in &messages {
                    black_box((peer.full_parse)(black_box(m)));
                }
            }
        }
        _ => {
            eprintln!("unknown task {task} for {krate}");
            return ExitCode::FAILURE;
        }
    }
    let bytes: usize = messages.iter().map(Vec::len).sum();
    println!("{} messages, {bytes} bytes", messages.len());
    ExitCode::SUCCESS
}

/// Reads every question and record with `MessageReader`, checking each as
/// it comes, and counts them; `None` if the message is refused.
fn read_through(message: &[u8]) -> Option<usize> {
    let mut reader = dnswire::MessageReader::new(message).ok()?;
    let mut count = 0;
    while reader.next_question().ok()?.is_some() {
        count += 1;
    }
    while reader.next_record().ok()?.is_some() {
        count += 1;
    }
    Some(count)
}
