/* mutation.c — mutation commands: building them, their log record, binding
 * over a table and applying them to chunks of whole rows; see mutation.h.
 * Engines call this (Memory on its chunks, MergeTree part by part in
 * mt_mutate.c); the server builds the commands from ALTER / DELETE FROM.
 */
#include "mutation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../column/cast.h"
#include "../exec/expr.h"

/* ---- building ---- */

void mutation_add(Mutation *m, MutKind kind, const char *predicate, const char *text)
{
    m->cmds = xrealloc(m->cmds, sizeof *m->cmds * (size_t)(m->n + 1));
    MutCommand *c = &m->cmds[m->n++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->predicate = xstrdup(predicate);
    c->text = xstrdup(text);
}

void mutation_add_set(Mutation *m, const char *col, const char *expr)
{
    MutCommand *c = &m->cmds[m->n - 1];
    c->set_cols = xrealloc(c->set_cols, sizeof *c->set_cols * (size_t)(c->nset + 1));
    c->set_exprs = xrealloc(c->set_exprs, sizeof *c->set_exprs * (size_t)(c->nset + 1));
    c->set_cols[c->nset] = xstrdup(col);
    c->set_exprs[c->nset] = xstrdup(expr);
    c->nset++;
}

void mutation_free(Mutation *m)
{
    for (int i = 0; i < m->n; i++) {
        MutCommand *c = &m->cmds[i];
        free(c->predicate);
        free(c->text);
        for (int k = 0; k < c->nset; k++) {
            free(c->set_cols[k]);
            free(c->set_exprs[k]);
        }
        free(c->set_cols);
        free(c->set_exprs);
    }
    free(m->cmds);
    m->cmds = NULL;
    m->n = 0;
}

/* ---- the log record ----
 * basalt mutation 1\n
 * create_time <unix seconds>\n
 * then per command: "command <DELETE|UPDATE|LIGHTWEIGHT>", "text <s>",
 * "where <s>", zero or more "set <s> <s>", "end"; strings escaped (\\ \n \t
 * and space as \s) so every field is one token. */

static const char *KIND_NAMES[] = {"DELETE", "UPDATE", "LIGHTWEIGHT", "REBUILD", "COLUMNS"};

static void put_escaped(Buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\\': buf_puts(b, "\\\\"); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\t': buf_puts(b, "\\t"); break;
        case ' ': buf_puts(b, "\\s"); break;
        default: buf_putc(b, *s);
        }
    }
}

void mutation_encode(const Mutation *m, uint64_t create_time, Buf *out)
{
    buf_printf(out, "basalt mutation 1\ncreate_time %llu\n", (unsigned long long)create_time);
    for (int i = 0; i < m->n; i++) {
        const MutCommand *c = &m->cmds[i];
        buf_printf(out, "command %s\ntext ", KIND_NAMES[c->kind]);
        put_escaped(out, c->text);
        buf_puts(out, "\nwhere ");
        put_escaped(out, c->predicate);
        buf_putc(out, '\n');
        for (int k = 0; k < c->nset; k++) {
            buf_puts(out, "set ");
            put_escaped(out, c->set_cols[k]);
            buf_putc(out, ' ');
            put_escaped(out, c->set_exprs[k]);
            buf_putc(out, '\n');
        }
        buf_puts(out, "end\n");
    }
}

/* Unescapes one token of [s, e) into a new string; NULL if malformed. */
static char *get_escaped(const char *s, const char *e)
{
    char *r = xmalloc((size_t)(e - s) + 1), *w = r;
    for (; s < e; s++) {
        if (*s != '\\') {
            if (*s == ' ' || *s == 0) break;
            *w++ = *s;
            continue;
        }
        if (++s == e) break;
        switch (*s) {
        case '\\': *w++ = '\\'; break;
        case 'n': *w++ = '\n'; break;
        case 't': *w++ = '\t'; break;
        case 's': *w++ = ' '; break;
        default: s = e + 1;
        }
        if (s > e) break;
    }
    if (s != e) {
        free(r);
        return NULL;
    }
    *w = 0;
    return r;
}

/* Splits a line into its keyword and up to two tokens. */
static int split_line(const char *line, const char *end, const char **kw, size_t *kwlen, const char *tok[2], const char *tokend[2])
{
    const char *p = line;
    while (p < end && *p != ' ') p++;
    *kw = line;
    *kwlen = (size_t)(p - line);
    int n = 0;
    while (p < end && n < 2) {
        p++;
        tok[n] = p;
        while (p < end && *p != ' ') p++;
        tokend[n++] = p;
    }
    return p < end ? -1 : n;
}

static bool kw_is(const char *kw, size_t n, const char *want) { return strlen(want) == n && !memcmp(kw, want, n); }

int mutation_decode(const char *data, size_t len, Mutation *out, uint64_t *create_time, Err *err)
{
    memset(out, 0, sizeof *out);
    const char *p = data, *end = data + len;
    int line_no = 0;
    MutCommand *cur = NULL;
    bool have_text = false, have_where = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) goto bad;
        const char *kw, *tok[2] = {0}, *tokend[2] = {0};
        size_t kwlen;
        int ntok = split_line(p, nl, &kw, &kwlen, tok, tokend);
        p = nl + 1;
        line_no++;
        if (ntok < 0) goto bad;
        if (line_no == 1) {
            if (!kw_is(kw, kwlen, "basalt") || ntok != 2 || tokend[1] - tok[1] != 1 || *tok[1] != '1') goto bad;
            continue;
        }
        if (line_no == 2) {
            if (!kw_is(kw, kwlen, "create_time") || ntok != 1) goto bad;
            char num[32];
            size_t n = (size_t)(tokend[0] - tok[0]);
            if (n == 0 || n >= sizeof num) goto bad;
            memcpy(num, tok[0], n);
            num[n] = 0;
            char *e;
            *create_time = strtoull(num, &e, 10);
            if (*e) goto bad;
            continue;
        }
        if (kw_is(kw, kwlen, "command") && !cur && ntok == 1) {
            int kind = -1;
            for (int k = 0; k < 5; k++)
                if (kw_is(tok[0], (size_t)(tokend[0] - tok[0]), KIND_NAMES[k])) kind = k;
            if (kind < 0) goto bad;
            mutation_add(out, (MutKind)kind, "", "");
            cur = &out->cmds[out->n - 1];
            have_text = have_where = false;
        } else if (cur && ntok == 1 && (kw_is(kw, kwlen, "text") || kw_is(kw, kwlen, "where"))) {
            char *v = get_escaped(tok[0], tokend[0]);
            if (!v) goto bad;
            bool is_text = kw_is(kw, kwlen, "text");
            char **slot = is_text ? &cur->text : &cur->predicate;
            free(*slot);
            *slot = v;
            if (is_text) have_text = true;
            else have_where = true;
        } else if (cur && ntok == 2 && kw_is(kw, kwlen, "set")) {
            char *c = get_escaped(tok[0], tokend[0]), *e = c ? get_escaped(tok[1], tokend[1]) : NULL;
            if (c && e) mutation_add_set(out, c, e);
            free(c);
            free(e);
            if (!e) goto bad;
            cur = &out->cmds[out->n - 1];
        } else if (cur && ntok == 0 && kw_is(kw, kwlen, "end")) {
            if (!have_text || !have_where || !cur->predicate[0]) goto bad;
            if ((cur->kind == MUT_UPDATE || cur->kind == MUT_COLUMNS) != (cur->nset > 0)) goto bad;
            cur = NULL;
        } else {
            goto bad;
        }
    }
    if (cur || line_no < 2 || out->n == 0) goto bad;
    return 0;
bad:
    mutation_free(out);
    return err_set(err, ERR_CORRUPTED_DATA, "Corrupted mutation record");
}

/* ---- binding and applying ---- */

typedef struct BoundCmd {
    MutKind kind;
    Expr *pred;
    int nset;
    int *set_col;          /* table column index */
    Expr **set_expr;
} BoundCmd;

struct MutPlan {
    Table *t;
    QueryCtx *q;
    int ncols;
    BoundCmd *cmds;
    int n;
};

static int bind_one(MutPlan *p, const char *sql, Expr **out, Err *err)
{
    char **names;
    const DataType **types;
    table_header(p->t, p->q, &names, &types);
    Expr **e;
    int n;
    int rc = storage_bind(p->q, p->t->ncols, names, types, sql, &e, &n, err);
    if (rc) return rc;
    if (n != 1) return err_set(err, ERR_BAD_ARGUMENTS, "Expected one expression: %s", sql);
    *out = e[0];
    return 0;
}

static const DataType *filter_base(const DataType *t)
{
    t = type_strip_lc(t);
    if (t->kind == TYPE_NULLABLE) t = type_strip_lc(t->sub[0]);
    return t;
}

/* As ClickHouse rewrites them: DELETE WHERE p keeps the rows where
 * isZeroOrNull(p), so p may be any number; UPDATE and the lightweight
 * delete become if(p, new, old), whose condition must be UInt8. */
static int check_predicate(MutKind kind, const DataType *type, Err *err)
{
    const DataType *t = filter_base(type);
    if (t->kind == TYPE_NOTHING || t->kind == TYPE_UINT8 || t->kind == TYPE_BOOL) return 0;
    if (kind == MUT_DELETE) {
        if (type_is_number(t)) return 0;
        return err_set(err, ERR_BAD_ARGUMENTS, "The argument of function isZeroOrNull must have simple numeric type, possibly Nullable or Null");
    }
    return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type %s of first argument (condition) of function if. Must be UInt8", t->name);
}

int mutation_bind(Table *t, QueryCtx *q, const Mutation *m, MutPlan **out, Err *err)
{
    if (!storage_bind) return err_set(err, ERR_LOGICAL_ERROR, "No expression binder installed");
    MutPlan *p = arena_alloc(&q->arena, sizeof *p);
    p->t = t;
    p->q = q;
    p->ncols = t->ncols;
    p->n = m->n;
    p->cmds = arena_alloc(&q->arena, sizeof *p->cmds * (size_t)(m->n + 1));
    for (int i = 0; i < m->n; i++) {
        const MutCommand *c = &m->cmds[i];
        BoundCmd *b = &p->cmds[i];
        b->kind = c->kind;
        int rc = bind_one(p, c->predicate, &b->pred, err);
        if (rc) return rc;
        if ((rc = check_predicate(c->kind, b->pred->type, err))) return rc;
        b->nset = c->kind == MUT_COLUMNS ? 0 : c->nset;   /* names, not expressions: the engine reads them */
        b->set_col = arena_alloc(&q->arena, sizeof *b->set_col * (size_t)(c->nset + 1));
        b->set_expr = arena_alloc(&q->arena, sizeof *b->set_expr * (size_t)(c->nset + 1));
        for (int k = 0; k < b->nset; k++) {
            b->set_col[k] = table_column_index(t, c->set_cols[k]);
            if (b->set_col[k] < 0) return err_set(err, ERR_NO_SUCH_COLUMN_IN_TABLE, "There is no column %s in table", c->set_cols[k]);
            if ((rc = bind_one(p, c->set_exprs[k], &b->set_expr[k], err))) return rc;
        }
    }
    *out = p;
    return 0;
}

void mutation_reads(const MutPlan *p, bool *reads)
{
    for (int i = 0; i < p->n; i++) {
        expr_mark_inputs(p->cmds[i].pred, reads, p->ncols);
        for (int k = 0; k < p->cmds[i].nset; k++) expr_mark_inputs(p->cmds[i].set_expr[k], reads, p->ncols);
    }
}

void mutation_writes(const MutPlan *p, bool *writes)
{
    for (int i = 0; i < p->n; i++)
        for (int k = 0; k < p->cmds[i].nset; k++) writes[p->cmds[i].set_col[k]] = true;
}

bool mutation_is_lightweight(const MutPlan *p)
{
    for (int i = 0; i < p->n; i++)
        if (p->cmds[i].kind != MUT_LIGHTWEIGHT_DELETE) return false;
    return p->n > 0;
}

bool mutation_rebuilds(const MutPlan *p)
{
    for (int i = 0; i < p->n; i++)
        if (p->cmds[i].kind == MUT_REBUILD) return true;
    return false;
}

bool mutation_deletes(const MutPlan *p)
{
    for (int i = 0; i < p->n; i++)
        if (p->cmds[i].kind == MUT_DELETE) return true;
    return false;
}

/* sel[r] = the predicate holds for row r (NULL does not); returns the count. */
static int eval_pred(Expr *pred, Chunk *ch, uint8_t *sel, uint64_t *count, Err *err)
{
    Column *m;
    int rc = expr_eval(pred, ch, &m, err);
    if (rc) return rc;
    Column *full = col_materialize(m);
    col_unref(m);
    const Column *v = full->type->kind == TYPE_NULLABLE ? full->sub[0] : full;
    bool fl = type_is_float(v->type);
    uint64_t n = 0;
    for (size_t r = 0; r < ch->rows; r++) {
        sel[r] = !col_is_null(full, r) && (fl ? col_get_f64(v, r) != 0 : col_get_u64(v, r) != 0);
        n += sel[r];
    }
    col_unref(full);
    *count = n;
    return 0;
}

static void filter_chunk(Chunk *ch, const uint8_t *keep, size_t kept, Column **mask)
{
    for (int i = 0; i < ch->ncols; i++) {
        Column *f = col_filter(ch->cols[i], keep, kept);
        col_unref(ch->cols[i]);
        ch->cols[i] = f;
    }
    if (mask && *mask) {
        Column *f = col_filter(*mask, keep, kept);
        col_unref(*mask);
        *mask = f;
    }
    ch->rows = kept;
}

/* The value of an assignment, of the column's type, for every row. */
static int eval_assignment(MutPlan *p, Expr *e, int col, Chunk *ch, Column **out, Err *err)
{
    Column *v;
    int rc = expr_eval(e, ch, &v, err);
    if (rc) return rc;
    Column *full = col_materialize(v);
    col_unref(v);
    const DataType *want = p->t->cols[col].type;
    if (full->type != want) {
        FormatSettings fs;
        format_settings_default(&fs);
        Column *cv;
        rc = col_cast(full, want, CAST_THROW, &fs, &cv, err);
        col_unref(full);
        if (rc) return rc;
        full = cv;
    }
    *out = full;
    return 0;
}

static int apply_update(MutPlan *p, BoundCmd *b, Chunk *ch, const uint8_t *sel, Err *err)
{
    Column **vals = xcalloc((size_t)b->nset + 1, sizeof *vals);
    int rc = 0;
    for (int k = 0; k < b->nset && !rc; k++) rc = eval_assignment(p, b->set_expr[k], b->set_col[k], ch, &vals[k], err);
    for (int k = 0; k < b->nset && !rc; k++) {
        int c = b->set_col[k];
        Column *old = col_materialize(ch->cols[c]);
        Column *mixed = col_new(old->type);
        col_reserve(mixed, ch->rows);
        for (size_t r = 0; r < ch->rows; r++) col_push_from(mixed, sel[r] ? vals[k] : old, r);
        col_unref(old);
        col_unref(ch->cols[c]);
        ch->cols[c] = mixed;
    }
    for (int k = 0; k < b->nset; k++) col_unref(vals[k]);
    free(vals);
    return rc;
}

int mutation_apply(MutPlan *p, Chunk *ch, Column **mask, uint64_t *touched, Err *err)
{
    *touched = 0;
    uint8_t *sel = xmalloc(ch->rows + 1);
    int rc = 0;
    for (int i = 0; i < p->n && !rc && ch->rows; i++) {
        BoundCmd *b = &p->cmds[i];
        uint64_t n;
        if ((rc = eval_pred(b->pred, ch, sel, &n, err))) break;
        if (!n) continue;
        if (b->kind == MUT_REBUILD || b->kind == MUT_COLUMNS) {
            *touched += n;   /* every row, unchanged */
        } else if (b->kind == MUT_UPDATE) {
            *touched += n;
            rc = apply_update(p, b, ch, sel, err);
        } else if (b->kind == MUT_LIGHTWEIGHT_DELETE && mask) {
            Column *m = col_unshare(*mask);
            *mask = m;
            uint8_t *bits = (uint8_t *)m->data.data;
            for (size_t r = 0; r < ch->rows; r++)
                if (sel[r] && bits[r]) {
                    bits[r] = 0;
                    (*touched)++;
                }
        } else {
            *touched += n;
            for (size_t r = 0; r < ch->rows; r++) sel[r] = !sel[r];
            filter_chunk(ch, sel, ch->rows - n, mask);
        }
    }
    free(sel);
    return rc;
}

int mutation_count(MutPlan *p, Chunk *ch, uint64_t *touched, Err *err)
{
    *touched = 0;
    uint8_t *sel = xmalloc(ch->rows + 1);
    int rc = 0;
    for (int i = 0; i < p->n && !rc; i++) {
        uint64_t n;
        rc = eval_pred(p->cmds[i].pred, ch, sel, &n, err);
        *touched += n;
    }
    free(sel);
    return rc;
}
