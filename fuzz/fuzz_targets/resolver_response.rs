//! Arbitrary candidate responses to a known query: only a valid response
//! with our ID and our question may be accepted; the CNAME chase and the
//! retry plan stay bounded whatever they are fed. The same bytes are also
//! judged as the answer to their own question (the seeds include the
//! hostile answers of the resolver tests): the chase then believes only
//! records of the question's class.
#![no_main]

use dnswire::stub::{ChaseStep, CnameChain, Judgement, Outcome, Query, RetryPlan};
use dnswire::{Class, Message, NameBuf, Rcode, Rtype};
use libfuzzer_sys::fuzz_target;

const ID: u16 = 0x1d2c;

fuzz_target!(|data: &[u8]| {
    let name: dnswire::NameBuf = "www.example.com.".parse().unwrap();
    let query = Query::new(name.clone(), Rtype::A, ID).unwrap();
    let header_ok =
        |bytes: &[u8]| bytes.len() >= 12 && u16::from_be_bytes([bytes[0], bytes[1]]) == ID && bytes[2] & 0x80 != 0;
    match query.judge(data) {
        Judgement::Answer(message) => {
            assert!(header_ok(data));
            assert_eq!(message.id(), ID);
            assert!(message.header().qr() && !message.header().tc());
            assert!(message.rcode() == Rcode::NOERROR || message.rcode() == Rcode::NXDOMAIN);
            let mut questions = message.questions();
            let question = questions.next().expect("one question");
            assert!(questions.next().is_none());
            assert_eq!(question.name, name);
            assert_eq!((question.qtype, question.qclass), (Rtype::A, Class::IN));
            // Following CNAMEs through it ends, within the bound.
            let mut chain = CnameChain::new(name.clone());
            if chain.follow(&message, Rtype::A).is_ok() {
                assert!(chain.links() <= CnameChain::MAX_LINKS);
            }
        }
        Judgement::Truncated | Judgement::EdnsRejected | Judgement::ServerFailure(_) => assert!(header_ok(data)),
        Judgement::Ignore(_) => {}
    }
    // The bytes as the answer to their own question, in its class.
    if let Some((own, qtype, qclass)) = Message::parse(data).ok().and_then(|m| {
        let q = m.question()?;
        let query = Query::new(NameBuf::from(q.name), q.qtype, m.id()).ok()?.with_class(q.qclass);
        Some((query, q.qtype, q.qclass))
    }) {
        if let Judgement::Answer(message) = own.judge(data) {
            let mut chain = CnameChain::new(own.name().clone()).with_class(qclass);
            let step = chain.follow(&message, qtype);
            assert!(chain.links() <= CnameChain::MAX_LINKS);
            // Data for the end of the chain, of the question's class, is
            // there exactly when the chase says so.
            let data_there = message.answers().any(|r| {
                r.class() == qclass && r.owner() == *chain.current() && (r.rtype() == qtype || qtype == Rtype::ANY)
            });
            match step {
                Ok(ChaseStep::Answer) => assert!(data_there),
                Ok(_) => assert!(!data_there),
                Err(_) => {}
            }
            // Every alias followed is a CNAME of that class in the answer.
            for pair in chain.aliases().iter().zip(chain.aliases().iter().skip(1).chain([chain.current()])) {
                assert!(message.answers().any(|r| r.class() == qclass
                    && r.rtype() == Rtype::CNAME
                    && r.owner() == *pair.0
                    && matches!(r.rdata(), dnswire::RData::Cname(c) if c.cname == *pair.1)));
            }
        }
    }
    // The retry plan ends, whatever the outcomes (taken from the input).
    let mut plan =
        RetryPlan::new(1 + usize::from(data.first().copied().unwrap_or(0) % 4), 1 + data.len() as u8 % 5, 0, false);
    let slots = plan.slots();
    let mut tries = 0;
    let mut outcomes = data.iter().cycle();
    while plan.next_try().is_some() {
        tries += 1;
        assert!(tries <= 3 * slots, "the plan never ends");
        let outcome = match outcomes.next().map_or(0, |b| b % 5) {
            0 => Outcome::Answered,
            1 => Outcome::Truncated,
            2 => Outcome::EdnsRejected,
            3 => Outcome::TimedOut,
            _ => Outcome::Failed,
        };
        plan.report(outcome);
    }
});
