/* Golden cases of the numbers stage: every line of tests/data/numbers/NAME.jsonl is an
 * article and the complete list of annotations the stage must produce (see the README.md
 * there). */
#include "pipeline/pipeline.h"
#include "pipeline/stages/numbers/numbers.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const nf_stage_def nf_stage_numbers;

static void *ctx;
static nf_stage_env *env;
static nf_config *cfg;

static void setup(void)
{
    char err[512] = "";
    cfg = nf_config_new();
    ctx = calloc(1, nf_stage_numbers.ctx_size);
    env = nf_stage_env_new(NF_SOURCE_DIR "/data");
    cr_assert_eq(nf_opt_apply(nf_stage_numbers.options, "stage.numbers.", cfg, ctx, err,
                              sizeof err), 0, "%s", err);
    cr_assert_eq(nf_stage_numbers.init(ctx, env, err, sizeof err), 0, "%s", err);
}

static void teardown(void)
{
    nf_stage_numbers.fini(ctx);
    nf_opt_release(nf_stage_numbers.options, ctx);
    free(ctx);
    nf_stage_env_destroy(env);
    nf_config_destroy(cfg);
}

TestSuite(numbers_golden, .init = setup, .fini = teardown, .timeout = 60);

/* Compare one annotation with its expectation; append a message to err on mismatch. */
static bool same(const nf_doc *doc, const nf_ann *a, json_t *exp, char *err, size_t err_size)
{
    const char *text = doc->field[a->field];
    size_t alen = a->end - a->start;
    const char *etext = json_string_value(json_object_get(exp, "text"));
    const char *elabel = json_string_value(json_object_get(exp, "label"));
    if (!etext || !elabel) {
        snprintf(err, err_size, "expectation without text or label");
        return false;
    }
    if (strlen(etext) != alen || memcmp(text + a->start, etext, alen) != 0 ||
        strcmp(elabel, a->label) != 0) {
        snprintf(err, err_size, "expected %s '%s', got %s '%.*s'", elabel, etext, a->label,
                 (int)alen, text + a->start);
        return false;
    }
    json_t *v = json_object_get(exp, "value");
    if (json_is_number(v)) {
        double d = json_number_value(v);
        if (!(a->flags & NF_ANN_HAS_VALUE) || a->value != d) {
            snprintf(err, err_size, "'%s': expected value %.17g, got %.17g", etext, d,
                     (a->flags & NF_ANN_HAS_VALUE) ? a->value : NAN);
            return false;
        }
    } else if (json_is_string(v)) {
        if (!a->value_text || strcmp(a->value_text, json_string_value(v)) != 0) {
            snprintf(err, err_size, "'%s': expected value '%s', got '%s'", etext,
                     json_string_value(v), a->value_text ? a->value_text : "(none)");
            return false;
        }
    }
    json_t *vm = json_object_get(exp, "value_max");
    if (json_is_number(vm) &&
        (!(a->flags & NF_ANN_HAS_VALUE_MAX) || a->value_max != json_number_value(vm))) {
        snprintf(err, err_size, "'%s': expected value_max %.17g", etext, json_number_value(vm));
        return false;
    }
    static const char *const keys[] = {"currency", "unit"};
    const char *got[] = {a->currency, a->unit};
    for (int k = 0; k < 2; k++) {
        const char *e = json_string_value(json_object_get(exp, keys[k]));
        if (e && (!got[k] || strcmp(e, got[k]) != 0)) {
            snprintf(err, err_size, "'%s': expected %s %s, got %s", etext, keys[k], e,
                     got[k] ? got[k] : "(none)");
            return false;
        }
        if (!e && got[k] && k == 0) {
            snprintf(err, err_size, "'%s': unexpected currency %s", etext, got[k]);
            return false;
        }
    }
    const char *mod = json_string_value(json_object_get(exp, "mod"));
    char want[96];
    if (mod) {
        snprintf(want, sizeof want, "\"mod\":\"%s\"", mod);
        if (!a->extra_json || !strstr(a->extra_json, want)) {
            snprintf(err, err_size, "'%s': expected mod %s, got %s", etext, mod,
                     a->extra_json ? a->extra_json : "(none)");
            return false;
        }
    } else if (a->extra_json && strstr(a->extra_json, "\"mod\"")) {
        snprintf(err, err_size, "'%s': unexpected %s", etext, a->extra_json);
        return false;
    }
    const char *per = json_string_value(json_object_get(exp, "per"));
    if (per) {
        snprintf(want, sizeof want, "\"per\":\"%s\"", per);
        if (!a->extra_json || !strstr(a->extra_json, want)) {
            snprintf(err, err_size, "'%s': expected per %s, got %s", etext, per,
                     a->extra_json ? a->extra_json : "(none)");
            return false;
        }
    } else if (a->extra_json && strstr(a->extra_json, "\"per\"")) {
        snprintf(err, err_size, "'%s': unexpected %s", etext, a->extra_json);
        return false;
    }
    const char *vs = json_string_value(json_object_get(exp, "value_str"));
    if (vs) {
        snprintf(want, sizeof want, "\"value_str\":\"%s\"", vs);
        if (!a->extra_json || !strstr(a->extra_json, want)) {
            snprintf(err, err_size, "'%s': expected value_str %s", etext, vs);
            return false;
        }
    }
    return true;
}

/* How often each rule of the stage (nf_stage_def.counter_names) decided over all cases. */
static uint64_t rule_hits[256];

static int run_file(const char *path, nf_doc *doc, int *n_cases)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s", path);
    char *line = NULL;
    size_t cap = 0;
    int failures = 0, lineno = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        json_error_t je;
        json_t *c = json_loads(line, 0, &je);
        cr_assert_not_null(c, "%s:%d: %s", path, lineno, je.text);
        (*n_cases)++;
        nf_doc_reset(doc);
        json_t *jt = json_object_get(c, "text");
        doc->field[NF_FIELD_TEXT] = json_string_value(jt);
        doc->field_len[NF_FIELD_TEXT] = (uint32_t)json_string_length(jt);
        const char *pub = json_string_value(json_object_get(c, "published_at"));
        if (pub) {
            sscanf(pub, "%d-%d-%d", &doc->pub_year, &doc->pub_month, &doc->pub_day);
        }
        const char *cc = json_string_value(json_object_get(c, "dateline_country"));
        if (cc) {
            doc->dateline.present = true;
            doc->dateline.country = cc;
        }
        doc->counters = rule_hits; /* as the pipeline does: which rules decided */
        nf_stage_numbers.process(ctx, doc);
        doc->counters = NULL;
        json_t *exp = json_object_get(c, "expect");
        size_t n_exp = json_array_size(exp);
        char err[512] = "";
        bool ok = true;
        for (size_t i = 0; i < n_exp || i < doc->n_anns; i++) {
            if (i >= doc->n_anns) {
                snprintf(err, sizeof err, "missing %s '%s'",
                         json_string_value(json_object_get(json_array_get(exp, i), "label")),
                         json_string_value(json_object_get(json_array_get(exp, i), "text")));
                ok = false;
                break;
            }
            if (i >= n_exp) {
                const nf_ann *a = &doc->anns[i];
                snprintf(err, sizeof err, "unexpected %s '%.*s'", a->label,
                         (int)(a->end - a->start), doc->field[a->field] + a->start);
                ok = false;
                break;
            }
            if (!same(doc, &doc->anns[i], json_array_get(exp, i), err, sizeof err)) {
                ok = false;
                break;
            }
        }
        if (!ok) {
            cr_log_error("%s:%d: %s\n    text: %s", path, lineno, err, doc->field[NF_FIELD_TEXT]);
            failures++;
        }
        json_decref(c);
    }
    free(line);
    fclose(f);
    return failures;
}

Test(numbers_golden, every_case_matches)
{
    const char *dir = NF_TEST_DATA_DIR "/numbers";
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "cannot open %s", dir);
    struct dirent *de;
    nf_doc doc;
    nf_doc_init(&doc);
    int failures = 0, files = 0, cases = 0;
    char path[1024];
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 7 || strcmp(de->d_name + l - 6, ".jsonl") != 0) {
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        failures += run_file(path, &doc, &cases);
        files++;
    }
    closedir(d);
    nf_doc_fini(&doc);
    cr_assert_geq(files, 7, "golden files missing (found %d)", files);
    cr_assert_geq(cases, 80, "golden cases missing (found %d)", cases);
    cr_assert_eq(failures, 0, "%d of %d golden cases failed (see the log above)", failures,
                 cases);
}

/* Every named rule of the stage decides at least one golden case: a rule without a case is
 * either dead or untested. */
Test(numbers_golden, every_rule_has_cases)
{
    const char *const *names = NULL;
    size_t n = nf_stage_numbers.counter_names(ctx, &names);
    cr_assert_gt(n, 0);
    cr_assert_leq(n, sizeof rule_hits / sizeof rule_hits[0]);
    memset(rule_hits, 0, sizeof rule_hits);
    const char *dir = NF_TEST_DATA_DIR "/numbers";
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "cannot open %s", dir);
    struct dirent *de;
    nf_doc doc;
    nf_doc_init(&doc);
    int cases = 0;
    char path[1024];
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l >= 7 && strcmp(de->d_name + l - 6, ".jsonl") == 0) {
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            run_file(path, &doc, &cases);
        }
    }
    closedir(d);
    nf_doc_fini(&doc);
    int missing = 0;
    for (size_t i = 0; i < n; i++) {
        if (rule_hits[i] == 0) {
            cr_log_error("rule %s decides no golden case", names[i]);
            missing++;
        }
    }
    cr_assert_eq(missing, 0, "%d rules without golden cases (see the log above)", missing);
}

/* Every mention of \p doc as one string: field, span, label, values, extra JSON. */
static void snapshot(const nf_doc *doc, char **out, size_t *len)
{
    FILE *m = open_memstream(out, len);
    cr_assert_not_null(m);
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        const nf_ann *a = &doc->anns[k];
        fprintf(m, "%d:%u-%u:%s:%.17g:%.17g:%s:%s:%s:%s\n", a->field, a->start, a->end, a->label,
                a->value, a->value_max, a->value_text ? a->value_text : "",
                a->currency ? a->currency : "", a->unit ? a->unit : "",
                a->extra_json ? a->extra_json : "");
    }
    fclose(m);
}

/* The mentions of one article (\p title may be NULL) with the short path and with the whole
 * rule table (nf_numbers_ctx.full_table): @returns false, and logs both, when they differ. */
static bool short_path_agrees(nf_doc *doc, const char *title, const char *text, const char *pub,
                              const char *where)
{
    nf_numbers_ctx *nc = ctx;
    char *got[2];
    size_t len[2];
    for (int full = 0; full < 2; full++) {
        nf_doc_reset(doc);
        doc->field[NF_FIELD_TEXT] = text;
        doc->field_len[NF_FIELD_TEXT] = (uint32_t)strlen(text);
        if (title) {
            doc->field[NF_FIELD_TITLE] = title;
            doc->field_len[NF_FIELD_TITLE] = (uint32_t)strlen(title);
        }
        if (pub) {
            sscanf(pub, "%d-%d-%d", &doc->pub_year, &doc->pub_month, &doc->pub_day);
        }
        nc->full_table = full;
        nf_stage_numbers.process(ctx, doc);
        snapshot(doc, &got[full], &len[full]);
    }
    nc->full_table = false;
    bool same_mentions = len[0] == len[1] && memcmp(got[0], got[1], len[0]) == 0;
    if (!same_mentions) {
        cr_log_error("%s: short path\n%s  whole table\n%s", where, got[0], got[1]);
    }
    free(got[0]);
    free(got[1]);
    return same_mentions;
}

/* short_path_agrees on every article of the JSON lines file \p path: @returns how many differ. */
static int short_path_file(nf_doc *doc, const char *path, int *articles)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s", path);
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, differ = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        json_t *c = json_loads(line, 0, NULL);
        cr_assert_not_null(c, "%s:%d", path, lineno);
        const char *text = json_string_value(json_object_get(c, "text"));
        char where[1300];
        snprintf(where, sizeof where, "%s:%d", path, lineno);
        if (text) {
            (*articles)++;
            differ += !short_path_agrees(doc, json_string_value(json_object_get(c, "title")), text,
                                         json_string_value(json_object_get(c, "published_at")),
                                         where);
        }
        json_decref(c);
    }
    free(line);
    fclose(f);
    return differ;
}

/* The short path of nn_finish (rules.c, NN_SHORT_LIST) stands for the whole rule table: on
 * every golden case and every article of the Wikinews corpus it gives the same mentions. */
Test(numbers_golden, short_path_gives_the_table_s_mentions)
{
    nf_doc doc;
    nf_doc_init(&doc);
    ((nf_numbers_ctx *)ctx)->title = true; /* (the Wikinews titles too) */
    int differ = 0, articles = 0;
    char path[1200];
    const char *dir = NF_TEST_DATA_DIR "/numbers";
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "cannot open %s", dir);
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l >= 7 && strcmp(de->d_name + l - 6, ".jsonl") == 0) {
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            differ += short_path_file(&doc, path, &articles);
        }
    }
    closedir(d);
    differ += short_path_file(&doc, NF_TEST_DATA_DIR "/corpus/wikinews_2019_2020.jsonl", &articles);
    nf_doc_fini(&doc);
    cr_assert_geq(articles, 1000, "golden cases or corpus missing (%d articles)", articles);
    cr_assert_eq(differ, 0, "%d of %d articles differ (see the log above)", differ, articles);
}
