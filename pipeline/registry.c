#include "pipeline/pipeline.h"

#include <string.h>

extern const nf_stage_def nf_stage_decode;
extern const nf_stage_def nf_stage_normalize;
extern const nf_stage_def nf_stage_dateline;
extern const nf_stage_def nf_stage_numbers;
extern const nf_stage_def nf_stage_entities;
extern const nf_stage_def nf_stage_watchlist;
extern const nf_stage_def nf_stage_patterns;
extern const nf_stage_def nf_stage_encode;

static const nf_stage_def *const registry[] = {
    &nf_stage_decode, &nf_stage_normalize, &nf_stage_dateline, &nf_stage_numbers,
    &nf_stage_entities, &nf_stage_watchlist, &nf_stage_patterns, &nf_stage_encode, NULL,
};

const nf_stage_def *const *nf_stage_registry(void)
{
    return registry;
}

const nf_stage_def *nf_stage_find(const char *name)
{
    for (size_t i = 0; registry[i]; i++) {
        if (strcmp(registry[i]->name, name) == 0) {
            return registry[i];
        }
    }
    return NULL;
}
