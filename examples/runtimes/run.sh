#!/usr/bin/env bash
# Builds and runs the examples that drive dnswire's stub core from other
# runtimes (examples/runtimes/), as CI does:
#  - dnswire-smoltcp: clippy, the no_std library for thumbv7em-none-eabihf,
#    and its host tests over smoltcp's Loopback device;
#  - dnswire-tokio: clippy, then tokio_lookup asking knotd (started here on
#    127.0.0.1, serving tests/interop/mail.test.zone) for a few names,
#    each answer compared with dig's for the same question to the same
#    server; and a silent server, for the timeouts;
#  - if the machine allows network namespaces, dnswire-smoltcp's
#    tun_lookup example over a TUN device against knotd in a namespace of
#    the script's own, compared with dig there (a line says if skipped).
# Prints `runtimes: <case>: ok` lines and, at the end, `runtimes: tokio and
# smoltcp examples ran`. Needs: knot, bind9-dnsutils, python3, the
# thumbv7em-none-eabihf target; iproute2 and root for the namespace.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/tests/servers.sh"
cd "$root"

KNOT_PORT=${RUNTIMES_KNOT_PORT:-23671}
SILENT_PORT=${RUNTIMES_SILENT_PORT:-23672}
# Inside the network namespace (10.53.0.1).
NS_PORT=${RUNTIMES_NS_PORT:-23673}

echo "--- clippy: dnswire-smoltcp, dnswire-tokio"
cargo clippy -p dnswire-smoltcp -p dnswire-tokio --all-targets -- -D warnings
cargo clippy -p dnswire-smoltcp --lib --target thumbv7em-none-eabihf -- -D warnings

echo "--- dnswire-smoltcp: no_std build, host tests over smoltcp's Loopback"
cargo build -p dnswire-smoltcp --lib --target thumbv7em-none-eabihf
echo "runtimes: smoltcp: thumbv7em-none-eabihf build: ok"
out=$(cargo test -p dnswire-smoltcp 2>&1) || { echo "$out"; exit 1; }
loopback=$(grep -A1000 'Running tests/loopback.rs' <<<"$out" | grep -m1 '^test result:')
echo "$loopback"
# A test file that stopped running (or ran nothing) must not pass.
grep -qE '^test result: ok\. ([1-9][0-9]*) passed; 0 failed; 0 ignored' <<<"$loopback" \
    || { echo "$out"; echo "the loopback tests did not all run"; exit 1; }
echo "runtimes: smoltcp: loopback tests: ok"

echo "--- dnswire-tokio against knotd on 127.0.0.1:$KNOT_PORT"
cargo build -p dnswire-tokio --bin tokio_lookup
lookup="$root/target/debug/tokio_lookup"
# knotd signs the zone on load, keeping its keys under @DIR@/db.
mkdir -p "$work/db"
sed -e "s|@KNOT_PORT@|$KNOT_PORT|g" -e "s|@DIR@|$work|g" -e "s|@ZONES@|$root/tests/interop|g" \
    tests/interop/knot.conf.in > "$work/knot.conf"
start knotd -c "$work/knot.conf"
wait_for "$KNOT_PORT" host.mail.test A 192.0.2.10

# check SIDE NAME TYPE TRANSPORT: the answer records of SIDE (tokio:
# tokio_lookup asking knotd on 127.0.0.1; tun: tun_lookup, smoltcp over a
# TUN device, asking knotd in a network namespace), sorted, are dig's
# answer section for the same question to the same server, with the same
# status, and the attempt that answered went over TRANSPORT (Udp or Tcp).
check() {
    local side=$1 name=$2 type=$3 transport=$4 ours theirs status answered run ask label
    case $side in
        tokio) label="tokio"
               run=("$lookup" "@127.0.0.1:$KNOT_PORT")
               ask=(dig -p "$KNOT_PORT" @127.0.0.1) ;;
        tun) label="smoltcp over TUN"
             run=(ip netns exec "$ns" "$tun_lookup" tun0 10.53.0.2/24 "@10.53.0.1:$NS_PORT")
             ask=(ip netns exec "$ns" dig -p "$NS_PORT" @10.53.0.1) ;;
    esac
    ours=$("${run[@]}" "$name" "$type" 2> "$work/stderr" | sort) \
        || { echo "$label: $name $type: no answer"; cat "$work/stderr"; exit 1; }
    theirs=$("${ask[@]}" +noall +answer +time=2 +tries=1 "$name" "$type" | sort)
    status=$("${ask[@]}" +time=2 +tries=1 "$name" "$type" | sed -n 's/.*status: \([A-Z]*\),.*/\1/p')
    if [ "$ours" != "$theirs" ]; then
        echo "$label: $name $type: the answer records differ from dig's"; cat "$work/stderr"
        diff <(echo "$theirs") <(echo "$ours") || true
        exit 1
    fi
    grep -q "^;; status: $status, " "$work/stderr" || { echo "$label: $name $type: dig says $status"; cat "$work/stderr"; exit 1; }
    answered=$(sed -n 's/^;; .* \(Udp\|Tcp\): Answered$/\1/p' "$work/stderr")
    [ "$answered" = "$transport" ] || { echo "$label: $name $type: answered over '$answered'"; cat "$work/stderr"; exit 1; }
    echo "runtimes: $label: $name $type ($status, $(grep -c . <<<"$ours" || true) records, answered over $transport): ok"
}
cases() {
    check "$1" host.mail.test A Udp
    check "$1" mail.test MX Udp
    check "$1" www.mail.test A Udp
    check "$1" mx-a.mail.test AAAA Udp
    check "$1" txt.mail.test TXT Udp
    check "$1" nothing.mail.test A Udp
    # 100 addresses: 1 600 bytes of answer, more than the 1 232 advertised.
    check "$1" many.mail.test A Tcp
}
cases tokio
grep -q ' Udp: Truncated$' "$work/stderr" || { echo "many.mail.test did not come truncated over UDP"; exit 1; }
[ "$(dig +noall +answer +notcp +ignore -p "$KNOT_PORT" @127.0.0.1 many.mail.test A | wc -l)" -lt 100 ] \
    || { echo "dig got all of many.mail.test over UDP: nothing forced TCP"; exit 1; }

# A server that reads queries and never answers: both attempts time out.
start python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
while True:
    s.recv(65535)
' "$SILENT_PORT"
sleep 0.5
began=$(date +%s%N)
if "$lookup" "@127.0.0.1:$SILENT_PORT" host.mail.test A 2> "$work/stderr"; then
    echo "an answer from a server that never answers"; exit 1
fi
took=$(( ($(date +%s%N) - began) / 1000000 ))
[ "$(grep -c ' Udp: TimedOut$' "$work/stderr")" -eq 2 ] || { echo "expected two timeouts"; cat "$work/stderr"; exit 1; }
[ "$took" -ge 4000 ] && [ "$took" -lt 6000 ] || { echo "two 2 s attempts took $took ms"; exit 1; }
echo "runtimes: tokio: silent server: 2 attempts timed out in $took ms: ok"

# The smoltcp lookup against knotd: over a TUN device in a network
# namespace of this script's own (knotd on 10.53.0.1 inside it, smoltcp
# 10.53.0.2), if the machine lets us make one; says so if not.
ns=dnswire-runtimes-$$
if ip netns add "$ns" 2> "$work/netns.err"; then
    trap 'cleanup; ip netns del "$ns" 2>/dev/null || true' EXIT
    ip netns exec "$ns" ip link set lo up
    ip netns exec "$ns" ip tuntap add dev tun0 mode tun
    ip netns exec "$ns" ip addr add 10.53.0.1/24 dev tun0
    ip netns exec "$ns" ip link set tun0 up
    mkdir -p "$work/ns/db"
    sed -e "s|127.0.0.1@@KNOT_PORT@|10.53.0.1@$NS_PORT|" -e "s|@DIR@|$work/ns|g" -e "s|@ZONES@|$root/tests/interop|g" \
        tests/interop/knot.conf.in > "$work/ns/knot.conf"
    start ip netns exec "$ns" knotd -c "$work/ns/knot.conf"
    cargo build -p dnswire-smoltcp --example tun_lookup
    tun_lookup="$root/target/debug/examples/tun_lookup"
    for _ in $(seq 50); do
        [ -n "$(ip netns exec "$ns" dig +short +time=1 +tries=1 -p "$NS_PORT" @10.53.0.1 host.mail.test A)" ] && break
        sleep 0.2
    done
    cases tun
else
    echo "runtimes: smoltcp over TUN against knotd: skipped (no network namespace: $(cat "$work/netns.err"))"
fi

echo "runtimes: tokio and smoltcp examples ran"
