// Import-time constant folding (fold.hpp). Every value is computed as TFLite Micro's reference kernel
// computes it, so that a folded constant holds the bytes TFLM would have written at run time.

#include "fold.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string>

namespace ctml_import {
namespace {

constexpr std::int32_t op_shape = 77, op_pack = 83;
constexpr std::uint8_t opt_strided_slice = 32, opt_shape = 55, opt_pack = 59;

/// A constant tensor's values (int8, int16, int32 exactly; float32 as read) and shape ([] a scalar).
struct value {
  std::int8_t type = tflite::int32;
  std::vector<std::int32_t> dims;
  std::vector<double> v;
};

std::size_t type_size(std::int8_t t) {
  return t == tflite::int8 ? 1 : t == tflite::int16 ? 2 : 4;
}
bool foldable_type(std::int8_t t) {
  return t == tflite::int8 || t == tflite::int16 || t == tflite::int32 || t == tflite::float32;
}
std::uint64_t count(const std::vector<std::int32_t>& dims) {
  std::uint64_t n = 1;
  for (std::int32_t d : dims) n *= static_cast<std::uint64_t>(d < 0 ? 0 : d);
  return n;
}

class folder {
 public:
  folder(const tflite::model& raw, const fb::buffer& file)
      : raw_(raw), file_(file), values_(raw.tensors.size()) {}

  folded_model run() {
    folded_model out{raw_, {}};
    out.raw.folded_ops.assign(raw_.ops.size(), false);
    for (std::size_t i = 0; i < raw_.ops.size(); ++i) {
      const tflite::op& o = raw_.ops[i];
      if (o.outputs.size() != 1 || !in_range(o.outputs[0]) || is_graph_output(o.outputs[0])) continue;
      const auto t = static_cast<std::size_t>(o.outputs[0]);
      std::optional<value> r = compute(o);
      const tflite::tensor& ot = raw_.tensors[t];
      if (!r || r->type != ot.type || r->dims != ot.shape || count(r->dims) != r->v.size()) continue;
      if (buffer_of(static_cast<std::int32_t>(t)).size != 0) continue;  // written over a constant: leave it
      values_[t] = std::move(*r);
      out.raw.folded_ops[i] = true;
      folded_.push_back(t);
    }
    if (folded_.empty()) {
      out.raw.folded_ops.clear();
      return out;
    }
    // The file's bytes, then each folded tensor's (4-byte aligned), as new buffers.
    const std::span<const std::uint8_t> b = file_.bytes();
    out.bytes.assign(b.begin(), b.end());
    for (std::size_t t : folded_) {
      const value& x = *values_[t];
      while (out.bytes.size() % 4 != 0) out.bytes.push_back(0);
      const std::uint64_t offset = out.bytes.size();
      for (double d : x.v) {
        std::uint32_t u = 0;
        if (x.type == tflite::float32) {
          const float f = static_cast<float>(d);
          std::memcpy(&u, &f, 4);
        } else {
          u = static_cast<std::uint32_t>(static_cast<std::int32_t>(d));
        }
        for (std::size_t k = 0; k < type_size(x.type); ++k)
          out.bytes.push_back(static_cast<std::uint8_t>(u >> (8 * k)));
      }
      out.raw.tensors[t].buffer = static_cast<std::uint32_t>(out.raw.buffers.size());
      out.raw.buffers.push_back({offset, out.bytes.size() - offset});
    }
    return out;
  }

 private:
  bool in_range(std::int32_t t) const { return t >= 0 && static_cast<std::size_t>(t) < raw_.tensors.size(); }
  bool is_graph_output(std::int32_t t) const {
    for (std::int32_t o : raw_.outputs)
      if (o == t) return true;
    return false;
  }
  tflite::buffer_ref buffer_of(std::int32_t t) const {
    const std::uint32_t b = raw_.tensors[static_cast<std::size_t>(t)].buffer;
    return b < raw_.buffers.size() ? raw_.buffers[b] : tflite::buffer_ref{};
  }
  /// Per-tensor quantization of tensor t, if it has exactly that.
  std::optional<std::pair<float, std::int64_t>> per_tensor(std::int32_t t) const {
    const tflite::quantization& q = raw_.tensors[static_cast<std::size_t>(t)].quant;
    if (!q.present || q.has_details || q.scale.size() != 1 || q.zero_point.size() != 1 ||
        !std::isnormal(q.scale[0]) || !(q.scale[0] > 0.0f))
      return std::nullopt;
    return std::pair{q.scale[0], q.zero_point[0]};
  }

  /// The value of tensor t when it is constant: folded before, or constant data in the file.
  std::optional<value> constant(std::int32_t t) const {
    if (!in_range(t)) return std::nullopt;
    const auto i = static_cast<std::size_t>(t);
    if (values_[i]) return values_[i];
    const tflite::tensor& x = raw_.tensors[i];
    const tflite::buffer_ref b = buffer_of(t);
    if (b.size == 0 || !foldable_type(x.type) || x.sparse) return std::nullopt;
    for (std::int32_t d : x.shape)
      if (d < 0) return std::nullopt;
    const std::uint64_t n = count(x.shape);
    const std::size_t s = type_size(x.type);
    if (n > (1u << 20) || b.size != n * s) return std::nullopt;
    file_.need(b.offset, b.size, "constant data");
    value v{x.type, x.shape, {}};
    for (std::uint64_t k = 0; k < n; ++k) {
      const std::uint64_t at = b.offset + k * s;
      if (x.type == tflite::int8)
        v.v.push_back(static_cast<std::int8_t>(file_.u8(at)));
      else if (x.type == tflite::int16)
        v.v.push_back(static_cast<std::int16_t>(file_.u16(at)));
      else if (x.type == tflite::int32)
        v.v.push_back(file_.i32(at));
      else {
        const float f = file_.f32(at);
        if (!std::isfinite(f)) return std::nullopt;
        v.v.push_back(f);
      }
    }
    return v;
  }

  const fb::table* options(const tflite::op& o, std::uint8_t want) const {
    if (!o.options) return nullptr;
    return o.options_type == want ? &*o.options : nullptr;
  }

  std::optional<value> compute(const tflite::op& o) const {
    if (o.opcode_index >= raw_.operator_codes.size()) return std::nullopt;
    const tflite::operator_code& code = raw_.operator_codes[o.opcode_index];
    if (!code.custom_code.empty() || o.inputs.empty()) return std::nullopt;
    const std::int32_t out = o.outputs[0];
    const tflite::tensor& ot = raw_.tensors[static_cast<std::size_t>(out)];
    switch (code.builtin) {
      case op_shape:
        return shape(o, ot);
      case op_pack:
        return pack(o, ot);
      case tflite::op_strided_slice:
        return strided_slice(o);
      case tflite::op_quantize:
        return quantize(o, out);
      case tflite::op_dequantize:
        return dequantize(o, out);
      case tflite::op_reshape:
      case tflite::op_squeeze:
      case tflite::op_expand_dims: {
        // A constant with another shape: the same values (TFLite's converter leaves these on weights).
        std::optional<value> x = constant(o.inputs[0]);
        if (!x) return std::nullopt;
        x->dims = ot.shape;
        return x;
      }
      default:
        return std::nullopt;
    }
  }

  // SHAPE: the input's static shape, as int32 (TFLM's default out_type).
  std::optional<value> shape(const tflite::op& o, const tflite::tensor& ot) const {
    if (!in_range(o.inputs[0]) || ot.type != tflite::int32) return std::nullopt;
    if (const fb::table* opt = options(o, opt_shape); opt && opt->i8(0, tflite::int32) != tflite::int32)
      return std::nullopt;
    const tflite::tensor& x = raw_.tensors[static_cast<std::size_t>(o.inputs[0])];
    if (x.shape.empty()) return std::nullopt;
    value v{tflite::int32, {static_cast<std::int32_t>(x.shape.size())}, {}};
    for (std::int32_t d : x.shape) {
      if (d < 1) return std::nullopt;  // unknown (-1) or empty: not static
      v.v.push_back(d);
    }
    return v;
  }

  // PACK: N constants of one shape stacked along a new axis.
  std::optional<value> pack(const tflite::op& o, const tflite::tensor& ot) const {
    const fb::table* opt = options(o, opt_pack);
    std::vector<value> xs;
    for (std::int32_t t : o.inputs) {
      std::optional<value> x = constant(t);
      if (!x || (!xs.empty() && (x->dims != xs[0].dims || x->type != xs[0].type))) return std::nullopt;
      xs.push_back(std::move(*x));
    }
    if (opt && opt->i32(0, static_cast<std::int32_t>(xs.size())) != static_cast<std::int32_t>(xs.size()))
      return std::nullopt;
    const auto rank = static_cast<std::int32_t>(xs[0].dims.size());
    std::int32_t axis = opt ? opt->i32(1, 0) : 0;
    if (axis < 0) axis += rank + 1;
    if (axis < 0 || axis > rank || xs[0].type != ot.type || xs.size() * xs[0].v.size() > (1u << 20))
      return std::nullopt;
    value v{xs[0].type, xs[0].dims, {}};
    v.dims.insert(v.dims.begin() + axis, static_cast<std::int32_t>(xs.size()));
    std::uint64_t outer = 1, inner = 1;
    for (std::int32_t d = 0; d < rank; ++d)
      (d < axis ? outer : inner) *= static_cast<std::uint64_t>(xs[0].dims[static_cast<std::size_t>(d)]);
    for (std::uint64_t a = 0; a < outer; ++a)
      for (const value& x : xs)
        for (std::uint64_t i = 0; i < inner; ++i) v.v.push_back(x.v[a * inner + i]);
    return v;
  }

  // STRIDED_SLICE of a constant vector (SHAPE -> STRIDED_SLICE picks a dimension): TFLite's clamping
  // of begin and end, begin / end masks, shrink_axis.
  std::optional<value> strided_slice(const tflite::op& o) const {
    if (o.inputs.size() != 4) return std::nullopt;
    const std::optional<value> x = constant(o.inputs[0]), b = constant(o.inputs[1]),
                               e = constant(o.inputs[2]), s = constant(o.inputs[3]);
    if (!x || !b || !e || !s || x->dims.size() != 1 || b->v.size() != 1 || e->v.size() != 1 ||
        s->v.size() != 1 || b->type != tflite::int32 || e->type != tflite::int32 || s->type != tflite::int32)
      return std::nullopt;
    const fb::table* opt = options(o, opt_strided_slice);
    const std::int32_t begin_mask = opt ? opt->i32(0) : 0, end_mask = opt ? opt->i32(1) : 0;
    const std::int32_t ellipsis = opt ? opt->i32(2) : 0, new_axis = opt ? opt->i32(3) : 0;
    const std::int32_t shrink = opt ? opt->i32(4) : 0;
    if (ellipsis != 0 || new_axis != 0 || (opt && opt->boolean(5))) return std::nullopt;
    const auto n = static_cast<std::int64_t>(x->dims[0]);
    const auto stride = static_cast<std::int64_t>(s->v[0]);
    if (stride == 0) return std::nullopt;
    const auto clamp = [&](std::int64_t i) {
      if (i < 0) i += n;
      return stride > 0 ? std::min(std::max(i, std::int64_t{0}), n)
                        : std::min(std::max(i, std::int64_t{-1}), n - 1);
    };
    std::int64_t start =
        (begin_mask & 1) ? (stride > 0 ? 0 : n - 1) : clamp(static_cast<std::int64_t>(b->v[0]));
    std::int64_t stop = (end_mask & 1) ? (stride > 0 ? n : -1) : clamp(static_cast<std::int64_t>(e->v[0]));
    if (shrink & 1) {
      // TFLite: the begin index (negative counts from the end), one element.
      std::int64_t i = static_cast<std::int64_t>(b->v[0]);
      if (i < 0) i += n;
      if (i < 0 || i >= n) return std::nullopt;
      return value{x->type, {}, {x->v[static_cast<std::size_t>(i)]}};
    }
    value v{x->type, {}, {}};
    for (std::int64_t i = start; stride > 0 ? i < stop : i > stop; i += stride)
      v.v.push_back(x->v[static_cast<std::size_t>(i)]);
    v.dims = {static_cast<std::int32_t>(v.v.size())};
    return v;
  }

  // QUANTIZE of a float constant: TFLite's AffineQuantize, round(x / float(scale)) in float, half away
  // from zero, plus the zero point, clamped to the output type.
  std::optional<value> quantize(const tflite::op& o, std::int32_t out) const {
    const std::optional<value> x = constant(o.inputs[0]);
    const auto q = per_tensor(out);
    const std::int8_t to = raw_.tensors[static_cast<std::size_t>(out)].type;
    if (!x || !q || x->type != tflite::float32 || (to != tflite::int8 && to != tflite::int16))
      return std::nullopt;
    const std::int64_t lo = to == tflite::int8 ? -128 : -32768, hi = to == tflite::int8 ? 127 : 32767;
    if (q->second < lo || q->second > hi) return std::nullopt;  // validate() names the zero point
    value v{to, x->dims, {}};
    for (double d : x->v) {
      const float r = std::round(static_cast<float>(d) / q->first);
      if (!(std::fabs(r) < 2147483648.0f)) return std::nullopt;  // TFLite's cast to int32 is undefined there
      const std::int64_t u = static_cast<std::int64_t>(static_cast<std::int32_t>(r)) + q->second;
      v.v.push_back(static_cast<double>(std::min(std::max(u, lo), hi)));
    }
    return v;
  }

  // DEQUANTIZE of an int8 / int16 constant: float(double(scale) * (x - zero point)), as TFLite.
  std::optional<value> dequantize(const tflite::op& o, std::int32_t out) const {
    const std::optional<value> x = constant(o.inputs[0]);
    const auto q = x ? per_tensor(o.inputs[0]) : std::nullopt;
    if (!x || !q || (x->type != tflite::int8 && x->type != tflite::int16) ||
        raw_.tensors[static_cast<std::size_t>(out)].type != tflite::float32)
      return std::nullopt;
    if (q->second < -32768 || q->second > 32767) return std::nullopt;
    const auto zp = static_cast<std::int32_t>(q->second);
    value v{tflite::float32, x->dims, {}};
    for (double d : x->v)
      v.v.push_back(static_cast<float>(static_cast<double>(q->first) * (static_cast<std::int32_t>(d) - zp)));
    return v;
  }

  const tflite::model& raw_;
  const fb::buffer& file_;
  std::vector<std::optional<value>> values_;
  std::vector<std::size_t> folded_;
};

}  // namespace

folded_model fold_constants(const tflite::model& raw, const fb::buffer& file) {
  return folder(raw, file).run();
}

}  // namespace ctml_import
