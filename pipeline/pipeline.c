/* Pipeline runner: builds the configured stages, runs them over one document at a time and
 * describes the configuration (config and data digests) that produced a record.
 *
 * A pipeline is built once per process and is immutable afterwards: the stage contexts (all
 * stage data: gazetteers, patterns, tables) and the digests are shared read-only by every
 * thread that processes articles. What a thread writes while processing lives outside it: the
 * document (its arena is the scratch memory) and an nf_pipeline_counters block of its own.
 * nf_pipeline_process() uses a counters block the pipeline carries for single-threaded callers;
 * that block is the only thing a const pipeline writes, so it lives in its own allocation.
 * The one exception to immutability is the reloadable stage data (load/unload): immutable
 * generations that a builder thread makes off the data path (nf_pipeline_reload) and each
 * counters block picks up between articles (see "Generations" below). */

#include "pipeline/pipeline.h"

#include "common/digest.h"
#include "common/err.h"
#include "common/xalloc.h"

#include "common/log.h"

#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef NF_DEFAULT_DATA_DIR
#define NF_DEFAULT_DATA_DIR "data"
#endif

#define PIPELINE_PREFIX "pipeline."
#define STAGE_PREFIX "stage."

const nf_opt nf_pipeline_options[] = {
    {"stages", NF_OPT_LIST, "decode,normalize,dateline,numbers,entities,watchlist,patterns,encode",
     offsetof(nf_pipeline_opts, stages), NULL,
     "stages to run, in order; decode first and encode last"},
    {"max_article_bytes", NF_OPT_INT, "1048576", offsetof(nf_pipeline_opts, max_article_bytes),
     "1..1073741824", "larger message values are dead-lettered (too_big) without being parsed"},
    {"data_dir", NF_OPT_STR, NF_DEFAULT_DATA_DIR, offsetof(nf_pipeline_opts, data_dir), NULL,
     "directory of the data files (gazetteers, currencies, units)"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

struct nf_stage_env {
    const char *data_dir;  /* borrowed from the pipeline options */
    nf_digest *digest;     /* data digest: relpath '\0' content, per file, in read order */
    bool finished;         /* nf_stage_env_data_digest() was called */
};

typedef struct stage_inst {
    const nf_stage_def *def;  /* registry entry */
    void *ctx;                /* calloc'd def->ctx_size (options applied), or NULL */
    char *prefix;             /* "stage.<name>." */
    bool opts_applied;        /* nf_opt_release needed */
    bool inited;              /* fini needed */
} stage_inst;

/*
 * Reloadable data. A generation is one immutable set of load() results (one per stage, NULL
 * for stages without) with the data digest that names it. The pipeline's hub publishes the
 * latest generation; every counters block (one per processing thread) holds a reference on the
 * generation its thread uses and moves to the latest one at the start of an article, so an
 * article is tagged by one generation from start to end and a generation is unloaded when the
 * last thread has left it.
 */
typedef struct pl_gen {
    atomic_uint refs;
    uint64_t number;            /* hub's publication count: 1 at start */
    const stage_inst *stages;   /* the pipeline's stages (their unload) */
    size_t n_stages;
    void **data;                /* per stage */
    char data_digest[80];
    nf_pipeline_info info;
} pl_gen;

typedef struct pl_hub {
    pthread_mutex_t mu;
    pl_gen *latest;                  /* one reference held by the hub */
    _Atomic uint64_t latest_no;      /* latest->number, readable without the lock */
    const struct nf_pipeline *owner; /* builds generations from its (read-only) stage ctxs */
    pthread_t builder;
    bool building;                   /* the builder thread runs */
    bool again;                      /* another reload was asked for while building */
    bool joinable;                   /* builder was started and not joined */
} pl_hub;

/* Per-thread counters: see the file comment. */
struct nf_pipeline_counters {
    bool timing;             /* measure ns per stage */
    size_t n;                /* stages */
    nf_stage_stats *st;      /* one per stage */
    nf_pipeline_observer *observer;   /* told each stage's time (metrics); may be NULL */
    void *observer_ctx;
    pl_gen *gen;             /* the generation this thread uses (one reference) */
};

struct nf_pipeline {
    nf_pipeline_opts opts;   /* "pipeline.*" */
    bool opts_applied;
    stage_inst *stages;      /* in processing order */
    size_t n_stages;
    nf_pipeline_counters *stats; /* for nf_pipeline_process(): written through a const
                                    pipeline, hence a separate allocation */
    char config_digest[80];  /* "sha256:<hex>" */
    char data_digest[80];    /* of the files init() read (the static part) */
    bool reloadable;         /* some stage has load(): data_digest covers its files too */
    pl_hub *hub;             /* the latest generation of reloadable data */
};

static char *concat(const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *s = nf_xmalloc(la + lb + lc + 1);
    memcpy(s, a, la);
    memcpy(s + la, b, lb);
    memcpy(s + la + lb, c, lc + 1);
    return s;
}

/* ---- Stage environment ------------------------------------------------------------------ */

nf_stage_env *nf_stage_env_new(const char *data_dir)
{
    nf_stage_env *env = nf_xcalloc(1, sizeof *env);
    env->data_dir = data_dir;
    env->digest = nf_digest_new();
    return env;
}

void nf_stage_env_data_digest(nf_stage_env *env, char out[80])
{
    assert(!env->finished);
    env->finished = true;
    nf_digest_final_str(env->digest, out);
}

void nf_stage_env_destroy(nf_stage_env *env)
{
    if (!env) {
        return;
    }
    nf_digest_destroy(env->digest);
    free(env);
}

/* Read \p path whole; \p digest_name and the bytes go into the env's digest. */
static char *read_whole(nf_stage_env *env, const char *path, const char *digest_name, size_t *len,
                        char *errstr, size_t errstr_size)
{
    assert(!env->finished);
    char *data = NULL;
    size_t n = 0, cap = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        nf_set_errstr(errstr, errstr_size, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    for (;;) {
        if (cap - n < 4096) {
            cap = cap ? cap * 2 : 64 * 1024;
            data = nf_xrealloc(data, cap + 1);
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(f)) {
        nf_set_errstr(errstr, errstr_size, "cannot read %s: %s", path, strerror(errno));
        fclose(f);
        free(data);
        return NULL;
    }
    fclose(f);
    data[n] = '\0';
    /* The NUL keeps "a" + "bc" apart from "ab" + "c". */
    nf_digest_update(env->digest, digest_name, strlen(digest_name) + 1);
    nf_digest_update(env->digest, data, n);
    if (len) {
        *len = n;
    }
    return data;
}

char *nf_stage_env_read_file(nf_stage_env *env, const char *relpath, size_t *len, char *errstr,
                             size_t errstr_size)
{
    char *path = concat(env->data_dir, "/", relpath);
    char sub[NF_ERRSTR_SIZE];
    /* The path below data_dir, not the full path: moving the data directory does not change
     * what the records say about their data. */
    char *data = read_whole(env, path, relpath, len, sub, sizeof sub);
    if (!data) {
        nf_set_errstr(errstr, errstr_size, "data file: %s (pipeline.data_dir = %s)", sub,
                      env->data_dir);
    }
    free(path);
    return data;
}

char *nf_stage_env_read_path(nf_stage_env *env, const char *path, size_t *len, char *errstr,
                             size_t errstr_size)
{
    const char *base = strrchr(path, '/');
    return read_whole(env, path, base ? base + 1 : path, len, errstr, errstr_size);
}

const char *nf_stage_env_data_dir(const nf_stage_env *env)
{
    return env->data_dir;
}

/* ---- Configuration digest --------------------------------------------------------------- */

typedef struct strvec {
    char **v;
    size_t n, cap;
} strvec;

static void strvec_push(strvec *sv, char *s)
{
    if (sv->n == sv->cap) {
        sv->cap = sv->cap ? sv->cap * 2 : 32;
        sv->v = nf_xrealloc(sv->v, sv->cap * sizeof *sv->v);
    }
    sv->v[sv->n++] = s;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One "key=value" line per option, rendered from the parsed value rather than the text the
 * user wrote: "yes" and "true", "a, b" and "a,b", or an explicit default give the same line. */
static void add_opt_lines(strvec *lines, const char *prefix, const nf_opt *opts,
                          const void *target)
{
    for (const nf_opt *o = opts; o && o->name; o++) {
        const char *field = (const char *)target + o->offset;
        char num[64];
        char *value = NULL;
        switch (o->type) {
        case NF_OPT_STR:
        case NF_OPT_ENUM: {
            const char *s = *(char *const *)(const void *)field;
            value = nf_xstrdup(s ? s : "");
            break;
        }
        case NF_OPT_INT:
            snprintf(num, sizeof num, "%" PRId64, *(const int64_t *)(const void *)field);
            value = nf_xstrdup(num);
            break;
        case NF_OPT_BOOL:
            value = nf_xstrdup(*(const bool *)(const void *)field ? "true" : "false");
            break;
        case NF_OPT_DOUBLE:
            snprintf(num, sizeof num, "%.17g", *(const double *)(const void *)field);
            value = nf_xstrdup(num);
            break;
        case NF_OPT_LIST: {
            const nf_strlist *l = (const nf_strlist *)(const void *)field;
            size_t n = 1;
            for (size_t i = 0; i < l->n; i++) {
                n += strlen(l->items[i]) + 1;
            }
            value = nf_xmalloc(n);
            value[0] = '\0';
            char *p = value;
            for (size_t i = 0; i < l->n; i++) {
                size_t k = strlen(l->items[i]);
                if (i) {
                    *p++ = ',';
                }
                memcpy(p, l->items[i], k);
                p += k;
                *p = '\0';
            }
            break;
        }
        }
        size_t kl = strlen(prefix) + strlen(o->name);
        char *line = nf_xmalloc(kl + strlen(value) + 3);
        snprintf(line, kl + strlen(value) + 3, "%s%s=%s\n", prefix, o->name, value);
        free(value);
        strvec_push(lines, line);
    }
}

static void compute_config_digest(nf_pipeline *pl)
{
    /* pipeline.data_dir says where the data is, not what it is (data_digest covers that). */
    strvec lines = {NULL, 0, 0};
    for (const nf_opt *o = nf_pipeline_options; o->name; o++) {
        if (strcmp(o->name, "data_dir") == 0) {
            continue;
        }
        nf_opt one[2] = {*o, {NULL, 0, NULL, 0, NULL, NULL}};
        add_opt_lines(&lines, PIPELINE_PREFIX, one, &pl->opts);
    }
    for (size_t i = 0; i < pl->n_stages; i++) {
        add_opt_lines(&lines, pl->stages[i].prefix, pl->stages[i].def->options,
                      pl->stages[i].ctx);
    }
    qsort(lines.v, lines.n, sizeof *lines.v, cmp_str);
    nf_digest *d = nf_digest_new();
    for (size_t i = 0; i < lines.n; i++) {
        nf_digest_update(d, lines.v[i], strlen(lines.v[i]));
        free(lines.v[i]);
    }
    free(lines.v);
    nf_digest_final_str(d, pl->config_digest);
    nf_digest_destroy(d);
}

/* ---- Generations of reloadable data ---------------------------------------------------- */

static void gen_release(pl_gen *g)
{
    if (!g || atomic_fetch_sub_explicit(&g->refs, 1, memory_order_acq_rel) != 1) {
        return;
    }
    for (size_t i = 0; i < g->n_stages; i++) {
        if (g->data[i] && g->stages[i].def->unload) {
            g->stages[i].def->unload(g->data[i]);
        }
    }
    free(g->data);
    free(g);
}

/* Run every load() of \p pl's stages; names the data by the static digest and, when there is
 * reloadable data, the digest of its files: the same files give the same digest whether they
 * were loaded at start or by a reload. */
static pl_gen *gen_build(const nf_pipeline *pl, char *errstr, size_t errstr_size)
{
    pl_gen *g = nf_xcalloc(1, sizeof *g);
    atomic_init(&g->refs, 1);
    g->stages = pl->stages;
    g->n_stages = pl->n_stages;
    g->data = nf_xcalloc(pl->n_stages ? pl->n_stages : 1, sizeof *g->data);
    nf_stage_env *env = nf_stage_env_new(pl->opts.data_dir);
    for (size_t i = 0; i < pl->n_stages; i++) {
        const stage_inst *si = &pl->stages[i];
        if (!si->def->load) {
            continue;
        }
        char sub[NF_ERRSTR_SIZE] = "";
        g->data[i] = si->def->load(si->ctx, env, sub, sizeof sub);
        if (!g->data[i]) {
            nf_set_errstr(errstr, errstr_size, "stage %s: %s", si->def->name,
                          sub[0] ? sub : "loading its data failed");
            nf_stage_env_destroy(env);
            gen_release(g);
            return NULL;
        }
    }
    char reload_digest[80];
    nf_stage_env_data_digest(env, reload_digest);
    nf_stage_env_destroy(env);
    if (pl->reloadable) {
        nf_digest *d = nf_digest_new();
        nf_digest_update(d, pl->data_digest, strlen(pl->data_digest) + 1);
        nf_digest_update(d, reload_digest, strlen(reload_digest));
        nf_digest_final_str(d, g->data_digest);
        nf_digest_destroy(d);
    } else {
        memcpy(g->data_digest, pl->data_digest, sizeof g->data_digest);
    }
    g->info.version = NF_VERSION;
    g->info.config_digest = pl->config_digest;
    g->info.data_digest = g->data_digest;
    return g;
}

static pl_gen *hub_acquire_latest(pl_hub *hub)
{
    pthread_mutex_lock(&hub->mu);
    pl_gen *g = hub->latest;
    atomic_fetch_add_explicit(&g->refs, 1, memory_order_relaxed);
    pthread_mutex_unlock(&hub->mu);
    return g;
}

static void hub_publish(pl_hub *hub, pl_gen *g)
{
    pthread_mutex_lock(&hub->mu);
    pl_gen *old = hub->latest;
    g->number = old ? old->number + 1 : 1;
    hub->latest = g;
    atomic_store_explicit(&hub->latest_no, g->number, memory_order_release);
    pthread_mutex_unlock(&hub->mu);
    gen_release(old);
}

static pl_hub *hub_new(const nf_pipeline *owner, pl_gen *first)
{
    pl_hub *hub = nf_xcalloc(1, sizeof *hub);
    pthread_mutex_init(&hub->mu, NULL);
    hub->owner = owner;
    hub_publish(hub, first);
    return hub;
}

static void hub_destroy(pl_hub *hub)
{
    if (!hub) {
        return;
    }
    if (hub->joinable) {
        pthread_join(hub->builder, NULL);
    }
    gen_release(hub->latest);
    pthread_mutex_destroy(&hub->mu);
    free(hub);
}

/* One reload: build, then publish, or keep what is there and say why. */
static int hub_rebuild(pl_hub *hub, char *errstr, size_t errstr_size)
{
    pl_gen *g = gen_build(hub->owner, errstr, errstr_size);
    if (!g) {
        NF_ERROR("reload failed, keeping data %s: %s", hub->latest->data_digest, errstr);
        return -1;
    }
    NF_INFO("reloaded: data %s (was %s)", g->data_digest, hub->latest->data_digest);
    hub_publish(hub, g);
    return 0;
}

static void *builder_main(void *arg)
{
    pl_hub *hub = arg;
    for (;;) {
        char errstr[NF_ERRSTR_SIZE];
        (void)hub_rebuild(hub, errstr, sizeof errstr);
        pthread_mutex_lock(&hub->mu);
        bool again = hub->again;
        hub->again = false;
        hub->building = again;
        pthread_mutex_unlock(&hub->mu);
        if (!again) {
            return NULL;
        }
    }
}

void nf_pipeline_reload(nf_pipeline *pl)
{
    pl_hub *hub = pl->hub;
    pthread_mutex_lock(&hub->mu);
    if (hub->building) {
        hub->again = true; /* the files may have changed after the running build read them */
        pthread_mutex_unlock(&hub->mu);
        return;
    }
    bool joinable = hub->joinable;
    hub->building = true;
    hub->joinable = false;
    pthread_mutex_unlock(&hub->mu);
    if (joinable) {
        pthread_join(hub->builder, NULL); /* finished: building was false */
    }
    if (pthread_create(&hub->builder, NULL, builder_main, hub) != 0) {
        char errstr[NF_ERRSTR_SIZE];
        NF_WARN("cannot start a reload thread; reloading on this one");
        (void)hub_rebuild(hub, errstr, sizeof errstr);
        pthread_mutex_lock(&hub->mu);
        hub->building = false;
        pthread_mutex_unlock(&hub->mu);
        return;
    }
    pthread_mutex_lock(&hub->mu);
    hub->joinable = true;
    pthread_mutex_unlock(&hub->mu);
}

void nf_pipeline_reload_wait(nf_pipeline *pl)
{
    pl_hub *hub = pl->hub;
    pthread_mutex_lock(&hub->mu);
    bool joinable = hub->joinable;
    hub->joinable = false;
    pthread_mutex_unlock(&hub->mu);
    if (joinable) {
        pthread_join(hub->builder, NULL);
    }
}

int nf_pipeline_reload_sync(nf_pipeline *pl, char *errstr, size_t errstr_size)
{
    nf_pipeline_reload_wait(pl);
    return hub_rebuild(pl->hub, errstr, errstr_size);
}

/*
 * Between articles: the generation the next article uses. \p slot is the caller's reference
 * (one per processing thread: here the pipeline's mutable block); it moves to the latest
 * generation when a reload published one, and the old one is released.
 */
static const pl_gen *gen_for_article(const nf_pipeline *pl, pl_gen **slot)
{
    uint64_t no = atomic_load_explicit(&pl->hub->latest_no, memory_order_acquire);
    if (no != (*slot)->number) {
        pl_gen *old = *slot;
        *slot = hub_acquire_latest(pl->hub);
        gen_release(old);
    }
    return *slot;
}

/* ---- Construction ----------------------------------------------------------------------- */

static void known_stages(char *out, size_t out_size)
{
    const nf_stage_def *const *reg = nf_stage_registry();
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; reg[i] && used < out_size; i++) {
        int n = snprintf(out + used, out_size - used, "%s%s", i ? ", " : "", reg[i]->name);
        if (n < 0) {
            break;
        }
        used += (size_t)n;
    }
}

/* Names, order and uniqueness of pipeline.stages. */
static int check_stage_list(const nf_strlist *names, char *errstr, size_t errstr_size)
{
    char known[256];
    known_stages(known, sizeof known);
    if (names->n == 0) {
        nf_set_errstr(errstr, errstr_size,
                "pipeline.stages is empty: it needs at least decode and encode (known stages: "
                "%s)",
                known);
        return -1;
    }
    for (size_t i = 0; i < names->n; i++) {
        const nf_stage_def *def = nf_stage_find(names->items[i]);
        if (!def) {
            nf_set_errstr(errstr, errstr_size, "pipeline.stages: unknown stage \"%s\" (known stages: %s)",
                    names->items[i], known);
            return -1;
        }
        if (def->version != NF_STAGE_ABI_V1 || !def->process) {
            nf_set_errstr(errstr, errstr_size,
                    "pipeline.stages: stage \"%s\" has an unsupported definition (ABI %d)",
                    def->name, def->version);
            return -1;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(names->items[i], names->items[j]) == 0) {
                nf_set_errstr(errstr, errstr_size, "pipeline.stages: stage \"%s\" is listed twice",
                        names->items[i]);
                return -1;
            }
        }
    }
    if (strcmp(names->items[0], "decode") != 0) {
        nf_set_errstr(errstr, errstr_size,
                "pipeline.stages: the first stage must be \"decode\" (it turns the message into "
                "an article), got \"%s\"",
                names->items[0]);
        return -1;
    }
    if (strcmp(names->items[names->n - 1], "encode") != 0) {
        nf_set_errstr(errstr, errstr_size,
                "pipeline.stages: the last stage must be \"encode\" (it writes the record), got "
                "\"%s\"",
                names->items[names->n - 1]);
        return -1;
    }
    return 0;
}

nf_pipeline *nf_pipeline_new(const nf_config *cfg, char *errstr, size_t errstr_size)
{
    nf_pipeline *pl = nf_xcalloc(1, sizeof *pl);
    nf_stage_env *env = NULL;
    char sub[NF_ERRSTR_SIZE];

    if (nf_opt_apply(nf_pipeline_options, PIPELINE_PREFIX, cfg, &pl->opts, errstr,
                     errstr_size) != 0) {
        goto fail;
    }
    pl->opts_applied = true;
    if (!pl->opts.data_dir || !*pl->opts.data_dir) {
        nf_set_errstr(errstr, errstr_size, "pipeline.data_dir is empty: it must name a directory");
        goto fail;
    }
    if (check_stage_list(&pl->opts.stages, errstr, errstr_size) != 0) {
        goto fail;
    }

    env = nf_stage_env_new(pl->opts.data_dir);
    pl->stages = nf_xcalloc(pl->opts.stages.n, sizeof *pl->stages);
    for (size_t i = 0; i < pl->opts.stages.n; i++) {
        stage_inst *si = &pl->stages[i];
        si->def = nf_stage_find(pl->opts.stages.items[i]);
        si->prefix = concat(STAGE_PREFIX, si->def->name, ".");
        si->ctx = si->def->ctx_size ? nf_xcalloc(1, si->def->ctx_size) : NULL;
        pl->n_stages = i + 1;
        if (si->def->options) {
            if (!si->ctx) {
                nf_set_errstr(errstr, errstr_size, "stage %s has options but no context",
                        si->def->name);
                goto fail;
            }
            if (nf_opt_apply(si->def->options, si->prefix, cfg, si->ctx, errstr, errstr_size) !=
                0) {
                goto fail;
            }
            si->opts_applied = true;
        }
        if (si->def->init) {
            sub[0] = '\0';
            /* fini must run even when init fails half-way (stage.h promises that). */
            si->inited = true;
            if (si->def->init(si->ctx, env, sub, sizeof sub) != 0) {
                nf_set_errstr(errstr, errstr_size, "stage %s: %s", si->def->name,
                        sub[0] ? sub : "initialisation failed");
                goto fail;
            }
        }
    }

    compute_config_digest(pl);
    nf_stage_env_data_digest(env, pl->data_digest);
    nf_stage_env_destroy(env);
    env = NULL;

    for (size_t i = 0; i < pl->n_stages; i++) {
        pl->reloadable |= pl->stages[i].def->load != NULL;
    }
    pl_gen *g = gen_build(pl, errstr, errstr_size);
    if (!g) {
        goto fail;
    }
    pl->hub = hub_new(pl, g);
    pl->stats = nf_pipeline_counters_new(pl);
    return pl;

fail:
    nf_stage_env_destroy(env);
    nf_pipeline_destroy(pl);
    return NULL;
}

void nf_pipeline_destroy(nf_pipeline *pl)
{
    if (!pl) {
        return;
    }
    /* Generations unload through the stages: they go before the stages do (every other
     * counters block, holding its own reference, is gone by now: see nf_pipeline_destroy). */
    nf_pipeline_counters_destroy(pl->stats);
    pl->stats = NULL;
    hub_destroy(pl->hub);
    for (size_t i = pl->n_stages; i-- > 0;) {
        stage_inst *si = &pl->stages[i];
        if (si->inited && si->def->fini) {
            si->def->fini(si->ctx);
        }
        if (si->opts_applied) {
            nf_opt_release(si->def->options, si->ctx);
        }
        free(si->ctx);
        free(si->prefix);
    }
    free(pl->stages);
    if (pl->opts_applied) {
        nf_opt_release(nf_pipeline_options, &pl->opts);
    }
    free(pl);
}

/* ---- Processing ------------------------------------------------------------------------- */

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

nf_pipeline_counters *nf_pipeline_counters_new(const nf_pipeline *pl)
{
    nf_pipeline_counters *c = nf_xcalloc(1, sizeof *c);
    c->n = pl->n_stages;
    c->st = nf_xcalloc(c->n ? c->n : 1, sizeof *c->st);
    for (size_t i = 0; i < c->n; i++) {
        nf_stage_stats *st = &c->st[i];
        const nf_stage_def *def = pl->stages[i].def;
        st->name = def->name;
        if (def->counter_names) {
            st->n_counters = def->counter_names(pl->stages[i].ctx, &st->counter_names);
            st->counters = nf_xcalloc(st->n_counters ? st->n_counters : 1, sizeof *st->counters);
        }
    }
    c->gen = hub_acquire_latest(pl->hub);
    return c;
}

void nf_pipeline_counters_destroy(nf_pipeline_counters *c)
{
    if (c) {
        gen_release(c->gen);
        for (size_t i = 0; i < c->n; i++) {
            free(c->st[i].counters);
        }
        free(c->st);
        free(c);
    }
}

size_t nf_pipeline_counters_get(const nf_pipeline_counters *c, const nf_stage_stats **out)
{
    *out = c->st;
    return c->n;
}

void nf_pipeline_counters_set_timing(nf_pipeline_counters *c, bool on)
{
    c->timing = on;
}

void nf_pipeline_counters_add(nf_pipeline_counters *into, const nf_pipeline_counters *from)
{
    for (size_t i = 0; i < into->n && i < from->n; i++) {
        into->st[i].docs += from->st[i].docs;
        into->st[i].failures += from->st[i].failures;
        into->st[i].bytes_in += from->st[i].bytes_in;
        into->st[i].ns += from->st[i].ns;
        for (size_t k = 0; k < into->st[i].n_counters && k < from->st[i].n_counters; k++) {
            into->st[i].counters[k] += from->st[i].counters[k];
        }
    }
}

int nf_pipeline_process(const nf_pipeline *pl, nf_doc *doc)
{
    return nf_pipeline_run(pl, pl->stats, doc);
}

int nf_pipeline_run(const nf_pipeline *pl, nf_pipeline_counters *stats, nf_doc *doc)
{

    const pl_gen *gen = gen_for_article(pl, &stats->gen);
    doc->pipeline = &gen->info;
    memset(&doc->err, 0, sizeof doc->err);
    if (doc->raw_len > (uint64_t)pl->opts.max_article_bytes) {
        nf_doc_fail(doc, NF_ETOOBIG,
                    "value is %zu bytes, more than pipeline.max_article_bytes = %" PRId64,
                    doc->raw_len, pl->opts.max_article_bytes);
        doc->err.stage = "input";
        return NF_ETOOBIG;
    }
    /* One clock read per stage: a stage's end is the next one's start. */
    uint64_t t0 = stats->timing ? now_ns() : 0;
    for (size_t i = 0; i < pl->n_stages; i++) {
        const stage_inst *si = &pl->stages[i];
        nf_stage_stats *st = &stats->st[i];
        st->docs++;
        st->bytes_in += i == 0 ? doc->raw_len
                               : (uint64_t)doc->field_len[NF_FIELD_TEXT] +
                                     doc->field_len[NF_FIELD_TITLE];
        doc->counters = st->counters;
        doc->stage_data = gen->data[i];
        nf_stage_rc rc = si->def->process(si->ctx, doc);
        doc->counters = NULL;
        if (stats->timing) {
            uint64_t t1 = now_ns();
            uint64_t ns = t1 - t0;
            t0 = t1;
            st->ns += ns;
            if (stats->observer) {
                stats->observer(stats->observer_ctx, i, ns);
            }
        }
        if (rc != NF_STAGE_OK) {
            st->failures++;
            doc->err.stage = si->def->name;
            if (doc->err.code == NF_OK) {
                doc->err.code = NF_ESTAGE;
            }
            if (!doc->err.message[0]) {
                snprintf(doc->err.message, sizeof doc->err.message, "stage %s failed",
                         si->def->name);
            }
            return doc->err.code;
        }
    }
    return NF_OK;
}

const nf_pipeline_info *nf_pipeline_get_info(const nf_pipeline *pl)
{
    return &pl->stats->gen->info;
}

size_t nf_pipeline_stats(const nf_pipeline *pl, const nf_stage_stats **out)
{
    return nf_pipeline_counters_get(pl->stats, out);
}

void nf_pipeline_set_timing(nf_pipeline *pl, bool on)
{
    pl->stats->timing = on;
}

void nf_pipeline_set_observer(nf_pipeline *pl, nf_pipeline_observer *fn, void *ctx)
{
    nf_pipeline_counters_set_observer(pl->stats, fn, ctx);
}

void nf_pipeline_counters_set_observer(nf_pipeline_counters *c, nf_pipeline_observer *fn,
                                       void *ctx)
{
    c->observer = fn;
    c->observer_ctx = ctx;
    c->timing = c->timing || fn != NULL;
}

/* ---- Option tables ---------------------------------------------------------------------- */

nf_opt_table *nf_pipeline_tables(void)
{
    const nf_stage_def *const *reg = nf_stage_registry();
    size_t n = 0;
    while (reg[n]) {
        n++;
    }
    nf_opt_table *t = nf_xcalloc(n + 2, sizeof *t);
    size_t k = 0;
    t[k].prefix = nf_xstrdup(PIPELINE_PREFIX);
    t[k++].opts = nf_pipeline_options;
    for (size_t i = 0; i < n; i++) {
        if (!reg[i]->options) {
            continue;
        }
        t[k].prefix = concat(STAGE_PREFIX, reg[i]->name, ".");
        t[k++].opts = reg[i]->options;
    }
    t[k].prefix = NULL;
    t[k].opts = NULL;
    return t;
}

void nf_pipeline_tables_free(nf_opt_table *tables)
{
    if (!tables) {
        return;
    }
    for (size_t i = 0; tables[i].prefix; i++) {
        free((char *)tables[i].prefix);
    }
    free(tables);
}
