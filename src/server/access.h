/* access.h (server) — users and roles made with SQL, their grants, and the
 * rights of each query (base/access.h). Users of the users file and
 * `default` (users.c) are not here: they may do everything.
 *
 * The store lives in memory and, when the server has a data path, in
 * <path>/access/entities.sql: the CREATE ROLE / CREATE USER / GRANT /
 * REVOKE / SET DEFAULT ROLE statements that rebuild it, rewritten
 * atomically after every change and replayed at startup. Passwords are kept
 * as SHA-256(password || salt) with a random salt per user, compared in
 * constant time.
 */
#ifndef BASALT_SERVER_ACCESS_H
#define BASALT_SERVER_ACCESS_H

#include "../sql/ast.h"
#include "query.h"

/* Loads <dir>/access/entities.sql (dir NULL: memory only). -1 with a message on stderr. */
int access_store_open(Session *s, const char *dir);
/* True if name is a SQL user and password its password; its readonly level. */
bool access_authenticate(const char *name, const char *password, int *readonly);
/* A SQL user's DEFAULT DATABASE and SETTINGS, put into a new session. */
int access_apply_profile(Session *s, bool keep_database, Err *err);
/* The `role` parameters of an HTTP request: SET ROLE for that request. */
int access_set_request_roles(Session *s, char **roles, int n, Err *err);
/* Sets the session's current roles (SET ROLE). */
void access_session_roles(Session *s, RolesMode mode, char **roles, int n);
/* Makes q->access for the statement about to run (NULL for users outside
 * the store); access_end_query frees it. */
int access_begin_query(Session *s, QueryCtx *q, Err *err);
void access_end_query(QueryCtx *q);
/* Runs an AST_ACCESS statement. */
int stmt_access(Session *s, QueryCtx *q, Ast *st, QuerySink *sink, Err *err);
/* The privileges a statement needs, checked against q->access (query.c calls it first). */
int access_check_statement(Session *s, QueryCtx *q, Ast *st, Err *err);

#endif
