/* The learned entity tagger: model file checks (clear start-up errors), Viterbi constraints,
 * the combine modes (with a hand-made model, so the assertions do not depend on training),
 * features at train time == features at serve time, and byte-identical training. */
#include "ent_test_util.h"
#include "pipeline/stages/entities_model.h"
#include "pipeline/stages/entities_train.h"

#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SMALL_LOG2 12

/* A scratch data directory: gazetteer -> the repository's, models/ for test models. */
static char tmpdir[256];

static void make_tmpdir(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/nf_entmodel_XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir));
    char p[512];
    snprintf(p, sizeof p, "%s/gazetteer", tmpdir);
    cr_assert_eq(symlink(NF_SOURCE_DIR "/data/gazetteer", p), 0);
    snprintf(p, sizeof p, "%s/models", tmpdir);
    cr_assert_eq(mkdir(p, 0755), 0);
}

static void remove_tmpdir(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(entities_model, .init = make_tmpdir, .fini = remove_tmpdir, .timeout = 120);

/* Write a model with float weights w (2^SMALL_LOG2 * 8) to tmpdir/models/name. */
static void write_model(const char *name, const float *w, const float *trans)
{
    char p[512];
    snprintf(p, sizeof p, "%s/models/%s", tmpdir, name);
    FILE *f = fopen(p, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(nf_em_write(f, SMALL_LOG2, w, trans), 0);
    fclose(f);
}

static char *slurp(const char *path, size_t *len)
{
    char *b = ent_read_file(path, len);
    cr_assert_not_null(b, "cannot read %s", path);
    return b;
}

static void spit(const char *path, const char *b, size_t len)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(b, 1, len, f), len);
    fclose(f);
}

static float *zero_weights(void)
{
    float *w = calloc((size_t)NF_EM_ROW << SMALL_LOG2, sizeof *w);
    cr_assert_not_null(w);
    return w;
}

/* nf_em_load on a damaged copy of a valid model: refused with \p needle in the message. */
static void expect_load_error(const char *buf, size_t len, const char *needle)
{
    char *copy = malloc(len ? len : 1);
    memcpy(copy, buf, len);
    nf_em_model m;
    char err[512] = "";
    cr_assert_eq(nf_em_load(&m, copy, len, "models/x.model", err, sizeof err), -1,
                 "a damaged model (%s) must be refused", needle);
    cr_expect(strstr(err, needle) && strstr(err, "models/x.model"),
              "error \"%s\" should name the file and say \"%s\"", err, needle);
}

Test(entities_model, load_checks_header_size_and_checksum)
{
    float *w = zero_weights();
    w[123] = 2.5f;
    w[4000] = -1.0f;
    float trans[64] = {0};
    trans[9] = 0.5f;
    write_model("ok.model", w, trans);
    free(w);
    char p[512];
    snprintf(p, sizeof p, "%s/models/ok.model", tmpdir);
    size_t len;
    char *buf = slurp(p, &len);
    cr_assert_eq(len, 320 + ((size_t)8 << SMALL_LOG2));

    nf_em_model m;
    char err[512] = "";
    char *copy = malloc(len);
    memcpy(copy, buf, len);
    cr_assert_eq(nf_em_load(&m, copy, len, "models/ok.model", err, sizeof err), 0, "%s", err);
    cr_expect_eq(m.rows_log2, SMALL_LOG2);
    cr_expect_float_eq(m.trans[9], 0.5f, 1e-6);
    cr_expect_float_eq(m.w[123] * m.scale, 2.5f, 1e-3);
    cr_expect_float_eq(m.w[4000] * m.scale, -1.0f, 0.02);   /* int8: within half a step */
    nf_em_free(&m);

    expect_load_error(buf, 10, "not a newsflow entity model");
    expect_load_error(buf, len - 1, "truncated");
    expect_load_error(buf, len - 2048, "truncated");
    char *bad = malloc(len + 8);
    memcpy(bad, buf, len);
    memset(bad + len, 0, 8);
    expect_load_error(bad, len + 8, "truncated or padded");
    memcpy(bad, buf, len);
    bad[0] = 'X';
    expect_load_error(bad, len, "bad magic");
    memcpy(bad, buf, len);
    bad[320 + 246] ^= 1;   /* one weight bit */
    expect_load_error(bad, len, "checksum");
    memcpy(bad, buf, len);
    bad[12] = (char)(NF_EF_VERSION + 1);   /* another feature set */
    expect_load_error(bad, len, "feature set");
    memcpy(bad, buf, len);
    bad[8] = 99;   /* another file format */
    expect_load_error(bad, len, "format");
    memcpy(bad, buf, len);
    bad[16] = 40;   /* absurd dimensions */
    expect_load_error(bad, len, "dimensions");
    free(bad);
    free(buf);
}

static int open_entities(ent_stage *st, nf_stage_env *env, const char *const *kv, char *err,
                         size_t errsz)
{
    return ent_stage_open(st, &nf_stage_entities, env, kv, err, errsz);
}

Test(entities_model, stage_refuses_missing_or_bad_model_at_start)
{
    nf_stage_env *env = nf_stage_env_new(tmpdir);
    char err[512] = "";
    ent_stage st;
    const char *missing[] = {"stage.entities.model=models/none.model", NULL};
    cr_assert_neq(open_entities(&st, env, missing, err, sizeof err), 0);
    cr_expect(strstr(err, "models/none.model"), "%s", err);
    ent_stage_close(&st);

    char p[512];
    snprintf(p, sizeof p, "%s/models/junk.model", tmpdir);
    spit(p, "NFENTMDL but not really a model", 31);
    const char *junk[] = {"stage.entities.model=models/junk.model", NULL};
    cr_assert_neq(open_entities(&st, env, junk, err, sizeof err), 0);
    cr_expect(strstr(err, "models/junk.model") && strstr(err, "entity model"), "%s", err);
    ent_stage_close(&st);

    const char *empty[] = {"stage.entities.model=", "stage.entities.combine=model", NULL};
    cr_assert_neq(open_entities(&st, env, empty, err, sizeof err), 0);
    cr_expect(strstr(err, "stage.entities.model") && strstr(err, "combine"), "%s", err);
    ent_stage_close(&st);

    /* combine = rules reads no model at all. */
    const char *rules[] = {"stage.entities.model=models/none.model",
                           "stage.entities.combine=rules", NULL};
    cr_expect_eq(open_entities(&st, env, rules, err, sizeof err), 0, "%s", err);
    ent_stage_close(&st);
    nf_stage_env_destroy(env);
}

Test(entities_model, default_model_loads_from_the_data_dir)
{
    nf_stage_env *env = nf_stage_env_new(NF_SOURCE_DIR "/data");
    char err[512] = "";
    ent_stage st;
    cr_assert_eq(open_entities(&st, env, NULL, err, sizeof err), 0, "%s", err);
    const nf_ent_ctx *c = st.ctx;
    cr_expect_eq(c->combine_mode, NF_ENT_COMBINE_HYBRID, "hybrid is the default");
    cr_assert_not_null(c->em);
    cr_expect_eq(c->em->rows_log2, NF_EM_ROWS_LOG2);
    cr_expect_leq(c->em->len, 30u * 1024 * 1024, "the model stays under 30 MB");
    ent_stage_close(&st);
    nf_stage_env_destroy(env);
}

Test(entities_model, viterbi_never_starts_inside)
{
    /* I-ORG scores best, but an I- tag needs a B- of its class before it. */
    float emit[3 * NF_EM_ROW] = {0};
    for (int i = 0; i < 3; i++) {
        emit[i * NF_EM_ROW + NF_EM_I_ORG] = 5;
        emit[i * NF_EM_ROW + NF_EM_B_PER] = 1;
    }
    float trans[64] = {0};
    uint8_t bp[3 * NF_EM_ROW], out[3];
    nf_em_viterbi(emit, 1, trans, bp, out);
    cr_expect_eq(out[0], NF_EM_B_PER, "one token: no I- at the start, the best allowed tag");
    nf_em_viterbi(emit, 3, trans, bp, out);
    cr_expect(out[0] == NF_EM_B_ORG && out[1] == NF_EM_I_ORG && out[2] == NF_EM_I_ORG,
              "B-ORG I-ORG I-ORG (0 + 5 + 5) beats B-PER x3 (3): %u %u %u", out[0], out[1],
              out[2]);
    /* A transition that forbids nothing but costs: O -> B-PER is cheaper than B-ORG I-ORG. */
    trans[NF_EM_B_ORG * 8 + NF_EM_I_ORG] = -20;
    nf_em_viterbi(emit, 3, trans, bp, out);
    for (int i = 0; i < 3; i++) {
        cr_expect(out[i] != NF_EM_I_ORG || (i > 0 && (out[i - 1] == NF_EM_B_ORG ||
                                                      out[i - 1] == NF_EM_I_ORG)),
                  "I-ORG at %d after %u", i, i ? out[i - 1] : 7);
    }
}

/* ---- Combine modes, with a hand-made model ------------------------------------------------ */

static uint32_t bias_row;

static void grab_bias(void *arg, const nf_doc *doc, const nf_ef_doc *fd)
{
    (void)arg;
    (void)doc;
    cr_assert_gt(fd->ntok, 0);
    bias_row = fd->rows[0];   /* F_BIAS is every token's first feature */
}

static const char *const COMBINE_TEXT =
    "Leicester beat Derby 2-1 on Saturday, said Prime Minister Keir Starmer in London.";

/* Run a text through dateline + entities configured by kv; copy the labels out. */
static void run_kv_text(const char *const *kv, nf_doc *doc, bool hook, const char *text)
{
    ent_rig r;
    ent_rig_open(&r, kv);   /* data dir: the repository's; kv may point at tmpdir models */
    if (hook) {
        ((nf_ent_ctx *)r.entities.ctx)->feature_hook = grab_bias;
    }
    ent_run(&r, doc, text, NULL, 2024, 3, 2);
    ent_check_invariants(doc);
    ent_rig_close(&r);
}

static void run_kv(const char *const *kv, nf_doc *doc, bool hook)
{
    run_kv_text(kv, doc, hook, COMBINE_TEXT);
}

static bool has(const nf_doc *doc, const char *label, const char *text)
{
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        const nf_ann *a = &doc->anns[k];
        if (a->end - a->start == strlen(text) &&
            !memcmp(doc->field[a->field] + a->start, text, strlen(text)) &&
            !strcmp(a->label, label)) {
            return true;
        }
    }
    return false;
}

/* COMBINE_TEXT is a sports report ("beat", "2-1"): hybrid_kind_org would take every model ORG
 * there. The tests of the other thresholds switch it off. */
#define KIND_OFF "stage.entities.hybrid_kind_org=1000"

Test(entities_model, combine_modes)
{
    /* A model path below the repository's data dir that points into tmpdir. */
    char rel[600], kvmodel[700];
    snprintf(rel, sizeof rel, "../../../../..%s/models/org.model", tmpdir);
    snprintf(kvmodel, sizeof kvmodel, "stage.entities.model=%s", rel);

    /* 1. Find the bias row with the shipped model, then make a model whose only weight says:
     * every segment token starts an ORG. */
    nf_doc doc;
    nf_doc_init(&doc);
    const char *kv_default[] = {"stage.entities.combine=model", NULL};
    run_kv(kv_default, &doc, true);
    nf_doc_reset(&doc);
    float *w = zero_weights();
    uint32_t row = bias_row >> (NF_EM_ROWS_LOG2 - SMALL_LOG2);
    w[(size_t)row * NF_EM_ROW + NF_EM_B_ORG] = 5;
    float trans[64] = {0};
    write_model("org.model", w, trans);
    free(w);

    /* rules: what the rules say (Leicester and London are places, Starmer a person). */
    const char *kv_rules[] = {"stage.entities.combine=rules", NULL};
    run_kv(kv_rules, &doc, false);
    cr_assert(has(&doc, "GPE", "Leicester") && has(&doc, "PERSON", "Keir Starmer"));
    uint32_t n_rules = doc.n_anns;
    nf_doc_reset(&doc);

    /* model: one ORG per capitalised word, whatever the rules said. */
    const char *kv_model[] = {"stage.entities.combine=model", kvmodel, NULL};
    run_kv(kv_model, &doc, false);
    cr_expect(has(&doc, "ORG", "Leicester") && has(&doc, "ORG", "Derby") &&
              has(&doc, "ORG", "Keir") && has(&doc, "ORG", "Starmer"));
    cr_expect(!has(&doc, "PERSON", "Keir Starmer") && !has(&doc, "GPE", "Leicester"));
    nf_doc_reset(&doc);

    /* hybrid that trusts the model on nothing: exactly the rules. */
    const char *kv_h0[] = {"stage.entities.combine=hybrid", kvmodel, KIND_OFF,
                           "stage.entities.hybrid_add=1000",
                           "stage.entities.hybrid_add_single=1000",
                           "stage.entities.hybrid_relabel=1000",
                           "stage.entities.hybrid_override=1000",
                           "stage.entities.hybrid_unlisted=1000",
                           "stage.entities.hybrid_drop=1000", NULL};
    run_kv(kv_h0, &doc, false);
    cr_expect_eq(doc.n_anns, n_rules);
    cr_expect(has(&doc, "GPE", "Leicester") && has(&doc, "PERSON", "Keir Starmer"));
    nf_doc_reset(&doc);

    /* hybrid that relabels: same spans take the model's class, a person is never cut. */
    const char *kv_h1[] = {"stage.entities.combine=hybrid", kvmodel, KIND_OFF,
                           "stage.entities.hybrid_add=1000", "stage.entities.hybrid_relabel=1",
                           "stage.entities.hybrid_override=1", "stage.entities.hybrid_unlisted=1",
                           "stage.entities.hybrid_drop=1000", NULL};
    run_kv(kv_h1, &doc, false);
    cr_expect(has(&doc, "ORG", "Leicester"), "same span, model's class");
    cr_expect(has(&doc, "PERSON", "Keir Starmer"), "the model's ORG Keir cuts into a person");
    cr_expect(!has(&doc, "ORG", "Saturday"));
    nf_doc_reset(&doc);

    /* hybrid that adds: spans the rules did not find at all come from the model. */
    const char *kv_h2[] = {"stage.entities.combine=hybrid", kvmodel, KIND_OFF,
                           "stage.entities.hybrid_add=1", "stage.entities.hybrid_relabel=1000",
                           "stage.entities.hybrid_override=1000",
                           "stage.entities.hybrid_unlisted=1000",
                           "stage.entities.hybrid_drop=1000", NULL};
    run_kv(kv_h2, &doc, false);
    cr_expect(has(&doc, "GPE", "Leicester"), "rules keep their class");
    for (uint32_t k = 0; k < doc.n_anns; k++) {
        cr_expect(doc.anns[k].label != NULL);
    }
    nf_doc_reset(&doc);

    /* hybrid_unlisted: a model whose names are whole ORGs (B-ORG, then I-ORG by the
     * transition; the weakest token's margin is 0) relabels the rules' span that only
     * capitals back ("Zorbly Quantex", a fallback person), not the listed place (London) nor
     * the person with a known given name after a title (Keir Starmer). */
    static const char ZQ[] =
        "Zorbly Quantex beat Derby 2-1 on Saturday, said Prime Minister Keir Starmer in London.";
    w = zero_weights();
    w[(size_t)row * NF_EM_ROW + NF_EM_B_ORG] = 5;
    trans[NF_EM_B_ORG * 8 + NF_EM_I_ORG] = 10;
    write_model("org.model", w, trans);
    free(w);
    const char *kv_u0[] = {"stage.entities.combine=hybrid", kvmodel, KIND_OFF,
                           "stage.entities.hybrid_relabel=1000",
                           "stage.entities.hybrid_override=1000",
                           "stage.entities.hybrid_unlisted=0",
                           "stage.entities.hybrid_drop=1000", NULL};
    run_kv_text(kv_u0, &doc, false, ZQ);
    cr_expect(has(&doc, "ORG", "Zorbly Quantex"), "no evidence but capitals: the model's class");
    cr_expect(has(&doc, "PERSON", "Keir Starmer") && has(&doc, "GPE", "London"),
              "evidence (title, given name; a list): the rules' class");
    nf_doc_reset(&doc);
    const char *kv_u1[] = {"stage.entities.combine=hybrid", kvmodel, KIND_OFF,
                           "stage.entities.hybrid_relabel=1000",
                           "stage.entities.hybrid_override=1000",
                           "stage.entities.hybrid_unlisted=1000",
                           "stage.entities.hybrid_drop=1000", NULL};
    run_kv_text(kv_u1, &doc, false, ZQ);
    cr_expect(has(&doc, "PERSON", "Zorbly Quantex"), "hybrid_unlisted 1000: the rules' class");
    nf_doc_reset(&doc);

    /* hybrid_add below 0: with O at 1, the I-ORG that the transition carries has margin -1
     * (0 against O's 1); the rules find nothing there (no fallback person). hybrid_add 0
     * refuses the span, -1000 takes every multi-word span the rules missed. */
    w = zero_weights();
    w[(size_t)row * NF_EM_ROW + NF_EM_B_ORG] = 5;
    w[(size_t)row * NF_EM_ROW + NF_EM_O] = 1;
    write_model("org.model", w, trans);
    free(w);
    const char *kv_a0[] = {"stage.entities.combine=hybrid", kvmodel, KIND_OFF,
                           "stage.entities.fallback_person=false",
                           "stage.entities.hybrid_add=0", NULL};
    run_kv_text(kv_a0, &doc, false, ZQ);
    cr_expect(!has(&doc, "ORG", "Zorbly Quantex") && !has(&doc, "PERSON", "Zorbly Quantex"));
    nf_doc_reset(&doc);
    const char *kv_a1[] = {"stage.entities.combine=hybrid", kvmodel, KIND_OFF,
                           "stage.entities.fallback_person=false",
                           "stage.entities.hybrid_add=-1000", NULL};
    run_kv_text(kv_a1, &doc, false, ZQ);
    cr_expect(has(&doc, "ORG", "Zorbly Quantex"), "a negative margin is enough at -1000");
    nf_doc_fini(&doc);
}

/* Write models/NAME: a model whose only weight gives every segment token the begin tag
 * \p b_tag with margin 5, and put its stage.entities.model=... setting in \p kv. The bias
 * row is found first by a run with the shipped model (grab_bias). */
static void one_tag_model(const char *name, int b_tag, nf_doc *doc, char *kv, size_t kv_size)
{
    const char *kv_default[] = {"stage.entities.combine=model", NULL};
    run_kv(kv_default, doc, true);
    nf_doc_reset(doc);
    float *w = zero_weights();
    uint32_t row = bias_row >> (NF_EM_ROWS_LOG2 - SMALL_LOG2);
    w[(size_t)row * NF_EM_ROW + b_tag] = 5;
    float trans[64] = {0};
    write_model(name, w, trans);
    free(w);
    snprintf(kv, kv_size, "stage.entities.model=../../../../..%s/models/%s", tmpdir, name);
}

/* hybrid_add_place: a place the rules did not find and no list knows ("Zorblyford") is added
 * only when the model's margin reaches hybrid_add_place; a listed place needs no margin. */
Test(entities_model, hybrid_adds_an_unlisted_place_only_when_the_model_is_sure)
{
    static const char TXT[] = "Prices rose in Zorblyford last week.";
    nf_doc doc;
    nf_doc_init(&doc);
    const char *kv_rules[] = {"stage.entities.combine=rules", NULL};
    run_kv_text(kv_rules, &doc, false, TXT);
    cr_assert(!has(&doc, "GPE", "Zorblyford") && !has(&doc, "LOC", "Zorblyford") &&
              !has(&doc, "PERSON", "Zorblyford") && !has(&doc, "ORG", "Zorblyford"),
              "the rules find nothing there");
    nf_doc_reset(&doc);
    /* A model whose only weight says: every segment token is a one-word LOC (margin 5). */
    char kvmodel[700];
    one_tag_model("loc.model", NF_EM_B_LOC, &doc, kvmodel, sizeof kvmodel);
    const char *kv_model[] = {"stage.entities.combine=model", kvmodel, NULL};
    run_kv_text(kv_model, &doc, false, TXT);
    cr_assert(has(&doc, "LOC", "Zorblyford"), "model mode: the model's place");
    nf_doc_reset(&doc);
    const char *kv_never[] = {"stage.entities.combine=hybrid", kvmodel,
                              "stage.entities.hybrid_add_single=-1000",
                              "stage.entities.hybrid_add_place=1000", NULL};
    run_kv_text(kv_never, &doc, false, TXT);
    cr_expect(!has(&doc, "LOC", "Zorblyford"), "hybrid_add_place 1000: no unlisted place");
    nf_doc_reset(&doc);
    const char *kv_above[] = {"stage.entities.combine=hybrid", kvmodel,
                              "stage.entities.hybrid_add_single=-1000",
                              "stage.entities.hybrid_add_place=6", NULL};
    run_kv_text(kv_above, &doc, false, TXT);
    cr_expect(!has(&doc, "LOC", "Zorblyford"), "margin 5 below hybrid_add_place 6: left out");
    nf_doc_reset(&doc);
    const char *kv_sure[] = {"stage.entities.combine=hybrid", kvmodel,
                             "stage.entities.hybrid_add_single=-1000",
                             "stage.entities.hybrid_add_place=4", NULL};
    run_kv_text(kv_sure, &doc, false, TXT);
    cr_expect(has(&doc, "LOC", "Zorblyford"), "margin 5 at or above hybrid_add_place 4: added");
    nf_doc_fini(&doc);
}

/* hybrid_add_name: a one-word PERSON of the model where the rules found nothing is added at
 * hybrid_add_name when the name lists know the word as a given name or surname ("Craig"),
 * and at hybrid_add_single otherwise ("Zorbly": no list knows it). */
Test(entities_model, hybrid_adds_a_listed_name_alone_at_hybrid_add_name)
{
    static const char TXT[] = "We sold these. Craig, Zorbly and I agreed.";
    nf_doc doc;
    nf_doc_init(&doc);
    const char *kv_rules[] = {"stage.entities.combine=rules", NULL};
    run_kv_text(kv_rules, &doc, false, TXT);
    cr_assert(!has(&doc, "PERSON", "Craig") && !has(&doc, "PERSON", "Zorbly"),
              "the rules find neither name alone");
    nf_doc_reset(&doc);
    /* A model whose only weight says: every segment token is a one-word PERSON (margin 5). */
    char kvmodel[700];
    one_tag_model("per.model", NF_EM_B_PER, &doc, kvmodel, sizeof kvmodel);
    const char *kv_model[] = {"stage.entities.combine=model", kvmodel, NULL};
    run_kv_text(kv_model, &doc, false, TXT);
    cr_assert(has(&doc, "PERSON", "Craig") && has(&doc, "PERSON", "Zorbly"),
              "model mode: both one-word persons");
    nf_doc_reset(&doc);
    const char *kv_name[] = {"stage.entities.combine=hybrid", kvmodel,
                             "stage.entities.hybrid_add_single=6",
                             "stage.entities.hybrid_add_name=4", NULL};
    run_kv_text(kv_name, &doc, false, TXT);
    cr_expect(has(&doc, "PERSON", "Craig"), "a listed given name at hybrid_add_name 4: added");
    cr_expect(!has(&doc, "PERSON", "Zorbly"), "an unlisted word below hybrid_add_single 6: left out");
    nf_doc_reset(&doc);
    const char *kv_high[] = {"stage.entities.combine=hybrid", kvmodel,
                             "stage.entities.hybrid_add_single=6",
                             "stage.entities.hybrid_add_name=6", NULL};
    run_kv_text(kv_high, &doc, false, TXT);
    cr_expect(!has(&doc, "PERSON", "Craig"), "margin 5 below hybrid_add_name 6: left out");
    nf_doc_reset(&doc);
    const char *kv_single[] = {"stage.entities.combine=hybrid", kvmodel,
                               "stage.entities.hybrid_add_single=4",
                               "stage.entities.hybrid_add_name=6", NULL};
    run_kv_text(kv_single, &doc, false, TXT);
    cr_expect(has(&doc, "PERSON", "Zorbly"), "an unlisted word at hybrid_add_single 4: added");
    nf_doc_fini(&doc);
}

/* The kind of story (nf_ent_doc_kind), read through the feature hook: the hook sees the
 * tokens the stage marked. */
typedef struct kind_probe {
    const nf_ent_ctx *c;
    unsigned kind;
} kind_probe;

static void grab_kind(void *arg, const nf_doc *doc, const nf_ef_doc *fd)
{
    (void)doc;
    kind_probe *k = arg;
    k->kind = nf_ent_doc_kind(k->c, fd->mk);
}

static unsigned kind_of(const char *text)
{
    ent_rig r;
    ent_rig_open(&r, NULL);
    kind_probe k = {r.entities.ctx, 0xff};
    ((nf_ent_ctx *)r.entities.ctx)->feature_hook = grab_kind;
    ((nf_ent_ctx *)r.entities.ctx)->feature_hook_arg = &k;
    nf_doc doc;
    nf_doc_init(&doc);
    ent_run(&r, &doc, text, NULL, 2024, 3, 2);
    nf_doc_fini(&doc);
    ent_rig_close(&r);
    cr_assert_neq(k.kind, 0xff, "the hook ran");
    return k.kind;
}

Test(entities_model, a_story_is_a_sports_or_market_report_by_its_cue_words)
{
    cr_expect_eq(kind_of("Leicester beat Derby 2-1 on Saturday."), NF_ENT_KIND_SPORT,
                 "a sports word and a score");
    cr_expect_eq(kind_of("Yorkshire took the lead. The striker scored twice."),
                 NF_ENT_KIND_SPORT, "two sports words");
    cr_expect_eq(kind_of("Yorkshire won 3-0 and 2-1 this week."), NF_ENT_KIND_SPORT,
                 "two scores");
    cr_expect_eq(kind_of("Leicester beat the odds. Leicester beat them again."), 0,
                 "one sports word twice is one sign");
    cr_expect_eq(kind_of("Petrobras shares rose 3 percent as traders bought."),
                 NF_ENT_KIND_MARKET, "three market words");
    cr_expect_eq(kind_of("Prices rose. Costs rose. Exports rose as investors waited."), 0,
                 "two distinct market words");
    cr_expect_eq(kind_of("The minister visited Leicester on Saturday, said Keir Starmer."), 0,
                 "plain news");
    cr_expect_eq(kind_of("The striker scored as shares rose and traders sold stocks."),
                 NF_ENT_KIND_SPORT | NF_ENT_KIND_MARKET, "both");
}

/* nf_ent_doc_kind skips a word whose bit in the cue filter is clear: every CUE_SPORT and
 * CUE_MARKET word of cues.tsv must have its bit set (else that story kind is never seen), and
 * the filter must not be all ones (else it filters nothing). */
Test(entities_model, the_cue_filter_keeps_every_cue_word)
{
    ent_rig r;
    ent_rig_open(&r, NULL);
    const nf_ent_ctx *c = r.entities.ctx;
    FILE *f = fopen(NF_SOURCE_DIR "/data/gazetteer/curated/cues.tsv", "r");
    cr_assert(f, "cues.tsv");
    char line[256];
    unsigned cues = 0;
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab || (!strstr(tab, "CUE_SPORT") && !strstr(tab, "CUE_MARKET"))) {
            continue;
        }
        uint64_t h = nf_fold_hash(line, (size_t)(tab - line));
        cr_assert(nf_gaz_small_roles(c->gaz, h) & (NF_GW_CUE_SPORT | NF_GW_CUE_MARKET),
                  "%.*s is a cue word", (int)(tab - line), line);
        uint32_t b = nf_gaz_filter_bit(h);
        cr_expect((c->cue_bits[b / 64] >> (b % 64)) & 1, "%.*s passes the filter",
                  (int)(tab - line), line);
        cues++;
    }
    fclose(f);
    cr_expect_geq(cues, 20, "cues.tsv lists the cue words (%u)", cues);
    unsigned set = 0;
    for (size_t k = 0; k < sizeof c->cue_bits / sizeof c->cue_bits[0]; k++) {
        set += (unsigned)__builtin_popcountll(c->cue_bits[k]);
    }
    cr_expect_leq(set, 4 * cues, "the filter holds the cue words, not every word (%u bits)", set);
    ent_rig_close(&r);
}

/* hybrid_kind_org: in a sports or market report, a model ORG span needs only hybrid_kind_org
 * to be added where the rules found nothing ("Zorbly" took the lead), or to relabel what the
 * rules found ("Leicester", a listed place); elsewhere the general thresholds apply. */
Test(entities_model, hybrid_takes_a_model_org_in_a_sports_report_at_hybrid_kind_org)
{
    static const char SPORT[] = "Zorbly took the lead at home. Leicester beat Derby 2-1.";
    static const char PLAIN[] = "Zorbly took the lead at home. Leicester said it was over.";
    nf_doc doc;
    nf_doc_init(&doc);
    const char *kv_rules[] = {"stage.entities.combine=rules", NULL};
    run_kv_text(kv_rules, &doc, false, SPORT);
    cr_assert(!has(&doc, "ORG", "Zorbly") && !has(&doc, "ORG", "Leicester") &&
                  (has(&doc, "GPE", "Leicester") || has(&doc, "LOC", "Leicester")),
              "the rules: no Zorbly, Leicester a place");
    nf_doc_reset(&doc);
    /* A model whose only weight says: every segment token is a one-word ORG (margin 5). */
    char kvmodel[700];
    one_tag_model("korg.model", NF_EM_B_ORG, &doc, kvmodel, sizeof kvmodel);
#define STRICT "stage.entities.hybrid_add_single=1000", "stage.entities.hybrid_relabel=1000", \
               "stage.entities.hybrid_override=1000", "stage.entities.hybrid_unlisted=1000"
    const char *kv_kind[] = {"stage.entities.combine=hybrid", kvmodel, STRICT,
                             "stage.entities.hybrid_kind_org=4", NULL};
    run_kv_text(kv_kind, &doc, false, SPORT);
    cr_expect(has(&doc, "ORG", "Zorbly"), "sports report, margin 5 >= 4: added");
    cr_expect(has(&doc, "ORG", "Leicester"), "sports report, margin 5 >= 4: relabelled");
    nf_doc_reset(&doc);
    run_kv_text(kv_kind, &doc, false, PLAIN);
    cr_expect(!has(&doc, "ORG", "Zorbly") && !has(&doc, "ORG", "Leicester"),
              "no sports or market report: the general thresholds (1000) refuse both");
    nf_doc_reset(&doc);
    const char *kv_high[] = {"stage.entities.combine=hybrid", kvmodel, STRICT,
                             "stage.entities.hybrid_kind_org=6", NULL};
    run_kv_text(kv_high, &doc, false, SPORT);
    cr_expect(!has(&doc, "ORG", "Zorbly") && !has(&doc, "ORG", "Leicester"),
              "margin 5 below hybrid_kind_org 6: neither");
#undef STRICT
    nf_doc_fini(&doc);
}

/* The word row (F_W: every token's second feature) of the segment token starting at byte 0. */
static uint32_t first_word_row;

static void grab_first_word(void *arg, const nf_doc *doc, const nf_ef_doc *fd)
{
    (void)arg;
    (void)doc;
    bias_row = fd->rows[0];
    first_word_row = UINT32_MAX;
    for (uint32_t k = 0; k < fd->nsegs; k++) {
        const nf_ef_seg *sg = &fd->segs[k];
        if (fd->mk->toks[sg->field].v[sg->a].start == 0) {
            first_word_row = fd->rows[(size_t)sg->first * NF_EF_MAXF + 1];
        }
    }
}

/* A rule PERSON with a role word glued in front at a sentence start ("Fly-half Jack Crowley
 * kicked"): hybrid takes the model's "Jack Crowley" (a listed given name first), whatever its
 * margin; mid-sentence the rules' span stays (the cut is only made at a sentence start). */
Test(entities_model, hybrid_cuts_a_role_word_off_a_rule_person_at_a_sentence_start)
{
    static const char START[] = "Fly-half Jack Crowley kicked 13 points.";
    static const char MID[] = "Ireland won as Fly-half Jack Crowley kicked 13 points.";
    nf_doc doc;
    nf_doc_init(&doc);
    const char *kv_rules[] = {"stage.entities.combine=rules", NULL};
    run_kv_text(kv_rules, &doc, false, START);
    cr_assert(has(&doc, "PERSON", "Fly-half Jack Crowley"), "the rules take the role word in");
    nf_doc_reset(&doc);
    /* A model: "Fly-half" is O, every other segment token B-PER, B-PER -> I-PER strong: the
     * model's span is "Jack Crowley", with a weak margin on its I-PER token. */
    ent_rig r;
    ent_rig_open(&r, (const char *const[]){"stage.entities.combine=model", NULL});
    ((nf_ent_ctx *)r.entities.ctx)->feature_hook = grab_first_word;
    ent_run(&r, &doc, START, NULL, 2024, 3, 2);
    ent_rig_close(&r);
    nf_doc_reset(&doc);
    cr_assert_neq(first_word_row, UINT32_MAX, "the segment starts at byte 0");
    float *w = zero_weights();
    uint32_t shift = NF_EM_ROWS_LOG2 - SMALL_LOG2;
    w[(size_t)(bias_row >> shift) * NF_EM_ROW + NF_EM_B_PER] = 5;
    w[(size_t)(first_word_row >> shift) * NF_EM_ROW + NF_EM_O] = 40;
    float trans[64] = {0};
    trans[NF_EM_B_PER * 8 + NF_EM_I_PER] = 10;
    write_model("role.model", w, trans);
    free(w);
    char kvmodel[700];
    snprintf(kvmodel, sizeof kvmodel, "stage.entities.model=../../../../..%s/models/role.model",
             tmpdir);
    const char *kv_model[] = {"stage.entities.combine=model", kvmodel, NULL};
    run_kv_text(kv_model, &doc, false, START);
    cr_assert(has(&doc, "PERSON", "Jack Crowley"), "model mode: the name without the role word");
    nf_doc_reset(&doc);
    const char *kv_hybrid[] = {"stage.entities.combine=hybrid", kvmodel, NULL};
    run_kv_text(kv_hybrid, &doc, false, START);
    cr_expect(has(&doc, "PERSON", "Jack Crowley") && !has(&doc, "PERSON", "Fly-half Jack Crowley"),
              "hybrid at a sentence start: the role word is cut off");
    nf_doc_reset(&doc);
    run_kv_text(kv_hybrid, &doc, false, MID);
    cr_expect(has(&doc, "PERSON", "Fly-half Jack Crowley"), "mid-sentence: the rules' span");
    nf_doc_fini(&doc);
}

/* ---- Train = serve ------------------------------------------------------------------------ */

typedef struct captured {
    uint32_t nsegs, ntok;
    nf_ef_seg segs[256];
    uint32_t rows[256 * NF_EF_MAXF];
    uint8_t nrows[256];
} captured;

static void capture(void *arg, const nf_doc *doc, const nf_ef_doc *fd)
{
    (void)doc;
    captured *c = arg;
    cr_assert_leq(fd->ntok, 256);
    c->nsegs = fd->nsegs;
    c->ntok = fd->ntok;
    memcpy(c->segs, fd->segs, fd->nsegs * sizeof *fd->segs);
    memcpy(c->rows, fd->rows, (size_t)fd->ntok * NF_EF_MAXF * sizeof *fd->rows);
    memcpy(c->nrows, fd->nrows, fd->ntok);
}

Test(entities_model, features_at_train_time_equal_features_at_serve_time)
{
    char p[512];
    snprintf(p, sizeof p, "%s/tiny.conll", tmpdir);
    const char *conll = "-DOCSTART-\n\n"
                        "SOCCER\tO\n-\tO\nLEICESTER\tB-ORG\nBEAT\tO\nDERBY\tB-ORG\n\n"
                        "LONDON\tB-GPE\n2024-03-02\tO\n\n"
                        "Leicester\tB-ORG\nbeat\tO\nDerby\tB-ORG\n2-1\tO\non\tO\nSaturday\tO\n"
                        ",\tO\nsaid\tO\nJamie\tB-PERSON\nVardy\tI-PERSON\nof\tO\nthe\tO\n"
                        "Bank\tB-ORG\nof\tI-ORG\nEngland\tI-ORG\n's\tO\nboard\tO\n.\tO\n\n"
                        "\"\tO\nWe\tO\nwon\tO\n,\tO\n\"\tO\nsaid\tO\nJosé\tB-PERSON\n"
                        "Mourinho\tI-PERSON\nin\tO\nMünchen\tB-LOC\n.\tO\n\n";
    spit(p, conll, strlen(conll));
    nf_et_doc *docs = NULL;
    size_t nd = 0;
    char err[512];
    cr_assert_eq(nf_et_read_conll(p, &docs, &nd, err, sizeof err), 0, "%s", err);
    cr_assert_eq(nd, 1);
    cr_expect_str_eq(docs[0].text, "SOCCER - LEICESTER BEAT DERBY\nLONDON 2024-03-02\n"
                                   "Leicester beat Derby 2-1 on Saturday, said Jamie Vardy of "
                                   "the Bank of England's board. \"We won,\" said José Mourinho "
                                   "in München.");
    cr_expect_eq(docs[0].nspans, 9);

    /* Serve: the stage, as the pipeline runs it (dateline, then entities in hybrid mode). */
    static captured served, trained;
    ent_rig r;
    ent_rig_open(&r, NULL);
    ((nf_ent_ctx *)r.entities.ctx)->feature_hook = capture;
    ((nf_ent_ctx *)r.entities.ctx)->feature_hook_arg = &served;
    nf_doc doc;
    nf_doc_init(&doc);
    ent_run(&r, &doc, docs[0].text, NULL, 0, 0, 0);
    cr_assert_gt(served.ntok, 10);

    /* Train: what tools/train_entities.c computes for the same document. */
    nf_doc tdoc;
    nf_doc_init(&tdoc);
    nf_et_prepare(&tdoc, docs[0].text, docs[0].len);
    nf_et_stages st = {r.dateline.def, r.dateline.ctx, r.entities.ctx};
    nf_ef_doc fd;
    nf_et_features(&st, &tdoc, NF_EM_ROWS_LOG2, &fd);
    capture(&trained, &tdoc, &fd);

    cr_assert_eq(trained.nsegs, served.nsegs);
    cr_assert_eq(trained.ntok, served.ntok);
    for (uint32_t k = 0; k < trained.nsegs; k++) {
        cr_expect(trained.segs[k].a == served.segs[k].a && trained.segs[k].b == served.segs[k].b &&
                      trained.segs[k].field == served.segs[k].field,
                  "segment %u", k);
    }
    for (uint32_t k = 0; k < trained.ntok; k++) {
        cr_assert_eq(trained.nrows[k], served.nrows[k], "token %u", k);
        cr_expect(memcmp(trained.rows + (size_t)k * NF_EF_MAXF, served.rows + (size_t)k * NF_EF_MAXF,
                         trained.nrows[k] * sizeof(uint32_t)) == 0,
                  "features of segment token %u differ", k);
    }
    /* Gold tags line up with the segments: LEICESTER, DERBY, Leicester, Derby: B-ORG. */
    uint8_t gold[256];
    nf_et_gold_tags(&fd, &docs[0], gold);
    unsigned b_org = 0, b_per = 0;
    for (uint32_t k = 0; k < fd.ntok; k++) {
        b_org += gold[k] == NF_EM_B_ORG;
        b_per += gold[k] == NF_EM_B_PER;
    }
    cr_expect_eq(b_org, 5);
    cr_expect_eq(b_per, 2);
    nf_doc_fini(&tdoc);
    nf_doc_fini(&doc);
    ent_rig_close(&r);
    nf_et_free_docs(docs, nd);
}

/* Serving scores each token while extracting its features (no stored rows); the trainer and
 * the feature hook get stored rows, which nf_em_tag() scores. Both must give the same emission
 * scores, bit for bit, on many segments over both fields (the streamed sum runs one token
 * behind, across segment and field ends), and so the same annotations. */
static void no_hook(void *arg, const nf_doc *doc, const nf_ef_doc *fd)
{
    (void)arg;
    (void)doc;
    (void)fd;
}

Test(entities_model, scoring_while_extracting_equals_scoring_stored_rows)
{
    /* A results table: one capitalised name per line, a segment each, many more segments
     * than the extractor first makes room for (it grows its array). */
    static char table[8192];
    static const char *const names[] = {"Leicester", "Derby", "Arsenal", "Chelsea", "Lazio",
                                        "Porto", "Celtic", "Ajax"};
    size_t used = 0;
    for (int k = 0; k < 400; k++) {
        used += (size_t)snprintf(table + used, sizeof table - used, "%s\n", names[k % 8]);
    }
    cr_assert_lt(used, sizeof table - 1);
    const char *const texts[][2] = {
        {table, "RESULTS TABLE"},
        {"Leicester beat Derby 2-1 on Saturday, said Prime Minister Keir Starmer in London. "
         "\"We won,\" said José Mourinho in München.\nBAYERN MUNICH 3 Real Madrid 1\n"
         "Shares of Apple Inc rose as the Bank of England held rates, Reuters reported.",
         "SOCCER - LEICESTER BEAT DERBY"},
        {"Amazon", "Amazon"},
        {"no names here at all, only lower-case words.", NULL},
        {"Jean-Claude Juncker met Angela Merkel and Emmanuel Macron in Brussels on Monday. "
         "The European Commission, NATO and the IMF said on Tuesday that Greece and "
         "Portugal would meet the U.S. Federal Reserve in Washington D.C.",
         "Juncker Meets Merkel, Macron"},
    };
    ent_rig r;
    ent_rig_open(&r, NULL);
    const nf_ent_ctx *c = r.entities.ctx;
    cr_assert_not_null(c->em);
    uint32_t scored = 0;
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        /* Feature level: the same document extracted both ways. */
        nf_doc doc;
        nf_doc_init(&doc);
        doc.field[NF_FIELD_TEXT] = texts[k][0];
        doc.field_len[NF_FIELD_TEXT] = (uint32_t)strlen(texts[k][0]);
        doc.field[NF_FIELD_TITLE] = texts[k][1];
        doc.field_len[NF_FIELD_TITLE] = texts[k][1] ? (uint32_t)strlen(texts[k][1]) : 0;
        cr_assert_eq(r.dateline.def->process(r.dateline.ctx, &doc), NF_STAGE_OK);
        uint32_t rule_from = doc.n_anns;
        nf_ent_marked mk;
        nf_ent_tag_doc(c, &doc, &mk);
        nf_ef_doc stored, streamed;
        nf_ef_extract(c, &doc, &mk, rule_from, doc.n_anns, c->em->rows_log2, NULL, &stored);
        nf_ef_extract(c, &doc, &mk, rule_from, doc.n_anns, c->em->rows_log2, c->em, &streamed);
        cr_assert_eq(stored.ntok, streamed.ntok);
        cr_assert(stored.rows && !stored.emit && streamed.emit && !streamed.rows);
        for (uint32_t t = 0; t < stored.ntok; t++) {
            float e[NF_EM_ROW];
            nf_em_emission(c->em, stored.rows + (size_t)t * NF_EF_MAXF, stored.nrows[t], e);
            cr_assert(memcmp(e, streamed.emit + (size_t)t * NF_EM_ROW, sizeof e) == 0,
                      "text %zu, segment token %u: emission scores differ", k, t);
        }
        scored += stored.ntok;
        nf_doc_fini(&doc);

        /* Stage level: with a feature hook (stored rows) and without (streamed). */
        nf_doc a, b;
        nf_doc_init(&a);
        nf_doc_init(&b);
        ((nf_ent_ctx *)r.entities.ctx)->feature_hook = no_hook;
        ent_run(&r, &a, texts[k][0], texts[k][1], 2024, 3, 2);
        ((nf_ent_ctx *)r.entities.ctx)->feature_hook = NULL;
        ent_run(&r, &b, texts[k][0], texts[k][1], 2024, 3, 2);
        cr_assert_eq(a.n_anns, b.n_anns, "text %zu", k);
        for (uint32_t i = 0; i < a.n_anns; i++) {
            cr_expect(a.anns[i].field == b.anns[i].field && a.anns[i].start == b.anns[i].start &&
                          a.anns[i].end == b.anns[i].end &&
                          !strcmp(a.anns[i].label ? a.anns[i].label : "",
                                  b.anns[i].label ? b.anns[i].label : ""),
                      "text %zu, annotation %u differs", k, i);
        }
        nf_doc_fini(&a);
        nf_doc_fini(&b);
    }
    cr_expect_gt(scored, 40, "the texts give the model many segment tokens (%u)", scored);
    ent_rig_close(&r);
}

/* ---- Reproducible training -------------------------------------------------------------- */

static void train(const char *out)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "'%s' --data-dir '%s/data' --out '%s' --epochs 3 --rows-log2 %d "
             "'%s/data/train/newswire_team_train.conll' 2>/dev/null",
             NF_TRAIN_BIN, NF_SOURCE_DIR, out, SMALL_LOG2, NF_SOURCE_DIR);
    int rc = system(cmd);
    cr_assert(WIFEXITED(rc) && WEXITSTATUS(rc) == 0, "%s failed", cmd);
}

Test(entities_model, training_is_byte_identical)
{
    char a[512], b[512];
    snprintf(a, sizeof a, "%s/models/a.model", tmpdir);
    snprintf(b, sizeof b, "%s/models/b.model", tmpdir);
    train(a);
    train(b);
    size_t la, lb;
    char *x = slurp(a, &la), *y = slurp(b, &lb);
    cr_assert_eq(la, lb);
    cr_expect(memcmp(x, y, la) == 0, "two trainings on the same data differ");
    nf_em_model m;
    char err[512];
    cr_expect_eq(nf_em_load(&m, x, la, "a.model", err, sizeof err), 0, "%s", err);
    nf_em_free(&m);
    /* It learnt something: not all weights are zero. */
    int nonzero = 0;
    for (size_t k = 320; k < lb; k++) {
        nonzero += y[k] != 0;
    }
    cr_expect_gt(nonzero, 100);
    free(y);
}

/* ---- The model is data: its bytes are part of data_digest ------------------------------- */

static void digest_with(const char *const *kv, char out[80])
{
    nf_stage_env *env = nf_stage_env_new(tmpdir);
    ent_stage st;
    char err[512] = "";
    cr_assert_eq(open_entities(&st, env, kv, err, sizeof err), 0, "%s", err);
    nf_stage_env_data_digest(env, out);
    ent_stage_close(&st);
    nf_stage_env_destroy(env);
}

Test(entities_model, model_bytes_enter_the_data_digest)
{
    float *w = zero_weights();
    float trans[64] = {0};
    write_model("d.model", w, trans);
    const char *kv[] = {"stage.entities.model=models/d.model", NULL};
    const char *kv_rules[] = {"stage.entities.model=models/d.model",
                              "stage.entities.combine=rules", NULL};
    char d1[80], d2[80], d3[80], d4[80];
    digest_with(kv, d1);
    digest_with(kv, d4);
    digest_with(kv_rules, d3);
    w[77] = 1.0f;   /* another model, same name */
    write_model("d.model", w, trans);
    free(w);
    digest_with(kv, d2);
    cr_expect_str_eq(d1, d4, "same data, same digest");
    cr_expect_str_neq(d1, d2, "a changed model changes data_digest");
    cr_expect_str_neq(d1, d3, "combine = rules reads no model");
}

/* ---- One name, one class in a story ------------------------------------------------------ */

#define F_PW_SLOT 8   /* token_features(): BIAS, W, WSH, SH, SUF3, SUF4, PRE3, LEN, PW, ... */

static captured cons_feats;

static const char *const CONS_TEXT =
    "Officials in Paris said on Monday that Paris would host the talks. Mayor Anne Hidalgo "
    "said Paris was ready.";

Test(entities_model, one_name_keeps_one_class_in_a_story)
{
    /* Features of the text with the shipped model, to find the rows to weight. */
    ent_rig r;
    ent_rig_open(&r, NULL);
    ((nf_ent_ctx *)r.entities.ctx)->feature_hook = capture;
    ((nf_ent_ctx *)r.entities.ctx)->feature_hook_arg = &cons_feats;
    nf_doc doc;
    nf_doc_init(&doc);
    ent_run(&r, &doc, CONS_TEXT, NULL, 0, 0, 0);
    ent_rig_close(&r);
    /* Segment tokens that are "Paris": the first one follows "in". */
    uint32_t paris[3], np = 0;
    for (uint32_t k = 0; k < cons_feats.nsegs; k++) {
        const nf_ef_seg *sg = &cons_feats.segs[k];
        uint32_t n;
        const nf_tok *t = nf_doc_tokens(&doc, (nf_field)sg->field, &n);
        for (uint32_t i = sg->a; i < sg->b; i++) {
            if (t[i].end - t[i].start == 5 && !memcmp(CONS_TEXT + t[i].start, "Paris", 5) &&
                np < 3) {
                paris[np++] = sg->first + (i - sg->a);
            }
        }
    }
    cr_assert_eq(np, 3);
    uint32_t pw_in = cons_feats.rows[(size_t)paris[0] * NF_EF_MAXF + F_PW_SLOT];
    uint32_t pw_said = cons_feats.rows[(size_t)paris[1] * NF_EF_MAXF + F_PW_SLOT];
    cr_assert_neq(pw_in, pw_said, "the previous-word feature tells the mentions apart");
    nf_doc_fini(&doc);

    /* A model: every capitalised word is an ORG, but after "in" a place, strongly. */
    float *w = zero_weights();
    uint32_t shift = NF_EM_ROWS_LOG2 - SMALL_LOG2;
    w[(size_t)(cons_feats.rows[0] >> shift) * NF_EM_ROW + NF_EM_B_ORG] = 5;
    w[(size_t)(pw_in >> shift) * NF_EM_ROW + NF_EM_B_LOC] = 20;
    float trans[64] = {0};
    write_model("cons.model", w, trans);
    free(w);
    char kvmodel[700];
    snprintf(kvmodel, sizeof kvmodel,
             "stage.entities.model=../../../../..%s/models/cons.model", tmpdir);
    const char *kv[] = {"stage.entities.combine=model", kvmodel, NULL};
    nf_doc_init(&doc);
    ent_rig_open(&r, kv);
    ent_run(&r, &doc, CONS_TEXT, NULL, 0, 0, 0);
    /* Two mentions say ORG, one says LOC: the story keeps one class, the majority's. */
    int orgs = 0, locs = 0;
    for (uint32_t k = 0; k < doc.n_anns; k++) {
        const nf_ann *a = &doc.anns[k];
        if (a->end - a->start == 5 && !memcmp(CONS_TEXT + a->start, "Paris", 5)) {
            orgs += !strcmp(a->label, "ORG");
            locs += strcmp(a->label, "ORG") != 0;
        }
    }
    cr_expect_eq(orgs, 3, "every Paris is an ORG (%d ORG, %d other)", orgs, locs);
    ent_rig_close(&r);
    nf_doc_fini(&doc);
}

/* ---- Boundary conventions over the final spans (entities_bounds.c) ----------------------- */

Test(entities_model, a_lone_legal_form_joins_the_name_before_its_comma)
{
    /* The model that makes every capitalised word an ORG tags "Acme" and "Inc" apart; the
     * output has one company, with its legal form and the abbreviation's dot. */
    char kvmodel[700];
    snprintf(kvmodel, sizeof kvmodel,
             "stage.entities.model=../../../../..%s/models/org.model", tmpdir);
    nf_doc doc;
    nf_doc_init(&doc);
    const char *kv_default[] = {"stage.entities.combine=model", NULL};
    run_kv(kv_default, &doc, true);
    nf_doc_reset(&doc);
    float *w = zero_weights();
    w[(size_t)(bias_row >> (NF_EM_ROWS_LOG2 - SMALL_LOG2)) * NF_EM_ROW + NF_EM_B_ORG] = 5;
    float trans[64] = {0};
    write_model("org.model", w, trans);
    free(w);
    const char *kv[] = {"stage.entities.combine=model", kvmodel, NULL};
    run_kv_text(kv, &doc, false, "Profits rose at Acme, Inc. and at Globex, LLC last year.");
    cr_expect(has(&doc, "ORG", "Acme, Inc."), "the legal form and its dot join Acme");
    cr_expect(has(&doc, "ORG", "Globex, LLC"));
    cr_expect(!has(&doc, "ORG", "Inc") && !has(&doc, "ORG", "Inc.") && !has(&doc, "ORG", "LLC"),
              "a legal form alone is no name");
    nf_doc_reset(&doc);
    /* With nothing before the comma that could be a name, the lone legal form is dropped. */
    run_kv_text(kv, &doc, false, "Profits rose, Inc. said nothing.");
    cr_expect(!has(&doc, "ORG", "Inc") && !has(&doc, "ORG", "Inc."));
    nf_doc_reset(&doc);
    /* A comma glued to both words, or a no-break space after it: the same convention. The
     * first once gave two overlapping entities ("Apple,SE" and "SE"; found by fuzz_entities):
     * "Apple" after ", " took the legal form, "SE" after a glued comma was never checked. */
    run_kv_text(kv, &doc, false, "Talks between Nokia, Apple,SE and Acme,\u00a0Inc went on.");
    cr_expect(has(&doc, "ORG", "Apple,SE"), "the glued legal form joins Apple");
    cr_expect(has(&doc, "ORG", "Acme,\u00a0Inc"), "and after a no-break space");
    cr_expect(!has(&doc, "ORG", "SE") && !has(&doc, "ORG", "Inc"), "a legal form alone is no name");
    for (uint32_t i = 0; i < doc.n_anns; i++) {
        for (uint32_t j = i + 1; j < doc.n_anns; j++) {
            const nf_ann *a = &doc.anns[i], *b = &doc.anns[j];
            cr_expect(!(a->field == b->field && a->start < b->end && b->start < a->end),
                      "entities %u and %u overlap", i, j);
        }
    }
    nf_doc_reset(&doc);
    /* The name before the comma is an entity of an earlier stage: the dateline's place "LSE"
     * stays as it is, so the legal form cannot join it, and the lone "SE" goes. Once this
     * pass counted only its own entities and made "LSE,SE" an ORG over the place (found by
     * fuzz_entities; run_kv_text checks that no two entities overlap). */
    run_kv_text(kv, &doc, false, "LSE,SE -- Shares in Acme rose on Tuesday.");
    cr_expect(!has(&doc, "ORG", "LSE,SE"), "the legal form does not join the dateline's place");
    cr_expect(!has(&doc, "ORG", "SE"), "a legal form alone is no name");
    nf_doc_fini(&doc);
}

/* ---- Hybrid: the model decides on wire-copy lines that are no prose ---------------------- */

static const char *const WIRE_TEXT = "SOCCER - ENGLISH LEAGUE RESULTS\n"
                                     "Leicester 2 Derby 1\n"
                                     "Fans in Nottingham cheered, and Leicester fans too.";

Test(entities_model, hybrid_lets_the_model_decide_on_tables_and_capitals_lines)
{
    /* The hand-made model of combine_modes: every capitalised word starts an ORG. */
    nf_doc doc;
    nf_doc_init(&doc);
    const char *kv_default[] = {"stage.entities.combine=model", NULL};
    run_kv(kv_default, &doc, true);
    nf_doc_fini(&doc);
    float *w = zero_weights();
    w[(size_t)(bias_row >> (NF_EM_ROWS_LOG2 - SMALL_LOG2)) * NF_EM_ROW + NF_EM_B_ORG] = 5;
    float trans[64] = {0};
    write_model("org.model", w, trans);
    free(w);
    char kvmodel[700];
    snprintf(kvmodel, sizeof kvmodel, "stage.entities.model=../../../../..%s/models/org.model",
             tmpdir);
    /* A hybrid that trusts the model on nothing where the text is prose. */
    const char *kv[] = {"stage.entities.combine=hybrid", kvmodel,
                        "stage.entities.hybrid_add=1000", "stage.entities.hybrid_add_single=1000",
                        "stage.entities.hybrid_relabel=1000", "stage.entities.hybrid_override=1000",
                        "stage.entities.hybrid_drop=1000", NULL};
    ent_rig r;
    ent_rig_open(&r, kv);
    nf_doc_init(&doc);
    ent_run(&r, &doc, WIRE_TEXT, NULL, 2024, 3, 2);
    ent_check_invariants(&doc);
    const char *table = strstr(WIRE_TEXT, "Leicester 2");
    const char *prose = strstr(WIRE_TEXT, "Nottingham");
    const char *again = strstr(WIRE_TEXT, "Leicester fans");
    bool table_org = false, prose_rules = false, again_org = false, slug = false;
    for (uint32_t k = 0; k < doc.n_anns; k++) {
        const nf_ann *a = &doc.anns[k];
        const char *at = WIRE_TEXT + a->start;
        if (at == table && !strcmp(a->label, "ORG")) {
            table_org = true;   /* results table: the model's class */
        }
        if (at == prose && !strcmp(a->label, "GPE")) {
            prose_rules = true;   /* prose: the rules' class stands */
        }
        if (at == again && !strcmp(a->label, "ORG")) {
            again_org = true;   /* the same name elsewhere in the story follows */
        }
        if (a->start == 0 && !strcmp(a->label, "GPE")) {
            slug = true;   /* the dateline's place would be a GPE */
        }
    }
    cr_expect(table_org, "on a results line the model decides");
    cr_expect(prose_rules, "in prose the rules' class stands without a sure model");
    cr_expect(again_org, "one name, one class: the prose Leicester follows the table's ORG");
    cr_expect(!slug && !doc.dateline.present, "the slug word SOCCER is no dateline place");
    ent_rig_close(&r);
    nf_doc_fini(&doc);
}

/* ---- Held-out team newswire ------------------------------------------------------------- */

/* The three held-out parts of the team newswire (test = yes, aside = yes, aside4 = yes;
 * docs/entity-annotation.md)
 * are never trained on: no document of either is in the training file, and both are there
 * (scripts/newswire2conll.py writes all three from data/train/newswire_team.txt). */
Test(entities_model, held_out_team_newswire_is_not_trained_on)
{
    static const char *const parts[] = {"test", "aside", "aside4"};
    char path[1024], err[512];
    nf_et_doc *train_docs = NULL;
    size_t ntrain = 0;
    snprintf(path, sizeof path, "%s/data/train/newswire_team_train.conll", NF_SOURCE_DIR);
    cr_assert_eq(nf_et_read_conll(path, &train_docs, &ntrain, err, sizeof err), 0, "%s", err);
    cr_assert_gt(ntrain, 100, "training documents: %zu", ntrain);
    for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
        nf_et_doc *held = NULL;
        size_t nheld = 0;
        snprintf(path, sizeof path, "%s/data/train/newswire_team_%s.conll", NF_SOURCE_DIR,
                 parts[p]);
        cr_assert_eq(nf_et_read_conll(path, &held, &nheld, err, sizeof err), 0, "%s", err);
        cr_expect_geq(nheld, 12, "%s: %zu held-out documents", parts[p], nheld);
        for (size_t h = 0; h < nheld; h++) {
            for (size_t t = 0; t < ntrain; t++) {
                cr_expect(strcmp(held[h].text, train_docs[t].text) != 0,
                          "%s document %zu is also a training document", parts[p], h);
            }
        }
        nf_et_free_docs(held, nheld);
    }
    nf_et_free_docs(train_docs, ntrain);
}
