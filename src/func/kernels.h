/* kernels.h — macros that stamp out typed loops for function kernels.
 *
 * FOR_EACH_INT_CASE(M, ...) / FOR_EACH_NUM_CASE expand to `case TYPE_X: M(ctype, ...); break;`
 * for every integer (or numeric) kind, so a kernel is written once as a macro
 * over its C type and dispatched with one switch outside the loop. Binary
 * loops handle constant operands without materialising them.
 */
#ifndef BASALT_KERNELS_H
#define BASALT_KERNELS_H

#include "../column/column.h"

#define FOR_EACH_INT_CASE(M, ...)                                   \
    case TYPE_UINT8: M(uint8_t, __VA_ARGS__); break;                \
    case TYPE_UINT16: M(uint16_t, __VA_ARGS__); break;              \
    case TYPE_UINT32: M(uint32_t, __VA_ARGS__); break;              \
    case TYPE_UINT64: M(uint64_t, __VA_ARGS__); break;              \
    case TYPE_UINT128: M(u128, __VA_ARGS__); break;                 \
    case TYPE_INT8: M(int8_t, __VA_ARGS__); break;                  \
    case TYPE_INT16: M(int16_t, __VA_ARGS__); break;                \
    case TYPE_INT32: M(int32_t, __VA_ARGS__); break;                \
    case TYPE_INT64: M(int64_t, __VA_ARGS__); break;                \
    case TYPE_INT128: M(i128, __VA_ARGS__); break;

#define FOR_EACH_FLOAT_CASE(M, ...)                                 \
    case TYPE_FLOAT32: M(float, __VA_ARGS__); break;                \
    case TYPE_FLOAT64: M(double, __VA_ARGS__); break;

#define FOR_EACH_NUM_CASE(M, ...) FOR_EACH_INT_CASE(M, __VA_ARGS__) FOR_EACH_FLOAT_CASE(M, __VA_ARGS__)

/* r[i] = EXPR(x, y) over columns A, B (either may be constant), R full. */
#define BIN_LOOP(T, TR, A, B, R, EXPR)                                              \
    do {                                                                            \
        const T *pa_ = (const T *)(const void *)(A)->data.data;                     \
        const T *pb_ = (const T *)(const void *)(B)->data.data;                     \
        TR *pr_ = (TR *)(void *)(R)->data.data;                                     \
        size_t n_ = (R)->rows;                                                      \
        if ((A)->is_const) {                                                        \
            T x = pa_[0];                                                           \
            for (size_t i = 0; i < n_; i++) { T y = pb_[i]; pr_[i] = (TR)(EXPR); }  \
        } else if ((B)->is_const) {                                                 \
            T y = pb_[0];                                                           \
            for (size_t i = 0; i < n_; i++) { T x = pa_[i]; pr_[i] = (TR)(EXPR); }  \
        } else {                                                                    \
            for (size_t i = 0; i < n_; i++) {                                       \
                T x = pa_[i], y = pb_[i];                                           \
                pr_[i] = (TR)(EXPR);                                                \
            }                                                                       \
        }                                                                           \
    } while (0)

/* r[i] = EXPR(x) over a full column A. */
#define UN_LOOP(T, TR, A, R, EXPR)                                                  \
    do {                                                                            \
        const T *pa_ = (const T *)(const void *)(A)->data.data;                     \
        TR *pr_ = (TR *)(void *)(R)->data.data;                                     \
        size_t n_ = (R)->rows;                                                      \
        for (size_t i = 0; i < n_; i++) { T x = pa_[i]; pr_[i] = (TR)(EXPR); }      \
    } while (0)

#endif
