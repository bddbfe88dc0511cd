//! The messages and the work dnswire's benchmarks measure, and the same work
//! written for each of the other Rust DNS crates (in [`peers`]), so that
//! criterion (`benches/`), the comparison table (`src/bin/compare.rs`) and
//! the instruction counts (`src/bin/callgrind.rs`) all run exactly the same
//! code.
//!
//! **Full parse** is what a DNS client does with a response: check it, visit
//! every question and every record, decompress each owner name and each
//! name in MX, CNAME, NS and PTR RDATA label by label, and read A/AAAA
//! addresses, MX preferences and TTLs. Each crate folds what it saw into a
//! [`Summary`]; all crates must produce the same one for every message.
//!
//! **Encode** builds one response (question, five MX answers, five A records
//! in the additional section) with name compression.
#![forbid(unsafe_code)]

use std::fs;
use std::path::{Path, PathBuf};

pub mod pathological;
pub mod peers;

/// One response from the corpus.
pub struct Sample {
    /// File name without `.bin`.
    pub name: String,
    /// The message bytes, as the server sent them.
    pub bytes: Vec<u8>,
}

/// The real responses: the test captures (`tests/data/*.bin`, knotd and
/// nsd) and the larger benchmark captures (`benches/data/*.bin`, a signed
/// zone served by knotd; or the directory `DNSWIRE_BENCH_DATA` names), in
/// file name order.
pub fn corpus() -> Vec<Sample> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bench_data = std::env::var_os("DNSWIRE_BENCH_DATA").map_or_else(|| root.join("data"), PathBuf::from);
    let mut samples = Vec::new();
    for dir in [root.join("../tests/data"), bench_data] {
        let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("directory entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "bin"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_stem().expect("file name").to_string_lossy().into_owned();
            let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            samples.push(Sample { name, bytes });
        }
    }
    samples
}

/// The realistic corpus: 810 responses of knotd, NSD and BIND's named (270
/// each, in turn) to the questions clients ask about 30 zones shaped like
/// small organisations' (two thirds signed), made by
/// `data/capture/realistic.sh`; read from `data/realistic.tcp` or the file
/// `DNSWIRE_BENCH_REALISTIC` names.
pub fn realistic() -> Vec<Sample> {
    framed("realistic", "DNSWIRE_BENCH_REALISTIC", "data/realistic.tcp")
}

/// Zone transfers: AXFR messages of knotd, NSD and named for zones of deep
/// names and an ip6.arpa zone, made by `data/capture/transfers.sh`; read
/// from `data/transfers.tcp` or the file `DNSWIRE_BENCH_TRANSFERS` names.
pub fn transfers() -> Vec<Sample> {
    framed("transfer", "DNSWIRE_BENCH_TRANSFERS", "data/transfers.tcp")
}

/// The messages of a file that holds them as DNS over TCP frames them: a
/// two-byte length, then the message. Named `PREFIX-INDEX`.
fn framed(prefix: &str, variable: &str, default: &str) -> Vec<Sample> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = std::env::var_os(variable).map_or_else(|| root.join(default), PathBuf::from);
    let stream = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut samples = Vec::new();
    let mut rest = &stream[..];
    while let [high, low, tail @ ..] = rest {
        let len = usize::from(u16::from_be_bytes([*high, *low]));
        assert!(len <= tail.len(), "{}: the last frame is cut short", path.display());
        let (bytes, next) = tail.split_at(len);
        samples.push(Sample { name: format!("{prefix}-{}", samples.len()), bytes: bytes.to_vec() });
        rest = next;
    }
    assert!(rest.is_empty(), "{}: a stray byte at the end", path.display());
    samples
}

/// The kinds of traffic the benchmark reports apart, so that a user sees
/// where the lead is small. [`kind`] sorts a message into one.
pub const KINDS: [&str; 8] = ["transfer", "denial", "referral", "signed", "address", "mx", "txt", "other"];

/// The kind of a response, from its header, question and records (read
/// with dnswire, which every message of the corpora passes):
/// - `transfer`: a message of [`transfers`], or an answer to AXFR or IXFR
///   (a transfer's later messages may carry no question);
/// - `denial`: NXDOMAIN, or no answer and an SOA in the authority section;
/// - `referral`: no answer, NS records in the authority section;
/// - `signed`: an answer with RRSIG records in it;
/// - `address`, `mx`, `txt`: an unsigned answer to A/AAAA, MX, TXT;
/// - `other`: the rest (SRV, CAA, DNSKEY, NS, SOA, CNAME chains…).
pub fn kind(sample: &Sample) -> &'static str {
    use dnswire::{Message, Rcode, Rtype};
    let Ok(parsed) = Message::parse(&sample.bytes) else { return "other" };
    let qtype = parsed.questions().next().map(|q| q.qtype);
    if sample.name.starts_with("transfer-") || matches!(qtype, Some(Rtype::AXFR | Rtype::IXFR)) {
        return "transfer";
    }
    let answers = parsed.header().ancount();
    let authority = |rtype: Rtype| parsed.authority().any(|r| r.rtype() == rtype);
    if parsed.rcode() == Rcode::NXDOMAIN || (answers == 0 && authority(Rtype::SOA)) {
        return "denial";
    }
    if answers == 0 && authority(Rtype::NS) {
        return "referral";
    }
    if parsed.answers().any(|r| r.rtype() == Rtype::RRSIG) {
        return "signed";
    }
    match qtype {
        Some(Rtype::A | Rtype::AAAA) => "address",
        Some(Rtype::MX) => "mx",
        Some(Rtype::TXT) => "txt",
        _ => "other",
    }
}

/// The messages every one of `peers` accepts.
pub fn accepted_by<'s>(samples: impl IntoIterator<Item = &'s Sample>, peers: &[peers::Peer]) -> Vec<&'s [u8]> {
    samples.into_iter().map(|s| &s.bytes[..]).filter(|m| peers.iter().all(|p| (p.full_parse)(m).is_some())).collect()
}

/// Total size of the samples, in bytes.
pub fn total_bytes(samples: &[Sample]) -> u64 {
    samples.iter().map(|s| s.bytes.len() as u64).sum()
}

/// What the full parse of one message saw: counts, and a checksum folded
/// over every label, address, preference and TTL in message order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Questions visited.
    pub questions: u32,
    /// Records visited, the OPT record included.
    pub records: u32,
    /// The fold of what was read.
    pub checksum: u64,
}

impl Summary {
    /// Folds a number.
    #[inline(always)]
    pub fn value(&mut self, value: u64) {
        self.checksum = self.checksum.rotate_left(7) ^ value;
    }

    /// Folds one (non-root) label: its length, first and last bytes. Every
    /// crate must have decompressed the name to hand over its labels.
    #[inline(always)]
    pub fn label(&mut self, label: &[u8]) {
        let first = u64::from(label.first().copied().unwrap_or(0));
        let last = u64::from(label.last().copied().unwrap_or(0));
        self.value(label.len() as u64 | first << 8 | last << 16);
    }

    /// Marks the end of a name.
    #[inline(always)]
    pub fn end_name(&mut self) {
        self.value(0xff);
    }

    /// Folds an IPv6 address.
    #[inline(always)]
    pub fn v6(&mut self, bits: u128) {
        self.value((bits >> 64) as u64 ^ bits as u64);
    }
}

/// The response every crate encodes: its question and records.
pub struct MxResponse {
    /// The domain asked about, and the owner of the MX records.
    pub domain: &'static str,
    /// Each exchange's preference, name and IPv4 address.
    pub exchanges: [(u16, &'static str, [u8; 4]); 5],
    /// TTL of every record.
    pub ttl: u32,
    /// Message ID.
    pub id: u16,
}

/// The encode task's input.
pub const MX_RESPONSE: MxResponse = MxResponse {
    domain: "example.org.",
    exchanges: [
        (10, "mx1.example.org.", [192, 0, 2, 25]),
        (10, "mx2.example.org.", [192, 0, 2, 26]),
        (20, "mx3.mail.example.org.", [198, 51, 100, 25]),
        (30, "backup.example.net.", [203, 0, 113, 25]),
        (40, "mx5.mail.example.org.", [203, 0, 113, 26]),
    ],
    ttl: 3600,
    id: 0x4d58,
};
