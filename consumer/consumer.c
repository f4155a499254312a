#include "consumer/consumer.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "config/kafka_conf.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    bool at_eof;            /* reached the end since its last message */
} assigned;

struct nf_consumer {
    rd_kafka_t *rk;
    char **topics;          /* copies of consumer.topics */
    size_t n_topics;
    nf_revoke_cb *on_revoke;
    void *opaque;
    assigned *asg;          /* current assignment */
    size_t n_asg, cap_asg;
    int64_t assignments;    /* assignment events so far */
    nf_kafka_stats_cb *on_stats;
    void *stats_opaque;
};

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
        c->asg[c->n_asg++] = (assigned){ti, parts->elems[i].partition, false};
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
        c->assignments++;
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

static int stats_cb(rd_kafka_t *rk, char *json, size_t len, void *opaque)
{
    (void)rk;
    nf_consumer *c = opaque;
    c->on_stats(c->stats_opaque, json, len);
    return 0; /* librdkafka frees json */
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
    char interval[32];
    snprintf(interval, sizeof interval, "%lld", (long long)opts->stats_interval_ms);
    const char *const defaults[] = {
        "bootstrap.servers", "localhost:9092",
        "group.id", opts->group_id,
        "auto.offset.reset", opts->auto_offset_reset,
        "partition.assignment.strategy", "cooperative-sticky",
        "enable.auto.commit", "true",
        "enable.partition.eof", "true",
        "client.id", "newsflow",
        /* Metrics: consumer lag per partition comes from the statistics. */
        opts->on_stats ? "statistics.interval.ms" : NULL, interval,
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
    if (opts->on_stats) {
        c->on_stats = opts->on_stats;
        c->stats_opaque = opts->stats_opaque;
        rd_kafka_conf_set_stats_cb(conf, stats_cb);
    }
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
    rd_kafka_commit(c->rk, NULL, 0);
    rd_kafka_consumer_close(c->rk);
    rd_kafka_destroy(c->rk);
    for (size_t i = 0; i < c->n_topics; i++) {
        free(c->topics[i]);
    }
    free(c->topics);
    free(c->asg);
    free(c);
}

rd_kafka_message_t *nf_consumer_poll(nf_consumer *c, int timeout_ms)
{
    rd_kafka_message_t *rkm = rd_kafka_consumer_poll(c->rk, timeout_ms);
    if (!rkm) {
        return NULL;
    }
    int32_t ti = rkm->rkt ? nf_consumer_topic_idx(c, rd_kafka_topic_name(rkm->rkt)) : -1;
    assigned *a = ti >= 0 ? find_asg(c, ti, rkm->partition) : NULL;
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
        return false;
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

int64_t nf_consumer_assignments(const nf_consumer *c)
{
    return c->assignments;
}

size_t nf_consumer_assigned_count(const nf_consumer *c)
{
    return c->n_asg;
}
