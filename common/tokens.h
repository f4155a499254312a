#ifndef NF_COMMON_TOKENS_H
#define NF_COMMON_TOKENS_H

/* The token layer: the one definition of a word in newsflow.
 *
 * A field is cut into tokens once per article (nf_doc_tokens() in common/doc.h builds them on
 * first use and every later stage reuses them, so stage order does not matter). Gazetteer
 * phrases go through the same tokenizer, so text and lists compare by token hash.
 *
 * What a token is:
 *  - a WORD: a run of letters, digits and combining marks (letters: nf_utf8_class() ==
 *    NF_CP_LETTER, any script), with inner hyphens (Kassym-Jomart), inner apostrophes (O'Brien,
 *    d'Ivoire, but not the possessive 's), inner dots (Amazon.com) and the final dot of
 *    one-letter segments (U.S., J.);
 *  - the possessive 's (or ’s) right after a word: a token of its own (NF_TK_POSS);
 *  - any other code point that is not white space: a one-code-point PUNCT token.
 * Invalid UTF-8 bytes (never produced by decode, but possible in tests and fuzzing) decode as
 * U+FFFD, one byte each, and become PUNCT tokens: offsets stay on the input's bytes.
 *
 * The hash is of the FOLDED text: lower case, accents stripped (Latin-1, Latin Extended-A,
 * combining marks dropped), typographic quotes and dashes to ASCII (nf_utf8_fold()).
 * nf_fold_hash(nf_tok_fold(t)) == t->hash for every token. */

#include "common/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    NF_TK_WORD = 1u << 0,      /* letters/digits (with inner hyphens, apostrophes, dots) */
    NF_TK_PUNCT = 1u << 1,     /* one punctuation code point */
    NF_TK_NUM = 1u << 2,       /* word starting with a digit */
    NF_TK_CAP = 1u << 3,       /* first letter upper case */
    NF_TK_ALLCAPS = 1u << 4,   /* at least two letters, all upper case */
    NF_TK_HYPHEN = 1u << 5,    /* inner hyphen (Kassym-Jomart, Kazakh-Chinese) */
    NF_TK_DOTTED = 1u << 6,    /* inner or final dot (U.S., D.C., J., Amazon.com) */
    NF_TK_POSS = 1u << 7,      /* the possessive 's split off a word */
    NF_TK_NL = 1u << 8,        /* a line break precedes the token */
    NF_TK_PARA = 1u << 9,      /* a blank line (or the field start) precedes the token */
    NF_TK_SPACE = 1u << 10,    /* white space precedes the token */
    NF_TK_CAMEL = 1u << 11,    /* an upper-case letter after a lower-case one (TurkicWorld) */
    NF_TK_SENT = 1u << 12,     /* first word of a sentence: set by a stage on its own copy */
    NF_TK_HEADLINE = 1u << 13, /* in a title-case or all-caps line: set by a stage on its copy */
    NF_TK_INITIAL = 1u << 14,  /* a single letter with its dot (J.) */
    NF_TK_LOWER = 1u << 15,    /* first letter lower case */
};

/** No memoised value in nf_tok.memo. */
#define NF_TOK_NO_MEMO UINT32_MAX

typedef struct nf_tok {
    uint32_t start, end;   /* byte span [start, end) in the field, on code-point boundaries */
    uint64_t hash;         /* nf_fold_hash() of the token text */
    uint32_t memo;         /* scratch for a stage working on its OWN copy (nf_toks_copy), e.g.
                              a gazetteer node; NF_TOK_NO_MEMO in the shared layer */
    uint16_t flags;        /* NF_TK_* */
    uint8_t nletters;      /* letters in the token, saturating at 255 */
    uint8_t memo_set;      /* memo is valid (0 in the shared layer) */
} nf_tok;

typedef struct nf_toks {
    nf_tok *v;
    uint32_t n;
} nf_toks;

/** Shape (case class) of a token, derived from its flags: a feature, and what rules ask. */
typedef enum nf_tok_shape {
    NF_SHAPE_PUNCT = 0,    /* punctuation */
    NF_SHAPE_NUM,          /* starts with a digit (2-1, 1990s, 5G) */
    NF_SHAPE_LOWER,        /* first letter lower case (house, eBay) */
    NF_SHAPE_CAP,          /* first letter upper case, not all caps (London, McDonald) */
    NF_SHAPE_ALLCAPS,      /* two or more letters, all upper case (NATO, U.S.) */
    NF_SHAPE_INITIAL,      /* one letter and its dot (J.) */
    NF_SHAPE_MIXED,        /* upper after lower, starting upper (TurkicWorld, iPhone: LOWER) */
    NF_SHAPE_NOCASE,       /* letters without case (Chinese, Arabic, ...) */
    NF_SHAPE_COUNT
} nf_tok_shape;

static inline nf_tok_shape nf_tok_shape_of(const nf_tok *t)
{
    uint16_t f = t->flags;
    if (!(f & NF_TK_WORD)) {
        return NF_SHAPE_PUNCT;
    }
    if (f & NF_TK_NUM) {
        return NF_SHAPE_NUM;
    }
    if (f & NF_TK_INITIAL) {
        return NF_SHAPE_INITIAL;
    }
    if (f & NF_TK_ALLCAPS) {
        return NF_SHAPE_ALLCAPS;
    }
    if (f & NF_TK_CAMEL) {
        return NF_SHAPE_MIXED;
    }
    if (f & NF_TK_CAP) {
        return NF_SHAPE_CAP;
    }
    if (f & NF_TK_LOWER) {
        return NF_SHAPE_LOWER;
    }
    return NF_SHAPE_NOCASE;
}

/**
 * @brief Cut \p s[0..len) into tokens; the array is allocated from \p arena. Any bytes are
 * accepted (invalid UTF-8: see above). Deterministic: same bytes, same tokens.
 * Stages normally call nf_doc_tokens() instead, which caches the result on the doc.
 */
void nf_tokenize(nf_arena *arena, const char *s, size_t len, nf_toks *out);

/** @brief Hash of a text after folding (what nf_tokenize stores in nf_tok.hash). */
uint64_t nf_fold_hash(const char *s, size_t len);

/**
 * @brief The folded text of token \p t of field text \p s, written to \p out (NUL-terminated
 * when \p cap > 0, truncated to fit). @returns the folded length in bytes (may exceed cap - 1).
 */
size_t nf_tok_fold(const char *s, const nf_tok *t, char *out, size_t cap);

/** @brief Folded text of \p t as an arena string (length in \p len when not NULL). */
const char *nf_tok_fold_dup(nf_arena *arena, const char *s, const nf_tok *t, size_t *len);

/**
 * @brief A private, writable copy of \p n shared tokens from \p arena, for a stage that
 * marks them (NF_TK_SENT, NF_TK_HEADLINE) or memoises lookups in nf_tok.memo.
 */
void nf_toks_copy(nf_arena *arena, const nf_tok *src, uint32_t n, nf_toks *out);

/* ---- Parts of tokens --------------------------------------------------------------------
 * Stages that read inside words (numbers: "15km", "Q3", "5G", "1,000", "$5") cut a field into
 * parts with the same classes as the tokens: a run of letters and combining marks, a run of
 * ASCII digits, or one other code point. White space is the tokens' (nf_utf8_class ==
 * NF_CP_SPACE, controls included). The currency signs nf_utf8_class counts as letters (U+0E3F,
 * U+058F, U+17DB, U+FFE0..U+FFEE) are parts of their own: they start an amount, not a word. */

typedef enum nf_part_kind {
    NF_PART_END = 0,       /* no part before the end of the text */
    NF_PART_LETTERS,       /* letters and combining marks */
    NF_PART_DIGITS,        /* ASCII digits */
    NF_PART_OTHER,         /* one other code point (punctuation, symbol, U+FFFD) */
} nf_part_kind;

typedef struct nf_part {
    uint32_t start, end;   /* byte span; start == end == the text length at NF_PART_END */
    uint8_t kind;          /* nf_part_kind */
    uint8_t ws;            /* white space before it: 0 none, 1 blanks, 2 a line break (LF VT FF CR) */
} nf_part;

/** @brief The part at or after byte \p pos of \p s[0..n) (white space before it skipped). */
void nf_tok_part(const char *s, size_t n, size_t pos, nf_part *p);

/** @brief True for a code point that a letter part continues with (see above). */
bool nf_part_letter(uint32_t cp);

#endif
