//! Two hostile-but-valid 64 KiB responses, built byte by byte, to show that
//! the cost per byte stays linear when names are compressed as hard as the
//! wire format allows.

/// Largest DNS message.
const MAX: usize = 65_535;

/// Header with one question and `ancount` answers.
fn header(ancount: u16) -> Vec<u8> {
    let mut m = vec![0x12, 0x34, 0x84, 0x00, 0, 1];
    m.extend_from_slice(&ancount.to_be_bytes());
    m.extend_from_slice(&[0, 0, 0, 0]);
    m
}

/// An A record's fixed part and RDATA, after its owner name.
fn a_record_tail(m: &mut Vec<u8>, n: usize) {
    m.extend_from_slice(&[0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 192, 0, (n >> 8) as u8, n as u8]);
}

/// Patches the answer count.
fn set_ancount(m: &mut [u8], count: usize) {
    m[6..8].copy_from_slice(&(count as u16).to_be_bytes());
}

/// Question: a 127-label name (`a.a.…a.`, 255 bytes on the wire, the most
/// labels a name can have); then as many A records as fit in 64 KiB, each
/// owned by a 2-byte pointer to that name. Decompressing every owner means
/// walking 127 labels per 16-byte record.
pub fn one_long_name() -> Vec<u8> {
    let mut m = header(0);
    for _ in 0..127 {
        m.extend_from_slice(&[1, b'a']);
    }
    m.push(0);
    m.extend_from_slice(&[0, 1, 0, 1]);
    let mut count = 0;
    while m.len() + 16 <= MAX {
        m.extend_from_slice(&[0xc0, 12]);
        a_record_tail(&mut m, count);
        count += 1;
    }
    set_ancount(&mut m, count);
    m
}

/// Question `example.org.`; then a chain of 126 A records, each owned by
/// a pointer to the previous record's owner (itself a pointer), the first
/// to the question; then, for the rest of 64 KiB, A records owned by a
/// pointer to the end of that chain. Decompressing each owner takes 127
/// jumps, the most dnswire allows (a name has at most 127 labels).
pub fn pointer_chains() -> Vec<u8> {
    let mut m = header(0);
    m.extend_from_slice(b"\x07example\x03org\x00\x00\x01\x00\x01");
    let mut previous = 12usize;
    let mut count = 0;
    while m.len() + 16 <= MAX {
        let here = m.len();
        m.extend_from_slice(&[0xc0 | (previous >> 8) as u8, previous as u8]);
        a_record_tail(&mut m, count);
        if count < 126 {
            previous = here;
        }
        count += 1;
    }
    set_ancount(&mut m, count);
    m
}
