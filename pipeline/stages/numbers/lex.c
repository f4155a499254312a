/* numbers stage, part 1: the lexicon. Loads the data files under data/numbers/ into one hash
 * table of keys (number words, scale words, months, units, currency forms...) and the currency
 * classes used to resolve ambiguous symbols such as "$" by country. Runs once, at init. */

#include "pipeline/stages/numbers/numbers.h"

#include "common/tokens.h"
#include "common/xalloc.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEY 96

/* ---- Tokens ---------------------------------------------------------------------------- */

/* (each designator fills the 26 bytes from it on) */
const unsigned char nn_letter_lc[256] = {
    ['A'] = 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q',
    'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
    ['a'] = 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q',
    'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
};

/* A letter part with letters of other scripts ("González", "Łódź", a word of Hindi) after
 * ASCII blanks, cut and hashed in one pass as nn_tok_next's general path would (nf_tok_part
 * decodes and classifies each code point through calls: ~60 instructions a letter). False
 * when the part is not such a run or nn_high_letter_len does not decide a code point. */
static bool tok_letters(const unsigned char *u, size_t n, size_t pos, nn_tok *t)
{
    size_t i = pos;
    uint8_t ws = 0;
    while (i < n && (u[i] <= ' ' || u[i] == 0x7F)) {
        ws = (u[i] >= 0x0A && u[i] <= 0x0D) ? 2 : ws ? ws : 1; /* (nf_tok_part's PCLASS) */
        i++;
    }
    size_t j = i;
    uint32_t hl = NN_HASH_INIT;
    unsigned char lowbits = 0;
    bool ascii = true;
    while (j < n) {
        unsigned char c = u[j];
        if (c < 0x80) {
            if ((c | 0x20) < 'a' || (c | 0x20) > 'z') {
                break;
            }
            lowbits |= c;
            hl = nn_hash_step(hl, (unsigned char)(c | 0x20));
            j++;
            continue;
        }
        int l = nn_high_letter_len(u, n, j);
        if (l < 0) {
            return false;
        }
        if (l == 0) {
            break;
        }
        for (int k = 0; k < l; k++) {
            hl = nn_hash_step(hl, u[j + (size_t)k]);
        }
        ascii = false;
        j += (size_t)l;
    }
    if (j == i) {
        return false;
    }
    t->ws = ws;
    t->s = (uint32_t)i;
    t->e = (uint32_t)j;
    t->kind = TK_WORD;
    t->cap = u[i] >= 'A' && u[i] <= 'Z';
    t->tf = (uint8_t)((lowbits & 0x20 ? 0 : NN_TF_UPPER) | (ascii ? NN_TF_ASCII : 0));
    t->hash_lc = hl;
    return true;
}

/* The parts nn_tok_ascii does not cut, out of line: its callers' hot path keeps few registers. */
/* The parts that reach nn_tok_other most (c500: nine in ten) without nf_tok_part's general
 * reading: the end, an ASCII part after a line break, and one code point of punctuation or a
 * symbol of two or three bytes ("–", "’", "€", "£") after ASCII white space. False for the
 * others (letters of other scripts, other white space). */
static bool tok_common_other(const char *s, size_t n, size_t pos, nn_tok *t)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = pos;
    uint8_t ws = 0;
    while (i < n && (u[i] <= ' ' || u[i] == 0x7F)) {
        ws = (u[i] >= 0x0A && u[i] <= 0x0D) ? 2 : ws ? ws : 1; /* (nf_tok_part's PCLASS) */
        i++;
    }
    if (i >= n) {
        *t = (nn_tok){.s = (uint32_t)n, .e = (uint32_t)n, .kind = TK_END, .ws = ws,
                      .tf = NN_TF_ASCII, .hash_lc = NN_HASH_INIT};
        return true;
    }
    if (u[i] < 0x80) {
        if (!nn_tok_ascii(u, n, i, t)) {
            return false;
        }
        t->ws = ws;
        return true;
    }
    uint32_t cp;
    uint32_t len = nn_cp_at(s, n, i, &cp);
    if (nf_part_letter(cp) || nf_utf8_class(cp) == NF_CP_SPACE) {
        return false;
    }
    uint32_t hl = NN_HASH_INIT;
    for (uint32_t k = 0; k < len; k++) {
        hl = nn_hash_step(hl, u[i + k]); /* (bytes of 0x80 and above: nothing to fold) */
    }
    *t = (nn_tok){.s = (uint32_t)i, .e = (uint32_t)(i + len), .kind = TK_SYM, .ws = ws,
                  .tf = NN_TF_ASCII, .hash_lc = hl};
    return true;
}

void __attribute__((noinline)) nn_tok_other(const char *s, size_t n, size_t pos, nn_tok *t)
{
    const unsigned char *u = (const unsigned char *)s;
    if (tok_common_other(s, n, pos, t) || tok_letters(u, n, pos, t)) {
        return;
    }
    nf_part p;
    nf_tok_part(s, n, pos, &p);
    t->ws = p.ws;
    t->s = p.start;
    t->e = p.end;
    t->cap = false;
    t->tf = NN_TF_ASCII;
    uint32_t hl = NN_HASH_INIT;
    if (p.kind == NF_PART_END || p.kind == NF_PART_DIGITS) {
        t->kind = p.kind == NF_PART_END ? TK_END : TK_DIGITS;
        t->hash_lc = hl;
        return;
    }
    if (p.kind == NF_PART_OTHER) {
        for (uint32_t k = p.start; k < p.end; k++) {
            unsigned char c = u[k];
            hl = nn_hash_step(hl, (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c);
        }
        t->kind = TK_SYM;
        t->hash_lc = hl;
        return;
    }
    /* Letters: ASCII ones lower-cased, the bytes of others as they are. */
    t->cap = u[p.start] >= 'A' && u[p.start] <= 'Z';
    unsigned char lowbits = 0; /* bit 0x20 set once an ASCII letter is lower-case */
    uint8_t ascii = NN_TF_ASCII;
    for (uint32_t k = p.start; k < p.end; k++) {
        unsigned char c = u[k];
        if (c < 0x80) {
            lowbits |= c;
            hl = nn_hash_step(hl, (unsigned char)(c | 0x20));
        } else {
            ascii = 0;
            hl = nn_hash_step(hl, c);
        }
    }
    t->kind = TK_WORD;
    t->tf = (uint8_t)((lowbits & 0x20 ? 0 : NN_TF_UPPER) | ascii);
    t->hash_lc = hl;
}

void nn_tok_next(const char *s, size_t n, size_t pos, nn_tok *t)
{
    if (!nn_tok_ascii((const unsigned char *)s, n, pos, t)) {
        nn_tok_other(s, n, pos, t);
    }
}

/* ---- Hash table ------------------------------------------------------------------------ */

static uint32_t key_hash(const char *key, size_t len, int cs)
{
    uint32_t h = NN_HASH_INIT;
    for (size_t i = 0; i < len; i++) {
        h = nn_hash_step(h, (unsigned char)key[i]);
    }
    /* Case-sensitive and case-insensitive keys with the same bytes are different entries. */
    return cs ? h * 0x9E3779B1u : h;
}

/* The slot of entry \p k (from 0) under key hash \p h: the hash's high half as a fingerprint
 * (the slot's place takes its low bits) and k + 1 (never 0: an empty slot is 0). */
#define NN_MAX_ENTRIES 0xFFFFu
static inline uint32_t slot_of(uint32_t h, uint32_t k)
{
    return (h & 0xFFFF0000u) | (k + 1);
}

static inline void csfl_set(nn_lex *lx, const nn_entry *e)
{
    if (e->cs && e->key_len) {
        lx->csfl[(unsigned char)e->kin[0]] |= 1u << (e->key_len < 31 ? e->key_len : 31);
    }
}

/* False when no case-sensitive key has key's first byte and length. */
static inline bool csfl_may(const nn_lex *lx, const char *key, size_t len)
{
    return !len || ((lx->csfl[(unsigned char)key[0]] >> (len < 31 ? len : 31)) & 1u);
}

/* Eight bytes with their ASCII capitals lower-cased, without branches: a byte below 0x80
 * whose low seven bits are 0x41..0x5A gets 0x20. */
static inline uint64_t lower8(uint64_t x)
{
    uint64_t lo = x & 0x7F7F7F7F7F7F7F7Full;
    uint64_t ge_a = lo + 0x3F3F3F3F3F3F3F3Full; /* high bit: lo >= 0x41 */
    uint64_t gt_z = lo + 0x2525252525252525ull; /* high bit: lo >= 0x5B */
    uint64_t up = ge_a & ~gt_z & ~x & 0x8080808080808080ull;
    return x | (up >> 2);
}

static inline uint64_t load8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* The text's bytes [0, len) lower-cased against the stored (lower-case) key: eight bytes at
 * a time, the last eight overlapping (no byte is read outside either); four to seven bytes as
 * two overlapping halves; below four byte by byte. */
static inline bool fold_eq(const char *key, const char *text, size_t len)
{
    if (len >= 4 && len < 8) {
        /* two four-byte halves, overlapping: "million", "percent", "year" */
        uint32_t t0, t1, k0, k1;
        memcpy(&t0, text, 4);
        memcpy(&t1, text + len - 4, 4);
        memcpy(&k0, key, 4);
        memcpy(&k1, key + len - 4, 4);
        uint64_t t = (uint64_t)t0 | ((uint64_t)t1 << 32), k = (uint64_t)k0 | ((uint64_t)k1 << 32);
        return lower8(t) == k;
    }
    if (len < 8) {
        for (size_t k = 0; k < len; k++) {
            char c = text[k];
            if (((c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c) != key[k]) {
                return false;
            }
        }
        return true;
    }
    uint64_t diff = 0;
    for (size_t k = 0; k + 8 < len; k += 8) {
        diff |= lower8(load8(text + k)) ^ load8(key + k);
    }
    return !(diff | (lower8(load8(text + len - 8)) ^ load8(key + len - 8)));
}

static inline uint32_t load4(const char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* fold_eq when every byte of the text is an ASCII letter (a word token of nn_tok_ascii) and
 * there are one to eight: a letter | 0x20 is its small letter, equal to a key byte only when
 * that byte is the same small letter, so the text is lower-cased by one OR (the key's bytes are
 * compared as stored). One to three bytes as three bytes (first, middle, last: all of them),
 * four to eight as two overlapping halves. */
static inline bool letters_eq(const char *key, const char *text, size_t len)
{
    const unsigned char *k = (const unsigned char *)key, *t = (const unsigned char *)text;
    if (len < 4) {
        uint32_t tx = t[0] | (uint32_t)t[len >> 1] << 8 | (uint32_t)t[len - 1] << 16;
        uint32_t kx = k[0] | (uint32_t)k[len >> 1] << 8 | (uint32_t)k[len - 1] << 16;
        return (tx | 0x202020u) == kx;
    }
    return !(((load4(text) | 0x20202020u) ^ load4(key)) |
             ((load4(text + len - 4) | 0x20202020u) ^ load4(key + len - 4)));
}

enum { EQ_BYTES, EQ_FOLD, EQ_LETTERS }; /* key_eq's comparisons */

/* The key bytes \p key against entry \p e (number \p k): as written (EQ_BYTES), or with ASCII
 * capitals of the text lower-cased (keys of case-insensitive entries are stored lower-cased):
 * any text (EQ_FOLD), a text of ASCII letters only (EQ_LETTERS: one to eight bytes). A key of
 * up to eight bytes is compared in the entry's own line (kin), a longer one in the pool. */
static inline bool key_eq(const nn_lex *lx, const nn_entry *e, uint32_t k, const char *key,
                          size_t len, int cs, int eq)
{
    if (e->key_len != len || e->cs != cs) {
        return false;
    }
    if (eq == EQ_LETTERS) {
        return letters_eq(e->kin, key, len);
    }
    const char *kb = len <= sizeof e->kin ? e->kin : lx->keys[k];
    return eq == EQ_BYTES ? memcmp(kb, key, len) == 0 : fold_eq(kb, key, len);
}

/* The one probe of the open-addressing table (linear, by the hash's high half kept in the
 * slot: a false match costs a key compare once in 65536 used slots passed); inlined with a
 * constant \p eq in each caller. No bit filter before it: a word
 * that is no key stops at the first (empty) slot, one cache line as a filter's bit would be,
 * and a word that is a key would pay the filter's line on top of the slot's and the entry's
 * (an 8 KB filter before this 32 KB table: 8% of the stage's simulated data-cache misses). */
static inline const nn_entry *probe(const nn_lex *lx, uint32_t h, const char *key, size_t len,
                                    int cs, int eq)
{
    if (!lx->n_slots) {
        return NULL;
    }
    uint32_t mask = lx->n_slots - 1;
    for (uint32_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t slot = lx->slots[i];
        if (!slot) {
            return NULL;
        }
        if ((slot ^ h) >> 16) {
            continue;
        }
        uint32_t k = (slot & 0xFFFFu) - 1;
        const nn_entry *e = &lx->entries[k];
        if (key_eq(lx, e, k, key, len, cs, eq)) {
            return e;
        }
    }
}

static const nn_entry *lookup_h(const nn_lex *lx, uint32_t h, const char *key, size_t len, int cs)
{
    return probe(lx, h, key, len, cs, EQ_BYTES);
}

static const nn_entry *__attribute__((noinline)) lex_get_body(const nn_lex *lx, const char *key,
                                                               size_t len, int cs)
{
    return lookup_h(lx, key_hash(key, len, cs), key, len, cs);
}

const nn_entry *nn_lex_get(const nn_lex *lx, const char *key, size_t len, int cs)
{
    /* Half the case-sensitive asks stop at this filter: before the body's registers are saved
     * (the body is a tail call). */
    if (cs && !csfl_may(lx, key, len)) {
        return NULL;
    }
    return lex_get_body(lx, key, len, cs);
}

const nn_entry *nn_lex_get_h(const nn_lex *lx, uint32_t h, const char *key, size_t len, int cs)
{
    if (cs && !csfl_may(lx, key, len)) {
        return NULL;
    }
    return lookup_h(lx, cs ? h * 0x9E3779B1u : h, key, len, cs);
}

const nn_entry *__attribute__((noinline)) nn_lex_get_lc(const nn_lex *lx, uint32_t h, const char *text,
                                                        size_t len)
{
    return probe(lx, h, text, len, 0, EQ_FOLD);
}

const nn_entry *nn_lex_get_tok(const nn_lex *lx, const char *s, const nn_tok *t)
{
    const char *text = s + t->s;
    size_t len = t->e - t->s;
    if (t->kind != TK_WORD || !(t->tf & NN_TF_ASCII) || len > 8) {
        return nn_lex_get_lc(lx, t->hash_lc, text, len); /* (a tail call) */
    }
#ifndef NDEBUG
    for (size_t i = 0; i < len; i++) {
        assert(((text[i] | 0x20) >= 'a' && (text[i] | 0x20) <= 'z'));
    }
#endif
    return probe(lx, t->hash_lc, text, len, 0, EQ_LETTERS);
}

static const char *pool_add(nn_lex *lx, const char *s, size_t len)
{
    /* The pool only grows while loading and entries point into it, so it is sized once with a
     * generous bound (the data files' total size) before anything is added. */
    if (lx->pool_len + len + 1 > lx->pool_cap) {
        abort();
    }
    char *d = lx->pool + lx->pool_len;
    memcpy(d, s, len);
    d[len] = '\0';
    lx->pool_len += len + 1;
    return d;
}

static void rehash(nn_lex *lx, uint32_t n_slots)
{
    free(lx->slots);
    lx->slots = nf_xcalloc(n_slots, sizeof *lx->slots);
    lx->n_slots = n_slots;
    memset(lx->csfl, 0, sizeof lx->csfl);
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        uint32_t mask = n_slots - 1;
        uint32_t h = key_hash(lx->keys[k], e->key_len, e->cs);
        uint32_t i = h & mask;
        while (lx->slots[i]) {
            i = (i + 1) & mask;
        }
        lx->slots[i] = slot_of(h, k);
        csfl_set(lx, e);
    }
}

/* The entry for key (created empty if absent). */
static nn_entry *entry_for(nn_lex *lx, const char *key, size_t len, int cs)
{
    nn_entry *e = (nn_entry *)nn_lex_get(lx, key, len, cs);
    if (e) {
        return e;
    }
    if (lx->n_entries == NN_MAX_ENTRIES) {
        abort(); /* (slot_of's 16 bits of index: the data has ~1 700 keys) */
    }
    if (lx->n_entries == lx->cap_entries) {
        lx->cap_entries = lx->cap_entries ? lx->cap_entries * 2 : 1024;
        /* (64-aligned: an entry is one cache line; sizeof(nn_entry) is 64) */
        nn_entry *grown = aligned_alloc(64, lx->cap_entries * sizeof *lx->entries);
        if (!grown) {
            abort();
        }
        if (lx->n_entries) {
            memcpy(grown, lx->entries, lx->n_entries * sizeof *lx->entries);
        }
        free(lx->entries);
        lx->entries = grown;
        lx->keys = nf_xrealloc(lx->keys, lx->cap_entries * sizeof *lx->keys);
    }
    lx->keys[lx->n_entries] = pool_add(lx, key, len);
    e = &lx->entries[lx->n_entries++];
    memset(e, 0, sizeof *e);
    memcpy(e->kin, key, len < sizeof e->kin ? len : sizeof e->kin);
    e->key_len = (uint16_t)len;
    e->cs = (uint8_t)cs;
    e->cur_class = -1;
    if (lx->n_entries * 2 > lx->n_slots) {
        rehash(lx, lx->n_slots ? lx->n_slots * 2 : 4096);
    } else {
        uint32_t mask = lx->n_slots - 1;
        uint32_t h = key_hash(key, len, cs);
        uint32_t i = h & mask;
        while (lx->slots[i]) {
            i = (i + 1) & mask;
        }
        lx->slots[i] = slot_of(h, lx->n_entries - 1);
        csfl_set(lx, e);
    }
    return e;
}

/* Normalise a form from a data file into its key: whitespace runs become one space, ASCII
 * letters are lower-cased unless cs. Marks every token prefix of a multi-token key with
 * NL_PREFIX. @returns the entry, or NULL when the form is empty or too long. */
static nn_entry *add_key(nn_lex *lx, const char *form, int cs)
{
    char key[MAX_KEY];
    size_t klen = 0, n = strlen(form);
    size_t ends[16];
    size_t ntok = 0;
    nn_tok t;
    for (size_t pos = 0;; pos = t.e) {
        nn_tok_next(form, n, pos, &t);
        if (t.kind == TK_END) {
            break;
        }
        size_t tl = t.e - t.s;
        if (klen + tl + 1 >= sizeof key || ntok == 16) {
            return NULL;
        }
        if (ntok && t.ws) {
            key[klen++] = ' ';
        }
        for (size_t k = 0; k < tl; k++) {
            char c = form[t.s + k];
            key[klen++] = (!cs && c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
        }
        ends[ntok++] = klen;
    }
    if (!ntok) {
        return NULL;
    }
    for (size_t k = 0; k + 1 < ntok; k++) {
        nn_entry *pe = entry_for(lx, key, ends[k], cs);
        pe->roles |= NL_PREFIX;
        /* (the next token starts after the blank the key has before it, if any) */
        size_t b = ends[k] + (key[ends[k]] == ' ');
        if (k == 0) {
            pe->next_first |= nn_next_bit((unsigned char)key[b]);
            if (key[b] >= '0' && key[b] <= '9') {
                lx->digit_second |= nn_next_bit((unsigned char)key[0]);
            }
        }
    }
    if (ntok > lx->max_tokens) {
        lx->max_tokens = (uint8_t)ntok;
    }
    return entry_for(lx, key, klen, cs);
}

/* ---- TSV reading ----------------------------------------------------------------------- */

typedef struct tsv {
    const char *path;         /* for messages */
    char *data;               /* the file, modified in place */
    char *p;                  /* next line */
    unsigned line;            /* current line number */
    char *col[6];             /* columns of the current line */
    int ncol;
} tsv;

static bool tsv_next(tsv *t)
{
    while (t->p && *t->p) {
        char *line = t->p;
        char *nl = strchr(line, '\n');
        if (nl) {
            *nl = '\0';
            t->p = nl + 1;
        } else {
            t->p = NULL;
        }
        t->line++;
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r') {
            line[--len] = '\0';
        }
        if (!len || line[0] == '#') {
            continue;
        }
        t->ncol = 0;
        for (char *c = line; c && t->ncol < 6;) {
            t->col[t->ncol++] = c;
            c = strchr(c, '\t');
            if (c) {
                *c++ = '\0';
            }
        }
        for (int k = t->ncol; k < 6; k++) {
            t->col[k] = "";
        }
        return true;
    }
    return false;
}

static int tsv_err(const tsv *t, char *errstr, size_t errstr_size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int tsv_err(const tsv *t, char *errstr, size_t errstr_size, const char *fmt, ...)
{
    if (errstr && errstr_size) {
        char msg[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        snprintf(errstr, errstr_size, "numbers: %s:%u: %s", t->path, t->line, msg);
    }
    return -1;
}

static bool has_flag(const char *flags, const char *flag)
{
    size_t fl = strlen(flag);
    for (const char *p = flags; *p;) {
        const char *comma = strchr(p, ',');
        size_t l = comma ? (size_t)(comma - p) : strlen(p);
        if (l == fl && memcmp(p, flag, l) == 0) {
            return true;
        }
        if (!comma) {
            break;
        }
        p = comma + 1;
    }
    return false;
}

static bool parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) {
        return false;
    }
    *out = v;
    return true;
}

/* ---- The files ------------------------------------------------------------------------- */

static int load_words(nn_lex *lx, tsv *t, char *errstr, size_t errstr_size)
{
    while (tsv_next(t)) {
        const char *word = t->col[0], *type = t->col[1], *val = t->col[2], *flags = t->col[3];
        long v = 0;
        /* (flag cs: the key as written only - "pc" is a percent, "PC" a computer) */
        bool cs = strcmp(type, "abbr") == 0 || has_flag(flags, "cs");
        nn_entry *e = add_key(lx, word, cs);
        if (!e) {
            return tsv_err(t, errstr, errstr_size, "bad word '%s'", word);
        }
        if (strcmp(type, "num") == 0 || strcmp(type, "ord") == 0 || strcmp(type, "mult") == 0) {
            if (!parse_int(val, 0, 1000, &v)) {
                return tsv_err(t, errstr, errstr_size, "bad value '%s'", val);
            }
            e->roles |= type[0] == 'n' ? NL_NUM : type[0] == 'o' ? NL_ORD : NL_MULT;
            e->num = (int32_t)v;
        } else if (strcmp(type, "scale") == 0 || strcmp(type, "abbr") == 0 ||
                   strcmp(type, "ordscale") == 0) {
            if (!parse_int(val, 1, 15, &v)) {
                return tsv_err(t, errstr, errstr_size, "bad power of ten '%s'", val);
            }
            e->roles |= type[0] == 's' ? NL_SCALE : type[0] == 'a' ? NL_ABBR : NL_ORDSCALE;
            e->scale = (int8_t)v;
            if (type[0] == 'a') {
                e->abbr_flags = (uint8_t)((has_flag(flags, "glue") ? AB_GLUE : 0) |
                                          (has_flag(flags, "sep") ? AB_SEP : 0) |
                                          (has_flag(flags, "money") ? AB_MONEY : 0) |
                                          (has_flag(flags, "dec") ? AB_DEC : 0) |
                                          (has_flag(flags, "big") ? AB_BIG : 0) |
                                          (has_flag(flags, "count") ? AB_COUNT : 0));
            }
        } else if (strcmp(type, "frac") == 0) {
            if (!parse_int(val, 2, 100, &v)) {
                return tsv_err(t, errstr, errstr_size, "bad denominator '%s'", val);
            }
            e->roles |= NL_FRAC;
            e->frac = (uint8_t)v;
        } else if (strcmp(type, "mod") == 0) {
            static const char *const mods[] = {"", "approx", "gt", "lt", "ge", "le"};
            int m = 0;
            for (int k = 1; k < 6; k++) {
                if (strcmp(val, mods[k]) == 0) {
                    m = k;
                }
            }
            if (!m) {
                return tsv_err(t, errstr, errstr_size, "bad modifier '%s'", val);
            }
            e->roles |= NL_MOD;
            e->mod = (uint8_t)m;
        } else if (strcmp(type, "relmod") == 0) {
            if (!parse_int(val, -1, 1, &v)) {
                return tsv_err(t, errstr, errstr_size, "bad relmod '%s'", val);
            }
            e->roles |= NL_RELMOD;
            e->rel = (int8_t)v;
        } else if (strcmp(type, "pct") == 0) {
            e->roles |= NL_PCT;
            e->pct = strcmp(val, "pp") == 0   ? PCT_PP
                     : strcmp(val, "bp") == 0 ? PCT_BP
                                              : PCT_PERCENT;
        } else if (strcmp(type, "neg") == 0) {
            e->roles |= NL_NEG;
        } else if (strcmp(type, "det") == 0) {
            e->roles |= NL_DET;
        } else if (strcmp(type, "prep") == 0) {
            e->roles |= NL_PREP;
        } else if (strcmp(type, "func") == 0) {
            e->roles |= NL_FUNC;
        } else if (strcmp(type, "ago") == 0) {
            e->roles |= NL_AGO;
        } else if (strcmp(type, "point") == 0) {
            e->roles |= NL_POINT;
        } else {
            return tsv_err(t, errstr, errstr_size, "unknown type '%s'", type);
        }
    }
    return 0;
}

/* A holiday's name \p word on a fixed day ("christmas day" 12-25): its entry gets NL_HOLIDAY and
 * the day; its last word NL_HOLEND (a trigger: "day", "eve", "halloween"), and the last byte
 * of the word before that goes into nn_lex.holprev. */
static int add_holiday(nn_lex *lx, const char *word, const char *val)
{
    static const int8_t mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int mo = 0, d = 0;
    if (sscanf(val, "%2d-%2d", &mo, &d) != 2 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1]) {
        return -1;
    }
    nn_entry *e = add_key(lx, word, 0);
    if (!e) {
        return -1;
    }
    e->roles |= NL_HOLIDAY;
    e->month = (uint8_t)mo;
    e->num = d;
    size_t n = strlen(word);
    nn_tok t, last = {0}, before = {0};
    for (size_t pos = 0;; pos = t.e) {
        nn_tok_next(word, n, pos, &t);
        if (t.kind == TK_END) {
            break;
        }
        before = last;
        last = t;
    }
    char lw[64];
    size_t ll = last.e - last.s;
    if (ll == 0 || ll >= sizeof lw) {
        return -1;
    }
    memcpy(lw, word + last.s, ll);
    lw[ll] = 0;
    nn_entry *le = add_key(lx, lw, 0); /* (after the last use of e: the table may move) */
    if (!le) {
        return -1;
    }
    le->roles |= NL_HOLEND;
    if (before.e > before.s) {
        unsigned char c = (unsigned char)(word[before.e - 1] | 0x20);
        lx->holprev[c >> 6] |= 1ull << (c & 63);
    }
    return 0;
}

/* "HH:MM" (00:00-23:59) as minutes of the day; -1 when it is not one. */
static long clock_minutes(const char *val)
{
    char hh[3] = {val[0], val[0] ? val[1] : 0, 0};
    long h, m;
    if (strlen(val) != 5 || val[2] != ':' || !parse_int(hh, 0, 23, &h) ||
        !parse_int(val + 3, 0, 59, &m)) {
        return -1;
    }
    return h * 60 + m;
}

static int load_calendar(nn_lex *lx, tsv *t, char *errstr, size_t errstr_size)
{
    while (tsv_next(t)) {
        const char *word = t->col[0], *type = t->col[1], *val = t->col[2], *flags = t->col[3];
        long v = 0;
        if (strcmp(type, "holiday") == 0) {
            if (add_holiday(lx, word, val) != 0) {
                return tsv_err(t, errstr, errstr_size, "bad holiday '%s\t%s'", word, val);
            }
            continue;
        }
        nn_entry *e = add_key(lx, word, 0);
        if (!e) {
            return tsv_err(t, errstr, errstr_size, "bad word '%s'", word);
        }
        uint8_t cf = (uint8_t)((has_flag(flags, "abbr") ? CAL_ABBR : 0) |
                               (has_flag(flags, "weak") ? CAL_WEAK : 0));
        if (strcmp(type, "month") == 0 && parse_int(val, 1, 12, &v)) {
            e->roles |= NL_MONTH;
            e->month = (uint8_t)v;
            e->cal_flags |= cf;
        } else if (strcmp(type, "weekday") == 0 && parse_int(val, 1, 7, &v)) {
            e->roles |= NL_WEEKDAY;
            e->weekday = (uint8_t)v;
            e->cal_flags |= cf;
        } else if (strcmp(type, "dur") == 0 && strlen(val) >= 1 && strlen(val) <= 2) {
            e->roles |= NL_DUR;
            memcpy(e->dur, val, strlen(val) + 1);
            e->cal_flags |= has_flag(flags, "pair") ? CAL_PAIR : 0; /* "fortnight": two weeks */
        } else if (strcmp(type, "rel") == 0 && parse_int(val, -7, 7, &v)) {
            e->roles |= NL_REL;
            e->rel = (int8_t)v;
        } else if (strcmp(type, "relday") == 0 && strcmp(val, "0") == 0) {
            e->roles |= NL_RELDAY;
            e->cal_flags |= has_flag(flags, "work") ? CAL_WORK : 0; /* "weekday" */
        } else if (strcmp(type, "relunit") == 0 && strcmp(val, "0") == 0) {
            e->roles |= NL_RELUNIT;
        } else if (strcmp(type, "weekend") == 0 && strcmp(val, "0") == 0) {
            e->roles |= NL_WEEKEND;
        } else if (strcmp(type, "clockword") == 0 && (v = clock_minutes(val)) >= 0) {
            e->roles |= NL_CLOCKWORD;
            e->num = (int32_t)v;
        } else if (strcmp(type, "dayside") == 0 && parse_int(val, -1, 1, &v) && v != 0 &&
                   (has_flag(flags, "before_day") || has_flag(flags, "after_day"))) {
            e->roles |= NL_DAYSIDE | (has_flag(flags, "head") ? NL_RELHEAD : 0);
            e->relday = (int8_t)v;
            e->relday_flags |= (uint8_t)((has_flag(flags, "before_day") ? RD_BEFORE_DAY : 0) |
                                         (has_flag(flags, "after_day") ? RD_AFTER_DAY : 0));
        } else {
            return tsv_err(t, errstr, errstr_size, "bad entry '%s\t%s\t%s'", word, type, val);
        }
    }
    return 0;
}

static int load_units(nn_lex *lx, tsv *t, char *errstr, size_t errstr_size)
{
    while (tsv_next(t)) {
        const char *form = t->col[0], *unit = t->col[1], *flags = t->col[2];
        bool cs = has_flag(flags, "cs");
        if (has_flag(flags, "only_glued")) {
            size_t fl = strlen(form);
            long max = 0;
            if (lx->n_glued_units >= NN_MAX_GLUED_UNITS || !*unit || fl < 1 || fl > 8 ||
                (*t->col[3] && !parse_int(t->col[3], 1, 65535, &max))) {
                return tsv_err(t, errstr, errstr_size, "bad only_glued unit '%s'", form);
            }
            lx->glued_units[lx->n_glued_units].max = (uint16_t)max;
            lx->glued_units[lx->n_glued_units].form = pool_add(lx, form, fl);
            lx->glued_units[lx->n_glued_units].unit = pool_add(lx, unit, strlen(unit));
            lx->glued_units[lx->n_glued_units++].len = (uint8_t)fl;
            continue;
        }
        nn_entry *e = add_key(lx, form, cs);
        if (!e || !*unit) {
            return tsv_err(t, errstr, errstr_size, "bad unit '%s'", form);
        }
        e->roles |= NL_UNIT;
        e->unit = pool_add(lx, unit, strlen(unit));
        e->unit_flags = (uint8_t)((cs ? UF_CS : 0) | (has_flag(flags, "glue") ? UF_GLUE : 0) |
                                  (has_flag(flags, "weak") ? UF_WEAK : 0) |
                                  (has_flag(flags, "feet") ? UF_FEET : 0));
    }
    return 0;
}

static int class_index(const nn_lex *lx, const char *name)
{
    for (uint32_t k = 0; k < lx->n_classes; k++) {
        if (strcmp(lx->classes[k].name, name) == 0) {
            return (int)k;
        }
    }
    return -1;
}

static int load_classes(nn_lex *lx, tsv *t, char *errstr, size_t errstr_size)
{
    uint32_t cap = 0;
    while (tsv_next(t)) {
        if (strlen(t->col[1]) != 3) {
            return tsv_err(t, errstr, errstr_size, "bad default code '%s'", t->col[1]);
        }
        if (lx->n_classes == cap) {
            cap = cap ? cap * 2 : 32;
            lx->classes = nf_xrealloc(lx->classes, cap * sizeof *lx->classes);
        }
        nn_class *c = &lx->classes[lx->n_classes++];
        c->name = pool_add(lx, t->col[0], strlen(t->col[0]));
        c->def = pool_add(lx, t->col[1], 3);
        c->first_cc = c->n_cc = 0;
    }
    return 0;
}

static int load_country(nn_lex *lx, tsv *t, char *errstr, size_t errstr_size)
{
    uint32_t cap = 0;
    int prev = -1;
    while (tsv_next(t)) {
        int ci = class_index(lx, t->col[0]);
        if (ci < 0) {
            /* Rows for a class nobody refers to are harmless; skip them. */
            continue;
        }
        if (strlen(t->col[1]) != 2 || strlen(t->col[2]) != 3) {
            return tsv_err(t, errstr, errstr_size, "bad row '%s\t%s'", t->col[1], t->col[2]);
        }
        nn_class *c = &lx->classes[ci];
        if (ci != prev) {
            if (c->n_cc) {
                return tsv_err(t, errstr, errstr_size, "rows of class '%s' are not together",
                               t->col[0]);
            }
            c->first_cc = (uint16_t)lx->n_cc;
            prev = ci;
        }
        if (lx->n_cc == cap) {
            cap = cap ? cap * 2 : 256;
            lx->cc = nf_xrealloc(lx->cc, cap * sizeof *lx->cc);
        }
        nn_cc *r = &lx->cc[lx->n_cc++];
        memcpy(r->country, t->col[1], 3);
        r->code = pool_add(lx, t->col[2], 3);
        c->n_cc++;
    }
    return 0;
}

/* A minor unit glued to the amount as one lower-case letter ("85p", "99c"; kind "glued"):
 * kept by letter, apart from the lexicon keys (a lone "p" or "c" is no currency). */
static int load_glued_minor(nn_lex *lx, const char *form, const char *target)
{
    if (form[0] < 'a' || form[0] > 'z' || form[1]) {
        return -1;
    }
    int k = form[0] - 'a';
    if (target[0] == '@') {
        int cls = class_index(lx, target + 1);
        if (cls < 0) {
            return -1;
        }
        lx->glued_class[k] = (int16_t)(cls + 1);
    } else if (strlen(target) == 3) {
        lx->glued_code[k] = pool_add(lx, target, 3);
    } else {
        return -1;
    }
    return 0;
}

static int load_forms(nn_lex *lx, tsv *t, char *errstr, size_t errstr_size)
{
    while (tsv_next(t)) {
        const char *form = t->col[0], *target = t->col[1], *kind = t->col[2], *flags = t->col[3];
        uint8_t ck = strcmp(kind, "code") == 0    ? CK_CODE
                     : strcmp(kind, "word") == 0  ? CK_WORD
                     : strcmp(kind, "minor") == 0 ? CK_MINOR
                     : strcmp(kind, "sat") == 0   ? CK_SAT
                     : strcmp(kind, "sym") == 0   ? CK_SYM
                                                  : 0;
        if (!ck && strcmp(kind, "glued") == 0) {
            if (load_glued_minor(lx, form, target) != 0) {
                return tsv_err(t, errstr, errstr_size, "bad glued form '%s' -> '%s'", form, target);
            }
            continue;
        }
        if (!ck) {
            return tsv_err(t, errstr, errstr_size, "bad kind '%s'", kind);
        }
        uint8_t cf = (uint8_t)((has_flag(flags, "wordlike") ? CF_WORDLIKE : 0) |
                               (has_flag(flags, "lc") ? CF_LC : 0) |
                               (has_flag(flags, "weak") ? CF_WEAK : 0) |
                               (has_flag(flags, "before") ? CF_BEFORE : 0) |
                               (has_flag(flags, "weak_words") ? CF_WEAK_WORDS : 0) |
                               (has_flag(flags, "tenth") ? CF_TENTH : 0));
        int cls = -1;
        const char *code = NULL;
        if (target[0] == '@') {
            cls = class_index(lx, target + 1);
            if (cls < 0) {
                return tsv_err(t, errstr, errstr_size, "unknown class '%s'", target);
            }
        } else if (strlen(target) == 3) {
            code = pool_add(lx, target, 3);
        } else {
            return tsv_err(t, errstr, errstr_size, "bad target '%s'", target);
        }
        /* Codes and symbols are matched as written; a code flagged "lc" also lower-case.
         * Words are case-insensitive. */
        int n_keys = 0;
        nn_entry *keys[3];
        size_t fl = strlen(form);
        if (ck == CK_CODE || ck == CK_SYM) {
            keys[n_keys++] = add_key(lx, form, 1);
            if (ck == CK_SYM && fl >= 2 && form[fl - 1] == '$') {
                /* "mxn$", "hk$": letters glued to '$' in any case */
                keys[n_keys++] = add_key(lx, form, 0);
            }
            if (ck == CK_CODE && (cf & CF_LC)) {
                char low[8];
                size_t l = strlen(form);
                for (size_t k = 0; k < l && k < 7; k++) {
                    low[k] = (char)((form[k] >= 'A' && form[k] <= 'Z') ? form[k] | 0x20 : form[k]);
                }
                low[l < 7 ? l : 7] = '\0';
                keys[n_keys++] = add_key(lx, low, 1);
            }
        } else {
            keys[n_keys++] = add_key(lx, form, 0);
        }
        for (int k = 0; k < n_keys; k++) {
            nn_entry *e = keys[k];
            if (!e) {
                return tsv_err(t, errstr, errstr_size, "bad form '%s'", form);
            }
            if (e->roles & NL_CUR) {
                continue; /* first form wins (the generator sorts, so this is stable) */
            }
            e->roles |= NL_CUR;
            if ((ck == CK_CODE || ck == CK_SYM) && memchr(nn_lex_key(lx, e), ' ', e->key_len)) {
                lx->cur_blank = true;
            }
            e->cur_kind = ck;
            e->cur_flags = cf;
            e->cur_class = (int16_t)cls;
            e->cur_code = code;
        }
    }
    return 0;
}

static int apply_defaults(nf_numbers_ctx *ctx, char *errstr, size_t errstr_size)
{
    nn_lex *lx = &ctx->lex;
    for (size_t k = 0; k < ctx->currency_defaults.n; k++) {
        const char *item = ctx->currency_defaults.items[k];
        const char *colon = strchr(item, ':');
        char name[32];
        if (!colon || (size_t)(colon - item) >= sizeof name || strlen(colon + 1) != 3) {
            snprintf(errstr, errstr_size,
                     "stage.numbers.currency_defaults: bad item '%s' (expected class:CODE, "
                     "e.g. dollar:CAD)", item);
            return -1;
        }
        memcpy(name, item, (size_t)(colon - item));
        name[colon - item] = '\0';
        int ci = class_index(lx, name);
        if (ci < 0) {
            snprintf(errstr, errstr_size,
                     "stage.numbers.currency_defaults: unknown class '%s' (see "
                     "data/numbers/currency_classes.tsv)", name);
            return -1;
        }
        char code[4];
        for (int i = 0; i < 3; i++) {
            char c = colon[1 + i];
            code[i] = (char)((c >= 'a' && c <= 'z') ? c - 32 : c);
        }
        code[3] = '\0';
        lx->classes[ci].def = pool_add(lx, code, 3);
    }
    return 0;
}

/* Cue words (tense.tsv, cues.tsv): at most 255 letters a word, lower case ASCII, one cue a
 * word across both files. */
/* A tense suffix row of tense.tsv ("*ed	past"): \p sfx, lower-case letters, 1..7 of them;
 * \p cue future, past or aux. */
static int tense_suffix(nn_lex *lx, tsv *t, const char *sfx, const char *cue, char *errstr,
                        size_t errstr_size)
{
    static const char *const TENSES[] = {"future", "past", "aux"};
    size_t len = strlen(sfx);
    int c = 0;
    for (int k = 0; k < 3; k++) {
        c = strcmp(cue, TENSES[k]) == 0 ? CUE_FUTURE + k : c;
    }
    bool ok = len >= 1 && len < sizeof lx->tense_sfx[0].text && c &&
              lx->n_tense_sfx < sizeof lx->tense_sfx / sizeof lx->tense_sfx[0];
    for (size_t k = 0; ok && k < len; k++) {
        ok = sfx[k] >= 'a' && sfx[k] <= 'z';
    }
    if (!ok) {
        return tsv_err(t, errstr, errstr_size,
                       "bad tense suffix '*%s' %s (at most 4 suffixes of 1-7 lower-case "
                       "letters, cue future, past or aux)", sfx, cue);
    }
    memcpy(lx->tense_sfx[lx->n_tense_sfx].text, sfx, len + 1);
    lx->tense_sfx[lx->n_tense_sfx].len = (uint8_t)len;
    lx->tense_sfx[lx->n_tense_sfx].cue = (uint8_t)c;
    lx->n_tense_sfx++;
    return 0;
}

static int load_cues(nn_lex *lx, tsv *t, char *errstr, size_t errstr_size)
{
    static const char *const NAMES[CUE_COUNT] = {
        "",      "future",     "past",         "aux",         "ident",
        "ident_bare", "score_before", "score_after", "time_after", "mark", "workday", "cur_before",
        "day_prep", "fiscal", "banknote", "amount_end", "np_det", "idiom", "clock_after",
        "no_tense", "after_verb", "clause",
    };
    /* (in the order of the CUEF_* bits) */
    static const char *const FLAGS[] = {"price",     "tally",      "place",     "street",
                                        "counted",   "a_unit",     "end_link",  "end_word",
                                        "year_link", "range_open", "range_and", "day_at",
                                        "range_to",  "dim_link",   "poss",      "band_part",
                                        "margin",    "band_at",    "band_link", "fy_year",
                                        "year_approx", "approx_count", "year_zero",
                                        "clock_past", "clock_to", "period_end",
                                        "past_side", "span_end",   "present",   "cause_to",
                                        "be_to",     "defer",      "defer_to",  "period_to",
                                        "change",    "to_idiom",   "schedule",  "scale",      "score_unit",
                                        "person_obj", "name_and",  "past_lead", "list_link",
                                        "rank_next", "superlative", "anaphor"};
    _Static_assert(sizeof FLAGS / sizeof *FLAGS <= 8 * sizeof(nn_cueflags), "a CUEF_* bit per flag");
    /* The files are small: the table starts at 256 slots and doubles (rehashing) at half
     * load. */
    uint32_t used = 0;
    for (uint32_t k = 0; k < lx->n_cue_slots; k++) {
        used += lx->cues[k].word != NULL;
    }
    if (!lx->cues) {
        lx->n_cue_slots = 256;
        lx->cues = nf_xcalloc(lx->n_cue_slots, sizeof *lx->cues);
    }
    while (tsv_next(t)) {
        const char *word = t->col[0], *cue = t->col[1];
        size_t len = strlen(word);
        if (word[0] == '*') {
            if (tense_suffix(lx, t, word + 1, cue, errstr, errstr_size) != 0) {
                return -1;
            }
            continue;
        }
        bool ok = len >= 1 && len <= 255;
        for (size_t k = 0; ok && k < len; k++) {
            /* (an inner hyphen: the idioms of one hyphenated compound, "one-sided") */
            ok = (word[k] >= 'a' && word[k] <= 'z') ||
                 (word[k] == '-' && k > 0 && k + 1 < len && word[k - 1] != '-');
        }
        if (!ok) {
            return tsv_err(t, errstr, errstr_size,
                           "bad word '%s' (lower-case a-z, inner hyphens only)", word);
        }
        /* flags (CUEF_*) a word may have besides its cue ("paid", "voted" are also past-tense
         * cues, "on" a day_prep): they mark the entry there is, or make one without a cue. */
        nn_cueflags flag = 0;
        for (size_t k = 0; k < sizeof FLAGS / sizeof *FLAGS; k++) {
            flag |= strcmp(cue, FLAGS[k]) == 0 ? NN_CUEF_BIT(k) : 0;
        }
        if ((flag & CUEF_FY_YEAR) || strcmp(cue, NAMES[CUE_FISCAL]) == 0) {
            lx->fiscalfl[word[0] - 'a'] |= 1u << (len < 31 ? len : 31);
        }
        if (flag & (CUEF_YEAR_LINK | CUEF_RANGE_OPEN | CUEF_RANGE_AND | CUEF_DAY_AT | CUEF_RANGE_TO |
                    CUEF_PERIOD_TO)) {
            lx->linkfl[word[0] - 'a'][nn_cue_last(word[len - 1])] |= 1u << (len < 31 ? len : 31);
        }
        nn_cue *had = (nn_cue *)nn_cue_slot(lx, word, len);
        if (had && (flag || had->cue == CUE_NONE)) {
            had->flags |= flag;
            if (!flag) {
                lx->cuefl[word[0] - 'a'][nn_cue_last(word[len - 1])] |= 1u << (len < 31 ? len : 31);
                had->cue = 0;
                for (int k = 1; k < CUE_COUNT; k++) {
                    had->cue = strcmp(cue, NAMES[k]) == 0 ? (uint8_t)k : had->cue;
                }
                if (!had->cue) {
                    return tsv_err(t, errstr, errstr_size, "bad cue '%s'", cue);
                }
            }
            continue;
        }
        int c = 0;
        for (int k = 1; k < CUE_COUNT; k++) {
            if (strcmp(cue, NAMES[k]) == 0) {
                c = k;
            }
        }
        if (!c && !flag) {
            return tsv_err(t, errstr, errstr_size,
                           "bad cue '%s' (future, past, aux, ident, ident_bare, score_before, "
                           "score_after, time_after, mark, workday, cur_before, day_prep, fiscal, "
                           "banknote, amount_end, np_det, idiom, clock_after, no_tense, "
                           "after_verb, clause; flags: "
                           "price, tally, "
                           "place, street, counted, a_unit, end_link, end_word, year_link, "
                           "range_open, range_and, day_at, range_to, dim_link, poss, band_part, "
                           "margin, band_at, band_link, fy_year, year_approx, approx_count, "
                           "year_zero, clock_past, clock_to, period_end, past_side, span_end, "
                           "present, cause_to, be_to, defer, defer_to, period_to, to_idiom, change, "
                           "schedule, scale, score_unit, person_obj, name_and, past_lead, list_link, rank_next, "
                           "superlative, anaphor)",
                           cue);
        }
        if (nn_cue_of(lx, word, len) != CUE_NONE) {
            return tsv_err(t, errstr, errstr_size, "'%s' is listed twice", word);
        }
        if (2 * (used + 1) > lx->n_cue_slots) {
            nn_cue *old = lx->cues;
            uint32_t n_old = lx->n_cue_slots;
            lx->n_cue_slots *= 2;
            lx->cues = nf_xcalloc(lx->n_cue_slots, sizeof *lx->cues);
            for (uint32_t k = 0; k < n_old; k++) {
                if (old[k].word) {
                    uint32_t i = old[k].hash & (lx->n_cue_slots - 1);
                    while (lx->cues[i].word) {
                        i = (i + 1) & (lx->n_cue_slots - 1);
                    }
                    lx->cues[i] = old[k];
                }
            }
            free(old);
        }
        uint32_t h = key_hash(word, len, 0);
        uint32_t i = h & (lx->n_cue_slots - 1);
        while (lx->cues[i].word) {
            i = (i + 1) & (lx->n_cue_slots - 1);
        }
        lx->cues[i] = (nn_cue){pool_add(lx, word, len), h, (uint8_t)len, (uint8_t)c, flag};
        if (c) { /* (a flag-only word is asked through nn_cue_slot, past no filter) */
            lx->cuefl[word[0] - 'a'][nn_cue_last(word[len - 1])] |= 1u << (len < 31 ? len : 31);
        }
        used++;
    }
    return 0;
}

const nn_cue *nn_cue_slot(const nn_lex *lx, const char *w, size_t len)
{
    if (!lx->cues || len == 0 || len > 255) {
        return NULL;
    }
    uint32_t h = NN_HASH_INIT;
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)w[k];
        h = nn_hash_step(h, c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    for (uint32_t i = h & (lx->n_cue_slots - 1); lx->cues[i].word;
         i = (i + 1) & (lx->n_cue_slots - 1)) {
        const nn_cue *c = &lx->cues[i];
        if (c->hash == h && c->len == len) {
            size_t k = 0;
            while (k < len && (w[k] | 0x20) == c->word[k]) {
                k++;
            }
            if (k == len) {
                return c;
            }
        }
    }
    return NULL;
}

int nn_cue_find(const nn_lex *lx, const char *w, size_t len)
{
    const nn_cue *c = nn_cue_slot(lx, w, len);
    return c ? c->cue : CUE_NONE;
}

/* ---- Public ---------------------------------------------------------------------------- */

static const char *const FILES[] = {
    "numbers/words.tsv",           "numbers/calendar.tsv",         "numbers/units.tsv",
    "numbers/currency_classes.tsv", "numbers/currency_country.tsv", "numbers/currency_forms.tsv",
    "numbers/tense.tsv",           "numbers/cues.tsv",
};
#define N_FILES (sizeof FILES / sizeof FILES[0])

/* Set bit (second-last letter, 26: none or not a letter) of l2[last letter] for the word \p w
 * of \p key (lookback_mod's first filter). */
static void mod_l2(uint32_t l2[26], const char *key, const nn_tok *w)
{
    unsigned char l = (unsigned char)(key[w->e - 1] | 0x20);
    unsigned char b = w->e - w->s >= 2 ? (unsigned char)(key[w->e - 2] | 0x20) : 0;
    if (l >= 'a' && l <= 'z') {
        l2[l - 'a'] |= 1u << (b >= 'a' && b <= 'z' ? b - 'a' : 26);
    }
}

/* Set bit (nn_word_sig >> 54) of \p sig for the word \p w of \p key, which nn_finish compares
 * with the run of letters before a number: a word of other bytes can never be that run, so it
 * sets every bit (the filter then lets every word through to the reader, which decides). */
static void mod_sig(uint64_t sig[16], const char *key, const nn_tok *w)
{
    for (uint32_t k = w->s; k < w->e; k++) {
        if (((unsigned char)key[k] | 0x20) < 'a' || ((unsigned char)key[k] | 0x20) > 'z') {
            memset(sig, 0xFF, 16 * sizeof sig[0]);
            return;
        }
    }
    uint64_t h = nn_word_sig((const unsigned char *)key + w->s, w->e - w->s, w->e - w->s) >> 54;
    sig[h >> 6] |= 1ull << (h & 63);
}

/* Whether cue \p c passes the tensefl filter (any cue: a word the filter lets through is
 * whichever cue the table has for it). */
static bool tense_listed(const nn_lex *lx, const nn_cue *c)
{
    unsigned char f = (unsigned char)c->word[0], l = (unsigned char)c->word[c->len - 1];
    return f >= 'a' && f <= 'z' && l >= 'a' && l <= 'z' &&
           (lx->tensefl[(f & 31) * 32 + (l & 31)] & (1u << (c->len < 15 ? c->len : 15)));
}

/* tense_words from tensefl: the cue words that pass it, by first and last letter (counted,
 * then placed); where each cell's words begin goes into the cell's high 16 bits. */
static void tense_words(nn_lex *lx)
{
    uint32_t at[32 * 32 + 1] = {0};
    free(lx->tense_words);
    lx->tense_words = NULL;
    uint32_t n = 0;
    for (uint32_t i = 0; lx->cues && i < lx->n_cue_slots; i++) {
        const nn_cue *c = &lx->cues[i];
        if (c->word && c->len && tense_listed(lx, c)) {
            at[(c->word[0] & 31) * 32 + (c->word[c->len - 1] & 31) + 1]++;
            n++;
        }
    }
    for (uint32_t k = 1; k <= 32 * 32; k++) {
        at[k] += at[k - 1];
    }
    lx->tense_words = nf_xcalloc(n ? n : 1, sizeof *lx->tense_words);
    uint32_t fill[32 * 32];
    memcpy(fill, at, sizeof fill);
    for (uint32_t i = 0; lx->cues && i < lx->n_cue_slots; i++) {
        const nn_cue *c = &lx->cues[i];
        if (c->word && c->len && tense_listed(lx, c)) {
            nn_tense_word *t = &lx->tense_words[fill[(c->word[0] & 31) * 32 + (c->word[c->len - 1] & 31)]++];
            unsigned char tail[8] = {0};
            size_t k = c->len < 8 ? c->len : 8;
            memcpy(tail + 8 - k, c->word + c->len - k, k);
            memcpy(&t->tail8, tail, 8);
            t->head8 = 0;
            if (c->len > 8) {
                memcpy(&t->head8, c->word, 8);
            }
            t->flags = c->flags;
            t->len = c->len;
            t->cue = c->cue;
        }
    }
    for (uint32_t k = 0; k <= 32 * 32; k++) {
        lx->tensefl[k] |= (at[k] < 0xFFFFu ? at[k] : 0xFFFFu) << 16; /* (a few hundred words) */
    }
}

/* The filters of the rules' own cue kinds (identsig: reference nouns; scoreufl: score units;
 * tensefl: verb tense) from the loaded cue table. */
static void cue_filters(nn_lex *lx)
{
    memset(lx->identsig, 0, sizeof lx->identsig);
    memset(lx->workdaysig, 0, sizeof lx->workdaysig);
    memset(lx->scoreufl, 0, sizeof lx->scoreufl);
    memset(lx->tensefl, 0, sizeof lx->tensefl);
    for (uint32_t i = 0; lx->cues && i < lx->n_cue_slots; i++) {
        const nn_cue *c = &lx->cues[i];
        if (!c->word || !c->len) {
            continue;
        }
        uint32_t bit = 1u << (c->len < 31 ? c->len : 31);
        unsigned char f = (unsigned char)c->word[0], l = (unsigned char)c->word[c->len - 1];
        if (f < 'a' || f > 'z' || l < 'a' || l > 'z') {
            continue; /* (cue words are lower-case letters: the loader says so) */
        }
        if (c->cue == CUE_IDENT || c->cue == CUE_IDENT_BARE) {
            uint64_t h = nn_word_sig((const unsigned char *)c->word, c->len, c->len) >> 54;
            lx->identsig[h >> 6] |= 1ull << (h & 63);
        }
        if (c->cue == CUE_WORKDAY) {
            uint64_t h = nn_word_sig((const unsigned char *)c->word, c->len, c->len) >> 54;
            lx->workdaysig[h >> 6] |= 1ull << (h & 63);
        }
        if (c->flags & CUEF_SCORE_UNIT) {
            lx->scoreufl[f - 'a'] |= bit;
        }
        /* (a defer verb by its suffix, "postponed", is looked up for its flag) */
        if (c->cue == CUE_FUTURE || c->cue == CUE_PAST || c->cue == CUE_AUX ||
            c->cue == CUE_NO_TENSE || c->cue == CUE_CLAUSE || (c->flags & CUEF_DEFER)) {
            lx->tensefl[(f & 31) * 32 + (l & 31)] |= 1u << (c->len < 15 ? c->len : 15);
        }
    }
    tense_words(lx); /* (before bit 0 is set: it is no length) */
    for (uint32_t k = 0; k < lx->n_tense_sfx; k++) {
        unsigned char l = (unsigned char)lx->tense_sfx[k].text[lx->tense_sfx[k].len - 1];
        for (uint32_t f = 'a'; f <= 'z' && l >= 'a' && l <= 'z'; f++) {
            lx->tensefl[(f & 31) * 32 + (l & 31)] |= 1;
        }
    }
}

/* True when key \p e whose first \p tl bytes are letters ("S$", "US$", "A$") is reached only
 * through a word glued to the '$' or digit after them: the main loops always look at such a
 * word (NB_WEND, wend_looks), so the letters alone need no bit in the prefilters, unless the
 * word itself, lower-cased, has a role that on_word reads without that byte (a currency or
 * the head of a longer key: "us" of "us dollar", a number word, a month, "a"...). The words
 * this keeps out ("s" after an apostrophe: "Trump's"; "U" and "S" of "U.S.") made on_word
 * look for nothing. */
static bool glued_only(const nn_lex *lx, const nn_entry *e, size_t tl)
{
    const char *key = nn_lex_key(lx, e);
    /* (the key itself glued, or a prefix entry of such keys only: "S" of "S$") */
    bool glued = tl < e->key_len && (key[tl] == '$' || (key[tl] >= '0' && key[tl] <= '9'));
    if (!(glued || (tl == e->key_len && e->roles == NL_PREFIX)) || tl > 8) {
        return false;
    }
    char lc[8];
    for (size_t i = 0; i < tl; i++) {
        lc[i] = (char)(key[i] | 0x20);
    }
    if (lc[0] == 'a' && (tl == 1 || (tl == 2 && lc[1] == 'n'))) {
        return false;
    }
    const nn_entry *le = nn_lex_get(lx, lc, tl, 0);
    if (le && (le->roles & (NL_TRIGGER | NL_CUR | NL_PCT | NL_PCTHEAD))) {
        return false;
    }
    /* A prefix entry only as the head of glued keys ("s" of "s$"): on_word's currency rules
     * would find no key without the '$'. Any key that goes on otherwise ("us dollar") keeps
     * the word. */
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *o = &lx->entries[k];
        unsigned char c = (unsigned char)(o->key_len > tl ? nn_lex_key(lx, o)[tl] : 'a');
        /* (a letter after the first tl bytes: another word, "september" for "s") */
        bool other_word = c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        if (!other_word && !(c == '$' || (c >= '0' && c <= '9'))) {
            size_t i = 0;
            while (i < tl && (nn_lex_key(lx, o)[i] | 0x20) == lc[i]) {
                i++;
            }
            if (i == tl) {
                return false;
            }
        }
    }
    return true;
}

/* The main loop's prefilters (wsig, tsig) over the loaded keys. */
static void trigger_filters(nn_lex *lx)
{
    /* The main-loop prefilter: first token of every key that can start a mention. "a"/"an"
     * start "a dozen", "a year ago"; case-sensitive currency forms start "USD 5", "US$5". */
    memset(lx->wsig, 0, sizeof lx->wsig);
    memset(lx->tsig, 0, sizeof lx->tsig);
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        /* (a one-word lower-case currency name starts "dollar 22.5 million":
         * money_word_before) */
        bool cur_word = (e->roles & NL_CUR) && e->cur_kind == CK_WORD && !e->cs &&
                        nn_cue_of(lx, nn_lex_key(lx, e), e->key_len) == CUE_CUR_BEFORE;
        bool trig = (e->roles & NL_TRIGGER) || (e->cs && (e->roles & (NL_CUR | NL_PREFIX))) ||
                    cur_word ||
                    ((e->roles & NL_PCT) && e->pct == PCT_PERCENT) ||
                    (e->key_len <= 2 && nn_lex_key(lx, e)[0] == 'a' && (e->key_len == 1 || nn_lex_key(lx, e)[1] == 'n'));
        if (!trig) {
            continue;
        }
        size_t tl = 0;
        while (tl < e->key_len && ((nn_lex_key(lx, e)[tl] | 0x20) >= 'a' && (nn_lex_key(lx, e)[tl] | 0x20) <= 'z')) {
            tl++;
        }
        if (tl == 0) {
            continue; /* symbols and non-Latin keys are not reached through this filter */
        }
        if (glued_only(lx, e, tl)) {
            continue;
        }
        /* (letters only: | 0x20 lower-cases them as the scanner does) */
        uint64_t sig = nn_word_sig((const unsigned char *)nn_lex_key(lx, e), (uint32_t)tl, tl);
        nn_wblock_set(lx->wsig, sig);
        /* (nf_fold_hash lower-cases ASCII letters as the token layer's hash does) */
        uint64_t th = nf_fold_hash(nn_lex_key(lx, e), tl);
        nn_tblock_set(lx->tsig, th);
    }
    /* The byte loop's filter alone also holds the finance shorthand of every three-letter
     * currency code ("MUSD", "KEUR": nn_match_currency), so that skip_idle needs no test of
     * its own for four-letter words that start with 'M' or 'K' (a few of them, and a lower-
     * case "musd", now reach on_word, which makes nothing of them). */
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        if (!(e->roles & NL_CUR) || e->cur_kind != CK_CODE || e->key_len != 3) {
            continue;
        }
        unsigned char mk[4] = {'m', (unsigned char)nn_lex_key(lx, e)[0], (unsigned char)nn_lex_key(lx, e)[1],
                               (unsigned char)nn_lex_key(lx, e)[2]};
        nn_wblock_set(lx->wsig, nn_word_sig(mk, 4, 4));
        mk[0] = 'k';
        nn_wblock_set(lx->wsig, nn_word_sig(mk, 4, 4));
    }
}

/* What the main loop does at each byte (nn_lex.bclass). */
static void byte_classes(nn_lex *lx)
{
    for (int c = 0; c < 256; c++) {
        uint8_t b = 0;
        if (c >= '0' && c <= '9') {
            b = NB_DIGIT | NB_WEND;
        } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            b = NB_ALPHA | ((c == 'M' || c == 'K') ? NB_MK : 0);
        } else if (c >= 0x80) {
            b = NB_HIGH | NB_WEND;
        } else if (c == '$' || c == '.') {
            b = NB_SYM | NB_WEND;
        } else if (c == '#' || c == '%') {
            b = NB_SYM;
        } else if (c == '@' || c == ':' || c == '-') {
            b = NB_WEND;
        }
        if (c == '+' || c == '(' || c == '-' || c == 0x92) {
            b |= NB_DPRE;
        }
        lx->bclass[c] = b;
    }
}

/* Mark the first word of every percent key ("percent"; "per" of "per cent") as a head
 * (NL_PCTHEAD). */
static void pct_heads(nn_lex *lx)
{
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        if ((e->roles & NL_PCT) && e->pct == PCT_PERCENT) {
            nn_tok t;
            nn_tok_next(nn_lex_key(lx, e), e->key_len, 0, &t);
            /* (the head exists: it is the key itself or a prefix entry of it) */
            nn_entry *h = (nn_entry *)nn_lex_get(lx, nn_lex_key(lx, e), t.e - t.s, e->cs);
            if (h) {
                h->roles |= NL_PCTHEAD;
            }
        }
    }
}

/* Two bits of the byte loop's signature of \p key in nn_lex.awsig, when it is one run of
 * ASCII letters (the scanner's token after "a" is such a run; other keys cannot be it). */
static void awsig_set(nn_lex *lx, const char *key, size_t len)
{
    for (size_t k = 0; k < len; k++) {
        if (((key[k] | 0x20) < 'a' || (key[k] | 0x20) > 'z')) {
            return;
        }
    }
    uint64_t sig = nn_word_sig((const unsigned char *)key, (uint32_t)len, len);
    uint32_t a = nn_wsig_a(sig) & (NN_ASIG_BITS - 1), b = nn_wsig_b(sig) & (NN_ASIG_BITS - 1);
    lx->awsig[a >> 5] |= 1u << (a & 31);
    lx->awsig[b >> 5] |= 1u << (b & 31);
}

/* The filter of the word after "a"/"an" and whether on_word may use it. */
static void article_filters(nn_lex *lx)
{
    /* The filter of the word after "a"/"an" (asig). Only keys of ASCII letters: the main loop
     * uses it for such words only (where the shared hash is that of the lower-cased bytes). */
    memset(lx->asig, 0, sizeof lx->asig);
    memset(lx->awsig, 0, sizeof lx->awsig);
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        if (e->cs || !(e->roles & NN_A_NEXT)) {
            continue;
        }
        uint64_t th = nf_fold_hash(nn_lex_key(lx, e), e->key_len);
        uint32_t ta = nn_tsig_a(th) & (NN_ASIG_BITS - 1), tb = nn_tsig_b(th) & (NN_ASIG_BITS - 1);
        lx->asig[ta >> 6] |= 1ull << (ta & 63);
        lx->asig[tb >> 6] |= 1ull << (tb & 63);
        awsig_set(lx, nn_lex_key(lx, e), e->key_len);
    }
    awsig_set(lx, "couple", 6);
    /* "a few days ago": the word of cues.tsv approx_count after the article (nn_a_unit) */
    for (uint32_t k = 0; k < lx->n_cue_slots; k++) {
        const nn_cue *c = &lx->cues[k];
        if (c->word && (c->flags & CUEF_APPROX_COUNT)) {
            awsig_set(lx, c->word, c->len);
            lx->few_hash = nf_fold_hash(c->word, c->len);
            lx->few_lc = c->hash;
        }
    }
    /* on_word reads the word after a lower-case "a"/"an" only when they have none of the roles
     * it asks before that (a month, a number word...): otherwise the filter is not used. */
    lx->a_plain = true;
    for (int k = 0; k < 2; k++) {
        const nn_entry *e = nn_lex_get(lx, k ? "an" : "a", k ? 2 : 1, 0);
        if (e && (e->roles & (NL_TRIGGER | NL_PCTHEAD))) {
            lx->a_plain = false;
        }
    }
}

/* The bit of the lower-case letter \p w[\p k] (nn_lex.ago_first, in_last). */
static uint32_t letter_bit(const char *w, size_t k)
{
    return 1u << ((w[k] | 0x20) - 'a');
}

/* Two bits of the shared token hash \p h in a filter of \p bits bits. */
static void sig_set(uint64_t *sig, uint32_t bits, uint64_t h)
{
    uint32_t a = nn_tsig_a(h) & (bits - 1), b = nn_tsig_b(h) & (bits - 1);
    sig[a >> 6] |= 1ull << (a & 63);
    sig[b >> 6] |= 1ull << (b & 63);
}

/* The filters of heads whose mention depends on the word after them (nn_lex.ssig, nsig,
 * anum, rmsig, rsig; idle_head in scan.c). Keys are cut into parts as the scanner cuts text
 * (nn_tok_next); the filters hold the token layer's hash of a part (nf_fold_hash): a text word
 * equal to a part up to ASCII case has the same. After pct_heads. */
/* nn_lex.sym1: the one-byte keys as written, looked up once. */
static void one_byte_keys(nn_lex *lx)
{
    for (unsigned c = 0; c < 128; c++) {
        char key = (char)c;
        lx->sym1[c] = nn_lex_get(lx, &key, 1, 1);
    }
}

/* The bits of the one-part key \p key[0..len) in nn_lex.pxsig (a longer one is no token). */
static void pxsig_set(nn_lex *lx, const char *key, size_t len)
{
    nn_tok p1, p2;
    nn_tok_next(key, len, 0, &p1);
    nn_tok_next(key, len, p1.e, &p2);
    if (p1.kind == TK_WORD && p2.kind == TK_END) {
        uint32_t w;
        uint64_t b = nn_pxsig_bits(p1.hash_lc, &w);
        lx->pxsig[w] |= b;
    }
}

/* nn_lex.pxsig: the one-part keys a parser step takes (roles NN_PX_WORD; case-sensitive ones
 * too: px_scale asks "M", "bn" as written), the plurals nn_plural_entry reads back to an
 * ordinal or fraction word, and the words px_point, px_over and px_and compare. */
static void px_word_filter(nn_lex *lx)
{
    static const char *const own[] = {"point", "over", "and"};
    memset(lx->pxsig, 0, sizeof lx->pxsig);
    for (size_t k = 0; k < sizeof own / sizeof own[0]; k++) {
        pxsig_set(lx, own[k], strlen(own[k]));
    }
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        if (!(e->roles & NN_PX_WORD)) {
            continue;
        }
        pxsig_set(lx, nn_lex_key(lx, e), e->key_len);
        char plural[64];
        if ((e->roles & (NL_ORD | NL_FRAC | NL_ORDSCALE)) && (size_t)e->key_len + 2 <= sizeof plural) {
            memcpy(plural, nn_lex_key(lx, e), e->key_len);
            plural[e->key_len] = 's';
            plural[e->key_len + 1] = '\0';
            pxsig_set(lx, plural, e->key_len + 1u);
        }
    }
}

static void head_filters(nn_lex *lx)
{
    memset(lx->ssig, 0, sizeof lx->ssig);
    memset(lx->strong, 0, sizeof lx->strong);
    memset(lx->nsig, 0, sizeof lx->nsig);
    memset(lx->anum, 0, sizeof lx->anum);
    memset(lx->rmsig, 0, sizeof lx->rmsig);
    memset(lx->rsig, 0, sizeof lx->rsig);
    memset(lx->rw2, 0, sizeof lx->rw2);
    memset(lx->pl2, 0, sizeof lx->pl2);
    memset(lx->hsig, 0, sizeof lx->hsig);
    memset(lx->hwsig, 0, sizeof lx->hwsig);
    const uint32_t own = NL_TRIGGER | NL_CUR | NL_PCT;
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        nn_tok p1, p2;
        nn_tok_next(nn_lex_key(lx, e), e->key_len, 0, &p1);
        if (p1.kind == TK_END) {
            continue;
        }
        if (!(p1.tf & NN_TF_ASCII) || p1.kind != TK_WORD) {
            sig_set(lx->hsig, NN_ASIG_BITS, nf_fold_hash(nn_lex_key(lx, e) + p1.s, p1.e - p1.s));
            sig_set(lx->hwsig, NN_ASIG_BITS, nn_hsig_of(p1.hash_lc));
        }
        nn_tok_next(nn_lex_key(lx, e), e->key_len, p1.e, &p2);
        if (p2.kind != TK_END) {
            sig_set(lx->nsig, NN_WSIG_BITS, nf_fold_hash(nn_lex_key(lx, e) + p2.s, p2.e - p2.s));
            continue;
        }
        uint64_t h = nf_fold_hash(nn_lex_key(lx, e) + p1.s, p1.e - p1.s);
        bool article = e->key_len <= 2 && (nn_lex_key(lx, e)[0] | 0x20) == 'a' &&
                       (e->key_len == 1 || (nn_lex_key(lx, e)[1] | 0x20) == 'n');
        if ((e->roles & own) || article) {
            sig_set(lx->ssig, NN_WSIG_BITS, h);
            if (!article && (e->cs || (e->roles & (own | NL_PCTHEAD)) != NL_RELMOD)) {
                nn_tblock_set(lx->strong, h);
            }
        }
        if (e->cs) {
            continue;
        }
        if (e->roles & NN_A_NEXT & ~NL_DUR) {
            sig_set(lx->anum, NN_ASIG_BITS, h);
        }
        if ((e->roles & (NL_ORD | NL_FRAC | NL_ORDSCALE)) && e->key_len >= 2) {
            unsigned a = (unsigned)(((unsigned char)nn_lex_key(lx, e)[e->key_len - 2] | 0x20) - 'a');
            unsigned b = (unsigned)(((unsigned char)nn_lex_key(lx, e)[e->key_len - 1] | 0x20) - 'a');
            if (a < 26 && b < 26) {
                lx->pl2[b] |= 1u << a;
            }
        }
        if (e->roles & NL_RELMOD) {
            sig_set(lx->rmsig, NN_ASIG_BITS, h);
        }
        if (e->roles & (NL_MONTH | NL_WEEKDAY | NL_DUR)) {
            sig_set(lx->rsig, NN_ASIG_BITS, h);
        }
        unsigned char k0 = (unsigned char)nn_lex_key(lx, e)[0], k1 = e->key_len > 1 ? (unsigned char)nn_lex_key(lx, e)[1] : 0;
        if ((e->roles & (NL_MONTH | NL_WEEKDAY | NL_DUR | NL_RELUNIT)) && k0 >= 'a' && k0 <= 'z') {
            /* (a second byte above ASCII: the text's is too, and nn_word_after_idle does not
             * decide) */
            if (k1 >= 'a' && k1 <= 'z') {
                lx->rw2[k0 - 'a'] |= 1u << (k1 - 'a');
            } else if (k1 < 0x80) {
                lx->rw2[k0 - 'a'] |= 1u << 26;
            }
        }
    }
    /* "a dollar" (cues.tsv a_unit; word rule a_currency): "a" is read before those words, as
     * before a number word (anum: whatever follows them) */
    for (uint32_t k = 0; k < lx->n_cue_slots; k++) {
        if (lx->cues[k].word && (lx->cues[k].flags & CUEF_A_UNIT)) {
            uint64_t h = nf_fold_hash(lx->cues[k].word, lx->cues[k].len);
            sig_set(lx->asig, NN_ASIG_BITS, h);
            awsig_set(lx, lx->cues[k].word, lx->cues[k].len);
            sig_set(lx->anum, NN_ASIG_BITS, h);
            lx->a_unit_first |= 1u << (lx->cues[k].word[0] - 'a');
        }
        if (lx->cues[k].word && (lx->cues[k].flags & CUEF_DIM_LINK)) {
            lx->dim_first |= 1u << (lx->cues[k].word[0] - 'a');
        }
    }
    memset(lx->wdfl, 0, sizeof lx->wdfl);
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        if (!(e->roles & NL_WEEKDAY)) {
            continue;
        }
        bool ascii = e->key_len > 0 && e->key_len < 32;
        for (uint32_t j = 0; ascii && j < e->key_len; j++) {
            ascii = (nn_lex_key(lx, e)[j] | 0x20) >= 'a' && (nn_lex_key(lx, e)[j] | 0x20) <= 'z';
        }
        if (!ascii) {
            memset(lx->wdfl, 0xFF, sizeof lx->wdfl);
            break;
        }
        lx->wdfl[nn_lex_key(lx, e)[0] & 31][nn_lex_key(lx, e)[e->key_len - 1] & 31] |= 1u << e->key_len;
    }
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        unsigned char last = e->key_len ? (unsigned char)(nn_lex_key(lx, e)[e->key_len - 1] | 0x20) : 0;
        if ((e->roles & NL_NEG) && e->key_len < 32 && last >= 'a' && last <= 'z') {
            lx->neg_len |= 1u << e->key_len;
            lx->neg_last |= 1u << (last - 'a');
        }
    }
    lx->ago_hash = nf_fold_hash("ago", 3);
    lx->from_hash = nf_fold_hash("from", 4);
    lx->after_hash = nf_fold_hash("after", 5);
    lx->before_hash = nf_fold_hash("before", 6);
    lx->in_hash = nf_fold_hash("in", 2);
    lx->within_hash = nf_fold_hash("within", 6);
    lx->ago_first = letter_bit("ago", 0) | letter_bit("from", 0) | letter_bit("after", 0) |
                    letter_bit("before", 0);
    lx->in_last = letter_bit("in", 1) | letter_bit("within", 5);
    lx->couple_hash = nf_fold_hash("couple", 6);
    /* "A", "An": their case-sensitive entries (prefixes of "A$") and the lower-case ones read
     * by the currency rules lead to no currency of one part. */
    lx->a_cap_plain = lx->a_plain;
    static const char *const forms[] = {"A", "An", "a", "an"};
    for (int k = 0; k < 4; k++) {
        const nn_entry *e = nn_lex_get(lx, forms[k], strlen(forms[k]), k < 2);
        if (e && (e->roles & (NL_CUR | NL_PCT | NL_PCTHEAD | NL_TRIGGER))) {
            lx->a_cap_plain = false;
        }
    }
}

/* The look-back filters of the modifier keys ("about", "more than"): lookback_mod asks
 * them before it reads a word. */
static void modifier_filters(nn_lex *lx)
{
    memset(lx->modtail, 0, sizeof lx->modtail);
    memset(lx->modword, 0, sizeof lx->modword);
    memset(lx->modl2, 0, sizeof lx->modl2);
    memset(lx->modsig, 0, sizeof lx->modsig);
    memset(lx->modonesig, 0, sizeof lx->modonesig);
    memset(lx->modwsig, 0, sizeof lx->modwsig);
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        if (!(e->roles & NL_MOD)) {
            continue;
        }
        nn_tok t, last = {0};
        int words = 0;
        for (size_t pos = 0;; pos = t.e, words++) {
            nn_tok_next(nn_lex_key(lx, e), e->key_len, pos, &t);
            if (t.kind == TK_END) {
                break;
            }
            lx->modword[(t.hash_lc & 1023) >> 5] |= 1u << (t.hash_lc & 31);
            if (last.kind != TK_END) {
                mod_sig(lx->modwsig, nn_lex_key(lx, e), &last);
            }
            last = t;
        }
        lx->modtail[(last.hash_lc & 1023) >> 5] |= 1u << (last.hash_lc & 31);
        mod_l2(lx->modl2, nn_lex_key(lx, e), &last);
        mod_sig(lx->modsig, nn_lex_key(lx, e), &last);
        if (words == 1) {
            mod_sig(lx->modonesig, nn_lex_key(lx, e), &last);
        }
    }
}

int nf_numbers_load(nf_numbers_ctx *ctx, nn_read_fn read, void *arg, char *errstr,
                    size_t errstr_size)
{
    nn_lex *lx = &ctx->lex;
    char *data[N_FILES] = {0};
    size_t total = 0;
    int rc = -1;
    for (size_t k = 0; k < N_FILES; k++) {
        size_t len = 0;
        data[k] = read(arg, FILES[k], &len, errstr, errstr_size);
        if (!data[k]) {
            goto fail;
        }
        total += len;
    }
    /* Every string ends up in the pool at most twice (key, plus a lower-case code variant),
     * plus the option overrides. */
    lx->pool_cap = 8 * total + 4096 + 8 * ctx->currency_defaults.n;
    lx->pool = nf_xmalloc(lx->pool_cap);
    int (*loaders[N_FILES])(nn_lex *, tsv *, char *, size_t) = {
        load_words, load_calendar, load_units, load_classes, load_country, load_forms,
        load_cues,  load_cues,
    };
    for (size_t k = 0; k < N_FILES; k++) {
        tsv t = {.path = FILES[k], .data = data[k], .p = data[k]};
        if (loaders[k](lx, &t, errstr, errstr_size) != 0) {
            goto fail;
        }
    }
    if (apply_defaults(ctx, errstr, errstr_size) != 0) {
        goto fail;
    }
    trigger_filters(lx);
    byte_classes(lx);
    pct_heads(lx);
    article_filters(lx);
    head_filters(lx);
    px_word_filter(lx);
    one_byte_keys(lx);
    nn_symbol_filters(lx);
    modifier_filters(lx);
    cue_filters(lx);
    ctx->dmy = ctx->date_order && strcmp(ctx->date_order, "dmy") == 0;
    rc = 0;
fail:
    for (size_t k = 0; k < N_FILES; k++) {
        free(data[k]);
    }
    return rc;
}

void nf_numbers_unload(nf_numbers_ctx *ctx)
{
    nn_lex *lx = &ctx->lex;
    free(lx->pool);
    free(lx->entries);
    free(lx->keys);
    free(lx->slots);
    free(lx->classes);
    free(lx->cc);
    free(lx->cues);
    free(lx->tense_words);
    memset(lx, 0, sizeof *lx);
}
