/*
** userdlt.c -- the private link types LINKTYPE_USER0..15 (147..162): with no
** user table configured tshark shows a "user_dlt" layer, the bytes as data,
** and leaves Protocol and Info empty.
*/
#include "dissect.h"

static int proto_user_dlt;

static int dissect_user_dlt(struct packet *pk, struct cursor *c)
{
	uint32_t total = cur_remaining(c);
	pk_add_layer(pk, proto_user_dlt);
	fs_add_none(pk->fs, proto_user_dlt, cur_pos(c), total);
	/* an empty Protocol column, which dissect_data would fill with "Data" */
	col_set_proto(pk, "");
	struct cursor pl = cur_rest(c);
	dissect_data(pk, &pl);
	return (int)total;
}

static const struct dissector user_dlt_dissector = {"user_dlt", dissect_user_dlt, 0};

void register_userdlt(void)
{
	proto_user_dlt = proto_register("DLT User", "DLT_USER", "user_dlt");
}

void handoff_userdlt(void)
{
	for (uint32_t lt = 147; lt <= 162; lt++)
		dtable_add(DT_WTAP_ENCAP, lt, &user_dlt_dissector);
}
