/* newsflow: command dispatch and signal handling. The only process-wide mutable state of the
 * program lives here: the stop flag set by SIGINT/SIGTERM and the reload flag set by SIGHUP. */
#include "app/app.h"

#include <signal.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <string.h>

static volatile sig_atomic_t stop_requested = 0;

static volatile sig_atomic_t reload_requested = 0;

static void on_signal(int sig)
{
    if (sig == SIGHUP) {
        reload_requested = 1; /* run, replay: reload watchlists and patterns between articles */
    } else {
        stop_requested = 1;
    }
}

static void usage(FILE *out)
{
    fprintf(out,
            "newsflow %s - enrich a live stream of news articles from Kafka\n"
            "\n"
            "usage: newsflow COMMAND [options]\n"
            "\n"
            "commands:\n"
            "  run            consume, tag and produce continuously (consumer group)\n"
            "  replay         run the pipeline again over a fixed range of old input\n"
            "  tag [FILE...]  the pipeline alone: JSONL in, enriched JSONL out (stdin/stdout)\n"
            "  demo           zero set-up demo on an in-process Kafka (mock cluster)\n"
            "  check-config   validate and print the effective configuration\n"
            "\n"
            "options for every command:\n"
            "  -c, --config FILE     key = value configuration file\n"
            "  -X, --set KEY=VALUE   override one key (repeatable)\n"
            "  -h, --help            help for a command: newsflow COMMAND --help\n"
            "  --version             print the version\n"
            "\n"
            "Precedence: defaults < config file < NEWSFLOW_* environment < -X.\n"
            "Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error.\n",
            NF_VERSION);
}

int main(int argc, char **argv, char **envp)
{
    if (argc < 2) {
        usage(stderr);
        return NF_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("newsflow %s\n", NF_VERSION);
        return NF_EXIT_OK;
    }
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return NF_EXIT_OK;
    }
#ifdef __GLIBC__
    /* A fixed mmap threshold: an article's large working buffers are mapped and unmapped
     * on their own, so a finished job gives its memory back to the system at once. glibc's
     * default raises the threshold after the first large free, after which those buffers
     * stay in (per-thread) heaps: 2 workers then took 1.3x the memory of one on a worst-case
     * article mix, 1.08x with this (bench/run.sh, "RSS"). */
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (strcmp(cmd, "run") == 0) {
        return nf_cmd_run(argc - 2, argv + 2, envp, &stop_requested, &reload_requested);
    }
    if (strcmp(cmd, "replay") == 0) {
        return nf_cmd_replay(argc - 2, argv + 2, envp, &stop_requested, &reload_requested);
    }
    if (strcmp(cmd, "tag") == 0) {
        return nf_cmd_tag(argc - 2, argv + 2, envp);
    }
    if (strcmp(cmd, "demo") == 0) {
        return nf_cmd_demo(argc - 2, argv + 2, envp);
    }
    if (strcmp(cmd, "check-config") == 0) {
        return nf_cmd_check_config(argc - 2, argv + 2, envp);
    }
    fprintf(stderr, "newsflow: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return NF_EXIT_USAGE;
}
