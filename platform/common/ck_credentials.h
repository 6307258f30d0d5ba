/*
 * ck_credentials.h -- where the tools find their credentials, the way
 * Tencent Cloud's SDKs do: the environment (TENCENTCLOUD_SECRET_ID,
 * TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SESSION_TOKEN), else the profile
 * file ~/.tencentcloud/credentials, else /etc/tencentcloud/credentials.
 *
 * The file is the SDKs' profile file: INI, a section per profile
 * ("[default]" unless --profile names another), keys secret_id,
 * secret_key and, for temporary credentials, token. Like ssh with its
 * keys, a file that group or others may read or write, or that belongs to
 * another user, is refused with the chmod that fixes it.
 *
 * Host only (files, stdio for the messages). The secrets are copied into
 * static storage, the file's bytes wiped once read; ck_credentials_wipe
 * wipes the copies.
 */
#ifndef CK_CREDENTIALS_H
#define CK_CREDENTIALS_H

#include <stdbool.h>
#include <stdio.h>

/* The system-wide profile file. */
#define CK_CREDENTIALS_ETC "/etc/tencentcloud/credentials"

/* The profile file under $HOME. */
#define CK_CREDENTIALS_HOME ".tencentcloud/credentials"

/* Largest profile file read. */
#define CK_CREDENTIALS_FILE_MAX 65536u

/* Longest secret_id, secret_key and token kept. */
#define CK_CREDENTIALS_ID_MAX 255u
#define CK_CREDENTIALS_KEY_MAX 255u
#define CK_CREDENTIALS_TOKEN_MAX 2047u

typedef struct {
	const char *secret_id;
	const char *secret_key;
	const char *token;         /* NULL: none */
	const char *source;        /* "the environment", or the file's path */
} ck_credentials;

/* What the environment held (NULL: unset), already taken out of it. */
typedef struct {
	const char *secret_id;
	const char *secret_key;
	const char *token;
} ck_credentials_env;

/*
 * Find the credentials: `env` when it holds both the id and the key (and
 * no --profile was given); else the profile `profile` (NULL: "default")
 * of the first file that exists of `home`/CK_CREDENTIALS_HOME (`home` may
 * be NULL) and `etc_path`. On failure prints "PROG: credentials ..." to
 * `err` -- which source was used and what is missing or wrong, never a
 * secret -- and returns false.
 */
bool ck_credentials_find(const char *prog, const char *profile,
	const ck_credentials_env *env, const char *home, const char *etc_path,
	ck_credentials *out, FILE *err);

/* Wipe the copies ck_credentials_find made. */
void ck_credentials_wipe(void);

#endif /* CK_CREDENTIALS_H */
