#!/usr/bin/env bash
# Usage: transfers.sh [OUTFILE]   (default: benches/data/transfers.tcp)
#
# Regenerates the transfers corpus: writes two deep zones (transfers.py:
# an ip6.arpa reverse zone and names up to 40 labels deep), serves them
# from knotd, NSD and BIND's named on 127.0.0.1 high ports, and stores each
# server's AXFR of both (every message) and a few answers, framed as on DNS
# over TCP, in OUTFILE. The parser's unit tests check that real compression
# like this stays far inside the work budget. Loopback only; servers
# stopped by PID on exit. Needs: knot, nsd, bind9, python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../transfers.tcp}
root=$(cd "$here/../../.." && pwd)
source "$root/tests/servers.sh"

KNOT=${TRANSFERS_KNOT_PORT:-23571} NSD=${TRANSFERS_NSD_PORT:-23572} BIND=${TRANSFERS_BIND_PORT:-23573}
mkdir -p "$work/zones" "$work/knot/db" "$work/nsd" "$work/named"
zones=$(python3 "$here/transfers.py" zones "$work/zones")

{
    printf 'server:\n    listen: 127.0.0.1@%s\n    rundir: %s\n    pidfile: %s/knot.pid\n' "$KNOT" "$work/knot" "$work/knot"
    printf 'database:\n    storage: %s/db\nlog:\n  - target: stderr\n    any: warning\n' "$work/knot"
    printf 'acl:\n  - id: any\n    address: 127.0.0.1\n    action: transfer\n'
    printf 'template:\n  - id: default\n    storage: %s\n    semantic-checks: off\n    zonefile-sync: -1\n    journal-content: none\n    acl: any\nzone:\n' "$work/zones"
    for zone in $zones; do printf '  - domain: %s\n    file: %s.zone\n' "$zone" "${zone%.}"; done
} > "$work/knot/knot.conf"
{
    printf 'server:\n    ip-address: 127.0.0.1@%s\n    port: %s\n    zonesdir: %s\n' "$NSD" "$NSD" "$work/zones"
    printf '    pidfile: %s/nsd.pid\n    database: ""\n    zonelistfile: %s/zone.list\n' "$work/nsd" "$work/nsd"
    printf '    xfrdfile: %s/xfrd.state\n    xfrdir: %s\n    username: ""\n    chroot: ""\n    verbosity: 0\n    server-count: 1\n' "$work/nsd" "$work/nsd"
    printf 'remote-control:\n    control-enable: no\n'
    for zone in $zones; do printf 'zone:\n    name: %s\n    zonefile: %s.zone\n    provide-xfr: 127.0.0.1 NOKEY\n' "$zone" "${zone%.}"; done
} > "$work/nsd/nsd.conf"
{
    named_server "$BIND" "$work/named" 'allow-transfer { 127.0.0.1; };'
    for zone in $zones; do printf 'zone "%s" { type primary; file "%s/%s.zone"; };\n' "$zone" "$work/zones" "${zone%.}"; done
} > "$work/named/named.conf"

start knotd -c "$work/knot/knot.conf"
start nsd -d -c "$work/nsd/nsd.conf"
# named logs to stderr with -g; keep that out of the way.
start sh -c 'exec named -g -c "$1" 2> "$2"' named "$work/named/named.conf" "$work/named/named.log"
python3 "$here/transfers.py" wait "$KNOT" "$NSD" "$BIND"
python3 "$here/transfers.py" ask "$out" "knotd:$KNOT" "nsd:$NSD" "named:$BIND"
