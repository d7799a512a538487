#ifndef RG_CNGHTTP2_SHIM_H
#define RG_CNGHTTP2_SHIM_H
#include <nghttp2/nghttp2.h>

// Function-like macros do not reach Swift; these wrap the ones rg needs.
static inline nghttp2_nv rg_nghttp2_nv(const char *name, size_t namelen, const char *value,
                                       size_t valuelen, uint8_t flags) {
  nghttp2_nv nv = {(uint8_t *)name, (uint8_t *)value, namelen, valuelen, flags};
  return nv;
}
#endif
