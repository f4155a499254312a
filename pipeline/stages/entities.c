/* entities: people, organisations, places and nationalities (PERSON, ORG, GPE, LOC, NORP).
 *
 * Gazetteers + rules + document context: one tokenization per field, a word trie over folded
 * tokens for every list (countries, cities, organisations, demonyms, names, titles, common
 * words), then a left-to-right chunker that groups capitalised words and decides with titles,
 * verbs ("said"), organisation head words, acronym definitions and what the rest of the article
 * says about the same words (entities_tag.c). Data: data/gazetteer/ (see its README.md). */
#include "pipeline/stages/entities.h"
#include "pipeline/stages/entities_model.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
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
    {"combine", NF_OPT_ENUM, "hybrid", offsetof(nf_ent_ctx, combine), "rules|model|hybrid",
     "rules: gazetteers and rules alone; model: the learned tagger's PERSON/ORG/LOC spans "
     "(NORP, GPE vs LOC, country, canonical still from gazetteers and rules); hybrid: the rules' "
     "annotations, corrected by the model where it is sure (stage.entities.hybrid_*), and the "
     "model's spans on wire lines that are no prose (tables, all-caps headlines; "
     "docs/entities.md)"},
    {"hybrid_add", NF_OPT_DOUBLE, "-1000", offsetof(nf_ent_ctx, hybrid_add), "-1000..1000",
     "hybrid: how sure the model must be (score margin of its weakest token) to add a span "
     "where the rules found nothing (-1000: every such model span; a place only when a list "
     "knows it)"},
    {"hybrid_add_single", NF_OPT_DOUBLE, "8", offsetof(nf_ent_ctx, hybrid_add_single),
     "-1000..1000", "hybrid: the same for a one-word span"},
    {"hybrid_add_name", NF_OPT_DOUBLE, "-1000", offsetof(nf_ent_ctx, hybrid_add_name),
     "-1000..1000", "hybrid: the same for a one-word PERSON span that the name lists know as a "
     "given name or surname (\"Geoff,\" signing an e-mail, \"Rumsfeld\" in prose)"},
    {"hybrid_relabel", NF_OPT_DOUBLE, "10", offsetof(nf_ent_ctx, hybrid_relabel), "-1000..1000",
     "hybrid: how sure the model must be to change the class of a span the rules found"},
    {"hybrid_override", NF_OPT_DOUBLE, "10", offsetof(nf_ent_ctx, hybrid_override),
     "-1000..1000", "hybrid: how sure the model must be to replace a span the rules found by other, "
     "overlapping spans"},
    {"hybrid_drop", NF_OPT_DOUBLE, "20", offsetof(nf_ent_ctx, hybrid_drop), "-1000..1000",
     "hybrid: how sure the model must be that a span the rules found is no entity to drop it"},
    {"hybrid_add_place", NF_OPT_DOUBLE, "20", offsetof(nf_ent_ctx, hybrid_add_place),
     "-1000..1000", "hybrid: how sure the model must be to add a place (LOC) that no list knows "
     "where the rules found nothing (1000: never; unknown capitalised words - religions, "
     "products, events - look like places to the model)"},
    {"hybrid_unlisted", NF_OPT_DOUBLE, "10", offsetof(nf_ent_ctx, hybrid_unlisted),
     "-1000..1000", "hybrid: how sure the model must be to relabel or replace a span the rules "
     "found on no evidence but capitals (no list knows it, no cue word or title next to it); "
     "margins can be negative (the best path through a name can use a tag that is not the "
     "best of its token)"},
    {"hybrid_kind_org", NF_OPT_DOUBLE, "-5", offsetof(nf_ent_ctx, hybrid_kind_org),
     "-1000..1000", "hybrid: in a sports or market report (two sports words of the cue list or "
     "scores such as 2-1; three market words), how sure the model must be to add, relabel or "
     "re-segment an ORG (clubs and companies named like places: \"Yorkshire took the lead\", "
     "\"Munich Re\"); the lower of this and the general threshold applies (1000: as elsewhere)"},
    {"model", NF_OPT_STR, "models/entities.model", offsetof(nf_ent_ctx, model), NULL,
     "learned tagger model below pipeline.data_dir (scripts/train-entities.sh builds it); "
     "read unless combine = rules"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

/* Files below gazetteer_dir, in load order. Entities of one phrase keep this order for ties. */
static const char *const gaz_files[] = {
    "countries.tsv", "curated/places.tsv", "subdivisions.tsv", "cities.tsv",
    "curated/demonyms.tsv", "curated/orgs.tsv", "curated/org_words.tsv", "curated/titles.tsv",
    "curated/cues.tsv", "curated/nonentities.tsv", "curated/names.tsv", "given_names.tsv",
    "surnames.tsv", "common_words.tsv", NULL,
};

uint32_t nf_ent_label_bit(const char *l)
{
    /* The first letter picks the one label it can be (called per annotation, hot). */
    static const struct {
        const char *name;
        uint32_t bit;
    } m[] = {{"PERSON", NF_ENT_PERSON}, {"ORG", NF_ENT_ORG}, {"GPE", NF_ENT_GPE},
             {"LOC", NF_ENT_LOC},       {"NORP", NF_ENT_NORP}};
    int k;
    switch (l[0]) {
    case 'P': k = 0; break;
    case 'O': k = 1; break;
    case 'G': k = 2; break;
    case 'L': k = 3; break;
    case 'N': k = 4; break;
    default: return 0;
    }
    return strcmp(m[k].name, l) == 0 ? m[k].bit : 0;
}

static int init(void *vctx, nf_stage_env *env, char *errstr, size_t errstr_size)
{
    nf_ent_ctx *ctx = vctx;
    for (size_t k = 0; k < ctx->labels.n; k++) {
        uint32_t b = nf_ent_label_bit(ctx->labels.items[k]);
        if (!b) {
            snprintf(errstr, errstr_size,
                     "stage.entities.labels: unknown label \"%s\" (allowed: PERSON, ORG, GPE, "
                     "LOC, NORP)",
                     ctx->labels.items[k]);
            return -1;
        }
        ctx->label_mask |= b;
    }
    static const char *const modes[] = {"rules", "model", "hybrid"};
    for (int k = 0; k < 3; k++) {
        if (strcmp(ctx->combine, modes[k]) == 0) {
            ctx->combine_mode = k;
        }
    }
    if (ctx->combine_mode != NF_ENT_COMBINE_RULES) {
        if (!ctx->model || !*ctx->model) {
            snprintf(errstr, errstr_size,
                     "stage.entities.model is empty but stage.entities.combine = %s needs a model "
                     "(set the model file, or combine = rules)",
                     ctx->combine);
            return -1;
        }
        size_t len;
        char *buf = nf_stage_env_read_file(env, ctx->model, &len, errstr, errstr_size);
        if (!buf) {
            return -1;   /* the message names the path */
        }
        ctx->em = calloc(1, sizeof *ctx->em);
        if (nf_em_load(ctx->em, buf, len, ctx->model, errstr, errstr_size) < 0) {
            return -1;
        }
    }
    static const char *const conn[] = {"of", "the", "and", "&", "for", "de", "del", "della",
                                       "da", "di", "do", "dos", "das", "van", "von", "der",
                                       "den", "la", "le", "les", "du", "al", "el", "bin", "ibn",
                                       "y", "'s", "-", "on", "upon", "zu", "ter"};
    for (size_t k = 0; k < sizeof conn / sizeof conn[0]; k++) {
        uint64_t h = nf_fold_hash(conn[k], strlen(conn[k]));
        uint32_t slot = (uint32_t)(h >> 11) & (NF_ENT_CONN_SLOTS - 1);
        while (ctx->conn[slot] && ctx->conn[slot] != h) {
            slot = (slot + 1) & (NF_ENT_CONN_SLOTS - 1);   /* 32 words: always room */
        }
        ctx->conn[slot] = h;
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
    memset(ctx->cue_bits, 0, sizeof ctx->cue_bits);
    nf_gaz_small_filter(ctx->gaz, NF_GW_CUE_SPORT | NF_GW_CUE_MARKET, ctx->cue_bits);

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
    if (ctx->em) {
        nf_em_free(ctx->em);
        free(ctx->em);
        ctx->em = NULL;
    }
}

static nf_stage_rc process(const void *vctx, nf_doc *doc)
{
    const nf_ent_ctx *ctx = vctx;
    uint32_t from = doc->n_anns;
    if (ctx->combine_mode == NF_ENT_COMBINE_RULES) {
        nf_ent_tag_doc(ctx, doc, NULL);
    } else {
        nf_ent_marked mk;
        nf_ent_tag_doc(ctx, doc, &mk);
        nf_em_apply(ctx, doc, &mk, from);
    }
    nf_ent_bounds(ctx, doc, from);
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
