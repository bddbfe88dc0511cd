//! Where does mail for a domain go, and what is wrong with its setup? An MX
//! checker: RFC 5321 §5.1 and RFC 7505 as a mail server reads them, and
//! what an admin looks at besides.
//!
//! ```text
//! cargo run --example mx -- [@server[:port]] [--json] [--route] [--dnssec] [--local=NAME]... domain
//! cargo run --example mx -- @127.0.0.1:5353 example.com
//! cargo run --example mx -- @127.0.0.1:5353 --json example.com
//! ```
//! Prints the exchanges in delivery order with their addresses, reverse DNS
//! and DANE TLSA records, the domain's SPF, DMARC, MTA-STS and TLS-RPT
//! records, and every problem found (`Resolver::check_mail`); `--route`
//! prints only what an MTA needs (`Resolver::lookup_mx`: no reverse DNS,
//! policies or TLSA). `--dnssec` asks with DO and AD, so that a validating
//! resolver says whether the MX set and TLSA records are validated.
//! `--local=NAME` (as often as needed) names this host as MX records may
//! name it: RFC 5321 §5.1's local-host cut (`Resolver::check_mail_from`).
//!
//! `--json` prints one JSON object instead:
//! `{"domain", "canonical", "kind": "mx"|"implicit"|"null_mx", "status",
//! "problems": [{"code", "detail"}], "exchanges": [{"preference", "host",
//! "addresses", "problems", "tlsa", "tlsa_validated", "reverse"}],
//! "policies": {"spf", "dmarc", "mta_sts", "tls_rpt"}, "mx_validated"}`, each
//! policy the record's text or null; a failed lookup has `canonical` and
//! `kind` null and the failure as its one problem.
//!
//! Exit status: 0 when the domain is fine (a null MX is fine: a definite
//! "no mail here"), 1 when problems were found, 2 on a temporary failure
//! (defer the mail: a timeout, SERVFAIL, no exchange resolvable for now), 3
//! on a permanent one (bounce: NXDOMAIN, no exchange that exists or has an
//! address, this host the best exchange). Usage errors exit with 64.
//! Without `@server`, the servers of /etc/resolv.conf are asked.

mod common;

use std::fmt::Write as _;
use std::process::ExitCode;

use dnswire::resolver::{Config, MailCheck, MailRoute, Problem, ResolveError, Resolver, RouteKind, Verdict};

/// What the checker concludes, and its exit status.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Ok,
    Problems,
    TemporaryFailure,
    PermanentFailure,
}

impl Status {
    fn of(route: &MailRoute) -> Status {
        let problems = !route.problems.is_empty() || route.exchanges.iter().any(|e| !e.problems.is_empty());
        match (route.verdict(), problems) {
            (Verdict::Defer, _) => Status::TemporaryFailure,
            (Verdict::Bounce, _) if route.kind != RouteKind::NullMx => Status::PermanentFailure,
            (_, true) => Status::Problems,
            (_, false) => Status::Ok,
        }
    }

    fn of_error(error: &ResolveError) -> Status {
        if error.is_temporary() {
            Status::TemporaryFailure
        } else {
            Status::PermanentFailure
        }
    }

    fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Problems => "problems",
            Status::TemporaryFailure => "temporary_failure",
            Status::PermanentFailure => "permanent_failure",
        }
    }

    fn exit(self) -> ExitCode {
        ExitCode::from(match self {
            Status::Ok => 0,
            Status::Problems => 1,
            Status::TemporaryFailure => 2,
            Status::PermanentFailure => 3,
        })
    }
}

/// A stable code for a lookup that failed altogether.
fn error_code(error: &ResolveError) -> &'static str {
    match error {
        ResolveError::NxDomain { .. } => "nxdomain",
        ResolveError::Timeout { .. } => "timeout",
        ResolveError::AllServersFailed(_) => "servers_failed",
        ResolveError::Malformed { .. } => "malformed_response",
        ResolveError::Cname { .. } => "cname_chain",
        ResolveError::InvalidName(_) => "invalid_name",
        ResolveError::NoServers => "no_servers",
        _ => "lookup_failed",
    }
}

//--- JSON, by hand: strings escaped as RFC 8259 §7 says

fn string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn optional(out: &mut String, text: Option<&str>) {
    match text {
        Some(text) => string(out, text),
        None => out.push_str("null"),
    }
}

fn list<T>(out: &mut String, items: impl IntoIterator<Item = T>, mut each: impl FnMut(&mut String, T)) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        each(out, item);
    }
    out.push(']');
}

fn problems(out: &mut String, problems: &[Problem]) {
    list(out, problems, |out, problem| {
        out.push_str("{\"code\":");
        string(out, problem.code());
        out.push_str(",\"detail\":");
        string(out, &problem.to_string());
        out.push('}');
    });
}

fn kind(route: &MailRoute) -> &'static str {
    match route.kind {
        RouteKind::Mx => "mx",
        RouteKind::Implicit => "implicit",
        RouteKind::NullMx => "null_mx",
    }
}

fn json(domain: &str, result: &Result<MailCheck, ResolveError>, status: Status) -> String {
    let mut out = String::from("{\"domain\":");
    match result {
        Ok(check) => {
            let route = &check.route;
            string(&mut out, &route.domain.to_string());
            out.push_str(",\"canonical\":");
            string(&mut out, &route.canonical.to_string());
            out.push_str(",\"kind\":");
            string(&mut out, kind(route));
            out.push_str(",\"status\":");
            string(&mut out, status.name());
            out.push_str(",\"problems\":");
            problems(&mut out, &route.problems);
            out.push_str(",\"exchanges\":");
            list(&mut out, route.exchanges.iter().enumerate(), |out, (i, exchange)| {
                let _ = write!(out, "{{\"preference\":{},\"host\":", exchange.preference);
                string(out, &exchange.host.to_string());
                out.push_str(",\"addresses\":");
                list(out, &exchange.addresses, |out, addr| string(out, &addr.to_string()));
                out.push_str(",\"problems\":");
                problems(out, &exchange.problems);
                let checked = check.exchanges.get(i);
                out.push_str(",\"tlsa\":");
                list(out, checked.iter().flat_map(|c| &c.tlsa), |out, tlsa| string(out, &tlsa.to_string()));
                let _ = write!(out, ",\"tlsa_validated\":{}", checked.is_some_and(|c| c.tlsa_authentic));
                out.push_str(",\"reverse\":");
                list(out, checked.iter().flat_map(|c| &c.reverse), |out, reverse| {
                    out.push_str("{\"address\":");
                    string(out, &reverse.addr.to_string());
                    out.push_str(",\"names\":");
                    list(out, &reverse.names, |out, name| string(out, &name.to_string()));
                    let _ = write!(out, ",\"confirmed\":{}}}", reverse.confirmed);
                });
                out.push('}');
            });
            let policies = &check.policies;
            out.push_str(",\"policies\":{\"spf\":");
            optional(&mut out, policies.spf.as_deref());
            out.push_str(",\"dmarc\":");
            optional(&mut out, policies.dmarc.as_deref());
            out.push_str(",\"mta_sts\":");
            optional(&mut out, policies.mta_sts.as_deref());
            out.push_str(",\"tls_rpt\":");
            optional(&mut out, policies.tls_rpt.as_deref());
            let _ = write!(out, "}},\"mx_validated\":{}}}", route.authentic_data);
        }
        Err(error) => {
            // As the name is written in a route: absolute.
            let absolute = domain.parse::<dnswire::NameBuf>().and_then(|name| name.to_absolute());
            string(&mut out, &absolute.map_or_else(|_| domain.to_string(), |name| name.to_string()));
            out.push_str(",\"canonical\":null,\"kind\":null,\"status\":");
            string(&mut out, status.name());
            out.push_str(",\"problems\":[{\"code\":");
            string(&mut out, error_code(error));
            out.push_str(",\"detail\":");
            string(&mut out, &error.to_string());
            out.push_str(
                "}],\"exchanges\":[],\"policies\":{\"spf\":null,\"dmarc\":null,\"mta_sts\":null,\"tls_rpt\":null}",
            );
            out.push_str(",\"mx_validated\":false}");
        }
    }
    out
}

//--- The human report

fn report(check: &MailCheck, full: bool) {
    let route = &check.route;
    if route.canonical != route.domain {
        println!("{} is an alias of {}", route.domain, route.canonical);
    }
    match route.kind {
        RouteKind::NullMx => println!("{}: null MX (RFC 7505): this domain accepts no mail", route.domain),
        RouteKind::Implicit => {
            println!("{}: no MX records; implicit MX (RFC 5321 5.1): the domain itself", route.domain)
        }
        RouteKind::Mx => println!("{}: mail exchanges in delivery order", route.domain),
    }
    for problem in &route.problems {
        println!("  ! {problem} [{}]", problem.code());
    }
    for (i, exchange) in route.exchanges.iter().enumerate() {
        let addresses: Vec<String> = exchange.addresses.iter().map(ToString::to_string).collect();
        println!("{:>5} {}  {}", exchange.preference, exchange.host, addresses.join(", "));
        if let Some(checked) = check.exchanges.get(i) {
            for reverse in &checked.reverse {
                let names: Vec<String> = reverse.names.iter().map(ToString::to_string).collect();
                let confirmed = if reverse.confirmed { "confirmed" } else { "not confirmed" };
                println!("        {} PTR {} ({confirmed})", reverse.addr, names.join(", "));
            }
            for tlsa in &checked.tlsa {
                let validated = if checked.tlsa_authentic { "validated" } else { "not validated" };
                println!("        TLSA {tlsa} ({validated})");
            }
        }
        for problem in &exchange.problems {
            println!("        ! {problem} [{}]", problem.code());
        }
    }
    if full {
        let policies = &check.policies;
        for (name, text) in [
            ("SPF", &policies.spf),
            ("DMARC", &policies.dmarc),
            ("MTA-STS", &policies.mta_sts),
            ("TLS-RPT", &policies.tls_rpt),
        ] {
            println!("{name:>8}: {}", text.as_deref().unwrap_or("(none)"));
        }
    }
    let verdict = match route.verdict() {
        Verdict::Deliver => "deliver",
        Verdict::Defer => "defer (temporary failure)",
        Verdict::Bounce => "bounce",
    };
    println!("verdict: {verdict}");
}

fn main() -> ExitCode {
    let usage = "usage: mx [@server[:port]] [--json] [--route] [--dnssec] [--local=NAME]... domain";
    let (mut server, mut domain, mut as_json, mut route_only, mut dnssec) = (None, None, false, false, false);
    let mut local: Vec<dnswire::NameBuf> = Vec::new();
    for arg in std::env::args().skip(1) {
        if let Some(name) = arg.strip_prefix("--local=") {
            match name.parse::<dnswire::NameBuf>().and_then(|name| name.to_absolute()) {
                Ok(name) => local.push(name),
                Err(error) => {
                    eprintln!("--local={name}: {error}");
                    return ExitCode::from(64);
                }
            }
            continue;
        }
        match arg.as_str() {
            "--json" => as_json = true,
            "--route" => route_only = true,
            "--dnssec" => dnssec = true,
            _ if arg.starts_with('@') => match common::parse_server(&arg) {
                Ok(parsed) => server = Some(parsed),
                Err(error) => {
                    eprintln!("{error}");
                    return ExitCode::from(64);
                }
            },
            _ if arg.starts_with('-') || domain.is_some() => {
                eprintln!("{usage}");
                return ExitCode::from(64);
            }
            _ => domain = Some(arg),
        }
    }
    let Some(domain) = domain else {
        eprintln!("{usage}");
        return ExitCode::from(64);
    };
    let config = match server {
        Some(server) => Config::new([server]),
        None => match Config::system() {
            Ok(config) => config,
            Err(error) => {
                eprintln!("/etc/resolv.conf: {error}");
                return ExitCode::from(2);
            }
        },
    };
    let mut config = config;
    config.dnssec_ok = dnssec;
    config.authentic_data = dnssec;
    let resolver = Resolver::new(config);
    let result = if route_only {
        let route = resolver.lookup_mx_from(&domain, &local);
        route.map(|route| MailCheck { route, exchanges: Vec::new(), policies: Default::default() })
    } else {
        resolver.check_mail_from(&domain, &local)
    };
    let status = match &result {
        Ok(check) => Status::of(&check.route),
        Err(error) => Status::of_error(error),
    };
    if as_json {
        println!("{}", json(&domain, &result, status));
    } else {
        match &result {
            Ok(check) => report(check, !route_only),
            Err(error) => println!("{domain}: {error}"),
        }
    }
    status.exit()
}
