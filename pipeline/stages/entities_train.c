/* Training data for the learned tagger: CoNLL files to article texts with gold spans, and the
 * training documents' features, computed by the very code the stage runs (dateline, the rule
 * tagger, nf_ef_extract). Used by tools/train_entities.c and the tests; not by the pipeline.
 *
 * CoNLL: "token<TAB>tag" lines, a blank line after each sentence, "-DOCSTART-" before each
 * document; tags O, B-X, I-X with X in PERSON, ORG, LOC, GPE, NORP (data/train/README.md).
 * A document becomes one text: tokens joined with the spacing of written English (no space
 * before , . 's n't ) and after ( $), sentences with a space, or a line break after a sentence
 * that does not end like one (headlines, list items), so the tagger sees text as it arrives. */
#include "pipeline/stages/entities_train.h"

#include "common/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int class_of_tag(const char *x)
{
    if (!strcmp(x, "PERSON") || !strcmp(x, "PER")) {
        return NF_EM_PER;
    }
    if (!strcmp(x, "ORG")) {
        return NF_EM_ORG;
    }
    if (!strcmp(x, "LOC") || !strcmp(x, "GPE")) {
        return NF_EM_LOC;
    }
    return NF_EM_NONE;   /* NORP and anything else: not a class of the model */
}

static bool no_space_before(const char *t)
{
    static const char *const v[] = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s",
                                    "'S", "n't", "N'T", "'re", "'ve", "'ll", "'d", "'m",
                                    "\xE2\x80\x99s", "'", "...", NULL};
    for (size_t k = 0; v[k]; k++) {
        if (!strcmp(t, v[k])) {
            return true;
        }
    }
    return false;
}

static bool no_space_after(const char *t)
{
    return !strcmp(t, "(") || !strcmp(t, "[") || !strcmp(t, "{") || !strcmp(t, "$") ||
           !strcmp(t, "#") || !strcmp(t, "``");
}

static bool ends_sentence(const char *t)
{
    return !strcmp(t, ".") || !strcmp(t, "!") || !strcmp(t, "?") || !strcmp(t, "\"") ||
           !strcmp(t, "'") || !strcmp(t, ")") || !strcmp(t, "''") || !strcmp(t, "...");
}

typedef struct builder {
    nf_buf text;
    nf_et_span *spans;
    size_t nspans, cap;
    bool quote_open;
    bool sent_start;
    const char *prev;          /* previous token of the sentence (static copy below) */
    char prevbuf[64];
    int open_cls;              /* class of the span being built, 0 = none */
    uint32_t open_start, open_end;
} builder;

static void close_span(builder *B)
{
    if (!B->open_cls) {
        return;
    }
    if (B->nspans == B->cap) {
        B->cap = B->cap ? B->cap * 2 : 64;
        B->spans = realloc(B->spans, B->cap * sizeof *B->spans);
    }
    B->spans[B->nspans].start = B->open_start;
    B->spans[B->nspans].end = B->open_end;
    B->spans[B->nspans].cls = (uint8_t)B->open_cls;
    B->nspans++;
    B->open_cls = 0;
}

static void add_token(builder *B, const char *tok, const char *tag)
{
    bool space = B->text.len > 0 && !B->sent_start && B->text.data[B->text.len - 1] != '\n';
    if (B->sent_start && B->text.len > 0) {
        nf_buf_putc(&B->text, ' ');
    }
    if (!strcmp(tok, "\"") || !strcmp(tok, "``") || !strcmp(tok, "''")) {
        tok = "\"";
        if (B->quote_open) {
            space = false;   /* closing quote */
        }
        B->quote_open = !B->quote_open;
    } else if (no_space_before(tok)) {
        space = false;
    }
    if (B->prev && (no_space_after(B->prev) || (!strcmp(B->prev, "\"") && B->quote_open))) {
        space = false;
    }
    if (space) {
        nf_buf_putc(&B->text, ' ');
    }
    uint32_t start = (uint32_t)B->text.len;
    nf_buf_puts(&B->text, tok);
    uint32_t end = (uint32_t)B->text.len;
    int cls = (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-' ? class_of_tag(tag + 2) : 0;
    if (tag[0] == 'B' || !cls || cls != B->open_cls) {
        close_span(B);
        if (cls) {
            B->open_cls = cls;
            B->open_start = start;
        }
    }
    if (cls) {
        B->open_end = end;
    }
    snprintf(B->prevbuf, sizeof B->prevbuf, "%s", tok);
    B->prev = B->prevbuf;
    B->sent_start = false;
}

static void end_sentence(builder *B)
{
    close_span(B);
    if (B->prev && !ends_sentence(B->prev)) {
        nf_buf_putc(&B->text, '\n');   /* a headline or a list item: a line of its own */
        B->sent_start = false;
        B->prev = NULL;
        B->quote_open = false;
        return;
    }
    B->sent_start = B->prev != NULL;
    B->prev = NULL;
    B->quote_open = false;
}

static void end_doc(builder *B, nf_et_doc **docs, size_t *n, size_t *cap)
{
    end_sentence(B);
    if (B->text.len == 0) {
        return;
    }
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *docs = realloc(*docs, *cap * sizeof **docs);
    }
    nf_et_doc *d = &(*docs)[(*n)++];
    d->len = (uint32_t)B->text.len;
    d->text = malloc(d->len + 1);
    memcpy(d->text, B->text.data, d->len);
    d->text[d->len] = '\0';
    d->spans = B->spans;
    d->nspans = (uint32_t)B->nspans;
    B->spans = NULL;
    B->nspans = B->cap = 0;
    nf_buf_reset(&B->text);
    B->sent_start = false;
    B->prev = NULL;
}

int nf_et_read_conll(const char *path, nf_et_doc **docs, size_t *ndocs, char *errstr,
                     size_t errstr_size)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(errstr, errstr_size, "%s: cannot open", path);
        return -1;
    }
    builder B;
    memset(&B, 0, sizeof B);
    nf_buf_init(&B.text);
    size_t cap = *ndocs;
    char line[4096];
    unsigned long lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r')) {
            line[--l] = '\0';
        }
        if (l == 0) {
            end_sentence(&B);
            continue;
        }
        if (!strcmp(line, "-DOCSTART-")) {
            end_doc(&B, docs, ndocs, &cap);
            continue;
        }
        char *tab = strchr(line, '\t');
        if (!tab || tab == line) {
            snprintf(errstr, errstr_size, "%s:%lu: want token<TAB>tag", path, lineno);
            fclose(f);
            nf_buf_fini(&B.text);
            free(B.spans);
            return -1;
        }
        *tab = '\0';
        add_token(&B, line, tab + 1);
    }
    end_doc(&B, docs, ndocs, &cap);
    fclose(f);
    nf_buf_fini(&B.text);
    free(B.spans);
    return 0;
}

void nf_et_free_docs(nf_et_doc *docs, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        free(docs[k].text);
        free(docs[k].spans);
    }
    free(docs);
}

void nf_et_prepare(nf_doc *doc, const char *text, uint32_t len)
{
    doc->field[NF_FIELD_TEXT] = text;
    doc->field_len[NF_FIELD_TEXT] = len;
}

void nf_et_features(const nf_et_stages *st, nf_doc *doc, uint32_t rows_log2, nf_ef_doc *fd)
{
    if (st->dateline) {
        st->dateline->process(st->dateline_ctx, doc);
    }
    uint32_t rule_from = doc->n_anns;
    nf_ent_marked *mk = nf_arena_alloc(&doc->arena, sizeof *mk);
    nf_ent_tag_doc(st->ent, doc, mk);
    nf_ef_extract(st->ent, doc, mk, rule_from, doc->n_anns, rows_log2, NULL, fd);
}

void nf_et_gold_tags(const nf_ef_doc *fd, const nf_et_doc *d, uint8_t *gold)
{
    for (uint32_t k = 0; k < fd->nsegs; k++) {
        const nf_ef_seg *sg = &fd->segs[k];
        const nf_tok *t = fd->mk->toks[sg->field].v;
        for (uint32_t i = sg->a; i < sg->b; i++) {
            uint8_t tag = NF_EM_O;
            if (sg->field == NF_FIELD_TEXT) {
                for (uint32_t s = 0; s < d->nspans; s++) {
                    const nf_et_span *sp = &d->spans[s];
                    if (t[i].start >= sp->start && t[i].start < sp->end) {
                        /* B at the span's first token, or where the segment cuts into it. */
                        bool first = i == sg->a || t[i - 1].start < sp->start;
                        tag = (uint8_t)(first ? 2 * sp->cls - 1 : 2 * sp->cls);
                        break;
                    }
                }
            }
            gold[sg->first + (i - sg->a)] = tag;
        }
    }
}

void *nf_et_stage_open(const nf_stage_def *def, nf_stage_env *env, const char *const *kv,
                       char *errstr, size_t errstr_size)
{
    void *ctx = calloc(1, def->ctx_size);
    nf_config *cfg = nf_config_new();
    int rc = 0;
    for (size_t k = 0; kv && kv[k] && rc == 0; k++) {
        rc = nf_config_set_arg(cfg, kv[k], errstr, errstr_size);
    }
    char prefix[64];
    snprintf(prefix, sizeof prefix, "stage.%s.", def->name);
    if (rc == 0) {
        rc = nf_opt_apply(def->options, prefix, cfg, ctx, errstr, errstr_size);
    }
    nf_config_destroy(cfg);
    if (rc == 0 && def->init) {
        rc = def->init(ctx, env, errstr, errstr_size);
    }
    if (rc != 0) {
        nf_et_stage_close(def, ctx);
        return NULL;
    }
    return ctx;
}

void nf_et_stage_close(const nf_stage_def *def, void *ctx)
{
    if (!ctx) {
        return;
    }
    if (def->fini) {
        def->fini(ctx);
    }
    nf_opt_release(def->options, ctx);
    free(ctx);
}
