/*
 * ck_ca_file.c -- a PEM file into trust anchors.
 */
#include "ck_ca_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ck_posix_platform.h"

/*
 * The PEM text is needed only while the anchors are decoded; one buffer
 * for the process keeps the callers' stack objects free of it. One byte
 * more than the limit tells a file of exactly the limit from a longer one.
 */
static char pem_text[CK_CA_FILE_MAX + 1];

static char last_error[256];
static bool have_error;

/* The store ck_ca_file_check fills and drops. */
static br_x509_trust_anchor check_slots[CK_CA_FILE_ANCHORS_MAX];
static unsigned char check_pool[CK_CA_FILE_POOL];

static void say(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

static void
say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof last_error, fmt, ap);
	va_end(ap);
	have_error = true;
}

static const char *
file_kind(mode_t mode)
{
	if (S_ISDIR(mode)) {
		return "a directory";
	}
	if (S_ISFIFO(mode)) {
		return "a FIFO";
	}
	if (S_ISCHR(mode)) {
		return "a character device";
	}
	if (S_ISBLK(mode)) {
		return "a block device";
	}
	if (S_ISSOCK(mode)) {
		return "a socket";
	}
	return "not a plain file";
}

/*
 * The whole file into pem_text; CK_OK and its length, or
 * CK_ERR_TRUST_ANCHORS with the reason said.
 *
 * A FIFO would block open() until a writer came, and read() after that for
 * as long as the writer likes; a device can be endless. So the file is
 * opened without blocking and refused unless it is a regular file, whose
 * reads never wait on another process. The deadline is still checked
 * between reads (a slow network file system).
 */
static ck_result
read_whole_file(const char *path, uint32_t timeout_ms, size_t *out)
{
	uint64_t deadline = ck_posix_monotonic_ms(NULL)
		+ (timeout_ms != 0 ? timeout_ms : CK_CA_FILE_TIMEOUT_MS);
	struct stat st;
	size_t len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);

	if (fd < 0) {
		say("cannot be opened: %s", strerror(errno));
		return CK_ERR_TRUST_ANCHORS;
	}
	if (fstat(fd, &st) != 0) {
		say("cannot be examined: %s", strerror(errno));
		close(fd);
		return CK_ERR_TRUST_ANCHORS;
	}
	if (!S_ISREG(st.st_mode)) {
		say("is %s, not a regular file", file_kind(st.st_mode));
		close(fd);
		return CK_ERR_TRUST_ANCHORS;
	}
	if (st.st_size > (off_t)CK_CA_FILE_MAX) {
		say("is larger than the %u bytes a CA file may have (%lld bytes)",
			CK_CA_FILE_MAX, (long long)st.st_size);
		close(fd);
		return CK_ERR_TRUST_ANCHORS;
	}
	for (;;) {
		ssize_t n;

		if (ck_posix_monotonic_ms(NULL) >= deadline) {
			say("was not read within %u ms", (unsigned)(timeout_ms != 0
				? timeout_ms : CK_CA_FILE_TIMEOUT_MS));
			break;
		}
		n = read(fd, pem_text + len, sizeof pem_text - len);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			say("cannot be read: %s", strerror(errno));
			break;
		}
		if (n == 0) {
			close(fd);
			*out = len;
			return CK_OK;
		}
		len += (size_t)n;
		if (len == sizeof pem_text) {
			/* It grew past the limit while being read. */
			say("is larger than the %u bytes a CA file may have",
				CK_CA_FILE_MAX);
			break;
		}
	}
	memset(pem_text, 0, len);
	close(fd);
	return CK_ERR_TRUST_ANCHORS;
}

/* The reason the store gave, as the end of a sentence about the file. */
static void
say_anchors_fault(const ck_trust_anchors *store)
{
	const ck_trust_anchors_report *f = &store->last;

	switch (f->fault) {
	case CK_TA_FAULT_NO_CERTIFICATE:
		say("holds no certificate (no \"-----BEGIN CERTIFICATE-----\" "
			"block)");
		break;
	case CK_TA_FAULT_BAD_PEM:
		if (f->certificate != 0) {
			say("certificate %zu (line %zu) is not valid PEM: broken "
				"Base64 or banner", f->certificate, f->line);
		} else {
			say("is not valid PEM at line %zu", f->line);
		}
		break;
	case CK_TA_FAULT_NO_END:
		say("certificate %zu (line %zu) has no \"-----END "
			"CERTIFICATE-----\" line", f->certificate, f->line);
		break;
	case CK_TA_FAULT_BAD_CERTIFICATE:
		say("certificate %zu (line %zu) is corrupt: not a valid X.509 "
			"certificate (BearSSL error %d)", f->certificate, f->line,
			f->x509_error);
		break;
	case CK_TA_FAULT_UNSUPPORTED_KEY:
		say("certificate %zu (line %zu) has a key that is neither RSA "
			"nor EC", f->certificate, f->line);
		break;
	case CK_TA_FAULT_SLOTS_FULL:
		say("holds more certificates than the %zu the trust store has "
			"room for (certificate %zu, line %zu, did not fit)",
			store->capacity, f->certificate, f->line);
		break;
	case CK_TA_FAULT_POOL_FULL:
		say("holds more names and keys than the %zu bytes the trust "
			"store has room for (certificate %zu, line %zu, did not "
			"fit)", store->pool_size, f->certificate, f->line);
		break;
	case CK_TA_FAULT_NONE:
	default:
		say("holds no usable certificate");
		break;
	}
}

ck_result
ck_ca_file_load(ck_trust_anchors *store, const char *path, uint32_t timeout_ms)
{
	size_t len = 0;
	ck_result r;

	have_error = false;
	if (store == NULL || path == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	r = read_whole_file(path, timeout_ms, &len);
	if (r != CK_OK) {
		return r;
	}
	r = ck_trust_anchors_add_pem(store, pem_text, len, NULL);
	memset(pem_text, 0, len);
	if (r == CK_ERR_TRUST_ANCHORS) {
		say_anchors_fault(store);
	}
	return r;
}

ck_result
ck_ca_file_check(const char *path, uint32_t timeout_ms)
{
	static ck_trust_anchors store;

	ck_trust_anchors_init(&store, check_slots, CK_CA_FILE_ANCHORS_MAX,
		check_pool, sizeof check_pool);
	return ck_ca_file_load(&store, path, timeout_ms);
}

const char *
ck_ca_file_last_error(void)
{
	return have_error ? last_error : NULL;
}
