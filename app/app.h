#ifndef NF_APP_APP_H
#define NF_APP_APP_H

#include "config/config.h"
#include "consumer/consumer.h"
#include "consumer/replay_plan.h"

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

/* Exit codes (documented in the README). */
enum {
    NF_EXIT_OK = 0,       /* done, or stopped cleanly by a signal */
    NF_EXIT_RUNTIME = 1,  /* runtime failure: Kafka fatal error, delivery failure, I/O */
    NF_EXIT_USAGE = 2,    /* bad command line or configuration */
};

/* Options under "run.". */
typedef struct nf_run_opts {
    int64_t shutdown_timeout_ms;  /* finish in-flight work within this on SIGINT/SIGTERM */
    int64_t poll_timeout_ms;      /* consumer poll wait */
    int64_t stats_interval_ms;    /* 0 = no periodic counters in the log */
    char *log_level;              /* error|warn|info|debug */
    int64_t workers;              /* pipeline threads; 0 = one per CPU, 1 = the loop's own */
    int64_t memory_budget;        /* MiB: fetch queue + producer queue + in-flight articles */
    int64_t commit_interval_ms;   /* cadence of offset commits */
    int64_t startup_timeout_ms;   /* how long Kafka may be unreachable at start */
    char *instance_id;            /* exactly-once: this process's identity ("" = host name) */
    int64_t txn_max_messages;     /* exactly-once: a transaction closes after this many inputs */
    int64_t txn_max_ms;           /* ... or this long after it began */
    int64_t producer_recovery_timeout_ms; /* a fatal producer error that is not fencing: how
                                             long recreating the producer may keep failing
                                             before the run exits; 0 = exit at once */
} nf_run_opts;

/* How run.memory_budget is shared out (bytes). */
typedef struct nf_memory_plan {
    size_t fetch_queue;   /* consumer queued.max.messages.kbytes */
    size_t produce_queue; /* producer queue.buffering.max.kbytes */
    size_t in_flight;     /* articles being processed: input copy + working memory */
} nf_memory_plan;

/** @brief Share \p budget_mib out between the three places messages wait in memory. */
nf_memory_plan nf_memory_plan_of(int64_t budget_mib);

/* Working memory of the pipeline per input byte, worst case (number-dense news; measured, see
 * nf_article_cost()). */
#define NF_ARTICLE_COST_FACTOR 56

/** @brief What one article of \p input_bytes is charged against the in-flight budget: its
 * input and the working memory the pipeline needs for it (measured: app_config.c). */
size_t nf_article_cost(size_t input_bytes);

/** @brief nf_memory_plan_check() on run.memory_budget and pipeline.max_article_bytes of
 * \p cfg (run and check-config). */
int nf_memory_config_check(const nf_config *cfg, char *errstr, size_t errstr_size);

/** @brief Fix glibc's malloc thresholds so that freed large blocks leave the resident set
 * (call once, before the pipeline loads). */
void nf_memory_tune_malloc(void);

/** @brief 0 when the in-flight share of \p budget_mib holds one article of
 * \p max_article_bytes; else -1 with a message naming both keys and the values that work. */
int nf_memory_plan_check(int64_t budget_mib, int64_t max_article_bytes, char *errstr,
                         size_t errstr_size);

/** @brief Resolve run.workers (0 = one per CPU). */
int nf_workers_of(int64_t workers);

extern const nf_opt nf_run_options[];

/* Options under "log.". */
typedef struct nf_log_opts {
    char *level;                  /* error|warn|info|debug; run.log_level is the old name */
    char *format;                 /* text|json */
} nf_log_opts;

extern const nf_opt nf_log_options[];

/** @brief Set the log threshold and format from "log.*" (log.level wins over the older
 * run.log_level when both are set). Call before threads start. */
void nf_app_apply_log(const nf_config *cfg);

/** @brief Report a failure of command \p cmd: "newsflow CMD: MSG" on stderr, or an error log
 * line when log.format is json (so that `run`'s stderr stays one JSON object per line). */
void nf_app_report_error(const char *cmd, const char *msg);

/* Command-line options every command shares. */
typedef struct nf_cli_common {
    const char *config_path;      /* -c FILE; may be NULL */
    const char **overrides;       /* -X key=value, in order */
    int n_overrides;
} nf_cli_common;

/**
 * @brief Build the effective configuration: file, then NEWSFLOW_* environment, then -X;
 * check every key against the known option tables and Kafka pass-through prefixes.
 * @returns the config or NULL after printing the reason to stderr.
 */
nf_config *nf_app_load_config(const nf_cli_common *cli, char **envp);

/** @brief Option tables of every module and stage, {NULL,NULL}-terminated. Free with
 * nf_app_tables_free(). */
nf_opt_table *nf_app_tables(void);
void nf_app_tables_free(nf_opt_table *tables);

/* Counters of one run. */
typedef struct nf_run_stats {
    uint64_t consumed;        /* messages taken from the input topics */
    uint64_t enriched;        /* enriched records acknowledged by the broker */
    uint64_t dead_lettered;   /* dead-letter records acknowledged by the broker */
    uint64_t failed;          /* deliveries that failed permanently */
    uint64_t bytes_in;        /* input value bytes */
    uint64_t resent;          /* outputs sent again in a smaller form after a size limit */
    uint64_t rewinds;         /* offsets that went back (reset, seek): processed again */
    uint64_t producer_recreated; /* fatal producer errors recovered from (new producer) */
    bool abandoned;           /* out of time at stop: the consumer handle is still being
                                 destroyed on a thread; a process should _exit() */
} nf_run_stats;

/* Called on every turn of the loop (it decides itself how often to report) and once more
 * with \p final at the end; runs on the loop's thread. */
typedef void nf_run_progress_cb(void *opaque, nf_consumer *c, const nf_run_stats *st,
                                bool final);

/* What stops the loop besides a fatal error. */
typedef struct nf_run_control {
    volatile sig_atomic_t *stop;  /* set by a signal handler; may be NULL */
    volatile sig_atomic_t *reload; /* set by SIGHUP: reload stage data (the runner clears it);
                                      may be NULL */
    bool until_end;               /* stop when all assigned partitions are consumed to their
                                     end and every output is acknowledged */
    const nf_replay_request *replay; /* replay mode (assign, fixed ends) over consumer.topics
                                        (req->topics is ignored); NULL = group mode */
    const char *resume_group;     /* replay: group that keeps its progress; may be NULL */
    nf_run_progress_cb *progress; /* may be NULL */
    void *progress_opaque;
    /* Test hook (NF_TEST_FATAL_AFTER, read by nf_run_test_hook() for run and replay): after
     * this many consumed input messages, raise a fatal error with code test_fatal_err in the
     * producer (rd_kafka_test_fatal_error), once. 0 = never. */
    int64_t test_fatal_after;
    int test_fatal_err;           /* an rd_kafka_resp_err_t */
    bool test_fatal_at_stop;      /* NF_TEST_FATAL_AFTER=stop[,<code>]: raise it once when the
                                     stop begins (before the final flush/commit) instead */
} nf_run_control;

/**
 * @brief The continuous job: consume -> pipeline -> produce, at-least-once.
 * @returns an NF_EXIT_* code; \p stats (may be NULL) gets the counters.
 */
int nf_run(const nf_config *cfg, const nf_run_control *ctl, nf_run_stats *stats);

/** @brief Fill the test-hook fields of \p ctl from NF_TEST_FATAL_AFTER (docs/exactly-once.md);
 * unset = off, malformed = off with a message naming \p cmd. */
void nf_run_test_hook(nf_run_control *ctl, const char *cmd);

int nf_cmd_run(int argc, char **argv, char **envp, volatile sig_atomic_t *stop,
               volatile sig_atomic_t *reload);
int nf_cmd_replay(int argc, char **argv, char **envp, volatile sig_atomic_t *stop,
                  volatile sig_atomic_t *reload);
int nf_cmd_tag(int argc, char **argv, char **envp);
int nf_cmd_demo(int argc, char **argv, char **envp);
int nf_cmd_check_config(int argc, char **argv, char **envp);

/**
 * @brief Parse -c/-X/--config/--set out of argv (getopt-free, so each command adds its own
 * flags). Unknown flags are left for the caller: \p rest gets the remaining args.
 * @returns 0, or -1 after printing a usage error.
 */
int nf_cli_parse_common(int argc, char **argv, nf_cli_common *cli, char **rest, int *n_rest,
                        const char *cmd);

#endif
