#ifndef ATELIER_FUZZ_DRIVER_H
#define ATELIER_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry for programs that keep their own `main` (compiler-rt, FuzzerInterface.h).
// SwiftPM links Linux executables with `--defsym main=<Target>_main`, so libFuzzer's own `main`
// is never linked in: each target's `<Target>_main` hands over to this driver instead.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
