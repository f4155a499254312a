#ifndef NF_COMMON_DIGEST_H
#define NF_COMMON_DIGEST_H

#include <stddef.h>

/* Incremental SHA-256 (libcrypto underneath), for config/data digests and stable ids. */
typedef struct nf_digest nf_digest;

nf_digest *nf_digest_new(void);
void nf_digest_update(nf_digest *d, const void *p, size_t n);
/** @brief Write "sha256:<64 hex>" (72 bytes + NUL) to \p out and reset the digest. */
void nf_digest_final_str(nf_digest *d, char out[80]);
void nf_digest_destroy(nf_digest *d);

/** @brief One-shot: the first \p hex_len hex digits of SHA-256(p[0..n)) into \p out. */
void nf_sha256_hex(const void *p, size_t n, char *out, size_t hex_len);

#endif
