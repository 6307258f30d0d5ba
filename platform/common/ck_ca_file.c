/*
 * ck_ca_file.c -- a PEM file into trust anchors.
 */
#include "ck_ca_file.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/*
 * The PEM text is needed only while the anchors are decoded; one buffer
 * for the process keeps the callers' stack objects free of it.
 */
static char pem_text[CK_CA_FILE_MAX];

/* The whole file into pem_text; its length, or 0 on any failure. */
static size_t
read_whole_file(const char *path)
{
	size_t len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		return 0;
	}
	for (;;) {
		ssize_t n = read(fd, pem_text + len, sizeof pem_text - len);
		if (n < 0) {
			memset(pem_text, 0, len);
			len = 0;
			break;
		}
		if (n == 0) {
			break;
		}
		len += (size_t)n;
		if (len == sizeof pem_text) {
			/* Refuse rather than load half a bundle. */
			memset(pem_text, 0, len);
			len = 0;
			break;
		}
	}
	close(fd);
	return len;
}

ck_result
ck_ca_file_load(ck_trust_anchors *store, const char *path)
{
	size_t len;
	ck_result r;

	if (store == NULL || path == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	len = read_whole_file(path);
	if (len == 0) {
		return CK_ERR_TRUST_ANCHORS;
	}
	r = ck_trust_anchors_add_pem(store, pem_text, len, NULL);
	memset(pem_text, 0, len);
	return r;
}
