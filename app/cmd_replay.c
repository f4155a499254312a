/* newsflow replay: run the pipeline again over a fixed range of old input (see --help).
 *
 * The loop is the run engine's (app/runner.c) with an assign-mode consumer whose partitions
 * stop at ends fixed when the replay starts; this file parses the command line, prints the
 * plan for --dry-run and reports progress. */
#include "app/app.h"
#include "common/err.h"
#include "common/xalloc.h"
#include "consumer/replay_spec.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void replay_usage(FILE *out)
{
    fprintf(out,
            "usage: newsflow replay [-c FILE] [-X KEY=VALUE]... [--topic T]... [--partitions LIST]\n"
            "                       [--from SPEC] [--to SPEC] [--to-topic OUT] [--resume NAME]\n"
            "                       [--dry-run] [--progress-ms MS]\n"
            "\n"
            "Run the pipeline again over a range of an input topic (after a pipeline or data\n"
            "upgrade) and write enriched records to OUT (default producer.topic) and dead\n"
            "letters to producer.dlq_topic, in the same format with the same lineage headers as\n"
            "`run`. Each partition's end is fixed when the replay starts, so live traffic cannot\n"
            "keep it running. A replay reads in assign mode: it never joins, moves or commits the\n"
            "live consumer group (consumer.group_id). Output records are byte-identical to what\n"
            "`run` wrote for the same input, pipeline version and configuration.\n"
            "\n"
            "  --topic T          input topic (repeatable; default consumer.topics)\n"
            "  --partitions LIST  only these partitions: numbers and ranges, e.g. 0,2-5\n"
            "  --from SPEC        where each partition starts (default: beginning)\n"
            "  --to SPEC          where each partition stops, exclusive (default: end, as it is\n"
            "                     when the replay starts)\n"
            "  --to-topic OUT     enriched output topic (default producer.topic)\n"
            "  --resume NAME      keep progress in consumer group newsflow.replay.NAME (the\n"
            "                     fixed ends too): run the same command again after a crash or\n"
            "                     Ctrl-C and it continues where it stopped\n"
            "  --dry-run          print the plan (per partition: watermarks, resolved start and\n"
            "                     end offsets, message count; totals) and do nothing\n"
            "  --progress-ms MS   progress line interval when stderr is not a terminal\n"
            "                     (default 5000; on a terminal one line is redrawn)\n"
            "\n"
            "Metrics, /healthz and /readyz as for `run`, on metrics.listen; unless it is set,\n"
            "on any free port of 127.0.0.1 (logged), not beside the live job's 9464.\n"
            "\n"
            "SPEC (kcat's -o grammar, plus times):\n"
            "  beginning            the oldest kept message\n"
            "  end                  the end of the partition when the replay starts\n"
            "  <offset>             an absolute offset, e.g. 1500\n"
            "  -<N>                 N messages before the end, e.g. -1000\n"
            "  s@<ms>  (--from)     the first message with a timestamp >= ms (epoch millis)\n"
            "  e@<ms>  (--to)       stop at the first message with a timestamp >= ms\n"
            "  RFC 3339 time        2025-06-01T00:00:00Z, 2025-06-01T02:00:00.5+02:00, or a\n"
            "                       date 2025-06-01 (midnight UTC)\n"
            "  duration before now  -24h, -90m, -1h30m, -7d, -2w, or ISO 8601 -P7D, -PT12H\n"
            "Time bounds use the broker's timestamp index (offsets_for_times): the first offset\n"
            "whose message timestamp is at or after the time.\n"
            "\n"
            "Examples:\n"
            "  newsflow replay -c nf.conf --dry-run --from 2025-06-01T00:00:00Z --to 2025-07-01\n"
            "  newsflow replay -c nf.conf --from -P7D --to-topic news.enriched.v2 --resume june-v2\n"
            "  newsflow replay -c nf.conf --topic news.raw --partitions 0,2-5 --from -1000\n"
            "  newsflow replay -c nf.conf --from s@1717200000000 --to e@1717286400000\n"
            "\n"
            "Progress goes to stderr (messages and bytes done/total, rate, ETA, the partition\n"
            "with the most left), then a summary (in, enriched, dead-lettered, wall time, rate).\n"
            "Exit codes: 0 every partition reached its end, 1 runtime failure or stopped early\n"
            "(SIGINT/SIGTERM: finishes in-flight work; continue with --resume), 2 usage or\n"
            "configuration error.\n");
}

typedef struct replay_args {
    nf_strlist topics;          /* --topic, in order (items borrowed from argv) */
    const char *partitions;     /* --partitions; may be NULL */
    const char *from, *to;      /* SPEC texts; may be NULL */
    const char *to_topic;       /* may be NULL */
    const char *resume;         /* NAME; may be NULL */
    bool dry_run;
    int64_t progress_ms;
} replay_args;

/* Progress on stderr: one redrawn line on a terminal, else a line every progress_ms. */
typedef struct progress {
    bool tty;
    int64_t every_ms;
    int64_t started_ms, next_ms;
    bool reached_end;           /* set by the final report */
    int64_t done, total;        /* offsets passed / planned */
} progress;

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void human_bytes(double b, char *buf, size_t size)
{
    const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (b >= 1024 && u < 4) {
        b /= 1024;
        u++;
    }
    snprintf(buf, size, u ? "%.1f %s" : "%.0f %s", b, units[u]);
}

/* Offsets passed so far, and the partition with the most left (the laggard). */
static void measure(progress *pg, nf_consumer *c, size_t *laggard, int64_t *laggard_left)
{
    const nf_replay_plan *plan = nf_consumer_plan(c);
    pg->done = 0;
    pg->total = nf_replay_plan_total(plan);
    *laggard = 0;
    *laggard_left = -1;
    for (size_t i = 0; i < plan->n; i++) {
        const nf_replay_part *p = &plan->parts[i];
        int64_t pos = nf_consumer_replay_position(c, i);
        pos = pos < p->start ? p->start : pos > p->end ? p->end : pos;
        pg->done += pos - p->start;
        if (p->end - pos > *laggard_left) {
            *laggard_left = p->end - pos;
            *laggard = i;
        }
    }
}

static void report(void *opaque, nf_consumer *c, const nf_run_stats *st, bool final)
{
    progress *pg = opaque;
    int64_t now = mono_ms();
    if (!final && now < pg->next_ms) {
        return;
    }
    pg->next_ms = now + (pg->tty ? 250 : pg->every_ms);
    size_t lag;
    int64_t lag_left;
    measure(pg, c, &lag, &lag_left);
    double secs = (double)(now - pg->started_ms) / 1000.0;
    double rate = secs > 0 ? (double)st->consumed / secs : 0;
    char in_b[32], total_b[32], rate_b[32];
    human_bytes((double)st->bytes_in, in_b, sizeof in_b);
    human_bytes(secs > 0 ? (double)st->bytes_in / secs : 0, rate_b, sizeof rate_b);
    if (final) {
        pg->reached_end = nf_consumer_replay_finished(c);
        if (pg->tty) {
            fputs("\r\033[K", stderr);
        }
        fprintf(stderr,
                "replay %s: in %" PRIu64 ", enriched %" PRIu64 ", dead-lettered %" PRIu64
                ", failed %" PRIu64 "; %s in %.1f s (%.0f msg/s, %s/s)\n",
                pg->reached_end ? "done" : "stopped before the end", st->consumed, st->enriched,
                st->dead_lettered, st->failed, in_b, secs, rate, rate_b);
        return;
    }
    /* bytes total is not known in advance: estimated from the mean message size so far */
    double est = st->consumed ? (double)st->bytes_in / (double)st->consumed * (double)pg->total
                              : 0;
    human_bytes(est, total_b, sizeof total_b);
    int64_t left = pg->total - pg->done;
    long eta = rate > 0 ? (long)((double)left / rate) : -1;
    const nf_replay_part *lp = &nf_consumer_plan(c)->parts[lag];
    char eta_s[32];
    if (eta >= 0) {
        snprintf(eta_s, sizeof eta_s, "%ld:%02ld:%02ld", eta / 3600, eta / 60 % 60, eta % 60);
    } else {
        snprintf(eta_s, sizeof eta_s, "?");
    }
    fprintf(stderr,
            "%sreplay: %" PRId64 "/%" PRId64 " msgs (%.0f%%), %s/~%s, %.0f msg/s, ETA %s, "
            "laggard %s[%d] %" PRId64 " left%s",
            pg->tty ? "\r\033[K" : "", pg->done, pg->total,
            pg->total ? 100.0 * (double)pg->done / (double)pg->total : 100.0, in_b, total_b, rate,
            eta_s, lp->topic, lp->partition, lag_left, pg->tty ? "" : "\n");
    fflush(stderr);
}

static int take_value(int argc, char **argv, int *i, const char **out)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "newsflow replay: %s needs a value (see newsflow replay --help)\n",
                argv[*i]);
        return -1;
    }
    *out = argv[++*i];
    return 0;
}

/* @returns 0, 1 for --help (printed), or -1 after a usage error. */
static int parse_args(int n, char **rest, replay_args *a)
{
    for (int i = 0; i < n; i++) {
        const char *v = NULL;
        const char *arg = rest[i];
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            replay_usage(stdout);
            return 1;
        } else if (strcmp(arg, "--dry-run") == 0) {
            a->dry_run = true;
        } else if (strcmp(arg, "--topic") == 0) {
            if (take_value(n, rest, &i, &v)) {
                return -1;
            }
            a->topics.items = nf_xrealloc(a->topics.items, (a->topics.n + 1) * sizeof(char *));
            a->topics.items[a->topics.n++] = (char *)v;
        } else if (strcmp(arg, "--partitions") == 0) {
            if (take_value(n, rest, &i, &a->partitions)) {
                return -1;
            }
        } else if (strcmp(arg, "--from") == 0) {
            if (take_value(n, rest, &i, &a->from)) {
                return -1;
            }
        } else if (strcmp(arg, "--to") == 0) {
            if (take_value(n, rest, &i, &a->to)) {
                return -1;
            }
        } else if (strcmp(arg, "--to-topic") == 0) {
            if (take_value(n, rest, &i, &a->to_topic)) {
                return -1;
            }
        } else if (strcmp(arg, "--resume") == 0) {
            if (take_value(n, rest, &i, &a->resume)) {
                return -1;
            }
        } else if (strcmp(arg, "--progress-ms") == 0) {
            char *end;
            if (take_value(n, rest, &i, &v)) {
                return -1;
            }
            a->progress_ms = strtoll(v, &end, 10);
            if (*end || end == v || a->progress_ms < 100 || a->progress_ms > 3600000) {
                fprintf(stderr, "newsflow replay: --progress-ms \"%s\": allowed 100..3600000\n", v);
                return -1;
            }
        } else {
            fprintf(stderr, "newsflow replay: unknown argument '%s' (see newsflow replay --help)\n",
                    arg);
            return -1;
        }
    }
    return 0;
}

/* A resume NAME becomes part of a group id: keep it to characters Kafka tools show plainly. */
static int check_resume_name(const char *name)
{
    size_t len = strlen(name);
    bool ok = len > 0 && len <= 200;
    for (size_t i = 0; ok && i < len; i++) {
        char ch = name[i];
        ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
             ch == '.' || ch == '_' || ch == '-';
    }
    if (!ok) {
        fprintf(stderr,
                "newsflow replay: --resume \"%s\": allowed 1-200 characters of A-Z a-z 0-9 . _ -\n",
                name);
        return -1;
    }
    return 0;
}

/* Apply --topic and --to-topic to the configuration, as -X consumer.topics/producer.topic. */
static int apply_topics(nf_config *cfg, const replay_args *a)
{
    if (a->topics.n > 0) {
        size_t len = 1;
        for (size_t i = 0; i < a->topics.n; i++) {
            len += strlen(a->topics.items[i]) + 1;
        }
        char *joined = nf_xcalloc(len, 1);
        for (size_t i = 0; i < a->topics.n; i++) {
            strcat(joined, i ? "," : "");
            strcat(joined, a->topics.items[i]);
        }
        nf_config_set(cfg, "consumer.topics", joined, NF_CFG_CLI, "--topic");
        free(joined);
    }
    if (a->to_topic) {
        nf_config_set(cfg, "producer.topic", a->to_topic, NF_CFG_CLI, "--to-topic");
    }
    /* Writing enriched records into an input topic is always a mistake. */
    const char *out = nf_config_get(cfg, "producer.topic");
    const char *in = nf_config_get(cfg, "consumer.topics");
    nf_consumer_opts copts;
    memset(&copts, 0, sizeof copts);
    char errstr[NF_ERRSTR_SIZE];
    if (nf_opt_apply(nf_consumer_options, "consumer.", cfg, &copts, errstr, sizeof errstr)) {
        fprintf(stderr, "newsflow replay: %s\n", errstr);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; out && i < copts.topics.n; i++) {
        if (strcmp(copts.topics.items[i], out) == 0) {
            fprintf(stderr, "newsflow replay: the output topic %s is also an input topic (%s)\n",
                    out, in ? in : "consumer.topics");
            rc = -1;
        }
    }
    nf_opt_release(nf_consumer_options, &copts);
    return rc;
}

/* --dry-run: make the plan, print it, touch nothing. */
static int dry_run(const nf_config *cfg, nf_replay_request *req, const char *resume_group)
{
    nf_consumer_opts copts;
    memset(&copts, 0, sizeof copts);
    char errstr[NF_ERRSTR_SIZE];
    if (nf_opt_apply(nf_consumer_options, "consumer.", cfg, &copts, errstr, sizeof errstr)) {
        fprintf(stderr, "newsflow replay: %s\n", errstr);
        return NF_EXIT_USAGE;
    }
    req->topics = (const char *const *)copts.topics.items;
    req->n_topics = copts.topics.n;
    int rc = NF_EXIT_OK;
    nf_consumer *c = nf_consumer_new_replay(cfg, req, resume_group, true, errstr, sizeof errstr);
    if (!c) {
        fprintf(stderr, "newsflow replay: %s\n", errstr);
        rc = NF_EXIT_RUNTIME;
    } else {
        nf_replay_plan_print(nf_consumer_plan(c), &req->from, &req->to, stdout);
        nf_consumer_close(c, 10000);
    }
    nf_opt_release(nf_consumer_options, &copts);
    return rc;
}

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Parse the bounds and the partitions into \p req. @returns 0 or -1 (printed). */
static int build_request(const replay_args *a, nf_replay_request *req, nf_partition_set *parts)
{
    char errstr[NF_ERRSTR_SIZE];
    int64_t now = wall_ms();
    memset(req, 0, sizeof *req);
    if (nf_offset_spec_parse(a->from ? a->from : "beginning", NF_SPEC_FROM, now, &req->from,
                             errstr, sizeof errstr) ||
        nf_offset_spec_parse(a->to ? a->to : "end", NF_SPEC_TO, now, &req->to, errstr,
                             sizeof errstr) ||
        (a->partitions && nf_partition_set_parse(a->partitions, parts, errstr, sizeof errstr))) {
        fprintf(stderr, "newsflow replay: %s\n", errstr);
        return -1;
    }
    req->partitions = parts;
    return 0;
}

int nf_cmd_replay(int argc, char **argv, char **envp, volatile sig_atomic_t *stop,
                  volatile sig_atomic_t *reload)
{
    nf_cli_common cli;
    char **rest = nf_xcalloc((size_t)argc + 1, sizeof *rest);
    int n_rest = 0;
    int rc = NF_EXIT_USAGE;
    nf_config *cfg = NULL;
    replay_args a = {.progress_ms = 5000};
    nf_partition_set parts = {NULL, 0};
    char group[256] = "";
    if (nf_cli_parse_common(argc, argv, &cli, rest, &n_rest, "replay") != 0) {
        goto done;
    }
    int prc = parse_args(n_rest, rest, &a);
    if (prc != 0) {
        rc = prc > 0 ? NF_EXIT_OK : NF_EXIT_USAGE;
        goto done;
    }
    nf_replay_request req;
    if (build_request(&a, &req, &parts) != 0 || (a.resume && check_resume_name(a.resume))) {
        goto done;
    }
    cfg = nf_app_load_config(&cli, envp);
    if (!cfg || apply_topics(cfg, &a) != 0) {
        goto done;
    }
    if (a.resume) {
        snprintf(group, sizeof group, "newsflow.replay.%s", a.resume);
    }
    if (a.dry_run) {
        rc = dry_run(cfg, &req, a.resume ? group : NULL);
        goto done;
    }
    if (!nf_config_get(cfg, "metrics.listen")) {
        /* A replay usually runs beside the live job on the same host: the default port would
         * be taken (exit 2). Any free port instead; the log says which. */
        nf_config_set(cfg, "metrics.listen", "127.0.0.1:0", NF_CFG_CLI, "replay");
    }
    const char *delivery = nf_config_get(cfg, "producer.delivery");
    if (delivery && strcmp(delivery, "exactly-once") == 0 && !a.resume) {
        /* its committed progress must live somewhere for a restart to continue, not redo */
        fprintf(stderr, "newsflow replay: warning: exactly-once without --resume NAME: a "
                        "restart after a crash writes the range again\n");
    }
    progress pg = {.tty = isatty(STDERR_FILENO) == 1, .every_ms = a.progress_ms};
    pg.started_ms = mono_ms();
    pg.next_ms = pg.started_ms + (pg.tty ? 250 : pg.every_ms);
    nf_run_control ctl = {.stop = stop,
                          .reload = reload,
                          .until_end = true,
                          .replay = &req,
                          .resume_group = a.resume ? group : NULL,
                          .progress = report,
                          .progress_opaque = &pg};
    nf_run_test_hook(&ctl, "replay");
    rc = nf_run(cfg, &ctl, NULL);
    if (rc == NF_EXIT_OK && !pg.reached_end) {
        fprintf(stderr, "newsflow replay: stopped before every partition reached its end%s%s\n",
                a.resume ? "; continue with --resume " : " (use --resume NAME to continue "
                                                         "an interrupted replay)",
                a.resume ? a.resume : "");
        rc = NF_EXIT_RUNTIME;
    }
done:
    nf_partition_set_free(&parts);
    free(a.topics.items);
    nf_config_destroy(cfg);
    free(cli.overrides);
    free(rest);
    return rc;
}
