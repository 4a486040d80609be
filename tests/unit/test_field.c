#include "core/field.h"
#include "core/fieldset.h"
#include "test.h"

TEST(registry_finds_builtin_fields)
{
	int id = field_lookup("tcp.srcport");
	CHECK(id >= 0);
	CHECK(field_get(id)->type == FT_UINT16);
	CHECK(field_lookup("no.such.field") < 0);
	int p = field_parent_proto(id);
	CHECK(p >= 0 && p == field_lookup("tcp"));
}

TEST(fieldset_chains_occurrences_and_skips_unwanted)
{
	int addr = field_lookup("ip.addr"), ttl = field_lookup("ip.ttl");
	struct fieldset fs;
	fs_init(&fs);
	field_want(addr);
	fs_add_uint(&fs, addr, 12, 4, 1);
	CHECK(fs_add_uint(&fs, ttl, 8, 1, 64) < 0 || field_is_wanted(ttl));
	fs_add_uint(&fs, addr, 16, 4, 2);
	CHECK_EQ_U64(fs_count(&fs, addr), 2);
	int i = fs_first(&fs, addr);
	CHECK_EQ_U64(fs.items[i].val.v.u, 1);
	CHECK_EQ_U64(fs.items[fs.items[i].next_same].val.v.u, 2);
	fs_reset(&fs);
	CHECK(fs_first(&fs, addr) < 0);
	fs_free(&fs);
}

TEST(field_any_wanted_follows_the_wanted_set)
{
	int id = field_lookup("vnc.server_proto_ver");
	CHECK(id >= 0);
	CHECK_EQ_U64(field_any_wanted(id, 1), field_is_wanted(id) != 0);
	field_want_value(id); /* a later want shows at once */
	CHECK(field_any_wanted(id, 1));
}

static uint32_t plan_makes;
static uint32_t count_make(void)
{
	return ++plan_makes;
}

/* A dissector's plan is made once, and again after any change to the wanted set. */
TEST(field_plan_is_remade_when_the_wanted_set_changes)
{
	struct field_plan plan = {0, 0};
	plan_makes = 0;
	CHECK_EQ_U64(field_plan_get(&plan, count_make), 1);
	CHECK_EQ_U64(field_plan_get(&plan, count_make), 1);
	int id = field_lookup("vnc.server_proto_ver");
	field_want_value(id);
	CHECK_EQ_U64(field_plan_get(&plan, count_make), 2);
	field_want_unchained(id);
	CHECK_EQ_U64(field_plan_get(&plan, count_make), 3);
	field_want(id);
	CHECK_EQ_U64(field_plan_get(&plan, count_make), 4);
	CHECK_EQ_U64(field_plan_get(&plan, count_make), 4);
}

/* Word loads with an overlapping tail: the same answer as a flag-by-flag test, every length. */
TEST(field_any_wanted_agrees_with_each_flag)
{
	int id = field_lookup("vnc.server_proto_ver");
	CHECK(id >= 20);
	field_want_value(id);
	int count = field_count();
	for (int first = id - 20; first <= id + 1; first++)
		for (int n = 1; n <= 21 && first + n <= count; n++) {
			int naive = 0;
			for (int i = first; i < first + n; i++)
				naive |= field_wanted_map[i] != 0;
			CHECK_EQ_U64(field_any_wanted(first, n), naive);
		}
}

/* The in-place stores: value, flags and the occurrence chain as fs_store's. */
TEST(fs_store_u_and_b_write_the_item_in_place)
{
	int port = field_lookup("tcp.port"), data = field_lookup("tcp.payload");
	CHECK(port >= 0 && data >= 0);
	struct fieldset fs;
	fs_init(&fs);
	int a = fs_store_u(&fs, port, 20, 2, 80, 0);
	int none = fs_store_u(&fs, port, 22, 2, 0, FI_NONE_VALUE | FI_GENERATED);
	static const uint8_t bytes[3] = {1, 2, 3};
	int b = fs_store_b(&fs, data, 40, 3, bytes, 3);
	CHECK_EQ_U64(fs.items[a].val.v.u, 80);
	CHECK_EQ_U64(fs.items[a].flags, 0);
	CHECK_EQ_U64(fs.items[a].pos, 20);
	CHECK_EQ_U64(fs.items[a].len, 2);
	CHECK_EQ_U64(fs.items[none].flags, FI_NONE_VALUE | FI_GENERATED);
	static const struct fvalue zero;
	CHECK(memcmp(&fs.items[none].val, &zero, sizeof zero) == 0);
	CHECK(fs.items[b].val.v.b.p == bytes);
	CHECK_EQ_U64(fs.items[b].val.v.b.n, 3);
	CHECK_EQ_U64(fs_count(&fs, port), 2);
	CHECK_EQ_U64(fs.items[fs_first(&fs, port)].next_same, none);
	CHECK(fs.items[b].text == NULL && fs.items[b].parent == -1);
	fs_free(&fs);
}

/* A dissector's own copy of its block of flags answers like the registry's. */
TEST(field_flags_any_on_a_copy)
{
	uint8_t w[12] = {0};
	for (int n = 0; n <= 12; n++)
		CHECK(!field_flags_any(w, n));
	w[11] = FIELD_WANT_VALUE;
	for (int n = 1; n <= 12; n++)
		CHECK_EQ_U64(field_flags_any(w, n), n == 12);
}
