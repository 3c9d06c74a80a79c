/*
 * Sets the wall clock of a browser for the end-to-end tests: preloaded (LD_PRELOAD) into every
 * process of the browser, it adds CPOR_CLOCK_OFFSET_S seconds to what the realtime clock says, so
 * the service worker, the pages and the content scripts all read one instant (demo/harness.mjs
 * clockEnv builds and preloads it). Monotonic clocks are left alone: timers and animations run as
 * usual.
 *
 * Why not Debian's libfaketime: it finds the real clock_gettime with dlsym on its first call, and
 * dlsym allocates. Firefox's own allocator asks the clock while it starts, so under libfaketime
 * Firefox recursed until it crashed (segmentation fault at launch, seen with faketime 0.9.10 and
 * Firefox ESR 153). This shim asks the kernel directly (syscall), which never allocates, and
 * works the same in Chromium.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static long long offset_seconds;
static int offset_read;

/* Read once; a race between threads writes the same value twice. */
static long long offset(void) {
  if (!offset_read) {
    const char *value = getenv("CPOR_CLOCK_OFFSET_S");
    offset_seconds = value ? atoll(value) : 0;
    offset_read = 1;
  }
  return offset_seconds;
}

int clock_gettime(clockid_t id, struct timespec *ts) {
  long result = syscall(SYS_clock_gettime, id, ts);
  if (result == 0 && ts && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE)) ts->tv_sec += offset();
  return (int)result;
}

int gettimeofday(struct timeval *tv, void *tz) {
  long result = syscall(SYS_gettimeofday, tv, tz);
  if (result == 0 && tv) tv->tv_sec += offset();
  return (int)result;
}

time_t time(time_t *out) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  if (out) *out = now.tv_sec;
  return now.tv_sec;
}
