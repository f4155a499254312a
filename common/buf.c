#include "common/buf.h"
#include "common/xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void nf_buf_init(nf_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void nf_buf_reserve(nf_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) {
        return;
    }
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        cap *= 2;
    }
    b->data = nf_xrealloc(b->data, cap);
    b->cap = cap;
}

void nf_buf_append(nf_buf *b, const void *p, size_t n)
{
    nf_buf_reserve(b, n);
    if (n) {
        memcpy(b->data + b->len, p, n);
    }
    b->len += n;
    b->data[b->len] = '\0';
}

void nf_buf_puts(nf_buf *b, const char *s)
{
    nf_buf_append(b, s, strlen(s));
}

void nf_buf_putc(nf_buf *b, char c)
{
    nf_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void nf_buf_printf(nf_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    /* Even an empty append leaves data allocated and NUL-terminated (buf.h promise). */
    nf_buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void nf_buf_json_str(nf_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    nf_buf_reserve(b, n + 2);
    nf_buf_putc(b, '"');
    size_t run = 0; /* start of the current run of bytes that need no escaping */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) {
            continue;
        }
        nf_buf_append(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': nf_buf_append(b, "\\\"", 2); break;
        case '\\': nf_buf_append(b, "\\\\", 2); break;
        case '\n': nf_buf_append(b, "\\n", 2); break;
        case '\r': nf_buf_append(b, "\\r", 2); break;
        case '\t': nf_buf_append(b, "\\t", 2); break;
        case '\b': nf_buf_append(b, "\\b", 2); break;
        case '\f': nf_buf_append(b, "\\f", 2); break;
        default: {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            nf_buf_append(b, esc, 6);
        }
        }
    }
    nf_buf_append(b, s + run, n - run);
    nf_buf_putc(b, '"');
}

void nf_buf_json_num(nf_buf *b, double v)
{
    if (!isfinite(v)) {
        nf_buf_puts(b, "null");
        return;
    }
    /* Integers that a double holds exactly print without exponent or fraction (digits by
     * hand: printf's float path is the slowest part of encoding otherwise). */
    if (v == floor(v) && fabs(v) < 9007199254740992.0) {
        char tmp[24];
        size_t n = 0;
        uint64_t u = (uint64_t)fabs(v);
        do {
            tmp[sizeof tmp - 1 - n++] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (v < 0) {
            tmp[sizeof tmp - 1 - n++] = '-';
        }
        nf_buf_append(b, tmp + sizeof tmp - n, n);
        return;
    }
    /* Shortest form that reads back to the same double: 24.1 stays 24.1. Every decimal of at
     * most 15 significant digits survives a round trip through a double, so when %.15g reads
     * back exactly it is already the shortest form (%g drops trailing zeros); 16 and 17
     * digits are the rare fallbacks. */
    char tmp[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v) {
            break;
        }
    }
    nf_buf_puts(b, tmp);
}

void nf_buf_reset(nf_buf *b)
{
    b->len = 0;
    if (b->data) {
        b->data[0] = '\0';
    }
}

void nf_buf_fini(nf_buf *b)
{
    free(b->data);
    nf_buf_init(b);
}
