#ifndef NF_CONSUMER_OFFSET_TRACKER_H
#define NF_CONSUMER_OFFSET_TRACKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Which input offsets may be committed.
 *
 * Every consumed message is added in consumption order (offsets increase per partition, with
 * gaps for compaction and transaction markers). When the broker acknowledges its output (an
 * enriched or a dead-letter record) it is marked done. The committable position of a
 * partition is one past the highest offset such that it and every earlier tracked offset are
 * done: delivery reports may arrive out of order, the commit never runs ahead of a gap.
 *
 * No Kafka types here, so the logic is unit-tested on its own. One thread. */
typedef struct nf_offset_tracker nf_offset_tracker;

nf_offset_tracker *nf_offset_tracker_new(void);
void nf_offset_tracker_destroy(nf_offset_tracker *t);

/** @brief Track a consumed offset. Offsets of one partition come in increasing order, except
 * when the partition went back (offset reset after truncation, a seek): then its state starts
 * over from \p offset, which is processed again, never skipped.
 * @returns 0, or 1 when the partition went back. */
int nf_offset_tracker_add(nf_offset_tracker *t, int32_t topic_idx, int32_t partition,
                          int64_t offset);

/**
 * @brief Mark \p offset done (its output was acknowledged).
 * @returns the new committable position (next offset to consume) when it advanced, or -1
 * when it did not (an earlier offset is still in flight, or the offset is unknown: e.g. the
 * partition was revoked meanwhile).
 */
int64_t nf_offset_tracker_done(nf_offset_tracker *t, int32_t topic_idx, int32_t partition,
                               int64_t offset);

/** @brief Offsets added and not yet committable, over all partitions. */
size_t nf_offset_tracker_pending(const nf_offset_tracker *t);

/** @brief Drop all state of a partition (revoked or lost). */
void nf_offset_tracker_forget(nf_offset_tracker *t, int32_t topic_idx, int32_t partition);

#endif
