#include "producer/producer.h"

#include <criterion/criterion.h>
#include <string.h>

typedef struct reports {
    int n;
    rd_kafka_resp_err_t last;
    void *last_opaque;
} reports;

static void on_delivery(void *opaque, const nf_delivery *d)
{
    reports *r = opaque;
    r->n++;
    r->last = d->err;
    r->last_opaque = d->msg_opaque;
}

static nf_config *unreachable(void)
{
    nf_config *cfg = nf_config_new();
    /* Nothing listens on port 1: messages stay queued until they time out. */
    nf_config_set(cfg, "kafka.bootstrap.servers", "127.0.0.1:1", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "producer.kafka.message.timeout.ms", "300", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "kafka.log_level", "0", NF_CFG_CLI, NULL);
    return cfg;
}

Test(producer, bad_property_fails_with_the_key)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "producer.kafka.linger.ms", "soon", NF_CFG_CLI, NULL);
    char err[512] = "";
    reports r = {0};
    cr_assert_null(nf_producer_new(cfg, 0, on_delivery, &r, err, sizeof err));
    cr_expect(strstr(err, "producer.kafka.linger.ms") != NULL, "%s", err);
    nf_config_destroy(cfg);
}

Test(producer, undeliverable_message_reports_failure_once_with_its_opaque, .timeout = 30)
{
    nf_config *cfg = unreachable();
    char err[512] = "";
    reports r = {0};
    nf_producer *p = nf_producer_new(cfg, 0, on_delivery, &r, err, sizeof err);
    cr_assert_not_null(p, "%s", err);
    int token = 42;
    rd_kafka_headers_t *h = rd_kafka_headers_new(1);
    rd_kafka_header_add(h, "k", -1, "v", -1);
    cr_assert_eq(nf_producer_send(p, "t", "key", 3, "value", 5, h, &token, err, sizeof err),
                 RD_KAFKA_RESP_ERR_NO_ERROR, "%s", err);
    cr_expect_geq(nf_producer_outq_len(p), 1, "the message waits in the queue");
    /* The flush waits for the timeout; the delivery callback then sees the failure. */
    nf_producer_flush(p, 5000);
    cr_expect_eq(r.n, 1);
    cr_expect_neq(r.last, RD_KAFKA_RESP_ERR_NO_ERROR);
    cr_expect_eq(r.last_opaque, &token);
    cr_expect_eq(nf_producer_outq_len(p), 0);
    nf_producer_destroy(p);
    nf_config_destroy(cfg);
}

Test(producer, oversized_message_is_refused_at_once_with_its_code)
{
    nf_config *cfg = unreachable();
    nf_config_set(cfg, "producer.kafka.message.max.bytes", "1000", NF_CFG_CLI, NULL);
    char err[512] = "";
    reports r = {0};
    nf_producer *p = nf_producer_new(cfg, 0, on_delivery, &r, err, sizeof err);
    cr_assert_not_null(p, "%s", err);
    static char big[5000];
    memset(big, 'x', sizeof big);
    cr_expect_eq(nf_producer_send(p, "t", NULL, 0, big, sizeof big, rd_kafka_headers_new(1),
                                  NULL, err, sizeof err),
                 RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
    cr_expect(strstr(err, "cannot produce to t") != NULL, "%s", err);
    nf_producer_destroy(p);
    nf_config_destroy(cfg);
}

static void expect_conf(rd_kafka_t *rk, const char *name, const char *want)
{
    char v[128];
    size_t n = sizeof v;
    cr_assert_eq(rd_kafka_conf_get(rd_kafka_conf(rk), name, v, &n), RD_KAFKA_CONF_OK, "%s", name);
    cr_expect_str_eq(v, want, "%s", name);
}

/* Records proportionate to their input (issue 7): zstd by default (the Debian librdkafka has
 * it), and a message.max.bytes that takes the record of any input within
 * pipeline.max_article_bytes (1 MiB); the local queue bounded by the bytes given. */
Test(producer, defaults_compress_with_zstd_and_take_large_records)
{
    nf_config *cfg = unreachable();
    char err[512] = "";
    reports r = {0};
    nf_producer *p = nf_producer_new(cfg, 48u << 20, on_delivery, &r, err, sizeof err);
    cr_assert_not_null(p, "%s", err);
    expect_conf(nf_producer_handle(p), "compression.codec", "zstd");
    expect_conf(nf_producer_handle(p), "message.max.bytes", "16777216");
    expect_conf(nf_producer_handle(p), "queue.buffering.max.kbytes", "49152");
    cr_expect_eq(nf_producer_max_message_bytes(p), 16777216);
    nf_producer_destroy(p);
    nf_config_destroy(cfg);
}

static bool give_up(void *opaque)
{
    int *calls = opaque;
    (*calls)++;
    return *calls < 3;
}

static void count_delivery(void *opaque, const nf_delivery *d)
{
    (void)opaque;
    (void)d;
}

/* Stop means stop: while the queue is full, nf_producer_send() asks the queue-full callback
 * after each wait and gives up when it says so (before, it waited for room for ever). */
Test(producer, queue_full_wait_asks_and_can_give_up, .timeout = 30)
{
    nf_config *cfg = unreachable();
    nf_config_set(cfg, "producer.kafka.queue.buffering.max.messages", "1", NF_CFG_CLI, NULL);
    char err[512] = "";
    int calls = 0;
    nf_producer *p = nf_producer_new(cfg, 0, count_delivery, &calls, err, sizeof err);
    cr_assert_not_null(p, "%s", err);
    nf_producer_set_queue_full_cb(p, give_up);
    cr_assert_eq(nf_producer_send(p, "t", NULL, 0, "a", 1, NULL, NULL, err, sizeof err), 0);
    cr_expect_eq(nf_producer_send(p, "t", NULL, 0, "b", 1, NULL, NULL, err, sizeof err),
                 RD_KAFKA_RESP_ERR__QUEUE_FULL);
    cr_expect_eq(calls, 3, "asked %d times", calls);
    nf_producer_purge(p);
    nf_producer_destroy(p);
    nf_config_destroy(cfg);
}
