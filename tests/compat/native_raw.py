#!/usr/bin/python3
"""native_raw.py PORT HTTP_PORT — the native protocol byte by byte, where the
real clients cannot be steered: how fast Cancel stops a query, TablesStatus,
a bad checksum and an unknown packet on the port. Speaks revision 54453
(../shared/spec/native-protocol.md), no compression unless a check needs a
frame. Prints "ok NAME" / "not ok NAME: why" per check (native.sh runs it).
Every socket read has a timeout; every loop is bounded."""
import socket
import struct
import sys
import time
import urllib.request

PORT, HTTP_PORT = int(sys.argv[1]), int(sys.argv[2])
REV = 54453


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def string(s):
    b = s.encode() if isinstance(s, str) else s
    return varint(len(b)) + b


class Conn:
    def __init__(self):
        self.s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
        self.buf = b""

    def send(self, b):
        self.s.sendall(b)

    def need(self, n):
        while len(self.buf) < n:
            k = self.s.recv(65536)
            if not k:
                raise EOFError("connection closed")
            self.buf += k

    def take(self, n):
        self.need(n)
        b, self.buf = self.buf[:n], self.buf[n:]
        return b

    def varint(self):
        shift = n = 0
        for _ in range(10):
            b = self.take(1)[0]
            n |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return n
        raise ValueError("bad varint")

    def string(self):
        return self.take(self.varint())

    def hello(self):
        self.send(varint(0) + string("raw test") + varint(1) + varint(0) + varint(REV) +
                  string("") + string("default") + string(""))
        t = self.varint()
        assert t == 0, "server Hello expected, got %d" % t
        self.string(), self.varint(), self.varint(), self.varint()   # name, version, revision
        self.string(), self.string(), self.varint()                   # time zone, display name, patch

    def query(self, text, compression=0):
        ci = (varint(1) + string("") + string("") + string("0.0.0.0:0") + struct.pack("<Q", 0) +
              varint(1) + string("") + string("") + string("raw test") + varint(1) + varint(0) + varint(REV) +
              string("") + varint(0) + varint(0) + varint(0) + varint(0) + varint(0) + varint(0))
        self.send(varint(1) + string("") + ci + string("") + string("") + varint(2) + varint(compression) + string(text))

    def empty_block(self):
        # Data, table "", BlockInfo (1: overflows 0, 2: bucket -1, 0), 0 columns, 0 rows
        self.send(varint(2) + string("") + b"\x01\x00\x02\xff\xff\xff\xff\x00" + varint(0) + varint(0))

    def packet(self):
        """One server packet, uncompressed: (type, detail)."""
        t = self.varint()
        if t == 1:   # Data
            self.string()
            self.take(8)   # BlockInfo
            ncols, nrows = self.varint(), self.varint()
            for _ in range(ncols):
                self.string()
                typ = self.string()
                width = {b"UInt8": 1, b"UInt64": 8}.get(typ)
                if width is None:
                    raise ValueError("column type %r not decoded here" % typ)
                self.take(width * nrows)
            return t, nrows
        if t == 2:   # Exception
            code = struct.unpack("<i", self.take(4))[0]
            self.string(), self.string(), self.string(), self.take(1)
            return t, code
        if t == 3:   # Progress: 5 numbers at 54453
            return t, [self.varint() for _ in range(5)]
        if t == 6:   # ProfileInfo
            self.varint(), self.varint(), self.varint(), self.take(1), self.varint(), self.take(1)
            return t, None
        if t in (4, 5):   # Pong, EndOfStream
            return t, None
        if t == 9:   # TablesStatusResponse
            n = self.varint()
            rows = []
            for _ in range(n):
                db, table, replicated = self.string(), self.string(), self.take(1)[0]
                if replicated:
                    self.take(4)
                rows.append((db.decode(), table.decode(), replicated))
            return t, rows
        raise ValueError("unexpected packet %d" % t)

    def until_end(self):
        """Packet types up to EndOfStream or an Exception (bounded)."""
        seen = []
        for _ in range(1000):
            t, _ = self.packet()
            seen.append(t)
            if t in (2, 5):
                break
        return seen

    def close(self):
        self.s.close()


def check(name, cond, why=""):
    print(("ok %s" % name) if cond else ("not ok %s: %s" % (name, why)))


def http(sql):
    return urllib.request.urlopen("http://127.0.0.1:%d/" % HTTP_PORT, sql.encode(), timeout=10).read().decode()


def cancel_latency():
    """ms from Cancel to EndOfStream, a long query having sent Progress."""
    c = Conn()
    c.hello()
    c.query("SELECT count() FROM numbers(100000000000)")
    c.empty_block()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:   # the header block, then Progress
        t, _ = c.packet()
        if t == 3:
            break
    c.send(varint(3))
    t0 = time.monotonic()
    seen = c.until_end()
    ms = (time.monotonic() - t0) * 1000
    c.close()
    return ms, seen


# Cancel stops the query within 100 ms (best of three, so a busy machine's hiccup does not fail it)
tries = [cancel_latency() for _ in range(3)]
best = min(ms for ms, _ in tries)
check("raw_cancel_ends_with_eos", all(s[-1] == 5 for _, s in tries), "packets after Cancel: %r" % [s for _, s in tries])
check("raw_cancel_within_100ms", best < 100, "best of 3: %.1f ms" % best)
print("# Cancel to EndOfStream: %s ms" % ", ".join("%.1f" % ms for ms, _ in tries))

# TablesStatus: a table that exists, as not replicated
http("CREATE TABLE IF NOT EXISTS raw_status (x UInt8) ENGINE = MergeTree ORDER BY x")
c = Conn()
c.hello()
c.send(varint(5) + varint(1) + string("default") + string("raw_status"))
t, rows = c.packet()
check("raw_tables_status", (t, rows) == (9, [("default", "raw_status", 0)]), "got %r %r" % (t, rows))
# Ping still answered on the same connection
c.send(varint(4))
check("raw_ping_after_status", c.packet() == (4, None))
c.close()

# A compressed frame whose checksum does not match: 40 (CHECKSUM_DOESNT_MATCH), before anything is decompressed; then closed
c = Conn()
c.hello()
c.query("SELECT 1", compression=1)
payload = b"\x82" + struct.pack("<II", 9 + 11, 11) + b"\xb0\x01\x00\x02\xff\xff\xff\xff\x00\x00\x00"
c.send(varint(2) + string("") + b"\x00" * 16 + payload)
t, code = c.packet()
check("raw_bad_checksum", (t, code) == (2, 40), "got %r %r" % (t, code))
try:
    c.send(varint(4))
    closed = c.s.recv(1) == b""
except OSError:
    closed = True
check("raw_bad_checksum_closes", closed)
c.close()

# An unknown packet type: 99 (UNKNOWN_PACKET_FROM_CLIENT, as ClickHouse), then the server closes the connection
c = Conn()
c.hello()
c.send(varint(99))
t, code = c.packet()
check("raw_unknown_packet", (t, code) == (2, 99), "got %r %r" % (t, code))
c.close()

# The server stays up: a plain query after all that
c = Conn()
c.hello()
c.query("SELECT 1")
c.empty_block()
seq = c.until_end()
check("raw_select_after", seq[-1] == 5 and 1 in seq, "packets %r" % seq)
c.close()
http("DROP TABLE raw_status")
