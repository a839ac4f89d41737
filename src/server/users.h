/* users.h — the server's users: `default` (its password from
 * BASALT_DEFAULT_PASSWORD or BASALT_DEFAULT_PASSWORD_FILE) and those of
 * BASALT_USERS_FILE (lines `name:password[:readonly]`, or
 * `name:sha256:<hex of SHA-256(password)>[:readonly]`; `#` comments).
 * Passwords are kept only as salted SHA-256 (a random salt per process),
 * compared in constant time; an unknown user costs the same as a wrong
 * password, and both get the same message. http.c authenticates with it.
 */
#ifndef BASALT_USERS_H
#define BASALT_USERS_H

#include <stdbool.h>

#include "../base/err.h"

/* Sets up the users; the plain texts are not kept. -1 (message on stderr) on a bad file. */
int users_init(const char *default_password, const char *users_file);
/* True if name exists and password is its password; *readonly gets its level. */
bool users_check(const char *name, const char *password, int *readonly);
/* Whether a user of this name is configured (default or the users file). */
bool users_exists(const char *name);
/* Their names (malloc'ed, as the array): the count. */
int users_list(char ***names);
/* Whether `default` has a password (listening beyond loopback requires one). */
bool users_default_has_password(void);

#endif
