/*
 * ck_trust_anchors.c -- PEM text to BearSSL trust anchors, zero heap.
 *
 * The PEM decoder streams each object's DER straight into the X.509
 * decoder, so no certificate is ever held whole: the only memory used is
 * the two decoder contexts on the stack (about 1.9 KiB on x86-64, most of
 * it BearSSL's own state) and the caller's slots and pool.
 *
 * A certificate that does not claim to be a CA is still added, without
 * BR_X509_TA_CA: BearSSL then trusts exactly that certificate when the
 * server presents it as its end-entity (a pinned server certificate), but
 * never as an issuer of others.
 */
#include <stdbool.h>
#include <string.h>

#include "ck_trust_anchors.h"

/* Where the subject DN of the certificate being decoded lands. */
typedef struct {
	ck_trust_anchors *store;
	size_t dn_start;  /* offset in the pool */
	size_t dn_len;
	bool overflow;    /* the DN did not fit the pool */
} dn_sink;

/* One pass over a PEM text. */
typedef struct {
	br_pem_decoder_context pem;
	br_x509_decoder_context x509;
	dn_sink dn;
	bool in_object;   /* between BEGIN and END banners */
	bool in_cert;     /* ... of a CERTIFICATE object */
	bool x509_stopped;   /* the X.509 decoder finished or failed */
	bool trailing_bytes; /* DER went on after the certificate */
	bool failed;
	size_t added;
	size_t line;         /* line of the text being pushed, 1-based */
	size_t certs_seen;   /* CERTIFICATE objects begun so far */
	size_t cert_line;    /* line of the current one's BEGIN banner */
	ck_trust_anchors_report fault;
} pem_pass;

/* Record the first fault only: later ones follow from it. */
static bool
fail(pem_pass *p, ck_trust_anchors_fault fault, bool in_cert)
{
	if (p->fault.fault == CK_TA_FAULT_NONE) {
		p->fault.fault = fault;
		p->fault.certificate = in_cert ? p->certs_seen : 0;
		p->fault.line = in_cert ? p->cert_line : p->line;
	}
	return false;
}

/* BearSSL hands the subject DN over in chunks; each is appended in place. */
static void
append_dn(void *ctx, const void *buf, size_t len)
{
	dn_sink *d = ctx;
	ck_trust_anchors *s = d->store;
	size_t end = d->dn_start + d->dn_len;

	if (d->overflow) {
		return;
	}
	if (end > s->pool_size || len > s->pool_size - end) {
		d->overflow = true;
		return;
	}
	memcpy(s->pool + end, buf, len);
	d->dn_len += len;
}

/*
 * br_x509_decoder_push does not check for an earlier error: run again after
 * one, its T0 machine resumes in the middle of the failed word with a
 * broken stack and crashes (BearSSL 0.6, seen with a bad digit in a date
 * split across two chunks). So once the decoder has stopped, successfully
 * or not, it is never pushed again; bytes after a complete certificate
 * make the object invalid.
 */
static void
feed_x509(void *ctx, const void *buf, size_t len)
{
	pem_pass *p = ctx;

	if (p->x509_stopped) {
		if (len > 0) {
			p->trailing_bytes = true;
		}
		return;
	}
	br_x509_decoder_push(&p->x509, buf, len);
	if (br_x509_decoder_last_error(&p->x509) != BR_ERR_X509_TRUNCATED) {
		p->x509_stopped = true;
	}
}

/*
 * Copy `len` key bytes to the pool. Returns their place in the pool, or
 * NULL when there is no room.
 */
static unsigned char *
pool_copy(ck_trust_anchors *s, const unsigned char *src, size_t len)
{
	unsigned char *dst;

	if (s->pool_used > s->pool_size || len > s->pool_size - s->pool_used) {
		return NULL;
	}
	dst = s->pool + s->pool_used;
	if (len > 0) {
		memcpy(dst, src, len);
	}
	s->pool_used += len;
	return dst;
}

/*
 * BearSSL strips the banner's trailing dashes only when the line ends in a
 * bare LF; with CRLF they stay in the name, so they are ignored here.
 */
static bool
is_certificate_name(const char *name)
{
	static const char want[] = "CERTIFICATE";
	size_t n = sizeof want - 1;

	if (strncmp(name, want, n) != 0) {
		return false;
	}
	while (name[n] == '-') {
		n++;
	}
	return name[n] == '\0';
}

static void
begin_object(pem_pass *p)
{
	ck_trust_anchors *s = p->dn.store;

	p->in_object = true;
	p->in_cert = is_certificate_name(br_pem_decoder_name(&p->pem));
	if (!p->in_cert) {
		br_pem_decoder_setdest(&p->pem, NULL, NULL);
		return;
	}
	p->certs_seen++;
	/* The event comes after the banner's newline was counted. */
	p->cert_line = p->line - 1;
	p->dn.dn_start = s->pool_used;
	p->dn.dn_len = 0;
	p->dn.overflow = false;
	p->x509_stopped = false;
	p->trailing_bytes = false;
	br_x509_decoder_init(&p->x509, append_dn, &p->dn);
	br_pem_decoder_setdest(&p->pem, feed_x509, p);
}

/* The END banner of a certificate: turn what was decoded into an anchor. */
static bool
end_certificate(pem_pass *p)
{
	ck_trust_anchors *s = p->dn.store;
	const br_x509_pkey *pk = br_x509_decoder_get_pkey(&p->x509);
	br_x509_trust_anchor ta;

	if (pk == NULL || p->trailing_bytes) {
		p->fault.x509_error = br_x509_decoder_last_error(&p->x509);
		return fail(p, CK_TA_FAULT_BAD_CERTIFICATE, true);
	}
	if (p->dn.overflow) {
		return fail(p, CK_TA_FAULT_POOL_FULL, true);
	}
	if (s->count >= s->capacity) {
		return fail(p, CK_TA_FAULT_SLOTS_FULL, true);
	}
	/* The DN already sits at dn_start; the key bytes follow it. */
	s->pool_used = p->dn.dn_start + p->dn.dn_len;
	memset(&ta, 0, sizeof ta);
	ta.dn.data = s->pool + p->dn.dn_start;
	ta.dn.len = p->dn.dn_len;
	ta.flags = br_x509_decoder_isCA(&p->x509) ? BR_X509_TA_CA : 0;
	ta.pkey.key_type = pk->key_type;
	switch (pk->key_type) {
	case BR_KEYTYPE_RSA:
		ta.pkey.key.rsa.n = pool_copy(s, pk->key.rsa.n, pk->key.rsa.nlen);
		ta.pkey.key.rsa.nlen = pk->key.rsa.nlen;
		ta.pkey.key.rsa.e = pool_copy(s, pk->key.rsa.e, pk->key.rsa.elen);
		ta.pkey.key.rsa.elen = pk->key.rsa.elen;
		if (ta.pkey.key.rsa.n == NULL || ta.pkey.key.rsa.e == NULL) {
			return fail(p, CK_TA_FAULT_POOL_FULL, true);
		}
		break;
	case BR_KEYTYPE_EC:
		ta.pkey.key.ec.curve = pk->key.ec.curve;
		ta.pkey.key.ec.q = pool_copy(s, pk->key.ec.q, pk->key.ec.qlen);
		ta.pkey.key.ec.qlen = pk->key.ec.qlen;
		if (ta.pkey.key.ec.q == NULL) {
			return fail(p, CK_TA_FAULT_POOL_FULL, true);
		}
		break;
	default:
		return fail(p, CK_TA_FAULT_UNSUPPORTED_KEY, true);
	}
	s->anchors[s->count++] = ta;
	p->added++;
	return true;
}

/* Act on the event the decoder stopped at; false on a fatal one. */
static bool
handle_event(pem_pass *p, int event)
{
	switch (event) {
	case BR_PEM_BEGIN_OBJ:
		if (p->in_object) {
			return fail(p, p->in_cert ? CK_TA_FAULT_NO_END
				: CK_TA_FAULT_BAD_PEM, p->in_cert);
		}
		begin_object(p);
		return true;
	case BR_PEM_END_OBJ:
		if (!p->in_object) {
			return fail(p, CK_TA_FAULT_BAD_PEM, false);
		}
		p->in_object = false;
		if (p->in_cert) {
			p->in_cert = false;
			return end_certificate(p);
		}
		return true;
	default:
		/* BR_PEM_ERROR: bad Base64 or a broken banner. */
		return fail(p, CK_TA_FAULT_BAD_PEM, p->in_object && p->in_cert);
	}
}

static size_t
count_newlines(const unsigned char *buf, size_t len)
{
	size_t n = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		n += buf[i] == '\n';
	}
	return n;
}

static bool
push_text(pem_pass *p, const unsigned char *buf, size_t len)
{
	while (len > 0) {
		size_t n = br_pem_decoder_push(&p->pem, buf, len);
		int event = br_pem_decoder_event(&p->pem);

		p->line += count_newlines(buf, n);
		buf += n;
		len -= n;
		if (event != 0) {
			if (!handle_event(p, event)) {
				return false;
			}
		} else if (n == 0) {
			/* Would spin forever; never expected from BearSSL. */
			return fail(p, CK_TA_FAULT_BAD_PEM, false);
		}
	}
	return true;
}

void
ck_trust_anchors_init(ck_trust_anchors *s, br_x509_trust_anchor *slots,
	size_t capacity, unsigned char *pool, size_t pool_size)
{
	if (s == NULL) {
		return;
	}
	s->anchors = slots;
	s->count = 0;
	s->capacity = (slots != NULL) ? capacity : 0;
	s->pool = pool;
	s->pool_used = 0;
	s->pool_size = (pool != NULL) ? pool_size : 0;
	memset(&s->last, 0, sizeof s->last);
}

ck_result
ck_trust_anchors_add_pem(ck_trust_anchors *s, const char *pem, size_t len,
	size_t *added)
{
	pem_pass p;
	size_t count0, pool_used0;
	bool ok;

	if (added != NULL) {
		*added = 0;
	}
	if (s == NULL || pem == NULL || s->count > s->capacity
		|| s->pool_used > s->pool_size)
	{
		return CK_ERR_INVALID_ARGUMENT;
	}
	count0 = s->count;
	pool_used0 = s->pool_used;

	memset(&p, 0, sizeof p);
	p.dn.store = s;
	p.line = 1;
	br_pem_decoder_init(&p.pem);
	ok = push_text(&p, (const unsigned char *)pem, len);
	/*
	 * The decoder acts on a banner only at its end of line; a text whose
	 * last line lacks one still counts as complete.
	 */
	if (ok) {
		ok = push_text(&p, (const unsigned char *)"\n", 1);
	}
	if (ok && p.in_object) {
		ok = fail(&p, p.in_cert ? CK_TA_FAULT_NO_END
			: CK_TA_FAULT_BAD_PEM, p.in_cert);
	}
	if (ok && p.added == 0) {
		ok = fail(&p, CK_TA_FAULT_NO_CERTIFICATE, false);
		p.fault.line = 0;
	}
	s->last = p.fault;
	if (!ok) {
		s->count = count0;
		s->pool_used = pool_used0;
		return CK_ERR_TRUST_ANCHORS;
	}
	if (added != NULL) {
		*added = p.added;
	}
	return CK_OK;
}
