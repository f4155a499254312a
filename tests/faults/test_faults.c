/* Fault injection against the mock cluster, driving the real run loop (nf_run) in-process. */
#include "app/app.h"
#include "config/config.h"
#include "consumer/consumer.h"
#include "consumer/replay_plan.h"

#include <criterion/criterion.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
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

/* A mock cluster whose "in" topic (\p partitions) holds articles a-0..a-(n-1). */
static void fixture_with_articles(fixture *fx, int partitions, int n)
{
    fixture_start(fx, partitions);
    produce_articles(fx, n);
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
    /* Any free port: tests run concurrently and must never take the default 9464. */
    nf_config_set(cfg, "metrics.listen", "127.0.0.1:0", NF_CFG_CLI, NULL);
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
    fixture_with_articles(&fx, 1, 50);
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
    fixture_with_articles(&fx, 3, N);
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

/* Every message of \p topic partition 0 from the beginning, with its value and one header. */
typedef struct seen {
    int n;
    size_t value_len[8];
    char omitted[8][32];   /* newsflow.error.value_omitted_bytes, "" if absent */
    char code[8][32];      /* newsflow.error.code, "" if absent */
} seen;

static void read_partition0(const fixture *fx, const char *topic, seen *out)
{
    char errstr[512];
    memset(out, 0, sizeof *out);
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", fx->bootstraps, errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "group.id", "reader", errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "enable.partition.eof", "true", errstr, sizeof errstr);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(l, topic, 0)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(rk, l);
    rd_kafka_topic_partition_list_destroy(l);
    for (int idle = 0; idle < 100;) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 100);
        if (!m) {
            idle++;
            continue;
        }
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            rd_kafka_message_destroy(m);
            break;
        }
        if (!m->err && out->n < 8) {
            out->value_len[out->n] = m->len;
            rd_kafka_headers_t *h = NULL;
            const void *v;
            size_t vlen;
            if (rd_kafka_message_headers(m, &h) == RD_KAFKA_RESP_ERR_NO_ERROR) {
                if (rd_kafka_header_get_last(h, "newsflow.error.value_omitted_bytes", &v,
                                             &vlen) == RD_KAFKA_RESP_ERR_NO_ERROR) {
                    snprintf(out->omitted[out->n], 32, "%.*s", (int)vlen, (const char *)v);
                }
                if (rd_kafka_header_get_last(h, "newsflow.error.code", &v, &vlen) ==
                    RD_KAFKA_RESP_ERR_NO_ERROR) {
                    snprintf(out->code[out->n], 32, "%.*s", (int)vlen, (const char *)v);
                }
            }
            out->n++;
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
}

/* An article whose body is \p body_len bytes of \p word repeated. */
static void produce_body(fixture *fx, const char *id, const char *word, size_t body_len)
{
    char *value = malloc(body_len + 64);
    int n = snprintf(value, 64, "{\"id\":\"%s\",\"body\":\"", id);
    for (size_t i = 0; i < body_len; i++) {
        value[n + (int)i] = word[i % strlen(word)];
    }
    memcpy(value + n + body_len, "\"}", 2);
    size_t len = (size_t)n + body_len + 2;
    cr_assert_eq(rd_kafka_producev(fx->mock_rk, RD_KAFKA_V_TOPIC("in"), RD_KAFKA_V_PARTITION(0),
                                   RD_KAFKA_V_KEY(id, strlen(id)), RD_KAFKA_V_VALUE(value, len),
                                   RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
                 RD_KAFKA_RESP_ERR_NO_ERROR);
    free(value);
}

Test(faults, records_too_large_for_the_producer_are_dead_lettered_not_fatal, .timeout = 120)
{
    fixture fx;
    fixture_start(&fx, 1);
    /* With message.max.bytes = 2000: a small article fits; a 1,000-byte list of country names
     * fits as input but its enriched record (an annotation per name) does not, so it is
     * dead-lettered with its value; a 3,000-byte article does not fit even as a dead letter,
     * which then carries only its size. */
    produce_body(&fx, "small", "aaaaa ", 100);
    produce_body(&fx, "medium", "Kazakhstan China ", 1000);
    produce_body(&fx, "large", "aaaaa ", 3000);
    cr_assert_eq(rd_kafka_flush(fx.mock_rk, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
    nf_config *cfg = run_config(&fx, "g-size");
    nf_config_set(cfg, "producer.kafka.message.max.bytes", "2000", NF_CFG_CLI, NULL);
    nf_run_control ctl = {.stop = NULL, .until_end = true};
    nf_run_stats stats;
    int rc = nf_run(cfg, &ctl, &stats);
    cr_expect_eq(rc, NF_EXIT_OK, "an oversized record must not stop the stream");
    cr_expect_eq(stats.enriched, 1);
    cr_expect_eq(stats.dead_lettered, 2);
    seen out, dlq;
    read_partition0(&fx, "out", &out);
    read_partition0(&fx, "dlq", &dlq);
    cr_expect_eq(out.n, 1);
    cr_assert_eq(dlq.n, 2);
    cr_expect_str_eq(dlq.code[0], "too_big");
    cr_expect_eq(dlq.value_len[0], 1025, "the medium dead letter keeps its value (got %zu bytes)",
                 dlq.value_len[0]);
    cr_expect_str_eq(dlq.omitted[0], "");
    cr_expect_eq(dlq.value_len[1], 0);
    cr_expect_str_eq(dlq.omitted[1], "3024", "the large dead letter says how big it was");
    cr_expect_geq(committed(&fx, "g-size", 0), 3, "all three inputs are accounted for");
    nf_config_destroy(cfg);
    rd_kafka_destroy(fx.mock_rk);
}

/* ---- issue 7: stop means stop; size refusals in delivery reports ------------------------- */

typedef struct stop_thread_arg {
    nf_config *cfg;
    volatile sig_atomic_t stop;
    nf_run_stats stats;
    int rc;
    volatile int done;
} stop_thread_arg;

static void *stoppable_run(void *p)
{
    stop_thread_arg *a = p;
    nf_run_control ctl = {.stop = &a->stop, .until_end = false};
    a->rc = nf_run(a->cfg, &ctl, &a->stats);
    a->done = 1;
    return NULL;
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Poll \p c until \p n messages (errors skipped) or 30 s; returns how many were polled. */
static int poll_messages(nf_consumer *c, rd_kafka_message_t **m, int n)
{
    int got = 0;
    for (int64_t until = mono_ms() + 30000; got < n && mono_ms() < until;) {
        rd_kafka_message_t *rkm = nf_consumer_poll(c, 100);
        if (rkm && !rkm->err) {
            m[got++] = rkm;
        } else if (rkm) {
            rd_kafka_message_destroy(rkm);
        }
    }
    return got;
}

/* Table row "broker killed, then SIGTERM with run.shutdown_timeout_ms=5000": with the broker
 * down the producer queue fills up; the stop must still end the run within the shutdown
 * timeout (+1 s), and after the broker is back a restart leaves no input without output. */
Test(faults, broker_down_then_stop_exits_within_the_shutdown_timeout, .timeout = 150)
{
    enum { N = 400 };
    fixture fx;
    fixture_with_articles(&fx, 2, N);
    stop_thread_arg a = {.cfg = run_config(&fx, "g-stop")};
    nf_config_set(a.cfg, "run.workers", "2", NF_CFG_CLI, NULL);
    nf_config_set(a.cfg, "run.shutdown_timeout_ms", "5000", NF_CFG_CLI, NULL);
    nf_config_set(a.cfg, "run.log_level", getenv("NF_FAULTS_LOG") ? "info" : "error", NF_CFG_CLI, NULL);
    /* A queue of 5 messages fills at once while the broker is down. */
    nf_config_set(a.cfg, "producer.kafka.queue.buffering.max.messages", "5", NF_CFG_CLI, NULL);
    /* Batches leave every 2 s: the queue is full whenever the broker goes down. */
    nf_config_set(a.cfg, "producer.kafka.linger.ms", "2000", NF_CFG_CLI, NULL);
    pthread_t th;
    /* Down before the run starts producing: its outputs cannot be acknowledged. */
    rd_kafka_mock_broker_set_down(fx.mc, 1);
    pthread_create(&th, NULL, stoppable_run, &a);
    /* The run needs the broker to start (group join): up for a moment, then down again once
     * the first outputs are out. */
    rd_kafka_mock_broker_set_up(fx.mc, 1);
    int64_t t0 = mono_ms();
    while (count_topic(&fx, "out", 2) < 5 && mono_ms() - t0 < 60000) {
        nanosleep(&(struct timespec){0, 100 * 1000 * 1000}, NULL);
    }
    rd_kafka_mock_broker_set_down(fx.mc, 1);
    sleep(2); /* the queue fills up and the run waits for room */
    int64_t signalled = mono_ms();
    a.stop = 1;
    while (!a.done && mono_ms() - signalled < 20000) {
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    }
    int64_t took = mono_ms() - signalled;
    cr_assert(a.done, "the run ignored the stop for %lld ms with the broker down", (long long)took);
    pthread_join(th, NULL);
    cr_expect_leq(took, 6000, "stopping took %lld ms, more than run.shutdown_timeout_ms + 1 s",
                  (long long)took);
    /* 1 when outputs stayed unacknowledged or the final commit failed (the usual case with the
     * broker down); 0 if everything got through before the outage. */
    cr_expect(a.rc == NF_EXIT_RUNTIME || a.rc == NF_EXIT_OK, "exit code %d", a.rc);
    /* Broker back: a restart of the group leaves no input without output. */
    rd_kafka_mock_broker_set_up(fx.mc, 1);
    run_thread_arg again = {.cfg = run_config(&fx, "g-stop")};
    pthread_t th2;
    pthread_create(&th2, NULL, run_thread, &again);
    pthread_join(th2, NULL);
    cr_expect_eq(again.rc, NF_EXIT_OK);
    int out = count_topic(&fx, "out", 2);
    cr_expect_geq(out, N, "inputs without output after the restart (%d outputs of %d)", out, N);
    for (int p = 0; p < 2; p++) {
        cr_expect_geq(committed(&fx, "g-stop", p), 0, "partition %d has no commit", p);
    }
    nf_config_destroy(a.cfg);
    nf_config_destroy(again.cfg);
    rd_kafka_destroy(fx.mock_rk);
}

/* A size limit that refuses outputs in the delivery report (the broker's topic limit), not
 * synchronously: the refused records become dead letters (without their value: they were
 * small, no copy was kept), the stream goes on, every input is accounted for. */
Test(faults, size_refusal_in_delivery_report_is_dead_lettered_not_fatal, .timeout = 120)
{
    enum { N = 30 };
    fixture fx;
    fixture_with_articles(&fx, 1, N);
    /* The first two produce requests are refused as too large by the "broker". */
    rd_kafka_mock_push_request_errors(fx.mc, PRODUCE_API_KEY, 2,
                                      RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
                                      RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
    nf_config *cfg = run_config(&fx, "g-drsize");
    nf_config_set(cfg, "run.workers", "1", NF_CFG_CLI, NULL);
    nf_run_control ctl = {.stop = NULL, .until_end = true};
    nf_run_stats stats;
    int rc = nf_run(cfg, &ctl, &stats);
    cr_expect_eq(rc, NF_EXIT_OK, "a size refusal in a delivery report must not stop the stream");
    cr_expect_eq(stats.failed, 0);
    cr_expect_gt(stats.resent, 0, "nothing was re-sent in a smaller form");
    cr_expect_eq(stats.enriched + stats.dead_lettered, N, "%llu + %llu outputs for %d inputs",
                 (unsigned long long)stats.enriched, (unsigned long long)stats.dead_lettered, N);
    seen dlq;
    read_partition0(&fx, "dlq", &dlq);
    cr_assert_gt(dlq.n, 0);
    cr_expect_str_eq(dlq.code[0], "too_big");
    cr_expect_neq(dlq.omitted[0][0], '\0', "the dead letter says how big the input was");
    cr_expect_eq(committed(&fx, "g-drsize", 0), N, "all inputs are accounted for");
    nf_config_destroy(cfg);
    rd_kafka_destroy(fx.mock_rk);
}

/* ---- a stalled stream says why ------------------------------------------------------------ */

/* Everything written to stderr (fd 2) while \p fn runs, as a string to free. */
static char *capture_stderr(void (*fn)(void *), void *arg)
{
    char path[] = "/tmp/nf-faults-stderr-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    fn(arg);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    off_t size = lseek(fd, 0, SEEK_END);
    char *text = calloc((size_t)size + 1, 1);
    cr_assert_eq(pread(fd, text, (size_t)size, 0), (ssize_t)size);
    close(fd);
    unlink(path);
    return text;
}

typedef struct outage_arg {
    fixture *fx;
    run_thread_arg run;
} outage_arg;

/* The run goes on while the broker is away for 4 s, long enough for the producer's share of
 * the budget to fill. */
static void run_through_outage(void *p)
{
    outage_arg *o = p;
    pthread_t th;
    pthread_create(&th, NULL, run_thread, &o->run);
    int64_t t0 = mono_ms();
    while (count_topic(o->fx, "out", 1) < 10 && mono_ms() - t0 < 60000) {
        nanosleep(&(struct timespec){0, 100 * 1000 * 1000}, NULL);
    }
    rd_kafka_mock_broker_set_down(o->fx->mc, 1);
    sleep(4);
    rd_kafka_mock_broker_set_up(o->fx->mc, 1);
    pthread_join(th, NULL);
}

/* While the broker cannot take the outputs, the input pauses; the progress line says so and
 * why (how much the producer holds of its share), so a stream that reads nothing is explained
 * by its log. */
Test(faults, progress_line_says_the_input_is_paused_and_why, .timeout = 150)
{
    enum { N = 30000 };
    fixture fx;
    fixture_with_articles(&fx, 1, N);
    outage_arg o = {.fx = &fx, .run = {.cfg = run_config(&fx, "g-paused")}};
    nf_config *cfg = o.run.cfg;
    nf_config_set(cfg, "run.workers", "1", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "run.log_level", "info", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "run.stats_interval_ms", "100", NF_CFG_CLI, NULL);
    /* the smallest budget: a producer share of 4 MiB, which the outage fills */
    nf_config_set(cfg, "run.memory_budget", "16", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "pipeline.max_article_bytes", "65536", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "pipeline.stages", "decode,normalize,encode", NF_CFG_CLI, NULL);
    char *log = capture_stderr(run_through_outage, &o);
    cr_expect_eq(o.run.rc, NF_EXIT_OK, "%s", log);
    cr_expect_geq(count_topic(&fx, "out", 1), N);
    const char *line = strstr(log, "; input paused (producer holds ");
    cr_expect_not_null(line, "no progress line said the input was paused:\n%.4000s", log);
    cr_expect_not_null(strstr(log, "byte share)"), "the line names the producer's share");
    free(log);
    nf_config_destroy(cfg);
    rd_kafka_destroy(fx.mock_rk);
}

/* The keys every exactly-once fault test sets: identity \p instance, batches of \p batch
 * input messages (NULL: the default). */
static nf_config *eos_config(const fixture *fx, const char *group, const char *instance,
                             const char *batch)
{
    nf_config *cfg = run_config(fx, group);
    nf_config_set(cfg, "producer.delivery", "exactly-once", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "run.instance_id", instance, NF_CFG_CLI, NULL);
    if (batch) {
        nf_config_set(cfg, "run.txn_max_messages", batch, NF_CFG_CLI, NULL);
    }
    return cfg;
}

#define END_TXN_API_KEY 26 /* Kafka protocol ApiKey of EndTxn requests */

/* Exactly-once: the coordinator answers an EndTxn with INVALID_TXN_STATE (what the restarted
 * broker answered in the failed CI run), which librdkafka 2.0.2 makes a fatal producer error
 * inside commit_transaction. Not fencing: the run recreates the producer (once), reads the
 * batch again and finishes (--until-end) with exit 0. Before: exit 1 at that commit. (The mock
 * cluster shows aborted records to every reader: exactly-once of the output is checked on the
 * real broker, tests/integration/test_producer_fatal.c.) */
Test(faults, fatal_invalid_txn_state_on_commit_recreates_the_producer, .timeout = 150)
{
    enum { N = 600 };
    fixture fx;
    fixture_with_articles(&fx, 3, N);
    rd_kafka_mock_push_request_errors(fx.mc, END_TXN_API_KEY, 1,
                                      RD_KAFKA_RESP_ERR_INVALID_TXN_STATE);
    nf_config *cfg = eos_config(&fx, "g-eos-fatal", "f1", "100");
    nf_config_set(cfg, "run.workers", "2", NF_CFG_CLI, NULL);
    nf_run_control ctl = {.stop = NULL, .until_end = true};
    nf_run_stats stats;
    int rc = nf_run(cfg, &ctl, &stats);
    cr_expect_eq(rc, NF_EXIT_OK, "a fatal error that is not fencing must not stop the run");
    cr_expect_eq(stats.producer_recreated, 1);
    cr_expect_geq(stats.consumed, N, "consumed %llu of %d", (unsigned long long)stats.consumed,
                  N);
    nf_config_destroy(cfg);
    rd_kafka_destroy(fx.mock_rk);
}

/* The failed CI run's sequence: a batch must be aborted (here a produce request refused for
 * good), and the coordinator answers that EndTxn(abort) with INVALID_TXN_STATE: fatal in
 * abort_transaction. The run recreates the producer, whose init_transactions aborts the batch,
 * reads it again and finishes with exit 0. */
Test(faults, fatal_invalid_txn_state_on_abort_recreates_the_producer, .timeout = 150)
{
    enum { N = 600 };
    fixture fx;
    fixture_with_articles(&fx, 3, N);
    rd_kafka_mock_push_request_errors(fx.mc, PRODUCE_API_KEY, 1,
                                      RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED);
    rd_kafka_mock_push_request_errors(fx.mc, END_TXN_API_KEY, 1,
                                      RD_KAFKA_RESP_ERR_INVALID_TXN_STATE);
    nf_config *cfg = eos_config(&fx, "g-eos-abort", "a1", "100");
    nf_config_set(cfg, "run.workers", "1", NF_CFG_CLI, NULL);
    nf_run_control ctl = {.stop = NULL, .until_end = true};
    nf_run_stats stats;
    int rc = nf_run(cfg, &ctl, &stats);
    cr_expect_eq(rc, NF_EXIT_OK, "a fatal abort that is not fencing must not stop the run");
    cr_expect_eq(stats.producer_recreated, 1);
    cr_expect_geq(stats.failed, 1, "the refused produce request failed a delivery");
    nf_config_destroy(cfg);
    rd_kafka_destroy(fx.mock_rk);
}

#define INIT_PRODUCER_ID_API_KEY 22 /* Kafka protocol ApiKey of InitProducerId requests */

/* Every later InitProducerId (the next 200) is refused: no new producer can start. */
static void refuse_init_producer_id(rd_kafka_mock_cluster_t *mc)
{
    static rd_kafka_resp_err_t errs[200];
    for (size_t i = 0; i < 200; i++) {
        errs[i] = RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED;
    }
    rd_kafka_mock_push_request_errors_array(mc, INIT_PRODUCER_ID_API_KEY, 200, errs);
}


/* The recovery is bounded: when every new producer's init_transactions fails, the run exits 1
 * after run.producer_recovery_timeout_ms (3 s here; attempts 0.5 s, 1 s, 2 s apart) instead of
 * retrying for ever, naming the error. */
Test(faults, recovery_that_keeps_failing_exits_after_the_timeout, .timeout = 150)
{
    fixture fx;
    fixture_with_articles(&fx, 1, 50);
    stop_thread_arg arg = {.cfg = eos_config(&fx, "g-eos-bound", "b1", NULL)};
    nf_config_set(arg.cfg, "run.producer_recovery_timeout_ms", "3000", NF_CFG_CLI, NULL);
    pthread_t th;
    pthread_create(&th, NULL, stoppable_run, &arg);
    int64_t until = mono_ms() + 60000;
    while (count_topic(&fx, "out", 1) < 50 && mono_ms() < until) {
        nanosleep(&(struct timespec){0, 100 * 1000 * 1000}, NULL);
    }
    /* Every later InitProducerId is refused; the next commit is answered INVALID_TXN_STATE. */
    refuse_init_producer_id(fx.mc);
    rd_kafka_mock_push_request_errors(fx.mc, END_TXN_API_KEY, 1,
                                      RD_KAFKA_RESP_ERR_INVALID_TXN_STATE);
    int64_t t0 = mono_ms();
    produce_articles(&fx, 20); /* a new batch to commit */
    while (!arg.done && mono_ms() < t0 + 90000) {
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    }
    if (!arg.done) {
        arg.stop = 1; /* the bound did not hold: end the run so the test can report it */
    }
    pthread_join(th, NULL);
    int64_t took = mono_ms() - t0;
    cr_expect_eq(arg.rc, NF_EXIT_RUNTIME);
    cr_expect_eq(arg.stats.producer_recreated, 0);
    cr_expect(took >= 3000 && took < 60000,
              "exit %lld ms after the error; run.producer_recovery_timeout_ms=3000",
              (long long)took);
    nf_config_destroy(arg.cfg);
    rd_kafka_destroy(fx.mock_rk);
}

/* ---- a fatal producer error while stopping ------------------------------------------------ */

/* The progress callback (run on the loop's thread) asks for the stop once `stop_after` inputs
 * were consumed, like a SIGTERM arriving then, and from `refuse_after` inputs on every later
 * InitProducerId is refused (no new producer can start). 0 = never. */
typedef struct stop_when {
    volatile sig_atomic_t *stop;
    uint64_t stop_after;
    uint64_t refuse_after;
    rd_kafka_mock_cluster_t *mc;
    bool refused;
    bool finished;            /* at the end: nf_consumer_replay_finished() (replay done) */
} stop_when;

static void stop_when_consumed(void *opaque, nf_consumer *c, const nf_run_stats *st, bool final)
{
    stop_when *s = opaque;
    if (final) {
        s->finished = nf_consumer_replay_finished(c);
        return;
    }
    if (s->refuse_after && !s->refused && st->consumed >= s->refuse_after) {
        refuse_init_producer_id(s->mc);
        s->refused = true;
    }
    if (s->stop_after && st->consumed >= s->stop_after) {
        *s->stop = 1;
    }
}

/* nf_run(cfg) under stop_when_consumed(), with the fatal producer error `err` raised after
 * `fatal_after` inputs, or (0) when the stop begins (the NF_TEST_FATAL_AFTER=stop hook). */
typedef struct stop_run {
    stop_thread_arg run;      /* cfg, the stop flag, and the outcome */
    stop_when when;
    int err;
    int64_t fatal_after;
    const nf_replay_request *replay; /* replay mode (until its end), or NULL */
    const char *resume_group;
} stop_run;

static void *run_with_fatal(void *p)
{
    stop_run *a = p;
    a->when.stop = &a->run.stop;
    nf_run_control ctl = {.stop = &a->run.stop, .progress = stop_when_consumed,
                          .progress_opaque = &a->when, .test_fatal_after = a->fatal_after,
                          .test_fatal_at_stop = a->fatal_after == 0, .test_fatal_err = a->err,
                          .replay = a->replay, .resume_group = a->resume_group,
                          .until_end = a->replay != NULL};
    a->run.rc = nf_run(a->run.cfg, &ctl, &a->run.stats);
    a->run.done = 1;
    return NULL;
}

static void run_with_fatal_fn(void *p)
{
    run_with_fatal(p);
}

/* Exactly-once with the whole input in one open transaction until the stop; warnings logged
 * (the tests read them). */
static nf_config *eos_one_batch(const fixture *fx, const char *group, const char *instance)
{
    nf_config *cfg = eos_config(fx, group, instance, "100000");
    nf_config_set(cfg, "run.txn_max_ms", "600000", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "run.log_level", "warn", NF_CFG_CLI, NULL);
    return cfg;
}

static void stop_run_cleanup(fixture *fx, stop_run *a, char *log)
{
    free(log);
    nf_config_destroy(a->run.cfg);
    rd_kafka_destroy(fx->mock_rk);
}

/* At-least-once: the stop comes with every output still queued (linger.ms 60 s), and the
 * final flush meets a fatal error of the idempotent producer (OUT_OF_ORDER_SEQUENCE_NUMBER),
 * which purges them all. The stop recreates the producer, reads again from the committed
 * offsets up to where it had consumed, flushes, commits to the end and exits 0. Before: the
 * queued outputs were lost with the producer, nothing was committed. */
Test(faults, fatal_error_in_the_final_flush_recreates_and_finishes_at_least_once, .timeout = 150)
{
    enum { N = 300 };
    fixture fx;
    fixture_with_articles(&fx, 3, N);
    stop_run a = {.run.cfg = run_config(&fx, "g-stop-alo"), .when = {.stop_after = N}, .err = 45};
    nf_config_set(a.run.cfg, "run.workers", "2", NF_CFG_CLI, NULL);
    nf_config_set(a.run.cfg, "run.log_level", "warn", NF_CFG_CLI, NULL);
    nf_config_set(a.run.cfg, "producer.kafka.linger.ms", "60000", NF_CFG_CLI, NULL);
    char *log = capture_stderr(run_with_fatal_fn, &a);
    cr_expect_eq(a.run.rc, NF_EXIT_OK, "the stop must finish after a fatal error:\n%s", log);
    cr_expect_eq(a.run.stats.producer_recreated, 1, "%s", log);
    cr_expect_not_null(strstr(log, "OUT_OF_ORDER_SEQUENCE_NUMBER"), "%s", log);
    int64_t sum = 0;
    for (int p = 0; p < 3; p++) {
        int64_t off = committed(&fx, "g-stop-alo", p);
        sum += off > 0 ? off : 0;
    }
    cr_expect_eq(sum, N, "committed %lld of %d inputs at the stop", (long long)sum, N);
    int out = count_topic(&fx, "out", 3);
    cr_expect_geq(out, N, "%d outputs for %d committed inputs", out, N);
    stop_run_cleanup(&fx, &a, log);
}

/* Exactly-once: the stop's last commit_transaction meets INVALID_TXN_STATE (fatal, not
 * fencing) with the whole input in the open transaction. The stop recreates the producer,
 * whose init_transactions aborts that batch, reads it again and commits it: exit 0. Before:
 * exit 1, "the last transaction was lost with the producer". */
Test(faults, fatal_error_in_the_final_commit_recreates_and_finishes_exactly_once, .timeout = 150)
{
    enum { N = 300 };
    fixture fx;
    fixture_with_articles(&fx, 3, N);
    stop_run a = {.run.cfg = eos_one_batch(&fx, "g-stop-eos", "s1"), .when = {.stop_after = N},
                  .err = RD_KAFKA_RESP_ERR_INVALID_TXN_STATE};
    nf_config_set(a.run.cfg, "run.workers", "2", NF_CFG_CLI, NULL);
    char *log = capture_stderr(run_with_fatal_fn, &a);
    cr_expect_eq(a.run.rc, NF_EXIT_OK, "the stop must finish after a fatal error:\n%s", log);
    cr_expect_eq(a.run.stats.producer_recreated, 1, "%s", log);
    cr_expect_geq(a.run.stats.consumed, 2 * N, "the batch was read again: consumed %llu",
                  (unsigned long long)a.run.stats.consumed);
    cr_expect_null(strstr(log, "lost with the producer"), "%s", log);
    stop_run_cleanup(&fx, &a, log);
}

/* The same when no new producer can start: the stop gives up after
 * run.producer_recovery_timeout_ms (2 s), well within run.shutdown_timeout_ms, exits 1 and
 * names the input that is not committed (a restart reads it again). */
Test(faults, fatal_error_in_the_final_commit_names_what_is_not_committed, .timeout = 150)
{
    enum { N = 300 };
    fixture fx;
    fixture_with_articles(&fx, 1, N);
    stop_run a = {.run.cfg = eos_one_batch(&fx, "g-stop-eos2", "s2"),
                  .when = {.stop_after = N, .refuse_after = N, .mc = fx.mc},
                  .err = RD_KAFKA_RESP_ERR_INVALID_TXN_STATE};
    nf_config_set(a.run.cfg, "run.producer_recovery_timeout_ms", "2000", NF_CFG_CLI, NULL);
    int64_t t0 = mono_ms();
    char *log = capture_stderr(run_with_fatal_fn, &a);
    int64_t took = mono_ms() - t0;
    cr_expect_eq(a.run.rc, NF_EXIT_RUNTIME, "%s", log);
    cr_expect_eq(a.run.stats.producer_recreated, 0, "%s", log);
    cr_expect_not_null(strstr(log, "not committed: in [0] offsets up to 299"),
                       "the log names the input that is not committed:\n%s", log);
    cr_expect_lt(took, 30000, "the stop took %lld ms", (long long)took);
    stop_run_cleanup(&fx, &a, log);
}

/* Runs a (stop_run) on a thread and stops it once its log (our stderr, a file under
 * capture_stderr) shows an attempt to make a new producer failed: the recovery's back-off. */
static void stop_during_the_back_off(void *p)
{
    stop_run *a = p;
    pthread_t th;
    pthread_create(&th, NULL, run_with_fatal, a);
    int64_t until = mono_ms() + 60000;
    for (bool seen = false; !seen && !a->run.done && mono_ms() < until;) {
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
        char buf[65536];
        ssize_t n = pread(2, buf, sizeof buf - 1, 0);
        buf[n > 0 ? n : 0] = '\0';
        seen = strstr(buf, "the new producer cannot start") != NULL;
    }
    a->run.stop = 1;
    pthread_join(th, NULL);
}

/* What every stop while the producer is broken must show: a clean stop (exit 0) that made no
 * new producer, says why it stopped and names the input it left uncommitted (\p not_committed,
 * the words of the log), within a minute. */
static void expect_clean_broken_stop(const stop_run *a, const char *log, int64_t took,
                                     const char *not_committed)
{
    cr_expect_eq(a->run.rc, NF_EXIT_OK, "a stop while the producer is broken is a clean stop:\n%s",
                 log);
    cr_expect_eq(a->run.stats.producer_recreated, 0, "%s", log);
    cr_expect_not_null(strstr(log, "stopped while the producer was broken"), "%s", log);
    cr_expect_not_null(strstr(log, not_committed), "the log names \"%s\":\n%s", not_committed,
                       log);
    cr_expect_lt(took, 60000, "the stop took %lld ms", (long long)took);
}

/* Gap (a): the stop comes while the producer is broken and every attempt to make a new one
 * fails (exactly-once; at-least-once makes its new producer without asking the broker). That
 * is a clean stop: nothing more is produced, nothing of the open batch is committed (a
 * restart reads it again), the log says so and names it, exit 0. Before: exit 1. */
Test(faults, stop_while_the_producer_is_broken_is_a_clean_stop, .timeout = 150)
{
    enum { N = 200 };
    fixture fx;
    fixture_with_articles(&fx, 1, N);
    stop_run a = {.run.cfg = eos_one_batch(&fx, "g-stop-broken", "s3"),
                  .when = {.refuse_after = 1, .mc = fx.mc}, .fatal_after = N,
                  .err = RD_KAFKA_RESP_ERR_INVALID_TXN_STATE};
    nf_config_set(a.run.cfg, "run.producer_recovery_timeout_ms", "120000", NF_CFG_CLI, NULL);
    int64_t t0 = mono_ms();
    char *log = capture_stderr(stop_during_the_back_off, &a);
    int64_t took = mono_ms() - t0;
    expect_clean_broken_stop(&a, log, took, "not committed: in [0] offsets up to 199");
    stop_run_cleanup(&fx, &a, log);
}

/* The same for `newsflow replay --resume` (exactly-once): a clean stop, nothing of the open
 * batch committed, the log names it, and the replay is not finished (`replay` says "stopped
 * before the end", exit 1; the same command reads the batch again). */
Test(faults, replay_stop_while_the_producer_is_broken_is_a_clean_stop, .timeout = 150)
{
    enum { N = 200 };
    fixture fx;
    fixture_with_articles(&fx, 1, N);
    const char *const topics[] = {"in"};
    nf_partition_set all = {NULL, 0};
    nf_replay_request req = {.topics = topics, .n_topics = 1, .partitions = &all,
                             .from = {.kind = NF_SPEC_BEGINNING}, .to = {.kind = NF_SPEC_END}};
    stop_run a = {.run.cfg = eos_one_batch(&fx, "g-replay-broken", "s4"),
                  .when = {.refuse_after = 1, .mc = fx.mc}, .fatal_after = N,
                  .err = RD_KAFKA_RESP_ERR_INVALID_TXN_STATE, .replay = &req,
                  .resume_group = "newsflow.replay.broken"};
    nf_config_set(a.run.cfg, "run.producer_recovery_timeout_ms", "120000", NF_CFG_CLI, NULL);
    int64_t t0 = mono_ms();
    char *log = capture_stderr(stop_during_the_back_off, &a);
    int64_t took = mono_ms() - t0;
    /* (a replay commits its start, with the fixed ends, when it begins) */
    expect_clean_broken_stop(&a, log, took, "not committed: in [0] offsets 0..199");
    cr_expect(!a.when.finished, "the replay claims to be done:\n%s", log);
    cr_expect_eq(committed(&fx, "newsflow.replay.broken", 0), 0, "progress past the start");
    stop_run_cleanup(&fx, &a, log);
}

/* ---- exactly-once commits what the runner took, not what it polled ------------------------ */

static void no_revoke(void *opaque, const rd_kafka_topic_partition_list_t *parts, bool lost)
{
    (void)opaque;
    (void)parts;
    (void)lost;
}

/* A group-mode consumer of \p cfg (its options in \p o, released by the caller). */
static nf_consumer *group_consumer(const nf_config *cfg, nf_consumer_opts *o, bool exactly_once,
                                   nf_revoke_cb *on_revoke, void *opaque)
{
    memset(o, 0, sizeof *o);
    char err[512] = "";
    cr_assert_eq(nf_opt_apply(nf_consumer_options, "consumer.", cfg, o, err, sizeof err), 0,
                 "%s", err);
    o->exactly_once = exactly_once;
    nf_consumer *c = nf_consumer_new(cfg, o, on_revoke, opaque, err, sizeof err);
    cr_assert_not_null(c, "%s", err);
    return c;
}

/* A message polled while the producer's queue was full waits in the runner (held) and is
 * dropped at a stop or an abort: the transaction's offsets must not cover it, or it is
 * committed without output (lost). They end after the last message taken to process
 * (nf_consumer_taken); the positions the stop reads again up to are what was polled. Before:
 * the transaction committed the polled position. */
Test(faults, transaction_offsets_cover_what_was_taken_not_what_was_polled, .timeout = 60)
{
    fixture fx;
    fixture_with_articles(&fx, 1, 10);
    nf_config *cfg = run_config(&fx, "g-taken");
    nf_consumer_opts o;
    nf_consumer *c = group_consumer(cfg, &o, true, no_revoke, NULL);
    rd_kafka_message_t *m[5];
    int got = poll_messages(c, m, 5);
    cr_assert_eq(got, 5, "polled %d of 5 messages", got);
    for (int i = 0; i < 3; i++) { /* the last two are held back */
        nf_consumer_taken(c, nf_consumer_topic_idx(c, "in"), 0, m[i]->offset);
    }
    rd_kafka_topic_partition_list_t *txn = nf_consumer_txn_offsets(c);
    cr_assert(txn && txn->cnt == 1, "one partition's offset to commit");
    cr_expect_eq(txn->elems[0].offset, m[2]->offset + 1, "commits up to %lld, taken up to %lld",
                 (long long)txn->elems[0].offset, (long long)m[2]->offset);
    rd_kafka_topic_partition_list_t *pos = nf_consumer_positions(c);
    cr_assert(pos && pos->cnt == 1);
    cr_expect_eq(pos->elems[0].offset, m[4]->offset + 1, "the position is what was polled");
    rd_kafka_topic_partition_list_destroy(txn);
    rd_kafka_topic_partition_list_destroy(pos);
    for (int i = 0; i < got; i++) {
        rd_kafka_message_destroy(m[i]);
    }
    nf_consumer_close(c, 5000);
    nf_opt_release(nf_consumer_options, &o);
    nf_config_destroy(cfg);
    rd_kafka_destroy(fx.mock_rk);
}

/* The same for a replay (exactly-once, --resume): its transaction committed the polled
 * position and a commit made that the position a rewind goes back to, so a message held back
 * and dropped at a stop was committed as done without output, and `replay --resume` never
 * read it again. Now the transaction's offsets end after the last message taken, and after
 * the commit a rewind goes back there. Before: commits up to 5, and the rewind went to 5. */
Test(faults, replay_transaction_offsets_cover_what_was_taken_not_what_was_polled,
     .timeout = 60)
{
    fixture fx;
    fixture_with_articles(&fx, 1, 5); /* the five polled are the whole range */
    nf_config *cfg = run_config(&fx, "g-replay-taken");
    const char *const topics[] = {"in"};
    nf_partition_set all = {NULL, 0};
    nf_replay_request req = {.topics = topics, .n_topics = 1, .partitions = &all,
                             .from = {.kind = NF_SPEC_BEGINNING}, .to = {.kind = NF_SPEC_END},
                             .exactly_once = true};
    char err[512] = "";
    nf_consumer *c = nf_consumer_new_replay(cfg, &req, "newsflow.replay.taken", false, err,
                                            sizeof err);
    cr_assert_not_null(c, "%s", err);
    rd_kafka_message_t *m[5];
    int got = poll_messages(c, m, 5);
    cr_assert_eq(got, 5, "polled %d of 5 messages", got);
    int32_t ti = nf_consumer_topic_idx(c, "in");
    for (int i = 0; i < 3; i++) { /* the last two are held back, then dropped */
        nf_consumer_taken(c, ti, 0, m[i]->offset);
    }
    rd_kafka_topic_partition_list_t *txn = nf_consumer_txn_offsets(c);
    cr_assert(txn && txn->cnt == 1, "one partition's offset to commit");
    cr_expect_eq(txn->elems[0].offset, m[2]->offset + 1, "commits up to %lld, taken up to %lld",
                 (long long)txn->elems[0].offset, (long long)m[2]->offset);
    cr_expect(txn->elems[0].metadata_size > 0, "the fixed end goes with it");
    rd_kafka_topic_partition_list_t *pos = nf_consumer_positions(c);
    cr_assert(pos && pos->cnt == 1);
    cr_expect_eq(pos->elems[0].offset, m[4]->offset + 1, "the position is what was polled");
    rd_kafka_topic_partition_list_destroy(txn);
    rd_kafka_topic_partition_list_destroy(pos);
    /* The transaction committed: the replay is at its end but not finished (`replay` says
     * "stopped before the end", exit 1), and an abort after it goes back to what it
     * committed. */
    nf_consumer_txn_committed(c);
    cr_expect(nf_consumer_at_end(c), "the last message was polled");
    cr_expect(!nf_consumer_replay_finished(c), "two messages of the range are not done");
    cr_assert_eq(nf_consumer_rewind(c, 5000), 0);
    rd_kafka_message_t *again = NULL;
    for (int64_t until = mono_ms() + 30000; !again && mono_ms() < until;) {
        again = nf_consumer_poll(c, 100);
        if (again && again->err) {
            rd_kafka_message_destroy(again);
            again = NULL;
        }
    }
    cr_assert_not_null(again, "nothing after the rewind");
    cr_expect_eq(again->offset, m[2]->offset + 1, "the rewind went to %lld, the commit was %lld",
                 (long long)again->offset, (long long)m[2]->offset + 1);
    rd_kafka_message_destroy(again);
    for (int i = 0; i < got; i++) {
        rd_kafka_message_destroy(m[i]);
    }
    nf_consumer_close(c, 5000);
    nf_config_destroy(cfg);
    rd_kafka_destroy(fx.mock_rk);
}

/* ---- a partition paused when it was revoked comes back reading ----------------------------- */

static void count_revokes(void *opaque, const rd_kafka_topic_partition_list_t *parts, bool lost)
{
    (void)parts;
    (void)lost;
    ++*(int *)opaque;
}

/* librdkafka keeps an application's pause of a partition across unassign and assign. The input
 * is paused (the producer's queue is full) when the partitions go (a rebalance, a session lost
 * to a broker restart); the queue drains and the input is resumed while nothing is assigned;
 * then the partitions come back, and stayed paused for good: nothing read, the progress line
 * saying "not paused" (CI stop 20: test_eos_broker_restart hung at 2141 of 10000). Here a
 * second member joins to take the partition away and leaves to give it back. Before: the
 * consumer read nothing after that. */
Test(faults, partition_paused_when_revoked_is_read_again_when_it_comes_back, .timeout = 120)
{
    enum { N = 10 };
    fixture fx;
    fixture_with_articles(&fx, 1, N);
    nf_config *cfg = run_config(&fx, "g-paused-revoke");
    nf_consumer_opts o;
    int revokes = 0;
    nf_consumer *c = group_consumer(cfg, &o, false, count_revokes, &revokes);
    rd_kafka_message_t *m[3];
    int got = poll_messages(c, m, 3);
    cr_assert_eq(got, 3, "polled %d of 3 messages", got);
    for (int i = 0; i < got; i++) {
        rd_kafka_message_destroy(m[i]);
    }
    nf_consumer_pause(c, true); /* the producer's queue is full */

    /* A second member: the rebalance takes the partition from c (eager: all revoked). */
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", fx.bootstraps, errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "group.id", "g-paused-revoke", errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "partition.assignment.strategy", "roundrobin", errstr,
                      sizeof errstr); /* as newsflow's: one protocol in the group */
    rd_kafka_t *b = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    cr_assert_not_null(b, "%s", errstr);
    rd_kafka_poll_set_consumer(b);
    rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, "in", RD_KAFKA_PARTITION_UA);
    cr_assert_eq(rd_kafka_subscribe(b, topics), RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_topic_partition_list_destroy(topics);
    bool resumed_unassigned = false;
    for (int64_t until = mono_ms() + 60000; !resumed_unassigned && mono_ms() < until;) {
        rd_kafka_message_t *rkm = nf_consumer_poll(c, 10);
        if (rkm) {
            rd_kafka_message_destroy(rkm);
        }
        if (revokes > 0 && nf_consumer_assigned_count(c) == 0) {
            nf_consumer_pause(c, false); /* the queue drained: resumed, with nothing assigned */
            resumed_unassigned = true;
        }
        rkm = rd_kafka_consumer_poll(b, 10);
        if (rkm) {
            rd_kafka_message_destroy(rkm);
        }
    }
    cr_assert(resumed_unassigned, "the second member's join took nothing from the consumer "
              "(revokes: %d)", revokes);
    /* It leaves: the partition is c's again, wherever the rebalance put it meanwhile. */
    for (int64_t until = mono_ms() + 3000; mono_ms() < until;) {
        rd_kafka_message_t *rkm = rd_kafka_consumer_poll(b, 10);
        if (rkm) {
            rd_kafka_message_destroy(rkm);
        }
        rkm = nf_consumer_poll(c, 10);
        if (rkm) {
            rd_kafka_message_destroy(rkm);
        }
    }
    rd_kafka_consumer_close(b);
    rd_kafka_destroy(b);

    int64_t last = -1;
    for (int64_t until = mono_ms() + 45000; last < N - 1 && mono_ms() < until;) {
        rd_kafka_message_t *rkm = nf_consumer_poll(c, 100);
        if (rkm && !rkm->err && rkm->offset > last) {
            last = rkm->offset;
        }
        if (rkm) {
            rd_kafka_message_destroy(rkm);
        }
    }
    cr_expect(!nf_consumer_paused(c), "the input is not paused");
    cr_expect_eq(last, N - 1, "read up to offset %lld of %d after the partition came back "
                 "(assigned: %zu)", (long long)last, N - 1, nf_consumer_assigned_count(c));
    nf_consumer_close(c, 5000);
    nf_opt_release(nf_consumer_options, &o);
    nf_config_destroy(cfg);
    rd_kafka_destroy(fx.mock_rk);
}
