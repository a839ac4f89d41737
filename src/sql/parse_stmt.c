/* parse_stmt.c — every statement other than SELECT: DDL, INSERT, utility.
 *
 * parse_statement() dispatches on the first keyword, then reads the trailing
 * [INTO OUTFILE ...] [FORMAT name] [SETTINGS ...] that any statement may carry.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser.h"

static int parse_column_decl(Parser *p, Ast **out)
{
    Ast *c = p_node(p, AST_COLUMN_DECL);
    int rc = p_ident(p, &c->name);
    if (rc) return rc;
    /* type is optional when a DEFAULT expression follows */
    if (!(p_is_kw(p, "DEFAULT") || p_is_kw(p, "MATERIALIZED") || p_is_kw(p, "ALIAS") || p_is_kw(p, "EPHEMERAL"))) {
        if ((rc = parse_type_text(p, &c->type_text))) return rc;
        if (p_accept_kw(p, "NULL")) {
            c->type_text = arena_printf(p->a, "Nullable(%s)", c->type_text);
        } else if (p_accept_kws(p, "NOT", "NULL")) {
        }
    }
    if (p_accept_kw(p, "DEFAULT")) c->default_kind = DK_DEFAULT;
    else if (p_accept_kw(p, "MATERIALIZED")) c->default_kind = DK_MATERIALIZED;
    else if (p_accept_kw(p, "ALIAS")) c->default_kind = DK_ALIAS;
    else if (p_accept_kw(p, "EPHEMERAL")) c->default_kind = DK_EPHEMERAL;
    if (c->default_kind != DK_NONE) {
        if (c->default_kind == DK_EPHEMERAL && (p_is(p, TK_COMMA) || p_is(p, TK_RPAREN))) {
        } else if ((rc = parse_expr(p, &c->a))) {
            return rc;
        }
    }
    for (;;) {
        if (p_accept_kw(p, "COMMENT")) {
            if ((rc = p_string(p, &c->comment, NULL))) return rc;
        } else if (p_accept_kw(p, "CODEC")) {
            if ((rc = p_expect(p, TK_LPAREN, "'('"))) return rc;
            Ast **items;
            int n;
            if ((rc = parse_expr_list(p, &items, &n, false)) || (rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
            Ast *codec = p_node(p, AST_FUNC);
            codec->name = "CODEC";
            codec->args = items;
            codec->nargs = n;
            c->b = codec;
        } else if (p_accept_kw(p, "TTL")) {
            if ((rc = parse_expr(p, &c->c))) return rc;
        } else if (p_accept_kws(p, "PRIMARY", "KEY")) {
            c->flags |= 1;
        } else {
            break;
        }
    }
    *out = c;
    return 0;
}

static int skip_balanced_until_comma(Parser *p)
{
    int depth = 0;
    while (!p_is(p, TK_END)) {
        if (depth == 0 && (p_is(p, TK_COMMA) || p_is(p, TK_RPAREN))) return 0;
        if (p_is(p, TK_LPAREN)) depth++;
        if (p_is(p, TK_RPAREN)) depth--;
        p->i++;
    }
    return p_fail(p, "')'");
}

/* name expr TYPE type [GRANULARITY n] (after INDEX) */
static int parse_index_decl(Parser *p, Ast **out)
{
    int rc;
    Ast *ix = p_node(p, AST_INDEX_DECL);
    if ((rc = p_ident(p, &ix->name)) || (rc = parse_expr(p, &ix->a)) || (rc = p_expect_kw(p, "TYPE")) || (rc = parse_expr(p, &ix->b)))
        return rc;
    ix->lit.u = 1;   /* GRANULARITY (0 is refused when the table is created) */
    if (p_accept_kw(p, "GRANULARITY")) {
        Token *t = p_tok(p);
        if (t->kind != TK_NUMBER) return p_fail(p, "index granularity");
        ix->lit.u = strtoull(p_tok_text(p, t), NULL, 10);   /* a copy: the text need not end after it */
        p->i++;
    }
    *out = ix;
    return 0;
}

static int parse_table_elements(Parser *p, StmtCreateTable *ct)
{
    int rc;
    if (p_is(p, TK_RPAREN)) return p_fail(p, "column declaration");   /* "()" is not a column list */
    do {
        if (p_accept_kw(p, "INDEX")) {
            Ast *ix;
            if ((rc = parse_index_decl(p, &ix))) return rc;
            ast_push(p->a, &ct->indexes, &ct->nindexes, ix);
            continue;
        }
        if (p_is_kw(p, "CONSTRAINT") || p_is_kw(p, "PROJECTION") ||
            (p_is_kw(p, "PRIMARY") && p_kw_at(p, 1, "KEY"))) {
            if (p_is_kw(p, "PRIMARY")) {
                p->i += 2;
                if ((rc = parse_expr(p, &ct->primary_key))) return rc;
            } else if ((rc = skip_balanced_until_comma(p))) {
                return rc;
            }
            continue;
        }
        Ast *c;
        if ((rc = parse_column_decl(p, &c))) return rc;
        ast_push(p->a, &ct->cols, &ct->ncols, c);
    } while (p_accept(p, TK_COMMA));
    return p_expect(p, TK_RPAREN, "')'");
}

static int parse_engine_clauses(Parser *p, StmtCreateTable *ct)
{
    int rc;
    for (;;) {
        if (p_accept_kw(p, "ENGINE")) {
            p_accept(p, TK_EQ);
            Ast *e;
            if (p_kw_at(p, 0, "NULL")) {
                /* ENGINE = Null: the keyword names an engine here */
                e = p_node(p, AST_IDENT);
                e->name = "Null";
                p->i++;
            } else if ((rc = parse_expr(p, &e))) {
                return rc;
            }
            if (e->kind == AST_IDENT) {
                Ast *f = p_node(p, AST_FUNC);
                f->name = e->name;
                f->flags |= FN_PARENS;  /* no parentheses were written */
                e = f;
            }
            if (e->kind != AST_FUNC) return p_fail(p, "engine");
            ct->engine = e;
        } else if (p_accept_kws(p, "ORDER", "BY")) {
            if ((rc = parse_expr(p, &ct->order_by))) return rc;
        } else if (p_accept_kws(p, "PARTITION", "BY")) {
            if ((rc = parse_expr(p, &ct->partition_by))) return rc;
        } else if (p_accept_kws(p, "PRIMARY", "KEY")) {
            if ((rc = parse_expr(p, &ct->primary_key))) return rc;
        } else if (p_accept_kws(p, "SAMPLE", "BY")) {
            if ((rc = parse_expr(p, &ct->sample_by))) return rc;
        } else if (p_accept_kw(p, "TTL")) {
            /* one rule: expr [DELETE] [WHERE cond]; moves, recompression and
             * GROUP BY are refused later by the engine */
            if ((rc = parse_expr(p, &ct->ttl))) return rc;
            p_accept_kw(p, "DELETE");
            if (p_is_kw(p, "TO") || p_is_kw(p, "RECOMPRESS") || p_is_kw(p, "GROUP") || p_is(p, TK_COMMA))
                return p_fail(p, "TTL ... DELETE (moves, RECOMPRESS, GROUP BY and several TTL rules are not supported yet)");
            if (p_accept_kw(p, "WHERE") && (rc = parse_expr(p, &ct->ttl_where))) return rc;
        } else if (p_is_kw(p, "SETTINGS") && ct->engine && !ct->nengine_settings) {
            /* a second SETTINGS belongs to the statement */
            p->i++;
            if ((rc = parse_settings_list(p, &ct->engine_settings, &ct->nengine_settings))) return rc;
        } else if (p_accept_kw(p, "COMMENT")) {
            if ((rc = p_string(p, &ct->comment, NULL))) return rc;
        } else {
            return 0;
        }
    }
}

/* [IF NOT EXISTS] */
static int if_not_exists(Parser *p, bool *flag)
{
    if (!p_accept_kws(p, "IF", "NOT")) return 0;
    *flag = true;
    return p_expect_kw(p, "EXISTS");
}

/* [AFTER name | FIRST] of ADD / MODIFY COLUMN and ADD INDEX */
static int column_position(Parser *p, AlterCmd *c)
{
    if (p_accept_kw(p, "AFTER")) return p_ident(p, &c->after);
    if (p_accept_kw(p, "FIRST")) c->first = true;
    return 0;
}

static int parse_create(Parser *p, Ast **out)
{
    int rc;
    bool or_replace = false, replace = false, temporary = false;
    if (p_accept_kws(p, "OR", "REPLACE")) or_replace = true;
    if (p_accept_kw(p, "TEMPORARY")) temporary = true;
    if (p_accept_kw(p, "DATABASE") || p_accept_kw(p, "SCHEMA")) {
        Ast *n = p_node(p, AST_CREATE_DATABASE);
        StmtCreateTable *ct = arena_alloc(p->a, sizeof *ct);
        n->stmt = ct;
        if ((rc = if_not_exists(p, &ct->if_not_exists))) return rc;
        if ((rc = p_ident(p, &n->name))) return rc;
        if (p_accept_kw(p, "ENGINE")) {
            p_accept(p, TK_EQ);
            if ((rc = parse_expr(p, &ct->engine))) return rc;
        }
        if (p_accept_kw(p, "COMMENT") && (rc = p_string(p, &ct->comment, NULL))) return rc;
        *out = n;
        return 0;
    }
    bool is_view = false, materialized = false;
    if (p_accept_kw(p, "VIEW")) is_view = true;
    else if (p_accept_kws(p, "MATERIALIZED", "VIEW")) is_view = materialized = true;
    else if (!p_accept_kw(p, "TABLE")) return p_fail(p, "TABLE, DATABASE or VIEW");
    Ast *n = p_node(p, is_view ? AST_CREATE_VIEW : AST_CREATE_TABLE);
    StmtCreateTable *ct = arena_alloc(p->a, sizeof *ct);
    n->stmt = ct;
    ct->or_replace = or_replace;
    ct->is_replace = replace;
    ct->temporary = temporary;
    if (materialized) n->flags |= 1;
    if ((rc = if_not_exists(p, &ct->if_not_exists))) return rc;
    if ((rc = p_compound_name(p, &n->db, &n->name))) return rc;
    if (p_accept_kw(p, "TO")) {
        char *db, *t;
        if ((rc = p_compound_name(p, &db, &t))) return rc;
        ct->as_db = db;
        ct->as_table = t;
    }
    if (p_accept(p, TK_LPAREN) && (rc = parse_table_elements(p, ct))) return rc;
    if ((rc = parse_engine_clauses(p, ct))) return rc;
    if (p_accept_kw(p, "POPULATE")) n->flags |= 2;
    if (p_accept_kw(p, "EMPTY")) ct->empty_as = true;
    if (p_accept_kw(p, "AS")) {
        if (p_is_kw(p, "SELECT") || p_is_kw(p, "WITH") || p_is(p, TK_LPAREN)) {
            if ((rc = parse_select_union(p, &ct->as_select))) return rc;
        } else if ((p_is(p, TK_WORD) || p_is(p, TK_QIDENT)) && p_peek(p, 1)->kind == TK_LPAREN) {
            if ((rc = parse_expr(p, &ct->as_func))) return rc;
        } else {
            if ((rc = p_compound_name(p, &ct->as_db, &ct->as_table))) return rc;
            if ((rc = parse_engine_clauses(p, ct))) return rc;
        }
    }
    if (p_accept_kw(p, "COMMENT") && (rc = p_string(p, &ct->comment, NULL))) return rc;
    *out = n;
    return 0;
}

static int parse_drop(Parser *p, Ast **out, int kind)
{
    Ast *n = p_node(p, AST_DROP);
    StmtDrop *d = arena_alloc(p->a, sizeof *d);
    n->stmt = d;
    d->kind = kind;
    int rc;
    if (p_accept_kw(p, "TEMPORARY")) d->temporary = true;
    if (p_accept_kw(p, "DATABASE") || p_accept_kw(p, "SCHEMA")) d->is_database = true;
    else if (p_accept_kw(p, "VIEW")) d->is_view = true;
    else if (p_accept_kw(p, "DICTIONARY")) d->is_dictionary = true;
    else p_accept_kw(p, "TABLE");
    if (p_accept_kws(p, "IF", "EXISTS")) d->if_exists = true;
    if (d->is_database) {
        if ((rc = p_ident(p, &n->name))) return rc;
    } else if ((rc = p_compound_name(p, &n->db, &n->name))) {
        return rc;
    }
    if (p_accept_kw(p, "ON") && p_accept_kw(p, "CLUSTER")) {
        char *c;
        if ((rc = p_ident(p, &c))) return rc;
    }
    if (p_accept_kw(p, "SYNC")) d->sync = true;
    p_accept_kw(p, "PERMANENTLY");
    *out = n;
    return 0;
}

static int parse_insert(Parser *p, Ast **out)
{
    int rc;
    if ((rc = p_expect_kw(p, "INTO"))) return rc;
    Ast *n = p_node(p, AST_INSERT);
    StmtInsert *ins = arena_alloc(p->a, sizeof *ins);
    n->stmt = ins;
    if (p_accept_kw(p, "FUNCTION")) {
        if ((rc = parse_expr(p, &ins->table_func))) return rc;
    } else {
        p_accept_kw(p, "TABLE");
        if ((rc = p_compound_name(p, &n->db, &n->name))) return rc;
    }
    if (p_accept(p, TK_LPAREN)) {
        if (p_is(p, TK_STAR)) {
            p->i++;
            ins->cols_star = true;
            if (p_accept_kw(p, "EXCEPT")) {
                bool paren = p_accept(p, TK_LPAREN);
                do {
                    char *c;
                    int pos = p_tok(p)->pos;
                    if ((rc = p_ident(p, &c))) return rc;
                    ast_push(p->a, &ins->except, &ins->nexcept, ast_ident(p->a, c, pos));
                } while (paren && p_accept(p, TK_COMMA));
                if (paren && (rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
            }
        } else if (!p_is(p, TK_RPAREN)) {
            do {
                char *c;
                int pos = p_tok(p)->pos;
                if ((rc = p_ident(p, &c))) return rc;
                while (p_is(p, TK_DOT)) {   /* nested column a.b */
                    char *c2;
                    p->i++;
                    if ((rc = p_ident(p, &c2))) return rc;
                    c = arena_printf(p->a, "%s.%s", c, c2);
                }
                ast_push(p->a, &ins->cols, &ins->ncols, ast_ident(p->a, c, pos));
            } while (p_accept(p, TK_COMMA));
        }
        if ((rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
    }
    if (p_accept_kw(p, "SETTINGS") && (rc = parse_settings_list(p, &ins->settings, &ins->nsettings))) return rc;
    if (p_accept_kw(p, "VALUES")) {
        ins->values = true;
        Token *t = p_tok(p);
        ins->data = p->text + t->pos;
        /* Values data runs to the end of the statement: skip balanced tuples. */
        int depth = 0;
        int start = t->pos;
        while (!p_is(p, TK_END)) {
            if (depth == 0 && p_is(p, TK_SEMICOLON)) break;
            if (p_is(p, TK_LPAREN) || p_is(p, TK_LBRACKET) || p_is(p, TK_LBRACE)) depth++;
            if (p_is(p, TK_RPAREN) || p_is(p, TK_RBRACKET) || p_is(p, TK_RBRACE)) depth--;
            if (p_is(p, TK_ERROR)) return p_fail(p, "values");
            p->i++;
        }
        int end = p_is(p, TK_END) ? (int)p->len : p_tok(p)->pos;
        ins->data_len = (size_t)(end - start);
        ins->data_inline = true;
        *out = n;
        return 0;
    }
    if (p_accept_kw(p, "FORMAT")) {
        Token *t = p_tok(p);
        if (t->kind != TK_WORD) return p_fail(p, "format name");
        ins->format = p_tok_text(p, t);
        p->i++;
        if (strcasecmp(ins->format, "Values") == 0) {
            /* same as VALUES */
            ins->values = true;
            Token *d = p_tok(p);
            int start = d->pos;
            while (!p_is(p, TK_END) && !p_is(p, TK_SEMICOLON)) p->i++;
            int end = p_is(p, TK_END) ? (int)p->len : p_tok(p)->pos;
            ins->data = p->text + start;
            ins->data_len = (size_t)(end - start);
            ins->data_inline = ins->data_len > 0;
            ins->format = NULL;
        }
        *out = n;
        return 0;
    }
    if (p_is_kw(p, "SELECT") || p_is_kw(p, "WITH") || p_is(p, TK_LPAREN)) {
        if ((rc = parse_select_union(p, &ins->select))) return rc;
        *out = n;
        return 0;
    }
    /* INSERT INTO t with data from elsewhere (stdin): format defaults later. */
    if (p_is(p, TK_END) || p_is(p, TK_SEMICOLON)) {
        ins->format = NULL;
        *out = n;
        return 0;
    }
    return p_fail(p, "VALUES, FORMAT or SELECT");
}

static int parse_alter_cmd(Parser *p, AlterCmd *c)
{
    int rc;
    if (p_accept_kws(p, "ADD", "COLUMN")) {
        c->kind = ALT_ADD_COLUMN;
        if ((rc = if_not_exists(p, &c->if_not_exists))) return rc;
        if ((rc = parse_column_decl(p, &c->col))) return rc;
        return column_position(p, c);
    }
    if (p_accept_kws(p, "DROP", "PARTITION")) {
        c->kind = ALT_DROP_PARTITION;
        if (p_accept_kw(p, "ID")) c->partition_is_id = true;
        return parse_expr(p, &c->partition);
    }
    if (p_accept_kws(p, "DROP", "PART")) {
        c->kind = ALT_DROP_PART;
        return parse_expr(p, &c->partition);
    }
    if (p_accept_kws(p, "DROP", "COLUMN")) {
        c->kind = ALT_DROP_COLUMN;
        if (p_accept_kws(p, "IF", "EXISTS")) c->if_exists = true;
        return p_ident(p, &c->name);
    }
    if (p_accept_kws(p, "ADD", "INDEX")) {
        c->kind = ALT_ADD_INDEX;
        if ((rc = if_not_exists(p, &c->if_not_exists))) return rc;
        if ((rc = parse_index_decl(p, &c->col))) return rc;
        return column_position(p, c);
    }
    /* DROP INDEX, and CLEAR / MATERIALIZE INDEX (which keep the index) */
    bool drop = p_is_kw(p, "DROP");
    if ((drop || p_is_kw(p, "CLEAR") || p_is_kw(p, "MATERIALIZE")) && p_kw_at(p, 1, "INDEX")) {
        p->i += 2;
        c->kind = drop ? ALT_DROP_INDEX : ALT_MATERIALIZE_INDEX;
        if (p_accept_kws(p, "IF", "EXISTS")) c->if_exists = true;
        if ((rc = p_ident(p, &c->name))) return rc;
        if (p_accept_kws(p, "IN", "PARTITION")) return parse_expr(p, &c->partition);
        return 0;
    }
    if ((p_is_kw(p, "ADD") || p_is_kw(p, "DROP") || p_is_kw(p, "MATERIALIZE") || p_is_kw(p, "CLEAR")) && p_kw_at(p, 1, "PROJECTION")) {
        /* projections are accepted and not kept: queries read the table itself */
        c->kind = ALT_PROJECTION;
        p->i += 2;
        if (p_accept_kws(p, "IF", "NOT") || p_accept_kws(p, "IF", "EXISTS")) p_accept_kw(p, "EXISTS");
        if ((rc = p_ident(p, &c->name))) return rc;
        if (p_is(p, TK_LPAREN)) {
            int depth = 0;
            do {
                if (p_is(p, TK_END)) return p_fail(p, "')'");
                if (p_is(p, TK_LPAREN)) depth++;
                if (p_is(p, TK_RPAREN)) depth--;
                p->i++;
            } while (depth > 0);
        }
        if (p_accept_kws(p, "IN", "PARTITION")) return parse_expr(p, &c->partition);
        return 0;
    }
    if (p_accept_kws(p, "MODIFY", "TTL")) {   /* one rule, as in CREATE: expr [DELETE] [WHERE cond] */
        c->kind = ALT_MODIFY_TTL;
        if ((rc = parse_expr(p, &c->where))) return rc;
        p_accept_kw(p, "DELETE");
        if (p_is_kw(p, "TO") || p_is_kw(p, "RECOMPRESS") || p_is_kw(p, "GROUP") || p_is(p, TK_COMMA))
            return p_fail(p, "TTL ... DELETE (moves, RECOMPRESS, GROUP BY and several TTL rules are not supported yet)");
        if (p_accept_kw(p, "WHERE")) return parse_expr(p, &c->ttl_where);
        return 0;
    }
    if (p_accept_kws(p, "REMOVE", "TTL")) {
        c->kind = ALT_REMOVE_TTL;
        return 0;
    }
    if (p_accept_kws(p, "MODIFY", "QUERY")) {
        c->kind = ALT_MODIFY_QUERY;
        return parse_select_union(p, &c->query);
    }
    if (p_accept_kws(p, "MODIFY", "COLUMN")) {
        c->kind = ALT_MODIFY_COLUMN;
        if (p_accept_kws(p, "IF", "EXISTS")) c->if_exists = true;
        if ((rc = parse_column_decl(p, &c->col))) return rc;
        return column_position(p, c);
    }
    if (p_accept_kws(p, "RENAME", "COLUMN")) {
        c->kind = ALT_RENAME_COLUMN;
        if (p_accept_kws(p, "IF", "EXISTS")) c->if_exists = true;
        if ((rc = p_ident(p, &c->name)) || (rc = p_expect_kw(p, "TO"))) return rc;
        return p_ident(p, &c->new_name);
    }
    if (p_accept_kws(p, "COMMENT", "COLUMN")) {
        c->kind = ALT_COMMENT_COLUMN;
        if (p_accept_kws(p, "IF", "EXISTS")) c->if_exists = true;
        if ((rc = p_ident(p, &c->name))) return rc;
        return p_string(p, &c->comment, NULL);
    }
    if (p_accept_kws(p, "CLEAR", "COLUMN")) {
        c->kind = ALT_CLEAR_COLUMN;
        if (p_accept_kws(p, "IF", "EXISTS")) c->if_exists = true;
        return p_ident(p, &c->name);
    }
    if (p_accept_kw(p, "DELETE")) {
        c->kind = ALT_DELETE;
        if ((rc = p_expect_kw(p, "WHERE"))) return rc;
        return parse_expr(p, &c->where);
    }
    if (p_accept_kw(p, "UPDATE")) {
        c->kind = ALT_UPDATE;
        do {
            Ast *s = p_node(p, AST_SET_ITEM);
            if ((rc = p_ident(p, &s->name)) || (rc = p_expect(p, TK_EQ, "'='")) || (rc = parse_expr(p, &s->a))) return rc;
            ast_push(p->a, &c->assignments, &c->nassignments, s);
        } while (p_accept(p, TK_COMMA));
        if ((rc = p_expect_kw(p, "WHERE"))) return rc;
        return parse_expr(p, &c->where);
    }
    return p_fail(p, "ALTER command");
}

static int parse_alter(Parser *p, Ast **out)
{
    int rc;
    if ((rc = p_expect_kw(p, "TABLE"))) return rc;
    Ast *n = p_node(p, AST_ALTER);
    StmtAlter *al = arena_alloc(p->a, sizeof *al);
    n->stmt = al;
    if ((rc = p_compound_name(p, &n->db, &n->name))) return rc;
    int cap = 0;
    do {
        if (al->ncmds == cap) {
            cap = cap ? cap * 2 : 4;
            AlterCmd *nc = arena_alloc(p->a, sizeof *nc * (size_t)cap);
            if (al->cmds) memcpy(nc, al->cmds, sizeof *nc * (size_t)al->ncmds);
            al->cmds = nc;
        }
        if ((rc = parse_alter_cmd(p, &al->cmds[al->ncmds]))) return rc;
        al->ncmds++;
    } while (p_accept(p, TK_COMMA));
    *out = n;
    return 0;
}

static int parse_rename(Parser *p, Ast **out, bool exchange)
{
    Ast *n = p_node(p, AST_RENAME);
    StmtRename *r = arena_alloc(p->a, sizeof *r);
    n->stmt = r;
    r->exchange = exchange;
    int rc;
    if (exchange) {
        if ((rc = p_expect_kw(p, "TABLES"))) return rc;
    } else if (p_accept_kw(p, "DATABASE")) {
        r->is_database = true;
    } else if (!p_accept_kw(p, "TABLE")) {
        p_accept_kw(p, "DICTIONARY");
    }
    r->from_db = arena_alloc(p->a, sizeof(char *) * 64);
    r->from = arena_alloc(p->a, sizeof(char *) * 64);
    r->to_db = arena_alloc(p->a, sizeof(char *) * 64);
    r->to = arena_alloc(p->a, sizeof(char *) * 64);
    do {
        if (r->n >= 64) return p_fail(p, "fewer renames");
        if ((rc = p_compound_name(p, &r->from_db[r->n], &r->from[r->n]))) return rc;
        if ((rc = p_expect_kw(p, exchange ? "AND" : "TO"))) return rc;
        if ((rc = p_compound_name(p, &r->to_db[r->n], &r->to[r->n]))) return rc;
        r->n++;
    } while (p_accept(p, TK_COMMA));
    *out = n;
    return 0;
}

static int parse_like_where(Parser *p, StmtShow *s)
{
    int rc;
    if (p_accept_kw(p, "NOT")) s->not_like = true;
    if (p_accept_kw(p, "LIKE")) return p_string(p, &s->like, NULL);
    if (p_accept_kw(p, "ILIKE")) {
        s->ilike = true;
        return p_string(p, &s->like, NULL);
    }
    if (p_accept_kw(p, "WHERE") && (rc = parse_expr(p, &s->where))) return rc;
    return 0;
}

static int parse_show(Parser *p, Ast **out)
{
    Ast *n = p_node(p, AST_SHOW);
    StmtShow *s = arena_alloc(p->a, sizeof *s);
    n->stmt = s;
    int rc;
    if (p_accept_kw(p, "FULL")) s->full = true;
    if (p_accept_kw(p, "TEMPORARY")) {
        s->kind = SHOW_TABLES;
        s->temporary = true;
        if ((rc = p_expect_kw(p, "TABLES"))) return rc;
        if (p_is_kw(p, "FROM") || p_is_kw(p, "IN"))
            return err_set(p->err, ERR_SYNTAX_ERROR, "The `FROM` and `TEMPORARY` cannot be used together in `SHOW TABLES`");
        if ((rc = parse_like_where(p, s))) return rc;
    } else if (p_accept_kw(p, "DATABASES")) {
        s->kind = SHOW_DATABASES;
        if ((rc = parse_like_where(p, s))) return rc;
    } else if (p_accept_kw(p, "TABLES")) {
        s->kind = SHOW_TABLES;
        if ((p_accept_kw(p, "FROM") || p_accept_kw(p, "IN")) && (rc = p_ident(p, &s->from_db))) return rc;
        if ((rc = parse_like_where(p, s))) return rc;
    } else if (p_accept_kw(p, "CREATE")) {
        s->kind = SHOW_CREATE_TABLE;
        if (p_accept_kw(p, "DATABASE")) {
            s->kind = SHOW_CREATE_DATABASE;
            if ((rc = p_ident(p, &n->name))) return rc;
            *out = n;
            return 0;
        }
        if (p_accept_kw(p, "VIEW")) s->kind = SHOW_CREATE_VIEW;
        else if (!p_accept_kw(p, "TABLE") && !p_accept_kw(p, "TEMPORARY")) p_accept_kw(p, "DICTIONARY");
        p_accept_kw(p, "TABLE");
        if ((rc = p_compound_name(p, &n->db, &n->name))) return rc;
    } else if (p_accept_kw(p, "COLUMNS") || p_accept_kw(p, "FIELDS")) {
        s->kind = SHOW_COLUMNS;
        if (!p_accept_kw(p, "FROM") && (rc = p_expect_kw(p, "IN"))) return rc;
        if ((rc = p_compound_name(p, &n->db, &n->name))) return rc;
        if ((p_accept_kw(p, "FROM") || p_accept_kw(p, "IN")) && (rc = p_ident(p, &n->db))) return rc;
        if ((rc = parse_like_where(p, s))) return rc;
    } else if (p_accept_kw(p, "SETTINGS")) {
        s->kind = SHOW_SETTINGS;
        if ((rc = parse_like_where(p, s))) return rc;
    } else if (p_accept_kw(p, "FUNCTIONS")) {
        s->kind = SHOW_FUNCTIONS;
        if ((rc = parse_like_where(p, s))) return rc;
    } else if (p_accept_kw(p, "ENGINES")) {
        s->kind = SHOW_ENGINES;
    } else if (p_accept_kw(p, "PROCESSLIST")) {
        s->kind = SHOW_PROCESSLIST;
    } else if (p_accept_kw(p, "DICTIONARIES")) {
        s->kind = SHOW_DICTIONARIES;
        if ((p_accept_kw(p, "FROM") || p_accept_kw(p, "IN")) && (rc = p_ident(p, &s->from_db))) return rc;
    } else {
        return p_fail(p, "DATABASES, TABLES, CREATE, COLUMNS, SETTINGS");
    }
    if (p_accept_kw(p, "LIMIT") && (rc = parse_expr(p, &s->limit))) return rc;
    *out = n;
    return 0;
}

static int parse_describe(Parser *p, Ast **out)
{
    Ast *n = p_node(p, AST_DESCRIBE);
    int rc;
    p_accept_kw(p, "TABLE");
    if (p_is(p, TK_LPAREN) || ((p_is(p, TK_WORD) || p_is(p, TK_QIDENT)) && p_peek(p, 1)->kind == TK_LPAREN)) {
        /* DESCRIBE (SELECT ...) / DESCRIBE table_function(...) */
        Ast *e;
        if (p_is(p, TK_LPAREN) && (p_kw_at(p, 1, "SELECT") || p_kw_at(p, 1, "WITH"))) {
            p->i++;
            if ((rc = parse_select_union(p, &e)) || (rc = p_expect(p, TK_RPAREN, "')'"))) return rc;
        } else if ((rc = parse_expr(p, &e))) {
            return rc;
        }
        n->a = e;
    } else if ((rc = p_compound_name(p, &n->db, &n->name))) {
        return rc;
    }
    *out = n;
    return 0;
}

static int parse_explain(Parser *p, Ast **out)
{
    Ast *n = p_node(p, AST_EXPLAIN);
    StmtExplain *ex = arena_alloc(p->a, sizeof *ex);
    n->stmt = ex;
    int rc;
    ex->kind = EXPLAIN_PLAN;
    if (p_accept_kw(p, "AST")) ex->kind = EXPLAIN_AST;
    else if (p_accept_kw(p, "SYNTAX")) ex->kind = EXPLAIN_SYNTAX;
    else if (p_accept_kw(p, "PLAN")) ex->kind = EXPLAIN_PLAN;
    else if (p_accept_kw(p, "PIPELINE")) ex->kind = EXPLAIN_PIPELINE;
    else if (p_accept_kw(p, "ESTIMATE")) ex->kind = EXPLAIN_ESTIMATE;
    else if (p_accept_kws(p, "QUERY", "TREE")) ex->kind = EXPLAIN_QUERY_TREE;
    /* options: name = value, ... before the query */
    while ((p_is(p, TK_WORD)) && p_peek(p, 1)->kind == TK_EQ) {
        Ast **items;
        int k;
        if ((rc = parse_settings_list(p, &items, &k))) return rc;
        for (int i = 0; i < k; i++) ast_push(p->a, &ex->opts, &ex->nopts, items[i]);
    }
    if ((rc = parse_statement(p, &ex->query))) return rc;
    *out = n;
    return 0;
}

static int parse_statement_body(Parser *p, Ast **out)
{
    int rc;
    if (p_is_kw(p, "SELECT") || p_is_kw(p, "WITH") || p_is(p, TK_LPAREN)) return parse_select_union(p, out);
    if (p_accept_kw(p, "INSERT")) return parse_insert(p, out);
    if (p_accept_kw(p, "CREATE")) {
        if (p_is_kw(p, "USER") || p_is_kw(p, "ROLE")) return parse_access_create(p, false, out);
        return parse_create(p, out);
    }
    if (p_is_kw(p, "ALTER") && p_kw_at(p, 1, "USER")) {
        p->i++;
        return parse_access_create(p, true, out);
    }
    if (p_accept_kw(p, "GRANT")) return parse_access_grant(p, false, out);
    if (p_accept_kw(p, "REVOKE")) return parse_access_grant(p, true, out);
    if (p_is_kw(p, "SET") && (p_kw_at(p, 1, "ROLE") || (p_kw_at(p, 1, "DEFAULT") && p_kw_at(p, 2, "ROLE")))) {
        p->i++;
        return parse_access_set_role(p, out);
    }
    if (p_is_kw(p, "SHOW") && (p_kw_at(p, 1, "GRANTS") || p_kw_at(p, 1, "USERS") || p_kw_at(p, 1, "ROLES"))) {
        p->i++;
        return parse_access_show(p, out);
    }
    if (p_accept_kw(p, "ATTACH")) return parse_create(p, out);
    if (p_accept_kw(p, "REPLACE")) return parse_create(p, out);
    if (p_accept_kw(p, "DROP")) {
        if (p_is_kw(p, "USER") || p_is_kw(p, "ROLE")) return parse_access_drop(p, out);
        return parse_drop(p, out, 0);
    }
    if (p_accept_kw(p, "DETACH")) return parse_drop(p, out, 1);
    if (p_accept_kw(p, "TRUNCATE")) {
        if ((rc = parse_drop(p, out, 2))) return rc;
        (*out)->kind = AST_TRUNCATE;
        return 0;
    }
    if (p_accept_kw(p, "ALTER")) return parse_alter(p, out);
    if (p_is_kw(p, "DELETE") && p_kw_at(p, 1, "FROM")) {
        /* lightweight DELETE FROM [db.]t [IN PARTITION p] WHERE expr */
        p->i += 2;
        Ast *n = p_node(p, AST_DELETE);
        if ((rc = p_compound_name(p, &n->db, &n->name))) return rc;
        if (p_accept_kws(p, "IN", "PARTITION")) {
            if (p_accept_kw(p, "ID")) n->flags |= 4;
            if ((rc = parse_expr(p, &n->b))) return rc;
        }
        if ((rc = p_expect_kw(p, "WHERE")) || (rc = parse_expr(p, &n->a))) return rc;
        *out = n;
        return 0;
    }
    if (p_accept_kw(p, "RENAME")) return parse_rename(p, out, false);
    if (p_accept_kw(p, "EXCHANGE")) return parse_rename(p, out, true);
    if (p_accept_kw(p, "USE")) {
        Ast *n = p_node(p, AST_USE);
        if ((rc = p_ident(p, &n->name))) return rc;
        *out = n;
        return 0;
    }
    if (p_accept_kw(p, "SET")) {
        Ast *n = p_node(p, AST_SET);
        if ((rc = parse_settings_list(p, &n->args, &n->nargs))) return rc;
        *out = n;
        return 0;
    }
    if (p_accept_kw(p, "SHOW")) return parse_show(p, out);
    if (p_accept_kw(p, "DESCRIBE") || p_accept_kw(p, "DESC")) return parse_describe(p, out);
    if (p_accept_kw(p, "EXISTS")) {
        Ast *n = p_node(p, AST_EXISTS);
        if (p_accept_kw(p, "DATABASE")) n->flags = 1;
        else if (p_accept_kw(p, "TEMPORARY")) p_accept_kw(p, "TABLE");
        else if (!p_accept_kw(p, "TABLE") && p_accept_kw(p, "VIEW")) n->flags = 2;
        else p_accept_kw(p, "DICTIONARY");
        if (n->flags == 1) rc = p_ident(p, &n->name);
        else rc = p_compound_name(p, &n->db, &n->name);
        if (rc) return rc;
        *out = n;
        return 0;
    }
    if (p_accept_kw(p, "EXPLAIN")) return parse_explain(p, out);
    if (p_is_kw(p, "CHECK") && p_kw_at(p, 1, "TABLE")) {
        p->i += 2;
        Ast *n = p_node(p, AST_CHECK);
        if ((rc = p_compound_name(p, &n->db, &n->name))) return rc;
        if (p_accept_kw(p, "PARTITION")) {
            if (p_accept_kw(p, "ID")) n->flags |= 4;
            if ((rc = parse_expr(p, &n->a))) return rc;
        } else if (p_accept_kw(p, "PART")) {
            if ((rc = parse_expr(p, &n->b))) return rc;
        }
        *out = n;
        return 0;
    }
    if (p_accept_kw(p, "OPTIMIZE")) {
        Ast *n = p_node(p, AST_OPTIMIZE);
        if ((rc = p_expect_kw(p, "TABLE")) || (rc = p_compound_name(p, &n->db, &n->name))) return rc;
        while (p_is(p, TK_WORD) && !p_is_kw(p, "FORMAT") && !p_is_kw(p, "SETTINGS")) {
            if (p_accept_kw(p, "FINAL")) n->flags |= 1;
            else if (p_accept_kw(p, "DEDUPLICATE")) n->flags |= 2;
            else if (p_accept_kw(p, "PARTITION")) {
                if (p_accept_kw(p, "ID")) n->flags |= 4;
                if ((rc = parse_expr(p, &n->a))) return rc;
            } else {
                return p_fail(p, "FINAL or DEDUPLICATE");
            }
        }
        *out = n;
        return 0;
    }
    if (p_accept_kw(p, "KILL")) {
        /* KILL QUERY WHERE cond [SYNC | ASYNC | TEST] */
        Ast *n = p_node(p, AST_KILL);
        if (!p_accept_kw(p, "QUERY")) return p_fail(p, "QUERY");
        if (!p_accept_kw(p, "WHERE")) return p_fail(p, "WHERE");
        int krc = parse_expr(p, &n->a);
        if (krc) return krc;
        if (p_accept_kw(p, "SYNC")) n->flags = 1;
        else if (p_accept_kw(p, "TEST")) n->flags = 2;
        else p_accept_kw(p, "ASYNC");
        *out = n;
        return 0;
    }
    if (p_accept_kw(p, "SYSTEM")) {
        Ast *n = p_node(p, AST_SYSTEM);
        int start = p_tok(p)->pos;
        while (!p_is(p, TK_END) && !p_is(p, TK_SEMICOLON)) p->i++;
        n->name = arena_strndup(p->a, p->text + start, (size_t)((p_is(p, TK_END) ? (int)p->len : p_tok(p)->pos) - start));
        *out = n;
        return 0;
    }
    return p_fail(p, "one of: SELECT, INSERT, CREATE, DROP, ALTER, SHOW, DESCRIBE, EXPLAIN, SET, USE");
}

int parse_statement(Parser *p, Ast **out)
{
    int pos = p_tok(p)->pos;
    int rc = parse_statement_body(p, out);
    if (rc) return rc;
    Ast *st = *out;
    st->pos = pos;
    if (p_accept_kws(p, "INTO", "OUTFILE")) {
        if ((rc = p_string(p, &st->outfile, NULL))) return rc;
    }
    if (st->kind != AST_INSERT && p_accept_kw(p, "FORMAT")) {
        Token *t = p_tok(p);
        if (t->kind != TK_WORD && t->kind != TK_QIDENT) return p_fail(p, "format name");
        st->format = p_ident_text(p, t);
        p->i++;
    }
    if (p_accept_kw(p, "SETTINGS") && (rc = parse_settings_list(p, &st->settings, &st->nsettings))) return rc;
    return 0;
}
