/* entities: people, organisations, places and nationalities (PERSON, ORG, GPE, LOC, NORP).
 *
 * Gazetteers + rules + document context: one tokenization per field, a word trie over folded
 * tokens for every list (countries, cities, organisations, demonyms, names, titles, common
 * words), then a left-to-right chunker that groups capitalised words and decides with titles,
 * verbs ("said"), organisation head words, acronym definitions and what the rest of the article
 * says about the same words (entities_tag.c). Data: data/gazetteer/ (see its README.md). */
#include "pipeline/stages/entities.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static const nf_opt options[] = {
    {"labels", NF_OPT_LIST, "PERSON,ORG,GPE,LOC,NORP", offsetof(nf_ent_ctx, labels), NULL,
     "labels to emit (PERSON, ORG, GPE, LOC, NORP)"},
    {"title", NF_OPT_BOOL, "true", offsetof(nf_ent_ctx, title), NULL,
     "also tag the title (annotations carry \"field\": \"title\")"},
    {"link_surnames", NF_OPT_BOOL, "true", offsetof(nf_ent_ctx, link), NULL,
     "a surname-only mention after a full name is a PERSON with the full name as canonical"},
    {"fallback_person", NF_OPT_BOOL, "true", offsetof(nf_ent_ctx, fallback_person), NULL,
     "two to four unknown capitalised words that are no common words make a PERSON"},
    {"acronyms", NF_OPT_BOOL, "true", offsetof(nf_ent_ctx, acronyms), NULL,
     "an unknown all-capital word (2-6 letters) in running text is an ORG"},
    {"min_population", NF_OPT_INT, "15000", offsetof(nf_ent_ctx, min_population),
     "0..1000000000",
     "cities smaller than this are tagged only with context (in X; X, <state or country>)"},
    {"gazetteer_dir", NF_OPT_STR, "gazetteer", offsetof(nf_ent_ctx, gazetteer_dir), NULL,
     "gazetteer directory below pipeline.data_dir"},
    {"extra_files", NF_OPT_LIST, NULL, offsetof(nf_ent_ctx, extra_files), NULL,
     "more gazetteer files (same TSV format) below pipeline.data_dir, loaded last"},
    {"combine", NF_OPT_ENUM, "rules", offsetof(nf_ent_ctx, combine),
     "rules|union|prefer_model|prefer_rules",
     "how rule output and a learned tagger's output combine (only \"rules\" without a model)"},
    {"model", NF_OPT_STR, NULL, offsetof(nf_ent_ctx, model), NULL,
     "learned tagger model file below pipeline.data_dir (none in this build)"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

/* Files below gazetteer_dir, in load order. Entities of one phrase keep this order for ties. */
static const char *const gaz_files[] = {
    "countries.tsv", "curated/places.tsv", "subdivisions.tsv", "cities.tsv",
    "curated/demonyms.tsv", "curated/orgs.tsv", "curated/org_words.tsv", "curated/titles.tsv",
    "curated/cues.tsv", "curated/nonentities.tsv", "curated/names.tsv", "given_names.tsv",
    "surnames.tsv", "common_words.tsv", NULL,
};

static uint32_t label_bit(const char *l)
{
    static const struct {
        const char *name;
        uint32_t bit;
    } m[] = {{"PERSON", NF_ENT_PERSON}, {"ORG", NF_ENT_ORG}, {"GPE", NF_ENT_GPE},
             {"LOC", NF_ENT_LOC},       {"NORP", NF_ENT_NORP}};
    for (size_t k = 0; k < sizeof m / sizeof m[0]; k++) {
        if (strcmp(m[k].name, l) == 0) {
            return m[k].bit;
        }
    }
    return 0;
}

static int init(void *vctx, nf_stage_env *env, char *errstr, size_t errstr_size)
{
    nf_ent_ctx *ctx = vctx;
    for (size_t k = 0; k < ctx->labels.n; k++) {
        uint32_t b = label_bit(ctx->labels.items[k]);
        if (!b) {
            snprintf(errstr, errstr_size,
                     "stage.entities.labels: unknown label \"%s\" (allowed: PERSON, ORG, GPE, "
                     "LOC, NORP)",
                     ctx->labels.items[k]);
            return -1;
        }
        ctx->label_mask |= b;
    }
    if (ctx->model && *ctx->model) {
        snprintf(errstr, errstr_size,
                 "stage.entities.model = %s: this build has no learned tagger; leave it empty",
                 ctx->model);
        return -1;
    }
    if (strcmp(ctx->combine, "rules") != 0) {
        snprintf(errstr, errstr_size,
                 "stage.entities.combine = %s needs stage.entities.model; without a model only "
                 "\"rules\" is allowed",
                 ctx->combine);
        return -1;
    }
    ctx->gaz = nf_gaz_new();
    const char *dir = ctx->gazetteer_dir && *ctx->gazetteer_dir ? ctx->gazetteer_dir : ".";
    for (size_t k = 0; gaz_files[k]; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, gaz_files[k]);
        if (nf_gaz_load(ctx->gaz, nf_gaz_env_reader, env, path, UINT32_MAX, UINT32_MAX, errstr,
                        errstr_size) < 0) {
            return -1;
        }
    }
    for (size_t k = 0; k < ctx->extra_files.n; k++) {
        if (nf_gaz_load(ctx->gaz, nf_gaz_env_reader, env, ctx->extra_files.items[k],
                        UINT32_MAX, UINT32_MAX, errstr, errstr_size) < 0) {
            return -1;
        }
    }
    nf_gaz_freeze(ctx->gaz);

    static const struct {
        size_t off;
        const char *word;
    } words[] = {
        {offsetof(nf_ent_ctx, h_of), "of"},       {offsetof(nf_ent_ctx, h_the), "the"},
        {offsetof(nf_ent_ctx, h_and), "and"},     {offsetof(nf_ent_ctx, h_for), "for"},
        {offsetof(nf_ent_ctx, h_on), "on"},       {offsetof(nf_ent_ctx, h_to), "to"},
        {offsetof(nf_ent_ctx, h_at), "at"},       {offsetof(nf_ent_ctx, h_amp), "&"},
        {offsetof(nf_ent_ctx, h_lparen), "("},    {offsetof(nf_ent_ctx, h_rparen), ")"},
        {offsetof(nf_ent_ctx, h_comma), ","},     {offsetof(nf_ent_ctx, h_dot), "."},
        {offsetof(nf_ent_ctx, h_who), "who"},     {offsetof(nf_ent_ctx, h_according), "according"},
        {offsetof(nf_ent_ctx, h_colon), ":"},     {offsetof(nf_ent_ctx, h_in), "in"},
        {offsetof(nf_ent_ctx, h_a), "a"},         {offsetof(nf_ent_ctx, h_an), "an"},
        {offsetof(nf_ent_ctx, h_by), "by"},       {offsetof(nf_ent_ctx, h_dash), "-"},
        {offsetof(nf_ent_ctx, h_quote), "\""},    {offsetof(nf_ent_ctx, h_apos), "'"},
        {offsetof(nf_ent_ctx, h_state), "state"}, {offsetof(nf_ent_ctx, h_province), "province"},
    };
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        uint64_t h = nf_fold_hash(words[k].word, strlen(words[k].word));
        memcpy((char *)ctx + words[k].off, &h, sizeof h);
    }
    return 0;
}

static void fini(void *vctx)
{
    nf_ent_ctx *ctx = vctx;
    nf_gaz_destroy(ctx->gaz);
    ctx->gaz = NULL;
}

static nf_stage_rc process(const void *vctx, nf_doc *doc)
{
    nf_ent_tag_doc(vctx, doc);
    return NF_STAGE_OK;
}

const nf_stage_def nf_stage_entities = {
    .version = NF_STAGE_ABI_V1,
    .name = "entities",
    .description = "people, organisations, places and nationalities (PERSON, ORG, GPE, LOC, "
                   "NORP) with country codes, canonical names and surname linking",
    .options = options,
    .ctx_size = sizeof(nf_ent_ctx),
    .init = init,
    .process = process,
    .fini = fini,
};
