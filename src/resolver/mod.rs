//! A small stub resolver over UDP and TCP (`std` feature).
//!
//! It is the [`stub`](crate::stub) core driven by `std::net` sockets: a
//! fresh UDP socket on an OS-chosen port per try, `connect`ed to the server;
//! a random ID per try from OS entropy; EDNS(0) with a 1232-byte payload;
//! responses accepted only from the server, with QR set, the same ID and
//! the same question; TCP after TC=1; the next server after a timeout, an
//! error rcode or a malformed response; NXDOMAIN and NODATA are answers.
//! CNAME chains are followed, at most 8 links, loops detected; only
//! records of class IN owned by the chain's names are used.
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

mod conf;
mod deadline;
mod mail;
mod net;
mod parallel;
mod random;

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

pub use conf::{Nameserver, ResolvConf};
pub use mail::{Exchange, MailLimits, MailRoute, Problem, RouteKind};

use crate::name::NameBuf;
use crate::rdata::{RData, Rtype};
use crate::stub::{ChainError, ChaseStep, CnameChain, Mismatch, Outcome, Query, RetryPlan, ServerFailure, Transport};
use crate::wire::header::Rcode;
use crate::wire::message::Message;
use crate::RecordBuf;
use deadline::Deadline;

//--- Config

/// How the resolver asks.
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
    /// What one [`Resolver::lookup_mx`] may do at most.
    pub mail: MailLimits,
}

impl Config {
    /// Asks `servers` with glibc's defaults: 5 s per try, 2 attempts,
    /// ndots 1, no search list, EDNS with a 1232-byte payload; and the
    /// default [`MailLimits`].
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

    /// The configuration of this machine, from `/etc/resolv.conf` (the
    /// defaults if the file does not exist).
    ///
    /// # Errors
    /// Reading the file failed for another reason than its absence.
    pub fn system() -> io::Result<Self> {
        let text = match std::fs::read_to_string("/etc/resolv.conf") {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => String::new(),
            Err(error) => return Err(error),
        };
        Ok(Config::from_resolv_conf(&ResolvConf::parse(&text)))
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
#[derive(Debug)]
pub enum Failure {
    /// No acceptable response before the try's deadline.
    TimedOut,
    /// The server answered with an error rcode, or malformed bytes.
    Server(ServerFailure),
    /// TC=1 over TCP: the server could not send its answer at all.
    TruncatedOverTcp,
    /// Over TCP, a response to another question or ID.
    Mismatch(Mismatch),
    /// The socket failed (refused, unreachable, reset…).
    Io(io::Error),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::TimedOut => f.write_str("timed out"),
            Failure::Server(why) => why.fmt(f),
            Failure::TruncatedOverTcp => f.write_str("truncated answer over TCP"),
            Failure::Mismatch(why) => write!(f, "response over TCP with {why}"),
            Failure::Io(error) => write!(f, "I/O error: {error}"),
        }
    }
}

/// What the resolver does, as it does it; see [`Resolver::with_observer`].
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
#[derive(Debug, Clone)]
pub struct Answer {
    /// The response.
    pub message: Message<Vec<u8>>,
    /// The server that sent it.
    pub server: SocketAddr,
    /// How it came.
    pub transport: Transport,
}

/// The records of one type for a name, after following CNAMEs.
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

/// A stub resolver: asks recursive servers, over UDP and TCP.
#[derive(Clone)]
pub struct Resolver {
    config: Config,
    observer: Option<Observer>,
    next_first: Arc<AtomicUsize>,
}

impl fmt::Debug for Resolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resolver").field("config", &self.config).finish_non_exhaustive()
    }
}

impl Resolver {
    /// A resolver with this configuration.
    pub fn new(config: Config) -> Self {
        Resolver { config, observer: None, next_first: Arc::new(AtomicUsize::new(0)) }
    }

    /// A resolver configured by `/etc/resolv.conf`.
    ///
    /// # Errors
    /// Reading the file failed.
    pub fn system() -> io::Result<Self> {
        Config::system().map(Resolver::new)
    }

    /// The same resolver, calling `observer` with every [`Event`]: what
    /// was sent, ignored, retried and accepted.
    pub fn with_observer(mut self, observer: impl Fn(&Event<'_>) + Send + Sync + 'static) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// The configuration.
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
    pub fn query_name(&self, name: &NameBuf, qtype: Rtype) -> Result<Answer, ResolveError> {
        self.ask(name, qtype, self.deadline())
    }

    /// [`Resolver::query_name`] before `deadline`: every try, the retry
    /// without EDNS and the retry over TCP all end by it.
    fn ask(&self, name: &NameBuf, qtype: Rtype, deadline: Deadline) -> Result<Answer, ResolveError> {
        let servers = &self.config.servers;
        if servers.is_empty() {
            return Err(ResolveError::NoServers);
        }
        let template = Query::new(name.clone(), qtype, 0).map_err(ResolveError::InvalidName)?;
        let first = if self.config.rotate { self.next_first.fetch_add(1, Ordering::Relaxed) } else { 0 };
        let mut plan = RetryPlan::new(servers.len(), self.config.attempts, first, self.config.tcp_only);
        let mut failures = Vec::new();
        let mut tries = 0;
        while let Some(attempt) = plan.next_try() {
            if deadline.passed() {
                break;
            }
            tries += 1;
            let server = servers[attempt.server];
            let edns = attempt.edns && self.config.udp_payload.is_some();
            let query = template.clone().with_id(random::random_id()).with_udp_payload(if edns {
                self.config.udp_payload
            } else {
                None
            });
            self.observe(Event::Sent { server, transport: attempt.transport, id: query.id(), name, qtype, edns });
            let try_deadline = deadline.of_try(self.config.timeout);
            let result = match attempt.transport {
                Transport::Udp => net::udp(server, &query, try_deadline, &|event| self.observe(event)),
                Transport::Tcp => net::tcp(server, &query, try_deadline),
            };
            let failure = match result {
                net::TryResult::Answer(bytes) => match Message::parse(bytes) {
                    Ok(message) => {
                        plan.report(Outcome::Answered);
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
                net::TryResult::TimedOut => Failure::TimedOut,
                net::TryResult::Failed(why) => why,
            };
            self.observe(Event::Failed { server, transport: attempt.transport, why: &failure });
            plan.report(if matches!(failure, Failure::TimedOut) { Outcome::TimedOut } else { Outcome::Failed });
            failures.push((server, failure));
        }
        Err(give_up(servers, tries, failures))
    }

    /// The absolute names to try for `name`, in order: an absolute name as
    /// it is; a relative one with the search list, as it is first when it
    /// has at least `ndots` dots, last otherwise.
    ///
    /// # Errors
    /// [`ResolveError::InvalidName`].
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
    pub fn query(&self, name: &str, qtype: Rtype) -> Result<Answer, ResolveError> {
        self.search(name, qtype, self.deadline())
    }

    fn search(&self, name: &str, qtype: Rtype, deadline: Deadline) -> Result<Answer, ResolveError> {
        let mut nodata = None;
        let mut last = None;
        for candidate in self.candidates(name)? {
            let answer = self.ask(&candidate, qtype, deadline)?;
            if answer.message.rcode() == Rcode::NXDOMAIN {
                last = Some(answer);
            } else if answer.message.answers().len() == 0 {
                nodata.get_or_insert(answer);
            } else {
                return Ok(answer);
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
    pub fn resolve(&self, name: &str, qtype: Rtype) -> Result<Lookup, ResolveError> {
        self.resolve_until(name, qtype, self.deadline()).map(|chased| chased.into_lookup(qtype))
    }

    fn resolve_until(&self, name: &str, qtype: Rtype, deadline: Deadline) -> Result<Chased, ResolveError> {
        let answer = self.search(name, qtype, deadline)?;
        let asked = match answer.message.question() {
            Some(question) => NameBuf::from(question.name),
            None => return Err(ResolveError::InvalidName(crate::Error::BadText)),
        };
        self.chase(asked, qtype, answer, deadline)
    }

    /// The `qtype` records of the absolute `name` after following CNAMEs,
    /// without the search list, within one [`Config::lookup_timeout`].
    ///
    /// # Errors
    /// As [`Resolver::resolve`].
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
    /// are returned.
    ///
    /// # Errors
    /// [`ResolveError::NxDomain`]; the error of the A lookup when both fail.
    pub fn lookup_ip(&self, name: &str) -> Result<Vec<IpAddr>, ResolveError> {
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
    pub fn lookup_mx(&self, domain: &str) -> Result<MailRoute, ResolveError> {
        mail::lookup_mx(self, domain)
    }
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
