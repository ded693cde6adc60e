/* Benchmark-only LD_PRELOAD shim: every fsync and fdatasync sleeps 100 ms first, as on a
 * slow USB stick or an old laptop's disk. Never part of the product. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <unistd.h>

static void slow(void) { usleep(100000); }

int fsync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    slow();
    return real(fd);
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    slow();
    return real(fd);
}
