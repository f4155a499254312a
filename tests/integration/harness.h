/* Shared helpers of the integration tests: run the real newsflow binary as a child process,
 * and feed/read/inspect topics on the real broker with librdkafka.
 *
 * Every helper fails the running Criterion test (cr_assert_fail) instead of returning an error:
 * a test that cannot talk to the broker must fail, never skip. */
#ifndef NF_TESTS_INTEGRATION_HARNESS_H
#define NF_TESTS_INTEGRATION_HARNESS_H

#include <librdkafka/rdkafka.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Built with AddressSanitizer: memory figures (RSS) mean little there, so tests that measure
 * them skip their bound. */
#if defined(__SANITIZE_ADDRESS__)
#define NF_IT_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NF_IT_UNDER_ASAN 1
#endif
#endif

#ifndef NF_NEWSFLOW_BIN
#error "NF_NEWSFLOW_BIN (path of the newsflow binary) must be defined by CMake"
#endif

/* ---- the broker ------------------------------------------------------------------------- */

/** @brief $NF_BROKER, or 127.0.0.1:19092 when unset or empty. */
const char *nf_it_broker(void);

/** @brief Fail the test with a clear message unless the broker answers a metadata request. */
void nf_it_require_broker(void);

/** @brief "nf-it-<what>-<pid>-<unix time>-<counter>": unique across runs and tests. */
void nf_it_unique(char *buf, size_t size, const char *what);

/** @brief Names of one test's topics and consumer group. */
typedef struct nf_it_names {
    char in[128];
    char out[128];
    char dlq[128];
    char group[128];
} nf_it_names;

void nf_it_names_init(nf_it_names *n, const char *what);

/** @brief Delete the topics and the consumer group of \p n (best effort, at the end of a
 * passing test, so that repeated runs do not pile up topics on the broker). */
void nf_it_names_cleanup(const nf_it_names *n);

/** @brief Create \p topic with \p partitions (Admin API); it must not exist yet. */
void nf_it_create_topic(const char *topic, int partitions);

/** @brief Whether \p topic exists (metadata; does not create it). */
bool nf_it_topic_exists(const char *topic);

/** @brief Delete \p topic (best effort). */
void nf_it_delete_topic(const char *topic);

/** @brief Like nf_it_create_topic(), with one topic config \p name = \p value (e.g.
 * max.message.bytes); \p name may be NULL. */
void nf_it_create_topic_config(const char *topic, int partitions, const char *name,
                               const char *value);

/** @brief Partition count of an existing topic (metadata). */
int nf_it_partition_count(const char *topic);

/* ---- producing input -------------------------------------------------------------------- */

/** @brief An idempotent producer to the broker (default partitioner: by key hash). */
rd_kafka_t *nf_it_producer_new(void);

/**
 * @brief Queue one message; \p key may be NULL (no key), \p partition may be
 * RD_KAFKA_PARTITION_UA, \p hdrs (may be NULL) is taken over. Delivery failures make
 * nf_it_producer_close() fail the test.
 */
void nf_it_produce(rd_kafka_t *rk, const char *topic, int32_t partition, const void *key,
                   size_t key_len, const void *value, size_t value_len, rd_kafka_headers_t *hdrs);

/** @brief Flush, check every message was acknowledged, destroy. */
void nf_it_producer_close(rd_kafka_t *rk);

/** @brief A small, varied JSON article with id "a-<n>" (deterministic in \p n). malloc'd. */
char *nf_it_article(long n, size_t *len);

/** @brief Produce articles a-<first> .. a-<first+count-1> to \p topic, key = id. */
void nf_it_produce_articles(const char *topic, long first, long count);

/** @brief n of an "a-<n>" id (key), or -1 when it is not one. */
long nf_it_article_num(const char *id, size_t len);

/* ---- reading topics --------------------------------------------------------------------- */

typedef struct nf_it_header {
    char *name;
    char *value;        /* NUL-terminated copy (also fine for binary: use len) */
    size_t len;
    bool is_null;
} nf_it_header;

typedef struct nf_it_record {
    int32_t partition;
    int64_t offset;
    int64_t timestamp;
    char *key;          /* NUL-terminated copy, NULL when the message has no key */
    size_t key_len;
    char *value;        /* NUL-terminated copy, NULL for a null value */
    size_t value_len;
    nf_it_header *headers;
    size_t n_headers;
} nf_it_record;

typedef struct nf_it_records {
    nf_it_record *items;
    size_t n;
    size_t cap;
} nf_it_records;

/**
 * @brief Read every message of \p topic from the start to the end offsets it has now
 * (assign mode, no group). Order: by partition, then offset.
 */
void nf_it_read_topic(const char *topic, nf_it_records *out);

/** @brief Fail the test unless every line of \p path is a record that follows
 * docs/record.schema.json (scripts/validate_records.py; nf_it_read_topic() does this for
 * every enriched record it reads). */
void nf_it_validate_jsonl(const char *path);
void nf_it_records_free(nf_it_records *recs);

/** @brief Sum over partitions of (high - low) watermark: how many records \p topic has now. */
int64_t nf_it_topic_count(const char *topic);

/** @brief High watermarks (end offsets) of partitions 0..n-1 of \p topic. */
void nf_it_end_offsets(const char *topic, int n, int64_t *out);

/** @brief Committed offsets of \p group for partitions 0..n-1 of \p topic
 * (RD_KAFKA_OFFSET_INVALID where the group committed nothing). */
void nf_it_committed(const char *group, const char *topic, int n, int64_t *out);

/** @brief The first header called \p name, or NULL. */
const nf_it_header *nf_it_header_get(const nf_it_record *r, const char *name);

/** @brief The header \p name parsed as a decimal int64; fails the test if absent or bad. */
int64_t nf_it_header_i64(const nf_it_record *r, const char *name);

/**
 * @brief For each record of \p in (read from \p in_topic, sorted as nf_it_read_topic sorts),
 * how many records of \p out name it in their newsflow.source.topic/partition/offset headers.
 * Fails the test when an output lacks those headers, names an input that does not exist, or
 * carries a key other than its input's. @returns a calloc'd array parallel to in->items.
 */
int *nf_it_outputs_per_input(const nf_it_records *in, const char *in_topic,
                             const nf_it_records *out);

/**
 * @brief At-least-once at the commit point: every input offset below the group's committed
 * offset of its partition has at least one output (\p counts from nf_it_outputs_per_input).
 * \p committed has one entry per partition (RD_KAFKA_OFFSET_INVALID = nothing committed).
 * @returns the number of committed inputs (for logging).
 */
long nf_it_check_committed_have_outputs(const nf_it_records *in, const int *counts,
                                        const int64_t *committed, int n_parts);

/* ---- child processes -------------------------------------------------------------------- */

/* Arguments (or environment entries) built with printf-style formats. */
typedef struct nf_it_argv {
    char *items[96];
    int n;
} nf_it_argv;

void nf_it_argv_add(nf_it_argv *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void nf_it_argv_free(nf_it_argv *a);

/** @brief "newsflow run" with -X for broker, topics and group (+ --until-end); add more
 * with nf_it_argv_add(). */
void nf_it_run_argv(nf_it_argv *a, const nf_it_names *n, bool until_end);

/** @brief A per-test temporary directory (kept for inspection when the test fails). */
typedef struct nf_it_tmp {
    char path[256];
} nf_it_tmp;

void nf_it_tmp_init(nf_it_tmp *t);
/** @brief Remove the directory and its files (call at the end of a passing test). */
void nf_it_tmp_remove(nf_it_tmp *t);

typedef struct nf_it_proc {
    pid_t pid;
    bool done;
    int exit_code;      /* exit status, or 128 + signal number */
    char name[64];
    char out_path[320]; /* captured stdout */
    char err_path[320]; /* captured stderr */
} nf_it_proc;

/**
 * @brief Start NF_NEWSFLOW_BIN (or $NF_IT_NEWSFLOW_BIN when set) with \p argv (without
 * argv[0]) and the test's environment minus every NEWSFLOW_* variable, plus \p env (may be
 * NULL). stdout and stderr go to
 * <tmp>/<name>.out and <tmp>/<name>.err; stdin comes from \p stdin_path or /dev/null.
 * The child dies with the test process (PR_SET_PDEATHSIG).
 */
void nf_it_spawn(nf_it_proc *p, const nf_it_tmp *tmp, const char *name, const nf_it_argv *argv,
                 const nf_it_argv *env, const char *stdin_path);

/**
 * @brief Wait up to \p timeout_ms for the child; on timeout kill it (SIGKILL) and fail the
 * test, printing its stderr. Fails too when its stderr holds a sanitizer report.
 * @returns the exit code (128 + signal when killed by a signal).
 */
int nf_it_wait(nf_it_proc *p, int timeout_ms);

/** @brief True while the child has not exited (reaps it when it has). */
bool nf_it_running(nf_it_proc *p);

void nf_it_signal(nf_it_proc *p, int sig);

/** @brief Fail the test (printing the child's stderr tail) unless it exited with \p code. */
void nf_it_expect_exit(nf_it_proc *p, int code, int timeout_ms);

/** @brief Print the last \p lines lines of \p path to stderr, framed. */
void nf_it_print_tail(const char *label, const char *path, int lines);

/** @brief The whole file, NUL-terminated, malloc'd; NULL when it cannot be read. */
char *nf_it_slurp(const char *path, size_t *len);

/** @brief Write \p len bytes to \p path (fails the test on error). */
void nf_it_write_file(const char *path, const void *data, size_t len);

/**
 * @brief Poll \p topic until it holds at least \p min records; gives up when \p p exits or
 * after \p timeout_ms. @returns the count seen last.
 */
int64_t nf_it_wait_for_records(const char *topic, int64_t min, nf_it_proc *p, int timeout_ms);

/* ---- stop or crash mid-stream, then restart ---------------------------------------------- */

typedef struct nf_it_restart_result {
    long inputs;              /* articles produced */
    long outputs_at_signal;   /* enriched records when the signal was sent */
    long outputs_first_run;   /* enriched records after the first run ended */
    long committed_first_run; /* inputs below the group's committed offsets after it */
    long past_commit;         /* inputs with an output but not committed after the first run */
    long duplicates;          /* extra outputs after the restart (inputs output twice or more) */
    long duplicated_inputs;   /* inputs with more than one output */
} nf_it_restart_result;

/**
 * @brief Produce \p n_articles over 3 partitions, start "newsflow run" (no --until-end, plus
 * \p extra "-X" values, NULL-terminated), send \p sig once the enriched topic holds
 * \p trigger records, wait for the exit (\p expect_exit), check that every committed input
 * has an output, then restart the same group with --until-end (exit 0) and check that every
 * input has an output and the group committed everything.
 */
void nf_it_interrupt_and_restart(const char *what, int sig, int expect_exit, long n_articles,
                                 long trigger, const char *const *extra,
                                 nf_it_restart_result *res);

int64_t nf_it_now_ms(void);
void nf_it_sleep_ms(int ms);

#endif
