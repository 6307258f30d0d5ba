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
#include <unistd.h>

#include "ck_posix_platform.h"

/* A pipe whose ends a child does not inherit unless told to. */
static int
cloexec_pipe(int *fds)
{
	if (pipe(fds) != 0) {
		return -1;
	}
	if (fcntl(fds[0], F_SETFD, FD_CLOEXEC) != 0
		|| fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0) {
		close(fds[0]);
		close(fds[1]);
		fds[0] = fds[1] = -1;
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

/* Reports as they come: whole entries go to on_report, the rest waits. */
typedef struct {
	char buf[CK_QEMU_REPORT_MAX + CK_QEMU_REPORT_HEAD_MAX + 1];
	size_t len;
} report_stream;

static report_stream reports;

/* Whole entries out of the stream; false once it is not one. */
static bool
take_reports(const ck_qemu_run_options *o, ck_qemu_run_result *out)
{
	for (;;) {
		size_t used;
		ck_span rep;
		int got = ck_qemu_report_take(reports.buf, reports.len, &used,
			&rep);

		if (got < 0) {
			out->report_malformed = true;
			return false;
		}
		if (got == 0) {
			return true;
		}
		out->reports++;
		if (o->on_report != NULL) {
			o->on_report(o->ctx, rep.ptr, rep.len);
		}
		memmove(reports.buf, reports.buf + used, reports.len - used);
		reports.len -= used;
	}
}

static void
close_all(int *fds, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (fds[i] >= 0) {
			close(fds[i]);
			fds[i] = -1;
		}
	}
}

int
ck_qemu_run(const ck_qemu_run_options *o, const char *job, size_t len,
	ck_qemu_run_result *out, const char **why)
{
	/* job read end, job write end, report read end, report write end,
	 * console read end, console write end */
	int fd[6] = { -1, -1, -1, -1, -1, -1 };
	struct sigaction ignore, saved_pipe;
	struct stat st;
	uint64_t start, deadline;
	pid_t pid;
	size_t sent = 0;
	bool report_open = true, console_open = true;
	int wstatus = 0;

	memset(out, 0, sizeof *out);
	reports.len = 0;
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
	if (len > CK_QEMU_JOB_MAX) {
		*why = "the job is larger than the image reads";
		return -1;
	}
	if (cloexec_pipe(fd) != 0 || cloexec_pipe(fd + 2) != 0
		|| cloexec_pipe(fd + 4) != 0
		|| fcntl(fd[1], F_SETFL, O_NONBLOCK) != 0) {
		close_all(fd, 6);
		*why = "no pipe";
		return -1;
	}
	/* A job larger than the pipe is written while the image reads it;
	 * an image that stops reading must not kill this process. */
	memset(&ignore, 0, sizeof ignore);
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGPIPE, &ignore, &saved_pipe);

	start = ck_posix_monotonic_ms(NULL);
	pid = fork();
	if (pid < 0) {
		*why = "cannot start a process";
		close_all(fd, 6);
		sigaction(SIGPIPE, &saved_pipe, NULL);
		return -1;
	}
	if (pid == 0) {
		child(o, fd[0], fd[3], fd[5]);
	}
	close(fd[0]);
	close(fd[3]);
	close(fd[5]);
	fd[0] = fd[3] = fd[5] = -1;

	deadline = start + o->watchdog_ms;
	while (report_open || console_open) {
		struct pollfd fds[3];
		nfds_t n = 0;
		uint64_t now = ck_posix_monotonic_ms(NULL);
		int i;

		if (now >= deadline) {
			kill(pid, SIGKILL);
			out->timed_out = true;
			break;
		}
		if (fd[1] >= 0) {
			fds[n].fd = fd[1];
			fds[n].events = POLLOUT;
			n++;
		}
		if (report_open) {
			fds[n].fd = fd[2];
			fds[n].events = POLLIN;
			n++;
		}
		if (console_open) {
			fds[n].fd = fd[4];
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
			if (fds[i].fd == fd[1]) {
				got = write(fd[1], job + sent, len - sent);
				if (got > 0) {
					sent += (size_t)got;
				}
				/* All of it, or an image that closed its end. */
				if (sent == len || (got < 0 && errno != EAGAIN
					&& errno != EINTR)) {
					close(fd[1]);
					fd[1] = -1;
				}
			} else if (fds[i].fd == fd[2]) {
				size_t room;

				if (out->report_malformed) {
					reports.len = 0;   /* drained, dropped */
				}
				room = sizeof reports.buf - reports.len;
				got = read(fd[2], reports.buf + reports.len, room);
				if (got > 0 && !out->report_malformed) {
					size_t before = out->reports;

					reports.len += (size_t)got;
					take_reports(o, out);
					if (out->reports != before) {
						/* Progress: the next call has its
						 * own time. */
						deadline = ck_posix_monotonic_ms(NULL) + o->watchdog_ms;
					}
				}
				if (got == 0 || (got < 0 && errno != EINTR)) {
					report_open = false;
				}
			} else {
				got = read(fd[4], buf, sizeof buf);
				if (got > 0) {
					keep_tail(out, buf, (size_t)got);
				}
				if (got == 0 || (got < 0 && errno != EINTR)) {
					console_open = false;
				}
			}
		}
	}
	close_all(fd, 6);
	while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
	}
	sigaction(SIGPIPE, &saved_pipe, NULL);
	out->wall_ms = ck_posix_monotonic_ms(NULL) - start;
	if (reports.len > 0 && !out->report_malformed) {
		/* Bytes left that never made a whole entry. */
		out->report_malformed = true;
	}
	if (!out->timed_out && WIFEXITED(wstatus)) {
		out->exited = true;
		out->status = WEXITSTATUS(wstatus);
	}
	return 0;
}
