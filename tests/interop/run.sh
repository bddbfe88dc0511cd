#!/usr/bin/env bash
# Runs tests/interop.rs against real servers on 127.0.0.1: knotd serving
# mail.test.zone (authoritative) and unbound in front of it (recursive),
# both started here on high ports and stopped by PID on exit.
# Extra arguments go to `cargo test`. Needs: knot, unbound, bind9-dnsutils.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/../servers.sh"

KNOT_PORT=${KNOT_PORT:-53551}
UNBOUND_PORT=${UNBOUND_PORT:-53552}
fill() {
    sed -e "s|@KNOT_PORT@|$KNOT_PORT|g" -e "s|@UNBOUND_PORT@|$UNBOUND_PORT|g" \
        -e "s|@DIR@|$work|g" -e "s|@ZONES@|$here|g" "$1"
}
fill "$here/knot.conf.in" > "$work/knot.conf"
fill "$here/unbound.conf.in" > "$work/unbound.conf"
start knotd -c "$work/knot.conf"
start unbound -c "$work/unbound.conf"
wait_for "$KNOT_PORT" host.mail.test A 192.0.2.10
wait_for "$UNBOUND_PORT" host.mail.test A 192.0.2.10

cd "$root"
DNSWIRE_INTEROP_KNOT="127.0.0.1:$KNOT_PORT" DNSWIRE_INTEROP_UNBOUND="127.0.0.1:$UNBOUND_PORT" \
    DNSWIRE_INTEROP_REQUIRED=1 cargo test --all-features --test interop "$@" -- --nocapture --test-threads=1
