#ifndef NF_CONSUMER_CONSUMER_H
#define NF_CONSUMER_CONSUMER_H

#include "config/config.h"

#include <librdkafka/rdkafka.h>
#include <stdbool.h>
#include <stdint.h>

/* Options under "consumer.". */
typedef struct nf_consumer_opts {
    nf_strlist topics;          /* input topics */
    char *group_id;             /* consumer group */
    char *auto_offset_reset;    /* earliest|latest: where a new group starts */
    /* Not options: set by the caller before nf_consumer_new(). */
    size_t fetch_queue_bytes;   /* bound of pre-fetched messages (queued.max.messages.kbytes,
                                   from run.memory_budget); 0 = librdkafka's default */
    bool exactly_once;          /* offsets go into the producer's transactions: no auto
                                   commit, isolation.level=read_committed */
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

/* ---- replay mode ---------------------------------------------------------------------- */

struct nf_replay_request;
struct nf_replay_plan;

/**
 * @brief A replay consumer: resolves the plan (consumer/replay_plan.h) and assigns each
 * partition at its start (assign mode: it never joins, moves or commits the live group, even
 * when consumer.kafka.group.id names it). Messages at or past a partition's fixed end are
 * never returned; nf_consumer_at_end() is true once every partition reached its end.
 * With \p resume_group (may be NULL) the position up to which every output was acknowledged
 * (nf_consumer_store()) is committed to that group about every second and on close, with the
 * end in the commit metadata. With \p dry_run only the plan is made (nothing assigned or
 * committed).
 * @returns a new consumer or NULL with the reason in \p errstr.
 */
nf_consumer *nf_consumer_new_replay(const nf_config *cfg, const struct nf_replay_request *req,
                                    const char *resume_group, bool dry_run, char *errstr,
                                    size_t errstr_size);

/** @brief The replay plan, or NULL for a group consumer. */
const struct nf_replay_plan *nf_consumer_plan(const nf_consumer *c);

/** @brief Replay: the offset after the last message returned from plan part \p i. */
int64_t nf_consumer_replay_position(const nf_consumer *c, size_t i);

/* ---- exactly-once ------------------------------------------------------------------------ */

/**
 * @brief The offsets to commit in the open transaction: the position (next offset) of every
 * assigned partition; in replay mode with the fixed end in the metadata. Free with
 * rd_kafka_topic_partition_list_destroy().
 * @returns the list, or NULL when there is nothing to send: a group consumer without an
 * assignment (lost), or a replay without resume group (its progress lives nowhere).
 */
rd_kafka_topic_partition_list_t *nf_consumer_txn_offsets(nf_consumer *c);

/** @brief The transaction holding the offsets of the last nf_consumer_txn_offsets() call
 * committed: those are the positions nf_consumer_rewind() goes back to. */
void nf_consumer_txn_committed(nf_consumer *c);

/**
 * @brief After an aborted transaction: seek every assigned partition back to its committed
 * offset (group mode: the group's, via rd_kafka_committed; replay: the last committed
 * transaction's, else the plan's start), so the aborted messages are consumed again.
 * @returns 0 or -1 (logged).
 */
int nf_consumer_rewind(nf_consumer *c, int timeout_ms);

#endif
