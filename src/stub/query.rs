//! [`Query`]: one question with one ID, and the judgement of what comes back.

use core::fmt;

use crate::error::{Error, Result};
use crate::name::NameBuf;
use crate::rdata::{Class, Edns, Rtype};
use crate::wire::header::{Header, Opcode, Rcode, HEADER_LEN};
use crate::wire::message::Message;
use crate::wire::tcp;
use crate::MessageBuilder;

/// The UDP payload size a stub advertises: 1232 bytes fits the IPv6
/// minimum MTU without fragmentation (DNS Flag Day 2020).
pub const DEFAULT_UDP_PAYLOAD: u16 = 1232;

/// One question, asked with one ID: writes the query and judges each
/// candidate response. No I/O; the caller sends and receives.
///
/// ```
/// use dnswire::stub::{Judgement, Query};
/// use dnswire::{Class, Message, MessageBuilder, Rtype, A};
///
/// let query = Query::new("example.com.".parse()?, Rtype::A, 0x4242)?;
/// let mut out = [0u8; 512];
/// let len = query.write(&mut out)?; // send these bytes to the server
///
/// // A response, as a server would send it.
/// let mut buf = [0u8; 512];
/// let mut response = MessageBuilder::new(&mut buf[..])?;
/// response.header_mut().set_id(0x4242);
/// response.header_mut().set_qr(true);
/// response.push_question("EXAMPLE.com.", Rtype::A, Class::IN)?;
/// response.push_answer("example.com.", Class::IN, 60, &A::from([192, 0, 2, 1]))?;
/// let response = response.finish();
///
/// match query.judge(response) {
///     Judgement::Answer(message) => assert_eq!(message.answers().count(), 1),
///     other => panic!("{other:?}"),
/// }
/// // The same bytes with another ID are not an answer to this query.
/// response[1] ^= 1;
/// assert!(matches!(query.judge(response), Judgement::Ignore(_)));
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Query {
    name: NameBuf,
    qtype: Rtype,
    qclass: Class,
    id: u16,
    udp_payload: Option<u16>,
    recursion_desired: bool,
}

impl Query {
    /// A query for `name` (absolute) and `qtype` in class IN, with ID `id`,
    /// recursion desired and EDNS(0) advertising [`DEFAULT_UDP_PAYLOAD`].
    ///
    /// The ID should be random and fresh for each query (RFC 5452): it is,
    /// with the source port, what keeps off-path forgers out.
    ///
    /// # Errors
    /// [`Error::RelativeName`] if `name` is relative.
    pub fn new(name: NameBuf, qtype: Rtype, id: u16) -> Result<Self> {
        if !name.is_absolute() {
            return Err(Error::RelativeName);
        }
        Ok(Query {
            name,
            qtype,
            qclass: Class::IN,
            id,
            udp_payload: Some(DEFAULT_UDP_PAYLOAD),
            recursion_desired: true,
        })
    }

    /// The same query in another class.
    pub fn with_class(mut self, qclass: Class) -> Self {
        self.qclass = qclass;
        self
    }

    /// The same query advertising another UDP payload size, or no EDNS at
    /// all (`None`), for servers that answer EDNS with FORMERR.
    pub fn with_udp_payload(mut self, udp_payload: Option<u16>) -> Self {
        self.udp_payload = udp_payload;
        self
    }

    /// The same query with another ID.
    pub fn with_id(mut self, id: u16) -> Self {
        self.id = id;
        self
    }

    /// The same query with RD set or not.
    pub fn with_recursion_desired(mut self, recursion_desired: bool) -> Self {
        self.recursion_desired = recursion_desired;
        self
    }

    /// The query ID.
    pub fn id(&self) -> u16 {
        self.id
    }

    /// The name asked about.
    pub fn name(&self) -> &NameBuf {
        &self.name
    }

    /// The type asked for.
    pub fn qtype(&self) -> Rtype {
        self.qtype
    }

    /// The class asked for.
    pub fn qclass(&self) -> Class {
        self.qclass
    }

    /// The UDP payload size advertised, if EDNS is used.
    pub fn udp_payload(&self) -> Option<u16> {
        self.udp_payload
    }

    /// Writes the query message into `out`; returns its length.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`]; 512 bytes always suffice.
    pub fn write(&self, out: &mut [u8]) -> Result<usize> {
        let mut builder = MessageBuilder::new(out)?;
        let mut header = builder.header_mut();
        header.set_id(self.id);
        header.set_opcode(Opcode::QUERY);
        header.set_rd(self.recursion_desired);
        builder.push_question(&self.name, self.qtype, self.qclass)?;
        if let Some(size) = self.udp_payload {
            builder.push_edns(&Edns { udp_payload_size: size, ..Edns::default() })?;
        }
        Ok(builder.finish().len())
    }

    /// Writes the query with its TCP length prefix; returns the total length.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`]; 514 bytes always suffice.
    pub fn write_tcp(&self, out: &mut [u8]) -> Result<usize> {
        let body = out.get_mut(tcp::PREFIX_LEN..).ok_or(Error::BufferTooSmall)?;
        let len = self.write(body)?;
        out[..tcp::PREFIX_LEN].copy_from_slice(&tcp::prefix(len)?);
        Ok(tcp::PREFIX_LEN + len)
    }

    /// Judges a candidate response to this query.
    ///
    /// In order: bytes that cannot be this query's response (too short, QR
    /// clear, another ID, another opcode, another question) are
    /// [`Judgement::Ignore`]d — over UDP anyone can send them, so the wait
    /// goes on. With the ID right, a message that breaks a wire rule is the
    /// server's fault: [`ServerFailure::Malformed`]. Then TC=1 is
    /// [`Judgement::Truncated`]; FORMERR to a query with EDNS from a server
    /// that sent no OPT record is [`Judgement::EdnsRejected`] (RFC 6891
    /// §7); NOERROR and NXDOMAIN are [`Judgement::Answer`]s (no data, or no
    /// such name, are answers too); any other rcode is a
    /// [`ServerFailure::Rcode`].
    pub fn judge<'a>(&self, response: &'a [u8]) -> Judgement<'a> {
        let Ok(header) = Header::new_checked(response) else {
            return Judgement::Ignore(Mismatch::TooShort);
        };
        if header.id() != self.id {
            return Judgement::Ignore(Mismatch::Id);
        }
        if !header.qr() {
            return Judgement::Ignore(Mismatch::NotResponse);
        }
        if header.opcode() != Opcode::QUERY {
            return Judgement::Ignore(Mismatch::Opcode);
        }
        let message = match Message::parse(response) {
            Ok(message) => message,
            Err(error) => return Judgement::ServerFailure(ServerFailure::Malformed(error)),
        };
        let rcode = message.rcode();
        let mut questions = message.questions();
        match (questions.next(), questions.next()) {
            (Some(q), None) if q.name == self.name && q.qtype == self.qtype && q.qclass == self.qclass => {}
            // Some servers leave the question out of error responses.
            (None, None) if rcode != Rcode::NOERROR && rcode != Rcode::NXDOMAIN => {}
            _ => return Judgement::Ignore(Mismatch::Question),
        }
        if header.tc() {
            return Judgement::Truncated;
        }
        match rcode {
            Rcode::NOERROR | Rcode::NXDOMAIN => Judgement::Answer(message),
            Rcode::FORMERR if self.udp_payload.is_some() && message.edns().is_none() => Judgement::EdnsRejected,
            rcode => Judgement::ServerFailure(ServerFailure::Rcode(rcode)),
        }
    }
}

/// What a candidate response is to a [`Query`].
#[derive(Debug)]
pub enum Judgement<'a> {
    /// The answer: NOERROR (with data, or none: NODATA) or NXDOMAIN.
    Answer(Message<&'a [u8]>),
    /// TC=1: ask the same server again over TCP.
    Truncated,
    /// FORMERR without an OPT record to a query with EDNS: ask the same
    /// server again without EDNS (RFC 6891 §7).
    EdnsRejected,
    /// The server answered but cannot help: ask the next server.
    ServerFailure(ServerFailure),
    /// Not a response to this query: keep waiting for one.
    Ignore(Mismatch),
}

/// Why a server's response is no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerFailure {
    /// SERVFAIL, REFUSED, NOTIMP, FORMERR or another error rcode.
    Rcode(Rcode),
    /// The response breaks a wire rule.
    Malformed(Error),
}

impl fmt::Display for ServerFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServerFailure::Rcode(rcode) => write!(f, "answered {rcode}"),
            ServerFailure::Malformed(error) => write!(f, "malformed response: {error}"),
        }
    }
}

impl core::error::Error for ServerFailure {}

/// Why bytes are not a response to a given query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// Shorter than a header.
    TooShort,
    /// Another query ID.
    Id,
    /// QR is clear: a query, not a response.
    NotResponse,
    /// Another opcode.
    Opcode,
    /// Another question (name, type or class), or more than one.
    Question,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mismatch::TooShort => "shorter than a header",
            Mismatch::Id => "another query ID",
            Mismatch::NotResponse => "not a response",
            Mismatch::Opcode => "another opcode",
            Mismatch::Question => "another question",
        })
    }
}

/// The length a query buffer needs, TCP prefix included.
pub const QUERY_BUFFER_LEN: usize = tcp::PREFIX_LEN + HEADER_LEN + 255 + 4 + 11;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Class, A};

    fn query() -> Query {
        Query::new("example.com.".parse().unwrap(), Rtype::A, 0x1234).unwrap()
    }

    /// A response to `query()` with the given edits.
    fn response(edit: impl FnOnce(&mut MessageBuilder<&mut [u8]>)) -> Vec<u8> {
        let mut buf = [0u8; 512];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        b.header_mut().set_id(0x1234);
        b.header_mut().set_qr(true);
        edit(&mut b);
        b.finish().to_vec()
    }

    fn with_question(b: &mut MessageBuilder<&mut [u8]>) {
        b.push_question("example.com.", Rtype::A, Class::IN).unwrap();
    }

    #[test]
    fn writes_rfc1035_query_with_edns() {
        let mut out = [0u8; QUERY_BUFFER_LEN];
        let len = query().write_tcp(&mut out).unwrap();
        // Prefix, ID, RD, QDCOUNT 1, ARCOUNT 1, question, OPT with 1232.
        let expected: &[u8] = b"\x00\x28\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x01\
            \x07example\x03com\x00\x00\x01\x00\x01\
            \x00\x00\x29\x04\xd0\x00\x00\x00\x00\x00\x00";
        assert_eq!(&out[..len], expected);
        let plain = query().with_udp_payload(None).with_recursion_desired(false);
        let len = plain.write(&mut out).unwrap();
        assert_eq!(&out[..4], b"\x12\x34\x00\x00");
        assert_eq!(len, 12 + 17);
    }

    #[test]
    fn relative_name_is_refused() {
        assert_eq!(Query::new("www".parse().unwrap(), Rtype::A, 1).unwrap_err(), Error::RelativeName);
    }

    #[test]
    fn accepts_the_matching_answer_whatever_the_case() {
        let bytes = response(|b| {
            b.push_question("EXAMPLE.Com.", Rtype::A, Class::IN).unwrap();
            b.push_answer("example.com.", Class::IN, 5, &A::from([1, 2, 3, 4])).unwrap();
        });
        assert!(matches!(query().judge(&bytes), Judgement::Answer(_)));
    }

    #[test]
    fn ignores_what_is_not_a_response_to_this_query() {
        let judge = |bytes: &[u8]| match query().judge(bytes) {
            Judgement::Ignore(why) => Some(why),
            _ => None,
        };
        let good = response(with_question);
        assert_eq!(judge(&good[..11]), Some(Mismatch::TooShort));
        let mut other_id = good.clone();
        other_id[1] = 0x35;
        assert_eq!(judge(&other_id), Some(Mismatch::Id));
        let mut not_response = good.clone();
        not_response[2] &= 0x7f;
        assert_eq!(judge(&not_response), Some(Mismatch::NotResponse));
        let mut notify = good.clone();
        notify[2] |= 4 << 3;
        assert_eq!(judge(&notify), Some(Mismatch::Opcode));
        let other_name = response(|b| b.push_question("example.net.", Rtype::A, Class::IN).unwrap());
        assert_eq!(judge(&other_name), Some(Mismatch::Question));
        let other_type = response(|b| b.push_question("example.com.", Rtype::AAAA, Class::IN).unwrap());
        assert_eq!(judge(&other_type), Some(Mismatch::Question));
        let other_class = response(|b| b.push_question("example.com.", Rtype::A, Class::CH).unwrap());
        assert_eq!(judge(&other_class), Some(Mismatch::Question));
        let two = response(|b| {
            with_question(b);
            with_question(b);
        });
        assert_eq!(judge(&two), Some(Mismatch::Question));
        let none = response(|_| {});
        assert_eq!(judge(&none), Some(Mismatch::Question));
    }

    #[test]
    fn malformed_with_the_right_id_is_a_server_failure() {
        let mut bytes = response(with_question);
        bytes.push(0); // trailing byte
        assert!(matches!(
            query().judge(&bytes),
            Judgement::ServerFailure(ServerFailure::Malformed(Error::TrailingBytes))
        ));
    }

    #[test]
    fn truncated_error_rcodes_and_edns_rejection() {
        let mut tc = response(with_question);
        tc[2] |= 0x02;
        assert!(matches!(query().judge(&tc), Judgement::Truncated));
        for (rcode, expect_failure) in [(Rcode::SERVFAIL, true), (Rcode::REFUSED, true), (Rcode::NOTIMP, true)] {
            let bytes = response(|b| {
                b.header_mut().set_rcode(rcode);
                with_question(b);
            });
            let failed =
                matches!(query().judge(&bytes), Judgement::ServerFailure(ServerFailure::Rcode(r)) if r == rcode);
            assert_eq!(failed, expect_failure);
        }
        let formerr = response(|b| b.header_mut().set_rcode(Rcode::FORMERR));
        assert!(matches!(query().judge(&formerr), Judgement::EdnsRejected));
        let formerr_no_edns_query = query().with_udp_payload(None);
        assert!(matches!(
            formerr_no_edns_query.judge(&formerr),
            Judgement::ServerFailure(ServerFailure::Rcode(Rcode::FORMERR))
        ));
        let nxdomain = response(|b| {
            b.header_mut().set_rcode(Rcode::NXDOMAIN);
            with_question(b);
        });
        assert!(matches!(query().judge(&nxdomain), Judgement::Answer(m) if m.rcode() == Rcode::NXDOMAIN));
    }
}
