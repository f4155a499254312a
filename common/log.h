#ifndef NF_COMMON_LOG_H
#define NF_COMMON_LOG_H

/* Logging goes to stderr only; stdout is reserved for data (tag, demo, check-config).
 *
 * Two formats (log.format): "text", one human line per event
 *     2026-01-02T03:04:05.678Z newsflow WARN: dead-lettering ... topic=news.raw partition=2
 * and "json", one JSON object per line with time, level, message and fields:
 *     {"time":"2026-01-02T03:04:05.678Z","level":"warn","message":"dead-lettering ...",
 *      "fields":{"topic":"news.raw","partition":2}}
 * Fields are name/value string pairs; a value that is a plain decimal integer is written as a
 * JSON number. */
typedef enum nf_log_level {
    NF_LOG_ERROR = 0,
    NF_LOG_WARN = 1,
    NF_LOG_INFO = 2,
    NF_LOG_DEBUG = 3,
} nf_log_level;

typedef enum nf_log_format {
    NF_LOG_TEXT = 0,
    NF_LOG_JSON = 1,
} nf_log_format;

/** @brief Set the threshold. Called once by main before any thread starts (the one piece of
 * process-wide state, like stderr itself). */
void nf_log_set_level(nf_log_level level);
nf_log_level nf_log_get_level(void);
/** @brief Parse "error|warn|info|debug". @returns 0 or -1 if unknown. */
int nf_log_level_parse(const char *s, nf_log_level *out);

/** @brief Set the line format; like the level, once before threads start. */
void nf_log_set_format(nf_log_format format);
nf_log_format nf_log_get_format(void);
/** @brief Parse "text|json". @returns 0 or -1 if unknown. */
int nf_log_format_parse(const char *s, nf_log_format *out);

void nf_log_write(nf_log_level level, const char *func, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** @brief Like nf_log_write, with \p fields: NULL-terminated name, value, name, value, ...
 * (may be NULL). */
void nf_log_write_fields(nf_log_level level, const char *func, int line,
                         const char *const *fields, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#define NF_LOG(level, ...)                                                                    \
    do {                                                                                      \
        if ((level) <= nf_log_get_level()) {                                                  \
            nf_log_write((level), __func__, __LINE__, __VA_ARGS__);                           \
        }                                                                                     \
    } while (0)

/* NF_LOGF(level, fields, fmt, ...): \p fields is a NULL-terminated const char *[] of pairs,
 * e.g. (const char *const[]){"topic", t, "partition", p_str, NULL}. */
#define NF_LOGF(level, fields, ...)                                                           \
    do {                                                                                      \
        if ((level) <= nf_log_get_level()) {                                                  \
            nf_log_write_fields((level), __func__, __LINE__, (fields), __VA_ARGS__);          \
        }                                                                                     \
    } while (0)

#define NF_ERROR(...) NF_LOG(NF_LOG_ERROR, __VA_ARGS__)
#define NF_WARN(...) NF_LOG(NF_LOG_WARN, __VA_ARGS__)
#define NF_INFO(...) NF_LOG(NF_LOG_INFO, __VA_ARGS__)
#define NF_DEBUG(...) NF_LOG(NF_LOG_DEBUG, __VA_ARGS__)

#endif
