// libFuzzer entry point: any byte string goes through the whole importer (parse, validate, emit)
// and through --check's survey, which must agree with it: no problems exactly when it imports.
// The only acceptable outcomes are a header or a ctml_import::error; a crash, a sanitizer report,
// a hang or an escaping exception of any other type is a finding.

#include <cstddef>
#include <cstdint>
#include <span>

#include "import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  bool imported = false;
  try {
    const std::string header = ctml_import::import_tflite(bytes, "fuzz", "fuzz.tflite");
    if (header.empty()) __builtin_trap();  // a successful import always writes something
    imported = true;
  } catch (const ctml_import::error&) {
    // rejected with a message: fine
  }
  if (ctml_import::check(bytes).empty() != imported) __builtin_trap();
  return 0;
}
