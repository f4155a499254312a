#include "producer/producer.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "config/kafka_conf.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const nf_opt nf_producer_options[] = {
    {"topic", NF_OPT_STR, "news.enriched", offsetof(nf_producer_opts, topic), NULL,
     "topic for enriched records (key = article id)"},
    {"dlq_topic", NF_OPT_STR, "news.deadletter", offsetof(nf_producer_opts, dlq_topic), NULL,
     "topic for dead-letter records (original bytes + error headers)"},
    {"delivery", NF_OPT_ENUM, "at-least-once", offsetof(nf_producer_opts, delivery),
     "at-least-once|exactly-once",
     "delivery guarantee: exactly-once = transactional producer, input offsets committed in "
     "the output transaction (readers of the output must use isolation.level=read_committed)"},
    {"transactional_id_prefix", NF_OPT_STR, "newsflow",
     offsetof(nf_producer_opts, transactional_id_prefix), NULL,
     "exactly-once: transactional.id = <prefix>.<consumer.group_id>.<run.instance_id> (run) or "
     "<prefix>.replay.<NAME> (replay --resume NAME)"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

const nf_opt nf_topics_options[] = {
    {"create", NF_OPT_BOOL, "true", offsetof(nf_topics_opts, create), NULL,
     "create missing input, output and dead-letter topics at start (Admin API)"},
    {"partitions", NF_OPT_INT, "3", offsetof(nf_topics_opts, partitions), "1..100000",
     "partitions of topics created at start"},
    {"replication", NF_OPT_INT, "1", offsetof(nf_topics_opts, replication), "1..32",
     "replication factor of topics created at start"},
    {"timeout_ms", NF_OPT_INT, "30000", offsetof(nf_topics_opts, timeout_ms), "100..600000",
     "how long topic creation may take"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

/* Callbacks and the librdkafka call they run inside (always on the caller's thread):
 *   dr_msg_cb  inside rd_kafka_poll() (nf_producer_poll(), and nf_producer_send()'s queue-full
 *              wait) and rd_kafka_flush() (nf_producer_flush());
 *   error_cb   inside the same calls.
 * So a delivery report never interrupts nf_producer_send() between building and queueing a
 * message, but it can run during its queue-full wait. */
struct nf_producer {
    rd_kafka_t *rk;
    nf_delivery_cb *on_delivery;
    nf_queue_full_cb *on_queue_full;
    void *opaque;
    nf_kafka_errlog last_error;
};

static void dr_msg_cb(rd_kafka_t *rk, const rd_kafka_message_t *rkm, void *conf_opaque)
{
    (void)rk;
    nf_producer *p = conf_opaque;
    rd_kafka_headers_t *h = NULL;
    if (rd_kafka_message_headers(rkm, &h) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        h = NULL;
    }
    nf_delivery d = {
        .err = rkm->err,
        .msg_opaque = rkm->_private,
        .topic = rkm->rkt ? rd_kafka_topic_name(rkm->rkt) : NULL,
        .partition = rkm->partition,
        .offset = rkm->offset,
        .key = rkm->key,
        .key_len = rkm->key_len,
        .value_len = rkm->len,
        .headers = h,
    };
    p->on_delivery(p->opaque, &d);
}

static void error_cb(rd_kafka_t *rk, int err, const char *reason, void *opaque)
{
    nf_producer *p = opaque;
    nf_kafka_report_error(&p->last_error, rk, err, reason);
}

nf_producer *nf_producer_new(const nf_config *cfg, size_t queue_bytes,
                             nf_delivery_cb *on_delivery, void *opaque, char *errstr,
                             size_t errstr_size)
{
    return nf_producer_new_txn(cfg, queue_bytes, NULL, on_delivery, opaque, errstr, errstr_size);
}

nf_producer *nf_producer_new_txn(const nf_config *cfg, size_t queue_bytes,
                                 const char *transactional_id, nf_delivery_cb *on_delivery,
                                 void *opaque, char *errstr, size_t errstr_size)
{
    /* Idempotence keeps per-partition order and removes duplicates from retries; linger
     * batches for throughput; the local queue is bounded in bytes (run.memory_budget) well
     * below librdkafka's 1 GiB default so a slow broker slows the consumer (backpressure)
     * before memory grows. The message count bound is only a backstop.
     * zstd: the Debian 12 librdkafka (2.0.2) is built with it (builtin.features lists zstd)
     * and it shrinks JSON records best for its speed. message.max.bytes is 16 MiB, not 1 MB:
     * a record of an input within pipeline.max_article_bytes (1 MiB) must fit, and number-
     * dense news grows several times on enrichment; topics newsflow creates get the same
     * max.message.bytes (NF_TOPIC_MAX_MESSAGE_BYTES). */
    char queue_kb[32];
    snprintf(queue_kb, sizeof queue_kb, "%zu",
             queue_bytes ? (queue_bytes + 1023) / 1024 : (size_t)131072);
    const char *const defaults[] = {
        "bootstrap.servers", "localhost:9092",
        "enable.idempotence", "true",
        "linger.ms", "5",
        "queue.buffering.max.messages", "100000",
        "queue.buffering.max.kbytes", queue_kb,
        "compression.type", "zstd",
        /* No give-up time: during a broker outage the runner pauses its input and waits (a
         * stop still ends within run.shutdown_timeout_ms); librdkafka's 300 s default made an
         * outage longer than that a permanent failure and an exit. */
        "message.timeout.ms", "0",
        "message.max.bytes", NF_PRODUCER_MAX_MESSAGE_BYTES,
        "client.id", "newsflow",
        NULL,
    };
    rd_kafka_conf_t *conf = nf_kafka_conf_build(cfg, "producer", defaults, errstr, errstr_size);
    if (!conf) {
        return NULL;
    }
    char rderr[512];
    /* Set after the pass-through: the identity decides which process gets fenced. */
    if (transactional_id &&
        rd_kafka_conf_set(conf, "transactional.id", transactional_id, rderr, sizeof rderr) !=
            RD_KAFKA_CONF_OK) {
        snprintf(errstr, errstr_size, "transactional.id \"%s\": %s", transactional_id, rderr);
        rd_kafka_conf_destroy(conf);
        return NULL;
    }
    nf_producer *p = nf_xcalloc(1, sizeof *p);
    p->on_delivery = on_delivery;
    p->opaque = opaque;
    rd_kafka_conf_set_opaque(conf, p);
    rd_kafka_conf_set_dr_msg_cb(conf, dr_msg_cb);
    rd_kafka_conf_set_error_cb(conf, error_cb);
    p->rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, rderr, sizeof rderr);
    if (!p->rk) {
        snprintf(errstr, errstr_size, "cannot create Kafka producer: %s", rderr);
        rd_kafka_conf_destroy(conf);
        free(p);
        return NULL;
    }
    conf = NULL; /* now owned by rk */
    return p;
}

void nf_producer_destroy(nf_producer *p)
{
    if (!p) {
        return;
    }
    rd_kafka_destroy(p->rk);
    free(p);
}

rd_kafka_resp_err_t nf_producer_send(nf_producer *p, const char *topic, const void *key, size_t key_len,
                     const void *value, size_t value_len, rd_kafka_headers_t *hdrs,
                     void *msg_opaque, char *errstr, size_t errstr_size)
{
    for (;;) {
        rd_kafka_resp_err_t err;
        if (hdrs) {
            err = rd_kafka_producev(p->rk, RD_KAFKA_V_TOPIC(topic),
                                    RD_KAFKA_V_KEY((void *)key, key_len),
                                    RD_KAFKA_V_VALUE((void *)value, value_len),
                                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                    RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_OPAQUE(msg_opaque),
                                    RD_KAFKA_V_END);
        } else {
            err = rd_kafka_producev(p->rk, RD_KAFKA_V_TOPIC(topic),
                                    RD_KAFKA_V_KEY((void *)key, key_len),
                                    RD_KAFKA_V_VALUE((void *)value, value_len),
                                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                    RD_KAFKA_V_OPAQUE(msg_opaque), RD_KAFKA_V_END);
        }
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            return RD_KAFKA_RESP_ERR_NO_ERROR; /* headers now owned by the message */
        }
        if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            /* Backpressure: wait for acknowledgements to make room, never drop; the caller
             * decides how long (it pauses its input and honours a stop meanwhile). */
            rd_kafka_poll(p->rk, 100);
            if (!p->on_queue_full || p->on_queue_full(p->opaque)) {
                continue;
            }
        }
        if (hdrs) {
            rd_kafka_headers_destroy(hdrs);
        }
        snprintf(errstr, errstr_size, "cannot produce to %s: %s", topic, rd_kafka_err2str(err));
        return err;
    }
}

void nf_producer_set_queue_full_cb(nf_producer *p, nf_queue_full_cb *cb)
{
    p->on_queue_full = cb;
}

void nf_producer_purge(nf_producer *p)
{
    rd_kafka_purge(p->rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_poll(p->rk, 0); /* the purged messages' delivery reports */
}

size_t nf_producer_max_message_bytes(nf_producer *p)
{
    char buf[32];
    size_t n = sizeof buf;
    if (rd_kafka_conf_get(rd_kafka_conf(p->rk), "message.max.bytes", buf, &n) !=
        RD_KAFKA_CONF_OK) {
        return 1000000;
    }
    return (size_t)strtoull(buf, NULL, 10);
}

const nf_kafka_errlog *nf_producer_last_error(const nf_producer *p)
{
    return &p->last_error;
}

void nf_producer_poll(nf_producer *p, int timeout_ms)
{
    rd_kafka_poll(p->rk, timeout_ms);
}

int nf_producer_flush(nf_producer *p, int timeout_ms)
{
    return rd_kafka_flush(p->rk, timeout_ms) == RD_KAFKA_RESP_ERR_NO_ERROR ? 0 : -1;
}

int nf_producer_outq_len(nf_producer *p)
{
    return rd_kafka_outq_len(p->rk);
}

rd_kafka_t *nf_producer_handle(nf_producer *p)
{
    return p->rk;
}

int nf_kafka_create_topics(nf_producer *p, const char *const *topics, size_t n,
                           int partitions, int replication, int timeout_ms, char *errstr,
                           size_t errstr_size)
{
    rd_kafka_t *rk = p->rk;
    int rc = -1;
    rd_kafka_NewTopic_t **nt = nf_xcalloc(n, sizeof *nt);
    rd_kafka_queue_t *q = rd_kafka_queue_new(rk);
    rd_kafka_AdminOptions_t *opts = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS);
    rd_kafka_event_t *ev = NULL;
    char rderr[512];
    rd_kafka_AdminOptions_set_operation_timeout(opts, timeout_ms, rderr, sizeof rderr);
    rd_kafka_AdminOptions_set_request_timeout(opts, timeout_ms, rderr, sizeof rderr);
    for (size_t i = 0; i < n; i++) {
        nt[i] = rd_kafka_NewTopic_new(topics[i], partitions, replication, rderr, sizeof rderr);
        if (!nt[i]) {
            snprintf(errstr, errstr_size, "cannot create topic %s: %s", topics[i], rderr);
            goto done;
        }
        /* Records of any input within pipeline.max_article_bytes must fit (producer.c). */
        rd_kafka_NewTopic_set_config(nt[i], "max.message.bytes", NF_TOPIC_MAX_MESSAGE_BYTES);
    }
    rd_kafka_CreateTopics(rk, nt, n, opts, q);
    /* Wait in slices, serving the error callback (connection and authentication errors come
     * only through rd_kafka_poll()), so a failure can be named and an authentication failure
     * does not wait for the timeout. */
    for (int waited = 0; !ev && waited < timeout_ms + 5000; waited += 200) {
        ev = rd_kafka_queue_poll(q, 200);
        rd_kafka_poll(rk, 0);
        if (!ev && (p->last_error.err == RD_KAFKA_RESP_ERR__AUTHENTICATION ||
                         p->last_error.err == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED)) {
            snprintf(errstr, errstr_size, "authentication failed: %s", p->last_error.reason);
            goto done;
        }
    }
    if (!ev) {
        snprintf(errstr, errstr_size, "creating topics timed out after %d ms (last broker error: "
                 "%s)", timeout_ms, p->last_error.err ? p->last_error.reason : "none");
        goto done;
    }
    if (rd_kafka_event_error(ev)) {
        snprintf(errstr, errstr_size, "creating topics failed: %s",
                 rd_kafka_event_error_string(ev));
        goto done;
    }
    const rd_kafka_CreateTopics_result_t *res = rd_kafka_event_CreateTopics_result(ev);
    size_t cnt = 0;
    const rd_kafka_topic_result_t **tr = rd_kafka_CreateTopics_result_topics(res, &cnt);
    for (size_t i = 0; i < cnt; i++) {
        rd_kafka_resp_err_t e = rd_kafka_topic_result_error(tr[i]);
        if (e == RD_KAFKA_RESP_ERR_NO_ERROR) {
            NF_INFO("created topic %s (%d partitions, replication %d)",
                    rd_kafka_topic_result_name(tr[i]), partitions, replication);
        } else if (e != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
            snprintf(errstr, errstr_size, "cannot create topic %s: %s",
                     rd_kafka_topic_result_name(tr[i]),
                     rd_kafka_topic_result_error_string(tr[i]) ?
                         rd_kafka_topic_result_error_string(tr[i]) : rd_kafka_err2str(e));
            goto done;
        }
    }
    rc = 0;
done:
    if (ev) {
        rd_kafka_event_destroy(ev);
    }
    for (size_t i = 0; i < n; i++) {
        if (nt[i]) {
            rd_kafka_NewTopic_destroy(nt[i]);
        }
    }
    free(nt);
    rd_kafka_AdminOptions_destroy(opts);
    rd_kafka_queue_destroy(q);
    return rc;
}
