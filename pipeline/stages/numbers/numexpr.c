/* numbers stage: the number-expression parser (digit literals with separators and
 * decimals, number words, scale words and abbreviations, fractions, ordinals). */

#include "pipeline/stages/numbers/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
bool nn_three_digits(const scan *sc, uint32_t p)
{
    return p + 3 <= sc->n && is_digit(sc->s[p]) && is_digit(sc->s[p + 1]) &&
           is_digit(sc->s[p + 2]) && (p + 3 == sc->n || !is_digit(sc->s[p + 3]));
}

/* parse_lit's reader: the digits so far as one integer m with e decimal places (a fractional
 * part makes e negative), nd digits before the decimal separator, the position p. */
typedef struct litrd {
    const scan *sc;
    const char *s;
    uint32_t n, p;
    uint64_t m;
    uint32_t nd;
    int32_t e;
    bool ovf;                 /* m overflowed: the value is not exact */
    bool european;            /* dot groups or a decimal comma: no decimal point after */
    uint64_t comma_int;       /* the integer part before a decimal comma (UINT64_MAX: none) */
} litrd;

/* Digit c appended to m (an overflow is remembered). */
static inline void lit_push(litrd *r, char c)
{
    if (__builtin_mul_overflow(r->m, 10, &r->m) ||
        __builtin_add_overflow(r->m, (uint64_t)(c - '0'), &r->m)) {
        r->ovf = true;
    }
}

/* The first run of digits; past 19 significant ones the value stops growing (overflow). */
static inline void lit_int_digits(litrd *r)
{
    uint64_t v;
    uint32_t d;
    if (r->m == 0 && nn_load8(r->s, r->n, r->p, &v) && (d = nn_swar_digits(v)) >= 1 && d < 8) {
        /* (a run of at most 7 digits that ends in these eight bytes: no overflow) */
        r->m = nn_swar_value(v, d);
        r->nd += d;
        r->p += d;
        return;
    }
    uint32_t sig = 0;
    while (r->p < r->n && is_digit(r->s[r->p])) {
        char c = r->s[r->p];
        if (sig || c != '0') {
            sig++;
        }
        if (sig > 19 || __builtin_mul_overflow(r->m, 10, &r->m) ||
            __builtin_add_overflow(r->m, (uint64_t)(c - '0'), &r->m)) {
            r->ovf = true;
        }
        r->nd++;
        r->p++;
    }
}

/* Comma groups: "1,234,567". @returns where they end (p when there are none). */
static inline uint32_t lit_comma_groups(litrd *r, lit *L)
{
    uint32_t q = r->p;
    while (q < r->n && r->s[q] == ',' && nn_three_digits(r->sc, q + 1)) {
        for (int k = 1; k <= 3; k++) {
            lit_push(r, r->s[q + k]);
        }
        r->nd += 3;
        q += 4;
        L->grouped = true;
    }
    return q;
}

/* Indian grouping (lakh, crore): "12,34,567", "1,20,00,000" - groups of two digits, then a
 * last group of three; never a list or a decimal comma (a third group after two-digit ones).
 * From the first run of one or two digits. @returns where they end (p when there are none). */
static inline uint32_t lit_indian_groups(litrd *r, lit *L)
{
    const char *s = r->s;
    uint32_t n = r->n, q = r->p, g = 0;
    while (q + 3 < n && s[q] == ',' && is_digit(s[q + 1]) && is_digit(s[q + 2]) && s[q + 3] == ',') {
        q += 3;
        g++;
    }
    if (g == 0 || !nn_three_digits(r->sc, q + 1) || s[q] != ',') {
        return r->p;
    }
    q += 4;
    for (uint32_t k = r->p; k < q; k++) {
        if (is_digit(s[k])) {
            lit_push(r, s[k]);
            r->nd++;
        }
    }
    L->grouped = true;
    return q;
}

/* European "1.234.567" or "1.234,5": dot groups then a comma decimal. @returns where they end
 * (p when there are none). */
static inline uint32_t lit_dot_groups(litrd *r, lit *L)
{
    const char *s = r->s;
    uint32_t n = r->n, q = r->p, g = 0;
    while (q < n && s[q] == '.' && nn_three_digits(r->sc, q + 1)) {
        q += 4;
        g++;
    }
    bool comma_dec = g >= 1 && q + 1 < n && s[q] == ',' && is_digit(s[q + 1]);
    if (g < 2 && !comma_dec) {
        return r->p;
    }
    r->european = true;
    for (uint32_t k = r->p; k < q; k++) {
        if (is_digit(s[k])) {
            lit_push(r, s[k]);
            r->nd++;
        }
    }
    L->grouped = true;
    if (comma_dec) {
        q++;
        while (q < n && is_digit(s[q])) {
            lit_push(r, s[q]);
            r->e--;
            q++;
        }
        L->decimal = true;
    }
    return q;
}

/* A decimal comma at p: "1,3", "5,00" - one or two digits after the comma can never be a
 * thousands group; not in lists ("1,2,3", the literal at \p i after a comma or dot) or before
 * more digits. @returns where it ends (p when there is none). */
static inline uint32_t lit_decimal_comma(litrd *r, lit *L, uint32_t i)
{
    const char *s = r->s;
    uint32_t n = r->n, q = r->p;
    if (!(q + 1 < n && s[q] == ',' && is_digit(s[q + 1]) &&
          !(i > 0 && (s[i - 1] == ',' || s[i - 1] == '.')))) {
        return q;
    }
    uint32_t end = q + 1, dd = 0;
    while (end < n && is_digit(s[end])) {
        end++;
        dd++;
    }
    if (dd > 2 || (end + 1 < n && (s[end] == ',' || s[end] == '.') && is_digit(s[end + 1])) ||
        (end < n && is_alpha(s[end]))) {
        /* (two digits and a comma after one or two: Indian grouping, "12,34,567") */
        return dd == 2 && r->nd <= 2 && s[end] == ',' ? lit_indian_groups(r, L) : q;
    }
    r->comma_int = r->m;
    for (uint32_t k = q + 1; k < end; k++) {
        lit_push(r, s[k]);
        r->e--;
    }
    r->european = true;
    L->decimal = true;
    return end;
}

/* Space groups: "1 234 567", "40 000" (also NBSP, thin and narrow spaces), from \p q.
 * A group followed by a decimal part ends them: the first group only after another one ("1 234
 * 567.89"; "1 234.5" alone may be two numbers, "1" and "234.5") and only with a decimal point
 * (a comma after it is a list's). @returns where they end. */
static inline uint32_t lit_space_groups(litrd *r, lit *L, uint32_t q)
{
    const char *s = r->s;
    uint32_t n = r->n, sl = 0;
    while (space_group_sep(r->sc, q, &sl) && nn_three_digits(r->sc, q + sl) &&
           !(q + sl + 4 < n && (s[q + sl + 3] == ',' || (s[q + sl + 3] == '.' && !L->grouped)) &&
             is_digit(s[q + sl + 4]))) {
        for (int k = 0; k < 3; k++) {
            lit_push(r, s[q + sl + k]);
        }
        r->nd += 3;
        q += sl + 3;
        L->grouped = true;
    }
    return q;
}

/* A decimal point and its digits at p ("12.5"); past an overflow the value stays as it is.
 * False for a second dot group ("1.2.3": a version, an address or a date), L->e then set. */
static inline bool lit_decimal_point(litrd *r, lit *L)
{
    const char *s = r->s;
    uint32_t n = r->n, q = r->p + 1;
    while (q < n && is_digit(s[q])) {
        if (!r->ovf && (__builtin_mul_overflow(r->m, 10, &r->m) ||
                        __builtin_add_overflow(r->m, (uint64_t)(s[q] - '0'), &r->m))) {
            r->ovf = true;
        }
        r->e--;
        q++;
    }
    if (q + 1 < n && s[q] == '.' && is_digit(s[q + 1])) {
        L->e = q;
        return false;
    }
    L->decimal = true;
    r->p = q;
    return true;
}

/* parse_lit beyond the plain literal: groups, decimals, long runs. */
static __attribute__((noinline)) bool parse_lit_general(const scan *sc, uint32_t i, lit *L)
{
    litrd r = {sc, sc->s, sc->n, i, 0, 0, 0, false, false, UINT64_MAX};
    memset(L, 0, sizeof *L);
    L->s = i;
    L->plain = true;
    lit_int_digits(&r);
    if (r.nd > 40) {
        /* A run of digits this long is an identifier or junk, not a quantity. Consume it. */
        L->e = r.p;
        return false;
    }
    if (r.nd >= 1 && r.nd <= 3) {
        uint32_t q = lit_comma_groups(&r, L);
        if (!L->grouped) {
            q = lit_dot_groups(&r, L);
        }
        if (!L->grouped && q == r.p) {
            q = r.p = lit_decimal_comma(&r, L, i);
        }
        if (!L->grouped && !L->decimal) {
            q = lit_space_groups(&r, L, q);
        }
        r.p = q;
    }
    L->int_digits = r.nd;
    L->ival = r.comma_int != UINT64_MAX ? r.comma_int : r.m;
    if (!r.european && r.p + 1 < r.n && r.s[r.p] == '.' && is_digit(r.s[r.p + 1]) &&
        !lit_decimal_point(&r, L)) {
        return false;
    }
    L->plain = !L->grouped && !L->decimal;
    L->e = r.p;
    L->v.m = r.m;
    L->v.e = r.e;
    L->v.den = 1;
    L->v.ok = !r.ovf;
    nv_norm(&L->v);
    return r.nd > 0 || L->decimal;
}

/* A digit literal at i: "1,250", "12.5", ".08", "1 234 567", European "1.234,5". False for
 * dotted sequences (versions, addresses) and absurdly long digit runs.
 * Most literals are a short run of digits, maybe with one decimal part or one thousands group
 * ("423 people", "41.8,", "6.1 per", "8,651 homes"): read here inline from two eight-byte
 * loads when the bytes after them start nothing else the readers take (another dot or comma
 * part, a space group, a decimal comma); everything else is parse_lit_general's. */
static inline bool parse_lit(const scan *sc, uint32_t i, lit *L, uint64_t v, uint32_t d)
{
    static const lit l0;
    static const uint64_t p10[8] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};
    const unsigned char *u = (const unsigned char *)sc->s;
    uint32_t n = sc->n, f, e;
    uint64_t w;
    /* (runs of at most seven digits: no overflow; u[e] is one of the eight bytes loaded; \p v
     * and \p d the caller's when it read them, nn_parse_numexpr_run) */
    if (!d && (!nn_load8(sc->s, n, i, &v) || (d = nn_swar_digits(v)) == 0 || d == 8)) {
        return parse_lit_general(sc, i, L);
    }
    uint64_t m = nn_swar_value(v, d);
    unsigned char c = u[e = i + d];
    bool digit_next = e + 1 < n && is_digit((char)u[e + 1]);
    *L = l0;
    L->s = i;
    L->int_digits = d;
    L->ival = m;
    L->v = nv_int(m);
    if ((c == '.' || (c == ',' && d <= 3)) && digit_next) {
        /* "6.1", "41.8", "8,651": the part after, then no dot or comma before a digit */
        if (!nn_load8(sc->s, n, e + 1, &w) || (f = nn_swar_digits(w)) == 8 ||
            (c == ',' && f != 3) ||
            ((u[e + 1 + f] == '.' || u[e + 1 + f] == ',') && e + 2 + f < n &&
             is_digit((char)u[e + 2 + f]))) {
            return parse_lit_general(sc, i, L);
        }
        L->v.m = m * p10[f] + nn_swar_value(w, f);
        if (c == '.') {
            L->v.e = (int16_t)-f;
            L->decimal = true;
        } else {
            L->int_digits = d + 3;
            L->ival = L->v.m;
            L->grouped = true;
        }
        e += 1 + f;
    } else if (d <= 3 && ((c == ' ' && digit_next) || c == 0xC2 || c == 0xE2)) {
        return parse_lit_general(sc, i, L); /* a space group or a decimal comma may follow */
    } else {
        L->plain = true;
    }
    L->e = e;
    if (L->v.m % 10 == 0) {
        nv_norm(&L->v); /* (trailing zeros into the exponent: "2020", "100", "2.50", "0") */
    }
    return true;
}

/* Unicode vulgar fractions: "½" -> 1/2. */
bool nn_vulgar_fraction(uint32_t cp, int *num, int *den)
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
    if (!((cp >= 0xBC && cp <= 0xBE) || (cp >= 0x2150 && cp <= 0x215E))) {
        return false; /* (the table's two ranges: most symbols asked are quotes and dashes) */
    }
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
    /* (a dot then a digit is no sentence end: "1e10.5" is no number of ours) */
    if (!nd || v > 300 ||
        (p < sc->n && (is_alnum(sc->s[p]) || sc->s[p] == '^' ||
                       (sc->s[p] == '.' && p + 1 < sc->n && is_digit(sc->s[p + 1]))))) {
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
        *v = nn_scaled(L->v, exp);
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
                *v = nn_scaled(L->v, exp);
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

enum { LK_NONE, LK_LIT, LK_UNIT, LK_TEEN, LK_TENS, LK_HUNDRED, LK_SCALE, LK_MULT, LK_AND };

bool nn_is_ord_suffix(const scan *sc, const nn_tok *w)
{
    return tok_word(sc, w, "st") || tok_word(sc, w, "nd") || tok_word(sc, w, "rd") ||
           tok_word(sc, w, "th");
}

/* The lexicon entry of a plural's singular ("fifths" -> "fifth"), NULL when none. */
static const nn_entry *nn_plural_entry(const scan *sc, const nn_tok *t)
{
    size_t len = t->e - t->s;
    if (t->kind != TK_WORD || len < 4 || len > 40 || lower(sc->s[t->e - 1]) != 's') {
        return NULL;
    }
    /* (the singular's last two letters: none of an ordinal's or fraction word's, no entry of
     * those roles; other bytes there are looked up) */
    unsigned a = (unsigned)(((unsigned char)sc->s[t->e - 3] | 0x20) - 'a');
    unsigned b = (unsigned)(((unsigned char)sc->s[t->e - 2] | 0x20) - 'a');
    if (a < 26 && b < 26 && !(sc->lx->pl2[b] & (1u << a))) {
        return NULL;
    }
    char low[40];
    for (size_t k = 0; k + 1 < len; k++) {
        low[k] = lower(sc->s[t->s + k]);
    }
    return nn_lex_get(sc->lx, low, len - 1, 0);
}

/* Plural of an ordinal used as a denominator: "thirds", "fifths", "quarters" -> denominator. */
int nn_plural_ordinal(const scan *sc, const nn_tok *t)
{
    const nn_entry *e = nn_plural_entry(sc, t);
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

/* "of a million", "of a billion" at \p pos (after a fraction: "two thirds of a million", "a
 * quarter of a million"): the power of ten of the scale (3 or more), 0 when none; *end after it. */
static int of_a_scale(const scan *sc, uint32_t pos, uint32_t *end)
{
    nn_tok o, a, c;
    tok(sc, pos, &o);
    tok(sc, o.e, &a);
    tok(sc, a.e, &c);
    const nn_entry *ce = nn_tok_entry(sc, &c, 0);
    if (tok_word(sc, &o, "of") && (tok_word(sc, &a, "a") || tok_word(sc, &a, "an")) && ce &&
        (ce->roles & NL_SCALE) && ce->scale >= 3 && o.ws == 1 && a.ws == 1 && c.ws == 1) {
        *end = c.e;
        return ce->scale;
    }
    return 0;
}

/* ---- The denominator of a written fraction (Recognizers NumberModel grammar) --------------
 * In "N D" with D ending in a plural ordinal, the denominator is the longest final run of words
 * that is one ordinal number phrase and leaves a numerator: a tens word before a unit ordinal
 * ("thirty fifths": 35th), then groups "[tens] [unit|teen] scale" whose scales grow leftwards
 * ("one thousand fifths": 1005th). When the run would take every word, its first group is the
 * numerator ("twenty fifths" 20/5, "one hundred thirty fifths" 100/35, "ninety-five hundred
 * fifths" 9500/5): a fraction needs a numerator, and a denominator never starts with a scale
 * word. A scale ordinal ("hundredths") and "quarters"/"halves" take no words: "fifty-four
 * hundredths" is 54/100. Only reached for a plural ordinal after number words (rare). */
enum { DW_UNIT = 1, DW_TEEN, DW_TENS, DW_SCALE, DW_AND };

typedef struct { uint8_t kind; int8_t scale; uint8_t num; } dword;

/* the words between \p pos and \p end: 0 when one is no plain number word (then the reading
 * stays as it is) */
static int den_words(const scan *sc, uint32_t pos, uint32_t end, dword *w, int max)
{
    int n = 0;
    nn_tok t;
    for (uint32_t p = pos; p < end && n < max; p = t.e) {
        tok(sc, p, &t);
        if (t.kind == TK_END || t.s >= end) {
            break;
        }
        if (t.kind == TK_SYM && nn_tok_is_dash(sc, &t)) {
            continue;
        }
        const nn_entry *e = t.kind == TK_WORD ? nn_tok_entry(sc, &t, 0) : NULL;
        if (tok_word(sc, &t, "and")) {
            w[n++] = (dword){DW_AND, 0, 0};
        } else if (n == 0 && (tok_word(sc, &t, "a") || tok_word(sc, &t, "an"))) {
            w[n++] = (dword){DW_UNIT, 0, 1}; /* "a hundred thirty fifths": one hundred */
        } else if (e && (e->roles & NL_NUM) && e->num >= 1 && e->num <= 90) {
            w[n++] = (dword){e->num >= 20 ? DW_TENS : e->num >= 10 ? DW_TEEN : DW_UNIT, 0,
                             (uint8_t)e->num};
        } else if (e && (e->roles & NL_SCALE) && e->scale >= 2 && e->scale <= 12) {
            w[n++] = (dword){DW_SCALE, e->scale, 0};
        } else {
            return 0;
        }
    }
    return n;
}

/* the cardinal value of words [a, b) ("one hundred one thousand" read as groups); false when
 * it does not fit 32 bits */
static bool den_value(const dword *w, int a, int b, uint64_t *out)
{
    uint64_t total = 0, cur = 0;
    for (int i = a; i < b; i++) {
        if (w[i].kind == DW_SCALE && w[i].scale == 2) {
            cur = (cur ? cur : 1) * 100;
        } else if (w[i].kind == DW_SCALE) {
            uint64_t f = 1;
            for (int k = 0; k < w[i].scale; k++) {
                f *= 10;
            }
            total += (cur ? cur : 1) * f; /* (cur and total stay below 2^32: no wrap) */
            cur = 0;
        } else if (w[i].kind != DW_AND) {
            cur += w[i].num;
        }
        if (cur > UINT32_MAX || total > UINT32_MAX) {
            return false;
        }
    }
    *out = total + cur;
    return *out <= UINT32_MAX;
}

/* Numerator and denominator of "N D" (words \p w, \p n of them, then the ordinal \p ord): false
 * when the denominator is the ordinal alone (the reading stays). */
static bool den_run(const dword *w, int n, int ord, uint64_t *num, uint64_t *den)
{
    int starts[8], nst = 0, j = n;
    if (ord <= 9 && j > 0 && w[j - 1].kind == DW_TENS) {
        starts[nst++] = --j; /* "thirty fifths" */
    }
    int last = -1;
    while (j > 1 && nst < 8 && w[j - 1].kind == DW_SCALE && w[j - 1].scale > last) {
        int g = j - 1;
        if (w[g - 1].kind == DW_UNIT || w[g - 1].kind == DW_TEEN) {
            g--;
        }
        if (g > 0 && w[g - 1].kind == DW_TENS && (g == j - 1 || w[g].kind == DW_UNIT)) {
            g--;
        }
        if (g == j - 1) {
            break; /* a scale word with no count before it starts no denominator */
        }
        last = w[j - 1].scale;
        starts[nst++] = j = g;
    }
    /* "and" joins the words on both sides into one number ("one hundred and twenty thousand
     * fifths": 120000 / 5), so a run that reaches it is read as one that takes every word */
    bool all = j == 0 || w[j - 1].kind == DW_AND;
    if (nst == 0 || (all && nst == 1)) {
        return false;
    }
    if (all) {
        j = starts[nst - 2]; /* the first group is the numerator */
    }
    uint64_t d;
    if (!den_value(w, j, n, &d) || !den_value(w, 0, j, num)) {
        return false;
    }
    *den = d + (uint64_t)ord;
    return *den <= INT32_MAX;
}

/* The denominator of "N D" whose ordinal \p t (plural, value \p den) follows the number words
 * from \p pos; *num becomes the numerator when the denominator takes words (den_run). Out of
 * line: the parser's loop stays small for the common numbers. */
static __attribute__((noinline, cold)) int den_reading(const scan *sc, uint32_t pos,
                                                       const nn_tok *t, int den, nval *num)
{
    dword w[16];
    int nw = den_words(sc, pos, t->s, w, 16);
    uint64_t rn, rd;
    const nn_entry *oe = nn_plural_entry(sc, t);
    if (nw > 0 && oe && (oe->roles & NL_ORD) && den_run(w, nw, den, &rn, &rd)) {
        /* "one hundred thirty fifths": 100 over the 35th */
        *num = nv_int(rn);
        return (int)rd;
    }
    return den;
}

/* "seventy-fifths" at \p t (a tens word of value \p tens): the denominator (75), *end after
 * the plural; 0 when the tens word is not glued by a hyphen to a unit plural ordinal. Out of
 * line: rare. */
static __attribute__((noinline, cold)) int tens_ordinal_den(const scan *sc, const nn_tok *t,
                                                            int tens, uint32_t *end)
{
    nn_tok d, o;
    tok(sc, t->e, &d);
    if (d.ws != 0 || !nn_tok_is_dash(sc, &d)) {
        return 0;
    }
    tok(sc, d.e, &o);
    const nn_entry *oe = o.ws == 0 ? nn_plural_entry(sc, &o) : NULL;
    /* (not "thirty-seconds", "twenty-firsts": time and rank words as often as fractions) */
    if (!oe || !(oe->roles & NL_ORD) || oe->num < 3 || oe->num > 9) {
        return 0;
    }
    *end = o.e;
    return tens + oe->num;
}

/* (whole + numerator) / denominator = whole / denominator + the fraction read: "one hundred and
 * thirty-two fifths" (px_and). Out of line: rare. */
static __attribute__((noinline, cold)) nval and_improper(nval total, nval cur, int den, nval f)
{
    nval wv = nv_add(total, cur);
    nn_div_den(&wv, den);
    return nv_add(wv, f);
}

/* "three hundred and two dozen": the multiplier \p factor times the group below the hundreds
 * of \p u (px_mult). Out of line: rare. */
static __attribute__((noinline, cold)) nval mult_group(uint64_t u, uint64_t factor)
{
    nval g = nv_int(u % 100);
    nv_mul(&g, factor);
    return nv_add(g, nv_int(u - u % 100));
}

/* ---- The number-expression parser --------------------------------------------------------
 *
 * nn_parse_numexpr reads one token at a time; each step below looks at the token (with what it
 * knows of the tokens before: ps->last, ps->cur, ps->total) and says PX_NEXT (consumed: read
 * the next token), PX_STOP (the expression ends here), PX_TRUE/PX_FALSE (the expression is
 * complete in *x / there is none) or PX_PASS (not its token: the next step looks). The steps
 * are asked in the order of px_step. */

enum { PX_PASS = 0, PX_NEXT, PX_STOP, PX_TRUE, PX_FALSE };

/* Steps are small functions for the reader and one loop body for the compiler (the parser
 * runs for every number and number word). */
#define PX_STEP_FN static inline __attribute__((always_inline)) int

typedef struct px {
    const scan *sc;
    nexpr *x;
    int flags;                /* PX_MONEY */
    uint32_t pos;             /* where the expression starts */
    nval total, cur;          /* value so far: total (scaled parts) + cur (the current group) */
    bool have;                /* a number was read */
    bool lead_a;              /* "a" first ("a dozen", "a million") */
    int last;                 /* LK_*: what the last token was */
    int8_t big;               /* last scale >= thousand applied, for descending order (99: none) */
    uint32_t p, end;          /* next token position; end of the expression so far */
    nn_tok t;                 /* the token */
    int k;                    /* its index (0: the first) */
    bool leading_dot;         /* k == 0 and ".5" */
    const nn_entry *e;        /* t's case-insensitive lexicon entry (word steps) */
    const nn_entry *ecs;      /* its case-sensitive entry, asked for by px_scale only */
} px;

/* A word that multiplies the number being read ("hundred", "dozen"): the count so far (one
 * when none: "a hundred") times \p factor; the word is read. */
static inline int px_multiply(px *ps, uint64_t factor, int last)
{
    if (ps->cur.m == 0) {
        ps->cur = nv_int(1);
    }
    nv_mul(&ps->cur, factor);
    ps->have = true;
    ps->x->words = true;
    ps->lead_a = false;
    ps->last = last;
    ps->end = ps->p = ps->t.e;
    ps->x->ntok++;
    return PX_NEXT;
}

/* a vulgar fraction at the start: "½", "¾" */
PX_STEP_FN px_vulgar(px *ps)
{
    const scan *sc = ps->sc;
    nexpr *x = ps->x;
    if (ps->k == 0 && ps->t.kind == TK_SYM) {
        uint32_t cp;
        int fn, fd;
        nn_cp_at(sc->s, sc->n, ps->t.s, &cp);
        if (nn_vulgar_fraction(cp, &fn, &fd)) {
            ps->cur = nv_int((uint64_t)fn);
            nv_div(&ps->cur, (uint32_t)fd);
            ps->have = true;
            x->fraction = true;
            ps->end = ps->p = ps->t.e;
            x->ntok++;
            ps->last = LK_LIT;
            return PX_STOP;
        }
    }
    return PX_PASS;
}

/* "2½ million", "$1 1/2 billion": a scale word of a thousand or more after a mixed number
 * scales the whole, as after a decimal ("2.5 million"). Out of line: rare. */
static __attribute__((noinline, cold)) void frac_scale(px *ps)
{
    nn_tok c;
    tok(ps->sc, ps->end, &c);
    const nn_entry *ce = c.ws == 1 ? nn_tok_entry(ps->sc, &c, 0) : NULL;
    if (ce && (ce->roles & NL_SCALE) && ce->scale >= 3) {
        ps->total = nn_scaled(ps->cur, ce->scale);
        ps->cur = nv_int(0);
        ps->big = (int8_t)ce->scale;
        ps->x->scaled = true;
        ps->x->words = true;
        ps->x->last_scale = (int8_t)ce->scale;
        ps->last = LK_SCALE;
        ps->end = ps->p = c.e;
        ps->x->ntok++;
    }
}

/* A currency code or name after one blank at \p pos: "5m EUR", "2.5m dollars" - a scale
 * abbreviation that counts only with a currency ("m", words.tsv flag money) counts before one
 * too, as it does after a symbol ("$5m"); "5m wide" stays five metres. Out of line and cold:
 * asked only for such a letter glued to digits with no currency before them. */
static __attribute__((noinline, cold)) bool currency_after(const scan *sc, uint32_t pos)
{
    curm cm;
    return pos + 1 < sc->n && sc->s[pos] == ' ' &&
           nn_match_currency(sc, pos + 1, false, true, &cm) && cm.e->cur_kind != CK_MINOR &&
           !(cm.end < sc->n && is_alnum(sc->s[cm.end]));
}

/* A noun of things counted, never measured (cues.tsv counted), one blank after \p pos: "1.3m
 * people" is 1.3 million people ("m" glued, no currency: words.tsv flag count), "a 10m wall"
 * ten metres. Out of line and cold: only after such a glued abbreviation. */
static __attribute__((noinline, cold)) bool counted_after(const scan *sc, uint32_t pos)
{
    nn_tok t;
    tok(sc, pos, &t);
    const nn_cue *c = t.kind == TK_WORD && t.ws == 1 && !t.cap
                          ? nn_cue_slot(sc->lx, sc->s + t.s, t.e - t.s)
                          : NULL;
    return c && (c->flags & CUEF_COUNTED);
}

/* True when nothing px_literal reads after a literal ending at \p e can follow it: every one
 * starts with the byte at e - a letter (an exponent "e+14", "x10^6", a scale "5bn", a suffix
 * "21st"), '*' or '^' (powers), a byte of a multi-byte character ("×10^6", "2½") - or is a
 * blank before a digit, a second blank or such a character ("2 1/4", "7 ½"). Asked first:
 * most literals end before " people" or a comma, and those tests are then passed over. */
static inline bool lit_ends_plain(const scan *sc, uint32_t e)
{
    if (e + 1 >= sc->n) {
        return false; /* (the general path bounds its reads itself) */
    }
    unsigned char c = (unsigned char)sc->s[e], d = (unsigned char)sc->s[e + 1];
    if (c == ' ') {
        return d != ' ' && d < 0x80 && !is_digit((char)d);
    }
    return c < 0x80 && !is_alpha((char)c) && c != '*' && c != '^';
}

/* A literal \p L that was read is the expression's next token. */
static inline void px_lit_take(px *ps, const lit *L)
{
    ps->x->has_lit = true;
    ps->cur = nv_add(ps->cur, L->v);
    ps->have = true;
    ps->last = LK_LIT;
    ps->end = L->e;
    ps->x->ntok++;
}

/* The digit literal at \p s read into \p lp, with what may follow it glued: a scientific
 * exponent, a fraction ("2½", "2 1/4"), a scale abbreviation ("5bn") or an ordinal suffix
 * ("21st"). \p run_w, \p run_d: the run's first eight bytes and digits when the caller read
 * them (nn_parse_numexpr_run), else 0. */
PX_STEP_FN px_lit_read(px *ps, uint32_t s, lit *lp, uint64_t run_w, uint32_t run_d)
{
    static const lit x0_lit;
    const scan *sc = ps->sc;
    nexpr *x = ps->x;
    if (!parse_lit(sc, s, lp, run_w, run_d)) {
        uint32_t le = lp->e;
        if (lp == &x->L) {
            x->L = x0_lit; /* (x->L holds a literal that was read, or nothing) */
        }
        if (ps->k == 0) {
            x->e = le > ps->pos ? le : ps->pos;
            return PX_FALSE;
        }
        return PX_STOP;
    }
    const lit *L = lp;
    px_lit_take(ps, L);
    if (lit_ends_plain(sc, L->e)) {
        ps->p = ps->end; /* (most literals: "423 people", "41.8,") */
        return PX_NEXT;
    }
    /* Scientific notation and powers: "12.32e+14", "1.3x10^6", "1.1^23". */
    if (ps->k == 0 && !L->grouped) {
        uint32_t se = sci_suffix(sc, L, &ps->cur);
        if (se) {
            ps->end = se;
            x->sci = true;
            x->ntok++;
            return PX_STOP;
        }
    }
    /* A fraction after a whole number: "2½", "2 1/4" */
    if (L->plain && x->ntok == 1) {
        uint32_t cp;
        int fn = 0, fd = 0;
        uint32_t fl = L->e < sc->n ? nn_cp_at(sc->s, sc->n, L->e, &cp) : 0;
        uint32_t fe = 0;
        if (fl > 1 && nn_vulgar_fraction(cp, &fn, &fd)) {
            fe = L->e + fl;
        } else if (L->e + 3 <= sc->n && sc->s[L->e] == ' ') {
            uint32_t b = L->e + 1 + (sc->s[L->e + 1] == ' ');
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
            } else if ((unsigned char)sc->s[L->e + 1] >= 0x80 &&
                       (fl = nn_cp_at(sc->s, sc->n, L->e + 1, &cp)) > 1 &&
                       nn_vulgar_fraction(cp, &fn, &fd) &&
                       !(L->e + 1 + fl < sc->n && is_alnum(sc->s[L->e + 1 + fl]))) {
                fe = L->e + 1 + fl; /* "7 ½ percent", "2 ¼ million": one number, as "7½" */
            }
        }
        if (fe) {
            nval f = nv_int((uint64_t)fn);
            nv_div(&f, (uint32_t)fd);
            ps->cur = nv_add(ps->cur, f);
            x->fraction = true;
            ps->end = fe;
            x->ntok++;
            frac_scale(ps);
            return PX_STOP;
        }
    }
    /* Letters glued to the digits: a scale abbreviation or an ordinal suffix. */
    if (L->e < sc->n && is_alpha(sc->s[L->e])) {
        nn_tok w;
        tok(sc, L->e, &w);
        const nn_entry *ab = nn_tok_entry(sc, &w, 1);
        if (ab && (ab->roles & NL_ABBR) && (ab->abbr_flags & AB_GLUE) &&
            (!(ab->abbr_flags & AB_MONEY) || (ps->flags & PX_MONEY) ||
             ((ab->abbr_flags & AB_DEC) && L->decimal) ||
             ((ab->abbr_flags & AB_BIG) && L->ival >= 100) ||
             ((ab->abbr_flags & AB_COUNT) && counted_after(sc, w.e)) ||
             currency_after(sc, w.e)) &&
            !(w.e < sc->n && is_alnum(sc->s[w.e]))) {
            if (ps->big != 99 && ab->scale >= ps->big) {
                x->glued_e = w.e;
                return PX_STOP;
            }
            ps->total = nv_add(ps->total, nn_scaled(ps->cur, ab->scale));
            ps->cur = nv_int(0);
            ps->big = ab->scale;
            x->scaled = true;
            x->last_scale = ab->scale;
            ps->last = LK_SCALE;
            ps->end = w.e;
            ps->p = w.e;
            return PX_NEXT;
        }
        /* (an ordinal suffix after whole digit groups too: "the 1,000th visitor") */
        if ((L->plain || (L->grouped && !L->decimal)) && nn_is_ord_suffix(sc, &w) &&
            !(w.e < sc->n && is_alnum(sc->s[w.e])) && x->ntok == 1) {
            x->ordinal = true;
            ps->end = w.e;
            return PX_STOP;
        }
        x->glued_e = w.e;
        return PX_STOP;
    }
    ps->p = ps->end;
    return PX_NEXT;
}

/* px_lit_read out of line, for the literals px_literal meets (a first digit is read before the
 * steps, in nn_parse_numexpr): a leading dot (".5"), a literal after a scale word or "and". */
static __attribute__((noinline)) int px_lit_later(px *ps)
{
    /* (the first literal is read into x->L itself: no copy of it for every number) */
    lit later;
    return px_lit_read(ps, ps->t.s, ps->x->has_lit ? &later : &ps->x->L, 0, 0);
}

/* a digit literal ("1,250", "3.5", ".5") */
PX_STEP_FN px_literal(px *ps)
{
    if (ps->t.kind == TK_DIGITS || ps->leading_dot) {
        if (ps->have && !(ps->last == LK_SCALE || ps->last == LK_AND)) {
            return PX_STOP;
        }
        if (ps->k > 0 && !ps->t.ws) {
            return PX_STOP;
        }
        return px_lit_later(ps);
    }
    return PX_PASS;
}

/* "one-and-a-half", "two-and-a-quarter million", "a million-and-a-half": "and a" + a fraction
 * word glued by hyphens
 * (\p w is the word after the first hyphen; PX_STOP unless it is "and"), read as "two and a
 * half" is by px_and. Out of line and cold: rare. */
static __attribute__((noinline, cold)) int hyphen_and_fraction(px *ps, const nn_tok *w)
{
    const scan *sc = ps->sc;
    nn_tok d1, a, d2, b, c;
    if (!tok_word(sc, w, "and")) {
        return PX_STOP;
    }
    tok(sc, w->e, &d1);
    if (d1.ws != 0 || !nn_tok_is_dash(sc, &d1)) {
        return PX_STOP;
    }
    tok(sc, d1.e, &a);
    if (a.ws != 0 || !(tok_word(sc, &a, "a") || tok_word(sc, &a, "one"))) {
        return PX_STOP;
    }
    tok(sc, a.e, &d2);
    if (d2.ws != 0 || !nn_tok_is_dash(sc, &d2)) {
        return PX_STOP;
    }
    tok(sc, d2.e, &b);
    const nn_entry *be = b.ws == 0 ? nn_tok_entry(sc, &b, 0) : NULL;
    uint32_t den = be && (be->roles & NL_FRAC) ? be->frac
                   : be && (be->roles & NL_ORD) && be->num >= 3 ? (uint32_t)be->num
                                                                : 0;
    if (!den) {
        return PX_STOP;
    }
    nval f = nv_int(1);
    nv_div(&f, den);
    uint32_t fe = b.e;
    tok(sc, b.e, &c);
    const nn_entry *ce = c.ws == 1 ? nn_tok_entry(sc, &c, 0) : NULL;
    if (ce && (ce->roles & NL_SCALE) && ce->scale >= 3 && ps->big == 99 && ps->total.m == 0) {
        /* "two-and-a-half million": (2 + 1/2) million, as "one and a half million" */
        ps->total = nn_scaled(nv_add(ps->cur, f), ce->scale);
        ps->cur = nv_int(0);
        ps->big = (int8_t)ce->scale;
        ps->x->scaled = true;
        ps->x->last_scale = (int8_t)ce->scale;
        ps->last = LK_SCALE;
        fe = c.e;
    } else if (ps->last == LK_SCALE) {
        /* "a million-and-a-half": half of the scale before, as "a million and a half" */
        ps->total = nv_add(ps->total, nn_scaled(f, ps->x->last_scale));
    } else {
        ps->cur = nv_add(ps->cur, f);
    }
    ps->x->fraction = true;
    ps->end = ps->p = fe;
    ps->x->ntok++;
    return PX_NEXT;
}

/* "$40-million", "C$2-billion", "a 3-million-strong army": a scale word of a thousand or more
 * glued to digits by a hyphen scales them as it does after a blank (Canadian and some British
 * press write amounts so). Not "hundred" ("a 5-hundred" is no news form) nor the abbreviations
 * ("5-m", "10-K" are names or lengths). Out of line: a dash after digits is rare on the
 * common path. */
static __attribute__((noinline, cold)) int lit_dash_scale(px *ps)
{
    nn_tok w;
    tok(ps->sc, ps->t.e, &w);
    const nn_entry *we = w.ws == 0 ? nn_tok_entry(ps->sc, &w, 0) : NULL;
    if (we && (we->roles & NL_SCALE) && !(we->roles & NL_ABBR) && we->scale >= 3) {
        ps->p = ps->t.e;
        return PX_NEXT;
    }
    return PX_PASS;
}

/* a hyphen between number words: "twenty-one", "one-third", "fifty - two"; a scale word
 * glued to digits by a hyphen ("$40-million") */
PX_STEP_FN px_word_dash(px *ps)
{
    const scan *sc = ps->sc;
    if (ps->t.kind == TK_SYM && ps->k > 0 && nn_tok_is_dash(sc, &ps->t) &&
        (ps->last == LK_TENS || ps->last == LK_UNIT || ps->last == LK_TEEN)) {
        /* "twenty-one", "one-third", "fifty - two" */
        nn_tok w;
        tok(sc, ps->t.e, &w);
        const nn_entry *we = nn_tok_entry(sc, &w, 0);
        bool ok = false;
        if (we && ps->last == LK_TENS && (we->roles & (NL_NUM | NL_ORD)) && we->num >= 1 &&
            we->num <= 9) {
            ok = true;
        } else if (nn_plural_ordinal(sc, &w) ||
                   (we && (we->roles & NL_ORD) && we->num >= 3 && ps->cur.m == 1 &&
                    ps->cur.e == 0) ||
                   (we && (we->roles & NL_FRAC) && ps->cur.m == 1 && ps->cur.e == 0)) {
            ok = true;
        } else if (we && (we->roles & (NL_SCALE | NL_ORDSCALE)) && w.ws == 0 &&
                   ps->total.m == 0) {
            ok = true; /* "nine-hundred", "two-thousand", "two-hundredth" */
        }
        if (!ok || w.ws == 2) {
            /* "one-and-a-half" (out of line: the check costs the common path nothing) */
            return (ps->t.ws | w.ws) == 0 ? hyphen_and_fraction(ps, &w) : PX_STOP;
        }
        ps->p = ps->t.e;
        return PX_NEXT;
    }
    if (ps->t.kind == TK_SYM && ps->k > 0 && ps->last == LK_SCALE && ps->t.ws == 0 &&
        nn_tok_is_dash(sc, &ps->t)) {
        /* "a million-and-a-half", "two billion-and-a-half": only "and" passes here ("a
         * million-strong" and the rest are read as before) */
        nn_tok w;
        tok(sc, ps->t.e, &w);
        if (w.ws == 0 && tok_word(sc, &w, "and") && hyphen_and_fraction(ps, &w) == PX_NEXT) {
            return PX_NEXT;
        }
    }
    if (ps->t.kind == TK_SYM && ps->k > 0 && ps->last == LK_HUNDRED && ps->x->words &&
        ps->t.ws == 0 && nn_tok_is_dash(sc, &ps->t)) {
        /* "ninety-five hundred-fifths": a plural ordinal glued to "hundred" by a hyphen is the
         * denominator, as with a blank ("hundred fifths": 9500 / 5) */
        nn_tok w;
        tok(sc, ps->t.e, &w);
        if (w.ws == 0 && nn_plural_ordinal(sc, &w)) {
            ps->p = ps->t.e;
            return PX_NEXT;
        }
        return PX_STOP;
    }
    if (ps->t.kind == TK_SYM && ps->last == LK_LIT && ps->t.ws == 0 &&
        nn_tok_is_dash(sc, &ps->t)) {
        return lit_dash_scale(ps);
    }
    return PX_PASS;
}

/* "twenty-two seventy-fifths": the number read over "seventy-fifth" (a tens word \p w cannot
 * follow a unit, teen or tens word in one number, so it starts the denominator). Out of line:
 * rare. */
static __attribute__((noinline, cold)) void tens_fraction(px *ps, int w)
{
    nexpr *x = ps->x;
    uint32_t de;
    int den;
    if ((ps->last == LK_UNIT || ps->last == LK_TEEN || ps->last == LK_TENS) && ps->cur.ok &&
        !x->has_lit && (den = tens_ordinal_den(ps->sc, &ps->t, w, &de)) != 0) {
        ps->cur = nv_add(ps->total, ps->cur);
        ps->total = nv_int(0);
        nv_div(&ps->cur, (uint32_t)den);
        x->fden = den;
        x->fraction = true;
        ps->end = de;
        x->ntok++;
    }
}

/* a number word: "one" ... "ninety", after a tens word, "hundred" or "and" */
PX_STEP_FN px_num_word(px *ps)
{
    const scan *sc = ps->sc;
    nexpr *x = ps->x;
    if (ps->e && (ps->e->roles & NL_NUM)) {
        int w = ps->e->num;
        bool ok = !ps->have || ps->last == LK_AND || (ps->last == LK_SCALE && ps->cur.m == 0) ||
                  (ps->last == LK_TENS && w >= 1 && w <= 9) ||
                  (ps->last == LK_HUNDRED && w < 100 && w > 0);
        if (!ok) {
            if (ps->last == LK_UNIT && x->ntok == 1 && ps->cur.ok && ps->cur.m == 1 &&
                ps->cur.e == 0 && ps->cur.den == 1 && ps->total.m == 0 && ps->t.ws == 1) {
                /* "one twenty-fifth", "one one hundred fifth": 1 over the ordinal */
                nexpr y;
                uint64_t yd;
                if (nn_parse_numexpr(sc, ps->t.s, 0, &y) && y.ordinal &&
                    nv_uint(&y.v, 999999, &yd) && yd >= 3) {
                    nv_div(&ps->cur, (uint32_t)yd);
                    x->fraction = true;
                    ps->end = y.e;
                    x->ntok++;
                }
            } else if (w >= 20 && w % 10 == 0 && ps->t.ws == 1) {
                tens_fraction(ps, w);
            }
            return PX_STOP;
        }
        if (ps->lead_a) {
            return PX_STOP;
        }
        ps->cur = nv_add(ps->cur, nv_int((uint64_t)w));
        ps->have = true;
        x->words = true;
        ps->last = w >= 20 && w % 10 == 0 ? LK_TENS : w >= 10 ? LK_TEEN : LK_UNIT;
        ps->end = ps->t.e;
        ps->p = ps->t.e;
        x->ntok++;
        return PX_NEXT;
    }
    return PX_PASS;
}

/* "hundred" after a unit, teen or tens word (or "a hundred") */
PX_STEP_FN px_hundred(px *ps)
{
    if (ps->e && (ps->e->roles & NL_SCALE) && ps->e->scale == 2) {
        if (!ps->have && !ps->lead_a) {
            return PX_STOP;
        }
        if (ps->last == LK_HUNDRED || (ps->last == LK_SCALE && ps->cur.m == 0 && !ps->lead_a) ||
            (ps->cur.ok && ps->cur.m && nv_double(ps->cur) >= 100)) {
            return PX_STOP;
        }
        return px_multiply(ps, 100, LK_HUNDRED);
    }
    return PX_PASS;
}

/* a scale word or separated abbreviation: "million", "lakh", "bn", "m" after digits */
PX_STEP_FN px_scale(px *ps)
{
    const scan *sc = ps->sc;
    nexpr *x = ps->x;
    const nn_entry *sce = NULL;
    if (ps->e && (ps->e->roles & NL_SCALE)) {
        sce = ps->e;
    } else if (ps->last == LK_LIT && (ps->ecs = nn_tok_entry(sc, &ps->t, 1)) != NULL &&
               (ps->ecs->roles & NL_ABBR) &&
               ((ps->ecs->abbr_flags & AB_SEP) ||
                ((ps->ecs->abbr_flags & AB_MONEY) && (ps->flags & PX_MONEY))) &&
               ps->last == LK_LIT) {
        sce = ps->ecs;
    } else if (ps->e && (ps->e->roles & NL_ABBR) && (ps->e->abbr_flags & AB_SEP) &&
               ps->last == LK_LIT) {
        sce = ps->e;
    }
    if (sce) {
        if (!ps->have && !ps->lead_a) {
            return PX_STOP;
        }
        if (ps->lead_a) {
            ps->cur = nv_int(1);
            ps->lead_a = false;
        }
        int s = sce->scale;
        if (ps->cur.m == 0 && ps->total.m != 0 && s > ps->big) {
            ps->total = nn_scaled(ps->total, s); /* "three lakh crore", "two thousand million" */
        } else if (ps->big == 99 || s < ps->big) {
            ps->total = nv_add(ps->total, nn_scaled(ps->cur, s));
            ps->cur = nv_int(0);
        } else {
            return PX_STOP;
        }
        ps->big = (int8_t)s;
        ps->have = true;
        x->words |= (sce->roles & NL_SCALE) != 0;
        x->scaled = true;
        x->last_scale = (int8_t)s;
        ps->last = LK_SCALE;
        ps->end = ps->p = ps->t.e;
        x->ntok++;
        return PX_NEXT;
    }
    return PX_PASS;
}

/* a multiplier: "two dozen", "a dozen" */
PX_STEP_FN px_mult(px *ps)
{
    if (ps->e && (ps->e->roles & NL_MULT)) {
        if (!ps->have && !ps->lead_a) {
            return PX_STOP;
        }
        uint64_t u;
        if ((ps->last == LK_UNIT || ps->last == LK_TEEN || ps->last == LK_TENS) &&
            nv_uint(&ps->cur, UINT32_MAX, &u) && u > 100 && u % 100) {
            /* "three hundred and two dozen": a multiplier multiplies the group it follows,
             * as "thousand" does, not the hundreds before it: 300 + 2 * 12 */
            ps->cur = mult_group(u, (uint64_t)ps->e->num);
            return px_multiply(ps, 1, LK_MULT);
        }
        return px_multiply(ps, (uint64_t)ps->e->num, LK_MULT);
    }
    return PX_PASS;
}

/* digit words after "point": "nine point nought four", "three point five" */
PX_STEP_FN px_point(px *ps)
{
    const scan *sc = ps->sc;
    nexpr *x = ps->x;
    if (tok_word(sc, &ps->t, "point") && ps->have && x->words && !x->has_lit && ps->total.m == 0 &&
        (ps->last == LK_UNIT || ps->last == LK_TEEN || ps->last == LK_TENS ||
         ps->last == LK_HUNDRED)) {
        /* "nine point nought four", "three point five": digit words after "point" */
        nn_tok d;
        uint32_t q = ps->t.e;
        nval frac = nv_int(0);
        int nd = 0;
        for (;;) {
            tok(sc, q, &d);
            const nn_entry *de = nn_tok_entry(sc, &d, 0);
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
            const nn_entry *de = nn_tok_entry(sc, &d, 0);
            if (d.ws == 1 && de && (de->roles & NL_NUM) && de->num >= 10 && de->num <= 19) {
                /* "point eleven": .11 */
                frac = nv_int((uint64_t)de->num);
                nd = 2;
                q = d.e;
            }
        }
        if (!nd) {
            return PX_STOP;
        }
        frac.e -= nd;
        ps->cur = nv_add(ps->cur, frac);
        ps->end = ps->p = q;
        x->ntok++;
        /* "two point five million": a scale word right after the digits scales the decimal
         * (as "2.5 million" does); nothing else may follow a spelled decimal */
        tok(sc, q, &d);
        const nn_entry *se = nn_tok_entry(sc, &d, 0);
        if (d.ws == 1 && se && (se->roles & NL_SCALE) && ps->big == 99) {
            ps->total = nn_scaled(ps->cur, se->scale);
            ps->cur = nv_int(0);
            ps->big = (int8_t)se->scale;
            x->scaled = true;
            x->last_scale = (int8_t)se->scale;
            ps->last = LK_SCALE;
            ps->end = ps->p = d.e;
            x->ntok++;
        }
        return PX_STOP;
    }
    return PX_PASS;
}

/* "one over three", "1 over 20" */
PX_STEP_FN px_over(px *ps)
{
    const scan *sc = ps->sc;
    nexpr *x = ps->x;
    uint64_t cu;
    if (tok_word(sc, &ps->t, "over") && ps->have && ps->total.m == 0 &&
        nv_uint(&ps->cur, 10, &cu) && cu >= 1 && x->ntok == 1 && !ps->lead_a) {
        /* "one over three", "1 over 20" */
        nn_tok d;
        tok(sc, ps->t.e, &d);
        nexpr y;
        if (d.ws == 1 && (d.kind == TK_DIGITS || d.kind == TK_WORD) &&
            nn_parse_numexpr(sc, d.s, 0, &y) && !y.ordinal && !y.fraction && !y.scaled &&
            y.v.ok && y.v.den == 1 && y.v.e >= 0 && y.v.m > 0 && !y.glued_e &&
            nv_double(y.v) > nv_double(ps->cur) && nv_double(y.v) <= 1000) {
            nn_tok z;
            tok(sc, y.e, &z);
            const nn_entry *ze = nn_tok_entry(sc, &z, 0);
            if (!(ze && (ze->roles & (NL_UNIT | NL_CUR | NL_PCT | NL_DUR))) &&
                !tok_is(sc, &z, "%")) {
                nv_div(&ps->cur, (uint32_t)nv_double(y.v));
                x->fraction = true;
                x->words = true;
                ps->end = ps->p = y.e;
                x->ntok++;
                return PX_STOP;
            }
        }
        return PX_STOP;
    }
    return PX_PASS;
}

/* "and" inside a number: "one hundred and six", "three and a half", "one billion and three quarters
 * million" */
PX_STEP_FN px_and(px *ps)
{
    const scan *sc = ps->sc;
    nexpr *x = ps->x;
    if (tok_word(sc, &ps->t, "and") && ps->have && !ps->lead_a) {
        /* "one hundred and six", "6 crore and two hundred", "three and a half" */
        nn_tok a, b;
        tok(sc, ps->t.e, &a);
        const nn_entry *ae = nn_tok_entry(sc, &a, 0);
        if ((tok_word(sc, &a, "a") || tok_word(sc, &a, "one")) && a.ws != 2) {
            tok(sc, a.e, &b);
            const nn_entry *be = nn_tok_entry(sc, &b, 0);
            uint32_t den = be && (be->roles & NL_FRAC) ? be->frac
                           : be && (be->roles & NL_ORD) && be->num >= 3 ? (uint32_t)be->num
                                                                        : 0;
            if (den && b.ws != 2) {
                nval f = nv_int(1);
                nv_div(&f, den);
                uint32_t fe = b.e;
                nn_tok c;
                tok(sc, b.e, &c);
                const nn_entry *cE = nn_tok_entry(sc, &c, 0);
                if (cE && (cE->roles & NL_SCALE) && cE->scale >= 3 && c.ws == 1 &&
                    ps->big == 99 && ps->total.m == 0) {
                    /* "one and a half million": (1 + 1/2) million */
                    ps->total = nn_scaled(nv_add(ps->cur, f), cE->scale);
                    ps->cur = nv_int(0);
                    ps->big = cE->scale;
                    x->scaled = true;
                    x->last_scale = cE->scale;
                    ps->last = LK_SCALE;
                    fe = c.e;
                } else if (cE && (cE->roles & NL_SCALE) && cE->scale >= 3 && c.ws == 1 &&
                           (ps->big == 99 || cE->scale < ps->big)) {
                    /* "one billion and a half million": half of the next scale */
                    ps->total = nv_add(ps->total, nn_scaled(f, cE->scale));
                    fe = c.e;
                } else if (ps->last == LK_SCALE) {
                    ps->total = nv_add(ps->total, nn_scaled(f, x->last_scale));
                } else {
                    ps->cur = nv_add(ps->cur, f);
                }
                x->fraction = true;
                ps->end = ps->p = fe;
                x->ntok++;
                return PX_NEXT;
            }
        }
        if (ae && (ae->roles & NL_NUM) && a.ws != 2) {
            /* "and three quarters", "and fifty-four hundredths", "and one fourth",
             * "one billion and three quarters million" */
            nexpr y;
            if (nn_parse_numexpr(sc, a.s, 0, &y) && y.fraction && !y.scaled && y.v.ok) {
                nval f = y.v;
                uint32_t fe = y.e;
                nn_tok c;
                tok(sc, y.e, &c);
                const nn_entry *cE = nn_tok_entry(sc, &c, 0);
                bool sc_next = cE && (cE->roles & NL_SCALE) && cE->scale >= 3 && c.ws == 1;
                if (!sc_next && y.fden && (ps->last == LK_HUNDRED || ps->last == LK_SCALE) &&
                    nv_double(y.v) >= 1) {
                    /* "one hundred and thirty-two fifths": an "and" after "hundred" or a scale
                     * word continues the whole number, so a fraction that is no proper
                     * fraction continues its numerator: (100 + 32) / 5 (Recognizers'
                     * NumberModel; a proper one is the fractional part: "two hundred and
                     * fifty-four hundredths" 200.54) */
                    ps->cur = and_improper(ps->total, ps->cur, y.fden, f);
                    ps->total = nv_int(0);
                } else if (sc_next && ps->big == 99 && ps->total.m == 0) {
                    ps->total = nn_scaled(nv_add(ps->cur, f), cE->scale);
                    ps->cur = nv_int(0);
                    ps->big = cE->scale;
                    x->scaled = true;
                    x->last_scale = cE->scale;
                    ps->last = LK_SCALE;
                    fe = c.e;
                } else if (sc_next && cE->scale < ps->big) {
                    ps->total = nv_add(ps->total, nn_scaled(f, cE->scale));
                    fe = c.e;
                } else if (ps->last == LK_SCALE) {
                    ps->total = nv_add(ps->total, nn_scaled(f, x->last_scale));
                } else {
                    ps->cur = nv_add(ps->cur, f);
                }
                x->fraction = true;
                ps->end = ps->p = fe;
                x->ntok++;
                return PX_NEXT;
            }
        }
        if (ps->last == LK_HUNDRED || ps->last == LK_SCALE) {
            /* not "... and 0", not "3 hundred and 2 hundred" (two numbers) */
            nn_tok c;
            tok(sc, a.e, &c);
            const nn_entry *cE = nn_tok_entry(sc, &c, 0);
            bool zero = (a.kind == TK_DIGITS && a.e - a.s == 1 && sc->s[a.s] == '0') ||
                        (ae && (ae->roles & NL_NUM) && ae->num == 0);
            /* "3 hundred and 2 hundred", "$5 million and 3 million": two numbers */
            bool rescale = cE && (cE->roles & NL_SCALE) && c.ws != 2 &&
                           ((ps->last == LK_HUNDRED && cE->scale == 2) ||
                            (ps->last == LK_SCALE && cE->scale >= ps->big));
            /* digits after "and" only continue whole numbers: "4 thousand 3 hundred and
             * 21", not "$4.1 billion and 1.005 million" */
            bool plain_digits = a.kind == TK_DIGITS && !(x->has_lit && !x->L.plain) &&
                                !(a.e < sc->n && (sc->s[a.e] == '.' || sc->s[a.e] == ',') &&
                                  a.e + 1 < sc->n && is_digit(sc->s[a.e + 1]));
            /* (digits with a minor unit behind a scale word are cents of their own: "$3
             * million and 50 cents" is two amounts, a scaled amount takes no cents; s11-num2) */
            if (!zero && !rescale &&
                ((plain_digits && ps->last == LK_SCALE && !nn_minor_unit(sc, &c, NULL)) ||
                 (plain_digits && ps->last == LK_HUNDRED) ||
                 (ae && (ae->roles & (NL_NUM | NL_ORD))))) {
                ps->last = LK_AND;
                ps->p = ps->t.e;
                return PX_NEXT;
            }
        }
        return PX_STOP;
    }
    return PX_PASS;
}

/* "of" is the word after \p p ("one hundredth of a second"). */
static bool of_after(const scan *sc, uint32_t p)
{
    nn_tok a;
    tok(sc, p, &a);
    return a.ws == 1 && tok_word(sc, &a, "of");
}

/* an ordinal word ends the number: "twenty first", "hundredth", "one third" */
PX_STEP_FN px_ordinal(px *ps)
{
    nexpr *x = ps->x;
    if (ps->e && (ps->e->roles & (NL_ORD | NL_ORDSCALE)) && !ps->lead_a) {
        if (!ps->have) {
            if (ps->k == 0 && (ps->e->roles & (NL_ORD | NL_ORDSCALE))) {
                /* "twentieth"; "the hundredth time" (100th: "a hundredth" is the fraction,
                 * read before the parser) */
                ps->cur = (ps->e->roles & NL_ORD) ? nv_int((uint64_t)ps->e->num)
                                                  : nn_scaled(nv_int(1), ps->e->scale);
                ps->have = true;
                x->ordinal = true;
                x->words = true;
                ps->end = ps->t.e;
                x->ntok++;
            }
            return PX_STOP;
        }
        if (ps->e->roles & NL_ORDSCALE) {
            if (ps->last == LK_LIT) {
                return PX_STOP;
            }
            if (ps->last == LK_UNIT && ps->cur.m == 1 && ps->cur.e == 0 && ps->cur.den == 1 &&
                ps->total.m == 0 && of_after(ps->sc, ps->t.e)) {
                /* "one hundredth of a second" 0.01, as "a hundredth of" and "one fifth of";
                 * "the one hundredth episode" (no "of") stays the ordinal 100 */
                ps->cur.e = -ps->e->scale;
                x->fraction = true;
                ps->end = ps->t.e;
                x->ntok++;
                return PX_STOP;
            }
            if (ps->cur.m == 0) {
                ps->cur = nv_int(1);
            }
            ps->cur = nn_scaled(ps->cur, ps->e->scale);
            x->ordinal = true;
            ps->end = ps->t.e;
            x->ntok++;
            return PX_STOP;
        }
        if ((ps->last == LK_TENS && ps->e->num <= 9) || ps->last == LK_HUNDRED ||
            ps->last == LK_AND || (ps->last == LK_SCALE && ps->cur.m == 0)) {
            ps->cur = nv_add(ps->cur, nv_int((uint64_t)ps->e->num));
            x->ordinal = true;
            ps->end = ps->t.e;
            x->ntok++;
            return PX_STOP;
        }
        if ((ps->last == LK_UNIT || ps->last == LK_TEEN) && ps->e->num >= 3 && ps->cur.m == 1 &&
            ps->cur.e == 0 && ps->total.m == 0) {
            /* "one third", "one-fifth" */
            nv_div(&ps->cur, (uint32_t)ps->e->num);
            x->fraction = true;
            ps->end = ps->t.e;
            x->ntok++;
            return PX_STOP;
        }
        return PX_STOP;
    }
    return PX_PASS;
}

/* a plural ordinal denominator: "two thirds", "fifty-four hundredths", "two thirds of a million" */
PX_STEP_FN px_plural_fraction(px *ps)
{
    const scan *sc = ps->sc;
    nexpr *x = ps->x;
    if (ps->have && !ps->lead_a &&
        (ps->last == LK_UNIT || ps->last == LK_TEEN || ps->last == LK_TENS ||
         (x->words && (ps->last == LK_HUNDRED || ps->last == LK_SCALE)))) {
        int den = nn_plural_ordinal(sc, &ps->t);
        if (den) {
            /* "two thirds", "five eighths", "fifty-four hundredths", "one million two
             * thousand two hundred three fifths": the whole number over the denominator */
            ps->cur = nv_add(ps->total, ps->cur);
            ps->total = nv_int(0);
            if (den > 0 && x->words && !x->has_lit && x->ntok >= 2) {
                den = den_reading(sc, ps->pos, &ps->t, den, &ps->cur);
            }
            nn_div_den(&ps->cur, den);
            x->fden = den;
            x->fraction = true;
            ps->end = ps->t.e;
            x->ntok++;
            /* "two thirds of a million" */
            uint32_t oe;
            int sc3 = of_a_scale(sc, ps->t.e, &oe);
            if (sc3) {
                ps->cur = nn_scaled(ps->cur, sc3);
                x->scaled = true;
                x->last_scale = sc3;
                ps->end = oe;
            }
            return PX_STOP;
        }
    }
    return PX_PASS;
}

/* The word that scales a fraction word at \p pos: a scale word of a thousand or more ("a half
 * million") or a multiplier ("half a dozen", "a half dozen"), apart or glued by a hyphen ("a
 * half-dozen", "half-dozen", "a quarter-million": written as one word, the same number). NULL
 * when none; *c is the word. Out of line and cold: only after a fraction word that starts a
 * number. */
static __attribute__((noinline, cold)) const nn_entry *frac_scaler(const scan *sc, uint32_t pos,
                                                                   nn_tok *c)
{
    tok(sc, pos, c);
    if (c->ws == 0 && nn_tok_is_dash(sc, c)) {
        tok(sc, c->e, c);
        if (c->ws != 0) {
            return NULL;
        }
    } else if (c->ws == 2) {
        return NULL;
    }
    const nn_entry *ce = nn_tok_entry(sc, c, 0);
    if (ce && (((ce->roles & NL_SCALE) && ce->scale >= 3) || (ce->roles & NL_MULT))) {
        return ce;
    }
    return NULL;
}

/* a fraction word first: "half a million", "half a dozen", "quarter million" */
PX_STEP_FN px_frac_word(px *ps)
{
    const scan *sc = ps->sc;
    nexpr *x = ps->x;
    if (ps->e && (ps->e->roles & NL_FRAC) && ps->have && ps->last == LK_UNIT && ps->cur.m == 1 &&
        ps->cur.e == 0 && ps->cur.den == 1 && ps->total.m == 0 &&
        (ps->t.ws == 0 || ps->e->frac == 2) &&
        !(ps->t.e + 1 < sc->n && sc->s[ps->t.e] == '-' && is_alpha(sc->s[ps->t.e + 1]))) {
        /* "one-half", "one half", "one-quarter" (as "one-third"; "one quarter" apart is also a
         * business quarter; "one half-sister", "one quarter-final" are not fractions) */
        nv_div(&ps->cur, ps->e->frac);
        x->fraction = true;
        ps->end = ps->t.e;
        x->ntok++;
        return PX_STOP;
    }
    if (ps->e && (ps->e->roles & NL_FRAC) && !ps->have) {
        /* "half a million", "half a dozen", "a half", "quarter million", "a quarter" */
        nn_tok a, b;
        tok(sc, ps->t.e, &a);
        uint32_t after = ps->t.e, lone_end = ps->t.e;
        if ((tok_word(sc, &a, "a") || tok_word(sc, &a, "an")) && a.ws != 2) {
            tok(sc, a.e, &b);
            const nn_entry *be = nn_tok_entry(sc, &b, 0);
            lexm lm;
            if (be && (be->roles & (NL_SCALE | NL_MULT)) && b.ws != 2) {
                after = a.e;
            } else if (b.ws == 1 && (tok_word(sc, &b, "point") || tok_word(sc, &b, "points") ||
                                     nn_lex_longest(sc, b.s, NL_PCT | NL_UNIT | NL_DUR, &lm))) {
                /* "half a percent", "half a point", "half a mile", "half an hour": the rules
                 * read the rest */
                lone_end = a.e;
            }
        }
        nval f = nv_int(1);
        nv_div(&f, ps->e->frac);
        nn_tok c;
        const nn_entry *ce = frac_scaler(sc, after, &c);
        if (ce && (ce->roles & NL_SCALE)) {
            x->v = nn_scaled(f, ce->scale);
            x->words = x->scaled = true;
            x->last_scale = ce->scale;
            x->e = c.e;
            x->ntok = 2;
            return PX_TRUE;
        }
        if (ce) { /* a multiplier: "half a dozen", "half-dozen" */
            nv_mul(&f, (uint64_t)ce->num);
            x->v = f;
            x->words = true;
            x->e = c.e;
            x->ntok = 2;
            return PX_TRUE;
        }
        ps->cur = f;
        ps->have = true;
        x->words = x->fraction = true;
        ps->end = lone_end;
        x->ntok++;
        return PX_STOP;
    }
    return PX_PASS;
}

/* "a third" without "of" is the fraction after a modifier ("nearly a third said", "about a
 * tenth") or after "by" where its phrase ends (\p c, the token after it: the end, punctuation
 * but a hyphen, a cues.tsv day_prep, amount_end or time_after word, a words.tsv relmod): "fell
 * by a third.", "cut by a fifth last year", "down by a third since March"; \p s is "a". Not
 * "by a third party", "a third term", "a third-year student", and not without "by" or a
 * modifier: in an enumeration "and a fourth from Germany", "a third, Jared Golden," are a
 * fourth and a third one (Wikinews). A verb of change (cues.tsv flag change) stands for "by"
 * ("Sales rose a third to $3 million", "Exports grew a fifth."; s11-num2): the same end test
 * keeps "rose a third straight day" an ordinal. */
static __attribute__((noinline, cold)) bool a_fraction_alone(const scan *sc, uint32_t s,
                                                             const nn_tok *c)
{
    if (nn_lookback_mod(sc, s) != MOD_NONE) {
        return true;
    }
    nn_tok pw;
    if (!nn_prev_word(sc, s, &pw) ||
        !(tok_word(sc, &pw, "by") || nn_word_flag(sc, &pw, CUEF_CHANGE))) {
        return false;
    }
    if (c->kind == TK_END) {
        return true;
    }
    if (c->kind == TK_SYM) {
        return c->ws != 0 || strchr(".,;:!?)", sc->s[c->s]) != NULL;
    }
    if (c->kind != TK_WORD || c->ws != 1) {
        return false;
    }
    int cue = nn_cue_of(sc->lx, sc->s + c->s, c->e - c->s);
    const nn_entry *e = nn_tok_entry(sc, c, 0);
    return cue == CUE_DAY_PREP || cue == CUE_AMOUNT_END || cue == CUE_TIME_AFTER ||
           (e && (e->roles & NL_RELMOD));
}

/* True when the "a" at \p s follows "and" after a unit, a period or a currency ("a year and a
 * half", "a mile and a half", "two years and a half"): the fraction is part of that amount,
 * no number by itself. Out of line: asked only for "a"/"an" + a fraction word alone. */
static __attribute__((noinline, cold)) bool half_of_unit(const scan *sc, uint32_t s)
{
    nn_tok w, u;
    if (!nn_prev_word(sc, s, &w) || w.e + 1 != s || !tok_word(sc, &w, "and") ||
        !nn_prev_word(sc, w.s, &u) || u.e + 1 != w.s) {
        return false;
    }
    const nn_entry *ue = nn_tok_entry(sc, &u, 0);
    return ue && (ue->roles & (NL_DUR | NL_UNIT | NL_CUR));
}

/* "a"/"an" first: "a dozen", "a million", "a half", "a hundredth", "a third of" */
PX_STEP_FN px_lead_a(px *ps)
{
    const scan *sc = ps->sc;
    nexpr *x = ps->x;
    if (ps->k == 0 && (tok_word(sc, &ps->t, "a") || tok_word(sc, &ps->t, "an"))) {
        nn_tok a;
        tok(sc, ps->t.e, &a);
        const nn_entry *ae = nn_tok_entry(sc, &a, 0);
        if (!ae || a.ws == 2) {
            return PX_STOP;
        }
        if (ae->roles & (NL_SCALE | NL_MULT)) {
            ps->lead_a = true;
            ps->p = ps->t.e;
            return PX_NEXT;
        }
        if (ae->roles & NL_FRAC) {
            /* "a half", "a quarter": the fraction itself; "a half million", "a half-million" */
            nval f = nv_int(1);
            nv_div(&f, ae->frac);
            nn_tok c;
            const nn_entry *ce = frac_scaler(sc, a.e, &c);
            uint32_t oe;
            int sc3;
            if (ce && (ce->roles & NL_SCALE)) {
                f = nn_scaled(f, ce->scale);
                x->scaled = true;
                x->last_scale = ce->scale;
                a.e = c.e;
            } else if (ce) {
                nv_mul(&f, (uint64_t)ce->num); /* "a half dozen", "a half-dozen": six */
                x->v = f;
                x->words = true;
                x->e = c.e;
                x->ntok = 2;
                return PX_TRUE;
            } else if ((sc3 = of_a_scale(sc, a.e, &oe)) != 0) {
                f = nn_scaled(f, sc3); /* "a quarter of a million" */
                x->scaled = true;
                x->last_scale = sc3;
                a.e = oe;
            } else if (half_of_unit(sc, ps->t.s)) {
                return PX_STOP;
            }
            x->v = f;
            x->words = x->fraction = true;
            x->e = a.e;
            x->ntok = 2;
            return PX_TRUE;
        }
        if (ae->roles & NL_ORDSCALE) {
            /* "a hundredth", "a millionth" */
            nval f = nv_int(1);
            f.e = -ae->scale;
            x->v = f;
            x->words = x->fraction = true;
            x->e = a.e;
            x->ntok = 2;
            return PX_TRUE;
        }
        if ((ae->roles & NL_ORD) && ae->num >= 3) {
            /* "a third of", "a fifth" */
            nn_tok c;
            tok(sc, a.e, &c);
            if (tok_word(sc, &c, "of") || a_fraction_alone(sc, ps->t.s, &c)) {
                nval f = nv_int(1);
                nv_div(&f, (uint32_t)ae->num);
                uint32_t oe;
                int sc3 = of_a_scale(sc, a.e, &oe);
                if (sc3) {
                    f = nn_scaled(f, sc3); /* "a third of a million" */
                    x->scaled = true;
                    x->last_scale = sc3;
                    a.e = oe;
                }
                x->v = f;
                x->words = x->fraction = true;
                x->e = a.e;
                x->ntok = 2;
                return PX_TRUE;
            }
        }
        return PX_STOP;
    }
    return PX_PASS;
}

/* The token at ps->p for step ps->k, or PX_STOP when the expression cannot go on. */
PX_STEP_FN px_token(px *ps)
{
    const scan *sc = ps->sc;
    tok(sc, ps->p, &ps->t); /* (a digit first is read before the steps) */
    if (ps->t.kind == TK_END || (ps->k > 0 && ps->t.ws == 2) ||
        (ps->k == 0 && ps->t.s != ps->pos)) {
        return PX_STOP;
    }
    ps->leading_dot = ps->k == 0 && tok_is(sc, &ps->t, ".") && ps->t.e < sc->n &&
                      is_digit(sc->s[ps->t.e]);
    return PX_PASS;
}

/* A word token: its lexicon entry, or PX_STOP when it is glued to the word before. */
PX_STEP_FN px_word(px *ps)
{
    const scan *sc = ps->sc;
    if (ps->t.kind != TK_WORD) {
        return PX_STOP;
    }
    if (ps->k > 0 && !nn_px_word_may(sc->lx, ps->t.hash_lc)) {
        return PX_STOP; /* (the word after most numbers: every step below would pass it) */
    }
    ps->e = nn_tok_entry(sc, &ps->t, 0);
    ps->ecs = NULL;
    if (ps->k > 0 && !ps->t.ws &&
        !(sc->s[ps->t.s - 1] == '-' || (unsigned char)sc->s[ps->t.s - 1] == 0x93)) {
        return PX_STOP; /* glued to a previous word: not ours */
    }
    return PX_PASS;
}

/* One token through the steps, in order. */
PX_STEP_FN px_step(px *ps)
{
    int r;
    if ((r = px_token(ps)) || (r = px_vulgar(ps)) || (r = px_literal(ps)) ||
        (r = px_word_dash(ps)) || (r = px_word(ps)) || (r = px_num_word(ps)) ||
        (r = px_hundred(ps)) || (r = px_scale(ps)) || (r = px_mult(ps)) || (r = px_point(ps)) ||
        (r = px_over(ps)) || (r = px_and(ps)) || (r = px_ordinal(ps)) ||
        (r = px_plural_fraction(ps)) || (r = px_frac_word(ps)) || (r = px_lead_a(ps))) {
        return r;
    }
    return PX_STOP;
}

/* The steps' parse (nn_parse_numexpr_run when px_plain_number cannot decide). PX_LIT_READ in
 * \p flags: px_plain_number has read x's first literal, which ends plainly (x is zero but for
 * it). */
enum { PX_LIT_READ = 2 };
static __attribute__((noinline)) bool parse_steps(const scan *sc, uint32_t pos, int flags,
                                                  nexpr *x, uint64_t w, uint32_t d)
{
    bool lit_read = flags & PX_LIT_READ;
    /* (a copy of a zero object, not memset: GCC clears this 100-byte struct with `rep stos`,
     * whose start-up costs more than the stores) */
    static const nexpr x0;
    if (!lit_read) {
        *x = x0;
        x->s = pos;
    }
    /* (the state's fields one by one: the token and its entries are written by px_token and
     * px_word before any step reads them, and a copy of the whole state cost more) */
    px ps;
    ps.sc = sc;
    ps.x = x;
    ps.flags = flags;
    ps.pos = pos;
    ps.total = nv_int(0);
    ps.cur = nv_int(0);
    ps.have = false;
    ps.lead_a = false;
    ps.last = LK_NONE;
    ps.big = 99;
    ps.p = ps.end = pos;
    ps.e = ps.ecs = NULL;
    int r = PX_NEXT;
    ps.k = 0;
    if (lit_read) {
        px_lit_take(&ps, &x->L); /* (then px_lit_read's plain end: the next token) */
        ps.p = ps.end;
        ps.k = 1;
    } else if (is_digit(sc->s[pos])) {
        /* (a digit first, most calls: its literal read without the token and the steps' tests
         * before px_literal; parse_lit reads the digits itself) */
        r = px_lit_read(&ps, pos, &x->L, w, d);
        ps.k = 1;
    }
    for (; r == PX_NEXT && ps.k < 16; ps.k++) {
        r = px_step(&ps);
    }
    if (r == PX_TRUE || r == PX_FALSE) {
        return r == PX_TRUE;
    }
    if (!ps.have) {
        return false;
    }
    x->v = nv_add(ps.total, ps.cur);
    x->e = ps.end;
    x->single_lit = x->has_lit && x->ntok == 1 && !x->words && !x->scaled && !x->ordinal;
    return true;
}

enum { PLAIN_NO, PLAIN_LIT, PLAIN_DONE };

/* Most numbers (c500: ~12 k of ~14 k digit runs): a digit literal that ends plainly (px_lit_read's
 * "423 people", "41.8,", "8,651 homes") and a token after it that every step passes over after
 * a literal - the end, a line break, digits, a mark but a glued dash, a word the steps' filter
 * turns away. Decided here as the steps decide it (x: the literal alone, single_lit) without
 * their state, loop and frame: PLAIN_DONE. PLAIN_LIT: the literal is read into x (zero but for
 * it) and the token after may go on ("1.61 million"); PLAIN_NO: the steps read from the start.
 * The token after is cut into the token cache, where the steps or nn_finish read it next. */
static inline int px_plain_number(const scan *sc, uint32_t pos, nexpr *x, uint64_t w, uint32_t d)
{
    static const nexpr x0;
    *x = x0;
    x->s = pos;
    if (!parse_lit(sc, pos, &x->L, w, d) || !x->L.v.ok || !lit_ends_plain(sc, x->L.e)) {
        return PLAIN_NO;
    }
    nn_tok t;
    tok(sc, x->L.e, &t);
    if (t.ws != 2 && (t.kind == TK_WORD ? nn_px_word_may(sc->lx, t.hash_lc)
                                        : t.kind == TK_SYM && t.ws == 0 && nn_tok_is_dash(sc, &t))) {
        return PLAIN_LIT; /* (px_word's and px_word_dash's cases) */
    }
    x->v = x->L.v;
    x->e = x->L.e;
    x->has_lit = true;
    x->single_lit = true;
    x->ntok = 1;
    return PLAIN_DONE;
}

/* nn_parse_numexpr_run at a digit. */
static __attribute__((noinline)) bool parse_digits(const scan *sc, uint32_t pos, int flags,
                                                   nexpr *x, uint64_t w, uint32_t d)
{
    int plain = px_plain_number(sc, pos, x, w, d);
    if (plain == PLAIN_DONE) {
        return true;
    }
    return parse_steps(sc, pos, flags | (plain == PLAIN_LIT ? PX_LIT_READ : 0), x, w, d);
}

/* Number expression at pos (a digit, a '.' before digits, or a word): digit literals, number
 * words, scale words and abbreviations, "and", hyphens between words, fractions. (Two tail
 * calls: a word does not pay the digit path's frame.) */
bool nn_parse_numexpr_run(const scan *sc, uint32_t pos, int flags, nexpr *x, uint64_t w,
                          uint32_t d)
{
    if (is_digit(sc->s[pos])) {
        return parse_digits(sc, pos, flags, x, w, d);
    }
    return parse_steps(sc, pos, flags, x, w, d);
}

/* ---- Emission of a number with what follows it ----------------------------------------- */

bool nn_is_year_like(const nexpr *x)
{
    return x->single_lit && x->L.plain && x->L.int_digits == 4 && x->L.ival >= 1000 &&
           x->L.ival <= 2099 && !x->glued_e;
}

bool nn_small_int(const nval *v, uint64_t max)
{
    return v->ok && v->den == 1 && v->e >= 0 && nv_double(*v) <= (double)max;
}
