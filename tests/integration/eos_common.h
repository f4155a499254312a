/* Helpers shared by the exactly-once tests (real broker only: the mock cluster shows aborted
 * records to read_committed readers and does not store transactional offsets). */
#ifndef NF_TESTS_INTEGRATION_EOS_COMMON_H
#define NF_TESTS_INTEGRATION_EOS_COMMON_H

#include "harness.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Poison inputs (dead letters) carry ids after the articles. */
#define EOS_POISON 40

/* Articles a-0..a-(n-1), then EOS_POISON broken messages keyed a-n.. (dead letters). */
static inline void eos_produce_inputs(const char *topic, long n)
{
    nf_it_produce_articles(topic, 0, n);
    rd_kafka_t *rk = nf_it_producer_new();
    for (long i = n; i < n + EOS_POISON; i++) {
        char key[32];
        int klen = snprintf(key, sizeof key, "a-%ld", i);
        nf_it_produce(rk, topic, RD_KAFKA_PARTITION_UA, key, (size_t)klen, "{\"body\": 1", 10,
                      NULL);
    }
    nf_it_producer_close(rk);
}

/* Read every partition of \p topic to its end with \p isolation; counts[id]++ per record
 * whose key is "a-<id>" (id < n), and \p each (may be NULL) sees every record. @returns the
 * number of records read. */
static inline long eos_scan(const char *topic, const char *isolation, int *counts, long n,
                            void (*each)(const rd_kafka_message_t *, void *), void *arg)
{
    char errstr[512], group[128];
    nf_it_unique(group, sizeof group, "eos-reader");
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    const char *kv[][2] = {
        {"bootstrap.servers", nf_it_broker()}, {"group.id", group},
        {"enable.auto.commit", "false"},       {"enable.partition.eof", "true"},
        {"isolation.level", isolation},        {"auto.offset.reset", "earliest"},
        {"log_level", "3"},
    };
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++) {
        cr_assert_eq(rd_kafka_conf_set(conf, kv[i][0], kv[i][1], errstr, sizeof errstr),
                     RD_KAFKA_CONF_OK, "%s", errstr);
    }
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    cr_assert_not_null(rk, "%s", errstr);
    int parts = nf_it_partition_count(topic);
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(parts);
    for (int p = 0; p < parts; p++) {
        rd_kafka_topic_partition_list_add(l, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    }
    rd_kafka_assign(rk, l);
    rd_kafka_topic_partition_list_destroy(l);
    /* The writers have stopped: the end of each partition (the last stable offset for
     * read_committed) is final, and EOF says it was reached. */
    int open = parts;
    char *eof = calloc((size_t)parts, 1);
    long total = 0;
    int64_t deadline = nf_it_now_ms() + 120000;
    while (open > 0) {
        cr_assert_lt(nf_it_now_ms(), deadline, "reading %s: %d partition(s) not at EOF", topic,
                     open);
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 200);
        if (!m) {
            continue;
        }
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            if (!eof[m->partition]) {
                eof[m->partition] = 1;
                open--;
            }
        } else {
            cr_assert_eq(m->err, RD_KAFKA_RESP_ERR_NO_ERROR, "%s", rd_kafka_message_errstr(m));
            long id = nf_it_article_num(m->key, m->key_len);
            if (id >= 0 && id < n) {
                counts[id]++;
            }
            if (each) {
                each(m, arg);
            }
            total++;
        }
        rd_kafka_message_destroy(m);
    }
    free(eof);
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    return total;
}

static inline long eos_count_by_key(const char *topic, const char *isolation, int *counts, long n)
{
    return eos_scan(topic, isolation, counts, n, NULL, NULL);
}

/* Outputs per input id over enriched + dead-letter output (read_committed). */
typedef struct eos_tally {
    long lost;        /* inputs without output */
    long dup;         /* outputs beyond the first of an input */
    long first_bad;   /* the first id not seen exactly once, -1 = none */
    int first_bad_n;  /* how often it was seen */
} eos_tally;

static inline eos_tally eos_tally_outputs(const nf_it_names *nm, long n_articles)
{
    long n = n_articles + EOS_POISON;
    int *counts = calloc((size_t)n, sizeof *counts);
    eos_count_by_key(nm->out, "read_committed", counts, n);
    eos_count_by_key(nm->dlq, "read_committed", counts, n);
    eos_tally t = {.first_bad = -1};
    for (long i = 0; i < n; i++) {
        t.lost += counts[i] == 0;
        t.dup += counts[i] > 1 ? counts[i] - 1 : 0;
        if (counts[i] != 1 && t.first_bad < 0) {
            t.first_bad = i;
            t.first_bad_n = counts[i];
        }
    }
    free(counts);
    return t;
}

/* Every input id exactly once over enriched + dead-letter output (read_committed). */
static inline void eos_expect_exactly_once(const nf_it_names *nm, long n_articles)
{
    eos_tally t = eos_tally_outputs(nm, n_articles);
    cr_assert(t.lost == 0 && t.dup == 0,
              "exactly-once broken: %ld input(s) without output, %ld duplicate output(s) "
              "(first: a-%ld seen %d time(s))",
              t.lost, t.dup, t.first_bad, t.first_bad_n);
}

/* "newsflow run" in exactly-once mode with identity \p instance. */
static inline void eos_run_argv(nf_it_argv *a, const nf_it_names *nm, const char *instance,
                                bool until_end)
{
    nf_it_run_argv(a, nm, until_end);
    const char *extra[] = {
        "producer.delivery=exactly-once",
        "consumer.kafka.session.timeout.ms=6000",
        "consumer.kafka.heartbeat.interval.ms=500",
        "run.workers=2",
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
        nf_it_argv_add(a, "-X");
        nf_it_argv_add(a, "%s", extra[i]);
    }
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "run.instance_id=%s", instance);
}

/* ---- a run with the NF_TEST_FATAL_AFTER hook (test_producer_fatal.c) ------------------------- */

typedef struct eos_fatal {
    nf_it_names nm;
    nf_it_tmp tmp;
    nf_it_argv argv;  /* the run's arguments: a restart uses them again */
    nf_it_proc p;
    char *err;        /* the run's stderr once it exited (eos_fatal_expect_exit) */
} eos_fatal;

/* Fresh topics for \p what, \p n articles + the poison inputs in 3 partitions, and `newsflow
 * run` (exactly-once as \p instance, at-least-once when NULL; 2 workers) started with
 * NF_TEST_FATAL_AFTER=\p hook (NULL: none). \p extra (NULL-terminated, may be NULL): more -X
 * settings. */
static inline void eos_fatal_start(eos_fatal *f, const char *what, long n, const char *instance,
                                   bool until_end, const char *hook, const char *const *extra)
{
    memset(f, 0, sizeof *f);
    nf_it_require_broker();
    nf_it_names_init(&f->nm, what);
    nf_it_create_topic(f->nm.in, 3);
    eos_produce_inputs(f->nm.in, n);
    nf_it_tmp_init(&f->tmp);
    if (instance) {
        eos_run_argv(&f->argv, &f->nm, instance, until_end);
    } else {
        nf_it_run_argv(&f->argv, &f->nm, until_end);
        nf_it_argv_add(&f->argv, "-X");
        nf_it_argv_add(&f->argv, "run.workers=2");
    }
    for (size_t i = 0; extra && extra[i]; i++) {
        nf_it_argv_add(&f->argv, "-X");
        nf_it_argv_add(&f->argv, "%s", extra[i]);
    }
    nf_it_argv env = {0};
    if (hook) {
        nf_it_argv_add(&env, "NF_TEST_FATAL_AFTER=%s", hook);
    }
    nf_it_spawn(&f->p, &f->tmp, "run", &f->argv, &env, NULL);
    nf_it_argv_free(&env);
}

/* The run exits with \p code within \p timeout_ms; f->err holds its stderr. */
static inline void eos_fatal_expect_exit(eos_fatal *f, int code, int timeout_ms)
{
    nf_it_expect_exit(&f->p, code, timeout_ms);
    f->err = nf_it_slurp(f->p.err_path, NULL);
    cr_assert_not_null(f->err, "cannot read %s", f->p.err_path);
}

/* eos_fatal_start() with --until-end, then eos_fatal_expect_exit(). */
static inline void eos_fatal_run(eos_fatal *f, const char *what, long n, const char *instance,
                                 const char *hook, int code, int timeout_ms)
{
    eos_fatal_start(f, what, n, instance, true, hook, NULL);
    eos_fatal_expect_exit(f, code, timeout_ms);
}

static inline void eos_fatal_cleanup(eos_fatal *f)
{
    free(f->err);
    nf_it_argv_free(&f->argv);
    nf_it_tmp_remove(&f->tmp);
    nf_it_names_cleanup(&f->nm);
}

#endif
