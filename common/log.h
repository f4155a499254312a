#ifndef NF_COMMON_LOG_H
#define NF_COMMON_LOG_H

/* Logging goes to stderr only; stdout is reserved for data (tag, demo, check-config). */
typedef enum nf_log_level {
    NF_LOG_ERROR = 0,
    NF_LOG_WARN = 1,
    NF_LOG_INFO = 2,
    NF_LOG_DEBUG = 3,
} nf_log_level;

/** @brief Set the threshold. Called once by main before any thread starts (the one piece of
 * process-wide state, like stderr itself). */
void nf_log_set_level(nf_log_level level);
nf_log_level nf_log_get_level(void);
/** @brief Parse "error|warn|info|debug". @returns 0 or -1 if unknown. */
int nf_log_level_parse(const char *s, nf_log_level *out);

void nf_log_write(nf_log_level level, const char *func, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#define NF_LOG(level, ...)                                                                    \
    do {                                                                                      \
        if ((level) <= nf_log_get_level()) {                                                  \
            nf_log_write((level), __func__, __LINE__, __VA_ARGS__);                           \
        }                                                                                     \
    } while (0)

#define NF_ERROR(...) NF_LOG(NF_LOG_ERROR, __VA_ARGS__)
#define NF_WARN(...) NF_LOG(NF_LOG_WARN, __VA_ARGS__)
#define NF_INFO(...) NF_LOG(NF_LOG_INFO, __VA_ARGS__)
#define NF_DEBUG(...) NF_LOG(NF_LOG_DEBUG, __VA_ARGS__)

#endif
