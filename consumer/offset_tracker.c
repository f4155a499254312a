#include "consumer/offset_tracker.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* A partition's in-flight offsets in a ring, oldest first: they arrive in increasing order,
 * so the ring stays sorted and a done offset is found by binary search. */
typedef struct part_track {
    int32_t topic_idx;
    int32_t partition;
    int64_t *offsets;   /* ring of in-flight offsets */
    uint8_t *done;      /* parallel to offsets */
    size_t head;        /* index of the oldest entry */
    size_t count;       /* entries in the ring */
    size_t cap;         /* ring capacity (power of two) */
    int64_t last_added; /* -1 before the first add */
} part_track;

struct nf_offset_tracker {
    part_track *parts;  /* few partitions per process: linear search is fastest */
    size_t n_parts;
    size_t cap_parts;
    size_t pending;
};

nf_offset_tracker *nf_offset_tracker_new(void)
{
    return nf_xcalloc(1, sizeof(nf_offset_tracker));
}

static void part_free(part_track *p)
{
    free(p->offsets);
    free(p->done);
}

void nf_offset_tracker_destroy(nf_offset_tracker *t)
{
    if (!t) {
        return;
    }
    for (size_t i = 0; i < t->n_parts; i++) {
        part_free(&t->parts[i]);
    }
    free(t->parts);
    free(t);
}

static part_track *find(nf_offset_tracker *t, int32_t topic_idx, int32_t partition)
{
    for (size_t i = 0; i < t->n_parts; i++) {
        if (t->parts[i].partition == partition && t->parts[i].topic_idx == topic_idx) {
            return &t->parts[i];
        }
    }
    return NULL;
}

static void grow(part_track *p)
{
    size_t cap = p->cap ? p->cap * 2 : 1024;
    int64_t *offsets = nf_xmalloc(cap * sizeof *offsets);
    uint8_t *done = nf_xmalloc(cap);
    for (size_t i = 0; i < p->count; i++) {
        size_t j = (p->head + i) & (p->cap - 1);
        offsets[i] = p->offsets[j];
        done[i] = p->done[j];
    }
    part_free(p);
    p->offsets = offsets;
    p->done = done;
    p->head = 0;
    p->cap = cap;
}

int nf_offset_tracker_add(nf_offset_tracker *t, int32_t topic_idx, int32_t partition,
                          int64_t offset)
{
    part_track *p = find(t, topic_idx, partition);
    int rc = 0;
    if (p && offset <= p->last_added) {
        /* The partition went back (offset reset, seek): what comes now is input again. Start
         * its bookkeeping over; acknowledgements for the old positions still in flight may
         * mark the same offsets done, which is safe: those inputs have an output. */
        nf_offset_tracker_forget(t, topic_idx, partition);
        p = NULL;
        rc = 1;
    }
    if (!p) {
        if (t->n_parts == t->cap_parts) {
            t->cap_parts = t->cap_parts ? t->cap_parts * 2 : 8;
            t->parts = nf_xrealloc(t->parts, t->cap_parts * sizeof *t->parts);
        }
        p = &t->parts[t->n_parts++];
        memset(p, 0, sizeof *p);
        p->topic_idx = topic_idx;
        p->partition = partition;
        p->last_added = -1;
    }
    if (p->count == p->cap) {
        grow(p);
    }
    size_t j = (p->head + p->count) & (p->cap - 1);
    p->offsets[j] = offset;
    p->done[j] = 0;
    p->count++;
    p->last_added = offset;
    t->pending++;
    return rc;
}

int64_t nf_offset_tracker_done(nf_offset_tracker *t, int32_t topic_idx, int32_t partition,
                               int64_t offset)
{
    part_track *p = find(t, topic_idx, partition);
    if (!p || p->count == 0) {
        return -1;
    }
    size_t lo = 0, hi = p->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->offsets[(p->head + mid) & (p->cap - 1)] < offset) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    size_t j = (p->head + lo) & (p->cap - 1);
    if (lo == p->count || p->offsets[j] != offset) {
        return -1;
    }
    p->done[j] = 1;
    int64_t committable = -1;
    while (p->count > 0 && p->done[p->head]) {
        committable = p->offsets[p->head] + 1;
        p->head = (p->head + 1) & (p->cap - 1);
        p->count--;
        t->pending--;
    }
    return committable;
}

size_t nf_offset_tracker_pending(const nf_offset_tracker *t)
{
    return t->pending;
}

void nf_offset_tracker_forget(nf_offset_tracker *t, int32_t topic_idx, int32_t partition)
{
    part_track *p = find(t, topic_idx, partition);
    if (!p) {
        return;
    }
    t->pending -= p->count;
    part_free(p);
    *p = t->parts[--t->n_parts];
}
