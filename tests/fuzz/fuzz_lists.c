/* libFuzzer target: arbitrary watchlist and pattern files, and an arbitrary article, through
 * decode -> watchlist -> patterns -> encode.
 *
 * Input: "LIST \0 PATTERNS \0 TEXT" (missing parts are empty). The two files are written to a
 * temporary directory and loaded as stage.watchlist.files / stage.patterns.files (built-in
 * pack on, PCRE2 match limit 1000 so that hostile generated patterns stay quick). A file the
 * stages reject must be a clean configuration error (NULL pipeline with a message naming the
 * file); a pipeline that builds must enrich the article (valid UTF-8 text) without failing,
 * and a reload of the same files must succeed and give the same data digest. The patterns run
 * with a 256-byte window (stage.patterns.max_match_bytes) and again with one window for the
 * whole text: when neither record has a warning, they must be byte-identical.
 *
 * Build: cmake -S . -B build/fuzz -DCMAKE_C_COMPILER=clang -DNF_FUZZ=ON
 *              -DNF_SANITIZE=address,undefined && cmake --build build/fuzz --target fuzz_lists
 * Run:   build/fuzz/tests/fuzz/fuzz_lists -max_len=4096 CORPUS_DIR tests/fuzz/seeds */
#include "common/buf.h"
#include "common/doc.h"
#include "common/utf8.h"
#include "config/config.h"
#include "pipeline/pipeline.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char list_path[256], pat_path[256];

static void write_part(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p, 1, n, f) != n) {
        abort();
    }
    fclose(f);
}

/* The next NUL-separated part of [*p, end). */
static size_t next_part(const uint8_t **p, const uint8_t *end, const uint8_t **start)
{
    *start = *p;
    const uint8_t *nul = memchr(*p, 0, (size_t)(end - *p));
    size_t n = nul ? (size_t)(nul - *p) : (size_t)(end - *p);
    *p = nul ? nul + 1 : end;
    return n;
}

/* The pipeline over the two files, or NULL after checking the error names a file. */
static nf_pipeline *build(const char *window)
{
    const char *data_dir = getenv("NF_FUZZ_DATA_DIR");
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "pipeline.stages", "decode,watchlist,patterns,encode", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "pipeline.data_dir", data_dir ? data_dir : "data", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "stage.watchlist.files", list_path, NF_CFG_CLI, NULL);
    nf_config_set(cfg, "stage.patterns.files", pat_path, NF_CFG_CLI, NULL);
    nf_config_set(cfg, "stage.patterns.match_limit", "1000", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "stage.patterns.max_match_bytes", window, NF_CFG_CLI, NULL);
    char err[NF_ERRSTR_SIZE] = "";
    nf_pipeline *pl = nf_pipeline_new(cfg, err, sizeof err);
    nf_config_destroy(cfg);
    if (!pl && !strstr(err, list_path) && !strstr(err, pat_path) && !strstr(err, "builtin")) {
        fprintf(stderr, "error without the file's name: %s\n", err);
        abort();
    }
    return pl;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!list_path[0]) {
        snprintf(list_path, sizeof list_path, "/tmp/nf_fuzz_lists_%d.tsv", (int)getpid());
        snprintf(pat_path, sizeof pat_path, "/tmp/nf_fuzz_lists_%d.conf", (int)getpid());
    }
    const uint8_t *p = data, *end = data + size, *list, *pats, *text;
    size_t n_list = next_part(&p, end, &list);
    size_t n_pats = next_part(&p, end, &pats);
    size_t n_text = next_part(&p, end, &text);
    if (!nf_utf8_valid((const char *)text, n_text, NULL)) {
        return 0; /* decode dead-letters it before any stage runs */
    }
    write_part(list_path, list, n_list);
    write_part(pat_path, pats, n_pats);

    nf_pipeline *pl = build("256");
    if (!pl) {
        return 0;
    }
    nf_buf in;
    nf_buf_init(&in);
    nf_buf_append(&in, "{\"id\":\"f\",\"body\":", 17);
    nf_buf_json_str(&in, (const char *)text, n_text);
    nf_buf_putc(&in, '}');
    nf_doc doc;
    nf_doc_init(&doc);
    nf_doc_set_input(&doc, in.data, in.len, NULL, 0);
    int rc = nf_pipeline_process(pl, &doc);
    /* an empty body is dead-lettered by decode (code "empty"); anything else must pass */
    if (rc != NF_OK && n_text > 0 && strcmp(doc.err.stage, "decode") != 0) {
        fprintf(stderr, "stage %s failed: %s\n", doc.err.stage, doc.err.message);
        abort();
    }
    char *first = doc.out ? strdup(doc.out) : NULL;
    nf_pipeline *whole = build("16777216");
    if (whole) {
        nf_doc_reset(&doc);
        nf_doc_set_input(&doc, in.data, in.len, NULL, 0);
        /* the records differ in config_digest (the window is an option): compare before it */
        const char *a = first ? strstr(first, ",\"pipeline\":") : NULL;
        if (nf_pipeline_process(whole, &doc) == NF_OK && a && !strstr(first, "\"warnings\"") &&
            !strstr(doc.out, "\"warnings\"") &&
            strncmp(first, doc.out, (size_t)(a - first) + 12) != 0) {
            fprintf(stderr, "windows changed the matches:\n%s\n%s\n", first, doc.out);
            abort();
        }
        nf_pipeline_destroy(whole);
    }
    free(first);
    char err[NF_ERRSTR_SIZE];
    char digest[80];
    snprintf(digest, sizeof digest, "%s", nf_pipeline_get_info(pl)->data_digest);
    if (nf_pipeline_reload_sync(pl, err, sizeof err) != 0) {
        fprintf(stderr, "reloading the same files failed: %s\n", err);
        abort();
    }
    nf_doc_reset(&doc);
    nf_doc_set_input(&doc, in.data, in.len, NULL, 0);
    (void)nf_pipeline_process(pl, &doc);
    if (strcmp(nf_pipeline_get_info(pl)->data_digest, digest) != 0) {
        fprintf(stderr, "same files, another data digest\n");
        abort();
    }
    nf_doc_fini(&doc);
    nf_buf_fini(&in);
    nf_pipeline_destroy(pl);
    return 0;
}
