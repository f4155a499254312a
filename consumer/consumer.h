#ifndef NF_CONSUMER_CONSUMER_H
#define NF_CONSUMER_CONSUMER_H

#include "config/config.h"

#include <librdkafka/rdkafka.h>
#include <stdbool.h>
#include <stdint.h>

/* Options under "consumer.". */
/* librdkafka statistics JSON (valid during the call), on the thread that polls. */
typedef void nf_kafka_stats_cb(void *opaque, const char *json, size_t len);

typedef struct nf_consumer_opts {
    nf_strlist topics;          /* input topics */
    char *group_id;             /* consumer group */
    char *auto_offset_reset;    /* earliest|latest: where a new group starts */
    /* Not options: the caller may set these before nf_consumer_new(). */
    nf_kafka_stats_cb *on_stats;      /* NULL = no statistics */
    void *stats_opaque;
    int64_t stats_interval_ms;        /* statistics.interval.ms unless kafka.* sets it */
} nf_consumer_opts;

extern const nf_opt nf_consumer_options[];

typedef struct nf_consumer nf_consumer;

/* Called from inside nf_consumer_poll() before partitions are taken away (revoked or lost),
 * so the caller can flush outputs, store their offsets and forget its state. */
typedef void nf_revoke_cb(void *opaque, const rd_kafka_topic_partition_list_t *parts, bool lost);

/**
 * @brief A group consumer (cooperative-sticky by default) built from kafka.* and
 * consumer.kafka.* keys, subscribed to consumer.topics. Offsets are stored only through
 * nf_consumer_store() (enable.auto.offset.store=false is enforced) and auto-committed.
 * @returns a new consumer or NULL with \p errstr naming the key.
 */
nf_consumer *nf_consumer_new(const nf_config *cfg, const nf_consumer_opts *opts,
                             nf_revoke_cb *on_revoke, void *opaque, char *errstr,
                             size_t errstr_size);

/** @brief Commit stored offsets (synchronously), leave the group, destroy. */
void nf_consumer_close(nf_consumer *c);

/** @brief The next message or event (NULL on timeout); destroy with rd_kafka_message_destroy().
 * Partition-EOF events are consumed here and not returned. */
rd_kafka_message_t *nf_consumer_poll(nf_consumer *c, int timeout_ms);

/** @brief Index of \p topic in consumer.topics, or -1. */
int32_t nf_consumer_topic_idx(const nf_consumer *c, const char *topic);
const char *nf_consumer_topic_name(const nf_consumer *c, int32_t topic_idx);

/** @brief Store \p next_offset (one past the last done message) for commit. @returns 0/-1. */
int nf_consumer_store(nf_consumer *c, int32_t topic_idx, int32_t partition, int64_t next_offset);

/** @brief Commit stored offsets now (synchronously). @returns 0 or -1. */
int nf_consumer_commit(nf_consumer *c);

/** @brief True when at least one partition is assigned and every assigned partition has
 * reached its end since its last message (needs enable.partition.eof, which is set). */
bool nf_consumer_at_end(const nf_consumer *c);

rd_kafka_t *nf_consumer_handle(nf_consumer *c);
/** @brief Assignment events so far, and partitions assigned now. */
int64_t nf_consumer_assignments(const nf_consumer *c);
size_t nf_consumer_assigned_count(const nf_consumer *c);

#endif
