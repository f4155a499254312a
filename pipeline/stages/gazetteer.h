#ifndef NF_PIPELINE_STAGES_GAZETTEER_H
#define NF_PIPELINE_STAGES_GAZETTEER_H

/* Private to the entities and dateline stages: one word-level trie over case- and
 * accent-folded tokens of the token layer (common/tokens.h), so a gazetteer phrase and a
 * stretch of article text are cut into the same tokens and compared by 64-bit token hashes
 * (no string compares, no regex).
 *
 * Data files (data/gazetteer/NAME.tsv) have one entry per line:
 *     phrase TAB type [TAB country [TAB canonical [TAB weight]]]
 * '#' lines are comments. Types: see nf_gaz_type and the role bits below. */

#include "common/tokens.h"
#include "pipeline/stage.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Gazetteer ------------------------------------------------------------------------ */

#define NF_GAZ_NONE UINT32_MAX

typedef enum nf_gaz_type {
    NF_GAZ_COUNTRY = 0,   /* GPE: a country name or alias */
    NF_GAZ_ADM1,          /* GPE: state, province, region of a country */
    NF_GAZ_CITY,          /* GPE: city (weight = population) */
    NF_GAZ_PLACE,         /* GPE: curated place (former names, exonyms, well-known cities) */
    NF_GAZ_LOC,           /* LOC: seas, rivers, mountains, regions */
    NF_GAZ_NORP,          /* NORP: nationalities, religious and political groups */
    NF_GAZ_ORG,           /* ORG: known organisations */
    NF_GAZ_PERSON,        /* PERSON: known people (full names) */
    NF_GAZ_NTYPES
} nf_gaz_type;

/* Word roles: properties of a single word or phrase that are not entities themselves. */
enum {
    NF_GW_GIVEN = 1u << 0,          /* a given name */
    NF_GW_SURNAME = 1u << 1,        /* a surname */
    NF_GW_COMMON = 1u << 2,         /* a lower-case English word */
    NF_GW_NONENT = 1u << 3,         /* never an entity alone (months, weekdays, boilerplate) */
    NF_GW_TITLE = 1u << 4,          /* end of a person title (President, Vice Premier) */
    NF_GW_TITLEMOD = 1u << 5,       /* may precede a title (Vice, Deputy, Foreign) */
    NF_GW_ORGSUF = 1u << 6,         /* organisation head word at the end (Corp, Council) */
    NF_GW_ORGPRE = 1u << 7,         /* organisation head word followed by of (Ministry) */
    NF_GW_CUE_PER_AFTER = 1u << 8,  /* said, told ... after a person */
    NF_GW_CUE_PER_BEFORE = 1u << 9, /* according to ... before a person */
    NF_GW_CUE_ORG_AFTER = 1u << 10, /* reports ... after a news outlet */
    NF_GW_PARTICLE = 1u << 11,      /* bin, van, der, de, la ... inside names */
    NF_GW_ABBR = 1u << 12,          /* Mr, Gen, Inc: the following dot ends no sentence */
    NF_GW_LOCPREP = 1u << 13,       /* in, at, from, near ... */
    NF_GW_ACRSTOP = 1u << 14,       /* all-caps words that are no organisation (CEO, GDP) */
    NF_GW_FUNC = 1u << 15,          /* function words (The, In, However) */
    NF_GW_ENTITY = 1u << 16,        /* the node ends an entity phrase (has entries) */
    NF_GW_LOCSUF = 1u << 17,        /* place head word at the end (Stadium, Island, River) */
    NF_GW_LOCPRE = 1u << 18,        /* place head word in front (Mount, Lake, Cape) */
    NF_GW_PARENT = 1u << 19,        /* the node has children (starts a longer phrase) */
    NF_GW_CUE_ORG_BEFORE = 1u << 20, /* a kind of organisation right before its name (carmaker) */
    NF_GW_CUE_SPORT = 1u << 21,     /* a word of sports reports (beat, striker, innings) */
    NF_GW_CUE_MARKET = 1u << 22,    /* a word of market reports (shares, stocks, traders) */
};

/* Roles a lower-case word can usefully have; nf_gaz_small_roles() answers for these alone. */
#define NF_GW_SMALL_MASK                                                                     \
    (NF_GW_TITLE | NF_GW_TITLEMOD | NF_GW_CUE_PER_AFTER | NF_GW_CUE_PER_BEFORE |             \
     NF_GW_CUE_ORG_AFTER | NF_GW_CUE_ORG_BEFORE | NF_GW_PARTICLE | NF_GW_ABBR | NF_GW_LOCPREP | NF_GW_FUNC | \
     NF_GW_CUE_SPORT | NF_GW_CUE_MARKET)

enum {
    NF_GAZ_EXACT_CASE = 1u << 0,    /* an acronym: matches all-caps text only (US, WHO, AP) */
};

typedef struct nf_gaz_entry {
    uint8_t type;            /* nf_gaz_type */
    uint8_t flags;           /* NF_GAZ_EXACT_CASE */
    char country[3];         /* ISO 3166-1 alpha-2 or "" */
    const char *canonical;   /* owned by the gazetteer; never NULL (the phrase itself) */
    uint32_t weight;         /* population for cities, rank for names */
} nf_gaz_entry;

typedef struct nf_gaz_node {
    uint32_t roles;          /* NF_GW_* */
    uint32_t first;          /* first entry index (entries of a node are contiguous) */
    uint16_t n_entries;
    uint8_t common_level;    /* SCOWL size of the word when NF_GW_COMMON (10 = most common) */
    uint8_t pad;
    uint32_t given_rank;     /* rank among given names, 0 when not one */
    uint32_t surname_rank;   /* rank among surnames, 0 when not one */
} nf_gaz_node;

typedef struct nf_gaz nf_gaz;

/** @brief Reads one data file (relative to the data directory); see nf_stage_env_read_file. */
typedef char *(*nf_gaz_reader)(void *rctx, const char *relpath, size_t *len, char *errstr,
                               size_t errstr_size);

nf_gaz *nf_gaz_new(void);
void nf_gaz_destroy(nf_gaz *g);

/**
 * @brief Add the entries of one data file. \p only_types limits what is kept to entries whose
 * type bit (1 << nf_gaz_type) is set, and roles to \p only_roles (pass UINT32_MAX for all).
 * @returns 0, or -1 with a message naming the file and line in \p errstr.
 */
int nf_gaz_load(nf_gaz *g, nf_gaz_reader read, void *rctx, const char *relpath,
                uint32_t only_types, uint32_t only_roles, char *errstr, size_t errstr_size);

/** @brief Finish loading: sorts entries per node. Call once after the last nf_gaz_load. */
void nf_gaz_freeze(nf_gaz *g);

/** @brief A reader over nf_stage_env_read_file (rctx is the nf_stage_env). */
char *nf_gaz_env_reader(void *rctx, const char *relpath, size_t *len, char *errstr,
                        size_t errstr_size);

/** @brief The child of \p node along a token with hash \p h, or NF_GAZ_NONE. Root is 0. */
uint32_t nf_gaz_child(const nf_gaz *g, uint32_t node, uint64_t h);

const nf_gaz_node *nf_gaz_node_at(const nf_gaz *g, uint32_t node);
const nf_gaz_entry *nf_gaz_entries(const nf_gaz *g, uint32_t node, uint16_t *n);

/**
 * @brief Trie node of token \p t alone, or NF_GAZ_NONE. Memoised in t->memo: call it only on a
 * stage's own copy of the tokens (nf_toks_copy), never on the doc's shared array.
 */
uint32_t nf_gaz_word(const nf_gaz *g, nf_tok *t);

/**
 * @brief Start loading what nf_gaz_word() will read for a token with hash \p h (a hint for
 * the CPU cache: the tables are larger than it; no effect on results).
 */
void nf_gaz_prefetch_word(const nf_gaz *g, uint64_t h);

/** @brief Start loading the node \p node (see nf_gaz_prefetch_word). */
void nf_gaz_prefetch_node(const nf_gaz *g, uint32_t node);

/** @brief Roles of token \p t alone (0 when the word is unknown). */
uint32_t nf_gaz_roles(const nf_gaz *g, nf_tok *t);

/**
 * @brief Roles of the word with hash \p h, restricted to NF_GW_SMALL_MASK, from a table small
 * enough to stay in cache (for the many lower-case tokens). Valid after nf_gaz_freeze().
 */
uint32_t nf_gaz_small_roles(const nf_gaz *g, uint64_t h);

/** @brief Bit index of word hash \p h in a filter of 2^NF_GAZ_FILTER_LOG2 bits. */
#define NF_GAZ_FILTER_LOG2 12
static inline uint32_t nf_gaz_filter_bit(uint64_t h)
{
    return (uint32_t)(h >> 40) & ((1u << NF_GAZ_FILTER_LOG2) - 1);
}

/**
 * @brief Set in \p bits (2^NF_GAZ_FILTER_LOG2 bits, zeroed by the caller) the bit
 * (nf_gaz_filter_bit) of every word whose nf_gaz_small_roles() meet \p mask: a word whose bit
 * is clear has none of those roles, and a scan over every token for a few rare roles (cue
 * words) tests one bit of a 512-byte table instead of probing the hash table. Valid after
 * nf_gaz_freeze().
 */
void nf_gaz_small_filter(const nf_gaz *g, uint32_t mask, uint64_t *bits);

/** @brief Sizes for logs and tests. */
size_t nf_gaz_n_nodes(const nf_gaz *g);
size_t nf_gaz_n_entries(const nf_gaz *g);
size_t nf_gaz_memory(const nf_gaz *g);

/** @brief "GPE", "LOC", "NORP", "ORG", "PERSON" for an entry type (static strings). */
const char *nf_gaz_label(nf_gaz_type t);

#endif
