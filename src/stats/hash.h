/*
** hash.h -- the file digests capinfos prints: SHA-256, RIPEMD-160, SHA-1.
** Streaming: init, update with any chunk sizes, final.
*/
#ifndef WS_HASH_H
#define WS_HASH_H

#include <stddef.h>
#include <stdint.h>

struct md_ctx {
	uint32_t h[8];
	uint8_t buf[64];
	uint64_t total; /* bytes */
	size_t fill;
	int algo;
};

enum { MD_SHA256, MD_RIPEMD160, MD_SHA1 };

void md_init(struct md_ctx *c, int algo);
void md_update(struct md_ctx *c, const void *p, size_t n);
/* Writes the lowercase hex digest and a NUL; hex must hold 65 bytes. */
void md_final_hex(struct md_ctx *c, char *hex);

#endif
