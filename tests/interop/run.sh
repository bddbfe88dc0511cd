#!/usr/bin/env bash
# Runs tests/interop.rs against real servers on 127.0.0.1: knotd, NSD and
# BIND's named serving mail.test.zone (authoritative), and unbound in front
# of knotd (recursive), all started here on high ports and stopped by PID
# on exit. Extra arguments go to `cargo test`. Needs: knot, nsd, bind9,
# unbound, bind9-dnsutils.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/../servers.sh"

KNOT_PORT=${KNOT_PORT:-23551}
UNBOUND_PORT=${UNBOUND_PORT:-23552}
NSD_PORT=${NSD_PORT:-23553}
BIND_PORT=${BIND_PORT:-23554}
fill() {
    sed -e "s|@KNOT_PORT@|$KNOT_PORT|g" -e "s|@UNBOUND_PORT@|$UNBOUND_PORT|g" \
        -e "s|@NSD_PORT@|$NSD_PORT|g" -e "s|@BIND_PORT@|$BIND_PORT|g" \
        -e "s|@DIR@|$work|g" -e "s|@ZONES@|$here|g" "$1"
}
mkdir -p "$work/db"
fill "$here/knot.conf.in" > "$work/knot.conf"
fill "$here/unbound.conf.in" > "$work/unbound.conf"
fill "$here/nsd.conf.in" > "$work/nsd.conf"
fill "$here/named.conf.in" > "$work/named.conf"
start knotd -c "$work/knot.conf"
start unbound -c "$work/unbound.conf"
start nsd -d -c "$work/nsd.conf"
# named logs to stderr with -g; keep that out of the way.
start sh -c 'exec named -g -c "$1" 2> "$2"' named "$work/named.conf" "$work/named.log"
wait_for "$KNOT_PORT" host.mail.test A 192.0.2.10
wait_for "$UNBOUND_PORT" host.mail.test A 192.0.2.10
wait_for "$NSD_PORT" host.mail.test A 192.0.2.10
wait_for "$BIND_PORT" host.mail.test A 192.0.2.10

cd "$root"
DNSWIRE_INTEROP_KNOT="127.0.0.1:$KNOT_PORT" DNSWIRE_INTEROP_UNBOUND="127.0.0.1:$UNBOUND_PORT" \
    DNSWIRE_INTEROP_NSD="127.0.0.1:$NSD_PORT" DNSWIRE_INTEROP_BIND="127.0.0.1:$BIND_PORT" \
    cargo test --all-features --test interop "$@" -- --ignored --nocapture --test-threads=1
