/* parse_access.c — the access control statements, into one AST_ACCESS node
 * (StmtAccess): CREATE / ALTER USER, CREATE ROLE, DROP USER / ROLE, GRANT
 * and REVOKE of privileges (ON db.table) or of roles, SET ROLE, SET DEFAULT
 * ROLE, SHOW GRANTS / USERS / ROLES. parse_stmt.c calls parse_access after
 * the statement's first word(s); the server runs them (server/access.c).
 */
#include <string.h>
#include <strings.h>

#include "parser.h"

static StmtAccess *new_access(Parser *p, AccessOp op, Ast **out)
{
    Ast *n = p_node(p, AST_ACCESS);
    StmtAccess *a = arena_alloc(p->a, sizeof *a);
    a->op = op;
    n->stmt = a;
    *out = n;
    return a;
}

static void push_str(Arena *ar, char ***arr, int *n, char *x)
{
    char **grown = arena_alloc(ar, sizeof *grown * (size_t)(*n + 1));
    if (*n) memcpy(grown, *arr, sizeof *grown * (size_t)*n);
    grown[(*n)++] = x;
    *arr = grown;
}

/* A name, or a list of names separated by commas. */
static int name_list(Parser *p, char ***names, int *n)
{
    do {
        char *x;
        int rc = p_ident(p, &x);
        if (rc) return rc;
        if (p_accept(p, TK_AT)) {   /* user@host: the host part is not kept */
            char *host;
            if (p_is(p, TK_STRING) ? (rc = p_string(p, &host, NULL)) : (rc = p_ident(p, &host))) return rc;
        }
        push_str(p->a, names, n, x);
    } while (p_accept(p, TK_COMMA));
    return 0;
}

static int on_cluster(Parser *p)
{
    if (!p_accept_kws(p, "ON", "CLUSTER")) return 0;
    char *c;
    return p_is(p, TK_STRING) ? p_string(p, &c, NULL) : p_ident(p, &c);
}

/* Role list: NONE | ALL [EXCEPT r, ...] | DEFAULT | r, ... */
static int roles_spec(Parser *p, StmtAccess *a, bool allow_default)
{
    if (p_accept_kw(p, "NONE")) {
        a->roles_mode = ROLES_NONE;
        return 0;
    }
    if (allow_default && p_accept_kw(p, "DEFAULT")) {
        a->roles_mode = ROLES_DEFAULT;
        return 0;
    }
    if (p_accept_kw(p, "ALL")) {
        a->roles_mode = ROLES_ALL;
        if (p_accept_kw(p, "EXCEPT")) {
            a->roles_mode = ROLES_ALL_EXCEPT;
            return name_list(p, &a->roles, &a->nroles);
        }
        return 0;
    }
    a->roles_mode = ROLES_LIST;
    return name_list(p, &a->roles, &a->nroles);
}

/* IDENTIFIED [WITH kind] BY 'secret' [SALT 'salt'] | NOT IDENTIFIED */
static int identified(Parser *p, StmtAccess *a)
{
    int rc;
    if (p_accept_kws(p, "NOT", "IDENTIFIED")) {
        a->auth = "no_password";
        return 0;
    }
    if (!p_accept_kw(p, "IDENTIFIED")) return 0;
    a->auth = "sha256_password";
    if (p_accept_kw(p, "WITH")) {
        Token *t = p_tok(p);
        if (t->kind != TK_WORD) return p_fail(p, "authentication type");
        a->auth = p_ident_text(p, t);
        for (char *c = a->auth; *c; c++) *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
        p->i++;
        if (!strcmp(a->auth, "no_password")) return 0;
    }
    if ((rc = p_expect_kw(p, "BY")) || (rc = p_string(p, &a->secret, NULL))) return rc;
    if (p_accept_kw(p, "SALT") && (rc = p_string(p, &a->salt, NULL))) return rc;
    return 0;
}

/* The clauses of CREATE / ALTER USER after the name(s), in any order. */
static int user_clauses(Parser *p, StmtAccess *a)
{
    int rc;
    for (;;) {
        if (p_is_kw(p, "IDENTIFIED") || (p_is_kw(p, "NOT") && p_kw_at(p, 1, "IDENTIFIED"))) {
            if ((rc = identified(p, a))) return rc;
        } else if (p_accept_kw(p, "HOST")) {   /* HOST ANY / LOCAL / IP '...' ...: every host is allowed */
            do {
                if (p_accept_kw(p, "ANY") || p_accept_kw(p, "LOCAL") || p_accept_kw(p, "NONE")) continue;
                char *v;
                if (!(p_accept_kw(p, "IP") || p_accept_kw(p, "NAME") || p_accept_kw(p, "REGEXP") || p_accept_kw(p, "LIKE")))
                    return p_fail(p, "ANY, LOCAL, NONE, IP, NAME, REGEXP or LIKE");
                if ((rc = p_string(p, &v, NULL))) return rc;
            } while (p_accept(p, TK_COMMA));
        } else if (p_accept_kws(p, "DEFAULT", "ROLE")) {
            StmtAccess tmp = {0};
            if ((rc = roles_spec(p, &tmp, false))) return rc;
            a->roles_mode = tmp.roles_mode;
            a->roles = tmp.roles;
            a->nroles = tmp.nroles;
        } else if (p_accept_kws(p, "DEFAULT", "DATABASE")) {
            if (p_accept_kw(p, "NONE")) a->default_db = "";
            else if ((rc = p_ident(p, &a->default_db))) return rc;
        } else if (p_accept_kw(p, "SETTINGS")) {
            if ((rc = parse_settings_list(p, &a->settings, &a->nsettings))) return rc;
        } else if (p_accept_kw(p, "GRANTEES")) {   /* who may be granted this user's privileges: not kept */
            char **g = NULL;
            int ng = 0;
            if (!p_accept_kw(p, "ANY") && !p_accept_kw(p, "NONE") && (rc = name_list(p, &g, &ng))) return rc;
        } else {
            return 0;
        }
    }
}

/* CREATE USER / ROLE (after CREATE); ALTER USER (after ALTER). */
int parse_access_create(Parser *p, bool alter, Ast **out)
{
    bool role = !alter && p_is_kw(p, "ROLE");
    p->i++;   /* USER or ROLE */
    StmtAccess *a = new_access(p, alter ? ACC_ALTER_USER : role ? ACC_CREATE_ROLE : ACC_CREATE_USER, out);
    int rc;
    if (!alter && p_accept_kws(p, "IF", "NOT")) {
        if ((rc = p_expect_kw(p, "EXISTS"))) return rc;
        a->if_not_exists = true;
    } else if (!alter && p_accept_kws(p, "OR", "REPLACE")) {
        a->or_replace = true;
    } else if (alter && p_accept_kws(p, "IF", "EXISTS")) {
        a->if_exists = true;
    }
    if ((rc = name_list(p, &a->names, &a->nnames)) || (rc = on_cluster(p))) return rc;
    if (role) {
        if (p_accept_kw(p, "SETTINGS") && (rc = parse_settings_list(p, &a->settings, &a->nsettings))) return rc;
        return 0;
    }
    return user_clauses(p, a);
}

/* DROP USER / ROLE [IF EXISTS] names (after DROP). */
int parse_access_drop(Parser *p, Ast **out)
{
    bool role = p_is_kw(p, "ROLE");
    p->i++;
    StmtAccess *a = new_access(p, role ? ACC_DROP_ROLE : ACC_DROP_USER, out);
    if (p_accept_kws(p, "IF", "EXISTS")) a->if_exists = true;
    int rc = name_list(p, &a->names, &a->nnames);
    return rc ? rc : on_cluster(p);
}

/* One privilege: words up to a comma or ON, upper-cased, one space apart;
 * a column list is refused (column-level grants are not supported). */
static int privilege(Parser *p, char **out)
{
    Buf b = {0};
    while (p_is(p, TK_WORD) && !p_is_kw(p, "ON")) {
        char *w = p_tok_text(p, p_tok(p));
        if (b.len) buf_putc(&b, ' ');
        for (char *c = w; *c; c++) buf_putc(&b, (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c));
        p->i++;
    }
    if (!b.len) {
        buf_free(&b);
        return p_fail(p, "privilege");
    }
    *out = arena_strndup(p->a, b.data, b.len);
    buf_free(&b);
    if (p_is(p, TK_LPAREN)) return p_fail(p, "ON (column-level privileges are not supported)");
    return 0;
}

/* ON target: *, *.*, db.*, db.table, table. */
static int grant_target(Parser *p, StmtAccess *a)
{
    int rc;
    if (p_accept(p, TK_STAR)) {
        if (p_accept(p, TK_DOT) && !p_accept(p, TK_STAR)) return p_fail(p, "'*'");
        return 0;
    }
    char *first;
    if ((rc = p_ident(p, &first))) return rc;
    if (!p_accept(p, TK_DOT)) {
        a->on_table = first;   /* a table of the current database: resolved when run */
        a->on_db = NULL;
        return 0;
    }
    a->on_db = first;
    if (p_accept(p, TK_STAR)) return 0;
    return p_ident(p, &a->on_table);
}

/* GRANT (after GRANT) and REVOKE (after REVOKE):
 *   GRANT privs ON target TO grantees [WITH GRANT OPTION]
 *   GRANT roles TO grantees [WITH ADMIN OPTION]
 *   REVOKE [GRANT OPTION FOR | ADMIN OPTION FOR] privs ON target FROM grantees
 *   REVOKE roles FROM grantees */
int parse_access_grant(Parser *p, bool revoke, Ast **out)
{
    StmtAccess *a = new_access(p, revoke ? ACC_REVOKE : ACC_GRANT, out);
    int rc;
    if ((rc = on_cluster(p))) return rc;
    if (revoke && (p_accept_kws(p, "GRANT", "OPTION") || p_accept_kws(p, "ADMIN", "OPTION"))) {
        if ((rc = p_expect_kw(p, "FOR"))) return rc;
        a->with_option = true;
    }
    /* privileges end at ON; roles at TO / FROM: read words, then look */
    int start = p->i;
    bool has_on = false;
    for (int i = p->i; p->tl.toks[i].kind != TK_END && p->tl.toks[i].kind != TK_SEMICOLON; i++) {
        Token *t = &p->tl.toks[i];
        if (t->kind == TK_WORD && t->len == 2 && !strncasecmp(p->text + t->pos, "ON", 2)) {
            has_on = true;
            break;
        }
        if (t->kind == TK_WORD && ((t->len == 2 && !strncasecmp(p->text + t->pos, "TO", 2)) ||
                                   (t->len == 4 && !strncasecmp(p->text + t->pos, "FROM", 4))))
            break;
    }
    p->i = start;
    if (has_on) {
        a->on_given = true;
        do {
            char *pv = NULL;
            if ((rc = privilege(p, &pv))) return rc;
            push_str(p->a, &a->privs, &a->nprivs, pv);
        } while (p_accept(p, TK_COMMA));
        if ((rc = p_expect_kw(p, "ON")) || (rc = grant_target(p, a))) return rc;
    } else if ((rc = name_list(p, &a->roles, &a->nroles))) {
        return rc;
    }
    if ((rc = p_expect_kw(p, revoke ? "FROM" : "TO"))) return rc;
    if (p_accept_kw(p, "CURRENT_USER")) {
        push_str(p->a, &a->grantees, &a->ngrantees, "CURRENT_USER");
        if (p_accept(p, TK_COMMA) && (rc = name_list(p, &a->grantees, &a->ngrantees))) return rc;
    } else if ((rc = name_list(p, &a->grantees, &a->ngrantees))) {
        return rc;
    }
    if (!revoke && p_accept_kw(p, "WITH")) {
        if (!(p_accept_kw(p, "GRANT") || p_accept_kw(p, "ADMIN"))) return p_fail(p, "GRANT or ADMIN");
        if ((rc = p_expect_kw(p, "OPTION"))) return rc;
        a->with_option = true;
    }
    return 0;
}

/* SET ROLE ... / SET DEFAULT ROLE ... TO users (after SET). */
int parse_access_set_role(Parser *p, Ast **out)
{
    bool dflt = p_accept_kw(p, "DEFAULT");
    p->i++;   /* ROLE */
    StmtAccess *a = new_access(p, dflt ? ACC_SET_DEFAULT_ROLE : ACC_SET_ROLE, out);
    int rc = roles_spec(p, a, !dflt);
    if (rc) return rc;
    if (dflt) {
        if ((rc = p_expect_kw(p, "TO"))) return rc;
        if (p_accept_kw(p, "CURRENT_USER")) {
            push_str(p->a, &a->names, &a->nnames, "CURRENT_USER");
            return 0;
        }
        return name_list(p, &a->names, &a->nnames);
    }
    return 0;
}

/* SHOW GRANTS [FOR names] / SHOW USERS / SHOW ROLES (after SHOW). */
int parse_access_show(Parser *p, Ast **out)
{
    if (p_accept_kw(p, "USERS")) {
        new_access(p, ACC_SHOW_USERS, out);
        return 0;
    }
    if (p_accept_kw(p, "ROLES")) {
        new_access(p, ACC_SHOW_ROLES, out);
        return 0;
    }
    p->i++;   /* GRANTS */
    StmtAccess *a = new_access(p, ACC_SHOW_GRANTS, out);
    if (p_accept_kw(p, "FOR")) return name_list(p, &a->names, &a->nnames);
    return 0;
}
