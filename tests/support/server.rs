//! A scripted DNS server on 127.0.0.1 that misbehaves on purpose: each
//! test gives it a script from request to actions (reply, wait, stall…)
//! and reads back the requests it saw. UDP and TCP on the same port, as a
//! real server; every TCP connection on a thread of its own, so a stalled
//! one holds up nothing else, serving as many queries as come on it
//! (each query's actions on a thread of their own, so pipelined queries are
//! answered side by side, as RFC 7766 §6.2.1.1 lets a server do).
//!
//! Shared by the resolver tests and `benches/src/bin/hostile_mx.rs` (which
//! includes this file by path).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use dnswire::stub::Transport;
use dnswire::{Class, Message, MessageBuilder, NameBuf, Rtype};

/// A query as the server received it.
#[derive(Clone, Debug)]
pub struct Request {
    pub transport: Transport,
    /// How many requests this server had seen before this one.
    pub index: usize,
    pub from: SocketAddr,
    pub id: u16,
    pub name: NameBuf,
    pub qtype: Rtype,
    pub qclass: Class,
    /// The UDP payload size the query advertised, if it carried EDNS.
    pub udp_payload: Option<u16>,
    pub edns: bool,
    /// The header's RD, CD and AD bits, and the OPT record's DO bit.
    pub rd: bool,
    pub cd: bool,
    pub ad: bool,
    pub dnssec_ok: bool,
    /// The EDNS options, code and data, in order.
    pub options: Vec<(u16, Vec<u8>)>,
    /// Over TCP, which connection (counted from 0) it came on.
    pub connection: usize,
    /// When it arrived, and when the first reply to it was sent.
    pub arrived: Instant,
}

pub enum Action {
    /// Send these bytes (a datagram, or one TCP frame in one write).
    Reply(Vec<u8>),
    /// Send these bytes from another UDP port of the server's address.
    ReplyFromOtherPort(Vec<u8>),
    /// Send a TCP frame a few bytes per write, with pauses between.
    ReplyInPieces(Vec<u8>, usize),
    /// Wait before the next action.
    Wait(Duration),
    /// TCP: keep the connection open and silent until the server stops.
    /// (Over UDP, silence is an empty list of actions.)
    Stall,
    /// TCP: close the connection (after the actions before).
    Close,
}

type Script = dyn Fn(&Request) -> Vec<Action> + Send + Sync;

pub struct ScriptedServer {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    requests: Arc<Mutex<Vec<Request>>>,
    /// When each request's first reply went out, by request index.
    replied: Arc<Mutex<Vec<(usize, Instant)>>>,
    connections: Arc<AtomicUsize>,
    threads: Vec<JoinHandle<()>>,
}

fn parse_request(bytes: &[u8], transport: Transport, index: usize, from: SocketAddr) -> Option<Request> {
    let message = Message::parse(bytes).ok()?;
    let question = message.question()?;
    let edns = message.edns();
    let header = message.header();
    Some(Request {
        transport,
        index,
        from,
        id: message.id(),
        name: NameBuf::from(question.name),
        qtype: question.qtype,
        qclass: question.qclass,
        udp_payload: edns.as_ref().map(|edns| edns.udp_payload_size),
        edns: edns.is_some(),
        rd: header.rd(),
        cd: header.cd(),
        ad: header.ad(),
        dnssec_ok: edns.as_ref().is_some_and(|edns| edns.dnssec_ok),
        options: edns.iter().flat_map(|edns| edns.options.options()).map(|o| (o.code.0, o.data.to_vec())).collect(),
        connection: 0,
        arrived: Instant::now(),
    })
}

/// Logs a request and returns it with its index.
fn log(
    requests: &Mutex<Vec<Request>>,
    bytes: &[u8],
    transport: Transport,
    from: SocketAddr,
    connection: usize,
) -> Option<Request> {
    let mut requests = requests.lock().unwrap();
    let mut request = parse_request(bytes, transport, requests.len(), from)?;
    request.connection = connection;
    requests.push(request.clone());
    Some(request)
}

/// Notes the first reply to request `index`.
fn replied(log: &Mutex<Vec<(usize, Instant)>>, index: usize) {
    let mut log = log.lock().unwrap();
    if !log.iter().any(|(seen, _)| *seen == index) {
        log.push((index, Instant::now()));
    }
}

/// What the server threads share.
#[derive(Clone)]
struct Shared {
    script: Arc<Script>,
    requests: Arc<Mutex<Vec<Request>>>,
    replied: Arc<Mutex<Vec<(usize, Instant)>>>,
    stop: Arc<AtomicBool>,
}

fn frame(bytes: &[u8]) -> Vec<u8> {
    let mut frame = (bytes.len() as u16).to_be_bytes().to_vec();
    frame.extend_from_slice(bytes);
    frame
}

/// Serves one TCP connection: each query read runs the script's actions
/// on a thread of its own, writing whole frames under one lock; the
/// connection ends at EOF, after 2 s without a query, at `Close`, or when
/// the server stops.
fn serve_tcp(stream: TcpStream, from: SocketAddr, connection: usize, shared: Shared) {
    stream.set_nonblocking(false).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    let writer = Arc::new(Mutex::new(stream.try_clone().unwrap()));
    let mut reader = stream;
    let mut answering: Vec<JoinHandle<()>> = Vec::new();
    loop {
        let mut prefix = [0u8; 2];
        if shared.stop.load(Ordering::Relaxed) || reader.read_exact(&mut prefix).is_err() {
            break;
        }
        let mut query = vec![0u8; usize::from(u16::from_be_bytes(prefix))];
        if reader.read_exact(&mut query).is_err() {
            break;
        }
        let Some(request) = log(&shared.requests, &query, Transport::Tcp, from, connection) else { break };
        let (writer, shared) = (Arc::clone(&writer), shared.clone());
        answering.retain(|thread| !thread.is_finished());
        answering.push(thread::spawn(move || {
            for action in (shared.script)(&request) {
                match action {
                    Action::Reply(bytes) => {
                        drop(writer.lock().unwrap().write_all(&frame(&bytes)));
                        replied(&shared.replied, request.index);
                    }
                    Action::ReplyInPieces(bytes, piece) => {
                        let mut stream = writer.lock().unwrap();
                        for chunk in frame(&bytes).chunks(piece) {
                            let _ = stream.write_all(chunk);
                            let _ = stream.flush();
                            thread::sleep(Duration::from_millis(2));
                        }
                        replied(&shared.replied, request.index);
                    }
                    Action::Wait(pause) => thread::sleep(pause),
                    Action::Stall => {
                        while !shared.stop.load(Ordering::Relaxed) {
                            thread::sleep(Duration::from_millis(10));
                        }
                    }
                    Action::Close => {
                        let _ = writer.lock().unwrap().shutdown(std::net::Shutdown::Both);
                        return;
                    }
                    Action::ReplyFromOtherPort(_) => panic!("other ports are for UDP"),
                }
            }
        }));
    }
    for thread in answering {
        let _ = thread.join();
    }
}

impl ScriptedServer {
    pub fn start(script: impl Fn(&Request) -> Vec<Action> + Send + Sync + 'static) -> Self {
        Self::start_on("127.0.0.1:0".parse().unwrap(), script)
    }

    /// [`ScriptedServer::start`] on a given address (port 0: any free one).
    pub fn start_on(addr: SocketAddr, script: impl Fn(&Request) -> Vec<Action> + Send + Sync + 'static) -> Self {
        let script: Arc<Script> = Arc::new(script);
        let (udp, tcp) = (0..50)
            .find_map(|_| {
                let udp = UdpSocket::bind(addr).ok()?;
                let tcp = TcpListener::bind(udp.local_addr().ok()?).ok()?;
                Some((udp, tcp))
            })
            .expect("a free port for UDP and TCP");
        let addr = udp.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let replied_log = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let mut threads = Vec::new();
        let shared = Shared {
            script: Arc::clone(&script),
            requests: Arc::clone(&requests),
            replied: Arc::clone(&replied_log),
            stop: Arc::clone(&stop),
        };

        udp.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
        let (s, r, st, rl) = (Arc::clone(&script), Arc::clone(&requests), Arc::clone(&stop), Arc::clone(&replied_log));
        threads.push(thread::spawn(move || {
            let mut buf = [0u8; 65535];
            // Each request's actions on a thread of their own, so that one
            // that waits holds up no other.
            let mut replying: Vec<JoinHandle<()>> = Vec::new();
            while !st.load(Ordering::Relaxed) {
                let Ok((len, from)) = udp.recv_from(&mut buf) else { continue };
                let Some(request) = log(&r, &buf[..len], Transport::Udp, from, 0) else { continue };
                let actions = s(&request);
                let socket = udp.try_clone().unwrap();
                let rl = Arc::clone(&rl);
                replying.retain(|thread| !thread.is_finished());
                replying.push(thread::spawn(move || {
                    for action in actions {
                        match action {
                            Action::Reply(bytes) => {
                                drop(socket.send_to(&bytes, from));
                                replied(&rl, request.index);
                            }
                            Action::ReplyFromOtherPort(bytes) => {
                                let other = UdpSocket::bind("127.0.0.1:0").unwrap();
                                other.send_to(&bytes, from).unwrap();
                            }
                            Action::Wait(pause) => thread::sleep(pause),
                            Action::Stall | Action::Close => {}
                            Action::ReplyInPieces(..) => panic!("pieces are for TCP"),
                        }
                    }
                }));
            }
            for thread in replying {
                let _ = thread.join();
            }
        }));

        tcp.set_nonblocking(true).unwrap();
        let counter = Arc::clone(&connections);
        threads.push(thread::spawn(move || {
            let mut serving = Vec::new();
            while !shared.stop.load(Ordering::Relaxed) {
                let Ok((stream, from)) = tcp.accept() else {
                    thread::sleep(Duration::from_millis(2));
                    continue;
                };
                let connection = counter.fetch_add(1, Ordering::SeqCst);
                let shared = shared.clone();
                serving.push(thread::spawn(move || serve_tcp(stream, from, connection, shared)));
            }
            for thread in serving {
                let _ = thread.join();
            }
        }));
        ScriptedServer { addr, stop, requests, replied: replied_log, connections, threads }
    }

    /// How many TCP connections were accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// When the first reply to request `index` went out, if one did.
    pub fn replied_at(&self, index: usize) -> Option<Instant> {
        self.replied.lock().unwrap().iter().find(|(seen, _)| *seen == index).map(|(_, at)| *at)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    /// How many requests arrived so far.
    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    /// Forgets the requests seen so far.
    pub fn clear(&self) {
        self.requests.lock().unwrap().clear();
    }
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

//--- Replies

/// A response to `request`: its ID and question, QR and RA set, then `edit`.
pub fn reply(request: &Request, edit: impl FnOnce(&mut MessageBuilder<Vec<u8>>)) -> Vec<u8> {
    let mut b = MessageBuilder::new(Vec::new()).unwrap();
    b.header_mut().set_id(request.id);
    b.header_mut().set_qr(true);
    b.header_mut().set_rd(true);
    b.header_mut().set_ra(true);
    b.push_question(&request.name, request.qtype, request.qclass).unwrap();
    edit(&mut b);
    b.finish()
}

/// `bytes` as a server sends them to `request`: over UDP, a response
/// larger than the query's payload (512 without EDNS) becomes its header
/// and question with TC=1.
pub fn fit(request: &Request, bytes: Vec<u8>) -> Vec<u8> {
    let limit = usize::from(request.udp_payload.unwrap_or(512).max(512));
    if request.transport == Transport::Tcp || bytes.len() <= limit {
        return bytes;
    }
    reply(request, |b| b.header_mut().set_tc(true))
}
