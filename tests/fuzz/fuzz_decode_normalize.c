/* libFuzzer target: message value -> decode -> normalize -> encode, plus the decode stage's fast
 * JSON scanner against jansson.
 *
 * Checks, beyond "no crash, no sanitizer report":
 *  - a processed article gives a record jansson parses, whose "text" is the document's text;
 *  - a failure carries a code, a stage and a message;
 *  - whenever the fast scanner accepts a value, jansson accepts it too and sees the same
 *    members (the scanner must never be more lenient than the reference).
 *
 * Build: cmake -S . -B build/fuzz -DCMAKE_C_COMPILER=clang -DNF_FUZZ=ON
 *              -DNF_SANITIZE=address,undefined && cmake --build build/fuzz --target
 *              fuzz_decode_normalize
 * Run:   build/fuzz/tests/fuzz/fuzz_decode_normalize -max_len=65536 CORPUS_DIR tests/fuzz/seeds
 */
#define nf_stage_decode fuzz_decode_copy
#include "pipeline/stages/decode.c"
#undef nf_stage_decode

#include "config/config.h"
#include "pipeline/pipeline.h"

#include <jansson.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const uint8_t *data, size_t size)
{
    fprintf(stderr, "fuzz_decode_normalize: %s (input of %zu bytes)\n", what, size);
    (void)data;
    abort();
}

static nf_pipeline *make(const char *whitespace, const char *plain_title)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "pipeline.stages", "decode,normalize,encode", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "stage.normalize.whitespace", whitespace, NF_CFG_CLI, NULL);
    nf_config_set(cfg, "stage.decode.plain_title", plain_title, NF_CFG_CLI, NULL);
    char err[NF_ERRSTR_SIZE];
    nf_pipeline *pl = nf_pipeline_new(cfg, err, sizeof err);
    nf_config_destroy(cfg);
    if (!pl) {
        fprintf(stderr, "fuzz_decode_normalize: %s\n", err);
        abort();
    }
    return pl;
}

static void check_record(const nf_doc *doc, const uint8_t *data, size_t size)
{
    json_error_t jerr;
    json_t *root = json_loadb(doc->out, doc->out_len, 0, &jerr);
    if (!root) {
        fail("record is not valid JSON", data, size);
    }
    const json_t *text = json_object_get(root, "text");
    if (!json_is_string(text) || json_string_length(text) != doc->field_len[NF_FIELD_TEXT] ||
        memcmp(json_string_value(text), doc->field[NF_FIELD_TEXT], json_string_length(text))) {
        fail("record text differs from the document text", data, size);
    }
    if (!nf_utf8_valid(doc->field[NF_FIELD_TEXT], doc->field_len[NF_FIELD_TEXT], NULL)) {
        fail("normalised text is not valid UTF-8", data, size);
    }
    json_decref(root);
}

static void check_scanner(nf_doc *doc, const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    if (!nf_utf8_valid(s, size, NULL)) {
        return; /* decode never hands invalid UTF-8 to either parser */
    }
    jval fast[K_COUNT], slow[K_COUNT];
    if (!fast_parse(s, size, fast)) {
        return;
    }
    nf_doc_reset(doc);
    json_t *root = jansson_parse(doc, s, size, slow);
    if (!root) {
        fail("fast scanner accepted what jansson rejects", data, size);
    }
    for (int k = 0; k < K_COUNT; k++) {
        if (fast[k].type != slow[k].type) {
            fail("scanner and jansson disagree on a member's type", data, size);
        }
        if (fast[k].type == J_STRING) {
            size_t fl = 0, sl = 0;
            long fc = -1, sc = -1;
            char *fs = copy_jstr(doc, &fast[k], &fl, &fc);
            char *ss = copy_jstr(doc, &slow[k], &sl, &sc);
            if (fl != sl || memcmp(fs, ss, fl) != 0) {
                fail("scanner and jansson disagree on a string", data, size);
            }
            if (fc != sc) {
                fail("scanner and jansson disagree on a string's first control character", data,
                     size);
            }
        }
        if (fast[k].type == J_INTEGER && fast[k].integer != slow[k].integer) {
            fail("scanner and jansson disagree on an integer", data, size);
        }
    }
    json_decref(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Built once: a fuzzing process is one thread, and building per input would dominate. */
    static nf_pipeline *fold, *keep;
    static nf_doc doc;
    if (!fold) {
        fold = make("fold", "false");
        keep = make("keep", "true");
        nf_doc_init(&doc);
    }
    nf_pipeline *pls[] = {fold, keep};
    for (size_t i = 0; i < 2; i++) {
        nf_doc_reset(&doc);
        nf_doc_set_input(&doc, data, size, size > 4 ? data : NULL, size > 4 ? 4 : 0);
        int rc = nf_pipeline_process(pls[i], &doc);
        if (rc == NF_OK) {
            check_record(&doc, data, size);
        } else if (rc != doc.err.code || !doc.err.stage || !doc.err.message[0]) {
            fail("failure without code, stage or message", data, size);
        }
    }
    check_scanner(&doc, data, size);
    nf_doc_reset(&doc);
    return 0;
}
