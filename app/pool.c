#include "app/pool.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "pipeline/pipeline.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The window is a ring of jobs addressed by ever-growing counters:
 *   released <= claimed <= submitted, and submitted - released <= capacity.
 * [released, submitted) are in flight; [claimed, submitted) wait for a worker. */
typedef struct worker {
    nf_pool *pool;
    nf_pipeline_counters *counters;  /* the only pipeline state a worker writes */
    pthread_t thread;
    bool started;
} worker;

struct nf_pool {
    const nf_pipeline *pl;    /* shared by all workers, read-only */
    nf_pool_job *jobs;
    bool *done;               /* parallel to jobs */
    size_t capacity;
    size_t budget;            /* bytes; 0 = unlimited */
    size_t bytes;             /* charged by [released, submitted) and the acquired job */
    size_t lent;              /* budget taken by the producer's records past its share */
    uint64_t submitted, claimed, released;
    bool stopping;
    pthread_mutex_t mu;
    pthread_cond_t work;      /* a job was submitted, or stopping */
    pthread_cond_t finished;  /* a job was processed */
    worker *workers;
    int n_workers;
    nf_chunk_cache chunks;    /* first chunks of finished jobs' arenas, for the next articles */
};

/* A slot's document for its next article: its arena takes its chunks from the pool's cache. */
static void job_doc_init(nf_pool *pool, nf_pool_job *job)
{
    nf_doc_init(&job->doc);
    nf_arena_use_cache(&job->doc.arena, &pool->chunks);
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    nf_pool *pool = w->pool;
    pthread_mutex_lock(&pool->mu);
    for (;;) {
        while (!pool->stopping && pool->claimed == pool->submitted) {
            pthread_cond_wait(&pool->work, &pool->mu);
        }
        if (pool->stopping) {
            break;
        }
        size_t idx = (size_t)(pool->claimed++ % pool->capacity);
        pthread_mutex_unlock(&pool->mu);
        nf_pool_job *job = &pool->jobs[idx];
        job->rc = nf_pipeline_run(pool->pl, w->counters, &job->doc);
        pthread_mutex_lock(&pool->mu);
        pool->done[idx] = true;
        pthread_cond_broadcast(&pool->finished);
    }
    pthread_mutex_unlock(&pool->mu);
    return NULL;
}

nf_pool *nf_pool_new(const nf_pipeline *pl, int workers, size_t capacity, size_t budget_bytes,
                     char *errstr, size_t errstr_size)
{
    nf_pool *pool = nf_xcalloc(1, sizeof *pool);
    pool->pl = pl;
    pool->capacity = capacity;
    pool->budget = budget_bytes;
    pool->jobs = nf_xcalloc(capacity, sizeof *pool->jobs);
    pool->done = nf_xcalloc(capacity, sizeof *pool->done);
    /* As many free chunks as the window has slots: the window's articles start and finish in
     * bursts, and fewer left page faults (5,000 articles, 2 workers: 2 per worker 52k faults,
     * 4 per worker 35k, one per slot 10k; old main 15k). A chunk in use is charged to its
     * article (nf_article_cost); only the free ones are outside the budget, at most
     * capacity x 256 KiB (4 MiB with 2 workers), and only while the window is not full. */
    nf_doc tmp;
    nf_doc_init(&tmp);
    nf_chunk_cache_init(&pool->chunks, tmp.arena.chunk_size, capacity);
    nf_doc_fini(&tmp);
    for (size_t i = 0; i < capacity; i++) {
        job_doc_init(pool, &pool->jobs[i]);
    }
    pthread_mutex_init(&pool->mu, NULL);
    pthread_cond_init(&pool->work, NULL);
    pthread_cond_init(&pool->finished, NULL);
    pool->workers = nf_xcalloc((size_t)workers, sizeof *pool->workers);
    pool->n_workers = workers;
    for (int i = 0; i < workers; i++) {
        worker *w = &pool->workers[i];
        w->pool = pool;
        w->counters = nf_pipeline_counters_new(pl);
    }
    for (int i = 0; i < workers; i++) {
        worker *w = &pool->workers[i];
        if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
            nf_set_errstr(errstr, errstr_size, "cannot start worker thread %d: %s", i,
                          strerror(errno));
            nf_pool_destroy(pool);
            return NULL;
        }
        w->started = true;
    }
    return pool;
}

void nf_pool_set_observer(nf_pool *pool, nf_pipeline_observer *fn, void *ctx)
{
    /* Before the first submit: workers only read their counters block's observer afterwards. */
    for (int i = 0; i < pool->n_workers; i++) {
        nf_pipeline_counters_set_observer(pool->workers[i].counters, fn, ctx);
    }
}

void nf_pool_destroy(nf_pool *pool)
{
    if (!pool) {
        return;
    }
    pthread_mutex_lock(&pool->mu);
    pool->stopping = true;
    pthread_cond_broadcast(&pool->work);
    pthread_mutex_unlock(&pool->mu);
    for (int i = 0; i < pool->n_workers; i++) {
        if (pool->workers[i].started) {
            pthread_join(pool->workers[i].thread, NULL);
        }
        nf_pipeline_counters_destroy(pool->workers[i].counters);
    }
    for (size_t i = 0; i < pool->capacity; i++) {
        nf_doc_fini(&pool->jobs[i].doc);
    }
    nf_chunk_cache_fini(&pool->chunks);
    pthread_cond_destroy(&pool->work);
    pthread_cond_destroy(&pool->finished);
    pthread_mutex_destroy(&pool->mu);
    free(pool->workers);
    free(pool->jobs);
    free(pool->done);
    free(pool);
}

nf_pool_job *nf_pool_acquire(nf_pool *pool, size_t cost)
{
    /* Only this thread moves submitted, released and bytes, so no lock is needed here. */
    size_t pending = (size_t)(pool->submitted - pool->released);
    if (pending == pool->capacity) {
        return NULL;
    }
    if (pool->budget && pending > 0 && pool->bytes + pool->lent + cost > pool->budget) {
        return NULL;
    }
    nf_pool_job *job = &pool->jobs[pool->submitted % pool->capacity];
    nf_doc_reset(&job->doc);
    job->rc = 0;
    job->user = NULL;
    job->cost = cost;
    pool->bytes += cost;
    return job;
}

void nf_pool_submit(nf_pool *pool)
{
    pthread_mutex_lock(&pool->mu);
    pool->done[pool->submitted % pool->capacity] = false;
    pool->submitted++;
    pthread_cond_signal(&pool->work);
    pthread_mutex_unlock(&pool->mu);
}

nf_pool_job *nf_pool_next_done(nf_pool *pool, int timeout_ms)
{
    if (pool->released == pool->submitted) {
        return NULL;
    }
    size_t idx = (size_t)(pool->released % pool->capacity);
    pthread_mutex_lock(&pool->mu);
    if (!pool->done[idx] && timeout_ms > 0) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += timeout_ms / 1000;
        until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        while (!pool->done[idx]) {
            if (pthread_cond_timedwait(&pool->finished, &pool->mu, &until) == ETIMEDOUT) {
                break;
            }
        }
    }
    bool ready = pool->done[idx];
    pthread_mutex_unlock(&pool->mu);
    return ready ? &pool->jobs[idx] : NULL;
}

void nf_pool_release(nf_pool *pool)
{
    nf_pool_job *job = &pool->jobs[pool->released % pool->capacity];
    /* A finished job gives all its memory back now, not when its slot is reused: idle slots
     * hold no scratch, so the window's bytes are all the articles hold (a kept first chunk
     * per slot was up to capacity x 256 KiB outside the budget). Chunks of the normal size go
     * to the pool's cache, for the next articles to reuse. */
    nf_doc_fini(&job->doc);
    job_doc_init(pool, job);
    pool->bytes -= job->cost;
    job->cost = 0;
    pool->released++;
}

void nf_pool_set_lent(nf_pool *pool, size_t bytes)
{
    pool->lent = bytes;
}

size_t nf_pool_pending(const nf_pool *pool)
{
    return (size_t)(pool->submitted - pool->released);
}

size_t nf_pool_bytes(const nf_pool *pool)
{
    return pool->bytes;
}

void nf_pool_counters(nf_pool *pool, nf_pipeline_counters *into)
{
    pthread_mutex_lock(&pool->mu); /* the workers' last writes happen before their unlock */
    for (int i = 0; i < pool->n_workers; i++) {
        nf_pipeline_counters_add(into, pool->workers[i].counters);
    }
    pthread_mutex_unlock(&pool->mu);
}
