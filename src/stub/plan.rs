//! [`RetryPlan`]: which server to ask next, over what, and when to give up.

/// How a query travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transport {
    /// One datagram each way; may come back truncated.
    Udp,
    /// A stream with two-byte length framing.
    Tcp,
}

/// One try: ask server number `server` (an index into the caller's list)
/// over `transport`, with EDNS or without.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Try {
    /// Index of the server in the caller's list.
    pub server: usize,
    /// UDP, or TCP (after a truncated answer, or when asked for).
    pub transport: Transport,
    /// Whether the query carries an OPT record.
    pub edns: bool,
    /// Which pass over the server list this is, from 0.
    pub round: u8,
}

/// What happened to the current try.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An answer came: the plan is done.
    Answered,
    /// The answer came truncated (TC=1).
    Truncated,
    /// The server rejected EDNS (FORMERR without OPT).
    EdnsRejected,
    /// No acceptable response before the deadline.
    TimedOut,
    /// An error rcode, a malformed response, or an I/O error.
    Failed,
}

/// The retry policy of a stub resolver, sans I/O.
///
/// Asks each server in turn, `attempts` times over the list (as the
/// `attempts:` option of resolv.conf), starting at server `first` (for
/// `rotate`). A truncated UDP answer is asked again of the same server over
/// TCP; a FORMERR to EDNS is asked again of the same server without EDNS;
/// a timeout or a failure moves on to the next server. An answer ends the
/// plan.
///
/// ```
/// use dnswire::stub::{Outcome, RetryPlan, Transport};
///
/// let mut plan = RetryPlan::new(2, 2, 0, false);
/// let first = plan.next_try().unwrap();
/// assert_eq!((first.server, first.transport), (0, Transport::Udp));
/// plan.report(Outcome::Truncated);
/// let again = plan.next_try().unwrap();
/// assert_eq!((again.server, again.transport), (0, Transport::Tcp));
/// plan.report(Outcome::TimedOut);
/// assert_eq!(plan.next_try().unwrap().server, 1);
/// plan.report(Outcome::Answered);
/// assert_eq!(plan.next_try(), None);
/// ```
#[derive(Clone, Debug)]
pub struct RetryPlan {
    servers: usize,
    attempts: u8,
    first: usize,
    tcp_only: bool,
    /// Position in the sequence of servers × rounds.
    slot: usize,
    /// The try handed out and not yet reported.
    current: Option<Try>,
    /// The next try, when an outcome asks for the same server again.
    again: Option<Try>,
    /// No more tries: answered, or every slot used.
    done: bool,
    answered: bool,
}

impl RetryPlan {
    /// A plan over `servers` servers, `attempts` passes (at least 1),
    /// starting with server `first` (taken modulo `servers`), over TCP only
    /// if `tcp_only`.
    pub fn new(servers: usize, attempts: u8, first: usize, tcp_only: bool) -> Self {
        RetryPlan {
            servers,
            attempts: attempts.max(1),
            first: if servers == 0 { 0 } else { first % servers },
            tcp_only,
            slot: 0,
            current: None,
            again: None,
            done: servers == 0,
            answered: false,
        }
    }

    /// The next try to make, or `None` when the plan is over (answered, or
    /// every server asked `attempts` times). A try handed out and not
    /// reported counts as timed out.
    pub fn next_try(&mut self) -> Option<Try> {
        if self.current.is_some() {
            self.report(Outcome::TimedOut);
        }
        if self.done {
            return None;
        }
        let next = match self.again.take() {
            Some(again) => again,
            None => {
                if self.slot >= self.slots() {
                    self.done = true;
                    return None;
                }
                let round = (self.slot / self.servers) as u8;
                // `first + index` modulo `servers`, without overflow.
                let index = self.slot % self.servers;
                let to_end = self.servers - self.first;
                let server = if index < to_end { self.first + index } else { index - to_end };
                self.slot += 1;
                let transport = if self.tcp_only { Transport::Tcp } else { Transport::Udp };
                Try { server, transport, edns: true, round }
            }
        };
        self.current = Some(next);
        Some(next)
    }

    /// Reports what happened to the try [`RetryPlan::next_try`] handed out.
    pub fn report(&mut self, outcome: Outcome) {
        let Some(current) = self.current.take() else {
            return;
        };
        match outcome {
            Outcome::Answered => {
                self.done = true;
                self.answered = true;
            }
            Outcome::Truncated if current.transport == Transport::Udp => {
                self.again = Some(Try { transport: Transport::Tcp, ..current });
            }
            Outcome::EdnsRejected if current.edns => self.again = Some(Try { edns: false, ..current }),
            Outcome::Truncated | Outcome::EdnsRejected | Outcome::TimedOut | Outcome::Failed => {}
        }
    }

    /// Whether an answer ended the plan.
    pub fn is_answered(&self) -> bool {
        self.answered
    }

    /// The number of servers × attempts the plan makes at most, not counting
    /// repeats over TCP or without EDNS.
    pub fn slots(&self) -> usize {
        self.servers.saturating_mul(usize::from(self.attempts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(plan: &mut RetryPlan, outcome: impl Fn(&Try) -> Outcome) -> Vec<Try> {
        let mut tries = Vec::new();
        while let Some(t) = plan.next_try() {
            tries.push(t);
            plan.report(outcome(&t));
        }
        tries
    }

    #[test]
    fn every_server_every_round_in_order_then_gives_up() {
        let mut plan = RetryPlan::new(3, 2, 0, false);
        let tries = walk(&mut plan, |_| Outcome::TimedOut);
        let order: Vec<(usize, u8)> = tries.iter().map(|t| (t.server, t.round)).collect();
        assert_eq!(order, [(0, 0), (1, 0), (2, 0), (0, 1), (1, 1), (2, 1)]);
        assert!(tries.iter().all(|t| t.transport == Transport::Udp && t.edns));
        assert!(!plan.is_answered());
    }

    #[test]
    fn rotation_starts_elsewhere() {
        let mut plan = RetryPlan::new(3, 1, 4, false);
        let servers: Vec<usize> = walk(&mut plan, |_| Outcome::Failed).iter().map(|t| t.server).collect();
        assert_eq!(servers, [1, 2, 0]);
    }

    #[test]
    fn truncation_moves_to_tcp_on_the_same_server_once() {
        let mut plan = RetryPlan::new(2, 1, 0, false);
        let tries = walk(&mut plan, |_| Outcome::Truncated);
        let seen: Vec<(usize, Transport)> = tries.iter().map(|t| (t.server, t.transport)).collect();
        assert_eq!(seen, [(0, Transport::Udp), (0, Transport::Tcp), (1, Transport::Udp), (1, Transport::Tcp)]);
    }

    #[test]
    fn edns_rejection_retries_without_edns_once() {
        let mut plan = RetryPlan::new(1, 1, 0, false);
        let tries = walk(&mut plan, |_| Outcome::EdnsRejected);
        assert_eq!(tries.iter().map(|t| t.edns).collect::<Vec<_>>(), [true, false]);
    }

    #[test]
    fn answer_ends_the_plan() {
        let mut plan = RetryPlan::new(3, 3, 0, false);
        let tries = walk(&mut plan, |t| if t.server == 1 { Outcome::Answered } else { Outcome::Failed });
        assert_eq!(tries.len(), 2);
        assert!(plan.is_answered());
    }

    #[test]
    fn tcp_only_and_no_servers() {
        let mut plan = RetryPlan::new(1, 2, 0, true);
        assert!(walk(&mut plan, |_| Outcome::TimedOut).iter().all(|t| t.transport == Transport::Tcp));
        assert_eq!(RetryPlan::new(0, 3, 0, false).next_try(), None);
        let mut unreported = RetryPlan::new(2, 1, 0, false);
        assert_eq!(unreported.next_try().unwrap().server, 0);
        assert_eq!(unreported.next_try().unwrap().server, 1);
        assert_eq!(unreported.next_try(), None);
        assert_eq!(RetryPlan::new(2, 0, 0, false).slots(), 2);
    }

    #[test]
    fn huge_server_counts_and_offsets_never_overflow() {
        let mut plan = RetryPlan::new(usize::MAX, 255, usize::MAX - 1, false);
        assert_eq!(plan.slots(), usize::MAX);
        let servers: Vec<usize> = (0..3).map_while(|_| plan.next_try().map(|t| t.server)).collect();
        assert_eq!(servers, [usize::MAX - 1, 0, 1]);
        let mut plan = RetryPlan::new(usize::MAX / 2 + 2, 1, usize::MAX / 2 + 1, false);
        assert_eq!(plan.next_try().map(|t| t.server), Some(usize::MAX / 2 + 1));
        assert_eq!(plan.next_try().map(|t| t.server), Some(0));
    }
}
