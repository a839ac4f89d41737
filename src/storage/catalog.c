/* catalog.c — databases and tables by name; see table.h.
 *
 * One mutex guards the name maps; tables carry their own reference counts
 * and locks. Every change is also written to the metadata files under the
 * data path (catalog_disk.c), which server/startup.c replays at start.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "fs.h"
#include "table.h"

Catalog *catalog_new(const char *path)
{
    Catalog *c = xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->lock, NULL);
    c->path = path ? xstrdup(path) : NULL;
    catalog_create_database(c, "default", true, NULL);
    system_tables_register(c);
    return c;
}

static void db_free(Database *d)
{
    for (int i = 0; i < d->ntables; i++) table_unref(d->tables[i]);
    free(d->tables);
    free(d->name);
    free(d->engine);
    free(d);
}

void catalog_free(Catalog *c)
{
    if (!c) return;
    for (int i = 0; i < c->ndbs; i++) db_free(c->dbs[i]);
    free(c->dbs);
    free(c->path);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

int catalog_validate_name(const char *kind, const char *name, Err *err)
{
    size_t n = strlen(name);
    if (n == 0) return err_set(err, ERR_BAD_ARGUMENTS, "%s name cannot be empty", kind);
    if (n > 206) return err_set(err, ERR_ARGUMENT_OUT_OF_BOUND, "%s name is too long", kind);
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strchr(name, '/') || strchr(name, '\\') || memchr(name, 0, n) ||
        strchr(name, '\n'))
        return err_set(err, ERR_BAD_ARGUMENTS, "%s name '%s' contains forbidden characters", kind, name);
    return 0;
}

static Database *find_db(Catalog *c, const char *name)
{
    for (int i = 0; i < c->ndbs; i++)
        if (strcmp(c->dbs[i]->name, name) == 0) return c->dbs[i];
    return NULL;
}

static int find_table_idx(Database *d, const char *name)
{
    for (int i = 0; i < d->ntables; i++)
        if (strcmp(d->tables[i]->name, name) == 0) return i;
    return -1;
}

bool catalog_has_database(Catalog *c, const char *db)
{
    pthread_mutex_lock(&c->lock);
    bool r = find_db(c, db) != NULL;
    pthread_mutex_unlock(&c->lock);
    return r;
}

bool catalog_has_table(Catalog *c, const char *db, const char *name)
{
    pthread_mutex_lock(&c->lock);
    Database *d = find_db(c, db);
    bool r = d && find_table_idx(d, name) >= 0;
    pthread_mutex_unlock(&c->lock);
    return r;
}

int catalog_get_table(Catalog *c, const char *db, const char *name, Table **out, Err *err)
{
    pthread_mutex_lock(&c->lock);
    Database *d = find_db(c, db);
    if (!d) {
        pthread_mutex_unlock(&c->lock);
        return err_set(err, ERR_UNKNOWN_DATABASE, "Database %s does not exist", db);
    }
    int i = find_table_idx(d, name);
    if (i < 0) {
        pthread_mutex_unlock(&c->lock);
        return err_set(err, ERR_UNKNOWN_TABLE, "Table %s.%s does not exist", db, name);
    }
    *out = table_ref(d->tables[i]);
    pthread_mutex_unlock(&c->lock);
    return 0;
}

int catalog_add_table(Catalog *c, Table *t, bool if_not_exists, bool replace, Err *err)
{
    int rc = catalog_validate_name("Table", t->name, err);
    if (rc) return rc;
    if (t->is_mv) c->had_mviews = 1;
    pthread_mutex_lock(&c->lock);
    Database *d = find_db(c, t->db);
    if (!d) {
        pthread_mutex_unlock(&c->lock);
        return err_set(err, ERR_UNKNOWN_DATABASE, "Database %s does not exist", t->db);
    }
    if (d->is_system) {
        pthread_mutex_unlock(&c->lock);
        return err_set(err, ERR_ACCESS_DENIED, "Cannot create tables in database %s", t->db);
    }
    int i = find_table_idx(d, t->name);
    if (i >= 0) {
        if (replace) {
            Table *old = d->tables[i];
            d->tables[i] = t;
            pthread_mutex_unlock(&c->lock);
            if (old->engine && old->engine->on_drop && (!t->data_dir || !old->data_dir || strcmp(t->data_dir, old->data_dir)))
                old->engine->on_drop(old);
            table_unref(old);
            return catalog_disk_save_table(c, t, err);
        }
        pthread_mutex_unlock(&c->lock);
        if (if_not_exists) {
            table_unref(t);
            return 0;
        }
        return err_set(err, ERR_TABLE_ALREADY_EXISTS, "Table %s.%s already exists", t->db, t->name);
    }
    if (d->ntables == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->tables = xrealloc(d->tables, sizeof *d->tables * (size_t)d->cap);
    }
    d->tables[d->ntables++] = t;
    pthread_mutex_unlock(&c->lock);
    if ((rc = catalog_disk_save_table(c, t, err))) {
        Err e2;
        catalog_drop_table(c, t->db, t->name, true, &e2);
        return rc;
    }
    return 0;
}

int catalog_drop_table(Catalog *c, const char *db, const char *name, bool if_exists, Err *err)
{
    pthread_mutex_lock(&c->lock);
    Database *d = find_db(c, db);
    int i = d ? find_table_idx(d, name) : -1;
    if (i < 0 || d->is_system) {
        pthread_mutex_unlock(&c->lock);
        if (if_exists && !(d && d->is_system && i >= 0)) return 0;
        if (!d) return err_set(err, ERR_UNKNOWN_DATABASE, "Database %s does not exist", db);
        if (d->is_system) return err_set(err, ERR_ACCESS_DENIED, "Cannot drop table %s.%s", db, name);
        return err_set(err, ERR_UNKNOWN_TABLE, "Table %s.%s does not exist", db, name);
    }
    Table *t = d->tables[i];
    memmove(d->tables + i, d->tables + i + 1, sizeof *d->tables * (size_t)(d->ntables - i - 1));
    d->ntables--;
    pthread_mutex_unlock(&c->lock);
    catalog_disk_drop_table(c, db, name);
    if (t->engine && t->engine->on_drop) t->engine->on_drop(t);   /* its data goes with the last reference */
    table_unref(t);
    return 0;
}

int catalog_rename_table(Catalog *c, const char *db, const char *name, const char *to_db, const char *to_name, Err *err)
{
    int rc = catalog_validate_name("Table", to_name, err);
    if (rc) return rc;
    pthread_mutex_lock(&c->lock);
    Database *d = find_db(c, db), *d2 = find_db(c, to_db);
    int i = d ? find_table_idx(d, name) : -1;
    if (!d || !d2) rc = err_set(err, ERR_UNKNOWN_DATABASE, "Database %s does not exist", !d ? db : to_db);
    else if (i < 0) rc = err_set(err, ERR_UNKNOWN_TABLE, "Table %s.%s does not exist", db, name);
    else if (find_table_idx(d2, to_name) >= 0) rc = err_set(err, ERR_TABLE_ALREADY_EXISTS, "Table %s.%s already exists", to_db, to_name);
    else if (d->is_system || d2->is_system) rc = err_set(err, ERR_ACCESS_DENIED, "Cannot rename system tables");
    if (rc) {
        pthread_mutex_unlock(&c->lock);
        return rc;
    }
    Table *t = d->tables[i];
    if (t->engine && t->engine->rename && t->data_dir && c->path) {
        /* the data directory follows the table */
        char *to_dir = catalog_data_path(c, to_db, to_name);
        char *parent = xstrdup(to_dir);
        char *slash = strrchr(parent, '/');
        if (slash) *slash = 0;
        rc = fs_mkdir_p(parent, err);
        if (!rc) rc = t->engine->rename(t, to_dir, err);
        if (!rc) {
            free(t->data_dir);
            t->data_dir = to_dir;
        } else {
            free(to_dir);
        }
        free(parent);
        if (rc) {
            pthread_mutex_unlock(&c->lock);
            return rc;
        }
    }
    memmove(d->tables + i, d->tables + i + 1, sizeof *d->tables * (size_t)(d->ntables - i - 1));
    d->ntables--;
    catalog_disk_drop_table(c, db, name);
    free(t->name);
    free(t->db);
    t->name = xstrdup(to_name);
    t->db = xstrdup(to_db);
    if (d2->ntables == d2->cap) {
        d2->cap = d2->cap ? d2->cap * 2 : 8;
        d2->tables = xrealloc(d2->tables, sizeof *d2->tables * (size_t)d2->cap);
    }
    d2->tables[d2->ntables++] = t;
    pthread_mutex_unlock(&c->lock);
    return catalog_disk_save_table(c, t, err);
}

/* One table with data on disk takes the other's name: its directory moves
 * to the path that name gives (the other keeps nothing on disk). */
static int move_data_to(Catalog *c, Table *t, const Table *other, Err *err)
{
    if (!t->engine->rename || !c->path) return err_set(err, ERR_NOT_IMPLEMENTED, "EXCHANGE TABLES of these engines is not supported");
    char *to = catalog_data_path(c, other->db, other->name), *parent = xstrdup(to), *slash = strrchr(parent, '/');
    if (slash) *slash = 0;
    int rc = fs_mkdir_p(parent, err);   /* the other database may have no data directory yet */
    free(parent);
    if (!rc) rc = t->engine->rename(t, to, err);
    if (rc) {
        free(to);
        return rc;
    }
    free(t->data_dir);
    t->data_dir = to;
    return 0;
}

/* Swaps the data directories of two tables (through a temporary name). */
static int swap_data(Catalog *c, Table *a, Table *b, Err *err)
{
    if (!a->data_dir && !b->data_dir) return 0;
    if (!b->data_dir) return move_data_to(c, a, b, err);
    if (!a->data_dir) return move_data_to(c, b, a, err);
    if (!a->engine->rename || !b->engine->rename)
        return err_set(err, ERR_NOT_IMPLEMENTED, "EXCHANGE TABLES of these engines is not supported");
    Buf tmp = {0};
    buf_printf(&tmp, "%s.exchange_tmp", a->data_dir);
    buf_putc(&tmp, 0);
    char *ad = xstrdup(a->data_dir), *bd = xstrdup(b->data_dir);
    int rc = a->engine->rename(a, tmp.data, err);
    if (!rc) rc = b->engine->rename(b, ad, err);
    if (!rc) rc = a->engine->rename(a, bd, err);
    if (!rc) {
        free(a->data_dir);
        free(b->data_dir);
        a->data_dir = bd;
        b->data_dir = ad;
    } else {
        free(ad);
        free(bd);
    }
    buf_free(&tmp);
    return rc;
}

int catalog_exchange_tables(Catalog *c, const char *db1, const char *n1, const char *db2, const char *n2, Err *err)
{
    pthread_mutex_lock(&c->lock);
    Database *d1 = find_db(c, db1), *d2 = find_db(c, db2);
    int i1 = d1 ? find_table_idx(d1, n1) : -1, i2 = d2 ? find_table_idx(d2, n2) : -1;
    if (i1 < 0 || i2 < 0) {
        pthread_mutex_unlock(&c->lock);
        return err_set(err, ERR_UNKNOWN_TABLE, "Table %s.%s does not exist", i1 < 0 ? db1 : db2, i1 < 0 ? n1 : n2);
    }
    Table *a = d1->tables[i1], *b = d2->tables[i2];
    int rc = swap_data(c, a, b, err);
    if (rc) {
        pthread_mutex_unlock(&c->lock);
        return rc;
    }
    char *an = a->name, *ad = a->db;
    a->name = b->name, a->db = b->db;
    b->name = an, b->db = ad;
    d1->tables[i1] = b;
    d2->tables[i2] = a;
    pthread_mutex_unlock(&c->lock);
    rc = catalog_disk_save_table(c, a, err);
    if (!rc) rc = catalog_disk_save_table(c, b, err);
    return rc;
}

int catalog_create_database(Catalog *c, const char *name, bool if_not_exists, Err *err)
{
    int rc = catalog_validate_name("Database", name, err);
    if (rc) return rc;
    pthread_mutex_lock(&c->lock);
    if (find_db(c, name)) {
        pthread_mutex_unlock(&c->lock);
        if (if_not_exists) return 0;
        return err_set(err, ERR_DATABASE_ALREADY_EXISTS, "Database %s already exists", name);
    }
    Database *d = xcalloc(1, sizeof *d);
    d->name = xstrdup(name);
    d->engine = xstrdup("Atomic");
    c->dbs = xrealloc(c->dbs, sizeof *c->dbs * (size_t)(c->ndbs + 1));
    c->dbs[c->ndbs++] = d;
    pthread_mutex_unlock(&c->lock);
    return err ? catalog_disk_save_database(c, name, err) : 0;
}

int catalog_create_temp_database(Catalog *c, const char *name, Err *err)
{
    int rc = catalog_create_database(c, name, true, NULL);   /* NULL: nothing on disk */
    if (rc) return err ? err_set(err, rc, "Cannot create the session's temporary database") : rc;
    pthread_mutex_lock(&c->lock);
    Database *d = find_db(c, name);
    if (d) d->is_temporary = true;
    pthread_mutex_unlock(&c->lock);
    return 0;
}

const char *catalog_resolve_db(Catalog *c, const char *temp_db, const char *db, const char *current, const char *name)
{
    if (db) return db;
    if (temp_db && catalog_has_table(c, temp_db, name)) return temp_db;
    return current;
}

int catalog_drop_database(Catalog *c, const char *name, bool if_exists, Err *err)
{
    pthread_mutex_lock(&c->lock);
    for (int i = 0; i < c->ndbs; i++) {
        if (strcmp(c->dbs[i]->name, name) != 0) continue;
        if (c->dbs[i]->is_system || strcmp(name, "default") == 0) {
            pthread_mutex_unlock(&c->lock);
            return err_set(err, ERR_ACCESS_DENIED, "Cannot drop database %s", name);
        }
        Database *d = c->dbs[i];
        memmove(c->dbs + i, c->dbs + i + 1, sizeof *c->dbs * (size_t)(c->ndbs - i - 1));
        c->ndbs--;
        pthread_mutex_unlock(&c->lock);
        for (int k = 0; k < d->ntables; k++)
            if (d->tables[k]->engine && d->tables[k]->engine->on_drop) d->tables[k]->engine->on_drop(d->tables[k]);
        catalog_disk_drop_database(c, name);
        db_free(d);
        return 0;
    }
    pthread_mutex_unlock(&c->lock);
    if (if_exists) return 0;
    return err_set(err, ERR_UNKNOWN_DATABASE, "Database %s does not exist", name);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int catalog_list_databases(Catalog *c, Arena *a, char ***names, int *n)
{
    pthread_mutex_lock(&c->lock);
    char **arr = arena_alloc(a, sizeof *arr * (size_t)(c->ndbs + 1));
    int k = 0;
    for (int i = 0; i < c->ndbs; i++)
        if (!c->dbs[i]->is_temporary) arr[k++] = arena_strdup(a, c->dbs[i]->name);
    *n = k;
    pthread_mutex_unlock(&c->lock);
    qsort(arr, (size_t)*n, sizeof *arr, cmp_str);
    *names = arr;
    return 0;
}

static int cmp_table(const void *a, const void *b)
{
    return strcmp((*(Table *const *)a)->name, (*(Table *const *)b)->name);
}

int catalog_list_tables(Catalog *c, const char *db, Table ***tables, int *n)
{
    pthread_mutex_lock(&c->lock);
    Database *d = find_db(c, db);
    if (!d) {
        pthread_mutex_unlock(&c->lock);
        *tables = NULL;
        *n = 0;
        return ERR_UNKNOWN_DATABASE;
    }
    Table **arr = xcalloc((size_t)d->ntables + 1, sizeof *arr);
    for (int i = 0; i < d->ntables; i++) arr[i] = table_ref(d->tables[i]);
    *n = d->ntables;
    pthread_mutex_unlock(&c->lock);
    qsort(arr, (size_t)*n, sizeof *arr, cmp_table);
    *tables = arr;
    return 0;
}
