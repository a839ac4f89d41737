/* wire.h — the byte level of ClickHouse's native TCP protocol, shared by
 * both ends: the server (server/tcp.c) and `basalt client` (cli/client.c).
 * A Wire buffers what arrives on a socket (or from any byte source: the
 * fuzz target and unit tests feed memory), reads VarUInts, length-prefixed
 * Strings (bounded before anything is allocated) and Data packets whose
 * block may come in compressed frames (LZ4/ZSTD, CityHash128 checked before
 * decompression, only wire codecs accepted), and collects outgoing bytes to
 * send in one go. See ../shared/spec/native-protocol.md §2, §6, §7.
 */
#ifndef BASALT_WIRE_H
#define BASALT_WIRE_H

#include <stdbool.h>
#include <sys/types.h>

#include "../base/arena.h"
#include "../base/buf.h"
#include "../compress/codec.h"
#include "../storage/mt_serial.h"

#define WIRE_RBUF (1 << 16)

typedef struct Wire {
    int fd;
    /* where bytes come from: NULL = recv() on fd; else this (0 = end, <0 = error) */
    ssize_t (*recv)(void *ctx, void *dst, size_t n);
    void *recv_ctx;
    const char *eof_msg;       /* the error text when the peer goes away */
    char rbuf[WIRE_RBUF];
    size_t rpos, rlen;
    Buf out;                   /* bytes to send (wire_flush) */
    bool compress;             /* Data packets' blocks travel compressed */
    CodecChain chain;          /* what outgoing blocks are compressed with */
    Buf frame, plain;          /* a compressed frame read, and its bytes */
} Wire;

void wire_init(Wire *w, int fd);
void wire_free(Wire *w);

int wire_read(Wire *w, void *dst, size_t n, Err *err);
int wire_varint(Wire *w, uint64_t *v, Err *err);
/* A String of at most max bytes, NUL-terminated, into arena a. */
int wire_str(Wire *w, Arena *a, size_t max, char **out, size_t *len, Err *err);
/* Whether unread bytes are already buffered. */
bool wire_buffered(const Wire *w);

void wire_put_str(Buf *b, const char *s);
/* Sends w->out; 0 or NETWORK_ERROR. With fd < 0 the bytes are dropped. */
int wire_flush(Wire *w, Err *err);

/* A packet carrying a block: type, table name "", the block (compressed
 * in frames of at most 1 MiB when w->compress); ch NULL: the empty block. */
int wire_put_block(Wire *w, int type, int ncols, char **names, const DataType **types, const Chunk *ch, Err *err);
/* The rest of a packet carrying a block (its type already read): the table
 * name and the block (*out NULL for the empty block); names and types in a.
 * compressed: whether this packet's block is framed (Log and ProfileEvents
 * blocks never are). */
int wire_read_block(Wire *w, bool compressed, Arena *a, char **table, Chunk **out, char ***names, const DataType ***types,
                    Err *err);

#endif
