#ifndef NF_CONSUMER_REPLAY_SPEC_H
#define NF_CONSUMER_REPLAY_SPEC_H

/* The command-line grammar of `newsflow replay`: where a replay starts and stops (--from,
 * --to) and which partitions it reads (--partitions). Text only, no Kafka calls: the plan
 * (consumer/replay_plan.h) turns a parsed spec into offsets with the broker's help.
 *
 * Offset SPEC, kcat's -o grammar plus times people write by hand:
 *   beginning | end                  the first / the next offset of the partition
 *   <offset>                         an absolute offset (clamped to what the partition has)
 *   -<N>                             N messages before the end
 *   s@<ms> (--from) / e@<ms> (--to)  the first message with timestamp >= ms (epoch ms)
 *   2025-06-01T00:00:00Z             RFC 3339 time (fraction and +hh:mm offset allowed;
 *   2025-06-01                       a date alone is midnight UTC)
 *   -24h, -90m, -30s, -7d, -2w,      a duration before now (units combine: -1h30m),
 *   -P7D, -PT12H, -P1DT6H            also as an ISO 8601 duration (no years or months: they
 *                                    have no fixed length)
 * --to is exclusive: the replay stops before the message at the resolved end offset. */

#include <stddef.h>
#include <stdint.h>

typedef enum nf_offset_spec_kind {
    NF_SPEC_BEGINNING = 0,  /* low watermark */
    NF_SPEC_END,            /* high watermark when the replay starts */
    NF_SPEC_OFFSET,         /* value = absolute offset */
    NF_SPEC_FROM_END,       /* value = N messages before the high watermark */
    NF_SPEC_TIME,           /* value = epoch milliseconds (s@, e@, RFC 3339, durations) */
} nf_offset_spec_kind;

typedef struct nf_offset_spec {
    nf_offset_spec_kind kind;
    int64_t value;          /* offset, count or epoch ms, by kind; 0 otherwise */
} nf_offset_spec;

/* Which bound a spec is for: s@ belongs to --from, e@ to --to. */
typedef enum nf_spec_bound {
    NF_SPEC_FROM = 0,
    NF_SPEC_TO,
} nf_spec_bound;

/**
 * @brief Parse \p text as the \p bound SPEC. Durations count back from \p now_ms (epoch ms),
 * so a whole replay uses one "now".
 * @returns 0, or -1 with a message in \p errstr that names the flag (--from/--to), repeats
 * the text and lists what is allowed.
 */
int nf_offset_spec_parse(const char *text, nf_spec_bound bound, int64_t now_ms,
                         nf_offset_spec *out, char *errstr, size_t errstr_size);

/** @brief A spec as a short human text ("beginning", "offset 42", "2025-06-01T00:00:00.000Z",
 * "end-100"), for the plan and logs. */
void nf_offset_spec_format(const nf_offset_spec *spec, char *buf, size_t size);

/**
 * @brief Parse an RFC 3339 time ("2025-06-01T00:00:00Z", "2025-06-01T02:00:00.250+02:00",
 * "2025-06-01") into epoch milliseconds. @returns 0 or -1.
 */
int nf_rfc3339_parse(const char *text, int64_t *ms);

/** @brief Epoch milliseconds as "YYYY-MM-DDTHH:MM:SS.mmmZ". */
void nf_rfc3339_format(int64_t ms, char *buf, size_t size);

/**
 * @brief Parse a duration "24h", "1h30m", "7d", "2w", "90s", "500ms" or ISO 8601 "P7D",
 * "PT12H", "P1DT6H30M", "P2W" (without the leading '-') into milliseconds. @returns 0 or -1.
 */
int nf_duration_parse(const char *text, int64_t *ms);

/* A sorted set of partition numbers from "0,2-5". */
typedef struct nf_partition_set {
    int32_t *items;         /* ascending, no duplicates; malloc'd */
    size_t n;
} nf_partition_set;

/**
 * @brief Parse --partitions: comma-separated numbers and inclusive ranges ("0,2-5"),
 * duplicates and overlaps allowed (merged). Free with nf_partition_set_free().
 * @returns 0, or -1 with a message naming --partitions and what is allowed.
 */
int nf_partition_set_parse(const char *text, nf_partition_set *out, char *errstr,
                           size_t errstr_size);
void nf_partition_set_free(nf_partition_set *set);

/** @brief True when \p set is empty (= every partition) or holds \p partition. */
int nf_partition_set_has(const nf_partition_set *set, int32_t partition);

#endif
