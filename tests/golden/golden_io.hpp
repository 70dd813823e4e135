#pragma once
// Reads the raw int8 tensors TFLite Micro wrote (tests/data/mlperf_tiny).

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace golden {

inline std::vector<std::int8_t> read(const std::string& relative) {
  const std::string path = std::string(CTML_TEST_DATA_DIR) + "/" + relative;
  std::vector<std::int8_t> bytes;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    std::int8_t buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.insert(bytes.end(), buf, buf + n);
    std::fclose(f);
  }
  return bytes;
}

inline std::string tensor_file(const char* model, int tensor) {
  char name[32];
  std::snprintf(name, sizeof name, "t%03d.bin", tensor);
  return std::string(model) + "/intermediates_A_1/" + name;
}

}  // namespace golden
