//! Where does mail for a domain go? RFC 5321 §5.1, as a mail server sees it.
//!
//! ```text
//! cargo run --example mx -- [@server[:port]] domain
//! cargo run --example mx -- @127.0.0.1:5353 example.com
//! ```
//! Prints the exchanges in delivery order with their addresses, and every
//! misconfiguration found: IP-literal or CNAME exchanges, exchanges without
//! addresses, a null MX, an implicit MX.

mod common;

use std::process::ExitCode;

use dnswire::resolver::RouteKind;

fn run() -> Result<(), String> {
    let mut server = None;
    let mut domain = None;
    for arg in std::env::args().skip(1) {
        if arg.starts_with('@') {
            server = Some(common::parse_server(&arg)?);
        } else if domain.replace(arg).is_some() {
            return Err("usage: mx [@server[:port]] domain".into());
        }
    }
    let domain = domain.ok_or("usage: mx [@server[:port]] domain")?;
    let resolver = common::resolver(server, false)?;
    let route = resolver.lookup_mx(&domain).map_err(|e| format!("{domain}: {e}"))?;

    if route.canonical != route.domain {
        println!("{} is an alias of {}", route.domain, route.canonical);
    }
    match route.kind {
        RouteKind::NullMx => {
            println!("{}: null MX (RFC 7505): this domain accepts no mail", route.domain);
            return Ok(());
        }
        RouteKind::Implicit => {
            println!("{}: no MX records; implicit MX (RFC 5321 5.1): the domain itself", route.domain)
        }
        RouteKind::Mx => println!("{}: mail exchanges in delivery order", route.domain),
    }
    for problem in &route.problems {
        println!("  ! {problem}");
    }
    for exchange in route.exchanges() {
        let addresses: Vec<String> = exchange.addresses.iter().map(ToString::to_string).collect();
        println!("{:>5} {}  {}", exchange.preference, exchange.host, addresses.join(", "));
        for problem in &exchange.problems {
            println!("        ! {problem}");
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    common::main_with(run)
}
