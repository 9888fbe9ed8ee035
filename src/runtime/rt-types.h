/* rt-types.h: forward declarations for the object runtime, so headers can
 * name each other's types without including each other. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct RtObject RtObject;
typedef struct RtType RtType;
typedef struct RtGcHead RtGcHead;
typedef struct RtRuntime RtRuntime;
typedef struct RtEvent RtEvent;
typedef struct RtEventSink RtEventSink;
typedef struct RtMemStats RtMemStats;
typedef struct RtGcStats RtGcStats;

/* Hash values follow CPython's Py_hash_t: signed, -1 means "error". */
typedef int64_t RtHash;

#if defined(__GNUC__)
#define RT_LIKELY(x) __builtin_expect (!!(x), 1)
#define RT_UNLIKELY(x) __builtin_expect (!!(x), 0)
#define RT_PRINTF(f, a) __attribute__ ((format (printf, f, a)))
#define RT_NORETURN __attribute__ ((noreturn))
#else
#define RT_LIKELY(x) (x)
#define RT_UNLIKELY(x) (x)
#define RT_PRINTF(f, a)
#define RT_NORETURN
#endif
