/* Entities stage: golden cases (tests/data/entities/golden.jsonl: every example of the issue),
 * a team-written article of the seed article's shape (tests/data/corpus/team_article.txt), the
 * options, and the hand-off with the dateline stage. The seed article itself has no open
 * licence: it is read from ../shared only by the test built with NF_SHARED_DIR (CTest label
 * "shared", not part of the default suite), never copied into the repository. */
#include "ent_test_util.h"

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

TestSuite(entities, .init = setup, .fini = teardown, .timeout = 60);

static void dump(const nf_doc *doc, const char *name)
{
    fprintf(stderr, "-- %s: %u annotations\n", name, doc->n_anns);
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        const nf_ann *a = &doc->anns[k];
        const char *s = doc->field[a->field];
        fprintf(stderr, "   %s%s %.*s country=%s canonical=%s\n",
                a->field == NF_FIELD_TITLE ? "title " : "", a->label, (int)(a->end - a->start),
                s + a->start, a->country ? a->country : "-", a->canonical ? a->canonical : "-");
    }
}

static bool str_eq_json(const char *have, json_t *want)
{
    if (json_is_null(want)) {
        return have == NULL;
    }
    return have && json_is_string(want) && strcmp(have, json_string_value(want)) == 0;
}

static bool ann_text_is(const nf_doc *doc, const nf_ann *a, const char *text)
{
    size_t n = strlen(text);
    return a->end - a->start == n && memcmp(doc->field[a->field] + a->start, text, n) == 0;
}

/* Check one golden case against the document. Returns the number of failures. */
static int check_case(const nf_doc *doc, json_t *c, const char *name)
{
    int bad = 0;
    ent_check_invariants(doc);
    json_t *expect = json_object_get(c, "expect");
    bool *used = calloc(doc->n_anns + 1, sizeof *used);
    size_t i;
    json_t *e;
    json_array_foreach(expect, i, e) {
        const char *label = json_string_value(json_object_get(e, "label"));
        const char *text = json_string_value(json_object_get(e, "text"));
        json_t *field = json_object_get(e, "field");
        uint8_t f = field && !strcmp(json_string_value(field), "title") ? NF_FIELD_TITLE
                                                                          : NF_FIELD_TEXT;
        bool found = false;
        for (uint32_t k = 0; k < doc->n_anns && !found; k++) {
            const nf_ann *a = &doc->anns[k];
            if (used[k] || a->kind != NF_ANN_ENTITY || a->field != f ||
                strcmp(a->label, label) != 0 || !ann_text_is(doc, a, text)) {
                continue;
            }
            json_t *cc = json_object_get(e, "country");
            json_t *canon = json_object_get(e, "canonical");
            if (cc && !str_eq_json(a->country, cc)) {
                fprintf(stderr, "%s: %s %s: country %s, want %s\n", name, label, text,
                        a->country ? a->country : "(none)", json_string_value(cc));
                continue;
            }
            if (canon && !str_eq_json(a->canonical, canon)) {
                fprintf(stderr, "%s: %s %s: canonical %s, want %s\n", name, label, text,
                        a->canonical ? a->canonical : "(none)",
                        json_is_null(canon) ? "(none)" : json_string_value(canon));
                continue;
            }
            used[k] = true;
            found = true;
        }
        if (!found) {
            fprintf(stderr, "%s: missing %s \"%s\"\n", name, label, text);
            bad++;
        }
    }
    uint32_t n_ent = 0;
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        n_ent += doc->anns[k].kind == NF_ANN_ENTITY;
    }
    if (json_is_true(json_object_get(c, "only")) && n_ent != json_array_size(expect)) {
        fprintf(stderr, "%s: %u entities, want exactly %zu\n", name, n_ent,
                json_array_size(expect));
        bad++;
    }
    json_t *absent = json_object_get(c, "absent");
    json_array_foreach(absent, i, e) {
        const char *w = json_string_value(e);
        for (uint8_t f = 0; f < NF_FIELD_COUNT; f++) {
            const char *s = doc->field[f];
            for (const char *p = s ? strstr(s, w) : NULL; p; p = strstr(p + 1, w)) {
                uint32_t st = (uint32_t)(p - s), en = st + (uint32_t)strlen(w);
                for (uint32_t k = 0; k < doc->n_anns; k++) {
                    const nf_ann *a = &doc->anns[k];
                    if (a->kind == NF_ANN_ENTITY && a->field == f && a->start < en &&
                        st < a->end) {
                        fprintf(stderr, "%s: \"%s\" must not be (part of) an entity\n", name, w);
                        bad++;
                    }
                }
            }
        }
    }
    json_t *count = json_object_get(c, "count");
    const char *key;
    json_t *val;
    json_object_foreach(count, key, val) {
        json_int_t have = 0;
        for (uint32_t k = 0; k < doc->n_anns; k++) {
            have += doc->anns[k].kind == NF_ANN_ENTITY && ann_text_is(doc, &doc->anns[k], key);
        }
        if (have != json_integer_value(val)) {
            fprintf(stderr, "%s: %lld entities \"%s\", want %lld\n", name, (long long)have, key,
                    (long long)json_integer_value(val));
            bad++;
        }
    }
    json_t *dl = json_object_get(c, "dateline");
    if (dl) {
        const nf_dateline *d = &doc->dateline;
        if (json_object_size(dl) == 0) {
            if (d->present) {
                fprintf(stderr, "%s: unexpected dateline\n", name);
                bad++;
            }
        } else if (!d->present) {
            fprintf(stderr, "%s: no dateline\n", name);
            bad++;
        } else {
            const char *t = json_string_value(json_object_get(dl, "text"));
            if (d->end - d->start != strlen(t) ||
                memcmp(doc->field[NF_FIELD_TEXT] + d->start, t, strlen(t)) != 0 ||
                !str_eq_json(d->place, json_object_get(dl, "place")) ||
                !str_eq_json(d->country, json_object_get(dl, "country")) ||
                !str_eq_json(d->date, json_object_get(dl, "date"))) {
                fprintf(stderr, "%s: dateline \"%.*s\" place=%s country=%s date=%s\n", name,
                        (int)(d->end - d->start), doc->field[NF_FIELD_TEXT] + d->start,
                        d->place ? d->place : "-", d->country ? d->country : "-",
                        d->date ? d->date : "-");
                bad++;
            }
        }
    }
    free(used);
    if (bad) {
        dump(doc, name);
    }
    return bad;
}

/* \p base: the directory a case's "file" is relative to. */
static int run_file(const char *path, const char *base)
{
    json_error_t jerr;
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s", path);
    int bad = 0, cases = 0;
    char line[64 * 1024];
    while (fgets(line, sizeof line, f)) {
        json_t *c = json_loads(line, 0, &jerr);
        cr_assert_not_null(c, "%s: %s", path, jerr.text);
        const char *name = json_string_value(json_object_get(c, "name"));
        json_t *pub = json_object_get(c, "published");
        char *filebuf = NULL;
        const char *text = json_string_value(json_object_get(c, "text"));
        json_t *file = json_object_get(c, "file");
        if (file) {
            char p[1024];
            snprintf(p, sizeof p, "%s/%s", base, json_string_value(file));
            filebuf = ent_read_file(p, NULL);
            cr_assert_not_null(filebuf, "%s: cannot read %s", name, p);
            text = filebuf;
        }
        nf_doc doc;
        nf_doc_init(&doc);
        ent_run(&rig, &doc, text, json_string_value(json_object_get(c, "title")),
                (int)json_integer_value(json_array_get(pub, 0)),
                (int)json_integer_value(json_array_get(pub, 1)),
                (int)json_integer_value(json_array_get(pub, 2)));
        bad += check_case(&doc, c, name);
        nf_doc_fini(&doc);
        free(filebuf);
        json_decref(c);
        cases++;
    }
    fclose(f);
    cr_assert_gt(cases, 0, "%s has no cases", path);
    return bad;
}

/* The golden cases specify the rules (exact entity counts, what must NOT be tagged), so they
 * run with combine = rules; the seed article below runs with the default (hybrid). */
Test(entities, golden_cases)
{
    static const char *const kv[] = {"stage.entities.combine=rules", NULL};
    ent_rig_close(&rig);
    ent_rig_open(&rig, kv);
    int bad = run_file(NF_TEST_DATA_DIR "/entities/golden.jsonl", NF_TEST_DATA_DIR);
    cr_assert_eq(bad, 0, "%d golden expectation(s) failed (details above)", bad);
}

/* The team-written article in the seed article's shape runs with the default (hybrid). */
Test(entities, team_article)
{
    int bad = run_file(NF_TEST_DATA_DIR "/entities/team_article.jsonl", NF_TEST_DATA_DIR);
    cr_assert_eq(bad, 0, "%d team-article expectation(s) failed (details above)", bad);
}

#ifdef NF_SHARED_DIR
Test(entities, seed_article)
{
    int bad = run_file(NF_TEST_DATA_DIR "/entities/seed_article.jsonl", NF_SHARED_DIR);
    cr_assert_eq(bad, 0, "%d seed-article expectation(s) failed (details above)", bad);
}
#endif

Test(entities, title_annotations_carry_the_title_field)
{
    nf_doc doc;
    nf_doc_init(&doc);
    ent_run(&rig, &doc, "The talks ended.", "Tokayev meets Xi Jinping in Beijing", 2023, 11, 28);
    ent_check_invariants(&doc);
    bool beijing = false;
    for (uint32_t k = 0; k < doc.n_anns; k++) {
        const nf_ann *a = &doc.anns[k];
        cr_assert_eq(a->field, NF_FIELD_TITLE, "all entities are in the title");
        if (ann_text_is(&doc, a, "Beijing")) {
            beijing = true;
            cr_assert_str_eq(a->country, "CN");
        }
    }
    cr_assert(beijing);
    nf_doc_fini(&doc);
}

Test(entities, dateline_place_is_not_tagged_twice)
{
    nf_doc doc;
    nf_doc_init(&doc);
    ent_run(&rig, &doc, "ASTANA, May 2 (Reuters) - Astana hosted the summit.", NULL, 2024, 5, 2);
    ent_check_invariants(&doc);
    cr_assert(doc.dateline.present);
    int astana = 0;
    for (uint32_t k = 0; k < doc.n_anns; k++) {
        if (!strcmp(doc.anns[k].label, "GPE")) {
            astana++;
            cr_assert_str_eq(doc.anns[k].country, "KZ");
        }
    }
    cr_assert_eq(astana, 2, "the dateline's ASTANA once and the body's Astana once");
    nf_doc_fini(&doc);
}

Test(entities, empty_and_missing_fields)
{
    nf_doc doc;
    nf_doc_init(&doc);
    ent_run(&rig, &doc, "", NULL, 0, 0, 0);
    cr_assert_eq(doc.n_anns, 0);
    nf_doc_reset(&doc);
    ent_run(&rig, &doc, NULL, NULL, 0, 0, 0);
    cr_assert_eq(doc.n_anns, 0);
    nf_doc_fini(&doc);
}

Test(entities_options, labels_filter_output)
{
    const char *kv[] = {"stage.entities.labels=GPE", NULL};
    ent_rig r;
    ent_rig_open(&r, kv);
    nf_doc doc;
    nf_doc_init(&doc);
    ent_run(&r, &doc, "Kazakh officials and President Xi Jinping met in Astana.", NULL, 0, 0, 0);
    cr_assert_eq(doc.n_anns, 1);
    cr_assert_str_eq(doc.anns[0].label, "GPE");
    nf_doc_fini(&doc);
    ent_rig_close(&r);
}

Test(entities_options, title_off_skips_the_title)
{
    const char *kv[] = {"stage.entities.title=false", NULL};
    ent_rig r;
    ent_rig_open(&r, kv);
    nf_doc doc;
    nf_doc_init(&doc);
    ent_run(&r, &doc, "Nothing here.", "Kazakhstan and China", 0, 0, 0);
    cr_assert_eq(doc.n_anns, 0);
    nf_doc_fini(&doc);
    ent_rig_close(&r);
}

Test(entities_options, link_off_leaves_surnames_alone)
{
    const char *kv[] = {"stage.entities.link_surnames=false", NULL};
    ent_rig r;
    ent_rig_open(&r, kv);
    nf_doc doc;
    nf_doc_init(&doc);
    ent_run(&r, &doc, "Minister Aidos Zhaksylykov spoke. Later Zhaksylykov left.", NULL, 0, 0, 0);
    for (uint32_t k = 0; k < doc.n_anns; k++) {
        cr_assert_null(doc.anns[k].canonical, "no canonical without linking");
    }
    nf_doc_fini(&doc);
    ent_rig_close(&r);
}

static void expect_init_error(const char *kv0, const char *needle)
{
    nf_stage_env *env = nf_stage_env_new(NF_SOURCE_DIR "/data");
    const char *kv[] = {kv0, NULL};
    ent_stage st;
    char err[512] = "";
    cr_assert_neq(ent_stage_open(&st, &nf_stage_entities, env, kv, err, sizeof err), 0,
                  "%s must be refused", kv0);
    cr_assert(strstr(err, needle), "error \"%s\" should mention \"%s\"", err, needle);
    ent_stage_close(&st);
    nf_stage_env_destroy(env);
}

Test(entities_options, bad_values_fail_init_with_a_reason)
{
    expect_init_error("stage.entities.labels=PERSON,EVENT", "EVENT");
    expect_init_error("stage.entities.combine=union", "union");
    expect_init_error("stage.entities.model=ner.bin", "ner.bin");
    expect_init_error("stage.entities.gazetteer_dir=no/such/dir", "no/such/dir");
}
