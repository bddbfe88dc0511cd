//! `dnswire`: the DNS wire protocol, zero-copy and `no_std`.
//!
//! - **Parse** a message without allocating: [`Message::parse`] checks every
//!   byte once, then hands out borrowed views — [`Header`], [`Question`]s,
//!   [`Record`]s with typed [`RData`] and lazily decompressed [`Name`]s.
//!   Or read it in one pass with [`MessageReader`], which checks each
//!   question and record as it hands it over and yields the same views.
//! - **Build** a message into a caller's buffer with [`MessageBuilder`]:
//!   name compression with a fixed table, no allocator, no panic; a full
//!   buffer is an [`Error`] and the push is rolled back.
//! - **Names**: [`Name`] views, the inline owned [`NameBuf`], presentation
//!   format in and out with dig's escapes.
//! - **Print** messages and records as dig does (`Display`).
//! - **TCP** framing helpers in [`tcp`].
//!
//! Bad input gets an [`Error`] naming the rule it broke — never a panic,
//! never more than linear work.
//!
//! # Parse an MX response
//! ```
//! use dnswire::{Message, RData};
//!
//! let bytes = std::fs::read("tests/data/knot-mx.bin")?; // captured from knotd
//! let message = Message::parse(&bytes[..])?;
//! for record in message.answers() {
//!     if let RData::Mx(mx) = record.rdata() {
//!         println!("{} prefers {} at {}", record.owner(), mx.exchange, mx.preference);
//!     }
//! }
//! // Glue addresses for the exchanges come in the additional section.
//! let glue = message.additional().filter(|r| matches!(r.rdata(), RData::A(_) | RData::Aaaa(_)));
//! assert_eq!(glue.count(), 4);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Build a query
//! ```
//! use dnswire::{Class, Edns, MessageBuilder, Rtype};
//!
//! let mut buf = [0u8; 512];
//! let mut builder = MessageBuilder::new(&mut buf[..])?;
//! builder.header_mut().set_id(0x1234);
//! builder.header_mut().set_rd(true);
//! builder.push_question("example.com.", Rtype::MX, Class::IN)?;
//! builder.push_edns(&Edns::default())?; // 1232-byte UDP payload
//! let query: &[u8] = builder.finish();
//! assert_eq!(&query[..4], &[0x12, 0x34, 0x01, 0x00]);
//! # Ok::<(), dnswire::Error>(())
//! ```
//!
//! # Build a response with compression
//! ```
//! use dnswire::{Class, Message, MessageBuilder, Mx, Rtype, A};
//!
//! let mut buf = [0u8; 512];
//! let mut builder = MessageBuilder::new(&mut buf[..])?;
//! builder.header_mut().set_qr(true);
//! builder.push_question("example.com.", Rtype::MX, Class::IN)?;
//! builder.push_answer("example.com.", Class::IN, 3600, &Mx { preference: 10, exchange: "mx1.example.com." })?;
//! builder.push_additional("mx1.example.com.", Class::IN, 3600, &A::from([192, 0, 2, 1]))?;
//! let response = builder.finish();
//! // The second "example.com." and the "example.com." inside "mx1.example.com."
//! // became two-byte pointers.
//! assert_eq!(response.len(), 12 + 17 + (2 + 10 + 2 + 6) + (2 + 10 + 4));
//! let message = Message::parse(&response[..])?;
//! assert_eq!(message.additional().next().unwrap().owner().to_string(), "mx1.example.com.");
//! # Ok::<(), dnswire::Error>(())
//! ```
//!
//! # Print like dig
//! ```
//! let bytes = std::fs::read("tests/data/knot-cname-chain.bin")?;
//! let message = dnswire::Message::parse(&bytes[..])?;
//! let first = message.answers().next().unwrap();
//! assert_eq!(first.to_string(), "www.example.com.\t3600\tIN\tCNAME\tweb.example.com.");
//! print!("{message}"); // the whole ";; ->>HEADER<<- ..." layout
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Ask, and route mail
//! Behind `std`, [`resolver::Resolver`] asks recursive servers (UDP, TCP
//! after TC=1 on one reused connection per server, cookies, DO/CD/AD and
//! options) and [`resolver::Resolver::lookup_mx`] says where mail for a
//! domain goes and what is wrong with its setup (RFC 5321 §5.1, RFC 7505),
//! every lookup bounded in time, questions and memory. The protocol logic
//! is [`stub`], which needs no std and does no I/O: drive it from any
//! runtime.
//! ```no_run
//! # #[cfg(feature = "std")] {
//! use dnswire::resolver::{Config, Resolver, Verdict};
//!
//! let resolver = Resolver::new(Config::new(["127.0.0.1:53".parse().unwrap()]));
//! let route = resolver.lookup_mx("example.com")?;
//! match route.verdict() {
//!     Verdict::Deliver => {
//!         for exchange in route.exchanges() {
//!             println!("{} {} {:?}", exchange.preference, exchange.host, exchange.addresses);
//!         }
//!     }
//!     Verdict::Defer => println!("try later"),
//!     Verdict::Bounce => println!("no mail for example.com"),
//! }
//! for problem in &route.problems {
//!     println!("{}: {problem}", problem.code());
//! }
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//! - `std` (default): implies `alloc`; the resolver and mail routing
//!   ([`resolver`]), `std::error::Error`. The parser, the builder and the
//!   [`stub`] core never need it.
//! - `alloc`: [`MessageBuilder`] can build into a growing `Vec<u8>`;
//!   [`Message::to_vec`] makes an owned copy of a message, `RecordBuf` of a
//!   record.
//! - `bytes`: parse from `bytes::Bytes` (`Message<Bytes>`), build into
//!   `bytes::BytesMut`. The only dependency the crate has, and only here.
//!
//! With no features the crate is `core` only: no allocator, no std.
//!
//! # Rules checked while parsing
//! Header length; that the counted questions and records are all present;
//! names (labels ≤ 63, names ≤ 255 through pointers, pointers strictly
//! backward, at most [`name::MAX_POINTERS`] jumps, no reserved label
//! types, at most [`name::WORK_PER_BYTE`] units of pointer-following work
//! per byte); RDLENGTH within the message; the RDATA of the types whose
//! names may be compressed; a single OPT record, with a root owner, in the
//! additional section; well-formed EDNS options; no bytes after the last
//! record (unless [`Message::parse_prefix`]).
//!
//! # Strict and lenient
//! - **Checked when the message is parsed** (a malformed one refuses the
//!   whole message): RDATA whose names may be compressed — the RFC 1035
//!   types, those RFC 3597 §4 lists (RP, AFSDB, RT, SIG, PX, NXT, NAPTR,
//!   KX, SRV), DNAME, and NSEC (compressed in mDNS, RFC 6762 §18.14) —
//!   and OPT. Their bytes are only safe to keep once every pointer in them
//!   is known to be good, and their fields are what finds the names.
//! - **Checked when the view is asked for** ([`Record::rdata`](crate::Record::rdata)):
//!   every other type. A malformed one (a CAA tag of length 0, SVCB keys
//!   out of order, an A record of five bytes) leaves the message intact
//!   and decodes as [`RData::Invalid`]: its bytes, its type and the broken
//!   rule, printed in RFC 3597 form and written back unchanged (but for
//!   the types that hold names, whose bytes might hold a pointer: those are
//!   refused by the builder). Names in these types should not be compressed
//!   (RRSIG's signer, SVCB's target, TSIG's algorithm); one a sender
//!   compressed anyway is followed, as BIND follows it, and written whole.
//! - **Always strict**: the header, names, RDLENGTH framing, and the
//!   limits that keep parsing linear.
//! - **EDNS options**: their framing inside the OPT record is checked when
//!   the message is parsed; what is inside one (a COOKIE's length, a client
//!   subnet's prefix) when [`EdnsOption::decode`] is asked, which names the
//!   broken rule and leaves the message intact (dig refuses the message).
//! - **UPDATE** (RFC 2136 §2.4, §2.5): a record of class NONE or ANY with
//!   RDLENGTH 0 is valid whatever its type and decodes as [`RData::Empty`].
//! - **Class IN types in other classes**: A, AAAA, SRV, KX, PX, SVCB, HTTPS
//!   and WKS are defined for class IN alone (A also for HS). In another
//!   class (a Chaosnet A is a name and an address) their RDATA is opaque,
//!   neither checked nor decoded: [`RData::Unknown`], as dig prints it.
//!   IN with the mDNS cache-flush bit (class 0x8001, RFC 6762 §10.2) is
//!   IN, and so are NONE and ANY, whose RDATA an UPDATE gives in the
//!   zone's class.
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::std_instead_of_core, clippy::alloc_instead_of_core)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(all(feature = "std", not(test)))]
extern crate std;

mod error;
pub mod name;
mod rdata;
#[cfg(feature = "alloc")]
mod rdata_buf;
#[cfg(feature = "alloc")]
mod record_buf;
#[cfg(feature = "std")]
pub mod resolver;
pub mod stub;
mod wire;
pub mod zone;

pub use error::{Error, Result};
pub use name::{Labels, Name, NameBuf, ToName};
#[cfg(feature = "alloc")]
pub use rdata::EdnsOptionBuf;
pub use rdata::{
    Aaaa, Afsdb, AlpnIds, BitmapTypes, Caa, Cert, Class, ClientSubnet, Cname, ComposeOption, ComposeRdata, Cookie,
    Csync, Dname, Dnskey, Ds, EdeCode, Edns, EdnsOption, EdnsOptionData, EdnsOptions, Eui48, Eui64, Expire,
    ExtendedError, Hinfo, InvalidRdata, KeyList, KeyTag, KeyTags, Kx, Loc, Lp, Mb, Md, Mf, Mg, Minfo, Mr, Mx, Naptr,
    Nid, Ns, Nsec, Nsec3, Nsec3param, Nsid, Nxt, Openpgpkey, Opt, OptionCode, Padding, Ptr, Px, RData, Rp, Rrsig, Rt,
    Rtype, Soa, Srv, Sshfp, SvcParam, SvcParamKey, SvcParams, SvcParamsBuilder, Svcb, TcpKeepalive, TextError,
    TextResult, Tkey, Tlsa, Tsig, Txt, TxtStrings, TypeBitmap, UnknownRdata, Uri, Wks, Zonemd, A, L32, L64,
};
#[cfg(feature = "alloc")]
pub use rdata_buf::RdataBuf;
#[cfg(feature = "alloc")]
pub use record_buf::RecordBuf;
pub use wire::builder::{
    Checkpoint, MessageBuilder, OutputBuffer, RdataWriter, WholeRecord, COMPRESSION_ENTRIES, UDP_LIMIT,
};
pub use wire::header::{field as header_field, Header, Opcode, Rcode, HEADER_LEN};
pub use wire::message::{Message, Question, Questions, Record, Records, Section, MAX_MESSAGE_LEN};
pub use wire::reader::MessageReader;
pub use wire::tcp;

// The README's examples use the resolver, so they run with `std`.
#[cfg(all(doctest, feature = "std"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
