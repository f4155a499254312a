/* wl_bench: load time, memory and scan speed of the watchlist stage.
 *
 *   wl_bench LIST.tsv CORPUS.jsonl [REPEAT]
 *
 * 1. Builds a pipeline decode,normalize,watchlist,encode with stage.watchlist.files = LIST and
 *    reports the wall and CPU time of building it (the list load) and how much the resident
 *    set grew (the lists: one copy, shared by every worker pipeline).
 * 2. Reads CORPUS into memory and runs it REPEAT times (default 3) through that pipeline and
 *    through decode,normalize,encode, alternating; the stage's cost is the difference of the
 *    fastest passes in thread CPU time (CLOCK_THREAD_CPUTIME_ID: time other processes take
 *    on a shared machine is not counted). It includes cutting the tokens, which in the
 *    default pipeline the entities stage has already done (the token layer is shared).
 *    MB/s = title + text bytes after normalize per second of stage CPU.
 */
#include "pipeline/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double secs(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, res = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &res) != 2) {
            res = 0;
        }
        fclose(f);
    }
    return res * 4;
}

static nf_pipeline *build(const char *stages, const char *list)
{
    char errstr[NF_ERRSTR_SIZE];
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "pipeline.stages", stages, NF_CFG_CLI, NULL);
    nf_config_set(cfg, "stage.watchlist.files", list, NF_CFG_CLI, NULL);
    nf_pipeline *pl = nf_pipeline_new(cfg, errstr, sizeof errstr);
    nf_config_destroy(cfg);
    if (!pl) {
        fprintf(stderr, "wl_bench: %s\n", errstr);
        exit(2);
    }
    return pl;
}

typedef struct corpus {
    char **lines;
    size_t *lens;
    size_t n;
} corpus;

static void read_corpus(const char *path, corpus *c)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    char *line = NULL;
    size_t cap = 0, alloc = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (c->n == alloc) {
            alloc = alloc ? alloc * 2 : 1024;
            c->lines = realloc(c->lines, alloc * sizeof *c->lines);
            c->lens = realloc(c->lens, alloc * sizeof *c->lens);
        }
        c->lines[c->n] = malloc((size_t)len);
        memcpy(c->lines[c->n], line, (size_t)len);
        c->lens[c->n++] = (size_t)len;
    }
    free(line);
    fclose(f);
}

/* One pass: thread CPU seconds; *bytes gets title + text bytes, *hits the "list" members. */
static double pass(const nf_pipeline *pl, const corpus *c, nf_doc *doc, double *bytes,
                   long *hits)
{
    double t0 = secs(CLOCK_THREAD_CPUTIME_ID);
    *bytes = 0;
    *hits = 0;
    for (size_t i = 0; i < c->n; i++) {
        nf_doc_reset(doc);
        nf_doc_set_input(doc, c->lines[i], c->lens[i], NULL, 0);
        if (nf_pipeline_process(pl, doc) == NF_OK) {
            *bytes += doc->field_len[NF_FIELD_TEXT] + doc->field_len[NF_FIELD_TITLE];
            for (const char *s = doc->out; (s = strstr(s, "\"list\":")); s++) {
                (*hits)++;
            }
        }
    }
    return secs(CLOCK_THREAD_CPUTIME_ID) - t0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: wl_bench LIST.tsv CORPUS.jsonl [REPEAT]\n");
        return 2;
    }
    int repeat = argc > 3 ? atoi(argv[3]) : 3;
    long rss0 = rss_kib();
    double w0 = secs(CLOCK_MONOTONIC), c0 = secs(CLOCK_PROCESS_CPUTIME_ID);
    nf_pipeline *wl = build("decode,normalize,watchlist,encode", argv[1]);
    double w1 = secs(CLOCK_MONOTONIC), c1 = secs(CLOCK_PROCESS_CPUTIME_ID);
    long rss1 = rss_kib();
    printf("load %s: %.3f s wall, %.3f s CPU, resident set +%.1f MiB\n", argv[1], w1 - w0,
           c1 - c0, (double)(rss1 - rss0) / 1024.0);

    nf_pipeline *base = build("decode,normalize,encode", argv[1]);
    corpus c = {NULL, NULL, 0};
    read_corpus(argv[2], &c);
    nf_doc doc;
    nf_doc_init(&doc);
    double best_wl = 1e9, best_base = 1e9, bytes = 0;
    long hits = 0, base_hits;
    for (int r = 0; r < repeat; r++) {
        double t = pass(base, &c, &doc, &bytes, &base_hits);
        best_base = t < best_base ? t : best_base;
        t = pass(wl, &c, &doc, &bytes, &hits);
        best_wl = t < best_wl ? t : best_wl;
    }
    double stage = best_wl - best_base;
    printf("corpus %s: %zu articles, %.1f MB of text, %ld watchlist hits\n", argv[2], c.n,
           bytes / 1e6, hits);
    printf("fastest of %d: with watchlist %.3f s CPU, without %.3f s CPU\n", repeat, best_wl,
           best_base);
    printf("watchlist stage: %.3f s CPU = %.1f MB/s per core\n", stage,
           stage > 0 ? bytes / 1e6 / stage : 0.0);
    nf_doc_fini(&doc);
    nf_pipeline_destroy(base);
    nf_pipeline_destroy(wl);
    for (size_t i = 0; i < c.n; i++) {
        free(c.lines[i]);
    }
    free(c.lines);
    free(c.lens);
    return 0;
}
