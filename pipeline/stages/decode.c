/* decode: the message value (and key) -> an article (record-format.md "Input").
 *
 * A value whose first non-blank byte is '{' or '[' is JSON and must be an object with a body;
 * anything else is a plain-text article. Everything kept is copied into the doc's arena, so later
 * stages see NUL-terminated UTF-8 that outlives the message.
 *
 * JSON goes through a fast scanner first: it validates the whole value as strictly as jansson
 * does but builds nothing, and only copies the members an article uses. Anything it is not sure
 * about (a syntax error, an escape it will not decide, an exponent, deep nesting, a top-level
 * array) makes it decline, and jansson parses the value instead: jansson stays the reference for
 * what is valid and for the wording of errors, and the scanner only makes the common case fast
 * (jansson alone runs at about 120 MB/s, slower than the rest of the pipeline together). Both
 * paths fill the same member table and share everything after it; the unit tests and the fuzz
 * target check that they agree. */

#include "pipeline/stage.h"

#include "common/digest.h"
#include "common/utf8.h"

#include <jansson.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct decode_ctx {
    bool plain_title;  /* plain text: first non-empty line is the title */
} decode_ctx;

static const nf_opt options[] = {
    {"plain_title", NF_OPT_BOOL, "false", offsetof(decode_ctx, plain_title), NULL,
     "plain-text articles: the first non-empty line is the title, the rest the text"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

static bool is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* ---- The members an article uses ---------------------------------------------------------- */

enum {
    K_ID,
    K_TITLE,
    K_BODY,
    K_TEXT,
    K_CONTENT,
    K_URL,
    K_SOURCE,
    K_LANGUAGE,
    K_PUBLISHED_AT,
    K_COUNT
};

static const char *const member_names[K_COUNT] = {
    "id", "title", "body", "text", "content", "url", "source", "language", "published_at",
};

#define MEMBER_NAME_MAX 12 /* strlen("published_at") */

typedef enum jtype {
    J_ABSENT = 0,
    J_STRING,
    J_INTEGER,
    J_REAL,
    J_BOOL,
    J_NULL,
    J_OBJECT,
    J_ARRAY,
} jtype;

/* One top-level member as either parser saw it. */
typedef struct jval {
    jtype type;
    const char *s;      /* J_STRING: the characters (raw between the quotes when escaped) */
    size_t n;           /* bytes at s */
    bool escaped;       /* s holds JSON escapes still to be decoded */
    bool decoded;       /* s was decoded by jansson (it may hold any control character) */
    long long integer;  /* J_INTEGER */
} jval;

static const char *type_name(jtype t)
{
    switch (t) {
    case J_STRING: return "a string";
    case J_INTEGER: return "an integer";
    case J_REAL: return "a number";
    case J_BOOL: return "a boolean";
    case J_NULL: return "null";
    case J_OBJECT: return "an object";
    case J_ARRAY: return "an array";
    case J_ABSENT: break;
    }
    return "absent";
}

/* ---- Fast scanner ------------------------------------------------------------------------- */

/* Deeper documents are legal (jansson allows 2048 levels) but not articles: jansson takes them. */
#define SCAN_DEPTH_MAX 32
/* Numbers this short cannot overflow an int64 or a double, the two things jansson rejects. */
#define SCAN_NUMBER_MAX 18

typedef struct jscan {
    const char *s;
    size_t n;
    size_t i;   /* read position */
} jscan;

static void scan_ws(jscan *p)
{
    while (p->i < p->n) {
        char c = p->s[p->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            break;
        }
        p->i++;
    }
}

static int hex4(const char *s)
{
    int v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) {
            return -1;
        }
        v = v * 16 + d;
    }
    return v;
}

/* Bytes that need a look inside a string: the quote, backslash and control characters. */
static const bool string_special[256] = {
    [0x00] = true, [0x01] = true, [0x02] = true, [0x03] = true, [0x04] = true, [0x05] = true,
    [0x06] = true, [0x07] = true, [0x08] = true, [0x09] = true, [0x0A] = true, [0x0B] = true,
    [0x0C] = true, [0x0D] = true, [0x0E] = true, [0x0F] = true, [0x10] = true, [0x11] = true,
    [0x12] = true, [0x13] = true, [0x14] = true, [0x15] = true, [0x16] = true, [0x17] = true,
    [0x18] = true, [0x19] = true, [0x1A] = true, [0x1B] = true, [0x1C] = true, [0x1D] = true,
    [0x1E] = true, [0x1F] = true, ['"'] = true,  ['\\'] = true,
};

/* The string at p->i == '"'. Sets its raw content span; false = decline. Every escape is checked
 * the way jansson checks it (and \u0000, which jansson refuses without JSON_ALLOW_NUL, declines).
 * The input is valid UTF-8 already. */
static bool scan_string(jscan *p, const char **content, size_t *len, bool *escaped)
{
    const char *s = p->s;
    size_t i = p->i + 1;
    *escaped = false;
    for (;;) {
        while (i < p->n && !string_special[(unsigned char)s[i]]) {
            i++;
        }
        if (i >= p->n || (unsigned char)s[i] < 0x20) {
            return false;
        }
        if (s[i] == '"') {
            break;
        }
        /* backslash */
        *escaped = true;
        if (i + 1 >= p->n) {
            return false;
        }
        char e = s[i + 1];
        if (e == 'u') {
            if (i + 6 > p->n) {
                return false;
            }
            int v = hex4(s + i + 2);
            if (v <= 0 || (v >= 0xDC00 && v <= 0xDFFF)) {
                return false;
            }
            i += 6;
            if (v >= 0xD800 && v <= 0xDBFF) {
                if (i + 6 > p->n || s[i] != '\\' || s[i + 1] != 'u') {
                    return false;
                }
                int lo = hex4(s + i + 2);
                if (lo < 0xDC00 || lo > 0xDFFF) {
                    return false;
                }
                i += 6;
            }
        } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' ||
                   e == 'r' || e == 't') {
            i += 2;
        } else {
            return false;
        }
    }
    *content = s + p->i + 1;
    *len = i - (p->i + 1);
    p->i = i + 1;
    return true;
}

/* A control character that makes an article binary (README, "Record format"): below U+0020
 * other than tab, line feed, carriage return and form feed. */
static bool is_control(unsigned char c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
}

/* Decode the escapes of a string scan_string() accepted into out (room for n bytes: no escape
 * is shorter than what it stands for). scan_string() refuses raw control bytes, so a control
 * character can only come from an escape: its output offset goes to *ctrl (first one; -1 when
 * none), which spares a second pass over the text. @returns the decoded length. */
static size_t unescape(const char *s, size_t n, char *out, long *ctrl)
{
    size_t o = 0;
    *ctrl = -1;
    for (size_t i = 0; i < n;) {
        const char *bs = memchr(s + i, '\\', n - i);
        size_t run = bs ? (size_t)(bs - (s + i)) : n - i;
        memcpy(out + o, s + i, run);
        o += run;
        i += run;
        if (i >= n) {
            break;
        }
        char e = s[i + 1];
        if (e == 'u') {
            uint32_t cp = (uint32_t)hex4(s + i + 2);
            i += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint32_t lo = (uint32_t)hex4(s + i + 2);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            }
            if (*ctrl < 0 && cp < 0x20 && is_control((unsigned char)cp)) {
                *ctrl = (long)o;
            }
            o += nf_utf8_encode(cp, out + o);
            continue;
        }
        static const char from[] = "\"\\/bfnrt";
        static const char to[] = "\"\\/\b\f\n\r\t";
        char c = to[strchr(from, e) - from];
        if (*ctrl < 0 && is_control((unsigned char)c)) {
            *ctrl = (long)o;   /* \b */
        }
        out[o++] = c;
        i += 2;
    }
    return o;
}

/* RFC 8259 number at p->i. Long numbers and exponents decline: jansson decides on overflow. */
static bool scan_number(jscan *p, jval *v)
{
    const char *s = p->s;
    size_t i = p->i, n = p->n;
    bool real = false;
    if (i < n && s[i] == '-') {
        i++;
    }
    if (i >= n || s[i] < '0' || s[i] > '9') {
        return false;
    }
    if (s[i] == '0') {
        i++;
    } else {
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
    }
    if (i < n && s[i] == '.') {
        real = true;
        i++;
        size_t d = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
        if (i == d) {
            return false;
        }
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E' || (s[i] >= '0' && s[i] <= '9'))) {
        return false;
    }
    if (i - p->i > SCAN_NUMBER_MAX) {
        return false;
    }
    v->type = real ? J_REAL : J_INTEGER;
    if (!real) {
        char tmp[SCAN_NUMBER_MAX + 1];
        memcpy(tmp, s + p->i, i - p->i);
        tmp[i - p->i] = '\0';
        v->integer = strtoll(tmp, NULL, 10);
    }
    p->i = i;
    return true;
}

static bool scan_literal(jscan *p, const char *word)
{
    size_t k = strlen(word);
    if (p->n - p->i < k || memcmp(p->s + p->i, word, k) != 0) {
        return false;
    }
    p->i += k;
    return true;
}

static bool scan_value(jscan *p, jval *v, int depth);

/* Object at p->i == '{'. When \p top is given, the members an article uses are recorded there
 * (a repeated name: the last one wins, as with jansson without JSON_REJECT_DUPLICATES). */
/* After a member or an element: 1 when \p closer ends the container (consumed), 0 after a
 * comma (the next one follows), -1 on anything else. */
static int scan_next(jscan *p, char closer)
{
    scan_ws(p);
    if (p->i >= p->n) {
        return -1;
    }
    if (p->s[p->i] == closer) {
        p->i++;
        return 1;
    }
    if (p->s[p->i] != ',') {
        return -1;
    }
    p->i++;
    scan_ws(p);
    return 0;
}

static bool scan_object(jscan *p, jval *top, int depth)
{
    p->i++;
    scan_ws(p);
    if (p->i < p->n && p->s[p->i] == '}') {
        p->i++;
        return true;
    }
    for (;;) {
        if (p->i >= p->n || p->s[p->i] != '"') {
            return false;
        }
        const char *key;
        size_t klen;
        bool kesc;
        if (!scan_string(p, &key, &klen, &kesc)) {
            return false;
        }
        scan_ws(p);
        if (p->i >= p->n || p->s[p->i] != ':') {
            return false;
        }
        p->i++;
        scan_ws(p);
        jval v = {J_ABSENT, NULL, 0, false, 0};
        if (!scan_value(p, &v, depth + 1)) {
            return false;
        }
        if (top) {
            char name[MEMBER_NAME_MAX * 6 + 1];
            if (kesc && klen < sizeof name) {
                long kctrl;
                klen = unescape(key, klen, name, &kctrl);
                key = name;
            }
            for (int k = 0; k < K_COUNT; k++) {
                if (strlen(member_names[k]) == klen && memcmp(member_names[k], key, klen) == 0) {
                    top[k] = v;
                    break;
                }
            }
        }
        int next = scan_next(p, '}');
        if (next != 0) {
            return next > 0;
        }
    }
}

static bool scan_array(jscan *p, int depth)
{
    p->i++;
    scan_ws(p);
    if (p->i < p->n && p->s[p->i] == ']') {
        p->i++;
        return true;
    }
    for (;;) {
        jval v;
        if (!scan_value(p, &v, depth + 1)) {
            return false;
        }
        int next = scan_next(p, ']');
        if (next != 0) {
            return next > 0;
        }
    }
}

static bool scan_value(jscan *p, jval *v, int depth)
{
    if (p->i >= p->n || depth > SCAN_DEPTH_MAX) {
        return false;
    }
    switch (p->s[p->i]) {
    case '"':
        v->type = J_STRING;
        return scan_string(p, &v->s, &v->n, &v->escaped);
    case '{':
        v->type = J_OBJECT;
        return scan_object(p, NULL, depth);
    case '[':
        v->type = J_ARRAY;
        return scan_array(p, depth);
    case 't':
        v->type = J_BOOL;
        return scan_literal(p, "true");
    case 'f':
        v->type = J_BOOL;
        return scan_literal(p, "false");
    case 'n':
        v->type = J_NULL;
        return scan_literal(p, "null");
    default:
        return scan_number(p, v);
    }
}

/* @returns true with the members in \p top when s[0..n) is one valid JSON object; false when
 * the scanner declines (jansson then decides). */
static bool fast_parse(const char *s, size_t n, jval top[K_COUNT])
{
    jscan p = {s, n, 0};
    memset(top, 0, K_COUNT * sizeof *top);
    scan_ws(&p);
    if (p.i >= n || s[p.i] != '{' || !scan_object(&p, top, 1)) {
        return false;
    }
    scan_ws(&p);
    return p.i == n;
}

/* ---- jansson ------------------------------------------------------------------------------ */

static jtype jansson_type(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return J_OBJECT;
    case JSON_ARRAY: return J_ARRAY;
    case JSON_STRING: return J_STRING;
    case JSON_INTEGER: return J_INTEGER;
    case JSON_REAL: return J_REAL;
    case JSON_TRUE:
    case JSON_FALSE: return J_BOOL;
    case JSON_NULL: return J_NULL;
    }
    return J_ABSENT;
}

/* Parse with jansson. On success fills \p top and returns the root (json_decref it after the
 * strings in top have been copied); NULL after recording the failure in doc. */
static json_t *jansson_parse(nf_doc *doc, const char *s, size_t n, jval top[K_COUNT])
{
    json_error_t jerr;
    /* JSON_ALLOW_NUL: \u0000 is a control character like the others (first_control() makes
     * the article binary), not a JSON syntax error. */
    json_t *root = json_loadb(s, n, JSON_ALLOW_NUL, &jerr);
    if (!root) {
        nf_doc_fail(doc, NF_EBADJSON, "invalid JSON at line %d, column %d: %s", jerr.line,
                    jerr.column, jerr.text);
        return NULL;
    }
    if (!json_is_object(root)) {
        nf_doc_fail(doc, NF_ENOTOBJECT, "JSON value is %s, not an object",
                    type_name(jansson_type(root)));
        json_decref(root);
        return NULL;
    }
    memset(top, 0, K_COUNT * sizeof *top);
    for (int k = 0; k < K_COUNT; k++) {
        const json_t *v = json_object_get(root, member_names[k]);
        if (!v) {
            continue;
        }
        top[k].type = jansson_type(v);
        if (json_is_string(v)) {
            top[k].s = json_string_value(v);
            top[k].n = json_string_length(v);
            top[k].decoded = true;
        } else if (json_is_integer(v)) {
            top[k].integer = (long long)json_integer_value(v);
        }
    }
    return root;
}

/* ---- Building the article ------------------------------------------------------------------ */

/* The one rule for control characters (README, "Record format"): a character below U+0020
 * other than tab, line feed, carriage return and form feed marks the input as binary, whether
 * it came as a raw byte of a plain-text article or as a \uXXXX escape in a JSON article's body
 * or title. @returns the offset of the first one, or -1. */
static long first_control(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (is_control((unsigned char)s[i])) {
            return (long)i;
        }
    }
    return -1;
}

/* The string of \p v as an arena copy, its length to *len and the offset of its first control
 * character to *ctrl (-1 if none) when those are not NULL. */
static char *copy_jstr(nf_doc *doc, const jval *v, size_t *len, long *ctrl)
{
    char *out;
    size_t n = v->n;
    long c = -1;
    if (v->escaped) {
        out = nf_arena_alloc(&doc->arena, v->n + 1);
        n = unescape(v->s, v->n, out, &c);
        out[n] = '\0';
    } else {
        out = nf_arena_strndup(&doc->arena, v->s, v->n);
        if (v->decoded && ctrl) {
            c = first_control(out, n);   /* jansson's strings: escapes already decoded */
        }
    }
    if (len) {
        *len = n;
    }
    if (ctrl) {
        *ctrl = c;
    }
    return out;
}

/* An optional string member: copied when it is a string, ignored when it is anything else
 * (a number where a URL should be is the producer's mistake, not a reason to lose the article). */
static const char *opt_str(nf_doc *doc, const jval *v)
{
    return v->type == J_STRING ? copy_jstr(doc, v, NULL, NULL) : NULL;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        return 29;
    }
    return days[m - 1];
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "YYYY-MM-DD" alone or as the start of an RFC 3339 timestamp ("…T09:30:00Z", or with the
 * space RFC 3339 allows). Anything else leaves the date unknown (0). */
static void parse_published(nf_doc *doc, const char *s)
{
    size_t n = strlen(s);
    if (n < 10 || s[4] != '-' || s[7] != '-') {
        return;
    }
    if (n > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') {
        return;
    }
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
        return;
    }
    doc->pub_year = y;
    doc->pub_month = m;
    doc->pub_day = d;
}

/* id rule: the article's own id, else the message key, else a hash of the value (stable, so
 * reprocessing the same message gives the same id). */
static void set_id(nf_doc *doc, const jval *id)
{
    if (id && id->type == J_STRING && id->n > 0) {
        doc->id = copy_jstr(doc, id, NULL, NULL);
        return;
    }
    if (id && id->type == J_INTEGER) {
        char num[32];
        int n = snprintf(num, sizeof num, "%lld", id->integer);
        doc->id = nf_arena_strndup(&doc->arena, num, (size_t)n);
        return;
    }
    if (doc->key && doc->key_len > 0 && memchr(doc->key, '\0', doc->key_len) == NULL &&
        nf_utf8_valid(doc->key, doc->key_len, NULL)) {
        doc->id = nf_arena_strndup(&doc->arena, doc->key, doc->key_len);
        return;
    }
    char *hash_id = nf_arena_alloc(&doc->arena, 7 + 32 + 1);
    memcpy(hash_id, "sha256-", 7);
    nf_sha256_hex(doc->raw, doc->raw_len, hash_id + 7, 32);
    doc->id = hash_id;
}

static void set_field(nf_doc *doc, nf_field f, const char *s, size_t len)
{
    doc->field[f] = nf_arena_strndup(&doc->arena, s, len);
    doc->field_len[f] = (uint32_t)len;
}

static nf_stage_rc build_from_json(nf_doc *doc, const jval top[K_COUNT])
{
    /* The first body member present (null counts as absent) is the body. */
    int kb = -1;
    for (int k = K_BODY; k <= K_CONTENT; k++) {
        if (top[k].type != J_ABSENT && top[k].type != J_NULL) {
            kb = k;
            break;
        }
    }
    if (kb < 0) {
        nf_doc_fail(doc, NF_ENOBODY, "JSON object has no \"body\", \"text\" or \"content\"");
        return NF_STAGE_FAIL;
    }
    if (top[kb].type != J_STRING) {
        nf_doc_fail(doc, NF_EINVAL, "\"%s\" is %s, not a string", member_names[kb],
                    type_name(top[kb].type));
        return NF_STAGE_FAIL;
    }
    size_t blen = 0;
    long ctrl[NF_FIELD_COUNT];   /* first control character per field, -1 = none */
    for (int f = 0; f < NF_FIELD_COUNT; f++) {
        ctrl[f] = -1;
    }
    char *body = copy_jstr(doc, &top[kb], &blen, &ctrl[NF_FIELD_TEXT]);
    size_t i = 0;
    while (i < blen && is_blank((unsigned char)body[i])) {
        i++;
    }
    if (i == blen) {
        nf_doc_fail(doc, NF_ENOBODY, "\"%s\" is %s", member_names[kb], blen ? "blank" : "empty");
        return NF_STAGE_FAIL;
    }
    doc->field[NF_FIELD_TEXT] = body;
    doc->field_len[NF_FIELD_TEXT] = (uint32_t)blen;
    if (top[K_TITLE].type == J_STRING) {
        size_t tlen = 0;
        doc->field[NF_FIELD_TITLE] = copy_jstr(doc, &top[K_TITLE], &tlen, &ctrl[NF_FIELD_TITLE]);
        doc->field_len[NF_FIELD_TITLE] = (uint32_t)tlen;
    }
    for (int f = 0; f < NF_FIELD_COUNT; f++) {
        long at = ctrl[f];
        if (at >= 0) {
            nf_doc_fail(doc, NF_EBINARY,
                        "binary data, not text: control character U+%04X (a JSON escape) at "
                        "byte %ld of the %s",
                        (unsigned)(unsigned char)doc->field[f][at], at,
                        f == NF_FIELD_TITLE ? "title" : member_names[kb]);
            return NF_STAGE_FAIL;
        }
    }
    doc->url = opt_str(doc, &top[K_URL]);
    doc->source = opt_str(doc, &top[K_SOURCE]);
    doc->language = opt_str(doc, &top[K_LANGUAGE]);
    doc->published_at = opt_str(doc, &top[K_PUBLISHED_AT]);
    if (doc->published_at) {
        parse_published(doc, doc->published_at);
    }
    set_id(doc, &top[K_ID]);
    return NF_STAGE_OK;
}

static nf_stage_rc decode_json(nf_doc *doc, const char *s, size_t len)
{
    jval top[K_COUNT];
    if (fast_parse(s, len, top)) {
        return build_from_json(doc, top);
    }
    json_t *root = jansson_parse(doc, s, len, top);
    if (!root) {
        return NF_STAGE_FAIL;
    }
    nf_stage_rc rc = build_from_json(doc, top);
    json_decref(root);
    return rc;
}

static nf_stage_rc decode_plain(const decode_ctx *ctx, nf_doc *doc, const char *s, size_t len)
{
    long at = first_control(s, len);
    if (at >= 0) {
        nf_doc_fail(doc, NF_EBINARY, "binary data, not text: control byte 0x%02x at offset %zu",
                    (unsigned char)s[at], (size_t)(s - doc->raw) + (size_t)at);
        return NF_STAGE_FAIL;
    }
    size_t bad = 0;
    if (!nf_utf8_valid(s, len, &bad)) {
        nf_doc_fail(doc, NF_EBADUTF8, "invalid UTF-8 at byte offset %zu",
                    (size_t)(s - doc->raw) + bad);
        return NF_STAGE_FAIL;
    }
    if (ctx->plain_title) {
        /* First non-empty line -> title (its surrounding blanks dropped); the rest -> text. */
        size_t i = 0;
        while (i < len && is_blank((unsigned char)s[i])) {
            i++;
        }
        const char *nl = memchr(s + i, '\n', len - i);
        size_t line_end = nl ? (size_t)(nl - s) : len;
        size_t t_end = line_end;
        while (t_end > i && is_blank((unsigned char)s[t_end - 1])) {
            t_end--;
        }
        set_field(doc, NF_FIELD_TITLE, s + i, t_end - i);
        size_t rest = line_end < len ? line_end + 1 : len;
        size_t j = rest;
        while (j < len && is_blank((unsigned char)s[j])) {
            j++;
        }
        if (j == len) {
            nf_doc_fail(doc, NF_ENOBODY,
                        "plain text has a title line but no body (stage.decode.plain_title is "
                        "on)");
            return NF_STAGE_FAIL;
        }
        set_field(doc, NF_FIELD_TEXT, s + rest, len - rest);
    } else {
        set_field(doc, NF_FIELD_TEXT, s, len);
    }
    set_id(doc, NULL);
    return NF_STAGE_OK;
}

static nf_stage_rc process(const void *vctx, nf_doc *doc)
{
    const decode_ctx *ctx = vctx;
    const char *s = doc->raw;
    size_t len = doc->raw_len;

    /* A UTF-8 byte order mark says nothing about the article. */
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        len -= 3;
    }
    size_t i = 0;
    while (i < len && is_blank((unsigned char)s[i])) {
        i++;
    }
    if (i == len) {
        nf_doc_fail(doc, NF_EEMPTY, "%s",
                    doc->raw_len ? "value is only whitespace" : "empty value");
        return NF_STAGE_FAIL;
    }
    if (len > UINT32_MAX) {
        nf_doc_fail(doc, NF_ETOOBIG, "value is %zu bytes, more than a document can hold", len);
        return NF_STAGE_FAIL;
    }
    if (s[i] == '{' || s[i] == '[') {
        size_t bad = 0;
        if (!nf_utf8_valid(s, len, &bad)) {
            nf_doc_fail(doc, NF_EBADUTF8, "invalid UTF-8 at byte offset %zu",
                        (size_t)(s - doc->raw) + bad);
            return NF_STAGE_FAIL;
        }
        return decode_json(doc, s, len);
    }
    return decode_plain(ctx, doc, s, len);
}

const nf_stage_def nf_stage_decode = {
    .version = NF_STAGE_ABI_V1,
    .name = "decode",
    .description = "message value (JSON object or plain text) -> article fields",
    .options = options,
    .ctx_size = sizeof(decode_ctx),
    .process = process,
};
