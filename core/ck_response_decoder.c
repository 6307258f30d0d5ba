/*
 * ck_response_decoder.c -- Response.Result / Response.Error, by path.
 *
 * Three passes over the body, each trusting the one before it:
 *   1. ck_json_validate: the body is one strict RFC 8259 value, at most
 *      CK_JSON_MAX_DEPTH deep. jsmn alone accepts invalid JSON, so no token
 *      is looked at before this has passed.
 *   2. jsmn (parent links) writes tokens into the caller's array. Its
 *      default mode, not JSMN_STRICT: strict mode only re-checks what the
 *      validator has proven, and on a document the validator accepts both
 *      modes give the same tokens (tests/fuzz/fuzz_json_validator.c checks
 *      that on every input it accepts), in 200 bytes less code.
 *   3. Fields are found by key under their parent object, from the table
 *      FIELDS; values of any other key are skipped whole, so unknown
 *      fields are ignored at every level. With duplicate keys the first
 *      one wins (RFC 8259 leaves this open; the first is what a streaming
 *      reader would have acted on).
 */
#define JSMN_STATIC
#define JSMN_PARENT_LINKS
#include <jsmn.h>

#include "ck_response_decoder.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ck_config.h"
#include "ck_json_validator.h"
#include "ck_text.h"

/*
 * ck_json_token is the caller-visible storage for a jsmntok_t: the client
 * object holds the tokens, and jsmn writes them through a cast. Every read
 * and write of a token goes through jsmntok_t, so what the storage must
 * match is only its size and alignment, which do not depend on the size
 * of an enum: jsmntype_t is a byte with -fshort-enums and an int without,
 * and padding makes the struct five ints either way.
 */
_Static_assert(sizeof(ck_json_token) == sizeof(jsmntok_t),
	"ck_json_token must be the size of jsmntok_t");
_Static_assert(_Alignof(ck_json_token) >= _Alignof(jsmntok_t),
	"ck_json_token must be aligned for jsmntok_t");

/* Largest int, without <limits.h> (not in the core's allowed set). */
#define INT_LIMIT ((int)(~0u >> 1))

/* Not a token index: the key is absent. */
#define NO_TOKEN (-1)

/* A parsed document: the body and the tokens jsmn made of it. */
typedef struct {
	const char *body;
	const jsmntok_t *tok;
	int count;
} token_doc;

static ck_span
token_span(const token_doc *d, int i)
{
	return ck_span_make(d->body + d->tok[i].start,
		(size_t)(d->tok[i].end - d->tok[i].start));
}

/*
 * What a value may be, as bits: an object, a string, a number (any form),
 * null. A field's row of FIELDS says which of these it accepts, and:
 * K_INT64  the number must be an integer within int64 (no fraction or
 *          exponent: "1.0" or "1e3" is refused rather than guessed at);
 * K_NEEDED absent (or null where null is not accepted) is unexpected.
 */
#define K_OBJECT 0x01u
#define K_STRING 0x02u
#define K_NUMBER 0x04u
#define K_NULL   0x08u
#define K_INT64  0x10u
#define K_NEEDED 0x20u

static unsigned
kind_of(const token_doc *d, int i)
{
	char c;

	switch (d->tok[i].type) {
	case JSMN_OBJECT:
		return K_OBJECT;
	case JSMN_STRING:
		return K_STRING;
	case JSMN_PRIMITIVE:
		c = d->body[d->tok[i].start];
		return c == 'n' ? K_NULL
			: (c == '-' || (c >= '0' && c <= '9')) ? K_NUMBER : 0;
	default:
		return 0;
	}
}

/*
 * The value token of the first member named `key` (compared with the raw
 * string content) in the object at `obj`, or NO_TOKEN. jsmn lays tokens
 * out in document order, so a member's value and everything nested in it
 * are exactly the tokens that start before the value ends.
 */
static int
find_member(const token_doc *d, int obj, const char *key)
{
	int members = d->tok[obj].size;
	int j = obj + 1;

	while (members-- > 0 && j + 1 < d->count) {
		int end = d->tok[j + 1].end;

		/* Keys are compared raw: the API never escapes its names. */
		if ((size_t)(d->tok[j].end - d->tok[j].start) == strlen(key)
			&& memcmp(d->body + d->tok[j].start, key,
			strlen(key)) == 0) {
			return j + 1;
		}
		j += 2;
		while (j < d->count && d->tok[j].start < end) {
			j++;
		}
	}
	return NO_TOKEN;
}

static bool
parse_int64(ck_span s, int64_t *out)
{
	bool negative = s.ptr[0] == '-';
	uint64_t v;

	/* A magnitude up to 2^63 when negative: INT64_MIN has one. */
	if (!ck_text_parse_dec(ck_span_make(s.ptr + negative, s.len - negative),
		(uint64_t)INT64_MAX + negative, &v)) {
		return false;
	}
	/* -(v - 1) - 1: no step overflows, not even for INT64_MIN. */
	*out = negative && v != 0 ? -(int64_t)(v - 1) - 1 : (int64_t)v;
	return true;
}

/* A number whose value is zero: every mantissa digit is '0'. */
static bool
number_is_zero(ck_span s)
{
	size_t i;

	for (i = 0; i < s.len && s.ptr[i] != 'e' && s.ptr[i] != 'E'; i++) {
		if (s.ptr[i] >= '1' && s.ptr[i] <= '9') {
			return false;
		}
	}
	return true;
}

/*
 * ReturnCode success: the string "0" or "OK" (any case), or the number 0.
 * The string is compared character by character after its escapes (read
 * by ck_json_escape), so "\u004fK" counts as "OK"; anything longer than
 * the longest success text is a failure code.
 */
static bool
return_code_is_success(const token_doc *d, int v)
{
	ck_span s = token_span(d, v);
	uint32_t text[2];
	size_t i = 0, n = 0;

	if (kind_of(d, v) == K_NUMBER) {
		return number_is_zero(s);
	}
	while (i < s.len) {
		uint32_t cp = (unsigned char)s.ptr[i++];

		if (cp == '\\') {
			size_t k = ck_json_escape(s.ptr + i, s.len - i, &cp);

			if (k == 0) {
				return false;
			}
			i += k;
		}
		if (n == 2) {
			return false;
		}
		/* ASCII letters to lower case; nothing else matters here. */
		text[n++] = cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
	}
	return (n == 1 && text[0] == '0')
		|| (n == 2 && text[0] == 'o' && text[1] == 'k');
}

/* The fields, in the order they are looked for. */
enum {
	F_RESPONSE, F_REQUEST_ID, F_ERROR, F_CODE, F_MESSAGE, F_RESULT,
	F_RETURN_CODE, F_RETURN_MESSAGE, F_DATA, F_FLOW_ID, F_ROUTE,
	F_ROUTE_ID, F_COUNT
};

/* The parent of Response: the top-level object. */
#define TOP 0xFFu
/* Where a string field goes in ck_offsets_response; NOWHERE: not kept. */
#define SPAN_AT(member) ((uint8_t)offsetof(ck_offsets_response, member))
#define NOWHERE 0xFFu

static const struct {
	uint8_t parent;  /* a field, or TOP */
	uint8_t kinds;
	uint8_t span_at;
} FIELDS[F_COUNT] = {
	{ TOP, K_OBJECT | K_NEEDED, NOWHERE },
	{ F_RESPONSE, K_STRING | K_NULL, SPAN_AT(request_id) },
	/* An Error wins over a Result when a body carries both. */
	{ F_RESPONSE, K_OBJECT, NOWHERE },
	{ F_ERROR, K_STRING | K_NEEDED, SPAN_AT(error_code) },
	{ F_ERROR, K_STRING | K_NULL, SPAN_AT(error_message) },
	{ F_RESPONSE, K_OBJECT | K_NEEDED, NOWHERE },
	{ F_RESULT, K_STRING | K_NUMBER | K_NEEDED, SPAN_AT(return_code) },
	{ F_RESULT, K_STRING | K_NULL, SPAN_AT(return_message) },
	{ F_RESULT, K_OBJECT | K_NULL, NOWHERE },
	{ F_DATA, K_NUMBER | K_NULL | K_INT64, NOWHERE },
	{ F_DATA, K_OBJECT | K_NULL, NOWHERE },
	{ F_ROUTE, K_NUMBER | K_NULL | K_INT64, NOWHERE },
};
/* Their keys, in the same order. */
static const char KEYS[] = "Response\0RequestId\0Error\0Code\0Message\0"
	"Result\0ReturnCode\0ReturnMessage\0Data\0FlowId\0RouteDTO\0RouteId";

_Static_assert(CK_API_ERROR_NONE == 0, "zeroed means no error");
_Static_assert(sizeof(ck_offsets_response) < NOWHERE,
	"span offsets fit a byte");

/* The top-level value is an object (the validator has passed). */
static bool
top_is_object(ck_span body)
{
	size_t i = 0;

	while (i < body.len && (body.ptr[i] == ' ' || body.ptr[i] == '\t'
		|| body.ptr[i] == '\n' || body.ptr[i] == '\r'))
	{
		i++;
	}
	return i < body.len && body.ptr[i] == '{';
}

ck_result
ck_response_decode(ck_span body, ck_json_token *tokens, size_t max_tokens,
	ck_offsets_response *out)
{
	jsmn_parser parser;
	token_doc d;
	int at[F_COUNT];
	const char *key = KEYS;
	unsigned f;
	int n;
	ck_result r;

	if (out == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	/* Zero is CK_API_ERROR_NONE and every span empty. */
	memset(out, 0, sizeof *out);
	/* jsmn counts without storing when tokens is NULL: never let it. */
	if (tokens == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	r = ck_json_validate(body, CK_JSON_MAX_DEPTH);
	if (r != CK_OK) {
		return r;
	}
	/* jsmn keeps offsets in int: bodies past INT_LIMIT cannot be indexed. */
	if (body.len > (size_t)INT_LIMIT) {
		return CK_ERR_RESPONSE_TOO_COMPLEX;
	}
	/*
	 * A valid scalar document is not the documented shape; it must not
	 * reach jsmn either, which reports a bare top-level number as PART.
	 */
	if (!top_is_object(body)) {
		return CK_ERR_RESPONSE_UNEXPECTED;
	}
	jsmn_init(&parser);
	/* Only jsmntok_t ever reads or writes the storage (asserted above). */
	n = jsmn_parse(&parser, body.ptr, body.len, (jsmntok_t *)(void *)tokens,
		max_tokens > (size_t)INT_LIMIT ? (unsigned int)INT_LIMIT
		: (unsigned int)max_tokens);
	if (n == JSMN_ERROR_NOMEM) {
		return CK_ERR_RESPONSE_TOO_COMPLEX;
	}
	if (n < 1) {
		/* A validated document never gets here. */
		return CK_ERR_RESPONSE_INVALID_JSON;
	}
	d.body = body.ptr;
	d.tok = (const jsmntok_t *)(const void *)tokens;
	d.count = n;

	/*
	 * Each field under its parent object, absent when the parent is; a
	 * value of the wrong kind is unexpected, and so is a needed one that
	 * is missing. Every span is kept as it is found, so *out holds what
	 * the body had up to the first problem.
	 */
	for (f = 0; f < F_COUNT; f++, key += strlen(key) + 1) {
		unsigned kinds = FIELDS[f].kinds;
		int parent;
		int v;
		unsigned kind;
		ck_span text;

		if (f == F_RESULT && at[F_ERROR] != NO_TOKEN) {
			/* Code and Message are read: the Error is the answer. */
			return CK_ERR_API;
		}
		parent = FIELDS[f].parent == TOP ? 0 : at[FIELDS[f].parent];
		v = parent == NO_TOKEN ? NO_TOKEN
			: find_member(&d, parent, key);
		at[f] = NO_TOKEN;
		kind = v == NO_TOKEN ? 0 : kind_of(&d, v);
		if (v == NO_TOKEN || (kind == K_NULL && (kinds & K_NULL) != 0)) {
			if ((kinds & K_NEEDED) != 0 && parent != NO_TOKEN) {
				return CK_ERR_RESPONSE_UNEXPECTED;
			}
			continue;
		}
		if ((kind & kinds) == 0) {
			return CK_ERR_RESPONSE_UNEXPECTED;
		}
		at[f] = v;
		text = token_span(&d, v);
		if (FIELDS[f].span_at != NOWHERE) {
			memcpy((char *)out + FIELDS[f].span_at, &text, sizeof text);
		}
		if (f == F_CODE) {
			out->api_error = ck_api_error_from_code(text);
		} else if ((kinds & K_INT64) != 0) {
			bool flow = f == F_FLOW_ID;

			if (!parse_int64(text, flow ? &out->flow_id
				: &out->route_id)) {
				return CK_ERR_RESPONSE_UNEXPECTED;
			}
			*(flow ? &out->has_flow_id : &out->has_route_id) = true;
		}
	}
	return return_code_is_success(&d, at[F_RETURN_CODE]) ? CK_OK
		: CK_ERR_API_RETURN_CODE;
}
