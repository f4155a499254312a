/* The token layer (common/tokens.h, nf_doc_tokens): offsets, UTF-8 edge cases, folding,
 * shapes, the fast ASCII paths against the general loop, caching on the doc, determinism. */
#include "common/doc.h"
#include "common/tokens.h"
#include "common/utf8.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

typedef struct toks_fx {
    nf_arena arena;
    nf_toks t;
} toks_fx;

static void cut(toks_fx *fx, const char *s, size_t len)
{
    nf_arena_init(&fx->arena, 4096);
    nf_tokenize(&fx->arena, s, len, &fx->t);
}

/* "text of token k" into buf, for readable assertions. */
static const char *tok_text(const char *s, const nf_tok *t, char *buf, size_t cap)
{
    size_t n = t->end - t->start;
    if (n >= cap) {
        n = cap - 1;
    }
    memcpy(buf, s + t->start, n);
    buf[n] = '\0';
    return buf;
}

static void expect_texts(const char *s, const char *const *want, size_t nwant)
{
    toks_fx fx;
    cut(&fx, s, strlen(s));
    cr_assert_eq(fx.t.n, nwant, "\"%s\": %u tokens, want %zu", s, fx.t.n, nwant);
    for (size_t k = 0; k < nwant; k++) {
        char buf[64];
        cr_expect_str_eq(tok_text(s, &fx.t.v[k], buf, sizeof buf), want[k], "\"%s\" token %zu", s,
                         k);
    }
    nf_arena_fini(&fx.arena);
}

Test(tokens, offsets_and_words)
{
    const char *a[] = {"Leicester", "beat", "Derby", "2-1", "."};
    expect_texts("Leicester beat Derby 2-1.", a, 5);
    const char *b[] = {"Obama", "'s", "U.S.", "visit", "to", "Washington", ",", "D.C."};
    expect_texts("Obama's U.S. visit to Washington, D.C.", b, 8);
    const char *c[] = {"Kassym-Jomart", "O'Brien", "Amazon.com", "(", "AMZN", ")"};
    expect_texts("Kassym-Jomart O'Brien Amazon.com (AMZN)", c, 6);
    const char *d[] = {"BAYERN", "MUNICH", "3", "Real", "Madrid", "1"};
    expect_texts("BAYERN MUNICH 3 Real Madrid 1", d, 6);
    const char *e[] = {"Trump", "\xE2\x80\x99s", "\xE2\x80\x9C", "deal", "\xE2\x80\x9D"};
    expect_texts("Trump\xE2\x80\x99s \xE2\x80\x9C" "deal\xE2\x80\x9D", e, 5);
}

Test(tokens, spacing_flags)
{
    const char *s = "One two\nthree\n\nFour";
    toks_fx fx;
    cut(&fx, s, strlen(s));
    cr_assert_eq(fx.t.n, 4);
    cr_expect(fx.t.v[0].flags & NF_TK_PARA);
    cr_expect(fx.t.v[1].flags & NF_TK_SPACE);
    cr_expect(!(fx.t.v[1].flags & NF_TK_NL));
    cr_expect(fx.t.v[2].flags & NF_TK_NL);
    cr_expect(!(fx.t.v[2].flags & NF_TK_PARA));
    cr_expect(fx.t.v[3].flags & NF_TK_PARA);
    nf_arena_fini(&fx.arena);
}

Test(tokens, invalid_utf8_stays_in_bounds)
{
    /* Lone continuation, truncated lead at the end, overlong: one PUNCT token per bad byte. */
    const char s[] = "ab\xFF" "cd \x80 x\xC0\xAF" "y \xE2\x82";
    size_t len = sizeof s - 1;
    toks_fx fx;
    cut(&fx, s, len);
    uint32_t prev_end = 0;
    int bad = 0;
    for (uint32_t k = 0; k < fx.t.n; k++) {
        const nf_tok *t = &fx.t.v[k];
        cr_assert(t->start >= prev_end && t->start < t->end && t->end <= len, "token %u", k);
        prev_end = t->end;
        if ((t->flags & NF_TK_PUNCT) && (unsigned char)s[t->start] >= 0x80) {
            cr_expect_eq(t->end - t->start, 1, "an invalid byte is a token of one byte");
            bad++;
        }
    }
    cr_expect_eq(bad, 6);   /* FF, 80, C0, AF, E2, 82 */
    cr_expect_eq(fx.t.v[0].end, 2);   /* "ab" stops at the bad byte */
    nf_arena_fini(&fx.arena);
}

Test(tokens, combining_marks_and_non_latin)
{
    /* "José" with a combining acute, "Москва", "北京", "Zürich" precomposed. */
    const char *s = "Jose\xCC\x81 \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 "
                    "\xE5\x8C\x97\xE4\xBA\xAC Z\xC3\xBCrich";
    toks_fx fx;
    cut(&fx, s, strlen(s));
    cr_assert_eq(fx.t.n, 4);
    char buf[64];
    cr_expect_eq(fx.t.v[0].end, 6, "the combining mark belongs to the word");
    cr_expect_eq(fx.t.v[0].nletters, 4);
    cr_expect_eq(fx.t.v[0].hash, nf_fold_hash("jose", 4));
    nf_tok_fold(s, &fx.t.v[0], buf, sizeof buf);
    cr_expect_str_eq(buf, "jose");
    cr_expect_eq(nf_tok_shape_of(&fx.t.v[1]), NF_SHAPE_CAP);
    nf_tok_fold(s, &fx.t.v[1], buf, sizeof buf);
    cr_expect_str_eq(buf, "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0");
    cr_expect(fx.t.v[2].flags & NF_TK_WORD, "CJK letters are letters");
    cr_expect_eq(nf_tok_shape_of(&fx.t.v[2]), NF_SHAPE_NOCASE);
    cr_expect_eq(fx.t.v[2].nletters, 2);
    cr_expect_eq(fx.t.v[3].hash, nf_fold_hash("zurich", 6));
    nf_arena_fini(&fx.arena);
}

Test(tokens, shapes)
{
    const char *s = "house London NATO J. 1990s iPhone TurkicWorld , U.S.";
    static const nf_tok_shape want[] = {NF_SHAPE_LOWER, NF_SHAPE_CAP,     NF_SHAPE_ALLCAPS,
                                        NF_SHAPE_INITIAL, NF_SHAPE_NUM,   NF_SHAPE_LOWER,
                                        NF_SHAPE_MIXED, NF_SHAPE_PUNCT,   NF_SHAPE_ALLCAPS};
    toks_fx fx;
    cut(&fx, s, strlen(s));
    cr_assert_eq(fx.t.n, sizeof want / sizeof want[0]);
    for (uint32_t k = 0; k < fx.t.n; k++) {
        cr_expect_eq(nf_tok_shape_of(&fx.t.v[k]), want[k], "token %u", k);
    }
    nf_arena_fini(&fx.arena);
}

/* The folded text hashes to the token's hash, whatever path cut the token. */
Test(tokens, fold_matches_hash)
{
    const char *s = "ÉLYSÉE Palace, Ærø's Straße \xE2\x80\x94 O\xE2\x80\x99Neill "
                    "internationalisation ABCDEFGHIJKLMNOPQRSTUVWXYZ 12345678901234567 "
                    "S\xC3\xA3o-Paulo Jose\xCC\x81 \xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 x\xFFy";
    toks_fx fx;
    cut(&fx, s, strlen(s));
    cr_assert_gt(fx.t.n, 10);
    for (uint32_t k = 0; k < fx.t.n; k++) {
        size_t len;
        const char *f = nf_tok_fold_dup(&fx.arena, s, &fx.t.v[k], &len);
        cr_expect_eq(nf_fold_hash(f, len), fx.t.v[k].hash, "token %u (%s)", k, f);
    }
    nf_arena_fini(&fx.arena);
}

/* The 8-byte fast paths decide exactly as the general loop (used near the end of the text). */
Test(tokens, fast_paths_equal_general_loop)
{
    static const char *const words[] = {
        "a", "Ab", "ABC", "abcdefg", "Abcdefgh", "ABCDEFGHIJ", "abcdefghijklmno", "McDonald",
        "iPhone", "TurkicWorld", "X1", "1990s", "ABCdefghIJKLmnop", "a1b2c3d4e5f6"};
    static const char *const after[] = {" more", ",", ";x", ")", "\n", "\xE2\x80\x94"};
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        for (size_t a = 0; a < sizeof after / sizeof after[0]; a++) {
            char text[64], alone[32];
            snprintf(alone, sizeof alone, "%s", words[w]);
            snprintf(text, sizeof text, "%s%s                ", words[w], after[a]);
            toks_fx x, y;
            cut(&x, alone, strlen(alone));
            cut(&y, text, strlen(text));
            cr_assert_eq(x.t.n, 1);
            cr_expect_eq(x.t.v[0].end, y.t.v[0].end, "%s|%s", words[w], after[a]);
            cr_expect_eq(x.t.v[0].hash, y.t.v[0].hash, "%s|%s", words[w], after[a]);
            cr_expect_eq(x.t.v[0].flags, y.t.v[0].flags, "%s|%s", words[w], after[a]);
            cr_expect_eq(x.t.v[0].nletters, y.t.v[0].nletters, "%s|%s", words[w], after[a]);
            nf_arena_fini(&x.arena);
            nf_arena_fini(&y.arena);
        }
    }
}

Test(tokens, deterministic)
{
    const char *s = "BRUSSELS, Dec 5 (Reuters) - The European Commission's Ursula von der "
                    "Leyen said on Friday that \xE2\x80\x9Cthe deal\xE2\x80\x9D stands.";
    toks_fx x, y;
    cut(&x, s, strlen(s));
    cut(&y, s, strlen(s));
    cr_assert_eq(x.t.n, y.t.n);
    cr_expect(memcmp(x.t.v, y.t.v, x.t.n * sizeof *x.t.v) == 0);
    nf_arena_fini(&x.arena);
    nf_arena_fini(&y.arena);
}

Test(tokens, doc_tokens_cut_once_and_follow_the_field)
{
    nf_doc doc;
    nf_doc_init(&doc);
    doc.field[NF_FIELD_TEXT] = "Leicester beat Derby";
    doc.field_len[NF_FIELD_TEXT] = 20;
    uint32_t n1, n2, n3;
    const nf_tok *a = nf_doc_tokens(&doc, NF_FIELD_TEXT, &n1);
    const nf_tok *b = nf_doc_tokens(&doc, NF_FIELD_TEXT, &n2);
    cr_expect_eq(n1, 3);
    cr_expect_eq(a, b, "the second stage reuses the first one's tokens");
    const nf_tok *t = nf_doc_tokens(&doc, NF_FIELD_TITLE, &n3);
    cr_expect(t != NULL);
    cr_expect_eq(n3, 0, "an absent field has no tokens");
    /* A stage (normalize) replaces the text: the next caller gets the new text's tokens. */
    doc.field[NF_FIELD_TEXT] = "Leicester";
    doc.field_len[NF_FIELD_TEXT] = 9;
    nf_doc_tokens(&doc, NF_FIELD_TEXT, &n1);
    cr_expect_eq(n1, 1);
    nf_doc_reset(&doc);
    doc.field[NF_FIELD_TEXT] = "A b";
    doc.field_len[NF_FIELD_TEXT] = 3;
    nf_doc_tokens(&doc, NF_FIELD_TEXT, &n1);
    cr_expect_eq(n1, 2, "reset forgets the previous article's tokens");
    nf_doc_fini(&doc);
}

Test(tokens, copy_is_private)
{
    nf_doc doc;
    nf_doc_init(&doc);
    doc.field[NF_FIELD_TEXT] = "Derby County";
    doc.field_len[NF_FIELD_TEXT] = 12;
    uint32_t n;
    const nf_tok *shared = nf_doc_tokens(&doc, NF_FIELD_TEXT, &n);
    cr_expect_eq(shared[0].memo, NF_TOK_NO_MEMO);
    cr_expect_eq(shared[0].memo_set, 0);
    nf_toks mine;
    nf_toks_copy(&doc.arena, shared, n, &mine);
    mine.v[0].flags |= NF_TK_SENT;
    mine.v[0].memo = 7;
    cr_expect(!(shared[0].flags & NF_TK_SENT));
    cr_expect_eq(shared[0].memo, NF_TOK_NO_MEMO);
    nf_doc_fini(&doc);
}

/* Parts (nf_tok_part), what the numbers stage reads inside words: "kind:text:ws" per part. */
static void expect_parts(const char *s, const char *want)
{
    char got[512] = "";
    size_t o = 0;
    size_t n = strlen(s);
    nf_part p;
    for (size_t pos = 0;; pos = p.end) {
        nf_tok_part(s, n, pos, &p);
        cr_assert(p.start >= pos && p.end >= p.start && p.end <= n, "\"%s\": part out of bounds", s);
        if (p.kind == NF_PART_END) {
            cr_assert_eq(p.start, n);
            break;
        }
        cr_assert(p.end > p.start, "\"%s\": empty part at %u", s, p.start);
        static const char kinds[] = "-LDO";
        o += (size_t)snprintf(got + o, sizeof got - o, "%s%c:%.*s:%u", o ? " " : "", kinds[p.kind],
                              (int)(p.end - p.start), s + p.start, p.ws);
    }
    cr_assert_str_eq(got, want, "parts of \"%s\"", s);
}

Test(tokens, parts_split_digits_letters_and_symbols)
{
    /* One token "15km" is two parts; "Q3" two; "1,000" three; "$5" two. */
    expect_parts("15km Q3 1,000 $5", "D:15:0 L:km:0 L:Q:1 D:3:0 D:1:1 O:,:0 D:000:0 O:$:1 D:5:0");
    /* Letters of any script with their combining marks form one part; a line break is ws 2. */
    expect_parts("Cafe\xCC\x81 \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0\n5",
                 "L:Cafe\xCC\x81:0 L:\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0:1 D:5:2");
    /* Currency signs the class table counts as letters are parts of their own: "฿100". */
    expect_parts("\xE0\xB8\xBF" "100 \xEF\xBF\xA5" "5",
                 "O:\xE0\xB8\xBF:0 D:100:0 O:\xEF\xBF\xA5:1 D:5:0");
    /* White space is the token layer's: NBSP, controls; an invalid byte is one part (U+FFFD). */
    expect_parts("a\xC2\xA0" "b\x01" "c \xFF" "d", "L:a:0 L:b:1 L:c:1 O:\xFF:1 L:d:0");
    expect_parts("  \t ", "");
}

Test(tokens, parts_cover_every_non_space_byte_once)
{
    /* The parts of arbitrary bytes tile the text between white space, in order. */
    unsigned char buf[256];
    uint32_t seed = 12345;
    for (int round = 0; round < 200; round++) {
        size_t n = 1 + (seed >> 8) % sizeof buf;
        for (size_t k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            static const unsigned char pool[] = {'a', 'Z', '5', ' ', '\n', '-', '.', '$', 0xC2, 0xA0,
                                                 0xE0, 0xB8, 0xBF, 0xCC, 0x81, 0xFF, 0x01};
            buf[k] = pool[(seed >> 16) % sizeof pool];
        }
        nf_part p;
        size_t prev = 0;
        for (size_t pos = 0;; pos = p.end) {
            nf_tok_part((const char *)buf, n, pos, &p);
            cr_assert(p.start >= prev && p.end <= n);
            if (p.kind == NF_PART_END) {
                break;
            }
            cr_assert(p.end > p.start);
            prev = p.end;
        }
        seed = seed * 1103515245u + 12345u;
    }
}
