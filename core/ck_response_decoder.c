/*
 * ck_response_decoder.c -- Response.Result / Response.Error, by path.
 *
 * Three passes over the body, each trusting the one before it:
 *   1. ck_json_validate: the body is one strict RFC 8259 value, at most
 *      CK_JSON_MAX_DEPTH deep. jsmn alone accepts invalid JSON, so no token
 *      is looked at before this has passed.
 *   2. jsmn (strict, parent links) writes tokens into the caller's array.
 *   3. Fields are found by key under their parent object; values of any
 *      other key are skipped whole, so unknown fields are ignored at every
 *      level. With duplicate keys the first one wins (RFC 8259 leaves this
 *      open; the first is what a streaming reader would have acted on).
 */
#define JSMN_STATIC
#define JSMN_PARENT_LINKS
#define JSMN_STRICT
#include <jsmn.h>

#include "ck_response_decoder.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ck_config.h"
#include "ck_json_validator.h"
#include "ck_text.h"

/*
 * ck_json_token is the caller-visible storage for a jsmntok_t: jsmn writes
 * straight into the caller's ck_json_token array through a cast. That is
 * sound only while the two layouts match member for member, which these
 * assertions prove at compile time. (jsmntype_t is an enum whose
 * compatible type is int or unsigned int, so an int member may hold it.)
 */
_Static_assert(sizeof(ck_json_token) == sizeof(jsmntok_t),
	"ck_json_token must match jsmntok_t");
_Static_assert(_Alignof(ck_json_token) == _Alignof(jsmntok_t),
	"ck_json_token must match jsmntok_t alignment");
_Static_assert(sizeof(((jsmntok_t *)0)->type) == sizeof(int),
	"jsmntype_t must be int-sized");
_Static_assert(offsetof(ck_json_token, type) == offsetof(jsmntok_t, type),
	"type offset");
_Static_assert(offsetof(ck_json_token, start) == offsetof(jsmntok_t, start),
	"start offset");
_Static_assert(offsetof(ck_json_token, end) == offsetof(jsmntok_t, end),
	"end offset");
_Static_assert(offsetof(ck_json_token, size) == offsetof(jsmntok_t, size),
	"size offset");
_Static_assert(offsetof(ck_json_token, parent)
	== offsetof(jsmntok_t, parent), "parent offset");

/* Largest int, without <limits.h> (not in the core's allowed set). */
#define INT_LIMIT ((int)(~0u >> 1))

/* Not a token index: the key is absent. */
#define NO_TOKEN (-1)

/* A parsed document: the body and the tokens jsmn made of it. */
typedef struct {
	const char *body;
	const ck_json_token *tok;
	int count;
} token_doc;

static ck_span
token_span(const token_doc *d, int i)
{
	return ck_span_make(d->body + d->tok[i].start,
		(size_t)(d->tok[i].end - d->tok[i].start));
}

static bool
token_is(const token_doc *d, int i, int type)
{
	return i != NO_TOKEN && d->tok[i].type == type;
}

static bool
token_is_null(const token_doc *d, int i)
{
	return token_is(d, i, JSMN_PRIMITIVE) && d->body[d->tok[i].start] == 'n';
}

static bool
token_is_number(const token_doc *d, int i)
{
	char c;

	if (!token_is(d, i, JSMN_PRIMITIVE)) {
		return false;
	}
	c = d->body[d->tok[i].start];
	return c == '-' || (c >= '0' && c <= '9');
}

/*
 * The index just past the value at `i` and everything nested in it: jsmn
 * lays tokens out in document order, so the nested ones are exactly those
 * that start before the value ends.
 */
static int
skip_value(const token_doc *d, int i)
{
	int end = d->tok[i].end;
	int j = i + 1;

	while (j < d->count && d->tok[j].start < end) {
		j++;
	}
	return j;
}

/*
 * The value token of the first member named `key` (compared with the raw
 * string content) in the object at `obj`, or NO_TOKEN.
 */
static int
find_member(const token_doc *d, int obj, const char *key)
{
	int members;
	int j;

	if (!token_is(d, obj, JSMN_OBJECT)) {
		return NO_TOKEN;
	}
	members = d->tok[obj].size;
	j = obj + 1;
	while (members-- > 0 && j + 1 < d->count) {
		if (d->tok[j].type != JSMN_STRING) {
			return NO_TOKEN; /* cannot happen after validation */
		}
		if (ck_span_eq_str(token_span(d, j), key)) {
			return j + 1;
		}
		j = skip_value(d, j + 1);
	}
	return NO_TOKEN;
}

/*
 * An optional string member: absent or null leaves *out empty; any other
 * type is CK_ERR_RESPONSE_UNEXPECTED.
 */
static ck_result
optional_string(const token_doc *d, int obj, const char *key, ck_span *out)
{
	int v = find_member(d, obj, key);

	if (v == NO_TOKEN || token_is_null(d, v)) {
		return CK_OK;
	}
	if (!token_is(d, v, JSMN_STRING)) {
		return CK_ERR_RESPONSE_UNEXPECTED;
	}
	*out = token_span(d, v);
	return CK_OK;
}

/*
 * A number token as int64: digits only, no fraction or exponent (an
 * integer written "1.0" or "1e3" is refused rather than guessed at), and
 * within INT64_MIN..INT64_MAX.
 */
static bool
parse_int64(ck_span s, int64_t *out)
{
	bool negative = s.len > 0 && s.ptr[0] == '-';
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

/* An optional integer member: absent or null clears *has. */
static ck_result
optional_int64(const token_doc *d, int obj, const char *key, bool *has,
	int64_t *out)
{
	int v = find_member(d, obj, key);

	*has = false;
	if (v == NO_TOKEN || token_is_null(d, v)) {
		return CK_OK;
	}
	if (!token_is_number(d, v) || !parse_int64(token_span(d, v), out)) {
		return CK_ERR_RESPONSE_UNEXPECTED;
	}
	*has = true;
	return CK_OK;
}

/*
 * An optional object member: sets *obj to its token, or NO_TOKEN when
 * absent or (if `nullable`) null.
 */
static ck_result
optional_object(const token_doc *d, int parent, const char *key,
	bool nullable, int *obj)
{
	int v = find_member(d, parent, key);

	*obj = NO_TOKEN;
	if (v == NO_TOKEN || (nullable && token_is_null(d, v))) {
		return CK_OK;
	}
	if (!token_is(d, v, JSMN_OBJECT)) {
		return CK_ERR_RESPONSE_UNEXPECTED;
	}
	*obj = v;
	return CK_OK;
}

/* A number whose value is zero: every mantissa digit is '0'. */
static bool
number_is_zero(ck_span s)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		char c = s.ptr[i];
		if (c == 'e' || c == 'E') {
			break;
		}
		if (c >= '1' && c <= '9') {
			return false;
		}
	}
	return true;
}

/*
 * ReturnCode success: the string "0" or "OK" (any case), or the number 0.
 * The string is compared after unescaping, so "\u004fK" counts as "OK";
 * anything longer than the longest success text is a failure code.
 */
static bool
return_code_is_success(const token_doc *d, int v)
{
	char text[4];
	size_t n;
	ck_span s;

	if (token_is_number(d, v)) {
		return number_is_zero(token_span(d, v));
	}
	if (ck_json_unescape(token_span(d, v), text, sizeof text, &n) != CK_OK) {
		return false;
	}
	s = ck_span_make(text, n);
	return ck_span_eq_str(s, "0") || ck_text_eq_nocase(s, "ok");
}

static ck_result
decode_error(const token_doc *d, int err, ck_offsets_response *out)
{
	int code = find_member(d, err, "Code");
	ck_result r;

	if (!token_is(d, code, JSMN_STRING)) {
		return CK_ERR_RESPONSE_UNEXPECTED;
	}
	out->error_code = token_span(d, code);
	out->api_error = ck_api_error_from_code(out->error_code);
	r = optional_string(d, err, "Message", &out->error_message);
	return r != CK_OK ? r : CK_ERR_API;
}

static ck_result
decode_result(const token_doc *d, int res, ck_offsets_response *out)
{
	int code = find_member(d, res, "ReturnCode");
	int data;
	int route;
	ck_result r;

	if (!token_is(d, code, JSMN_STRING) && !token_is_number(d, code)) {
		return CK_ERR_RESPONSE_UNEXPECTED;
	}
	out->return_code = token_span(d, code);
	r = optional_string(d, res, "ReturnMessage", &out->return_message);
	if (r != CK_OK) {
		return r;
	}
	r = optional_object(d, res, "Data", true, &data);
	if (r != CK_OK || data == NO_TOKEN) {
		goto done;
	}
	r = optional_int64(d, data, "FlowId", &out->has_flow_id,
		&out->flow_id);
	if (r != CK_OK) {
		return r;
	}
	r = optional_object(d, data, "RouteDTO", true, &route);
	if (r != CK_OK || route == NO_TOKEN) {
		goto done;
	}
	r = optional_int64(d, route, "RouteId", &out->has_route_id,
		&out->route_id);
done:
	if (r != CK_OK) {
		return r;
	}
	return return_code_is_success(d, code) ? CK_OK : CK_ERR_API_RETURN_CODE;
}

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
	unsigned int num_tokens;
	int n;
	int response;
	int err;
	int res;
	ck_result r;

	if (out == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	memset(out, 0, sizeof *out);
	out->api_error = CK_API_ERROR_NONE;
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
	num_tokens = max_tokens > (size_t)INT_LIMIT ? (unsigned int)INT_LIMIT
		: (unsigned int)max_tokens;

	jsmn_init(&parser);
	/* Layout of ck_json_token == jsmntok_t is asserted above. */
	n = jsmn_parse(&parser, body.ptr, body.len, (jsmntok_t *)tokens,
		num_tokens);
	if (n == JSMN_ERROR_NOMEM) {
		return CK_ERR_RESPONSE_TOO_COMPLEX;
	}
	if (n < 1) {
		/* A validated document never gets here. */
		return CK_ERR_RESPONSE_INVALID_JSON;
	}
	d.body = body.ptr;
	d.tok = tokens;
	d.count = n;

	r = optional_object(&d, 0, "Response", false, &response);
	if (r != CK_OK || response == NO_TOKEN) {
		return CK_ERR_RESPONSE_UNEXPECTED;
	}
	r = optional_string(&d, response, "RequestId", &out->request_id);
	if (r != CK_OK) {
		return r;
	}
	/* An Error wins over a Result when a body carries both. */
	r = optional_object(&d, response, "Error", false, &err);
	if (r != CK_OK) {
		return r;
	}
	if (err != NO_TOKEN) {
		return decode_error(&d, err, out);
	}
	r = optional_object(&d, response, "Result", false, &res);
	if (r != CK_OK || res == NO_TOKEN) {
		return CK_ERR_RESPONSE_UNEXPECTED;
	}
	return decode_result(&d, res, out);
}
