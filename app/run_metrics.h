#ifndef NF_APP_RUN_METRICS_H
#define NF_APP_RUN_METRICS_H

/* The run loop's side of metrics/: builds the nf_metrics of one run from "metrics.*", starts
 * the HTTP endpoint, wires the pipeline(s) and the consumer's statistics to it, and samples
 * the loop's gauges. The runner calls these and the nf_metrics_* counter bumps, nothing else. */

#include "app/pool.h"
#include "consumer/consumer.h"
#include "metrics/metrics.h"
#include "pipeline/pipeline.h"
#include "producer/producer.h"

typedef struct nf_run_metrics {
    nf_metrics *m;               /* always there (counters are cheap), even with no endpoint */
    nf_metrics_server *http;     /* NULL when metrics.listen is empty */
    nf_metrics_opts opts;
    bool status_line;            /* stderr is a terminal and metrics.status_line */
    int64_t next_status_ms;
} nf_run_metrics;

/**
 * @brief Read "metrics.*", create the metrics (stage names and digests from \p pl), observe
 * stage times of \p pl or of every worker of \p pool (may be NULL), ask the consumer for
 * statistics through \p copts, and start the endpoint.
 * @returns NULL with the reason in \p errstr (a configuration error: exit 2).
 */
nf_run_metrics *nf_run_metrics_start(const nf_config *cfg, nf_pipeline *pl, nf_pool *pool,
                                     nf_consumer_opts *copts, char *errstr, size_t errstr_size);

/** @brief Once per loop iteration: heartbeat, gauges, and the live status line. */
void nf_run_metrics_tick(nf_run_metrics *rm, nf_consumer *c, nf_producer *p, size_t inflight);

/** @brief /readyz says 503 from now on; ends the status line. */
void nf_run_metrics_stopping(nf_run_metrics *rm);

/** @brief Stop the endpoint and free everything (NULL is fine). */
void nf_run_metrics_stop(nf_run_metrics *rm);

#endif
