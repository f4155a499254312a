#ifndef NF_PIPELINE_STAGE_H
#define NF_PIPELINE_STAGE_H

#include "common/doc.h"
#include "config/config.h"

#include <stddef.h>

/* A stage is one file with one job: doc in, doc out. Stages never include librdkafka. */

typedef enum nf_stage_rc {
    NF_STAGE_OK = 0,   /* continue with the next stage */
    NF_STAGE_FAIL,     /* article failed: the stage called nf_doc_fail(); dead-lettered */
} nf_stage_rc;

/* What a stage may use while it initialises. */
typedef struct nf_stage_env nf_stage_env;

/**
 * @brief Read a data file at \p relpath below the data directory (pipeline.data_dir) and add
 * its bytes to the pipeline's data digest. @returns a malloc'd NUL-terminated buffer (free()
 * it), its length in \p len; NULL with a message naming the path in \p errstr.
 */
char *nf_stage_env_read_file(nf_stage_env *env, const char *relpath, size_t *len, char *errstr,
                             size_t errstr_size);

/**
 * @brief Read a user's file (stage.watchlist.files, stage.patterns.files): \p path is absolute
 * or relative to the working directory, like -c. Its base name and bytes go into the digest
 * (moving the file does not change what records say about it). Same return as above.
 */
char *nf_stage_env_read_path(nf_stage_env *env, const char *path, size_t *len, char *errstr,
                             size_t errstr_size);

/** @brief The data directory (absolute or relative to the working directory). */
const char *nf_stage_env_data_dir(const nf_stage_env *env);

#define NF_STAGE_ABI_V1 1

typedef struct nf_stage_def {
    int version;               /* NF_STAGE_ABI_V1 */
    const char *name;          /* "numbers": also the option prefix "stage.numbers." */
    const char *description;   /* one line for --help */
    const nf_opt *options;     /* option table (may be NULL); filled into ctx before init */
    size_t ctx_size;           /* the runner callocs this much for ctx */
    /* Compile patterns, load data. ctx has its options applied. May be NULL. */
    int (*init)(void *ctx, nf_stage_env *env, char *errstr, size_t errstr_size);
    /* Per article. ctx is read-only here: per-article memory comes from doc->arena. */
    nf_stage_rc (*process)(const void *ctx, nf_doc *doc);
    /* Free what init allocated (not the option values); must accept a half-initialised ctx.
     * May be NULL. */
    void (*fini)(void *ctx);
    /* Names of the stage's counters (doc->counters[i] during process()), e.g. how often each
     * rule decided; `newsflow tag --stats` prints them. Called once after init. May be NULL. */
    size_t (*counter_names)(const void *ctx, const char *const **names);
    /* Reloadable data (both NULL for stages without): load() builds an immutable object from
     * the files the options name, at start and again on nf_pipeline_reload() -- then on a
     * builder thread while articles flow, so it may only read ctx. process() finds the
     * current object in doc->stage_data; the pipeline swaps objects between articles and
     * calls unload() when no pipeline uses one any more. Files read through env enter the
     * reloadable part of data_digest. */
    void *(*load)(const void *ctx, nf_stage_env *env, char *errstr, size_t errstr_size);
    void (*unload)(void *data);
} nf_stage_def;

#endif
