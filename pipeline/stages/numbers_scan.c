/* numbers stage, part 2: the scanner. One forward pass per field. Work starts only at digits,
 * at symbols that are currency forms, and at words of the lexicon (one hash lookup per word);
 * from there small hand-written parsers read the mention (number expression, then what follows
 * it: a range, a percent sign or word, a currency, a unit, a month, a duration) and emit it.
 * Each mention starts at or after the end of the previous one, so spans never overlap, and each
 * parser looks at a bounded number of tokens, so the pass is linear in the field length.
 *
 * Values are exact: a number is a decimal mantissa and exponent (with a small denominator for
 * thirds and the like); scale words only move the exponent, and the double is produced once at
 * the end (one exact multiplication or division, else strtod), so "24.1 billion" is
 * 24100000000 and not 24099999999.999996. */

#include "pipeline/stages/numbers.h"

#include "common/arena.h"
#include "common/doc.h"

#include <math.h>
#include <stdarg.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Exact values ---------------------------------------------------------------------- */

typedef struct nval {
    uint64_t m;      /* mantissa */
    int32_t e;       /* decimal exponent: value = m * 10^e / den */
    uint32_t den;    /* 1 unless a fraction such as 1/3 */
    bool ok;         /* false after an overflow: no value */
} nval;

static nval nv_int(uint64_t v)
{
    nval r = {v, 0, 1, true};
    return r;
}

static uint64_t gcd_u64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static void nv_norm(nval *v)
{
    if (!v->ok) {
        return;
    }
    if (v->m == 0) {
        v->e = 0;
        v->den = 1;
        return;
    }
    while (v->m % 10 == 0) {
        v->m /= 10;
        v->e++;
    }
    if (v->den > 1) {
        uint64_t g = gcd_u64(v->m, v->den);
        v->m /= g;
        v->den = (uint32_t)(v->den / g);
    }
}

static void nv_mul(nval *v, uint64_t k)
{
    if (v->ok && __builtin_mul_overflow(v->m, k, &v->m)) {
        v->ok = false;
    }
    nv_norm(v);
}

static void nv_div(nval *v, uint32_t d)
{
    if (!v->ok || d == 0) {
        v->ok = false;
        return;
    }
    uint64_t den = (uint64_t)v->den * d;
    /* Denominators made of 2s and 5s become decimal digits. */
    while (den % 2 == 0 && v->ok) {
        den /= 2;
        v->ok = !__builtin_mul_overflow(v->m, 5, &v->m);
        v->e--;
    }
    while (den % 5 == 0 && v->ok) {
        den /= 5;
        v->ok = !__builtin_mul_overflow(v->m, 2, &v->m);
        v->e--;
    }
    if (den > UINT32_MAX) {
        v->ok = false;
    }
    v->den = (uint32_t)den;
    nv_norm(v);
}

static bool pow10_mul(uint64_t *m, int32_t k)
{
    while (k-- > 0) {
        if (__builtin_mul_overflow(*m, 10, m)) {
            return false;
        }
    }
    return true;
}

static nval nv_add(nval a, nval b)
{
    if (!a.ok || !b.ok) {
        a.ok = false;
        return a;
    }
    if (a.m == 0) {
        return b;
    }
    if (b.m == 0) {
        return a;
    }
    nval r = {0, 0, 1, true};
    uint64_t am = a.m, bm = b.m;
    uint64_t den = (uint64_t)a.den * b.den;
    if (__builtin_mul_overflow(am, b.den, &am) || __builtin_mul_overflow(bm, a.den, &bm) ||
        den > UINT32_MAX) {
        r.ok = false;
        return r;
    }
    int32_t e = a.e < b.e ? a.e : b.e;
    if (e < -30 || !pow10_mul(&am, a.e - e) || !pow10_mul(&bm, b.e - e) ||
        __builtin_add_overflow(am, bm, &r.m)) {
        r.ok = false;
        return r;
    }
    r.e = e;
    r.den = (uint32_t)den;
    nv_norm(&r);
    return r;
}

static double nv_double(nval v)
{
    if (!v.ok) {
        return NAN;
    }
    /* Exact operands and one correctly rounded operation give the same double as strtod
     * (Clinger's fast path): a mantissa below 2^53 and a power of ten up to 10^22. */
    static const double P10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (v.m <= (1ull << 53) && v.e >= -22 && v.e <= 22) {
        double d = (double)v.m;
        d = v.e >= 0 ? d * P10[v.e] : d / P10[-v.e];
        return v.den > 1 ? d / v.den : d;
    }
    char buf[48];
    snprintf(buf, sizeof buf, "%llue%d", (unsigned long long)v.m, (int)v.e);
    double d = strtod(buf, NULL);
    return v.den > 1 ? d / v.den : d;
}

/* The value as an integer when it is one (no fraction, not negative-exponent) and at most
 * \p max. Values are normalised (20 is m = 2, e = 1), so never test m alone. */
static bool nv_uint(const nval *v, uint64_t max, uint64_t *out)
{
    if (!v->ok || v->den != 1 || v->e < 0 || v->e > 19) {
        return false;
    }
    uint64_t m = v->m;
    for (int32_t k = 0; k < v->e; k++) {
        if (m > max / 10) {
            return false;
        }
        m *= 10;
    }
    if (m > max) {
        return false;
    }
    *out = m;
    return true;
}

static int nv_digits(uint64_t m)
{
    int d = 1;
    while (m >= 10) {
        m /= 10;
        d++;
    }
    return d;
}

/* Canonical decimal text of an exact value ("24100000000", "0.0125"); false when it has no
 * finite decimal form or is out of range. */
static bool nv_text(nval v, bool neg, char *out, size_t size)
{
    if (!v.ok || v.den != 1 || v.e > 40 || v.e < -40) {
        return false;
    }
    char digits[32];
    int nd = 0;
    {
        char tmp[24];
        uint64_t u = v.m;
        do {
            tmp[nd++] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        for (int k = 0; k < nd; k++) {
            digits[k] = tmp[nd - 1 - k];
        }
    }
    size_t o = 0;
    if (neg) {
        out[o++] = '-';
    }
    if (v.e >= 0) {
        if (o + (size_t)nd + (size_t)v.e + 1 > size) {
            return false;
        }
        memcpy(out + o, digits, (size_t)nd);
        o += (size_t)nd;
        memset(out + o, '0', (size_t)v.e);
        o += (size_t)v.e;
    } else {
        int point = nd + v.e; /* digits before the point */
        if (o + (size_t)nd + (size_t)(-v.e) + 3 > size) {
            return false;
        }
        if (point <= 0) {
            out[o++] = '0';
            out[o++] = '.';
            memset(out + o, '0', (size_t)(-point));
            o += (size_t)(-point);
            memcpy(out + o, digits, (size_t)nd);
            o += (size_t)nd;
        } else {
            memcpy(out + o, digits, (size_t)point);
            o += (size_t)point;
            out[o++] = '.';
            memcpy(out + o, digits + point, (size_t)(nd - point));
            o += (size_t)(nd - point);
        }
    }
    out[o] = '\0';
    return true;
}

/* ---- Scanner state --------------------------------------------------------------------- */

/* Parsers look at the same few tokens again and again (what follows a number is read by each
 * of the readers that try it in turn): a small cache of tokens by query position. */
#define TOKC_SIZE 16
#define ENTC_SIZE 16
#define CHAIN_SIZE 4
#define CHAIN_MAX 16
typedef struct tokc {
    uint32_t pos[TOKC_SIZE];  /* query position + 1, 0 = empty */
    nn_tok t[TOKC_SIZE];
    /* Lexicon entries of single tokens by token start (tok_entry). */
    uint32_t es[ENTC_SIZE], ee[ENTC_SIZE]; /* start + 1 (0 = empty), end */
    uint8_t ehave[ENTC_SIZE];              /* 1: eci looked up, 2: ecs looked up */
    const nn_entry *eci[ENTC_SIZE], *ecs[ENTC_SIZE];
    /* lex_longest's chain of keys at a position: the entries (as written, lower-cased) of
     * the keys made of its first 1, 2, ... tokens, as long as one of them is a prefix. */
    uint32_t cpos[CHAIN_SIZE];             /* position + 1, 0 = empty */
    uint8_t cn[CHAIN_SIZE];
    const nn_entry *cc[CHAIN_SIZE][CHAIN_MAX], *cl[CHAIN_SIZE][CHAIN_MAX];
    uint32_t cend[CHAIN_SIZE][CHAIN_MAX];
} tokc;

typedef struct scan {
    const nf_numbers_ctx *ctx;
    tokc *tc;                 /* the token cache (mutable through a const scan) */
    const nn_lex *lx;
    nf_doc *doc;
    uint8_t field;            /* nf_field */
    const char *s;            /* the field (borrowed from doc) */
    uint32_t n;               /* its length in bytes */
    uint32_t last_end;        /* end of the last mention: the next one starts here or later */
    bool title_case;          /* most words capitalised: capitals say nothing about names */
    const char *country;      /* dateline country, may be NULL */
    int py, pm, pd;           /* published date; py == 0 when unknown */
} scan;

typedef struct ment {
    uint32_t s, e;            /* byte span */
    const char *label;        /* static */
    nval v, vmax;
    bool neg;                 /* value is negative */
    bool has_v, has_max;
    const char *currency;     /* static or lexicon */
    const char *unit;         /* static or lexicon */
    const char *vtext;        /* DATE/TIME value (arena or static) */
    uint8_t mod;              /* MOD_* */
} ment;

static const char *const MOD_NAMES[] = {"", "approx", "gt", "lt", "ge", "le"};

static void emit(scan *sc, const ment *m)
{
    if (m->s < sc->last_end || m->e <= m->s || m->e > sc->n) {
        return; /* never overlap, never empty: a parser bug must not corrupt the record */
    }
    nf_ann a;
    memset(&a, 0, sizeof a);
    a.field = sc->field;
    a.kind = NF_ANN_NUMBER;
    a.start = m->s;
    a.end = m->e;
    a.label = m->label;
    a.currency = m->currency;
    a.unit = m->unit;
    a.value_text = m->vtext;
    char extra[160];
    size_t xl = 0;
    extra[0] = '\0';
    if (m->has_v && m->v.ok) {
        double d = nv_double(m->v);
        a.value = m->neg ? -d : d;
        a.flags |= NF_ANN_HAS_VALUE;
        char txt[96];
        /* A double holds 15 significant digits exactly; beyond that, also give the text. */
        if (m->v.den == 1 && nv_digits(m->v.m) > 15 && nv_text(m->v, m->neg, txt, sizeof txt)) {
            size_t tl = strlen(txt);
            memcpy(extra, "\"value_str\":\"", 13);
            memcpy(extra + 13, txt, tl);
            extra[13 + tl] = '"';
            xl = 14 + tl;
        }
        if (m->has_max && m->vmax.ok) {
            double dm = nv_double(m->vmax);
            a.value_max = m->neg ? -dm : dm;
            a.flags |= NF_ANN_HAS_VALUE_MAX;
        }
    }
    if (m->mod && xl < sizeof extra - 24) {
        const char *mn = MOD_NAMES[m->mod];
        size_t ml = strlen(mn);
        if (xl) {
            extra[xl++] = ',';
        }
        memcpy(extra + xl, "\"mod\":\"", 7);
        memcpy(extra + xl + 7, mn, ml);
        extra[xl + 7 + ml] = '"';
        xl += 8 + ml;
    }
    if (xl) {
        a.extra_json = nf_arena_strndup(&sc->doc->arena, extra, xl);
    }
    nf_doc_add_ann(sc->doc, &a);
    sc->last_end = m->e;
}

static const char *arena_printf(scan *sc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *arena_printf(scan *sc, const char *fmt, ...)
{
    /* A small formatter for the few conversions value texts use (%s %c %d %ld %lld, with a
     * zero-padded width): vsnprintf costs more than everything else on a date mention. */
    char buf[64];
    size_t o = 0;
    va_list ap;
    va_start(ap, fmt);
    for (const char *f = fmt; *f && o < sizeof buf - 1; f++) {
        if (*f != '%') {
            buf[o++] = *f;
            continue;
        }
        f++;
        if (*f == '%') {
            buf[o++] = '%';
            continue;
        }
        bool zero = *f == '0';
        f += zero;
        size_t width = 0;
        while (*f >= '0' && *f <= '9') {
            width = width * 10 + (size_t)(*f++ - '0');
        }
        int longs = 0;
        while (*f == 'l') {
            longs++;
            f++;
        }
        if (*f == 's') {
            for (const char *a = va_arg(ap, const char *); *a && o < sizeof buf - 1; a++) {
                buf[o++] = *a;
            }
        } else if (*f == 'c') {
            buf[o++] = (char)va_arg(ap, int);
        } else if (*f == 'd') {
            long long v = longs >= 2 ? va_arg(ap, long long)
                          : longs    ? va_arg(ap, long)
                                     : va_arg(ap, int);
            unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
            char tmp[24];
            size_t nd = 0;
            do {
                tmp[nd++] = (char)('0' + u % 10);
                u /= 10;
            } while (u);
            size_t pad = width > nd + (v < 0) ? width - nd - (v < 0) : 0;
            if (v < 0 && o < sizeof buf - 1) {
                buf[o++] = '-';
            }
            while (pad-- && o < sizeof buf - 1) {
                buf[o++] = zero ? '0' : ' ';
            }
            while (nd && o < sizeof buf - 1) {
                buf[o++] = tmp[--nd];
            }
        } else {
            break; /* not used */
        }
    }
    va_end(ap);
    return nf_arena_strndup(&sc->doc->arena, buf, o);
}

/* ---- Small character helpers ----------------------------------------------------------- */

static inline bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline bool is_alpha(char c)
{
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static inline bool is_alnum(char c)
{
    return is_digit(c) || is_alpha(c);
}

static inline char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
}

static void __attribute__((noinline)) tok_miss(const scan *sc, uint32_t pos, nn_tok *t,
                                                uint32_t k)
{
    nn_tok_next(sc->s, sc->n, pos, t);
    sc->tc->pos[k] = pos + 1;
    sc->tc->t[k] = *t;
    if (t->s != pos && t->kind != TK_END) {
        /* The same token read from its own start (lex_longest, tok_entry callers do) has no
         * whitespace before it. */
        uint32_t k2 = (t->s ^ (t->s >> 4)) & (TOKC_SIZE - 1);
        sc->tc->pos[k2] = t->s + 1;
        sc->tc->t[k2] = *t;
        sc->tc->t[k2].ws = 0;
    }
}

/* The token at or after pos (nn_tok_next through the cache). */
static inline void tok(const scan *sc, uint32_t pos, nn_tok *t)
{
    uint32_t k = (pos ^ (pos >> 4)) & (TOKC_SIZE - 1);
    if (sc->tc->pos[k] == pos + 1) {
        *t = sc->tc->t[k];
        return;
    }
    tok_miss(sc, pos, t, k);
}

static inline bool tok_is_n(const scan *sc, const nn_tok *t, const char *lit, size_t l)
{
    return t->kind != TK_END && t->e - t->s == l && memcmp(sc->s + t->s, lit, l) == 0;
}

/* Case-insensitive comparison of an ASCII word token. */
static inline bool tok_word_n(const scan *sc, const nn_tok *t, const char *lit, size_t l)
{
    if (t->kind != TK_WORD || t->e - t->s != l) {
        return false;
    }
    for (size_t k = 0; k < l; k++) {
        if (lower(sc->s[t->s + k]) != lit[k]) {
            return false;
        }
    }
    return true;
}

/* The literal's length is a constant: no strlen per comparison. */
#define tok_is(sc, t, lit) tok_is_n((sc), (t), "" lit, sizeof(lit) - 1)
#define tok_word(sc, t, lit) tok_word_n((sc), (t), "" lit, sizeof(lit) - 1)

static bool tok_is_dash(const scan *sc, const nn_tok *t)
{
    return tok_is(sc, t, "-") || tok_is(sc, t, "\xE2\x80\x93"); /* hyphen, en dash */
}

/* Lexicon entry of a single token: case-insensitive (cs = 0) or as written (cs = 1). */
static const nn_entry *tok_entry(const scan *sc, const nn_tok *t, int cs)
{
    size_t len = t->e - t->s;
    if (t->kind == TK_END || t->kind == TK_DIGITS || len > 48) {
        return NULL;
    }
    const char *p = sc->s + t->s;
    tokc *c = sc->tc;
    uint32_t k = (t->s ^ (t->s >> 4)) & (ENTC_SIZE - 1);
    if (c->es[k] != t->s + 1 || c->ee[k] != t->e) {
        c->es[k] = t->s + 1;
        c->ee[k] = t->e;
        c->ehave[k] = 0;
    }
    if (cs) {
        if (!(c->ehave[k] & 2)) {
            c->ecs[k] = nn_lex_get(sc->lx, p, len, 1);
            c->ehave[k] |= 2;
        }
        return c->ecs[k];
    }
    if (!(c->ehave[k] & 1)) {
        c->eci[k] = nn_lex_get_lc(sc->lx, t->hash_lc, p, len);
        c->ehave[k] |= 1;
    }
    return c->eci[k];
}

typedef struct lexm {
    const nn_entry *e;        /* best entry with one of the wanted roles */
    uint32_t end;             /* end of its last token */
    uint8_t ntok;             /* tokens matched */
} lexm;

/* Fill chain \p slot of the cache for \p pos: the entries of the keys made of the tokens
 * from pos on, as written and lower-cased, while one of them is a prefix of longer keys. */
static void lex_chain(const scan *sc, uint32_t pos, int slot)
{
    tokc *c = sc->tc;
    char kc[96], kl[96];
    size_t len = 0;
    bool alive_c = true, alive_l = true;
    uint32_t hc = NN_HASH_INIT, hl = NN_HASH_INIT; /* of kc and kl, kept as they grow */
    nn_tok t;
    uint8_t maxt = sc->lx->max_tokens ? sc->lx->max_tokens : 1;
    uint8_t k = 0;
    c->cpos[slot] = pos + 1;
    for (; k < maxt && k < CHAIN_MAX && (alive_c || alive_l); k++) {
        tok(sc, pos, &t);
        if (t.kind == TK_END || (k > 0 && t.ws == 2) || (k == 0 && t.s != pos)) {
            break;
        }
        size_t tl = t.e - t.s;
        if (len + tl + 2 > sizeof kc) {
            break;
        }
        const nn_entry *ec, *el;
        if (k == 0 && t.kind != TK_DIGITS && tl <= 48) {
            /* One token: the same entries as tok_entry's, which are often known already. */
            ec = tok_entry(sc, &t, 1);
            el = tok_entry(sc, &t, 0);
            alive_c = ec && (ec->roles & NL_PREFIX);
            alive_l = el && (el->roles & NL_PREFIX);
            if (alive_c || alive_l) {
                for (size_t i = 0; i < tl; i++) {
                    char ch = sc->s[t.s + i];
                    kc[i] = ch;
                    kl[i] = lower(ch);
                    hc = nn_hash_step(hc, (unsigned char)ch);
                }
                hl = t.hash_lc;
                len = tl;
            }
        } else {
            if (k > 0 && t.ws) {
                kc[len] = kl[len] = ' ';
                hc = nn_hash_step(hc, ' ');
                hl = nn_hash_step(hl, ' ');
                len++;
            }
            for (size_t i = 0; i < tl; i++) {
                char ch = sc->s[t.s + i];
                char lc = lower(ch);
                kc[len + i] = ch;
                kl[len + i] = lc;
                hc = nn_hash_step(hc, (unsigned char)ch);
                hl = nn_hash_step(hl, (unsigned char)lc);
            }
            len += tl;
            ec = alive_c ? nn_lex_get_h(sc->lx, hc, kc, len, 1) : NULL;
            el = alive_l ? nn_lex_get_h(sc->lx, hl, kl, len, 0) : NULL;
            alive_c = ec && (ec->roles & NL_PREFIX);
            alive_l = el && (el->roles & NL_PREFIX);
        }
        c->cc[slot][k] = ec;
        c->cl[slot][k] = el;
        c->cend[slot][k] = t.e;
        pos = t.e;
    }
    c->cn[slot] = k;
}

/* Longest key with one of \p roles starting with the token at \p pos (no line breaks inside).
 * Tries the case-sensitive and the lower-cased key at every length. */
static bool lex_longest(const scan *sc, uint32_t pos, uint32_t roles, lexm *out)
{
    tokc *c = sc->tc;
    int slot = (int)(pos & (CHAIN_SIZE - 1));
    if (c->cpos[slot] != pos + 1) {
        lex_chain(sc, pos, slot);
    }
    out->e = NULL;
    for (uint8_t k = 0; k < c->cn[slot]; k++) {
        const nn_entry *ec = c->cc[slot][k], *el = c->cl[slot][k];
        if (ec && (ec->roles & roles)) {
            out->e = ec;
        } else if (el && (el->roles & roles)) {
            out->e = el;
        } else {
            continue;
        }
        out->end = c->cend[slot][k];
        out->ntok = (uint8_t)(k + 1);
    }
    return out->e != NULL;
}

/* The word token that ends right before \p pos (only blanks between, no line break). */
static bool prev_word(const scan *sc, uint32_t pos, nn_tok *t)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    t->kind = TK_END; /* callers may test the token even when there is none */
    t->s = t->e = pos;
    t->ws = 0;
    t->cap = t->upper = false;
    t->ascii = true;
    t->hash_lc = NN_HASH_INIT;
    uint32_t i = pos;
    while (i > 0 && (u[i - 1] == ' ' || u[i - 1] == '\t')) {
        i--;
    }
    uint32_t end = i;
    while (i > 0 && is_alpha((char)u[i - 1]) && end - i < 40) {
        i--;
    }
    if (i == end || (i > 0 && (u[i - 1] >= 0x80 || is_digit((char)u[i - 1])))) {
        return false;
    }
    /* The token read forward from i is the ASCII word [i, end) unless a letter continues it
     * (a non-ASCII one, or an ASCII one when the 40-letter bound stopped us). */
    if (end < sc->n && u[end] != ' ' && u[end] != '\t') {
        uint32_t cp;
        if (is_alpha((char)u[end]) ||
            (u[end] >= 0x80 && (nn_cp_at(sc->s, sc->n, end, &cp), nn_cp_is_letter(cp)))) {
            return false;
        }
    }
    uint32_t h = NN_HASH_INIT;
    unsigned char lowbits = 0;
    for (uint32_t k = i; k < end; k++) {
        lowbits |= u[k];
        h = nn_hash_step(h, u[k] | 0x20);
    }
    t->kind = TK_WORD;
    t->s = i;
    t->e = end;
    t->cap = u[i] <= 'Z';
    t->upper = !(lowbits & 0x20);
    t->hash_lc = h;
    return true;
}

/* Roles of the word right before pos (0 when none). */
static uint32_t prev_roles(const scan *sc, uint32_t pos, nn_tok *t)
{
    if (!prev_word(sc, pos, t)) {
        return 0;
    }
    const nn_entry *e = tok_entry(sc, t, 0);
    return e ? e->roles : 0;
}

/* True when pos begins a sentence: start of field or line, or after . ! ? : ; and opening
 * quotes or brackets. */
static bool sentence_start(const scan *sc, uint32_t pos)
{
    uint32_t i = pos;
    for (;;) {
        while (i > 0 && (sc->s[i - 1] == ' ' || sc->s[i - 1] == '\t')) {
            i--;
        }
        if (i == 0) {
            return true;
        }
        char c = sc->s[i - 1];
        if (c == '\n' || c == '\r' || c == '.' || c == '!' || c == '?' || c == ':' || c == ';') {
            return true;
        }
        if (c == '"' || c == '(' || c == '[' || c == '\'') {
            i--;
            continue;
        }
        /* Opening/closing curly quotes and dashes: U+2018/9, U+201C/D, U+2014 */
        if (i >= 3 && (unsigned char)sc->s[i - 3] == 0xE2 && (unsigned char)sc->s[i - 2] == 0x80 &&
            ((unsigned char)c == 0x98 || (unsigned char)c == 0x9C || (unsigned char)c == 0x9D ||
             (unsigned char)c == 0x99 || (unsigned char)c == 0x94)) {
            i -= 3;
            continue;
        }
        return false;
    }
}

/* ---- Dates ----------------------------------------------------------------------------- */

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t yy = (int64_t)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* 1 = Monday .. 7 = Sunday */
static int weekday_of(int64_t days)
{
    int64_t w = (days + 3) % 7; /* 1970-01-01 was a Thursday */
    if (w < 0) {
        w += 7;
    }
    return (int)w + 1;
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        return 29;
    }
    return dm[m - 1];
}

static bool have_pub(const scan *sc)
{
    return sc->py > 0 && sc->pm >= 1 && sc->pm <= 12 && sc->pd >= 1 && sc->pd <= 31;
}

/* Year for a month (and day) written without one: the year that puts the date closest to the
 * publication date (ties go to the past). 0 when the publication date is unknown. */
static int infer_year(const scan *sc, int m, int d)
{
    if (sc->py <= 0 || sc->pm < 1) {
        return 0;
    }
    int pd = sc->pd >= 1 ? sc->pd : 15;
    int64_t pub = days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)pd);
    int best = sc->py;
    int64_t best_dist = INT64_MAX;
    for (int y = sc->py - 1; y <= sc->py + 1; y++) {
        int dd = d ? (d <= days_in_month(y, m) ? d : days_in_month(y, m)) : 15;
        int64_t dist = days_from_civil(y, (unsigned)m, (unsigned)dd) - pub;
        int64_t ad = dist < 0 ? -dist : dist;
        if (ad < best_dist || (ad == best_dist && dist < 0)) {
            best = y;
            best_dist = ad;
        }
    }
    return best;
}

/* infer_year for a month-day date in a sentence whose verbs give a \p tense (tense_at): in
 * past-tense reporting it is the most recent such day (the publication day included), in a
 * sentence about the future the next one (the publication day included); 0: infer_year.
 * A date up to a week on the other side keeps the closest reading: datelines ("PERTH, June 5
 * - Australia will ban...") and reporting lag are not the verb's tense. */
static int infer_year_tense(const scan *sc, int m, int d, int tense)
{
    int y = infer_year(sc, m, d);
    if (!y || !tense || !have_pub(sc) || d < 1) {
        return y;
    }
    int64_t pub = days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
    int dd = d <= days_in_month(y, m) ? d : days_in_month(y, m);
    int64_t day = days_from_civil(y, (unsigned)m, (unsigned)dd);
    if (tense < 0 && day > pub + 7) {
        return y - 1;
    }
    if (tense > 0 && day < pub - 7) {
        return y + 1;
    }
    return y;
}

static const char *date_text(scan *sc, int y, int m, int d)
{
    /* By hand for the usual ranges (this runs for every date mention); arena_printf else. */
    bool ymd_ok = y <= 9999 && m >= 0 && m <= 99 && d <= 99;
    char buf[16];
    size_t o = 0;
    if (ymd_ok && y > 0) {
        buf[o++] = (char)('0' + y / 1000);
        buf[o++] = (char)('0' + y / 100 % 10);
        buf[o++] = (char)('0' + y / 10 % 10);
        buf[o++] = (char)('0' + y % 10);
    } else if (ymd_ok) {
        memcpy(buf, "XXXX", 4);
        o = 4;
    }
    if (y > 0 && m > 0 && d > 0) {
        if (!ymd_ok) {
            return arena_printf(sc, "%04d-%02d-%02d", y, m, d);
        }
    } else if (y > 0 && m > 0) {
        if (!ymd_ok) {
            return arena_printf(sc, "%04d-%02d", y, m);
        }
        d = 0;
    } else if (y > 0) {
        if (!ymd_ok) {
            return arena_printf(sc, "%04d", y);
        }
        return nf_arena_strndup(&sc->doc->arena, buf, o);
    } else if (m > 0 && d > 0) {
        if (!ymd_ok) {
            return arena_printf(sc, "XXXX-%02d-%02d", m, d);
        }
    } else {
        if (!ymd_ok) {
            return arena_printf(sc, "XXXX-%02d", m);
        }
        d = 0;
    }
    buf[o++] = '-';
    buf[o++] = (char)('0' + m / 10);
    buf[o++] = (char)('0' + m % 10);
    if (d > 0) {
        buf[o++] = '-';
        buf[o++] = (char)('0' + d / 10);
        buf[o++] = (char)('0' + d % 10);
    }
    return nf_arena_strndup(&sc->doc->arena, buf, o);
}

static void iso_week(int64_t days, int *wy, int *wn)
{
    int wd = weekday_of(days);
    int64_t thursday = days - wd + 4;
    int y, m, d;
    civil_from_days(thursday, &y, &m, &d);
    int64_t jan1 = days_from_civil(y, 1, 1);
    *wy = y;
    *wn = (int)((thursday - jan1) / 7 + 1);
}

static bool emit_date(scan *sc, uint32_t s, uint32_t e, const char *vtext)
{
    ment m;
    memset(&m, 0, sizeof m);
    m.s = s;
    m.e = e;
    m.label = "DATE";
    m.vtext = vtext;
    emit(sc, &m);
    return true;
}

/* Read a day of the month at pos: 1-2 digits, optionally "st/nd/rd/th"; or number words up to
 * 31 ("twenty-first", "twenty two"). Not when a scale word, percent or unit follows ("March 2
 * million people"). */
static bool read_day(const scan *sc, uint32_t pos, int *day, uint32_t *end);

/* A year after a month or day: 4 digits 1000..2999 standing alone. */
static bool read_year(const scan *sc, uint32_t pos, int *year, uint32_t *end)
{
    nn_tok t;
    tok(sc, pos, &t);
    if (t.kind != TK_DIGITS || t.e - t.s != 4 || t.ws == 2) {
        return false;
    }
    const char *ys = sc->s + t.s;
    int y = (ys[0] - '0') * 1000 + (ys[1] - '0') * 100 + (ys[2] - '0') * 10 + (ys[3] - '0');
    if (y < 1000 || y > 2999) {
        return false;
    }
    if (t.e < sc->n && (is_alnum(sc->s[t.e]) ||
                        ((sc->s[t.e] == '.' || sc->s[t.e] == ',') && t.e + 1 < sc->n &&
                         is_digit(sc->s[t.e + 1])))) {
        return false;
    }
    *year = y;
    *end = t.e;
    return true;
}

static bool read_year_words(const scan *sc, uint32_t pos, bool century_only, int *year,
                            uint32_t *end);

/* After a complete day-month: optional ", YYYY" / " YYYY" / " of YYYY", the year also in words
 * (", nineteen zero one", " two thousand and eighteen"). */
static void opt_year(const scan *sc, uint32_t *end, int *year)
{
    nn_tok t;
    uint32_t p = *end;
    tok(sc, p, &t);
    if (tok_is(sc, &t, ",")) {
        p = t.e;
    } else if (tok_word(sc, &t, "of")) {
        p = t.e;
    }
    int y;
    uint32_t ye;
    if (read_year(sc, p, &y, &ye) || read_year_words(sc, p, false, &y, &ye)) {
        *year = y;
        *end = ye;
    }
}

/* ---- Number expressions ---------------------------------------------------------------- */

typedef struct lit {
    uint32_t s, e;            /* span */
    nval v;
    uint32_t int_digits;      /* digits before the decimal point */
    uint64_t ival;            /* integer part */
    bool grouped;             /* thousands separators */
    bool decimal;             /* a fractional part */
    bool plain;               /* digits only */
} lit;

static bool space_group_sep(const scan *sc, uint32_t p, uint32_t *len)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    if (p < sc->n && u[p] == ' ') {
        *len = 1;
        return true;
    }
    if (p + 1 < sc->n && u[p] == 0xC2 && u[p + 1] == 0xA0) {
        *len = 2;
        return true;
    }
    if (p + 2 < sc->n && u[p] == 0xE2 && u[p + 1] == 0x80 &&
        (u[p + 2] == 0x89 || u[p + 2] == 0xAF)) {
        *len = 3;
        return true;
    }
    return false;
}

/* Exactly three digits at p, not followed by another digit. */
static bool three_digits(const scan *sc, uint32_t p)
{
    return p + 3 <= sc->n && is_digit(sc->s[p]) && is_digit(sc->s[p + 1]) &&
           is_digit(sc->s[p + 2]) && (p + 3 == sc->n || !is_digit(sc->s[p + 3]));
}

/* A digit literal at i: "1,250", "12.5", ".08", "1 234 567", European "1.234,5". False for
 * dotted sequences (versions, addresses) and absurdly long digit runs. */
static bool parse_lit(const scan *sc, uint32_t i, lit *L)
{
    const char *s = sc->s;
    uint32_t n = sc->n, p = i;
    memset(L, 0, sizeof *L);
    L->s = i;
    L->plain = true;
    uint64_t m = 0;
    uint32_t nd = 0, sig = 0;
    bool ovf = false;
    while (p < n && is_digit(s[p])) {
        if (sig || s[p] != '0') {
            sig++;
        }
        if (sig > 19 || __builtin_mul_overflow(m, 10, &m) ||
            __builtin_add_overflow(m, (uint64_t)(s[p] - '0'), &m)) {
            ovf = true;
        }
        nd++;
        p++;
    }
    if (nd > 40) {
        /* A run of digits this long is an identifier or junk, not a quantity. Consume it. */
        L->e = p;
        return false;
    }
    int32_t e = 0;
    bool european = false;
    uint64_t comma_int = UINT64_MAX; /* integer part before a decimal comma */
    if (nd >= 1 && nd <= 3) {
        /* Comma groups: "1,234,567". */
        uint32_t q = p;
        while (q < n && s[q] == ',' && three_digits(sc, q + 1)) {
            for (int k = 1; k <= 3; k++) {
                if (__builtin_mul_overflow(m, 10, &m) ||
                    __builtin_add_overflow(m, (uint64_t)(s[q + k] - '0'), &m)) {
                    ovf = true;
                }
            }
            nd += 3;
            q += 4;
            L->grouped = true;
        }
        if (!L->grouped) {
            /* European "1.234.567" or "1.234,5": dot groups then a comma decimal. */
            uint32_t g = 0;
            while (q < n && s[q] == '.' && three_digits(sc, q + 1)) {
                q += 4;
                g++;
            }
            bool comma_dec = g >= 1 && q + 1 < n && s[q] == ',' && is_digit(s[q + 1]);
            if (g >= 2 || comma_dec) {
                european = true;
                for (uint32_t r = p; r < q; r++) {
                    if (is_digit(s[r])) {
                        if (__builtin_mul_overflow(m, 10, &m) ||
                            __builtin_add_overflow(m, (uint64_t)(s[r] - '0'), &m)) {
                            ovf = true;
                        }
                        nd++;
                    }
                }
                L->grouped = true;
                if (comma_dec) {
                    q++;
                    while (q < n && is_digit(s[q])) {
                        if (__builtin_mul_overflow(m, 10, &m) ||
                            __builtin_add_overflow(m, (uint64_t)(s[q] - '0'), &m)) {
                            ovf = true;
                        }
                        e--;
                        q++;
                    }
                    L->decimal = true;
                }
            } else {
                q = p;
            }
        }
        if (!L->grouped && q == p && q + 1 < n && s[q] == ',' && is_digit(s[q + 1]) &&
            !(i > 0 && (s[i - 1] == ',' || s[i - 1] == '.'))) {
            /* A decimal comma: "1,3", "5,00" - one or two digits after the comma can never be
             * a thousands group; not in lists ("1,2,3") or before more digits. */
            uint32_t r = q + 1, dd = 0;
            while (r < n && is_digit(s[r])) {
                r++;
                dd++;
            }
            if (dd <= 2 && !(r + 1 < n && (s[r] == ',' || s[r] == '.') && is_digit(s[r + 1])) &&
                !(r < n && is_alpha(s[r]))) {
                comma_int = m;
                for (uint32_t k = q + 1; k < r; k++) {
                    if (__builtin_mul_overflow(m, 10, &m) ||
                        __builtin_add_overflow(m, (uint64_t)(s[k] - '0'), &m)) {
                        ovf = true;
                    }
                    e--;
                }
                european = true;
                L->decimal = true;
                q = r;
                p = r;
            }
        }
        if (!L->grouped && !L->decimal) {
            /* Space groups: "1 234 567", "40 000" (also NBSP, thin and narrow spaces). */
            uint32_t sl = 0;
            while (space_group_sep(sc, q, &sl) && three_digits(sc, q + sl) &&
                   !(q + sl + 4 < n && (s[q + sl + 3] == '.' || s[q + sl + 3] == ',') &&
                     is_digit(s[q + sl + 4]))) {
                for (int k = 0; k < 3; k++) {
                    if (__builtin_mul_overflow(m, 10, &m) ||
                        __builtin_add_overflow(m, (uint64_t)(s[q + sl + k] - '0'), &m)) {
                        ovf = true;
                    }
                }
                nd += 3;
                q += sl + 3;
                L->grouped = true;
            }
        }
        p = q;
    }
    L->int_digits = nd;
    L->ival = comma_int != UINT64_MAX ? comma_int : m;
    if (!european && p + 1 < n && s[p] == '.' && is_digit(s[p + 1])) {
        uint32_t q = p + 1;
        while (q < n && is_digit(s[q])) {
            if (!ovf && (__builtin_mul_overflow(m, 10, &m) ||
                         __builtin_add_overflow(m, (uint64_t)(s[q] - '0'), &m))) {
                ovf = true;
            }
            e--;
            q++;
        }
        if (q + 1 < n && s[q] == '.' && is_digit(s[q + 1])) {
            L->e = q;
            return false; /* 1.2.3: a version, an address or a date we did not read */
        }
        L->decimal = true;
        p = q;
    }
    L->plain = !L->grouped && !L->decimal;
    L->e = p;
    L->v.m = m;
    L->v.e = e;
    L->v.den = 1;
    L->v.ok = !ovf;
    nv_norm(&L->v);
    return nd > 0 || L->decimal;
}

/* Unicode vulgar fractions: "½" -> 1/2. */
static bool vulgar_fraction(uint32_t cp, int *num, int *den)
{
    static const struct {
        uint32_t cp;
        uint8_t num, den;
    } tab[] = {
        {0xBC, 1, 4},   {0xBD, 1, 2},   {0xBE, 3, 4},   {0x2150, 1, 7}, {0x2151, 1, 9},
        {0x2152, 1, 10}, {0x2153, 1, 3}, {0x2154, 2, 3}, {0x2155, 1, 5}, {0x2156, 2, 5},
        {0x2157, 3, 5}, {0x2158, 4, 5}, {0x2159, 1, 6}, {0x215A, 5, 6}, {0x215B, 1, 8},
        {0x215C, 3, 8}, {0x215D, 5, 8}, {0x215E, 7, 8},
    };
    for (size_t k = 0; k < sizeof tab / sizeof tab[0]; k++) {
        if (tab[k].cp == cp) {
            if (num) {
                *num = tab[k].num;
                *den = tab[k].den;
            }
            return true;
        }
    }
    return false;
}

typedef struct nexpr {
    uint32_t s, e;            /* span */
    nval v;                   /* value (sign apart) */
    bool words;               /* has number words */
    bool ordinal;             /* 21st, twenty-first */
    bool fraction;            /* two thirds, half */
    bool scaled;              /* a scale word or abbreviation was applied */
    int8_t last_scale;        /* power of ten of the last scale applied */
    bool single_lit;          /* one digit literal and nothing else */
    bool has_lit;
    lit L;                    /* the first literal */
    uint32_t glued_e;         /* letters glued to the last literal, not consumed: their end */
    uint8_t ntok;             /* words and literals read */
    bool sci;                 /* scientific notation or a power: "1.2e6", "1.1^23" */
} nexpr;

static nval scaled(nval v, int k);

/* A double as a value of 15 significant digits (powers are not exact in any notation). */
static nval nv_from_double(double d)
{
    nval v = nv_int(0);
    if (!(d == d) || d < 0) {
        v.ok = false;
        return v;
    }
    if (d == 0) {
        return v;
    }
    int32_t e = 0;
    while (d >= 1e15 && e < 400) {
        d /= 10;
        e++;
    }
    while (d < 1e14 && e > -400) {
        d *= 10;
        e--;
    }
    if (e >= 400 || e <= -400) {
        v.ok = false;
        return v;
    }
    v.m = (uint64_t)(d + 0.5);
    v.e = e;
    nv_norm(&v);
    return v;
}

/* Digits of a small exponent at p with its signs ("+14", "-4", "--23": two minus signs
 * cancel). @returns the end, 0 when there is none. */
static uint32_t read_exponent(const scan *sc, uint32_t p, int *exp)
{
    int neg = 0, signs = 0;
    while (p < sc->n && (sc->s[p] == '+' || sc->s[p] == '-') && signs < 2) {
        neg ^= sc->s[p] == '-';
        signs++;
        p++;
    }
    int v = 0, nd = 0;
    while (p < sc->n && is_digit(sc->s[p]) && nd < 4) {
        v = v * 10 + (sc->s[p] - '0');
        nd++;
        p++;
    }
    if (!nd || v > 300 || (p < sc->n && (is_alnum(sc->s[p]) || sc->s[p] == '.' ||
                                         sc->s[p] == '^'))) {
        return 0;
    }
    *exp = neg ? -v : v;
    return p;
}

/* After the literal \p L: "e+14" (times ten to the power), "x10^6" / "×10^-4" / "*10^6" (the
 * same, written out), "^23" (the literal raised to the power). Sets \p v and returns the end,
 * or 0. */
static uint32_t sci_suffix(const scan *sc, const lit *L, nval *v)
{
    uint32_t p = L->e;
    int exp = 0;
    uint32_t e;
    if (p + 1 >= sc->n || !L->v.ok) {
        return 0;
    }
    char c = sc->s[p];
    if ((c == 'e' || c == 'E') && (is_digit(sc->s[p + 1]) || sc->s[p + 1] == '+' ||
                                   sc->s[p + 1] == '-')) {
        e = read_exponent(sc, p + 1, &exp);
        if (!e) {
            return 0;
        }
        *v = scaled(L->v, exp);
        return e;
    }
    uint32_t q = p;
    if (c == 'x' || c == 'X' || c == '*') {
        q = p + 1;
    } else if (p + 2 < sc->n && (unsigned char)c == 0xC3 && (unsigned char)sc->s[p + 1] == 0x97) {
        q = p + 2; /* U+00D7 multiplication sign */
    }
    if (q != p) {
        if (q + 3 < sc->n && sc->s[q] == '1' && sc->s[q + 1] == '0' && sc->s[q + 2] == '^') {
            e = read_exponent(sc, q + 3, &exp);
            if (e) {
                *v = scaled(L->v, exp);
                return e;
            }
        }
        return 0;
    }
    if (c == '^') {
        e = read_exponent(sc, p + 1, &exp);
        if (!e) {
            return 0;
        }
        double b = nv_double(L->v), r = 1;
        for (int k = 0; k < (exp < 0 ? -exp : exp); k++) {
            r *= b;
        }
        *v = nv_from_double(exp < 0 ? 1 / r : r);
        return v->ok ? e : 0;
    }
    return 0;
}

enum { PX_MONEY = 1 };

enum { LK_NONE, LK_LIT, LK_UNIT, LK_TEEN, LK_TENS, LK_HUNDRED, LK_SCALE, LK_MULT, LK_AND };

static bool is_ord_suffix(const scan *sc, const nn_tok *w)
{
    return tok_word(sc, w, "st") || tok_word(sc, w, "nd") || tok_word(sc, w, "rd") ||
           tok_word(sc, w, "th");
}

/* Plural of an ordinal used as a denominator: "thirds", "fifths", "quarters" -> denominator. */
static int plural_ordinal(const scan *sc, const nn_tok *t)
{
    size_t len = t->e - t->s;
    if (t->kind != TK_WORD || len < 4 || len > 40 || lower(sc->s[t->e - 1]) != 's') {
        return 0;
    }
    char low[40];
    for (size_t k = 0; k + 1 < len; k++) {
        low[k] = lower(sc->s[t->s + k]);
    }
    const nn_entry *e = nn_lex_get(sc->lx, low, len - 1, 0);
    if (e && (e->roles & NL_ORD) && e->num >= 3) {
        return e->num;
    }
    if (e && (e->roles & NL_FRAC)) {
        return e->frac;
    }
    if (e && (e->roles & NL_ORDSCALE)) {
        return -e->scale; /* "hundredths", "millionths": a power of ten */
    }
    return 0;
}

/* Divide by a denominator from plural_ordinal (negative: a power of ten). */
static void div_den(nval *v, int den)
{
    if (den < 0) {
        if (v->ok) {
            v->e += den;
        }
    } else if (den > 0) {
        nv_div(v, (uint32_t)den);
    }
}

static nval scaled(nval v, int k)
{
    if (v.ok) {
        v.e += k;
    }
    return v;
}

/* Number expression at pos (a digit, a '.' before digits, or a word): digit literals, number
 * words, scale words and abbreviations, "and", hyphens between words, fractions. */
static bool parse_numexpr(const scan *sc, uint32_t pos, int flags, nexpr *x)
{
    memset(x, 0, sizeof *x);
    x->s = pos;
    nval total = nv_int(0), cur = nv_int(0);
    bool have = false, lead_a = false;
    int last = LK_NONE;
    int8_t big = 99;  /* last scale >= thousand applied, for descending order */
    uint32_t p = pos, end = pos;
    nn_tok t;
    for (int k = 0; k < 16; k++) {
        if (k == 0 && is_digit(sc->s[p])) {
            /* (parse_lit reads the digits itself: only the start and kind matter) */
            t.s = p;
            t.e = p + 1;
            t.kind = TK_DIGITS;
            t.ws = 0;
        } else {
            tok(sc, p, &t);
        }
        if (t.kind == TK_END || (k > 0 && t.ws == 2) || (k == 0 && t.s != pos)) {
            break;
        }
        bool leading_dot = k == 0 && tok_is(sc, &t, ".") && t.e < sc->n && is_digit(sc->s[t.e]);
        if (k == 0 && t.kind == TK_SYM) {
            uint32_t cp;
            int fn, fd;
            nn_cp_at(sc->s, sc->n, t.s, &cp);
            if (vulgar_fraction(cp, &fn, &fd)) {
                cur = nv_int((uint64_t)fn);
                nv_div(&cur, (uint32_t)fd);
                have = true;
                x->fraction = true;
                end = p = t.e;
                x->ntok++;
                last = LK_LIT;
                break;
            }
        }
        if (t.kind == TK_DIGITS || leading_dot) {
            if (have && !(last == LK_SCALE || last == LK_AND)) {
                break;
            }
            if (k > 0 && !t.ws) {
                break;
            }
            lit L;
            if (!parse_lit(sc, t.s, &L)) {
                if (k == 0) {
                    x->e = L.e > pos ? L.e : pos;
                    return false;
                }
                break;
            }
            if (!x->has_lit) {
                x->L = L;
                x->has_lit = true;
            }
            cur = nv_add(cur, L.v);
            have = true;
            last = LK_LIT;
            end = L.e;
            x->ntok++;
            /* Scientific notation and powers: "12.32e+14", "1.3x10^6", "1.1^23". */
            if (k == 0 && !L.grouped) {
                uint32_t se = sci_suffix(sc, &L, &cur);
                if (se) {
                    end = se;
                    x->sci = true;
                    x->ntok++;
                    break;
                }
            }
            /* A fraction after a whole number: "2½", "2 1/4" */
            if (L.plain && x->ntok == 1) {
                uint32_t cp;
                int fn = 0, fd = 0;
                uint32_t fl = L.e < sc->n ? nn_cp_at(sc->s, sc->n, L.e, &cp) : 0;
                uint32_t fe = 0;
                if (fl > 1 && vulgar_fraction(cp, &fn, &fd)) {
                    fe = L.e + fl;
                } else if (L.e + 4 <= sc->n && sc->s[L.e] == ' ') {
                    uint32_t b = L.e + 1 + (sc->s[L.e + 1] == ' ');
                    uint32_t q = b + 2;
                    int dd = 0;
                    bool shape = b + 3 <= sc->n && is_digit(sc->s[b]) && sc->s[b] != '0' &&
                                 sc->s[b + 1] == '/' && is_digit(sc->s[b + 2]);
                    while (shape && q < sc->n && is_digit(sc->s[q]) && dd < 100) {
                        dd = dd * 10 + (sc->s[q] - '0');
                        q++;
                    }
                    fn = shape ? sc->s[b] - '0' : 0;
                    if (shape && fn < dd && dd <= 16 &&
                        !(q < sc->n && (is_alnum(sc->s[q]) || sc->s[q] == '/'))) {
                        fd = dd;
                        fe = q;
                    }
                }
                if (fe) {
                    nval f = nv_int((uint64_t)fn);
                    nv_div(&f, (uint32_t)fd);
                    cur = nv_add(cur, f);
                    x->fraction = true;
                    end = fe;
                    x->ntok++;
                    break;
                }
            }
            /* Letters glued to the digits: a scale abbreviation or an ordinal suffix. */
            if (L.e < sc->n && is_alpha(sc->s[L.e])) {
                nn_tok w;
                tok(sc, L.e, &w);
                const nn_entry *ab = tok_entry(sc, &w, 1);
                if (ab && (ab->roles & NL_ABBR) && (ab->abbr_flags & AB_GLUE) &&
                    (!(ab->abbr_flags & AB_MONEY) || (flags & PX_MONEY)) &&
                    !(w.e < sc->n && is_alnum(sc->s[w.e]))) {
                    if (big != 99 && ab->scale >= big) {
                        x->glued_e = w.e;
                        break;
                    }
                    total = nv_add(total, scaled(cur, ab->scale));
                    cur = nv_int(0);
                    big = ab->scale;
                    x->scaled = true;
                    x->last_scale = ab->scale;
                    last = LK_SCALE;
                    end = w.e;
                    p = w.e;
                    continue;
                }
                if (L.plain && is_ord_suffix(sc, &w) && !(w.e < sc->n && is_alnum(sc->s[w.e])) &&
                    x->ntok == 1) {
                    x->ordinal = true;
                    end = w.e;
                    break;
                }
                x->glued_e = w.e;
                break;
            }
            p = end;
            continue;
        }
        if (t.kind == TK_SYM && k > 0 && tok_is_dash(sc, &t) &&
            (last == LK_TENS || last == LK_UNIT || last == LK_TEEN)) {
            /* "twenty-one", "one-third", "fifty - two" */
            nn_tok w;
            tok(sc, t.e, &w);
            const nn_entry *we = tok_entry(sc, &w, 0);
            bool ok = false;
            if (we && last == LK_TENS && (we->roles & (NL_NUM | NL_ORD)) && we->num >= 1 &&
                we->num <= 9) {
                ok = true;
            } else if (plural_ordinal(sc, &w) ||
                       (we && (we->roles & NL_ORD) && we->num >= 3 && cur.m == 1 && cur.e == 0) ||
                       (we && (we->roles & NL_FRAC) && cur.m == 1 && cur.e == 0)) {
                ok = true;
            }
            if (!ok || w.ws == 2) {
                break;
            }
            p = t.e;
            continue;
        }
        if (t.kind != TK_WORD) {
            break;
        }
        const nn_entry *e = tok_entry(sc, &t, 0);
        const nn_entry *ecs = NULL; /* the case-sensitive entry: only asked for below */
        if (k > 0 && !t.ws && !(sc->s[t.s - 1] == '-' || (unsigned char)sc->s[t.s - 1] == 0x93)) {
            break; /* glued to a previous word: not ours */
        }
        if (e && (e->roles & NL_NUM)) {
            int w = e->num;
            bool ok = !have || last == LK_AND || (last == LK_SCALE && cur.m == 0) ||
                      (last == LK_TENS && w >= 1 && w <= 9) ||
                      (last == LK_HUNDRED && w < 100 && w > 0);
            if (!ok) {
                if (last == LK_UNIT && x->ntok == 1 && cur.ok && cur.m == 1 && cur.e == 0 &&
                    cur.den == 1 && total.m == 0 && t.ws == 1) {
                    /* "one twenty-fifth", "one one hundred fifth": 1 over the ordinal */
                    nexpr y;
                    uint64_t yd;
                    if (parse_numexpr(sc, t.s, 0, &y) && y.ordinal && nv_uint(&y.v, 999999, &yd) &&
                        yd >= 3) {
                        nv_div(&cur, (uint32_t)yd);
                        x->fraction = true;
                        end = y.e;
                        x->ntok++;
                    }
                }
                break;
            }
            if (lead_a) {
                break;
            }
            cur = nv_add(cur, nv_int((uint64_t)w));
            have = true;
            x->words = true;
            last = w >= 20 && w % 10 == 0 ? LK_TENS : w >= 10 ? LK_TEEN : LK_UNIT;
            end = t.e;
            p = t.e;
            x->ntok++;
            continue;
        }
        if (e && (e->roles & NL_SCALE) && e->scale == 2) {
            if (!have && !lead_a) {
                break;
            }
            if (last == LK_HUNDRED || (last == LK_SCALE && cur.m == 0 && !lead_a) ||
                (cur.ok && cur.m && nv_double(cur) >= 100)) {
                break;
            }
            if (cur.m == 0) {
                cur = nv_int(1);
            }
            nv_mul(&cur, 100);
            have = true;
            x->words = true;
            lead_a = false;
            last = LK_HUNDRED;
            end = p = t.e;
            x->ntok++;
            continue;
        }
        const nn_entry *sce = NULL;
        if (e && (e->roles & NL_SCALE)) {
            sce = e;
        } else if (last == LK_LIT && (ecs = tok_entry(sc, &t, 1)) != NULL &&
                   (ecs->roles & NL_ABBR) &&
                   ((ecs->abbr_flags & AB_SEP) ||
                    ((ecs->abbr_flags & AB_MONEY) && (flags & PX_MONEY))) &&
                   last == LK_LIT) {
            sce = ecs;
        } else if (e && (e->roles & NL_ABBR) && (e->abbr_flags & AB_SEP) && last == LK_LIT) {
            sce = e;
        }
        if (sce) {
            if (!have && !lead_a) {
                break;
            }
            if (lead_a) {
                cur = nv_int(1);
                lead_a = false;
            }
            int s = sce->scale;
            if (cur.m == 0 && total.m != 0 && s > big) {
                total = scaled(total, s); /* "three lakh crore", "two thousand million" */
            } else if (big == 99 || s < big) {
                total = nv_add(total, scaled(cur, s));
                cur = nv_int(0);
            } else {
                break;
            }
            big = (int8_t)s;
            have = true;
            x->words |= (sce->roles & NL_SCALE) != 0;
            x->scaled = true;
            x->last_scale = (int8_t)s;
            last = LK_SCALE;
            end = p = t.e;
            x->ntok++;
            continue;
        }
        if (e && (e->roles & NL_MULT)) {
            if (!have && !lead_a) {
                break;
            }
            if (cur.m == 0) {
                cur = nv_int(1);
            }
            nv_mul(&cur, (uint64_t)e->num);
            lead_a = false;
            have = true;
            x->words = true;
            last = LK_MULT;
            end = p = t.e;
            x->ntok++;
            continue;
        }
        if (tok_word(sc, &t, "point") && have && x->words && !x->has_lit && total.m == 0 &&
            (last == LK_UNIT || last == LK_TEEN || last == LK_TENS || last == LK_HUNDRED)) {
            /* "nine point nought four", "three point five": digit words after "point" */
            nn_tok d;
            uint32_t q = t.e;
            nval frac = nv_int(0);
            int nd = 0;
            for (;;) {
                tok(sc, q, &d);
                const nn_entry *de = tok_entry(sc, &d, 0);
                if (d.ws != 1 || !de || !(de->roles & NL_NUM) || de->num > 9 || nd >= 12) {
                    break;
                }
                nv_mul(&frac, 10);
                frac = nv_add(frac, nv_int((uint64_t)de->num));
                nd++;
                q = d.e;
            }
            if (!nd) {
                tok(sc, q, &d);
                const nn_entry *de = tok_entry(sc, &d, 0);
                if (d.ws == 1 && de && (de->roles & NL_NUM) && de->num >= 10 && de->num <= 19) {
                    /* "point eleven": .11 */
                    frac = nv_int((uint64_t)de->num);
                    nd = 2;
                    q = d.e;
                }
            }
            if (!nd) {
                break;
            }
            frac.e -= nd;
            cur = nv_add(cur, frac);
            end = p = q;
            x->ntok++;
            break;
        }
        uint64_t cu;
        if (tok_word(sc, &t, "over") && have && total.m == 0 && nv_uint(&cur, 10, &cu) &&
            cu >= 1 && x->ntok == 1 && !lead_a) {
            /* "one over three", "1 over 20" */
            nn_tok d;
            tok(sc, t.e, &d);
            nexpr y;
            if (d.ws == 1 && (d.kind == TK_DIGITS || d.kind == TK_WORD) &&
                parse_numexpr(sc, d.s, 0, &y) && !y.ordinal && !y.fraction && !y.scaled &&
                y.v.ok && y.v.den == 1 && y.v.e >= 0 && y.v.m > 0 && !y.glued_e &&
                nv_double(y.v) > nv_double(cur) && nv_double(y.v) <= 1000) {
                nn_tok z;
                tok(sc, y.e, &z);
                const nn_entry *ze = tok_entry(sc, &z, 0);
                if (!(ze && (ze->roles & (NL_UNIT | NL_CUR | NL_PCT | NL_DUR))) &&
                    !tok_is(sc, &z, "%")) {
                    nv_div(&cur, (uint32_t)nv_double(y.v));
                    x->fraction = true;
                    x->words = true;
                    end = p = y.e;
                    x->ntok++;
                    break;
                }
            }
            break;
        }
        if (tok_word(sc, &t, "and") && have && !lead_a) {
            /* "one hundred and six", "6 crore and two hundred", "three and a half" */
            nn_tok a, b;
            tok(sc, t.e, &a);
            const nn_entry *ae = tok_entry(sc, &a, 0);
            if ((tok_word(sc, &a, "a") || tok_word(sc, &a, "one")) && a.ws != 2) {
                tok(sc, a.e, &b);
                const nn_entry *be = tok_entry(sc, &b, 0);
                uint32_t den = be && (be->roles & NL_FRAC) ? be->frac
                               : be && (be->roles & NL_ORD) && be->num >= 3 ? (uint32_t)be->num
                                                                            : 0;
                if (den && b.ws != 2) {
                    nval f = nv_int(1);
                    nv_div(&f, den);
                    uint32_t fe = b.e;
                    nn_tok c;
                    tok(sc, b.e, &c);
                    const nn_entry *cE = tok_entry(sc, &c, 0);
                    if (cE && (cE->roles & NL_SCALE) && cE->scale >= 3 && c.ws == 1 &&
                        big == 99 && total.m == 0) {
                        /* "one and a half million": (1 + 1/2) million */
                        total = scaled(nv_add(cur, f), cE->scale);
                        cur = nv_int(0);
                        big = cE->scale;
                        x->scaled = true;
                        x->last_scale = cE->scale;
                        last = LK_SCALE;
                        fe = c.e;
                    } else if (cE && (cE->roles & NL_SCALE) && cE->scale >= 3 && c.ws == 1 &&
                               (big == 99 || cE->scale < big)) {
                        /* "one billion and a half million": half of the next scale */
                        total = nv_add(total, scaled(f, cE->scale));
                        fe = c.e;
                    } else if (last == LK_SCALE) {
                        total = nv_add(total, scaled(f, x->last_scale));
                    } else {
                        cur = nv_add(cur, f);
                    }
                    x->fraction = true;
                    end = p = fe;
                    x->ntok++;
                    continue;
                }
            }
            if (ae && (ae->roles & NL_NUM) && a.ws != 2) {
                /* "and three quarters", "and fifty-four hundredths", "and one fourth",
                 * "one billion and three quarters million" */
                nexpr y;
                if (parse_numexpr(sc, a.s, 0, &y) && y.fraction && !y.scaled && y.v.ok) {
                    nval f = y.v;
                    uint32_t fe = y.e;
                    nn_tok c;
                    tok(sc, y.e, &c);
                    const nn_entry *cE = tok_entry(sc, &c, 0);
                    bool sc_next = cE && (cE->roles & NL_SCALE) && cE->scale >= 3 && c.ws == 1;
                    if (sc_next && big == 99 && total.m == 0) {
                        total = scaled(nv_add(cur, f), cE->scale);
                        cur = nv_int(0);
                        big = cE->scale;
                        x->scaled = true;
                        x->last_scale = cE->scale;
                        last = LK_SCALE;
                        fe = c.e;
                    } else if (sc_next && cE->scale < big) {
                        total = nv_add(total, scaled(f, cE->scale));
                        fe = c.e;
                    } else if (last == LK_SCALE) {
                        total = nv_add(total, scaled(f, x->last_scale));
                    } else {
                        cur = nv_add(cur, f);
                    }
                    x->fraction = true;
                    end = p = fe;
                    x->ntok++;
                    continue;
                }
            }
            if (last == LK_HUNDRED || last == LK_SCALE) {
                /* not "... and 0", not "3 hundred and 2 hundred" (two numbers) */
                nn_tok c;
                tok(sc, a.e, &c);
                const nn_entry *cE = tok_entry(sc, &c, 0);
                bool zero = (a.kind == TK_DIGITS && a.e - a.s == 1 && sc->s[a.s] == '0') ||
                            (ae && (ae->roles & NL_NUM) && ae->num == 0);
                /* "3 hundred and 2 hundred", "$5 million and 3 million": two numbers */
                bool rescale = cE && (cE->roles & NL_SCALE) && c.ws != 2 &&
                               ((last == LK_HUNDRED && cE->scale == 2) ||
                                (last == LK_SCALE && cE->scale >= big));
                /* digits after "and" only continue whole numbers: "4 thousand 3 hundred and
                 * 21", not "$4.1 billion and 1.005 million" */
                bool plain_digits = a.kind == TK_DIGITS && !(x->has_lit && !x->L.plain) &&
                                    !(a.e < sc->n && (sc->s[a.e] == '.' || sc->s[a.e] == ',') &&
                                      a.e + 1 < sc->n && is_digit(sc->s[a.e + 1]));
                if (!zero && !rescale &&
                    ((plain_digits && last == LK_SCALE) || (plain_digits && last == LK_HUNDRED) ||
                     (ae && (ae->roles & (NL_NUM | NL_ORD))))) {
                    last = LK_AND;
                    p = t.e;
                    continue;
                }
            }
            break;
        }
        if (e && (e->roles & (NL_ORD | NL_ORDSCALE)) && !lead_a) {
            if (!have) {
                if (k == 0 && (e->roles & NL_ORD)) {
                    cur = nv_int((uint64_t)e->num);
                    have = true;
                    x->ordinal = true;
                    x->words = true;
                    end = t.e;
                    x->ntok++;
                }
                break;
            }
            if (e->roles & NL_ORDSCALE) {
                if (last == LK_LIT) {
                    break;
                }
                if (cur.m == 0) {
                    cur = nv_int(1);
                }
                cur = scaled(cur, e->scale);
                x->ordinal = true;
                end = t.e;
                x->ntok++;
                break;
            }
            if ((last == LK_TENS && e->num <= 9) || last == LK_HUNDRED || last == LK_AND ||
                (last == LK_SCALE && cur.m == 0)) {
                cur = nv_add(cur, nv_int((uint64_t)e->num));
                x->ordinal = true;
                end = t.e;
                x->ntok++;
                break;
            }
            if ((last == LK_UNIT || last == LK_TEEN) && e->num >= 3 && cur.m == 1 && cur.e == 0 &&
                total.m == 0) {
                /* "one third", "one-fifth" */
                nv_div(&cur, (uint32_t)e->num);
                x->fraction = true;
                end = t.e;
                x->ntok++;
                break;
            }
            break;
        }
        if (have && !lead_a &&
            (last == LK_UNIT || last == LK_TEEN || last == LK_TENS ||
             (x->words && (last == LK_HUNDRED || last == LK_SCALE)))) {
            int den = plural_ordinal(sc, &t);
            if (den) {
                /* "two thirds", "five eighths", "fifty-four hundredths", "one million two
                 * thousand two hundred three fifths": the whole number over the denominator */
                cur = nv_add(total, cur);
                total = nv_int(0);
                div_den(&cur, den);
                x->fraction = true;
                end = t.e;
                x->ntok++;
                /* "two thirds of a million" */
                nn_tok o, a2, c;
                tok(sc, t.e, &o);
                tok(sc, o.e, &a2);
                tok(sc, a2.e, &c);
                const nn_entry *cE = tok_entry(sc, &c, 0);
                if (tok_word(sc, &o, "of") && (tok_word(sc, &a2, "a") || tok_word(sc, &a2, "an")) &&
                    cE && (cE->roles & NL_SCALE) && cE->scale >= 3 && o.ws == 1 && a2.ws == 1 &&
                    c.ws == 1) {
                    cur = scaled(cur, cE->scale);
                    x->scaled = true;
                    x->last_scale = cE->scale;
                    end = c.e;
                }
                break;
            }
        }
        if (e && (e->roles & NL_FRAC) && !have) {
            /* "half a million", "half a dozen", "a half", "quarter million", "a quarter" */
            nn_tok a, b;
            tok(sc, t.e, &a);
            uint32_t after = t.e;
            if ((tok_word(sc, &a, "a") || tok_word(sc, &a, "an")) && a.ws != 2) {
                tok(sc, a.e, &b);
                const nn_entry *be = tok_entry(sc, &b, 0);
                if (be && (be->roles & (NL_SCALE | NL_MULT)) && b.ws != 2) {
                    after = a.e;
                }
            }
            nval f = nv_int(1);
            nv_div(&f, e->frac);
            nn_tok c;
            tok(sc, after, &c);
            const nn_entry *ce = tok_entry(sc, &c, 0);
            if (ce && (ce->roles & NL_SCALE) && ce->scale >= 3 && c.ws != 2) {
                x->v = scaled(f, ce->scale);
                x->words = x->scaled = true;
                x->last_scale = ce->scale;
                x->e = c.e;
                x->ntok = 2;
                return true;
            }
            if (ce && (ce->roles & NL_MULT) && c.ws != 2) {
                nv_mul(&f, (uint64_t)ce->num);
                x->v = f;
                x->words = true;
                x->e = c.e;
                x->ntok = 2;
                return true;
            }
            cur = f;
            have = true;
            x->words = x->fraction = true;
            end = t.e;
            x->ntok++;
            break;
        }
        if (k == 0 && (tok_word(sc, &t, "a") || tok_word(sc, &t, "an"))) {
            nn_tok a;
            tok(sc, t.e, &a);
            const nn_entry *ae = tok_entry(sc, &a, 0);
            if (!ae || a.ws == 2) {
                break;
            }
            if (ae->roles & (NL_SCALE | NL_MULT)) {
                lead_a = true;
                p = t.e;
                continue;
            }
            if (ae->roles & NL_FRAC) {
                /* "a half", "a quarter": the fraction itself */
                nval f = nv_int(1);
                nv_div(&f, ae->frac);
                nn_tok c;
                tok(sc, a.e, &c);
                const nn_entry *ce = tok_entry(sc, &c, 0);
                if (ce && (ce->roles & NL_SCALE) && ce->scale >= 3 && c.ws != 2) {
                    f = scaled(f, ce->scale);
                    x->scaled = true;
                    x->last_scale = ce->scale;
                    a.e = c.e;
                }
                x->v = f;
                x->words = x->fraction = true;
                x->e = a.e;
                x->ntok = 2;
                return true;
            }
            if (ae->roles & NL_ORDSCALE) {
                /* "a hundredth", "a millionth" */
                nval f = nv_int(1);
                f.e = -ae->scale;
                x->v = f;
                x->words = x->fraction = true;
                x->e = a.e;
                x->ntok = 2;
                return true;
            }
            if ((ae->roles & NL_ORD) && ae->num >= 3) {
                /* "a third of", "a fifth" */
                nn_tok c;
                tok(sc, a.e, &c);
                if (tok_word(sc, &c, "of")) {
                    nval f = nv_int(1);
                    nv_div(&f, (uint32_t)ae->num);
                    x->v = f;
                    x->words = x->fraction = true;
                    x->e = a.e;
                    x->ntok = 2;
                    return true;
                }
            }
            break;
        }
        break;
    }
    if (!have) {
        return false;
    }
    x->v = nv_add(total, cur);
    x->e = end;
    x->single_lit = x->has_lit && x->ntok == 1 && !x->words && !x->scaled && !x->ordinal;
    return true;
}

static bool read_day(const scan *sc, uint32_t pos, int *day, uint32_t *end)
{
    nn_tok t;
    tok(sc, pos, &t);
    if (t.kind == TK_END || t.ws == 2) {
        return false;
    }
    nexpr x;
    if (t.kind == TK_DIGITS) {
        if (t.e - t.s > 2) {
            return false;
        }
        int d = 0;
        for (uint32_t k = t.s; k < t.e; k++) {
            d = d * 10 + (sc->s[k] - '0');
        }
        uint32_t e = t.e;
        if (e < sc->n && is_alpha(sc->s[e])) {
            nn_tok w;
            tok(sc, e, &w);
            if (!is_ord_suffix(sc, &w)) {
                return false;
            }
            e = w.e;
        } else if ((e + 1 < sc->n && sc->s[e] == '.' && is_digit(sc->s[e + 1])) ||
                   (e < sc->n && sc->s[e] == ',' && three_digits(sc, e + 1))) {
            return false;
        } else if (e < sc->n && sc->s[e] == '%') {
            return false;
        }
        if (d < 1 || d > 31) {
            return false;
        }
        /* "March 2 million", "May 5 percent": the number belongs to what follows. */
        nn_tok nx;
        tok(sc, e, &nx);
        const nn_entry *ne = tok_entry(sc, &nx, 0);
        const nn_entry *nce = tok_entry(sc, &nx, 1);
        if (nx.ws != 2 && ((ne && (ne->roles & (NL_SCALE | NL_PCT | NL_UNIT | NL_DUR))) ||
                           (nce && (nce->roles & (NL_ABBR | NL_UNIT))) ||
                           tok_is(sc, &nx, "%"))) {
            return false;
        }
        *day = d;
        *end = e;
        return true;
    }
    uint64_t dv;
    if (t.kind == TK_WORD && parse_numexpr(sc, t.s, 0, &x) && x.words && !x.scaled &&
        !x.fraction && nv_uint(&x.v, 31, &dv) && dv >= 1) {
        *day = (int)dv;
        *end = x.e;
        return true;
    }
    return false;
}

/* A year in words at pos: "nineteen ninety-nine", "nineteen zero one", "twenty twenty-one",
 * "nineteen hundred", "two thousand", "two thousand and five". \p century_only: only the
 * "nineteen ninety-nine" form (a count such as "two thousand" is likelier there). Only when
 * no word follows ("two thousand people" is a count). */
static bool read_year_words(const scan *sc, uint32_t pos, bool century_only, int *year,
                            uint32_t *end)
{
    nn_tok a, b, c, z;
    tok(sc, pos, &a);
    const nn_entry *ae = a.kind == TK_WORD && a.ws != 2 ? tok_entry(sc, &a, 0) : NULL;
    if (!ae || !(ae->roles & NL_NUM)) {
        return false;
    }
    int y = 0;
    uint32_t e = 0;
    nexpr x;
    uint64_t v;
    if (!century_only && parse_numexpr(sc, a.s, 0, &x) && x.words && !x.has_lit && !x.ordinal &&
        !x.fraction && nv_uint(&x.v, 2999, &v) && v >= 1000) {
        y = (int)v;
        e = x.e;
    } else if (ae->num >= 10 && ae->num <= 29 && !(ae->roles & NL_ORD)) {
        /* the century as a number (ten .. twenty-nine), then the year in the century */
        tok(sc, a.e, &b);
        const nn_entry *be = b.kind == TK_WORD && b.ws == 1 ? tok_entry(sc, &b, 0) : NULL;
        if (!be || !(be->roles & NL_NUM)) {
            return false;
        }
        int yy = -1;
        e = b.e;
        if (be->num == 0) {
            /* "nineteen zero one", "nineteen nought five" */
            tok(sc, b.e, &c);
            const nn_entry *ce = c.kind == TK_WORD && c.ws == 1 ? tok_entry(sc, &c, 0) : NULL;
            if (ce && (ce->roles & NL_NUM) && !(ce->roles & NL_ORD) && ce->num >= 1 &&
                ce->num <= 9) {
                yy = ce->num;
                e = c.e;
            }
        } else if (be->num >= 10 && be->num <= 90 && !(be->roles & NL_ORD)) {
            yy = be->num;
            if (yy >= 20 && yy % 10 == 0) {
                /* "ninety-nine", "ninety nine" */
                tok(sc, b.e, &c);
                uint32_t up = 0;
                if (tok_is_dash(sc, &c) && c.ws == 0) {
                    up = c.e;
                    tok(sc, up, &c);
                    if (c.ws != 0) {
                        up = 0;
                    }
                } else if (c.ws == 1) {
                    up = c.s;
                }
                const nn_entry *ce = up && c.kind == TK_WORD ? tok_entry(sc, &c, 0) : NULL;
                if (ce && (ce->roles & NL_NUM) && !(ce->roles & NL_ORD) && ce->num >= 1 &&
                    ce->num <= 9) {
                    yy += ce->num;
                    e = c.e;
                }
            }
        }
        if (yy < 0) {
            return false;
        }
        y = ae->num * 100 + yy;
    } else {
        return false;
    }
    if (y < 1000 || y > 2999) {
        return false;
    }
    tok(sc, e, &z);
    if (!(z.kind == TK_END || z.ws == 2 ||
          (z.kind == TK_SYM && (tok_is(sc, &z, ".") || tok_is(sc, &z, ",") ||
                                tok_is(sc, &z, ";") || tok_is(sc, &z, ":") ||
                                tok_is(sc, &z, "!") || tok_is(sc, &z, "?") ||
                                tok_is(sc, &z, ")"))))) {
        return false;
    }
    *year = y;
    *end = e;
    return true;
}

/* ---- Currency ---------------------------------------------------------------------------- */

static const char *resolve_currency(const scan *sc, const nn_entry *e)
{
    if (e->cur_code) {
        return e->cur_code;
    }
    if (e->cur_class < 0 || (uint32_t)e->cur_class >= sc->lx->n_classes) {
        return NULL;
    }
    const nn_class *c = &sc->lx->classes[e->cur_class];
    if (sc->country) {
        for (uint32_t k = c->first_cc; k < (uint32_t)c->first_cc + c->n_cc; k++) {
            const char *cc = sc->lx->cc[k].country; /* two letters, NUL */
            if (cc[0] == sc->country[0] && cc[1] == sc->country[1] && !sc->country[2]) {
                return sc->lx->cc[k].code;
            }
        }
    }
    return c->def;
}

typedef struct curm {
    const nn_entry *e;
    uint32_t s, end;
    int8_t scale;             /* "MUSD", "kEUR": the code carries a scale (power of ten) */
} curm;

/* A currency form at pos. \p prefix: before the amount (codes and symbols only);
 * \p strong: the amount has decimals or a scale (lets "wordlike" codes such as ALL count). */
static bool match_currency(const scan *sc, uint32_t pos, bool prefix, bool strong, curm *cm)
{
    lexm lm;
    cm->scale = 0;
    if (!lex_longest(sc, pos, NL_CUR, &lm)) {
        /* Finance shorthand: "MUSD", "MEUR", "MAUD" (millions), "kEUR", "KUSD" (thousands) */
        if (pos + 4 <= sc->n && (sc->s[pos] == 'M' || sc->s[pos] == 'k' || sc->s[pos] == 'K') &&
            !(pos + 4 < sc->n && is_alpha(sc->s[pos + 4])) &&
            (pos == 0 || !is_alnum(sc->s[pos - 1]))) {
            const nn_entry *ce = nn_lex_get(sc->lx, sc->s + pos + 1, 3, 1);
            if (ce && (ce->roles & NL_CUR) && ce->cur_kind == CK_CODE &&
                !(ce->cur_flags & CF_WORDLIKE) && is_alpha(sc->s[pos + 1]) &&
                sc->s[pos + 1] >= 'A' && sc->s[pos + 1] <= 'Z') {
                cm->e = ce;
                cm->s = pos;
                cm->end = pos + 4;
                cm->scale = sc->s[pos] == 'M' ? 6 : 3;
                return true;
            }
        }
        return false;
    }
    const nn_entry *e = lm.e;
    if (e->cur_kind == CK_CODE) {
        if ((e->cur_flags & CF_WORDLIKE) && !strong) {
            return false;
        }
        /* A code is a word of its own: not "USDA", not "EURO-" */
        if (lm.end < sc->n && is_alpha(sc->s[lm.end])) {
            return false;
        }
        if (!prefix && lm.end < sc->n && is_digit(sc->s[lm.end])) {
            return false; /* "3 USD50": the code belongs to the amount after it */
        }
    } else if (e->cur_kind == CK_SYM) {
        if (lm.end < sc->n && is_alpha(sc->s[lm.end]) && is_alpha(sc->s[lm.end - 1])) {
            return false; /* "Rsx", "RMB" is its own code */
        }
        if (!prefix && lm.end < sc->n && is_digit(sc->s[lm.end])) {
            return false; /* "3 USD50": the code belongs to the amount after it */
        }
    } else {
        if (prefix) {
            return false;
        }
        if (lm.end < sc->n && is_alpha(sc->s[lm.end])) {
            return false;
        }
        if ((e->cur_flags & CF_WEAK) && !strong) {
            return false;
        }
    }
    cm->e = e;
    cm->s = pos;
    cm->end = lm.end;
    return true;
}

/* ---- Emission of a number with what follows it ----------------------------------------- */

static bool is_year_like(const nexpr *x)
{
    return x->single_lit && x->L.plain && x->L.int_digits == 4 && x->L.ival >= 1000 &&
           x->L.ival <= 2099 && !x->glued_e;
}

/* Modifier words right before pos: "about", "more than", "at least"... */
static uint8_t lookback_mod(const scan *sc, uint32_t pos)
{
    nn_tok w1, w2, w3;
    /* The word before, by its first and last letters and length, without reading it. */
    const unsigned char *u = (const unsigned char *)sc->s;
    uint32_t i = pos;
    while (i > 0 && (u[i - 1] == ' ' || u[i - 1] == '\t')) {
        i--;
    }
    uint32_t end = i;
    while (i > 0 && is_alpha((char)u[i - 1]) && end - i < 40) {
        i--;
    }
    if (i == end) {
        return MOD_NONE;
    }
    uint32_t wl = end - i;
    if (!(sc->lx->modfl[(u[i] | 0x20) - 'a'][(u[end - 1] | 0x20) - 'a'] &
          (1u << (wl < 31 ? wl : 31)))) {
        return MOD_NONE;
    }
    if (!prev_word(sc, pos, &w1) ||
        !(sc->lx->modtail[(w1.hash_lc & 1023) >> 5] & (1u << (w1.hash_lc & 31)))) {
        return MOD_NONE;
    }
    char key[96];
    size_t kl = 0;
    /* Longer keys only when the word before is one of theirs ("more" of "more than"). */
    bool have2 = prev_word(sc, w1.s, &w2) &&
                 (sc->lx->modword[(w2.hash_lc & 1023) >> 5] & (1u << (w2.hash_lc & 31)));
    bool have3 = have2 && prev_word(sc, w2.s, &w3);
    /* Longest first: three words, two words, one word. */
    for (int n = have3 ? 3 : have2 ? 2 : 1; n >= 1; n--) {
        uint32_t from = n == 3 ? w3.s : n == 2 ? w2.s : w1.s;
        if (w1.e - from >= sizeof key) {
            continue;
        }
        kl = 0;
        bool sp = false;
        for (uint32_t q = from; q < w1.e; q++) {
            char c = sc->s[q];
            if (c == ' ' || c == '\t') {
                sp = true;
                continue;
            }
            if (sp && kl) {
                key[kl++] = ' ';
            }
            sp = false;
            key[kl++] = lower(c);
        }
        const nn_entry *e = nn_lex_get(sc->lx, key, kl, 0);
        if (e && (e->roles & NL_MOD)) {
            return e->mod;
        }
    }
    return MOD_NONE;
}

/* Skip an identifier run (letters, digits, hyphens, dots between digits): "G20", "COVID-19",
 * "A320neo", "F-16", "192.168.1.1". */
static uint32_t skip_ident(const scan *sc, uint32_t i)
{
    while (i < sc->n) {
        char c = sc->s[i];
        if (is_alnum(c)) {
            i++;
        } else if ((c == '-' || c == '.' || c == '/' || c == ':') && i + 1 < sc->n &&
                   is_alnum(sc->s[i + 1])) {
            i++;
        } else {
            break;
        }
    }
    return i;
}

static const char *dur_text(scan *sc, const nexpr *x, const char *dur)
{
    char num[48];
    if (!nv_text(x->v, false, num, sizeof num)) {
        return NULL;
    }
    if (dur[0] == 'E' || dur[0] == 'C') {
        nval v = x->v;
        v.e += dur[0] == 'E' ? 1 : 2;
        if (!nv_text(v, false, num, sizeof num)) {
            return NULL;
        }
        return arena_printf(sc, "P%sY", num);
    }
    if (dur[0] == 'T') {
        return arena_printf(sc, "PT%s%c", num, dur[1] == 'H' ? 'H' : dur[1] == 'M' ? 'M' : 'S');
    }
    return arena_printf(sc, "P%s%c", num, dur[0]);
}

/* A weekday right before a date that starts at pos ("Monday, 28 November"): the mention
 * starts there. */
static uint32_t weekday_before(const scan *sc, uint32_t pos)
{
    uint32_t i = pos;
    while (i > 0 && sc->s[i - 1] == ' ') {
        i--;
    }
    if (i > 0 && sc->s[i - 1] == ',') {
        i--;
    }
    nn_tok w;
    if (!prev_word(sc, i, &w) || w.s < sc->last_end) {
        return pos;
    }
    const nn_entry *e = tok_entry(sc, &w, 0);
    if (e && (e->roles & NL_WEEKDAY) && (w.cap || !(e->cal_flags & CAL_ABBR))) {
        return w.s;
    }
    return pos;
}

/* "N units ago": the publication date moved back, at the unit's precision. */
static const char *ago_text(scan *sc, uint64_t nunits, const char *dur)
{
    if (!have_pub(sc) || nunits > 5000) {
        return NULL;
    }
    int64_t days = days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
    int y, m, d;
    switch (dur[0]) {
    case 'D':
        civil_from_days(days - (int64_t)nunits, &y, &m, &d);
        return date_text(sc, y, m, d);
    case 'W':
        civil_from_days(days - 7 * (int64_t)nunits, &y, &m, &d);
        return date_text(sc, y, m, d);
    case 'M': {
        int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) - (int64_t)nunits;
        return date_text(sc, (int)(mm / 12), (int)(mm % 12) + 1, 0);
    }
    case 'Y':
        return date_text(sc, sc->py - (int)nunits, 0, 0);
    case 'E':
        return date_text(sc, sc->py - 10 * (int)nunits, 0, 0);
    default:
        return NULL;
    }
}

static bool future_cue(const scan *sc, uint32_t pos);
static int tense_at(const scan *sc, uint32_t s, uint32_t e);

/* Calendar units of a duration unit ("Y", "M", "W", "D"), 0 for others. */
static int cal_unit(const char *dur)
{
    return (dur[0] == 'Y' || dur[0] == 'M' || dur[0] == 'W' || dur[0] == 'D') && !dur[1]
               ? dur[0]
               : 0;
}

static bool small_int(const nval *v, uint64_t max)
{
    return v->ok && v->den == 1 && v->e >= 0 && nv_double(*v) <= (double)max;
}

/* "2 years 1 month 21 days (ago)", "1 month, 21 days ago", and "in 3 weeks" in a sentence about
 * the future: calendar arithmetic from published_at (the day of month clamped), else a compound
 * ISO 8601 duration. \p ue: end of the first unit. @returns the end, or 0 when it is a plain
 * duration for the caller. */
static uint32_t compound_duration(scan *sc, const nexpr *x, const nn_entry *te, uint32_t ms,
                                  uint32_t ue, bool neg)
{
    int u = cal_unit(te->dur);
    if (!u || neg || !small_int(&x->v, 5000)) {
        return 0;
    }
    int64_t amt[4] = {0, 0, 0, 0}; /* years, months, weeks, days */
    const char *units = "YMWD";
    int last = (int)(strchr(units, u) - units);
    amt[last] = (int64_t)nv_double(x->v);
    uint32_t end = ue;
    int parts = 1;
    for (int k = 0; k < 3; k++) {
        nn_tok a, b;
        tok(sc, end, &a);
        if (tok_is(sc, &a, ",") && a.ws == 0) {
            tok(sc, a.e, &a);
        } else if (tok_word(sc, &a, "and") && a.ws == 1) {
            tok(sc, a.e, &a);
        }
        nexpr y;
        if (a.ws != 1 || (a.kind != TK_DIGITS && a.kind != TK_WORD) ||
            !parse_numexpr(sc, a.s, 0, &y) || y.ordinal || y.fraction || y.glued_e ||
            !small_int(&y.v, 5000)) {
            break;
        }
        tok(sc, y.e, &b);
        const nn_entry *be = tok_entry(sc, &b, 0);
        int bu = be && (be->roles & NL_DUR) && b.ws == 1 ? cal_unit(be->dur) : 0;
        int bi = bu ? (int)(strchr(units, bu) - units) : -1;
        if (bi <= last || (b.e < sc->n && is_alpha(sc->s[b.e]))) {
            break; /* units must get smaller: "2 years 1 month" */
        }
        amt[bi] = (int64_t)nv_double(y.v);
        last = bi;
        end = b.e;
        parts++;
    }
    nn_tok ago, pw;
    tok(sc, end, &ago);
    bool is_ago = tok_word(sc, &ago, "ago") && ago.ws == 1;
    bool in_future = parts == 1 && prev_word(sc, ms, &pw) && tok_word(sc, &pw, "in") &&
                     pw.s >= sc->last_end && future_cue(sc, ms);
    if ((is_ago && parts > 1) || in_future) {
        if (!sc->ctx->relative_dates || !have_pub(sc)) {
            return is_ago ? ago.e : 0;
        }
        int sign = is_ago ? -1 : 1;
        int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) + sign * (amt[0] * 12 + amt[1]);
        int y = (int)(mm / 12), mo = (int)(mm % 12) + 1;
        int d = sc->pd <= days_in_month(y, mo) ? sc->pd : days_in_month(y, mo);
        int64_t days = days_from_civil(y, (unsigned)mo, (unsigned)d) +
                       sign * (amt[2] * 7 + amt[3]);
        civil_from_days(days, &y, &mo, &d);
        const char *v = amt[2] || amt[3] ? date_text(sc, y, mo, d)
                        : amt[1]          ? date_text(sc, y, mo, 0)
                                          : date_text(sc, y, 0, 0);
        uint32_t s0 = is_ago ? ms : pw.s;
        uint32_t e0 = is_ago ? ago.e : end;
        emit_date(sc, s0, e0, v);
        return e0;
    }
    if (parts == 1) {
        return 0;
    }
    char buf[64];
    size_t bl = (size_t)snprintf(buf, sizeof buf, "P");
    for (int k = 0; k < 4 && bl < sizeof buf - 24; k++) {
        if (amt[k]) {
            bl += (size_t)snprintf(buf + bl, sizeof buf - bl, "%lld%c", (long long)amt[k],
                                   units[k]);
        }
    }
    ment m;
    memset(&m, 0, sizeof m);
    m.s = ms;
    m.e = end;
    m.label = "DATE";
    m.vtext = nf_arena_strndup(&sc->doc->arena, buf, bl);
    emit(sc, &m);
    return end;
}

/* "82 pounds" is a weight unless something says money: a scale ("681 million pounds"), pence
 * precision ("2.50 pounds"), "sterling" after it, or a British dateline. The words weigh/weighed
 * before it always mean weight. */
static bool pound_weight(const scan *sc, const nexpr *x, const curm *cm)
{
    const nn_entry *e = cm->e;
    if (e->cur_kind != CK_WORD || e->cur_class < 0 ||
        strcmp(sc->lx->classes[e->cur_class].name, "pound") != 0) {
        return false;
    }
    size_t kl = e->key_len;
    if (!(kl == 5 || kl == 6) || memcmp(e->key, "pound", 5) != 0) {
        return false; /* "Egyptian pounds", "pounds sterling" */
    }
    uint32_t lo = x->s > 80 ? x->s - 80 : 0;
    for (uint32_t i = lo; i + 5 <= x->s; i++) {
        if ((i == 0 || !is_alpha(sc->s[i - 1])) && lower(sc->s[i]) == 'w' &&
            strncmp(sc->s + i + 1, "eigh", 4) == 0) {
            return true;
        }
    }
    if (x->scaled || (x->has_lit && x->L.decimal && x->L.v.e == -2)) {
        return false;
    }
    if (sc->country && strcmp(sc->country, "GB") == 0) {
        return false;
    }
    return true;
}

/* Subunits written as a bare number after the main unit: "15 dollars and 50", "thirteen
 * dollars forty five", "15 USD 50 more", "$ 100 and fifty" (the minor unit left unsaid).
 * Only when nothing that would own the number follows it (a noun, a unit, a percent sign).
 * @returns the new end and adds the cents to \p m, or 0. */
static uint32_t bare_cents(const scan *sc, ment *m, uint32_t pos)
{
    nn_tok a, b, z;
    tok(sc, pos, &a);
    if (a.ws != 1) {
        return 0;
    }
    b = a;
    if (tok_word(sc, &a, "and")) {
        tok(sc, a.e, &b);
        if (b.ws != 1) {
            return 0;
        }
    }
    const nn_entry *be = tok_entry(sc, &b, 0);
    if (!(b.kind == TK_DIGITS && b.e - b.s <= 2) && !(be && (be->roles & NL_NUM))) {
        return 0;
    }
    nexpr c;
    if (!parse_numexpr(sc, b.s, 0, &c) || c.ordinal || c.fraction || c.scaled || c.glued_e ||
        !c.v.ok || c.v.den != 1 || c.v.e < 0 || c.v.m == 0 || nv_double(c.v) >= 100 ||
        (c.has_lit && !c.L.plain)) {
        return 0;
    }
    tok(sc, c.e, &z);
    bool tail = z.kind == TK_END || z.ws == 2 || tok_word(sc, &z, "and") ||
                tok_word(sc, &z, "more") || tok_word(sc, &z, "only") || tok_word(sc, &z, "each") ||
                (z.kind == TK_SYM && (tok_is(sc, &z, ".") || tok_is(sc, &z, ",") ||
                                      tok_is(sc, &z, ";") || tok_is(sc, &z, "!") ||
                                      tok_is(sc, &z, "?") || tok_is(sc, &z, ")")));
    if (!tail) {
        return 0;
    }
    nval cents = c.v;
    nv_div(&cents, 100);
    m->v = nv_add(m->v, cents);
    return c.e;
}

/* The mention for a number expression \p x, given what follows it. \p pre: a currency read
 * before the amount (may be NULL); \p ms: where the mention starts (the currency, a minus sign).
 * @returns where scanning continues. */
static uint32_t finish(scan *sc, nexpr *x, const curm *pre, uint32_t ms, bool neg)
{
    ment m;
    memset(&m, 0, sizeof m);
    m.s = ms;
    m.e = x->e;
    m.v = x->v;
    m.neg = neg;
    m.has_v = x->v.ok;
    nn_tok t, u;
    uint32_t p = x->e;
    bool range = false;
    nexpr y;
    bool strong = x->scaled || (x->has_lit && (x->L.decimal || x->L.grouped));

    /* A proportion: "two out of five hundred", "3 out of 10" -> one CARDINAL, the quotient. */
    if (!pre && p + 8 < sc->n && sc->s[p] == ' ' && lower(sc->s[p + 1]) == 'o' &&
        lower(sc->s[p + 2]) == 'u' && !x->ordinal && !x->fraction && !x->glued_e && !x->sci &&
        x->v.ok && x->v.den == 1 && x->v.e >= 0 && !neg) {
        nn_tok o, f;
        tok(sc, p, &o);
        tok(sc, o.e, &f);
        if (tok_word(sc, &o, "out") && o.ws == 1 && tok_word(sc, &f, "of") && f.ws == 1) {
            tok(sc, f.e, &u);
            nexpr d;
            if (u.ws == 1 && (u.kind == TK_DIGITS || (u.kind == TK_WORD && x->words)) &&
                parse_numexpr(sc, u.s, 0, &d) && !d.ordinal && !d.fraction && !d.glued_e &&
                d.v.ok && d.v.den == 1 && d.v.e >= 0 && d.v.m > 0 &&
                nv_double(d.v) >= nv_double(x->v) && nv_double(d.v) < 4e9) {
                nn_tok z;
                tok(sc, d.e, &z);
                /* "hundreds" after "five": "five hundreds" is 500 here */
                uint32_t de = d.e;
                double dv = nv_double(d.v);
                if (z.ws == 1 && d.words && tok_word(sc, &z, "hundreds") && dv < 10) {
                    dv *= 100;
                    de = z.e;
                }
                m.label = "CARDINAL";
                m.v = x->v;
                nv_div(&m.v, (uint32_t)dv);
                m.has_v = m.v.ok;
                m.e = de;
                m.mod = lookback_mod(sc, ms);
                emit(sc, &m);
                return de;
            }
        }
    }

    /* A range: "1.2-1.5 billion", "10-15%", "10 to 15 percent", "$1.2 billion-$1.5 billion". */
    if (!x->ordinal && !x->fraction && !x->glued_e && !x->sci) {
        tok(sc, p, &t);
        bool dash = tok_is_dash(sc, &t) && t.ws != 2;
        bool to = tok_word(sc, &t, "to") && t.ws == 1;
        nn_tok bw;
        if (tok_word(sc, &t, "and") && t.ws == 1 && prev_word(sc, ms, &bw) &&
            tok_word(sc, &bw, "between")) {
            to = true; /* "between $300 and 400 billion" */
        }
        if (dash || to) {
            uint32_t q = t.e;
            tok(sc, q, &u);
            curm c2;
            if (pre && u.ws != 2 && match_currency(sc, u.s, true, true, &c2) &&
                c2.e == pre->e) {
                q = c2.end;
                tok(sc, q, &u);
            }
            bool ok_start = (u.kind == TK_DIGITS && x->has_lit && (!dash || !u.ws || t.ws)) ||
                            (u.kind == TK_WORD && x->words && !x->has_lit);
            if (ok_start && u.ws != 2 && parse_numexpr(sc, u.s, pre ? PX_MONEY : 0, &y) &&
                !y.ordinal && !y.fraction && y.v.ok && x->v.ok) {
                nval lo = x->v;
                if (!x->scaled && y.scaled) {
                    lo = scaled(lo, y.last_scale);
                }
                if (nv_double(lo) < nv_double(y.v) && !(is_year_like(x) && y.single_lit)) {
                    range = true;
                    m.v = lo;
                    m.vmax = y.v;
                    m.has_max = true;
                    p = y.e;
                    strong = strong || y.scaled || (y.has_lit && (y.L.decimal || y.L.grouped));
                    x->glued_e = y.glued_e;
                    x->scaled = x->scaled || y.scaled;
                }
            }
        }
    }
    m.e = p;
    m.mod = lookback_mod(sc, ms);

    /* Letters glued to the digits: a currency ("115USD", "100元"), a unit ("15km", "300MW"),
     * a decade ("1990s"), or an identifier ("5G", "4K", "3D") that is no number at all. */
    if (x->glued_e) {
        curm cm;
        lexm lm;
        if (!pre && match_currency(sc, p, false, true, &cm)) {
            m.label = "MONEY";
            m.currency = resolve_currency(sc, cm.e);
            m.e = cm.end;
            if (cm.e->cur_kind == CK_MINOR) {
                nv_div(&m.v, 100);
                nv_div(&m.vmax, 100);
            }
            emit(sc, &m);
            return m.e;
        }
        if (!pre && lex_longest(sc, p, NL_UNIT, &lm) && (lm.e->unit_flags & UF_GLUE) &&
            !(lm.end < sc->n && is_alnum(sc->s[lm.end]))) {
            m.label = "QUANTITY";
            m.unit = lm.e->unit;
            m.e = lm.end;
            emit(sc, &m);
            return m.e;
        }
        nn_tok gw;
        tok(sc, p, &gw);
        const nn_entry *gm = tok_entry(sc, &gw, 0);
        if (!pre && gm && (gm->roles & NL_MONTH) && x->single_lit && x->L.plain &&
            x->L.ival >= 1 && x->L.ival <= 31 && x->L.int_digits <= 2 &&
            !(gw.e < sc->n && is_alnum(sc->s[gw.e]))) {
            /* "22april", "28Nov" */
            uint32_t q = gw.e;
            int year = 0;
            opt_year(sc, &q, &year);
            if (!year) {
                year = infer_year(sc, gm->month, (int)x->L.ival);
            }
            emit_date(sc, ms, q, date_text(sc, year, gm->month, (int)x->L.ival));
            return q;
        }
        if (!pre && x->single_lit && x->L.plain && x->glued_e == p + 1 && lower(sc->s[p]) == 's' &&
            (x->L.int_digits == 4 || x->L.int_digits == 2) && x->L.ival % 10 == 0) {
            /* "1990s", "the 1990s", "the '90s", "1800s" */
            uint64_t y0 = x->L.ival;
            uint32_t s0 = ms;
            if (s0 > 0 && (sc->s[s0 - 1] == '\'' ||
                           (s0 >= 3 && (unsigned char)sc->s[s0 - 3] == 0xE2 &&
                            (unsigned char)sc->s[s0 - 2] == 0x80 &&
                            (unsigned char)sc->s[s0 - 1] == 0x99))) {
                s0 -= sc->s[s0 - 1] == '\'' ? 1 : 3;
            }
            if (x->L.int_digits == 2) {
                y0 += (sc->py >= 2000 && (int)y0 + 2000 <= sc->py) ? 2000 : 1900;
            }
            nn_tok pw;
            if (prev_word(sc, s0, &pw) && tok_word(sc, &pw, "the") && pw.s >= sc->last_end) {
                s0 = pw.s;
            }
            const char *v = y0 % 100 == 0 && y0 < 2000
                                ? arena_printf(sc, "%02dXX", (int)(y0 / 100))
                                : arena_printf(sc, "%03dX", (int)(y0 / 10));
            emit_date(sc, s0, p + 1, v);
            return p + 1;
        }
        if (!pre) {
            return skip_ident(sc, x->s);
        }
    }

    tok(sc, p, &t);
    bool next_ok = t.kind != TK_END && t.ws != 2;

    if (pre) {
        m.label = "MONEY";
        m.currency = resolve_currency(sc, pre->e);
        if (pre->scale && !x->scaled) {
            m.v = scaled(m.v, pre->scale);
            m.vmax = scaled(m.vmax, pre->scale);
        }
        /* "$ 10 dollars", "US$ 5 million dollars": the redundant word belongs to the mention */
        curm cm;
        if (next_ok && match_currency(sc, t.s, false, true, &cm) && cm.e->cur_kind == CK_WORD) {
            m.e = cm.end;
        }
        if (!range && !x->scaled && !(x->has_lit && !x->L.plain)) {
            uint32_t ce = bare_cents(sc, &m, m.e);
            if (ce) {
                m.e = ce;
            }
        }
        emit(sc, &m);
        return m.e;
    }

    uint64_t xd = 0; /* the value when it can be a day of the month, else 0 */
    if (!nv_uint(&x->v, 31, &xd)) {
        xd = 0;
    }
    if (x->ordinal && next_ok && tok_word(sc, &t, "of") && xd >= 1) {
        /* "the 20th of next month", "31st of this month" */
        nn_tok a, b;
        tok(sc, t.e, &a);
        tok(sc, a.e, &b);
        const nn_entry *ae = tok_entry(sc, &a, 0);
        if (ae && (ae->roles & NL_RELMOD) && ae->rel >= -1 && tok_word(sc, &b, "month") &&
            a.ws == 1 && b.ws == 1) {
            if (sc->ctx->relative_dates && have_pub(sc)) {
                int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) + ae->rel;
                nn_tok pw;
                uint32_t s0 = ms;
                if (prev_word(sc, s0, &pw) && tok_word(sc, &pw, "the") && pw.s >= sc->last_end) {
                    s0 = pw.s;
                }
                emit_date(sc, s0, b.e, date_text(sc, (int)(mm / 12), (int)(mm % 12) + 1, (int)xd));
            }
            return b.e;
        }
    }
    if (x->ordinal) {
        /* "28th of November", "twenty second of June" */
        int mon = 0;
        uint32_t q = p;
        if (next_ok && tok_word(sc, &t, "of")) {
            tok(sc, t.e, &u);
            const nn_entry *me = tok_entry(sc, &u, 0);
            if (me && (me->roles & NL_MONTH) && u.ws != 2) {
                mon = me->month;
                q = u.e;
                if (q < sc->n && sc->s[q] == '.' && (me->cal_flags & CAL_ABBR)) {
                    q++;
                }
            }
        } else if (next_ok) {
            const nn_entry *me = tok_entry(sc, &t, 0);
            if (me && (me->roles & NL_MONTH) && (t.cap || !(me->cal_flags & CAL_WEAK))) {
                mon = me->month;
                q = t.e;
                if (q < sc->n && sc->s[q] == '.' && (me->cal_flags & CAL_ABBR)) {
                    q++;
                }
            }
        }
        if (mon && xd >= 1) {
            int year = 0;
            opt_year(sc, &q, &year);
            if (!year) {
                year = infer_year(sc, mon, (int)xd);
            }
            nn_tok pw;
            uint32_t s0 = ms;
            if (prev_word(sc, s0, &pw) && tok_word(sc, &pw, "the") && pw.s >= sc->last_end) {
                s0 = pw.s;
            }
            if (xd > (uint64_t)days_in_month(year ? year : 2000, mon)) {
                m.label = "ORDINAL"; /* "the 31st of June" is no date */
                emit(sc, &m);
                return m.e;
            }
            emit_date(sc, s0, q, date_text(sc, year, mon, (int)xd));
            return q;
        }
        /* "on the 27th", "for the 22nd", "on 22nd": a day of the publication month (without
         * published_at, of no known month), only when no noun follows ("the 22nd
         * Amendment", "the 27th floor") */
        nn_tok pw;
        if (x->has_lit && !x->words && xd >= 1 && !range &&
            (t.kind == TK_END || t.ws == 2 ||
             (t.kind == TK_SYM && (tok_is(sc, &t, ".") || tok_is(sc, &t, ",") ||
                                   tok_is(sc, &t, "!") || tok_is(sc, &t, "?") ||
                                   tok_is(sc, &t, ";") || tok_is(sc, &t, ")")))) &&
            prev_word(sc, ms, &pw) && pw.s >= sc->last_end &&
            (tok_word(sc, &pw, "the") || tok_word(sc, &pw, "on"))) {
            uint32_t s0 = tok_word(sc, &pw, "the") ? pw.s : ms;
            if (sc->ctx->relative_dates && have_pub(sc)) {
                if (xd <= (uint64_t)days_in_month(sc->py, sc->pm)) {
                    emit_date(sc, s0, m.e, date_text(sc, sc->py, sc->pm, (int)xd));
                    return m.e;
                }
            } else {
                emit_date(sc, s0, m.e, arena_printf(sc, "XXXX-XX-%02d", (int)xd));
                return m.e;
            }
        }
        m.label = "ORDINAL";
        emit(sc, &m);
        return m.e;
    }

    /* PERCENT: "12%", "34.1 percent", "3.5 per cent", "0.25 percentage points", "50 bps" */
    if (next_ok && (tok_is(sc, &t, "%") || tok_is(sc, &t, "\xEF\xBC\x85"))) {
        m.label = "PERCENT";
        m.e = t.e;
        emit(sc, &m);
        return m.e;
    }
    lexm lm;
    if (next_ok && lex_longest(sc, t.s, NL_PCT, &lm) &&
        !(lm.end < sc->n && is_alpha(sc->s[lm.end]))) {
        m.label = "PERCENT";
        m.e = lm.end;
        if (lm.e->pct == PCT_PP) {
            m.unit = "pp";
        } else if (lm.e->pct == PCT_BP) {
            m.unit = "pp";
            nv_div(&m.v, 100);
            nv_div(&m.vmax, 100);
        }
        emit(sc, &m);
        return m.e;
    }
    if (next_ok && x->fraction && (tok_word(sc, &t, "point") || tok_word(sc, &t, "points"))) {
        /* "a quarter point", "half a point" (of an interest rate) */
        m.label = "PERCENT";
        m.unit = "pp";
        m.e = t.e;
        emit(sc, &m);
        return m.e;
    }

    /* MONEY after the amount: "3 million euros", "120 billion tenge", "KZT" after, "34 cents",
     * "75 USD million" (the scale after the code). */
    curm cm;
    bool cur_after = next_ok && match_currency(sc, t.s, false, strong, &cm);
    if (cur_after && cm.e->cur_kind == CK_SYM) {
        /* A symbol with an amount after it is that amount's: "1 $ 10 dollars" */
        nn_tok as;
        tok(sc, cm.end, &as);
        cur_after = !(as.ws <= 1 && as.kind == TK_DIGITS);
        if (!cur_after) {
            /* unless that amount has the same symbol after it: "10 $ 30 $" */
            nexpr ny;
            nn_tok ys;
            if (parse_numexpr(sc, as.s, 0, &ny)) {
                tok(sc, ny.e, &ys);
                cur_after = ys.ws <= 1 && ys.e - ys.s == cm.end - cm.s &&
                            memcmp(sc->s + ys.s, sc->s + cm.s, cm.end - cm.s) == 0;
            }
        }
    }
    if (cur_after && !pound_weight(sc, x, &cm)) {
        const nn_entry *ce = cm.e;
        m.label = "MONEY";
        m.currency = resolve_currency(sc, ce);
        m.e = cm.end;
        if (cm.scale && !x->scaled) {
            m.v = scaled(m.v, cm.scale);
            m.vmax = scaled(m.vmax, cm.scale);
        }
        if (ce->cur_kind == CK_MINOR) {
            nv_div(&m.v, 100);
            nv_div(&m.vmax, 100);
        } else if (ce->cur_kind == CK_SAT) {
            m.v = scaled(m.v, -8);
            m.vmax = scaled(m.vmax, -8);
        } else {
            nn_tok a;
            tok(sc, cm.end, &a);
            const nn_entry *ae = tok_entry(sc, &a, 0);
            if (ce->cur_kind == CK_CODE && !x->scaled && ae && (ae->roles & NL_SCALE) &&
                ae->scale >= 3 && a.ws == 1) {
                m.v = scaled(m.v, ae->scale);
                m.vmax = scaled(m.vmax, ae->scale);
                m.e = a.e;
            } else if ((ce->cur_kind == CK_WORD || ce->cur_kind == CK_CODE) && !range &&
                       a.ws == 1 &&
                       (tok_word(sc, &a, "and") || a.kind == TK_DIGITS ||
                        (ae && (ae->roles & NL_NUM)))) {
                /* "thirteen dollars (and) forty-five cents" */
                nn_tok b = a;
                if (tok_word(sc, &a, "and")) {
                    tok(sc, a.e, &b);
                }
                nexpr c;
                curm cc;
                bool minor = false;
                if (b.ws == 1 && parse_numexpr(sc, b.s, 0, &c) && !c.ordinal && !c.fraction &&
                    c.v.ok && nv_double(c.v) < 100) {
                    tok(sc, c.e, &b);
                    if (b.ws == 1 && match_currency(sc, b.s, false, false, &cc) &&
                        cc.e->cur_kind == CK_MINOR) {
                        nval cents = c.v;
                        nv_div(&cents, 100);
                        m.v = nv_add(m.v, cents);
                        m.e = cc.end;
                        minor = true;
                    }
                }
                if (!minor && !x->scaled && !(x->has_lit && !x->L.plain)) {
                    uint32_t ce2 = bare_cents(sc, &m, cm.end);
                    if (ce2) {
                        m.e = ce2;
                    }
                }
            }
        }
        emit(sc, &m);
        return m.e;
    }

    /* Hyphenated adjectives: "3,000-strong", "25-year-old", "15-kilometre", "12-cent",
     * "three-day". */
    if (t.kind == TK_SYM && tok_is(sc, &t, "-") && t.ws == 0 && t.e < sc->n &&
        is_alpha(sc->s[t.e])) {
        tok(sc, t.e, &u);
        const nn_entry *ue = tok_entry(sc, &u, 0);
        const nn_entry *uc = tok_entry(sc, &u, 1);
        if (ue && (ue->roles & NL_DUR) && x->v.ok) {
            uint32_t e = u.e;
            nn_tok a, b;
            tok(sc, e, &a);
            tok(sc, a.e, &b);
            if (tok_is(sc, &a, "-") && a.ws == 0 && tok_word(sc, &b, "old") && b.ws == 0) {
                e = b.e;
            }
            const char *v = dur_text(sc, x, ue->dur);
            if (v) {
                ment d = m;
                d.label = ue->dur[0] == 'T' ? "TIME" : "DATE";
                d.vtext = v;
                d.has_v = false;
                d.e = e;
                emit(sc, &d);
                return e;
            }
        }
        if (((ue && (ue->roles & NL_UNIT)) || (uc && (uc->roles & NL_UNIT))) &&
            !(u.e < sc->n && sc->s[u.e] == '-' && u.e + 1 < sc->n && is_alpha(sc->s[u.e + 1]) &&
              !(ue && (ue->roles & NL_UNIT)))) {
            m.label = "QUANTITY";
            m.unit = (uc && (uc->roles & NL_UNIT)) ? uc->unit : ue->unit;
            m.e = u.e;
            emit(sc, &m);
            return m.e;
        }
        if (ue && (ue->roles & NL_PCT)) {
            m.label = "PERCENT";
            m.e = u.e;
            if (ue->pct != PCT_PERCENT) {
                m.unit = "pp";
            }
            emit(sc, &m);
            return m.e;
        }
        if (ue && (ue->roles & NL_CUR) && ue->cur_kind != CK_CODE) {
            m.label = "MONEY";
            m.currency = resolve_currency(sc, ue);
            m.e = u.e;
            if (ue->cur_kind == CK_MINOR) {
                nv_div(&m.v, 100);
            }
            emit(sc, &m);
            return m.e;
        }
        /* "3,000-strong", "10-member": the number alone, as a CARDINAL below. */
    }

    /* Day and month: "28 November 2023", "28 Nov", "22april", "1-jan", "16. nov. 2016". */
    if (x->single_lit && x->L.plain && x->L.int_digits <= 2 && x->L.ival >= 1 &&
        x->L.ival <= 31 && !range) {
        uint32_t q = p;
        nn_tok w = t;
        if ((tok_is(sc, &t, "-") || tok_is(sc, &t, ".") || tok_is(sc, &t, "/")) && t.ws == 0) {
            tok(sc, t.e, &w);
            if (w.ws) {
                if (!tok_is(sc, &t, ".")) {
                    w.kind = TK_END;
                }
            }
        } else if (tok_word(sc, &t, "of")) {
            tok(sc, t.e, &w);
        }
        const nn_entry *me = w.kind == TK_WORD && w.ws != 2 ? tok_entry(sc, &w, 0) : NULL;
        if (me && (me->roles & NL_MONTH) &&
            (w.cap || !(me->cal_flags & CAL_WEAK) || w.ws == 0) &&
            !(w.e < sc->n && is_alpha(sc->s[w.e]))) {
            q = w.e;
            if (q < sc->n && sc->s[q] == '.' && (me->cal_flags & CAL_ABBR)) {
                q++;
            }
            int year = 0;
            opt_year(sc, &q, &year);
            int d = (int)x->L.ival;
            if (!year) {
                year = infer_year_tense(sc, me->month, d, tense_at(sc, ms, q));
            }
            emit_date(sc, weekday_before(sc, ms), q, date_text(sc, year, me->month, d));
            return q;
        }
    }

    /* QUANTITY: "7 tonnes", "40,000 barrels per day", "2.5 million cubic metres", "300 MW" */
    if (next_ok && t.ws && lex_longest(sc, t.s, NL_UNIT, &lm) &&
        !(lm.end < sc->n && is_alnum(sc->s[lm.end])) &&
        (!(lm.e->unit_flags & UF_CS) || lm.e->cs)) {
        m.label = "QUANTITY";
        m.unit = lm.e->unit;
        m.e = lm.end;
        emit(sc, &m);
        return m.e;
    }

    /* "two Sundays from now", "three Fridays ago": the Nth such weekday after (before) the
     * publication date */
    uint64_t nwd;
    if (next_ok && t.kind == TK_WORD && t.ws == 1 && !range && !neg && t.e - t.s >= 7 &&
        t.e - t.s <= 10 && lower(sc->s[t.e - 1]) == 's' && lower(sc->s[t.e - 2]) == 'y' &&
        lower(sc->s[t.e - 3]) == 'a' && lower(sc->s[t.e - 4]) == 'd' &&
        nv_uint(&x->v, 52, &nwd) && nwd >= 1) {
        nn_tok st = t;
        st.e--;
        st.hash_lc = NN_HASH_INIT;
        for (uint32_t k = st.s; k < st.e; k++) {
            st.hash_lc = nn_hash_step(st.hash_lc, (unsigned char)lower(sc->s[k]));
        }
        const nn_entry *we = tok_entry(sc, &st, 0);
        nn_tok a, b;
        tok(sc, t.e, &a);
        tok(sc, a.e, &b);
        bool ago = tok_word(sc, &a, "ago") && a.ws == 1;
        bool from_now = tok_word(sc, &a, "from") && a.ws == 1 && b.ws == 1 &&
                        (tok_word(sc, &b, "now") || tok_word(sc, &b, "today"));
        if (we && (we->roles & NL_WEEKDAY) && !(we->cal_flags & CAL_ABBR) && (ago || from_now)) {
            uint32_t e = ago ? a.e : b.e;
            if (sc->ctx->relative_dates && have_pub(sc)) {
                int64_t base = days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
                int wd = weekday_of(base);
                int64_t delta = ago ? -(int64_t)((wd - we->weekday + 7) % 7)
                                    : (int64_t)((we->weekday - wd + 7) % 7);
                if (delta == 0) {
                    delta = ago ? -7 : 7;
                }
                int64_t day = base + delta + (ago ? -7 : 7) * (int64_t)(nwd - 1);
                int ry, rm, rd;
                civil_from_days(day, &ry, &rm, &rd);
                emit_date(sc, ms, e, date_text(sc, ry, rm, rd));
            }
            return e;
        }
    }

    /* Durations: "three years" -> P3Y, "six months" -> P6M, "5 hours" -> TIME PT5H;
     * "two years ago" -> a date when published_at is known. */
    const nn_entry *te = next_ok ? tok_entry(sc, &t, 0) : NULL;
    if (te && (te->roles & NL_DUR) && !range && x->v.ok && !(t.e < sc->n && is_alpha(sc->s[t.e]))) {
        uint32_t r = compound_duration(sc, x, te, ms, t.e, neg);
        if (r) {
            return r;
        }
        nn_tok a;
        tok(sc, t.e, &a);
        if (tok_word(sc, &a, "ago") && a.ws == 1) {
            uint64_t nu;
            if (sc->ctx->relative_dates && nv_uint(&x->v, 5000, &nu) && !neg) {
                const char *v = ago_text(sc, nu, te->dur);
                if (v) {
                    emit_date(sc, ms, a.e, v);
                    return a.e;
                }
            }
            return a.e;
        }
        /* "two days from tomorrow", "three weeks from now", "two days before yesterday" */
        nn_tok b;
        tok(sc, a.e, &b);
        const nn_entry *be = tok_entry(sc, &b, 0);
        bool from = tok_word(sc, &a, "from") || tok_word(sc, &a, "after");
        bool before = tok_word(sc, &a, "before");
        uint64_t nu;
        if ((from || before) && a.ws == 1 && b.ws == 1 && nv_uint(&x->v, 1000, &nu) &&
            (te->dur[0] == 'D' || te->dur[0] == 'W') &&
            ((be && (be->roles & NL_REL)) || tok_word(sc, &b, "now"))) {
            if (sc->ctx->relative_dates && have_pub(sc)) {
                int64_t days = (int64_t)nu * (te->dur[0] == 'W' ? 7 : 1);
                int64_t base = days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd) +
                               (be && (be->roles & NL_REL) ? be->rel : 0);
                int ry, rm, rd;
                civil_from_days(before ? base - days : base + days, &ry, &rm, &rd);
                emit_date(sc, ms, b.e, date_text(sc, ry, rm, rd));
            }
            return b.e;
        }
        const char *v = dur_text(sc, x, te->dur);
        if (v) {
            m.label = te->dur[0] == 'T' ? "TIME" : "DATE";
            m.vtext = v;
            m.has_v = false;
            m.e = t.e;
            if (tok_word(sc, &a, "old") && a.ws == 1 && te->dur[0] == 'Y') {
                m.e = a.e; /* "14 years old" */
            }
            emit(sc, &m);
            return m.e;
        }
    }

    /* Names and numbers that are not quantities: "Boeing 737", "Windows 11", "No. 10". */
    nn_tok pw;
    if (x->has_lit && !x->scaled && !x->words && prev_word(sc, ms, &pw) && pw.cap &&
        !sc->title_case) {
        const nn_entry *pe = tok_entry(sc, &pw, 0);
        uint32_t keep = NL_FUNC | NL_PREP | NL_MONTH | NL_WEEKDAY | NL_MOD | NL_DET | NL_RELMOD |
                        NL_NUM | NL_NEG;
        bool capword = !(pe && (pe->roles & keep));
        if (capword && ms > pw.e && ms - pw.e == 1) {
            return skip_ident(sc, x->s);
        }
    }
    if (x->has_lit && ms >= 1) {
        uint32_t i = ms;
        while (i > 0 && sc->s[i - 1] == ' ') {
            i--;
        }
        if (i > 0 && sc->s[i - 1] == '#') {
            return skip_ident(sc, x->s);
        }
        if (i > 0 && sc->s[i - 1] == '.' && prev_word(sc, i - 1, &pw) &&
            (tok_word(sc, &pw, "no") || tok_word(sc, &pw, "nos") || tok_word(sc, &pw, "vol") ||
             tok_word(sc, &pw, "art") || tok_word(sc, &pw, "p") || tok_word(sc, &pw, "pp") ||
             tok_word(sc, &pw, "ch") || tok_word(sc, &pw, "sec"))) {
            return x->e > x->s ? x->e : skip_ident(sc, x->s);
        }
    }

    /* Military/UTC clock times: "1700 UTC", "0300 GMT" */
    if (x->single_lit && x->L.plain && x->L.int_digits == 4 && !range && next_ok &&
        (tok_is(sc, &t, "UTC") || tok_is(sc, &t, "GMT") || tok_is(sc, &t, "Z")) &&
        x->L.ival % 100 < 60 && x->L.ival / 100 <= 24) {
        m.label = "TIME";
        m.has_v = false;
        m.vtext = arena_printf(sc, "T%02d:%02d", (int)(x->L.ival / 100), (int)(x->L.ival % 100));
        m.e = t.e;
        emit(sc, &m);
        return m.e;
    }
    /* Leading zeros ("007", "0300") make codes and clock readings, not counts. */
    if (x->single_lit && x->L.plain && x->L.int_digits >= 2 && sc->s[x->L.s] == '0') {
        return x->e;
    }
    /* A year: "in 2022", "2019 was", "the 2020 elections" - not "2000 people". */
    if (is_year_like(x) && !range && !neg) {
        uint32_t pr = prev_roles(sc, ms, &pw);
        bool prep = (pr & (NL_PREP | NL_MONTH)) != 0 || tok_word(sc, &pw, "the");
        bool counted = m.mod != MOD_NONE;
        if (!prep && !counted && next_ok && t.kind == TK_WORD && !t.cap &&
            lower(sc->s[t.e - 1]) == 's' && !(te && (te->roles & (NL_PREP | NL_DUR)))) {
            counted = true; /* "2000 people" */
        }
        if ((prep && !counted) || (!counted && x->L.ival >= 1900)) {
            emit_date(sc, ms, m.e, arena_printf(sc, "%04d", (int)x->L.ival));
            return m.e;
        }
    }

    m.label = "CARDINAL";
    emit(sc, &m);
    return m.e;
}

/* ---- Triggers ---------------------------------------------------------------------------- */

/* Digits at p (at most max_len of them), by hand. @returns how many, 0 when none or more. */
static int read_digits(const scan *sc, uint32_t p, int max_len, int *value)
{
    int v = 0, l = 0;
    while (p + (uint32_t)l < sc->n && is_digit(sc->s[p + l])) {
        if (++l > max_len) {
            return 0;
        }
        v = v * 10 + (sc->s[p + l - 1] - '0');
    }
    *value = v;
    return l;
}

/* Month and day written with digits at pos, without a year: "7/6", "4-22", "4.22", "22/04"
 * (one or two digits each, '/' '-' or '.' between, nothing glued after that would make it a
 * decimal, a version or a full date). A day above 12 decides the order, else date_order.
 * \p ambiguous: both parts could be the month. @returns the end, 0 when it is no such date. */
static uint32_t numeric_md(const scan *sc, uint32_t pos, int *mo, int *d, bool *ambiguous)
{
    const char *s = sc->s;
    int a, b;
    int la = read_digits(sc, pos, 2, &a);
    uint32_t p = pos + (uint32_t)la;
    if (!la || p + 1 >= sc->n || (s[p] != '/' && s[p] != '-' && s[p] != '.')) {
        return 0;
    }
    char sep = s[p];
    int lb = read_digits(sc, p + 1, 2, &b);
    if (!lb) {
        return 0;
    }
    p += 1 + (uint32_t)lb;
    if (p < sc->n &&
        (is_alnum(s[p]) || s[p] == '%' ||
         ((s[p] == sep || s[p] == '/' || s[p] == '-' || s[p] == '.' || s[p] == ',' ||
           s[p] == ':') &&
          p + 1 < sc->n && is_digit(s[p + 1])))) {
        return 0;
    }
    bool dmy = sc->ctx->dmy;
    if (a > 12 && b <= 12) {
        dmy = true;
    } else if (b > 12 && a <= 12) {
        dmy = false;
    }
    *mo = dmy ? b : a;
    *d = dmy ? a : b;
    *ambiguous = a <= 12 && b <= 12;
    /* (no year: February has its 29th) */
    if (*mo < 1 || *mo > 12 || *d < 1 || *d > days_in_month(2000, *mo)) {
        return 0;
    }
    return p;
}

/* "2019-sep-1", "2019/Sep/01": year, month name, day with the same separator. @returns the end
 * after emitting the date, or 0. */
static uint32_t year_monthname_day(scan *sc, uint32_t i)
{
    const char *s = sc->s;
    int y, d;
    if (read_digits(sc, i, 4, &y) != 4 || y < 1000 || y > 2999) {
        return 0;
    }
    uint32_t p = i + 4;
    if (p + 2 >= sc->n || (s[p] != '-' && s[p] != '/') || !is_alpha(s[p + 1])) {
        return 0;
    }
    char sep = s[p];
    nn_tok w;
    tok(sc, p + 1, &w);
    const nn_entry *me = tok_entry(sc, &w, 0);
    uint32_t q = w.e;
    if (!me || !(me->roles & NL_MONTH) || q + 1 >= sc->n || s[q] != sep) {
        return 0;
    }
    int ld = read_digits(sc, q + 1, 2, &d);
    uint32_t e = q + 1 + (uint32_t)ld;
    if (!ld || d < 1 || d > days_in_month(y, me->month) ||
        (e < sc->n && (is_alnum(s[e]) || ((s[e] == sep || s[e] == '.') && e + 1 < sc->n &&
                                          is_digit(s[e + 1]))))) {
        return 0;
    }
    emit_date(sc, i, e, date_text(sc, y, me->month, d));
    return e;
}

/* Numeric dates, year ranges, clock times, fractions and identifiers made of digit groups:
 * "2023-11-28", "28/11/2023", "13.5.2015", "2019-2020", "2019/20", "10:30", "3/4",
 * "+1-222-2222". @returns the end of what was read, or 0 to let the number parser try. */
static uint32_t try_digit_groups(scan *sc, uint32_t i)
{
    const char *s = sc->s;
    uint32_t n = sc->n;
    uint32_t gs[5], ge[5];
    char sep = 0;
    int k = 0;
    uint32_t p = i;
    bool mixed = false;
    while (k < 5) {
        gs[k] = p;
        while (p < n && is_digit(s[p])) {
            p++;
        }
        ge[k] = p;
        k++;
        if (p + 1 < n && (s[p] == '-' || s[p] == '/' || s[p] == '.' || s[p] == ':') &&
            is_digit(s[p + 1])) {
            if (sep && s[p] != sep) {
                mixed = true;
            }
            if (!sep) {
                sep = s[p];
            }
            p++;
            continue;
        }
        if (p + 4 < n && (unsigned char)s[p] == 0xE2 && (unsigned char)s[p + 1] == 0x80 &&
            (unsigned char)s[p + 2] == 0x93 && is_digit(s[p + 3]) && k == 1) {
            sep = '-'; /* en dash */
            p += 3;
            continue;
        }
        break;
    }
    if (k == 1) {
        return ge[0] - gs[0] == 4 && p + 1 < n && (s[p] == '-' || s[p] == '/') &&
                       is_alpha(s[p + 1])
                   ? year_monthname_day(sc, i)
                   : 0;
    }
    uint32_t end = ge[k - 1];
    int len[5];
    long v[5];
    for (int j = 0; j < k; j++) {
        len[j] = (int)(ge[j] - gs[j]);
        v[j] = -1;
        if (len[j] <= 9) {
            v[j] = 0;
            for (uint32_t q = gs[j]; q < ge[j]; q++) {
                v[j] = v[j] * 10 + (s[q] - '0');
            }
        }
    }
    bool tail_alpha = end < n && is_alpha(s[end]);
    bool tail_num = end + 1 < n && (s[end] == '.' || s[end] == ',') && is_digit(s[end + 1]);
    if (k == 3 && !mixed && !tail_num && !tail_alpha && sep != ':') {
        int y = 0, mo = 0, d = 0;
        if (len[0] == 4 && len[1] <= 2 && len[2] <= 2) {
            y = (int)v[0];
            mo = (int)v[1];
            d = (int)v[2];
        } else if (len[0] <= 2 && len[1] <= 2 && (len[2] == 4 || len[2] == 2)) {
            int a = (int)v[0], b = (int)v[1];
            y = (int)v[2];
            if (len[2] == 2) {
                y += y < 50 ? 2000 : 1900;
            }
            bool dmy = sep == '.' || sc->ctx->dmy;
            if (a > 12 && b <= 12) {
                dmy = true;
            } else if (b > 12 && a <= 12) {
                dmy = false;
            }
            mo = dmy ? b : a;
            d = dmy ? a : b;
        }
        if (y >= 1000 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= days_in_month(y, mo)) {
            emit_date(sc, i, end, date_text(sc, y, mo, d));
            return end;
        }
    }
    if (k == 2 && sep == '/' && len[0] <= 2 && len[1] <= 2 && end + 2 < n && s[end] == ',') {
        /* "08/12,2015", "08/12, 2015", "08/12,15": month and day, then the year */
        uint32_t yp = end + 1 + (s[end + 1] == ' ');
        int y, a = (int)v[0], b = (int)v[1];
        int ly = read_digits(sc, yp, 4, &y);
        uint32_t ye = yp + (uint32_t)ly;
        bool ok = (ly == 4 && y >= 1000 && y <= 2999) || (ly == 2 && yp == end + 1);
        if (ok && !(ye < n && (is_alnum(s[ye]) || ((s[ye] == '.' || s[ye] == ',') &&
                                                   ye + 1 < n && is_digit(s[ye + 1]))))) {
            if (ly == 2) {
                y += y < 50 ? 2000 : 1900;
            }
            bool dmy = sc->ctx->dmy;
            if (a > 12 && b <= 12) {
                dmy = true;
            } else if (b > 12 && a <= 12) {
                dmy = false;
            }
            int mo = dmy ? b : a, d = dmy ? a : b;
            if (mo >= 1 && mo <= 12 && d >= 1 && d <= days_in_month(y, mo)) {
                emit_date(sc, i, ye, date_text(sc, y, mo, d));
                return ye;
            }
        }
    }
    if (k == 2 && sep == ':' && tail_alpha && end + 2 <= n &&
        (lower(s[end]) == 'a' || lower(s[end]) == 'p') && lower(s[end + 1]) == 'm' &&
        !(end + 2 < n && is_alnum(s[end + 2])) && len[0] <= 2 && len[1] == 2 && v[0] >= 1 &&
        v[0] <= 12 && v[1] < 60) {
        int hh = (int)(v[0] % 12) + (lower(s[end]) == 'p' ? 12 : 0);
        ment m;
        memset(&m, 0, sizeof m);
        m.s = i;
        m.e = end + 2;
        m.label = "TIME";
        m.vtext = arena_printf(sc, "T%02d:%02d", hh, (int)v[1]);
        emit(sc, &m);
        return end + 2;
    }
    if (k == 2 && !mixed && !tail_alpha && !tail_num) {
        if ((sep == '-' || sep == '/') && len[0] == 4 && v[0] >= 1000 && v[0] <= 2099 &&
            (len[1] == 4 || len[1] == 2)) {
            long y2 = v[1];
            if (len[1] == 2) {
                y2 += v[0] / 100 * 100;
                if (y2 <= v[0]) {
                    y2 += 100;
                }
            }
            bool ok = y2 > v[0] && y2 - v[0] <= (len[1] == 2 ? 10 : 100);
            /* "2019-20" followed by a percent sign or a unit is not a date */
            nn_tok t;
            tok(sc, end, &t);
            if (tok_is(sc, &t, "%")) {
                ok = false;
            }
            if (ok) {
                emit_date(sc, i, end, arena_printf(sc, "%04ld/%04ld", v[0], y2));
                return end;
            }
        }
        if (sep == ':' && len[0] <= 2 && len[1] == 2 && v[0] <= 24 && v[1] < 60) {
            /* "10:30", "10:30 a.m." */
            int hh = (int)v[0];
            uint32_t e = end;
            nn_tok t;
            tok(sc, end, &t);
            if (t.ws <= 1 && (tok_word(sc, &t, "am") || tok_word(sc, &t, "pm") ||
                              tok_word(sc, &t, "a") || tok_word(sc, &t, "p"))) {
                bool pm = lower(s[t.s]) == 'p';
                e = t.e;
                if (t.e - t.s == 1) {
                    /* "a.m." */
                    if (e + 2 < n && s[e] == '.' && lower(s[e + 1]) == 'm' && s[e + 2] == '.') {
                        e += 3;
                    } else {
                        e = end;
                        pm = false;
                        hh = (int)v[0];
                    }
                }
                if (e != end && hh <= 12) {
                    hh = pm ? (hh % 12) + 12 : hh % 12;
                }
            }
            ment m;
            memset(&m, 0, sizeof m);
            m.s = i;
            m.e = e;
            m.label = "TIME";
            m.vtext = arena_printf(sc, "T%02d:%02d", hh, (int)v[1]);
            emit(sc, &m);
            return e;
        }
        if ((sep == '/' || sep == '-' || sep == '.') && len[0] <= 2 && len[1] <= 2) {
            nn_tok nx;
            /* A month and day: after "on" ("on 4/22", "on 4.22"), or with a slash and a day
             * above 12 that leaves one reading ("22/04", "4/22", "2/29"; not "24/7"). Never
             * "3/4", "3-1", "7.5" alone: fractions, scores and decimals. A weekday before it
             * is read by try_weekday. */
            int mo, d;
            bool amb;
            bool on = false;
            {
                /* "on" right before (as prev_word would read it), without tokenizing */
                uint32_t b = i;
                while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t')) {
                    b--;
                }
                on = b >= 2 && b < i && lower(s[b - 1]) == 'n' && lower(s[b - 2]) == 'o' &&
                     (b == 2 || (!is_alnum(s[b - 3]) && (unsigned char)s[b - 3] < 0x80));
            }
            if ((on || (sep == '/' && v[0] != v[1])) && numeric_md(sc, i, &mo, &d, &amb) == end) {
                tok(sc, end, &nx);
                const nn_entry *ne = tok_entry(sc, &nx, 0);
                bool quantity =
                    tok_is(sc, &nx, "%") ||
                    (ne && (ne->roles & (NL_SCALE | NL_UNIT | NL_PCT | NL_CUR | NL_DUR)));
                /* (alone, not before a noun: "a 1/20 scale model") */
                bool noun_next = nx.kind == TK_WORD && nx.ws != 2 && !nx.cap &&
                                 !(ne && (ne->roles & (NL_PREP | NL_FUNC | NL_DET)));
                if (!quantity &&
                    (on || (sep == '/' && !amb && !noun_next && !(v[0] == 24 && v[1] == 7) &&
                            !(i > 0 && (s[i - 1] == '/' || s[i - 1] == '.' || s[i - 1] == '-' ||
                                        s[i - 1] == '$' || s[i - 1] == '#'))))) {
                    int y = infer_year(sc, mo, d);
                    if (y && d > days_in_month(y, mo)) {
                        y = 0; /* "2/29" in a year without one: leave the year out */
                    }
                    emit_date(sc, i, end, date_text(sc, y, mo, d));
                    return end;
                }
            }
            if (sep == '.') {
                return 0; /* a decimal number */
            }
            if (sep != '/') {
                return 0;
            }
            bool common_den = v[1] == 2 || v[1] == 3 || v[1] == 4 || v[1] == 5 || v[1] == 8 ||
                              v[1] == 10 || v[1] == 16;
            if (v[0] >= 1 && v[0] < v[1] && common_den && s[gs[0]] != '0') {
                ment m;
                memset(&m, 0, sizeof m);
                m.s = i;
                m.e = end;
                m.label = "CARDINAL";
                m.v = nv_int((uint64_t)v[0]);
                nv_div(&m.v, (uint32_t)v[1]);
                m.has_v = m.v.ok;
                emit(sc, &m);
                return end;
            }
            return skip_ident(sc, i); /* "24/7", "9/11", "50/50" */
        }
        return 0;
    }
    if (sep == '.' && !mixed && len[0] <= 3) {
        bool groups = true;
        for (int j = 1; j < k; j++) {
            groups = groups && len[j] == 3;
        }
        if (groups) {
            return 0; /* European thousands: "2.345.678" */
        }
    }
    if (k >= 3 && (sep == '-' || sep == '.' || sep == '/' || sep == ':' || mixed)) {
        return skip_ident(sc, i); /* phone numbers, addresses, versions, codes */
    }
    return 0;
}

/* Clock times with am/pm: "6am", "6 a.m.", "11 pm" (after the number parser said "6"). */
static bool try_ampm(scan *sc, const nexpr *x, uint32_t ms)
{
    if (!x->single_lit || !x->L.plain || x->L.ival < 1 || x->L.ival > 12) {
        return false;
    }
    uint32_t p = x->glued_e ? x->L.e : x->e;
    nn_tok t;
    tok(sc, p, &t);
    if (t.ws > 1 || t.kind != TK_WORD) {
        return false;
    }
    uint32_t e;
    bool pm;
    if (tok_word(sc, &t, "am") || tok_word(sc, &t, "pm")) {
        e = t.e;
        pm = lower(sc->s[t.s]) == 'p';
        if (t.ws == 1 && !t.cap && tok_word(sc, &t, "am")) {
            return false; /* "6 am" is fine, but "I am" never follows a number... keep strict */
        }
    } else if ((tok_word(sc, &t, "a") || tok_word(sc, &t, "p")) && t.e + 2 < sc->n &&
               sc->s[t.e] == '.' && lower(sc->s[t.e + 1]) == 'm' && sc->s[t.e + 2] == '.') {
        e = t.e + 3;
        pm = lower(sc->s[t.s]) == 'p';
    } else {
        return false;
    }
    if (e < sc->n && is_alnum(sc->s[e])) {
        return false;
    }
    int hh = (int)(x->L.ival % 12) + (pm ? 12 : 0);
    ment m;
    memset(&m, 0, sizeof m);
    m.s = ms;
    m.e = e;
    m.label = "TIME";
    m.vtext = arena_printf(sc, "T%02d:00", hh);
    emit(sc, &m);
    return true;
}

static uint32_t on_digits(scan *sc, uint32_t i)
{
    const char *s = sc->s;
    if (i > 0 && is_alpha(s[i - 1])) {
        return skip_ident(sc, i);
    }
    uint32_t r = is_digit(s[i]) ? try_digit_groups(sc, i) : 0;
    if (r) {
        return r;
    }
    nexpr x;
    if (!parse_numexpr(sc, i, 0, &x)) {
        uint32_t e = x.e > i ? x.e : i + 1;
        while (e < sc->n && is_digit(s[e])) {
            e++;
        }
        return e;
    }
    /* A minus sign: "-5", "−3.2" (U+2212), not "5-4" or "COVID-19". */
    uint32_t ms = i;
    bool neg = false;
    if (i >= 1 && s[i - 1] == '-' && i - 1 >= sc->last_end &&
        (i == 1 || s[i - 2] == ' ' || s[i - 2] == '(' || s[i - 2] == '\n')) {
        ms = i - 1;
        neg = true;
    } else if (i >= 3 && (unsigned char)s[i - 3] == 0xE2 && (unsigned char)s[i - 2] == 0x88 &&
               (unsigned char)s[i - 1] == 0x92 && i - 3 >= sc->last_end) {
        ms = i - 3;
        neg = true;
    }
    if (try_ampm(sc, &x, ms)) {
        return sc->last_end;
    }
    return finish(sc, &x, NULL, ms, neg);
}

/* A currency before the amount: "$24.1 billion", "US$3 million", "€1.2bn", "Rs 4,500 crore",
 * "USD 2.3 million", "KZT 15 bn", "USD115". */
static uint32_t money_after(scan *sc, const curm *pcm);

static uint32_t try_money_prefix(scan *sc, uint32_t pos)
{
    curm cm;
    if (!match_currency(sc, pos, true, true, &cm)) {
        return 0;
    }
    return money_after(sc, &cm);
}

/* The amount after a currency read at cm. */
static uint32_t money_after(scan *sc, const curm *pcm)
{
    curm cm = *pcm;
    uint32_t pos = cm.s;
    nn_tok t;
    tok(sc, cm.end, &t);
    if (t.ws == 2 || t.kind == TK_END) {
        return 0;
    }
    bool neg = false;
    if (tok_is(sc, &t, "-") && t.e < sc->n && is_digit(sc->s[t.e]) && !t.ws) {
        neg = true;
        tok(sc, t.e, &t);
    }
    if (t.kind != TK_DIGITS && !(tok_is(sc, &t, ".") && t.e < sc->n && is_digit(sc->s[t.e]))) {
        return 0;
    }
    /* Codes and letter abbreviations must stand apart from the digits or be glued directly
     * ("USD115"), symbols may be followed by a space ("$ 75 million"). */
    nexpr x;
    if (!parse_numexpr(sc, t.s, PX_MONEY, &x)) {
        return 0;
    }
    if (cm.e->cur_flags & CF_WORDLIKE) {
        if (!(x.scaled || (x.has_lit && (x.L.decimal || x.L.grouped)))) {
            return 0;
        }
    }
    return finish(sc, &x, &cm, pos, neg);
}

/* Does the future tense govern pos? A cue word earlier in the same sentence: "will", "'ll",
 * "shall", "scheduled", "expected", "due", "plans", "set to", "going to". Bounded look-back. */
/* True when the byte at \p i ends a sentence: '!', '?', a line break, or a '.' that is not
 * inside a number or an abbreviation ("9.8", "U.S": a letter or digit right after it). */
static bool sentence_end_at(const scan *sc, uint32_t i)
{
    char c = sc->s[i];
    if (c == '!' || c == '?' || c == '\n') {
        return true;
    }
    return c == '.' && !(i + 1 < sc->n && is_alnum(sc->s[i + 1]));
}

/* Start of the sentence around \p pos, at most 240 bytes back. */
static uint32_t sentence_begin(const scan *sc, uint32_t pos)
{
    uint32_t lo = pos > 240 ? pos - 240 : 0;
    uint32_t i = pos;
    while (i > lo && !sentence_end_at(sc, i - 1)) {
        i--;
    }
    return i;
}

/* The next word at or after *p and before \p lim, as nn_tok_next cuts them (letter runs,
 * other scripts included), read without hashing: [*ws, *we), *ascii when ASCII letters only.
 * Advances *p past it; false when there is none. */
static bool next_word(const scan *sc, uint32_t *p, uint32_t lim, uint32_t *ws, uint32_t *we,
                      bool *ascii)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    while (*p < lim) {
        uint32_t q = *p, cp;
        *ascii = true;
        while (q < sc->n) {
            if (is_alpha((char)u[q])) {
                q++;
            } else if (u[q] >= 0x80) {
                uint32_t l = nn_cp_at(sc->s, sc->n, q, &cp);
                if (!nn_cp_is_letter(cp)) {
                    break;
                }
                *ascii = false;
                q += l;
            } else {
                break;
            }
        }
        if (q == *p) {
            (*p)++; /* digits, blanks, symbols (a multi-byte one goes byte by byte: no letter) */
            continue;
        }
        *ws = *p;
        *we = q;
        *p = q;
        return true;
    }
    return false;
}

/* True when the sentence before \p pos has a future cue (data/numbers/tense.tsv): "will",
 * "due", "scheduled"... makes "in 3 weeks" a date. */
static bool future_cue(const scan *sc, uint32_t pos)
{
    uint32_t ws, we;
    bool ascii;
    for (uint32_t p = sentence_begin(sc, pos); next_word(sc, &p, pos, &ws, &we, &ascii);) {
        uint32_t len = we - ws;
        if (ascii && len >= 2 && len <= 9 && nn_cue_of(sc->lx, sc->s + ws, len) == CUE_FUTURE) {
            return true;
        }
    }
    return false;
}

/* Tense of the sentence around [s, e) read from its verbs (data/numbers/tense.tsv), one word
 * at a time: +1 at a future cue, -1 at a past cue unless an auxiliary comes right before it
 * ("will be held", "has been signed": a participle), 0 elsewhere. */
typedef struct tense_rd {
    const scan *sc;
    int prev_cue;             /* cue of the word before, CUE_NONE when it was no cue */
} tense_rd;

static int tense_word(tense_rd *rd, uint32_t ws, uint32_t we, bool ascii)
{
    int cue = ascii ? nn_cue_of(rd->sc->lx, rd->sc->s + ws, we - ws) : CUE_NONE;
    int prev = rd->prev_cue;
    rd->prev_cue = cue;
    if (cue == CUE_FUTURE) {
        return 1;
    }
    return cue == CUE_PAST && prev != CUE_AUX ? -1 : 0;
}

/* Which way a relative date at [s, e) points: the nearest tense cue before it in its sentence
 * decides ("Ecuador will import ..., the minister said on Thursday": past), else the first one
 * after it ("On Friday, the board will vote": future). +1 future, -1 past, 0 when the sentence
 * says nothing. */
static int tense_at(const scan *sc, uint32_t s, uint32_t e)
{
    uint32_t ws, we;
    bool ascii;
    int tense = 0;
    tense_rd rd = {sc, CUE_NONE};
    for (uint32_t p = sentence_begin(sc, s); next_word(sc, &p, s, &ws, &we, &ascii);) {
        int t = tense_word(&rd, ws, we, ascii);
        if (t) {
            tense = t;
        }
    }
    if (tense) {
        return tense;
    }
    uint32_t lim = e + 240 < sc->n ? e + 240 : sc->n;
    for (uint32_t p = e; p < lim; p++) {
        if (sentence_end_at(sc, p)) {
            lim = p;
        }
    }
    rd.prev_cue = CUE_NONE;
    for (uint32_t p = e; next_word(sc, &p, lim, &ws, &we, &ascii);) {
        int t = tense_word(&rd, ws, we, ascii);
        if (t) {
            return t;
        }
    }
    return 0;
}

/* Month names: "November 28", "Nov. 3", "November 28, 2023", "March 2024", "March 3-5",
 * "in November", "last March". \p s0: where the mention starts (a weekday or "last" before). */
static uint32_t try_month(scan *sc, const nn_tok *mt, const nn_entry *e, uint32_t s0, int rel)
{
    uint32_t p = mt->e;
    bool abbr = (e->cal_flags & CAL_ABBR) != 0;
    bool dot = false;
    if (abbr && p < sc->n && sc->s[p] == '.') {
        p++;
        dot = true;
    }
    if (!abbr && p < sc->n && sc->s[p] == '.' && p + 1 < sc->n && sc->s[p + 1] == ' ') {
        /* "October. 2" (seen in transcripts); the '.' may also end the sentence, so only
         * when a day follows right away. */
        int d;
        uint32_t de;
        nn_tok dt;
        tok(sc, p + 1, &dt);
        if (dt.kind == TK_DIGITS && read_day(sc, p + 1, &d, &de)) {
            p++;
        }
    }
    bool weak = (e->cal_flags & CAL_WEAK) != 0;
    /* (after a weekday, "monday, jan twenty two", the month is one in any case) */
    if ((weak || abbr) && !mt->cap && !dot && s0 == mt->s) {
        /* "may", "march", "jan", "sept" in lower case: only right before a day or year */
        nn_tok t;
        tok(sc, p, &t);
        if (t.kind != TK_DIGITS && !(t.kind == TK_SYM && t.ws == 0)) {
            if (!(weak && !abbr && t.kind == TK_WORD)) {
                return mt->e;
            }
        }
    }
    nn_tok t;
    tok(sc, p, &t);
    uint32_t q = p;
    if (t.ws == 0 && (tok_is(sc, &t, "-") || tok_is(sc, &t, "/")) && t.e < sc->n &&
        is_digit(sc->s[t.e])) {
        q = t.e; /* "Oct-2", "jan/1" */
    }
    int d, year = 0;
    uint32_t de;
    if (tok_is(sc, &t, ",") && t.ws == 0) {
        /* "October, 1st", "october, first": a comma, then a day only as an ordinal ("In
         * October, 5 people..." is no date) */
        nn_tok dt, sx;
        tok(sc, t.e, &dt);
        const nn_entry *de0 = tok_entry(sc, &dt, 0);
        bool ord = false;
        if (dt.kind == TK_DIGITS && dt.e - dt.s <= 2 && dt.e < sc->n && is_alpha(sc->s[dt.e])) {
            tok(sc, dt.e, &sx);
            ord = is_ord_suffix(sc, &sx);
        } else if (dt.kind == TK_WORD && de0 && (de0->roles & NL_ORD)) {
            nexpr ox;
            ord = parse_numexpr(sc, dt.s, 0, &ox) && ox.ordinal;
        }
        if (ord && dt.ws == 1) {
            q = t.e;
        }
    }
    if (t.kind != TK_DIGITS || t.e - t.s <= 2 || q != p) {
        if (read_day(sc, q, &d, &de)) {
            if (weak && !mt->cap) {
                /* "may 5" lower case: only with digits, not "may twenty" */
                nn_tok dt;
                tok(sc, q, &dt);
                if (dt.kind != TK_DIGITS && !tok_word(sc, &dt, "twenty") &&
                    !tok_word(sc, &dt, "thirty")) {
                    return mt->e;
                }
            }
            /* "March 3-5" */
            nn_tok a, b;
            tok(sc, de, &a);
            int d2 = 0;
            uint32_t e2 = de;
            if (tok_is_dash(sc, &a) && a.ws == 0) {
                tok(sc, a.e, &b);
                if (b.kind == TK_DIGITS && b.ws == 0 && read_day(sc, b.s, &d2, &e2) && d2 > d) {
                    de = e2;
                } else {
                    d2 = 0;
                }
            }
            opt_year(sc, &de, &year);
            if (!year) {
                year = infer_year_tense(sc, e->month, d, tense_at(sc, mt->s, de));
            }
            if (d > days_in_month(year ? year : 2000, e->month)) {
                return mt->e;
            }
            const char *v = date_text(sc, year, e->month, d);
            if (d2) {
                v = arena_printf(sc, "%s/%s", v, date_text(sc, year, e->month, d2));
            }
            emit_date(sc, s0, de, v);
            return de;
        }
    }
    /* "March 2024", "March of 2024" */
    uint32_t yq = p;
    if (tok_word(sc, &t, "of")) {
        yq = t.e;
    } else if (tok_is(sc, &t, ",") && !weak) {
        yq = t.e;
    }
    if (read_year(sc, yq, &year, &de)) {
        emit_date(sc, s0, de, date_text(sc, year, e->month, 0));
        return de;
    }
    /* The month alone: after a date preposition ("in November", "since March", "early
     * January") or "last/this/next". */
    if (weak && !mt->cap) {
        return mt->e;
    }
    if (abbr && !dot && !mt->cap) {
        return mt->e;
    }
    nn_tok pw;
    uint32_t pr = prev_roles(sc, mt->s, &pw);
    if (rel > -2) {
        if (!have_pub(sc) || !sc->ctx->relative_dates) {
            return mt->e;
        }
        int y = sc->py;
        if (rel < 0 && e->month >= sc->pm) {
            y--;
        } else if (rel > 0 && e->month <= sc->pm) {
            y++;
        }
        emit_date(sc, s0, abbr && dot ? p : mt->e, date_text(sc, y, e->month, 0));
        return abbr && dot ? p : mt->e;
    }
    bool mid = mt->s >= 4 && sc->s[mt->s - 1] == '-' && prev_word(sc, mt->s - 1, &pw) &&
               (tok_word(sc, &pw, "mid") || tok_word(sc, &pw, "early") ||
                tok_word(sc, &pw, "late"));
    if (!(pr & NL_PREP) && !mid) {
        return mt->e;
    }
    if (weak && sentence_start(sc, mt->s)) {
        return mt->e;
    }
    year = infer_year(sc, e->month, 0);
    uint32_t end = abbr && dot ? p : mt->e;
    emit_date(sc, s0, end, date_text(sc, year, e->month, 0));
    return end;
}

/* Weekdays: "Monday, November 28" (the date), "on Monday" (resolved from published_at when
 * relative dates are on: the last such day on or before the publication date, or the next
 * one after it when the sentence speaks of the future), "last Monday", "next Friday". */
static uint32_t try_weekday(scan *sc, const nn_tok *wt, const nn_entry *e, uint32_t s0, int rel)
{
    bool abbr = (e->cal_flags & CAL_ABBR) != 0;
    uint32_t p = wt->e;
    if (abbr) {
        if (!wt->cap) {
            return wt->e;
        }
        if (p < sc->n && sc->s[p] == '.') {
            p++;
        }
    }
    nn_tok t;
    tok(sc, p, &t);
    uint32_t q = p;
    if (tok_is(sc, &t, ",")) {
        q = t.e;
        tok(sc, q, &t);
    }
    if (t.kind == TK_WORD && t.ws != 2) {
        const nn_entry *me = tok_entry(sc, &t, 0);
        if (me && (me->roles & NL_MONTH)) {
            uint32_t before = sc->last_end;
            uint32_t r = try_month(sc, &t, me, s0, -2);
            if (sc->last_end != before) {
                return r;
            }
        }
    }
    if (tok_word(sc, &t, "the") && t.ws == 1 && !abbr) {
        /* "Friday the 13th", "Thursday the twenty first": the day in the month around the
         * publication date that falls on that weekday (else the publication month). */
        int d;
        uint32_t de;
        if (read_day(sc, t.e, &d, &de)) {
            int y = 0, m = 0;
            if (have_pub(sc)) {
                y = sc->py;
                m = sc->pm;
                for (int k = 0; k <= 2; k++) {
                    int dm = k == 0 ? 0 : k == 1 ? -1 : 1;
                    int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) + dm;
                    int yy = (int)(mm / 12), mo = (int)(mm % 12) + 1;
                    if (d <= days_in_month(yy, mo) &&
                        weekday_of(days_from_civil(yy, (unsigned)mo, (unsigned)d)) == e->weekday) {
                        y = yy;
                        m = mo;
                        break;
                    }
                }
            }
            const char *v = m ? date_text(sc, y, m, d) : arena_printf(sc, "XXXX-XX-%02d", d);
            emit_date(sc, s0, de, v);
            return de;
        }
    }
    if (t.kind == TK_DIGITS && t.ws != 2 && t.e - t.s <= 2 && !abbr) {
        /* "Friday 7/6", "on friday 7.6", "Friday 7-6": the weekday makes it a date */
        int mo, d;
        bool amb;
        uint32_t me = numeric_md(sc, t.s, &mo, &d, &amb);
        if (me) {
            nn_tok nx;
            tok(sc, me, &nx);
            const nn_entry *ne = tok_entry(sc, &nx, 0);
            if (!(ne && (ne->roles & (NL_SCALE | NL_UNIT | NL_PCT | NL_CUR | NL_DUR)))) {
                int y = infer_year(sc, mo, d);
                if (y && d > days_in_month(y, mo)) {
                    y = 0;
                }
                emit_date(sc, s0, me, date_text(sc, y, mo, d));
                return me;
            }
        }
    }
    if (t.kind == TK_DIGITS && t.ws != 2 && t.e - t.s <= 2) {
        /* "Monday, 28 November 2023": the day-first parser reads it from the digits and takes
         * the weekday in (weekday_before); leave it alone here. */
        nn_tok w;
        tok(sc, t.e, &w);
        if (tok_is(sc, &w, ".") && w.ws == 0) {
            tok(sc, w.e, &w); /* "Monday, 28. November" */
        }
        if (w.kind == TK_WORD && is_ord_suffix(sc, &w)) {
            tok(sc, w.e, &w);
        }
        if (tok_word(sc, &w, "of")) {
            tok(sc, w.e, &w);
        }
        const nn_entry *me = tok_entry(sc, &w, 0);
        if (me && (me->roles & NL_MONTH)) {
            return p;
        }
    }
    if (abbr || !sc->ctx->relative_dates || !have_pub(sc)) {
        return p;
    }
    if (!wt->cap && rel == -2) {
        return p;
    }
    int64_t pub = days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
    int pwd = weekday_of(pub);
    int64_t day;
    /* "Friday next week", "Tuesday of last week": that weekday of that ISO week */
    if (rel == -2) {
        nn_tok a, b, c;
        tok(sc, p, &a);
        uint32_t q2 = p;
        if (tok_word(sc, &a, "of")) {
            q2 = a.e;
            tok(sc, q2, &a);
        }
        tok(sc, a.e, &b);
        const nn_entry *ae = tok_entry(sc, &a, 0);
        if (a.ws == 1 && ae && (ae->roles & NL_RELMOD) && ae->rel >= -1 && b.ws == 1 &&
            tok_word(sc, &b, "week") &&
            (tok_word(sc, &a, "next") || tok_word(sc, &a, "last") || tok_word(sc, &a, "this"))) {
            tok(sc, b.e, &c);
            day = pub - (pwd - 1) + 7 * ae->rel + (e->weekday - 1);
            int y, m, d;
            civil_from_days(day, &y, &m, &d);
            emit_date(sc, s0, b.e, date_text(sc, y, m, d));
            (void)q2;
            return b.e;
        }
    }
    /* A bare weekday is the most recent one (today included) unless the verbs point ahead. */
    if (rel == -1 || (rel == -2 && tense_at(sc, wt->s, p) <= 0)) {
        int back = (pwd - e->weekday + 7) % 7;
        if (rel == -1 && back == 0) {
            back = 7;
        }
        day = pub - back;
    } else if (rel == 1 || rel == -2) {
        int fwd = (e->weekday - pwd + 7) % 7;
        if (fwd == 0) {
            fwd = 7;
        }
        day = pub + fwd;
    } else {
        /* "this Friday": the one in the publication week (ISO weeks start on Monday) */
        day = pub - (pwd - 1) + (e->weekday - 1);
    }
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    emit_date(sc, s0, p, date_text(sc, y, m, d));
    return p;
}

/* "last year", "this month", "next week", "last Monday", "last March". */
static uint32_t try_relmod(scan *sc, const nn_tok *rt, const nn_entry *e)
{
    nn_tok t;
    tok(sc, rt->e, &t);
    if (t.kind != TK_WORD || t.ws != 1) {
        return rt->e;
    }
    const nn_entry *te = tok_entry(sc, &t, 0);
    if (!te) {
        return rt->e;
    }
    bool lmn = tok_word(sc, rt, "last") || tok_word(sc, rt, "this") || tok_word(sc, rt, "next");
    if ((te->roles & NL_MONTH) && lmn && (t.cap || !(te->cal_flags & (CAL_WEAK | CAL_ABBR)))) {
        return try_month(sc, &t, te, rt->s, e->rel);
    }
    if ((te->roles & NL_WEEKDAY) && lmn && !(te->cal_flags & CAL_ABBR)) {
        return try_weekday(sc, &t, te, rt->s, e->rel);
    }
    if (tok_word(sc, &t, "week") && lmn && sc->ctx->relative_dates && have_pub(sc)) {
        /* "next week Sunday" */
        nn_tok w;
        tok(sc, t.e, &w);
        const nn_entry *we = tok_entry(sc, &w, 0);
        if (w.ws == 1 && we && (we->roles & NL_WEEKDAY) && !(we->cal_flags & CAL_ABBR)) {
            int64_t pub = days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
            int64_t day = pub - (weekday_of(pub) - 1) + 7 * e->rel + (we->weekday - 1);
            int y, m, d;
            civil_from_days(day, &y, &m, &d);
            emit_date(sc, rt->s, w.e, date_text(sc, y, m, d));
            return w.e;
        }
    }
    if (!(te->roles & NL_DUR) || !lmn || !sc->ctx->relative_dates || !have_pub(sc) ||
        (t.e < sc->n && is_alpha(sc->s[t.e]))) {
        return rt->e;
    }
    int rel = e->rel;
    const char *v = NULL;
    int64_t pub = days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
    if (tok_word(sc, &t, "year")) {
        v = date_text(sc, sc->py + rel, 0, 0);
    } else if (tok_word(sc, &t, "month")) {
        int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) + rel;
        v = date_text(sc, (int)(mm / 12), (int)(mm % 12) + 1, 0);
    } else if (tok_word(sc, &t, "week")) {
        int wy, wn;
        iso_week(pub + 7 * rel, &wy, &wn);
        v = arena_printf(sc, "%04d-W%02d", wy, wn);
    }
    if (!v) {
        return rt->e;
    }
    emit_date(sc, rt->s, t.e, v);
    return t.e;
}

/* "the first Friday of July", "the third Wednesday of next month", "second Sunday" (of the
 * publication month): the Nth such weekday of that month. Needs published_at for the year
 * (or the month); without it nothing is annotated (a relative date). @returns the end or 0. */
static uint32_t nth_weekday(scan *sc, const nexpr *x, uint32_t ms)
{
    if (!x->v.ok || x->v.den != 1 || x->v.e != 0 || x->v.m < 1 || x->v.m > 5) {
        return 0;
    }
    nn_tok w, o, a, b;
    tok(sc, x->e, &w);
    const nn_entry *we = tok_entry(sc, &w, 0);
    if (w.ws != 1 || !we || !(we->roles & NL_WEEKDAY) || (we->cal_flags & CAL_ABBR) ||
        (w.e < sc->n && is_alpha(sc->s[w.e]))) {
        return 0;
    }
    uint32_t end = w.e;
    int month = 0, year = 0;
    int rel = 99;
    tok(sc, w.e, &o);
    if ((tok_word(sc, &o, "of") || tok_word(sc, &o, "in")) && o.ws == 1) {
        tok(sc, o.e, &a);
        const nn_entry *ae = tok_entry(sc, &a, 0);
        if (ae && (ae->roles & NL_MONTH) && a.ws == 1 && !(ae->cal_flags & CAL_ABBR)) {
            month = ae->month;
            end = a.e;
            opt_year(sc, &end, &year);
        } else if (ae && (ae->roles & NL_RELMOD) && a.ws == 1) {
            tok(sc, a.e, &b);
            if (tok_word(sc, &b, "month") && b.ws == 1) {
                rel = ae->rel;
                end = b.e;
            }
        }
    }
    if (!year && (!sc->ctx->relative_dates || !have_pub(sc))) {
        return end; /* relative: not annotated without published_at */
    }
    if (!month) {
        int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) + (rel == 99 ? 0 : rel);
        year = (int)(mm / 12);
        month = (int)(mm % 12) + 1;
    } else if (!year) {
        year = infer_year(sc, month, 0);
    }
    int w0 = weekday_of(days_from_civil(year, (unsigned)month, 1));
    int d = 1 + (we->weekday - w0 + 7) % 7 + 7 * ((int)x->v.m - 1);
    if (d > days_in_month(year, month)) {
        return 0;
    }
    uint32_t s0 = ms;
    nn_tok pw;
    if (prev_word(sc, s0, &pw) && tok_word(sc, &pw, "the") && pw.s >= sc->last_end) {
        s0 = pw.s;
    }
    emit_date(sc, s0, end, date_text(sc, year, month, d));
    return end;
}

/* Number words: "two million", "twenty-fifth", "a dozen", "five billion dollars", "minus
 * five", "one and a half", "twenty percent". */
static uint32_t try_words(scan *sc, const nn_tok *t, const nn_entry *e)
{
    uint32_t ms = t->s;
    bool neg = false;
    uint32_t start = t->s;
    if ((e->roles & NL_NUM) && !(e->roles & NL_ORD) && !t->cap && e->num >= 1 && e->num <= 29) {
        /* A year in words after "in", "since" ("in nineteen ninety-nine", "since two thousand
         * and five") or "of" (only "the summer of nineteen sixty-nine": "of two thousand" is
         * a count). It starts with a century ("nineteen") or "N thousand". */
        nn_tok pw, nx;
        const nn_entry *nxe = NULL;
        if (e->num < 10) {
            tok(sc, t->e, &nx);
            nxe = nx.ws == 1 ? tok_entry(sc, &nx, 0) : NULL;
        }
        if ((e->num >= 10 || (nxe && (nxe->roles & NL_SCALE) && nxe->scale == 3)) &&
            prev_word(sc, t->s, &pw) && pw.s >= sc->last_end &&
            (tok_word(sc, &pw, "in") || tok_word(sc, &pw, "since") || tok_word(sc, &pw, "of"))) {
            int y;
            uint32_t ye;
            if (read_year_words(sc, t->s, tok_word(sc, &pw, "of"), &y, &ye)) {
                emit_date(sc, t->s, ye, date_text(sc, y, 0, 0));
                return ye;
            }
        }
    }
    if (e->roles & NL_NEG) {
        nn_tok a;
        tok(sc, t->e, &a);
        if (a.ws != 1 || (a.kind != TK_DIGITS && a.kind != TK_WORD)) {
            return t->e;
        }
        const nn_entry *ae = tok_entry(sc, &a, 0);
        if (a.kind == TK_WORD && !(ae && (ae->roles & NL_NUM))) {
            return t->e;
        }
        neg = true;
        start = a.s;
    }
    /* A capitalised ordinal inside a sentence is an ordinal when it stands alone ("the recent
     * Third 'One Belt, One Road' Forum", "finished Third behind"); next to another capitalised
     * word it is part of a name ("Third Circuit", "First Minister", "America First"). */
    bool inner_ordinal = t->cap && (e->roles & NL_ORD) && !sentence_start(sc, t->s);
    if (inner_ordinal) {
        nn_tok a, pw;
        tok(sc, t->e, &a);
        if ((a.kind == TK_WORD && a.cap) || (prev_word(sc, t->s, &pw) && pw.cap)) {
            return t->e;
        }
    }
    /* Other capitalised number words inside a sentence are names ("One Belt, One Road", "the
     * Big Four"); at the start of a sentence only before two capitalised words ("Second World
     * War"). */
    if (t->cap && !sc->title_case && !neg && !inner_ordinal) {
        nn_tok a, b;
        tok(sc, t->e, &a);
        while (a.kind == TK_SYM && (tok_is(sc, &a, "'") || tok_is(sc, &a, "\"") ||
                                    tok_is(sc, &a, "\xE2\x80\x98") ||
                                    tok_is(sc, &a, "\xE2\x80\x9C"))) {
            tok(sc, a.e, &a);
        }
        if (!sentence_start(sc, t->s)) {
            if (!(a.kind == TK_WORD && !a.cap) && !(a.kind == TK_DIGITS) && !tok_is(sc, &a, "%") &&
                !(a.kind == TK_SYM && (tok_is(sc, &a, ",") || tok_is(sc, &a, ".")))) {
                return t->e;
            }
            if (a.kind == TK_SYM || a.kind == TK_END) {
                return t->e;
            }
        } else if (a.kind == TK_WORD && a.cap) {
            tok(sc, a.e, &b);
            const nn_entry *ae = tok_entry(sc, &a, 0);
            if (b.kind == TK_WORD && b.cap && !(ae && (ae->roles & (NL_SCALE | NL_NUM)))) {
                return t->e;
            }
        }
    }
    nexpr x;
    if (!parse_numexpr(sc, start, 0, &x)) {
        return t->e;
    }
    /* "the one", "this one", "no one", "one another", "one by one": pronouns */
    if (!neg && x.ntok == 1 && !x.ordinal && tok_word(sc, t, "one")) {
        nn_tok pw, a;
        uint32_t pr = prev_roles(sc, t->s, &pw);
        tok(sc, t->e, &a);
        if (t->s >= 1 && sc->s[t->s - 1] == '-') {
            return t->e; /* "no-one", "some-one" */
        }
        if ((pr & NL_DET) || tok_word(sc, &a, "another") || tok_word(sc, &a, "by") ||
            tok_word(sc, &a, "of") || tok_word(sc, &pw, "one") || tok_word(sc, &a, "day") ||
            tok_word(sc, &a, "time") || tok_word(sc, &pw, "at")) {
            if (!tok_word(sc, &a, "of") || (pr & NL_DET)) {
                return t->e;
            }
        }
    }
    /* "the second to last": a position from the end, not an ordinal number */
    if (x.ordinal) {
        nn_tok a, b;
        tok(sc, x.e, &a);
        tok(sc, a.e, &b);
        if (tok_word(sc, &a, "to") && tok_word(sc, &b, "last")) {
            return b.e;
        }
    }
    /* "a second", "per second", "split second": time, not an ordinal */
    if (x.ordinal && x.ntok == 1 && tok_word(sc, t, "second")) {
        nn_tok pw;
        if (prev_word(sc, t->s, &pw) &&
            (tok_word(sc, &pw, "a") || tok_word(sc, &pw, "per") || tok_word(sc, &pw, "split") ||
             tok_word(sc, &pw, "every") || tok_word(sc, &pw, "each") || tok_word(sc, &pw, "one"))) {
            return t->e;
        }
    }
    /* A bare "half" or "quarter" is only a number in "half of", "a quarter point" and the
     * like: parse_numexpr handled "half a million"; here the lone word. */
    if (x.fraction && x.ntok == 1 && (e->roles & NL_FRAC)) {
        nn_tok a;
        tok(sc, x.e, &a);
        bool pointy = tok_word(sc, &a, "point") || tok_word(sc, &a, "points");
        lexm lm;
        bool pct = a.ws == 1 && lex_longest(sc, a.s, NL_PCT, &lm);
        if (!pointy && !pct && !(tok_word(sc, &a, "of") && e->frac == 2)) {
            return t->e;
        }
    }
    if (x.ordinal && !neg) {
        uint32_t r = nth_weekday(sc, &x, ms);
        if (r) {
            return r;
        }
    }
    /* "a" alone is never a number; parse_numexpr needs a scale after it. */
    return finish(sc, &x, NULL, ms, neg);
}

/* Today, yesterday, tomorrow (from published_at). */
static uint32_t try_rel(scan *sc, const nn_tok *t, const nn_entry *e)
{
    if (!sc->ctx->relative_dates || !have_pub(sc)) {
        return t->e;
    }
    if (t->e < sc->n && (sc->s[t->e] == '\'' || (unsigned char)sc->s[t->e] == 0xE2)) {
        /* "today's": still the date */
    }
    int rel = e->rel;
    uint32_t s0 = t->s;
    nn_tok w1, w2, w3;
    /* "the day before yesterday", "the day after tomorrow" */
    if (rel != 0 && prev_word(sc, t->s, &w1) &&
        (tok_word(sc, &w1, "before") || tok_word(sc, &w1, "after")) && prev_word(sc, w1.s, &w2) &&
        tok_word(sc, &w2, "day") && prev_word(sc, w2.s, &w3) && tok_word(sc, &w3, "the") &&
        w3.s >= sc->last_end && (tok_word(sc, &w1, "before") == (rel < 0))) {
        rel *= 2;
        s0 = w3.s;
    }
    int64_t day = days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd) + rel;
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    emit_date(sc, s0, t->e, date_text(sc, y, m, d));
    return t->e;
}

/* "a year ago", "a week ago" */
static uint32_t try_a_ago(scan *sc, const nn_tok *t)
{
    nn_tok a, b;
    tok(sc, t->e, &a);
    tok(sc, a.e, &b);
    const nn_entry *ae = tok_entry(sc, &a, 0);
    if (!ae || !(ae->roles & NL_DUR) || a.ws != 1 || !tok_word(sc, &b, "ago") || b.ws != 1) {
        return 0;
    }
    if (!sc->ctx->relative_dates) {
        return b.e;
    }
    const char *v = ago_text(sc, 1, ae->dur);
    if (v) {
        emit_date(sc, t->s, b.e, v);
    }
    return b.e;
}

/* The end of a URL starting at pos ("https://...", "www.example.com/..."): up to the next
 * blank. */
static uint32_t skip_url(const scan *sc, uint32_t pos)
{
    uint32_t i = pos;
    while (i < sc->n && !(sc->s[i] == ' ' || sc->s[i] == '\t' || sc->s[i] == '\n' ||
                          sc->s[i] == '\r' || sc->s[i] == '"' || sc->s[i] == '<' ||
                          sc->s[i] == '>')) {
        i++;
    }
    return i;
}

/* "percent of 10", "per cent of 210": a percentage written with its number after (no amount
 * before the percent word). Only when the number ends the phrase (end, punctuation, line
 * break): "percent of 10 districts" is a share of something else. */
static uint32_t try_percent_of(scan *sc, const nn_tok *t)
{
    lexm lm;
    if (!lex_longest(sc, t->s, NL_PCT, &lm) || lm.e->pct != PCT_PERCENT) {
        return 0;
    }
    nn_tok o, a, z;
    tok(sc, lm.end, &o);
    if (!tok_word(sc, &o, "of") || o.ws != 1) {
        return 0;
    }
    tok(sc, o.e, &a);
    nexpr x;
    if (a.ws != 1 || (a.kind != TK_DIGITS && a.kind != TK_WORD) ||
        !parse_numexpr(sc, a.s, 0, &x) || x.ordinal || x.fraction || x.glued_e || !x.v.ok ||
        (a.kind == TK_WORD && !x.words)) {
        return 0;
    }
    tok(sc, x.e, &z);
    if (!(z.kind == TK_END || z.ws == 2 ||
          (z.kind == TK_SYM && (tok_is(sc, &z, ".") || tok_is(sc, &z, ",") ||
                                tok_is(sc, &z, ";") || tok_is(sc, &z, "?") ||
                                tok_is(sc, &z, "!") || tok_is(sc, &z, ")"))))) {
        return 0;
    }
    ment m;
    memset(&m, 0, sizeof m);
    m.s = t->s;
    m.e = x.e;
    m.label = "PERCENT";
    m.v = x.v;
    m.has_v = true;
    emit(sc, &m);
    return x.e;
}

static uint32_t on_word(scan *sc, const nn_tok *t)
{
    const char *s = sc->s;
    uint32_t n = sc->n;
    size_t len = t->e - t->s;
    if ((len == 4 || len == 5) && t->e + 3 <= n && memcmp(s + t->e, "://", 3) == 0) {
        return skip_url(sc, t->s);
    }
    if (len == 3 && t->e < n && s[t->e] == '.' && tok_word(sc, t, "www")) {
        return skip_url(sc, t->s);
    }
    if (t->e < n && s[t->e] == '@') {
        return skip_url(sc, t->s);
    }
    bool glued_digit = t->e < n && is_digit(s[t->e]);
    bool hyph_digit = t->e + 1 < n && s[t->e] == '-' && is_digit(s[t->e + 1]);
    const nn_entry *e = len <= 24 ? tok_entry(sc, t, 0) : NULL;
    /* Case-sensitive forms (codes, "Rs", "RM", "US$") are short and capitalised. */
    bool dollar_next = t->e < n && s[t->e] == '$';
    const nn_entry *ec =
        (len <= 6 && ((t->cap && len <= 3) || (t->upper && len >= 2) || glued_digit || dollar_next))
            ? tok_entry(sc, t, 1)
            : NULL;
    if ((ec && (ec->roles & (NL_CUR | NL_PREFIX))) ||
        (!ec && len == 4 && t->upper && (s[t->s] == 'M' || s[t->s] == 'K'))) {
        /* ("MAUD 60": a scaled code) */
        uint32_t r = try_money_prefix(sc, t->s);
        if (r) {
            return r;
        }
    }
    /* A lower-case code right before digits: "usd 20", "rmb 10" (its upper-case form is a
     * code that is not also an English word) */
    if (len == 3 && !t->cap && t->ascii && t->e + 1 < n && s[t->e] == ' ' &&
        is_digit(s[t->e + 1])) {
        const nn_entry *le = tok_entry(sc, t, 1); /* the lower-case key of an "lc" code */
        if (le && (le->roles & NL_CUR) && le->cur_kind == CK_CODE &&
            !(le->cur_flags & CF_WORDLIKE)) {
            uint32_t r = try_money_prefix(sc, t->s);
            if (r) {
                return r;
            }
        }
    }
    if (e && (e->roles & (NL_CUR | NL_PREFIX)) && (t->upper || glued_digit || dollar_next)) {
        /* lower-case "rmb 10", "usd 20" */
        uint32_t r = try_money_prefix(sc, t->s);
        if (r) {
            return r;
        }
    }
    if (e && (e->roles & NL_MONTH)) {
        uint32_t before = sc->last_end;
        uint32_t r = try_month(sc, t, e, t->s, -2);
        if (sc->last_end != before) {
            return r;
        }
    }
    if (glued_digit || hyph_digit) {
        if (hyph_digit && (tok_word(sc, t, "mid") || tok_word(sc, t, "pre") ||
                           tok_word(sc, t, "post") || tok_word(sc, t, "early") ||
                           tok_word(sc, t, "late"))) {
            return t->e + 1;
        }
        /* "G20", "COVID-19", "A320", "F-16", "MH17": identifiers, not numbers */
        return skip_ident(sc, t->s);
    }
    if (!e) {
        return t->e;
    }
    if (e->roles & NL_WEEKDAY) {
        return try_weekday(sc, t, e, t->s, -2);
    }
    if (e->roles & NL_REL) {
        return try_rel(sc, t, e);
    }
    if ((e->roles & NL_RELMOD) && !t->cap) {
        uint32_t before = sc->last_end;
        uint32_t r = try_relmod(sc, t, e);
        if (sc->last_end != before) {
            return r;
        }
    } else if (e->roles & NL_RELMOD) {
        uint32_t before = sc->last_end;
        uint32_t r = try_relmod(sc, t, e);
        if (sc->last_end != before) {
            return r;
        }
    }
    if (e->roles & (NL_NUM | NL_ORD | NL_FRAC | NL_NEG)) {
        return try_words(sc, t, e);
    }
    if (e->roles & NL_PCTHEAD) {
        uint32_t r = try_percent_of(sc, t);
        if (r) {
            return r;
        }
    }
    if (tok_word(sc, t, "a") || tok_word(sc, t, "an")) {
        uint32_t r = try_a_ago(sc, t);
        if (r) {
            return r;
        }
        nn_tok a;
        tok(sc, t->e, &a);
        const nn_entry *ae = a.kind == TK_WORD ? tok_entry(sc, &a, 0) : NULL;
        if (ae && (ae->roles & (NL_SCALE | NL_MULT | NL_FRAC | NL_ORD | NL_ORDSCALE))) {
            return try_words(sc, t, ae);
        }
    }
    return t->e;
}

static uint32_t on_symbol(scan *sc, const nn_tok *t)
{
    const nn_entry *e = tok_entry(sc, t, 1);
    if (e && (e->roles & (NL_CUR | NL_PREFIX))) {
        nn_tok pw;
        /* "US $150 million", "HK $3", and in lower-cased, tokenised text "us $ 150 million",
         * "c $ 1.34" (not the article "a $5 bill") */
        if (tok_is(sc, t, "$") && t->s >= 2 && sc->s[t->s - 1] == ' ' && prev_word(sc, t->s, &pw) &&
            pw.e - pw.s <= 3 && pw.s >= sc->last_end && pw.ascii &&
            ((pw.upper && pw.e - pw.s >= 2) ||
             (!pw.cap && pw.e - pw.s <= 2 && !tok_word(sc, &pw, "a") &&
              !(pw.s >= 2 && (sc->s[pw.s - 2] == '\'' || sc->s[pw.s - 1] == '\'' ||
                              (unsigned char)sc->s[pw.s - 2] == 0x99))))) {
            /* (not the possessive "music ' s $ 500 million") */
            char key[8];
            size_t kl = pw.e - pw.s;
            for (size_t k = 0; k < kl; k++) {
                char c = sc->s[pw.s + k];
                key[k] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
            }
            key[kl++] = '$';
            const nn_entry *ce = nn_lex_get(sc->lx, key, kl, 1);
            if (ce && (ce->roles & NL_CUR)) {
                curm cm = {ce, pw.s, t->e, 0};
                uint32_t r = money_after(sc, &cm);
                if (r) {
                    return r;
                }
            }
        }
        uint32_t r = try_money_prefix(sc, t->s);
        if (r) {
            return r;
        }
    }
    if (t->e - t->s >= 2) {
        uint32_t cp;
        nn_cp_at(sc->s, sc->n, t->s, &cp);
        if (vulgar_fraction(cp, NULL, NULL)) {
            nexpr x;
            if (parse_numexpr(sc, t->s, 0, &x)) {
                return finish(sc, &x, NULL, t->s, false);
            }
        }
    }
    return t->e;
}

/* End of the run of ASCII letters starting at j: sixteen (SSE2) or eight bytes at a time
 * where it can. */
static inline uint32_t ascii_word_end(const unsigned char *u, uint32_t j, uint32_t n)
{
#if defined(__SSE2__)
    while (j + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + j));
        __m128i lc = _mm_or_si128(v, _mm_set1_epi8(0x20));
        /* signed compares: bytes >= 0x80 are negative, never letters */
        __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lc, _mm_set1_epi8(0x60)),
                                       _mm_cmplt_epi8(lc, _mm_set1_epi8(0x7B)));
        uint32_t non = ~(uint32_t)_mm_movemask_epi8(letter) & 0xFFFFu;
        if (non) {
            return j + (uint32_t)__builtin_ctz(non);
        }
        j += 16;
    }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    while (j + 8 <= n) {
        uint64_t v;
        memcpy(&v, u + j, 8);
        /* Per byte, without carries between bytes: a letter is a byte below 0x80 whose
         * lower-cased form (| 0x20) is in 0x61..0x7A. */
        uint64_t x = v | 0x2020202020202020ull;
        uint64_t lo = x & 0x7F7F7F7F7F7F7F7Full;
        uint64_t ge_a = lo + 0x1F1F1F1F1F1F1F1Full; /* high bit: lo >= 0x61 */
        uint64_t gt_z = lo + 0x0505050505050505ull; /* high bit: lo >= 0x7B */
        uint64_t non = (~ge_a | gt_z | x) & 0x8080808080808080ull;
        if (non) {
            return j + (uint32_t)(__builtin_ctzll(non) >> 3);
        }
        j += 8;
    }
#endif
    while (j < n && is_alpha((char)u[j])) {
        j++;
    }
    return j;
}

/* Mostly capitalised words (a headline in Title Case): capitals then say nothing about
 * names. */
static bool is_title_case(const char *s, uint32_t n)
{
    uint32_t words = 0, caps = 0;
    for (uint32_t i = 0; i < n && words < 64; i++) {
        if (is_alpha(s[i]) && (i == 0 || !is_alnum(s[i - 1])) &&
            (i == 0 || (s[i - 1] != '\'' && (unsigned char)s[i - 1] < 0x80))) {
            uint32_t j = i;
            while (j < n && is_alpha(s[j])) {
                j++;
            }
            if (j - i > 3) {
                words++;
                caps += s[i] >= 'A' && s[i] <= 'Z';
            }
            i = j;
        }
    }
    return words >= 3 && caps * 10 >= words * 8;
}

void nf_numbers_scan_field(const nf_numbers_ctx *ctx, nf_doc *doc, nf_field field)
{
    scan sc;
    tokc cache;
    memset(&sc, 0, sizeof sc);
    memset(cache.pos, 0, sizeof cache.pos);
    memset(cache.es, 0, sizeof cache.es);
    memset(cache.cpos, 0, sizeof cache.cpos);
    sc.tc = &cache;
    sc.ctx = ctx;
    sc.lx = &ctx->lex;
    sc.doc = doc;
    sc.field = (uint8_t)field;
    sc.s = doc->field[field];
    sc.n = doc->field_len[field];
    if (!sc.s || !sc.n || !sc.lx->n_entries) {
        return;
    }
    sc.title_case = field == NF_FIELD_TITLE && is_title_case(sc.s, sc.n);
    sc.country = doc->dateline.present ? doc->dateline.country : NULL;
    sc.py = doc->pub_year;
    sc.pm = doc->pub_month;
    sc.pd = doc->pub_day;
    const unsigned char *u = (const unsigned char *)sc.s;
    const uint8_t *bclass = sc.lx->bclass;
    const uint32_t n = sc.n;
    uint32_t i = 0;
    nn_tok t;
    while (i < n) {
        uint8_t bc = bclass[u[i]];
        if (!(bc & (NB_DIGIT | NB_ALPHA | NB_HIGH | NB_SYM))) {
            i++; /* blanks and punctuation */
            continue;
        }
        uint32_t next = i + 1;
        if (bc & NB_ALPHA) {
            /* Most words start nothing: find the end of an ASCII word and ask the prefilter
             * before hashing and looking it up. */
            uint32_t j = ascii_word_end(u, i + 1, n);
            uint32_t len = j - i;
            unsigned char after = j < n ? u[j] : ' ';
            uint64_t sig = nn_word_sig(u + i, len, n - i);
            uint32_t ba = nn_wsig_a(sig), bb = nn_wsig_b(sig);
            /* One branch, not four, for the common case: the tests are combined without
             * short-circuits (whether a word is worth a look is hard to predict). */
            uint32_t trigbit = (sc.lx->wsig[ba >> 5] >> (ba & 31)) &
                               (sc.lx->wsig[bb >> 5] >> (bb & 31)) & 1u;
            bool trig = trigbit != 0;
            uint32_t look = trigbit | (bclass[after] & NB_WEND) |
                            ((uint32_t)(len == 4) & ((uint32_t)(u[i] == 'M') | (u[i] == 'K')));
            if (!look) {
                i = j + (after == ' '); /* the common case: nothing (and the blank after it) */
                continue;
            }
            /* What follows the word may make it worth a look even when the filters say no:
             * digits ("G20", "USD115"), '$' ("HK$"), letters of other scripts (the word goes
             * on), a hyphen before digits ("COVID-19"), and URLs and addresses ("https:",
             * "www.", "user@"). */
            bool special = false;
            if (j < n && (bclass[u[j]] & NB_WEND)) {
                unsigned char c = u[j];
                uint32_t cp;
                special = c == '$' || c == '@' || is_digit((char)c) ||
                          (c == ':' && (len == 4 || len == 5)) || (c == '.' && len == 3) ||
                          (c == '-' && j + 1 < n && is_digit(sc.s[j + 1])) ||
                          (c >= 0x80 && (nn_cp_at(sc.s, n, j, &cp), nn_cp_is_letter(cp)));
            }
            /* "MUSD", "KEUR": a scaled currency code */
            special = special || (len == 4 && (u[i] == 'M' || u[i] == 'K') && u[i + 1] <= 'Z' &&
                                  u[i + 2] <= 'Z' && u[i + 3] <= 'Z');
            if (special) {
                tok(&sc, i, &t);
                next = on_word(&sc, &t);
            } else if (!trig) {
                i = j + (j < n && u[j] == ' ');
                continue;
            } else {
                /* The token is the ASCII word [i, j): hash it here and hand it on without
                 * reading it again. */
                uint32_t h = NN_HASH_INIT;
                unsigned char lowbits = 0;
                for (uint32_t k = i; k < j; k++) {
                    lowbits |= u[k];
                    h = nn_hash_step(h, u[k] | 0x20);
                }
                t.s = i;
                t.e = j;
                t.kind = TK_WORD;
                t.ws = 0;
                t.cap = u[i] <= 'Z';
                t.upper = !(lowbits & 0x20);
                t.ascii = true;
                t.hash_lc = h;
                next = on_word(&sc, &t);
            }
        } else if (bc & NB_DIGIT) {
            next = on_digits(&sc, i);
        } else if (bc & NB_HIGH) {
            tok(&sc, i, &t);
            if (t.kind == TK_WORD) {
                next = t.e;
                /* Non-Latin words may still be currency forms ("元" after digits is handled
                 * there); before an amount only symbols count. */
            } else if (t.kind == TK_SYM) {
                next = on_symbol(&sc, &t);
            } else {
                next = t.s > i ? t.s : i + 1;
            }
        } else if (u[i] == '$') {
            tok(&sc, i, &t);
            next = on_symbol(&sc, &t);
        } else if (u[i] == '.' && i + 1 < n && is_digit(sc.s[i + 1]) &&
                   (i == 0 || u[i - 1] == ' ')) {
            next = on_digits(&sc, i);
        } else if (u[i] == '#') {
            next = i + 1;
            while (next < n && is_digit(sc.s[next])) {
                next++;
            }
        }
        /* Progress is guaranteed: every path returns a position after i. */
        i = next > i ? next : i + 1;
        if (i < sc.last_end) {
            i = sc.last_end;
        }
    }
}

nf_stage_rc nf_numbers_process(const void *vctx, nf_doc *doc)
{
    const nf_numbers_ctx *ctx = vctx;
    if (ctx->title) {
        nf_numbers_scan_field(ctx, doc, NF_FIELD_TITLE);
    }
    nf_numbers_scan_field(ctx, doc, NF_FIELD_TEXT);
    return NF_STAGE_OK;
}
