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
 * works the same in Chromium. Like libfaketime it also moves the absolute deadlines of timed
 * waits back to the real clock (below).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <semaphore.h>
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

/*
 * Waits until an absolute realtime deadline: the caller computed it from the set clock, the
 * kernel waits on the real one, so the deadline is moved back by the offset (else a 1 s wait
 * would last days: Firefox's NSPR waits so, and its add-on install over BiDi hung in 5 of 8
 * launches here; 0 of 8 with this). The real functions are looked up on first use, long after start-up, where
 * dlsym's allocation is harmless.
 */
static struct timespec real_deadline(const struct timespec *at) {
  struct timespec moved = *at;
  long long shift = offset();
  struct timespec now;
  syscall(SYS_clock_gettime, CLOCK_REALTIME, &now);
  // Only a deadline on the set realtime clock is moved: one on the monotonic clock (a condition
  // variable made with pthread_condattr_setclock) is near the machine's uptime, far from it.
  long long half = shift / 2;
  if ((shift > 0 && at->tv_sec >= now.tv_sec + half) || (shift < 0 && at->tv_sec <= now.tv_sec + half))
    moved.tv_sec -= shift;
  return moved;
}

int pthread_cond_timedwait(pthread_cond_t *cond, pthread_mutex_t *mutex, const struct timespec *at) {
  static int (*real)(pthread_cond_t *, pthread_mutex_t *, const struct timespec *);
  if (!real) real = dlsym(RTLD_NEXT, "pthread_cond_timedwait");
  if (!at) return real(cond, mutex, at);
  struct timespec moved = real_deadline(at);
  return real(cond, mutex, &moved);
}

int pthread_mutex_timedlock(pthread_mutex_t *mutex, const struct timespec *at) {
  static int (*real)(pthread_mutex_t *, const struct timespec *);
  if (!real) real = dlsym(RTLD_NEXT, "pthread_mutex_timedlock");
  if (!at) return real(mutex, at);
  struct timespec moved = real_deadline(at);
  return real(mutex, &moved);
}

int sem_timedwait(sem_t *sem, const struct timespec *at) {
  static int (*real)(sem_t *, const struct timespec *);
  if (!real) real = dlsym(RTLD_NEXT, "sem_timedwait");
  if (!at) return real(sem, at);
  struct timespec moved = real_deadline(at);
  return real(sem, &moved);
}
