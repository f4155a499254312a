/* numbers_tool: the numbers stage on its own, outside the pipeline.
 *
 *   numbers_tool tag [-d DATA_DIR] [FILE]     JSONL {"id","text","title","published_at",
 *                                             "dateline_country"} in; one line per article
 *                                             out with "numbers" (code-point offsets)
 *   numbers_tool bench [-d DATA_DIR] [-r REPEAT] FILE
 *                                             time the stage over the "text" (or "body") of
 *                                             every line, REPEAT times; prints MB/s of
 *                                             article text
 *
 * Only the stage's own files are linked (through its private header), so the tool builds
 * even while other stages are being written. */
#include "pipeline/stages/numbers/numbers.h"

#include "common/buf.h"
#include "common/doc.h"
#include "common/utf8.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef NF_DEFAULT_DATA_DIR
#define NF_DEFAULT_DATA_DIR "data"
#endif

static char *read_file(void *arg, const char *relpath, size_t *len, char *errstr,
                       size_t errstr_size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", (const char *)arg, relpath);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(errstr, errstr_size, "cannot open %s", path);
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        snprintf(errstr, errstr_size, "cannot read %s", path);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

static void parse_date(nf_doc *doc, const char *s)
{
    int y, m, d;
    if (s && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3) {
        doc->pub_year = y;
        doc->pub_month = m;
        doc->pub_day = d;
    }
}

static void put_ann(nf_buf *b, const nf_doc *doc, const nf_ann *a)
{
    const char *f = doc->field[a->field];
    size_t cs = nf_utf8_count(f, a->start);
    size_t ce = cs + nf_utf8_count(f + a->start, a->end - a->start);
    nf_buf_printf(b, "{\"label\":\"%s\",\"text\":", a->label);
    nf_buf_json_str(b, f + a->start, a->end - a->start);
    nf_buf_printf(b, ",\"start\":%zu,\"end\":%zu", cs, ce);
    if (a->field == NF_FIELD_TITLE) {
        nf_buf_puts(b, ",\"field\":\"title\"");
    }
    if (a->flags & NF_ANN_HAS_VALUE) {
        nf_buf_puts(b, ",\"value\":");
        nf_buf_json_num(b, a->value);
    } else if (a->value_text) {
        nf_buf_puts(b, ",\"value\":");
        nf_buf_json_str(b, a->value_text, strlen(a->value_text));
    }
    if (a->flags & NF_ANN_HAS_VALUE_MAX) {
        nf_buf_puts(b, ",\"value_max\":");
        nf_buf_json_num(b, a->value_max);
    }
    if (a->currency) {
        nf_buf_printf(b, ",\"currency\":\"%s\"", a->currency);
    }
    if (a->unit) {
        nf_buf_printf(b, ",\"unit\":\"%s\"", a->unit);
    }
    if (a->extra_json) {
        nf_buf_printf(b, ",%s", a->extra_json);
    }
    nf_buf_putc(b, '}');
}

static int usage(void)
{
    fprintf(stderr, "usage: numbers_tool tag [-d DATA_DIR] [FILE]\n"
                    "       numbers_tool bench [-d DATA_DIR] [-r REPEAT] FILE\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        return usage();
    }
    const char *mode = argv[1], *data_dir = NF_DEFAULT_DATA_DIR, *file = NULL;
    int repeat = 20;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-d") == 0 && i + 1 < argc) {
            data_dir = argv[++i];
        } else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc) {
            repeat = atoi(argv[++i]);
        } else {
            file = argv[i];
        }
    }
    nf_numbers_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.relative_dates = true;
    ctx.title = true;
    char err[512];
    if (nf_numbers_load(&ctx, read_file, (void *)data_dir, err, sizeof err) != 0) {
        fprintf(stderr, "numbers_tool: %s\n", err);
        return 1;
    }
    FILE *in = file ? fopen(file, "r") : stdin;
    if (!in) {
        fprintf(stderr, "numbers_tool: cannot open %s\n", file);
        return 1;
    }
    nf_doc doc;
    nf_doc_init(&doc);
    nf_buf out;
    nf_buf_init(&out);
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int rc = 0;
    if (strcmp(mode, "tag") == 0) {
        while ((got = getline(&line, &cap, in)) > 0) {
            json_error_t je;
            json_t *j = json_loadb(line, (size_t)got, 0, &je);
            if (!j) {
                continue;
            }
            nf_doc_reset(&doc);
            json_t *jt = json_object_get(j, "text"), *jh = json_object_get(j, "title");
            doc.field[NF_FIELD_TEXT] = json_string_value(jt);
            doc.field_len[NF_FIELD_TEXT] = (uint32_t)json_string_length(jt);
            doc.field[NF_FIELD_TITLE] = json_string_value(jh);
            doc.field_len[NF_FIELD_TITLE] = (uint32_t)json_string_length(jh);
            parse_date(&doc, json_string_value(json_object_get(j, "published_at")));
            const char *cc = json_string_value(json_object_get(j, "dateline_country"));
            if (cc) {
                doc.dateline.present = true;
                doc.dateline.country = cc;
            }
            nf_numbers_process(&ctx, &doc);
            nf_doc_sort_anns(&doc);
            nf_buf_reset(&out);
            nf_buf_puts(&out, "{\"id\":");
            json_t *id = json_object_get(j, "id");
            if (json_is_string(id)) {
                nf_buf_json_str(&out, json_string_value(id), json_string_length(id));
            } else {
                nf_buf_puts(&out, "null");
            }
            nf_buf_puts(&out, ",\"numbers\":[");
            for (uint32_t k = 0; k < doc.n_anns; k++) {
                if (k) {
                    nf_buf_putc(&out, ',');
                }
                put_ann(&out, &doc, &doc.anns[k]);
            }
            nf_buf_puts(&out, "]}\n");
            fwrite(out.data, 1, out.len, stdout);
            json_decref(j);
        }
    } else if (strcmp(mode, "bench") == 0) {
        /* Load every text first so that only the stage is timed. */
        char **texts = NULL;
        size_t nt = 0, total = 0;
        while ((got = getline(&line, &cap, in)) > 0) {
            json_t *j = json_loadb(line, (size_t)got, 0, NULL);
            const char *text = j ? json_string_value(json_object_get(j, "text")) : NULL;
            if (!text && j) {
                /* The pipeline's input records (scripts/gen_corpus.py) call it "body". */
                text = json_string_value(json_object_get(j, "body"));
            }
            if (text) {
                texts = realloc(texts, (nt + 1) * sizeof *texts);
                texts[nt++] = strdup(text);
                total += strlen(text);
            }
            json_decref(j);
        }
        struct timespec t0, t1;
        size_t anns = 0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (int r = 0; r < repeat; r++) {
            for (size_t k = 0; k < nt; k++) {
                nf_doc_reset(&doc);
                doc.field[NF_FIELD_TEXT] = texts[k];
                doc.field_len[NF_FIELD_TEXT] = (uint32_t)strlen(texts[k]);
                doc.pub_year = 2020;
                doc.pub_month = 1;
                doc.pub_day = 15;
                nf_numbers_process(&ctx, &doc);
                anns += doc.n_anns;
            }
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        double mb = (double)total * repeat / 1e6;
        printf("numbers stage: %zu articles x %d = %.1f MB of text in %.3f s: %.1f MB/s "
               "(%zu annotations)\n",
               nt, repeat, mb, secs, mb / secs, anns);
        for (size_t k = 0; k < nt; k++) {
            free(texts[k]);
        }
        free(texts);
    } else {
        rc = usage();
    }
    free(line);
    if (in != stdin) {
        fclose(in);
    }
    nf_buf_fini(&out);
    nf_doc_fini(&doc);
    nf_numbers_unload(&ctx);
    return rc;
}
