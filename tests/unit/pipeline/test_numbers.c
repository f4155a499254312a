/* Unit tests of the numbers stage: exact values, options, fields, invariants (spans in bounds,
 * on UTF-8 boundaries, non-overlapping, deterministic) over random and adversarial strings, and
 * linear time on 1 MiB of digits, commas and currency symbols. */
#include "pipeline/pipeline.h"
#include "pipeline/stages/numbers/internal.h"
#include "pipeline/stages/numbers/numbers.h"
#include "pipeline/stages/numbers/internal.h"

#include "common/utf8.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern const nf_stage_def nf_stage_numbers;

typedef struct fixture {
    void *ctx;
    nf_stage_env *env;
    nf_config *cfg;
    nf_doc doc;
} fixture;

/* Build the stage the way the pipeline does: options from cfg, then init with a data env. */
static int stage_up(fixture *f, const char *const *kv, char *err, size_t err_size)
{
    memset(f, 0, sizeof *f);
    f->cfg = nf_config_new();
    for (size_t i = 0; kv && kv[i]; i += 2) {
        nf_config_set(f->cfg, kv[i], kv[i + 1], NF_CFG_CLI, NULL);
    }
    f->ctx = calloc(1, nf_stage_numbers.ctx_size);
    f->env = nf_stage_env_new(NF_SOURCE_DIR "/data");
    nf_doc_init(&f->doc);
    if (nf_opt_apply(nf_stage_numbers.options, "stage.numbers.", f->cfg, f->ctx, err,
                     err_size) != 0) {
        return -1;
    }
    return nf_stage_numbers.init(f->ctx, f->env, err, err_size);
}

static void stage_down(fixture *f)
{
    nf_stage_numbers.fini(f->ctx);
    nf_opt_release(nf_stage_numbers.options, f->ctx);
    free(f->ctx);
    nf_stage_env_destroy(f->env);
    nf_config_destroy(f->cfg);
    nf_doc_fini(&f->doc);
}

static fixture F;

static void setup(void)
{
    char err[512] = "";
    int rc = stage_up(&F, NULL, err, sizeof err);
    cr_assert_eq(rc, 0, "init failed: %s", err);
}

static void teardown(void)
{
    stage_down(&F);
}

/* Run the stage over text (and title, may be NULL). */
static void run(fixture *f, const char *text, const char *title, const char *pub)
{
    nf_doc_reset(&f->doc);
    f->doc.field[NF_FIELD_TEXT] = text;
    f->doc.field_len[NF_FIELD_TEXT] = (uint32_t)strlen(text);
    if (title) {
        f->doc.field[NF_FIELD_TITLE] = title;
        f->doc.field_len[NF_FIELD_TITLE] = (uint32_t)strlen(title);
    }
    if (pub) {
        cr_assert_eq(sscanf(pub, "%d-%d-%d", &f->doc.pub_year, &f->doc.pub_month,
                            &f->doc.pub_day), 3);
    }
    cr_assert_eq(nf_stage_numbers.process(f->ctx, &f->doc), NF_STAGE_OK);
}

/* The annotation whose text is \p span in field \p field, or NULL. */
static const nf_ann *find(const nf_doc *doc, int field, const char *span)
{
    for (uint32_t i = 0; i < doc->n_anns; i++) {
        const nf_ann *a = &doc->anns[i];
        if (a->field == field && a->end - a->start == strlen(span) &&
            memcmp(doc->field[field] + a->start, span, a->end - a->start) == 0) {
            return a;
        }
    }
    return NULL;
}

TestSuite(numbers, .init = setup, .fini = teardown, .timeout = 60);

Test(numbers, values_are_exact_to_the_written_precision)
{
    run(&F, "Trade was $24.1 billion, then 0.3 percent, then 1.15 trillion yuan and 4.35 bn, "
            "$4.1 billion and 1.005 million.",
        NULL, NULL);
    const nf_ann *a = find(&F.doc, NF_FIELD_TEXT, "$24.1 billion");
    cr_assert_not_null(a);
    cr_assert_str_eq(a->label, "MONEY");
    cr_assert(a->value == 24100000000.0, "got %.17g", a->value);
    /* naive mantissa * scale in doubles gets these wrong */
    volatile double m1 = 4.1, m2 = 1.005;
    cr_assert(m1 * 1e9 != 4100000000.0 && m2 * 1e6 != 1005000.0, "the test must be able to fail");
    a = find(&F.doc, NF_FIELD_TEXT, "$4.1 billion");
    cr_assert_not_null(a);
    cr_assert(a->value == 4100000000.0, "got %.17g", a->value);
    a = find(&F.doc, NF_FIELD_TEXT, "1.005 million");
    cr_assert_not_null(a);
    cr_assert(a->value == 1005000.0, "got %.17g", a->value);
    a = find(&F.doc, NF_FIELD_TEXT, "0.3 percent");
    cr_assert_not_null(a);
    cr_assert(a->value == 0.3, "got %.17g", a->value);
    a = find(&F.doc, NF_FIELD_TEXT, "1.15 trillion yuan");
    cr_assert_not_null(a);
    cr_assert(a->value == 1150000000000.0, "got %.17g", a->value);
    a = find(&F.doc, NF_FIELD_TEXT, "4.35 bn");
    cr_assert_not_null(a);
    cr_assert(a->value == 4350000000.0, "got %.17g", a->value);
}

/* The eight-byte digit reader (nn_swar_digits, nn_swar_value) against a byte loop: runs of 0..8
 * digits followed by every byte value, with digits again after it (a borrow or carry from the
 * byte that ends the run must not change the count or the value). */
Test(numbers, digit_runs_read_eight_bytes_at_a_time)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    unsigned checked = 0;
    for (uint32_t len = 0; len <= 8; len++) {
        for (int c = 0; c < 256; c++) {
            char buf[8];
            for (uint32_t k = 0; k < 8; k++) {
                buf[k] = (char)('0' + (k * 7 + len + (uint32_t)c) % 10);
            }
            if (len < 8) {
                buf[len] = (char)c;
            }
            uint32_t want = 0;
            uint64_t val = 0;
            while (want < 8 && buf[want] >= '0' && buf[want] <= '9') {
                val = val * 10 + (uint64_t)(buf[want] - '0');
                want++;
            }
            uint64_t v;
            memcpy(&v, buf, 8);
            uint32_t got = nn_swar_digits(v);
            cr_assert_eq(got, want, "len %u byte 0x%02x: %u digits, want %u", len, c, got, want);
            if (got >= 1 && got <= 8) {
                cr_assert_eq(nn_swar_value(v, got), val, "len %u byte 0x%02x", len, c);
            }
            checked++;
        }
    }
    cr_assert_eq(checked, 9u * 256u);
#endif
}

/* parse_lit reads a short literal inline from two eight-byte loads when eight bytes follow its
 * start (and its decimal or group part); nearer the end of the field the general readers read
 * it. Both ways give the same number: each literal (and the byte after it) once at the end of
 * the field, once before more words. */
Test(numbers, plain_literals_read_alike_inline_and_by_the_readers)
{
    static const char *const lits[] = {
        "423",   "41.8",    "6.1",     "8,651",   "2,353",  "0.5",   "2.50",  "2025",
        "1,000", "7",       "12.345",  "1.234",   "12,5",   "5,00",  "99.99", "0.05",
        "10.0",  "100",     "1,5",     "12,34",   "3.1415", "1.2.3", "0,75",  "4.0",
        "1.234,5", "1,234.5", "2.000,5", "1.5.20"};
    static const char *const tails[] = {"", ",", ".", " ", "%"};
    const uint32_t at = (uint32_t)strlen("They counted ");
    for (size_t i = 0; i < sizeof lits / sizeof lits[0]; i++) {
        for (size_t j = 0; j < sizeof tails / sizeof tails[0]; j++) {
            char shortt[64], longt[128];
            snprintf(shortt, sizeof shortt, "They counted %s%s", lits[i], tails[j]);
            if (strlen(shortt) - at >= 8) {
                continue; /* (the short text must leave the literal to the general readers) */
            }
            snprintf(longt, sizeof longt, "%s and then some more of them.", shortt);
            double v[2] = {0, 0};
            uint32_t e[2] = {0, 0};
            const char *lab[2] = {NULL, NULL};
            for (int k = 0; k < 2; k++) {
                run(&F, k ? longt : shortt, NULL, NULL);
                for (uint32_t a = 0; a < F.doc.n_anns; a++) {
                    const nf_ann *an = &F.doc.anns[a];
                    if (an->field == NF_FIELD_TEXT && an->start == at) {
                        v[k] = (an->flags & NF_ANN_HAS_VALUE) ? an->value : -1;
                        e[k] = an->end;
                        lab[k] = an->label;
                    }
                }
            }
            cr_assert_eq(e[0], e[1], "\"%s\": end %u / %u", shortt, e[0], e[1]);
            cr_assert(v[0] == v[1], "\"%s\": %.17g / %.17g", shortt, v[0], v[1]);
            cr_assert(lab[0] == lab[1] || (lab[0] && lab[1] && strcmp(lab[0], lab[1]) == 0),
                      "\"%s\": %s / %s", shortt, lab[0] ? lab[0] : "-", lab[1] ? lab[1] : "-");
        }
    }
}

Test(numbers, big_values_carry_value_str)
{
    run(&F, "A total of 98,765,432,109,876,543 grains.", NULL, NULL);
    const nf_ann *a = find(&F.doc, NF_FIELD_TEXT, "98,765,432,109,876,543");
    cr_assert_not_null(a);
    cr_assert_not_null(a->extra_json);
    cr_assert(strstr(a->extra_json, "\"value_str\":\"98765432109876543\"") != NULL, "%s",
              a->extra_json);
    /* 15 digits fit a double: no value_str */
    run(&F, "A total of 987,654,321,098,765 grains.", NULL, NULL);
    a = find(&F.doc, NF_FIELD_TEXT, "987,654,321,098,765");
    cr_assert_not_null(a);
    cr_assert(a->extra_json == NULL || strstr(a->extra_json, "value_str") == NULL);
}

Test(numbers, modifiers_stay_outside_the_span)
{
    run(&F, "More than 300 people and at least 5% and up to $2 million.", NULL, NULL);
    const nf_ann *a = find(&F.doc, NF_FIELD_TEXT, "300");
    cr_assert_not_null(a);
    cr_assert_str_eq(a->extra_json, "\"mod\":\"gt\"");
    a = find(&F.doc, NF_FIELD_TEXT, "5%");
    cr_assert_not_null(a);
    cr_assert_str_eq(a->extra_json, "\"mod\":\"ge\"");
    a = find(&F.doc, NF_FIELD_TEXT, "$2 million");
    cr_assert_not_null(a);
    cr_assert_str_eq(a->extra_json, "\"mod\":\"le\"");
}

Test(numbers, title_is_annotated_with_its_field)
{
    run(&F, "Nothing here.", "Exports Reach $13.2 Billion In 2022", NULL);
    const nf_ann *a = find(&F.doc, NF_FIELD_TITLE, "$13.2 Billion");
    cr_assert_not_null(a);
    cr_assert_eq(a->field, NF_FIELD_TITLE);
    cr_assert_not_null(find(&F.doc, NF_FIELD_TITLE, "2022"));
    cr_assert_eq(F.doc.n_anns, 2);
}

Test(numbers, ranges_have_value_max)
{
    run(&F, "Between 10 and 15 percent, or 2019-20, or 20-30 people.", NULL, NULL);
    const nf_ann *a = find(&F.doc, NF_FIELD_TEXT, "10 and 15 percent");
    cr_assert_not_null(a);
    cr_assert(a->flags & NF_ANN_HAS_VALUE_MAX);
    cr_assert(a->value == 10 && a->value_max == 15);
    a = find(&F.doc, NF_FIELD_TEXT, "20-30");
    cr_assert_not_null(a);
    cr_assert_str_eq(a->label, "CARDINAL");
    cr_assert(a->value == 20 && a->value_max == 30);
    /* a score is not a range: one CARDINAL without a value (docs/numbers.md) */
    run(&F, "They won 5-4.", NULL, NULL);
    a = find(&F.doc, NF_FIELD_TEXT, "5-4");
    cr_assert_not_null(a);
    cr_assert_str_eq(a->label, "CARDINAL");
    cr_assert(!(a->flags & (NF_ANN_HAS_VALUE | NF_ANN_HAS_VALUE_MAX)));
}

Test(numbers, strings_are_static_or_in_the_arena)
{
    run(&F, "On Monday, 28 November 2023, $5 and 3 km and about 4.", NULL, "2023-12-01");
    cr_assert_gt(F.doc.n_anns, 3);
    for (uint32_t i = 0; i < F.doc.n_anns; i++) {
        cr_assert_eq(F.doc.anns[i].kind, NF_ANN_NUMBER);
        cr_assert_not_null(F.doc.anns[i].label);
    }
    /* value_text survives a second article in the same doc (arena reset keeps the chunk) */
    const nf_ann *a = find(&F.doc, NF_FIELD_TEXT, "Monday, 28 November 2023");
    cr_assert_not_null(a);
    cr_assert_str_eq(a->value_text, "2023-11-28");
}

/* ---- Options ----------------------------------------------------------------------------- */

Test(numbers_options, currency_default_can_be_overridden)
{
    fixture f;
    char err[512] = "";
    const char *kv[] = {"stage.numbers.currency_defaults", "dollar:cad, pound:EGP", NULL};
    cr_assert_eq(stage_up(&f, kv, err, sizeof err), 0, "%s", err);
    run(&f, "It cost $5 million and 3 million pounds.", NULL, NULL);
    const nf_ann *a = find(&f.doc, NF_FIELD_TEXT, "$5 million");
    cr_assert_not_null(a);
    cr_assert_str_eq(a->currency, "CAD");
    a = find(&f.doc, NF_FIELD_TEXT, "3 million pounds");
    cr_assert_not_null(a);
    cr_assert_str_eq(a->currency, "EGP");
    /* the dateline still wins over the default */
    nf_doc_reset(&f.doc);
    f.doc.field[NF_FIELD_TEXT] = "It cost $5 million.";
    f.doc.field_len[NF_FIELD_TEXT] = (uint32_t)strlen(f.doc.field[NF_FIELD_TEXT]);
    f.doc.dateline.present = true;
    f.doc.dateline.country = "NZ";
    nf_stage_numbers.process(f.ctx, &f.doc);
    cr_assert_eq(f.doc.n_anns, 1);
    cr_assert_str_eq(f.doc.anns[0].currency, "NZD");
    stage_down(&f);
}

Test(numbers_options, bad_currency_default_fails_init_with_the_key)
{
    fixture f;
    char err[512] = "";
    const char *kv[] = {"stage.numbers.currency_defaults", "doubloon:XYZ", NULL};
    cr_assert_neq(stage_up(&f, kv, err, sizeof err), 0);
    cr_assert(strstr(err, "currency_defaults") != NULL, "%s", err);
    cr_assert(strstr(err, "doubloon") != NULL, "%s", err);
    stage_down(&f);
}

Test(numbers_options, relative_dates_off)
{
    fixture f;
    char err[512] = "";
    const char *kv[] = {"stage.numbers.relative_dates", "false", NULL};
    cr_assert_eq(stage_up(&f, kv, err, sizeof err), 0, "%s", err);
    run(&f, "Yesterday and last year, on Monday, but 5 May 2020.", NULL, "2021-03-03");
    cr_assert_eq(f.doc.n_anns, 1);
    cr_assert_str_eq(f.doc.anns[0].value_text, "2020-05-05");
    stage_down(&f);
}

Test(numbers_options, date_order_dmy)
{
    fixture f;
    char err[512] = "";
    const char *kv[] = {"stage.numbers.date_order", "dmy", NULL};
    cr_assert_eq(stage_up(&f, kv, err, sizeof err), 0, "%s", err);
    run(&f, "Due 05/06/2020 and 13/06/2020 and 06/13/2020.", NULL, NULL);
    cr_assert_eq(f.doc.n_anns, 3);
    cr_assert_str_eq(f.doc.anns[0].value_text, "2020-06-05");
    cr_assert_str_eq(f.doc.anns[1].value_text, "2020-06-13");
    cr_assert_str_eq(f.doc.anns[2].value_text, "2020-06-13");
    stage_down(&f);
    /* and the default reads month first */
    cr_assert_eq(stage_up(&f, NULL, err, sizeof err), 0, "%s", err);
    run(&f, "Due 05/06/2020.", NULL, NULL);
    cr_assert_str_eq(f.doc.anns[0].value_text, "2020-05-06");
    stage_down(&f);
}

Test(numbers_options, title_off)
{
    fixture f;
    char err[512] = "";
    const char *kv[] = {"stage.numbers.title", "no", NULL};
    cr_assert_eq(stage_up(&f, kv, err, sizeof err), 0, "%s", err);
    run(&f, "5 people.", "Ten people", NULL);
    cr_assert_eq(f.doc.n_anns, 1);
    cr_assert_eq(f.doc.anns[0].field, NF_FIELD_TEXT);
    stage_down(&f);
}

Test(numbers_options, missing_data_dir_fails_with_the_path)
{
    nf_numbers_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    nf_stage_env *env = nf_stage_env_new("/nonexistent/data");
    char err[512] = "";
    cr_assert_neq(nf_stage_numbers.init(&ctx, env, err, sizeof err), 0);
    cr_assert(strstr(err, "numbers/") != NULL, "%s", err);
    nf_stage_numbers.fini(&ctx);
    nf_stage_env_destroy(env);
}

/* ---- Invariants over random and adversarial strings --------------------------------------- */

/* Check the invariants of the annotations of f->doc; returns how many there were. */
static uint32_t check_invariants(const fixture *f)
{
    const nf_doc *doc = &f->doc;
    uint32_t last_end[NF_FIELD_COUNT] = {0};
    for (uint32_t i = 0; i < doc->n_anns; i++) {
        const nf_ann *a = &doc->anns[i];
        const char *s = doc->field[a->field];
        uint32_t n = doc->field_len[a->field];
        cr_assert(a->start < a->end && a->end <= n, "span %u..%u of %u", a->start, a->end, n);
        cr_assert(nf_utf8_is_boundary(s, n, a->start) && nf_utf8_is_boundary(s, n, a->end));
        /* appended in text order per field, so non-overlap is start >= previous end */
        cr_assert(a->start >= last_end[a->field], "overlap at %u (previous end %u)", a->start,
                  last_end[a->field]);
        last_end[a->field] = a->end;
        if (a->flags & NF_ANN_HAS_VALUE) {
            cr_assert(isfinite(a->value));
        }
        cr_assert((a->flags & NF_ANN_HAS_VALUE) || a->value_text || 1);
    }
    return doc->n_anns;
}

static const char *const PIECES[] = {
    "1", "2", "0", "9", "12", "2019", "1,250", ",", ".", "-", "/", ":", "%", "$", "US$", "€",
    "£", "¥", "₹", "₸", " ", " ", "  ", "\n", "\xC2\xA0", "\xE2\x80\xAF", "–", "−", "½",
    "million",
    "billion", "bn", "m", "k", "percent", "per cent", "basis points", "tonnes", "km", "km/h",
    "November", "Nov.", "May", "march", "Monday", "last", "year", "years", "ago", "the",
    "1990s", "s", "st", "th", "third", "twenty", "-", "one", "and", "a", "half", "dozen",
    "hundred", "thousand", "crore", "lakh", "Rs", "USD", "KZT", "rupees", "dollars", "cents",
    "COVID-19", "G20", "No.", "#", "am", "p.m.", "between", "to", "over", "nearly", "é", "日本",
    "\xF0\x9F\x98\x80", "'", "\"", "(", ")", "x", "of", "point", "quarter", "UTC", "http://a.b/1",
    /* issue 10: intervals, rates, scores, identifiers, tense */
    "Q", "H", "Q3", "H1", "half", "second", "fourth", "January-October", "July-September", "per",
    "annum", "an", "hour", "day", "beat", "won", "win", "Denmark", "+", "+1", "555-0143",
    "Section", "iPhone", "build", "said", "will", "has", "been", "Thursday", "earlier",
};
#define N_PIECES (sizeof PIECES / sizeof PIECES[0])

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 32);
}

/* Up to 40 random PIECES into buf (NUL-terminated), a blank after two in three of them; with
 * \p breaks, a line break or a full stop instead of some blanks. */
static void soup(char *buf, size_t cap, bool breaks)
{
    size_t len = 0;
    int n = 1 + (int)(rnd() % 40);
    for (int k = 0; k < n; k++) {
        const char *p = PIECES[rnd() % N_PIECES];
        size_t pl = strlen(p);
        if (len + pl + 2 >= cap) {
            break;
        }
        memcpy(buf + len, p, pl);
        len += pl;
        uint32_t r = rnd() % (breaks ? 6 : 3);
        if (r) {
            buf[len++] = r == 5 ? '\n' : r == 4 ? '.' : ' ';
        }
    }
    buf[len] = '\0';
}

Test(numbers, invariants_hold_on_random_token_soup)
{
    char *buf = malloc(4096);
    uint32_t total = 0;
    for (int iter = 0; iter < 3000; iter++) {
        soup(buf, 4096, false);
        run(&F, buf, (iter % 5 == 0) ? buf : NULL, (iter % 2) ? "2020-02-29" : NULL);
        total += check_invariants(&F);
    }
    cr_assert_gt(total, 1000, "the soup should contain plenty of numbers (%u)", total);
    free(buf);
}

Test(numbers, invariants_hold_on_random_bytes)
{
    /* The stage's input is valid UTF-8 (decode/normalize guarantee it), so random bytes are
     * made valid by replacing bad sequences; the scanner must still never split a character. */
    char *buf = malloc(2048);
    for (int iter = 0; iter < 2000; iter++) {
        size_t len = 1 + rnd() % 2000;
        for (size_t k = 0; k < len; k++) {
            uint32_t r = rnd();
            buf[k] = (char)((r & 3) == 0 ? "0123456789,.$%-/ "[r % 17] : (r >> 8) & 0xFF);
        }
        size_t bad = 0;
        while (!nf_utf8_valid(buf, len, &bad)) {
            buf[bad] = '?';
        }
        buf[len] = '\0';
        run(&F, buf, NULL, "2019-07-01");
        check_invariants(&F);
    }
    free(buf);
}

Test(numbers, output_is_deterministic)
{
    const char *text = "On Monday, 5 May 2020, $1.2-1.5 billion, 34.1 percent, 7 tonnes, "
                       "twenty-fifth, the 1990s, about 300, 2019/20, last year.";
    run(&F, text, NULL, "2020-05-07");
    uint32_t n = F.doc.n_anns;
    nf_ann first[64];
    cr_assert_lt(n, 64);
    memcpy(first, F.doc.anns, n * sizeof *first);
    char vt[64][32];
    for (uint32_t i = 0; i < n; i++) {
        snprintf(vt[i], sizeof vt[i], "%s", first[i].value_text ? first[i].value_text : "");
    }
    run(&F, text, NULL, "2020-05-07");
    cr_assert_eq(F.doc.n_anns, n);
    for (uint32_t i = 0; i < n; i++) {
        cr_assert_eq(F.doc.anns[i].start, first[i].start);
        cr_assert_eq(F.doc.anns[i].end, first[i].end);
        cr_assert_str_eq(F.doc.anns[i].label, first[i].label);
        cr_assert(F.doc.anns[i].value == first[i].value ||
                  (isnan(F.doc.anns[i].value) && isnan(first[i].value)));
        cr_assert_str_eq(F.doc.anns[i].value_text ? F.doc.anns[i].value_text : "", vt[i]);
    }
}

/* ---- Linear time ------------------------------------------------------------------------- */

static char *adversarial(size_t len, uint32_t seed)
{
    static const char *const parts[] = {"9", "99", "1,", ",", "$", "€", "1.", "-", "1,000",
                                        "$1", "£2,", "0", "12/", "2019-", "5%"};
    char *s = malloc(len + 8);
    size_t n = 0;
    rng_state = seed;
    while (n < len) {
        const char *p = parts[rnd() % (sizeof parts / sizeof parts[0])];
        size_t pl = strlen(p);
        if (n + pl > len) {
            break;
        }
        memcpy(s + n, p, pl);
        n += pl;
    }
    s[n] = '\0';
    return s;
}

static double time_run(fixture *f, const char *text)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run(f, text, NULL, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

Test(numbers, linear_time_on_one_mib_of_digits_commas_and_currency_symbols, .timeout = 120)
{
    const size_t big = 1u << 20, small = big / 8;
    char *all_digits = malloc(big + 1);
    memset(all_digits, '7', big);
    all_digits[big] = '\0';
    char *s1 = adversarial(small, 42), *s2 = adversarial(big, 42);
    /* warm up */
    time_run(&F, s1);
    double t_small = time_run(&F, s1);
    double t_big = time_run(&F, s2);
    check_invariants(&F);
    double t_digits = time_run(&F, all_digits);
    cr_assert_eq(F.doc.n_anns, 0, "a 1 MiB run of digits is no number");
    /* 8x the input: allow up to 24x the time (noise, cache effects, sanitizers), far below
     * the 64x a quadratic scanner would take; and an absolute bound even for ASan builds. */
    cr_assert_lt(t_big, 24 * t_small + 0.05, "small %.4fs, big %.4fs", t_small, t_big);
    cr_assert_lt(t_big, 20.0, "1 MiB took %.2fs", t_big);
    cr_assert_lt(t_digits, 5.0, "1 MiB of digits took %.2fs", t_digits);
    free(all_digits);
    free(s1);
    free(s2);
}

/* `newsflow tag --stats`: the pipeline keeps one array of the numbers stage's rule counters
 * (doc->counters around process(), NULL outside), named by nf_pipeline_stats. */
Test(numbers, rule_counters_through_the_pipeline)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "pipeline.stages", "decode,numbers,encode", NF_CFG_CLI, NULL);
    char e[NF_ERRSTR_SIZE] = "";
    nf_pipeline *pl = nf_pipeline_new(cfg, e, sizeof e);
    nf_config_destroy(cfg);
    cr_assert_not_null(pl, "%s", e);
    nf_doc doc;
    nf_doc_init(&doc);
    const char *in = "{\"id\":\"1\",\"text\":\"It costs $5 million, up 12%, and 3 more.\"}";
    for (int k = 0; k < 2; k++) {
        nf_doc_reset(&doc);
        nf_doc_set_input(&doc, in, strlen(in), NULL, 0);
        cr_assert_eq(nf_pipeline_process(pl, &doc), NF_OK);
        cr_assert_null(doc.counters);
    }
    const nf_stage_stats *ss = NULL;
    size_t n = nf_pipeline_stats(pl, &ss);
    cr_assert_eq(n, 3);
    cr_assert_eq(ss[0].n_counters, 0, "decode has no counters");
    cr_assert_str_eq(ss[1].name, "numbers");
    cr_assert_gt(ss[1].n_counters, 20);
    uint64_t money = 0, pct = 0, card = 0, total = 0;
    for (size_t i = 0; i < ss[1].n_counters; i++) {
        const char *name = ss[1].counter_names[i];
        money += strcmp(name, "money_prefix") == 0 ? ss[1].counters[i] : 0;
        pct += strcmp(name, "percent_sign") == 0 ? ss[1].counters[i] : 0;
        card += strcmp(name, "cardinal") == 0 ? ss[1].counters[i] : 0;
        total += ss[1].counters[i];
    }
    cr_assert_eq(money, 2);
    cr_assert_eq(pct, 2);
    cr_assert_eq(card, 2);
    cr_assert_eq(total, 6, "one rule decides each mention");
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}

/* The scanner walks the shared tokens when a stage before has cut them (nf_doc_tokens) and
 * reads the bytes itself otherwise: both must give the same mentions. */
static uint32_t snapshot(const fixture *f, char *out, size_t cap)
{
    size_t o = 0;
    for (uint32_t k = 0; k < f->doc.n_anns && o < cap; k++) {
        const nf_ann *a = &f->doc.anns[k];
        o += (size_t)snprintf(out + o, cap - o, "%d:%u-%u:%s:%.17g:%s;", a->field, a->start,
                              a->end, a->label, a->value, a->value_text ? a->value_text : "");
    }
    return f->doc.n_anns;
}

static void expect_same_with_tokens(const char *text, const char *pub)
{
    static char a[65536], b[65536];
    run(&F, text, text, pub);
    uint32_t na = snapshot(&F, a, sizeof a);
    nf_doc_reset(&F.doc);
    F.doc.field[NF_FIELD_TEXT] = F.doc.field[NF_FIELD_TITLE] = text;
    F.doc.field_len[NF_FIELD_TEXT] = F.doc.field_len[NF_FIELD_TITLE] = (uint32_t)strlen(text);
    sscanf(pub, "%d-%d-%d", &F.doc.pub_year, &F.doc.pub_month, &F.doc.pub_day);
    uint32_t nt;
    nf_doc_tokens(&F.doc, NF_FIELD_TEXT, &nt); /* as the dateline stage does before numbers */
    nf_doc_tokens(&F.doc, NF_FIELD_TITLE, &nt);
    nf_stage_numbers.process(F.ctx, &F.doc);
    uint32_t nb = snapshot(&F, b, sizeof b);
    cr_assert_eq(na, nb, "\"%s\": %u mentions without tokens, %u with", text, na, nb);
    cr_assert_str_eq(a, b, "\"%s\"", text);
}

Test(numbers, shared_tokens_give_the_same_mentions)
{
    static const char *const texts[] = {
        "He said on Thursday that 3,000 people\xC2\xA0" "paid $5 million, up 4.5% (USD 20).",
        "COVID-19 hit 15km of the G20 road in Q3 2023; MUSD 60 and KEUR 5 were www.x.com",
        "Caf\xC3\xA9 \xE0\xB8\xBF" "100 \xE2\x80\x94 the 1990s, two-thirds, twenty-five-year-old",
        "user@example.com https://a.b/5 #5 .5 percent of 12.5bn \xE2\x80\x89" "42 tonnes",
        /* what the token walk passes over without scan_step: "a"/"an" before words that start
         * nothing with them, '.', '#' and symbols of other scripts that start nothing */
        "a year ago, an hour ago, a dozen eggs, a third of a million, a\nthousand, a quarter "
        "point, an eighth, a day. A dozen. a 5 # x #7 . 5 .75 x. \xC2\xBD cup, \xE2\x82\xAC 5, "
        "\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xA9" "500 \xC2\xAB a \xC2\xBB an",
        /* words the filters leave out since session 7: heads of glued currency forms ("S" of
         * "S$"), ':' not before "//" */
        "Trump's 5 cats, the U.S. 7, S$5 million, S 5, s$ 6, HK$ 3, HK 4, US$ 2, US dollars 9, "
        "NZ$7bn. media: 5 said: 6 https://a.b/5 http://c.d 7 Note: 8 USD: 9 MUSD: 3",
        /* forms8p (s8-nnum2): hyphenated "and a half", apostrophe years, digit fractions */
        "one-and-a-half cups, two-and-a-half million, one-and-done, a two-and-a-half-hour "
        "wait; on Jan 12, '16 and March 3 \xE2\x80\x99" "98, May 5 '160 x; 3/4 million, "
        "5/8ths, 2/3rds, 1/4th, 7/12ths, 3/4thsx, 24/7",
        "the week after next. The Monday after next, the month after next in x; After next, "
        "the year after next year's, a week after next Monday, after Next 5, day after next",
        "said on Tues. that, by Thurs and on Fri. on Sun TV, on Wed Street, on tues, of Mon., "
        "until Thu Nguyen, since Sat. Then on Fri, June 14 and before Mon",
        /* forms9n (s9-num): a dot after a minus, "a couple of", symbols glued, addresses */
        "It fell -.5 and -.25, x-.5, (-.5), - .5; a couple of hours, a couple of analysts, in "
        "a couple of weeks, a half-dozen, half an hour, 35\xC2\xB0" "C, -10\xC2\xB0" "C, at 10 "
        "Downing Street, on 7 Queen's Lane, voted 5-4, a 6-3 decision, 1.3m people, 12,34,567, "
        "300K, 2.5K, 1e10. 1 234 567.89",
        /* forms10n (s10-num): hyphen scales, phone numbers, suspended hyphens, heights,
         * decimal ranges, currency forms with letters before a symbol */
        "a $40-million deal, C$2-billion, a 3-million-strong army, call 020 7946 0958 or (202) "
        "555-0143, tied 2-2, 18-to-24-year-olds, 25- to 34-year-olds, ZIP code 90210, 5 foot 9, "
        "a 6-foot-2 forward, 2.5-3.0%, 1.2-1.5 million, 555.123-4567, 20 ringgit, 50 cedis, "
        "E\xC2\xA3" "100, \xC2\xA3" "E5,000, GH\xE2\x82\xB5" "2,000, GH\xC2\xA2" "450",
        "$US5 million, $A300 million, $NZ40m, $C2 billion, $HK5, $ZZ5, $USx5, $A, Php5 billion, "
        "PHP 8 code, PHP 5.50, three out of every four, 3 out of the 10, one out of a hundred",
    };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        expect_same_with_tokens(texts[k], "2024-11-14");
    }
    char *buf = malloc(4096);
    for (int iter = 0; iter < 1500; iter++) {
        soup(buf, 4096, true);
        expect_same_with_tokens(buf, "2020-02-29");
    }
    free(buf);
}

/* Whether filter \p sig of \p bits bits has both bits of \p word's shared token hash. */
static bool sig_has_word(const uint64_t *sig, uint32_t bits, const char *word)
{
    uint64_t h = nf_fold_hash(word, strlen(word));
    uint32_t a = nn_tsig_a(h) & (bits - 1), b = nn_tsig_b(h) & (bits - 1);
    return (sig[a >> 6] >> (a & 63)) & (sig[b >> 6] >> (b & 63)) & 1u;
}

/* Whether the main loop's token-hash prefilter (nn_lex.tsig) has both bits of \p word. */
static bool tsig_has(const nn_lex *lx, const char *word)
{
    return nn_tblock_has(lx->tsig, nf_fold_hash(word, strlen(word)));
}

/* The letters of a currency form glued to its '$' ("S$", "HK$", "NZ$") start nothing without
 * it: the main loop looks at a word before a '$' anyway, so the prefilter leaves these heads
 * out ("Trump's" made on_word look at "s"). A head that is also a word of its own role or the
 * head of a longer key keeps its bits ("us" of "us dollar", "a"). */
Test(numbers, trigger_filter_leaves_out_heads_of_glued_forms)
{
    const nn_lex *lx = &((const nf_numbers_ctx *)F.ctx)->lex;
    cr_assert_not(tsig_has(lx, "s"), "\"s\" of \"S$\"");
    cr_assert_not(tsig_has(lx, "hk"), "\"hk\" of \"HK$\"");
    cr_assert_not(tsig_has(lx, "nz"), "\"nz\" of \"NZ$\"");
    cr_assert(tsig_has(lx, "us"), "\"us\" heads \"us dollar\"");
    cr_assert(tsig_has(lx, "a"));
    cr_assert(tsig_has(lx, "usd"));
    cr_assert(tsig_has(lx, "twenty"));
    cr_assert(tsig_has(lx, "per"), "\"per\" heads \"per cent\"");
    /* and the forms are still read, glued or not */
    run(&F, "It paid S$5 million, HK$ 3 and US$ 2 to Trump's 5 firms; NZ$7bn at https://a.b/", NULL,
        NULL);
    const char *const money[] = {"S$5 million", "HK$ 3", "US$ 2", "NZ$7bn"};
    for (size_t k = 0; k < 4; k++) {
        const nf_ann *a = find(&F.doc, NF_FIELD_TEXT, money[k]);
        cr_assert(a && strcmp(a->label, "MONEY") == 0, "%s", money[k]);
    }
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "5"), "Trump's 5");
}

/* The words the token walk passes over by the word after them (idle_head, idle_article in
 * scan.c): "a"/"A" before a duration without "ago", a head of longer keys only ("per") before
 * a word that no key goes on with, "last"/"This" before a word that is no month, weekday or
 * duration. Their filters hold what on_word reads, and a text of such words and the words that
 * do start a mention gives the walk the same mentions as the byte loop. */
Test(numbers, heads_are_passed_over_by_the_word_after_them)
{
    const nn_lex *lx = &((const nf_numbers_ctx *)F.ctx)->lex;
    cr_assert(sig_has_word(lx->ssig, NN_WSIG_BITS, "twenty"));
    cr_assert(sig_has_word(lx->ssig, NN_WSIG_BITS, "percent"));
    cr_assert(sig_has_word(lx->ssig, NN_WSIG_BITS, "a"));
    cr_assert_not(sig_has_word(lx->ssig, NN_WSIG_BITS, "per"), "\"per\" only heads \"per cent\"");
    cr_assert(sig_has_word(lx->nsig, NN_WSIG_BITS, "cent"));
    cr_assert(nn_tblock_has(lx->strong, nf_fold_hash("november", 8)));
    cr_assert_not(nn_tblock_has(lx->strong, nf_fold_hash("last", 4)), "relative modifier only");
    cr_assert(sig_has_word(lx->rmsig, NN_ASIG_BITS, "last"));
    cr_assert(sig_has_word(lx->rsig, NN_ASIG_BITS, "year"));
    cr_assert(sig_has_word(lx->rsig, NN_ASIG_BITS, "friday"));
    cr_assert(sig_has_word(lx->anum, NN_ASIG_BITS, "dozen"));
    cr_assert_not(sig_has_word(lx->anum, NN_ASIG_BITS, "year"), "a duration needs \"ago\"");
    cr_assert(lx->a_cap_plain);
    static const char *const texts[] = {
        "a year ago, a year later, A year ago. A year on, An hour ago, an hour. a day 5 a year",
        "A dozen, A third of it, A 5, A$5, A $5, An eighth, a year\nago, a year ago2, A year-ago",
        "5 per cent of 10. per share, per 5, PER cent, Per cent of 12. per\ncent per cent-of 3",
        "this year, This is it, last Friday, next 5, last-minute, This week on Saturday, THIS YEAR",
        "This\nyear, the past week, coming days, last. next, this month's, Last November 5, Next",
        "us dollars 5, US dollars 5, the US dollar 7, us 5, Us 5, usd 5, per annum, a a year ago",
        "a rise, per cent of 10. It was per cent of 210) and percent of 7, per cent; per annum",
        /* "in"/"within" glued to the word before ("leave.in"): the byte loop reads the part
         * "in", so "a" after that word is no plain article (fuzz_numbers found it) */
        "He will leave.in a week. He left.In a week it opens. They go.within a month, x.in a",
        /* "a week after Friday", "a day after tomorrow" (s9-date's nn_try_a_ago reads "after"
         * and "before" too: the walk passed over the "a"; fuzz_numbers found it) */
        "It ends a day after tomorrow. a week after Friday, a day before Monday, A week after",
    };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        expect_same_with_tokens(texts[k], "2024-11-14");
    }
    static const char *const pieces[] = {
        "a", "A", "an", "An", "year", "hour", "day", "ago", "dozen", "third", "per", "cent",
        "Per", "PER", "percent", "of", "this", "This", "last", "next", "Next", "past", "coming",
        "week", "Friday", "November", "us", "US", "dollar", "dollars", "5", "12", "$", "A$",
        "share", "said", ".", ",", "-", "the", "on", "Saturday", "month", "2019", "\xC2\xA0",
    };
    char buf[512];
    for (int iter = 0; iter < 2000; iter++) {
        size_t len = 0;
        int nw = 1 + (int)(rnd() % 24);
        for (int w = 0; w < nw; w++) {
            const char *p = pieces[rnd() % (sizeof pieces / sizeof pieces[0])];
            size_t pl = strlen(p);
            if (len + pl + 2 >= sizeof buf) {
                break;
            }
            memcpy(buf + len, p, pl);
            len += pl;
            uint32_t r = rnd() % 8;
            if (r) {
                buf[len++] = r == 7 ? '\n' : ' ';
            }
        }
        buf[len] = '\0';
        expect_same_with_tokens(buf, (iter % 2) ? "2020-02-29" : "2024-11-14");
    }
}

/* The stage alone (no shared tokens) passes over "a"/"an" before an ASCII word without bits
 * in nn_lex.awsig (article_idle in scan.c): every key on_word's article rules read after them
 * (NN_A_NEXT: "a year ago", "a dozen", "a third", "an eighth") and "couple" ("a couple of
 * weeks ago") must have both bits, or those mentions would be lost; a plain word needs none. */
static bool awsig_has(const nn_lex *lx, const char *w, size_t len)
{
    uint64_t sig = nn_word_sig((const unsigned char *)w, (uint32_t)len, len);
    uint32_t a = nn_wsig_a(sig) & (NN_ASIG_BITS - 1), b = nn_wsig_b(sig) & (NN_ASIG_BITS - 1);
    return (lx->awsig[a >> 5] >> (a & 31)) & (lx->awsig[b >> 5] >> (b & 31)) & 1u;
}

/* nn_high_letter_len (the scanner's letters of other scripts without a decoder call) says what
 * nf_part_letter says for every code point it decides, and decides U+0080..U+2FFF. */
Test(numbers, fast_letter_test_agrees_with_the_token_layer)
{
    for (uint32_t cp = 0x80; cp < 0x3000; cp++) {
        char b[8];
        size_t l = nf_utf8_encode(cp, b);
        int r = nn_high_letter_len((const unsigned char *)b, l, 0);
        cr_assert(r >= 0, "U+%04X decided", cp);
        cr_assert_eq(r > 0, nf_part_letter(cp), "U+%04X", cp);
        cr_assert(r == 0 || (size_t)r == l, "U+%04X length", cp);
    }
    /* broken and overlong sequences are left to the token layer */
    cr_assert_lt(nn_high_letter_len((const unsigned char *)"\xC3", 1, 0), 0);
    cr_assert_lt(nn_high_letter_len((const unsigned char *)"\xE0\x81\x81", 3, 0), 0);
    cr_assert_lt(nn_high_letter_len((const unsigned char *)"\xC3(", 2, 0), 0);
}

/* The byte loop passes over a word with letters of other scripts only without bits in
 * nn_lex.hwsig: every key whose first part has such letters has them ("złoty", "Kč"). */
Test(numbers, high_letter_filter_of_the_byte_loop_holds_every_such_key)
{
    const nn_lex *lx = &((const nf_numbers_ctx *)F.ctx)->lex;
    uint32_t checked = 0;
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        nn_tok p;
        nn_tok_next(nn_lex_key(lx, e), e->key_len, 0, &p);
        if (p.kind != TK_WORD || (p.tf & NN_TF_ASCII)) {
            continue;
        }
        uint64_t h = nn_hsig_of(p.hash_lc);
        uint32_t a = nn_tsig_a(h) & (NN_ASIG_BITS - 1), b = nn_tsig_b(h) & (NN_ASIG_BITS - 1);
        cr_assert((lx->hwsig[a >> 6] >> (a & 63)) & (lx->hwsig[b >> 6] >> (b & 63)) & 1u,
                  "\"%.*s\"", (int)e->key_len, nn_lex_key(lx, e));
        checked++;
    }
    cr_assert_gt(checked, 0, "the lexicon has keys with letters of other scripts");
    run(&F, "Zofia Wójcik paid 5 zł and González 20 Kč; Łódź, the company’s 3 kuruş.", NULL,
        NULL);
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "5 zł"));
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "20 Kč"));
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "3 kuruş"));
}

Test(numbers, article_filter_of_the_byte_loop_holds_every_key_after_a)
{
    const nn_lex *lx = &((const nf_numbers_ctx *)F.ctx)->lex;
    uint32_t checked = 0;
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        size_t l = 0;
        while (l < e->key_len && (nn_lex_key(lx, e)[l] | 0x20) >= 'a' && (nn_lex_key(lx, e)[l] | 0x20) <= 'z') {
            l++;
        }
        if (e->cs || !(e->roles & NN_A_NEXT) || l != e->key_len) {
            continue;
        }
        cr_assert(awsig_has(lx, nn_lex_key(lx, e), e->key_len), "\"%.*s\" after \"a\"", (int)e->key_len,
                  nn_lex_key(lx, e));
        checked++;
    }
    cr_assert_gt(checked, 50, "the lexicon has units of time, scales and ordinals");
    /* and the currency names "a" is one of (cues.tsv a_unit: "a dollar", rule a_currency) */
    uint32_t units = 0;
    for (uint32_t k = 0; k < lx->n_cue_slots; k++) {
        if (lx->cues[k].word && (lx->cues[k].flags & CUEF_A_UNIT)) {
            cr_assert(awsig_has(lx, lx->cues[k].word, lx->cues[k].len), "\"a %s\"",
                      lx->cues[k].word);
            units++;
        }
    }
    cr_assert_gt(units, 0, "cues.tsv has a_unit words");
    cr_assert(awsig_has(lx, "couple", 6));
    cr_assert(awsig_has(lx, "Dozen", 5), "capitals: the signature lower-cases");
    cr_assert_not(awsig_has(lx, "statement", 9));
    cr_assert_not(awsig_has(lx, "news", 4));
    run(&F, "It took a couple of weeks ago, a dozen eggs, an eighth, a year ago and a rise; it "
            "costs a dollar.",
        NULL, NULL);
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "a dollar"));
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "a couple of weeks ago"));
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "a dozen"));
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "eighth"));
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "a year ago"));
}

/* lex_chain reads past a key's first token only when the next token's first byte is in the
 * head's nn_entry.next_first; money_code/money_word and percent_of fail on the head alone
 * ("US government", "per share"): every longer key's second token has its bit. */
Test(numbers, prefix_heads_hold_the_first_byte_of_every_longer_key)
{
    const nn_lex *lx = &((const nf_numbers_ctx *)F.ctx)->lex;
    uint32_t checked = 0;
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        nn_tok p1, p2;
        nn_tok_next(nn_lex_key(lx, e), e->key_len, 0, &p1);
        nn_tok_next(nn_lex_key(lx, e), e->key_len, p1.e, &p2);
        if (p1.kind == TK_END || p2.kind == TK_END) {
            continue;
        }
        const nn_entry *h = nn_lex_get(lx, nn_lex_key(lx, e), p1.e, e->cs);
        cr_assert(h && (h->roles & NL_PREFIX), "head of \"%.*s\"", (int)e->key_len, nn_lex_key(lx, e));
        cr_assert(h->next_first & nn_next_bit((unsigned char)nn_lex_key(lx, e)[p2.s]), "\"%.*s\"",
                  (int)e->key_len, nn_lex_key(lx, e));
        checked++;
    }
    cr_assert_gt(checked, 50, "the lexicon has keys of several tokens");
    run(&F, "The US government said US$5 million, 3 per cent, per cent of 20, per share and "
            "us dollars 40.",
        NULL, NULL);
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "US$5 million"));
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "3 per cent"));
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "per cent of 20"));
}

/* nn_try_relmod reads the token after "this", "last", "next" only when its first two letters
 * are those of a month, weekday or unit of time (nn_lex.rw2); nn_try_a_ago and nn_try_in_a
 * test one letter of the words they need (ago_first, in_last). */
Test(numbers, relative_word_filters_hold_every_key_they_read)
{
    const nn_lex *lx = &((const nf_numbers_ctx *)F.ctx)->lex;
    uint32_t checked = 0;
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        unsigned char k0 = (unsigned char)nn_lex_key(lx, e)[0];
        nn_tok p1, p2;
        nn_tok_next(nn_lex_key(lx, e), e->key_len, 0, &p1);
        nn_tok_next(nn_lex_key(lx, e), e->key_len, p1.e, &p2);
        if (e->cs || !(e->roles & (NL_MONTH | NL_WEEKDAY | NL_DUR | NL_RELUNIT)) || k0 < 'a' ||
            k0 > 'z' || p2.kind != TK_END) {
            continue; /* (the token after "this" is one part: a key of one) */
        }
        unsigned char k1 = e->key_len > 1 ? (unsigned char)nn_lex_key(lx, e)[1] : ' ';
        if (k1 >= 0x80) {
            continue; /* (the text's second byte is above ASCII too: not decided by rw2) */
        }
        uint32_t bit = k1 >= 'a' && k1 <= 'z' ? k1 - 'a' : 26;
        cr_assert((lx->rw2[k0 - 'a'] >> bit) & 1u, "\"%.*s\"", (int)e->key_len, nn_lex_key(lx, e));
        checked++;
    }
    cr_assert_gt(checked, 40, "months, weekdays and units of time");
    const char *ago[] = {"ago", "from", "after", "before"};
    for (size_t k = 0; k < 4; k++) {
        cr_assert((lx->ago_first >> (ago[k][0] - 'a')) & 1u, "%s", ago[k]);
    }
    cr_assert((lx->in_last >> ('n' - 'a')) & 1u);
    run(&F, "This is the plan, this week it rose, last time it fell, a year earlier it was low, a "
            "year ago it was high, in a week it opens, next Friday.",
        NULL, "2025-10-08");
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "this week"));
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "a year ago"));
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "next Friday"));
    cr_assert_not(find(&F.doc, NF_FIELD_TEXT, "a year earlier"));
}

/* nn_plural_ordinal looks up a plural's singular only when its last two letters are those of
 * an ordinal or fraction word (nn_lex.pl2): every such key of the lower-case table is there. */
Test(numbers, plural_ordinal_filter_holds_every_key_it_reads)
{
    const nn_lex *lx = &((const nf_numbers_ctx *)F.ctx)->lex;
    uint32_t checked = 0;
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        if (e->cs || !(e->roles & (NL_ORD | NL_FRAC | NL_ORDSCALE)) || e->key_len < 2) {
            continue;
        }
        unsigned a = (unsigned)(((unsigned char)nn_lex_key(lx, e)[e->key_len - 2] | 0x20) - 'a');
        unsigned b = (unsigned)(((unsigned char)nn_lex_key(lx, e)[e->key_len - 1] | 0x20) - 'a');
        if (a >= 26 || b >= 26) {
            continue; /* (the text's bytes are no letters either: looked up) */
        }
        cr_assert((lx->pl2[b] >> a) & 1u, "\"%.*s\"", (int)e->key_len, nn_lex_key(lx, e));
        checked++;
    }
    cr_assert_gt(checked, 20, "ordinals and fraction words");
    run(&F, "Two thirds voted, three quarters left, five hundredths of it, 20 years and 3 points.",
        NULL, NULL);
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "Two thirds"));
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "three quarters"));
    cr_assert(find(&F.doc, NF_FIELD_TEXT, "five hundredths"));
}

/* Words with letters of other scripts that no key starts with ("González", "Łódź") are
 * passed over by the token walk (idle_high_word in scan.c) without the scanner's token and
 * lexicon look-ups: the same mentions as the byte loop, which reads them. */
Test(numbers, words_of_other_scripts_are_passed_over)
{
    const nn_lex *lx = &((const nf_numbers_ctx *)F.ctx)->lex;
    cr_assert(sig_has_word(lx->hsig, NN_ASIG_BITS, "\xC2\xA3"), "the key \"\xC2\xA3\"");
    cr_assert_not(sig_has_word(lx->hsig, NN_ASIG_BITS, "gonz\xC3\xA1lez"));
    static const char *const texts[] = {
        "Gonz\xC3\xA1lez 5, M\xC3\xBCller's 7, \xC5\x81\xC3\xB3" "d\xC5\xBA 3, \xC3\x98rsted 4%, "
        "Tu\xE1\xBA\xA5n 4 km, RMB\xC2\xA5 5 million, RMB\xC2\xA5" "5, km\xC2\xB2 3 m\xC2\xB3",
        "J\xC3\xB6s\xC3\xA9://x.y/5 M\xC3\xBCl@x.y 5 M\xC3\xA9" "5 M\xC3\x9CL 5 M\xC3\x9CLL 7 "
        "a\xD6\x8F" "5 x\xE0\xB8\xBF" "100 Gonz\xC3\xA1lez-5 Gonz\xC3\xA1lez.5 N\xC3\xBA\xC3\xB1" "ez. 9",
        "Caf\xC3\xA9" "s 3, e\xCC\x81t\xC3\xA9 4, \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 5, "
        "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 6, Z\xC3\xBCrich's 7% and Andr\xC3\xA9s 12,000",
        /* a currency sign the token layer counts as a letter; an URL, an address, an
         * identifier after such a word */
        "x\xE0\xB8\xBF 100, ab\xD6\x8F 5, \xD6\x8F 5, J\xC3\xB6s://x.y/5 M\xC3\xBCl@a5.b "
        "Gonz\xC3\xA1l-5x, \xC3\xA1" "b\xE0\xB8\xBF 7",
    };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        expect_same_with_tokens(texts[k], "2024-11-14");
    }
}

/* The token walk answers for the symbols U+0080..U+00BF and U+2000..U+207F (quotes, dashes,
 * "«", "»") by a table filled at load (nn_lex.sym_idle): each gives the same mentions as the
 * byte loop, which reads it (currency signs such as "£" and fractions such as "½" start one). */
Test(numbers, symbols_are_answered_by_their_table)
{
    const nn_lex *lx = &((const nf_numbers_ctx *)F.ctx)->lex;
    cr_assert((lx->sym_idle[1] >> (0x201C & 63)) & 1u, "U+201C");
    cr_assert((lx->sym_idle[0] >> (0xBB & 63)) & 1u, "U+00BB");
    cr_assert_not((lx->sym_idle[0] >> (0xA3 & 63)) & 1u, "U+00A3 is a currency sign");
    cr_assert_not((lx->sym_idle[0] >> (0xBD & 63)) & 1u, "U+00BD is a fraction");
    for (uint32_t k = 0; k < 192; k++) {
        uint32_t cp = k < 64 ? 0x80 + k : 0x2000 + (k - 64);
        char sym[4] = {0};
        if (cp < 0x800) {
            sym[0] = (char)(0xC0 | (cp >> 6));
            sym[1] = (char)(0x80 | (cp & 63));
        } else {
            sym[0] = (char)(0xE0 | (cp >> 12));
            sym[1] = (char)(0x80 | ((cp >> 6) & 63));
            sym[2] = (char)(0x80 | (cp & 63));
        }
        char text[128];
        snprintf(text, sizeof text, "x %s5 and %s 7 million, 3%s 4 %s%s 2", sym, sym, sym, sym, sym);
        expect_same_with_tokens(text, "2024-11-14");
    }
}

/* nn_lex_get_lc compares the text with ASCII capitals lower-cased, eight or four bytes at a
 * time: every case-insensitive key is found as written and with its ASCII letters capitalised
 * (every other one, or all), never with one byte changed. A byte above ASCII is compared as it
 * is: keys with bytes 0xC1..0xDA ("\xC3\xA9"), whose low seven bits are a capital, are found
 * only if such a byte of the text is not lower-cased to 0xE1..0xFA. */
Test(numbers, lexicon_lookup_folds_ascii_capitals_only)
{
    const nn_lex *lx = &((const nf_numbers_ctx *)F.ctx)->lex;
    uint32_t checked = 0, high = 0;
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        if (e->cs || e->key_len == 0 || e->key_len > 64) {
            continue;
        }
        char text[64];
        size_t len = e->key_len;
        uint32_t h = NN_HASH_INIT;
        for (size_t i = 0; i < len; i++) {
            h = nn_hash_step(h, (unsigned char)nn_lex_key(lx, e)[i]);
        }
        for (int form = 0; form < 3; form++) {
            for (size_t i = 0; i < len; i++) {
                char c = nn_lex_key(lx, e)[i];
                bool up = form == 2 || (form == 1 && i % 2 == 0);
                text[i] = (char)(up && c >= 'a' && c <= 'z' ? c - 32 : c);
            }
            cr_assert_eq(nn_lex_get_lc(lx, h, text, len), e, "key \"%.*s\" form %d", (int)len,
                         nn_lex_key(lx, e), form);
        }
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)nn_lex_key(lx, e)[i];
            memcpy(text, nn_lex_key(lx, e), len);
            /* (bit 0x20 is the case of an ASCII letter: flip another one there) */
            text[i] = (char)(c ^ (c >= 'a' && c <= 'z' ? 0x40 : 0x20));
            high += c >= 0xC1 && c <= 0xDA;
            cr_assert_neq(nn_lex_get_lc(lx, h, text, len), e, "key \"%.*s\" changed at %zu",
                          (int)len, nn_lex_key(lx, e), i);
        }
        checked++;
    }
    cr_assert_gt(checked, 500);
    cr_assert_gt(high, 0, "the lexicon should have keys with bytes 0xC1..0xDA");
}

/* nn_lex_get_tok compares an ASCII word of up to eight letters by one OR (letters_eq): every
 * case-insensitive key of one token is found from its token as written and capitalised, and a
 * letter changed into another (or into a digit) finds it no more, even with the key's hash. */
Test(numbers, lexicon_lookup_of_a_token_finds_its_key)
{
    const nn_lex *lx = &((const nf_numbers_ctx *)F.ctx)->lex;
    uint32_t checked = 0;
    for (uint32_t k = 0; k < lx->n_entries; k++) {
        const nn_entry *e = &lx->entries[k];
        if (e->cs || e->key_len == 0 || e->key_len > 48) {
            continue;
        }
        char text[64];
        size_t len = e->key_len;
        nn_tok t;
        uint32_t h = 0;
        for (int form = 0; form < 4; form++) {
            for (size_t i = 0; i < len; i++) {
                char c = nn_lex_key(lx, e)[i];
                bool up = form == 2 || (form == 1 && i % 2 == 0);
                text[i] = (char)(up && c >= 'a' && c <= 'z' ? c - 32 : c);
            }
            if (form == 3) { /* one letter changed: the next one, or a digit for "z" */
                size_t i = len / 2;
                if (text[i] < 'a' || text[i] > 'z') {
                    continue;
                }
                text[i] = text[i] == 'z' ? '0' : (char)(text[i] + 1);
            }
            text[len] = '\0'; /* (the cut reads the byte at the end) */
            nn_tok_next(text, len, 0, &t);
            if (t.kind == TK_END || t.s != 0 || t.e != len) {
                break; /* a key of several tokens */
            }
            if (form == 3) {
                t.hash_lc = h; /* (the compare, not the hash, must tell them apart) */
                cr_assert_neq(nn_lex_get_tok(lx, text, &t), e, "key \"%.*s\" changed", (int)len,
                              nn_lex_key(lx, e));
            } else {
                cr_assert_eq(nn_lex_get_tok(lx, text, &t), e, "key \"%.*s\" form %d", (int)len,
                             nn_lex_key(lx, e), form);
                checked += form == 0;
                h = t.hash_lc;
            }
        }
    }
    cr_assert_gt(checked, 500);
}

/* nn_hash_word8 (the token cut's hash of up to eight letters by independent products) equals
 * nn_hash_step byte by byte, for every length, and its power tables are P^k and their inverses. */
Test(numbers, hash_word8_matches_the_byte_steps)
{
    for (uint32_t k = 0; k <= 8; k++) {
        uint32_t p = 1;
        for (uint32_t i = 0; i < k; i++) {
            p *= NN_HASH_P;
        }
        cr_assert_eq(nn_hash_pow[k], p, "P^%u", k);
        cr_assert_eq(nn_hash_pow[k] * nn_hash_ipow[k], 1u, "P^-%u", k);
    }
    uint64_t r = 0x9E3779B97F4A7C15ull;
    for (int round = 0; round < 2000; round++) {
        r = r * 6364136223846793005ull + 1442695040888963407ull;
        uint32_t h0 = (uint32_t)(r >> 7), len = (uint32_t)(r >> 40) % 9u;
        uint64_t x = r * 0xD6E8FEB86659FD93ull;
        uint64_t xm = len == 8 ? x : x & ((1ull << (8 * len)) - 1);
        uint32_t h = h0;
        for (uint32_t i = 0; i < len; i++) {
            h = nn_hash_step(h, (uint32_t)(xm >> (8 * i)) & 0xFFu);
        }
        cr_assert_eq(nn_hash_word8(h0, xm, len), h, "len %u", len);
    }
}

/* nn_letters_before (internal.h) reads sixteen bytes at a time backwards: the same run of at
 * most 40 ASCII letters before every position as a byte loop, on random letters, blanks,
 * digits and bytes above ASCII (runs longer than 16 and 40 included). */
Test(numbers, letters_before_matches_a_byte_loop)
{
    static const char alphabet[] = "abcXYZ  \t9-\xC3\xA9";
    char buf[200];
    for (int iter = 0; iter < 400; iter++) {
        uint32_t n = 1 + rnd() % (sizeof buf - 1);
        uint32_t letters_only = rnd() % 3; /* long runs of letters in a third of the strings */
        for (uint32_t k = 0; k < n; k++) {
            buf[k] = letters_only == 0 && rnd() % 50 ? "LongRun"[k % 7]
                                                      : alphabet[rnd() % (sizeof alphabet - 1)];
        }
        scan sc;
        memset(&sc, 0, sizeof sc);
        sc.s = buf;
        sc.n = n;
        for (uint32_t pos = 0; pos <= n; pos++) {
            uint32_t i = pos;
            while (i > 0 && (buf[i - 1] == ' ' || buf[i - 1] == '\t')) {
                i--;
            }
            uint32_t want_end = i;
            while (i > 0 && is_alpha(buf[i - 1]) && want_end - i < 40) {
                i--;
            }
            uint32_t start;
            uint32_t end = nn_letters_before(&sc, pos, &start);
            cr_assert_eq(end, want_end, "end at %u", pos);
            cr_assert_eq(start, i, "start at %u (end %u)", pos, end);
        }
    }
}

/* The cue of a lower-case word by a walk over the whole cue table (what nn_cue_of answers). */
static int cue_by_walk(const nn_lex *lx, const char *w, size_t len)
{
    for (uint32_t k = 0; k < lx->n_cue_slots; k++) {
        const nn_cue *c = &lx->cues[k];
        if (c->word && c->len == len && memcmp(c->word, w, len) == 0) {
            return c->cue;
        }
    }
    return CUE_NONE;
}

/* nn_cue_of's filter (first and last letter, length) lets every cue word through: each word
 * of the cue table is found in lower case, capitalised and in capitals; the word with its
 * last letter changed, or one letter longer, gets what a walk over the table says. */
Test(numbers, cue_words_pass_their_filter)
{
    const nn_lex *lx = &((const nf_numbers_ctx *)F.ctx)->lex;
    uint32_t checked = 0;
    for (uint32_t k = 0; k < lx->n_cue_slots; k++) {
        const nn_cue *c = &lx->cues[k];
        if (!c->word) {
            continue;
        }
        char w[260];
        size_t len = c->len;
        for (int form = 0; form < 3; form++) {
            for (size_t i = 0; i < len; i++) {
                bool up = (form == 2 || (form == 1 && i == 0)) && c->word[i] != '-';
                w[i] = (char)(up ? c->word[i] - 32 : c->word[i]);
            }
            cr_assert_eq(nn_cue_of(lx, w, len), c->cue, "cue \"%s\" form %d", c->word, form);
        }
        memcpy(w, c->word, len);
        w[len] = 's';
        cr_assert_eq(nn_cue_of(lx, w, len + 1), cue_by_walk(lx, w, len + 1), "\"%s\" + s",
                     c->word);
        w[len - 1] = (char)(w[len - 1] == 'z' ? 'a' : w[len - 1] + 1);
        cr_assert_eq(nn_cue_of(lx, w, len), cue_by_walk(lx, w, len), "\"%.*s\"", (int)len, w);
        checked++;
    }
    cr_assert_gt(checked, 100);
}
