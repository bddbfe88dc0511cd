//! The full-parse and encode tasks, once per crate. Each module has
//! `full_parse(&[u8]) -> Option<Summary>` (`None`: the crate refuses the
//! message) and, where the crate can build responses, `encode`, which
//! writes [`MX_RESPONSE`](crate::MX_RESPONSE) with name compression from
//! the crate's prepared `Input`.

pub mod dns_parser;
pub mod dnswire;
pub mod domain;
pub mod hickory;
pub mod simple_dns;

use crate::Summary;

/// A crate under comparison.
#[derive(Clone, Copy, Debug)]
pub struct Peer {
    /// Crate name and version, as printed in the table.
    pub name: &'static str,
    /// The full-parse task.
    pub full_parse: fn(&[u8]) -> Option<Summary>,
    /// The encode task, if the crate can build responses.
    pub encode: Option<Encode>,
}

/// An encode task: builds the response, returns its bytes.
pub type Encode = fn(&mut Encoders) -> &[u8];

/// Every crate, dnswire first (the ratios are to it; its full parse reads in
/// one pass with `MessageReader`).
pub const PEERS: [Peer; 5] = [
    Peer { name: "dnswire 0.1", full_parse: dnswire::full_parse, encode: Some(dnswire::encode) },
    Peer { name: "domain 0.12", full_parse: domain::full_parse, encode: Some(domain::encode) },
    Peer { name: "hickory-proto 0.26", full_parse: hickory::full_parse, encode: Some(hickory::encode) },
    Peer { name: "simple-dns 0.13", full_parse: simple_dns::full_parse, encode: Some(simple_dns::encode) },
    // dns-parser's builder writes queries only.
    Peer { name: "dns-parser 0.8", full_parse: dns_parser::full_parse, encode: None },
];

/// dnswire's full parse the other way: `Message::parse` checks the whole
/// message, then its views are walked (two passes; `PEERS[0]` reads in one
/// with `MessageReader`). Shown in the table for comparison.
pub const DNSWIRE_MESSAGE: Peer =
    Peer { name: "dnswire 0.1, Message::parse", full_parse: dnswire::full_parse_message, encode: None };

/// Each crate's encode input (names parsed from text once, beforehand) and
/// output buffer, so that the encode task measures encoding only.
#[derive(Default)]
pub struct Encoders {
    pub dnswire: dnswire::Input,
    pub domain: domain::Input,
    pub hickory: hickory::Input,
    pub simple_dns: simple_dns::Input,
}
