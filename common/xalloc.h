#ifndef NF_COMMON_XALLOC_H
#define NF_COMMON_XALLOC_H

#include <stddef.h>

/* Out of memory aborts (Redis zmalloc, h2o): article size is bounded by configuration, so
 * running out of memory is an environment failure, not bad input. */
void *nf_xmalloc(size_t n);
void *nf_xcalloc(size_t count, size_t size);
void *nf_xrealloc(void *p, size_t n);
char *nf_xstrdup(const char *s);
char *nf_xstrndup(const char *s, size_t n);

#endif
