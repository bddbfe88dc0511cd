#!/usr/bin/env bash
# Usage: realistic.sh [OUTFILE]   (default: benches/data/realistic.tcp)
#
# Regenerates the benchmark's realistic corpus: writes 30 zones (realistic.py),
# starts knotd on a 127.0.0.1 high port serving them (two thirds signed on
# load, RSA-2048 or ECDSA P-256), then NSD and BIND's named serving the
# signed zone files knotd writes back; asks each zone's 27 questions, the
# three servers taking turns, and stores every response, framed as on DNS
# over TCP, in OUTFILE. Signatures change with every run; the shapes do not.
# Loopback only. Needs: knot, nsd, bind9, python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../realistic.tcp}
root=$(cd "$here/../../.." && pwd)
source "$root/tests/servers.sh"

PORT=${BENCH_KNOT_PORT:-23563} NSD_PORT=${BENCH_NSD_PORT:-23564} BIND_PORT=${BENCH_BIND_PORT:-23565}

mkdir -p "$work/knot/keys" "$work/knot/db" "$work/zones" "$work/nsd" "$work/named"
{
    cat <<CONF
server:
    listen: 127.0.0.1@$PORT
    rundir: $work/knot
    pidfile: $work/knot/knot.pid
    identity: dnswire-bench
database:
    storage: $work/knot/db
keystore:
  - id: default
    backend: pem
    config: $work/knot/keys
policy:
  - id: rsa
    algorithm: rsasha256
    ksk-size: 2048
    zsk-size: 2048
  - id: rsa-nsec3
    algorithm: rsasha256
    ksk-size: 2048
    zsk-size: 2048
    nsec3: on
  - id: ecdsa
    algorithm: ecdsap256sha256
log:
  - target: stderr
    any: warning
template:
  - id: default
    storage: $work/zones
    semantic-checks: off
    zonefile-sync: 0
    zonefile-load: whole
    journal-content: none
zone:
CONF
    python3 "$here/realistic.py" zones "$work/zones"
} > "$work/knot/knot.conf"
start knotd -c "$work/knot/knot.conf"
python3 "$here/realistic.py" wait "$PORT"
# knotd has written the signed zones back to their files; nsd serves those.
{
    cat <<CONF
server:
    ip-address: 127.0.0.1@$NSD_PORT
    port: $NSD_PORT
    zonesdir: $work/zones
    pidfile: $work/nsd/nsd.pid
    database: ""
    zonelistfile: $work/nsd/zone.list
    xfrdfile: $work/nsd/xfrd.state
    xfrdir: $work/nsd
    username: ""
    chroot: ""
    verbosity: 0
    identity: "dnswire-bench-nsd"
    server-count: 1
remote-control:
    control-enable: no
CONF
    for zone in "$work"/zones/*.zone; do
        name=$(basename "$zone" .zone)
        printf 'zone:\n    name: %s.\n    zonefile: %s\n' "$name" "$(basename "$zone")"
    done
} > "$work/nsd/nsd.conf"
start nsd -d -c "$work/nsd/nsd.conf"
{
    named_server "$BIND_PORT" "$work/named" 'server-id "dnswire-bench-named";'
    for zone in "$work"/zones/*.zone; do
        printf 'zone "%s." { type primary; file "%s"; };\n' "$(basename "$zone" .zone)" "$zone"
    done
} > "$work/named/named.conf"
# named logs to stderr with -g; keep that out of the way.
start sh -c 'exec named -g -c "$1" 2> "$2"' named "$work/named/named.conf" "$work/named/named.log"
python3 "$here/realistic.py" ask "$PORT" "$NSD_PORT" "$BIND_PORT" "$out"
