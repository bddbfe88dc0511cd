//! A small stub resolver over UDP and TCP (`std` feature).
//!
//! It is the [`stub`](crate::stub) core driven by `std::net` sockets: a
//! fresh UDP socket on an OS-chosen port per try, `connect`ed to the server;
//! a random ID per try from OS entropy ([`OsRandom`]);
//! EDNS(0) with a 1232-byte payload; DNS cookies (RFC 7873); responses
//! accepted only from the server, with QR set, the same ID, the same
//! question and our cookie; TCP after TC=1, on one connection per server
//! that stays open for the next queries and carries the queries in flight
//! side by side (RFC 7766 §6.2); the next server after a timeout, an error
//! rcode or a malformed response; NXDOMAIN and NODATA are answers. CNAME
//! chains are followed, at most 8 links, loops detected; only records of
//! class IN owned by the chain's names are used. DO, CD, AD, EDNS options
//! and 0x20 case randomisation are [`Config`] settings.
//!
//! Every lookup ends within [`Config::lookup_timeout`] (`lookup_mx` within
//! twice that), whatever the servers do: retries, the TCP retry and CNAME
//! hops all spend from one deadline. Lookups that belong together run side
//! by side on scoped threads, which end before the call returns:
//! `lookup_ip` asks AAAA on a second thread while it asks A, and
//! `lookup_mx` resolves each exchange on a thread of its own (2 ×
//! [`MailLimits::max_exchanges`] threads at most). If no thread can be
//! started, the work runs in turn, within the same deadline.
//!
//! ```no_run
//! use dnswire::resolver::Resolver;
//!
//! let resolver = Resolver::system()?; // /etc/resolv.conf
//! let route = resolver.lookup_mx("example.com")?;
//! for exchange in route.exchanges() {
//!     println!("{} {} {:?}", exchange.preference, exchange.host, exchange.addresses);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod check;
mod conf;
mod deadline;
mod mail;
mod net;
mod parallel;
mod random;
mod special;

use core::fmt;
use core::net::{IpAddr, SocketAddr, SocketAddrV6};
use core::sync::atomic::{AtomicUsize, Ordering};
use core::time::Duration;
use std::boxed::Box;
use std::collections::HashSet;
use std::format;
use std::io;
use std::string::String;
use std::sync::Arc;
use std::vec;
use std::vec::Vec;

pub use check::{ExchangeCheck, MailCheck, Policies, PolicyKind, Reverse, TlsaRecord};
pub use conf::{Nameserver, ResolvConf};
pub use mail::{Exchange, MailLimits, MailRoute, Problem, RouteKind, Verdict};
pub use special::SpecialPurpose;

use crate::name::NameBuf;
use crate::rdata::{EdnsOption, EdnsOptionBuf, OptionCode, RData, Rtype};
use crate::stub::{
    ChainError, ChaseStep, ClientCookie, CnameChain, Mismatch, OsRandom, Outcome, Query, RandomSource, RetryPlan,
    RetrySettings, ServerCookie, ServerFailure, Transport,
};
use crate::wire::header::Rcode;
use crate::wire::message::Message;
use crate::RecordBuf;
use deadline::Deadline;

//--- Config

/// How the resolver asks.
///
/// ```
/// use dnswire::resolver::{Config, Resolver};
/// use std::time::Duration;
///
/// let mut config = Config::new(["192.0.2.53:53".parse()?]);
/// config.timeout = Duration::from_secs(2);
/// config.attempts = 3;
/// config.dnssec_ok = true; // RRSIGs with the answers
/// config.randomize_case = true; // 0x20
/// assert_eq!(config.lookup_timeout(), Duration::from_secs(6));
/// let resolver = Resolver::new(config.clone());
/// assert_eq!(resolver.config(), &config);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The servers, asked in this order (rotated with `rotate`).
    pub servers: Vec<SocketAddr>,
    /// How long to wait for each try; times the tries of a query, the
    /// longest a whole lookup takes ([`Config::lookup_timeout`]). Zero makes
    /// every lookup fail at once ([`ResolveError::Timeout`]), before
    /// anything is sent; [`Duration::MAX`] waits without limit.
    pub timeout: Duration,
    /// Passes over the server list.
    pub attempts: u8,
    /// Start each query at the next server.
    pub rotate: bool,
    /// A relative name with at least this many dots is tried as it is
    /// before the search list.
    pub ndots: u8,
    /// Domains appended to relative names.
    pub search: Vec<NameBuf>,
    /// UDP payload size advertised with EDNS(0); `None` for no EDNS.
    pub udp_payload: Option<u16>,
    /// Ask over TCP only.
    pub tcp_only: bool,
    /// RD: ask the server to recurse (default true; false to ask an
    /// authoritative server only what it holds).
    pub recursion_desired: bool,
    /// DO (RFC 3225): ask for the DNSSEC records with the answer (RRSIG,
    /// NSEC/NSEC3). Needs EDNS.
    pub dnssec_ok: bool,
    /// CD (RFC 4035 §3.2.2): ask a validating server not to validate.
    pub checking_disabled: bool,
    /// AD (RFC 6840 §5.7): ask the server to say in the answer's AD bit
    /// whether it validated the data ([`Answer::authentic_data`]).
    pub authentic_data: bool,
    /// EDNS options sent with every query (NSID, client subnet…; cookies
    /// are [`Config::cookies`]). Needs EDNS.
    pub edns_options: Vec<EdnsOptionBuf>,
    /// DNS cookies (RFC 7873, default on): a random client cookie per
    /// server, the server's cookie remembered and sent back, responses with
    /// another client cookie ignored, BADCOOKIE asked again once. Needs
    /// EDNS.
    pub cookies: bool,
    /// Pad each query to a multiple of this many bytes (RFC 7830; RFC 8467
    /// §4.1 says 128); 0, the default, for none. Padding hides query sizes
    /// only on encrypted transports. Needs EDNS.
    pub padding_block: u16,
    /// 0x20 (draft-vixie-dnsext-dns0x20, default off): each query's name
    /// in random case, and answers that do not echo it exactly refused.
    /// Some servers and middleboxes lowercase names: with them every
    /// lookup fails.
    pub randomize_case: bool,
    /// What one [`Resolver::lookup_mx`] may do at most.
    pub mail: MailLimits,
}

impl Config {
    /// Asks `servers` with glibc's defaults: 5 s per try, 2 attempts,
    /// ndots 1, no search list; EDNS with a 1232-byte payload and DNS
    /// cookies; RD set, no DO, CD or AD; and the default [`MailLimits`].
    ///
    /// ```
    /// use dnswire::resolver::Config;
    /// use std::net::SocketAddr;
    /// use std::time::Duration;
    ///
    /// let server: SocketAddr = "192.0.2.53:53".parse()?;
    /// let config = Config::new([server]);
    /// assert_eq!(config.servers, [server]);
    /// assert_eq!((config.timeout, config.attempts, config.ndots), (Duration::from_secs(5), 2, 1));
    /// assert!(config.search.is_empty());
    /// assert_eq!(config.udp_payload, Some(1232));
    /// assert!(config.cookies && config.recursion_desired);
    /// assert!(!config.dnssec_ok && !config.checking_disabled && !config.authentic_data);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(servers: impl IntoIterator<Item = SocketAddr>) -> Self {
        Config::from_resolv_conf(&ResolvConf::default()).with_servers(servers)
    }

    fn with_servers(mut self, servers: impl IntoIterator<Item = SocketAddr>) -> Self {
        self.servers = servers.into_iter().collect();
        self
    }

    /// The configuration a resolv.conf describes. Servers listen on port
    /// 53; an IPv6 zone is an interface index or, on Linux, an interface
    /// name (a name that cannot be looked up drops that server). No
    /// nameserver at all means 127.0.0.1, as in glibc.
    ///
    /// ```
    /// use dnswire::resolver::{Config, ResolvConf};
    /// use std::net::SocketAddr;
    /// use std::time::Duration;
    ///
    /// let conf = ResolvConf::parse("nameserver 192.0.2.53\nsearch example.com\noptions ndots:2 timeout:1 use-vc\n");
    /// let config = Config::from_resolv_conf(&conf);
    /// assert_eq!(config.servers, [SocketAddr::from(([192, 0, 2, 53], 53))]);
    /// assert_eq!(config.search[0].to_string(), "example.com.");
    /// assert_eq!((config.ndots, config.timeout, config.tcp_only), (2, Duration::from_secs(1), true));
    ///
    /// let empty = Config::from_resolv_conf(&ResolvConf::parse(""));
    /// assert_eq!(empty.servers, [SocketAddr::from(([127, 0, 0, 1], 53))]);
    /// ```
    pub fn from_resolv_conf(conf: &ResolvConf) -> Self {
        let mut servers: Vec<SocketAddr> = conf
            .nameservers
            .iter()
            .filter_map(|server| match (server.addr, &server.zone) {
                (addr, None) => Some(SocketAddr::new(addr, 53)),
                (IpAddr::V6(addr), Some(zone)) => {
                    let scope = zone.parse().ok().or_else(|| interface_index(zone))?;
                    Some(SocketAddr::V6(SocketAddrV6::new(addr, 53, 0, scope)))
                }
                (IpAddr::V4(_), Some(_)) => None,
            })
            .collect();
        if conf.nameservers.is_empty() {
            servers.push(SocketAddr::from(([127, 0, 0, 1], 53)));
        }
        Config {
            servers,
            timeout: conf.timeout,
            attempts: conf.attempts,
            rotate: conf.rotate,
            ndots: conf.ndots,
            search: conf.search.clone(),
            udp_payload: Some(crate::stub::DEFAULT_UDP_PAYLOAD),
            tcp_only: conf.use_vc,
            recursion_desired: true,
            dnssec_ok: false,
            checking_disabled: false,
            authentic_data: false,
            edns_options: Vec::new(),
            cookies: true,
            padding_block: 0,
            randomize_case: false,
            mail: MailLimits::default(),
        }
    }

    /// The longest any one lookup takes: `timeout × attempts × servers`,
    /// the time every try of one query may take if each one times out
    /// (glibc's defaults give 10 s for one server). Nothing extends it:
    /// the retry without EDNS, the retry over TCP after a truncated answer
    /// and every CNAME hop spend from it, and `lookup_ip` asks for both
    /// families side by side. [`Resolver::lookup_mx`] takes at most twice
    /// as long. Saturates rather than overflows: `Duration::MAX` means no
    /// limit.
    ///
    /// ```
    /// use dnswire::resolver::Config;
    /// use std::time::Duration;
    ///
    /// let config = Config::new(["192.0.2.53:53".parse()?, "198.51.100.53:53".parse()?]);
    /// assert_eq!((config.timeout, config.attempts), (Duration::from_secs(5), 2));
    /// assert_eq!(config.lookup_timeout(), Duration::from_secs(20));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lookup_timeout(&self) -> Duration {
        let tries = u32::try_from(self.servers.len().saturating_mul(usize::from(self.attempts.max(1))));
        tries.ok().and_then(|tries| self.timeout.checked_mul(tries)).unwrap_or(Duration::MAX)
    }

    /// The configuration of this machine as glibc reads it:
    /// `/etc/resolv.conf` (the defaults if the file does not exist), then
    /// the `LOCALDOMAIN` and `RES_OPTIONS` environment variables, and, when
    /// neither names a search list, the domain of the host name (what
    /// follows its first dot).
    ///
    /// # Errors
    /// Reading the file failed for another reason than its absence.
    ///
    /// On a host whose `/etc/resolv.conf` says `nameserver 192.0.2.53` and
    /// `search example.com`, with neither variable set, this prints
    /// `[192.0.2.53:53] [NameBuf(example.com.)] ndots 1`:
    ///
    /// ```no_run
    /// use dnswire::resolver::Config;
    ///
    /// let config = Config::system()?;
    /// println!("{:?} {:?} ndots {}", config.servers, config.search, config.ndots);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn system() -> io::Result<Self> {
        let text = match std::fs::read_to_string("/etc/resolv.conf") {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => String::new(),
            Err(error) => return Err(error),
        };
        let mut conf = ResolvConf::parse(&text);
        let var = |name: &str| std::env::var(name).ok();
        conf.apply_environment(var("LOCALDOMAIN").as_deref(), var("RES_OPTIONS").as_deref());
        if let Some(hostname) = conf::hostname() {
            conf.search_from_hostname(&hostname);
        }
        Ok(Config::from_resolv_conf(&conf))
    }
}

/// The index of a network interface, on Linux, from sysfs.
fn interface_index(name: &str) -> Option<u32> {
    if name.contains(['/', '.']) {
        return None;
    }
    std::fs::read_to_string(format!("/sys/class/net/{name}/ifindex")).ok()?.trim().parse().ok()
}

//--- Events and errors

/// Why one try at one server gave no answer.
///
/// It comes with [`Event::Failed`] and, for each server, in
/// [`ResolveError::AllServersFailed`]; `Display` says it in a few words.
///
/// ```
/// use dnswire::resolver::Failure;
/// use dnswire::stub::ServerFailure;
/// use dnswire::Rcode;
/// use std::io;
///
/// assert_eq!(Failure::TimedOut.to_string(), "timed out");
/// assert_eq!(Failure::Server(ServerFailure::Rcode(Rcode::SERVFAIL)).to_string(), "answered SERVFAIL");
/// let refused = Failure::Io(io::Error::from(io::ErrorKind::ConnectionRefused));
/// assert!(refused.to_string().starts_with("I/O error: "));
/// ```
#[derive(Debug)]
pub enum Failure {
    /// No acceptable response before the try's deadline.
    TimedOut,
    /// The server answered with an error rcode, malformed bytes, TC=1 over
    /// TCP, or a response that does not match the query (over TCP; over
    /// UDP, a name whose 0x20 case or a cookie did not match, every time
    /// until the deadline).
    Server(ServerFailure),
    /// The socket failed (refused, unreachable, reset…).
    Io(io::Error),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::TimedOut => f.write_str("timed out"),
            Failure::Server(why) => why.fmt(f),
            Failure::Io(error) => write!(f, "I/O error: {error}"),
        }
    }
}

/// What the resolver does, as it does it; see [`Resolver::with_observer`].
///
/// ```
/// use dnswire::resolver::{Config, Event, Resolver};
/// use dnswire::Rtype;
/// use std::net::UdpSocket;
/// use std::sync::{Arc, Mutex};
/// use std::time::Duration;
///
/// // A socket of our own on 127.0.0.1 that never answers.
/// let silent = UdpSocket::bind("127.0.0.1:0")?;
/// let mut config = Config::new([silent.local_addr()?]);
/// config.timeout = Duration::from_millis(50);
/// config.attempts = 1;
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// let log = Arc::clone(&seen);
/// let resolver = Resolver::new(config).with_observer(move |event| {
///     log.lock().unwrap().push(match event {
///         Event::Sent { name, qtype, edns, .. } => format!("sent {name} {qtype}, EDNS {edns}"),
///         Event::Failed { why, .. } => format!("failed: {why}"),
///         other => format!("{other:?}"),
///     })
/// });
/// assert!(resolver.query_name(&"example.com.".parse()?, Rtype::MX).is_err());
/// assert_eq!(*seen.lock().unwrap(), ["sent example.com. MX, EDNS true", "failed: timed out"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub enum Event<'a> {
    /// A query went out.
    Sent {
        /// To whom.
        server: SocketAddr,
        /// How.
        transport: Transport,
        /// With this ID.
        id: u16,
        /// For this name.
        name: &'a NameBuf,
        /// And this type.
        qtype: Rtype,
        /// Whether it carried EDNS.
        edns: bool,
    },
    /// Something arrived that is not a response to the query: ignored.
    Ignored {
        /// The server the socket is connected to.
        server: SocketAddr,
        /// How it arrived.
        transport: Transport,
        /// Why it is not the response.
        why: Mismatch,
    },
    /// The try ended without an answer.
    Failed {
        /// The server tried.
        server: SocketAddr,
        /// How.
        transport: Transport,
        /// Why.
        why: &'a Failure,
    },
    /// TC=1: the same server will be asked over TCP.
    Truncated {
        /// The server.
        server: SocketAddr,
    },
    /// FORMERR to EDNS: the same server will be asked without it.
    EdnsRejected {
        /// The server.
        server: SocketAddr,
    },
    /// BADCOOKIE: the same server will be asked again with its cookie.
    BadCookie {
        /// The server.
        server: SocketAddr,
    },
    /// A TCP connection was opened (it stays open for the queries after).
    Connected {
        /// To this server.
        server: SocketAddr,
    },
    /// An answer was accepted.
    Answered {
        /// From this server.
        server: SocketAddr,
        /// Over this transport.
        transport: Transport,
        /// With this rcode.
        rcode: Rcode,
    },
}

/// Why a lookup failed.
///
/// ```
/// use dnswire::resolver::{Config, ResolveError, Resolver};
/// use dnswire::Rtype;
///
/// // Both fail before anything is sent.
/// let resolver = Resolver::new(Config::new([]));
/// let error = resolver.query("example.com.", Rtype::MX).unwrap_err();
/// assert!(matches!(error, ResolveError::NoServers));
/// assert_eq!(error.to_string(), "no name server configured");
/// let error = resolver.query("www..example.com", Rtype::A).unwrap_err();
/// assert!(matches!(error, ResolveError::InvalidName(dnswire::Error::EmptyLabel)));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum ResolveError {
    /// The configuration names no server.
    NoServers,
    /// The name is not a valid domain name.
    InvalidName(crate::Error),
    /// No server answered in time.
    Timeout {
        /// How many servers were asked.
        servers: usize,
        /// How many tries were made in all.
        tries: usize,
    },
    /// Every server that answered sent malformed bytes (the others timed out).
    Malformed {
        /// The last server that did.
        server: SocketAddr,
        /// The rule its response broke.
        error: crate::Error,
    },
    /// Every try failed with a socket error (the others timed out).
    Io(io::Error),
    /// An option of [`Config::edns_options`] does not fit in a query.
    InvalidOption(crate::Error),
    /// Every server failed; the last reason of each, in server order.
    AllServersFailed(Vec<(SocketAddr, Failure)>),
    /// The name does not exist (NXDOMAIN): an answer, not retried.
    NxDomain {
        /// The name that does not exist (the end of a CNAME chain, if any).
        name: Box<NameBuf>,
    },
    /// A CNAME chain looped or was too long.
    Cname {
        /// The name the chain started from.
        name: Box<NameBuf>,
        /// What went wrong.
        error: ChainError,
    },
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::NoServers => f.write_str("no name server configured"),
            ResolveError::InvalidName(error) => write!(f, "invalid name: {error}"),
            ResolveError::Timeout { servers, tries } => {
                write!(f, "timed out: {tries} tries, {servers} server(s), no answer")
            }
            ResolveError::Malformed { server, error } => write!(f, "malformed response from {server}: {error}"),
            ResolveError::Io(error) => write!(f, "I/O error: {error}"),
            ResolveError::InvalidOption(error) => write!(f, "EDNS options: {error}"),
            ResolveError::AllServersFailed(failures) => {
                f.write_str("all servers failed:")?;
                for (server, why) in failures {
                    write!(f, " {server}: {why};")?;
                }
                Ok(())
            }
            ResolveError::NxDomain { name } => write!(f, "{name}: no such domain (NXDOMAIN)"),
            ResolveError::Cname { name, error } => write!(f, "{name}: {error}"),
        }
    }
}

impl ResolveError {
    /// Whether the failure may pass: no answer in time, failing or
    /// malformed servers, socket errors, no server configured. A mail
    /// server defers the mail (4xx) on these, and never takes them for "no
    /// MX". The others are definite: the name does not exist (NXDOMAIN),
    /// cannot be a name, or its CNAMEs loop or run too long — a mail
    /// server returns the mail (5xx).
    ///
    /// ```
    /// use dnswire::resolver::{Config, ResolveError, Resolver};
    /// use std::time::Duration;
    ///
    /// let mut config = Config::new(["192.0.2.53:53".parse()?]);
    /// config.timeout = Duration::ZERO; // every lookup times out at once, nothing sent
    /// let error = Resolver::new(config).lookup_mx("example.com").unwrap_err();
    /// assert!(matches!(error, ResolveError::Timeout { .. }));
    /// assert!(error.is_temporary()); // keep the mail, try later: 4xx
    ///
    /// let nxdomain = ResolveError::NxDomain { name: Box::new("nowhere.example.".parse()?) };
    /// assert!(!nxdomain.is_temporary()); // return the mail: 5xx
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_temporary(&self) -> bool {
        match self {
            ResolveError::NoServers
            | ResolveError::Timeout { .. }
            | ResolveError::Malformed { .. }
            | ResolveError::Io(_)
            | ResolveError::AllServersFailed(_) => true,
            ResolveError::InvalidName(_)
            | ResolveError::InvalidOption(_)
            | ResolveError::NxDomain { .. }
            | ResolveError::Cname { .. } => false,
        }
    }
}

impl core::error::Error for ResolveError {}

/// Picks the error that says most about a plan that ended without answer.
fn give_up(servers: &[SocketAddr], tries: usize, failures: Vec<(SocketAddr, Failure)>) -> ResolveError {
    let answered: Vec<&(SocketAddr, Failure)> =
        failures.iter().filter(|(_, why)| !matches!(why, Failure::TimedOut)).collect();
    if answered.is_empty() {
        return ResolveError::Timeout { servers: servers.len(), tries };
    }
    if let Some((server, Failure::Server(ServerFailure::Malformed(error)))) = answered.last() {
        if answered.iter().all(|(_, why)| matches!(why, Failure::Server(ServerFailure::Malformed(_)))) {
            return ResolveError::Malformed { server: *server, error: *error };
        }
    }
    if answered.iter().all(|(_, why)| matches!(why, Failure::Io(_))) {
        let io = failures.into_iter().find_map(|(_, why)| match why {
            Failure::Io(error) => Some(error),
            _ => None,
        });
        return ResolveError::Io(io.unwrap_or_else(|| io::ErrorKind::Other.into()));
    }
    // The last reason of each server, in configuration order.
    let mut last: Vec<(SocketAddr, Failure)> = Vec::new();
    for (server, why) in failures {
        last.retain(|(seen, _)| *seen != server);
        last.push((server, why));
    }
    last.sort_by_key(|(server, _)| servers.iter().position(|s| s == server));
    ResolveError::AllServersFailed(last)
}

//--- Answers

/// A response accepted as the answer to a query.
///
/// Its fields are public; what a validating resolver on this host might
/// send, with AD set and the server's NSID:
///
/// ```
/// use dnswire::resolver::Answer;
/// use dnswire::stub::Transport;
/// use dnswire::{Class, Message, MessageBuilder, Nsid, OptionCode, Rtype, A};
///
/// let mut buf = [0u8; 512];
/// let mut response = MessageBuilder::new(&mut buf[..])?;
/// response.header_mut().set_qr(true);
/// response.header_mut().set_ad(true);
/// response.push_question("example.com.", Rtype::A, Class::IN)?;
/// response.push_answer("example.com.", Class::IN, 300, &A::from([192, 0, 2, 1]))?;
/// response.set_edns(1232, false)?;
/// response.push_edns_option(&Nsid::new(b"ns1")?)?;
/// let answer = Answer {
///     message: Message::parse(response.finish().to_vec())?,
///     server: "127.0.0.1:53".parse()?,
///     transport: Transport::Udp,
/// };
/// assert_eq!(answer.message.answers().next().unwrap().to_string(), "example.com.\t\t300\tIN\tA\t192.0.2.1");
/// assert!(answer.authentic_data());
/// assert_eq!(answer.edns_option(OptionCode::NSID), Some(&b"ns1"[..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Answer {
    /// The response.
    pub message: Message<Vec<u8>>,
    /// The server that sent it.
    pub server: SocketAddr,
    /// How it came.
    pub transport: Transport,
}

impl Answer {
    /// The AD bit: the server says it validated the data (RFC 4035
    /// §3.2.3). Worth as much as the path to the server is: trust it only
    /// from a validating resolver on this host or over a secured channel
    /// (RFC 6698 §A.2, RFC 4035 §4.9.3).
    ///
    /// ```
    /// # use dnswire::resolver::Answer;
    /// # use dnswire::stub::Transport;
    /// # use dnswire::{Class, Message, MessageBuilder, Nsid, OptionCode, Rtype, A};
    /// # let mut buf = [0u8; 512];
    /// # let mut response = MessageBuilder::new(&mut buf[..])?;
    /// # response.header_mut().set_qr(true);
    /// # response.header_mut().set_ad(true);
    /// # response.push_question("example.com.", Rtype::A, Class::IN)?;
    /// # response.push_answer("example.com.", Class::IN, 300, &A::from([192, 0, 2, 1]))?;
    /// # response.set_edns(1232, false)?;
    /// # response.push_edns_option(&Nsid::new(b"ns1")?)?;
    /// # let answer = Answer {
    /// #     message: Message::parse(response.finish().to_vec())?,
    /// #     server: "127.0.0.1:53".parse()?,
    /// #     transport: Transport::Udp,
    /// # };
    /// // `answer` as in `Answer`'s example: AD set, the server's NSID.
    /// assert!(answer.authentic_data());
    /// assert_eq!(answer.authentic_data(), answer.message.header().ad());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn authentic_data(&self) -> bool {
        self.message.header().ad()
    }

    /// The EDNS options of the answer (NSID, cookie, extended errors…),
    /// each with [`EdnsOption::decode`] for its typed view; empty without
    /// an OPT record.
    ///
    /// ```
    /// # use dnswire::resolver::Answer;
    /// # use dnswire::stub::Transport;
    /// # use dnswire::{Class, Message, MessageBuilder, Nsid, OptionCode, Rtype, A};
    /// # let mut buf = [0u8; 512];
    /// # let mut response = MessageBuilder::new(&mut buf[..])?;
    /// # response.header_mut().set_qr(true);
    /// # response.header_mut().set_ad(true);
    /// # response.push_question("example.com.", Rtype::A, Class::IN)?;
    /// # response.push_answer("example.com.", Class::IN, 300, &A::from([192, 0, 2, 1]))?;
    /// # response.set_edns(1232, false)?;
    /// # response.push_edns_option(&Nsid::new(b"ns1")?)?;
    /// # let answer = Answer {
    /// #     message: Message::parse(response.finish().to_vec())?,
    /// #     server: "127.0.0.1:53".parse()?,
    /// #     transport: Transport::Udp,
    /// # };
    /// // `answer` as in `Answer`'s example: AD set, the server's NSID.
    /// let options: Vec<_> = answer.edns_options().map(|option| (option.code, option.data)).collect();
    /// assert_eq!(options, [(OptionCode::NSID, &b"ns1"[..])]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn edns_options(&self) -> impl Iterator<Item = EdnsOption<'_>> + '_ {
        self.message.edns().into_iter().flat_map(|edns| edns.options.options())
    }

    /// The data of the answer's first option with `code`, if any.
    ///
    /// ```
    /// # use dnswire::resolver::Answer;
    /// # use dnswire::stub::Transport;
    /// # use dnswire::{Class, Message, MessageBuilder, Nsid, OptionCode, Rtype, A};
    /// # let mut buf = [0u8; 512];
    /// # let mut response = MessageBuilder::new(&mut buf[..])?;
    /// # response.header_mut().set_qr(true);
    /// # response.header_mut().set_ad(true);
    /// # response.push_question("example.com.", Rtype::A, Class::IN)?;
    /// # response.push_answer("example.com.", Class::IN, 300, &A::from([192, 0, 2, 1]))?;
    /// # response.set_edns(1232, false)?;
    /// # response.push_edns_option(&Nsid::new(b"ns1")?)?;
    /// # let answer = Answer {
    /// #     message: Message::parse(response.finish().to_vec())?,
    /// #     server: "127.0.0.1:53".parse()?,
    /// #     transport: Transport::Udp,
    /// # };
    /// // `answer` as in `Answer`'s example: AD set, the server's NSID.
    /// assert_eq!(answer.edns_option(OptionCode::NSID), Some(&b"ns1"[..]));
    /// assert_eq!(answer.edns_option(OptionCode::COOKIE), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn edns_option(&self, code: OptionCode) -> Option<&[u8]> {
        self.edns_options().find(|option| option.code == code).map(|option| option.data)
    }
}

/// The records of one type for a name, after following CNAMEs. The AD
/// bit and EDNS options of the last response: [`Answer::authentic_data`],
/// [`Answer::edns_options`] on [`Lookup::answer`].
///
/// Asked of a resolver on 127.0.0.1 for a `www.example.com.` that is a
/// CNAME for `web.example.com.`, this prints `www.example.com. is
/// web.example.com., aliases [NameBuf(www.example.com.)]`, then each A
/// record of `web.example.com.` as dig prints it:
///
/// ```no_run
/// use dnswire::resolver::{Config, Resolver};
/// use dnswire::Rtype;
///
/// let resolver = Resolver::new(Config::new(["127.0.0.1:53".parse()?]));
/// let lookup = resolver.resolve("www.example.com.", Rtype::A)?;
/// println!("{} is {}, aliases {:?}", lookup.name, lookup.canonical, lookup.aliases);
/// for record in &lookup.records {
///     println!("{record}");
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Lookup {
    /// The name asked about (after the search list, if it applied).
    pub name: NameBuf,
    /// The name the records belong to: the end of the CNAME chain.
    pub canonical: NameBuf,
    /// The aliases followed from `name` to `canonical`.
    pub aliases: Vec<NameBuf>,
    /// The records of the type asked for, owned by `canonical`; empty for
    /// NODATA.
    pub records: Vec<RecordBuf>,
    /// The last response.
    pub answer: Answer,
}

//--- Resolver

type Observer = Arc<dyn Fn(&Event<'_>) + Send + Sync>;

/// A stub resolver: asks recursive servers, over UDP and TCP. Clones share
/// the rotation counter, the cookies learned and the open TCP connections.
///
/// ```
/// use dnswire::resolver::{Config, Resolver};
/// use std::net::IpAddr;
///
/// let mut config = Config::new(["192.0.2.53:53".parse()?]);
/// config.search = vec!["example.com.".parse()?];
/// let resolver = Resolver::new(config);
/// // Work that needs no server: address literals, and the search list.
/// assert_eq!(resolver.lookup_ip("192.0.2.25")?, ["192.0.2.25".parse::<IpAddr>()?]);
/// let names: Vec<String> = resolver.candidates("mail")?.iter().map(|name| name.to_string()).collect();
/// assert_eq!(names, ["mail.example.com.", "mail."]);
/// // A clone for another thread: the same servers, cookies and connections.
/// let other = resolver.clone();
/// std::thread::spawn(move || assert_eq!(other.config().servers.len(), 1)).join().unwrap();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Resolver {
    config: Config,
    observer: Option<Observer>,
    shared: Arc<Shared>,
}

/// What the clones of a resolver share.
#[derive(Default)]
struct Shared {
    next_first: AtomicUsize,
    /// Per configured server: our client cookie and its server cookie.
    cookies: std::sync::Mutex<std::collections::HashMap<SocketAddr, (ClientCookie, ServerCookie)>>,
    tcp: net::TcpPool,
}

impl fmt::Debug for Resolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resolver").field("config", &self.config).finish_non_exhaustive()
    }
}

impl Resolver {
    /// A resolver with this configuration.
    ///
    /// ```
    /// use dnswire::resolver::{Config, Resolver};
    ///
    /// let mut config = Config::new(["192.0.2.53:53".parse()?, "[2001:db8::53]:53".parse()?]);
    /// config.rotate = true; // spread the queries over both
    /// let resolver = Resolver::new(config);
    /// assert!(resolver.config().rotate);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(config: Config) -> Self {
        Resolver { config, observer: None, shared: Arc::default() }
    }

    /// A resolver configured by `/etc/resolv.conf`.
    ///
    /// # Errors
    /// Reading the file failed.
    ///
    /// On a host whose resolver knows `example.com`, this prints its
    /// addresses, such as `[2001:db8::80, 192.0.2.80]`:
    ///
    /// ```no_run
    /// use dnswire::resolver::Resolver;
    ///
    /// let resolver = Resolver::system()?;
    /// println!("{:?}", resolver.lookup_ip("example.com")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn system() -> io::Result<Self> {
        Config::system().map(Resolver::new)
    }

    /// The same resolver, calling `observer` with every [`Event`]: what
    /// was sent, ignored, retried and accepted.
    ///
    /// ```
    /// use dnswire::resolver::{Config, Event, ResolveError, Resolver};
    /// use dnswire::Rtype;
    /// use std::net::UdpSocket;
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// use std::sync::Arc;
    /// use std::time::Duration;
    ///
    /// // A socket of our own on 127.0.0.1 that never answers.
    /// let silent = UdpSocket::bind("127.0.0.1:0")?;
    /// let mut config = Config::new([silent.local_addr()?]);
    /// config.timeout = Duration::from_millis(50);
    /// let sent = Arc::new(AtomicUsize::new(0));
    /// let counter = Arc::clone(&sent);
    /// let resolver = Resolver::new(config).with_observer(move |event| {
    ///     if let Event::Sent { .. } = event {
    ///         counter.fetch_add(1, Ordering::Relaxed);
    ///     }
    /// });
    /// let error = resolver.query("example.com.", Rtype::A).unwrap_err();
    /// assert!(matches!(error, ResolveError::Timeout { servers: 1, tries: 2 }));
    /// assert_eq!(sent.load(Ordering::Relaxed), 2); // 2 attempts, the default
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_observer(mut self, observer: impl Fn(&Event<'_>) + Send + Sync + 'static) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// The configuration.
    ///
    /// ```
    /// use dnswire::resolver::{Config, Resolver};
    /// use std::time::Duration;
    ///
    /// let resolver = Resolver::new(Config::new(["192.0.2.53:53".parse()?]));
    /// assert_eq!(resolver.config().lookup_timeout(), Duration::from_secs(10));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn config(&self) -> &Config {
        &self.config
    }

    fn observe(&self, event: Event<'_>) {
        if let Some(observer) = &self.observer {
            observer(&event);
        }
    }

    /// The deadline of a lookup that starts now.
    fn deadline(&self) -> Deadline {
        Deadline::after(self.config.lookup_timeout())
    }

    /// Asks for `qtype` records of the absolute `name`, once per the retry
    /// plan, and returns the first answer (NXDOMAIN included), within
    /// [`Config::lookup_timeout`].
    ///
    /// # Errors
    /// [`ResolveError::Timeout`], [`ResolveError::AllServersFailed`],
    /// [`ResolveError::Malformed`], [`ResolveError::Io`],
    /// [`ResolveError::NoServers`], [`ResolveError::InvalidName`] for a
    /// relative name.
    ///
    /// Asked of a resolver on 127.0.0.1 that knows `example.com.`, this
    /// prints `NOERROR from 127.0.0.1:53 over Udp`, then the SOA record as
    /// dig prints it:
    ///
    /// ```no_run
    /// use dnswire::resolver::{Config, Resolver};
    /// use dnswire::Rtype;
    ///
    /// let resolver = Resolver::new(Config::new(["127.0.0.1:53".parse()?]));
    /// let answer = resolver.query_name(&"example.com.".parse()?, Rtype::SOA)?;
    /// println!("{} from {} over {:?}", answer.message.rcode(), answer.server, answer.transport);
    /// for record in answer.message.answers() {
    ///     println!("{record}");
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn query_name(&self, name: &NameBuf, qtype: Rtype) -> Result<Answer, ResolveError> {
        self.ask(name, qtype, self.deadline())
    }

    /// [`Resolver::query_name`] before `deadline`: every try, the retry
    /// without EDNS, the retry with a new cookie and the retry over TCP all
    /// end by it.
    fn ask(&self, name: &NameBuf, qtype: Rtype, deadline: Deadline) -> Result<Answer, ResolveError> {
        let servers = &self.config.servers;
        if servers.is_empty() {
            return Err(ResolveError::NoServers);
        }
        let template = self.template(name, qtype)?;
        let first = if self.config.rotate { self.shared.next_first.fetch_add(1, Ordering::Relaxed) } else { 0 };
        let settings = RetrySettings {
            attempts: self.config.attempts,
            first_server: first,
            tcp_only: self.config.tcp_only,
            edns: self.config.udp_payload.is_some(),
        };
        let mut plan = RetryPlan::new(servers.len(), settings);
        let mut failures = Vec::new();
        let mut tries = 0;
        while let Some(attempt) = plan.next_attempt() {
            if deadline.passed() {
                break;
            }
            tries += 1;
            let server = servers[attempt.server];
            let mut query = template.for_attempt(&attempt, OsRandom.next_id());
            if self.config.randomize_case {
                query = query.with_random_case(&mut OsRandom);
            }
            if self.config.cookies {
                let (client, cookie) = self.cookie(server);
                query = query.with_cookie(client, Some(&cookie).filter(|c| !c.as_bytes().is_empty()));
            }
            let edns = query.udp_payload().is_some();
            self.observe(Event::Sent { server, transport: attempt.transport, id: query.id(), name, qtype, edns });
            let try_deadline = deadline.of_try(self.config.timeout);
            let result = match attempt.transport {
                Transport::Udp => net::udp(server, &query, try_deadline, &|event| self.observe(event)),
                Transport::Tcp => self.shared.tcp.ask(server, &query, try_deadline, &|event| self.observe(event)),
            };
            let failure = match result {
                net::TryResult::Answer(bytes) => match Message::parse(bytes) {
                    Ok(message) => {
                        plan.report(Outcome::Answered);
                        if let Some(cookie) = ServerCookie::from_response(&message).filter(|_| self.config.cookies) {
                            self.remember_cookie(server, cookie);
                        }
                        let rcode = message.rcode();
                        self.observe(Event::Answered { server, transport: attempt.transport, rcode });
                        return Ok(Answer { message, server, transport: attempt.transport });
                    }
                    Err(error) => Failure::Server(ServerFailure::Malformed(error)),
                },
                net::TryResult::Truncated => {
                    self.observe(Event::Truncated { server });
                    plan.report(Outcome::Truncated);
                    continue;
                }
                net::TryResult::EdnsRejected => {
                    self.observe(Event::EdnsRejected { server });
                    plan.report(Outcome::EdnsRejected);
                    continue;
                }
                net::TryResult::BadCookie(cookie) => {
                    if let Some(cookie) = cookie {
                        self.remember_cookie(server, cookie);
                    }
                    self.observe(Event::BadCookie { server });
                    plan.report(Outcome::BadCookie);
                    failures.push((server, Failure::Server(ServerFailure::Rcode(Rcode::BADCOOKIE))));
                    continue;
                }
                net::TryResult::TimedOut => Failure::TimedOut,
                net::TryResult::Failed(why) => why,
            };
            self.observe(Event::Failed { server, transport: attempt.transport, why: &failure });
            plan.report(if matches!(failure, Failure::TimedOut) { Outcome::TimedOut } else { Outcome::Failed });
            failures.push((server, failure));
        }
        Err(give_up(servers, tries, failures))
    }

    /// The query every attempt for `name` and `qtype` starts from: the
    /// configuration's flags and options.
    fn template(&self, name: &NameBuf, qtype: Rtype) -> Result<Query, ResolveError> {
        let config = &self.config;
        let mut query = Query::new(name.clone(), qtype, 0)
            .map_err(ResolveError::InvalidName)?
            .with_udp_payload(config.udp_payload)
            .with_recursion_desired(config.recursion_desired)
            .with_dnssec_ok(config.dnssec_ok)
            .with_checking_disabled(config.checking_disabled)
            .with_authentic_data(config.authentic_data)
            .with_padding(config.padding_block);
        for option in &config.edns_options {
            query = query.with_option(option).map_err(ResolveError::InvalidOption)?;
        }
        Ok(query)
    }

    /// Our client cookie for `server` (made on first use) and its server
    /// cookie, if learned. Only configured servers are asked: the table
    /// stays as small as the server list.
    fn cookie(&self, server: SocketAddr) -> (ClientCookie, ServerCookie) {
        let mut cookies = net::lock(&self.shared.cookies);
        *cookies.entry(server).or_insert_with(|| {
            let mut client = ClientCookie::default();
            OsRandom.fill_bytes(&mut client);
            (client, ServerCookie::default())
        })
    }

    fn remember_cookie(&self, server: SocketAddr, cookie: ServerCookie) {
        let mut cookies = net::lock(&self.shared.cookies);
        if let Some(entry) = cookies.get_mut(&server) {
            entry.1 = cookie;
        }
    }

    /// The server cookie learned from `server`, if any: what the next
    /// query to it sends back.
    ///
    /// Asked of a server on 127.0.0.1 that sends cookies (as BIND does),
    /// this prints `None`, then the server cookie it sent, 8 to 32 bytes,
    /// such as `Some(ServerCookie(0100000065f3a2b1…))`:
    ///
    /// ```no_run
    /// use dnswire::resolver::{Config, Resolver};
    /// use dnswire::Rtype;
    ///
    /// let server = "127.0.0.1:53".parse()?;
    /// let resolver = Resolver::new(Config::new([server]));
    /// println!("{:?}", resolver.server_cookie(server)); // nothing asked yet
    /// resolver.query("example.com.", Rtype::SOA)?;
    /// println!("{:?}", resolver.server_cookie(server));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn server_cookie(&self, server: SocketAddr) -> Option<ServerCookie> {
        let cookies = net::lock(&self.shared.cookies);
        cookies.get(&server).map(|entry| entry.1).filter(|cookie| !cookie.as_bytes().is_empty())
    }

    /// The absolute names to try for `name`, in order: an absolute name as
    /// it is; a relative one with the search list, as it is first when it
    /// has at least `ndots` dots, last otherwise.
    ///
    /// # Errors
    /// [`ResolveError::InvalidName`].
    ///
    /// ```
    /// use dnswire::resolver::{Config, Resolver};
    ///
    /// let mut config = Config::new(["192.0.2.53:53".parse()?]);
    /// config.search = vec!["eng.example.com.".parse()?, "example.com.".parse()?];
    /// let resolver = Resolver::new(config);
    /// let names = |name| -> Result<Vec<String>, dnswire::resolver::ResolveError> {
    ///     Ok(resolver.candidates(name)?.iter().map(|name| name.to_string()).collect())
    /// };
    /// // Fewer dots than ndots (1): the search list first.
    /// assert_eq!(names("wiki")?, ["wiki.eng.example.com.", "wiki.example.com.", "wiki."]);
    /// // As many: as it is first.
    /// assert_eq!(names("wiki.eng")?, ["wiki.eng.", "wiki.eng.eng.example.com.", "wiki.eng.example.com."]);
    /// // Absolute: only as it is.
    /// assert_eq!(names("wiki.example.org.")?, ["wiki.example.org."]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn candidates(&self, name: &str) -> Result<Vec<NameBuf>, ResolveError> {
        let name: NameBuf = name.parse().map_err(ResolveError::InvalidName)?;
        if name.is_absolute() {
            return Ok(vec![name]);
        }
        let as_is = name.to_absolute().map_err(ResolveError::InvalidName)?;
        let dots = name.labels().count() - 1;
        let mut names: Vec<NameBuf> = self.config.search.iter().filter_map(|domain| name.join(domain).ok()).collect();
        if dots >= usize::from(self.config.ndots) {
            names.insert(0, as_is);
        } else {
            names.push(as_is);
        }
        names.dedup();
        Ok(names)
    }

    /// Asks for `qtype` records of `name`, applying the search list to a
    /// relative name: the first candidate with records wins; failing that,
    /// the first NODATA; failing that, the last NXDOMAIN. Returns the
    /// response as it is (no CNAME following). All the candidates share one
    /// [`Config::lookup_timeout`].
    ///
    /// # Errors
    /// As [`Resolver::query_name`]; a failure of any candidate stops the
    /// search.
    ///
    /// With a resolver on 127.0.0.1 and `www.example.com.` in DNS, this
    /// prints `www.example.com. NOERROR` (`www` has fewer dots than ndots:
    /// the search list is tried first):
    ///
    /// ```no_run
    /// use dnswire::resolver::{Config, Resolver};
    /// use dnswire::Rtype;
    ///
    /// let mut config = Config::new(["127.0.0.1:53".parse()?]);
    /// config.search = vec!["example.com.".parse()?];
    /// let answer = Resolver::new(config).query("www", Rtype::A)?;
    /// println!("{} {}", answer.message.question().unwrap().name, answer.message.rcode());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn query(&self, name: &str, qtype: Rtype) -> Result<Answer, ResolveError> {
        self.search(name, qtype, self.deadline())
    }

    fn search(&self, name: &str, qtype: Rtype, deadline: Deadline) -> Result<Answer, ResolveError> {
        self.search_candidates(name, qtype, deadline).map(|(_, answer)| answer)
    }

    /// [`Resolver::search`], with the candidate name the answer is for (as
    /// spelt here, whatever case the query was sent in).
    fn search_candidates(
        &self,
        name: &str,
        qtype: Rtype,
        deadline: Deadline,
    ) -> Result<(NameBuf, Answer), ResolveError> {
        let mut nodata = None;
        let mut last = None;
        for candidate in self.candidates(name)? {
            let answer = self.ask(&candidate, qtype, deadline)?;
            if answer.message.rcode() == Rcode::NXDOMAIN {
                last = Some((candidate, answer));
            } else if answer.message.answers().len() == 0 {
                nodata.get_or_insert((candidate, answer));
            } else {
                return Ok((candidate, answer));
            }
        }
        nodata.or(last).ok_or(ResolveError::NoServers)
    }

    /// The `qtype` records of `name` after following CNAMEs (within the
    /// response, and by asking again when the response stops short), all
    /// within one [`Config::lookup_timeout`]. Only records of class IN
    /// count, owned by the names of the chain.
    ///
    /// # Errors
    /// [`ResolveError::NxDomain`] if the name (or the end of its chain)
    /// does not exist; [`ResolveError::Cname`] for a loop or a chain of
    /// more than 8 links; as [`Resolver::query`].
    ///
    /// Asked of a resolver on 127.0.0.1, this prints the mail servers of
    /// `example.com.` one per line, such as `10 mx1.example.com.`, or
    /// `example.com. does not exist` if it does not:
    ///
    /// ```no_run
    /// use dnswire::resolver::{Config, ResolveError, Resolver};
    /// use dnswire::{RData, Rtype};
    ///
    /// let resolver = Resolver::new(Config::new(["127.0.0.1:53".parse()?]));
    /// match resolver.resolve("example.com.", Rtype::MX) {
    ///     Ok(lookup) => {
    ///         for record in &lookup.records {
    ///             if let RData::Mx(mx) = record.rdata() {
    ///                 println!("{} {}", mx.preference, mx.exchange);
    ///             }
    ///         }
    ///     }
    ///     Err(ResolveError::NxDomain { name }) => println!("{name} does not exist"),
    ///     Err(error) => return Err(error.into()),
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resolve(&self, name: &str, qtype: Rtype) -> Result<Lookup, ResolveError> {
        self.resolve_until(name, qtype, self.deadline()).map(|chased| chased.into_lookup(qtype))
    }

    fn resolve_until(&self, name: &str, qtype: Rtype, deadline: Deadline) -> Result<Chased, ResolveError> {
        let (asked, answer) = self.search_candidates(name, qtype, deadline)?;
        self.chase(asked, qtype, answer, deadline)
    }

    /// The `qtype` records of the absolute `name` after following CNAMEs,
    /// without the search list, within one [`Config::lookup_timeout`].
    ///
    /// # Errors
    /// As [`Resolver::resolve`].
    ///
    /// Asked of a resolver on 127.0.0.1, this prints the TLSA records of
    /// `mail.example.com.`'s SMTP port, such as `3 1 1 <hex>`, and whether
    /// the server validated them:
    ///
    /// ```no_run
    /// use dnswire::resolver::{Config, Resolver};
    /// use dnswire::{NameBuf, Rtype};
    ///
    /// let mut config = Config::new(["127.0.0.1:53".parse()?]);
    /// config.authentic_data = true;
    /// let resolver = Resolver::new(config);
    /// let name: NameBuf = "_25._tcp.mail.example.com.".parse()?;
    /// let lookup = resolver.resolve_name(&name, Rtype::TLSA)?;
    /// for record in &lookup.records {
    ///     println!("{}", record.rdata());
    /// }
    /// println!("validated: {}", lookup.answer.authentic_data());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resolve_name(&self, name: &NameBuf, qtype: Rtype) -> Result<Lookup, ResolveError> {
        self.resolve_name_until(name, qtype, self.deadline()).map(|chased| chased.into_lookup(qtype))
    }

    fn resolve_name_until(&self, name: &NameBuf, qtype: Rtype, deadline: Deadline) -> Result<Chased, ResolveError> {
        let answer = self.ask(name, qtype, deadline)?;
        self.chase(name.clone(), qtype, answer, deadline)
    }

    /// Follows CNAMEs from `name`, starting with the `answer` already had.
    fn chase(
        &self,
        name: NameBuf,
        qtype: Rtype,
        mut answer: Answer,
        deadline: Deadline,
    ) -> Result<Chased, ResolveError> {
        let mut chain = CnameChain::new(name.clone());
        loop {
            let step = chain
                .follow(&answer.message, qtype)
                .map_err(|error| ResolveError::Cname { name: Box::new(name.clone()), error })?;
            match step {
                ChaseStep::Answer | ChaseStep::NoData => return Ok(Chased { name, chain, answer }),
                ChaseStep::NxDomain => return Err(ResolveError::NxDomain { name: Box::new(chain.current().clone()) }),
                ChaseStep::Ask => answer = self.ask(chain.current(), qtype, deadline)?,
            }
        }
    }

    /// The IPv6 and IPv4 addresses of `name` (AAAA first, then A, each
    /// address once), after CNAMEs, with the search list for a relative
    /// name. The two lookups run side by side, within one
    /// [`Config::lookup_timeout`]. A name with neither is an empty list.
    /// When one family resolves and the other fails, the addresses found
    /// are returned. An IP address literal (`192.0.2.1`, `2001:db8::1`,
    /// `[2001:db8::1]`) is its own answer: nothing is asked.
    ///
    /// ```
    /// use dnswire::resolver::{Config, Resolver};
    ///
    /// // No server needed: the servers here do not exist.
    /// let resolver = Resolver::new(Config::new(["192.0.2.53:53".parse()?]));
    /// assert_eq!(resolver.lookup_ip("[2001:db8::1]")?, ["2001:db8::1".parse::<std::net::IpAddr>()?]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ResolveError::NxDomain`]; the error of the A lookup when both fail.
    pub fn lookup_ip(&self, name: &str) -> Result<Vec<IpAddr>, ResolveError> {
        if let Some(addr) = ip_literal(name) {
            return Ok(vec![addr]);
        }
        let deadline = self.deadline();
        Ok(addresses(|qtype| self.resolve_until(name, qtype, deadline), usize::MAX)?.0)
    }

    /// Where mail for `domain` goes, following RFC 5321 §5.1 and RFC 7505:
    /// see [`MailRoute`]. The domain is taken as fully qualified (no search
    /// list).
    ///
    /// The work is bounded whatever the answers say: duplicate exchanges
    /// are merged, at most [`MailLimits::max_exchanges`] are resolved, each
    /// keeps at most [`MailLimits::max_addresses_per_exchange`] addresses,
    /// and the whole lookup ends within twice [`Config::lookup_timeout`]
    /// (the MX lookup in the first, every exchange's address lookups side
    /// by side in the rest). It asks at most `9 × (1 + 2 ×
    /// max_exchanges)` questions: the MX one and an AAAA and an A one per
    /// exchange, each followed through at most 8 CNAMEs.
    ///
    /// # Errors
    /// [`ResolveError::NxDomain`] if the domain does not exist; any failure
    /// of the MX lookup itself. Failures to resolve an exchange are
    /// [`Problem`]s of that exchange, not errors.
    ///
    /// Asked of a resolver on 127.0.0.1, this prints what an MTA does with
    /// mail for `example.com` — `Deliver`, then the first addresses to
    /// try, such as `mx1.example.com. 192.0.2.25`; or `Defer` or `Bounce`:
    ///
    /// ```no_run
    /// use dnswire::resolver::{Config, Resolver, Verdict};
    ///
    /// let resolver = Resolver::new(Config::new(["127.0.0.1:53".parse()?]));
    /// match resolver.lookup_mx("example.com") {
    ///     Ok(route) => {
    ///         println!("{:?}", route.verdict());
    ///         for (host, addr) in route.delivery_addresses(5) {
    ///             println!("{host} {addr}");
    ///         }
    ///     }
    ///     Err(error) if error.is_temporary() => println!("{:?}", Verdict::Defer),
    ///     Err(_) => println!("{:?}", Verdict::Bounce),
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lookup_mx(&self, domain: &str) -> Result<MailRoute, ResolveError> {
        mail::lookup_mx(self, domain, &[])
    }

    /// [`Resolver::lookup_mx`] for the MTA that is `own_names` (its host
    /// names, as MX records may name it): RFC 5321 §5.1's local-host cut.
    /// If this host is among the exchanges, it and every exchange of
    /// equal or worse preference are dropped ([`Problem::LocalExchange`]);
    /// if it is the best one, the route is empty
    /// ([`Problem::LoopsBackToMyself`], [`mail::Verdict::Bounce`]).
    ///
    /// # Errors
    /// As [`Resolver::lookup_mx`].
    ///
    /// Asked on `mx2.example.com`, the backup exchange of `example.com`,
    /// this prints only the exchanges better than itself, such as `10
    /// mx1.example.com.`, the ones dropped being reported as
    /// [`Problem::LocalExchange`]:
    ///
    /// ```no_run
    /// use dnswire::resolver::{Config, Resolver};
    /// use dnswire::NameBuf;
    ///
    /// let resolver = Resolver::new(Config::new(["127.0.0.1:53".parse()?]));
    /// let me: NameBuf = "mx2.example.com.".parse()?;
    /// let route = resolver.lookup_mx_from("example.com", &[me])?;
    /// for exchange in route.exchanges() {
    ///     println!("{} {}", exchange.preference, exchange.host);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lookup_mx_from(&self, domain: &str, own_names: &[NameBuf]) -> Result<MailRoute, ResolveError> {
        mail::lookup_mx(self, domain, own_names)
    }

    /// What an admin's MX checker reports: the route of
    /// [`Resolver::lookup_mx`], and the reverse DNS of each exchange's
    /// first 4 public addresses (forward-confirmed), its DANE TLSA records
    /// (`_25._tcp.<exchange>`) and whether they were validated (the AD
    /// bit), and the domain's SPF, DMARC, MTA-STS and TLS-RPT records;
    /// every finding a [`Problem`] of the route or of its exchange. See
    /// [`MailCheck`].
    ///
    /// The policies are looked up beside the route, the reverse and TLSA
    /// lookups of every exchange side by side after it: a few round trips
    /// in all, within three times [`Config::lookup_timeout`]; at most 4 ×
    /// (1 + 2 × 2) + 1 more questions per exchange (each followed through
    /// 8 CNAMEs at most), and 4 for the policies.
    ///
    /// # Errors
    /// As [`Resolver::lookup_mx`].
    ///
    /// Asked of a resolver on 127.0.0.1, this prints the SPF record of
    /// `example.com` (such as `Some("v=spf1 mx -all")`), then, for each
    /// exchange, its reverse names, how many TLSA records it has and its
    /// problems with their codes (such as `no_ptr`), then the domain's
    /// problems (such as `no_dmarc`):
    ///
    /// ```no_run
    /// use dnswire::resolver::{Config, Resolver};
    ///
    /// let resolver = Resolver::new(Config::new(["127.0.0.1:53".parse()?]));
    /// let check = resolver.check_mail("example.com")?;
    /// println!("{:?}", check.policies.spf);
    /// for (exchange, found) in check.route.exchanges().iter().zip(&check.exchanges) {
    ///     let names: Vec<_> = found.reverse.iter().flat_map(|reverse| &reverse.names).collect();
    ///     println!("{}: reverse {names:?}, {} TLSA", exchange.host, found.tlsa.len());
    ///     for problem in &exchange.problems {
    ///         println!("  {}: {problem}", problem.code());
    ///     }
    /// }
    /// for problem in &check.route.problems {
    ///     println!("{}: {problem}", problem.code());
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_mail(&self, domain: &str) -> Result<MailCheck, ResolveError> {
        check::check_mail(self, domain, &[])
    }

    /// [`Resolver::check_mail`] as the MTA that is `own_names` sees the
    /// domain: with [`Resolver::lookup_mx_from`]'s local-host cut.
    ///
    /// # Errors
    /// As [`Resolver::lookup_mx`].
    ///
    /// Asked on `mx2.example.com`, this prints the findings about the
    /// exchanges better than itself, one line each, such as
    /// `mx1.example.com. 1 reverse name(s), confirmed: true`:
    ///
    /// ```no_run
    /// use dnswire::resolver::{Config, Resolver};
    /// use dnswire::NameBuf;
    ///
    /// let resolver = Resolver::new(Config::new(["127.0.0.1:53".parse()?]));
    /// let me: NameBuf = "mx2.example.com.".parse()?;
    /// let check = resolver.check_mail_from("example.com", &[me])?;
    /// for (exchange, found) in check.route.exchanges().iter().zip(&check.exchanges) {
    ///     let names = found.reverse.iter().map(|reverse| reverse.names.len()).sum::<usize>();
    ///     let confirmed = found.reverse.iter().all(|reverse| reverse.confirmed);
    ///     println!("{} {names} reverse name(s), confirmed: {confirmed}", exchange.host);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_mail_from(&self, domain: &str, own_names: &[NameBuf]) -> Result<MailCheck, ResolveError> {
        check::check_mail(self, domain, own_names)
    }
}

/// The address `text` writes, bare or in brackets (`192.0.2.1`,
/// `2001:db8::1`, `[2001:db8::1]`), if it is an IP literal.
fn ip_literal(text: &str) -> Option<IpAddr> {
    let bare = text.strip_prefix('[').and_then(|inner| inner.strip_suffix(']')).unwrap_or(text);
    bare.parse().ok()
}

/// A lookup followed through its CNAMEs: the chain and the last answer.
struct Chased {
    /// The name asked about.
    name: NameBuf,
    chain: CnameChain,
    answer: Answer,
}

impl Chased {
    /// The records of `qtype` and of the chain's class (IN) the last answer
    /// holds for the end of the chain.
    fn records(&self, qtype: Rtype) -> impl Iterator<Item = crate::Record<'_>> + '_ {
        let (canonical, class) = (self.chain.current(), self.chain.class());
        self.answer
            .message
            .answers()
            .filter(move |r| r.rtype() == qtype && r.class() == class && r.owner() == *canonical)
    }

    /// The canonical name, if the name asked about is an alias.
    fn alias_of(&self) -> Option<NameBuf> {
        (self.chain.links() > 0).then(|| self.chain.current().clone())
    }

    fn into_lookup(self, qtype: Rtype) -> Lookup {
        let records = self.records(qtype).map(|r| RecordBuf::from(&r)).collect();
        Lookup {
            canonical: self.chain.current().clone(),
            aliases: self.chain.aliases().to_vec(),
            records,
            name: self.name,
            answer: self.answer,
        }
    }
}

/// The AAAA then A addresses `resolve` finds, each address once, at most
/// `limit` of them (half each, or more of one family when the other has
/// fewer), and the canonical name if the name turned out to be an alias.
/// The two lookups run side by side.
fn addresses(
    resolve: impl Fn(Rtype) -> Result<Chased, ResolveError> + Sync,
    limit: usize,
) -> Result<(Vec<IpAddr>, Option<NameBuf>), ResolveError> {
    let (v6, v4) = match parallel::both(|| resolve(Rtype::AAAA), || resolve(Rtype::A)) {
        (Err(ResolveError::NxDomain { name }), _) | (_, Err(ResolveError::NxDomain { name })) => {
            return Err(ResolveError::NxDomain { name })
        }
        (Err(_), Err(error)) => return Err(error),
        (v6, v4) => (v6.ok(), v4.ok()),
    };
    let canonical = v6.iter().chain(v4.iter()).find_map(Chased::alias_of);
    let distinct = |chased: &Option<Chased>, qtype: Rtype| -> Vec<IpAddr> {
        let mut seen = HashSet::new();
        let Some(chased) = chased else { return Vec::new() };
        chased
            .records(qtype)
            .filter_map(|record| match record.rdata() {
                RData::Aaaa(aaaa) => Some(IpAddr::V6(aaaa.addr)),
                RData::A(a) => Some(IpAddr::V4(a.addr)),
                _ => None,
            })
            .filter(|addr| seen.insert(*addr))
            .take(limit)
            .collect()
    };
    let (mut v6, mut v4) = (distinct(&v6, Rtype::AAAA), distinct(&v4, Rtype::A));
    // Share the limit: each family gets half (IPv6 the odd one), and what
    // one leaves unused goes to the other.
    let v6_share = limit.div_ceil(2).max(limit.saturating_sub(v4.len()));
    v6.truncate(v6_share);
    v4.truncate(limit - v6.len());
    v6.append(&mut v4);
    Ok((v6, canonical))
}
