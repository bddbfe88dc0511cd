//! Arbitrary candidate responses to a known query: only a valid response
//! with our ID and our question may be accepted; the CNAME chase and the
//! retry plan stay bounded whatever they are fed. The same bytes are also
//! judged as the answer to their own question (the seeds include the
//! hostile answers of the resolver tests): the chase then believes only
//! records of the question's class.
#![no_main]

use dnswire::stub::{ChaseStep, CnameChain, Judgement, Outcome, Query, RetryPlan, RetrySettings, Transport};
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
        // No cookie was sent: BADCOOKIE is a plain failure.
        Judgement::BadCookie(_) => panic!("BADCOOKIE to a query without a cookie"),
        Judgement::Ignore(_) => {}
    }
    // With a cookie, in random case, over TCP: an answer still has our ID
    // and question, now exactly in our case and with our cookie if any; over
    // TCP only another ID is ignored.
    let client = [7u8; 8];
    let mut bits = |out: &mut [u8]| out.fill(0xa5);
    let strict = query.clone().with_cookie(client, None).with_random_case(&mut bits).with_transport(Transport::Tcp);
    match strict.judge(data) {
        Judgement::Answer(message) | Judgement::BadCookie(message) => {
            assert!(header_ok(data));
            let question = message.question().expect("one question");
            assert!(question.name.labels().eq(strict.name().labels()));
            if let Some(cookie) = dnswire::stub::ServerCookie::from_response(&message) {
                assert!((8..=32).contains(&cookie.as_bytes().len()));
            }
        }
        Judgement::Truncated => panic!("TC over TCP is a server failure"),
        Judgement::Ignore(why) => assert_eq!(why, dnswire::stub::Mismatch::Id),
        Judgement::EdnsRejected | Judgement::ServerFailure(_) => {}
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
    let settings = RetrySettings { attempts: 1 + data.len() as u8 % 5, ..RetrySettings::default() };
    let mut plan = RetryPlan::new(1 + usize::from(data.first().copied().unwrap_or(0) % 4), settings);
    let slots = plan.slots();
    let mut tries = 0;
    let mut outcomes = data.iter().cycle();
    while plan.next_attempt().is_some() {
        tries += 1;
        // Per server and round: UDP, without EDNS, again with the cookie,
        // over TCP, and over TCP without EDNS at most.
        assert!(tries <= 5 * slots, "the plan never ends");
        let outcome = match outcomes.next().map_or(0, |b| b % 6) {
            0 => Outcome::Answered,
            1 => Outcome::Truncated,
            2 => Outcome::EdnsRejected,
            3 => Outcome::TimedOut,
            4 => Outcome::BadCookie,
            _ => Outcome::Failed,
        };
        plan.report(outcome);
    }
});
