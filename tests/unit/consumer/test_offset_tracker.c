#include "consumer/offset_tracker.h"

#include <criterion/criterion.h>
#include <stdlib.h>

Test(offset_tracker, in_order_acks_advance_one_by_one)
{
    nf_offset_tracker *t = nf_offset_tracker_new();
    for (int64_t o = 0; o < 3; o++) {
        cr_assert_eq(nf_offset_tracker_add(t, 0, 0, o), 0);
    }
    cr_assert_eq(nf_offset_tracker_pending(t), 3);
    cr_assert_eq(nf_offset_tracker_done(t, 0, 0, 0), 1);
    cr_assert_eq(nf_offset_tracker_done(t, 0, 0, 1), 2);
    cr_assert_eq(nf_offset_tracker_done(t, 0, 0, 2), 3);
    cr_assert_eq(nf_offset_tracker_pending(t), 0);
    nf_offset_tracker_destroy(t);
}

Test(offset_tracker, out_of_order_ack_waits_for_the_gap)
{
    nf_offset_tracker *t = nf_offset_tracker_new();
    for (int64_t o = 10; o < 14; o++) {
        nf_offset_tracker_add(t, 0, 2, o);
    }
    /* 12 and 11 acknowledged before 10: nothing may be committed yet. */
    cr_assert_eq(nf_offset_tracker_done(t, 0, 2, 12), -1);
    cr_assert_eq(nf_offset_tracker_done(t, 0, 2, 11), -1);
    cr_assert_eq(nf_offset_tracker_pending(t), 4);
    /* 10 closes the gap: everything through 12 is committable at once. */
    cr_assert_eq(nf_offset_tracker_done(t, 0, 2, 10), 13);
    cr_assert_eq(nf_offset_tracker_done(t, 0, 2, 13), 14);
    nf_offset_tracker_destroy(t);
}

Test(offset_tracker, gaps_in_offsets_are_fine)
{
    /* Compacted topics and transaction markers leave holes in the offset sequence. */
    nf_offset_tracker *t = nf_offset_tracker_new();
    nf_offset_tracker_add(t, 0, 0, 5);
    nf_offset_tracker_add(t, 0, 0, 9);
    nf_offset_tracker_add(t, 0, 0, 20);
    cr_assert_eq(nf_offset_tracker_done(t, 0, 0, 20), -1);
    cr_assert_eq(nf_offset_tracker_done(t, 0, 0, 5), 6);
    cr_assert_eq(nf_offset_tracker_done(t, 0, 0, 9), 21);
    nf_offset_tracker_destroy(t);
}

Test(offset_tracker, partitions_are_independent)
{
    nf_offset_tracker *t = nf_offset_tracker_new();
    nf_offset_tracker_add(t, 0, 0, 0);
    nf_offset_tracker_add(t, 0, 1, 0);
    nf_offset_tracker_add(t, 1, 0, 0);
    cr_assert_eq(nf_offset_tracker_done(t, 0, 1, 0), 1);
    cr_assert_eq(nf_offset_tracker_done(t, 1, 0, 0), 1);
    cr_assert_eq(nf_offset_tracker_pending(t), 1);
    cr_assert_eq(nf_offset_tracker_done(t, 0, 0, 0), 1);
    nf_offset_tracker_destroy(t);
}

Test(offset_tracker, unknown_offsets_and_partitions)
{
    nf_offset_tracker *t = nf_offset_tracker_new();
    cr_assert_eq(nf_offset_tracker_add(t, 0, 0, 7), 0);
    cr_assert_eq(nf_offset_tracker_done(t, 0, 0, 4), -1, "never added");
    cr_assert_eq(nf_offset_tracker_done(t, 0, 9, 7), -1, "unknown partition");
    cr_assert_eq(nf_offset_tracker_done(t, 0, 0, 7), 8);
    cr_assert_eq(nf_offset_tracker_done(t, 0, 0, 7), -1, "acknowledged twice");
    nf_offset_tracker_destroy(t);
}

/* An offset rewind (reset after truncation, a seek) is input again: it is tracked and its
 * acknowledgement moves the position, instead of being skipped as "already in flight". */
Test(offset_tracker, a_rewound_partition_starts_over)
{
    nf_offset_tracker *t = nf_offset_tracker_new();
    for (int64_t o = 10; o < 20; o++) {
        cr_assert_eq(nf_offset_tracker_add(t, 0, 0, o), 0);
    }
    cr_assert_eq(nf_offset_tracker_add(t, 0, 1, 5), 0);
    cr_assert_eq(nf_offset_tracker_add(t, 0, 0, 3), 1, "the rewind is reported");
    cr_assert_eq(nf_offset_tracker_pending(t), 2, "partition 0 starts over at 3; 1 keeps 5");
    cr_assert_eq(nf_offset_tracker_add(t, 0, 0, 4), 0);
    cr_assert_eq(nf_offset_tracker_add(t, 0, 0, 4), 1, "the same offset again is a rewind too");
    cr_assert_eq(nf_offset_tracker_done(t, 0, 0, 4), 5, "offset 4 processed, position 5");
    cr_assert_eq(nf_offset_tracker_done(t, 0, 0, 15), -1, "old position, forgotten");
    nf_offset_tracker_destroy(t);
}

Test(offset_tracker, forget_drops_a_revoked_partition)
{
    nf_offset_tracker *t = nf_offset_tracker_new();
    nf_offset_tracker_add(t, 0, 0, 0);
    nf_offset_tracker_add(t, 0, 0, 1);
    nf_offset_tracker_add(t, 0, 1, 0);
    nf_offset_tracker_forget(t, 0, 0);
    cr_assert_eq(nf_offset_tracker_pending(t), 1);
    /* A late delivery report for the revoked partition must not produce a commit. */
    cr_assert_eq(nf_offset_tracker_done(t, 0, 0, 0), -1);
    cr_assert_eq(nf_offset_tracker_done(t, 0, 1, 0), 1);
    nf_offset_tracker_destroy(t);
}

Test(offset_tracker, random_ack_order_matches_a_reference_model)
{
    /* Many offsets, acknowledged in a shuffled order, across ring growth: the committable
     * position must always be one past the longest fully-acknowledged prefix. */
    enum { N = 5000 };
    static int64_t order[N];
    static int acked[N];
    nf_offset_tracker *t = nf_offset_tracker_new();
    for (int i = 0; i < N; i++) {
        nf_offset_tracker_add(t, 0, 0, 2 * i);   /* even offsets: gaps too */
        order[i] = i;
        acked[i] = 0;
    }
    srand(42);
    for (int i = N - 1; i > 0; i--) {
        int j = rand() % (i + 1);
        int64_t tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
    }
    int prefix = 0;
    for (int k = 0; k < N; k++) {
        int i = (int)order[k];
        acked[i] = 1;
        int old_prefix = prefix;
        while (prefix < N && acked[prefix]) {
            prefix++;
        }
        int64_t got = nf_offset_tracker_done(t, 0, 0, 2 * i);
        if (prefix > old_prefix) {
            cr_assert_eq(got, 2 * (int64_t)(prefix - 1) + 1);
        } else {
            cr_assert_eq(got, -1);
        }
    }
    cr_assert_eq(nf_offset_tracker_pending(t), 0);
    nf_offset_tracker_destroy(t);
}
