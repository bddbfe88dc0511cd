//! Reading a zone transfer, message by message: AXFR (RFC 5936) and IXFR
//! (RFC 1995), over TCP. No std, no allocation.
//!
//! A transfer is a stream of messages answering one query. After the
//! first, each may omit the question (RFC 5936 §2.2.1), as NSD and BIND
//! do. The zone's SOA record opens the stream and closes it:
//! - **AXFR**: the SOA, every record of the zone, the same SOA again as the
//!   last record of the last message.
//! - **IXFR**: the server's SOA, then either (incremental) one sequence a
//!   change — the old SOA, the records deleted, the new SOA, the records
//!   added — each starting where the one before ended, then the server's
//!   SOA again; or the whole zone as AXFR sends it; or, when the client is
//!   up to date, that one SOA alone.
//!
//! [`Transfer::accept`] checks each message against those rules and says
//! when the stream ended; the records themselves are the message's
//! answers, for the caller to read.

use crate::error::Error;
use crate::name::{NameBuf, ToName};
use crate::rdata::{Class, RData, Rtype};
use crate::wire::builder::MessageBuilder;
use crate::wire::header::{Opcode, Rcode};
use crate::wire::message::{Message, Section};
use core::fmt;

/// What breaks a transfer: the stream must be dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransferError {
    /// The message breaks a wire rule.
    Malformed(Error),
    /// Another ID, QR clear, another opcode: not an answer to this query.
    NotAnAnswer,
    /// A question that is not the transfer's.
    WrongQuestion,
    /// TC set: a transfer's messages are never truncated (RFC 5936 §2.2.1).
    Truncated,
    /// An rcode other than NOERROR (REFUSED, NOTAUTH, ...).
    Rcode(Rcode),
    /// The first record is not the zone's SOA record.
    NoOpeningSoa,
    /// An SOA record of the zone whose serial breaks the sequence: an AXFR
    /// whose closing SOA is not the opening one, IXFR changes that do not
    /// follow each other.
    SerialMismatch,
    /// Records after the closing SOA, or a message after the end.
    AfterEnd,
    /// A message without answers, where the stream needs records.
    Empty,
}

impl fmt::Display for TransferError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransferError::Malformed(error) => write!(f, "malformed transfer message: {error}"),
            TransferError::NotAnAnswer => f.write_str("message is not an answer to the transfer query"),
            TransferError::WrongQuestion => f.write_str("message asks another question than the transfer's"),
            TransferError::Truncated => f.write_str("transfer message has TC set"),
            TransferError::Rcode(rcode) => write!(f, "transfer refused: {rcode}"),
            TransferError::NoOpeningSoa => f.write_str("transfer does not begin with the zone's SOA record"),
            TransferError::SerialMismatch => f.write_str("SOA serial out of sequence in transfer"),
            TransferError::AfterEnd => f.write_str("records after the end of the transfer"),
            TransferError::Empty => f.write_str("transfer message without records"),
        }
    }
}

impl core::error::Error for TransferError {}

/// Where the stream stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// No message yet.
    Start,
    /// After the opening SOA of serial `serial`, not yet knowing (IXFR)
    /// whether changes or a whole zone follow.
    Opened { serial: u32 },
    /// A whole zone, until the SOA of `serial`.
    Zone { serial: u32 },
    /// IXFR changes, ending at the SOA of `serial`. `deleting`: between
    /// a change's old SOA and its new one; `last` is the serial the next
    /// SOA must carry (the old one of the next change is the new one of
    /// the last).
    Changes { serial: u32, deleting: bool, last: u32 },
    /// The closing SOA was read.
    Done,
}

/// What a transfer turned out to be, once known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransferKind {
    /// The whole zone.
    Zone,
    /// IXFR changes.
    Changes,
    /// IXFR: the client is up to date, the one SOA record says so.
    UpToDate,
}

/// The state of one zone transfer: the query to send, then each message
/// received, in order, through [`Transfer::accept`].
///
/// ```
/// use dnswire::stub::{Transfer, TransferKind};
/// use dnswire::{tcp, Message};
///
/// // An AXFR as a real server sent it over TCP: two messages, the second
/// // without the question.
/// let stream = std::fs::read("tests/data/transfer/axfr.tcp")?;
/// let (first, _) = tcp::split_frame(&stream).unwrap();
/// let first = Message::parse(first)?;
/// let zone = first.question().unwrap().name;
/// let mut transfer = Transfer::axfr(zone, first.id())?;
/// let mut rest = &stream[..];
/// let mut records = 0;
/// while let Some((message, after)) = tcp::split_frame(rest) {
///     rest = after;
///     records += transfer.accept(message)?.answers().count();
/// }
/// assert!(transfer.is_done());
/// assert_eq!(transfer.kind(), Some(TransferKind::Zone));
/// assert_eq!(records, 340 + 60);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Transfer {
    zone: NameBuf,
    qtype: Rtype,
    class: Class,
    id: u16,
    /// For IXFR, the serial the client has.
    client_serial: Option<u32>,
    state: State,
    kind: Option<TransferKind>,
    messages: u32,
}

impl Transfer {
    /// The AXFR of `zone` (class IN), asked with `id`.
    ///
    /// # Errors
    /// What the name reports.
    pub fn axfr(zone: impl ToName, id: u16) -> crate::Result<Self> {
        Self::new(zone, Rtype::AXFR, id, None)
    }

    /// The IXFR of `zone` (class IN) for a client at `serial`, asked with `id`.
    ///
    /// # Errors
    /// What the name reports.
    pub fn ixfr(zone: impl ToName, id: u16, serial: u32) -> crate::Result<Self> {
        Self::new(zone, Rtype::IXFR, id, Some(serial))
    }

    fn new(zone: impl ToName, qtype: Rtype, id: u16, client_serial: Option<u32>) -> crate::Result<Self> {
        let mut wire = [0u8; crate::name::MAX_NAME_LEN];
        let zone = NameBuf::from_wire(zone.to_wire(&mut wire)?)?;
        Ok(Transfer { zone, qtype, class: Class::IN, id, client_serial, state: State::Start, kind: None, messages: 0 })
    }

    /// Writes the query, with its TCP length prefix, into `out`; returns
    /// its length. An IXFR query carries the client's SOA in its
    /// authority section (RFC 1995 §3), with only the serial meaningful.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`]; 600 bytes always suffice.
    pub fn write_query(&self, out: &mut [u8]) -> crate::Result<usize> {
        let mut builder = MessageBuilder::new_framed(out)?;
        builder.header_mut().set_id(self.id);
        builder.push_question(&self.zone, self.qtype, self.class)?;
        if let Some(serial) = self.client_serial {
            let root = NameBuf::root();
            let soa = crate::Soa { mname: &root, rname: &root, serial, refresh: 0, retry: 0, expire: 0, minimum: 0 };
            builder.push(Section::Authority, &self.zone, self.class, 0, &soa)?;
        }
        Ok(builder.finish().len())
    }

    /// Checks the next message of the stream and returns it parsed, for
    /// its records: [`Message::answers`].
    ///
    /// # Errors
    /// A [`TransferError`]: the transfer failed and cannot go on.
    pub fn accept<'a>(&mut self, bytes: &'a [u8]) -> Result<Message<&'a [u8]>, TransferError> {
        if self.state == State::Done {
            return Err(TransferError::AfterEnd);
        }
        let message = Message::parse(bytes).map_err(TransferError::Malformed)?;
        let header = message.header();
        if header.id() != self.id || !header.qr() || header.opcode() != Opcode::QUERY {
            return Err(TransferError::NotAnAnswer);
        }
        // The first message has the question; the others may (RFC 5936
        // §2.2.1), and then it must be the same.
        let first = self.state == State::Start;
        let questions = header.qdcount();
        if questions > 1 || (first && questions == 0) {
            return Err(TransferError::WrongQuestion);
        }
        if let Some(question) = message.question() {
            if question.qtype != self.qtype || question.qclass != self.class || question.name != self.zone {
                return Err(TransferError::WrongQuestion);
            }
        }
        if message.rcode() != Rcode::NOERROR {
            return Err(TransferError::Rcode(message.rcode()));
        }
        if header.tc() {
            return Err(TransferError::Truncated);
        }
        let count = header.ancount();
        if count == 0 {
            return Err(TransferError::Empty);
        }
        for (index, record) in message.answers().enumerate() {
            if self.state == State::Done {
                return Err(TransferError::AfterEnd);
            }
            let serial = match record.rdata() {
                RData::Soa(soa) if record.owner() == self.zone => Some(soa.serial),
                _ => None,
            };
            let last_of_message = index + 1 == usize::from(count);
            self.step(serial, first && last_of_message)?;
        }
        self.messages = self.messages.saturating_add(1);
        Ok(message)
    }

    /// One answer record: `serial` if it is the zone's SOA record;
    /// `alone`, if it is the only record of the first message.
    fn step(&mut self, serial: Option<u32>, alone: bool) -> Result<(), TransferError> {
        self.state = match (self.state, serial) {
            (State::Start, None) => return Err(TransferError::NoOpeningSoa),
            (State::Start, Some(serial)) => match self.client_serial {
                None => State::Zone { serial },
                // RFC 1995 §2: the one SOA record, when the client has it.
                Some(client) if alone && !serial_after(serial, client) => {
                    self.kind = Some(TransferKind::UpToDate);
                    State::Done
                }
                Some(_) => State::Opened { serial },
            },
            (State::Opened { serial }, None) => {
                self.kind = Some(TransferKind::Zone);
                State::Zone { serial }
            }
            (State::Opened { serial }, Some(old)) => {
                // The first change's old SOA: the client's version, or
                // (RFC 1995 §4) an older one the server keeps.
                self.kind = Some(TransferKind::Changes);
                State::Changes { serial, deleting: true, last: old }
            }
            (State::Zone { serial }, Some(closing)) => {
                if closing != serial {
                    return Err(TransferError::SerialMismatch);
                }
                self.kind.get_or_insert(TransferKind::Zone);
                State::Done
            }
            (zone @ State::Zone { .. }, None) => zone,
            (changes @ State::Changes { .. }, None) => changes,
            (State::Changes { serial, deleting: true, last }, Some(new)) => {
                // The new SOA of a change: past the old one.
                if !serial_after(new, last) {
                    return Err(TransferError::SerialMismatch);
                }
                State::Changes { serial, deleting: false, last: new }
            }
            (State::Changes { serial, deleting: false, last }, Some(next)) => {
                if next != last {
                    return Err(TransferError::SerialMismatch);
                }
                if next == serial {
                    // The server's SOA again, where a change would begin.
                    State::Done
                } else {
                    State::Changes { serial, deleting: true, last: next }
                }
            }
            (State::Done, _) => return Err(TransferError::AfterEnd),
        };
        Ok(())
    }

    /// Whether the closing SOA record was read: the transfer is complete.
    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// What the transfer is, once its first records tell.
    pub fn kind(&self) -> Option<TransferKind> {
        self.kind
    }

    /// Messages accepted so far: a caller bounds a transfer by these (and
    /// by time), since a hostile server may stream without end.
    pub fn messages(&self) -> u32 {
        self.messages
    }
}

/// RFC 1982 serial arithmetic: whether `a` comes after `b`.
fn serial_after(a: u32, b: u32) -> bool {
    a != b && a.wrapping_sub(b) < 0x8000_0000
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Soa, A};

    /// A transfer message: ID 7, the question if `question`, the answers.
    fn message(question: Option<Rtype>, answers: &[(&str, Option<u32>)]) -> std::vec::Vec<u8> {
        let mut buf = [0u8; 1024];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        b.header_mut().set_id(7);
        b.header_mut().set_qr(true);
        if let Some(qtype) = question {
            b.push_question("zone.test.", qtype, Class::IN).unwrap();
        }
        let ns: NameBuf = "ns.zone.test.".parse().unwrap();
        for &(owner, serial) in answers {
            match serial {
                Some(serial) => {
                    let soa = Soa { mname: &ns, rname: &ns, serial, refresh: 1, retry: 1, expire: 1, minimum: 1 };
                    b.push_answer(owner, Class::IN, 60, &soa).unwrap()
                }
                None => b.push_answer(owner, Class::IN, 60, &A::from([192, 0, 2, 1])).unwrap(),
            }
        }
        std::vec::Vec::from(&b.finish()[..])
    }

    const Z: &str = "zone.test.";

    #[test]
    fn axfr_ends_at_the_closing_soa_across_messages() {
        let mut t = Transfer::axfr(Z, 7).unwrap();
        t.accept(&message(Some(Rtype::AXFR), &[(Z, Some(5)), ("a.zone.test.", None)])).unwrap();
        assert!(!t.is_done());
        // Continuation without the question (RFC 5936 §2.2.1).
        t.accept(&message(None, &[("b.zone.test.", None)])).unwrap();
        t.accept(&message(Some(Rtype::AXFR), &[("c.zone.test.", None), (Z, Some(5))])).unwrap();
        assert!(t.is_done());
        assert_eq!(t.kind(), Some(TransferKind::Zone));
        assert_eq!(t.messages(), 3);
        assert_eq!(t.accept(&message(None, &[(Z, Some(5))])).unwrap_err(), TransferError::AfterEnd);
    }

    #[test]
    fn axfr_refuses_what_breaks_the_stream() {
        type Answers<'a> = &'a [(&'a str, Option<u32>)];
        let cases: [(Answers<'_>, TransferError); 4] = [
            (&[("a.zone.test.", None)], TransferError::NoOpeningSoa),
            (&[(Z, Some(5)), (Z, Some(6))], TransferError::SerialMismatch),
            (&[(Z, Some(5)), (Z, Some(5)), ("a.zone.test.", None)], TransferError::AfterEnd),
            (&[], TransferError::Empty),
        ];
        for (answers, error) in cases {
            let mut t = Transfer::axfr(Z, 7).unwrap();
            assert_eq!(t.accept(&message(Some(Rtype::AXFR), answers)).unwrap_err(), error);
        }
        // The first message must carry the question, the right one.
        let mut t = Transfer::axfr(Z, 7).unwrap();
        assert_eq!(t.accept(&message(None, &[(Z, Some(5))])).unwrap_err(), TransferError::WrongQuestion);
        let mut t = Transfer::axfr(Z, 7).unwrap();
        let ixfr = message(Some(Rtype::IXFR), &[(Z, Some(5))]);
        assert_eq!(t.accept(&ixfr).unwrap_err(), TransferError::WrongQuestion);
        let mut t = Transfer::axfr(Z, 8).unwrap();
        let other_id = message(Some(Rtype::AXFR), &[(Z, Some(5))]);
        assert_eq!(t.accept(&other_id).unwrap_err(), TransferError::NotAnAnswer);
        // An SOA record of another owner is a record like any other.
        let mut t = Transfer::axfr(Z, 7).unwrap();
        t.accept(&message(Some(Rtype::AXFR), &[(Z, Some(5)), ("sub.zone.test.", Some(9)), (Z, Some(5))])).unwrap();
        assert!(t.is_done());
    }

    #[test]
    fn ixfr_reads_changes_as_rfc1995_shows_them() {
        // RFC 1995 §7's example: the server at 3, the client at 1; the
        // changes 1 → 2 and 2 → 3, then the server's SOA.
        let mut t = Transfer::ixfr("zone.test.", 7, 1).unwrap();
        let answers: &[(&str, Option<u32>)] = &[
            (Z, Some(3)),
            (Z, Some(1)),
            ("nezu.zone.test.", None),
            (Z, Some(2)),
            (Z, Some(2)),
            (Z, Some(3)),
            ("jain-bb.zone.test.", None),
            (Z, Some(3)),
        ];
        t.accept(&message(Some(Rtype::IXFR), answers)).unwrap();
        assert!(t.is_done());
        assert_eq!(t.kind(), Some(TransferKind::Changes));

        // A change that does not start where the last ended.
        let mut t = Transfer::ixfr("zone.test.", 7, 1).unwrap();
        let broken = [(Z, Some(3)), (Z, Some(1)), (Z, Some(2)), (Z, Some(1)), (Z, Some(3)), (Z, Some(3))];
        assert_eq!(t.accept(&message(Some(Rtype::IXFR), &broken)).unwrap_err(), TransferError::SerialMismatch);
    }

    #[test]
    fn ixfr_may_be_up_to_date_or_a_whole_zone() {
        let mut t = Transfer::ixfr(Z, 7, 3).unwrap();
        t.accept(&message(Some(Rtype::IXFR), &[(Z, Some(3))])).unwrap();
        assert!(t.is_done());
        assert_eq!(t.kind(), Some(TransferKind::UpToDate));

        let mut t = Transfer::ixfr(Z, 7, 1).unwrap();
        t.accept(&message(Some(Rtype::IXFR), &[(Z, Some(3)), ("a.zone.test.", None)])).unwrap();
        t.accept(&message(None, &[(Z, Some(3))])).unwrap();
        assert!(t.is_done());
        assert_eq!(t.kind(), Some(TransferKind::Zone));
    }

    #[test]
    fn the_ixfr_query_carries_the_clients_soa() {
        let mut out = [0u8; 600];
        let len = Transfer::ixfr(Z, 7, 42).unwrap().write_query(&mut out).unwrap();
        let (query, _) = crate::tcp::split_frame(&out[..len]).unwrap();
        let query = Message::parse(query).unwrap();
        assert_eq!(query.question().unwrap().qtype, Rtype::IXFR);
        match query.authority().next().unwrap().rdata() {
            RData::Soa(soa) => assert_eq!(soa.serial, 42),
            other => panic!("{other:?}"),
        }
    }
}
