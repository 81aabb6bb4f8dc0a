// SPDX-License-Identifier: GPL-2.0
/*
 * The crypto quic.c asks for, from the kernel: HMAC-SHA256 (crypto_shash
 * "hmac(sha256)") for the key schedule, AES (the AES library) for the
 * header protection mask, and AES-128-GCM to open the packet.
 *
 * Why not the "gcm(aes)" AEAD
 * ---------------------------
 * Every Initial has its own key, so the key is set in the hook, in
 * softirq or with bottom halves off.  The AEAD template cannot be keyed
 * there: its setkey (crypto/gcm.c) allocates with GFP_KERNEL and waits
 * for a request, and ghash-generic's setkey allocates its tables.  So GCM
 * is put together here from the same pieces the kernel's own library
 * version (lib/crypto/aesgcm.c, which Debian's kernels do not build) is
 * made of: AES in counter mode from the AES library, GHASH with
 * gf128mul_lle(), the tag compared with crypto_memneq().  Keying is an AES
 * key expansion and one block; nothing allocates, nothing sleeps.
 *
 * Why per CPU
 * -----------
 * The HMAC transform holds the key it was last given: one transform per
 * CPU, used with bottom halves disabled (like pkt.c's scratch area), has
 * one user at a time without a lock.  The buffers (the datagram, the
 * CRYPTO stream gathered) are per CPU for the same reason.
 *
 * If the HMAC transform cannot be had, the module loads without it:
 * c2g_quicc_get() returns NULL and QUIC Initials are not read.
 */
#include <crypto/aes.h>
#include <crypto/algapi.h>
#include <crypto/b128ops.h>
#include <crypto/gf128mul.h>
#include <crypto/hash.h>
#include <linux/percpu.h>

#include "quiccrypt.h"

struct c2g_quicc_cpu {
	struct crypto_shash *hmac;
	struct crypto_aes_ctx aes;
	struct c2g_quicc q;
};

static struct c2g_quicc_cpu __percpu *c2g_quicc_cpus;
static bool c2g_quicc_ready;

static int c2g_quicc_hmac(void *ctx, const u8 *key, size_t klen,
			  const u8 *msg, size_t len, u8 *out)
{
	struct c2g_quicc_cpu *c = ctx;
	int err;

	err = crypto_shash_setkey(c->hmac, key, klen);
	if (err)
		return err;
	return crypto_shash_tfm_digest(c->hmac, msg, len, out);
}

static int c2g_quicc_aes(void *ctx, const u8 *key, const u8 *in, u8 *out)
{
	struct c2g_quicc_cpu *c = ctx;
	int err;

	err = aes_expandkey(&c->aes, key, AES_KEYSIZE_128);
	if (err)
		return err;
	aes_encrypt(&c->aes, out, in);
	return 0;
}

/* The counter word of a GCM counter block. */
static void c2g_quicc_ctr(u8 *block, u32 i)
{
	block[12] = i >> 24;
	block[13] = i >> 16;
	block[14] = i >> 8;
	block[15] = i;
}

/* GHASH (SP 800-38D 6.4) of @len bytes, the last block zero-padded. */
static void c2g_quicc_ghash(be128 *x, const be128 *h, const u8 *p,
			    size_t len)
{
	size_t n;

	while (len) {
		n = min_t(size_t, len, AES_BLOCK_SIZE);
		crypto_xor((u8 *)x, p, n);
		gf128mul_lle(x, h);
		p += n;
		len -= n;
	}
}

/*
 * AES-128-GCM decryption (SP 800-38D 7.2) with a 96-bit nonce and a
 * 16-byte tag, in place; the tag is checked before any plaintext is
 * written.
 */
static int c2g_quicc_gcm_open(void *ctx, const u8 *key, const u8 *nonce,
			      u8 *buf, size_t alen, size_t clen)
{
	struct c2g_quicc_cpu *c = ctx;
	u8 ctr[AES_BLOCK_SIZE], ks[AES_BLOCK_SIZE], *ct = buf + alen;
	be128 h = {}, x = {}, lens;
	size_t plen, off, n;
	u32 i;
	int err;

	if (clen < AES_BLOCK_SIZE)
		return -EBADMSG;
	plen = clen - AES_BLOCK_SIZE;
	err = aes_expandkey(&c->aes, key, AES_KEYSIZE_128);
	if (err)
		return err;
	/* H = E(K, 0^128) */
	aes_encrypt(&c->aes, (u8 *)&h, (u8 *)&h);

	c2g_quicc_ghash(&x, &h, buf, alen);
	c2g_quicc_ghash(&x, &h, ct, plen);
	lens.a = cpu_to_be64((u64)alen * 8);
	lens.b = cpu_to_be64((u64)plen * 8);
	crypto_xor((u8 *)&x, (u8 *)&lens, sizeof(lens));
	gf128mul_lle(&x, &h);

	/* J0 = nonce || 1; the tag is GHASH ^ E(K, J0) */
	memcpy(ctr, nonce, 12);
	c2g_quicc_ctr(ctr, 1);
	aes_encrypt(&c->aes, ks, ctr);
	crypto_xor((u8 *)&x, ks, AES_BLOCK_SIZE);
	if (crypto_memneq(&x, ct + plen, AES_BLOCK_SIZE)) {
		err = -EBADMSG;
		goto out;
	}
	/* The payload, counter blocks from J0 + 1 */
	for (off = 0, i = 2; off < plen; off += n, i++) {
		c2g_quicc_ctr(ctr, i);
		aes_encrypt(&c->aes, ks, ctr);
		n = min_t(size_t, plen - off, AES_BLOCK_SIZE);
		crypto_xor(ct + off, ks, n);
	}
out:
	memzero_explicit(&h, sizeof(h));
	memzero_explicit(ks, sizeof(ks));
	return err;
}

static void c2g_quicc_free(void)
{
	struct c2g_quicc_cpu *c;
	int cpu;

	for_each_possible_cpu(cpu) {
		c = per_cpu_ptr(c2g_quicc_cpus, cpu);
		if (!IS_ERR_OR_NULL(c->hmac))
			crypto_free_shash(c->hmac);
		memzero_explicit(c, sizeof(*c));
	}
}

/* Not fatal: without the HMAC transform only QUIC Initials go unread. */
int __init c2g_quicc_module_init(void)
{
	struct c2g_quicc_cpu *c;
	int cpu;

	c2g_quicc_cpus = alloc_percpu(struct c2g_quicc_cpu);
	if (!c2g_quicc_cpus)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		c = per_cpu_ptr(c2g_quicc_cpus, cpu);
		c->hmac = crypto_alloc_shash("hmac(sha256)", 0, 0);
		if (IS_ERR(c->hmac)) {
			pr_warn("c2guard: no hmac(sha256) (%ld): QUIC Initials will not be read\n",
				PTR_ERR(c->hmac));
			c2g_quicc_free();
			return 0;
		}
		c->q.ops.hmac_sha256 = c2g_quicc_hmac;
		c->q.ops.aes_block = c2g_quicc_aes;
		c->q.ops.gcm_open = c2g_quicc_gcm_open;
		c->q.ops.ctx = c;
	}
	c2g_quicc_ready = true;
	return 0;
}

void c2g_quicc_module_exit(void)
{
	if (c2g_quicc_ready)
		c2g_quicc_free();
	free_percpu(c2g_quicc_cpus);
}

/*
 * This CPU's provider and buffers, with bottom halves disabled until
 * c2g_quicc_put(); or NULL (and nothing to put) if there is none.
 */
struct c2g_quicc *c2g_quicc_get(void)
{
	if (!READ_ONCE(c2g_quicc_ready))
		return NULL;
	local_bh_disable();
	return &this_cpu_ptr(c2g_quicc_cpus)->q;
}

void c2g_quicc_put(void)
{
	local_bh_enable();
}
