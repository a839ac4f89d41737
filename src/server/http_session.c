/* http_session.c — the registry of HTTP sessions; see http_session.h.
 * A linked list under one mutex: sessions are few, and each request takes
 * the lock twice (acquire, release). */
#include "http_session.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/mem.h"
#include "access.h"

#define DEFAULT_TIMEOUT 60
#define MAX_TIMEOUT 3600

struct HttpSession {
    char *id, *user;
    Session *s;
    int timeout;
    time_t last;
    bool busy;
    HttpSession *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static HttpSession *sessions;

static void drop(HttpSession *h)
{
    session_free(h->s);
    free(h->id);
    free(h->user);
    free(h);
}

Session *session_clone(const Session *s)
{
    Session *c = session_new(s->catalog);
    settings_free(&c->settings);
    settings_copy(&c->settings, &s->settings);
    free(c->database);
    c->database = xstrdup(s->database);
    free(c->user);
    c->user = xstrdup(s->user);
    for (int i = 0; i < s->nparams; i++) session_set_param(c, s->params[i].name, s->params[i].value);
    c->mem.parent = s->mem.parent;
    c->temp_db = s->temp_db ? xstrdup(s->temp_db) : NULL;   /* the session's temporary tables (it keeps them) */
    c->roles_mode = s->roles_mode;
    c->roles = s->nroles ? xcalloc((size_t)s->nroles, sizeof *c->roles) : NULL;
    for (int i = 0; i < s->nroles; i++) c->roles[i] = xstrdup(s->roles[i]);
    c->nroles = s->nroles;
    return c;
}

static int parse_timeout(const char *text, int *out, Err *err)
{
    if (!text || !*text) {
        *out = DEFAULT_TIMEOUT;
        return 0;
    }
    char *end;
    long v = strtol(text, &end, 10);
    if (*end || v < 0) return err_set(err, ERR_INVALID_SESSION_TIMEOUT, "Invalid session timeout: '%.100s'", text);
    if (v > MAX_TIMEOUT)
        return err_set(err, ERR_INVALID_SESSION_TIMEOUT,
                       "Session timeout '%ld' is larger than max_session_timeout: %d. Maximum session timeout could be modified in configuration file.",
                       v, MAX_TIMEOUT);
    *out = (int)v;
    return 0;
}

int http_session_acquire(Catalog *catalog, const char *id, const char *user, const char *timeout_text, bool check,
                         HttpSession **out, Err *err)
{
    int timeout = DEFAULT_TIMEOUT;
    int rc = parse_timeout(timeout_text, &timeout, err);
    if (rc) return rc;
    http_session_expire();
    pthread_mutex_lock(&lock);
    HttpSession *h = sessions;
    while (h && strcmp(h->id, id)) h = h->next;
    if (h && strcmp(h->user, user)) {
        pthread_mutex_unlock(&lock);
        return err_set(err, ERR_SESSION_NOT_FOUND, "Session not found.");   /* another user's: not shared, not revealed */
    }
    if (!h && check) {
        pthread_mutex_unlock(&lock);
        return err_set(err, ERR_SESSION_NOT_FOUND, "Session not found.");
    }
    if (h && h->busy) {
        pthread_mutex_unlock(&lock);
        return err_set(err, ERR_SESSION_IS_LOCKED, "Session is locked by a concurrent client.");
    }
    if (!h) {
        h = xcalloc(1, sizeof *h);
        h->id = xstrdup(id);
        h->user = xstrdup(user);
        h->s = session_new(catalog);
        free(h->s->user);
        h->s->user = xstrdup(user);
        Err perr;
        access_apply_profile(h->s, false, &perr);   /* a SQL user's DEFAULT DATABASE and SETTINGS */
        h->next = sessions;
        sessions = h;
    }
    if (timeout_text && *timeout_text) h->timeout = timeout;
    else if (!h->timeout) h->timeout = DEFAULT_TIMEOUT;
    h->busy = true;
    h->last = time(NULL);
    pthread_mutex_unlock(&lock);
    *out = h;
    return 0;
}

Session *http_session_state(HttpSession *h) { return h->s; }

void http_session_release(HttpSession *h, bool close)
{
    pthread_mutex_lock(&lock);
    h->busy = false;
    h->last = time(NULL);
    if (close)
        for (HttpSession **pp = &sessions; *pp; pp = &(*pp)->next)
            if (*pp == h) {
                *pp = h->next;
                drop(h);
                break;
            }
    pthread_mutex_unlock(&lock);
}

static void expire(bool all)
{
    time_t now = time(NULL);
    pthread_mutex_lock(&lock);
    for (HttpSession **pp = &sessions; *pp;) {
        HttpSession *h = *pp;
        if (!h->busy && (all || now - h->last > h->timeout)) {
            *pp = h->next;
            drop(h);
        } else {
            pp = &h->next;
        }
    }
    pthread_mutex_unlock(&lock);
}

void http_session_expire(void) { expire(false); }
void http_session_clear(void) { expire(true); }
