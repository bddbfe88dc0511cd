//! A DNS lookup over [smoltcp](https://docs.rs/smoltcp), for firmware:
//! dnswire's sans-IO stub core ([`dnswire::stub`]) driven by a `poll`
//! state machine that the main loop calls beside `Interface::poll`. No std,
//! no allocation: the sockets and the response buffer are the caller's,
//! the random bytes come from the caller's [`RandomSource`] (a hardware
//! RNG, say).
//!
//! ```no_run
//! # fn main() -> Result<(), dnswire::Error> {
//! use core::task::Poll;
//! use dnswire::stub::Query;
//! use dnswire::Rtype;
//! use dnswire_smoltcp::Lookup;
//! use smoltcp::iface::{Interface, SocketSet};
//! use smoltcp::socket::{tcp, udp};
//! use smoltcp::time::Instant;
//! use smoltcp::wire::{IpAddress, IpEndpoint};
//! # fn board() -> (Interface, smoltcp::phy::Loopback, SocketSet<'static>, udp::Socket<'static>, tcp::Socket<'static>) { todo!() }
//! # fn hardware_rng(out: &mut [u8]) { out.fill(4) }
//!
//! let (mut iface, mut device, mut sockets, udp_socket, tcp_socket) = board();
//! let udp = sockets.add(udp_socket);
//! let tcp = sockets.add(tcp_socket);
//! let servers = [IpEndpoint::new(IpAddress::v4(10, 0, 0, 53), 53)];
//! let mut response = [0u8; 1232];
//! let query = Query::new("host.mail.test.".parse()?, Rtype::A, 0)?;
//! let mut lookup = Lookup::new(query, &servers, udp, &mut response, hardware_rng).with_tcp(tcp);
//! let answer = loop {
//!     let now = Instant::now();
//!     iface.poll(now, &mut device, &mut sockets);
//!     if let Poll::Ready(result) = lookup.poll(&mut iface, &mut sockets, now) {
//!         break result;
//!     }
//!     // Sleep until the earlier of iface.poll_at() and lookup.poll_at().
//! };
//! for record in answer.expect("an answer").answers() {
//!     // record.rdata() is an RData::A(..) for each address.
//! }
//! # Ok(())
//! # }
//! ```
//!
//! It asks each server in turn as a [`RetryPlan`] says: UDP from a fresh
//! random port with a fresh random ID for every attempt; over TCP to the
//! same server after a truncated answer (if a TCP socket was given); again
//! without EDNS after a FORMERR to it. Each attempt waits at most
//! [`Lookup::with_timeouts`]' attempt timeout, and the whole lookup spends
//! one budget fixed at its first poll.
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use core::ops::Range;
use core::task::Poll;

use dnswire::stub::{Attempt, Judgement, Outcome, Query, RandomSource, RetryPlan, RetrySettings, Transport};
use dnswire::stub::{DEFAULT_UDP_PAYLOAD, QUERY_BUFFER_LEN};
use dnswire::{tcp as framing, Message};

// The stack sizes of dnswire's no_std types on a 32-bit target, as the
// README's table gives them (tests/stack_sizes.rs checks its 64-bit
// column): a firmware's RAM budget. CI builds this crate for
// thumbv7em-none-eabihf, where a change fails the build.
#[cfg(target_pointer_width = "32")]
const _: () = {
    use core::mem::size_of;
    assert!(size_of::<dnswire::NameBuf>() == 257);
    assert!(size_of::<Message<&[u8]>>() == 36);
    assert!(size_of::<dnswire::MessageReader<'static>>() == 180);
    assert!(size_of::<dnswire::MessageBuilder<&mut [u8]>>() == 1696);
    assert!(size_of::<Query>() == 452);
    assert!(size_of::<RetryPlan>() == 36);
    assert!(size_of::<dnswire::stub::CnameChain>() == 2320);
    assert!(size_of::<dnswire::stub::Transfer>() == 288);
};
use smoltcp::iface::{Interface, SocketHandle, SocketSet};
use smoltcp::socket::{tcp, udp};
use smoltcp::time::{Duration, Instant};
use smoltcp::wire::IpEndpoint;

/// Why a lookup ended without an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// Every attempt of the plan ended without an answer; `last` is what
    /// ended the last one (`Failed` if there were no servers).
    NoAnswer {
        /// The outcome of the last attempt.
        last: Outcome,
    },
    /// The lookup's budget ran out.
    OutOfTime,
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Error::NoAnswer { last } => write!(f, "no answer (last attempt: {last:?})"),
            Error::OutOfTime => f.write_str("no answer within the lookup's budget"),
        }
    }
}

impl core::error::Error for Error {}

/// The attempt in flight.
struct Current {
    attempt: Attempt,
    query: Query,
    /// When the attempt counts as timed out.
    deadline: Instant,
    /// The query's length, for the attempt's transport.
    len: usize,
    /// Bytes of the query sent so far (all of it at once over UDP).
    sent: usize,
    /// Over TCP, the bytes received so far, at the buffer's start.
    received: usize,
}

/// One lookup: a [`Query`] asked of a list of servers, polled until it
/// ends. See the [crate docs](crate) for a main loop.
pub struct Lookup<'a, R> {
    template: Query,
    servers: &'a [IpEndpoint],
    plan: RetryPlan,
    random: R,
    udp: SocketHandle,
    tcp: Option<SocketHandle>,
    /// Where responses are received: a whole datagram, or the TCP stream.
    buffer: &'a mut [u8],
    attempt_timeout: Duration,
    budget: Duration,
    /// The end of the budget, fixed at the first poll.
    end: Option<Instant>,
    current: Option<Current>,
    /// Where the answer lies in `buffer`, once it came.
    answer: Option<Range<usize>>,
    /// The last attempt ended, and how.
    last: Option<(Attempt, Outcome)>,
}

/// Lowest local port used: the IANA dynamic range, 49152 to 65535.
const FIRST_PORT: u16 = 49152;

impl<'a, R: RandomSource> Lookup<'a, R> {
    /// A lookup of `query` (its ID is replaced at each attempt) asking
    /// `servers` in turn as [`RetrySettings::default`] says (two passes
    /// over the list, as glibc), waiting 2 s per attempt and 10 s in all.
    ///
    /// `udp` is a UDP socket of the caller's socket set, with room for a
    /// 512-byte query and a response; the lookup binds it to a random port
    /// for each attempt and closes it at the end. Responses are received
    /// into `buffer`, 512 bytes at least: a UDP answer must fit it whole
    /// (the query advertises no more than its length), a TCP one after its
    /// two-byte prefix.
    pub fn new(query: Query, servers: &'a [IpEndpoint], udp: SocketHandle, buffer: &'a mut [u8], random: R) -> Self {
        let payload = buffer.len().clamp(512, usize::from(DEFAULT_UDP_PAYLOAD)) as u16;
        let template = match query.udp_payload() {
            Some(asked) => query.with_udp_payload(Some(asked.min(payload))),
            None => query,
        };
        Lookup {
            template,
            servers,
            plan: RetryPlan::new(servers.len(), RetrySettings::default()),
            random,
            udp,
            tcp: None,
            buffer,
            attempt_timeout: Duration::from_secs(2),
            budget: Duration::from_secs(10),
            end: None,
            current: None,
            answer: None,
            last: None,
        }
    }

    /// The same lookup with a TCP socket for truncated answers (and for
    /// [`RetrySettings::tcp_only`]). Without one, a truncated answer moves
    /// on to the next server.
    pub fn with_tcp(mut self, tcp: SocketHandle) -> Self {
        self.tcp = Some(tcp);
        self
    }

    /// The same lookup with other retry settings.
    pub fn with_retry(mut self, settings: RetrySettings) -> Self {
        self.plan = RetryPlan::new(self.servers.len(), settings);
        self
    }

    /// The same lookup waiting `attempt` for each attempt, `budget` in all.
    pub fn with_timeouts(mut self, attempt: Duration, budget: Duration) -> Self {
        self.attempt_timeout = attempt;
        self.budget = budget;
        self
    }

    /// When the lookup next needs a poll if no packet comes: the current
    /// attempt's deadline. `None` before the first poll and after the end.
    pub fn poll_at(&self) -> Option<Instant> {
        self.current.as_ref().map(|current| current.deadline)
    }

    /// The last attempt that ended, and how: the one that gave the answer
    /// (which server, over UDP or TCP), once there is one.
    pub fn last_attempt(&self) -> Option<(Attempt, Outcome)> {
        self.last
    }

    /// The answer, once [`Lookup::poll`] gave it.
    pub fn answer(&self) -> Option<Message<&[u8]>> {
        let range = self.answer.clone()?;
        // It was parsed when judged; parsing again only finds its bounds.
        Message::parse(&self.buffer[range]).ok()
    }

    /// Moves the lookup on: sends, receives, judges, retries. Call it after
    /// each `Interface::poll`, with the same `now`, until it is ready: the
    /// answer (NOERROR, with data or none, or NXDOMAIN: see its rcode), or
    /// why there is none. Polling again after that gives the same result.
    pub fn poll(
        &mut self,
        iface: &mut Interface,
        sockets: &mut SocketSet<'_>,
        now: Instant,
    ) -> Poll<Result<Message<&[u8]>, Error>> {
        let end = *self.end.get_or_insert(now + self.budget);
        while self.answer.is_none() {
            if self.current.is_none() {
                if now >= end {
                    return Poll::Ready(Err(Error::OutOfTime));
                }
                let Some(attempt) = self.plan.next_attempt() else {
                    let last = self.last.map_or(Outcome::Failed, |(_, outcome)| outcome);
                    return Poll::Ready(Err(Error::NoAnswer { last }));
                };
                let deadline = end.min(now + self.attempt_timeout);
                if !self.start(attempt, iface, sockets, deadline) {
                    self.end_attempt(Outcome::Failed, sockets);
                    continue;
                }
            }
            let Some(outcome) = self.step(sockets, now) else {
                return Poll::Pending;
            };
            self.end_attempt(outcome, sockets);
        }
        Poll::Ready(Ok(self.answer().expect("judged an answer")))
    }

    /// Starts `attempt`, to end by `deadline`: a fresh ID, its socket
    /// opened from a fresh local port. Whether the socket opened.
    fn start(
        &mut self,
        attempt: Attempt,
        iface: &mut Interface,
        sockets: &mut SocketSet<'_>,
        deadline: Instant,
    ) -> bool {
        let query = self.template.for_attempt(&attempt, self.random.next_id());
        let len = query.write(&mut [0u8; QUERY_BUFFER_LEN]).unwrap_or(0);
        self.current = Some(Current { attempt, query, deadline, len, sent: 0, received: 0 });
        let port = FIRST_PORT + self.random.next_id() % (u16::MAX - FIRST_PORT + 1);
        match (attempt.transport, self.tcp) {
            (Transport::Udp, _) => {
                let socket = sockets.get_mut::<udp::Socket>(self.udp);
                socket.close();
                len > 0 && socket.bind(port).is_ok()
            }
            (Transport::Tcp, Some(handle)) => {
                let socket = sockets.get_mut::<tcp::Socket>(handle);
                socket.abort();
                len > 0 && socket.connect(iface.context(), self.servers[attempt.server], port).is_ok()
            }
            (Transport::Tcp, None) => false,
        }
    }

    /// Sends what is still to send, judges what came: the outcome that
    /// ends the attempt, or `None` to wait.
    fn step(&mut self, sockets: &mut SocketSet<'_>, now: Instant) -> Option<Outcome> {
        let current = self.current.as_mut()?;
        let server = self.servers[current.attempt.server];
        let mut out = [0u8; QUERY_BUFFER_LEN];
        if current.sent < current.len {
            current.query.write(&mut out).ok()?;
        }
        let outcome = match (current.attempt.transport, self.tcp) {
            (Transport::Tcp, Some(handle)) => {
                let socket = sockets.get_mut::<tcp::Socket>(handle);
                if current.sent < current.len && socket.may_send() {
                    current.sent += socket.send_slice(&out[current.sent..current.len]).unwrap_or(0);
                }
                let outcome = tcp_receive(socket, current, self.buffer, &mut self.answer);
                // Refused, reset, or closed by the server before an answer.
                let connecting = matches!(socket.state(), tcp::State::SynSent | tcp::State::SynReceived);
                outcome.or((!connecting && !socket.may_recv()).then_some(Outcome::Failed))
            }
            _ => {
                let socket = sockets.get_mut::<udp::Socket>(self.udp);
                if current.sent < current.len {
                    if socket.send_slice(&out[..current.len], server).is_err() {
                        return Some(Outcome::Failed);
                    }
                    current.sent = current.len;
                }
                udp_receive(socket, server, current, self.buffer, &mut self.answer)
            }
        };
        outcome.or((now >= current.deadline).then_some(Outcome::TimedOut))
    }

    /// Ends the current attempt with `outcome`: tells the plan, closes the
    /// socket (gracefully after an answer over TCP).
    fn end_attempt(&mut self, outcome: Outcome, sockets: &mut SocketSet<'_>) {
        self.plan.report(outcome);
        let Some(current) = self.current.take() else { return };
        self.last = Some((current.attempt, outcome));
        match (current.attempt.transport, self.tcp) {
            (Transport::Tcp, Some(handle)) => {
                let socket = sockets.get_mut::<tcp::Socket>(handle);
                if self.answer.is_some() {
                    socket.close();
                } else {
                    socket.abort();
                }
            }
            _ => sockets.get_mut::<udp::Socket>(self.udp).close(),
        }
    }
}

/// Judges each datagram from `server`; an answer stays in `buffer`.
fn udp_receive(
    socket: &mut udp::Socket<'_>,
    server: IpEndpoint,
    current: &Current,
    buffer: &mut [u8],
    answer: &mut Option<Range<usize>>,
) -> Option<Outcome> {
    // A datagram too big for `buffer` is dropped by smoltcp (Truncated):
    // keep waiting, as for any datagram that is not the answer.
    while let Ok((len, meta)) = socket.recv_slice(buffer) {
        // The core judges the bytes, not where they came from: that check
        // is the driver's (tokio's connected socket does it in the kernel).
        if meta.endpoint != server {
            continue;
        }
        let judgement = current.query.judge(&buffer[..len]);
        if let Some(outcome) = judgement.outcome() {
            if let Judgement::Answer(_) = judgement {
                *answer = Some(0..len);
            }
            return Some(outcome);
        }
    }
    None
}

/// Reads the stream into `buffer` and judges each whole frame; an answer
/// stays in `buffer`, frames to ignore are dropped.
fn tcp_receive(
    socket: &mut tcp::Socket<'_>,
    current: &mut Current,
    buffer: &mut [u8],
    answer: &mut Option<Range<usize>>,
) -> Option<Outcome> {
    loop {
        while let Some((frame, _)) = framing::split_frame(&buffer[..current.received]) {
            let end = framing::PREFIX_LEN + frame.len();
            let judgement = current.query.judge(frame);
            if let Some(outcome) = judgement.outcome() {
                if let Judgement::Answer(_) = judgement {
                    *answer = Some(framing::PREFIX_LEN..end);
                }
                return Some(outcome);
            }
            buffer.copy_within(end..current.received, 0);
            current.received -= end;
        }
        if framing::bytes_needed(&buffer[..current.received]) > buffer.len() - current.received {
            return Some(Outcome::Failed); // a frame that cannot fit
        }
        match socket.recv_slice(&mut buffer[current.received..]) {
            Ok(len) if len > 0 => current.received += len,
            _ => return None,
        }
    }
}
