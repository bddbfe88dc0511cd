//! What the resolver examples share: reading `@server[:port]`.
// Each example uses some of these, not all.
#![allow(dead_code)]

use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;

use dnswire::resolver::{Config, Resolver};

/// Reads `@addr`, `@addr:port`, `@[v6]:port`, `@[v6]` or `@v6`: the
/// address, and the port if one is given.
pub fn parse_server_parts(text: &str) -> Result<(IpAddr, Option<u16>), String> {
    let text = text.strip_prefix('@').unwrap_or(text);
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok((addr.ip(), Some(addr.port())));
    }
    let bare = text.strip_prefix('[').and_then(|inner| inner.strip_suffix(']')).unwrap_or(text);
    bare.parse::<IpAddr>().map(|ip| (ip, None)).map_err(|_| format!("not a server address: {text}"))
}

/// Reads `@addr`, `@addr:port`, `@[v6]:port` or `@v6` (port 53 by default).
pub fn parse_server(text: &str) -> Result<SocketAddr, String> {
    let (ip, port) = parse_server_parts(text)?;
    Ok(SocketAddr::new(ip, port.unwrap_or(53)))
}

/// A resolver for `server`, or the system's (/etc/resolv.conf) without one.
pub fn resolver(server: Option<SocketAddr>, tcp: bool) -> Result<Resolver, String> {
    let mut config = match server {
        Some(server) => Config::new([server]),
        None => Config::system().map_err(|e| format!("/etc/resolv.conf: {e}"))?,
    };
    config.tcp_only |= tcp;
    Ok(Resolver::new(config))
}

/// Runs an example's body: its error, if any, on stderr and exit status 1.
pub fn main_with(run: fn() -> Result<(), String>) -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
