/* libFuzzer target: arbitrary text -> dateline -> entities.
 *
 * Input: the bytes are the article text; when they contain a NUL, the part before it is the
 * title and the rest the text. Inputs that are not valid UTF-8 are skipped, as decode would
 * dead-letter them before these stages run. Beyond "no crash, no sanitizer report" it checks
 * the span invariants: each entity inside its field, on code-point boundaries, with a known
 * label and a two-letter upper-case country, no two entities of one field overlapping, and the
 * dateline span inside the text.
 *
 * Build: cmake -S . -B build/fuzz -DCMAKE_C_COMPILER=clang -DNF_FUZZ=ON
 *              -DNF_SANITIZE=address,undefined && cmake --build build/fuzz --target fuzz_entities
 *        (tests/fuzz/CMakeLists.txt: nf_add_fuzzer(fuzz_entities))
 * Run:   build/fuzz/tests/fuzz/fuzz_entities -max_len=16384 CORPUS_DIR tests/fuzz/seeds
 * The gazetteer is read from $NF_FUZZ_DATA_DIR, else NF_SOURCE_DIR/data when that is defined at
 * compile time, else ./data (run from the source tree). */
#include "common/doc.h"
#include "common/utf8.h"
#include "config/config.h"
#include "pipeline/pipeline.h"
#include "pipeline/stage.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const nf_stage_def nf_stage_dateline;
extern const nf_stage_def nf_stage_entities;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct fuzz_stage {
    const nf_stage_def *def;
    void *ctx;
} fuzz_stage;

static fuzz_stage stages[2];
static int ready;

static void die(const char *what)
{
    fprintf(stderr, "fuzz_entities: %s\n", what);
    abort();
}

static void open_stage(fuzz_stage *st, const nf_stage_def *def, nf_stage_env *env)
{
    char err[NF_ERRSTR_SIZE];
    nf_config *cfg = nf_config_new();
    char prefix[64];
    st->def = def;
    st->ctx = calloc(1, def->ctx_size);
    snprintf(prefix, sizeof prefix, "stage.%s.", def->name);
    if (nf_opt_apply(def->options, prefix, cfg, st->ctx, err, sizeof err) != 0 ||
        def->init(st->ctx, env, err, sizeof err) != 0) {
        die(err);
    }
    nf_config_destroy(cfg);
}

static void setup(void)
{
    const char *dir = getenv("NF_FUZZ_DATA_DIR");
#ifdef NF_SOURCE_DIR
    if (!dir) {
        dir = NF_SOURCE_DIR "/data";
    }
#endif
    if (!dir) {
        dir = "data";   /* run from the source tree */
    }
    /* The stages keep what they loaded; the env is only needed while they initialise. */
    nf_stage_env *env = nf_stage_env_new(dir);
    open_stage(&stages[0], &nf_stage_dateline, env);
    open_stage(&stages[1], &nf_stage_entities, env);
    nf_stage_env_destroy(env);
    ready = 1;
}

static void check(const nf_doc *doc)
{
    static const char *const labels[] = {"PERSON", "ORG", "GPE", "LOC", "NORP"};
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        const nf_ann *a = &doc->anns[k];
        if (a->field >= NF_FIELD_COUNT) {
            die("bad field");
        }
        const char *s = doc->field[a->field];
        uint32_t len = doc->field_len[a->field];
        if (!(a->start < a->end && a->end <= len)) {
            die("span out of bounds or empty");
        }
        if (!nf_utf8_is_boundary(s, len, a->start) || !nf_utf8_is_boundary(s, len, a->end)) {
            die("span not on code-point boundaries");
        }
        int known = 0;
        for (size_t l = 0; l < sizeof labels / sizeof labels[0]; l++) {
            known |= a->label && !strcmp(a->label, labels[l]);
        }
        if (!known) {
            die("unknown label");
        }
        if (a->country && (strlen(a->country) != 2 || a->country[0] < 'A' ||
                           a->country[0] > 'Z' || a->country[1] < 'A' || a->country[1] > 'Z')) {
            die("bad country code");
        }
        for (uint32_t j = k + 1; j < doc->n_anns; j++) {
            const nf_ann *b = &doc->anns[j];
            if (b->field == a->field && a->start < b->end && b->start < a->end) {
                die("overlapping entities");
            }
        }
    }
    if (doc->dateline.present &&
        !(doc->dateline.start < doc->dateline.end &&
          doc->dateline.end <= doc->field_len[NF_FIELD_TEXT])) {
        die("dateline span out of bounds");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready) {
        setup();
    }
    if (!nf_utf8_valid((const char *)data, size, NULL)) {
        return 0;
    }
    /* NUL-terminated copies: stages see fields the way decode hands them over. */
    char *buf = malloc(size + 1);
    memcpy(buf, data, size);
    buf[size] = '\0';
    const char *title = NULL, *text = buf;
    size_t tlen = 0, xlen = size;
    char *nul = memchr(buf, '\0', size);
    if (nul) {
        title = buf;
        tlen = (size_t)(nul - buf);
        text = nul + 1;
        xlen = size - tlen - 1;
        if (memchr(text, '\0', xlen)) {
            free(buf);
            return 0;   /* fields never contain NUL */
        }
    }
    nf_doc doc;
    nf_doc_init(&doc);
    doc.field[NF_FIELD_TEXT] = text;
    doc.field_len[NF_FIELD_TEXT] = (uint32_t)xlen;
    doc.field[NF_FIELD_TITLE] = title;
    doc.field_len[NF_FIELD_TITLE] = (uint32_t)tlen;
    doc.pub_year = 2024;
    doc.pub_month = 1;
    doc.pub_day = 15;
    for (int k = 0; k < 2; k++) {
        if (stages[k].def->process(stages[k].ctx, &doc) != NF_STAGE_OK) {
            die("stage failed");
        }
    }
    check(&doc);
    nf_doc_fini(&doc);
    free(buf);
    return 0;
}

#ifdef NF_FUZZ_STANDALONE
/* Without libFuzzer: run each file named on the command line once (a smoke test, or replaying
 * a crash with gcc). */
int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        static uint8_t in[1 << 20];
        size_t n = fread(in, 1, sizeof in, f);
        fclose(f);
        LLVMFuzzerTestOneInput(in, n);
    }
    return 0;
}
#endif
