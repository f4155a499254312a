#ifndef NF_CONFIG_KAFKA_CONF_H
#define NF_CONFIG_KAFKA_CONF_H

#include "config/config.h"

#include <librdkafka/rdkafka.h>
#include <stdbool.h>

/* librdkafka properties pass through from configuration keys:
 *   kafka.<property>           both clients
 *   consumer.kafka.<property>  consumer only (wins over kafka.*)
 *   producer.kafka.<property>  producer only (wins over kafka.*) */

extern const char *const nf_kafka_passthrough_prefixes[];  /* NULL-terminated */

/* librdkafka properties whose values are secrets: the ones librdkafka itself flags
 * _RK_SENSITIVE in rdkafka_conf.c (it has no API to ask). NULL-terminated. */
extern const char *const nf_kafka_sensitive_properties[];

/* librdkafka statistics JSON (valid during the call), on the thread that polls (a consumer's
 * stats_cb; metrics/ takes consumer lag from it). */
typedef void nf_kafka_stats_cb(void *opaque, const char *json, size_t len);

/**
 * @brief A new rd_kafka_conf_t with \p defaults (NULL-terminated name/value pairs, applied
 * first), then every "kafka.*" key, then every "<role>.kafka.*" key of \p cfg.
 * Each value is checked by librdkafka itself: an invalid one fails with the configuration
 * key and librdkafka's own text in \p errstr.
 * @returns the conf (destroy with rd_kafka_conf_destroy() unless handed to rd_kafka_new) or
 * NULL.
 */
rd_kafka_conf_t *nf_kafka_conf_build(const nf_config *cfg, const char *role,
                                     const char *const *defaults, char *errstr,
                                     size_t errstr_size);

/** @brief The effective value of librdkafka property \p name for \p role ("consumer" or
 * "producer"), or \p def when not configured. */
const char *nf_kafka_conf_get(const nf_config *cfg, const char *role, const char *name,
                              const char *def);

/* The last error a client reported, for messages like "cannot reach Kafka: <last error>". */
typedef struct nf_kafka_errlog {
    int err;              /* rd_kafka_resp_err_t; 0 = none yet */
    char reason[400];
} nf_kafka_errlog;

/**
 * @brief Report one librdkafka error (from an error callback): fatal errors as errors (with
 * rd_kafka_fatal_error()'s text), authentication failures as errors naming them, the rest
 * (which librdkafka retries itself) as warnings; remember it in \p last (may be NULL).
 * Every error is logged exactly once: librdkafka's own log line for the same event is dropped
 * (nf_kafka_conf_build() installs a log callback that does so).
 */
void nf_kafka_report_error(nf_kafka_errlog *last, rd_kafka_t *rk, int err, const char *reason);

/** @brief True for errors no retry and no smaller record can fix: authentication or
 * authorisation failures, a missing topic, a fatal error. */
bool nf_kafka_err_is_permanent(rd_kafka_resp_err_t err);

/** @brief True for "the record (or its batch) is larger than a limit" errors, synchronous or
 * in a delivery report. */
bool nf_kafka_err_is_size(rd_kafka_resp_err_t err);

#endif
