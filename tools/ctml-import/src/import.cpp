#include "import.hpp"

#include <array>

#include "channels.hpp"
#include "fold.hpp"
#include "sha256.hpp"

namespace ctml_import {

model load(std::span<const std::uint8_t> bytes, const import_options& options) {
  const fb::buffer file(bytes);
  const folded_model f = fold_constants(tflite::parse(file), file);
  // The folded constants follow the file's bytes.
  model m = f.bytes.empty() ? validate(f.raw, file) : validate(f.raw, fb::buffer(f.bytes));
  fold_pruned_channels(m, options.keep_pruned_channels, options.channel_multiple);
  return m;
}

std::vector<std::string> check(std::span<const std::uint8_t> bytes) {
  try {
    const fb::buffer file(bytes);
    const folded_model f = fold_constants(tflite::parse(file), file);
    std::vector<std::string> problems = survey(f.raw);
    if (problems.empty()) {
      // As load() does, the channel folding included: --check passes exactly when the import does.
      model m = f.bytes.empty() ? validate(f.raw, file) : validate(f.raw, fb::buffer(f.bytes));
      fold_pruned_channels(m, false, import_options{}.channel_multiple);
    }
    return problems;
  } catch (const error& e) {
    return {e.what()};
  }
}

std::string import_tflite(std::span<const std::uint8_t> bytes, const std::string& name,
                          const std::string& source_name, const import_options& options) {
  if (!valid_name(name)) throw error("'" + name + "' is not a usable C++ name for the model (use --name)");
  const model m = load(bytes, options);
  return emit(m, header_info{name, source_name, sha256_hex(bytes)});
}

namespace {
constexpr std::string_view keywords[] = {
    "alignas",     "alignof",   "and",        "and_eq",    "asm",      "auto",         "bitand",
    "bitor",       "bool",      "break",      "case",      "catch",    "char",         "char8_t",
    "char16_t",    "char32_t",  "class",      "compl",     "concept",  "const",        "consteval",
    "constexpr",   "constinit", "const_cast", "continue",  "co_await", "co_return",    "co_yield",
    "decltype",    "default",   "delete",     "do",        "double",   "dynamic_cast", "else",
    "enum",        "explicit",  "export",     "extern",    "false",    "float",        "for",
    "friend",      "goto",      "if",         "inline",    "int",      "long",         "mutable",
    "namespace",   "new",       "noexcept",   "not",       "not_eq",   "nullptr",      "operator",
    "or",          "or_eq",     "private",    "protected", "public",   "register",     "reinterpret_cast",
    "requires",    "return",    "short",      "signed",    "sizeof",   "static",       "static_assert",
    "static_cast", "struct",    "switch",     "template",  "this",     "thread_local", "throw",
    "true",        "try",       "typedef",    "typeid",    "typename", "union",        "unsigned",
    "using",       "virtual",   "void",       "volatile",  "wchar_t",  "while",        "xor",
    "xor_eq",      "ctml",      "std",        "final",     "override", "import",       "module",
};
bool ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool ident_char(char c) {
  return ident_start(c) || (c >= '0' && c <= '9');
}
}  // namespace

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || !ident_start(name[0])) return false;
  for (char c : name)
    if (!ident_char(c)) return false;
  if (name[0] == '_' && (name.size() == 1 || name[1] == '_' || (name[1] >= 'A' && name[1] <= 'Z')))
    return false;
  if (name.find("__") != std::string_view::npos) return false;
  for (std::string_view k : keywords)
    if (name == k) return false;
  return true;
}

std::string name_from_path(std::string_view path) {
  const std::size_t slash = path.find_last_of("/\\");
  std::string_view stem = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = stem.find('.');
  if (dot != std::string_view::npos) stem = stem.substr(0, dot);
  std::string out;
  for (char c : stem) {
    char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (!ident_char(l)) l = '_';
    if (l == '_' && !out.empty() && out.back() == '_') continue;
    out += l;
  }
  while (!out.empty() && out.front() == '_') out.erase(out.begin());
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out = "model_" + out;
  if (out.size() > 64) out.resize(64);
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (!valid_name(out)) out += "_model";
  return out;
}

}  // namespace ctml_import
