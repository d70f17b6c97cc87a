// child-rusage: runs a command as a grandchild of the bench and reports that command's own
// resource use.
//
// Why a separate small C program: Linux keeps a process's peak RSS (ru_maxrss) across execve,
// taking the high-water mark of the memory the process had before the exec. A child that the
// bench starts with posix_spawn (vfork-like: it shares the bench's memory until it execs) or
// with fork (a copy of the bench's memory map, high-water mark included) therefore reports the
// bench's own peak: gigabytes at a million notes, for a `cat` of 1 MB. This program is exec'd
// by the bench, so its memory map is new and tiny; the command it forks and execs inherits
// only that. Its wait4 gives the command's own peak RSS and CPU time.
//
// usage: child-rusage REPORT-FD PROGRAM [ARGUMENT...]
// Runs PROGRAM (a path, not looked up on $PATH) with the standard streams as given, waits for
// it, and writes one line to REPORT-FD (closed in the command):
//   "STATUS WALL-SECONDS USER-SECONDS SYSTEM-SECONDS MAXRSS-KB\n"
// where STATUS is wait4's raw status and WALL-SECONDS runs from just before the fork to just
// after wait4 returned. Exits 0 once the report is written; 127 if PROGRAM cannot be started
// (reported as raw status 127 << 8), 2 on bad usage.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval value) {
  return (double)value.tv_sec + (double)value.tv_usec / 1e6;
}

static double monotonic(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fputs("usage: child-rusage REPORT-FD PROGRAM [ARGUMENT...]\n", stderr);
    return 2;
  }
  char *end = NULL;
  long report = strtol(argv[1], &end, 10);
  if (*argv[1] == '\0' || *end != '\0' || report < 3 || fcntl((int)report, F_GETFD) < 0) {
    fputs("child-rusage: REPORT-FD must be an open descriptor above 2\n", stderr);
    return 2;
  }
  // The command must not inherit the report descriptor (it could write to it, or hold it open).
  fcntl((int)report, F_SETFD, FD_CLOEXEC);
  double start = monotonic();
  pid_t pid = fork();
  if (pid < 0) {
    perror("child-rusage: fork");
    return 127;
  }
  if (pid == 0) {
    execv(argv[2], argv + 2);
    _exit(127);
  }
  int status = 0;
  struct rusage usage;
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      perror("child-rusage: wait4");
      return 127;
    }
  }
  double wall = monotonic() - start;
  dprintf((int)report, "%d %.6f %.6f %.6f %ld\n", status, wall, seconds(usage.ru_utime),
          seconds(usage.ru_stime), usage.ru_maxrss);
  return 0;
}
