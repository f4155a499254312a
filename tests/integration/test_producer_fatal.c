/* A fatal producer error mid-stream (real broker). librdkafka 2.0.2 makes some broker answers
 * fatal that do not mean another process took over (INVALID_TXN_STATE to an abort after a
 * broker restart: docs/exactly-once.md); the run recreates the producer and goes on from the
 * committed offsets. Fencing still stops it. The error is raised inside the spawned run with
 * the NF_TEST_FATAL_AFTER test hook (rd_kafka_test_fatal_error after n consumed inputs). */
#include "eos_common.h"

#include <inttypes.h>
#include <stdint.h>

/* Spawn \p a with NF_TEST_FATAL_AFTER=\p hook. */
static void spawn_with_fatal(nf_it_proc *p, const nf_it_tmp *tmp, const char *name,
                             const nf_it_argv *a, const char *hook)
{
    nf_it_argv env = {0};
    nf_it_argv_add(&env, "NF_TEST_FATAL_AFTER=%s", hook);
    nf_it_spawn(p, tmp, name, a, &env, NULL);
    nf_it_argv_free(&env);
}

/* The run's stderr (malloc'd, never NULL). */
static char *stderr_of(const nf_it_proc *p)
{
    char *err = nf_it_slurp(p->err_path, NULL);
    cr_assert_not_null(err, "cannot read %s", p->err_path);
    return err;
}

/* INVALID_TXN_STATE (48), the error of the failed CI run, a third of the way through: the run
 * goes on with a new producer, every input comes out exactly once (read_committed) and the
 * run ends normally (--until-end, exit 0). Before: exit 1 at the error. */
Test(exactly_once, fatal_producer_error_mid_stream_recreates_the_producer, .timeout = 400)
{
    nf_it_require_broker();
    nf_it_names nm;
    nf_it_names_init(&nm, "eos-fatal");
    nf_it_create_topic(nm.in, 3);
    enum { N = 9000 };
    eos_produce_inputs(nm.in, N);
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_argv a = {0};
    eos_run_argv(&a, &nm, "f1", true);
    nf_it_proc p;
    spawn_with_fatal(&p, &tmp, "run", &a, "3000,48");
    nf_it_argv_free(&a);
    nf_it_expect_exit(&p, 0, 300000);
    char *err = stderr_of(&p);
    cr_assert(strstr(err, "test hook NF_TEST_FATAL_AFTER"), "the error was injected:\n%s", err);
    cr_assert(strstr(err, "INVALID_TXN_STATE") && strstr(err, "producer recreated"),
              "the recovery is logged with librdkafka's error:\n%s", err);
    cr_assert(!strstr(err, "this producer was fenced"), "not reported as fencing:\n%s", err);
    free(err);
    eos_expect_exactly_once(&nm, N);
    nf_it_tmp_remove(&tmp);
    nf_it_names_cleanup(&nm);
}

/* Fencing is the fatal error that means "another process owns our identity": still exit 1
 * saying so, without a new producer (which would fence the new owner in turn). */
Test(exactly_once, injected_fencing_error_still_exits, .timeout = 300)
{
    nf_it_require_broker();
    nf_it_names nm;
    nf_it_names_init(&nm, "eos-fenced");
    nf_it_create_topic(nm.in, 3);
    enum { N = 3000 };
    eos_produce_inputs(nm.in, N);
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_argv a = {0};
    eos_run_argv(&a, &nm, "g1", true);
    nf_it_proc p;
    spawn_with_fatal(&p, &tmp, "run", &a, "1000,90"); /* 90 = PRODUCER_FENCED */
    nf_it_expect_exit(&p, 1, 240000);
    char *err = stderr_of(&p);
    cr_assert(strstr(err, "fenced") && strstr(err, "took over"), "says why:\n%s", err);
    cr_assert(!strstr(err, "producer recreated"), "no recovery from fencing:\n%s", err);
    free(err);
    /* Nothing lost: a restart with the same identity commits the rest exactly once. */
    nf_it_proc again;
    nf_it_spawn(&again, &tmp, "again", &a, NULL, NULL);
    nf_it_argv_free(&a);
    nf_it_expect_exit(&again, 0, 240000);
    eos_expect_exactly_once(&nm, N);
    nf_it_tmp_remove(&tmp);
    nf_it_names_cleanup(&nm);
}

/* At-least-once: a fatal error of the idempotent producer (here OUT_OF_ORDER_SEQUENCE_NUMBER,
 * 45, what a sequence gap raises) recreates it too; what it had not acknowledged is read again
 * from the committed offsets. Every input has an output, the group commits to the end, and
 * the run exits 0. Before: exit 1 at the error. */
Test(at_least_once, fatal_producer_error_mid_stream_recreates_the_producer, .timeout = 400)
{
    nf_it_require_broker();
    nf_it_names nm;
    nf_it_names_init(&nm, "alo-fatal");
    nf_it_create_topic(nm.in, 3);
    enum { N = 9000 };
    eos_produce_inputs(nm.in, N);
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_argv a = {0};
    nf_it_run_argv(&a, &nm, true);
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "run.workers=2");
    nf_it_proc p;
    spawn_with_fatal(&p, &tmp, "run", &a, "3000,45");
    nf_it_argv_free(&a);
    nf_it_expect_exit(&p, 0, 300000);
    char *err = stderr_of(&p);
    cr_assert(strstr(err, "OUT_OF_ORDER_SEQUENCE_NUMBER") && strstr(err, "producer recreated"),
              "the recovery is logged with librdkafka's error:\n%s", err);
    free(err);
    long n = N + EOS_POISON;
    int *counts = calloc((size_t)n, sizeof *counts);
    eos_count_by_key(nm.out, "read_committed", counts, n);
    eos_count_by_key(nm.dlq, "read_committed", counts, n);
    long lost = 0, dup = 0;
    for (long i = 0; i < n; i++) {
        lost += counts[i] == 0;
        dup += counts[i] > 1 ? counts[i] - 1 : 0;
    }
    free(counts);
    fprintf(stderr, "nf-it alo fatal: %ld duplicate output(s) after the recovery\n", dup);
    cr_assert_eq(lost, 0, "%ld input(s) without output", lost);
    int64_t ends[3], committed[3];
    nf_it_end_offsets(nm.in, 3, ends);
    nf_it_committed(nm.group, nm.in, 3, committed);
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(committed[i], ends[i], "partition %d committed %" PRId64 " of %" PRId64, i,
                     committed[i], ends[i]);
    }
    nf_it_tmp_remove(&tmp);
    nf_it_names_cleanup(&nm);
}
