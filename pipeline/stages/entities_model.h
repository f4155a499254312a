#ifndef NF_PIPELINE_STAGES_ENTITIES_MODEL_H
#define NF_PIPELINE_STAGES_ENTITIES_MODEL_H

/* The learned entity tagger: one feature extractor (entities_feat.c) shared by the trainer
 * (tools/train_entities.c) and the stage, and an averaged structured perceptron over BIO tags
 * with Viterbi decoding (entities_model.c). Private to the entities stage, its trainer and
 * their tests.
 *
 * Where it runs: only on SEGMENTS, the runs of capitalised words of a field (joined by
 * connectors such as "of", "de", "&": Bank of England), because English names are capitalised
 * and most tokens are not; every other token is O. That keeps the model's cost to a fraction
 * of the tokens (see docs/entities.md for the speed figures). The context window of a segment
 * token still reaches into the words around the segment.
 *
 * Features are hashed (template id + value) into a fixed table of 2^rows_log2 rows; a row holds
 * one weight per tag (int8 in the file, with one scale), so the model stays small and loads
 * with one read. */

#include "pipeline/stages/entities.h"

#include <stdint.h>
#include <stdio.h>

/* Tags: O and B-/I- of the three classes the model predicts. GPE vs LOC, NORP, country and
 * canonical come from the gazetteers and rules. */
enum {
    NF_EM_O = 0,
    NF_EM_B_PER, NF_EM_I_PER,
    NF_EM_B_ORG, NF_EM_I_ORG,
    NF_EM_B_LOC, NF_EM_I_LOC,
    NF_EM_NTAGS,
    NF_EM_ROW = 8,           /* weights per feature row (NF_EM_NTAGS, padded) */
};

/* Classes of the model (tag = 2 * class - 1 for B, 2 * class for I). */
enum { NF_EM_NONE = 0, NF_EM_PER = 1, NF_EM_ORG = 2, NF_EM_LOC = 3 };

#define NF_EM_MAGIC "NFENTMDL"
#define NF_EM_FORMAT 2          /* file layout version (2: int8 weights) */
#define NF_EF_VERSION 2         /* feature set version: a model trained on another is refused */
#define NF_EF_MAXF 48           /* features per token, at most */
#define NF_EM_ROWS_LOG2 18      /* default table size: 2^18 rows * 8 * int8 = 2 MiB (fits in cache
                                   better than 2^20, and scored as well on the dev sets) */

/* A segment: tokens [a, b) of one field. */
typedef struct nf_ef_seg {
    uint8_t field;
    uint32_t a, b;
    uint32_t first;           /* index of its first token in the doc's feature rows */
} nf_ef_seg;

struct nf_em_model;

/* The features of one document: for each segment token, up to NF_EF_MAXF row indices (or,
 * when extracted with a model, directly the token's emission scores). */
typedef struct nf_ef_doc {
    nf_ef_seg *segs;
    uint32_t nsegs;
    uint32_t ntok;            /* segment tokens */
    uint32_t *rows;           /* ntok * NF_EF_MAXF row indices (NULL when scored) */
    uint8_t *nrows;           /* per segment token: how many of its row slots are used */
    float *emit;              /* ntok * NF_EM_ROW emission scores (only when scored) */
    const nf_ent_marked *mk;
} nf_ef_doc;

/* Kinds of story (bits): sports results, market reports (nf_ent_doc_kind). */
#define NF_ENT_KIND_SPORT 1u
#define NF_ENT_KIND_MARKET 2u

/** @brief The document's NF_ENT_KIND_* bits (entities_combine.c): two sports signs (distinct
 * CUE_SPORT words of cues.tsv, up to two scores such as "2-1"), three distinct CUE_MARKET
 * words. Hybrid mode's hybrid_kind_org applies in such stories. */
unsigned nf_ent_doc_kind(const nf_ent_ctx *ctx, const nf_ent_marked *mk);

/**
 * @brief Cut the document into segments and compute every segment token's feature rows for a
 * table of 2^rows_log2 rows. \p mk: what the rule tagger marked (nf_ent_tag_doc); the rules'
 * own annotations are doc->anns[rule_from, rule_to). Arena memory. Deterministic.
 *
 * With a model \p score (serving), the rows are not kept: each token's rows are summed into
 * out->emit a couple of tokens later, while prefetches issued as each feature is made bring
 * them in (a token's rows are scattered over the table; this hides their latency behind the
 * next tokens' feature work and saves storing ~200 bytes per token). Without one (the trainer,
 * a feature hook) out->rows holds the rows, and nf_em_tag() sums them with the same
 * nf_em_emission(): test_entities_model.c checks both give the same scores and annotations.
 */
void nf_ef_extract(const nf_ent_ctx *ctx, nf_doc *doc, const nf_ent_marked *mk,
                   uint32_t rule_from, uint32_t rule_to, uint32_t rows_log2,
                   const struct nf_em_model *score, nf_ef_doc *out);

/**
 * @brief Best tag sequence (Viterbi) for \p n tokens with emission scores \p emit (n * 8,
 * only the first NF_EM_NTAGS of each 8 are read) and transitions \p trans ([prev][cur], 8 * 8,
 * prev 7 = segment start). An I- tag only follows the B-/I- of its class. \p bp: n * 8 bytes
 * of scratch. Writes n tags to \p out.
 */
void nf_em_viterbi(const float *emit, uint32_t n, const float *trans, uint8_t *bp, uint8_t *out);

/* A loaded model: the file's bytes (owned) and views into them. Read-only once loaded, so all
 * workers share one. */
typedef struct nf_em_model {
    char *buf;                /* the whole file (malloc'd by nf_stage_env_read_file) */
    size_t len;
    uint32_t rows_log2;
    float scale;              /* weight = int8 * scale */
    float trans[64];          /* [prev][cur], prev 7 = start */
    const int8_t *w;          /* 2^rows_log2 * NF_EM_ROW */
} nf_em_model;

/**
 * @brief Sum the int8 weights of \p n table rows into the 8 emission scores \p out (int16
 * sums, at most NF_EF_MAXF * 127 in magnitude, times the scale): the one scoring rule.
 */
static inline void nf_em_emission(const nf_em_model *m, const uint32_t *rows, unsigned n,
                                  float *out)
{
    int16_t acc[NF_EM_ROW] = {0};   /* 8 lanes in one vector */
    for (unsigned r = 0; r < n; r++) {
        const int8_t *w = m->w + (size_t)rows[r] * NF_EM_ROW;
        for (unsigned t = 0; t < NF_EM_ROW; t++) {
            acc[t] = (int16_t)(acc[t] + w[t]);
        }
    }
    int32_t wide[NF_EM_ROW];   /* two plain loops the compiler turns into vector code */
    for (unsigned t = 0; t < NF_EM_ROW; t++) {
        wide[t] = acc[t];
    }
    const float scale = m->scale;
    for (unsigned t = 0; t < NF_EM_ROW; t++) {
        out[t] = (float)wide[t] * scale;
    }
}

/**
 * @brief Take over the file bytes \p buf[0..len) (freed on error too) and check them: magic,
 * format and feature-set versions, sizes, checksum. @returns 0, or -1 with a message naming
 * \p path and what is wrong in \p errstr.
 */
int nf_em_load(nf_em_model *m, char *buf, size_t len, const char *path, char *errstr,
               size_t errstr_size);
void nf_em_free(nf_em_model *m);

/**
 * @brief Write a model: float weights \p w (2^rows_log2 * NF_EM_ROW) are quantised to int8
 * with one scale. Byte-for-byte deterministic. @returns 0 or -1 (errno set).
 */
int nf_em_write(FILE *f, uint32_t rows_log2, const float *w, const float *trans);

/**
 * @brief Tags of every segment token of \p fd (fd->ntok bytes to \p tags; from fd->emit when
 * extracted with the model, else from fd->rows) and, when \p margin
 * is not NULL, per token how far the chosen tag's score is ahead of O and of the other
 * classes (fd->ntok floats).
 */
void nf_em_tag(const nf_em_model *m, const nf_ef_doc *fd, nf_arena *arena, uint8_t *tags,
               float *margin);

/**
 * @brief The learned tagger's part of the stage: features, decoding, document consistency,
 * and the combination with the rules' annotations doc->anns[rule_from..] according to
 * ctx->combine (rewrites that tail of doc->anns).
 */
void nf_em_apply(const nf_ent_ctx *ctx, nf_doc *doc, const nf_ent_marked *mk,
                 uint32_t rule_from);

#endif
