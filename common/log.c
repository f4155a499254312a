#include "common/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static nf_log_level threshold = NF_LOG_INFO;

void nf_log_set_level(nf_log_level level)
{
    threshold = level;
}

nf_log_level nf_log_get_level(void)
{
    return threshold;
}

int nf_log_level_parse(const char *s, nf_log_level *out)
{
    static const char *names[] = {"error", "warn", "info", "debug"};
    for (int i = 0; i < 4; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = (nf_log_level)i;
            return 0;
        }
    }
    return -1;
}

void nf_log_write(nf_log_level level, const char *func, int line, const char *fmt, ...)
{
    static const char *tags[] = {"ERROR", "WARN", "INFO", "DEBUG"};
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* One fprintf per line keeps lines whole when librdkafka threads log too. */
    if (threshold >= NF_LOG_DEBUG) {
        fprintf(stderr, "%s.%03ldZ newsflow %s %s:%d: %s\n", stamp, ts.tv_nsec / 1000000,
                tags[level], func, line, msg);
    } else {
        fprintf(stderr, "%s.%03ldZ newsflow %s: %s\n", stamp, ts.tv_nsec / 1000000, tags[level],
                msg);
    }
}
