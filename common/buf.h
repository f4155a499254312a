#ifndef NF_COMMON_BUF_H
#define NF_COMMON_BUF_H

#include <stddef.h>
#include <string.h>

/* Growable byte buffer (heap). Always NUL-terminated after any append. */
typedef struct nf_buf {
    char *data;    /* owned; NULL until the first append */
    size_t len;    /* bytes used, excluding the terminating NUL */
    size_t cap;    /* bytes allocated */
    int borrowed;  /* data is the caller's memory (nf_buf_init_in): never realloc'd or freed */
} nf_buf;

void nf_buf_init(nf_buf *b);
/**
 * @brief Start an empty buffer in the caller's memory \p mem[0..cap) (cap >= 1), e.g. an
 * arena block: appends that fit write there; one that does not moves the contents to the heap
 * (then owned as usual). nf_buf_fini() frees only heap memory.
 */
void nf_buf_init_in(nf_buf *b, char *mem, size_t cap);
/** @brief Make room for \p extra more bytes (and the NUL): the slow path of nf_buf_reserve. */
void nf_buf_grow(nf_buf *b, size_t extra);

/* The appends are inline: the record encoder makes millions of small ones, and a call for
 * each cost more than the copy. */
static inline void nf_buf_reserve(nf_buf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap) {
        nf_buf_grow(b, extra);
    }
}

static inline void nf_buf_append(nf_buf *b, const void *p, size_t n)
{
    nf_buf_reserve(b, n);
    if (n) {
        memcpy(b->data + b->len, p, n);
    }
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void nf_buf_putc(nf_buf *b, char c)
{
    nf_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}
void nf_buf_puts(nf_buf *b, const char *s);
void nf_buf_printf(nf_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** @brief Append \p s[0..n) as a JSON string literal (quotes included). */
void nf_buf_json_str(nf_buf *b, const char *s, size_t n);
/** @brief Append a double as the shortest JSON number that reads back to the same value. */
void nf_buf_json_num(nf_buf *b, double v);
void nf_buf_reset(nf_buf *b);
void nf_buf_fini(nf_buf *b);

#endif
