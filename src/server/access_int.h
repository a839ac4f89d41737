/* access_int.h — what access.c (the store) and access_stmt.c (its
 * statements) share: the entities and the lock that guards them. */
#ifndef BASALT_ACCESS_INT_H
#define BASALT_ACCESS_INT_H

#include <pthread.h>
#include <stdbool.h>

#include "../base/access.h"
#include "../base/buf.h"
#include "../sql/ast.h"
#include "query.h"

typedef struct AccEnt {
    char *name;
    bool role;
    bool no_password;
    unsigned char hash[32];        /* SHA-256(password || salt) */
    char salt[65];
    char *default_db;              /* DEFAULT DATABASE, or NULL */
    char **set_names, **set_values;   /* SETTINGS */
    int nsets;
    AccessGrant *g;                /* its grants and partial revokes (owner unused) */
    int ng;
    char **granted;                /* roles granted to it */
    bool *admin;                   /* ... WITH ADMIN OPTION */
    int ngranted;
    RolesMode default_mode;        /* DEFAULT ROLE (ROLES_UNSET: all granted) */
    char **defaults;
    int ndefaults;
} AccEnt;

extern pthread_mutex_t access_lock;
extern AccEnt **access_ents;
extern int access_nents;
extern bool access_loading;        /* replaying entities.sql: no checks, no saving */

/* want: 0 a user, 1 a role, -1 either. */
AccEnt *access_find(const char *name, int want);
void access_ent_free(AccEnt *e);
int access_set_password(AccEnt *e, const char *password);
int access_set_hash(AccEnt *e, const char *hex, const char *salt);
int access_save(Err *err);
void access_create_sql(const AccEnt *e, Buf *b, bool with_secret);
void access_grants_sql(const AccEnt *e, Buf *b, bool with_semicolons);
void access_grant_target(Buf *b, const char *db, const char *table);
bool access_role_granted(const AccEnt *e, const char *role);
int access_validate_roles(const char *user, char **roles, int n, Err *err);
Access *access_rights(const Session *s, const char *user);

#endif
