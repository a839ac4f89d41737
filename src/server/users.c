/* users.c — users and their salted password hashes; see users.h.
 * SHA-256 and the constant-time comparison come from OpenSSL's libcrypto. */
#include "users.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "../base/mem.h"

typedef struct User {
    char name[128];
    unsigned char hash[SHA256_DIGEST_LENGTH];   /* SHA-256(salt || SHA-256(password)) */
    bool no_password;
    int readonly;
} User;

static User *users;
static int nusers;
static unsigned char salt[16];

/* SHA-256(salt || inner) where inner = SHA-256(password). */
static void salted(const unsigned char inner[SHA256_DIGEST_LENGTH], unsigned char out[SHA256_DIGEST_LENGTH])
{
    unsigned char buf[sizeof salt + SHA256_DIGEST_LENGTH];
    memcpy(buf, salt, sizeof salt);
    memcpy(buf + sizeof salt, inner, SHA256_DIGEST_LENGTH);
    SHA256(buf, sizeof buf, out);
    OPENSSL_cleanse(buf, sizeof buf);
}

static void add_user(const char *name, const unsigned char *inner, int readonly)
{
    users = xrealloc(users, sizeof *users * (size_t)(nusers + 1));
    User *u = &users[nusers++];
    memset(u, 0, sizeof *u);
    snprintf(u->name, sizeof u->name, "%s", name);
    u->readonly = readonly;
    u->no_password = inner == NULL;
    if (inner) salted(inner, u->hash);
}

static void add_plain(const char *name, const char *password, int readonly)
{
    if (!password || !*password) {
        add_user(name, NULL, readonly);
        return;
    }
    unsigned char inner[SHA256_DIGEST_LENGTH];
    SHA256((const unsigned char *)password, strlen(password), inner);
    add_user(name, inner, readonly);
    OPENSSL_cleanse(inner, sizeof inner);
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static int load_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "basalt server: cannot open users file %s\n", path);
        return -1;
    }
    char line[1024];
    int rc = 0, no = 0;
    while (fgets(line, sizeof line, f)) {
        no++;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#') continue;
        char *name = line, *pass = strchr(line, ':');
        if (!pass || pass == name) {
            fprintf(stderr, "basalt server: %s:%d: expected name:password[:readonly]\n", path, no);
            rc = -1;
            continue;
        }
        *pass++ = 0;
        int readonly = 0;
        if (!strncmp(pass, "sha256:", 7)) {
            char *hex = pass + 7, *ro = strchr(hex, ':');
            if (ro) *ro++ = 0, readonly = atoi(ro);
            unsigned char inner[SHA256_DIGEST_LENGTH];
            bool ok = strlen(hex) == 2 * SHA256_DIGEST_LENGTH;
            for (int i = 0; ok && i < SHA256_DIGEST_LENGTH; i++) {
                int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
                ok = hi >= 0 && lo >= 0;
                inner[i] = (unsigned char)(hi * 16 + lo);
            }
            if (!ok) {
                fprintf(stderr, "basalt server: %s:%d: a sha256 hash is 64 hex digits\n", path, no);
                rc = -1;
                continue;
            }
            add_user(name, inner, readonly);
        } else {
            char *ro = strrchr(pass, ':');
            if (ro && ro[1] >= '0' && ro[1] <= '2' && !ro[2]) *ro++ = 0, readonly = atoi(ro);
            add_plain(name, pass, readonly);
        }
        OPENSSL_cleanse(line, sizeof line);
    }
    fclose(f);
    return rc;
}

int users_init(const char *default_password, const char *users_file)
{
    if (getrandom(salt, sizeof salt, 0) != (ssize_t)sizeof salt) {
        fprintf(stderr, "basalt server: no randomness for the password salt\n");
        return -1;
    }
    add_plain("default", default_password, 0);
    return users_file && *users_file ? load_file(users_file) : 0;
}

bool users_check(const char *name, const char *password, int *readonly)
{
    unsigned char inner[SHA256_DIGEST_LENGTH], h[SHA256_DIGEST_LENGTH];
    SHA256((const unsigned char *)password, strlen(password), inner);
    salted(inner, h);   /* always hashed: an unknown user takes as long as a wrong password */
    bool ok = false;
    for (int i = 0; i < nusers; i++) {
        User *u = &users[i];
        if (strcmp(u->name, name)) continue;
        ok = u->no_password ? !*password : CRYPTO_memcmp(h, u->hash, sizeof h) == 0;
        if (ok && readonly) *readonly = u->readonly;
    }
    OPENSSL_cleanse(inner, sizeof inner);
    return ok;
}

bool users_exists(const char *name)
{
    for (int i = 0; i < nusers; i++)
        if (!strcmp(users[i].name, name)) return true;
    return false;
}

int users_list(char ***names)
{
    *names = xcalloc((size_t)nusers + 1, sizeof **names);
    for (int i = 0; i < nusers; i++) (*names)[i] = xstrdup(users[i].name);
    return nusers;
}

bool users_default_has_password(void)
{
    for (int i = 0; i < nusers; i++)
        if (!strcmp(users[i].name, "default")) return !users[i].no_password;
    return false;
}
