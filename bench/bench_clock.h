/* What the in-process benchmarks share: a monotonic clock and the
 * calling thread's CPU time in milliseconds, and sorting timings to take
 * their median. */
#ifndef LP_BENCH_CLOCK_H
#define LP_BENCH_CLOCK_H

#include <stdlib.h>
#include <time.h>

static inline double
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The calling thread's CPU time: a busy machine adds less to it than to
 * the wall clock, and another thread's work nothing. */
static inline double
thread_cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static inline int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

#endif
