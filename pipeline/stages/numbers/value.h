#ifndef NF_PIPELINE_STAGES_NUMBERS_VALUE_H
#define NF_PIPELINE_STAGES_NUMBERS_VALUE_H

/* Exact decimal values of the numbers stage: a number is a decimal mantissa and exponent (with a
 * small denominator for thirds and the like); scale words only move the exponent, and the
 * double is produced once at the end (one exact multiplication or division, else strtod), so
 * "24.1 billion" is 24100000000 and not 24099999999.999996. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Exact values ---------------------------------------------------------------------- */

typedef struct nval {
    uint64_t m;      /* mantissa */
    int32_t e;       /* decimal exponent: value = m * 10^e / den */
    uint32_t den;    /* 1 unless a fraction such as 1/3 */
    bool ok;         /* false after an overflow: no value */
} nval;

nval nv_int(uint64_t v);

void nv_norm(nval *v);

void nv_mul(nval *v, uint64_t k);

void nv_div(nval *v, uint32_t d);

nval nv_add(nval a, nval b);

double nv_double(nval v);

/* The value as an integer when it is one (no fraction, not negative-exponent) and at most
 * \p max. Values are normalised (20 is m = 2, e = 1), so never test m alone. */
bool nv_uint(const nval *v, uint64_t max, uint64_t *out);

int nv_digits(uint64_t m);

/* Canonical decimal text of an exact value ("24100000000", "0.0125"); false when it has no
 * finite decimal form or is out of range. */
bool nv_text(nval v, bool neg, char *out, size_t size);

/* A double as a value of 15 significant digits (powers are not exact in any notation). */
nval nv_from_double(double d);

/* Divide by a denominator from plural_ordinal (negative: a power of ten). */
void nn_div_den(nval *v, int den);

nval nn_scaled(nval v, int k);

#endif
