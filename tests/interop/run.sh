#!/usr/bin/env bash
# Runs tests/interop.rs against real servers on 127.0.0.1: knotd serving
# mail.test.zone (authoritative) and unbound in front of it (recursive),
# both started here on high ports and stopped by PID on exit.
# Extra arguments go to `cargo test`. Needs: knot, unbound, bind9-dnsutils.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

KNOT_PORT=${KNOT_PORT:-53551}
UNBOUND_PORT=${UNBOUND_PORT:-53552}
fill() {
    sed -e "s|@KNOT_PORT@|$KNOT_PORT|g" -e "s|@UNBOUND_PORT@|$UNBOUND_PORT|g" \
        -e "s|@DIR@|$work|g" -e "s|@ZONES@|$here|g" "$1"
}
fill "$here/knot.conf.in" > "$work/knot.conf"
fill "$here/unbound.conf.in" > "$work/unbound.conf"
knotd -c "$work/knot.conf" & pids+=($!)
unbound -c "$work/unbound.conf" & pids+=($!)

ready() {
    [ "$(dig +short +time=1 +tries=1 -p "$1" @127.0.0.1 host.mail.test A 2>/dev/null)" = "192.0.2.10" ]
}
for port in "$KNOT_PORT" "$UNBOUND_PORT"; do
    for _ in $(seq 50); do
        ready "$port" && break
        sleep 0.2
    done
    ready "$port" || { echo "no server answering for mail.test on 127.0.0.1:$port" >&2; exit 1; }
done

cd "$root"
DNSWIRE_INTEROP_KNOT="127.0.0.1:$KNOT_PORT" DNSWIRE_INTEROP_UNBOUND="127.0.0.1:$UNBOUND_PORT" \
    DNSWIRE_INTEROP_REQUIRED=1 cargo test --all-features --test interop "$@" -- --nocapture --test-threads=1
