/* metrics/: counters and histograms as exposed, librdkafka statistics, health and readiness,
 * metrics.listen checking, the HTTP endpoint itself, and `promtool check metrics` on the
 * output. */
#include "common/buf.h"
#include "common/err.h"
#include "metrics/metrics.h"

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *const stages[] = {"decode", "normalize", "encode"};

static nf_metrics *new_metrics(int64_t health_timeout_ms)
{
    nf_metrics_build b = {"9.9.9", "sha256:cfg", "sha256:data", stages, 3};
    return nf_metrics_new(&b, health_timeout_ms);
}

static char *render(nf_metrics *m)
{
    nf_buf b;
    nf_buf_init(&b);
    nf_metrics_render(m, &b);
    return b.data;
}

/* The value of the sample line that starts with \p series + ' ' (exact), or -1. */
static double sample(const char *text, const char *series)
{
    size_t n = strlen(series);
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, series, n) == 0 && p[n] == ' ') {
            return strtod(p + n + 1, NULL);
        }
    }
    return -1;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void feed_stats(nf_metrics *m)
{
    size_t len;
    char *json = read_file(NF_TEST_DATA_DIR "/metrics/consumer_stats.json", &len);
    nf_metrics_kafka_stats(m, json, len);
    free(json);
}

Test(metrics, counters_follow_the_data_path)
{
    nf_metrics *m = new_metrics(60000);
    for (int i = 0; i < 5; i++) {
        nf_metrics_consumed(m, 100);
    }
    nf_metrics_produced(m, false);
    nf_metrics_produced(m, false);
    nf_metrics_produced(m, true);
    nf_metrics_produced(m, true);
    nf_metrics_acked(m, false, NF_OK, 100, 0);
    nf_metrics_acked(m, false, NF_OK, 100, 0);
    nf_metrics_acked(m, true, NF_EBADJSON, 100, 0);
    nf_metrics_acked(m, true, NF_ETOOBIG, 100, 0);
    nf_metrics_delivery_failed(m, 100);
    char *t = render(m);
    cr_expect_eq(sample(t, "newsflow_messages_consumed_total"), 5);
    cr_expect_eq(sample(t, "newsflow_consumed_bytes_total"), 500);
    cr_expect_eq(sample(t, "newsflow_records_enriched_total"), 2);
    cr_expect_eq(sample(t, "newsflow_records_dead_lettered_total{code=\"bad_json\"}"), 1);
    cr_expect_eq(sample(t, "newsflow_records_dead_lettered_total{code=\"too_big\"}"), 1);
    cr_expect_eq(sample(t, "newsflow_records_dead_lettered_total{code=\"empty\"}"), -1,
                 "codes that never happened have no series");
    cr_expect_eq(sample(t, "newsflow_records_produced_total{output=\"enriched\"}"), 2);
    cr_expect_eq(sample(t, "newsflow_records_produced_total{output=\"dead_letter\"}"), 2);
    cr_expect_eq(sample(t, "newsflow_records_acknowledged_total{output=\"dead_letter\"}"), 2);
    cr_expect_eq(sample(t, "newsflow_delivery_failures_total"), 1);
    /* 5 in, 4 acknowledged, 1 failed: nothing in flight */
    cr_expect_eq(sample(t, "newsflow_inflight_bytes"), 0);
    cr_expect(strstr(t, "newsflow_build_info{version=\"9.9.9\",config_digest=\"sha256:cfg\","
                        "data_digest=\"sha256:data\"} 1\n") != NULL);
    nf_metrics_counts c;
    nf_metrics_counts_get(m, &c);
    cr_expect_eq(c.consumed, 5);
    cr_expect_eq(c.enriched, 2);
    cr_expect_eq(c.dead_lettered, 2);
    free(t);
    nf_metrics_destroy(m);
}

/* Exactly-once: an aborted transaction purges unsent outputs; their inputs are consumed (and
 * counted) again, so the purged ones must not stay in flight for ever. */
Test(metrics, outputs_purged_by_an_abort_leave_the_inflight_bytes)
{
    nf_metrics *m = new_metrics(60000);
    nf_metrics_consumed(m, 100);
    nf_metrics_consumed(m, 50);
    nf_metrics_acked(m, false, NF_OK, 100, 0);
    nf_metrics_discarded(m, 50);  /* purged by the abort */
    nf_metrics_consumed(m, 50);   /* read again after the rewind */
    char *t = render(m);
    cr_expect_eq(sample(t, "newsflow_inflight_bytes"), 50);
    cr_expect_eq(sample(t, "newsflow_delivery_failures_total"), 0, "a purge is no failure");
    free(t);
    nf_metrics_acked(m, false, NF_OK, 50, 0);
    t = render(m);
    cr_expect_eq(sample(t, "newsflow_inflight_bytes"), 0);
    free(t);
    nf_metrics_destroy(m);
}

/* A fatal producer error that is not fencing recreates the producer: operators see a counter
 * (starting at 0, so an alert on increase() works from the first scrape). */
Test(metrics, producer_recreated_is_a_counter_from_zero)
{
    nf_metrics *m = new_metrics(60000);
    char *t = render(m);
    cr_expect_eq(sample(t, "newsflow_producer_recreated_total"), 0);
    cr_expect(strstr(t, "# TYPE newsflow_producer_recreated_total counter\n") != NULL);
    free(t);
    nf_metrics_producer_recreated(m);
    nf_metrics_producer_recreated(m);
    t = render(m);
    cr_expect_eq(sample(t, "newsflow_producer_recreated_total"), 2);
    free(t);
    nf_metrics_destroy(m);
}

Test(metrics, stage_histogram_is_cumulative_with_its_stage_label)
{
    nf_metrics *m = new_metrics(60000);
    nf_metrics_observe_stage(m, 0, 3000);        /* 3 us  -> le 5e-06 */
    nf_metrics_observe_stage(m, 0, 2000000);     /* 2 ms  -> le 0.0025 */
    nf_metrics_observe_stage(m, 0, 5000000000u); /* 5 s   -> +Inf only */
    nf_metrics_observe_stage(m, 2, 40000);       /* encode: 40 us */
    nf_metrics_observe_stage(m, 7, 1000);        /* no such stage: ignored */
    char *t = render(m);
    cr_expect_eq(sample(t, "newsflow_stage_duration_seconds_bucket{stage=\"decode\",le=\"5e-06\"}"), 1);
    cr_expect_eq(sample(t, "newsflow_stage_duration_seconds_bucket{stage=\"decode\",le=\"0.001\"}"), 1);
    cr_expect_eq(sample(t, "newsflow_stage_duration_seconds_bucket{stage=\"decode\",le=\"0.0025\"}"), 2);
    cr_expect_eq(sample(t, "newsflow_stage_duration_seconds_bucket{stage=\"decode\",le=\"1\"}"), 2);
    cr_expect_eq(sample(t, "newsflow_stage_duration_seconds_bucket{stage=\"decode\",le=\"+Inf\"}"), 3);
    cr_expect_eq(sample(t, "newsflow_stage_duration_seconds_count{stage=\"decode\"}"), 3);
    double sum = sample(t, "newsflow_stage_duration_seconds_sum{stage=\"decode\"}");
    cr_expect(sum > 5.00199 && sum < 5.00201, "sum %f", sum);
    cr_expect_eq(sample(t, "newsflow_stage_duration_seconds_count{stage=\"normalize\"}"), 0);
    cr_expect_eq(sample(t, "newsflow_stage_duration_seconds_count{stage=\"encode\"}"), 1);
    free(t);
    nf_metrics_destroy(m);
}

Test(metrics, end_to_end_latency_is_ack_time_minus_input_timestamp)
{
    nf_metrics *m = new_metrics(60000);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    nf_metrics_acked(m, false, NF_OK, 10, now_ms - 7000);  /* 7 s ago */
    nf_metrics_acked(m, false, NF_OK, 10, 0);              /* no timestamp: not observed */
    char *t = render(m);
    cr_expect_eq(sample(t, "newsflow_end_to_end_latency_seconds_count"), 1);
    cr_expect_eq(sample(t, "newsflow_end_to_end_latency_seconds_bucket{le=\"5\"}"), 0);
    cr_expect_eq(sample(t, "newsflow_end_to_end_latency_seconds_bucket{le=\"10\"}"), 1);
    double sum = sample(t, "newsflow_end_to_end_latency_seconds_sum");
    cr_expect(sum >= 7.0 && sum < 8.0, "sum %f", sum);
    free(t);
    nf_metrics_destroy(m);
}

Test(metrics, consumer_lag_and_committed_offsets_come_from_librdkafka_statistics)
{
    nf_metrics *m = new_metrics(60000);
    char *t = render(m);
    cr_expect(strstr(t, "newsflow_consumer_lag_messages{") == NULL, "no samples before stats");
    cr_expect_eq(sample(t, "newsflow_brokers_up"), -1);
    free(t);
    feed_stats(m);
    t = render(m);
    cr_expect_eq(sample(t, "newsflow_consumer_lag_messages{topic=\"news.raw\",partition=\"0\"}"), 40);
    cr_expect_eq(sample(t, "newsflow_consumer_lag_messages{topic=\"news.raw\",partition=\"1\"}"), 0);
    cr_expect_eq(sample(t, "newsflow_committed_offset{topic=\"news.raw\",partition=\"0\"}"), 90);
    cr_expect_eq(sample(t, "newsflow_committed_offset{topic=\"news.raw\",partition=\"1\"}"), 7);
    cr_expect(strstr(t, "partition=\"2\"") == NULL, "a partition not assigned here is left out");
    cr_expect(strstr(t, "partition=\"3\"") == NULL, "unknown lag (-1) has no sample");
    cr_expect(strstr(t, "partition=\"-1\"") == NULL);
    cr_expect_eq(sample(t, "newsflow_brokers_up"), 1, "bootstrap/coordinator entries and the "
                                                     "broker that is down do not count");
    free(t);
    /* Malformed statistics keep the last good values. */
    nf_metrics_kafka_stats(m, "{\"topics\":", 10);
    t = render(m);
    cr_expect_eq(sample(t, "newsflow_consumer_lag_messages{topic=\"news.raw\",partition=\"0\"}"), 40);
    free(t);
    char line[200];
    nf_metrics_status(m, line, sizeof line);
    cr_expect(strstr(line, "lag 40") != NULL, "status line: %s", line);
    nf_metrics_destroy(m);
}

Test(metrics, readiness_needs_assigned_partitions_and_a_broker)
{
    nf_metrics *m = new_metrics(60000);
    char reason[200];
    cr_expect_eq(nf_metrics_ready(m, reason, sizeof reason), -1);
    cr_expect_str_eq(reason, "no partitions assigned yet");
    nf_metrics_loop s = {.assigned_partitions = 3, .rebalances = 1};
    nf_metrics_loop_tick(m, &s);
    cr_expect_eq(nf_metrics_ready(m, reason, sizeof reason), 0, "%s", reason);
    /* statistics saying no broker is up */
    const char *down = "{\"brokers\":{\"b/1\":{\"nodeid\":1,\"state\":\"DOWN\"}},\"topics\":{}}";
    nf_metrics_kafka_stats(m, down, strlen(down));
    cr_expect_eq(nf_metrics_ready(m, reason, sizeof reason), -1);
    cr_expect(strstr(reason, "no broker") != NULL, "%s", reason);
    feed_stats(m);
    cr_expect_eq(nf_metrics_ready(m, reason, sizeof reason), 0, "%s", reason);
    nf_metrics_set_stopping(m);
    cr_expect_eq(nf_metrics_ready(m, reason, sizeof reason), -1);
    cr_expect_str_eq(reason, "stopping");
    char *t = render(m);
    cr_expect_eq(sample(t, "newsflow_ready"), 0);
    cr_expect_eq(sample(t, "newsflow_assigned_partitions"), 3);
    cr_expect_eq(sample(t, "newsflow_rebalances_total"), 1);
    free(t);
    nf_metrics_destroy(m);
}

Test(metrics, health_fails_when_the_loop_stops_polling)
{
    nf_metrics *m = new_metrics(2000);
    char reason[200];
    cr_expect_eq(nf_metrics_health(m, reason, sizeof reason), 0, "starting: %s", reason);
    nf_metrics_loop s = {0};
    nf_metrics_loop_tick(m, &s);
    cr_expect_eq(nf_metrics_health(m, reason, sizeof reason), 0, "%s", reason);
    struct timespec pause = {2, 300000000};
    nanosleep(&pause, NULL);
    cr_expect_eq(nf_metrics_health(m, reason, sizeof reason), -1);
    cr_expect(strstr(reason, "last polled Kafka") != NULL, "%s", reason);
    nf_metrics_loop_tick(m, &s);
    cr_expect_eq(nf_metrics_health(m, reason, sizeof reason), 0, "%s", reason);
    nf_metrics_destroy(m);
}

/* ---- metrics.listen -------------------------------------------------------------------- */

static int check_listen(const char *v, char *err, size_t n)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "metrics.listen", v, NF_CFG_CLI, NULL);
    int rc = nf_metrics_check_config(cfg, err, n);
    nf_config_destroy(cfg);
    return rc;
}

Test(metrics_listen, good_values)
{
    static const char *const good[] = {"127.0.0.1:9464", "0.0.0.0:1", "localhost:0",
                                       "[::1]:9464", "", NULL};
    char err[512];
    for (int i = 0; good[i]; i++) {
        cr_expect_eq(check_listen(good[i], err, sizeof err), 0, "%s: %s", good[i], err);
    }
}

Test(metrics_listen, bad_values_name_the_key_and_what_is_allowed)
{
    static const char *const bad[] = {"9464", ":9464", "127.0.0.1:", "127.0.0.1:65536",
                                      "127.0.0.1:http", "example.org:9464", "::1:9464",
                                      "[::1:9464", "127.0.0.1:-1", "[127.0.0.1]:80", NULL};
    char err[512];
    for (int i = 0; bad[i]; i++) {
        cr_expect_eq(check_listen(bad[i], err, sizeof err), -1, "%s was accepted", bad[i]);
        cr_expect(strstr(err, "metrics.listen") != NULL, "%s", err);
    }
}

/* ---- the endpoint -------------------------------------------------------------------- */

/* GET \p path over a plain socket; returns the whole response (malloc'd). */
static char *http_get(int port, const char *path, const char *method)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0, "connect to port %d", port);
    char req[256];
    int n = snprintf(req, sizeof req, "%s %s HTTP/1.0\r\nHost: x\r\n\r\n", method, path);
    cr_assert_eq(write(fd, req, (size_t)n), n);
    nf_buf b;
    nf_buf_init(&b);
    char buf[4096];
    ssize_t got;
    while ((got = read(fd, buf, sizeof buf)) > 0) {
        nf_buf_append(&b, buf, (size_t)got);
    }
    close(fd);
    return b.data ? b.data : strdup("");
}

Test(metrics_http, serves_metrics_health_and_readiness)
{
    nf_metrics *m = new_metrics(60000);
    char err[512];
    nf_metrics_server *s = nf_metrics_server_start(m, "127.0.0.1:0", err, sizeof err);
    cr_assert_not_null(s, "%s", err);
    int port = nf_metrics_server_port(s);
    cr_assert_gt(port, 0);

    char *r = http_get(port, "/readyz", "GET");
    cr_expect(strncmp(r, "HTTP/1.0 503", 12) == 0 || strncmp(r, "HTTP/1.1 503", 12) == 0, "%s", r);
    cr_expect(strstr(r, "\r\n\r\nno partitions assigned yet\n") != NULL, "%s", r);
    free(r);
    nf_metrics_loop s1 = {.assigned_partitions = 2};
    nf_metrics_loop_tick(m, &s1);
    r = http_get(port, "/readyz", "GET");
    cr_expect(strstr(r, " 200 ") != NULL, "%s", r);
    free(r);
    r = http_get(port, "/healthz", "GET");
    cr_expect(strstr(r, " 200 ") != NULL && strstr(r, "ok: the loop polled") != NULL, "%s", r);
    free(r);

    nf_metrics_consumed(m, 42);
    r = http_get(port, "/metrics", "GET");
    cr_expect(strstr(r, " 200 ") != NULL, "%s", r);
    cr_expect(strstr(r, "text/plain; version=0.0.4") != NULL, "content type: %s", r);
    cr_expect(strstr(r, "\nnewsflow_messages_consumed_total 1\n") != NULL, "%s", r);
    free(r);
    r = http_get(port, "/nothing", "GET");
    cr_expect(strstr(r, " 404 ") != NULL, "%s", r);
    free(r);
    r = http_get(port, "/metrics", "POST");
    cr_expect(strstr(r, " 405 ") != NULL, "%s", r);
    free(r);
    nf_metrics_server_stop(s);
    nf_metrics_destroy(m);
}

Test(metrics_http, a_busy_address_fails_with_the_reason)
{
    nf_metrics *m = new_metrics(60000);
    char err[512];
    nf_metrics_server *s = nf_metrics_server_start(m, "127.0.0.1:0", err, sizeof err);
    cr_assert_not_null(s, "%s", err);
    char addr[64];
    snprintf(addr, sizeof addr, "127.0.0.1:%d", nf_metrics_server_port(s));
    nf_metrics_server *again = nf_metrics_server_start(m, addr, err, sizeof err);
    cr_expect_null(again);
    cr_expect(strstr(err, "metrics.listen") != NULL && strstr(err, "in use") != NULL, "%s", err);
    nf_metrics_server_stop(s);
    nf_metrics_destroy(m);
}

/* ---- the exposition format --------------------------------------------------------------- */

Test(metrics_format, promtool_accepts_the_output)
{
    nf_metrics *m = new_metrics(60000);
    nf_metrics_consumed(m, 10);
    nf_metrics_produced(m, true);
    nf_metrics_acked(m, true, NF_EBADJSON, 10, 1);
    nf_metrics_observe_stage(m, 1, 12345);
    feed_stats(m);
    char *t = render(m);
    char path[] = "/tmp/nf-metrics-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, t, strlen(t)), (ssize_t)strlen(t));
    close(fd);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "promtool check metrics < %s 2>&1", path);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    char out[4096] = "";
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    int status = pclose(p);
    unlink(path);
    cr_expect_eq(status, 0,
                 "promtool check metrics failed (exit %d; is the Debian package prometheus "
                 "installed? scripts/install-deps.sh installs it):\n%s\n---\n%s",
                 status, out, t);
    free(t);
    nf_metrics_destroy(m);
}
