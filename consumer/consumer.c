#include "consumer/consumer.h"
#include "common/log.h"
#include "consumer/replay_plan.h"
#include "common/xalloc.h"
#include "config/kafka_conf.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const nf_opt nf_consumer_options[] = {
    {"topics", NF_OPT_LIST, "news.raw", offsetof(nf_consumer_opts, topics), NULL,
     "input topics (comma-separated)"},
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
    int64_t next;           /* replay: offset after the last message returned */
    int64_t stored;         /* replay: offset up to which every output was acknowledged */
} assigned;

struct nf_consumer {
    rd_kafka_t *rk;
    char **topics;          /* copies of consumer.topics */
    size_t n_topics;
    nf_revoke_cb *on_revoke;
    void *opaque;
    assigned *asg;          /* current assignment (replay: parallel to plan->parts) */
    size_t n_asg, cap_asg;
    nf_replay_plan *plan;   /* replay mode (assign, fixed ends); NULL in group mode */
    bool resume;            /* replay progress is committed to the resume group */
    bool dirty;             /* replay: stored offsets not committed yet */
    int64_t commit_every_ms; /* replay: progress commit interval */
    int64_t next_commit_ms; /* replay: when to commit progress next (monotonic) */
};

static int replay_commit(nf_consumer *c, bool async);
static rd_kafka_message_t *replay_filter(nf_consumer *c, assigned *a, rd_kafka_message_t *rkm);

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

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
        int32_t ti = nf_consumer_topic_idx(c, parts->elems[i].topic);
        if (find_asg(c, ti, parts->elems[i].partition)) {
            continue;
        }
        if (c->n_asg == c->cap_asg) {
            c->cap_asg = c->cap_asg ? c->cap_asg * 2 : 16;
            c->asg = nf_xrealloc(c->asg, c->cap_asg * sizeof *c->asg);
        }
        c->asg[c->n_asg++] = (assigned){ti, parts->elems[i].partition, false, -1, -1, -1};
    }
}

static void track_revoke(nf_consumer *c, const rd_kafka_topic_partition_list_t *parts)
{
    for (int i = 0; i < parts->cnt; i++) {
        assigned *a = find_asg(c, nf_consumer_topic_idx(c, parts->elems[i].topic),
                               parts->elems[i].partition);
        if (a) {
            *a = c->asg[--c->n_asg];
        }
    }
}

static void rebalance_cb(rd_kafka_t *rk, rd_kafka_resp_err_t err,
                         rd_kafka_topic_partition_list_t *parts, void *opaque)
{
    nf_consumer *c = opaque;
    bool cooperative = strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
    rd_kafka_error_t *error = NULL;
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        NF_INFO("assigned %d partition(s)", parts->cnt);
        track_assign(c, parts);
        if (cooperative) {
            error = rd_kafka_incremental_assign(rk, parts);
        } else {
            rd_kafka_assign(rk, parts);
        }
    } else {
        bool lost = rd_kafka_assignment_lost(rk);
        NF_INFO("%s %d partition(s)", lost ? "lost" : "revoked", parts->cnt);
        /* Give the owner the chance to finish in-flight outputs and store their offsets
         * before the partitions go to another member. */
        c->on_revoke(c->opaque, parts, lost);
        if (!lost) {
            rd_kafka_commit(rk, NULL, 0);
        }
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

nf_consumer *nf_consumer_new(const nf_config *cfg, const nf_consumer_opts *opts,
                             nf_revoke_cb *on_revoke, void *opaque, char *errstr,
                             size_t errstr_size)
{
    const char *store = nf_kafka_conf_get(cfg, "consumer", "enable.auto.offset.store", "false");
    if (strcmp(store, "false") != 0) {
        snprintf(errstr, errstr_size,
                 "consumer.kafka.enable.auto.offset.store must stay false: newsflow stores an "
                 "offset only after the broker acknowledged its output");
        return NULL;
    }
    if (opts->topics.n == 0) {
        snprintf(errstr, errstr_size, "consumer.topics: at least one topic is required");
        return NULL;
    }
    /* Pre-fetched messages wait in one queue for the whole consumer; librdkafka bounds it in
     * kilobytes (and lowers fetch.max.bytes to fit). */
    char queue_kb[32];
    snprintf(queue_kb, sizeof queue_kb, "%zu",
             opts->fetch_queue_bytes ? (opts->fetch_queue_bytes + 1023) / 1024 : (size_t)65536);
    const char *const defaults[] = {
        "bootstrap.servers", "localhost:9092",
        "queued.max.messages.kbytes", queue_kb,
        "group.id", opts->group_id,
        "auto.offset.reset", opts->auto_offset_reset,
        "partition.assignment.strategy", "cooperative-sticky",
        "enable.auto.commit", "true",
        "enable.partition.eof", "true",
        "client.id", "newsflow",
        NULL,
    };
    rd_kafka_conf_t *conf = nf_kafka_conf_build(cfg, "consumer", defaults, errstr, errstr_size);
    if (!conf) {
        return NULL;
    }
    char rderr[512];
    /* Enforced after the pass-through: at-least-once depends on it. */
    rd_kafka_conf_set(conf, "enable.auto.offset.store", "false", rderr, sizeof rderr);
    if (opts->exactly_once) {
        /* offsets are committed inside the output transactions, and only committed input
         * is read (the input may itself be written transactionally) */
        rd_kafka_conf_set(conf, "enable.auto.commit", "false", rderr, sizeof rderr);
        rd_kafka_conf_set(conf, "isolation.level", "read_committed", rderr, sizeof rderr);
    }
    rd_kafka_conf_set(conf, "enable.partition.eof", "true", rderr, sizeof rderr);

    nf_consumer *c = nf_xcalloc(1, sizeof *c);
    c->on_revoke = on_revoke;
    c->opaque = opaque;
    c->n_topics = opts->topics.n;
    c->topics = nf_xcalloc(c->n_topics, sizeof *c->topics);
    for (size_t i = 0; i < c->n_topics; i++) {
        c->topics[i] = nf_xstrdup(opts->topics.items[i]);
    }
    rd_kafka_conf_set_opaque(conf, c);
    rd_kafka_conf_set_rebalance_cb(conf, rebalance_cb);
    rd_kafka_conf_set_error_cb(conf, nf_kafka_log_error);
    c->rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, rderr, sizeof rderr);
    if (!c->rk) {
        snprintf(errstr, errstr_size, "cannot create Kafka consumer: %s", rderr);
        rd_kafka_conf_destroy(conf);
        goto fail;
    }
    conf = NULL; /* now owned by rk */
    rd_kafka_poll_set_consumer(c->rk);

    rd_kafka_topic_partition_list_t *sub = rd_kafka_topic_partition_list_new((int)c->n_topics);
    for (size_t i = 0; i < c->n_topics; i++) {
        rd_kafka_topic_partition_list_add(sub, c->topics[i], RD_KAFKA_PARTITION_UA);
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
    if (c->rk) {
        rd_kafka_destroy(c->rk);
    }
    for (size_t i = 0; i < c->n_topics; i++) {
        free(c->topics[i]);
    }
    free(c->topics);
    free(c);
    return NULL;
}

void nf_consumer_close(nf_consumer *c)
{
    if (!c) {
        return;
    }
    if (c->plan) {
        replay_commit(c, false); /* assign mode: there is no group offset to commit otherwise */
    } else {
        rd_kafka_commit(c->rk, NULL, 0);
    }
    rd_kafka_consumer_close(c->rk);
    rd_kafka_destroy(c->rk);
    for (size_t i = 0; i < c->n_topics; i++) {
        free(c->topics[i]);
    }
    free(c->topics);
    free(c->asg);
    nf_replay_plan_destroy(c->plan);
    free(c);
}

rd_kafka_message_t *nf_consumer_poll(nf_consumer *c, int timeout_ms)
{
    if (c->plan && c->resume && c->dirty && now_ms() >= c->next_commit_ms) {
        replay_commit(c, true);
    }
    rd_kafka_message_t *rkm = rd_kafka_consumer_poll(c->rk, timeout_ms);
    if (!rkm) {
        return NULL;
    }
    int32_t ti = rkm->rkt ? nf_consumer_topic_idx(c, rd_kafka_topic_name(rkm->rkt)) : -1;
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
        a->at_eof = false;
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

int nf_consumer_commit(nf_consumer *c)
{
    if (c->plan) {
        return replay_commit(c, false);
    }
    rd_kafka_resp_err_t err = rd_kafka_commit(c->rk, NULL, 0);
    if (err && err != RD_KAFKA_RESP_ERR__NO_OFFSET) {
        NF_WARN("commit failed: %s", rd_kafka_err2str(err));
        return -1;
    }
    return 0;
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

rd_kafka_t *nf_consumer_handle(nf_consumer *c)
{
    return c->rk;
}

/* ---- replay mode: assign, fixed ends, progress in its own group ---------------------------- */

/* How often replay progress is committed to the resume group, unless
 * consumer.kafka.auto.commit.interval.ms says otherwise: a killed replay redoes at most this
 * much (plus what was in flight). */
#define REPLAY_COMMIT_INTERVAL_MS "1000"

/* Mark \p a finished and stop fetching it: its fixed end is reached. */
static void replay_done(nf_consumer *c, assigned *a)
{
    if (a->at_eof) {
        return;
    }
    a->at_eof = true;
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(l, c->topics[a->topic_idx], a->partition);
    rd_kafka_pause_partitions(c->rk, l);
    rd_kafka_topic_partition_list_destroy(l);
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
    a->next = rkm->offset + 1;
    if (a->next >= a->end) {
        replay_done(c, a);
    }
    return rkm;
}

/* Commit every partition's acknowledged position with its fixed end in the metadata, so a
 * resumed replay finishes the same range. */
static int replay_commit(nf_consumer *c, bool async)
{
    if (!c->resume) {
        return 0;
    }
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new((int)c->n_asg);
    for (size_t i = 0; i < c->n_asg; i++) {
        char md[64];
        nf_replay_metadata_format(c->asg[i].end, md, sizeof md);
        rd_kafka_topic_partition_t *e =
            rd_kafka_topic_partition_list_add(l, c->topics[c->asg[i].topic_idx], c->asg[i].partition);
        e->offset = c->asg[i].stored;
        e->metadata = nf_xstrdup(md); /* freed with the list */
        e->metadata_size = strlen(md);
    }
    c->dirty = false;
    c->next_commit_ms = now_ms() + c->commit_every_ms;
    rd_kafka_resp_err_t err = rd_kafka_commit(c->rk, l, async ? 1 : 0);
    rd_kafka_topic_partition_list_destroy(l);
    if (err) {
        NF_WARN("cannot commit replay progress: %s", rd_kafka_err2str(err));
        c->dirty = true;
        return -1;
    }
    return 0;
}

/* Copies of the plan's topics, in request order (nf_consumer_topic_idx indexes them). */
static void replay_topics(nf_consumer *c, const nf_replay_request *req)
{
    c->n_topics = req->n_topics;
    c->topics = nf_xcalloc(c->n_topics, sizeof *c->topics);
    for (size_t i = 0; i < c->n_topics; i++) {
        c->topics[i] = nf_xstrdup(req->topics[i]);
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
            (assigned){ti, p->partition, p->start >= p->end, p->end, p->start, p->start};
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
    const char *store = nf_kafka_conf_get(cfg, "consumer", "enable.auto.offset.store", "false");
    if (strcmp(store, "false") != 0) {
        snprintf(errstr, errstr_size,
                 "consumer.kafka.enable.auto.offset.store must stay false: newsflow stores an "
                 "offset only after the broker acknowledged its output");
        return NULL;
    }
    char queue_kb[32]; /* as in nf_consumer_new() */
    snprintf(queue_kb, sizeof queue_kb, "%zu",
             req->fetch_queue_bytes ? (req->fetch_queue_bytes + 1023) / 1024 : (size_t)65536);
    const char *const defaults[] = {
        "bootstrap.servers", "localhost:9092", "auto.offset.reset", "earliest",
        "queued.max.messages.kbytes", queue_kb, "client.id", "newsflow-replay", NULL,
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
    rd_kafka_conf_set_error_cb(conf, nf_kafka_log_error);

    nf_consumer *c = nf_xcalloc(1, sizeof *c);
    c->commit_every_ms = strtoll(nf_kafka_conf_get(cfg, "consumer", "auto.commit.interval.ms",
                                                   REPLAY_COMMIT_INTERVAL_MS),
                                 NULL, 10);
    replay_topics(c, req);
    c->resume = resume_group != NULL && !dry_run;
    c->rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, rderr, sizeof rderr);
    if (!c->rk) {
        snprintf(errstr, errstr_size, "cannot create Kafka consumer: %s", rderr);
        rd_kafka_conf_destroy(conf);
        goto fail;
    }
    conf = NULL; /* now owned by rk */
    rd_kafka_poll_set_consumer(c->rk);
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
    if (c->resume && replay_commit(c, false) != 0) {
        snprintf(errstr, errstr_size, "cannot record the replay's range in group %s",
                 resume_group);
        goto fail;
    }
    return c;
fail:
    if (c->rk) {
        rd_kafka_destroy(c->rk);
    }
    for (size_t i = 0; i < c->n_topics; i++) {
        free(c->topics[i]);
    }
    free(c->topics);
    free(c->asg);
    nf_replay_plan_destroy(c->plan);
    free(c);
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

rd_kafka_topic_partition_list_t *nf_consumer_txn_offsets(nf_consumer *c)
{
    if (c->plan) {
        if (!c->resume) {
            return NULL;
        }
        rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new((int)c->n_asg);
        for (size_t i = 0; i < c->n_asg; i++) {
            char md[64];
            nf_replay_metadata_format(c->asg[i].end, md, sizeof md);
            rd_kafka_topic_partition_t *e = rd_kafka_topic_partition_list_add(
                l, c->topics[c->asg[i].topic_idx], c->asg[i].partition);
            e->offset = c->asg[i].next;
            e->metadata = nf_xstrdup(md); /* freed with the list */
            e->metadata_size = strlen(md);
        }
        return l;
    }
    rd_kafka_topic_partition_list_t *l = NULL;
    if (rd_kafka_assignment(c->rk, &l) || !l || l->cnt == 0) {
        if (l) {
            rd_kafka_topic_partition_list_destroy(l);
        }
        return NULL;
    }
    rd_kafka_position(c->rk, l); /* next offset to consume; negative = nothing consumed yet */
    return l;
}

void nf_consumer_txn_committed(nf_consumer *c)
{
    for (size_t i = 0; c->plan && i < c->n_asg; i++) {
        c->asg[i].stored = c->asg[i].next;
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
        for (int i = 0; i < l->cnt; i++) {
            if (l->elems[i].offset < 0) {
                /* No transaction committed an offset here, so none of its outputs is
                 * visible: starting over from the beginning duplicates nothing. */
                l->elems[i].offset = RD_KAFKA_OFFSET_BEGINNING;
            }
        }
        rd_kafka_error_t *error = rd_kafka_seek_partitions(c->rk, l, timeout_ms);
        if (error) {
            NF_ERROR("cannot rewind to the committed offsets: %s", rd_kafka_error_string(error));
            rd_kafka_error_destroy(error);
            rc = -1;
        }
    }
    for (size_t i = 0; i < c->n_asg; i++) {
        c->asg[i].at_eof = false;
    }
    rd_kafka_topic_partition_list_destroy(l);
    return rc;
}
