/* startup.c — attaching what the data directory holds: the databases and
 * tables recorded under <path>/metadata (see storage/catalog_disk.c) are
 * created again from their statements, MergeTree tables loading their parts.
 * Tables come first, views after them (a view may read any table). A
 * statement that fails is reported on stderr and skipped, so one damaged
 * table never keeps the others from starting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../storage/fs.h"
#include "../storage/mt_serial.h"
#include "stmt.h"

static int discard(void *ctx, const char *p, size_t n) { return 0; }

static void run(Session *s, const char *what, const char *sql, size_t len)
{
    QuerySink sink = {.flush = discard, .default_format = "Null"};
    Err err = {0};
    if (query_run_text(s, sql, len, &sink, &err) != 0)
        fprintf(stderr, "basalt: cannot attach %s: Code: %d. DB::Exception: %s. (%s)\n", what, err.code, err.msg,
                err_name(err.code));
    buf_free(&sink.out);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

static void load_database(Session *s, const char *dir, const char *escaped, char ***views, size_t **view_lens, int *nviews)
{
    char db[1024];
    mt_unescape_name(escaped, db, sizeof db);
    if (!catalog_has_database(s->catalog, db)) {
        Err e;
        catalog_create_database(s->catalog, db, true, &e);
    }
    char path[4096];
    if (fs_path(path, sizeof path, "%s/%s", dir, escaped)) return;
    char **names;
    int n;
    fs_list(path, &names, &n);
    for (int i = 0; i < n; i++) {
        char file[8192];
        if (fs_path(file, sizeof file, "%s/%s", path, names[i])) continue;
        if (ends_with(names[i], ".tmp")) {
            Err e;
            fs_unlink(file, &e);   /* an interrupted write: the .sql beside it is intact */
            continue;
        }
        if (!ends_with(names[i], ".sql")) continue;
        Buf b = {0};
        Err e;
        if (fs_read_all(file, 1 << 24, &b, &e) == 0) {
            if (b.len >= 11 && !strncmp(b.data, "CREATE VIEW", 11)) {
                *views = xrealloc(*views, sizeof **views * (size_t)(*nviews + 1));
                *view_lens = xrealloc(*view_lens, sizeof **view_lens * (size_t)(*nviews + 1));
                (*views)[*nviews] = xstrndup(b.data, b.len);
                (*view_lens)[(*nviews)++] = b.len;
            } else {
                run(s, names[i], b.data ? b.data : "", b.len);
            }
        }
        buf_free(&b);
    }
    fs_free_names(names, n);
}

int server_load_catalog(Session *s)
{
    Catalog *c = s->catalog;
    if (!c->path) return 0;
    char dir[4096];
    if (fs_path(dir, sizeof dir, "%s/metadata", c->path)) return 0;
    char **names;
    int n;
    fs_list(dir, &names, &n);
    c->loading = true;
    for (int i = 0; i < n; i++) {
        if (!ends_with(names[i], ".sql")) continue;
        char db[1024];
        names[i][strlen(names[i]) - 4] = 0;
        mt_unescape_name(names[i], db, sizeof db);
        Err e;
        catalog_create_database(c, db, true, &e);
        names[i][strlen(names[i])] = '.';
    }
    char **views = NULL;
    size_t *lens = NULL;
    int nviews = 0;
    for (int i = 0; i < n; i++) {
        char sub[8192];
        if (fs_path(sub, sizeof sub, "%s/%s", dir, names[i]) || !fs_is_dir(sub)) continue;
        load_database(s, dir, names[i], &views, &lens, &nviews);
    }
    for (int i = 0; i < nviews; i++) {
        run(s, "a view", views[i], lens[i]);
        free(views[i]);
    }
    free(views);
    free(lens);
    fs_free_names(names, n);
    c->loading = false;
    return 0;
}
