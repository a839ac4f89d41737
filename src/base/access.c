/* access.c — privilege names and the access check (see access.h). */
#include "access.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ALTER_ALL (PRIV_ALTER_UPDATE | PRIV_ALTER_DELETE | PRIV_ALTER_OTHER)
#define CREATE_ALL (PRIV_CREATE_DATABASE | PRIV_CREATE_TABLE | PRIV_CREATE_VIEW | PRIV_CREATE_DICTIONARY | PRIV_CREATE_TEMPORARY_TABLE)
#define DROP_ALL (PRIV_DROP_DATABASE | PRIV_DROP_TABLE | PRIV_DROP_VIEW | PRIV_DROP_DICTIONARY)
#define SHOW_ALL (PRIV_SHOW_DATABASES | PRIV_SHOW_TABLES | PRIV_SHOW_COLUMNS)
#define ACCESS_ALL (PRIV_CREATE_USER | PRIV_ALTER_USER | PRIV_DROP_USER | PRIV_CREATE_ROLE | PRIV_DROP_ROLE | PRIV_ROLE_ADMIN | PRIV_SHOW_ACCESS)

typedef struct PrivName { const char *name; uint32_t privs; } PrivName;

/* Single bits first, in the order ClickHouse lists them: their names print. */
static const PrivName NAMES[] = {
    {"SHOW DATABASES", PRIV_SHOW_DATABASES}, {"SHOW TABLES", PRIV_SHOW_TABLES}, {"SHOW COLUMNS", PRIV_SHOW_COLUMNS},
    {"SELECT", PRIV_SELECT}, {"INSERT", PRIV_INSERT},
    {"ALTER UPDATE", PRIV_ALTER_UPDATE}, {"ALTER DELETE", PRIV_ALTER_DELETE}, {"ALTER TABLE", PRIV_ALTER_OTHER},
    {"CREATE DATABASE", PRIV_CREATE_DATABASE}, {"CREATE TABLE", PRIV_CREATE_TABLE}, {"CREATE VIEW", PRIV_CREATE_VIEW},
    {"CREATE DICTIONARY", PRIV_CREATE_DICTIONARY}, {"CREATE TEMPORARY TABLE", PRIV_CREATE_TEMPORARY_TABLE},
    {"DROP DATABASE", PRIV_DROP_DATABASE}, {"DROP TABLE", PRIV_DROP_TABLE}, {"DROP VIEW", PRIV_DROP_VIEW},
    {"DROP DICTIONARY", PRIV_DROP_DICTIONARY},
    {"TRUNCATE", PRIV_TRUNCATE}, {"OPTIMIZE", PRIV_OPTIMIZE}, {"KILL QUERY", PRIV_KILL_QUERY}, {"SYSTEM", PRIV_SYSTEM},
    {"CREATE USER", PRIV_CREATE_USER}, {"ALTER USER", PRIV_ALTER_USER}, {"DROP USER", PRIV_DROP_USER},
    {"CREATE ROLE", PRIV_CREATE_ROLE}, {"DROP ROLE", PRIV_DROP_ROLE}, {"ROLE ADMIN", PRIV_ROLE_ADMIN},
    {"SHOW ACCESS", PRIV_SHOW_ACCESS},
    /* groups and other spellings */
    {"ALL", PRIV_ALL}, {"ALL PRIVILEGES", PRIV_ALL},
    {"SHOW", SHOW_ALL}, {"SHOW DICTIONARIES", PRIV_SHOW_TABLES},
    {"ALTER", ALTER_ALL}, {"ALTER ADD COLUMN", PRIV_ALTER_OTHER}, {"ALTER DROP COLUMN", PRIV_ALTER_OTHER},
    {"ALTER MODIFY COLUMN", PRIV_ALTER_OTHER}, {"ALTER RENAME COLUMN", PRIV_ALTER_OTHER},
    {"ALTER COMMENT COLUMN", PRIV_ALTER_OTHER}, {"ALTER CLEAR COLUMN", PRIV_ALTER_OTHER},
    {"ALTER COLUMN", PRIV_ALTER_OTHER}, {"ALTER SETTINGS", PRIV_ALTER_OTHER}, {"ALTER MODIFY SETTING", PRIV_ALTER_OTHER},
    {"ALTER PARTITION", PRIV_ALTER_OTHER}, {"ALTER DROP PARTITION", PRIV_ALTER_OTHER},
    {"CREATE", CREATE_ALL}, {"DROP", DROP_ALL},
    {"KILL", PRIV_KILL_QUERY},
    {"SHOW USERS", PRIV_SHOW_ACCESS}, {"SHOW ROLES", PRIV_SHOW_ACCESS}, {"SHOW CREATE USER", PRIV_SHOW_ACCESS},
    {"SHOW CREATE ROLE", PRIV_SHOW_ACCESS},
    {"ACCESS MANAGEMENT", ACCESS_ALL},
};

uint32_t access_privs_of(const char *name)
{
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++)
        if (!strcmp(NAMES[i].name, name)) return NAMES[i].privs;
    if (!strncmp(name, "SYSTEM ", 7)) return PRIV_SYSTEM;   /* every SYSTEM command: SYSTEM */
    return 0;
}

const char *access_priv_name(uint32_t bit)
{
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++)
        if (NAMES[i].privs == bit) return NAMES[i].name;
    return "?";
}

void access_privs_text(uint32_t privs, Buf *out)
{
    static const PrivName GROUPS[] = {{"ALL", PRIV_ALL},           {"SHOW", SHOW_ALL}, {"ALTER", ALTER_ALL},
                                      {"CREATE", CREATE_ALL},      {"DROP", DROP_ALL},
                                      {"ACCESS MANAGEMENT", ACCESS_ALL}};
    size_t start = out->len;
    for (size_t g = 0; g < sizeof GROUPS / sizeof *GROUPS; g++)
        if ((privs & GROUPS[g].privs) == GROUPS[g].privs) {
            buf_printf(out, "%s%s", out->len > start ? ", " : "", GROUPS[g].name);
            privs &= ~GROUPS[g].privs;
        }
    for (int b = 0; b < 28; b++)
        if (privs & (1u << b)) buf_printf(out, "%s%s", out->len > start ? ", " : "", access_priv_name(1u << b));
}

static bool covers(const AccessGrant *g, const char *db, const char *table)
{
    if (g->db && (!db || strcmp(g->db, db))) return false;
    if (g->table && (!table || strcmp(g->table, table))) return false;
    return true;
}

static bool owner_allows(const Access *a, int owner, uint32_t priv, const char *db, const char *table, bool option)
{
    bool granted = false;
    for (int i = 0; i < a->n; i++) {
        const AccessGrant *g = &a->g[i];
        if (g->owner != owner || !(g->privs & priv) || !covers(g, db, table)) continue;
        if (g->revoke) return false;
        if (!option || g->grant_option) granted = true;
    }
    return granted;
}

static int denied(const Access *a, const char *name, const char *db, const char *table, const char *suffix, Err *err)
{
    Buf t = {0};
    if (db) buf_puts(&t, db);
    else buf_putc(&t, '*');
    buf_putc(&t, '.');
    if (table) buf_puts(&t, table);
    else buf_putc(&t, '*');
    err_set(err, ERR_ACCESS_DENIED, "%s: Not enough privileges. To execute this query, it's necessary to have the grant %s ON %.*s%s", a->user,
            name, (int)t.len, t.data, suffix);
    buf_free(&t);
    return err->code;
}

int access_check_option(const Access *a, uint32_t privs, const char *db, const char *table, Err *err)
{
    if (!a) return 0;
    for (int b = 0; b < 28; b++) {
        uint32_t bit = 1u << b;
        if (!(privs & bit)) continue;
        bool ok = false;
        for (int o = 0; o < a->nowners && !ok; o++) ok = owner_allows(a, o, bit, db, table, true);
        if (!ok) return denied(a, access_priv_name(bit), db, table, " WITH GRANT OPTION", err);
    }
    return 0;
}

int access_check(const Access *a, uint32_t priv, const char *db, const char *table, Err *err)
{
    if (!a) return 0;
    for (int o = 0; o < a->nowners; o++)
        if (owner_allows(a, o, priv, db, table, false)) return 0;
    return denied(a, access_priv_name(priv), db, table, "", err);
}

bool access_visible(const Access *a, const char *db, const char *table)
{
    if (!a || !strcmp(db, "system") || !strcasecmp(db, "information_schema")) return true;
    for (int i = 0; i < a->n; i++) {
        const AccessGrant *g = &a->g[i];
        if (g->revoke || !g->privs) continue;
        if (covers(g, db, table) || (!table && g->db && !strcmp(g->db, db))) return true;
    }
    return false;
}

void access_free(Access *a)
{
    if (!a) return;
    for (int i = 0; i < a->n; i++) {
        free(a->g[i].db);
        free(a->g[i].table);
    }
    free(a->g);
    for (int i = 0; i < a->nroles; i++) free(a->roles[i]);
    free(a->roles);
    for (int i = 0; i < a->nenabled; i++) free(a->enabled[i]);
    free(a->enabled);
    free(a->user);
    free(a);
}
