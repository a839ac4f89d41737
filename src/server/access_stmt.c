/* access_stmt.c — the access control statements (AST_ACCESS, parsed by
 * sql/parse_access.c) run against the store of access.c, and the
 * privileges every other statement needs (access_check_statement, called
 * by query.c before a statement runs; the tables a SELECT reads are checked
 * by the analyzer, analyze/from.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../column/text.h"
#include "access.h"
#include "access_int.h"
#include "stmt.h"
#include "users.h"

/* ---- checks of the issuer ---- */

static int need(QueryCtx *q, uint32_t priv, Err *err)
{
    return access_loading ? 0 : access_check(q->access, priv, NULL, NULL, err);
}

/* ---- entities ---- */

static AccEnt *new_entity(const char *name, bool role)
{
    AccEnt *e = xcalloc(1, sizeof *e);
    e->name = xstrdup(name);
    e->role = role;
    e->no_password = true;
    access_ents = xrealloc(access_ents, sizeof *access_ents * (size_t)(access_nents + 1));
    access_ents[access_nents++] = e;
    return e;
}

static void remove_entity(AccEnt *e)
{
    for (int i = 0; i < access_nents; i++)
        if (access_ents[i] == e) {
            memmove(&access_ents[i], &access_ents[i + 1], sizeof *access_ents * (size_t)(access_nents - i - 1));
            access_nents--;
            break;
        }
    if (e->role)   /* nobody holds a dropped role any more */
        for (int i = 0; i < access_nents; i++) {
            AccEnt *x = access_ents[i];
            for (int k = 0; k < x->ngranted; k++)
                if (!strcmp(x->granted[k], e->name)) {
                    free(x->granted[k]);
                    x->granted[k] = x->granted[x->ngranted - 1];
                    x->admin[k] = x->admin[x->ngranted - 1];
                    x->ngranted--;
                    k--;
                }
        }
    access_ent_free(e);
}

static const char *kind_name(bool role) { return role ? "role" : "user"; }

static int set_auth(AccEnt *e, const StmtAccess *a, Err *err)
{
    if (!a->auth) return 0;
    if (!strcmp(a->auth, "no_password")) {
        e->no_password = true;
        return 0;
    }
    if (!strcmp(a->auth, "sha256_hash")) {
        if (access_set_hash(e, a->secret ? a->secret : "", a->salt))
            return err_set(err, ERR_BAD_ARGUMENTS, "The password hash should be 64 hexadecimal digits");
        return 0;
    }
    if (!strcmp(a->auth, "sha256_password") || !strcmp(a->auth, "plaintext_password")) {
        if (access_set_password(e, a->secret ? a->secret : ""))
            return err_set(err, ERR_CANNOT_ALLOCATE_MEMORY, "No randomness for the password salt");
        return 0;
    }
    return err_set(err, ERR_NOT_IMPLEMENTED, "Authentication type %s is not supported (use sha256_password, sha256_hash, plaintext_password or no_password)", a->auth);
}

static int set_settings(QueryCtx *q, AccEnt *e, const StmtAccess *a, Err *err)
{
    if (!a->nsettings) return 0;
    Settings probe;
    settings_init(&probe);
    char **names = xcalloc((size_t)a->nsettings, sizeof *names), **values = xcalloc((size_t)a->nsettings, sizeof *values);
    int rc = 0, n = 0;
    for (int i = 0; i < a->nsettings && !rc; i++) {
        char *v;
        if ((rc = setting_value_text(q, a->settings[i]->a, &v, err)) || (rc = settings_set(&probe, a->settings[i]->name, v, err))) break;
        names[n] = xstrdup(a->settings[i]->name);
        values[n++] = xstrdup(v);
    }
    settings_free(&probe);
    if (rc) {
        for (int i = 0; i < n; i++) free(names[i]), free(values[i]);
        free(names);
        free(values);
        return rc;
    }
    for (int i = 0; i < e->nsets; i++) free(e->set_names[i]), free(e->set_values[i]);
    free(e->set_names);
    free(e->set_values);
    e->set_names = names;
    e->set_values = values;
    e->nsets = n;
    return 0;
}

static void set_default_roles(AccEnt *e, RolesMode mode, char **roles, int n)
{
    for (int i = 0; i < e->ndefaults; i++) free(e->defaults[i]);
    free(e->defaults);
    e->defaults = n ? xcalloc((size_t)n, sizeof *e->defaults) : NULL;
    for (int i = 0; i < n; i++) e->defaults[i] = xstrdup(roles[i]);
    e->ndefaults = n;
    e->default_mode = mode == ROLES_ALL ? ROLES_UNSET : mode;
}

static int user_clauses(QueryCtx *q, AccEnt *e, const StmtAccess *a, Err *err)
{
    int rc = set_auth(e, a, err);
    if (!rc) rc = set_settings(q, e, a, err);
    if (rc) return rc;
    if (a->default_db) {
        free(e->default_db);
        e->default_db = *a->default_db ? xstrdup(a->default_db) : NULL;
    }
    if (a->roles_mode != ROLES_UNSET) set_default_roles(e, a->roles_mode, a->roles, a->nroles);
    return 0;
}

static int create_entity(QueryCtx *q, const StmtAccess *a, bool role, Err *err)
{
    int rc = need(q, role ? PRIV_CREATE_ROLE : PRIV_CREATE_USER, err);
    if (rc) return rc;
    if (role && a->nsettings) return err_set(err, ERR_NOT_IMPLEMENTED, "SETTINGS of a role are not supported");
    for (int i = 0; i < a->nnames && !rc; i++) {
        const char *name = a->names[i];
        AccEnt *old = access_find(name, role);
        bool config = !role && users_exists(name);
        if ((old || config) && a->if_not_exists) continue;
        if (config || (old && !a->or_replace))
            return err_set(err, ERR_ACCESS_ENTITY_ALREADY_EXISTS, "%s `%s`: cannot insert because %s `%s` already exists in %s", kind_name(role),
                           name, kind_name(role), name, config ? "users_file" : "local_directory");
        if (old) remove_entity(old);
        AccEnt *e = new_entity(name, role);
        if (!role && (rc = user_clauses(q, e, a, err))) remove_entity(e);
    }
    return rc;
}

static int drop_entity(QueryCtx *q, const StmtAccess *a, bool role, Err *err)
{
    int rc = need(q, role ? PRIV_DROP_ROLE : PRIV_DROP_USER, err);
    for (int i = 0; i < a->nnames && !rc; i++)
        if (!access_find(a->names[i], role) && !a->if_exists)
            return err_set(err, role ? ERR_UNKNOWN_ROLE : ERR_UNKNOWN_USER, "There is no %s `%s` in `user directories`", kind_name(role), a->names[i]);
    for (int i = 0; i < a->nnames && !rc; i++) {
        AccEnt *e = access_find(a->names[i], role);
        if (e) remove_entity(e);
    }
    return rc;
}

static int alter_user(QueryCtx *q, const StmtAccess *a, Err *err)
{
    int rc = need(q, PRIV_ALTER_USER, err);
    for (int i = 0; i < a->nnames && !rc; i++) {
        AccEnt *e = access_find(a->names[i], 0);
        if (!e) {
            if (a->if_exists) continue;
            return err_set(err, ERR_UNKNOWN_USER, "There is no user `%s` in `user directories`", a->names[i]);
        }
        rc = user_clauses(q, e, a, err);
    }
    return rc;
}

/* ---- grants ---- */

/* Whether scope (db, table) lies within scope (odb, otable). */
static bool within(const char *db, const char *table, const char *odb, const char *otable)
{
    if (odb && (!db || strcmp(db, odb))) return false;
    if (otable && (!table || strcmp(table, otable))) return false;
    return true;
}

static bool same(const char *x, const char *y) { return x ? y && !strcmp(x, y) : !y; }

static void add_entry(AccEnt *e, const char *db, const char *table, uint32_t privs, bool revoke, bool option)
{
    for (int i = 0; i < e->ng; i++) {
        AccessGrant *g = &e->g[i];
        if (g->revoke == revoke && g->grant_option == option && same(g->db, db) && same(g->table, table)) {
            g->privs |= privs;
            return;
        }
    }
    e->g = xrealloc(e->g, sizeof *e->g * (size_t)(e->ng + 1));
    e->g[e->ng++] = (AccessGrant){db ? xstrdup(db) : NULL, table ? xstrdup(table) : NULL, privs, revoke, option, 0};
}

static void drop_empty(AccEnt *e)
{
    int k = 0;
    for (int i = 0; i < e->ng; i++) {
        if (e->g[i].privs) {
            e->g[k++] = e->g[i];
        } else {
            free(e->g[i].db);
            free(e->g[i].table);
        }
    }
    e->ng = k;
}

static void grant_privs(AccEnt *e, const char *db, const char *table, uint32_t privs, bool option)
{
    for (int i = 0; i < e->ng; i++)   /* a grant undoes partial revokes inside its scope */
        if (e->g[i].revoke && within(e->g[i].db, e->g[i].table, db, table)) e->g[i].privs &= ~privs;
    drop_empty(e);
    add_entry(e, db, table, privs, false, option);
}

static void revoke_privs(AccEnt *e, const char *db, const char *table, uint32_t privs, bool option_only)
{
    uint32_t broader = 0;
    int n = e->ng;
    for (int i = 0; i < n; i++) {
        AccessGrant *g = &e->g[i];
        if (g->revoke) continue;
        if (within(g->db, g->table, db, table)) {   /* at or inside the revoked scope: taken away */
            uint32_t hit = g->privs & privs;
            if (option_only && g->grant_option && hit) {
                g->privs &= ~hit;
                add_entry(e, g->db, g->table, hit, false, false);
                g = &e->g[i];
            } else if (!option_only) {
                g->privs &= ~privs;
            }
        } else if (within(db, table, g->db, g->table)) {
            broader |= g->privs & privs;   /* granted more widely: a partial revoke */
        }
    }
    if (broader && !option_only) add_entry(e, db, table, broader, true, false);
    drop_empty(e);
}

static AccEnt *grantee(Session *s, const char *name, Err *err)
{
    const char *n = strcmp(name, "CURRENT_USER") ? name : s->user;
    AccEnt *e = access_find(n, 0);
    if (!e) e = access_find(n, 1);
    if (!e) err_set(err, ERR_UNKNOWN_ROLE, "There is no role `%s` in `user directories`", n);   /* as ClickHouse words it for any grantee */
    return e;
}

static int grant_or_revoke_privs(Session *s, QueryCtx *q, const StmtAccess *a, Err *err)
{
    bool revoke = a->op == ACC_REVOKE;
    uint32_t privs = 0;
    for (int i = 0; i < a->nprivs; i++) {
        uint32_t p = access_privs_of(a->privs[i]);
        if (!p) return err_set(err, ERR_SYNTAX_ERROR, "Unknown access type: %s", a->privs[i]);
        privs |= p;
    }
    const char *db = a->on_db ? a->on_db : a->on_table ? q->database : NULL;
    int rc = access_loading ? 0 : access_check_option(q->access, privs, db, a->on_table, err);
    if (rc) return rc;
    AccEnt **targets = xcalloc((size_t)a->ngrantees + 1, sizeof *targets);
    for (int i = 0; i < a->ngrantees && !rc; i++)
        if (!(targets[i] = grantee(s, a->grantees[i], err))) rc = err->code;
    for (int i = 0; i < a->ngrantees && !rc; i++) {
        if (revoke) revoke_privs(targets[i], db, a->on_table, privs, a->with_option);
        else grant_privs(targets[i], db, a->on_table, privs, a->with_option);
    }
    free(targets);
    return rc;
}

static int grant_or_revoke_roles(Session *s, QueryCtx *q, const StmtAccess *a, Err *err)
{
    int rc = need(q, PRIV_ROLE_ADMIN, err);
    for (int i = 0; i < a->nroles && !rc; i++)
        if (!access_find(a->roles[i], 1)) return err_set(err, ERR_UNKNOWN_ROLE, "There is no role `%s` in `user directories`", a->roles[i]);
    for (int i = 0; i < a->ngrantees && !rc; i++) {
        AccEnt *e = grantee(s, a->grantees[i], err);
        if (!e) return err->code;
        for (int k = 0; k < a->nroles; k++) {
            const char *r = a->roles[k];
            int at = -1;
            for (int j = 0; j < e->ngranted; j++)
                if (!strcmp(e->granted[j], r)) at = j;
            if (a->op == ACC_REVOKE) {
                if (at < 0) continue;
                free(e->granted[at]);
                e->granted[at] = e->granted[e->ngranted - 1];
                e->admin[at] = e->admin[e->ngranted - 1];
                e->ngranted--;
            } else if (e->role && !strcmp(e->name, r)) {
                return err_set(err, ERR_INVALID_GRANT, "Role %s cannot be granted to itself", r);
            } else if (at >= 0) {
                e->admin[at] |= a->with_option;
            } else {
                e->granted = xrealloc(e->granted, sizeof *e->granted * (size_t)(e->ngranted + 1));
                e->admin = xrealloc(e->admin, sizeof *e->admin * (size_t)(e->ngranted + 1));
                e->granted[e->ngranted] = xstrdup(r);
                e->admin[e->ngranted++] = a->with_option;
            }
        }
    }
    return rc;
}

/* ---- roles of the session ---- */

static int set_role(Session *s, const StmtAccess *a, Err *err)
{
    int rc = 0;
    if (a->roles_mode == ROLES_LIST) rc = access_validate_roles(s->user, a->roles, a->nroles, err);
    if (!rc) access_session_roles(s, a->roles_mode, a->roles, a->nroles);
    return rc;
}

static int set_default_role(Session *s, QueryCtx *q, const StmtAccess *a, Err *err)
{
    int rc = 0;
    for (int i = 0; i < a->nnames && !rc; i++) {
        const char *n = strcmp(a->names[i], "CURRENT_USER") ? a->names[i] : s->user;
        if (strcmp(n, s->user) && (rc = need(q, PRIV_ALTER_USER, err))) break;
        AccEnt *e = access_find(n, 0);
        if (!e) return err_set(err, ERR_UNKNOWN_USER, "There is no user `%s` in `user directories`", n);
        if (a->roles_mode == ROLES_LIST && (rc = access_validate_roles(n, a->roles, a->nroles, err))) break;
        set_default_roles(e, a->roles_mode, a->roles, a->nroles);
    }
    return rc;
}

/* ---- SHOW ---- */

static int show_lines(QueryCtx *q, const StmtAccess *a, Ast *st, const char *column, Buf *lines, QuerySink *sink, Err *err)
{
    Chunk *ch = chunk_new(1, 0);
    ch->cols[0] = col_new(type_basic(TYPE_STRING));
    for (const char *p = lines->data ? lines->data : "", *e = p + lines->len; p < e;) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        if (!nl) nl = e;
        col_push_str(ch->cols[0], p, (size_t)(nl - p));
        p = nl + 1;
    }
    ch->rows = ch->cols[0]->rows;
    char *names[1] = {(char *)column};
    const DataType *types[1] = {type_basic(TYPE_STRING)};
    return emit_chunk(q, 1, names, types, ch, stmt_format(st, sink), sink, err);
}

static int show(Session *s, QueryCtx *q, const StmtAccess *a, Ast *st, QuerySink *sink, Err *err)
{
    Buf b = {0};
    char column[300] = "name";
    int rc = 0;
    if (a->op == ACC_SHOW_GRANTS) {
        const char *who = a->nnames ? a->names[0] : s->user;
        if (strcmp(who, s->user) && (rc = need(q, PRIV_SHOW_ACCESS, err))) return rc;
        snprintf(column, sizeof column, "GRANTS FOR %.250s", who);
        AccEnt *e = access_find(who, 0);
        if (!e) e = access_find(who, 1);
        if (e) {
            access_grants_sql(e, &b, false);
        } else if (users_exists(who)) {
            buf_puts(&b, "GRANT ALL ON *.* TO ");
            text_write_ident(&b, who);
            buf_puts(&b, " WITH GRANT OPTION\n");
        } else {
            return err_set(err, ERR_UNKNOWN_USER, "There is no user or role `%s` in `user directories`", who);
        }
    } else {
        if ((rc = need(q, PRIV_SHOW_ACCESS, err))) return rc;
        bool roles = a->op == ACC_SHOW_ROLES;
        char **names = NULL;
        int n = 0;
        if (!roles) n = users_list(&names);
        for (int i = 0; i < access_nents; i++)
            if (access_ents[i]->role == roles) {
                names = xrealloc(names, sizeof *names * (size_t)(n + 1));
                names[n++] = xstrdup(access_ents[i]->name);
            }
        for (int i = 1; i < n; i++)   /* sorted, as ClickHouse lists them */
            for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
                char *t = names[j];
                names[j] = names[j - 1];
                names[j - 1] = t;
            }
        for (int i = 0; i < n; i++) {
            buf_printf(&b, "%s\n", names[i]);
            free(names[i]);
        }
        free(names);
    }
    rc = show_lines(q, a, st, column, &b, sink, err);
    buf_free(&b);
    return rc;
}

int stmt_access(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err)
{
    StmtAccess *a = st->stmt;
    if (a->op == ACC_SET_ROLE) {
        pthread_mutex_lock(&access_lock);
        int rc = set_role(s, a, err);
        pthread_mutex_unlock(&access_lock);
        return rc;
    }
    pthread_mutex_lock(&access_lock);
    int rc;
    switch (a->op) {
    case ACC_CREATE_USER: case ACC_CREATE_ROLE: rc = create_entity(q, a, a->op == ACC_CREATE_ROLE, err); break;
    case ACC_DROP_USER: case ACC_DROP_ROLE: rc = drop_entity(q, a, a->op == ACC_DROP_ROLE, err); break;
    case ACC_ALTER_USER: rc = alter_user(q, a, err); break;
    case ACC_GRANT: case ACC_REVOKE:
        rc = a->on_given ? grant_or_revoke_privs(s, q, a, err) : grant_or_revoke_roles(s, q, a, err);
        break;
    case ACC_SET_DEFAULT_ROLE: rc = set_default_role(s, q, a, err); break;
    default:
        rc = show(s, q, a, st, sink, err);
        pthread_mutex_unlock(&access_lock);
        return rc;
    }
    if (!rc) rc = access_save(err);
    pthread_mutex_unlock(&access_lock);
    return rc;
}

/* ---- what other statements need ---- */

static int check_table(Session *s, QueryCtx *q, uint32_t priv, const char *db, const char *name, Err *err)
{
    const char *d = session_table_db(s, db, name);
    if (s->temp_db && !strcmp(d, s->temp_db)) return 0;   /* the session's own temporary tables */
    return access_check(q->access, priv, d, name, err);
}

static uint32_t alter_privs(const StmtAlter *al)
{
    uint32_t p = 0;
    for (int i = 0; i < al->ncmds; i++)
        p |= al->cmds[i].kind == ALT_DELETE ? PRIV_ALTER_DELETE : al->cmds[i].kind == ALT_UPDATE ? PRIV_ALTER_UPDATE : PRIV_ALTER_OTHER;
    return p ? p : PRIV_ALTER_OTHER;
}

int access_check_statement(Session *s, QueryCtx *q, Ast *st, Err *err)
{
    if (!q->access) return 0;
    switch (st->kind) {
    case AST_INSERT: {
        StmtInsert *ins = st->stmt;
        return ins->table_func ? 0 : check_table(s, q, PRIV_INSERT, st->db, st->name, err);
    }
    case AST_CREATE_TABLE: {
        StmtCreateTable *ct = st->stmt;
        if (ct->temporary) return access_check(q->access, PRIV_CREATE_TEMPORARY_TABLE, NULL, NULL, err);
        return check_table(s, q, PRIV_CREATE_TABLE, st->db, st->name, err);
    }
    case AST_CREATE_VIEW: return check_table(s, q, PRIV_CREATE_VIEW, st->db, st->name, err);
    case AST_CREATE_DATABASE: return access_check(q->access, PRIV_CREATE_DATABASE, st->name, NULL, err);
    case AST_DROP: {
        StmtDrop *d = st->stmt;
        if (d->is_database) return access_check(q->access, d->kind == 2 ? PRIV_TRUNCATE : PRIV_DROP_DATABASE, st->name, NULL, err);
        uint32_t p = d->kind == 2 ? PRIV_TRUNCATE : d->is_view ? PRIV_DROP_VIEW : d->is_dictionary ? PRIV_DROP_DICTIONARY : PRIV_DROP_TABLE;
        return check_table(s, q, p, st->db, st->name, err);
    }
    case AST_TRUNCATE: return check_table(s, q, PRIV_TRUNCATE, st->db, st->name, err);
    case AST_ALTER: return check_table(s, q, alter_privs(st->stmt), st->db, st->name, err);
    case AST_DELETE: return check_table(s, q, PRIV_ALTER_DELETE, st->db, st->name, err);
    case AST_OPTIMIZE: return check_table(s, q, PRIV_OPTIMIZE, st->db, st->name, err);
    case AST_RENAME: {
        StmtRename *r = st->stmt;
        int rc = 0;
        for (int i = 0; i < r->n && !rc; i++) {
            if (r->is_database) {
                rc = access_check(q->access, PRIV_DROP_DATABASE, r->from[i], NULL, err);
                if (!rc) rc = access_check(q->access, PRIV_CREATE_DATABASE, r->to[i], NULL, err);
                continue;
            }
            rc = check_table(s, q, PRIV_DROP_TABLE, r->from_db[i], r->from[i], err);
            if (!rc) rc = check_table(s, q, PRIV_CREATE_TABLE, r->to_db[i], r->to[i], err);
            if (!rc) rc = check_table(s, q, PRIV_INSERT, r->to_db[i], r->to[i], err);
        }
        return rc;
    }
    case AST_ACCESS: {   /* the global privilege each needs (GRANT of privileges: checked when run) */
        const StmtAccess *a = st->stmt;
        static const uint32_t NEED[] = {[ACC_CREATE_USER] = PRIV_CREATE_USER, [ACC_ALTER_USER] = PRIV_ALTER_USER,
                                        [ACC_CREATE_ROLE] = PRIV_CREATE_ROLE, [ACC_DROP_USER] = PRIV_DROP_USER,
                                        [ACC_DROP_ROLE] = PRIV_DROP_ROLE, [ACC_SHOW_USERS] = PRIV_SHOW_ACCESS,
                                        [ACC_SHOW_ROLES] = PRIV_SHOW_ACCESS};
        if ((a->op == ACC_GRANT || a->op == ACC_REVOKE) && !a->on_given) return access_check(q->access, PRIV_ROLE_ADMIN, NULL, NULL, err);
        if ((a->op == ACC_GRANT || a->op == ACC_REVOKE)) {
            uint32_t privs = 0;
            for (int i = 0; i < a->nprivs; i++) privs |= access_privs_of(a->privs[i]);
            const char *db = a->on_db ? a->on_db : a->on_table ? q->database : NULL;
            return access_check_option(q->access, privs, db, a->on_table, err);
        }
        return (size_t)a->op < sizeof NEED / sizeof *NEED && NEED[a->op] ? access_check(q->access, NEED[a->op], NULL, NULL, err) : 0;
    }
    case AST_DESCRIBE: case AST_EXISTS: case AST_SHOW: {   /* SHOW CREATE, DESCRIBE, EXISTS: the table must be visible */
        if (st->kind == AST_SHOW) {
            StmtShow *sh = st->stmt;
            if (sh->kind != SHOW_CREATE_TABLE && sh->kind != SHOW_CREATE_VIEW && sh->kind != SHOW_COLUMNS) return 0;
        }
        if (!st->name || (st->kind == AST_EXISTS && st->flags == 1)) return 0;
        const char *d = session_table_db(s, st->db, st->name);
        if ((s->temp_db && !strcmp(d, s->temp_db)) || access_visible(q->access, d, st->name)) return 0;
        return access_check(q->access, PRIV_SHOW_COLUMNS, d, st->name, err);
    }
    case AST_SYSTEM: return access_check(q->access, PRIV_SYSTEM, NULL, NULL, err);
    case AST_KILL: return access_check(q->access, PRIV_KILL_QUERY, NULL, NULL, err);
    default: return 0;
    }
}
