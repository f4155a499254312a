#ifndef NF_PIPELINE_STAGES_NUMBERS_INTERNAL_H
#define NF_PIPELINE_STAGES_NUMBERS_INTERNAL_H

/* Private to the scanner files of the numbers stage (scan.c, rules.c, numexpr.c, calendar.c,
 * dates.c): the scanner state, the token cache and the functions they share. */

#include "pipeline/stages/numbers/numbers.h"
#include "pipeline/stages/numbers/value.h"

#include "common/arena.h"
#include "common/doc.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ---- Scanner state --------------------------------------------------------------------- */

/* Parsers look at the same few tokens again and again (what follows a number is read by each
 * of the readers that try it in turn): a small cache of tokens by query position. The slot of
 * a position (and of a token start in the entry cache) is its low bits: the tokens asked
 * around one number lie a few bytes apart, so they fill distinct slots as well as a mixed
 * position would (c500: 58 836 misses against 59 190 with pos ^ pos >> 4), two instructions
 * less on every ask. */
#define TOKC_SIZE 16

#define ENTC_SIZE 16

#define CHAIN_SIZE 4

#define CHAIN_MAX 16

#define PREVC_SIZE 8

typedef struct tokc {
    uint32_t pos[TOKC_SIZE];  /* query position, all ones = empty (no field is 4 GB long) */
    nn_tok t[TOKC_SIZE];
    /* Lexicon entries of single tokens by token start (tok_entry). */
    uint64_t espan[ENTC_SIZE];             /* nn_tok_span of the token (all ones = empty) */
    uint8_t ehave[ENTC_SIZE];              /* 1: eci looked up, 2: ecs looked up */
    const nn_entry *eci[ENTC_SIZE], *ecs[ENTC_SIZE];
    /* lex_longest's chain of keys at a position: the entries (as written, lower-cased) of
     * the keys made of its first 1, 2, ... tokens, as long as one of them is a prefix. */
    uint32_t cpos[CHAIN_SIZE];             /* position + 1, 0 = empty */
    uint8_t cn[CHAIN_SIZE];
    uint32_t croles[CHAIN_SIZE];           /* all roles of the chain's entries (a quick no) */
    const nn_entry *cc[CHAIN_SIZE][CHAIN_MAX], *cl[CHAIN_SIZE][CHAIN_MAX];
    uint32_t cend[CHAIN_SIZE][CHAIN_MAX];
    /* nn_prev_word by position: the word before a number is asked for by lookback_mod and by
     * several rules (names, years, "between"). */
    uint32_t ppos[PREVC_SIZE];             /* position + 1, 0 = empty */
    bool pok[PREVC_SIZE];
    nn_tok pt[PREVC_SIZE];
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
    uint32_t score_end;       /* end of the last score (dg_score), 0 = none: sets follow it */
    uint32_t band_end;        /* end of the last age band (rule decade), 0 = none */
    bool title_case;          /* most words capitalised: capitals say nothing about names */
    const char *country;      /* dateline country, may be NULL */
    int py, pm, pd;           /* published date; py == 0 when unknown */
    /* The code the last ambiguous currency resolved to ("$" in a dateline country): a field's
     * amounts are mostly of one class, and the country's row is looked for once. */
    int32_t cur_class;        /* its class + 1, 0 = none yet */
    const char *cur_code;
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

/* The literal's length is a constant: no strlen per comparison. */
#define tok_is(sc, t, lit) tok_is_n((sc), (t), "" lit, sizeof(lit) - 1)

#define tok_word(sc, t, lit) tok_word_n((sc), (t), "" lit, sizeof(lit) - 1)

typedef struct lexm {
    const nn_entry *e;        /* best entry with one of the wanted roles */
    uint32_t end;             /* end of its last token */
    uint8_t ntok;             /* tokens matched */
} lexm;

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
    int32_t fden;             /* a written plural fraction ("thirty-two fifths"): its
                               * denominator (negative: a power of ten), for "and"; else 0 */
} nexpr;

enum { PX_MONEY = 1 }; /* (numexpr.c keeps 2 for itself: PX_LIT_READ) */

typedef struct curm {
    const nn_entry *e;
    uint32_t s, end;
    int8_t scale;             /* "MUSD", "kEUR": the code carries a scale (power of ten) */
} curm;

/* The token cache's miss path (scan.c). */
void nn_tok_miss(const scan *sc, uint32_t pos, nn_tok *t);

/* ---- Small character helpers ----------------------------------------------------------- */

/* What a minor currency unit (CK_MINOR) divides the amount by: 100 ("cents", "pence"), 10 for
 * a tenth (currency_forms.tsv flag tenth: "jiao"). */
static inline uint32_t nn_minor_div(const nn_entry *e)
{
    return (e->cur_flags & CF_TENTH) ? 10 : 100;
}

static inline bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* ---- Digit runs, eight bytes at a time ----------------------------------------------------
 *
 * Every number starts with a run of digits that the digit-group reader and the literal parser
 * read; most runs are short. Read as one 64-bit word, the run's length is the position of the
 * first byte that is no digit (a count of trailing zeros) and its value three multiplications,
 * with no branch per digit to mispredict at the run's end. */

/* The ASCII digits that start the eight bytes \p v (little-endian): 0..8. */
static inline uint32_t nn_swar_digits(uint64_t v)
{
    /* the high bit of each byte that is below '0' (v - '0' wraps), above '9' (v + 0x46 passes
     * 0x7f) or not ASCII; borrows and carries only reach the bytes after the first such byte */
    uint64_t no = (v | (v + 0x4646464646464646ull) | (v - 0x3030303030303030ull)) &
                  0x8080808080808080ull;
    return no ? (uint32_t)__builtin_ctzll(no) >> 3 : 8;
}

/* The value of the first \p d (1..8) digits of \p v, as nn_swar_digits counted them. */
static inline uint64_t nn_swar_value(uint64_t v, uint32_t d)
{
    /* the digits' values moved to the high bytes, zeros before them: "00012345" */
    uint64_t x = (v - 0x3030303030303030ull) << (8 * (8 - d));
    x = x * 10 + (x >> 8);
    return ((x & 0x000000FF000000FFull) * 0x000F424000000064ull +
            ((x >> 16) & 0x000000FF000000FFull) * 0x0000271000000001ull) >> 32;
}

/* Eight bytes of \p s at \p p in the order of the text, when the field has them. */
static inline bool nn_load8(const char *s, uint32_t n, uint32_t p, uint64_t *v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (p <= n && n - p >= 8) {
        memcpy(v, s + p, 8);
        return true;
    }
#else
    (void)s;
    (void)n;
    (void)p;
    (void)v;
#endif
    return false;
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

#if defined(__SSE2__)
/* The ASCII letters of sixteen bytes as a bit mask (bit k: byte k). One add and one signed
 * compare: lower-cased (| 0x20), 'a'..'z' move to -128..-103 and no other byte does (bytes
 * >= 0x80 become 0xA0..0xFF, then -65..30); two compares and an and cost three instructions
 * more, and the byte loop pays them at every word. */
static inline uint32_t nn_letter_mask16(__m128i v)
{
    __m128i x = _mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(0x1F));
    return (uint32_t)_mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8(-128 + 26)));
}
#endif

/* nn_letters_before in general: the blanks one by one, the letters sixteen bytes at a time. */
static inline uint32_t nn_letters_before_loop(const scan *sc, uint32_t pos, uint32_t *start)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    uint32_t i = pos;
    while (i > 0 && (u[i - 1] == ' ' || u[i - 1] == '\t')) {
        i--;
    }
    uint32_t end = i;
    uint32_t lim = end > 40 ? end - 40 : 0; /* (at most 40 letters) */
#if defined(__SSE2__)
    /* sixteen bytes at a time, backwards: this runs for most numbers (lookback_mod) */
    while (i >= lim + 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i - 16));
        uint32_t non = ~nn_letter_mask16(v) & 0xFFFFu;
        if (non) {
            *start = i - 16 + (uint32_t)(32 - __builtin_clz(non));
            return end;
        }
        i -= 16;
    }
#endif
    while (i > lim && is_alpha((char)u[i - 1])) {
        i--;
    }
    *start = i;
    return end;
}

/* The run of ASCII letters (at most 40) that ends before \p pos, over blanks (spaces, tabs):
 * [*start, end); @returns end (== *start when no letter is there). The word before a number,
 * found without cutting tokens (nn_finish, nn_prev_word, lookback_mod): for most numbers
 * ("said 12", "in 2020") the blanks and the word lie in the sixteen bytes before \p pos, read
 * by one load as two masks (blanks, letters); the general reader loops over the blanks first,
 * a loop whose exit mispredicts by their count. */
static inline uint32_t nn_letters_before(const scan *sc, uint32_t pos, uint32_t *start)
{
#if defined(__SSE2__)
    if (pos >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(sc->s + pos - 16));
        uint32_t letter = nn_letter_mask16(v);
        uint32_t blank = (uint32_t)_mm_movemask_epi8(_mm_or_si128(
            _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))));
        uint32_t kept = ~blank & 0xFFFFu;
        if (kept) {
            uint32_t top = (uint32_t)(31 - __builtin_clz(kept)); /* the last byte no blank */
            uint32_t nonl = ~letter & ((2u << top) - 1);         /* no letter, up to it */
            if (nonl) { /* (else the word may go on before the sixteen bytes) */
                *start = pos - 16 + (uint32_t)(32 - __builtin_clz(nonl));
                return pos - 16 + top + 1;
            }
        }
    }
#endif
    return nn_letters_before_loop(sc, pos, start);
}

/* The token at or after pos (nn_tok_next through the cache). */
static inline void tok(const scan *sc, uint32_t pos, nn_tok *t)
{
    uint32_t k = pos & (TOKC_SIZE - 1);
    if (sc->tc->pos[k] == pos) {
        *t = sc->tc->t[k];
        return;
    }
    nn_tok_miss(sc, pos, t);
}

/* Into the cache, the token \p t a caller cut at its own start as tok() would: an ASCII word
 * whose letters end before an ASCII byte or the end (nn_tok_ascii's token). */
static inline void nn_tok_put_word(const scan *sc, const nn_tok *t)
{
    if (t->kind == TK_WORD && t->ws == 0 && (t->e >= sc->n || (unsigned char)sc->s[t->e] < 0x80)) {
        uint32_t k = t->s & (TOKC_SIZE - 1);
#ifndef NDEBUG
        nn_tok cut; /* (the token must be the one a cut at its start gives) */
        nn_tok_next(sc->s, sc->n, t->s, &cut);
        assert(memcmp(&cut, t, sizeof cut) == 0);
#endif
        sc->tc->pos[k] = t->s; /* (the key is the position itself, as tok() asks) */
        sc->tc->t[k] = *t;
    }
}

static inline bool tok_is_n(const scan *sc, const nn_tok *t, const char *w, size_t l)
{
    return t->kind != TK_END && t->e - t->s == l && memcmp(sc->s + t->s, w, l) == 0;
}

/* The end of an apostrophe and "s" at p ("1960's", "60’s", the possessive "next week's") with
 * no letter or digit after, else 0. */
static inline uint32_t nn_apostrophe_s_end(const scan *sc, uint32_t p)
{
    uint32_t q = p + 1; /* past "'" */
    if (p >= sc->n) {
        return 0;
    }
    if (p + 3 < sc->n && (unsigned char)sc->s[p] == 0xE2 && (unsigned char)sc->s[p + 1] == 0x80 &&
        (unsigned char)sc->s[p + 2] == 0x99) {
        q = p + 3; /* past U+2019 */
    } else if (sc->s[p] != '\'') {
        return 0;
    }
    return q < sc->n && lower(sc->s[q]) == 's' && (q + 1 == sc->n || !is_alnum(sc->s[q + 1]))
               ? q + 1
               : 0;
}

/* The cues.tsv flags (CUEF_*) \p flag of the word \p w: true when it has one of them. */
static inline bool nn_word_flag(const scan *sc, const nn_tok *w, nn_cueflags flag)
{
    const nn_cue *c = nn_cue_slot(sc->lx, sc->s + w->s, w->e - w->s);
    return c && (c->flags & flag);
}

/* Case-insensitive comparison of an ASCII word token. */
static inline __attribute__((always_inline)) bool tok_word_n(const scan *sc, const nn_tok *t, const char *w, size_t l)
{
    if (t->kind != TK_WORD || t->e - t->s != l) {
        return false;
    }
    for (size_t k = 0; k < l; k++) {
        if (lower(sc->s[t->s + k]) != w[k]) {
            return false;
        }
    }
    return true;
}

static inline bool nn_tok_is_dash(const scan *sc, const nn_tok *t)
{
    return tok_is(sc, t, "-") || tok_is(sc, t, "\xE2\x80\x93"); /* hyphen, en dash */
}

/* Count rule \p i of a rule table whose counters start at \p base in the pipeline's per-worker
 * counters (--stats), if any. @returns \p out, so that a table's caller writes
 * `return nn_count(sc, base, i, out);`. */
static inline uint32_t nn_count(scan *sc, size_t base, int i, uint32_t out)
{
    if (sc->doc->counters) {
        sc->doc->counters[base + (size_t)i]++;
    }
    return out;
}

/* A token's span as one value: one compare for the entry cache's slot (the two adjacent fields
 * are read as one load). A token has s < e, or s == e at the end: never all ones. */
static inline uint64_t nn_tok_span(const nn_tok *t)
{
    return (uint64_t)t->e << 32 | t->s;
}

/* Lexicon entry of a single token: case-insensitive (cs = 0) or as written (cs = 1). Always
 * inline: nn_finish asks it ~20 times per number, and the compiler's inlining budget for
 * rules.c took it out of line there whenever a rule grew (+0.5% instructions, s8-nacc3). */
static inline __attribute__((always_inline)) const nn_entry *nn_tok_entry(const scan *sc, const nn_tok *t,
                                                                     int cs)
{
    size_t len = t->e - t->s;
    if (t->kind == TK_END || t->kind == TK_DIGITS || len > 48) {
        return NULL;
    }
    const char *p = sc->s + t->s;
    tokc *c = sc->tc;
    uint32_t k = t->s & (ENTC_SIZE - 1);
    uint64_t span = nn_tok_span(t);
    if (c->espan[k] != span) {
        c->espan[k] = span;
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
        c->eci[k] = nn_lex_get_tok(sc->lx, sc->s, t);
        c->ehave[k] |= 1;
    }
    return c->eci[k];
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
int64_t nn_days_from_civil(int64_t y, unsigned m, unsigned d);

void nn_civil_from_days(int64_t z, int *y, int *m, int *d);

/* 1 = Monday .. 7 = Sunday */
int nn_weekday_of(int64_t days);

int nn_days_in_month(int y, int m);

bool nn_have_pub(const scan *sc);
bool nn_unanchored(const scan *sc);
const char *nn_ref_text(scan *sc, int64_t n, char unit, int pick);
const char *nn_ref_weekday(scan *sc, const char *op, int wd);

/* Year for a month (and day) written without one: the year that puts the date closest to the
 * publication date (ties go to the past). 0 when the publication date is unknown. */
int nn_infer_year(const scan *sc, int m, int d);

/* infer_year for a month-day date at [s, e) read with the tense of its sentence (tense_at): in
 * past-tense reporting it is the most recent such day (the publication day included), in a
 * sentence about the future the next one (the publication day included); no cue: infer_year.
 * A date up to a week on the other side keeps the closest reading: datelines ("PERTH, June 5
 * - Australia will ban...") and reporting lag are not the verb's tense. */
int nn_infer_year_tense(const scan *sc, int m, int d, uint32_t s, uint32_t e);

const char *nn_date_text(scan *sc, int y, int m, int d);

/* "A/B": the interval of two nn_date_text values ("2024-01/2024-04", "2024-05-03/2024-05-05"). */
const char *nn_date_span_text(scan *sc, int y1, int m1, int d1, int y2, int m2, int d2);

void nn_iso_week(int64_t days, int *wy, int *wn);

bool nn_emit_date(scan *sc, uint32_t s, uint32_t e, const char *vtext);
/** @brief nn_emit_date with a modifier (MOD_*: "a few days ago" MOD_APPROX). */
bool nn_emit_date_mod(scan *sc, uint32_t s, uint32_t e, const char *vtext, uint8_t mod);

/* A year after a month or day: 4 digits 1000..2999 standing alone. */
bool nn_read_year(const scan *sc, uint32_t pos, int *year, uint32_t *end);

/* After a complete day-month: optional ", YYYY" / " YYYY" / " of YYYY", the year also in words
 * (", nineteen zero one", " two thousand and eighteen"). */
void nn_opt_year(const scan *sc, uint32_t *end, int *year);
/* The year of a two-digit year ("'16", "FY24"): near the publication year; 0 without it. */
int nn_year_of_two(const scan *sc, int yy);
/* A fiscal year whose year starts at \p i ("FY2024", "fiscal 2025", "fiscal year 2024",
 * "FY24-25"; \p pw the word before and \p pr its roles, NULL when glued): emitted with its
 * fiscal words; @returns its end, 0 when it is none. */
uint32_t nn_fiscal_year(scan *sc, uint32_t i, const nn_tok *pw, uint32_t pr);
/* A quick no before nn_fiscal_year: \p pw (roles \p pr) is no year word ("year": a relunit)
 * and its first letter and length are no fiscal word's (nn_lex.fiscalfl). */
/* True when the token after \p p, as tok() would cut it, is surely no word after blanks whose
 * lower-case entry is a key of nn_lex.rw2 (a month, weekday or unit of time): the end, a digit
 * or ASCII punctuation, or ASCII letters whose first two have no bit there. False when it may
 * be one, or when the bytes are other (the caller reads the token). */
static inline bool nn_word_after_idle(const scan *sc, uint32_t p)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    uint32_t n = sc->n;
    while (p < n && (u[p] == ' ' || u[p] == '\t')) {
        p++;
    }
    if (p >= n) {
        return true;
    }
    unsigned char c = u[p];
    if (!is_alpha((char)c)) {
        /* (digits and ASCII punctuation are no word; control bytes and bytes of other
         * scripts are left to the token layer) */
        return c > ' ' && c < 0x7F;
    }
    unsigned char d = p + 1 < n ? u[p + 1] : ' ';
    uint32_t bit = is_alpha((char)d) ? ((d | 0x20) - 'a') : d < 0x80 ? 26 : 32;
    return bit < 32 && !((sc->lx->rw2[(c | 0x20) - 'a'] >> bit) & 1u);
}

/* False when the token after \p p (over blanks) is a run of ASCII letters whose first letter
 * has no bit in \p first (bit letter - 'a'); true otherwise. */
static inline bool nn_next_letter_in(const scan *sc, uint32_t p, uint32_t first)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    while (p < sc->n && (u[p] == ' ' || u[p] == '\t')) {
        p++;
    }
    return p >= sc->n || !is_alpha((char)u[p]) || ((first >> ((u[p] | 0x20) - 'a')) & 1u);
}

/* False when the word nn_prev_word finds before \p pos (ASCII letters, over blanks) is there
 * and its last letter has no bit in \p last, or when there is none; true otherwise. */
static inline bool nn_prev_letter_in(const scan *sc, uint32_t pos, uint32_t last)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    while (pos > 0 && (u[pos - 1] == ' ' || u[pos - 1] == '\t')) {
        pos--;
    }
    return pos > 0 && is_alpha((char)u[pos - 1]) && ((last >> ((u[pos - 1] | 0x20) - 'a')) & 1u);
}

static inline bool nn_fiscal_maybe(const scan *sc, const nn_tok *pw, uint32_t pr)
{
    unsigned char f = (unsigned char)(sc->s[pw->s] | 0x20);
    uint32_t len = pw->e - pw->s;
    return (pr & NL_RELUNIT) ||
           (f >= 'a' && f <= 'z' && ((sc->lx->fiscalfl[f - 'a'] >> (len < 31 ? len : 31)) & 1u));
}
/* Where fiscal words before the year at \p i start ("fiscal 2024-25"), \p i when none. */
uint32_t nn_fiscal_before(const scan *sc, uint32_t i);
/* "the 12 months to June": \p nu months up to the month (day) after the range_to word \p a;
 * emitted as one interval; @returns its end, 0 when it is none. */
uint32_t nn_months_to(scan *sc, uint64_t nu, uint32_t ms, const nn_tok *a, const nn_tok *b,
                      bool weeks);
/** @brief The date-link flags (cues.tsv year_link, range_open, range_and: CUEF_YEAR_LINK, ...) of a
 * word token, 0 when none. */
nn_cueflags nn_date_link(const scan *sc, const nn_tok *t);
/** @brief \p t is a word of the grammar, no noun or adjective: an article, determiner,
 *  preposition, possessive, pronoun or particle (words.tsv det, prep, func roles; cues.tsv
 *  np_det, poss, after_verb; calendar.c). */
bool nn_grammar_word(const scan *sc, const nn_tok *t);
/** @brief The year of a month named alone after the date preposition \p prep, by the verbs
 *  (calendar.c). */
int nn_month_year_tense(const scan *sc, int m, const nn_tok *prep, uint32_t s, uint32_t e);
/** @brief After a month: " last year", " of next year": sets \p *year and moves \p *end. */
bool nn_opt_rel_year(const scan *sc, uint32_t *end, int *year);
/* Days \p d1..\p d2 of month \p mo of year \p y (0: XXXX) as one DATE interval over [s, e);
 * false (nothing emitted) when the month has no day d2 or d2 <= d1. */
bool nn_emit_day_range(scan *sc, uint32_t s, uint32_t e, int y, int mo, int d1, int d2);
/* After a day and month joined by \p sep ('-' or '/'): the year joined by the same sign,
 * "10-Oct-2015", "Oct/10/2015"; moves \p end past it. */
bool nn_joined_year(const scan *sc, uint32_t *end, char sep, int *year);

bool nn_read_day(const scan *sc, uint32_t pos, int *day, uint32_t *end);

/* A year in words at pos: "nineteen ninety-nine", "nineteen zero one", "twenty twenty-one",
 * "nineteen hundred", "two thousand", "two thousand and five". \p century_only: only the
 * "nineteen ninety-nine" form (a count such as "two thousand" is likelier there). Only when
 * no word follows ("two thousand people" is a count). */
bool nn_read_year_words(const scan *sc, uint32_t pos, bool century_only, int *year,
                            uint32_t *end);

const char *nn_dur_text(scan *sc, const nexpr *x, const char *dur);

/* A weekday right before a date that starts at pos ("Monday, 28 November"): the mention
 * starts there. */
uint32_t nn_weekday_before(const scan *sc, uint32_t pos);
/* A date [s, e) that opened a bracket after its weekday ("Friday (June 14"): e past the ")"
 * that closes it, else e. */
uint32_t nn_close_bracket(const scan *sc, uint32_t s, uint32_t e);
/* the modifier words right before pos ("about", "nearly", "more than"): a MOD_ value, or 0 */
uint8_t nn_lookback_mod(const scan *sc, uint32_t pos);
/** @brief The ISO code of the currency entry \p e: its code, or its class's for the field's
 * country (else the class default). */
const char *nn_resolve_currency(scan *sc, const nn_entry *e);

/* "N units ago": the publication date moved back, at the unit's precision. */
const char *nn_ago_text(scan *sc, uint64_t nunits, const char *dur);
/* The publication date moved by n units (negative: back), at the unit's precision. */
const char *nn_shift_text(scan *sc, int64_t n, const char *dur);
/* "within N units" from publication: the ISO 8601 interval of days, or NULL (no published_at,
 * or a unit other than 'D', 'W', 'M', 'Y'). */
const char *nn_within_text(scan *sc, int64_t n, char unit);
/* A future sentence around the relative date at [s, e): a future cue before it in its sentence
 * (nn_future_cue), or, for a date that opens the sentence, the tense read from the verbs after
 * it (nn_tense_at). */
bool nn_future_at(const scan *sc, uint32_t s, uint32_t e);

/* Calendar units of a duration unit ("Y", "M", "W", "D"), 0 for others. */
int nn_cal_unit(const char *dur);

/* True when the sentence before \p pos has a future cue (data/numbers/tense.tsv): "will",
 * "due", "scheduled"... makes "in 3 weeks" a date. */
bool nn_future_cue(const scan *sc, uint32_t pos);

/* Which way a relative date at [s, e) points: the nearest tense cue before it in its sentence
 * decides ("Ecuador will import ..., the minister said on Thursday": past), else the first one
 * after it ("On Friday, the board will vote": future). +1 future, -1 past, 0 when the sentence
 * says nothing. */
int nn_tense_at(const scan *sc, uint32_t s, uint32_t e);
/** @brief nn_tense_at for a weekday at [s, e): verbs of schedule in the present ("opens",
 * "meets"; cues.tsv schedule) are future cues too ("The museum opens on Monday"). */
int nn_tense_at_weekday(const scan *sc, uint32_t s, uint32_t e);
/** @brief nn_tense_at's backward half: the nearest tense cue before \p s only, 0 when none. */
int nn_tense_before(const scan *sc, uint32_t s);
/** @brief The year and month of a day without a month ("on the 23rd" at s): the publication
 * month, moved by the verb before it when \p move (calendar.c); false when it has no such day. */
bool nn_infer_month_tense(const scan *sc, int d, uint32_t s, bool move, int *y, int *m);

/* Exactly three digits at p, not followed by another digit. */
bool nn_three_digits(const scan *sc, uint32_t p);

/* Unicode vulgar fractions: "½" -> 1/2. */
bool nn_vulgar_fraction(uint32_t cp, int *num, int *den);

bool nn_is_ord_suffix(const scan *sc, const nn_tok *w);
/* The end of a from-the-end tail after the ordinal \p x ("second to last"), 0 when none
 * (rules.c). */
uint32_t nn_from_end(scan *sc, const nexpr *x);

/* Plural of an ordinal used as a denominator: "thirds", "fifths", "quarters" -> denominator. */
int nn_plural_ordinal(const scan *sc, const nn_tok *t);

/* nn_parse_numexpr at a digit run that the caller read: \p w the eight bytes at pos, \p d
 * (1..7) the digits that start them, or 0 when the caller read none (on_digits, which reads
 * the run for the digit groups first: the literal reader starts from them). */
bool nn_parse_numexpr_run(const scan *sc, uint32_t pos, int flags, nexpr *x, uint64_t w,
                          uint32_t d);

/* Number expression at pos (a digit, a '.' before digits, or a word): digit literals, number
 * words, scale words and abbreviations, "and", hyphens between words, fractions. */
static inline bool nn_parse_numexpr(const scan *sc, uint32_t pos, int flags, nexpr *x)
{
    return nn_parse_numexpr_run(sc, pos, flags, x, 0, 0);
}

bool nn_is_year_like(const nexpr *x);

bool nn_small_int(const nval *v, uint64_t max);

/* A currency form at pos. \p prefix: before the amount (codes and symbols only);
 * \p strong: the amount has decimals or a scale (lets "wordlike" codes such as ALL count). */
bool nn_match_currency(const scan *sc, uint32_t pos, bool prefix, bool strong, curm *cm);
/* Whether the word \p t, one blank after what came before it, is a minor currency unit
 * (CK_MINOR: "cents", "pence", "jiao"); its match in *cm (may be NULL). rules.c. */
bool nn_minor_unit(const scan *sc, const nn_tok *t, curm *cm);

/* Skip an identifier run (letters, digits, hyphens, dots between digits): "G20", "COVID-19",
 * "A320neo", "F-16", "192.168.1.1". */
uint32_t nn_skip_ident(const scan *sc, uint32_t i);

/* The mention for a number expression \p x, given what follows it. \p pre: a currency read
 * before the amount (may be NULL); \p ms: where the mention starts (the currency, a minus sign).
 * @returns where scanning continues. */
uint32_t nn_finish(scan *sc, nexpr *x, const curm *pre, uint32_t ms, bool neg);

/* Digits at p (at most max_len of them), by hand. @returns how many, 0 when none or more. */
int nn_read_digits(const scan *sc, uint32_t p, int max_len, int *value);

/* Month and day written with digits at pos, without a year: "7/6", "4-22", "4.22", "22/04"
 * (one or two digits each, '/' '-' or '.' between, nothing glued after that would make it a
 * decimal, a version or a full date). A day above 12 decides the order, else date_order.
 * \p ambiguous: both parts could be the month. @returns the end, 0 when it is no such date. */
uint32_t nn_numeric_md(const scan *sc, uint32_t pos, int *mo, int *d, bool *ambiguous);

/* "2019-sep-1", "2019/Sep/01": year, month name, day with the same separator. @returns the end
 * after emitting the date, or 0. */
uint32_t nn_year_monthname_day(scan *sc, uint32_t i);

/* Month names: "November 28", "Nov. 3", "November 28, 2023", "March 2024", "March 3-5",
 * "in November", "last March". \p s0: where the mention starts (a weekday or "last" before). */
uint32_t nn_try_month(scan *sc, const nn_tok *mt, const nn_entry *e, uint32_t s0, int rel);

/* Weekdays: "Monday, November 28" (the date), "on Monday" (resolved from published_at when
 * relative dates are on: the last such day on or before the publication date, or the next
 * one after it when the sentence speaks of the future), "last Monday", "next Friday". */
uint32_t nn_try_weekday(scan *sc, const nn_tok *wt, const nn_entry *e, uint32_t s0, int rel);

/* "last year", "this month", "next week", "last Monday", "last March". */
uint32_t nn_try_relmod(scan *sc, const nn_tok *rt, const nn_entry *e);

/* "the first Friday of July", "the third Wednesday of next month", "second Sunday" (of the
 * publication month): the Nth such weekday of that month. Needs published_at for the year
 * (or the month); without it nothing is annotated (a relative date). @returns the end or 0. */
uint32_t nn_nth_weekday(scan *sc, const nexpr *x, uint32_t ms);
uint32_t nn_last_weekday(scan *sc, const nn_tok *last);

/* Today, yesterday, tomorrow (from published_at). */
uint32_t nn_try_rel(scan *sc, const nn_tok *t, const nn_entry *e);

/* The unit of time after "a"/"an" (nn_a_unit): "a year", "a couple of days", "a few weeks".
 * Read once at the article and handed to the readers of such phrases (nn_try_a_ago,
 * nn_try_in_a), which all start from it. */
typedef struct nn_aunit {
    const nn_entry *e; /* the unit's entry (NL_DUR), or NULL: no unit of time after it */
    nn_tok a;          /* the unit's token */
    int n;             /* how many: 1, 2 ("a couple of", "a fortnight"), 3 ("a few") */
    bool approx;       /* "a few": approximately */
} nn_aunit;
void nn_a_unit(scan *sc, const nn_tok *t, nn_aunit *u);

/* "a year ago", "a week ago" (\p u: the unit after the article \p t) */
uint32_t nn_try_a_ago(scan *sc, const nn_tok *t, const nn_aunit *u);
/* "two years from now", "three months from today" after the number expression \p x and its
 * unit \p te (\p a: the token after the unit): the date, from \p ms; its end or 0. */
uint32_t nn_from_now(scan *sc, const nexpr *x, const nn_entry *te, uint32_t ms, const nn_tok *a);
/* "3 days from Friday", "two weeks after Monday": days or weeks (\p te) from (\p a) a bare
 * weekday (\p b), with published_at; its end or 0. */
uint32_t nn_units_from_weekday(scan *sc, const nexpr *x, const nn_entry *te, uint32_t ms,
                               const nn_tok *a, const nn_tok *b);
/* "2 days from tomorrow", "a week from now", "two days before yesterday": \p nu days or weeks
 * (\p te) from (\p a) a relative day or "now" (\p b); emits the day (REF+P… without
 * published_at) and returns the end, or 0. */
uint32_t nn_units_from_relday(scan *sc, uint64_t nu, const nn_entry *te, uint32_t ms,
                              const nn_tok *a, const nn_tok *b);
/* Where the sentence before the one at \p pos begins (the bounded look-back of the tense
 * reader: 240 bytes a sentence). */
uint32_t nn_prev_sentence_begin(const scan *sc, uint32_t pos);
/* "the first day of next month", "the last day of July" (dates.c): day \p day (-1: the last)
 * of the period after "of" at \p of_s, one DATE from \p s0; its end, or 0. */
uint32_t nn_day_of_period(scan *sc, uint32_t s0, uint32_t of_s, int day, bool work);
/* "the next day", "the day before" (dates.c): \p t is "day". */
uint32_t nn_try_relday(scan *sc, const nn_tok *t);
/* "the weekend", "this weekend", "last weekend", "next weekend" (\p t: "weekend"): Saturday and
 * Sunday, an interval (dates.c); its end, or 0 when no such phrase (nothing emitted). */
uint32_t nn_try_weekend(scan *sc, const nn_tok *t);
/* A fixed-day holiday whose name ends at \p t (entry \p e: NL_HOLEND): "Christmas Day", "New
 * Year's Eve 1999", "Halloween"; its end, or 0 (dates.c). */
uint32_t nn_try_holiday(scan *sc, const nn_tok *t, const nn_entry *e);
/* "in a week", "within a month" in a sentence about the future (dates.c; \p u as for
 * nn_try_a_ago). */
uint32_t nn_try_in_a(scan *sc, const nn_tok *t, const nn_aunit *u);

void nn_emit(scan *sc, const ment *m);
/* A mention of text value \p vtext and modifier \p mod only, no number, unit, currency or
 * rate (a DATE, a TIME): nn_emit's record without a ment built for it (one a date). */
void nn_emit_text(scan *sc, uint32_t s, uint32_t e, const char *label, const char *vtext,
                  uint8_t mod);

/* A score or a vote's tally [s, e): one CARDINAL without a value ("beat Denmark 3-2", "a 2-to-1
 * margin"; docs/numbers.md, sports scores). */
void nn_emit_score(scan *sc, uint32_t s, uint32_t e);
/** @brief True when a word of a vote tally (cues.tsv flag tally) or a result word comes before
 * the falling pair of counts at \p pos ("ruled 7-to-2", "by a vote of 60-to-40", "beat Denmark
 * 3-to-2"), or "and" right after a score (scan.c, cue_before). */
bool nn_tally_before(const scan *sc, uint32_t pos);

const char *nn_arena_printf(scan *sc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Longest key with one of \p roles starting with the token at \p pos (no line breaks inside).
 * Tries the case-sensitive and the lower-cased key at every length. */
bool nn_lex_longest(const scan *sc, uint32_t pos, uint32_t roles, lexm *out);
/* The union of the roles of every key nn_lex_longest can find at \p pos (0: it finds none). */
uint32_t nn_lex_roles(const scan *sc, uint32_t pos);

/* The word token that ends right before \p pos (only blanks between, no line break). */
bool nn_prev_word(const scan *sc, uint32_t pos, nn_tok *t);

/* Roles of the word right before pos (0 when none). */
uint32_t nn_prev_roles(const scan *sc, uint32_t pos, nn_tok *t);

/* True when pos begins a sentence: start of field or line, or after . ! ? : ; and opening
 * quotes or brackets. */
bool nn_sentence_start(const scan *sc, uint32_t pos);

/* True when the byte at \p i ends a sentence: '!', '?', a line break, or a '.' that is not
 * inside a number or an abbreviation ("9.8", "U.S": a letter or digit right after it). */
static inline bool nn_sentence_end_at(const scan *sc, uint32_t i)
{
    char c = sc->s[i];
    if (c == '!' || c == '?' || c == '\n') {
        return true;
    }
    return c == '.' && !(i + 1 < sc->n && is_alnum(sc->s[i + 1]));
}

/** @brief \p s moved back over a "the" right before it (and after the last mention): DATE
 * spans of periods include it ("the fourth quarter", "the 1990s"). */
uint32_t nn_with_the(const scan *sc, uint32_t s);

/**
 * @brief Emit a DATE for the months [m1, m2] (a quarter, a half, "January-October") from \p s
 * to \p e, value "YYYY-MM/YYYY-MM". The year is the one written after it (", 2023", " 2023",
 * " of 2023"; the span then ends after it); else, with published_at, the one the verbs point
 * to (nn_tense_at): in a sentence about the future the first such interval that has not ended,
 * else the latest that has begun; else XXXX. @returns the end of the mention.
 */
uint32_t nn_emit_months(scan *sc, uint32_t s, uint32_t e, int m1, int m2);

/* ---- Rules (rules.c) ---------------------------------------------------------------------- */

typedef struct fin fin;       /* the mention being built (rules.c) */

/* A named rule of nn_finish: decides the mention for a number expression (NN_DONE, with where
 * scanning continues in *end) or passes (0). */
typedef struct nn_rule {
    const char *name;         /* short, unique: the --stats and golden-case name */
    const char *doc;          /* one line with examples */
    int (*fn)(fin *f, uint32_t *end);
} nn_rule;

/* One ordered list of named rules, X(name, doc) (or X(name, more, doc): only the name is read
 * here), as an enum and its names: ITEM(name, doc) is the list's enum item ("NN_DG_##name,"), N
 * the enum's count, fn() gives the rules' names in list order - without the --stats prefix,
 * which stage.c adds once where it registers the counters ("dg_", "nw_", "word_", "mo_", "wk_"). */
#define NN_RULE_NAME_STR(name, ...) #name,
#define NN_RULE_LIST_ENUM(LIST, ITEM, N)                                                           \
    enum { LIST(ITEM) N };
#define NN_RULE_LIST_NAMES(LIST, ITEM, N, fn)                                                      \
    NN_RULE_LIST_ENUM(LIST, ITEM, N)                                                               \
    size_t fn(const char *const **names)                                                           \
    {                                                                                              \
        static const char *const NAMES[N] = {LIST(NN_RULE_NAME_STR)};                              \
        *names = NAMES;                                                                            \
        return N;                                                                                  \
    }

/** @brief The names of try_digit_groups' readers ("ymd"...; scan.c; --stats "dg_ymd"). */
size_t nn_dg_names(const char *const **names);

/** @brief The names of try_words' rules ("in_year_words"...; scan.c; "nw_"). */
size_t nn_word_rule_names(const char *const **names);

/** @brief The names of on_word's rules ("url"...; scan.c; "word_"). */
size_t nn_word_names(const char *const **names);

/** @brief The names of nn_try_month's rules ("interval"...; dates.c; "mo_"). */
size_t nn_month_names(const char *const **names);

/** @brief The names of nn_try_weekday's rules ("lower_abbr"...; dates.c; "wk_"). */
size_t nn_weekday_names(const char *const **names);

/** @brief The rule table of nn_finish, in the order the rules are asked. @returns its length. */
size_t nn_rule_table(const nn_rule **rules);

#endif
