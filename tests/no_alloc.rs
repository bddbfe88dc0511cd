//! Parsing, walking and building perform zero heap allocations.
//!
//! A global allocator counts the allocations made by the current thread
//! (a thread-local counter, so the test harness's other threads do not
//! disturb the count). The counted code must not format into a `String`
//! or collect into a `Vec`: it folds what it reads into a checksum instead.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use dnswire::{
    Class, Message, MessageBuilder, MessageReader, Mx, Name, Question, RData, Record, Rtype, Section, Soa, A,
};

struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

fn allocations_during(work: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    work();
    ALLOCATIONS.with(Cell::get) - before
}

fn add(sum: &mut u64, value: u64) {
    *sum = sum.wrapping_mul(31).wrapping_add(value);
}

fn fold_name(sum: &mut u64, name: Name<'_>) {
    for label in name.labels() {
        for &byte in label {
            add(sum, u64::from(byte.to_ascii_lowercase()));
        }
    }
}

/// Folds every field of a record, every label of its names and its typed
/// RDATA into `sum`.
fn fold_record(sum: &mut u64, record: Record<'_>) {
    fold_name(sum, record.owner());
    add(sum, u64::from(record.ttl()));
    add(sum, u64::from(record.class().0));
    match record.rdata() {
        RData::A(a) => add(sum, u64::from(u32::from(a.addr))),
        RData::Aaaa(aaaa) => add(sum, u128::from(aaaa.addr) as u64),
        RData::Mx(mx) => {
            add(sum, u64::from(mx.preference));
            fold_name(sum, mx.exchange);
        }
        RData::Cname(c) => fold_name(sum, c.cname),
        RData::Ns(ns) => fold_name(sum, ns.nsdname),
        RData::Ptr(p) => fold_name(sum, p.ptrdname),
        RData::Soa(soa) => {
            fold_name(sum, soa.mname);
            fold_name(sum, soa.rname);
            add(sum, u64::from(soa.serial));
        }
        RData::Srv(srv) => {
            add(sum, u64::from(srv.port));
            fold_name(sum, srv.target);
        }
        RData::Txt(txt) => txt.strings().for_each(|s| add(sum, s.len() as u64)),
        RData::Opt(opt) => opt.options().for_each(|o| add(sum, u64::from(o.code.0))),
        RData::Unknown(u) => add(sum, u.data().len() as u64),
        _ => {}
    }
}

/// Folds a question's name and type into `sum`.
fn fold_question(sum: &mut u64, question: Question<'_>) {
    fold_name(sum, question.name);
    add(sum, u64::from(question.qtype.0));
}

/// Folds every question and every record of `message` into `sum`, in
/// message order.
fn fold_sections(sum: &mut u64, message: &Message<&[u8]>) {
    message.questions().for_each(|question| fold_question(sum, question));
    for section in Section::ALL {
        message.records(section).for_each(|record| fold_record(sum, record));
    }
}

/// Reads everything a message holds: every field, every name label, every
/// typed RDATA field.
fn walk(bytes: &[u8]) -> u64 {
    let message = Message::parse(bytes).unwrap();
    let mut sum = u64::from(message.id());
    add(&mut sum, u64::from(message.rcode().0));
    fold_sections(&mut sum, &message);
    if let Some(edns) = message.edns() {
        add(&mut sum, u64::from(edns.udp_payload_size));
    }
    sum
}

/// [`fold_sections`] in one pass with a `MessageReader`.
fn read(bytes: &[u8]) -> u64 {
    let mut reader = MessageReader::new(bytes).unwrap();
    let mut sum = 0;
    while let Some(question) = reader.next_question().unwrap() {
        fold_question(&mut sum, question);
    }
    while let Some((_, record)) = reader.next_record().unwrap() {
        fold_record(&mut sum, record);
    }
    sum
}

fn captures() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut all: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    all.sort();
    all
}

#[test]
fn counting_allocator_sees_allocations() {
    // The instrument itself works: a Vec allocates.
    let count = allocations_during(|| {
        black_box(vec![1u8; 100]);
    });
    assert_eq!(count, 1);
}

#[test]
fn parsing_and_walking_every_capture_allocates_nothing() {
    let captures = captures();
    assert!(captures.len() >= 29);
    let mut sum = 0;
    let count = allocations_during(|| {
        for bytes in &captures {
            add(&mut sum, walk(black_box(bytes)));
        }
    });
    assert_eq!(count, 0);
    assert_ne!(black_box(sum), 0);
}

#[test]
fn reading_every_capture_in_one_pass_allocates_nothing() {
    let captures = captures();
    let mut sums = Vec::with_capacity(captures.len());
    let count = allocations_during(|| {
        for bytes in &captures {
            sums.push(read(black_box(bytes)));
        }
    });
    assert_eq!(count, 0);
    // And it sees what the views of a parsed message show.
    for (bytes, sum) in captures.iter().zip(sums) {
        let message = Message::parse(&bytes[..]).unwrap();
        let mut expected = 0;
        fold_sections(&mut expected, &message);
        assert_eq!(sum, expected);
    }
}

#[test]
fn building_into_a_slice_allocates_nothing() {
    let mut buf = [0u8; 1232];
    let mut len = 0;
    let count = allocations_during(|| {
        let mut builder = MessageBuilder::new(&mut buf[..]).unwrap();
        builder.header_mut().set_qr(true);
        builder.push_question("example.com.", Rtype::MX, Class::IN).unwrap();
        let exchanges =
            ["mx1.example.com.", "mx2.example.com.", "mx3.example.com.", "mx4.example.com.", "mx5.example.com."];
        for (i, exchange) in exchanges.iter().enumerate() {
            let mx = Mx { preference: 10 * i as u16, exchange: *exchange };
            builder.push_answer("example.com.", Class::IN, 3600, &mx).unwrap();
        }
        let soa = Soa {
            mname: "ns1.example.com.",
            rname: "hostmaster.example.com.",
            serial: 1,
            refresh: 2,
            retry: 3,
            expire: 4,
            minimum: 5,
        };
        builder.push_authority("example.com.", Class::IN, 300, &soa).unwrap();
        for (i, exchange) in exchanges.iter().enumerate() {
            builder.push_additional(*exchange, Class::IN, 3600, &A::from([192, 0, 2, i as u8])).unwrap();
        }
        builder.push_edns(&dnswire::Edns::default()).unwrap();
        len = builder.finish().len();
    });
    assert_eq!(count, 0);
    let message = Message::parse(&buf[..len]).unwrap();
    assert_eq!(message.answers().count(), 5);

    // Re-encoding parsed records (Name views as input) allocates nothing either.
    let mut copy = [0u8; 1232];
    let count = allocations_during(|| {
        let mut builder = MessageBuilder::new(&mut copy[..]).unwrap();
        for section in Section::ALL {
            for record in message.records(section) {
                builder.push_record(section, &record).unwrap();
            }
        }
        black_box(builder.finish());
    });
    assert_eq!(count, 0);
}

#[test]
fn reading_a_zone_from_text_allocates_nothing() {
    use dnswire::zone::{ZoneReader, RECORD_BUF_LEN};
    let mut texts = Vec::new();
    for zone in ["tests/data/capture/types.example.zone", "tests/data/capture/example.com.zone"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(zone);
        texts.push(std::fs::read_to_string(path).unwrap());
    }
    let mut buf = vec![0u8; RECORD_BUF_LEN];
    let mut records = 0;
    let mut sum = 0;
    let count = allocations_during(|| {
        for text in &texts {
            let mut zone = ZoneReader::new(text);
            while let Some(record) = zone.next_record(&mut buf).unwrap() {
                fold_record(&mut sum, record);
                records += 1;
            }
        }
    });
    black_box(sum);
    assert!(records > 130, "only {records} records");
    assert_eq!(count, 0);
}
