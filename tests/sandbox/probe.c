/* probe.c — build/sandbox_probe DATA_DIR ACTION [ARG]: confines itself
 * exactly as `basalt server` does (server/sandbox.c, all layers on), then
 * tries one thing and prints what happened, for tests/sandbox/sandbox.sh:
 *   status           the /proc/self/status lines of the confinement
 *   write PATH       create PATH: "ok" or the error (Landlock: outside the data dir)
 *   connect PORT     a TCP connection to 127.0.0.1:PORT (Landlock: none allowed)
 *   execve           start /bin/true (seccomp: the process is killed, SIGSYS)
 *   socket           open a new socket (seccomp: killed)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server/sandbox.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: sandbox_probe DATA_DIR status|write PATH|connect PORT|execve|socket\n");
        return 2;
    }
    int s = -1;
    if (!strcmp(argv[2], "connect")) s = socket(AF_INET, SOCK_STREAM, 0);   /* made before: only connect() is tested */
    SandboxConf c = {.data_dir = argv[1], .ports = {0, 0}};
    char report[512], msg[512];
    if (sandbox_apply(&c, report, sizeof report, msg, sizeof msg)) {
        printf("sandbox failed: %s\n", msg);
        return 1;
    }
    fprintf(stderr, "%s\n", report);
    if (!strcmp(argv[2], "status")) {
        FILE *f = fopen("/proc/self/status", "r");
        char line[256];
        while (f && fgets(line, sizeof line, f))
            if (!strncmp(line, "Uid:", 4) || !strncmp(line, "NoNewPrivs:", 11) || !strncmp(line, "Seccomp:", 8) || !strncmp(line, "CapEff:", 7))
                fputs(line, stdout);
        if (f) fclose(f);
    } else if (!strcmp(argv[2], "write") && argc > 3) {
        int fd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
        printf("%s\n", fd >= 0 ? "ok" : strerror(errno));
    } else if (!strcmp(argv[2], "connect") && argc > 3) {
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[3]))};
        inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
        printf("%s\n", connect(s, (struct sockaddr *)&a, sizeof a) == 0 ? "ok" : strerror(errno));
    } else if (!strcmp(argv[2], "execve")) {
        char *args[] = {"/bin/true", NULL};
        execve("/bin/true", args, NULL);
        printf("execve: %s\n", strerror(errno));
    } else if (!strcmp(argv[2], "socket")) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        printf("socket: %s\n", fd >= 0 ? "ok" : strerror(errno));
    }
    return 0;
}
