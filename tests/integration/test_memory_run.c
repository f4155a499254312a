/* Peak RSS of `newsflow run` within its memory budget (issue 7, item 5): for any mix of
 * article sizes, peak RSS <= run.memory_budget + stage data + a fixed allowance.
 *
 * - Stage data is measured by newsflow itself. It logs `stage_data_bytes=N` at start-up: the
 *   resident growth while the pipeline loaded (app/runner.c, log_memory).
 * - The fixed allowance is code, libraries, thread stacks and librdkafka's idle clients. It is
 *   measured here too: the peak RSS of the same command over an empty topic, minus its stage
 *   data. It must stay below ALLOWANCE_CAP_MIB so that it cannot hide a leak.
 * - Peak RSS is the child's VmHWM (/proc/PID/status), polled while it runs (wait_peak_rss_kib
 *   says why not wait4()'s ru_maxrss).
 * - The mix is many small articles and many large, number-dense ones (the most working memory
 *   per input byte) of 50 % to 97 % of pipeline.max_article_bytes. It comes through the real
 *   broker, with 2 workers and a small budget, so that the bound means something.
 *
 * Run with the budget broken (e.g. the in-flight window unbounded in bytes) this test fails:
 * checked by hand, not committed. */
#include "harness.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BUDGET_MIB 32
/* pipeline.max_article_bytes: the largest that a 32 MiB budget holds is 294,912 (one article
 * of that size needs 56x its size in flight, and articles get half the budget); the default
 * 1 MiB needs run.memory_budget >= 113 (newsflow refuses the pair: budget_too_small below) */
#define MAX_ARTICLE_BYTES 262144L
#define LARGE_EVERY 4               /* every 4th article is a large one */
#define TOTAL_BYTES (200L * 1000 * 1000)
#define ALLOWANCE_CAP_MIB 24        /* code + libraries + idle clients: measured ~10 MiB */

/* A number-dense article of about \p bytes (value), id "big-<n>". */
static char *dense_article(long n, size_t bytes, size_t *len)
{
    size_t cap = bytes + 512;
    char *s = malloc(cap);
    size_t k = (size_t)snprintf(s, cap, "{\"id\":\"big-%ld\",\"title\":\"Figures %ld\",\"body\":\"",
                                n, n);
    for (long i = 0; k + 200 < bytes; i++) {
        long a = 1 + (i * 7 + n) % 28, b = 5 + (i * 13) % 90, c = 2 + (i * 31) % 97;
        switch (i % 3) {
        case 0:
            k += (size_t)snprintf(s + k, cap - k, "On March %ld, 2024 the Central Bank of "
                                  "Kazakhstan raised rates by %ld basis points to %ld%%. ",
                                  a, b, c);
            break;
        case 1:
            k += (size_t)snprintf(s + k, cap - k, "Exports from Almaty rose %ld%% to $%ld "
                                  "billion, while imports fell %ld%% in the third quarter. ",
                                  a, b, c);
            break;
        default:
            k += (size_t)snprintf(s + k, cap - k, "The firm shipped %ld tonnes of wheat worth "
                                  "%ld million euros via Tashkent in %ld weeks. ", a, b, c);
            break;
        }
    }
    k += (size_t)snprintf(s + k, cap - k, "\",\"published_at\":\"2024-05-01\",\"language\":\"en\"}");
    *len = k;
    return s;
}

/* Produce the mix to \p topic (2 partitions, by key); returns its bytes and counts. */
static long produce_mix(const char *topic, long *n_articles, long *n_large)
{
    rd_kafka_t *p = nf_it_producer_new();
    /* large sizes cycle through 50 %..97 % of the limit */
    static const double frac[] = {0.50, 0.70, 0.85, 0.97};
    long bytes = 0, n = 0, large = 0;
    while (bytes < TOTAL_BYTES) {
        size_t len;
        char *v;
        char key[32];
        if (n % LARGE_EVERY == LARGE_EVERY - 1) {
            size_t want = (size_t)(frac[large % 4] * (double)MAX_ARTICLE_BYTES);
            v = dense_article(n, want, &len);
            snprintf(key, sizeof key, "big-%ld", n);
            large++;
        } else {
            v = nf_it_article(n, &len);
            snprintf(key, sizeof key, "a-%ld", n);
        }
        nf_it_produce(p, topic, (int32_t)(n % 2), key, strlen(key), v, len, NULL);
        free(v);
        bytes += (long)len;
        n++;
    }
    nf_it_producer_close(p);
    *n_articles = n;
    *n_large = large;
    return bytes;
}

/* VmHWM (KiB) of a running process once it runs newsflow (0 before its exec), or -1 once it
 * has no memory (exited). Between fork() and exec() the child is a copy of this test process,
 * whose VmHWM is this process's resident set: after produce_mix() that is its heap of queued
 * records (librdkafka's queue, kept by glibc after the producer closed), larger the slower
 * the broker acknowledged them. One poll in that window made the fork's VmHWM the "peak" of
 * newsflow: 62.9-65.1 MiB in full suites on a loaded machine, 83.4 MiB with the broker
 * stopped 0.2 s in every 0.25 s while the mix was produced, while newsflow's own VmHWM was
 * 54.8 MiB. Name (the executable's, set by exec) and VmHWM come from one read of status. */
static long vm_hwm_kib(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f) {
        return -1;
    }
    long kib = -1;
    bool exec_done = false;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "Name:", 5) == 0) {
            exec_done = strcmp(line + 5 + strspn(line + 5, " \t"), "newsflow\n") == 0;
        } else if (strncmp(line, "VmHWM:", 6) == 0) {
            kib = strtol(line + 6, NULL, 10);
        }
    }
    fclose(f);
    return exec_done ? kib : (kib < 0 ? -1 : 0);
}

/* Wait for \p p like nf_it_wait() and return its peak RSS (KiB): the kernel's high-water mark
 * of its own memory (VmHWM), read every 20 ms while it runs. Not wait4()'s ru_maxrss: that
 * one includes the forked copy of this test process (Linux keeps the larger across exec),
 * and this process holds the 200 MB it produced: 99.6 MiB was reported for a run whose own
 * resident memory never passed 44 MiB. The last 20 ms before exit are not seen; shutdown
 * only releases memory. */
static long wait_peak_rss_kib(nf_it_proc *p, int timeout_ms)
{
    int64_t deadline = nf_it_now_ms() + timeout_ms;
    int status = 0;
    long peak = -1;
    for (;;) {
        long hwm = vm_hwm_kib(p->pid);
        if (hwm > peak) {
            peak = hwm;
        }
        pid_t r = waitpid(p->pid, &status, WNOHANG);
        if (r == p->pid) {
            break;
        }
        cr_assert_eq(r, 0, "waitpid: %s", strerror(errno));
        if (nf_it_now_ms() >= deadline) {
            kill(p->pid, SIGKILL);
            waitpid(p->pid, &status, 0);
            p->done = true;
            nf_it_print_tail(p->name, p->err_path, 60);
            cr_assert_fail("%s did not exit within %d ms (killed)", p->name, timeout_ms);
        }
        nf_it_sleep_ms(20);
    }
    p->done = true;
    p->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (p->exit_code != 0) {
        nf_it_print_tail(p->name, p->err_path, 60);
    }
    cr_assert_eq(p->exit_code, 0, "%s exited with %d", p->name, p->exit_code);
    cr_assert_gt(peak, 0, "%s: no VmHWM read", p->name);
    return peak;
}

/* A "key=<number>" of newsflow's start-up memory line. */
static long long log_value(const char *log, const char *key)
{
    const char *at = strstr(log, key);
    cr_assert_not_null(at, "no %s in the log:\n%s", key, log);
    return strtoll(at + strlen(key), NULL, 10);
}

/* `newsflow run --until-end` over nm's topics with the test's budget and 2 workers; returns
 * the peak RSS (KiB) and the stage data (bytes) it logged. */
static long run_peak(nf_it_tmp *tmp, const nf_it_names *nm, const char *name,
                     long long *stage_data)
{
    nf_it_argv a = {0};
    nf_it_run_argv(&a, nm, true);
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "run.memory_budget=%d", BUDGET_MIB);
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "run.workers=2");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "pipeline.max_article_bytes=%ld", MAX_ARTICLE_BYTES);
    nf_it_proc run;
    nf_it_spawn(&run, tmp, name, &a, NULL, NULL);
    nf_it_argv_free(&a);
    long peak = wait_peak_rss_kib(&run, 900000);
    char *log = nf_it_slurp(run.err_path, NULL);
    cr_assert_not_null(log);
    *stage_data = log_value(log, "stage_data_bytes=");
    cr_assert_eq(log_value(log, "budget_bytes="), (long long)BUDGET_MIB << 20);
    free(log);
    return peak;
}

Test(memory_run, peak_rss_within_budget_plus_stage_data_for_a_mix_of_sizes, .timeout = 1500)
{
#ifdef NF_IT_UNDER_ASAN
    cr_skip_test("peak RSS under AddressSanitizer measures its shadow memory and quarantine");
#endif
    nf_it_require_broker();
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);

    /* the fixed allowance: the same command with nothing to do */
    nf_it_names idle;
    nf_it_names_init(&idle, "memidle");
    nf_it_create_topic(idle.in, 2);
    long long idle_stage;
    long idle_kib = run_peak(&tmp, &idle, "run-idle", &idle_stage);
    long long allowance = (long long)idle_kib * 1024 - idle_stage;
    nf_it_names_cleanup(&idle);

    nf_it_names nm;
    nf_it_names_init(&nm, "memmix");
    nf_it_create_topic(nm.in, 2);
    long n_articles, n_large;
    long in_bytes = produce_mix(nm.in, &n_articles, &n_large);
    long long stage;
    long peak_kib = run_peak(&tmp, &nm, "run-mix", &stage);

    long long budget = (long long)BUDGET_MIB << 20;
    long long bound = budget + stage + allowance;
    cr_log_info("run over %ld articles (%ld large), %ld bytes, run.memory_budget=%d MiB, "
                "2 workers: peak RSS %.1f MiB; bound %.1f MiB = budget %d + stage data %.1f + "
                "allowance %.1f (idle run: peak %.1f MiB, stage data %.1f)",
                n_articles, n_large, in_bytes, BUDGET_MIB, peak_kib / 1024.0,
                (double)bound / 1048576.0, BUDGET_MIB, (double)stage / 1048576.0,
                (double)allowance / 1048576.0, idle_kib / 1024.0, (double)idle_stage / 1048576.0);
    cr_assert_geq(in_bytes, TOTAL_BYTES);
    cr_assert_gt(stage, 4 << 20, "stage data of %lld bytes: not measured?", stage);
    cr_assert_lt(allowance, (long long)ALLOWANCE_CAP_MIB << 20,
                 "the fixed allowance (idle peak RSS - stage data) is %.1f MiB",
                 (double)allowance / 1048576.0);
    cr_assert_leq((long long)peak_kib * 1024, bound,
                  "peak RSS %.1f MiB > budget %d MiB + stage data %.1f MiB + allowance %.1f MiB",
                  peak_kib / 1024.0, BUDGET_MIB, (double)stage / 1048576.0,
                  (double)allowance / 1048576.0);
    /* and the work was done: every article came out, enriched or dead-lettered */
    cr_assert_eq(nf_it_topic_count(nm.out) + nf_it_topic_count(nm.dlq), n_articles);
    nf_it_names_cleanup(&nm);
    nf_it_tmp_remove(&tmp);
}

/* A budget that cannot hold one article of pipeline.max_article_bytes is a configuration
 * error (exit 2, before any broker contact) naming both keys and values that work: the bound
 * above could not hold for it. */
Test(memory_run, budget_too_small_for_the_largest_article_is_a_config_error, .timeout = 120)
{
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_argv a = {0};
    nf_it_argv_add(&a, "run");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "kafka.bootstrap.servers=127.0.0.1:1");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "metrics.listen=127.0.0.1:0");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "run.memory_budget=%d", BUDGET_MIB);
    nf_it_proc p;
    nf_it_spawn(&p, &tmp, "budget-too-small", &a, NULL, NULL);
    nf_it_argv_free(&a);
    nf_it_expect_exit(&p, 2, 60000);
    char *err = nf_it_slurp(p.err_path, NULL);
    cr_assert_not_null(err);
    static const char *const want[] = {"run.memory_budget = 32 MiB",
                                       "pipeline.max_article_bytes = 1048576",
                                       "at least 113", "at most 294912"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        cr_assert(strstr(err, want[i]), "no \"%s\" in: %s", want[i], err);
    }
    free(err);
    nf_it_tmp_remove(&tmp);
}

/* The peak reader ignores a child that has not exec'd newsflow yet: such a child is a copy of
 * this process, and here this process holds 64 MiB (as it holds its produced mix above). Read
 * as newsflow's VmHWM, that copy failed full suites (vm_hwm_kib's comment). */
Test(memory_run, a_child_before_exec_is_not_read_as_newsflow)
{
    size_t big = (size_t)64 << 20;
    char *mem = malloc(big);
    cr_assert_not_null(mem);
    memset(mem, 1, big); /* resident */
    int go[2];
    cr_assert_eq(pipe(go), 0);
    pid_t pid = fork();
    cr_assert_geq(pid, 0, "fork: %s", strerror(errno));
    if (pid == 0) {
        char c;
        close(go[1]);
        (void)!read(go[0], &c, 1); /* until the parent has read our status */
        _exit(0);
    }
    close(go[0]);
    long kib = vm_hwm_kib(pid);
    close(go[1]);
    int status;
    waitpid(pid, &status, 0);
    free(mem);
    cr_assert_eq(kib, 0, "a forked copy of the test (64 MiB resident) read as %ld KiB", kib);
}
