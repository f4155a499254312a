#include "common/err.h"

#include <stdarg.h>
#include <stdio.h>

const char *nf_err_name(int code)
{
    switch (code) {
    case NF_OK: return "ok";
    case NF_EINVAL: return "invalid";
    case NF_ENOMEM: return "no_memory";
    case NF_EIO: return "io";
    case NF_EBADJSON: return "bad_json";
    case NF_EBADUTF8: return "bad_utf8";
    case NF_ETOOBIG: return "too_big";
    case NF_EEMPTY: return "empty";
    case NF_ENOBODY: return "no_body";
    case NF_ENOTOBJECT: return "not_object";
    case NF_EBINARY: return "binary";
    case NF_ESTAGE: return "stage_failed";
    case NF_EKAFKA: return "kafka";
    case NF_ENOTFOUND: return "not_found";
    default: return "unknown";
    }
}

void nf_set_errstr(char *errstr, size_t errstr_size, const char *fmt, ...)
{
    if (!errstr || errstr_size == 0) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errstr, errstr_size, fmt, ap);
    va_end(ap);
}
