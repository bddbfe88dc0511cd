#!/usr/bin/env bash
# Usage: capture.sh [OUTDIR]   (default: benches/data)
#
# Regenerates the benchmark's larger responses: starts knotd on a 127.0.0.1
# high port with example.org.zone (signed on load with RSA-2048 keys), puts
# the recording proxy of tests/data/capture in front of it, asks each
# question with dig and stores the response's exact bytes as NAME.bin.
# Signatures change with every run; the shapes do not. Loopback only.
# Needs: knot, bind9-dnsutils (dig), python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${1:-$(dirname "$here")}
mkdir -p "$data"
data=$(cd "$data" && pwd)
root=$(cd "$here/../../.." && pwd)
source "$root/tests/servers.sh"

PORT=${BENCH_KNOT_PORT:-23561} PROXY=${BENCH_PROXY_PORT:-23562}

mkdir -p "$work/knot/keys" "$work/knot/db"
sed -e "s|@PORT@|$PORT|g" -e "s|@DIR@|$work/knot|g" -e "s|@ZONES@|$here|g" \
    "$here/knot.conf.in" > "$work/knot/knot.conf"
start knotd -c "$work/knot/knot.conf"
start /usr/bin/python3 "$root/tests/data/capture/proxy.py" "$PROXY" "$PORT" "$work/response.bin"
# The zone loads only once signed; then it answers through the proxy.
wait_for "$PROXY" mx1.example.org A 192.0.2.25

# capture NAME DIG-ARGS...
capture() {
    local name=$1; shift
    rm -f "$work/response.bin"
    dig -p "$PROXY" @127.0.0.1 +nocookie "$@" > /dev/null
    cp "$work/response.bin" "$data/$name.bin"
    echo "captured $name ($(stat -c %s "$data/$name.bin") bytes)"
}

capture org-mx-glue          example.org MX
capture org-mx-glue-dnssec   +dnssec example.org MX
capture org-farm-a           farm.example.org A
capture org-farm-a-dnssec    +dnssec +tcp farm.example.org A
capture org-farm-aaaa        farm.example.org AAAA
capture org-cname-chain      www.example.org A
capture org-cname-chain-dnssec +dnssec +tcp www.example.org AAAA
capture org-ns-glue          example.org NS
capture org-ns-glue-dnssec   +dnssec example.org NS
capture org-dnskey-dnssec    +dnssec example.org DNSKEY
capture org-soa-dnssec       +dnssec example.org SOA
capture org-nxdomain-dnssec  +dnssec nosuchhost.example.org A
capture org-nodata-dnssec    +dnssec mx1.example.org TXT
capture org-spf              example.org TXT
capture org-dkim             selector1._domainkey.example.org TXT
capture org-dkim-dnssec      +dnssec selector1._domainkey.example.org TXT
capture org-srv-xmpp         _xmpp-server._tcp.example.org SRV
capture org-srv-imaps-dnssec +dnssec _imaps._tcp.example.org SRV
capture org-a                example.org A
capture org-mx1-aaaa         mx1.example.org AAAA
