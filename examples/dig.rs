//! Ask a DNS question and print the answer as dig does.
//!
//! ```text
//! cargo run --example dig -- [@server[:port]] [+tcp] name [type]
//! cargo run --example dig -- @127.0.0.1:5353 example.com MX
//! ```
//! Without `@server`, the servers of /etc/resolv.conf are asked. The name is
//! taken as fully qualified (dig's default `+nosearch`); the type defaults to A.

mod common;

use std::process::ExitCode;
use std::time::Instant;

use dnswire::stub::Transport;
use dnswire::{NameBuf, Rtype};

fn run() -> Result<(), String> {
    let mut server = None;
    let mut tcp = false;
    let mut words = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "+tcp" | "+vc" => tcp = true,
            _ if arg.starts_with('@') => server = Some(common::parse_server(&arg)?),
            _ => words.push(arg),
        }
    }
    let (name, qtype) = match words.as_slice() {
        [name] => (name, Rtype::A),
        [name, qtype] => (name, qtype.parse::<Rtype>().map_err(|_| format!("unknown type: {qtype}"))?),
        _ => return Err("usage: dig [@server[:port]] [+tcp] name [type]".into()),
    };
    let name: NameBuf = name.parse().map_err(|e| format!("{name}: {e}"))?;
    let name = name.to_absolute().map_err(|e| format!("{name}: {e}"))?;
    let resolver = common::resolver(server, tcp)?;

    println!("; <<>> dnswire dig <<>> {name} {qtype}");
    let started = Instant::now();
    let answer = resolver.query_name(&name, qtype).map_err(|e| format!(";; {e}"))?;
    let elapsed = started.elapsed();
    println!(";; Got answer:");
    print!("{}", answer.message);
    println!(";; Query time: {} msec", elapsed.as_millis());
    let transport = match answer.transport {
        Transport::Udp => "UDP",
        Transport::Tcp => "TCP",
    };
    println!(";; SERVER: {}#{}({}) ({transport})", answer.server.ip(), answer.server.port(), answer.server.ip());
    println!(";; MSG SIZE  rcvd: {}", answer.message.as_bytes().len());
    Ok(())
}

fn main() -> ExitCode {
    common::main_with(run)
}
