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

/* Every input id exactly once over enriched + dead-letter output (read_committed). */
static inline void eos_expect_exactly_once(const nf_it_names *nm, long n_articles)
{
    long n = n_articles + EOS_POISON;
    int *counts = calloc((size_t)n, sizeof *counts);
    eos_count_by_key(nm->out, "read_committed", counts, n);
    eos_count_by_key(nm->dlq, "read_committed", counts, n);
    long lost = 0, dup = 0, first_bad = -1;
    for (long i = 0; i < n; i++) {
        lost += counts[i] == 0;
        dup += counts[i] > 1 ? counts[i] - 1 : 0;
        if (counts[i] != 1 && first_bad < 0) {
            first_bad = i;
        }
    }
    cr_assert(lost == 0 && dup == 0,
              "exactly-once broken: %ld input(s) without output, %ld duplicate output(s) "
              "(first: a-%ld seen %d time(s))",
              lost, dup, first_bad, first_bad >= 0 ? counts[first_bad] : 0);
    free(counts);
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

#endif
