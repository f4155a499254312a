/* The worker pool: every worker runs the one shared pipeline (same records as one thread, in
 * submission order), counters per worker add up, and the in-flight window is bounded in bytes
 * (a job that does not fit waits, a lone job is always admitted, release returns the bytes). */
#include "app/app.h"
#include "app/pool.h"
#include "pipeline/pipeline.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nf_pipeline *build(void)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "pipeline.stages", "decode,normalize,dateline,numbers,entities,encode",
                  NF_CFG_CLI, NULL);
    char err[NF_ERRSTR_SIZE];
    nf_pipeline *pl = nf_pipeline_new(cfg, err, sizeof err);
    nf_config_destroy(cfg);
    cr_assert_not_null(pl, "%s", err);
    return pl;
}

#define N_ARTICLES 200

static char *article(int n)
{
    char *s = malloc(256);
    snprintf(s, 256,
             "{\"id\":\"a-%d\",\"body\":\"ASTANA, May %d. Kazakhstan's exports rose %d%% to "
             "$%d.5 billion, the National Bank said.\"}",
             n, 1 + n % 28, n % 90, n);
    return s;
}

Test(pool, workers_share_one_pipeline_and_keep_order)
{
    nf_pipeline *pl = build();
    char err[NF_ERRSTR_SIZE];
    nf_pool *pool = nf_pool_new(pl, 3, 8, 0, err, sizeof err);
    cr_assert_not_null(pool, "%s", err);
    char *in[N_ARTICLES];
    char *expect[N_ARTICLES];
    nf_doc doc;
    nf_doc_init(&doc);
    for (int i = 0; i < N_ARTICLES; i++) {
        in[i] = article(i);
        nf_doc_reset(&doc);
        nf_doc_set_input(&doc, in[i], strlen(in[i]), NULL, 0);
        cr_assert_eq(nf_pipeline_process(pl, &doc), 0, "%s", doc.err.message);
        expect[i] = strndup(doc.out, doc.out_len);
    }
    nf_doc_fini(&doc);
    int next_out = 0;
    for (int i = 0; i < N_ARTICLES || nf_pool_pending(pool) > 0;) {
        nf_pool_job *job = i < N_ARTICLES ? nf_pool_acquire(pool, 1) : NULL;
        if (job) {
            nf_doc_set_input(&job->doc, in[i], strlen(in[i]), NULL, 0);
            job->user = in[i];
            nf_pool_submit(pool);
            i++;
            continue;
        }
        nf_pool_job *done = nf_pool_next_done(pool, 1000);
        if (done) {
            cr_assert_eq(done->user, in[next_out], "results out of order");
            cr_assert_eq(done->rc, 0);
            cr_assert_eq(done->doc.out_len, strlen(expect[next_out]));
            cr_assert_eq(memcmp(done->doc.out, expect[next_out], done->doc.out_len), 0,
                         "record %d differs from the single-thread one", next_out);
            next_out++;
            nf_pool_release(pool);
        }
    }
    cr_assert_eq(next_out, N_ARTICLES);
    /* Per-worker counters add up to every article once per stage. */
    nf_pipeline_counters *sum = nf_pipeline_counters_new(pl);
    nf_pool_counters(pool, sum);
    const nf_stage_stats *st;
    size_t n = nf_pipeline_counters_get(sum, &st);
    cr_assert_eq(n, 6);
    for (size_t s = 0; s < n; s++) {
        cr_assert_eq(st[s].docs, N_ARTICLES, "stage %s ran %llu times", st[s].name,
                     (unsigned long long)st[s].docs);
    }
    nf_pipeline_counters_destroy(sum);
    nf_pool_destroy(pool);
    nf_pipeline_destroy(pl);
    for (int i = 0; i < N_ARTICLES; i++) {
        free(in[i]);
        free(expect[i]);
    }
}

Test(pool, window_is_bounded_in_bytes)
{
    nf_pipeline *pl = build();
    char err[NF_ERRSTR_SIZE];
    nf_pool *pool = nf_pool_new(pl, 2, 16, 1000, err, sizeof err);
    cr_assert_not_null(pool, "%s", err);
    const char *v = "{\"body\":\"x\"}";
    /* A lone job larger than the whole budget is admitted: nothing may stall the stream. */
    nf_pool_job *job = nf_pool_acquire(pool, 5000);
    cr_assert_not_null(job);
    nf_doc_set_input(&job->doc, v, strlen(v), NULL, 0);
    nf_pool_submit(pool);
    cr_assert_eq(nf_pool_bytes(pool), 5000);
    cr_assert_null(nf_pool_acquire(pool, 1), "budget exceeded, yet a job was admitted");
    cr_assert_not_null(nf_pool_next_done(pool, 5000));
    nf_pool_release(pool);
    cr_assert_eq(nf_pool_bytes(pool), 0, "release returns the job's bytes");
    /* Jobs of 400 bytes: two fit in 1000, the third waits. */
    for (int i = 0; i < 2; i++) {
        job = nf_pool_acquire(pool, 400);
        cr_assert_not_null(job, "job %d", i);
        nf_doc_set_input(&job->doc, v, strlen(v), NULL, 0);
        nf_pool_submit(pool);
    }
    cr_assert_null(nf_pool_acquire(pool, 400));
    cr_assert_eq(nf_pool_pending(pool), 2);
    while (nf_pool_pending(pool) > 0) {
        if (nf_pool_next_done(pool, 1000)) {
            nf_pool_release(pool);
        }
    }
    cr_assert_not_null(nf_pool_acquire(pool, 400));
    nf_pool_submit(pool);
    nf_pool_destroy(pool);
    nf_pipeline_destroy(pl);
}

Test(memory_plan, budget_is_shared_out_and_documented_default_is_at_most_128_mib)
{
    const nf_opt *o = nf_run_options;
    while (o->name && strcmp(o->name, "memory_budget") != 0) {
        o++;
    }
    cr_assert_not_null(o->name, "run.memory_budget is not an option");
    cr_assert_leq(atoll(o->def), 128);
    nf_memory_plan p = nf_memory_plan_of(128);
    cr_assert_eq(p.fetch_queue + p.produce_queue + p.in_flight, (size_t)128 << 20);
    cr_assert_gt(p.fetch_queue, 0);
    cr_assert_gt(p.produce_queue, 0);
    cr_assert_gt(p.in_flight, 0);
}

/* The in-flight half of the budget must hold one article of pipeline.max_article_bytes, charged
 * at nf_article_cost(): the defaults do, 32 MiB with 1 MiB articles does not (the message
 * names both keys and the values that work), 32 MiB with 256 KiB articles does. */
Test(memory_plan, budget_must_hold_one_largest_article)
{
    char err[512] = "";
    cr_assert_eq(nf_memory_plan_check(128, 1048576, err, sizeof err), 0, "%s", err);
    cr_assert_eq(nf_memory_plan_check(32, 262144, err, sizeof err), 0, "%s", err);
    cr_assert_eq(nf_memory_plan_check(32, 1048576, err, sizeof err), -1);
    cr_assert(strstr(err, "run.memory_budget = 32 MiB"), "%s", err);
    cr_assert(strstr(err, "pipeline.max_article_bytes = 1048576"), "%s", err);
    cr_assert(strstr(err, "at least 113"), "%s", err);
    cr_assert(strstr(err, "at most 294912"), "%s", err);
    /* the values it suggests work */
    cr_assert_eq(nf_memory_plan_check(113, 1048576, err, sizeof err), 0, "%s", err);
    cr_assert_eq(nf_memory_plan_check(32, 294912, err, sizeof err), 0, "%s", err);
    cr_assert_eq(nf_memory_plan_check(112, 1048576, err, sizeof err), -1);
    cr_assert_eq(nf_memory_plan_check(32, 294913 + 56, err, sizeof err), -1);
}
