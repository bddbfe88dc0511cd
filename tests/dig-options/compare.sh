#!/usr/bin/env bash
# Usage: tests/dig-options/compare.sh
# examples/dig.rs beside real dig (BIND 9.18): starts knotd (dig.test.
# signed, reverse zones, AXFR), named (NSID, cookies, also on ::1), a named
# that requires cookies (BADCOOKIE) and unbound (recursive, validating) on
# 127.0.0.1 high ports (start.sh), a server that never answers and a port
# where none listens, then
# compare.py asks each case of dig and of the example with the same
# arguments and requires the same output. Servers stopped by PID on exit.
# Needs: knot, bind9, unbound, bind9-dnsutils (dig), python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/tests/servers.sh"
KNOT=${DIG_OPTIONS_KNOT_PORT:-23591} BIND=${DIG_OPTIONS_BIND_PORT:-23592}
UNBOUND=${DIG_OPTIONS_UNBOUND_PORT:-23593} SILENT=${DIG_OPTIONS_SILENT_PORT:-23594}
CLOSED=${DIG_OPTIONS_CLOSED_PORT:-23595} BIND_COOKIE=${DIG_OPTIONS_BIND_COOKIE_PORT:-23596}
# The @[::1] cases need ::1 (DIG_OPTIONS_NO_IPV6=1 leaves them out too).
ipv6=
if [ -n "${DIG_OPTIONS_NO_IPV6:-}" ] \
    || ! python3 -c 'import socket; socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).bind(("::1", 0))' 2>/dev/null; then
    ipv6=--no-ipv6
fi
(cd "$root" && cargo build -q --example dig)
example="${CARGO_TARGET_DIR:-$root/target}/debug/examples/dig"
source "$here/start.sh"
# Takes datagrams and connections on SILENT and answers none of them.
start python3 -c '
import socket, sys, time
port = int(sys.argv[1])
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp.bind(("127.0.0.1", port))
tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
tcp.bind(("127.0.0.1", port))
tcp.listen(16)
time.sleep(600)
' "$SILENT"
# Nothing may listen on CLOSED: its cases are about refused connections.
if python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$CLOSED" 2>/dev/null; then
    echo "something listens on 127.0.0.1:$CLOSED" >&2
    exit 1
fi
python3 "$here/compare.py" "$example" "$KNOT" "$BIND" "$UNBOUND" "$SILENT" "$CLOSED" "$BIND_COOKIE" $ipv6
