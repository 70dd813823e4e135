// ctml-op-models: writes the small op models of tests/data/tflm_ops (every family in op_models.hpp),
// lists them, or checks that a folder holds exactly the bytes the builder writes.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "op_models.hpp"

namespace {

using bytes = std::vector<std::uint8_t>;

constexpr const char* usage =
    "usage: ctml-op-models --list\n"
    "       ctml-op-models --write DIR [NAME...]   writes DIR/<name>/<name>.tflite (all, or the named)\n"
    "       ctml-op-models --check DIR             compares each model with DIR/<name>/<name>.tflite\n";

int usage_error(const std::string& why, const std::string& what = "") {
  std::cerr << "ctml-op-models: error: " << why << what << "\n" << usage;
  return 2;
}

std::filesystem::path file_of(const std::filesystem::path& dir, const std::string& name) {
  return dir / name / (name + ".tflite");
}

bool write(const std::filesystem::path& path, const bytes& b) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  out.close();
  return static_cast<bool>(out);
}

int write_models(const std::vector<op_models::entry>& models, const std::filesystem::path& dir,
                 const std::vector<std::string>& names) {
  std::set<std::string> wanted(names.begin(), names.end());
  for (const auto& e : models) wanted.erase(e.name);
  if (!wanted.empty()) {
    for (const auto& n : wanted) std::cerr << "ctml-op-models: error: no model named '" << n << "'\n";
    return 2;  // nothing written: a typo must not leave a half-done folder behind
  }
  int status = 0;
  for (const auto& e : models) {
    if (!names.empty() && std::find(names.begin(), names.end(), e.name) == names.end()) continue;
    const std::filesystem::path path = file_of(dir, e.name);
    if (write(path, fbt::build(e.model))) {
      std::cout << path.string() << "\n";
    } else {
      std::cerr << "ctml-op-models: error: cannot write '" << path.string() << "'\n";
      status = 2;
    }
  }
  return status;
}

int check_models(const std::vector<op_models::entry>& models, const std::filesystem::path& dir) {
  int problems = 0;
  for (const auto& e : models) {
    const std::filesystem::path path = file_of(dir, e.name);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cout << path.string() << ": missing\n";
      ++problems;
      continue;
    }
    const bytes committed{std::istreambuf_iterator<char>(in), {}};
    if (committed != fbt::build(e.model)) {
      std::cout << path.string() << ": differs from what " << e.family << " writes\n";
      ++problems;
    }
  }
  if (problems != 0) {
    std::cout << problems << " of " << models.size() << " models missing or different; regenerate with "
              << "ctml-op-models --write " << dir.string() << " NAME... (and TFLM's outputs)\n";
    return 1;
  }
  std::cout << models.size() << " models, all equal to " << dir.string() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const std::vector<op_models::entry> models = op_models::all();
  if (const auto dups = op_models::duplicate_names(models); !dups.empty()) {
    for (const auto& n : dups) std::cerr << "ctml-op-models: error: two models are named '" << n << "'\n";
    return 3;
  }
  if (args.empty()) return usage_error("no command");
  const std::string& cmd = args[0];
  if (cmd == "--help" || cmd == "-h") {
    std::cout << usage;
    return 0;
  }
  if (cmd == "--list") {
    if (args.size() != 1) return usage_error("--list takes no arguments");
    for (const auto& e : models) std::cout << e.name << " " << e.family << "\n";
    return 0;
  }
  if (cmd == "--write") {
    if (args.size() < 2) return usage_error("--write needs a folder");
    for (std::size_t i = 2; i < args.size(); ++i)
      if (args[i].starts_with("-")) return usage_error("unknown option ", args[i]);
    return write_models(models, args[1], std::vector<std::string>(args.begin() + 2, args.end()));
  }
  if (cmd == "--check") {
    if (args.size() != 2) return usage_error("--check takes one folder");
    return check_models(models, args[1]);
  }
  return usage_error("unknown command ", cmd);
}
