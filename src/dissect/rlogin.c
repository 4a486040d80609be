/*
** rlogin.c -- Rlogin (RFC 1282) on tcp 513 and KRB4 (Kerberos v4, found by
** its version byte on the Kerberos ports): Protocol column and tshark's
** one-line Info.  The rlogin start-up handshake is not decoded yet.
*/
#include "app_util.h"
#include "dissect.h"

static int proto_rlogin, proto_krb4;

static int dissect_rlogin(struct packet *pk, struct cursor *c)
{
	uint32_t n = cur_remaining(c), avail = cur_avail(c);
	const uint8_t *p = cur_peek_ptr(c, 0, avail);
	pk_add_layer(pk, proto_rlogin);
	col_set_proto(pk, "Rlogin");
	fs_add_none(pk->fs, proto_rlogin, cur_pos(c), n);
	if (pk_want_info(pk) && p) {
		char buf[1024];
		/* tshark shows at most the first 128 bytes */
		app_fmt_text(buf, sizeof buf, p, avail < 128 ? avail : 128);
		col_clear_info(pk);
		col_append_info(pk, "Data: %s", buf);
	}
	return (int)n;
}

static const struct value_string krb4_types[] = {
    {1, "KDC Request"}, {2, "KDC Reply"}, {3, "Appl Request"}, {4, "Appl Request Mutual"},
    {5, "Err Reply"},   {6, "Private"},   {7, "Safe"},         {8, "Appl Err"},
    {0x3f, "Die"},      {0, NULL},
};

static int dissect_krb4(struct packet *pk, struct cursor *c)
{
	uint32_t n = cur_remaining(c);
	uint8_t ver = cur_peek_u8(c, 0), mt = cur_peek_u8(c, 1);
	if (c->err || ver != 4) {
		c->err = CUR_OK;
		return 0;
	}
	pk_add_layer(pk, proto_krb4);
	col_set_proto(pk, "KRB4");
	fs_add_none(pk->fs, proto_krb4, cur_pos(c), n);
	const char *s = vals_lookup(krb4_types, (uint32_t)(mt >> 1));
	col_clear_info(pk);
	if (s)
		col_append_info(pk, "%s", s);
	else
		col_append_info(pk, "Unknown (0x%02x)", (unsigned)(mt >> 1));
	if ((mt >> 1) == 1) {
		/* name, instance, realm, time, lifetime, service name, service instance */
		struct cursor t = *c;
		cur_skip(&t, 2);
		for (int i = 0; i < 6 && !t.err; i++) {
			if (i == 3) {
				cur_skip(&t, 5);
				continue;
			}
			while (!t.err && cur_u8(&t) != 0)
				;
		}
		if (t.err)
			return dissect_report_error(pk, &t, proto_krb4);
	}
	return (int)n;
}

static const struct dissector rlogin_dissector = {"rlogin", dissect_rlogin, 0};
static const struct dissector krb4_dissector = {"krb4", dissect_krb4, 0};

void register_rlogin(void)
{
	proto_rlogin = proto_register("Rlogin Protocol", "Rlogin", "rlogin");
	proto_krb4 = proto_register("Kerberos v4", "KRB4", "krb4");
}

void handoff_rlogin(void)
{
	dtable_add(DT_TCP_PORT, 513, &rlogin_dissector);
	dtable_add(DT_UDP_PORT, 750, &krb4_dissector);
	dtable_add(DT_UDP_PORT, 88, &krb4_dissector);
}
