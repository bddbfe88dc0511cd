//! Looks a name up by driving dnswire's sans-IO stub core over tokio's
//! sockets, and prints the answer records as dig does: the model of a
//! driver for any async runtime.
//!
//! ```text
//! cargo run -p dnswire-tokio --bin tokio_lookup -- @127.0.0.1:53 host.mail.test A
//! ```
//! Each attempt goes to stderr: server, transport, outcome.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use dnswire::stub::QUERY_BUFFER_LEN;
use dnswire::stub::{Judgement, OsRandom, Outcome, Query, RandomSource, RetryPlan, RetrySettings, Transport};
use dnswire::tcp::{FrameReader, FRAME_BUFFER_LEN};
use dnswire::{Message, NameBuf, Rtype};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};
use tokio::time::{timeout_at, Instant};

/// How long one attempt waits, and the whole lookup (one budget for every
/// retry and fallback, never reset).
const ATTEMPT: Duration = Duration::from_secs(2);
const BUDGET: Duration = Duration::from_secs(10);

/// What ended an attempt; an answer is copied out of the receive buffer.
type Ended = (Outcome, Option<Message<Vec<u8>>>);

/// The end of the attempt, if `judgement` is one (not `Ignore`).
fn ended(judgement: Judgement<'_>) -> Option<Ended> {
    let outcome = judgement.outcome()?;
    Some((outcome, if let Judgement::Answer(message) = judgement { Some(message.to_vec()) } else { None }))
}

/// Sends `out` in one datagram; judges what comes back until an end.
async fn udp(server: SocketAddr, query: &Query, out: &[u8]) -> io::Result<Ended> {
    let socket = UdpSocket::bind(if server.is_ipv4() { "0.0.0.0:0" } else { "[::]:0" }).await?;
    // Connected: the kernel drops datagrams from anyone but the server,
    // which the core cannot check (it judges bytes, not addresses).
    socket.connect(server).await?;
    socket.send(out).await?;
    let mut buf = vec![0; 65_535];
    loop {
        let len = socket.recv(&mut buf).await?;
        if let Some(end) = ended(query.judge(&buf[..len])) {
            return Ok(end);
        }
    }
}

/// Sends `out` (length-prefixed) on a new connection; judges each frame.
async fn tcp(server: SocketAddr, query: &Query, out: &[u8]) -> io::Result<Ended> {
    let mut stream = TcpStream::connect(server).await?;
    stream.write_all(out).await?;
    let mut frames = FrameReader::new(vec![0; FRAME_BUFFER_LEN]);
    loop {
        match stream.read(frames.space()).await? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            len => frames.filled(len),
        }
        while let Some(frame) = frames.next_frame().map_err(io::Error::other)? {
            if let Some(end) = ended(query.judge(frame)) {
                return Ok(end);
            }
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [server, name, qtype] = &args[..] else { return Err("usage: tokio_lookup @address:port name type".into()) };
    let servers: [SocketAddr; 1] = [server.strip_prefix('@').ok_or("the server goes after @")?.parse()?];
    let template = Query::new(name.parse::<NameBuf>()?.to_absolute()?, qtype.parse::<Rtype>()?, 0)?;
    let mut plan = RetryPlan::new(servers.len(), RetrySettings::default());
    let end = Instant::now() + BUDGET;
    while let Some(attempt) = plan.next_attempt().filter(|_| Instant::now() < end) {
        let query = template.for_attempt(&attempt, OsRandom.next_id());
        let mut out = [0u8; QUERY_BUFFER_LEN];
        let len = query.write(&mut out)?;
        let out = &out[..len];
        let server = servers[attempt.server];
        let exchange = async {
            match attempt.transport {
                Transport::Udp => udp(server, &query, out).await,
                Transport::Tcp => tcp(server, &query, out).await,
            }
        };
        let (outcome, answer) = match timeout_at(end.min(Instant::now() + ATTEMPT), exchange).await {
            Ok(Ok(ended)) => ended,
            Ok(Err(error)) => {
                eprintln!(";; {server}: {error}");
                (Outcome::Failed, None)
            }
            Err(_deadline) => (Outcome::TimedOut, None),
        };
        eprintln!(";; {server} {:?}: {outcome:?}", attempt.transport);
        plan.report(outcome);
        if let Some(message) = answer {
            eprintln!(";; status: {}, {} answer records", message.rcode(), message.answers().count());
            message.answers().for_each(|record| println!("{record}"));
            return Ok(());
        }
    }
    Err("no answer".into())
}
