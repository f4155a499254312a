/* The run engine against the real broker (issue 7): size limits never stop the stream, a record
 * of any input within pipeline.max_article_bytes fits under the defaults, regex subscriptions,
 * and a start-up that cannot reach Kafka ends with the last broker error instead of retrying
 * for ever. */
#include "harness.h"

#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Table row "DLQ topic with max.message.bytes=65536, one 300 KB binary message": the dead
 * letter does not fit, so it goes out with its value omitted; the stream goes on. Before, the
 * permanent delivery failure stopped the run (exit 1) at the same offset on every restart. */
Test(engine, dead_letter_too_big_for_its_topic_is_sent_without_value, .timeout = 200)
{
    nf_it_require_broker();
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_names nm;
    nf_it_names_init(&nm, "dlqlimit");
    nf_it_create_topic(nm.in, 1);
    nf_it_create_topic_config(nm.dlq, 1, "max.message.bytes", "65536");
    nf_it_produce_articles(nm.in, 0, 20);
    enum { BIN = 300000 };
    unsigned char *bin = malloc(BIN);
    uint64_t x = 88172645463325252u; /* xorshift: incompressible, NULs and all */
    for (size_t i = 0; i < BIN; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bin[i] = (unsigned char)(x >> 32);
    }
    rd_kafka_t *p = nf_it_producer_new();
    nf_it_produce(p, nm.in, 0, "bin", 3, bin, BIN, NULL);
    nf_it_producer_close(p);
    free(bin);
    nf_it_produce_articles(nm.in, 20, 20);

    nf_it_argv a = {0};
    nf_it_run_argv(&a, &nm, true);
    nf_it_proc run;
    nf_it_spawn(&run, &tmp, "run", &a, NULL, NULL);
    nf_it_argv_free(&a);
    nf_it_expect_exit(&run, 0, 150000);

    nf_it_records in = {0}, out = {0}, dlq = {0};
    nf_it_read_topic(nm.in, &in);
    nf_it_read_topic(nm.out, &out);
    nf_it_read_topic(nm.dlq, &dlq);
    cr_assert_eq(in.n, 41);
    cr_assert_eq(out.n, 40, "every article enriched (%zu)", out.n);
    cr_assert_eq(dlq.n, 1, "one dead letter (%zu)", dlq.n);
    const nf_it_record *d = &dlq.items[0];
    cr_assert_eq(d->value_len, 0, "the dead letter carries no value");
    cr_assert_str_eq(d->key, "bin", "it keeps the original key");
    const nf_it_header *h = nf_it_header_get(d, "newsflow.error.value_omitted_bytes");
    cr_assert_not_null(h, "newsflow.error.value_omitted_bytes is missing");
    cr_assert_str_eq(h->value, "300000");
    cr_assert_not_null(nf_it_header_get(d, "newsflow.error.code"));
    cr_assert_eq(nf_it_header_i64(d, "newsflow.source.offset"), 20);
    int64_t committed[1], end[1];
    nf_it_committed(nm.group, nm.in, 1, committed);
    nf_it_end_offsets(nm.in, 1, end);
    cr_assert_eq(committed[0], end[0], "committed %" PRId64 " of %" PRId64, committed[0], end[0]);
    nf_it_records_free(&in);
    nf_it_records_free(&out);
    nf_it_records_free(&dlq);
    nf_it_names_cleanup(&nm);
    nf_it_tmp_remove(&tmp);
}

/* A ~900 KB article dense with numbers (inside pipeline.max_article_bytes = 1 MiB): under the
 * default configuration its record (several MB) is produced, not dead-lettered as
 * output/too_big. Before: message.max.bytes 1,000,000 refused it. */
static char *dense_article(size_t bytes, size_t *len)
{
    size_t cap = bytes + 512;
    char *s = malloc(cap);
    size_t n = (size_t)snprintf(s, cap, "{\"id\":\"dense\",\"title\":\"Figures\",\"body\":\"");
    for (long i = 0; n < bytes; i++) {
        n += (size_t)snprintf(s + n, cap - n,
                              "On March %ld, 2024 exports rose %ld%% to $%ld.%ld billion and "
                              "%ld tonnes. ",
                              1 + i % 28, 1 + i % 97, 1 + i % 900, i % 10, 100 + i % 9000);
    }
    n += (size_t)snprintf(s + n, cap - n, "\",\"language\":\"en\"}");
    *len = n;
    return s;
}

Test(engine, record_of_a_large_dense_article_fits_under_the_defaults, .timeout = 200)
{
    nf_it_require_broker();
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_names nm;
    nf_it_names_init(&nm, "dense");
    nf_it_create_topic(nm.in, 1);
    size_t len;
    char *v = dense_article(900 * 1000, &len);
    rd_kafka_t *p = nf_it_producer_new();
    nf_it_produce(p, nm.in, 0, "dense", 5, v, len, NULL);
    nf_it_producer_close(p);
    free(v);
    /* Output topics are created by newsflow (topics.create, the default). */
    nf_it_argv a = {0};
    nf_it_run_argv(&a, &nm, true);
    nf_it_proc run;
    nf_it_spawn(&run, &tmp, "run", &a, NULL, NULL);
    nf_it_argv_free(&a);
    nf_it_expect_exit(&run, 0, 150000);
    cr_assert_eq(nf_it_topic_count(nm.dlq), 0, "the large record was dead-lettered");
    nf_it_records out = {0};
    nf_it_read_topic(nm.out, &out);
    cr_assert_eq(out.n, 1);
    cr_log_info("900 KB dense article -> %zu-byte record", out.items[0].value_len);
    cr_assert_gt(out.items[0].value_len, 1000000, "the record is larger than the old limit");
    nf_it_records_free(&out);
    nf_it_names_cleanup(&nm);
    nf_it_tmp_remove(&tmp);
}

/* consumer.topics = ^<prefix>.* subscribes by pattern; before, the run looked the topic up in
 * the configured list, found none and read topics[-1]. */
Test(engine, regex_subscription, .timeout = 200)
{
    nf_it_require_broker();
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_names nm;
    nf_it_names_init(&nm, "regex");
    char in2[160];
    snprintf(in2, sizeof in2, "%s-b", nm.in);
    nf_it_create_topic(nm.in, 2);
    nf_it_create_topic(in2, 1);
    nf_it_produce_articles(nm.in, 0, 100);
    nf_it_produce_articles(in2, 100, 50);
    nf_it_argv a = {0};
    nf_it_run_argv(&a, &nm, true);
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "consumer.topics=^%s.*", nm.in);
    /* Wait for both topics' partitions before calling it the end. */
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "consumer.kafka.topic.metadata.refresh.interval.ms=1000");
    nf_it_proc run;
    nf_it_spawn(&run, &tmp, "run", &a, NULL, NULL);
    nf_it_argv_free(&a);
    nf_it_expect_exit(&run, 0, 150000);
    cr_assert_eq(nf_it_topic_count(nm.dlq), 0);
    nf_it_records out = {0};
    nf_it_read_topic(nm.out, &out);
    long seen[150] = {0};
    for (size_t i = 0; i < out.n; i++) {
        long k = nf_it_article_num(out.items[i].key, out.items[i].key_len);
        cr_assert(k >= 0 && k < 150, "unexpected key");
        seen[k]++;
    }
    for (long k = 0; k < 150; k++) {
        cr_assert_geq(seen[k], 1, "article a-%ld (topic %s) has no output", k,
                      k < 100 ? nm.in : in2);
    }
    nf_it_records_free(&out);
    nf_it_names_cleanup(&nm);
    nf_it_tmp_remove(&tmp);
}

/* Nothing listens: with topics.create=false the run used to retry for ever. Now it gives up
 * after run.startup_timeout_ms (exit 1) and names the last broker error. */
Test(engine, unreachable_kafka_at_start_times_out_with_the_last_error, .timeout = 120)
{
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_argv a = {0};
    nf_it_argv_add(&a, "run");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "kafka.bootstrap.servers=127.0.0.1:1");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "topics.create=false");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "run.startup_timeout_ms=3000");
    /* Any free port: tests run concurrently and must never take the default 9464. */
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "metrics.listen=127.0.0.1:0");
    nf_it_proc run;
    int64_t t0 = nf_it_now_ms();
    nf_it_spawn(&run, &tmp, "run", &a, NULL, NULL);
    nf_it_argv_free(&a);
    nf_it_expect_exit(&run, 1, 60000);
    char *err = nf_it_slurp(run.err_path, NULL);
    cr_assert_not_null(err);
    cr_expect(strstr(err, "run.startup_timeout_ms=3000") != NULL, "%s", err);
    cr_expect(strstr(err, "last broker error: _TRANSPORT") != NULL, "%s", err);
    /* Each connection failure is logged once: librdkafka's own line for it is not repeated. */
    cr_expect(strstr(err, "|FAIL|") == NULL, "librdkafka's duplicate log line: %s", err);
    cr_log_info("gave up after %" PRId64 " ms", nf_it_now_ms() - t0);
    free(err);
    nf_it_tmp_remove(&tmp);
}

/* An authentication failure is reported as such, and ends the start-up at once. The test
 * broker speaks PLAINTEXT; a client configured for SASL/PLAIN gets no SASL handshake from it. */
Test(engine, authentication_failure_is_reported, .timeout = 120)
{
    nf_it_require_broker();
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_argv a = {0};
    nf_it_argv_add(&a, "run");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "kafka.bootstrap.servers=%s", nf_it_broker());
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "kafka.security.protocol=SASL_PLAINTEXT");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "kafka.sasl.mechanism=PLAIN");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "kafka.sasl.username=nobody");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "kafka.sasl.password=wrong");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "topics.create=false");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "run.startup_timeout_ms=20000");
    /* Any free port: tests run concurrently and must never take the default 9464. */
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "metrics.listen=127.0.0.1:0");
    nf_it_proc run;
    nf_it_spawn(&run, &tmp, "run", &a, NULL, NULL);
    nf_it_argv_free(&a);
    nf_it_expect_exit(&run, 1, 60000);
    char *err = nf_it_slurp(run.err_path, NULL);
    cr_assert_not_null(err);
    cr_expect(strstr(err, "authentication failed") != NULL, "%s", err);
    cr_expect(strstr(err, "wrong") == NULL, "the password leaked into the log: %s", err);
    free(err);
    nf_it_tmp_remove(&tmp);
}
