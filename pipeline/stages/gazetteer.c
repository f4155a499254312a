/* Tokenizer, case/accent folding and the word trie shared by the entities and dateline stages.
 *
 * Why a word trie keyed by token hashes: matching is then one hash probe per token of a
 * candidate name, whatever the size of the gazetteer, and gazetteer phrases go through the very
 * same tokenizer as article text, so "People's Republic of China" or "Washington, D.C." match
 * exactly the tokens the text produces. */
#include "pipeline/stages/gazetteer.h"
#include "common/utf8.h"

#include "common/arena.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Code points ---------------------------------------------------------------------- */

enum { CC_SPACE, CC_LETTER, CC_DIGIT, CC_HYPHEN, CC_APOS, CC_DOT, CC_PUNCT, CC_MARK };

static int cp_class(uint32_t cp)
{
    if (cp < 0x80) {
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
            return CC_LETTER;
        }
        if (cp >= '0' && cp <= '9') {
            return CC_DIGIT;
        }
        if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D)) {
            return CC_SPACE;
        }
        if (cp == '-') {
            return CC_HYPHEN;
        }
        if (cp == '\'') {
            return CC_APOS;
        }
        if (cp == '.') {
            return CC_DOT;
        }
        if (cp < 0x20 || cp == 0x7F) {
            return CC_SPACE;
        }
        return CC_PUNCT;
    }
    if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
        cp == 0x3000 || cp == 0xFEFF || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 ||
        cp == 0x2029) {
        return CC_SPACE;
    }
    if (cp == 0x2010 || cp == 0x2011) {
        return CC_HYPHEN;
    }
    if (cp == 0x2019 || cp == 0x02BC) {
        return CC_APOS;
    }
    if (cp >= 0x300 && cp <= 0x36F) {
        return CC_MARK;
    }
    if ((cp >= 0xA1 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) || cp == 0xD7 ||
        cp == 0xF7 || (cp >= 0x2012 && cp <= 0x206F) || (cp >= 0x2070 && cp <= 0x2BFF) ||
        (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
        (cp >= 0xFE30 && cp <= 0xFE6F) || cp == 0xFFFD || (cp >= 0x1F000 && cp <= 0x1FAFF)) {
        return CC_PUNCT;
    }
    return CC_LETTER;
}

/* 1 upper case, -1 lower case, 0 no case. Covers Latin, Greek and Cyrillic. */
static int cp_case(uint32_t cp)
{
    if (cp < 0x80) {
        return (cp >= 'A' && cp <= 'Z') ? 1 : (cp >= 'a' && cp <= 'z') ? -1 : 0;
    }
    if (cp >= 0xC0 && cp <= 0xDE) {
        return cp == 0xD7 ? 0 : 1;
    }
    if (cp >= 0xDF && cp <= 0xFF) {
        return cp == 0xF7 ? 0 : -1;
    }
    if (cp >= 0x100 && cp <= 0x17F) {
        if (cp == 0x138 || cp == 0x149 || cp == 0x17F) {
            return -1;
        }
        if (cp == 0x178) {
            return 1;
        }
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {
            return (cp & 1) ? 1 : -1;
        }
        return (cp & 1) ? -1 : 1;
    }
    if (cp >= 0x218 && cp <= 0x21B) {
        return (cp & 1) ? -1 : 1;
    }
    if (cp >= 0x180 && cp <= 0x24F) {
        return -1;
    }
    if (cp == 0x386 || (cp >= 0x388 && cp <= 0x38F) || (cp >= 0x391 && cp <= 0x3AB)) {
        return 1;
    }
    if (cp >= 0x3AC && cp <= 0x3FF) {
        return -1;
    }
    if (cp >= 0x400 && cp <= 0x42F) {
        return 1;
    }
    if (cp >= 0x430 && cp <= 0x45F) {
        return -1;
    }
    if ((cp >= 0x460 && cp <= 0x4FF) || (cp >= 0x1E00 && cp <= 0x1EFF)) {
        return (cp & 1) ? -1 : 1;
    }
    return 0;
}

static const char latin1_base[64] = {
    /* C0 */ 'a', 'a', 'a', 'a', 'a', 'a', 0, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    /* D0 */ 0, 'n', 'o', 'o', 'o', 'o', 'o', 0, 'o', 'u', 'u', 'u', 'u', 'y', 0, 0,
    /* E0 */ 'a', 'a', 'a', 'a', 'a', 'a', 0, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    /* F0 */ 0, 'n', 'o', 'o', 'o', 'o', 'o', 0, 'o', 'u', 'u', 'u', 'u', 'y', 0, 'y',
};

/* Latin Extended-A (U+0100..U+017F) base letters, in runs. */
static const struct {
    uint16_t lo, hi;
    char base;
} latin_ext_a[] = {
    {0x100, 0x105, 'a'}, {0x106, 0x10D, 'c'}, {0x10E, 0x111, 'd'}, {0x112, 0x11B, 'e'},
    {0x11C, 0x123, 'g'}, {0x124, 0x127, 'h'}, {0x128, 0x133, 'i'}, {0x134, 0x135, 'j'},
    {0x136, 0x138, 'k'}, {0x139, 0x142, 'l'}, {0x143, 0x14B, 'n'}, {0x14C, 0x153, 'o'},
    {0x154, 0x159, 'r'}, {0x15A, 0x161, 's'}, {0x162, 0x167, 't'}, {0x168, 0x173, 'u'},
    {0x174, 0x175, 'w'}, {0x176, 0x178, 'y'}, {0x179, 0x17E, 'z'}, {0x17F, 0x17F, 's'},
};

uint32_t nf_fold_cp(uint32_t cp)
{
    if (cp < 0x80) {
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    }
    if (cp >= 0xC0 && cp <= 0xFF) {
        char b = latin1_base[cp - 0xC0];
        if (b) {
            return (uint32_t)b;
        }
        return (cp <= 0xDE && cp != 0xD7) ? cp + 32 : cp;
    }
    if (cp >= 0x100 && cp <= 0x17F) {
        for (size_t k = 0; k < sizeof latin_ext_a / sizeof latin_ext_a[0]; k++) {
            if (cp >= latin_ext_a[k].lo && cp <= latin_ext_a[k].hi) {
                return (uint32_t)latin_ext_a[k].base;
            }
        }
        return cp;
    }
    if (cp == 0x218 || cp == 0x219) {
        return 's';
    }
    if (cp == 0x21A || cp == 0x21B) {
        return 't';
    }
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x2032 || cp == 0xB4) {
        return '\'';
    }
    if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB || cp == 0xBB) {
        return '"';
    }
    if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) {
        return '-';
    }
    if (cp >= 0x391 && cp <= 0x3AB) {
        return cp + 32;
    }
    if (cp >= 0x410 && cp <= 0x42F) {
        return cp + 32;
    }
    if (cp >= 0x400 && cp <= 0x40F) {
        return cp + 80;
    }
    if ((cp >= 0x460 && cp <= 0x4FF) || (cp >= 0x1E00 && cp <= 0x1EFF)) {
        return cp | 1;
    }
    return cp;
}

#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

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
        hs_cp(&h, nf_fold_cp(cp));
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
    return cp_class(cp);
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
    bool camel = (up && lo && (up >> __builtin_ctzll(lo)) != 0) ||
                 (up2 && (lo || (lo2 && (up2 >> __builtin_ctzll(lo2)) != 0)));
    bool lower = (lo | lo2) != 0;
    if (first_up) {
        fl |= NF_TK_CAP;
        if (camel && lower) {
            fl |= NF_TK_CAMEL;
        }
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
    t->node = NF_GAZ_NONE;
    t->flags = fl;
    t->nletters = (uint8_t)letters;
    t->looked = 0;
    (*n)++;
    return true;
}

void nf_tokenize(nf_arena *arena, const char *str, size_t len, nf_toks *out)
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
                if (n == cap) {
                    v = toks_grow(arena, v, &cap);
                }
                nf_tok *t = &v[n];
                uint64_t keep = (1ULL << (8 * nb)) - 1;   /* nb >= 1: s[i] is alphanumeric */
                up &= keep;
                lo &= keep;
                uint64_t ul = up | lo;
                unsigned letters = swar_count(ul);
                uint16_t fl = pending | NF_TK_WORD;
                if (ascii_alnum[c] == 3) {
                    fl |= NF_TK_NUM;
                }
                if (ul & -ul & up) {
                    /* The first letter is upper case. */
                    fl |= NF_TK_CAP;
                    if (lo && (up >> __builtin_ctzll(lo)) != 0) {
                        fl |= NF_TK_CAMEL;
                    }
                }
                if (letters >= 2 && lo == 0) {
                    fl |= NF_TK_ALLCAPS;
                }
                /* hs_run() of nb < 8 bytes into a fresh state: they become the pending
                 * bytes, the first one the most significant. */
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
                t->node = NF_GAZ_NONE;
                t->flags = fl;
                t->nletters = (uint8_t)letters;
                t->looked = 0;
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
            /* ASCII punctuation (a hyphen or dot that starts no word included): a token of one
             * byte, which folding leaves alone. The apostrophe may start a possessive: below. */
            if (n == cap) {
                v = toks_grow(arena, v, &cap);
            }
            nf_tok *t = &v[n];
            hstate h;
            hs_init(&h);
            hs_byte(&h, c);
            t->start = (uint32_t)i;
            t->end = (uint32_t)(i + 1);
            t->hash = hs_final(&h);
            t->node = NF_GAZ_NONE;
            t->flags = pending | NF_TK_PUNCT;
            t->nletters = 0;
            t->looked = 0;
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
        if (n == cap) {
            v = toks_grow(arena, v, &cap);
        }
        nf_tok *t = &v[n];
        t->start = (uint32_t)i;
        t->node = NF_GAZ_NONE;
        t->looked = 0;
        t->flags = pending;
        pending = 0;
        newlines = 0;

        if (cc == CC_LETTER || cc == CC_DIGIT || cc == CC_MARK) {
            hstate h;
            hs_init(&h);
            unsigned letters = 0, uppers = 0, lowers = 0;
            int first_case = 0;
            bool seen_lower = false, camel = false;
            unsigned seg_letters = 0;       /* letters in the current dot segment */
            bool single_segs = true;        /* every dot segment is one letter (U.S.) */
            bool dotted = false;
            t->flags |= (cc == CC_DIGIT) ? NF_TK_WORD | NF_TK_NUM : NF_TK_WORD;
            size_t j = i;
            for (;;) {
                /* Fast path: ASCII letters and digits, the bulk of any English text. The run
                 * is classified without branches, then hashed eight bytes at a time (folding
                 * is an or with 0x20: it lowers A-Z and leaves 0-9 alone). */
                size_t r0 = j;
                unsigned run_up = 0, run_lo = 0;
                int run_first = 0;   /* case of the run's first letter (0: none yet) */
                bool ended = false;  /* a non-alphanumeric byte was found by the masks */
                while (len - j >= 8) {
                    /* Eight bytes at a time: masks of upper- and lower-case letters and of
                     * bytes that end the run (see swar_alnum), then counts from the masks. */
                    uint64_t up, lo;
                    uint64_t stop = swar_alnum(s + j, &up, &lo);
                    unsigned nb = stop ? (unsigned)__builtin_ctzll(stop) >> 3 : 8;
                    if (nb < 8) {
                        uint64_t keep = (1ULL << (8 * nb)) - 1;
                        up &= keep;
                        lo &= keep;
                    }
                    if (up && (seen_lower || (lo && (up >> __builtin_ctzll(lo)) != 0))) {
                        camel = true;   /* an upper-case letter after a lower-case one */
                    }
                    seen_lower |= lo != 0;
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
                    camel |= seen_lower & (up != 0);
                    seen_lower |= lo != 0;
                    run_up += up;
                    run_lo += lo;
                    j++;
                }
                if (letters == 0 && run_first != 0) {
                    first_case = run_first;
                }
                uppers += run_up;
                lowers += run_lo;
                letters += run_up + run_lo;
                seg_letters += run_up + run_lo;
                hs_run(&h, s + r0, j - r0, len - r0);
                if (j >= len || (s[j] < 0x80 && s[j] != '-' && s[j] != '\'' && s[j] != '.')) {
                    break;   /* ASCII space or other punctuation: no need to look further */
                }
                uint32_t c2;
                size_t nx;
                int k = class_at(s, len, j, &c2, &nx);
                if (k == CC_LETTER || k == CC_DIGIT || k == CC_MARK) {
                    if (k == CC_LETTER) {
                        int cs = cp_case(c2);
                        if (letters == 0) {
                            first_case = cs;
                        }
                        if (cs > 0) {
                            uppers++;
                            if (seen_lower) {
                                camel = true;
                            }
                        } else if (cs < 0) {
                            lowers++;
                            seen_lower = true;
                        }
                        letters++;
                        seg_letters++;
                    }
                    if (k != CC_MARK) {
                        hs_cp(&h, nf_fold_cp(c2));
                    }
                    j = nx;
                    continue;
                }
                uint32_t c3;
                size_t nx2;
                int k2 = class_at(s, len, nx, &c3, &nx2);
                bool next_alnum = (k2 == CC_LETTER || k2 == CC_DIGIT);
                if (k == CC_HYPHEN && next_alnum) {
                    t->flags |= NF_TK_HYPHEN;
                    hs_byte(&h, '-');
                    seen_lower = false;
                    single_segs = false;
                    j = nx;
                    continue;
                }
                if (k == CC_APOS && k2 == CC_LETTER) {
                    /* Possessive 's ends the word; O'Brien, d'Ivoire, Sana'a do not. */
                    uint32_t c4;
                    size_t nx3;
                    int k3 = class_at(s, len, nx2, &c4, &nx3);
                    if ((c3 == 's' || c3 == 'S') && k3 != CC_LETTER && k3 != CC_DIGIT &&
                        k3 != CC_MARK) {
                        break;
                    }
                    hs_byte(&h, '\'');
                    seen_lower = false;
                    single_segs = false;
                    j = nx;
                    continue;
                }
                if (k == CC_DOT && next_alnum) {
                    if (seg_letters != 1) {
                        single_segs = false;
                    }
                    seg_letters = 0;
                    dotted = true;
                    hs_byte(&h, '.');
                    j = nx;
                    continue;
                }
                if (k == CC_DOT && single_segs && seg_letters == 1 && letters >= 1 &&
                    (j - i) <= 16) {
                    /* U.S. / D.C. / J. keep their final dot. */
                    hs_byte(&h, '.');
                    dotted = true;
                    if (letters == 1) {
                        t->flags |= NF_TK_INITIAL;
                    }
                    j = nx;
                }
                break;
            }
            if (dotted) {
                t->flags |= NF_TK_DOTTED;
            }
            if (first_case > 0) {
                t->flags |= NF_TK_CAP;
            }
            if (letters >= 2 && lowers == 0 && uppers >= 2) {
                t->flags |= NF_TK_ALLCAPS;
            }
            if (camel && first_case > 0 && lowers > 0) {
                t->flags |= NF_TK_CAMEL;
            }
            t->nletters = letters > 255 ? 255 : (uint8_t)letters;
            t->hash = hs_final(&h);
            t->end = (uint32_t)j;
            i = j;
            n++;
            continue;
        }
        if (cc == CC_APOS) {
            /* "'s" right after a word: the possessive, a token of its own. */
            uint32_t c3;
            size_t nx2;
            int k2 = class_at(s, len, after, &c3, &nx2);
            uint32_t c4;
            size_t nx3;
            int k3 = class_at(s, len, nx2, &c4, &nx3);
            if (k2 == CC_LETTER && (c3 == 's' || c3 == 'S') && k3 != CC_LETTER &&
                k3 != CC_DIGIT && n > 0 && v[n - 1].end == i) {
                hstate h;
                hs_init(&h);
                hs_byte(&h, '\'');
                hs_byte(&h, 's');
                t->flags |= NF_TK_POSS;
                t->hash = hs_final(&h);
                t->nletters = 1;
                t->end = (uint32_t)nx2;
                i = nx2;
                n++;
                continue;
            }
        }
        t->flags |= NF_TK_PUNCT;
        t->nletters = 0;
        hstate h;
        hs_init(&h);
        hs_cp(&h, nf_fold_cp(cp));
        t->hash = hs_final(&h);
        t->end = (uint32_t)after;
        i = after;
        n++;
    }
    out->v = v;
    out->n = n;
}

/* ---- Trie ----------------------------------------------------------------------------- */

typedef struct edge {
    uint64_t h;       /* token hash */
    uint32_t parent;
    uint32_t child;   /* NF_GAZ_NONE = empty slot */
} edge;

typedef struct pending_entry {
    uint32_t node;
    uint32_t seq;     /* load order: ties keep file order, so output is deterministic */
    nf_gaz_entry e;
} pending_entry;

struct nf_gaz {
    nf_gaz_node *nodes;
    size_t n_nodes, cap_nodes;
    edge *edges;
    size_t n_edges, cap_edges;   /* cap is a power of two */
    nf_gaz_entry *entries;
    size_t n_entries;
    pending_entry *pend;
    size_t n_pend, cap_pend;
    uint64_t *small_h;           /* roles of the few function-like words, in a table small */
    uint32_t *small_r;           /* enough to stay in cache (see nf_gaz_small_roles) */
    size_t small_cap;
    char **bufs;                 /* file buffers: canonical strings point into them */
    size_t n_bufs;
    nf_arena scratch;
};

static size_t edge_slot(uint64_t h, uint32_t parent, size_t mask)
{
    return (size_t)mix64(h ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ULL)) & mask;
}

uint32_t nf_gaz_child(const nf_gaz *g, uint32_t node, uint64_t h)
{
    /* Most words end every phrase they are in: their flag answers without probing the big
     * edge table (a cache miss per probe). */
    if (!g->cap_edges || node >= g->n_nodes || !(g->nodes[node].roles & NF_GW_PARENT)) {
        return NF_GAZ_NONE;
    }
    size_t mask = g->cap_edges - 1;
    for (size_t s = edge_slot(h, node, mask);; s = (s + 1) & mask) {
        const edge *e = &g->edges[s];
        if (e->child == NF_GAZ_NONE) {
            return NF_GAZ_NONE;
        }
        if (e->h == h && e->parent == node) {
            return e->child;
        }
    }
}

static void edges_grow(nf_gaz *g)
{
    size_t ncap = g->cap_edges ? g->cap_edges * 2 : 1u << 16;
    edge *ne = nf_xmalloc(ncap * sizeof *ne);
    for (size_t k = 0; k < ncap; k++) {
        ne[k].child = NF_GAZ_NONE;
    }
    for (size_t k = 0; k < g->cap_edges; k++) {
        edge *e = &g->edges[k];
        if (e->child == NF_GAZ_NONE) {
            continue;
        }
        size_t s = edge_slot(e->h, e->parent, ncap - 1);
        while (ne[s].child != NF_GAZ_NONE) {
            s = (s + 1) & (ncap - 1);
        }
        ne[s] = *e;
    }
    free(g->edges);
    g->edges = ne;
    g->cap_edges = ncap;
}

static uint32_t new_node(nf_gaz *g)
{
    if (g->n_nodes == g->cap_nodes) {
        g->cap_nodes = g->cap_nodes ? g->cap_nodes * 2 : 1u << 15;
        g->nodes = nf_xrealloc(g->nodes, g->cap_nodes * sizeof *g->nodes);
    }
    memset(&g->nodes[g->n_nodes], 0, sizeof g->nodes[0]);
    return (uint32_t)g->n_nodes++;
}

static uint32_t child_or_add(nf_gaz *g, uint32_t node, uint64_t h)
{
    uint32_t c = nf_gaz_child(g, node, h);
    if (c != NF_GAZ_NONE) {
        return c;
    }
    if ((g->n_edges + 1) * 2 > g->cap_edges) {
        edges_grow(g);
    }
    c = new_node(g);
    size_t mask = g->cap_edges - 1;
    size_t s = edge_slot(h, node, mask);
    while (g->edges[s].child != NF_GAZ_NONE) {
        s = (s + 1) & mask;
    }
    g->edges[s].h = h;
    g->edges[s].parent = node;
    g->edges[s].child = c;
    g->n_edges++;
    g->nodes[node].roles |= NF_GW_PARENT;
    return c;
}

nf_gaz *nf_gaz_new(void)
{
    nf_gaz *g = nf_xcalloc(1, sizeof *g);
    nf_arena_init(&g->scratch, 16 * 1024);
    new_node(g);   /* root */
    return g;
}

void nf_gaz_destroy(nf_gaz *g)
{
    if (!g) {
        return;
    }
    free(g->nodes);
    free(g->edges);
    free(g->entries);
    free(g->pend);
    for (size_t k = 0; k < g->n_bufs; k++) {
        free(g->bufs[k]);
    }
    free(g->bufs);
    free(g->small_h);
    free(g->small_r);
    nf_arena_fini(&g->scratch);
    free(g);
}

char *nf_gaz_env_reader(void *rctx, const char *relpath, size_t *len, char *errstr,
                        size_t errstr_size)
{
    return nf_stage_env_read_file(rctx, relpath, len, errstr, errstr_size);
}

static const struct {
    const char *name;
    int type;       /* nf_gaz_type, or -1 for a role */
    uint32_t role;
} type_names[] = {
    {"COUNTRY", NF_GAZ_COUNTRY, 0},
    {"ADM1", NF_GAZ_ADM1, 0},
    {"CITY", NF_GAZ_CITY, 0},
    {"PLACE", NF_GAZ_PLACE, 0},
    {"LOC", NF_GAZ_LOC, 0},
    {"NORP", NF_GAZ_NORP, 0},
    {"ORG", NF_GAZ_ORG, 0},
    {"PERSON", NF_GAZ_PERSON, 0},
    {"GIVEN", -1, NF_GW_GIVEN},
    {"SURNAME", -1, NF_GW_SURNAME},
    {"COMMON", -1, NF_GW_COMMON},
    {"NONENT", -1, NF_GW_NONENT},
    {"TITLE", -1, NF_GW_TITLE},
    {"TITLEMOD", -1, NF_GW_TITLEMOD},
    {"ORGSUF", -1, NF_GW_ORGSUF},
    {"ORGPRE", -1, NF_GW_ORGPRE},
    {"CUE_PER_AFTER", -1, NF_GW_CUE_PER_AFTER},
    {"CUE_PER_BEFORE", -1, NF_GW_CUE_PER_BEFORE},
    {"CUE_ORG_AFTER", -1, NF_GW_CUE_ORG_AFTER},
    {"CUE_ORG_BEFORE", -1, NF_GW_CUE_ORG_BEFORE},
    {"PARTICLE", -1, NF_GW_PARTICLE},
    {"ABBR", -1, NF_GW_ABBR},
    {"LOCPREP", -1, NF_GW_LOCPREP},
    {"ACRSTOP", -1, NF_GW_ACRSTOP},
    {"FUNC", -1, NF_GW_FUNC},
    {"LOCSUF", -1, NF_GW_LOCSUF},
    {"LOCPRE", -1, NF_GW_LOCPRE},
};

static char *next_field(char **p)
{
    char *s = *p;
    if (!s) {
        return NULL;
    }
    char *tab = strchr(s, '\t');
    if (tab) {
        *tab = '\0';
        *p = tab + 1;
    } else {
        *p = NULL;
    }
    return s;
}

static bool is_acronym(const char *s)
{
    unsigned letters = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 'a' && *p <= 'z') {
            return false;
        }
        if (*p >= 0x80) {
            return false;
        }
        if (*p >= 'A' && *p <= 'Z') {
            letters++;
        }
    }
    return letters >= 2;
}

static int add_line(nf_gaz *g, char *line, uint32_t only_types, uint32_t only_roles,
                    const char *relpath, size_t lineno, char *errstr, size_t errstr_size)
{
    char *p = line;
    char *phrase = next_field(&p);
    char *type = next_field(&p);
    char *country = next_field(&p);
    char *canonical = next_field(&p);
    char *weight = next_field(&p);
    if (!phrase || !type || !*phrase) {
        snprintf(errstr, errstr_size, "%s:%zu: want \"phrase<TAB>type[...]\"", relpath, lineno);
        return -1;
    }
    int ti = -1;
    for (size_t k = 0; k < sizeof type_names / sizeof type_names[0]; k++) {
        if (strcmp(type_names[k].name, type) == 0) {
            ti = (int)k;
            break;
        }
    }
    if (ti < 0) {
        snprintf(errstr, errstr_size, "%s:%zu: unknown type \"%s\"", relpath, lineno, type);
        return -1;
    }
    if (country && *country && strlen(country) != 2) {
        snprintf(errstr, errstr_size, "%s:%zu: country \"%s\" is not ISO 3166-1 alpha-2",
                 relpath, lineno, country);
        return -1;
    }
    int etype = type_names[ti].type;
    uint32_t role = type_names[ti].role;
    if (etype >= 0 ? !(only_types & (1u << etype)) : !(only_roles & role)) {
        return 0;
    }
    unsigned long w = weight && *weight ? strtoul(weight, NULL, 10) : 0;

    nf_toks toks;
    nf_arena_reset(&g->scratch);
    nf_tokenize(&g->scratch, phrase, strlen(phrase), &toks);
    if (toks.n == 0) {
        return 0;
    }
    uint32_t node = 0;
    for (uint32_t k = 0; k < toks.n; k++) {
        node = child_or_add(g, node, toks.v[k].hash);
    }
    nf_gaz_node *nd = &g->nodes[node];
    if (etype < 0) {
        nd->roles |= role;
        if (role == NF_GW_COMMON) {
            uint8_t lv = w > 0 && w < 255 ? (uint8_t)w : 50;
            if (!nd->common_level || lv < nd->common_level) {
                nd->common_level = lv;
            }
        } else if (role == NF_GW_GIVEN) {
            uint32_t r = w ? (uint32_t)w : 1;
            if (!nd->given_rank || r < nd->given_rank) {
                nd->given_rank = r;
            }
        } else if (role == NF_GW_SURNAME) {
            uint32_t r = w ? (uint32_t)w : 1;
            if (!nd->surname_rank || r < nd->surname_rank) {
                nd->surname_rank = r;
            }
        }
        return 0;
    }
    nd->roles |= NF_GW_ENTITY;
    if (g->n_pend == g->cap_pend) {
        g->cap_pend = g->cap_pend ? g->cap_pend * 2 : 4096;
        g->pend = nf_xrealloc(g->pend, g->cap_pend * sizeof *g->pend);
    }
    pending_entry *pe = &g->pend[g->n_pend];
    memset(pe, 0, sizeof *pe);
    pe->node = node;
    pe->seq = (uint32_t)g->n_pend;
    pe->e.type = (uint8_t)etype;
    pe->e.flags = is_acronym(phrase) ? NF_GAZ_EXACT_CASE : 0;
    if (country && *country) {
        memcpy(pe->e.country, country, 2);
    }
    pe->e.canonical = canonical && *canonical ? canonical : phrase;
    pe->e.weight = w > UINT32_MAX ? UINT32_MAX : (uint32_t)w;
    g->n_pend++;
    return 0;
}

int nf_gaz_load(nf_gaz *g, nf_gaz_reader read, void *rctx, const char *relpath,
                uint32_t only_types, uint32_t only_roles, char *errstr, size_t errstr_size)
{
    size_t len = 0;
    char *buf = read(rctx, relpath, &len, errstr, errstr_size);
    if (!buf) {
        return -1;
    }
    g->bufs = nf_xrealloc(g->bufs, (g->n_bufs + 1) * sizeof *g->bufs);
    g->bufs[g->n_bufs++] = buf;
    char *p = buf;
    size_t lineno = 0;
    while (p < buf + len) {
        char *nl = memchr(p, '\n', (size_t)(buf + len - p));
        char *end = nl ? nl : buf + len;
        *end = '\0';
        if (end > p && end[-1] == '\r') {
            end[-1] = '\0';
        }
        lineno++;
        if (*p && *p != '#') {
            if (add_line(g, p, only_types, only_roles, relpath, lineno, errstr, errstr_size) <
                0) {
                return -1;
            }
        }
        p = end + 1;
    }
    return 0;
}

static int cmp_pending(const void *a, const void *b)
{
    const pending_entry *x = a, *y = b;
    if (x->node != y->node) {
        return x->node < y->node ? -1 : 1;
    }
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void nf_gaz_freeze(nf_gaz *g)
{
    qsort(g->pend, g->n_pend, sizeof *g->pend, cmp_pending);
    g->entries = nf_xrealloc(g->entries, (g->n_pend ? g->n_pend : 1) * sizeof *g->entries);
    g->n_entries = 0;
    for (size_t k = 0; k < g->n_pend; k++) {
        nf_gaz_node *nd = &g->nodes[g->pend[k].node];
        if (nd->n_entries == 0) {
            nd->first = (uint32_t)g->n_entries;
        }
        if (nd->n_entries < UINT16_MAX) {
            nd->n_entries++;
            g->entries[g->n_entries++] = g->pend[k].e;
        }
    }
    free(g->pend);
    g->pend = NULL;
    g->n_pend = g->cap_pend = 0;

    /* Words with a role a lower-case word can have (titles, cues, particles, function words)
     * go into a second, small table: lower-case tokens are most of the text and are only ever
     * asked for these roles. */
    size_t n_small = 0;
    for (size_t k = 0; k < g->cap_edges; k++) {
        const edge *e = &g->edges[k];
        if (e->child != NF_GAZ_NONE && e->parent == 0 &&
            (g->nodes[e->child].roles & NF_GW_SMALL_MASK)) {
            n_small++;
        }
    }
    g->small_cap = 64;
    while (g->small_cap < n_small * 3) {
        g->small_cap *= 2;
    }
    free(g->small_h);
    free(g->small_r);
    g->small_h = nf_xcalloc(g->small_cap, sizeof *g->small_h);
    g->small_r = nf_xcalloc(g->small_cap, sizeof *g->small_r);
    for (size_t k = 0; k < g->cap_edges; k++) {
        const edge *e = &g->edges[k];
        if (e->child == NF_GAZ_NONE || e->parent != 0 ||
            !(g->nodes[e->child].roles & NF_GW_SMALL_MASK)) {
            continue;
        }
        size_t slot = (size_t)e->h & (g->small_cap - 1);
        while (g->small_h[slot]) {
            slot = (slot + 1) & (g->small_cap - 1);
        }
        g->small_h[slot] = e->h ? e->h : 1;
        g->small_r[slot] = g->nodes[e->child].roles;
    }
    nf_arena_fini(&g->scratch);
    nf_arena_init(&g->scratch, 1024);
}

const nf_gaz_node *nf_gaz_node_at(const nf_gaz *g, uint32_t node)
{
    return node < g->n_nodes ? &g->nodes[node] : NULL;
}

const nf_gaz_entry *nf_gaz_entries(const nf_gaz *g, uint32_t node, uint16_t *n)
{
    if (node >= g->n_nodes || !g->nodes[node].n_entries) {
        *n = 0;
        return NULL;
    }
    *n = g->nodes[node].n_entries;
    return &g->entries[g->nodes[node].first];
}

uint32_t nf_gaz_word(const nf_gaz *g, nf_tok *t)
{
    if (!t->looked) {
        t->node = nf_gaz_child(g, 0, t->hash);
        t->looked = 1;
    }
    return t->node;
}

void nf_gaz_prefetch_word(const nf_gaz *g, uint64_t h)
{
    if (g->cap_edges) {
        __builtin_prefetch(&g->edges[edge_slot(h, 0, g->cap_edges - 1)]);
    }
}

void nf_gaz_prefetch_node(const nf_gaz *g, uint32_t node)
{
    if (node < g->n_nodes) {
        __builtin_prefetch(&g->nodes[node]);
    }
}

uint32_t nf_gaz_roles(const nf_gaz *g, nf_tok *t)
{
    uint32_t nd = nf_gaz_word(g, t);
    return nd == NF_GAZ_NONE ? 0 : g->nodes[nd].roles;
}

uint32_t nf_gaz_small_roles(const nf_gaz *g, uint64_t h)
{
    if (!g->small_cap) {
        return 0;
    }
    for (size_t slot = (size_t)h & (g->small_cap - 1);; slot = (slot + 1) & (g->small_cap - 1)) {
        if (g->small_h[slot] == h) {
            return g->small_r[slot];
        }
        if (!g->small_h[slot]) {
            return 0;
        }
    }
}

size_t nf_gaz_n_nodes(const nf_gaz *g)
{
    return g->n_nodes;
}

size_t nf_gaz_n_entries(const nf_gaz *g)
{
    return g->n_entries;
}

size_t nf_gaz_memory(const nf_gaz *g)
{
    size_t m = g->cap_nodes * sizeof *g->nodes + g->cap_edges * sizeof *g->edges +
               g->n_entries * sizeof *g->entries;
    return m;
}

const char *nf_gaz_label(nf_gaz_type t)
{
    switch (t) {
    case NF_GAZ_COUNTRY:
    case NF_GAZ_ADM1:
    case NF_GAZ_CITY:
    case NF_GAZ_PLACE:
        return "GPE";
    case NF_GAZ_LOC:
        return "LOC";
    case NF_GAZ_NORP:
        return "NORP";
    case NF_GAZ_ORG:
        return "ORG";
    case NF_GAZ_PERSON:
        return "PERSON";
    default:
        return "MISC";
    }
}
