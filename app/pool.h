#ifndef NF_APP_POOL_H
#define NF_APP_POOL_H

#include "common/doc.h"
#include "config/config.h"
#include "pipeline/pipeline.h"

#include <stdbool.h>
#include <stddef.h>

#include "pipeline/pipeline.h"

/* Worker threads running the pipeline over a window of messages, results handed back strictly
 * in submission order (so per-partition order holds). All workers share one immutable pipeline
 * (one copy of all stage data per process); a worker owns only its per-stage counters, and each
 * job its document, whose arena is the scratch memory of one article. The window is bounded in
 * jobs and in bytes: a job is charged what the submitter estimates it holds (input + working
 * memory) and the charge is returned, and the job's oversized arena chunks freed, on release.
 * Used by one thread: submit and take results from the same thread. */
typedef struct nf_pool nf_pool;

typedef struct nf_pool_job {
    nf_doc doc;          /* input set by the submitter; output/err filled by a worker */
    int rc;              /* nf_pipeline_process() result */
    void *user;          /* the submitter's handle for the message (kept alive until release) */
    size_t cost;         /* bytes charged to the window (nf_pool_acquire) */
    uint64_t epoch;      /* the submitter's: which stretch of input the job belongs to */
} nf_pool_job;

/**
 * @brief Start \p workers threads over \p pl (borrowed: it must outlive the pool) with a
 * window of at most \p capacity jobs and \p budget_bytes bytes (0 = no byte limit).
 * Start-up does not depend on the pipeline's size: no stage is initialised here.
 * @returns NULL with \p errstr when a thread cannot be started.
 */
nf_pool *nf_pool_new(const nf_pipeline *pl, int workers, size_t capacity, size_t budget_bytes,
                     char *errstr, size_t errstr_size);
void nf_pool_destroy(nf_pool *pool);
/** @brief nf_pipeline_counters_set_observer() on every worker's counters; call before submitting. */
void nf_pool_set_observer(nf_pool *pool, nf_pipeline_observer *fn, void *ctx);

/** @brief A free job to fill (doc already reset) charged \p cost bytes, or NULL when the
 * window is full: \p capacity jobs, or \p cost more than the budget has left. A window with
 * nothing in flight always admits one job, however large, so no input can stall the stream. */
nf_pool_job *nf_pool_acquire(nf_pool *pool, size_t cost);
/** @brief Bytes the window lends to others (the producer's records past its own share): they
 * count against the budget in nf_pool_acquire() until set back to 0. */
void nf_pool_set_lent(nf_pool *pool, size_t bytes);
/** @brief Hand the job acquired last to the workers. */
void nf_pool_submit(nf_pool *pool);
/** @brief The oldest submitted job once it is processed, waiting up to \p timeout_ms; NULL if
 * it is not ready or nothing is pending. Call nf_pool_release() before the next call. */
nf_pool_job *nf_pool_next_done(nf_pool *pool, int timeout_ms);
void nf_pool_release(nf_pool *pool);
/** @brief Jobs submitted and not yet released. */
size_t nf_pool_pending(const nf_pool *pool);
/** @brief Bytes charged by jobs submitted and not yet released. */
size_t nf_pool_bytes(const nf_pool *pool);

/** @brief Add every worker's per-stage counters into \p into (a block of the same pipeline).
 * Call when no job is pending. */
void nf_pool_counters(nf_pool *pool, nf_pipeline_counters *into);

#endif
