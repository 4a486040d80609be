/*
** fuzz_packet.h -- the setup the dissecting fuzz targets share: registry
** sealed with every field wanted, one packet with its fieldset, arena and
** dissection context (kept across inputs: bugs in state need sequences).
*/
#ifndef WS_FUZZ_PACKET_H
#define WS_FUZZ_PACKET_H

#include <stdlib.h>

#include "core/arena.h"
#include "core/field.h"
#include "core/fieldset.h"
#include "dissect/dissect.h"
#include "dissect/packet.h"

static struct packet *fuzz_packet_new(struct fieldset *fs, struct arena *arena)
{
	dissect_init();
	field_seal();
	field_want_all();
	fs_init(fs);
	fs->want_all = 1;
	arena_init(arena);
	struct packet *p = calloc(1, sizeof *p);
	if (!p)
		abort();
	p->fs = fs;
	p->arena = arena;
	p->ctx = dissect_ctx_new();
	return p;
}

#endif
