#ifndef RG_COPENSSL_SHIM_H
#define RG_COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <openssl/opensslv.h>

// OpenSSL exposes several calls as function-like macros, which Swift cannot import.
static inline long rg_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
  return SSL_set_tlsext_host_name(ssl, name);
}
static inline long rg_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
  return SSL_CTX_set_min_proto_version(ctx, version);
}
static inline long rg_SSL_set_mode(SSL *ssl, long mode) { return SSL_set_mode(ssl, mode); }
static inline long rg_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
  return SSL_CTX_set_mode(ctx, mode);
}
// The hashed-directory lookup of the system trust store.
static inline int rg_X509_LOOKUP_add_dir(X509_LOOKUP *lookup, const char *dir, long type) {
  return X509_LOOKUP_add_dir(lookup, dir, type);
}
// Retry flags of the custom BIO that carries TLS over a ByteStream.
static inline void rg_BIO_set_retry_read(BIO *bio) { BIO_set_retry_read(bio); }
static inline void rg_BIO_set_retry_write(BIO *bio) { BIO_set_retry_write(bio); }
static inline void rg_BIO_clear_retry_flags(BIO *bio) { BIO_clear_retry_flags(bio); }
static inline void rg_OPENSSL_free(void *pointer) { OPENSSL_free(pointer); }
// SSL_OP_BIT makes these options invisible to Swift.
static inline uint64_t rg_SSL_OP_IGNORE_UNEXPECTED_EOF(void) { return SSL_OP_IGNORE_UNEXPECTED_EOF; }
static inline uint64_t rg_SSL_OP_NO_RENEGOTIATION(void) { return SSL_OP_NO_RENEGOTIATION; }
// The stack of a certificate's subjectAltName entries (typed stack macros in OpenSSL 3).
static inline int rg_sk_GENERAL_NAME_num(const GENERAL_NAMES *names) {
  return sk_GENERAL_NAME_num(names);
}
static inline GENERAL_NAME *rg_sk_GENERAL_NAME_value(const GENERAL_NAMES *names, int index) {
  return sk_GENERAL_NAME_value(names, index);
}
#endif
