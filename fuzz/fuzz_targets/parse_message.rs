//! Parse arbitrary bytes; whatever parses, walk every section, decode every
//! RDATA, copy every record, format everything. Must never panic or hang,
//! and parsing and walking the views must allocate nothing. The one-pass
//! `MessageReader` must end as `Message::parse` does (the same error, or
//! none) and, on a message that parses, yield the same questions and
//! records in the same order.
#![no_main]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use dnswire::{Message, MessageReader, Result, Section};
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

/// Reads `data` with a `MessageReader` alongside the views of `strict`, the
/// result of `Message::parse(data)`, asserting that they agree.
fn reader_agrees(data: &[u8], strict: &Result<Message<&[u8]>>) {
    let message = strict.as_ref().ok();
    let mut reader = match MessageReader::new(data) {
        Ok(reader) => reader,
        Err(error) => return assert_eq!(strict.as_ref().err(), Some(&error)),
    };
    let mut questions = message.map(Message::questions);
    loop {
        match reader.next_question() {
            Ok(Some(question)) => {
                if let Some(questions) = &mut questions {
                    assert_eq!(questions.next(), Some(question));
                }
            }
            Ok(None) => break,
            Err(error) => return assert_eq!(strict.as_ref().err(), Some(&error)),
        }
    }
    let mut records = message.map(|m| Section::ALL.into_iter().flat_map(|s| m.records(s).map(move |r| (s, r))));
    loop {
        match reader.next_record() {
            Ok(Some((section, record))) => {
                if let Some(records) = &mut records {
                    let (expected_section, expected) = records.next().expect("as many records");
                    assert_eq!((section, record.offset()), (expected_section, expected.offset()));
                    assert_eq!(record, expected);
                }
            }
            Ok(None) => return assert!(strict.is_ok(), "the reader accepts what parse refuses: {strict:?}"),
            Err(error) => return assert_eq!(strict.as_ref().err(), Some(&error)),
        }
    }
}

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
    reader_agrees(data, &strict);
    assert_eq!(ALLOCATIONS.with(Cell::get), before, "parsing, reading or walking the views allocated");

    if let Ok(message) = &strict {
        dnswire_fuzz::exercise(message);
    }
    if let Ok(message) = &prefix {
        dnswire_fuzz::exercise(message);
    }
});
