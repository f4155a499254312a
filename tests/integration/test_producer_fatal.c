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

/* Poll \p path (a child's stderr) until it holds \p needle; gives up when \p p exits or after
 * \p timeout_ms. @returns whether it was seen. */
static bool wait_for_log(const char *path, const char *needle, nf_it_proc *p, int timeout_ms)
{
    int64_t deadline = nf_it_now_ms() + timeout_ms;
    for (;;) {
        char *text = nf_it_slurp(path, NULL);
        bool seen = text && strstr(text, needle);
        free(text);
        if (seen || !nf_it_running(p) || nf_it_now_ms() >= deadline) {
            return seen;
        }
        nf_it_sleep_ms(100);
    }
}

/* The input records of \p nm, and its enriched records followed by its dead letters in \p out
 * (dead letters name their input too); \p dlq is left empty. */
static void alo_outputs(const nf_it_names *nm, nf_it_records *in, nf_it_records *out,
                        nf_it_records *dlq)
{
    nf_it_read_topic(nm->in, in);
    nf_it_read_topic(nm->out, out);
    nf_it_read_topic(nm->dlq, dlq);
    for (size_t i = 0; i < dlq->n; i++) {
        if (out->n == out->cap) {
            out->cap = out->cap ? out->cap * 2 : 64;
            out->items = realloc(out->items, out->cap * sizeof *out->items);
        }
        out->items[out->n++] = dlq->items[i];
    }
    free(dlq->items);
    memset(dlq, 0, sizeof *dlq);
}

/* At-least-once, real broker: a SIGTERM whose final flush meets a fatal error of the
 * idempotent producer (OUT_OF_ORDER_SEQUENCE_NUMBER, 45, at the stop). The outputs are still
 * queued when the stop begins (linger.ms 60 s): what is committed before has its output. The
 * stop recreates the producer, reads the input again, flushes and commits: exit 0, every
 * input has an output, the group's committed offsets are the ends and each committed input
 * has an output. A restart of the same group with more input resumes
 * at the committed offsets: it consumes exactly the new input (no gap, nothing redone), and
 * over both runs every input has an output; duplicates are counted and bounded. Before (no
 * recreation at the stop): exit 1 and nothing committed. */
Test(at_least_once, fatal_producer_error_in_the_final_flush_loses_nothing, .timeout = 300)
{
    enum { N1 = 1500, N2 = 300, PARTS = 3 };
    const long first_in = N1 + EOS_POISON;
    const char *queued[] = {"producer.kafka.linger.ms=60000", "run.stats_interval_ms=200",
                            "run.shutdown_timeout_ms=120000", NULL};
    eos_fatal f;
    eos_fatal_start(&f, "alo-fatal-stop", N1, NULL, false, "stop,45", queued);
    char consumed[64];
    snprintf(consumed, sizeof consumed, "progress: consumed %ld,", first_in);
    cr_assert(wait_for_log(f.p.err_path, consumed, &f.p, 180000),
              "the run did not consume all %ld inputs", first_in);
    /* Outputs wait in the producer (linger.ms): what is committed has its output, and most
     * (in the runs seen: all) are not acknowledged yet. */
    int64_t ends[PARTS], committed[PARTS];
    nf_it_committed(f.nm.group, f.nm.in, PARTS, committed);
    int64_t delivered = nf_it_topic_count(f.nm.out) + nf_it_topic_count(f.nm.dlq);
    cr_assert_lt(delivered, first_in / 2,
                 "%" PRId64 " outputs delivered before the stop: linger.ms did not hold them",
                 delivered);
    nf_it_records in = {0}, out = {0}, dlq = {0};
    alo_outputs(&f.nm, &in, &out, &dlq);
    int *counts = nf_it_outputs_per_input(&in, f.nm.in, &out);
    nf_it_check_committed_have_outputs(&in, counts, committed, PARTS);
    free(counts);
    nf_it_records_free(&in);
    nf_it_records_free(&out);
    nf_it_signal(&f.p, SIGTERM);
    eos_fatal_expect_exit(&f, 0, 150000);
    cr_assert(strstr(f.err, "OUT_OF_ORDER_SEQUENCE_NUMBER") &&
                  strstr(f.err, "fatal producer error while stopping") &&
                  strstr(f.err, "producer recreated"),
              "the stop recreated the producer:\n%s", f.err);
    /* The commit point: at the ends, and never past an acknowledged output. */
    nf_it_end_offsets(f.nm.in, PARTS, ends);
    nf_it_committed(f.nm.group, f.nm.in, PARTS, committed);
    alo_outputs(&f.nm, &in, &out, &dlq);
    counts = nf_it_outputs_per_input(&in, f.nm.in, &out);
    long covered = nf_it_check_committed_have_outputs(&in, counts, committed, PARTS);
    cr_assert_eq(covered, first_in, "%ld of %ld inputs committed", covered, first_in);
    for (int i = 0; i < PARTS; i++) {
        cr_assert_eq(committed[i], ends[i], "partition %d committed %" PRId64 " of %" PRId64, i,
                     committed[i], ends[i]);
    }
    free(counts);
    nf_it_records_free(&in);
    nf_it_records_free(&out);
    /* A restart of the group resumes there: it reads the new input only. */
    nf_it_produce_articles(f.nm.in, first_in, N2);
    nf_it_argv again = {0};
    nf_it_run_argv(&again, &f.nm, true);
    nf_it_proc p2;
    nf_it_spawn(&p2, &f.tmp, "again", &again, NULL, NULL);
    nf_it_expect_exit(&p2, 0, 150000);
    char *err2 = nf_it_slurp(p2.err_path, NULL);
    char want[64];
    snprintf(want, sizeof want, "done: consumed %d,", N2);
    cr_assert(err2 && strstr(err2, want), "the restart read more or less than the %d new "
              "input(s):\n%s", N2, err2 ? err2 : "");
    free(err2);
    nf_it_argv_free(&again);
    eos_tally t = eos_tally_outputs(&f.nm, N1 + N2);
    fprintf(stderr, "nf-it alo fatal at stop: %ld duplicate output(s) over both runs\n", t.dup);
    cr_assert_eq(t.lost, 0, "%ld input(s) without output (first: a-%ld)", t.lost, t.first_bad);
    /* Duplicates come only from outputs the broken producer delivered without reporting; none
     * was delivered before the stop, so at most the in-flight window of the final flush. */
    cr_assert_leq(t.dup, first_in, "%ld duplicates for %ld inputs", t.dup, first_in);
    eos_fatal_cleanup(&f);
}
