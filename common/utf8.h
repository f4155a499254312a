#ifndef NF_COMMON_UTF8_H
#define NF_COMMON_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * @brief Check that \p s[0..len) is well-formed UTF-8 (no overlongs, surrogates or code
 * points above U+10FFFF).
 * @returns true when valid; otherwise false and, if \p bad_at is not NULL, the byte offset of
 * the first invalid sequence.
 */
bool nf_utf8_valid(const char *s, size_t len, size_t *bad_at);

/** @brief Number of code points in valid UTF-8 \p s[0..len). */
size_t nf_utf8_count(const char *s, size_t len);

/** @brief True when byte offset \p off of valid UTF-8 \p s is a code-point boundary. */
static inline bool nf_utf8_is_boundary(const char *s, size_t len, size_t off)
{
    return off == 0 || off == len || (off < len && ((unsigned char)s[off] & 0xC0) != 0x80);
}

/**
 * @brief Decode one code point at \p s[*i] and advance \p *i. An invalid or truncated
 * sequence decodes as U+FFFD and consumes one byte, so callers stay in bounds on any input.
 */
uint32_t nf_utf8_next(const char *s, size_t len, size_t *i);

/** @brief Encode \p cp into \p out (at least 4 bytes). @returns bytes written (1..4). */
size_t nf_utf8_encode(uint32_t cp, char *out);

/** Character classes of the token layer (common/tokens.h): the one definition of a letter. */
typedef enum nf_cp_class {
    NF_CP_SPACE = 0,   /* white space, controls, no-break and zero-width spaces, BOM */
    NF_CP_LETTER,      /* a letter of any script (everything not listed elsewhere) */
    NF_CP_DIGIT,       /* ASCII 0-9 */
    NF_CP_HYPHEN,      /* - U+2010 U+2011: may join the parts of a word */
    NF_CP_APOS,        /* ' U+2019 U+02BC: may join a word (O'Brien) */
    NF_CP_DOT,         /* . */
    NF_CP_PUNCT,       /* other punctuation and symbols, U+FFFD (invalid input), emoji */
    NF_CP_MARK,        /* combining marks U+0300..U+036F: part of the word before them */
} nf_cp_class;

/** @brief Class of code point \p cp (see nf_cp_class). */
int nf_utf8_class(uint32_t cp);

/** @brief 1 upper case, -1 lower case, 0 no case. Covers Latin, Greek and Cyrillic. */
int nf_utf8_case(uint32_t cp);

/** @brief Fold one code point: lower case, accents stripped, typographic quotes to ASCII. */
uint32_t nf_utf8_fold(uint32_t cp);

#endif
