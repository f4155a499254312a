#include "app/app.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void run_usage(FILE *out)
{
    fprintf(out,
            "usage: newsflow run [-c FILE] [-X KEY=VALUE]... [--until-end]\n"
            "\n"
            "Consume consumer.topics in consumer group consumer.group_id, run the pipeline over\n"
            "every message and produce one enriched record (producer.topic, key = article id)\n"
            "or one dead-letter record (producer.dlq_topic) per message. An input offset is\n"
            "committed only after the broker acknowledged its output and every earlier one of\n"
            "its partition (at-least-once). Missing topics are created at start\n"
            "(topics.create).\n"
            "\n"
            "  --until-end   stop by itself once every assigned partition has been consumed to\n"
            "                its end and every output acknowledged (batch runs, benchmarks)\n"
            "\n"
            "HTTP on metrics.listen (default 127.0.0.1:9464; empty = off): GET /metrics\n"
            "(Prometheus), /healthz (the loop is polling), /readyz (partitions assigned).\n"
            "Logs on stderr: log.level, log.format = text|json.\n"
            "\n"
            "SIGHUP: reload stage.watchlist.files and stage.patterns.files without stopping\n"
            "(a broken file keeps the lists in use; the log says why).\n"
            "\n"
            "SIGINT/SIGTERM: stop consuming, finish in-flight messages, flush, commit, leave the\n"
            "group and exit 0 within run.shutdown_timeout_ms.\n"
            "A fatal producer error that is not fencing recreates the producer and reads again\n"
            "from the committed offsets (run.producer_recovery_timeout_ms bounds the attempts);\n"
            "at the stop, it is recreated to finish the final flush and commit.\n"
            "Exit codes: 0 ok, 1 runtime failure (fenced, unrecoverable Kafka fatal error,\n"
            "permanent delivery failure, shutdown timeout), 2 usage or configuration error.\n");
}

/* Test hook, documented in docs/exactly-once.md: NF_TEST_FATAL_AFTER=<n>[,<code>] makes the
 * producer raise fatal error <code> (a librdkafka error number, default 48 =
 * INVALID_TXN_STATE) after <n> consumed input messages, as librdkafka itself would;
 * NF_TEST_FATAL_AFTER=stop[,<code>] raises it when the stop begins (the final flush/commit).
 * Read here only (for run and replay) and passed down in nf_run_control; unset or
 * malformed = off. */
void nf_run_test_hook(nf_run_control *ctl, const char *cmd)
{
    const char *v = getenv("NF_TEST_FATAL_AFTER");
    if (!v || !*v) {
        return;
    }
    char *end = NULL;
    bool at_stop = strncmp(v, "stop", 4) == 0;
    long long n = at_stop ? 1 : strtoll(v, &end, 10);
    end = at_stop ? (char *)v + 4 : end;
    long code = 48; /* RD_KAFKA_RESP_ERR_INVALID_TXN_STATE */
    if (end && *end == ',') {
        code = strtol(end + 1, &end, 10);
    }
    if (n <= 0 || !end || *end) {
        fprintf(stderr, "newsflow %s: NF_TEST_FATAL_AFTER=%s ignored (<n>|stop[,<code>])\n",
                cmd, v);
        return;
    }
    ctl->test_fatal_after = at_stop ? 0 : n;
    ctl->test_fatal_at_stop = at_stop;
    ctl->test_fatal_err = (int)code;
}

int nf_cmd_run(int argc, char **argv, char **envp, volatile sig_atomic_t *stop,
               volatile sig_atomic_t *reload)
{
    nf_cli_common cli;
    char **rest = nf_xcalloc((size_t)argc + 1, sizeof *rest);
    int n_rest = 0;
    int rc = NF_EXIT_USAGE;
    nf_config *cfg = NULL;
    nf_run_control ctl = {.stop = stop, .reload = reload, .until_end = false};
    if (nf_cli_parse_common(argc, argv, &cli, rest, &n_rest, "run") != 0) {
        goto done;
    }
    for (int i = 0; i < n_rest; i++) {
        if (strcmp(rest[i], "-h") == 0 || strcmp(rest[i], "--help") == 0) {
            run_usage(stdout);
            rc = NF_EXIT_OK;
            goto done;
        } else if (strcmp(rest[i], "--until-end") == 0) {
            ctl.until_end = true;
        } else {
            fprintf(stderr, "newsflow run: unknown argument '%s'\n", rest[i]);
            run_usage(stderr);
            goto done;
        }
    }
    cfg = nf_app_load_config(&cli, envp);
    if (!cfg) {
        goto done;
    }
    nf_run_test_hook(&ctl, "run");
    nf_run_stats stats;
    memset(&stats, 0, sizeof stats);
    rc = nf_run(cfg, &ctl, &stats);
    if (stats.abandoned) {
        /* The consumer handle is still being destroyed on its own thread (the stop ran out of
         * time): end the process now, without running exit handlers under its feet. */
        fflush(stdout);
        fflush(stderr);
        _exit(rc);
    }
done:
    nf_config_destroy(cfg);
    free(cli.overrides);
    free(rest);
    return rc;
}
