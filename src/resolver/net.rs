//! One try of a query over UDP or TCP, with `std::net`: a fresh UDP socket
//! per try; one TCP connection per server, kept open, reused and shared by
//! the queries in flight to it (RFC 7766 §6.2: pipelining, answers taken
//! out of order by ID).

use core::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use core::time::Duration;
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{TcpStream, UdpSocket};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Instant;
use std::vec;
use std::vec::Vec;

use crate::resolver::deadline::Deadline;
use crate::resolver::{random, Event, Failure};
use crate::stub::{Judgement, Mismatch, Query, ServerCookie, ServerFailure, Transport, QUERY_BUFFER_LEN};
use crate::tcp;

/// How one try ended.
pub(crate) enum TryResult {
    /// The bytes of an accepted answer.
    Answer(Vec<u8>),
    Truncated,
    EdnsRejected,
    /// BADCOOKIE, with the server cookie it carried.
    BadCookie(Option<ServerCookie>),
    Failed(Failure),
    TimedOut,
}

impl TryResult {
    /// The result of a judgement that ends the try.
    fn of(judgement: Judgement<'_>, bytes: &[u8]) -> TryResult {
        match judgement {
            Judgement::Answer(_) => TryResult::Answer(bytes.to_vec()),
            Judgement::Truncated => TryResult::Truncated,
            Judgement::EdnsRejected => TryResult::EdnsRejected,
            Judgement::BadCookie(message) => TryResult::BadCookie(ServerCookie::from_response(&message)),
            Judgement::ServerFailure(why) => TryResult::Failed(Failure::Server(why)),
            // Over TCP, a response to another ID (callers route by ID and
            // never judge one); over UDP the caller keeps waiting.
            Judgement::Ignore(why) => TryResult::Failed(Failure::Server(ServerFailure::Mismatch(why))),
        }
    }
}

fn io_result(error: io::Error) -> TryResult {
    match error.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => TryResult::TimedOut,
        _ => TryResult::Failed(Failure::Io(error)),
    }
}

/// The time a socket call may wait before `deadline`: `Ok(None)` for no
/// limit, `Err` once it has passed (a zero timeout is no timeout to std).
fn wait_left(deadline: Deadline) -> Result<Option<Duration>, TryResult> {
    match deadline.left() {
        Some(left) if left.is_zero() => Err(TryResult::TimedOut),
        left => Ok(left),
    }
}

/// Sends `query` to `server` from a fresh socket on an OS-chosen port,
/// `connect`ed so that the kernel drops datagrams from anywhere else, and
/// waits until `deadline` for a response that [`Query::judge`] does not
/// ignore. If it times out after ignoring responses whose name's case or
/// cookie was wrong, that mismatch is the failure: the server (or
/// something on the way) answers, but not as the query asks.
pub(crate) fn udp(server: SocketAddr, query: &Query, deadline: Deadline, observe: &dyn Fn(Event)) -> TryResult {
    let local: SocketAddr = match server {
        SocketAddr::V4(_) => (Ipv4Addr::UNSPECIFIED, 0).into(),
        SocketAddr::V6(_) => (Ipv6Addr::UNSPECIFIED, 0).into(),
    };
    let socket = match UdpSocket::bind(local).and_then(|s| s.connect(server).map(|()| s)) {
        Ok(socket) => socket,
        Err(error) => return TryResult::Failed(Failure::Io(error)),
    };
    let mut out = [0u8; QUERY_BUFFER_LEN];
    let Ok(len) = query.write_message(&mut out) else {
        return TryResult::Failed(Failure::Io(io::Error::other("query does not fit")));
    };
    if let Err(error) = socket.send(&out[..len]) {
        return TryResult::Failed(Failure::Io(error));
    }
    let mut buf = vec![0u8; crate::MAX_MESSAGE_LEN];
    let mut refused = None;
    let timed_out = |refused: Option<Mismatch>| match refused {
        Some(why) => TryResult::Failed(Failure::Server(ServerFailure::Mismatch(why))),
        None => TryResult::TimedOut,
    };
    loop {
        let left = match wait_left(deadline) {
            Ok(left) => left,
            Err(_) => return timed_out(refused),
        };
        if let Err(error) = socket.set_read_timeout(left) {
            return TryResult::Failed(Failure::Io(error));
        }
        let received = match socket.recv(&mut buf) {
            Ok(received) => received,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => {
                return match io_result(error) {
                    TryResult::TimedOut => timed_out(refused),
                    other => other,
                }
            }
        };
        match query.judge(&buf[..received]) {
            Judgement::Ignore(why) => {
                if matches!(why, Mismatch::Case | Mismatch::Cookie) {
                    refused = Some(why);
                }
                observe(Event::Ignored { server, transport: Transport::Udp, why });
            }
            judgement => return TryResult::of(judgement, &buf[..received]),
        }
    }
}

//--- TCP

/// A connection unused for this long is closed rather than reused: servers
/// close idle ones (knotd after 10 s, BIND after 30 s, RFC 7766 §6.2.3).
const IDLE_LIMIT: Duration = Duration::from_secs(8);

/// The TCP connections of one resolver (and its clones): at most one per
/// server, opened on first use, shared by the queries in flight to that
/// server and kept for the next ones.
#[derive(Default)]
pub(crate) struct TcpPool {
    slots: Mutex<HashMap<SocketAddr, Arc<Slot>>>,
}

/// One server's connection, or the connect in progress.
#[derive(Default)]
struct Slot {
    state: Mutex<SlotState>,
    changed: Condvar,
}

#[derive(Default)]
enum SlotState {
    #[default]
    Empty,
    Connecting,
    Ready(Arc<Connection>),
}

/// One open connection: queries are written whole under `writer`; whoever
/// finds the reader free reads for everyone, and hands each frame to the
/// query with its ID.
struct Connection {
    writer: Mutex<TcpStream>,
    state: Mutex<ConnectionState>,
    changed: Condvar,
}

struct ConnectionState {
    /// The reading half and its bytes not yet framed; `None` while a
    /// thread reads.
    reader: Option<Reader>,
    /// The IDs in flight, and the frame once it has come.
    waiting: HashMap<u16, Option<Vec<u8>>>,
    /// Why the connection is unusable (closed, reset), once it is.
    broken: Option<io::ErrorKind>,
    last_used: Instant,
}

struct Reader {
    stream: TcpStream,
    buffered: Vec<u8>,
}

/// The mutex's value, even if a thread panicked holding it (what it
/// guards stays consistent: every update is one assignment).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Waits on `changed` until `deadline` (or a spurious wake-up); `None`
/// once the deadline has passed.
fn wait_until<'a, T>(changed: &Condvar, guard: MutexGuard<'a, T>, deadline: Deadline) -> Option<MutexGuard<'a, T>> {
    match deadline.left() {
        Some(left) if left.is_zero() => None,
        Some(left) => Some(changed.wait_timeout(guard, left).unwrap_or_else(|p| p.into_inner()).0),
        None => Some(changed.wait(guard).unwrap_or_else(|p| p.into_inner())),
    }
}

impl TcpPool {
    /// Asks `query` of `server` over TCP before `deadline`, on the
    /// server's open connection if there is one. A reused connection that
    /// turns out closed (the server dropped it while idle) is replaced by a
    /// fresh one, once.
    pub(crate) fn ask(
        &self,
        server: SocketAddr,
        query: &Query,
        deadline: Deadline,
        observe: &dyn Fn(Event),
    ) -> TryResult {
        let slot = Arc::clone(lock(&self.slots).entry(server).or_default());
        for _ in 0..2 {
            let (connection, reused) = match slot.connection(server, deadline, observe) {
                Ok(found) => found,
                Err(ended) => return ended,
            };
            match connection.exchange(query, deadline) {
                Err(_) if reused => slot.forget(&connection),
                Err(closed) => {
                    slot.forget(&connection);
                    return TryResult::Failed(Failure::Io(closed.into()));
                }
                Ok(result) => {
                    if matches!(result, TryResult::TimedOut) {
                        // A server that did not answer in time may be stuck:
                        // the next queries get a connection of their own
                        // (this one closes when its queries in flight end).
                        slot.forget(&connection);
                    }
                    return result;
                }
            }
        }
        TryResult::Failed(Failure::Io(io::ErrorKind::ConnectionReset.into()))
    }
}

impl Slot {
    /// The open connection, or a new one; whether it was open already.
    fn connection(
        &self,
        server: SocketAddr,
        deadline: Deadline,
        observe: &dyn Fn(Event),
    ) -> Result<(Arc<Connection>, bool), TryResult> {
        let mut state = lock(&self.state);
        loop {
            match &*state {
                SlotState::Ready(connection) if connection.usable() => return Ok((Arc::clone(connection), true)),
                SlotState::Connecting => {
                    state = wait_until(&self.changed, state, deadline).ok_or(TryResult::TimedOut)?;
                }
                _ => break,
            }
        }
        *state = SlotState::Connecting;
        drop(state);
        let connected = Connection::open(server, deadline);
        let mut state = lock(&self.state);
        let result = match connected {
            Ok(connection) => {
                observe(Event::Connected { server });
                let connection = Arc::new(connection);
                *state = SlotState::Ready(Arc::clone(&connection));
                Ok((connection, false))
            }
            Err(ended) => {
                *state = SlotState::Empty;
                Err(ended)
            }
        };
        self.changed.notify_all();
        result
    }

    /// Drops `connection` if it is still this slot's.
    fn forget(&self, connection: &Arc<Connection>) {
        let mut state = lock(&self.state);
        if matches!(&*state, SlotState::Ready(current) if Arc::ptr_eq(current, connection)) {
            *state = SlotState::Empty;
        }
    }
}

impl Connection {
    fn open(server: SocketAddr, deadline: Deadline) -> Result<Connection, TryResult> {
        let connected = match wait_left(deadline)? {
            Some(left) => TcpStream::connect_timeout(&server, left),
            None => TcpStream::connect(server),
        };
        let stream = connected.map_err(io_result)?;
        let _ = stream.set_nodelay(true);
        let reading = stream.try_clone().map_err(|error| TryResult::Failed(Failure::Io(error)))?;
        Ok(Connection {
            writer: Mutex::new(stream),
            state: Mutex::new(ConnectionState {
                reader: Some(Reader { stream: reading, buffered: Vec::new() }),
                waiting: HashMap::new(),
                broken: None,
                last_used: Instant::now(),
            }),
            changed: Condvar::new(),
        })
    }

    fn usable(&self) -> bool {
        let state = lock(&self.state);
        state.broken.is_none() && (state.last_used.elapsed() < IDLE_LIMIT || !state.waiting.is_empty())
    }

    /// Marks the connection unusable and wakes everyone waiting on it.
    fn break_with(&self, state: &mut ConnectionState, kind: io::ErrorKind) {
        state.broken.get_or_insert(kind);
        self.changed.notify_all();
    }

    /// Writes `query` (under an ID no other query in flight here has) and
    /// waits for its response; `Err` if the connection closed or failed
    /// before it came.
    fn exchange(&self, query: &Query, deadline: Deadline) -> Result<TryResult, io::ErrorKind> {
        let mut state = lock(&self.state);
        if let Some(kind) = state.broken {
            return Err(kind);
        }
        let mut query = query.clone().with_transport(Transport::Tcp);
        while state.waiting.contains_key(&query.id()) {
            query = query.with_id(random::random_id());
        }
        let id = query.id();
        state.waiting.insert(id, None);
        drop(state);
        let result = self.send(&query, deadline).and_then(|()| self.receive(&query, deadline));
        let mut state = lock(&self.state);
        state.waiting.remove(&id);
        state.last_used = Instant::now();
        result
    }

    fn send(&self, query: &Query, deadline: Deadline) -> Result<(), io::ErrorKind> {
        let mut out = [0u8; QUERY_BUFFER_LEN];
        let len = query.write_tcp(&mut out).map_err(|_| io::ErrorKind::InvalidInput)?;
        let mut writer = lock(&self.writer);
        let left = match wait_left(deadline) {
            Ok(left) => left,
            Err(_) => return Err(io::ErrorKind::TimedOut),
        };
        let written = writer.set_write_timeout(left).and_then(|()| writer.write_all(&out[..len]));
        drop(writer);
        if let Err(error) = written {
            let mut state = lock(&self.state);
            self.break_with(&mut state, error.kind());
            return Err(error.kind());
        }
        Ok(())
    }

    /// Waits for the frame with `query`'s ID, reading the connection when
    /// no one else is.
    fn receive(&self, query: &Query, deadline: Deadline) -> Result<TryResult, io::ErrorKind> {
        let id = query.id();
        let mut state = lock(&self.state);
        loop {
            if let Some(Some(frame)) = state.waiting.get_mut(&id).map(Option::take) {
                return Ok(TryResult::of(query.judge(&frame), &frame));
            }
            if let Some(kind) = state.broken {
                return Err(kind);
            }
            if let Some(mut reader) = state.reader.take() {
                drop(state);
                let read = reader.read_frames(deadline);
                state = lock(&self.state);
                match read {
                    Ok(frames) => {
                        for frame in frames {
                            let frame_id = u16::from_be_bytes([frame[0], frame[1]]);
                            // Responses to queries no longer waiting are dropped.
                            if let Some(slot @ None) = state.waiting.get_mut(&frame_id) {
                                *slot = Some(frame);
                            }
                        }
                        state.reader = Some(reader);
                        self.changed.notify_all();
                    }
                    Err(ReadEnd::TimedOut) => {
                        state.reader = Some(reader);
                        self.changed.notify_all();
                        return Ok(TryResult::TimedOut);
                    }
                    Err(ReadEnd::Closed(kind)) => self.break_with(&mut state, kind),
                }
                continue;
            }
            state = match wait_until(&self.changed, state, deadline) {
                Some(state) => state,
                None => return Ok(TryResult::TimedOut),
            };
        }
    }
}

enum ReadEnd {
    TimedOut,
    Closed(io::ErrorKind),
}

impl Reader {
    /// Reads until at least one whole message has come (or `deadline`),
    /// and returns the messages, without their prefixes. At most one
    /// message and a read's worth of bytes are held.
    fn read_frames(&mut self, deadline: Deadline) -> Result<Vec<Vec<u8>>, ReadEnd> {
        let mut chunk = vec![0u8; 16 * 1024];
        loop {
            let mut frames = Vec::new();
            while self.buffered.len() >= tcp::PREFIX_LEN {
                let len = tcp::frame_len([self.buffered[0], self.buffered[1]]);
                if self.buffered.len() < tcp::PREFIX_LEN + len {
                    break;
                }
                let frame = self.buffered[tcp::PREFIX_LEN..tcp::PREFIX_LEN + len].to_vec();
                self.buffered.drain(..tcp::PREFIX_LEN + len);
                // Shorter than an ID: nobody's answer.
                if frame.len() >= 2 {
                    frames.push(frame);
                }
            }
            if !frames.is_empty() {
                return Ok(frames);
            }
            let left = match wait_left(deadline) {
                Ok(left) => left,
                Err(_) => return Err(ReadEnd::TimedOut),
            };
            if let Err(error) = self.stream.set_read_timeout(left) {
                return Err(ReadEnd::Closed(error.kind()));
            }
            match self.stream.read(&mut chunk) {
                Ok(0) => return Err(ReadEnd::Closed(io::ErrorKind::UnexpectedEof)),
                Ok(n) => self.buffered.extend_from_slice(&chunk[..n]),
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) if matches!(error.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                    return Err(ReadEnd::TimedOut)
                }
                Err(error) => return Err(ReadEnd::Closed(error.kind())),
            }
        }
    }
}
