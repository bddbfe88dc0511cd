//! dnswire alone, task by task: header check, full message check, full
//! parse, name decompression, encoding, and the hostile 64 KiB messages.
//! `cargo bench -p dnswire-bench --bench wire`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dnswire::{Header, Message, Name, RData, Section};
use dnswire_bench::peers::{dnswire as ours, Encoders};
use dnswire_bench::{corpus, pathological, total_bytes, Sample};

/// The larger real responses, benchmarked one by one as well.
const SINGLES: [&str; 5] =
    ["nsd-many-tcp", "org-mx-glue", "org-cname-chain-dnssec", "org-mx-glue-dnssec", "org-nxdomain-dnssec"];

/// Offsets of every name in a message: owners, and names in RDATA.
fn name_offsets(bytes: &[u8]) -> Vec<usize> {
    let message = Message::parse(bytes).expect("corpus message");
    let mut offsets: Vec<usize> = message.questions().map(|q| q.name.offset()).collect();
    for section in Section::ALL {
        for record in message.records(section) {
            offsets.push(record.owner().offset());
            match record.rdata() {
                RData::Mx(mx) => offsets.push(mx.exchange.offset()),
                RData::Cname(c) => offsets.push(c.cname.offset()),
                RData::Ns(ns) => offsets.push(ns.nsdname.offset()),
                RData::Ptr(p) => offsets.push(p.ptrdname.offset()),
                _ => {}
            }
        }
    }
    offsets
}

fn whole_corpus(c: &mut Criterion) {
    let samples = corpus();
    let bytes = total_bytes(&samples);
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(12 * samples.len() as u64));
    group.bench_function("header", |b| {
        b.iter(|| {
            for s in &samples {
                let header = Header::new_checked(black_box(&s.bytes[..])).expect("header");
                black_box((header.id(), header.low_rcode(), header.ancount()));
            }
        })
    });
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("check", |b| {
        b.iter(|| {
            for s in &samples {
                black_box(Message::parse(black_box(&s.bytes[..])).is_ok());
            }
        })
    });
    group.bench_function("full_parse", |b| {
        b.iter(|| {
            for s in &samples {
                black_box(ours::full_parse(black_box(&s.bytes)));
            }
        })
    });
    group.bench_function("full_parse_message", |b| {
        b.iter(|| {
            for s in &samples {
                black_box(ours::full_parse_message(black_box(&s.bytes)));
            }
        })
    });
    let names: Vec<(&Sample, Vec<usize>)> = samples.iter().map(|s| (s, name_offsets(&s.bytes))).collect();
    let decompressed: u64 = names
        .iter()
        .flat_map(|(s, offsets)| offsets.iter().map(|&o| Name::parse_at(&s.bytes, o).expect("name").wire_len() as u64))
        .sum();
    group.throughput(Throughput::Bytes(decompressed));
    group.bench_function("names", |b| {
        b.iter(|| {
            for (s, offsets) in &names {
                for &offset in offsets {
                    let name = Name::parse_at(black_box(&s.bytes), offset).expect("name");
                    for label in name.labels() {
                        black_box(label);
                    }
                }
            }
        })
    });
    group.finish();
}

fn single_messages(c: &mut Criterion) {
    let samples = corpus();
    let mut group = c.benchmark_group("full_parse");
    for name in SINGLES {
        let sample = samples.iter().find(|s| s.name == name).expect("sample in corpus");
        group.throughput(Throughput::Bytes(sample.bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &sample.bytes, |b, bytes| {
            b.iter(|| black_box(ours::full_parse(black_box(bytes))))
        });
    }
    group.finish();
}

fn encode(c: &mut Criterion) {
    let mut encoders = Encoders::default();
    let len = ours::encode(&mut encoders).len();
    let mut group = c.benchmark_group("encode");
    group.throughput(Throughput::Bytes(len as u64));
    group.bench_function("mx_response", |b| b.iter(|| black_box(ours::encode(black_box(&mut encoders)).len())));
    group.finish();
}

fn hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological");
    for (name, message) in
        [("one_long_name", pathological::one_long_name()), ("pointer_chains", pathological::pointer_chains())]
    {
        group.throughput(Throughput::Bytes(message.len() as u64));
        group.bench_with_input(BenchmarkId::new("check", name), &message, |b, m| {
            b.iter(|| black_box(Message::parse(black_box(&m[..])).is_ok()))
        });
        group.bench_with_input(BenchmarkId::new("full_parse", name), &message, |b, m| {
            b.iter(|| black_box(ours::full_parse(black_box(m))))
        });
    }
    group.finish();
}

criterion_group!(benches, whole_corpus, single_messages, encode, hostile);
criterion_main!(benches);
