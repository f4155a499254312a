/* Memory of the pipeline threads (issue 7, item 5): one immutable copy of all stage data per
 * process, shared read-only by every worker; a finished article gives its memory back.
 *
 * `newsflow tag` over a worst-case article mix (ordinary articles with large number-dense ones
 * among them) must not take more than 1.3x the peak RSS with 2 workers than with 1; and the
 * stage data is loaded once however many workers there are (peak RSS of a one-article run with
 * 4 workers within 1.15x of 1 worker: a second copy of the ~20 MiB of stage data would show).
 * Peak RSS is the child's ru_maxrss from wait4(). No broker needed. */
#define _GNU_SOURCE /* wait4 */
#include "harness.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* A large article dense with numbers, places and dates: the most working memory per byte. */
static void write_heavy(FILE *f, long n, size_t bytes)
{
    fprintf(f, "{\"id\":\"heavy-%ld\",\"title\":\"Figures %ld\",\"body\":\"", n, n);
    size_t written = 0;
    for (long i = 0; written < bytes; i++) {
        long a = 1 + (i * 7 + n) % 28, b = 5 + (i * 13) % 90, c = 2 + (i * 31) % 97;
        int k;
        switch (i % 3) {
        case 0:
            k = fprintf(f, "On March %ld, 2024 the Central Bank of Kazakhstan raised rates by "
                           "%ld basis points to %ld%%.", a, b, c);
            break;
        case 1:
            k = fprintf(f, "Exports from Almaty rose %ld%% to $%ld billion, while imports fell "
                           "%ld%% in the third quarter.", a, b, c);
            break;
        default:
            k = fprintf(f, "The firm shipped %ld tonnes of wheat worth %ld million euros via "
                           "Tashkent in %ld weeks.", a, b, c);
            break;
        }
        fputc(' ', f);
        written += (size_t)k + 1;
    }
    fprintf(f, "\",\"published_at\":\"2024-05-01\",\"language\":\"en\"}\n");
}

static void write_mix(const char *path, long articles, long heavy_every, size_t heavy_bytes)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s: %s", path, strerror(errno));
    for (long n = 0; n < articles; n++) {
        if (heavy_every > 0 && n % heavy_every == heavy_every - 1) {
            write_heavy(f, n, heavy_bytes);
            continue;
        }
        size_t len;
        char *a = nf_it_article(n, &len);
        fwrite(a, 1, len, f);
        fputc('\n', f);
        free(a);
    }
    cr_assert_eq(fclose(f), 0);
}

/* Peak RSS (KiB) of `newsflow tag -X run.workers=<workers> <input>`; output to /dev/null. */
static long tag_peak_rss_kib(const char *input, int workers)
{
    char wk[64];
    snprintf(wk, sizeof wk, "run.workers=%d", workers);
    const char *bin = getenv("NF_IT_NEWSFLOW_BIN");
    if (!bin || !*bin) {
        bin = NF_NEWSFLOW_BIN;
    }
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        dup2(fd, 1);
        execl(bin, bin, "tag", "-X", wk, input, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    cr_assert_eq(wait4(pid, &status, 0, &ru), pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "newsflow tag (%s) failed: %d",
              wk, status);
    return ru.ru_maxrss;
}

Test(memory, two_workers_share_the_stage_data, .timeout = 240)
{
#ifdef NF_IT_UNDER_ASAN
    cr_skip_test("peak RSS under AddressSanitizer measures its shadow memory and quarantine");
#endif
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    char path[400];
    snprintf(path, sizeof path, "%s/mix.jsonl", tmp.path);
    /* 600 articles, every 60th a 600 KB number-dense one. */
    write_mix(path, 600, 60, 600 * 1024);
    long one = tag_peak_rss_kib(path, 1);
    long two = tag_peak_rss_kib(path, 2);
    cr_log_info("tag peak RSS: 1 worker %ld KiB, 2 workers %ld KiB (%.2fx)", one, two,
                (double)two / (double)one);
    cr_expect_leq((double)two, 1.3 * (double)one,
                  "2 workers take %ld KiB, more than 1.3x one worker's %ld KiB", two, one);
    nf_it_tmp_remove(&tmp);
}

Test(memory, stage_data_is_loaded_once_for_any_worker_count, .timeout = 120)
{
#ifdef NF_IT_UNDER_ASAN
    cr_skip_test("peak RSS under AddressSanitizer measures its shadow memory and quarantine");
#endif
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    char path[400];
    snprintf(path, sizeof path, "%s/one.jsonl", tmp.path);
    write_mix(path, 1, 0, 0);
    long one = tag_peak_rss_kib(path, 1);
    long four = tag_peak_rss_kib(path, 4);
    cr_log_info("tag peak RSS, one article: 1 worker %ld KiB, 4 workers %ld KiB", one, four);
    cr_expect_leq((double)four, 1.15 * (double)one,
                  "4 workers take %ld KiB, 1 worker %ld KiB: stage data loaded per worker?", four,
                  one);
    nf_it_tmp_remove(&tmp);
}
