/*
 * TEST TOOLING ONLY, never shipped: holds a file open the way a virus scanner or backup tool
 * does (no FILE_SHARE_DELETE, so nobody may rename over it) for some milliseconds.
 *
 *   holdfile.exe PATH MILLISECONDS
 *
 * Prints "held" once the file is open, then sleeps, closes it and exits 0; exits 1 if it
 * cannot open the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: holdfile PATH MILLISECONDS\n");
        return 2;
    }
    HANDLE h = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "holdfile: cannot open the file (error %lu)\n", GetLastError());
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    Sleep((DWORD)_wtoi(argv[2]));
    CloseHandle(h);
    return 0;
}
