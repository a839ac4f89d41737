/* http_session.h — HTTP sessions (`session_id`): what outlives one request
 * of a client that names a session — settings changed by SET, the current
 * database (USE), query parameters set with SET param_x. One request at a
 * time per session (SESSION_IS_LOCKED otherwise); a session expires after
 * `session_timeout` seconds idle (default 60, at most 3600); it belongs to
 * the user who made it. http.c runs each request on a copy of the
 * session's state and writes SET and USE back.
 */
#ifndef BASALT_HTTP_SESSION_H
#define BASALT_HTTP_SESSION_H

#include <stdbool.h>

#include "query.h"

typedef struct HttpSession HttpSession;

/* The session named id for user, made if absent (unless check: then
 * SESSION_NOT_FOUND); locked for the caller until http_session_release.
 * timeout_text: the session_timeout parameter or NULL. */
int http_session_acquire(Catalog *catalog, const char *id, const char *user, const char *timeout_text, bool check,
                         HttpSession **out, Err *err);
/* The persistent state of a session. */
Session *http_session_state(HttpSession *h);
/* Unlocks; close drops the session (close_session=1). */
void http_session_release(HttpSession *h, bool close);
/* Drops sessions idle past their timeout. */
void http_session_expire(void);
/* Drops every session (shutdown). */
void http_session_clear(void);

/* A copy of s for one request: settings, database, parameters, user. */
Session *session_clone(const Session *s);

#endif
