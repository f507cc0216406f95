/* Test scaffolding for running the Windows build under Wine 8, never shipped: Rust's standard
 * library takes its random numbers from ProcessPrng in bcryptprimitives.dll (Windows 10 and
 * later), which Wine 8 does not provide, so programs built with it fail to start there. This
 * DLL exports ProcessPrng over RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 * scripts/test-windows builds it with the same mingw compiler and puts it into the test prefix. */
#include <windows.h>

BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
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
