//! The comparison table: every crate does the same full parse of the same
//! corpus and the same encode, in one run, interleaved; prints Markdown.
//!
//! Usage: `cargo run --release -p dnswire-bench --bin compare [-- --quick]`
//! (`--quick` measures briefly: a check that everything runs and agrees).
//! Exits non-zero if the crates disagree on any message they all accept.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use dnswire_bench::peers::{Encode, Encoders, Peer, DNSWIRE_MESSAGE, PEERS};
use dnswire_bench::{accepted_by, corpus, pathological, realistic, Sample, Summary};

/// Counts heap allocations, to report allocations per message.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> u64 {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    f();
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

/// Full parse of every message; the summaries folded so nothing is skipped.
fn parse_all(peer: &Peer, messages: &[&[u8]]) -> u64 {
    let mut sum = 0u64;
    for m in messages {
        let s = (peer.full_parse)(black_box(m)).expect("accepted before");
        sum = sum.wrapping_add(s.checksum);
    }
    sum
}

/// What the tables' columns are.
const RATES_NOTE: &str = "Rates and the first ratio: each crate's median round. Last column: the \
    ratio of each crate's fastest round to dnswire's fastest (the rounds the machine's other load \
    slowed least).";

/// Seconds per call of one task over the rounds.
#[derive(Clone, Copy)]
struct Timing {
    /// The median round's.
    median: f64,
    /// The fastest round's: the one the machine's other load slowed least
    /// (noise on a shared machine only ever adds time).
    best: f64,
}

/// Seconds per call of each of `tasks` tasks (`run(i)` runs task `i`
/// once), measured in `rounds` interleaved rounds of a batch of calls each
/// (so machine noise hits all tasks alike).
fn measure(tasks: usize, mut run: impl FnMut(usize), rounds: usize, target: Duration) -> Vec<Timing> {
    let batches: Vec<u32> = (0..tasks)
        .map(|i| {
            let start = Instant::now();
            let mut n = 0u32;
            while start.elapsed() < target / 4 {
                run(i);
                n += 1;
            }
            let per_call = start.elapsed().as_secs_f64() / f64::from(n);
            ((target.as_secs_f64() / per_call) as u32).max(1)
        })
        .collect();
    let mut times = vec![Vec::new(); tasks];
    for _ in 0..rounds {
        for (i, &batch) in batches.iter().enumerate() {
            let start = Instant::now();
            for _ in 0..batch {
                run(i);
            }
            times[i].push(start.elapsed().as_secs_f64() / f64::from(batch));
        }
    }
    times
        .into_iter()
        .map(|mut t| {
            t.sort_by(f64::total_cmp);
            Timing { median: t[t.len() / 2], best: t[0] }
        })
        .collect()
}

/// Measures and prints the full-parse table for `peers` on `messages`.
fn parse_table(title: &str, peers: &[Peer], messages: &[&[u8]], rounds: usize, target: Duration) -> Vec<Timing> {
    let bytes: usize = messages.iter().map(|m| m.len()).sum();
    let records: u32 = messages.iter().map(|m| (PEERS[0].full_parse)(m).expect("accepted").records).sum();
    let allocations: Vec<f64> = peers
        .iter()
        .map(|p| {
            allocations_during(|| {
                black_box(parse_all(p, messages));
            }) as f64
                / messages.len() as f64
        })
        .collect();
    let times = measure(
        peers.len(),
        |i| {
            black_box(parse_all(&peers[i], messages));
        },
        rounds,
        target,
    );
    println!(
        "\n## Full parse, {title}: {} messages, {bytes} bytes (mean {}), {records} records; {rounds} rounds\n",
        messages.len(),
        bytes / messages.len().max(1)
    );
    println!("{RATES_NOTE}\n");
    println!(
        "| crate | messages/s | MB/s | ns/message | allocations/message | dnswire is … × faster | in the best rounds |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (i, peer) in peers.iter().enumerate() {
        let t = times[i].median;
        println!(
            "| {} | {:.0} | {:.0} | {:.0} | {:.1} | {:.2} | {:.2} |",
            peer.name,
            messages.len() as f64 / t,
            bytes as f64 / t / 1e6,
            t / messages.len() as f64 * 1e9,
            allocations[i],
            t / times[0].median,
            times[i].best / times[0].best
        );
    }
    times
}

/// Whether every crate that accepts one of `samples` agrees with dnswire on
/// it, and how many each crate refuses; prints the refusals and the
/// disagreements.
fn agree(what: &str, samples: &[Sample]) -> (bool, Vec<usize>) {
    let mut agreed = true;
    let mut refused = vec![0; PEERS.len()];
    for sample in samples {
        let seen: Vec<Option<Summary>> = PEERS.iter().map(|p| (p.full_parse)(&sample.bytes)).collect();
        for (count, s) in refused.iter_mut().zip(&seen) {
            *count += usize::from(s.is_none());
        }
        let Some(reference) = seen[0] else {
            println!("- `{}`: **dnswire refuses it**", sample.name);
            agreed = false;
            continue;
        };
        for (peer, s) in PEERS.iter().zip(&seen).skip(1) {
            if let Some(s) = s.filter(|s| *s != reference) {
                println!("- `{}`: **{} disagrees**: {s:?}, dnswire {reference:?}", sample.name, peer.name);
                agreed = false;
            }
        }
    }
    let refusals: Vec<String> =
        PEERS.iter().zip(&refused).filter(|(_, &n)| n > 0).map(|(p, n)| format!("{} refuses {n}", p.name)).collect();
    println!(
        "- {} {what}: every crate that accepts one agrees with dnswire on its questions, records and checksum \
         (every label, address, preference, TTL); {}.",
        samples.len(),
        if refusals.is_empty() { "every crate accepts all".into() } else { refusals.join(", ") }
    );
    (agreed, refused)
}

fn main() -> ExitCode {
    let quick = std::env::args().any(|a| a == "--quick");
    let (rounds, target) = if quick { (3, Duration::from_millis(20)) } else { (21, Duration::from_millis(150)) };
    let realistic = realistic();
    let captures = corpus();

    // Whether every crate that accepts a message agrees with dnswire.
    println!("## Agreement\n");
    let (realistic_agreed, realistic_refused) = agree("realistic responses", &realistic);
    let (captures_agreed, _) = agree("test and benchmark captures", &captures);
    let mut failed = !realistic_agreed || !captures_agreed;

    // The realistic corpus, which the README's figures quote, for every
    // crate that accepts all of it; then the captures, which hold the edge
    // cases, for all five crates and for all but dns-parser.
    let realistic_peers = &PEERS[..realistic_refused.iter().position(|&n| n > 0).unwrap_or(PEERS.len())];
    // None of them refuses any, so the messages are all of the corpus.
    let messages: Vec<&[u8]> = realistic.iter().map(|s| &s.bytes[..]).collect();
    // dnswire both ways: one pass with MessageReader, and Message::parse.
    let mut rows = vec![PEERS[0], DNSWIRE_MESSAGE];
    rows.extend_from_slice(&realistic_peers[1..]);
    let times = parse_table("realistic responses", &rows, &messages, rounds, target);
    let parse_times: Vec<Option<f64>> =
        PEERS.iter().map(|p| rows.iter().position(|r| r.name == p.name).map(|i| times[i].median)).collect();
    let bytes: usize = messages.iter().map(|m| m.len()).sum();
    let sets = [("captures, all five crates", &PEERS[..]), ("captures, without dns-parser", &PEERS[..4])];
    for (title, peers) in sets {
        parse_table(title, peers, &accepted_by(&captures, peers), rounds, target);
    }

    // Encode: every builder's output must decode to the same message.
    let mut encoders = Encoders::default();
    let builders: Vec<(&str, Encode)> = PEERS.iter().filter_map(|p| Some((p.name, p.encode?))).collect();
    let mut encoded = Vec::new();
    for (name, encode) in &builders {
        let out = encode(&mut encoders);
        let summary = (PEERS[0].full_parse)(out);
        println!("- encode with {name}: {} bytes", out.len());
        encoded.push((summary, out.len()));
    }
    for ((name, _), (summary, _)) in builders.iter().zip(&encoded) {
        if summary.is_none() || *summary != encoded[0].0 {
            println!("  **{name} decodes differently from dnswire's**: {summary:?}");
            failed = true;
        }
    }
    let encode_allocs: Vec<f64> = builders
        .iter()
        .map(|(_, encode)| {
            allocations_during(|| {
                black_box(encode(&mut encoders));
            }) as f64
        })
        .collect();
    let encode_times = measure(
        builders.len(),
        |i| {
            black_box((builders[i].1)(&mut encoders));
        },
        rounds,
        target,
    );

    println!("\n## Encode: question, 5 MX, 5 A, compressed; {rounds} rounds\n");
    println!("{RATES_NOTE}\n");
    println!("| crate | messages/s | ns/message | bytes | allocations/message | dnswire is … × faster | in the best rounds |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (i, (name, _)) in builders.iter().enumerate() {
        let t = encode_times[i].median;
        println!(
            "| {} | {:.0} | {:.0} | {} | {:.1} | {:.2} | {:.2} |",
            name,
            1.0 / t,
            t * 1e9,
            encoded[i].1,
            encode_allocs[i],
            t / encode_times[0].median,
            encode_times[i].best / encode_times[0].best
        );
    }

    // Pathological messages: cost per byte against the corpus.
    println!("\n## Pathological 64 KiB messages: full parse, ns/byte (the realistic corpus for scale)\n");
    let hostile =
        [("one long name", pathological::one_long_name()), ("pointer chains", pathological::pointer_chains())];
    println!("| crate | realistic | {} | {} |", hostile[0].0, hostile[1].0);
    println!("| --- | ---: | ---: | ---: |");
    for (i, peer) in PEERS.iter().enumerate() {
        let corpus = parse_times[i].map_or_else(|| "refuses some".into(), |t| format!("{:.2}", t / bytes as f64 * 1e9));
        let mut cells = vec![corpus];
        for (_, message) in &hostile {
            if (peer.full_parse)(message).is_none() {
                cells.push("refused".into());
                continue;
            }
            let run = |_| {
                black_box((peer.full_parse)(black_box(message)));
            };
            let t = measure(1, run, rounds, target)[0].median;
            cells.push(format!("{:.2}", t / message.len() as f64 * 1e9));
        }
        println!("| {} | {} |", peer.name, cells.join(" | "));
    }
    if failed {
        println!("\nThe crates disagree (above).");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
