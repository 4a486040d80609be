/*
** ftp.c -- FTP control (RFC 959) on tcp 21 and FTP data connections.
**
** Data connections are found the way tshark finds them: the PORT/EPRT
** command or the 227/229 reply names the endpoint, and the data dissector
** then reports how the connection was set up and which command it answers.
** That bookkeeping is a small ring of expectations per worker.
*/
#include <stdio.h>
#include <string.h>

#include "app_util.h"
#include "dissect.h"

#include <stdlib.h>

#include "../core/util.h"

enum {
	F_RESPONSE,
	F_REQUEST,
	F_REQ_CMD,
	F_REQ_ARG,
	F_RESP_CODE,
	F_RESP_ARG,
	F_PASV_IP,
	F_PASV_PORT,
	F_ACTIVE_IP,
	F_ACTIVE_PORT,
	FD_COMMAND,
	FD_SETUP,
	F_COUNT
};
static int hf, proto_ftp, proto_ftp_data;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
    [F_RESPONSE] = {"ftp.response", "Response", FT_BOOLEAN, 0, NULL, 0, "TRUE if FTP response"},
    [F_REQUEST] = {"ftp.request", "Request", FT_BOOLEAN, 0, NULL, 0, "TRUE if FTP request"},
    [F_REQ_CMD] = {"ftp.request.command", "Request command", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_REQ_ARG] = {"ftp.request.arg", "Request arg", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_RESP_CODE] = {"ftp.response.code", "Response code", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_RESP_ARG] = {"ftp.response.arg", "Response arg", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_PASV_IP] = {"ftp.passive.ip", "Passive IP address", FT_IPv4, BASE_NONE, NULL, 0,
		   "Passive IP address (check NAT)"},
    [F_PASV_PORT] = {"ftp.passive.port", "Passive port", FT_UINT16, BASE_DEC, NULL, 0,
		     "Passive FTP server port"},
    [F_ACTIVE_IP] = {"ftp.active.cip", "Active IP address", FT_IPv4, BASE_NONE, NULL, 0,
		     "Active FTP client IP address"},
    [F_ACTIVE_PORT] = {"ftp.active.port", "Active port", FT_UINT16, BASE_DEC, NULL, 0,
		       "Active FTP client port"},
    [FD_COMMAND] = {"ftp-data.command", "Command", FT_STRING, BASE_NONE, NULL, 0,
		    "Command that this data stream answers"},
    [FD_SETUP] = {"ftp-data.setup-method", "Setup method", FT_STRING, BASE_NONE, NULL, 0,
		  "Method used to set up data conversation"},
};

#define EXPECT_MAX 64
#define CMD_MAX    128

struct expect {
	struct address addr;
	uint16_t port;
	uint32_t ctl;   /* id of the control connection */
	uint32_t since; /* ftp_state.cmds when it was announced */
	char setup[8];
};

/*
** A control connection's last transfer command.  A pending data connection
** carries the last command its control connection sent after announcing it:
** kept once per control connection and read when data arrives (copying it to
** every pending connection of a busy session was ~1.4% of -z expert).
*/
struct ctl_cmd {
	uint32_t seq; /* ftp_state.cmds after it; 0: none yet */
	/*
	 * Nonzero: text holds the command's raw bytes, formatted when a data
	 * connection first reads them (a busy session sends many commands per
	 * transfer, and most are never read).
	 */
	uint8_t raw;
	uint8_t rawlen;
	char text[CMD_MAX];
};

struct ftp_state {
	struct expect ring[EXPECT_MAX];
	uint32_t next;        /* ring position */
	uint32_t ids;         /* control connection ids handed out */
	uint32_t cmds;        /* transfer commands seen */
	struct ctl_cmd *last; /* by control connection id */
	int32_t nlast, caplast;
	/*
	 * Live expectations per port bucket (port & 255): the FTP-DATA
	 * heuristic asks about every payload on ports no table names, and
	 * almost none can match.
	 */
	uint8_t nport[256];
	uint8_t live;
};

struct ftp_conv {
	uint32_t id;
};

static void *ftp_state_make(void)
{
	return xcalloc(1, sizeof(struct ftp_state));
}

static void ftp_state_free(void *p)
{
	struct ftp_state *st = p;
	free(st->last);
	free(st);
}

static struct ftp_state *state(struct packet *pk)
{
	return dissect_state(pk, proto_ftp_data, ftp_state_make, ftp_state_free);
}

static void expect_add(struct packet *pk, uint32_t ctl, const uint8_t ip[4], uint16_t port,
		       const char *setup)
{
	struct ftp_state *st = state(pk);
	struct expect *e = &st->ring[st->next++ % EXPECT_MAX];
	if (e->port)
		st->nport[e->port & 255]--, st->live--;
	if (port)
		st->nport[port & 255]++, st->live++;
	memset(e, 0, sizeof *e);
	addr_set(&e->addr, AT_IPv4, ip);
	e->port = port;
	e->ctl = ctl;
	e->since = st->cmds;
	memcpy(e->setup, setup, strnlen(setup, sizeof e->setup - 1)); /* zeroed above */
}

/*
** The control connection's id, given at the first line that needs it (an
** announcement, or a command while a data connection is pending): most
** lines need none, and the lookup was a fifth of dissect_ftp.
*/
static uint32_t ctl_id(struct packet *pk)
{
	int dir;
	struct ftp_conv *cv = app_conv(pk, proto_ftp, sizeof(struct ftp_conv), 1, &dir);
	if (!cv->id)
		cv->id = ++state(pk)->ids;
	return cv->id;
}

/* A transfer command names what the pending data connections carry. */
static void expect_command(struct packet *pk, const uint8_t *line, uint32_t n)
{
	struct ftp_state *st = state(pk);
	if (!st->live)
		return; /* nothing pending: no connection can carry it */
	uint32_t ctl = ctl_id(pk);
	if (ctl >= INT32_MAX)
		return;
	if ((int32_t)ctl >= st->nlast) {
		xgrow(&st->last, &st->caplast, (int32_t)ctl + 1, sizeof *st->last);
		memset(st->last + st->nlast, 0,
		       (size_t)((int32_t)ctl + 1 - st->nlast) * sizeof *st->last);
		st->nlast = (int32_t)ctl + 1;
	}
	struct ctl_cmd *cc = &st->last[ctl];
	cc->raw = n < CMD_MAX;
	if (cc->raw) {
		memcpy(cc->text, line, n);
		cc->rawlen = (uint8_t)n;
	} else {
		app_fmt_text(cc->text, CMD_MAX, line, n);
	}
	cc->seq = ++st->cmds;
}

/* The command e's data connection carries: "" when none came after e was announced. */
static const char *expect_cmd(struct packet *pk, const struct expect *e)
{
	struct ftp_state *st = state(pk);
	if ((int64_t)e->ctl >= st->nlast || st->last[e->ctl].seq <= e->since)
		return "";
	struct ctl_cmd *cc = &st->last[e->ctl];
	if (cc->raw) {
		uint8_t line[CMD_MAX];
		memcpy(line, cc->text, cc->rawlen);
		app_fmt_text(cc->text, CMD_MAX, line, cc->rawlen);
		cc->raw = 0;
	}
	return cc->text;
}

static struct expect *expect_find(struct packet *pk)
{
	struct ftp_state *st = state(pk);
	if (!st->nport[pk->dstport & 255] && !st->nport[pk->srcport & 255])
		return NULL;
	for (uint32_t k = 0; k < EXPECT_MAX; k++) {
		struct expect *e = &st->ring[(st->next + EXPECT_MAX - 1 - k) % EXPECT_MAX];
		if (!e->port)
			continue;
		if ((e->port == pk->dstport && !addr_cmp(&e->addr, &pk->net_dst)) ||
		    (e->port == pk->srcport && !addr_cmp(&e->addr, &pk->net_src)))
			return e;
	}
	return NULL;
}

/* "h1,h2,h3,h4,p1,p2" somewhere in s; returns 1 and fills ip/port. */
static int parse_hostport(const uint8_t *s, uint32_t n, uint8_t ip[4], uint16_t *port)
{
	for (uint32_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			continue;
		unsigned v[6];
		int k = 0;
		uint32_t j = i;
		while (k < 6) {
			unsigned x = 0;
			int d = 0;
			while (j < n && s[j] >= '0' && s[j] <= '9' && d < 4) {
				x = x * 10 + (unsigned)(s[j] - '0');
				j++;
				d++;
			}
			if (!d || x > 255)
				break;
			v[k++] = x;
			if (k < 6) {
				if (j >= n || s[j] != ',')
					break;
				j++;
			}
		}
		if (k == 6) {
			for (int q = 0; q < 4; q++)
				ip[q] = (uint8_t)v[q];
			*port = (uint16_t)(v[4] << 8 | v[5]);
			return 1;
		}
	}
	return 0;
}

/* the field points at the address until the frame is printed: frame arena, not stack */
static const uint8_t *arena_ip(struct packet *pk, const uint8_t ip[4])
{
	uint8_t *a = arena_alloc(pk->arena, 4);
	memcpy(a, ip, 4);
	return a;
}

static int dissect_ftp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t n = cur_avail(c), start = cur_pos(c);
	const uint8_t *p = cur_peek_ptr(c, 0, n);
	int req = pk->dstport == 21;
	pk_add_layer(pk, proto_ftp);
	col_set_proto(pk, "FTP");
	int it = fs_add_none(fs, proto_ftp, start, cur_remaining(c));
	int prev = fs_push(fs, it);
	if (!p || n == 0) {
		fs_pop(fs, prev);
		return (int)cur_remaining(c);
	}
	uint32_t next;
	long ll = app_line_end(p, n, &next);
	uint32_t line = ll < 0 ? n : (uint32_t)ll;
	if (req) {
		fs_add_uint(fs, HF(F_REQUEST), start, 0, 1);
		uint32_t sp = 0;
		while (sp < line && p[sp] != ' ')
			sp++;
		fs_add_bytes(fs, HF(F_REQ_CMD), start, sp, p, sp);
		if (sp + 1 < line)
			fs_add_bytes(fs, HF(F_REQ_ARG), start + sp + 1, line - sp - 1, p + sp + 1,
				     line - sp - 1);
		uint8_t ip[4];
		uint16_t port;
		if (sp == 4 && !memcmp(p, "PORT", 4) &&
		    parse_hostport(p + 4, line - 4, ip, &port)) {
			fs_add_bytes(fs, HF(F_ACTIVE_IP), start + 5, line - 5, arena_ip(pk, ip), 4);
			fs_add_uint(fs, HF(F_ACTIVE_PORT), start + 5, line - 5, port);
			expect_add(pk, ctl_id(pk), ip, port, "PORT");
		} else if (sp >= 3) {
			expect_command(pk, p, line);
		}
	} else {
		fs_add_uint(fs, HF(F_RESPONSE), start, 0, 1);
		uint32_t code = 0, d = 0;
		while (d < 3 && d < line && p[d] >= '0' && p[d] <= '9')
			code = code * 10 + (uint32_t)(p[d++] - '0');
		if (d == 3) {
			fs_add_uint(fs, HF(F_RESP_CODE), start, 3, code);
			if (line > 4)
				fs_add_bytes(fs, HF(F_RESP_ARG), start + 4, line - 4, p + 4,
					     line - 4);
			uint8_t ip[4];
			uint16_t port;
			if (code == 227 &&
			    parse_hostport(p + 4, line > 4 ? line - 4 : 0, ip, &port)) {
				fs_add_bytes(fs, HF(F_PASV_IP), start + 4, line - 4,
					     arena_ip(pk, ip), 4);
				fs_add_uint(fs, HF(F_PASV_PORT), start + 4, line - 4, port);
				expect_add(pk, ctl_id(pk), ip, port, "PASV");
			}
		}
	}
	fs_pop(fs, prev);
	if (pk_want_info(pk)) {
		char buf[1024];
		app_fmt_text(buf, sizeof buf, p, line);
		col_clear_info(pk);
		col_append_info(pk, "%s: %s", req ? "Request" : "Response", buf);
	}
	return (int)cur_remaining(c);
}

static int dissect_ftp_data_common(struct packet *pk, struct cursor *c, struct expect *e)
{
	struct fieldset *fs = pk->fs;
	uint32_t n = cur_remaining(c);
	pk_add_layer(pk, proto_ftp_data);
	col_set_proto(pk, "FTP-DATA");
	int it = fs_add_none(fs, proto_ftp_data, cur_pos(c), n);
	int prev = fs_push(fs, it);
	if (e) {
		/* copies in the frame arena: the expectation changes before the frame is printed */
		const char *cmd = expect_cmd(pk, e);
		size_t ls = strlen(e->setup), lc = strlen(cmd);
		fs_add_bytes(fs, HF(FD_SETUP), cur_pos(c), 0,
			     (const uint8_t *)arena_strndup(pk->arena, e->setup, ls), (uint32_t)ls);
		if (cmd[0])
			fs_add_bytes(fs, HF(FD_COMMAND), cur_pos(c), 0,
				     (const uint8_t *)arena_strndup(pk->arena, cmd, lc),
				     (uint32_t)lc);
	}
	fs_pop(fs, prev);
	if (pk_want_info(pk)) {
		col_clear_info(pk);
		col_append_info(pk, "FTP Data: %u bytes", n);
		if (e) {
			col_append_info(pk, " (%s)", e->setup);
			const char *cmd = expect_cmd(pk, e);
			if (cmd[0])
				col_append_info(pk, " (%s)", cmd);
		}
	}
	return (int)n;
}

static int dissect_ftp_data(struct packet *pk, struct cursor *c)
{
	return dissect_ftp_data_common(pk, c, expect_find(pk));
}

/* Data connections on other ports: only those a control connection announced. */
static int dissect_ftp_data_heur(struct packet *pk, struct cursor *c)
{
	struct expect *e = expect_find(pk);
	if (!e)
		return 0;
	return dissect_ftp_data_common(pk, c, e);
}

/*
** Conversation hook (dissect.h), a port one: a control connection's PORT/PASV
** answers are expectations the FTP-DATA heuristic claims data connections
** with, before the VNC heuristic (which renumbers tcp.stream) sees them.
*/
#define FTP_CONTROL_PORT 21

static const struct dissector ftp_dissector = {"ftp", dissect_ftp, 0};
static const struct dissector ftp_data_dissector = {"ftp-data", dissect_ftp_data, 0};
static const struct dissector ftp_data_heur = {"ftp-data", dissect_ftp_data_heur, 0};

void register_ftp(void)
{
	proto_ftp = proto_register("File Transfer Protocol (FTP)", "FTP", "ftp");
	proto_ftp_data = proto_register("FTP Data", "FTP-DATA", "ftp-data");
	hf = field_register(fields, F_COUNT);
}

void handoff_ftp(void)
{
	dtable_add(DT_TCP_PORT, FTP_CONTROL_PORT, &ftp_dissector);
	dtable_add(DT_TCP_PORT, 20, &ftp_data_dissector);
	heur_add(HT_TCP, &ftp_data_heur);
	conv_hook_add_port(HT_TCP, FTP_CONTROL_PORT);
}
