// SPDX-License-Identifier: GPL-2.0
/*
 * c2bench - the fast parts of selftests/bench/bench.sh, in C because the
 * benchmark runs under CPU emulation where a python loop is far too slow.
 *
 *   c2bench gen host|spread N c2|nft|ipset [SETNAME [TABLE]]
 *	Print N distinct IPv4 indicators that never cover 10.0.0.0/8 (where
 *	the benchmark traffic lives), in one of three formats: c2ctl feed
 *	lines, nft "add element" statements, "ipset restore" lines.
 *	host:   N /32 addresses spread over 11.0.0.0-223.255.255.255.
 *	spread: N prefixes over the 20 lengths /13../32 (few short ones, since
 *	        there are few of them; the rest evenly over /17../32).
 *
 *   c2bench bench FLOWS PKTS ROUNDS WARM SETTLE_MS CPU|- DSTNET NDST PATH...
 *	The measurements, all in one process (starting processes is slow under
 *	emulation).  Run it in the client's netns; each PATH is
 *	"IFNAME,SRCMAC,DSTMAC,SRCIP,GWNETNS": the client's veth towards one
 *	gateway and that gateway's netns name (for its conntrack table).
 *	Frames are UDP/IPv4, sent through an AF_PACKET socket that bypasses the
 *	qdisc (the client's own IP stack costs nothing), in sendmmsg() batches.
 *	A flow f is (SRCIP, DSTNET + f % NDST, sport 1024 + (f / NDST) % 64512,
 *	dport 9).  veth hands a frame to the peer's backlog and the softirq
 *	that follows runs the gateway's whole forwarding path (and the
 *	server's ingress) before the send returns, so the sender's wall time
 *	is the cost of the path, sender included.
 *	Each round visits every path once, in a random order: FLOWS
 *	datagrams that are each a new flow (timed), conntrack flush (like
 *	"conntrack -F", over ctnetlink), a pause of SETTLE_MS, then PKTS
 *	datagrams of one flow (timed; 0 skips), flush.  Output: "R I NS_NEW
 *	NS_ONE" per measurement, then "sent I COUNT" per path.  CPU pins the
 *	process (the softirq work then runs there too).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netlink.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void fail(int err, const char *fmt, const char *arg)
{
	fprintf(stderr, "c2bench: ");
	fprintf(stderr, fmt, arg);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
	exit(1);
}

/* die(): a usage or data error; die_sys(): a failed call (errno). */
#define die(fmt, arg) fail(0, fmt, arg)
#define die_sys(fmt, arg) fail(errno, fmt, arg)

static unsigned long long num(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *end)
		die("bad number '%s'", s);
	return v;
}

/* ---- indicator generation ---- */

/*
 * The address space used: the /8 blocks 11..126 and 128..223 (212 blocks),
 * so nothing lands in 0/8, 10/8 (the traffic), 127/8 or multicast.  For a
 * prefix length L there are 212 << (L - 8) prefixes; index k of them maps
 * to a block and an offset inside it.
 */
#define NBLOCKS 212ULL
/* An odd multiplier not divisible by 53 (212 = 4 * 53): k -> k * MULT mod
 * (212 << x) is a bijection, so distinct k give distinct prefixes while
 * neighbouring k land far apart. */
#define MULT 2654435761ULL

static uint32_t prefix_addr(unsigned int len, unsigned long long k)
{
	unsigned long long avail = NBLOCKS << (len - 8);
	unsigned long long idx = (k * MULT) % avail;
	unsigned long long block = idx >> (len - 8);
	unsigned long long off = idx & ((1ULL << (len - 8)) - 1);
	unsigned int octet = block < 116 ? 11 + block : 128 + (block - 116);

	return (uint32_t)octet << 24 | (uint32_t)(off << (32 - len));
}

enum fmt { FMT_C2, FMT_NFT, FMT_IPSET };

struct emitter {
	enum fmt fmt;
	const char *set, *table;
	unsigned long long n;	/* elements written */
};

#define NFT_CHUNK 10000

static void emit(struct emitter *e, uint32_t addr, unsigned int len)
{
	char a[INET_ADDRSTRLEN];
	uint32_t be = htonl(addr);

	inet_ntop(AF_INET, &be, a, sizeof(a));
	switch (e->fmt) {
	case FMT_C2:
		if (len == 32)
			printf("%s\n", a);
		else
			printf("%s/%u\n", a, len);
		break;
	case FMT_NFT:
		if (e->n % NFT_CHUNK == 0)
			printf("%sadd element ip %s %s { ", e->n ? " }\n" : "",
			       e->table, e->set);
		else
			fputs(", ", stdout);
		if (len == 32)
			fputs(a, stdout);
		else
			printf("%s/%u", a, len);
		break;
	case FMT_IPSET:
		if (len == 32)
			printf("add %s %s\n", e->set, a);
		else
			printf("add %s %s/%u\n", e->set, a, len);
		break;
	}
	e->n++;
}

/* Share of each length in "spread" mode, per 1000 indicators, /13../32. */
static const unsigned int spread_permille[20] = {
	2, 4, 8, 16,	/* /13../16: 6784 << (L - 13) exist; take few */
};

static int cmd_gen(int argc, char **argv)
{
	struct emitter e = { .set = "c2b", .table = "c2b" };
	unsigned long long n, k, done, want;
	unsigned int len, i, rest_share;
	int spread;

	if (argc < 4)
		die("%s", "usage: gen host|spread N c2|nft|ipset [SET [TABLE]]");
	if (!strcmp(argv[1], "host"))
		spread = 0;
	else if (!strcmp(argv[1], "spread"))
		spread = 1;
	else
		die("unknown mode '%s'", argv[1]);
	n = num(argv[2]);
	if (!strcmp(argv[3], "c2"))
		e.fmt = FMT_C2;
	else if (!strcmp(argv[3], "nft"))
		e.fmt = FMT_NFT;
	else if (!strcmp(argv[3], "ipset"))
		e.fmt = FMT_IPSET;
	else
		die("unknown format '%s'", argv[3]);
	if (argc > 4)
		e.set = argv[4];
	if (argc > 5)
		e.table = argv[5];
	if (n > 100000000ULL)
		die("%s", "N too large");

	if (!spread) {
		for (k = 0; k < n; k++)
			emit(&e, prefix_addr(32, k), 32);
	} else {
		/* The 16 lengths /17../32 share what /13../16 leave. */
		rest_share = 1000;
		for (i = 0; i < 4; i++)
			rest_share -= spread_permille[i];
		done = 0;
		for (i = 0; i < 20; i++) {
			len = 13 + i;
			if (i < 4)
				want = n * spread_permille[i] / 1000;
			else if (i < 19)
				want = n * rest_share / 16000;
			else
				want = n - done;	/* /32 takes the rounding */
			if (want == 0 && n >= 20)
				want = 1;
			if (want > n - done)
				want = n - done;
			if (want > (NBLOCKS << (len - 8)))
				die("%s", "N too large for spread mode");
			for (k = 0; k < want; k++)
				emit(&e, prefix_addr(len, k), len);
			done += want;
		}
	}
	if (e.fmt == FMT_NFT && e.n)
		puts(" }");
	if (fflush(stdout) || ferror(stdout))
		die_sys("%s", "write error");
	return 0;
}

/* ---- traffic ---- */

struct frame {
	struct ether_header eth;
	struct iphdr ip;
	struct udphdr udp;
	unsigned char payload[18];
} __attribute__((packed));

/* One gateway: the client interface leading to it and its conntrack. */
struct path {
	int pkt_fd;		/* AF_PACKET on the client's veth */
	int ct_fd;		/* ctnetlink socket in the gateway's netns */
	struct frame tmpl;
	unsigned long long sent;
};

static void parse_mac(const char *s, uint8_t *mac)
{
	unsigned int b[6];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5]) != 6)
		die("bad MAC '%s'", s);
	for (i = 0; i < 6; i++)
		mac[i] = b[i];
}

static uint16_t ip_csum(const void *hdr, size_t len)
{
	const uint16_t *p = hdr;
	uint32_t sum = 0;

	for (; len > 1; len -= 2)
		sum += *p++;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void sleep_ms(unsigned long long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/*
 * Delete every conntrack entry of the gateway's netns, like "conntrack -F"
 * (needs nf_conntrack_netlink).
 */
static void ct_flush(int fd)
{
	struct {
		struct nlmsghdr nlh;
		struct nfgenmsg nfg;
	} req = { 0 };
	char buf[4096];
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nlmsghdr *nlh;
	struct nlmsgerr *err;
	ssize_t len;

	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_DELETE;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.nfg.nfgen_family = AF_UNSPEC;	/* every family */
	req.nfg.version = NFNETLINK_V0;
	if (sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die_sys("%s", "ctnetlink flush: send");
	len = recv(fd, buf, sizeof(buf), 0);
	if (len < 0)
		die_sys("%s", "ctnetlink flush: recv");
	nlh = (struct nlmsghdr *)buf;
	if (!NLMSG_OK(nlh, (size_t)len) || nlh->nlmsg_type != NLMSG_ERROR)
		die("%s", "ctnetlink flush: unexpected reply");
	err = NLMSG_DATA(nlh);
	if (err->error) {
		errno = -err->error;
		die_sys("%s", "ctnetlink flush (is nf_conntrack_netlink loaded?)");
	}
}

/*
 * "IFNAME,SRCMAC,DSTMAC,SRCIP,GWNETNS": open the packet socket in our netns
 * (the client's), then the ctnetlink socket in the gateway's.
 */
static void path_open(struct path *p, char *spec)
{
	char *f[5], *save = NULL, nspath[256];
	struct sockaddr_ll sll = { 0 };
	struct in_addr src;
	int i, one = 1, self, nsfd;

	for (i = 0; i < 5; i++) {
		f[i] = strtok_r(i ? NULL : spec, ",", &save);
		if (!f[i])
			die("%s", "path: want IFNAME,SRCMAC,DSTMAC,SRCIP,GWNETNS");
	}
	memset(&p->tmpl, 0, sizeof(p->tmpl));
	parse_mac(f[1], p->tmpl.eth.ether_shost);
	parse_mac(f[2], p->tmpl.eth.ether_dhost);
	if (inet_pton(AF_INET, f[3], &src) != 1)
		die("bad address '%s'", f[3]);
	p->tmpl.eth.ether_type = htons(ETHERTYPE_IP);
	p->tmpl.ip.version = 4;
	p->tmpl.ip.ihl = 5;
	p->tmpl.ip.tot_len = htons(sizeof(p->tmpl) - sizeof(p->tmpl.eth));
	p->tmpl.ip.ttl = 64;
	p->tmpl.ip.protocol = IPPROTO_UDP;
	p->tmpl.ip.saddr = src.s_addr;
	p->tmpl.udp.dest = htons(9);
	p->tmpl.udp.len = htons(sizeof(p->tmpl.udp) + sizeof(p->tmpl.payload));
	p->tmpl.udp.check = 0;	/* optional for UDP over IPv4 */
	memcpy(p->tmpl.payload, "c2guard-bench-flow", sizeof(p->tmpl.payload));

	p->pkt_fd = socket(AF_PACKET, SOCK_RAW, 0);	/* 0: receive nothing */
	if (p->pkt_fd < 0)
		die_sys("%s", "socket(AF_PACKET)");
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = if_nametoindex(f[0]);
	if (!sll.sll_ifindex)
		die("no interface '%s'", f[0]);
	if (bind(p->pkt_fd, (struct sockaddr *)&sll, sizeof(sll)))
		die_sys("bind to %s", f[0]);
	if (setsockopt(p->pkt_fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one)))
		die_sys("%s", "PACKET_QDISC_BYPASS");

	/* A socket stays in the netns it was created in. */
	self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	snprintf(nspath, sizeof(nspath), "/run/netns/%s", f[4]);
	nsfd = open(nspath, O_RDONLY | O_CLOEXEC);
	if (self < 0 || nsfd < 0)
		die_sys("cannot open %s", nspath);
	if (setns(nsfd, CLONE_NEWNET))
		die_sys("setns %s", nspath);
	p->ct_fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER);
	if (p->ct_fd < 0)
		die_sys("%s", "socket(NETLINK_NETFILTER)");
	if (setns(self, CLONE_NEWNET))
		die_sys("%s", "setns back");
	close(nsfd);
	close(self);
}

#define BATCH 64

/*
 * Send N datagrams on path P, datagram i in flow i % FLOWS (FLOWS 0: each
 * its own flow).  Flow f: destination DNET + f % NDST, source port 1024 +
 * (f / NDST) % 64512.  Returns the wall time in ns.
 */
static unsigned long long burst(struct path *p, unsigned long long n,
				unsigned long long flows, uint32_t dnet,
				unsigned long long ndst)
{
	static struct frame fr[BATCH];
	static struct mmsghdr msg[BATCH];
	static struct iovec iov[BATCH];
	unsigned long long i, f, t0;
	int b, r;

	for (b = 0; b < BATCH; b++) {
		fr[b] = p->tmpl;
		iov[b].iov_base = &fr[b];
		iov[b].iov_len = sizeof(fr[b]);
		memset(&msg[b], 0, sizeof(msg[b]));
		msg[b].msg_hdr.msg_iov = &iov[b];
		msg[b].msg_hdr.msg_iovlen = 1;
	}
	t0 = now_ns();
	for (i = 0; i < n;) {
		for (b = 0; b < BATCH && i + b < n; b++) {
			f = flows ? (i + b) % flows : i + b;
			fr[b].ip.daddr = htonl(dnet + f % ndst);
			fr[b].udp.source = htons(1024 + (f / ndst) % 64512);
			fr[b].ip.check = 0;
			fr[b].ip.check = ip_csum(&fr[b].ip, sizeof(fr[b].ip));
		}
		r = sendmmsg(p->pkt_fd, msg, b, 0);
		if (r < 0) {
			if (errno == EINTR || errno == ENOBUFS || errno == EAGAIN)
				continue;
			die_sys("%s", "sendmmsg");
		}
		i += r;
	}
	p->sent += n;
	return now_ns() - t0;
}

/*
 * bench FLOWS PKTS ROUNDS WARM SETTLE_MS CPU DSTNET NDST PATH...
 * Run in the client's netns.  Warm-up: WARM flows on every path, then one
 * run of FLOWS on the first.  Then ROUNDS rounds; each round visits every
 * path once, in a new random order (a fixed seed: the same order on every
 * run), so that no configuration always follows the same other one (work
 * left over by one measurement, RCU frees say, would otherwise always land
 * on the same neighbour).  On each path: FLOWS new flows (timed), conntrack flush,
 * pause, PKTS datagrams of one flow (timed, unless PKTS is 0), flush, pause.
 * Prints "R I NS_NEW NS_ONE" per measurement, then "sent I N" per path.
 */
static int cmd_bench(int argc, char **argv)
{
	unsigned long long flows, pkts, rounds, warm, settle, ndst, r, ns1, ns2;
	uint32_t rng = 0xc2c2c2c2;
	int *order, k, j, t;
	struct in_addr dnet_be;
	struct path *paths;
	uint32_t dnet;
	int np, i;

	if (argc < 10)
		die("%s", "usage: bench FLOWS PKTS ROUNDS WARM SETTLE_MS CPU DSTNET NDST PATH...");
	flows = num(argv[1]);
	pkts = num(argv[2]);
	rounds = num(argv[3]);
	warm = num(argv[4]);
	settle = num(argv[5]);
	if (strcmp(argv[6], "-")) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(num(argv[6]), &set);
		if (sched_setaffinity(0, sizeof(set), &set))
			die_sys("cannot pin to CPU %s", argv[6]);
	}
	if (inet_pton(AF_INET, argv[7], &dnet_be) != 1)
		die("bad address '%s'", argv[7]);
	dnet = ntohl(dnet_be.s_addr);
	ndst = num(argv[8]);
	if (!flows || !ndst)
		die("%s", "FLOWS and NDST must be > 0");
	np = argc - 9;
	paths = calloc(np, sizeof(*paths));
	order = calloc(np, sizeof(*order));
	if (!paths || !order)
		die_sys("%s", "calloc");
	for (i = 0; i < np; i++)
		path_open(&paths[i], argv[9 + i]);

	for (i = 0; i < np; i++) {
		if (warm)
			burst(&paths[i], warm, 0, dnet, ndst);
		ct_flush(paths[i].ct_fd);
	}
	burst(&paths[0], flows, 0, dnet, ndst);
	ct_flush(paths[0].ct_fd);
	sleep_ms(settle);

	for (r = 0; r < rounds; r++) {
		for (k = 0; k < np; k++)
			order[k] = k;
		for (k = np - 1; k > 0; k--) {	/* Fisher-Yates, xorshift32 */
			rng ^= rng << 13;
			rng ^= rng >> 17;
			rng ^= rng << 5;
			j = rng % (k + 1);
			t = order[k];
			order[k] = order[j];
			order[j] = t;
		}
		for (k = 0; k < np; k++) {
			struct path *p = &paths[order[k]];

			ns1 = burst(p, flows, 0, dnet, ndst);
			ct_flush(p->ct_fd);
			sleep_ms(settle);
			ns2 = 0;
			if (pkts) {
				ns2 = burst(p, pkts, 1, dnet, ndst);
				ct_flush(p->ct_fd);
				sleep_ms(settle / 8 + 1);
			}
			printf("%llu %d %llu %llu\n", r, order[k], ns1, ns2);
			fflush(stdout);
		}
	}
	for (i = 0; i < np; i++)
		printf("sent %d %llu\n", i, paths[i].sent);
	return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "gen"))
		return cmd_gen(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "bench"))
		return cmd_bench(argc - 1, argv + 1);
	fprintf(stderr,
		"usage: c2bench gen host|spread N c2|nft|ipset [SET [TABLE]]\n"
		"       c2bench bench FLOWS PKTS ROUNDS WARM SETTLE_MS CPU|- DSTNET NDST\n"
		"                     IFNAME,SRCMAC,DSTMAC,SRCIP,GWNETNS...\n");
	return 2;
}
