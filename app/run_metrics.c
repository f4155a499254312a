#include "app/run_metrics.h"

#include "common/log.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_stats(void *opaque, const char *json, size_t len)
{
    nf_metrics_kafka_stats(opaque, json, len);
}

nf_run_metrics *nf_run_metrics_start(const nf_config *cfg, nf_pipeline *pl, nf_pool *pool,
                                     nf_consumer_opts *copts, char *errstr, size_t errstr_size)
{
    nf_run_metrics *rm = nf_xcalloc(1, sizeof *rm);
    if (nf_opt_apply(nf_metrics_options, "metrics.", cfg, &rm->opts, errstr, errstr_size) != 0 ||
        nf_metrics_check_config(cfg, errstr, errstr_size) != 0) {
        nf_run_metrics_stop(rm);
        return NULL;
    }
    const nf_stage_stats *st;
    size_t n = nf_pipeline_stats(pl, &st);
    const char **names = nf_xcalloc(n + 1, sizeof *names);
    for (size_t i = 0; i < n; i++) {
        names[i] = st[i].name;
    }
    const nf_pipeline_info *info = nf_pipeline_get_info(pl);
    nf_metrics_build b = {NF_VERSION, info->config_digest, info->data_digest, names, n};
    rm->m = nf_metrics_new(&b, rm->opts.health_timeout_ms);
    free(names);
    if (pool) {
        nf_pool_set_observer(pool, nf_metrics_observe_stage, rm->m);
    } else {
        nf_pipeline_set_observer(pl, nf_metrics_observe_stage, rm->m);
    }
    if (rm->opts.stats_interval_ms > 0) {
        copts->on_stats = on_stats;
        copts->stats_opaque = rm->m;
        copts->stats_interval_ms = rm->opts.stats_interval_ms;
    }
    if (rm->opts.listen && rm->opts.listen[0]) {
        rm->http = nf_metrics_server_start(rm->m, rm->opts.listen, errstr, errstr_size);
        if (!rm->http) {
            nf_run_metrics_stop(rm);
            return NULL;
        }
        char port[16];
        snprintf(port, sizeof port, "%d", nf_metrics_server_port(rm->http));
        const char *fields[] = {"listen", rm->opts.listen, "port", port, NULL};
        NF_LOGF(NF_LOG_INFO, fields, "metrics on http://%s (port %s): /metrics /healthz /readyz",
                rm->opts.listen, port);
    }
    /* Only for a person at a terminal reading text logs: never in a file, a pipe or JSON. */
    rm->status_line = rm->opts.status_line && isatty(STDERR_FILENO) &&
                      nf_log_get_format() == NF_LOG_TEXT;
    rm->next_status_ms = mono_ms() + 1000;
    return rm;
}

void nf_run_metrics_tick(nf_run_metrics *rm, nf_consumer *c, nf_producer *p, size_t inflight)
{
    nf_metrics_loop s = {
        .assigned_partitions = c ? (int)nf_consumer_assigned_count(c) : 0,
        .rebalances = c ? (uint64_t)nf_consumer_assignments(c) : 0,
        .producer_queue = p ? nf_producer_outq_len(p) : 0,
        .inflight_messages = inflight,
    };
    nf_metrics_loop_tick(rm->m, &s);
    if (rm->status_line && mono_ms() >= rm->next_status_ms) {
        char line[200];
        nf_metrics_status(rm->m, line, sizeof line);
        /* Drawn in place and the cursor put back at the start of the line, so the next log
         * line (or status) overwrites it. */
        fprintf(stderr, "\r%s\033[K\r", line);
        fflush(stderr);
        rm->next_status_ms = mono_ms() + 1000;
    }
}

void nf_run_metrics_stopping(nf_run_metrics *rm)
{
    nf_metrics_set_stopping(rm->m);
    if (rm->status_line) {
        fputc('\n', stderr);
        rm->status_line = false;
    }
}

void nf_run_metrics_stop(nf_run_metrics *rm)
{
    if (!rm) {
        return;
    }
    nf_metrics_server_stop(rm->http);
    nf_metrics_destroy(rm->m);
    nf_opt_release(nf_metrics_options, &rm->opts);
    free(rm);
}
