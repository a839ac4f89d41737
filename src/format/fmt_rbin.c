/* fmt_rbin.c — RowBinary, RowBinaryWithNames and RowBinaryWithNamesAndTypes
 * as input (the writer is in fmt_misc.c): values back to back in
 * ClickHouse's binary layout — fixed-width values little-endian as stored,
 * String as LEB128 length + bytes, Nullable as a flag byte, Array / Map as a
 * LEB128 count + elements, Tuple as its elements. The bytes come from
 * clients, so every length is checked against what is there; a row is
 * first walked without building anything to find where it ends.
 */
#include <string.h>

#include "../base/mem.h"
#include "format.h"

enum { RB_OK = 0, RB_MORE = 1, RB_BAD = -1 };

#define MAX_STRING (1u << 30)
#define MAX_EMPTY_ELEMS (1u << 20)   /* elements that take no bytes (Array(Tuple())) */

static int leb128(const char **p, const char *end, uint64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*p >= end) return RB_MORE;
        unsigned char b = (unsigned char)*(*p)++;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return RB_OK;
        }
    }
    return RB_BAD;
}

static bool takes_no_bytes(const DataType *t)
{
    if (t->kind == TYPE_NOTHING) return true;
    if (t->kind != TYPE_TUPLE) return false;
    for (int i = 0; i < t->nsub; i++)
        if (!takes_no_bytes(t->sub[i])) return false;
    return true;
}

/* One value of type t at *p: pushed into c when c is set (else only
 * walked). RB_MORE: the value goes past end. */
static int rb_read(const DataType *t, const char **p, const char *end, Column *c, int depth)
{
    if (depth > 64) return RB_BAD;
    int rc;
    uint64_t n;
    switch (t->kind) {
    case TYPE_NULLABLE:
        if (*p >= end) return RB_MORE;
        if (**p != 0 && **p != 1) return RB_BAD;
        if (*(*p)++) {
            if (c) col_push_null(c);
            return RB_OK;
        }
        if ((rc = rb_read(t->sub[0], p, end, c ? c->sub[0] : NULL, depth + 1))) return rc;
        if (c) col_nullable_commit(c, false);
        return RB_OK;
    case TYPE_LOWCARDINALITY:
        if ((rc = rb_read(t->sub[0], p, end, c ? c->sub[0] : NULL, depth + 1))) return rc;
        if (c) c->rows++;
        return RB_OK;
    case TYPE_STRING: case TYPE_AGGSTATE:
        if ((rc = leb128(p, end, &n))) return rc;
        if (n > MAX_STRING) return RB_BAD;
        if ((uint64_t)(end - *p) < n) return RB_MORE;
        if (c) col_push_str(c, *p, (size_t)n);
        *p += n;
        return RB_OK;
    case TYPE_ARRAY: case TYPE_MAP:
        if ((rc = leb128(p, end, &n))) return rc;
        if (n > MAX_STRING || (n > MAX_EMPTY_ELEMS && takes_no_bytes(t->kind == TYPE_ARRAY ? t->sub[0] : t))) return RB_BAD;
        for (uint64_t i = 0; i < n; i++)
            for (int j = 0; j < (t->kind == TYPE_MAP ? 2 : 1); j++)
                if ((rc = rb_read(t->sub[j], p, end, c ? c->sub[j] : NULL, depth + 1))) return rc;
        if (c) col_close_array(c);
        return RB_OK;
    case TYPE_TUPLE:
        for (int j = 0; j < t->nsub; j++)
            if ((rc = rb_read(t->sub[j], p, end, c ? c->sub[j] : NULL, depth + 1))) return rc;
        if (c) c->rows++;
        return RB_OK;
    case TYPE_NOTHING:
        return RB_OK;
    default: {
        size_t w = t->kind == TYPE_FIXEDSTRING ? (size_t)t->p1 : (size_t)t->size;
        if (!w) return RB_BAD;
        if ((size_t)(end - *p) < w) return RB_MORE;
        if (c) {
            if (t->kind == TYPE_FIXEDSTRING) col_push_str(c, *p, w);
            else col_push_fixed(c, *p);
        }
        *p += w;
        return RB_OK;
    }
    }
}

static const char *rb_row_end(InFormat *f, const char *p, const char *end, bool eof)
{
    if (p == end) return eof ? end : NULL;
    const char *q = p;
    for (int i = 0; i < f->nfile; i++) {
        int k = f->map[i];
        const DataType *t = k >= 0 ? f->types[k] : ((const DataType **)f->state)[i];
        int rc = rb_read(t, &q, end, NULL, 0);
        if (rc == RB_MORE) return NULL;
        if (rc == RB_BAD) return p + 1;   /* parse_row reports it */
    }
    return q;
}

static int rb_parse_row(InFormat *f, const char *p, const char *e, Err *err)
{
    for (int k = 0; k < f->ncols; k++) f->seen[k] = false;
    for (int i = 0; i < f->nfile; i++) {
        int k = f->map[i];
        const DataType *t = k >= 0 ? f->types[k] : ((const DataType **)f->state)[i];
        int rc = rb_read(t, &p, e, k >= 0 ? f->cols[k] : NULL, 0);
        if (rc)
            return err_set(err, ERR_INCORRECT_DATA, "Cannot read RowBinary value of column %d (%s): %s", i, t->name,
                           rc == RB_MORE ? "unexpected end of data" : "malformed data");
        if (k >= 0) f->seen[k] = true;
    }
    for (int k = 0; k < f->ncols; k++)
        if (!f->seen[k]) in_format_push_default(f, f->cols[k]);
    return 0;
}

/* WithNames: a LEB128 count and the names; WithNamesAndTypes: then the types. */
static int rb_begin_in(InFormat *f, Err *err)
{
    int v = f->def->variant;
    if (!v) return 0;
    InSource *s = f->src;
    const char *p = s->buf + s->pos, *end = s->buf + s->len;
    uint64_t n;
    if (leb128(&p, end, &n) || n > 1024) return err_set(err, ERR_INCORRECT_DATA, "Cannot read the RowBinary header: bad column count");
    const char **names = arena_alloc(&f->q->arena, sizeof *names * (size_t)(n ? n : 1));
    size_t *lens = arena_alloc(&f->q->arena, sizeof *lens * (size_t)(n ? n : 1));
    const DataType **types = arena_alloc(&f->q->arena, sizeof *types * (size_t)(n ? n : 1));
    for (int pass = 0; pass < (v >= 2 ? 2 : 1); pass++)
        for (uint64_t i = 0; i < n; i++) {
            uint64_t l;
            if (leb128(&p, end, &l) || l > (uint64_t)(end - p) || l > 65536)
                return err_set(err, ERR_INCORRECT_DATA, "Cannot read the RowBinary header: bad name or type");
            if (pass == 0) {
                names[i] = p, lens[i] = (size_t)l;
            } else if (type_parse_n(p, (size_t)l, &types[i], err)) {
                return err->code;
            }
            p += l;
        }
    bool by_name = settings_bool(&f->q->settings, SET_input_format_with_names_use_header);
    if (by_name) {
        if (v < 2) f->fs.skip_unknown_fields = false;   /* a column of unknown type cannot be skipped */
        int rc = in_format_map_header(f, names, lens, (int)n, err);
        if (rc) return rc;
    }
    if (v >= 2)
        for (int i = 0; i < f->nfile && (uint64_t)i < n; i++)
            if (f->map[i] >= 0 && types[i] != f->types[f->map[i]])
                return err_set(err, ERR_INCORRECT_DATA, "Type of '%s' must be %s, not %s: (while reading header)", f->names[f->map[i]],
                               f->types[f->map[i]]->name, types[i]->name);
    f->state = types;   /* skipped columns are walked by their header type */
    s->pos = (size_t)(p - s->buf);
    return 0;
}

const InVt ROWBINARY_IN = {rb_begin_in, rb_row_end, rb_parse_row};
