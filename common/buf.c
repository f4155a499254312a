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
    b->borrowed = 0;
}

void nf_buf_init_in(nf_buf *b, char *mem, size_t cap)
{
    b->data = mem;
    b->len = 0;
    b->cap = cap;
    b->borrowed = 1;
    mem[0] = '\0';
}

void nf_buf_grow(nf_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) {
        return;
    }
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        cap *= 2;
    }
    if (b->borrowed) {
        char *heap = nf_xmalloc(cap);
        memcpy(heap, b->data, b->len + 1);
        b->data = heap;
        b->borrowed = 0;
    } else {
        b->data = nf_xrealloc(b->data, cap);
    }
    b->cap = cap;
}

void nf_buf_puts(nf_buf *b, const char *s)
{
    nf_buf_append(b, s, strlen(s));
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

/* Bytes that JSON strings must escape (and DEL, kept out for readability): 1 = escape. */
static const unsigned char needs_escape[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
    [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1,
    [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
    [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1,
    [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1, ['"'] = 1, ['\\'] = 1, [0x7F] = 1,
};

void nf_buf_json_str(nf_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *endp = p + n;
    nf_buf_reserve(b, n + 2);
    b->data[b->len++] = '"';
    while (p < endp) {
        const unsigned char *run = p;
        while (p < endp && !needs_escape[*p]) {
            p++;
        }
        /* Capacity for the run was reserved up front (or by the escape before it). */
        memcpy(b->data + b->len, run, (size_t)(p - run));
        b->len += (size_t)(p - run);
        if (p == endp) {
            break;
        }
        unsigned char c = *p++;
        /* Up to 6 bytes for this escape, plus the rest of the input and the closing quote. */
        nf_buf_reserve(b, 6 + (size_t)(endp - p) + 1);
        char *o = b->data + b->len;
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        default:
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
        b->len = (size_t)(o - b->data);
    }
    b->data[b->len++] = '"';
    b->data[b->len] = '\0';
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
    /* Up to six decimals without printf: r / 10^k is correctly rounded (r and 10^k are exact
     * doubles), so when it equals v the k-digit decimal reads back to v, and the first such k is
     * the shortest. This is what %.15g prints in this range (fixed notation, no trailing zeros),
     * at a fraction of the cost. */
    double mag = fabs(v);
    if (mag >= 1e-4 && mag < 1e15) {
        double scale = 1.0;
        uint64_t pow10 = 1;
        for (int k = 1; k <= 6; k++) {
            scale *= 10.0;
            pow10 *= 10;
            double r = nearbyint(mag * scale);
            if (r < 9007199254740992.0 && r / scale == mag) {
                uint64_t u = (uint64_t)r;
                char tmp[40];
                size_t n = 0;
                uint64_t frac = u % pow10, whole = u / pow10;
                for (int d = 0; d < k; d++) {
                    tmp[sizeof tmp - 1 - n++] = (char)('0' + frac % 10);
                    frac /= 10;
                }
                tmp[sizeof tmp - 1 - n++] = '.';
                do {
                    tmp[sizeof tmp - 1 - n++] = (char)('0' + whole % 10);
                    whole /= 10;
                } while (whole);
                if (v < 0) {
                    tmp[sizeof tmp - 1 - n++] = '-';
                }
                nf_buf_append(b, tmp + sizeof tmp - n, n);
                return;
            }
        }
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
    if (!b->borrowed) {
        free(b->data);
    }
    nf_buf_init(b);
}
