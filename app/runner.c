/* The continuous job: consumer -> pipeline -> producer, at-least-once.
 *
 * One thread. librdkafka does its network I/O on its own threads; delivery reports and
 * rebalance callbacks run here, inside our poll calls, so the offset bookkeeping needs no
 * locks. An input offset is stored for commit only when the broker acknowledged the output
 * (enriched or dead-letter record) of that message and of every earlier message of its
 * partition (consumer/offset_tracker.h). */
#include "app/app.h"
#include "app/pool.h"
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* What a delivery report needs to find its input message again. */
typedef struct inflight {
    int32_t topic_idx;
    int32_t partition;
    int64_t offset;
    bool dead_letter;
} inflight;

typedef struct runner {
    const nf_config *cfg;
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
    bool txn_closed;          /* exactly-once: the last transaction ended (shutdown) */
    nf_run_stats stats;
    bool delivery_failed;   /* after the first permanent failure no offset is stored again */
    bool fatal;             /* stop with NF_EXIT_RUNTIME */
} runner;

static void drain_pool(runner *r, bool wait_all);

static int64_t now_ms(int clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Exactly-once: a failed delivery makes the transaction abortable (its batch is read again);
 * messages purged by an abort are expected. Runs where on_delivery runs. */
static void on_txn_delivery(runner *r, const nf_delivery *d, inflight *f)
{
    if (d->err == RD_KAFKA_RESP_ERR__PURGE_QUEUE || d->err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT) {
        /* part of an aborted transaction */
    } else if (d->err) {
        r->stats.failed++;
        NF_WARN("delivery to %s failed: %s; the transaction will be aborted",
                d->topic ? d->topic : "?", rd_kafka_err2str(d->err));
        nf_txn_fail(r->txn);
    } else if (f->dead_letter) {
        r->stats.dead_lettered++;
    } else {
        r->stats.enriched++;
    }
    free(f);
}

static void on_delivery(void *opaque, const nf_delivery *d)
{
    runner *r = opaque;
    inflight *f = d->msg_opaque;
    if (r->txn) {
        on_txn_delivery(r, d, f);
        return;
    }
    if (d->err) {
        r->stats.failed++;
        if (!r->delivery_failed) {
            NF_ERROR("delivery to %s failed permanently: %s (input offset %" PRId64
                     " of partition %d); no more offsets will be committed, stopping",
                     d->topic ? d->topic : "?", rd_kafka_err2str(d->err), f->offset,
                     f->partition);
        }
        r->delivery_failed = true;
        r->fatal = true;
    } else {
        if (f->dead_letter) {
            r->stats.dead_lettered++;
        } else {
            r->stats.enriched++;
        }
        int64_t next = nf_offset_tracker_done(r->tracker, f->topic_idx, f->partition, f->offset);
        if (next >= 0 && !r->delivery_failed) {
            nf_consumer_store(r->consumer, f->topic_idx, f->partition, next);
        }
    }
    free(f);
}

static void on_revoke(void *opaque, const rd_kafka_topic_partition_list_t *parts, bool lost)
{
    runner *r = opaque;
    if (r->pool) {
        drain_pool(r, true); /* outputs of everything consumed so far are queued first */
    }
    if (r->txn) {
        /* Exactly-once: commit the batch with the offsets of every partition still assigned
         * (the revoked ones included), or abort it when they were lost to another member. */
        if (!r->txn_closed && !nf_txn_is_fatal(r->txn) &&
            (lost ? nf_txn_abort(r->txn) : nf_txn_commit(r->txn, false)) == NF_TXN_FATAL) {
            r->fatal = true;
        }
        return;
    }
    if (!lost) {
        /* Let in-flight outputs of these partitions be acknowledged so their offsets are
         * stored and committed before another member takes over. */
        if (nf_producer_flush(r->producer, (int)r->run.shutdown_timeout_ms) != 0) {
            NF_WARN("flush before revoke timed out; the new owner will reprocess from the last "
                    "committed offset");
        }
    }
    for (int i = 0; i < parts->cnt; i++) {
        int32_t ti = nf_consumer_topic_idx(r->consumer, parts->elems[i].topic);
        nf_offset_tracker_forget(r->tracker, ti, parts->elems[i].partition);
    }
}

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
    rd_kafka_header_add(h, "newsflow.error.stage", -1, doc->err.stage, -1);
    rd_kafka_header_add(h, "newsflow.error.code", -1, nf_err_name(doc->err.code), -1);
    rd_kafka_header_add(h, "newsflow.error.message", -1, doc->err.message, -1);
    return h;
}

static int send_or_stop(runner *r, const char *topic, const void *key, size_t key_len,
                        const void *value, size_t value_len, rd_kafka_headers_t *h, inflight *f,
                        const rd_kafka_message_t *rkm, bool may_be_too_large)
{
    char errstr[NF_ERRSTR_SIZE];
    add_lineage(h, rkm);
    add_processed_at(h);
    rd_kafka_resp_err_t err = nf_producer_send(r->producer, topic, key, key_len, value,
                                               value_len, h, f, errstr, sizeof errstr);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR ||
        (may_be_too_large && err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)) {
        return err;
    }
    free(f);
    if (r->txn && err == RD_KAFKA_RESP_ERR__STATE) {
        /* the transaction is in an abortable state: its batch is aborted and read again */
        nf_txn_fail(r->txn);
        return RD_KAFKA_RESP_ERR_NO_ERROR;
    }
    NF_ERROR("%s; stopping without committing offset %" PRId64 " of partition %d", errstr,
             rkm->offset, rkm->partition);
    r->delivery_failed = true;
    r->fatal = true;
    return err;
}

/* Queue exactly one output for a processed message: the record, or a dead letter. A record
 * larger than the producer accepts (message.max.bytes) becomes a dead letter; a dead letter
 * too large to carry the original value carries the reason and the size instead, so even then
 * the stream goes on and the message is accounted for. */
static int emit(runner *r, nf_doc *doc, int rc, const rd_kafka_message_t *rkm)
{
    int32_t ti = nf_consumer_topic_idx(r->consumer, rd_kafka_topic_name(rkm->rkt));
    inflight *f = nf_xmalloc(sizeof *f);
    *f = (inflight){ti, rkm->partition, rkm->offset, rc != NF_OK};
    if (rc == NF_OK) {
        int err = send_or_stop(r, r->popts.topic, doc->id, strlen(doc->id), doc->out,
                               doc->out_len, rd_kafka_headers_new(6), f, rkm, true);
        if (err != RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE) {
            return err ? -1 : 0;
        }
        doc->err.stage = "output";
        nf_doc_fail(doc, NF_ETOOBIG,
                    "enriched record of %zu bytes is larger than the producer's "
                    "message.max.bytes (producer.kafka.message.max.bytes)",
                    doc->out_len);
        f->dead_letter = true;
    }
    NF_WARN("dead-lettering %s [%d] offset %" PRId64 ": %s: %s", rd_kafka_topic_name(rkm->rkt),
            rkm->partition, rkm->offset, doc->err.stage, doc->err.message);
    int err = send_or_stop(r, r->popts.dlq_topic, rkm->key, rkm->key_len, rkm->payload, rkm->len,
                           dead_letter_headers(doc, rkm), f, rkm, true);
    if (err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE) {
        rd_kafka_headers_t *h = dead_letter_headers(doc, rkm);
        char size[32];
        snprintf(size, sizeof size, "%zu", rkm->len);
        rd_kafka_header_add(h, "newsflow.error.value_omitted_bytes", -1, size, -1);
        err = send_or_stop(r, r->popts.dlq_topic, rkm->key, rkm->key_len, NULL, 0, h, f, rkm,
                           false);
    }
    return err ? -1 : 0;
}

static void set_doc_input(nf_doc *doc, const rd_kafka_message_t *rkm)
{
    nf_doc_set_input(doc, rkm->payload, rkm->len, rkm->key, rkm->key_len);
    doc->src.topic = rd_kafka_topic_name(rkm->rkt);
    doc->src.partition = rkm->partition;
    doc->src.offset = rkm->offset;
    rd_kafka_timestamp_type_t tstype;
    doc->src.timestamp_ms = rd_kafka_message_timestamp(rkm, &tstype);
}

/* Emit every processed job at the head of the window, in order; with \p wait_all, wait until
 * the window is empty. */
static void drain_pool(runner *r, bool wait_all)
{
    nf_pool_job *job;
    while ((job = nf_pool_next_done(r->pool, wait_all ? 1000 : 0)) != NULL ||
           (wait_all && nf_pool_pending(r->pool) > 0)) {
        if (!job) {
            continue;
        }
        rd_kafka_message_t *rkm = job->user;
        emit(r, &job->doc, job->rc, rkm);
        rd_kafka_message_destroy(rkm);
        nf_pool_release(r->pool);
        nf_producer_poll(r->producer, 0);
    }
}

/* Take one input message: track its offset, then process it here or hand it to a worker.
 * Takes ownership of \p rkm. */
static void handle_message(runner *r, nf_doc *doc, rd_kafka_message_t *rkm)
{
    int32_t ti = nf_consumer_topic_idx(r->consumer, rd_kafka_topic_name(rkm->rkt));
    /* Exactly-once needs no tracker: a rewind after an abort re-reads offsets on purpose. */
    if (!r->txn && nf_offset_tracker_add(r->tracker, ti, rkm->partition, rkm->offset) != 0) {
        /* Re-delivery of an offset we already handle (after a seek): it is in flight. */
        NF_DEBUG("skipping offset %" PRId64 " of partition %d: already in flight", rkm->offset,
                 rkm->partition);
        rd_kafka_message_destroy(rkm);
        return;
    }
    r->stats.consumed++;
    r->stats.bytes_in += rkm->len;
    if (r->txn) {
        nf_txn_add(r->txn);
    }
    if (r->pool) {
        nf_pool_job *job;
        while ((job = nf_pool_acquire(r->pool, nf_article_cost(rkm->len))) == NULL) {
            /* Window full: wait for the oldest job (backpressure on the consumer). */
            nf_pool_job *head = nf_pool_next_done(r->pool, 100);
            if (head) {
                emit(r, &head->doc, head->rc, head->user);
                rd_kafka_message_destroy(head->user);
                nf_pool_release(r->pool);
            }
            nf_producer_poll(r->producer, 0);
        }
        set_doc_input(&job->doc, rkm);
        job->user = rkm;
        nf_pool_submit(r->pool);
        return;
    }
    nf_doc_reset(doc);
    set_doc_input(doc, rkm);
    int rc = nf_pipeline_process(r->pl, doc);
    emit(r, doc, rc, rkm);
    rd_kafka_message_destroy(rkm);
}

static void log_stats(const runner *r, const char *when)
{
    NF_INFO("%s: consumed %" PRIu64 ", enriched %" PRIu64 ", dead-lettered %" PRIu64
            ", failed %" PRIu64 ", in flight %zu",
            when, r->stats.consumed, r->stats.enriched, r->stats.dead_lettered, r->stats.failed,
            nf_offset_tracker_pending(r->tracker));
}

/* Exactly-once identity: stable across restarts of the same process (run.instance_id, else
 * the host name) or of the same named replay, so a restart fences its predecessor. */
static void transactional_id(const runner *r, const nf_run_control *ctl, char *buf, size_t size)
{
    char host[256] = "";
    const char *instance = r->run.instance_id;
    if (!instance || !*instance) {
        gethostname(host, sizeof host - 1);
        instance = *host ? host : "newsflow";
    }
    const char *replay = NULL;
    char anon[64];
    if (ctl->replay) {
        const char *prefix = "newsflow.replay.";
        if (ctl->resume_group && strncmp(ctl->resume_group, prefix, strlen(prefix)) == 0) {
            replay = ctl->resume_group + strlen(prefix);
        } else {
            snprintf(anon, sizeof anon, "anonymous-%ld", (long)getpid());
            replay = anon;
        }
    }
    nf_txn_id(buf, size, r->popts.transactional_id_prefix, r->copts.group_id, instance, replay);
}

/* The group consumer of `run`, or the assign-mode consumer of `replay`. */
static nf_consumer *new_consumer(runner *r, const nf_run_control *ctl, char *errstr,
                                 size_t errstr_size)
{
    if (!ctl->replay) {
        return nf_consumer_new(r->cfg, &r->copts, on_revoke, r, errstr, errstr_size);
    }
    nf_replay_request req = *ctl->replay;
    req.topics = (const char *const *)r->copts.topics.items;
    req.n_topics = r->copts.topics.n;
    req.fetch_queue_bytes = r->copts.fetch_queue_bytes;
    req.exactly_once = r->copts.exactly_once;
    return nf_consumer_new_replay(r->cfg, &req, ctl->resume_group, false, errstr, errstr_size);
}

static int setup(runner *r, const nf_run_control *ctl, char *errstr, size_t errstr_size)
{
    if (nf_opt_apply(nf_run_options, "run.", r->cfg, &r->run, errstr, errstr_size) ||
        nf_opt_apply(nf_consumer_options, "consumer.", r->cfg, &r->copts, errstr, errstr_size) ||
        nf_opt_apply(nf_producer_options, "producer.", r->cfg, &r->popts, errstr, errstr_size) ||
        nf_opt_apply(nf_topics_options, "topics.", r->cfg, &r->topts, errstr, errstr_size)) {
        return NF_EXIT_USAGE;
    }
    nf_log_level lvl;
    if (nf_log_level_parse(r->run.log_level, &lvl) == 0) {
        nf_log_set_level(lvl); /* the demo lowers it after the configuration was loaded */
    }
    r->pl = nf_pipeline_new(r->cfg, errstr, errstr_size);
    if (!r->pl) {
        return NF_EXIT_USAGE;
    }
    int workers = nf_workers_of(r->run.workers);
    r->mem = nf_memory_plan_of(r->run.memory_budget);
    if (workers > 1) {
        /* A window of a few jobs per worker keeps every worker busy while the oldest job
         * waits to be emitted; its bytes are bounded by the in-flight share of the budget. */
        r->pool = nf_pool_new(r->pl, workers, (size_t)workers * 8, r->mem.in_flight, errstr,
                              errstr_size);
        if (!r->pool) {
            return NF_EXIT_USAGE;
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
    r->tracker = nf_offset_tracker_new();
    char txn_id[512] = "";
    if (strcmp(r->popts.delivery, "exactly-once") == 0) {
        transactional_id(r, ctl, txn_id, sizeof txn_id);
        r->copts.exactly_once = true;
    }
    r->producer = nf_producer_new_txn(r->cfg, r->mem.produce_queue, *txn_id ? txn_id : NULL,
                                      on_delivery, r, errstr, errstr_size);
    if (!r->producer) {
        return NF_EXIT_USAGE;
    }
    if (r->topts.create) {
        /* A replay reads topics that must exist: only its outputs are created. */
        size_t n_in = ctl->replay ? 0 : r->copts.topics.n;
        size_t n = n_in + 2;
        const char **names = nf_xcalloc(n, sizeof *names);
        for (size_t i = 0; i < n_in; i++) {
            names[i] = r->copts.topics.items[i];
        }
        names[n - 2] = r->popts.topic;
        names[n - 1] = r->popts.dlq_topic;
        int rc = nf_kafka_create_topics(nf_producer_handle(r->producer), names, n,
                                        (int)r->topts.partitions, (int)r->topts.replication,
                                        (int)r->topts.timeout_ms, errstr, errstr_size);
        free(names);
        if (rc != 0) {
            return NF_EXIT_RUNTIME;
        }
    }
    r->copts.fetch_queue_bytes = r->mem.fetch_queue;
    r->consumer = new_consumer(r, ctl, errstr, errstr_size);
    if (!r->consumer) {
        /* a replay's plan needs the broker: failing there is a runtime failure */
        return ctl->replay ? NF_EXIT_RUNTIME : NF_EXIT_USAGE;
    }
    if (*txn_id) {
        r->txn = nf_txn_new(r->producer, r->consumer, txn_id, r->run.txn_max_messages,
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
    nf_consumer_close(r->consumer); /* may revoke: on_revoke uses the transaction */
    nf_txn_destroy(r->txn);
    r->txn = NULL;
    nf_producer_destroy(r->producer);
    nf_offset_tracker_destroy(r->tracker);
    nf_pipeline_destroy(r->pl);
    nf_opt_release(nf_run_options, &r->run);
    nf_opt_release(nf_consumer_options, &r->copts);
    nf_opt_release(nf_producer_options, &r->popts);
    nf_opt_release(nf_topics_options, &r->topts);
}

/* Exactly-once: emit every pending output, then commit (or abort and rewind). */
static nf_txn_result txn_commit(runner *r, bool last)
{
    if (r->pool) {
        drain_pool(r, true);
    }
    nf_txn_result res = nf_txn_commit(r->txn, last);
    if (last) {
        r->txn_closed = true;
    }
    return res;
}

/* --until-end: everything assigned consumed to its end and every output acknowledged (or,
 * exactly-once, committed: an abort here rewinds and the loop goes on). */
static bool at_end(runner *r)
{
    if (!nf_consumer_at_end(r->consumer) || (r->pool && nf_pool_pending(r->pool) > 0)) {
        return false;
    }
    if (r->txn) {
        nf_txn_result res = nf_txn_pending(r->txn) > 0 ? txn_commit(r, false) : NF_TXN_OK;
        r->fatal = r->fatal || res == NF_TXN_FATAL;
        return res == NF_TXN_OK;
    }
    return nf_offset_tracker_pending(r->tracker) == 0 && nf_producer_outq_len(r->producer) == 0;
}

static bool kafka_fatal(rd_kafka_t *rk)
{
    char buf[512];
    return rd_kafka_fatal_error(rk, buf, sizeof buf) != RD_KAFKA_RESP_ERR_NO_ERROR;
}

int nf_run(const nf_config *cfg, const nf_run_control *ctl, nf_run_stats *stats)
{
    char errstr[NF_ERRSTR_SIZE] = "";
    runner r;
    memset(&r, 0, sizeof r);
    r.cfg = cfg;
    int rc = setup(&r, ctl, errstr, sizeof errstr);
    if (rc != NF_EXIT_OK) {
        fprintf(stderr, "newsflow %s: %s\n", ctl->replay ? "replay" : "run", errstr);
        teardown(&r);
        return rc;
    }
    NF_INFO("running: %s -> %s (dead letters: %s), pipeline %s", r.copts.topics.items[0],
            r.popts.topic, r.popts.dlq_topic, nf_pipeline_get_info(r.pl)->config_digest);

    nf_doc doc;
    nf_doc_init(&doc);
    int64_t next_stats = now_ms(CLOCK_MONOTONIC) + r.run.stats_interval_ms;
    while (!(ctl->stop && *ctl->stop) && !r.fatal) {
        /* While workers hold messages, poll briefly so their results go out promptly. */
        bool busy = r.pool && nf_pool_pending(r.pool) > 0;
        rd_kafka_message_t *rkm =
            nf_consumer_poll(r.consumer, busy ? 1 : (int)r.run.poll_timeout_ms);
        nf_producer_poll(r.producer, 0);
        if (rkm) {
            if (rkm->err) {
                if (rkm->err == RD_KAFKA_RESP_ERR__FATAL ||
                    kafka_fatal(nf_consumer_handle(r.consumer))) {
                    NF_ERROR("consumer: %s", rd_kafka_message_errstr(rkm));
                    r.fatal = true;
                } else {
                    NF_WARN("consumer: %s", rd_kafka_message_errstr(rkm));
                }
                rd_kafka_message_destroy(rkm);
            } else {
                handle_message(&r, &doc, rkm);
            }
        }
        if (r.pool) {
            drain_pool(&r, false);
        }
        if (kafka_fatal(nf_producer_handle(r.producer))) {
            if (r.txn) {
                nf_txn_abort(r.txn); /* says why (fenced) */
            }
            r.fatal = true;
        }
        if (r.txn && !r.fatal && nf_txn_due(r.txn) && txn_commit(&r, false) == NF_TXN_FATAL) {
            r.fatal = true;
        }
        if (ctl->until_end && !r.fatal && at_end(&r)) {
            NF_INFO("all assigned partitions consumed to their end");
            break;
        }
        if (ctl->progress) {
            ctl->progress(ctl->progress_opaque, r.consumer, &r.stats, false);
        }
        if (r.run.stats_interval_ms > 0 && now_ms(CLOCK_MONOTONIC) >= next_stats) {
            log_stats(&r, "progress");
            next_stats = now_ms(CLOCK_MONOTONIC) + r.run.stats_interval_ms;
        }
    }
    nf_doc_fini(&doc);
    if (r.pool && !r.fatal) {
        drain_pool(&r, true); /* finish in-flight messages */
    }
    if (r.txn && !r.fatal) {
        nf_txn_result res = txn_commit(&r, true);
        r.fatal = res == NF_TXN_FATAL;
        if (res == NF_TXN_ABORTED) {
            NF_WARN("exactly-once: the last transaction was aborted; its input is read again "
                    "after a restart");
        }
    }

    /* Stop consuming; let in-flight outputs be acknowledged (their offsets get stored);
     * then commit and leave the group. */
    if (ctl->stop && *ctl->stop) {
        NF_INFO("stopping: finishing %zu in-flight message(s)",
                nf_offset_tracker_pending(r.tracker));
    }
    if (nf_producer_flush(r.producer, (int)r.run.shutdown_timeout_ms) != 0) {
        NF_ERROR("%d output(s) not acknowledged within run.shutdown_timeout_ms=%" PRId64
                 "; their input will be reprocessed after a restart",
                 nf_producer_outq_len(r.producer), r.run.shutdown_timeout_ms);
        r.fatal = true;
    }
    log_stats(&r, "done");
    if (ctl->progress) {
        ctl->progress(ctl->progress_opaque, r.consumer, &r.stats, true);
    }
    if (stats) {
        *stats = r.stats;
    }
    rc = r.fatal ? NF_EXIT_RUNTIME : NF_EXIT_OK;
    teardown(&r);
    return rc;
}
