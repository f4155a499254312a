/* Pipeline runner: building from configuration, stage-list errors, size limit, failure
 * attribution, digests, data files through the stage environment, statistics, option tables,
 * and decode -> normalize -> encode end to end. */
#include "pipeline/pipeline.h"

#include "common/digest.h"
#include "common/utf8.h"

#include <criterion/criterion.h>

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CORE_STAGES "decode,normalize,encode"
#define SHA256_EMPTY "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static char err[NF_ERRSTR_SIZE];

/* A config from "key", "value", ... NULL. */
static nf_config *config(const char *const *pairs)
{
    nf_config *cfg = nf_config_new();
    for (size_t i = 0; pairs && pairs[i]; i += 2) {
        nf_config_set(cfg, pairs[i], pairs[i + 1], NF_CFG_CLI, NULL);
    }
    return cfg;
}

static nf_pipeline *build(const char *const *pairs)
{
    nf_config *cfg = config(pairs);
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

static void build_fails(const char *const *pairs, const char *const *parts)
{
    nf_pipeline *pl = build(pairs);
    cr_assert_null(pl, "expected an error");
    for (size_t i = 0; parts[i]; i++) {
        cr_assert(strstr(err, parts[i]), "error \"%s\" lacks \"%s\"", err, parts[i]);
    }
}

static int process(const nf_pipeline *pl, nf_doc *doc, const char *value, const char *key)
{
    nf_doc_reset(doc);
    nf_doc_set_input(doc, value, strlen(value), key, key ? strlen(key) : 0);
    return nf_pipeline_process(pl, doc);
}

/* ---- Stage list ------------------------------------------------------------------------------ */

Test(pipeline, default_options)
{
    nf_pipeline_opts opts;
    memset(&opts, 0, sizeof opts);
    cr_assert_eq(nf_opt_apply(nf_pipeline_options, "pipeline.", NULL, &opts, NULL, 0), 0);
    const char *want[] = {"decode",   "normalize", "dateline", "numbers",
                          "entities", "watchlist", "patterns", "encode"};
    cr_assert_eq(opts.stages.n, 8);
    for (size_t i = 0; i < 8; i++) {
        cr_assert_str_eq(opts.stages.items[i], want[i]);
    }
    cr_assert_eq(opts.max_article_bytes, 1048576);
    cr_assert_str_eq(opts.data_dir, NF_SOURCE_DIR "/data");
    nf_opt_release(nf_pipeline_options, &opts);
}

Test(pipeline, unknown_stage_is_named_with_the_known_ones)
{
    const char *const pairs[] = {"pipeline.stages", "decode,normalise,encode", NULL};
    const char *const parts[] = {"pipeline.stages", "\"normalise\"", "known stages:", "decode",
                                 "normalize", "entities", "encode", NULL};
    build_fails(pairs, parts);
}

Test(pipeline, decode_must_be_first_and_encode_last)
{
    const char *const first[] = {"pipeline.stages", "normalize,decode,encode", NULL};
    const char *const first_parts[] = {"pipeline.stages", "first stage must be \"decode\"",
                                       "\"normalize\"", NULL};
    build_fails(first, first_parts);
    const char *const last[] = {"pipeline.stages", "decode,encode,normalize", NULL};
    const char *const last_parts[] = {"pipeline.stages", "last stage must be \"encode\"",
                                      "\"normalize\"", NULL};
    build_fails(last, last_parts);
    const char *const only[] = {"pipeline.stages", "decode", NULL};
    const char *const only_parts[] = {"last stage must be \"encode\"", NULL};
    build_fails(only, only_parts);
}

Test(pipeline, duplicate_and_empty_stage_lists)
{
    const char *const dup[] = {"pipeline.stages", "decode,normalize,normalize,encode", NULL};
    const char *const dup_parts[] = {"\"normalize\" is listed twice", NULL};
    build_fails(dup, dup_parts);
    const char *const empty[] = {"pipeline.stages", " , ", NULL};
    const char *const empty_parts[] = {"pipeline.stages is empty", NULL};
    build_fails(empty, empty_parts);
}

Test(pipeline, minimal_pipeline_runs)
{
    const char *const pairs[] = {"pipeline.stages", "decode,encode", NULL};
    nf_pipeline *pl = build_ok(pairs);
    nf_doc doc;
    nf_doc_init(&doc);
    cr_assert_eq(process(pl, &doc, "{\"body\":\"<b>raw</b>\"}", NULL), NF_OK);
    cr_assert(strstr(doc.out, "\"text\":\"<b>raw</b>\""), "no normalize: %s", doc.out);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}

/* ---- Option errors --------------------------------------------------------------------------- */

Test(pipeline, bad_option_values_name_the_key)
{
    const char *const zero[] = {"pipeline.max_article_bytes", "0", NULL};
    const char *const zero_parts[] = {"pipeline.max_article_bytes", "\"0\"", "1..1073741824",
                                      NULL};
    build_fails(zero, zero_parts);
    const char *const huge[] = {"pipeline.max_article_bytes", "2147483648", NULL};
    build_fails(huge, zero_parts + 2);
    const char *const stage_opt[] = {"pipeline.stages", CORE_STAGES,
                                     "stage.normalize.whitespace", "squash", NULL};
    const char *const stage_parts[] = {"stage.normalize.whitespace", "squash", NULL};
    build_fails(stage_opt, stage_parts);
    const char *const dir[] = {"pipeline.data_dir", "", NULL};
    const char *const dir_parts[] = {"pipeline.data_dir", NULL};
    build_fails(dir, dir_parts);
}

/* ---- Processing ------------------------------------------------------------------------------ */

Test(pipeline, max_article_bytes)
{
    const char *const pairs[] = {"pipeline.stages", CORE_STAGES, "pipeline.max_article_bytes",
                                 "20", NULL};
    nf_pipeline *pl = build_ok(pairs);
    nf_doc doc;
    nf_doc_init(&doc);
    cr_assert_eq(process(pl, &doc, "exactly twenty bytes", NULL), NF_OK, "%s", doc.err.message);
    cr_assert_eq(process(pl, &doc, "twenty-one bytes long", NULL), NF_ETOOBIG);
    cr_assert_str_eq(doc.err.stage, "input");
    cr_assert_eq(doc.err.code, NF_ETOOBIG);
    cr_assert(strstr(doc.err.message, "21") && strstr(doc.err.message, "20") &&
                  strstr(doc.err.message, "pipeline.max_article_bytes"),
              "%s", doc.err.message);
    cr_assert_null(doc.out);
    const nf_stage_stats *st;
    nf_pipeline_stats(pl, &st);
    cr_assert_eq(st[0].docs, 1, "an oversized value never reaches decode");
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}

Test(pipeline, failures_name_the_stage_and_return_its_code)
{
    const char *const pairs[] = {"pipeline.stages", CORE_STAGES, NULL};
    nf_pipeline *pl = build_ok(pairs);
    nf_doc doc;
    nf_doc_init(&doc);
    cr_assert_eq(process(pl, &doc, "   ", NULL), NF_EEMPTY);
    cr_assert_str_eq(doc.err.stage, "decode");
    cr_assert_eq(doc.err.code, NF_EEMPTY);
    cr_assert_eq(process(pl, &doc, "{\"body\":\"<p></p>\"}", NULL), NF_ENOBODY);
    cr_assert_str_eq(doc.err.stage, "normalize");
    /* a good article after a bad one: the error does not stick */
    cr_assert_eq(process(pl, &doc, "{\"body\":\"fine\"}", NULL), NF_OK);
    cr_assert_eq(doc.err.code, NF_OK);
    cr_assert_null(doc.err.stage);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}

Test(pipeline, end_to_end_record)
{
    const char *const pairs[] = {"pipeline.stages", CORE_STAGES, NULL};
    nf_pipeline *pl = build_ok(pairs);
    nf_doc doc;
    nf_doc_init(&doc);
    const char *value =
        "{\"title\":\"Mongolia&#8217;s exports <b>rise</b>\",\"body\":\"Last minute\\r\\n"
        "<p>Ulaanbaatar, Mongolia, March 3. Exports to Japan grew by 12.5&nbsp;percent.</p>"
        "<p>Advertisement</p><p>Imports fell.</p>\\r\\nRelated articles\\r\\nOther\","
        "\"published_at\":\"2024-03-03\",\"source\":\"Fixture\"}";
    cr_assert_eq(process(pl, &doc, value, "mn-42"), NF_OK, "%s", doc.err.message);
    cr_assert_eq(doc.pipeline, nf_pipeline_get_info(pl));
    json_error_t jerr;
    json_t *root = json_loadb(doc.out, doc.out_len, 0, &jerr);
    cr_assert_not_null(root, "%s", jerr.text);
    cr_assert_str_eq(json_string_value(json_object_get(root, "id")), "mn-42");
    cr_assert_str_eq(json_string_value(json_object_get(root, "title")),
                     "Mongolia\xE2\x80\x99s exports rise");
    cr_assert_str_eq(json_string_value(json_object_get(root, "text")),
                     "Ulaanbaatar, Mongolia, March 3. Exports to Japan grew by 12.5 percent.\n\n"
                     "Imports fell.");
    cr_assert_str_eq(json_string_value(json_object_get(root, "published_at")), "2024-03-03");
    cr_assert(json_is_null(json_object_get(root, "url")));
    json_t *pi = json_object_get(root, "pipeline");
    cr_assert_str_eq(json_string_value(json_object_get(pi, "version")), NF_VERSION);
    cr_assert_str_eq(json_string_value(json_object_get(pi, "config_digest")),
                     nf_pipeline_get_info(pl)->config_digest);
    cr_assert_str_eq(json_string_value(json_object_get(pi, "data_digest")), SHA256_EMPTY,
                     "no data files: the digest of nothing");
    json_decref(root);

    /* byte-identical when processed again, by this pipeline or an identical one */
    char *first = strdup(doc.out);
    cr_assert_eq(process(pl, &doc, value, "mn-42"), NF_OK);
    cr_assert_str_eq(doc.out, first);
    nf_pipeline *pl2 = build_ok(pairs);
    cr_assert_eq(process(pl2, &doc, value, "mn-42"), NF_OK);
    cr_assert_str_eq(doc.out, first);
    free(first);
    nf_pipeline_destroy(pl2);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}

/* ---- Digests --------------------------------------------------------------------------------- */

static void digest_of(const char *const *pairs, char out[80])
{
    nf_pipeline *pl = build_ok(pairs);
    const nf_pipeline_info *info = nf_pipeline_get_info(pl);
    cr_assert_eq(strncmp(info->config_digest, "sha256:", 7), 0);
    cr_assert_eq(strlen(info->config_digest), 71);
    strcpy(out, info->config_digest);
    nf_pipeline_destroy(pl);
}

Test(pipeline, same_effective_config_same_digest)
{
    char a[80], b[80], c[80];
    const char *const plain[] = {"pipeline.stages", CORE_STAGES, NULL};
    digest_of(plain, a);
    const char *const spelled_out[] = {
        "pipeline.stages", " decode , normalize,, encode ",
        "pipeline.max_article_bytes", "1048576",
        "stage.decode.plain_title", "no",
        "stage.normalize.whitespace", "fold",
        "stage.normalize.drop_lines",
        "Last minute, Advertisement,Share this article,Share on Facebook,Share on Twitter",
        "pipeline.data_dir", "/somewhere/else",
        "kafka.bootstrap.servers", "broker:9092",
        "consumer.topics", "raw",
        "stage.numbers.whatever", "not in this pipeline",
        NULL};
    digest_of(spelled_out, b);
    cr_assert_str_eq(a, b, "defaults given explicitly, other spellings, data_dir and kafka.* "
                           "keys do not change the config digest");
    digest_of(plain, c);
    cr_assert_str_eq(a, c, "stable across builds");
}

Test(pipeline, different_option_different_digest)
{
    char base[80], other[80];
    const char *const plain[] = {"pipeline.stages", CORE_STAGES, NULL};
    digest_of(plain, base);
    const char *const variants[][5] = {
        {"pipeline.stages", CORE_STAGES, "stage.normalize.whitespace", "keep", NULL},
        {"pipeline.stages", CORE_STAGES, "stage.decode.plain_title", "true", NULL},
        {"pipeline.stages", CORE_STAGES, "pipeline.max_article_bytes", "2048", NULL},
        {"pipeline.stages", CORE_STAGES, "stage.normalize.cut_at_lines", "", NULL},
        {"pipeline.stages", "decode,encode", NULL, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        digest_of(variants[i], other);
        cr_assert_str_neq(base, other, "variant %zu must change the digest", i);
    }
}

/* ---- Stage environment and data digest ------------------------------------------------------- */

static char tmpdir[64];

static void write_file(const char *rel, const char *content)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "%s", path);
    fwrite(content, 1, strlen(content), f);
    fclose(f);
}

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/nf_test_pipeline_XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir));
    char sub[128];
    snprintf(sub, sizeof sub, "%s/sub", tmpdir);
    cr_assert_eq(mkdir(sub, 0700), 0);
}

static void remove_tmpdir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    cr_assert_eq(system(cmd), 0);
}

Test(pipeline, env_reads_files_and_digests_them_in_order)
{
    make_tmpdir();
    write_file("a.txt", "alpha\n");
    write_file("sub/b.tsv", "b\t2\n");
    nf_stage_env *env = nf_stage_env_new(tmpdir);
    cr_assert_str_eq(nf_stage_env_data_dir(env), tmpdir);
    size_t len = 0;
    char *a = nf_stage_env_read_file(env, "a.txt", &len, err, sizeof err);
    cr_assert_not_null(a, "%s", err);
    cr_assert_eq(len, 6);
    cr_assert_str_eq(a, "alpha\n");
    char *b = nf_stage_env_read_file(env, "sub/b.tsv", NULL, err, sizeof err);
    cr_assert_str_eq(b, "b\t2\n");
    char got[80], want[80];
    nf_stage_env_data_digest(env, got);
    nf_stage_env_destroy(env);

    nf_digest *d = nf_digest_new();
    nf_digest_update(d, "a.txt", 6); /* with its NUL */
    nf_digest_update(d, "alpha\n", 6);
    nf_digest_update(d, "sub/b.tsv", 10);
    nf_digest_update(d, "b\t2\n", 4);
    nf_digest_final_str(d, want);
    nf_digest_destroy(d);
    cr_assert_str_eq(got, want);

    /* another order, another digest; same files elsewhere, same digest */
    env = nf_stage_env_new(tmpdir);
    free(nf_stage_env_read_file(env, "sub/b.tsv", NULL, err, sizeof err));
    free(nf_stage_env_read_file(env, "a.txt", NULL, err, sizeof err));
    nf_stage_env_data_digest(env, got);
    nf_stage_env_destroy(env);
    cr_assert_str_neq(got, want);

    free(a);
    free(b);
    remove_tmpdir();
}

Test(pipeline, env_missing_file_names_the_path)
{
    make_tmpdir();
    nf_stage_env *env = nf_stage_env_new(tmpdir);
    err[0] = '\0';
    cr_assert_null(nf_stage_env_read_file(env, "no/such.tsv", NULL, err, sizeof err));
    cr_assert(strstr(err, "no/such.tsv") && strstr(err, tmpdir), "%s", err);
    char got[80];
    nf_stage_env_data_digest(env, got);
    cr_assert_str_eq(got, SHA256_EMPTY, "a failed read adds nothing");
    nf_stage_env_destroy(env);
    remove_tmpdir();
}

Test(pipeline, env_reads_empty_and_large_files)
{
    make_tmpdir();
    write_file("empty", "");
    size_t big_n = 300 * 1000;
    char *big = malloc(big_n + 1);
    for (size_t i = 0; i < big_n; i++) {
        big[i] = (char)('a' + i % 26);
    }
    big[big_n] = '\0';
    write_file("big", big);
    nf_stage_env *env = nf_stage_env_new(tmpdir);
    size_t len = 99;
    char *e = nf_stage_env_read_file(env, "empty", &len, err, sizeof err);
    cr_assert_not_null(e, "%s", err);
    cr_assert_eq(len, 0);
    cr_assert_str_eq(e, "");
    char *g = nf_stage_env_read_file(env, "big", &len, err, sizeof err);
    cr_assert_eq(len, big_n);
    cr_assert_str_eq(g, big);
    free(e);
    free(g);
    free(big);
    char got[80];
    nf_stage_env_data_digest(env, got);
    nf_stage_env_destroy(env);
    remove_tmpdir();
}

/* ---- Statistics ------------------------------------------------------------------------------ */

Test(pipeline, per_stage_statistics)
{
    const char *const pairs[] = {"pipeline.stages", CORE_STAGES, NULL};
    nf_pipeline *pl = build_ok(pairs);
    nf_doc doc;
    nf_doc_init(&doc);
    const char *good = "{\"title\":\"T\",\"body\":\"Some <b>text</b>.\"}";
    process(pl, &doc, good, NULL);
    process(pl, &doc, good, NULL);
    process(pl, &doc, "", NULL);                      /* decode fails */
    process(pl, &doc, "{\"body\":\"<br>\"}", NULL);   /* normalize fails */
    const nf_stage_stats *st;
    size_t n = nf_pipeline_stats(pl, &st);
    cr_assert_eq(n, 3);
    cr_assert_str_eq(st[0].name, "decode");
    cr_assert_str_eq(st[1].name, "normalize");
    cr_assert_str_eq(st[2].name, "encode");
    cr_assert_eq(st[0].docs, 4);
    cr_assert_eq(st[0].failures, 1);
    cr_assert_eq(st[1].docs, 3);
    cr_assert_eq(st[1].failures, 1);
    cr_assert_eq(st[2].docs, 2);
    cr_assert_eq(st[2].failures, 0);
    cr_assert_eq(st[0].bytes_in, 2 * strlen(good) + strlen("{\"body\":\"<br>\"}"));
    cr_assert_eq(st[1].bytes_in, 2 * (1 + strlen("Some <b>text</b>.")) + strlen("<br>"));
    cr_assert_eq(st[2].bytes_in, 2 * (1 + strlen("Some text.")));
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(st[i].ns, 0, "timing is off by default");
    }
    nf_pipeline_set_timing(pl, true);
    for (int i = 0; i < 20; i++) {
        process(pl, &doc, good, NULL);
    }
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        total += st[i].ns;
    }
    cr_assert_gt(total, 0, "timing on: time is measured");
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}

/* ---- Option tables --------------------------------------------------------------------------- */

Test(pipeline, option_tables_cover_pipeline_and_stages)
{
    nf_opt_table *t = nf_pipeline_tables();
    bool seen_pipeline = false, seen_decode = false, seen_normalize = false;
    size_t n = 0;
    for (; t[n].prefix; n++) {
        cr_assert_not_null(t[n].opts);
        seen_pipeline |= strcmp(t[n].prefix, "pipeline.") == 0;
        seen_decode |= strcmp(t[n].prefix, "stage.decode.") == 0;
        seen_normalize |= strcmp(t[n].prefix, "stage.normalize.") == 0;
    }
    cr_assert(seen_pipeline && seen_decode && seen_normalize);
    cr_assert_null(t[n].opts, "terminated by {NULL, NULL}");

    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "pipeline.stages", CORE_STAGES, NF_CFG_CLI, NULL);
    nf_config_set(cfg, "stage.normalize.whitespace", "keep", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "stage.decode.plain_title", "true", NF_CFG_CLI, NULL);
    cr_assert_eq(nf_config_check_keys(cfg, t, NULL, err, sizeof err), 0, "%s", err);
    nf_config_set(cfg, "stage.normalize.whitespaces", "keep", NF_CFG_CLI, NULL);
    cr_assert_neq(nf_config_check_keys(cfg, t, NULL, err, sizeof err), 0);
    cr_assert(strstr(err, "stage.normalize.whitespaces"), "%s", err);
    nf_config_destroy(cfg);
    nf_pipeline_tables_free(t);
}

/* ---- The default pipeline -------------------------------------------------------------------- */

Test(pipeline, default_pipeline_builds_and_processes)
{
    nf_pipeline *pl = nf_pipeline_new(NULL, err, sizeof err);
    cr_assert_not_null(pl, "%s", err);
    const nf_stage_stats *st;
    cr_assert_eq(nf_pipeline_stats(pl, &st), 8);
    nf_doc doc;
    nf_doc_init(&doc);
    cr_assert_eq(process(pl, &doc, "{\"body\":\"Baku, Azerbaijan, November 28. Kazakhstan "
                                   "exported goods worth $13.2 billion.\"}",
                         "k"),
                 NF_OK, "%s: %s", doc.err.stage, doc.err.message);
    json_error_t jerr;
    json_t *root = json_loadb(doc.out, doc.out_len, 0, &jerr);
    cr_assert_not_null(root, "%s", jerr.text);
    json_decref(root);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(pl);
}
