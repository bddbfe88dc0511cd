#!/usr/bin/env bash
# Usage: capture.sh [OUTDIR]   (default: tests/data)
#
# Regenerates the captured fixtures in OUTDIR: starts knotd and nsd on
# 127.0.0.1 high ports with the zones beside this script, puts a recording
# proxy (proxy.py) in front of each, asks each question with dig through the
# proxy and stores, per question, NAME.bin (the response's exact bytes) and
# NAME.dig (dig's own decoding of those bytes, the tests' expectation).
# Loopback only. Needs: knot, nsd, bind9-dnsutils (dig), python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${1:-$(dirname "$here")}
mkdir -p "$data"
data=$(cd "$data" && pwd)
source "$here/../../servers.sh"

KNOT_PORT=${KNOT_PORT:-23531} NSD_PORT=${NSD_PORT:-23532}
KNOT_PROXY=${KNOT_PROXY:-23541} NSD_PROXY=${NSD_PROXY:-23542}

fill() { sed -e "s|@PORT@|$2|g" -e "s|@DIR@|$3|g" -e "s|@ZONES@|$here|g" "$1"; }
mkdir -p "$work/knot" "$work/nsd"
fill "$here/knot.conf.in" "$KNOT_PORT" "$work/knot" > "$work/knot/knot.conf"
fill "$here/nsd.conf.in" "$NSD_PORT" "$work/nsd" > "$work/nsd/nsd.conf"
start knotd -c "$work/knot/knot.conf"
start nsd -d -c "$work/nsd/nsd.conf"
start /usr/bin/python3 "$here/proxy.py" "$KNOT_PROXY" "$KNOT_PORT" "$work/knot.bin"
start /usr/bin/python3 "$here/proxy.py" "$NSD_PROXY" "$NSD_PORT" "$work/nsd.bin"

# Wait until both servers answer through their proxies (so the proxies are
# listening too) with the zone's data.
wait_for "$KNOT_PROXY" mx1.example.com A 192.0.2.1
wait_for "$NSD_PROXY" mx1.example.com A 192.0.2.1

# capture FIXTURE SERVER DIG-ARGS...
capture() {
    local fixture=$1 server=$2; shift 2
    local port=$KNOT_PROXY
    [ "$server" = nsd ] && port=$NSD_PROXY
    rm -f "$work/$server.bin"
    dig -p "$port" @127.0.0.1 +nocookie "$@" > "$data/$fixture.dig"
    cp "$work/$server.bin" "$data/$fixture.bin"
    echo "captured $fixture ($(stat -c %s "$data/$fixture.bin") bytes)"
}

capture knot-mx            knot example.com MX
capture nsd-mx             nsd  example.com MX
capture knot-mx-noedns     knot +noedns example.com MX
capture knot-soa           knot example.com SOA
capture knot-ns            knot example.com NS
capture knot-aaaa          knot mx1.example.com AAAA
capture knot-cname-chain   knot www.example.com A
capture nsd-cname-chain    nsd  www.example.com A
capture knot-ptr           knot -x 192.0.2.1
capture knot-txt           knot txt.example.com TXT
capture knot-txt-odd       knot odd.example.com TXT
capture knot-txt-long      knot long.example.com TXT
capture knot-srv           knot _smtp._tcp.example.com SRV
capture nsd-srv            nsd  _sip._udp.example.com SRV
capture knot-unknown       knot unknown.example.com TYPE65280
capture knot-unknown-empty knot empty.example.com TYPE65281
capture knot-unknown-40    knot bigunknown.example.com TYPE65282
capture knot-escaped-dot   knot 'a\.b.example.com' A
capture knot-escaped-space knot 'with\032space.example.com' A
capture knot-escaped-specials knot 'sp\034\040\041\059\064\036\043*/_x.example.com' A
capture knot-escaped-8bit  knot 'hi\200\255bit.example.com' A
capture knot-label-63      knot "$(printf 'l%.0s' $(seq 63)).example.com" A
capture knot-name-255      knot "$(printf 'x%.0s' $(seq 49)).$(printf 'y%.0s' $(seq 63)).$(printf 'z%.0s' $(seq 63)).$(printf 'w%.0s' $(seq 63)).example.com" A
capture knot-nxdomain      knot nonexistent.example.com A
capture nsd-nxdomain       nsd  nonexistent.example.com MX
capture knot-nodata        knot mx1.example.com TXT
capture knot-edns-do-nsid  knot +dnssec +nsid example.com MX
capture knot-many-udp-tc   knot +noedns +ignore many.example.com A
capture knot-many-tcp      knot +tcp many.example.com A
capture nsd-many-tcp       nsd  +tcp many.example.com A
