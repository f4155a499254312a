/* Placeholder until the entities issue lands: annotates nothing. */
#include "pipeline/stage.h"

static nf_stage_rc process(const void *ctx, nf_doc *doc)
{
    (void)ctx;
    (void)doc;
    return NF_STAGE_OK;
}

const nf_stage_def nf_stage_entities = {
    .version = NF_STAGE_ABI_V1,
    .name = "entities",
    .description = "(not yet implemented) annotates nothing",
    .process = process,
};
