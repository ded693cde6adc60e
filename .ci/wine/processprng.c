/*
 * TEST TOOLING ONLY, never shipped: a stand-in for Windows' bcryptprimitives.dll.
 *
 * Rust's standard library gets random bytes (for HashMap seeds, temp file names) from
 * ProcessPrng in bcryptprimitives.dll. Windows 10 and later have it; Wine 8 does not, so the
 * .exe dies at start-up under Wine. CI builds this with mingw and puts it beside the .exe in
 * the Wine test folder only. It forwards to SystemFunction036 (RtlGenRandom) in advapi32,
 * which Wine has.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
