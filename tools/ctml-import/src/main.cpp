// ctml-import: converts a TensorFlow Lite flatbuffer (.tflite) into a C++ header for ctml.
//   ctml-import [--name NAME] [--output FILE] [--keep-pruned-channels] MODEL.tflite
//   ctml-import --check MODEL.tflite
//   ctml-import --c-api [--arena-bytes N] [--state-bytes N] --output FILE.h MODEL.tflite
// Exit status (as tools/sklearn and tools/onnx): 0 on success, 2 when the tool refuses (a model it
// rejects or cannot read, a usage error, an output file that cannot be written), 1 only for out of
// memory. Nothing is written unless the whole header was generated.

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

#include "import.hpp"
#include "ops.hpp"
#include "sha256.hpp"

namespace {

constexpr std::uint64_t max_file_bytes = std::uint64_t{1} << 30;

void usage(std::ostream& os) {
  os << "usage: ctml-import [--name NAME] [--output FILE] [--keep-pruned-channels] MODEL.tflite\n"
        "       ctml-import --check MODEL.tflite\n"
        "       ctml-import --list-ops\n"
        "  Converts a TensorFlow Lite model into a C++ header for the ctml library.\n"
        "  --check         list every problem that keeps the model from importing, one per line\n"
        "  --list-ops      print the TFLite operators ctml-import imports and their tensor types\n"
        "                  ('folded': computed at import time; every input must be constant)\n"
        "  --name NAME     C++ name of the model type (default: from the file name); its data go in\n"
        "                  namespace NAME_data\n"
        "  --output FILE   write the header to FILE (atomically); default: standard output\n"
        "  --keep-pruned-channels\n"
        "                  keep the channels structured pruning made constant or dead (by default\n"
        "                  they are removed and folded into the next layer's bias, exactly)\n"
        "  --channel-multiple N\n"
        "                  the folding keeps a multiple of N channels (default 4, 1 to 64) in a\n"
        "                  tensor whose channel count is one: the Arm kernels read 4 channels a word\n"
        "  --version       print the version\n"
        "  --c-api         write a C API instead: --output FILE.h (sizes as macros, extern \"C\"\n"
        "                  NAME_invoke) and FILE.cpp, which instantiates the model from NAME.hpp\n"
        "                  (--model-header) and checks --arena-bytes/--state-bytes (the target's,\n"
        "                  as ctml_add_model(... C_API) measures them) at compile time\n";
}

std::vector<std::uint8_t> read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
    throw ctml_import::error("'" + path + "' is not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ctml_import::error("cannot open '" + path + "': " + std::strerror(errno));
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw ctml_import::error("cannot read '" + path + "'");
  if (static_cast<std::uint64_t>(size) > max_file_bytes)
    throw ctml_import::error("'" + path + "' is larger than 1 GiB");
  in.seekg(0, std::ios::beg);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), size))
    throw ctml_import::error("cannot read '" + path + "'");
  return bytes;
}

/// An output file that cannot be written: the message names the path the user gave (not the
/// temporary file) and why.
struct output_error {
  std::string message;
};

/// Writes `text` to `path` through a temporary file in the same directory and a rename, so the
/// destination holds either its old content or the complete new header.
void write_atomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  const auto fail = [&](int err) {
    std::remove(tmp.c_str());
    return output_error{"cannot write '" + path + "': " + std::strerror(err)};
  };
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw fail(errno);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      const int err = errno;
      out.close();
      throw fail(err);
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw fail(errno);
}

/// --c-api: FILE.h and FILE.cpp (emit_c_api.cpp), both written only once both are generated.
void write_c_api(const std::string& input, const std::string& name, const std::string& output,
                 std::string model_header, std::uint64_t arena_bytes, std::uint64_t state_bytes,
                 const ctml_import::import_options& options) {
  if (output.size() < 3 || output.substr(output.size() - 2) != ".h")
    throw output_error{"--c-api needs --output FILE.h (FILE.cpp is written next to it)"};
  const std::string stem = output.substr(0, output.size() - 2);
  const std::size_t slash = stem.find_last_of('/');
  const std::string base = stem.substr(slash == std::string::npos ? 0 : slash + 1);
  if (model_header.empty()) model_header = name + ".hpp";
  const std::vector<std::uint8_t> bytes = read_file(input);
  const std::size_t in_slash = input.find_last_of('/');
  const ctml_import::c_api_info info{name,
                                     base + ".h",
                                     base + ".cpp",
                                     model_header,
                                     input.substr(in_slash == std::string::npos ? 0 : in_slash + 1),
                                     ctml_import::sha256_hex(bytes),
                                     arena_bytes,
                                     state_bytes};
  const ctml_import::model m = ctml_import::load(bytes, options);
  const std::string header = ctml_import::emit_c_header(m, info),
                    source = ctml_import::emit_c_source(m, info);
  write_atomically(output, header);
  write_atomically(stem + ".cpp", source);
}

/// A byte count given on the command line.
bool parse_bytes(const std::string& s, std::uint64_t& v) {
  if (s.empty() || s.size() > 12 || s.find_first_not_of("0123456789") != std::string::npos) return false;
  v = std::stoull(s);
  return true;
}

}  // namespace

/// --check: every problem on its own line, then a count; exit 0 when the model imports.
int check(const std::string& input) {
  std::vector<std::string> problems;
  try {
    problems = ctml_import::check(read_file(input));
  } catch (const ctml_import::error& e) {
    problems = {e.what()};
  }
  for (const std::string& p : problems) std::cout << input << ": " << p << "\n";
  if (problems.empty()) {
    std::cout << input << ": imports\n";
    return 0;
  }
  std::cout << input << ": " << problems.size() << (problems.size() == 1 ? " problem\n" : " problems\n");
  return 2;
}

int main(int argc, char** argv) {
  std::string name, output, input, model_header;
  bool check_only = false, c_api = false;
  ctml_import::import_options options;
  std::uint64_t arena_bytes = 0, state_bytes = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      usage(std::cout);
      return 0;
    }
    if (arg == "--list-ops") {
      std::cout << ctml_import::list_ops();
      return 0;
    }
    if (arg == "--version") {
      std::cout << "ctml-import " << ctml_import::version << "\n";
      return 0;
    }
    if (arg == "--name" || arg == "--output" || arg == "-o") {
      if (i + 1 >= argc) {
        std::cerr << "ctml-import: " << arg << " needs a value\n";
        usage(std::cerr);
        return 2;
      }
      (arg == "--name" ? name : output) = argv[++i];
      continue;
    }
    if (arg == "--check") {
      check_only = true;
      continue;
    }
    if (arg == "--c-api") {
      c_api = true;
      continue;
    }
    if (arg == "--keep-pruned-channels") {
      options.keep_pruned_channels = true;
      continue;
    }
    if (arg == "--channel-multiple") {
      const std::string v = i + 1 < argc ? argv[++i] : "";
      if (v.empty() || v.size() > 2 || v.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(v) < 1 || std::stoi(v) > 64) {
        std::cerr << "ctml-import: --channel-multiple takes a number from 1 to 64, not '" << v << "'\n";
        return 2;
      }
      options.channel_multiple = std::stoi(v);
      continue;
    }
    if (arg == "--arena-bytes" || arg == "--state-bytes" || arg == "--model-header") {
      if (i + 1 >= argc) {
        std::cerr << "ctml-import: " << arg << " needs a value\n";
        return 2;
      }
      const std::string v = argv[++i];
      if (arg == "--model-header") {
        model_header = v;
      } else if (!parse_bytes(v, arg == "--arena-bytes" ? arena_bytes : state_bytes)) {
        std::cerr << "ctml-import: " << arg << " takes a number of bytes, not '" << v << "'\n";
        return 2;
      }
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') {
      std::cerr << "ctml-import: unknown option '" << arg << "'\n";
      usage(std::cerr);
      return 2;
    }
    if (!input.empty()) {
      std::cerr << "ctml-import: more than one model given ('" << input << "', '" << arg << "')\n";
      return 2;
    }
    input = arg;
  }
  if (input.empty()) {
    usage(std::cerr);
    return 2;
  }
  if (!c_api && (arena_bytes != 0 || state_bytes != 0 || !model_header.empty())) {
    std::cerr << "ctml-import: --arena-bytes, --state-bytes and --model-header go with --c-api\n";
    return 2;
  }
  if (check_only) {
    if (!name.empty() || !output.empty() || c_api) {
      std::cerr << "ctml-import: --check writes no header; it takes no --name, --output or --c-api\n";
      return 2;
    }
    try {
      return check(input);
    } catch (const std::bad_alloc&) {
      std::cerr << "ctml-import: error: " << input << ": out of memory\n";
      return 1;
    }
  }
  if (name.empty()) name = ctml_import::name_from_path(input);
  if (!ctml_import::valid_name(name)) {
    std::cerr << "ctml-import: '" << name << "' is not a usable C++ name for the model\n";
    return 2;
  }
  try {
    if (c_api) {
      write_c_api(input, name, output, model_header, arena_bytes, state_bytes, options);
      return 0;
    }
    const std::vector<std::uint8_t> bytes = read_file(input);
    const std::size_t slash = input.find_last_of('/');
    const std::string base = slash == std::string::npos ? input : input.substr(slash + 1);
    const std::string header = ctml_import::import_tflite(bytes, name, base, options);
    if (output.empty()) {
      std::cout << header;
      std::cout.flush();
      if (!std::cout) throw ctml_import::error("cannot write to standard output");
    } else {
      write_atomically(output, header);
    }
  } catch (const output_error& e) {
    std::cerr << "ctml-import: error: " << e.message << "\n";
    return 2;
  } catch (const ctml_import::error& e) {
    std::cerr << "ctml-import: error: " << input << ": " << e.what() << "\n";
    return 2;
  } catch (const std::bad_alloc&) {  // not the input's fault: 1, like an uncaught Python error
    std::cerr << "ctml-import: error: " << input << ": out of memory\n";
    return 1;
  }
  return 0;
}
