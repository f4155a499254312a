/* The token layer: one tokenizer, one hash of folded text, shared by every stage.
 *
 * Why one layer: a gazetteer phrase and a stretch of article text must be cut into the same
 * tokens and folded the same way to be compared by 64-bit token hashes (no string compares, no
 * regex), and a field should be cut once per article however many stages look at it. The
 * tokens of a field live on the nf_doc (nf_doc_tokens(), common/doc.h), built by the first stage
 * that asks. */
#include "common/tokens.h"
#include "common/utf8.h"

#include <string.h>

enum {
    CC_SPACE = NF_CP_SPACE, CC_LETTER = NF_CP_LETTER, CC_DIGIT = NF_CP_DIGIT,
    CC_HYPHEN = NF_CP_HYPHEN, CC_APOS = NF_CP_APOS, CC_DOT = NF_CP_DOT, CC_PUNCT = NF_CP_PUNCT,
    CC_MARK = NF_CP_MARK,
};

/* ---- Hash of folded text -------------------------------------------------------------- */

#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

/* Token hash: bytes of the folded text are packed eight at a time into a word that is then
 * mixed in, so the per-character work is a shift and an or (a multiply per byte, as in FNV,
 * was a quarter of the tokenizer's time). A code point above ASCII goes in as four bytes, the
 * first >= 0x80, so no two folded texts share a byte sequence. */
typedef struct hstate {
    uint64_t h, acc;
    unsigned n;
} hstate;

static inline void hs_init(hstate *st)
{
    st->h = FNV_BASIS;
    st->acc = 0;
    st->n = 0;
}

static inline void hs_byte(hstate *st, unsigned b)
{
    st->acc = (st->acc << 8) | b;
    if (++st->n == 8) {
        st->h = (st->h ^ st->acc) * 0x9E3779B97F4A7C15ULL;
        st->h ^= st->h >> 29;
        st->acc = 0;
        st->n = 0;
    }
}

static inline void hs_cp(hstate *st, uint32_t cp)
{
    if (cp < 0x80) {
        hs_byte(st, cp);
        return;
    }
    hs_byte(st, 0x80 | (cp & 0x3F));
    hs_byte(st, (cp >> 6) & 0x3F);
    hs_byte(st, (cp >> 12) & 0xFF);
    hs_byte(st, (cp >> 20) & 0xFF);
}

/* Feed \p n ASCII letters and digits, folded (| 0x20), as hs_byte would one by one. \p
 * avail: bytes readable from p (at least n); with 8 of them the tail is one masked load, not
 * a loop whose exit mispredicts once per word. */
static inline void hs_run(hstate *st, const unsigned char *p, size_t n, size_t avail)
{
    size_t k = 0;
    while (st->n != 0 && k < n) {
        hs_byte(st, p[k++] | 0x20u);
    }
    for (; k + 8 <= n; k += 8) {
        uint64_t w;
        memcpy(&w, p + k, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        w = __builtin_bswap64(w);
#endif
        w |= 0x2020202020202020ULL;
        st->h = (st->h ^ w) * 0x9E3779B97F4A7C15ULL;
        st->h ^= st->h >> 29;
    }
    size_t r = n - k;
    if (r && st->n == 0 && avail - k >= 8) {
        uint64_t w;
        memcpy(&w, p + k, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        w = __builtin_bswap64(w);
#endif
        /* The first r bytes, as the low bytes of acc (r < 8). */
        st->acc = (w | 0x2020202020202020ULL) >> (8 * (8 - r));
        st->n = (unsigned)r;
        return;
    }
    for (; k < n; k++) {
        hs_byte(st, p[k] | 0x20u);
    }
}

static inline uint64_t hs_final(const hstate *st)
{
    /* One multiply and a fold of the high half (a bijection, like the full mix it replaced:
     * the same texts collide or not) so the low bits, which index the small tables, depend on
     * every byte. */
    uint64_t x = ((st->h ^ st->acc) * FNV_PRIME) ^ st->n;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 32);
}

uint64_t nf_fold_hash(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    hstate h;
    hs_init(&h);
    size_t i = 0;
    while (i < len) {
        uint32_t cp = nf_utf8_next((const char *)u, len, &i);
        if (cp >= 0x300 && cp <= 0x36F) {
            continue;   /* combining accents: folded away */
        }
        hs_cp(&h, nf_utf8_fold(cp));
    }
    return hs_final(&h);
}

/* ---- Tokenizer ------------------------------------------------------------------------ */

/* 1 upper-case letter, 2 lower-case letter, 3 digit, 0 anything else (ASCII only). */
static const unsigned char ascii_alnum[256] = {
    ['0'] = 3, ['1'] = 3, ['2'] = 3, ['3'] = 3, ['4'] = 3, ['5'] = 3, ['6'] = 3, ['7'] = 3,
    ['8'] = 3, ['9'] = 3,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 2, ['b'] = 2, ['c'] = 2, ['d'] = 2, ['e'] = 2, ['f'] = 2, ['g'] = 2, ['h'] = 2,
    ['i'] = 2, ['j'] = 2, ['k'] = 2, ['l'] = 2, ['m'] = 2, ['n'] = 2, ['o'] = 2, ['p'] = 2,
    ['q'] = 2, ['r'] = 2, ['s'] = 2, ['t'] = 2, ['u'] = 2, ['v'] = 2, ['w'] = 2, ['x'] = 2,
    ['y'] = 2, ['z'] = 2,
};

/* cp_class() of each ASCII code point, as a digit ('0' + CC_*): the tokenizer asks for the
 * class of the byte after most words (a dot, an apostrophe, a space), and a table lookup is
 * cheaper there than the chain of range tests. */
static const char ascii_cc[129] =
    "00000000000000000000000000000000"
    "06666664666663562222222222666666"
    "61111111111111111111111111166666"
    "61111111111111111111111111166660";

static inline int class_at(const unsigned char *s, size_t len, size_t i, uint32_t *cp_out,
                           size_t *next)
{
    if (i >= len) {
        *cp_out = 0;
        *next = i;
        return CC_SPACE;
    }
    if (s[i] < 0x80) {
        *cp_out = s[i];
        *next = i + 1;
        return ascii_cc[s[i]] - '0';
    }
    size_t j = i;
    uint32_t cp = nf_utf8_next((const char *)s, len, &j);
    *cp_out = cp;
    *next = j;
    return nf_utf8_class(cp);
}

#define SWAR_H 0x8080808080808080ULL
#define SWAR_L 0x0101010101010101ULL

/* Classify 8 bytes of text, as loaded by memcpy into \p w (byte k of the text is byte k of
 * the masks, at bit 8k+7): sets \p up and \p lo to the ASCII upper- and lower-case letters
 * and returns the bytes that are no ASCII letter or digit. Each range test subtracts from
 * bytes whose top bit was set first, so no borrow crosses into the next byte. */
static inline uint64_t swar_alnum_w(uint64_t w, uint64_t *up, uint64_t *lo)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    uint64_t ascii = ~w & SWAR_H;
    uint64_t v = (w & ~SWAR_H) | SWAR_H;
    uint64_t f = v | (0x20 * SWAR_L);   /* folded: A-Z and a-z both land in a-z */
    uint64_t letter = (f - 'a' * SWAR_L) & ~(f - ('z' + 1) * SWAR_L) & ascii;
    uint64_t digit = (v - '0' * SWAR_L) & ~(v - ('9' + 1) * SWAR_L) & ascii;
    uint64_t lower_bit = w << 2;        /* bit 0x20 (clear in A-Z) moved to the top bit */
    *up = letter & ~lower_bit;
    *lo = letter & lower_bit;
    return ~(letter | digit) & SWAR_H;
}

/* swar_alnum_w() of the 8 bytes at \p p. */
static inline uint64_t swar_alnum(const unsigned char *p, uint64_t *up, uint64_t *lo)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return swar_alnum_w(w, up, lo);
}

/* Number of set bits in a mask of top bits (at most one per byte). */
static inline unsigned swar_count(uint64_t m)
{
    return (unsigned)(((m >> 7) * SWAR_L) >> 56);
}

/* Double the token array (rare: see the first estimate in nf_tokenize). */
static nf_tok *toks_grow(nf_arena *arena, nf_tok *v, size_t *cap)
{
    nf_tok *nv = nf_arena_alloc(arena, *cap * 2 * sizeof *nv);
    memcpy(nv, v, *cap * sizeof *v);
    *cap *= 2;
    return nv;
}

/* The fast path of nf_tokenize for an ASCII word of 8 to 15 bytes at s[i] (up, lo: the masks
 * of its first 8 bytes, all alphanumeric; at least 16 bytes readable). Appends the token and
 * returns true, or returns false (nothing written) when the general loop must decide. */
static bool long_word(const unsigned char *s, size_t i, uint64_t up, uint64_t lo,
                      uint16_t pending, uint32_t *n, nf_tok **v, size_t *cap, nf_arena *arena)
{
    uint64_t w2, up2, lo2;
    memcpy(&w2, s + i + 8, 8);
    uint64_t stop = swar_alnum_w(w2, &up2, &lo2);
    if (!stop) {
        return false;
    }
    unsigned nb2 = (unsigned)__builtin_ctzll(stop) >> 3;
    unsigned char e = s[i + 8 + nb2];
    if (e >= 0x80 || e == '-' || e == '\'' || e == '.') {
        return false;
    }
    uint64_t keep = (1ULL << (8 * nb2)) - 1;
    up2 &= keep;
    lo2 &= keep;
    uint64_t ul = up | lo, ul2 = up2 | lo2;
    unsigned letters = swar_count(ul) + swar_count(ul2);
    uint16_t fl = pending | NF_TK_WORD;
    if (ascii_alnum[s[i]] == 3) {
        fl |= NF_TK_NUM;
    }
    bool first_up = ul ? (ul & -ul & up) != 0 : (ul2 & -ul2 & up2) != 0;
    bool first_lo = ul ? (ul & -ul & lo) != 0 : (ul2 & -ul2 & lo2) != 0;
    bool camel = (up && lo && (up >> __builtin_ctzll(lo)) != 0) ||
                 (up2 && (lo || (lo2 && (up2 >> __builtin_ctzll(lo2)) != 0)));
    bool lower = (lo | lo2) != 0;
    if (first_up) {
        fl |= NF_TK_CAP;
        if (camel && lower) {
            fl |= NF_TK_CAMEL;
        }
    } else if (first_lo) {
        fl |= NF_TK_LOWER;
    }
    if (letters >= 2 && !lower) {
        fl |= NF_TK_ALLCAPS;
    }
    hstate h;
    hs_init(&h);
    hs_run(&h, s + i, 8 + nb2, 16);   /* 16 bytes readable: all hs_run asks about */
    if (*n == *cap) {
        *v = toks_grow(arena, *v, cap);
    }
    nf_tok *t = &(*v)[*n];
    t->start = (uint32_t)i;
    t->end = (uint32_t)(i + 8 + nb2);
    t->hash = hs_final(&h);
    t->memo = NF_TOK_NO_MEMO;
    t->flags = fl;
    t->nletters = (uint8_t)letters;
    t->memo_set = 0;
    (*n)++;
    return true;
}

/* Take the next free token slot, growing the array when it is full. */
static inline nf_tok *tok_slot(nf_arena *arena, nf_tok **v, uint32_t n, size_t *cap)
{
    if (n == *cap) {
        *v = toks_grow(arena, *v, cap);
    }
    return &(*v)[n];
}

/* The fast path of nf_tokenize for an ASCII word shorter than 8 bytes at s[i] (w: its first
 * 8 bytes, up/lo/stop: their masks from swar_alnum_w, nb < 8 the word's length) followed by
 * the ASCII byte e that cannot continue it. Appends the token; one 8-byte load classified all
 * of it, with the same results as the general loop. */
static inline __attribute__((always_inline)) void short_word(
    const unsigned char *s, size_t i, uint64_t w, uint64_t up, uint64_t lo, unsigned nb,
    uint16_t pending, nf_tok *t)
{
    uint64_t keep = (1ULL << (8 * nb)) - 1;   /* nb >= 1: s[i] is alphanumeric */
    up &= keep;
    lo &= keep;
    uint64_t ul = up | lo;
    unsigned letters = swar_count(ul);
    uint16_t fl = pending | NF_TK_WORD;
    if (ascii_alnum[s[i]] == 3) {
        fl |= NF_TK_NUM;
    }
    if (ul & -ul & up) {
        /* The first letter is upper case. */
        fl |= NF_TK_CAP;
        if (lo && (up >> __builtin_ctzll(lo)) != 0) {
            fl |= NF_TK_CAMEL;
        }
    } else if (ul) {
        fl |= NF_TK_LOWER;
    }
    if (letters >= 2 && lo == 0) {
        fl |= NF_TK_ALLCAPS;
    }
    /* hs_run() of nb < 8 bytes into a fresh state: they become the pending bytes, the first
     * one the most significant. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    hstate h;
    hs_init(&h);
    h.acc = (w | 0x2020202020202020ULL) >> (8 * (8 - nb));
    h.n = nb;
    t->start = (uint32_t)i;
    t->end = (uint32_t)(i + nb);
    t->hash = hs_final(&h);
    t->memo = NF_TOK_NO_MEMO;
    t->flags = fl;
    t->nletters = (uint8_t)letters;
    t->memo_set = 0;
}

/* ASCII punctuation at s[i]: a token of one byte, which folding leaves alone. */
static inline void punct_byte(size_t i, unsigned char c, uint16_t pending, nf_tok *t)
{
    hstate h;
    hs_init(&h);
    hs_byte(&h, c);
    t->start = (uint32_t)i;
    t->end = (uint32_t)(i + 1);
    t->hash = hs_final(&h);
    t->memo = NF_TOK_NO_MEMO;
    t->flags = pending | NF_TK_PUNCT;
    t->nletters = 0;
    t->memo_set = 0;
}

/* What scan_word learns about a word while it walks it. */
typedef struct wstate {
    hstate h;
    unsigned letters, uppers, lowers;
    int first_case;
    bool seen_lower, camel;
    unsigned seg_letters;   /* letters in the current dot segment */
    bool single_segs;       /* every dot segment is one letter (U.S.) */
    bool dotted;
} wstate;

/* A run of ASCII letters and digits from s[j], the bulk of any English text: classified
 * without branches, then hashed eight bytes at a time (folding is an or with 0x20: it lowers
 * A-Z and leaves 0-9 alone). Returns the index after the run. */
static inline __attribute__((always_inline)) size_t ascii_run(const unsigned char *s,
                                                              size_t len, size_t j, wstate *ws)
{
    size_t r0 = j;
    unsigned run_up = 0, run_lo = 0;
    int run_first = 0;   /* case of the run's first letter (0: none yet) */
    bool ended = false;  /* a non-alphanumeric byte was found by the masks */
    while (len - j >= 8) {
        /* Eight bytes at a time: masks of upper- and lower-case letters and of bytes that end
         * the run (see swar_alnum), then counts from the masks. */
        uint64_t up, lo;
        uint64_t stop = swar_alnum(s + j, &up, &lo);
        unsigned nb = stop ? (unsigned)__builtin_ctzll(stop) >> 3 : 8;
        if (nb < 8) {
            uint64_t keep = (1ULL << (8 * nb)) - 1;
            up &= keep;
            lo &= keep;
        }
        if (up && (ws->seen_lower || (lo && (up >> __builtin_ctzll(lo)) != 0))) {
            ws->camel = true;   /* an upper-case letter after a lower-case one */
        }
        ws->seen_lower |= lo != 0;
        uint64_t ul = up | lo;
        if (run_first == 0 && ul) {
            run_first = (ul & -ul & up) ? 1 : -1;
        }
        run_up += swar_count(up);
        run_lo += swar_count(lo);
        j += nb;
        if (nb < 8) {
            ended = true;
            break;
        }
    }
    while (!ended && j < len && ascii_alnum[s[j]]) {
        unsigned k = ascii_alnum[s[j]];
        unsigned up = k == 1, lo = k == 2;
        if (run_first == 0 && (up | lo)) {
            run_first = up ? 1 : -1;
        }
        ws->camel |= ws->seen_lower & (up != 0);
        ws->seen_lower |= lo != 0;
        run_up += up;
        run_lo += lo;
        j++;
    }
    if (ws->letters == 0 && run_first != 0) {
        ws->first_case = run_first;
    }
    ws->uppers += run_up;
    ws->lowers += run_lo;
    ws->letters += run_up + run_lo;
    ws->seg_letters += run_up + run_lo;
    hs_run(&ws->h, s + r0, j - r0, len - r0);
    return j;
}

/* A non-ASCII letter, digit or mark c2 inside a word: counted and hashed. */
static inline void word_cp(wstate *ws, int k, uint32_t c2)
{
    if (k == CC_LETTER) {
        int cs = nf_utf8_case(c2);
        if (ws->letters == 0) {
            ws->first_case = cs;
        }
        if (cs > 0) {
            ws->uppers++;
            if (ws->seen_lower) {
                ws->camel = true;
            }
        } else if (cs < 0) {
            ws->lowers++;
            ws->seen_lower = true;
        }
        ws->letters++;
        ws->seg_letters++;
    }
    if (k != CC_MARK) {
        hs_cp(&ws->h, nf_utf8_fold(c2));
    }
}

/* The character s[j] of class k (next at nx) inside a word that is no letter, digit or mark:
 * returns the index to go on from when it joins the word (a hyphen, an apostrophe or a dot
 * between letters), or 0 when the word ends at j (or right after a final dot: *end). */
static size_t word_joiner(const unsigned char *s, size_t len, size_t i, size_t j, int k,
                          size_t nx, wstate *ws, nf_tok *t, size_t *end)
{
    uint32_t c3;
    size_t nx2;
    int k2 = class_at(s, len, nx, &c3, &nx2);
    bool next_alnum = (k2 == CC_LETTER || k2 == CC_DIGIT);
    *end = j;
    if (k == CC_HYPHEN && next_alnum) {
        t->flags |= NF_TK_HYPHEN;
        hs_byte(&ws->h, '-');
        ws->seen_lower = false;
        ws->single_segs = false;
        return nx;
    }
    if (k == CC_APOS && k2 == CC_LETTER) {
        /* Possessive 's ends the word; O'Brien, d'Ivoire, Sana'a do not. */
        uint32_t c4;
        size_t nx3;
        int k3 = class_at(s, len, nx2, &c4, &nx3);
        if ((c3 == 's' || c3 == 'S') && k3 != CC_LETTER && k3 != CC_DIGIT && k3 != CC_MARK) {
            return 0;
        }
        hs_byte(&ws->h, '\'');
        ws->seen_lower = false;
        ws->single_segs = false;
        return nx;
    }
    if (k == CC_DOT && next_alnum) {
        if (ws->seg_letters != 1) {
            ws->single_segs = false;
        }
        ws->seg_letters = 0;
        ws->dotted = true;
        hs_byte(&ws->h, '.');
        return nx;
    }
    if (k == CC_DOT && ws->single_segs && ws->seg_letters == 1 && ws->letters >= 1 &&
        (j - i) <= 16) {
        /* U.S. / D.C. / J. keep their final dot. */
        hs_byte(&ws->h, '.');
        ws->dotted = true;
        if (ws->letters == 1) {
            t->flags |= NF_TK_INITIAL;
        }
        *end = nx;
    }
    return 0;
}

/* A word (letters, digits, marks, joined by inner hyphens, apostrophes and dots) from s[i],
 * whose first character has class cc: fills in t except start, memo and the pending flags;
 * returns the index after it. */
static size_t scan_word(const unsigned char *s, size_t len, size_t i, int cc, nf_tok *t)
{
    wstate ws = {.single_segs = true};
    hs_init(&ws.h);
    t->flags |= (cc == CC_DIGIT) ? NF_TK_WORD | NF_TK_NUM : NF_TK_WORD;
    size_t j = i;
    for (;;) {
        j = ascii_run(s, len, j, &ws);
        if (j >= len || (s[j] < 0x80 && s[j] != '-' && s[j] != '\'' && s[j] != '.')) {
            break;   /* ASCII space or other punctuation: no need to look further */
        }
        uint32_t c2;
        size_t nx;
        int k = class_at(s, len, j, &c2, &nx);
        if (k == CC_LETTER || k == CC_DIGIT || k == CC_MARK) {
            word_cp(&ws, k, c2);
            j = nx;
            continue;
        }
        size_t end;
        size_t go_on = word_joiner(s, len, i, j, k, nx, &ws, t, &end);
        if (go_on == 0) {
            j = end;
            break;
        }
        j = go_on;
    }
    if (ws.dotted) {
        t->flags |= NF_TK_DOTTED;
    }
    if (ws.first_case > 0) {
        t->flags |= NF_TK_CAP;
    } else if (ws.first_case < 0) {
        t->flags |= NF_TK_LOWER;
    }
    if (ws.letters >= 2 && ws.lowers == 0 && ws.uppers >= 2) {
        t->flags |= NF_TK_ALLCAPS;
    }
    if (ws.camel && ws.first_case > 0 && ws.lowers > 0) {
        t->flags |= NF_TK_CAMEL;
    }
    t->nletters = ws.letters > 255 ? 255 : (uint8_t)ws.letters;
    t->hash = hs_final(&ws.h);
    t->end = (uint32_t)j;
    return j;
}

/* "'s" whose apostrophe ends at \p after, right after a word (after_word): the possessive, a
 * token of its own. Returns the index after it, or 0 when it is none. */
static size_t possessive(const unsigned char *s, size_t len, size_t after,
                         bool after_word, nf_tok *t)
{
    uint32_t c3;
    size_t nx2;
    int k2 = class_at(s, len, after, &c3, &nx2);
    uint32_t c4;
    size_t nx3;
    int k3 = class_at(s, len, nx2, &c4, &nx3);
    if (k2 == CC_LETTER && (c3 == 's' || c3 == 'S') && k3 != CC_LETTER && k3 != CC_DIGIT &&
        after_word) {
        hstate h;
        hs_init(&h);
        hs_byte(&h, '\'');
        hs_byte(&h, 's');
        t->flags |= NF_TK_POSS;
        t->hash = hs_final(&h);
        t->nletters = 1;
        t->end = (uint32_t)nx2;
        return nx2;
    }
    return 0;
}

__attribute__((noinline)) static size_t tokenize(nf_arena *arena, const char *str, size_t len,
                                                 nf_toks *out);

void nf_tokenize(nf_arena *arena, const char *str, size_t len, nf_toks *out)
{
    size_t cap = tokenize(arena, str, len, out);
    /* The estimate is generous (about a quarter of the slots stay unused): give them back, so
     * the next allocations of the document (more tokens, annotations) use that memory. (Here,
     * not in the loop's function: a call at its end cost its hot loop ~10 % in instructions.) */
    nf_arena_shrink(arena, out->v, cap * sizeof *out->v, (out->n ? out->n : 1) * sizeof *out->v);
}

/* The tokenizer proper; @returns the slots allocated for out->v. */
static size_t tokenize(nf_arena *arena, const char *str, size_t len, nf_toks *out)
{
    const unsigned char *s = (const unsigned char *)str;
    /* English runs at about one token per 5-6 bytes; start there and grow (rarely) rather than
     * reserve the worst case (one token per 2 bytes), which would touch 16 bytes of memory per
     * input byte. */
    size_t cap = len / 4 + 16;
    nf_tok *v = nf_arena_alloc(arena, cap * sizeof *v);
    uint32_t n = 0;
    uint16_t pending = NF_TK_PARA | NF_TK_NL;
    int newlines = 0;
    size_t i = 0;

    while (i < len) {
        unsigned char c = s[i];
        if (ascii_alnum[c] && len - i >= 8) {
            /* Most tokens: an ASCII word shorter than 8 bytes (16: long_word) followed by a
             * space or by punctuation that cannot continue it. One 8-byte load classifies all
             * of it, with the same results as the general loop below (which handles everything
             * else, and tokens near the end of the text). */
            uint64_t w, up, lo;
            memcpy(&w, s + i, 8);
            uint64_t stop = swar_alnum_w(w, &up, &lo);
            unsigned nb = stop ? (unsigned)__builtin_ctzll(stop) >> 3 : 8;
            if (nb == 8) {
                /* 8 bytes or longer: a second load finishes words of up to 15 bytes. */
                if (len - i >= 16 && long_word(s, i, up, lo, pending, &n, &v, &cap, arena)) {
                    i = v[n - 1].end;
                    newlines = 0;
                    pending = 0;
                    continue;
                }
            }
            /* The byte after the word (nb < 8; a load in bounds either way, no branch). */
            unsigned char e = s[i + (nb & 7)];
            if (nb < 8 && e < 0x80 && e != '-' && e != '\'' && e != '.') {
                short_word(s, i, w, up, lo, nb, pending, tok_slot(arena, &v, n, &cap));
                n++;
                i += nb;
                newlines = 0;
                pending = 0;
                if (e == ' ') {
                    pending = NF_TK_SPACE;
                    i++;
                }
                continue;
            }
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            pending |= NF_TK_SPACE;
            i++;
            continue;
        }
        if (c == '\n') {
            pending |= NF_TK_SPACE | NF_TK_NL;
            if (++newlines >= 2) {
                pending |= NF_TK_PARA;
            }
            i++;
            continue;
        }
        if (c < 0x80 && !ascii_alnum[c] && c != '\'' && ascii_cc[c] != '0' + CC_SPACE) {
            /* ASCII punctuation (a hyphen or dot that starts no word included). The apostrophe
             * may start a possessive: below. */
            punct_byte(i, c, pending, tok_slot(arena, &v, n, &cap));
            n++;
            i++;
            newlines = 0;
            pending = 0;
            continue;
        }
        uint32_t cp;
        size_t after;
        int cc;
        if (c < 0x80 && ascii_alnum[c]) {
            cp = c;
            after = i + 1;
            cc = ascii_alnum[c] == 3 ? CC_DIGIT : CC_LETTER;
        } else {
            cc = class_at(s, len, i, &cp, &after);
        }
        if (cc == CC_SPACE) {
            pending |= NF_TK_SPACE;
            i = after;
            continue;
        }
        nf_tok *t = tok_slot(arena, &v, n, &cap);
        t->start = (uint32_t)i;
        t->memo = NF_TOK_NO_MEMO;
        t->memo_set = 0;
        t->flags = pending;
        pending = 0;
        newlines = 0;

        if (cc == CC_LETTER || cc == CC_DIGIT || cc == CC_MARK) {
            i = scan_word(s, len, i, cc, t);
            n++;
            continue;
        }
        if (cc == CC_APOS) {
            size_t nx = possessive(s, len, after, n > 0 && v[n - 1].end == i, t);
            if (nx != 0) {
                i = nx;
                n++;
                continue;
            }
        }
        t->flags |= NF_TK_PUNCT;
        t->nletters = 0;
        hstate h;
        hs_init(&h);
        hs_cp(&h, nf_utf8_fold(cp));
        t->hash = hs_final(&h);
        t->end = (uint32_t)after;
        i = after;
        n++;
    }
    out->v = v;
    out->n = n;
    return cap;
}


/* ---- Folded text and copies ------------------------------------------------------------ */

size_t nf_tok_fold(const char *s, const nf_tok *t, char *out, size_t cap)
{
    size_t o = 0;
    size_t i = t->start;
    while (i < t->end) {
        uint32_t cp = nf_utf8_next(s, t->end, &i);
        if (nf_utf8_class(cp) == NF_CP_MARK) {
            continue;   /* combining accents: folded away, as in the hash */
        }
        char b[4];
        size_t k = nf_utf8_encode(nf_utf8_fold(cp), b);
        for (size_t m = 0; m < k; m++, o++) {
            if (o + 1 < cap) {
                out[o] = b[m];
            }
        }
    }
    if (cap) {
        out[o < cap ? o : cap - 1] = '\0';
    }
    return o;
}

const char *nf_tok_fold_dup(nf_arena *arena, const char *s, const nf_tok *t, size_t *len)
{
    /* Folding never makes a code point longer than 4 bytes: 4 per input byte is enough. */
    size_t cap = 4 * (size_t)(t->end - t->start) + 1;
    char *out = nf_arena_alloc(arena, cap);
    size_t n = nf_tok_fold(s, t, out, cap);
    if (len) {
        *len = n;
    }
    return out;
}

void nf_toks_copy(nf_arena *arena, const nf_tok *src, uint32_t n, nf_toks *out)
{
    out->v = nf_arena_alloc(arena, (n ? n : 1) * sizeof *out->v);
    if (n) {
        memcpy(out->v, src, n * sizeof *src);
    }
    out->n = n;
}

/* ---- Parts of tokens ------------------------------------------------------------------ */

/* Byte classes of the part reader: ASCII bytes decide by this table (the classes of
 * nf_utf8_class), higher ones by their code point. */
enum { PB_OTHER = 0, PB_BLANK, PB_BREAK, PB_DIGIT, PB_LETTER, PB_HIGH };

/* (ASCII controls are white space, as in nf_utf8_class; LF VT FF CR are line breaks) */
static const uint8_t PCLASS[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0,
    0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 0, 0, 0, 0,
    0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 0, 0, 0, 1,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
};

bool nf_part_letter(uint32_t cp)
{
    if (cp < 0x80) {
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    }
    if (cp == 0x0E3F || cp == 0x058F || cp == 0x17DB || (cp >= 0xFFE0 && cp <= 0xFFEE)) {
        return false;
    }
    int c = nf_utf8_class(cp);
    return c == NF_CP_LETTER || c == NF_CP_MARK;
}

static inline uint32_t part_cp(const char *s, size_t n, size_t i, uint32_t *cp)
{
    size_t j = i;
    *cp = nf_utf8_next(s, n, &j);
    return (uint32_t)(j - i);
}

void nf_tok_part(const char *s, size_t n, size_t pos, nf_part *p)
{
    const unsigned char *u = (const unsigned char *)s;
    const uint8_t *pc = PCLASS;
    size_t i = pos;
    uint8_t ws = 0, c = PB_OTHER;
    uint32_t cp = 0, len = 0;
    while (i < n) {
        c = pc[u[i]];
        if (c == PB_BLANK || c == PB_BREAK) {
            ws = c == PB_BREAK ? 2 : ws ? ws : 1;
            i++;
            continue;
        }
        if (c != PB_HIGH) {
            break;
        }
        len = part_cp(s, n, i, &cp);
        if (nf_utf8_class(cp) != NF_CP_SPACE) {
            break;
        }
        ws = ws ? ws : 1;
        i += len;
    }
    p->ws = ws;
    p->start = (uint32_t)i;
    if (i >= n) {
        p->kind = NF_PART_END;
        p->start = p->end = (uint32_t)n;
        return;
    }
    if (c == PB_DIGIT) {
        do {
            i++;
        } while (i < n && pc[u[i]] == PB_DIGIT);
        p->kind = NF_PART_DIGITS;
        p->end = (uint32_t)i;
        return;
    }
    if (c == PB_OTHER || (c == PB_HIGH && !nf_part_letter(cp))) {
        p->kind = NF_PART_OTHER;
        p->end = (uint32_t)(i + (c == PB_OTHER ? 1 : len));
        return;
    }
    for (;;) {
        if (c == PB_LETTER) {
            i++;
        } else if (c == PB_HIGH && (len = part_cp(s, n, i, &cp), nf_part_letter(cp))) {
            i += len;
        } else {
            break;
        }
        if (i >= n) {
            break;
        }
        c = pc[u[i]];
    }
    p->kind = NF_PART_LETTERS;
    p->end = (uint32_t)i;
}
