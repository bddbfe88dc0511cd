//! Arbitrary candidate responses to a known query: only a valid response
//! with our ID and our question may be accepted; the CNAME chase and the
//! retry plan stay bounded whatever they are fed.
#![no_main]

use dnswire::stub::{CnameChain, Judgement, Outcome, Query, RetryPlan};
use dnswire::{Class, Rcode, Rtype};
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
