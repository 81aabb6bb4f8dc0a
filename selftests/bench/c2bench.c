// SPDX-License-Identifier: GPL-2.0
/*
 * c2bench - the fast parts of selftests/bench/bench.sh, in C because the
 * benchmark runs under CPU emulation where a python loop is far too slow.
 *
 *   c2bench gen host|spread|spread6|names N c2|nft|ipset [SETNAME [TABLE]]
 *	Print N distinct indicators that never match the benchmark traffic,
 *	in one of three formats: c2ctl feed lines, nft "add element"
 *	statements, "ipset restore" lines (names: c2 only).
 *	host:    N IPv4 /32 addresses spread over 11.0.0.0-223.255.255.255.
 *	spread:  N IPv4 prefixes over the 20 lengths /13../32 (few short ones,
 *	         since there are few of them; the rest evenly over /17../32).
 *	spread6: N IPv6 prefixes over 40 lengths, /26../64 and /128, all in
 *	         2000::/3.
 *	The traffic's destinations (TRAFFIC_MAX of them, see traffic_init())
 *	are spread over the same space, between the indicators, as a real
 *	destination is: a lookup lands among them and must tell it is not
 *	one.  No generated prefix holds one.
 *	names:   N domain names, one in five a suffix ("*.NAME"), none under
 *	         the traffic's names (NAMES_ZONE).
 *
 *   c2bench bench FLOWS PKTS ROUNDS WARM SETTLE_MS CPU|- NDST SLICES PATH...
 *	The measurements, all in one process (starting processes is slow under
 *	emulation).  Run it in the client's netns; each PATH is
 *	"IFNAME,SRCMAC,DSTMAC,SRCIP,GWNETNS[,KIND]": the client's veth towards
 *	one gateway, that gateway's netns name (for its conntrack table) and
 *	what it is sent:
 *	  udp   (the default) UDP/IPv4 datagrams to port 9;
 *	  udp6  UDP/IPv6 datagrams to port 9, SRCIP an IPv6 address;
 *	  dns   a DNS query (UDP/IPv4, port 53) for a name of its own per
 *	        flow, "qHEX.NAMES_ZONE";
 *	  tls   a TCP segment (IPv4, port 443, ACK|PSH: conntrack picks the
 *	        flow up midstream) holding a ClientHello with such a name.
 *	Frames are sent through an AF_PACKET socket that bypasses the qdisc
 *	(the client's own IP stack costs nothing), in sendmmsg() batches.
 *	A flow f is (SRCIP, destination f % NDST, sport 1024 + (f / NDST) %
 *	64512, dport 9, 53 or 443); NDST <= TRAFFIC_MAX.  veth hands a frame
 *	to the peer's backlog and the softirq that follows runs the gateway's
 *	whole forwarding path (and the server's ingress) before the send
 *	returns, so the sender's wall time is the cost of the path, sender
 *	included.
 *	Each round is SLICES passes, and each pass visits every path once,
 *	in a random order of its own: FLOWS / SLICES datagrams that are each
 *	a new flow (timed; pass s sends flows s * FLOWS / SLICES on, so a
 *	round sends flows 0..FLOWS-1), conntrack flush (like "conntrack -F",
 *	over ctnetlink), a pause of SETTLE_MS, then PKTS / SLICES datagrams
 *	of one flow (timed; 0 skips), flush.  A path's measurement in a round
 *	is thus spread over the whole round, beside every other path's.
 *	Output: "R I NS_NEW NS_ONE" per slice, then "sent I COUNT" per path.
 *	CPU pins the process (the softirq work then runs there too).
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
#include <netinet/ip6.h>
#include <netinet/tcp.h>
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

/*
 * IPv6 prefix k of length @len (<= 64, or 128) in 2000::/3: the 61 bits
 * after 001 take k times an odd multiplier, a bijection modulo 2^(len - 3),
 * so distinct k give distinct prefixes of a length.  A /128 gets the
 * index in its low half too.
 */
static void prefix_addr6(unsigned int len, unsigned long long k, uint8_t *a)
{
	unsigned int bits = len > 64 ? 61 : len - 3;
	uint64_t idx = k * 0x9e3779b97f4a7c15ULL, hi;
	int i;

	if (bits < 64)
		idx &= (1ULL << bits) - 1;
	hi = 1ULL << 61 | (len > 64 ? idx : idx << (64 - len));
	for (i = 0; i < 8; i++)
		a[i] = hi >> (56 - 8 * i);
	memset(a + 8, 0, 8);
	if (len > 64)
		for (i = 0; i < 8; i++)
			a[8 + i] = (k * 0xc2b2ae3d27d4eb4fULL) >> (56 - 8 * i);
}

/*
 * The traffic's destinations.  IPv4 destination j is the /32 of index
 * (NBLOCKS << 24) - 1 - j' (prefix_addr(32, .)), j' counting up from j
 * past any in 192.0.2.0/24 (c2guard-1's indicator); IPv6 destination j is
 * the /128 of index 2^61 - 1 - j (prefix_addr6(128, .)).  prefix_addr()
 * and prefix_addr6() are bijections and the generated /32s and /128s take
 * indices from 0 up: they are never a destination.  A shorter prefix is
 * checked against the destinations, sorted (traffic_held*()).
 */
#define TRAFFIC_MAX 4096
#define TRAFFIC_MAX_S "4096"

static uint32_t traffic4[TRAFFIC_MAX], sorted4[TRAFFIC_MAX];
static uint8_t traffic6[TRAFFIC_MAX][16], sorted6[TRAFFIC_MAX][16];

static int cmp4(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int cmp6(const void *a, const void *b)
{
	return memcmp(a, b, 16);
}

static void traffic_init(void)
{
	unsigned long long k = (NBLOCKS << 24) - 1;
	unsigned int j;

	for (j = 0; j < TRAFFIC_MAX; j++) {
		do
			traffic4[j] = prefix_addr(32, k--);
		while ((traffic4[j] >> 8) == 0xc0000200);
		prefix_addr6(128, (1ULL << 61) - 1 - j, traffic6[j]);
	}
	memcpy(sorted4, traffic4, sizeof(sorted4));
	qsort(sorted4, TRAFFIC_MAX, sizeof(sorted4[0]), cmp4);
	memcpy(sorted6, traffic6, sizeof(sorted6));
	qsort(sorted6, TRAFFIC_MAX, sizeof(sorted6[0]), cmp6);
}

/* Does @a/@len hold a destination? */
static int traffic_held4(uint32_t a, unsigned int len)
{
	uint32_t last = a | (len ? ~0U >> len : ~0U);
	unsigned int lo = 0, hi = TRAFFIC_MAX, mid;

	while (lo < hi) {		/* the first destination >= a */
		mid = lo + (hi - lo) / 2;
		if (sorted4[mid] < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < TRAFFIC_MAX && sorted4[lo] <= last;
}

static int traffic_held6(const uint8_t *a, unsigned int len)
{
	unsigned int lo = 0, hi = TRAFFIC_MAX, mid, i;
	uint8_t last[16];

	memcpy(last, a, 16);
	for (i = len; i < 128; i++)
		last[i / 8] |= 0x80 >> (i % 8);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (memcmp(sorted6[mid], a, 16) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < TRAFFIC_MAX && memcmp(sorted6[lo], last, 16) <= 0;
}

static void emit6(const uint8_t *addr, unsigned int len)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET6, addr, a, sizeof(a));
	if (len == 128)
		printf("%s\n", a);
	else
		printf("%s/%u\n", a, len);
}

/* The traffic's names are under this zone; no generated name is. */
#define NAMES_ZONE "bench.c2guard.test"

/*
 * N names: name k is "hHEX.dDOMAIN.TLD", a suffix ("*.dDOMAIN.TLD") for
 * one k in five, with about 8 names per domain and 4 top-level labels:
 * two- and three-label keys, as in real feeds.
 */
static void gen_names(unsigned long long n)
{
	static const char *const tld[] = { "com", "net", "ru", "top" };
	unsigned long long k, d;

	for (k = 0; k < n; k++) {
		d = (k * 2654435761ULL) % (n / 8 + 1);
		if (k % 5 == 4)
			printf("*.s%llx-%llx.%s\n", d, k, tld[k % 4]);
		else
			printf("h%llx.d%llx.%s\n", k, d, tld[k % 4]);
	}
}

/* Share of each length in "spread" mode, per 1000 indicators, /13../32. */
static const unsigned int spread_permille[20] = {
	2, 4, 8, 16,	/* /13../16: 6784 << (L - 13) exist; take few */
};

static int cmd_gen(int argc, char **argv)
{
	struct emitter e = { .set = "c2b", .table = "c2b" };
	unsigned long long n, k, done, want, got;
	unsigned int len, i, rest_share;
	uint8_t a6[16];
	uint32_t a;
	int spread;

	if (argc < 4)
		die("%s", "usage: gen host|spread|spread6|names N c2|nft|ipset [SET [TABLE]]");
	if (!strcmp(argv[1], "host"))
		spread = 0;
	else if (!strcmp(argv[1], "spread"))
		spread = 1;
	else if (!strcmp(argv[1], "spread6"))
		spread = 6;
	else if (!strcmp(argv[1], "names"))
		spread = 'n';
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
	if ((spread == 6 || spread == 'n') && e.fmt != FMT_C2)
		die("%s", "spread6 and names: c2 format only");

	if (spread == 'n') {
		gen_names(n);
	} else if (spread == 6) {
		/* 40 lengths: /26../64 share evenly, /128 takes the rest */
		for (i = 0, done = 0; i < 40; i++) {
			len = i < 39 ? 26 + i : 128;
			want = i < 39 ? n / 40 : n - done;
			for (k = 0, got = 0; got < want; k++) {
				if (len < 64 && k >> (len - 3))
					die("%s", "N too large for spread6 mode");
				prefix_addr6(len, k, a6);
				if (len < 128 && traffic_held6(a6, len))
					continue;
				emit6(a6, len);
				got++;
			}
			done += want;
		}
	} else if (!spread) {
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
			for (k = 0, got = 0; got < want; k++) {
				if (k >= (NBLOCKS << (len - 8)))
					die("%s", "N too large for spread mode");
				a = prefix_addr(len, k);
				if (len < 32 && traffic_held4(a, len))
					continue;
				emit(&e, a, len);
				got++;
			}
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

enum kind { K_UDP, K_UDP6, K_DNS, K_TLS };

#define FRAME_MAX 320
/* One gateway: the client interface leading to it and its conntrack. */
struct path {
	int pkt_fd;		/* AF_PACKET on the client's veth */
	int ct_fd;		/* ctnetlink socket in the gateway's netns */
	enum kind kind;
	unsigned char tmpl[FRAME_MAX];	/* the frame, but for the flow's fields */
	size_t len;
	size_t name_off;	/* dns, tls: the name's 8 hex digits */
	unsigned long long sent;
};

#define ETH_LEN 14
#define IP4_LEN 20
#define IP6_LEN 40
#define UDP_LEN 8
#define TCP_LEN 20

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

/* The ones' complement sum of @len bytes, added to @sum. */
static uint32_t csum_add(uint32_t sum, const void *data, size_t len)
{
	const uint8_t *p = data;

	for (; len > 1; len -= 2, p += 2)
		sum += (uint32_t)p[0] << 8 | p[1];
	if (len)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

/* The checksum to store (network order) of a sum. */
static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

/* IPv4 header checksum of the frame @f. */
static void ip4_csum(unsigned char *f)
{
	struct iphdr *ip = (struct iphdr *)(f + ETH_LEN);

	ip->check = 0;
	ip->check = csum_fold(csum_add(0, ip, IP4_LEN));
}

/*
 * The TCP or UDP checksum of frame @f (@len bytes, IPv4 or IPv6), over the
 * pseudo-header and the segment; @check is where it goes.
 */
static void l4_csum(unsigned char *f, size_t len, int v6, uint8_t proto,
		    uint16_t *check)
{
	size_t l3 = v6 ? IP6_LEN : IP4_LEN, l4 = len - ETH_LEN - l3;
	uint32_t sum;

	*check = 0;
	if (v6)
		sum = csum_add(0, f + ETH_LEN + 8, 32);
	else
		sum = csum_add(0, f + ETH_LEN + 12, 8);
	sum += proto + (uint32_t)l4;
	sum = csum_add(sum, f + ETH_LEN + l3, l4);
	*check = csum_fold(sum);
	if (!*check && proto == IPPROTO_UDP)
		*check = 0xffff;
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

/* Append @n bytes to the template. */
static unsigned char *put(struct path *p, const void *data, size_t n)
{
	unsigned char *at = p->tmpl + p->len;

	if (p->len + n > FRAME_MAX)
		die("%s", "frame too long");
	if (data)
		memcpy(at, data, n);
	else
		memset(at, 0, n);
	p->len += n;
	return at;
}

static void put16(struct path *p, unsigned int v)
{
	uint8_t b[2] = { v >> 8, v };

	put(p, b, 2);
}

static void put24(struct path *p, unsigned int v)
{
	uint8_t b[3] = { v >> 16, v >> 8, v };

	put(p, b, 3);
}

/* Write @v, big endian, into the template at @off (a length field). */
static void set16(struct path *p, size_t off, size_t v)
{
	p->tmpl[off] = v >> 8;
	p->tmpl[off + 1] = v;
}

/* The traffic's name, "qXXXXXXXX.NAMES_ZONE", as DNS labels. */
static void put_qname(struct path *p)
{
	const char *z = NAMES_ZONE, *dot;
	size_t n;

	put(p, "\x09q", 2);
	p->name_off = p->len;
	put(p, "00000000", 8);
	for (; *z; z = *dot ? dot + 1 : dot) {
		dot = strchr(z, '.');
		if (!dot)
			dot = z + strlen(z);
		n = dot - z;
		put(p, &(uint8_t){ n }, 1);
		put(p, z, n);
	}
	put(p, "", 1);
}

/* A ClientHello for "qXXXXXXXX.NAMES_ZONE", in one TLS record. */
static void put_hello(struct path *p)
{
	size_t rec, hs, ext, name_len = 9 + 1 + strlen(NAMES_ZONE);
	static const uint8_t random[32] = "c2guard-bench-client-hello-rand";

	put(p, "\x16\x03\x01", 3);
	rec = p->len;
	put16(p, 0);
	put(p, "\x01", 1);
	hs = p->len;
	put24(p, 0);
	put(p, "\x03\x03", 2);
	put(p, random, 32);
	put(p, "\x00", 1);			/* session id */
	put(p, "\x00\x02\x13\x01", 4);		/* TLS_AES_128_GCM_SHA256 */
	put(p, "\x01\x00", 2);			/* no compression */
	ext = p->len;
	put16(p, 0);
	put(p, "\x00\x00", 2);			/* server_name */
	put16(p, name_len + 5);
	put16(p, name_len + 3);
	put(p, "\x00", 1);			/* host_name */
	put16(p, name_len);
	put(p, "q", 1);
	p->name_off = p->len;
	put(p, "00000000.", 9);
	put(p, NAMES_ZONE, strlen(NAMES_ZONE));
	set16(p, ext, p->len - ext - 2);
	p->tmpl[hs] = 0;
	set16(p, hs + 1, p->len - hs - 3);
	set16(p, rec, p->len - rec - 2);
}

/* "udp", "udp6", "dns" or "tls". */
static enum kind parse_kind(const char *s)
{
	static const char *const names[] = {
		[K_UDP] = "udp", [K_UDP6] = "udp6", [K_DNS] = "dns", [K_TLS] = "tls",
	};
	unsigned int k;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (!strcmp(s, names[k]))
			return k;
	die("unknown traffic '%s'", s);
	return K_UDP;
}

/*
 * The frame of path @p but for the flow's fields (burst() sets them):
 * Ethernet, IPv4 or IPv6, UDP or TCP, the payload of its kind.
 */
static void path_frame(struct path *p, const char *src, const uint8_t *smac,
		       const uint8_t *dmac)
{
	int v6 = p->kind == K_UDP6, tcp = p->kind == K_TLS;
	struct ether_header *eth;
	size_t l3, l4;

	p->len = 0;
	eth = (struct ether_header *)put(p, NULL, ETH_LEN);
	memcpy(eth->ether_shost, smac, 6);
	memcpy(eth->ether_dhost, dmac, 6);
	eth->ether_type = htons(v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IP);
	l3 = p->len;
	if (v6) {
		struct ip6_hdr *ip6 = (struct ip6_hdr *)put(p, NULL, IP6_LEN);

		ip6->ip6_flow = htonl(6 << 28);
		ip6->ip6_nxt = IPPROTO_UDP;
		ip6->ip6_hlim = 64;
		if (inet_pton(AF_INET6, src, &ip6->ip6_src) != 1)
			die("bad IPv6 address '%s'", src);
	} else {
		struct iphdr *ip = (struct iphdr *)put(p, NULL, IP4_LEN);

		ip->version = 4;
		ip->ihl = 5;
		ip->ttl = 64;
		ip->protocol = tcp ? IPPROTO_TCP : IPPROTO_UDP;
		if (inet_pton(AF_INET, src, &ip->saddr) != 1)
			die("bad address '%s'", src);
	}
	l4 = p->len;
	if (tcp) {
		struct tcphdr *th = (struct tcphdr *)put(p, NULL, TCP_LEN);

		th->th_dport = htons(443);
		th->th_seq = htonl(1);
		th->th_ack = htonl(1);
		th->th_off = 5;
		th->th_flags = TH_ACK | TH_PUSH;
		th->th_win = htons(65535);
		put_hello(p);
	} else {
		struct udphdr *uh = (struct udphdr *)put(p, NULL, UDP_LEN);

		uh->dest = htons(p->kind == K_DNS ? 53 : 9);
		if (p->kind == K_DNS) {
			/* id (per flow), RD, one question; then the question */
			put(p, "\0\0\x01\0\0\x01\0\0\0\0\0\0", 12);
			put_qname(p);
			put(p, "\0\x01\0\x01", 4);
		} else {
			put(p, "c2guard-bench-flow", 18);
		}
		set16(p, l4 + 4, p->len - l4);
	}
	if (v6)
		set16(p, l3 + 4, p->len - l4);
	else
		set16(p, l3 + 2, p->len - l3);
}

/*
 * "IFNAME,SRCMAC,DSTMAC,SRCIP,GWNETNS[,KIND]": open the packet socket in
 * our netns (the client's), then the ctnetlink socket in the gateway's.
 */
static void path_open(struct path *p, char *spec)
{
	char *f[6], *save = NULL, nspath[256];
	struct sockaddr_ll sll = { 0 };
	uint8_t smac[6], dmac[6];
	int i, one = 1, self, nsfd;

	for (i = 0; i < 6; i++) {
		f[i] = strtok_r(i ? NULL : spec, ",", &save);
		if (!f[i] && i < 5)
			die("%s", "path: want IFNAME,SRCMAC,DSTMAC,SRCIP,GWNETNS[,KIND]");
	}
	p->kind = parse_kind(f[5] ? f[5] : "udp");
	parse_mac(f[1], smac);
	parse_mac(f[2], dmac);
	path_frame(p, f[3], smac, dmac);

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

/* Set flow @f's fields in frame @fr of path @p: addresses, port, name. */
static void flow_fields(const struct path *p, unsigned char *fr,
			unsigned long long f, unsigned long long ndst)
{
	uint16_t sport = htons(1024 + (f / ndst) % 64512);
	uint32_t dst = traffic4[f % ndst];
	char hex[9];

	if (p->kind == K_UDP6) {
		struct ip6_hdr *ip6 = (struct ip6_hdr *)(fr + ETH_LEN);
		struct udphdr *uh = (struct udphdr *)(fr + ETH_LEN + IP6_LEN);

		memcpy(&ip6->ip6_dst, traffic6[f % ndst], 16);
		uh->source = sport;
		l4_csum(fr, p->len, 1, IPPROTO_UDP, &uh->check);
		return;
	}
	((struct iphdr *)(fr + ETH_LEN))->daddr = htonl(dst);
	if (p->name_off) {
		snprintf(hex, sizeof(hex), "%08x", (uint32_t)f);
		memcpy(fr + p->name_off, hex, 8);
	}
	ip4_csum(fr);
	if (p->kind == K_TLS) {
		struct tcphdr *th = (struct tcphdr *)(fr + ETH_LEN + IP4_LEN);

		th->th_sport = sport;
		l4_csum(fr, p->len, 0, IPPROTO_TCP, &th->th_sum);
	} else {
		/* (the UDP checksum is optional over IPv4) */
		((struct udphdr *)(fr + ETH_LEN + IP4_LEN))->source = sport;
		if (p->kind == K_DNS)
			memcpy(fr + ETH_LEN + IP4_LEN + UDP_LEN, &sport, 2);
	}
}

/*
 * Send N datagrams on path P, datagram i in flow i % FLOWS (FLOWS 0: each
 * its own flow, FIRST + i).  Flow f: destination f % NDST, source port
 * 1024 + (f / NDST) % 64512.  Returns the wall time in ns.
 */
static unsigned long long burst(struct path *p, unsigned long long n,
				unsigned long long flows, unsigned long long first,
				unsigned long long ndst)
{
	static unsigned char fr[BATCH][FRAME_MAX];
	static struct mmsghdr msg[BATCH];
	static struct iovec iov[BATCH];
	unsigned long long i, f, t0;
	int b, r;

	for (b = 0; b < BATCH; b++) {
		memcpy(fr[b], p->tmpl, p->len);
		iov[b].iov_base = fr[b];
		iov[b].iov_len = p->len;
		memset(&msg[b], 0, sizeof(msg[b]));
		msg[b].msg_hdr.msg_iov = &iov[b];
		msg[b].msg_hdr.msg_iovlen = 1;
	}
	t0 = now_ns();
	for (i = 0; i < n;) {
		for (b = 0; b < BATCH && i + b < n; b++) {
			f = flows ? (i + b) % flows : first + i + b;
			flow_fields(p, fr[b], f, ndst);
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
 * bench FLOWS PKTS ROUNDS WARM SETTLE_MS CPU NDST SLICES PATH...
 * Run in the client's netns.  Warm-up: WARM flows on every path, then one
 * run of FLOWS on the first.  Then ROUNDS rounds of SLICES passes; each
 * pass visits every path once, in a new random order (a fixed seed: the
 * same order on every run), so that no configuration always follows the
 * same other one (work left over by one measurement, RCU frees say, would
 * otherwise always land on the same neighbour).  On each path: FLOWS /
 * SLICES new flows (timed), conntrack flush, pause, PKTS / SLICES
 * datagrams of one flow (timed, unless PKTS is 0), flush, pause.
 * Slicing spreads each path's share of a round over the round: on a host
 * whose speed changes from one tenth of a second to the next, two paths
 * then meet the same mix of fast and slow moments.
 * Prints "R I NS_NEW NS_ONE" per slice, then "sent I N" per path.
 */
static int cmd_bench(int argc, char **argv)
{
	unsigned long long flows, pkts, rounds, warm, settle, ndst, slices;
	unsigned long long r, s, ns1, ns2;
	uint32_t rng = 0xc2c2c2c2;
	int *order, k, j, t;
	struct path *paths;
	int np, i;

	if (argc < 10)
		die("%s", "usage: bench FLOWS PKTS ROUNDS WARM SETTLE_MS CPU NDST SLICES PATH...");
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
	ndst = num(argv[7]);
	if (!flows || !ndst || ndst > TRAFFIC_MAX)
		die("%s", "FLOWS must be > 0, NDST 1.." TRAFFIC_MAX_S);
	slices = num(argv[8]);
	if (!slices || flows % slices || pkts % slices)
		die("%s", "SLICES must be > 0 and divide FLOWS and PKTS");
	np = argc - 9;
	paths = calloc(np, sizeof(*paths));
	order = calloc(np, sizeof(*order));
	if (!paths || !order)
		die_sys("%s", "calloc");
	for (i = 0; i < np; i++)
		path_open(&paths[i], argv[9 + i]);

	for (i = 0; i < np; i++) {
		if (warm)
			burst(&paths[i], warm, 0, 0, ndst);
		ct_flush(paths[i].ct_fd);
	}
	burst(&paths[0], flows, 0, 0, ndst);
	ct_flush(paths[0].ct_fd);
	sleep_ms(settle);

	for (r = 0; r < rounds * slices; r++) {
		s = r % slices;
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

			ns1 = burst(p, flows / slices, 0, s * (flows / slices),
				    ndst);
			ct_flush(p->ct_fd);
			sleep_ms(settle);
			ns2 = 0;
			if (pkts) {
				ns2 = burst(p, pkts / slices, 1, 0, ndst);
				ct_flush(p->ct_fd);
				sleep_ms(settle / 8 + 1);
			}
			printf("%llu %d %llu %llu\n", r / slices, order[k],
			       ns1, ns2);
			fflush(stdout);
		}
	}
	for (i = 0; i < np; i++)
		printf("sent %d %llu\n", i, paths[i].sent);
	return fflush(stdout) ? 1 : 0;
}

/*
 * frame KIND SRCIP F: the frame of flow F of a path of KIND, in hex (to
 * check the frames with another tool).
 */
static int cmd_frame(int argc, char **argv)
{
	static const uint8_t mac[6] = { 2, 0xc2, 0, 0, 0, 1 };
	struct path p = { 0 };
	unsigned char fr[FRAME_MAX];
	size_t i;

	if (argc != 4)
		die("%s", "usage: frame udp|udp6|dns|tls SRCIP F");
	p.kind = parse_kind(argv[1]);
	path_frame(&p, argv[2], mac, mac);
	memcpy(fr, p.tmpl, p.len);
	flow_fields(&p, fr, num(argv[3]), TRAFFIC_MAX);
	for (i = 0; i < p.len; i++)
		printf("%02x", fr[i]);
	putchar('\n');
	return 0;
}

int main(int argc, char **argv)
{
	traffic_init();
	if (argc >= 2 && !strcmp(argv[1], "frame"))
		return cmd_frame(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "gen"))
		return cmd_gen(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "bench"))
		return cmd_bench(argc - 1, argv + 1);
	fprintf(stderr,
		"usage: c2bench gen host|spread|spread6|names N c2|nft|ipset [SET [TABLE]]\n"
		"       c2bench bench FLOWS PKTS ROUNDS WARM SETTLE_MS CPU|- NDST SLICES\n"
		"                     IFNAME,SRCMAC,DSTMAC,SRCIP,GWNETNS[,udp|udp6|dns|tls]...\n");
	return 2;
}
