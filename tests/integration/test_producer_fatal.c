/* A fatal producer error mid-stream (real broker). librdkafka 2.0.2 makes some broker answers
 * fatal that do not mean another process took over (INVALID_TXN_STATE to an abort after a
 * broker restart: docs/exactly-once.md); the run recreates the producer and goes on from the
 * committed offsets. Fencing still stops it. The error is raised inside the spawned run with
 * the NF_TEST_FATAL_AFTER test hook (rd_kafka_test_fatal_error after n consumed inputs, or
 * when the stop begins). Set-up and exit: eos_fatal_* in eos_common.h. */
#include "eos_common.h"

#include <inttypes.h>
#include <signal.h>
#include <stdint.h>

/* INVALID_TXN_STATE (48), the error of the failed CI run, a third of the way through: the run
 * goes on with a new producer, every input comes out exactly once (read_committed) and the
 * run ends normally (--until-end, exit 0). Before: exit 1 at the error. */
Test(exactly_once, fatal_producer_error_mid_stream_recreates_the_producer, .timeout = 400)
{
    enum { N = 9000 };
    eos_fatal f;
    eos_fatal_run(&f, "eos-fatal", N, "f1", "3000,48", 0, 300000);
    cr_assert(strstr(f.err, "test hook NF_TEST_FATAL_AFTER"), "the error was injected:\n%s",
              f.err);
    cr_assert(strstr(f.err, "INVALID_TXN_STATE") && strstr(f.err, "producer recreated"),
              "the recovery is logged with librdkafka's error:\n%s", f.err);
    cr_assert(!strstr(f.err, "this producer was fenced"), "not reported as fencing:\n%s", f.err);
    eos_expect_exactly_once(&f.nm, N);
    eos_fatal_cleanup(&f);
}

/* Fencing is the fatal error that means "another process owns our identity": still exit 1
 * saying so, without a new producer (which would fence the new owner in turn). */
Test(exactly_once, injected_fencing_error_still_exits, .timeout = 300)
{
    enum { N = 3000 };
    eos_fatal f;
    eos_fatal_run(&f, "eos-fenced", N, "g1", "1000,90", 1, 240000); /* 90 = PRODUCER_FENCED */
    cr_assert(strstr(f.err, "fenced") && strstr(f.err, "took over"), "says why:\n%s", f.err);
    cr_assert(!strstr(f.err, "producer recreated"), "no recovery from fencing:\n%s", f.err);
    /* Nothing lost: a restart with the same identity commits the rest exactly once. */
    nf_it_proc again;
    nf_it_spawn(&again, &f.tmp, "again", &f.argv, NULL, NULL);
    nf_it_expect_exit(&again, 0, 240000);
    eos_expect_exactly_once(&f.nm, N);
    eos_fatal_cleanup(&f);
}

/* At-least-once: a fatal error of the idempotent producer (here OUT_OF_ORDER_SEQUENCE_NUMBER,
 * 45, what a sequence gap raises) recreates it too; what it had not acknowledged is read again
 * from the committed offsets. Every input has an output, the group commits to the end, and
 * the run exits 0. Before: exit 1 at the error. */
Test(at_least_once, fatal_producer_error_mid_stream_recreates_the_producer, .timeout = 400)
{
    enum { N = 9000 };
    eos_fatal f;
    eos_fatal_run(&f, "alo-fatal", N, NULL, "3000,45", 0, 300000);
    cr_assert(strstr(f.err, "OUT_OF_ORDER_SEQUENCE_NUMBER") &&
                  strstr(f.err, "producer recreated"),
              "the recovery is logged with librdkafka's error:\n%s", f.err);
    eos_tally t = eos_tally_outputs(&f.nm, N);
    fprintf(stderr, "nf-it alo fatal: %ld duplicate output(s) after the recovery\n", t.dup);
    cr_assert_eq(t.lost, 0, "%ld input(s) without output", t.lost);
    int64_t ends[3], committed[3];
    nf_it_end_offsets(f.nm.in, 3, ends);
    nf_it_committed(f.nm.group, f.nm.in, 3, committed);
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(committed[i], ends[i], "partition %d committed %" PRId64 " of %" PRId64, i,
                     committed[i], ends[i]);
    }
    eos_fatal_cleanup(&f);
}

/* A SIGTERM with the whole input in the open transaction, and the stop's commit meets
 * INVALID_TXN_STATE (the hook at the stop): the stop recreates the producer, reads the batch
 * again and commits it. Exit 0, and without any restart every input is in the output exactly
 * once. Before: exit 1, "the last transaction was lost with the producer", nothing committed. */
Test(exactly_once, fatal_producer_error_in_the_final_commit_is_finished_by_the_stop,
     .timeout = 400)
{
    enum { N = 3000 };
    const char *one_batch[] = {"run.txn_max_messages=100000", "run.txn_max_ms=600000",
                               "run.shutdown_timeout_ms=120000", NULL};
    eos_fatal f;
    eos_fatal_start(&f, "eos-fatal-stop", N, "s1", false, "stop,48", one_batch);
    /* every output is in the (open) transaction: the topic's end counts uncommitted records */
    int64_t seen = nf_it_wait_for_records(f.nm.out, N, &f.p, 240000);
    cr_assert_geq(seen, N, "only %" PRId64 " of %d outputs before the stop", seen, N);
    nf_it_signal(&f.p, SIGTERM);
    eos_fatal_expect_exit(&f, 0, 200000);
    cr_assert(strstr(f.err, "fatal producer error while stopping") &&
                  strstr(f.err, "producer recreated"),
              "the stop recreated the producer:\n%s", f.err);
    eos_expect_exactly_once(&f.nm, N);
    eos_fatal_cleanup(&f);
}
