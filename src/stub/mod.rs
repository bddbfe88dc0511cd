//! The protocol logic of a stub resolver, without I/O and without std.
//!
//! Drive it with any UDP/TCP stack (smoltcp, embassy-net, std):
//!
//! 1. [`RetryPlan::next_try`] says which server to ask, over UDP or TCP, with
//!    or without EDNS;
//! 2. a [`Query`] with a fresh random ID writes the bytes to send;
//! 3. each datagram or TCP message received goes to [`Query::judge`]:
//!    [`Judgement::Ignore`] means keep waiting (until your deadline), any
//!    other judgement ends the try, and [`RetryPlan::report`] learns its
//!    [`Outcome`];
//! 4. an answer goes to [`CnameChain::follow`], which says whether it holds
//!    the data, a negative answer, or an alias to ask about next.
//!
//! The std [`Resolver`](crate::resolver::Resolver) is exactly this loop
//! over `std::net` sockets.
//!
//! ```
//! use dnswire::stub::{Judgement, Outcome, Query, RetryPlan};
//! use dnswire::Rtype;
//!
//! let servers = ["192.0.2.53:53", "198.51.100.53:53"];
//! let mut plan = RetryPlan::new(servers.len(), 2, 0, false);
//! while let Some(attempt) = plan.next_try() {
//!     let id = 0x1d2c; // take a fresh random ID for each try
//!     let query = Query::new("example.com.".parse()?, Rtype::MX, id)?
//!         .with_udp_payload(attempt.edns.then_some(1232));
//!     let mut out = [0u8; 512];
//!     let len = query.write(&mut out)?;
//!     // send(servers[attempt.server], &out[..len]) over attempt.transport,
//!     // then judge what arrives before the deadline:
//!     let received: Option<&[u8]> = None; // nothing arrived, in this sketch
//!     let outcome = match received.map(|bytes| query.judge(bytes)) {
//!         None => Outcome::TimedOut,
//!         Some(Judgement::Answer(_)) => Outcome::Answered,
//!         Some(Judgement::Truncated) => Outcome::Truncated,
//!         Some(Judgement::EdnsRejected) => Outcome::EdnsRejected,
//!         Some(Judgement::ServerFailure(_)) => Outcome::Failed,
//!         Some(Judgement::Ignore(_)) => unreachable!("keep waiting instead"),
//!     };
//!     # let _ = len;
//!     plan.report(outcome);
//! }
//! assert!(!plan.is_answered()); // every try timed out
//! # Ok::<(), dnswire::Error>(())
//! ```

mod chase;
mod plan;
mod query;
mod transfer;

pub use chase::{ChainError, ChaseStep, CnameChain};
pub use plan::{Outcome, RetryPlan, Transport, Try};
pub use query::{Judgement, Mismatch, Query, ServerFailure, DEFAULT_UDP_PAYLOAD, QUERY_BUFFER_LEN};
pub use transfer::{Transfer, TransferError, TransferKind};
