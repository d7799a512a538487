#ifndef RG_CLINUX_SHIM_H
#define RG_CLINUX_SHIM_H
// Linux interfaces that Swift's Glibc module leaves out.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <malloc.h>

// The processors this process may run on (its affinity mask, which taskset and container
// cpusets narrow), or 0 if unknown. CPU_COUNT is a macro, so Swift cannot call it itself.
static inline int rg_available_processors(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
  return CPU_COUNT(&set);
}
#endif
