/* The plan of a replay (see replay_plan.h). */
#include "consumer/replay_plan.h"
#include "common/xalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MD_PREFIX "newsflow.replay end="

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

int64_t nf_replay_resolve_bound(const nf_offset_spec *spec, int64_t low, int64_t high,
                                int64_t time_offset)
{
    switch (spec->kind) {
    case NF_SPEC_BEGINNING:
        return low;
    case NF_SPEC_END:
        return high;
    case NF_SPEC_OFFSET:
        return clamp(spec->value, low, high);
    case NF_SPEC_FROM_END:
        return spec->value >= high - low ? low : high - spec->value;
    case NF_SPEC_TIME:
        /* no message at or after the time: the bound is the end as it is now */
        return time_offset < 0 ? high : clamp(time_offset, low, high);
    }
    return low;
}

void nf_replay_metadata_format(int64_t end, char *buf, size_t size)
{
    snprintf(buf, size, MD_PREFIX "%" PRId64, end);
}

int nf_replay_metadata_parse(const void *md, size_t len, int64_t *end)
{
    char buf[64];
    size_t plen = strlen(MD_PREFIX);
    if (!md || len <= plen || len >= sizeof buf || memcmp(md, MD_PREFIX, plen) != 0) {
        return -1;
    }
    memcpy(buf, md, len);
    buf[len] = '\0';
    char *stop;
    long long v = strtoll(buf + plen, &stop, 10);
    if (*stop != '\0' || stop == buf + plen || v < 0) {
        return -1;
    }
    *end = v;
    return 0;
}

/* Partition count of \p topic, or -1 with errstr. */
static int partition_count(rd_kafka_t *rk, const char *topic, int timeout_ms, char *errstr,
                           size_t errstr_size)
{
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
    const struct rd_kafka_metadata *md = NULL;
    rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, rkt, &md, timeout_ms);
    int n = -1;
    if (err) {
        snprintf(errstr, errstr_size, "cannot read metadata of topic %s: %s", topic,
                 rd_kafka_err2str(err));
    } else if (md->topic_cnt != 1 || md->topics[0].err) {
        snprintf(errstr, errstr_size, "input topic %s: %s", topic,
                 md->topic_cnt == 1 ? rd_kafka_err2str(md->topics[0].err) : "not in metadata");
    } else {
        n = md->topics[0].partition_cnt;
    }
    if (md) {
        rd_kafka_metadata_destroy(md);
    }
    rd_kafka_topic_destroy(rkt);
    return n;
}

static void add_part(nf_replay_plan *plan, size_t *cap, const char *topic, int32_t partition)
{
    if (plan->n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        plan->parts = nf_xrealloc(plan->parts, *cap * sizeof *plan->parts);
    }
    nf_replay_part *p = &plan->parts[plan->n++];
    memset(p, 0, sizeof *p);
    p->topic = nf_xstrdup(topic);
    p->partition = partition;
}

/* Which partitions: every one of each topic, or those of --partitions (which must exist). */
static int list_partitions(rd_kafka_t *rk, const nf_replay_request *req, int timeout_ms,
                           nf_replay_plan *plan, char *errstr, size_t errstr_size)
{
    size_t cap = 0;
    for (size_t t = 0; t < req->n_topics; t++) {
        int n = partition_count(rk, req->topics[t], timeout_ms, errstr, errstr_size);
        if (n < 0) {
            return -1;
        }
        const nf_partition_set *set = req->partitions;
        if (set && set->n > 0 && set->items[set->n - 1] >= n) {
            snprintf(errstr, errstr_size,
                     "--partitions asks for partition %d but topic %s has partitions 0-%d",
                     set->items[set->n - 1], req->topics[t], n - 1);
            return -1;
        }
        for (int32_t p = 0; p < n; p++) {
            if (!set || nf_partition_set_has(set, p)) {
                add_part(plan, &cap, req->topics[t], p);
            }
        }
    }
    return 0;
}

/* Time bounds of every partition in one request: offsets[i] gets the answer (-1 = none). */
static int lookup_times(rd_kafka_t *rk, const nf_replay_plan *plan, int64_t ts, int timeout_ms,
                        int64_t *offsets, char *errstr, size_t errstr_size)
{
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new((int)plan->n);
    for (size_t i = 0; i < plan->n; i++) {
        rd_kafka_topic_partition_list_add(l, plan->parts[i].topic, plan->parts[i].partition)
            ->offset = ts;
    }
    rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(rk, l, timeout_ms);
    int rc = 0;
    if (err) {
        snprintf(errstr, errstr_size, "cannot look up offsets by time: %s",
                 rd_kafka_err2str(err));
        rc = -1;
    }
    for (int i = 0; rc == 0 && i < l->cnt; i++) {
        if (l->elems[i].err) {
            snprintf(errstr, errstr_size, "cannot look up offsets by time in %s [%d]: %s",
                     l->elems[i].topic, l->elems[i].partition, rd_kafka_err2str(l->elems[i].err));
            rc = -1;
        }
        offsets[i] = l->elems[i].offset;
    }
    rd_kafka_topic_partition_list_destroy(l);
    return rc;
}

/* Apply the resume group's committed offsets and the ends fixed in their metadata. */
static int apply_resume(rd_kafka_t *rk, nf_replay_plan *plan, int timeout_ms, char *errstr,
                        size_t errstr_size)
{
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new((int)plan->n);
    for (size_t i = 0; i < plan->n; i++) {
        rd_kafka_topic_partition_list_add(l, plan->parts[i].topic, plan->parts[i].partition);
    }
    rd_kafka_resp_err_t err = rd_kafka_committed(rk, l, timeout_ms);
    if (err) {
        snprintf(errstr, errstr_size, "cannot read the resume group's offsets: %s",
                 rd_kafka_err2str(err));
        rd_kafka_topic_partition_list_destroy(l);
        return -1;
    }
    for (size_t i = 0; i < plan->n; i++) {
        const rd_kafka_topic_partition_t *e = &l->elems[i];
        nf_replay_part *p = &plan->parts[i];
        int64_t end;
        if (e->offset < 0 || nf_replay_metadata_parse(e->metadata, e->metadata_size, &end)) {
            continue; /* not started by an earlier run: the newly resolved range holds */
        }
        p->end = end;
        p->start = clamp(e->offset, p->low, end > p->low ? end : p->low);
        if (p->end < p->start) {
            p->end = p->start;
        }
        p->resumed = true;
    }
    rd_kafka_topic_partition_list_destroy(l);
    return 0;
}

static int resolve(rd_kafka_t *rk, const nf_replay_request *req, int timeout_ms,
                   nf_replay_plan *plan, char *errstr, size_t errstr_size)
{
    for (size_t i = 0; i < plan->n; i++) {
        nf_replay_part *p = &plan->parts[i];
        rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(rk, p->topic, p->partition,
                                                                   &p->low, &p->high, timeout_ms);
        if (err) {
            snprintf(errstr, errstr_size, "cannot read the offsets of %s [%d]: %s", p->topic,
                     p->partition, rd_kafka_err2str(err));
            return -1;
        }
    }
    int64_t *from_t = nf_xcalloc(plan->n + 1, sizeof *from_t);
    int64_t *to_t = nf_xcalloc(plan->n + 1, sizeof *to_t);
    int rc = 0;
    if (req->from.kind == NF_SPEC_TIME) {
        rc = lookup_times(rk, plan, req->from.value, timeout_ms, from_t, errstr, errstr_size);
    }
    if (rc == 0 && req->to.kind == NF_SPEC_TIME) {
        rc = lookup_times(rk, plan, req->to.value, timeout_ms, to_t, errstr, errstr_size);
    }
    for (size_t i = 0; rc == 0 && i < plan->n; i++) {
        nf_replay_part *p = &plan->parts[i];
        p->start = nf_replay_resolve_bound(&req->from, p->low, p->high, from_t[i]);
        p->end = nf_replay_resolve_bound(&req->to, p->low, p->high, to_t[i]);
        if (p->end < p->start) {
            p->end = p->start;
        }
    }
    free(from_t);
    free(to_t);
    return rc;
}

nf_replay_plan *nf_replay_plan_new(rd_kafka_t *rk, const nf_replay_request *req, int timeout_ms,
                                   char *errstr, size_t errstr_size)
{
    nf_replay_plan *plan = nf_xcalloc(1, sizeof *plan);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    plan->planned_at_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    if (list_partitions(rk, req, timeout_ms, plan, errstr, errstr_size) != 0 ||
        resolve(rk, req, timeout_ms, plan, errstr, errstr_size) != 0 ||
        (req->resume && apply_resume(rk, plan, timeout_ms, errstr, errstr_size) != 0)) {
        nf_replay_plan_destroy(plan);
        return NULL;
    }
    return plan;
}

void nf_replay_plan_destroy(nf_replay_plan *plan)
{
    if (!plan) {
        return;
    }
    for (size_t i = 0; i < plan->n; i++) {
        free(plan->parts[i].topic);
    }
    free(plan->parts);
    free(plan);
}

int64_t nf_replay_plan_total(const nf_replay_plan *plan)
{
    int64_t total = 0;
    for (size_t i = 0; i < plan->n; i++) {
        total += plan->parts[i].end - plan->parts[i].start;
    }
    return total;
}

void nf_replay_plan_print(const nf_replay_plan *plan, const nf_offset_spec *from,
                          const nf_offset_spec *to, FILE *out)
{
    char f[64], t[64], at[64];
    nf_offset_spec_format(from, f, sizeof f);
    nf_offset_spec_format(to, t, sizeof t);
    nf_rfc3339_format(plan->planned_at_ms, at, sizeof at);
    fprintf(out, "replay plan: from %s to %s (ends fixed at %s; end offsets are exclusive)\n",
            f, t, at);
    size_t w = strlen("topic");
    for (size_t i = 0; i < plan->n; i++) {
        size_t len = strlen(plan->parts[i].topic);
        w = len > w ? len : w;
    }
    fprintf(out, "%-*s %9s %12s %12s %12s %12s %12s\n", (int)w, "topic", "partition", "low",
            "high", "start", "end", "messages");
    int64_t total = 0;
    size_t resumed = 0;
    for (size_t i = 0; i < plan->n; i++) {
        const nf_replay_part *p = &plan->parts[i];
        fprintf(out, "%-*s %9d %12" PRId64 " %12" PRId64 " %12" PRId64 " %12" PRId64
                     " %12" PRId64 "%s\n",
                (int)w, p->topic, p->partition, p->low, p->high, p->start, p->end,
                p->end - p->start, p->resumed ? "  (resumed)" : "");
        total += p->end - p->start;
        resumed += p->resumed;
    }
    fprintf(out, "total: %zu partition(s), %" PRId64 " message(s)", plan->n, total);
    if (resumed) {
        fprintf(out, ", %zu partition(s) resumed from the resume group", resumed);
    }
    fprintf(out, "\n");
}
