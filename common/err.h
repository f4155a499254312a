#ifndef NF_COMMON_ERR_H
#define NF_COMMON_ERR_H

#include <stddef.h>

/* Status codes: 0 or negative. Stable: they appear in dead-letter headers by name. */
typedef enum nf_err {
    NF_OK = 0,
    NF_EINVAL = -1,      /* invalid argument or configuration */
    NF_ENOMEM = -2,      /* allocation failed (normally we abort instead) */
    NF_EIO = -3,         /* file or I/O error */
    NF_EBADJSON = -4,    /* value is not valid JSON */
    NF_EBADUTF8 = -5,    /* value is not valid UTF-8 */
    NF_ETOOBIG = -6,     /* value larger than the configured maximum */
    NF_EEMPTY = -7,      /* empty value */
    NF_ENOBODY = -8,     /* JSON object without body/text/content */
    NF_ENOTOBJECT = -9,  /* JSON value that is not an object */
    NF_EBINARY = -10,    /* control bytes: not text */
    NF_ESTAGE = -11,     /* a stage failed for another reason */
    NF_EKAFKA = -12,     /* Kafka error */
    NF_ENOTFOUND = -13,  /* no such key, stage or file */
} nf_err;

#define NF_ERRSTR_SIZE 512

/** @brief Write a message into an optional error buffer (\p errstr may be NULL). */
void nf_set_errstr(char *errstr, size_t errstr_size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** @brief Stable lower-case name of a code, e.g. "bad_json" (used in headers and logs). */
const char *nf_err_name(int code);

#endif
