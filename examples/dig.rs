//! Ask a DNS question and print the answer as dig (BIND 9.18) does.
//!
//! ```text
//! cargo run --example dig -- [@server[:port]] [-p port] [-x addr] [-t type] [-c class]
//!                            [-q name] [name] [type] [class] [+option...]
//! cargo run --example dig -- @127.0.0.1 -p 5353 example.com MX +dnssec +nsid
//! cargo run --example dig -- @[::1]:5353 -x 192.0.2.1 +short
//! cargo run --example dig -- @127.0.0.1:5353 example.com AXFR
//! ```
//!
//! The options, as dig 9.18 spells them (`+no…` turns one off):
//!
//! - `@server[:port]`, `@[v6]:port`: the server, an IP address (dig also
//!   takes a host name: not here). Without one, the servers of
//!   /etc/resolv.conf are asked. `-p PORT` sets the port (53 by default);
//!   a port in `@server:port` wins over it.
//! - `-x ADDR`: reverse lookup, type PTR: `d.c.b.a.in-addr.arpa.` for IPv4
//!   (RFC 1035 §3.5), nibbles under `ip6.arpa.` for IPv6 (RFC 3596 §2.5),
//!   and, as dig does, anything else's dot-separated labels reversed under
//!   `in-addr.arpa.`.
//! - `-t TYPE`, `-c CLASS`, `-q NAME`; or bare words: a word that reads as
//!   a type is the type, as a class the class, anything else the name
//!   (after `-t` or `-c`, as in dig, bare words are names). The type is A by
//!   default, PTR with `-x`; without a name, `. NS` is asked. The name is
//!   taken as fully qualified (dig's default `+nosearch`). One question
//!   per run: a second name is an error (dig would ask it too).
//! - `AXFR` as the type: a zone transfer over TCP, printed record by
//!   record, with dig's `;; XFR size:` line.
//! - `+tcp`/`+vc`, `+notcp`: TCP or UDP (a truncated UDP answer is asked
//!   again over TCP, as dig does).
//! - `+rec`/`+recurse`, `+norec`: RD (set by default).
//! - `+adflag`/`+ad`, `+noadflag`: AD (set by default, as dig 9.18 does).
//! - `+cdflag`/`+cd`: CD. `+dnssec`: DO (and EDNS, whatever `+noedns` said).
//! - `+edns`/`+edns=0`, `+noedns`: EDNS version 0 (on by default; no other
//!   version here). `+bufsize=N`: the UDP payload size (1232 by default;
//!   turns EDNS on, as in dig).
//! - `+nsid`: ask for the server's NSID. `+subnet=ADDR[/LEN]`: a client
//!   subnet option (turns EDNS on). `+cookie`, `+nocookie`: a DNS cookie
//!   (sent by default, as dig 9.18 does; its verdict printed as dig prints
//!   it: `(good)`, `(echoed)`). `+nsid` and `+cookie` turn EDNS back on.
//! - `+short`: the RDATA of the answer section only, one record a line.
//! - `+time=N`: seconds to wait for each try (5). `+tries=N`: tries (3);
//!   `+retry=N`: retries, tries less one.
//!
//! Anything else starting with `+` or `-` is a usage error (exit status 1,
//! `Invalid option` on stderr). The exit status is dig's: 0 for an answer
//! (NXDOMAIN, SERVFAIL or REFUSED included) and for a failed transfer, 1
//! for a usage error, 9 when no server replied, 10 for a bad option value.
//!
//! The output is laid out as dig 9.18's: its header (`DiG` and its version
//! are `dnswire dig` here), `;; Got answer:`, the message as
//! [`Message`]'s `Display` prints it with dig's recursion warning, then
//! the query time, server, date (in UTC here, where dig uses the local
//! zone) and size. `tests/dig-options/compare.sh` checks it against dig.
//!
//! Two differences by design: a response whose cookie is not the one sent
//! is ignored (dig prints it with a warning), and so is one with another
//! ID or question ([`Query::judge`]).

mod common;

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::net::{IpAddr, SocketAddr, TcpStream, UdpSocket};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use dnswire::resolver::Config;
use dnswire::stub::{
    Judgement, OsRandom, Outcome, Query, RandomSource, RetryPlan, RetrySettings, ServerCookie, ServerFailure, Transfer,
    TransferError, Transport, QUERY_BUFFER_LEN,
};
use dnswire::{tcp, Class, ClientSubnet, Cookie, Message, NameBuf, Nsid, OptionCode, Rtype};

/// What dig prints after `Usage:` (the options this example takes).
const USAGE: &str = "Usage:  dig [@server[:port]] [-p port] [-x addr] [-t type] [-c class] [-q name]
            [name] [type] [class] [+option...]
options: +[no]tcp +[no]vc +[no]rec +[no]adflag +[no]cdflag +[no]dnssec
         +[no]edns[=0] +bufsize=N +[no]nsid +[no]subnet=ADDR[/LEN] +[no]cookie
         +[no]short +time=N +tries=N +retry=N";

/// The most one try waits, in seconds, whatever `+time` asks: a day.
const MAX_TIME: u64 = 86_400;

/// The most messages one transfer may take: a server that streams without
/// end is cut off here (a real zone of this example's size needs a few).
const MAX_TRANSFER_MESSAGES: u32 = 100_000;

/// `println!` that does not panic when stdout is closed (`| head`): dig
/// stops quietly, so does this. `out!(more …)` leaves the line open.
macro_rules! out {
    () => {{
        let _ = writeln!(io::stdout());
    }};
    (more $($arg:tt)*) => {{
        let _ = write!(io::stdout(), $($arg)*);
    }};
    ($($arg:tt)*) => {{
        let _ = writeln!(io::stdout(), $($arg)*);
    }};
}

//--- Options

/// How a run ends, for the exit status.
enum Stop {
    /// A usage error: exit status 1, the message and the usage on stderr.
    Usage(String),
    /// A bad option value, as dig reports it: what is wrong on stdout,
    /// `dig: Couldn't parse <option>` on stderr, and exit status 10 (1
    /// for `-p`).
    Value { what: String, option: String, status: u8 },
    /// Something else went wrong before asking: exit status 1.
    Error(String),
}

/// The command line, read as dig reads it.
struct Options {
    /// The arguments, as given (for the header line).
    command: String,
    server: Option<(IpAddr, Option<u16>)>,
    port: Option<u16>,
    name: Option<String>,
    /// `-x`: the name is a reverse name.
    reverse: bool,
    qtype: Option<Rtype>,
    qclass: Option<Class>,
    tcp: bool,
    recurse: bool,
    authentic_data: bool,
    checking_disabled: bool,
    dnssec: bool,
    edns: bool,
    bufsize: Option<u16>,
    nsid: bool,
    subnet: Option<(IpAddr, u8)>,
    cookie: bool,
    short: bool,
    timeout: Duration,
    tries: u8,
}

impl Options {
    fn parse(args: Vec<String>) -> Result<Options, Stop> {
        let mut options = Options {
            command: args.join(" "),
            server: None,
            port: None,
            name: None,
            reverse: false,
            qtype: None,
            qclass: None,
            tcp: false,
            recurse: true,
            authentic_data: true,
            checking_disabled: false,
            dnssec: false,
            edns: true,
            bufsize: None,
            nsid: false,
            subnet: None,
            cookie: true,
            short: false,
            timeout: Duration::from_secs(5),
            tries: 3,
        };
        // dig reads bare type and class words until -t or -c is given.
        let mut open_type_class = true;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            if let Some(server) = arg.strip_prefix('@') {
                options.server = Some(common::parse_server_parts(server).map_err(Stop::Error)?);
            } else if let Some(option) = arg.strip_prefix('+') {
                options.plus(option)?;
            } else if arg.starts_with('-') && arg.len() > 1 {
                let flag = &arg[1..2];
                if flag == "h" {
                    out!("{USAGE}");
                    std::process::exit(0);
                }
                if !["p", "t", "c", "x", "q"].contains(&flag) {
                    return Err(Stop::Usage(format!("Invalid option: {arg}")));
                }
                let value = match &arg[2..] {
                    "" => args.next().ok_or_else(|| Stop::Usage(format!("Invalid option: {arg}: needs a value")))?,
                    attached => attached.to_string(),
                };
                match flag {
                    "p" => {
                        let port = value.parse().map_err(|_| Stop::Value {
                            what: format!("invalid port number '{value}': not a valid number"),
                            option: "port number".into(),
                            status: 1,
                        })?;
                        options.port = Some(port);
                    }
                    "t" => {
                        open_type_class = false;
                        // dig wants IXFR=serial, which is not taken here.
                        match value.parse::<Rtype>() {
                            Ok(rtype) if rtype != Rtype::IXFR => options.set_type(rtype),
                            _ => eprintln!(";; Warning, ignoring invalid type {value}"),
                        }
                    }
                    "c" => {
                        open_type_class = false;
                        match value.parse::<Class>() {
                            Ok(class) => options.set_class(class),
                            Err(_) => eprintln!(";; Warning, ignoring invalid class {value}"),
                        }
                    }
                    "x" => {
                        options.set_name(reverse_name(&value))?;
                        options.reverse = true;
                    }
                    _ => options.set_name(value)?,
                }
            } else if let Some(rtype) = open_type_class.then(|| arg.parse::<Rtype>().ok()).flatten() {
                if rtype == Rtype::IXFR {
                    eprintln!(";; Warning, ixfr requires a serial number");
                } else {
                    options.set_type(rtype);
                }
            } else if let Some(class) = open_type_class.then(|| arg.parse::<Class>().ok()).flatten() {
                options.set_class(class);
            } else {
                options.set_name(arg)?;
            }
        }
        Ok(options)
    }

    fn set_type(&mut self, rtype: Rtype) {
        if self.qtype.replace(rtype).is_some() {
            eprintln!(";; Warning, extra type option");
        }
    }

    fn set_class(&mut self, class: Class) {
        if self.qclass.replace(class).is_some() {
            eprintln!(";; Warning, extra class option");
        }
    }

    fn set_name(&mut self, name: String) -> Result<(), Stop> {
        match self.name.replace(name) {
            Some(first) => Err(Stop::Usage(format!(
                "one question a run: {first} and {} (dig would ask both)",
                self.name.as_deref().unwrap_or_default()
            ))),
            None => Ok(()),
        }
    }

    /// One `+option`, `+nooption` or `+option=value` (without the `+`).
    fn plus(&mut self, text: &str) -> Result<(), Stop> {
        let invalid = || Stop::Usage(format!("Invalid option: +{text}"));
        let (key, value) = match text.split_once('=') {
            Some((key, value)) => (key, Some(value)),
            None => (text, None),
        };
        let (on, key) = match key.strip_prefix("no") {
            Some(rest) => (false, rest),
            None => (true, key),
        };
        // A number for +time, +tries, +retry or +bufsize, read as dig does.
        let number = |what: &str, max: u64| -> Result<u64, Stop> {
            let value = value.filter(|_| on).ok_or_else(invalid)?;
            let why = match value.parse::<u64>() {
                Ok(n) if n <= max => return Ok(n),
                Ok(_) => "out of range",
                Err(_) => "not a valid number",
            };
            Err(Stop::Value { what: format!("invalid {what} '{value}': {why}"), option: what.into(), status: 10 })
        };
        match key {
            "tcp" | "vc" => self.tcp = on,
            "rec" | "recurse" => self.recurse = on,
            "ad" | "adflag" => self.authentic_data = on,
            "cd" | "cdflag" => self.checking_disabled = on,
            "dnssec" => self.dnssec = on,
            "short" => self.short = on,
            "edns" => match value {
                _ if !on => self.edns = false,
                None | Some("0") => self.edns = true,
                Some(_) => return Err(Stop::Usage(format!("+{text}: only EDNS version 0 here"))),
            },
            "bufsize" if value.is_none() && on => self.bufsize = None,
            "bufsize" => self.bufsize = Some(number("buffer size", u64::from(u16::MAX))? as u16),
            "nsid" => {
                self.nsid = on;
                self.edns |= on;
            }
            "cookie" if value.is_some() => {
                return Err(Stop::Usage(format!("+{text}: sending a given server cookie is not supported here")))
            }
            "cookie" => {
                self.cookie = on;
                self.edns |= on;
            }
            "subnet" if !on => self.subnet = None,
            "subnet" => {
                let value = value.ok_or_else(invalid)?;
                self.subnet = Some(parse_subnet(value).ok_or_else(|| Stop::Value {
                    what: format!("invalid subnet '{value}'"),
                    option: "client subnet".into(),
                    status: 10,
                })?);
            }
            "time" => self.timeout = Duration::from_secs(number("timeout", MAX_TIME)?.max(1)),
            "tries" => self.tries = number("tries", 255)?.max(1) as u8,
            "retry" => self.tries = (number("retries", 254)? + 1) as u8,
            _ => return Err(invalid()),
        }
        Ok(())
    }

    /// Whether the query carries an OPT record: dig's rule, where `+dnssec`,
    /// `+bufsize` and `+subnet` bring EDNS back whatever `+noedns` said.
    fn edns_on(&self) -> bool {
        self.edns || self.dnssec || self.bufsize.is_some() || self.subnet.is_some()
    }
}

/// `ADDR` or `ADDR/LEN`: the address and its prefix length (the whole
/// address without one), as `+subnet` takes it.
fn parse_subnet(text: &str) -> Option<(IpAddr, u8)> {
    let (addr, len) = match text.split_once('/') {
        Some((addr, len)) => (addr.parse::<IpAddr>().ok()?, Some(len.parse::<u8>().ok()?)),
        None => (text.parse::<IpAddr>().ok()?, None),
    };
    let bits = if addr.is_ipv4() { 32 } else { 128 };
    let len = len.unwrap_or(bits);
    (len <= bits).then_some((addr, len))
}

/// The name `-x` asks about: `d.c.b.a.in-addr.arpa.` for an IPv4 address
/// (RFC 1035 §3.5), the 32 nibbles of an IPv6 address, lowest first, under
/// `ip6.arpa.` (RFC 3596 §2.5); anything else, as dig does, its labels
/// reversed under `in-addr.arpa.` (`-x 10.0` asks `0.10.in-addr.arpa.`).
fn reverse_name(text: &str) -> String {
    match text.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => {
            let [a, b, c, d] = v4.octets();
            format!("{d}.{c}.{b}.{a}.in-addr.arpa.")
        }
        Ok(IpAddr::V6(v6)) => {
            let mut name = String::new();
            for byte in v6.octets().iter().rev() {
                let _ = write!(name, "{:x}.{:x}.", byte & 0xf, byte >> 4);
            }
            name + "ip6.arpa."
        }
        Err(_) => {
            let labels: Vec<&str> = text.trim_end_matches('.').split('.').rev().collect();
            format!("{}.in-addr.arpa.", labels.join("."))
        }
    }
}

//--- Asking

/// What came back for one try.
enum Reply {
    /// A response that is not to be ignored ([`Query::judge`]), and how
    /// long it took to come.
    Message(Vec<u8>, Duration),
    /// Nothing acceptable before the try's time was up.
    TimedOut,
    /// The socket failed (refused, unreachable…).
    Failed(io::Error),
    /// The TCP connection could not be made.
    NotConnected(io::Error),
}

/// Asks `query` of `server` over UDP and waits up to `timeout` for a
/// response that is not to be ignored.
fn ask_udp(server: SocketAddr, query: &Query, timeout: Duration) -> Reply {
    let mut out = [0u8; QUERY_BUFFER_LEN];
    let len = match query.write(&mut out) {
        Ok(len) => len,
        Err(error) => return Reply::Failed(io::Error::other(error)),
    };
    let local: SocketAddr = if server.is_ipv4() { ([0, 0, 0, 0], 0).into() } else { ([0u16; 8], 0).into() };
    let socket = match UdpSocket::bind(local).and_then(|socket| socket.connect(server).map(|()| socket)) {
        Ok(socket) => socket,
        Err(error) => return Reply::Failed(error),
    };
    let sent = Instant::now();
    if let Err(error) = socket.send(&out[..len]) {
        return Reply::Failed(error);
    }
    let mut buffer = vec![0u8; 65_535];
    loop {
        let Some(left) = timeout.checked_sub(sent.elapsed()).filter(|left| !left.is_zero()) else {
            return Reply::TimedOut;
        };
        if let Err(error) = socket.set_read_timeout(Some(left)) {
            return Reply::Failed(error);
        }
        match socket.recv(&mut buffer) {
            Ok(len) => {
                if !matches!(query.judge(&buffer[..len]), Judgement::Ignore(_)) {
                    return Reply::Message(buffer[..len].to_vec(), sent.elapsed());
                }
            }
            Err(error) if timed_out(&error) => return Reply::TimedOut,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Reply::Failed(error),
        }
    }
}

/// A TCP connection to `server`, made within `timeout`, reads and writes
/// bounded by it.
fn connect(server: SocketAddr, timeout: Duration) -> Result<TcpStream, io::Error> {
    let stream = TcpStream::connect_timeout(&server, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    Ok(stream)
}

/// Asks `query` (a TCP one) of `server` on a connection of its own and
/// reads up to `timeout` for a response that is not to be ignored.
fn ask_tcp(server: SocketAddr, query: &Query, timeout: Duration) -> Reply {
    let started = Instant::now();
    let mut stream = match connect(server, timeout) {
        Ok(stream) => stream,
        Err(error) if timed_out(&error) => return Reply::TimedOut,
        Err(error) => return Reply::NotConnected(error),
    };
    let mut out = [0u8; QUERY_BUFFER_LEN];
    let len = match query.write(&mut out) {
        Ok(len) => len,
        Err(error) => return Reply::Failed(io::Error::other(error)),
    };
    let sent = Instant::now();
    if let Err(error) = stream.write_all(&out[..len]) {
        return Reply::Failed(error);
    }
    let mut buffer = Vec::new();
    loop {
        let Some(left) = timeout.checked_sub(started.elapsed()).filter(|left| !left.is_zero()) else {
            return Reply::TimedOut;
        };
        if let Err(error) = stream.set_read_timeout(Some(left)) {
            return Reply::Failed(error);
        }
        match tcp::read_message(&mut stream, &mut buffer) {
            Ok(true) => {
                if !matches!(query.judge(&buffer), Judgement::Ignore(_)) {
                    return Reply::Message(buffer, sent.elapsed());
                }
            }
            Ok(false) => return Reply::Failed(io::ErrorKind::UnexpectedEof.into()),
            Err(error) if timed_out(&error) => return Reply::TimedOut,
            Err(error) => return Reply::Failed(error),
        }
    }
}

fn timed_out(error: &io::Error) -> bool {
    matches!(error.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut)
}

/// An I/O error as dig words it (BIND's result texts).
fn error_text(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => "connection refused".into(),
        io::ErrorKind::ConnectionReset => "connection reset".into(),
        io::ErrorKind::UnexpectedEof => "end of file".into(),
        _ if timed_out(error) => "timed out".into(),
        _ => error.to_string(),
    }
}

//--- Printing

/// What is printed for every answer: the header lines.
struct Banner<'a> {
    options: &'a Options,
}

impl Banner<'_> {
    fn print(&self) {
        out!();
        out!("; <<>> dnswire dig <<>> {}", self.options.command);
        if self.options.server.is_some() {
            out!("; (1 server found)");
        }
        out!(";; global options: +cmd");
    }
}

/// The message as dig prints it: [`Message`]'s text, with dig's warning
/// after the flags when recursion was asked for and is not available, and
/// its verdict on the cookie we sent.
fn message_text(message: &Message<&[u8]>, cookie: Option<[u8; 8]>) -> String {
    let header = message.header();
    let warning = header.rd() && !header.ra();
    let mut text = String::new();
    for line in message.to_string().lines() {
        text.push_str(line);
        if let (Some(sent), true) = (cookie, line.starts_with("; COOKIE: ")) {
            text.push_str(cookie_verdict(message, sent));
        }
        text.push('\n');
        if warning && line.starts_with(";; flags:") {
            text.push_str(";; WARNING: recursion requested but not available\n");
        }
    }
    text
}

/// dig's word on the COOKIE option of a response to a query that sent
/// `sent`: our client cookie back with a server cookie is `(good)`, alone
/// `(echoed)`; another client cookie `(bad)` (never printed here: such a
/// response is ignored).
fn cookie_verdict(message: &Message<&[u8]>, sent: [u8; 8]) -> &'static str {
    let edns = message.edns();
    let option = edns.iter().flat_map(|edns| edns.options.options()).find(|option| option.code == OptionCode::COOKIE);
    match option.map(|option| Cookie::parse(option.data)) {
        Some(Ok(cookie)) if cookie.client() == sent && cookie.server().is_empty() => " (echoed)",
        Some(Ok(cookie)) if cookie.client() == sent => " (good)",
        Some(Ok(_)) => " (bad)",
        _ => "",
    }
}

/// `Wed Dec 02 13:31:56 UTC 2026`: dig's `;; WHEN:` date, in UTC.
fn when(now: SystemTime) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let seconds = now.duration_since(UNIX_EPOCH).map_or(0, |since| since.as_secs());
    let (days, time) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil_date(days);
    format!(
        "{} {} {day:02} {:02}:{:02}:{:02} UTC {year}",
        DAYS[(days % 7) as usize],
        MONTHS[month - 1],
        time / 3600,
        time / 60 % 60,
        time % 60
    )
}

/// The Gregorian date `days` after 1970-01-01: year, month (1 to 12), day.
fn civil_date(days: u64) -> (u64, usize, u64) {
    let mut year = 1970;
    let mut days = days;
    let leap = |year: u64| (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    loop {
        let length = if leap(year) { 366 } else { 365 };
        if days < length {
            break;
        }
        days -= length;
        year += 1;
    }
    let lengths = [31, if leap(year) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut month = 0;
    while days >= lengths[month] {
        days -= lengths[month];
        month += 1;
    }
    (year, month + 1, days + 1)
}

/// `;; SERVER: 127.0.0.1#53(127.0.0.1) (UDP)`.
fn server_line(server: SocketAddr, transport: Transport) -> String {
    let transport = match transport {
        Transport::Udp => "UDP",
        Transport::Tcp => "TCP",
    };
    format!(";; SERVER: {}#{}({}) ({transport})", server.ip(), server.port(), server.ip())
}

//--- Running

/// The question, the servers, and how to ask: what the options make.
struct Plan<'a> {
    options: &'a Options,
    name: NameBuf,
    /// The name as dig words it in its messages: as given, or `-x`'s.
    name_text: String,
    servers: Vec<SocketAddr>,
    template: Query,
    /// The client cookie sent, if any.
    cookie: Option<[u8; 8]>,
}

impl<'a> Plan<'a> {
    fn new(options: &'a Options) -> Result<Plan<'a>, Stop> {
        let port = |given: Option<u16>| given.or(options.port).unwrap_or(53);
        let servers = match options.server {
            Some((ip, given)) => vec![SocketAddr::new(ip, port(given))],
            None => {
                let config = Config::system().map_err(|e| Stop::Error(format!("/etc/resolv.conf: {e}")))?;
                config.servers.iter().map(|server| SocketAddr::new(server.ip(), port(None))).collect()
            }
        };
        let name_text = options.name.clone().unwrap_or_else(|| ".".into());
        let bad_name = |e: dnswire::Error| Stop::Error(format!("'{name_text}' is not a legal name ({e})"));
        let name = name_text.parse::<NameBuf>().and_then(|name| name.to_absolute()).map_err(bad_name)?;
        let qtype = options.qtype.unwrap_or(match (options.reverse, &options.name) {
            (true, _) => Rtype::PTR,
            (false, None) => Rtype::NS,
            (false, Some(_)) => Rtype::A,
        });
        if qtype == Rtype::IXFR {
            return Err(Stop::Usage("IXFR is not supported here".into()));
        }
        let edns = options.edns_on();
        let payload = edns.then(|| options.bufsize.unwrap_or(dnswire::stub::DEFAULT_UDP_PAYLOAD));
        let too_long = |e: dnswire::Error| Stop::Error(format!("EDNS options: {e}"));
        let mut template = Query::new(name.clone(), qtype, 0)
            .map_err(bad_name)?
            .with_class(options.qclass.unwrap_or(Class::IN))
            // dig asks for a transfer without RD.
            .with_recursion_desired(options.recurse && qtype != Rtype::AXFR)
            .with_authentic_data(options.authentic_data)
            .with_checking_disabled(options.checking_disabled)
            .with_dnssec_ok(options.dnssec)
            .with_udp_payload(payload);
        if options.nsid {
            template = template.with_option(&Nsid::new(b"").map_err(too_long)?).map_err(too_long)?;
        }
        if let Some((addr, len)) = options.subnet {
            let subnet = ClientSubnet::new(addr, len, 0).map_err(too_long)?;
            template = template.with_option(&subnet).map_err(too_long)?;
        }
        let cookie = (edns && options.cookie).then(|| {
            let mut client = [0u8; 8];
            OsRandom.fill_bytes(&mut client);
            client
        });
        let name_text = name_text.trim_end_matches('.').to_string();
        let name_text = if name_text.is_empty() { ".".into() } else { name_text };
        Ok(Plan { options, name, name_text, servers, template, cookie })
    }

    fn banner(&self) -> Banner<'_> {
        Banner { options: self.options }
    }

    fn retry_plan(&self, tcp_only: bool) -> RetryPlan {
        let settings = RetrySettings {
            attempts: self.options.tries,
            first_server: 0,
            tcp_only,
            edns: self.template.udp_payload().is_some(),
        };
        RetryPlan::new(self.servers.len(), settings)
    }

    /// Prints why a try failed, as dig does; `true` if dig goes on to
    /// print its header and `no servers could be reached` at the end.
    fn report_failure(&self, server: SocketAddr, reply: &Reply) -> bool {
        let (ip, port) = (server.ip(), server.port());
        match reply {
            Reply::TimedOut => out!(";; communications error to {ip}#{port}: timed out"),
            Reply::Failed(error) => out!(";; communications error to {ip}#{port}: {}", error_text(error)),
            Reply::NotConnected(error) => {
                let name = &self.name_text;
                out!(";; Connection to {ip}#{port}({ip}) for {name} failed: {}.", error_text(error));
                out!(";; no servers could be reached");
                return false;
            }
            Reply::Message(..) => {}
        }
        true
    }

    fn no_reply(&self, banner: bool) -> Result<ExitCode, Stop> {
        if banner {
            self.banner().print();
            out!(";; no servers could be reached");
        }
        Ok(ExitCode::from(9))
    }

    /// Asks the question as the retry plan says and prints the answer.
    fn query(&self) -> Result<ExitCode, Stop> {
        let mut plan = self.retry_plan(self.options.tcp);
        let mut server_cookie: Option<ServerCookie> = None;
        let mut banner = false;
        while let Some(attempt) = plan.next_attempt() {
            let server = self.servers[attempt.server];
            let mut query = self.template.for_attempt(&attempt, OsRandom.next_id());
            if let Some(client) = self.cookie {
                query = query.with_cookie(client, server_cookie.as_ref());
            }
            let reply = match attempt.transport {
                Transport::Udp => ask_udp(server, &query, self.options.timeout),
                Transport::Tcp => ask_tcp(server, &query, self.options.timeout),
            };
            let Reply::Message(bytes, elapsed) = reply else {
                banner |= self.report_failure(server, &reply);
                let timed_out = matches!(reply, Reply::TimedOut);
                plan.report(if timed_out { Outcome::TimedOut } else { Outcome::Failed });
                continue;
            };
            match query.judge(&bytes) {
                Judgement::Truncated => {
                    if !self.options.short {
                        out!(";; Truncated, retrying in TCP mode.");
                    }
                    plan.report(Outcome::Truncated);
                }
                Judgement::BadCookie(message) => {
                    server_cookie = ServerCookie::from_response(&message);
                    if !self.options.short {
                        out!(";; BADCOOKIE, retrying.");
                    }
                    plan.report(Outcome::BadCookie);
                }
                Judgement::ServerFailure(ServerFailure::Malformed(error)) => {
                    out!(";; Got bad packet: {error}");
                    banner = true;
                    plan.report(Outcome::Failed);
                }
                Judgement::ServerFailure(ServerFailure::Mismatch(why)) => {
                    out!(";; Warning: {why}");
                    banner = true;
                    plan.report(Outcome::Failed);
                }
                // An answer, an error rcode (dig prints SERVFAIL, REFUSED…
                // and does not ask on), FORMERR to EDNS, TC over TCP: shown.
                _ => return self.print_answer(&bytes, elapsed, server, attempt.transport),
            }
        }
        self.no_reply(banner)
    }

    fn print_answer(
        &self,
        bytes: &[u8],
        elapsed: Duration,
        server: SocketAddr,
        transport: Transport,
    ) -> Result<ExitCode, Stop> {
        let message = Message::parse(bytes).map_err(|e| Stop::Error(format!(";; Got bad packet: {e}")))?;
        if self.options.short {
            for record in message.answers() {
                out!("{}", record.rdata());
            }
            return Ok(ExitCode::SUCCESS);
        }
        self.banner().print();
        out!(";; Got answer:");
        out!(more "{}", message_text(&message, self.cookie));
        out!(";; Query time: {} msec", elapsed.as_millis());
        out!("{}", server_line(server, transport));
        out!(";; WHEN: {}", when(SystemTime::now()));
        out!(";; MSG SIZE  rcvd: {}", bytes.len());
        out!();
        Ok(ExitCode::SUCCESS)
    }

    /// AXFR, over TCP whatever `+notcp` says, as dig does: every record of
    /// every message as it comes, then the transfer's size.
    fn transfer(&self) -> Result<ExitCode, Stop> {
        let mut plan = self.retry_plan(true);
        let mut banner = false;
        while let Some(attempt) = plan.next_attempt() {
            let server = self.servers[attempt.server];
            let mut query = self.template.for_attempt(&attempt, OsRandom.next_id());
            if let Some(client) = self.cookie {
                query = query.with_cookie(client, None);
            }
            let started = Instant::now();
            let failure = match self.stream(server, &query) {
                Ok(mut stream) => {
                    if !self.options.short {
                        self.banner().print();
                    }
                    return self.read_transfer(&mut stream, &query, started, server);
                }
                Err(reply) => reply,
            };
            banner |= self.report_failure(server, &failure);
            let timed_out = matches!(failure, Reply::TimedOut);
            plan.report(if timed_out { Outcome::TimedOut } else { Outcome::Failed });
        }
        self.no_reply(banner)
    }

    /// A connection to `server` with `query` sent on it.
    fn stream(&self, server: SocketAddr, query: &Query) -> Result<TcpStream, Reply> {
        let mut stream = connect(server, self.options.timeout).map_err(|error| match error {
            error if timed_out(&error) => Reply::TimedOut,
            error => Reply::NotConnected(error),
        })?;
        let mut out = [0u8; QUERY_BUFFER_LEN];
        let len = query.write(&mut out).map_err(|e| Reply::Failed(io::Error::other(e)))?;
        stream.write_all(&out[..len]).map_err(Reply::Failed)?;
        Ok(stream)
    }

    fn read_transfer(
        &self,
        stream: &mut TcpStream,
        query: &Query,
        started: Instant,
        server: SocketAddr,
    ) -> Result<ExitCode, Stop> {
        let mut transfer = Transfer::axfr(&self.name, query.id()).map_err(|e| Stop::Error(e.to_string()))?;
        let (mut records, mut bytes) = (0usize, 0usize);
        let mut buffer = Vec::new();
        // dig says no more when the server refuses; the reason otherwise.
        let failed = |why: Option<String>| {
            out!("; Transfer failed.");
            if let Some(why) = why {
                eprintln!(";; {why}");
            }
            Ok(ExitCode::SUCCESS)
        };
        while !transfer.is_done() {
            if transfer.messages() >= MAX_TRANSFER_MESSAGES {
                return failed(Some(format!("more than {MAX_TRANSFER_MESSAGES} messages")));
            }
            match tcp::read_message(stream, &mut buffer) {
                Ok(true) => {}
                Ok(false) => return failed(Some(error_text(&io::ErrorKind::UnexpectedEof.into()))),
                Err(error) => return failed(Some(error_text(&error))),
            }
            let message = match transfer.accept(&buffer) {
                Ok(message) => message,
                Err(TransferError::Rcode(_)) => return failed(None),
                Err(error) => return failed(Some(error.to_string())),
            };
            bytes += buffer.len();
            for record in message.answers() {
                records += 1;
                if self.options.short {
                    out!("{}", record.rdata());
                } else {
                    out!("{record}");
                }
            }
        }
        if !self.options.short {
            out!(";; Query time: {} msec", started.elapsed().as_millis());
            out!("{}", server_line(server, Transport::Tcp));
            out!(";; WHEN: {}", when(SystemTime::now()));
            out!(";; XFR size: {records} records (messages {}, bytes {bytes})", transfer.messages());
            out!();
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn run() -> Result<ExitCode, Stop> {
    let options = Options::parse(std::env::args().skip(1).collect())?;
    let plan = Plan::new(&options)?;
    if plan.template.qtype() == Rtype::AXFR {
        plan.transfer()
    } else {
        plan.query()
    }
}

fn main() -> ExitCode {
    let status = match run() {
        Ok(status) => status,
        Err(Stop::Usage(message)) => {
            eprintln!("{message}");
            eprintln!("{USAGE}");
            ExitCode::from(1)
        }
        Err(Stop::Value { what, option, status }) => {
            out!("{what}");
            eprintln!("dig: Couldn't parse {option}");
            ExitCode::from(status)
        }
        Err(Stop::Error(message)) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    };
    let _ = io::stdout().flush();
    status
}
