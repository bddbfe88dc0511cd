#!/usr/bin/env bash
# Usage: tests/mail/check.sh
# examples/mx.rs (the MX checker, --json) beside real dig: knotd, NSD and
# BIND's named serve broken.test. (one subdomain per mail misconfiguration),
# its two reverse zones, and signed.test. and bogus.test. (signed here with
# dnssec-signzone, keys made on each run; bogus.test.'s MX signature and
# signed.test.'s TLSA signature of dane.signed.test.'s exchange altered);
# unbound validates the two signed zones with their keys as trust anchors,
# every zone stubbed to the servers here. Every zone is checked with
# named-checkzone first. expect.py asks dig what each server says for each
# domain and turns it into the findings the rules of RFC 5321, 7505, 6761,
# 2181, 7208, 7489, 8461, 8460, 6698 and 7672 give, then runs the example on
# the same server and compares. All on 127.0.0.1 high ports; servers
# stopped by PID on exit.
# Needs: knot, nsd, bind9, bind9-utils, unbound, bind9-dnsutils (dig), python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/tests/servers.sh"
KNOT=${MAIL_KNOT_PORT:-23621} NSD=${MAIL_NSD_PORT:-23622}
BIND=${MAIL_BIND_PORT:-23623} UNBOUND=${MAIL_UNBOUND_PORT:-23624}

(cd "$root" && cargo build -q --example mx)
example="${CARGO_TARGET_DIR:-$root/target}/debug/examples/mx"

plain="broken.test 53.128.100.in-addr.arpa 3.5.0.0.0.0.2.0.1.0.0.2.ip6.arpa"
signed="signed.test bogus.test"
zones="$work/zones"
mkdir -p "$zones" "$work/keys" "$work/knot/db" "$work/nsd" "$work/named" "$work/unbound"
for zone in $plain; do cp "$here/$zone.zone" "$zones/"; done

# Sign signed.test.zone as signed.test. and as bogus.test.: one ECDSA P-256
# key each, signing everything (-z), one record a line (-O full).
for zone in $signed; do
    dnssec-keygen -q -K "$work/keys" -a ECDSAP256SHA256 -f KSK -n ZONE "$zone" > /dev/null
    dnssec-signzone -q -z -S -K "$work/keys" -d "$work/keys" -O full -o "$zone" -f "$zones/$zone.zone" \
        -s now-3600 -e now+86400 "$here/signed.test.zone" > /dev/null
done
# Alter one signature byte: bogus.test.'s MX RRSIG and the RRSIG of
# _25._tcp.mx2.signed.test.'s TLSA records. The base64 stays valid.
python3 - "$zones" <<'PY'
import sys
zones = sys.argv[1]
for zone, owner, covered in [("bogus.test", "bogus.test.", "MX"), ("signed.test", "_25._tcp.mx2.signed.test.", "TLSA")]:
    path = f"{zones}/{zone}.zone"
    lines = open(path).read().split("\n")
    altered = 0
    for i, line in enumerate(lines):
        fields = line.split()
        if len(fields) > 13 and fields[0] == owner and fields[3] == "RRSIG" and fields[4] == covered:
            signature = fields[13]
            flipped = ("B" if signature[10] == "A" else "A") + signature[11:]
            lines[i] = line.replace(signature, signature[:10] + flipped, 1)
            altered += 1
    if altered != 1:
        sys.exit(f"{zone}: {altered} RRSIGs of {owner} {covered} altered, wanted 1")
    open(path, "w").write("\n".join(lines))
PY

# Every zone as the servers will load it; named-checkzone fails on errors
# (warnings, such as the MX to an address and the MX to a CNAME, are the
# point of broken.test.).
for zone in $plain $signed; do
    named-checkzone -q "$zone" "$zones/$zone.zone" || {
        named-checkzone "$zone" "$zones/$zone.zone" >&2 || true
        echo "named-checkzone: $zone has errors" >&2
        exit 1
    }
done
# What the missing trailing dot made of doubled.broken.test.'s exchange.
doubled=$(named-checkzone -D -o - broken.test "$zones/broken.test.zone" 2> /dev/null | grep '^doubled\.broken\.test\..*MX')
echo "mail: named-checkzone reads doubled's MX as: $(echo $doubled)"

{
    knot_server "$KNOT" "$work/knot"
    cat <<CONF
template:
  - id: default
    storage: $zones
    semantic-checks: off
    zonefile-sync: -1
    journal-content: none
zone:
CONF
    for zone in $plain $signed; do printf '  - domain: %s.\n    file: %s.zone\n' "$zone" "$zone"; done
} > "$work/knot/knot.conf"
{
    cat <<CONF
server:
    ip-address: 127.0.0.1@$NSD
    port: $NSD
    zonesdir: $zones
    pidfile: $work/nsd/nsd.pid
    database: ""
    zonelistfile: $work/nsd/zone.list
    xfrdfile: $work/nsd/xfrd.state
    xfrdir: $work/nsd
    username: ""
    chroot: ""
    verbosity: 0
    server-count: 1
remote-control:
    control-enable: no
CONF
    for zone in $plain $signed; do printf 'zone:\n    name: %s.\n    zonefile: %s.zone\n' "$zone" "$zone"; done
} > "$work/nsd/nsd.conf"
{
    named_server "$BIND" "$work/named"
    for zone in $plain $signed; do
        printf 'zone "%s" { type primary; file "%s/%s.zone"; };\n' "$zone" "$zones" "$zone"
    done
} > "$work/named/named.conf"
start knotd -c "$work/knot/knot.conf"
start nsd -d -c "$work/nsd/nsd.conf"
start sh -c 'exec named -g -c "$1" 2> "$2"' named "$work/named/named.conf" "$work/named/named.log"
for port in "$KNOT" "$NSD" "$BIND"; do
    wait_for "$port" mx1.good.broken.test. A 100.128.53.1
    wait_for "$port" mx.signed.test. A 100.128.53.40
    wait_for "$port" mx.bogus.test. A 100.128.53.40
done

# unbound: validating, with each signed zone's DNSKEY (as NSD serves it) for
# its trust anchor. Every zone here is stubbed to knotd, and so is the root,
# so that nothing unbound looks for leaves 127.0.0.1 (knotd refuses what it
# does not serve).
{
    unbound_server "$UNBOUND" "$work/unbound"
    cat <<CONF
    module-config: "validator iterator"
    qname-minimisation: no
    local-zone: "test." nodefault
CONF
    for zone in $signed; do
        key=$(dig +short +time=1 +tries=3 -p "$NSD" @127.0.0.1 "$zone." DNSKEY)
        [ -n "$key" ] || { echo "NSD has no DNSKEY for $zone." >&2; exit 1; }
        while read -r line; do printf '    trust-anchor: "%s. DNSKEY %s"\n' "$zone" "$line"; done <<<"$key"
    done
    cat <<CONF
remote-control:
    control-enable: no
CONF
    for zone in . $plain $signed; do
        printf 'stub-zone:\n    name: "%s"\n    stub-addr: 127.0.0.1@%s\n' "$zone" "$KNOT"
    done
} > "$work/unbound/unbound.conf"
start unbound -c "$work/unbound/unbound.conf"
wait_for "$UNBOUND" mx1.good.broken.test. A 100.128.53.1

status=0
python3 "$here/expect.py" "$example" \
    --csv "$root/tests/data/mail/special-purpose.csv" \
    --server "knot=$KNOT" --server "nsd=$NSD" --server "bind=$BIND" --validating "unbound=$UNBOUND" || status=$?

# MAIL_SAMPLES=1 prints the checker's JSON for three domains (as the
# closing notes of the mail issues quote it).
if [ -n "${MAIL_SAMPLES:-}" ]; then
    for args in "@127.0.0.1:$KNOT clean.broken.test" "@127.0.0.1:$KNOT private.broken.test" \
        "@127.0.0.1:$UNBOUND --dnssec bogus.test" "@127.0.0.1:$UNBOUND --dnssec signed.test"; do
        echo "mail sample: mx --json $args"
        "$example" --json $args || echo "(exit $?)"
    done
fi
exit $status
