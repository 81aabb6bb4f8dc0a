// SPDX-License-Identifier: GPL-2.0
/*
 * fakenl.so - LD_PRELOAD stand-in for the c2guard kernel module, so that
 * c2ctl's netlink code can be tested on a host that cannot load modules.
 *
 * With FAKENL set in the environment, a NETLINK_GENERIC socket becomes a
 * pipe whose "kernel" side lives in this library: requests handed to
 * sendto() are answered synchronously (like genetlink does inside
 * sendmsg) according to uapi/linux/c2guard.h, replies are queued and
 * handed out by recvmsg(), and the pipe is kept readable exactly while
 * the queue is non-empty so poll()/ppoll() work unchanged.  Requests are
 * validated against the policies of the family's spec (ctl/nl-spec.h,
 * generated from uapi/c2guard.yaml) the way the kernel's strict
 * validation does, with its messages; the handlers then check what a
 * policy cannot, like the module's.
 *
 * Environment:
 *   FAKENL=1               enable
 *   FAKENL_STATE=FILE      keep indicators and config across runs
 *   FAKENL_ABSENT=1        the family does not exist (module not loaded)
 *   FAKENL_EPERM=1         every c2guard command fails with EPERM
 *   FAKENL_MAX=N           indicator table holds N entries (ENOSPC after)
 *   FAKENL_DUMP_INTR=K     the first K dumps are flagged NLM_F_DUMP_INTR
 *   FAKENL_MALFORMED=1     status and dump replies carry malformed attributes
 *   FAKENL_ALERTS=1        joining the alerts group queues canned alerts
 *   FAKENL_ACK_COST=B      receive buffer charge per queued message
 *   FAKENL_NO_FORCE=1      SO_*BUFFORCE fail (unprivileged), SO_*BUF capped
 *   FAKENL_GARBAGE=SEED    randomly corrupt replies (robustness testing)
 *   FAKENL_NOSTATE=1       adds are acked without being stored (benchmarks)
 *   FAKENL_STRAY=1         before each reply, a stray error ACK for seq + 1
 *   FAKENL_HOST_ALERTS=1   joining the alerts group queues a host-risk alert
 *                          (hostile name and tag) and a malformed one
 *   FAKENL_NAME_ALERTS=1   joining the alerts group queues canned alerts of
 *                          name indicators (DNS, TLS SNI, HTTP Host)
 *   FAKENL_BIND=A=N[,A=N]  "DNS answers": bind address A to listed name N
 *                          (an exact or suffix indicator matching N), as the
 *                          module does, when the socket is opened
 *   FAKENL_BEACONS=1       BEACON_GET dumps canned beacon channels (until a
 *                          BEACON_FLUSH, kept in the state file)
 *   FAKENL_BEACON_ALERTS=1 joining the alerts group queues canned beacon
 *                          alerts (no indicator; an address and a name
 *                          channel)
 *   FAKENL_DNS_ALERTS=1    joining the alerts group queues one alert of each
 *                          DNS behaviour reason (dga, nxdomain-burst,
 *                          fast-flux, sinkhole), hostile names included
 *   FAKENL_JA4_ALERTS=1    joining the alerts group queues alerts of JA4
 *                          indicators (reason ja4): a TLS ClientHello with
 *                          a server name, a QUIC one without
 *   FAKENL_URL_ALERTS=1    joining the alerts group queues alerts of URL
 *                          indicators (reason http-url): IPv4 with a
 *                          query, IPv6 with a hostile URL asked for
 *   FAKENL_WIRE_ALERTS=1   joining the alerts group queues alerts of the
 *                          first-payload detectors (no indicator): three
 *                          proto-mismatch (TLS, HTTP and DNS ports) and
 *                          three irc (on an IRC port; elsewhere with a
 *                          hostile nick and channel; IPv6 without a
 *                          channel)
 *   FAKENL_FEEDS=1         FEED_GET dumps one canned feed (its counts)
 *
 * Indicators are addresses, names, JA4 fingerprints and URLs (IND_ADD,
 * IND_DEL,
 * IND_GET, IND_FLUSH, and IND_TEST: the entry that decides, looked up as
 * the module does), each with one listing, a manual one.  There are no
 * feeds (but FAKENL_FEEDS's) and no host-allow list: FEED_GET and
 * HOST_ALLOW_GET dump nothing.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <arpa/inet.h>
#include <linux/c2guard.h>

#include "hello.h"
#include "http.h"
#include "name.h"
#include "nl-spec.h"

#define FAKE_FAMILY	0x1d
#define FAKE_GROUP	9
#define FAKE_CTRL_GROUP	GENL_ID_CTRL	/* nlctrl "notify" */
#define RMEM_MAX	212992
#define MAX_ENTRIES_DEFAULT	(4u << 20)

struct qmsg {
	struct qmsg *next;
	size_t len, charge;
	char data[];
};

/* An address indicator. */
struct entry {
	uint8_t used, family, len, action;
	uint8_t addr[16];
	char tag[C2GUARD_TAG_MAX];
	uint32_t timeout;
	uint64_t hits;
};

/*
 * A name indicator: few of them in tests, kept in a plain array.  JA4 and
 * URL indicators are ones too, the fingerprint or URL key as their name,
 * in an array of their own ("keys": a URL has a '/', a JA4 none).
 */
struct nentry {
	uint8_t used, suffix, action;
	char name[C2GUARD_URL_MAX + 1];
	char tag[C2GUARD_TAG_MAX];
	uint32_t timeout;
	uint64_t hits;
};

/*
 * An address bound from a DNS answer, with the listed name that bound it.
 * Like the module, bindings live apart from the indicators userspace adds.
 */
struct bind {
	struct entry e;
	char name[C2G_NAME_MAX + 1];
};

struct cfg {
	uint32_t mark_value, mark_mask, rate, burst;
	uint32_t bind_ttl_min, bind_ttl_max, bind_max;
	uint16_t dns_port;
	uint8_t dns_rcode;
	uint8_t beacon, beacon_action;
	uint32_t retry, idle, silence, holddown, window, min_gaps, threshold;
	uint32_t beacon_max, n_ports;
	uint32_t ports[C2GUARD_BEACON_ALLOW_PORTS_MAX];
	uint8_t beacons_flushed;	/* not a setting: BEACON_FLUSH ran */
	/*
	 * the DNS behaviour settings, quarantine-time and the host
	 * settings, C2GUARD_CFG_A_DGA.. by attribute
	 */
	uint32_t dnsb[C2GUARD_CFG_A_HOSTS_MAX - C2GUARD_CFG_A_DGA + 1];
	/* proto-mismatch and irc: on/off, actions, the port lists */
	uint8_t mismatch, mismatch_action, irc, irc_action;
	struct wports {
		uint16_t port[C2GUARD_WIRE_PORTS_MAX];
		uint8_t n;
	} wire[3];	/* TLS_PORTS, HTTP_PORTS, IRC_PORTS */
};

/* The port lists of struct cfg, in its order, with the module's defaults. */
static const struct {
	uint16_t attr;
	uint8_t n;
	uint16_t def[C2GUARD_WIRE_PORTS_MAX];
} wire_cfg[3] = {
	{ C2GUARD_CFG_A_TLS_PORTS, 5, { 443, 8443, 465, 993, 995 } },
	{ C2GUARD_CFG_A_HTTP_PORTS, 2, { 80, 8080 } },
	{ C2GUARD_CFG_A_IRC_PORTS, 6, { 6667, 6665, 6666, 6668, 6669, 7000 } },
};

/*
 * The DNS behaviour settings, then quarantine-time and the host settings:
 * u8 or u32, defaults.
 */
static const struct {
	uint16_t attr;
	bool u8;
	uint32_t def;
} dnsb_cfg[] = {
	{ C2GUARD_CFG_A_DGA, true, 0 },
	{ C2GUARD_CFG_A_DGA_THRESHOLD, false, C2GUARD_DEFAULT_DGA_THRESHOLD },
	{ C2GUARD_CFG_A_DGA_NAMES, false, C2GUARD_DEFAULT_DGA_NAMES },
	{ C2GUARD_CFG_A_DGA_WINDOW, false, C2GUARD_DEFAULT_DGA_WINDOW },
	{ C2GUARD_CFG_A_DGA_ACTION, true, C2GUARD_ACT_ALERT },
	{ C2GUARD_CFG_A_NXDOMAIN_BURST, true, 0 },
	{ C2GUARD_CFG_A_NXDOMAIN_BURST_THRESHOLD, false,
	  C2GUARD_DEFAULT_NXDOMAIN_BURST_THRESHOLD },
	{ C2GUARD_CFG_A_NXDOMAIN_BURST_WINDOW, false,
	  C2GUARD_DEFAULT_NXDOMAIN_BURST_WINDOW },
	{ C2GUARD_CFG_A_NXDOMAIN_BURST_ACTION, true, C2GUARD_ACT_ALERT },
	{ C2GUARD_CFG_A_FAST_FLUX, true, 0 },
	{ C2GUARD_CFG_A_FAST_FLUX_THRESHOLD, false,
	  C2GUARD_DEFAULT_FAST_FLUX_THRESHOLD },
	{ C2GUARD_CFG_A_FAST_FLUX_WINDOW, false,
	  C2GUARD_DEFAULT_FAST_FLUX_WINDOW },
	{ C2GUARD_CFG_A_FAST_FLUX_ACTION, true, C2GUARD_ACT_ALERT },
	{ C2GUARD_CFG_A_DNS_HOLDDOWN, false, C2GUARD_DEFAULT_DNS_HOLDDOWN },
	{ C2GUARD_CFG_A_DNS_HOSTS_MAX, false, C2GUARD_DEFAULT_DNS_HOSTS_MAX },
	{ C2GUARD_CFG_A_DNS_NAMES_MAX, false, C2GUARD_DEFAULT_DNS_NAMES_MAX },
	{ C2GUARD_CFG_A_QUARANTINE_TIME, false,
	  C2GUARD_DEFAULT_QUARANTINE_TIME },
	{ C2GUARD_CFG_A_HOST_THRESHOLD, false, C2GUARD_DEFAULT_HOST_THRESHOLD },
	{ C2GUARD_CFG_A_HOST_ACTION, true, C2GUARD_ACT_ALERT },
	{ C2GUARD_CFG_A_HOST_HALF_LIFE, false, C2GUARD_DEFAULT_HOST_HALF_LIFE },
	{ C2GUARD_CFG_A_HOSTS_MAX, false, C2GUARD_DEFAULT_HOSTS_MAX },
};

/* The fake's default BEACON_MAX (the module's depends on the RAM). */
#define FAKE_BEACON_MAX	65536

static struct {
	bool on;
	int fd, wfd;
	bool ext_ack, cap_ack, enobufs;
	int sndbuf, rcvbuf;
	size_t queued;
	struct qmsg *head, *tail;
	uint32_t portid;
	unsigned int dumps;
	unsigned long long rng;
	/* indicator table: open addressing */
	struct entry *tab;
	size_t tab_size, count;
	struct nentry *names;
	size_t n_names, cap_names;
	struct nentry *ja4s;
	size_t n_ja4s;
	struct bind *binds;
	size_t n_binds;
	struct cfg cfg;
} F = { .fd = -1, .wfd = -1 };

static int (*real_socket)(int, int, int);
static int (*real_close)(int);

static void fake_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("fakenl: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

static unsigned long env_num(const char *name, unsigned long def)
{
	const char *s = getenv(name);

	return s && *s ? strtoul(s, NULL, 0) : def;
}

static bool env_on(const char *name)
{
	return env_num(name, 0) != 0;
}

/* ---- indicator table ---- */

static size_t hash_entry(uint8_t family, uint8_t len, const uint8_t *addr)
{
	uint64_t h = 1469598103934665603ULL;
	int i;

	h = (h ^ family) * 1099511628211ULL;
	h = (h ^ len) * 1099511628211ULL;
	for (i = 0; i < 16; i++)
		h = (h ^ addr[i]) * 1099511628211ULL;
	return (size_t)h;
}

static struct entry *tab_find(uint8_t family, uint8_t len, const uint8_t *addr,
			      bool insert);

static void tab_grow(void)
{
	struct entry *old = F.tab;
	size_t i, old_size = F.tab_size;

	F.tab_size = old_size ? old_size * 2 : 1024;
	F.tab = calloc(F.tab_size, sizeof(*F.tab));
	if (!F.tab)
		fake_die("out of memory");
	for (i = 0; i < old_size; i++) {
		if (old[i].used)
			*tab_find(old[i].family, old[i].len, old[i].addr, true) =
				old[i];
	}
	free(old);
}

static struct entry *tab_find(uint8_t family, uint8_t len, const uint8_t *addr,
			      bool insert)
{
	size_t i;

	if (insert && (F.count + 1) * 2 > F.tab_size)
		tab_grow();
	if (!F.tab_size)
		return NULL;
	for (i = hash_entry(family, len, addr) & (F.tab_size - 1);;
	     i = (i + 1) & (F.tab_size - 1)) {
		struct entry *e = &F.tab[i];

		if (!e->used)
			return insert ? e : NULL;
		if (e->family == family && e->len == len &&
		    !memcmp(e->addr, addr, 16))
			return e;
	}
}

static void tab_rebuild(void)
{
	struct entry *old = F.tab;
	size_t i, n = F.tab_size;

	F.tab = NULL;
	F.tab_size = 0;
	F.count = 0;
	for (i = 0; i < n; i++) {
		if (old[i].used) {
			*tab_find(old[i].family, old[i].len, old[i].addr, true) =
				old[i];
			F.count++;
		}
	}
	free(old);
}

/* Room for one more name, whose slot is returned zeroed. */
static struct nentry *names_add(void)
{
	/*
	 * Grow by half: one realloc per name made a 20,000-name load
	 * quadratic (ASan's realloc always copies), minutes of make check.
	 */
	if (F.n_names == F.cap_names) {
		F.cap_names += F.cap_names / 2 + 16;
		F.names = realloc(F.names, F.cap_names * sizeof(*F.names));
		if (!F.names)
			fake_die("out of memory");
	}
	memset(&F.names[F.n_names], 0, sizeof(*F.names));
	return &F.names[F.n_names++];
}

static struct nentry *names_find(const char *name, bool suffix)
{
	size_t i;

	for (i = 0; i < F.n_names; i++) {
		if (F.names[i].used && F.names[i].suffix == suffix &&
		    !strcmp(F.names[i].name, name))
			return &F.names[i];
	}
	return NULL;
}

/* Drop the unused slots of F.names. */
static void names_compact(void)
{
	size_t i, n = 0;

	for (i = 0; i < F.n_names; i++) {
		if (F.names[i].used)
			F.names[n++] = F.names[i];
	}
	F.n_names = n;
}

/*
 * The indicator a name seen on the wire matches, as the module looks it
 * up: the exact name, else the longest suffix on a label boundary.
 */
static struct nentry *names_match(const char *name)
{
	struct nentry *ne = names_find(name, false);
	const char *p = name;

	while (!ne && p) {
		ne = names_find(p, true);
		p = strchr(p, '.');
		if (p)
			p++;
	}
	return ne;
}

/* The JA4 indicator of fingerprint @fp, or NULL. */
static struct nentry *ja4s_find(const char *fp)
{
	size_t i;

	for (i = 0; i < F.n_ja4s; i++) {
		if (F.ja4s[i].used && !strcmp(F.ja4s[i].name, fp))
			return &F.ja4s[i];
	}
	return NULL;
}

/* JA4 (@url false) or URL indicators held. */
static uint32_t keys_count(bool url)
{
	uint32_t k = 0;
	size_t i;

	for (i = 0; i < F.n_ja4s; i++)
		k += !strchr(F.ja4s[i].name, '/') != url;
	return k;
}

/*
 * The URL indicator a request for URL key @u would find, as the module
 * looks (IND_TEST): @u whole when it has a query, then its path and each
 * of the path's prefixes at '/' boundaries, longest first, down to "/".
 */
static struct nentry *urls_match(const char *u)
{
	char k[C2GUARD_URL_MAX + 1];
	struct nentry *n;
	char *q, *sl;

	snprintf(k, sizeof(k), "%s", u);
	q = strchr(k, '?');
	if (q) {
		n = ja4s_find(k);
		if (n)
			return n;
		*q = '\0';
	}
	for (;;) {
		n = ja4s_find(k);
		if (n)
			return n;
		sl = strrchr(k, '/');
		if (!sl[1])
			return NULL;	/* "HOST/" was the last */
		if (sl == strchr(k, '/'))
			sl[1] = '\0';
		else
			*sl = '\0';
	}
}

/* Room for one more JA4 indicator, whose slot is returned zeroed. */
static struct nentry *ja4s_add(void)
{
	F.ja4s = realloc(F.ja4s, (F.n_ja4s + 1) * sizeof(*F.ja4s));
	if (!F.ja4s)
		fake_die("out of memory");
	memset(&F.ja4s[F.n_ja4s], 0, sizeof(*F.ja4s));
	return &F.ja4s[F.n_ja4s++];
}

/* Drop the unused slots of F.ja4s. */
static void ja4s_compact(void)
{
	size_t i, n = 0;

	for (i = 0; i < F.n_ja4s; i++) {
		if (F.ja4s[i].used)
			F.ja4s[n++] = F.ja4s[i];
	}
	F.n_ja4s = n;
}

/* The binding of exact address @addr, or NULL. */
static struct bind *binds_find(uint8_t family, const uint8_t *addr)
{
	size_t i;

	for (i = 0; i < F.n_binds; i++) {
		if (F.binds[i].e.family == family &&
		    !memcmp(F.binds[i].e.addr, addr, 16))
			return &F.binds[i];
	}
	return NULL;
}

/* Drop the unused slots of F.binds. */
static void binds_compact(void)
{
	size_t i, n = 0;

	for (i = 0; i < F.n_binds; i++) {
		if (F.binds[i].e.used)
			F.binds[n++] = F.binds[i];
	}
	F.n_binds = n;
}

/*
 * What a DNS answer crossing the module does: for FAKENL_BIND's
 * ADDR=NAME pairs whose name is listed (and not allowlisted), the address
 * is bound with the name's action and tag, apart from the indicators
 * userspace lists; a binding that exists is renewed; at most bind-max.
 */
static void binds_from_env(void)
{
	char *spec = getenv("FAKENL_BIND"), *copy, *pair, *save = NULL, *eq;
	uint8_t addr[16], family;
	struct nentry *ne;
	struct bind *b;

	if (!spec)
		return;
	copy = strdup(spec);
	for (pair = strtok_r(copy, ",", &save); pair;
	     pair = strtok_r(NULL, ",", &save)) {
		eq = strchr(pair, '=');
		if (!eq)
			fake_die("FAKENL_BIND: %s: no '='", pair);
		*eq = '\0';
		memset(addr, 0, sizeof(addr));
		family = strchr(pair, ':') ? 10 : 2;
		if (inet_pton(family == 2 ? AF_INET : AF_INET6, pair, addr) != 1)
			fake_die("FAKENL_BIND: bad address %s", pair);
		ne = names_match(eq + 1);
		if (!ne || ne->action == C2GUARD_ACT_ALLOW || !F.cfg.bind_max)
			continue;
		b = binds_find(family, addr);
		if (!b) {
			if (F.n_binds >= F.cfg.bind_max)
				continue;	/* refused, counted */
			F.binds = realloc(F.binds, (F.n_binds + 1) * sizeof(*b));
			if (!F.binds)
				fake_die("out of memory");
			b = &F.binds[F.n_binds++];
			memset(b, 0, sizeof(*b));
			b->e.used = 1;
			b->e.family = family;
			b->e.len = family == 2 ? 32 : 128;
			memcpy(b->e.addr, addr, 16);
		}
		snprintf(b->name, sizeof(b->name), "%s", eq + 1);
		b->e.action = ne->action;
		memcpy(b->e.tag, ne->tag, sizeof(b->e.tag));
		/* a TTL of 30 s, raised and capped like the module does */
		b->e.timeout = F.cfg.bind_ttl_min > 30 ? F.cfg.bind_ttl_min : 30;
		if (b->e.timeout > F.cfg.bind_ttl_max)
			b->e.timeout = F.cfg.bind_ttl_max;
	}
	free(copy);
}

/*
 * State file: the config, the numbers of address entries, names,
 * bindings and JA4 fingerprints, then the four arrays.
 */
static void state_load(void)
{
	const char *path = getenv("FAKENL_STATE");
	size_t n[4], i;
	struct entry e;
	FILE *f;

	F.cfg.mark_value = C2GUARD_DEFAULT_MARK_VALUE;
	F.cfg.mark_mask = C2GUARD_DEFAULT_MARK_MASK;
	F.cfg.rate = C2GUARD_DEFAULT_ALERT_RATE;
	F.cfg.burst = C2GUARD_DEFAULT_ALERT_BURST;
	F.cfg.dns_port = C2GUARD_DEFAULT_DNS_PORT;
	F.cfg.dns_rcode = C2GUARD_DEFAULT_DNS_RCODE;
	F.cfg.bind_ttl_min = C2GUARD_DEFAULT_BIND_TTL_MIN;
	F.cfg.bind_ttl_max = C2GUARD_DEFAULT_BIND_TTL_MAX;
	F.cfg.bind_max = C2GUARD_DEFAULT_BIND_MAX;
	F.cfg.beacon_action = C2GUARD_ACT_ALERT;
	F.cfg.retry = C2GUARD_DEFAULT_BEACON_RETRY;
	F.cfg.idle = C2GUARD_DEFAULT_BEACON_IDLE;
	F.cfg.silence = C2GUARD_DEFAULT_BEACON_SILENCE;
	F.cfg.holddown = C2GUARD_DEFAULT_BEACON_HOLDDOWN;
	F.cfg.window = C2GUARD_DEFAULT_BEACON_WINDOW;
	F.cfg.min_gaps = C2GUARD_DEFAULT_BEACON_MIN_GAPS;
	F.cfg.threshold = C2GUARD_DEFAULT_BEACON_THRESHOLD;
	F.cfg.beacon_max = FAKE_BEACON_MAX;
	for (i = 0; i < sizeof(dnsb_cfg) / sizeof(dnsb_cfg[0]); i++)
		F.cfg.dnsb[dnsb_cfg[i].attr - C2GUARD_CFG_A_DGA] = dnsb_cfg[i].def;
	F.cfg.mismatch_action = C2GUARD_ACT_ALERT;
	F.cfg.irc_action = C2GUARD_ACT_ALERT;
	for (i = 0; i < 3; i++) {
		F.cfg.wire[i].n = wire_cfg[i].n;
		memcpy(F.cfg.wire[i].port, wire_cfg[i].def,
		       sizeof(wire_cfg[i].def));
	}
	f = path ? fopen(path, "r") : NULL;
	if (f) {
		if (fread(&F.cfg, sizeof(F.cfg), 1, f) != 1 ||
		    fread(n, sizeof(n), 1, f) != 1)
			fake_die("bad state file");
		for (i = 0; i < n[0]; i++) {
			if (fread(&e, sizeof(e), 1, f) != 1)
				fake_die("bad state file");
			*tab_find(e.family, e.len, e.addr, true) = e;
			F.count++;
		}
		F.names = calloc(n[1] + 1, sizeof(*F.names));
		F.binds = calloc(n[2] + 1, sizeof(*F.binds));
		F.ja4s = calloc(n[3] + 1, sizeof(*F.ja4s));
		if (!F.names || !F.binds || !F.ja4s)
			fake_die("out of memory");
		F.n_names = n[1];
		F.cap_names = n[1] + 1;
		F.n_binds = n[2];
		F.n_ja4s = n[3];
		if (fread(F.names, sizeof(*F.names), n[1], f) != n[1] ||
		    fread(F.binds, sizeof(*F.binds), n[2], f) != n[2] ||
		    fread(F.ja4s, sizeof(*F.ja4s), n[3], f) != n[3])
			fake_die("bad state file");
		fclose(f);
	}
	binds_from_env();
}

static void state_save(void)
{
	const char *path = getenv("FAKENL_STATE");
	size_t n[4] = { F.count, F.n_names, F.n_binds, F.n_ja4s }, i;
	FILE *f;

	if (!path)
		return;
	f = fopen(path, "w");
	if (!f)
		fake_die("cannot write %s", path);
	fwrite(&F.cfg, sizeof(F.cfg), 1, f);
	fwrite(n, sizeof(n), 1, f);
	for (i = 0; i < F.tab_size; i++) {
		if (F.tab[i].used)
			fwrite(&F.tab[i], sizeof(F.tab[i]), 1, f);
	}
	fwrite(F.names, sizeof(*F.names), F.n_names, f);
	fwrite(F.binds, sizeof(*F.binds), F.n_binds, f);
	fwrite(F.ja4s, sizeof(*F.ja4s), F.n_ja4s, f);
	fclose(f);
}

/* ---- reply queue ---- */

static unsigned long long rnd(void)
{
	F.rng ^= F.rng << 13;
	F.rng ^= F.rng >> 7;
	F.rng ^= F.rng << 17;
	return F.rng;
}

static bool q_pacing;	/* set while dumping: never dropped */

static void q_push(const void *data, size_t len)
{
	static long ack_cost = -1;
	size_t cost;
	struct qmsg *m;

	if (ack_cost < 0)
		ack_cost = (long)env_num("FAKENL_ACK_COST", 0);
	cost = (size_t)ack_cost;

	if (!cost)
		cost = len + 512;
	/*
	 * Like netlink: over the receive buffer means dropped + ENOBUFS.
	 * Dumps are exempt, the kernel paces them by the reader.
	 */
	if (!q_pacing && F.queued + cost > (size_t)F.rcvbuf) {
		F.enobufs = true;
		return;
	}
	m = malloc(sizeof(*m) + len);
	if (!m)
		fake_die("out of memory");
	if (len)
		memcpy(m->data, data, len);
	m->len = len;
	m->charge = cost;
	m->next = NULL;
	/* corrupt about one message in three, so later stages get reached */
	if (F.rng && len > 16 && rnd() % 3 == 0) {
		unsigned int k, n = 1 + (unsigned int)(rnd() % 4);

		for (k = 0; k < n; k++)
			m->data[rnd() % len] = (char)rnd();
		if (rnd() % 4 == 0)
			m->len = (size_t)(rnd() % len);
	}
	if (!F.head) {
		char b = 1;

		if (write(F.wfd, &b, 1) != 1)
			fake_die("pipe write");
		F.head = m;
	} else {
		F.tail->next = m;
	}
	F.tail = m;
	F.queued += cost;
}

static struct qmsg *q_pop(void)
{
	struct qmsg *m = F.head;
	char b;

	if (!m)
		return NULL;
	F.head = m->next;
	if (!F.head) {
		F.tail = NULL;
		if (read(F.fd, &b, 1) != 1)
			fake_die("pipe read");
	}
	F.queued -= m->charge;
	return m;
}

/* ---- message helpers ---- */

static struct nlmsghdr *put_genl(char *buf, const struct nlmsghdr *req,
				 uint16_t type, uint16_t flags, uint8_t cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = req ? req->nlmsg_seq : 0;
	nlh->nlmsg_pid = req ? F.portid : 0;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = 1;
	return nlh;
}

/* The attribute a refused request is refused for (policy_check()). */
static const struct nlattr *bad_attr;

static void send_ack(const struct nlmsghdr *req, int err, const char *msg)
{
	char buf[16384];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	bool capped = !err || F.cap_ack;
	struct nlmsgerr *e;
	uint16_t flags = 0;

	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_seq = req->nlmsg_seq;
	nlh->nlmsg_pid = F.portid;
	if (capped) {
		flags |= NLM_F_CAPPED;
		e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
		memcpy(&e->msg, req, sizeof(*req));
	} else {
		e = mnl_nlmsg_put_extra_header(nlh, sizeof(int) + req->nlmsg_len);
		memcpy(&e->msg, req, req->nlmsg_len);
	}
	e->error = err;
	if (err && msg && F.ext_ack) {
		flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
		mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, bad_attr ?
				 (uint32_t)((const char *)bad_attr -
					    (const char *)req) : 20);
	}
	bad_attr = NULL;
	nlh->nlmsg_flags = flags;
	q_push(buf, nlh->nlmsg_len);
}

struct tb_ctx {
	const struct nlattr **tb;
	unsigned int max;
	bool unknown;
};

static int tb_cb(const struct nlattr *a, void *data)
{
	struct tb_ctx *c = data;
	unsigned int t = mnl_attr_get_type(a);

	if (t == 0 || t > c->max) {
		c->unknown = true;
		return MNL_CB_OK;
	}
	c->tb[t] = a;
	return MNL_CB_OK;
}

static int parse_top(const struct nlmsghdr *nlh, const struct nlattr **tb,
		     unsigned int max)
{
	struct tb_ctx c = { tb, max, false };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (mnl_attr_parse(nlh, GENL_HDRLEN, tb_cb, &c) < 0 || c.unknown)
		return -1;
	return 0;
}

static int parse_nest(const struct nlattr *nest, const struct nlattr **tb,
		      unsigned int max)
{
	struct tb_ctx c = { tb, max, false };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (mnl_attr_parse_nested(nest, tb_cb, &c) < 0 || c.unknown)
		return -1;
	return 0;
}

static bool len_is(const struct nlattr *a, size_t n)
{
	return a && mnl_attr_get_payload_len(a) == n;
}

/* ---- request policies (the kernel's lib/nlattr.c, strict) ---- */

/* What genetlink gives a command that has no policy: nothing goes. */
static const struct c2g_spec_rule reject_all[2] = {
	[1] = { .type = C2G_SPEC_REJECT },
};

static int policy_fail(const struct nlattr *a, int err, const char *why,
		       const char **msg)
{
	bad_attr = a;
	*msg = why;
	return err;
}

static uint64_t attr_uint(const struct nlattr *a, size_t len)
{
	const void *p = mnl_attr_get_payload(a);

	switch (len) {
	case 1:
		return *(const uint8_t *)p;
	case 2:
		return *(const uint16_t *)p;
	case 4:
		return *(const uint32_t *)p;
	default:
		return *(const uint64_t *)p;
	}
}

static int policy_attrs(const void *head, int len,
			const struct c2g_spec_rule *pol, unsigned int maxtype,
			const char **msg);

/* One attribute against its rule; 0 or -errno with *msg and bad_attr. */
static int policy_attr(const struct nlattr *a, const struct c2g_spec_rule *r,
		       const char **msg)
{
	static const size_t width[] = {
		[C2G_SPEC_U8] = 1, [C2G_SPEC_U16] = 2, [C2G_SPEC_U32] = 4,
		[C2G_SPEC_U64] = 8,
	};
	static const char failed[] = "Attribute failed policy validation";
	const char *data = mnl_attr_get_payload(a);
	size_t len = mnl_attr_get_payload_len(a), w = 0;
	bool nested = a->nla_type & NLA_F_NESTED;
	uint64_t v;

	if (r->type < sizeof(width) / sizeof(width[0]))
		w = width[r->type];
	if (w && len != w)
		return policy_fail(a, -EINVAL, "invalid attribute length", msg);
	if (r->type == C2G_SPEC_NEST && !nested)
		return policy_fail(a, -EINVAL, "NLA_F_NESTED is missing", msg);
	if (r->type && r->type != C2G_SPEC_NEST && nested)
		return policy_fail(a, -EINVAL, "NLA_F_NESTED not expected", msg);
	switch (r->type) {
	case 0:
		return policy_fail(a, -EINVAL, "Unsupported attribute", msg);
	case C2G_SPEC_REJECT:
		return policy_fail(a, -EINVAL, r->reject ?: failed, msg);
	case C2G_SPEC_FLAG:
		return len ? policy_fail(a, -ERANGE, failed, msg) : 0;
	case C2G_SPEC_STR:
		/* a NUL within the allowed length, then at most that long */
		v = r->checks & C2G_SPEC_HAS_MAX && len > r->max ? r->max + 1 :
		    len;
		if (!v || !memchr(data, '\0', v))
			return policy_fail(a, -EINVAL, failed, msg);
		if (r->checks & C2G_SPEC_HAS_MAX &&
		    len - !data[len - 1] > r->max)
			return policy_fail(a, -ERANGE, failed, msg);
		return 0;
	case C2G_SPEC_BINARY:
		/* min and max: a range of lengths; max alone: the .len cap */
		if (r->checks & C2G_SPEC_HAS_MIN)
			return len < r->min || (r->checks & C2G_SPEC_HAS_MAX &&
						len > r->max) ?
			       policy_fail(a, -ERANGE,
					   "binary attribute size out of range",
					   msg) : 0;
		if (r->checks & C2G_SPEC_HAS_MAX && len > r->max)
			return policy_fail(a, -ERANGE, failed, msg);
		return 0;
	case C2G_SPEC_NEST:
		if (!len)
			return 0;
		if (len < MNL_ATTR_HDRLEN)
			return policy_fail(a, -ERANGE, failed, msg);
		return policy_attrs(data, (int)len, r->nested, r->maxtype, msg);
	}
	v = attr_uint(a, w);
	if (r->checks & C2G_SPEC_HAS_MASK && v & ~r->max)
		return policy_fail(a, -EINVAL, "reserved bit set", msg);
	if ((r->checks & C2G_SPEC_HAS_MIN && v < r->min) ||
	    (r->checks & C2G_SPEC_HAS_MAX && !(r->checks & C2G_SPEC_HAS_MASK) &&
	     v > r->max))
		return policy_fail(a, -ERANGE, "integer out of range", msg);
	return 0;
}

/* A run of attributes against @pol, known types 1..@maxtype. */
static int policy_attrs(const void *head, int len,
			const struct c2g_spec_rule *pol, unsigned int maxtype,
			const char **msg)
{
	const struct nlattr *a = head;
	unsigned int type;
	int err;

	while (len >= (int)sizeof(*a) && a->nla_len >= sizeof(*a) &&
	       a->nla_len <= len) {
		type = a->nla_type & NLA_TYPE_MASK;
		if (!type || type > maxtype)
			return policy_fail(a, -EINVAL, "Unknown attribute type",
					   msg);
		err = policy_attr(a, &pol[type], msg);
		if (err)
			return err;
		len -= MNL_ALIGN(a->nla_len);
		a = (const struct nlattr *)((const char *)a +
					    MNL_ALIGN(a->nla_len));
	}
	if (len > 0) {
		*msg = "bytes leftover after parsing attributes";
		return -EINVAL;
	}
	return 0;
}

/* A c2guard request against its command's policy from the spec. */
static int policy_check(const struct nlmsghdr *req, const char **msg)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(req);
	const struct c2g_spec_op *op = &c2g_spec_ops[g->cmd];

	if (!op->policy)
		return policy_attrs((const char *)g + GENL_HDRLEN,
				    (int)(mnl_nlmsg_get_payload_len(req) -
					  GENL_HDRLEN), reject_all, 1, msg);
	return policy_attrs((const char *)g + GENL_HDRLEN,
			    (int)(mnl_nlmsg_get_payload_len(req) - GENL_HDRLEN),
			    op->policy, op->maxtype, msg);
}

/* ---- handlers ---- */

static void do_ctrl(const struct nlmsghdr *req)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct nlattr *groups, *grp, *ops;
	char buf[4096];
	struct nlmsghdr *nlh;
	uint16_t i, n;

	if (!parse_top(req, tb, CTRL_ATTR_MAX) && tb[CTRL_ATTR_FAMILY_NAME] &&
	    !strcmp(mnl_attr_get_str(tb[CTRL_ATTR_FAMILY_NAME]), "nlctrl")) {
		/* Only its "notify" group, which c2ctl monitor joins. */
		nlh = put_genl(buf, req, GENL_ID_CTRL, 0, CTRL_CMD_NEWFAMILY);
		mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, GENL_ID_CTRL);
		mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "nlctrl");
		groups = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
		grp = mnl_attr_nest_start(nlh, 1);
		mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, FAKE_CTRL_GROUP);
		mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, "notify");
		mnl_attr_nest_end(nlh, grp);
		mnl_attr_nest_end(nlh, groups);
		q_push(buf, nlh->nlmsg_len);
		if (req->nlmsg_flags & NLM_F_ACK)
			send_ack(req, 0, NULL);
		return;
	}
	if (parse_top(req, tb, CTRL_ATTR_MAX) || !tb[CTRL_ATTR_FAMILY_NAME] ||
	    strcmp(mnl_attr_get_str(tb[CTRL_ATTR_FAMILY_NAME]),
		   C2GUARD_GENL_NAME) || env_on("FAKENL_ABSENT")) {
		send_ack(req, -ENOENT, NULL);
		return;
	}
	nlh = put_genl(buf, req, GENL_ID_CTRL, 0, CTRL_CMD_NEWFAMILY);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, FAKE_FAMILY);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, C2GUARD_GENL_NAME);
	mnl_attr_put_u32(nlh, CTRL_ATTR_VERSION, C2GUARD_GENL_VERSION);
	mnl_attr_put_u32(nlh, CTRL_ATTR_HDRSIZE, 0);
	/* policies per command (the spec's kernel-policy): none family-wide */
	mnl_attr_put_u32(nlh, CTRL_ATTR_MAXATTR, 0);
	/* the commands, as the spec has them */
	ops = mnl_attr_nest_start(nlh, CTRL_ATTR_OPS);
	for (i = 1, n = 0; i <= C2GUARD_CMD_MAX; i++) {
		uint8_t f = c2g_spec_ops[i].flags;
		struct nlattr *op;

		if (!(f & (C2G_SPEC_DO | C2G_SPEC_DUMP)))
			continue;
		op = mnl_attr_nest_start(nlh, ++n);
		mnl_attr_put_u32(nlh, CTRL_ATTR_OP_ID, i);
		mnl_attr_put_u32(nlh, CTRL_ATTR_OP_FLAGS,
				 (f & C2G_SPEC_DO ? GENL_CMD_CAP_DO : 0) |
				 (f & C2G_SPEC_DUMP ? GENL_CMD_CAP_DUMP : 0) |
				 (f & C2G_SPEC_ADMIN_PERM ? GENL_ADMIN_PERM : 0) |
				 (f & C2G_SPEC_UNS_ADMIN_PERM ?
				  GENL_UNS_ADMIN_PERM : 0));
		mnl_attr_nest_end(nlh, op);
	}
	mnl_attr_nest_end(nlh, ops);
	groups = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	grp = mnl_attr_nest_start(nlh, 1);
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, FAKE_GROUP);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, C2GUARD_MCGRP_ALERTS);
	mnl_attr_nest_end(nlh, grp);
	mnl_attr_nest_end(nlh, groups);
	q_push(buf, nlh->nlmsg_len);
	if (req->nlmsg_flags & NLM_F_ACK)
		send_ack(req, 0, NULL);
}

static bool host_bits_clear(const uint8_t *a, unsigned int bytes,
			    unsigned int plen)
{
	unsigned int i;

	for (i = plen; i < bytes * 8; i++) {
		if (a[i / 8] & (0x80 >> (i % 8)))
			return false;
	}
	return true;
}

/*
 * An indicator of a request: an address, a name or a JA4 or URL (in @n;
 * is_ja4 for both, a URL with is_url).
 */
struct req_ind {
	bool is_name, is_ja4, is_url;
	struct entry e;
	struct nentry n;
};

/* JA4, alone, validated like the module does; 0 or -errno. */
static int ja4_from_req(const struct nlattr **it, struct nentry *n,
			const char **msg)
{
	const char *fp = mnl_attr_get_payload(it[C2GUARD_IND_A_JA4]);
	const char *why;

	if (it[C2GUARD_IND_A_FAMILY] || it[C2GUARD_IND_A_ADDR] ||
	    it[C2GUARD_IND_A_PREFIXLEN] || it[C2GUARD_IND_A_PORT] ||
	    it[C2GUARD_IND_A_PROTO] || it[C2GUARD_IND_A_ANSWER] ||
	    it[C2GUARD_IND_A_DOMAIN] || it[C2GUARD_IND_A_SUFFIX] ||
	    it[C2GUARD_IND_A_URL]) {
		*msg = "a JA4 indicator is the fingerprint alone, without an address or domain";
		return -EINVAL;
	}
	/* the policy saw to the NUL and the length; the module's check */
	why = c2g_ja4_check(fp, strlen(fp));
	if (why) {
		*msg = why;
		return -EINVAL;
	}
	memcpy(n->name, fp, C2GUARD_JA4_LEN + 1);
	return 0;
}

/* URL, alone, validated like the module does; 0 or -errno. */
static int url_from_req(const struct nlattr **it, struct nentry *n,
			const char **msg)
{
	const char *u = mnl_attr_get_payload(it[C2GUARD_IND_A_URL]);
	size_t hlen;
	int r;

	if (it[C2GUARD_IND_A_FAMILY] || it[C2GUARD_IND_A_ADDR] ||
	    it[C2GUARD_IND_A_PREFIXLEN] || it[C2GUARD_IND_A_PORT] ||
	    it[C2GUARD_IND_A_PROTO] || it[C2GUARD_IND_A_ANSWER] ||
	    it[C2GUARD_IND_A_DOMAIN] || it[C2GUARD_IND_A_SUFFIX] ||
	    it[C2GUARD_IND_A_JA4]) {
		*msg = "a URL indicator is the URL alone, without an address, domain or JA4";
		return -EINVAL;
	}
	/* the policy saw to the NUL and the length; the module's check */
	r = c2g_url_valid(u, strlen(u), &hlen);
	if (r != C2G_URL_OK) {
		*msg = c2g_url_strerror(r);
		return -EINVAL;
	}
	snprintf(n->name, sizeof(n->name), "%s", u);
	return 0;
}

/* DOMAIN and SUFFIX, validated like the module does; 0 or -errno. */
static int name_from_req(const struct nlattr **it, struct nentry *n,
			 const char **msg)
{
	const char *d = mnl_attr_get_payload(it[C2GUARD_IND_A_DOMAIN]);
	struct c2g_name name;
	int r;

	/* the policy saw to the NUL and the length */
	r = c2g_name_parse(d, strlen(d), &name, NULL);
	if (r != C2G_NAME_OK) {
		*msg = c2g_name_strerror(r);	/* what the module says */
		return -EINVAL;
	}
	memcpy(n->name, name.s, (size_t)name.len + 1);
	n->suffix = !!it[C2GUARD_IND_A_SUFFIX];
	return 0;
}

/* FAMILY, ADDR, PREFIXLEN; 0 or -errno. */
static int addr_from_req(const struct nlattr **it, struct entry *e,
			 const char **msg)
{
	unsigned int bytes;

	if (it[C2GUARD_IND_A_SUFFIX]) {
		*msg = "suffix applies to domain indicators only";
		return -EINVAL;
	}
	if (!it[C2GUARD_IND_A_FAMILY]) {
		*msg = "indicator family (or domain) missing";
		return -EINVAL;
	}
	e->family = mnl_attr_get_u8(it[C2GUARD_IND_A_FAMILY]);
	if (e->family != 2 && e->family != 10) {
		*msg = "unknown address family";
		return -EINVAL;
	}
	bytes = e->family == 2 ? 4 : 16;
	if (!len_is(it[C2GUARD_IND_A_ADDR], bytes)) {
		*msg = "address length does not match the family";
		return -EINVAL;
	}
	memcpy(e->addr, mnl_attr_get_payload(it[C2GUARD_IND_A_ADDR]), bytes);
	e->len = (uint8_t)(bytes * 8);
	if (it[C2GUARD_IND_A_PREFIXLEN]) {
		if (mnl_attr_get_u8(it[C2GUARD_IND_A_PREFIXLEN]) > bytes * 8) {
			*msg = "prefix length out of range";
			return -ERANGE;
		}
		e->len = mnl_attr_get_u8(it[C2GUARD_IND_A_PREFIXLEN]);
	}
	if (!host_bits_clear(e->addr, bytes, e->len)) {
		*msg = "address bits set past the prefix length";
		return -EINVAL;
	}
	return 0;
}

/* Decode an indicator from a request; returns 0 or -errno with *msg. */
static int ind_from_req(const struct nlmsghdr *req, struct req_ind *ri,
			bool full, const char **msg)
{
	const struct nlattr *tb[C2GUARD_A_MAX + 1];
	const struct nlattr *it[C2GUARD_IND_A_MAX + 1];
	uint8_t action = C2GUARD_ACT_ALERT;
	char tag[C2GUARD_TAG_MAX] = "";
	uint32_t timeout = 0;
	int err;

	memset(ri, 0, sizeof(*ri));
	if (parse_top(req, tb, C2GUARD_A_MAX) || !tb[C2GUARD_A_IND] ||
	    parse_nest(tb[C2GUARD_A_IND], it, C2GUARD_IND_A_MAX)) {
		*msg = "malformed request";
		return -EINVAL;
	}
	/* the module looks for a JA4 first, then a URL */
	if (!it[C2GUARD_IND_A_JA4] && !it[C2GUARD_IND_A_URL] &&
	    it[C2GUARD_IND_A_DOMAIN] &&
	    (it[C2GUARD_IND_A_FAMILY] || it[C2GUARD_IND_A_ADDR] ||
	     it[C2GUARD_IND_A_PREFIXLEN])) {
		*msg = "an indicator is a domain or an address, not both";
		return -EINVAL;
	}
	ri->is_url = !it[C2GUARD_IND_A_JA4] && it[C2GUARD_IND_A_URL];
	ri->is_ja4 = it[C2GUARD_IND_A_JA4] || ri->is_url;
	ri->is_name = !ri->is_ja4 && it[C2GUARD_IND_A_DOMAIN];
	if (ri->is_url)
		err = url_from_req(it, &ri->n, msg);
	else if (ri->is_ja4)
		err = ja4_from_req(it, &ri->n, msg);
	else if (ri->is_name)
		err = name_from_req(it, &ri->n, msg);
	else
		err = addr_from_req(it, &ri->e, msg);
	if (err || !full)
		return err;
	/* the policy saw to their types and ranges */
	if (it[C2GUARD_IND_A_ACTION])
		action = mnl_attr_get_u8(it[C2GUARD_IND_A_ACTION]);
	if (it[C2GUARD_IND_A_TAG])
		snprintf(tag, sizeof(tag), "%s",
			 mnl_attr_get_str(it[C2GUARD_IND_A_TAG]));
	if (it[C2GUARD_IND_A_TIMEOUT])
		timeout = mnl_attr_get_u32(it[C2GUARD_IND_A_TIMEOUT]);
	ri->e.action = action;
	ri->n.action = action;
	memcpy(ri->e.tag, tag, sizeof(tag));
	memcpy(ri->n.tag, tag, sizeof(tag));
	ri->e.timeout = timeout;
	ri->n.timeout = timeout;
	return 0;
}

/* The table is full: it holds FAKENL_MAX entries of every kind. */
static bool tab_full(void)
{
	return F.count + F.n_names + F.n_ja4s >=
	       env_num("FAKENL_MAX", MAX_ENTRIES_DEFAULT);
}

/* A name indicator, or with @ja4 a JA4 one. */
static int do_add_name(const struct nentry *n, bool ja4, bool replace,
		       const char **msg)
{
	struct nentry *t = ja4 ? ja4s_find(n->name) :
				 names_find(n->name, n->suffix);

	if (t) {
		if (!replace) {
			*msg = "indicator already exists";
			return -EEXIST;
		}
		t->action = n->action;
		memcpy(t->tag, n->tag, sizeof(t->tag));
		t->timeout = n->timeout;
		return 0;
	}
	if (tab_full()) {
		*msg = "indicator table is full";
		return -ENOSPC;
	}
	t = ja4 ? ja4s_add() : names_add();
	*t = *n;
	t->used = 1;
	/* something to show */
	t->hits = (ja4 ? F.n_ja4s : F.n_names) - 1;
	return 0;
}

static int do_add(const struct nlmsghdr *req, const char **msg)
{
	static int nostate = -1;
	const struct nlattr *tb[C2GUARD_A_MAX + 1];
	bool replace = false;
	struct req_ind ri;
	struct entry *t;
	int err;

	err = ind_from_req(req, &ri, true, msg);
	if (err)
		return err;
	parse_top(req, tb, C2GUARD_A_MAX);
	/* the policy refused unknown bits */
	if (tb[C2GUARD_A_FLAGS])
		replace = mnl_attr_get_u32(tb[C2GUARD_A_FLAGS]) &
			  C2GUARD_F_REPLACE;
	if (nostate < 0)
		nostate = env_on("FAKENL_NOSTATE");
	if (nostate)
		return 0;
	if (ri.is_name || ri.is_ja4)
		return do_add_name(&ri.n, ri.is_ja4, replace, msg);
	t = tab_find(ri.e.family, ri.e.len, ri.e.addr, false);
	if (t) {
		if (!replace) {
			*msg = "indicator already exists";
			return -EEXIST;
		}
		t->action = ri.e.action;
		memcpy(t->tag, ri.e.tag, sizeof(t->tag));
		t->timeout = ri.e.timeout;
		return 0;
	}
	if (tab_full()) {
		*msg = "indicator table is full";
		return -ENOSPC;
	}
	t = tab_find(ri.e.family, ri.e.len, ri.e.addr, true);
	ri.e.used = 1;
	ri.e.hits = F.count;	/* something non-zero to show */
	*t = ri.e;
	F.count++;
	return 0;
}

static int do_del(const struct nlmsghdr *req, const char **msg)
{
	struct nentry *nt = NULL;
	struct entry *t = NULL;
	struct bind *b = NULL;
	struct req_ind ri;
	int err;

	err = ind_from_req(req, &ri, false, msg);
	if (err)
		return err;
	if (ri.is_ja4)
		nt = ja4s_find(ri.n.name);
	else if (ri.is_name)
		nt = names_find(ri.n.name, ri.n.suffix);
	else
		t = tab_find(ri.e.family, ri.e.len, ri.e.addr, false);
	/* Not listed: it may be an address bound from a DNS answer. */
	if (!ri.is_name && !ri.is_ja4 && !t &&
	    ri.e.len == (ri.e.family == 2 ? 32 : 128))
		b = binds_find(ri.e.family, ri.e.addr);
	if (nt) {
		nt->used = 0;
		if (ri.is_ja4)
			ja4s_compact();
		else
			names_compact();
	} else if (t) {
		t->used = 0;
		tab_rebuild();
	} else if (b) {
		b->e.used = 0;
		binds_compact();
	} else {
		*msg = "indicator not found";
		return -ENOENT;
	}
	return 0;
}

static int do_flush(const struct nlmsghdr *req, const char **msg)
{
	const struct nlattr *tb[C2GUARD_A_MAX + 1];
	const char *tag = NULL;
	size_t i;

	if (parse_top(req, tb, C2GUARD_A_MAX)) {
		*msg = "malformed request";
		return -EINVAL;
	}
	if (tb[C2GUARD_A_TAG])
		tag = mnl_attr_get_str(tb[C2GUARD_A_TAG]);
	for (i = 0; i < F.tab_size; i++) {
		if (F.tab[i].used && (!tag || !strcmp(tag, F.tab[i].tag)))
			F.tab[i].used = 0;
	}
	for (i = 0; i < F.n_names; i++) {
		if (!tag || !strcmp(tag, F.names[i].tag))
			F.names[i].used = 0;
	}
	for (i = 0; i < F.n_binds; i++) {
		if (!tag || !strcmp(tag, F.binds[i].e.tag))
			F.binds[i].e.used = 0;
	}
	for (i = 0; i < F.n_ja4s; i++) {
		if (!tag || !strcmp(tag, F.ja4s[i].tag))
			F.ja4s[i].used = 0;
	}
	tab_rebuild();
	names_compact();
	binds_compact();
	ja4s_compact();
	return 0;
}

/*
 * An indicator's listing (the fake's are all manual ones), as the module
 * puts them in dumps: c2ctl save writes listings.
 */
static void put_claim(struct nlmsghdr *nlh, uint8_t action, const char *tag,
		      uint32_t timeout)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, C2GUARD_IND_A_CLAIM);

	mnl_attr_put_u8(nlh, C2GUARD_CLAIM_A_ACTION, action);
	mnl_attr_put_strz(nlh, C2GUARD_CLAIM_A_TAG, tag);
	mnl_attr_put_u32(nlh, C2GUARD_CLAIM_A_TIMEOUT, timeout);
	mnl_attr_nest_end(nlh, nest);
}

/*
 * An address indicator nested as @type; @dump adds the timeout, hits and
 * (but to a bound address) its listing, @bad makes the address one byte
 * too long.
 */
static void put_addr_ind(struct nlmsghdr *nlh, uint16_t type,
			 const struct entry *e, const char *bound, bool dump,
			 bool bad)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);

	mnl_attr_put_u8(nlh, C2GUARD_IND_A_FAMILY, e->family);
	mnl_attr_put(nlh, C2GUARD_IND_A_ADDR,
		     bad ? 5 : (e->family == 2 ? 4 : 16), e->addr);
	mnl_attr_put_u8(nlh, C2GUARD_IND_A_PREFIXLEN, e->len);
	mnl_attr_put_u8(nlh, C2GUARD_IND_A_ACTION, e->action);
	mnl_attr_put_strz(nlh, C2GUARD_IND_A_TAG, e->tag);
	if (bound)
		mnl_attr_put_strz(nlh, C2GUARD_IND_A_BOUND, bound);
	if (dump) {
		mnl_attr_put_u32(nlh, C2GUARD_IND_A_TIMEOUT, e->timeout);
		mnl_attr_put(nlh, C2GUARD_IND_A_PAD, 0, NULL);
		mnl_attr_put_u64(nlh, C2GUARD_IND_A_HITS, e->hits);
		if (!bound)
			put_claim(nlh, e->action, e->tag, e->timeout);
	}
	mnl_attr_nest_end(nlh, nest);
}

/* A name indicator likewise; @bad leaves the name without its NUL. */
static void put_name_ind(struct nlmsghdr *nlh, uint16_t type,
			 const struct nentry *n, bool dump, bool bad)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);

	mnl_attr_put(nlh, C2GUARD_IND_A_DOMAIN, strlen(n->name) + !bad,
		     n->name);
	if (n->suffix)
		mnl_attr_put(nlh, C2GUARD_IND_A_SUFFIX, 0, NULL);
	mnl_attr_put_u8(nlh, C2GUARD_IND_A_ACTION, n->action);
	mnl_attr_put_strz(nlh, C2GUARD_IND_A_TAG, n->tag);
	if (dump) {
		mnl_attr_put_u32(nlh, C2GUARD_IND_A_TIMEOUT, n->timeout);
		mnl_attr_put(nlh, C2GUARD_IND_A_PAD, 0, NULL);
		mnl_attr_put_u64(nlh, C2GUARD_IND_A_HITS, n->hits);
		put_claim(nlh, n->action, n->tag, n->timeout);
	}
	mnl_attr_nest_end(nlh, nest);
}

/*
 * A JA4 or URL indicator likewise; @bad leaves the fingerprint or URL
 * without its NUL.
 */
static void put_ja4_ind(struct nlmsghdr *nlh, uint16_t type,
			const struct nentry *n, bool dump, bool bad)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);

	mnl_attr_put(nlh, strchr(n->name, '/') ? C2GUARD_IND_A_URL :
		     C2GUARD_IND_A_JA4, strlen(n->name) + !bad, n->name);
	mnl_attr_put_u8(nlh, C2GUARD_IND_A_ACTION, n->action);
	mnl_attr_put_strz(nlh, C2GUARD_IND_A_TAG, n->tag);
	if (dump) {
		mnl_attr_put_u32(nlh, C2GUARD_IND_A_TIMEOUT, n->timeout);
		mnl_attr_put(nlh, C2GUARD_IND_A_PAD, 0, NULL);
		mnl_attr_put_u64(nlh, C2GUARD_IND_A_HITS, n->hits);
		put_claim(nlh, n->action, n->tag, n->timeout);
	}
	mnl_attr_nest_end(nlh, nest);
}

struct dump {
	const struct nlmsghdr *req;
	size_t len, n, in_dgram;
	bool intr;
	char buf[1 << 16];	/* last: not cleared */
};

static struct nlmsghdr *dump_start(struct dump *d)
{
	struct nlmsghdr *nlh = put_genl(d->buf + d->len, d->req, FAKE_FAMILY,
					NLM_F_MULTI, C2GUARD_CMD_IND_GET);

	if (d->intr && d->n >= 1)
		nlh->nlmsg_flags |= NLM_F_DUMP_INTR;
	return nlh;
}

/* several messages per datagram, like a real dump */
static void dump_end(struct dump *d, const struct nlmsghdr *nlh)
{
	d->len += nlh->nlmsg_len;
	d->n++;
	if (++d->in_dgram == 3 || d->len > sizeof(d->buf) - 1024) {
		q_push(d->buf, d->len);
		d->len = 0;
		d->in_dgram = 0;
	}
}

static void do_dump(const struct nlmsghdr *req)
{
	static struct dump d;
	bool bad = env_on("FAKENL_MALFORMED");
	struct nlmsghdr *nlh;
	size_t i;

	memset(&d, 0, offsetof(struct dump, buf));
	d.req = req;
	d.intr = F.dumps < env_num("FAKENL_DUMP_INTR", 0);
	F.dumps++;
	q_pacing = true;
	for (i = 0; i < F.tab_size; i++) {
		if (!F.tab[i].used)
			continue;
		nlh = dump_start(&d);
		put_addr_ind(nlh, C2GUARD_A_IND, &F.tab[i], NULL, true,
			     bad && d.n == 0);
		dump_end(&d, nlh);
	}
	for (i = 0; i < F.n_names; i++) {
		nlh = dump_start(&d);
		put_name_ind(nlh, C2GUARD_A_IND, &F.names[i], true,
			     bad && d.n == 0);
		dump_end(&d, nlh);
	}
	for (i = 0; i < F.n_ja4s; i++) {
		nlh = dump_start(&d);
		put_ja4_ind(nlh, C2GUARD_A_IND, &F.ja4s[i], true,
			    bad && d.n == 0);
		dump_end(&d, nlh);
	}
	/* Bound addresses last, a live view never flagged interrupted. */
	for (i = 0; i < F.n_binds; i++) {
		nlh = dump_start(&d);
		nlh->nlmsg_flags &= ~NLM_F_DUMP_INTR;
		put_addr_ind(nlh, C2GUARD_A_IND, &F.binds[i].e, F.binds[i].name,
			     true, false);
		dump_end(&d, nlh);
	}
	nlh = mnl_nlmsg_put_header(d.buf + d.len);
	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI | (d.intr ? NLM_F_DUMP_INTR : 0);
	nlh->nlmsg_seq = req->nlmsg_seq;
	nlh->nlmsg_pid = F.portid;
	*(int *)mnl_nlmsg_put_extra_header(nlh, sizeof(int)) = 0;
	d.len += nlh->nlmsg_len;
	q_push(d.buf, d.len);
	q_pacing = false;
}

/*
 * FEED_GET with FAKENL_FEEDS: one canned feed, its counts of entries by
 * kind all different (the fake holds no entry of a feed).
 */
static void put_feed(const struct nlmsghdr *req)
{
	static const uint16_t counts[] = {
		C2GUARD_FEED_A_IND_V4, C2GUARD_FEED_A_IND_V6,
		C2GUARD_FEED_A_IND_NAMES, C2GUARD_FEED_A_IND_SUFFIXES,
		C2GUARD_FEED_A_IND_PORTS, C2GUARD_FEED_A_IND_ANSWERS,
		C2GUARD_FEED_A_IND_JA4, C2GUARD_FEED_A_IND_URLS,
	};
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	char buf[1024];
	size_t i;

	nlh = put_genl(buf, req, FAKE_FAMILY, NLM_F_MULTI, C2GUARD_CMD_FEED_GET);
	nest = mnl_attr_nest_start(nlh, C2GUARD_A_FEED);
	mnl_attr_put_strz(nlh, C2GUARD_FEED_A_NAME, "ja4db");
	mnl_attr_put_strz(nlh, C2GUARD_FEED_A_SOURCE, "/var/lib/c2guard/ja4.txt");
	mnl_attr_put_strz(nlh, C2GUARD_FEED_A_FORMAT, "plain");
	mnl_attr_put_u8(nlh, C2GUARD_FEED_A_ACTION, C2GUARD_ACT_DROP);
	mnl_attr_put_strz(nlh, C2GUARD_FEED_A_TAG, "ja4db");
	mnl_attr_put_u32(nlh, C2GUARD_FEED_A_TIMEOUT, 0);
	mnl_attr_put_u32(nlh, C2GUARD_FEED_A_ERRORS, 1);
	mnl_attr_put_u32(nlh, C2GUARD_FEED_A_UNSUPPORTED, 0);
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		mnl_attr_put_u32(nlh, counts[i], (uint32_t)(i + 1));
	mnl_attr_nest_end(nlh, nest);
	q_push(buf, nlh->nlmsg_len);
}

/*
 * A dump of nothing (but FAKENL_FEEDS's feed): the feeds and the
 * host-allow list (enough for c2ctl save and restore of the manual
 * entries).
 */
static void do_empty_dump(const struct nlmsghdr *req)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(req);
	char buf[64];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);

	if (g->cmd == C2GUARD_CMD_FEED_GET && env_on("FAKENL_FEEDS"))
		put_feed(req);
	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI;
	nlh->nlmsg_seq = req->nlmsg_seq;
	nlh->nlmsg_pid = F.portid;
	*(int *)mnl_nlmsg_put_extra_header(nlh, sizeof(int)) = 0;
	q_push(buf, nlh->nlmsg_len);
}

/* A beacon channel; the statistics are left out when @partial. */
struct fake_chan {
	uint8_t family, proto;
	const void *saddr, *daddr;	/* daddr NULL: a name channel */
	int dport;			/* -1: absent */
	const char *name;
	uint8_t score;
	uint32_t gaps, events, retries, interval, jitter, size, alerts;
	uint64_t age, idle;
	uint16_t timing, data, disp, cv, skew, count;
	bool partial;
};

static void put_chan(struct nlmsghdr *nlh, uint16_t type,
		     const struct fake_chan *c)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);
	size_t alen = c->family == 2 ? 4 : 16;

	mnl_attr_put_u8(nlh, C2GUARD_BEACON_A_FAMILY, c->family);
	mnl_attr_put(nlh, C2GUARD_BEACON_A_SADDR, alen, c->saddr);
	if (c->daddr) {
		mnl_attr_put(nlh, C2GUARD_BEACON_A_DADDR, alen, c->daddr);
		if (c->dport >= 0)
			mnl_attr_put_u16(nlh, C2GUARD_BEACON_A_DPORT,
					 (uint16_t)c->dport);
		mnl_attr_put_u8(nlh, C2GUARD_BEACON_A_PROTO, c->proto);
	} else {
		mnl_attr_put_strz(nlh, C2GUARD_BEACON_A_NAME, c->name);
	}
	mnl_attr_put_u8(nlh, C2GUARD_BEACON_A_SCORE, c->score);
	if (!c->partial) {
		mnl_attr_put_u32(nlh, C2GUARD_BEACON_A_GAPS, c->gaps);
		mnl_attr_put_u32(nlh, C2GUARD_BEACON_A_EVENTS, c->events);
		mnl_attr_put_u32(nlh, C2GUARD_BEACON_A_RETRIES, c->retries);
		mnl_attr_put_u32(nlh, C2GUARD_BEACON_A_INTERVAL, c->interval);
		mnl_attr_put_u32(nlh, C2GUARD_BEACON_A_JITTER, c->jitter);
		mnl_attr_put_u32(nlh, C2GUARD_BEACON_A_SIZE, c->size);
		mnl_attr_put(nlh, C2GUARD_BEACON_A_PAD, 0, NULL);
		mnl_attr_put_u64(nlh, C2GUARD_BEACON_A_AGE, c->age);
		mnl_attr_put(nlh, C2GUARD_BEACON_A_PAD, 0, NULL);
		mnl_attr_put_u64(nlh, C2GUARD_BEACON_A_IDLE, c->idle);
		mnl_attr_put_u32(nlh, C2GUARD_BEACON_A_ALERTS, c->alerts);
		mnl_attr_put_u16(nlh, C2GUARD_BEACON_A_TIMING, c->timing);
		mnl_attr_put_u16(nlh, C2GUARD_BEACON_A_DATA, c->data);
		mnl_attr_put_u16(nlh, C2GUARD_BEACON_A_GAP_DISP, c->disp);
		mnl_attr_put_u16(nlh, C2GUARD_BEACON_A_GAP_CV, c->cv);
		mnl_attr_put_u16(nlh, C2GUARD_BEACON_A_GAP_SKEW, c->skew);
		mnl_attr_put_u16(nlh, C2GUARD_BEACON_A_COUNT, c->count);
	}
	mnl_attr_put(nlh, 99, 4, "abc");	/* unknown attribute: skipped */
	mnl_attr_nest_end(nlh, nest);
}

static const uint8_t h1[4] = { 10, 0, 1, 2 }, h2[4] = { 10, 0, 1, 3 };
static const uint8_t c2a[4] = { 198, 51, 100, 7 }, c2b[4] = { 203, 0, 113, 9 };
static const uint8_t h6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x10 };
static const uint8_t c26[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
				 0, 0, 0, 0, 0, 0, 0, 0x53 };

/*
 * The canned channels, in dump order (not sorted): ties on score, an IPv6
 * channel, a name channel, one without a port, one without statistics.
 */
static const struct fake_chan fake_chans[] = {
	{ .family = 2, .proto = 17, .saddr = h2, .daddr = c2b, .dport = 123,
	  .score = 12, .gaps = 30, .events = 31, .retries = 0,
	  .interval = 64000, .jitter = 410, .size = 48, .age = 1984000,
	  .idle = 3000, .timing = 200, .data = 900, .disp = 100, .cv = 150,
	  .skew = 400, .count = 1000 },
	{ .family = 2, .proto = 6, .saddr = h1, .daddr = c2a, .dport = 443,
	  .score = 91, .gaps = 32, .events = 40, .retries = 2,
	  .interval = 15200, .jitter = 123, .size = 517, .age = 610000,
	  .idle = 850, .alerts = 1, .timing = 950, .data = 870, .disp = 960,
	  .cv = 940, .skew = 910, .count = 1000 },
	{ .family = 10, .proto = 17, .saddr = h6, .daddr = c26, .dport = 53,
	  .score = 91, .gaps = 20, .events = 21, .retries = 5,
	  .interval = 850, .jitter = 5, .size = 60, .age = 17850,
	  .idle = 200, .timing = 990, .data = 1000, .disp = 995, .cv = 990,
	  .skew = 980, .count = 700 },
	{ .family = 2, .saddr = h1, .name = "c2.evil.example", .score = 77,
	  .gaps = 9, .events = 10, .interval = 3600000, .jitter = 1000,
	  .size = 1200, .age = 32400000, .idle = 90061000, .alerts = 3,
	  .timing = 700, .data = 800, .disp = 750, .cv = 700, .skew = 600,
	  .count = 300 },
	{ .family = 2, .proto = 1, .saddr = h2, .daddr = c2a, .dport = -1,
	  .score = 40, .gaps = 8, .events = 9, .interval = 59960,
	  .jitter = 999, .size = 56, .age = 480000, .idle = 60000,
	  .timing = 400, .data = 1000, .disp = 300, .cv = 200, .skew = 500,
	  .count = 250 },
	{ .family = 2, .proto = 6, .saddr = h2, .daddr = c2b, .dport = 8443,
	  .score = 0, .partial = true },
};

static void do_beacon_dump(const struct nlmsghdr *req)
{
	static char buf[1 << 16];
	bool bad = env_on("FAKENL_MALFORMED");
	struct nlmsghdr *nlh;
	size_t i, len = 0;

	q_pacing = true;
	for (i = 0; env_on("FAKENL_BEACONS") && !F.cfg.beacons_flushed &&
	     i < sizeof(fake_chans) / sizeof(fake_chans[0]); i++) {
		nlh = put_genl(buf + len, req, FAKE_FAMILY, NLM_F_MULTI,
			       C2GUARD_CMD_BEACON_GET);
		if (bad && i == 0)	/* an empty channel */
			mnl_attr_put(nlh, C2GUARD_A_BEACON, 0, NULL);
		else
			put_chan(nlh, C2GUARD_A_BEACON, &fake_chans[i]);
		len += nlh->nlmsg_len;
		/* two channels per datagram */
		if (i % 2) {
			q_push(buf, len);
			len = 0;
		}
	}
	nlh = mnl_nlmsg_put_header(buf + len);
	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI;
	nlh->nlmsg_seq = req->nlmsg_seq;
	nlh->nlmsg_pid = F.portid;
	*(int *)mnl_nlmsg_put_extra_header(nlh, sizeof(int)) = 0;
	len += nlh->nlmsg_len;
	q_push(buf, len);
	q_pacing = false;
}

/* The types of the status attributes, from the spec. */
#define STATUS_TYPE(attr, name, key, type) [attr] = C2G_SPEC_##type,
static const uint8_t status_type[C2GUARD_STATUS_A_MAX + 1] = {
	C2G_SPEC_STATUS_ATTRS(STATUS_TYPE)
};
#undef STATUS_TYPE

static void do_status(const struct nlmsghdr *req)
{
	char buf[4096];
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	uint32_t v4 = 0, v6 = 0;
	size_t i;
	int a;

	for (i = 0; i < F.tab_size; i++) {
		if (F.tab[i].used) {
			if (F.tab[i].family == 2)
				v4++;
			else
				v6++;
		}
	}
	nlh = put_genl(buf, req, FAKE_FAMILY, 0, C2GUARD_CMD_STATUS_GET);
	nest = mnl_attr_nest_start(nlh, C2GUARD_A_STATUS);
	mnl_attr_put_strz(nlh, C2GUARD_STATUS_A_VERSION, "0.1.0-fake");
	if (env_on("FAKENL_MALFORMED"))
		mnl_attr_put_u32(nlh, C2GUARD_STATUS_A_FEATURES, 0x1f);
	else	/* every feature, and one c2ctl does not know yet */
		mnl_attr_put_u64(nlh, C2GUARD_STATUS_A_FEATURES,
				 ((C2GUARD_FEAT_HOST_RISK << 1) - 1) |
				 (C2GUARD_FEAT_HOST_RISK << 1));
	mnl_attr_put_u32(nlh, C2GUARD_STATUS_A_IND_V4, v4);
	mnl_attr_put_u32(nlh, C2GUARD_STATUS_A_IND_V6, v6);
	mnl_attr_put_u32(nlh, C2GUARD_STATUS_A_GENERATION, 7);
	mnl_attr_put_u32(nlh, C2GUARD_STATUS_A_IND_NAMES, (uint32_t)F.n_names);
	mnl_attr_put_u32(nlh, C2GUARD_STATUS_A_BOUND, (uint32_t)F.n_binds);
	mnl_attr_put_u32(nlh, C2GUARD_STATUS_A_BEACON_CHANNELS, 6);
	mnl_attr_put_u32(nlh, C2GUARD_STATUS_A_BEACON_SOURCES, 3);
	mnl_attr_put_u32(nlh, C2GUARD_STATUS_A_IND_JA4, keys_count(false));
	mnl_attr_put_u32(nlh, C2GUARD_STATUS_A_IND_URLS, keys_count(true));
	/* (the module builds its snapshot a moment later: all in it here) */
	mnl_attr_put_u32(nlh, C2GUARD_STATUS_A_IND_LPM_KEYS, v4 + v6);
	mnl_attr_put_u32(nlh, C2GUARD_STATUS_A_IND_LPM_PENDING, 0);
	mnl_attr_put_u32(nlh, C2GUARD_STATUS_A_IND_MAX, 16777216);
	/* every other u64 of the spec's status is a counter: something */
	for (a = 1; a <= C2GUARD_STATUS_A_MAX; a++) {
		if (status_type[a] != C2G_SPEC_U64 ||
		    a == C2GUARD_STATUS_A_FEATURES)
			continue;
		mnl_attr_put(nlh, C2GUARD_STATUS_A_PAD, 0, NULL);
		mnl_attr_put_u64(nlh, (uint16_t)a, (uint64_t)a +
				 (a < C2GUARD_STATUS_A_BEACON_EVENTS ? 1000 :
								       2000));
	}
	mnl_attr_put(nlh, 99, 4, "abc");	/* unknown attribute: skipped */
	mnl_attr_nest_end(nlh, nest);
	q_push(buf, nlh->nlmsg_len);
}

static void do_config_get(const struct nlmsghdr *req)
{
	char buf[4096];
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	unsigned int i;

	nlh = put_genl(buf, req, FAKE_FAMILY, 0, C2GUARD_CMD_CONFIG_GET);
	nest = mnl_attr_nest_start(nlh, C2GUARD_A_CONFIG);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_MARK_VALUE, F.cfg.mark_value);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_MARK_MASK, F.cfg.mark_mask);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_ALERT_RATE, F.cfg.rate);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_ALERT_BURST, F.cfg.burst);
	mnl_attr_put_u16(nlh, C2GUARD_CFG_A_DNS_PORT, F.cfg.dns_port);
	mnl_attr_put_u8(nlh, C2GUARD_CFG_A_DNS_RCODE, F.cfg.dns_rcode);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_BIND_TTL_MIN, F.cfg.bind_ttl_min);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_BIND_TTL_MAX, F.cfg.bind_ttl_max);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_BIND_MAX, F.cfg.bind_max);
	mnl_attr_put_u8(nlh, C2GUARD_CFG_A_BEACON, F.cfg.beacon);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_BEACON_RETRY, F.cfg.retry);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_BEACON_IDLE, F.cfg.idle);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_BEACON_SILENCE, F.cfg.silence);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_BEACON_HOLDDOWN, F.cfg.holddown);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_BEACON_WINDOW, F.cfg.window);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_BEACON_MIN_GAPS, F.cfg.min_gaps);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_BEACON_THRESHOLD, F.cfg.threshold);
	mnl_attr_put_u32(nlh, C2GUARD_CFG_A_BEACON_MAX, F.cfg.beacon_max);
	mnl_attr_put_u8(nlh, C2GUARD_CFG_A_BEACON_ACTION, F.cfg.beacon_action);
	mnl_attr_put(nlh, C2GUARD_CFG_A_BEACON_ALLOW_PORTS,
		     F.cfg.n_ports * sizeof(uint32_t), F.cfg.ports);
	for (i = 0; i < sizeof(dnsb_cfg) / sizeof(dnsb_cfg[0]); i++) {
		uint32_t v = F.cfg.dnsb[dnsb_cfg[i].attr - C2GUARD_CFG_A_DGA];

		if (dnsb_cfg[i].u8)
			mnl_attr_put_u8(nlh, dnsb_cfg[i].attr, (uint8_t)v);
		else
			mnl_attr_put_u32(nlh, dnsb_cfg[i].attr, v);
	}
	mnl_attr_put_u8(nlh, C2GUARD_CFG_A_PROTO_MISMATCH, F.cfg.mismatch);
	mnl_attr_put_u8(nlh, C2GUARD_CFG_A_PROTO_MISMATCH_ACTION,
			F.cfg.mismatch_action);
	mnl_attr_put_u8(nlh, C2GUARD_CFG_A_IRC, F.cfg.irc);
	mnl_attr_put_u8(nlh, C2GUARD_CFG_A_IRC_ACTION, F.cfg.irc_action);
	for (i = 0; i < 3; i++)
		mnl_attr_put(nlh, wire_cfg[i].attr,
			     F.cfg.wire[i].n * sizeof(uint16_t),
			     F.cfg.wire[i].port);
	mnl_attr_nest_end(nlh, nest);
	q_push(buf, nlh->nlmsg_len);
}

static uint32_t cfg_u32(const struct nlattr *a, uint32_t old)
{
	return a ? mnl_attr_get_u32(a) : old;
}

/* The beacon settings, checked as the uapi says; 0 or -errno. */
static int beacon_config_set(const struct nlattr **ct, struct cfg *c,
			     const char **msg)
{
	const struct nlattr *pa = ct[C2GUARD_CFG_A_BEACON_ALLOW_PORTS];
	uint32_t i, n;

	if (ct[C2GUARD_CFG_A_BEACON])
		c->beacon = mnl_attr_get_u8(ct[C2GUARD_CFG_A_BEACON]);
	if (ct[C2GUARD_CFG_A_BEACON_ACTION])
		c->beacon_action = mnl_attr_get_u8(ct[C2GUARD_CFG_A_BEACON_ACTION]);
	c->retry = cfg_u32(ct[C2GUARD_CFG_A_BEACON_RETRY], c->retry);
	c->idle = cfg_u32(ct[C2GUARD_CFG_A_BEACON_IDLE], c->idle);
	c->silence = cfg_u32(ct[C2GUARD_CFG_A_BEACON_SILENCE], c->silence);
	c->holddown = cfg_u32(ct[C2GUARD_CFG_A_BEACON_HOLDDOWN], c->holddown);
	c->window = cfg_u32(ct[C2GUARD_CFG_A_BEACON_WINDOW], c->window);
	c->min_gaps = cfg_u32(ct[C2GUARD_CFG_A_BEACON_MIN_GAPS], c->min_gaps);
	c->threshold = cfg_u32(ct[C2GUARD_CFG_A_BEACON_THRESHOLD], c->threshold);
	c->beacon_max = cfg_u32(ct[C2GUARD_CFG_A_BEACON_MAX], c->beacon_max);
	/* the policy saw to each setting's range; their relations: */
	if (c->silence <= c->retry) {
		*msg = "beacon silence must be above beacon retry";
		return -EINVAL;
	}
	if (c->window < c->min_gaps) {
		*msg = "beacon window below beacon min gaps";
		return -EINVAL;
	}
	if (!pa)
		return 0;
	n = mnl_attr_get_payload_len(pa) / 4;	/* at most 64: the policy */
	if (mnl_attr_get_payload_len(pa) % 4) {
		*msg = "beacon allow ports: bad length";
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		uint32_t v = ((const uint32_t *)mnl_attr_get_payload(pa))[i], j;

		if (!(v & 0xffff) || ((v >> 16) && (v >> 16) != 6 &&
				      (v >> 16) != 17)) {
			*msg = "beacon allow ports: bad port or protocol";
			return -EINVAL;
		}
		for (j = 0; j < i; j++) {
			if (c->ports[j] == v) {
				*msg = "beacon allow ports: duplicate entry";
				return -EINVAL;
			}
		}
		c->ports[i] = v;
	}
	c->n_ports = n;
	return 0;
}

#define DETECTOR_ACTION_MSG "allow is not an action for a detector (alert, drop, reject, mark or quarantine)"

/*
 * A detector's action is any but ALLOW (the policy's range holds it), and
 * host-action alert or quarantine: the module's checks and messages.
 */
static int actions_check(const struct nlattr **ct, const char **msg)
{
	static const uint16_t attrs[] = {
		C2GUARD_CFG_A_BEACON_ACTION, C2GUARD_CFG_A_DGA_ACTION,
		C2GUARD_CFG_A_NXDOMAIN_BURST_ACTION,
		C2GUARD_CFG_A_FAST_FLUX_ACTION,
		C2GUARD_CFG_A_PROTO_MISMATCH_ACTION, C2GUARD_CFG_A_IRC_ACTION,
	};
	const struct nlattr *h = ct[C2GUARD_CFG_A_HOST_ACTION];
	unsigned int i;

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		if (ct[attrs[i]] &&
		    mnl_attr_get_u8(ct[attrs[i]]) == C2GUARD_ACT_ALLOW) {
			bad_attr = ct[attrs[i]];
			*msg = DETECTOR_ACTION_MSG;
			return -EINVAL;
		}
	}
	if (h && mnl_attr_get_u8(h) != C2GUARD_ACT_ALERT &&
	    mnl_attr_get_u8(h) != C2GUARD_ACT_QUARANTINE) {
		bad_attr = h;
		*msg = "host-action is alert or quarantine";
		return -EINVAL;
	}
	return 0;
}

/*
 * proto-mismatch and irc: the port lists (arrays of u16, at most
 * C2GUARD_WIRE_PORTS_MAX, no 0, no port twice), as the module checks
 * them, with its messages; 0 or -errno.
 */
static int wire_config_set(const struct nlattr **ct, struct cfg *c,
			   const char **msg)
{
	unsigned int i, j, k, n;

	if (ct[C2GUARD_CFG_A_PROTO_MISMATCH])
		c->mismatch = mnl_attr_get_u8(ct[C2GUARD_CFG_A_PROTO_MISMATCH]);
	if (ct[C2GUARD_CFG_A_PROTO_MISMATCH_ACTION])
		c->mismatch_action =
			mnl_attr_get_u8(ct[C2GUARD_CFG_A_PROTO_MISMATCH_ACTION]);
	if (ct[C2GUARD_CFG_A_IRC])
		c->irc = mnl_attr_get_u8(ct[C2GUARD_CFG_A_IRC]);
	if (ct[C2GUARD_CFG_A_IRC_ACTION])
		c->irc_action = mnl_attr_get_u8(ct[C2GUARD_CFG_A_IRC_ACTION]);
	for (k = 0; k < 3; k++) {
		const struct nlattr *a = ct[wire_cfg[k].attr];
		const uint8_t *p;
		uint16_t v;

		if (!a)
			continue;
		bad_attr = a;
		n = mnl_attr_get_payload_len(a);
		if (n % 2 || n / 2 > C2GUARD_WIRE_PORTS_MAX) {
			*msg = "ports: an array of at most 16 u16";
			return -EINVAL;
		}
		n /= 2;
		p = mnl_attr_get_payload(a);
		for (i = 0; i < n; i++) {
			memcpy(&v, p + 2 * i, sizeof(v));
			if (!v) {
				*msg = "ports: port 0";
				return -EINVAL;
			}
			for (j = 0; j < i; j++) {
				if (c->wire[k].port[j] == v) {
					*msg = "ports: a port twice";
					return -EINVAL;
				}
			}
			c->wire[k].port[i] = v;
		}
		c->wire[k].n = (uint8_t)n;
		bad_attr = NULL;
	}
	return 0;
}

static int do_config_set(const struct nlmsghdr *req, const char **msg)
{
	const struct nlattr *tb[C2GUARD_A_MAX + 1];
	const struct nlattr *ct[C2GUARD_CFG_A_MAX + 1];
	struct cfg c = F.cfg;
	unsigned int i;
	int err;

	/* the policy saw to the types and ranges of the settings */
	if (parse_top(req, tb, C2GUARD_A_MAX) || !tb[C2GUARD_A_CONFIG] ||
	    parse_nest(tb[C2GUARD_A_CONFIG], ct, C2GUARD_CFG_A_MAX)) {
		*msg = "config attribute missing";
		return -EINVAL;
	}
	err = actions_check(ct, msg);
	if (!err)
		err = beacon_config_set(ct, &c, msg);
	if (!err)
		err = wire_config_set(ct, &c, msg);
	if (err)
		return err;
	for (i = 0; i < sizeof(dnsb_cfg) / sizeof(dnsb_cfg[0]); i++) {
		const struct nlattr *a = ct[dnsb_cfg[i].attr];

		if (a)
			c.dnsb[dnsb_cfg[i].attr - C2GUARD_CFG_A_DGA] =
				dnsb_cfg[i].u8 ? mnl_attr_get_u8(a) :
						 mnl_attr_get_u32(a);
	}
	c.mark_value = cfg_u32(ct[C2GUARD_CFG_A_MARK_VALUE], c.mark_value);
	c.mark_mask = cfg_u32(ct[C2GUARD_CFG_A_MARK_MASK], c.mark_mask);
	c.rate = cfg_u32(ct[C2GUARD_CFG_A_ALERT_RATE], c.rate);
	c.burst = cfg_u32(ct[C2GUARD_CFG_A_ALERT_BURST], c.burst);
	c.bind_ttl_min = cfg_u32(ct[C2GUARD_CFG_A_BIND_TTL_MIN], c.bind_ttl_min);
	c.bind_ttl_max = cfg_u32(ct[C2GUARD_CFG_A_BIND_TTL_MAX], c.bind_ttl_max);
	c.bind_max = cfg_u32(ct[C2GUARD_CFG_A_BIND_MAX], c.bind_max);
	if (ct[C2GUARD_CFG_A_DNS_PORT])
		c.dns_port = mnl_attr_get_u16(ct[C2GUARD_CFG_A_DNS_PORT]);
	if (ct[C2GUARD_CFG_A_DNS_RCODE])
		c.dns_rcode = mnl_attr_get_u8(ct[C2GUARD_CFG_A_DNS_RCODE]);
	if (!c.mark_mask || (c.mark_value & ~c.mark_mask)) {
		*msg = "mark value must lie inside a non-zero mark mask";
		return -EINVAL;
	}
	if (c.dns_rcode != 3 && c.dns_rcode != 5) {
		*msg = "DNS rcode must be 3 (NXDOMAIN) or 5 (REFUSED)";
		return -EINVAL;
	}
	if (c.bind_ttl_min > c.bind_ttl_max) {
		*msg = "bind TTL minimum above maximum";
		return -EINVAL;
	}
	F.cfg = c;
	return 0;
}

/*
 * The entry deciding about an exact address, as the module's packet path
 * finds it: the longest listed prefix holding it, else its binding.
 */
static const struct entry *addr_lookup(const struct entry *e,
				       const char **bound)
{
	unsigned int bits = e->family == 2 ? 32 : 128, len, i;
	const struct entry *t;
	struct bind *b;
	uint8_t a[16];

	for (len = bits + 1; len-- > 0;) {
		memcpy(a, e->addr, sizeof(a));
		for (i = len; i < bits; i++)
			a[i / 8] &= (uint8_t)~(0x80 >> (i % 8));
		t = tab_find(e->family, (uint8_t)len, a, false);
		if (t)
			return t;
	}
	b = binds_find(e->family, e->addr);
	if (b)
		*bound = b->name;
	return b ? &b->e : NULL;
}

/*
 * IND_TEST: which entry decides about an exact address, a name seen on
 * the wire, a ClientHello's JA4 or an HTTP request's URL; the reply
 * carries it as a dump does.
 */
static int do_test(const struct nlmsghdr *req, const char **msg)
{
	const struct nentry *n = NULL;
	const struct entry *e = NULL;
	const char *bound = NULL;
	struct nlmsghdr *nlh;
	struct req_ind ri;
	char buf[1024];
	int err;

	err = ind_from_req(req, &ri, false, msg);
	if (err)
		return err;
	if (!ri.is_ja4 && !ri.is_name &&
	    ri.e.len != (ri.e.family == 2 ? 32 : 128)) {
		*msg = "test an address, not a prefix: what would decide about it";
		return -EINVAL;
	}
	if (ri.is_url)
		n = urls_match(ri.n.name);
	else if (ri.is_ja4)
		n = ja4s_find(ri.n.name);
	else if (ri.is_name)
		n = names_match(ri.n.name);
	else
		e = addr_lookup(&ri.e, &bound);
	if (!n && !e) {
		*msg = "no indicator matches";
		return -ENOENT;
	}
	nlh = put_genl(buf, req, FAKE_FAMILY, 0, C2GUARD_CMD_IND_TEST);
	if (ri.is_ja4)
		put_ja4_ind(nlh, C2GUARD_A_IND, n, true, false);
	else if (n)
		put_name_ind(nlh, C2GUARD_A_IND, n, true, false);
	else
		put_addr_ind(nlh, C2GUARD_A_IND, e, bound, true, false);
	q_push(buf, nlh->nlmsg_len);
	return 0;
}

static void do_c2guard(const struct nlmsghdr *req)
{
	static int eperm = -1;
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(req);
	const char *msg = NULL;
	int err = 0;

	uint16_t flags = req->nlmsg_flags;

	if (mnl_nlmsg_get_payload_len(req) < GENL_HDRLEN) {
		send_ack(req, -EINVAL, "short message");
		return;
	}
	/* What genetlink does for strictly validated families. */
	if ((flags & NLM_F_DUMP) == NLM_F_DUMP)
		flags &= ~NLM_F_DUMP;
	if (flags & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO)) {
		send_ack(req, -EINVAL, "ambiguous or reserved bits set in nlmsg_flags");
		return;
	}
	if (eperm < 0)
		eperm = env_on("FAKENL_EPERM");
	if (eperm) {
		send_ack(req, -EPERM, NULL);
		return;
	}
	/* a command of the spec, asked as do or dump as it offers them */
	if (g->cmd <= C2GUARD_CMD_MAX &&
	    c2g_spec_ops[g->cmd].flags &
	    ((req->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP ? C2G_SPEC_DUMP :
							    C2G_SPEC_DO)) {
		err = policy_check(req, &msg);
		if (err) {
			send_ack(req, err, msg);
			return;
		}
	}
	switch (g->cmd) {
	case C2GUARD_CMD_STATUS_GET:
		do_status(req);
		break;
	case C2GUARD_CMD_IND_ADD:
		err = do_add(req, &msg);
		break;
	case C2GUARD_CMD_IND_DEL:
		err = do_del(req, &msg);
		break;
	case C2GUARD_CMD_IND_FLUSH:
		err = do_flush(req, &msg);
		break;
	case C2GUARD_CMD_IND_TEST:
		err = do_test(req, &msg);
		break;
	case C2GUARD_CMD_IND_GET:
		if (!(req->nlmsg_flags & NLM_F_DUMP)) {
			err = -EOPNOTSUPP;
			break;
		}
		do_dump(req);
		return;		/* dumps end with DONE, no ACK */
	case C2GUARD_CMD_CONFIG_GET:
		do_config_get(req);
		break;
	case C2GUARD_CMD_CONFIG_SET:
		err = do_config_set(req, &msg);
		break;
	case C2GUARD_CMD_BEACON_GET:
		if (!(req->nlmsg_flags & NLM_F_DUMP)) {
			err = -EOPNOTSUPP;
			break;
		}
		do_beacon_dump(req);
		return;
	case C2GUARD_CMD_BEACON_FLUSH:
		F.cfg.beacons_flushed = 1;
		break;
	case C2GUARD_CMD_FEED_GET:
	case C2GUARD_CMD_HOST_ALLOW_GET:
		if (!(req->nlmsg_flags & NLM_F_DUMP)) {
			err = -EOPNOTSUPP;
			break;
		}
		do_empty_dump(req);
		return;
	default:
		err = -EOPNOTSUPP;
		break;
	}
	if (err || (req->nlmsg_flags & NLM_F_ACK))
		send_ack(req, err, msg);
}

/* ---- alerts ---- */

struct fake_alert {
	uint64_t seq;
	uint8_t family, proto, dir, hook, action, reason;
	const void *saddr, *daddr;
	int sport, dport, iif;		/* -1: absent */
	const struct entry *ind;	/* an address indicator, or */
	const struct nentry *nind;	/* a name indicator, or */
	const struct nentry *jind;	/* a JA4 or URL indicator */
	const char *bound;		/* the name @ind is bound to */
	const char *name;		/* the name seen on the wire */
	int saddr_len;			/* non-zero: malformed SADDR */
	const struct fake_chan *chan;	/* a beacon alert's channel */
	bool proc;			/* a local flow: the sending process */
	int host;			/* host-risk: 1 the host, 2 malformed */
	int dns;			/* DNS behaviour: its evidence */
	const char *ja4, *ja3;		/* the ClientHello's fingerprints */
	const char *url;		/* http-url: what was asked for */
	const char *expected, *seen;	/* proto-mismatch, irc */
	const char *nick, *channel;	/* irc */
	bool irc_port;			/* irc: to one of the IRC ports */
};

/* The evidence of a DNS behaviour alert of @reason. */
static void put_dnsev(struct nlmsghdr *nlh, uint8_t reason)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, C2GUARD_ALERT_A_DNS);

	mnl_attr_put_u32(nlh, C2GUARD_DNS_A_WINDOW, 41000);
	switch (reason) {
	case C2GUARD_REASON_DGA:
		mnl_attr_put_u32(nlh, C2GUARD_DNS_A_NAMES, 6);
		mnl_attr_put_u32(nlh, C2GUARD_DNS_A_POINTS, 9);
		mnl_attr_put_u32(nlh, C2GUARD_DNS_A_ANSWERED, 1);
		mnl_attr_put_u32(nlh, C2GUARD_DNS_A_NXDOMAIN, 5);
		mnl_attr_put_u32(nlh, C2GUARD_DNS_A_DYNDNS, 0);
		mnl_attr_put_u8(nlh, C2GUARD_DNS_A_SCORE, 97);
		mnl_attr_put_strz(nlh, C2GUARD_DNS_A_PARENT, "com");
		mnl_attr_put_strz(nlh, C2GUARD_DNS_A_PARENT, "n\x1b" "et");
		break;
	case C2GUARD_REASON_NXDOMAIN_BURST:
		mnl_attr_put_u32(nlh, C2GUARD_DNS_A_NAMES, 30);
		mnl_attr_put_u32(nlh, C2GUARD_DNS_A_NXDOMAIN, 30);
		mnl_attr_put_strz(nlh, C2GUARD_DNS_A_PARENT, "example");
		break;
	case C2GUARD_REASON_FAST_FLUX:
		mnl_attr_put_u32(nlh, C2GUARD_DNS_A_ADDRS, 37);
		mnl_attr_put_u32(nlh, C2GUARD_DNS_A_NETS, 21);
		mnl_attr_put_u32(nlh, C2GUARD_DNS_A_ANSWERS, 6);
		mnl_attr_put_u32(nlh, C2GUARD_DNS_A_ROTATIONS, 5);
		mnl_attr_put_u32(nlh, C2GUARD_DNS_A_TTL_MIN, 60);
		mnl_attr_put_u32(nlh, C2GUARD_DNS_A_PER_ANSWER, 8);
		break;
	}
	mnl_attr_nest_end(nlh, nest);
}

/* One piece of evidence (or, without @first, a count) in a host nest. */
static void put_ev(struct nlmsghdr *nlh, uint16_t type, uint8_t kind,
		   uint8_t reason, const uint8_t *a4, uint16_t port,
		   const char *name, const char *tag, uint32_t value,
		   uint32_t weight, uint32_t count, uint64_t first)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);

	mnl_attr_put_u8(nlh, C2GUARD_EV_A_KIND, kind);
	if (reason)
		mnl_attr_put_u8(nlh, C2GUARD_EV_A_REASON, reason);
	if (a4) {
		mnl_attr_put_u8(nlh, C2GUARD_EV_A_FAMILY, 2);
		mnl_attr_put(nlh, C2GUARD_EV_A_ADDR, 4, a4);
	}
	if (port) {
		mnl_attr_put_u8(nlh, C2GUARD_EV_A_PROTO, 6);
		mnl_attr_put_u16(nlh, C2GUARD_EV_A_PORT, port);
	}
	if (name)
		mnl_attr_put_strz(nlh, C2GUARD_EV_A_NAME, name);
	if (tag)
		mnl_attr_put_strz(nlh, C2GUARD_EV_A_TAG, tag);
	if (value)
		mnl_attr_put_u32(nlh, C2GUARD_EV_A_VALUE, value);
	if (count != UINT32_MAX)
		mnl_attr_put_u32(nlh, C2GUARD_EV_A_COUNT, count);
	if (first) {
		mnl_attr_put_u32(nlh, C2GUARD_EV_A_WEIGHT, weight);
		mnl_attr_put_u64(nlh, C2GUARD_EV_A_FIRST, first);
		mnl_attr_put_u64(nlh, C2GUARD_EV_A_LAST, first + 1000000000);
	}
	mnl_attr_nest_end(nlh, nest);
}

/* A host-risk alert's host: three pieces, a hostile name and tag. */
static void put_host(struct nlmsghdr *nlh, const void *addr, bool malformed)
{
	static const uint8_t w4[4] = { 10, 0, 2, 3 }, b4[4] = { 10, 0, 2, 2 };
	const uint64_t t = 1795305500000000000ULL;
	struct nlattr *nest = mnl_attr_nest_start(nlh, C2GUARD_ALERT_A_HOST);

	mnl_attr_put_u8(nlh, C2GUARD_HOST_A_FAMILY, 2);
	mnl_attr_put(nlh, C2GUARD_HOST_A_ADDR, 4, addr);
	mnl_attr_put_u64(nlh, C2GUARD_HOST_A_FIRST, t);
	mnl_attr_put_u64(nlh, C2GUARD_HOST_A_LAST, t + 30000000000ULL);
	mnl_attr_put_u32(nlh, C2GUARD_HOST_A_RISK, 105);
	mnl_attr_put_u32(nlh, C2GUARD_HOST_A_RISK_ALERTS, 1);
	put_ev(nlh, C2GUARD_HOST_A_COUNT, C2GUARD_EV_ALERT,
	       C2GUARD_REASON_IP, NULL, 0, NULL, NULL, 0, 0, 2, 0);
	put_ev(nlh, C2GUARD_HOST_A_COUNT, C2GUARD_EV_BEACON_NEAR, 0, NULL, 0,
	       NULL, NULL, 0, 0, 1, 0);
	put_ev(nlh, C2GUARD_HOST_A_COUNT, C2GUARD_EV_DYNDNS, 0, NULL, 0,
	       NULL, NULL, 0, 0, 3, 0);
	put_ev(nlh, C2GUARD_HOST_A_EVIDENCE, C2GUARD_EV_ALERT,
	       C2GUARD_REASON_IP, w4, 0, NULL, "we\"ak\x1b[2J", 0, 40, 2, t);
	put_ev(nlh, C2GUARD_HOST_A_EVIDENCE, C2GUARD_EV_BEACON_NEAR, 0, b4,
	       8080, NULL, NULL, 75, 35, 1, t + 10000000000ULL);
	/* malformed: a piece without its count */
	put_ev(nlh, C2GUARD_HOST_A_EVIDENCE, C2GUARD_EV_DYNDNS, 0, NULL, 0,
	       "c2\x07x.duckdns.org", NULL, 0, 30,
	       malformed ? UINT32_MAX : 3, t + 20000000000ULL);
	mnl_attr_nest_end(nlh, nest);
}

static void put_alert(const struct fake_alert *a)
{
	char buf[4096];
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	size_t alen = a->family == 2 ? 4 : 16;

	nlh = put_genl(buf, NULL, FAKE_FAMILY, 0, C2GUARD_CMD_ALERT);
	nest = mnl_attr_nest_start(nlh, C2GUARD_A_ALERT);
	mnl_attr_put_u64(nlh, C2GUARD_ALERT_A_SEQ, a->seq);
	mnl_attr_put_u64(nlh, C2GUARD_ALERT_A_TIME, 1795305541123456789ULL);
	mnl_attr_put_u32(nlh, C2GUARD_ALERT_A_NETNS, 4026531840U);
	mnl_attr_put_u8(nlh, C2GUARD_ALERT_A_FAMILY, a->family);
	mnl_attr_put_u8(nlh, C2GUARD_ALERT_A_PROTO, a->proto);
	mnl_attr_put(nlh, C2GUARD_ALERT_A_SADDR,
		     a->saddr_len ? (size_t)a->saddr_len : alen, a->saddr);
	mnl_attr_put(nlh, C2GUARD_ALERT_A_DADDR, alen, a->daddr);
	if (a->sport >= 0)
		mnl_attr_put_u16(nlh, C2GUARD_ALERT_A_SPORT, (uint16_t)a->sport);
	if (a->dport >= 0)
		mnl_attr_put_u16(nlh, C2GUARD_ALERT_A_DPORT, (uint16_t)a->dport);
	if (a->dir)	/* absent on a beacon alert */
		mnl_attr_put_u8(nlh, C2GUARD_ALERT_A_DIR, a->dir);
	mnl_attr_put_u8(nlh, C2GUARD_ALERT_A_HOOK, a->hook);
	if (a->iif >= 0)
		mnl_attr_put_u32(nlh, C2GUARD_ALERT_A_IIF, (uint32_t)a->iif);
	if (a->jind)
		put_ja4_ind(nlh, C2GUARD_ALERT_A_IND, a->jind, false, false);
	else if (a->nind)
		put_name_ind(nlh, C2GUARD_ALERT_A_IND, a->nind, false, false);
	else if (a->ind)
		put_addr_ind(nlh, C2GUARD_ALERT_A_IND, a->ind, a->bound, false,
			     false);
	mnl_attr_put_u8(nlh, C2GUARD_ALERT_A_ACTION, a->action);
	mnl_attr_put_u8(nlh, C2GUARD_ALERT_A_REASON, a->reason);
	mnl_attr_put_u32(nlh, C2GUARD_ALERT_A_SUPPRESSED, (uint32_t)a->seq % 3);
	if (a->name)
		mnl_attr_put_strz(nlh, C2GUARD_ALERT_A_NAME, a->name);
	if (a->ja4)
		mnl_attr_put_strz(nlh, C2GUARD_ALERT_A_JA4, a->ja4);
	if (a->ja3)
		mnl_attr_put_strz(nlh, C2GUARD_ALERT_A_JA3, a->ja3);
	if (a->url)
		mnl_attr_put_strz(nlh, C2GUARD_ALERT_A_URL, a->url);
	if (a->expected)
		mnl_attr_put_strz(nlh, C2GUARD_ALERT_A_PROTO_EXPECTED,
				  a->expected);
	if (a->seen)
		mnl_attr_put_strz(nlh, C2GUARD_ALERT_A_PROTO_SEEN, a->seen);
	if (a->nick)
		mnl_attr_put_strz(nlh, C2GUARD_ALERT_A_IRC_NICK, a->nick);
	if (a->channel)
		mnl_attr_put_strz(nlh, C2GUARD_ALERT_A_IRC_CHANNEL, a->channel);
	if (a->irc_port)
		mnl_attr_put(nlh, C2GUARD_ALERT_A_IRC_PORT, 0, NULL);
	if (a->chan)
		put_chan(nlh, C2GUARD_ALERT_A_BEACON, a->chan);
	if (a->host)
		put_host(nlh, a->saddr, a->host == 2);
	if (a->dns)
		put_dnsev(nlh, a->reason);
	if (a->proc) {	/* a hostile command name; a cgroup nobody has */
		mnl_attr_put_u32(nlh, C2GUARD_ALERT_A_UID, 1000);
		mnl_attr_put_u64(nlh, C2GUARD_ALERT_A_CGROUP, 0x7fffffff12345ULL);
		mnl_attr_put_u32(nlh, C2GUARD_ALERT_A_PID, 4242);
		mnl_attr_put_strz(nlh, C2GUARD_ALERT_A_COMM, "cu\x1b[2Jrl\n");
		mnl_attr_put_u32(nlh, C2GUARD_ALERT_A_GID, 100);
	}
	mnl_attr_nest_end(nlh, nest);
	q_push(buf, nlh->nlmsg_len);
}

static const uint8_t s4[4] = { 10, 0, 1, 2 }, d4[4] = { 198, 51, 100, 7 };

static void queue_alerts(void)
{
	static const uint8_t s6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const uint8_t d6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
					0, 0, 0, 0, 0, 0, 0, 0x53 };
	struct entry i4 = { .family = 2, .len = 32, .action = 2, .tag = "feed1" };
	struct entry i6 = { .family = 10, .len = 32, .action = 1,
			    .tag = "we\"ird \xc3\xa9\x01\xff" };

	memcpy(i4.addr, d4, 4);
	memcpy(i6.addr, d6, 4);
	put_alert(&(struct fake_alert){ .seq = 7, .family = 2, .proto = 6,
		.saddr = s4, .daddr = d4, .sport = 40000, .dport = 443,
		.dir = 1, .hook = 0, .iif = 3, .ind = &i4, .action = 2,
		.reason = 1 });
	put_alert(&(struct fake_alert){ .seq = 8, .family = 10, .proto = 17,
		.saddr = d6, .daddr = s6, .sport = 53, .dport = 5353, .dir = 2,
		.hook = 3, .iif = -1, .ind = &i6, .action = 1, .reason = 1,
		.proc = true });
	/* gap: 9 and 10 lost */
	put_alert(&(struct fake_alert){ .seq = 11, .family = 2, .proto = 1,
		.saddr = s4, .daddr = d4, .sport = -1, .dport = -1, .dir = 1,
		.hook = 1, .iif = 2, .ind = &i4, .action = 9, .reason = 0 });
	/* malformed: SADDR of 5 bytes */
	put_alert(&(struct fake_alert){ .seq = 12, .family = 2, .proto = 6,
		.saddr = s4, .daddr = d4, .sport = 1, .dport = 2, .dir = 1,
		.hook = 0, .iif = 3, .ind = &i4, .action = 2, .reason = 1,
		.saddr_len = 5 });
	put_alert(&(struct fake_alert){ .seq = 13, .family = 2, .proto = 47,
		.saddr = s4, .daddr = d4, .sport = -1, .dport = -1, .dir = 1,
		.hook = 0, .iif = 3, .ind = &i4, .action = 4, .reason = 1 });
	/* a receive buffer overrun here, then a jump */
	q_push(NULL, 0);
	put_alert(&(struct fake_alert){ .seq = 20, .family = 2, .proto = 132,
		.saddr = s4, .daddr = d4, .sport = 1000, .dport = 2000,
		.dir = 1, .hook = 0, .iif = 3, .ind = &i4, .action = 3,
		.reason = 1 });
}

/* Alerts of name indicators: each reason, a bound address, odd names. */
static void queue_name_alerts(void)
{
	static const uint8_t dns[4] = { 192, 0, 2, 53 };
	static const uint8_t web[4] = { 203, 0, 113, 9 };
	struct nentry sfx = { .suffix = 1, .action = C2GUARD_ACT_REJECT,
			      .name = "evil.example", .tag = "feed2" };
	struct nentry exact = { .action = C2GUARD_ACT_DROP,
				.name = "c2.example.net", .tag = "sni" };
	struct entry bound = { .family = 2, .len = 32,
			       .action = C2GUARD_ACT_DROP, .tag = "feed2" };

	memcpy(bound.addr, web, 4);
	put_alert(&(struct fake_alert){ .seq = 1, .family = 2, .proto = 17,
		.saddr = s4, .daddr = dns, .sport = 5353, .dport = 53,
		.dir = 1, .hook = 0, .iif = 3, .nind = &sfx,
		.action = C2GUARD_ACT_REJECT,
		.reason = C2GUARD_REASON_DNS_QUERY, .name = "a.b.evil.example" });
	put_alert(&(struct fake_alert){ .seq = 2, .family = 2, .proto = 6,
		.saddr = s4, .daddr = web, .sport = 40001, .dport = 443,
		.dir = 1, .hook = 0, .iif = 3, .nind = &exact,
		.action = C2GUARD_ACT_DROP, .reason = C2GUARD_REASON_TLS_SNI,
		.name = "c2.example.net",
		.ja4 = "t13d3112h2_e8f1e7e78f70_b26ce05bbdd6",
		.ja3 = "0149f47eabf9a20d0893e2a44e5a6323" });
	put_alert(&(struct fake_alert){ .seq = 3, .family = 2, .proto = 6,
		.saddr = s4, .daddr = web, .sport = 40002, .dport = 8443,
		.dir = 1, .hook = 0, .iif = 3, .ind = &bound,
		.bound = "c2.evil.example", .action = C2GUARD_ACT_DROP,
		.reason = C2GUARD_REASON_DNS_ANSWER, .name = "c2.evil.example" });
	/* what a Host header may hold once normalised */
	put_alert(&(struct fake_alert){ .seq = 4, .family = 2, .proto = 6,
		.saddr = s4, .daddr = web, .sport = 40003, .dport = 80,
		.dir = 1, .hook = 0, .iif = 3, .nind = &sfx,
		.action = C2GUARD_ACT_ALERT, .reason = C2GUARD_REASON_HTTP_HOST,
		.name = "we\"i\\rd?#x.evil.example" });
	put_alert(&(struct fake_alert){ .seq = 5, .family = 2, .proto = 6,
		.saddr = s4, .daddr = web, .sport = 40003, .dport = 80,
		.dir = 1, .hook = 0, .iif = 3, .nind = &sfx,
		.action = C2GUARD_ACT_ALERT, .reason = 77,
		.name = "x.evil.example" });
	put_alert(&(struct fake_alert){ .seq = 6, .family = 2, .proto = 17,
		.saddr = s4, .daddr = web, .sport = 40004, .dport = 443,
		.dir = 1, .hook = 0, .iif = 3, .nind = &exact,
		.action = C2GUARD_ACT_DROP, .reason = C2GUARD_REASON_QUIC_SNI,
		.name = "c2.example.net",
		.ja4 = "q13d0310h3_55b375c5d22e_cd85d2d88918",
		.ja3 = "e4d448cdfe06dc1243c1eb026c74ac9a" });
}

/* Beacon alerts: no indicator; an address channel and a name channel. */
static void queue_beacon_alerts(void)
{
	put_alert(&(struct fake_alert){ .seq = 30, .family = 2, .proto = 6,
		.saddr = h1, .daddr = c2a, .sport = 40100, .dport = 443,
		.hook = 0, .iif = 3,
		.action = C2GUARD_ACT_DROP, .reason = C2GUARD_REASON_BEACON,
		.chan = &fake_chans[1] });
	put_alert(&(struct fake_alert){ .seq = 31, .family = 2, .proto = 6,
		.saddr = h1, .daddr = c2b, .sport = 40101, .dport = 443,
		.hook = 0, .iif = 3,
		.action = C2GUARD_ACT_ALERT, .reason = C2GUARD_REASON_BEACON,
		.name = "c2.evil.example", .chan = &fake_chans[3] });
}

static void queue_host_alerts(void)
{
	static const uint8_t dns4[4] = { 10, 0, 2, 53 };

	put_alert(&(struct fake_alert){ .seq = 40, .family = 2, .proto = 17,
		.saddr = h1, .daddr = dns4, .sport = 43004, .dport = 53,
		.hook = 0, .iif = 3, .action = C2GUARD_ACT_ALERT,
		.reason = C2GUARD_REASON_HOST_RISK, .host = 2 });
	put_alert(&(struct fake_alert){ .seq = 41, .family = 2, .proto = 17,
		.saddr = h1, .daddr = dns4, .sport = 43003, .dport = 53,
		.hook = 0, .iif = 3, .action = C2GUARD_ACT_QUARANTINE,
		.reason = C2GUARD_REASON_HOST_RISK, .host = 1 });
}

/* One alert of each DNS behaviour reason, from one host's DNS flow. */
static void queue_dns_alerts(void)
{
	static const uint8_t dns4[4] = { 10, 0, 2, 53 };
	struct entry sink = { .family = 2, .len = 32,
			      .action = C2GUARD_ACT_ALERT, .tag = "sinkhole" };

	memcpy(sink.addr, (uint8_t[4]){ 192, 0, 2, 66 }, 4);
	put_alert(&(struct fake_alert){ .seq = 50, .family = 2, .proto = 17,
		.saddr = h1, .daddr = dns4, .sport = 43100, .dport = 53,
		.hook = 0, .iif = 3, .action = C2GUARD_ACT_REJECT,
		.reason = C2GUARD_REASON_DGA, .name = "xkq7\"vbz\x1bw2.com",
		.dns = 1 });
	put_alert(&(struct fake_alert){ .seq = 51, .family = 2, .proto = 17,
		.saddr = h1, .daddr = dns4, .sport = 43101, .dport = 53,
		.hook = 0, .iif = 3, .action = C2GUARD_ACT_ALERT,
		.reason = C2GUARD_REASON_NXDOMAIN_BURST, .name = "a30.example",
		.dns = 1 });
	/* the answer's flow: the resolver to the host */
	put_alert(&(struct fake_alert){ .seq = 52, .family = 2, .proto = 17,
		.saddr = dns4, .daddr = h1, .sport = 53, .dport = 43102,
		.hook = 0, .iif = 4, .action = C2GUARD_ACT_DROP,
		.reason = C2GUARD_REASON_FAST_FLUX, .name = "flux.example",
		.dns = 1 });
	put_alert(&(struct fake_alert){ .seq = 53, .family = 2, .proto = 17,
		.saddr = h1, .daddr = dns4, .sport = 43102, .dport = 53,
		.hook = 0, .iif = 3, .ind = &sink, .action = C2GUARD_ACT_QUARANTINE,
		.reason = C2GUARD_REASON_SINKHOLE, .name = "taken-down.example" });
}

/*
 * Alerts of JA4 indicators: a TLS ClientHello with a server name, a QUIC
 * one without; their numbers follow the DNS alerts' (no gap between).
 */
static void queue_ja4_alerts(void)
{
	static const uint8_t web[4] = { 203, 0, 113, 9 };
	struct nentry tls = { .action = C2GUARD_ACT_DROP,
			      .name = "t13d1516h2_8daaf6152771_e5627efa2ab1",
			      .tag = "ja4feed" };
	struct nentry quic = { .action = C2GUARD_ACT_ALERT,
			       .name = "q13d0310h3_55b375c5d22e_cd85d2d88918",
			       .tag = "" };

	put_alert(&(struct fake_alert){ .seq = 54, .family = 2, .proto = 6,
		.saddr = s4, .daddr = web, .sport = 40200, .dport = 443,
		.dir = 1, .hook = 0, .iif = 3, .jind = &tls,
		.action = C2GUARD_ACT_DROP, .reason = C2GUARD_REASON_JA4,
		.name = "c2.example.net",
		.ja4 = "t13d1516h2_8daaf6152771_e5627efa2ab1",
		.ja3 = "cd08e31494f9531f560d64c695473da9" });
	put_alert(&(struct fake_alert){ .seq = 55, .family = 2, .proto = 17,
		.saddr = s4, .daddr = web, .sport = 40201, .dport = 443,
		.dir = 1, .hook = 0, .iif = 3, .jind = &quic,
		.action = C2GUARD_ACT_ALERT, .reason = C2GUARD_REASON_JA4,
		.ja4 = "q13d0310h3_55b375c5d22e_cd85d2d88918",
		.ja3 = "e4d448cdfe06dc1243c1eb026c74ac9a" });
}

/*
 * Alerts of the first-payload detectors (no indicator, no name): random
 * bytes to a TLS port, an SSH banner to an HTTP port, a DNS response sent
 * to the DNS port; IRC registrations to an IRC port, to a TLS port (a
 * nick and channel no module sends: control characters, quotes, a
 * backslash, a blank) and over IPv6 without a JOIN.  Their numbers follow
 * the JA4 alerts' (no gap between).
 */
static void queue_wire_alerts(void)
{
	static const uint8_t web[4] = { 203, 0, 113, 9 };
	static const uint8_t dns[4] = { 192, 0, 2, 53 };

	put_alert(&(struct fake_alert){ .seq = 56, .family = 2, .proto = 6,
		.saddr = s4, .daddr = web, .sport = 40300, .dport = 443,
		.hook = 0, .iif = 3, .action = C2GUARD_ACT_DROP,
		.reason = C2GUARD_REASON_PROTO_MISMATCH, .expected = "tls",
		.seen = "unknown" });
	put_alert(&(struct fake_alert){ .seq = 57, .family = 2, .proto = 6,
		.saddr = s4, .daddr = web, .sport = 40301, .dport = 80,
		.hook = 0, .iif = 3, .action = C2GUARD_ACT_ALERT,
		.reason = C2GUARD_REASON_PROTO_MISMATCH, .expected = "http",
		.seen = "ssh" });
	put_alert(&(struct fake_alert){ .seq = 58, .family = 2, .proto = 17,
		.saddr = s4, .daddr = dns, .sport = 40302, .dport = 53,
		.hook = 0, .iif = 3, .action = C2GUARD_ACT_ALERT,
		.reason = C2GUARD_REASON_PROTO_MISMATCH, .expected = "dns",
		.seen = "dns-response" });
	put_alert(&(struct fake_alert){ .seq = 59, .family = 2, .proto = 6,
		.saddr = s4, .daddr = web, .sport = 40303, .dport = 6667,
		.hook = 0, .iif = 3, .action = C2GUARD_ACT_ALERT,
		.reason = C2GUARD_REASON_IRC, .seen = "irc", .nick = "bot4242",
		.channel = "#c2chan", .irc_port = true });
	put_alert(&(struct fake_alert){ .seq = 60, .family = 2, .proto = 6,
		.saddr = s4, .daddr = web, .sport = 40304, .dport = 443,
		.hook = 0, .iif = 3, .action = C2GUARD_ACT_REJECT,
		.reason = C2GUARD_REASON_IRC, .seen = "irc",
		.nick = "b\x1b[2Jo\"t\\", .channel = "#c2\x07\n#x y" });
	put_alert(&(struct fake_alert){ .seq = 61, .family = 10, .proto = 6,
		.saddr = h6, .daddr = c26, .sport = 40305, .dport = 7000,
		.hook = 0, .iif = 3, .action = C2GUARD_ACT_ALERT,
		.reason = C2GUARD_REASON_IRC, .seen = "irc",
		.nick = "zombie-7", .irc_port = true });
}

/*
 * Alerts of URL indicators: a request under a listed path (IPv4, with a
 * query) and one for a listed path exactly whose URL no module sends (an
 * escape, quotes, a backslash: bytes a request target may hold; IPv6).
 * Their numbers follow the first-payload alerts' (no gap between).
 */
static void queue_url_alerts(void)
{
	struct nentry gate = { .action = C2GUARD_ACT_DROP,
			       .name = "dl.evil.example/gate", .tag = "urlhaus" };
	struct nentry root = { .action = C2GUARD_ACT_ALERT,
			       .name = "c2.example/", .tag = "" };

	put_alert(&(struct fake_alert){ .seq = 62, .family = 2, .proto = 6,
		.saddr = s4, .daddr = d4, .sport = 40400, .dport = 80,
		.dir = 1, .hook = 0, .iif = 3, .jind = &gate,
		.action = C2GUARD_ACT_DROP, .reason = C2GUARD_REASON_HTTP_URL,
		.name = "dl.evil.example",
		.url = "dl.evil.example/gate/x.php?id=1&k=2" });
	put_alert(&(struct fake_alert){ .seq = 63, .family = 10, .proto = 6,
		.saddr = h6, .daddr = c26, .sport = 40401, .dport = 8080,
		.dir = 1, .hook = 0, .iif = 3, .jind = &root,
		.action = C2GUARD_ACT_ALERT, .reason = C2GUARD_REASON_HTTP_URL,
		.name = "c2.example",
		.url = "c2.example/\x1b[2J\"q\\'" });
}

/* What nlctrl multicasts when the module is unloaded. */
static void queue_delfamily(void)
{
	char buf[256];
	struct nlmsghdr *nlh;

	nlh = put_genl(buf, NULL, GENL_ID_CTRL, 0, CTRL_CMD_DELFAMILY);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, FAKE_FAMILY);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, C2GUARD_GENL_NAME);
	q_push(buf, nlh->nlmsg_len);
}

/* ---- intercepted libc calls ---- */

static bool is_fake(int fd)
{
	return F.on && fd == F.fd;
}

int socket(int domain, int type, int protocol)
{
	int p[2];

	if (!real_socket)
		real_socket = dlsym(RTLD_NEXT, "socket");
	if (domain != AF_NETLINK || protocol != NETLINK_GENERIC ||
	    !env_on("FAKENL"))
		return real_socket(domain, type, protocol);
	if (F.on)
		fake_die("only one fake socket at a time");
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	memset(&F, 0, sizeof(F));
	F.on = true;
	F.fd = p[0];
	F.wfd = p[1];
	F.portid = (uint32_t)getpid();
	F.sndbuf = F.rcvbuf = RMEM_MAX;
	F.rng = env_num("FAKENL_GARBAGE", 0);
	state_load();
	return F.fd;
}

int close(int fd)
{
	if (!real_close)
		real_close = dlsym(RTLD_NEXT, "close");
	if (is_fake(fd)) {
		struct qmsg *m;

		while ((m = q_pop()))
			free(m);
		/* the state lives in FAKENL_STATE, saved after each request */
		free(F.tab);
		free(F.names);
		free(F.binds);
		free(F.ja4s);
		real_close(F.wfd);
		F.on = false;
		F.fd = -1;
	}
	return real_close(fd);
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	static int (*real)(int, const struct sockaddr *, socklen_t);

	if (!real)
		real = dlsym(RTLD_NEXT, "bind");
	if (!is_fake(fd))
		return real(fd, addr, len);
	return 0;
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	static int (*real)(int, struct sockaddr *, socklen_t *);
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK };

	if (!real)
		real = dlsym(RTLD_NEXT, "getsockname");
	if (!is_fake(fd))
		return real(fd, addr, len);
	nl.nl_pid = F.portid;
	memcpy(addr, &nl, *len < sizeof(nl) ? *len : sizeof(nl));
	*len = sizeof(nl);
	return 0;
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	static int (*real)(int, int, int, const void *, socklen_t);
	int v = len >= sizeof(int) ? *(const int *)val : 0;

	if (!real)
		real = dlsym(RTLD_NEXT, "setsockopt");
	if (!is_fake(fd))
		return real(fd, level, name, val, len);
	if (level == SOL_NETLINK) {
		switch (name) {
		case NETLINK_EXT_ACK:
			F.ext_ack = v;
			return 0;
		case NETLINK_CAP_ACK:
			F.cap_ack = v;
			return 0;
		case NETLINK_ADD_MEMBERSHIP:
			if (v == FAKE_CTRL_GROUP)
				return 0;
			if (v != FAKE_GROUP) {
				errno = EINVAL;
				return -1;
			}
			if (env_on("FAKENL_EPERM")) {
				errno = EPERM;
				return -1;
			}
			if (env_on("FAKENL_ALERTS"))
				queue_alerts();
			if (env_on("FAKENL_NAME_ALERTS"))
				queue_name_alerts();
			if (env_on("FAKENL_BEACON_ALERTS"))
				queue_beacon_alerts();
			if (env_on("FAKENL_HOST_ALERTS"))
				queue_host_alerts();
			if (env_on("FAKENL_DNS_ALERTS"))
				queue_dns_alerts();
			if (env_on("FAKENL_JA4_ALERTS"))
				queue_ja4_alerts();
			if (env_on("FAKENL_WIRE_ALERTS"))
				queue_wire_alerts();
			if (env_on("FAKENL_URL_ALERTS"))
				queue_url_alerts();
			if (env_on("FAKENL_UNLOAD"))
				queue_delfamily();
			return 0;
		}
	} else if (level == SOL_SOCKET) {
		bool force = name == SO_SNDBUFFORCE || name == SO_RCVBUFFORCE;

		if (force && env_on("FAKENL_NO_FORCE")) {
			errno = EPERM;
			return -1;
		}
		if (!force && v > RMEM_MAX)
			v = RMEM_MAX;
		switch (name) {
		case SO_SNDBUF:
		case SO_SNDBUFFORCE:
			F.sndbuf = 2 * v;
			return 0;
		case SO_RCVBUF:
		case SO_RCVBUFFORCE:
			F.rcvbuf = 2 * v;
			return 0;
		}
	}
	errno = ENOPROTOOPT;
	return -1;
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	static int (*real)(int, int, int, void *, socklen_t *);

	if (!real)
		real = dlsym(RTLD_NEXT, "getsockopt");
	if (!is_fake(fd))
		return real(fd, level, name, val, len);
	if (level == SOL_SOCKET && (name == SO_SNDBUF || name == SO_RCVBUF) &&
	    *len >= sizeof(int)) {
		*(int *)val = name == SO_SNDBUF ? F.sndbuf : F.rcvbuf;
		*len = sizeof(int);
		return 0;
	}
	errno = ENOPROTOOPT;
	return -1;
}

static void kernel_input(const void *buf, size_t len)
{
	static int stray = -1;
	const struct nlmsghdr *nlh = buf;
	int n = (int)len;
	bool dirty = false;

	for (; mnl_nlmsg_ok(nlh, n); nlh = mnl_nlmsg_next(nlh, &n)) {
		if (!(nlh->nlmsg_flags & NLM_F_REQUEST))
			continue;
		if (nlh->nlmsg_type == GENL_ID_CTRL) {
			do_ctrl(nlh);
		} else if (nlh->nlmsg_type == FAKE_FAMILY) {
			if (stray < 0)
				stray = env_on("FAKENL_STRAY");
			if (stray) {
				struct nlmsghdr fake_req = *nlh;

				fake_req.nlmsg_seq++;
				send_ack(&fake_req, -EIO, "stray");
			}
			do_c2guard(nlh);
			dirty = true;
		} else {
			send_ack(nlh, -EOPNOTSUPP, NULL);
		}
	}
	if (dirty)
		state_save();
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags,
	       const struct sockaddr *addr, socklen_t alen)
{
	static ssize_t (*real)(int, const void *, size_t, int,
			       const struct sockaddr *, socklen_t);

	if (!real)
		real = dlsym(RTLD_NEXT, "sendto");
	if (!is_fake(fd))
		return real(fd, buf, len, flags, addr, alen);
	if (len > (size_t)F.sndbuf - 32) {
		errno = EMSGSIZE;
		return -1;
	}
	kernel_input(buf, len);
	return (ssize_t)len;
}

/* Python's socket.send() and recv() (nl_fuzz.py runs against the fake). */
ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return sendto(fd, buf, len, flags, NULL, 0);
}

/* In garbage mode a wait for a reply that will never come times out at once. */
int poll(struct pollfd *fds, nfds_t n, int timeout)
{
	static int (*real)(struct pollfd *, nfds_t, int);

	if (!real)
		real = dlsym(RTLD_NEXT, "poll");
	if (n == 1 && is_fake(fds[0].fd) && F.rng && !F.head && !F.enobufs)
		return 0;
	/* a socket is always writable; the pipe's read end never is */
	if (n == 1 && is_fake(fds[0].fd) && (fds[0].events & POLLOUT)) {
		fds[0].revents = POLLOUT | (F.head ? POLLIN : 0);
		return 1;
	}
	return real(fds, n, timeout);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	static ssize_t (*real)(int, struct msghdr *, int);
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK };
	struct qmsg *m;
	size_t n;

	if (!real)
		real = dlsym(RTLD_NEXT, "recvmsg");
	if (!is_fake(fd))
		return real(fd, msg, flags);
	if (F.enobufs) {
		F.enobufs = false;
		errno = ENOBUFS;
		return -1;
	}
	if (!F.head) {
		struct pollfd p = { .fd = F.fd, .events = POLLIN };

		if (flags & MSG_DONTWAIT) {
			errno = EAGAIN;
			return -1;
		}
		/* Nothing will ever arrive: a client bug (or garbage mode). */
		if (F.rng) {
			errno = EIO;
			return -1;
		}
		poll(&p, 1, 5000);
		fake_die("recvmsg() would block forever");
	}
	m = q_pop();
	if (!m->len && !F.rng) {
		/* the marker queued by queue_alerts(): an overrun here */
		free(m);
		errno = ENOBUFS;
		return -1;
	}
	n = m->len < msg->msg_iov[0].iov_len ? m->len : msg->msg_iov[0].iov_len;
	memcpy(msg->msg_iov[0].iov_base, m->data, n);
	msg->msg_flags = m->len > n ? MSG_TRUNC : 0;
	if (msg->msg_name) {
		memcpy(msg->msg_name, &nl,
		       msg->msg_namelen < sizeof(nl) ? msg->msg_namelen : sizeof(nl));
		msg->msg_namelen = sizeof(nl);
	}
	free(m);
	return (ssize_t)n;
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

	return recvmsg(fd, &msg, flags);
}
