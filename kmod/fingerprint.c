// SPDX-License-Identifier: GPL-2.0
/*
 * The JA4 and JA3 fingerprints of a ClientHello (hello.c), with the
 * kernel's SHA-256 library and its "md5" shash.  The hello's fields and the
 * text hashed (a few KB) are per CPU, used with bottom halves disabled:
 * this runs in the hook, for the hello an alert is raised on.  The md5
 * transform has no key, so one serves every CPU (each digest has its own
 * descriptor).  Without it (no md5) the module loads and alerts carry no
 * fingerprints.
 */
#include <crypto/hash.h>
#include <crypto/sha2.h>
#include <linux/percpu.h>

#include "fingerprint.h"

struct c2g_fp_cpu {
	struct c2g_hello h;
	char text[C2G_HELLO_TEXT_MAX];
};

static struct c2g_fp_cpu __percpu *c2g_fp_cpus;
static struct crypto_shash *c2g_fp_md5;

static int c2g_fp_sha256(void *ctx, const u8 *p, size_t len, u8 *out)
{
	sha256(p, len, out);
	return 0;
}

static int c2g_fp_md5_digest(void *ctx, const u8 *p, size_t len, u8 *out)
{
	return crypto_shash_tfm_digest(c2g_fp_md5, p, len, out);
}

static const struct c2g_hello_hash c2g_fp_hash = {
	.sha256 = c2g_fp_sha256,
	.md5 = c2g_fp_md5_digest,
};

int __init c2g_fp_module_init(void)
{
	c2g_fp_cpus = alloc_percpu(struct c2g_fp_cpu);
	if (!c2g_fp_cpus)
		return -ENOMEM;
	c2g_fp_md5 = crypto_alloc_shash("md5", 0, 0);
	if (IS_ERR(c2g_fp_md5)) {
		pr_warn("c2guard: no md5 (%ld): alerts will carry no JA4/JA3\n",
			PTR_ERR(c2g_fp_md5));
		c2g_fp_md5 = NULL;
	}
	return 0;
}

void c2g_fp_module_exit(void)
{
	if (c2g_fp_md5)
		crypto_free_shash(c2g_fp_md5);
	free_percpu(c2g_fp_cpus);
}

/*
 * The fingerprints of the ClientHello message at @msg (@len bytes known;
 * the whole message must be there) into @out; false if there are none.
 */
bool c2g_fp_hello(const u8 *msg, size_t len, bool quic, struct c2g_fp *out)
{
	struct c2g_fp_cpu *c;
	bool ok;

	if (!c2g_fp_md5)
		return false;
	local_bh_disable();
	c = this_cpu_ptr(c2g_fp_cpus);
	ok = !c2g_hello_parse(msg, len, &c->h) &&
	     !c2g_ja4(&c->h, quic, &c2g_fp_hash, c->text, out->ja4) &&
	     !c2g_ja3(&c->h, &c2g_fp_hash, c->text, out->ja3);
	local_bh_enable();
	return ok;
}
