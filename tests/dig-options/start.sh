# Sourced by compare.sh (after tests/servers.sh): starts knotd (dig.test.
# signed on load, the reverse zones, AXFR allowed), named (the same zones
# unsigned, NSID, cookies), a second named that requires server cookies,
# and unbound (recursive, validating dig.test. with knotd's key, the zones
# stubbed to knotd) on 127.0.0.1, and waits for them. Needs $here, $work,
# KNOT, BIND, BIND_COOKIE, UNBOUND; named listens on ::1 too unless $ipv6
# is --no-ipv6.
zones="dig.test 2.0.192.in-addr.arpa 8.b.d.0.1.0.0.2.ip6.arpa"
mkdir -p "$work/knot/db" "$work/zones" "$work/named" "$work/unbound"
for zone in $zones; do cp "$here/$zone.zone" "$work/zones/"; done
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
    zonefile-load: difference
    journal-content: changes
    acl: local
zone:
  - domain: dig.test.
    file: dig.test.zone
    dnssec-signing: on
CONF
    for zone in $zones; do
        [ "$zone" = dig.test ] || printf '  - domain: %s.\n    file: %s.zone\n' "$zone" "$zone"
    done
} > "$work/knot/knot.conf"
{
    cat <<CONF
options {
    directory "$work/named";
    pid-file "$work/named/named.pid";
    listen-on port $BIND { 127.0.0.1; };
    $([ "${ipv6:-}" = --no-ipv6 ] && echo 'listen-on-v6 { none; };' || echo "listen-on-v6 port $BIND { ::1; };")
    recursion no;
    dnssec-validation no;
    server-id "dig-options-named";
    answer-cookie yes;
};
controls { };
CONF
    for zone in $zones; do
        printf 'zone "%s" { type primary; file "%s/zones/%s.zone"; };\n' "$zone" "$work" "$zone"
    done
} > "$work/named/named.conf"
# A second named that wants the client to show its cookie (RFC 7873 §5.2.3:
# BADCOOKIE to a query with a client cookie only): dig asks again with it.
mkdir -p "$work/named-cookie"
cat > "$work/named-cookie/named.conf" <<CONF
options {
    directory "$work/named-cookie";
    pid-file "$work/named-cookie/named.pid";
    listen-on port $BIND_COOKIE { 127.0.0.1; };
    listen-on-v6 { none; };
    recursion no;
    dnssec-validation no;
    require-server-cookie yes;
};
controls { };
zone "dig.test" { type primary; file "$work/zones/dig.test.zone"; };
CONF
start knotd -c "$work/knot/knot.conf"
start sh -c 'exec named -g -c "$1" 2> "$2"' named "$work/named/named.conf" "$work/named/named.log"
start sh -c 'exec named -g -c "$1" 2> "$2"' named "$work/named-cookie/named.conf" "$work/named-cookie/named.log"
wait_for "$KNOT" host.dig.test. A 192.0.2.10
wait_for "$BIND" host.dig.test. A 192.0.2.10
wait_for "$BIND_COOKIE" host.dig.test. A 192.0.2.10
# unbound validates dig.test. with the key knotd signs it with.
key=$(dig +short +time=1 +tries=3 -p "$KNOT" @127.0.0.1 dig.test. DNSKEY)
[ -n "$key" ] || { echo "knotd has no DNSKEY for dig.test." >&2; exit 1; }
{
    unbound_server "$UNBOUND" "$work/unbound"
    cat <<CONF
    module-config: "validator iterator"
    qname-minimisation: no
    rrset-roundrobin: no
    local-zone: "test." nodefault
    local-zone: "2.0.192.in-addr.arpa." nodefault
    local-zone: "8.b.d.0.1.0.0.2.ip6.arpa." nodefault
    domain-insecure: "2.0.192.in-addr.arpa."
    domain-insecure: "8.b.d.0.1.0.0.2.ip6.arpa."
CONF
    while read -r line; do printf '    trust-anchor: "dig.test. DNSKEY %s"\n' "$line"; done <<<"$key"
    cat <<CONF
remote-control:
    control-enable: no
CONF
    for zone in $zones; do
        printf 'stub-zone:\n    name: "%s."\n    stub-addr: 127.0.0.1@%s\n' "$zone" "$KNOT"
    done
} > "$work/unbound/unbound.conf"
start unbound -c "$work/unbound/unbound.conf"
wait_for "$UNBOUND" host.dig.test. A 192.0.2.10
