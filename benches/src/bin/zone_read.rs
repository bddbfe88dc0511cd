//! Reads a zone file with dnswire's `ZoneFile` or `domain`'s zone reader
//! and reports records per second and the peak heap, for
//! `benches/zone.sh`, which makes the zone and runs both side by side.
//!
//! ```text
//! zone_read dnswire|domain FILE ORIGIN [RUNS]
//! ```
//! Prints `crate records runs median_ms records_per_s peak_heap_bytes`.
//! Each record's owner, TTL, class and type are folded into a checksum and
//! its typed RDATA is looked at (dnswire decodes the view; `domain` has
//! parsed it already), so that neither reader's work is optimised away.

#[path = "../../../tests/support/mod.rs"]
mod support;

use std::fs::File;
use std::hint::black_box;
use std::io::BufReader;
use std::process::ExitCode;
use std::time::Instant;

use support::counting::{self, Counting};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Records read and their checksum.
fn with_dnswire(path: &str, origin: &str) -> (u64, u64) {
    use dnswire::zone::{ZoneFile, RECORD_BUF_LEN};
    let mut zone = ZoneFile::open(path).expect("open").with_origin(origin.parse().expect("origin"));
    let mut buf = vec![0u8; RECORD_BUF_LEN];
    let (mut count, mut sum) = (0u64, 0u64);
    while let Some(record) = zone.next_record(&mut buf).expect("a valid zone") {
        count += 1;
        let labels = record.owner().labels().count() as u64;
        sum = sum.rotate_left(5) ^ labels ^ u64::from(record.ttl()) ^ u64::from(record.rtype().0);
        black_box(record.rdata());
    }
    (count, sum)
}

fn with_domain(path: &str, origin: &str) -> (u64, u64) {
    use domain::base::name::ToLabelIter;
    use domain::base::Name;
    use domain::zonefile::inplace::{Entry, Zonefile};
    let mut file = BufReader::new(File::open(path).expect("open"));
    let mut zone = Zonefile::load(&mut file).expect("load");
    zone.set_origin(Name::bytes_from_str(origin).expect("origin"));
    // dnswire's default; `domain` wants one for a record without a class.
    zone.set_default_class(domain::base::iana::Class::IN);
    let (mut count, mut sum) = (0u64, 0u64);
    while let Some(entry) = zone.next_entry().expect("a valid zone") {
        if let Entry::Record(record) = entry {
            count += 1;
            let labels = record.owner().iter_labels().count() as u64 - 1;
            sum = sum.rotate_left(5) ^ labels ^ u64::from(record.ttl().as_secs()) ^ u64::from(record.rtype().to_int());
            black_box(record.data());
        }
    }
    (count, sum)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (krate, path, origin) = match &args[..] {
        [krate, path, origin] | [krate, path, origin, _] => (krate.as_str(), path.as_str(), origin.as_str()),
        _ => {
            eprintln!("usage: zone_read dnswire|domain FILE ORIGIN [RUNS]");
            return ExitCode::FAILURE;
        }
    };
    let runs: usize = args.get(3).map_or(5, |r| r.parse().expect("RUNS is a number"));
    let read = match krate {
        "dnswire" => with_dnswire,
        "domain" => with_domain,
        _ => {
            eprintln!("unknown crate {krate}");
            return ExitCode::FAILURE;
        }
    };
    let mut times = Vec::new();
    let mut peak = 0;
    let mut records = 0;
    for _ in 0..runs {
        let base = counting::start();
        let start = Instant::now();
        let (count, sum) = read(path, origin);
        times.push(start.elapsed());
        peak = peak.max(counting::peak_since(base));
        black_box(sum);
        records = count;
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{krate} {records} {runs} {:.1} {:.0} {peak}",
        median.as_secs_f64() * 1e3,
        records as f64 / median.as_secs_f64()
    );
    ExitCode::SUCCESS
}
