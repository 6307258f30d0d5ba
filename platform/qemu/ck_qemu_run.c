/*
 * ck_qemu_run.c -- one run of the firmware under QEMU (ck_qemu_run.h).
 */
#include "ck_qemu_run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* A pipe whose ends a child does not inherit unless told to. */
static int
cloexec_pipe(int fds[2])
{
	if (pipe(fds) != 0) {
		return -1;
	}
	if (fcntl(fds[0], F_SETFD, FD_CLOEXEC) != 0
		|| fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	return 0;
}

/* A name without a slash is looked up in PATH, as execvp will. */
static bool
runnable(const char *prog)
{
	const char *path, *p;
	char full[4096];

	if (strchr(prog, '/') != NULL) {
		return access(prog, X_OK) == 0;
	}
	path = getenv("PATH");
	for (p = path; p != NULL && *p != '\0';) {
		const char *end = strchr(p, ':');
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);

		if (n > 0 && n + 1 + strlen(prog) < sizeof full) {
			memcpy(full, p, n);
			full[n] = '/';
			strcpy(full + n + 1, prog);
			if (access(full, X_OK) == 0) {
				return true;
			}
		}
		p = end != NULL ? end + 1 : NULL;
	}
	return false;
}

/* Keep the last CK_QEMU_CONSOLE_TAIL bytes of the console. */
static void
keep_tail(ck_qemu_run_result *out, const char *data, size_t n)
{
	size_t cap = CK_QEMU_CONSOLE_TAIL;

	if (n >= cap) {
		memcpy(out->console, data + n - cap, cap);
		out->console_len = cap;
	} else {
		if (out->console_len + n > cap) {
			size_t drop = out->console_len + n - cap;

			memmove(out->console, out->console + drop,
				out->console_len - drop);
			out->console_len -= drop;
		}
		memcpy(out->console + out->console_len, data, n);
		out->console_len += n;
	}
	out->console[out->console_len] = '\0';
}

static void
child(const ck_qemu_run_options *o, int job_fd, int report_fd, int console_fd)
{
	char semihosting[128];
	char *argv[24];
	int argc = 0, null_fd;

	null_fd = open("/dev/null", O_RDONLY);
	if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(console_fd, 1) < 0
		|| dup2(console_fd, 2) < 0) {
		_exit(127);
	}
	/* The two pipe ends the image opens stay open across exec. */
	if (fcntl(job_fd, F_SETFD, 0) < 0 || fcntl(report_fd, F_SETFD, 0) < 0) {
		_exit(127);
	}
	snprintf(semihosting, sizeof semihosting,
		"enable=on,target=native,arg=ckafka-fw,arg=/dev/fd/%d,"
		"arg=/dev/fd/%d", job_fd, report_fd);
	argv[argc++] = (char *)o->qemu;
	argv[argc++] = "-M";
	argv[argc++] = "mps2-an386";
	argv[argc++] = "-nodefaults";
	argv[argc++] = "-display";
	argv[argc++] = "none";
	argv[argc++] = "-serial";
	argv[argc++] = "stdio";
	argv[argc++] = "-semihosting-config";
	argv[argc++] = semihosting;
	argv[argc++] = "-nic";
	argv[argc++] = "user,model=lan9118";
	argv[argc++] = "-no-reboot";
	if (o->icount) {
		argv[argc++] = "-icount";
		argv[argc++] = "shift=0";
	}
	argv[argc++] = "-kernel";
	argv[argc++] = (char *)o->image;
	argv[argc] = NULL;
	execvp(o->qemu, argv);
	_exit(127);
}

int
ck_qemu_run(const ck_qemu_run_options *o, const char *job, size_t len,
	ck_qemu_run_result *out, const char **why)
{
	int job_pipe[2], report_pipe[2], console_pipe[2];
	struct stat st;
	uint64_t start, deadline;
	pid_t pid;
	bool report_open = true, console_open = true;
	int wstatus = 0;

	memset(out, 0, sizeof *out);
	if (!runnable(o->qemu)) {
		*why = "no emulator (install Debian's qemu-system-arm, or set "
			"CKAFKA_QEMU)";
		return -1;
	}
	if (stat(o->image, &st) != 0 || !S_ISREG(st.st_mode)) {
		*why = "no firmware image (make firmware-qemu, or set "
			"CKAFKA_QEMU_IMAGE)";
		return -1;
	}
	if (len > 65536) {
		*why = "the job is larger than a pipe holds";
		return -1;
	}
	if (cloexec_pipe(job_pipe) != 0) {
		*why = "no pipe";
		return -1;
	}
	if (cloexec_pipe(report_pipe) != 0) {
		close(job_pipe[0]);
		close(job_pipe[1]);
		*why = "no pipe";
		return -1;
	}
	if (cloexec_pipe(console_pipe) != 0) {
		close(job_pipe[0]);
		close(job_pipe[1]);
		close(report_pipe[0]);
		close(report_pipe[1]);
		*why = "no pipe";
		return -1;
	}
	/* The whole job fits the pipe's buffer: written before QEMU starts. */
	if (write(job_pipe[1], job, len) != (ssize_t)len) {
		*why = "cannot write the job";
		close(job_pipe[0]);
		close(job_pipe[1]);
		close(report_pipe[0]);
		close(report_pipe[1]);
		close(console_pipe[0]);
		close(console_pipe[1]);
		return -1;
	}
	close(job_pipe[1]);

	start = now_ms();
	pid = fork();
	if (pid < 0) {
		*why = "cannot start a process";
		close(job_pipe[0]);
		close(report_pipe[0]);
		close(report_pipe[1]);
		close(console_pipe[0]);
		close(console_pipe[1]);
		return -1;
	}
	if (pid == 0) {
		child(o, job_pipe[0], report_pipe[1], console_pipe[1]);
	}
	close(job_pipe[0]);
	close(report_pipe[1]);
	close(console_pipe[1]);

	deadline = start + o->watchdog_ms;
	while (report_open || console_open) {
		struct pollfd fds[2];
		nfds_t n = 0;
		uint64_t now = now_ms();
		int i;

		if (now >= deadline) {
			kill(pid, SIGKILL);
			out->timed_out = true;
			break;
		}
		if (report_open) {
			fds[n].fd = report_pipe[0];
			fds[n].events = POLLIN;
			n++;
		}
		if (console_open) {
			fds[n].fd = console_pipe[0];
			fds[n].events = POLLIN;
			n++;
		}
		if (poll(fds, n, (int)(deadline - now > 1000 ? 1000
			: deadline - now)) < 0 && errno != EINTR) {
			kill(pid, SIGKILL);
			break;
		}
		for (i = 0; i < (int)n; i++) {
			char buf[4096];
			ssize_t got;

			if (fds[i].revents == 0) {
				continue;
			}
			if (fds[i].fd == report_pipe[0]) {
				size_t room = CK_QEMU_REPORT_MAX - out->report_len;

				got = read(report_pipe[0], out->report
					+ out->report_len, room > 0 ? room : 1);
				if (room == 0 && got > 0) {
					out->report_too_long = true;
				} else if (got > 0) {
					out->report_len += (size_t)got;
				}
				if (got == 0 || (got < 0 && errno != EINTR)) {
					report_open = false;
				}
			} else {
				got = read(console_pipe[0], buf, sizeof buf);
				if (got > 0) {
					keep_tail(out, buf, (size_t)got);
				}
				if (got == 0 || (got < 0 && errno != EINTR)) {
					console_open = false;
				}
			}
		}
	}
	close(report_pipe[0]);
	close(console_pipe[0]);
	while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
	}
	out->wall_ms = now_ms() - start;
	out->report[out->report_len] = '\0';
	if (!out->timed_out && WIFEXITED(wstatus)) {
		out->exited = true;
		out->status = WEXITSTATUS(wstatus);
	}
	return 0;
}
