#!/usr/bin/python3
"""Recording DNS proxy for fixture capture (loopback only).

Listens on 127.0.0.1:LISTEN (UDP and TCP), forwards each query to
127.0.0.1:UPSTREAM, and writes every response it relays, byte for byte and
without the TCP length prefix, to OUTFILE (overwritten each time). dig talks
to the proxy, so the bytes saved are exactly the bytes dig decoded.
"""
import socket
import sys
import threading

listen, upstream, outfile = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]


def record(data):
    with open(outfile, "wb") as f:
        f.write(data)


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def serve_udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", listen))
    while True:
        query, client = s.recvfrom(65535)
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.settimeout(5)
        u.sendto(query, ("127.0.0.1", upstream))
        response, _ = u.recvfrom(65535)
        u.close()
        record(response)
        s.sendto(response, client)


def handle_tcp(conn):
    with conn:
        try:
            while True:
                n = int.from_bytes(recv_exact(conn, 2), "big")
                query = recv_exact(conn, n)
                with socket.create_connection(("127.0.0.1", upstream), 5) as up:
                    up.sendall(len(query).to_bytes(2, "big") + query)
                    m = int.from_bytes(recv_exact(up, 2), "big")
                    response = recv_exact(up, m)
                record(response)
                conn.sendall(len(response).to_bytes(2, "big") + response)
        except EOFError:
            pass


def serve_tcp():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", listen))
    s.listen(8)
    while True:
        conn, _ = s.accept()
        threading.Thread(target=handle_tcp, args=(conn,), daemon=True).start()


threading.Thread(target=serve_udp, daemon=True).start()
serve_tcp()
