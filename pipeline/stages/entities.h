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
    char *combine;              /* rules | union | prefer_model | prefer_rules */
    char *model;                /* learned tagger (not in this build) */

    /* Set by init. */
    uint32_t label_mask;        /* NF_ENT_* */
    nf_gaz *gaz;
    uint64_t h_of, h_the, h_and, h_for, h_on, h_to, h_at, h_amp, h_lparen, h_rparen, h_comma,
        h_dot, h_who, h_according, h_colon, h_in, h_a, h_an, h_by, h_dash, h_quote, h_apos,
        h_state, h_province;
} nf_ent_ctx;

/** @brief Tag both fields of \p doc (entities_tag.c). */
void nf_ent_tag_doc(const nf_ent_ctx *ctx, nf_doc *doc);

#endif
