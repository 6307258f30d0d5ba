/*
 * ck_tls_hello_scan.c -- the max_fragment_length echo in a ServerHello
 * (ck_tls_hello_scan.h). Layout (RFC 5246 7.4.1.3, RFC 6066 4):
 *
 *   record:       type(1)=22 version(2) length(2) payload
 *   handshake:    msg_type(1)=2 length(3) body
 *   ServerHello:  version(2) random(32) session_id<0..32> (1-byte length)
 *                 cipher_suite(2) compression(1) extensions<0..2^16-1>
 *   extension:    type(2) length(2) data; max_fragment_length is type 1
 */
#include "ck_tls_hello_scan.h"

#include <string.h>

#define CONTENT_HANDSHAKE  22u
#define SERVER_HELLO       2u
#define EXT_MAX_FRAG_LEN   1u

enum { VERDICT_NONE = 0, VERDICT_ECHOED, VERDICT_ABSENT };

/* Where the next byte of the handshake layer goes. */
enum {
	P_MSG_TYPE = 0,     /* handshake msg_type */
	P_MSG_LEN,          /* its 3-byte length */
	P_FIXED,            /* version and random: 34 bytes */
	P_SID_LEN,
	P_SID,
	P_SUITE_COMP,       /* 3 bytes */
	P_EXT_TOTAL,        /* 2-byte length of the extension list */
	P_EXT_HEAD,         /* 4 bytes: type, length */
	P_EXT_DATA
};

void
ck_tls_hello_scan_init(ck_tls_hello_scan *s)
{
	memset(s, 0, sizeof *s);
}

static void
verdict(ck_tls_hello_scan *s, uint8_t v)
{
	s->done = v;
}

static void
next_phase(ck_tls_hello_scan *s, uint8_t phase, uint32_t left)
{
	s->phase = phase;
	s->left = left;
	s->field = 0;
}

/* One byte of the handshake layer. */
static void
take(ck_tls_hello_scan *s, uint8_t b)
{
	switch (s->phase) {
	case P_MSG_TYPE:
		if (b != SERVER_HELLO) {
			verdict(s, VERDICT_ABSENT);
		} else {
			next_phase(s, P_MSG_LEN, 3);
		}
		return;
	case P_MSG_LEN:
		s->field = s->field << 8 | b;
		if (--s->left == 0) {
			s->body_left = s->field;
			next_phase(s, P_FIXED, 34);
			if (s->body_left == 0) {
				verdict(s, VERDICT_ABSENT);
			}
		}
		return;
	default:
		break;
	}
	/* A byte of the ServerHello body. */
	s->body_left--;
	switch (s->phase) {
	case P_FIXED:
	case P_SID:
		if (--s->left == 0) {
			next_phase(s, s->phase == P_FIXED ? P_SID_LEN
				: P_SUITE_COMP, s->phase == P_FIXED ? 1 : 3);
		}
		break;
	case P_SID_LEN:
		if (b == 0) {
			next_phase(s, P_SUITE_COMP, 3);
		} else {
			next_phase(s, P_SID, b);
		}
		break;
	case P_SUITE_COMP:
		if (--s->left == 0) {
			next_phase(s, P_EXT_TOTAL, 2);
		}
		break;
	case P_EXT_TOTAL:
		if (--s->left == 0) {
			next_phase(s, P_EXT_HEAD, 4);
		}
		break;
	case P_EXT_HEAD:
		s->field = s->field << 8 | b;
		if (--s->left == 0) {
			if ((s->field >> 16) == EXT_MAX_FRAG_LEN) {
				verdict(s, VERDICT_ECHOED);
				return;
			}
			if ((s->field & 0xFFFFu) == 0) {
				next_phase(s, P_EXT_HEAD, 4);
			} else {
				next_phase(s, P_EXT_DATA, s->field & 0xFFFFu);
			}
		}
		break;
	case P_EXT_DATA:
		if (--s->left == 0) {
			next_phase(s, P_EXT_HEAD, 4);
		}
		break;
	default:
		verdict(s, VERDICT_ABSENT);
		return;
	}
	if (s->body_left == 0 && s->done == VERDICT_NONE) {
		verdict(s, VERDICT_ABSENT);
	}
}

void
ck_tls_hello_scan_feed(ck_tls_hello_scan *s, const uint8_t *data, size_t len)
{
	size_t i;

	for (i = 0; i < len && s->done == VERDICT_NONE; i++) {
		if (s->record_left == 0) {
			s->record_head[s->head_len++] = data[i];
			if (s->head_len == 5) {
				s->head_len = 0;
				s->record_left = (uint16_t)(s->record_head[3] << 8
					| s->record_head[4]);
				if (s->record_head[0] != CONTENT_HANDSHAKE
					|| s->record_left == 0) {
					verdict(s, VERDICT_ABSENT);
				}
			}
			continue;
		}
		s->record_left--;
		take(s, data[i]);
	}
}

bool
ck_tls_hello_scan_echoed_mfl(const ck_tls_hello_scan *s)
{
	return s->done == VERDICT_ECHOED;
}
