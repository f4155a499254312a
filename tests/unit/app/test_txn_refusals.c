/* The exactly-once size ladder's memory (app/txn.c): a refusal is found again by input
 * (topic, partition, offset) with the smaller form to start at, only moves down the ladder,
 * and is forgotten with its partition. (Dropping at commit needs a broker: the exactly-once
 * integration test covers it.) */
#include "app/txn.h"

#include <criterion/criterion.h>

Test(txn_refusals, found_again_by_input_and_forgotten_with_its_partition)
{
    nf_txn *t = nf_txn_new(NULL, NULL, "test", 1000, 100);
    int err = 0;
    cr_assert_eq(nf_txn_refused_form(t, 0, 0, 20, &err), 0, "nothing refused: the record");
    nf_txn_refused(t, 0, 0, 20, 2, 10);
    nf_txn_refused(t, 0, 1, 20, 1, 10);
    nf_txn_refused(t, 1, 0, 20, 3, 10);
    cr_assert_eq(nf_txn_refused_count(t), 3);
    cr_assert_eq(nf_txn_refused_form(t, 0, 0, 20, &err), 2);
    cr_assert_eq(err, 10);
    cr_assert_eq(nf_txn_refused_form(t, 0, 0, 21, NULL), 0, "another offset");
    cr_assert_eq(nf_txn_refused_form(t, 0, 1, 20, NULL), 1, "another partition");
    cr_assert_eq(nf_txn_refused_form(t, 1, 0, 20, NULL), 3, "another topic");
    /* refused again at the next form: one step further, never back up */
    nf_txn_refused(t, 0, 0, 20, 3, 11);
    cr_assert_eq(nf_txn_refused_form(t, 0, 0, 20, &err), 3);
    cr_assert_eq(err, 11);
    nf_txn_refused(t, 0, 0, 20, 1, 12);
    cr_assert_eq(nf_txn_refused_form(t, 0, 0, 20, NULL), 3);
    cr_assert_eq(nf_txn_refused_count(t), 3, "one entry per input");
    nf_txn_refused_forget(t, 0, 0);
    cr_assert_eq(nf_txn_refused_count(t), 2);
    cr_assert_eq(nf_txn_refused_form(t, 0, 0, 20, NULL), 0);
    cr_assert_eq(nf_txn_refused_form(t, 0, 1, 20, NULL), 1);
    nf_txn_destroy(t);
}
