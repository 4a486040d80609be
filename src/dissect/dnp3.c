/*
** dnp3.c -- DNP 3.0 (IEEE 1815) over tcp/udp 20000: the link header, the
** transport byte and the application function, which is what tshark's
** Info column shows, plus the first request object ("Read, Class 0123").
** User data is carried in 16-byte blocks each followed by a CRC; the
** blocks are joined (CRCs dropped) into a local buffer before parsing.
*/
#include <stdio.h>
#include <string.h>

#include "dissect.h"

enum { F_START, F_LEN, F_CTL, F_DST, F_SRC, F_TR_CTL, F_AL_CTL, F_AL_FUNC, F_COUNT };
static int hf, proto_dnp3;
#define HF(x) (hf + (x))

static const struct value_string func_vals[] = {
    {0, "Confirm"},
    {1, "Read"},
    {2, "Write"},
    {3, "Select"},
    {4, "Operate"},
    {5, "Direct Operate"},
    {6, "Direct Operate No Ack"},
    {7, "Immediate Freeze"},
    {8, "Immediate Freeze No Ack"},
    {9, "Freeze and Clear"},
    {10, "Freeze and Clear No ACK"},
    {11, "Freeze With Time"},
    {12, "Freeze With Time No ACK"},
    {13, "Cold Restart"},
    {14, "Warm Restart"},
    {15, "Initialize Data"},
    {16, "Initialize Application"},
    {17, "Start Application"},
    {18, "Stop Application"},
    {19, "Save Configuration"},
    {20, "Enable Spontaneous Messages"},
    {21, "Disable Spontaneous Messages"},
    {22, "Assign Classes"},
    {23, "Delay Measurement"},
    {24, "Record Current Time"},
    {25, "Open File"},
    {26, "Close File"},
    {27, "Delete File"},
    {28, "Get File Info"},
    {29, "Authenticate File"},
    {30, "Abort File"},
    {31, "Activate Config"},
    {32, "Authentication Request"},
    {33, "Authentication Error"},
    {129, "Response"},
    {130, "Unsolicited Response"},
    {131, "Authentication Response"},
    {0, NULL},
};

static const struct value_string group_vals[] = {
    {1, "Binary Input"},
    {2, "Binary Input Change"},
    {10, "Binary Output"},
    {12, "Binary Output Command"},
    {20, "Binary Counter"},
    {21, "Frozen Counter"},
    {30, "Analog Input"},
    {32, "Analog Input Change"},
    {40, "Analog Output Status"},
    {41, "Analog Output Block"},
    {50, "Time and Date"},
    {80, "Internal Indications"},
    {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_START] = {"dnp3.start", "Start Bytes", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_LEN] = {"dnp3.len", "Length", FT_UINT8, BASE_DEC, NULL, 0, "Frame Data Length"},
    [F_CTL] = {"dnp3.ctl", "Control", FT_UINT8, BASE_HEX, NULL, 0, "Frame Control Byte"},
    [F_DST] = {"dnp3.dst", "Destination", FT_UINT16, BASE_DEC, NULL, 0, "Destination Address"},
    [F_SRC] = {"dnp3.src", "Source", FT_UINT16, BASE_DEC, NULL, 0, "Source Address"},
    [F_TR_CTL] = {"dnp3.tr.ctl", "Transport Control", FT_UINT8, BASE_HEX, NULL, 0,
		  "Transport Layer Control Byte"},
    [F_AL_CTL] = {"dnp3.al.ctl", "Application Control", FT_UINT8, BASE_HEX, NULL, 0,
		  "Application Layer Control Byte"},
    [F_AL_FUNC] = {"dnp3.al.func", "Application Layer Function Code", FT_UINT8, BASE_DEC, func_vals,
		   0xff, "Application Function Code"},
};

/* Request objects: class polls collapse to "Class 0123", others are named once. */
static void objects_info(struct packet *pk, const uint8_t *d, uint32_t n)
{
	uint32_t off = 0;
	int classes = 0;
	const char *named = NULL;
	while (off + 3 <= n && !named) {
		uint8_t g = d[off], v = d[off + 1], q = d[off + 2];
		off += 3;
		if (g == 60 && v >= 1 && v <= 4)
			classes |= 1 << (v - 1);
		else
			named = vals_lookup(group_vals, g);
		switch (q & 0x0f) {
		case 0:
			off += 2;
			break;
		case 1:
			off += 4;
			break;
		case 7:
			off += 1;
			break;
		case 8:
			off += 2;
			break;
		case 6:
			break;
		default:
			off = n;
			break;
		}
		if (g != 60)
			break;
	}
	if (classes) {
		col_append_info(pk, ", Class ");
		for (int i = 0; i < 4; i++)
			if (classes & (1 << i))
				col_append_info(pk, "%d", i);
	}
	if (named)
		col_append_info(pk, ", %s", named);
}

static int dissect_dnp3(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	const uint8_t *h = cur_peek_ptr(c, 0, 10);
	if (!h || h[0] != 0x05 || h[1] != 0x64) {
		c->err = CUR_OK;
		return 0;
	}
	pk_add_layer(pk, proto_dnp3);
	col_set_proto(pk, "DNP 3.0");
	int it = fs_add_none(fs, proto_dnp3, start, total);
	int prev = fs_push(fs, it);
	uint8_t len = h[2];
	fs_add_uint(fs, HF(F_START), start, 2, 0x0564);
	fs_add_uint(fs, HF(F_LEN), start + 2, 1, len);
	fs_add_uint(fs, HF(F_CTL), start + 3, 1, h[3]);
	fs_add_uint(fs, HF(F_DST), start + 4, 2, (uint32_t)(h[4] | h[5] << 8));
	fs_add_uint(fs, HF(F_SRC), start + 6, 2, (uint32_t)(h[6] | h[7] << 8));
	col_clear_info(pk);
	/* user data: len counts ctrl+addresses (5) plus the data bytes */
	uint8_t d[256];
	uint32_t dn = 0, want = len > 5 ? len - 5u : 0, off = 10;
	while (dn < want) {
		uint32_t blk = want - dn < 16 ? want - dn : 16;
		const uint8_t *p = cur_peek_ptr(c, off, blk);
		if (!p)
			break;
		memcpy(d + dn, p, blk);
		dn += blk;
		off += blk + 2;
	}
	c->err = CUR_OK;
	if (dn >= 3) {
		fs_add_uint(fs, HF(F_TR_CTL), start + 10, 1, d[0]);
		fs_add_uint(fs, HF(F_AL_CTL), start + 11, 1, d[1]);
		fs_add_uint(fs, HF(F_AL_FUNC), start + 12, 1, d[2]);
		const char *fn = vals_lookup(func_vals, d[2]);
		if (fn)
			col_append_sep_info(pk, ", ", "%s", fn);
		else
			col_append_sep_info(pk, ", ", "Unknown function (0x%02x)", d[2]);
		if (d[2] == 1 || d[2] == 2)
			objects_info(pk, d + 3, dn - 3);
	}
	fs_pop(fs, prev);
	return (int)total;
}

static const struct dissector dnp3_dissector = {"dnp3", dissect_dnp3, 0};

void register_dnp3(void)
{
	proto_dnp3 = proto_register("Distributed Network Protocol 3.0", "DNP 3.0", "dnp3");
	hf = field_register(fields, F_COUNT);
}

void handoff_dnp3(void)
{
	dtable_add(DT_TCP_PORT, 20000, &dnp3_dissector);
	dtable_add(DT_UDP_PORT, 20000, &dnp3_dissector);
}
