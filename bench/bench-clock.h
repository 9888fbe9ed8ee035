/* bench-clock.h: the wall and CPU time the view benchmarks measure (CPU
 * time of the calling thread: this machine's other load stays out of it). */
#pragma once

#include <glib.h>
#include <time.h>

typedef struct
{
  gint64 wall;
  struct timespec cpu;
} BenchClock;

/* Seconds of each. */
typedef struct
{
  double wall, cpu;
} BenchTiming;

static inline BenchClock
bench_clock_now (void)
{
  BenchClock now = { g_get_monotonic_time () };

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now.cpu);
  return now;
}

static inline BenchTiming
bench_clock_since (const BenchClock *start)
{
  BenchClock end = bench_clock_now ();

  return (BenchTiming){ (end.wall - start->wall) / 1e6,
                        (double) (end.cpu.tv_sec - start->cpu.tv_sec)
                            + (end.cpu.tv_nsec - start->cpu.tv_nsec) / 1e9 };
}
