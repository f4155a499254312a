/* `newsflow replay --resume NAME` stopped by SIGTERM mid-range (real broker), in both delivery
 * modes, with and without a fatal producer error in the stop's final flush/commit
 * (NF_TEST_FATAL_AFTER=stop,<code>, docs/exactly-once.md). What a data-platform user relies
 * on: the replay stops promptly with exit 1 and a message saying how to continue; the
 * progress it committed covers only inputs whose output is there (exactly-once: visible to
 * read_committed readers exactly once, nothing of the rest visible); running the same command
 * again finishes the range without a gap (exactly-once: without a duplicate). */
#include "eos_common.h"

#include <inttypes.h>
#include <signal.h>
#include <stdint.h>

#define PARTS 3

typedef struct replay_stop {
    nf_it_names nm;
    nf_it_tmp tmp;
    nf_it_argv argv;    /* the replay's arguments: the second run uses them again */
    char name[64];      /* --resume NAME */
    char group[128];    /* newsflow.replay.NAME: where the progress is committed */
    long inputs;        /* articles + poison inputs */
    long read_at_signal; /* inputs read by the SIGTERM (the last progress line before it) */
    bool eos;
    char *err;          /* stderr of the stopped run */
} replay_stop;

/* Fresh topics with \p n articles + the poison inputs over 3 partitions, and the argv of a
 * slow (a few thousand outputs a second: the SIGTERM lands mid-range on a fast machine too)
 * `newsflow replay --resume` over all of it; \p extra (NULL-terminated, may be NULL): more
 * -X settings. */
static void rs_init(replay_stop *s, const char *what, long n, bool eos,
                    const char *const *extra)
{
    memset(s, 0, sizeof *s);
    nf_it_require_broker();
    nf_it_names_init(&s->nm, what);
    nf_it_create_topic(s->nm.in, PARTS);
    eos_produce_inputs(s->nm.in, n);
    s->inputs = n + EOS_POISON;
    s->eos = eos;
    nf_it_tmp_init(&s->tmp);
    nf_it_unique(s->name, sizeof s->name, "rs");
    snprintf(s->group, sizeof s->group, "newsflow.replay.%s", s->name);
    nf_it_argv *a = &s->argv;
    nf_it_argv_add(a, "replay");
    const char *const x[] = {"metrics.listen=127.0.0.1:0", /* tests run concurrently */
                             "run.workers=1", "producer.kafka.linger.ms=100",
                             "producer.kafka.batch.num.messages=20",
                             "producer.kafka.queue.buffering.max.messages=200",
                             "run.commit_interval_ms=100", "run.shutdown_timeout_ms=60000",
                             "run.txn_max_ms=1500", NULL};
    for (size_t i = 0; x[i]; i++) {
        nf_it_argv_add(a, "-X");
        nf_it_argv_add(a, "%s", x[i]);
    }
    if (eos) {
        nf_it_argv_add(a, "-X");
        nf_it_argv_add(a, "producer.delivery=exactly-once");
    }
    for (size_t i = 0; extra && extra[i]; i++) {
        nf_it_argv_add(a, "-X");
        nf_it_argv_add(a, "%s", extra[i]);
    }
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "kafka.bootstrap.servers=%s", nf_it_broker());
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "producer.dlq_topic=%s", s->nm.dlq);
    nf_it_argv_add(a, "--topic");
    nf_it_argv_add(a, "%s", s->nm.in);
    nf_it_argv_add(a, "--to-topic");
    nf_it_argv_add(a, "%s", s->nm.out);
    nf_it_argv_add(a, "--resume");
    nf_it_argv_add(a, "%s", s->name);
    nf_it_argv_add(a, "--progress-ms");
    nf_it_argv_add(a, "200");
}

/* Wait until the replay's progress lines (stderr) say at least \p min inputs were read; gives
 * up when it exits or after \p timeout_ms. (The output topics' ends are no measure: a
 * watermark query answers the last stable offset, which an open transaction holds back.)
 * @returns the last figure seen. */
static long rs_wait_progress(nf_it_proc *p, long min, int timeout_ms)
{
    int64_t deadline = nf_it_now_ms() + timeout_ms;
    long done = 0;
    while (done < min && nf_it_running(p) && nf_it_now_ms() < deadline) {
        nf_it_sleep_ms(100);
        char *text = nf_it_slurp(p->err_path, NULL);
        for (const char *at = text; at && (at = strstr(at, "replay: ")) != NULL; at++) {
            long v = strtol(at + strlen("replay: "), NULL, 10);
            done = v > done ? v : done;
        }
        free(text);
    }
    return done;
}

/* Start the replay (NF_TEST_FATAL_AFTER=\p hook unless NULL) and wait until it read at least
 * \p min_read inputs (it must still run). */
static void rs_start(replay_stop *s, nf_it_proc *p, const char *hook, long min_read)
{
    nf_it_argv env = {0};
    if (hook) {
        nf_it_argv_add(&env, "NF_TEST_FATAL_AFTER=%s", hook);
    }
    nf_it_spawn(p, &s->tmp, "first", &s->argv, &env, NULL);
    nf_it_argv_free(&env);
    long seen = rs_wait_progress(p, min_read, 120000);
    cr_assert(nf_it_running(p), "the replay ended before the SIGTERM (%ld read)", seen);
    cr_assert_geq(seen, min_read, "the replay is stuck at %ld read", seen);
    s->read_at_signal = seen;
}

/* SIGTERM, and the exit with \p code within the stop's deadline; s->err holds stderr. */
static void rs_sigterm(replay_stop *s, nf_it_proc *p, int code)
{
    int64_t t0 = nf_it_now_ms();
    nf_it_signal(p, SIGTERM);
    nf_it_expect_exit(p, code, 90000); /* run.shutdown_timeout_ms = 60 s, plus slack */
    fprintf(stderr, "nf-it replay stop: exit %.1f s after SIGTERM\n",
            (double)(nf_it_now_ms() - t0) / 1000.0);
    s->err = nf_it_slurp(p->err_path, NULL);
    cr_assert_not_null(s->err);
}

/* SIGTERM once a quarter of the input is read: exit 1, saying how to continue. */
static void rs_stop_mid_range(replay_stop *s, const char *hook)
{
    nf_it_proc p;
    rs_start(s, &p, hook, s->inputs / 4);
    rs_sigterm(s, &p, 1);
    char want[160];
    snprintf(want, sizeof want, "stopped before every partition reached its end; continue "
             "with --resume %s", s->name);
    cr_assert(strstr(s->err, want) && strstr(s->err, "replay stopped before the end"),
              "the replay says it stopped early and how to continue:\n%s", s->err);
    cr_assert(!strstr(s->err, "replay done"), "a stopped replay says done:\n%s", s->err);
}

/* After a stop that recreated the producer: it read again only what it had read before
 * (each partition up to where it was), not the rest of the range. The hook's line says how
 * many inputs were read when the stop began; the final line how many were consumed. */
static void rs_expect_refill_within_marks(const replay_stop *s)
{
    const char *hook = strstr(s->err, "raising fatal producer error ");
    hook = hook ? strstr(hook, " after ") : NULL;
    const char *done = strstr(s->err, "done: consumed ");
    cr_assert(hook && done, "the hook's and the final line:\n%s", s->err);
    long before = strtol(hook + strlen(" after "), NULL, 10);
    long consumed = strtol(done + strlen("done: consumed "), NULL, 10);
    fprintf(stderr, "nf-it replay stop: %ld read before the stop, %ld consumed in all\n", before,
            consumed);
    cr_assert_leq(consumed, 2 * before, "the stop read %ld inputs after the recovery; %ld were "
                  "read before it", consumed - before, before);
}

/* Outputs per input id over enriched + dead-letter output, read_committed. calloc'd. */
static int *rs_counts(const replay_stop *s)
{
    int *counts = calloc((size_t)s->inputs, sizeof *counts);
    eos_count_by_key(s->nm.out, "read_committed", counts, s->inputs);
    eos_count_by_key(s->nm.dlq, "read_committed", counts, s->inputs);
    return counts;
}

/* After the stop: the committed progress is real (not at every end: the replay stopped
 * mid-range), covers what was read before the SIGTERM (the stop finishes and commits
 * in-flight work; a few inputs held back while the producer's queue was full may be left) and
 * only inputs with their output; exactly-once: those exactly once and nothing past it
 * visible. @returns the inputs below the committed progress. */
static long rs_check_progress(const replay_stop *s)
{
    int64_t committed[PARTS], ends[PARTS];
    nf_it_committed(s->group, s->nm.in, PARTS, committed);
    nf_it_end_offsets(s->nm.in, PARTS, ends);
    bool all_done = true;
    for (int p = 0; p < PARTS; p++) {
        all_done = all_done && committed[p] >= ends[p];
    }
    cr_assert(!all_done, "the stopped replay committed every partition to its end");
    int *counts = rs_counts(s);
    nf_it_records in = {0};
    nf_it_read_topic(s->nm.in, &in);
    long below = 0;
    for (size_t i = 0; i < in.n; i++) {
        const nf_it_record *r = &in.items[i];
        long id = nf_it_article_num(r->key, r->key_len);
        cr_assert(id >= 0 && id < s->inputs, "input key %s", r->key ? r->key : "(null)");
        bool done = committed[r->partition] >= 0 && r->offset < committed[r->partition];
        below += done;
        if (done) {
            cr_assert(s->eos ? counts[id] == 1 : counts[id] >= 1,
                      "input [%d]@%" PRId64 " (a-%ld) is below the committed progress %" PRId64
                      " but has %d output(s)", r->partition, r->offset, id,
                      committed[r->partition], counts[id]);
        } else if (s->eos) {
            cr_assert_eq(counts[id], 0, "input [%d]@%" PRId64 " (a-%ld) is past the committed "
                         "progress %" PRId64 " but %d output(s) are visible", r->partition,
                         r->offset, id, committed[r->partition], counts[id]);
        }
    }
    nf_it_records_free(&in);
    free(counts);
    fprintf(stderr, "nf-it replay stop: %ld of %ld inputs committed as done, %ld read before the "
            "SIGTERM\n", below, s->inputs, s->read_at_signal);
    cr_assert_geq(below, s->read_at_signal - 20, "the stop committed %ld inputs; %ld were read "
                  "before it", below, s->read_at_signal);
    return below;
}

/* The same command again finishes the range (exit 0, "replay done") reading only what was
 * not committed. Every input has an output; exactly-once: exactly one. @returns the
 * duplicate outputs (at-least-once). */
static long rs_finish(replay_stop *s, long committed_before)
{
    nf_it_proc p;
    nf_it_spawn(&p, &s->tmp, "second", &s->argv, NULL, NULL);
    nf_it_expect_exit(&p, 0, 120000);
    char *err = nf_it_slurp(p.err_path, NULL);
    const char *summary = err ? strstr(err, "replay done: in ") : NULL;
    cr_assert_not_null(summary, "%s", err ? err : "");
    long second_in = strtol(summary + strlen("replay done: in "), NULL, 10);
    free(err);
    cr_assert_eq(second_in, s->inputs - committed_before,
                 "the second run read %ld inputs; %ld were left after the committed progress",
                 second_in, s->inputs - committed_before);
    if (s->eos) {
        eos_expect_exactly_once(&s->nm, s->inputs - EOS_POISON);
        return 0;
    }
    eos_tally t = eos_tally_outputs(&s->nm, s->inputs - EOS_POISON);
    cr_assert_eq(t.lost, 0, "%ld input(s) without output (first: a-%ld)", t.lost, t.first_bad);
    fprintf(stderr, "nf-it replay stop: %ld duplicate output(s) (at-least-once)\n", t.dup);
    return t.dup;
}

static void rs_cleanup(replay_stop *s)
{
    free(s->err);
    nf_it_argv_free(&s->argv);
    nf_it_tmp_remove(&s->tmp);
    nf_it_names_cleanup(&s->nm);
}

/* At-least-once: the stop flushes and commits what it finished, so the second run starts
 * exactly there: no gap and no duplicate. */
Test(replay_stop, sigterm_at_least_once_commits_what_is_done_and_resumes_without_gap,
     .timeout = 300)
{
    replay_stop s;
    rs_init(&s, "rs-alo", 3000, false, NULL);
    rs_stop_mid_range(&s, NULL);
    long done = rs_check_progress(&s);
    long dup = rs_finish(&s, done);
    cr_assert_eq(dup, 0, "a clean stop committed everything it output: %ld duplicates", dup);
    rs_cleanup(&s);
}

/* Exactly-once: the stop commits the open transaction; nothing past it is visible; the second
 * run finishes the range with every input exactly once (read_committed). */
Test(replay_stop, sigterm_exactly_once_commits_the_batch_and_resumes_exactly_once,
     .timeout = 300)
{
    replay_stop s;
    rs_init(&s, "rs-eos", 3000, true, NULL);
    rs_stop_mid_range(&s, NULL);
    long done = rs_check_progress(&s);
    rs_finish(&s, done);
    rs_cleanup(&s);
}

/* At-least-once, the final flush meets a fatal producer error (OUT_OF_ORDER_SEQUENCE_NUMBER):
 * the stop recreates the producer, reads the unacknowledged input again and commits it; the
 * committed progress still covers only outputs that exist, and the second run finishes the
 * range. Duplicates: at most what the broken producer delivered without reporting, one each. */
Test(replay_stop, sigterm_with_fatal_error_in_final_flush_at_least_once, .timeout = 300)
{
    replay_stop s;
    rs_init(&s, "rs-alo-fatal", 3000, false, NULL);
    rs_stop_mid_range(&s, "stop,45");
    cr_assert(strstr(s.err, "fatal producer error while stopping") &&
                  strstr(s.err, "producer recreated"),
              "the stop recreated the producer:\n%s", s.err);
    rs_expect_refill_within_marks(&s);
    long done = rs_check_progress(&s);
    long dup = rs_finish(&s, done);
    cr_assert_leq(dup, 200, "%ld duplicates: more than the producer queue held (200)", dup);
    rs_cleanup(&s);
}

/* Exactly-once, the final commit meets INVALID_TXN_STATE: the stop recreates the producer,
 * reads the aborted batch again and commits it; the second run finishes exactly once. The
 * whole first run is one transaction, so the stop has a batch to commit (with short batches
 * the loop may commit the last one just before it breaks, and an empty commit never meets the
 * error). */
Test(replay_stop, sigterm_with_fatal_error_in_final_commit_exactly_once, .timeout = 300)
{
    replay_stop s;
    const char *const one_batch[] = {"run.txn_max_messages=100000", "run.txn_max_ms=600000",
                                     NULL};
    rs_init(&s, "rs-eos-fatal", 3000, true, one_batch);
    rs_stop_mid_range(&s, "stop,48");
    cr_assert(strstr(s.err, "fatal producer error while stopping") &&
                  strstr(s.err, "producer recreated"),
              "the stop recreated the producer:\n%s", s.err);
    rs_expect_refill_within_marks(&s);
    long done = rs_check_progress(&s);
    rs_finish(&s, done);
    rs_cleanup(&s);
}

/* At-least-once, every input read but its outputs still queued (linger.ms 60 s): the SIGTERM's
 * final flush meets OUT_OF_ORDER_SEQUENCE_NUMBER. Before the stop, the committed progress
 * covers only acknowledged outputs; the stop recreates the producer, reads again what was not
 * acknowledged and finishes the whole range: exit 0, "replay done", progress at every end,
 * every input with an output. Before (no recreation at the stop): exit 1, and what the broken
 * producer held was left to a second run. */
Test(replay_stop, sigterm_with_outputs_queued_and_a_fatal_flush_finishes_the_range,
     .timeout = 300)
{
    replay_stop s;
    const char *const queued[] = {"producer.kafka.linger.ms=60000",
                                  "producer.kafka.batch.num.messages=100000",
                                  "producer.kafka.queue.buffering.max.messages=100000", NULL};
    rs_init(&s, "rs-alo-queued", 3000, false, queued);
    nf_it_proc p;
    rs_start(&s, &p, "stop,45", s.inputs);
    int64_t committed[PARTS], ends[PARTS];
    nf_it_committed(s.group, s.nm.in, PARTS, committed);
    int *counts = rs_counts(&s);
    nf_it_records in = {0};
    nf_it_read_topic(s.nm.in, &in);
    long acked_before = 0;
    for (size_t i = 0; i < in.n; i++) {
        const nf_it_record *r = &in.items[i];
        long id = nf_it_article_num(r->key, r->key_len);
        if (committed[r->partition] >= 0 && r->offset < committed[r->partition]) {
            cr_assert(counts[id] >= 1, "input [%d]@%" PRId64 " committed without its output",
                      r->partition, r->offset);
        }
        acked_before += counts[id] > 0;
    }
    nf_it_records_free(&in);
    free(counts);
    fprintf(stderr, "nf-it replay stop: %ld of %ld outputs acknowledged before the SIGTERM\n",
            acked_before, s.inputs);
    cr_assert_lt(acked_before, s.inputs, "every output was acknowledged before the stop: "
                 "linger.ms did not hold them");
    rs_sigterm(&s, &p, 0);
    cr_assert(strstr(s.err, "fatal producer error while stopping") &&
                  strstr(s.err, "producer recreated") && strstr(s.err, "replay done"),
              "the stop recreated the producer and finished the range:\n%s", s.err);
    nf_it_committed(s.group, s.nm.in, PARTS, committed);
    nf_it_end_offsets(s.nm.in, PARTS, ends);
    for (int i = 0; i < PARTS; i++) {
        cr_assert_eq(committed[i], ends[i], "partition %d: progress %" PRId64 " of %" PRId64, i,
                     committed[i], ends[i]);
    }
    eos_tally t = eos_tally_outputs(&s.nm, s.inputs - EOS_POISON);
    fprintf(stderr, "nf-it replay stop: %ld duplicate output(s) (at-least-once)\n", t.dup);
    cr_assert_eq(t.lost, 0, "%ld input(s) without output (first: a-%ld)", t.lost, t.first_bad);
    /* a duplicate is an output the broken producer delivered without reporting: one each */
    cr_assert_leq(t.dup, s.inputs - acked_before, "%ld duplicates", t.dup);
    rs_cleanup(&s);
}
