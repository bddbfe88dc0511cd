#!/usr/bin/env bash
# Usage: capture.sh [OUTDIR]   (default: this directory, tests/data/edns)
#
# Captures responses that carry EDNS options from real servers: knotd 3.2
# serving edns.example. (NSID, client subnet, cookies from mod-cookies)
# and named 9.18 as its secondary (NSID, cookies, TCP keepalive, padding
# to 468-byte blocks, EXPIRE, EDE 18 for refused.example., BADVERS). Each
# server sits behind the recording proxy (../capture/proxy.py); per
# question it stores NAME.bin (the response's exact bytes) and NAME.dig
# (what dig printed for them). dig sends its own cookie here, so its
# COOKIE lines end in "(good)": tests/edns.rs knows. Cookies and EXPIRE
# differ from run to run. Loopback only; servers stopped by PID on exit.
# Needs: knot, bind9, bind9-dnsutils (dig), python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${1:-$here}
mkdir -p "$data"
data=$(cd "$data" && pwd)
source "$here/../../servers.sh"

KNOT_PORT=${KNOT_PORT:-23651} BIND_PORT=${BIND_PORT:-23652}
KNOT_PROXY=${KNOT_PROXY:-23661} BIND_PROXY=${BIND_PROXY:-23662}
mkdir -p "$work/knot/db" "$work/bind"

cat > "$work/knot/knot.conf" <<CONF
server:
    listen: 127.0.0.1@$KNOT_PORT
    rundir: $work/knot
    pidfile: $work/knot/knot.pid
    nsid: dnswire-knot
    edns-client-subnet: on
database:
    storage: $work/knot/db
log:
  - target: stderr
    any: warning
acl:
  - id: transfer
    address: 127.0.0.1
    action: transfer
template:
  - id: default
    storage: $here
    semantic-checks: off
    zonefile-sync: -1
    journal-content: none
    global-module: mod-cookies
zone:
  - domain: edns.example.
    file: edns.example.zone
    acl: transfer
CONF

cat > "$work/bind/named.conf" <<CONF
options {
    directory "$work/bind";
    pid-file "$work/bind/named.pid";
    listen-on port $BIND_PORT { 127.0.0.1; };
    listen-on-v6 { none; };
    recursion no;
    dnssec-validation no;
    notify no;
    server-id "dnswire-bind";
    // RFC 8467's block for responses, to clients that pad (over TCP).
    response-padding { any; } block-size 468;
    // 10 s, in units of 100 ms (RFC 7828).
    tcp-advertised-timeout 100;
};
controls { };
zone "edns.example" {
    type secondary;
    primaries { 127.0.0.1 port $KNOT_PORT; };
    file "$work/bind/edns.example.zone";
};
zone "refused.example" {
    type primary;
    file "$here/refused.example.zone";
    allow-query { none; };
};
CONF

start knotd -c "$work/knot/knot.conf"
wait_for "$KNOT_PORT" edns.example A 192.0.2.1
# named logs to stderr with -g; keep that out of the way.
start sh -c 'exec named -g -c "$1" 2> "$2"' named "$work/bind/named.conf" "$work/bind/named.log"
wait_for "$BIND_PORT" edns.example A 192.0.2.1
start /usr/bin/python3 "$here/../capture/proxy.py" "$KNOT_PROXY" "$KNOT_PORT" "$work/knot.bin"
start /usr/bin/python3 "$here/../capture/proxy.py" "$BIND_PROXY" "$BIND_PORT" "$work/bind.bin"
wait_for "$KNOT_PROXY" edns.example A 192.0.2.1
wait_for "$BIND_PROXY" edns.example A 192.0.2.1

# capture FIXTURE SERVER DIG-ARGS...
capture() {
    local fixture=$1 server=$2; shift 2
    local port=$KNOT_PROXY
    [ "$server" = bind ] && port=$BIND_PROXY
    rm -f "$work/$server.bin"
    dig -p "$port" @127.0.0.1 +tries=1 +time=5 "$@" > "$data/$fixture.dig"
    cp "$work/$server.bin" "$data/$fixture.bin"
    echo "captured $fixture ($(stat -c %s "$data/$fixture.bin") bytes)"
}

capture knot-nsid-subnet-cookie  knot +nsid +subnet=192.0.2.77/24 edns.example A
capture knot-subnet-v6           knot +subnet=2001:db8:1234:5678::1/56 www.edns.example AAAA
capture knot-subnet-zero         knot +nocookie +subnet=0 edns.example A
capture bind-tcp-padding         bind +tcp +nsid +keepalive +padding=468 edns.example MX
capture bind-expire              bind +nocookie +expire edns.example SOA
capture bind-prohibited          bind refused.example A
capture bind-badvers             bind +nocookie +edns=1 +noednsnegotiation edns.example A
capture bind-subnet              bind +nocookie +subnet=198.51.100.0/24 edns.example A

# What each capture is for: the lines dig must have printed.
expect() {
    grep -qF -- "$2" "$data/$1.dig" || { echo "capture.sh: $1.dig lacks: $2" >&2; exit 1; }
}
expect knot-nsid-subnet-cookie '; NSID: 64 6e 73 77 69 72 65 2d 6b 6e 6f 74 ("dnswire-knot")'
expect knot-nsid-subnet-cookie '; CLIENT-SUBNET: 192.0.2.0/24/0'
expect knot-nsid-subnet-cookie ' (good)'
expect knot-subnet-v6 '; CLIENT-SUBNET: 2001:db8:1234:5600::/56/0'
# dig +subnet=0 asks with FAMILY 1 and a source prefix of 0.
expect knot-subnet-zero '; CLIENT-SUBNET: 0.0.0.0/0/0'
expect bind-tcp-padding '; TCP KEEPALIVE: 10.0 secs'
expect bind-tcp-padding ';; MSG SIZE  rcvd: 468'
expect bind-expire '; EXPIRE: '
expect bind-prohibited '; EDE: 18 (Prohibited)'
expect bind-badvers 'status: BADVERS'
expect bind-subnet '; CLIENT-SUBNET: 198.51.100.0/24/0'
