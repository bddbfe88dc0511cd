//! The protocol logic of a stub resolver, without I/O and without std.
//!
//! Drive it with any UDP/TCP stack (tokio, smoltcp, embassy-net, std):
//!
//! 1. build a [`Query`] once: the question, and what it asks for (DO, CD,
//!    AD, a cookie, EDNS options, 0x20);
//! 2. [`RetryPlan::next_attempt`] says which server to ask, over UDP or
//!    TCP, with or without EDNS; [`Query::for_attempt`] applies that to
//!    the query with a fresh ID from a [`RandomSource`] ([`OsRandom`] with
//!    std);
//! 3. [`Query::write`] gives the bytes to send — with the two-byte length
//!    prefix over TCP ([`tcp::FrameReader`](crate::tcp::FrameReader)
//!    splits what comes back);
//! 4. each datagram or TCP message received goes to [`Query::judge`]:
//!    [`Judgement::Ignore`] means keep waiting (until your deadline), any
//!    other judgement ends the attempt, and [`RetryPlan::report`] takes
//!    its [`Judgement::outcome`] ([`Outcome::TimedOut`] at the deadline).
//!    The core sees bytes, not addresses: drop datagrams from anywhere
//!    but the server's address and port before judging them (a connected
//!    UDP socket does it for you);
//! 5. an answer goes to [`CnameChain::follow`], which says whether it holds
//!    the data, a negative answer, or an alias to ask about next.
//!
//! The std [`Resolver`](crate::resolver::Resolver) is exactly this loop
//! over `std::net` sockets; `examples/runtimes/` drives it over tokio and
//! over smoltcp.
//!
//! ```
//! use dnswire::stub::{Outcome, Query, RandomSource, RetryPlan, RetrySettings, QUERY_BUFFER_LEN};
//! use dnswire::Rtype;
//!
//! # let mut random = |out: &mut [u8]| out.fill(0x5a);
//! let servers = ["192.0.2.53:53", "198.51.100.53:53"];
//! let template = Query::new("example.com.".parse()?, Rtype::MX, 0)?.with_dnssec_ok(true);
//! let mut plan = RetryPlan::new(servers.len(), RetrySettings::default());
//! while let Some(attempt) = plan.next_attempt() {
//!     let query = template.for_attempt(&attempt, random.next_id());
//!     let mut out = [0u8; QUERY_BUFFER_LEN];
//!     let len = query.write(&mut out)?;
//!     // send(servers[attempt.server], &out[..len]) over attempt.transport,
//!     // then judge what arrives before the deadline:
//!     let received: Option<&[u8]> = None; // nothing arrived, in this sketch
//!     let outcome = match received.map(|bytes| query.judge(bytes)) {
//!         None => Outcome::TimedOut,
//!         Some(judgement) => judgement.outcome().expect("Ignore: keep waiting instead"),
//!     };
//!     # let _ = len;
//!     plan.report(outcome);
//! }
//! assert!(!plan.is_answered()); // every attempt timed out
//! # Ok::<(), dnswire::Error>(())
//! ```

mod chase;
mod plan;
mod query;
mod random;
mod transfer;

pub use chase::{ChainError, ChaseStep, CnameChain};
pub use plan::{Attempt, Outcome, RetryPlan, RetrySettings, Transport};
pub use query::{
    ClientCookie, Judgement, Mismatch, Query, ServerCookie, ServerFailure, DEFAULT_UDP_PAYLOAD, QUERY_BUFFER_LEN,
    QUERY_OPTIONS_LEN,
};
#[cfg(feature = "std")]
pub use random::OsRandom;
pub use random::RandomSource;
pub use transfer::{Transfer, TransferError, TransferKind};
