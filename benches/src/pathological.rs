//! Hostile-but-valid responses, built byte by byte, to show that the cost
//! of checking a message stays linear, with a small constant, when names
//! are compressed as hard as the wire format allows — including layouts
//! made to defeat the parser's cache of checked suffixes.
//!
//! Every generator takes the size to fill (at most 65 535 bytes) and stops
//! before it; [`HOSTILE`] lists them for the callgrind gate
//! (`benches/hostile-gate.sh`), at each of [`SIZES`].

/// Largest DNS message.
const MAX: usize = 65_535;

/// The sizes the gate measures every hostile message at.
pub const SIZES: [usize; 3] = [4_096, 16_384, MAX];

/// A named generator of hostile messages.
pub struct Hostile {
    /// Its name on the command line and in tables.
    pub name: &'static str,
    /// Builds a message of at most the given size.
    pub build: fn(usize) -> Vec<u8>,
}

/// Every hostile generator.
pub const HOSTILE: [Hostile; 7] = [
    Hostile { name: "one-long-name", build: one_long_name_sized },
    Hostile { name: "pointer-chains", build: pointer_chains_sized },
    Hostile { name: "colliding-jump-chains", build: colliding_jump_chains },
    Hostile { name: "colliding-label-chains", build: colliding_label_chains },
    Hostile { name: "colliding-long-names", build: colliding_long_names },
    Hostile { name: "suffix-walks", build: suffix_walks },
    Hostile { name: "colliding-chains-as-records", build: colliding_chains_as_records },
];

/// Header with `qdcount` questions and `ancount` answers.
fn header(qdcount: u16, ancount: u16) -> Vec<u8> {
    let mut m = vec![0x12, 0x34, 0x84, 0x00];
    m.extend_from_slice(&qdcount.to_be_bytes());
    m.extend_from_slice(&ancount.to_be_bytes());
    m.extend_from_slice(&[0, 0, 0, 0]);
    m
}

/// An A record's fixed part and RDATA, after its owner name.
fn a_record_tail(m: &mut Vec<u8>, n: usize) {
    m.extend_from_slice(&[0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 192, 0, (n >> 8) as u8, n as u8]);
}

/// A question's type and class after its name: A, IN.
fn question_tail(m: &mut Vec<u8>) {
    m.extend_from_slice(&[0, 1, 0, 1]);
}

/// A compression pointer to `target`.
fn pointer(m: &mut Vec<u8>, target: usize) {
    m.extend_from_slice(&[0xc0 | (target >> 8) as u8, target as u8]);
}

/// Patches the question and answer counts.
fn set_counts(m: &mut [u8], questions: usize, answers: usize) {
    m[4..6].copy_from_slice(&(questions as u16).to_be_bytes());
    m[6..8].copy_from_slice(&(answers as u16).to_be_bytes());
}

/// A 127-label name, `a.a.…a.` (255 bytes on the wire, the most labels a
/// name can have).
fn long_name(m: &mut Vec<u8>) {
    for _ in 0..127 {
        m.extend_from_slice(&[1, b'a']);
    }
    m.push(0);
}

/// Question: a 127-label name; then as many A records as fit in 64 KiB,
/// each owned by a 2-byte pointer to that name. Decompressing every owner
/// means walking 127 labels per 16-byte record.
pub fn one_long_name() -> Vec<u8> {
    one_long_name_sized(MAX)
}

/// [`one_long_name`] filling `size` bytes.
pub fn one_long_name_sized(size: usize) -> Vec<u8> {
    let mut m = header(1, 0);
    long_name(&mut m);
    question_tail(&mut m);
    let mut count = 0;
    while m.len() + 16 <= size {
        pointer(&mut m, 12);
        a_record_tail(&mut m, count);
        count += 1;
    }
    set_counts(&mut m, 1, count);
    m
}

/// Question `example.org.`; then a chain of 126 A records, each owned by
/// a pointer to the previous record's owner (itself a pointer), the first
/// to the question; then, for the rest of 64 KiB, A records owned by a
/// pointer to the end of that chain. Decompressing each owner takes 127
/// jumps, the most dnswire allows (a name has at most 127 labels).
pub fn pointer_chains() -> Vec<u8> {
    pointer_chains_sized(MAX)
}

/// [`pointer_chains`] filling `size` bytes.
pub fn pointer_chains_sized(size: usize) -> Vec<u8> {
    let mut m = header(1, 0);
    m.extend_from_slice(b"\x07example\x03org\x00\x00\x01\x00\x01");
    let mut previous = 12usize;
    let mut count = 0;
    while m.len() + 16 <= size {
        let here = m.len();
        pointer(&mut m, previous);
        a_record_tail(&mut m, count);
        if count < 126 {
            previous = here;
        }
        count += 1;
    }
    set_counts(&mut m, 1, count);
    m
}

/// How one link of a chain of question names is written.
#[derive(Clone, Copy)]
enum Link {
    /// A bare pointer to the previous link (2 bytes): a chain of jumps.
    Jump,
    /// One 1-byte label, then a pointer to the previous link (4 bytes):
    /// a label and a jump per link, the longest walk a name can make.
    Label,
}

/// Pads the question section with questions for the root name (5 bytes
/// each) until the next byte sits at an offset congruent to `target`
/// modulo 32 (`pad` more bytes, rounded to whole questions: 5 and 32 are
/// coprime, so some count of root questions always lands there).
fn pad_to(m: &mut Vec<u8>, questions: &mut usize, target: usize) {
    while m.len() % 32 != target % 32 {
        m.push(0);
        question_tail(m);
        *questions += 1;
    }
}

/// Questions `example.org.` and `.`, then two chains of 126 questions
/// whose names are links to the previous one (the first to `example.org.`
/// for jumps, to `.` for labels), laid out so that the i-th links of both
/// chains sit at offsets congruent modulo 32 (the parser's cache is
/// direct-mapped on the offset); then, up to `size`, questions whose names
/// point to the ends of the two chains in turn, so that each one evicts
/// what the other left in the cache.
fn colliding_chains(size: usize, link: Link) -> Vec<u8> {
    let mut m = header(0, 0);
    m.extend_from_slice(b"\x07example\x03org\x00");
    question_tail(&mut m);
    // Chains of labels end at the root, so that 126 labels fit in a name.
    let root = m.len();
    m.push(0);
    question_tail(&mut m);
    let mut questions = 2;
    let mut ends = [0usize; 2];
    let mut start = 0;
    for (chain, end) in ends.iter_mut().enumerate() {
        if chain == 0 {
            start = m.len();
        } else {
            pad_to(&mut m, &mut questions, start);
        }
        let mut previous = match link {
            Link::Jump => 12,
            Link::Label => root,
        };
        for _ in 0..126 {
            let here = m.len();
            if let Link::Label = link {
                m.extend_from_slice(&[1, b'x']);
            }
            pointer(&mut m, previous);
            question_tail(&mut m);
            questions += 1;
            previous = here;
        }
        *end = previous;
    }
    let mut turn = 0;
    while m.len() + 6 <= size && questions < usize::from(u16::MAX) {
        pointer(&mut m, ends[turn % 2]);
        question_tail(&mut m);
        questions += 1;
        turn += 1;
    }
    set_counts(&mut m, questions, 0);
    m
}

/// [`colliding_chains`] of bare pointers: 127 jumps per name, each name a
/// 6-byte question.
pub fn colliding_jump_chains(size: usize) -> Vec<u8> {
    colliding_chains(size, Link::Jump)
}

/// [`colliding_chains`] of a label and a pointer each: 127 labels and 126
/// jumps per name.
pub fn colliding_label_chains(size: usize) -> Vec<u8> {
    colliding_chains(size, Link::Label)
}

/// Two 127-label question names at offsets congruent modulo 32, then
/// questions pointing to each in turn: 127 labels per 6-byte question if
/// the cache never holds the one asked for.
pub fn colliding_long_names(size: usize) -> Vec<u8> {
    let mut m = header(0, 0);
    let mut questions = 0;
    let first = m.len();
    long_name(&mut m);
    question_tail(&mut m);
    questions += 1;
    pad_to(&mut m, &mut questions, first);
    let second = m.len();
    long_name(&mut m);
    question_tail(&mut m);
    questions += 1;
    let mut turn = 0;
    while m.len() + 6 <= size && questions < usize::from(u16::MAX) {
        pointer(&mut m, if turn % 2 == 0 { first } else { second });
        question_tail(&mut m);
        questions += 1;
        turn += 1;
    }
    set_counts(&mut m, questions, 0);
    m
}

/// A 127-label question name, then questions pointing to each of its 127
/// suffixes in turn, over and over: every target is a label the cache saw
/// once, so each name costs the walk from there to the root.
pub fn suffix_walks(size: usize) -> Vec<u8> {
    let mut m = header(0, 0);
    long_name(&mut m);
    question_tail(&mut m);
    let mut questions = 1;
    let mut turn = 0;
    while m.len() + 6 <= size && questions < usize::from(u16::MAX) {
        pointer(&mut m, 12 + 2 * (turn % 127));
        question_tail(&mut m);
        questions += 1;
        turn += 1;
    }
    set_counts(&mut m, questions, 0);
    m
}

/// [`colliding_jump_chains`] as a server would more plausibly send it: one
/// question, the chains as the owners of A records, and the answers that
/// point to the ends of the chains CNAME records (two names, 14 bytes).
pub fn colliding_chains_as_records(size: usize) -> Vec<u8> {
    let mut m = header(1, 0);
    m.extend_from_slice(b"\x07example\x03org\x00");
    question_tail(&mut m);
    let mut answers = 0;
    let mut ends = [0usize; 2];
    let mut start = 0;
    for (chain, end) in ends.iter_mut().enumerate() {
        if chain == 0 {
            start = m.len();
        } else {
            // Pad with A records owned by the root (15 bytes each).
            while m.len() % 32 != start % 32 {
                m.push(0);
                a_record_tail(&mut m, answers);
                answers += 1;
            }
        }
        let mut previous = 12usize;
        for _ in 0..126 {
            let here = m.len();
            pointer(&mut m, previous);
            a_record_tail(&mut m, answers);
            answers += 1;
            previous = here;
        }
        *end = previous;
    }
    let mut turn = 0;
    while m.len() + 14 <= size {
        pointer(&mut m, ends[turn % 2]);
        m.extend_from_slice(&[0, 5, 0, 1, 0, 0, 0x0e, 0x10, 0, 2]);
        pointer(&mut m, ends[(turn + 1) % 2]);
        answers += 1;
        turn += 1;
    }
    set_counts(&mut m, 1, answers);
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hostile_message_is_valid_and_fills_its_size() {
        for hostile in &HOSTILE {
            for size in SIZES {
                let m = (hostile.build)(size);
                assert!(m.len() <= size && m.len() + 20 > size, "{} at {size}: {} bytes", hostile.name, m.len());
                // Each is a well-formed message for a parser with no
                // resource limit: a naive walk of every name succeeds.
                let message = domain::base::Message::from_octets(&m[..]).expect("a header");
                for question in message.question() {
                    question.unwrap_or_else(|e| panic!("{} at {size}: {e}", hostile.name));
                }
            }
        }
    }
}
