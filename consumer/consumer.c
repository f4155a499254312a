/* The input side: a librdkafka group consumer.
 *
 * Which librdkafka call each callback runs inside (they all run on the thread that calls
 * these functions, never on a librdkafka thread):
 *   rebalance_cb      inside rd_kafka_consumer_poll() (nf_consumer_poll()), and called by
 *                     nf_consumer_close() for a rebalance event polled from the close queue;
 *   error_cb          inside rd_kafka_consumer_poll();
 *   offset_commit_cb  inside rd_kafka_consumer_poll(), for asynchronous commits only
 *                     (nf_consumer_commit() waits on its own queue instead).
 * librdkafka's log callback (config/kafka_conf.c) is the exception: it runs on its threads. */
#include "consumer/consumer.h"
#include "common/log.h"
#include "consumer/replay_plan.h"
#include "common/xalloc.h"
#include "config/kafka_conf.h"

#include <inttypes.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const nf_opt nf_consumer_options[] = {
    {"topics", NF_OPT_LIST, "news.raw", offsetof(nf_consumer_opts, topics), NULL,
     "input topics (comma-separated); an entry starting with ^ is a regular expression "
     "(^news\\..* subscribes to every matching topic, also ones created later)"},
    {"group_id", NF_OPT_STR, "newsflow", offsetof(nf_consumer_opts, group_id), NULL,
     "consumer group id"},
    {"auto_offset_reset", NF_OPT_ENUM, "earliest", offsetof(nf_consumer_opts, auto_offset_reset),
     "earliest|latest", "where a group with no committed offset starts"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

typedef struct assigned {
    int32_t topic_idx;
    int32_t partition;
    bool at_eof;            /* reached the end since its last message (replay: its fixed end) */
    int64_t end;            /* replay: stop before this offset; group mode: unused */
    int64_t next;           /* offset after the last message returned (replay, and group
                               mode with exactly-once); -1 = none yet */
    int64_t committed;      /* exactly-once, group mode: offset committed in this process's
                               last transaction for it; -1 = none yet */
    int64_t first;          /* group mode: first offset handed out since the assignment
                               (where auto.offset.reset put us), where a rewind goes back to
                               when nothing was committed; -1 = none yet */
    int64_t stored;         /* replay: offset up to which every output was acknowledged
                               (exactly-once: committed in a transaction) */
    int64_t taken;          /* exactly-once: offset after the last message the runner took to
                               process (nf_consumer_taken), what a transaction commits: a
                               message polled but held back is not in it; -1 = none (replay:
                               the plan's start, then the last committed position after a
                               rewind) */
    int64_t limit;          /* nf_consumer_limit(): hand out nothing at or past it */
    bool at_limit;          /* paused at its limit (stays paused until the limits go) */
} assigned;

struct nf_consumer {
    rd_kafka_t *rk;
    char **topics;          /* topic names seen (assignments, messages), interned: an index is
                               stable for the consumer's life; with a regex subscription the
                               table grows as matching topics appear */
    size_t n_topics, cap_topics;
    char **subscription;    /* consumer.topics as configured (names or ^patterns) */
    size_t n_subscription;
    nf_revoke_cb *on_revoke;
    void *opaque;
    assigned *asg;          /* current assignment (replay: parallel to plan->parts) */
    size_t n_asg, cap_asg;
    nf_replay_plan *plan;   /* replay mode (assign, fixed ends); NULL in group mode */
    bool resume;            /* replay progress is committed to the resume group */
    bool dirty;             /* replay: stored offsets not committed yet */
    bool paused;            /* input paused: newly assigned partitions start paused too */
    bool exactly_once;      /* never hand out an offset twice (see eos_redelivered) */
    bool limited;           /* nf_consumer_limit() is in force */
    int64_t assignments;    /* assignment events so far (start-up wait) */
    nf_kafka_errlog last_error;
    rd_kafka_resp_err_t last_commit_err; /* of the last asynchronous commit, logged once */
    bool commit_in_flight;  /* an asynchronous commit has not reported yet */
    bool commit_timed_out;  /* a synchronous commit was given up: its request may linger */
    nf_kafka_stats_cb *on_stats; /* metrics: librdkafka statistics JSON */
    void *stats_opaque;
};

static rd_kafka_resp_err_t replay_commit(nf_consumer *c, bool async);
static rd_kafka_message_t *replay_filter(nf_consumer *c, assigned *a, rd_kafka_message_t *rkm);
static void check_limit(nf_consumer *c, assigned *a);

static assigned *find_asg(nf_consumer *c, int32_t topic_idx, int32_t partition)
{
    for (size_t i = 0; i < c->n_asg; i++) {
        if (c->asg[i].topic_idx == topic_idx && c->asg[i].partition == partition) {
            return &c->asg[i];
        }
    }
    return NULL;
}

static void track_assign(nf_consumer *c, const rd_kafka_topic_partition_list_t *parts)
{
    for (int i = 0; i < parts->cnt; i++) {
        int32_t ti = nf_consumer_topic_intern(c, parts->elems[i].topic);
        if (find_asg(c, ti, parts->elems[i].partition)) {
            continue;
        }
        if (c->n_asg == c->cap_asg) {
            c->cap_asg = c->cap_asg ? c->cap_asg * 2 : 16;
            c->asg = nf_xrealloc(c->asg, c->cap_asg * sizeof *c->asg);
        }
        c->asg[c->n_asg++] = (assigned){.topic_idx = ti, .partition = parts->elems[i].partition,
                                        .end = -1, .next = -1, .committed = -1, .stored = -1,
                                        .first = -1, .taken = -1};
    }
}

static void track_revoke(nf_consumer *c, const rd_kafka_topic_partition_list_t *parts)
{
    for (int i = 0; i < parts->cnt; i++) {
        assigned *a = find_asg(c, nf_consumer_topic_intern(c, parts->elems[i].topic),
                               parts->elems[i].partition);
        if (a) {
            *a = c->asg[--c->n_asg];
        }
    }
}

/* Runs inside rd_kafka_consumer_poll() or the close queue (see the file comment). */
static void rebalance_cb(rd_kafka_t *rk, rd_kafka_resp_err_t err,
                         rd_kafka_topic_partition_list_t *parts, void *opaque)
{
    nf_consumer *c = opaque;
    bool cooperative = strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
    rd_kafka_error_t *error = NULL;
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        NF_INFO("assigned %d partition(s)", parts->cnt);
        track_assign(c, parts);
        c->assignments++;
        if (cooperative) {
            error = rd_kafka_incremental_assign(rk, parts);
        } else {
            rd_kafka_assign(rk, parts);
        }
        /* librdkafka keeps a pause of ours across unassign and assign: a partition paused
         * when it went (the input was paused at a rebalance or a lost session) and resumed
         * meanwhile with nothing assigned would come back paused for good. So each one
         * assigned takes the input's state now. */
        if (c->paused) {
            rd_kafka_pause_partitions(rk, parts);
        } else {
            rd_kafka_resume_partitions(rk, parts);
        }
    } else {
        bool lost = rd_kafka_assignment_lost(rk);
        NF_INFO("%s %d partition(s)", lost ? "lost" : "revoked", parts->cnt);
        /* The owner finishes in-flight outputs and commits their offsets synchronously
         * here, while these partitions are still ours: after the unassign below another
         * member may start on them. */
        c->on_revoke(c->opaque, parts, lost);
        track_revoke(c, parts);
        if (cooperative) {
            error = rd_kafka_incremental_unassign(rk, parts);
        } else {
            rd_kafka_assign(rk, NULL);
        }
    }
    if (error) {
        NF_ERROR("rebalance: %s", rd_kafka_error_string(error));
        rd_kafka_error_destroy(error);
    }
}

/* Runs inside rd_kafka_consumer_poll(). */
static void error_cb(rd_kafka_t *rk, int err, const char *reason, void *opaque)
{
    nf_consumer *c = opaque;
    nf_kafka_report_error(&c->last_error, rk, err, reason);
}

/* Runs inside rd_kafka_consumer_poll(), for nf_consumer_commit_async() results. A failure is
 * not an error of the run (the next commit carries the same offsets again); it is logged once
 * until a commit succeeds again. */
static void offset_commit_cb(rd_kafka_t *rk, rd_kafka_resp_err_t err,
                             rd_kafka_topic_partition_list_t *offsets, void *opaque)
{
    (void)rk;
    (void)offsets;
    nf_consumer *c = opaque;
    c->commit_in_flight = false;
    if (err == RD_KAFKA_RESP_ERR__NO_OFFSET) {
        err = RD_KAFKA_RESP_ERR_NO_ERROR;
    }
    if (err && err != c->last_commit_err) {
        NF_WARN("periodic offset commit failed: %s (retried at the next one)",
                rd_kafka_err2str(err));
    }
    c->last_commit_err = err;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i]);
    }
    free(v);
}

static int stats_cb(rd_kafka_t *rk, char *json, size_t len, void *opaque)
{
    (void)rk;
    nf_consumer *c = opaque;
    c->on_stats(c->stats_opaque, json, len);
    return 0; /* librdkafka frees json */
}

/* Both consumers (group and replay) store an offset only after the broker acknowledged the
 * output: a configuration that lets librdkafka store on its own is refused. */
static bool offset_store_ok(const nf_config *cfg, char *errstr, size_t errstr_size)
{
    const char *store = nf_kafka_conf_get(cfg, "consumer", "enable.auto.offset.store", "false");
    if (strcmp(store, "false") != 0) {
        snprintf(errstr, errstr_size,
                 "consumer.kafka.enable.auto.offset.store must stay false: newsflow stores an "
                 "offset only after the broker acknowledged its output");
        return false;
    }
    return true;
}

/* The defaults both consumers derive from their options: queued.max.messages.kbytes (from
 * bytes, 64 MiB when 0) and statistics.interval.ms. */
typedef struct fetch_defaults {
    char queue_kb[32];
    char interval[32];
} fetch_defaults;

static void fetch_defaults_format(fetch_defaults *f, size_t fetch_queue_bytes,
                                  int64_t stats_interval_ms)
{
    /* librdkafka holds about twice what queued.max.messages.kbytes counts (the limit is
     * checked before each fetch, and fetched messages pin their whole fetch buffer): measured
     * with test_memory_run, the peak RSS grows by ~2 MiB per MiB of this setting. Half the
     * share keeps the pre-fetch within it. */
    snprintf(f->queue_kb, sizeof f->queue_kb, "%zu",
             fetch_queue_bytes ? (fetch_queue_bytes / 2 + 1023) / 1024 : (size_t)65536);
    snprintf(f->interval, sizeof f->interval, "%lld", (long long)stats_interval_ms);
}

/* Statistics to \p on_stats (when set) through c. */
static void set_stats(nf_consumer *c, rd_kafka_conf_t *conf, nf_kafka_stats_cb *on_stats,
                      void *stats_opaque)
{
    if (on_stats) {
        c->on_stats = on_stats;
        c->stats_opaque = stats_opaque;
        rd_kafka_conf_set_stats_cb(conf, stats_cb);
    }
}

/* The librdkafka consumer of c from conf (taken over, or destroyed on failure), polled
 * through the consumer queue. */
static int create_rk(nf_consumer *c, rd_kafka_conf_t *conf, char *errstr, size_t errstr_size)
{
    char rderr[512];
    c->rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, rderr, sizeof rderr);
    if (!c->rk) {
        snprintf(errstr, errstr_size, "cannot create Kafka consumer: %s", rderr);
        rd_kafka_conf_destroy(conf);
        return -1;
    }
    rd_kafka_poll_set_consumer(c->rk);
    return 0;
}

/* Free a consumer and its handle: one that failed half-way through nf_consumer_new or
 * nf_consumer_new_replay (what either did not set is still zero from calloc), or one that
 * nf_consumer_close() closed. */
static void discard_new(nf_consumer *c)
{
    if (c->rk) {
        rd_kafka_destroy(c->rk);
    }
    free_strings(c->topics, c->n_topics);
    free_strings(c->subscription, c->n_subscription);
    free(c->asg);
    nf_replay_plan_destroy(c->plan);
    free(c);
}

nf_consumer *nf_consumer_new(const nf_config *cfg, const nf_consumer_opts *opts,
                             nf_revoke_cb *on_revoke, void *opaque, char *errstr,
                             size_t errstr_size)
{
    if (!offset_store_ok(cfg, errstr, errstr_size)) {
        return NULL;
    }
    if (opts->topics.n == 0) {
        snprintf(errstr, errstr_size, "consumer.topics: at least one topic is required");
        return NULL;
    }
    /* Pre-fetched messages wait in one queue for the whole consumer; librdkafka bounds it in
     * kilobytes (and lowers fetch.max.bytes to fit).
     * session.timeout.ms = 10 s instead of librdkafka's 45 s: heartbeats come from
     * librdkafka's own thread, so a busy pipeline never misses them, and a member that dies
     * (kill -9, a lost machine) stalls its partitions for this long before the group moves
     * them; 10 s still rides out three lost heartbeats (heartbeat.interval.ms = 3 s) and is
     * above the broker's group.min.session.timeout.ms (6 s).
     * Commits are made by the runner (run.commit_interval_ms, on revoke, on stop), checked,
     * never by librdkafka on its own: its automatic commit on unassign fails unseen when the
     * group's generation moved on, and its 5 s cadence was the redone work after a crash.
     * partition.assignment.strategy = roundrobin (eager), not cooperative-sticky: with
     * librdkafka 2.0.2 a cooperative member keeps working while the group waits for a dead
     * member's session to time out, but cannot commit that work (its commits wait for the
     * rebalance and then fail with the old generation, which also reports its assignment
     * "lost"), so all of it was done again (12,000 duplicates after one kill -9 in
     * tests/integration/test_group.c under ASan). An eager member commits on revoke and
     * waits: a rebalance pauses the group instead of repeating its work. */
    fetch_defaults fd;
    fetch_defaults_format(&fd, opts->fetch_queue_bytes, opts->stats_interval_ms);
    const char *const defaults[] = {
        "bootstrap.servers", "localhost:9092",
        "queued.max.messages.kbytes", fd.queue_kb,
        "group.id", opts->group_id,
        "auto.offset.reset", opts->auto_offset_reset,
        "partition.assignment.strategy", "roundrobin",
        "session.timeout.ms", "10000",
        "heartbeat.interval.ms", "3000",
        "enable.auto.commit", "false",
        "enable.partition.eof", "true",
        "client.id", "newsflow",
        /* Metrics: consumer lag per partition comes from the statistics. */
        opts->on_stats ? "statistics.interval.ms" : NULL, fd.interval,
        NULL,
    };
    rd_kafka_conf_t *conf = nf_kafka_conf_build(cfg, "consumer", defaults, errstr, errstr_size);
    if (!conf) {
        return NULL;
    }
    char rderr[512];
    /* Enforced after the pass-through: at-least-once depends on it. */
    rd_kafka_conf_set(conf, "enable.auto.offset.store", "false", rderr, sizeof rderr);
    rd_kafka_conf_set(conf, "enable.partition.eof", "true", rderr, sizeof rderr);
    if (opts->exactly_once) {
        /* offsets are committed inside the output transactions, and only committed input
         * is read (the input may itself be written transactionally) */
        rd_kafka_conf_set(conf, "enable.auto.commit", "false", rderr, sizeof rderr);
        rd_kafka_conf_set(conf, "isolation.level", "read_committed", rderr, sizeof rderr);
    }

    nf_consumer *c = nf_xcalloc(1, sizeof *c);
    c->exactly_once = opts->exactly_once;
    c->on_revoke = on_revoke;
    c->opaque = opaque;
    c->n_subscription = opts->topics.n;
    c->subscription = nf_xcalloc(c->n_subscription, sizeof *c->subscription);
    for (size_t i = 0; i < c->n_subscription; i++) {
        c->subscription[i] = nf_xstrdup(opts->topics.items[i]);
        if (c->subscription[i][0] != '^') {
            nf_consumer_topic_intern(c, c->subscription[i]); /* index = position, as before */
        }
    }
    rd_kafka_conf_set_opaque(conf, c);
    rd_kafka_conf_set_rebalance_cb(conf, rebalance_cb);
    rd_kafka_conf_set_error_cb(conf, error_cb);
    rd_kafka_conf_set_offset_commit_cb(conf, offset_commit_cb);
    set_stats(c, conf, opts->on_stats, opts->stats_opaque);
    if (create_rk(c, conf, errstr, errstr_size) != 0) {
        goto fail;
    }

    rd_kafka_topic_partition_list_t *sub =
        rd_kafka_topic_partition_list_new((int)c->n_subscription);
    for (size_t i = 0; i < c->n_subscription; i++) {
        rd_kafka_topic_partition_list_add(sub, c->subscription[i], RD_KAFKA_PARTITION_UA);
    }
    rd_kafka_resp_err_t err = rd_kafka_subscribe(c->rk, sub);
    rd_kafka_topic_partition_list_destroy(sub);
    if (err) {
        snprintf(errstr, errstr_size, "cannot subscribe to consumer.topics: %s",
                 rd_kafka_err2str(err));
        goto fail;
    }
    return c;
fail:
    discard_new(c);
    return NULL;
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int nf_consumer_close(nf_consumer *c, int timeout_ms)
{
    if (!c) {
        return 0;
    }
    int rc = 0;
    if (c->plan) {
        replay_commit(c, false); /* assign mode: progress lives in the resume group only */
    }
    /* Leave the group through the close queue so the wait is bounded: the revoke callback
     * runs while that queue is served. rd_kafka_consumer_close() would block for as long as
     * the coordinator takes (unbounded with the broker down). */
    rd_kafka_queue_t *q = rd_kafka_queue_new(c->rk);
    rd_kafka_error_t *error = timeout_ms > 0 ? rd_kafka_consumer_close_queue(c->rk, q) : NULL;
    if (timeout_ms <= 0) {
        rc = -1;
    } else if (error) {
        NF_WARN("leaving the consumer group: %s", rd_kafka_error_string(error));
        rd_kafka_error_destroy(error);
        rc = -1;
    } else {
        int64_t until = mono_ms() + timeout_ms;
        while (!rd_kafka_consumer_closed(c->rk)) {
            int64_t left = until - mono_ms();
            if (left <= 0) {
                NF_WARN("leaving the consumer group did not finish in time; the group "
                        "notices after session.timeout.ms");
                rc = -1;
                break;
            }
            /* The close queue is served with the event API (callbacks would assert on the
             * events meant for it): the final revoke arrives as an event and goes to
             * rebalance_cb like any other. */
            rd_kafka_event_t *ev = rd_kafka_queue_poll(q, (int)(left < 100 ? left : 100));
            if (ev && rd_kafka_event_type(ev) == RD_KAFKA_EVENT_REBALANCE) {
                rebalance_cb(c->rk, rd_kafka_event_error(ev),
                             rd_kafka_event_topic_partition_list(ev), c);
            } else if (ev && rd_kafka_event_type(ev) == RD_KAFKA_EVENT_OFFSET_COMMIT) {
                /* the periodic commit's result arrives here once closing has begun: left
                 * unserved, it looked outstanding and the handle was abandoned without
                 * leaving the group (the group then waited session.timeout.ms for us) */
                offset_commit_cb(c->rk, rd_kafka_event_error(ev),
                                 (rd_kafka_topic_partition_list_t *)
                                     rd_kafka_event_topic_partition_list(ev), c);
            }
            if (ev) {
                rd_kafka_event_destroy(ev);
            }
        }
    }
    rd_kafka_queue_destroy(q);
    if (rc != 0 || c->commit_timed_out || c->commit_in_flight) {
        /* rd_kafka_destroy() would wait for the outstanding commit or leave requests, up to
         * session.timeout.ms when the coordinator is unreachable: not within our bound. */
        NF_WARN("not waiting for outstanding consumer requests; the group notices after "
                "session.timeout.ms");
        nf_consumer_abandon(c);
        return -1;
    }
    discard_new(c); /* the handle and everything the consumer owns */
    return rc;
}

static void *destroy_main(void *rk)
{
    rd_kafka_destroy_flags(rk, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
    return NULL;
}

void nf_consumer_abandon(nf_consumer *c)
{
    if (!c) {
        return;
    }
    /* The handle is destroyed on a thread of its own, so that its group membership and
     * background threads end (after up to session.timeout.ms) without anyone waiting; a
     * process that exits first simply ends it. No consumer callback runs in a destroy with
     * NO_CONSUMER_CLOSE, so the opaque may dangle; librdkafka's log callback does not use it. */
    pthread_t th;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&th, &attr, destroy_main, c->rk) != 0) {
        NF_WARN("cannot start a thread to destroy the consumer; leaving it to the process exit");
    }
    pthread_attr_destroy(&attr);
    free_strings(c->topics, c->n_topics);
    free_strings(c->subscription, c->n_subscription);
    free(c->asg);
    nf_replay_plan_destroy(c->plan);
    free(c);
}

/* Exactly-once: librdkafka 2.0.2 sometimes fetches a partition again from an earlier offset
 * (seen after pausing and resuming a partition that has no committed offset yet: it restarts
 * from auto.offset.reset). Those messages were handed out before and their outputs are in
 * this or an earlier transaction: handing them out again would commit them twice. Only a
 * rewind of ours (nf_consumer_rewind) goes back. */
static bool eos_redelivered(assigned *a, const rd_kafka_message_t *rkm)
{
    if (a->next >= 0 && rkm->offset < a->next) {
        NF_WARN("%s [%d]: offset %" PRId64 " delivered again (already at %" PRId64
                "); skipped, its output is already in a transaction",
                rd_kafka_topic_name(rkm->rkt), rkm->partition, rkm->offset, a->next);
        return true;
    }
    if (a->first < 0) {
        a->first = rkm->offset;
    }
    a->next = rkm->offset + 1;
    return false;
}

rd_kafka_message_t *nf_consumer_poll(nf_consumer *c, int timeout_ms)
{
    rd_kafka_message_t *rkm = rd_kafka_consumer_poll(c->rk, timeout_ms);
    if (!rkm) {
        return NULL;
    }
    int32_t ti = rkm->rkt ? nf_consumer_topic_intern(c, rd_kafka_topic_name(rkm->rkt)) : -1;
    assigned *a = ti >= 0 ? find_asg(c, ti, rkm->partition) : NULL;
    if (c->plan) {
        return replay_filter(c, a, rkm);
    }
    if (rkm->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        if (a) {
            a->at_eof = true;
        }
        rd_kafka_message_destroy(rkm);
        return NULL;
    }
    if (!rkm->err && a) {
        if (c->exactly_once && eos_redelivered(a, rkm)) {
            rd_kafka_message_destroy(rkm);
            return NULL;
        }
        if (a->first < 0) {
            a->first = rkm->offset; /* at-least-once too: the runner's rewind after it
                                       recreated a failed producer (nf_consumer_rewind) */
        }
        a->next = rkm->offset + 1; /* at-least-once too: nf_consumer_positions() */
        a->at_eof = false;
        check_limit(c, a);
    }
    return rkm;
}

int32_t nf_consumer_topic_idx(const nf_consumer *c, const char *topic)
{
    for (size_t i = 0; i < c->n_topics; i++) {
        if (strcmp(c->topics[i], topic) == 0) {
            return (int32_t)i;
        }
    }
    return -1;
}

int32_t nf_consumer_topic_intern(nf_consumer *c, const char *topic)
{
    int32_t ti = nf_consumer_topic_idx(c, topic);
    if (ti >= 0) {
        return ti;
    }
    if (c->n_topics == c->cap_topics) {
        c->cap_topics = c->cap_topics ? c->cap_topics * 2 : 8;
        c->topics = nf_xrealloc(c->topics, c->cap_topics * sizeof *c->topics);
    }
    c->topics[c->n_topics] = nf_xstrdup(topic);
    return (int32_t)c->n_topics++;
}

const char *nf_consumer_topic_name(const nf_consumer *c, int32_t topic_idx)
{
    return topic_idx >= 0 && (size_t)topic_idx < c->n_topics ? c->topics[topic_idx] : NULL;
}

int nf_consumer_store(nf_consumer *c, int32_t topic_idx, int32_t partition, int64_t next_offset)
{
    if (c->plan) {
        assigned *a = find_asg(c, topic_idx, partition);
        if (a && next_offset > a->stored) {
            a->stored = next_offset;
            c->dirty = c->resume;
        }
        return 0;
    }
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(l, c->topics[topic_idx], partition)->offset = next_offset;
    rd_kafka_resp_err_t err = rd_kafka_offsets_store(c->rk, l);
    rd_kafka_topic_partition_list_destroy(l);
    if (err) {
        NF_WARN("cannot store offset %lld for %s [%d]: %s", (long long)next_offset,
                c->topics[topic_idx], partition, rd_kafka_err2str(err));
        return -1;
    }
    return 0;
}

rd_kafka_resp_err_t nf_consumer_commit(nf_consumer *c, int timeout_ms)
{
    if (c->plan) {
        return replay_commit(c, false);
    }
    /* rd_kafka_commit(sync) would wait for as long as the coordinator takes; a commit through
     * our own queue can be given up after timeout_ms. Allowed inside the rebalance callback. */
    rd_kafka_queue_t *q = rd_kafka_queue_new(c->rk);
    rd_kafka_resp_err_t err = rd_kafka_commit_queue(c->rk, NULL, q, NULL, NULL);
    if (!err) {
        rd_kafka_event_t *ev = rd_kafka_queue_poll(q, timeout_ms > 0 ? timeout_ms : 0);
        if (!ev) {
            err = RD_KAFKA_RESP_ERR__TIMED_OUT;
            c->commit_timed_out = true;
        } else {
            err = rd_kafka_event_error(ev);
            rd_kafka_event_destroy(ev);
        }
    }
    rd_kafka_queue_destroy(q);
    if (err == RD_KAFKA_RESP_ERR__NO_OFFSET) {
        err = RD_KAFKA_RESP_ERR_NO_ERROR; /* nothing new to commit */
    }
    return err;
}

void nf_consumer_commit_async(nf_consumer *c)
{
    if (c->plan) {
        if (c->dirty) {
            replay_commit(c, true);
        }
        return;
    }
    /* One at a time: with the coordinator unreachable, requests would pile up (and each
     * keeps the handle's destruction waiting). */
    if (c->commit_in_flight) {
        return;
    }
    rd_kafka_resp_err_t err = rd_kafka_commit(c->rk, NULL, 1);
    c->commit_in_flight = !err;
    if (err && err != RD_KAFKA_RESP_ERR__NO_OFFSET && err != c->last_commit_err) {
        NF_WARN("periodic offset commit failed: %s", rd_kafka_err2str(err));
        c->last_commit_err = err;
    }
}

static void drop_staying_paused(nf_consumer *c, rd_kafka_topic_partition_list_t *l);

/* Pause (resume) one partition: a replay at its fixed end, a refill at its limit. */
static void pause_one(nf_consumer *c, const assigned *a, bool pause)
{
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(l, c->topics[a->topic_idx], a->partition);
    if (pause) {
        rd_kafka_pause_partitions(c->rk, l); /* (drops what was pre-fetched past it) */
    } else {
        rd_kafka_resume_partitions(c->rk, l);
    }
    rd_kafka_topic_partition_list_destroy(l);
}

/* A partition handed out up to its limit pauses there (nf_consumer_limit). */
static void check_limit(nf_consumer *c, assigned *a)
{
    if (c->limited && !a->at_limit && a->next >= a->limit) {
        a->at_limit = true;
        pause_one(c, a, true);
    }
}

void nf_consumer_limit(nf_consumer *c, const rd_kafka_topic_partition_list_t *limits)
{
    c->limited = limits != NULL;
    for (size_t i = 0; i < c->n_asg; i++) {
        assigned *a = &c->asg[i];
        bool was = a->at_limit;
        a->at_limit = false;
        if (limits) {
            const rd_kafka_topic_partition_t *e = rd_kafka_topic_partition_list_find(
                limits, c->topics[a->topic_idx], a->partition);
            a->limit = e && e->offset >= 0 ? e->offset : -1; /* unlisted: read nothing */
            check_limit(c, a);
        } else if (was && !c->paused && !(c->plan && a->at_eof)) {
            pause_one(c, a, false);
        }
    }
}

void nf_consumer_pause(nf_consumer *c, bool pause)
{
    if (c->paused == pause) {
        return;
    }
    c->paused = pause;
    rd_kafka_topic_partition_list_t *l = NULL;
    if (rd_kafka_assignment(c->rk, &l) == RD_KAFKA_RESP_ERR_NO_ERROR && l) {
        if (!pause) {
            drop_staying_paused(c, l);
        }
        if (l->cnt > 0) {
            /* Pausing also drops what was pre-fetched for these partitions; resuming fetches
             * again from the position of the last message handed to us. */
            if (pause) {
                rd_kafka_pause_partitions(c->rk, l);
            } else {
                rd_kafka_resume_partitions(c->rk, l);
            }
        }
        rd_kafka_topic_partition_list_destroy(l);
    }
    NF_DEBUG("input %s", pause ? "paused" : "resumed");
}

bool nf_consumer_paused(const nf_consumer *c)
{
    return c->paused;
}

bool nf_consumer_replay_finished(const nf_consumer *c)
{
    if (!c->plan) {
        return false;
    }
    for (size_t i = 0; i < c->n_asg; i++) {
        /* at its end, and every message handed out is done (stored): one held back and
         * dropped at a stop is not */
        if (!c->asg[i].at_eof || c->asg[i].stored < c->asg[i].next) {
            return false;
        }
    }
    return true;
}

bool nf_consumer_at_end(const nf_consumer *c)
{
    if (c->n_asg == 0) {
        return c->plan != NULL; /* a replay of nothing is done; a group member waits */
    }
    for (size_t i = 0; i < c->n_asg; i++) {
        if (!c->asg[i].at_eof) {
            return false;
        }
    }
    return true;
}

int64_t nf_consumer_assignments(const nf_consumer *c)
{
    return c->assignments;
}

size_t nf_consumer_assigned_count(const nf_consumer *c)
{
    return c->n_asg;
}

const nf_kafka_errlog *nf_consumer_last_error(const nf_consumer *c)
{
    return &c->last_error;
}

size_t nf_consumer_subscription(const nf_consumer *c, const char *const **out)
{
    *out = (const char *const *)c->subscription;
    return c->n_subscription;
}

rd_kafka_t *nf_consumer_handle(nf_consumer *c)
{
    return c->rk;
}

/* ---- replay mode: assign, fixed ends, progress in its own group ---------------------------- */


/* Mark \p a finished and stop fetching it: its fixed end is reached. */
static void replay_done(nf_consumer *c, assigned *a)
{
    if (a->at_eof) {
        return;
    }
    a->at_eof = true;
    pause_one(c, a, true);
}

/* Replay mode's view of a polled message: drop what lies at or past the partition's end,
 * finish the partition on its last message or on reaching the log end (a compacted topic or
 * transaction markers may leave no message at end-1). */
static rd_kafka_message_t *replay_filter(nf_consumer *c, assigned *a, rd_kafka_message_t *rkm)
{
    if (!a) {
        return rkm; /* an error event without a partition */
    }
    if (rkm->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        replay_done(c, a);
        rd_kafka_message_destroy(rkm);
        return NULL;
    }
    if (rkm->err) {
        return rkm;
    }
    if (rkm->offset >= a->end || a->at_eof) {
        replay_done(c, a);
        rd_kafka_message_destroy(rkm);
        return NULL;
    }
    if (c->exactly_once && eos_redelivered(a, rkm)) {
        rd_kafka_message_destroy(rkm);
        return NULL;
    }
    a->next = rkm->offset + 1;
    if (a->next >= a->end) {
        replay_done(c, a);
    }
    check_limit(c, a);
    return rkm;
}

/* Which offset of a replayed partition replay_offsets() lists. */
typedef enum replay_pos {
    POS_STORED, /* acknowledged (at-least-once) or committed in a transaction */
    POS_NEXT,   /* after the last message handed out (polled) */
    POS_TAKEN,  /* after the last message the runner took: what a transaction commits */
} replay_pos;

/* Every replayed partition at \p pos, with its fixed end in the metadata: what a commit (or a
 * transaction) records so that a resumed replay finishes the same range. */
static rd_kafka_topic_partition_list_t *replay_offsets(const nf_consumer *c, replay_pos pos)
{
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new((int)c->n_asg);
    for (size_t i = 0; i < c->n_asg; i++) {
        char md[64];
        nf_replay_metadata_format(c->asg[i].end, md, sizeof md);
        rd_kafka_topic_partition_t *e = rd_kafka_topic_partition_list_add(
            l, c->topics[c->asg[i].topic_idx], c->asg[i].partition);
        e->offset = pos == POS_NEXT    ? c->asg[i].next
                    : pos == POS_TAKEN ? c->asg[i].taken
                                       : c->asg[i].stored;
        e->metadata = nf_xstrdup(md); /* freed with the list */
        e->metadata_size = strlen(md);
    }
    return l;
}

/* Commit every partition's acknowledged position with its fixed end in the metadata, so a
 * resumed replay finishes the same range. The runner decides when (run.commit_interval_ms,
 * and at the end): a killed replay redoes at most that much plus what was in flight. */
static rd_kafka_resp_err_t replay_commit(nf_consumer *c, bool async)
{
    if (!c->resume) {
        return RD_KAFKA_RESP_ERR_NO_ERROR;
    }
    rd_kafka_topic_partition_list_t *l = replay_offsets(c, POS_STORED);
    c->dirty = false;
    rd_kafka_resp_err_t err = rd_kafka_commit(c->rk, l, async ? 1 : 0);
    rd_kafka_topic_partition_list_destroy(l);
    if (err) {
        NF_WARN("cannot commit replay progress: %s", rd_kafka_err2str(err));
        c->dirty = true;
    }
    return err;
}

/* The plan's topics, in request order (nf_consumer_topic_idx indexes them). */
static void replay_topics(nf_consumer *c, const nf_replay_request *req)
{
    for (size_t i = 0; i < req->n_topics; i++) {
        nf_consumer_topic_intern(c, req->topics[i]);
    }
}

/* Remove from \p l the partitions that reached their fixed end. */
/* Out of \p l (to resume): the partitions that stay paused, a replayed one at its fixed end
 * and one at its limit (nf_consumer_limit). */
static void drop_staying_paused(nf_consumer *c, rd_kafka_topic_partition_list_t *l)
{
    for (int i = l->cnt - 1; i >= 0; i--) {
        assigned *a =
            find_asg(c, nf_consumer_topic_idx(c, l->elems[i].topic), l->elems[i].partition);
        if (a && ((c->plan && a->at_eof) || a->at_limit)) {
            rd_kafka_topic_partition_list_del_by_idx(l, i);
        }
    }
}

/* Track every planned partition and assign those with something to replay. */
static int replay_assign(nf_consumer *c, char *errstr, size_t errstr_size)
{
    const nf_replay_plan *plan = c->plan;
    c->asg = nf_xcalloc(plan->n + 1, sizeof *c->asg);
    c->cap_asg = plan->n + 1;
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new((int)plan->n);
    for (size_t i = 0; i < plan->n; i++) {
        const nf_replay_part *p = &plan->parts[i];
        int32_t ti = nf_consumer_topic_idx(c, p->topic);
        c->asg[c->n_asg++] =
            (assigned){.topic_idx = ti, .partition = p->partition, .at_eof = p->start >= p->end,
                       .end = p->end, .next = p->start, .committed = -1, .stored = p->start,
                       .taken = p->start};
        if (p->start < p->end) {
            rd_kafka_topic_partition_list_add(l, p->topic, p->partition)->offset = p->start;
        }
    }
    rd_kafka_resp_err_t err = rd_kafka_assign(c->rk, l);
    rd_kafka_topic_partition_list_destroy(l);
    if (err) {
        snprintf(errstr, errstr_size, "cannot assign the replay's partitions: %s",
                 rd_kafka_err2str(err));
        return -1;
    }
    return 0;
}

nf_consumer *nf_consumer_new_replay(const nf_config *cfg, const nf_replay_request *req,
                                    const char *resume_group, bool dry_run, char *errstr,
                                    size_t errstr_size)
{
    if (!offset_store_ok(cfg, errstr, errstr_size)) {
        return NULL;
    }
    fetch_defaults fd;
    fetch_defaults_format(&fd, req->fetch_queue_bytes, req->stats_interval_ms);
    const char *const defaults[] = {
        "bootstrap.servers", "localhost:9092", "auto.offset.reset", "earliest",
        "queued.max.messages.kbytes", fd.queue_kb, "client.id", "newsflow-replay",
        /* Metrics: lag per partition (to the log end, not to the replay's end). */
        req->on_stats ? "statistics.interval.ms" : NULL, fd.interval, NULL,
    };
    rd_kafka_conf_t *conf = nf_kafka_conf_build(cfg, "consumer", defaults, errstr, errstr_size);
    if (!conf) {
        return NULL;
    }
    /* Forced after the pass-through: a replay never joins or commits the live group (even
     * when consumer.kafka.group.id names it). Without --resume the group id is one nobody
     * else uses, and nothing is ever committed to it. */
    char anon[96];
    snprintf(anon, sizeof anon, "newsflow.replay.anonymous-%ld-%lld", (long)getpid(),
             (long long)time(NULL));
    char rderr[512];
    rd_kafka_conf_set(conf, "group.id", resume_group ? resume_group : anon, rderr, sizeof rderr);
    rd_kafka_conf_set(conf, "enable.auto.commit", "false", rderr, sizeof rderr);
    rd_kafka_conf_set(conf, "enable.auto.offset.store", "false", rderr, sizeof rderr);
    rd_kafka_conf_set(conf, "enable.partition.eof", "true", rderr, sizeof rderr);
    if (req->exactly_once) {
        rd_kafka_conf_set(conf, "isolation.level", "read_committed", rderr, sizeof rderr);
    }
    bool eos = req->exactly_once;

    nf_consumer *c = nf_xcalloc(1, sizeof *c);
    c->exactly_once = eos;
    rd_kafka_conf_set_opaque(conf, c);
    rd_kafka_conf_set_error_cb(conf, error_cb);
    set_stats(c, conf, req->on_stats, req->stats_opaque);
    replay_topics(c, req);
    c->resume = resume_group != NULL && !dry_run;
    if (create_rk(c, conf, errstr, errstr_size) != 0) {
        goto fail;
    }
    nf_replay_request r = *req;
    r.resume = resume_group != NULL;
    c->plan = nf_replay_plan_new(c->rk, &r, 30000, errstr, errstr_size);
    if (!c->plan) {
        goto fail;
    }
    if (dry_run) {
        return c;
    }
    if (replay_assign(c, errstr, errstr_size) != 0) {
        goto fail;
    }
    /* Fix the ends in the resume group before the first message, so a replay killed at once
     * still resumes the same range. */
    c->assignments = 1; /* the runner's start-up wait is over: partitions are assigned */
    if (c->resume && replay_commit(c, false) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        snprintf(errstr, errstr_size, "cannot record the replay's range in group %s",
                 resume_group);
        goto fail;
    }
    return c;
fail:
    discard_new(c);
    return NULL;
}

const nf_replay_plan *nf_consumer_plan(const nf_consumer *c)
{
    return c->plan;
}

int64_t nf_consumer_replay_position(const nf_consumer *c, size_t i)
{
    return c->plan && i < c->n_asg ? c->asg[i].next : -1;
}

/* ---- exactly-once ---------------------------------------------------------------------------- */

/* Group mode: per assigned partition that has one, its position (next) or, with \p taken, the
 * offset after the last message taken. */
static rd_kafka_topic_partition_list_t *group_offsets(const nf_consumer *c, bool taken)
{
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new((int)c->n_asg);
    for (size_t i = 0; i < c->n_asg; i++) {
        int64_t off = taken ? c->asg[i].taken : c->asg[i].next;
        if (off >= 0) {
            rd_kafka_topic_partition_list_add(l, c->topics[c->asg[i].topic_idx],
                                              c->asg[i].partition)
                ->offset = off;
        }
    }
    return l;
}

rd_kafka_topic_partition_list_t *nf_consumer_txn_offsets(nf_consumer *c)
{
    if (c->plan && !c->resume) {
        return NULL;
    }
    if (c->plan) {
        /* what was taken, as in group mode: a held message dropped at a stop is not done */
        return replay_offsets(c, POS_TAKEN);
    }
    if (c->n_asg == 0) {
        return NULL; /* the assignment was lost */
    }
    /* What the runner took, not what was polled: a message it holds back (its producer queue
     * was full) and drops at a stop or an abort must not be committed without its output. */
    return group_offsets(c, true);
}

void nf_consumer_taken(nf_consumer *c, int32_t topic_idx, int32_t partition, int64_t offset)
{
    assigned *a = find_asg(c, topic_idx, partition);
    if (a && offset + 1 > a->taken) {
        a->taken = offset + 1;
    }
}

rd_kafka_topic_partition_list_t *nf_consumer_positions(nf_consumer *c)
{
    if (c->plan) {
        return replay_offsets(c, POS_NEXT);
    }
    /* Our own positions, not rd_kafka_position(): after a re-fetch from an earlier offset
     * (eos_redelivered) librdkafka's position may lag what was handed out. */
    return group_offsets(c, false);
}

void nf_consumer_txn_committed(nf_consumer *c)
{
    for (size_t i = 0; i < c->n_asg; i++) {
        if (c->plan) {
            c->asg[i].stored = c->asg[i].taken;
        } else if (c->asg[i].taken >= 0) {
            c->asg[i].committed = c->asg[i].taken;
        }
    }
}

/* Replay: back to the last committed transaction's positions (the plan's start at first). */
static int replay_rewind(nf_consumer *c, int timeout_ms)
{
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new((int)c->n_asg);
    rd_kafka_topic_partition_list_t *resume = rd_kafka_topic_partition_list_new((int)c->n_asg);
    for (size_t i = 0; i < c->n_asg; i++) {
        assigned *a = &c->asg[i];
        if (a->stored >= a->end && a->at_eof) {
            continue; /* finished in a committed transaction */
        }
        const char *topic = c->topics[a->topic_idx];
        rd_kafka_topic_partition_list_add(l, topic, a->partition)->offset = a->stored;
        if (a->at_eof) {
            rd_kafka_topic_partition_list_add(resume, topic, a->partition);
            a->at_eof = false;
        }
        a->next = a->stored;
        a->taken = a->stored;
    }
    rd_kafka_error_t *error = l->cnt ? rd_kafka_seek_partitions(c->rk, l, timeout_ms) : NULL;
    if (resume->cnt) {
        rd_kafka_resume_partitions(c->rk, resume);
    }
    rd_kafka_topic_partition_list_destroy(l);
    rd_kafka_topic_partition_list_destroy(resume);
    if (error) {
        NF_ERROR("cannot rewind the replay: %s", rd_kafka_error_string(error));
        rd_kafka_error_destroy(error);
        return -1;
    }
    return 0;
}

int nf_consumer_rewind(nf_consumer *c, int timeout_ms)
{
    if (c->plan) {
        return replay_rewind(c, timeout_ms);
    }
    rd_kafka_topic_partition_list_t *l = NULL;
    if (rd_kafka_assignment(c->rk, &l) || !l) {
        return -1;
    }
    int rc = 0;
    rd_kafka_resp_err_t err = l->cnt ? rd_kafka_committed(c->rk, l, timeout_ms) : 0;
    if (err) {
        NF_ERROR("cannot read committed offsets to rewind: %s", rd_kafka_err2str(err));
        rc = -1;
    } else if (l->cnt) {
        rd_kafka_topic_partition_list_t *seek = rd_kafka_topic_partition_list_new(l->cnt);
        for (int i = 0; i < l->cnt; i++) {
            assigned *a = find_asg(c, nf_consumer_topic_intern(c, l->elems[i].topic),
                                   l->elems[i].partition);
            int64_t to = l->elems[i].offset;
            if (a && a->committed >= 0) {
                /* what this process committed last: the group's answer may not show it yet */
                to = a->committed;
            } else if (to < 0) {
                /* No transaction committed an offset here, so none of its outputs is
                 * visible: go back to the first offset this process handed out (where
                 * auto.offset.reset put it, which is not the beginning with `latest`). With
                 * nothing handed out, there is nothing to read again: no seek. */
                to = a ? a->first : -1;
            }
            if (to < 0) {
                continue;
            }
            rd_kafka_topic_partition_list_add(seek, l->elems[i].topic, l->elems[i].partition)
                ->offset = to;
            if (a) {
                a->next = to;
                a->taken = to;
                a->at_eof = false; /* the seek fetches again and reports the end again */
            }
        }
        rd_kafka_error_t *error =
            seek->cnt ? rd_kafka_seek_partitions(c->rk, seek, timeout_ms) : NULL;
        rd_kafka_topic_partition_list_destroy(seek);
        if (error) {
            NF_ERROR("cannot rewind to the committed offsets: %s", rd_kafka_error_string(error));
            rd_kafka_error_destroy(error);
            rc = -1;
        }
    }
    rd_kafka_topic_partition_list_destroy(l);
    return rc;
}
