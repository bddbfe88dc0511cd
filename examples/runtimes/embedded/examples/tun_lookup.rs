//! The no_std lookup of dnswire-smoltcp on a Linux host, over a TUN
//! device: smoltcp's own IP stack on one side, the kernel (and a real DNS
//! server) on the other. The main loop is what firmware would run, with
//! the host's clock and `phy::wait` for the sleep.
//!
//! ```text
//! ip tuntap add dev tun0 mode tun && ip addr add 10.53.0.1/24 dev tun0 && ip link set tun0 up
//! cargo run -p dnswire-smoltcp --example tun_lookup -- tun0 10.53.0.2/24 @10.53.0.1:53 host.mail.test A
//! ```
//! examples/runtimes/run.sh does this in a network namespace of its own,
//! against knotd. Prints the answer records as dig does; the attempt that
//! answered goes to stderr.

use std::os::fd::AsRawFd;
use std::task::Poll;

use dnswire::stub::{OsRandom, Query, RandomSource};
use dnswire::{NameBuf, Rtype};
use dnswire_smoltcp::Lookup;
use smoltcp::iface::{Config, Interface, SocketSet};
use smoltcp::phy::{wait, Medium, TunTapInterface};
use smoltcp::socket::{tcp, udp};
use smoltcp::time::Instant;
use smoltcp::wire::{HardwareAddress, IpCidr, IpEndpoint};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [tun, address, server, name, qtype] = &args[..] else {
        return Err("usage: tun_lookup TUN ADDRESS/PREFIX @SERVER:PORT NAME TYPE".into());
    };
    let address: IpCidr = address.parse().map_err(|_| "ADDRESS/PREFIX")?;
    let server: IpEndpoint = server.strip_prefix('@').and_then(|s| s.parse().ok()).ok_or("@SERVER:PORT")?;
    let query = Query::new(name.parse::<NameBuf>()?.to_absolute()?, qtype.parse::<Rtype>()?, 0)?;

    let mut device = TunTapInterface::new(tun, Medium::Ip)?;
    let mut iface = Interface::new(Config::new(HardwareAddress::Ip), &mut device, Instant::now());
    iface.update_ip_addrs(|addrs| addrs.push(address).expect("one address"));
    let mut sockets = SocketSet::new(vec![]);
    let udp_buffer = || udp::PacketBuffer::new(vec![udp::PacketMetadata::EMPTY; 4], vec![0; 4096]);
    let udp = sockets.add(udp::Socket::new(udp_buffer(), udp_buffer()));
    let tcp =
        sockets.add(tcp::Socket::new(tcp::SocketBuffer::new(vec![0; 8192]), tcp::SocketBuffer::new(vec![0; 1024])));

    // A board would plug in its hardware RNG here.
    let random = |out: &mut [u8]| OsRandom.fill_bytes(out);
    let mut buffer = [0u8; 4096];
    let servers = [server];
    let mut lookup = Lookup::new(query, &servers, udp, &mut buffer, random).with_tcp(tcp);
    let result = loop {
        let now = Instant::now();
        iface.poll(now, &mut device, &mut sockets);
        if let Poll::Ready(result) = lookup.poll(&mut iface, &mut sockets, now) {
            break result;
        }
        let wake = [iface.poll_at(now, &sockets), lookup.poll_at()].into_iter().flatten().min();
        wait(device.as_raw_fd(), wake.map(|at| at - now.min(at)))?;
    };
    let message = result?;
    eprintln!(";; status: {}, {} answer records", message.rcode(), message.answers().count());
    message.answers().for_each(|record| println!("{record}"));
    if let Some((attempt, outcome)) = lookup.last_attempt() {
        eprintln!(";; server {} {:?}: {outcome:?}", attempt.server, attempt.transport);
    }
    Ok(())
}
