/* Fault injection against the mock cluster, driving the real run loop (nf_run) in-process. */
#include "app/app.h"
#include "config/config.h"

#include <criterion/criterion.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PRODUCE_API_KEY 0 /* Kafka protocol ApiKey of Produce requests */

typedef struct fixture {
    rd_kafka_t *mock_rk;           /* owns the mock cluster */
    rd_kafka_mock_cluster_t *mc;
    const char *bootstraps;
} fixture;

static void fixture_start(fixture *fx, int partitions)
{
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "test.mock.num.brokers", "1", errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "log_level", "2", errstr, sizeof errstr);
    fx->mock_rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    cr_assert_not_null(fx->mock_rk, "%s", errstr);
    fx->mc = rd_kafka_handle_mock_cluster(fx->mock_rk);
    fx->bootstraps = rd_kafka_mock_cluster_bootstraps(fx->mc);
    rd_kafka_mock_topic_create(fx->mc, "in", partitions, 1);
    rd_kafka_mock_topic_create(fx->mc, "out", partitions, 1);
    rd_kafka_mock_topic_create(fx->mc, "dlq", partitions, 1);
}

static void produce_articles(fixture *fx, int n)
{
    for (int i = 0; i < n; i++) {
        char value[256], key[32];
        snprintf(key, sizeof key, "a-%d", i);
        int len = snprintf(value, sizeof value,
                           "{\"id\":\"%s\",\"title\":\"Article %d\",\"body\":\"The ministry said "
                           "exports rose by %d percent in 2023.\"}",
                           key, i, i % 50);
        cr_assert_eq(rd_kafka_producev(fx->mock_rk, RD_KAFKA_V_TOPIC("in"),
                                       RD_KAFKA_V_KEY(key, strlen(key)),
                                       RD_KAFKA_V_VALUE(value, (size_t)len),
                                       RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
                     RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    cr_assert_eq(rd_kafka_flush(fx->mock_rk, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
}

static nf_config *run_config(const fixture *fx, const char *group)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "kafka.bootstrap.servers", fx->bootstraps, NF_CFG_CLI, NULL);
    nf_config_set(cfg, "consumer.topics", "in", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "consumer.group_id", group, NF_CFG_CLI, NULL);
    nf_config_set(cfg, "producer.topic", "out", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "producer.dlq_topic", "dlq", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "topics.create", "false", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "run.stats_interval_ms", "0", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "run.log_level", "error", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "run.shutdown_timeout_ms", "10000", NF_CFG_CLI, NULL);
    return cfg;
}

/* Committed offset of \p group for in[partition], or -1001 (none). */
static int64_t committed(const fixture *fx, const char *group, int partition)
{
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", fx->bootstraps, errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "group.id", group, errstr, sizeof errstr);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    cr_assert_not_null(rk);
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(l, "in", partition);
    cr_assert_eq(rd_kafka_committed(rk, l, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
    int64_t off = l->elems[0].offset;
    rd_kafka_topic_partition_list_destroy(l);
    rd_kafka_destroy(rk);
    return off;
}

/* Messages on \p topic (all partitions), read from the beginning. */
static int count_topic(const fixture *fx, const char *topic, int partitions)
{
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", fx->bootstraps, errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "group.id", "counter", errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "enable.partition.eof", "true", errstr, sizeof errstr);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(partitions);
    for (int p = 0; p < partitions; p++) {
        rd_kafka_topic_partition_list_add(l, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    }
    rd_kafka_assign(rk, l);
    rd_kafka_topic_partition_list_destroy(l);
    int eofs = 0, n = 0, idle = 0;
    while (eofs < partitions && idle < 100) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 100);
        if (!m) {
            idle++;
            continue;
        }
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            eofs++;
        } else if (!m->err) {
            n++;
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    return n;
}

Test(faults, permanent_delivery_failure_commits_nothing_and_exits_nonzero, .timeout = 120)
{
    fixture fx;
    fixture_start(&fx, 1);
    produce_articles(&fx, 50);
    /* Every produce request is refused with a non-retriable error: no output is ever
     * acknowledged, so no input offset may ever be committed. A run that stored offsets
     * before the delivery report would commit some here. */
    static rd_kafka_resp_err_t errs[500];
    for (size_t i = 0; i < 500; i++) {
        errs[i] = RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED;
    }
    rd_kafka_mock_push_request_errors_array(fx.mc, PRODUCE_API_KEY, 500, errs);
    nf_config *cfg = run_config(&fx, "g-fail");
    nf_config_set(cfg, "run.workers", "2", NF_CFG_CLI, NULL);
    nf_run_control ctl = {.stop = NULL, .until_end = true};
    nf_run_stats stats;
    int rc = nf_run(cfg, &ctl, &stats);
    cr_expect_eq(rc, NF_EXIT_RUNTIME, "a permanent delivery failure must exit non-zero");
    cr_expect_gt(stats.failed, 0);
    cr_expect_eq(stats.enriched, 0);
    int64_t off = committed(&fx, "g-fail", 0);
    cr_expect(off < 0, "nothing was acknowledged, yet offset %lld was committed", (long long)off);
    nf_config_destroy(cfg);
    rd_kafka_destroy(fx.mock_rk);
}

typedef struct run_thread_arg {
    nf_config *cfg;
    nf_run_stats stats;
    int rc;
} run_thread_arg;

static void *run_thread(void *p)
{
    run_thread_arg *a = p;
    nf_run_control ctl = {.stop = NULL, .until_end = true};
    a->rc = nf_run(a->cfg, &ctl, &a->stats);
    return NULL;
}

Test(faults, broker_down_and_up_loses_nothing, .timeout = 150)
{
    enum { N = 300 };
    fixture fx;
    fixture_start(&fx, 3);
    produce_articles(&fx, N);
    run_thread_arg arg = {.cfg = run_config(&fx, "g-down")};
    /* The pipeline in the loop's own thread here; the other test uses worker threads. */
    nf_config_set(arg.cfg, "run.workers", "1", NF_CFG_CLI, NULL);
    pthread_t th;
    pthread_create(&th, NULL, run_thread, &arg);
    nanosleep(&(struct timespec){0, 300 * 1000 * 1000}, NULL);
    rd_kafka_mock_broker_set_down(fx.mc, 1);
    sleep(3);
    rd_kafka_mock_broker_set_up(fx.mc, 1);
    pthread_join(th, NULL);
    cr_expect_eq(arg.rc, NF_EXIT_OK);
    cr_expect_eq(arg.stats.failed, 0);
    int out = count_topic(&fx, "out", 3);
    cr_expect_geq(out, N, "every input must have an output after the outage (got %d of %d)", out,
                  N);
    for (int p = 0; p < 3; p++) {
        cr_expect_geq(committed(&fx, "g-down", p), 0, "partition %d has no commit", p);
    }
    nf_config_destroy(arg.cfg);
    rd_kafka_destroy(fx.mock_rk);
}
