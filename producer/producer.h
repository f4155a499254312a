#ifndef NF_PRODUCER_PRODUCER_H
#define NF_PRODUCER_PRODUCER_H

#include "config/config.h"
#include "config/kafka_conf.h"

#include <stdbool.h>

#include <librdkafka/rdkafka.h>
#include <stdint.h>

/* The producer's message.max.bytes default (16 MiB: a record of any input within
 * pipeline.max_article_bytes fits, see producer.c), and the max.message.bytes newsflow gives
 * the topics it creates: the same plus room for the batch framing. */
#define NF_PRODUCER_MAX_MESSAGE_BYTES "16777216"
#define NF_TOPIC_MAX_MESSAGE_BYTES "16842752"

/* Options under "producer.". */
typedef struct nf_producer_opts {
    char *topic;          /* enriched records */
    char *dlq_topic;      /* dead-letter records */
    char *delivery;       /* "at-least-once" | "exactly-once" (transactions) */
    char *transactional_id_prefix; /* exactly-once: first part of transactional.id */
} nf_producer_opts;

extern const nf_opt nf_producer_options[];

/* Options under "topics.": creation of missing topics at start. */
typedef struct nf_topics_opts {
    bool create;
    int64_t partitions;
    int64_t replication;
    int64_t timeout_ms;
} nf_topics_opts;

extern const nf_opt nf_topics_options[];

/* The outcome of one produced message, passed to the delivery callback on the thread that
 * calls nf_producer_poll()/nf_producer_flush()/nf_producer_send() (from inside librdkafka's
 * rd_kafka_poll()/rd_kafka_flush()). */
typedef struct nf_delivery {
    rd_kafka_resp_err_t err;  /* RD_KAFKA_RESP_ERR_NO_ERROR when the broker acknowledged */
    void *msg_opaque;         /* as given to nf_producer_send() */
    const char *topic;
    int32_t partition;        /* where it landed */
    int64_t offset;           /* -1 if unknown */
    /* The message as produced, valid during the callback only (to re-send a smaller form). */
    const void *key;
    size_t key_len;
    size_t value_len;
    const rd_kafka_headers_t *headers; /* may be NULL */
} nf_delivery;

typedef void nf_delivery_cb(void *opaque, const nf_delivery *d);

/* Called by nf_producer_send() while the local queue is full, after each wait of up to 100 ms
 * for delivery reports (inside rd_kafka_poll()). Returns false to give up: the send then
 * fails with RD_KAFKA_RESP_ERR__QUEUE_FULL. */
typedef bool nf_queue_full_cb(void *opaque);

typedef struct nf_producer nf_producer;

/**
 * @brief An idempotent producer built from kafka.* and producer.kafka.* keys, its local queue
 * bounded to \p queue_bytes (queue.buffering.max.kbytes; 0 = 128 MiB) unless configured.
 * \p on_delivery is called once per sent message with \p opaque.
 * @returns a new producer (nf_producer_destroy()) or NULL with the key and librdkafka's text in
 * \p errstr.
 */
nf_producer *nf_producer_new(const nf_config *cfg, size_t queue_bytes,
                             nf_delivery_cb *on_delivery, void *opaque, char *errstr,
                             size_t errstr_size);

/** @brief As nf_producer_new(), transactional with \p transactional_id (exactly-once). The
 * caller runs rd_kafka_init_transactions() on nf_producer_handle(). */
nf_producer *nf_producer_new_txn(const nf_config *cfg, size_t queue_bytes,
                                 const char *transactional_id, nf_delivery_cb *on_delivery,
                                 void *opaque, char *errstr, size_t errstr_size);
void nf_producer_destroy(nf_producer *p);

/** @brief Who to ask while the queue is full (see nf_queue_full_cb); without one, the wait
 * lasts until there is room. Same opaque as the delivery callback. */
void nf_producer_set_queue_full_cb(nf_producer *p, nf_queue_full_cb *cb);

/**
 * @brief Queue one message. Copies key and value. Takes ownership of \p hdrs (may be NULL)
 * on success and on failure. When the local queue is full this serves delivery reports and
 * retries: a slow broker slows the caller down (backpressure) instead of growing memory; the
 * queue-full callback decides how long.
 * @returns 0, or the librdkafka error (RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, unknown topic,
 * fatal error, ...) with \p errstr.
 */
rd_kafka_resp_err_t nf_producer_send(nf_producer *p, const char *topic, const void *key, size_t key_len,
                     const void *value, size_t value_len, rd_kafka_headers_t *hdrs,
                     void *msg_opaque, char *errstr, size_t errstr_size);

/** @brief Serve delivery reports for up to \p timeout_ms. */
void nf_producer_poll(nf_producer *p, int timeout_ms);

/** @brief Wait until everything sent was acknowledged or failed. @returns 0 or -1 (timeout). */
int nf_producer_flush(nf_producer *p, int timeout_ms);

/** @brief Messages queued or in flight. */
int nf_producer_outq_len(nf_producer *p);

/** @brief Drop everything not yet acknowledged (each gets a failed delivery report with
 * _PURGE_QUEUE/_PURGE_INFLIGHT on the next poll): the end of a shutdown that ran out of time. */
void nf_producer_purge(nf_producer *p);

/** @brief The effective message.max.bytes (the largest record librdkafka accepts). */
size_t nf_producer_max_message_bytes(nf_producer *p);

/** @brief The last error librdkafka reported for this client (err 0 = none). */
const nf_kafka_errlog *nf_producer_last_error(const nf_producer *p);

/** @brief The underlying handle (Admin API, fatal-error checks). */
rd_kafka_t *nf_producer_handle(nf_producer *p);

/**
 * @brief Create each of \p topics that does not exist yet, with \p partitions and
 * \p replication and max.message.bytes = NF_TOPIC_MAX_MESSAGE_BYTES. Existing topics are left
 * alone. While waiting, serves \p p's error callback; an authentication failure ends the wait
 * at once. @returns 0 or -1 with \p errstr (naming the last broker error on a timeout).
 */
int nf_kafka_create_topics(nf_producer *p, const char *const *topics, size_t n,
                           int partitions, int replication, int timeout_ms, char *errstr,
                           size_t errstr_size);

#endif
