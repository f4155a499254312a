/* The metrics endpoint of a real `newsflow run` on the real broker: /readyz is 503 before the
 * group assigned partitions and 200 after; /metrics is scraped while the articles are
 * processed and after, and its counters equal what went in, what came out enriched and what
 * was dead-lettered (by code); committed offsets and lag come from librdkafka's statistics;
 * `promtool check metrics` accepts the scrape. Also: a bad or busy metrics.listen is a
 * configuration error (exit 2). */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <inttypes.h>
#include <jansson.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define N_GOOD 1500
#define N_BAD_JSON 6
#define N_EMPTY 4
#define N_PARTS 3

/* The response to GET \p path (status line, headers, body), malloc'd; NULL when nothing
 * answers. */
static char *http_get(int port, const char *path)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return NULL;
    }
    char req[256];
    int n = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", path);
    cr_assert_eq(write(fd, req, (size_t)n), n);
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    ssize_t got;
    while ((got = read(fd, buf + len, cap - len - 1)) > 0) {
        len += (size_t)got;
        if (cap - len < 4096) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    buf[len] = '\0';
    close(fd);
    return buf;
}

static int status_of(const char *resp)
{
    return resp && strncmp(resp, "HTTP/1.", 7) == 0 ? atoi(resp + 9) : -1;
}

static const char *body_of(const char *resp)
{
    const char *b = strstr(resp, "\r\n\r\n");
    return b ? b + 4 : "";
}

/* Sum of every sample of \p name (any labels, or none); -1 when there is none. */
static double metric_sum(const char *text, const char *name)
{
    size_t n = strlen(name);
    double sum = -1;
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, name, n) == 0 && (p[n] == ' ' || p[n] == '{')) {
            const char *v = strchr(p + n, ' ');
            if (p[n] == '{') {
                v = strchr(strchr(p, '}'), ' ');
            }
            sum = (sum < 0 ? 0 : sum) + strtod(v + 1, NULL);
        }
    }
    return sum;
}

/* The port newsflow logged ("metrics on http://... (port N)"), waiting up to 60 s. */
static int wait_for_port(nf_it_proc *p)
{
    int64_t deadline = nf_it_now_ms() + 60000;
    while (nf_it_now_ms() < deadline && nf_it_running(p)) {
        char *err = nf_it_slurp(p->err_path, NULL);
        const char *at = err ? strstr(err, "metrics on http://") : NULL;
        const char *port = at ? strstr(at, "(port ") : NULL;
        if (port) {
            int v = atoi(port + 6);
            free(err);
            return v;
        }
        free(err);
        nf_it_sleep_ms(50);
    }
    nf_it_print_tail(p->name, p->err_path, 40);
    cr_assert_fail("newsflow did not log its metrics port");
    return -1;
}

static char *scrape(int port)
{
    char *r = http_get(port, "/metrics");
    cr_assert_not_null(r, "nothing answers on port %d", port);
    cr_assert_eq(status_of(r), 200, "%s", r);
    char *body = strdup(body_of(r));
    free(r);
    return body;
}

static void promtool_check(const char *text)
{
    char path[] = "/tmp/nf-it-metrics-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "promtool check metrics < %s 2>&1", path);
    FILE *p = popen(cmd, "r");
    char out[4096] = "";
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    int status = pclose(p);
    unlink(path);
    cr_assert_eq(status, 0, "promtool check metrics (Debian package prometheus) failed:\n%s", out);
}

/* The run logged in JSON: every stderr line is an object; each dead letter has its code and
 * offset as fields; the final counts are fields too. */
static void check_json_log(const char *path, long total)
{
    char *err = nf_it_slurp(path, NULL);
    cr_assert_not_null(err);
    int bad_json = 0, empty = 0, done = 0;
    for (char *line = strtok(err, "\n"); line; line = strtok(NULL, "\n")) {
        json_error_t jerr;
        json_t *o = json_loads(line, 0, &jerr);
        cr_assert_not_null(o, "not a JSON log line (%s): %s", jerr.text, line);
        json_t *f = json_object_get(o, "fields");
        const char *code = json_string_value(json_object_get(f, "code"));
        if (code) {
            cr_assert(json_is_integer(json_object_get(f, "offset")), "%s", line);
            bad_json += strcmp(code, "bad_json") == 0;
            empty += strcmp(code, "empty") == 0;
        }
        json_t *consumed = json_object_get(f, "consumed");
        if (consumed && strncmp(json_string_value(json_object_get(o, "message")), "done", 4) == 0) {
            cr_assert_eq(json_integer_value(consumed), total, "%s", line);
            cr_assert_eq(json_integer_value(json_object_get(f, "in_flight")), 0, "%s", line);
            done++;
        }
        json_decref(o);
    }
    cr_assert_eq(bad_json, N_BAD_JSON);
    cr_assert_eq(empty, N_EMPTY);
    cr_assert_eq(done, 1, "the final counts line");
    free(err);
}

static void produce_poison(const char *topic)
{
    rd_kafka_t *rk = nf_it_producer_new();
    for (int i = 0; i < N_BAD_JSON; i++) {
        char key[32];
        snprintf(key, sizeof key, "bad-json-%d", i);
        nf_it_produce(rk, topic, RD_KAFKA_PARTITION_UA, key, strlen(key), "{\"body\": oops", 13,
                      NULL);
    }
    for (int i = 0; i < N_EMPTY; i++) {
        char key[32];
        snprintf(key, sizeof key, "empty-%d", i);
        nf_it_produce(rk, topic, RD_KAFKA_PARTITION_UA, key, strlen(key), "", 0, NULL);
    }
    nf_it_producer_close(rk);
}

Test(metrics, counters_equal_what_was_consumed_enriched_and_dead_lettered, .timeout = 280)
{
    nf_it_require_broker();
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_names nm;
    nf_it_names_init(&nm, "metrics");
    nf_it_create_topic(nm.out, 1);
    nf_it_create_topic(nm.dlq, 1);

    /* The input topic does not exist yet: the group can assign nothing, so readiness is
     * certainly 503 until the test creates it. */
    nf_it_argv args = {0};
    nf_it_run_argv(&args, &nm, false);
    static const char *const extra[] = {
        "topics.create=false", "metrics.stats_interval_ms=500",
        "consumer.kafka.topic.metadata.refresh.interval.ms=500",
        "run.commit_interval_ms=500", "run.workers=2", "log.format=json",
        "run.stats_interval_ms=0", NULL};
    for (size_t i = 0; extra[i]; i++) {
        nf_it_argv_add(&args, "-X");
        nf_it_argv_add(&args, "%s", extra[i]);
    }
    nf_it_proc proc;
    nf_it_spawn(&proc, &tmp, "run", &args, NULL, NULL);
    int port = wait_for_port(&proc);

    for (int i = 0; i < 5; i++) {
        char *r = http_get(port, "/readyz");
        cr_assert_eq(status_of(r), 503, "readyz before any assignment: %s", r ? r : "(none)");
        cr_assert_str_eq(body_of(r), "no partitions assigned yet\n");
        free(r);
        nf_it_sleep_ms(100);
    }
    char *h = http_get(port, "/healthz");
    cr_assert_eq(status_of(h), 200, "%s", h);
    free(h);

    nf_it_create_topic(nm.in, N_PARTS);
    int ready = -1;
    for (int64_t deadline = nf_it_now_ms() + 60000; nf_it_now_ms() < deadline;) {
        char *r = http_get(port, "/readyz");
        ready = status_of(r);
        free(r);
        if (ready == 200) {
            break;
        }
        nf_it_sleep_ms(100);
    }
    cr_assert_eq(ready, 200, "readyz after the input topic appeared and was assigned");

    nf_it_produce_articles(nm.in, 0, N_GOOD);
    produce_poison(nm.in);
    const long total = N_GOOD + N_BAD_JSON + N_EMPTY;

    /* During: every scrape is consistent (nothing acknowledged that was not consumed),
     * counters never go down; after: everything is accounted for. */
    double last_consumed = 0, enriched = 0, dead = 0;
    int scrapes = 0, partial = 0;
    char *text = NULL;
    for (int64_t deadline = nf_it_now_ms() + 180000; nf_it_now_ms() < deadline;) {
        free(text);
        text = scrape(port);
        scrapes++;
        double consumed = metric_sum(text, "newsflow_messages_consumed_total");
        enriched = metric_sum(text, "newsflow_records_enriched_total");
        dead = metric_sum(text, "newsflow_records_dead_lettered_total");
        dead = dead < 0 ? 0 : dead;
        cr_assert_geq(consumed, last_consumed, "a counter went down");
        cr_assert_geq(consumed, enriched + dead, "more acknowledged than consumed");
        last_consumed = consumed;
        if (enriched + dead >= total) {
            break;
        }
        if (consumed > 0) {
            partial++;
        }
        nf_it_sleep_ms(20);
    }
    cr_assert_eq(enriched + dead, total, "after %d scrapes: enriched %.0f + dead-lettered %.0f",
                 scrapes, enriched, dead);
    cr_log_info("%d scrapes, %d of them while processing", scrapes, partial);

    /* After: counters equal what the topics hold. */
    cr_assert_eq(metric_sum(text, "newsflow_messages_consumed_total"), total);
    cr_assert_eq(enriched, N_GOOD);
    cr_assert_eq(enriched, (double)nf_it_topic_count(nm.out));
    cr_assert_eq(dead, N_BAD_JSON + N_EMPTY);
    cr_assert_eq(dead, (double)nf_it_topic_count(nm.dlq));
    cr_assert_eq(metric_sum(text, "newsflow_records_dead_lettered_total{code=\"bad_json\"}"),
                 N_BAD_JSON);
    cr_assert_eq(metric_sum(text, "newsflow_records_dead_lettered_total{code=\"empty\"}"),
                 N_EMPTY);
    cr_assert_eq(metric_sum(text, "newsflow_records_produced_total"), total);
    cr_assert_eq(metric_sum(text, "newsflow_records_acknowledged_total"), total);
    cr_assert_eq(metric_sum(text, "newsflow_delivery_failures_total"), 0);
    cr_assert_eq(metric_sum(text, "newsflow_stage_duration_seconds_count{stage=\"decode\"}"),
                 total);
    cr_assert_eq(metric_sum(text, "newsflow_stage_duration_seconds_count{stage=\"encode\"}"),
                 N_GOOD);
    cr_assert_eq(metric_sum(text, "newsflow_end_to_end_latency_seconds_count"), total);
    cr_assert_eq(metric_sum(text, "newsflow_assigned_partitions"), N_PARTS);
    cr_assert_geq(metric_sum(text, "newsflow_rebalances_total"), 1);
    cr_assert_eq(metric_sum(text, "newsflow_brokers_up"), 1);
    cr_assert(strstr(text, "newsflow_build_info{version=\"") != NULL);
    promtool_check(text);

    /* Committed offsets and lag (statistics every 500 ms, commits every 500 ms) settle at
     * "everything committed, nothing behind". */
    double committed = -1, lag = -1;
    for (int64_t deadline = nf_it_now_ms() + 60000; nf_it_now_ms() < deadline;) {
        free(text);
        text = scrape(port);
        committed = metric_sum(text, "newsflow_committed_offset");
        lag = metric_sum(text, "newsflow_consumer_lag_messages");
        if (committed == total && lag == 0 &&
            metric_sum(text, "newsflow_inflight_messages") == 0) {
            break;
        }
        nf_it_sleep_ms(200);
    }
    cr_assert_eq(committed, total, "sum of committed offsets over the partitions");
    cr_assert_eq(lag, 0, "consumer lag after everything was processed");
    cr_assert_eq(metric_sum(text, "newsflow_inflight_bytes"), 0);
    promtool_check(text);
    free(text);

    nf_it_signal(&proc, SIGTERM);
    nf_it_expect_exit(&proc, 0, 60000);
    check_json_log(proc.err_path, total);
    nf_it_argv_free(&args);
    nf_it_names_cleanup(&nm);
    nf_it_tmp_remove(&tmp);
}

/* Exactly-once (transactions; the runner's other delivery path): the same counters count.
 * Outputs are read back by count only: a transactional topic's offsets include markers. */
Test(metrics, counters_count_in_exactly_once_mode, .timeout = 280)
{
    nf_it_require_broker();
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_names nm;
    nf_it_names_init(&nm, "metrics-eos");
    nf_it_create_topic(nm.in, N_PARTS);
    nf_it_produce_articles(nm.in, 0, N_GOOD);
    produce_poison(nm.in);
    const long total = N_GOOD + N_BAD_JSON + N_EMPTY;

    nf_it_argv args = {0};
    nf_it_run_argv(&args, &nm, false);
    static const char *const extra[] = {"producer.delivery=exactly-once", "run.txn_max_ms=300",
                                        "metrics.stats_interval_ms=500", "run.workers=2",
                                        "run.stats_interval_ms=0", NULL};
    for (size_t i = 0; extra[i]; i++) {
        nf_it_argv_add(&args, "-X");
        nf_it_argv_add(&args, "%s", extra[i]);
    }
    char instance[64];
    nf_it_unique(instance, sizeof instance, "eos");
    nf_it_argv_add(&args, "-X");
    nf_it_argv_add(&args, "run.instance_id=%s", instance);
    nf_it_proc proc;
    nf_it_spawn(&proc, &tmp, "run-eos", &args, NULL, NULL);
    int port = wait_for_port(&proc);

    char *text = NULL;
    double enriched = 0, dead = 0, inflight = -1;
    for (int64_t deadline = nf_it_now_ms() + 180000; nf_it_now_ms() < deadline;) {
        free(text);
        text = scrape(port);
        enriched = metric_sum(text, "newsflow_records_enriched_total");
        dead = metric_sum(text, "newsflow_records_dead_lettered_total");
        dead = dead < 0 ? 0 : dead;
        inflight = metric_sum(text, "newsflow_inflight_messages");
        if (enriched + dead >= total && inflight == 0) {
            break;
        }
        nf_it_sleep_ms(100);
    }
    cr_assert_eq(enriched + dead, total, "enriched %.0f + dead-lettered %.0f", enriched, dead);
    cr_assert_eq(inflight, 0, "the last transaction's inputs are no longer in flight");
    cr_assert_eq(metric_sum(text, "newsflow_messages_consumed_total"), total);
    cr_assert_eq(enriched, N_GOOD);
    cr_assert_eq(metric_sum(text, "newsflow_records_dead_lettered_total{code=\"bad_json\"}"),
                 N_BAD_JSON);
    cr_assert_eq(metric_sum(text, "newsflow_records_dead_lettered_total{code=\"empty\"}"),
                 N_EMPTY);
    cr_assert_eq(metric_sum(text, "newsflow_records_produced_total"), total);
    cr_assert_eq(metric_sum(text, "newsflow_records_acknowledged_total"), total);
    cr_assert_eq(metric_sum(text, "newsflow_delivery_failures_total"), 0);
    cr_assert_eq(metric_sum(text, "newsflow_end_to_end_latency_seconds_count"), total);
    promtool_check(text);
    free(text);

    nf_it_signal(&proc, SIGTERM);
    nf_it_expect_exit(&proc, 0, 60000);
    nf_it_argv_free(&args);
    nf_it_names_cleanup(&nm);
    nf_it_tmp_remove(&tmp);
}

static void expect_config_error(const char *listen, const char *want)
{
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_names nm;
    nf_it_names_init(&nm, "metrics-listen");
    nf_it_argv args = {0};
    nf_it_run_argv(&args, &nm, true);
    nf_it_argv_add(&args, "-X");
    nf_it_argv_add(&args, "metrics.listen=%s", listen);
    nf_it_proc proc;
    nf_it_spawn(&proc, &tmp, "run", &args, NULL, NULL);
    nf_it_expect_exit(&proc, 2, 60000);
    char *err = nf_it_slurp(proc.err_path, NULL);
    cr_assert(err && strstr(err, "metrics.listen") && strstr(err, want),
              "stderr of metrics.listen=%s: %s", listen, err ? err : "");
    free(err);
    nf_it_argv_free(&args);
    nf_it_tmp_remove(&tmp);
}

Test(metrics, bad_listen_address_is_a_configuration_error, .timeout = 120)
{
    expect_config_error("localhost", "expected HOST:PORT");
    expect_config_error("127.0.0.1:99999", "0..65535");
    expect_config_error("metrics.example:9464", "numeric");
}

Test(metrics, busy_listen_address_is_a_configuration_error, .timeout = 120)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    cr_assert_eq(listen(fd, 1), 0);
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &len);
    char addr[64];
    snprintf(addr, sizeof addr, "127.0.0.1:%d", ntohs(a.sin_port));
    expect_config_error(addr, "Address already in use");
    close(fd);
}

/* The live status line: on a terminal (a pty from util-linux `script`), never in a file (the
 * runs above write stderr to a file). */
Test(metrics, live_status_line_only_on_a_terminal, .timeout = 120)
{
    nf_it_require_broker();
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_names nm;
    nf_it_names_init(&nm, "status");
    nf_it_create_topic(nm.in, 1);
    nf_it_produce_articles(nm.in, 0, 20);
    char out_path[400];
    snprintf(out_path, sizeof out_path, "%s/pty.out", tmp.path);
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "script -qefc \"timeout -s TERM 8 '%s' run -X kafka.bootstrap.servers=%s "
             "-X consumer.topics=%s -X producer.topic=%s -X producer.dlq_topic=%s "
             "-X consumer.group_id=%s -X metrics.listen=127.0.0.1:0\" /dev/null > '%s' 2>&1",
             NF_NEWSFLOW_BIN, nf_it_broker(), nm.in, nm.out, nm.dlq, nm.group, out_path);
    int rc = system(cmd);
    (void)rc; /* timeout's status; what matters is what the terminal showed */
    char *out = nf_it_slurp(out_path, NULL);
    cr_assert_not_null(out);
    cr_assert(strstr(out, " msg/s | consumed ") && strstr(out, "| dead-lettered 0 | lag "),
              "no status line on the terminal:\n%s", out);
    free(out);

    /* Not a terminal: the same run with stderr in a file shows none. */
    nf_it_argv args = {0};
    nf_it_run_argv(&args, &nm, true);
    nf_it_proc proc;
    nf_it_spawn(&proc, &tmp, "file", &args, NULL, NULL);
    nf_it_expect_exit(&proc, 0, 60000);
    char *err = nf_it_slurp(proc.err_path, NULL);
    cr_assert_null(strstr(err, "msg/s"), "status line in a file:\n%s", err);
    free(err);
    nf_it_argv_free(&args);
    nf_it_names_cleanup(&nm);
    nf_it_tmp_remove(&tmp);
}
