#!/usr/bin/env bash
# Usage: types.sh [OUTDIR]   (default: tests/data)
#
# Regenerates the record-type fixtures in OUTDIR: serves types.example.zone
# DNSSEC-signed from three servers on 127.0.0.1 high ports -- knotd signing
# on load (NSEC), named serving a copy signed by dnssec-signzone (NSEC3),
# nsd serving the zone file knotd wrote back after signing -- puts the
# recording proxy (proxy.py) in front of each, asks each question with
# dig +dnssec through the proxy and stores, per question,
# types-SERVER-WHAT.bin (the response's exact bytes) and .dig (dig's own
# decoding of those bytes). types.list names every fixture; the run fails
# if what it made differs from that list, or if dig did not see what was
# meant (status, answer, RRSIG, every record typed). Keys are made afresh
# each run, so signatures differ from run to run; dig's text is captured
# with them. Loopback only; servers stopped by PID on exit. Needs: knot,
# nsd, bind9, bind9-utils (dnssec-keygen, dnssec-signzone), bind9-dnsutils
# (dig), python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${1:-$(dirname "$here")}
mkdir -p "$data"
data=$(cd "$data" && pwd)
source "$here/../../servers.sh"

KNOT_PORT=${KNOT_PORT:-23601} NSD_PORT=${NSD_PORT:-23602} BIND_PORT=${BIND_PORT:-23603}
KNOT_PROXY=${KNOT_PROXY:-23611} NSD_PROXY=${NSD_PROXY:-23612} BIND_PROXY=${BIND_PROXY:-23613}
zone=types.example
began=$(date +%s)

# Records a server cannot read in text form, and what its copy of the zone
# has instead: the same RDATA in RFC 3597 form (dig still decodes the
# answer typed). A rule matches a zone line on owner, type and first RDATA
# field; a rule that matches nothing stops the script. knotd 3.2 has no
# text form for MB, MG, MR and PX, nor the SvcParam name dohpath (key 7).
# named 9.18 reads every record as written; nsd 4.6 reads the file knotd
# writes, not this one.
REFUSED_knot='
mb MB mailhost.types.example. = TYPE7 \# 24 086d61696c686f7374057479706573076578616d706c6500
mg MG member.types.example. = TYPE8 \# 22 066d656d626572057479706573076578616d706c6500
mr MR newname.types.example. = TYPE9 \# 23 076e65776e616d65057479706573076578616d706c6500
px PX 10 = TYPE26 \# 37 000a046e657432026974000950524d442d6e6574320941444d442d7034303004432d697400
svcb SVCB 1 = TYPE64 \# 216 000103737663057479706573076578616d706c650000000004000100030001000e02683202683307666f6f2c626172000200000003000220fb00040008c0000201c0000202000500430041fe0d003d4200200020feb5f93b8de9a533a7b2a83db07b892d09353879325cfd19594a3147ff32c8be000400010001000e7075626c69632e6578616d706c6500000006002020010db800000000000000000000000120010db8000000000000000000530001000700102f646e732d71756572797b3f646e737d00080000fde8000c6f70617175652076616c7565
https HTTPS 1 = TYPE65 \# 198 00010000000004000100030001000e02683202683307666f6f2c626172000200000003000220fb00040008c0000201c0000202000500430041fe0d003d4200200020feb5f93b8de9a533a7b2a83db07b892d09353879325cfd19594a3147ff32c8be000400010001000e7075626c69632e6578616d706c6500000006002020010db800000000000000000000000120010db8000000000000000000530001000700102f646e732d71756572797b3f646e737d00080000fde8000c6f70617175652076616c7565
'
# copy_for RULES: the zone, with the records RULES name rewritten.
copy_for() {
    awk 'FNR == NR { if (NF) { i = index($0, " = "); rule[$1 " " $2 " " $3] = substr($0, i + 3) } next }
         ($1 " " $2 " " $3) in rule { key = $1 " " $2 " " $3; print $1, rule[key]; used[key] = 1; next }
         { print }
         END { for (key in rule) if (!(key in used)) { print "types.sh: no record for rule " key > "/dev/stderr"; exit 1 } }' \
        <(printf '%s\n' "$1") "$here/$zone.zone"
}

mkdir -p "$work/knot/db" "$work/knot/keys" "$work/knot/zones" "$work/nsd" "$work/bind/keys"

# knotd: signs on load (ECDSA P-256, KSK and ZSK, NSEC) and, with
# zonefile-sync 0, writes the signed zone back to its file at once.
copy_for "$REFUSED_knot" > "$work/knot/zones/$zone.zone"
cat > "$work/knot/knot.conf" <<CONF
server:
    listen: 127.0.0.1@$KNOT_PORT
    rundir: $work/knot
    pidfile: $work/knot/knot.pid
    identity: dnswire-knot
database:
    storage: $work/knot/db
keystore:
  - id: default
    backend: pem
    config: $work/knot/keys
policy:
  - id: ecdsa
    algorithm: ecdsap256sha256
    cds-cdnskey-publish: none
log:
  - target: stderr
    any: warning
acl:
  - id: local
    address: 127.0.0.1
    action: transfer
template:
  - id: default
    storage: $work/knot/zones
    semantic-checks: off
    zonefile-sync: 0
    zonefile-load: whole
    journal-content: none
zone:
  - domain: $zone.
    file: $zone.zone
    dnssec-signing: on
    dnssec-policy: ecdsa
    acl: local
CONF
start knotd -c "$work/knot/knot.conf"

# named: a copy signed here with fresh ECDSA P-256 keys, NSEC3 (no opt-out,
# no extra iterations, a salt so that dig has one to print).
dnssec-keygen -q -K "$work/bind/keys" -a ECDSAP256SHA256 -f KSK "$zone" > /dev/null
dnssec-keygen -q -K "$work/bind/keys" -a ECDSAP256SHA256 "$zone" > /dev/null
cp "$here/$zone.zone" "$work/bind/$zone.zone"
dnssec-signzone -q -S -K "$work/bind/keys" -d "$work/bind" -3 aabbccdd -H 0 -o "$zone" \
    -f "$work/bind/$zone.zone.signed" "$work/bind/$zone.zone" > /dev/null
cat > "$work/bind/named.conf" <<CONF
options {
    directory "$work/bind";
    pid-file "$work/bind/named.pid";
    listen-on port $BIND_PORT { 127.0.0.1; };
    listen-on-v6 { none; };
    recursion no;
    dnssec-validation no;
    allow-transfer { 127.0.0.1; };
    // The transfer in one message (by default 20 480 bytes uncompressed).
    transfer-message-size 65535;
    notify no;
};
controls { };
zone "$zone" { type primary; file "$work/bind/$zone.zone.signed"; };
CONF
# named logs to stderr with -g; keep that out of the way.
start sh -c 'exec named -g -c "$1" 2> "$2"' named "$work/bind/named.conf" "$work/bind/named.log"

# nsd: the zone file knotd wrote once signed (its last line says so).
for _ in $(seq 50); do
    grep -q '^;; Written' "$work/knot/zones/$zone.zone" 2>/dev/null && break
    sleep 0.2
done
grep -q RRSIG "$work/knot/zones/$zone.zone" || { echo "knotd did not write the signed zone" >&2; exit 1; }
cp "$work/knot/zones/$zone.zone" "$work/nsd/$zone.zone"
# The signed zone files, for the zone reader's check (tests/zone/check.py):
# dnssec-signzone's, the one knotd wrote back, and knotc zone-backup's.
if [ -n "${DNSWIRE_SIGNED_ZONES:-}" ]; then
    cp "$work/bind/$zone.zone.signed" "$DNSWIRE_SIGNED_ZONES/dnssec-signzone.$zone.zone"
    cp "$work/knot/zones/$zone.zone" "$DNSWIRE_SIGNED_ZONES/knotd.$zone.zone"
    knotc -c "$work/knot/knot.conf" -b zone-backup +backupdir "$work/knot/backup" "$zone." > /dev/null
    backup=$(find "$work/knot/backup" -name "$zone.zone" | head -1)
    [ -n "$backup" ] || { echo "knotc zone-backup wrote no zone file" >&2; exit 1; }
    cp "$backup" "$DNSWIRE_SIGNED_ZONES/knotc-backup.$zone.zone"
fi
cat > "$work/nsd/nsd.conf" <<CONF
server:
    ip-address: 127.0.0.1@$NSD_PORT
    port: $NSD_PORT
    zonesdir: $work/nsd
    pidfile: $work/nsd/nsd.pid
    database: ""
    zonelistfile: $work/nsd/zone.list
    xfrdfile: $work/nsd/xfrd.state
    xfrdir: $work/nsd
    username: ""
    chroot: ""
    verbosity: 0
    hide-version: yes
    identity: "dnswire-nsd"
    logfile: "$work/nsd/nsd.log"
    server-count: 1
remote-control:
    control-enable: no
zone:
    name: $zone.
    zonefile: $zone.zone
    provide-xfr: 127.0.0.1 NOKEY
CONF
start nsd -d -c "$work/nsd/nsd.conf"

start /usr/bin/python3 "$here/proxy.py" "$KNOT_PROXY" "$KNOT_PORT" "$work/knot.bin"
start /usr/bin/python3 "$here/proxy.py" "$NSD_PROXY" "$NSD_PORT" "$work/nsd.bin"
start /usr/bin/python3 "$here/proxy.py" "$BIND_PROXY" "$BIND_PORT" "$work/bind.bin"
for port in "$KNOT_PROXY" "$NSD_PROXY" "$BIND_PROXY"; do
    wait_for "$port" "ns1.$zone" A 127.0.0.1
    wait_for "$port" "$zone" DNSKEY
done

: > "$work/list"
# capture SERVER WHAT STATUS DIG-ARGS... TYPE: stores types-SERVER-WHAT,
# and checks what dig printed: STATUS; unless NXDOMAIN or NODATA was
# intended, an answer with the RRSIG over TYPE (else an NSEC or NSEC3 proof);
# every record typed.
capture() {
    local server=$1 what=$2 status=$3; shift 3
    local fixture=types-$server-$what type=${*: -1} port
    case $server in knot) port=$KNOT_PROXY ;; nsd) port=$NSD_PROXY ;; bind) port=$BIND_PROXY ;; esac
    rm -f "$work/$server.bin"
    dig -p "$port" @127.0.0.1 +nocookie +dnssec "$@" > "$data/$fixture.dig"
    cp "$work/$server.bin" "$data/$fixture.bin"
    local got answers
    got=$(sed -n 's/.*status: \([A-Z]*\),.*/\1/p' "$data/$fixture.dig")
    answers=$(sed -n 's/.* ANSWER: \([0-9]*\),.*/\1/p' "$data/$fixture.dig")
    if [ "$got" != "${status%/*}" ]; then
        echo "$fixture: status ${got:-none}, expected ${status%/*}" >&2; exit 1
    fi
    if [ "$status" = NOERROR ] && [ "${answers:-0}" -eq 0 ]; then
        echo "$fixture: empty answer" >&2; exit 1
    fi
    if [ "$status" != NOERROR ] && [ "${answers:-0}" -ne 0 ]; then
        echo "$fixture: answer not empty" >&2; exit 1
    fi
    local proof="RRSIG[[:space:]]+$type[[:space:]]" missing="RRSIG over $type"
    if [ "$status" != NOERROR ]; then
        proof="IN[[:space:]]+NSEC3?[[:space:]]" missing="NSEC or NSEC3 proof"
    fi
    if [ "$type" != AXFR ] && ! grep -v '^;' "$data/$fixture.dig" | grep -qE "$proof"; then
        echo "$fixture: no $missing" >&2; exit 1
    fi
    # Only TYPE65333, which nothing knows, may be printed in RFC 3597 form.
    if grep -v '^;' "$data/$fixture.dig" | grep -v 'TYPE65333' | grep -qE '(^|[[:space:]])(TYPE[0-9]+|\\#)[[:space:]]'; then
        echo "$fixture: dig printed a record untyped" >&2; exit 1
    fi
    # The .bin holds one message, so a transfer must be one message.
    if grep -q '^;; XFR size' "$data/$fixture.dig" && ! grep -q '(messages 1,' "$data/$fixture.dig"; then
        echo "$fixture: transfer in more than one message" >&2; exit 1
    fi
    echo "$fixture" >> "$work/list"
    echo "captured $fixture ($(stat -c %s "$data/$fixture.bin") bytes, $got, $answers in answer)"
}

# WHAT OWNER TYPE: one question per record type.
questions="
hinfo hinfo HINFO
minfo minfo MINFO
mb mb MB
mg mg MG
mr mr MR
rp rp RP
afsdb afsdb AFSDB
rt rt RT
px px PX
kx kx KX
naptr naptr NAPTR
dname dname DNAME
loc loc LOC
caa caa CAA
tlsa _443._tcp TLSA
smimea c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._smimecert SMIMEA
sshfp sshfp SSHFP
uri _ftp._tcp URI
openpgpkey c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._openpgpkey OPENPGPKEY
cert cert CERT
ds child DS
cds cds CDS
cdnskey cdnskey CDNSKEY
csync csync CSYNC
zonemd @ ZONEMD
svcb svcb SVCB
svcb-alias alias.svcb SVCB
https https HTTPS
https-alias alias.https HTTPS
txt txt TXT
spf spf SPF
eui48 eui48 EUI48
eui64 eui64 EUI64
nid nid NID
l32 l32 L32
l64 l64 L64
lp lp LP
type65333 type65333 TYPE65333
dnskey @ DNSKEY
"
for server in knot nsd bind; do
    while read -r what owner type; do
        [ -n "$what" ] || continue
        name=$owner.$zone
        [ "$owner" = @ ] && name=$zone
        capture "$server" "$what" NOERROR "$name" "$type"
    done <<<"$questions"
    if [ "$server" = bind ]; then
        capture bind nsec3param NOERROR "$zone" NSEC3PARAM
    else
        capture "$server" nsec NOERROR "hinfo.$zone" NSEC
    fi
    capture "$server" nxdomain NXDOMAIN "nonexistent.$zone" A
    capture "$server" nodata NOERROR/NODATA "txt.$zone" A
    # The proxy relays and records one response message per TCP query; each
    # server sends this zone's transfer in one (named once told it may), so
    # the .bin is the whole transfer dig printed. A transfer in two would
    # leave dig waiting for the rest until it gave up, stopping the run.
    # +comments and +question make dig lay it out as any other response.
    capture "$server" axfr NOERROR +comments +question "$zone" AXFR
done
if ! diff -u "$here/types.list" "$work/list" >&2; then
    echo "types.sh: the fixtures made differ from types.list (above)" >&2; exit 1
fi
echo "$(wc -l < "$work/list") fixtures in $(( $(date +%s) - began )) s"
