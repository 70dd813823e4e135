#pragma once
// A small FlatBuffers *writer* for the op models (ctml-op-models) and the importer tests, so malformed
// and unusual models can be built field by field. Written from the published binary format; it lays
// objects out front to back (a parent before its children, so every offset points forward) and puts each
// vtable right before its table.

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace fbt {

struct object;
using ptr = std::shared_ptr<object>;

/// A table field: a scalar of 1, 2, 4 or 8 bytes, or an offset to another object.
struct field {
  unsigned size = 4;
  std::uint64_t bits = 0;
  ptr child;
};

struct object {
  enum kind_t { table, scalars, tables, string } kind = table;
  std::map<unsigned, field> fields;  // table
  unsigned elem_size = 4;            // scalars
  std::vector<std::uint64_t> elems;  // scalars
  std::vector<ptr> items;            // tables
  std::string text;                  // string

  object& u8(unsigned id, std::uint8_t v) { return set(id, 1, v); }
  object& i32(unsigned id, std::int32_t v) { return set(id, 4, static_cast<std::uint32_t>(v)); }
  object& u32(unsigned id, std::uint32_t v) { return set(id, 4, v); }
  object& f32(unsigned id, float v) {
    std::uint32_t b;
    std::memcpy(&b, &v, 4);
    return set(id, 4, b);
  }
  object& u64(unsigned id, std::uint64_t v) { return set(id, 8, v); }
  object& child(unsigned id, ptr p) {
    fields[id] = field{4, 0, std::move(p)};
    return *this;
  }
  object& set(unsigned id, unsigned size, std::uint64_t bits) {
    fields[id] = field{size, bits, nullptr};
    return *this;
  }
};

inline ptr make_table() {
  return std::make_shared<object>();
}
inline ptr make_string(std::string s) {
  auto p = std::make_shared<object>();
  p->kind = object::string;
  p->text = std::move(s);
  return p;
}
inline ptr make_i32s(const std::vector<std::int32_t>& v) {
  auto p = std::make_shared<object>();
  p->kind = object::scalars;
  for (auto x : v) p->elems.push_back(static_cast<std::uint32_t>(x));
  return p;
}
inline ptr make_f32s(const std::vector<float>& v) {
  auto p = std::make_shared<object>();
  p->kind = object::scalars;
  for (float x : v) {
    std::uint32_t b;
    std::memcpy(&b, &x, 4);
    p->elems.push_back(b);
  }
  return p;
}
inline ptr make_i64s(const std::vector<std::int64_t>& v) {
  auto p = std::make_shared<object>();
  p->kind = object::scalars;
  p->elem_size = 8;
  for (auto x : v) p->elems.push_back(static_cast<std::uint64_t>(x));
  return p;
}
inline ptr make_bytes(const std::vector<std::uint8_t>& v) {
  auto p = std::make_shared<object>();
  p->kind = object::scalars;
  p->elem_size = 1;
  for (auto x : v) p->elems.push_back(x);
  return p;
}
inline ptr make_tables(std::vector<ptr> items) {
  auto p = std::make_shared<object>();
  p->kind = object::tables;
  p->items = std::move(items);
  return p;
}

class writer {
 public:
  /// Serialises `root` with file identifier `ident`.
  std::vector<std::uint8_t> finish(const ptr& root, const char* ident = "TFL3") {
    out_.assign(8, 0);
    std::memcpy(out_.data() + 4, ident, 4);
    const std::size_t r = write(root);
    put32(0, static_cast<std::uint32_t>(r));
    return out_;
  }

 private:
  void align(std::size_t a) {
    while (out_.size() % a) out_.push_back(0);
  }
  void put(std::size_t at, std::uint64_t v, unsigned n) {
    for (unsigned i = 0; i < n; ++i) out_[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
  }
  void put32(std::size_t at, std::uint32_t v) { put(at, v, 4); }
  void append(std::uint64_t v, unsigned n) {
    out_.resize(out_.size() + n);
    put(out_.size() - n, v, n);
  }

  /// Writes `o` at the end; returns its position (for vectors/strings: the length field).
  std::size_t write(const ptr& o) {
    switch (o->kind) {
      case object::string: {
        align(4);
        const std::size_t at = out_.size();
        append(o->text.size(), 4);
        for (char c : o->text) out_.push_back(static_cast<std::uint8_t>(c));
        out_.push_back(0);
        return at;
      }
      case object::scalars: {
        align(8);
        if (o->elem_size == 8) append(0, 4);  // so the elements are 8-aligned
        const std::size_t at = out_.size();
        append(o->elems.size(), 4);
        for (auto e : o->elems) append(e, o->elem_size);
        return at;
      }
      case object::tables: {
        align(4);
        const std::size_t at = out_.size();
        append(o->items.size(), 4);
        const std::size_t first = out_.size();
        out_.resize(out_.size() + 4 * o->items.size());
        for (std::size_t i = 0; i < o->items.size(); ++i) {
          const std::size_t t = write(o->items[i]);
          put32(first + 4 * i, static_cast<std::uint32_t>(t - (first + 4 * i)));
        }
        return at;
      }
      case object::table:
        break;
    }
    // Inline layout: soffset, then fields in id order, each aligned to its size (relative to 8).
    unsigned max_id = 0;
    for (auto& [id, f] : o->fields) max_id = id > max_id ? id : max_id;
    std::vector<std::uint16_t> offs(o->fields.empty() ? 0 : max_id + 1, 0);
    std::size_t inline_size = 4;
    std::map<unsigned, std::size_t> at_of;
    for (auto& [id, f] : o->fields) {
      while (inline_size % f.size) ++inline_size;
      at_of[id] = inline_size;
      offs[id] = static_cast<std::uint16_t>(inline_size);
      inline_size += f.size;
    }
    align(2);
    const std::size_t vt = out_.size();
    append(4 + 2 * offs.size(), 2);
    append(inline_size, 2);
    for (auto v : offs) append(v, 2);
    align(8);
    const std::size_t t = out_.size();
    out_.resize(out_.size() + inline_size);
    put32(t, static_cast<std::uint32_t>(t - vt));  // vtable = table - soffset
    for (auto& [id, f] : o->fields)
      if (!f.child) put(t + at_of[id], f.bits, f.size);
    for (auto& [id, f] : o->fields) {
      if (!f.child) continue;
      const std::size_t c = write(f.child);
      put32(t + at_of[id], static_cast<std::uint32_t>(c - (t + at_of[id])));
    }
    return t;
  }

  std::vector<std::uint8_t> out_;
};

// ---- A TFLite model described field by field -------------------------------------------------------

struct tensor_spec {
  std::vector<std::int32_t> shape;
  std::int8_t type = 9;  // INT8
  std::uint32_t buffer = 0;
  std::string name;
  bool quantized = true;
  std::vector<float> scale{0.5f};
  std::vector<std::int64_t> zero_point{0};
  std::int32_t quantized_dimension = 0;
  bool is_variable = false;  // a state tensor (SVDF's activation state, LSTM's h and c)
};

struct op_spec {
  std::uint32_t opcode_index = 0;
  std::vector<std::int32_t> inputs, outputs;
  std::uint8_t options_type = 0;
  ptr options;  // the options table, or null
};

struct model_spec {
  std::uint32_t version = 3;
  std::vector<std::int32_t> opcodes;  // builtin codes
  std::vector<tensor_spec> tensors;
  std::vector<op_spec> ops;
  std::vector<std::int32_t> inputs, outputs;
  std::vector<std::vector<std::uint8_t>> buffers{{}};  // buffer 0: the empty sentinel
  const char* ident = "TFL3";
};

inline std::vector<std::uint8_t> le_bytes_i8(const std::vector<int>& v) {
  std::vector<std::uint8_t> b;
  for (int x : v) b.push_back(static_cast<std::uint8_t>(static_cast<std::int8_t>(x)));
  return b;
}
inline std::vector<std::uint8_t> le_bytes_i32(const std::vector<std::int32_t>& v) {
  std::vector<std::uint8_t> b;
  for (auto x : v)
    for (int i = 0; i < 4; ++i)
      b.push_back(static_cast<std::uint8_t>(static_cast<std::uint32_t>(x) >> (8 * i)));
  return b;
}
inline std::vector<std::uint8_t> le_bytes_i16(const std::vector<int>& v) {
  std::vector<std::uint8_t> b;
  for (int x : v) {
    const auto u = static_cast<std::uint16_t>(static_cast<std::int16_t>(x));
    b.push_back(static_cast<std::uint8_t>(u & 0xff));
    b.push_back(static_cast<std::uint8_t>(u >> 8));
  }
  return b;
}
inline std::vector<std::uint8_t> le_bytes_i64(const std::vector<std::int64_t>& v) {
  std::vector<std::uint8_t> b;
  for (auto x : v)
    for (int i = 0; i < 8; ++i)
      b.push_back(static_cast<std::uint8_t>(static_cast<std::uint64_t>(x) >> (8 * i)));
  return b;
}
inline std::vector<std::uint8_t> le_bytes_f32(const std::vector<float>& v) {
  std::vector<std::uint8_t> b;
  for (float x : v) {
    std::uint32_t u;
    std::memcpy(&u, &x, 4);
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(u >> (8 * i)));
  }
  return b;
}

inline std::vector<std::uint8_t> build(const model_spec& m) {
  std::vector<ptr> codes;
  for (auto c : m.opcodes) {
    auto t = make_table();
    t->u8(0, static_cast<std::uint8_t>(c < 127 ? c : 127)).i32(3, c);
    codes.push_back(t);
  }
  std::vector<ptr> tensors;
  for (const auto& ts : m.tensors) {
    auto t = make_table();
    t->child(0, make_i32s(ts.shape)).u8(1, static_cast<std::uint8_t>(ts.type)).u32(2, ts.buffer);
    t->child(3, make_string(ts.name));
    if (ts.quantized) {
      auto q = make_table();
      q->child(2, make_f32s(ts.scale)).child(3, make_i64s(ts.zero_point)).i32(6, ts.quantized_dimension);
      t->child(4, q);
    }
    if (ts.is_variable) t->u8(5, 1);
    tensors.push_back(t);
  }
  std::vector<ptr> ops;
  for (const auto& os : m.ops) {
    auto o = make_table();
    o->u32(0, os.opcode_index).child(1, make_i32s(os.inputs)).child(2, make_i32s(os.outputs));
    if (os.options) o->u8(3, os.options_type).child(4, os.options);
    ops.push_back(o);
  }
  auto sg = make_table();
  sg->child(0, make_tables(tensors)).child(1, make_i32s(m.inputs)).child(2, make_i32s(m.outputs));
  sg->child(3, make_tables(ops)).child(4, make_string("main"));
  std::vector<ptr> buffers;
  for (const auto& b : m.buffers) {
    auto t = make_table();
    if (!b.empty()) t->child(0, make_bytes(b));
    buffers.push_back(t);
  }
  auto root = make_table();
  root->u32(0, m.version).child(1, make_tables(codes)).child(2, make_tables({sg}));
  root->child(3, make_string("test model")).child(4, make_tables(buffers));
  return writer().finish(root, m.ident);
}

// Option tables (field ids from schema.fbs).
inline ptr fc_options(std::int8_t act = 0) {
  auto t = make_table();
  t->u8(0, static_cast<std::uint8_t>(act));
  return t;
}
inline ptr softmax_options(float beta = 1.0f) {
  auto t = make_table();
  t->f32(0, beta);
  return t;
}
inline ptr conv_options(std::int8_t padding, int sw, int sh, std::int8_t act, int dw = 1, int dh = 1) {
  auto t = make_table();
  t->u8(0, static_cast<std::uint8_t>(padding)).i32(1, sw).i32(2, sh).u8(3, static_cast<std::uint8_t>(act));
  t->i32(4, dw).i32(5, dh);
  return t;
}
inline ptr depthwise_options(std::int8_t padding, int sw, int sh, int multiplier, std::int8_t act) {
  auto t = make_table();
  t->u8(0, static_cast<std::uint8_t>(padding)).i32(1, sw).i32(2, sh).i32(3, multiplier);
  t->u8(4, static_cast<std::uint8_t>(act));
  return t;
}
inline ptr pool_options(std::int8_t padding, int sw, int sh, int fw, int fh, std::int8_t act = 0) {
  auto t = make_table();
  t->u8(0, static_cast<std::uint8_t>(padding)).i32(1, sw).i32(2, sh).i32(3, fw).i32(4, fh);
  t->u8(5, static_cast<std::uint8_t>(act));
  return t;
}
inline ptr add_options(std::int8_t act = 0) {
  auto t = make_table();
  t->u8(0, static_cast<std::uint8_t>(act));
  return t;
}

}  // namespace fbt
