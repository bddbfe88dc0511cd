//! One try of a query over UDP or TCP, with `std::net`.

use core::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use core::time::Duration;
use std::io::{self, Read, Write};
use std::net::{TcpStream, UdpSocket};
use std::vec;
use std::vec::Vec;

use crate::resolver::deadline::Deadline;
use crate::resolver::{Event, Failure};
use crate::stub::{Judgement, Query, Transport, QUERY_BUFFER_LEN};
use crate::tcp;

/// How one try ended.
pub(crate) enum TryResult {
    /// The bytes of an accepted answer.
    Answer(Vec<u8>),
    Truncated,
    EdnsRejected,
    Failed(Failure),
    TimedOut,
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
/// ignore.
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
    let Ok(len) = query.write(&mut out) else {
        return TryResult::Failed(Failure::Io(io::Error::other("query does not fit")));
    };
    if let Err(error) = socket.send(&out[..len]) {
        return TryResult::Failed(Failure::Io(error));
    }
    let mut buf = vec![0u8; crate::MAX_MESSAGE_LEN];
    loop {
        let left = match wait_left(deadline) {
            Ok(left) => left,
            Err(timed_out) => return timed_out,
        };
        if let Err(error) = socket.set_read_timeout(left) {
            return TryResult::Failed(Failure::Io(error));
        }
        let received = match socket.recv(&mut buf) {
            Ok(received) => received,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return io_result(error),
        };
        match query.judge(&buf[..received]) {
            Judgement::Ignore(why) => observe(Event::Ignored { server, transport: Transport::Udp, why }),
            Judgement::Answer(_) => {
                buf.truncate(received);
                return TryResult::Answer(buf);
            }
            Judgement::Truncated => return TryResult::Truncated,
            Judgement::EdnsRejected => return TryResult::EdnsRejected,
            Judgement::ServerFailure(why) => return TryResult::Failed(Failure::Server(why)),
        }
    }
}

/// Fills `buf` from `stream`, however the bytes are split, before `deadline`.
fn read_full(stream: &mut TcpStream, buf: &mut [u8], deadline: Deadline) -> Result<(), TryResult> {
    let mut filled = 0;
    while filled < buf.len() {
        let left = wait_left(deadline)?;
        stream.set_read_timeout(left).map_err(io_result)?;
        match stream.read(&mut buf[filled..]) {
            Ok(0) => return Err(TryResult::Failed(Failure::Io(io::ErrorKind::UnexpectedEof.into()))),
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(io_result(error)),
        }
    }
    Ok(())
}

/// Asks `query` of `server` over a fresh TCP connection: connect, write,
/// read one length-prefixed response, all before `deadline`.
pub(crate) fn tcp(server: SocketAddr, query: &Query, deadline: Deadline) -> TryResult {
    tcp_exchange(server, query, deadline).unwrap_or_else(|ended| ended)
}

/// [`tcp`], with every way to end early as the `Err`.
fn tcp_exchange(server: SocketAddr, query: &Query, deadline: Deadline) -> Result<TryResult, TryResult> {
    let connected = match wait_left(deadline)? {
        Some(left) => TcpStream::connect_timeout(&server, left),
        None => TcpStream::connect(server),
    };
    let mut stream = connected.map_err(io_result)?;
    let _ = stream.set_nodelay(true);
    let mut out = [0u8; QUERY_BUFFER_LEN];
    let Ok(len) = query.write_tcp(&mut out) else {
        return Err(TryResult::Failed(Failure::Io(io::Error::other("query does not fit"))));
    };
    stream.set_write_timeout(wait_left(deadline)?).and_then(|()| stream.write_all(&out[..len])).map_err(io_result)?;
    let mut prefix = [0u8; tcp::PREFIX_LEN];
    read_full(&mut stream, &mut prefix, deadline)?;
    let mut buf = vec![0u8; tcp::frame_len(prefix)];
    read_full(&mut stream, &mut buf, deadline)?;
    Ok(match query.judge(&buf) {
        Judgement::Answer(_) => TryResult::Answer(buf),
        Judgement::EdnsRejected => TryResult::EdnsRejected,
        Judgement::ServerFailure(why) => TryResult::Failed(Failure::Server(why)),
        // On a connection of our own, anything else is the server's fault.
        Judgement::Truncated => TryResult::Failed(Failure::TruncatedOverTcp),
        Judgement::Ignore(why) => TryResult::Failed(Failure::Mismatch(why)),
    })
}
