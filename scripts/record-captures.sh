#!/usr/bin/env bash
# Record real Linux TCP captures for the capture-import tests, with this
# machine's kernel (run as root; needs ip, tcpdump, nft and python3):
#
#   scripts/record-captures.sh [out-dir]     default: tests/fixtures
#
# Each case runs in a network namespace made for it, on its loopback only
# (127.0.0.1; never any other address), and the namespace is deleted on
# every exit path. The files are small and committed, so the tests that read
# them need none of this.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-tests/fixtures}")"
mkdir -p "$out"
ns="synack-rec-$$"
cleanup() { ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

in_ns() { ip netns exec "$ns" "$@"; }

# A server that accepts one connection, reads to EOF and closes, and a client
# that connects, writes 100 bytes and closes; both bounded in time.
server_py='
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 8080)); s.listen(4); s.settimeout(10)
c, _ = s.accept(); c.settimeout(10)
while c.recv(4096): pass
c.close()
'
client_py='
import socket, sys, time
c = socket.socket(); c.settimeout(10)
try:
    c.connect(("127.0.0.1", int(sys.argv[1])))
except OSError as e:
    print("connect:", e); sys.exit(0)
c.sendall(b"x" * 100); time.sleep(0.05); c.close()
'

record() {
  local name=$1 port=$2 setup=$3
  cleanup
  ip netns add "$ns"
  in_ns ip link set lo up
  # Not through in_ns: $! must be tcpdump itself (ip netns exec execs it).
  ip netns exec "$ns" tcpdump -q --immediate-mode -i lo -s 160 -U -w "$out/$name.pcap" "tcp port $port" 2>/dev/null &
  local dump=$!
  sleep 1   # tcpdump takes a moment to start listening
  eval "$setup"
  sleep 0.5
  kill -INT "$dump" 2>/dev/null || true
  wait "$dump" 2>/dev/null || true
  echo "recorded $out/$name.pcap ($(stat -c %s "$out/$name.pcap") bytes)"
}

# 1. A handshake, 100 bytes, and the close.
record linux-handshake-close 8080 '
  timeout 15 ip netns exec "$ns" python3 -c "$server_py" & srv=$!; sleep 0.3
  timeout 15 ip netns exec "$ns" python3 -c "$client_py" 8080
  wait $srv; sleep 0.3'

# 2. The first SYN-ACK dropped on the client'"'"'s input (it is still captured,
#    as at its sender); the rule goes before the SYN is sent again at 1 s.
record linux-syn-ack-lost 8080 '
  in_ns nft add table inet rec
  in_ns nft add chain inet rec input "{ type filter hook input priority 0; }"
  in_ns nft add rule inet rec input tcp sport 8080 "tcp flags & (syn | ack) == syn | ack" drop
  timeout 15 ip netns exec "$ns" python3 -c "$server_py" & srv=$!; sleep 0.3
  ( sleep 0.5; ip netns exec "$ns" nft delete table inet rec ) &
  timeout 15 ip netns exec "$ns" python3 -c "$client_py" 8080
  wait $srv; sleep 0.3'

# 3. A closed port: the SYN is answered with RST.
record linux-closed-port 8081 '
  timeout 15 ip netns exec "$ns" python3 -c "$client_py" 8081; sleep 0.3'
