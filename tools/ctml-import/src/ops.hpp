#pragma once
// The operators ctml-import imports, with the tensor types of each: the one list behind the
// validator's "not supported" messages, `ctml-import --list-ops` and the table in docs/ops.md.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ctml_import {

/// One imported TFLite builtin. `types` lists what it takes, space-separated: an activation type
/// (`float32`, `int8`, `int16`) where input and output share it, `in>out` for a conversion.
struct op_support {
  std::int32_t builtin;
  std::string_view types;
};

const std::vector<op_support>& supported_ops();
bool supported_builtin(std::int32_t builtin);
/// Whether the op takes `type` ("int16", ...) on its input or output in any of its listed forms.
bool takes_type(std::int32_t builtin, std::string_view type);
/// Whether the op reads `type` in any of its listed forms ("int8>int16" reads int8 only).
bool takes_input_type(std::int32_t builtin, std::string_view type);
/// The ops that read `type` (takes_input_type), "CONV_2D, RESHAPE, ...", in the table's order.
std::string op_names_taking(std::string_view type);
/// "CONV_2D, DEPTHWISE_CONV_2D, ...", in the table's order.
std::string supported_op_names();
/// One line per op: "NAME: type type ...".
std::string list_ops();

}  // namespace ctml_import
