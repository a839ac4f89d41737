/* mutation.h — ALTER TABLE ... DELETE / UPDATE and lightweight DELETE as the
 * engines see them: a list of commands kept as SQL text (so a MergeTree table
 * can write them to its mutation log and run them again after a restart),
 * bound over the table's columns and applied to chunks of whole rows.
 *
 * Commands apply in order, each to the result of the previous one; the
 * assignments of one UPDATE all read the row as it was before that UPDATE.
 * A lightweight delete (`UPDATE _row_exists = 0 WHERE p`, as ClickHouse
 * records it) removes no row: it clears the row's bit in a mask the engine
 * stores beside the part.
 */
#ifndef BASALT_MUTATION_H
#define BASALT_MUTATION_H

#include "table.h"

#define MUT_ROW_EXISTS "_row_exists"

/* MUT_REBUILD (MATERIALIZE INDEX) changes no row: every part is rewritten whole,
 * so it gets the table's current indexes. MUT_COLUMNS follows ALTER RENAME /
 * DROP COLUMN into the parts: each `set` pair is an old column name and its
 * new name, or "" when it was dropped; parts are linked with their files
 * renamed or left out. */
typedef enum { MUT_DELETE, MUT_UPDATE, MUT_LIGHTWEIGHT_DELETE, MUT_REBUILD, MUT_COLUMNS } MutKind;

typedef struct MutCommand {
    MutKind kind;
    char *predicate;            /* WHERE, as SQL */
    int nset;
    char **set_cols, **set_exprs;   /* UPDATE: column = expression (SQL) */
    char *text;                 /* as system.mutations shows it: "DELETE WHERE k = 3" */
} MutCommand;

typedef struct Mutation {
    MutCommand *cmds;
    int n;
} Mutation;

void mutation_free(Mutation *m);          /* frees the contents */
void mutation_add(Mutation *m, MutKind kind, const char *predicate, const char *text);
void mutation_add_set(Mutation *m, const char *col, const char *expr);   /* to the last command */
/* The mutation log record of a MergeTree table (mutation_<N>.txt): a line
 * format of escaped fields; decode checks everything (untrusted bytes). */
void mutation_encode(const Mutation *m, uint64_t create_time, Buf *out);
int mutation_decode(const char *data, size_t len, Mutation *out, uint64_t *create_time, Err *err);

/* A mutation bound over a table's columns (allocations in q's arena). */
typedef struct MutPlan MutPlan;
int mutation_bind(Table *t, QueryCtx *q, const Mutation *m, MutPlan **out, Err *err);
/* Whether the mutation can change anything in rows of the table: the
 * columns its predicates and expressions read (reads[i] for table column i). */
void mutation_reads(const MutPlan *p, bool *reads);
/* The table columns the mutation writes (UPDATE targets). */
void mutation_writes(const MutPlan *p, bool *writes);
bool mutation_is_lightweight(const MutPlan *p);
bool mutation_deletes(const MutPlan *p);
bool mutation_rebuilds(const MutPlan *p);
/* Applies the commands to ch (every table column, in order), in place.
 * *touched counts the rows some predicate selected. When mask is given (a
 * UInt8 column of ch->rows values), lightweight deletes clear its bits
 * instead of removing rows; without it they remove the rows. */
int mutation_apply(MutPlan *p, Chunk *ch, Column **mask, uint64_t *touched, Err *err);
/* Rows some predicate selects, without changing anything. */
int mutation_count(MutPlan *p, Chunk *ch, uint64_t *touched, Err *err);

#endif
