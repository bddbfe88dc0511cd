//! [`RetryPlan`]: which server to ask next, over what, and when to give up.

/// How a query travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transport {
    /// One datagram each way; may come back truncated.
    Udp,
    /// A stream with two-byte length framing.
    Tcp,
}

/// One attempt: ask server number `server` (an index into the caller's
/// list) over `transport`, with EDNS or without. [`Query::for_attempt`]
/// applies it to a query.
///
/// [`Query::for_attempt`]: crate::stub::Query::for_attempt
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// Index of the server in the caller's list.
    pub server: usize,
    /// UDP, or TCP (after a truncated answer, or when asked for).
    pub transport: Transport,
    /// Whether the query carries an OPT record.
    pub edns: bool,
    /// Which pass over the server list this is, from 0.
    pub round: u8,
}

/// What happened to the current attempt: the [`Judgement`] that ended it,
/// or the deadline ([`Judgement::outcome`] maps one to the other).
///
/// [`Judgement`]: crate::stub::Judgement
/// [`Judgement::outcome`]: crate::stub::Judgement::outcome
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An answer came: the plan is done.
    Answered,
    /// The answer came truncated (TC=1).
    Truncated,
    /// The server rejected EDNS (FORMERR without OPT).
    EdnsRejected,
    /// BADCOOKIE: the server sent its cookie; ask it again with it, once
    /// (RFC 7873 §5.3), then over TCP.
    BadCookie,
    /// No acceptable response before the deadline.
    TimedOut,
    /// An error rcode, a malformed response, or an I/O error.
    Failed,
}

/// How a [`RetryPlan`] retries: named settings with resolv.conf's
/// defaults.
///
/// ```
/// use dnswire::stub::{RetryPlan, RetrySettings};
///
/// let plan = RetryPlan::new(3, RetrySettings { attempts: 3, ..RetrySettings::default() });
/// assert_eq!(plan.slots(), 9);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetrySettings {
    /// Passes over the server list, at least 1 (resolv.conf's
    /// `attempts:`, default 2).
    pub attempts: u8,
    /// The server to start with, an index taken modulo the number of
    /// servers (for resolv.conf's `rotate`, pass a counter). Default 0.
    pub first_server: usize,
    /// Ask over TCP only (resolv.conf's `use-vc`). Default false.
    pub tcp_only: bool,
    /// Whether attempts carry EDNS at first (the plan drops it for a
    /// server that rejects it). Default true.
    pub edns: bool,
}

impl Default for RetrySettings {
    /// glibc's: 2 attempts, from the first server, UDP first, with EDNS.
    fn default() -> Self {
        RetrySettings { attempts: 2, first_server: 0, tcp_only: false, edns: true }
    }
}

/// The retry policy of a stub resolver, sans I/O.
///
/// Asks each server in turn, [`RetrySettings::attempts`] times over the
/// list, starting at [`RetrySettings::first_server`]. A truncated UDP
/// answer is asked again of the same server over TCP; a FORMERR to EDNS is
/// asked again of the same server without EDNS; BADCOOKIE is asked again
/// of the same server once, then over TCP; a timeout or a failure moves on
/// to the next server. An answer ends the plan.
///
/// ```
/// use dnswire::stub::{Outcome, RetryPlan, RetrySettings, Transport};
///
/// let mut plan = RetryPlan::new(2, RetrySettings::default());
/// let first = plan.next_attempt().unwrap();
/// assert_eq!((first.server, first.transport), (0, Transport::Udp));
/// plan.report(Outcome::Truncated);
/// let again = plan.next_attempt().unwrap();
/// assert_eq!((again.server, again.transport), (0, Transport::Tcp));
/// plan.report(Outcome::TimedOut);
/// assert_eq!(plan.next_attempt().unwrap().server, 1);
/// plan.report(Outcome::Answered);
/// assert_eq!(plan.next_attempt(), None);
/// ```
#[derive(Clone, Debug)]
pub struct RetryPlan {
    servers: usize,
    attempts: u8,
    first: usize,
    tcp_only: bool,
    edns: bool,
    /// BADCOOKIE was answered once already to this slot's server.
    cookie_retried: bool,
    /// Position in the sequence of servers × rounds.
    slot: usize,
    /// The attempt handed out and not yet reported.
    current: Option<Attempt>,
    /// The next attempt, when an outcome asks for the same server again.
    again: Option<Attempt>,
    /// No more tries: answered, or every slot used.
    done: bool,
    answered: bool,
}

impl RetryPlan {
    /// A plan over `servers` servers (a list the caller keeps).
    pub fn new(servers: usize, settings: RetrySettings) -> Self {
        RetryPlan {
            servers,
            attempts: settings.attempts.max(1),
            first: if servers == 0 { 0 } else { settings.first_server % servers },
            tcp_only: settings.tcp_only,
            edns: settings.edns,
            cookie_retried: false,
            slot: 0,
            current: None,
            again: None,
            done: servers == 0,
            answered: false,
        }
    }

    /// The next attempt to make, or `None` when the plan is over
    /// (answered, or every server asked `attempts` times). An attempt
    /// handed out and not reported counts as timed out.
    pub fn next_attempt(&mut self) -> Option<Attempt> {
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
                self.cookie_retried = false;
                let transport = if self.tcp_only { Transport::Tcp } else { Transport::Udp };
                Attempt { server, transport, edns: self.edns, round }
            }
        };
        self.current = Some(next);
        Some(next)
    }

    /// Reports what happened to the attempt [`RetryPlan::next_attempt`]
    /// handed out.
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
                self.again = Some(Attempt { transport: Transport::Tcp, ..current });
            }
            Outcome::EdnsRejected if current.edns => self.again = Some(Attempt { edns: false, ..current }),
            Outcome::BadCookie if !self.cookie_retried => {
                self.cookie_retried = true;
                self.again = Some(current);
            }
            Outcome::BadCookie if current.transport == Transport::Udp => {
                self.again = Some(Attempt { transport: Transport::Tcp, ..current });
            }
            Outcome::Truncated | Outcome::EdnsRejected | Outcome::BadCookie | Outcome::TimedOut | Outcome::Failed => {}
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

    fn walk(plan: &mut RetryPlan, outcome: impl Fn(&Attempt) -> Outcome) -> Vec<Attempt> {
        let mut tries = Vec::new();
        while let Some(t) = plan.next_attempt() {
            tries.push(t);
            plan.report(outcome(&t));
        }
        tries
    }

    #[test]
    fn every_server_every_round_in_order_then_gives_up() {
        let mut plan = RetryPlan::new(3, RetrySettings::default());
        let tries = walk(&mut plan, |_| Outcome::TimedOut);
        let order: Vec<(usize, u8)> = tries.iter().map(|t| (t.server, t.round)).collect();
        assert_eq!(order, [(0, 0), (1, 0), (2, 0), (0, 1), (1, 1), (2, 1)]);
        assert!(tries.iter().all(|t| t.transport == Transport::Udp && t.edns));
        assert!(!plan.is_answered());
    }

    #[test]
    fn rotation_starts_elsewhere() {
        let mut plan = RetryPlan::new(3, RetrySettings { attempts: 1, first_server: 4, ..RetrySettings::default() });
        let servers: Vec<usize> = walk(&mut plan, |_| Outcome::Failed).iter().map(|t| t.server).collect();
        assert_eq!(servers, [1, 2, 0]);
    }

    #[test]
    fn truncation_moves_to_tcp_on_the_same_server_once() {
        let mut plan = RetryPlan::new(2, RetrySettings { attempts: 1, ..RetrySettings::default() });
        let tries = walk(&mut plan, |_| Outcome::Truncated);
        let seen: Vec<(usize, Transport)> = tries.iter().map(|t| (t.server, t.transport)).collect();
        assert_eq!(seen, [(0, Transport::Udp), (0, Transport::Tcp), (1, Transport::Udp), (1, Transport::Tcp)]);
    }

    #[test]
    fn edns_rejection_retries_without_edns_once() {
        let mut plan = RetryPlan::new(1, RetrySettings { attempts: 1, ..RetrySettings::default() });
        let tries = walk(&mut plan, |_| Outcome::EdnsRejected);
        assert_eq!(tries.iter().map(|t| t.edns).collect::<Vec<_>>(), [true, false]);
    }

    #[test]
    fn bad_cookie_asks_again_once_then_over_tcp() {
        let mut plan = RetryPlan::new(2, RetrySettings { attempts: 1, ..RetrySettings::default() });
        let tries = walk(&mut plan, |_| Outcome::BadCookie);
        let seen: Vec<(usize, Transport)> = tries.iter().map(|t| (t.server, t.transport)).collect();
        assert_eq!(
            seen,
            [
                (0, Transport::Udp),
                (0, Transport::Udp),
                (0, Transport::Tcp),
                (1, Transport::Udp),
                (1, Transport::Udp),
                (1, Transport::Tcp)
            ]
        );
        let mut tcp = RetryPlan::new(1, RetrySettings { attempts: 1, tcp_only: true, ..RetrySettings::default() });
        assert_eq!(walk(&mut tcp, |_| Outcome::BadCookie).len(), 2);
        let mut no_edns = RetryPlan::new(1, RetrySettings { edns: false, ..RetrySettings::default() });
        assert!(walk(&mut no_edns, |_| Outcome::TimedOut).iter().all(|t| !t.edns));
    }

    #[test]
    fn answer_ends_the_plan() {
        let mut plan = RetryPlan::new(3, RetrySettings { attempts: 3, ..RetrySettings::default() });
        let tries = walk(&mut plan, |t| if t.server == 1 { Outcome::Answered } else { Outcome::Failed });
        assert_eq!(tries.len(), 2);
        assert!(plan.is_answered());
    }

    #[test]
    fn tcp_only_and_no_servers() {
        let mut plan = RetryPlan::new(1, RetrySettings { tcp_only: true, ..RetrySettings::default() });
        assert!(walk(&mut plan, |_| Outcome::TimedOut).iter().all(|t| t.transport == Transport::Tcp));
        assert_eq!(RetryPlan::new(0, RetrySettings { attempts: 3, ..RetrySettings::default() }).next_attempt(), None);
        let mut unreported = RetryPlan::new(2, RetrySettings { attempts: 1, ..RetrySettings::default() });
        assert_eq!(unreported.next_attempt().unwrap().server, 0);
        assert_eq!(unreported.next_attempt().unwrap().server, 1);
        assert_eq!(unreported.next_attempt(), None);
        assert_eq!(RetryPlan::new(2, RetrySettings { attempts: 0, ..RetrySettings::default() }).slots(), 2);
    }

    #[test]
    fn huge_server_counts_and_offsets_never_overflow() {
        let mut plan = RetryPlan::new(
            usize::MAX,
            RetrySettings { attempts: 255, first_server: usize::MAX - 1, ..RetrySettings::default() },
        );
        assert_eq!(plan.slots(), usize::MAX);
        let servers: Vec<usize> = (0..3).map_while(|_| plan.next_attempt().map(|t| t.server)).collect();
        assert_eq!(servers, [usize::MAX - 1, 0, 1]);
        let mut plan = RetryPlan::new(
            usize::MAX / 2 + 2,
            RetrySettings { attempts: 1, first_server: usize::MAX / 2 + 1, ..RetrySettings::default() },
        );
        assert_eq!(plan.next_attempt().map(|t| t.server), Some(usize::MAX / 2 + 1));
        assert_eq!(plan.next_attempt().map(|t| t.server), Some(0));
    }
}
