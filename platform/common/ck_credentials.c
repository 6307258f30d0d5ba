/*
 * ck_credentials.c -- the SDKs' credential chain (ck_credentials.h).
 */
#include "ck_credentials.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ck_cli.h"
#include "ck_secure_zero.h"
#include "ck_text.h"

static char file_text[CK_CREDENTIALS_FILE_MAX + 1];
static char id_copy[CK_CREDENTIALS_ID_MAX + 1];
static char key_copy[CK_CREDENTIALS_KEY_MAX + 1];
static char token_copy[CK_CREDENTIALS_TOKEN_MAX + 1];
static char home_path[PATH_MAX];

void
ck_credentials_wipe(void)
{
	ck_secure_zero(file_text, sizeof file_text);
	ck_secure_zero(id_copy, sizeof id_copy);
	ck_secure_zero(key_copy, sizeof key_copy);
	ck_secure_zero(token_copy, sizeof token_copy);
}

/* "PROG: credentials file 'PATH' (profile 'NAME')" */
static void
put_file(FILE *err, const char *prog, const char *path, const char *profile)
{
	fprintf(err, "%s: credentials file '", prog);
	ck_cli_put_text(err, path, strlen(path));
	fputs("'", err);
	if (profile != NULL) {
		fputs(" (profile '", err);
		ck_cli_put_text(err, profile, strlen(profile));
		fputs("')", err);
	}
}

static bool
from_environment(const char *prog, const ck_credentials_env *env,
	ck_credentials *out, FILE *err)
{
	out->secret_id = env->secret_id;
	out->secret_key = env->secret_key;
	out->token = env->token != NULL && env->token[0] != '\0'
		? env->token : NULL;
	out->source = "the environment";
	if (ck_text_has_control(ck_span_from_str(out->secret_id))) {
		fprintf(err, "%s: credentials from the environment: "
			"TENCENTCLOUD_SECRET_ID holds a control character; it "
			"cannot go in a request header. Nothing was sent.\n",
			prog);
		return false;
	}
	if (out->token != NULL
		&& ck_text_has_control(ck_span_from_str(out->token))) {
		fprintf(err, "%s: credentials from the environment: "
			"TENCENTCLOUD_SESSION_TOKEN holds a control character; "
			"it cannot go in a request header. Nothing was sent.\n",
			prog);
		return false;
	}
	return true;
}

/*
 * Open the profile file as ssh opens a key: a regular file of this user
 * (or root) that nobody else may read or write. 1 read into file_text,
 * 0 when it does not exist, -1 after saying why it cannot be used.
 */
static int
read_file(const char *prog, const char *path, size_t *len, FILE *err)
{
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);

	if (fd < 0 && errno == ENOENT) {
		return 0;
	}
	if (fd < 0 && errno == ELOOP) {
		/* A symlink: follow it, and check what it leads to. */
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	}
	if (fd < 0) {
		int saved = errno;

		if (saved == ENOENT) {
			return 0;
		}
		put_file(err, prog, path, NULL);
		fprintf(err, " cannot be opened: %s. Nothing was sent.\n",
			strerror(saved));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		put_file(err, prog, path, NULL);
		fputs(" is not a regular file. Nothing was sent.\n", err);
		return -1;
	}
	if (st.st_uid != getuid() && st.st_uid != 0) {
		close(fd);
		put_file(err, prog, path, NULL);
		fprintf(err, " belongs to user %lu, not to you (%lu) or root: "
			"refused, as ssh refuses such a key. Nothing was sent.\n",
			(unsigned long)st.st_uid, (unsigned long)getuid());
		return -1;
	}
	if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		close(fd);
		put_file(err, prog, path, NULL);
		fprintf(err, " is open to group or others (mode %04o): its "
			"secret key is not private. Run: chmod 600 ",
			(unsigned)(st.st_mode & 07777));
		ck_cli_put_text(err, path, strlen(path));
		fputs(". Nothing was sent.\n", err);
		return -1;
	}
	if (st.st_size > (off_t)CK_CREDENTIALS_FILE_MAX) {
		close(fd);
		put_file(err, prog, path, NULL);
		fprintf(err, " is larger than %u bytes. Nothing was sent.\n",
			CK_CREDENTIALS_FILE_MAX);
		return -1;
	}
	*len = 0;
	while (*len < CK_CREDENTIALS_FILE_MAX
		&& (n = read(fd, file_text + *len,
			CK_CREDENTIALS_FILE_MAX - *len)) != 0) {
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			int saved = errno;

			close(fd);
			put_file(err, prog, path, NULL);
			fprintf(err, " cannot be read: %s. Nothing was sent.\n",
				strerror(saved));
			return -1;
		}
		*len += (size_t)n;
	}
	close(fd);
	file_text[*len] = '\0';
	return 1;
}

static ck_span
trim(const char *b, const char *e)
{
	while (b < e && (*b == ' ' || *b == '\t')) {
		b++;
	}
	while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) {
		e--;
	}
	return ck_span_make(b, (size_t)(e - b));
}

/* A value into its copy; false if it does not fit. */
static bool
keep(ck_span v, char *copy, size_t cap, const char **out)
{
	if (v.len >= cap) {
		return false;
	}
	memcpy(copy, v.ptr, v.len);
	copy[v.len] = '\0';
	*out = copy;
	return true;
}

/*
 * The profile's keys out of file_text: INI, "[name]" sections, "key =
 * value" lines, '#' and ';' comments. Returns whether the section was
 * found; a value that is too long is reported and fails.
 */
static bool
parse_profile(const char *prog, const char *path, const char *profile,
	size_t len, ck_credentials *out, bool *section_found, FILE *err)
{
	const char *s = file_text, *end = file_text + len;
	bool in_section = false;

	*section_found = false;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl != NULL ? nl : end;
		ck_span line = trim(s, e);

		s = nl != NULL ? nl + 1 : end;
		if (line.len == 0 || line.ptr[0] == '#' || line.ptr[0] == ';') {
			continue;
		}
		if (line.ptr[0] == '[' && line.ptr[line.len - 1] == ']') {
			ck_span name = trim(line.ptr + 1, line.ptr + line.len - 1);

			in_section = ck_span_eq_str(name, profile);
			*section_found = *section_found || in_section;
			continue;
		}
		if (in_section) {
			const char *eq = memchr(line.ptr, '=', line.len);
			ck_span k, v;
			const char *what = NULL;
			bool ok = true;

			if (eq == NULL) {
				continue;
			}
			k = trim(line.ptr, eq);
			v = trim(eq + 1, line.ptr + line.len);
			if (ck_span_eq_str(k, "secret_id")) {
				what = "secret_id";
				ok = keep(v, id_copy, sizeof id_copy,
					&out->secret_id);
			} else if (ck_span_eq_str(k, "secret_key")) {
				what = "secret_key";
				ok = keep(v, key_copy, sizeof key_copy,
					&out->secret_key);
			} else if (ck_span_eq_str(k, "token")) {
				what = "token";
				ok = keep(v, token_copy, sizeof token_copy,
					&out->token);
			}
			if (!ok) {
				put_file(err, prog, path, profile);
				fprintf(err, ": %s is too long. Nothing was "
					"sent.\n", what);
				return false;
			}
		}
	}
	return true;
}

static bool
from_file(const char *prog, const char *path, const char *profile,
	size_t len, ck_credentials *out, FILE *err)
{
	bool found;
	const char *missing = NULL;

	out->secret_id = out->secret_key = out->token = NULL;
	out->source = path;
	if (!parse_profile(prog, path, profile, len, out, &found, err)) {
		ck_secure_zero(file_text, sizeof file_text);
		return false;
	}
	ck_secure_zero(file_text, sizeof file_text);
	if (!found) {
		put_file(err, prog, path, NULL);
		fputs(" has no section [", err);
		ck_cli_put_text(err, profile, strlen(profile));
		fputs("]", err);
		if (strcmp(profile, "default") == 0) {
			fputs(" (--profile NAME picks another)", err);
		}
		fputs(". Nothing was sent.\n", err);
		return false;
	}
	if (out->secret_id == NULL || out->secret_id[0] == '\0') {
		missing = "secret_id";
	} else if (out->secret_key == NULL || out->secret_key[0] == '\0') {
		missing = "secret_key";
	}
	if (missing != NULL) {
		put_file(err, prog, path, profile);
		fprintf(err, " has no %s. Nothing was sent.\n", missing);
		return false;
	}
	if (out->token != NULL && out->token[0] == '\0') {
		out->token = NULL;
	}
	if (ck_text_has_control(ck_span_from_str(out->secret_id))
		|| ck_text_has_control(ck_span_from_str(out->secret_key))
		|| (out->token != NULL
			&& ck_text_has_control(ck_span_from_str(out->token)))) {
		put_file(err, prog, path, profile);
		fputs(": a value holds a control character; it cannot go in a "
			"request header. Nothing was sent.\n", err);
		return false;
	}
	return true;
}

bool
ck_credentials_find(const char *prog, const char *profile,
	const ck_credentials_env *env, const char *home, const char *etc_path,
	ck_credentials *out, FILE *err)
{
	const char *name = profile != NULL ? profile : "default";
	const char *paths[2];
	size_t i, count = 0;
	bool has_id = env->secret_id != NULL && env->secret_id[0] != '\0';
	bool has_key = env->secret_key != NULL && env->secret_key[0] != '\0';

	memset(out, 0, sizeof *out);
	/* --profile names a file's section: the environment is not one. */
	if (profile == NULL && has_id && has_key) {
		return from_environment(prog, env, out, err);
	}
	if (profile == NULL && has_id != has_key) {
		/* Half a pair is a mistake, not a reason to look elsewhere. */
		fprintf(err, "%s: credentials from the environment: %s is set "
			"but %s is not. Nothing was sent.\n", prog,
			has_id ? "TENCENTCLOUD_SECRET_ID"
				: "TENCENTCLOUD_SECRET_KEY",
			has_id ? "TENCENTCLOUD_SECRET_KEY"
				: "TENCENTCLOUD_SECRET_ID");
		return false;
	}
	if (home != NULL && home[0] != '\0'
		&& (size_t)snprintf(home_path, sizeof home_path, "%s/%s", home,
			CK_CREDENTIALS_HOME) < sizeof home_path) {
		paths[count++] = home_path;
	}
	paths[count++] = etc_path;
	for (i = 0; i < count; i++) {
		size_t len = 0;
		int got = read_file(prog, paths[i], &len, err);

		if (got < 0) {
			return false;
		}
		if (got > 0) {
			return from_file(prog, paths[i], name, len, out, err);
		}
	}
	fprintf(err, "%s: no credentials: ", prog);
	if (profile == NULL) {
		fputs("TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are "
			"not set, and ", err);
	} else {
		fputs("--profile '", err);
		ck_cli_put_text(err, profile, strlen(profile));
		fputs("' needs a credentials file, but ", err);
	}
	for (i = 0; i < count; i++) {
		fputs(count == 1 ? "'" : i == 0 ? "neither '" : " nor '", err);
		ck_cli_put_text(err, paths[i], strlen(paths[i]));
		fputs("'", err);
	}
	fputs(count == 1 ? " does not exist" : " exists", err);
	fputs(" (a profile file: INI, [default] with secret_id and secret_key)."
		" Nothing was sent.\n", err);
	return false;
}
