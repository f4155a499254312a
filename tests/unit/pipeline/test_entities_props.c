/* Properties of the entity spans, whatever the input: every span is inside its field, starts and
 * ends on code-point boundaries, has a known label and a well-formed country, and no two
 * entities of one field overlap (dateline place included). Checked over Criterion theories on
 * tricky fragments, over random texts built from name-like and multi-byte pieces, and over the
 * Wikinews corpus (tests/data/corpus, CC BY 2.5). Output is also checked to be deterministic. */
#include "ent_test_util.h"

#include "common/arena.h"
#include "pipeline/stages/gazetteer.h"

#include <criterion/theories.h>
#include <jansson.h>

static ent_rig rig;

static void setup(void)
{
    ent_rig_open(&rig, NULL);
}

static void teardown(void)
{
    ent_rig_close(&rig);
}

TestSuite(entities_props, .init = setup, .fini = teardown, .timeout = 120);

/* Pieces chosen to hit every tokenizer branch: accents and combining marks, typographic
 * apostrophes and dashes, possessives, initials, dotted acronyms, hyphens, CJK, emoji, NBSP,
 * title words, particles, datelines, organisation words and lone continuation-free bytes. */
static const char *const pieces[] = {
    "Kassym-Jomart", "Tokayev", "said", "President", "of", "the", "Kazakhstan", "China\xe2\x80\x99s",
    "People's", "Republic", "U.S.", "D.C.", "J.", "van", "der", "Leyen", "bin", "Salman", "Baku,",
    "Azerbaijan,", "November", "28.", "TBILISI", "(Reuters)", "-", "\xe2\x80\x94", "QUITO",
    "Kazakh-Chinese", "S\xc3\xa3o", "Paulo", "Bogot\xc3\xa1", "Chi\xc8\x99in\xc4\x83u",
    "Cafe\xcc\x81", "\xe5\x8c\x97\xe4\xba\xac", "\xf0\x9f\x98\x80", "\xc2\xa0", "Ministry",
    "Foreign", "Affairs", "Bank", "Korea", "(EDB)", "Eurasian", "Development", "\n", "\n\n", ".",
    ",", "\"", "\xe2\x80\x9c", "'s", "O'Brien", "al-Assad", "MOSCOW", "Group", "Ltd", "X", "Y",
    "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0", "\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1",
    "Vice", "Premier", "Ding", "Xuexiang", "Mr.", "Smith", "Inc.", "--", "&", "AT&T", "'",
    "Nice", "Reading", "Of", "Mobile", "Jr.", "III", "-Kazakh", "Kazakh-", "--Chinese",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

static void check_text(const char *text, const char *title)
{
    nf_doc doc;
    nf_doc_init(&doc);
    ent_run(&rig, &doc, text, title, 2023, 11, 28);
    ent_check_invariants(&doc);
    if (doc.dateline.present) {
        cr_assert(doc.dateline.start < doc.dateline.end &&
                  doc.dateline.end <= doc.field_len[NF_FIELD_TEXT]);
    }
    /* Same input, same output. */
    nf_doc again;
    nf_doc_init(&again);
    ent_run(&rig, &again, text, title, 2023, 11, 28);
    cr_assert_eq(again.n_anns, doc.n_anns, "deterministic count");
    for (uint32_t k = 0; k < doc.n_anns; k++) {
        cr_assert(doc.anns[k].start == again.anns[k].start &&
                  doc.anns[k].end == again.anns[k].end &&
                  !strcmp(doc.anns[k].label, again.anns[k].label),
                  "deterministic annotation %u", k);
    }
    nf_doc_fini(&again);
    nf_doc_fini(&doc);
}

TheoryDataPoints(entities_props, pairs) = {
    DataPoints(size_t, 0, 1, 2, 5, 9, 10, 11, 17, 19, 25, 28, 33, 34, 41, 50, 55, 60, 66, 70, 75),
    DataPoints(size_t, 0, 3, 7, 12, 20, 29, 31, 36, 44, 47, 52, 58, 61, 68, 72, 74, 77, 78),
};

Theory((size_t i, size_t j), entities_props, pairs)
{
    cr_assume(i < NPIECES && j < NPIECES);
    char buf[512];
    /* glued, spaced, and repeated around a sentence start */
    snprintf(buf, sizeof buf, "%s%s %s %s. %s%s", pieces[i], pieces[j], pieces[j], pieces[i],
             pieces[i], pieces[j]);
    check_text(buf, pieces[j]);
}

/* xorshift: a fixed seed, so a failure reproduces. */
static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

Test(entities_props, random_texts)
{
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    char *buf = malloc(8192);
    for (int doc = 0; doc < 3000; doc++) {
        size_t len = 0;
        int words = 1 + (int)(rnd(&seed) % 60);
        for (int w = 0; w < words; w++) {
            const char *p = pieces[rnd(&seed) % NPIECES];
            size_t pl = strlen(p);
            if (len + pl + 2 >= 8192) {
                break;
            }
            memcpy(buf + len, p, pl);
            len += pl;
            if (rnd(&seed) % 4) {
                buf[len++] = ' ';
            }
        }
        buf[len] = '\0';
        check_text(buf, (doc % 3) ? NULL : buf);
    }
    free(buf);
}

Test(entities_props, wikinews_corpus)
{
    FILE *f = fopen(NF_TEST_DATA_DIR "/corpus/wikinews_2019_2020.jsonl", "r");
    cr_assert_not_null(f, "tests/data/corpus/wikinews_2019_2020.jsonl is missing");
    static char line[1 << 20];
    int docs = 0;
    size_t ents = 0;
    while (fgets(line, sizeof line, f)) {
        json_error_t jerr;
        json_t *o = json_loads(line, 0, &jerr);
        cr_assert_not_null(o, "%s", jerr.text);
        const char *text = json_string_value(json_object_get(o, "text"));
        const char *title = json_string_value(json_object_get(o, "title"));
        nf_doc doc;
        nf_doc_init(&doc);
        ent_run(&rig, &doc, text, title, 2020, 1, 1);
        ent_check_invariants(&doc);
        ents += doc.n_anns;
        nf_doc_fini(&doc);
        json_decref(o);
        docs++;
    }
    fclose(f);
    cr_assert_gt(docs, 100);
    /* A news corpus has names: a stage that finds next to nothing is broken. */
    cr_assert_gt(ents, (size_t)docs * 10, "%zu entities in %d articles", ents, docs);
}

/* The tokenizer hashes ASCII runs eight bytes at a time and the tail with one load; a token's
 * hash must still be the hash of its text alone (what gazetteer phrases get), whatever its
 * length, case, digits, what follows it and how close it is to the end of the buffer. */
Test(entities_props, token_hash_is_the_hash_of_the_token_text)
{
    static const char *const words[] = {
        "a", "ab", "Abc", "abcdefg", "abcdefgh", "ABCDEFGHI", "Kazakhstan", "Xuexiang", "B-17",
        "Kassym-Jomart", "U.S.", "O'Brien", "internationalisation", "R2D2x9", "Zürich", "Ab\xc3\xa9",
        "abcdefghijklmnopq", "CamelCaseWordsHere", "12345678", "x1234567y",
    };
    nf_arena arena;
    nf_arena_init(&arena, 4096);
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t n = strlen(words[k]);
        for (int tail = 0; tail < 3; tail++) {
            /* alone (the buffer ends with the word), then followed by text */
            char buf[64];
            static const char *const tails[] = {"", " next", ", and more text"};
            snprintf(buf, sizeof buf, "%s%s", words[k], tails[tail]);
            nf_toks toks;
            nf_tokenize(&arena, buf, strlen(buf), &toks);
            cr_assert_geq(toks.n, 1);
            cr_assert_eq(toks.v[0].end, n, "%s: token ends at %u", words[k], toks.v[0].end);
            cr_assert_eq(toks.v[0].hash, nf_fold_hash(words[k], n), "%s (tail %d)", words[k],
                         tail);
        }
    }
    /* Case folding: every spelling of a word has one hash. */
    nf_toks a, b;
    nf_tokenize(&arena, "WASHINGTONIANS", 14, &a);
    nf_tokenize(&arena, "washingtonians", 14, &b);
    cr_assert_eq(a.v[0].hash, b.v[0].hash);
    cr_assert_eq(a.v[0].flags & NF_TK_ALLCAPS, NF_TK_ALLCAPS);
    cr_assert_eq(b.v[0].flags & (NF_TK_CAP | NF_TK_ALLCAPS), 0);
    nf_tokenize(&arena, "iPhone McDonald 3M", 18, &a);
    cr_assert_eq(a.n, 3);
    cr_assert_eq(a.v[0].flags & (NF_TK_CAP | NF_TK_CAMEL), 0, "iPhone starts lower case");
    cr_assert_eq(a.v[1].flags & (NF_TK_CAP | NF_TK_CAMEL), NF_TK_CAP | NF_TK_CAMEL);
    cr_assert_eq(a.v[2].flags & (NF_TK_CAP | NF_TK_NUM), NF_TK_CAP | NF_TK_NUM);
    nf_arena_fini(&arena);
}
