/* newsflow tag: the pipeline alone, like jq: JSONL (or plain text) in, enriched JSONL out. */
#include "app/app.h"
#include "app/pool.h"
#include "common/buf.h"
#include "common/doc.h"
#include "common/xalloc.h"
#include "pipeline/pipeline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void tag_usage(FILE *out)
{
    fprintf(out,
            "usage: newsflow tag [-c FILE] [-X KEY=VALUE]... [--plain] [--stats] [FILE...]\n"
            "\n"
            "Read articles (one JSON object per line; stdin when no FILE or FILE is -), run the\n"
            "pipeline, write one enriched record per line to stdout in the same order.\n"
            "A bad line gives {\"id\":...,\"error\":{\"stage\",\"code\",\"message\"}} on stdout and a\n"
            "message on stderr; the exit code is still 0.\n"
            "\n"
            "  --plain   each FILE (or all of stdin) is one plain-text article\n"
            "  --stats   print per-stage counts, time and MB/s to stderr at the end (runs the\n"
            "            pipeline on one thread, so the figures are per core)\n"
            "\n"
            "Articles are processed on run.workers threads (0 = one per CPU); the output order\n"
            "is the input order either way.\n");
}

typedef struct tag_state {
    const nf_pipeline *pl;     /* one thread */
    nf_pool *pool;             /* or worker threads (results still in input order) */
    nf_doc doc;
    nf_buf line_out;
    unsigned long long n_ok, n_bad;
} tag_state;

/* Where an input came from, for error messages; lives in the job's arena. */
typedef struct tag_origin {
    const char *where;
    unsigned long long lineno;
} tag_origin;

static void write_result(tag_state *st, const nf_doc *doc, int rc, const tag_origin *from)
{
    if (rc == NF_OK) {
        fwrite(doc->out, 1, doc->out_len, stdout);
        fputc('\n', stdout);
        st->n_ok++;
        return;
    }
    st->n_bad++;
    nf_buf *b = &st->line_out;
    nf_buf_reset(b);
    nf_buf_puts(b, "{\"id\":");
    if (doc->id) {
        nf_buf_json_str(b, doc->id, strlen(doc->id));
    } else {
        nf_buf_puts(b, "null");
    }
    nf_buf_puts(b, ",\"error\":{\"stage\":");
    nf_buf_json_str(b, doc->err.stage, strlen(doc->err.stage));
    nf_buf_puts(b, ",\"code\":");
    const char *code = nf_err_name(doc->err.code);
    nf_buf_json_str(b, code, strlen(code));
    nf_buf_puts(b, ",\"message\":");
    nf_buf_json_str(b, doc->err.message, strlen(doc->err.message));
    nf_buf_puts(b, "}}\n");
    fwrite(b->data, 1, b->len, stdout);
    fprintf(stderr, "newsflow tag: %s:%llu: %s: %s\n", from->where, from->lineno, doc->err.stage,
            doc->err.message);
}

/* Write the results at the head of the pool's window; with \p all, until it is empty. */
static void drain(tag_state *st, bool all)
{
    while (nf_pool_pending(st->pool) > 0) {
        nf_pool_job *job = nf_pool_next_done(st->pool, all ? 1000 : 0);
        if (!job) {
            if (all) {
                continue;
            }
            return;
        }
        write_result(st, &job->doc, job->rc, job->user);
        nf_pool_release(st->pool);
    }
}

static void tag_one(tag_state *st, const char *value, size_t len, const char *where,
                    unsigned long long lineno)
{
    if (!st->pool) {
        tag_origin from = {where, lineno};
        nf_doc_reset(&st->doc);
        nf_doc_set_input(&st->doc, value, len, NULL, 0);
        int rc = nf_pipeline_process(st->pl, &st->doc);
        write_result(st, &st->doc, rc, &from);
        return;
    }
    nf_pool_job *job;
    while ((job = nf_pool_acquire(st->pool, nf_article_cost(len))) == NULL) {
        nf_pool_job *head = nf_pool_next_done(st->pool, 1000);
        if (head) {
            write_result(st, &head->doc, head->rc, head->user);
            nf_pool_release(st->pool);
        }
    }
    /* The line buffer is reused for the next line: the job keeps its own copy. */
    char *copy = nf_arena_strndup(&job->doc.arena, value, len);
    tag_origin *from = nf_arena_alloc(&job->doc.arena, sizeof *from);
    *from = (tag_origin){where, lineno};
    nf_doc_set_input(&job->doc, copy, len, NULL, 0);
    job->user = from;
    nf_pool_submit(st->pool);
    drain(st, false);
}

static int tag_stream(tag_state *st, FILE *in, const char *where, int plain)
{
    if (plain) {
        nf_buf all;
        nf_buf_init(&all);
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) {
            nf_buf_append(&all, chunk, n);
        }
        tag_one(st, all.data ? all.data : "", all.len, where, 1);
        nf_buf_fini(&all);
        return ferror(in) ? -1 : 0;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long long lineno = 0;
    while ((n = getline(&line, &cap, in)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
            len--;
        }
        if (len == 0) {
            continue; /* blank lines separate nothing in JSONL */
        }
        tag_one(st, line, len, where, lineno);
    }
    free(line);
    return ferror(in) ? -1 : 0;
}

static void print_stats(const nf_pipeline *pl)
{
    const nf_stage_stats *ss = NULL;
    size_t n = nf_pipeline_stats(pl, &ss);
    for (size_t i = 0; i < n; i++) {
        double secs = (double)ss[i].ns / 1e9;
        double mbs = secs > 0 ? (double)ss[i].bytes_in / 1e6 / secs : 0.0;
        fprintf(stderr,
                "stage %-10s docs %10llu failures %8llu bytes %12llu seconds %9.3f MB/s %9.1f\n",
                ss[i].name, (unsigned long long)ss[i].docs, (unsigned long long)ss[i].failures,
                (unsigned long long)ss[i].bytes_in, secs, mbs);
        for (size_t k = 0; k < ss[i].n_counters; k++) {
            fprintf(stderr, "stage %-10s %-24s %12llu\n", ss[i].name, ss[i].counter_names[k],
                    (unsigned long long)ss[i].counters[k]);
        }
    }
}

int nf_cmd_tag(int argc, char **argv, char **envp)
{
    nf_cli_common cli;
    char **rest = nf_xcalloc((size_t)argc + 1, sizeof *rest);
    const char **files = nf_xcalloc((size_t)argc + 1, sizeof *files);
    int n_rest = 0, n_files = 0, plain = 0, stats = 0;
    int rc = NF_EXIT_USAGE;
    nf_config *cfg = NULL;
    nf_pipeline *pl = NULL;
    char errstr[NF_ERRSTR_SIZE];
    tag_state st;
    memset(&st, 0, sizeof st);
    nf_doc_init(&st.doc);
    nf_buf_init(&st.line_out);
    if (nf_cli_parse_common(argc, argv, &cli, rest, &n_rest, "tag") != 0) {
        goto done;
    }
    for (int i = 0; i < n_rest; i++) {
        if (strcmp(rest[i], "-h") == 0 || strcmp(rest[i], "--help") == 0) {
            tag_usage(stdout);
            rc = NF_EXIT_OK;
            goto done;
        } else if (strcmp(rest[i], "--plain") == 0) {
            plain = 1;
        } else if (strcmp(rest[i], "--stats") == 0) {
            stats = 1;
        } else if (rest[i][0] == '-' && rest[i][1] != '\0') {
            fprintf(stderr, "newsflow tag: unknown option '%s'\n", rest[i]);
            tag_usage(stderr);
            goto done;
        } else {
            files[n_files++] = rest[i];
        }
    }
    cfg = nf_app_load_config(&cli, envp);
    if (!cfg) {
        goto done;
    }
    nf_memory_tune_malloc();
    pl = nf_pipeline_new(cfg, errstr, sizeof errstr);
    if (!pl) {
        fprintf(stderr, "newsflow tag: %s\n", errstr);
        goto done;
    }
    nf_pipeline_set_timing(pl, stats != 0);
    st.pl = pl;
    nf_run_opts ro;
    memset(&ro, 0, sizeof ro);
    if (nf_opt_apply(nf_run_options, "run.", cfg, &ro, errstr, sizeof errstr) != 0) {
        fprintf(stderr, "newsflow tag: configuration error: %s\n", errstr);
        rc = NF_EXIT_USAGE;
        goto done;
    }
    int workers = nf_workers_of(ro.workers);
    nf_memory_plan mem = nf_memory_plan_of(ro.memory_budget);
    nf_opt_release(nf_run_options, &ro);
    if (!stats && workers > 1) {
        /* The workers share pl (one copy of the stage data). */
        st.pool = nf_pool_new(pl, workers, (size_t)workers * 8, mem.in_flight, errstr,
                              sizeof errstr);
        if (!st.pool) {
            fprintf(stderr, "newsflow tag: %s\n", errstr);
            rc = NF_EXIT_USAGE;
            goto done;
        }
    }
    rc = NF_EXIT_OK;
    if (n_files == 0) {
        files[n_files++] = "-";
    }
    for (int i = 0; i < n_files; i++) {
        FILE *in = strcmp(files[i], "-") == 0 ? stdin : fopen(files[i], "rb");
        if (!in) {
            fprintf(stderr, "newsflow tag: cannot open %s: %s\n", files[i], strerror(errno));
            rc = NF_EXIT_RUNTIME;
            continue;
        }
        if (tag_stream(&st, in, strcmp(files[i], "-") == 0 ? "<stdin>" : files[i], plain) != 0) {
            fprintf(stderr, "newsflow tag: read error on %s\n", files[i]);
            rc = NF_EXIT_RUNTIME;
        }
        if (in != stdin) {
            fclose(in);
        }
    }
    if (st.pool) {
        drain(&st, true);
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "newsflow tag: write error: %s\n", strerror(errno));
        rc = NF_EXIT_RUNTIME;
    }
    if (stats) {
        fprintf(stderr, "tag: %llu enriched, %llu errors\n", st.n_ok, st.n_bad);
        print_stats(pl);
    }
done:
    nf_pool_destroy(st.pool);
    nf_pipeline_destroy(pl);
    nf_config_destroy(cfg);
    nf_doc_fini(&st.doc);
    nf_buf_fini(&st.line_out);
    free(cli.overrides);
    free(rest);
    free(files);
    return rc;
}
