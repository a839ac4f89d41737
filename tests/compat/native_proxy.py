#!/usr/bin/python3
"""native_proxy.py BASALT_TCP_PORT — conformance of the packet sequence
(spec ../shared/spec/native-protocol.md §11 item 10): a logging proxy
between the real clients and basalt. clickhouse-client 18.16 (revision
54412, LZ4 on) and python3-clickhouse-driver (54453, no compression) each
run `SELECT 1` through it; both directions are cut into packets and compared
with the transcripts of §8: the packet types in order, and for the
uncompressed conversation the bytes of the server's Data packets. Prints
"ok NAME" / "not ok NAME: why" (native.sh runs it). Bounded: one connection
per client, 10 s socket timeouts."""
import shutil
import socket
import struct
import subprocess
import sys
import threading

TARGET = int(sys.argv[1])


def relay(src, dst, log):
    try:
        while True:
            b = src.recv(65536)
            if not b:
                break
            log.append(b)
            dst.sendall(b)
    except OSError:
        pass
    for s in (dst,):
        try:
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def proxied(run):
    """Runs run(port) against a one-connection proxy; returns (client bytes, server bytes)."""
    lsn = socket.socket()
    lsn.bind(("127.0.0.1", 0))
    lsn.listen(1)
    lsn.settimeout(10)
    port = lsn.getsockname()[1]
    logs = {"c": [], "s": []}

    def serve():
        try:
            c, _ = lsn.accept()
        except OSError:
            return
        s = socket.create_connection(("127.0.0.1", TARGET), timeout=10)
        c.settimeout(10)
        t1 = threading.Thread(target=relay, args=(c, s, logs["c"]))
        t2 = threading.Thread(target=relay, args=(s, c, logs["s"]))
        t1.start(), t2.start()
        t1.join(15), t2.join(15)
        c.close(), s.close()

    th = threading.Thread(target=serve)
    th.start()
    run(port)
    th.join(20)
    lsn.close()
    return b"".join(logs["c"]), b"".join(logs["s"])


class Reader:
    def __init__(self, b):
        self.b, self.p = b, 0

    def take(self, n):
        if self.p + n > len(self.b):
            raise EOFError
        r = self.b[self.p:self.p + n]
        self.p += n
        return r

    def varint(self):
        shift = n = 0
        while True:
            c = self.take(1)[0]
            n |= (c & 0x7F) << shift
            shift += 7
            if not c & 0x80:
                return n

    def string(self):
        return self.take(self.varint())

    def done(self):
        return self.p >= len(self.b)


def lz4_length(src, i, n):
    """An LZ4 length field: n from the token, extended by bytes while they are 255."""
    if n == 15:
        while True:
            n += src[i]
            i += 1
            if src[i - 1] != 255:
                break
    return n, i


def lz4_block(src, size):
    out = bytearray()
    i = 0
    while i < len(src):
        tok = src[i]
        i += 1
        lit, i = lz4_length(src, i, tok >> 4)
        out += src[i:i + lit]
        i += lit
        if i >= len(src):
            break
        off = src[i] | src[i + 1] << 8
        i += 2
        ml, i = lz4_length(src, i, tok & 15)
        for _ in range(ml + 4):
            out.append(out[-off])
    return bytes(out[:size])


def block(r, compressed):
    """A Native block (UInt8 / String columns only): its row count and its bytes."""
    if compressed:
        r.take(16)
        method, csize, dsize = struct.unpack("<BII", r.take(9))
        body = r.take(csize - 9)
        raw = body if method == 0x02 else lz4_block(body, dsize)
        return block(Reader(raw), False)
    start = r.p
    r.take(8)   # BlockInfo
    ncols, nrows = r.varint(), r.varint()
    for _ in range(ncols):
        r.string()
        typ = r.string()
        if typ == b"UInt8":
            r.take(nrows)
        elif typ == b"String":
            for _ in range(nrows):
                r.string()
        else:
            raise ValueError("type %r not decoded here" % typ)
    return nrows, r.b[start:r.p]


def client_packets(b, compressed):
    r, out, rev = Reader(b), [], 0
    while not r.done():
        t = r.varint()
        if t == 0:
            r.string(), r.varint(), r.varint()
            rev = min(r.varint(), 54453)
            r.string(), r.string(), r.string()
            out.append("Hello")
        elif t == 4:
            out.append("Ping")
        elif t == 1:
            r.string()                                   # query_id
            r.take(1), r.string(), r.string(), r.string()   # kind, initial user, query id, address
            if rev >= 54449:
                r.take(8)
            r.take(1), r.string(), r.string(), r.string()   # interface, os user, hostname, client name
            r.varint(), r.varint(), r.varint()
            r.string()                                   # quota key
            if rev >= 54448:
                r.varint()
            r.varint()                                   # version patch
            if rev >= 54442 and r.take(1)[0]:
                raise ValueError("OpenTelemetry context not decoded here")
            if rev >= 54453:
                r.varint(), r.varint(), r.varint()
            while True:                                  # settings: only their end (none changed)
                name = r.string()
                if not name:
                    break
                if rev < 54429:
                    raise ValueError("binary settings not decoded here")
                r.varint(), r.string()
            if rev >= 54441:
                r.string()
            r.varint(), r.varint(), r.string()           # stage, compression, text
            out.append("Query")
        elif t == 2:
            r.string()
            n, _ = block(r, compressed)
            out.append("Data(%d)" % n)
        else:
            raise ValueError("client packet %d" % t)
    return out, rev


def server_packets(b, rev, compressed):
    r, out, data = Reader(b), [], []
    while not r.done():
        t = r.varint()
        if t == 0:
            r.string(), r.varint(), r.varint(), r.varint(), r.string(), r.string(), r.varint()
            out.append("Hello")
        elif t == 1:
            r.string()
            n, raw = block(r, compressed)
            out.append("Data(%d)" % n)
            data.append(raw)
        elif t == 2:
            r.take(4), r.string(), r.string(), r.string(), r.take(1)
            out.append("Exception")
        elif t == 3:
            for _ in range(5 if rev >= 54420 else 3):
                r.varint()
            out.append("Progress")
        elif t == 4:
            out.append("Pong")
        elif t == 5:
            out.append("EndOfStream")
        elif t == 6:
            r.varint(), r.varint(), r.varint(), r.take(1), r.varint(), r.take(1)
            out.append("ProfileInfo")
        else:
            raise ValueError("server packet %d" % t)
    return out, data


def check(name, want, have):
    print(("ok %s" % name) if want == have else ("not ok %s: want %r, have %r" % (name, want, have)))


HEADER = b"\x01\x00\x02\xff\xff\xff\xff\x00\x01\x00\x01" + b"1" + b"\x05UInt8"
ROW = b"\x01\x00\x02\xff\xff\xff\xff\x00\x01\x01\x01" + b"1" + b"\x05UInt8\x01"
EMPTY = b"\x01\x00\x02\xff\xff\xff\xff\x00\x00\x00"

# §8.1: clickhouse-client 18.16, compression on
if shutil.which("clickhouse-client"):
    def run18(port):
        subprocess.run(["clickhouse-client", "--host", "127.0.0.1", "--port", str(port), "-q", "SELECT 1"],
                       capture_output=True, timeout=20)
    try:
        cb, sb = proxied(run18)
        cseq, rev = client_packets(cb, True)
        sseq, data = server_packets(sb, rev, True)
        check("proxy_client18_sends", ["Hello", "Ping", "Query", "Data(0)"], cseq)
        check("proxy_client18_gets", ["Hello", "Pong", "Data(0)", "Data(1)", "ProfileInfo", "Progress", "Data(0)", "EndOfStream"], sseq)
        check("proxy_client18_blocks", [HEADER, ROW, EMPTY], data)
    except Exception as e:   # a decoding failure is a failed check, with what broke
        print("not ok proxy_client18: %r" % e)
else:
    print("ok proxy_client18_skipped (clickhouse-client is not installed)")

# §8.2 / §8.3: clickhouse-driver, no compression, revision 54453
try:
    import clickhouse_driver
    have_driver = True
except ImportError:
    have_driver = False
if have_driver:
    def run_driver(port):
        clickhouse_driver.Client("127.0.0.1", port=port, connect_timeout=10, send_receive_timeout=10).execute("SELECT 1")
    try:
        cb, sb = proxied(run_driver)
        cseq, rev = client_packets(cb, False)
        sseq, data = server_packets(sb, rev, False)
        check("proxy_driver_revision", 54453, rev)
        check("proxy_driver_sends", ["Hello", "Query", "Data(0)"], cseq)
        check("proxy_driver_gets", ["Hello", "Data(0)", "Data(1)", "ProfileInfo", "Progress", "Data(0)", "EndOfStream"], sseq)
        check("proxy_driver_blocks", [HEADER, ROW, EMPTY], data)
    except Exception as e:
        print("not ok proxy_driver: %r" % e)
else:
    print("ok proxy_driver_skipped (python3-clickhouse-driver is not installed)")
