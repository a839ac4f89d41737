/* table.c — Table objects: creation, reference counting, SHOW CREATE text. */
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/mem.h"
#include "../column/text.h"
#include "table.h"

StorageBindFn storage_bind;

Table *table_new(const char *db, const char *name, const ColumnDef *cols, int ncols)
{
    Table *t = xcalloc(1, sizeof *t);
    t->refs = 1;
    t->db = xstrdup(db);
    t->name = xstrdup(name);
    t->ncols = ncols;
    t->cols = xcalloc((size_t)(ncols ? ncols : 1), sizeof *t->cols);
    for (int i = 0; i < ncols; i++) {
        t->cols[i] = cols[i];
        t->cols[i].name = xstrdup(cols[i].name);
        t->cols[i].default_sql = cols[i].default_sql ? xstrdup(cols[i].default_sql) : NULL;
        t->cols[i].comment = cols[i].comment ? xstrdup(cols[i].comment) : NULL;
        t->cols[i].codec = cols[i].codec ? xstrdup(cols[i].codec) : NULL;
    }
    pthread_rwlock_init(&t->lock, NULL);
    return t;
}

Table *table_ref(Table *t)
{
    __atomic_add_fetch(&t->refs, 1, __ATOMIC_RELAXED);
    return t;
}

static void free_cols(ColumnDef *cols, int n)
{
    for (int i = 0; i < n; i++) {
        free(cols[i].name);
        free(cols[i].default_sql);
        free(cols[i].comment);
        free(cols[i].codec);
    }
    free(cols);
}

void table_unref(Table *t)
{
    if (!t || __atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL) > 0) return;
    if (t->engine && t->engine->destroy) t->engine->destroy(t);
    free_cols(t->cols, t->ncols);
    free(t->db);
    free(t->name);
    free(t->engine_full);
    free(t->comment);
    free(t->view_sql);
    free(t->mv_src_db);
    free(t->mv_src);
    free(t->mv_to_db);
    free(t->mv_to);
    free(t->data_dir);
    for (int i = 0; i < t->nindex; i++) free(t->index_sql[i]);
    free(t->index_sql);
    pthread_rwlock_destroy(&t->lock);
    free(t);
}

const char *table_engine_name(const Table *t)
{
    static __thread char buf[64];
    if (t->is_mv) return "MaterializedView";
    if (t->is_view) return "View";
    if (!t->engine) return "";
    /* the MergeTree family shares one engine object: its name starts engine_full */
    if (t->engine_full && strstr(t->engine->name, "MergeTree")) {
        size_t n = strcspn(t->engine_full, "(\n ");
        if (n >= sizeof buf) n = sizeof buf - 1;
        memcpy(buf, t->engine_full, n);
        buf[n] = 0;
        return buf;
    }
    return t->engine->name;
}

int table_column_index(const Table *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0) return i;
    return -1;
}

static const char *KIND_NAMES[] = {"", "DEFAULT", "MATERIALIZED", "ALIAS", "EPHEMERAL"};

char *table_create_sql(const Table *t) { return table_create_sql_inner(t, NULL); }

/* ClickHouse's one-line form of formatted SQL (system.tables): a line break
 * and its indent become one space, or nothing after '(' and before ')';
 * quoted text is copied as it is. */
char *sql_one_line(const char *s)
{
    Buf b = {0};
    char quote = 0;
    for (const char *p = s; *p; p++) {
        if (quote) {
            buf_putc(&b, *p);
            if (*p == '\\' && p[1]) buf_putc(&b, *++p);
            else if (*p == quote) quote = 0;
            continue;
        }
        if (*p == '\'' || *p == '`' || *p == '"') quote = *p;
        if (*p != '\n') {
            buf_putc(&b, *p);
            continue;
        }
        while (p[1] == ' ') p++;
        bool after_open = b.len && b.data[b.len - 1] == '(';
        if (!after_open && p[1] != ')' && p[1]) buf_putc(&b, ' ');
    }
    char *r = xstrndup(b.data ? b.data : "", b.len);
    buf_free(&b);
    return r;
}

char *table_create_sql_inner(const Table *t, const char *inner_engine)
{
    Buf b = {0};
    buf_puts(&b, t->is_mv ? "CREATE MATERIALIZED VIEW " : t->is_view ? "CREATE VIEW " : t->is_temporary ? "CREATE TEMPORARY TABLE " : "CREATE TABLE ");
    if (!t->is_temporary) {
        text_write_ident(&b, t->db);
        buf_putc(&b, '.');
    }
    text_write_ident(&b, t->name);
    if (t->is_mv && !inner_engine) {
        buf_puts(&b, " TO ");
        text_write_ident(&b, t->mv_to_db);
        buf_putc(&b, '.');
        text_write_ident(&b, t->mv_to);
    }
    buf_puts(&b, "\n(\n");
    for (int i = 0; i < t->ncols; i++) {
        const ColumnDef *c = &t->cols[i];
        buf_puts(&b, "    `");
        for (const char *p = c->name; *p; p++) {
            if (*p == '`' || *p == '\\') buf_putc(&b, '\\');
            buf_putc(&b, *p);
        }
        buf_printf(&b, "` %s", c->type->name);
        if (c->default_kind != CD_NONE) {
            buf_printf(&b, " %s", KIND_NAMES[c->default_kind]);
            if (c->default_sql) buf_printf(&b, " %s", c->default_sql);
        }
        if (c->comment) {
            buf_puts(&b, " COMMENT ");
            text_quote_sql(&b, c->comment, strlen(c->comment));
        }
        if (c->codec) buf_printf(&b, " CODEC(%s)", c->codec);
        buf_puts(&b, i + 1 < t->ncols || t->nindex ? ",\n" : "\n");
    }
    for (int i = 0; i < t->nindex; i++) buf_printf(&b, "    %s%s", t->index_sql[i], i + 1 < t->nindex ? ",\n" : "\n");
    buf_puts(&b, ")");
    if (inner_engine) buf_printf(&b, "\nENGINE = %s", inner_engine);
    if (t->is_view && t->view_sql) {
        buf_printf(&b, "\nAS %s", t->view_sql);
    } else if (t->engine_full) {
        /* "Null" is also a keyword, so ClickHouse backquotes that engine name */
        buf_printf(&b, "\nENGINE = %s", !strcmp(t->engine_full, "Null") ? "`Null`" : t->engine_full);
    }
    if (t->comment) {
        buf_puts(&b, "\nCOMMENT ");
        text_quote_sql(&b, t->comment, strlen(t->comment));
    }
    char *s = xstrndup(b.data, b.len);
    buf_free(&b);
    return s;
}

void table_header(Table *t, QueryCtx *q, char ***names, const DataType ***types)
{
    *names = arena_alloc(&q->arena, sizeof **names * (size_t)(t->ncols + 1));
    *types = arena_alloc(&q->arena, sizeof **types * (size_t)(t->ncols + 1));
    for (int i = 0; i < t->ncols; i++) {
        (*names)[i] = t->cols[i].name;
        (*types)[i] = t->cols[i].type;
    }
}
