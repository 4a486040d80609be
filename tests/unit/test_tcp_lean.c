#include "cli/zopt.h"
#include "core/cursor.h"
#include "dissect/tcp_lean.h"
#include "test.h"

static int skips(const char *payload, uint16_t sp, uint16_t dp)
{
	uint32_t n = (uint32_t)strlen(payload);
	struct cursor c = cur_make((const uint8_t *)payload, n, n);
	return tcp_lean_skips(&c, sp, dp);
}

TEST(tcp_lean_off_skips_nothing)
{
	tcp_lean_set(TCP_LEAN_OFF);
	CHECK(!skips("GET / HTTP/1.1\r\n", 40000, 80));
}

TEST(tcp_lean_keeps_what_changes_conversations)
{
	tcp_lean_set(TCP_LEAN_HDR);
	CHECK(skips("GET / HTTP/1.1\r\n", 40000, 80));
	CHECK(skips("RFB", 40000, 80));                        /* too short for a banner */
	CHECK(!skips("RFB 003.008\n", 40000, 7000));           /* the VNC heuristic renumbers */
	CHECK(!skips("xxRRFB 003.008\n", 40000, 80));          /* a banner after a PDU's tail */
	/* the heuristic sees 12 bytes ending where the payload ends: nothing else can renumber */
	CHECK(skips("RFB 003.008\nxx", 40000, 7000));
	CHECK(skips("RFB 003.008 ", 40000, 7000));
	CHECK(skips("xRFB 003.008\n", 40000, 7000) == 0);
	CHECK(skips("RFB 003x008\n", 40000, 7000));
	CHECK(!skips("227 Entering Passive Mode", 21, 40000)); /* FTP-DATA expectations */
	CHECK(!skips("USER x", 40000, 21));
	tcp_lean_set(TCP_LEAN_OFF);
}

TEST(zopt_app_blind_only_for_tables_without_filters)
{
	const char *blind[] = {"conv,tcp", "endpoints,ip", "io,stat,1", "conv,udp"};
	CHECK(zopt_app_blind(blind, 4));
	const char *none[] = {"conv,tcp"};
	CHECK(!zopt_app_blind(none, 0));
	const char *filt[] = {"conv,tcp,http"};
	CHECK(!zopt_app_blind(filt, 1));
	const char *cols[] = {"io,stat,1,COUNT(http.request)http.request"};
	CHECK(!zopt_app_blind(cols, 1));
	const char *exp[] = {"conv,tcp", "expert"};
	CHECK(!zopt_app_blind(exp, 2));
	const char *phs[] = {"io,phs"};
	CHECK(!zopt_app_blind(phs, 1));
}
