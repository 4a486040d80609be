/*
** tlv.c -- a list of 16-bit TLVs (tlv.h), each a tree item over its type,
** length and value.
*/
#include "tlv.h"

void tlv16_walk(struct packet *pk, struct cursor *c, uint32_t start, uint32_t o, uint32_t total,
		const struct tlv16_list *l)
{
	struct fieldset *fs = pk->fs;
	while (o + 4 <= total && cur_check_at(c, o, 4)) {
		uint16_t type = cur_peek_be16(c, o), len = cur_peek_be16(c, o + 2);
		if (len < 4 || !cur_check_tlv(c, o, len, total))
			break;
		int it = fs_add_none(fs, hf_text_item, start + o, len);
		const char *tn = vals_lookup(l->names, type);
		fs_tree_text(fs, it, tn ? tn : l->unknown);
		int prev = fs_push(fs, it);
		fs_add_uint(fs, l->hf_type, start + o, 2, type);
		fs_add_uint(fs, l->hf_len, start + o + 2, 2, len);
		l->value(pk, c, start, type, o + 4, o + len, it);
		fs_pop(fs, prev);
		o += len;
	}
}
