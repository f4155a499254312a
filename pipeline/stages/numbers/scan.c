/* numbers stage: the scanner. One forward pass per field. Work starts only at digits,
 * at symbols that are currency forms, and at words of the lexicon (one hash lookup per word);
 * from there the parsers of numexpr.c, rules.c and dates.c read the mention and emit it.
 * Each mention starts at or after the end of the previous one, so spans never overlap, and each
 * parser looks at a bounded number of tokens, so the pass is linear in the field length. */

#include "pipeline/stages/numbers/internal.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static const char *const MOD_NAMES[] = {"", "approx", "gt", "lt", "ge", "le"};

/* The record members of a mention with a modifier only, the common case of "extra": as
 * constants, not built and copied to the arena per mention (they are what nn_emit's builder
 * writes for a modifier alone). */
static const char *const MOD_JSON[] = {"", "\"mod\":\"approx\"", "\"mod\":\"gt\"",
                                       "\"mod\":\"lt\"", "\"mod\":\"ge\"", "\"mod\":\"le\""};
_Static_assert(sizeof MOD_JSON == sizeof MOD_NAMES, "MOD_JSON: one per MOD_NAMES");

/* A rate after an amount: "per day", "per annum", "a year", "an hour" ("$3 million a year",
 * "5% per annum"; glued: "£200,000-a-week", "$20/hour"), not "a year earlier" (a time word of
 * cues.tsv after it). @returns its end and the period in \p per ("year", "month", "week",
 * "day", "hour"), or 0. */
static uint32_t rate_tail(scan *sc, uint32_t e, const char **per)
{
    nn_tok a, b, c;
    tok(sc, e, &a);
    uint32_t from = a.e; /* where the period word is read */
    uint8_t ws = 1;      /* the blanks before it: none when glued */
    bool by = false;
    if (a.ws == 0 && a.kind == TK_SYM && sc->s[a.s] == '/') {
        ws = 0; /* "$20/hour" */
    } else if (a.ws == 0 && a.kind == TK_SYM && sc->s[a.s] == '-') {
        /* "£200,000-a-week", "$1m-per-year": a compound adjective */
        tok(sc, a.e, &a);
        tok(sc, a.e, &b);
        by = tok_word(sc, &a, "per");
        if (a.ws != 0 || !(by || tok_word(sc, &a, "a") || tok_word(sc, &a, "an")) || b.ws != 0 ||
            b.kind != TK_SYM || sc->s[b.s] != '-') {
            return 0;
        }
        from = b.e;
        ws = 0;
    } else {
        by = tok_word(sc, &a, "per");
        if (a.ws != 1 || !(by || tok_word(sc, &a, "a") || tok_word(sc, &a, "an"))) {
            return 0;
        }
    }
    tok(sc, from, &b);
    const nn_entry *be = b.ws == ws ? nn_tok_entry(sc, &b, 0) : NULL;
    static const char *const PER[][2] = {
        {"year", "year"}, {"month", "month"}, {"week", "week"}, {"day", "day"}, {"hour", "hour"},
    };
    *per = NULL;
    if (by && tok_word(sc, &b, "annum")) {
        *per = "year";
    } else if (be && (be->roles & NL_DUR)) {
        for (size_t k = 0; k < sizeof PER / sizeof PER[0]; k++) {
            if (tok_word_n(sc, &b, PER[k][0], strlen(PER[k][0]))) {
                *per = PER[k][1]; /* the singular unit only: "a years" is no rate */
            }
        }
    }
    tok(sc, b.e, &c);
    if (!*per || (b.e < sc->n && is_alnum(sc->s[b.e])) ||
        (c.kind == TK_WORD && c.ws == 1 && c.e - c.s <= 12 &&
         nn_cue_of(sc->lx, sc->s + c.s, c.e - c.s) == CUE_TIME_AFTER)) {
        *per = NULL;
        return 0;
    }
    return b.e;
}

/* The record's extra members of a mention with more than a modifier: "value_str" (a value of
 * more than 15 digits), "mod", "per" (a rate). Rare (~1% of mentions): out of nn_emit, with its
 * buffers. @returns them in the arena, or MOD_JSON / NULL when only a modifier or nothing. */
static __attribute__((noinline, cold)) const char *emit_extra(scan *sc, const ment *m,
                                                              const char *per)
{
    char extra[160];
    size_t xl = 0;
    char txt[96];
    if (m->has_v && m->v.ok && m->v.den == 1 && m->v.m >= 1000000000000000ull &&
        nv_text(m->v, m->neg, txt, sizeof txt)) {
        size_t tl = strlen(txt);
        memcpy(extra, "\"value_str\":\"", 13);
        memcpy(extra + 13, txt, tl);
        extra[13 + tl] = '"';
        xl = 14 + tl;
    }
    if (!xl && !per) {
        return m->mod ? MOD_JSON[m->mod] : NULL;
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
    if (per && xl < sizeof extra - 24) {
        size_t pl = strlen(per);
        if (xl) {
            extra[xl++] = ',';
        }
        memcpy(extra + xl, "\"per\":\"", 7);
        memcpy(extra + xl + 7, per, pl);
        extra[xl + 7 + pl] = '"';
        xl += 8 + pl;
    }
    return nf_arena_strndup(&sc->doc->arena, extra, xl);
}

/* A new record of the field [s, e) with every member written (the slot is not initialised):
 * no value, unit or currency (nn_emit sets those it has). */
static inline nf_ann *ann_write(scan *sc, uint32_t s, uint32_t e, const char *label,
                                const char *vtext, const char *extra)
{
    nf_ann *a = nf_doc_ann_push(sc->doc);
    a->field = sc->field;
    a->kind = NF_ANN_NUMBER;
    a->flags = 0;
    a->start = s;
    a->end = e;
    a->label = label;
    a->value = 0;
    a->value_max = 0;
    a->value_text = vtext;
    a->unit = NULL;
    a->currency = NULL;
    a->country = NULL;
    a->canonical = NULL;
    a->extra_json = extra;
    return a;
}

void nn_emit_text(scan *sc, uint32_t s, uint32_t e, const char *label, const char *vtext,
                  uint8_t mod)
{
    if (s < sc->last_end || e <= s || e > sc->n) {
        return; /* (as nn_emit) */
    }
    nf_ann *a = ann_write(sc, s, e, label, vtext, mod ? MOD_JSON[mod] : NULL);
    (void)a;
    assert(nf_doc_ann_ok(sc->doc, a));
    sc->last_end = e;
}

/* The bytes after a mention that may start a rate (" a year", " an hour", " per day",
 * "-a-week", "/hour"): rate_tail reads them for a MONEY, PERCENT or QUANTITY. */
static inline bool rate_may_follow(const scan *sc, uint32_t e)
{
    const char *r = sc->s + e;
    return e + 5 < sc->n &&
           ((r[0] == ' ' && (((r[1] | 0x20) == 'a' &&
                              (r[2] == ' ' || ((r[2] | 0x20) == 'n' && r[3] == ' '))) ||
                             ((r[1] | 0x20) == 'p' && (r[2] | 0x20) == 'e' &&
                              (r[3] | 0x20) == 'r' && r[4] == ' '))) ||
            (r[0] == '-' && ((r[1] | 0x20) == 'a' || (r[1] | 0x20) == 'p')) ||
            (r[0] == '/' && is_alpha(r[1])));
}

/* nn_emit past its common case (nn_emit tests which): a rate after the mention, a range, a
 * value of more than 15 digits or one nv_double converts by its slow path, a full array. */
static __attribute__((noinline)) void emit_full(scan *sc, const ment *m)
{
    uint32_t end = m->e;
    const char *per = NULL;
    /* MONEY, PERCENT, QUANTITY: a rate after it (" a year", " an hour", " per day") */
    if (rate_may_follow(sc, m->e) &&
        (m->label[0] == 'M' || m->label[0] == 'P' || m->label[0] == 'Q')) {
        uint32_t te = rate_tail(sc, m->e, &per);
        end = te ? te : end;
    }
    bool has_v = m->has_v && m->v.ok;
    /* A double holds 15 significant digits exactly; beyond that the record also gives the text.
     * (m >= 10^15: more than 15 digits, without counting them one division at a time) */
    const char *extra = m->mod ? MOD_JSON[m->mod] : NULL;
    if (per || (has_v && m->v.den == 1 && m->v.m >= 1000000000000000ull)) {
        extra = emit_extra(sc, m, per); /* (before the slot: the array stays the arena's top) */
    }
    nf_ann *a = ann_write(sc, m->s, end, m->label, m->vtext, extra);
    a->unit = m->unit;
    a->currency = m->currency;
    if (has_v) {
        double d = nv_double(m->v);
        a->value = m->neg ? -d : d;
        a->flags = NF_ANN_HAS_VALUE;
        if (m->has_max && m->vmax.ok) {
            double dm = nv_double(m->vmax);
            a->value_max = m->neg ? -dm : dm;
            a->flags |= NF_ANN_HAS_VALUE_MAX;
        }
    }
    assert(nf_doc_ann_ok(sc->doc, a));
    sc->last_end = end;
}

/* The record of a mention. Most (~95%: no rate, range or long value, room in the array) are
 * written here by a leaf - no register saved, no frame, the value converted inline - and the
 * rest by emit_full, a tail call. */
void nn_emit(scan *sc, const ment *m)
{
    if (m->s < sc->last_end || m->e <= m->s || m->e > sc->n) {
        return; /* never overlap, never empty: a parser bug must not corrupt the record */
    }
    static const double P10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    bool has_v = m->has_v && m->v.ok;
    nf_doc *doc = sc->doc;
    /* (m < 10^15: no "value_str", and nv_double's exact fast path, as nv_double computes it) */
    if ((has_v && (m->has_max || m->v.m >= 1000000000000000ull || m->v.e < -22 || m->v.e > 22)) ||
        doc->n_anns == doc->cap_anns ||
        ((m->label[0] == 'M' || m->label[0] == 'P' || m->label[0] == 'Q') &&
         rate_may_follow(sc, m->e))) {
        emit_full(sc, m);
        return;
    }
    nf_ann *a = ann_write(sc, m->s, m->e, m->label, m->vtext, m->mod ? MOD_JSON[m->mod] : NULL);
    a->unit = m->unit;
    a->currency = m->currency;
    if (has_v) {
        double d = (double)m->v.m;
        d = m->v.e >= 0 ? d * P10[m->v.e] : d / P10[-m->v.e];
        d = m->v.den > 1 ? d / m->v.den : d;
        a->value = m->neg ? -d : d;
        a->flags = NF_ANN_HAS_VALUE;
    }
    assert(nf_doc_ann_ok(sc->doc, a));
    sc->last_end = m->e;
}

void nn_emit_score(scan *sc, uint32_t s, uint32_t e)
{
    ment m;
    memset(&m, 0, sizeof m);
    m.s = s;
    m.e = e;
    m.label = "CARDINAL";
    nn_emit(sc, &m);
}

const char *nn_arena_printf(scan *sc, const char *fmt, ...)
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

/* Keep token \p t read at \p pos in slot \p k of the cache, and a token after blanks also
 * keyed by its own start (lex_longest and the tok_entry callers ask it there), without them. */
static inline void tok_keep(tokc *c, uint32_t pos, const nn_tok *t, uint32_t k)
{
    c->pos[k] = pos;
    c->t[k] = *t;
    if (t->s != pos && t->kind != TK_END) {
        uint32_t k2 = t->s & (TOKC_SIZE - 1);
        c->pos[k2] = t->s;
        c->t[k2] = *t;
        c->t[k2].ws = 0;
    }
}

/* The cut of the parts nn_tok_ascii leaves, out of line and reached by a tail call: the common
 * cut saves no register for a call. */
static void __attribute__((noinline)) tok_miss_other(const scan *sc, uint32_t pos, nn_tok *t)
{
    nn_tok_other(sc->s, sc->n, pos, t);
    tok_keep(sc->tc, pos, t, pos & (TOKC_SIZE - 1));
}

void __attribute__((noinline)) nn_tok_miss(const scan *sc, uint32_t pos, nn_tok *t)
{
    /* nn_tok_next with its ASCII path inlined (numbers.h): one call less on every token cut */
    if (!nn_tok_ascii((const unsigned char *)sc->s, sc->n, pos, t)) {
        tok_miss_other(sc, pos, t);
        return;
    }
    tok_keep(sc->tc, pos, t, pos & (TOKC_SIZE - 1));
}

/* False when the token after \p e (blanks, then an ASCII byte that is no blank: nn_tok_next
 * starts it there, on the same line) cannot go on a key whose second tokens start with a byte
 * of \p first (nn_entry.next_first); true when it may, or when the bytes are other. */
static inline bool next_may_go_on(const scan *sc, uint32_t e, uint64_t first)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    while (e < sc->n && (u[e] == ' ' || u[e] == '\t')) {
        e++;
    }
    return e >= sc->n || u[e] <= ' ' || u[e] >= 0x7F || (first & nn_next_bit(u[e]));
}

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
    uint32_t roles = 0;
    c->cpos[slot] = pos + 1;
    /* Most chains are one token (a word after a number that starts no longer key): its two
     * entries, without the key buffers of the loop below. */
    tok(sc, pos, &t);
    if (t.kind == TK_END || t.s != pos) {
        c->cn[slot] = 0;
        c->croles[slot] = 0;
        return;
    }
    if (t.kind != TK_DIGITS && t.e - t.s <= 48) {
        const nn_entry *ec = nn_tok_entry(sc, &t, 1), *el = nn_tok_entry(sc, &t, 0);
        alive_c = ec && (ec->roles & NL_PREFIX);
        alive_l = el && (el->roles & NL_PREFIX);
        /* A one-token chain unless the token is a prefix of longer keys ("per" of "per cent")
         * and the next token may go on with one ("per share", "US government": it would make
         * no key, and the chain's link for it would hold no entry). Else these entries are the
         * chain's first link, and the loop below goes on from the next token with the keys
         * begun here. */
        if ((!alive_c && !alive_l) ||
            !next_may_go_on(sc, t.e, (alive_c ? ec->next_first : 0) |
                                         (alive_l ? el->next_first : 0))) {
            c->cc[slot][0] = ec;
            c->cl[slot][0] = el;
            c->cend[slot][0] = t.e;
            c->cn[slot] = 1;
            c->croles[slot] = (ec ? ec->roles : 0) | (el ? el->roles : 0);
            return;
        }
        size_t tl = t.e - t.s;
        for (size_t i = 0; i < tl; i++) {
            char ch = sc->s[t.s + i];
            kc[i] = ch;
            kl[i] = lower(ch);
            hc = nn_hash_step(hc, (unsigned char)ch);
        }
        hl = t.hash_lc;
        len = tl;
        c->cc[slot][0] = ec;
        c->cl[slot][0] = el;
        c->cend[slot][0] = t.e;
        roles = (ec ? ec->roles : 0) | (el ? el->roles : 0);
        pos = t.e;
        k = 1;
    }
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
        { /* (k == 0 here: a digit run or a long token; its keys are hashed as the next ones) */
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
        roles |= (ec ? ec->roles : 0) | (el ? el->roles : 0);
        c->cend[slot][k] = t.e;
        pos = t.e;
    }
    c->cn[slot] = k;
    c->croles[slot] = roles;
}

/* Longest key with one of \p roles starting with the token at \p pos (no line breaks inside).
 * Tries the case-sensitive and the lower-cased key at every length. */
bool nn_lex_longest(const scan *sc, uint32_t pos, uint32_t roles, lexm *out)
{
    tokc *c = sc->tc;
    int slot = (int)(pos & (CHAIN_SIZE - 1));
    if (c->cpos[slot] != pos + 1) {
        lex_chain(sc, pos, slot);
    }
    out->e = NULL;
    if (!(c->croles[slot] & roles)) {
        return false; /* (most words after a number have none of the roles asked for) */
    }
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

uint32_t nn_lex_roles(const scan *sc, uint32_t pos)
{
    tokc *c = sc->tc;
    int slot = (int)(pos & (CHAIN_SIZE - 1));
    if (c->cpos[slot] != pos + 1) {
        lex_chain(sc, pos, slot);
    }
    return c->croles[slot];
}

/* The word token that ends right before \p pos (only blanks between, no line break). */
static bool prev_word_read(const scan *sc, uint32_t pos, nn_tok *t)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    t->kind = TK_END; /* callers may test the token even when there is none */
    t->s = t->e = pos;
    t->ws = 0;
    t->cap = false;
    t->tf = NN_TF_ASCII;
    t->hash_lc = NN_HASH_INIT;
    uint32_t i;
    uint32_t end = nn_letters_before(sc, pos, &i);
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
    t->tf = (lowbits & 0x20) ? NN_TF_ASCII : NN_TF_ASCII | NN_TF_UPPER;
    t->hash_lc = h;
    return true;
}

bool nn_prev_word(const scan *sc, uint32_t pos, nn_tok *t)
{
    tokc *c = sc->tc;
    uint32_t k = pos & (PREVC_SIZE - 1);
    if (c->ppos[k] != pos + 1) {
        /* Read into a local, then stored twice: read into the cache and copied out of it, the
         * token's sixteen bytes were loaded right after its fields' narrow stores, which the
         * store buffer cannot forward to one load (a stall of ~a dozen cycles a first read,
         * ~1/5 of this function's time). */
        nn_tok w;
        bool ok = prev_word_read(sc, pos, &w);
        c->ppos[k] = pos + 1;
        c->pok[k] = ok;
        c->pt[k] = w;
        *t = w;
        return ok;
    }
    *t = c->pt[k];
    return c->pok[k];
}

/* Roles of the word right before pos (0 when none). */
uint32_t nn_prev_roles(const scan *sc, uint32_t pos, nn_tok *t)
{
    if (!nn_prev_word(sc, pos, t)) {
        return 0;
    }
    const nn_entry *e = nn_tok_entry(sc, t, 0);
    return e ? e->roles : 0;
}

/* True when pos begins a sentence: start of field or line, or after . ! ? : ; and opening
 * quotes or brackets. */
bool nn_sentence_start(const scan *sc, uint32_t pos)
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

/* ---- Digit groups -------------------------------------------------------------------------
 *
 * Numbers made of digit groups joined by one kind of separator ('-', '/', '.', ':', en dash):
 * numeric dates, year ranges, clock times, fractions and identifiers. try_digit_groups reads
 * the groups once and asks the readers below in order; the first that decides says where
 * scanning continues (0: the number parser reads the digits instead). */

typedef struct dgroups {
    uint32_t i;               /* where the first group starts */
    uint32_t gs[5], ge[5];    /* group spans */
    int len[5];               /* group lengths */
    long v[5];                /* group values (-1 beyond 9 digits), when a reader reads them */
    int k;                    /* number of groups */
    char sep;                 /* the first separator */
    bool mixed;               /* more than one kind of separator */
    uint32_t p;               /* where reading stopped */
    uint32_t end;             /* end of the last group */
    bool tail_alpha;          /* a letter right after */
    bool tail_num;            /* ".5" or ",5" right after: a decimal or grouped number */
} dgroups;

static inline bool dg_done(uint32_t *out, uint32_t e)
{
    *out = e;
    return true;
}

/* Read the digit groups at \p i into \p g; the first has \p d0 digits when on_digits counted
 * them (else 0). */
static void dg_read(const scan *sc, uint32_t i, uint32_t d0, dgroups *g)
{
    const char *s = sc->s;
    uint32_t n = sc->n;
    uint32_t p = i;
    g->i = i;
    g->k = 0;
    g->sep = 0;
    g->mixed = false; /* (the arrays are written for the groups read) */
    while (g->k < 5) {
        g->gs[g->k] = p;
        uint64_t v;
        uint32_t d;
        if (d0) {
            p += d0;
            d0 = 0;
        } else if (nn_load8(s, n, p, &v) && (d = nn_swar_digits(v)) < 8) {
            p += d; /* (the group ends in these eight bytes) */
        } else {
            while (p < n && is_digit(s[p])) {
                p++;
            }
        }
        g->ge[g->k] = p;
        g->len[g->k] = (int)(p - g->gs[g->k]);
        g->k++;
        if (p + 1 < n && (s[p] == '-' || s[p] == '/' || s[p] == '.' || s[p] == ':') &&
            is_digit(s[p + 1])) {
            if (g->sep && s[p] != g->sep) {
                g->mixed = true;
            }
            if (!g->sep) {
                g->sep = s[p];
            }
            p++;
            continue;
        }
        if (p + 4 < n && (unsigned char)s[p] == 0xE2 && (unsigned char)s[p + 1] == 0x80 &&
            (unsigned char)s[p + 2] == 0x93 && is_digit(s[p + 3]) && g->k == 1) {
            g->sep = '-'; /* en dash */
            p += 3;
            continue;
        }
        break;
    }
    g->p = p;
    g->end = g->ge[g->k - 1];
}

/* What follows the last group of \p g, and the groups' values when \p values (the readers of
 * two or more groups need them; one group, most numbers, goes to the number parser without). */
static void dg_values(const scan *sc, dgroups *g, bool values)
{
    const char *s = sc->s;
    uint32_t n = sc->n;
    for (int j = 0; values && j < g->k; j++) {
        g->v[j] = -1;
        if (g->len[j] <= 9) {
            g->v[j] = 0;
            for (uint32_t q = g->gs[j]; q < g->ge[j]; q++) {
                g->v[j] = g->v[j] * 10 + (s[q] - '0');
            }
        }
    }
    uint32_t end = g->end;
    g->tail_alpha = end < n && is_alpha(s[end]);
    g->tail_num = end + 1 < n && (s[end] == '.' || s[end] == ',') && is_digit(s[end + 1]);
}

/* three groups: "2023-11-28", "28/11/2023", "13.5.2015", "11/28/23" (date_order decides 05/06) */
static bool dg_ymd(scan *sc, const dgroups *g, uint32_t *out)
{
    char sep = g->sep;
    int k = g->k;
    bool mixed = g->mixed;
    uint32_t end = g->end;
    const int *len = g->len;
    const long *v = g->v;
    bool tail_alpha = g->tail_alpha;
    bool tail_num = g->tail_num;
    uint32_t i = g->i;
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
        if (y >= 1000 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 &&
            d <= nn_days_in_month(y, mo)) {
            nn_emit_date(sc, i, end, nn_date_text(sc, y, mo, d));
            return dg_done(out, end);
        }
    }
    return false;
}

/* "08/12,2015", "08/12, 2015", "08/12,15": month and day, then the year */
static bool dg_md_comma_year(scan *sc, const dgroups *g, uint32_t *out)
{
    const char *s = sc->s;
    uint32_t n = sc->n;
    char sep = g->sep;
    int k = g->k;
    uint32_t end = g->end;
    const int *len = g->len;
    const long *v = g->v;
    uint32_t i = g->i;
    if (k == 2 && sep == '/' && len[0] <= 2 && len[1] <= 2 && end + 2 < n && s[end] == ',') {
        /* "08/12,2015", "08/12, 2015", "08/12,15": month and day, then the year */
        uint32_t yp = end + 1 + (s[end + 1] == ' ');
        int y, a = (int)v[0], b = (int)v[1];
        int ly = nn_read_digits(sc, yp, 4, &y);
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
            if (mo >= 1 && mo <= 12 && d >= 1 && d <= nn_days_in_month(y, mo)) {
                nn_emit_date(sc, i, ye, nn_date_text(sc, y, mo, d));
                return dg_done(out, ye);
            }
        }
    }
    return false;
}

/* "10:30pm", "6:05am" */
static bool dg_clock_ampm_glued(scan *sc, const dgroups *g, uint32_t *out)
{
    const char *s = sc->s;
    uint32_t n = sc->n;
    char sep = g->sep;
    int k = g->k;
    uint32_t end = g->end;
    const int *len = g->len;
    const long *v = g->v;
    bool tail_alpha = g->tail_alpha;
    uint32_t i = g->i;
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
        m.vtext = nn_arena_printf(sc, "T%02d:%02d", hh, (int)v[1]);
        nn_emit(sc, &m);
        return dg_done(out, end + 2);
    }
    return false;
}

enum { SC_NONE, SC_SCORE, SC_TALLY }; /* what score_cue found */

/* a word of a vote tally (cues.tsv flag tally: "voted", "ruled", "decision", "margin") */
static bool is_tally(const scan *sc, const nn_tok *w)
{
    const nn_cue *c = nn_cue_slot(sc->lx, sc->s + w->s, w->e - w->s);
    return c && (c->flags & CUEF_TALLY);
}

/* What the words before a pair of counts at \p pos say: SC_SCORE after a result word with at
 * most three capitalised words, "the" or verbs between ("beat the Los Angeles Lakers 3-2", "the
 * score was 2-0"), SC_TALLY after a word of a vote tally when the pair falls (\p desc: "voted
 * 5-4", "the vote was 6-3"; a tally noun before "of": "by a vote of 230-197"), else SC_NONE. */
static int cue_before(const scan *sc, uint32_t pos, bool desc)
{
    nn_tok w;
    for (int k = 0; k < 4 && nn_prev_word(sc, pos, &w); k++) {
        int cue = nn_cue_of(sc->lx, sc->s + w.s, w.e - w.s);
        if (cue == CUE_SCORE_BEFORE) {
            return SC_SCORE;
        }
        if (desc && is_tally(sc, &w)) {
            return SC_TALLY;
        }
        if (k == 0 && sc->score_end && w.s >= sc->score_end && w.s - sc->score_end <= 1 &&
            tok_word(sc, &w, "and")) {
            return SC_SCORE; /* a second pair after "and": "by votes of 230-to-197 and 229-to-198" */
        }
        nn_tok v;
        if (desc && !w.cap && tok_word(sc, &w, "of") && nn_prev_word(sc, w.s, &v) &&
            is_tally(sc, &v)) {
            return SC_TALLY; /* (the grammar word of "a vote of", "a majority of") */
        }
        if (!w.cap && !tok_word(sc, &w, "the") &&
            (cue == CUE_NONE || cue == CUE_DAY_PREP || cue == CUE_AFTER_VERB ||
             cue == CUE_CLAUSE || cue == CUE_NO_TENSE) &&
            !(k == 0 && cue == CUE_NONE && nn_prev_word(sc, w.s, &v) && v.e + 1 == w.s &&
              tok_word(sc, &v, "the"))) {
            break; /* (names, "the" and verbs of tense.tsv may come between: "score was";
                      not a particle: "tied up 10-20 boats"; the object right before the pair,
                      after "the": "passed the bill 319 to 219", "won the match 3-1") */
        }
        pos = w.s;
    }
    return SC_NONE;
}

bool nn_tally_before(const scan *sc, uint32_t pos)
{
    return cue_before(sc, pos, true) != SC_NONE;
}

/* SC_SCORE when a score cue (data/numbers/cues.tsv) is near the two groups: a result word before
 * them with at most three capitalised words, "the" or verbs between ("beat Denmark 3-2", "beat
 * the Los Angeles Lakers 3-2", "drew 1-1", "the score was 2-0"), or a result noun right after
 * them ("a 2-1 win"); SC_TALLY for a word of a vote tally there ("voted 5-4", "the vote was
 * 6-3", "a 7-2 decision"). */
static int score_cue(const scan *sc, const dgroups *g)
{
    /* The sets of a tennis score follow the first with a comma or a blank ("won 6-4, 6-3"):
     * the result word before the first is the cue of them all. */
    if (sc->score_end && sc->score_end <= g->i && g->i - sc->score_end <= 3) {
        uint32_t k = sc->score_end;
        k += sc->s[k] == ',';
        while (k < g->i && (sc->s[k] == ' ' || sc->s[k] == '\t')) {
            k++;
        }
        if (k == g->i && k > sc->score_end) {
            return SC_SCORE;
        }
    }
    /* (a tally has its larger count first: no tally word is looked up otherwise) */
    bool desc = g->v[0] >= g->v[1];
    int before = cue_before(sc, g->i, desc);
    if (before != SC_NONE) {
        return before;
    }
    nn_tok w;
    tok(sc, g->end, &w);
    if (!(w.kind == TK_WORD && w.ws == 1 && (w.tf & NN_TF_ASCII) && w.e - w.s <= 12)) {
        return SC_NONE;
    }
    return nn_cue_of(sc->lx, sc->s + w.s, w.e - w.s) == CUE_SCORE_AFTER ? SC_SCORE
           : desc && is_tally(sc, &w)                                 ? SC_TALLY
                                                                      : SC_NONE;
}

/* a sports score or a vote tally: "beat Denmark 3-2", "a 2-1 win", "drew 1-1", "voted 5-4", "a
 * 6-3 decision": one CARDINAL without a value (a pair of counts; docs/numbers.md). Counts of
 * three digits ("beat the Celtics 110-102", "passed 220-207") only larger first: a range is
 * never written so; a tally is always written so ("the 18-24 vote" is an age band). */
static bool dg_score(scan *sc, const dgroups *g, uint32_t *out)
{
    if (g->k != 2 || g->sep != '-' || g->mixed || g->tail_alpha || g->tail_num || g->len[0] > 3 ||
        g->len[1] > 3) {
        return false;
    }
    bool desc = g->v[0] >= g->v[1];
    if ((g->len[0] > 2 || g->len[1] > 2) && !desc) {
        return false;
    }
    int cue = score_cue(sc, g);
    if (cue == SC_NONE) {
        return false;
    }
    nn_emit_score(sc, g->i, g->end);
    sc->score_end = g->end;
    return dg_done(out, g->end);
}

/* a phone number's local part: "555-0143" (three digits, a hyphen, four); not two round
 * counts that rise ("800-1000 people", "500-2500": multiples of fifty, a range the number
 * parser reads), which a local part is about once in ten thousand */
static bool dg_phone(scan *sc, const dgroups *g, uint32_t *out)
{
    if (g->k != 2 || g->sep != '-' || g->mixed || g->len[0] != 3 || g->len[1] != 4) {
        return false;
    }
    if (g->v[0] % 50 == 0 && g->v[1] % 50 == 0 && g->v[1] > g->v[0] && g->v[1] >= 1000) {
        return false;
    }
    return dg_done(out, nn_skip_ident(sc, g->i));
}

/* "2019-2020", "2019/20" (not before a percent sign) */
static bool dg_year_range(scan *sc, const dgroups *g, uint32_t *out)
{
    char sep = g->sep;
    uint32_t end = g->end;
    const int *len = g->len;
    const long *v = g->v;
    uint32_t i = g->i;
    if (g->k != 2 || g->mixed || g->tail_alpha || g->tail_num) {
        return false;
    }
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
            /* "fiscal 2024-25": two years in a row name one fiscal year, its words in the span */
            uint32_t st = y2 == v[0] + 1 ? nn_fiscal_before(sc, i) : i;
            nn_emit_date(sc, st, end, nn_arena_printf(sc, "%04ld/%04ld", v[0], y2));
            return dg_done(out, end);
        }
    }
    return false;
}

/* "23:59:59", "2:14:04": hours, minutes and seconds (three groups that are no identifier).
 * With two digits of hours or a time zone after it it is a clock reading (timestamps are
 * zero-padded: "09:15:42" T09:15:42; "3:24:55 UTC"); else an elapsed time, as race results write it ("ran the 400 metres
 * in 2:10:23", "won the marathon in 2:14:04": the duration PT2H14M4S, a TIME as hour
 * durations are). */
static bool dg_clock_seconds(scan *sc, const dgroups *g, uint32_t *out)
{
    const int *len = g->len;
    const long *v = g->v;
    if (g->k != 3 || g->sep != ':' || g->mixed || g->tail_alpha || g->tail_num || len[0] > 2 ||
        len[1] != 2 || len[2] != 2 || v[0] > 24 || v[1] > 59 || v[2] > 59) {
        return false;
    }
    /* a time zone after it (a word in capitals: "3:24:55 UTC") makes it a clock reading too */
    nn_tok z;
    tok(sc, g->end, &z);
    bool zone = z.kind == TK_WORD && z.ws == 1 && (z.tf & NN_TF_UPPER) && z.e - z.s >= 2 && z.e - z.s <= 4;
    ment m;
    memset(&m, 0, sizeof m);
    m.s = g->i;
    m.e = g->end;
    m.label = "TIME";
    if (len[0] == 2 || zone) {
        m.vtext = nn_arena_printf(sc, "T%02d:%02d:%02d", (int)v[0], (int)v[1], (int)v[2]);
    } else {
        /* (the parts that are not zero, at least the seconds: "0:00:58" PT58S) */
        char h[8] = "", mi[8] = "";
        if (v[0]) {
            snprintf(h, sizeof h, "%dH", (int)v[0]);
        }
        if (v[1]) {
            snprintf(mi, sizeof mi, "%dM", (int)v[1]);
        }
        m.vtext = v[2] || (!v[0] && !v[1]) ? nn_arena_printf(sc, "PT%s%s%dS", h, mi, (int)v[2])
                                           : nn_arena_printf(sc, "PT%s%s", h, mi);
    }
    nn_emit(sc, &m);
    return dg_done(out, g->end);
}

/* "John 3:16", "Psalm 23:4": two groups with a colon right after a capitalised word that is
 * no lexicon word (not "At", "Monday", "June", "Today") and does not open a sentence are a
 * reference after a name - a verse, a chapter and line -, as "Boeing 737" is: nothing. */
static bool dg_ref_after_name(scan *sc, const dgroups *g, uint32_t *out)
{
    const char *s = sc->s;
    uint32_t i = g->i;
    nn_tok pw;
    if (g->k != 2 || g->sep != ':' || g->mixed || sc->title_case || i < 3 || s[i - 1] != ' ' ||
        !is_alpha(s[i - 2]) || !nn_prev_word(sc, i, &pw) || !pw.cap || pw.e != i - 1 ||
        nn_tok_entry(sc, &pw, 0) || nn_tok_entry(sc, &pw, 1)) {
        return false;
    }
    uint32_t b = pw.s;
    while (b > 0 && s[b - 1] == ' ') {
        b--;
    }
    if (b == 0 || s[b - 1] == '.' || s[b - 1] == '!' || s[b - 1] == '?' || s[b - 1] == '\n' ||
        s[b - 1] == '"' || s[b - 1] == ':') {
        return false; /* (a capital that opens a sentence says nothing) */
    }
    return dg_done(out, nn_skip_ident(sc, i));
}

/* "10:30", "10:30 a.m.", "22:15" */
static bool dg_clock(scan *sc, const dgroups *g, uint32_t *out)
{
    const char *s = sc->s;
    uint32_t n = sc->n;
    char sep = g->sep;
    uint32_t end = g->end;
    const int *len = g->len;
    const long *v = g->v;
    uint32_t i = g->i;
    if (g->k != 2 || g->mixed || g->tail_alpha || g->tail_num) {
        return false;
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
        m.vtext = nn_arena_printf(sc, "T%02d:%02d", hh, (int)v[1]);
        nn_emit(sc, &m);
        return dg_done(out, e);
    }
    return false;
}

/* "on 4/22", "22/04", "2/29" (a date); "3/4" (a CARDINAL fraction); "24/7", "9/11" (identifiers);
 * "7.5", "3-1" are left to the number parser */
/* The end of a percent sign or word right after \p end ("1/2%", "3/4 percent", "1/2 per
 * cent"), 0 when none follows. */
static uint32_t percent_after(const scan *sc, uint32_t end)
{
    nn_tok nx;
    tok(sc, end, &nx);
    if (nx.ws == 2) {
        return 0;
    }
    if (tok_is(sc, &nx, "%")) {
        return nx.e;
    }
    lexm lm;
    if (nx.kind == TK_WORD && nn_lex_longest(sc, nx.s, NL_PCT, &lm) &&
        lm.e->pct == PCT_PERCENT) {
        return lm.end;
    }
    return 0;
}

/* day_range_month: "3-5 May", "10-12 June 2023": a range of days before a month name is one
 * DATE interval, as "May 3-5" (before "on 3-5" is read as month 3, day 5). */
static bool dg_day_range_month(scan *sc, const dgroups *g, uint32_t *out)
{
    if (g->k != 2 || g->sep != '-' || g->mixed || g->tail_alpha || g->tail_num || g->len[0] > 2 ||
        g->len[1] > 2 || g->v[0] < 1 || g->v[0] >= g->v[1] || g->v[1] > 31) {
        return false;
    }
    nn_tok nx;
    tok(sc, g->end, &nx);
    const nn_entry *me = nx.kind == TK_WORD && nx.ws == 1 ? nn_tok_entry(sc, &nx, 0) : NULL;
    if (!me || !(me->roles & NL_MONTH) || (!nx.cap && (me->cal_flags & CAL_WEAK)) ||
        (nx.e < sc->n && is_alpha(sc->s[nx.e]))) {
        return false;
    }
    uint32_t q = nx.e;
    if (q < sc->n && sc->s[q] == '.' && (me->cal_flags & CAL_ABBR)) {
        q++;
    }
    int year = 0, d1 = (int)g->v[0];
    nn_opt_year(sc, &q, &year);
    if (!year) {
        year = nn_infer_year_tense(sc, me->month, d1, g->i, q);
    }
    if (!nn_emit_day_range(sc, g->i, q, year, me->month, d1, (int)g->v[1])) {
        return false;
    }
    return dg_done(out, q);
}

static bool margin_before(const scan *sc, uint32_t pos);

/* The start of a sign before the digit fraction or currency at \p i, or \p i when it has none:
 * a minus glued to it as on_digits reads one ("-1/2", "(-3/8)", "−1/2" U+2212, "-$5 million"),
 * or a word of words.tsv neg one blank before it ("minus 1/2", "negative $3 billion"; nw_minus
 * leaves such a word to them), not the "minus" of a margin ("plus or minus 1/2": a size). */
static __attribute__((noinline, cold)) uint32_t sign_word_before(const scan *sc, uint32_t i);

/* A sign may end right before \p i: a minus, the last byte of U+2212, or a blank after a
 * letter that a neg word ends with (sign_before; inline: most amounts have none). */
static inline bool sign_maybe(const scan *sc, uint32_t i)
{
    const char *s = sc->s;
    unsigned char c = i >= 1 ? (unsigned char)s[i - 1] : 0;
    return c == '-' || c == 0x92 ||
           (c == ' ' && i >= 2 && is_alpha(s[i - 2]) &&
            (sc->lx->neg_last & (1u << ((s[i - 2] | 0x20) - 'a'))));
}

static uint32_t sign_before(const scan *sc, uint32_t i)
{
    const char *s = sc->s;
    if (i >= 1 && s[i - 1] == '-' && i - 1 >= sc->last_end &&
        (i == 1 || s[i - 2] == ' ' || s[i - 2] == '(' || s[i - 2] == '\n')) {
        return i - 1;
    }
    if (i >= 3 && (unsigned char)s[i - 3] == 0xE2 && (unsigned char)s[i - 2] == 0x88 &&
        (unsigned char)s[i - 1] == 0x92 && i - 3 >= sc->last_end) {
        return i - 3;
    }
    if (i < 2 || s[i - 1] != ' ' || !is_alpha(s[i - 2]) ||
        !(sc->lx->neg_last & (1u << ((s[i - 2] | 0x20) - 'a')))) {
        return i;
    }
    return sign_word_before(sc, i);
}

/* The neg word of sign_before ("minus 1/2", "negative $3 billion"): its start, or \p i. */
static __attribute__((noinline, cold)) uint32_t sign_word_before(const scan *sc, uint32_t i)
{
    const char *s = sc->s;
    uint32_t b = i - 2; /* the word's first letter, by bytes: a filter before the lookup */
    while (b > 0 && i - 1 - b < 32 && is_alpha(s[b - 1])) {
        b--;
    }
    nn_tok pw;
    if (i - 1 - b < 32 && (sc->lx->neg_len & (1u << (i - 1 - b))) && nn_prev_word(sc, i, &pw) &&
        pw.s >= sc->last_end && pw.e + 1 == i) {
        const nn_entry *pe = nn_tok_entry(sc, &pw, 0);
        if (pe && (pe->roles & NL_NEG) && !margin_before(sc, pw.s)) {
            return pw.s;
        }
    }
    return i;
}

/* A digit fraction "3/4" over [i, end): CARDINAL n/d; a scale word after it scales it ("3/4
 * million" 750 000, as "2 1/2 million"), a percent after it makes it a PERCENT ("1/2
 * percent"); a sign before it makes it negative (sign_before). @returns the end of the
 * mention. */
static uint32_t emit_digit_fraction(scan *sc, uint32_t i, uint32_t end, long n, long d)
{
    ment m;
    memset(&m, 0, sizeof m);
    m.s = sign_before(sc, i);
    m.neg = m.s != i;
    m.e = end;
    m.label = "CARDINAL";
    m.v = nv_int((uint64_t)n);
    nv_div(&m.v, (uint32_t)d);
    nn_tok nx;
    tok(sc, end, &nx);
    const nn_entry *ne = nx.ws == 1 && nx.kind == TK_WORD ? nn_tok_entry(sc, &nx, 0) : NULL;
    if (ne && (ne->roles & NL_SCALE) && ne->scale >= 3 &&
        !(nx.e < sc->n && is_alnum(sc->s[nx.e]))) {
        m.v = nn_scaled(m.v, ne->scale);
        m.e = nx.e;
    }
    m.has_v = m.v.ok;
    m.mod = nn_lookback_mod(sc, m.s); /* "nearly 3/4", as "nearly three quarters" */
    uint32_t pe = percent_after(sc, m.e);
    if (pe) {
        m.label = "PERCENT"; /* "1/2 percent", as "2 1/4 percent" */
        m.e = pe;
    }
    nn_emit(sc, &m);
    return m.e;
}

/* suffixed_fraction: "5/8ths", "2/3rds", "1/4th": a digit fraction with the ordinal suffix of
 * its denominator (and a plural "s") is the fraction, as "5/8". */
static bool dg_suffixed_fraction(scan *sc, const dgroups *g, uint32_t *out)
{
    if (g->k != 2 || g->sep != '/' || g->mixed || !g->tail_alpha || g->tail_num ||
        g->len[0] > 2 || g->len[1] > 3 || g->v[0] < 1 || g->v[0] >= g->v[1] ||
        sc->s[g->gs[0]] == '0') {
        return false;
    }
    long d = g->v[1];
    const char *suf = d % 100 >= 11 && d % 100 <= 13 ? "th"
                      : d % 10 == 2                  ? "nd"
                      : d % 10 == 3                  ? "rd"
                                                     : "th";
    uint32_t q = g->end;
    if (q + 2 > sc->n || lower(sc->s[q]) != suf[0] || lower(sc->s[q + 1]) != suf[1]) {
        return false;
    }
    q += 2;
    if (q < sc->n && lower(sc->s[q]) == 's') {
        q++;
    }
    if (q < sc->n && is_alnum(sc->s[q])) {
        return false;
    }
    return dg_done(out, emit_digit_fraction(sc, g->i, q, g->v[0], d));
}

static bool dg_month_day_or_fraction(scan *sc, const dgroups *g, uint32_t *out)
{
    const char *s = sc->s;
    const uint32_t *gs = g->gs;
    char sep = g->sep;
    uint32_t end = g->end;
    const int *len = g->len;
    const long *v = g->v;
    uint32_t i = g->i;
    if (g->k != 2 || g->mixed || g->tail_alpha || g->tail_num) {
        return false;
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
        if ((on || (sep == '/' && v[0] != v[1])) && nn_numeric_md(sc, i, &mo, &d, &amb) == end) {
            tok(sc, end, &nx);
            const nn_entry *ne = nn_tok_entry(sc, &nx, 0);
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
                int y = nn_infer_year_tense(sc, mo, d, i, end);
                if (y && d > nn_days_in_month(y, mo)) {
                    y = 0; /* "2/29" in a year without one: leave the year out */
                }
                nn_emit_date(sc, i, end, nn_date_text(sc, y, mo, d));
                return dg_done(out, end);
            }
        }
        if (sep == '.') {
            return dg_done(out, 0); /* a decimal number */
        }
        if (sep != '/') {
            return dg_done(out, 0);
        }
        bool common_den = v[1] == 2 || v[1] == 3 || v[1] == 4 || v[1] == 5 || v[1] == 8 ||
                          v[1] == 10 || v[1] == 16;
        if (v[0] >= 1 && v[0] < v[1] && common_den && s[gs[0]] != '0') {
            return dg_done(out, emit_digit_fraction(sc, i, end, v[0], v[1]));
        }
        return dg_done(out, nn_skip_ident(sc, i)); /* "24/7", "9/11", "50/50" */
    }
    return false;
}

/* other two groups ("3-1", "1.5"): the number parser reads them */
static bool dg_two_groups_other(scan *sc, const dgroups *g, uint32_t *out)
{
    (void)sc;
    if (g->k != 2 || g->mixed || g->tail_alpha || g->tail_num) {
        return false;
    }
    return dg_done(out, 0);
    return false;
}

/* European thousands: "2.345.678" is a number */
static bool dg_euro_thousands(scan *sc, const dgroups *g, uint32_t *out)
{
    (void)sc;
    char sep = g->sep;
    int k = g->k;
    bool mixed = g->mixed;
    const int *len = g->len;
    if (sep == '.' && !mixed && len[0] <= 3) {
        bool groups = true;
        for (int j = 1; j < k; j++) {
            groups = groups && len[j] == 3;
        }
        if (groups) {
            return dg_done(out, 0); /* European thousands: "2.345.678" */
        }
    }
    return false;
}

/* "2.5-3.0%", "1.2-1.5 billion", "4.25-4.50 percent", "0.5-1": two numbers, one of them or both
 * with a decimal part, joined by a hyphen, rising: a range the number parser reads (three or
 * four groups of mixed separators are otherwise an identifier). Parts of at most three digits
 * ("555.123-4567" is a phone number). */
static __attribute__((noinline, cold)) bool decimal_range(scan *sc, const dgroups *g,
                                                          uint32_t *out)
{
    const char *s = sc->s;
    int dash = -1;
    for (int j = 0; j + 1 < g->k; j++) {
        char c = s[g->ge[j]];
        if (c == '-' && dash < 0) {
            dash = j;
        } else if (c != '.') {
            return false;
        }
        if (g->len[j] > 3) {
            return false;
        }
    }
    /* (one dot on each side at most: "1.2.3-4" is a version) */
    if (dash < 0 || dash > 1 || g->k - 1 - dash > 2 || g->len[g->k - 1] > 3) {
        return false;
    }
    double lo = (double)g->v[0], hi = (double)g->v[dash + 1];
    if (dash == 1) {
        lo += (double)g->v[1] / (g->len[1] == 1 ? 10 : g->len[1] == 2 ? 100 : 1000);
    }
    if (g->k - 1 - dash == 2) {
        hi += (double)g->v[g->k - 1] /
              (g->len[g->k - 1] == 1 ? 10 : g->len[g->k - 1] == 2 ? 100 : 1000);
    }
    return lo < hi && dg_done(out, 0);
}

/* (the test of mixed separators inline, the reader out of line: on_digits stays as it was) */
static inline bool dg_decimal_range(scan *sc, const dgroups *g, uint32_t *out)
{
    return g->mixed && g->k <= 4 && !g->tail_num && decimal_range(sc, g, out);
}

/* three or more groups: phone numbers, addresses, versions, codes ("+1-222-2222", "1.2.3") */
static bool dg_ident(scan *sc, const dgroups *g, uint32_t *out)
{
    char sep = g->sep;
    int k = g->k;
    bool mixed = g->mixed;
    uint32_t i = g->i;
    if (k >= 3 && (sep == '-' || sep == '.' || sep == '/' || sep == ':' || mixed)) {
        return dg_done(out, nn_skip_ident(sc, i)); /* phone numbers, addresses, versions, codes */
    }
    return false;
}

/* The readers of digit groups, in the order try_digit_groups asks them: X(name, seps, vals, doc).
 * seps: the joins of the groups the reader can take (DG_ANY: any); a reader is asked only for
 * those: a decimal "41.8" goes past the eleven readers before month_day_or_fraction (clocks,
 * dates of three groups, scores, ranges, fractions) without their tests. vals: the joins for
 * which the reader reads the groups' values (v[]); try_digit_groups computes them only when a
 * reader of the run's join reads them - none of a decimal's (DG_DEC: two groups and a dot,
 * 5 550 of c500's 5 946 runs of two or more groups) does. The --stats counter of each is named
 * dg_NAME. */
enum {
    DG_HY = 1,   /* '-' (or an en dash) between all groups */
    DG_SL = 2,   /* '/' */
    DG_DOT = 4,  /* '.' between three or more groups */
    DG_COL = 8,  /* ':' */
    DG_MIX = 16, /* more than one kind */
    DG_DEC = 32, /* '.' between two groups: a decimal ("41.8"), or "2.345" */
    DG_ONE = DG_HY | DG_SL | DG_DOT | DG_DEC | DG_COL,
    DG_ANY = DG_ONE | DG_MIX
};
#define NN_DG_LIST(X)                                                                              \
    X(clock_seconds, DG_COL, DG_COL, "\"23:59:59\" a clock, \"2:14:04\" a race time (PT2H14M4S)")  \
    X(ymd, DG_HY | DG_SL | DG_DOT, DG_HY | DG_SL | DG_DOT,                                         \
      "three groups: \"2023-11-28\", \"28/11/2023\", \"13.5.2015\" (date_order decides "           \
      "05/06)")                                                                                    \
    X(md_comma_year, DG_SL, DG_SL, "\"08/12,2015\": month and day, then the year")                 \
    X(clock_ampm_glued, DG_COL, DG_COL, "\"10:30pm\", \"6:05am\"")                                 \
    X(score, DG_HY, DG_HY,                                                                         \
      "a sports score: \"beat Denmark 3-2\", \"a 2-1 win\": one CARDINAL without a value")         \
    X(phone, DG_HY, DG_HY, "a phone number's local part: \"555-0143\": nothing")                   \
    X(year_range, DG_HY | DG_SL, DG_HY | DG_SL, "\"2019-2020\", \"2019/20\"")                      \
    X(ref_after_name, DG_COL, 0,                                                                   \
      "\"John 3:16\": a colon pair after a capitalised name is a reference: nothing")              \
    X(clock, DG_COL, DG_COL, "\"10:30\", \"10:30 a.m.\"")                                          \
    X(day_range_month, DG_HY, DG_HY,                                                               \
      "\"3-5 May\", \"10-12 June 2023\": a range of days of one month")                            \
    X(suffixed_fraction, DG_SL, DG_SL,                                                             \
      "\"5/8ths\", \"2/3rds\", \"1/4th\": a fraction with its ordinal suffix")                     \
    X(month_day_or_fraction, DG_HY | DG_SL | DG_DEC, DG_SL,                                        \
      "\"on 4/22\", \"22/04\" (dates), \"3/4\" (a fraction), \"24/7\" (nothing), \"41.8\" "        \
      "(the number parser's)")                                                                     \
    X(two_groups_other, DG_ONE, 0,                                                                 \
      "other two groups (\"3-1\", \"1.5\"): the number parser reads them")                         \
    X(euro_thousands, DG_DOT | DG_DEC, 0, "\"2.345.678\": the number parser reads it")             \
    X(decimal_range, DG_MIX, DG_MIX,                                                               \
      "\"2.5-3.0%\", \"1.2-1.5 billion\": a rising range with decimals")                           \
    X(ident, DG_ANY, 0,                                                                            \
      "three or more groups: phone numbers, versions, codes (\"1.2.3\"): nothing")

#define NN_DG_ENUM(name, seps, vals, doc) NN_DG_##name,
NN_RULE_LIST_NAMES(NN_DG_LIST, NN_DG_ENUM, NN_N_DG, nn_dg_names)
#undef NN_DG_ENUM


/* Numeric dates, year ranges, clock times, fractions and identifiers made of digit groups:
 * "2023-11-28", "28/11/2023", "13.5.2015", "2019-2020", "2019/20", "10:30", "3/4",
 * "+1-222-2222". @returns the end of what was read, or 0 to let the number parser try. */
static uint32_t try_digit_groups(scan *sc, uint32_t i, uint32_t d)
{
    /* Most runs are one group that no join byte follows ("423 people", "8,651", "$5"): none of
     * the readers below reads them, and dg_read's state is not set up for them. (\p d: the
     * run's digits as on_digits read them, 0 when it did not.) */
    if (d) {
        unsigned char c = (unsigned char)sc->s[i + d];
        if (!(c == '-' || c == '/' || c == '.' || c == ':' || c == 0xE2)) {
            return 0;
        }
    }
    dgroups g;
    dg_read(sc, i, d, &g);
    if (g.k == 1) {
        /* "2023-Nov-28", "2023/nov/28" */
        const char *s = sc->s;
        uint32_t p = g.p;
        return g.ge[0] - g.gs[0] == 4 && p + 1 < sc->n && (s[p] == '-' || s[p] == '/') &&
                       is_alpha(s[p + 1])
                   ? nn_year_monthname_day(sc, i)
                   : 0;
    }
    uint32_t out = 0;
    int seps = g.mixed          ? DG_MIX
               : g.sep == '-' ? DG_HY
               : g.sep == '/' ? DG_SL
               : g.sep == '.' ? (g.k == 2 ? DG_DEC : DG_DOT)
                              : DG_COL;
    /* the joins whose groups' values some reader reads */
#define NN_DG_VALS(name, seps, vals, doc) | (vals)
    enum { DG_VALS = 0 NN_DG_LIST(NN_DG_VALS) };
#undef NN_DG_VALS
    dg_values(sc, &g, (seps & DG_VALS) != 0);
#define NN_DG_ASK(name, readers_seps, vals, doc)                                                   \
    if (((readers_seps) & seps) && dg_##name(sc, &g, &out)) {                                     \
        return nn_count(sc, sc->ctx->n_finish_rules, NN_DG_##name, out);                           \
    }
    NN_DG_LIST(NN_DG_ASK)
#undef NN_DG_ASK
    return 0;
}

/* The minutes of a clock time written with a dot ("10.30am", "6.45 p.m.", British copy): a
 * decimal of an hour 1-12 and exactly two digits under 60. @returns them, -1 when the literal
 * is no such time (then only a whole hour, "6am", is one). */
static int dotted_minutes(const scan *sc, const lit *L)
{
    const char *s = sc->s;
    uint32_t dot = L->s + L->int_digits;
    if (!L->decimal || L->grouped || L->int_digits > 2 || L->e != dot + 3 || s[dot] != '.') {
        return -1;
    }
    int mm = (s[dot + 1] - '0') * 10 + (s[dot + 2] - '0');
    return mm < 60 ? mm : -1;
}

/* "7 o'clock", "7 o\u2019clock": a one-letter word, an apostrophe and a word with the cue
 * clock_after (cues.tsv) after an hour. @returns the end, 0 when it is not. */
static uint32_t oclock_end(const scan *sc, const nn_tok *t)
{
    const char *s = sc->s;
    uint32_t q = t->e;
    if (t->e != t->s + 1 || q + 1 >= sc->n) {
        return 0;
    }
    if (s[q] == '\'') {
        q += 1;
    } else if (q + 3 < sc->n && (unsigned char)s[q] == 0xE2 && (unsigned char)s[q + 1] == 0x80 &&
               (unsigned char)s[q + 2] == 0x99) {
        q += 3;
    } else {
        return 0;
    }
    nn_tok w;
    tok(sc, q, &w);
    return w.s == q && w.kind == TK_WORD &&
                   nn_cue_of(sc->lx, s + w.s, w.e - w.s) == CUE_CLOCK_AFTER
               ? w.e
               : 0;
}

/* Clock times with am/pm: "6am", "6 a.m.", "11 pm", "10.30am", "7 o'clock" (after the number
 * parser said "6"). */
static bool try_ampm(scan *sc, const nexpr *x, uint32_t ms)
{
    if (!x->single_lit || x->L.ival < 1 || x->L.ival > 12) {
        return false;
    }
    int mm = x->L.plain ? 0 : dotted_minutes(sc, &x->L);
    if (mm < 0) {
        return false;
    }
    uint32_t p = x->glued_e ? x->L.e : x->e;
    nn_tok t;
    tok(sc, p, &t);
    if (t.ws > 1 || t.kind != TK_WORD) {
        return false;
    }
    uint32_t e;
    bool pm, oclock = false;
    if (t.ws == 1 && x->L.plain && (e = oclock_end(sc, &t)) != 0) {
        pm = false; /* "7 o'clock": the hour as written ("12 o'clock" stays 12) */
        oclock = true;
    } else if (tok_word(sc, &t, "am") || tok_word(sc, &t, "pm")) {
        e = t.e;
        pm = lower(sc->s[t.s]) == 'p';
        /* ("6 am" apart and in lower case too: the verb "am" follows "I", never a number) */
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
    int hh = oclock ? (int)x->L.ival : (int)(x->L.ival % 12) + (pm ? 12 : 0);
    ment m;
    memset(&m, 0, sizeof m);
    m.s = ms;
    m.e = e;
    m.label = "TIME";
    m.vtext = nn_arena_printf(sc, "T%02d:%02d", hh, mm);
    nn_emit(sc, &m);
    return true;
}

/* "Q3", "Q4 2023", "H1 2024" (a half only with its year): a quarter or half of a year. The
 * digit is at \p i, the letter before it. @returns the end, 0 when it is none. */
static uint32_t quarter_code(scan *sc, uint32_t i)
{
    const char *s = sc->s;
    int parts = s[i - 1] == 'Q' ? 4 : s[i - 1] == 'H' ? 2 : 0;
    int q = s[i] - '0';
    if (!parts || q < 1 || q > parts || i - 1 < sc->last_end ||
        (i >= 2 && (is_alnum(s[i - 2]) || (unsigned char)s[i - 2] >= 0x80)) ||
        (i + 1 < sc->n && (is_alnum(s[i + 1]) || (unsigned char)s[i + 1] >= 0x80))) {
        return 0;
    }
    if (parts == 2) {
        int y = 0;
        uint32_t ye = i + 1;
        nn_opt_year(sc, &ye, &y);
        if (!y) {
            return 0;
        }
    }
    int len = 12 / parts;
    return nn_emit_months(sc, nn_with_the(sc, i - 1), i + 1, (q - 1) * len + 1, q * len);
}

/* "1Q24", "2H 2024", "4Q23", "3Q": digit, Q or H, and a year glued in two or four digits or
 * apart - the compact quarter or half of broker and wire copy, read as "Q1 2024", "H1 2024"
 * are (quarter_code: a quarter alone by the verbs, a half only with its year: "1H" NMR is
 * none). Nothing glued before the digit or after the year ("2Q-500", "A1Q24", "3QX"). A
 * two-digit year without published_at has no century: consumed, no annotation.
 * @returns the end, 0 when it is none. */
static uint32_t compact_quarter(scan *sc, uint32_t i)
{
    const char *s = sc->s;
    int parts = s[i + 1] == 'Q' ? 4 : s[i + 1] == 'H' ? 2 : 0;
    int q = s[i] - '0';
    if (!parts || q < 1 || q > parts || i < sc->last_end ||
        (i >= 1 && (is_alnum(s[i - 1]) || (unsigned char)s[i - 1] >= 0x80 || s[i - 1] == '-' ||
                    s[i - 1] == '.'))) {
        return 0;
    }
    uint32_t p = i + 2, k = p;
    while (k < sc->n && is_digit(s[k])) {
        k++;
    }
    int y = 0;
    if (k - p == 4) {
        y = (s[p] - '0') * 1000 + (s[p + 1] - '0') * 100 + (s[p + 2] - '0') * 10 + (s[p + 3] - '0');
        if (y < 1000 || y > 2999) {
            return 0;
        }
    } else if (k - p == 2) {
        y = nn_year_of_two(sc, (s[p] - '0') * 10 + (s[p + 1] - '0'));
    } else if (k != p) {
        return 0;
    }
    if (k < sc->n && (is_alnum(s[k]) || (unsigned char)s[k] >= 0x80 ||
                      ((s[k] == '-' || s[k] == '/' || s[k] == '.' || s[k] == ',') &&
                       k + 1 < sc->n && is_alnum(s[k + 1])))) {
        return 0;
    }
    int len = 12 / parts, m1 = (q - 1) * len + 1, m2 = q * len;
    uint32_t st = nn_with_the(sc, i);
    if (k > p) {
        if (y) {
            nn_emit_date(sc, st, k,
                         nn_arena_printf(sc, "%s/%s", nn_date_text(sc, y, m1, 0),
                                         nn_date_text(sc, y, m2, 0)));
        }
        return k;
    }
    if (parts == 2) {
        uint32_t ye = p;
        nn_opt_year(sc, &ye, &y);
        if (!y) {
            return 0;
        }
    }
    return nn_emit_months(sc, st, p, m1, m2);
}

/* An international phone number: "+1 202 555 0143", "+44 (0)20 7946 0958", "+7-727-244-5000":
 * after '+', at least two groups and eight digits joined by single blanks, '-', '.', '(' or
 * ')'. Not "+5%" or "+1.2 points". @returns its end, 0 when it is none. */
static uint32_t plus_phone(const scan *sc, uint32_t i)
{
    const char *s = sc->s;
    if (i == 0 || s[i - 1] != '+' || (i >= 2 && is_alnum(s[i - 2]))) {
        return 0;
    }
    uint32_t p = i, end = i;
    int digits = 0, groups = 0;
    while (p < sc->n) {
        if (is_digit(s[p])) {
            while (p < sc->n && is_digit(s[p])) {
                p++;
                digits++;
            }
            groups++;
            end = p;
        } else if ((s[p] == ' ' || s[p] == '-' || s[p] == '.' || s[p] == '(' || s[p] == ')') &&
                   p + 1 < sc->n && (is_digit(s[p + 1]) || s[p + 1] == '(')) {
            p++;
        } else {
            break;
        }
    }
    return digits >= 8 && groups >= 2 ? end : 0;
}

/* The digit groups from \p p joined by single blanks or hyphens, each of \p min to 8 digits:
 * their end (0 when a group is shorter); *digits counts them, *groups the groups. */
static uint32_t phone_groups(const scan *sc, uint32_t p, int min, int *digits, int *groups)
{
    const char *s = sc->s;
    uint32_t end = 0;
    while (p < sc->n && is_digit(s[p])) {
        uint32_t q = p;
        while (q < sc->n && is_digit(s[q])) {
            q++;
        }
        if ((int)(q - p) < min || q - p > 8) {
            return end;
        }
        *digits += (int)(q - p);
        ++*groups;
        end = q;
        if (!(q + 1 < sc->n && (s[q] == ' ' || s[q] == '-') && is_digit(s[q + 1]))) {
            break;
        }
        p = q + 1;
    }
    return end;
}

/* A national phone number: a trunk "0" group of 2-5 digits and more groups joined by single
 * blanks or hyphens, 9 to 12 digits in all ("020 7946 0958", "0800 123 4567", "07700 900123");
 * a US area code in brackets before seven digits ("(202) 555-0143", "(415) 555 0132").
 * Identifiers (docs/numbers.md): their groups are no counts. @returns the end, or 0. Out of
 * line: only a leading zero or a '(' before the digits gets here. */
static __attribute__((noinline, cold)) uint32_t local_phone(const scan *sc, uint32_t i)
{
    const char *s = sc->s;
    int digits = 0, groups = 0;
    if (s[i] == '0') {
        if (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ',')) {
            return 0;
        }
        uint32_t q = i;
        while (q < sc->n && is_digit(s[q])) {
            q++;
        }
        if (q - i < 2 || q - i > 5) {
            return 0;
        }
        uint32_t e = phone_groups(sc, i, 2, &digits, &groups);
        return groups >= 2 && digits >= 9 && digits <= 12 ? e : 0;
    }
    /* "(202) 555-0143": three digits in brackets, a blank, then three and four digits */
    if (i + 13 > sc->n || s[i + 3] != ')' || s[i + 4] != ' ' || !is_digit(s[i + 1]) ||
        !is_digit(s[i + 2])) {
        return 0;
    }
    uint32_t e = phone_groups(sc, i + 5, 3, &digits, &groups);
    return groups == 2 && digits == 7 ? e : 0;
}

static uint32_t on_digits(scan *sc, uint32_t i)
{
    const char *s = sc->s;
    /* The byte before the digits: a phone number after '+' or '(', an identifier after a
     * letter, a minus sign; after any other byte (a blank: most runs) none of them is asked. */
    uint8_t before = i > 0 ? sc->lx->bclass[(unsigned char)s[i - 1]] : 0;
    uint32_t ph;
    if ((before & NB_DPRE) && (ph = plus_phone(sc, i)) != 0) {
        return ph;
    }
    if (((s[i] == '0' && i + 1 < sc->n && is_digit(s[i + 1])) ||
         ((before & NB_DPRE) && s[i - 1] == '(')) &&
        (ph = local_phone(sc, i)) != 0) {
        return ph;
    }
    if (before & NB_ALPHA) {
        return nn_skip_ident(sc, i);
    }
    /* the run, read once for the digit groups and the number parser: eight bytes, \p d of
     * them digits (0 when the field ends sooner or the run is longer) */
    uint64_t w = 0;
    uint32_t d = 0;
    if (nn_load8(s, sc->n, i, &w) && (d = nn_swar_digits(w)) == 8) {
        d = 0;
    }
    uint32_t r = is_digit(s[i]) ? try_digit_groups(sc, i, d) : 0;
    if (r) {
        return r;
    }
    nexpr x;
    bool parsed = nn_parse_numexpr_run(sc, i, 0, &x, w, d);
    /* "1Q24", "2H 2024", "3Q": letters glued to one digit (the parser stops at them) */
    if ((!parsed || x.glued_e) && i + 1 < sc->n && (s[i + 1] == 'Q' || s[i + 1] == 'H')) {
        uint32_t qe = compact_quarter(sc, i);
        if (qe) {
            return qe;
        }
    }
    if (!parsed) {
        uint32_t e = x.e > i ? x.e : i + 1;
        while (e < sc->n && is_digit(s[e])) {
            e++;
        }
        return e;
    }
    /* A minus sign: "-5", "−3.2" (U+2212), not "5-4" or "COVID-19". */
    uint32_t ms = i;
    bool neg = false;
    if (before & NB_DPRE) {
        if (s[i - 1] == '-' && i - 1 >= sc->last_end &&
            (i == 1 || s[i - 2] == ' ' || s[i - 2] == '(' || s[i - 2] == '\n')) {
            ms = i - 1;
            neg = true;
        } else if (i >= 3 && (unsigned char)s[i - 3] == 0xE2 && (unsigned char)s[i - 2] == 0x88 &&
                   (unsigned char)s[i - 1] == 0x92 && i - 3 >= sc->last_end) {
            ms = i - 3;
            neg = true;
        }
    }
    if (try_ampm(sc, &x, ms)) {
        return sc->last_end;
    }
    return nn_finish(sc, &x, NULL, ms, neg);
}

static uint32_t money_after(scan *sc, const curm *pcm);

/* A '%' of the text: "%5", "% 2.5" (a percent sign before the number, rule percent_before)
 * when the sign starts a token (no letter, digit or '%' glued before it) and a number follows
 * it, glued or after one blank. The mention starts at the sign. */
static uint32_t __attribute__((noinline)) on_percent(scan *sc, uint32_t i)
{
    const char *s = sc->s;
    uint32_t d = i + 1 < sc->n && s[i + 1] == ' ' ? i + 2 : i + 1;
    if (d >= sc->n || !is_digit(s[d]) || (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '%'))) {
        return i + 1;
    }
    nexpr x;
    if (!nn_parse_numexpr(sc, d, 0, &x)) {
        return i + 1;
    }
    return nn_finish(sc, &x, NULL, i, false);
}

/* What nn_match_currency(prefix) finds at the token \p t whose case-sensitive entry is \p ec,
 * told without the key chain there when it can be: a sign or code ("$", "EUR") before a digit
 * (over blanks) is itself the longest currency key when no key that starts with its first byte
 * has a second token that starts with a digit (nn_lex.digit_second): the chain would be that
 * one token, and its entry as written comes before the lower-cased one. */
static inline bool currency_alone(const scan *sc, const nn_tok *t, const nn_entry *ec, curm *cm)
{
    if (!ec || !(ec->roles & NL_CUR) || (ec->cur_kind != CK_SYM && ec->cur_kind != CK_CODE) ||
        (sc->lx->digit_second & nn_next_bit((unsigned char)sc->s[t->s]))) {
        return false;
    }
    uint32_t e = t->e;
    while (e < sc->n && (sc->s[e] == ' ' || sc->s[e] == '\t')) {
        e++;
    }
    if (e >= sc->n || !is_digit(sc->s[e])) {
        return false;
    }
    cm->e = ec;
    cm->s = t->s;
    cm->end = t->e;
    cm->scale = 0;
    return true;
}

/* False when no amount can follow a currency sign or code that starts at \p t: the run of
 * bytes up to the next blank holds no digit, and the byte after the blanks is no digit nor a
 * '.' before one (money_after's amounts) - "U.S. President", "US Congress". The key of a sign
 * or code has no blank inside (nn_lex.cur_blank), so it ends inside that run; other bytes
 * (above ASCII, controls) are taken as may. Read before the key chain is built. */
static inline bool amount_may_follow(const scan *sc, const nn_tok *t)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    uint32_t i = t->s, n = sc->n;
    if (sc->lx->cur_blank) {
        return true;
    }
    for (; i < n && u[i] != ' ' && u[i] != '\t' && u[i] != '\n' && u[i] != '\r'; i++) {
        if (u[i] >= 0x80 || u[i] < ' ' || is_digit((char)u[i])) {
            return true;
        }
    }
    while (i < n && (u[i] == ' ' || u[i] == '\t')) {
        i++;
    }
    if (i >= n) {
        return false;
    }
    return !(u[i] > ' ' && u[i] < 0x7F && !is_digit((char)u[i]) &&
             !(u[i] == '.' && i + 1 < n && is_digit(sc->s[i + 1])));
}

/* A currency and its amount from the token \p t (\p ec: its case-sensitive entry, if read). */
static uint32_t try_money_prefix(scan *sc, const nn_tok *t, const nn_entry *ec)
{
    curm cm;
    if (!currency_alone(sc, t, ec, &cm) &&
        (!amount_may_follow(sc, t) || !nn_match_currency(sc, t->s, true, true, &cm))) {
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
    if (cm.end < sc->n && is_digit(sc->s[cm.end])) {
        /* digits glued to the currency ("$3.04bn", most amounts): the token is known, and the
         * parser reads the digits from their first byte without it */
        t.s = cm.end;
        t.e = cm.end + 1;
        t.kind = TK_DIGITS;
        t.ws = 0;
    } else {
        tok(sc, cm.end, &t);
    }
    if (t.ws == 2 || t.kind == TK_END) {
        return 0;
    }
    bool neg = false;
    if (tok_is(sc, &t, "-") && t.e < sc->n && is_digit(sc->s[t.e]) && !t.ws) {
        neg = true;
        tok(sc, t.e, &t);
    } else if (sign_maybe(sc, pos)) {
        uint32_t sg = sign_before(sc, pos); /* "-$5 million", "negative $3 billion" */
        neg = sg != pos;
        pos = sg;
    }
    if (t.kind != TK_DIGITS && !(tok_is(sc, &t, ".") && t.e < sc->n && is_digit(sc->s[t.e]))) {
        return 0;
    }
    /* Codes and letter abbreviations must stand apart from the digits or be glued directly
     * ("USD115"), symbols may be followed by a space ("$ 75 million"). */
    nexpr x;
    if (!nn_parse_numexpr(sc, t.s, PX_MONEY, &x)) {
        return 0;
    }
    if (cm.e->cur_flags & CF_WORDLIKE) {
        if (!(x.scaled || (x.has_lit && (x.L.decimal || x.L.grouped)))) {
            return 0;
        }
    }
    return nn_finish(sc, &x, &cm, pos, neg);
}

/* ---- Number words ------------------------------------------------------------------------
 *
 * try_words reads a mention that starts with a number word ("two million", "twenty-fifth", "a
 * dozen", "five billion dollars", "minus five", "one and a half", "twenty percent"). Before
 * nn_finish's rules see it, the word rules of NN_NUMWORD_LIST say where a number word is no number
 * (a pronoun, a name, time) or another kind of mention (a year, an nth weekday). They are asked
 * in table order; the first that decides ends the word (its --stats counter "nw_NAME" counts
 * it); when none decides, nn_finish reads the expression. The rules above `no_numexpr` see the
 * words only, `no_numexpr` parses them into w->x, the rules below it read that expression. */

/* What the word rules share about the number word \p t. */
typedef struct wordst {
    const nn_tok *t;      /* the number word (or "minus") */
    const nn_entry *e;    /* its lexicon entry */
    uint32_t start;       /* where the number expression starts: after "minus" */
    bool neg;             /* "minus five" (set by `minus`) */
    bool inner_ordinal;   /* a capitalised ordinal inside a sentence (set by `ordinal_in_name`) */
    nexpr x;              /* the expression (read by `no_numexpr`) */
} wordst;

/* in_year_words: a year in words after "in", "since" ("in nineteen ninety-nine", "since two
 * thousand and five") or "of" (only "the summer of nineteen sixty-nine": "of two thousand" is
 * a count). It starts with a century ("nineteen") or "N thousand". */
static bool nw_in_year_words(scan *sc, wordst *w, uint32_t *out)
{
    const nn_tok *t = w->t;
    const nn_entry *e = w->e;
    if (!((e->roles & NL_NUM) && !(e->roles & NL_ORD) && !t->cap && e->num >= 1 && e->num <= 29)) {
        return false;
    }
    nn_tok pw, nx;
    const nn_entry *nxe = NULL;
    if (e->num < 10) {
        tok(sc, t->e, &nx);
        nxe = nx.ws == 1 ? nn_tok_entry(sc, &nx, 0) : NULL;
    }
    if ((e->num >= 10 || (nxe && (nxe->roles & NL_SCALE) && nxe->scale == 3)) &&
        nn_prev_word(sc, t->s, &pw) && pw.s >= sc->last_end &&
        (tok_word(sc, &pw, "in") || tok_word(sc, &pw, "since") || tok_word(sc, &pw, "of"))) {
        int y;
        uint32_t ye;
        if (nn_read_year_words(sc, t->s, tok_word(sc, &pw, "of"), &y, &ye)) {
            nn_emit_date(sc, t->s, ye, nn_date_text(sc, y, 0, 0));
            *out = ye;
            return true;
        }
    }
    return false;
}

/* The two words before pos are margin words (cues.tsv flag margin: "plus or" of "plus or
 * minus 3 points"). */
static bool margin_before(const scan *sc, uint32_t pos)
{
    nn_tok a, b;
    if (!nn_prev_word(sc, pos, &a) || !nn_prev_word(sc, a.s, &b)) {
        return false;
    }
    const nn_cue *ca = nn_cue_slot(sc->lx, sc->s + a.s, a.e - a.s);
    const nn_cue *cb = nn_cue_slot(sc->lx, sc->s + b.s, b.e - b.s);
    return ca && cb && (ca->flags & cb->flags & CUEF_MARGIN);
}

/* "half past ten", "a quarter past nine", "quarter to five": the fraction word \p f (of
 * denominator \p frac, 2 or 4) with a cues.tsv clock_past/clock_to link and an hour of 1 to 12
 * in words or digits that owns nothing after it (a unit, a percent, a number: "a quarter to five
 * percent"). One TIME [\p s0, the hour's end); "quarter to five" is 04:45, the hour as written
 * less one (as "7 o'clock" is the hour as written). @returns its end, or 0. */
static __attribute__((noinline, cold)) uint32_t clock_words(scan *sc, uint32_t s0, const nn_tok *f,
                                                            int frac)
{
    nn_tok l, h, z;
    tok(sc, f->e, &l);
    const nn_cue *c = l.ws == 1 && l.kind == TK_WORD ? nn_cue_slot(sc->lx, sc->s + l.s, l.e - l.s)
                                                     : NULL;
    bool past = c && (c->flags & CUEF_CLOCK_PAST), to = c && (c->flags & CUEF_CLOCK_TO);
    nn_tok pw; /* ("fell by a quarter to 11": a change and a level, not 10:45) */
    if (!(past || (to && frac == 4)) ||
        (to && nn_prev_word(sc, s0, &pw) && pw.s >= sc->last_end && tok_word(sc, &pw, "by"))) {
        return 0;
    }
    tok(sc, l.e, &h);
    int hh = 0;
    if (h.ws == 1 && h.kind == TK_DIGITS && h.e - h.s <= 2) {
        hh = h.e - h.s == 1 ? sc->s[h.s] - '0' : (sc->s[h.s] - '0') * 10 + (sc->s[h.s + 1] - '0');
    } else if (h.ws == 1 && h.kind == TK_WORD) {
        const nn_entry *he = nn_tok_entry(sc, &h, 0);
        hh = he && (he->roles & NL_NUM) && !(he->roles & NL_ORD) ? he->num : 0;
    }
    if (hh < 1 || hh > 12 ||
        (h.e < sc->n && (is_alnum(sc->s[h.e]) || sc->s[h.e] == '-' ||
                         ((sc->s[h.e] == '.' || sc->s[h.e] == ':') && h.e + 1 < sc->n &&
                          is_digit(sc->s[h.e + 1]))))) {
        return 0; /* ("half past ten-thirty", "quarter to 5.5", "half past 10:30") */
    }
    tok(sc, h.e, &z);
    const nn_entry *ze = z.kind == TK_WORD && z.ws == 1 ? nn_tok_entry(sc, &z, 0) : NULL;
    if (z.kind == TK_DIGITS || tok_is(sc, &z, "%") ||
        (ze && (ze->roles & (NL_PCT | NL_PCTHEAD | NL_UNIT | NL_DUR | NL_SCALE | NL_NUM | NL_CUR)))) {
        return 0;
    }
    int mm = past ? 60 / frac : 45;
    if (to) {
        hh = hh == 1 ? 12 : hh - 1;
    }
    static const ment m0;
    ment m = m0;
    m.s = s0;
    m.e = h.e;
    m.label = "TIME";
    m.vtext = nn_arena_printf(sc, "T%02d:%02d", hh, mm);
    nn_emit(sc, &m);
    return h.e;
}

/* clock_words: "half past ten", "a quarter past nine", "quarter to five": a TIME (clock_words);
 * w->t is the fraction word or the article before it ("a quarter": word rule a_number). */
static inline bool nw_clock_words(scan *sc, wordst *w, uint32_t *out)
{
    if (!(w->e->roles & NL_FRAC) || (w->e->frac != 2 && w->e->frac != 4) || w->t->ws == 2) {
        return false;
    }
    nn_tok f = *w->t;
    if (f.e - f.s <= 2) {
        tok(sc, f.e, &f); /* (after "a"/"an": the fraction word, four letters or more) */
    }
    *out = clock_words(sc, w->t->s, &f, w->e->frac);
    return *out != 0;
}

/* (nw_oclock) "ten o'clock": the TIME's end, or 0 */
static __attribute__((noinline, cold)) uint32_t oclock_words(scan *sc, wordst *w)
{
    uint64_t v;
    nn_tok t;
    uint32_t e;
    if (!w->x.words || w->x.has_lit || w->x.ordinal || w->x.fraction || w->neg ||
        !nv_uint(&w->x.v, 12, &v) || v < 1) {
        return 0;
    }
    tok(sc, w->x.e, &t);
    if (t.ws != 1 || !(e = oclock_end(sc, &t))) {
        return 0;
    }
    static const ment m0;
    ment m = m0;
    m.s = w->t->s;
    m.e = e;
    m.label = "TIME";
    m.vtext = nn_arena_printf(sc, "T%02d:00", (int)v);
    nn_emit(sc, &m);
    return e;
}

/* (last_period) "last quarter", "this quarter", "next quarter", "the current quarter": the
 * calendar quarter before, of, after publication's, one DATE interval of its months (2024-01/
 * 2024-03 for "last quarter" in June 2024). \p lw is the word before "quarter": a relmod word of
 * words.tsv, -1, 0 or 1; "last"/"this"/"next" with no determiner or possessive before them (\p th,
 * the word before, or NULL: "its last quarter", "the company's last quarter", "the next quarter"
 * count from the story), a "this"-like one ("current") after "the". Not before "of" ("this
 * quarter of the city") or a hyphen ("last quarter-final"), nor without published_at (no REF
 * form of a quarter). @returns the end or 0. */
static uint32_t relative_quarter(scan *sc, const nn_tok *f, const nn_tok *lw, const nn_tok *th)
{
    const nn_entry *le = nn_tok_entry(sc, lw, 0);
    if (!le || !(le->roles & NL_RELMOD) || le->rel < -1 || le->rel > 1 || !nn_have_pub(sc) ||
        !sc->ctx->relative_dates ||
        (f->e < sc->n && (is_alnum(sc->s[f->e]) || sc->s[f->e] == '-'))) {
        return 0;
    }
    bool lmn = tok_word(sc, lw, "last") || tok_word(sc, lw, "this") || tok_word(sc, lw, "next");
    uint32_t s0 = lw->s;
    if (lmn) {
        const nn_entry *te = th ? nn_tok_entry(sc, th, 0) : NULL;
        if (th && ((te && (te->roles & NL_DET)) || nn_word_flag(sc, th, CUEF_POSS) ||
                   nn_cue_of(sc->lx, sc->s + th->s, th->e - th->s) == CUE_NP_DET ||
                   (th->s > 0 && (sc->s[th->s - 1] == '\'' ||
                                  (unsigned char)sc->s[th->s - 1] == 0x99)))) {
            return 0;
        }
    } else if (le->rel != 0 || !th || !tok_word(sc, th, "the")) {
        return 0;
    } else {
        s0 = th->s;
    }
    nn_tok o;
    tok(sc, f->e, &o);
    if (tok_word(sc, &o, "of") && o.ws == 1) {
        return 0;
    }
    int q = (sc->py * 4 + (sc->pm - 1) / 3) + le->rel;
    int y = q / 4, m1 = (q % 4) * 3 + 1;
    nn_emit_date(sc, s0, f->e,
                 nn_arena_printf(sc, "%s/%s", nn_date_text(sc, y, m1, 0), nn_date_text(sc, y, m1 + 2, 0)));
    return f->e;
}

/* last_period: "the last quarter of 2023" (2023-10/2023-12), "the final quarter of last year",
 * "the last half of 2022": "the", a cues.tsv period_end word, "quarter" or "half" and a year
 * written or relative (nn_opt_year: "of 2023", "of last year"); the last such part of that year.
 * Without a year ("the last quarter of the game", "in the final quarter") nothing is read here. */
static __attribute__((noinline, cold)) uint32_t last_period(scan *sc, const nn_tok *f, int parts)
{
    nn_tok lw, th;
    if (!nn_prev_word(sc, f->s, &lw) || lw.s < sc->last_end) {
        return 0;
    }
    bool have_th = nn_prev_word(sc, lw.s, &th) && th.s >= sc->last_end;
    bool the = have_th && tok_word(sc, &th, "the");
    const nn_cue *c = the ? nn_cue_slot(sc->lx, sc->s + lw.s, lw.e - lw.s) : NULL;
    if (parts == 4 && !(c && (c->flags & CUEF_PERIOD_END))) {
        return relative_quarter(sc, f, &lw, have_th ? &th : NULL);
    }
    if (!the) {
        return 0;
    }
    int y = 0;
    uint32_t ye = f->e;
    if (!c || !(c->flags & CUEF_PERIOD_END) || (f->e < sc->n && is_alnum(sc->s[f->e]))) {
        return 0;
    }
    nn_opt_year(sc, &ye, &y);
    if (!y) {
        return 0;
    }
    int m1 = parts == 4 ? 10 : 7;
    nn_emit_date(sc, th.s, ye,
                 nn_arena_printf(sc, "%s/%s", nn_date_text(sc, y, m1, 0), nn_date_text(sc, y, 12, 0)));
    return ye;
}

static inline bool nw_last_period(scan *sc, wordst *w, uint32_t *out)
{
    if (!(w->e->roles & NL_FRAC) || (w->e->frac != 2 && w->e->frac != 4) || w->t->ws == 2 ||
        w->t->e - w->t->s <= 2) {
        return false; /* (not after "a": "a quarter") */
    }
    *out = last_period(sc, w->t, w->e->frac);
    return *out != 0;
}

/* oclock: an hour in words before "o'clock": "ten o'clock" T10:00, as "10 o'clock" (a blank
 * and an "o" after the words first). */
static inline bool nw_oclock(scan *sc, wordst *w, uint32_t *out)
{
    uint32_t p = w->x.e;
    if (p + 3 >= sc->n || sc->s[p] != ' ' || (sc->s[p + 1] | 0x20) != 'o' ||
        (sc->s[p + 2] != '\'' && (unsigned char)sc->s[p + 2] != 0xE2)) {
        return false;
    }
    *out = oclock_words(sc, w);
    return *out != 0;
}

/* minus: "minus five", "negative 3" make a negative number of what follows; "minus" before
 * anything but a number ("minus the fees") is nothing, and so is the "minus" of a margin ("plus
 * or minus 3 points": the number after it is read alone, a size, not a sign). */
static bool nw_minus(scan *sc, wordst *w, uint32_t *out)
{
    if (!(w->e->roles & NL_NEG)) {
        return false;
    }
    nn_tok a;
    tok(sc, w->t->e, &a);
    *out = w->t->e;
    if (a.ws != 1 || (a.kind != TK_DIGITS && a.kind != TK_WORD) || margin_before(sc, w->t->s)) {
        return true;
    }
    const nn_entry *ae = nn_tok_entry(sc, &a, 0);
    if (a.kind == TK_WORD && !(ae && (ae->roles & NL_NUM))) {
        return true;
    }
    if (a.kind == TK_DIGITS && a.e + 1 < sc->n && sc->s[a.e] == '/' && is_digit(sc->s[a.e + 1])) {
        return true; /* "minus 1/2": the digit fraction reads its sign (sign_before) */
    }
    w->neg = true;
    w->start = a.s;
    return false;
}

/* ordinal_in_name: a capitalised ordinal inside a sentence is an ordinal when it stands alone
 * ("the recent Third 'One Belt, One Road' Forum", "finished Third behind"); next to another
 * capitalised word it is part of a name ("Third Circuit", "First Minister", "America First"). */
/* \p a is a capitalised century word (calendar.tsv dur C) that ends the phrase ("the Twentieth
 * Century was"): a century after an ordinal (rule century), not a name's word ("Twentieth
 * Century Fox": another capitalised word follows). */
static bool century_not_name(scan *sc, const nn_tok *a)
{
    nn_tok b;
    const nn_entry *e = nn_tok_entry(sc, a, 0);
    if (!e || !(e->roles & NL_DUR) || e->dur[0] != 'C') {
        return false;
    }
    tok(sc, a->e, &b);
    return !(b.kind == TK_WORD && b.cap && b.ws == 1);
}

static bool nw_ordinal_in_name(scan *sc, wordst *w, uint32_t *out)
{
    const nn_tok *t = w->t;
    w->inner_ordinal = t->cap && (w->e->roles & NL_ORD) && !nn_sentence_start(sc, t->s);
    if (!w->inner_ordinal) {
        return false;
    }
    nn_tok a, pw;
    tok(sc, t->e, &a);
    if ((a.kind == TK_WORD && a.cap && !century_not_name(sc, &a)) ||
        (nn_prev_word(sc, t->s, &pw) && pw.cap)) {
        *out = t->e;
        return true;
    }
    return false;
}

/* \p t is a word that ends in a regular plural "-s" (not "-ss", "-us", "-is", "'s": "Press",
 * "Campus", "Memphis"), of three letters or more ("MPs", "Democrats") */
static bool plural_word(const scan *sc, const nn_tok *t)
{
    if (t->kind != TK_WORD || t->e - t->s < 3 || (sc->s[t->e - 1] | 0x20) != 's') {
        return false;
    }
    char p = (char)(sc->s[t->e - 2] | 0x20);
    return p != 's' && p != 'u' && p != 'i';
}

/* A cardinal number word that opens a sentence before capitalised words (\p a the first, at
 * most three) of which the last is a plural noun and no capitalised word follows counts that
 * noun ("Two Democratic Representatives voted", "Three American Samoans were hurt"): the
 * capitals are the sentence's and the adjectives' of origin or party. A name's number word
 * ends in a singular noun ("Second World War", "Three Mile Island", "Three Gorges Dam"). */
static bool counts_capital_plural(scan *sc, const wordst *w, const nn_tok *a)
{
    if (!(w->e->roles & NL_NUM) || (w->e->roles & NL_ORD)) {
        return false;
    }
    nn_tok last = *a, nx;
    tok(sc, a->e, &nx);
    for (int k = 1; k < 3 && nx.kind == TK_WORD && nx.cap && nx.ws == 1; k++) {
        last = nx;
        tok(sc, nx.e, &nx);
    }
    if (nx.kind == TK_WORD && (nx.cap || nx.ws != 1)) {
        return false; /* (a longer run, or a word after a line break: a heading's) */
    }
    if (nx.kind == TK_SYM && !(tok_is(sc, &nx, ",") || tok_is(sc, &nx, "."))) {
        return false; /* ("Three Rivers' stadium", "Four Tops-like": not a clause's noun) */
    }
    return plural_word(sc, &last);
}

/* An ordinal word that opens a sentence before one capitalised noun \p a (its entry \p ae, if
 * any) is a name's word, as inside a sentence (ordinal_in_name): "First Nations leaders met",
 * "Second Amendment groups", "First Minister of Wales". The capital of a noun after an
 * ordinal is the name's, not the sentence's ("First place went to Spain"). Not a date word
 * after it ("First Monday of the month", "Fourth Quarter": their own rules). */
static bool ordinal_before_noun(const wordst *w, const nn_tok *a, const nn_entry *ae)
{
    return (w->e->roles & NL_ORD) && !(w->e->roles & NL_NUM) && !(a->tf & NN_TF_UPPER) &&
           !(ae && (ae->roles & (NL_MONTH | NL_WEEKDAY | NL_DUR | NL_ORD)));
}

/* capitalised_name: other capitalised number words inside a sentence are names ("One Belt, One
 * Road", "the Big Four"); at the start of a sentence only before two capitalised words ("Second
 * World War"). Not in title-case text. */
static bool nw_capitalised_name(scan *sc, wordst *w, uint32_t *out)
{
    const nn_tok *t = w->t;
    if (!(t->cap && !sc->title_case && !w->neg && !w->inner_ordinal)) {
        return false;
    }
    nn_tok a, b;
    tok(sc, t->e, &a);
    /* A hyphenated number word ("Twenty-First", "Forty-Five") is read as a whole: what follows
     * the last of its words decides, and a name ends after it (not at "First"). */
    uint32_t ce = t->e;
    while (a.kind == TK_SYM && a.ws == 0 && nn_tok_is_dash(sc, &a) && a.e < sc->n &&
           is_alpha(sc->s[a.e])) {
        tok(sc, a.e, &b);
        const nn_entry *be = nn_tok_entry(sc, &b, 0);
        if (b.ws != 0 || !be || !(be->roles & (NL_NUM | NL_ORD))) {
            break;
        }
        ce = b.e;
        tok(sc, b.e, &a);
    }
    while (a.kind == TK_SYM && (tok_is(sc, &a, "'") || tok_is(sc, &a, "\"") ||
                                tok_is(sc, &a, "\xE2\x80\x98") || tok_is(sc, &a, "\xE2\x80\x9C"))) {
        tok(sc, a.e, &a);
    }
    *out = ce;
    if (!nn_sentence_start(sc, t->s)) {
        /* the last word of a name after a capitalised word inside the sentence: "Formula One
         * race", "Air Force One landed" ("Yesterday Two people": that word starts it) */
        nn_tok pw;
        if (nn_prev_word(sc, t->s, &pw) && pw.e + 1 == t->s && pw.cap &&
            !nn_sentence_start(sc, pw.s)) {
            return true;
        }
        if (!(a.kind == TK_WORD && !a.cap) && !(a.kind == TK_DIGITS) && !tok_is(sc, &a, "%") &&
            !(a.kind == TK_SYM && (tok_is(sc, &a, ",") || tok_is(sc, &a, ".")))) {
            return true;
        }
        return a.kind == TK_SYM || a.kind == TK_END;
    }
    if (a.kind == TK_WORD && a.cap) {
        tok(sc, a.e, &b);
        const nn_entry *ae = nn_tok_entry(sc, &a, 0);
        if (ae && (ae->roles & (NL_SCALE | NL_NUM))) {
            return false;
        }
        return (b.kind == TK_WORD && b.cap && !counts_capital_plural(sc, w, &a)) ||
               ordinal_before_noun(w, &a, ae);
    }
    return false;
}

/* no_numexpr: the words make no number expression ("a" alone needs a scale after it: "a
 * hundred"); otherwise w->x holds the expression for the rules below. */
/* point_decimal: digit words after a "point" that follows no number, "point five" 0.5, "point
 * two five" 0.25 (as "zero point five": px_point); not "point one" alone ("the point one
 * makes"). The mention starts at "point". */
static bool nw_point_decimal(scan *sc, wordst *w, uint32_t *out)
{
    nn_tok pw, d;
    uint32_t ts = w->t->s;
    if (!(w->e->roles & NL_NUM) || w->e->num > 9 || w->neg || ts < 6 || sc->s[ts - 1] != ' ' ||
        (sc->s[ts - 2] | 0x20) != 't' || !nn_prev_word(sc, ts, &pw) ||
        pw.s < sc->last_end || w->t->s != pw.e + 1 || sc->s[pw.e] != ' ' ||
        !tok_word(sc, &pw, "point")) {
        return false;
    }
    uint32_t b = pw.s;
    while (b > 0 && sc->s[b - 1] == ' ') {
        b--;
    }
    nn_tok bw;
    const nn_entry *be = nn_prev_word(sc, pw.s, &bw) ? nn_tok_entry(sc, &bw, 0) : NULL;
    if ((b > 0 && is_digit(sc->s[b - 1])) || (be && (be->roles & (NL_NUM | NL_SCALE)))) {
        return false; /* ("3 point five", "one point five": the number's own) */
    }
    if (be && (be->roles & NL_DET)) {
        return false; /* "at that point two men", "at which point three of them": the noun */
    }
    nval frac = nv_int(0);
    int nd = 0;
    uint32_t q = pw.e;
    for (;;) {
        tok(sc, q, &d);
        const nn_entry *de = d.kind == TK_WORD ? nn_tok_entry(sc, &d, 0) : NULL;
        if (d.ws != 1 || !de || !(de->roles & NL_NUM) || de->num > 9 || nd >= 12 ||
            (d.e < sc->n && sc->s[d.e] == '-')) {
            break;
        }
        nv_mul(&frac, 10);
        frac = nv_add(frac, nv_int((uint64_t)de->num));
        nd++;
        q = d.e;
    }
    /* A spelled decimal ends where a number does: not before a word the lexicon does not know
     * (a noun), which makes "point" the noun and the digit word a count ("at some point five
     * ministers resigned": 5, not 0.5); "point two five on Monday" stays. */
    tok(sc, q, &d);
    if (d.kind == TK_WORD && !nn_tok_entry(sc, &d, 0)) {
        return false;
    }
    if (!nd || (nd == 1 && w->e->num == 1) || !nn_parse_numexpr(sc, w->t->s, 0, &w->x)) {
        return false;
    }
    frac.e -= nd;
    tok(sc, q, &d); /* "point five million", as "two point five million" */
    const nn_entry *se = d.kind == TK_WORD ? nn_tok_entry(sc, &d, 0) : NULL;
    if (d.ws == 1 && se && (se->roles & NL_SCALE)) {
        frac = nn_scaled(frac, se->scale);
        w->x.scaled = true;
        w->x.last_scale = (int8_t)se->scale;
        q = d.e;
    }
    w->x.v = frac;
    w->x.s = pw.s;
    w->x.e = q;
    w->x.ntok = (uint8_t)(nd + 1);
    *out = nn_finish(sc, &w->x, NULL, pw.s, false);
    return true;
}

/* bare_scale: an ordinal scale after a bare scale word, "the hundred thousandth", "its thousand
 * millionth": one ORDINAL from the scale word (100 000), as "a hundred thousandth" is; a bare
 * scale word starts no mention itself ("hundreds of"), so the ordinal reads it back. */
static bool nw_bare_scale(scan *sc, wordst *w, uint32_t *out)
{
    nn_tok pw;
    if (!(w->e->roles & NL_ORDSCALE) || w->neg || !nn_prev_word(sc, w->t->s, &pw) ||
        pw.s < sc->last_end || w->t->s != pw.e + 1 || sc->s[pw.e] != ' ') {
        return false;
    }
    const nn_entry *pe = nn_tok_entry(sc, &pw, 0);
    if (!pe || !(pe->roles & NL_SCALE) || pe->scale >= w->e->scale ||
        !nn_parse_numexpr(sc, w->t->s, 0, &w->x) || !w->x.ordinal || w->x.ntok != 1 ||
        w->x.e != w->t->e) {
        return false;
    }
    w->x.v = nn_scaled(w->x.v, pe->scale); /* (the ordinal's value times the scale before) */
    w->x.s = pw.s;
    *out = nn_finish(sc, &w->x, NULL, pw.s, false);
    return true;
}

/* scale_and: a number or ordinal word after "and" after a bare scale word, "the hundred and
 * first" 101, "the thousand and first night" 1001, "the hundred and fifty guests" 150: one
 * mention from the scale word, as "a hundred and first" is. A bare scale word starts no
 * mention itself ("hundreds of"), so the word after "and" reads it back; not when a number
 * word stands before the scale word (that expression was read, or decided, already). */
static bool nw_scale_and(scan *sc, wordst *w, uint32_t *out)
{
    const char *s = sc->s;
    uint32_t ts = w->t->s;
    if (!(w->e->roles & (NL_NUM | NL_ORD)) || w->neg || ts < 6 || s[ts - 1] != ' ' ||
        (s[ts - 2] | 0x20) != 'd' || (s[ts - 3] | 0x20) != 'n' || (s[ts - 4] | 0x20) != 'a' ||
        s[ts - 5] != ' ') {
        return false;
    }
    nn_tok sw, bw;
    if (!nn_prev_word(sc, ts - 5, &sw) || sw.s < sc->last_end || sw.e != ts - 5) {
        return false;
    }
    const nn_entry *se = nn_tok_entry(sc, &sw, 0);
    if (!se || !(se->roles & NL_SCALE) ||
        (nn_prev_roles(sc, sw.s, &bw) & (NL_NUM | NL_ORD | NL_SCALE | NL_FRAC))) {
        return false;
    }
    /* the words after "and" are less than the scale: their value plus the scale's */
    nval sv = nn_scaled(nv_int(1), se->scale);
    if (!nn_parse_numexpr(sc, ts, 0, &w->x) || w->x.fraction || !w->x.v.ok ||
        nv_double(w->x.v) >= nv_double(sv)) {
        return false;
    }
    w->x.v = nv_add(sv, w->x.v);
    w->x.s = sw.s;
    *out = nn_finish(sc, &w->x, NULL, sw.s, false);
    return true;
}

/* The token before [.., \p end) when it is glued (no blank before \p end) and one byte or a
 * word: the links of "million-and-a-half" read backwards. */
static bool glued_before(const scan *sc, uint32_t end, nn_tok *t)
{
    if (end == 0 || sc->s[end - 1] == ' ') {
        return false;
    }
    uint32_t i = end - 1;
    while (i > 0 && is_alpha(sc->s[i]) && is_alpha(sc->s[i - 1])) {
        i--;
    }
    tok(sc, i, t);
    return t->e == end;
}

/* scale_and_half: "an additional million-and-a-half", "a further billion-and-a-half": a
 * fraction word glued by "-and-a-" to a bare scale word (of a thousand or more) with no number
 * before it is that scale and the fraction of it (1 500 000): one CARDINAL from the scale word,
 * as "a million-and-a-half" is read forwards (px_word_dash). A bare scale word starts no
 * mention itself ("millions of"), so the fraction reads it back. */
static bool nw_scale_and_half(scan *sc, wordst *w, uint32_t *out)
{
    const nn_tok *t = w->t;
    nn_tok d2, a, d1, an, d0, sw, bw;
    if (!(w->e->roles & NL_FRAC) || w->neg || !glued_before(sc, t->s, &d2) ||
        !nn_tok_is_dash(sc, &d2) || !glued_before(sc, d2.s, &a) || !tok_word(sc, &a, "a") ||
        !glued_before(sc, a.s, &d1) || !nn_tok_is_dash(sc, &d1) ||
        !glued_before(sc, d1.s, &an) || !tok_word(sc, &an, "and") ||
        !glued_before(sc, an.s, &d0) || !nn_tok_is_dash(sc, &d0) ||
        !nn_prev_word(sc, d0.s, &sw) || sw.e != d0.s || sw.s < sc->last_end) {
        return false;
    }
    const nn_entry *se = nn_tok_entry(sc, &sw, 0);
    /* (not a plural, "millions-and-a-half": a vague count, no number) */
    if (!se || !(se->roles & NL_SCALE) || (se->roles & NL_ABBR) || se->scale < 3 ||
        (sc->s[sw.e - 1] | 0x20) == 's' ||
        (nn_prev_roles(sc, sw.s, &bw) & (NL_NUM | NL_ORD | NL_SCALE | NL_FRAC)) ||
        !w->e->frac) {
        return false;
    }
    nval f = nv_int(1);
    nv_div(&f, w->e->frac);
    memset(&w->x, 0, sizeof w->x);
    w->x.v = nn_scaled(nv_add(nv_int(1), f), se->scale);
    w->x.s = sw.s;
    w->x.e = t->e;
    w->x.words = true;
    w->x.scaled = w->x.fraction = true;
    w->x.last_scale = (int8_t)se->scale;
    w->x.ntok = 7;
    *out = nn_finish(sc, &w->x, NULL, sw.s, false);
    return true;
}

static bool nw_no_numexpr(scan *sc, wordst *w, uint32_t *out)
{
    if (!nn_parse_numexpr(sc, w->start, 0, &w->x)) {
        *out = w->t->e;
        return true;
    }
    return false;
}

/* "one" after an ordinal or a relative ordinal ("the first one", "the last one", "the next
 * one"): the pronoun, unless what follows makes it a quantity - a percent word, unit, duration,
 * scale or fraction ("the last one percent"), a hyphen ("the next one-day match"), or a second
 * number after one word ("the next one or two years"). A currency word does not count: "the
 * fifth one won" is a verb. */
static bool one_after_ordinal(scan *sc, const nn_tok *a)
{
    if (a->kind == TK_END) {
        return true;
    }
    if (a->kind == TK_SYM) {
        return !(a->ws == 0 && (nn_tok_is_dash(sc, a) || tok_is(sc, a, "%")));
    }
    if (a->kind != TK_WORD) {
        return false;
    }
    const nn_entry *ae = nn_tok_entry(sc, a, 0);
    if (ae && (ae->roles & (NL_PCT | NL_PCTHEAD | NL_UNIT | NL_DUR | NL_SCALE | NL_MULT |
                            NL_FRAC | NL_NUM | NL_ORDSCALE))) {
        return false;
    }
    nn_tok b;
    tok(sc, a->e, &b);
    const nn_entry *be = b.kind == TK_WORD ? nn_tok_entry(sc, &b, 0) : NULL;
    return !(b.kind == TK_DIGITS || (be && (be->roles & NL_NUM)));
}

/* Whether \p pw, the word right before a "one" (with lexicon roles \p pr), is an adjective
 * after an article or a determiner that always starts a noun phrase (cues.tsv np_det: "a
 * better one", "the old one", "every single one"; not "this", "which": "which was one"): a
 * lower-case word without a role of its own but a modifier's, a function word's ("the only
 * one") or the head of a longer key's ("a new one"). Then "one" stands for a noun said before,
 * as in "the one". */
static bool one_after_adjective(scan *sc, const nn_tok *pw, uint32_t pr)
{
    if (pw->kind != TK_WORD || pw->cap || (pr & ~(uint32_t)(NL_MOD | NL_FUNC | NL_PREFIX))) {
        return false;
    }
    nn_tok ppw;
    return nn_prev_word(sc, pw->s, &ppw) && ppw.e + 1 == pw->s && (ppw.tf & NN_TF_ASCII) &&
           nn_cue_of(sc->lx, sc->s + ppw.s, ppw.e - ppw.s) == CUE_NP_DET;
}

/* idiom: a number word that is the head of a hyphenated compound listed as an idiom (cues.tsv
 * idiom: "one-sided", "zero-sum", "second-hand") counts nothing; the compound is passed over. */
static bool nw_idiom(scan *sc, wordst *w, uint32_t *out)
{
    const nn_tok *t = w->t;
    const unsigned char *u = (const unsigned char *)sc->s;
    if (w->neg || t->e + 1 >= sc->n || u[t->e] != '-' || !is_alpha((char)u[t->e + 1])) {
        return false;
    }
    uint32_t e = t->e + 1;
    while (e < sc->n && (is_alpha((char)u[e]) || (u[e] == '-' && e + 1 < sc->n &&
                                                 is_alpha((char)u[e + 1])))) {
        e++;
    }
    if (e - t->s > 255 || nn_cue_of(sc->lx, sc->s + t->s, e - t->s) != CUE_IDIOM) {
        return false;
    }
    *out = e;
    return true;
}

/* pronoun_one: "the one", "this one", "no one", "no-one", "one another", "one by one", "one
 * day", "at one time" are pronouns and phrases, no number ("one of them" is one, and so is the
 * "one" of a compound adjective: "the one-year contract"); so is "one"
 * after an ordinal or a relative ordinal ("the first one", "the last one") and after an
 * adjective after a determiner or an article ("a better one than", "the old one."), unless what
 * follows makes it a quantity ("a mere one percent", "an estimated one in five"). */
static bool nw_pronoun_one(scan *sc, wordst *w, uint32_t *out)
{
    const nn_tok *t = w->t;
    if (w->neg || w->x.ntok != 1 || w->x.ordinal || !tok_word(sc, t, "one")) {
        return false;
    }
    nn_tok pw, a;
    uint32_t pr = nn_prev_roles(sc, t->s, &pw);
    tok(sc, t->e, &a);
    *out = t->e;
    if (t->s >= 1 && sc->s[t->s - 1] == '-') {
        return true; /* "no-one", "some-one" */
    }
    if (t->e + 1 < sc->n && sc->s[t->e] == '-' && is_alpha(sc->s[t->e + 1])) {
        return false; /* "the one-year contract": a compound adjective, never the pronoun */
    }
    if ((pr & NL_DET) || tok_word(sc, &a, "another") || tok_word(sc, &a, "by") ||
        tok_word(sc, &a, "of") || tok_word(sc, &pw, "one") || tok_word(sc, &a, "day") ||
        tok_word(sc, &a, "time") || tok_word(sc, &pw, "at")) {
        return !tok_word(sc, &a, "of") || (pr & NL_DET) ||
               (pw.e + 1 == t->s && one_after_adjective(sc, &pw, pr)); /* "every single one of" */
    }
    /* (not after "half past", "ten past": a clock time, which this rule does not read) */
    nn_tok ppw;
    if ((pr & (NL_ORD | NL_RELMOD)) && pw.e + 1 == t->s) {
        return one_after_ordinal(sc, &a) && !(nn_prev_roles(sc, pw.s, &ppw) & (NL_FRAC | NL_NUM));
    }
    /* after a digit ordinal: "the 1st one" (the word reader takes no word after a digit) */
    if (t->s >= 4 && sc->s[t->s - 1] == ' ' && is_digit(sc->s[t->s - 4])) {
        tok(sc, t->s - 3, &ppw);
        return ppw.e + 1 == t->s && nn_is_ord_suffix(sc, &ppw) && one_after_ordinal(sc, &a);
    }
    return pw.e + 1 == t->s && one_after_adjective(sc, &pw, pr) && one_after_ordinal(sc, &a);
}

/* second_to_last: "the second to last", "third from bottom", "second-last" are positions from
 * the end, no ordinal number (nn_from_end, cues.tsv end_link/end_word). */
static bool nw_second_to_last(scan *sc, wordst *w, uint32_t *out)
{
    if (!w->x.ordinal) {
        return false;
    }
    uint32_t e = nn_from_end(sc, &w->x);
    if (e) {
        *out = e;
        return true;
    }
    return false;
}

/* second_as_time: "a second", "per second", "split second", "every second": time, not an
 * ordinal - but "a second attempt" (a noun after it that is no time word of cues.tsv) is one,
 * and so is "a second-round match", "a second-tier club": a word hyphenated to it makes an
 * adjective of rank (the unit of time is never written so: "a second-long pause" is rare). */
static bool nw_second_as_time(scan *sc, wordst *w, uint32_t *out)
{
    const nn_tok *t = w->t;
    if (!(w->x.ordinal && w->x.ntok == 1 && tok_word(sc, t, "second")) ||
        (t->e + 1 < sc->n && sc->s[t->e] == '-' && is_alpha(sc->s[t->e + 1]))) {
        return false;
    }
    nn_tok pw, nx;
    if (t->s >= 2 && sc->s[t->s - 1] == '-' && is_alpha(sc->s[t->s - 2]) &&
        !(nn_prev_roles(sc, t->s, &pw) & (NL_NUM | NL_ORD))) {
        *out = t->e; /* "a split-second decision", "a one-second delay": time */
        return true;
    }
    if (nn_prev_word(sc, t->s, &pw) &&
        (tok_word(sc, &pw, "a") || tok_word(sc, &pw, "per") || tok_word(sc, &pw, "split") ||
         tok_word(sc, &pw, "every") || tok_word(sc, &pw, "each") || tok_word(sc, &pw, "one"))) {
        tok(sc, t->e, &nx);
        const nn_entry *ne = nn_tok_entry(sc, &nx, 0);
        bool noun = tok_word(sc, &pw, "a") && nx.kind == TK_WORD && nx.ws == 1 && !nx.cap &&
                    (nx.tf & NN_TF_ASCII) &&
                    !(ne && (ne->roles & (NL_PREP | NL_FUNC | NL_DET | NL_AGO | NL_MOD))) &&
                    nn_cue_of(sc->lx, sc->s + nx.s, nx.e - nx.s) != CUE_TIME_AFTER;
        nn_tok of;
        if (noun && nn_prev_word(sc, pw.s, &of) && sc->last_end && of.s == sc->last_end + 1 &&
            tok_word(sc, &of, "of")) {
            noun = false; /* "a hundredth of a second decided it": a number's part of the unit */
        }
        if (!noun) {
            *out = t->e;
            return true;
        }
    }
    return false;
}

/* lone_fraction: a bare "half" or "quarter" is only a number in "half of", "a quarter point",
 * "half a percent", "half a mile", "half an hour" and the like (nn_parse_numexpr read "half a million"); alone ("the second
 * half", "a quarter") it is nothing. */
static bool nw_lone_fraction(scan *sc, wordst *w, uint32_t *out)
{
    if (!(w->x.fraction && w->x.ntok == 1 && (w->e->roles & NL_FRAC))) {
        return false;
    }
    nn_tok a;
    tok(sc, w->x.e, &a);
    bool pointy = tok_word(sc, &a, "point") || tok_word(sc, &a, "points");
    lexm lm;
    bool pct = a.ws == 1 && nn_lex_longest(sc, a.s, NL_PCT, &lm);
    /* "half a mile", "half an hour": the parser read the article (not "half hour") */
    bool unit = !pct && a.ws == 1 && w->x.e > w->t->e &&
                nn_lex_longest(sc, a.s, NL_UNIT | NL_DUR, &lm);
    nn_tok pw; /* ("the second half of the match": after an ordinal "half" is the noun) */
    const nn_entry *pe = nn_prev_word(sc, w->t->s, &pw) ? nn_tok_entry(sc, &pw, 0) : NULL;
    if (!pointy && !pct && !unit &&
        !(tok_word(sc, &a, "of") && w->e->frac == 2 && !(pe && (pe->roles & NL_ORD)))) {
        *out = w->t->e;
        return true;
    }
    return false;
}

/* nth_weekday: "the second Tuesday of March", "the first Monday in May": a DATE. */
static bool nw_nth_weekday(scan *sc, wordst *w, uint32_t *out)
{
    if (!w->x.ordinal || w->neg) {
        return false;
    }
    *out = nn_nth_weekday(sc, &w->x, w->t->s);
    return *out != 0;
}

/* The word rules, in the order try_words asks them: X(name, doc). The --stats counter of each
 * is named nw_NAME; every one decides at least one golden case (numbers_golden::
 * every_rule_has_cases). */
#define NN_NUMWORD_LIST(X)                                                                            \
    X(in_year_words,                                                                               \
      "a year in words after \"in\"/\"since\"/\"of\": \"in nineteen ninety-nine\", \"since two "   \
      "thousand and five\": a DATE")                                                               \
    X(clock_words, "a clock time in words: \"half past ten\" T10:30, \"quarter to five\" T04:45")  \
    X(last_period, "\"the last quarter of 2023\", \"the final quarter of last year\": a DATE")         \
    X(minus, "\"minus\"/\"negative\" before no number: nothing (before one: \"minus five\")")      \
    X(idiom, "a number word in an idiom of one compound: \"one-sided\", \"second-hand\": nothing")      \
    X(ordinal_in_name,                                                                             \
      "a capitalised ordinal next to a capitalised word is a name: \"Third Circuit\", "            \
      "\"America First\": nothing")                                                                \
    X(capitalised_name,                                                                            \
      "other capitalised number words inside a sentence are names: \"One Belt, One Road\", "       \
      "\"the Big Four\", \"Formula One race\"; at its start before two capitalised words: "      \
      "\"Second World War\"")                                                                       \
    X(point_decimal, "digit words after a \"point\" that follows no number: \"point five\" 0.5") \
    X(bare_scale, "an ordinal scale after a bare scale word: \"the hundred thousandth\" 100000")  \
    X(scale_and, "a number word after a bare scale word and \"and\": \"the hundred and first\" 101") \
    X(scale_and_half,                                                                              \
      "a fraction word after a bare scale word and \"-and-a-\": \"an additional "                 \
      "million-and-a-half\" 1500000")                                                              \
    X(no_numexpr, "the words make no number expression (\"a\" without a scale): nothing")          \
    X(oclock, "an hour in words before \"o'clock\": \"ten o'clock\" T10:00")                          \
    X(pronoun_one,                                                                                 \
      "\"the one\", \"no one\", \"one another\", \"one by one\", \"one day\": nothing")            \
    X(second_to_last, "\"the second to last\", \"third from bottom\": a position from the end, nothing") \
    X(second_as_time,                                                                              \
      "\"a second\", \"per second\", \"split second\": time, nothing (\"a second attempt\" is "    \
      "an ordinal)")                                                                               \
    X(lone_fraction,                                                                               \
      "a lone \"half\"/\"quarter\" without \"of\", \"point\" or a percent word: nothing")          \
    X(nth_weekday, "\"the second Tuesday of March\": a DATE")

#define NN_NUMWORD_ENUM(name, doc) NN_NUMWORD_##name,
NN_RULE_LIST_NAMES(NN_NUMWORD_LIST, NN_NUMWORD_ENUM, NN_N_NUMWORD, nn_word_rule_names)
#undef NN_NUMWORD_ENUM


/* A mention starting with the number word \p t (lexicon entry \p e): the word rules, then
 * nn_finish. @returns where scanning continues. */
static uint32_t try_words(scan *sc, const nn_tok *t, const nn_entry *e)
{
    wordst w;
    w.t = t;
    w.e = e;
    w.start = t->s;
    w.neg = false;
    w.inner_ordinal = false;
    uint32_t out = 0;
    /* Called directly in table order, like nn_finish's rules (no loop of indirect calls). */
#define NN_NUMWORD_ASK(name, doc)                                                                     \
    if (nw_##name(sc, &w, &out)) {                                                                 \
        return nn_count(sc, sc->ctx->n_word_rules_at, NN_NUMWORD_##name, out);                     \
    }
    NN_NUMWORD_LIST(NN_NUMWORD_ASK)
#undef NN_NUMWORD_ASK
    return nn_finish(sc, &w.x, NULL, t->s, w.neg);
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
    if (!nn_lex_longest(sc, t->s, NL_PCT, &lm) || lm.e->pct != PCT_PERCENT) {
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
        !nn_parse_numexpr(sc, a.s, 0, &x) || x.ordinal || x.fraction || x.glued_e || !x.v.ok ||
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
    nn_emit(sc, &m);
    return x.e;
}

/* ---- Words -------------------------------------------------------------------------------
 *
 * on_word is asked at every word of the text. Its rules say which reader a word starts (a URL
 * to skip, a currency code before an amount, a month, a weekday, a number word...): first the
 * rules of NN_WORD_FORM_LIST, which read the word's form and the bytes around it, then, when
 * the word has a lexicon entry, those of NN_WORD_ENTRY_LIST, which read that entry. The first
 * that decides ends the word (its --stats counter "word_NAME" counts it); a word no rule takes
 * (most words: "said", "the") is skipped uncounted. */

/* What the word rules share about the word \p t. */
typedef struct wordat {
    const nn_tok *t;
    size_t len;           /* its length in bytes */
    bool glued_digit;     /* a digit right after it: "G20", "Q3", "USD20" */
    bool hyph_digit;      /* "-" and a digit after it: "COVID-19", "mid-2020" */
    bool dollar_next;     /* "$" right after it: "US$", "HK$" */
    const nn_entry *e;    /* its lexicon entry (lower-cased), or NULL (also for long words) */
    const nn_entry *ec;   /* its case-sensitive entry, read only for short capitalised words,
                             capitals, words before a digit or "$"; or NULL */
    bool ec_read;         /* ec was read (NULL then: the word has no such entry) */
    int8_t article;       /* the word is "a" or "an": 1, not: 0, not yet asked: -1 */
    nn_aunit au;          /* after an article, the unit of time after it (nn_a_unit): read
                             once for a_ago and in_a */
} wordat;

/* False when no currency form starts at the word \p w, as nn_match_currency would find at its
 * start: neither of its entries is one, no longer key they begin goes on with the next token
 * ("US government": nn_entry.next_first), and it is no scaled code ("MUSD", "kEUR"). Read
 * before try_money_prefix builds the chain of keys there. */
static inline bool money_may_start(const scan *sc, const wordat *w)
{
    const nn_entry *ec = w->ec, *el = w->e;
    char c = sc->s[w->t->s];
    if (!w->ec_read || w->len > 24 || c == 'M' || c == 'K' || c == 'k') {
        return true;
    }
    if (((ec ? ec->roles : 0) | (el ? el->roles : 0)) & NL_CUR) {
        return true;
    }
    uint64_t first = (ec && (ec->roles & NL_PREFIX) ? ec->next_first : 0) |
                     (el && (el->roles & NL_PREFIX) ? el->next_first : 0);
    return first && next_may_go_on(sc, w->t->e, first);
}

/* url: "https://...", "www.example.com", "name@example.com": skipped to the next blank. */
static inline bool wd_url(scan *sc, const wordat *w, uint32_t *out)
{
    const char *s = sc->s;
    const nn_tok *t = w->t;
    if (((w->len == 4 || w->len == 5) && t->e + 3 <= sc->n && memcmp(s + t->e, "://", 3) == 0) ||
        (w->len == 3 && t->e < sc->n && s[t->e] == '.' && tok_word(sc, t, "www")) ||
        (t->e < sc->n && s[t->e] == '@')) {
        *out = skip_url(sc, t->s);
        return true;
    }
    return false;
}

/* quarter_code: "Q3 2023", "H1 2024": a quarter or half of a year; "FY2024", "FY24-25": a
 * fiscal year glued to its fiscal word (nn_fiscal_year; cues.tsv fy_year), before ident would
 * skip it. One rule: a word is asked one test more for both. */
static inline bool wd_quarter_code(scan *sc, const wordat *w, uint32_t *out)
{
    if (w->glued_digit) {
        *out = w->len == 1 ? quarter_code(sc, w->t->e) : nn_fiscal_year(sc, w->t->e, NULL, 0);
        return *out != 0;
    }
    return false;
}

/* money_code: a case-sensitive currency code or sign before the amount: "USD 20", "Rs 500",
 * "US$ 5 million", "MAUD 60" (a code with a scale letter). */
static inline bool wd_money_code(scan *sc, const wordat *w, uint32_t *out)
{
    const nn_tok *t = w->t;
    if (((w->ec && (w->ec->roles & (NL_CUR | NL_PREFIX))) ||
         (!w->ec && w->len == 4 && (t->tf & NN_TF_UPPER) && (sc->s[t->s] == 'M' || sc->s[t->s] == 'K'))) &&
        money_may_start(sc, w)) {
        *out = try_money_prefix(sc, t, w->ec);
        return *out != 0;
    }
    return false;
}

/* money_lc_code: a lower-case code right before digits: "usd 20", "rmb 10" (its upper-case
 * form is a code that is not also an English word). */
static inline bool wd_money_lc_code(scan *sc, const wordat *w, uint32_t *out)
{
    const nn_tok *t = w->t;
    const char *s = sc->s;
    /* (two letters: a lower-case symbol is a case-sensitive key only, so the word has no entry
     * as lower-cased; "in 2020", "to 5", "on 3" - common - have one and are not asked) */
    if (!(w->len == 3 || (w->len == 2 && !w->e)) || t->cap) {
        return false;
    }
    uint32_t q = t->e < sc->n && s[t->e] == '.' ? t->e + 1 : t->e; /* ("rs. 20") */
    if ((t->tf & NN_TF_ASCII) && q + 1 < sc->n && s[q] == ' ' && is_digit(s[q + 1])) {
        /* the lower-case key of an "lc" code, or a lower-case symbol ("rs", "kr") */
        const nn_entry *le = nn_tok_entry(sc, t, 1);
        if (le && (le->roles & NL_CUR) &&
            ((le->cur_kind == CK_CODE && !(le->cur_flags & CF_WORDLIKE)) ||
             le->cur_kind == CK_SYM)) {
            *out = try_money_prefix(sc, t, le);
            return *out != 0;
        }
    }
    return false;
}

/* money_word: a currency word (lexicon entry as lower-cased) in capitals, glued to the digits
 * or before "$", that no case-sensitive code took: "us$5 million". */
static inline bool wd_money_word(scan *sc, const wordat *w, uint32_t *out)
{
    if (w->e && (w->e->roles & (NL_CUR | NL_PREFIX)) &&
        ((w->t->tf & NN_TF_UPPER) || w->glued_digit || w->dollar_next) && money_may_start(sc, w)) {
        *out = try_money_prefix(sc, w->t, w->ec);
        return *out != 0;
    }
    return false;
}

/* month: a date that starts with a month: "November 28, 2023", "March 2020", "in May". */
static inline bool wd_month(scan *sc, const wordat *w, uint32_t *out)
{
    if (w->e && (w->e->roles & NL_MONTH)) {
        uint32_t before = sc->last_end;
        *out = nn_try_month(sc, w->t, w->e, w->t->s, -2);
        return sc->last_end != before;
    }
    return false;
}

/* era_prefix: "mid-2020", "pre-1990", "late-1990s": the prefix alone is skipped, the year
 * after the hyphen is read next. */
static inline bool wd_era_prefix(scan *sc, const wordat *w, uint32_t *out)
{
    const nn_tok *t = w->t;
    if (w->hyph_digit && (tok_word(sc, t, "mid") || tok_word(sc, t, "pre") ||
                          tok_word(sc, t, "post") || tok_word(sc, t, "early") ||
                          tok_word(sc, t, "late"))) {
        *out = t->e + 1;
        return true;
    }
    return false;
}

/* ident: "G20", "COVID-19", "A320", "F-16", "MH17": identifiers, no number. */
static inline bool wd_ident(scan *sc, const wordat *w, uint32_t *out)
{
    if (w->glued_digit || w->hyph_digit) {
        *out = nn_skip_ident(sc, w->t->s);
        return true;
    }
    return false;
}

/* weekday: "on Friday", "Monday, June 3": a date from a weekday (nn_try_weekday). */
static inline bool wd_weekday(scan *sc, const wordat *w, const nn_entry *e, uint32_t *out)
{
    if (e->roles & NL_WEEKDAY) {
        *out = nn_try_weekday(sc, w->t, e, w->t->s, -2);
        return true;
    }
    return false;
}

/* relative: "today", "yesterday", "tonight": a date counted from publication. */
static inline bool wd_relative(scan *sc, const wordat *w, const nn_entry *e, uint32_t *out)
{
    if (e->roles & NL_REL) {
        *out = nn_try_rel(sc, w->t, e);
        return true;
    }
    return false;
}

/* relday: "the next day", "the day before": the day after (before) a date just mentioned;
 * at a head word ("following", "preceding": calendar.tsv flag head) before a relunit word,
 * "the following year", "the preceding month", the period next to it (read at the unit). */
static inline bool wd_relday(scan *sc, const wordat *w, const nn_entry *e, uint32_t *out)
{
    if (e->roles & NL_RELDAY) {
        *out = nn_try_relday(sc, w->t);
        return *out != 0;
    }
    if (e->roles & NL_RELHEAD) {
        nn_tok u;
        tok(sc, w->t->e, &u);
        const nn_entry *ue = u.kind == TK_WORD && u.ws == 1 ? nn_tok_entry(sc, &u, 0) : NULL;
        *out = ue && (ue->roles & NL_RELUNIT) ? nn_try_relday(sc, &u) : 0;
        return *out != 0;
    }
    return false;
}

/* weekend: "over the weekend", "this weekend", "next weekend" (nn_try_weekend). */
static inline bool wd_weekend(scan *sc, const wordat *w, const nn_entry *e, uint32_t *out)
{
    if (e->roles & NL_WEEKEND) {
        *out = nn_try_weekend(sc, w->t);
        return *out != 0;
    }
    return false;
}

/* holiday: "Christmas Day", "Boxing Day 2004", "Halloween" (nn_try_holiday). */
static inline bool wd_holiday(scan *sc, const wordat *w, const nn_entry *e, uint32_t *out)
{
    if (e->roles & NL_HOLEND) {
        *out = nn_try_holiday(sc, w->t, e);
        return *out != 0;
    }
    return false;
}

/* clock_word: "at noon", "by midnight" (calendar.tsv clockword): the TIME of the day the word
 * names. In lower case, or capitalised where a sentence starts (or in a title-case text):
 * "Midnight Oil" inside a sentence is a name. */
static inline bool wd_clock_word(scan *sc, const wordat *w, const nn_entry *e, uint32_t *out)
{
    if (!(e->roles & NL_CLOCKWORD)) {
        return false;
    }
    const char *s = sc->s;
    const nn_tok *t = w->t;
    if (t->cap && !sc->title_case) {
        uint32_t b = t->s;
        while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '"')) {
            b--;
        }
        if (!(b == 0 || s[b - 1] == '.' || s[b - 1] == '!' || s[b - 1] == '?' || s[b - 1] == '\n')) {
            *out = t->e;
            return true; /* (a name: nothing) */
        }
    }
    ment m;
    memset(&m, 0, sizeof m);
    m.s = t->s;
    m.e = t->e;
    m.label = "TIME";
    m.vtext = nn_arena_printf(sc, "T%02d:%02d", (int)(e->num / 60), (int)(e->num % 60));
    nn_emit(sc, &m);
    *out = t->e;
    return true;
}

/* relmod: "last year", "next week", "this month": a date counted from publication. */
static inline bool wd_relmod(scan *sc, const wordat *w, const nn_entry *e, uint32_t *out)
{
    if (e->roles & NL_RELMOD) {
        uint32_t before = sc->last_end;
        *out = nn_try_relmod(sc, w->t, e);
        return sc->last_end != before;
    }
    return false;
}

/* money_word_before: a lower-case currency word right before the amount, as some wire copy
 * writes it: "dollar 22.5 million", "dollars 5", "euro 3 billion", "rupees 40 crore" (the
 * currency names of cues.tsv "cur_before": not "won 3-1", "rand", "real"). Not after a determiner ("the dollar 0.3%
 * higher", "the euro 2 years ago": the currency as a thing), nor before a percent, unit or
 * duration ("dollar 5 years", "euro 2%"). */
static inline bool wd_money_word_before(scan *sc, const wordat *w, const nn_entry *e,
                                        uint32_t *out)
{
    const nn_tok *t = w->t;
    if (!(e->roles & NL_CUR) || e->cur_kind != CK_WORD || t->cap || t->e + 1 >= sc->n ||
        sc->s[t->e] != ' ' || !is_digit(sc->s[t->e + 1]) ||
        nn_cue_of(sc->lx, sc->s + t->s, w->len) != CUE_CUR_BEFORE) {
        return false;
    }
    nn_tok pw, after;
    const nn_entry *pe;
    if (nn_prev_word(sc, t->s, &pw) && pw.s >= sc->last_end &&
        (pe = nn_tok_entry(sc, &pw, 0)) != NULL &&
        ((pe->roles & NL_DET) || tok_word(sc, &pw, "a") || tok_word(sc, &pw, "an"))) {
        return false;
    }
    nexpr x;
    if (!nn_parse_numexpr(sc, t->e + 1, PX_MONEY, &x) || x.ordinal || x.glued_e) {
        return false;
    }
    tok(sc, x.e, &after);
    const nn_entry *ae = after.kind == TK_WORD ? nn_tok_entry(sc, &after, 0) : NULL;
    if (tok_is(sc, &after, "%") || (ae && (ae->roles & (NL_PCT | NL_UNIT | NL_DUR | NL_CUR)))) {
        return false;
    }
    curm cm = {e, t->s, t->e, 0};
    *out = money_after(sc, &cm);
    return *out != 0;
}

/* number_word: "two million", "third", "hundredth", "half", "minus five": try_words and its
 * rules. */
static inline bool wd_number_word(scan *sc, const wordat *w, const nn_entry *e, uint32_t *out)
{
    if (e->roles & (NL_NUM | NL_ORD | NL_ORDSCALE | NL_FRAC | NL_NEG)) {
        *out = try_words(sc, w->t, e);
        return true;
    }
    return false;
}

/* percent_of: "percent of 10.", "per cent of 210": the number after the percent word. */
static inline bool wd_percent_of(scan *sc, const wordat *w, const nn_entry *e, uint32_t *out)
{
    if (e->roles & NL_PCTHEAD) {
        *out = try_percent_of(sc, w->t);
        return *out != 0;
    }
    return false;
}

/* Whether the word is the article "a" or "an" (asked once: the rules below all read it); at
 * the first ask the unit of time after it is read too (w->au), for a_ago and in_a. */
static inline bool word_article(scan *sc, wordat *w)
{
    if (w->article < 0) {
        w->article = tok_word(sc, w->t, "a") || tok_word(sc, w->t, "an");
        if (w->article) {
            nn_a_unit(sc, w->t, &w->au);
        }
    }
    return w->article;
}

/* a_ago: "a year ago", "an hour ago": a date counted back from publication. */
static inline bool wd_a_ago(scan *sc, wordat *w, const nn_entry *e, uint32_t *out)
{
    (void)e;
    if (word_article(sc, w)) {
        *out = nn_try_a_ago(sc, w->t, &w->au);
        return *out != 0;
    }
    return false;
}

/* in_a: "in a week", "within a month" in a sentence about the future: a date (an interval
 * for "within") counted from publication. */
static inline bool wd_in_a(scan *sc, wordat *w, const nn_entry *e, uint32_t *out)
{
    (void)e;
    if (word_article(sc, w)) {
        *out = nn_try_in_a(sc, w->t, &w->au);
        return *out != 0;
    }
    return false;
}

/* a_number: "a dozen", "a hundred", "a third", "an eighth": "a" as the number one. */
static inline bool wd_a_number(scan *sc, wordat *w, const nn_entry *e, uint32_t *out)
{
    (void)e;
    if (word_article(sc, w)) {
        nn_tok a;
        tok(sc, w->t->e, &a);
        const nn_entry *ae = a.kind == TK_WORD ? nn_tok_entry(sc, &a, 0) : NULL;
        if (ae && (ae->roles & (NL_SCALE | NL_MULT | NL_FRAC | NL_ORD | NL_ORDSCALE))) {
            *out = try_words(sc, w->t, ae);
            return true;
        }
    }
    return false;
}

/* The token \p z ends the phrase of an amount "a dollar": punctuation, the end, a rate ("a
 * dollar a day", "a dollar per share") or a preposition (cues.tsv amount_end, day_prep). */
static bool a_amount_ends(const scan *sc, const nn_tok *z)
{
    unsigned char zc = z->kind == TK_SYM ? (unsigned char)sc->s[z->s] : 0;
    int zcue = z->kind == TK_WORD && z->ws == 1 && z->e - z->s <= 12
                   ? nn_cue_of(sc->lx, sc->s + z->s, z->e - z->s)
                   : CUE_NONE;
    /* (0xE2: a typographic apostrophe or dash, "a dollar’s worth") */
    return z->kind == TK_END ||
           (z->kind == TK_SYM && (z->ws != 0 || !strchr("-'/&", zc)) && zc != 0xE2) ||
           zcue == CUE_AMOUNT_END || zcue == CUE_DAY_PREP ||
           (z->ws == 1 && (tok_word(sc, z, "a") || tok_word(sc, z, "per")));
}

/* Cents after "a dollar" at \p p: "a dollar fifty", "a euro twenty", "a dollar ninety-nine a
 * gallon", "a dollar and fifty cents", "a dollar and a half" - a whole number of 1 to 99 with
 * its minor unit, or without one where the phrase ends after it (a_amount_ends: not "a dollar
 * fifty years ago", the number's own noun). Adds them to \p m; @returns the end, or 0. */
static __attribute__((noinline, cold)) uint32_t a_currency_cents(const scan *sc, ment *m,
                                                                 uint32_t p)
{
    nn_tok a, b, z;
    tok(sc, p, &a);
    b = a;
    if (a.ws == 1 && tok_word(sc, &a, "and")) {
        tok(sc, a.e, &b);
        if (b.ws == 1 && tok_word(sc, &b, "a")) {
            tok(sc, b.e, &z); /* "and a half" */
            const nn_entry *ze = z.ws == 1 ? nn_tok_entry(sc, &z, 0) : NULL;
            nn_tok y;
            tok(sc, z.e, &y);
            if (ze && (ze->roles & NL_FRAC) && ze->frac == 2 && a_amount_ends(sc, &y)) {
                nval h = nv_int(1);
                nv_div(&h, 2);
                m->v = nv_add(m->v, h);
                return z.e;
            }
            return 0;
        }
    }
    nexpr c;
    if (b.ws != 1 || (b.kind != TK_DIGITS && b.kind != TK_WORD) ||
        !nn_parse_numexpr(sc, b.s, 0, &c) || c.ordinal || c.fraction || c.scaled || c.glued_e ||
        !c.v.ok || c.v.den != 1 || c.v.e < 0 || c.v.m == 0 || nv_double(c.v) >= 100) {
        return 0;
    }
    tok(sc, c.e, &z);
    curm cc;
    uint32_t e = c.e, div = 100;
    if (nn_minor_unit(sc, &z, &cc)) {
        e = cc.end;
        div = nn_minor_div(cc.e);
    } else if (!a_amount_ends(sc, &z)) {
        return 0;
    }
    nval cents = c.v;
    nv_div(&cents, div);
    m->v = nv_add(m->v, cents);
    return e;
}

/* a_currency: "costs a dollar", "less than a euro a day": "a"/"an" + a currency name of
 * cues.tsv a_unit is the amount one when the name ends the phrase - punctuation, the end, a
 * rate ("a dollar a day", "a dollar per share": nn_emit adds a period's rate) or a preposition
 * (cues.tsv amount_end, day_prep: "a euro in Rome").
 * Before a noun, a hyphen or an apostrophe the name is no amount ("a dollar store", "a
 * dollar-denominated bond", "a dollar figure", "a dollar's worth"). */
static inline bool wd_a_currency(scan *sc, wordat *w, const nn_entry *e, uint32_t *out)
{
    (void)e;
    /* (bytes first: every word with an entry that no rule took gets here, and most words
     * after "a" start with a letter no a_unit name starts with) */
    uint32_t p = w->t->e;
    if (w->len > 2 || (sc->s[w->t->s] | 0x20) != 'a' || p + 1 >= sc->n || sc->s[p] != ' ' ||
        !is_alpha(sc->s[p + 1]) ||
        !(sc->lx->a_unit_first & (1u << ((sc->s[p + 1] | 0x20) - 'a'))) ||
        !word_article(sc, w)) {
        return false;
    }
    nn_tok a, z;
    tok(sc, w->t->e, &a);
    /* (the lexicon entry first: it is cached, and most words after "a" are no currency) */
    const nn_entry *ae = a.ws == 1 && a.kind == TK_WORD && a.e - a.s <= 12
                             ? nn_tok_entry(sc, &a, 0)
                             : NULL;
    const nn_cue *c = ae && (ae->roles & NL_CUR) ? nn_cue_slot(sc->lx, sc->s + a.s, a.e - a.s)
                                                 : NULL;
    if (!c || !(c->flags & CUEF_A_UNIT)) {
        return false;
    }
    tok(sc, a.e, &z);
    ment m;
    memset(&m, 0, sizeof m);
    m.s = w->t->s;
    m.e = a.e;
    m.v = nv_int(1);
    uint32_t ce = z.ws == 1 && (z.kind == TK_DIGITS || z.kind == TK_WORD)
                      ? a_currency_cents(sc, &m, a.e)
                      : 0;
    if (ce) {
        m.e = ce; /* "a dollar fifty" */
    } else if (!a_amount_ends(sc, &z)) {
        return false;
    }
    m.label = "MONEY";
    m.has_v = true;
    m.currency = nn_resolve_currency(sc, ae);
    m.mod = nn_lookback_mod(sc, m.s);
    nn_emit(sc, &m);
    *out = m.e;
    return true;
}

/* The word rules that read the word's form, in the order on_word asks them: X(name, doc). */
#define NN_WORD_FORM_LIST(X)                                                                       \
    X(url, "\"https://...\", \"www.example.com\", \"name@example.com\": skipped, nothing")         \
    X(quarter_code, "\"Q3 2023\", \"H1 2024\", \"FY2024\": a quarter, half or fiscal year")         \
    X(money_code,                                                                                  \
      "a case-sensitive currency code or sign before the amount: \"USD 20\", \"Rs 500\", "         \
      "\"MAUD 60\"")                                                                               \
    X(money_lc_code, "a lower-case code or symbol before digits: \"usd 20\", \"rs 500\"")            \
    X(money_word, "a currency word in capitals, glued or before \"$\": \"us$5 million\"")          \
    X(month, "a date that starts with a month: \"November 28, 2023\", \"March 2020\"")             \
    X(era_prefix, "\"mid-2020\", \"pre-1990\": the prefix is skipped, the year read next")         \
    X(ident, "letters glued to digits: \"G20\", \"COVID-19\", \"F-16\": an identifier, nothing")

/* The word rules that read its lexicon entry (asked only when it has one), in order. */
#define NN_WORD_ENTRY_LIST(X)                                                                      \
    X(weekday, "\"on Friday\", \"Monday, June 3\": a date from a weekday")                         \
    X(relative, "\"today\", \"yesterday\": a date counted from publication")                       \
    X(relmod, "\"last year\", \"next week\": a date counted from publication")                     \
    X(relday, "\"the next day\", \"the day before\": a day after (before) the date just mentioned") \
    X(weekend, "\"the weekend\", \"last weekend\": Saturday and Sunday, an interval")             \
    X(holiday, "\"Christmas Day\", \"New Year's Eve\": a fixed-day holiday, from its last word")   \
    X(clock_word, "\"at noon\", \"by midnight\": a word that is a clock time (calendar.tsv clockword)") \
    X(money_word_before, "a lower-case currency word before the amount: \"dollar 22.5 million\", \"euro 3 billion\"") \
    X(number_word, "\"two million\", \"third\", \"hundredth\", \"minus five\": the number-word rules and nn_finish") \
    X(percent_of, "\"percent of 10.\": the number after the percent word")                         \
    X(a_ago, "\"a year ago\": a date counted back from publication")                               \
    X(in_a, "\"in a week\", \"within a month\" about the future: a date (interval) from "        \
            "publication; else \"a couple of weeks\" a duration (P2W)")                            \
    X(a_number, "\"a dozen\", \"a hundred\", \"a third\": \"a\" as one")                     \
    X(a_currency, "\"costs a dollar\", \"a euro a day\": \"a\" + a currency name as one")

/* (both lists, in the order on_word asks them) */
#define NN_WORD_LISTS(X) NN_WORD_FORM_LIST(X) NN_WORD_ENTRY_LIST(X)
#define NN_WORD_ENUM(name, doc) NN_WORD_##name,
NN_RULE_LIST_NAMES(NN_WORD_LISTS, NN_WORD_ENUM, NN_N_WORD, nn_word_names)
#undef NN_WORD_ENUM


/* A word of the text: the word rules. @returns where scanning continues. */
static uint32_t on_word(scan *sc, const nn_tok *t)
{
    const char *s = sc->s;
    uint32_t n = sc->n;
    /* The byte loop cut the word without the token cache, and most rules that take it read
     * its token again from its start (the number parser in try_words, lex_chain for percent
     * and currency keys): put it there. Before an ASCII byte it is the token nn_tok_ascii
     * cuts at t->s (the same bytes, flags and hash; before other bytes nn_tok_other decides,
     * and the token is left to it). */
    nn_tok_put_word(sc, t);
    wordat w;
    w.t = t;
    w.len = t->e - t->s;
    w.glued_digit = t->e < n && is_digit(s[t->e]);
    w.hyph_digit = t->e + 1 < n && s[t->e] == '-' && is_digit(s[t->e + 1]);
    w.e = w.len <= 24 ? nn_tok_entry(sc, t, 0) : NULL;
    /* Case-sensitive forms (codes, "Rs", "RM", "US$") are short and capitalised. */
    w.dollar_next = t->e < n && s[t->e] == '$';
    w.ec_read = w.len <= 6 && ((t->cap && w.len <= 3) || ((t->tf & NN_TF_UPPER) && w.len >= 2) ||
                               w.glued_digit || w.dollar_next);
    w.ec = w.ec_read ? nn_tok_entry(sc, t, 1) : NULL;
    w.article = -1;
    uint32_t out = 0;
    /* Called directly in table order, like nn_finish's rules (no loop of indirect calls). */
#define NN_WORD_ASK(name, doc)                                                                     \
    if (wd_##name(sc, &w, &out)) {                                                                \
        return nn_count(sc, sc->ctx->n_word_at, NN_WORD_##name, out);                              \
    }
    NN_WORD_FORM_LIST(NN_WORD_ASK)
#undef NN_WORD_ASK
    const nn_entry *e = w.e;
    if (!e) {
        return t->e;
    }
#define NN_WORD_ASK(name, doc)                                                                     \
    if (wd_##name(sc, &w, e, &out)) {                                                             \
        return nn_count(sc, sc->ctx->n_word_at, NN_WORD_##name, out);                              \
    }
    NN_WORD_ENTRY_LIST(NN_WORD_ASK)
#undef NN_WORD_ASK
    return t->e;
}

/* "US $150 million", "HK $3", and in lower-cased, tokenised text "us $ 150 million", "c $
 * 1.34": the one to three ASCII letters [*ws, *we) before the "$" token \p t, over blanks - the
 * word nn_prev_word would read there, taken from the run of letters without reading it as a
 * token - in capitals, or one or two small letters that are not the article ("a $5 bill") nor
 * a possessive ("music ' s $ 500 million"). Most amounts ("raised $3bn") have none. */
static inline bool code_before_dollar(const scan *sc, const nn_tok *t, uint32_t *ws, uint32_t *we)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    if (!tok_is(sc, t, "$") || t->s < 2 || u[t->s - 1] != ' ') {
        return false;
    }
    uint32_t i;
    uint32_t e = nn_letters_before(sc, t->s, &i);
    uint32_t l = e - i;
    if (l == 0 || l > 3 || i < sc->last_end || (i > 0 && (u[i - 1] >= 0x80 || is_digit((char)u[i - 1])))) {
        return false;
    }
    bool upper = true;
    for (uint32_t k = i; k < e; k++) {
        upper = upper && u[k] <= 'Z';
    }
    *ws = i;
    *we = e;
    if (upper) {
        return l >= 2;
    }
    return u[i] > 'Z' && l <= 2 && !(l == 1 && u[i] == 'a') &&
           !(i >= 2 && (u[i - 2] == '\'' || u[i - 1] == '\'' || u[i - 2] == 0x99));
}

static uint32_t on_symbol(scan *sc, const nn_tok *t)
{
    /* (a one-byte sign, the "$" of most amounts: its entry known, no look-up) */
    unsigned char c0 = (unsigned char)sc->s[t->s];
    const nn_entry *e = t->e - t->s == 1 && c0 < 0x80 ? sc->lx->sym1[c0] : nn_tok_entry(sc, t, 1);
    if (e && (e->roles & (NL_CUR | NL_PREFIX))) {
        uint32_t ws, we;
        if (code_before_dollar(sc, t, &ws, &we)) {
            char key[8];
            size_t kl = we - ws;
            for (size_t k = 0; k < kl; k++) {
                char c = sc->s[ws + k];
                key[k] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
            }
            key[kl++] = '$';
            const nn_entry *ce = nn_lex_get(sc->lx, key, kl, 1);
            if (ce && (ce->roles & NL_CUR)) {
                curm cm = {ce, ws, t->e, 0};
                uint32_t r = money_after(sc, &cm);
                if (r) {
                    return r;
                }
            }
        }
        uint32_t r = try_money_prefix(sc, t, e);
        if (r) {
            return r;
        }
    }
    if (t->e - t->s >= 2) {
        uint32_t cp;
        nn_cp_at(sc->s, sc->n, t->s, &cp);
        if (nn_vulgar_fraction(cp, NULL, NULL)) {
            nexpr x;
            if (nn_parse_numexpr(sc, t->s, 0, &x)) {
                return nn_finish(sc, &x, NULL, t->s, false);
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
        uint32_t non = ~nn_letter_mask16(v) & 0xFFFFu;
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

/* Where scanning continues after a step at \p i that proposes \p next: after i (progress
 * is guaranteed), and not inside the last mention. */
static inline uint32_t step_to(const scan *sc, uint32_t i, uint32_t next)
{
    i = next > i ? next : i + 1;
    return i < sc->last_end ? sc->last_end : i;
}

/* True when the ASCII byte at \p j (NB_WEND) after an ASCII word of \p len letters makes the
 * word worth a look although the filters say no: digits ("G20", "USD115"), '$' ("HK$"), '@'
 * (addresses), "://" after four or five letters ("https://": the url rule), '.' after three
 * ("www."), a hyphen before digits ("COVID-19"). Not a '.', ':' or '-' otherwise ("said.",
 * "media:", "Note:", "well-"). */
static inline bool wend_looks(const unsigned char *u, uint32_t j, uint32_t n, uint32_t len)
{
    unsigned char c = u[j];
    return c == '$' || c == '@' || is_digit((char)c) ||
           (c == ':' && (len == 4 || len == 5) && j + 2 < n && u[j + 1] == '/' &&
            u[j + 2] == '/') ||
           (c == '.' && len == 3) || (c == '-' && j + 1 < n && is_digit((char)u[j + 1]));
}

/* Whether a lower-case "a" or "an" followed by one blank and the byte \p k starts nothing
 * (the byte loop's idle_article): its word rules (a_ago, in_a, a_number; nn_lex.a_plain: no
 * other) all read the scanner's token at \p k, and make nothing when it is a run of ASCII
 * letters without bits in nn_lex.awsig (no unit of time, scale, multiplier, fraction or
 * ordinal, not "couple"). Anything else after the article is left to on_word. */
static inline bool article_idle(const nn_lex *lx, const unsigned char *u, uint32_t k, uint32_t n)
{
    if (k >= n || !(lx->bclass[u[k]] & NB_ALPHA)) {
        return false;
    }
    uint32_t m = ascii_word_end(u, k + 1, n);
    if (m < n && u[m] >= 0x80) {
        return false; /* (the token goes on with letters of other scripts) */
    }
    uint64_t sig = nn_word_sig(u + k, m - k, n - k);
    uint32_t a = nn_wsig_a(sig) & (NN_ASIG_BITS - 1), b = nn_wsig_b(sig) & (NN_ASIG_BITS - 1);
    return !((lx->awsig[a >> 5] >> (a & 31)) & (lx->awsig[b >> 5] >> (b & 31)) & 1u);
}

/* Both bits of the shared token hash \p h in a filter of \p bits bits (nn_lex.ssig, ...). */
static inline bool sig_has(const uint64_t *sig, uint32_t bits, uint64_t h)
{
    uint32_t a = nn_tsig_a(h) & (bits - 1), b = nn_tsig_b(h) & (bits - 1);
    return (sig[a >> 6] >> (a & 63)) & (sig[b >> 6] >> (b & 63)) & 1u;
}

/* The end of the letter part at \p i whose letters of other scripts nn_high_letter_len all
 * decides (ASCII letters lower-cased into the hash, other bytes as they are: nn_tok.hash_lc in
 * \p h), or 0 when it does not decide one or the part is empty. */
static inline uint32_t letters_end(const unsigned char *u, uint32_t i, uint32_t n, uint32_t *h)
{
    uint32_t j = i, hl = NN_HASH_INIT;
    while (j < n) {
        unsigned char c = u[j];
        if (c < 0x80) {
            if ((c | 0x20) < 'a' || (c | 0x20) > 'z') {
                break;
            }
            hl = nn_hash_step(hl, (unsigned char)(c | 0x20));
            j++;
            continue;
        }
        /* U+0800..U+0FFF (Devanagari, Bengali, Thai...): all letters or marks for
         * nn_high_letter_len but U+0E3F (the baht sign); a text in such a script is a run of
         * them, read here without decoding each */
        if (c == 0xE0 && j + 2 < n && u[j + 1] >= 0xA0 && u[j + 1] <= 0xBF &&
            (u[j + 2] & 0xC0) == 0x80 && !(u[j + 1] == 0xB8 && u[j + 2] == 0xBF)) {
            hl = nn_hash_step(nn_hash_step(nn_hash_step(hl, c), u[j + 1]), u[j + 2]);
            j += 3;
            continue;
        }
        int l = nn_high_letter_len(u, n, j);
        if (l <= 0) {
            if (l < 0) {
                return 0;
            }
            break;
        }
        for (int k = 0; k < l; k++) {
            hl = nn_hash_step(hl, u[j + (uint32_t)k]);
        }
        j += (uint32_t)l;
    }
    *h = hl;
    return j > i ? j : 0;
}

/* Where the byte loop goes on after an ASCII word [i, i + len) followed by a byte above ASCII,
 * or \p i when scan_step_inline must read it. A symbol of another script ends the word
 * ("company’s"): scan_step_inline passes it unless the word is worth a look (\p look, the
 * filters without NB_WEND). Letters go on ("González"): on_word reads the letter part and
 * does nothing when it has no lexicon entry (no bits in nn_lex.hwsig) and nothing its form
 * rules read follows (digits, '$', '@', ':', '-'; a four-byte "M..."/"K..." is a code). */
static inline uint32_t high_after_idle(const nn_lex *lx, const unsigned char *u, uint32_t i,
                                       uint32_t len, uint32_t n, uint32_t look)
{
    int l = nn_high_letter_len(u, n, i + len);
    if (l == 0) {
        return look ? i : i + len;
    }
    uint32_t h, e = l > 0 ? letters_end(u, i, n, &h) : 0;
    if (!e || (e < n && (is_digit((char)u[e]) || u[e] == '$' || u[e] == '@' || u[e] == ':' ||
                         u[e] == '-')) ||
        (e - i == 4 && (u[i] == 'M' || u[i] == 'K')) ||
        sig_has(lx->hwsig, NN_ASIG_BITS, nn_hsig_of(h))) {
        return i;
    }
    return e;
}

/* What the byte loop's signature of an ASCII word of \p len letters (1..16) takes from its
 * length (one object: one address in a register for both): the bytes nn_word_sig reads (its
 * first eight) and its multiplier (NN_WSIG_MUL). Loads instead of compares and shifts in the
 * loop; the multiplier as imul's memory operand. */
#define M_(l) NN_WSIG_MUL(l)
static const struct {
    uint64_t mask[17];
    uint64_t mul[17];
} sig_of_len = {
    .mask = {0, 0xFFull, 0xFFFFull, 0xFFFFFFull, 0xFFFFFFFFull, 0xFFFFFFFFFFull,
             0xFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull,
             ~0ull, ~0ull, ~0ull},
    .mul = {M_(0), M_(1), M_(2), M_(3), M_(4), M_(5), M_(6), M_(7), M_(8), M_(9), M_(10),
            M_(11), M_(12), M_(13), M_(14), M_(15), M_(16)},
};
#undef M_

/* What skip_idle does at an ASCII word [p, p + len) worth a look (\p look: its filter bit and
 * the NB_WEND class of the byte after, not 0): the position it goes on from, or NULL where
 * scan_step_inline must read the word (its end and filter bit then in \p wend and \p wtrig, so
 * that scan_step_inline does not read it again). Shared by the word loop and the block walk,
 * which hands such a word over with what it has read of it. */
static inline const unsigned char *idle_look(const nn_lex *lx, const unsigned char *u, uint32_t n,
                                             const unsigned char *p, size_t len, uint32_t look,
                                             uint32_t *wend, uint32_t *wtrig)
{
    uint32_t trig = look & 1u; /* (the filter's bit: NB_WEND is another) */
    uint32_t i = (uint32_t)(p - u);
    unsigned char after = p[len];
    if (after >= 0x80) {
        uint32_t e = high_after_idle(lx, u, i, (uint32_t)len, n, trig);
        if (e == i) {
            *wend = i + (uint32_t)len;
            *wtrig = trig;
            return NULL;
        }
        return u + e;
    }
    /* '.', '-', ':' after a word that make it no form ("said.", "well-known") */
    if (!trig && !wend_looks(u, i + (uint32_t)len, n, (uint32_t)len)) {
        return p + len;
    }
    /* an "a"/"an" before a word that no article rule reads (4-7% of the stage's
     * instructions when on_word read them all) */
    if (!(len <= 2 && *p == 'a' && (len == 1 || p[1] == 'n') && after == ' ' && lx->a_plain &&
          article_idle(lx, u, i + (uint32_t)len + 1, n))) {
        *wend = i + (uint32_t)len;
        *wtrig = trig;
        return NULL;
    }
    return p + len + 1;
}

#if defined(__SSE2__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The masks of 64 bytes at \p b that skip_idle's block walk reads (bit k: byte b + k): ASCII
 * letters, digits, and the bytes whose class has NB_DIGIT, NB_HIGH or NB_SYM (digits, bytes
 * above ASCII, '#', '$', '%', '.': what may start something). Four loads, none depending on a
 * word: the CPU computes them while it still works on the words of the block before. */
static inline void idle_block_masks(const unsigned char *b, uint64_t *letters, uint64_t *digits,
                                    uint64_t *starts)
{
    uint64_t l = 0, d = 0, s = 0;
    for (int q = 0; q < 4; q++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + 16 * q));
        /* (a range as one add and one signed compare: only '0'..'9' land on -128..-119, and
         * only '#', '$', '%' on -128..-126) */
        __m128i dg = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0'))),
                                    _mm_set1_epi8(-128 + 10));
        __m128i sy = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '#'))),
                                    _mm_set1_epi8(-128 + 3));
        __m128i dot = _mm_cmpeq_epi8(v, _mm_set1_epi8('.'));
        l |= (uint64_t)nn_letter_mask16(v) << (16 * q);
        d |= (uint64_t)(uint32_t)_mm_movemask_epi8(dg) << (16 * q);
        /* (a byte above ASCII has its sign bit set already: v itself in the or) */
        s |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(v, sy), dot))
             << (16 * q);
    }
    *letters = l;
    *digits = d;
    *starts = s | d;
}

/* The bytes of the 64 at \p b that letters_end reads as letters of U+0800..U+0FFF (its run of
 * E0 A0..BF 80..BF, not U+0E3F, the baht sign): bit k for each of the three bytes of such a
 * letter whose lead is at k <= 61 (a lead in the block's last two bytes is left out: the walk
 * stops there). Computed only at a byte E0 in the walk (idle_e0_word: a text in Devanagari,
 * Bengali, Thai...), not for every block. */
static inline uint64_t idle_e0_letters(const unsigned char *b)
{
    uint64_t e0 = 0, a0 = 0, c = 0, b8 = 0, bf = 0;
    for (int q = 0; q < 4; q++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + 16 * q));
        /* (A0..BF: v - A0 lands on -128..-97 after the add; 80..BF: v itself on -128..-65) */
        __m128i hi = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - 0xA0))),
                                    _mm_set1_epi8(-128 + 32));
        e0 |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE0)))
              << (16 * q);
        a0 |= (uint64_t)(uint32_t)_mm_movemask_epi8(hi) << (16 * q);
        c |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-128 + 64)))
             << (16 * q);
        b8 |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xB8)))
              << (16 * q);
        bf |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xBF)))
              << (16 * q);
    }
    uint64_t lead = e0 & (a0 >> 1) & (c >> 2) & ~((b8 >> 1) & (bf >> 2));
    return lead | (lead << 1) | (lead << 2);
}

/* The end (k < e < 64) of a word of letters U+0800..U+0FFF (and ASCII letters: \p l) at \p k of
 * the block at \p p when it ends at an ASCII byte in the block (where letters_end ends it
 * too), else 0. Out of line: the walk's registers stay the walk's (inlined, it cost every text
 * ~2% more instructions). */
static __attribute__((noinline)) size_t idle_e0_word(const unsigned char *p, size_t k, uint64_t l)
{
    uint64_t h = idle_e0_letters(p);
    uint64_t run = ~(l | h) >> k;
    if (!((h >> k) & 1) || !run) {
        return 0;
    }
    size_t e = k + (size_t)__builtin_ctzll(run);
    return p[e] < 0x80 ? e : 0;
}

/* skip_idle's fast path: from \p p, whole blocks of 64 bytes (while \p p <= \p blast, which
 * keeps every read of a block inside the field), returning the first position it does not
 * decide itself; skip_idle's loop reads that position exactly as before, so this only has to
 * pass what that loop would pass, in the same order, and may give up anywhere.
 * Why blocks: the loop one word at a time is a serial chain (load, letter mask, tzcnt, the
 * byte after, its class, the next word's address: ~20 cycles a word). Here a block's word
 * starts and the bytes that stop the walk come from masks computed at once, and the walk goes
 * from one start to the next by clearing the lowest bit (a one-cycle chain): each word's end,
 * signature and filter probe depend on its own start only, so the CPU works on several words
 * at a time. The walk ends at a byte that may start something (returned: the loop reads it;
 * a '.' or '#' before no digit is passed, as the loop passes it), at a word worth a look (its
 * length and look bits to \p wlen and \p wlook, for idle_look), or at a word that ends outside
 * the block (the next block starts there). */
static inline const unsigned char *idle_blocks(const nn_lex *lx, const unsigned char *u,
                                               uint32_t n, const unsigned char *p,
                                               const unsigned char *blast, size_t *wlen,
                                               uint32_t *wlook)
{
    const uint8_t *bclass = lx->bclass;
    while (p <= blast) {
        uint64_t l, d, s;
        idle_block_masks(p, &l, &d, &s);
        /* (the block's first byte starts a word when it is a letter: the loop reads it so) */
        uint64_t ev = (l & ~(l << 1)) | s;
        /* where the next block starts: after this one, or at a word that ends after it */
        const unsigned char *next = p + 64;
        while (ev) {
            size_t k = (size_t)__builtin_ctzll(ev); /* (size_t: an index and an address) */
            ev &= ev - 1;
            if (!((l >> k) & 1)) {
                unsigned char c = p[k];
                if ((c == '.' || c == '#') && k < 63 && !((d >> (k + 1)) & 1)) {
                    continue;
                }
                /* a word of letters U+0800..U+0FFF (and ASCII letters) that ends at an ASCII
                 * byte in the block: the loop's letters_end passes it, the walk goes on after
                 * it (where a text in such a script left the walk at each word) */
                if (c == 0xE0) {
                    size_t e = idle_e0_word(p, k, l);
                    if (e) {
                        ev &= ~0ull << e; /* (e < 64: the events inside the word) */
                        continue;
                    }
                }
                return p + k;
            }
            /* (the non-letters from k on, shifted down: their first is the word's length) */
            uint64_t rest = ~l >> k;
            if (!rest) {
                /* the word ends in the next block (the last start of this one), which starts
                 * there; one of 16 letters or more is the word loop's (as below): a block
                 * starting at it would end in the same place */
                if (k < 64 - 15) {
                    return p + k;
                }
                next = p + k;
                break;
            }
            size_t len = (size_t)__builtin_ctzll(rest);
            if (len >= 16) {
                return p + k; /* (the loop hands such a word to scan_step_inline) */
            }
            uint64_t w;
            memcpy(&w, p + k, 8); /* (k < 64: inside the 72 bytes blast keeps) */
            w = (w | 0x2020202020202020ull) & sig_of_len.mask[len];
            unsigned char after = p[k + len];
            uint32_t look = (uint32_t)nn_wblock_has(lx->wsig, w * sig_of_len.mul[len]) |
                            (bclass[after] & NB_WEND);
            /* a word before '.', '-', ':' that makes no form is passed as the loop passes it;
             * any other word worth a look goes to the loop, which reads it again */
            if (look && ((look & 1u) || after >= 0x80 ||
                         wend_looks(u, (uint32_t)(p + k + len - u), n, (uint32_t)len))) {
                *wlen = len;
                *wlook = look;
                return p + k;
            }
        }
        p = next;
    }
    return p;
}
#endif

/* Where the stage alone (the byte loop) has something to look at, from \p i on: passes over
 * blanks and punctuation that start nothing, and over ASCII words that scan_step_inline would
 * pass over (the same filter: no bits in nn_lex.wsig, which holds "MUSD"-like words too, no
 * NB_WEND byte after; or an idle article). Most of a text is such words, and this loop keeps
 * what it needs in registers and reads each word once, sixteen bytes at a time;
 * scan_step_inline reads the rest. Stops 16 bytes before the end (the loads stay in the field), and at a word of 16
 * letters or more. Where it stops at an ASCII word it has read, its end and filter bit go to
 * \p wend and \p wtrig: scan_step_inline does not read the word again (~40 instructions
 * for each word worth a look). */
static inline uint32_t skip_idle(const nn_lex *lx, const unsigned char *u, uint32_t i, uint32_t n,
                                 uint32_t *wend, uint32_t *wtrig)
{
#if defined(__SSE2__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n < 16) {
        return i;
    }
    const uint8_t *bclass = lx->bclass;
    /* (a pointer, not an index: the address of the byte is what every read takes) */
    const unsigned char *p = u + i, *last = u + n - 16;
    /* (the block walk reads 64 bytes and a word's eight from a start in them: 71 bytes) */
    const unsigned char *blast = u + (n >= 80 ? n - 80 : 0);
    while (p <= last) {
        if (n >= 80 && p <= blast) {
            size_t blen = 0;
            uint32_t blook = 0;
            p = idle_blocks(lx, u, n, p, blast, &blen, &blook);
            if (blook) {
                const unsigned char *q = idle_look(lx, u, n, p, blen, blook, wend, wtrig);
                if (!q) {
                    return (uint32_t)(p - u);
                }
                p = q;
                continue;
            }
            if (p > last) {
                break;
            }
        }
        uint8_t bc = bclass[*p];
        if (!(bc & (NB_DIGIT | NB_ALPHA | NB_HIGH | NB_SYM))) {
            p++;
            continue;
        }
        if (!(bc & NB_ALPHA)) {
            /* a '.' or '#' before no digit: scan_step_inline goes on at the next byte (the
             * end of most sentences) */
            if ((*p == '.' || *p == '#') && !is_digit((char)p[1])) {
                p++;
                continue;
            }
            /* a word that starts with a letter of another script: scan_step_inline passes its
             * part without a look-up */
            uint32_t h, e = (bc & NB_HIGH) ? letters_end(u, (uint32_t)(p - u), n, &h) : 0;
            if (!e) {
                break;
            }
            p = u + e;
            continue;
        }
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i lc = _mm_or_si128(v, _mm_set1_epi8(0x20));
        uint32_t non = ~nn_letter_mask16(v) & 0xFFFFu;
        if (!non) {
            break;
        }
        size_t len = (size_t)__builtin_ctz(non); /* (one register for the index and the address) */
        const unsigned char *wendp = p + len; /* (the step below goes on from it) */
        unsigned char after = *wendp;
        uint64_t w = (uint64_t)_mm_cvtsi128_si64(lc) & sig_of_len.mask[len];
        uint64_t sig = w * sig_of_len.mul[len];
        /* (a "MUSD"-like word is in wsig: lex.c's trigger_filters; no test of its own. wsig
         * through lx: an offset from lx's register, where a pointer of its own was kept on
         * the stack and loaded at every word) */
        uint32_t look = (uint32_t)nn_wblock_has(lx->wsig, sig) | (bclass[after] & NB_WEND);
        if (look) {
            const unsigned char *q = idle_look(lx, u, n, p, len, look, wend, wtrig);
            if (!q) {
                return (uint32_t)(p - u);
            }
            p = q;
            continue;
        }
        p = wendp + (after == ' ');
    }
    i = (uint32_t)(p - u);
#else
    (void)lx;
    (void)u;
    (void)n;
#endif
    return i;
}

/* A '.' at \p i before digits starts a number (".5") after a blank, at the start, or after a
 * minus sign that follows one ("-.5"; the sign is read by on_digits). */
static inline bool dot_starts(const unsigned char *u, uint32_t i)
{
    return i == 0 || u[i - 1] == ' ' || (u[i - 1] == '-' && (i == 1 || u[i - 2] == ' '));
}

/* One step of the scanner at byte \p i (of byte class \p bc): what starts there (a word worth
 * a look, digits, a symbol) is read, and the position where scanning continues is returned
 * (always after i, never inside the last mention). \p wend: 0, or the end of the ASCII word
 * at i and \p wtrig its bit in nn_lex.wsig, as skip_idle found them. */
static inline __attribute__((always_inline)) uint32_t scan_step_inline(scan *sc, uint32_t i,
                                                                      uint8_t bc, uint32_t wend,
                                                                      uint32_t wtrig)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    const uint8_t *bclass = sc->lx->bclass;
    const uint32_t n = sc->n;
    nn_tok t;
    if (!(bc & (NB_DIGIT | NB_ALPHA | NB_HIGH | NB_SYM))) {
        return i + 1 < sc->last_end ? sc->last_end : i + 1; /* blanks and punctuation */
    }
    uint32_t next = i + 1;
    if (bc & NB_ALPHA) {
        /* Most words start nothing: find the end of an ASCII word and ask the prefilter
         * before hashing and looking it up. */
        uint32_t j = wend ? wend : ascii_word_end(u, i + 1, n);
        uint32_t len = j - i;
        unsigned char after = j < n ? u[j] : ' ';
        /* One branch, not four, for the common case: the tests are combined without
         * short-circuits (whether a word is worth a look is hard to predict). */
        uint32_t trigbit =
            wend ? wtrig : (uint32_t)nn_wblock_has(sc->lx->wsig, nn_word_sig(u + i, len, n - i));
        bool trig = trigbit != 0;
        uint32_t look = trigbit | (bclass[after] & NB_WEND) | ((uint32_t)(len == 4) & ((uint32_t)bc / NB_MK & 1u));
        if (!look) {
            return step_to(sc, i, j + (after == ' ')); /* the common case: nothing */
        }
        /* What follows the word may make it worth a look even when the filters say no:
         * digits ("G20", "USD115"), '$' ("HK$"), letters of other scripts (the word goes
         * on), a hyphen before digits ("COVID-19"), and URLs and addresses ("https:",
         * "www.", "user@"). */
        bool special = false;
        if (j < n && (bclass[u[j]] & NB_WEND)) {
            unsigned char c = u[j];
            uint32_t cp;
            special = c < 0x80 ? wend_looks(u, j, n, len)
                               : (nn_cp_at(sc->s, n, j, &cp), nn_cp_is_letter(cp));
        }
        /* "MUSD", "KEUR": a scaled currency code */
        special = special || (len == 4 && (u[i] == 'M' || u[i] == 'K') && u[i + 1] <= 'Z' &&
                              u[i + 2] <= 'Z' && u[i + 3] <= 'Z');
        if (special) {
            tok(sc, i, &t);
            next = on_word(sc, &t);
        } else if (!trig) {
            return step_to(sc, i, j + (j < n && u[j] == ' '));
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
            t.tf = (lowbits & 0x20) ? NN_TF_ASCII : NN_TF_ASCII | NN_TF_UPPER;
            t.hash_lc = h;
            next = on_word(sc, &t);
        }
    } else if (bc & NB_DIGIT) {
        next = on_digits(sc, i);
    } else if (bc & NB_HIGH) {
        tok(sc, i, &t);
        if (t.kind == TK_WORD) {
            /* (after white space above ASCII, an NBSP or U+2009, the next step reads the word
             * as after a blank: "said<NBSP>Friday", "in<NBSP>March 2019") */
            next = t.s > i ? t.s : t.e;
            /* Non-Latin words may still be currency forms ("元" after digits is handled
             * there); before an amount only symbols count. */
        } else if (t.kind == TK_SYM) {
            next = on_symbol(sc, &t);
        } else {
            next = t.s > i ? t.s : i + 1;
        }
    } else if (u[i] == '$') {
        tok(sc, i, &t);
        next = on_symbol(sc, &t);
    } else if (u[i] == '.' && i + 1 < n && is_digit(sc->s[i + 1]) && dot_starts(u, i)) {
        next = on_digits(sc, i);
    } else if (u[i] == '%') {
        next = on_percent(sc, i);
    } else if (u[i] == '#') {
        next = i + 1;
        while (next < n && is_digit(sc->s[next])) {
            next++;
        }
    }
    return step_to(sc, i, next);
}

/* scan_step where it is rare (the token walk passes most words by their hash): one copy of
 * the code. Alone, the byte loop inlines it: a call per word costs ~5% there. */
static uint32_t __attribute__((noinline)) scan_step(scan *sc, uint32_t i)
{
    return scan_step_inline(sc, i, sc->lx->bclass[(unsigned char)sc->s[i]], 0, 0);
}

/* A symbol token of another script (one code point: quotes, dashes, currency signs) that
 * starts nothing: on_symbol would find no currency form or prefix of a key that starts with
 * it (its case-sensitive entry) and no vulgar fraction. */
static bool __attribute__((noinline)) idle_high_symbol(const nn_lex *lx, const unsigned char *u,
                                                       uint32_t n, uint32_t s, uint32_t e)
{
    uint32_t cp;
    nn_cp_at((const char *)u, n, s, &cp);
    if (nn_vulgar_fraction(cp, NULL, NULL)) {
        return false;
    }
    const nn_entry *en = e - s <= 48 ? nn_lex_get(lx, (const char *)u + s, e - s, 1) : NULL;
    return !(en && (en->roles & (NL_CUR | NL_PREFIX)));
}

/* A word of ASCII letters only: the scanner's token there is the same bytes (its part). */
static inline bool tok_plain(const nf_tok *t)
{
    return (t->flags & (NF_TK_WORD | NF_TK_NUM)) == NF_TK_WORD && t->nletters == t->end - t->start;
}

/* True when \p next (NULL at the end) cannot be the second part of a key: a plain word or
 * one code point of punctuation without bits in nn_lex.nsig. The lexicon chain of the word
 * before it (nn_lex_longest) then ends at that word. */
static inline bool no_key_goes_on(const nn_lex *lx, const nf_tok *next)
{
    if (!next) {
        return true;
    }
    if (!tok_plain(next) && (next->flags & (NF_TK_WORD | NF_TK_PUNCT)) != NF_TK_PUNCT) {
        return false;
    }
    return !sig_has(lx->nsig, NN_WSIG_BITS, next->hash);
}

void nn_symbol_filters(nn_lex *lx)
{
    uint64_t idle[3] = {0, 0, 0};
    for (uint32_t k = 0; k < 192; k++) {
        uint32_t cp = k < 64 ? 0x80 + k : 0x2000 + (k - 64);
        unsigned char b[3];
        uint32_t len = cp < 0x800 ? 2 : 3;
        if (len == 2) {
            b[0] = (unsigned char)(0xC0 | (cp >> 6));
            b[1] = (unsigned char)(0x80 | (cp & 63));
        } else {
            b[0] = (unsigned char)(0xE0 | (cp >> 12));
            b[1] = (unsigned char)(0x80 | ((cp >> 6) & 63));
            b[2] = (unsigned char)(0x80 | (cp & 63));
        }
        if (idle_high_symbol(lx, b, len, 0, len)) {
            idle[k >> 6] |= 1ull << (k & 63);
        }
    }
    memcpy(lx->sym_idle, idle, sizeof idle);
}

/* A lower-case "a" or "an" (that starts nothing of its own: nn_lex.a_plain) followed by
 * \p next (NULL at the end) and \p next2 that on_word would pass over: it looks for "a dozen",
 * "a million", "a third" by the lexicon entry of the word after it (roles NN_A_NEXT but the
 * duration: nn_lex.anum) and for "a year ago", "a year from now" (a duration, then "ago" or
 * "from"). A plain word of ASCII
 * letters (the same letters as the scanner's token there) without a bit in nn_lex.asig has
 * no such entry; one without a bit in anum is at most a duration, which needs "ago" after it
 * (a plain word, a punctuation or a number token after it is the scanner's token there). */
static inline bool idle_article(const nn_lex *lx, const nf_tok *prev, const nf_tok *next,
                                const nf_tok *next2)
{
    if (!next) {
        return true;
    }
    if (!tok_plain(next)) {
        return false;
    }
    if (!sig_has(lx->asig, NN_ASIG_BITS, next->hash)) {
        /* ("a couple of days ago", "a few days ago") */
        return next->hash != lx->couple_hash && next->hash != lx->few_hash;
    }
    /* ("in a week", "within a month" - also at the end of the text: nn_try_in_a). A word
     * token that is no plain word ("leave.in") may end in the part "in" the byte loop reads. */
    if (prev && (prev->flags & NF_TK_WORD) &&
        (!tok_plain(prev) || prev->hash == lx->in_hash || prev->hash == lx->within_hash)) {
        return false;
    }
    if (sig_has(lx->anum, NN_ASIG_BITS, next->hash) || !next2) {
        return !next2 && !sig_has(lx->anum, NN_ASIG_BITS, next->hash);
    }
    if (tok_plain(next2)) {
        /* (what nn_try_a_ago reads after the unit: "a year ago", "a year from now", "a week
         * after Friday", "a day before tomorrow") */
        return next2->hash != lx->ago_hash && next2->hash != lx->from_hash &&
               next2->hash != lx->after_hash && next2->hash != lx->before_hash;
    }
    return (next2->flags & (NF_TK_PUNCT | NF_TK_NUM)) != 0;
}

/* The word after a relative-date modifier ("last", "this", "next": nn_try_relmod) that makes
 * nothing of it: no word (the end, a number, punctuation), or a plain word without bits in
 * nn_lex.rsig (no month, weekday or duration: "this is", "last said"). */
/* Whether the token before \p t is the word "after" or "before": "the week after next", "the
 * week before last" are read at "next"/"last" (nn_try_relmod looks back), which the byte loop
 * visits, so the token walk must too. */
static inline bool after_before(const unsigned char *u, const nf_tok *t, const nf_tok *tbeg)
{
    if (t == tbeg) {
        return false;
    }
    const unsigned char *w = u + t[-1].start;
    uint32_t len = t[-1].end - t[-1].start;
    if (len == 6 && (w[0] | 0x20) == 'b') {
        w += 1; /* "before": "efore" */
        return (w[0] | 0x20) == 'e' && (w[1] | 0x20) == 'f' && (w[2] | 0x20) == 'o' &&
               (w[3] | 0x20) == 'r' && (w[4] | 0x20) == 'e';
    }
    return len == 5 && (w[0] | 0x20) == 'a' && (w[1] | 0x20) == 'f' &&
           (w[2] | 0x20) == 't' && (w[3] | 0x20) == 'e' && (w[4] | 0x20) == 'r';
}

static inline bool idle_after_relmod(const nn_lex *lx, const nf_tok *next)
{
    if (!next || (next->flags & (NF_TK_PUNCT | NF_TK_NUM))) {
        return true;
    }
    return tok_plain(next) && !sig_has(lx->rsig, NN_ASIG_BITS, next->hash);
}

/* A plain word in the prefilter (nn_lex.tsig) that on_word would still pass over, because
 * what it starts depends on the shared tokens after it (up to \p tend, the end of the field's
 * tokens):
 *  - "A", "An" as "a", "an" (nn_lex.a_cap_plain), when no key of two parts goes on;
 *  - a lower-case head of longer keys only (no bits in nn_lex.ssig: "per" of "per cent"),
 *    when no key goes on with the next token (no_key_goes_on): no case-sensitive entry is
 *    read for it (lower case), and its lexicon chain is itself;
 *  - a word whose only role on_word reads is NL_RELMOD (nn_lex.rmsig, then the table: "last",
 *    "This"), not in capitals and not of three letters or fewer with a capital (on_word reads
 *    its case-sensitive entry then), when the word after it makes nothing of it. */
static bool __attribute__((noinline)) idle_head(const nn_lex *lx, const unsigned char *u,
                                                const nf_tok *t, const nf_tok *tbeg,
                                                const nf_tok *tend)
{
    const nf_tok *next = t + 1 < tend ? t + 1 : NULL, *next2 = t + 2 < tend ? t + 2 : NULL;
    uint32_t s = t->start, len = t->end - s;
    if (u[s] == 'A' && (len == 1 || (len == 2 && u[s + 1] == 'n')) && lx->a_cap_plain) {
        return idle_article(lx, t > tbeg ? t - 1 : NULL, next, next2) && no_key_goes_on(lx, next);
    }
    if (!sig_has(lx->ssig, NN_WSIG_BITS, t->hash)) {
        return u[s] >= 'a' && no_key_goes_on(lx, next);
    }
    if (!sig_has(lx->rmsig, NN_ASIG_BITS, t->hash) || (t->flags & NF_TK_ALLCAPS) ||
        (u[s] < 'a' && len <= 3) || len > 24) {
        return false;
    }
    uint32_t h = NN_HASH_INIT;
    for (uint32_t k = s; k < t->end; k++) {
        h = nn_hash_step(h, u[k] | 0x20);
    }
    const nn_entry *e = nn_lex_get_lc(lx, h, (const char *)u + s, len);
    return e && (e->roles & (NL_TRIGGER | NL_CUR | NL_PCT | NL_PCTHEAD)) == NL_RELMOD &&
           idle_after_relmod(lx, next) && !after_before(u, t, tbeg);
}

/* A word of letters with some of other scripts ("González", "Türkiye", "Łódź") that on_word
 * would pass over: every code point a letter (as many as nletters: no digit, mark, apostrophe,
 * hyphen or dot inside), each of one or two bytes (not U+058F, a currency sign the token layer
 * counts as a letter, nor scripts of three bytes), so the scanner's part is the same bytes;
 * no key's first part folds as it does (nn_lex.hsig), so it has no lexicon entry; and the
 * byte after it makes no identifier, address or URL of it (wend_looks). A word that starts
 * with such a letter scan_step passes anyway. */
static bool __attribute__((noinline)) idle_high_word(const nn_lex *lx, const unsigned char *u,
                                                     uint32_t n, const nf_tok *t)
{
    uint32_t s = t->start, e = t->end;
    if ((t->flags & (NF_TK_HYPHEN | NF_TK_DOTTED)) || t->nletters == 255 ||
        sig_has(lx->hsig, NN_ASIG_BITS, t->hash)) {
        return false;
    }
    uint32_t cps = 0;
    for (uint32_t k = s; k < e; k++) {
        unsigned char c = u[k];
        if (c >= 0xE0 || c == 0xD6 || c == 0xC0 || c == 0xC1) {
            return false;
        }
        cps += (c & 0xC0) != 0x80;
    }
    if (cps != t->nletters) {
        return false;
    }
    return !(e < n && (lx->bclass[u[e]] & NB_WEND) && (u[e] >= 0x80 || wend_looks(u, e, n, e - s)));
}

/* A shared token that is not a plain word (plain_word below) and that the main loop can pass
 * over without a look, because scan_step would read it and pass: a plain word followed by a
 * byte that makes nothing of it ('.', ':', '-' mostly), ASCII punctuation that starts nothing
 * (not '$'; '.' and '#' when no digit follows: ".5", "#3"), a symbol of another script that
 * starts nothing (idle_high_symbol). */
static bool idle_token(const nn_lex *lx, const unsigned char *u, uint32_t n, const nf_tok *t,
                       const nf_tok *tbeg, const nf_tok *tend)
{
    const nf_tok *next = t + 1 < tend ? t + 1 : NULL;
    uint32_t s = t->start, e = t->end, len = e - s;
    if ((t->flags & (NF_TK_WORD | NF_TK_NUM)) == NF_TK_WORD && t->nletters == len) {
        if (e < n && (lx->bclass[u[e]] & NB_WEND) && (u[e] >= 0x80 || wend_looks(u, e, n, len))) {
            return false;
        }
        if (len <= 2 && u[s] == 'a' && (len == 1 || u[s + 1] == 'n') && lx->a_plain) {
            return idle_article(lx, t > tbeg ? t - 1 : NULL, next, t + 2 < tend ? t + 2 : NULL);
        }
        if (len == 4 && (u[s] == 'M' || u[s] == 'K')) {
            return false;
        }
        if (!nn_tblock_has(lx->tsig, t->hash)) {
            return true;
        }
        return !nn_tblock_has(lx->strong, t->hash) && idle_head(lx, u, t, tbeg, tend);
    }
    if ((t->flags & (NF_TK_WORD | NF_TK_NUM)) == NF_TK_WORD) {
        return idle_high_word(lx, u, n, t);
    }
    if (!(t->flags & NF_TK_PUNCT)) {
        return false;
    }
    unsigned char c = u[s];
    if (c >= 0x80) {
        /* (the common ones by their table: U+0080..U+00BF, U+2000..U+207F) */
        if (len == 2 && c == 0xC2) {
            return (lx->sym_idle[0] >> (u[s + 1] & 63)) & 1u;
        }
        if (len == 3 && c == 0xE2 && (u[s + 1] & 0xFE) == 0x80) {
            return (lx->sym_idle[1 + (u[s + 1] & 1)] >> (u[s + 2] & 63)) & 1u;
        }
        return idle_high_symbol(lx, u, n, s, e);
    }
    if (!(lx->bclass[c] & (NB_DIGIT | NB_ALPHA | NB_HIGH | NB_SYM))) {
        return true;
    }
    /* (scan_step: a '.' starts a number before digits after a blank, "#" skips its digits, a
     * '%' starts one before digits: on_percent) */
    bool digit_after = e < n && is_digit((char)u[e]);
    return (c == '.' && !(digit_after && dot_starts(u, s))) || (c == '#' && !digit_after) ||
           (c == '%' && !digit_after && !(e + 1 < n && u[e] == ' ' && is_digit((char)u[e + 1])));
}

/* The common case of the main loop: a word of ASCII letters only (the token layer counted
 * them: nletters == its length) followed by a byte that makes nothing of it (not NB_WEND:
 * digits "G20", '$' "HK$", '@', ':' "https:", '.' "www.", '-' "COVID-19", a byte of another
 * script), not in the token-hash prefilter (first words of the keys that can start a mention)
 * and not "MUSD"-like. scan_step would read it and pass. */
static inline bool plain_word(const nn_lex *lx, const unsigned char *u, uint32_t n,
                              const nf_tok *t, uint32_t s, uint32_t e)
{
    uint32_t len = e - s;
    if ((t->flags & (NF_TK_WORD | NF_TK_NUM)) != NF_TK_WORD || t->nletters != len) {
        return false;
    }
    if (e >= n || (lx->bclass[u[e]] & NB_WEND)) {
        return false;
    }
    if (len == 4 && (u[s] == 'M' || u[s] == 'K')) {
        return false;
    }
    return !nn_tblock_has(lx->tsig, t->hash);
}

/* True when the white space [i, e) before a token has a byte above ASCII (NBSP, U+2009...):
 * scan_step reads such space itself (it looks at the token after it). */
static inline bool high_space(const unsigned char *u, uint32_t i, uint32_t e)
{
    for (; i < e; i++) {
        if (u[i] >= 0x80) {
            return true;
        }
    }
    return false;
}

void nf_numbers_scan_field(const nf_numbers_ctx *ctx, nf_doc *doc, nf_field field)
{
    scan sc;
    tokc cache;
    memset(&sc, 0, sizeof sc);
    memset(cache.pos, 0xFF, sizeof cache.pos);
    memset(cache.espan, 0xFF, sizeof cache.espan);
    memset(cache.cpos, 0, sizeof cache.cpos);
    memset(cache.ppos, 0, sizeof cache.ppos);
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
    /* The words come from the pipeline's token layer when a stage before has cut the field
     * (dateline, in the default order): most are plain words that start nothing and are passed
     * over by their hash. The rest is read by scan_step from where the token starts (numbers
     * need digits apart from letters: "15km", "Q3"); a step may end past several tokens.
     * Without tokens (the stage alone, the title) scan_step reads the field itself: cutting
     * it only for this would cost more than it saves. Both give the same mentions. */
    const unsigned char *u = (const unsigned char *)sc.s;
    uint32_t nt;
    const nf_tok *tv = nf_doc_tokens_cut(doc, field, &nt);
    uint32_t i = 0;
    if (!tv) {
        const uint8_t *bclass = sc.lx->bclass;
        while (i < sc.n) {
            /* the end of the ASCII word at i and its filter bit, when skip_idle read it */
            uint32_t wend = 0, wtrig = 0;
            i = skip_idle(sc.lx, u, i, sc.n, &wend, &wtrig);
            if (i >= sc.n) {
                break;
            }
            uint8_t bc = bclass[u[i]];
            if (!(bc & (NB_DIGIT | NB_ALPHA | NB_HIGH | NB_SYM))) {
                i++; /* blanks and punctuation: no call */
                continue;
            }
            i = scan_step_inline(&sc, i, bc, wend, wtrig);
        }
        return;
    }
    const nn_lex *lx = sc.lx; /* (the loop's constants, in registers across the calls) */
    const uint32_t n = sc.n;
    const nf_tok *tend = tv + nt;
    for (uint32_t k = 0; k < nt; k++) {
        const nf_tok *t = &tv[k];
        uint32_t ts = t->start, te = t->end;
        if (ts >= i) {
            /* (white space above ASCII before the token: scan_step reads from i, as alone;
             * such a code point has two bytes or more, so a gap of one byte is ASCII) */
            if (!(ts > i + 1 && high_space(u, i, ts))) {
                if (plain_word(lx, u, n, t, ts, te) || idle_token(lx, u, n, t, tv, tend)) {
                    i = te;
                    continue;
                }
                i = ts;
            }
        } else if (te <= i) {
            continue; /* inside the last mention or step */
        }
        while (i < te) {
            i = scan_step(&sc, i);
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
