/* Option tables: typed values from the flat configuration into a module's or stage's struct.
 *
 * Values come from nf_config (already merged by precedence) or from the option's default text.
 * Both go through the same parser, so a bad default is caught by the first test that applies
 * the table, with the same message a user would get. */

#include "config/config.h"

#include "common/err.h"
#include "common/xalloc.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Long values are cut in messages: the key and what is allowed matter more than the tail. */
#define SHOWN_VALUE_MAX 64

/* ---- Helpers --------------------------------------------------------------------------- */

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a);
    size_t lb = strlen(b);
    char *s = nf_xmalloc(la + lb + 1);

    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    return s;
}

static bool is_space(char c)
{
    return isspace((unsigned char)c) != 0;
}

/* Where a value came from, for messages. The entries are sorted by key (nf_config_at), so a
 * binary search finds the origin without a private interface into config.c. */
static const char *origin_of(const nf_config *cfg, const char *key)
{
    size_t lo = 0;
    size_t hi = cfg ? nf_config_count(cfg) : 0;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        nf_config_entry e = nf_config_at(cfg, mid);
        int c = strcmp(e.key, key);

        if (c == 0) {
            return e.origin;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

/* The value as shown in an error message: secrets redacted, long values cut. */
static void shown_value(const char *key, bool secret, const char *value, char *out,
                        size_t out_size)
{
    size_t n = strlen(value);

    if (secret || nf_config_is_secret(key)) {
        snprintf(out, out_size, "(redacted)");
    } else if (n > SHOWN_VALUE_MAX) {
        snprintf(out, out_size, "\"%.*s...\"", SHOWN_VALUE_MAX, value);
    } else {
        snprintf(out, out_size, "\"%s\"", value);
    }
}

/* Report "invalid value V for KEY: expected WHAT (from ORIGIN)". */
static void bad_value(char *errstr, size_t errstr_size, const char *key, bool secret,
                      const char *value,
                      bool is_default, const char *origin, const char *expected)
{
    char shown[SHOWN_VALUE_MAX + 8];
    char where[256] = "";

    shown_value(key, secret, value, shown, sizeof(shown));
    if (is_default) {
        snprintf(where, sizeof(where), " (built-in default)");
    } else if (origin) {
        snprintf(where, sizeof(where), " (from %s)", origin);
    }
    nf_set_errstr(errstr, errstr_size, "invalid %s %s for %s: expected %s%s",
            is_default ? "default" : "value", shown, key, expected, where);
}

/* ---- Parsers (return false when the text is not acceptable) ---------------------------- */

static bool parse_int(const char *s, int64_t *out)
{
    char *end = NULL;
    long long v;

    /* strtoll skips leading blanks; a value with blanks inside is a typo, not a number. */
    if (*s == '\0' || is_space(*s)) {
        return false;
    }
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0') {
        return false;
    }
    *out = (int64_t)v;
    return true;
}

static bool parse_double(const char *s, double *out)
{
    char *end = NULL;
    double v;

    /* Plain decimal notation only: strtod would also take "nan", "inf" and hex floats. */
    if (*s == '\0') {
        return false;
    }
    for (const char *p = s; *p; p++) {
        if (!isdigit((unsigned char)*p) && !strchr("+-.eE", *p)) {
            return false;
        }
    }
    errno = 0;
    v = strtod(s, &end);
    if (errno == ERANGE || *end != '\0' || !isfinite(v)) {
        return false;
    }
    *out = v;
    return true;
}

static bool parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};

    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcasecmp(s, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

/* Split "min..max" (either side may be empty: no bound). */
/* The two ends of an allowed "min..max" (either may be empty); *min_text is malloc'd. */
static void range_texts(const char *allowed, char **min_text, const char **max_text)
{
    const char *dots = strstr(allowed, "..");

    assert(dots && "INT/DOUBLE allowed must be \"min..max\"");
    *min_text = nf_xstrndup(allowed, (size_t)(dots - allowed));
    *max_text = dots + 2;
}

/* Tables are code, so a bound that does not parse is a programmer error (asserted); in a
 * release build it does not restrict. */
static bool int_in_range(int64_t v, const char *allowed)
{
    if (!allowed) {
        return true;
    }
    char *lo;
    const char *hi;
    int64_t bound;
    range_texts(allowed, &lo, &hi);
    bool lo_ok = !*lo || !parse_int(lo, &bound) || v >= bound;
    bool hi_ok = !*hi || !parse_int(hi, &bound) || v <= bound;
    assert((!*lo || parse_int(lo, &bound)) && (!*hi || parse_int(hi, &bound)));
    free(lo);
    return lo_ok && hi_ok;
}

static bool double_in_range(double v, const char *allowed)
{
    if (!allowed) {
        return true;
    }
    char *lo;
    const char *hi;
    double bound;
    range_texts(allowed, &lo, &hi);
    bool lo_ok = !*lo || !parse_double(lo, &bound) || v >= bound;
    bool hi_ok = !*hi || !parse_double(hi, &bound) || v <= bound;
    assert((!*lo || parse_double(lo, &bound)) && (!*hi || parse_double(hi, &bound)));
    free(lo);
    return lo_ok && hi_ok;
}

/* Is \p s one of the '|'-separated words of \p allowed? */
static bool in_choices(const char *s, const char *allowed)
{
    size_t n = strlen(s);
    const char *p = allowed;

    for (;;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);

        if (len == n && strncmp(p, s, n) == 0) {
            return true;
        }
        if (!bar) {
            return false;
        }
        p = bar + 1;
    }
}

/* "a|b|c" -> "one of: a, b, c" */
static void describe_choices(const char *allowed, char *out, size_t out_size)
{
    size_t used = (size_t)snprintf(out, out_size, "one of: ");

    for (const char *p = allowed; *p && used + 3 < out_size; p++) {
        if (*p == '|') {
            used += (size_t)snprintf(out + used, out_size - used, ", ");
        } else {
            out[used++] = *p;
            out[used] = '\0';
        }
    }
}

static void split_list(const char *s, nf_strlist *l)
{
    size_t cap = 0;
    const char *p = s;

    l->items = NULL;
    l->n = 0;
    for (;;) {
        const char *comma = strchr(p, ',');
        const char *end = comma ? comma : p + strlen(p);
        const char *b = p;

        while (b < end && is_space(*b)) {
            b++;
        }
        while (end > b && is_space(end[-1])) {
            end--;
        }
        if (end > b) {
            if (l->n == cap) {
                cap = cap ? cap * 2 : 4;
                l->items = nf_xrealloc(l->items, cap * sizeof(*l->items));
            }
            l->items[l->n++] = nf_xstrndup(b, (size_t)(end - b));
        }
        if (!comma) {
            break;
        }
        p = comma + 1;
    }
}

/* ---- Public ------------------------------------------------------------------------------ */

void nf_strlist_free(nf_strlist *l)
{
    if (!l) {
        return;
    }
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i]);
    }
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

void nf_opt_release(const nf_opt *opts, void *target)
{
    if (!opts || !target) {
        return;
    }
    for (const nf_opt *o = opts; o->name; o++) {
        char *field = (char *)target + o->offset;

        switch (o->type) {
        case NF_OPT_STR:
        case NF_OPT_ENUM: {
            char **sp = (char **)(void *)field;
            free(*sp);
            *sp = NULL;
            break;
        }
        case NF_OPT_LIST:
            nf_strlist_free((nf_strlist *)(void *)field);
            break;
        case NF_OPT_INT:
        case NF_OPT_BOOL:
        case NF_OPT_DOUBLE:
            break;
        }
    }
}

/* Parse \p text for option \p o into its field. @returns false with a message on bad input. */
static bool apply_one(const nf_opt *o, const char *key, const char *text, bool is_default,
                      const char *origin, void *target, char *errstr, size_t errstr_size)
{
    char *field = (char *)target + o->offset;
    char expected[256];

    switch (o->type) {
    case NF_OPT_STR: {
        char **sp = (char **)(void *)field;
        free(*sp);
        *sp = text ? nf_xstrdup(text) : NULL;
        return true;
    }
    case NF_OPT_INT: {
        int64_t v = 0;
        if (text && (!parse_int(text, &v) || !int_in_range(v, o->allowed))) {
            snprintf(expected, sizeof(expected), "an integer%s%s", o->allowed ? " in " : "",
                     o->allowed ? o->allowed : "");
            bad_value(errstr, errstr_size, key, o->secret, text, is_default, origin, expected);
            return false;
        }
        *(int64_t *)(void *)field = v;
        return true;
    }
    case NF_OPT_DOUBLE: {
        double v = 0.0;
        if (text && (!parse_double(text, &v) || !double_in_range(v, o->allowed))) {
            snprintf(expected, sizeof(expected), "a number%s%s", o->allowed ? " in " : "",
                     o->allowed ? o->allowed : "");
            bad_value(errstr, errstr_size, key, o->secret, text, is_default, origin, expected);
            return false;
        }
        *(double *)(void *)field = v;
        return true;
    }
    case NF_OPT_BOOL: {
        bool v = false;
        if (text && !parse_bool(text, &v)) {
            bad_value(errstr, errstr_size, key, o->secret, text, is_default, origin,
                      "a boolean (true/false, yes/no, on/off, 1/0)");
            return false;
        }
        *(bool *)(void *)field = v;
        return true;
    }
    case NF_OPT_ENUM: {
        char **sp = (char **)(void *)field;
        assert(o->allowed && "ENUM options need allowed \"a|b|c\"");
        if (text && !in_choices(text, o->allowed)) {
            describe_choices(o->allowed, expected, sizeof(expected));
            bad_value(errstr, errstr_size, key, o->secret, text, is_default, origin, expected);
            return false;
        }
        free(*sp);
        *sp = text ? nf_xstrdup(text) : NULL;
        return true;
    }
    case NF_OPT_LIST: {
        nf_strlist *l = (nf_strlist *)(void *)field;
        nf_strlist tmp = {NULL, 0};

        if (text) {
            split_list(text, &tmp);
        }
        /* An "allowed" on a list restricts its items, like an ENUM per item. */
        for (size_t i = 0; o->allowed && i < tmp.n; i++) {
            if (!in_choices(tmp.items[i], o->allowed)) {
                char choices[200];
                describe_choices(o->allowed, choices, sizeof(choices));
                snprintf(expected, sizeof(expected), "a comma-separated list of %s (\"%s\" is not)",
                         choices, tmp.items[i]);
                bad_value(errstr, errstr_size, key, o->secret, text, is_default, origin, expected);
                nf_strlist_free(&tmp);
                return false;
            }
        }
        nf_strlist_free(l);
        *l = tmp;
        return true;
    }
    }
    assert(!"unknown nf_opt_type");
    return false;
}

int nf_opt_apply(const nf_opt *opts, const char *prefix, const nf_config *cfg, void *target,
                 char *errstr, size_t errstr_size)
{
    if (!opts) {
        return 0;
    }
    if (!prefix) {
        prefix = "";
    }
    for (const nf_opt *o = opts; o->name; o++) {
        char *key = join(prefix, o->name);
        const char *value = cfg ? nf_config_get(cfg, key) : NULL;
        bool is_default = value == NULL;
        bool ok = apply_one(o, key, is_default ? o->def : value, is_default,
                            is_default ? NULL : origin_of(cfg, key), target, errstr,
                            errstr_size);

        free(key);
        if (!ok) {
            /* Leave no half-filled strings behind: the caller may or may not release. */
            nf_opt_release(opts, target);
            return -1;
        }
    }
    return 0;
}
