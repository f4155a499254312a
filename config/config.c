/* Configuration: a flat, sorted set of key = value pairs with the source of each value.
 *
 * Entries are kept in one array sorted by key: lookups are binary searches, and iteration order
 * (check-config output, the config digest) is stable without a separate sort. Configurations
 * hold tens of keys, so the memmove on insert costs nothing. */

#include "config/config.h"

#include "common/err.h"
#include "common/xalloc.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ENV_PREFIX "NEWSFLOW_"

/* Keys shown in "did you mean" must be at most this far (edit operations) from the typo. */
#define SUGGEST_MIN_DISTANCE 2

typedef struct entry {
    char *key;            /* owned */
    char *value;          /* owned */
    nf_cfg_source source; /* where the winning value came from */
    char *origin;         /* owned; may be NULL */
} entry;

struct nf_config {
    entry *v;   /* sorted by key (strcmp), no duplicates */
    size_t n;   /* entries used */
    size_t cap; /* entries allocated */
};

/* ---- Helpers --------------------------------------------------------------------------- */

static bool is_space(char c)
{
    return isspace((unsigned char)c) != 0;
}

/* Trim [*b, *e) in place. */
static void trim(const char **b, const char **e)
{
    while (*b < *e && is_space(**b)) {
        (*b)++;
    }
    while (*e > *b && is_space((*e)[-1])) {
        (*e)--;
    }
}

static bool key_char(char c)
{
    return isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-';
}

/* Keys are what librdkafka and the option tables use: [A-Za-z0-9._-], dot-separated
 * non-empty parts. Rejecting anything else catches stray quotes and spaces early, with the
 * line number still at hand. Returns NULL or what is wrong. */
static const char *key_problem(const char *key, size_t len)
{
    if (len == 0) {
        return "empty key";
    }
    for (size_t i = 0; i < len; i++) {
        if (!key_char(key[i])) {
            return "keys may contain only letters, digits, '.', '_' and '-'";
        }
        if (key[i] == '.' && (i == 0 || i + 1 == len || key[i + 1] == '.')) {
            return "empty part between dots";
        }
    }
    return NULL;
}

/* How much of a bad key may be shown: its leading key characters. A line or argument that is
 * not "key = value" may hold a secret after the key (`kafka.sasl.password hunter2`), so an
 * error never echoes more than that. */
static int shown_key_len(const char *key, size_t len)
{
    size_t n = 0;
    while (n < len && n < 80 && key_char(key[n])) {
        n++;
    }
    return (int)n;
}

/* Binary search: index of \p key, or where it would be inserted (with *found = false). */
static size_t find(const nf_config *cfg, const char *key, bool *found)
{
    size_t lo = 0;
    size_t hi = cfg->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(cfg->v[mid].key, key);

        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    *found = false;
    return lo;
}

/* ---- Basic operations ---------------------------------------------------------------- */

nf_config *nf_config_new(void)
{
    return nf_xcalloc(1, sizeof(nf_config));
}

void nf_config_destroy(nf_config *cfg)
{
    if (!cfg) {
        return;
    }
    for (size_t i = 0; i < cfg->n; i++) {
        free(cfg->v[i].key);
        free(cfg->v[i].value);
        free(cfg->v[i].origin);
    }
    free(cfg->v);
    free(cfg);
}

void nf_config_set(nf_config *cfg, const char *key, const char *value, nf_cfg_source source,
                   const char *origin)
{
    bool found;
    size_t i = find(cfg, key, &found);
    entry *e;

    if (found) {
        e = &cfg->v[i];
        free(e->value);
        free(e->origin);
    } else {
        if (cfg->n == cfg->cap) {
            cfg->cap = cfg->cap ? cfg->cap * 2 : 16;
            cfg->v = nf_xrealloc(cfg->v, cfg->cap * sizeof(*cfg->v));
        }
        memmove(&cfg->v[i + 1], &cfg->v[i], (cfg->n - i) * sizeof(*cfg->v));
        cfg->n++;
        e = &cfg->v[i];
        e->key = nf_xstrdup(key);
    }
    e->value = nf_xstrdup(value);
    e->source = source;
    e->origin = origin ? nf_xstrdup(origin) : NULL;
}

const char *nf_config_get(const nf_config *cfg, const char *key)
{
    bool found;
    size_t i = find(cfg, key, &found);

    return found ? cfg->v[i].value : NULL;
}

size_t nf_config_count(const nf_config *cfg)
{
    return cfg->n;
}

nf_config_entry nf_config_at(const nf_config *cfg, size_t i)
{
    nf_config_entry out;

    assert(i < cfg->n);
    out.key = cfg->v[i].key;
    out.value = cfg->v[i].value;
    out.source = cfg->v[i].source;
    out.origin = cfg->v[i].origin;
    return out;
}

/* ---- File --------------------------------------------------------------------------- */

/* Parse one line into \p into. Returns 0, or -1 with the reason (without file:line) in msg. */
static int parse_line(nf_config *into, const char *line, const char *origin, char *msg,
                      size_t msg_size)
{
    const char *b = line;
    const char *e = line + strlen(line);
    const char *eq;
    const char *kb;
    const char *ke;
    const char *vb;
    const char *ve;
    const char *problem;
    char *key;
    char *value;

    trim(&b, &e);
    if (b == e || *b == '#') {
        return 0;
    }
    eq = memchr(b, '=', (size_t)(e - b));
    if (!eq) {
        /* The line is not echoed: `kafka.sasl.password hunter2` would print the password. */
        snprintf(msg, msg_size,
                 "expected \"key = value\" but the line has no '=' (its text is not shown: "
                 "it may hold a secret)");
        return -1;
    }
    kb = b;
    ke = eq;
    trim(&kb, &ke);
    problem = key_problem(kb, (size_t)(ke - kb));
    if (problem) {
        int shown = shown_key_len(kb, (size_t)(ke - kb));
        snprintf(msg, msg_size, "invalid key \"%.*s%s\": %s", shown, kb,
                 shown < ke - kb ? "..." : "", problem);
        return -1;
    }
    vb = eq + 1;
    ve = e;
    trim(&vb, &ve);
    if (vb < ve && *vb == '"') {
        /* Quotes keep leading/trailing blanks and make an empty value explicit. Everything
         * between them is taken literally: no escapes, so Windows paths survive. */
        if (ve - vb < 2 || ve[-1] != '"') {
            snprintf(msg, msg_size, "unterminated quote in the value of \"%.*s\"",
                     (int)(ke - kb), kb);
            return -1;
        }
        vb++;
        ve--;
    }
    key = nf_xstrndup(kb, (size_t)(ke - kb));
    value = nf_xstrndup(vb, (size_t)(ve - vb));
    nf_config_set(into, key, value, NF_CFG_FILE, origin);
    free(key);
    free(value);
    return 0;
}

int nf_config_load_file(nf_config *cfg, const char *path, char *errstr, size_t errstr_size)
{
    FILE *f = NULL;
    nf_config *tmp = NULL;
    char *line = NULL;
    size_t line_cap = 0;
    ssize_t got;
    unsigned long lineno = 0;
    int rc = -1;

    f = fopen(path, "r");
    if (!f) {
        nf_set_errstr(errstr, errstr_size, "cannot open config file \"%s\": %s", path,
                strerror(errno));
        goto out;
    }
    /* Parse into a scratch config so a bad file leaves cfg untouched. */
    tmp = nf_config_new();
    errno = 0;
    while ((got = getline(&line, &line_cap, f)) != -1) {
        char origin[512];
        char msg[256];
        const char *text = line;

        lineno++;
        if ((size_t)got != strlen(line)) {
            nf_set_errstr(errstr, errstr_size, "%s:%lu: NUL byte in line", path, lineno);
            goto out;
        }
        /* A UTF-8 byte order mark (Windows editors) is not part of the first key. */
        if (lineno == 1 && strncmp(text, "\xEF\xBB\xBF", 3) == 0) {
            text += 3;
        }
        snprintf(origin, sizeof(origin), "%s:%lu", path, lineno);
        if (parse_line(tmp, text, origin, msg, sizeof(msg)) != 0) {
            nf_set_errstr(errstr, errstr_size, "%s: %s", origin, msg);
            goto out;
        }
    }
    if (ferror(f)) {
        nf_set_errstr(errstr, errstr_size, "cannot read config file \"%s\": %s", path,
                strerror(errno ? errno : EIO));
        goto out;
    }
    for (size_t i = 0; i < tmp->n; i++) {
        nf_config_set(cfg, tmp->v[i].key, tmp->v[i].value, NF_CFG_FILE, tmp->v[i].origin);
    }
    rc = 0;
out:
    free(line);
    nf_config_destroy(tmp);
    if (f) {
        fclose(f);
    }
    return rc;
}

/* ---- Environment ----------------------------------------------------------------------- */

/* NEWSFLOW_ suffix -> key: lower-case, "___" -> "-", "__" -> "_", "_" -> ".".
 * Returns a malloc'd key, or NULL with the reason in \p msg. */
static char *env_to_key(const char *name, size_t len, char *msg, size_t msg_size)
{
    char *key = nf_xmalloc(len + 1);
    size_t n = 0;
    const char *problem;

    for (size_t i = 0; i < len;) {
        char c = name[i];

        if (c == '_') {
            size_t run = 1;
            while (i + run < len && run < 3 && name[i + run] == '_') {
                run++;
            }
            key[n++] = run == 3 ? '-' : run == 2 ? '_' : '.';
            i += run;
        } else if (isalnum((unsigned char)c)) {
            key[n++] = (char)tolower((unsigned char)c);
            i++;
        } else {
            snprintf(msg, msg_size, "only letters, digits and '_' may follow " ENV_PREFIX);
            free(key);
            return NULL;
        }
    }
    key[n] = '\0';
    problem = key_problem(key, n);
    if (problem) {
        snprintf(msg, msg_size, "maps to key \"%s\": %s", key, problem);
        free(key);
        return NULL;
    }
    return key;
}

int nf_config_load_env(nf_config *cfg, char *const *envp, char *errstr, size_t errstr_size)
{
    const size_t plen = strlen(ENV_PREFIX);

    if (!envp) {
        return 0;
    }
    for (char *const *ep = envp; *ep; ep++) {
        const char *var = *ep;
        const char *eq = strchr(var, '=');
        char msg[256];
        char origin[256];
        char *key;

        if (!eq || strncmp(var, ENV_PREFIX, plen) != 0) {
            continue;
        }
        key = env_to_key(var + plen, (size_t)(eq - var) - plen, msg, sizeof(msg));
        if (!key) {
            nf_set_errstr(errstr, errstr_size, "environment variable %.*s: %s", (int)(eq - var), var,
                    msg);
            return -1;
        }
        snprintf(origin, sizeof(origin), "env %.*s", (int)(eq - var), var);
        nf_config_set(cfg, key, eq + 1, NF_CFG_ENV, origin);
        free(key);
    }
    return 0;
}

char *nf_config_env_name(const char *key)
{
    size_t plen = strlen(ENV_PREFIX);
    /* Worst case: every character becomes "___". */
    char *name = nf_xmalloc(plen + 3 * strlen(key) + 1);
    size_t n = plen;

    memcpy(name, ENV_PREFIX, plen);
    for (const char *p = key; *p; p++) {
        switch (*p) {
        case '.':
            name[n++] = '_';
            break;
        case '_':
            name[n++] = '_';
            name[n++] = '_';
            break;
        case '-':
            name[n++] = '_';
            name[n++] = '_';
            name[n++] = '_';
            break;
        default:
            name[n++] = (char)toupper((unsigned char)*p);
            break;
        }
    }
    name[n] = '\0';
    return name;
}

/* ---- Command line ------------------------------------------------------------------------ */

int nf_config_set_arg(nf_config *cfg, const char *arg, char *errstr, size_t errstr_size)
{
    const char *eq = strchr(arg, '=');
    const char *kb = arg;
    const char *ke;
    const char *problem;
    char *key;

    if (!eq) {
        nf_set_errstr(errstr, errstr_size,
                      "-X expects KEY=VALUE as one argument; this one has no '=' (it is not "
                      "shown: it may hold a secret)");
        return -1;
    }
    ke = eq;
    trim(&kb, &ke);
    problem = key_problem(kb, (size_t)(ke - kb));
    if (problem) {
        int shown = shown_key_len(kb, (size_t)(ke - kb));
        nf_set_errstr(errstr, errstr_size, "-X \"%.*s%s\": invalid key: %s", shown, kb,
                      shown < ke - kb ? "..." : "", problem);
        return -1;
    }
    /* The value is taken verbatim: the shell has already dealt with quoting. */
    key = nf_xstrndup(kb, (size_t)(ke - kb));
    nf_config_set(cfg, key, eq + 1, NF_CFG_CLI, "-X");
    free(key);
    return 0;
}

/* ---- Key validation --------------------------------------------------------------------- */

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one
 * substring): a swapped pair of letters, the commonest typo, counts as one edit. */
static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t *prev2 = nf_xcalloc(lb + 1, sizeof(size_t));
    size_t *prev = nf_xcalloc(lb + 1, sizeof(size_t));
    size_t *cur = nf_xcalloc(lb + 1, sizeof(size_t));
    size_t d;

    for (size_t j = 0; j <= lb; j++) {
        prev[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t *t;

        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;

            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < cur[j]) {
                cur[j] = prev2[j - 2] + 1;
            }
        }
        t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    d = prev[lb];
    free(prev2);
    free(prev);
    free(cur);
    return d;
}

typedef struct suggestion {
    char *key;   /* owned; NULL while nothing is close enough */
    size_t dist; /* edit distance of key */
} suggestion;

static void consider(suggestion *best, const char *typo, const char *cand_a, const char *cand_b)
{
    size_t la = strlen(cand_a);
    size_t lb = strlen(cand_b);
    char *cand = nf_xmalloc(la + lb + 1);
    size_t d;

    memcpy(cand, cand_a, la);
    memcpy(cand + la, cand_b, lb + 1);
    d = edit_distance(typo, strlen(typo), cand, la + lb);
    /* Ties go to the smaller key, so the message does not depend on table order. */
    if (!best->key || d < best->dist || (d == best->dist && strcmp(cand, best->key) < 0)) {
        free(best->key);
        best->key = cand;
        best->dist = d;
    } else {
        free(cand);
    }
}

static bool has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool known_key(const char *key, const nf_opt_table *tables,
                      const char *const *passthrough)
{
    for (size_t i = 0; passthrough && passthrough[i]; i++) {
        if (has_prefix(key, passthrough[i])) {
            return true;
        }
    }
    for (size_t t = 0; tables && tables[t].prefix; t++) {
        const char *prefix = tables[t].prefix;

        if (!has_prefix(key, prefix) || !tables[t].opts) {
            continue;
        }
        for (const nf_opt *o = tables[t].opts; o->name; o++) {
            if (strcmp(key + strlen(prefix), o->name) == 0) {
                return true;
            }
        }
    }
    return false;
}

/* The closest known key to \p typo, or NULL. Table keys are compared whole; for the
 * pass-through prefixes, the part of the typo up to each '.' is compared with the prefix and
 * the rest kept ("kafak.acks" -> "kafka.acks"). */
static char *closest_key(const char *typo, const nf_opt_table *tables,
                         const char *const *passthrough)
{
    suggestion best = {NULL, 0};
    size_t len = strlen(typo);
    size_t limit = len / 3 > SUGGEST_MIN_DISTANCE ? len / 3 : SUGGEST_MIN_DISTANCE;

    for (size_t t = 0; tables && tables[t].prefix; t++) {
        for (const nf_opt *o = tables[t].opts; o && o->name; o++) {
            consider(&best, typo, tables[t].prefix, o->name);
        }
    }
    for (size_t i = 0; passthrough && passthrough[i]; i++) {
        const char *pt = passthrough[i];
        size_t plen = strlen(pt);

        for (const char *dot = strchr(typo, '.'); dot; dot = strchr(dot + 1, '.')) {
            size_t head = (size_t)(dot - typo) + 1;

            if (dot[1] == '\0') {
                break;
            }
            /* Only heads about as long as the prefix can be close to it. */
            if (head + SUGGEST_MIN_DISTANCE >= plen && head <= plen + SUGGEST_MIN_DISTANCE &&
                edit_distance(typo, head, pt, plen) <= SUGGEST_MIN_DISTANCE) {
                consider(&best, typo, pt, dot + 1);
            }
        }
    }
    if (best.key && best.dist > limit) {
        free(best.key);
        best.key = NULL;
    }
    return best.key;
}

int nf_config_check_keys(const nf_config *cfg, const nf_opt_table *tables,
                         const char *const *passthrough, char *errstr, size_t errstr_size)
{
    const entry *bad = NULL;
    size_t n_bad = 0;
    char *hint;
    char from[300] = "";
    char more[64] = "";

    for (size_t i = 0; i < cfg->n; i++) {
        if (!known_key(cfg->v[i].key, tables, passthrough)) {
            if (!bad) {
                bad = &cfg->v[i];
            }
            n_bad++;
        }
    }
    if (!bad) {
        return 0;
    }
    if (bad->origin) {
        snprintf(from, sizeof(from), " (from %s)", bad->origin);
    }
    if (n_bad > 1) {
        snprintf(more, sizeof(more), " (and %zu more unknown key%s)", n_bad - 1,
                 n_bad > 2 ? "s" : "");
    }
    hint = closest_key(bad->key, tables, passthrough);
    if (hint) {
        nf_set_errstr(errstr, errstr_size, "unknown configuration key \"%s\"%s: did you mean \"%s\"?%s",
                bad->key, from, hint, more);
    } else {
        nf_set_errstr(errstr, errstr_size,
                "unknown configuration key \"%s\"%s: see 'newsflow check-config --help' for the "
                "known keys%s",
                bad->key, from, more);
    }
    free(hint);
    return -1;
}
