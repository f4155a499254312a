#ifndef NF_PIPELINE_PIPELINE_H
#define NF_PIPELINE_PIPELINE_H

#include "common/doc.h"
#include "config/config.h"
#include "pipeline/stage.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Options under "pipeline.". */
typedef struct nf_pipeline_opts {
    nf_strlist stages;            /* stage names in order */
    int64_t max_article_bytes;    /* larger values are dead-lettered */
    char *data_dir;               /* gazetteers, currencies, units */
} nf_pipeline_opts;

extern const nf_opt nf_pipeline_options[];

/* The stages with their data and the digests: built once per process, immutable afterwards,
 * shared read-only by every thread that processes articles (pipeline.c explains). */
typedef struct nf_pipeline nf_pipeline;
/* Per-stage counters written while processing: one block per thread. */
typedef struct nf_pipeline_counters nf_pipeline_counters;

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
 * @brief Reload the stages' reloadable data (watchlists, patterns) without stopping: a builder
 * thread reads and builds them off the data path, then publishes them; every thread running
 * \p pl (each with its own nf_pipeline_counters) moves to them at the start of its next
 * article. A file that fails keeps the current data, and the reason is logged. Returns at
 * once; a reload asked for while one is running runs again after it. Call from one thread
 * (the one that owns \p pl).
 */
void nf_pipeline_reload(nf_pipeline *pl);
/** @brief Wait until the reload started by nf_pipeline_reload() is published or failed. */
void nf_pipeline_reload_wait(nf_pipeline *pl);
/** @brief Reload on the calling thread. @returns 0, or -1 with the reason (old data kept). */
int nf_pipeline_reload_sync(nf_pipeline *pl, char *errstr, size_t errstr_size);

/**
 * @brief Run the stages over \p doc, whose input was set with nf_doc_set_input(), counting in
 * \p counters (the calling thread's own block). Any number of threads may run one pipeline at
 * once, each with its own doc and counters.
 * @returns NF_OK with the record in doc->out, or an nf_err with doc->err filled in.
 */
int nf_pipeline_run(const nf_pipeline *pl, nf_pipeline_counters *counters, nf_doc *doc);

/** @brief nf_pipeline_run() with the counters the pipeline carries itself: for callers that
 * process on one thread only (nf_pipeline_stats() reads them). */
int nf_pipeline_process(const nf_pipeline *pl, nf_doc *doc);

const nf_pipeline_info *nf_pipeline_get_info(const nf_pipeline *pl);

/* Per-stage counters, kept by nf_pipeline_run(). Threads that process in parallel share the
 * pipeline and each keep their own nf_pipeline_counters. */
typedef struct nf_stage_stats {
    const char *name;    /* stage name (static) */
    uint64_t docs;       /* articles the stage was run on */
    uint64_t failures;   /* of those, how many it failed */
    uint64_t bytes_in;   /* bytes it was given: the raw value for the first stage, title +
                            text for the others */
    uint64_t ns;         /* time spent in the stage; 0 unless timing is on */
    size_t n_counters;   /* the stage's own counters (nf_stage_def.counter_names) */
    const char *const *counter_names;
    uint64_t *counters;
} nf_stage_stats;

/**
 * @brief Per-stage statistics, one entry per configured stage in pipeline order.
 * @returns the number of stages; \p *out points into \p pl (valid until it is destroyed).
 */
size_t nf_pipeline_stats(const nf_pipeline *pl, const nf_stage_stats **out);

/** @brief Measure the time spent in each stage (CLOCK_MONOTONIC, two reads per stage and
 * article); off by default. */
void nf_pipeline_set_timing(nf_pipeline *pl, bool on);

/** @brief A zeroed counters block for \p pl's stages (one per processing thread). A block
 * holds a reference on the generation of reloadable data its thread uses (the
 * latest one when made; moved at the start of each article): destroy every block before the
 * pipeline. */
nf_pipeline_counters *nf_pipeline_counters_new(const nf_pipeline *pl);
void nf_pipeline_counters_destroy(nf_pipeline_counters *c);
/** @brief Like nf_pipeline_stats(), for one block. */
size_t nf_pipeline_counters_get(const nf_pipeline_counters *c, const nf_stage_stats **out);
void nf_pipeline_counters_set_timing(nf_pipeline_counters *c, bool on);
/** @brief Add \p from into \p into (blocks of the same pipeline). */
void nf_pipeline_counters_add(nf_pipeline_counters *into, const nf_pipeline_counters *from);

/* Told the time of each stage on each article (index in pipeline order), on the thread that
 * runs nf_pipeline_process() / nf_pipeline_run(): metrics/ passes nf_metrics_observe_stage. */
typedef void nf_pipeline_observer(void *ctx, size_t stage, uint64_t ns);
/** @brief Call \p fn (NULL = none) after every stage; turns timing on. */
void nf_pipeline_set_observer(nf_pipeline *pl, nf_pipeline_observer *fn, void *ctx);
/** @brief Like nf_pipeline_set_observer(), for one block (a worker's). */
void nf_pipeline_counters_set_observer(nf_pipeline_counters *c, nf_pipeline_observer *fn,
                                       void *ctx);

/**
 * @brief A stage environment outside a pipeline, to run a stage's init on its own (unit tests,
 * tools). Files are read below \p data_dir (borrowed: it must outlive the env).
 * @returns a new env; free with nf_stage_env_destroy().
 */
nf_stage_env *nf_stage_env_new(const char *data_dir);
/** @brief "sha256:<hex>" over the files read (relpath, '\0', content, in read order): what
 * nf_pipeline_new() publishes as data_digest. Finishes the digest: call it after the last
 * nf_stage_env_read_file() (reading afterwards is a programming error). */
void nf_stage_env_data_digest(nf_stage_env *env, char out[80]);
void nf_stage_env_destroy(nf_stage_env *env);

/** @brief Option tables of the pipeline and of every registered stage ("stage.<name>."),
 * terminated by {NULL, NULL}; malloc'd array (free()), prefixes malloc'd too: use
 * nf_pipeline_tables_free(). */
nf_opt_table *nf_pipeline_tables(void);
void nf_pipeline_tables_free(nf_opt_table *tables);

#endif
