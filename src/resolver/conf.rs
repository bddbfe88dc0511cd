//! Reading `/etc/resolv.conf` the way glibc does (resolv.conf(5)).

use core::net::IpAddr;
use core::time::Duration;
use std::string::String;
use std::vec::Vec;

use crate::name::NameBuf;

/// What a resolv.conf file says, read as glibc reads it:
///
/// - a keyword (`nameserver`, `domain`, `search`, `options`) counts only at
///   the very start of a line; other lines, and lines starting with `#` or
///   `;`, are ignored; anything from a `#` or `;` on is a comment;
/// - at most [`ResolvConf::MAX_NAMESERVERS`] nameservers (glibc's MAXNS),
///   IPv4 or IPv6, an IPv6 one optionally with a `%zone`; unparsable ones
///   are skipped;
/// - `domain` and `search` replace each other: the last one wins; with
///   neither, [`ResolvConf::search_from_hostname`] gives the host's domain,
///   and `LOCALDOMAIN` replaces them ([`ResolvConf::apply_environment`]);
/// - options `ndots:n` (at most 15), `timeout:n` (seconds, at most 30),
///   `attempts:n` (at most 5), `rotate`, `edns0`, `use-vc`; others ignored;
/// - CRLF line ends, tabs and a missing final newline are fine.
///
/// Parsing never fails: a file it cannot use gives the defaults.
///
/// ```
/// use dnswire::resolver::ResolvConf;
///
/// let conf = ResolvConf::parse("nameserver 192.0.2.53\nnameserver fe80::1%eth0\nsearch example.com\noptions ndots:2 rotate\n");
/// assert_eq!(conf.nameservers.len(), 2);
/// assert_eq!(conf.nameservers[1].zone.as_deref(), Some("eth0"));
/// assert_eq!(conf.search[0].to_string(), "example.com.");
/// assert_eq!(conf.ndots, 2);
/// assert!(conf.rotate);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvConf {
    /// The servers, in file order.
    pub nameservers: Vec<Nameserver>,
    /// The search list, as absolute names.
    pub search: Vec<NameBuf>,
    /// Whether a `domain` or `search` line (or `LOCALDOMAIN`) set the
    /// search list, even to nothing.
    pub search_set: bool,
    /// A name with at least this many dots is tried as it is first.
    pub ndots: u8,
    /// How long to wait for each try.
    pub timeout: Duration,
    /// How many passes over the server list.
    pub attempts: u8,
    /// Start each query at the next server.
    pub rotate: bool,
    /// `edns0` was given (this resolver uses EDNS(0) either way).
    pub edns0: bool,
    /// `use-vc`: use TCP for every query.
    pub use_vc: bool,
}

/// A `nameserver` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nameserver {
    /// The server's address.
    pub addr: IpAddr,
    /// The IPv6 zone (interface name or index) after `%`, if any.
    pub zone: Option<String>,
}

impl Default for ResolvConf {
    /// glibc's defaults: no servers (the resolver then asks 127.0.0.1), no
    /// search list, ndots 1, timeout 5 s, 2 attempts.
    fn default() -> Self {
        ResolvConf {
            nameservers: Vec::new(),
            search: Vec::new(),
            search_set: false,
            ndots: 1,
            timeout: Duration::from_secs(5),
            attempts: 2,
            rotate: false,
            edns0: false,
            use_vc: false,
        }
    }
}

impl ResolvConf {
    /// glibc reads at most this many `nameserver` lines.
    pub const MAX_NAMESERVERS: usize = 3;

    /// Reads the text of a resolv.conf file; see the [type docs](ResolvConf).
    pub fn parse(text: &str) -> ResolvConf {
        let mut conf = ResolvConf::default();
        for line in text.lines() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let line = match line.find(['#', ';']) {
                Some(comment) => &line[..comment],
                None => line,
            };
            let Some((keyword, rest)) = line.split_once([' ', '\t']) else {
                continue;
            };
            let mut words = rest.split_whitespace();
            match keyword {
                "nameserver" if conf.nameservers.len() < ResolvConf::MAX_NAMESERVERS => {
                    if let Some(server) = words.next().and_then(parse_nameserver) {
                        conf.nameservers.push(server);
                    }
                }
                "domain" => {
                    conf.search = words.next().and_then(absolute).into_iter().collect();
                    conf.search_set = true;
                }
                "search" => {
                    conf.search = words.filter_map(absolute).collect();
                    conf.search_set = true;
                }
                "options" => words.for_each(|option| conf.apply_option(option)),
                _ => {}
            }
        }
        conf
    }

    /// Applies the environment as glibc does: `LOCALDOMAIN` (domains
    /// separated by blanks) replaces the search list, `RES_OPTIONS` adds
    /// options after the file's.
    ///
    /// ```
    /// use dnswire::resolver::ResolvConf;
    ///
    /// let mut conf = ResolvConf::parse("search corp.example\noptions ndots:2\n");
    /// conf.apply_environment(Some("lab.example  example.org"), Some("ndots:3 rotate"));
    /// let search: Vec<String> = conf.search.iter().map(|d| d.to_string()).collect();
    /// assert_eq!(search, ["lab.example.", "example.org."]);
    /// assert_eq!((conf.ndots, conf.rotate), (3, true));
    /// ```
    pub fn apply_environment(&mut self, localdomain: Option<&str>, res_options: Option<&str>) {
        if let Some(domains) = localdomain {
            self.search = domains.split_whitespace().filter_map(absolute).collect();
            self.search_set = true;
        }
        if let Some(options) = res_options {
            options.split_whitespace().for_each(|option| self.apply_option(option));
        }
    }

    /// Without a `domain` or `search` line, the search list is the domain
    /// of the host name — what follows its first dot — as glibc makes it;
    /// a host name without a dot leaves the search list empty.
    ///
    /// ```
    /// use dnswire::resolver::ResolvConf;
    ///
    /// let mut conf = ResolvConf::parse("nameserver 192.0.2.53\n");
    /// conf.search_from_hostname("build7.ci.example.net");
    /// assert_eq!(conf.search[0].to_string(), "ci.example.net.");
    /// let mut set = ResolvConf::parse("search example.com\n");
    /// set.search_from_hostname("build7.ci.example.net");
    /// assert_eq!(set.search[0].to_string(), "example.com.");
    /// ```
    pub fn search_from_hostname(&mut self, hostname: &str) {
        if self.search_set {
            return;
        }
        let hostname = hostname.trim();
        if let Some((_, domain)) = hostname.split_once('.') {
            self.search = absolute(domain).into_iter().filter(|domain| !domain.is_root()).collect();
        }
    }

    fn apply_option(&mut self, option: &str) {
        let number = |max: u32| {
            option.split_once(':').and_then(|(_, value)| value.parse::<u32>().ok()).map(|value| value.min(max))
        };
        match option.split(':').next() {
            Some("ndots") => self.ndots = number(15).map_or(self.ndots, |n| n as u8),
            Some("timeout") => self.timeout = number(30).map_or(self.timeout, |n| Duration::from_secs(u64::from(n))),
            Some("attempts") => self.attempts = number(5).map_or(self.attempts, |n| n as u8),
            Some("rotate") => self.rotate = true,
            Some("edns0") => self.edns0 = true,
            Some("use-vc") => self.use_vc = true,
            _ => {}
        }
    }
}

/// This host's name, as `gethostname` gives it on Linux.
pub(crate) fn hostname() -> Option<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .ok()?;
    Some(String::from(name.trim())).filter(|name| !name.is_empty())
}

fn parse_nameserver(word: &str) -> Option<Nameserver> {
    let (address, zone) = match word.split_once('%') {
        Some((address, zone)) if !zone.is_empty() => (address, Some(String::from(zone))),
        Some(_) => return None,
        None => (word, None),
    };
    let addr: IpAddr = address.parse().ok()?;
    if zone.is_some() && addr.is_ipv4() {
        return None;
    }
    Some(Nameserver { addr, zone })
}

fn absolute(word: &str) -> Option<NameBuf> {
    word.parse::<NameBuf>().ok()?.to_absolute().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn servers(conf: &ResolvConf) -> Vec<String> {
        conf.nameservers
            .iter()
            .map(|s| match &s.zone {
                Some(zone) => format!("{}%{zone}", s.addr),
                None => s.addr.to_string(),
            })
            .collect()
    }

    fn search(conf: &ResolvConf) -> Vec<String> {
        conf.search.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn reads_a_typical_file() {
        let conf = ResolvConf::parse(
            "# Generated by NetworkManager\nsearch corp.example.com example.com\nnameserver 10.0.0.2\nnameserver 2001:db8::53\noptions timeout:2 attempts:3 ndots:2\n",
        );
        assert_eq!(servers(&conf), ["10.0.0.2", "2001:db8::53"]);
        assert_eq!(search(&conf), ["corp.example.com.", "example.com."]);
        assert_eq!((conf.timeout, conf.attempts, conf.ndots), (Duration::from_secs(2), 3, 2));
        assert!(!conf.rotate);
    }

    #[test]
    fn systemd_resolved_stub_file() {
        let conf = ResolvConf::parse(
            "# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).\n# Do not edit.\n\nnameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n",
        );
        assert_eq!(servers(&conf), ["127.0.0.53"]);
        assert!(conf.edns0);
        assert_eq!(search(&conf), ["."]);
    }

    #[test]
    fn crlf_tabs_comments_and_no_final_newline() {
        let conf = ResolvConf::parse(
            "nameserver\t192.0.2.1\r\n; a comment\r\nnameserver 192.0.2.2 # trailing comment\r\noptions\trotate   use-vc\r\nsearch a.example;b.example",
        );
        assert_eq!(servers(&conf), ["192.0.2.1", "192.0.2.2"]);
        assert!(conf.rotate && conf.use_vc);
        assert_eq!(search(&conf), ["a.example."]);
    }

    #[test]
    fn ipv6_zones_and_bad_addresses() {
        let conf = ResolvConf::parse(
            "nameserver fe80::1%eth0\nnameserver not-an-address\nnameserver 192.0.2.1%eth0\nnameserver fe80::2%\nnameserver fe80::3%3\n",
        );
        assert_eq!(servers(&conf), ["fe80::1%eth0", "fe80::3%3"]);
    }

    #[test]
    fn at_most_three_nameservers() {
        let conf = ResolvConf::parse(
            "nameserver 192.0.2.1\nnameserver 192.0.2.2\nnameserver 192.0.2.3\nnameserver 192.0.2.4\n",
        );
        assert_eq!(servers(&conf), ["192.0.2.1", "192.0.2.2", "192.0.2.3"]);
    }

    #[test]
    fn last_of_domain_and_search_wins() {
        assert_eq!(search(&ResolvConf::parse("search a.example b.example\ndomain c.example\n")), ["c.example."]);
        assert_eq!(
            search(&ResolvConf::parse("domain c.example\nsearch a.example b.example.\n")),
            ["a.example.", "b.example."]
        );
    }

    #[test]
    fn options_are_clamped_and_bad_values_ignored() {
        let conf = ResolvConf::parse(
            "options ndots:99 timeout:100 attempts:9\noptions ndots:x timeout: attempts:-1 unknown:3 debug\n",
        );
        assert_eq!((conf.ndots, conf.timeout, conf.attempts), (15, Duration::from_secs(30), 5));
    }

    #[test]
    fn keywords_must_start_the_line_and_empty_files_give_defaults() {
        let conf = ResolvConf::parse("  nameserver 192.0.2.1\nnameservers 192.0.2.2\nnameserver\n");
        assert!(conf.nameservers.is_empty());
        assert_eq!(ResolvConf::parse(""), ResolvConf::default());
        assert_eq!(ResolvConf::parse("\n\n#\n"), ResolvConf::default());
    }
}
