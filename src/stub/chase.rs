//! [`CnameChain`]: following CNAME records, within a response and across
//! queries, bounded and loop-free.

use core::fmt;

use crate::name::{Name, NameBuf};
use crate::rdata::{Class, RData, Rtype};
use crate::wire::header::Rcode;
use crate::wire::message::Message;

/// What a response says about the name at the end of a [`CnameChain`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChaseStep {
    /// The response holds records of the wanted type for
    /// [`CnameChain::current`].
    Answer,
    /// The name exists but has no records of that type (NODATA).
    NoData,
    /// The name does not exist (RFC 6604: the rcode speaks of the last name
    /// of the chain).
    NxDomain,
    /// The chain went on to a name this response says nothing about: ask
    /// again, for [`CnameChain::current`].
    Ask,
}

/// Why a chain was abandoned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainError {
    /// A CNAME leads back to a name already in the chain.
    Loop,
    /// More than [`CnameChain::MAX_LINKS`] links.
    TooLong,
}

impl fmt::Display for ChainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChainError::Loop => f.write_str("CNAME loop"),
            ChainError::TooLong => write!(f, "CNAME chain longer than {} links", CnameChain::MAX_LINKS),
        }
    }
}

impl core::error::Error for ChainError {}

/// The names met while following CNAMEs from a query name: at most
/// [`CnameChain::MAX_LINKS`] links, never the same name twice. Inline, no
/// allocation. Only records of the query's class count (IN unless
/// [`CnameChain::with_class`] says otherwise): an answer to an IN question
/// that slips in a CH record, alias or data, is not believed.
///
/// ```
/// use dnswire::stub::{ChaseStep, CnameChain};
/// use dnswire::{Message, Rtype};
///
/// // www.example.com. CNAME web., web. CNAME host., host. A 192.0.2.10 (from knotd)
/// let bytes = std::fs::read("tests/data/knot-cname-chain.bin")?;
/// let message = Message::parse(&bytes[..])?;
/// let mut chain = CnameChain::new("www.example.com.".parse()?);
/// assert_eq!(chain.follow(&message, Rtype::A)?, ChaseStep::Answer);
/// assert_eq!(chain.current().to_string(), "host.example.com.");
/// assert_eq!(chain.links(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct CnameChain {
    names: [NameBuf; CnameChain::MAX_LINKS + 1],
    len: usize,
    class: Class,
}

impl CnameChain {
    /// Most CNAME links followed from one query name.
    pub const MAX_LINKS: usize = 8;

    /// A chain that starts, and so far ends, at `name`, for a question of
    /// class IN.
    pub fn new(name: NameBuf) -> Self {
        let mut names: [NameBuf; CnameChain::MAX_LINKS + 1] = Default::default();
        names[0] = name;
        CnameChain { names, len: 1, class: Class::IN }
    }

    /// The same chain for a question of another class.
    pub fn with_class(mut self, class: Class) -> Self {
        self.class = class;
        self
    }

    /// The class whose records the chain follows.
    pub fn class(&self) -> Class {
        self.class
    }

    /// The name the chain ends at: the one whose data is wanted now.
    pub fn current(&self) -> &NameBuf {
        &self.names[self.len - 1]
    }

    /// The name the chain started at.
    pub fn start(&self) -> &NameBuf {
        &self.names[0]
    }

    /// The names before [`CnameChain::current`]: the aliases.
    pub fn aliases(&self) -> &[NameBuf] {
        &self.names[..self.len - 1]
    }

    /// Links followed so far.
    pub fn links(&self) -> usize {
        self.len - 1
    }

    fn push(&mut self, target: Name<'_>) -> Result<(), ChainError> {
        if self.names[..self.len].iter().any(|seen| *seen == target) {
            return Err(ChainError::Loop);
        }
        if self.len > CnameChain::MAX_LINKS {
            return Err(ChainError::TooLong);
        }
        self.names[self.len] = NameBuf::from(target);
        self.len += 1;
        Ok(())
    }

    /// Follows the CNAMEs of `message`'s answer section from
    /// [`CnameChain::current`] and says what the response holds for the
    /// name reached, counting only records of the chain's class. Asking for
    /// CNAME records themselves follows nothing.
    ///
    /// # Errors
    /// [`ChainError::Loop`] and [`ChainError::TooLong`].
    pub fn follow<T: AsRef<[u8]>>(&mut self, message: &Message<T>, qtype: Rtype) -> Result<ChaseStep, ChainError> {
        let mut advanced = false;
        loop {
            let current = self.current();
            let mut cname = None;
            let mut found = false;
            for record in message.answers() {
                if record.class() != self.class || record.owner() != *current {
                    continue;
                }
                if record.rtype() == qtype || qtype == Rtype::ANY {
                    found = true;
                } else if let RData::Cname(alias) = record.rdata() {
                    cname = Some(alias.cname);
                }
            }
            if found {
                return Ok(ChaseStep::Answer);
            }
            match cname {
                Some(target) if qtype != Rtype::CNAME => {
                    self.push(target)?;
                    advanced = true;
                }
                _ => break,
            }
        }
        if message.rcode() == Rcode::NXDOMAIN {
            return Ok(ChaseStep::NxDomain);
        }
        // After following a CNAME, a response without data for the target
        // is a negative answer only if it says so with an SOA (RFC 2308 §2.2):
        // an authoritative server may simply not serve the target.
        let negative = message.authority().any(|r| r.rtype() == Rtype::SOA);
        Ok(if advanced && !negative { ChaseStep::Ask } else { ChaseStep::NoData })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Class, Cname, MessageBuilder, Soa, A};

    fn name(text: &str) -> NameBuf {
        text.parse().unwrap()
    }

    /// A response to `qname` A whose answer section holds `cnames` then
    /// an A record for `data_for`, with an SOA in authority if `soa`.
    fn response(qname: &str, cnames: &[(&str, &str)], data_for: Option<&str>, rcode: Rcode, soa: bool) -> Vec<u8> {
        let mut buf = vec![0u8; 4096];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        b.header_mut().set_qr(true);
        b.header_mut().set_low_rcode(rcode);
        b.push_question(qname, Rtype::A, Class::IN).unwrap();
        for (owner, target) in cnames {
            b.push_answer(*owner, Class::IN, 60, &Cname { cname: *target }).unwrap();
        }
        if let Some(owner) = data_for {
            b.push_answer(owner, Class::IN, 60, &A::from([192, 0, 2, 1])).unwrap();
        }
        if soa {
            let soa = Soa { mname: "ns.", rname: "h.", serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 1 };
            b.push_authority("example.", Class::IN, 60, &soa).unwrap();
        }
        b.finish().to_vec()
    }

    fn follow(chain: &mut CnameChain, bytes: &[u8]) -> Result<ChaseStep, ChainError> {
        chain.follow(&Message::parse(bytes).unwrap(), Rtype::A)
    }

    #[test]
    fn direct_answer_and_nodata_and_nxdomain() {
        let mut chain = CnameChain::new(name("a.example."));
        assert_eq!(
            follow(&mut chain, &response("a.example.", &[], Some("A.EXAMPLE."), Rcode::NOERROR, false)),
            Ok(ChaseStep::Answer)
        );
        assert_eq!(chain.links(), 0);
        let mut chain = CnameChain::new(name("a.example."));
        assert_eq!(follow(&mut chain, &response("a.example.", &[], None, Rcode::NOERROR, true)), Ok(ChaseStep::NoData));
        let mut chain = CnameChain::new(name("a.example."));
        assert_eq!(
            follow(&mut chain, &response("a.example.", &[], None, Rcode::NXDOMAIN, true)),
            Ok(ChaseStep::NxDomain)
        );
    }

    #[test]
    fn follows_a_chain_inside_one_response_in_any_order() {
        let bytes = response(
            "a.example.",
            &[("b.example.", "c.example."), ("a.example.", "b.example.")],
            Some("c.example."),
            Rcode::NOERROR,
            false,
        );
        let mut chain = CnameChain::new(name("a.example."));
        assert_eq!(follow(&mut chain, &bytes), Ok(ChaseStep::Answer));
        assert_eq!(chain.current(), &name("c.example."));
        assert_eq!(chain.aliases(), [name("a.example."), name("b.example.")]);
    }

    #[test]
    fn asks_again_when_the_target_is_not_served_and_goes_on_across_responses() {
        let first = response("a.example.", &[("a.example.", "b.other.")], None, Rcode::NOERROR, false);
        let mut chain = CnameChain::new(name("a.example."));
        assert_eq!(follow(&mut chain, &first), Ok(ChaseStep::Ask));
        assert_eq!(chain.current(), &name("b.other."));
        let second = response("b.other.", &[], Some("b.other."), Rcode::NOERROR, false);
        assert_eq!(follow(&mut chain, &second), Ok(ChaseStep::Answer));
        // With an SOA the missing data is a real NODATA for the target; with
        // NXDOMAIN the target does not exist.
        let mut chain = CnameChain::new(name("a.example."));
        let nodata = response("a.example.", &[("a.example.", "b.example.")], None, Rcode::NOERROR, true);
        assert_eq!(follow(&mut chain, &nodata), Ok(ChaseStep::NoData));
        let mut chain = CnameChain::new(name("a.example."));
        let dangling = response("a.example.", &[("a.example.", "b.example.")], None, Rcode::NXDOMAIN, true);
        assert_eq!(follow(&mut chain, &dangling), Ok(ChaseStep::NxDomain));
        assert_eq!(chain.current(), &name("b.example."));
    }

    #[test]
    fn detects_loops_within_and_across_responses() {
        let looping = response(
            "a.example.",
            &[("a.example.", "b.example."), ("b.example.", "A.example.")],
            None,
            Rcode::NOERROR,
            false,
        );
        let mut chain = CnameChain::new(name("a.example."));
        assert_eq!(follow(&mut chain, &looping), Err(ChainError::Loop));
        let mut chain = CnameChain::new(name("a.example."));
        assert_eq!(
            follow(&mut chain, &response("a.example.", &[("a.example.", "b.other.")], None, Rcode::NOERROR, false)),
            Ok(ChaseStep::Ask)
        );
        let back = response("b.other.", &[("b.other.", "a.example.")], None, Rcode::NOERROR, false);
        assert_eq!(follow(&mut chain, &back), Err(ChainError::Loop));
    }

    #[test]
    fn stops_after_eight_links() {
        let names: Vec<String> = (0..=9).map(|i| format!("n{i}.example.")).collect();
        let links: Vec<(&str, &str)> = names.windows(2).map(|w| (w[0].as_str(), w[1].as_str())).collect();
        let eight = response(&names[0], &links[..8], Some(&names[8]), Rcode::NOERROR, false);
        let mut chain = CnameChain::new(name(&names[0]));
        assert_eq!(follow(&mut chain, &eight), Ok(ChaseStep::Answer));
        assert_eq!(chain.links(), 8);
        let nine = response(&names[0], &links, Some(&names[9]), Rcode::NOERROR, false);
        let mut chain = CnameChain::new(name(&names[0]));
        assert_eq!(follow(&mut chain, &nine), Err(ChainError::TooLong));
    }

    #[test]
    fn records_of_another_class_are_not_believed() {
        // An answer to an IN question: a CH alias to a name whose A record
        // is there too, then nothing of class IN for the name asked about.
        let mut buf = vec![0u8; 512];
        let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
        b.header_mut().set_qr(true);
        b.push_question("a.example.", Rtype::A, Class::IN).unwrap();
        b.push_answer("a.example.", Class::CH, 60, &Cname { cname: "evil.example." }).unwrap();
        b.push_answer("evil.example.", Class::IN, 60, &A::from([6, 6, 6, 6])).unwrap();
        b.push_answer("b.example.", Class::CH, 60, &A::from([6, 6, 6, 7])).unwrap();
        let bytes = b.finish().to_vec();
        let mut chain = CnameChain::new(name("a.example."));
        assert_eq!(follow(&mut chain, &bytes), Ok(ChaseStep::NoData));
        assert_eq!(chain.links(), 0);
        // A CH record is no answer to IN; a chain of class CH takes it.
        let mut chain = CnameChain::new(name("b.example."));
        assert_eq!(follow(&mut chain, &bytes), Ok(ChaseStep::NoData));
        let mut chaos = CnameChain::new(name("b.example.")).with_class(Class::CH);
        assert_eq!(follow(&mut chaos, &bytes), Ok(ChaseStep::Answer));
        assert_eq!(chaos.class(), Class::CH);
    }

    #[test]
    fn asking_for_cname_follows_nothing() {
        let bytes = response("a.example.", &[("a.example.", "b.example.")], None, Rcode::NOERROR, false);
        let mut chain = CnameChain::new(name("a.example."));
        let step = chain.follow(&Message::parse(&bytes[..]).unwrap(), Rtype::CNAME);
        assert_eq!(step, Ok(ChaseStep::Answer));
        assert_eq!(chain.links(), 0);
    }
}
