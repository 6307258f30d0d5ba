/*
 * jsmn_default.c -- jsmn built as core/ck_response_decoder.c builds it
 * (parent links, default mode), for fuzz_json_validator.c to compare with
 * strict jsmn: jsmn's functions are static, so each mode needs a file.
 */
#define JSMN_STATIC
#define JSMN_PARENT_LINKS
#include <jsmn.h>

int fuzz_jsmn_default_parse(const char *js, size_t len, jsmntok_t *tokens,
	unsigned int num_tokens);

int
fuzz_jsmn_default_parse(const char *js, size_t len, jsmntok_t *tokens,
	unsigned int num_tokens)
{
	jsmn_parser parser;

	jsmn_init(&parser);
	return jsmn_parse(&parser, js, len, tokens, num_tokens);
}
