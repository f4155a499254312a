/* Counters, histograms and gauges of a run, and their Prometheus text exposition.
 *
 * Every value the data path touches is a C11 atomic updated with relaxed ordering: a scrape
 * may see one counter a message ahead of another, which Prometheus tolerates, and the loop and
 * the workers never wait for the HTTP thread. */
#include "metrics/metrics.h"

#include "common/err.h"
#include "common/xalloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BUCKETS 20
/* nf_err codes are 0 .. -N; dead letters are counted by -code. */
#define N_CODES 32

const nf_opt nf_metrics_options[] = {
    {"listen", NF_OPT_STR, "127.0.0.1:9464", offsetof(nf_metrics_opts, listen), NULL,
     "HTTP endpoint for /metrics (Prometheus), /healthz and /readyz: HOST:PORT with a numeric "
     "address or localhost, [IPv6]:PORT; empty = off"},
    {"stats_interval_ms", NF_OPT_INT, "5000", offsetof(nf_metrics_opts, stats_interval_ms),
     "0..3600000",
     "librdkafka statistics interval: how fresh consumer lag and committed offsets are "
     "(0 = none; kafka.statistics.interval.ms wins when set)"},
    {"health_timeout_ms", NF_OPT_INT, "60000", offsetof(nf_metrics_opts, health_timeout_ms),
     "1000..3600000", "/healthz answers 503 when the loop has not polled Kafka for this long"},
    {"status_line", NF_OPT_BOOL, "true", offsetof(nf_metrics_opts, status_line), NULL,
     "newsflow run prints a live one-line status (rate, lag, dead letters) on stderr when "
     "stderr is a terminal"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

/* A histogram of seconds with fixed upper bounds; counts[i] holds observations in
 * (bound[i-1], bound[i]], counts[n] those above the last bound. */
typedef struct hist {
    const double *bounds;
    size_t n;
    _Atomic uint64_t counts[MAX_BUCKETS + 1];
    _Atomic uint64_t sum_ns;
} hist;

/* Stages run from microseconds (decode of a small article) to tens of milliseconds
 * (entities on a long one). */
static const double stage_bounds[] = {5e-6,  1e-5,   2.5e-5, 5e-5,  1e-4,  2.5e-4, 5e-4,
                                      1e-3,  2.5e-3, 5e-3,   1e-2,  2.5e-2, 5e-2, 0.1,
                                      0.25,  1.0};
/* End to end includes the time a record waited in the input topic. */
static const double e2e_bounds[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                    1,     2.5,  5,     10,   30,  60,   300};

struct nf_metrics {
    char *version, *config_digest, *data_digest;
    char **stages;
    size_t n_stages;
    int64_t health_timeout_ms;
    int64_t started_mono_ms;
    double started_unix;

    _Atomic uint64_t consumed, consumed_bytes, produced[2], acked[2], acked_bytes;
    _Atomic uint64_t failed, failed_bytes;
    _Atomic uint64_t discarded_bytes;  /* purged by an abort: consumed again later */
    _Atomic uint64_t producer_recreated; /* fatal producer errors recovered from */
    _Atomic uint64_t dead_by_code[N_CODES];
    hist *stage_hist;   /* one per stage */
    hist e2e;

    _Atomic int64_t last_poll_ms;   /* monotonic; 0 = never */
    _Atomic int assigned;
    _Atomic uint64_t rebalances;
    _Atomic int producer_queue;
    _Atomic uint64_t inflight;
    _Atomic bool stopping;

    /* From librdkafka statistics (loop thread writes, HTTP thread reads). */
    pthread_mutex_t mu;
    char *lag_text;          /* rendered per-partition samples */
    char *committed_text;
    int brokers_up;          /* -1 until the first statistics */
    int64_t total_lag;       /* -1 unknown */

    /* Status line state (loop thread only). */
    uint64_t status_prev_consumed;
    int64_t status_prev_ms;
};

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static double unix_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void hist_init(hist *h, const double *bounds, size_t n)
{
    h->bounds = bounds;
    h->n = n;
}

static void hist_observe(hist *h, uint64_t ns)
{
    double s = (double)ns / 1e9;
    size_t i = 0;
    while (i < h->n && s > h->bounds[i]) {
        i++;
    }
    atomic_fetch_add_explicit(&h->counts[i], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&h->sum_ns, ns, memory_order_relaxed);
}

nf_metrics *nf_metrics_new(const nf_metrics_build *b, int64_t health_timeout_ms)
{
    nf_metrics *m = nf_xcalloc(1, sizeof *m);
    m->version = nf_xstrdup(b->version ? b->version : "");
    m->config_digest = nf_xstrdup(b->config_digest ? b->config_digest : "");
    m->data_digest = nf_xstrdup(b->data_digest ? b->data_digest : "");
    m->n_stages = b->n_stages;
    m->stages = nf_xcalloc(b->n_stages + 1, sizeof *m->stages);
    m->stage_hist = nf_xcalloc(b->n_stages + 1, sizeof *m->stage_hist);
    for (size_t i = 0; i < b->n_stages; i++) {
        m->stages[i] = nf_xstrdup(b->stages[i]);
        hist_init(&m->stage_hist[i], stage_bounds, sizeof stage_bounds / sizeof *stage_bounds);
    }
    hist_init(&m->e2e, e2e_bounds, sizeof e2e_bounds / sizeof *e2e_bounds);
    m->health_timeout_ms = health_timeout_ms;
    m->started_mono_ms = mono_ms();
    m->started_unix = unix_now();
    pthread_mutex_init(&m->mu, NULL);
    m->brokers_up = -1;
    m->total_lag = -1;
    m->status_prev_ms = m->started_mono_ms;
    return m;
}

void nf_metrics_destroy(nf_metrics *m)
{
    if (!m) {
        return;
    }
    for (size_t i = 0; i < m->n_stages; i++) {
        free(m->stages[i]);
    }
    free(m->stages);
    free(m->stage_hist);
    free(m->version);
    free(m->config_digest);
    free(m->data_digest);
    free(m->lag_text);
    free(m->committed_text);
    pthread_mutex_destroy(&m->mu);
    free(m);
}

/* ---- data path -------------------------------------------------------------------------- */

#define BUMP(field, n) atomic_fetch_add_explicit(&(field), (n), memory_order_relaxed)
#define READ(field) atomic_load_explicit(&(field), memory_order_relaxed)

void nf_metrics_consumed(nf_metrics *m, size_t bytes)
{
    BUMP(m->consumed, 1);
    BUMP(m->consumed_bytes, bytes);
}

void nf_metrics_produced(nf_metrics *m, bool dead_letter)
{
    BUMP(m->produced[dead_letter], 1);
}

void nf_metrics_acked(nf_metrics *m, bool dead_letter, int err_code, size_t in_bytes,
                      int64_t in_timestamp_ms)
{
    BUMP(m->acked[dead_letter], 1);
    BUMP(m->acked_bytes, in_bytes);
    if (dead_letter) {
        int idx = -err_code;
        BUMP(m->dead_by_code[idx > 0 && idx < N_CODES ? idx : 0], 1);
    }
    if (in_timestamp_ms > 0) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        int64_t now_ns = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
        int64_t d = now_ns - in_timestamp_ms * 1000000;
        hist_observe(&m->e2e, d > 0 ? (uint64_t)d : 0);
    }
}

void nf_metrics_delivery_failed(nf_metrics *m, size_t in_bytes)
{
    BUMP(m->failed, 1);
    BUMP(m->failed_bytes, in_bytes);
}

void nf_metrics_discarded(nf_metrics *m, size_t in_bytes)
{
    BUMP(m->discarded_bytes, in_bytes);
}

void nf_metrics_producer_recreated(nf_metrics *m)
{
    BUMP(m->producer_recreated, 1);
}

void nf_metrics_observe_stage(void *mp, size_t stage, uint64_t ns)
{
    nf_metrics *m = mp;
    if (stage < m->n_stages) {
        hist_observe(&m->stage_hist[stage], ns);
    }
}

void nf_metrics_loop_tick(nf_metrics *m, const nf_metrics_loop *s)
{
    atomic_store_explicit(&m->last_poll_ms, mono_ms(), memory_order_relaxed);
    atomic_store_explicit(&m->assigned, s->assigned_partitions, memory_order_relaxed);
    atomic_store_explicit(&m->rebalances, s->rebalances, memory_order_relaxed);
    atomic_store_explicit(&m->producer_queue, s->producer_queue, memory_order_relaxed);
    atomic_store_explicit(&m->inflight, (uint64_t)s->inflight_messages, memory_order_relaxed);
}

void nf_metrics_set_stopping(nf_metrics *m)
{
    atomic_store(&m->stopping, true);
}

void nf_metrics_counts_get(nf_metrics *m, nf_metrics_counts *out)
{
    out->consumed = READ(m->consumed);
    out->enriched = READ(m->acked[0]);
    out->dead_lettered = READ(m->acked[1]);
    out->failed = READ(m->failed);
    out->produced = READ(m->produced[0]) + READ(m->produced[1]);
}

/* ---- statistics JSON (metrics/kafka_stats.c renders, we keep) ----------------------------- */

/* Implemented in kafka_stats.c: parse \p json into per-partition exposition lines.
 * Returns 0 or -1 (malformed). */
int nf_metrics_parse_kafka_stats(const char *json, size_t len, nf_buf *lag, nf_buf *committed,
                                 int *brokers_up, int64_t *total_lag);

void nf_metrics_kafka_stats(nf_metrics *m, const char *json, size_t len)
{
    nf_buf lag_text;
    nf_buf committed_text;
    nf_buf_init(&lag_text);
    nf_buf_init(&committed_text);
    int up = 0;
    int64_t lag = -1;
    if (nf_metrics_parse_kafka_stats(json, len, &lag_text, &committed_text, &up, &lag) != 0) {
        nf_buf_fini(&lag_text);
        nf_buf_fini(&committed_text);
        return;
    }
    pthread_mutex_lock(&m->mu);
    free(m->lag_text);
    free(m->committed_text);
    m->lag_text = lag_text.data; /* NULL when there is no sample */
    m->committed_text = committed_text.data;
    m->brokers_up = up;
    m->total_lag = lag;
    pthread_mutex_unlock(&m->mu);
}

/* ---- exposition -------------------------------------------------------------------------- */

static void family(nf_buf *b, const char *name, const char *type, const char *help)
{
    nf_buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void label_value(nf_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\' || *s == '"') {
            nf_buf_putc(b, '\\');
            nf_buf_putc(b, *s);
        } else if (*s == '\n') {
            nf_buf_puts(b, "\\n");
        } else {
            nf_buf_putc(b, *s);
        }
    }
}

/* One histogram series; \p label is "" or `stage="decode"`. */
static void hist_render(nf_buf *b, const char *name, const char *label, const hist *h)
{
    uint64_t cum = 0;
    const char *sep = label[0] ? "," : "";
    for (size_t i = 0; i <= h->n; i++) {
        cum += atomic_load_explicit(&h->counts[i], memory_order_relaxed);
        if (i < h->n) {
            nf_buf_printf(b, "%s_bucket{%s%sle=\"%g\"} %llu\n", name, label, sep, h->bounds[i],
                          (unsigned long long)cum);
        } else {
            nf_buf_printf(b, "%s_bucket{%s%sle=\"+Inf\"} %llu\n", name, label, sep,
                          (unsigned long long)cum);
        }
    }
    double sum = (double)atomic_load_explicit(&h->sum_ns, memory_order_relaxed) / 1e9;
    const char *open = label[0] ? "{" : "";
    const char *close = label[0] ? "}" : "";
    nf_buf_printf(b, "%s_sum%s%s%s %.9f\n", name, open, label, close, sum);
    nf_buf_printf(b, "%s_count%s%s%s %llu\n", name, open, label, close, (unsigned long long)cum);
}

static void counter(nf_buf *b, const char *name, const char *help, uint64_t v)
{
    family(b, name, "counter", help);
    nf_buf_printf(b, "%s %llu\n", name, (unsigned long long)v);
}

static void gauge(nf_buf *b, const char *name, const char *help, double v)
{
    family(b, name, "gauge", help);
    nf_buf_printf(b, "%s %.15g\n", name, v);
}

static void render_flow(nf_metrics *m, nf_buf *b)
{
    counter(b, "newsflow_messages_consumed_total", "Input messages taken from Kafka.",
            READ(m->consumed));
    counter(b, "newsflow_consumed_bytes_total", "Bytes of input message values.",
            READ(m->consumed_bytes));
    counter(b, "newsflow_records_enriched_total",
            "Enriched records acknowledged by the broker.", READ(m->acked[0]));
    family(b, "newsflow_records_dead_lettered_total", "counter",
           "Dead-letter records acknowledged by the broker, by error code.");
    for (int i = 0; i < N_CODES; i++) {
        uint64_t v = READ(m->dead_by_code[i]);
        if (v) {
            nf_buf_printf(b, "newsflow_records_dead_lettered_total{code=\"%s\"} %llu\n",
                          nf_err_name(-i), (unsigned long long)v);
        }
    }
    static const char *const outputs[] = {"enriched", "dead_letter"};
    family(b, "newsflow_records_produced_total", "counter",
           "Records handed to the producer, by output topic kind.");
    for (int i = 0; i < 2; i++) {
        nf_buf_printf(b, "newsflow_records_produced_total{output=\"%s\"} %llu\n", outputs[i],
                      (unsigned long long)READ(m->produced[i]));
    }
    family(b, "newsflow_records_acknowledged_total", "counter",
           "Records the broker acknowledged, by output topic kind.");
    for (int i = 0; i < 2; i++) {
        nf_buf_printf(b, "newsflow_records_acknowledged_total{output=\"%s\"} %llu\n",
                      outputs[i], (unsigned long long)READ(m->acked[i]));
    }
    counter(b, "newsflow_delivery_failures_total",
            "Outputs that failed permanently (the run stops after the first).",
            READ(m->failed));
    counter(b, "newsflow_producer_recreated_total",
            "Fatal producer errors (not fencing) recovered from by a new producer; the input "
            "was read again from the committed offsets.",
            READ(m->producer_recreated));
}

static void render_latency(nf_metrics *m, nf_buf *b)
{
    family(b, "newsflow_stage_duration_seconds", "histogram",
           "Time one pipeline stage took on one article.");
    for (size_t i = 0; i < m->n_stages; i++) {
        nf_buf lbl;
        nf_buf_init(&lbl);
        nf_buf_puts(&lbl, "stage=\"");
        label_value(&lbl, m->stages[i]);
        nf_buf_putc(&lbl, '"');
        hist_render(b, "newsflow_stage_duration_seconds", lbl.data, &m->stage_hist[i]);
        nf_buf_fini(&lbl);
    }
    family(b, "newsflow_end_to_end_latency_seconds", "histogram",
           "Delivery acknowledgement time minus the input record's Kafka timestamp.");
    hist_render(b, "newsflow_end_to_end_latency_seconds", "", &m->e2e);
}

static void render_state(nf_metrics *m, nf_buf *b)
{
    /* What left first, then what came in (bumped before it leaves): never negative. */
    uint64_t out = READ(m->acked_bytes) + READ(m->failed_bytes) + READ(m->discarded_bytes);
    uint64_t in = READ(m->consumed_bytes);
    uint64_t inflight_bytes = in > out ? in - out : 0;
    gauge(b, "newsflow_inflight_messages",
          "Input messages consumed whose output is not acknowledged yet.",
          (double)READ(m->inflight));
    gauge(b, "newsflow_inflight_bytes", "Input bytes of the messages in flight.",
          (double)inflight_bytes);
    gauge(b, "newsflow_producer_queue_messages",
          "Messages queued in or in flight to the producer (librdkafka outq).",
          (double)READ(m->producer_queue));
    counter(b, "newsflow_rebalances_total", "Consumer group rebalances that assigned partitions.",
            READ(m->rebalances));
    gauge(b, "newsflow_assigned_partitions", "Input partitions assigned to this process.",
          (double)READ(m->assigned));
    pthread_mutex_lock(&m->mu);
    family(b, "newsflow_consumer_lag_messages", "gauge",
           "Messages in the partition after the consumer's position (librdkafka statistics).");
    if (m->lag_text) {
        nf_buf_puts(b, m->lag_text);
    }
    family(b, "newsflow_committed_offset", "gauge",
           "Offset the consumer group committed for the partition (librdkafka statistics).");
    if (m->committed_text) {
        nf_buf_puts(b, m->committed_text);
    }
    int up = m->brokers_up;
    pthread_mutex_unlock(&m->mu);
    gauge(b, "newsflow_brokers_up",
          "Brokers the consumer is connected to (-1 before the first statistics).", up);
    gauge(b, "newsflow_uptime_seconds", "Seconds since the run started.",
          (double)(mono_ms() - m->started_mono_ms) / 1000.0);
    gauge(b, "newsflow_start_time_seconds", "Unix time the run started.", m->started_unix);
    char reason[160];
    gauge(b, "newsflow_healthy", "1 when /healthz answers 200.",
          nf_metrics_health(m, reason, sizeof reason) == 0);
    gauge(b, "newsflow_ready", "1 when /readyz answers 200.",
          nf_metrics_ready(m, reason, sizeof reason) == 0);
    family(b, "newsflow_build_info", "gauge",
           "Version and the pipeline's config and data digests (value 1).");
    nf_buf_puts(b, "newsflow_build_info{version=\"");
    label_value(b, m->version);
    nf_buf_puts(b, "\",config_digest=\"");
    label_value(b, m->config_digest);
    nf_buf_puts(b, "\",data_digest=\"");
    label_value(b, m->data_digest);
    nf_buf_puts(b, "\"} 1\n");
}

void nf_metrics_render(nf_metrics *m, nf_buf *out)
{
    render_flow(m, out);
    render_latency(m, out);
    render_state(m, out);
}

/* ---- health ----------------------------------------------------------------------------- */

int nf_metrics_health(nf_metrics *m, char *reason, size_t reason_size)
{
    int64_t last = atomic_load_explicit(&m->last_poll_ms, memory_order_relaxed);
    int64_t now = mono_ms();
    if (last == 0) {
        /* Starting up (creating topics, joining): healthy for one timeout, then not. */
        int64_t age = now - m->started_mono_ms;
        if (age > m->health_timeout_ms) {
            snprintf(reason, reason_size, "the loop has not polled Kafka since the start %.1f s ago",
                     (double)age / 1000.0);
            return -1;
        }
        snprintf(reason, reason_size, "starting");
        return 0;
    }
    int64_t age = now - last;
    if (age > m->health_timeout_ms) {
        snprintf(reason, reason_size,
                 "the loop last polled Kafka %.1f s ago (metrics.health_timeout_ms = %lld)",
                 (double)age / 1000.0, (long long)m->health_timeout_ms);
        return -1;
    }
    snprintf(reason, reason_size, "ok: the loop polled Kafka %.1f s ago", (double)age / 1000.0);
    return 0;
}

int nf_metrics_ready(nf_metrics *m, char *reason, size_t reason_size)
{
    if (atomic_load(&m->stopping)) {
        snprintf(reason, reason_size, "stopping");
        return -1;
    }
    int assigned = atomic_load_explicit(&m->assigned, memory_order_relaxed);
    pthread_mutex_lock(&m->mu);
    int up = m->brokers_up;
    pthread_mutex_unlock(&m->mu);
    if (assigned <= 0) {
        snprintf(reason, reason_size, "no partitions assigned yet");
        return -1;
    }
    if (up == 0) {
        snprintf(reason, reason_size, "no broker reachable (librdkafka statistics)");
        return -1;
    }
    snprintf(reason, reason_size, "ok: %d partition(s) assigned", assigned);
    return 0;
}

void nf_metrics_status(nf_metrics *m, char *line, size_t line_size)
{
    int64_t now = mono_ms();
    uint64_t consumed = READ(m->consumed);
    double secs = (double)(now - m->status_prev_ms) / 1000.0;
    double rate = secs > 0 ? (double)(consumed - m->status_prev_consumed) / secs : 0.0;
    m->status_prev_ms = now;
    m->status_prev_consumed = consumed;
    pthread_mutex_lock(&m->mu);
    int64_t lag = m->total_lag;
    pthread_mutex_unlock(&m->mu);
    char lag_s[32];
    if (lag >= 0) {
        snprintf(lag_s, sizeof lag_s, "%lld", (long long)lag);
    } else {
        snprintf(lag_s, sizeof lag_s, "?");
    }
    snprintf(line, line_size,
             "newsflow: %.0f msg/s | consumed %llu | enriched %llu | dead-lettered %llu | lag %s",
             rate, (unsigned long long)consumed, (unsigned long long)READ(m->acked[0]),
             (unsigned long long)READ(m->acked[1]), lag_s);
}
