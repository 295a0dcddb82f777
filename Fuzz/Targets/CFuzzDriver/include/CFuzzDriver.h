#ifndef C_FUZZ_DRIVER_H
#define C_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's own driver (in the runtime that -sanitize=fuzzer links): parses libFuzzer's flags from
/// argv and calls `callback` with each input. Called from the fuzz targets' main, because SwiftPM
/// renames an executable's entry point, which keeps libFuzzer's main from being used.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
