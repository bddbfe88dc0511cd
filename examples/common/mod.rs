//! What the resolver examples share: reading `@server[:port]`.

use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;

use dnswire::resolver::{Config, Resolver};

/// Reads `@addr`, `@addr:port`, `@[v6]:port` or `@v6` (port 53 by default).
pub fn parse_server(text: &str) -> Result<SocketAddr, String> {
    let text = text.strip_prefix('@').unwrap_or(text);
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    let bare = text.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>().map(|ip| SocketAddr::new(ip, 53)).map_err(|_| format!("not a server address: {text}"))
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
