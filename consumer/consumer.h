#ifndef NF_CONSUMER_CONSUMER_H
#define NF_CONSUMER_CONSUMER_H

#include "config/config.h"
#include "config/kafka_conf.h"

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
    nf_kafka_stats_cb *on_stats;      /* NULL = no statistics */
    void *stats_opaque;
    int64_t stats_interval_ms;        /* statistics.interval.ms unless kafka.* sets it */
} nf_consumer_opts;

extern const nf_opt nf_consumer_options[];

typedef struct nf_consumer nf_consumer;

/* The source of input messages. Today: a group subscription (this file). Replay (assigning
 * partitions at fixed offsets) is a second constructor with the same poll/store/commit/pause
 * interface; the runner only uses the functions below. */

/* Called from inside nf_consumer_poll() (rd_kafka_consumer_poll) or nf_consumer_close() before
 * partitions are taken away (revoked or lost), while they are still assigned: the owner
 * finishes in-flight outputs, commits their offsets and forgets its state for them. */
typedef void nf_revoke_cb(void *opaque, const rd_kafka_topic_partition_list_t *parts, bool lost);

/**
 * @brief A group consumer (eager roundrobin assignor by default; consumer.c says why) built from kafka.* and
 * consumer.kafka.* keys, subscribed to consumer.topics (names, or ^regex patterns). Offsets
 * are stored only through nf_consumer_store() (enable.auto.offset.store=false is enforced) and
 * committed only through nf_consumer_commit()/nf_consumer_commit_async() (automatic commits are
 * off unless configured).
 * @returns a new consumer or NULL with \p errstr naming the key.
 */
nf_consumer *nf_consumer_new(const nf_config *cfg, const nf_consumer_opts *opts,
                             nf_revoke_cb *on_revoke, void *opaque, char *errstr,
                             size_t errstr_size);

/** @brief Leave the group (the revoke callback runs for what is still assigned) within
 * \p timeout_ms, then destroy. Commits nothing itself. @returns 0, or -1 when leaving did not
 * finish in time (the group then notices after session.timeout.ms). */
int nf_consumer_close(nf_consumer *c, int timeout_ms);

/** @brief Give up the consumer without waiting for its librdkafka handle, whose destruction
 * would wait for outstanding requests (up to session.timeout.ms with the brokers
 * unreachable): for a stop that ran out of time. The handle is destroyed on a detached thread
 * (without leaving the group: the group notices after session.timeout.ms); a process that
 * exits before it finishes should exit with _exit() (nf_run_stats.abandoned). */
void nf_consumer_abandon(nf_consumer *c);

/** @brief The next message or event (NULL on timeout); destroy with rd_kafka_message_destroy().
 * Partition-EOF events are consumed here and not returned. Serves rebalances and errors. */
rd_kafka_message_t *nf_consumer_poll(nf_consumer *c, int timeout_ms);

/** @brief Index of \p topic among the topics seen so far (consumer.topics names come first, in
 * order), or -1. */
int32_t nf_consumer_topic_idx(const nf_consumer *c, const char *topic);
/** @brief Like nf_consumer_topic_idx(), adding \p topic when it is new (regex subscriptions). */
int32_t nf_consumer_topic_intern(nf_consumer *c, const char *topic);
const char *nf_consumer_topic_name(const nf_consumer *c, int32_t topic_idx);
/** @brief consumer.topics as configured. @returns their number. */
size_t nf_consumer_subscription(const nf_consumer *c, const char *const **out);

/** @brief Store \p next_offset (one past the last done message) for commit. @returns 0/-1. */
int nf_consumer_store(nf_consumer *c, int32_t topic_idx, int32_t partition, int64_t next_offset);

/** @brief Commit the stored offsets of the current assignment and wait for the result, at
 * most \p timeout_ms. May be called inside the revoke callback.
 * @returns 0 (also when there was nothing new), or the error (_TIMED_OUT after the wait). */
rd_kafka_resp_err_t nf_consumer_commit(nf_consumer *c, int timeout_ms);

/** @brief Start a commit of the stored offsets without waiting; a failure is logged (once)
 * from inside a later nf_consumer_poll(). */
void nf_consumer_commit_async(nf_consumer *c);

/** @brief Pause (or resume) fetching of every assigned partition, and of partitions assigned
 * later while paused. nf_consumer_poll() keeps serving the group meanwhile. */
void nf_consumer_pause(nf_consumer *c, bool pause);
bool nf_consumer_paused(const nf_consumer *c);

/** Read each partition only up to an offset: one whose position (nf_consumer_positions)
 *  reaches its entry in \p limits pauses there, dropping what was fetched past it, and stays
 *  paused through nf_consumer_pause(c, false); a partition not listed pauses at once. NULL
 *  lifts the limits (partitions paused by them resume unless the input is paused). What a
 *  stop uses to read again exactly the input it had read (refill after a recovery). */
void nf_consumer_limit(nf_consumer *c, const rd_kafka_topic_partition_list_t *limits);

/** @brief True when at least one partition is assigned and every assigned partition has
 * reached its end since its last message (needs enable.partition.eof, which is set). */
bool nf_consumer_at_end(const nf_consumer *c);

/** @brief Replay: every partition reached its end and every message handed out is done
 * (acknowledged at-least-once, committed exactly-once); false in group mode. What `replay`
 * reports as done: nf_consumer_at_end() is true as soon as the last message is polled. */
bool nf_consumer_replay_finished(const nf_consumer *c);

/** @brief Assignment events so far, and partitions assigned now. */
int64_t nf_consumer_assignments(const nf_consumer *c);
size_t nf_consumer_assigned_count(const nf_consumer *c);

/** @brief The last error librdkafka reported for this client (err 0 = none). */
const nf_kafka_errlog *nf_consumer_last_error(const nf_consumer *c);

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
 * @brief The offsets to commit in the open transaction: per assigned partition, the offset
 * after the last message taken (nf_consumer_taken), in replay mode too (there with the
 * fixed end in the metadata). Free with
 * rd_kafka_topic_partition_list_destroy().
 * @returns the list, or NULL when there is nothing to send: a group consumer without an
 * assignment (lost), or a replay without resume group (its progress lives nowhere).
 */
rd_kafka_topic_partition_list_t *nf_consumer_txn_offsets(nf_consumer *c);

/** @brief The position (offset after the last message handed out) of every assigned partition
 * that handed one out, in both delivery modes (replay: with the fixed end in the metadata); a
 * rewind (nf_consumer_rewind) moves it back. The runner's stop reads input again up to these
 * after it recreated a failed producer. Free with rd_kafka_topic_partition_list_destroy(). */
rd_kafka_topic_partition_list_t *nf_consumer_positions(nf_consumer *c);

/** @brief Exactly-once: the runner took the message at \p offset to process (its output goes
 * into the open transaction); nf_consumer_txn_offsets() commits up to what was taken. */
void nf_consumer_taken(nf_consumer *c, int32_t topic_idx, int32_t partition, int64_t offset);

/** @brief The transaction holding the offsets of the last nf_consumer_txn_offsets() call
 * committed: those are the positions nf_consumer_rewind() goes back to. */
void nf_consumer_txn_committed(nf_consumer *c);

/**
 * @brief After an aborted transaction (or, at-least-once, after the runner recreated a failed
 * producer): seek every assigned partition back to its committed offset (group mode: the group's, via rd_kafka_committed; replay: the last committed
 * transaction's, else the plan's start), so the aborted messages are consumed again.
 * @returns 0 or -1 (logged).
 */
int nf_consumer_rewind(nf_consumer *c, int timeout_ms);

#endif
