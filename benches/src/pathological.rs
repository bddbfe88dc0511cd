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

/// Appends questions whose names are pointers to `target(turn)` for turn
/// 0, 1, 2… until the message would outgrow `size` (or the question count
/// its field), then sets the counts: `questions` before these, no answers.
fn pointer_questions(mut m: Vec<u8>, mut questions: usize, size: usize, target: impl Fn(usize) -> usize) -> Vec<u8> {
    let mut turn = 0;
    while m.len() + 6 <= size && questions < usize::from(u16::MAX) {
        pointer(&mut m, target(turn));
        question_tail(&mut m);
        questions += 1;
        turn += 1;
    }
    set_counts(&mut m, questions, 0);
    m
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

/// Pads with root-owned entries (`entry` writes what follows each root
/// name: 5 or 15 bytes, coprime with 32, so some count of them always
/// lands there) until the next byte sits at an offset congruent to
/// `target` modulo 32 (the parser's cache is direct-mapped on the offset).
fn pad_to(m: &mut Vec<u8>, count: &mut usize, target: usize, entry: &impl Fn(&mut Vec<u8>, usize)) {
    while m.len() % 32 != target % 32 {
        m.push(0);
        entry(m, *count);
        *count += 1;
    }
}

/// Writes two chains of 126 entries (questions or records, `entry`
/// writes what follows each name, given how many came before) whose names
/// are links to the previous entry's, the first to `first_target`; laid
/// out so that the i-th links of both chains sit at offsets congruent
/// modulo 32 ([`pad_to`]). Returns the offsets of the two chain ends;
/// `count` counts the entries.
fn two_chains(
    m: &mut Vec<u8>,
    count: &mut usize,
    first_target: usize,
    link: Link,
    entry: impl Fn(&mut Vec<u8>, usize),
) -> [usize; 2] {
    let start = m.len();
    let mut ends = [0usize; 2];
    for end in &mut ends {
        pad_to(m, count, start, &entry);
        let mut previous = first_target;
        for _ in 0..126 {
            let here = m.len();
            if let Link::Label = link {
                m.extend_from_slice(&[1, b'x']);
            }
            pointer(m, previous);
            entry(m, *count);
            *count += 1;
            previous = here;
        }
        *end = previous;
    }
    ends
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
    let first_target = match link {
        Link::Jump => 12,
        Link::Label => root,
    };
    let ends = two_chains(&mut m, &mut questions, first_target, link, |m, _| question_tail(m));
    pointer_questions(m, questions, size, |turn| ends[turn % 2])
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
    pad_to(&mut m, &mut questions, first, &|m, _| question_tail(m));
    let second = m.len();
    long_name(&mut m);
    question_tail(&mut m);
    questions += 1;
    pointer_questions(m, questions, size, |turn| if turn % 2 == 0 { first } else { second })
}

/// A 127-label question name, then questions pointing to each of its 127
/// suffixes in turn, over and over: every target is a label the cache saw
/// once, so each name costs the walk from there to the root.
pub fn suffix_walks(size: usize) -> Vec<u8> {
    let mut m = header(0, 0);
    long_name(&mut m);
    question_tail(&mut m);
    pointer_questions(m, 1, size, |turn| 12 + 2 * (turn % 127))
}

/// [`colliding_jump_chains`] as a server would more plausibly send it: one
/// question, the chains as the owners of A records, and the answers that
/// point to the ends of the chains CNAME records (two names, 14 bytes).
pub fn colliding_chains_as_records(size: usize) -> Vec<u8> {
    let mut m = header(1, 0);
    m.extend_from_slice(b"\x07example\x03org\x00");
    question_tail(&mut m);
    let mut answers = 0;
    let ends = two_chains(&mut m, &mut answers, 12, Link::Jump, a_record_tail);
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
