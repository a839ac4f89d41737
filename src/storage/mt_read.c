/* mt_read.c — see mt_read.h. */
#include "mt_read.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/mem.h"
#include "../compress/codec.h"
#include "fs.h"

/* ---- one stream ---- */

static int load_block(MtStreamReader *s, uint64_t at, Err *err)
{
    if (at >= s->file_size) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data in part %s: read past the end of a column file", s->part);
    char hdr[CODEC_CHECKSUM_SIZE + CODEC_HEADER_SIZE];
    size_t hlen = sizeof hdr;
    if (s->file_size - at < hlen) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data in part %s: truncated compressed block", s->part);
    int rc = fs_pread(s->fd, hdr, hlen, at, err);
    size_t flen = 0;
    uint32_t dsize = 0;
    if (!rc) rc = codec_frame_sizes(hdr, hlen, &flen, &dsize, err);
    if (rc) return rc;
    if (flen > s->file_size - at) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data in part %s: compressed block past the end of file", s->part);
    s->frame.len = 0;
    buf_reserve(&s->frame, flen);
    if ((rc = fs_pread(s->fd, s->frame.data, flen, at, err))) return rc;
    s->frame.len = flen;
    s->block.len = 0;
    buf_reserve(&s->block, dsize ? dsize : 1);
    if ((rc = codec_decompress_view(s->frame.data, flen, s->block.data, dsize, 0, &s->view, err))) {
        s->block_at = UINT64_MAX;
        return rc;
    }
    s->view_len = dsize;
    s->block_at = at;
    s->frame_len = flen;
    s->src.p = s->view;
    s->src.end = s->view + dsize;
    return 0;
}

static int refill(ByteSrc *src, Err *err)
{
    MtStreamReader *s = src->ctx;
    if (s->block_at == UINT64_MAX) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data in part %s", s->part);
    return load_block(s, s->block_at + s->frame_len, err);
}

static int seek_mark(MtStreamReader *s, uint32_t g, Err *err)
{
    if (g >= s->nmarks) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data in part %s: mark %u out of range", s->part, g);
    uint64_t file_off = s->marks[3 * g], block_off = s->marks[3 * g + 1];
    if (s->block_at != file_off) {
        if (file_off == s->file_size && block_off == 0) {
            /* the final mark: nothing left to read */
            s->src.p = s->src.end = s->view;
            s->block_at = UINT64_MAX;
            return 0;
        }
        int rc = load_block(s, file_off, err);
        if (rc) return rc;
    }
    if (block_off > s->view_len) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data in part %s: mark points past its block", s->part);
    s->src.p = s->view + block_off;
    s->src.end = s->view + s->view_len;
    return 0;
}

static int stream_open(MtStreamReader *s, const MtPart *p, const char *name, Err *err)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->block_at = UINT64_MAX;
    s->part = p->name;
    s->src.refill = refill;
    s->src.ctx = s;
    char path[4096];
    fs_path(path, sizeof path, "%s/%s.mrk", p->dir, name);
    Buf mk = {0};
    int rc = fs_read_all(path, (size_t)p->meta.marks * 24 + 1, &mk, err);
    if (rc) return rc;
    if (mk.len != (size_t)p->meta.marks * 24) {
        buf_free(&mk);
        return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data in part %s: marks file %s.mrk has a wrong size", p->name, name);
    }
    char fname[4096];
    fs_path(fname, sizeof fname, "%s.mrk", name);
    if ((rc = mt_part_verify_bytes(p, fname, mk.data, mk.len, err))) {
        buf_free(&mk);
        return rc;
    }
    s->marks = xcalloc(p->meta.marks, 24);
    memcpy(s->marks, mk.data, mk.len);
    buf_free(&mk);
    s->nmarks = p->meta.marks;
    fs_path(path, sizeof path, "%s/%s.bin", p->dir, name);
    s->fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (s->fd < 0) return err_set(err, ERR_FILE_DOESNT_EXIST, "Cannot open file %s", path);
    struct stat st;
    if (fstat(s->fd, &st) != 0) return err_set(err, ERR_CANNOT_STAT, "Cannot stat %s", path);
    s->file_size = (uint64_t)st.st_size;
    return 0;
}

static void stream_close(MtStreamReader *s)
{
    if (s->fd >= 0) close(s->fd);
    free(s->marks);
    buf_free(&s->frame);
    buf_free(&s->block);
}

/* ---- a column ---- */

int mt_reader_open(MtColumnReader *r, const MtPart *p, const char *column, const DataType *type, Err *err)
{
    memset(r, 0, sizeof *r);
    r->type = type;
    r->next_granule = UINT32_MAX;
    r->nstreams = mt_stream_count(type);
    r->streams = xcalloc((size_t)r->nstreams, sizeof *r->streams);
    r->srcs = xcalloc((size_t)r->nstreams, sizeof *r->srcs);
    for (int i = 0; i < r->nstreams; i++) r->streams[i].fd = -1;
    Buf base = {0};
    mt_escape_name(column, &base);
    buf_putc(&base, 0);
    char **names = xcalloc((size_t)r->nstreams, sizeof *names);
    mt_stream_names(type, base.data, names);
    buf_free(&base);
    int rc = 0;
    for (int i = 0; i < r->nstreams; i++) {
        if (!rc) rc = stream_open(&r->streams[i], p, names[i], err);
        r->srcs[i] = &r->streams[i].src;
        free(names[i]);
    }
    free(names);
    if (rc) mt_reader_close(r);
    return rc;
}

/* The size stream's name: escaped column name + MT_SIZE_SUFFIX. */
static void size_stream_name(const char *column, Buf *out)
{
    mt_escape_name(column, out);
    buf_puts(out, MT_SIZE_SUFFIX);
    buf_putc(out, 0);
}

bool mt_part_has_sizes(const MtPart *p, const char *column)
{
    Buf b = {0};
    size_stream_name(column, &b);
    b.len--;
    buf_puts(&b, ".bin");
    bool have = mt_part_file(p, buf_cstr(&b)) != NULL;
    buf_free(&b);
    return have;
}

int mt_reader_open_sizes(MtColumnReader *r, const MtPart *p, const char *column, Err *err)
{
    memset(r, 0, sizeof *r);
    r->type = type_basic(TYPE_UINT64);
    r->next_granule = UINT32_MAX;
    r->nstreams = 1;
    r->streams = xcalloc(1, sizeof *r->streams);
    r->srcs = xcalloc(1, sizeof *r->srcs);
    Buf name = {0};
    size_stream_name(column, &name);
    int rc = stream_open(&r->streams[0], p, name.data, err);
    buf_free(&name);
    r->srcs[0] = &r->streams[0].src;
    if (rc) mt_reader_close(r);
    return rc;
}

int mt_reader_read(MtColumnReader *r, const MtPart *p, uint32_t g0, uint32_t g1, Column *out, Err *err)
{
    int rc;
    if (r->next_granule != g0)
        for (int i = 0; i < r->nstreams; i++)
            if ((rc = seek_mark(&r->streams[i], g0, err))) return rc;
    uint64_t rows = 0;
    for (uint32_t g = g0; g < g1; g++) rows += mt_granule_rows(p, g);
    if ((rc = mt_read_rows(out, (size_t)rows, r->srcs, err))) {
        r->next_granule = UINT32_MAX;
        return rc;
    }
    r->next_granule = g1;
    return 0;
}

void mt_reader_close(MtColumnReader *r)
{
    for (int i = 0; i < r->nstreams; i++) stream_close(&r->streams[i]);
    free(r->streams);
    free(r->srcs);
    memset(r, 0, sizeof *r);
}
