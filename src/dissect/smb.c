/*
** smb.c -- NetBIOS session service (RFC 1002) on tcp 139 and direct-hosted
** SMB on tcp 445, with a first cut of SMB (MS-CIFS) and SMB2 (MS-SMB2)
** headers: Protocol column, command names, Request/Response, error status,
** and the file name of SMB2 Create (remembered by message id so the
** response can show it too).  Named-pipe DCE/RPC inside SMB is not decoded.
*/
#include <stdio.h>
#include <string.h>

#include "app_util.h"
#include "dissect.h"

enum {
	F_NBSS_TYPE,
	F_NBSS_LEN,
	F_SMB_CMD,
	F_SMB_STATUS,
	F_SMB2_CMD,
	F_SMB2_STATUS,
	F_SMB2_MSGID,
	F_COUNT
};
static int hf, proto_nbss, proto_smb, proto_smb2;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
    [F_NBSS_TYPE] = {"nbss.type", "Message Type", FT_UINT8, BASE_HEX, NULL, 0, "NBSS message type"},
    [F_NBSS_LEN] = {"nbss.length", "Length", FT_UINT24, BASE_DEC, NULL, 0,
		    "Length of trailer (payload) following this field in bytes"},
    [F_SMB_CMD] = {"smb.cmd", "SMB Command", FT_UINT8, BASE_HEX, NULL, 0, NULL},
    [F_SMB_STATUS] = {"smb.nt_status", "NT Status", FT_UINT32, BASE_HEX, NULL, 0, "NT Status code"},
    [F_SMB2_CMD] = {"smb2.cmd", "Command", FT_UINT16, BASE_DEC, NULL, 0, "SMB2 Command Opcode"},
    [F_SMB2_STATUS] = {"smb2.nt_status", "NT Status", FT_UINT32, BASE_HEX, NULL, 0,
		       "NT Status code"},
    [F_SMB2_MSGID] = {"smb2.msg_id", "Message ID", FT_UINT64, BASE_DEC, NULL, 0, NULL},
};

static const struct value_string status_vals[] = {
    {0x103, "STATUS_PENDING"},
    {0x80000005, "STATUS_BUFFER_OVERFLOW"},
    {0x80000006, "STATUS_NO_MORE_FILES"},
    {0x8000001a, "STATUS_NO_MORE_ENTRIES"},
    {0xc000000d, "STATUS_INVALID_PARAMETER"},
    {0xc000000f, "STATUS_NO_SUCH_FILE"},
    {0xc0000010, "STATUS_INVALID_DEVICE_REQUEST"},
    {0xc0000011, "STATUS_END_OF_FILE"},
    {0xc0000016, "STATUS_MORE_PROCESSING_REQUIRED"},
    {0xc0000022, "STATUS_ACCESS_DENIED"},
    {0xc0000033, "STATUS_OBJECT_NAME_INVALID"},
    {0xc0000034, "STATUS_OBJECT_NAME_NOT_FOUND"},
    {0xc0000035, "STATUS_OBJECT_NAME_COLLISION"},
    {0xc000003a, "STATUS_OBJECT_PATH_NOT_FOUND"},
    {0xc0000043, "STATUS_SHARING_VIOLATION"},
    {0xc000006d, "STATUS_LOGON_FAILURE"},
    {0xc00000ba, "STATUS_FILE_IS_A_DIRECTORY"},
    {0xc00000bb, "STATUS_NOT_SUPPORTED"},
    {0xc00000c9, "STATUS_NETWORK_NAME_DELETED"},
    {0xc00000cc, "STATUS_BAD_NETWORK_NAME"},
    {0xc0000128, "STATUS_FILE_CLOSED"},
    {0xc0000203, "STATUS_USER_SESSION_DELETED"},
    {0xc0000225, "STATUS_NOT_FOUND"},
    {0, NULL},
};

static const char *const smb2_cmds[19] = {
    "Negotiate Protocol",
    "Session Setup",
    "Session Logoff",
    "Tree Connect",
    "Tree Disconnect",
    "Create",
    "Close",
    "Flush",
    "Read",
    "Write",
    "Lock",
    "Ioctl",
    "Cancel",
    "KeepAlive",
    "Find",
    "Notify",
    "GetInfo",
    "SetInfo",
    "Break",
};

static const struct value_string smb_cmds[] = {
    {0x00, "Create Directory"},
    {0x01, "Delete Directory"},
    {0x02, "Open"},
    {0x03, "Create"},
    {0x04, "Close"},
    {0x05, "Flush"},
    {0x06, "Delete"},
    {0x07, "Rename"},
    {0x08, "Query Information"},
    {0x09, "Set Information"},
    {0x0a, "Read"},
    {0x0b, "Write"},
    {0x10, "Check Directory"},
    {0x24, "Locking AndX"},
    {0x25, "Trans"},
    {0x26, "Trans Secondary"},
    {0x2b, "Echo"},
    {0x2d, "Open AndX"},
    {0x2e, "Read AndX"},
    {0x2f, "Write AndX"},
    {0x32, "Trans2"},
    {0x33, "Trans2 Secondary"},
    {0x34, "Find Close2"},
    {0x71, "Tree Disconnect"},
    {0x72, "Negotiate Protocol"},
    {0x73, "Session Setup AndX"},
    {0x74, "Logoff AndX"},
    {0x75, "Tree Connect AndX"},
    {0xa0, "NT Trans"},
    {0xa1, "NT Trans Secondary"},
    {0xa2, "NT Create AndX"},
    {0xa4, "NT Cancel"},
    {0xa5, "NT Rename"},
    {0, NULL},
};

#define NAME_RING    32
#define NAME_MAX_LEN 128

struct smb_conv {
	struct {
		uint64_t msgid;
		char name[NAME_MAX_LEN];
	} ring[NAME_RING];
	uint32_t next;
};

static uint32_t le16(const uint8_t *p)
{
	return (uint32_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
	return le16(p) | le16(p + 2) << 16;
}

/* UTF-16LE name to UTF-8 (BMP only; others become U+FFFD). */
static void utf16_name(const uint8_t *p, uint32_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (uint32_t i = 0; i + 1 < n && k + 4 < cap; i += 2) {
		uint32_t u = le16(p + i);
		if (u >= 0xd800 && u <= 0xdfff)
			u = 0xfffd;
		if (u < 0x80) {
			out[k++] = (char)u;
		} else if (u < 0x800) {
			out[k++] = (char)(0xc0 | u >> 6);
			out[k++] = (char)(0x80 | (u & 0x3f));
		} else {
			out[k++] = (char)(0xe0 | u >> 12);
			out[k++] = (char)(0x80 | ((u >> 6) & 0x3f));
			out[k++] = (char)(0x80 | (u & 0x3f));
		}
	}
	out[k] = 0;
}

/* ", NTLMSSP_..." for a security blob holding an NTLMSSP message. */
static void ntlmssp_info(struct packet *pk, const uint8_t *b, uint32_t n)
{
	for (uint32_t i = 0; i + 12 <= n; i++) {
		if (memcmp(b + i, "NTLMSSP\0", 8) != 0)
			continue;
		const uint8_t *m = b + i;
		uint32_t ml = n - i, type = le32(m + 8);
		if (type == 1) {
			col_append_info(pk, ", NTLMSSP_NEGOTIATE");
		} else if (type == 2) {
			col_append_info(pk, ", NTLMSSP_CHALLENGE");
		} else if (type == 3) {
			char dom[NAME_MAX_LEN] = "", user[NAME_MAX_LEN] = "";
			if (ml >= 64) {
				int uni = (le32(m + 60) & 1) != 0;
				uint32_t dl = le16(m + 28), doff = le32(m + 32);
				uint32_t ul = le16(m + 36), uoff = le32(m + 40);
				if (doff <= ml && dl <= ml - doff) {
					if (uni)
						utf16_name(m + doff, dl, dom, sizeof dom);
					else
						app_fmt_text(dom, sizeof dom, m + doff, dl);
				}
				if (uoff <= ml && ul <= ml - uoff) {
					if (uni)
						utf16_name(m + uoff, ul, user, sizeof user);
					else
						app_fmt_text(user, sizeof user, m + uoff, ul);
				}
			}
			col_append_info(pk, ", NTLMSSP_AUTH, User: %s\\%s", dom, user);
		}
		return;
	}
}

static void status_info(struct packet *pk, uint32_t st)
{
	const char *s = vals_lookup(status_vals, st);
	if (s)
		col_append_info(pk, ", Error: %s", s);
	else
		col_append_info(pk, ", Error: Unknown (0x%08x)", st);
}

static void smb2_pdu(struct packet *pk, struct smb_conv *cv, const uint8_t *p, uint32_t n,
		     uint32_t pos)
{
	struct fieldset *fs = pk->fs;
	uint32_t off = 0;
	int first = 1, info = cv != NULL; /* the names are for the Info column only */
	while (off + 64 <= n) {
		const uint8_t *h = p + off;
		if (memcmp(h, "\xfeSMB", 4) != 0)
			break;
		uint32_t st = le32(h + 8), cmd = le16(h + 12), flags = le32(h + 16),
			 nxt = le32(h + 20);
		uint64_t mid = (uint64_t)le32(h + 24) | (uint64_t)le32(h + 28) << 32;
		int resp = flags & 1;
		if (resp) /* in requests the field is the channel sequence */
			fs_add_uint(fs, HF(F_SMB2_STATUS), pos + off + 8, 4, st);
		fs_add_uint(fs, HF(F_SMB2_CMD), pos + off + 12, 2, cmd);
		fs_add_uint(fs, HF(F_SMB2_MSGID), pos + off + 24, 8, mid);
		uint32_t len = nxt && nxt <= n - off ? nxt : n - off;
		if (info) {
			if (!first)
				col_append_info(pk, ";");
			first = 0;
			if (cmd < 19)
				col_append_info(pk, "%s %s", smb2_cmds[cmd],
						resp ? "Response" : "Request");
			else
				col_append_info(pk, "Unknown (0x%04x) %s", cmd,
						resp ? "Response" : "Request");
			if (cmd == 5) {
				char name[NAME_MAX_LEN] = "";
				if (!resp && len >= 64 + 48) {
					uint32_t no = le16(h + 64 + 44), nl = le16(h + 64 + 46);
					if (no <= len && nl <= len - no)
						utf16_name(h + no, nl, name, sizeof name);
					cv->ring[cv->next % NAME_RING].msgid = mid;
					memcpy(cv->ring[cv->next % NAME_RING].name, name,
					       sizeof name);
					cv->next++;
				} else if (resp) {
					for (uint32_t i = 0; i < NAME_RING; i++)
						if (cv->ring[i].msgid == mid)
							memcpy(name, cv->ring[i].name, sizeof name);
				}
				if (!resp || st == 0)
					col_append_info(pk, " File: %s", name);
			}
			if (cmd == 3 && !resp && len >= 64 + 8) {
				char path[NAME_MAX_LEN] = "";
				uint32_t po = le16(h + 64 + 4), pl = le16(h + 64 + 6);
				if (po <= len && pl <= len - po)
					utf16_name(h + po, pl, path, sizeof path);
				col_append_info(pk, " Tree: %s", path);
			}
			if (cmd == 6 && !resp)
				col_append_info(pk, " File: ");
			if (resp && st != 0 && st != 0x103)
				status_info(pk, st);
			if (cmd == 1 && len >= 64 + 8) {
				uint32_t bo = le16(h + 64 + (resp ? 4 : 12)),
					 bl = le16(h + 64 + (resp ? 6 : 14));
				if (bo <= len && bl <= len - bo)
					ntlmssp_info(pk, h + bo, bl);
			}
		}
		if (!nxt || nxt > n - off)
			break;
		off += nxt;
	}
}

static void smb_pdu(struct packet *pk, const uint8_t *p, uint32_t n, uint32_t pos)
{
	struct fieldset *fs = pk->fs;
	if (n < 32)
		return;
	uint8_t cmd = p[4];
	uint32_t st = le32(p + 5);
	int resp = (p[9] & 0x80) != 0;
	fs_add_uint(fs, HF(F_SMB_CMD), pos + 4, 1, cmd);
	fs_add_uint(fs, HF(F_SMB_STATUS), pos + 5, 4, st);
	if (!pk_want_info(pk))
		return;
	const char *name = vals_lookup(smb_cmds, cmd);
	if (name)
		col_append_info(pk, "%s %s", name, resp ? "Response" : "Request");
	else
		col_append_info(pk, "Unknown (0x%02x) %s", cmd, resp ? "Response" : "Request");
	if (resp && st != 0 && (le16(p + 10) & 0x4000))
		status_info(pk, st);
	if (cmd == 0x73)
		ntlmssp_info(pk, p, n);
}

static int dissect_nbss(struct packet *pk, struct cursor *c)
{
	uint32_t total = cur_remaining(c), avail = cur_avail(c), start = cur_pos(c);
	const uint8_t *p = cur_peek_ptr(c, 0, avail);
	if (!p || avail < 4)
		return 0;
	uint32_t len = pk->srcport == 445 || pk->dstport == 445
			   ? (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
			   : (uint32_t)(p[1] & 1) << 16 | (uint32_t)p[2] << 8 | p[3];
	int sess = p[0] == 0x00;
	/*
	 * a session message that does not start an SMB is the middle of an
	 * earlier one: tshark leaves it to TCP
	 */
	if (sess && (avail < 8 || (memcmp(p + 5, "SMB", 3) != 0 ||
				   (p[4] != 0xfe && p[4] != 0xff && p[4] != 0xfd))))
		return 0;
	if (!sess && (p[0] < 0x81 || p[0] > 0x85))
		return 0;
	if (sess && len + 4 > avail && pk->can_desegment && avail == total) {
		/* tshark names the NBSS message before it waits for the rest */
		col_clear_info(pk);
		col_append_info(pk, "Session message");
		pk->desegment_offset = 0;
		pk->desegment_len = len + 4 - avail;
		return (int)total;
	}
	pk_add_layer(pk, proto_nbss);
	col_set_proto(pk, "NBSS");
	fs_add_none(pk->fs, proto_nbss, start, total);
	fs_add_uint(pk->fs, HF(F_NBSS_TYPE), start, 1, p[0]);
	fs_add_uint(pk->fs, HF(F_NBSS_LEN), start + 1, 3, len);
	col_clear_info(pk);
	const uint8_t *s = p + 4;
	uint32_t sn = avail - 4 < len ? avail - 4 : len;
	if (sess && sn >= 4 && !memcmp(s, "\xfeSMB", 4)) {
		pk_add_layer(pk, proto_smb2);
		col_set_proto(pk, "SMB2");
		fs_add_none(pk->fs, proto_smb2, start + 4, sn);
		/* SMB2's state (file names by message id) feeds only the Info column */
		int dir;
		struct smb_conv *cv =
		    pk_want_info(pk) ? app_conv(pk, proto_smb2, sizeof *cv, 1, &dir) : NULL;
		smb2_pdu(pk, cv, s, sn, start + 4);
	} else if (sess && sn >= 4 && !memcmp(s, "\xffSMB", 4)) {
		pk_add_layer(pk, proto_smb);
		col_set_proto(pk, "SMB");
		fs_add_none(pk->fs, proto_smb, start + 4, sn);
		smb_pdu(pk, s, sn, start + 4);
	} else if (p[0] == 0x85) {
		col_append_info(pk, "Session keep-alive");
	} else if (p[0] == 0x81) {
		col_append_info(pk, "Session request");
	} else if (p[0] == 0x82) {
		col_append_info(pk, "Positive session response");
	} else if (p[0] == 0x83) {
		col_append_info(pk, "Negative session response");
	} else {
		col_append_info(pk, "NBSS Continuation Message");
	}
	return (int)total;
}

static const struct dissector nbss_dissector = {"nbss", dissect_nbss, 0};

void register_smb(void)
{
	proto_nbss = proto_register("NetBIOS Session Service", "NBSS", "nbss");
	proto_smb = proto_register("SMB (Server Message Block Protocol)", "SMB", "smb");
	proto_smb2 =
	    proto_register("SMB2 (Server Message Block Protocol version 2)", "SMB2", "smb2");
	hf = field_register(fields, F_COUNT);
}

void handoff_smb(void)
{
	dtable_add(DT_TCP_PORT, 139, &nbss_dissector);
	dtable_add(DT_TCP_PORT, 445, &nbss_dissector);
}
