/* ast.h — the syntax tree produced by the parser.
 *
 * One node struct for every kind, with named slots whose meaning per kind is
 * listed below; this keeps traversal (printing, EXPLAIN AST, analysis) generic.
 * Nodes live in the query arena. Operators are already function calls
 * (`a + b` is FUNC plus(a, b)), as in ClickHouse, so column names come out
 * the same (`plus(a, b)`).
 *
 *  kind          slots
 *  IDENT         name (full dotted text), parts/nparts
 *  LITERAL       lit
 *  FUNC          name, args, params (when has_params: f(p)(args)), over/over_name,
 *                flags FN_OPERATOR / FN_LAMBDA / FN_DISTINCT
 *  ASTERISK      name = qualifier or NULL, args = EXCEPT list, params = REPLACE list
 *  COLUMNS       lit = regex (string) or args = explicit list; name = qualifier
 *  PARAM         name = parameter, type_text
 *  SUBQUERY      a = SELECT_UNION
 *  SELECT_UNION  args = SELECTs (or nested unions), modes[i] between i and i+1
 *  SELECT        sel
 *  ORDER_ELEM    a = expr, flags ORD_DESC / ORD_NULLS_FIRST / ORD_NULLS_SET / ORD_WITH_FILL,
 *                b = fill from, c = fill to, d = fill step
 *  TABLE         name = table (or NULL), db, a = table function FUNC or SUBQUERY, alias,
 *                flags TBL_FINAL
 *  JOIN          a = left, b = right, c = ON expr, args = USING list, join_kind,
 *                join_strict, flags JOIN_GLOBAL / JOIN_COMMA
 *  SET_ITEM      name = setting, a = value LITERAL
 *  COLUMN_DECL   name, type_text, a = default expr, default_kind, b = codec FUNC,
 *                comment, ttl
 *  statements    see Stmt* fields
 */
#ifndef BASALT_AST_H
#define BASALT_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/buf.h"

typedef enum AstKind {
    AST_IDENT, AST_LITERAL, AST_FUNC, AST_ASTERISK, AST_COLUMNS, AST_PARAM, AST_SUBQUERY,
    AST_SELECT_UNION, AST_SELECT, AST_ORDER_ELEM, AST_TABLE, AST_JOIN, AST_SET_ITEM,
    AST_COLUMN_DECL, AST_LIST, AST_INDEX_DECL,
    AST_WINDOW,                      /* OVER (...) / WINDOW w AS (...): see WindowFrame */
    /* statements */
    AST_CREATE_TABLE, AST_CREATE_DATABASE, AST_CREATE_VIEW, AST_DROP, AST_INSERT, AST_ALTER,
    AST_RENAME, AST_TRUNCATE, AST_USE, AST_SET, AST_SHOW, AST_DESCRIBE, AST_EXISTS,
    AST_EXPLAIN, AST_OPTIMIZE, AST_SYSTEM, AST_KILL, AST_CHECK, AST_DELETE,
    AST_ACCESS,                      /* users, roles, grants: StmtAccess */
} AstKind;

typedef enum FieldKind { FV_NULL, FV_UINT, FV_INT, FV_FLOAT, FV_STRING, FV_BOOL, FV_ARRAY, FV_TUPLE, FV_UINT128 } FieldKind;

typedef struct Field Field;
struct Field {
    FieldKind kind;
    union {
        uint64_t u;
        int64_t i;
        double f;
        unsigned __int128 u128;
        struct { char *s; size_t len; } str;
        struct { Field *items; int n; } list;
    };
};

typedef struct Ast Ast;
typedef struct SelectAst SelectAst;

enum { FN_OPERATOR = 1, FN_LAMBDA = 2, FN_DISTINCT = 4, FN_HAS_PARAMS = 8, FN_CAST_LITERAL = 16, FN_PARENS = 32 };
enum { ORD_DESC = 1, ORD_NULLS_FIRST = 2, ORD_NULLS_SET = 4, ORD_WITH_FILL = 8 };
enum { TBL_FINAL = 1 };
enum { JOIN_GLOBAL = 1, JOIN_COMMA = 2 };
typedef enum { JK_INNER, JK_LEFT, JK_RIGHT, JK_FULL, JK_CROSS, JK_PASTE } JoinKind;
typedef enum { JS_DEFAULT, JS_ALL, JS_ANY, JS_SEMI, JS_ANTI, JS_ASOF } JoinStrict;
typedef enum { UM_DEFAULT, UM_ALL, UM_DISTINCT, UM_EXCEPT_ALL, UM_EXCEPT_DISTINCT, UM_INTERSECT_ALL, UM_INTERSECT_DISTINCT, UM_EXCEPT_DEFAULT, UM_INTERSECT_DEFAULT } UnionMode;
typedef enum { DK_NONE, DK_DEFAULT, DK_MATERIALIZED, DK_ALIAS, DK_EPHEMERAL } DefaultKind;

struct Ast {
    AstKind kind;
    int pos;                 /* byte offset in the query text */
    int end_pos;             /* byte offset just past the node */
    int flags;
    char *alias;
    char *name;
    char **parts;
    int nparts;
    Field lit;
    Ast **args;
    int nargs;
    Ast **params;
    int nparams;
    Ast *a, *b, *c, *d;
    char *db;
    char *type_text;
    char *comment;
    char *over_name;
    Ast *over;               /* window spec (later issue) */
    int *modes;              /* SELECT_UNION */
    JoinKind join_kind;
    JoinStrict join_strict;
    DefaultKind default_kind;
    SelectAst *sel;
    void *stmt;              /* statement-specific struct */
    /* top-level statements only */
    char *format;            /* FORMAT name */
    Ast **settings;          /* trailing SETTINGS */
    int nsettings;
    char *outfile;           /* INTO OUTFILE (not supported: error) */
    char *display;           /* column name kept by an analyzer rewrite (sum(x*2) -> sum(x)*2) */
};

/* A window: name = the window it extends (OVER (w ORDER BY ...)) or NULL,
 * args = PARTITION BY, params = ORDER BY (ORDER_ELEMs), stmt = WindowFrame,
 * type_text = its text as ClickHouse writes it back (ast_window_text). */
typedef enum { WB_UNBOUNDED_PRECEDING, WB_PRECEDING, WB_CURRENT_ROW, WB_FOLLOWING, WB_UNBOUNDED_FOLLOWING } WinBound;
typedef enum { WF_NONE, WF_ROWS, WF_RANGE } WinFrameKind;
typedef struct WindowFrame {
    WinFrameKind kind;
    WinBound start, end;
    Ast *start_off, *end_off;   /* N PRECEDING / FOLLOWING */
} WindowFrame;

struct SelectAst {
    Ast **with;  int nwith;
    bool distinct;
    Ast **distinct_on; int ndistinct_on;
    Ast **cols;  int ncols;
    Ast *from;               /* TABLE or JOIN tree, or NULL */
    Ast **array_join; int narray_join;
    bool left_array_join;
    Ast *prewhere, *where, *having, *qualify;
    char **win_names; Ast **win_specs; int nwin;   /* WINDOW w AS (...), ... */
    Ast **group_by; int ngroup_by;
    bool group_by_all, with_totals, with_rollup, with_cube, grouping_sets;
    Ast **order_by; int norder_by;
    bool order_by_all;
    Ast *limit_by_limit, *limit_by_offset;
    Ast **limit_by; int nlimit_by;
    Ast *limit, *offset;
    bool with_ties;
    Ast **settings; int nsettings;
};

/* ---- statements ---- */

typedef struct StmtCreateTable {
    bool if_not_exists, or_replace, temporary, is_replace;
    Ast **cols; int ncols;          /* COLUMN_DECL, plus INDEX/CONSTRAINT skipped */
    Ast *engine;                    /* FUNC */
    Ast *order_by, *partition_by, *primary_key, *sample_by, *ttl;
    Ast *ttl_where;                 /* TTL expr [DELETE] WHERE cond */
    Ast **indexes; int nindexes;    /* INDEX name expr TYPE t [GRANULARITY n]: name, a = expr, b = type, lit.u = n (0: none) */
    Ast **engine_settings; int nengine_settings;
    Ast *as_select;                 /* SELECT_UNION for CREATE TABLE ... AS SELECT */
    char *as_db, *as_table;         /* CREATE TABLE t AS other */
    Ast *as_func;                   /* CREATE TABLE t AS table_function() */
    char *comment;
    bool empty_as;
} StmtCreateTable;

typedef struct StmtInsert {
    Ast **cols; int ncols;          /* column list or NULL */
    bool cols_star; Ast **except; int nexcept;
    char *format;                   /* FORMAT name, NULL for VALUES/SELECT */
    bool values;
    const char *data; size_t data_len; /* inline data (VALUES tuples or formatted rows) */
    bool data_inline;
    Ast *select;
    Ast *table_func;
    Ast **settings; int nsettings;
} StmtInsert;

typedef struct StmtDrop {
    bool if_exists, is_database, is_view, is_dictionary, temporary, sync;
    int kind;                        /* 0 DROP, 1 DETACH, 2 TRUNCATE */
} StmtDrop;

/* Access control statements (parse_access.c). */
typedef enum {
    ACC_CREATE_USER, ACC_ALTER_USER, ACC_CREATE_ROLE, ACC_DROP_USER, ACC_DROP_ROLE, ACC_GRANT, ACC_REVOKE,
    ACC_SET_ROLE, ACC_SET_DEFAULT_ROLE, ACC_SHOW_GRANTS, ACC_SHOW_USERS, ACC_SHOW_ROLES,
} AccessOp;
/* A role list as SET ROLE / DEFAULT ROLE give it. */
typedef enum { ROLES_UNSET, ROLES_LIST, ROLES_ALL, ROLES_ALL_EXCEPT, ROLES_NONE, ROLES_DEFAULT } RolesMode;
typedef struct StmtAccess {
    AccessOp op;
    bool if_not_exists, or_replace, if_exists;
    char **names;                    /* users / roles created, dropped, altered, granted; SHOW GRANTS FOR */
    int nnames;
    char *auth;                      /* IDENTIFIED WITH <auth> (NULL: not given); "no_password" for NOT IDENTIFIED */
    char *secret, *salt;             /* BY '...', SALT '...' */
    char *default_db;                /* DEFAULT DATABASE */
    Ast **settings;                  /* SETTINGS of a user or role (AST_SET_ITEM) */
    int nsettings;
    RolesMode roles_mode;            /* SET ROLE, SET DEFAULT ROLE, DEFAULT ROLE */
    char **roles;
    int nroles;
    char **privs;                    /* GRANT / REVOKE privileges (upper case, one space between words) */
    int nprivs;
    bool on_given;                   /* privileges (ON ...) rather than roles */
    char *on_db, *on_table;          /* NULL: * */
    char **grantees;                 /* TO / FROM */
    int ngrantees;
    bool with_option;                /* WITH GRANT OPTION / WITH ADMIN OPTION */
} StmtAccess;

typedef enum { ALT_ADD_COLUMN, ALT_DROP_COLUMN, ALT_MODIFY_COLUMN, ALT_RENAME_COLUMN, ALT_COMMENT_COLUMN,
               ALT_CLEAR_COLUMN, ALT_DELETE, ALT_UPDATE, ALT_MODIFY_SETTING, ALT_DROP_PARTITION, ALT_DROP_PART,
               ALT_MODIFY_QUERY, ALT_ADD_INDEX, ALT_DROP_INDEX, ALT_MATERIALIZE_INDEX, ALT_PROJECTION, ALT_MODIFY_TTL, ALT_REMOVE_TTL,
               ALT_OTHER } AlterKind;
typedef struct AlterCmd {
    AlterKind kind;
    bool if_exists, if_not_exists;
    Ast *col;                       /* COLUMN_DECL for ADD/MODIFY */
    char *name, *new_name, *after;
    bool first;
    Ast *where;
    Ast **assignments; int nassignments;
    char *comment;
    Ast *partition;                 /* DROP PARTITION expr / DROP PART 'name' */
    bool partition_is_id;           /* PARTITION ID 'id' */
    Ast *query;                     /* MODIFY QUERY: SELECT_UNION */
    Ast *ttl_where;                 /* MODIFY TTL expr (in where) [DELETE] WHERE cond */
} AlterCmd;
typedef struct StmtAlter {
    AlterCmd *cmds; int ncmds;
} StmtAlter;

typedef struct StmtRename {
    char **from_db, **from, **to_db, **to; int n;
    bool is_database, exchange;
} StmtRename;

typedef enum { SHOW_TABLES, SHOW_DATABASES, SHOW_CREATE_TABLE, SHOW_CREATE_DATABASE, SHOW_COLUMNS,
               SHOW_SETTINGS, SHOW_FUNCTIONS, SHOW_ENGINES, SHOW_PROCESSLIST, SHOW_CREATE_VIEW, SHOW_DICTIONARIES } ShowKind;
typedef struct StmtShow {
    ShowKind kind;
    char *from_db;
    char *like; bool not_like, ilike;
    Ast *where;
    Ast *limit;
    bool full, temporary;   /* SHOW [FULL] [TEMPORARY] TABLES */
} StmtShow;

typedef enum { EXPLAIN_PLAN, EXPLAIN_AST, EXPLAIN_SYNTAX, EXPLAIN_PIPELINE, EXPLAIN_ESTIMATE, EXPLAIN_QUERY_TREE } ExplainKind;
typedef struct StmtExplain {
    ExplainKind kind;
    Ast **opts; int nopts;          /* SET_ITEMs: header = 1, indexes = 1, ... */
    Ast *query;
} StmtExplain;


/* ---- construction helpers (arena) ---- */
Ast *ast_new(Arena *a, AstKind kind, int pos);
Ast *ast_func(Arena *a, const char *name, int pos, int nargs, ...);
Ast *ast_ident(Arena *a, const char *name, int pos);
void ast_push(Arena *a, Ast ***arr, int *n, Ast *item);

/* ---- printing ---- */
/* ClickHouse's column name of an expression (getColumnName): plus(a, 1), 'str', [1, 2]. */
void ast_column_name(const Ast *e, Buf *out);
/* A window as ClickHouse names it: "(PARTITION BY plus(a, 1) ORDER BY b ASC
 * ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"; column names and SQL alike. */
void ast_window_text(const Ast *w, Buf *out);
/* Lets the analyzer name qualified identifiers as the columns they resolve
 * to (ClickHouse names `x.a` as `a` unless another column is called `a`);
 * f returns NULL to keep the written text. Thread-local; NULL to clear. */
typedef const char *(*AstIdentNamer)(void *ctx, const Ast *id);
void ast_set_ident_namer(AstIdentNamer f, void *ctx);
/* SQL text of an expression/statement, as ClickHouse's formatter writes it. */
void ast_format(const Ast *e, Buf *out);
/* ClickHouse's multi-line formatting; bare table names get `db.` (if db). */
void ast_format_pretty(const Ast *e, Buf *out, const char *db);
/* EXPLAIN SYNTAX: multi-line, every operator in function form. */
void ast_format_explain(const Ast *e, Buf *out);
/* EXPLAIN AST dump. */
void ast_dump(const Ast *e, Buf *out, int depth);
/* Literal text as in column names (1, -1, 1.5, 'a', [1, 2], (1, 'a'), NULL). */
void field_to_name(const Field *f, Buf *out);

#endif
