/* newsflow demo: the zero set-up path. An in-process Kafka (librdkafka's mock cluster), the
 * sample articles produced into it, the real consumer -> pipeline -> producer run over them,
 * then the enriched topic read back and printed for people. */
#include "app/app.h"
#include "common/utf8.h"
#include "common/xalloc.h"
#include "pipeline/pipeline.h"
#include "producer/producer.h"

#include <errno.h>
#include <jansson.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_PARTITIONS 3

static void demo_usage(FILE *out)
{
    fprintf(out,
            "usage: newsflow demo [-c FILE] [-X KEY=VALUE]... [--articles FILE.jsonl]\n"
            "\n"
            "Start an in-process Kafka cluster (librdkafka mock), produce the sample articles\n"
            "(data/samples/demo_articles.jsonl) and two broken messages into it, run the real\n"
            "consumer -> pipeline -> producer over them, then print every enriched record\n"
            "readably, the dead letters, and the counts. Needs no broker and ends by itself.\n");
}

/* Produce every line of \p path plus two poison messages; returns how many or -1. */
static int produce_samples(rd_kafka_t *rk, const char *topic, const char *path)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "newsflow demo: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int count = 0;
    while ((n = getline(&line, &cap, in)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
            n--;
        }
        if (n == 0) {
            continue;
        }
        json_t *j = json_loadb(line, (size_t)n, 0, NULL);
        const char *id = j ? json_string_value(json_object_get(j, "id")) : NULL;
        rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_VALUE(line, (size_t)n),
                          RD_KAFKA_V_KEY(id, id ? strlen(id) : 0),
                          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
        json_decref(j);
        count++;
    }
    free(line);
    fclose(in);
    /* Two broken messages, to show dead-lettering. */
    static const char broken_json[] = "{\"id\": \"broken-1\", \"title\": \"cut off";
    static const unsigned char binary[] = {0x00, 0xff, 0xfe, 0x13, 0x37, 0x00, 0x80};
    rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic),
                      RD_KAFKA_V_VALUE((void *)broken_json, sizeof broken_json - 1),
                      RD_KAFKA_V_KEY("broken-1", 8), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                      RD_KAFKA_V_END);
    rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_VALUE((void *)binary, sizeof binary),
                      RD_KAFKA_V_KEY("binary-1", 8), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                      RD_KAFKA_V_END);
    rd_kafka_flush(rk, 10000);
    return count + 2;
}

/* Byte offset of code point \p cp in \p s (its length if s is shorter). */
static size_t cp_to_byte(const char *s, size_t len, json_int_t cp)
{
    size_t i = 0;
    for (json_int_t k = 0; k < cp && i < len; k++) {
        nf_utf8_next(s, len, &i);
    }
    return i;
}

/* The text an annotation spans: its "text" (v1, or v2 with stage.encode.span_text), else the
 * slice of the record's text (or title) under its "span" (v2 default). Returns its length. */
static int span_text(json_t *rec, json_t *a, const char **out)
{
    const char *text = json_string_value(json_object_get(a, "text"));
    json_t *span = json_object_get(a, "span");
    if (text || !json_is_array(span)) {
        *out = text ? text : "?";
        return (int)strlen(*out);
    }
    const char *field = json_is_string(json_object_get(a, "field")) ? "title" : "text";
    const char *s = json_string_value(json_object_get(rec, field));
    size_t len = s ? strlen(s) : 0;
    size_t from = cp_to_byte(s, len, json_integer_value(json_array_get(span, 0)));
    size_t to = cp_to_byte(s, len, json_integer_value(json_array_get(span, 1)));
    *out = s ? s + from : "?";
    return s ? (int)(to - from) : 1;
}

static void print_ann(json_t *rec, const char *label, json_t *a, int *col)
{
    char item[512];
    const char *text;
    int tlen = span_text(rec, a, &text);
    int len = snprintf(item, sizeof item, "%s %.*s", label ? label : "?", tlen, text);
    len = len < (int)sizeof item ? len : (int)sizeof item - 1;
    json_t *v = json_object_get(a, "value");
    if (json_is_number(v)) {
        len += snprintf(item + len, sizeof item - (size_t)len, " = %.15g", json_number_value(v));
    } else if (json_is_string(v)) {
        len += snprintf(item + len, sizeof item - (size_t)len, " = %s", json_string_value(v));
    }
    static const char *const extras[] = {"currency", "unit", "country", "canonical", NULL};
    for (int k = 0; extras[k] && len < (int)sizeof item; k++) {
        const char *x = json_string_value(json_object_get(a, extras[k]));
        bool same = k == 3 && x && (int)strlen(x) == tlen && strncmp(x, text, (size_t)tlen) == 0;
        if (x && !same) {
            len += snprintf(item + len, sizeof item - (size_t)len, " %s%s", k == 3 ? "→ " : "", x);
        }
    }
    len = len < (int)sizeof item ? len : (int)sizeof item - 1;
    if (*col + len > 100) {
        printf("\n%12s", "");
        *col = 12;
    }
    printf("%s%s", *col > 12 ? " · " : "", item);
    *col += len + 3;
}

/* Schema v1: an array of annotations with "label"; v2: an object label -> annotations. */
static void print_anns(json_t *rec, const char *what)
{
    json_t *anns = json_object_get(rec, what);
    if (json_array_size(anns) == 0 && json_object_size(anns) == 0) {
        return;
    }
    printf("   %-9s", what);
    int col = 12;
    size_t i;
    json_t *a;
    if (json_is_array(anns)) {
        json_array_foreach(anns, i, a) {
            print_ann(rec, json_string_value(json_object_get(a, "label")), a, &col);
        }
    } else {
        const char *label;
        json_t *group;
        json_object_foreach(anns, label, group) {
            json_array_foreach(group, i, a) {
                print_ann(rec, label, a, &col);
            }
        }
    }
    printf("\n");
}

static void print_record(const rd_kafka_message_t *rkm)
{
    json_error_t jerr;
    json_t *rec = json_loadb(rkm->payload, rkm->len, 0, &jerr);
    if (!rec) {
        printf("!! partition %d offset %lld: not JSON: %s\n", rkm->partition,
               (long long)rkm->offset, jerr.text);
        return;
    }
    const char *title = json_string_value(json_object_get(rec, "title"));
    printf("── %s  [partition %d, offset %lld]\n   %s\n",
           json_string_value(json_object_get(rec, "id")), rkm->partition,
           (long long)rkm->offset, title ? title : "(no title)");
    json_t *dl = json_object_get(rec, "dateline");
    if (json_is_object(dl)) {
        static const char *const keys[] = {"place", "country", "date"};
        const char *v[3];
        for (int k = 0; k < 3; k++) {
            v[k] = json_string_value(json_object_get(dl, keys[k]));
            v[k] = v[k] ? v[k] : "-";
        }
        const char *text;
        int tlen = span_text(rec, dl, &text);
        printf("   dateline  %.*s  (place %s, country %s, date %s)\n", tlen, text, v[0], v[1],
               v[2]);
    }
    print_anns(rec, "entities");
    print_anns(rec, "numbers");
    json_decref(rec);
}

static void print_dead_letter(const rd_kafka_message_t *rkm)
{
    rd_kafka_headers_t *h = NULL;
    const void *stage = NULL, *msg = NULL;
    size_t stage_len = 0, msg_len = 0;
    if (rd_kafka_message_headers(rkm, &h) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        rd_kafka_header_get_last(h, "newsflow.error.stage", &stage, &stage_len);
        rd_kafka_header_get_last(h, "newsflow.error.message", &msg, &msg_len);
    }
    printf("✗  key %.*s: %zu original bytes kept; %.*s: %.*s\n", (int)rkm->key_len,
           (const char *)rkm->key, rkm->len, (int)stage_len, (const char *)stage, (int)msg_len,
           (const char *)msg);
}

/* Read a whole topic from the beginning (assign mode, no group) and hand each message on. */
static int read_topic(const char *bootstraps, const char *topic,
                      void (*each)(const rd_kafka_message_t *))
{
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstraps, errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "group.id", "newsflow-demo-reader", errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "enable.partition.eof", "true", errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "enable.auto.commit", "false", errstr, sizeof errstr);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        return -1;
    }
    rd_kafka_topic_partition_list_t *parts = rd_kafka_topic_partition_list_new(DEMO_PARTITIONS);
    for (int p = 0; p < DEMO_PARTITIONS; p++) {
        rd_kafka_topic_partition_list_add(parts, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    }
    rd_kafka_assign(rk, parts);
    rd_kafka_topic_partition_list_destroy(parts);
    int eofs = 0, count = 0, idle = 0;
    while (eofs < DEMO_PARTITIONS && idle < 50) {
        rd_kafka_message_t *rkm = rd_kafka_consumer_poll(rk, 100);
        if (!rkm) {
            idle++;
            continue;
        }
        idle = 0;
        if (rkm->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            eofs++;
        } else if (!rkm->err) {
            each(rkm);
            count++;
        }
        rd_kafka_message_destroy(rkm);
    }
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    return count;
}

int nf_cmd_demo(int argc, char **argv, char **envp)
{
    nf_cli_common cli;
    char **rest = nf_xcalloc((size_t)argc + 1, sizeof *rest);
    int n_rest = 0;
    int rc = NF_EXIT_USAGE;
    nf_config *cfg = NULL;
    rd_kafka_t *mock_rk = NULL;
    const char *articles = NULL;
    char errstr[512];
    nf_pipeline_opts popts;
    nf_producer_opts prod;
    memset(&popts, 0, sizeof popts);
    memset(&prod, 0, sizeof prod);
    if (nf_cli_parse_common(argc, argv, &cli, rest, &n_rest, "demo") != 0) {
        goto done;
    }
    for (int i = 0; i < n_rest; i++) {
        if (strcmp(rest[i], "-h") == 0 || strcmp(rest[i], "--help") == 0) {
            demo_usage(stdout);
            rc = NF_EXIT_OK;
            goto done;
        } else if (strcmp(rest[i], "--articles") == 0 && i + 1 < n_rest) {
            articles = rest[++i];
        } else {
            fprintf(stderr, "newsflow demo: unknown argument '%s'\n", rest[i]);
            demo_usage(stderr);
            goto done;
        }
    }
    cfg = nf_app_load_config(&cli, envp);
    if (!cfg) {
        goto done;
    }
    if (nf_opt_apply(nf_pipeline_options, "pipeline.", cfg, &popts, errstr, sizeof errstr) ||
        nf_opt_apply(nf_producer_options, "producer.", cfg, &prod, errstr, sizeof errstr)) {
        fprintf(stderr, "newsflow demo: configuration error: %s\n", errstr);
        goto done;
    }
    char samples[4096];
    if (!articles) {
        snprintf(samples, sizeof samples, "%s/samples/demo_articles.jsonl", popts.data_dir);
        articles = samples;
    }

    /* The in-process cluster lives as long as this handle. */
    rd_kafka_conf_t *mconf = rd_kafka_conf_new();
    rd_kafka_conf_set(mconf, "test.mock.num.brokers", "1", errstr, sizeof errstr);
    rd_kafka_conf_set(mconf, "log_level", "3", errstr, sizeof errstr);
    mock_rk = rd_kafka_new(RD_KAFKA_PRODUCER, mconf, errstr, sizeof errstr);
    if (!mock_rk) {
        fprintf(stderr, "newsflow demo: cannot start the mock cluster: %s\n", errstr);
        rd_kafka_conf_destroy(mconf);
        rc = NF_EXIT_RUNTIME;
        goto done;
    }
    rd_kafka_mock_cluster_t *mc = rd_kafka_handle_mock_cluster(mock_rk);
    const char *bootstraps = rd_kafka_mock_cluster_bootstraps(mc);
    const char *raw_topic = "news.raw";
    rd_kafka_mock_topic_create(mc, raw_topic, DEMO_PARTITIONS, 1);
    rd_kafka_mock_topic_create(mc, prod.topic, DEMO_PARTITIONS, 1);
    rd_kafka_mock_topic_create(mc, prod.dlq_topic, DEMO_PARTITIONS, 1);

    printf("newsflow demo: in-process Kafka at %s\n", bootstraps);
    int produced = produce_samples(mock_rk, raw_topic, articles);
    if (produced < 0) {
        rc = NF_EXIT_RUNTIME;
        goto done;
    }
    printf("produced %d messages to %s (%d articles + 2 broken)\n\n", produced, raw_topic,
           produced - 2);

    nf_config_set(cfg, "kafka.bootstrap.servers", bootstraps, NF_CFG_CLI, "demo");
    nf_config_set(cfg, "consumer.topics", raw_topic, NF_CFG_CLI, "demo");
    nf_config_set(cfg, "consumer.group_id", "newsflow-demo", NF_CFG_CLI, "demo");
    nf_config_set(cfg, "topics.create", "false", NF_CFG_CLI, "demo");
    nf_config_set(cfg, "run.stats_interval_ms", "0", NF_CFG_CLI, "demo");
    if (!nf_config_get(cfg, "metrics.listen")) {
        /* A zero set-up demo must not collide with a running newsflow on the default port. */
        nf_config_set(cfg, "metrics.listen", "", NF_CFG_CLI, "demo");
    }
    if (!nf_config_get(cfg, "run.log_level") && !nf_config_get(cfg, "log.level")) {
        nf_config_set(cfg, "log.level", "error", NF_CFG_CLI, "demo");
    }
    nf_run_control ctl = {.stop = NULL, .until_end = true};
    nf_run_stats stats;
    memset(&stats, 0, sizeof stats);
    rc = nf_run(cfg, &ctl, &stats);
    if (rc != NF_EXIT_OK) {
        fprintf(stderr, "newsflow demo: the run failed (exit %d)\n", rc);
        goto done;
    }
    printf("enriched records on %s:\n\n", prod.topic);
    int n_out = read_topic(bootstraps, prod.topic, print_record);
    printf("\ndead letters on %s:\n", prod.dlq_topic);
    int n_dlq = read_topic(bootstraps, prod.dlq_topic, print_dead_letter);
    printf("\nconsumed %llu, enriched %llu, dead-lettered %llu, failed %llu; read back %d enriched "
           "+ %d dead letters\n",
           (unsigned long long)stats.consumed, (unsigned long long)stats.enriched,
           (unsigned long long)stats.dead_lettered, (unsigned long long)stats.failed, n_out,
           n_dlq);
    if ((uint64_t)(n_out + n_dlq) != stats.consumed) {
        fprintf(stderr, "newsflow demo: read back %d records for %llu inputs\n", n_out + n_dlq,
                (unsigned long long)stats.consumed);
        rc = NF_EXIT_RUNTIME;
    }
done:
    if (mock_rk) {
        rd_kafka_destroy(mock_rk);
    }
    nf_opt_release(nf_pipeline_options, &popts);
    nf_opt_release(nf_producer_options, &prod);
    nf_config_destroy(cfg);
    free(cli.overrides);
    free(rest);
    return rc;
}
