#ifndef NF_PIPELINE_PIPELINE_H
#define NF_PIPELINE_PIPELINE_H

#include "common/doc.h"
#include "config/config.h"
#include "pipeline/stage.h"

#include <stdint.h>

/* Options under "pipeline.". */
typedef struct nf_pipeline_opts {
    nf_strlist stages;            /* stage names in order */
    int64_t max_article_bytes;    /* larger values are dead-lettered */
    char *data_dir;               /* gazetteers, currencies, units */
} nf_pipeline_opts;

extern const nf_opt nf_pipeline_options[];

typedef struct nf_pipeline nf_pipeline;

/** @brief Every stage this build knows, NULL-terminated (pipeline/registry.c). */
const nf_stage_def *const *nf_stage_registry(void);
const nf_stage_def *nf_stage_find(const char *name);

/**
 * @brief Build the pipeline from "pipeline.*" and "stage.<name>.*" keys of \p cfg: applies
 * options, runs each stage's init, computes the config and data digests.
 * @returns a new pipeline (free with nf_pipeline_destroy()) or NULL with \p errstr.
 */
nf_pipeline *nf_pipeline_new(const nf_config *cfg, char *errstr, size_t errstr_size);
void nf_pipeline_destroy(nf_pipeline *pl);

/**
 * @brief Run the stages over \p doc, whose input was set with nf_doc_set_input().
 * @returns NF_OK with the record in doc->out, or an nf_err with doc->err filled in.
 */
int nf_pipeline_process(const nf_pipeline *pl, nf_doc *doc);

const nf_pipeline_info *nf_pipeline_get_info(const nf_pipeline *pl);

/** @brief Option tables of the pipeline and of every registered stage ("stage.<name>."),
 * terminated by {NULL, NULL}; malloc'd array (free()), prefixes malloc'd too: use
 * nf_pipeline_tables_free(). */
nf_opt_table *nf_pipeline_tables(void);
void nf_pipeline_tables_free(nf_opt_table *tables);

#endif
