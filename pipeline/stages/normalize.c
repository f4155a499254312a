/* normalize: HTML and entity clean-up, line endings, whitespace and boilerplate lines.
 *
 * Two linear passes per field. Pass 1 (clean) strips tags, decodes character references,
 * turns CR LF / CR into LF and NBSP into a space. Pass 2 (lines) works line by line: drops
 * boilerplate lines ("Advertisement"), cuts the article at "Related articles" and, in fold mode,
 * folds blank runs and blank lines. Both passes only ever look ahead through caches that move
 * forward, so a megabyte of "<<<<" or "&&&&" costs what a megabyte of prose costs.
 *
 * Output never grows: every tag or reference is at least as long as what replaces it (the
 * shortest reference, "&lt;", is 4 bytes; the longest replacement, U+FFFD, 3), so each pass
 * writes into a buffer the size of its input. Input is valid UTF-8 (decode checked it), tags and
 * references are ASCII-delimited and replacements are whole code points: output stays valid. */

#include "pipeline/stage.h"

#include "common/utf8.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct normalize_ctx {
    char *whitespace;          /* "keep" | "fold" (option) */
    nf_strlist drop_lines;     /* lines removed when they equal one of these (option) */
    nf_strlist cut_at_lines;   /* the first such line and all after it are removed (option) */
    bool fold;                 /* whitespace == "fold" (init) */
} normalize_ctx;

static const nf_opt options[] = {
    {"whitespace", NF_OPT_ENUM, "fold", offsetof(normalize_ctx, whitespace), "keep|fold",
     "fold: blank runs -> one space, lines trimmed, at most one empty line between paragraphs; "
     "keep: only line endings normalised"},
    {"drop_lines", NF_OPT_LIST,
     "Last minute,Advertisement,Share this article,Share on Facebook,Share on Twitter",
     offsetof(normalize_ctx, drop_lines), NULL,
     "a line equal to one of these (case and surrounding blanks ignored) is removed"},
    {"cut_at_lines", NF_OPT_LIST, "Related articles,Related news,Read more,Related stories",
     offsetof(normalize_ctx, cut_at_lines), NULL,
     "the first line equal to one of these and everything after it are removed"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

/* ---- Character references ---------------------------------------------------------------- */

typedef struct entity {
    const char *name;
    uint32_t cp;
} entity;

/* Named references (code points from the HTML standard's table): the ones news copy uses.
 * Sorted by strcmp for bsearch; init verifies the order. */
static const entity entities[] = {
    {"AElig", 0x00C6}, {"Aacute", 0x00C1}, {"Acirc", 0x00C2}, {"Agrave", 0x00C0},
    {"Aring", 0x00C5}, {"Atilde", 0x00C3}, {"Auml", 0x00C4}, {"Ccedil", 0x00C7},
    {"Dagger", 0x2021}, {"ETH", 0x00D0}, {"Eacute", 0x00C9}, {"Ecirc", 0x00CA}, {"Egrave", 0x00C8},
    {"Euml", 0x00CB}, {"Iacute", 0x00CD}, {"Icirc", 0x00CE}, {"Igrave", 0x00CC}, {"Iuml", 0x00CF},
    {"Ntilde", 0x00D1}, {"OElig", 0x0152}, {"Oacute", 0x00D3}, {"Ocirc", 0x00D4},
    {"Ograve", 0x00D2}, {"Omega", 0x03A9}, {"Oslash", 0x00D8}, {"Otilde", 0x00D5},
    {"Ouml", 0x00D6}, {"Prime", 0x2033}, {"Scaron", 0x0160}, {"THORN", 0x00DE}, {"Uacute", 0x00DA},
    {"Ucirc", 0x00DB}, {"Ugrave", 0x00D9}, {"Uuml", 0x00DC}, {"Yacute", 0x00DD}, {"Yuml", 0x0178},
    {"Zcaron", 0x017D}, {"aacute", 0x00E1}, {"acirc", 0x00E2}, {"acute", 0x00B4},
    {"aelig", 0x00E6}, {"agrave", 0x00E0}, {"alpha", 0x03B1}, {"amp", 0x0026}, {"apos", 0x0027},
    {"aring", 0x00E5}, {"asymp", 0x2248}, {"atilde", 0x00E3}, {"auml", 0x00E4}, {"bdquo", 0x201E},
    {"beta", 0x03B2}, {"brvbar", 0x00A6}, {"bull", 0x2022}, {"ccedil", 0x00E7}, {"cedil", 0x00B8},
    {"cent", 0x00A2}, {"circ", 0x02C6}, {"copy", 0x00A9}, {"curren", 0x00A4}, {"dagger", 0x2020},
    {"darr", 0x2193}, {"deg", 0x00B0}, {"delta", 0x03B4}, {"divide", 0x00F7}, {"eacute", 0x00E9},
    {"ecirc", 0x00EA}, {"egrave", 0x00E8}, {"emsp", 0x2003}, {"ensp", 0x2002}, {"eth", 0x00F0},
    {"euml", 0x00EB}, {"euro", 0x20AC}, {"fnof", 0x0192}, {"frac12", 0x00BD}, {"frac14", 0x00BC},
    {"frac34", 0x00BE}, {"gamma", 0x03B3}, {"ge", 0x2265}, {"gt", 0x003E}, {"hellip", 0x2026},
    {"iacute", 0x00ED}, {"icirc", 0x00EE}, {"iexcl", 0x00A1}, {"igrave", 0x00EC},
    {"infin", 0x221E}, {"iquest", 0x00BF}, {"iuml", 0x00EF}, {"laquo", 0x00AB}, {"larr", 0x2190},
    {"ldquo", 0x201C}, {"le", 0x2264}, {"lrm", 0x200E}, {"lsaquo", 0x2039}, {"lsquo", 0x2018},
    {"lt", 0x003C}, {"macr", 0x00AF}, {"mdash", 0x2014}, {"micro", 0x00B5}, {"middot", 0x00B7},
    {"minus", 0x2212}, {"mu", 0x03BC}, {"nbsp", 0x00A0}, {"ndash", 0x2013}, {"ne", 0x2260},
    {"not", 0x00AC}, {"ntilde", 0x00F1}, {"oacute", 0x00F3}, {"ocirc", 0x00F4}, {"oelig", 0x0153},
    {"ograve", 0x00F2}, {"ordf", 0x00AA}, {"ordm", 0x00BA}, {"oslash", 0x00F8}, {"otilde", 0x00F5},
    {"ouml", 0x00F6}, {"para", 0x00B6}, {"permil", 0x2030}, {"pi", 0x03C0}, {"plusmn", 0x00B1},
    {"pound", 0x00A3}, {"prime", 0x2032}, {"quot", 0x0022}, {"raquo", 0x00BB}, {"rarr", 0x2192},
    {"rdquo", 0x201D}, {"reg", 0x00AE}, {"rlm", 0x200F}, {"rsaquo", 0x203A}, {"rsquo", 0x2019},
    {"sbquo", 0x201A}, {"scaron", 0x0161}, {"sect", 0x00A7}, {"shy", 0x00AD}, {"sup1", 0x00B9},
    {"sup2", 0x00B2}, {"sup3", 0x00B3}, {"szlig", 0x00DF}, {"thinsp", 0x2009}, {"thorn", 0x00FE},
    {"tilde", 0x02DC}, {"times", 0x00D7}, {"trade", 0x2122}, {"uacute", 0x00FA}, {"uarr", 0x2191},
    {"ucirc", 0x00FB}, {"ugrave", 0x00F9}, {"uml", 0x00A8}, {"uuml", 0x00FC}, {"yacute", 0x00FD},
    {"yen", 0x00A5}, {"yuml", 0x00FF}, {"zcaron", 0x017E}, {"zwj", 0x200D}, {"zwnj", 0x200C},
};

#define N_ENTITIES (sizeof entities / sizeof entities[0])
#define ENTITY_NAME_MAX 8 /* longest name in the table: "thetasym" would be 8 */

static int entity_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const entity *)elem)->name);
}

/* Windows-1252 meaning of references to C1 code points (&#150; is an en dash in practice; the
 * HTML standard maps them the same way). 0 = no meaning: replacement character. */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* What a numeric reference stands for in text: NUL, surrogates, values beyond Unicode and
 * control characters other than tab / line feed / form feed become U+FFFD; NBSP a space. */
static uint32_t numeric_cp(uint32_t cp)
{
    if (cp >= 0x80 && cp <= 0x9F) {
        return cp1252_c1[cp - 0x80] ? cp1252_c1[cp - 0x80] : 0xFFFD;
    }
    if (cp == '\r') {
        return '\n';
    }
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\f') || cp == 0x7F ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        return 0xFFFD;
    }
    return cp;
}

static bool is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static bool is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20;
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

/* Decode the reference at s[i] == '&'. On success writes the character at out and returns the
 * number of input bytes consumed; 0 when it is not a reference we know (the '&' stays). */
static size_t decode_ref(const char *s, size_t n, size_t i, char *out, size_t *out_n)
{
    size_t j = i + 1;
    uint32_t cp;
    if (j < n && s[j] == '#') {
        bool hex = j + 1 < n && (s[j + 1] == 'x' || s[j + 1] == 'X');
        j += hex ? 2 : 1;
        size_t first = j;
        uint32_t v = 0;
        for (; j < n; j++) {
            int d = hex ? hexval((unsigned char)s[j])
                        : (s[j] >= '0' && s[j] <= '9' ? s[j] - '0' : -1);
            if (d < 0) {
                break;
            }
            /* Saturate: anything past U+10FFFF is out of range whatever its digits. */
            v = v > 0x10FFFF ? v : v * (hex ? 16 : 10) + (uint32_t)d;
        }
        if (j == first || j >= n || s[j] != ';') {
            return 0;
        }
        cp = numeric_cp(v);
    } else {
        char name[ENTITY_NAME_MAX + 1];
        size_t k = 0;
        for (; j < n && k <= ENTITY_NAME_MAX && is_alnum((unsigned char)s[j]); j++) {
            name[k++] = s[j];
        }
        if (k == 0 || k > ENTITY_NAME_MAX || j >= n || s[j] != ';') {
            return 0;
        }
        name[k] = '\0';
        const entity *e = bsearch(name, entities, N_ENTITIES, sizeof *entities, entity_cmp);
        if (!e) {
            return 0;
        }
        cp = e->cp;
    }
    if (cp == 0xA0) {
        cp = ' ';
    }
    *out_n = nf_utf8_encode(cp, out);
    return j + 1 - i;
}

/* ---- Tags ----------------------------------------------------------------------------------- */

enum {
    EL_BLOCK = 1,    /* start or end tag is a line break */
    EL_RAWTEXT = 2,  /* content is code, not text: dropped with the element */
};

typedef struct element {
    const char *name;
    uint8_t flags;
} element;

/* HTML elements (and a few SVG ones) whose tags are stripped. A '<' followed by anything else
 * stays text, so "if a<b and c>d" survives. Sorted by strcmp; init verifies the order. */
static const element elements[] = {
    {"a", 0}, {"abbr", 0}, {"address", EL_BLOCK}, {"area", 0}, {"article", EL_BLOCK},
    {"aside", EL_BLOCK}, {"audio", 0}, {"b", 0}, {"base", 0}, {"bdi", 0}, {"bdo", 0},
    {"big", 0}, {"blockquote", EL_BLOCK}, {"body", 0}, {"br", EL_BLOCK}, {"button", 0},
    {"canvas", 0}, {"caption", EL_BLOCK}, {"center", EL_BLOCK}, {"circle", 0}, {"cite", 0},
    {"code", 0}, {"col", 0}, {"colgroup", 0}, {"data", 0}, {"datalist", 0}, {"dd", EL_BLOCK},
    {"defs", 0}, {"del", 0}, {"details", EL_BLOCK}, {"dfn", 0}, {"dialog", EL_BLOCK},
    {"div", EL_BLOCK}, {"dl", EL_BLOCK}, {"dt", EL_BLOCK}, {"em", 0}, {"embed", 0},
    {"fieldset", EL_BLOCK}, {"figcaption", EL_BLOCK}, {"figure", EL_BLOCK}, {"font", 0},
    {"footer", EL_BLOCK}, {"form", EL_BLOCK}, {"frame", 0}, {"frameset", 0}, {"g", 0},
    {"h1", EL_BLOCK}, {"h2", EL_BLOCK}, {"h3", EL_BLOCK}, {"h4", EL_BLOCK}, {"h5", EL_BLOCK},
    {"h6", EL_BLOCK}, {"head", 0}, {"header", EL_BLOCK}, {"hgroup", EL_BLOCK}, {"hr", EL_BLOCK},
    {"html", 0}, {"i", 0}, {"iframe", 0}, {"img", 0}, {"input", 0}, {"ins", 0}, {"kbd", 0},
    {"label", 0}, {"legend", EL_BLOCK}, {"li", EL_BLOCK}, {"line", 0}, {"link", 0},
    {"main", EL_BLOCK}, {"map", 0}, {"mark", 0}, {"meta", 0}, {"meter", 0}, {"nav", EL_BLOCK},
    {"nobr", 0}, {"noscript", 0}, {"object", 0}, {"ol", EL_BLOCK}, {"optgroup", 0},
    {"option", 0}, {"output", 0}, {"p", EL_BLOCK}, {"param", 0}, {"path", 0}, {"picture", 0},
    {"polygon", 0}, {"polyline", 0}, {"pre", EL_BLOCK}, {"progress", 0}, {"q", 0},
    {"rect", 0}, {"rp", 0}, {"rt", 0}, {"ruby", 0}, {"s", 0}, {"samp", 0},
    {"script", EL_RAWTEXT}, {"section", EL_BLOCK}, {"select", 0}, {"small", 0}, {"source", 0},
    {"span", 0}, {"strike", 0}, {"strong", 0}, {"style", EL_RAWTEXT}, {"sub", 0},
    {"summary", EL_BLOCK}, {"sup", 0}, {"svg", 0}, {"table", EL_BLOCK}, {"tbody", 0},
    {"td", 0}, {"template", 0}, {"textarea", 0}, {"tfoot", 0}, {"th", 0}, {"thead", 0},
    {"time", 0}, {"title", EL_BLOCK}, {"tr", EL_BLOCK}, {"track", 0}, {"tt", 0}, {"u", 0},
    {"ul", EL_BLOCK}, {"use", 0}, {"var", 0}, {"video", 0}, {"wbr", 0},
};

#define N_ELEMENTS (sizeof elements / sizeof elements[0])
#define TAG_NAME_MAX 16

static int element_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const element *)elem)->name);
}

/* Forward-only search caches for one clean() call. Each remembers where the last search found
 * its target (or that there is none after some point), so repeated searches from increasing
 * positions cost linear time in total. */
typedef struct fwd_cache {
    size_t from;  /* the last search started here */
    size_t at;    /* and found its target here (n: nowhere) */
    bool valid;
} fwd_cache;

static size_t find_gt(const char *s, size_t n, size_t i, fwd_cache *c)
{
    if (c->valid && i >= c->from && i <= c->at) {
        return c->at;
    }
    const char *p = memchr(s + i, '>', n - i);
    c->from = i;
    c->at = p ? (size_t)(p - s) : n;
    c->valid = true;
    return c->at;
}

/* Position of "-->" at or after i (n if none). */
static size_t find_comment_end(const char *s, size_t n, size_t i, fwd_cache *c)
{
    if (c->valid && i >= c->from && i <= c->at) {
        return c->at;
    }
    size_t at = n;
    for (size_t j = i; j + 2 < n;) {
        const char *p = memchr(s + j, '-', n - 2 - j);
        if (!p) {
            break;
        }
        j = (size_t)(p - s);
        if (s[j + 1] == '-' && s[j + 2] == '>') {
            at = j;
            break;
        }
        j++;
    }
    c->from = i;
    c->at = at;
    c->valid = true;
    return at;
}

static bool ci_prefix(const char *s, size_t n, const char *lower)
{
    size_t k = strlen(lower);
    if (n < k) {
        return false;
    }
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z' ? c | 0x20 : c) != (unsigned char)lower[i]) {
            return false;
        }
    }
    return true;
}

/* End (one past '>') of the "</name ...>" that closes a raw-text element opened before i;
 * n when it is never closed (a browser would treat the rest as code, and so do we). Each call
 * scans forward from i and the caller continues after the result: linear. */
static size_t find_rawtext_end(const char *s, size_t n, size_t i, const char *name,
                               fwd_cache *gt)
{
    size_t k = strlen(name);
    for (size_t j = i; j < n;) {
        const char *p = memchr(s + j, '<', n - j);
        if (!p) {
            break;
        }
        j = (size_t)(p - s);
        if (j + 2 + k <= n && s[j + 1] == '/' && ci_prefix(s + j + 2, n - j - 2, name)) {
            size_t e = j + 2 + k;
            if (e == n || s[e] == '>' || s[e] == ' ' || s[e] == '\t' || s[e] == '\n' ||
                s[e] == '\r' || s[e] == '\f' || s[e] == '/') {
                size_t g = find_gt(s, n, e, gt);
                return g < n ? g + 1 : n;
            }
        }
        j++;
    }
    return n;
}

typedef struct clean_state {
    fwd_cache gt;        /* next '>' */
    fwd_cache comment;   /* next "-->" */
} clean_state;

/* Handle the '<' at s[i]. Returns the input position to continue at; sets *newline when the
 * tag stands for a line break. Returns i when the '<' is text. */
static size_t skip_tag(const char *s, size_t n, size_t i, clean_state *st, bool *newline)
{
    *newline = false;
    if (i + 1 >= n) {
        return i;
    }
    unsigned char c = (unsigned char)s[i + 1];
    if (c == '!') {
        if (i + 3 < n && s[i + 2] == '-' && s[i + 3] == '-') {
            size_t e = find_comment_end(s, n, i + 4, &st->comment);
            /* An unclosed "<!--" is more likely stray text than a comment eating the rest. */
            return e < n ? e + 3 : i;
        }
        /* <!DOCTYPE ...>, <![CDATA[...]> */
        if (i + 2 < n && (is_alpha((unsigned char)s[i + 2]) || s[i + 2] == '[')) {
            size_t g = find_gt(s, n, i + 2, &st->gt);
            return g < n ? g + 1 : i;
        }
        return i;
    }
    if (c == '?') {  /* <?xml ...?> */
        size_t g = find_gt(s, n, i + 2, &st->gt);
        return g < n ? g + 1 : i;
    }
    bool closing = c == '/';
    size_t j = i + 1 + (closing ? 1 : 0);
    if (j >= n || !is_alpha((unsigned char)s[j])) {
        return i;
    }
    char name[TAG_NAME_MAX + 1];
    size_t k = 0;
    bool custom = false;  /* "my-widget", "o:p": custom or namespaced elements */
    for (; j < n; j++) {
        unsigned char d = (unsigned char)s[j];
        if (!is_alnum(d) && d != '-' && d != ':') {
            break;
        }
        custom |= d == '-' || d == ':';
        if (k < TAG_NAME_MAX) {
            name[k] = (char)(d >= 'A' && d <= 'Z' ? d | 0x20 : d);
        }
        k++;
    }
    if (j < n && s[j] != '>' && s[j] != '/' && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' &&
        s[j] != '\r' && s[j] != '\f') {
        return i;
    }
    const element *el = NULL;
    if (k <= TAG_NAME_MAX) {
        name[k] = '\0';
        el = bsearch(name, elements, N_ELEMENTS, sizeof *elements, element_cmp);
    }
    if (!el && !custom) {
        return i;
    }
    size_t g = find_gt(s, n, j, &st->gt);
    if (g == n) {
        return i;
    }
    uint8_t flags = el ? el->flags : 0;
    *newline = (flags & EL_BLOCK) != 0;
    if ((flags & EL_RAWTEXT) && !closing && s[g - 1] != '/') {
        return find_rawtext_end(s, n, g + 1, el->name, &st->gt);
    }
    return g + 1;
}

/* Bytes that end a run of plain text in pass 1. */
static const bool special1[256] = {['\r'] = true, ['<'] = true, ['&'] = true, [0xC2] = true};

/* Pass 1 into out (room for n + 1 bytes). @returns the output length. */
#define BYTES_1 0x0101010101010101ULL
#define BYTES_80 0x8080808080808080ULL

/* Does any of the 8 bytes at p equal c? (The zero-byte test: exact for "any".) */
static inline uint64_t has_byte(uint64_t w, unsigned char c)
{
    uint64_t x = w ^ (c * BYTES_1);
    return (x - BYTES_1) & ~x & BYTES_80;
}

/* Is any of the 8 bytes at p one of special1's? */
static inline bool any_special1(const char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return (has_byte(w, '\r') | has_byte(w, '<') | has_byte(w, '&') | has_byte(w, 0xC2)) != 0;
}

static size_t clean(const char *s, size_t n, char *out)
{
    clean_state st;
    memset(&st, 0, sizeof st);
    size_t i = 0, o = 0;
    while (i < n) {
        size_t j = i;
        while (n - j >= 8 && !any_special1(s + j)) {   /* most text: 8 bytes at a time */
            j += 8;
        }
        while (j < n && !special1[(unsigned char)s[j]]) {
            j++;
        }
        memcpy(out + o, s + i, j - i);
        o += j - i;
        i = j;
        if (i >= n) {
            break;
        }
        switch ((unsigned char)s[i]) {
        case '\r':
            out[o++] = '\n';
            i += i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
            break;
        case 0xC2:
            if (i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
                out[o++] = ' ';
                i += 2;
            } else {
                out[o++] = s[i++];
            }
            break;
        case '&': {
            size_t w = 0;
            size_t used = decode_ref(s, n, i, out + o, &w);
            if (used) {
                o += w;
                i += used;
            } else {
                out[o++] = s[i++];
            }
            break;
        }
        case '<': {
            bool nl = false;
            size_t next = skip_tag(s, n, i, &st, &nl);
            if (next == i) {
                out[o++] = s[i++];
            } else {
                if (nl) {
                    out[o++] = '\n';
                }
                i = next;
            }
            break;
        }
        default:
            out[o++] = s[i++];
        }
    }
    out[o] = '\0';
    return o;
}

/* ---- Pass 2: lines ------------------------------------------------------------------------ */

static bool is_hspace(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
}

/* Does the line (surrounding blanks already trimmed) equal \p item, ignoring ASCII case, with
 * any run of blanks in the line matching a run of blanks in the item? */
static bool line_equals(const char *s, size_t n, const char *item)
{
    size_t i = 0;
    const unsigned char *p = (const unsigned char *)item;
    while (i < n && *p) {
        if (is_hspace((unsigned char)s[i])) {
            if (!is_hspace(*p)) {
                return false;
            }
            while (i < n && is_hspace((unsigned char)s[i])) {
                i++;
            }
            while (is_hspace(*p)) {
                p++;
            }
            continue;
        }
        if (lower((unsigned char)s[i]) != lower(*p)) {
            return false;
        }
        i++;
        p++;
    }
    return i == n && *p == '\0';
}

static bool line_in(const nf_strlist *l, const char *s, size_t n)
{
    if (n == 0) {
        return false;
    }
    for (size_t k = 0; k < l->n; k++) {
        if (lower((unsigned char)l->items[k][0]) == lower((unsigned char)s[0]) &&
            line_equals(s, n, l->items[k])) {
            return true;
        }
    }
    return false;
}

/* Fold one line into out: blank runs -> one space, none at either end. @returns bytes written. */
static size_t fold_line(const char *s, size_t n, char *out)
{
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        /* Running text: 8 bytes whose only blanks are single spaces between other bytes fold
         * to themselves (exact per-byte masks: no carries between bytes). */
        while (!space && n - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            uint64_t x = w ^ (' ' * BYTES_1);
            uint64_t sp = ~(((x & ~BYTES_80) + ~BYTES_80) | x) & BYTES_80;   /* == ' ' */
            uint64_t low = ~(((w & ~BYTES_80) + 0x5F * BYTES_1) | w) & BYTES_80; /* < 0x21 */
            if (low != sp || (sp & (sp << 8)) || (sp & 0x80) || (sp >> 63)) {
                break;
            }
            memcpy(out + o, s + i, 8);
            o += 8;
            i += 8;
        }
        if (i >= n) {
            break;
        }
        unsigned char c = (unsigned char)s[i];
        if (is_hspace(c) || c == '\n') {
            space = o > 0;
            continue;
        }
        if (space) {
            out[o++] = ' ';
            space = false;
        }
        out[o++] = (char)c;
    }
    return o;
}

/* Pass 2 over s[0..n) (no CR left) into out (room for n + 1). */
static size_t lines(const normalize_ctx *ctx, const char *s, size_t n, char *out)
{
    size_t r = 0, o = 0;
    bool any = false;     /* fold: a content line was written */
    bool blank = false;   /* fold: blank line(s) since the last content line */
    while (r < n) {
        const char *nl = memchr(s + r, '\n', n - r);
        size_t e = nl ? (size_t)(nl - s) : n;
        size_t b = r, t = e;
        while (b < t && is_hspace((unsigned char)s[b])) {
            b++;
        }
        while (t > b && is_hspace((unsigned char)s[t - 1])) {
            t--;
        }
        if (line_in(&ctx->cut_at_lines, s + b, t - b)) {
            break;
        }
        if (line_in(&ctx->drop_lines, s + b, t - b)) {
            r = e + 1;
            continue;
        }
        if (!ctx->fold) {
            memcpy(out + o, s + r, e - r);
            o += e - r;
            if (e < n) {
                out[o++] = '\n';
            }
        } else if (b == t) {
            blank = any;
        } else {
            if (any) {
                out[o++] = '\n';
                if (blank) {
                    out[o++] = '\n';
                }
            }
            o += fold_line(s + b, t - b, out + o);
            any = true;
            blank = false;
        }
        r = e + 1;
    }
    /* keep mode after a cut or a dropped last line: the kept text ends where it ended. */
    out[o] = '\0';
    return o;
}

/* ---- Stage -------------------------------------------------------------------------------- */

static void normalize_field(const normalize_ctx *ctx, nf_doc *doc, nf_field f)
{
    const char *s = doc->field[f];
    size_t n = doc->field_len[f];
    char *tmp = nf_arena_alloc(&doc->arena, n + 1);
    size_t m = clean(s, n, tmp);
    assert(m <= n);
    char *out;
    size_t o;
    if (f == NF_FIELD_TITLE) {
        /* A title is one line: no boilerplate rules, line breaks fold like blanks. */
        if (ctx->fold) {
            out = nf_arena_alloc(&doc->arena, m + 1);
            o = fold_line(tmp, m, out);
            out[o] = '\0';
        } else {
            out = tmp;
            o = m;
        }
    } else {
        out = nf_arena_alloc(&doc->arena, m + 1);
        o = lines(ctx, tmp, m, out);
    }
    assert(nf_utf8_valid(out, o, NULL));
    /* A title that was only markup is no title (null in the record), not an empty one. */
    doc->field[f] = f == NF_FIELD_TITLE && o == 0 ? NULL : out;
    doc->field_len[f] = (uint32_t)o;
}

static nf_stage_rc process(const void *vctx, nf_doc *doc)
{
    const normalize_ctx *ctx = vctx;
    if (doc->field[NF_FIELD_TITLE]) {
        normalize_field(ctx, doc, NF_FIELD_TITLE);
    }
    if (doc->field[NF_FIELD_TEXT]) {
        normalize_field(ctx, doc, NF_FIELD_TEXT);
    }
    if (!doc->field[NF_FIELD_TEXT] || doc->field_len[NF_FIELD_TEXT] == 0) {
        nf_doc_fail(doc, NF_ENOBODY,
                    "no text left after normalisation (markup, boilerplate or blank only)");
        return NF_STAGE_FAIL;
    }
    return NF_STAGE_OK;
}

static int init(void *vctx, nf_stage_env *env, char *errstr, size_t errstr_size)
{
    normalize_ctx *ctx = vctx;
    (void)env;
    ctx->fold = strcmp(ctx->whitespace, "fold") == 0;
    /* bsearch needs the tables sorted: a mis-sorted edit would silently lose entries. */
    for (size_t i = 1; i < N_ENTITIES; i++) {
        if (strcmp(entities[i - 1].name, entities[i].name) >= 0 ||
            strlen(entities[i].name) > ENTITY_NAME_MAX) {
            snprintf(errstr, errstr_size, "internal: entity table out of order at \"%s\"",
                     entities[i].name);
            return -1;
        }
    }
    for (size_t i = 1; i < N_ELEMENTS; i++) {
        if (strcmp(elements[i - 1].name, elements[i].name) >= 0) {
            snprintf(errstr, errstr_size, "internal: element table out of order at \"%s\"",
                     elements[i].name);
            return -1;
        }
    }
    return 0;
}

const nf_stage_def nf_stage_normalize = {
    .version = NF_STAGE_ABI_V1,
    .name = "normalize",
    .description = "strip HTML, decode entities, normalise line endings and whitespace, drop "
                   "boilerplate lines",
    .options = options,
    .ctx_size = sizeof(normalize_ctx),
    .init = init,
    .process = process,
};
