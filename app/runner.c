/* The continuous job: consumer -> pipeline -> producer, at-least-once.
 *
 * One thread. librdkafka does its network I/O on its own threads; delivery reports and
 * rebalance callbacks run here, inside our poll calls, so the offset bookkeeping needs no
 * locks. An input offset is stored for commit only when the broker acknowledged the output
 * (enriched or dead-letter record) of that message and of every earlier message of its
 * partition (consumer/offset_tracker.h). */
#include "app/app.h"
#include "app/pool.h"
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
    nf_pipeline *pl;          /* used when run.workers = 1 */
    nf_pool *pool;            /* worker threads when run.workers > 1 */
    nf_consumer *consumer;
    nf_producer *producer;
    nf_offset_tracker *tracker;
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

static void on_delivery(void *opaque, const nf_delivery *d)
{
    runner *r = opaque;
    inflight *f = d->msg_opaque;
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
    if (nf_offset_tracker_add(r->tracker, ti, rkm->partition, rkm->offset) != 0) {
        /* Re-delivery of an offset we already handle (after a seek): it is in flight. */
        NF_DEBUG("skipping offset %" PRId64 " of partition %d: already in flight", rkm->offset,
                 rkm->partition);
        rd_kafka_message_destroy(rkm);
        return;
    }
    r->stats.consumed++;
    r->stats.bytes_in += rkm->len;
    if (r->pool) {
        nf_pool_job *job;
        while ((job = nf_pool_acquire(r->pool)) == NULL) {
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

static int setup(runner *r, char *errstr, size_t errstr_size)
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
    int workers = (int)r->run.workers;
    if (workers == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        workers = cpus > 0 ? (int)cpus : 1;
    }
    if (workers > 1) {
        /* A window of a few jobs per worker keeps every worker busy while the oldest job
         * waits to be emitted. */
        r->pool =
            nf_pool_new(r->cfg, r->pl, workers, (size_t)workers * 16, errstr, errstr_size);
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
    r->producer = nf_producer_new(r->cfg, on_delivery, r, errstr, errstr_size);
    if (!r->producer) {
        return NF_EXIT_USAGE;
    }
    if (r->topts.create) {
        size_t n = r->copts.topics.n + 2;
        const char **names = nf_xcalloc(n, sizeof *names);
        for (size_t i = 0; i < r->copts.topics.n; i++) {
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
    r->consumer = nf_consumer_new(r->cfg, &r->copts, on_revoke, r, errstr, errstr_size);
    if (!r->consumer) {
        return NF_EXIT_USAGE;
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
    nf_consumer_close(r->consumer);
    nf_producer_destroy(r->producer);
    nf_offset_tracker_destroy(r->tracker);
    nf_pipeline_destroy(r->pl);
    nf_opt_release(nf_run_options, &r->run);
    nf_opt_release(nf_consumer_options, &r->copts);
    nf_opt_release(nf_producer_options, &r->popts);
    nf_opt_release(nf_topics_options, &r->topts);
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
    int rc = setup(&r, errstr, sizeof errstr);
    if (rc != NF_EXIT_OK) {
        fprintf(stderr, "newsflow run: %s\n", errstr);
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
        if (ctl->reload && *ctl->reload) {
            *ctl->reload = 0;
            NF_INFO("SIGHUP: reloading watchlists and patterns");
            nf_pipeline_reload(r.pl); /* built off this thread, swapped between articles */
        }
        if (kafka_fatal(nf_producer_handle(r.producer))) {
            r.fatal = true;
        }
        if (ctl->until_end && nf_consumer_at_end(r.consumer) &&
            (!r.pool || nf_pool_pending(r.pool) == 0) &&
            nf_offset_tracker_pending(r.tracker) == 0 && nf_producer_outq_len(r.producer) == 0) {
            NF_INFO("all assigned partitions consumed to their end");
            break;
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
    if (stats) {
        *stats = r.stats;
    }
    rc = r.fatal ? NF_EXIT_RUNTIME : NF_EXIT_OK;
    teardown(&r);
    return rc;
}
