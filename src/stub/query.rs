//! [`Query`]: one question with one ID, and the judgement of what comes back.

use core::fmt;

use super::plan::{Attempt, Outcome, Transport};
use super::random::RandomSource;
use crate::error::{Error, Result};
use crate::name::NameBuf;
use crate::rdata::{Class, ComposeOption, Cookie, OptionCode, Rtype};
use crate::wire::header::{Header, Opcode, Rcode, HEADER_LEN};
use crate::wire::message::Message;
use crate::wire::tcp;
use crate::MessageBuilder;

/// The UDP payload size a stub advertises: 1232 bytes fits the IPv6
/// minimum MTU without fragmentation (DNS Flag Day 2020).
pub const DEFAULT_UDP_PAYLOAD: u16 = 1232;

/// Room for the EDNS options of [`Query::with_option`], their 4-byte
/// headers included (the cookie and padding have room of their own).
pub const QUERY_OPTIONS_LEN: usize = 128;

/// One question, asked with one ID: writes the query and judges each
/// candidate response. No I/O; the caller sends and receives.
///
/// A query is built once, as a template, and each attempt of a
/// [`RetryPlan`](super::RetryPlan) gets its own copy with
/// [`Query::for_attempt`]: a fresh ID, the attempt's transport, EDNS only
/// if the attempt has it. The copy writes the bytes for its transport and
/// judges what comes back as that transport asks.
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
///
/// A DNSSEC query, with a cookie and the server's NSID asked for:
///
/// ```
/// use dnswire::stub::Query;
/// use dnswire::{Message, Nsid, Rtype};
///
/// let query = Query::new("example.com.".parse()?, Rtype::DNSKEY, 7)?
///     .with_dnssec_ok(true)
///     .with_checking_disabled(true)
///     .with_cookie([1, 2, 3, 4, 5, 6, 7, 8], None)
///     .with_option(&Nsid::new(b"")?)?;
/// let mut out = [0u8; 512];
/// let len = query.write(&mut out)?;
/// let sent = Message::parse(&out[..len])?;
/// assert!(sent.header().cd());
/// let edns = sent.edns().unwrap();
/// assert!(edns.dnssec_ok);
/// assert_eq!(edns.options.options().count(), 2);
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Query {
    name: NameBuf,
    qtype: Rtype,
    qclass: Class,
    id: u16,
    transport: Transport,
    udp_payload: Option<u16>,
    recursion_desired: bool,
    checking_disabled: bool,
    authentic_data: bool,
    dnssec_ok: bool,
    /// The name's case was randomised: the answer must echo it exactly.
    case_checked: bool,
    cookie: Option<(ClientCookie, ServerCookie)>,
    options: [u8; QUERY_OPTIONS_LEN],
    options_len: usize,
    padding_block: u16,
}

/// A client cookie (RFC 7873 §4.1): 8 random bytes, one per server.
pub type ClientCookie = [u8; Cookie::CLIENT_LEN];

/// A server cookie learned from a response (RFC 7873 §4.2), 8 to 32
/// bytes, kept inline; empty when none is known.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ServerCookie {
    bytes: [u8; Cookie::MAX_SERVER_LEN],
    len: u8,
}

impl ServerCookie {
    /// The server cookie a response carries, if it has a well-formed
    /// COOKIE option with one.
    pub fn from_response<B: AsRef<[u8]>>(message: &Message<B>) -> Option<ServerCookie> {
        let cookie = response_cookie(message)?.ok()?;
        ServerCookie::new(cookie.server())
    }

    /// A server cookie from its bytes: `None` unless 8 to 32 long.
    pub fn new(bytes: &[u8]) -> Option<ServerCookie> {
        if !(Cookie::MIN_SERVER_LEN..=Cookie::MAX_SERVER_LEN).contains(&bytes.len()) {
            return None;
        }
        let mut cookie = ServerCookie { bytes: [0; Cookie::MAX_SERVER_LEN], len: bytes.len() as u8 };
        cookie.bytes[..bytes.len()].copy_from_slice(bytes);
        Some(cookie)
    }

    /// Its bytes; empty when none is known.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

impl fmt::Debug for ServerCookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ServerCookie(")?;
        for byte in self.as_bytes() {
            write!(f, "{byte:02x}")?;
        }
        f.write_str(")")
    }
}

/// The COOKIE option of a response: none, or its parse.
fn response_cookie<B: AsRef<[u8]>>(message: &Message<B>) -> Option<Result<Cookie<'_>>> {
    let edns = message.edns()?;
    let option = edns.options.options().find(|option| option.code == OptionCode::COOKIE)?;
    Some(Cookie::parse(option.data))
}

impl Query {
    /// A query for `name` (absolute) and `qtype` in class IN, with ID `id`,
    /// over UDP, recursion desired and EDNS(0) advertising
    /// [`DEFAULT_UDP_PAYLOAD`], no DNSSEC flags, no options.
    ///
    /// The ID should be random and fresh for each query (RFC 5452): it is,
    /// with the source port, what keeps off-path forgers out. Take it from
    /// a [`RandomSource`].
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
            transport: Transport::Udp,
            udp_payload: Some(DEFAULT_UDP_PAYLOAD),
            recursion_desired: true,
            checking_disabled: false,
            authentic_data: false,
            dnssec_ok: false,
            case_checked: false,
            cookie: None,
            options: [0; QUERY_OPTIONS_LEN],
            options_len: 0,
            padding_block: 0,
        })
    }

    /// This query as `attempt` asks it: with ID `id` (fresh for every
    /// attempt), over the attempt's transport, and without EDNS — no OPT
    /// record, so no DO bit, cookie or options — if the attempt has none.
    ///
    /// ```
    /// use dnswire::stub::{Outcome, Query, RandomSource, RetryPlan, RetrySettings, Transport};
    /// use dnswire::Rtype;
    ///
    /// # let mut random = |out: &mut [u8]| out.fill(7); // OsRandom with std
    /// let template = Query::new("example.com.".parse()?, Rtype::A, 0)?;
    /// let mut plan = RetryPlan::new(1, RetrySettings::default());
    /// let first = template.for_attempt(&plan.next_attempt().unwrap(), random.next_id());
    /// assert_eq!(first.udp_payload(), Some(1232));
    /// plan.report(Outcome::EdnsRejected);
    /// let again = template.for_attempt(&plan.next_attempt().unwrap(), random.next_id());
    /// assert_eq!((again.udp_payload(), again.transport()), (None, Transport::Udp));
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    pub fn for_attempt(&self, attempt: &Attempt, id: u16) -> Query {
        let mut query = self.clone();
        query.id = id;
        query.transport = attempt.transport;
        if !attempt.edns {
            query.udp_payload = None;
        }
        query
    }

    /// The same query in another class.
    pub fn with_class(mut self, qclass: Class) -> Self {
        self.qclass = qclass;
        self
    }

    /// The same query advertising another UDP payload size, or no EDNS at
    /// all (`None`: no OPT record, so no DO bit, cookie or options either).
    pub fn with_udp_payload(mut self, udp_payload: Option<u16>) -> Self {
        self.udp_payload = udp_payload;
        self
    }

    /// The same query with another ID.
    pub fn with_id(mut self, id: u16) -> Self {
        self.id = id;
        self
    }

    /// The same query over another transport: [`Query::write`] adds the
    /// TCP length prefix, [`Query::judge`] judges as a connection of one's
    /// own asks.
    pub fn with_transport(mut self, transport: Transport) -> Self {
        self.transport = transport;
        self
    }

    /// The same query with RD set or not.
    pub fn with_recursion_desired(mut self, recursion_desired: bool) -> Self {
        self.recursion_desired = recursion_desired;
        self
    }

    /// The same query with DO set or not (RFC 3225): ask for the RRSIGs,
    /// NSECs and DNSKEYs that come with the answer. DO lives in the OPT
    /// record: without EDNS it is not sent.
    pub fn with_dnssec_ok(mut self, dnssec_ok: bool) -> Self {
        self.dnssec_ok = dnssec_ok;
        self
    }

    /// The same query with CD set or not (RFC 4035 §3.2.2): a validating
    /// server answers without checking signatures, so the client can.
    pub fn with_checking_disabled(mut self, checking_disabled: bool) -> Self {
        self.checking_disabled = checking_disabled;
        self
    }

    /// The same query with AD set or not (RFC 6840 §5.7): the server says
    /// in the answer's AD bit whether it validated the data, without DO.
    pub fn with_authentic_data(mut self, authentic_data: bool) -> Self {
        self.authentic_data = authentic_data;
        self
    }

    /// The same query with a DNS cookie (RFC 7873): `client` (8 random
    /// bytes, one per server: see [`RandomSource`]) and the server cookie
    /// learned from that server's last response, if any
    /// ([`ServerCookie::from_response`]). [`Query::judge`] then ignores a
    /// response whose cookie is not ours, and says
    /// [`Judgement::BadCookie`] for BADCOOKIE.
    pub fn with_cookie(mut self, client: ClientCookie, server: Option<&ServerCookie>) -> Self {
        self.cookie = Some((client, server.copied().unwrap_or_default()));
        self
    }

    /// The same query with `option` in its OPT record (NSID, client
    /// subnet, keepalive…: any [`ComposeOption`]), after those added
    /// before. Cookies go through [`Query::with_cookie`], padding through
    /// [`Query::with_padding`].
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] if the options would pass
    /// [`QUERY_OPTIONS_LEN`] bytes; [`Error::BadOption`] for a cookie or
    /// padding option.
    pub fn with_option(mut self, option: &impl ComposeOption) -> Result<Self> {
        let code = option.code();
        if code == OptionCode::COOKIE || code == OptionCode::PADDING {
            return Err(Error::BadOption);
        }
        let data_len = option.data_len();
        let end = data_len.checked_add(4 + self.options_len).ok_or(Error::BufferTooSmall)?;
        let slot = self.options.get_mut(self.options_len..end).ok_or(Error::BufferTooSmall)?;
        crate::wire::builder::write_option_header(slot, code, data_len);
        option.write_data(&mut slot[4..]);
        self.options_len = end;
        Ok(self)
    }

    /// The same query padded to a multiple of `block` bytes (RFC 7830, RFC
    /// 8467 §4.1 recommends 128 for queries); 0 for none. For encrypted
    /// transports: padding hides nothing over plain UDP or TCP.
    pub fn with_padding(mut self, block: u16) -> Self {
        self.padding_block = block;
        self
    }

    /// The same query with its name's letters in random case
    /// (draft-vixie-dnsext-dns0x20): [`Query::judge`] then wants the
    /// question of the answer spelt exactly so, which a forger who does not
    /// see the query can only guess, one bit per letter.
    pub fn with_random_case(mut self, random: &mut impl RandomSource) -> Self {
        let mut bits = [0u8; 32];
        random.fill_bytes(&mut bits);
        self.name = self.name.with_letter_case(&bits);
        self.case_checked = true;
        self
    }

    /// The query ID.
    pub fn id(&self) -> u16 {
        self.id
    }

    /// The name asked about, as it is sent (its case randomised, if asked).
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

    /// The transport it is written and judged for.
    pub fn transport(&self) -> Transport {
        self.transport
    }

    /// The UDP payload size advertised, if EDNS is used.
    pub fn udp_payload(&self) -> Option<u16> {
        self.udp_payload
    }

    /// Whether DO is sent (asked, and EDNS on).
    pub fn dnssec_ok(&self) -> bool {
        self.dnssec_ok && self.udp_payload.is_some()
    }

    /// The client cookie sent, if any (asked, and EDNS on).
    pub fn client_cookie(&self) -> Option<ClientCookie> {
        self.cookie.filter(|_| self.udp_payload.is_some()).map(|(client, _)| client)
    }

    /// Writes the query for its transport into `out`, with the two-byte
    /// length prefix over TCP; returns the length written.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`]; [`QUERY_BUFFER_LEN`] bytes always suffice.
    pub fn write(&self, out: &mut [u8]) -> Result<usize> {
        match self.transport {
            Transport::Udp => self.write_message(out),
            Transport::Tcp => self.write_tcp(out),
        }
    }

    /// Writes the query message alone, whatever the transport; returns its
    /// length. It is at most 512 bytes.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`].
    pub fn write_message(&self, out: &mut [u8]) -> Result<usize> {
        let limit = out.len().min(512);
        let mut builder = MessageBuilder::new(&mut out[..limit])?;
        let mut header = builder.header_mut();
        header.set_id(self.id);
        header.set_opcode(Opcode::QUERY);
        header.set_rd(self.recursion_desired);
        header.set_cd(self.checking_disabled);
        header.set_ad(self.authentic_data);
        builder.push_question(&self.name, self.qtype, self.qclass)?;
        if let Some(size) = self.udp_payload {
            builder.set_edns(size, self.dnssec_ok).map_err(|_| Error::BufferTooSmall)?;
            if let Some((client, server)) = &self.cookie {
                builder.push_edns_option(&Cookie::new(*client, server.as_bytes())?)?;
            }
            for option in crate::rdata::Opt::from_wire(&self.options[..self.options_len])?.options() {
                builder.push_edns_option(&option)?;
            }
            builder.set_padding(self.padding_block);
        }
        Ok(builder.finish().len())
    }

    /// Writes the query with its TCP length prefix, whatever the
    /// transport; returns the total length.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`]; [`QUERY_BUFFER_LEN`] bytes always suffice.
    pub fn write_tcp(&self, out: &mut [u8]) -> Result<usize> {
        let body = out.get_mut(tcp::PREFIX_LEN..).ok_or(Error::BufferTooSmall)?;
        let len = self.write_message(body)?;
        out[..tcp::PREFIX_LEN].copy_from_slice(&tcp::prefix(len)?);
        Ok(tcp::PREFIX_LEN + len)
    }

    /// Judges a candidate response to this query, as its transport asks.
    /// Only the bytes: that a datagram came from the server's address and
    /// port is for the caller to check first.
    ///
    /// In order:
    /// 1. Bytes that cannot be this query's response — too short, another
    ///    ID, QR clear, another opcode, another question, the name not in
    ///    the case sent ([`Query::with_random_case`]), a cookie that is not
    ///    ours ([`Query::with_cookie`]) — are a [`Mismatch`]:
    ///    - over **UDP**, [`Judgement::Ignore`]: anyone can send a
    ///      datagram, so keep waiting for the real answer until the
    ///      deadline;
    ///    - over **TCP**, another ID is [`Judgement::Ignore`]d too (the
    ///      response to another query pipelined on the connection, or a
    ///      late one): keep reading. Any other mismatch, with our ID, on a
    ///      connection of one's own, is the server's failure:
    ///      [`ServerFailure::Mismatch`].
    /// 2. With the ID right, a message that breaks a wire rule is the
    ///    server's failure: [`ServerFailure::Malformed`].
    /// 3. TC=1 is [`Judgement::Truncated`] over UDP (ask again over TCP),
    ///    [`ServerFailure::TruncatedOverTcp`] over TCP.
    /// 4. NOERROR and NXDOMAIN are [`Judgement::Answer`]s (no data, or no
    ///    such name, are answers too).
    /// 5. BADCOOKIE echoing our cookie is [`Judgement::BadCookie`]; FORMERR
    ///    to a query with EDNS from a server that sent no OPT record is
    ///    [`Judgement::EdnsRejected`] (RFC 6891 §7); any other rcode is a
    ///    [`ServerFailure::Rcode`].
    ///
    /// Every judgement but `Ignore` ends the attempt:
    /// [`Judgement::outcome`] is what to report to the plan.
    pub fn judge<'a>(&self, response: &'a [u8]) -> Judgement<'a> {
        let tcp = self.transport == Transport::Tcp;
        let mismatch = |why: Mismatch| match why {
            Mismatch::Id => Judgement::Ignore(why),
            why if tcp => Judgement::ServerFailure(ServerFailure::Mismatch(why)),
            why => Judgement::Ignore(why),
        };
        let Ok(header) = Header::new_checked(response) else {
            return mismatch(Mismatch::TooShort);
        };
        if header.id() != self.id {
            return mismatch(Mismatch::Id);
        }
        if !header.qr() {
            return mismatch(Mismatch::NotResponse);
        }
        if header.opcode() != Opcode::QUERY {
            return mismatch(Mismatch::Opcode);
        }
        let message = match Message::parse(response) {
            Ok(message) => message,
            Err(error) => return Judgement::ServerFailure(ServerFailure::Malformed(error)),
        };
        let rcode = message.rcode();
        let mut questions = message.questions();
        match (questions.next(), questions.next()) {
            (Some(q), None) if q.name == self.name && q.qtype == self.qtype && q.qclass == self.qclass => {
                if self.case_checked && !q.name.labels().eq(self.name.labels()) {
                    return mismatch(Mismatch::Case);
                }
            }
            // Some servers leave the question out of error responses.
            (None, None) if rcode != Rcode::NOERROR && rcode != Rcode::NXDOMAIN => {}
            _ => return mismatch(Mismatch::Question),
        }
        let mut cookie_echoed = false;
        if let Some(client) = self.client_cookie() {
            match response_cookie(&message) {
                None => {}
                Some(Ok(cookie)) if cookie.client() == client => cookie_echoed = true,
                Some(Ok(_)) => return mismatch(Mismatch::Cookie),
                Some(Err(error)) => return Judgement::ServerFailure(ServerFailure::Malformed(error)),
            }
        }
        if header.tc() {
            return if tcp { Judgement::ServerFailure(ServerFailure::TruncatedOverTcp) } else { Judgement::Truncated };
        }
        match rcode {
            Rcode::NOERROR | Rcode::NXDOMAIN => Judgement::Answer(message),
            Rcode::BADCOOKIE if cookie_echoed => Judgement::BadCookie(message),
            Rcode::FORMERR if self.udp_payload.is_some() && message.edns().is_none() => Judgement::EdnsRejected,
            rcode => Judgement::ServerFailure(ServerFailure::Rcode(rcode)),
        }
    }
}

/// What a candidate response is to a [`Query`]; see [`Query::judge`] for
/// how each is reached over UDP and over TCP.
#[derive(Debug)]
pub enum Judgement<'a> {
    /// The answer: NOERROR (with data, or none: NODATA) or NXDOMAIN. Its
    /// AD bit is `message.header().ad()`, its EDNS options
    /// `message.edns()`; remember its [`ServerCookie::from_response`].
    Answer(Message<&'a [u8]>),
    /// TC=1 over UDP: ask the same server again over TCP.
    Truncated,
    /// FORMERR without an OPT record to a query with EDNS: ask the same
    /// server again without EDNS (RFC 6891 §7).
    EdnsRejected,
    /// BADCOOKIE with our client cookie: remember the server cookie it
    /// carries ([`ServerCookie::from_response`]) and ask again with it
    /// (RFC 7873 §5.3).
    BadCookie(Message<&'a [u8]>),
    /// The server answered but cannot help: ask the next server.
    ServerFailure(ServerFailure),
    /// Not a response to this query: keep waiting for one (over TCP, keep
    /// reading the connection).
    Ignore(Mismatch),
}

impl Judgement<'_> {
    /// What to report to the [`RetryPlan`](super::RetryPlan): `None` for
    /// [`Judgement::Ignore`], which does not end the attempt.
    pub fn outcome(&self) -> Option<Outcome> {
        Some(match self {
            Judgement::Answer(_) => Outcome::Answered,
            Judgement::Truncated => Outcome::Truncated,
            Judgement::EdnsRejected => Outcome::EdnsRejected,
            Judgement::BadCookie(_) => Outcome::BadCookie,
            Judgement::ServerFailure(_) => Outcome::Failed,
            Judgement::Ignore(_) => return None,
        })
    }
}

/// Why a server's response is no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerFailure {
    /// SERVFAIL, REFUSED, NOTIMP, FORMERR or another error rcode.
    Rcode(Rcode),
    /// The response breaks a wire rule.
    Malformed(Error),
    /// TC=1 over TCP: the server could not send its answer at all.
    TruncatedOverTcp,
    /// Over TCP, our ID on a response to another question, with the
    /// name's case changed, or with another cookie.
    Mismatch(Mismatch),
}

impl fmt::Display for ServerFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServerFailure::Rcode(rcode) => write!(f, "answered {rcode}"),
            ServerFailure::Malformed(error) => write!(f, "malformed response: {error}"),
            ServerFailure::TruncatedOverTcp => f.write_str("truncated answer over TCP"),
            ServerFailure::Mismatch(why) => write!(f, "response with {why}"),
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
    /// The question's name in another case than the 0x20-randomised one
    /// sent.
    Case,
    /// A COOKIE option with another client cookie than ours.
    Cookie,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mismatch::TooShort => "shorter than a header",
            Mismatch::Id => "another query ID",
            Mismatch::NotResponse => "not a response",
            Mismatch::Opcode => "another opcode",
            Mismatch::Question => "another question",
            Mismatch::Case => "the name's case changed (0x20)",
            Mismatch::Cookie => "another client cookie",
        })
    }
}

/// The length a query buffer needs, TCP prefix included: a query is at
/// most 512 bytes.
pub const QUERY_BUFFER_LEN: usize = tcp::PREFIX_LEN + 512;

// A query with the longest name, a cookie with the longest server cookie
// and every option byte fits in 512 bytes, padding aside.
const _: () = assert!(HEADER_LEN + 255 + 4 + 11 + 4 + 40 + QUERY_OPTIONS_LEN <= 512);

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
    fn writes_flags_options_cookie_and_padding() {
        let query = query()
            .with_dnssec_ok(true)
            .with_checking_disabled(true)
            .with_authentic_data(true)
            .with_recursion_desired(false)
            .with_cookie([9; 8], ServerCookie::new(&[5; 16]).as_ref())
            .with_option(&crate::Nsid::new(b"").unwrap())
            .unwrap()
            .with_padding(128);
        let mut out = [0u8; QUERY_BUFFER_LEN];
        let len = query.write(&mut out).unwrap();
        assert_eq!(len % 128, 0);
        let sent = Message::parse(&out[..len]).unwrap();
        let header = sent.header();
        assert!(header.cd() && header.ad() && !header.rd());
        let edns = sent.edns().unwrap();
        assert!(edns.dnssec_ok);
        let options: Vec<(OptionCode, usize)> = edns.options.options().map(|o| (o.code, o.data.len())).collect();
        assert_eq!(options[..2], [(OptionCode::COOKIE, 24), (OptionCode::NSID, 0)]);
        assert_eq!(options[2].0, OptionCode::PADDING);
        // The same query for an attempt without EDNS: no OPT, so no DO,
        // cookie or options; the header flags stay.
        let attempt = Attempt { server: 0, transport: Transport::Tcp, edns: false, round: 0 };
        let plain = query.for_attempt(&attempt, 0x4321);
        let len = plain.write(&mut out).unwrap();
        assert_eq!(usize::from(u16::from_be_bytes([out[0], out[1]])), len - 2);
        let sent = Message::parse(&out[2..len]).unwrap();
        assert!(sent.edns().is_none() && sent.header().cd() && sent.id() == 0x4321);
        assert!(!plain.dnssec_ok() && plain.client_cookie().is_none());
    }

    #[test]
    fn options_are_bounded_and_cookies_and_padding_go_their_own_way() {
        let big = crate::EdnsOption { code: OptionCode(65001), data: &[0; QUERY_OPTIONS_LEN - 4] };
        let full = query().with_option(&big).unwrap();
        assert_eq!(full.clone().with_option(&crate::Nsid::new(b"").unwrap()).unwrap_err(), Error::BufferTooSmall);
        let too_big = crate::EdnsOption { code: OptionCode(65001), data: &[0; QUERY_OPTIONS_LEN] };
        assert_eq!(query().with_option(&too_big).unwrap_err(), Error::BufferTooSmall);
        let cookie = crate::EdnsOption { code: OptionCode::COOKIE, data: &[0; 8] };
        assert_eq!(query().with_option(&cookie).unwrap_err(), Error::BadOption);
        // The longest name, cookie and options, padded: still one buffer.
        let long: NameBuf =
            [&"a".repeat(63)[..]; 4].join(".")[..253].parse::<NameBuf>().unwrap().to_absolute().unwrap();
        let longest = Query::new(long, Rtype::A, 1)
            .unwrap()
            .with_cookie([1; 8], ServerCookie::new(&[2; 32]).as_ref())
            .with_option(&big)
            .unwrap()
            .with_padding(128);
        let mut out = [0u8; QUERY_BUFFER_LEN];
        let len = longest.with_transport(Transport::Tcp).write(&mut out).unwrap();
        assert!(len <= QUERY_BUFFER_LEN && Message::parse(&out[2..len]).is_ok());
    }

    fn cookie_response(client: [u8; 8], rcode: Rcode) -> Vec<u8> {
        let mut buf = [0u8; 512];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        b.header_mut().set_id(0x1234);
        b.header_mut().set_qr(true);
        b.push_question("example.com.", Rtype::A, Class::IN).unwrap();
        b.set_edns(1232, false).unwrap();
        b.push_edns_option(&Cookie::new(client, &[0xee; 16]).unwrap()).unwrap();
        b.set_rcode(rcode).unwrap();
        b.finish().to_vec()
    }

    #[test]
    fn cookies_echoed_foreign_bad_and_malformed() {
        let ours = [0xc0; 8];
        let query = query().with_cookie(ours, None);
        let good = cookie_response(ours, Rcode::NOERROR);
        let Judgement::Answer(message) = query.judge(&good) else { panic!("{:?}", query.judge(&good)) };
        assert_eq!(ServerCookie::from_response(&message).unwrap().as_bytes(), [0xee; 16]);
        let foreign = cookie_response([0xbb; 8], Rcode::NOERROR);
        assert!(matches!(query.judge(&foreign), Judgement::Ignore(Mismatch::Cookie)));
        let over_tcp = query.clone().with_transport(Transport::Tcp);
        assert!(matches!(
            over_tcp.judge(&foreign),
            Judgement::ServerFailure(ServerFailure::Mismatch(Mismatch::Cookie))
        ));
        // RFC 7873 §5.3: BADCOOKIE with our cookie: ask again with theirs.
        let bad = cookie_response(ours, Rcode::BADCOOKIE);
        let Judgement::BadCookie(message) = query.judge(&bad) else { panic!() };
        assert!(ServerCookie::from_response(&message).is_some());
        assert_eq!(query.judge(&bad).outcome(), Some(Outcome::BadCookie));
        // Without a cookie sent, BADCOOKIE is a failure like any other.
        assert!(matches!(self::query().judge(&bad), Judgement::ServerFailure(ServerFailure::Rcode(Rcode::BADCOOKIE))));
        // A response without a cookie, from a server that has none: fine.
        assert!(matches!(query.judge(&response(with_question)), Judgement::Answer(_)));
        // A 12-byte cookie breaks RFC 7873 §4.
        let mut broken = good.clone();
        let at = broken.len() - 24 - 4;
        broken[at + 3] = 12;
        broken.truncate(at + 4 + 12);
        let rdlen = broken.len() - at;
        let rdlen_at = at - 2;
        broken[rdlen_at..rdlen_at + 2].copy_from_slice(&(rdlen as u16).to_be_bytes());
        assert!(matches!(query.judge(&broken), Judgement::ServerFailure(ServerFailure::Malformed(_))));
    }

    #[test]
    fn random_case_must_come_back_exactly() {
        let mut upper = |out: &mut [u8]| out.fill(0xff);
        let query = query().with_random_case(&mut upper);
        assert_eq!(query.name().to_string(), "EXAMPLE.COM.");
        let mut alternate = |out: &mut [u8]| out.fill(0b0101_0101);
        assert_eq!(self::query().with_random_case(&mut alternate).name().to_string(), "ExAmPlE.cOm.");
        let echoed = response(|b| b.push_question("EXAMPLE.COM.", Rtype::A, Class::IN).unwrap());
        assert!(matches!(query.judge(&echoed), Judgement::Answer(_)));
        let lowered = response(with_question);
        assert!(matches!(query.judge(&lowered), Judgement::Ignore(Mismatch::Case)));
        assert!(matches!(
            query.clone().with_transport(Transport::Tcp).judge(&lowered),
            Judgement::ServerFailure(ServerFailure::Mismatch(Mismatch::Case))
        ));
        // Without 0x20, any case is the same name.
        assert!(matches!(self::query().judge(&echoed), Judgement::Answer(_)));
    }

    #[test]
    fn over_tcp_only_another_id_is_ignored() {
        let tcp = query().with_transport(Transport::Tcp);
        let good = response(with_question);
        let mut other_id = good.clone();
        other_id[1] ^= 1;
        assert!(matches!(tcp.judge(&other_id), Judgement::Ignore(Mismatch::Id)));
        let other_name = response(|b| b.push_question("example.net.", Rtype::A, Class::IN).unwrap());
        assert!(matches!(
            tcp.judge(&other_name),
            Judgement::ServerFailure(ServerFailure::Mismatch(Mismatch::Question))
        ));
        let mut tc = good.clone();
        tc[2] |= 0x02;
        assert!(matches!(tcp.judge(&tc), Judgement::ServerFailure(ServerFailure::TruncatedOverTcp)));
        assert!(matches!(tcp.judge(&good[..5]), Judgement::ServerFailure(ServerFailure::Mismatch(Mismatch::TooShort))));
        assert_eq!(tcp.judge(&good).outcome(), Some(Outcome::Answered));
        assert_eq!(tcp.judge(&other_id).outcome(), None);
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
                b.header_mut().set_low_rcode(rcode);
                with_question(b);
            });
            let failed =
                matches!(query().judge(&bytes), Judgement::ServerFailure(ServerFailure::Rcode(r)) if r == rcode);
            assert_eq!(failed, expect_failure);
        }
        let formerr = response(|b| b.header_mut().set_low_rcode(Rcode::FORMERR));
        assert!(matches!(query().judge(&formerr), Judgement::EdnsRejected));
        let formerr_no_edns_query = query().with_udp_payload(None);
        assert!(matches!(
            formerr_no_edns_query.judge(&formerr),
            Judgement::ServerFailure(ServerFailure::Rcode(Rcode::FORMERR))
        ));
        let nxdomain = response(|b| {
            b.header_mut().set_low_rcode(Rcode::NXDOMAIN);
            with_question(b);
        });
        assert!(matches!(query().judge(&nxdomain), Judgement::Answer(m) if m.rcode() == Rcode::NXDOMAIN));
    }
}
