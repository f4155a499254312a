#ifndef NF_PIPELINE_STAGES_NUMBERS_VALUE_H
#define NF_PIPELINE_STAGES_NUMBERS_VALUE_H

/* Exact decimal values of the numbers stage: a number is a decimal mantissa and exponent (with a
 * small denominator for thirds and the like); scale words only move the exponent, and the
 * double is produced once at the end (one exact multiplication or division, else strtod), so
 * "24.1 billion" is 24100000000 and not 24099999999.999996. */

#include <stdbool.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>

/* ---- Exact values ---------------------------------------------------------------------- */

/* Sixteen bytes, so that a value is passed and returned in two registers: at 24 bytes (a
 * 32-bit exponent and `ok` after `den`) GCC returned it through memory and copied it with a
 * byte store of `ok` followed by an 8-byte load over it, a store-forwarding stall the CPU paid
 * at every literal (perf: a quarter of nn_parse_numexpr's samples on those two instructions).
 * The exponent stays far inside 16 bits: scale words and exponents add at most a few hundred
 * per token over at most 16 tokens, nv_from_double keeps |e| < 400. */
typedef struct nval {
    uint64_t m;      /* mantissa */
    int16_t e;       /* decimal exponent: value = m * 10^e / den */
    bool ok;         /* false after an overflow: no value */
    uint32_t den;    /* 1 unless a fraction such as 1/3 */
} nval;

_Static_assert(sizeof(nval) == 16, "nval: two registers");

void nv_norm(nval *v);

void nv_mul(nval *v, uint64_t k);

void nv_div(nval *v, uint32_t d);

nval nv_add_slow(nval a, nval b);

/* a + b, exact (ok false on overflow). Adding zero (a number's running total before its first
 * scale word, "and" parts) is most calls: inline, without the call. */
static inline nval nv_add(nval a, nval b)
{
    if (a.ok && b.ok) {
        if (a.m == 0) {
            return b;
        }
        if (b.m == 0) {
            return a;
        }
    }
    return nv_add_slow(a, b);
}

/* Canonical decimal text of an exact value ("24100000000", "0.0125"); false when it has no
 * finite decimal form or is out of range. */
bool nv_text(nval v, bool neg, char *out, size_t size);

/* A double as a value of 15 significant digits (powers are not exact in any notation). */
nval nv_from_double(double d);

/* Divide by a denominator from plural_ordinal (negative: a power of ten). */
void nn_div_den(nval *v, int den);

nval nn_scaled(nval v, int k);

/* nv_double beyond the fast path (value.c). */
double nv_double_slow(nval v);

static inline nval nv_int(uint64_t v)
{
    nval r = {.m = v, .e = 0, .ok = true, .den = 1};
    return r;
}

/* The value as an integer when it is one (no fraction, not negative-exponent) and at most
 * \p max. Values are normalised (20 is m = 2, e = 1), so never test m alone. */
static inline bool nv_uint(const nval *v, uint64_t max, uint64_t *out)
{
    if (!v->ok || v->den != 1 || v->e < 0 || v->e > 19) {
        return false;
    }
    uint64_t m = v->m;
    for (int32_t k = 0; k < v->e; k++) {
        if (m > max / 10) {
            return false;
        }
        m *= 10;
    }
    if (m > max) {
        return false;
    }
    *out = m;
    return true;
}

static inline double nv_double(nval v)
{
    if (!v.ok) {
        return NAN;
    }
    /* Exact operands and one correctly rounded operation give the same double as strtod
     * (Clinger's fast path): a mantissa below 2^53 and a power of ten up to 10^22. */
    static const double P10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (v.m <= (1ull << 53) && v.e >= -22 && v.e <= 22) {
        double d = (double)v.m;
        d = v.e >= 0 ? d * P10[v.e] : d / P10[-v.e];
        return v.den > 1 ? d / v.den : d;
    }
    return nv_double_slow(v);
}

#endif
