/* watchlist stage: ids and lists in the record, aliases, folding of case and accents,
 * case-sensitive entries (per entry, per file, by option), longest match, merging with an
 * entity of the same span, errors naming file and line, reload (data digest follows the
 * content), and a golden file. */
#include "pipeline/pipeline.h"

#include <criterion/criterion.h>

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char err[NF_ERRSTR_SIZE];

static nf_pipeline *build(const char *stages, const char *const *pairs)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "pipeline.stages", stages, NF_CFG_CLI, NULL);
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

static const char *tmp_file(int slot, const char *name, const char *content)
{
    static char paths[4][256];
    char dir[128];
    snprintf(dir, sizeof dir, "/tmp/nf_test_wl_%d", (int)getpid());
    (void)mkdir(dir, 0700);
    snprintf(paths[slot], sizeof paths[slot], "%s/%s", dir, name);
    FILE *f = fopen(paths[slot], "wb");
    cr_assert_not_null(f, "%s", paths[slot]);
    fputs(content, f);
    fclose(f);
    return paths[slot];
}

static json_t *tag_doc(const nf_pipeline *pl, nf_doc *doc, const char *title, const char *body)
{
    json_t *in = json_pack("{s:s, s:s}", "id", "t", "body", body);
    if (title) {
        json_object_set_new(in, "title", json_string(title));
    }
    char *value = json_dumps(in, JSON_COMPACT);
    json_decref(in);
    nf_doc_reset(doc);
    nf_doc_set_input(doc, value, strlen(value), NULL, 0);
    int rc = nf_pipeline_process(pl, doc);
    free(value);
    cr_assert_eq(rc, NF_OK, "%s", doc->err.message);
    json_error_t jerr;
    json_t *rec = json_loadb(doc->out, doc->out_len, 0, &jerr);
    cr_assert_not_null(rec, "%s", jerr.text);
    return rec;
}

static json_t *find(json_t *rec, const char *text, const char *field)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(rec, "entities"), i, e)
    {
        const char *f = json_string_value(json_object_get(e, "field"));
        if (strcmp(json_string_value(json_object_get(e, "text")), text) == 0 &&
            ((!f && !field) || (f && field && strcmp(f, field) == 0))) {
            return e;
        }
    }
    return NULL;
}

static void expect_hit(json_t *rec, const char *text, const char *label, const char *id,
                       const char *list)
{
    json_t *e = find(rec, text, NULL);
    cr_assert_not_null(e, "no entity \"%s\" in %s", text,
                       json_dumps(json_object_get(rec, "entities"), 0));
    cr_assert_str_eq(json_string_value(json_object_get(e, "label")), label, "%s", text);
    cr_assert_str_eq(json_string_value(json_object_get(e, "id")), id, "%s", text);
    cr_assert_str_eq(json_string_value(json_object_get(e, "list")), list, "%s", text);
}

static size_t count_text(json_t *rec, const char *text)
{
    size_t i, n = 0;
    json_t *e;
    json_array_foreach(json_object_get(rec, "entities"), i, e)
    {
        n += strcmp(json_string_value(json_object_get(e, "text")), text) == 0;
    }
    return n;
}

#define WL "decode,normalize,watchlist,encode"

Test(watchlist, ids_aliases_folding_longest_match)
{
    const char *a = tmp_file(0, "issuers.tsv",
                             "# issuers\n"
                             "Acme\tORG\tLEI-1\n"
                             "Acme Holdings Group\tORG\tLEI-2\tAHG|Acme Group\n"
                             "Z\xC3\xBCrich Insurance\tORG\tLEI-3\n"
                             "Widget \"Pro\"\tPRODUCT\tP\\9\n");
    const char *const pairs[] = {"stage.watchlist.files", a, NULL};
    nf_pipeline *pl = build(WL, pairs);
    cr_assert_not_null(pl, "%s", err);
    nf_doc doc;
    nf_doc_init(&doc);
    json_t *rec = tag_doc(pl, &doc, "AHG up",
                          "ACME HOLDINGS GROUP and Acme Holdings rose; AHG and acme group fell. "
                          "Zurich insurance, Widget \"Pro\" and Acme's shares.");
    expect_hit(rec, "ACME HOLDINGS GROUP", "ORG", "LEI-2", "issuers");
    /* longest match: "Acme Holdings" is not listed, "Acme" is */
    expect_hit(rec, "Acme", "ORG", "LEI-1", "issuers");
    cr_assert_null(find(rec, "Acme Holdings", NULL));
    expect_hit(rec, "AHG", "ORG", "LEI-2", "issuers");
    expect_hit(rec, "acme group", "ORG", "LEI-2", "issuers");
    expect_hit(rec, "Zurich insurance", "ORG", "LEI-3", "issuers");
    expect_hit(rec, "Widget \"Pro\"", "PRODUCT", "P\\9", "issuers");
    cr_assert_eq(count_text(rec, "Acme"), 2, "Acme and Acme's");
    json_t *t = find(rec, "AHG", "title");
    cr_assert_not_null(t, "the title is tagged too");
    json_decref(rec);

    const char *const no_title[] = {"stage.watchlist.files", a, "stage.watchlist.title", "false",
                                    NULL};
    nf_pipeline *pl2 = build(WL, no_title);
    cr_assert_not_null(pl2, "%s", err);
    rec = tag_doc(pl2, &doc, "AHG up", "nothing");
    cr_assert_eq(json_array_size(json_object_get(rec, "entities")), 0);
    json_decref(rec);
    nf_pipeline_destroy(pl2);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}

Test(watchlist, case_sensitivity_per_entry_file_and_option)
{
    const char *a = tmp_file(0, "words.tsv",
                             "Apple\tORG\tAAPL\n"
                             "Visa\tORG\tV\t\tcase\n"
                             "#! case = sensitive\n"
                             "Shell\tORG\tSHEL\n"
                             "Target\tORG\tTGT\t\tnocase\n");
    const char *const pairs[] = {"stage.watchlist.files", a, NULL};
    nf_pipeline *pl = build(WL, pairs);
    cr_assert_not_null(pl, "%s", err);
    nf_doc doc;
    nf_doc_init(&doc);
    json_t *rec = tag_doc(pl, &doc, NULL,
                          "an apple, a visa and a shell; Visa, Shell and a target.");
    expect_hit(rec, "apple", "ORG", "AAPL", "words");
    cr_assert_null(find(rec, "visa", NULL), "case entry");
    expect_hit(rec, "Visa", "ORG", "V", "words");
    cr_assert_null(find(rec, "shell", NULL), "case-sensitive file part");
    expect_hit(rec, "Shell", "ORG", "SHEL", "words");
    expect_hit(rec, "target", "ORG", "TGT", "words");
    json_decref(rec);
    nf_pipeline_destroy(pl);

    const char *const cs[] = {"stage.watchlist.files", a, "stage.watchlist.case_sensitive",
                              "true", NULL};
    pl = build(WL, cs);
    cr_assert_not_null(pl, "%s", err);
    rec = tag_doc(pl, &doc, NULL, "an apple and Apple");
    cr_assert_null(find(rec, "apple", NULL), "case_sensitive = true by option");
    expect_hit(rec, "Apple", "ORG", "AAPL", "words");
    json_decref(rec);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}

Test(watchlist, merges_with_an_entity_of_the_same_span)
{
    const char *a = tmp_file(0, "clients.tsv", "Kazakhstan\tGPE\tQ232\nAstana Bank\tORG\tC-7\n");
    const char *b = tmp_file(1, "sanctions.tsv", "Kazakhstan\tGPE\tSAN-1\n");
    char files[600];
    snprintf(files, sizeof files, "%s,%s", a, b);
    const char *const pairs[] = {"stage.watchlist.files", files, NULL};
    nf_pipeline *pl = build("decode,normalize,entities,watchlist,encode", pairs);
    cr_assert_not_null(pl, "%s", err);
    nf_doc doc;
    nf_doc_init(&doc);
    json_t *rec = tag_doc(pl, &doc, NULL, "Exports from Kazakhstan grew, the ministry said.");
    cr_assert_eq(count_text(rec, "Kazakhstan"), 1, "one annotation, not two: %s",
                 json_dumps(json_object_get(rec, "entities"), 0));
    json_t *e = find(rec, "Kazakhstan", NULL);
    cr_assert_str_eq(json_string_value(json_object_get(e, "country")), "KZ",
                     "the entity's own fields stay");
    /* the first file wins a name listed twice */
    cr_assert_str_eq(json_string_value(json_object_get(e, "id")), "Q232");
    cr_assert_str_eq(json_string_value(json_object_get(e, "list")), "clients");
    json_decref(rec);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}

static void bad_list(const char *content, const char *const *parts)
{
    const char *a = tmp_file(2, "bad.tsv", content);
    const char *const pairs[] = {"stage.watchlist.files", a, NULL};
    nf_pipeline *pl = build(WL, pairs);
    cr_assert_null(pl, "expected an error for %s", content);
    cr_assert(strstr(err, a), "error \"%s\" does not name the file", err);
    for (size_t i = 0; parts[i]; i++) {
        cr_assert(strstr(err, parts[i]), "error \"%s\" lacks \"%s\"", err, parts[i]);
    }
}

Test(watchlist, bad_files_name_file_and_line)
{
    const char *const cols[] = {"bad.tsv:2:", "name<TAB>label<TAB>id", NULL};
    bad_list("A\tORG\t1\nB\tORG\n", cols);
    const char *const label[] = {"bad.tsv:1:", "must be upper case", NULL};
    bad_list("A\tOrg\t1\n", label);
    const char *const flag[] = {"bad.tsv:3:", "flag \"CASE\"", NULL};
    bad_list("# x\nA\tORG\t1\nB\tORG\t2\t\tCASE\n", flag);
    const char *const directive[] = {"bad.tsv:1:", "unknown directive", NULL};
    bad_list("#! case = maybe\n", directive);
    const char *const cols6[] = {"bad.tsv:1:", "more than 5 columns", NULL};
    bad_list("A\tORG\t1\t\tcase\textra\n", cols6);
    const char *const utf8[] = {"bad.tsv:2:", "not valid UTF-8", NULL};
    bad_list("A\tORG\t1\nB\tORG\t\xff\xfe\n", utf8);
    const char *const empty_name[] = {"bad.tsv:1:", "no tokens", NULL};
    bad_list(" \tORG\t1\n", empty_name);
    const char *const missing[] = {"stage.watchlist.files", "/nonexistent/list.tsv", NULL};
    cr_assert_null(build(WL, missing));
    cr_assert(strstr(err, "/nonexistent/list.tsv") && strstr(err, "stage watchlist"), "%s", err);
}

Test(watchlist, reload_and_data_digest)
{
    const char *a = tmp_file(0, "list.tsv", "Alpha Corp\tORG\tA-1\n");
    const char *const pairs[] = {"stage.watchlist.files", a, NULL};
    nf_pipeline *pl = build(WL, pairs);
    cr_assert_not_null(pl, "%s", err);
    nf_pipeline *none = build(WL, NULL);
    cr_assert_not_null(none, "%s", err);
    char d0[80], d1[80];
    strcpy(d0, nf_pipeline_get_info(none)->data_digest);
    strcpy(d1, nf_pipeline_get_info(pl)->data_digest);
    cr_assert_str_neq(d0, d1, "the list is part of the data digest");
    nf_doc doc;
    nf_doc_init(&doc);
    json_t *rec = tag_doc(pl, &doc, NULL, "Alpha Corp and Beta Ltd");
    expect_hit(rec, "Alpha Corp", "ORG", "A-1", "list");
    json_decref(rec);

    tmp_file(0, "list.tsv", "Beta Ltd\tORG\tB-2\n");
    cr_assert_eq(nf_pipeline_reload_sync(pl, err, sizeof err), 0, "%s", err);
    rec = tag_doc(pl, &doc, NULL, "Alpha Corp and Beta Ltd");
    cr_assert_null(find(rec, "Alpha Corp", NULL));
    expect_hit(rec, "Beta Ltd", "ORG", "B-2", "list");
    const char *d2 = json_string_value(
        json_object_get(json_object_get(rec, "pipeline"), "data_digest"));
    cr_assert_str_neq(d2, d1);
    json_decref(rec);

    tmp_file(0, "list.tsv", "Gamma\tgpe\tG\n");
    cr_assert_neq(nf_pipeline_reload_sync(pl, err, sizeof err), 0);
    cr_assert(strstr(err, "list.tsv:1:"), "%s", err);
    rec = tag_doc(pl, &doc, NULL, "Alpha Corp and Beta Ltd");
    expect_hit(rec, "Beta Ltd", "ORG", "B-2", "list");
    json_decref(rec);

    nf_doc_fini(&doc);
    nf_pipeline_destroy(none);
    nf_pipeline_destroy(pl);
}

/* tests/data/watchlist/golden.jsonl: {"text", "expect": [{"text","label","id","list"}]} with
 * the example list examples/watchlist.tsv; every expected hit and nothing else. */
Test(watchlist, golden)
{
    const char *const pairs[] = {"stage.watchlist.files", NF_SOURCE_DIR "/examples/watchlist.tsv",
                                 NULL};
    nf_pipeline *pl = build(WL, pairs);
    cr_assert_not_null(pl, "%s", err);
    json_error_t jerr;
    FILE *f = fopen(NF_TEST_DATA_DIR "/watchlist/golden.jsonl", "r");
    cr_assert_not_null(f);
    char line[8192];
    nf_doc doc;
    nf_doc_init(&doc);
    int cases = 0;
    while (fgets(line, sizeof line, f)) {
        json_t *c = json_loads(line, 0, &jerr);
        cr_assert_not_null(c, "%s", jerr.text);
        json_t *rec = tag_doc(pl, &doc, NULL, json_string_value(json_object_get(c, "text")));
        json_t *want = json_object_get(c, "expect");
        json_t *got = json_object_get(rec, "entities");
        cr_assert_eq(json_array_size(got), json_array_size(want), "%s: got %s",
                     json_string_value(json_object_get(c, "text")), json_dumps(got, 0));
        size_t i;
        json_t *w;
        json_array_foreach(want, i, w)
        {
            expect_hit(rec, json_string_value(json_object_get(w, "text")),
                       json_string_value(json_object_get(w, "label")),
                       json_string_value(json_object_get(w, "id")), "watchlist");
        }
        json_decref(rec);
        json_decref(c);
        cases++;
    }
    fclose(f);
    cr_assert_geq(cases, 5);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}

Test(watchlist, names_starting_with_punctuation)
{
    const char *a = tmp_file(0, "punct.tsv", "(RED)\tORG\tR-1\n.NET\tPRODUCT\tN-1\n");
    const char *const pairs[] = {"stage.watchlist.files", a, NULL};
    nf_pipeline *pl = build(WL, pairs);
    cr_assert_not_null(pl, "%s", err);
    nf_doc doc;
    nf_doc_init(&doc);
    json_t *rec = tag_doc(pl, &doc, NULL, "Bono's (RED) backs .NET developers, (red) too.");
    expect_hit(rec, "(RED)", "ORG", "R-1", "punct");
    expect_hit(rec, "(red)", "ORG", "R-1", "punct");
    expect_hit(rec, ".NET", "PRODUCT", "N-1", "punct");
    json_decref(rec);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}
