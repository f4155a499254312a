#ifndef NF_PIPELINE_STAGES_ENTITIES_H
#define NF_PIPELINE_STAGES_ENTITIES_H

/* Private to the entities stage (entities.c, entities_tag.c) and its tests. */

#include "config/config.h"
#include "pipeline/stage.h"
#include "pipeline/stages/gazetteer.h"

#include <stdbool.h>
#include <stdint.h>

enum {
    NF_ENT_PERSON = 1u << 0,
    NF_ENT_ORG = 1u << 1,
    NF_ENT_GPE = 1u << 2,
    NF_ENT_LOC = 1u << 3,
    NF_ENT_NORP = 1u << 4,
};

enum { NF_ENT_COMBINE_RULES = 0, NF_ENT_COMBINE_MODEL, NF_ENT_COMBINE_HYBRID };

struct nf_ef_doc;
struct nf_em_model;

/* Slots of the connector set: 32 words in 256 slots, so a lookup of an ordinary word nearly
 * always ends at an empty first slot (at 64 slots, half full, where it ended was a coin toss
 * for the branch predictor, on every segment token). */
#define NF_ENT_CONN_SLOTS 256u

typedef struct nf_ent_ctx {
    /* Options (stage.entities.*). */
    nf_strlist labels;          /* labels to emit */
    bool title;                 /* also tag the title */
    bool link;                  /* link surname-only mentions to the full name */
    bool fallback_person;       /* two or three unknown capitalised words are a person */
    bool acronyms;              /* unknown all-capital words are organisations */
    int64_t min_population;     /* smaller cities need context (in X, X, <state>) */
    char *gazetteer_dir;        /* below pipeline.data_dir */
    nf_strlist extra_files;     /* more gazetteer files (same format), below the data dir */
    char *combine;              /* rules | model | hybrid (entities_combine.c) */
    char *model;                /* learned tagger's model file below the data dir */
    double hybrid_add;          /* hybrid: margin a model span needs where the rules found nothing */
    double hybrid_add_single;   /* ... when it is one word */
    double hybrid_add_name;     /* ... when it is one word, a PERSON, and a listed given name
                                   or surname (entities_combine.c) */
    double hybrid_relabel;      /* hybrid: margin to change the class of a span the rules found */
    double hybrid_override;     /* hybrid: margin for other spans over a rule span */
    double hybrid_drop;         /* hybrid: O margin that drops a rule span */
    double hybrid_add_place;    /* hybrid: margin to add a place that no list knows */
    double hybrid_unlisted;     /* hybrid: relabel/override margin over a rule span that no
                                   list or cue word backs (entities_combine.c) */
    double hybrid_kind_org;     /* hybrid: margin for a model ORG span (add, relabel, override)
                                   in a sports or market report (nf_ent_doc_kind) */

    /* Set by init. */
    uint32_t label_mask;        /* NF_ENT_* */
    int combine_mode;           /* NF_ENT_COMBINE_* */
    struct nf_em_model *em;     /* loaded model; NULL with combine = rules */
    uint64_t conn[NF_ENT_CONN_SLOTS]; /* connectors inside names (of, de, &): token hashes in
                                   an open-addressed set, 0 = empty (nf_ent_is_conn) */
    uint64_t cue_bits[(1u << NF_GAZ_FILTER_LOG2) / 64]; /* CUE_SPORT/CUE_MARKET words
                                   (nf_gaz_small_filter; nf_ent_doc_kind) */
    nf_gaz *gaz;
    /* Tests only (set after init, never by configuration): called with the features the
     * stage decodes, so a test can compare them with the trainer's. */
    void (*feature_hook)(void *arg, const nf_doc *doc, const struct nf_ef_doc *fd);
    void *feature_hook_arg;
    uint64_t h_of, h_the, h_and, h_for, h_on, h_to, h_at, h_amp, h_lparen, h_rparen, h_comma,
        h_dot, h_who, h_according, h_colon, h_in, h_a, h_an, h_by, h_dash, h_quote, h_apos,
        h_state, h_province;
} nf_ent_ctx;

/** @brief Is \p t a connector inside names (of, the, de, &, 's ...)? One probe, usually. */
static inline bool nf_ent_is_conn(const nf_ent_ctx *c, const nf_tok *t)
{
    const uint32_t mask = NF_ENT_CONN_SLOTS - 1;
    for (uint32_t s = (uint32_t)(t->hash >> 11) & mask;; s = (s + 1) & mask) {
        if (c->conn[s] == t->hash) {
            return true;
        }
        if (!c->conn[s]) {
            return false;
        }
    }
}

/** @brief NF_ENT_* bit of a label name ("PERSON" ...), 0 when unknown (entities.c). */
uint32_t nf_ent_label_bit(const char *label);

/* What the rule tagger saw, for the learned tagger's features: its private token copies with
 * NF_TK_SENT / NF_TK_HEADLINE marked and gazetteer nodes memoised, and which tokens another
 * stage had already tagged (the dateline's place). Arena memory of the doc. */
typedef struct nf_ent_marked {
    const char *s[NF_FIELD_COUNT];
    nf_toks toks[NF_FIELD_COUNT];     /* n == 0: field absent or not tagged */
    const uint8_t *blocked[NF_FIELD_COUNT];
} nf_ent_marked;

/** @brief Tag both fields of \p doc with the rules (entities_tag.c); \p out may be NULL. */
void nf_ent_tag_doc(const nf_ent_ctx *ctx, nf_doc *doc, nf_ent_marked *out);

/** @brief Span-boundary conventions over the entity annotations doc->anns[from, n_anns), in
 * every combine mode: a legal form joins its company's name ("Marvel Consultants, Inc."), the
 * dot of a final abbreviation belongs to the name ("Corp.") (entities_bounds.c). */
void nf_ent_bounds(const nf_ent_ctx *ctx, nf_doc *doc, uint32_t from);

#endif
