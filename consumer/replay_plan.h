#ifndef NF_CONSUMER_REPLAY_PLAN_H
#define NF_CONSUMER_REPLAY_PLAN_H

/* The plan of a replay: for every (topic, partition) the offsets it starts at and stops
 * before, fixed when the replay starts (so live traffic cannot keep it running forever).
 *
 * Resolution per partition, with the watermarks [low, high) at plan time:
 *   beginning -> low; end -> high; <offset> -> clamped to [low, high]; -N -> max(low, high-N);
 *   a time -> the first offset whose timestamp is >= it (rd_kafka_offsets_for_times), high
 *   when there is none. An end below the start becomes the start (nothing to replay there).
 *
 * With a resume group, the group's committed offset of a partition (stored by an earlier run
 * of the same replay, with the end it fixed in the commit metadata) replaces the start, and
 * the stored end replaces the newly resolved one: a resumed replay finishes the original
 * range, however much the topic has grown since. */

#include "config/kafka_conf.h"
#include "consumer/replay_spec.h"

#include <librdkafka/rdkafka.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct nf_replay_part {
    char *topic;            /* malloc'd */
    int32_t partition;
    int64_t low, high;      /* watermarks when the plan was made */
    int64_t start;          /* first offset to replay */
    int64_t end;            /* stop before this offset (exclusive), >= start */
    bool resumed;           /* start (and end) come from the resume group */
} nf_replay_part;

typedef struct nf_replay_plan {
    nf_replay_part *parts;  /* by topic (in request order), then partition */
    size_t n;
    int64_t planned_at_ms;  /* epoch ms when the ends were fixed */
} nf_replay_plan;

/* What the user asked for. */
typedef struct nf_replay_request {
    const char *const *topics;          /* input topics */
    size_t n_topics;
    const nf_partition_set *partitions; /* empty set = every partition */
    nf_offset_spec from, to;
    bool resume;                        /* rk has the resume group as group.id */
    size_t fetch_queue_bytes;           /* as nf_consumer_opts.fetch_queue_bytes; 0 = default */
    bool exactly_once;                  /* as nf_consumer_opts.exactly_once */
    nf_kafka_stats_cb *on_stats;        /* as nf_consumer_opts.on_stats (NULL = none) */
    void *stats_opaque;
    int64_t stats_interval_ms;
} nf_replay_request;

/**
 * @brief Resolve \p req against the broker of \p rk (a consumer handle; with req->resume its
 * group.id is the resume group). Every requested partition must exist.
 * @returns a new plan (nf_replay_plan_destroy()) or NULL with the topic/partition and the
 * reason in \p errstr.
 */
nf_replay_plan *nf_replay_plan_new(rd_kafka_t *rk, const nf_replay_request *req, int timeout_ms,
                                   char *errstr, size_t errstr_size);
void nf_replay_plan_destroy(nf_replay_plan *plan);

/**
 * @brief One bound of one partition without a time lookup: \p time_offset is what
 * offsets_for_times answered for a time spec (< 0 = no message that late). Clamped to
 * [low, high]. Pure; exported for the unit tests.
 */
int64_t nf_replay_resolve_bound(const nf_offset_spec *spec, int64_t low, int64_t high,
                                int64_t time_offset);

/** @brief The commit metadata that fixes a partition's end: "newsflow.replay end=<end>". */
void nf_replay_metadata_format(int64_t end, char *buf, size_t size);
/** @brief Parse it back. @returns 0 with \p end, or -1 when it is not ours. */
int nf_replay_metadata_parse(const void *md, size_t len, int64_t *end);

/** @brief Sum of (end - start): the offsets left to replay (an upper bound of messages on
 * compacted topics and topics with transaction markers). */
int64_t nf_replay_plan_total(const nf_replay_plan *plan);

/** @brief Print the plan as a table with totals (the --dry-run output). */
void nf_replay_plan_print(const nf_replay_plan *plan, const nf_offset_spec *from,
                          const nf_offset_spec *to, FILE *out);

#endif
