/* patterns: identifiers with a shape (URLs, e-mail addresses, hashtags, cashtags, ISINs, a
 * team's case numbers) found by PCRE2 regular expressions read from files.
 *
 * A pattern file has one `LABEL [check=NAME] [needs=BYTES] = regex` per line ('#' comments):
 * PCRE2 syntax in UTF mode, compiled with JIT once per load (start and reload). A named group
 * `value` becomes the annotation's "value"; `check=` names a checksum validator (table below)
 * that drops matches failing it; `needs=` lists bytes of which one must occur in a field for
 * the pattern to run there at all (a prefilter; PCRE2's own fixed first/required bytes are
 * used the same way when they are punctuation). The built-in pack is data/patterns/builtin.conf.
 *
 * Hostile patterns are bounded by PCRE2's match, depth and heap limits: a pattern that hits
 * one stops for that field and the record gets a warning; the article is still enriched.
 * Matches are entities (label from the file) with "pattern": the file's stem. */
#include "pipeline/listfile.h"
#include "pipeline/stage.h"

#include "common/buf.h"
#include "common/utf8.h"
#include "common/xalloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#define BUILTIN_FILE "patterns/builtin.conf"

typedef struct pat_ctx {
    nf_strlist files;      /* user pattern files (absolute or relative to the working dir) */
    bool builtin;          /* load data/patterns/builtin.conf first */
    bool title;            /* also match in the title */
    int64_t match_limit;   /* PCRE2 match limit per match call */
    int64_t depth_limit;   /* PCRE2 depth limit (backtracking depth; the interpreter only) */
    int64_t heap_limit;    /* PCRE2 heap limit in KiB (the interpreter only) */
    int64_t max_match;     /* longest match in bytes; also the window one match call sees */
} pat_ctx;

static const nf_opt options[] = {
    {"files", NF_OPT_LIST, NULL, offsetof(pat_ctx, files), NULL,
     "pattern files (LABEL = regex lines; docs/patterns.md), absolute or relative to the "
     "working directory; reloaded on SIGHUP"},
    {"builtin", NF_OPT_BOOL, "true", offsetof(pat_ctx, builtin), NULL,
     "the built-in pack (URL, EMAIL, HASHTAG, CASHTAG, ISIN) from patterns/builtin.conf below "
     "pipeline.data_dir"},
    {"title", NF_OPT_BOOL, "true", offsetof(pat_ctx, title), NULL,
     "also match in the title (annotations carry \"field\": \"title\")"},
    {"match_limit", NF_OPT_INT, "1000000", offsetof(pat_ctx, match_limit), "1..1000000000",
     "PCRE2 match limit per match attempt: a pattern that hits it stops for that field and the "
     "record gets a warning"},
    {"depth_limit", NF_OPT_INT, "10000", offsetof(pat_ctx, depth_limit), "1..100000000",
     "PCRE2 backtracking depth limit (interpreter; JIT is bounded by match_limit)"},
    {"heap_limit", NF_OPT_INT, "20480", offsetof(pat_ctx, heap_limit), "1..4194304",
     "PCRE2 heap limit per match in KiB (interpreter)"},
    {"max_match_bytes", NF_OPT_INT, "65536", offsetof(pat_ctx, max_match), "256..16777216",
     "longest match; one match call sees at most this much text after its start, which "
     "bounds the work of a pattern on a large article (a longer match stops the pattern with "
     "a warning)"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

/* ---- Checksum validators ----------------------------------------------------------------- */

/* Luhn over a digit string (already expanded); false when it is not all digits. */
static bool luhn_digits(const char *d, size_t n)
{
    unsigned sum = 0;
    bool dbl = false;
    for (size_t i = n; i-- > 0;) {
        if (d[i] < '0' || d[i] > '9') {
            return false;
        }
        unsigned v = (unsigned)(d[i] - '0');
        if (dbl) {
            v *= 2;
            if (v > 9) {
                v -= 9;
            }
        }
        sum += v;
        dbl = !dbl;
    }
    return n > 0 && sum % 10 == 0;
}

/* Credit-card style numbers: digits with optional spaces or hyphens, 12..19 digits. */
static bool check_luhn(const char *s, size_t n)
{
    char d[32];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '-') {
            continue;
        }
        if (k == sizeof d) {
            return false;
        }
        d[k++] = s[i];
    }
    return k >= 12 && k <= 19 && luhn_digits(d, k);
}

/* ISO 6166: two letters, nine alphanumerics, a check digit; letters count as 10..35 and the
 * expanded digit string passes Luhn. */
static bool check_isin(const char *s, size_t n)
{
    if (n != 12 || !isupper((unsigned char)s[0]) || !isupper((unsigned char)s[1]) ||
        !isdigit((unsigned char)s[11])) {
        return false;
    }
    char d[24];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isdigit(c)) {
            d[k++] = (char)c;
        } else if (isupper(c)) {
            unsigned v = (unsigned)(c - 'A') + 10;
            d[k++] = (char)('0' + v / 10);
            d[k++] = (char)('0' + v % 10);
        } else {
            return false;
        }
    }
    return luhn_digits(d, k);
}

/* ISO 13616: country, check digits, BBAN (spaces allowed); the first four characters move to
 * the end, letters become 10..35 and the number mod 97 must be 1. */
static bool check_iban(const char *s, size_t n)
{
    char c[40];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ') {
            continue;
        }
        if (k == sizeof c || !isalnum((unsigned char)s[i])) {
            return false;
        }
        c[k++] = (char)toupper((unsigned char)s[i]);
    }
    if (k < 15 || k > 34 || !isupper((unsigned char)c[0]) || !isupper((unsigned char)c[1]) ||
        !isdigit((unsigned char)c[2]) || !isdigit((unsigned char)c[3])) {
        return false;
    }
    unsigned rem = 0;
    for (size_t i = 0; i < k; i++) {
        unsigned char ch = (unsigned char)c[(i + 4) % k];
        if (isdigit(ch)) {
            rem = (rem * 10 + (unsigned)(ch - '0')) % 97;
        } else {
            rem = (rem * 100 + (unsigned)(ch - 'A') + 10) % 97;
        }
    }
    return rem == 1;
}

typedef bool (*validator_fn)(const char *s, size_t n);

static const struct {
    const char *name;
    validator_fn fn;
} validators[] = {
    {"isin", check_isin},
    {"luhn", check_luhn},
    {"iban", check_iban},
};

static validator_fn find_validator(const char *name)
{
    for (size_t i = 0; i < sizeof validators / sizeof validators[0]; i++) {
        if (strcmp(validators[i].name, name) == 0) {
            return validators[i].fn;
        }
    }
    return NULL;
}

/* ---- Loaded patterns (immutable once built; shared by every pipeline) -------------------- */

typedef struct pat {
    pcre2_code *code;
    char *label;            /* "URL" */
    char *where;            /* "builtin.conf:12" for warnings */
    char *extra_json;       /* "\"pattern\":\"builtin\"" */
    int value_group;        /* group number of (?<value>...), or -1 */
    validator_fn check;     /* or NULL */
    char needs[16];         /* prefilter bytes; "" = none */
} pat;

typedef struct pat_set {
    pat *v;
    size_t n, cap;
    uint32_t max_pairs;     /* ovector pairs the largest pattern needs */
} pat_set;

static void set_free(void *vset)
{
    pat_set *set = vset;
    if (!set) {
        return;
    }
    for (size_t i = 0; i < set->n; i++) {
        pcre2_code_free(set->v[i].code);
        free(set->v[i].label);
        free(set->v[i].where);
        free(set->v[i].extra_json);
    }
    free(set->v);
    free(set);
}

/* A fixed first or required code unit that is ASCII punctuation (letters may be caseless, so
 * they prove nothing about the text) becomes a prefilter byte. */
static void add_pcre2_needs(pat *p)
{
    uint32_t type = 0, cu = 0;
    if (p->needs[0]) {
        return;
    }
    if (pcre2_pattern_info(p->code, PCRE2_INFO_FIRSTCODETYPE, &type) == 0 && type == 1 &&
        pcre2_pattern_info(p->code, PCRE2_INFO_FIRSTCODEUNIT, &cu) == 0 && cu < 0x80 &&
        ispunct((int)cu)) {
        p->needs[0] = (char)cu;
        return;
    }
    if (pcre2_pattern_info(p->code, PCRE2_INFO_LASTCODETYPE, &type) == 0 && type == 1 &&
        pcre2_pattern_info(p->code, PCRE2_INFO_LASTCODEUNIT, &cu) == 0 && cu < 0x80 &&
        ispunct((int)cu) && cu != '.') {
        p->needs[0] = (char)cu;
    }
}

/* "check=isin needs=@" between the label and '='. */
static int parse_attrs(pat *p, char *attrs, const char *where, char *errstr, size_t errstr_size)
{
    char *save = NULL;
    for (char *tok = strtok_r(attrs, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
        if (strncmp(tok, "check=", 6) == 0) {
            p->check = find_validator(tok + 6);
            if (!p->check) {
                nf_set_errstr(errstr, errstr_size,
                              "%s: unknown validator \"%s\" (allowed: isin, luhn, iban)", where,
                              tok + 6);
                return -1;
            }
        } else if (strncmp(tok, "needs=", 6) == 0 && tok[6] &&
                   strlen(tok + 6) < sizeof p->needs) {
            memcpy(p->needs, tok + 6, strlen(tok + 6) + 1);
        } else {
            nf_set_errstr(errstr, errstr_size,
                          "%s: unknown attribute \"%s\" (allowed: check=isin|luhn|iban, "
                          "needs=BYTES with up to 15 bytes)",
                          where, tok);
            return -1;
        }
    }
    return 0;
}

static int compile_pat(pat *p, const char *re, const char *where, char *errstr,
                       size_t errstr_size)
{
    int ec = 0;
    PCRE2_SIZE eoff = 0;
    p->code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ec, &eoff, NULL);
    if (!p->code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        nf_set_errstr(errstr, errstr_size,
                      "%s: pattern for %s does not compile at offset %zu: %s", where, p->label,
                      (size_t)eoff, (const char *)msg);
        return -1;
    }
    /* No JIT on this CPU or build: the interpreter gives the same matches, only slower.
     * Partial matching is how windows over large fields stay exact (match_pattern). */
    (void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD);
    p->value_group = pcre2_substring_number_from_name(p->code, (PCRE2_SPTR) "value");
    if (p->value_group < 0) {
        p->value_group = -1;
    }
    add_pcre2_needs(p);
    return 0;
}

/* One "LABEL [attrs] = regex" line (trimmed, not a comment) into \p set. */
static int parse_line(pat_set *set, char *line, const char *where, const char *stem,
                      char *errstr, size_t errstr_size)
{
    char *eq = strchr(line, '=');
    /* The first '=' that follows white space or the label: attributes contain '=' too. */
    while (eq && eq[1] != ' ' && eq[1] != '\t' && eq[1] != '\0') {
        eq = strchr(eq + 1, '=');
    }
    if (!eq) {
        nf_set_errstr(errstr, errstr_size,
                      "%s: expected \"LABEL = regex\" (a space after '='), got \"%.60s\"", where,
                      line);
        return -1;
    }
    *eq = '\0';
    char *re = eq + 1;
    while (*re == ' ' || *re == '\t') {
        re++;
    }
    size_t ll = strcspn(line, " \t");
    if (!nf_listfile_label_ok(line, ll)) {
        nf_set_errstr(errstr, errstr_size,
                      "%s: label \"%.*s\" must be upper case (A-Z, 0-9, _; like URL or CASE_NO)",
                      where, (int)ll, line);
        return -1;
    }
    if (!*re) {
        nf_set_errstr(errstr, errstr_size, "%s: empty pattern for %.*s", where, (int)ll, line);
        return -1;
    }
    if (set->n == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 16;
        set->v = nf_xrealloc(set->v, set->cap * sizeof *set->v);
    }
    pat *p = &set->v[set->n];
    memset(p, 0, sizeof *p);
    p->label = nf_xstrdup(line);
    p->label[ll] = '\0';
    if (parse_attrs(p, line + ll + (line[ll] ? 1 : 0), where, errstr, errstr_size) != 0 ||
        compile_pat(p, re, where, errstr, errstr_size) != 0) {
        pcre2_code_free(p->code);
        free(p->label);
        return -1;
    }
    p->where = nf_xstrdup(where);
    nf_buf b;
    nf_buf_init(&b);
    nf_buf_append(&b, "\"pattern\":", 10);
    nf_buf_json_str(&b, stem, strlen(stem));
    p->extra_json = nf_xstrdup(b.data);
    nf_buf_fini(&b);
    uint32_t cap = 0;
    pcre2_pattern_info(p->code, PCRE2_INFO_CAPTURECOUNT, &cap);
    if (cap + 1 > set->max_pairs) {
        set->max_pairs = cap + 1;
    }
    set->n++;
    return 0;
}

static int load_file(pat_set *set, char *data, const char *name, char *errstr,
                     size_t errstr_size)
{
    char stem[128];
    if (nf_listfile_stem(name, stem, sizeof stem, errstr, errstr_size) != 0) {
        return -1;
    }
    unsigned lineno = 0;
    size_t n;
    for (char *line, *cur = data; (line = nf_listfile_next_line(&cur, &n));) {
        lineno++;
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t')) {
            line[--n] = '\0';
        }
        while (*line == ' ' || *line == '\t') {
            line++;
        }
        if (*line && *line != '#') {
            char where[300];
            snprintf(where, sizeof where, "%s:%u", name, lineno);
            if (parse_line(set, line, where, stem, errstr, errstr_size) != 0) {
                return -1;
            }
        }
    }
    return 0;
}

static void *load(const void *vctx, nf_stage_env *env, char *errstr, size_t errstr_size)
{
    const pat_ctx *ctx = vctx;
    pat_set *set = nf_xcalloc(1, sizeof *set);
    set->max_pairs = 1;
    for (size_t i = 0; i < ctx->files.n + 1; i++) {
        bool builtin = i == 0;
        if (builtin && !ctx->builtin) {
            continue;
        }
        const char *name = builtin ? BUILTIN_FILE : ctx->files.items[i - 1];
        char *data = builtin ? nf_stage_env_read_file(env, name, NULL, errstr, errstr_size)
                             : nf_stage_env_read_path(env, name, NULL, errstr, errstr_size);
        if (!data) {
            set_free(set);
            return NULL;
        }
        int rc = load_file(set, data, name, errstr, errstr_size);
        free(data);
        if (rc != 0) {
            set_free(set);
            return NULL;
        }
    }
    return set;
}

/* ---- Matching ----------------------------------------------------------------------------- */

typedef struct hit {
    uint32_t start, end;
    uint32_t vstart, vend;  /* value group span; vstart == UINT32_MAX when none */
    uint32_t pat;           /* index into the set */
} hit;

typedef struct scan {
    nf_doc *doc;
    const pat_set *set;
    const pat_ctx *ctx;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    hit *hits;
    uint32_t n_hits, cap_hits;
} scan;

static void *arena_malloc(PCRE2_SIZE n, void *arena)
{
    return nf_arena_alloc(arena, n);
}

static void arena_free(void *p, void *arena)
{
    (void)p;
    (void)arena; /* the article's arena is reset as a whole */
}

static const char *limit_code(int rc)
{
    switch (rc) {
    case PCRE2_ERROR_MATCHLIMIT:
        return "match_limit";
    case PCRE2_ERROR_DEPTHLIMIT:
        return "depth_limit";
    case PCRE2_ERROR_HEAPLIMIT:
        return "heap_limit";
    case PCRE2_ERROR_JIT_STACKLIMIT:
        return "jit_stack_limit";
    default:
        return "match_error";
    }
}

static bool field_has(const char *s, size_t n, const char *needs)
{
    for (const char *c = needs; *c; c++) {
        if (memchr(s, *c, n)) {
            return true;
        }
    }
    return false;
}

static void add_hit(scan *sc, const hit *h)
{
    if (sc->n_hits == sc->cap_hits) {
        uint32_t cap = sc->cap_hits ? sc->cap_hits * 2 : 32;
        sc->hits = nf_arena_grow(&sc->doc->arena, sc->hits, sc->n_hits * sizeof *sc->hits,
                                 cap * sizeof *sc->hits);
        sc->cap_hits = cap;
    }
    sc->hits[sc->n_hits++] = *h;
}

static void stop_pattern(scan *sc, const pat *p, const char *code, size_t at, const char *why,
                         const char *fname)
{
    nf_doc_warn(sc->doc, "patterns", code,
                "%s (%s) stopped in the %s at byte %zu: %s; later matches of this pattern in "
                "the %s are skipped",
                p->label, p->where, fname, at, why, fname);
}

/*
 * All matches of one pattern in one field, left to right, not overlapping.
 *
 * PCRE2's limits bound backtracking at one start position, not the scan from each position to
 * the end of the text: `(\w+)\s\1` over a megabyte of letters would take minutes. So one
 * call sees at most max_match bytes after its start (a window, cut on a character boundary,
 * lookbehind still sees what precedes it), in PCRE2_PARTIAL_HARD mode when the window ends
 * before the text: a match that needs text beyond the window comes back as partial instead of
 * wrong. A partial match later in the window is retried with a window starting there; one at
 * the window's start would be longer than max_match bytes, and stops the pattern (warning).
 * The work per call is bounded by the window, so the field costs O(length x window) at worst,
 * and matches are those of one call over the whole field.
 */
static void match_pattern(scan *sc, uint32_t pi, const char *s, size_t n, const char *fname)
{
    const pat *p = &sc->set->v[pi];
    if (p->needs[0] && !field_has(s, n, p->needs)) {
        return;
    }
    size_t win = (size_t)sc->ctx->max_match;
    PCRE2_SIZE off = 0;
    while (off <= n) {
        PCRE2_SIZE end = n;
        if (n - off > win) {
            end = off + win;
            while (end > off && ((unsigned char)s[end] & 0xC0) == 0x80) {
                end--;
            }
        }
        uint32_t opts = PCRE2_NO_UTF_CHECK | (end < n ? PCRE2_PARTIAL_HARD : 0);
        int rc = pcre2_match(p->code, (PCRE2_SPTR)s, end, off, opts, sc->md, sc->mc);
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
        if (rc == PCRE2_ERROR_NOMATCH) {
            if (end == n) {
                return;
            }
            off = end; /* nothing starts in the window, not even a match cut by its end */
            continue;
        }
        if (rc == PCRE2_ERROR_PARTIAL) {
            if (ov[0] > off) {
                off = ov[0];
                continue;
            }
            char why[128];
            snprintf(why, sizeof why, "a match would be longer than %zu bytes "
                     "(stage.patterns.max_match_bytes)", win);
            stop_pattern(sc, p, "match_too_long", (size_t)off, why, fname);
            return;
        }
        if (rc < 0) {
            PCRE2_UCHAR msg[128];
            pcre2_get_error_message(rc, msg, sizeof msg);
            stop_pattern(sc, p, limit_code(rc), (size_t)off, (const char *)msg, fname);
            return;
        }
        if (ov[1] == ov[0]) { /* empty match: step one character */
            off = ov[1] + 1;
            while (off < n && ((unsigned char)s[off] & 0xC0) == 0x80) {
                off++;
            }
            continue;
        }
        hit h = {(uint32_t)ov[0], (uint32_t)ov[1], UINT32_MAX, UINT32_MAX, pi};
        if (p->value_group > 0 && rc > p->value_group &&
            ov[2 * p->value_group] != PCRE2_UNSET) {
            h.vstart = (uint32_t)ov[2 * p->value_group];
            h.vend = (uint32_t)ov[2 * p->value_group + 1];
        }
        bool valid = true;
        if (p->check) {
            valid = h.vstart != UINT32_MAX ? p->check(s + h.vstart, h.vend - h.vstart)
                                           : p->check(s + h.start, h.end - h.start);
        }
        if (valid) {
            add_hit(sc, &h);
        }
        off = ov[1];
    }
}

static int cmp_hit(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->start != y->start) {
        return x->start < y->start ? -1 : 1;
    }
    if (x->end != y->end) {
        return x->end < y->end ? -1 : 1;
    }
    return x->pat < y->pat ? -1 : x->pat > y->pat;
}

/* Hits of one field -> annotations; the same label on the same span (two lines of one label)
 * is one annotation, the first pattern's. */
static void emit_hits(scan *sc, nf_field field)
{
    if (sc->n_hits > 1) {
        qsort(sc->hits, sc->n_hits, sizeof *sc->hits, cmp_hit);
    }
    const char *s = sc->doc->field[field];
    for (uint32_t k = 0; k < sc->n_hits; k++) {
        const hit *h = &sc->hits[k];
        const pat *p = &sc->set->v[h->pat];
        bool dup = false;
        for (uint32_t j = k; j-- > 0 && sc->hits[j].start == h->start;) {
            if (sc->hits[j].end == h->end &&
                strcmp(sc->set->v[sc->hits[j].pat].label, p->label) == 0) {
                dup = true;
                break;
            }
        }
        if (dup) {
            continue;
        }
        nf_ann a;
        memset(&a, 0, sizeof a);
        a.field = (uint8_t)field;
        a.kind = NF_ANN_ENTITY;
        a.start = h->start;
        a.end = h->end;
        a.label = p->label;
        a.extra_json = p->extra_json;
        if (h->vstart != UINT32_MAX) {
            a.value_text = nf_arena_strndup(&sc->doc->arena, s + h->vstart, h->vend - h->vstart);
        }
        nf_doc_add_ann(sc->doc, &a);
    }
    sc->n_hits = 0;
}

static nf_stage_rc process(const void *vctx, nf_doc *doc)
{
    const pat_ctx *ctx = vctx;
    const pat_set *set = doc->stage_data;
    if (!set || set->n == 0) {
        return NF_STAGE_OK;
    }
    scan sc;
    memset(&sc, 0, sizeof sc);
    sc.doc = doc;
    sc.set = set;
    sc.ctx = ctx;
    /* Match data and the interpreter's frames come from the article's arena: no malloc per
     * article, and nothing shared between threads. */
    pcre2_general_context *gc = pcre2_general_context_create(arena_malloc, arena_free,
                                                             &doc->arena);
    sc.md = pcre2_match_data_create(set->max_pairs, gc);
    sc.mc = pcre2_match_context_create(gc);
    pcre2_set_match_limit(sc.mc, (uint32_t)ctx->match_limit);
    pcre2_set_depth_limit(sc.mc, (uint32_t)ctx->depth_limit);
    pcre2_set_heap_limit(sc.mc, (uint32_t)ctx->heap_limit);
    static const struct {
        nf_field field;
        const char *name;
    } fields[] = {{NF_FIELD_TEXT, "text"}, {NF_FIELD_TITLE, "title"}};
    for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
        nf_field field = fields[f].field;
        if (!doc->field[field] || (field == NF_FIELD_TITLE && !ctx->title)) {
            continue;
        }
        for (uint32_t i = 0; i < set->n; i++) {
            match_pattern(&sc, i, doc->field[field], doc->field_len[field], fields[f].name);
        }
        emit_hits(&sc, field);
    }
    return NF_STAGE_OK;
}

const nf_stage_def nf_stage_patterns = {
    .version = NF_STAGE_ABI_V1,
    .name = "patterns",
    .description = "identifiers with a shape by PCRE2 patterns from files (built-in: URL, EMAIL, "
                   "HASHTAG, CASHTAG, ISIN), reloadable",
    .options = options,
    .ctx_size = sizeof(pat_ctx),
    .process = process,
    .load = load,
    .unload = set_free,
};
