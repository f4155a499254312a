#ifndef NF_CONFIG_CONFIG_H
#define NF_CONFIG_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Configuration: a flat set of "key = value" pairs.
 *
 * Precedence (later wins): built-in defaults < config file (-c FILE) < environment
 * (NEWSFLOW_<KEY>, see nf_config_env_name) < command line (-X key=value).
 *
 * Keys are validated against option tables (nf_opt) of the modules and stages plus the
 * librdkafka pass-through prefixes "kafka.", "consumer.kafka." and "producer.kafka.". */

typedef enum nf_cfg_source {
    NF_CFG_DEFAULT = 0,
    NF_CFG_FILE,
    NF_CFG_ENV,
    NF_CFG_CLI,
} nf_cfg_source;

typedef struct nf_config nf_config;

typedef struct nf_config_entry {
    const char *key;
    const char *value;
    nf_cfg_source source;
    const char *origin;      /* "FILE:LINE", "env NEWSFLOW_X", "-X" */
} nf_config_entry;

nf_config *nf_config_new(void);
void nf_config_destroy(nf_config *cfg);

/**
 * @brief Read a "key = value" file: '#' starts a comment line, blank lines are ignored,
 * whitespace around key and value is trimmed, a value may be wrapped in double quotes.
 * @returns 0, or -1 with a message naming the file (and line) in \p errstr.
 */
int nf_config_load_file(nf_config *cfg, const char *path, char *errstr, size_t errstr_size);

/**
 * @brief Apply every NEWSFLOW_* variable of \p envp (NULL-terminated "NAME=value" strings).
 * Name mapping: strip "NEWSFLOW_", lower-case, "___" -> "-", "__" -> "_", "_" -> ".".
 * (NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS -> kafka.bootstrap.servers,
 *  NEWSFLOW_PIPELINE_MAX__ARTICLE__BYTES -> pipeline.max_article_bytes.)
 */
int nf_config_load_env(nf_config *cfg, char *const *envp, char *errstr, size_t errstr_size);

/** @brief The env variable name for \p key (inverse of the mapping above); malloc'd. */
char *nf_config_env_name(const char *key);

/** @brief Parse "key=value" (a -X argument) and set it with source NF_CFG_CLI. */
int nf_config_set_arg(nf_config *cfg, const char *arg, char *errstr, size_t errstr_size);

/** @brief Set (or replace) \p key. \p origin may be NULL. */
void nf_config_set(nf_config *cfg, const char *key, const char *value, nf_cfg_source source,
                   const char *origin);

/** @brief The value of \p key, or NULL when not set. Valid until the key is set again. */
const char *nf_config_get(const nf_config *cfg, const char *key);

/** @brief Number of keys set, and the i-th in key order (sorted, so output is stable). */
size_t nf_config_count(const nf_config *cfg);
nf_config_entry nf_config_at(const nf_config *cfg, size_t i);

/**
 * @brief True for a librdkafka pass-through key (kafka.*, consumer.kafka.*, producer.kafka.*)
 * whose property librdkafka flags as sensitive (nf_kafka_sensitive_properties). Keys of the
 * option tables say it themselves (nf_opt.secret). Nothing is guessed from key names.
 */
bool nf_config_is_secret(const char *key);

/* ---- Option tables --------------------------------------------------------------------- */

typedef enum nf_opt_type {
    NF_OPT_STR = 0,   /* char * (malloc'd copy) */
    NF_OPT_INT,       /* int64_t; allowed "min..max" */
    NF_OPT_BOOL,      /* bool; true/false/yes/no/on/off/1/0 */
    NF_OPT_DOUBLE,    /* double; allowed "min..max" */
    NF_OPT_ENUM,      /* char * (malloc'd copy); allowed "a|b|c" */
    NF_OPT_LIST,      /* nf_strlist: comma-separated, items trimmed, empty items dropped */
} nf_opt_type;

typedef struct nf_strlist {
    char **items;     /* malloc'd array of malloc'd strings */
    size_t n;
} nf_strlist;

typedef struct nf_opt {
    const char *name;     /* key below the table's prefix, e.g. "max_article_bytes" */
    nf_opt_type type;
    const char *def;      /* default, as text (NULL = empty / not set) */
    size_t offset;        /* offsetof(target struct, member) */
    const char *allowed;  /* ENUM "a|b|c"; INT/DOUBLE "min..max"; else NULL */
    const char *desc;     /* one line for --help and the example config */
    bool secret;          /* the value is never printed (check-config, error messages) */
} nf_opt;                 /* tables end with an entry whose name is NULL */

/* A table and the prefix its keys live under ("pipeline.", "stage.numbers."). */
typedef struct nf_opt_table {
    const char *prefix;
    const nf_opt *opts;
} nf_opt_table;

/**
 * @brief Fill \p target from the defaults and \p cfg for every option of \p opts under
 * \p prefix. Bad values fail with the key, the value and what is allowed in \p errstr.
 */
int nf_opt_apply(const nf_opt *opts, const char *prefix, const nf_config *cfg, void *target,
                 char *errstr, size_t errstr_size);

/** @brief Free what nf_opt_apply allocated in \p target (strings and lists). */
void nf_opt_release(const nf_opt *opts, void *target);

void nf_strlist_free(nf_strlist *l);

/**
 * @brief Fail on the first key of \p cfg that is neither in \p tables (NULL-prefix
 * terminated) nor under a pass-through prefix of \p passthrough (NULL-terminated). The message
 * names the key, where it came from, and the closest known key ("did you mean ...?").
 */
int nf_config_check_keys(const nf_config *cfg, const nf_opt_table *tables,
                         const char *const *passthrough, char *errstr, size_t errstr_size);

#endif
