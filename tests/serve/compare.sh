#!/usr/bin/env bash
# Usage: tests/serve/compare.sh
# Starts knotd and examples/serve.rs on 127.0.0.1 high ports with the same
# zones (tests/serve/serve.test.zone, tests/interop/mail.test.zone), asks
# both the queries of compare.py with dig and kdig, and requires the same
# answers. Servers stopped by PID on exit. Needs: knot, dig, kdig.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/tests/servers.sh"
KNOT=${SERVE_KNOT_PORT:-23581} SERVE=${SERVE_PORT:-23582}
mkdir -p "$work/knot/db" "$work/zones"
cp "$here/serve.test.zone" "$root/tests/interop/mail.test.zone" "$work/zones/"
{
    knot_server "$KNOT" "$work/knot"
    cat <<CONF
acl:
  - id: local
    address: 127.0.0.1
    action: transfer
template:
  - id: default
    storage: $work/zones
    semantic-checks: off
    zonefile-sync: -1
    journal-content: none
    acl: local
zone:
  - domain: serve.test.
    file: serve.test.zone
  - domain: mail.test.
    file: mail.test.zone
CONF
} > "$work/knot/knot.conf"
(cd "$root" && cargo build -q --example serve)
start knotd -c "$work/knot/knot.conf"
start "$root/target/debug/examples/serve" --listen "127.0.0.1:$SERVE" "$work/zones/serve.test.zone" "$work/zones/mail.test.zone"
wait_for "$KNOT" www.serve.test. A 192.0.2.80
wait_for "$SERVE" www.serve.test. A 192.0.2.80
python3 "$here/compare.py" "$KNOT" "$SERVE"
python3 "$here/hostile.py" "$KNOT" "$SERVE"
