#ifndef NF_APP_POOL_H
#define NF_APP_POOL_H

#include "common/doc.h"
#include "config/config.h"
#include "pipeline/pipeline.h"

#include <stdbool.h>
#include <stddef.h>

/* Worker threads running the pipeline over a window of messages, results handed back strictly
 * in submission order (so per-partition order holds). Each worker has its own pipeline
 * instance (stage contexts are read-only, but per-stage counters are not shared). Used by one
 * thread: submit and take results from the same thread. */
typedef struct nf_pool nf_pool;

typedef struct nf_pool_job {
    nf_doc doc;          /* input set by the submitter; output/err filled by a worker */
    int rc;              /* nf_pipeline_process() result */
    void *user;          /* the submitter's handle for the message (kept alive until release) */
} nf_pool_job;

/**
 * @brief Start \p workers threads, each with its own pipeline from \p cfg sharing \p proto's
 * reloadable data (nf_pipeline_new_shared; \p proto outlives the pool), and a window of
 * \p capacity jobs. @returns NULL with \p errstr when a pipeline cannot be built.
 */
nf_pool *nf_pool_new(const nf_config *cfg, nf_pipeline *proto, int workers, size_t capacity,
                     char *errstr, size_t errstr_size);
void nf_pool_destroy(nf_pool *pool);

/** @brief A free job to fill (doc already reset), or NULL when the window is full. */
nf_pool_job *nf_pool_acquire(nf_pool *pool);
/** @brief Hand the job acquired last to the workers. */
void nf_pool_submit(nf_pool *pool);
/** @brief The oldest submitted job once it is processed, waiting up to \p timeout_ms; NULL if
 * it is not ready or nothing is pending. Call nf_pool_release() before the next call. */
nf_pool_job *nf_pool_next_done(nf_pool *pool, int timeout_ms);
void nf_pool_release(nf_pool *pool);
/** @brief Jobs submitted and not yet released. */
size_t nf_pool_pending(const nf_pool *pool);

#endif
