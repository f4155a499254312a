#ifndef NF_COMMON_DOC_H
#define NF_COMMON_DOC_H

#include "common/arena.h"
#include "common/err.h"
#include "common/tokens.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The one document type that flows consumer -> pipeline stages -> producer.
 * Everything reachable from a doc is arena-owned (valid until nf_doc_reset()) unless a field
 * says "borrowed". Spans are half-open BYTE ranges into the field's UTF-8; the encode stage turns
 * them into code-point offsets once, when it writes the record. */

typedef enum nf_field {
    NF_FIELD_TEXT = 0,   /* normalised body: sorts first (record-format: no "field" key) */
    NF_FIELD_TITLE = 1,  /* "field": "title" */
    NF_FIELD_COUNT
} nf_field;

typedef enum nf_ann_kind {
    NF_ANN_ENTITY = 0,   /* goes to "entities" */
    NF_ANN_NUMBER = 1,   /* goes to "numbers" */
} nf_ann_kind;

enum {
    NF_ANN_HAS_VALUE = 1 << 0,      /* value is set: written as a JSON number */
    NF_ANN_HAS_VALUE_MAX = 1 << 1,  /* value_max is set (ranges: $1.2-1.5 billion) */
};

typedef struct nf_ann {
    uint8_t field;           /* nf_field */
    uint8_t kind;            /* nf_ann_kind */
    uint8_t flags;           /* NF_ANN_HAS_* */
    uint32_t start;          /* byte offset into the field, inclusive */
    uint32_t end;            /* byte offset, exclusive */
    const char *label;       /* "GPE", "MONEY", ...: static string */
    double value;            /* numeric value when NF_ANN_HAS_VALUE */
    double value_max;        /* upper end of a range when NF_ANN_HAS_VALUE_MAX */
    const char *value_text;  /* "value" as a JSON string when there is no numeric value
                                (DATE: ISO 8601 "2023-11-28", "P3Y"); static or arena; may be NULL */
    const char *unit;        /* QUANTITY unit, PERCENT "pp"; may be NULL */
    const char *currency;    /* MONEY: ISO 4217; may be NULL */
    const char *country;     /* GPE/NORP/places: ISO 3166-1 alpha-2; may be NULL */
    const char *canonical;   /* canonical place name or linked full person name; may be NULL */
    const char *extra_json;  /* more members, already JSON: "\"value_str\":\"…\",\"mod\":\"approx\""
                                (no leading/trailing comma); arena; may be NULL */
} nf_ann;

typedef struct nf_dateline {
    bool present;            /* a dateline was found */
    uint32_t start, end;     /* byte span of the dateline in the text */
    const char *place;       /* canonical place name; may be NULL */
    const char *country;     /* ISO 3166-1 alpha-2; may be NULL */
    const char *date;        /* ISO 8601 text; may be NULL */
} nf_dateline;

/* What the Kafka consumer knew about the message: lineage for headers and offset bookkeeping.
 * Not part of the record body (determinism). */
typedef struct nf_doc_source {
    const char *topic;       /* borrowed; may be NULL (tag mode) */
    int32_t partition;
    int64_t offset;
    int64_t timestamp_ms;    /* message timestamp, -1 if none */
} nf_doc_source;

typedef struct nf_pipeline_info {
    const char *version;        /* newsflow version */
    const char *config_digest;  /* "sha256:<hex>" of the pipeline-relevant configuration */
    const char *data_digest;    /* "sha256:<hex>" of every data file the stages loaded */
} nf_pipeline_info;

/* A note for the record that something was cut short but the article is still good (a
 * pattern hit the PCRE2 match limit). Strings are static or arena. */
typedef struct nf_doc_warning {
    const char *stage;
    const char *code;        /* "match_limit", ... */
    const char *message;
} nf_doc_warning;

typedef struct nf_doc_error {
    const char *stage;       /* name of the stage that failed ("input" before any stage) */
    int code;                /* nf_err */
    char message[NF_ERRSTR_SIZE];
} nf_doc_error;

/* The tokens of one field, built on first use (nf_doc_tokens). */
typedef struct nf_doc_field_toks {
    const char *text;        /* the field text they were cut from (NULL: not built) */
    uint32_t len;
    nf_toks toks;
} nf_doc_field_toks;

typedef struct nf_doc {
    nf_arena arena;                     /* owns everything below that is not "borrowed" */

    /* Input, as received. */
    const char *raw;                    /* borrowed message value (not NUL-terminated) */
    size_t raw_len;
    const char *key;                    /* borrowed message key; may be NULL */
    size_t key_len;
    nf_doc_source src;

    /* Decoded article. Fields are NUL-terminated UTF-8; NULL when absent. */
    const char *id;
    const char *field[NF_FIELD_COUNT];  /* title and text; normalize replaces them */
    uint32_t field_len[NF_FIELD_COUNT]; /* bytes */
    const char *url, *source, *language, *published_at;
    int pub_year, pub_month, pub_day;   /* from published_at; 0 when unknown */

    /* The token layer (common/tokens.h): read it through nf_doc_tokens(). */
    nf_doc_field_toks toks[NF_FIELD_COUNT];

    /* Enrichment appended by stages (unsorted; encode sorts). */
    nf_ann *anns;
    uint32_t n_anns, cap_anns;
    nf_dateline dateline;

    /* Output written by the encode stage: the record value (arena). */
    const char *out;
    size_t out_len;

    const nf_pipeline_info *pipeline;   /* borrowed from the pipeline; set by the runner */
    /* The running stage's own counters (nf_stage_def.counter_names), owned by the pipeline
     * (one array per pipeline, so per worker): set around process(), NULL when the stage has
     * none. Stages keep per-article statistics here, never in their (shared, const) ctx. */
    uint64_t *counters;
    const void *stage_data;             /* the running stage's reloadable data (stage.h load) */
    nf_doc_warning *warnings;           /* non-fatal notes for the record ("warnings") */
    uint32_t n_warnings, cap_warnings;
    nf_doc_error err;                   /* set when a stage fails */
} nf_doc;

void nf_doc_init(nf_doc *doc);
/** @brief Forget the article (keeps the arena's first chunk for the next one). */
void nf_doc_reset(nf_doc *doc);
void nf_doc_fini(nf_doc *doc);

/** @brief Point the doc at a new input (borrowed for as long as the doc is processed). */
void nf_doc_set_input(nf_doc *doc, const void *value, size_t value_len, const void *key,
                      size_t key_len);

/**
 * @brief Append an annotation (copied). Asserts start <= end <= field_len and that both ends
 * are on UTF-8 boundaries. @returns the stored copy, which the caller may still fill in.
 */
nf_ann *nf_doc_add_ann(nf_doc *doc, const nf_ann *ann);

/** @brief Room for one more annotation: the growing half of nf_doc_ann_push(). */
void nf_doc_ann_reserve(nf_doc *doc);

/** @brief nf_doc_add_ann()'s checks of \p ann (field, span, UTF-8 boundaries), for an assert. */
bool nf_doc_ann_ok(const nf_doc *doc, const nf_ann *ann);

/**
 * @brief Append an annotation slot and return it UNINITIALISED: the caller writes every member
 * (and may assert nf_doc_ann_ok()). For a stage that emits many annotations: built in place,
 * the record is not written once on the stack and copied again (nf_doc_add_ann). The slot is
 * valid until the next push or add.
 */
static inline nf_ann *nf_doc_ann_push(nf_doc *doc)
{
    if (doc->n_anns == doc->cap_anns) {
        nf_doc_ann_reserve(doc);
    }
    return &doc->anns[doc->n_anns++];
}

/**
 * @brief The tokens of field \p f, cut on the first call for the field's current text and
 * reused afterwards (arena; valid until nf_doc_reset()). A stage that replaces a field's text
 * needs to do nothing: a changed text pointer or length is noticed and the field re-cut. The
 * array is shared by all stages and read-only; mark or memoise on a copy (nf_toks_copy).
 * @returns the tokens and their number in \p n (0 and a non-NULL pointer for an absent field).
 */
const nf_tok *nf_doc_tokens(nf_doc *doc, nf_field f, uint32_t *n);

/**
 * @brief The tokens of field \p f when a stage has already cut them for its current text, else
 * NULL (nothing is cut): for a stage that can do without them and should not pay for cutting.
 */
const nf_tok *nf_doc_tokens_cut(const nf_doc *doc, nf_field f, uint32_t *n);

/** @brief Record a failure of the current stage (the runner fills in the stage name). */
void nf_doc_fail(nf_doc *doc, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/** @brief Add a warning to the record (copied to the arena). */
void nf_doc_warn(nf_doc *doc, const char *stage, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** @brief Sort annotations by (field, start, end, label): the record's order. */
void nf_doc_sort_anns(nf_doc *doc);

#endif
