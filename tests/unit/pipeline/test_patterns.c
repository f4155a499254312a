/* patterns stage: the built-in pack, user files (labels, value group, validators, prefilter),
 * configuration errors naming file, line and PCRE2's message, hostile patterns bounded by
 * the match limit with a warning in the record, determinism, and reload through the pipeline
 * (shared pipelines included). */
#include "pipeline/pipeline.h"

#include <criterion/criterion.h>

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STAGES "decode,patterns,encode"

static char err[NF_ERRSTR_SIZE];

static nf_pipeline *build(const char *const *pairs)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "pipeline.stages", STAGES, NF_CFG_CLI, NULL);
    nf_config_set(cfg, "pipeline.data_dir", NF_SOURCE_DIR "/data", NF_CFG_CLI, NULL);
    /* these tests read the hits as schema v1's flat "entities" array (encode.c has the v2 tests) */
    nf_config_set(cfg, "stage.encode.schema", "v1", NF_CFG_CLI, NULL);
    for (size_t i = 0; pairs && pairs[i]; i += 2) {
        nf_config_set(cfg, pairs[i], pairs[i + 1], NF_CFG_CLI, NULL);
    }
    err[0] = '\0';
    nf_pipeline *pl = nf_pipeline_new(cfg, err, sizeof err);
    nf_config_destroy(cfg);
    return pl;
}

static nf_pipeline *build_ok(const char *const *pairs)
{
    nf_pipeline *pl = build(pairs);
    cr_assert_not_null(pl, "%s", err);
    return pl;
}

/* A temporary file with \p content; the path is static storage, one per slot. */
static const char *tmp_file(int slot, const char *suffix, const char *content)
{
    static char paths[4][256];
    snprintf(paths[slot], sizeof paths[slot], "/tmp/nf_test_patterns_%d_%d%s", (int)getpid(),
             slot, suffix);
    FILE *f = fopen(paths[slot], "wb");
    cr_assert_not_null(f);
    fputs(content, f);
    fclose(f);
    return paths[slot];
}

/* Process a JSON article; returns the parsed record (json_decref it). */
/* Tag on \p counters' thread view of \p pl (a worker's block), or the pipeline's own. */
static json_t *tag_with(const nf_pipeline *pl, nf_pipeline_counters *counters, nf_doc *doc,
                        const char *body)
{
    json_t *in = json_pack("{s:s, s:s}", "id", "t", "body", body);
    char *value = json_dumps(in, JSON_COMPACT);
    json_decref(in);
    nf_doc_reset(doc);
    nf_doc_set_input(doc, value, strlen(value), NULL, 0);
    int rc = counters ? nf_pipeline_run(pl, counters, doc) : nf_pipeline_process(pl, doc);
    free(value);
    cr_assert_eq(rc, NF_OK, "%s", doc->err.message);
    json_error_t jerr;
    json_t *rec = json_loadb(doc->out, doc->out_len, 0, &jerr);
    cr_assert_not_null(rec, "%s", jerr.text);
    return rec;
}

static json_t *tag(const nf_pipeline *pl, nf_doc *doc, const char *body)
{
    return tag_with(pl, NULL, doc, body);
}

/* The entity with this text, or NULL. */
static json_t *entity(json_t *rec, const char *text)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(rec, "entities"), i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "text")), text) == 0) {
            return e;
        }
    }
    return NULL;
}

static void expect(json_t *rec, const char *text, const char *label, const char *value)
{
    json_t *e = entity(rec, text);
    cr_assert_not_null(e, "no entity \"%s\" in %s", text, json_dumps(rec, 0));
    cr_assert_str_eq(json_string_value(json_object_get(e, "label")), label, "%s", text);
    if (value) {
        cr_assert_str_eq(json_string_value(json_object_get(e, "value")), value, "%s", text);
    } else {
        cr_assert_null(json_object_get(e, "value"), "%s has a value", text);
    }
}

Test(patterns, builtin_pack)
{
    nf_pipeline *pl = build_ok(NULL);
    nf_doc doc;
    nf_doc_init(&doc);
    json_t *rec = tag(pl, &doc,
                      "See https://example.com/a?b=1. Write to jane.doe@example.co.uk or visit "
                      "www.reuters.com now. #MeToo and #D\xC3\xBCsseldorf trend; $AAPL and "
                      "$BRK.B rose, $24.1 billion did not. Apple (Nasdaq: AAPL) and NYSE: IBM. "
                      "ISIN US0378331005 is valid, US0378331006 is not, nor is ABCDEFGHIJKL.");
    expect(rec, "https://example.com/a?b=1", "URL", NULL);
    expect(rec, "www.reuters.com", "URL", NULL);
    expect(rec, "jane.doe@example.co.uk", "EMAIL", NULL);
    expect(rec, "#MeToo", "HASHTAG", "MeToo");
    expect(rec, "#D\xC3\xBCsseldorf", "HASHTAG", "D\xC3\xBCsseldorf");
    expect(rec, "$AAPL", "CASHTAG", "AAPL");
    expect(rec, "$BRK.B", "CASHTAG", "BRK.B");
    expect(rec, "Nasdaq: AAPL", "CASHTAG", "AAPL");
    expect(rec, "NYSE: IBM", "CASHTAG", "IBM");
    expect(rec, "US0378331005", "ISIN", NULL);
    cr_assert_null(entity(rec, "US0378331006"), "failed checksum must be dropped");
    cr_assert_null(entity(rec, "ABCDEFGHIJKL"));
    cr_assert_null(entity(rec, "$24"));
    cr_assert_str_eq(json_string_value(json_object_get(entity(rec, "$AAPL"), "pattern")),
                     "builtin");
    cr_assert_eq(json_array_size(json_object_get(rec, "entities")), 10,
                 "%s", json_dumps(json_object_get(rec, "entities"), 0));
    json_decref(rec);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}

Test(patterns, builtin_can_be_switched_off)
{
    const char *const off[] = {"stage.patterns.builtin", "false", NULL};
    nf_pipeline *pl = build_ok(off);
    nf_doc doc;
    nf_doc_init(&doc);
    json_t *rec = tag(pl, &doc, "Visit https://example.com and #news, $AAPL.");
    cr_assert_eq(json_array_size(json_object_get(rec, "entities")), 0);
    json_decref(rec);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}

Test(patterns, user_file_labels_values_validators)
{
    const char *file = tmp_file(0, ".conf",
                                "# case numbers and cards\n"
                                "\n"
                                "CASE_NO = \\bCase (?<value>\\d{2}-[A-Z]{2}-\\d{4})\\b\n"
                                "CARD check=luhn = \\b\\d{4}(?: \\d{4}){3}\\b\n"
                                "IBAN check=iban = \\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\\b\n"
                                "  WORD needs=% = \\b\\w+%\n");
    const char *const pairs[] = {"stage.patterns.builtin", "false", "stage.patterns.files", file,
                                 NULL};
    nf_pipeline *pl = build_ok(pairs);
    nf_doc doc;
    nf_doc_init(&doc);
    json_t *rec = tag(pl, &doc,
                      "Case 23-CV-1234 was filed. Card 4111 1111 1111 1111 paid, 4111 1111 "
                      "1111 1112 failed. IBAN GB82 WEST 1234 5698 7654 32 is good, GB82 WEST "
                      "1234 5698 7654 33 is not.");
    expect(rec, "Case 23-CV-1234", "CASE_NO", "23-CV-1234");
    expect(rec, "4111 1111 1111 1111", "CARD", NULL);
    cr_assert_null(entity(rec, "4111 1111 1111 1112"));
    expect(rec, "GB82 WEST 1234 5698 7654 32", "IBAN", NULL);
    cr_assert_null(entity(rec, "GB82 WEST 1234 5698 7654 33"));
    cr_assert_null(entity(rec, "50%"), "needs=%% and no %% in the text");
    /* the file's stem says where the annotation comes from */
    char stem[256];
    const char *base = strrchr(file, '/') + 1;
    snprintf(stem, sizeof stem, "%.*s", (int)strcspn(base, "."), base);
    cr_assert_str_eq(json_string_value(json_object_get(entity(rec, "4111 1111 1111 1111"),
                                                       "pattern")),
                     stem);
    json_decref(rec);
    rec = tag(pl, &doc, "Rates rose 50% today.");
    expect(rec, "50%", "WORD", NULL);
    json_decref(rec);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
    unlink(file);
}

Test(patterns, same_span_same_label_once_and_deterministic)
{
    const char *file = tmp_file(0, ".conf", "TAG = \\bfoo\\b\nTAG = f\\w\\w\\b\nOTHER = foo\n");
    const char *const pairs[] = {"stage.patterns.builtin", "false", "stage.patterns.files", file,
                                 NULL};
    nf_pipeline *pl = build_ok(pairs);
    nf_doc doc;
    nf_doc_init(&doc);
    json_t *rec = tag(pl, &doc, "a foo b");
    json_t *ents = json_object_get(rec, "entities");
    cr_assert_eq(json_array_size(ents), 2, "%s", json_dumps(ents, 0));
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(ents, 0), "label")),
                     "OTHER");
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(ents, 1), "label")),
                     "TAG");
    char *first = strdup(doc.out);
    json_decref(rec);
    rec = tag(pl, &doc, "a foo b");
    cr_assert_str_eq(doc.out, first);
    free(first);
    json_decref(rec);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
    unlink(file);
}

static void bad_file(const char *content, const char *const *parts)
{
    const char *file = tmp_file(1, ".conf", content);
    const char *const pairs[] = {"stage.patterns.files", file, NULL};
    nf_pipeline *pl = build(pairs);
    cr_assert_null(pl, "expected an error for %s", content);
    cr_assert(strstr(err, file), "error \"%s\" does not name the file", err);
    for (size_t i = 0; parts[i]; i++) {
        cr_assert(strstr(err, parts[i]), "error \"%s\" lacks \"%s\"", err, parts[i]);
    }
    unlink(file);
}

Test(patterns, bad_files_name_file_line_and_reason)
{
    const char *const unclosed[] = {":3:", "ORG", "missing closing parenthesis", NULL};
    bad_file("# fine\nA = a\nORG = (abc\n", unclosed);
    const char *const label[] = {":1:", "must be upper case", NULL};
    bad_file("lower = abc\n", label);
    const char *const no_eq[] = {":2:", "LABEL = regex", NULL};
    bad_file("A = a\nJUSTTEXT\n", no_eq);
    const char *const check[] = {":1:", "unknown validator \"crc\"", "isin, luhn, iban", NULL};
    bad_file("A check=crc = a\n", check);
    const char *const empty[] = {":1:", "empty pattern", NULL};
    bad_file("A = \n", empty);

    const char *const missing[] = {"stage.patterns.files", "/nonexistent/p.conf", NULL};
    cr_assert_null(build(missing));
    cr_assert(strstr(err, "/nonexistent/p.conf") && strstr(err, "stage patterns"), "%s", err);
}

/* A 1 MiB article of "a" ending in "!" and one pattern file; returns the record. */
static json_t *hostile_run(const char *patterns, const char *max_match, nf_doc *doc)
{
    const char *file = tmp_file(0, ".conf", patterns);
    const char *const pairs[] = {"stage.patterns.builtin", "false", "stage.patterns.files", file,
                                 "stage.patterns.max_match_bytes", max_match, NULL};
    nf_pipeline *pl = build_ok(pairs);
    size_t n = 1024 * 1024 - 64;
    char *body = malloc(n + 2);
    memset(body, 'a', n);
    body[n] = '!';
    body[n + 1] = '\0';
    json_t *rec = tag(pl, doc, body);
    free(body);
    /* a normal article afterwards carries no warning */
    json_t *ok = tag(pl, doc, "aaa!");
    cr_assert_null(json_object_get(ok, "warnings"));
    json_decref(ok);
    nf_pipeline_destroy(pl);
    unlink(file);
    return rec;
}

static void expect_warning(json_t *rec, const char *code, const char *label)
{
    json_t *w = json_object_get(rec, "warnings");
    cr_assert_eq(json_array_size(w), 1, "%s", json_dumps(w, 0));
    json_t *w0 = json_array_get(w, 0);
    cr_assert_str_eq(json_string_value(json_object_get(w0, "stage")), "patterns");
    cr_assert_str_eq(json_string_value(json_object_get(w0, "code")), code);
    cr_assert(strstr(json_string_value(json_object_get(w0, "message")), label));
}

Test(patterns, hostile_pattern_is_bounded_and_noted)
{
    nf_doc doc;
    nf_doc_init(&doc);
    /* The window is larger than the article: PCRE2's match limit stops (a+)+$. */
    json_t *rec = hostile_run("HOSTILE = (a+)+$\nSAFE = !\n", "16777216", &doc);
    expect_warning(rec, "match_limit", "HOSTILE");
    /* the other pattern still ran, and the article was enriched */
    json_t *ents = json_object_get(rec, "entities");
    cr_assert_eq(json_array_size(ents), 1);
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(ents, 0), "label")),
                     "SAFE");
    json_decref(rec);

    /* With the default window the same pattern cannot tell within 64 KiB: stopped as well. */
    rec = hostile_run("HOSTILE = (a+)+$\n", "65536", &doc);
    expect_warning(rec, "match_too_long", "HOSTILE");
    json_decref(rec);

    /* No backtracking to count, but a scan to the end from every position (minutes for a
     * megabyte without the window): the window bounds it. */
    rec = hostile_run("DOUBLED = (\\w+)\\s\\1\n", "65536", &doc);
    expect_warning(rec, "match_too_long", "DOUBLED");
    json_decref(rec);
    nf_doc_fini(&doc);
}

Test(patterns, windows_find_what_one_call_finds)
{
    /* Matches across window starts, near window ends and a match longer than half a window:
     * the same with a 256-byte window as with one call over the whole text. */
    const char *file = tmp_file(0, ".conf",
                                "WORD = \\b[a-z]+\\d\\b\nEND = x+$\nLONG = L+\n");
    char body[4096];
    size_t k = 0;
    for (int i = 0; i < 60; i++) {
        k += (size_t)snprintf(body + k, sizeof body - k, "abc%d %.*s ", i % 10, i % 7,
                              "zzzzzzz");
    }
    memset(body + k, 'L', 200);
    k += 200;
    k += (size_t)snprintf(body + k, sizeof body - k, " tail xxx");
    char *outs[2];
    const char *const windows[2] = {"256", "16777216"};
    nf_doc doc;
    nf_doc_init(&doc);
    for (int w = 0; w < 2; w++) {
        const char *const pairs[] = {"stage.patterns.builtin", "false", "stage.patterns.files",
                                     file, "stage.patterns.max_match_bytes", windows[w], NULL};
        nf_pipeline *pl = build_ok(pairs);
        json_t *rec = tag(pl, &doc, body);
        cr_assert_null(json_object_get(rec, "warnings"), "%s", json_dumps(rec, 0));
        outs[w] = json_dumps(json_object_get(rec, "entities"), JSON_COMPACT);
        cr_assert_eq(json_array_size(json_object_get(rec, "entities")), 62);
        json_decref(rec);
        nf_pipeline_destroy(pl);
    }
    cr_assert_str_eq(outs[0], outs[1]);
    free(outs[0]);
    free(outs[1]);
    nf_doc_fini(&doc);
    unlink(file);
}

static const char *digest_of(json_t *rec)
{
    return json_string_value(json_object_get(json_object_get(rec, "pipeline"), "data_digest"));
}

Test(patterns, reload_swaps_between_articles_and_keeps_old_on_error)
{
    const char *file = tmp_file(0, ".conf", "ALPHA = alpha\n");
    const char *const pairs[] = {"stage.patterns.builtin", "false", "stage.patterns.files", file,
                                 NULL};
    nf_pipeline *pl = build_ok(pairs);
    /* a worker thread's view of the one shared pipeline: its own counters block, holding its
     * own reference on a generation of the data */
    nf_pipeline_counters *worker = nf_pipeline_counters_new(pl);

    nf_doc doc;
    nf_doc_init(&doc);
    json_t *rec = tag(pl, &doc, "alpha beta");
    expect(rec, "alpha", "ALPHA", NULL);
    char v1[80];
    strcpy(v1, digest_of(rec));
    json_decref(rec);

    tmp_file(0, ".conf", "BETA = beta\n");
    cr_assert_eq(nf_pipeline_reload_sync(pl, err, sizeof err), 0, "%s", err);
    const char *const stages[2] = {"pipeline", "worker"};
    nf_pipeline_counters *both[2] = {NULL, worker};
    for (int k = 0; k < 2; k++) {
        rec = tag_with(pl, both[k], &doc, "alpha beta");
        cr_assert_null(entity(rec, "alpha"), "%s still uses the old patterns", stages[k]);
        expect(rec, "beta", "BETA", NULL);
        cr_assert_str_neq(digest_of(rec), v1, "the record says which patterns tagged it");
        json_decref(rec);
    }

    /* a broken file keeps the patterns in use */
    tmp_file(0, ".conf", "GAMMA = (gamma\n");
    cr_assert_neq(nf_pipeline_reload_sync(pl, err, sizeof err), 0);
    cr_assert(strstr(err, ":1:") && strstr(err, "missing closing parenthesis"), "%s", err);
    rec = tag_with(pl, worker, &doc, "alpha beta");
    expect(rec, "beta", "BETA", NULL);
    json_decref(rec);

    /* the asynchronous reload, and the digest is the content's: back to v1 */
    tmp_file(0, ".conf", "ALPHA = alpha\n");
    nf_pipeline_reload(pl);
    nf_pipeline_reload_wait(pl);
    rec = tag_with(pl, worker, &doc, "alpha beta");
    expect(rec, "alpha", "ALPHA", NULL);
    cr_assert_str_eq(digest_of(rec), v1);
    json_decref(rec);

    nf_doc_fini(&doc);
    nf_pipeline_counters_destroy(worker);
    nf_pipeline_destroy(pl);
    unlink(file);
}

/* tests/data/patterns/golden.jsonl: {"name", "text", "expect": [[label, text, value|null]...]}
 * with the built-in pack; exactly the expected entities, in record order. */
Test(patterns, golden_builtin_pack)
{
    nf_pipeline *pl = build_ok(NULL);
    FILE *f = fopen(NF_TEST_DATA_DIR "/patterns/golden.jsonl", "r");
    cr_assert_not_null(f);
    char line[8192];
    nf_doc doc;
    nf_doc_init(&doc);
    int cases = 0;
    while (fgets(line, sizeof line, f)) {
        json_error_t jerr;
        json_t *c = json_loads(line, 0, &jerr);
        cr_assert_not_null(c, "%s", jerr.text);
        const char *name = json_string_value(json_object_get(c, "name"));
        json_t *rec = tag(pl, &doc, json_string_value(json_object_get(c, "text")));
        json_t *got = json_object_get(rec, "entities");
        json_t *want = json_object_get(c, "expect");
        cr_assert_eq(json_array_size(got), json_array_size(want), "%s: got %s", name,
                     json_dumps(got, 0));
        size_t i;
        json_t *w;
        json_array_foreach(want, i, w)
        {
            json_t *g = json_array_get(got, i);
            cr_assert_str_eq(json_string_value(json_object_get(g, "label")),
                             json_string_value(json_array_get(w, 0)), "%s #%zu", name, i);
            cr_assert_str_eq(json_string_value(json_object_get(g, "text")),
                             json_string_value(json_array_get(w, 1)), "%s #%zu", name, i);
            json_t *wv = json_array_get(w, 2);
            json_t *gv = json_object_get(g, "value");
            if (json_is_null(wv)) {
                cr_assert_null(gv, "%s #%zu has a value", name, i);
            } else {
                cr_assert_str_eq(json_string_value(gv), json_string_value(wv), "%s #%zu", name,
                                 i);
            }
        }
        json_decref(rec);
        json_decref(c);
        cases++;
    }
    fclose(f);
    cr_assert_geq(cases, 8);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}
