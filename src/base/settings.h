/* settings.h — session and query settings (settings.def holds all of ClickHouse's).
 *
 * A Settings value is a flat array indexed by SettingId, copied per query so a
 * query's SETTINGS clause never leaks into the session. The defaults are
 * parsed once; a Settings starts as a copy of them and owns only the texts
 * of the settings changed in it (owned[]), so copies and frees are cheap. Every ClickHouse
 * setting is accepted (clients send many); unknown names fail with
 * UNKNOWN_SETTING (115). Values are kept as text plus a parsed integer/float.
 */
#ifndef BASALT_SETTINGS_H
#define BASALT_SETTINGS_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"

typedef enum SettingId {
#define SETTING(name, type, def) SET_##name,
#include "settings.def"
#undef SETTING
    SET_COUNT
} SettingId;

typedef struct SettingValue {
    char *text;        /* owned, NULL = default */
    int64_t i;
    double f;
    bool changed;
} SettingValue;

typedef struct Settings {
    SettingValue v[SET_COUNT];
    uint16_t owned[SET_COUNT];   /* the settings whose text was set (in the order set) */
    int nowned;
} Settings;

void settings_init(Settings *s);                 /* all defaults */
void settings_copy(Settings *dst, const Settings *src);
void settings_free(Settings *s);
/* Sets by name; value text as given (quotes already removed). */
int settings_set(Settings *s, const char *name, const char *value, Err *err);
int settings_find(const char *name);             /* id or -1 */
const char *settings_name(SettingId id);
const char *settings_type(SettingId id);
const char *settings_default(SettingId id);

static inline int64_t settings_int(const Settings *s, SettingId id) { return s->v[id].i; }
static inline double settings_float(const Settings *s, SettingId id) { return s->v[id].f; }
static inline bool settings_bool(const Settings *s, SettingId id) { return s->v[id].i != 0; }
const char *settings_str(const Settings *s, SettingId id);

#endif
