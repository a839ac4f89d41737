/* f_miscmore.c — more utility functions: isConstant, formatReadableSize /
 * DecimalSize / Quantity / TimeDelta, sleep, sleepEachRow, space, CRC32,
 * currentUser, queryID, blockSize, rowNumberInBlock, rowNumberInAllBlocks.
 * The core misc family is f_misc.c. */
#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../base/access.h"
#include "../base/limits.h"
#include "../base/numfmt.h"
#include "func.h"

static int u8_ret(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_UINT8);
    return 0;
}

static int isconst_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = fn_fixed(fc->ret, rows);
    memset(r->data.data, args[0]->is_const ? 1 : 0, rows);
    *out = r;
    return 0;
}

/* ---- formatReadable* ---- */

static int readable_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    if (!type_is_number(t) && !type_is_decimal(t) && t->kind != TYPE_BOOL) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static void fixed2(Buf *b, double v)
{
    if (isnan(v)) buf_puts(b, "nan");
    else if (isinf(v)) buf_puts(b, v < 0 ? "-inf" : "inf");
    else buf_printf(b, "%.2f", v);
}

static void readable_units(Buf *b, double v, double base, const char *const *units, int nunits, const char *sep)
{
    int u = 0;
    while (isfinite(v) && fabs(v) >= base && u < nunits - 1) v /= base, u++;
    if (isinf(v)) u = nunits - 1;
    fixed2(b, v);
    if (units[u][0]) buf_printf(b, "%s%s", sep, units[u]);
}

static void time_delta(Buf *b, double v)
{
    static const struct { const char *name; double secs; } U[] = {
        {"year", 31557600}, {"month", 2592000}, {"day", 86400}, {"hour", 3600}, {"minute", 60}, {"second", 1}};
    if (!isfinite(v)) {
        fixed2(b, v);
        return;
    }
    if (v < 0) buf_putc(b, '-');
    double rest = floor(fabs(v));
    uint64_t parts[6];
    int n = 0, last = -1;
    for (int i = 0; i < 6; i++) {
        parts[i] = (uint64_t)(rest / U[i].secs);
        rest -= (double)parts[i] * U[i].secs;
        if (parts[i]) n++, last = i;
    }
    if (n == 0) {
        buf_puts(b, "0 seconds");
        return;
    }
    int k = 0;
    for (int i = 0; i < 6; i++) {
        if (!parts[i]) continue;
        if (k) buf_puts(b, i == last ? " and " : ", ");
        buf_printf(b, "%llu %s%s", (unsigned long long)parts[i], U[i].name, parts[i] == 1 ? "" : "s");
        k++;
    }
}

static int readable_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    static const char *const BIN[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    static const char *const DEC[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    static const char *const QTY[] = {"", "thousand", "million", "billion", "trillion", "quadrillion",
                                      "quintillion", "sextillion", "septillion", "octillion", "nonillion"};
    const char *n = fc->def->name;
    Column *r = col_new(fc->ret);
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        double v = col_get_f64(args[0], i);
        b.len = 0;
        if (!strcmp(n, "formatReadableSize")) readable_units(&b, v, 1024, BIN, 9, " ");
        else if (!strcmp(n, "formatReadableDecimalSize")) readable_units(&b, v, 1000, DEC, 9, " ");
        else if (!strcmp(n, "formatReadableQuantity")) readable_units(&b, v, 1000, QTY, 11, " ");
        else time_delta(&b, v);
        col_push_str(r, b.data, b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

/* ---- sleep ---- */

static int sleep_resolve(FuncCall *fc, Err *err)
{
    if (!type_is_number(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_UINT8);
    return 0;
}

static int sleep_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool each = !strcmp(fc->def->name, "sleepEachRow");
    double secs = col_get_f64(args[0], 0);
    if (!(secs >= 0) || secs > 3)
        return err_set(err, ERR_TOO_SLOW, "The maximum sleep time is 3 seconds. Requested: %g", secs);
    double total = each ? secs * (double)rows : (rows ? secs : 0);
    if (total > 3) return err_set(err, ERR_TOO_SLOW, "The maximum sleep time is 3 seconds. Requested: %g", total);
    if (total > 0) {
        struct timespec ts = {(time_t)total, (long)((total - floor(total)) * 1e9)};
        nanosleep(&ts, NULL);
    }
    Column *r = fn_fixed(fc->ret, rows);
    memset(r->data.data, 0, rows);
    *out = r;
    return 0;
}

/* ---- space, CRC32 ---- */

static int space_resolve(FuncCall *fc, Err *err)
{
    if (!type_is_int(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static int space_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(fc->ret);
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        int64_t n = col_get_i64(args[0], i);
        if (n > (int64_t)LIMIT_STRING_REPEAT) {
            buf_free(&b);
            col_unref(r);
            return err_set(err, ERR_TOO_LARGE_STRING_SIZE, "Too large string size in function space");
        }
        b.len = 0;
        for (int64_t k = 0; k < n; k++) buf_putc(&b, ' ');
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

static uint32_t crc32_ieee(const unsigned char *p, size_t n)
{
    static uint32_t table[256];
    static bool ready;
    if (!ready) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        ready = true;
    }
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static int crc_resolve(FuncCall *fc, Err *err)
{
    if (!type_is_stringy(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_UINT32);
    return 0;
}

static int crc_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n);
        COL_DATA(r, uint32_t)[i] = crc32_ieee((const unsigned char *)s, n);
    }
    *out = r;
    return 0;
}

/* ---- currentUser, block functions ---- */

static int user_resolve(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static int user_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *one = col_new(fc->ret);
    const char *u = fc->q->user ? fc->q->user : "default";
    col_push_str(one, u, strlen(u));
    *out = col_const_of(one, 0, rows);
    col_unref(one);
    return 0;
}

/* currentRoles(), enabledRoles(): the query's roles (base/access.h); [] for
 * users outside the SQL store */
static int roles_resolve(FuncCall *fc, Err *err)
{
    fc->ret = type_array(type_basic(TYPE_STRING));
    return 0;
}

static int roles_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const Access *a = fc->q->access;
    bool enabled = strstr(fc->def->name, "nabled") != NULL;   /* enabledRoles, enabled_roles */
    Column *one = col_new(fc->ret);
    for (int i = 0; a && i < (enabled ? a->nenabled : a->nroles); i++) {
        const char *r = enabled ? a->enabled[i] : a->roles[i];
        col_push_str(one->sub[0], r, strlen(r));
    }
    col_close_array(one);
    *out = col_const_of(one, 0, rows);
    col_unref(one);
    return 0;
}

/* queryID(), initialQueryID(): the id of the running query */
static int qid_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *one = col_new(fc->ret);
    col_push_str(one, fc->q->query_id, strlen(fc->q->query_id));
    *out = col_const_of(one, 0, rows);
    col_unref(one);
    return 0;
}

static int block_resolve(FuncCall *fc, Err *err)
{
    const char *n = fc->def->name;
    fc->ret = type_basic(!strcmp(n, "rowNumberInAllBlocks") ? TYPE_UINT64 : TYPE_UINT64);
    if (!strcmp(n, "rowNumberInAllBlocks")) fc->state = arena_alloc(&fc->q->arena, sizeof(uint64_t));
    return 0;
}

static int block_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    Column *r = fn_fixed(fc->ret, rows);
    uint64_t base = 0;
    if (fc->state) {
        base = *(uint64_t *)fc->state;
        *(uint64_t *)fc->state += rows;
    }
    for (size_t i = 0; i < rows; i++) COL_DATA(r, uint64_t)[i] = !strcmp(n, "blockSize") ? rows : base + i;
    *out = r;
    return 0;
}

static time_t process_start;
__attribute__((constructor)) static void note_start(void) { process_start = time(NULL); }

static int host_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    char h[256] = "";
    gethostname(h, sizeof h - 1);
    Column *one = col_new(fc->ret);
    col_push_str(one, h, strlen(h));
    *out = col_const_of(one, 0, rows);
    col_unref(one);
    return 0;
}

static int uptime_resolve(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_UINT32);
    return 0;
}

static int uptime_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *one = fn_fixed(fc->ret, 1);
    COL_DATA(one, uint32_t)[0] = (uint32_t)(time(NULL) - process_start);
    *out = col_const_of(one, 0, rows);
    col_unref(one);
    return 0;
}

const FuncDef FUNCS_miscmore[] = {
    {"hostName", 0, 0, 0, user_resolve, host_exec, NULL},
    {"hostname", 0, 0, 0, user_resolve, host_exec, "hostName"},
    {"uptime", 0, 0, FF_NONDET, uptime_resolve, uptime_exec, NULL},
    {"isConstant", 1, 1, FF_RAW_CONST | FF_NOTHING_OK | FF_NONDET, u8_ret, isconst_exec, NULL},
    {"formatReadableSize", 1, 1, FN_DEFAULT, readable_resolve, readable_exec, NULL},
    {"formatReadableDecimalSize", 1, 1, FN_DEFAULT, readable_resolve, readable_exec, NULL},
    {"formatReadableQuantity", 1, 1, FN_DEFAULT, readable_resolve, readable_exec, NULL},
    {"formatReadableTimeDelta", 1, 3, FN_DEFAULT, readable_resolve, readable_exec, NULL},
    {"sleep", 1, 1, FN_DEFAULT | FF_NONDET, sleep_resolve, sleep_exec, NULL},
    {"sleepEachRow", 1, 1, FN_DEFAULT | FF_NONDET, sleep_resolve, sleep_exec, NULL},
    {"space", 1, 1, FN_DEFAULT | FF_CI, space_resolve, space_exec, NULL},
    {"CRC32", 1, 1, FN_DEFAULT | FF_CI, crc_resolve, crc_exec, NULL},
    {"currentUser", 0, 0, 0, user_resolve, user_exec, NULL},
    {"currentRoles", 0, 0, 0, roles_resolve, roles_exec, NULL},
    {"current_roles", 0, 0, FF_CI, roles_resolve, roles_exec, "currentRoles"},
    {"enabledRoles", 0, 0, 0, roles_resolve, roles_exec, NULL},
    {"enabled_roles", 0, 0, FF_CI, roles_resolve, roles_exec, "enabledRoles"},
    {"user", 0, 0, FF_CI, user_resolve, user_exec, "currentUser"},
    {"current_user", 0, 0, FF_CI, user_resolve, user_exec, "currentUser"},
    {"queryID", 0, 0, 0, user_resolve, qid_exec, NULL},
    {"query_id", 0, 0, 0, user_resolve, qid_exec, "queryID"},
    {"initialQueryID", 0, 0, 0, user_resolve, qid_exec, NULL},
    {"initial_query_id", 0, 0, 0, user_resolve, qid_exec, "initialQueryID"},
    {"blockSize", 0, 0, FF_NONDET, block_resolve, block_exec, NULL},
    {"rowNumberInBlock", 0, 0, FF_NONDET, block_resolve, block_exec, NULL},
    {"rowNumberInAllBlocks", 0, 0, FF_NONDET, block_resolve, block_exec, NULL},
    {0},
};
