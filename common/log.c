#include "common/log.h"

#include "common/buf.h"
#include "common/utf8.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static nf_log_level threshold = NF_LOG_INFO;
static nf_log_format format = NF_LOG_TEXT;

static const char *const level_names[] = {"error", "warn", "info", "debug"};
static const char *const level_tags[] = {"ERROR", "WARN", "INFO", "DEBUG"};

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
    for (int i = 0; i < 4; i++) {
        if (strcmp(s, level_names[i]) == 0) {
            *out = (nf_log_level)i;
            return 0;
        }
    }
    return -1;
}

void nf_log_set_format(nf_log_format f)
{
    format = f;
}

nf_log_format nf_log_get_format(void)
{
    return format;
}

int nf_log_format_parse(const char *s, nf_log_format *out)
{
    if (strcmp(s, "text") == 0) {
        *out = NF_LOG_TEXT;
        return 0;
    }
    if (strcmp(s, "json") == 0) {
        *out = NF_LOG_JSON;
        return 0;
    }
    return -1;
}

/* A plain decimal integer (no sign games, no leading zeros) goes into JSON as a number. */
static bool is_integer(const char *s)
{
    const char *p = s + (*s == '-');
    size_t n = strspn(p, "0123456789");
    return n > 0 && n <= 18 && p[n] == '\0' && !(n > 1 && p[0] == '0');
}

/* A JSON string of \p s with invalid UTF-8 replaced by U+FFFD: a log line stays valid JSON
 * even when a message quotes bytes of a broken input. */
static void json_str(nf_buf *b, const char *s)
{
    size_t len = strlen(s);
    if (nf_utf8_valid(s, len, NULL)) {
        nf_buf_json_str(b, s, len);
        return;
    }
    nf_buf clean;
    nf_buf_init(&clean);
    for (size_t i = 0; i < len;) {
        char enc[4];
        nf_buf_append(&clean, enc, nf_utf8_encode(nf_utf8_next(s, len, &i), enc));
    }
    nf_buf_json_str(b, clean.data, clean.len);
    nf_buf_fini(&clean);
}

static void write_json(nf_buf *b, const char *stamp, nf_log_level level, const char *msg,
                       const char *const *fields, const char *func, int line)
{
    nf_buf_puts(b, "{\"time\":\"");
    nf_buf_puts(b, stamp);
    nf_buf_printf(b, "\",\"level\":\"%s\",\"message\":", level_names[level]);
    json_str(b, msg);
    nf_buf_puts(b, ",\"fields\":{");
    const char *sep = "";
    for (size_t i = 0; fields && fields[i] && fields[i + 1]; i += 2) {
        nf_buf_puts(b, sep);
        json_str(b, fields[i]);
        nf_buf_putc(b, ':');
        if (is_integer(fields[i + 1])) {
            nf_buf_puts(b, fields[i + 1]);
        } else {
            json_str(b, fields[i + 1]);
        }
        sep = ",";
    }
    if (threshold >= NF_LOG_DEBUG && func) {
        nf_buf_printf(b, "%s\"source\":\"%s:%d\"", sep, func, line);
    }
    nf_buf_puts(b, "}}\n");
}

static void write_text(nf_buf *b, const char *stamp, nf_log_level level, const char *msg,
                       const char *const *fields, const char *func, int line)
{
    if (threshold >= NF_LOG_DEBUG && func) {
        nf_buf_printf(b, "%s newsflow %s %s:%d: %s", stamp, level_tags[level], func, line, msg);
    } else {
        nf_buf_printf(b, "%s newsflow %s: %s", stamp, level_tags[level], msg);
    }
    for (size_t i = 0; fields && fields[i] && fields[i + 1]; i += 2) {
        bool quote = fields[i + 1][0] == '\0' || strpbrk(fields[i + 1], " \t\"=") != NULL;
        nf_buf_printf(b, quote ? " %s=\"%s\"" : " %s=%s", fields[i], fields[i + 1]);
    }
    nf_buf_putc(b, '\n');
}

static void vwrite(nf_log_level level, const char *func, int line, const char *const *fields,
                   const char *fmt, va_list ap)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char stamp[40];
    size_t n = strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(stamp + n, sizeof stamp - n, ".%03ldZ", ts.tv_nsec / 1000000);
    char msg[2048];
    vsnprintf(msg, sizeof msg, fmt, ap);
    /* One line per event, even when a message holds a newline (text format). */
    if (format == NF_LOG_TEXT) {
        for (char *p = msg; (p = strchr(p, '\n')) != NULL;) {
            *p = ' ';
        }
    }
    nf_buf b;
    nf_buf_init(&b);
    if (format == NF_LOG_JSON) {
        write_json(&b, stamp, level, msg, fields, func, line);
    } else {
        write_text(&b, stamp, level, msg, fields, func, line);
    }
    /* One fwrite per line keeps lines whole when librdkafka threads log too. */
    fwrite(b.data, 1, b.len, stderr);
    nf_buf_fini(&b);
}

void nf_log_write(nf_log_level level, const char *func, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwrite(level, func, line, NULL, fmt, ap);
    va_end(ap);
}

void nf_log_write_fields(nf_log_level level, const char *func, int line,
                         const char *const *fields, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwrite(level, func, line, fields, fmt, ap);
    va_end(ap);
}
