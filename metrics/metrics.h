#ifndef NF_METRICS_METRICS_H
#define NF_METRICS_METRICS_H

/* Metrics and health of a run, served over HTTP (metrics/http.c, libmicrohttpd) in the
 * Prometheus text format.
 *
 * The data path only bumps counters: every nf_metrics_* call below that the consume loop or a
 * worker makes is a handful of relaxed atomic additions, no lock, no allocation, no I/O. The
 * HTTP thread reads the same atomics when it renders a scrape. The one lock guards the
 * per-partition gauges parsed from librdkafka's statistics JSON, written every
 * metrics.stats_interval_ms by the loop thread and read by the HTTP thread. */

#include "common/buf.h"
#include "config/config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Options under "metrics.". */
typedef struct nf_metrics_opts {
    char *listen;                /* "host:port"; "" = no HTTP endpoint */
    int64_t stats_interval_ms;   /* librdkafka statistics.interval.ms (consumer lag) */
    int64_t health_timeout_ms;   /* /healthz fails when the loop has not polled for this long */
    bool status_line;            /* live one-line status on stderr when it is a terminal */
} nf_metrics_opts;

extern const nf_opt nf_metrics_options[];

/**
 * @brief Check metrics.listen of \p cfg: empty, or "HOST:PORT" / "[IPv6]:PORT" with a numeric
 * IP address (or "localhost") and a port 0..65535 (0 = any free port).
 * @returns 0, or -1 with the key, the value and what is allowed in \p errstr.
 */
int nf_metrics_check_config(const nf_config *cfg, char *errstr, size_t errstr_size);

typedef struct nf_metrics nf_metrics;

/* What newsflow_build_info and the stage label say. */
typedef struct nf_metrics_build {
    const char *version;
    const char *config_digest;
    const char *data_digest;
    const char *const *stages;   /* stage names in pipeline order */
    size_t n_stages;
} nf_metrics_build;

/** @brief New metrics (strings are copied). \p health_timeout_ms: see nf_metrics_opts. */
nf_metrics *nf_metrics_new(const nf_metrics_build *build, int64_t health_timeout_ms);
void nf_metrics_destroy(nf_metrics *m);

/* ---- the data path: atomic counter bumps only ------------------------------------------ */

/** @brief One input message taken from Kafka (\p bytes: its value). */
void nf_metrics_consumed(nf_metrics *m, size_t bytes);
/** @brief One output queued to the producer (record or dead letter). */
void nf_metrics_produced(nf_metrics *m, bool dead_letter);
/**
 * @brief The broker acknowledged the output of one input message: an enriched record, or a
 * dead letter with error code \p err_code (an nf_err). \p in_bytes is the input's size,
 * \p in_timestamp_ms its Kafka timestamp (end-to-end latency = now - that; <= 0: unknown).
 */
void nf_metrics_acked(nf_metrics *m, bool dead_letter, int err_code, size_t in_bytes,
                      int64_t in_timestamp_ms);
/** @brief An output failed permanently (\p in_bytes: its input's size). */
void nf_metrics_delivery_failed(nf_metrics *m, size_t in_bytes);
/** @brief An output was dropped unacknowledged and its input will be consumed (and counted)
 * again: purged by an aborted transaction (exactly-once). Not a failure; it only leaves the
 * in-flight bytes. */
void nf_metrics_discarded(nf_metrics *m, size_t in_bytes);
/** @brief The producer had a fatal error that is not fencing and was recreated (the run went
 * on from the committed offsets). */
void nf_metrics_producer_recreated(nf_metrics *m);
/** @brief Time one stage took on one article. The signature of nf_pipeline_observer, so a
 * pipeline can call it directly; \p m is the nf_metrics. Thread-safe. */
void nf_metrics_observe_stage(void *m, size_t stage, uint64_t ns);

/* ---- the loop, once per iteration ------------------------------------------------------ */

typedef struct nf_metrics_loop {
    int assigned_partitions;
    uint64_t rebalances;          /* rebalances that assigned partitions so far */
    int producer_queue;           /* messages queued in or in flight to the producer */
    size_t inflight_messages;     /* consumed, output not yet acknowledged */
} nf_metrics_loop;

/** @brief The loop polled (heartbeat for /healthz) and these gauges are current. */
void nf_metrics_loop_tick(nf_metrics *m, const nf_metrics_loop *s);

/** @brief The run is stopping: /readyz answers 503 from now on. */
void nf_metrics_set_stopping(nf_metrics *m);

/** @brief One librdkafka statistics JSON document of the consumer (stats_cb): takes consumer
 * lag, committed offset and queue sizes per assigned partition, and how many brokers are up.
 * Malformed JSON is ignored (the last good values stay). */
void nf_metrics_kafka_stats(nf_metrics *m, const char *json, size_t len);

/* ---- reading --------------------------------------------------------------------------- */

/** @brief Append the whole exposition (Prometheus text format 0.0.4) to \p out. */
void nf_metrics_render(nf_metrics *m, nf_buf *out);

/** @brief /healthz: 0 when the loop polled within health_timeout_ms, else -1; \p reason gets
 * one line either way. */
int nf_metrics_health(nf_metrics *m, char *reason, size_t reason_size);
/** @brief /readyz: 0 when partitions are assigned and a broker is up and the run is not
 * stopping, else -1; \p reason gets one line either way. */
int nf_metrics_ready(nf_metrics *m, char *reason, size_t reason_size);

/** @brief The live status line: rate since the previous call, lag, dead letters. */
void nf_metrics_status(nf_metrics *m, char *line, size_t line_size);

/** @brief Counter values, for tests and the final log line. */
typedef struct nf_metrics_counts {
    uint64_t consumed, enriched, dead_lettered, failed, produced;
} nf_metrics_counts;
void nf_metrics_counts_get(nf_metrics *m, nf_metrics_counts *out);

/* ---- the HTTP endpoint (metrics/http.c) -------------------------------------------------- */

typedef struct nf_metrics_server nf_metrics_server;

/**
 * @brief Serve GET /metrics, /healthz and /readyz of \p m on \p listen ("host:port") from a
 * libmicrohttpd thread.
 * @returns the server, or NULL with the address and the reason in \p errstr.
 */
nf_metrics_server *nf_metrics_server_start(nf_metrics *m, const char *listen, char *errstr,
                                           size_t errstr_size);
/** @brief The port it listens on (the one the kernel chose for port 0). */
int nf_metrics_server_port(const nf_metrics_server *s);
void nf_metrics_server_stop(nf_metrics_server *s);

#endif
