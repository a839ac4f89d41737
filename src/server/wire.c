/* wire.c — buffered reading and writing of native-protocol packets (see
 * wire.h), for the server (tcp.c) and the client (cli/client.c). */
#include "wire.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "native.h"

void wire_init(Wire *w, int fd)
{
    memset(w, 0, sizeof *w);
    w->fd = fd;
    codec_chain_default(&w->chain);
}

void wire_free(Wire *w)
{
    buf_free(&w->out);
    buf_free(&w->frame);
    buf_free(&w->plain);
}

static int fill(Wire *w, Err *err)
{
    if (w->rpos == w->rlen) w->rpos = w->rlen = 0;
    if (w->rlen == sizeof w->rbuf) {
        memmove(w->rbuf, w->rbuf + w->rpos, w->rlen - w->rpos);
        w->rlen -= w->rpos;
        w->rpos = 0;
    }
    for (;;) {
        ssize_t k = w->recv ? w->recv(w->recv_ctx, w->rbuf + w->rlen, sizeof w->rbuf - w->rlen)
                            : recv(w->fd, w->rbuf + w->rlen, sizeof w->rbuf - w->rlen, 0);
        if (k > 0) {
            w->rlen += (size_t)k;
            return 0;
        }
        if (k < 0 && errno == EINTR && !w->recv) continue;
        return err_set(err, ERR_NETWORK_ERROR, "%s", w->eof_msg ? w->eof_msg : "Connection closed by the client");
    }
}

bool wire_buffered(const Wire *w) { return w->rpos < w->rlen; }

int wire_read(Wire *w, void *dst, size_t n, Err *err)
{
    char *d = dst;
    while (n) {
        if (w->rpos == w->rlen) {
            int rc = fill(w, err);
            if (rc) return rc;
        }
        size_t k = w->rlen - w->rpos < n ? w->rlen - w->rpos : n;
        memcpy(d, w->rbuf + w->rpos, k);
        w->rpos += k, d += k, n -= k;
    }
    return 0;
}

int wire_varint(Wire *w, uint64_t *v, Err *err)
{
    uint64_t r = 0;
    for (int i = 0; i < 10; i++) {
        uint8_t b;
        int rc = wire_read(w, &b, 1, err);
        if (rc) return rc;
        r |= (uint64_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80)) {
            *v = r;
            return 0;
        }
    }
    return err_set(err, ERR_INCORRECT_DATA, "Too long VarUInt");
}

int wire_str(Wire *w, Arena *a, size_t max, char **out, size_t *len, Err *err)
{
    uint64_t n;
    int rc = wire_varint(w, &n, err);
    if (rc) return rc;
    if (n > max) return err_set(err, ERR_TOO_LARGE_STRING_SIZE, "Too large string size: %llu", (unsigned long long)n);
    char *p = arena_alloc(a, (size_t)n + 1);
    if ((rc = wire_read(w, p, (size_t)n, err))) return rc;
    p[n] = 0;
    *out = p;
    if (len) *len = (size_t)n;
    return 0;
}

void wire_put_str(Buf *b, const char *s)
{
    buf_put_varint(b, strlen(s));
    buf_puts(b, s);
}

int wire_flush(Wire *w, Err *err)
{
    if (w->fd < 0) {   /* no socket (the fuzz target, unit tests): the bytes go nowhere */
        w->out.len = 0;
        return 0;
    }
    size_t off = 0;
    while (off < w->out.len) {
        ssize_t k = send(w->fd, w->out.data + off, w->out.len - off, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            w->out.len = 0;
            return err_set(err, ERR_NETWORK_ERROR, "Cannot write to the socket");
        }
        off += (size_t)k;
    }
    w->out.len = 0;
    return 0;
}

int wire_put_block(Wire *w, int type, int ncols, char **names, const DataType **types, const Chunk *ch, Err *err)
{
    buf_put_varint(&w->out, (uint64_t)type);
    wire_put_str(&w->out, "");
    if (!w->compress) {
        native_write_block(&w->out, ncols, names, types, ch);
        return wire_flush(w, err);
    }
    Buf raw = {0};
    native_write_block(&raw, ncols, names, types, ch);
    int rc = 0;
    for (size_t off = 0; off < raw.len && !rc; off += 1 << 20) {
        size_t k = raw.len - off < (1u << 20) ? raw.len - off : 1u << 20;
        rc = codec_compress(&w->chain, raw.data + off, k, &w->out, err);
    }
    buf_free(&raw);
    return rc ? rc : wire_flush(w, err);
}

/* ByteSrc refills: the next compressed frame, or more raw bytes. */
static int frame_refill(ByteSrc *s, Err *err)
{
    Wire *w = s->ctx;
    w->frame.len = 0;
    char head[CODEC_CHECKSUM_SIZE + CODEC_HEADER_SIZE];
    int rc = wire_read(w, head, sizeof head, err);
    size_t flen;
    uint32_t dsize;
    if (!rc) rc = codec_frame_sizes(head, sizeof head, &flen, &dsize, err);
    if (rc) return rc;
    buf_put(&w->frame, head, sizeof head);
    while (w->frame.len < flen) {   /* grown as bytes arrive, not as the header claims */
        size_t k = flen - w->frame.len < (1u << 20) ? flen - w->frame.len : 1u << 20;
        buf_reserve(&w->frame, k);
        if ((rc = wire_read(w, w->frame.data + w->frame.len, k, err))) return rc;
        w->frame.len += k;
    }
    if ((rc = codec_frame_plausible(w->frame.data, flen, err))) return rc;
    w->plain.len = 0;
    buf_reserve(&w->plain, dsize);
    if ((rc = codec_decompress(w->frame.data, flen, w->plain.data, dsize, CODEC_WIRE_ONLY, err))) return rc;
    s->p = w->plain.data;
    s->end = w->plain.data + dsize;
    return 0;
}

static int raw_refill(ByteSrc *s, Err *err)
{
    Wire *w = s->ctx;
    w->rpos = w->rlen;
    int rc = fill(w, err);
    if (rc) return rc;
    s->p = w->rbuf + w->rpos;
    s->end = w->rbuf + w->rlen;
    return 0;
}

int wire_read_block(Wire *w, bool compressed, Arena *a, char **table, Chunk **out, char ***names, const DataType ***types,
                    Err *err)
{
    *out = NULL;
    int rc = wire_str(w, a, 1u << 20, table, NULL, err);
    if (rc) return rc;
    ByteSrc s;
    if (compressed) {
        s.p = s.end = NULL;
        s.refill = frame_refill;
    } else {
        s.p = w->rbuf + w->rpos;
        s.end = w->rbuf + w->rlen;
        s.refill = raw_refill;
    }
    s.ctx = w;
    rc = native_read_block(&s, a, out, names, types, err);
    if (!compressed) w->rpos = (size_t)(s.p - w->rbuf);
    else if (!rc && s.p != s.end) rc = err_set(err, ERR_INCORRECT_DATA, "Trailing bytes in a compressed block");
    return rc;
}
