//! The lookup over smoltcp's Loopback device, against a responder on the
//! same interface (10.0.0.1) written with dnswire's `MessageBuilder`: a
//! UDP socket and a TCP listener on port 53, scripted per query. Time is
//! simulated (10 ms a turn of the main loop), so timeouts cost nothing.

use std::net::Ipv4Addr;
use std::task::Poll;

use dnswire::stub::{Outcome, Query, RetrySettings, Transport};
use dnswire::{tcp as framing, Class, Message, MessageBuilder, RData, Rcode, Rtype, A};
use dnswire_smoltcp::{Error, Lookup};
use smoltcp::iface::{Config, Interface, SocketHandle, SocketSet};
use smoltcp::phy::{Loopback, Medium};
use smoltcp::socket::{tcp, udp};
use smoltcp::time::{Duration, Instant};
use smoltcp::wire::{HardwareAddress, IpAddress, IpCidr, IpEndpoint};

const ADDRESS: IpAddress = IpAddress::v4(10, 0, 0, 1);
const SERVER: IpEndpoint = IpEndpoint { addr: ADDRESS, port: 53 };
const TICK: Duration = Duration::from_millis(10);

/// The zone the responder serves: `host.test.` has one address,
/// `many.test.` a hundred (1 600 bytes of answers: truncated over UDP).
fn addresses(name: &str) -> Vec<Ipv4Addr> {
    match name {
        "host.test." => vec![Ipv4Addr::new(192, 0, 2, 10)],
        "many.test." => (1..=100).map(|i| Ipv4Addr::new(198, 51, 100, i)).collect(),
        _ => vec![],
    }
}

/// What the responder does with the n-th UDP query.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Udp {
    /// Answers it (truncated if the answer does not fit the query's payload).
    Answer,
    /// Says nothing.
    Silent,
    /// Answers it truncated (TC=1, no records) whatever its size.
    Truncated,
    /// FORMERR without an OPT record if it has EDNS, as an old server
    /// would; answers it otherwise.
    RejectEdns,
    /// Sends a forged answer (another address) from port 5353 first, then
    /// the real one from port 53 a turn later.
    SpoofThenAnswer,
}

/// A query the responder received.
#[derive(Debug)]
struct Seen {
    tcp: bool,
    id: u16,
    edns: bool,
    /// The client's port.
    port: u16,
}

struct Net {
    iface: Interface,
    device: Loopback,
    sockets: SocketSet<'static>,
    now: Instant,
    client_udp: SocketHandle,
    client_tcp: SocketHandle,
    server_udp: SocketHandle,
    spoofer: SocketHandle,
    server_tcp: SocketHandle,
    script: Vec<Udp>,
    /// Over TCP, a response with another ID goes first.
    tcp_stray_first: bool,
    seen: Vec<Seen>,
    tcp_received: Vec<u8>,
    /// A UDP reply to send on the responder's next turn.
    delayed: Option<(Vec<u8>, IpEndpoint)>,
}

fn udp_socket() -> udp::Socket<'static> {
    let buffer = || udp::PacketBuffer::new(vec![udp::PacketMetadata::EMPTY; 8], vec![0; 8192]);
    udp::Socket::new(buffer(), buffer())
}

fn tcp_socket() -> tcp::Socket<'static> {
    tcp::Socket::new(tcp::SocketBuffer::new(vec![0; 8192]), tcp::SocketBuffer::new(vec![0; 8192]))
}

impl Net {
    fn new(script: &[Udp]) -> Net {
        let mut device = Loopback::new(Medium::Ip);
        let now = Instant::from_secs(1000);
        let mut iface = Interface::new(Config::new(HardwareAddress::Ip), &mut device, now);
        iface.update_ip_addrs(|addrs| addrs.push(IpCidr::new(ADDRESS, 24)).unwrap());
        let mut sockets = SocketSet::new(vec![]);
        let client_udp = sockets.add(udp_socket());
        let client_tcp = sockets.add(tcp_socket());
        let mut server = udp_socket();
        server.bind(53).unwrap();
        let server_udp = sockets.add(server);
        let mut spoofer = udp_socket();
        spoofer.bind(5353).unwrap();
        let spoofer = sockets.add(spoofer);
        let mut listener = tcp_socket();
        listener.listen(53).unwrap();
        let server_tcp = sockets.add(listener);
        Net {
            iface,
            device,
            sockets,
            now,
            client_udp,
            client_tcp,
            server_udp,
            spoofer,
            server_tcp,
            script: script.to_vec(),
            tcp_stray_first: false,
            seen: vec![],
            tcp_received: vec![],
            delayed: None,
        }
    }

    /// Runs the main loop until the lookup is ready, for at most a minute
    /// of simulated time: the answer's rcode and addresses.
    fn run(
        &mut self,
        lookup: &mut Lookup<'_, impl dnswire::stub::RandomSource>,
    ) -> Result<(Rcode, Vec<Ipv4Addr>), Error> {
        for _ in 0..6000 {
            self.iface.poll(self.now, &mut self.device, &mut self.sockets);
            self.serve();
            self.iface.poll(self.now, &mut self.device, &mut self.sockets);
            if let Poll::Ready(result) = lookup.poll(&mut self.iface, &mut self.sockets, self.now) {
                return result.map(|message| (message.rcode(), answer_addresses(&message)));
            }
            self.now += TICK;
        }
        panic!("the lookup never ended");
    }

    /// The responder's turn: answers what came on port 53.
    fn serve(&mut self) {
        if let Some((reply, to)) = self.delayed.take() {
            self.sockets.get_mut::<udp::Socket>(self.server_udp).send_slice(&reply, to).unwrap();
        }
        while let Ok((bytes, meta)) = self.sockets.get_mut::<udp::Socket>(self.server_udp).recv() {
            let query = Message::parse(bytes.to_vec()).expect("a query");
            let behaviour =
                self.script.get(self.seen.iter().filter(|s| !s.tcp).count()).copied().unwrap_or(Udp::Answer);
            self.seen.push(Seen { tcp: false, id: query.id(), edns: query.edns().is_some(), port: meta.endpoint.port });
            let reply = match behaviour {
                Udp::Silent => continue,
                Udp::RejectEdns if query.edns().is_some() => formerr(&query),
                Udp::Truncated => respond(&query, false, true),
                Udp::SpoofThenAnswer => {
                    let forged = respond_with(&query, false, false, &[Ipv4Addr::new(203, 0, 113, 66)]);
                    let spoofer = self.sockets.get_mut::<udp::Socket>(self.spoofer);
                    spoofer.send_slice(&forged, meta.endpoint).unwrap();
                    // The real answer a turn later: the forged one is in first.
                    self.delayed = Some((respond(&query, false, false), meta.endpoint));
                    continue;
                }
                Udp::Answer | Udp::RejectEdns => respond(&query, false, false),
            };
            self.sockets.get_mut::<udp::Socket>(self.server_udp).send_slice(&reply, meta.endpoint).unwrap();
        }
        self.serve_tcp();
    }

    fn serve_tcp(&mut self) {
        let socket = self.sockets.get_mut::<tcp::Socket>(self.server_tcp);
        let mut chunk = [0u8; 1024];
        while let Ok(len @ 1..) = socket.recv_slice(&mut chunk) {
            self.tcp_received.extend_from_slice(&chunk[..len]);
        }
        let Some((frame, _)) = framing::split_frame(&self.tcp_received) else { return };
        let query = Message::parse(frame.to_vec()).expect("a query");
        self.tcp_received.clear();
        let port = socket.remote_endpoint().unwrap().port;
        self.seen.push(Seen { tcp: true, id: query.id(), edns: query.edns().is_some(), port });
        if self.tcp_stray_first {
            let mut stray = respond(&query, true, false);
            stray[2] ^= 0xff; // another ID
            socket.send_slice(&stray).unwrap();
        }
        socket.send_slice(&respond(&query, true, false)).unwrap();
        socket.close();
    }

    fn udp_queries(&self) -> usize {
        self.seen.iter().filter(|s| !s.tcp).count()
    }
}

/// The response to `query` (with its TCP prefix if `framed`): its
/// addresses, truncated if they do not fit (or if `truncated`).
fn respond(query: &Message<Vec<u8>>, framed: bool, truncated: bool) -> Vec<u8> {
    let name = query.question().unwrap().name.to_string();
    respond_with(query, framed, truncated, &addresses(&name))
}

/// The response to `query` with `addresses` (none: NXDOMAIN).
fn respond_with(query: &Message<Vec<u8>>, framed: bool, truncated: bool, addresses: &[Ipv4Addr]) -> Vec<u8> {
    let mut buf = vec![0u8; 65_535];
    let mut response = if framed {
        MessageBuilder::start_framed_response(&mut buf[..], query).unwrap()
    } else {
        MessageBuilder::start_response(&mut buf[..], query).unwrap()
    };
    response.header_mut().set_aa(true);
    let name = query.question().unwrap().name.to_string();
    let mut fits = !truncated;
    for &addr in addresses {
        fits = fits && response.push_answer(&name[..], Class::IN, 300, &A::from(addr)).is_ok();
    }
    if !fits {
        response.truncate();
    }
    if addresses.is_empty() {
        response.set_rcode(Rcode::NXDOMAIN).unwrap();
    }
    response.finish().to_vec()
}

/// FORMERR without an OPT record: what a server that knows no EDNS says.
fn formerr(query: &Message<Vec<u8>>) -> Vec<u8> {
    let mut buf = [0u8; 512];
    let mut response = MessageBuilder::new(&mut buf[..]).unwrap();
    response.header_mut().set_id(query.id());
    response.header_mut().set_qr(true);
    response.header_mut().set_low_rcode(Rcode::FORMERR);
    response.finish().to_vec()
}

fn answer_addresses(message: &Message<&[u8]>) -> Vec<Ipv4Addr> {
    message
        .answers()
        .map(|record| match record.rdata() {
            RData::A(a) => a.addr,
            other => panic!("not an address: {other:?}"),
        })
        .collect()
}

/// A xorshift, seeded: what a board's RNG would be in these tests.
fn random(seed: u64) -> impl FnMut(&mut [u8]) {
    let mut state = seed;
    move |out: &mut [u8]| {
        for byte in out {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *byte = state as u8;
        }
    }
}

fn query(name: &str) -> Query {
    Query::new(name.parse().unwrap(), Rtype::A, 0).unwrap()
}

#[test]
fn answers_over_udp() {
    let mut net = Net::new(&[Udp::Answer]);
    let mut buffer = [0u8; 1232];
    let mut lookup = Lookup::new(query("host.test."), &[SERVER], net.client_udp, &mut buffer, random(1));
    assert_eq!(net.run(&mut lookup), Ok((Rcode::NOERROR, addresses("host.test."))));
    assert_eq!(net.seen.len(), 1);
    assert!(net.seen[0].edns && net.seen[0].port >= 49152);
    let (attempt, outcome) = lookup.last_attempt().unwrap();
    assert_eq!((attempt.server, attempt.transport, outcome), (0, Transport::Udp, Outcome::Answered));
    // The socket is closed at the end, for the next lookup.
    assert!(!net.sockets.get::<udp::Socket>(net.client_udp).is_open());
}

#[test]
fn nxdomain_is_an_answer() {
    let mut net = Net::new(&[]);
    let mut buffer = [0u8; 1232];
    let mut lookup = Lookup::new(query("none.test."), &[SERVER], net.client_udp, &mut buffer, random(2));
    assert_eq!(net.run(&mut lookup), Ok((Rcode::NXDOMAIN, vec![])));
}

#[test]
fn truncated_answer_is_asked_again_over_tcp() {
    let mut net = Net::new(&[]);
    let mut buffer = [0u8; 2048];
    let mut lookup =
        Lookup::new(query("many.test."), &[SERVER], net.client_udp, &mut buffer, random(3)).with_tcp(net.client_tcp);
    assert_eq!(net.run(&mut lookup), Ok((Rcode::NOERROR, addresses("many.test."))));
    let transports: Vec<bool> = net.seen.iter().map(|s| s.tcp).collect();
    assert_eq!(transports, [false, true]);
    assert_ne!(net.seen[0].id, net.seen[1].id, "a fresh ID for each attempt");
    assert_eq!(lookup.last_attempt().map(|(attempt, _)| attempt.transport), Some(Transport::Tcp));
}

#[test]
fn over_tcp_a_response_with_another_id_is_skipped() {
    let mut net = Net::new(&[Udp::Truncated]);
    net.tcp_stray_first = true;
    let mut buffer = [0u8; 1232];
    let mut lookup =
        Lookup::new(query("host.test."), &[SERVER], net.client_udp, &mut buffer, random(4)).with_tcp(net.client_tcp);
    assert_eq!(net.run(&mut lookup), Ok((Rcode::NOERROR, addresses("host.test."))));
    assert_eq!(net.seen.iter().map(|s| s.tcp).collect::<Vec<_>>(), [false, true]);
}

#[test]
fn a_tcp_answer_bigger_than_the_buffer_fails_the_attempt() {
    let mut net = Net::new(&[]);
    let mut buffer = [0u8; 1232]; // 100 addresses over TCP need 1 612 + 2
    let settings = RetrySettings { attempts: 1, ..RetrySettings::default() };
    let mut lookup = Lookup::new(query("many.test."), &[SERVER], net.client_udp, &mut buffer, random(5))
        .with_tcp(net.client_tcp)
        .with_retry(settings);
    assert_eq!(net.run(&mut lookup), Err(Error::NoAnswer { last: Outcome::Failed }));
    assert_eq!(net.seen.iter().map(|s| s.tcp).collect::<Vec<_>>(), [false, true]);
}

#[test]
fn truncated_without_a_tcp_socket_moves_on() {
    let mut net = Net::new(&[Udp::Truncated, Udp::Truncated]);
    let mut buffer = [0u8; 1232];
    let mut lookup = Lookup::new(query("host.test."), &[SERVER], net.client_udp, &mut buffer, random(6));
    assert_eq!(net.run(&mut lookup), Err(Error::NoAnswer { last: Outcome::Failed }));
    assert_eq!(net.udp_queries(), 2); // two rounds, no TCP
}

#[test]
fn silence_times_out_and_the_next_attempt_answers() {
    let mut net = Net::new(&[Udp::Silent, Udp::Answer]);
    let started = net.now;
    let mut buffer = [0u8; 1232];
    let mut lookup = Lookup::new(query("host.test."), &[SERVER], net.client_udp, &mut buffer, random(7))
        .with_timeouts(Duration::from_millis(500), Duration::from_secs(5));
    assert_eq!(net.run(&mut lookup), Ok((Rcode::NOERROR, addresses("host.test."))));
    assert_eq!(net.udp_queries(), 2);
    let waited = net.now - started;
    assert!(waited >= Duration::from_millis(500) && waited < Duration::from_millis(600), "{waited}");
    assert_ne!((net.seen[0].id, net.seen[0].port), (net.seen[1].id, net.seen[1].port));
}

#[test]
fn poll_at_is_the_attempt_deadline() {
    let mut net = Net::new(&[Udp::Silent]);
    let mut buffer = [0u8; 1232];
    let mut lookup = Lookup::new(query("host.test."), &[SERVER], net.client_udp, &mut buffer, random(12))
        .with_timeouts(Duration::from_millis(300), Duration::from_secs(5));
    assert_eq!(lookup.poll_at(), None);
    assert!(lookup.poll(&mut net.iface, &mut net.sockets, net.now).is_pending());
    assert_eq!(lookup.poll_at(), Some(net.now + Duration::from_millis(300)));
    assert!(lookup.answer().is_none());
}

#[test]
fn a_silent_server_exhausts_the_plan() {
    let mut net = Net::new(&[Udp::Silent; 4]);
    let started = net.now;
    let mut buffer = [0u8; 1232];
    let mut lookup = Lookup::new(query("host.test."), &[SERVER, SERVER], net.client_udp, &mut buffer, random(8))
        .with_timeouts(Duration::from_millis(300), Duration::from_secs(5));
    assert_eq!(net.run(&mut lookup), Err(Error::NoAnswer { last: Outcome::TimedOut }));
    assert_eq!(net.udp_queries(), 4); // two servers, two rounds
    assert!(net.now - started >= Duration::from_millis(1200));
}

#[test]
fn the_budget_cuts_the_plan_short() {
    let mut net = Net::new(&[Udp::Silent; 4]);
    let started = net.now;
    let mut buffer = [0u8; 1232];
    let mut lookup = Lookup::new(query("host.test."), &[SERVER], net.client_udp, &mut buffer, random(9))
        .with_timeouts(Duration::from_millis(400), Duration::from_millis(600));
    assert_eq!(net.run(&mut lookup), Err(Error::OutOfTime));
    assert_eq!(net.udp_queries(), 2);
    let waited = net.now - started;
    assert!(waited >= Duration::from_millis(600) && waited < Duration::from_millis(700), "{waited}");
}

#[test]
fn formerr_to_edns_is_asked_again_without() {
    let mut net = Net::new(&[Udp::RejectEdns, Udp::RejectEdns]);
    let mut buffer = [0u8; 1232];
    let mut lookup = Lookup::new(query("host.test."), &[SERVER], net.client_udp, &mut buffer, random(10));
    assert_eq!(net.run(&mut lookup), Ok((Rcode::NOERROR, addresses("host.test."))));
    assert_eq!(net.seen.iter().map(|s| s.edns).collect::<Vec<_>>(), [true, false]);
}

#[test]
fn an_answer_from_another_port_is_not_believed() {
    let mut net = Net::new(&[Udp::SpoofThenAnswer]);
    let mut buffer = [0u8; 1232];
    let mut lookup = Lookup::new(query("host.test."), &[SERVER], net.client_udp, &mut buffer, random(11));
    assert_eq!(net.run(&mut lookup), Ok((Rcode::NOERROR, addresses("host.test."))));
    // The forged answer came first and was dropped; the real one, from
    // port 53, answered the same attempt.
    assert_eq!(net.udp_queries(), 1);
}
