/* The continuous job: consumer -> pipeline -> producer, at-least-once.
 *
 * One thread runs this loop; librdkafka does its network I/O on its own threads, and the
 * pipeline may run on worker threads (app/pool.c). Every librdkafka callback runs on this
 * thread, inside one of our calls into librdkafka, so the bookkeeping needs no locks. What runs
 * inside what (the re-entrancy this file is built around):
 *
 *   nf_consumer_poll()   -> rd_kafka_consumer_poll() -> on_revoke (rebalance), error callback
 *   nf_consumer_close()  -> rd_kafka_queue_poll() on the close queue -> on_revoke (final)
 *   nf_producer_poll()/nf_producer_flush() -> rd_kafka_poll()/rd_kafka_flush() -> on_delivery
 *   nf_producer_send()   -> (queue full) rd_kafka_poll() -> on_delivery, then on_queue_full,
 *                           which may call nf_consumer_poll() -> on_revoke
 *
 * Rules that keep this sane: on_delivery never produces (a smaller re-send is queued on
 * r->resend and sent from the loop); on_queue_full polls the consumer only when not already
 * inside on_revoke; on_revoke emits pool results only when not inside an emit.
 *
 * The file is in sections: source (input messages, the held queue), delivery (acknowledged
 * outputs -> stored and committed offsets), outputs (record, dead letter, smaller forms), flow
 * control (memory budget, pause), rebalance, shutdown (one deadline), the loop. */
#include "app/app.h"
#include "app/pool.h"
#include "app/run_metrics.h"
#include "app/txn.h"
#include "common/doc.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "config/kafka_conf.h"
#include "consumer/consumer.h"
#include "consumer/offset_tracker.h"
#include "pipeline/pipeline.h"
#include "producer/producer.h"

#include <inttypes.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* An enriched record larger than this keeps a copy of its input until it is acknowledged, so
 * that if a broker limit refuses it, the dead letter still carries the original value. 1 MB is
 * below every broker's default max.message.bytes: smaller records are refused only by a
 * deliberately tiny topic limit, and then dead-lettered with the value omitted. */
#define AT_RISK_RECORD_BYTES (1000 * 1000)

/* Smaller forms an output takes when a size limit refuses it (the "ladder"). */
typedef enum out_form {
    FORM_RECORD = 0,      /* the enriched record */
    FORM_DEAD_LETTER,     /* original key, value and headers + newsflow.error.* */
    FORM_VALUE_OMITTED,   /* the dead letter without the value: value_omitted_bytes */
    FORM_BARE,            /* without key and original headers too: the last resort */
} out_form;

/* One output on its way: what a delivery report needs to find its input again and, if a size
 * limit refuses it, to send its next smaller form. */
typedef struct inflight {
    int32_t topic_idx;
    int32_t partition;
    int64_t offset;
    out_form form;
    size_t bytes;                /* key + value, counted in r->produce_bytes */
    char *in_key;                /* copy of the input key (may be NULL) */
    size_t in_key_len;
    size_t in_value_len;
    char *in_value;              /* copy of the input value: only for an at-risk record */
    rd_kafka_headers_t *in_headers; /* copy of the input headers: likewise */
    char err_stage[24];          /* for a dead letter made from a refused record */
    char err_message[160];
    int err_code;                /* of a dead letter (metrics label `code`) */
    int64_t in_timestamp_ms;     /* input Kafka timestamp (metrics: end-to-end latency) */
} inflight;

/* A smaller form to send from the loop (delivery reports must not produce). */
typedef struct resend {
    struct resend *next;
    inflight *f;
    const char *topic;           /* r->popts.topic or dlq_topic */
    char *key;
    size_t key_len;
    char *value;                 /* may be NULL */
    size_t value_len;
    rd_kafka_headers_t *headers;
} resend;

typedef struct runner {
    const nf_config *cfg;
    const nf_run_control *ctl;
    nf_run_opts run;
    nf_consumer_opts copts;
    nf_producer_opts popts;
    nf_topics_opts topts;
    nf_pipeline *pl;          /* the one copy of all stage data, shared by every worker */
    nf_pool *pool;            /* worker threads when run.workers > 1 */
    nf_memory_plan mem;       /* run.memory_budget shared out */
    nf_consumer *consumer;
    nf_producer *producer;
    nf_offset_tracker *tracker; /* at-least-once only */
    nf_txn *txn;              /* exactly-once; NULL = at-least-once */
    nf_run_metrics *metrics;  /* counters, /metrics, /healthz, /readyz; made before the
                                 producer, whose delivery reports count into it */
    bool txn_closed;          /* exactly-once: the last transaction ended (shutdown) */
    uint64_t epoch;           /* exactly-once: aborts so far; a pool job of an earlier epoch
                                 belongs to an aborted batch whose input is read again */
    nf_run_stats stats;
    /* source */
    rd_kafka_message_t **held;  /* polled while the loop could not take them: FIFO */
    size_t n_held, cap_held;
    /* outputs */
    resend *resend_head, *resend_tail;
    size_t produce_bytes;     /* key + value bytes queued in the producer, not yet reported */
    /* where we are (re-entrancy guards, see the file comment) */
    bool in_revoke;
    bool emitting;
    /* commits */
    uint64_t stores;          /* offsets stored so far */
    uint64_t stores_committed;/* stores covered by the last successful synchronous commit */
    /* stopping */
    bool stopping;
    int64_t deadline;         /* CLOCK_MONOTONIC ms; 0 = none yet */
    bool delivery_failed;     /* after the first permanent failure no offset is stored again */
    bool commit_failed;       /* the final commit (or a commit while stopping) failed */
    bool fatal;               /* stop with NF_EXIT_RUNTIME */
    /* a fatal producer error that is not fencing: the producer is recreated (recovery) */
    bool producer_broken;     /* set where the error shows; the loop recovers at its next turn,
                                 outside librdkafka's callbacks */
    bool retiring;            /* destroying the broken producer: its reports are ignored */
    int64_t broken_since;     /* CLOCK_MONOTONIC ms of the first fatal error not followed by
                                 progress (a commit, an acknowledgement); 0 = none */
    int recover_attempts;     /* producers made since broken_since (back-off) */
    int64_t recovered_ms;     /* CLOCK_MONOTONIC ms of the last successful recovery */
    char broken_cause[256];   /* librdkafka's error, for the log */
    char attempt_error[NF_ERRSTR_SIZE]; /* why the last attempt failed ("" = none) */
    size_t produce_hard;      /* the producer's queue bound, to make it again */
    char txn_id[512];         /* exactly-once identity ("" = at-least-once), likewise */
    bool test_fatal_done;     /* the NF_TEST_FATAL_AFTER=stop hook fired */
    /* a fatal producer error while stopping (finish_stop) */
    bool broken_at_stop;      /* the producer was already broken when the stop began */
    bool refilling;           /* reading input again up to the marks after a recovery */
    rd_kafka_topic_partition_list_t *marks; /* positions when the stop began */
} runner;

static void drain_pool(runner *r, bool wait_all);
static void metrics_tick(runner *r);
static void producer_fatal(runner *r, const char *where);
static void recover_producer(runner *r);
static void mark_broken(runner *r);
static void handle_message(runner *r, nf_doc *doc, rd_kafka_message_t *rkm);

/* Nothing may be produced: the run is stopping on an error, or the producer is broken and
 * about to be recreated (what it held is read again from the committed offsets). */
static bool halted(const runner *r)
{
    return r->fatal || r->producer_broken;
}

static bool kafka_fatal(rd_kafka_t *rk)
{
    char buf[512];
    return rd_kafka_fatal_error(rk, buf, sizeof buf) != RD_KAFKA_RESP_ERR_NO_ERROR;
}

/* Resident bytes of this process now (/proc/self/statm), 0 when unknown. */
static size_t resident_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long size = 0, resident = 0;
    if (!f) {
        return 0;
    }
    int n = fscanf(f, "%lu %lu", &size, &resident);
    fclose(f);
    long page = sysconf(_SC_PAGESIZE);
    return n == 2 && page > 0 ? (size_t)resident * (size_t)page : 0;
}

/* The memory line at start-up: what `run` needs besides run.memory_budget. Stage data is
 * measured, not estimated: the resident growth while the pipeline loaded (after handing the
 * loaders' freed scratch back with malloc_trim, so only what the stages keep is counted). One
 * copy serves every worker. test_memory_run bounds the peak RSS with these figures. */
static void log_memory(const runner *r, size_t rss_before)
{
    malloc_trim(0);
    size_t rss_after = resident_bytes();
    size_t stage_data = rss_after > rss_before ? rss_after - rss_before : 0;
    NF_INFO("memory: base_rss_bytes=%zu stage_data_bytes=%zu budget_bytes=%zu (resident before "
            "the pipeline loaded, resident growth while it loaded, run.memory_budget: fetch "
            "queue %zu + producer queue %zu + in flight %zu)",
            rss_before, stage_data, (size_t)r->run.memory_budget * 1024 * 1024,
            r->mem.fetch_queue, r->mem.produce_queue, r->mem.in_flight);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool stop_requested(const runner *r)
{
    return r->ctl->stop && *r->ctl->stop;
}

/* ms left before the shutdown deadline (0 when past); INT32_MAX-ish when not stopping. */
static int time_left(const runner *r)
{
    if (!r->deadline) {
        return 1 << 30;
    }
    int64_t left = r->deadline - now_ms();
    return left > 0 ? (int)left : 0;
}

/* The one deadline of the whole shutdown (revoke, flush, commit, close): set when the stop is
 * first seen, wherever that is. */
static void begin_stop(runner *r, const char *why)
{
    if (r->stopping) {
        return;
    }
    r->stopping = true;
    r->broken_at_stop = r->producer_broken; /* its lost outputs are left to a restart */
    r->deadline = now_ms() + r->run.shutdown_timeout_ms;
    NF_INFO("stopping (%s): finishing %zu in-flight message(s) within "
            "run.shutdown_timeout_ms=%" PRId64,
            why, nf_offset_tracker_pending(r->tracker), r->run.shutdown_timeout_ms);
}

/* ---- Source: input messages ------------------------------------------------------------- */

static void hold(runner *r, rd_kafka_message_t *rkm)
{
    if (r->n_held == r->cap_held) {
        r->cap_held = r->cap_held ? r->cap_held * 2 : 16;
        r->held = nf_xrealloc(r->held, r->cap_held * sizeof *r->held);
    }
    r->held[r->n_held++] = rkm;
}

/* The next input: held messages first (they came before anything polled now). */
static rd_kafka_message_t *next_input(runner *r, int timeout_ms)
{
    if (r->n_held > 0) {
        rd_kafka_message_t *rkm = r->held[0];
        memmove(r->held, r->held + 1, --r->n_held * sizeof *r->held);
        return rkm;
    }
    return nf_consumer_poll(r->consumer, timeout_ms);
}

/* Drop held messages of \p parts (all when NULL): they will be consumed again by whoever owns
 * the partition next; nothing about them was stored. */
static void drop_held(runner *r, const rd_kafka_topic_partition_list_t *parts)
{
    size_t k = 0;
    for (size_t i = 0; i < r->n_held; i++) {
        rd_kafka_message_t *m = r->held[i];
        bool drop = !parts;
        for (int j = 0; parts && j < parts->cnt && !drop; j++) {
            drop = m->partition == parts->elems[j].partition && m->rkt &&
                   strcmp(rd_kafka_topic_name(m->rkt), parts->elems[j].topic) == 0;
        }
        if (drop) {
            rd_kafka_message_destroy(m);
        } else {
            r->held[k++] = m;
        }
    }
    r->n_held = k;
}

/* ---- Delivery: acknowledged outputs -> stored and committed input offsets --------------- */
/* At-least-once: an output acknowledged by the broker marks its input done in the offset
 * tracker; when that closes the gap at the head of its partition, the new position is stored;
 * stored positions are committed every run.commit_interval_ms, synchronously on revoke, and
 * checked at stop. (Exactly-once replaces this section: the batch's positions go into the
 * producer's transaction instead of being stored and committed.) */

static void delivery_acked(runner *r, const inflight *f)
{
    int64_t next = nf_offset_tracker_done(r->tracker, f->topic_idx, f->partition, f->offset);
    if (next >= 0 && !r->delivery_failed) {
        nf_consumer_store(r->consumer, f->topic_idx, f->partition, next);
        r->stores++;
    }
}

/* Commit what is stored, synchronously, within the shutdown deadline (or \p cap_ms); nothing
 * to do when nothing was stored since the last synchronous commit. */
static rd_kafka_resp_err_t delivery_commit_sync(runner *r, int cap_ms)
{
    if (r->stores == r->stores_committed) {
        return RD_KAFKA_RESP_ERR_NO_ERROR;
    }
    uint64_t stores = r->stores;
    int wait = time_left(r) < cap_ms ? time_left(r) : cap_ms;
    rd_kafka_resp_err_t err = nf_consumer_commit(r->consumer, wait > 0 ? wait : 1);
    if (!err) {
        r->stores_committed = stores;
    }
    return err;
}

static bool is_rebalance_err(rd_kafka_resp_err_t err)
{
    return err == RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS ||
           err == RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION ||
           err == RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID ||
           err == RD_KAFKA_RESP_ERR__ASSIGNMENT_LOST || err == RD_KAFKA_RESP_ERR__STATE;
}

/* The final commit. A group that is rebalancing refuses commits of the old generation: let the
 * rebalance go on (on_revoke commits what it takes away, synchronously, before the partitions
 * move) and commit again, until it succeeds or the deadline passes. */
static void delivery_final_commit(runner *r)
{
    for (;;) {
        rd_kafka_resp_err_t err = delivery_commit_sync(r, 1 << 30);
        if (!err) {
            return;
        }
        if (!is_rebalance_err(err) || time_left(r) <= 0) {
            NF_ERROR("final offset commit failed: %s; the partitions' next owner will process "
                     "again what this process finished since its last commit",
                     rd_kafka_err2str(err));
            r->commit_failed = true;
            return;
        }
        NF_INFO("final offset commit refused (%s): serving the rebalance, then again",
                rd_kafka_err2str(err));
        rd_kafka_message_t *m = nf_consumer_poll(r->consumer, 200); /* input is paused */
        if (m) {
            rd_kafka_message_destroy(m);
        }
    }
}

/* ---- Outputs ---------------------------------------------------------------------------- */

static void add_header_i64(rd_kafka_headers_t *h, const char *name, int64_t v)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%" PRId64, v);
    rd_kafka_header_add(h, name, -1, buf, n);
}

static void add_lineage(rd_kafka_headers_t *h, const rd_kafka_message_t *rkm)
{
    rd_kafka_header_add(h, "newsflow.source.topic", -1, rd_kafka_topic_name(rkm->rkt), -1);
    add_header_i64(h, "newsflow.source.partition", rkm->partition);
    add_header_i64(h, "newsflow.source.offset", rkm->offset);
    rd_kafka_timestamp_type_t tstype;
    add_header_i64(h, "newsflow.source.timestamp", rd_kafka_message_timestamp(rkm, &tstype));
}

static void add_processed_at(rd_kafka_headers_t *h)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char stamp[40];
    size_t n = strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(stamp + n, sizeof stamp - n, ".%03ldZ", ts.tv_nsec / 1000000);
    rd_kafka_header_add(h, "newsflow.processed.at", -1, stamp, -1);
}

static void add_error(rd_kafka_headers_t *h, const char *stage, const char *code,
                      const char *message)
{
    rd_kafka_header_add(h, "newsflow.error.stage", -1, stage, -1);
    rd_kafka_header_add(h, "newsflow.error.code", -1, code, -1);
    rd_kafka_header_add(h, "newsflow.error.message", -1, message, -1);
}

/* Headers of a dead letter: the original ones plus why it failed. */
static rd_kafka_headers_t *dead_letter_headers(const nf_doc *doc, const rd_kafka_message_t *rkm)
{
    rd_kafka_headers_t *orig = NULL;
    rd_kafka_headers_t *h;
    if (rd_kafka_message_headers(rkm, &orig) == RD_KAFKA_RESP_ERR_NO_ERROR && orig) {
        h = rd_kafka_headers_copy(orig);
    } else {
        h = rd_kafka_headers_new(8);
    }
    add_error(h, doc->err.stage, nf_err_name(doc->err.code), doc->err.message);
    return h;
}

static void inflight_free(inflight *f)
{
    if (!f) {
        return;
    }
    free(f->in_key);
    free(f->in_value);
    if (f->in_headers) {
        rd_kafka_headers_destroy(f->in_headers);
    }
    free(f);
}

/* Hand one output to the producer. A size limit is not an error here: the caller takes the
 * next smaller form. Anything else no smaller record can fix stops the run. On return the
 * headers are consumed; \p f is owned by the producer on success, by the caller otherwise.
 * @returns 0, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, or another error (run stopped). */
static rd_kafka_resp_err_t send_one(runner *r, const char *topic, const void *key,
                                    size_t key_len, const void *value, size_t value_len,
                                    rd_kafka_headers_t *h, inflight *f)
{
    char errstr[NF_ERRSTR_SIZE];
    bool was_emitting = r->emitting; /* sends nest: on_revoke inside a queue-full wait */
    r->emitting = true;
    rd_kafka_resp_err_t err = nf_producer_send(r->producer, topic, key, key_len, value,
                                               value_len, h, f, errstr, sizeof errstr);
    r->emitting = was_emitting;
    if (!err) {
        f->bytes = key_len + value_len;
        r->produce_bytes += f->bytes;
        nf_metrics_produced(r->metrics->m, f->form != FORM_RECORD);
        return err;
    }
    if (nf_kafka_err_is_size(err)) {
        return RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE;
    }
    if (err == RD_KAFKA_RESP_ERR__FATAL || kafka_fatal(nf_producer_handle(r->producer))) {
        producer_fatal(r, "produce"); /* fencing stops the run; else the producer is recreated */
        return err;
    }
    if (r->txn && err == RD_KAFKA_RESP_ERR__STATE) {
        /* the transaction is abortable: its batch is aborted and read again */
        nf_txn_fail(r->txn);
        return err;
    }
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL && r->producer_broken && !r->fatal) {
        return err; /* read again after the producer is recreated */
    }
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        /* Gave up waiting for room: stopping and out of time, or fatal. Not stored: the
         * input is processed again after a restart. */
        NF_ERROR("output for offset %" PRId64 " of partition %d not queued: %s", f->offset,
                 f->partition, r->fatal ? "the run failed" : "shutdown deadline reached");
        r->fatal = true;
        return err;
    }
    NF_ERROR("%s; stopping without committing offset %" PRId64 " of partition %d", errstr,
             f->offset, f->partition);
    r->delivery_failed = true;
    r->fatal = true;
    return err;
}

/* The value-omitted form (or, with \p bare, without key and original headers too). */
static rd_kafka_resp_err_t send_omitted(runner *r, inflight *f, const void *key, size_t key_len,
                                        rd_kafka_headers_t *h, bool bare)
{
    char size[32];
    snprintf(size, sizeof size, "%zu", f->in_value_len);
    rd_kafka_header_add(h, "newsflow.error.value_omitted_bytes", -1, size, -1);
    if (bare) {
        snprintf(size, sizeof size, "%zu", key_len);
        rd_kafka_header_add(h, "newsflow.error.key_omitted_bytes", -1, size, -1);
        key = NULL;
        key_len = 0;
    }
    f->form = bare ? FORM_BARE : FORM_VALUE_OMITTED;
    return send_one(r, r->popts.dlq_topic, key, key_len, NULL, 0, h, f);
}

/* The warning for a dead letter, with topic, partition, offset, stage and code as log fields
 * (log.format = json makes them searchable). */
static void log_dead_letter(const nf_doc *doc, const rd_kafka_message_t *rkm)
{
    char part[16], off[24];
    snprintf(part, sizeof part, "%" PRId32, rkm->partition);
    snprintf(off, sizeof off, "%" PRId64, rkm->offset);
    const char *fields[] = {"topic", rd_kafka_topic_name(rkm->rkt), "partition", part,
                            "offset", off, "stage", doc->err.stage,
                            "code", nf_err_name(doc->err.code), NULL};
    /* Text lines already say it all; JSON lines carry the values as fields too. */
    NF_LOGF(NF_LOG_WARN, nf_log_get_format() == NF_LOG_JSON ? fields : NULL,
            "dead-lettering %s [%d] offset %" PRId64 ": %s: %s",
            rd_kafka_topic_name(rkm->rkt), rkm->partition, rkm->offset, doc->err.stage,
            doc->err.message);
}

/* Queue exactly one output for a processed message: the record, or a dead letter, going down
 * the ladder of smaller forms while a size limit refuses one (synchronously here; refusals in
 * delivery reports continue the ladder through r->resend). */
static void emit(runner *r, nf_doc *doc, int rc, const rd_kafka_message_t *rkm)
{
    inflight *f = nf_xcalloc(1, sizeof *f);
    f->topic_idx = nf_consumer_topic_intern(r->consumer, rd_kafka_topic_name(rkm->rkt));
    f->partition = rkm->partition;
    f->offset = rkm->offset;
    f->in_value_len = rkm->len;
    rd_kafka_timestamp_type_t tstype;
    f->in_timestamp_ms = rd_kafka_message_timestamp(rkm, &tstype);
    if (rkm->key) {
        f->in_key = nf_xmalloc(rkm->key_len ? rkm->key_len : 1);
        memcpy(f->in_key, rkm->key, rkm->key_len);
        f->in_key_len = rkm->key_len;
    }
    rd_kafka_resp_err_t err;
    /* Exactly-once: a size limit refused this input's output before its transaction was
     * aborted; start at the next smaller form (txn.h). */
    int refused_err = 0;
    out_form start = r->txn ? (out_form)nf_txn_refused_form(r->txn, f->topic_idx, f->partition,
                                                            f->offset, &refused_err)
                            : FORM_RECORD;
    if (rc == NF_OK && start > FORM_RECORD) {
        doc->err.stage = "output";
        nf_doc_fail(doc, NF_ETOOBIG, "enriched record of %zu bytes refused by the broker: %s",
                    doc->out_len, rd_kafka_err2str((rd_kafka_resp_err_t)refused_err));
    } else if (rc == NF_OK) {
        f->form = FORM_RECORD;
        if (doc->out_len > AT_RISK_RECORD_BYTES) {
            f->in_value = nf_xmalloc(rkm->len ? rkm->len : 1);
            memcpy(f->in_value, rkm->payload, rkm->len);
            rd_kafka_headers_t *orig = NULL;
            if (rd_kafka_message_headers(rkm, &orig) == RD_KAFKA_RESP_ERR_NO_ERROR && orig) {
                f->in_headers = rd_kafka_headers_copy(orig);
            }
        }
        rd_kafka_headers_t *h = rd_kafka_headers_new(6);
        add_lineage(h, rkm);
        add_processed_at(h);
        err = send_one(r, r->popts.topic, doc->id, strlen(doc->id), doc->out, doc->out_len, h,
                       f);
        if (err != RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE) {
            if (err) {
                inflight_free(f);
            }
            return;
        }
        doc->err.stage = "output";
        nf_doc_fail(doc, NF_ETOOBIG,
                    "enriched record of %zu bytes is larger than the producer's "
                    "message.max.bytes (producer.kafka.message.max.bytes)",
                    doc->out_len);
        r->stats.resent++;
    }
    log_dead_letter(doc, rkm);
    f->form = FORM_DEAD_LETTER;
    f->err_code = doc->err.code;
    rd_kafka_headers_t *h;
    err = RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE; /* a form refused before is not sent again */
    if (start <= FORM_DEAD_LETTER) {
        h = dead_letter_headers(doc, rkm);
        add_lineage(h, rkm);
        add_processed_at(h);
        err = send_one(r, r->popts.dlq_topic, rkm->key, rkm->key_len, rkm->payload, rkm->len, h,
                       f);
    }
    for (int bare = start == FORM_BARE; err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE && bare < 2;
         bare++) {
        r->stats.resent++;
        h = dead_letter_headers(doc, rkm);
        if (bare) {
            rd_kafka_headers_destroy(h);
            h = rd_kafka_headers_new(8);
            add_error(h, doc->err.stage, nf_err_name(doc->err.code), doc->err.message);
        }
        add_lineage(h, rkm);
        add_processed_at(h);
        err = send_omitted(r, f, rkm->key, rkm->key_len, h, bare);
    }
    if (err) {
        if (err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE) {
            NF_ERROR("even a dead letter without key and value is too large for %s; stopping",
                     r->popts.dlq_topic);
            r->fatal = true;
        }
        inflight_free(f);
    }
}

/* A size limit refused \p f in its delivery report (on_delivery, inside rd_kafka_poll()):
 * queue its next smaller form on r->resend. The produced message is only readable during the
 * report, so what the next form needs is copied now. @returns false when there is no smaller
 * form. */
static bool plan_smaller(runner *r, inflight *f, const nf_delivery *d)
{
    resend *s = nf_xcalloc(1, sizeof *s);
    s->f = f;
    s->topic = r->popts.dlq_topic;
    const void *key = d->key;
    size_t key_len = d->key_len;
    switch (f->form) {
    case FORM_RECORD:
        /* A dead letter of the input: with its value when we kept it, else without. */
        snprintf(f->err_stage, sizeof f->err_stage, "output");
        snprintf(f->err_message, sizeof f->err_message,
                 "enriched record of %zu bytes refused by the broker: %s", d->value_len,
                 rd_kafka_err2str(d->err));
        key = f->in_key;
        key_len = f->in_key_len;
        s->headers = f->in_headers ? rd_kafka_headers_copy(f->in_headers)
                                   : rd_kafka_headers_new(8);
        add_error(s->headers, f->err_stage, nf_err_name(NF_ETOOBIG), f->err_message);
        f->err_code = NF_ETOOBIG;
        if (f->in_value) {
            s->value = f->in_value;
            s->value_len = f->in_value_len;
            f->in_value = NULL;
            f->form = FORM_DEAD_LETTER;
        } else {
            char size[32];
            snprintf(size, sizeof size, "%zu", f->in_value_len);
            rd_kafka_header_add(s->headers, "newsflow.error.value_omitted_bytes", -1, size, -1);
            f->form = FORM_VALUE_OMITTED;
        }
        break;
    case FORM_DEAD_LETTER: {
        /* The same dead letter (its headers already say why) without the value. */
        s->headers = d->headers ? rd_kafka_headers_copy(d->headers) : rd_kafka_headers_new(4);
        char size[32];
        snprintf(size, sizeof size, "%zu", d->value_len);
        rd_kafka_header_add(s->headers, "newsflow.error.value_omitted_bytes", -1, size, -1);
        f->form = FORM_VALUE_OMITTED;
        break;
    }
    case FORM_VALUE_OMITTED:
        /* Only newsflow's own headers and no key. */
        s->headers = rd_kafka_headers_new(12);
        if (d->headers) {
            const char *name;
            const void *val;
            size_t len;
            for (size_t i = 0;
                 rd_kafka_header_get_all(d->headers, i, &name, &val, &len) == 0; i++) {
                if (strncmp(name, "newsflow.", 9) == 0) {
                    rd_kafka_header_add(s->headers, name, -1, val, (ssize_t)len);
                }
            }
        }
        char size[32];
        snprintf(size, sizeof size, "%zu", key_len);
        rd_kafka_header_add(s->headers, "newsflow.error.key_omitted_bytes", -1, size, -1);
        key = NULL;
        key_len = 0;
        f->form = FORM_BARE;
        break;
    case FORM_BARE:
        free(s);
        return false;
    }
    if (key) {
        s->key = nf_xmalloc(key_len ? key_len : 1);
        memcpy(s->key, key, key_len);
        s->key_len = key_len;
    }
    if (r->resend_tail) {
        r->resend_tail->next = s;
    } else {
        r->resend_head = s;
    }
    r->resend_tail = s;
    return true;
}

/* Send the smaller forms planned by delivery reports (from the loop, never from a report). */
static void send_resends(runner *r)
{
    while (r->resend_head && !halted(r)) {
        resend *s = r->resend_head;
        r->resend_head = s->next;
        if (!r->resend_head) {
            r->resend_tail = NULL;
        }
        r->stats.resent++;
        inflight *f = s->f;
        /* send_one consumes the headers; a synchronous refusal needs them for the next form */
        rd_kafka_headers_t *keep = rd_kafka_headers_copy(s->headers);
        rd_kafka_resp_err_t err = send_one(r, s->topic, s->key, s->key_len, s->value,
                                           s->value_len, s->headers, f);
        if (err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE) {
            /* Refused synchronously: the same ladder, one step further. */
            nf_delivery d = {.err = err, .key = s->key, .key_len = s->key_len,
                             .value_len = s->value_len, .headers = keep};
            if (!plan_smaller(r, f, &d)) {
                NF_ERROR("even a dead letter without key and value is too large for %s; "
                         "stopping", r->popts.dlq_topic);
                r->fatal = true;
                inflight_free(f);
            }
        } else if (err) {
            inflight_free(f);
        }
        rd_kafka_headers_destroy(keep);
        free(s->key);
        free(s->value);
        free(s);
    }
}

static void free_resends(runner *r)
{
    while (r->resend_head) {
        resend *s = r->resend_head;
        r->resend_head = s->next;
        inflight_free(s->f);
        if (s->headers) {
            rd_kafka_headers_destroy(s->headers);
        }
        free(s->key);
        free(s->value);
        free(s);
    }
    r->resend_tail = NULL;
}

/* Exactly-once: a failed delivery makes the transaction abortable; its batch is aborted and
 * read again. A broker-side size refusal cannot take the smaller-form ladder inside the
 * transaction: it is remembered, and the input's output starts at the next smaller form when
 * it is processed again (txn.h). Messages purged by an abort are expected. */
static void txn_delivery_failed(runner *r, const nf_delivery *d, inflight *f)
{
    if (d->err == RD_KAFKA_RESP_ERR__FATAL || kafka_fatal(nf_producer_handle(r->producer))) {
        producer_fatal(r, "delivery report"); /* its transaction is aborted by the new one */
        nf_metrics_discarded(r->metrics->m, f->in_value_len);
        inflight_free(f);
        return;
    }
    if (nf_kafka_err_is_size(d->err)) {
        if (f->form == FORM_BARE) {
            NF_ERROR("even a dead letter without key and value is too large for %s; stopping",
                     r->popts.dlq_topic);
            r->fatal = true;
        } else {
            nf_txn_refused(r->txn, f->topic_idx, f->partition, f->offset, (int)f->form + 1,
                           (int)d->err);
            NF_WARN("%s refused a %zu-byte output of %s [%d] offset %" PRId64 ": %s; the "
                    "transaction is aborted and the input sent in a smaller form after the "
                    "rewind", d->topic ? d->topic : "?", d->value_len,
                    nf_consumer_topic_name(r->consumer, f->topic_idx), f->partition, f->offset,
                    rd_kafka_err2str(d->err));
            r->stats.resent++;
        }
        nf_txn_fail(r->txn);
        inflight_free(f);
        return;
    }
    if (d->err != RD_KAFKA_RESP_ERR__PURGE_QUEUE && d->err != RD_KAFKA_RESP_ERR__PURGE_INFLIGHT) {
        r->stats.failed++;
        nf_metrics_delivery_failed(r->metrics->m, f->in_value_len);
        NF_WARN("delivery to %s failed: %s (input offset %" PRId64 " of partition %d); the "
                "transaction will be aborted",
                d->topic ? d->topic : "?", rd_kafka_err2str(d->err), f->offset, f->partition);
        nf_txn_fail(r->txn);
    } else {
        nf_metrics_discarded(r->metrics->m, f->in_value_len); /* read again after the abort */
    }
    inflight_free(f);
}

/* Delivery report, inside rd_kafka_poll()/rd_kafka_flush() (producer.c). Never produces. */
static void on_delivery(void *opaque, const nf_delivery *d)
{
    runner *r = opaque;
    inflight *f = d->msg_opaque;
    r->produce_bytes -= f->bytes < r->produce_bytes ? f->bytes : r->produce_bytes;
    f->bytes = 0;
    if (r->retiring) {
        /* A report of the broken producer being destroyed: acknowledged or not, its input is
         * read again from the committed offsets and produced by the new one (exactly-once:
         * this transaction is aborted; at-least-once: a duplicate at most). */
        nf_metrics_discarded(r->metrics->m, f->in_value_len);
        inflight_free(f);
        return;
    }
    if (!d->err) {
        nf_metrics_acked(r->metrics->m, f->form != FORM_RECORD, f->err_code, f->in_value_len,
                         f->in_timestamp_ms);
        if (f->form == FORM_RECORD) {
            r->stats.enriched++;
        } else {
            r->stats.dead_lettered++;
        }
        if (!r->txn) {
            delivery_acked(r, f);
            if (!r->producer_broken) {
                /* progress since the last recovery: a new streak next time */
                r->broken_since = 0;
                r->recover_attempts = 0;
            }
        }
        inflight_free(f);
        return;
    }
    if (r->txn) {
        txn_delivery_failed(r, d, f);
        return;
    }
    if (d->err == RD_KAFKA_RESP_ERR__FATAL || kafka_fatal(nf_producer_handle(r->producer))) {
        /* A fatal error of the idempotent producer (its queue is purged): not a delivery
         * failure of this output; the producer is recreated and the input read again. */
        producer_fatal(r, "delivery report");
        nf_metrics_discarded(r->metrics->m, f->in_value_len);
        inflight_free(f);
        return;
    }
    if (nf_kafka_err_is_size(d->err) && !r->delivery_failed) {
        NF_WARN("%s refused a %zu-byte output of %s [%d] offset %" PRId64 ": %s; sending a "
                "smaller form", d->topic ? d->topic : "?", d->value_len,
                nf_consumer_topic_name(r->consumer, f->topic_idx), f->partition, f->offset,
                rd_kafka_err2str(d->err));
        if (plan_smaller(r, f, d)) {
            return; /* f travels on with the smaller form */
        }
    }
    r->stats.failed++;
    nf_metrics_delivery_failed(r->metrics->m, f->in_value_len);
    if (!r->delivery_failed && d->err != RD_KAFKA_RESP_ERR__PURGE_QUEUE &&
        d->err != RD_KAFKA_RESP_ERR__PURGE_INFLIGHT) {
        NF_ERROR("delivery to %s failed permanently: %s (input offset %" PRId64
                 " of partition %d); no more offsets will be committed, stopping",
                 d->topic ? d->topic : "?", rd_kafka_err2str(d->err), f->offset, f->partition);
        r->delivery_failed = true;
    }
    r->fatal = true;
    inflight_free(f);
}

/* ---- Flow control ------------------------------------------------------------------------ */

/* Bytes of records the producer holds past its share of the memory budget. */
static size_t produce_overflow(const runner *r)
{
    return r->produce_bytes > r->mem.produce_queue ? r->produce_bytes - r->mem.produce_queue : 0;
}

/* Pause the input while the producer holds more than its share of the memory budget (or while
 * smaller forms wait to be sent); the consumer keeps being polled, so the group keeps us. */
static void update_flow(runner *r)
{
    bool full = r->produce_bytes > r->mem.produce_queue || r->resend_head;
    bool low = r->produce_bytes < r->mem.produce_queue / 4 * 3 && !r->resend_head;
    if (full && !nf_consumer_paused(r->consumer)) {
        nf_consumer_pause(r->consumer, true);
    } else if (low && (!r->stopping || r->refilling) && nf_consumer_paused(r->consumer)) {
        nf_consumer_pause(r->consumer, false);
    }
}

/* Inside nf_producer_send() while the producer's queue is full (after rd_kafka_poll() served
 * delivery reports for up to 100 ms). Pauses the input, keeps serving the group, honours a
 * stop. @returns false to give up the send. */
static bool on_queue_full(void *opaque)
{
    runner *r = opaque;
    if (stop_requested(r)) {
        begin_stop(r, "signal");
    }
    if (halted(r) || (r->stopping && time_left(r) <= 0)) {
        return false;
    }
    nf_consumer_pause(r->consumer, true);
    if (!r->in_revoke) {
        /* Serve rebalances and keep max.poll.interval.ms satisfied; input is paused, but a
         * message fetched before the pause may still come: it waits in the held queue. */
        rd_kafka_message_t *m = nf_consumer_poll(r->consumer, 0);
        metrics_tick(r); /* polled: /healthz stays green while the producer catches up */
        if (m) {
            if (m->err) {
                NF_WARN("consumer: %s", rd_kafka_message_errstr(m));
                rd_kafka_message_destroy(m);
            } else {
                hold(r, m);
            }
        }
    }
    return true;
}

/* ---- Processing --------------------------------------------------------------------------- */

static void set_doc_input(nf_doc *doc, const rd_kafka_message_t *rkm)
{
    nf_doc_set_input(doc, rkm->payload, rkm->len, rkm->key, rkm->key_len);
    doc->src.topic = rd_kafka_topic_name(rkm->rkt);
    doc->src.partition = rkm->partition;
    doc->src.offset = rkm->offset;
    rd_kafka_timestamp_type_t tstype;
    doc->src.timestamp_ms = rd_kafka_message_timestamp(rkm, &tstype);
}

static void emit_job(runner *r, nf_pool_job *job)
{
    rd_kafka_message_t *rkm = job->user;
    if (!halted(r) && job->epoch == r->epoch) {
        emit(r, &job->doc, job->rc, rkm);
    }
    rd_kafka_message_destroy(rkm);
    nf_pool_release(r->pool);
}

/* Emit every processed job at the head of the window, in order; with \p wait_all, wait until
 * the window is empty. */
static void drain_pool(runner *r, bool wait_all)
{
    nf_pool_job *job;
    while ((job = nf_pool_next_done(r->pool, wait_all ? 1000 : 0)) != NULL ||
           (wait_all && nf_pool_pending(r->pool) > 0)) {
        if (job) {
            emit_job(r, job);
            nf_producer_poll(r->producer, 0);
        }
    }
}

/* The NF_TEST_FATAL_AFTER hook (nf_run_control): a fatal producer error as librdkafka raises
 * one itself, so tests reach every path that sees it (produce calls, delivery reports,
 * transaction calls, the loop's check). */
static void test_inject_fatal(runner *r)
{
    rd_kafka_resp_err_t err = (rd_kafka_resp_err_t)r->ctl->test_fatal_err;
    NF_WARN("test hook NF_TEST_FATAL_AFTER: raising fatal producer error %s after %" PRIu64
            " input message(s)",
            rd_kafka_err2name(err), r->stats.consumed);
    rd_kafka_test_fatal_error(nf_producer_handle(r->producer), err,
                              "injected by NF_TEST_FATAL_AFTER");
}

/* Take one input message: track its offset, then process it here or hand it to a worker.
 * Takes ownership of \p rkm. */
static void handle_message(runner *r, nf_doc *doc, rd_kafka_message_t *rkm)
{
    int32_t ti = nf_consumer_topic_intern(r->consumer, rd_kafka_topic_name(rkm->rkt));
    /* Exactly-once needs no tracker: the transaction commits the batch's positions. */
    if (!r->txn && nf_offset_tracker_add(r->tracker, ti, rkm->partition, rkm->offset) == 1) {
        /* The offset went back (offset reset after truncation, a seek): processed again. */
        NF_WARN("%s [%d] went back to offset %" PRId64 " (offset reset or seek): processing "
                "from there again", rd_kafka_topic_name(rkm->rkt), rkm->partition, rkm->offset);
        r->stats.rewinds++;
    }
    r->stats.consumed++;
    r->stats.bytes_in += rkm->len;
    nf_metrics_consumed(r->metrics->m, rkm->len);
    if (r->ctl->test_fatal_after > 0 && r->stats.consumed == (uint64_t)r->ctl->test_fatal_after) {
        test_inject_fatal(r);
    }
    if (r->txn) {
        nf_txn_add(r->txn);
        nf_consumer_taken(r->consumer, ti, rkm->partition, rkm->offset); /* committed with it */
    }
    if (r->pool) {
        nf_pool_job *job;
        for (;;) {
            /* Records the producer holds past its share came out of articles the window had
             * admitted: they keep that room until the broker takes them (else, with a slow
             * broker, the window refills while they wait, over the budget). */
            nf_pool_set_lent(r->pool, produce_overflow(r));
            job = nf_pool_acquire(r->pool, nf_article_cost(rkm->len));
            if (job) {
                break;
            }
            /* Window full: wait for the oldest job (backpressure on the consumer). */
            nf_pool_job *head = nf_pool_next_done(r->pool, 100);
            if (head) {
                emit_job(r, head);
            }
            nf_producer_poll(r->producer, 0);
        }
        set_doc_input(&job->doc, rkm);
        job->user = rkm;
        job->epoch = r->epoch;
        nf_pool_submit(r->pool);
        return;
    }
    nf_doc_reset(doc);
    set_doc_input(doc, rkm);
    int rc = nf_pipeline_process(r->pl, doc);
    emit(r, doc, rc, rkm);
    rd_kafka_message_destroy(rkm);
}

/* ---- Rebalance --------------------------------------------------------------------------- */

/* Exactly-once: after a commit or an abort. An abort sends the input back to the committed
 * offsets (or to the partitions' next owner): what the loop still holds of the aborted batch
 * (messages polled but not processed, outputs waiting to be re-sent smaller, results of the
 * workers) would otherwise reach the next batch and be output twice. */

static void txn_outcome(runner *r, nf_txn_result res)
{
    if (res == NF_TXN_FATAL) {
        r->fatal = true;
    } else if (res == NF_TXN_BROKEN) {
        mark_broken(r); /* recover_producer() at the loop's next turn */
    } else if (res == NF_TXN_OK) {
        r->broken_since = 0; /* committed since the last recovery: a new streak next time */
        r->recover_attempts = 0;
    } else if (res == NF_TXN_ABORTED) {
        r->epoch++; /* emit_job drops the workers' results of the aborted batch */
        drop_held(r, NULL);
        free_resends(r);
    }
}

/* Exactly-once: commit the open batch with the offsets of every partition still assigned (the
 * revoked ones included), or abort it when they were lost to another member (docs). */
static void txn_revoke(runner *r, bool lost)
{
    if (r->txn_closed || nf_txn_is_fatal(r->txn) || nf_txn_is_broken(r->txn)) {
        return; /* broken: the new producer's init_transactions aborts the batch */
    }
    send_resends(r);
    txn_outcome(r, lost ? nf_txn_abort(r->txn) : nf_txn_commit(r->txn, false));
}

/* Inside rd_kafka_consumer_poll() (nf_consumer_poll) or the close queue, before \p parts go
 * to another member: finish their outputs and commit synchronously while they are still ours.
 * Bounded by the shutdown deadline when stopping, else by run.shutdown_timeout_ms. */
static void on_revoke(void *opaque, const rd_kafka_topic_partition_list_t *parts, bool lost)
{
    runner *r = opaque;
    bool own_deadline = !r->deadline;
    if (own_deadline) {
        r->deadline = now_ms() + r->run.shutdown_timeout_ms;
    }
    bool was_in_revoke = r->in_revoke;
    r->in_revoke = true;
    if (r->pool && !r->emitting) {
        drain_pool(r, true); /* outputs of everything consumed so far are queued first */
    }
    if (r->txn) {
        txn_revoke(r, lost);
    } else if (!lost) {
        while ((nf_producer_outq_len(r->producer) > 0 || r->resend_head) && !halted(r) &&
               time_left(r) > 0) {
            send_resends(r);
            nf_producer_flush(r->producer, time_left(r) < 100 ? time_left(r) : 100);
        }
        if (nf_producer_outq_len(r->producer) > 0) {
            NF_WARN("outputs not acknowledged before the revoke; the new owner will process "
                    "again from the last committed offset");
        }
        rd_kafka_resp_err_t err = delivery_commit_sync(r, (int)r->run.shutdown_timeout_ms);
        if (err) {
            NF_WARN("commit before giving up %d partition(s) failed: %s; their next owner will "
                    "process again what was finished since the last commit", parts->cnt,
                    rd_kafka_err2str(err));
            if (r->stopping) {
                r->commit_failed = true;
            }
        }
    }
    for (int i = 0; i < parts->cnt; i++) {
        int32_t ti = nf_consumer_topic_intern(r->consumer, parts->elems[i].topic);
        nf_offset_tracker_forget(r->tracker, ti, parts->elems[i].partition);
        if (r->txn) {
            nf_txn_refused_forget(r->txn, ti, parts->elems[i].partition);
        }
    }
    drop_held(r, parts);
    r->in_revoke = was_in_revoke;
    if (own_deadline) {
        r->deadline = 0;
    }
}

/* ---- Recovery: a fatal producer error that is not fencing ---------------------------------
 * librdkafka makes a producer unusable after a fatal error, including some that only mean the
 * broker lost track (INVALID_TXN_STATE to an abort after a broker restart, an idempotence
 * sequence gap). The stream must go on: a new producer (same transactional.id) takes over and
 * the input is read again from the committed offsets, exactly as after an abort. Fencing is
 * the one fatal error that means "stop": another process owns our transactional.id now. */

/* Fatal errors closer together than this after a recovery, with no commit or acknowledgement
 * between, count as one streak: the back-off grows and run.producer_recovery_timeout_ms runs
 * from the streak's first error. */
#define RECOVERY_STREAK_MS 60000

/* Broken from now on; the loop calls recover_producer() at its next turn. */
static void mark_broken(runner *r)
{
    char reason[200];
    rd_kafka_resp_err_t code =
        rd_kafka_fatal_error(nf_producer_handle(r->producer), reason, sizeof reason);
    snprintf(r->broken_cause, sizeof r->broken_cause, "%s: %s", rd_kafka_err2name(code),
             code ? reason : "?");
    r->producer_broken = true;
    if (r->broken_since && now_ms() - r->recovered_ms > RECOVERY_STREAK_MS) {
        /* the last recovery held this long (an idle stream commits nothing): a new streak */
        r->broken_since = 0;
        r->recover_attempts = 0;
    }
    if (!r->broken_since) {
        r->broken_since = now_ms();
    }
    if (r->run.producer_recovery_timeout_ms == 0) {
        NF_ERROR("fatal producer error (%s); run.producer_recovery_timeout_ms = 0: exiting "
                 "without committing",
                 r->broken_cause);
        r->fatal = true;
    }
}

/* The one decision for a fatal producer error, wherever it shows (a produce call, a delivery
 * report, a transaction call, the loop's check): fenced -> stop; anything else -> recreate. */
static void producer_fatal(runner *r, const char *where)
{
    if (r->fatal || r->producer_broken) {
        return;
    }
    if (r->txn) {
        if (nf_txn_producer_failed(r->txn, where) == NF_TXN_FATAL) { /* logs either way */
            r->fatal = true;
            return;
        }
    } else {
        char reason[512];
        rd_kafka_resp_err_t code =
            rd_kafka_fatal_error(nf_producer_handle(r->producer), reason, sizeof reason);
        NF_ERROR("fatal producer error in %s: %s: %s; recreating the producer and reading "
                 "again from the committed offsets",
                 where, rd_kafka_err2name(code), reason);
    }
    mark_broken(r);
}

/* Destroy the broken producer without waiting for it: whatever it holds is failed locally
 * (purge) and the reports are ignored (on_delivery, r->retiring). */
static void retire_producer(runner *r)
{
    r->retiring = true;
    for (int i = 0; i < 50 && nf_producer_outq_len(r->producer) > 0; i++) {
        nf_producer_purge(r->producer);
        nf_producer_poll(r->producer, 10);
    }
    nf_producer_destroy(r->producer);
    r->producer = NULL;
    r->produce_bytes = 0;
    r->retiring = false;
}

/* At-least-once: the old producer's unacknowledged outputs are gone with it. Commit what was
 * acknowledged (the stored offsets), forget the rest and go back to the committed offsets. */
static int alo_rewind(runner *r)
{
    rd_kafka_resp_err_t err = delivery_commit_sync(r, 10000);
    if (err) {
        NF_WARN("commit before reading again failed: %s; reading again from the previous one",
                rd_kafka_err2str(err));
    }
    nf_offset_tracker_destroy(r->tracker);
    r->tracker = nf_offset_tracker_new();
    int64_t until = now_ms() + 120000;
    while (nf_consumer_rewind(r->consumer, 10000) != 0) {
        if (now_ms() >= until) {
            return -1;
        }
    }
    return 0;
}

/* One attempt: a new producer (made before the old one goes, so a failure leaves the loop a
 * producer to poll), then init_transactions (exactly-once) and the rewind. */
static void recreate_once(runner *r, int64_t deadline)
{
    char errstr[NF_ERRSTR_SIZE];
    nf_producer *p = nf_producer_new_txn(r->cfg, r->produce_hard, *r->txn_id ? r->txn_id : NULL,
                                         on_delivery, r, errstr, sizeof errstr);
    if (!p) {
        NF_WARN("cannot make a new producer: %s", errstr);
        snprintf(r->attempt_error, sizeof r->attempt_error, "%s", errstr);
        return;
    }
    nf_producer_set_queue_full_cb(p, on_queue_full);
    retire_producer(r);
    r->producer = p;
    if (r->txn) {
        int64_t left = deadline - now_ms();
        nf_txn_result res = nf_txn_recover(r->txn, p, left > 1000 ? left : 1000, errstr,
                                           sizeof errstr);
        if (res == NF_TXN_FATAL) {
            r->fatal = true;
            return;
        }
        if (res == NF_TXN_BROKEN) {
            NF_WARN("exactly-once: the new producer cannot start: %s", errstr);
            snprintf(r->attempt_error, sizeof r->attempt_error, "%s", errstr);
            return; /* the next attempt replaces this producer too */
        }
    } else if (alo_rewind(r) != 0) {
        NF_ERROR("cannot go back to the committed offsets after recreating the producer");
        r->fatal = true;
        return;
    }
    r->producer_broken = false;
    r->attempt_error[0] = '\0';
    r->recovered_ms = now_ms();
    r->stats.producer_recreated++;
    nf_metrics_producer_recreated(r->metrics->m);
    NF_WARN("producer recreated after a fatal error (%s; %" PRIu64 " so far): continuing from "
            "the committed offsets",
            r->broken_cause, r->stats.producer_recreated);
    r->epoch++; /* emit_job drops the workers' results of before */
    drop_held(r, NULL);
    free_resends(r);
}

/* Make a new producer until one works: back-off 0.5 s, 1 s, 2 s ... 30 s between attempts
 * (input paused, the group still served), at most run.producer_recovery_timeout_ms since the
 * first error without progress. */
static void recover_producer(runner *r)
{
    int64_t deadline = r->broken_since + r->run.producer_recovery_timeout_ms;
    /* Finishing a stop (finish_stop): its one deadline bounds the recovery too, and the stop
     * that is being served does not interrupt it. */
    bool by_shutdown = r->stopping && r->deadline < deadline;
    deadline = by_shutdown ? r->deadline : deadline;
    bool stop_new = stop_requested(r) && !r->stopping;
    while (r->producer_broken && !r->fatal) {
        if (r->recover_attempts > 0 && !stop_new) {
            int shift = r->recover_attempts < 7 ? r->recover_attempts - 1 : 6;
            int64_t until = now_ms() + (500LL << shift);
            until = until < deadline ? until : deadline;
            nf_consumer_pause(r->consumer, true); /* update_flow resumes it */
            while (now_ms() < until && !(stop_new = stop_requested(r) && !r->stopping)) {
                rd_kafka_message_t *m = nf_consumer_poll(r->consumer, 100);
                if (m && !m->err) {
                    hold(r, m); /* dropped by the rewind of the next success */
                } else if (m) {
                    rd_kafka_message_destroy(m);
                }
                metrics_tick(r);
            }
        }
        if (stop_new && r->recover_attempts > 0) {
            /* A stop now is a clean stop: the broken producer's outputs are left to a restart
             * (finish_stop says which input is not committed). */
            NF_WARN("stop requested while recreating the producer after a fatal error (%s; %d "
                    "attempt(s)%s%s): stopping without it",
                    r->broken_cause, r->recover_attempts, *r->attempt_error ? "; last: " : "",
                    r->attempt_error);
            return;
        }
        if (now_ms() >= deadline) {
            NF_ERROR("cannot recover from the fatal producer error (%s) within %s=%" PRId64
                     " after %d attempt(s)%s%s; exiting without committing: a restart reads "
                     "again from the committed offsets",
                     r->broken_cause,
                     by_shutdown ? "run.shutdown_timeout_ms" : "run.producer_recovery_timeout_ms",
                     by_shutdown ? r->run.shutdown_timeout_ms : r->run.producer_recovery_timeout_ms,
                     r->recover_attempts, *r->attempt_error ? "; last: " : "", r->attempt_error);
            r->fatal = true;
            return;
        }
        r->recover_attempts++;
        recreate_once(r, deadline);
    }
}

/* ---- Set-up ------------------------------------------------------------------------------- */

/* \p mid_run: the stream goes on, so a paused input is worth saying (at the end it is not). */
static void log_stats(const runner *r, const char *when, bool mid_run)
{
    char v[7][24];
    snprintf(v[0], sizeof v[0], "%" PRIu64, r->stats.consumed);
    snprintf(v[1], sizeof v[1], "%" PRIu64, r->stats.enriched);
    snprintf(v[2], sizeof v[2], "%" PRIu64, r->stats.dead_lettered);
    snprintf(v[3], sizeof v[3], "%" PRIu64, r->stats.failed);
    snprintf(v[4], sizeof v[4], "%" PRIu64, r->stats.resent);
    /* In flight: inputs whose offsets are not committed yet (exactly-once: the open
     * transaction's; at-least-once: the tracker's). */
    int64_t pending = r->txn ? nf_txn_pending(r->txn)
                             : (int64_t)nf_offset_tracker_pending(r->tracker);
    snprintf(v[5], sizeof v[5], "%" PRId64, pending);
    /* Why nothing is read, when nothing is: a stalled stream names its cause. */
    bool paused = mid_run && r->consumer && nf_consumer_paused(r->consumer);
    snprintf(v[6], sizeof v[6], "%zu", r->produce_bytes);
    const char *fields[] = {"consumed", v[0], "enriched", v[1], "dead_lettered", v[2],
                            "failed", v[3], "resent", v[4], "in_flight", v[5],
                            "input_paused", paused ? "true" : "false", "producer_bytes", v[6],
                            NULL};
    char flow[160] = "";
    if (paused) {
        snprintf(flow, sizeof flow, "; input paused (producer holds %s bytes of its %zu-byte "
                 "share%s)", v[6], r->mem.produce_queue,
                 r->resend_head ? ", outputs wait to be re-sent smaller" : "");
    }
    /* Text lines already say it all; JSON lines carry the values as fields too. */
    NF_LOGF(NF_LOG_INFO, nf_log_get_format() == NF_LOG_JSON ? fields : NULL,
            "%s: consumed %s, enriched %s, dead-lettered %s, failed %s, re-sent smaller %s, "
            "in flight %s%s",
            when, v[0], v[1], v[2], v[3], v[4], v[5], flow);
}

static int create_topics(runner *r, char *errstr, size_t errstr_size)
{
    size_t n = 0;
    const char **names = nf_xcalloc(r->copts.topics.n + 2, sizeof *names);
    /* A replay reads topics that must exist: only its outputs are created. */
    for (size_t i = 0; !r->ctl->replay && i < r->copts.topics.n; i++) {
        if (r->copts.topics.items[i][0] != '^') { /* a pattern names no topic to create */
            names[n++] = r->copts.topics.items[i];
        }
    }
    names[n++] = r->popts.topic;
    names[n++] = r->popts.dlq_topic;
    int rc = nf_kafka_create_topics(r->producer, names, n, (int)r->topts.partitions,
                                    (int)r->topts.replication, (int)r->topts.timeout_ms, errstr,
                                    errstr_size);
    free(names);
    return rc;
}

/* Exactly-once identity: stable across restarts of the same process (run.instance_id, else
 * the host name) or of the same named replay, so a restart fences its predecessor. */
static void transactional_id(const runner *r, char *buf, size_t size)
{
    char host[256] = "";
    const char *instance = r->run.instance_id;
    if (!instance || !*instance) {
        gethostname(host, sizeof host - 1);
        instance = *host ? host : "newsflow";
    }
    const char *replay = NULL;
    char anon[64];
    if (r->ctl->replay) {
        const char *prefix = "newsflow.replay.";
        const char *group = r->ctl->resume_group;
        if (group && strncmp(group, prefix, strlen(prefix)) == 0) {
            replay = group + strlen(prefix);
        } else {
            snprintf(anon, sizeof anon, "anonymous-%ld", (long)getpid());
            replay = anon;
        }
    }
    nf_txn_id(buf, size, r->popts.transactional_id_prefix, r->copts.group_id, instance, replay);
}

/* The group consumer of `run`, or the assign-mode consumer of `replay`. */
static nf_consumer *new_consumer(runner *r, char *errstr, size_t errstr_size)
{
    if (!r->ctl->replay) {
        return nf_consumer_new(r->cfg, &r->copts, on_revoke, r, errstr, errstr_size);
    }
    nf_replay_request req = *r->ctl->replay;
    req.topics = (const char *const *)r->copts.topics.items;
    req.n_topics = r->copts.topics.n;
    req.fetch_queue_bytes = r->copts.fetch_queue_bytes;
    req.exactly_once = r->copts.exactly_once;
    req.on_stats = r->copts.on_stats; /* metrics: lag (set by nf_run_metrics_start) */
    req.stats_opaque = r->copts.stats_opaque;
    req.stats_interval_ms = r->copts.stats_interval_ms;
    return nf_consumer_new_replay(r->cfg, &req, r->ctl->resume_group, false, errstr,
                                  errstr_size);
}

/* Wait until the brokers answer (run.startup_timeout_ms). Without it a consumer that cannot
 * connect or authenticate retries for ever and the process looks alive doing nothing. */
static int wait_for_kafka(runner *r, char *errstr, size_t errstr_size)
{
    int64_t until = now_ms() + r->run.startup_timeout_ms;
    rd_kafka_t *rk = nf_consumer_handle(r->consumer);
    for (;;) {
        const struct rd_kafka_metadata *md = NULL;
        if (rd_kafka_metadata(rk, 0, NULL, &md, 500) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            rd_kafka_metadata_destroy(md);
            return 0;
        }
        rd_kafka_message_t *m = nf_consumer_poll(r->consumer, 100); /* serves error_cb */
        if (m && !m->err) {
            hold(r, m);
            return 0;
        }
        if (m) {
            rd_kafka_message_destroy(m);
        }
        const nf_kafka_errlog *e = nf_consumer_last_error(r->consumer);
        if (e->err == RD_KAFKA_RESP_ERR__AUTHENTICATION ||
            e->err == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED) {
            snprintf(errstr, errstr_size, "authentication failed: %s", e->reason);
            return -1;
        }
        if (now_ms() >= until || stop_requested(r)) {
            snprintf(errstr, errstr_size,
                     "cannot reach Kafka (kafka.bootstrap.servers) within "
                     "run.startup_timeout_ms=%" PRId64 "; last broker error: %s",
                     r->run.startup_timeout_ms, e->err ? e->reason : "none");
            return -1;
        }
    }
}

static int setup(runner *r, char *errstr, size_t errstr_size)
{
    if (nf_opt_apply(nf_run_options, "run.", r->cfg, &r->run, errstr, errstr_size) ||
        nf_opt_apply(nf_consumer_options, "consumer.", r->cfg, &r->copts, errstr, errstr_size) ||
        nf_opt_apply(nf_producer_options, "producer.", r->cfg, &r->popts, errstr, errstr_size) ||
        nf_opt_apply(nf_topics_options, "topics.", r->cfg, &r->topts, errstr, errstr_size)) {
        return NF_EXIT_USAGE;
    }
    nf_app_apply_log(r->cfg); /* the demo lowers the level after the configuration was loaded */
    if (nf_memory_config_check(r->cfg, errstr, errstr_size) != 0) {
        return NF_EXIT_USAGE;
    }
    nf_memory_tune_malloc();
    size_t rss_before = resident_bytes();
    r->pl = nf_pipeline_new(r->cfg, errstr, errstr_size);
    if (!r->pl) {
        return NF_EXIT_USAGE;
    }
    int workers = nf_workers_of(r->run.workers);
    r->mem = nf_memory_plan_of(r->run.memory_budget);
    log_memory(r, rss_before);
    if (workers > 1) {
        /* A window of a few jobs per worker keeps every worker busy while the oldest job
         * waits to be emitted; its bytes are bounded by the in-flight share of the budget. */
        r->pool = nf_pool_new(r->pl, workers, (size_t)workers * 8, r->mem.in_flight, errstr,
                              errstr_size);
        if (!r->pool) {
            return NF_EXIT_RUNTIME;
        }
    }
    NF_INFO("pipeline on %d thread(s)", workers);
    /* Check the consumer's librdkafka settings before anything talks to the broker, so a
     * bad value is a configuration error (exit 2) even when the broker is unreachable. */
    rd_kafka_conf_t *check = nf_kafka_conf_build(r->cfg, "consumer", NULL, errstr, errstr_size);
    if (!check) {
        return NF_EXIT_USAGE;
    }
    rd_kafka_conf_destroy(check);
    r->metrics = nf_run_metrics_start(r->cfg, r->pl, r->pool, &r->copts, errstr, errstr_size);
    if (!r->metrics) {
        return NF_EXIT_USAGE;
    }
    if (r->ctl->replay) {
        r->metrics->status_line = false; /* replay draws its own progress line */
    }
    r->tracker = nf_offset_tracker_new();
    /* librdkafka's own bound is the hard one: our share of the budget (update_flow pauses the
     * input there) plus room for one largest record, which must always fit. */
    char mmb[32];
    snprintf(mmb, sizeof mmb, "%s",
             nf_kafka_conf_get(r->cfg, "producer", "message.max.bytes",
                               NF_PRODUCER_MAX_MESSAGE_BYTES));
    r->produce_hard = r->mem.produce_queue + (size_t)strtoull(mmb, NULL, 10);
    if (strcmp(r->popts.delivery, "exactly-once") == 0) {
        transactional_id(r, r->txn_id, sizeof r->txn_id);
        r->copts.exactly_once = true;
    }
    r->producer = nf_producer_new_txn(r->cfg, r->produce_hard, *r->txn_id ? r->txn_id : NULL,
                                      on_delivery, r, errstr, errstr_size);
    if (!r->producer) {
        return NF_EXIT_USAGE;
    }
    nf_producer_set_queue_full_cb(r->producer, on_queue_full);
    if (r->topts.create && create_topics(r, errstr, errstr_size) != 0) {
        return NF_EXIT_RUNTIME;
    }
    r->copts.fetch_queue_bytes = r->mem.fetch_queue;
    r->consumer = new_consumer(r, errstr, errstr_size);
    if (!r->consumer) {
        /* a replay's plan needs the broker: failing there is a runtime failure */
        return r->ctl->replay ? NF_EXIT_RUNTIME : NF_EXIT_USAGE;
    }
    if (wait_for_kafka(r, errstr, errstr_size) != 0) {
        return NF_EXIT_RUNTIME;
    }
    if (*r->txn_id) {
        r->txn = nf_txn_new(r->producer, r->consumer, r->txn_id, r->run.txn_max_messages,
                            r->run.txn_max_ms);
        if (nf_txn_start(r->txn, errstr, errstr_size) != 0) {
            return NF_EXIT_RUNTIME;
        }
    }
    return NF_EXIT_OK;
}

static void teardown(runner *r)
{
    if (r->pool) {
        /* After a fatal error: let workers finish, emit nothing, free the messages. */
        while (nf_pool_pending(r->pool) > 0) {
            nf_pool_job *job = nf_pool_next_done(r->pool, 1000);
            if (job) {
                rd_kafka_message_destroy(job->user);
                nf_pool_release(r->pool);
            }
        }
        nf_pool_destroy(r->pool);
        r->pool = NULL; /* closing the consumer revokes partitions: on_revoke must not drain */
    }
    drop_held(r, NULL);
    free(r->held);
    if (r->consumer) {
        /* With no time left, no leave-group handshake: the group notices after
         * session.timeout.ms, as after a crash. May revoke: on_revoke uses the transaction. */
        nf_consumer_close(r->consumer, r->deadline ? time_left(r) : 10000);
    }
    nf_txn_destroy(r->txn);
    r->txn = NULL;
    if (r->producer) {
        /* Out of time: drop what is left so destroying does not block; the purged
         * messages' delivery reports free their bookkeeping. */
        for (int i = 0; i < 50 && nf_producer_outq_len(r->producer) > 0; i++) {
            nf_producer_purge(r->producer);
            nf_producer_poll(r->producer, 10);
        }
        free_resends(r);
        nf_producer_destroy(r->producer);
    }
    free_resends(r);
    nf_offset_tracker_destroy(r->tracker);
    nf_run_metrics_stop(r->metrics); /* after the producer: its last reports count */
    nf_pipeline_destroy(r->pl);
    nf_opt_release(nf_run_options, &r->run);
    nf_opt_release(nf_consumer_options, &r->copts);
    nf_opt_release(nf_producer_options, &r->popts);
    nf_opt_release(nf_topics_options, &r->topts);
}

/* ---- Shutdown: one deadline for everything ------------------------------------------------ */

/* Exactly-once: commit the last batch (its outputs are flushed by the commit), or abort it on
 * a fatal error; dropped held messages were never part of it. */
static void txn_shutdown(runner *r)
{
    send_resends(r);
    if (!halted(r)) {
        nf_txn_result res = nf_txn_commit(r->txn, true);
        if (res == NF_TXN_FATAL) {
            r->fatal = true;
        } else if (res == NF_TXN_BROKEN) {
            mark_broken(r); /* finish_stop() recreates it and commits the batch again */
        } else if (res == NF_TXN_ABORTED) {
            NF_WARN("exactly-once: the last transaction was aborted; its input is read again "
                    "after a restart");
            r->commit_failed = true;
        }
    }
    r->txn_closed = true;
}

/* --until-end, exactly-once: commit the batch; true when it committed (an abort rewinds and
 * the loop goes on). */
static bool txn_at_end(runner *r)
{
    send_resends(r);
    nf_txn_result res = nf_txn_pending(r->txn) > 0 ? nf_txn_commit(r->txn, false) : NF_TXN_OK;
    txn_outcome(r, res);
    return res == NF_TXN_OK && nf_consumer_at_end(r->consumer);
}

/* Stop consuming; emit what the workers hold; let the outputs be acknowledged (their offsets
 * get stored); commit (checked); the consumer is closed in teardown() with what is left. */
static void shutdown_run(runner *r)
{
    nf_consumer_pause(r->consumer, true);
    if (r->n_held > 0) {
        NF_INFO("stopping: %zu input message(s) polled but not processed (held while the "
                "producer's queue was full) are not committed; a restart reads them again",
                r->n_held);
    }
    drop_held(r, NULL);
    if (r->pool && !r->fatal) {
        drain_pool(r, true);
    }
    if (r->ctl->test_fatal_at_stop && !r->test_fatal_done) {
        r->test_fatal_done = true;
        test_inject_fatal(r);
    }
    if (r->txn) {
        txn_shutdown(r);
        return;
    }
    while ((nf_producer_outq_len(r->producer) > 0 || r->resend_head) && !halted(r) &&
           time_left(r) > 0) {
        send_resends(r);
        int wait = time_left(r) < 100 ? time_left(r) : 100;
        nf_producer_flush(r->producer, wait > 0 ? wait : 1);
    }
    if (!halted(r) && kafka_fatal(nf_producer_handle(r->producer))) {
        producer_fatal(r, "producer");
    }
    if (r->producer_broken) {
        /* its outputs are gone: finish_stop() reads their input again (or leaves it to a
         * restart); what was acknowledged is committed now */
    } else if (nf_producer_outq_len(r->producer) > 0 || r->resend_head) {
        NF_ERROR("%d output(s) not acknowledged within run.shutdown_timeout_ms=%" PRId64
                 "; their input will be processed again after a restart",
                 nf_producer_outq_len(r->producer), r->run.shutdown_timeout_ms);
        r->fatal = true;
    }
    if (!r->delivery_failed) {
        delivery_final_commit(r);
    }
}

/* One turn's input: the next message (waiting up to \p timeout_ms) processed, or handed to a
 * worker, and the workers' finished results emitted. */
static void take_input(runner *r, nf_doc *doc, int timeout_ms)
{
    rd_kafka_message_t *rkm = next_input(r, timeout_ms);
    nf_producer_poll(r->producer, 0);
    if (rkm && rkm->err) {
        if (rkm->err == RD_KAFKA_RESP_ERR__FATAL || kafka_fatal(nf_consumer_handle(r->consumer))) {
            NF_ERROR("consumer: %s", rd_kafka_message_errstr(rkm));
            r->fatal = true;
        } else {
            NF_WARN("consumer: %s", rd_kafka_message_errstr(rkm));
        }
        rd_kafka_message_destroy(rkm);
    } else if (rkm) {
        handle_message(r, doc, rkm);
    }
    if (r->pool) {
        drain_pool(r, false);
    }
}

/* ---- Stopping with a broken producer ------------------------------------------------------
 * A stop that meets a fatal producer error (not fencing) in its final flush or commit keeps
 * its promise: the producer is recreated, the input consumed before the stop (up to the
 * marks) is read again from the committed offsets, flushed and committed, all within the
 * stop's deadline. A stop that came while the producer was already broken (a recovery backing
 * off) is a clean stop as it is: what was acknowledged is committed, the rest is left to a
 * restart. Either way the log names the input that is not committed. */

/* "in [0] offsets 100..299, in [1] offsets up to 57": the input read (up to the marks) past
 * the group's committed offsets ("up to" when the group has none to ask). */
static void describe_uncommitted(runner *r, char *buf, size_t size)
{
    rd_kafka_topic_partition_list_t *l = r->marks ? rd_kafka_topic_partition_list_copy(r->marks)
                                                  : nf_consumer_positions(r->consumer);
    rd_kafka_topic_partition_list_t *c = rd_kafka_topic_partition_list_copy(l);
    int wait = time_left(r) < 2000 ? time_left(r) : 2000;
    bool known = rd_kafka_committed(nf_consumer_handle(r->consumer), c, wait > 0 ? wait : 1) ==
                 RD_KAFKA_RESP_ERR_NO_ERROR;
    size_t n = 0;
    for (int i = 0; i < l->cnt && n + 1 < size; i++) {
        int64_t end = l->elems[i].offset;
        int64_t from = known ? c->elems[i].offset : -1;
        if (end <= 0 || from >= end) {
            continue;
        }
        int k = from >= 0 ? snprintf(buf + n, size - n, "%s%s [%d] offsets %" PRId64 "..%" PRId64,
                                     n ? ", " : "", l->elems[i].topic, l->elems[i].partition,
                                     from, end - 1)
                          : snprintf(buf + n, size - n, "%s%s [%d] offsets up to %" PRId64,
                                     n ? ", " : "", l->elems[i].topic, l->elems[i].partition,
                                     end - 1);
        n += k > 0 ? (size_t)k : 0;
    }
    if (n == 0) {
        snprintf(buf, size, "no input");
    }
    rd_kafka_topic_partition_list_destroy(l);
    rd_kafka_topic_partition_list_destroy(c);
}

/* Every partition still assigned is back at its mark (a partition taken away is read by its
 * next owner). */
static bool marks_reached(runner *r)
{
    rd_kafka_topic_partition_list_t *now = nf_consumer_positions(r->consumer);
    bool reached = true;
    for (int i = 0; r->marks && i < r->marks->cnt && reached; i++) {
        const rd_kafka_topic_partition_t *m = &r->marks->elems[i];
        const rd_kafka_topic_partition_t *p =
            rd_kafka_topic_partition_list_find(now, m->topic, m->partition);
        reached = !p || p->offset >= m->offset;
    }
    rd_kafka_topic_partition_list_destroy(now);
    return reached;
}

/* After a recovery while stopping: the loop's work, without its stop and commit checks, until
 * the input is back at the marks. Each partition pauses at its mark: the stop reads again
 * what it had read and nothing more (a partition read to its end before the stop must not
 * carry the others past theirs: the stop would take as long as the rest of the input). */
static void refill_to_marks(runner *r)
{
    nf_doc doc;
    nf_doc_init(&doc);
    r->refilling = true;
    nf_consumer_limit(r->consumer, r->marks);
    nf_consumer_pause(r->consumer, false);
    while (!halted(r) && time_left(r) > 0 && !marks_reached(r)) {
        send_resends(r);
        update_flow(r);
        take_input(r, &doc, 100);
        if (kafka_fatal(nf_producer_handle(r->producer))) {
            producer_fatal(r, "producer");
        }
        metrics_tick(r);
    }
    nf_consumer_pause(r->consumer, true);
    nf_consumer_limit(r->consumer, NULL);
    r->refilling = false;
    nf_doc_fini(&doc);
}

/* After shutdown_run(): the producer broke while stopping (or was broken before). */
static void finish_stop(runner *r)
{
    if (!r->producer_broken || r->fatal) {
        return;
    }
    char what[1024];
    if (r->broken_at_stop) {
        describe_uncommitted(r, what, sizeof what);
        NF_WARN("stopped while the producer was broken (%s): nothing more is produced; not "
                "committed: %s (a restart reads it again from the committed offsets)",
                r->broken_cause, what);
        return;
    }
    NF_WARN("fatal producer error while stopping (%s): recreating the producer to finish the "
            "stop within run.shutdown_timeout_ms=%" PRId64,
            r->broken_cause, r->run.shutdown_timeout_ms);
    /* a few rounds: a new producer may break again; the deadline bounds them all */
    for (int round = 0; r->producer_broken && !r->fatal && round < 3; round++) {
        recover_producer(r);
        if (!r->producer_broken && !r->fatal) {
            r->txn_closed = false;
            refill_to_marks(r);
            shutdown_run(r);
        }
    }
    if (r->producer_broken || r->fatal) {
        describe_uncommitted(r, what, sizeof what);
        NF_ERROR("the stop did not finish after a fatal producer error (%s): not committed: "
                 "%s (a restart reads it again from the committed offsets)",
                 r->broken_cause, what);
        r->fatal = true;
    }
}

/* ---- The loop ----------------------------------------------------------------------------- */

/* Heartbeat for /healthz and the loop's gauges. In flight: inputs whose output is not
 * acknowledged yet (at-least-once), or the open transaction's inputs (exactly-once). */
static void metrics_tick(runner *r)
{
    size_t pending =
        r->txn ? (size_t)nf_txn_pending(r->txn) : nf_offset_tracker_pending(r->tracker);
    nf_run_metrics_tick(r->metrics, r->consumer, r->producer, pending);
}

static void loop(runner *r)
{
    nf_doc doc;
    nf_doc_init(&doc);
    int64_t next_stats = now_ms() + r->run.stats_interval_ms;
    int64_t next_commit = now_ms() + r->run.commit_interval_ms;
    while (!r->fatal) {
        if (stop_requested(r)) {
            begin_stop(r, "signal");
        }
        if (r->stopping) {
            break;
        }
        send_resends(r);
        update_flow(r);
        /* While workers hold messages, poll briefly so their results go out promptly. */
        bool busy = r->pool && nf_pool_pending(r->pool) > 0;
        take_input(r, &doc, busy ? 1 : (int)r->run.poll_timeout_ms);
        if (r->ctl->reload && *r->ctl->reload) {
            *r->ctl->reload = 0;
            NF_INFO("SIGHUP: reloading watchlists and patterns");
            nf_pipeline_reload(r->pl); /* built off this thread, swapped between articles */
        }
        if (kafka_fatal(nf_producer_handle(r->producer))) {
            producer_fatal(r, "producer"); /* fenced: stop; else recreate it (below) */
        }
        if (r->producer_broken && !r->fatal) {
            recover_producer(r);
        }
        int64_t now = now_ms();
        if (r->txn && !r->fatal && nf_txn_due(r->txn)) {
            if (r->pool) {
                drain_pool(r, true); /* every output of the batch goes into it */
            }
            send_resends(r);
            txn_outcome(r, nf_txn_commit(r->txn, false));
        } else if (!r->txn && now >= next_commit) {
            nf_consumer_commit_async(r->consumer);
            next_commit = now + r->run.commit_interval_ms;
        }
        if (r->ctl->until_end && !r->fatal && nf_consumer_at_end(r->consumer) && r->n_held == 0 &&
            (!r->pool || nf_pool_pending(r->pool) == 0) && !r->resend_head &&
            (r->txn ? txn_at_end(r)
                    : nf_offset_tracker_pending(r->tracker) == 0 &&
                          nf_producer_outq_len(r->producer) == 0)) {
            NF_INFO("all assigned partitions consumed to their end");
            begin_stop(r, "--until-end");
        }
        if (r->ctl->progress) {
            r->ctl->progress(r->ctl->progress_opaque, r->consumer, &r->stats, false);
        }
        metrics_tick(r);
        if (r->run.stats_interval_ms > 0 && now >= next_stats) {
            log_stats(r, "progress", true);
            next_stats = now + r->run.stats_interval_ms;
        }
    }
    nf_doc_fini(&doc);
}

int nf_run(const nf_config *cfg, const nf_run_control *ctl, nf_run_stats *stats)
{
    char errstr[NF_ERRSTR_SIZE] = "";
    runner r;
    memset(&r, 0, sizeof r);
    r.cfg = cfg;
    r.ctl = ctl;
    int rc = setup(&r, errstr, sizeof errstr);
    if (rc != NF_EXIT_OK) {
        nf_app_report_error(ctl->replay ? "replay" : "run", errstr);
        teardown(&r);
        return rc;
    }
    NF_INFO("running: %s%s -> %s (dead letters: %s), pipeline %s", r.copts.topics.items[0],
            r.copts.topics.n > 1 ? ", ..." : "", r.popts.topic, r.popts.dlq_topic,
            nf_pipeline_get_info(r.pl)->config_digest);
    loop(&r);
    nf_run_metrics_stopping(r.metrics);
    if (!r.stopping) {
        begin_stop(&r, r.fatal ? "error" : "done");
    }
    r.marks = nf_consumer_positions(r.consumer);
    shutdown_run(&r);
    finish_stop(&r);
    log_stats(&r, "done", false);
    if (ctl->progress) {
        ctl->progress(ctl->progress_opaque, r.consumer, &r.stats, true);
    }
    teardown(&r);
    if (r.marks) {
        rd_kafka_topic_partition_list_destroy(r.marks);
    }
    if (r.stats.abandoned) {
        rc = NF_EXIT_RUNTIME; /* the stop did not finish cleanly */
    }
    if (stats) {
        *stats = r.stats;
    }
    return r.fatal || r.commit_failed || rc == NF_EXIT_RUNTIME ? NF_EXIT_RUNTIME : NF_EXIT_OK;
}
