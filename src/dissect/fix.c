/*
** fix.c -- FIX (Financial Information eXchange) found by tshark's heuristic:
** a TCP payload starting with "8=FIX" claims the conversation.  Only the
** Protocol column; tshark leaves Info empty when it builds no tree.
*/
#include <string.h>

#include "app_util.h"
#include "dissect.h"

static int proto_fix;

static int dissect_fix_heur(struct packet *pk, struct cursor *c)
{
	uint32_t n = cur_remaining(c);
	const uint8_t *p = cur_peek_ptr(c, 0, 5);
	if (!p || memcmp(p, "8=FIX", 5) != 0)
		return 0;
	pk_add_layer(pk, proto_fix);
	col_set_proto(pk, "FIX");
	fs_add_none(pk->fs, proto_fix, cur_pos(c), n);
	col_clear_info(pk);
	return (int)n;
}

static const struct dissector fix_heur = {"fix", dissect_fix_heur, 0};

void register_fix(void)
{
	proto_fix = proto_register("Financial Information eXchange Protocol", "FIX", "fix");
}

void handoff_fix(void)
{
	heur_add(HT_TCP, &fix_heur);
}
