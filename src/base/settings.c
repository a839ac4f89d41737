/* settings.c — setting table, parsing of values, lookup by name; see settings.h. */
#include "settings.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"

static const struct { const char *name, *type, *def; } DEFS[] = {
#define SETTING(name, type, def) {#name, type, def},
#include "settings.def"
#undef SETTING
};

const char *settings_name(SettingId id) { return DEFS[id].name; }
const char *settings_type(SettingId id) { return DEFS[id].type; }
const char *settings_default(SettingId id) { return DEFS[id].def; }

static int parse_value(SettingId id, const char *text, SettingValue *v, Err *err)
{
    const char *type = DEFS[id].type;
    v->i = 0;
    v->f = 0;
    if (strcmp(type, "Bool") == 0 || strcmp(type, "BoolAuto") == 0) {
        if (strcasecmp(text, "true") == 0 || strcmp(text, "1") == 0) v->i = 1;
        else if (strcasecmp(text, "false") == 0 || strcmp(text, "0") == 0) v->i = 0;
        else if (strcmp(type, "BoolAuto") == 0 && strcasecmp(text, "auto") == 0) v->i = -1;
        else return err_set(err, ERR_CANNOT_PARSE_BOOL, "Cannot parse boolean value '%s' for setting %s", text, DEFS[id].name);
        v->f = (double)v->i;
        return 0;
    }
    bool numeric = (strstr(type, "Int") && !strstr(type, "Interval")) || strcmp(type, "Float") == 0 || strcmp(type, "Double") == 0 ||
                   strcmp(type, "Milliseconds") == 0 || strcmp(type, "Seconds") == 0 || strcmp(type, "MaxThreads") == 0 ||
                   strcmp(type, "FloatAuto") == 0;
    if (numeric) {
        if (strncmp(text, "auto", 4) == 0) {
            v->i = 0;
            return 0;
        }
        char *end;
        double d = strtod(text, &end);
        while (*end && isspace((unsigned char)*end)) end++;
        if (end == text || *end)
            return err_set(err, ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Cannot parse input: expected 'eof' before: '%s'",
                           end == text ? text : end);
        if (strncmp(type, "UInt", 4) == 0 || strncmp(type, "NonZero", 7) == 0) {
            if (d < 0) return err_set(err, ERR_CANNOT_PARSE_NUMBER, "Unsigned setting %s cannot be negative", DEFS[id].name);
            if (strncmp(type, "NonZero", 7) == 0 && d == 0)
                return err_set(err, ERR_BAD_ARGUMENTS, "A setting's value %s must be non-zero", DEFS[id].name);
        }
        v->f = d;
        v->i = strchr(text, '.') || strchr(text, 'e') ? (int64_t)d : strtoll(text, NULL, 10);
        if (d > 9.2e18) v->i = INT64_MAX;
    }
    return 0;
}

/* The defaults, parsed once: every query and session starts from a copy. */
static Settings defaults;
static pthread_once_t defaults_once = PTHREAD_ONCE_INIT;

static void parse_defaults(void)
{
    memset(&defaults, 0, sizeof defaults);
    for (int i = 0; i < SET_COUNT; i++) parse_value((SettingId)i, DEFS[i].def, &defaults.v[i], NULL);
    /* max_threads: "auto(N)" */
    defaults.v[SET_max_threads].i = 0;
}

void settings_init(Settings *s)
{
    pthread_once(&defaults_once, parse_defaults);
    memcpy(s, &defaults, sizeof *s);   /* defaults own no text */
}

void settings_copy(Settings *dst, const Settings *src)
{
    *dst = *src;
    dst->nowned = 0;
    for (int i = 0; i < src->nowned; i++) {
        int k = src->owned[i];
        dst->v[k].text = xstrdup(src->v[k].text);
        dst->owned[dst->nowned++] = (uint16_t)k;
    }
}

void settings_free(Settings *s)
{
    for (int i = 0; i < s->nowned; i++) {
        free(s->v[s->owned[i]].text);
        s->v[s->owned[i]].text = NULL;
    }
    s->nowned = 0;
}

int settings_find(const char *name)
{
    int lo = 0, hi = SET_COUNT - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(DEFS[mid].name, name);
        if (c == 0) return mid;
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
    }
    for (int i = 0; i < SET_COUNT; i++)
        if (strcmp(DEFS[i].name, name) == 0) return i;
    return -1;
}

int settings_set(Settings *s, const char *name, const char *value, Err *err)
{
    int id = settings_find(name);
    if (id < 0) return err_set(err, ERR_UNKNOWN_SETTING, "Unknown setting '%s'", name);
    SettingValue v = {0};
    int rc = parse_value((SettingId)id, value, &v, err);
    if (rc) return rc;
    if (s->v[id].text) free(s->v[id].text);
    else s->owned[s->nowned++] = (uint16_t)id;   /* first change: its text is owned from now on */
    v.text = xstrdup(value);
    v.changed = true;
    s->v[id] = v;
    return 0;
}

const char *settings_str(const Settings *s, SettingId id)
{
    return s->v[id].text ? s->v[id].text : DEFS[id].def;
}
