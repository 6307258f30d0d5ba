/*
 * ck_tls_hello_scan.h -- did the server accept our max_fragment_length?
 *
 * A client with a TLS buffer smaller than a full 16 KiB record asks the
 * server for smaller records (max_fragment_length, RFC 6066). A server
 * that accepts echoes the extension in its ServerHello; one that ignores
 * it says nothing and may later send records the buffer cannot hold --
 * perhaps the answer to a request already sent, whose outcome would then
 * be unknown. BearSSL does not record whether the echo came, so this
 * scanner reads it off the server's first bytes as they pass from the
 * network to the engine; the TLS client refuses the connection, before
 * any request byte, when the echo is missing.
 *
 * Byte by byte, in constant memory: record headers are skipped, so a
 * ServerHello split over several records is read whole. Only the
 * extension list is looked at; anything malformed just ends the scan
 * (BearSSL judges the handshake itself).
 */
#ifndef CK_TLS_HELLO_SCAN_H
#define CK_TLS_HELLO_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A scan in progress. The caller owns it; members are private. */
typedef struct {
	uint8_t record_head[5];
	uint8_t head_len;      /* bytes of record_head collected */
	uint16_t record_left;  /* payload bytes left in the current record */
	uint8_t phase;         /* where in the ServerHello the next byte is */
	uint8_t done;          /* 0 scanning; else the verdict */
	uint32_t field;        /* a multi-byte value being read */
	uint32_t left;         /* bytes left in the current part */
	uint32_t body_left;    /* bytes left in the ServerHello body */
} ck_tls_hello_scan;

/* Start scanning a new connection's bytes from the server. */
void ck_tls_hello_scan_init(ck_tls_hello_scan *s);

/* Feed the next `len` bytes the server sent. */
void ck_tls_hello_scan_feed(ck_tls_hello_scan *s, const uint8_t *data,
	size_t len);

/*
 * True once the ServerHello was read whole and held the
 * max_fragment_length extension; false before that, and for a
 * ServerHello without it.
 */
bool ck_tls_hello_scan_echoed_mfl(const ck_tls_hello_scan *s);

#endif /* CK_TLS_HELLO_SCAN_H */
