#include "app/app.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "config/kafka_conf.h"
#include "consumer/consumer.h"
#include "metrics/metrics.h"
#include "pipeline/pipeline.h"
#include "producer/producer.h"

#include <stddef.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const nf_opt nf_run_options[] = {
    {"shutdown_timeout_ms", NF_OPT_INT, "30000", offsetof(nf_run_opts, shutdown_timeout_ms),
     "0..3600000", "on SIGINT/SIGTERM: time allowed to finish in-flight work, flush and commit"},
    {"poll_timeout_ms", NF_OPT_INT, "100", offsetof(nf_run_opts, poll_timeout_ms), "1..10000",
     "how long one consumer poll waits for a message"},
    {"stats_interval_ms", NF_OPT_INT, "30000", offsetof(nf_run_opts, stats_interval_ms),
     "0..86400000", "log counters this often (0 = only at exit)"},
    {"log_level", NF_OPT_ENUM, "info", offsetof(nf_run_opts, log_level), "error|warn|info|debug",
     "old name of log.level (log.level wins when both are set)"},
    {"workers", NF_OPT_INT, "0", offsetof(nf_run_opts, workers), "0..256",
     "pipeline threads (0 = one per CPU; 1 = in the consume loop); output order per input "
     "partition is kept either way"},
    {"commit_interval_ms", NF_OPT_INT, "1000", offsetof(nf_run_opts, commit_interval_ms),
     "100..600000",
     "commit acknowledged input offsets this often: bounds the work redone after a crash"},
    {"startup_timeout_ms", NF_OPT_INT, "30000", offsetof(nf_run_opts, startup_timeout_ms),
     "1000..3600000",
     "give up (exit 1, naming the last broker error) when Kafka cannot be reached this long at "
     "start"},
    {"memory_budget", NF_OPT_INT, "128", offsetof(nf_run_opts, memory_budget), "16..1048576",
     "MiB for messages in memory: 1/4 consumer fetch queue, 1/4 producer queue, 1/2 articles "
     "being processed (input + working memory, charged at 56x input); must hold one article of "
     "pipeline.max_article_bytes (1 MiB: at least 113); stage data (about 18 MiB, logged at "
     "start) comes on top"},
    {"instance_id", NF_OPT_STR, "", offsetof(nf_run_opts, instance_id), NULL,
     "exactly-once: identity of this process, stable across restarts (empty = host name); "
     "part of transactional.id: a restarted process fences its predecessor, so two live "
     "processes must not share it"},
    {"txn_max_messages", NF_OPT_INT, "1000", offsetof(nf_run_opts, txn_max_messages),
     "1..1000000", "exactly-once: commit the transaction after this many input messages"},
    {"txn_max_ms", NF_OPT_INT, "100", offsetof(nf_run_opts, txn_max_ms), "1..600000",
     "exactly-once: ... or this long after it began (latency of committed output)"},
    {"producer_recovery_timeout_ms", NF_OPT_INT, "300000",
     offsetof(nf_run_opts, producer_recovery_timeout_ms), "0..86400000",
     "a fatal producer error that is not fencing recreates the producer and reads again from "
     "the committed offsets; exit 1 when that keeps failing this long (0 = exit at once)"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

const nf_opt nf_log_options[] = {
    {"level", NF_OPT_ENUM, "info", offsetof(nf_log_opts, level), "error|warn|info|debug",
     "log threshold (stderr)"},
    {"format", NF_OPT_ENUM, "text", offsetof(nf_log_opts, format), "text|json",
     "text: one readable line per event; json: one JSON object per line with time, level, "
     "message and fields"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

void nf_app_apply_log(const nf_config *cfg)
{
    /* Values were validated by nf_app_load_config(); a failure here leaves the defaults. */
    nf_log_opts lo = {0};
    nf_run_opts ro = {0};
    if (nf_opt_apply(nf_log_options, "log.", cfg, &lo, NULL, 0) == 0 &&
        nf_opt_apply(nf_run_options, "run.", cfg, &ro, NULL, 0) == 0) {
        const char *level = nf_config_get(cfg, "log.level") || !nf_config_get(cfg, "run.log_level")
                                ? lo.level
                                : ro.log_level;
        nf_log_level lvl;
        if (nf_log_level_parse(level, &lvl) == 0) {
            nf_log_set_level(lvl);
        }
        nf_log_format fmt;
        if (nf_log_format_parse(lo.format, &fmt) == 0) {
            nf_log_set_format(fmt);
        }
    }
    nf_opt_release(nf_log_options, &lo);
    nf_opt_release(nf_run_options, &ro);
}

void nf_app_report_error(const char *cmd, const char *msg)
{
    if (nf_log_get_format() == NF_LOG_JSON) {
        const char *fields[] = {"command", cmd, NULL};
        NF_LOGF(NF_LOG_ERROR, fields, "%s", msg);
    } else {
        fprintf(stderr, "newsflow %s: %s\n", cmd, msg);
    }
}

nf_opt_table *nf_app_tables(void)
{
    static const nf_opt_table own[] = {
        {"consumer.", nf_consumer_options},
        {"producer.", nf_producer_options},
        {"topics.", nf_topics_options},
        {"run.", nf_run_options},
        {"log.", nf_log_options},
        {"metrics.", nf_metrics_options},
    };
    nf_opt_table *pl = nf_pipeline_tables();
    size_t n = 0;
    while (pl[n].prefix) {
        n++;
    }
    size_t n_own = sizeof own / sizeof own[0];
    nf_opt_table *all = nf_xcalloc(n + n_own + 1, sizeof *all);
    for (size_t i = 0; i < n_own; i++) {
        all[i].prefix = nf_xstrdup(own[i].prefix);
        all[i].opts = own[i].opts;
    }
    for (size_t i = 0; i < n; i++) {
        all[n_own + i].prefix = nf_xstrdup(pl[i].prefix);
        all[n_own + i].opts = pl[i].opts;
    }
    nf_pipeline_tables_free(pl);
    return all;
}

void nf_app_tables_free(nf_opt_table *tables)
{
    if (!tables) {
        return;
    }
    for (size_t i = 0; tables[i].prefix; i++) {
        free((char *)tables[i].prefix);
    }
    free(tables);
}

nf_config *nf_app_load_config(const nf_cli_common *cli, char **envp)
{
    char errstr[NF_ERRSTR_SIZE];
    nf_config *cfg = nf_config_new();
    if (cli->config_path && nf_config_load_file(cfg, cli->config_path, errstr, sizeof errstr)) {
        goto fail;
    }
    if (nf_config_load_env(cfg, envp, errstr, sizeof errstr) != 0) {
        goto fail;
    }
    for (int i = 0; i < cli->n_overrides; i++) {
        if (nf_config_set_arg(cfg, cli->overrides[i], errstr, sizeof errstr) != 0) {
            goto fail;
        }
    }
    nf_opt_table *tables = nf_app_tables();
    int rc = nf_config_check_keys(cfg, tables, nf_kafka_passthrough_prefixes, errstr,
                                  sizeof errstr);
    /* Every option value of every table, checked now: a bad value is reported at start by
     * every command, whatever part of the program reads it later. */
    for (size_t t = 0; rc == 0 && tables[t].prefix; t++) {
        size_t end = 0; /* the options' extent in their struct */
        for (const nf_opt *o = tables[t].opts; o && o->name; o++) {
            end = o->offset + sizeof(nf_strlist) > end ? o->offset + sizeof(nf_strlist) : end;
        }
        void *scratch = nf_xcalloc(1, end);
        rc = nf_opt_apply(tables[t].opts, tables[t].prefix, cfg, scratch, errstr, sizeof errstr);
        nf_opt_release(tables[t].opts, scratch);
        free(scratch);
    }
    nf_app_tables_free(tables);
    if (rc == 0) {
        rc = nf_metrics_check_config(cfg, errstr, sizeof errstr);
    }
    if (rc != 0) {
        goto fail;
    }
    /* The log level and format apply before anything else logs. */
    nf_app_apply_log(cfg);
    return cfg;
fail:;
    /* Even a failed configuration says which log format it wanted, when that much is valid. */
    nf_log_format fmt;
    const char *want = nf_config_get(cfg, "log.format");
    if (want && nf_log_format_parse(want, &fmt) == 0) {
        nf_log_set_format(fmt);
    }
    if (nf_log_get_format() == NF_LOG_JSON) {
        const char *fields[] = {"kind", "configuration", NULL};
        NF_LOGF(NF_LOG_ERROR, fields, "configuration error: %s", errstr);
    } else {
        fprintf(stderr, "newsflow: configuration error: %s\n", errstr);
    }
    nf_config_destroy(cfg);
    return NULL;
}

int nf_cli_parse_common(int argc, char **argv, nf_cli_common *cli, char **rest, int *n_rest,
                        const char *cmd)
{
    memset(cli, 0, sizeof *cli);
    cli->overrides = nf_xcalloc((size_t)argc + 1, sizeof *cli->overrides);
    *n_rest = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        bool is_c = strcmp(a, "-c") == 0 || strcmp(a, "--config") == 0;
        bool is_x = strcmp(a, "-X") == 0 || strcmp(a, "--set") == 0;
        if (is_c || is_x) {
            if (i + 1 >= argc) {
                fprintf(stderr, "newsflow %s: %s needs a value (see 'newsflow %s --help')\n", cmd,
                        a, cmd);
                return -1;
            }
            val = argv[++i];
        } else if (strncmp(a, "--config=", 9) == 0) {
            is_c = true;
            val = a + 9;
        } else if (strncmp(a, "-X", 2) == 0 && a[2]) {
            is_x = true;
            val = a + 2;
        }
        if (is_x && !strchr(val, '=')) {
            /* `-X kafka.sasl.password hunter2`: neither this argument nor the next is echoed
             * (the next would otherwise be reported as an unknown argument, in clear). */
            fprintf(stderr,
                    "newsflow %s: %s expects KEY=VALUE as one argument (e.g. -X "
                    "kafka.bootstrap.servers=host:9092); argument %d has no '=' and is not "
                    "shown: it may hold a secret\n",
                    cmd, a, i + 1);
            return -1;
        }
        if (is_c) {
            cli->config_path = val;
        } else if (is_x) {
            cli->overrides[cli->n_overrides++] = val;
        } else {
            rest[(*n_rest)++] = argv[i];
        }
    }
    return 0;
}

nf_memory_plan nf_memory_plan_of(int64_t budget_mib)
{
    /* Half for the articles being worked on, where the pipeline's working memory sits; a
     * quarter each for what waits to be processed and what waits for the broker. */
    size_t total = (size_t)budget_mib * 1024 * 1024;
    nf_memory_plan p = {
        .fetch_queue = total / 4,
        .produce_queue = total / 4,
        .in_flight = total - total / 4 - total / 4,
    };
    return p;
}

size_t nf_article_cost(size_t input_bytes)
{
    /* The input copy, the decoded and normalised text, tokens, annotations and the record,
     * plus the arena's first chunk (common/doc.c). Measured: the peak RSS of `newsflow tag
     * -X run.workers=1` over one number-dense article (scripts/gen_heavy_mix.py, 100 KB to
     * 900 KB) minus its peak over an empty input is 50-54x the article's size (ordinary news
     * needs far less). Charged at NF_ARTICLE_COST_FACTOR so that the window never holds more
     * than its bytes say. */
    return input_bytes * NF_ARTICLE_COST_FACTOR + 256 * 1024;
}

int nf_memory_config_check(const nf_config *cfg, char *errstr, size_t errstr_size)
{
    nf_run_opts ro;
    nf_pipeline_opts po;
    memset(&ro, 0, sizeof ro);
    memset(&po, 0, sizeof po);
    int rc = -1;
    if (nf_opt_apply(nf_run_options, "run.", cfg, &ro, errstr, errstr_size) == 0 &&
        nf_opt_apply(nf_pipeline_options, "pipeline.", cfg, &po, errstr, errstr_size) == 0) {
        rc = nf_memory_plan_check(ro.memory_budget, po.max_article_bytes, errstr, errstr_size);
    }
    nf_opt_release(nf_run_options, &ro);
    nf_opt_release(nf_pipeline_options, &po);
    return rc;
}

void nf_memory_tune_malloc(void)
{
    /* glibc raises its mmap threshold to the largest block freed so far (up to 32 MiB) and
     * trims a heap only past twice that: after one large article, its blocks would come from
     * the heap and stay resident once freed, in each thread's arena. Fixed thresholds give large
     * blocks back to the system when freed, so resident memory follows the budget's
     * accounting. (Measured: peak RSS of test_memory_run's mix 62.0 -> 57.5 MiB, no
     * measurable CPU cost on `newsflow tag` over the bench corpus.) */
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024);
}

int nf_memory_plan_check(int64_t budget_mib, int64_t max_article_bytes, char *errstr,
                         size_t errstr_size)
{
    /* Peak RSS <= budget + stage data holds only if the in-flight share can hold the largest
     * article the pipeline accepts: past that, one article alone would overrun it. */
    nf_memory_plan plan = nf_memory_plan_of(budget_mib);
    size_t need = nf_article_cost((size_t)max_article_bytes);
    if (need <= plan.in_flight) {
        return 0;
    }
    const size_t mib = 1024 * 1024;
    size_t min_budget = (2 * need + mib - 1) / mib;
    size_t max_article = (plan.in_flight - 256 * 1024) / NF_ARTICLE_COST_FACTOR;
    snprintf(errstr, errstr_size,
             "run.memory_budget = %lld MiB cannot hold one article of pipeline.max_article_bytes "
             "= %lld: such an article needs %zu MiB of working memory (%dx its size, for "
             "number-dense news) and the budget gives articles in the pipeline half of itself, "
             "%zu MiB; raise run.memory_budget to at least %zu or lower "
             "pipeline.max_article_bytes to at most %zu",
             (long long)budget_mib, (long long)max_article_bytes, (need + mib - 1) / mib,
             NF_ARTICLE_COST_FACTOR, plan.in_flight / mib, min_budget, max_article);
    return -1;
}

int nf_workers_of(int64_t workers)
{
    if (workers > 0) {
        return (int)workers;
    }
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus > 0 ? (int)cpus : 1;
}
