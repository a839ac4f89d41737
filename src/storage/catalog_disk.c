/* catalog_disk.c — the catalog's metadata on disk, under the data directory:
 *
 *   <path>/metadata/<db>.sql            CREATE DATABASE statement
 *   <path>/metadata/<db>/<table>.sql    the table's SHOW CREATE text
 *   <path>/data/<db>/<table>/           the data of on-disk engines
 *
 * Names are escaped for the file system (mt_escape_name). Every file is
 * written atomically (temporary file, fsync, rename, directory fsync), so a
 * crash leaves the old statement or the new one. Temporary tables and the
 * system databases are never written. Reading it back at startup is the
 * server's job (server/startup.c), since it runs the statements.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "../column/text.h"
#include "fs.h"
#include "mt_serial.h"
#include "table.h"

static bool skip_db(const char *db)
{
    return !strcmp(db, "system") || !strcasecmp(db, "information_schema");
}

static void esc(const char *name, Buf *b)
{
    mt_escape_name(name, b);
}

static char *meta_path(const Catalog *c, const char *db, const char *table, const char *suffix)
{
    Buf b = {0};
    buf_printf(&b, "%s/metadata/", c->path);
    esc(db, &b);
    if (table) {
        buf_putc(&b, '/');
        esc(table, &b);
    }
    buf_puts(&b, suffix);
    char *s = xstrndup(b.data, b.len);
    buf_free(&b);
    return s;
}

char *catalog_data_path(const Catalog *c, const char *db, const char *table)
{
    Buf b = {0};
    buf_printf(&b, "%s/data/", c->path ? c->path : ".");
    esc(db, &b);
    buf_putc(&b, '/');
    esc(table, &b);
    char *s = xstrndup(b.data, b.len);
    buf_free(&b);
    return s;
}

static bool active(const Catalog *c, const char *db) { return c->path && !c->loading && !skip_db(db); }

int catalog_disk_save_database(Catalog *c, const char *db, Err *err)
{
    if (!active(c, db)) return 0;
    char *dir = meta_path(c, db, NULL, ""), *file = meta_path(c, db, NULL, ".sql");
    Buf sql = {0};
    buf_puts(&sql, "CREATE DATABASE ");
    text_write_ident(&sql, db);
    buf_putc(&sql, '\n');
    int rc = fs_mkdir_p(dir, err);
    if (!rc) rc = fs_write_atomic(file, sql.data, sql.len, err);
    buf_free(&sql);
    free(dir);
    free(file);
    return rc;
}

void catalog_disk_drop_database(Catalog *c, const char *db)
{
    if (!active(c, db)) return;
    char *dir = meta_path(c, db, NULL, ""), *file = meta_path(c, db, NULL, ".sql");
    Err e;
    fs_unlink(file, &e);
    fs_remove_tree(dir);
    Buf data = {0};
    buf_printf(&data, "%s/data/", c->path);
    esc(db, &data);
    buf_putc(&data, 0);
    fs_remove_tree(data.data);
    buf_free(&data);
    free(dir);
    free(file);
}

int catalog_disk_save_table(Catalog *c, Table *t, Err *err)
{
    if (t->is_temporary || !active(c, t->db)) return 0;
    char *dir = meta_path(c, t->db, NULL, ""), *file = meta_path(c, t->db, t->name, ".sql");
    char *sql = table_create_sql(t);
    size_t n = strlen(sql);
    char *text = xcalloc(n + 2, 1);
    memcpy(text, sql, n);
    text[n] = '\n';
    int rc = fs_mkdir_p(dir, err);
    if (!rc) rc = fs_write_atomic(file, text, n + 1, err);
    free(text);
    free(sql);
    free(dir);
    free(file);
    return rc;
}

void catalog_disk_drop_table(Catalog *c, const char *db, const char *name)
{
    if (!active(c, db)) return;
    char *file = meta_path(c, db, name, ".sql");
    Err e;
    fs_unlink(file, &e);
    free(file);
}
