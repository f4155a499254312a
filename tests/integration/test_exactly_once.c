/* producer.delivery = exactly-once on the real broker: kill -9 five times, a zombie with the
 * same identity, and aborted transactions invisible to read_committed readers. */
#include "eos_common.h"

#include <inttypes.h>
#include <signal.h>
#include <stdint.h>

Test(exactly_once, kill_9_five_times_every_input_exactly_once, .timeout = 400)
{
    nf_it_require_broker();
    nf_it_names nm;
    nf_it_names_init(&nm, "eos-kill");
    nf_it_create_topic(nm.in, 3);
    enum { N = 20000, KILLS = 5 };
    eos_produce_inputs(nm.in, N);
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    /* The first run never commits (one endless transaction): its kill is sure to leave an
     * open transaction with records on the broker, which the restart (same identity) aborts.
     * The others commit every second or 1000 inputs and are killed wherever they are. */
    const char *never[] = {"run.txn_max_ms=600000", "run.txn_max_messages=1000000"};
    const char *batch[] = {"run.txn_max_ms=1000", "run.txn_max_messages=1000"};
    for (int k = 0; k <= KILLS; k++) {
        nf_it_argv a = {0};
        eos_run_argv(&a, &nm, "k1", k == KILLS);
        for (size_t i = 0; i < 2; i++) {
            nf_it_argv_add(&a, "-X");
            nf_it_argv_add(&a, "%s", k == 0 ? never[i] : batch[i]);
        }
        char name[32];
        snprintf(name, sizeof name, "run-%d", k);
        nf_it_proc p;
        nf_it_spawn(&p, &tmp, name, &a, NULL, NULL);
        nf_it_argv_free(&a);
        if (k == KILLS) {
            nf_it_expect_exit(&p, 0, 240000);
            break;
        }
        /* Kill once this run has written something (records land on the broker before
         * their transaction commits, so the count includes the open transaction). */
        int64_t before = nf_it_topic_count(nm.out);
        int64_t seen = nf_it_wait_for_records(nm.out, before + N / 12, &p, 120000);
        cr_assert(nf_it_running(&p), "run %d ended before kill -9 (%" PRId64 " records)", k, seen);
        nf_it_signal(&p, SIGKILL);
        nf_it_wait(&p, 30000);
    }
    eos_expect_exactly_once(&nm, N);

    /* The killed runs' open transactions were aborted: their records are in the log (a
     * read_uncommitted reader sees them) and invisible to read_committed readers. */
    long n = N + EOS_POISON;
    int *counts = calloc((size_t)n, sizeof *counts);
    long committed = eos_count_by_key(nm.out, "read_committed", counts, n);
    long uncommitted = eos_count_by_key(nm.out, "read_uncommitted", counts, n);
    free(counts);
    fprintf(stderr, "nf-it eos kill: %ld committed records, %ld incl. aborted\n", committed,
            uncommitted);
    cr_assert_gt(uncommitted, committed,
                 "no aborted record in the log: the first run's open transaction left none, "
                 "so invisibility of aborted records was not tested");
    nf_it_tmp_remove(&tmp);
    nf_it_names_cleanup(&nm);
}

Test(exactly_once, zombie_with_same_identity_is_fenced, .timeout = 300)
{
    nf_it_require_broker();
    nf_it_names nm;
    nf_it_names_init(&nm, "eos-zombie");
    nf_it_create_topic(nm.in, 3);
    enum { N = 8000 };
    eos_produce_inputs(nm.in, N);
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    /* Slow the first process down so it is mid-stream when the second starts. */
    const char *slow[] = {"run.workers=1", "producer.kafka.queue.buffering.max.messages=50",
                          "producer.kafka.linger.ms=100"};
    nf_it_argv a = {0};
    eos_run_argv(&a, &nm, "z1", false);
    for (size_t i = 0; i < sizeof slow / sizeof slow[0]; i++) {
        nf_it_argv_add(&a, "-X");
        nf_it_argv_add(&a, "%s", slow[i]);
    }
    nf_it_proc older;
    nf_it_spawn(&older, &tmp, "older", &a, NULL, NULL);
    nf_it_argv_free(&a);
    nf_it_wait_for_records(nm.out, 500, &older, 120000);
    cr_assert(nf_it_running(&older), "the first process ended early");

    eos_run_argv(&a, &nm, "z1", true);
    nf_it_proc newer;
    nf_it_spawn(&newer, &tmp, "newer", &a, NULL, NULL);
    nf_it_expect_exit(&older, 1, 120000);
    char *err = nf_it_slurp(older.err_path, NULL);
    cr_assert(strstr(err, "fenced") && strstr(err, "took over"),
              "the fenced process says why:\n%s", err);
    free(err);
    nf_it_expect_exit(&newer, 0, 240000);
    /* The newer process may have ended at the end of the partitions it had before the older
     * one left; one more pass (same identity) takes whatever is left. */
    nf_it_proc last;
    nf_it_spawn(&last, &tmp, "last", &a, NULL, NULL);
    nf_it_expect_exit(&last, 0, 240000);
    nf_it_argv_free(&a);
    eos_expect_exactly_once(&nm, N);
    nf_it_tmp_remove(&tmp);
    nf_it_names_cleanup(&nm);
}

Test(exactly_once, replay_exactly_once_with_resume, .timeout = 300)
{
    nf_it_require_broker();
    nf_it_names nm;
    nf_it_names_init(&nm, "eos-replay");
    nf_it_create_topic(nm.in, 3);
    enum { N = 6000 };
    eos_produce_inputs(nm.in, N);
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    char name[64];
    nf_it_unique(name, sizeof name, "r");
    nf_it_argv a = {0};
    const char *args[] = {"replay", "-X", NULL, "-X", NULL, "-X", NULL, "--topic", nm.in,
                          "--to-topic", nm.out, "--resume", name, "-X",
                          "producer.delivery=exactly-once", "-X", "run.txn_max_ms=300", "-X",
                          "run.workers=1", "-X", "producer.kafka.queue.buffering.max.messages=100",
                          "-X", "producer.kafka.linger.ms=100", "-X",
                          "producer.kafka.batch.num.messages=20",
                          /* any free port: tests run concurrently */
                          "-X", "metrics.listen=127.0.0.1:0"};
    char bs[256], dlq[256], create[64];
    snprintf(bs, sizeof bs, "kafka.bootstrap.servers=%s", nf_it_broker());
    snprintf(dlq, sizeof dlq, "producer.dlq_topic=%s", nm.dlq);
    snprintf(create, sizeof create, "topics.create=true");
    args[2] = bs;
    args[4] = dlq;
    args[6] = create;
    for (size_t i = 0; i < sizeof args / sizeof args[0]; i++) {
        nf_it_argv_add(&a, "%s", args[i]);
    }
    nf_it_proc first;
    nf_it_spawn(&first, &tmp, "first", &a, NULL, NULL);
    nf_it_wait_for_records(nm.out, N / 4, &first, 120000);
    cr_assert(nf_it_running(&first), "the replay ended before kill -9");
    nf_it_signal(&first, SIGKILL);
    nf_it_wait(&first, 30000);
    nf_it_proc second;
    nf_it_spawn(&second, &tmp, "second", &a, NULL, NULL);
    nf_it_expect_exit(&second, 0, 240000);
    nf_it_argv_free(&a);
    eos_expect_exactly_once(&nm, N);
    nf_it_tmp_remove(&tmp);
    nf_it_names_cleanup(&nm);
}

/* What the size-ladder test checks of its one dead letter (eos_scan callback). */
typedef struct seen_dl {
    int n;
    char key[16];
    size_t value_len;
    rd_kafka_headers_t *headers;
} seen_dl;

static void keep_dead_letter(const rd_kafka_message_t *m, void *arg)
{
    seen_dl *s = arg;
    if (s->n++ > 0) {
        return;
    }
    snprintf(s->key, sizeof s->key, "%.*s", (int)m->key_len, (const char *)m->key);
    s->value_len = m->len;
    rd_kafka_headers_t *h = NULL;
    if (rd_kafka_message_headers(m, &h) == RD_KAFKA_RESP_ERR_NO_ERROR && h) {
        s->headers = rd_kafka_headers_copy(h);
    }
}

/* The value of header \p name of \p s as a string ("" when absent). */
static const char *dl_header(const seen_dl *s, const char *name, char *buf, size_t size)
{
    const void *val;
    size_t len;
    buf[0] = 0;
    if (s->headers && rd_kafka_header_get_last(s->headers, name, &val, &len) == 0 && val) {
        snprintf(buf, size, "%.*s", (int)len, (const char *)val);
    }
    return buf;
}

/* The size ladder inside transactions: a 300 KB binary input is dead-lettered with its value,
 * which the DLQ topic (max.message.bytes=65536) refuses in the delivery report. That refusal
 * aborts the transaction; the re-processed input must then go out as the next smaller form
 * (value omitted) in the new transaction. Before: the same refusal aborted every retry and the
 * stream never got past the input. */
Test(exactly_once, size_refusal_in_delivery_report_takes_the_ladder, .timeout = 150)
{
    nf_it_require_broker();
    nf_it_names nm;
    nf_it_names_init(&nm, "eos-ladder");
    nf_it_create_topic(nm.in, 1);
    nf_it_create_topic_config(nm.dlq, 1, "max.message.bytes", "65536");
    enum { N = 41, BIG = 20, BIN = 300000 };
    nf_it_produce_articles(nm.in, 0, BIG);
    unsigned char *bin = malloc(BIN);
    uint64_t x = 88172645463325252u; /* xorshift: incompressible, NULs and all */
    for (size_t i = 0; i < BIN; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bin[i] = (unsigned char)(x >> 32);
    }
    rd_kafka_t *p = nf_it_producer_new();
    nf_it_produce(p, nm.in, 0, "a-20", 4, bin, BIN, NULL);
    nf_it_producer_close(p);
    free(bin);
    nf_it_produce_articles(nm.in, BIG + 1, N - BIG - 1);

    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_argv a = {0};
    eos_run_argv(&a, &nm, "ladder", true);
    nf_it_proc run;
    nf_it_spawn(&run, &tmp, "run", &a, NULL, NULL);
    nf_it_argv_free(&a);
    nf_it_expect_exit(&run, 0, 60000); /* without the ladder: aborts for ever */

    int counts[N] = {0};
    long out = eos_count_by_key(nm.out, "read_committed", counts, N);
    long dl = eos_count_by_key(nm.dlq, "read_committed", counts, N);
    cr_assert_eq(out, N - 1, "every article enriched once (%ld)", out);
    cr_assert_eq(dl, 1, "one dead letter (%ld)", dl);
    for (int i = 0; i < N; i++) {
        cr_assert_eq(counts[i], 1, "a-%d has %d output(s)", i, counts[i]);
    }
    /* the committed dead letter: key kept, value omitted, its size said */
    seen_dl d = {0};
    eos_scan(nm.dlq, "read_committed", counts, 0, keep_dead_letter, &d);
    cr_assert_eq(d.n, 1);
    cr_assert_str_eq(d.key, "a-20");
    cr_assert_eq(d.value_len, 0, "the dead letter carries no value (%zu bytes)", d.value_len);
    char buf[64];
    cr_assert_str_eq(dl_header(&d, "newsflow.error.value_omitted_bytes", buf, sizeof buf),
                     "300000");
    cr_assert_str_eq(dl_header(&d, "newsflow.source.offset", buf, sizeof buf), "20");
    cr_assert_str_eq(dl_header(&d, "newsflow.error.code", buf, sizeof buf), "binary",
                     "the dead letter says why the input failed");
    rd_kafka_headers_destroy(d.headers);
    nf_it_tmp_remove(&tmp);
    nf_it_names_cleanup(&nm);
}

/* Records of \p topic in the log, committed or not (the high watermark of a transactional
 * topic is not what a read_committed query answers before the commit). */
static long log_count(const char *topic)
{
    int dummy[1];
    return eos_count_by_key(topic, "read_uncommitted", dummy, 0);
}

/* Wait (up to 60 s) until \p topic holds \p min records, committed or not. */
static void wait_for_log(const char *topic, long min, nf_it_proc *run)
{
    int64_t deadline = nf_it_now_ms() + 60000;
    while (log_count(topic) < min) {
        cr_assert(nf_it_running(run), "the run ended early");
        cr_assert_lt(nf_it_now_ms(), deadline, "%s: fewer than %ld records", topic, min);
        nf_it_sleep_ms(200);
    }
}

/* An abort before the first commit of a partition read from `latest` rewinds to the first
 * offset this process read there, not to the beginning: the older inputs, which a `latest`
 * consumer never read, get no output. The abort is forced by the size ladder above (a 300 KB
 * binary input whose dead letter the DLQ topic refuses), inside the first, never-committed
 * transaction. */
Test(exactly_once, abort_before_first_commit_rewinds_to_first_offset_read, .timeout = 150)
{
    nf_it_require_broker();
    nf_it_names nm;
    nf_it_names_init(&nm, "eos-latest");
    nf_it_create_topic(nm.in, 1);
    nf_it_create_topic_config(nm.dlq, 1, "max.message.bytes", "65536");
    enum { OLD = 10, N = 60, BIN = 300000 };
    nf_it_produce_articles(nm.in, 0, OLD);

    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_argv a = {0};
    eos_run_argv(&a, &nm, "latest", false);
    /* Long transactions: the abort comes within a few seconds, before any commit (the
     * warm-up below takes a second or two). */
    const char *extra[] = {"consumer.auto_offset_reset=latest", "run.txn_max_ms=15000",
                           "run.txn_max_messages=1000000"};
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
        nf_it_argv_add(&a, "-X");
        nf_it_argv_add(&a, "%s", extra[i]);
    }
    nf_it_proc run;
    nf_it_spawn(&run, &tmp, "run", &a, NULL, NULL);
    nf_it_argv_free(&a);
    /* Produce one article at a time until one has output (in the open transaction: the log
     * has it, uncommitted): from then on the consumer's `latest` position is fixed. */
    long next = OLD;
    int64_t deadline = nf_it_now_ms() + 60000;
    while (log_count(nm.out) == 0) {
        cr_assert(nf_it_running(&run), "the run ended early");
        cr_assert_lt(nf_it_now_ms(), deadline, "no output for any new article");
        nf_it_produce_articles(nm.in, next++, 1);
        nf_it_sleep_ms(300);
    }
    long first_new = next;
    unsigned char *bin = malloc(BIN);
    uint64_t x = 88172645463325252u;
    for (size_t i = 0; i < BIN; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bin[i] = (unsigned char)(x >> 32);
    }
    char key[32];
    int klen = snprintf(key, sizeof key, "a-%ld", next);
    rd_kafka_t *p = nf_it_producer_new();
    nf_it_produce(p, nm.in, 0, key, (size_t)klen, bin, BIN, NULL);
    nf_it_producer_close(p);
    free(bin);
    long bin_id = next++;
    nf_it_produce_articles(nm.in, next, N - next);
    /* The abort, the rewind and the dead letter in its smaller form. */
    wait_for_log(nm.dlq, 1, &run);
    wait_for_log(nm.out, N - first_new, &run);
    nf_it_signal(&run, SIGTERM); /* commits the open transaction */
    nf_it_expect_exit(&run, 0, 60000);
    char *err = nf_it_slurp(run.err_path, NULL);
    cr_assert(strstr(err, "aborted a transaction"), "no abort happened:\n%s", err);
    free(err);

    int counts[N] = {0};
    eos_count_by_key(nm.out, "read_committed", counts, N);
    eos_count_by_key(nm.dlq, "read_committed", counts, N);
    for (long i = 0; i < OLD; i++) {
        cr_assert_eq(counts[i], 0, "a-%ld, older than `latest`, has %d output(s)", i,
                     counts[i]);
    }
    for (long i = first_new - 1; i < N; i++) {
        cr_assert_eq(counts[i], 1, "a-%ld has %d output(s)%s", i, counts[i],
                     i == bin_id ? " (the dead letter)" : "");
    }
    nf_it_tmp_remove(&tmp);
    nf_it_names_cleanup(&nm);
}
