/* stmt_insert.c — INSERT INTO t [(cols)] VALUES ... | FORMAT f <data> | SELECT.
 *
 * Data is read in chunks of max_insert_block_size rows through an input
 * format (inline text, or the sink's input stream: stdin for basalt local,
 * the request body for the servers), completed into whole table rows
 * (casts; DEFAULT and MATERIALIZED expressions; defaults for columns left
 * out) and handed to the table engine chunk by chunk.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "../sql/parser.h"
#include "../storage/mtree.h"
#include "insert_pipe.h"
#include "stmt.h"

static bool insertable(const ColumnDef *c)
{
    return c->default_kind != CD_MATERIALIZED && c->default_kind != CD_ALIAS;
}

/* Evaluates column i's DEFAULT expression over the table-shaped chunk ch. */
static int eval_default(QueryCtx *q, Table *t, int i, Chunk *ch, const FormatSettings *fs, Column **out, Err *err)
{
    const ColumnDef *cd = &t->cols[i];
    Ast *e;
    char *sql = arena_strdup(&q->arena, cd->default_sql);
    int rc = parse_expression_text(&q->arena, sql, strlen(sql), &e, err);
    if (rc) return rc;
    Expr *x;
    if ((rc = bind_table_expr(q, t, e, &x, err))) return rc;
    Column *v, *cv;
    if ((rc = expr_eval(x, ch, &v, err))) return rc;
    rc = col_cast(v, cd->type, CAST_THROW, fs, &cv, err);
    col_unref(v);
    if (rc) return rc;
    *out = col_materialize(cv);
    col_unref(cv);
    return 0;
}

int complete_insert_chunk(QueryCtx *q, Table *t, Chunk *in, int *colmap, Chunk **out, Err *err)
{
    return complete_insert_chunk_defaults(q, t, in, colmap, NULL, NULL, out, err);
}

int complete_insert_chunk_defaults(QueryCtx *q, Table *t, Chunk *in, int *colmap, DefaultRowsFn dflt, const void *ctx,
                                   Chunk **out, Err *err)
{
    /* colmap[i] = column of `in` for table column i, or -1 */
    Chunk *ch = chunk_new(t->ncols, in->rows);
    FormatSettings fs;
    format_settings_from_query(q, &fs);
    int rc = 0;
    Buf *nullrows = mem_calloc(sizeof *nullrows * (size_t)(t->ncols ? t->ncols : 1));
    for (int i = 0; i < t->ncols && !rc; i++) {
        const DataType *ty = t->cols[i].type;
        if (colmap[i] >= 0) {
            Column *src = in->cols[colmap[i]];
            if (src->type != ty && type_strip_lc(src->type)->kind == TYPE_NULLABLE && type_strip_lc(ty)->kind != TYPE_NULLABLE &&
                fs.null_as_default) {
                /* NULL into a non-Nullable column: the column default (its DEFAULT
                 * expression when it has one, below) */
                Column *asn;
                const DataType *nt = type_can_be_nullable(type_strip_lc(ty)) ? type_nullable(type_strip_lc(ty)) : NULL;
                rc = nt ? col_cast(src, nt, CAST_THROW, &fs, &asn, err) : -1;
                if (rc) {
                    if (!nt) rc = err_set(err, ERR_CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN, "Cannot insert NULL into %s", ty->name);
                    break;
                }
                Column *plain = col_new(type_strip_lc(ty));
                for (size_t r = 0; r < in->rows; r++) {
                    if (col_is_null(asn, r)) {
                        col_push_default(plain);
                        uint32_t row = (uint32_t)r;
                        buf_put(&nullrows[i], &row, sizeof row);
                    } else {
                        col_push_from(plain, asn->sub[0], col_phys(asn, r));
                    }
                }
                col_unref(asn);
                rc = col_cast(plain, ty, CAST_THROW, &fs, &ch->cols[i], err);
                col_unref(plain);
            } else {
                rc = col_cast(src, ty, CAST_THROW, &fs, &ch->cols[i], err);
            }
            if (!rc && ch->cols[i]->is_const) {
                Column *m = col_materialize(ch->cols[i]);
                col_unref(ch->cols[i]);
                ch->cols[i] = m;
            }
        } else {
            Column *c = col_new(ty);
            col_reserve(c, in->rows);
            for (size_t r = 0; r < in->rows; r++) col_push_default(c);
            ch->cols[i] = c;
        }
    }
    /* DEFAULT / MATERIALIZED expressions for columns not given */
    for (int i = 0; i < t->ncols && !rc; i++) {
        const ColumnDef *cd = &t->cols[i];
        if (colmap[i] >= 0 || !cd->default_sql || cd->default_kind == CD_ALIAS || cd->default_kind == CD_EPHEMERAL) continue;
        Column *v;
        if ((rc = eval_default(q, t, i, ch, &fs, &v, err))) break;
        col_unref(ch->cols[i]);
        ch->cols[i] = v;
    }
    /* rows given as NULL / DEFAULT / omitted for a column with a DEFAULT expression */
    for (int i = 0; i < t->ncols && !rc; i++) {
        const ColumnDef *cd = &t->cols[i];
        if (colmap[i] < 0 || !cd->default_sql || cd->default_kind != CD_DEFAULT) continue;
        size_t n = 0;
        const uint32_t *rows = dflt ? dflt(ctx, colmap[i], &n) : NULL;
        if (!n) {
            rows = (const uint32_t *)(const void *)nullrows[i].data;
            n = nullrows[i].len / sizeof(uint32_t);
        }
        if (!n) continue;
        Column *v;
        if ((rc = eval_default(q, t, i, ch, &fs, &v, err))) break;
        Column *merged = col_new(cd->type);
        size_t k = 0;
        for (size_t r = 0; r < ch->rows; r++) {
            bool use = k < n && rows[k] == r;
            if (use) k++;
            col_push_from(merged, use ? v : ch->cols[i], r);
        }
        col_unref(v);
        col_unref(ch->cols[i]);
        ch->cols[i] = merged;
    }
    for (int i = 0; i < t->ncols; i++) buf_free(&nullrows[i]);
    mem_free(nullrows, sizeof *nullrows * (size_t)(t->ncols ? t->ncols : 1));
    if (rc) {
        for (int i = 0; i < t->ncols; i++)
            if (!ch->cols[i]) ch->cols[i] = col_new(t->cols[i].type);
        chunk_free(ch);
        return rc;
    }
    *out = ch;
    return 0;
}

/* Values fallback: a value that is an SQL expression. */
typedef struct ValuesCtx { QueryCtx *q; } ValuesCtx;

static int values_expr(void *ctx, const char *s, size_t n, Column *c, Err *err)
{
    ValuesCtx *vc = ctx;
    QueryCtx *q = vc->q;
    Ast *e;
    char *text = arena_strndup(&q->arena, s, n);
    int rc = parse_expression_text(&q->arena, text, n, &e, err);
    if (rc) return err_set(err, ERR_SYNTAX_ERROR, "Cannot parse expression of type %s here: %.*s", c->type->name, (int)(n > 60 ? 60 : n), s);
    Column *v, *cv;
    if ((rc = eval_const_expr(q, e, &v, err))) return rc;
    FormatSettings fs;
    format_settings_from_query(q, &fs);
    rc = col_cast(v, c->type, CAST_THROW, &fs, &cv, err);
    col_unref(v);
    if (rc) return rc;
    col_push_from(c, cv, 0);
    col_unref(cv);
    return 0;
}

static const uint32_t *informat_defaults(const void *ctx, int j, size_t *n)
{
    return in_format_defaults(ctx, j, n);
}

static int insert_from_format(QueryCtx *q, Table *t, const char *format, InSource *src, int ncols, char **names,
                              const DataType **types, int *colmap, Err *err)
{
    const FormatDef *def = format_find(format);
    if (!def) return err_set(err, ERR_UNKNOWN_FORMAT, "Unknown format %s", format);
    InFormat f;
    int rc = in_format_open(&f, def, q, src, ncols, names, types, err);
    if (rc) return rc;
    ValuesCtx vc = {q};
    f.expr_fallback = values_expr;
    f.expr_ctx = &vc;
    int64_t block = settings_int(&q->settings, SET_max_insert_block_size);
    if (block <= 0) block = 1048449;
    /* MergeTree: parse the next block while the last one is written */
    InsertPipe *pipe = mt_is_merge_tree(t) ? insert_pipe_start(q, t) : NULL;
    for (;;) {
        Chunk *ch, *full;
        if ((rc = in_format_read(&f, (size_t)block, &ch, err)) || !ch) break;
        rc = complete_insert_chunk_defaults(q, t, ch, colmap, informat_defaults, &f, &full, err);
        chunk_free(ch);
        if (rc) break;
        q->rows_written += full->rows;
        q->bytes_written += chunk_bytes(full);
        if (pipe) {
            rc = insert_pipe_push(pipe, full, err);
        } else {
            rc = table_insert(q, t, full, err);
            chunk_free(full);
        }
        if (rc) break;
    }
    if (pipe) {
        Err perr;
        int prc = insert_pipe_finish(pipe, &perr);
        if (prc && !rc) *err = perr, rc = prc;
    }
    in_format_close(&f);
    return rc;
}

static bool blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' && p[i] != '\r') return false;
    return true;
}

/* INSERT with data as Native blocks (the TCP protocol): the header goes to
 * the client, then each block it sends is matched to the table by column
 * names (a column it leaves out takes its DEFAULT) and inserted. */
static int insert_from_blocks(QueryCtx *q, Table *t, QuerySink *sink, int ncols, char **names, const DataType **types, Err *err)
{
    int rc = sink->on_header(sink->ctx, ncols, names, types, err);
    int *colmap = arena_alloc(&q->arena, sizeof *colmap * (size_t)(t->ncols + 1));
    while (!rc) {
        Chunk *blk;
        char **bn;
        const DataType **bt;
        if ((rc = sink->next_block(sink->ctx, &blk, &bn, &bt, err)) || !blk) break;
        for (int i = 0; i < t->ncols; i++) colmap[i] = -1;
        for (int k = 0; k < blk->ncols && !rc; k++) {
            int idx = table_column_index(t, bn[k]);
            if (idx < 0) rc = err_set(err, ERR_NO_SUCH_COLUMN_IN_TABLE, "No such column %s in table %s.%s", bn[k], t->db, t->name);
            else colmap[idx] = k;
        }
        Chunk *full = NULL;
        if (!rc) rc = complete_insert_chunk(q, t, blk, colmap, &full, err);
        chunk_free(blk);
        if (rc) break;
        q->rows_written += full->rows;
        q->bytes_written += chunk_bytes(full);
        rc = table_insert(q, t, full, err);
        chunk_free(full);
    }
    return rc;
}

static int insert_from_select(QueryCtx *q, Table *t, Ast *select, int ncols, int *colmap, Err *err)
{
    Op *op;
    int rc = plan_select(q, select, &op, err);
    if (rc) return rc;
    if (op->ncols != ncols) {
        op_close(op);
        return err_set(err, ERR_NUMBER_OF_COLUMNS_DOESNT_MATCH, "Number of columns doesn't match (source: %d and result: %d)", op->ncols, ncols);
    }
    /* squash small blocks as ClickHouse does: one inserted block (one part
     * per partition in MergeTree) per min_insert_block_size_rows / _bytes */
    uint64_t min_rows = (uint64_t)settings_int(&q->settings, SET_min_insert_block_size_rows);
    uint64_t min_bytes = (uint64_t)settings_int(&q->settings, SET_min_insert_block_size_bytes);
    Chunk **pending = NULL;
    int npending = 0, cap = 0;
    uint64_t rows = 0, bytes = 0;
    for (;;) {
        Chunk *ch, *full;
        if ((rc = op_next(op, &ch, err))) break;
        if (ch) {
            rc = complete_insert_chunk(q, t, ch, colmap, &full, err);
            chunk_free(ch);
            if (rc) break;
            if (npending == cap) {
                cap = cap ? cap * 2 : 8;
                pending = xrealloc(pending, sizeof *pending * (size_t)cap);
            }
            pending[npending++] = full;
            rows += full->rows;
            bytes += chunk_bytes(full);
        }
        bool flush = !ch || (min_rows && rows >= min_rows) || (min_bytes && bytes >= min_bytes);
        if (flush && npending) {
            const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(t->ncols + 1));
            for (int i = 0; i < t->ncols; i++) types[i] = pending[0]->cols[i]->type;
            Chunk *block = npending == 1 ? pending[0] : chunks_concat(pending, npending, t->ncols, types);
            if (npending > 1)
                for (int i = 0; i < npending; i++) chunk_free(pending[i]);
            q->rows_written += block->rows;
            q->bytes_written += chunk_bytes(block);
            rc = table_insert(q, t, block, err);
            chunk_free(block);
            npending = 0;
            rows = bytes = 0;
            if (rc) break;
        }
        if (!ch) break;
    }
    for (int i = 0; i < npending; i++) chunk_free(pending[i]);
    free(pending);
    op_close(op);
    return rc;
}

int stmt_insert(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err)
{
    StmtInsert *ins = st->stmt;
    if (ins->table_func) return err_set(err, ERR_NOT_IMPLEMENTED, "INSERT INTO FUNCTION is not supported");
    int rc = 0;
    for (int i = 0; i < ins->nsettings && !rc; i++) {
        char *v;
        rc = setting_value_text(q, ins->settings[i]->a, &v, err);
        if (!rc) rc = settings_set(&q->settings, ins->settings[i]->name, v, err);
    }
    if (rc) return rc;
    Table *t;
    if ((rc = catalog_get_table(s->catalog, session_table_db(s, st->db, st->name), st->name, &t, err))) return rc;
    if (!t->engine->insert) {
        table_unref(t);
        return err_set(err, ERR_NOT_IMPLEMENTED, "Table %s.%s does not support INSERT", t->db, t->name);
    }
    /* target columns */
    int n = 0;
    char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(t->ncols + ins->ncols + 1));
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(t->ncols + ins->ncols + 1));
    int *colmap = arena_alloc(&q->arena, sizeof *colmap * (size_t)(t->ncols + 1));
    for (int i = 0; i < t->ncols; i++) colmap[i] = -1;
    if (ins->ncols) {
        for (int k = 0; k < ins->ncols; k++) {
            int idx = table_column_index(t, ins->cols[k]->name);
            if (idx < 0) {
                rc = err_set(err, ERR_NO_SUCH_COLUMN_IN_TABLE, "No such column %s in table %s.%s", ins->cols[k]->name, t->db, t->name);
                goto done;
            }
            if (t->cols[idx].default_kind == CD_MATERIALIZED || t->cols[idx].default_kind == CD_ALIAS) {
                rc = err_set(err, ERR_ILLEGAL_COLUMN, "Cannot insert column %s, because it is %s column", ins->cols[k]->name,
                             t->cols[idx].default_kind == CD_ALIAS ? "ALIAS" : "MATERIALIZED");
                goto done;
            }
            if (colmap[idx] >= 0) {
                rc = err_set(err, ERR_DUPLICATE_COLUMN, "Column %s in table %s.%s specified more than once", ins->cols[k]->name, t->db, t->name);
                goto done;
            }
            colmap[idx] = n;
            names[n] = t->cols[idx].name;
            types[n++] = t->cols[idx].type;
        }
    } else {
        for (int i = 0; i < t->ncols; i++) {
            if (!insertable(&t->cols[i]) || t->cols[i].default_kind == CD_EPHEMERAL) continue;
            bool excluded = false;
            for (int k = 0; k < ins->nexcept; k++) excluded |= !strcmp(ins->except[k]->name, t->cols[i].name);
            if (excluded) continue;
            colmap[i] = n;
            names[n] = t->cols[i].name;
            types[n++] = t->cols[i].type;
        }
    }
    if (ins->select) {
        rc = insert_from_select(q, t, ins->select, n, colmap, err);
    } else if (sink->next_block && (!ins->data_inline || blank(ins->data, ins->data_len))) {
        rc = insert_from_blocks(q, t, sink, n, names, types, err);
    } else if (ins->values || ins->format) {
        InSource src;
        const char *fmt = ins->values ? "Values" : ins->format;
        if (ins->data_inline) {
            insource_init_mem(&src, ins->data, ins->data_len);
            rc = insert_from_format(q, t, fmt, &src, n, names, types, colmap, err);
        } else if (sink->input) {
            rc = insert_from_format(q, t, fmt, sink->input, n, names, types, colmap, err);
        } else if (ins->values) {
            insource_init_mem(&src, "", 0);
            rc = insert_from_format(q, t, fmt, &src, n, names, types, colmap, err);
        } else {
            rc = err_set(err, ERR_NO_DATA_TO_INSERT, "No data to insert");
        }
    } else if (sink->input) {
        rc = insert_from_format(q, t, "TabSeparated", sink->input, n, names, types, colmap, err);
    } else {
        rc = err_set(err, ERR_NO_DATA_TO_INSERT, "No data to insert");
    }
done:
    table_unref(t);
    return rc;
}
