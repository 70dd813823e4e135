#pragma once
// ctml-import as a library: .tflite bytes -> validated model -> C++ header text. The command line
// (main.cpp), the tests and the fuzz target all go through these functions.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"

namespace ctml_import {

inline constexpr std::string_view version = CTML_IMPORT_VERSION;

/// Choices of the import that change the header, not the outputs.
struct import_options {
  /// Keep the channels structured pruning left constant or dead (channels.hpp): the model as the file
  /// states it, for comparing (--keep-pruned-channels).
  bool keep_pruned_channels = false;
  /// The folding keeps a multiple of this many channels in a tensor whose channel count is one
  /// (--channel-multiple; 4: the Arm kernels read 4 channels a word).
  int channel_multiple = 4;
};

/// Parses and validates a .tflite file, then folds away pruned channels (channels.hpp) unless the
/// options say not to. Throws ctml_import::error.
model load(std::span<const std::uint8_t> bytes, const import_options& options = {});

/// Every problem that keeps the model from importing, one message each (empty: it imports). A
/// malformed file or a problem only the full validation finds gives one message: later checks
/// depend on it.
std::vector<std::string> check(std::span<const std::uint8_t> bytes);

struct header_info {
  std::string name;         ///< C++ name of the model type; data go in namespace <name>_data
  std::string source_name;  ///< file name shown in the header comment
  std::string sha256;       ///< hex digest of the source
};

/// Writes the header for a validated model (no checks left to make).
std::string emit(const model& m, const header_info& info);

/// What the C API (--c-api, emit_c_api.cpp) needs besides the model.
struct c_api_info {
  std::string name;          ///< the model's C++ name; C functions are <name>_invoke, ...
  std::string header_name;   ///< the C header's file name ("kws.h")
  std::string source_file;   ///< the C++ file's name ("kws.cpp")
  std::string model_header;  ///< the C++ model header it includes ("kws.hpp")
  std::string source_name;   ///< file name shown in the comments
  std::string sha256;        ///< hex digest of the source
  std::uint64_t arena_bytes = 0, state_bytes = 0;  ///< the target's, as measured (checked by the .cpp)
};
/// The C header and the C++ file behind it, for a validated model.
std::string emit_c_header(const model& m, const c_api_info& info);
std::string emit_c_source(const model& m, const c_api_info& info);

/// load() + emit(). Throws ctml_import::error.
std::string import_tflite(std::span<const std::uint8_t> bytes, const std::string& name,
                          const std::string& source_name, const import_options& options = {});

/// True for a C++ identifier that is usable as a model name (not a keyword, no leading underscore
/// followed by an upper-case letter or a double underscore).
bool valid_name(std::string_view name);
/// A model name from a file name: the stem, lower-cased, other characters as '_'.
std::string name_from_path(std::string_view path);

}  // namespace ctml_import
