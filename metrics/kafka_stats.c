/* librdkafka's statistics JSON (statistics.interval.ms, stats_cb) -> per-partition gauges.
 *
 * Layout used (librdkafka STATISTICS.md): brokers.<name>.{nodeid,state};
 * topics.<topic>.partitions.<id>.{partition,desired,fetch_state,consumer_lag,committed_offset}.
 * Partition "-1" is librdkafka's internal unassigned partition; partitions this member does not
 * consume (not desired, fetch_state "none") are left out, so a scrape shows what this process
 * is responsible for. */
#include "common/buf.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

int nf_metrics_parse_kafka_stats(const char *json, size_t len, nf_buf *lag, nf_buf *committed,
                                 int *brokers_up, int64_t *total_lag);

static void escaped(nf_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\' || *s == '"') {
            nf_buf_putc(b, '\\');
        }
        if (*s == '\n') {
            nf_buf_puts(b, "\\n");
            continue;
        }
        nf_buf_putc(b, *s);
    }
}

static int count_brokers_up(json_t *brokers)
{
    int up = 0;
    const char *name;
    json_t *br;
    json_object_foreach(brokers, name, br) {
        /* Bootstrap entries (nodeid -1) and logical coordinator entries duplicate real ones. */
        json_t *id = json_object_get(br, "nodeid");
        const char *state = json_string_value(json_object_get(br, "state"));
        if (json_is_integer(id) && json_integer_value(id) >= 0 && state &&
            strcmp(state, "UP") == 0 && strstr(name, "GroupCoordinator") == NULL) {
            up++;
        }
    }
    return up;
}

static bool consumed_here(json_t *p)
{
    json_t *id = json_object_get(p, "partition");
    if (!json_is_integer(id) || json_integer_value(id) < 0) {
        return false;
    }
    const char *fs = json_string_value(json_object_get(p, "fetch_state"));
    return json_is_true(json_object_get(p, "desired")) || (fs && strcmp(fs, "none") != 0);
}

static void series(nf_buf *b, const char *name, const char *topic, json_int_t part, json_int_t v)
{
    nf_buf_printf(b, "%s{topic=\"", name);
    escaped(b, topic);
    nf_buf_printf(b, "\",partition=\"%lld\"} %lld\n", (long long)part, (long long)v);
}

/* \p lag and \p committed get the sample lines of one metric each (the text format wants each
 * metric's lines in one group). */
int nf_metrics_parse_kafka_stats(const char *json, size_t len, nf_buf *lag, nf_buf *committed,
                                 int *brokers_up, int64_t *total_lag)
{
    json_error_t jerr;
    json_t *root = json_loadb(json, len, 0, &jerr);
    if (!json_is_object(root)) {
        json_decref(root);
        return -1;
    }
    *brokers_up = count_brokers_up(json_object_get(root, "brokers"));
    *total_lag = -1;
    const char *topic;
    json_t *t;
    json_object_foreach(json_object_get(root, "topics"), topic, t) {
        const char *pid;
        json_t *p;
        json_object_foreach(json_object_get(t, "partitions"), pid, p) {
            if (!consumed_here(p)) {
                continue;
            }
            json_int_t part = json_integer_value(json_object_get(p, "partition"));
            json_t *l = json_object_get(p, "consumer_lag");
            /* -1 = not known yet (no committed offset or high watermark): no sample. */
            if (json_is_integer(l) && json_integer_value(l) >= 0) {
                series(lag, "newsflow_consumer_lag_messages", topic, part,
                       json_integer_value(l));
                *total_lag = (*total_lag < 0 ? 0 : *total_lag) + json_integer_value(l);
            }
            json_t *c = json_object_get(p, "committed_offset");
            if (json_is_integer(c) && json_integer_value(c) >= 0) {
                series(committed, "newsflow_committed_offset", topic, part,
                       json_integer_value(c));
            }
        }
    }
    json_decref(root);
    return 0;
}
