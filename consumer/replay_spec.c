/* The --from/--to/--partitions grammar of `newsflow replay` (see replay_spec.h). */
#include "consumer/replay_spec.h"
#include "common/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPEC_ALLOWED_FROM                                                                    \
    "beginning, end, <offset>, -<N> (N before the end), s@<epoch ms>, an RFC 3339 time "     \
    "(2025-06-01T00:00:00Z) or a duration before now (-24h, -7d, -P7D)"
#define SPEC_ALLOWED_TO                                                                      \
    "beginning, end, <offset>, -<N> (N before the end), e@<epoch ms>, an RFC 3339 time "     \
    "(2025-06-01T00:00:00Z) or a duration before now (-24h, -7d, -P7D)"

/* ---- small number readers ---------------------------------------------------------------- */

/* Read 1..max_digits decimal digits (no sign) at *p; advance. Overflow-safe up to 18 digits. */
static bool read_digits(const char **p, int max_digits, int64_t *v)
{
    int64_t acc = 0;
    int n = 0;
    while (isdigit((unsigned char)**p) && n < max_digits) {
        acc = acc * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    if (n == 0 || isdigit((unsigned char)**p)) {
        return false;
    }
    *v = acc;
    return true;
}

/* Exactly \p n digits. */
static bool read_fixed(const char **p, int n, int *v)
{
    int acc = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i])) {
            return false;
        }
        acc = acc * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *v = acc;
    return true;
}

/* A whole string of digits as a non-negative int64 (at most 18 digits). */
static bool whole_number(const char *s, int64_t *v)
{
    const char *p = s;
    return read_digits(&p, 18, v) && *p == '\0';
}

/* ---- RFC 3339 ------------------------------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), so the
 * conversion needs neither timegm() nor the TZ environment. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

int nf_rfc3339_parse(const char *text, int64_t *ms)
{
    const char *p = text;
    int y, mo, d, h = 0, mi = 0, s = 0;
    if (!read_fixed(&p, 4, &y) || *p++ != '-' || !read_fixed(&p, 2, &mo) || *p++ != '-' ||
        !read_fixed(&p, 2, &d)) {
        return -1;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) {
        return -1;
    }
    int64_t frac_ms = 0;
    int64_t tz_min = 0;
    if (*p != '\0') {
        if (*p != 'T' && *p != 't' && *p != ' ') {
            return -1;
        }
        p++;
        if (!read_fixed(&p, 2, &h) || *p++ != ':' || !read_fixed(&p, 2, &mi) || *p++ != ':' ||
            !read_fixed(&p, 2, &s)) {
            return -1;
        }
        /* 60 is a leap second; Kafka timestamps have none, so it is the next second's start */
        if (h > 23 || mi > 59 || s > 60) {
            return -1;
        }
        if (*p == '.') {
            p++;
            int scale = 100, n = 0;
            while (isdigit((unsigned char)*p)) {
                frac_ms += (*p - '0') * scale; /* sub-millisecond digits are dropped */
                scale /= 10;
                p++;
                n++;
            }
            if (n == 0) {
                return -1;
            }
        }
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p++ == '-' ? -1 : 1;
            int th, tm;
            if (!read_fixed(&p, 2, &th) || *p++ != ':' || !read_fixed(&p, 2, &tm) || th > 23 ||
                tm > 59) {
                return -1;
            }
            tz_min = sign * (th * 60 + tm);
        } else {
            return -1; /* RFC 3339 requires the offset: a local time would be ambiguous */
        }
        if (*p != '\0') {
            return -1;
        }
    }
    int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - tz_min * 60;
    *ms = secs * 1000 + frac_ms;
    return 0;
}

void nf_rfc3339_format(int64_t ms, char *buf, size_t size)
{
    int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    int64_t msec = ms - secs * 1000;
    int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    int64_t sod = secs - days * 86400;
    /* civil_from_days (H. Hinnant) */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    snprintf(buf, size, "%04" PRId64 "-%02" PRId64 "-%02" PRId64 "T%02" PRId64 ":%02" PRId64
             ":%02" PRId64 ".%03" PRId64 "Z",
             y, m, d, sod / 3600, sod / 60 % 60, sod % 60, msec);
}

/* ---- durations ----------------------------------------------------------------------------- */

/* Units of the short form, longest first so "ms" is not read as "m". */
static const struct {
    const char *name;
    int64_t ms;
} short_units[] = {
    {"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}, {"d", 86400000}, {"w", 604800000},
};

/* Whether \p total + \p n * \p unit stays below ~292 million years of milliseconds. */
static bool add_part(int64_t *total, int64_t n, int64_t unit)
{
    if (n > (INT64_MAX / 4 - *total) / unit) {
        return false;
    }
    *total += n * unit;
    return true;
}

static int parse_short_duration(const char *p, int64_t *ms)
{
    int64_t total = 0;
    while (*p) {
        int64_t n;
        if (!read_digits(&p, 12, &n)) {
            return -1;
        }
        size_t k;
        for (k = 0; k < sizeof short_units / sizeof short_units[0]; k++) {
            size_t len = strlen(short_units[k].name);
            if (strncmp(p, short_units[k].name, len) == 0 &&
                !(len == 1 && p[0] == 'm' && p[1] == 's')) {
                p += len;
                break;
            }
        }
        if (k == sizeof short_units / sizeof short_units[0] || !add_part(&total, n, short_units[k].ms)) {
            return -1;
        }
    }
    *ms = total;
    return 0;
}

/* ISO 8601 "PnWnDTnHnMnS" (fractions only on seconds are not needed here: whole numbers). */
static int parse_iso_duration(const char *p, int64_t *ms)
{
    int64_t total = 0;
    bool in_time = false, any = false;
    p++; /* 'P' */
    while (*p) {
        if (*p == 'T' && !in_time) {
            in_time = true;
            p++;
            if (!*p) {
                return -1;
            }
            continue;
        }
        int64_t n;
        if (!read_digits(&p, 12, &n)) {
            return -1;
        }
        int64_t unit;
        char c = (char)toupper((unsigned char)*p++);
        if (!in_time && c == 'W') {
            unit = 604800000;
        } else if (!in_time && c == 'D') {
            unit = 86400000;
        } else if (in_time && c == 'H') {
            unit = 3600000;
        } else if (in_time && c == 'M') {
            unit = 60000;
        } else if (in_time && c == 'S') {
            unit = 1000;
        } else {
            return -1; /* years and months (no fixed length) or a misplaced unit */
        }
        if (!add_part(&total, n, unit)) {
            return -1;
        }
        any = true;
    }
    if (!any) {
        return -1;
    }
    *ms = total;
    return 0;
}

int nf_duration_parse(const char *text, int64_t *ms)
{
    if (!*text) {
        return -1;
    }
    if (text[0] == 'P' || text[0] == 'p') {
        return parse_iso_duration(text, ms);
    }
    return parse_short_duration(text, ms);
}

/* ---- the SPEC ------------------------------------------------------------------------------ */

static int spec_error(const char *text, nf_spec_bound bound, const char *why, char *errstr,
                      size_t errstr_size)
{
    snprintf(errstr, errstr_size, "%s \"%s\": %s; allowed: %s (see newsflow replay --help)",
             bound == NF_SPEC_FROM ? "--from" : "--to", text, why,
             bound == NF_SPEC_FROM ? SPEC_ALLOWED_FROM : SPEC_ALLOWED_TO);
    return -1;
}

/* "s@<ms>" / "e@<ms>": the prefix must suit the bound, as kcat uses s@ to start and e@ to end. */
static int parse_at(const char *text, nf_spec_bound bound, nf_offset_spec *out, char *errstr,
                    size_t errstr_size)
{
    char want = bound == NF_SPEC_FROM ? 's' : 'e';
    if (text[0] != want) {
        return spec_error(text, bound,
                          bound == NF_SPEC_FROM ? "e@ is an end bound (use s@<ms> with --from)"
                                                : "s@ is a start bound (use e@<ms> with --to)",
                          errstr, errstr_size);
    }
    int64_t v;
    if (!whole_number(text + 2, &v)) {
        return spec_error(text, bound, "the timestamp must be epoch milliseconds", errstr,
                          errstr_size);
    }
    *out = (nf_offset_spec){NF_SPEC_TIME, v};
    return 0;
}

/* "-<something>": N before the end when all digits, otherwise a duration before now. */
static int parse_minus(const char *text, nf_spec_bound bound, int64_t now_ms, nf_offset_spec *out,
                       char *errstr, size_t errstr_size)
{
    int64_t v;
    if (whole_number(text + 1, &v)) {
        *out = (nf_offset_spec){NF_SPEC_FROM_END, v};
        return 0;
    }
    if (nf_duration_parse(text + 1, &v) != 0) {
        return spec_error(text, bound,
                          "not a count (-100) nor a duration (units ms, s, m, h, d, w as in "
                          "-1h30m, or ISO 8601 P<n>W/D and T<n>H/M/S as in -P1DT12H; years "
                          "and months have no fixed length)",
                          errstr, errstr_size);
    }
    if (v > now_ms) {
        return spec_error(text, bound, "the duration reaches before 1970", errstr, errstr_size);
    }
    *out = (nf_offset_spec){NF_SPEC_TIME, now_ms - v};
    return 0;
}

int nf_offset_spec_parse(const char *text, nf_spec_bound bound, int64_t now_ms,
                         nf_offset_spec *out, char *errstr, size_t errstr_size)
{
    int64_t v;
    if (!text || !*text) {
        return spec_error(text ? text : "", bound, "empty", errstr, errstr_size);
    }
    if (strcmp(text, "beginning") == 0) {
        *out = (nf_offset_spec){NF_SPEC_BEGINNING, 0};
        return 0;
    }
    if (strcmp(text, "end") == 0) {
        *out = (nf_offset_spec){NF_SPEC_END, 0};
        return 0;
    }
    if (strcmp(text, "stored") == 0) {
        return spec_error(text, bound,
                          "a replay never reads a consumer group's offsets; to continue a "
                          "replay use --resume NAME",
                          errstr, errstr_size);
    }
    if ((text[0] == 's' || text[0] == 'e') && text[1] == '@') {
        return parse_at(text, bound, out, errstr, errstr_size);
    }
    if (text[0] == '-') {
        return parse_minus(text, bound, now_ms, out, errstr, errstr_size);
    }
    if (whole_number(text, &v)) {
        *out = (nf_offset_spec){NF_SPEC_OFFSET, v};
        return 0;
    }
    if (isdigit((unsigned char)text[0]) && strlen(text) >= 10 && text[4] == '-') {
        if (nf_rfc3339_parse(text, &v) != 0) {
            return spec_error(text, bound,
                              "not a valid RFC 3339 time (YYYY-MM-DDTHH:MM:SS[.fff](Z|+hh:mm), "
                              "or a date YYYY-MM-DD for midnight UTC)",
                              errstr, errstr_size);
        }
        if (v < 0) {
            return spec_error(text, bound, "times before 1970 have no Kafka timestamp", errstr,
                              errstr_size);
        }
        *out = (nf_offset_spec){NF_SPEC_TIME, v};
        return 0;
    }
    return spec_error(text, bound, "not recognised", errstr, errstr_size);
}

void nf_offset_spec_format(const nf_offset_spec *spec, char *buf, size_t size)
{
    switch (spec->kind) {
    case NF_SPEC_BEGINNING:
        snprintf(buf, size, "beginning");
        break;
    case NF_SPEC_END:
        snprintf(buf, size, "end");
        break;
    case NF_SPEC_OFFSET:
        snprintf(buf, size, "offset %" PRId64, spec->value);
        break;
    case NF_SPEC_FROM_END:
        snprintf(buf, size, "end-%" PRId64, spec->value);
        break;
    case NF_SPEC_TIME:
        nf_rfc3339_format(spec->value, buf, size);
        break;
    }
}

/* ---- --partitions -------------------------------------------------------------------------- */

#define PARTITIONS_ALLOWED                                                                    \
    "comma-separated partition numbers and inclusive ranges, e.g. 0,2-5"
#define PARTITION_MAX 1000000 /* far above any real topic; bounds the set's size */

static int partitions_error(const char *text, const char *why, char *errstr, size_t errstr_size)
{
    snprintf(errstr, errstr_size, "--partitions \"%s\": %s; allowed: %s", text, why,
             PARTITIONS_ALLOWED);
    return -1;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

int nf_partition_set_parse(const char *text, nf_partition_set *out, char *errstr,
                           size_t errstr_size)
{
    out->items = NULL;
    out->n = 0;
    size_t cap = 0;
    const char *p = text;
    if (!*p) {
        return partitions_error(text, "empty", errstr, errstr_size);
    }
    for (;;) {
        while (*p == ' ') {
            p++;
        }
        int64_t lo, hi;
        if (!read_digits(&p, 9, &lo)) {
            nf_partition_set_free(out);
            return partitions_error(text, *p == '-' ? "partitions are not negative"
                                                    : "expected a partition number",
                                    errstr, errstr_size);
        }
        hi = lo;
        if (*p == '-') {
            p++;
            if (!read_digits(&p, 9, &hi)) {
                nf_partition_set_free(out);
                return partitions_error(text, "a range needs an upper bound (2-5)", errstr,
                                        errstr_size);
            }
            if (hi < lo) {
                nf_partition_set_free(out);
                return partitions_error(text, "a range goes upwards (2-5, not 5-2)", errstr,
                                        errstr_size);
            }
        }
        if (hi >= PARTITION_MAX) {
            nf_partition_set_free(out);
            return partitions_error(text, "partition number too large", errstr, errstr_size);
        }
        for (int64_t v = lo; v <= hi; v++) {
            if (out->n == cap) {
                cap = cap ? cap * 2 : 16;
                out->items = nf_xrealloc(out->items, cap * sizeof *out->items);
            }
            out->items[out->n++] = (int32_t)v;
        }
        while (*p == ' ') {
            p++;
        }
        if (*p == '\0') {
            break;
        }
        if (*p != ',') {
            nf_partition_set_free(out);
            return partitions_error(text, "unexpected character", errstr, errstr_size);
        }
        p++;
    }
    qsort(out->items, out->n, sizeof *out->items, cmp_i32);
    size_t w = 0;
    for (size_t i = 0; i < out->n; i++) {
        if (w == 0 || out->items[w - 1] != out->items[i]) {
            out->items[w++] = out->items[i];
        }
    }
    out->n = w;
    return 0;
}

void nf_partition_set_free(nf_partition_set *set)
{
    free(set->items);
    set->items = NULL;
    set->n = 0;
}

int nf_partition_set_has(const nf_partition_set *set, int32_t partition)
{
    if (set->n == 0) {
        return 1;
    }
    return bsearch(&partition, set->items, set->n, sizeof *set->items, cmp_i32) != NULL;
}
