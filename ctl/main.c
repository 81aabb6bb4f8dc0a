// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: command line front end of the c2guard kernel module.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "c2ctl.h"

static void usage(FILE *f)
{
	fputs("Usage: c2ctl [-j|--json] [-n|--netns NETNS] COMMAND [ARGS]\n"
	      "       c2ctl -h|--help | -V|--version\n"
	      "\n"
	      "  -n NETNS    act on network namespace NETNS: a name of \"ip netns\"\n"
	      "              (/run/netns/NETNS), or a path to a netns file\n"
	      "              (/proc/PID/ns/net)\n"
	      "\n"
	      "Commands:\n"
	      "  status [-j | --prometheus]       module version, features and counters\n"
	      "                                   (--prometheus: metrics, text format)\n"
	      "  add ENTRY [action A] [tag T] [timeout S] [replace] [force]\n"
	      "                                   add an indicator (action alert by default)\n"
	      "  del|delete ENTRY                 delete an indicator (the manual entry)\n"
	      "  flush [tag T]                    delete all indicators, or those tagged T\n"
	      "  list|show|ls [-j]                list the indicators, one line per listing\n"
	      "  load FILE|- [action A] [tag T] [timeout S] [strict] [force]\n"
	      "                                   add (or replace) the indicators of a feed\n"
	      "  feed replace NAME FILE|- [format plain] [action A] [tag T] [timeout S]\n"
	      "       [force] [partial]           make feed NAME hold exactly FILE's list\n"
	      "  feed list [-j]                   the feeds, their entries and origin\n"
	      "  feed del NAME                    delete feed NAME and its entries\n"
	      "  test ADDR[:PORT]|NAME|answer ADDR|ja4 FP|url URL\n"
	      "                                   which entry decides about it, and why\n"
	      "                                   (exit 0 matched, 1 not, 2 error)\n"
	      "  dga-score [-j] [FILE|-] [threshold N]\n"
	      "                                   the DGA score of every name in FILE\n"
	      "                                   (one per line): SCORE FLAG NAME, FLAG 1\n"
	      "                                   at a score >= N (the module's default)\n"
	      "  save                             print the settings, manual entries and\n"
	      "                                   feeds, as restore reads them\n"
	      "  restore FILE|-                   make the state what save printed\n"
	      "  monitor [-j | --eve | --eve-file PATH] [--follow] [--journal] [count N]\n"
	      "                                   print alerts as they happen (--eve:\n"
	      "                                   Suricata EVE alert events; --eve-file:\n"
	      "                                   those, appended to PATH, opened again on\n"
	      "                                   SIGHUP; --follow: wait for the module,\n"
	      "                                   and for it again when it is unloaded;\n"
	      "                                   --journal: to the systemd journal, alone\n"
	      "                                   or besides the others); alerts lost on\n"
	      "                                   the way are reported in the stream\n"
	      "  conf [-f FILE] check | apply | feeds | update NAME FILE | monitor\n"
	      "                                   the gateway's configuration,\n"
	      "                                   /etc/c2guard/c2guard.conf (see\n"
	      "                                   c2guard.conf(5)): check it, make it\n"
	      "                                   the module's, list its URL feeds,\n"
	      "                                   replace URL feed NAME from a fetched\n"
	      "                                   FILE (kept as the last good copy), or\n"
	      "                                   run the monitor it configures\n"
	      "  config [-j]                      show the settings\n"
	      "  config set [mark-value V] [mark-mask M] [alert-rate R] [alert-burst B]\n"
	      "             [dns-port P] [dns-rcode nxdomain|refused] [bind-ttl-min S]\n"
	      "             [bind-ttl-max S] [bind-max N] [beacon on|off]\n"
	      "             [beacon-retry MS] [beacon-idle MS] [beacon-silence MS]\n"
	      "             [beacon-holddown MS] [beacon-window N] [beacon-min-gaps N]\n"
	      "             [beacon-threshold N] [beacon-max N]\n"
	      "             [beacon-action alert|drop|reject|mark|quarantine]\n"
	      "             [beacon-allow-ports PORT[,PORT...]|none]\n"
	      "             [dga on|off] [dga-threshold N] [dga-names N]\n"
	      "             [dga-window S] [dga-action A] [nxdomain-burst on|off]\n"
	      "             [nxdomain-burst-threshold N] [nxdomain-burst-window S]\n"
	      "             [nxdomain-burst-action A] [fast-flux on|off]\n"
	      "             [fast-flux-threshold N] [fast-flux-window S]\n"
	      "             [fast-flux-action A] [dns-holddown S]\n"
	      "             [dns-hosts-max N] [dns-names-max N] [quarantine-time S]\n"
	      "             [host-threshold N] [host-action alert|quarantine]\n"
	      "             [host-half-life S] [hosts-max N]\n"
	      "             [proto-mismatch on|off] [proto-mismatch-action A]\n"
	      "             [tls-ports PORT[,PORT...]|none] [http-ports PORT[,...]|none]\n"
	      "             [irc on|off] [irc-action A] [irc-ports PORT[,...]|none]\n"
	      "                                   change settings\n"
	      "  beacons [-j] [top N|all]         the beacon channels, highest score first\n"
	      "                                   (the top 20 unless told otherwise)\n"
	      "  beacons flush                    forget every beacon channel\n"
	      "  beacons allow list|add X|del X   what beacon detection leaves alone\n"
	      "  host quarantine ADDR [time S]    cut an inside host off at once\n"
	      "  host release ADDR                end its quarantine\n"
	      "  host allow list|add X|del X      what quarantined hosts may still reach\n"
	      "  hosts [-j] [ADDR]                the inside hosts with evidence, their risk,\n"
	      "                                   and those in quarantine and why\n"
	      "  help                             this text\n"
	      "\n"
	      "ENTRY is an address (ADDR), a network (ADDR/LEN), a domain name (NAME: that\n"
	      "name only), *.NAME (the name and every name below it), ADDR:PORT or\n"
	      "[ADDR]:PORT[/tcp|/udp] (that server port only), answer ADDR: an exact\n"
	      "address matched in the A/AAAA records of DNS answers, never in flows (a\n"
	      "sinkhole or parking address: a host still resolving a name that points\n"
	      "there alerts with reason sinkhole; drop and reject drop the answer),\n"
	      "ja4 FP, or FP alone: a JA4 fingerprint (t13d1516h2_8daaf6152771_e5627efa2ab1)\n"
	      "matched against the ClientHello of every TLS flow over TCP and every QUIC\n"
	      "flow (reason ja4), or url URL, or URL alone (http://HOST/PATH[?QUERY] or\n"
	      "HOST/PATH[?QUERY]): the first HTTP request of a flow to HOST for PATH or\n"
	      "below it (with QUERY: exactly that), reason http-url; https URLs cannot\n"
	      "be matched (their path is encrypted).  A is one of alert, drop, reject,\n"
	      "mark, quarantine (see below), allow (an allowlist entry: what it matches\n"
	      "is never acted on).  S is in seconds, 0 (default) = never expires.\n"
	      "Numbers are decimal or 0x-prefixed hex.  Feed lines read\n"
	      "  ENTRY [action A] [tag T] [timeout S]   # comment\n"
	      "where the options override the ones given to load; without \"strict\" a bad\n"
	      "line is reported and skipped.  Safety rails refuse, unless \"force\" is\n"
	      "given, what would cut the gateway off: 0.0.0.0/0 and ::/0, IPv4 prefixes\n"
	      "shorter than /8 and IPv6 shorter than /16, loopback, link-local, multicast\n"
	      "and this gateway's own addresses, and *.SUFFIX for a public suffix\n"
	      "(*.com, *.co.uk); answer addresses, JA4 fingerprints and URLs pass.\n"
	      "dns-port is the DNS server port (1..65535),\n"
	      "dns-rcode what a rejected DNS query is answered (nxdomain or refused), and\n"
	      "addresses bound from DNS answers of listed names live bind-ttl-min to\n"
	      "bind-ttl-max seconds, at most bind-max at once (0 disables binding).\n"
	      "\n"
	      "Beacon detection (beacon on) times the callbacks of every inside host per\n"
	      "channel (destination address, port and protocol, or name).  Events closer\n"
	      "than beacon-retry ms are retries; a flow idle for beacon-idle ms starts a\n"
	      "new event; beacon-silence ms without one restarts (and frees) a channel.\n"
	      "The last beacon-window gaps (4..32) are scored 0..100 once there are\n"
	      "beacon-min-gaps (4..32); a score of beacon-threshold (1..100) alerts, at\n"
	      "most once per beacon-holddown ms, and beacon-action applies to the\n"
	      "channel's later flows.  At most beacon-max channels (0..16777216) are\n"
	      "held.  beacons shows SCORE, HOST, DESTINATION (ADDR:PORT/PROTO or the\n"
	      "name), INTERVAL (median gap), JITTER (median deviation of the gaps, in\n"
	      "percent of INTERVAL), EVENTS, GAPS, SIZE (median bytes), IDLE and ALERTS.\n"
	      "X for beacons allow is PORT, PORT/tcp or PORT/udp (at most 64 ports; the\n"
	      "same as config set beacon-allow-ports), or an ENTRY, which becomes an\n"
	      "allowlist indicator tagged beacon-allow: like any action allow entry it\n"
	      "exempts its destination from everything, not only from beacon detection.\n"
	      "\n"
	      "DNS behaviour detection needs no list (docs/dga-score.md).  dga on scores\n"
	      "every name an inside host asks (as dga-score does); a host whose names\n"
	      "scoring dga-threshold or more reach dga-names points within dga-window\n"
	      "seconds (a name under a dynamic-DNS zone counts 2), most of them without an\n"
	      "address, alerts.  nxdomain-burst on: a host answered NXDOMAIN for\n"
	      "nxdomain-burst-threshold distinct names within nxdomain-burst-window\n"
	      "seconds alerts.  fast-flux on: a name whose answers within fast-flux-window\n"
	      "seconds carry addresses of fast-flux-threshold networks (/16, /32), five or\n"
	      "more in one answer, a TTL of 300 s or less and a changing set, alerts.  Each\n"
	      "alerts at most once per dns-holddown seconds per host (name); its action\n"
	      "(alert, drop, reject = answer dns-rcode, mark) then hits the host's\n"
	      "high-scoring queries, or the name's queries, until the hold-down ends.  At\n"
	      "most dns-hosts-max hosts and dns-names-max names are tracked.  Allowlisted\n"
	      "hosts and names are left alone.\n"
	      "\n"
	      "First payloads (off by default; each flow is looked at once, allowlisted\n"
	      "addresses are left alone).  proto-mismatch on: the first client payload of\n"
	      "a TCP flow to one of tls-ports (443, 8443, 465, 993, 995) must be a TLS\n"
	      "handshake record, to one of http-ports (80, 8080) an HTTP request line (or\n"
	      "HTTP/2's preface), and the first datagram of a UDP flow to dns-port a DNS\n"
	      "query; else the flow alerts (reason proto-mismatch, expected and seen) and\n"
	      "proto-mismatch-action applies.  irc on: an IRC registration (NICK, USER,\n"
	      "PASS or CAP lines first) on any TCP port alerts (reason irc, nick and\n"
	      "channel); on one of irc-ports (6667, 6665, 6666, 6668, 6669, 7000) it is\n"
	      "never acted on, elsewhere irc-action applies.  With both on, IRC on a TLS or\n"
	      "HTTP port alerts once, as irc.  A port list (at most 16, 1..65535) replaces\n"
	      "the whole list; none empties it.\n"
	      "\n"
	      "Quarantine: action quarantine (of an indicator, or beacon-action, dga-action,\n"
	      "nxdomain-burst-action, fast-flux-action, proto-mismatch-action, irc-action)\n"
	      "rejects the flow and cuts off its inside host (the originator; the responder\n"
	      "of a flow a listed address opened): its flows are ended and every packet\n"
	      "from or to it is dropped (TCP answered with a RST), whatever else matches,\n"
	      "but to and from the host allow destinations, for quarantine-time seconds (0,\n"
	      "the default: until host release).  The gateway's own addresses are never\n"
	      "quarantined.  Indicator changes (feed replace, flush) leave quarantines\n"
	      "alone.\n"
	      "\n"
	      "Host risk: every alert, a beacon channel scoring within 15 points under\n"
	      "beacon-threshold and a name asked under a dynamic-DNS zone are evidence\n"
	      "about an inside host, listed by hosts.  Each adds its kind's weight to the\n"
	      "host's risk (indicator alert 40, beacon, sinkhole, dga, nxdomain-burst or\n"
	      "fast-flux 60, beacon-near 35, dyndns 30; each kind capped), which halves\n"
	      "every host-half-life seconds; at host-threshold (100) the host raises a\n"
	      "host-risk alert listing its evidence and host-action applies (alert, or\n"
	      "quarantine).  At most hosts-max hosts are kept.\n", f);
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout);
	return 0;
}

/*
 * -n NETNS: enter the network namespace before anything opens a socket, as
 * "ip -n" does.  Only the netns changes: files named on the command line
 * (feeds, --eve-file) are still read and written where c2ctl was started.
 */
static int enter_netns(const char *ns)
{
	char path[PATH_MAX];
	int fd, n;

	if (strchr(ns, '/'))
		n = snprintf(path, sizeof(path), "%s", ns);
	else
		n = snprintf(path, sizeof(path), "/run/netns/%s", ns);
	if (!*ns || n < 0 || (size_t)n >= sizeof(path) || !strcmp(ns, ".") ||
	    !strcmp(ns, "..")) {
		c2_err("invalid netns \"%s\"", ns);
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		c2_err("netns %s: %s", path, strerror(errno));
		return -1;
	}
	if (setns(fd, CLONE_NEWNET)) {
		c2_err("cannot enter netns %s: %s", path,
		       errno == EINVAL ? "not a network namespace" :
		       strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	bool json;	/* accepts -j after the command name */
} commands[] = {
	{ "status", cmd_status, true },
	{ "add", cmd_add, false },
	{ "del", cmd_del, false },
	{ "delete", cmd_del, false },
	{ "flush", cmd_flush, false },
	{ "list", cmd_list, true },
	{ "show", cmd_list, true },
	{ "ls", cmd_list, true },
	{ "load", cmd_load, false },
	{ "monitor", cmd_monitor, true },
	{ "config", cmd_config, true },
	{ "beacons", cmd_beacons, true },
	{ "feed", cmd_feed, true },
	{ "save", cmd_save, false },
	{ "restore", cmd_restore, false },
	{ "test", cmd_test, true },
	{ "dga-score", cmd_dga_score, true },
	{ "host", cmd_host, true },
	{ "hosts", cmd_hosts, true },
	{ "conf", cmd_conf, false },
	{ "help", cmd_help, false },
};

int main(int argc, char **argv)
{
	unsigned int c;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || !a[1])
			break;
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			printf("c2ctl %s (generic netlink family %s version %d)\n",
			       C2GUARD_VERSION, C2GUARD_GENL_NAME,
			       C2GUARD_GENL_VERSION);
			return 0;
		}
		if (!strcmp(a, "-n") || !strcmp(a, "--netns")) {
			if (++i == argc) {
				c2_err("%s needs a network namespace", a);
				return 1;
			}
			if (enter_netns(argv[i]))
				return 1;
			continue;
		}
		if (strcmp(a, "-j") && strcmp(a, "--json")) {
			c2_err("unknown option %s", a);
			usage(stderr);
			return 1;
		}
		c2_json = true;
	}
	if (i == argc) {
		c2_err("no command given");
		usage(stderr);
		return 1;
	}

	for (c = 0; c < ARRAY_SIZE(commands); c++) {
		int n = argc - i, ret;

		if (strcmp(argv[i], commands[c].name))
			continue;
		/* "c2ctl add --help" asks for help; it names no indicator. */
		if (n > 1 && (!strcmp(argv[i + 1], "-h") ||
			      !strcmp(argv[i + 1], "--help"))) {
			usage(stdout);
			return 0;
		}
		if (commands[c].json)
			n = c2_strip_json_flag(n, argv + i);
		ret = commands[c].fn(n, argv + i);
		ipc_close();
		return ret;
	}
	c2_err("unknown command \"%s\" (see \"c2ctl help\")", argv[i]);
	return 1;
}
