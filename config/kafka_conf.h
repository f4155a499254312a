#ifndef NF_CONFIG_KAFKA_CONF_H
#define NF_CONFIG_KAFKA_CONF_H

#include "config/config.h"

#include <librdkafka/rdkafka.h>

/* librdkafka properties pass through from configuration keys:
 *   kafka.<property>           both clients
 *   consumer.kafka.<property>  consumer only (wins over kafka.*)
 *   producer.kafka.<property>  producer only (wins over kafka.*) */

extern const char *const nf_kafka_passthrough_prefixes[];  /* NULL-terminated */

/* librdkafka properties whose values are secrets: the ones librdkafka itself flags
 * _RK_SENSITIVE in rdkafka_conf.c (it has no API to ask). NULL-terminated. */
extern const char *const nf_kafka_sensitive_properties[];

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

/** @brief librdkafka error callback: logs fatal errors as errors (with
 * rd_kafka_fatal_error()'s text) and the rest, which librdkafka retries itself, as warnings. */
void nf_kafka_log_error(rd_kafka_t *rk, int err, const char *reason, void *opaque);

#endif
