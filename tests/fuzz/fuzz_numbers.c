/* libFuzzer target: arbitrary text -> numbers stage.
 *
 * Input: the bytes are the article text; when they contain a NUL, the part before it is the
 * title and the rest the text. Inputs that are not valid UTF-8 are skipped (decode would
 * dead-letter them before any stage runs). The first byte also picks a publication date and a
 * dateline country, so the relative-date and currency-by-country paths are reached. Beyond "no
 * crash, no sanitizer report" it checks the invariants: every span inside its field, on
 * code-point boundaries, non-empty, appended in order without overlap; a known label; values
 * finite; DATE/TIME carry a value text, MONEY an ISO-looking currency; and the same mentions
 * when the fields are cut into shared tokens first (the token walk, as after the dateline
 * stage) as when the stage reads their bytes.
 *
 * Build: cmake -S . -B build/fuzz -DCMAKE_C_COMPILER=clang -DNF_FUZZ=ON
 *              -DNF_SANITIZE=address,undefined && cmake --build build/fuzz --target fuzz_numbers
 *        (tests/fuzz/CMakeLists.txt: nf_add_fuzzer(fuzz_numbers))
 * Run:   build/fuzz/tests/fuzz/fuzz_numbers -max_len=16384 CORPUS_DIR tests/fuzz/seeds
 * The data files are read from $NF_FUZZ_DATA_DIR, else NF_SOURCE_DIR/data when that is defined
 * at compile time, else ./data (run from the source tree). */
#include "common/doc.h"
#include "common/utf8.h"
#include "config/config.h"
#include "pipeline/pipeline.h"
#include "pipeline/stage.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const nf_stage_def nf_stage_numbers;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void *ctx;
static int ready;

static void die(const char *what)
{
    fprintf(stderr, "fuzz_numbers: %s\n", what);
    abort();
}

static void open_stage(void)
{
    char err[NF_ERRSTR_SIZE];
    const char *dir = getenv("NF_FUZZ_DATA_DIR");
#ifdef NF_SOURCE_DIR
    if (!dir) {
        dir = NF_SOURCE_DIR "/data";
    }
#endif
    if (!dir) {
        dir = "data";
    }
    nf_config *cfg = nf_config_new();
    ctx = calloc(1, nf_stage_numbers.ctx_size);
    nf_stage_env *env = nf_stage_env_new(dir);
    if (nf_opt_apply(nf_stage_numbers.options, "stage.numbers.", cfg, ctx, err, sizeof err) != 0 ||
        nf_stage_numbers.init(ctx, env, err, sizeof err) != 0) {
        die(err);
    }
    nf_stage_env_destroy(env);
    nf_config_destroy(cfg);
    ready = 1;
}

static const char *const LABELS[] = {"MONEY", "PERCENT", "CARDINAL", "ORDINAL",
                                     "QUANTITY", "DATE", "TIME"};

static void check(const nf_doc *doc)
{
    uint32_t last_end[NF_FIELD_COUNT] = {0};
    for (uint32_t i = 0; i < doc->n_anns; i++) {
        const nf_ann *a = &doc->anns[i];
        if (a->field >= NF_FIELD_COUNT || a->kind != NF_ANN_NUMBER) {
            die("bad field or kind");
        }
        const char *s = doc->field[a->field];
        uint32_t n = doc->field_len[a->field];
        if (!(a->start < a->end && a->end <= n)) {
            die("span out of bounds or empty");
        }
        if (!nf_utf8_is_boundary(s, n, a->start) || !nf_utf8_is_boundary(s, n, a->end)) {
            die("span splits a character");
        }
        if (a->start < last_end[a->field]) {
            die("spans overlap");
        }
        last_end[a->field] = a->end;
        int known = 0;
        for (size_t k = 0; k < sizeof LABELS / sizeof LABELS[0]; k++) {
            known |= a->label && strcmp(a->label, LABELS[k]) == 0;
        }
        if (!known) {
            die("unknown label");
        }
        if ((a->flags & NF_ANN_HAS_VALUE) && !isfinite(a->value)) {
            die("value not finite");
        }
        if ((a->flags & NF_ANN_HAS_VALUE_MAX) && !isfinite(a->value_max)) {
            die("value_max not finite");
        }
        if ((strcmp(a->label, "DATE") == 0 || strcmp(a->label, "TIME") == 0) && !a->value_text) {
            die("DATE/TIME without value");
        }
        if (strcmp(a->label, "MONEY") == 0 && (!a->currency || strlen(a->currency) != 3)) {
            die("MONEY without currency");
        }
    }
}

/* The fields, publication date and dateline of the input (see the top of the file). */
static void fill(nf_doc *doc, char *buf, size_t size, const uint8_t *data)
{
    char *nul = memchr(buf, '\0', size);
    if (nul) {
        doc->field[NF_FIELD_TITLE] = buf;
        doc->field_len[NF_FIELD_TITLE] = (uint32_t)(nul - buf);
        doc->field[NF_FIELD_TEXT] = nul + 1;
        doc->field_len[NF_FIELD_TEXT] = (uint32_t)(size - (size_t)(nul - buf) - 1);
    } else {
        doc->field[NF_FIELD_TEXT] = buf;
        doc->field_len[NF_FIELD_TEXT] = (uint32_t)size;
    }
    unsigned sel = size ? data[0] : 0;
    if (sel & 1) {
        doc->pub_year = 2000 + (int)(sel % 40);
        doc->pub_month = 1 + (int)(sel % 12);
        doc->pub_day = 1 + (int)(sel % 31); /* also impossible dates such as 02-30 */
    }
    if (sel & 2) {
        static const char *const cc[] = {"AU", "GB", "EG", "IN", "SE", "KZ", "XX", "US"};
        doc->dateline.present = true;
        doc->dateline.country = cc[(sel >> 2) % 8];
    }
}

static int same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The stage reads a field by its bytes when no stage before has cut it into shared tokens,
 * and walks the tokens otherwise (passing over words that start nothing): both must give the
 * same annotations. */
static void check_token_walk(const nf_doc *bytes, char *buf, size_t size, const uint8_t *data)
{
    nf_doc doc;
    nf_doc_init(&doc);
    fill(&doc, buf, size, data);
    uint32_t nt;
    nf_doc_tokens(&doc, NF_FIELD_TEXT, &nt);
    if (doc.field[NF_FIELD_TITLE]) {
        nf_doc_tokens(&doc, NF_FIELD_TITLE, &nt);
    }
    nf_stage_numbers.process(ctx, &doc);
    if (doc.n_anns != bytes->n_anns) {
        die("the token walk and the byte loop give different mentions");
    }
    for (uint32_t i = 0; i < doc.n_anns; i++) {
        const nf_ann *a = &doc.anns[i], *b = &bytes->anns[i];
        if (a->field != b->field || a->start != b->start || a->end != b->end ||
            !same_text(a->label, b->label) || a->flags != b->flags ||
            !(a->value == b->value || (isnan(a->value) && isnan(b->value))) ||
            !same_text(a->value_text, b->value_text) || !same_text(a->currency, b->currency)) {
            die("the token walk and the byte loop give different mentions");
        }
    }
    nf_doc_fini(&doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready) {
        open_stage();
    }
    if (!nf_utf8_valid((const char *)data, size, NULL)) {
        return 0;
    }
    char *buf = malloc(size + 1);
    memcpy(buf, data, size);
    buf[size] = '\0';
    nf_doc doc;
    nf_doc_init(&doc);
    fill(&doc, buf, size, data);
    nf_stage_numbers.process(ctx, &doc);
    check(&doc);
    check_token_walk(&doc, buf, size, data);
    nf_doc_fini(&doc);
    free(buf);
    return 0;
}
