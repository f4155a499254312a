#include "common/utf8.h"

#include <criterion/criterion.h>

#include <string.h>

typedef struct utf8_case {
    char bytes[16];
    size_t len;
    bool valid;
    size_t bad_at;
} utf8_case;

static const utf8_case cases[] = {
    {"", 0, true, 0},
    {"plain ascii", 11, true, 0},
    {"Z\xC3\xBCrich", 7, true, 0},                 /* ü */
    {"\xE2\x82\xAC", 3, true, 0},                  /* € */
    {"\xF0\x9F\x98\x80", 4, true, 0},              /* U+1F600 */
    {"\xF4\x8F\xBF\xBF", 4, true, 0},              /* U+10FFFF, the last code point */
    {"\xED\x9F\xBF", 3, true, 0},                  /* U+D7FF, just below the surrogates */
    {"ab\x80", 3, false, 2},                       /* lone continuation byte */
    {"ab\xC3", 3, false, 2},                       /* truncated at the end */
    {"\xC3(", 2, false, 0},                        /* lead byte without continuation */
    {"\xC0\xAF", 2, false, 0},                     /* overlong '/' */
    {"\xC1\xBF", 2, false, 0},                     /* overlong */
    {"x\xE0\x80\xAF", 4, false, 1},                /* overlong 3-byte */
    {"\xF0\x80\x80\xAF", 4, false, 0},             /* overlong 4-byte */
    {"ok\xED\xA0\x80", 5, false, 2},               /* U+D800 surrogate */
    {"\xED\xBF\xBF", 3, false, 0},                 /* U+DFFF surrogate */
    {"\xF4\x90\x80\x80", 4, false, 0},             /* U+110000 */
    {"\xF5\x80\x80\x80", 4, false, 0},             /* lead byte F5 */
    {"\xFF", 1, false, 0},
    {"abc\xE2\x82", 5, false, 3},                  /* truncated € */
    {"a\0b", 3, true, 0},                          /* NUL is valid UTF-8 (decode rejects it) */
};

Test(utf8, validity_and_first_bad_offset)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const utf8_case *c = &cases[i];
        size_t bad = 999;
        bool ok = nf_utf8_valid(c->bytes, c->len, &bad);
        cr_assert_eq(ok, c->valid, "case %zu", i);
        if (!c->valid) {
            cr_assert_eq(bad, c->bad_at, "case %zu: bad at %zu, expected %zu", i, bad, c->bad_at);
        } else {
            cr_assert_eq(bad, 999, "case %zu: bad_at untouched when valid", i);
        }
        cr_assert_eq(nf_utf8_valid(c->bytes, c->len, NULL), c->valid, "NULL bad_at, case %zu", i);
    }
}

Test(utf8, count_code_points)
{
    const char *s = "Z\xC3\xBCrich \xE2\x82\xAC\xF0\x9F\x98\x80 \xE5\x8C\x97\xE4\xBA\xAC";
    cr_assert_eq(nf_utf8_count(s, strlen(s)), 12);
    cr_assert_eq(nf_utf8_count(s, 0), 0);
    cr_assert_eq(nf_utf8_count(s, 3), 2, "Z and ü");
}

Test(utf8, boundaries)
{
    const char *s = "a\xC3\xBC" "b";
    size_t n = strlen(s);
    cr_assert(nf_utf8_is_boundary(s, n, 0));
    cr_assert(nf_utf8_is_boundary(s, n, 1));
    cr_assert_not(nf_utf8_is_boundary(s, n, 2));
    cr_assert(nf_utf8_is_boundary(s, n, 3));
    cr_assert(nf_utf8_is_boundary(s, n, n));
    cr_assert_not(nf_utf8_is_boundary(s, n, n + 1), "past the end is not a boundary");
}

Test(utf8, next_decodes_and_advances)
{
    const char *s = "A\xC3\xBC\xE2\x82\xAC\xF0\x9F\x98\x80";
    size_t n = strlen(s), i = 0;
    const uint32_t expect[] = {0x41, 0xFC, 0x20AC, 0x1F600};
    const size_t after[] = {1, 3, 6, 10};
    for (size_t k = 0; k < 4; k++) {
        cr_assert_eq(nf_utf8_next(s, n, &i), expect[k], "code point %zu", k);
        cr_assert_eq(i, after[k]);
    }
}

Test(utf8, encode_round_trips_every_plane)
{
    const uint32_t cps[] = {0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF};
    const size_t lens[] = {1, 1, 2, 2, 3, 3, 3, 4, 4};
    for (size_t k = 0; k < sizeof cps / sizeof cps[0]; k++) {
        char out[4];
        size_t n = nf_utf8_encode(cps[k], out);
        cr_assert_eq(n, lens[k], "U+%04X", cps[k]);
        if (cps[k] != 0) {
            cr_assert(nf_utf8_valid(out, n, NULL), "U+%04X encodes validly", cps[k]);
        }
        size_t i = 0;
        cr_assert_eq(nf_utf8_next(out, n, &i), cps[k]);
        cr_assert_eq(i, n);
    }
}

Test(utf8, next_decodes_invalid_bytes_as_replacement_and_stays_in_bounds)
{
    /* stray continuation, overlong lead, truncated 3-byte sequence at the end */
    static const char s[] = "a\x80" "b\xC0\xAF" "c\xE2\x82";
    static const uint32_t expect[] = {'a', 0xFFFD, 'b', 0xFFFD, 0xFFFD, 'c', 0xFFFD, 0xFFFD};
    size_t n = sizeof s - 1, i = 0, k = 0;
    while (i < n) {
        cr_assert_lt(k, sizeof expect / sizeof expect[0]);
        cr_assert_eq(nf_utf8_next(s, n, &i), expect[k], "code point %zu", k);
        k++;
    }
    cr_assert_eq(i, n);
    cr_assert_eq(k, sizeof expect / sizeof expect[0]);
}

/* The word-at-a-time paths (8 bytes per step) against a byte-by-byte reference, at every
 * offset and length of a text mixing ASCII runs with 2-, 3- and 4-byte characters, and a bad
 * byte after a long ASCII run is still found at its offset. */
Test(utf8, word_at_a_time_count_and_validation_match_byte_by_byte)
{
    const char *text = "Astana, Kazakhstan \xc3\xa9t\xc3\xa9 \xe2\x82\xac" "5 bn and more ASCII "
                       "text \xf0\x9f\x98\x80 then \xd0\x9a\xd0\xb0\xd0\xb7 end of it all.....";
    size_t n = strlen(text);
    for (size_t a = 0; a < n; a++) {
        for (size_t len = 0; a + len <= n; len++) {
            size_t want = 0;
            for (size_t i = a; i < a + len; i++) {
                want += ((unsigned char)text[i] & 0xC0) != 0x80;
            }
            cr_assert_eq(nf_utf8_count(text + a, len), want, "offset %zu length %zu", a, len);
        }
    }
    cr_assert(nf_utf8_valid(text, n, NULL));
    char bad[64];
    memset(bad, 'a', sizeof bad);
    for (size_t at = 0; at < sizeof bad; at++) {
        memset(bad, 'a', sizeof bad);
        bad[at] = (char)0xff;
        size_t where = 0;
        cr_assert_not(nf_utf8_valid(bad, sizeof bad, &where), "0xff at %zu", at);
        cr_assert_eq(where, at);
    }
}
