/* access.h — privileges and the check every statement makes before it runs.
 *
 * A privilege is a bit (ClickHouse's access types, grouped a little more
 * coarsely: every ALTER sub-type but UPDATE and DELETE is ALTER, every
 * SYSTEM command is SYSTEM). A grant gives bits on a scope: everything
 * (db = table = NULL), one database (table = NULL), or one table; a partial
 * revoke takes bits away on a narrower scope. A query's rights (Access) are
 * those of its user and of the user's current roles: a privilege is allowed
 * when one of them grants it and does not revoke it there. A query without
 * an Access (basalt local, users of the users file) may do everything.
 *
 * The store of users and roles that makes an Access is server/access.c;
 * the checks are in server/query.c (per statement) and analyze/from.c
 * (each table a SELECT reads).
 */
#ifndef BASALT_ACCESS_H
#define BASALT_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

enum {
    PRIV_SHOW_DATABASES = 1u << 0, PRIV_SHOW_TABLES = 1u << 1, PRIV_SHOW_COLUMNS = 1u << 2,
    PRIV_SELECT = 1u << 3, PRIV_INSERT = 1u << 4,
    PRIV_ALTER_UPDATE = 1u << 5, PRIV_ALTER_DELETE = 1u << 6, PRIV_ALTER_OTHER = 1u << 7,
    PRIV_CREATE_DATABASE = 1u << 8, PRIV_CREATE_TABLE = 1u << 9, PRIV_CREATE_VIEW = 1u << 10,
    PRIV_CREATE_DICTIONARY = 1u << 11, PRIV_CREATE_TEMPORARY_TABLE = 1u << 12,
    PRIV_DROP_DATABASE = 1u << 13, PRIV_DROP_TABLE = 1u << 14, PRIV_DROP_VIEW = 1u << 15, PRIV_DROP_DICTIONARY = 1u << 16,
    PRIV_TRUNCATE = 1u << 17, PRIV_OPTIMIZE = 1u << 18, PRIV_KILL_QUERY = 1u << 19, PRIV_SYSTEM = 1u << 20,
    PRIV_CREATE_USER = 1u << 21, PRIV_ALTER_USER = 1u << 22, PRIV_DROP_USER = 1u << 23,
    PRIV_CREATE_ROLE = 1u << 24, PRIV_DROP_ROLE = 1u << 25, PRIV_ROLE_ADMIN = 1u << 26, PRIV_SHOW_ACCESS = 1u << 27,
    PRIV_ALL = (1u << 28) - 1,
};

typedef struct AccessGrant {
    char *db, *table;      /* NULL: any */
    uint32_t privs;
    bool revoke;           /* a partial revoke */
    bool grant_option;
    int owner;             /* index of the user / role it belongs to */
} AccessGrant;

typedef struct Access {
    char *user;
    AccessGrant *g;
    int n;
    int nowners;
    char **roles;          /* the current roles (currentRoles()) */
    int nroles;
    char **enabled;        /* current roles and the roles they were granted (enabledRoles()) */
    int nenabled;
} Access;

/* The bits a privilege name stands for (upper case, words one space apart),
 * 0 if unknown. */
uint32_t access_privs_of(const char *name);
/* The name of one bit, as ClickHouse prints it ("SHOW TABLES"). */
const char *access_priv_name(uint32_t bit);
/* Appends names for a set of bits, ", "-separated, groups folded as
 * ClickHouse folds them (ALL, CREATE, DROP, SHOW, ALTER, ACCESS MANAGEMENT). */
void access_privs_text(uint32_t privs, Buf *out);

/* 0 if the query may use `priv` on db.table (table NULL: the database;
 * db NULL: the whole server), else ACCESS_DENIED (497) with ClickHouse's
 * message. a NULL: allowed. */
int access_check(const Access *a, uint32_t priv, const char *db, const char *table, Err *err);

/* The same for granting: every bit of privs held WITH GRANT OPTION there. */
int access_check_option(const Access *a, uint32_t privs, const char *db, const char *table, Err *err);

/* Whether a user sees db.table (table NULL: the database) in SHOW TABLES,
 * system.tables and the like: when it holds any privilege on it (on the
 * database: on it or on anything in it), as ClickHouse's implicit SHOW. */
bool access_visible(const Access *a, const char *db, const char *table);

void access_free(Access *a);

#endif
