#ifndef RG_CLINUX_SHIM_H
#define RG_CLINUX_SHIM_H
// Linux interfaces that Swift's Glibc module leaves out.
#include <sys/signalfd.h>
#include <malloc.h>
#endif
