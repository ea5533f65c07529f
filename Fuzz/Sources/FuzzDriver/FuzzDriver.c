// Declarations only (FuzzDriver.h); the driver itself is libFuzzer's, linked by -sanitize=fuzzer.
#include "FuzzDriver.h"
