/* limits.h — every hard limit of basalt in one place.
 *
 * Limits a user may change are settings (settings.def: max_query_size,
 * max_ast_depth, max_ast_elements, max_block_size, ...); these are the fixed
 * bounds that protect the process from hostile or broken input. */
#ifndef BASALT_LIMITS_H
#define BASALT_LIMITS_H

#define LIMIT_TYPE_DEPTH          64        /* nesting of type names: Array(Array(...)) */
#define LIMIT_TYPE_ARGS           4096      /* Tuple elements, Enum items */
#define LIMIT_FIXEDSTRING_BYTES   (1 << 24) /* FixedString(N) */
#define LIMIT_IDENT_BYTES         (1 << 16) /* identifier length */
#define LIMIT_COLUMNS             10000     /* columns in a table or a result */
#define LIMIT_FUNC_ARGS           65536     /* arguments of one function call */
#define LIMIT_PARSE_DEPTH_DEFAULT 1000      /* recursion of the parser (max_parser_depth) */
#define LIMIT_EXPR_DEPTH          1000      /* recursion of analysis and evaluation */
#define LIMIT_STRING_REPEAT       (1u << 30)/* bytes produced by repeat()/leftPad() etc. */
#define LIMIT_ARRAY_ELEMENTS      (1u << 28)/* elements produced by range() and friends */
#define LIMIT_TZ_FILE_BYTES       (1 << 20) /* size of a TZif file we will read */
#define LIMIT_PRETTY_CELL_CHARS   10000     /* Pretty formats cut longer cells */
#define LIMIT_INPUT_LINE_BYTES    (1u << 30)/* one row of text input */

#endif
