/* access.c — the store of SQL users and roles (see access.h): entities,
 * authentication, persistence, and the rights of a query. The statements
 * that change it are in access_stmt.c. One mutex guards the store; a query
 * works on a copy of the rights it had when it started.
 */
#include "access.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "../base/access.h"
#include "../base/mem.h"
#include "../column/text.h"
#include "../storage/fs.h"
#include "../storage/table.h"
#include "users.h"
#include "access_int.h"

pthread_mutex_t access_lock = PTHREAD_MUTEX_INITIALIZER;
AccEnt **access_ents;
int access_nents;
bool access_loading;
static char *store_file;   /* <dir>/access/entities.sql, or NULL */

AccEnt *access_find(const char *name, int want)
{
    for (int i = 0; i < access_nents; i++)
        if (!strcmp(access_ents[i]->name, name) && (want < 0 || access_ents[i]->role == (want == 1))) return access_ents[i];
    return NULL;
}

void access_ent_free(AccEnt *e)
{
    if (!e) return;
    free(e->name);
    free(e->default_db);
    for (int i = 0; i < e->nsets; i++) free(e->set_names[i]), free(e->set_values[i]);
    free(e->set_names);
    free(e->set_values);
    for (int i = 0; i < e->ng; i++) free(e->g[i].db), free(e->g[i].table);
    free(e->g);
    for (int i = 0; i < e->ngranted; i++) free(e->granted[i]);
    free(e->granted);
    free(e->admin);
    for (int i = 0; i < e->ndefaults; i++) free(e->defaults[i]);
    free(e->defaults);
    free(e);
}

/* ---- passwords ---- */

static void hash_password(const char *password, const char *salt, unsigned char out[32])
{
    size_t pl = strlen(password), sl = strlen(salt);
    unsigned char *buf = xmalloc(pl + sl + 1);
    memcpy(buf, password, pl);
    memcpy(buf + pl, salt, sl);
    SHA256(buf, pl + sl, out);
    OPENSSL_cleanse(buf, pl + sl);
    free(buf);
}

int access_set_password(AccEnt *e, const char *password)
{
    unsigned char raw[16];
    if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw) return -1;
    for (int i = 0; i < 16; i++) snprintf(e->salt + 2 * i, 3, "%02X", raw[i]);
    hash_password(password, e->salt, e->hash);
    e->no_password = false;
    return 0;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int access_set_hash(AccEnt *e, const char *hex, const char *salt)
{
    if (strlen(hex) != 64 || (salt && strlen(salt) >= sizeof e->salt)) return -1;
    for (int i = 0; i < 32; i++) {
        int h = hexval(hex[2 * i]), l = hexval(hex[2 * i + 1]);
        if (h < 0 || l < 0) return -1;
        e->hash[i] = (unsigned char)(h << 4 | l);
    }
    snprintf(e->salt, sizeof e->salt, "%s", salt ? salt : "");
    e->no_password = false;
    return 0;
}

bool access_authenticate(const char *name, const char *password, int *readonly)
{
    pthread_mutex_lock(&access_lock);
    AccEnt *e = access_find(name, 0);
    unsigned char h[32];
    hash_password(password, e ? e->salt : "", h);   /* hashed either way: unknown users cost the same */
    bool ok = e && (e->no_password ? !*password : CRYPTO_memcmp(h, e->hash, sizeof h) == 0);
    if (ok && readonly) {
        *readonly = 0;
        for (int i = 0; i < e->nsets; i++)
            if (!strcmp(e->set_names[i], "readonly")) *readonly = atoi(e->set_values[i]);
    }
    pthread_mutex_unlock(&access_lock);
    OPENSSL_cleanse(h, sizeof h);
    return ok;
}

/* ---- persistence ---- */

static void put_names(Buf *b, char **names, int n)
{
    for (int i = 0; i < n; i++) {
        if (i) buf_puts(b, ", ");
        text_write_ident(b, names[i]);
    }
}

void access_grant_target(Buf *b, const char *db, const char *table)
{
    if (db) text_write_ident(b, db);
    else buf_putc(b, '*');
    buf_putc(b, '.');
    if (table) text_write_ident(b, table);
    else buf_putc(b, '*');
}

/* The GRANT / REVOKE statements of an entity's privileges, one a line. */
void access_grants_sql(const AccEnt *e, Buf *b, bool with_semicolons)
{
    for (int pass = 0; pass < 2; pass++)   /* grants, then partial revokes */
        for (int i = 0; i < e->ng; i++) {
            const AccessGrant *g = &e->g[i];
            if (g->revoke != (pass == 1) || !g->privs) continue;
            buf_puts(b, g->revoke ? "REVOKE " : "GRANT ");
            access_privs_text(g->privs, b);
            buf_puts(b, " ON ");
            access_grant_target(b, g->db, g->table);
            buf_puts(b, g->revoke ? " FROM " : " TO ");
            text_write_ident(b, e->name);
            if (g->grant_option) buf_puts(b, " WITH GRANT OPTION");
            buf_puts(b, with_semicolons ? ";\n" : "\n");
        }
    for (int i = 0; i < e->ngranted; i++) {
        buf_puts(b, "GRANT ");
        text_write_ident(b, e->granted[i]);
        buf_puts(b, " TO ");
        text_write_ident(b, e->name);
        if (e->admin[i]) buf_puts(b, " WITH ADMIN OPTION");
        buf_puts(b, with_semicolons ? ";\n" : "\n");
    }
}

static void quote_string(Buf *b, const char *s)
{
    buf_putc(b, '\'');
    for (; *s; s++) {
        if (*s == '\'' || *s == '\\') buf_putc(b, '\\');
        buf_putc(b, *s);
    }
    buf_putc(b, '\'');
}

/* CREATE USER / ROLE as the store writes it back. */
void access_create_sql(const AccEnt *e, Buf *b, bool with_secret)
{
    buf_puts(b, e->role ? "CREATE ROLE " : "CREATE USER ");
    text_write_ident(b, e->name);
    if (e->role) return;
    if (e->no_password) {
        buf_puts(b, " IDENTIFIED WITH no_password");
    } else if (with_secret) {
        buf_puts(b, " IDENTIFIED WITH sha256_hash BY '");
        for (int i = 0; i < 32; i++) buf_printf(b, "%02X", e->hash[i]);
        buf_puts(b, "' SALT ");
        quote_string(b, e->salt);
    } else {
        buf_puts(b, " IDENTIFIED WITH sha256_password");
    }
    if (e->default_db) {
        buf_puts(b, " DEFAULT DATABASE ");
        text_write_ident(b, e->default_db);
    }
    if (e->default_mode == ROLES_NONE) buf_puts(b, " DEFAULT ROLE NONE");
    if (e->nsets) {
        buf_puts(b, " SETTINGS ");
        for (int i = 0; i < e->nsets; i++) {
            if (i) buf_puts(b, ", ");
            buf_printf(b, "%s = ", e->set_names[i]);
            quote_string(b, e->set_values[i]);
        }
    }
}

int access_save(Err *err)
{
    if (!store_file || access_loading) return 0;
    Buf b = {0};
    buf_puts(&b, "-- basalt access entities: rewritten on every change, replayed at startup\n");
    for (int pass = 0; pass < 2; pass++)   /* roles first: users are granted them */
        for (int i = 0; i < access_nents; i++) {
            const AccEnt *e = access_ents[i];
            if (e->role != (pass == 0)) continue;
            access_create_sql(e, &b, true);
            buf_puts(&b, ";\n");
        }
    for (int i = 0; i < access_nents; i++) access_grants_sql(access_ents[i], &b, true);
    for (int i = 0; i < access_nents; i++) {
        const AccEnt *e = access_ents[i];
        if (e->role || (e->default_mode != ROLES_LIST && e->default_mode != ROLES_ALL_EXCEPT)) continue;
        buf_puts(&b, "SET DEFAULT ROLE ");
        if (e->default_mode == ROLES_ALL_EXCEPT) buf_puts(&b, "ALL EXCEPT ");
        put_names(&b, e->defaults, e->ndefaults);
        buf_puts(&b, " TO ");
        text_write_ident(&b, e->name);
        buf_puts(&b, ";\n");
    }
    int rc = fs_write_atomic(store_file, b.data, b.len, err);
    buf_free(&b);
    return rc;
}

/* system.users / system.roles (storage/system.c): the configured users, then the store's. */
static void list_entities(bool roles, SysAccessRow row, void *ctx)
{
    if (!roles) {
        char **names;
        int n = users_list(&names);
        for (int i = 0; i < n; i++) {
            row(ctx, names[i], "users_file", "sha256_password", "");
            free(names[i]);
        }
        free(names);
    }
    pthread_mutex_lock(&access_lock);
    for (int i = 0; i < access_nents; i++) {
        const AccEnt *e = access_ents[i];
        if (e->role != roles) continue;
        row(ctx, e->name, "local_directory", roles ? NULL : e->no_password ? "no_password" : "sha256_password",
            roles ? NULL : e->default_db ? e->default_db : "");
    }
    pthread_mutex_unlock(&access_lock);
}

static int discard(void *ctx, const char *p, size_t n) { return 0; }

int access_store_open(Session *s, const char *dir)
{
    system_set_access_lister(list_entities);
    if (!dir) return 0;
    char d[4096], f[4096];
    Err err;
    fs_path(d, sizeof d, "%s/access", dir);
    if (fs_mkdir_p(d, &err)) {
        fprintf(stderr, "basalt: %s\n", err.msg);
        return -1;
    }
    fs_path(f, sizeof f, "%s/entities.sql", d);
    Buf text = {0};
    int rc = 0;
    if (fs_read_all(f, (size_t)1 << 30, &text, &err) == 0) {
        QuerySink none = {.flush = discard, .default_format = "Null"};
        access_loading = true;
        rc = query_run_text(s, text.data ? text.data : "", text.len, &none, &err);
        access_loading = false;
        buf_free(&none.out);
        if (rc) fprintf(stderr, "basalt: %s: %s\n", f, err.msg);
    }
    buf_free(&text);
    if (!rc) store_file = xstrdup(f);
    return rc ? -1 : 0;
}

/* ---- sessions and queries ---- */

int access_apply_profile(Session *s, bool keep_database, Err *err)
{
    pthread_mutex_lock(&access_lock);
    AccEnt *e = access_find(s->user, 0);
    int rc = 0;
    if (e) {
        for (int i = 0; i < e->nsets && !rc; i++)
            if (strcmp(e->set_names[i], "readonly")) rc = settings_set(&s->settings, e->set_names[i], e->set_values[i], err);
        if (!rc && e->default_db && *e->default_db && !keep_database) {
            free(s->database);
            s->database = xstrdup(e->default_db);
        }
    }
    pthread_mutex_unlock(&access_lock);
    return rc;
}

bool access_role_granted(const AccEnt *e, const char *role)
{
    for (int i = 0; i < e->ngranted; i++)
        if (!strcmp(e->granted[i], role)) return true;
    return false;
}

/* Checks roles for SET ROLE: each exists and is granted to the user. Lock held. */
int access_validate_roles(const char *user, char **roles, int n, Err *err)
{
    AccEnt *u = access_find(user, 0);
    for (int i = 0; i < n; i++) {
        if (!access_find(roles[i], 1)) return err_set(err, ERR_UNKNOWN_ROLE, "There is no role `%s` in `user directories`", roles[i]);
        if (!u || !access_role_granted(u, roles[i]))
            return err_set(err, ERR_SET_NON_GRANTED_ROLE, "Role %s should be granted to set as a current one", roles[i]);
    }
    return 0;
}

void access_session_roles(Session *s, RolesMode mode, char **roles, int n)
{
    for (int i = 0; i < s->nroles; i++) free(s->roles[i]);
    free(s->roles);
    s->roles = n ? xcalloc((size_t)n, sizeof *s->roles) : NULL;
    for (int i = 0; i < n; i++) s->roles[i] = xstrdup(roles[i]);
    s->nroles = n;
    s->roles_mode = mode;
}

int access_set_request_roles(Session *s, char **roles, int n, Err *err)
{
    if (!n) return 0;
    pthread_mutex_lock(&access_lock);
    int rc = access_validate_roles(s->user, roles, n, err);
    pthread_mutex_unlock(&access_lock);
    if (!rc) access_session_roles(s, ROLES_LIST, roles, n);
    return rc;
}

static bool in_list(char **names, int n, const char *x)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(names[i], x)) return true;
    return false;
}

static void add_name(char ***names, int *n, const char *x)
{
    if (in_list(*names, *n, x)) return;
    *names = xrealloc(*names, sizeof **names * (size_t)(*n + 1));
    (*names)[(*n)++] = xstrdup(x);
}

/* The user's current roles: those SET ROLE chose, else its default roles. Lock held. */
static void current_roles(const Session *s, const AccEnt *u, Access *a)
{
    RolesMode mode = s->roles_mode == ROLES_UNSET || s->roles_mode == ROLES_DEFAULT ? u->default_mode : (RolesMode)s->roles_mode;
    char **list = s->roles_mode == ROLES_UNSET || s->roles_mode == ROLES_DEFAULT ? u->defaults : s->roles;
    int nlist = s->roles_mode == ROLES_UNSET || s->roles_mode == ROLES_DEFAULT ? u->ndefaults : s->nroles;
    for (int i = 0; i < u->ngranted; i++) {
        const char *r = u->granted[i];
        bool on = mode == ROLES_UNSET || mode == ROLES_ALL || (mode == ROLES_LIST && in_list(list, nlist, r)) ||
                  (mode == ROLES_ALL_EXCEPT && !in_list(list, nlist, r));
        if (on && access_find(r, 1)) add_name(&a->roles, &a->nroles, r);
    }
}

static void copy_grants(Access *a, const AccEnt *e)
{
    a->g = xrealloc(a->g, sizeof *a->g * (size_t)(a->n + e->ng + 1));
    for (int i = 0; i < e->ng; i++) {
        AccessGrant g = e->g[i];
        g.db = g.db ? xstrdup(g.db) : NULL;
        g.table = g.table ? xstrdup(g.table) : NULL;
        g.owner = a->nowners;
        a->g[a->n++] = g;
    }
    a->nowners++;
}

/* The rights of a user with its current roles. Lock held; NULL if not a SQL user. */
Access *access_rights(const Session *s, const char *user)
{
    const AccEnt *u = access_find(user, 0);
    if (!u) return NULL;
    Access *a = xcalloc(1, sizeof *a);
    a->user = xstrdup(user);
    copy_grants(a, u);
    current_roles(s, u, a);
    for (int i = 0; i < a->nroles; i++) add_name(&a->enabled, &a->nenabled, a->roles[i]);
    for (int i = 0; i < a->nenabled; i++) {   /* roles granted to enabled roles (the list grows) */
        const AccEnt *r = access_find(a->enabled[i], 1);
        if (!r) continue;
        copy_grants(a, r);
        for (int k = 0; k < r->ngranted; k++)
            if (access_find(r->granted[k], 1)) add_name(&a->enabled, &a->nenabled, r->granted[k]);
    }
    return a;
}

int access_begin_query(Session *s, QueryCtx *q, Err *err)
{
    pthread_mutex_lock(&access_lock);
    q->access = access_rights(s, s->user);
    pthread_mutex_unlock(&access_lock);
    return 0;
}

void access_end_query(QueryCtx *q)
{
    access_free((Access *)q->access);
    q->access = NULL;
}
