//! A whole DNS message: checked once, then read through borrowed views.

use core::fmt;

use crate::error::{Error, Result};
use crate::name::{skip_name, Name};
use crate::rdata::{Class, Edns, Opt, RData, Rtype};
use crate::wire::header::{Header, Rcode, HEADER_LEN};
use crate::wire::reader::MessageReader;
use crate::wire::{peek_slice, peek_u16};

/// Largest message DNS can carry (the TCP length prefix is 16 bits).
pub const MAX_MESSAGE_LEN: usize = 65_535;

/// One of the three record sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Records that answer the question.
    Answer,
    /// Records that point toward an authority (NS, or SOA in negative answers).
    Authority,
    /// Records that may help (glue addresses, the OPT record).
    Additional,
}

impl Section {
    /// The three sections, in message order.
    pub const ALL: [Section; 3] = [Section::Answer, Section::Authority, Section::Additional];

    fn index(self) -> usize {
        match self {
            Section::Answer => 0,
            Section::Authority => 1,
            Section::Additional => 2,
        }
    }
}

/// A DNS message (RFC 1035 §4), checked in full by [`Message::parse`] and
/// read through borrowed views: nothing is copied, nothing allocated.
///
/// `T` is any byte container: `&[u8]`, `Vec<u8>`, `bytes::Bytes` (with the
/// `bytes` feature), an array.
///
/// Parsing walks every question and record once and checks every rule the
/// crate knows: names (length, labels, compression pointers), record
/// lengths, the RDATA of every typed record, the OPT record's place. After
/// that, iterating and decoding cannot fail, so the iterators yield plain
/// values rather than `Result`s. The cost is linear in the message length.
///
/// ```
/// use dnswire::{Message, RData, Rcode};
///
/// let bytes = std::fs::read("tests/data/knot-mx.bin")?;
/// let message = Message::parse(&bytes[..])?;
/// assert!(message.header().qr());
/// assert_eq!(message.rcode(), Rcode::NOERROR);
/// let question = message.question().unwrap();
/// assert_eq!(question.name.to_string(), "example.com.");
/// let mut exchanges: Vec<(u16, String)> = message
///     .answers()
///     .filter_map(|record| match record.rdata() {
///         RData::Mx(mx) => Some((mx.preference, mx.exchange.to_string())),
///         _ => None,
///     })
///     .collect();
/// exchanges.sort();
/// assert_eq!(exchanges[0], (10, "mx1.example.com.".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Trailing bytes
/// [`Message::parse`] refuses bytes after the last record the header counts
/// ([`Error::TrailingBytes`]): they mean the counts and the contents
/// disagree. [`Message::parse_prefix`] accepts them and keeps them out of
/// the message: [`Message::as_bytes`] ends at the last record.
#[derive(Clone)]
pub struct Message<T> {
    data: T,
    /// Start of the questions, of each record section, and the end.
    bounds: [usize; 5],
    /// Offset of the OPT record, if any.
    opt: Option<usize>,
}

impl<T: AsRef<[u8]>> Message<T> {
    /// Checks `data` as one whole DNS message.
    ///
    /// # Errors
    /// The first rule the bytes break; see [`Error`].
    pub fn parse(data: T) -> Result<Self> {
        let (bounds, opt) = scan(data.as_ref())?;
        if bounds[4] != data.as_ref().len() {
            return Err(Error::TrailingBytes);
        }
        Ok(Message { data, bounds, opt })
    }

    /// Checks the DNS message at the start of `data`, ignoring any bytes
    /// after its last record.
    ///
    /// # Errors
    /// The first rule the message breaks; see [`Error`].
    pub fn parse_prefix(data: T) -> Result<Self> {
        let bytes = data.as_ref();
        let (bounds, opt) = scan(bytes)?;
        // A name may point to labels that run past the last record into the
        // bytes this message leaves out; check it again within its bounds.
        // (Found by the differential fuzz target; see FUZZING.md.)
        if bounds[4] < bytes.len() {
            scan(peek_slice(bytes, 0..bounds[4]))?;
        }
        Ok(Message { data, bounds, opt })
    }

    /// The message bytes (without any trailing bytes [`Message::parse_prefix`]
    /// ignored).
    pub fn as_bytes(&self) -> &[u8] {
        peek_slice(self.data.as_ref(), 0..self.bounds[4])
    }

    /// The container the message was parsed from.
    pub fn into_inner(self) -> T {
        self.data
    }

    /// The header.
    pub fn header(&self) -> Header<&[u8]> {
        Header::new_unchecked(self.as_bytes())
    }

    /// The query identifier.
    pub fn id(&self) -> u16 {
        self.header().id()
    }

    /// The full response code: the header's 4 bits, extended by the OPT
    /// record's 8 when there is one (RFC 6891 §6.1.3).
    pub fn rcode(&self) -> Rcode {
        let low = self.header().low_rcode().0;
        let high = self.edns().map_or(0, |edns| u16::from(edns.extended_rcode));
        Rcode(high << 4 | low)
    }

    /// The questions.
    pub fn questions(&self) -> Questions<'_> {
        Questions { message: self.as_bytes(), pos: self.bounds[0], remaining: self.header().qdcount() }
    }

    /// The first question, which is the only one in practice.
    pub fn question(&self) -> Option<Question<'_>> {
        self.questions().next()
    }

    /// The records of one section.
    pub fn records(&self, section: Section) -> Records<'_> {
        let header = self.header();
        let remaining = match section {
            Section::Answer => header.ancount(),
            Section::Authority => header.nscount(),
            Section::Additional => header.arcount(),
        };
        Records { message: self.as_bytes(), pos: self.bounds[1 + section.index()], remaining }
    }

    /// The answer section.
    pub fn answers(&self) -> Records<'_> {
        self.records(Section::Answer)
    }

    /// The authority section.
    pub fn authority(&self) -> Records<'_> {
        self.records(Section::Authority)
    }

    /// The additional section, the OPT record included.
    pub fn additional(&self) -> Records<'_> {
        self.records(Section::Additional)
    }

    /// The OPT record, if the message has one.
    pub fn opt_record(&self) -> Option<Record<'_>> {
        let at = self.opt?;
        Records { message: self.as_bytes(), pos: at, remaining: 1 }.next()
    }

    /// The EDNS(0) data, if the message has an OPT record.
    pub fn edns(&self) -> Option<Edns<'_>> {
        let record = self.opt_record()?;
        let options = match record.rdata() {
            RData::Opt(options) => options,
            _ => Opt::EMPTY,
        };
        Some(Edns::from_fields(record.class().0, record.ttl(), options))
    }

    /// A copy of the message in a `Vec`.
    #[cfg(feature = "alloc")]
    pub fn to_vec(&self) -> Message<alloc::vec::Vec<u8>> {
        Message { data: self.as_bytes().to_vec(), bounds: self.bounds, opt: self.opt }
    }
}

/// Walks and checks the whole message; returns the section bounds and the
/// OPT record's offset.
fn scan(bytes: &[u8]) -> Result<([usize; 5], Option<usize>)> {
    let mut reader = MessageReader::new(bytes)?;
    let header = reader.header();
    let mut bounds = [HEADER_LEN; 5];
    for _ in 0..header.qdcount() {
        reader.question()?;
    }
    bounds[1] = reader.position();
    let counts = [header.ancount(), header.nscount(), header.arcount()];
    for (section, count) in Section::ALL.into_iter().zip(counts) {
        for _ in 0..count {
            reader.record(section)?;
        }
        bounds[2 + section.index()] = reader.position();
    }
    Ok((bounds, reader.opt()))
}

impl<T: AsRef<[u8]>> fmt::Debug for Message<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Message")
            .field("header", &self.header())
            .field("questions", &self.questions())
            .field("answers", &self.answers())
            .field("authority", &self.authority())
            .field("additional", &self.additional())
            .finish()
    }
}

//--- Questions

/// A question: the name, type and class asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Question<'a> {
    /// The name asked about (QNAME).
    pub name: Name<'a>,
    /// The type asked for (QTYPE).
    pub qtype: Rtype,
    /// The class asked for (QCLASS).
    pub qclass: Class,
}

/// Iterator over the questions of a [`Message`].
#[derive(Clone)]
pub struct Questions<'a> {
    message: &'a [u8],
    pos: usize,
    remaining: u16,
}

impl<'a> Iterator for Questions<'a> {
    type Item = Question<'a>;

    fn next(&mut self) -> Option<Question<'a>> {
        self.remaining = self.remaining.checked_sub(1)?;
        let name = Name::new_checked(self.message, self.pos);
        let fixed = skip_name(self.message, self.pos);
        self.pos = fixed + 4;
        Some(Question {
            name,
            qtype: Rtype(peek_u16(self.message, fixed)),
            qclass: Class(peek_u16(self.message, fixed + 2)),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::from(self.remaining);
        (n, Some(n))
    }
}

impl ExactSizeIterator for Questions<'_> {}

impl fmt::Debug for Questions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

//--- Records

/// A resource record: a view into the message it came from.
#[derive(Clone, Copy)]
pub struct Record<'a> {
    pub(super) message: &'a [u8],
    pub(super) owner: usize,
    pub(super) rtype: Rtype,
    pub(super) class: Class,
    pub(super) ttl: u32,
    pub(super) rdata_start: usize,
    pub(super) rdata_end: usize,
}

impl<'a> Record<'a> {
    /// A record whose owner starts at offset `owner` of `message` and whose
    /// RDATA is at `rdata`, both already checked.
    pub(crate) fn from_checked(
        message: &'a [u8],
        owner: usize,
        rtype: Rtype,
        class: Class,
        ttl: u32,
        rdata: core::ops::Range<usize>,
    ) -> Self {
        Record { message, owner, rtype, class, ttl, rdata_start: rdata.start, rdata_end: rdata.end }
    }

    /// The owner name.
    pub fn owner(&self) -> Name<'a> {
        Name::new_checked(self.message, self.owner)
    }

    /// The record type.
    pub fn rtype(&self) -> Rtype {
        self.rtype
    }

    /// The class (for OPT, the UDP payload size).
    pub fn class(&self) -> Class {
        self.class
    }

    /// The time to live, in seconds (for OPT, the EDNS flags and version).
    pub fn ttl(&self) -> u32 {
        self.ttl
    }

    /// The typed RDATA; unknown types as [`RData::Unknown`].
    #[inline]
    pub fn rdata(&self) -> RData<'a> {
        RData::decode(self.message, self.rtype, self.class, self.rdata_start..self.rdata_end)
    }

    /// The RDATA bytes as they are on the wire (names possibly compressed).
    pub fn rdata_bytes(&self) -> &'a [u8] {
        peek_slice(self.message, self.rdata_start..self.rdata_end)
    }

    /// Offset of the record's first byte in the message.
    pub fn offset(&self) -> usize {
        self.owner
    }
}

impl PartialEq for Record<'_> {
    /// Same owner (case-insensitively), type, class, TTL and RDATA.
    fn eq(&self, other: &Self) -> bool {
        self.owner() == other.owner()
            && self.rtype == other.rtype
            && self.class == other.class
            && self.ttl == other.ttl
            && self.rdata() == other.rdata()
    }
}

impl Eq for Record<'_> {}

impl fmt::Debug for Record<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Record")
            .field("owner", &self.owner())
            .field("rtype", &self.rtype)
            .field("class", &self.class)
            .field("ttl", &self.ttl)
            .field("rdata", &self.rdata())
            .finish()
    }
}

/// Iterator over the records of one section of a [`Message`].
#[derive(Clone)]
pub struct Records<'a> {
    message: &'a [u8],
    pos: usize,
    remaining: u16,
}

impl<'a> Iterator for Records<'a> {
    type Item = Record<'a>;

    #[inline]
    fn next(&mut self) -> Option<Record<'a>> {
        self.remaining = self.remaining.checked_sub(1)?;
        let owner = self.pos;
        let fixed = skip_name(self.message, owner);
        // TYPE, CLASS, TTL, RDLENGTH: present, as the parse checked (zeros
        // if that proof were ever wrong).
        let f: [u8; 10] = self.message.get(fixed..fixed + 10).and_then(|f| f.try_into().ok()).unwrap_or_default();
        let rdata_start = fixed + 10;
        let rdata_end = rdata_start + usize::from(u16::from_be_bytes([f[8], f[9]]));
        self.pos = rdata_end;
        Some(Record {
            message: self.message,
            owner,
            rtype: Rtype(u16::from_be_bytes([f[0], f[1]])),
            class: Class(u16::from_be_bytes([f[2], f[3]])),
            ttl: u32::from_be_bytes([f[4], f[5], f[6], f[7]]),
            rdata_start,
            rdata_end,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::from(self.remaining);
        (n, Some(n))
    }
}

impl ExactSizeIterator for Records<'_> {}

impl fmt::Debug for Records<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Header: id 0x1234, QR RD RA, counts as given.
    pub(crate) fn header(qd: u16, an: u16, ns: u16, ar: u16) -> Vec<u8> {
        let mut h = vec![0x12, 0x34, 0x81, 0x80];
        for count in [qd, an, ns, ar] {
            h.extend_from_slice(&count.to_be_bytes());
        }
        h
    }

    /// "example.com." question for MX at offset 12.
    pub(crate) const QUESTION: &[u8] = b"\x07example\x03com\x00\x00\x0f\x00\x01";

    /// A record owned by a pointer to the question name.
    pub(crate) fn record(rtype: u16, rdata: &[u8]) -> Vec<u8> {
        let mut r = vec![0xc0, 0x0c];
        r.extend_from_slice(&rtype.to_be_bytes());
        r.extend_from_slice(&[0, 1, 0, 0, 0x0e, 0x10]);
        r.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
        r.extend_from_slice(rdata);
        r
    }

    fn message(an: &[Vec<u8>]) -> Vec<u8> {
        let mut m = header(1, an.len() as u16, 0, 0);
        m.extend_from_slice(QUESTION);
        for r in an {
            m.extend_from_slice(r);
        }
        m
    }

    fn parse(bytes: &[u8]) -> Result<()> {
        Message::parse(bytes).map(|_| ())
    }

    #[test]
    fn parses_mx_answer_with_pointers() {
        // MX 10 "mx1" + pointer to example.com. (12).
        let m = message(&[record(15, b"\x00\x0a\x03mx1\xc0\x0c")]);
        let msg = Message::parse(&m[..]).unwrap();
        let rr = msg.answers().next().unwrap();
        assert_eq!(rr.owner().to_string(), "example.com.");
        assert_eq!((rr.rtype(), rr.class(), rr.ttl()), (Rtype::MX, Class::IN, 3600));
        assert_eq!(rr.rdata().to_string(), "10 mx1.example.com.");
        assert_eq!(msg.answers().len(), 1);
    }

    #[test]
    fn rejects_truncated_header() {
        assert_eq!(parse(&[0; 11]), Err(Error::Truncated));
        assert_eq!(parse(&[]), Err(Error::Truncated));
    }

    #[test]
    fn rejects_counts_larger_than_records_present() {
        let mut m = message(&[record(1, &[192, 0, 2, 1])]);
        m[7] = 2; // ANCOUNT 2
        assert_eq!(parse(&m), Err(Error::MissingRecords));
        let mut q = header(2, 0, 0, 0);
        q.extend_from_slice(QUESTION);
        assert_eq!(parse(&q), Err(Error::MissingRecords));
    }

    #[test]
    fn rejects_truncated_question_and_record() {
        let m = message(&[]);
        assert_eq!(parse(&m[..m.len() - 1]), Err(Error::Truncated));
        let m = message(&[record(1, &[192, 0, 2, 1])]);
        let fixed_end = m.len() - 4 - 2; // inside the fixed fields
        assert_eq!(parse(&m[..fixed_end]), Err(Error::Truncated));
        assert_eq!(parse(&m[..m.len() - 4 - 10 + 1]), Err(Error::Truncated));
    }

    #[test]
    fn rejects_rdlength_past_end() {
        let m = message(&[record(1, &[192, 0, 2, 1])]);
        assert_eq!(parse(&m[..m.len() - 1]), Err(Error::RdataPastEnd));
    }

    /// The error of the first answer's RDATA, which the message check
    /// leaves to the view (types without compressible names).
    fn rdata_error(bytes: &[u8]) -> Option<Error> {
        let message = Message::parse(bytes).unwrap();
        let record = message.answers().next().unwrap();
        match record.rdata() {
            RData::Invalid(invalid) => Some(invalid.error()),
            _ => None,
        }
    }

    #[test]
    fn keeps_the_message_when_a_name_free_rdata_is_malformed() {
        assert_eq!(rdata_error(&message(&[record(1, &[1, 2, 3])])), Some(Error::RdataLength));
        assert_eq!(rdata_error(&message(&[record(1, &[1, 2, 3, 4, 5])])), Some(Error::RdataLength));
        assert_eq!(rdata_error(&message(&[record(28, &[0; 15])])), Some(Error::RdataLength));
        assert_eq!(rdata_error(&message(&[record(28, &[0; 17])])), Some(Error::RdataLength));
        assert_eq!(rdata_error(&message(&[record(16, b"\x05abc")])), Some(Error::RdataLength));
        assert_eq!(rdata_error(&message(&[record(257, b"\x00\x00ca")])), Some(Error::BadCaaTag));
        assert_eq!(rdata_error(&message(&[record(1, &[1, 2, 3, 4])])), None);
        // A CAA record a CA cannot read does not hide the one it can.
        let good = b"\x00\x05issueca.example";
        let bytes = message(&[record(257, b"\x00\x00"), record(257, good)]);
        let parsed = Message::parse(&bytes[..]).unwrap();
        let caa: Vec<_> = parsed
            .answers()
            .filter_map(|r| match r.rdata() {
                RData::Caa(caa) => Some(caa.value),
                _ => None,
            })
            .collect();
        assert_eq!(caa, [&b"ca.example"[..]]);
    }

    #[test]
    fn rejects_rdlength_inconsistent_with_type() {
        // MX: name ends before RDLENGTH; name runs past RDLENGTH; no room for preference.
        assert_eq!(parse(&message(&[record(15, b"\x00\x0a\xc0\x0c\x00")])), Err(Error::RdataLength));
        assert_eq!(parse(&message(&[record(15, b"\x00\x0a\x03mx1")])), Err(Error::RdataLength));
        assert_eq!(parse(&message(&[record(15, b"\x00")])), Err(Error::RdataLength));
        // SRV: fixed fields cut short; trailing byte after the target.
        assert_eq!(parse(&message(&[record(33, b"\x00\x01\x00\x02\x00")])), Err(Error::RdataLength));
        assert_eq!(parse(&message(&[record(33, b"\x00\x01\x00\x02\x00\x19\x00\x00")])), Err(Error::RdataLength));
        // SOA: numbers one byte short, one byte long.
        let soa = |numbers: usize| {
            let mut r = b"\xc0\x0c\xc0\x0c".to_vec();
            r.extend(vec![0; numbers]);
            record(6, &r)
        };
        assert!(parse(&message(&[soa(20)])).is_ok());
        assert_eq!(parse(&message(&[soa(19)])), Err(Error::RdataLength));
        assert_eq!(parse(&message(&[soa(21)])), Err(Error::RdataLength));
        // CNAME with a byte after the name.
        assert_eq!(parse(&message(&[record(5, b"\xc0\x0c\x00")])), Err(Error::RdataLength));
    }

    #[test]
    fn rejects_bad_names_in_rdata() {
        // A forward pointer inside a CNAME; a reserved label type inside MX.
        assert_eq!(parse(&message(&[record(5, b"\xc0\x30")])), Err(Error::BadPointer));
        assert_eq!(parse(&message(&[record(15, b"\x00\x01\x80")])), Err(Error::ReservedLabelType));
    }

    #[test]
    fn rejects_bad_opt() {
        let opt = |options: &[u8]| {
            let mut r = vec![0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0];
            r.extend_from_slice(&(options.len() as u16).to_be_bytes());
            r.extend_from_slice(options);
            r
        };
        let build = |an: &[Vec<u8>], ar: &[Vec<u8>]| {
            let mut m = header(1, an.len() as u16, 0, ar.len() as u16);
            m.extend_from_slice(QUESTION);
            for r in an.iter().chain(ar) {
                m.extend_from_slice(r);
            }
            m
        };
        let good = build(&[], &[opt(b"\x00\x03\x00\x02hi")]);
        let msg = Message::parse(&good[..]).unwrap();
        let edns = msg.edns().unwrap();
        assert_eq!(edns.udp_payload_size, 1232);
        assert_eq!(edns.options.options().next().unwrap().data, b"hi");
        assert_eq!(parse(&build(&[], &[opt(b"\x00\x03\x00\x03hi")])), Err(Error::OptionLength));
        assert_eq!(parse(&build(&[], &[opt(b""), opt(b"")])), Err(Error::BadOpt));
        assert_eq!(parse(&build(&[opt(b"")], &[])), Err(Error::BadOpt));
        let mut not_root = opt(b"");
        not_root.splice(0..1, [0xc0, 0x0c]);
        assert_eq!(parse(&build(&[], &[not_root])), Err(Error::BadOpt));
    }

    #[test]
    fn extended_rcode_combines_header_and_opt() {
        // BADVERS (16): header rcode 0, OPT extended rcode 1.
        let mut m = header(0, 0, 0, 1);
        m.extend_from_slice(&[0, 0, 41, 0x04, 0xd0, 1, 0, 0, 0, 0, 0]);
        assert_eq!(Message::parse(&m[..]).unwrap().rcode(), Rcode::BADVERS);
    }

    #[test]
    fn trailing_bytes_are_refused_by_parse_and_kept_out_by_parse_prefix() {
        let mut m = message(&[record(1, &[192, 0, 2, 1])]);
        let len = m.len();
        m.push(0);
        assert_eq!(parse(&m), Err(Error::TrailingBytes));
        let msg = Message::parse_prefix(&m[..]).unwrap();
        assert_eq!(msg.as_bytes().len(), len);
        assert_eq!(msg.answers().count(), 1);
    }

    #[test]
    fn a_name_may_not_reach_into_bytes_after_the_message() {
        // An additional record owned by a pointer to offset 15, where a 44-byte
        // label begins that ends after the last record (fuzz/regressions).
        let bytes = include_bytes!("../../fuzz/regressions/differential-label-past-message-end");
        assert_eq!(Message::parse(&bytes[..]).unwrap_err(), Error::TrailingBytes);
        assert_eq!(Message::parse_prefix(&bytes[..]).unwrap_err(), Error::Truncated);
    }

    #[test]
    fn rejects_message_over_65535_bytes() {
        let m = vec![0u8; MAX_MESSAGE_LEN + 1];
        assert_eq!(parse(&m), Err(Error::MessageTooLong));
    }

    #[test]
    fn names_through_pointers_count_toward_255() {
        // Owner "x"*60 + pointer to a 200-byte name in an earlier record's RDATA:
        // 61 + 200 > 255.
        let mut long = Vec::new();
        for _ in 0..4 {
            long.push(49);
            long.extend_from_slice(&[b'b'; 49]);
        }
        long.push(0);
        let mut m = header(1, 2, 0, 0);
        m.extend_from_slice(QUESTION);
        m.extend_from_slice(&record(5, &long)); // CNAME at 29; rdata at 29+12 = 41
        m.push(60);
        m.extend_from_slice(&[b'x'; 60]);
        m.extend_from_slice(&[0xc0, 41, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4]);
        assert_eq!(parse(&m), Err(Error::NameTooLong));
    }
}
