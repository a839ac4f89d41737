/* f_regex.c — like / notLike / ilike / notILike, match (REGEXP), extract,
 * extractAll, replaceRegexpOne / replaceRegexpAll (REGEXP_REPLACE),
 * splitByRegexp.
 *
 * LIKE is matched directly (no regex): % is any run, _ one UTF-8 character,
 * \ escapes; a '%needle%' pattern is a plain substring search. Regular
 * expressions use PCRE2 (JIT when available) in byte mode, as ClickHouse
 * treats haystacks as bytes; a constant pattern is compiled once per query.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <pcre2.h>
#include <stdio.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/strsearch.h"
#include "../base/utf8.h"
#include "func.h"

/* ---- LIKE ---- */

static size_t utf8_char_len(const char *s, size_t n)
{
    size_t l = 1;
    while (l < n && ((unsigned char)s[l] & 0xC0) == 0x80) l++;
    return l;
}

static bool chr_eq(char a, char b, bool ci)
{
    return ci ? tolower((unsigned char)a) == tolower((unsigned char)b) : a == b;
}

/* Glob match with backtracking over the last %. */
static bool like_match(const char *s, size_t sn, const char *p, size_t pn, bool ci)
{
    size_t si = 0, pi = 0, star_p = (size_t)-1, star_s = 0;
    while (si < sn) {
        if (pi < pn && p[pi] == '%') {
            star_p = ++pi;
            star_s = si;
            continue;
        }
        if (pi < pn && p[pi] == '_') {
            si += utf8_char_len(s + si, sn - si);
            pi++;
            continue;
        }
        if (pi < pn) {
            char pc = p[pi];
            size_t adv = 1;
            if (pc == '\\' && pi + 1 < pn) {
                pc = p[pi + 1];
                adv = 2;
            }
            if (chr_eq(s[si], pc, ci)) {
                si++;
                pi += adv;
                continue;
            }
        }
        if (star_p == (size_t)-1) return false;
        pi = star_p;
        star_s += utf8_char_len(s + star_s, sn - star_s);
        si = star_s;
    }
    while (pi < pn && p[pi] == '%') pi++;
    return pi == pn;
}

typedef struct LikeState {
    bool substr;        /* pattern is %needle% with no other wildcard */
    Buf needle;
} LikeState;

static int like_resolve(FuncCall *fc, Err *err)
{
    if (!type_is_stringy(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    if (!type_is_stringy(fc->types[1])) return fn_err_arg_type(fc, 1, err);
    fc->ret = type_basic(TYPE_UINT8);
    const char *p;
    size_t n;
    if (fn_const_str(fc, 1, &p, &n) && !strstr(fc->def->name, "ILike") && strcmp(fc->def->name, "ilike") != 0) {
        LikeState *st = arena_alloc(&fc->q->arena, sizeof *st);
        if (n >= 2 && p[0] == '%' && p[n - 1] == '%' && !(n >= 3 && p[n - 2] == '\\')) {
            bool plain = true;
            for (size_t i = 1; i + 1 < n; i++)
                if (p[i] == '%' || p[i] == '_' || p[i] == '\\') plain = false;
            if (plain) {
                st->substr = true;
                buf_put(&st->needle, p + 1, n - 2);
                qctx_defer(fc->q, (void (*)(void *))buf_free, &st->needle);
            }
        }
        fc->state = st;
    }
    return 0;
}

/* LIKE '%needle%' over a whole String column: one memmem pass over its
 * bytes, each hit mapped to its row (a hit across two rows is no match). */
static void substr_scan(const Column *c, const char *nd, size_t nl, bool neg, uint8_t *o, size_t rows)
{
    const uint64_t *offs = COL_OFFS(c);
    const char *data = c->data.data;
    uint64_t total = rows ? offs[rows - 1] : 0, pos = 0;
    size_t row = 0;
    memset(o, neg, rows);
    while (pos < total && row < rows) {
        const char *hit = str_find(data + pos, (size_t)(total - pos), nd, nl);
        if (!hit) break;
        uint64_t at = (uint64_t)(hit - data);
        while (row < rows && offs[row] <= at) row++;
        if (row >= rows) break;
        if (at + nl <= offs[row]) {
            o[row] = !neg;
            pos = offs[row];   /* the next row */
            row++;
        } else {
            pos = at + 1;
        }
    }
}

static int like_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    bool neg = !strncmp(n, "not", 3);
    bool ci = !strcmp(n, "ilike") || !strcmp(n, "notILike");
    LikeState *st = fc->state;
    Column *r = fn_fixed(type_basic(TYPE_UINT8), rows);
    uint8_t *o = COL_DATA(r, uint8_t);
    if (st && st->substr && st->needle.len && args[0]->type->kind == TYPE_STRING && !args[0]->is_const && args[0]->rows == rows) {
        substr_scan(args[0], st->needle.data, st->needle.len, neg, o, rows);
        *out = r;
        return 0;
    }
    for (size_t i = 0; i < rows; i++) {
        size_t sl, pl;
        const char *s = col_str(args[0], i, &sl);
        bool m;
        if (st && st->substr) {
            m = st->needle.len == 0 || str_find(s, sl, st->needle.data, st->needle.len) != NULL;
        } else {
            const char *p = col_str(args[1], i, &pl);
            bool ascii = true;
            for (size_t k = 0; ci && k < sl && ascii; k++) ascii = (unsigned char)s[k] < 0x80;
            for (size_t k = 0; ci && k < pl && ascii; k++) ascii = (unsigned char)p[k] < 0x80;
            if (ascii) {
                m = like_match(s, sl, p, pl, ci);
            } else {
                /* ILIKE on non-ASCII text: compare the lower-case forms */
                Buf ls = {0}, lp = {0};
                utf8_lower(s, sl, &ls);
                utf8_lower(p, pl, &lp);
                m = like_match(ls.data ? ls.data : "", ls.len, lp.data ? lp.data : "", lp.len, false);
                buf_free(&ls);
                buf_free(&lp);
            }
        }
        o[i] = m != neg;
    }
    *out = r;
    return 0;
}

/* ---- PCRE2 ---- */

/* The call's state holds a constant pattern compiled once (read-only, so the
 * threads of a parallel pipeline share it). Every exec works on a Regex of
 * its own: match data for the shared pattern, or patterns compiled row by
 * row (with a one-pattern cache) when the pattern is a column. */
typedef struct Regex {
    pcre2_code *re;
    bool borrowed;       /* re belongs to the call's state */
    bool jit;            /* JIT-compiled: matched through pcre2_jit_match, the fast path */
    bool anchored;       /* can match only at the start (^ or \\A): one attempt per string */
    pcre2_match_data *md;
    uint32_t groups;
    size_t pat_len;      /* length of the pattern (an empty one matches nothing in replace/split) */
    Buf last;            /* pattern text for the per-row cache */
} Regex;

static void regex_free(void *p)
{
    Regex *r = p;
    if (r->md) pcre2_match_data_free(r->md);
    if (r->re && !r->borrowed) pcre2_code_free(r->re);
    r->md = NULL;
    r->re = NULL;
    r->borrowed = false;
    MemTracker *saved = mem_current;
    mem_current = NULL;
    buf_free(&r->last);
    mem_current = saved;
}

static int regex_compile(Regex *r, const char *p, size_t n, Err *err)
{
    if (r->re && r->last.len == n && !memcmp(r->last.data, p, n)) return 0;
    regex_free(r);
    int ec;
    PCRE2_SIZE eo;
    /* '.' matches newlines too, as with ClickHouse's RE2 options */
    r->re = pcre2_compile((PCRE2_SPTR)p, n, PCRE2_DOTALL, &ec, &eo, NULL);
    if (!r->re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        return err_set(err, ERR_CANNOT_COMPILE_REGEXP, "OptimizedRegularExpression: cannot compile regexp: %.*s, error: %s",
                       (int)(n > 200 ? 200 : n), p, (char *)msg);
    }
    r->jit = pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE) == 0;
    uint32_t opts = 0;
    pcre2_pattern_info(r->re, PCRE2_INFO_ALLOPTIONS, &opts);
    r->anchored = (opts & PCRE2_ANCHORED) != 0;
    r->md = pcre2_match_data_create_from_pattern(r->re, NULL);
    pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &r->groups);
    MemTracker *saved = mem_current;
    mem_current = NULL;
    r->last.len = 0;
    buf_put(&r->last, p, n);
    r->pat_len = n;
    mem_current = saved;
    return 0;
}

/* Regex for row i: the constant one, or compiled (and cached) from the row's pattern. */
static int regex_for(FuncCall *fc, Regex *local, Column *pat, size_t i, Regex **out, Err *err)
{
    const Regex *shared = fc->state;
    *out = local;
    if (shared->re) {   /* constant pattern */
        if (!local->re) {
            local->re = shared->re;
            local->borrowed = true;
            local->jit = shared->jit;
            local->anchored = shared->anchored;
            local->groups = shared->groups;
            local->pat_len = shared->pat_len;
            local->md = pcre2_match_data_create_from_pattern(local->re, NULL);
        }
        return 0;
    }
    size_t n;
    const char *p = col_str(pat, i, &n);
    return regex_compile(local, p, n, err);
}

/* An exec over a Regex of its own, released when it returns. */
#define REGEX_EXEC(name)                                                                            \
    static int name##_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)        \
    {                                                                                               \
        Regex local = {0};                                                                          \
        int rc = name##_run(fc, &local, args, rows, out, err);                                      \
        regex_free(&local);                                                                         \
        return rc;                                                                                  \
    }

static int regex_resolve_common(FuncCall *fc, int pat_arg, const DataType *ret, Err *err)
{
    for (int i = 0; i < fc->nargs; i++)
        if (!type_is_stringy(fc->types[i]) && !(i == 2 && !strcmp(fc->def->name, "splitByRegexp"))) return fn_err_arg_type(fc, i, err);
    Regex *r = arena_alloc(&fc->q->arena, sizeof *r);
    qctx_defer(fc->q, regex_free, r);
    fc->state = r;
    const char *p;
    size_t n;
    if (fn_const_str(fc, pat_arg, &p, &n)) {
        int rc = regex_compile(r, p, n, err);
        if (rc) return rc;
    }
    fc->ret = ret;
    return 0;
}

static int match_resolve(FuncCall *fc, Err *err) { return regex_resolve_common(fc, 1, type_basic(TYPE_UINT8), err); }
static int extract_resolve(FuncCall *fc, Err *err) { return regex_resolve_common(fc, 1, type_basic(TYPE_STRING), err); }
static int extract_all_resolve(FuncCall *fc, Err *err) { return regex_resolve_common(fc, 1, type_array(type_basic(TYPE_STRING)), err); }
/* replaceRegexpOne/All report a bad pattern as ClickHouse does for them:
 * BAD_ARGUMENTS, not CANNOT_COMPILE_REGEXP. */
static int bad_pattern(int rc, Err *err)
{
    if (rc != ERR_CANNOT_COMPILE_REGEXP) return rc;
    const char *why = strstr(err->msg, "error: ");
    char msg[ERR_MSG_MAX];
    snprintf(msg, sizeof msg, "%s", why ? why + 7 : err->msg);
    return err_set(err, ERR_BAD_ARGUMENTS, "The pattern argument is not a valid re2 pattern: %s", msg);
}

static int replace_resolve(FuncCall *fc, Err *err) { return bad_pattern(regex_resolve_common(fc, 1, type_basic(TYPE_STRING), err), err); }
static int split_re_resolve(FuncCall *fc, Err *err) { return regex_resolve_common(fc, 0, type_array(type_basic(TYPE_STRING)), err); }

static int do_match(Regex *r, const char *s, size_t n, size_t start)
{
    if (r->jit) return pcre2_jit_match(r->re, (PCRE2_SPTR)s, n, start, 0, r->md, NULL);
    return pcre2_match(r->re, (PCRE2_SPTR)s, n, start, 0, r->md, NULL);
}

static int match_run(FuncCall *fc, Regex *local, Column **args, size_t rows, Column **out, Err *err)
{
    Column *res = fn_fixed(type_basic(TYPE_UINT8), rows);
    for (size_t i = 0; i < rows; i++) {
        Regex *r;
        int rc = regex_for(fc, local, args[1], i, &r, err);
        if (rc) {
            col_unref(res);
            return rc;
        }
        size_t n;
        const char *s = col_str(args[0], i, &n);
        COL_DATA(res, uint8_t)[i] = do_match(r, s, n, 0) >= 0;
    }
    *out = res;
    return 0;
}
REGEX_EXEC(match)

static int extract_run(FuncCall *fc, Regex *local, Column **args, size_t rows, Column **out, Err *err)
{
    bool all = !strcmp(fc->def->name, "extractAll");
    Column *res = col_new(fc->ret);
    Column *dst = all ? res->sub[0] : res;
    for (size_t i = 0; i < rows; i++) {
        Regex *r;
        int rc = regex_for(fc, local, args[1], i, &r, err);
        if (rc) {
            col_unref(res);
            return rc;
        }
        size_t n;
        const char *s = col_str(args[0], i, &n);
        size_t start = 0;
        bool any = false;
        while (start <= n) {
            int m = do_match(r, s, n, start);
            if (m < 0) break;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
            if (all && ov[1] == ov[0]) break;   /* an empty match ends extractAll */
            int g = r->groups >= 1 ? 1 : 0;
            size_t b = ov[2 * g], e = ov[2 * g + 1];
            if (b == PCRE2_UNSET) b = e = 0;
            col_push_str(dst, s + b, e - b);
            any = true;
            if (!all) break;
            start = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
        }
        if (all) col_close_array(res);
        else if (!any) col_push_str(res, "", 0);
    }
    *out = res;
    return 0;
}
REGEX_EXEC(extract)

/* Appends the replacement with \0..\9 substituted. */
static void put_replacement(Buf *b, const char *rep, size_t rn, const char *s, PCRE2_SIZE *ov, uint32_t groups)
{
    for (size_t k = 0; k < rn; k++) {
        if (rep[k] == '\\' && k + 1 < rn && isdigit((unsigned char)rep[k + 1])) {
            uint32_t g = (uint32_t)(rep[k + 1] - '0');
            if (g <= groups && ov[2 * g] != PCRE2_UNSET) buf_put(b, s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
            k++;
        } else if (rep[k] == '\\' && k + 1 < rn) {
            buf_putc(b, rep[++k]);
        } else {
            buf_putc(b, rep[k]);
        }
    }
}

static int replace_run(FuncCall *fc, Regex *local, Column **args, size_t rows, Column **out, Err *err)
{
    bool one = !strcmp(fc->def->name, "replaceRegexpOne");
    Column *res = col_new(type_basic(TYPE_STRING));
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        Regex *r;
        int rc = bad_pattern(regex_for(fc, local, args[1], i, &r, err), err);
        if (rc) {
            buf_free(&b);
            col_unref(res);
            return rc;
        }
        size_t n, rn;
        const char *s = col_str(args[0], i, &n), *rep = col_str(args[2], i, &rn);
        b.len = 0;
        size_t pos = 0;
        /* ClickHouse semantics: an empty match is replaced too (then one byte
         * is copied and the scan moves on), even right after a non-empty
         * match; an empty pattern leaves the string as it is. */
        bool empty_pattern = r->pat_len == 0;
        while (pos <= n && !empty_pattern) {
            int m = do_match(r, s, n, pos);
            if (m < 0) break;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
            buf_put(&b, s + pos, ov[0] - pos);
            put_replacement(&b, rep, rn, s, ov, r->groups);
            if (ov[1] == ov[0]) {
                if (ov[0] < n) buf_putc(&b, s[ov[0]]);
                pos = ov[0] + 1;
            } else {
                pos = ov[1];
            }
            if (one || r->anchored) break;   /* an anchored pattern cannot match again further on */
        }
        if (pos < n) buf_put(&b, s + pos, n - pos);
        col_push_str(res, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = res;
    return 0;
}
REGEX_EXEC(replace)

/* ---- extractGroups, extractAllGroupsVertical / Horizontal ---- */

static int groups_resolve(FuncCall *fc, Err *err)
{
    bool nested = strcmp(fc->def->name, "extractGroups") != 0;
    const DataType *strs = type_array(type_basic(TYPE_STRING));
    int rc = regex_resolve_common(fc, 1, nested ? type_array(strs) : strs, err);
    if (rc) return rc;
    Regex *r = fc->state;
    if (!r->re) return fn_err_const(fc, 1, err);
    if (r->groups == 0)
        return err_set(err, ERR_BAD_ARGUMENTS, "There are no groups in regexp: %.*s", (int)r->last.len, r->last.data);
    return 0;
}

static int groups_run(FuncCall *fc, Regex *local, Column **args, size_t rows, Column **out, Err *err)
{
    const char *nm = fc->def->name;
    int mode = !strcmp(nm, "extractGroups") ? 0 : strstr(nm, "Horizontal") ? 2 : 1;
    Regex *r;
    int rc = regex_for(fc, local, args[1], 0, &r, err);
    if (rc) return rc;
    uint32_t ng = r->groups;
    Column *res = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n);
        /* collect matches: per match, ng group spans */
        size_t cap = 0, nm_ = 0;
        PCRE2_SIZE *spans = NULL;
        size_t start = 0;
        while (start <= n) {
            if (do_match(r, s, n, start) < 0) break;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
            if (ov[1] == ov[0]) break;
            if (nm_ == cap) {
                size_t nc = cap ? cap * 2 : 4;
                PCRE2_SIZE *ns = mem_alloc(nc * ng * 2 * sizeof *ns);
                if (spans) memcpy(ns, spans, cap * ng * 2 * sizeof *ns), mem_free(spans, cap * ng * 2 * sizeof *ns);
                spans = ns, cap = nc;
            }
            for (uint32_t g = 0; g < ng; g++) {
                PCRE2_SIZE b = ov[2 * (g + 1)], e = ov[2 * (g + 1) + 1];
                if (b == PCRE2_UNSET) b = e = 0;
                spans[(nm_ * ng + g) * 2] = b, spans[(nm_ * ng + g) * 2 + 1] = e;
            }
            nm_++;
            start = ov[1];
            if (mode == 0) break;
        }
#define SPAN_PUSH(col, m, g) col_push_str(col, s + spans[((m) * ng + (g)) * 2], spans[((m) * ng + (g)) * 2 + 1] - spans[((m) * ng + (g)) * 2])
        if (mode == 0) {
            for (uint32_t g = 0; g < ng && nm_; g++) SPAN_PUSH(res->sub[0], 0, g);
        } else if (mode == 1) {
            for (size_t m = 0; m < nm_; m++) {
                for (uint32_t g = 0; g < ng; g++) SPAN_PUSH(res->sub[0]->sub[0], m, g);
                col_close_array(res->sub[0]);
            }
        } else {
            for (uint32_t g = 0; g < ng && nm_; g++) {
                for (size_t m = 0; m < nm_; m++) SPAN_PUSH(res->sub[0]->sub[0], m, g);
                col_close_array(res->sub[0]);
            }
        }
#undef SPAN_PUSH
        col_close_array(res);
        if (spans) mem_free(spans, cap * ng * 2 * sizeof *spans);
    }
    *out = res;
    return 0;
}
REGEX_EXEC(groups)

/* ---- countMatches: non-overlapping matches of a regexp ---- */

static int countm_resolve(FuncCall *fc, Err *err) { return regex_resolve_common(fc, 1, type_basic(TYPE_UINT64), err); }

static int countm_run(FuncCall *fc, Regex *local, Column **args, size_t rows, Column **out, Err *err)
{
    Column *res = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        Regex *r;
        int rc = regex_for(fc, local, args[1], i, &r, err);
        if (rc) {
            col_unref(res);
            return rc;
        }
        size_t n;
        const char *s = col_str(args[0], i, &n);
        uint64_t cnt = 0;
        for (size_t pos = 0; pos <= n;) {
            if (do_match(r, s, n, pos) < 0) break;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
            if (ov[1] == ov[0]) break;   /* an empty match ends the count */
            cnt++;
            pos = ov[1];
        }
        COL_DATA(res, uint64_t)[i] = cnt;
    }
    *out = res;
    return 0;
}
REGEX_EXEC(countm)

static int split_re_run(FuncCall *fc, Regex *local, Column **args, size_t rows, Column **out, Err *err)
{
    Column *res = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        Regex *r;
        int rc = regex_for(fc, local, args[0], i, &r, err);
        if (rc) {
            col_unref(res);
            return rc;
        }
        size_t n;
        const char *s = col_str(args[1], i, &n);
        size_t pos = 0, piece = 0;
        int64_t max_parts = fc->nargs > 2 ? col_get_i64(args[2], i) : 0;
        size_t parts = 0;
        if (r->pat_len == 0) {
            /* empty pattern: one piece per character */
            for (size_t k = 0; k < n; k++) col_push_str(res->sub[0], s + k, 1);
            col_close_array(res);
            continue;
        }
        bool done = false;
        while (pos < n) {
            int m = do_match(r, s, n, pos);
            if (m < 0) break;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
            if (ov[1] == ov[0]) break;   /* an empty match ends the split */
            col_push_str(res->sub[0], s + piece, ov[0] - piece);
            piece = pos = ov[1];
            if (max_parts > 0 && (int64_t)++parts >= max_parts) {
                done = true;
                break;
            }
        }
        if (!done) col_push_str(res->sub[0], s + piece, n - piece);
        col_close_array(res);
    }
    *out = res;
    return 0;
}
REGEX_EXEC(split_re)

#define R(name, min, max, res, ex, alias) {name, min, max, FN_DEFAULT, res, ex, alias}

const FuncDef FUNCS_regex[] = {
    R("like", 2, 2, like_resolve, like_exec, NULL),
    R("notLike", 2, 2, like_resolve, like_exec, NULL),
    R("ilike", 2, 2, like_resolve, like_exec, NULL),
    R("notILike", 2, 2, like_resolve, like_exec, NULL),
    R("match", 2, 2, match_resolve, match_exec, NULL),
    {"REGEXP_MATCHES", 2, 2, FN_DEFAULT | FF_CI, match_resolve, match_exec, "match"},
    R("extract", 2, 2, extract_resolve, extract_exec, NULL),
    R("extractAll", 2, 2, extract_all_resolve, extract_exec, NULL),
    R("replaceRegexpOne", 3, 3, replace_resolve, replace_exec, NULL),
    R("replaceRegexpAll", 3, 3, replace_resolve, replace_exec, NULL),
    {"REGEXP_REPLACE", 3, 3, FN_DEFAULT | FF_CI, replace_resolve, replace_exec, "replaceRegexpAll"},
    R("splitByRegexp", 2, 3, split_re_resolve, split_re_exec, NULL),
    R("extractGroups", 2, 2, groups_resolve, groups_exec, NULL),
    R("countMatches", 2, 2, countm_resolve, countm_exec, NULL),
    R("extractAllGroupsVertical", 2, 2, groups_resolve, groups_exec, NULL),
    {"extractAllGroups", 2, 2, FN_DEFAULT, groups_resolve, groups_exec, "extractAllGroupsVertical"},
    R("extractAllGroupsHorizontal", 2, 2, groups_resolve, groups_exec, NULL),
    {0},
};
