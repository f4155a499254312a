#ifndef NF_PIPELINE_STAGES_ENTITIES_TRAIN_H
#define NF_PIPELINE_STAGES_ENTITIES_TRAIN_H

/* Training documents for the learned entity tagger (entities_train.c): used by the trainer
 * (tools/train_entities.c) and the tests, never by the pipeline. */

#include "pipeline/stages/entities_model.h"

#include <stddef.h>
#include <stdint.h>

typedef struct nf_et_span {
    uint32_t start, end;      /* bytes of the document text */
    uint8_t cls;              /* NF_EM_PER / ORG / LOC */
} nf_et_span;

typedef struct nf_et_doc {
    char *text;               /* NUL-terminated */
    uint32_t len;
    nf_et_span *spans;        /* gold spans, in order */
    uint32_t nspans;
} nf_et_doc;

/**
 * @brief Append the documents of a CoNLL file to \p *docs (\p *ndocs of them; realloc'd).
 * @returns 0, or -1 with "path:line: ..." in \p errstr.
 */
int nf_et_read_conll(const char *path, nf_et_doc **docs, size_t *ndocs, char *errstr,
                     size_t errstr_size);
void nf_et_free_docs(nf_et_doc *docs, size_t n);

/* The stages a training document goes through, as in the pipeline (dateline may be NULL). */
typedef struct nf_et_stages {
    const nf_stage_def *dateline;
    const void *dateline_ctx;
    const nf_ent_ctx *ent;    /* any combine mode: only the rules and the extractor are used */
} nf_et_stages;

/** @brief Point a fresh (or reset) doc at a training text (borrowed). */
void nf_et_prepare(nf_doc *doc, const char *text, uint32_t len);

/** @brief What the stage computes before decoding: dateline, rules, then nf_ef_extract. */
void nf_et_features(const nf_et_stages *st, nf_doc *doc, uint32_t rows_log2, nf_ef_doc *fd);

/** @brief Gold tags of every segment token of \p fd (fd->ntok bytes to \p gold). */
void nf_et_gold_tags(const nf_ef_doc *fd, const nf_et_doc *d, uint8_t *gold);

/**
 * @brief Build one stage outside a pipeline: options from "key=value" strings \p kv
 * (NULL-terminated, may be NULL), then init. @returns its ctx, or NULL with \p errstr.
 */
void *nf_et_stage_open(const nf_stage_def *def, nf_stage_env *env, const char *const *kv,
                       char *errstr, size_t errstr_size);
void nf_et_stage_close(const nf_stage_def *def, void *ctx);

#endif
