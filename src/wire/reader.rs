//! Reading a message in one pass, checking each part as it is read.

use core::fmt;

use crate::error::{Error, Result};
use crate::name::{check_name_with, walk_name, CheckedSuffixes, Name};
use crate::rdata::{check_name_then, Class, RData, Rtype};
use crate::wire::header::{Header, HEADER_LEN};
use crate::wire::message::{Question, Record, Section, MAX_MESSAGE_LEN};

/// Reads a DNS message front to back, checking each question and record
/// as it hands it over: one pass over the bytes, for code that visits every
/// record once (or stops early) and wants no second walk.
///
/// Every rule [`Message::parse`](crate::Message::parse) checks is checked
/// here too, each at the latest moment: a [`Record`] comes out only once its
/// owner name, fixed fields and typed RDATA have passed, so its views are the
/// same infallible ones a [`Message`](crate::Message) gives. Bytes after the
/// last record are an error ([`Error::TrailingBytes`]), reported by the call
/// that would have read past it. After an error, every call returns it
/// again. Nothing is allocated; the reader is about 200 bytes.
///
/// ```
/// use dnswire::{MessageReader, RData, Section};
///
/// let bytes = std::fs::read("tests/data/knot-mx.bin")?;
/// let mut reader = MessageReader::new(&bytes)?;
/// assert!(reader.header().qr());
/// while let Some(question) = reader.next_question()? {
///     assert_eq!(question.name.to_string(), "example.com.");
/// }
/// let mut exchanges = Vec::new();
/// while let Some((section, record)) = reader.next_record()? {
///     if let (Section::Answer, RData::Mx(mx)) = (section, record.rdata()) {
///         exchanges.push((mx.preference, mx.exchange.to_string()));
///     }
/// }
/// exchanges.sort();
/// assert_eq!(exchanges[0], (10, "mx1.example.com.".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct MessageReader<'a> {
    message: &'a [u8],
    /// Offset of the next question or record.
    pos: usize,
    /// Questions not yet read.
    questions: u16,
    /// Records read so far, in all sections.
    read: u32,
    /// How many records the answer section ends after, then the authority
    /// section, then the additional section (the total).
    ends: [u32; 3],
    /// Records that may be read before the slow path must run: the total
    /// once the questions are read, 0 before that and after an error.
    limit: u32,
    /// Offset of the OPT record, once read.
    opt: Option<usize>,
    /// The first error, returned by every later call.
    error: Option<Error>,
    memo: CheckedSuffixes,
}

impl<'a> MessageReader<'a> {
    /// Checks the header and the message length; reads nothing else.
    ///
    /// # Errors
    /// [`Error::MessageTooLong`] over 65 535 bytes, [`Error::Truncated`]
    /// under 12.
    #[inline]
    pub fn new(message: &'a [u8]) -> Result<Self> {
        if message.len() > MAX_MESSAGE_LEN {
            return Err(Error::MessageTooLong);
        }
        let header = Header::new_checked(message)?;
        let answer = u32::from(header.ancount());
        let authority = answer + u32::from(header.nscount());
        Ok(MessageReader {
            message,
            pos: HEADER_LEN,
            questions: header.qdcount(),
            read: 0,
            ends: [answer, authority, authority + u32::from(header.arcount())],
            limit: 0,
            opt: None,
            error: None,
            memo: CheckedSuffixes::for_message(message.len()),
        })
    }

    /// The header.
    pub fn header(&self) -> Header<&'a [u8]> {
        Header::new_unchecked(self.message)
    }

    /// Offset of the next byte to read: after the last question or record
    /// read so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The next question, or `None` after the last one.
    ///
    /// # Errors
    /// The first rule the question breaks; see [`Error`].
    #[inline]
    pub fn next_question(&mut self) -> Result<Option<Question<'a>>> {
        if let Some(error) = self.error {
            return Err(error);
        }
        if self.questions == 0 {
            return Ok(None);
        }
        self.questions -= 1;
        let question = self.question();
        if self.questions == 0 && question.is_ok() {
            // The records may be read now: `next_record` need not take
            // its slow path to learn it.
            self.limit = self.ends[2];
        }
        self.keep(question).map(Some)
    }

    /// The next record and its section, or `None` after the last one. Reads
    /// (and checks) the questions not read yet first.
    ///
    /// # Errors
    /// The first rule the record breaks; see [`Error`]. After the last
    /// record, [`Error::TrailingBytes`] if the message goes on.
    #[inline]
    pub fn next_record(&mut self) -> Result<Option<(Section, Record<'a>)>> {
        // `limit` is 0 too with questions left and after an error: one
        // test for the common case.
        if self.read >= self.limit {
            // Past the last record, the questions read and no error met:
            // the end, if the message ends here too.
            if self.limit != 0 && self.pos == self.message.len() {
                return Ok(None);
            }
            if !self.come_to_record()? {
                return Ok(None);
            }
        }
        let section = self.section_of(self.read);
        self.read += 1;
        let record = self.record(section);
        self.keep(record).map(|record| Some((section, record)))
    }

    /// The section of the record that comes after `read` others.
    #[inline(always)]
    fn section_of(&self, read: u32) -> Section {
        if read < self.ends[0] {
            Section::Answer
        } else if read < self.ends[1] {
            Section::Authority
        } else {
            Section::Additional
        }
    }

    /// Gets [`MessageReader::next_record`] to a record: returns the error
    /// met before, reads the questions left. `false` past the last record.
    #[cold]
    fn come_to_record(&mut self) -> Result<bool> {
        if let Some(error) = self.error {
            return Err(error);
        }
        while self.questions > 0 {
            self.next_question()?;
        }
        self.limit = self.ends[2];
        if self.read < self.limit {
            return Ok(true);
        }
        if self.pos != self.message.len() {
            return self.keep(Err(Error::TrailingBytes));
        }
        Ok(false)
    }

    /// Offset of the OPT record, if one has been read.
    pub(crate) fn opt(&self) -> Option<usize> {
        self.opt
    }

    /// Returns `result`, keeping its error for every later call.
    fn keep<V>(&mut self, result: Result<V>) -> Result<V> {
        if let Err(error) = result {
            self.error = Some(error);
            self.limit = 0;
        }
        result
    }

    /// Checks the name at `pos` and the `N` bytes of fixed fields after it;
    /// returns them and where they end. What a question and a record start
    /// with.
    ///
    /// `check_name` is [`check_name_with`] for a record; for a question,
    /// the walk alone (a question's name is rarely compressed, so the fast
    /// paths for pointers would only add tests).
    #[inline(always)]
    fn name_and_fields<const N: usize>(
        &mut self,
        check_name: fn(&[u8], usize, &mut CheckedSuffixes) -> Result<usize>,
    ) -> Result<(&'a [u8; N], usize)> {
        let bytes = self.message;
        if self.pos == bytes.len() {
            return Err(Error::MissingRecords);
        }
        let fixed = check_name(bytes, self.pos, &mut self.memo)?;
        let fields = bytes.get(fixed..).and_then(<[u8]>::first_chunk::<N>).ok_or(Error::Truncated)?;
        Ok((fields, fixed + N))
    }

    /// Reads the question at `pos`.
    pub(crate) fn question(&mut self) -> Result<Question<'a>> {
        let bytes = self.message;
        let start = self.pos;
        let (f, end) = self.name_and_fields::<4>(walk_name)?;
        self.pos = end;
        Ok(Question {
            name: Name::new_checked(bytes, start),
            qtype: Rtype(u16::from_be_bytes([f[0], f[1]])),
            qclass: Class(u16::from_be_bytes([f[2], f[3]])),
        })
    }

    /// Reads the record at `pos`, which belongs to `section`.
    #[inline]
    pub(crate) fn record(&mut self, section: Section) -> Result<Record<'a>> {
        let bytes = self.message;
        let owner = self.pos;
        // TYPE, CLASS, TTL, RDLENGTH.
        let (f, start) = self.name_and_fields::<10>(check_name_with)?;
        let rtype = Rtype(u16::from_be_bytes([f[0], f[1]]));
        let rdlength = usize::from(u16::from_be_bytes([f[8], f[9]]));
        let end = start + rdlength;
        if end > bytes.len() {
            return Err(Error::RdataPastEnd);
        }
        let class = Class(u16::from_be_bytes([f[2], f[3]]));
        match (rtype, rdlength) {
            // The commonest records, well formed: nothing to check here.
            (Rtype::A, 4) | (Rtype::AAAA, 16) => {}
            // RDATA checked when its view is asked for (A, AAAA, RRSIG,
            // DNSKEY…), or of a type this crate does not know.
            _ if !RData::has_rules(rtype) => {}
            // One name, often a label and a pointer: checked inline.
            (Rtype::NS | Rtype::CNAME | Rtype::PTR, 1..) => {
                check_name_then(bytes, start, end, 0, &mut self.memo)?;
            }
            // An UPDATE's deletion or prerequisite (RFC 2136 §2.4, §2.5).
            (_, 0) if crate::rdata::is_update_class(class) && rtype != Rtype::OPT => {}
            _ => {
                if rtype == Rtype::OPT {
                    // The owner was checked: a root label, or labels.
                    let root_owner = bytes.get(owner) == Some(&0);
                    if section != Section::Additional || self.opt.is_some() || !root_owner {
                        return Err(Error::BadOpt);
                    }
                    self.opt = Some(owner);
                }
                RData::check(bytes, rtype, class, start..end, &mut self.memo)?;
            }
        }
        self.pos = end;
        Ok(Record {
            message: bytes,
            owner,
            rtype,
            class,
            ttl: u32::from_be_bytes([f[4], f[5], f[6], f[7]]),
            rdata_start: start,
            rdata_end: end,
        })
    }
}

impl fmt::Debug for MessageReader<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageReader")
            .field("header", &self.header())
            .field("position", &self.pos)
            .field("questions_left", &self.questions)
            .field("records_read", &self.read)
            .field("error", &self.error)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::message::tests::{header, record, QUESTION};
    use crate::Message;

    const A: u16 = 1;
    const OPT: u16 = 41;

    /// The question, then `records` as they come, under `header`.
    fn message(header: Vec<u8>, records: &[Vec<u8>]) -> Vec<u8> {
        let mut m = header;
        m.extend_from_slice(QUESTION);
        for r in records {
            m.extend_from_slice(r);
        }
        m
    }

    /// Every record a reader yields, with its section, up to the end or the
    /// first error.
    fn read_all(bytes: &[u8]) -> (Vec<(Section, usize)>, Result<()>) {
        let mut reader = MessageReader::new(bytes).expect("a header");
        let mut seen = Vec::new();
        loop {
            match reader.next_record() {
                Ok(Some((section, record))) => seen.push((section, record.offset())),
                Ok(None) => return (seen, Ok(())),
                Err(error) => return (seen, Err(error)),
            }
        }
    }

    #[test]
    fn yields_what_the_message_views_yield_for_every_capture() {
        let captures = [
            &include_bytes!("../../tests/data/knot-mx.bin")[..],
            include_bytes!("../../tests/data/nsd-mx.bin"),
            include_bytes!("../../tests/data/knot-cname-chain.bin"),
            include_bytes!("../../tests/data/knot-nxdomain.bin"),
        ];
        for bytes in captures {
            let message = Message::parse(bytes).expect("a capture parses");
            let mut reader = MessageReader::new(bytes).expect("a header");
            let mut questions = message.questions();
            while let Some(question) = reader.next_question().expect("checked") {
                assert_eq!(Some(question), questions.next());
            }
            assert_eq!(questions.next(), None);
            for section in Section::ALL {
                for expected in message.records(section) {
                    let (got_section, got) = reader.next_record().expect("checked").expect("a record");
                    assert_eq!((got_section, got.offset()), (section, expected.offset()));
                    assert_eq!(got, expected);
                }
            }
            assert_eq!(reader.next_record(), Ok(None));
            assert_eq!(reader.position(), bytes.len());
        }
    }

    #[test]
    fn skips_empty_sections() {
        let opt = [0, 0, OPT as u8, 0x10, 0, 0, 0, 0, 0, 0, 0];
        let m = message(header(1, 0, 1, 1), &[record(A, &[192, 0, 2, 1]), opt.to_vec()]);
        let answer_end = 12 + QUESTION.len();
        let (seen, end) = read_all(&m);
        assert_eq!(seen, [(Section::Authority, answer_end), (Section::Additional, answer_end + 16)]);
        assert_eq!(end, Ok(()));
    }

    #[test]
    fn next_record_checks_the_questions_not_read() {
        // The question's first label has the reserved type 0x40.
        let mut m = message(header(1, 1, 0, 0), &[record(A, &[192, 0, 2, 1])]);
        m[12] = 0x47;
        assert_eq!(read_all(&m), (vec![], Err(Error::ReservedLabelType)));
    }

    #[test]
    fn trailing_bytes_come_after_the_last_record_and_stay() {
        let mut m = message(header(1, 1, 0, 0), &[record(A, &[192, 0, 2, 1])]);
        m.push(0);
        let mut reader = MessageReader::new(&m).expect("a header");
        assert!(matches!(reader.next_record(), Ok(Some((Section::Answer, _)))));
        assert_eq!(reader.next_record(), Err(Error::TrailingBytes));
        assert_eq!(reader.next_record(), Err(Error::TrailingBytes));
        assert_eq!(reader.next_question(), Err(Error::TrailingBytes));
    }

    #[test]
    fn an_error_ends_the_reading() {
        // Two answers counted, one present.
        let m = message(header(1, 2, 0, 0), &[record(A, &[192, 0, 2, 1])]);
        let (seen, end) = read_all(&m);
        assert_eq!(seen.len(), 1);
        assert_eq!(end, Err(Error::MissingRecords));
        let mut reader = MessageReader::new(&m).expect("a header");
        let _ = reader.next_record();
        for _ in 0..3 {
            assert_eq!(reader.next_record(), Err(Error::MissingRecords));
        }
    }

    /// Every real response the repository holds: the test captures, the
    /// benchmark captures, the realistic corpus (knotd, NSD and BIND), and the
    /// transfers of deep zones from knotd, NSD and BIND (or the file
    /// `DNSWIRE_BENCH_TRANSFERS` names, as CI regenerates it).
    fn real_responses() -> Vec<(String, Vec<u8>)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = Vec::new();
        for dir in ["tests/data", "benches/data"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("the capture directory") {
                let path = entry.expect("an entry").path();
                if path.extension().is_some_and(|ext| ext == "bin") {
                    found.push((path.display().to_string(), std::fs::read(&path).expect("a capture")));
                }
            }
        }
        let transfers = std::env::var_os("DNSWIRE_BENCH_TRANSFERS")
            .map_or_else(|| root.join("benches/data/transfers.tcp"), std::path::PathBuf::from);
        for (corpus, path) in [("realistic", root.join("benches/data/realistic.tcp")), ("transfers", transfers)] {
            let stream = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let mut rest = &stream[..];
            let mut count = 0;
            while let [high, low, tail @ ..] = rest {
                let (bytes, next) = tail.split_at(usize::from(u16::from_be_bytes([*high, *low])));
                found.push((format!("{corpus} #{count}"), bytes.to_vec()));
                count += 1;
                rest = next;
            }
        }
        found
    }

    #[test]
    #[cfg_attr(miri, ignore = "hundreds of files: too slow under Miri")]
    fn real_responses_use_a_small_part_of_the_work_budget() {
        let responses = real_responses();
        assert!(responses.len() > 880, "{} responses", responses.len());
        let mut worst = (0.0f64, String::new());
        let mut total = (0u64, 0u64);
        let mut transfers = (0u64, 0u64);
        for (name, bytes) in &responses {
            let mut reader = MessageReader::new(bytes).expect("a header");
            while reader.next_record().expect("a real response parses").is_some() {}
            let budget = CheckedSuffixes::for_message(bytes.len()).work_left();
            let spent = budget - reader.memo.work_left();
            total = (total.0 + u64::from(spent), total.1 + bytes.len() as u64);
            if name.starts_with("transfers") {
                transfers = (transfers.0 + u64::from(spent), transfers.1 + bytes.len() as u64);
            }
            let share = f64::from(spent) / f64::from(budget);
            if share > worst.0 {
                worst = (share, format!("{name}: {spent} of {budget} units, {} bytes", bytes.len()));
            }
        }
        eprintln!(
            "{} responses; largest share of the budget: {:.3} ({}); {:.4} units per byte in all, {:.4} in the transfers",
            responses.len(),
            worst.0,
            worst.1,
            total.0 as f64 / total.1 as f64,
            transfers.0 as f64 / transfers.1 as f64
        );
        // A quarter of the budget at most (the most seen is about an
        // eighth, in BIND's transfer of the deep zone): real compression is
        // nowhere near what the budget is there to stop.
        assert!(worst.0 <= 0.25, "{worst:?}");
    }

    /// Questions only: `example.com.` at 12, two chains of 126 bare
    /// pointers whose i-th links sit at offsets congruent modulo 32 (the
    /// cache's slot), then `attacks` questions pointing to the two chain
    /// ends in turn. Every name is valid: at most 127 jumps, 13 bytes.
    fn colliding_chains(attacks: usize) -> Vec<u8> {
        let mut m = header(0, 0, 0, 0);
        m.extend_from_slice(QUESTION);
        let mut questions = 1;
        let mut ends = [0usize; 2];
        let first_link = m.len();
        for end in &mut ends {
            // Root-name questions (5 bytes) until the offsets line up.
            while m.len() % 32 != first_link % 32 {
                m.extend_from_slice(b"\x00\x00\x01\x00\x01");
                questions += 1;
            }
            let mut previous = 12;
            for _ in 0..126 {
                let here = m.len();
                m.extend_from_slice(&[0xc0 | (previous >> 8) as u8, previous as u8, 0, 1, 0, 1]);
                questions += 1;
                previous = here;
            }
            *end = previous;
        }
        for turn in 0..attacks {
            let end = ends[turn % 2];
            m.extend_from_slice(&[0xc0 | (end >> 8) as u8, end as u8, 0, 1, 0, 1]);
            questions += 1;
        }
        m[4..6].copy_from_slice(&u16::try_from(questions).unwrap().to_be_bytes());
        m
    }

    #[test]
    fn compression_that_defeats_the_cache_is_refused_once_the_budget_is_spent() {
        // An attacking name whose chain the cache lost walks its 127 jumps:
        // 762 units, 127 per byte of a 6-byte question, against 3 per byte
        // allowed.
        let few = colliding_chains(4);
        assert!(Message::parse(&few[..]).is_ok(), "within the budget");
        let many = colliding_chains(2_000);
        assert_eq!(Message::parse(&many[..]).map(drop), Err(Error::CompressionTooCostly));
        let mut reader = MessageReader::new(&many).unwrap();
        let mut read = 0usize;
        let error = loop {
            match reader.next_question() {
                Ok(Some(_)) => read += 1,
                Ok(None) => panic!("read to the end"),
                Err(error) => break error,
            }
        };
        assert_eq!(error, Error::CompressionTooCostly);
        // Refused as soon as the budget ran out, not at the end: the budget
        // is 3 units a byte, about 41 000 here; a walk down a chain costs
        // 127 jumps of 6 units, and at least every other attacking name
        // walks one (the other chain's links may still be cached). So at
        // most about 110 of the 2 000 attacking questions pass.
        let chains = 1 + 252;
        assert!(read > chains + 10 && read < chains + 31 + 150, "{read} questions read");
    }

    #[test]
    fn one_name_alone_never_reaches_the_budget() {
        // The longest walk a name can make: 127 jumps through pointers
        // packed as tightly as they go, in the smallest message that holds
        // them (a question for the root, 126 chained questions and one
        // more pointing at the end of the chain, checked with an empty cache).
        let mut m = header(128, 0, 0, 0);
        m.extend_from_slice(b"\x00\x00\x01\x00\x01");
        let mut previous = 12;
        for _ in 0..127 {
            let here = m.len();
            m.extend_from_slice(&[0xc0 | (previous >> 8) as u8, previous as u8, 0, 1, 0, 1]);
            previous = here;
        }
        let mut memo = CheckedSuffixes::for_message(m.len());
        let last = previous;
        assert_eq!(walk_name(&m, last, &mut memo), Ok(last + 2));
        assert!(memo.work_left() > 0);
        assert!(Message::parse(&m[..]).is_ok());
    }

    #[test]
    fn refuses_what_message_parse_refuses_before_reading() {
        assert_eq!(MessageReader::new(&[0; 11]).map(drop), Err(Error::Truncated));
        assert_eq!(MessageReader::new(&[0; 65_536]).map(drop), Err(Error::MessageTooLong));
    }
}
