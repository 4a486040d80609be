/*
** ssh.c -- SSH (RFC 4253, and SSH-1 framing) on tcp 22: banners, the clear
** key exchange and the point where each side switches to encryption.
**
** tshark names the protocol "SSH" until the client's banner has fixed the
** version, then "SSHv2"/"SSHv1".  After New Keys, packets are opaque; tshark
** shows "Encrypted packet (len=N)" only for the AEAD ciphers it could
** cannot set up (see shows_encrypted) and nothing for the others, so we
** keep what the two Key Exchange Init messages offered.
*/
#include <stdio.h>
#include <string.h>

#include "app_util.h"
#include "dissect.h"

enum { F_PROTOCOL, F_PKT_LEN, F_PAD_LEN, F_MSG_CODE, F_ENC_PKT, F_DIR, F_COUNT };
static int hf, proto_ssh;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
    [F_PROTOCOL] = {"ssh.protocol", "Protocol", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_PKT_LEN] = {"ssh.packet_length", "Packet Length", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_PAD_LEN] = {"ssh.padding_length", "Padding Length", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_MSG_CODE] = {"ssh.message_code", "Message Code", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_ENC_PKT] = {"ssh.encrypted_packet", "Encrypted Packet", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_DIR] = {"ssh.direction", "Direction", FT_BOOLEAN, 0, NULL, 0, "Message direction"},
};

#define LIST_MAX 200

enum kex_kind { KEX_UNKNOWN, KEX_DH, KEX_DH_GEX, KEX_ECDH };

struct ssh_conv {
	uint8_t version;    /* 0 unknown, 1, 2 */
	uint8_t newkeys[2]; /* per side: 0 client, 1 server */
	uint8_t have_kexinit[2];
	uint8_t v1_encrypted;
	char kex[2][LIST_MAX]; /* kex_algorithms name-list, per side */
	char c2s[2][LIST_MAX]; /* client-to-server cipher list, per side */
	char s2c[2][LIST_MAX];
};

/* First name in the client's list that the server also offers. */
static void negotiate(const char *cl, const char *sl, char *out, size_t cap)
{
	out[0] = 0;
	const char *p = cl;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *q = sl;
		while (*q) {
			const char *qe = strchr(q, ',');
			size_t qn = qe ? (size_t)(qe - q) : strlen(q);
			if (qn == n && !memcmp(p, q, n)) {
				snprintf(out, cap, "%.*s", (int)n, p);
				return;
			}
			q += qn + (qe ? 1 : 0);
		}
		p += n + (e ? 1 : 0);
	}
}

static enum kex_kind kex_kind(const struct ssh_conv *cv)
{
	char k[LIST_MAX];
	if (!cv->have_kexinit[0] || !cv->have_kexinit[1])
		return KEX_UNKNOWN;
	negotiate(cv->kex[0], cv->kex[1], k, sizeof k);
	if (!strncmp(k, "diffie-hellman-group-exchange", 29))
		return KEX_DH_GEX;
	if (!strncmp(k, "diffie-hellman-group", 20))
		return KEX_DH;
	if (!strncmp(k, "ecdh-sha2-", 10) || !strncmp(k, "curve25519", 10) ||
	    !strncmp(k, "curve448", 8))
		return KEX_ECDH;
	return KEX_UNKNOWN;
}

/*
** Does tshark print "Encrypted packet (len=N)" for this conversation?  In
** the corpus it does after a Diffie-Hellman (group exchange) key exchange
** and not after an elliptic-curve one (where it sets up its decryption
** state and, without keys, shows nothing).
*/
static int shows_encrypted(const struct ssh_conv *cv)
{
	return kex_kind(cv) != KEX_ECDH;
}

static const char *msg_name(uint8_t code, enum kex_kind k, char *buf, size_t cap)
{
	switch (code) {
	case 1:
		return "Disconnect";
	case 2:
		return "Ignore";
	case 3:
		return "Unimplemented";
	case 4:
		return "Debug";
	case 5:
		return "Service Request";
	case 6:
		return "Service Accept";
	case 7:
		return "Extension Info";
	case 20:
		return "Key Exchange Init";
	case 21:
		return "New Keys";
	default:
		break;
	}
	if (k == KEX_DH_GEX) {
		switch (code) {
		case 30:
			return "Diffie-Hellman Group Exchange Request (Old)";
		case 31:
			return "Diffie-Hellman Group Exchange Group";
		case 32:
			return "Diffie-Hellman Group Exchange Init";
		case 33:
			return "Diffie-Hellman Group Exchange Reply";
		case 34:
			return "Diffie-Hellman Group Exchange Request";
		default:
			break;
		}
	} else if (k == KEX_DH) {
		if (code == 30)
			return "Diffie-Hellman Key Exchange Init";
		if (code == 31)
			return "Diffie-Hellman Key Exchange Reply";
	} else if (k == KEX_ECDH) {
		if (code == 30)
			return "Elliptic Curve Diffie-Hellman Key Exchange Init";
		if (code == 31)
			return "Elliptic Curve Diffie-Hellman Key Exchange Reply";
	}
	snprintf(buf, cap, "Unknown (%u)", code);
	return buf;
}

/* Copy a name-list at *off in p (n bytes) into out; advances *off. */
static int name_list(const uint8_t *p, uint32_t n, uint32_t *off, char *out, size_t cap)
{
	if (n < 4 || *off > n - 4)
		return 0;
	uint32_t l = (uint32_t)p[*off] << 24 | (uint32_t)p[*off + 1] << 16 |
		     (uint32_t)p[*off + 2] << 8 | p[*off + 3];
	*off += 4;
	if (l > n - *off)
		return 0;
	if (out)
		snprintf(out, cap, "%.*s", (int)(l < cap ? l : cap - 1), (const char *)p + *off);
	*off += l;
	return 1;
}

static void kexinit(struct ssh_conv *cv, int side, const uint8_t *p, uint32_t n)
{
	uint32_t off = 16; /* cookie */
	if (!name_list(p, n, &off, cv->kex[side], LIST_MAX) || !name_list(p, n, &off, NULL, 0))
		return;
	if (!name_list(p, n, &off, cv->c2s[side], LIST_MAX) ||
	    !name_list(p, n, &off, cv->s2c[side], LIST_MAX))
		return;
	cv->have_kexinit[side] = 1;
}

static int dissect_ssh(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t total = cur_remaining(c), avail = cur_avail(c), start = cur_pos(c);
	const uint8_t *p = cur_peek_ptr(c, 0, avail);
	int dir;
	struct ssh_conv *cv = app_conv(pk, proto_ssh, sizeof(struct ssh_conv), 1, &dir);
	/* the side on the registered port is the server */
	int s_ssh = pk->srcport == 22 || pk->srcport == 29418;
	int d_ssh = pk->dstport == 22 || pk->dstport == 29418;
	int server = s_ssh && !d_ssh ? 1 : d_ssh ? 0 : dir;
	if (p && pk->can_desegment && avail == total && avail >= 4 && cv->version == 2 &&
	    !cv->newkeys[server] && memcmp(p, "SSH-", 4) != 0) {
		uint32_t pl =
		    (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
		if (pl <= 0x40000 && pl > avail - 4) {
			col_clear_info(pk); /* as tshark, before it waits for the rest */
			pk->desegment_offset = 0;
			pk->desegment_len = pl - (avail - 4);
			return (int)total;
		}
	}
	pk_add_layer(pk, proto_ssh);
	int it = fs_add_none(fs, proto_ssh, start, total);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_DIR), start, 0, (uint64_t)server);
	col_set_proto(pk, cv->version == 2 ? "SSHv2" : cv->version == 1 ? "SSHv1" : "SSH");
	col_clear_info(pk);
	col_append_info(pk, "%s: ", server ? "Server" : "Client");
	if (!p)
		p = (const uint8_t *)"";
	if (avail >= 4 && !memcmp(p, "SSH-", 4)) {
		uint32_t next;
		long l = app_line_end(p, avail, &next);
		uint32_t line = l < 0 ? avail : (uint32_t)l;
		fs_add_bytes(fs, HF(F_PROTOCOL), start, line, p, line);
		if (!server) {
			if (line >= 6 &&
			    (!memcmp(p, "SSH-2.", 6) || (line >= 9 && !memcmp(p, "SSH-1.99-", 9))))
				cv->version = 2;
			else if (line >= 6 && !memcmp(p, "SSH-1.", 6))
				cv->version = 1;
		}
		if (pk_want_info(pk)) {
			char buf[512];
			app_fmt_text(buf, sizeof buf, p, line);
			col_append_info(pk, "Protocol (%s)", buf);
		}
		fs_pop(fs, prev);
		return (int)total;
	}
	if (cv->version == 0 || (cv->version == 2 && cv->newkeys[server]) ||
	    (cv->version == 1 && cv->v1_encrypted)) {
		if (cv->version == 1) {
			uint32_t off = 0;
			int first = 1;
			while (avail >= 4 && off <= avail - 4) {
				uint32_t pl = (uint32_t)p[off] << 24 | (uint32_t)p[off + 1] << 16 |
					      (uint32_t)p[off + 2] << 8 | p[off + 3];
				if (first)
					col_append_info(pk, "Encrypted packet (len=%u)", pl);
				else
					col_append_info(pk, ", Encrypted packet (len=%u)", pl);
				first = 0;
				uint32_t step = 4 + pl + (8 - pl % 8);
				if (pl > avail || step > avail - off)
					break;
				off += step;
			}
		} else if (cv->version == 0 || shows_encrypted(cv)) {
			col_append_info(pk, "Encrypted packet (len=%u)", total);
		}
		fs_add_bytes(fs, HF(F_ENC_PKT), start, total, p, avail);
		fs_pop(fs, prev);
		return (int)total;
	}
	uint32_t off = 0;
	int first = 1;
	while (avail >= 5 && off <= avail - 5) {
		uint32_t pl = (uint32_t)p[off] << 24 | (uint32_t)p[off + 1] << 16 |
			      (uint32_t)p[off + 2] << 8 | p[off + 3];
		const char *name;
		char nb[48];
		uint32_t step;
		if (cv->version == 1) {
			uint32_t pad = 8 - pl % 8;
			if (pl > avail || 4 + pad >= avail - off)
				break;
			uint8_t type = p[off + 4 + pad];
			name = type == 2 ? "Public Key" : type == 3 ? "Session Key" : NULL;
			if (!name) {
				snprintf(nb, sizeof nb, "Unknown (%u)", type);
				name = nb;
			}
			if (type == 3)
				cv->v1_encrypted = 1;
			step = 4 + pl + pad;
		} else {
			if (avail - off < 6)
				break;
			if (pl > avail - off - 4 && pk->can_desegment && avail == total) {
				pk->desegment_offset = off;
				pk->desegment_len = pl - (avail - off - 4);
				break;
			}
			uint8_t code = p[off + 5];
			fs_add_uint(fs, HF(F_PKT_LEN), start + off, 4, pl);
			fs_add_uint(fs, HF(F_PAD_LEN), start + off + 4, 1, p[off + 4]);
			fs_add_uint(fs, HF(F_MSG_CODE), start + off + 5, 1, code);
			if (code == 20 && pl >= 2 && pl - 2 <= avail - off - 6)
				kexinit(cv, server, p + off + 6, pl - 2);
			name = msg_name(code, kex_kind(cv), nb, sizeof nb);
			if (code == 21)
				cv->newkeys[server] = 1;
			step = 4 + pl;
		}
		col_append_info(pk, "%s%s", first ? "" : ", ", name);
		first = 0;
		if (pl > total || step > avail - off)
			break;
		off += step;
		if (cv->version == 2 && cv->newkeys[server] && off < avail)
			break;
	}
	fs_pop(fs, prev);
	return (int)total;
}

static const struct dissector ssh_dissector = {"ssh", dissect_ssh, 0};

void register_ssh(void)
{
	proto_ssh = proto_register("SSH Protocol", "SSH", "ssh");
	hf = field_register(fields, F_COUNT);
}

void handoff_ssh(void)
{
	dtable_add(DT_TCP_PORT, 22, &ssh_dissector);
	dtable_add(DT_TCP_PORT, 29418, &ssh_dissector);
}
