#pragma once
// A bounds-checked reader for the FlatBuffers binary format, written for ctml-import from the
// published format description. Every read checks its bytes against the end of the buffer and
// throws ctml_import::error on anything out of range, so a malformed file can never make the
// importer read outside the bytes it loaded. Values are assembled byte by byte (little endian), so
// unaligned data is fine too.
//
// The format in short: the file starts with a 32-bit offset to the root table. A table starts with
// a signed 32-bit offset to its vtable (vtable = table - soffset); a vtable is a list of 16-bit
// values: its own size in bytes, the table's inline size, then one offset per field (relative to
// the table, 0 = field absent). Fields that reference other objects (tables, vectors, strings) hold
// an unsigned 32-bit offset relative to the field's own position. A vector is a 32-bit length
// followed by its elements; a string is a vector of bytes.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>

#include "error.hpp"

namespace ctml_import::fb {

/// Upper bound on the number of elements the reader will visit for one input, so that a small
/// file whose offsets point many times at the same large object cannot make the importer run for
/// minutes ("amplification"). Real models stay far below it.
inline constexpr std::uint64_t default_work_budget = 64u * 1024u * 1024u;

class buffer {
 public:
  explicit buffer(std::span<const std::uint8_t> bytes, std::uint64_t work_budget = default_work_budget)
      : bytes_(bytes), budget_(work_budget) {}

  std::size_t size() const { return bytes_.size(); }
  std::span<const std::uint8_t> bytes() const { return bytes_; }

  /// Throws unless [pos, pos + n) lies inside the buffer.
  void need(std::uint64_t pos, std::uint64_t n, const char* what) const {
    if (pos > bytes_.size() || n > bytes_.size() - pos) {
      throw error(std::string("malformed flatbuffer: ") + what + " at byte " + std::to_string(pos) + " (+" +
                  std::to_string(n) + " bytes) lies outside the file (" + std::to_string(bytes_.size()) +
                  " bytes)");
    }
  }
  /// Counts `n` units of work against the budget; throws when it is exhausted.
  void charge(std::uint64_t n) const {
    if (n > budget_) throw error("malformed flatbuffer: the file references far more data than it holds");
    budget_ -= n;
  }

  std::uint8_t u8(std::uint64_t pos) const {
    need(pos, 1, "a byte");
    return bytes_[static_cast<std::size_t>(pos)];
  }
  std::uint16_t u16(std::uint64_t pos) const { return static_cast<std::uint16_t>(le(pos, 2)); }
  std::uint32_t u32(std::uint64_t pos) const { return static_cast<std::uint32_t>(le(pos, 4)); }
  std::uint64_t u64(std::uint64_t pos) const { return le(pos, 8); }
  std::int32_t i32(std::uint64_t pos) const { return static_cast<std::int32_t>(u32(pos)); }
  std::int64_t i64(std::uint64_t pos) const { return static_cast<std::int64_t>(u64(pos)); }
  float f32(std::uint64_t pos) const {
    const std::uint32_t bits = u32(pos);
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
  }

  /// Follows the unsigned 32-bit offset stored at `pos` (relative to `pos`); checks that the
  /// target leaves room for at least `min_size` bytes.
  std::uint64_t follow(std::uint64_t pos, std::uint64_t min_size, const char* what) const {
    const std::uint64_t target = pos + u32(pos);
    need(target, min_size, what);
    return target;
  }

 private:
  std::uint64_t le(std::uint64_t pos, unsigned n) const {
    need(pos, n, "a scalar");
    std::uint64_t v = 0;
    for (unsigned i = 0; i < n; ++i) v |= std::uint64_t{bytes_[static_cast<std::size_t>(pos + i)]} << (8 * i);
    return v;
  }

  std::span<const std::uint8_t> bytes_;
  mutable std::uint64_t budget_;
};

/// A vector of fixed-size elements: `count` elements of `elem_size` bytes starting at `data`.
struct vector {
  const buffer* buf = nullptr;
  std::uint64_t data = 0;
  std::uint32_t count = 0;
  unsigned elem_size = 1;

  std::uint64_t at(std::uint32_t i) const { return data + std::uint64_t{i} * elem_size; }
  std::uint32_t size() const { return count; }
  bool empty() const { return count == 0; }
};

class table {
 public:
  /// Reads the table at `pos`: checks its vtable's position, size and the inline size.
  table(const buffer& buf, std::uint64_t pos, const char* what) : buf_(&buf), pos_(pos) {
    buf.need(pos, 4, what);
    buf.charge(1);
    const std::int64_t vt = static_cast<std::int64_t>(pos) - std::int64_t{buf.i32(pos)};
    if (vt < 0)
      throw error(std::string("malformed flatbuffer: vtable of ") + what + " before the file start");
    vt_ = static_cast<std::uint64_t>(vt);
    vt_size_ = buf.u16(vt_);
    if (vt_size_ < 4 || vt_size_ % 2 != 0)
      throw error(std::string("malformed flatbuffer: vtable of ") + what + " has an invalid size (" +
                  std::to_string(vt_size_) + ")");
    buf.need(vt_, vt_size_, "a vtable");
    inline_size_ = buf.u16(vt_ + 2);
    if (inline_size_ < 4)
      throw error(std::string("malformed flatbuffer: ") + what + " has an invalid inline size");
    buf.need(pos, inline_size_, what);
  }

  /// Absolute position of field `id`, or nothing when absent. The field's `size` bytes must lie in
  /// the table's inline part.
  std::optional<std::uint64_t> field(unsigned id, unsigned size) const {
    const std::uint64_t entry = 4 + 2 * std::uint64_t{id};
    if (entry + 2 > vt_size_) return std::nullopt;
    const std::uint16_t off = buf_->u16(vt_ + entry);
    if (off == 0) return std::nullopt;
    if (off < 4 || std::uint64_t{off} + size > inline_size_)
      throw error("malformed flatbuffer: field " + std::to_string(id) + " lies outside its table");
    return pos_ + off;
  }
  bool has(unsigned id) const { return field(id, 1).has_value(); }

  std::uint8_t u8(unsigned id, std::uint8_t def = 0) const {
    auto f = field(id, 1);
    return f ? buf_->u8(*f) : def;
  }
  std::int8_t i8(unsigned id, std::int8_t def = 0) const {
    return static_cast<std::int8_t>(u8(id, static_cast<std::uint8_t>(def)));
  }
  bool boolean(unsigned id, bool def = false) const { return u8(id, def ? 1 : 0) != 0; }
  std::uint32_t u32(unsigned id, std::uint32_t def = 0) const {
    auto f = field(id, 4);
    return f ? buf_->u32(*f) : def;
  }
  std::int32_t i32(unsigned id, std::int32_t def = 0) const {
    auto f = field(id, 4);
    return f ? buf_->i32(*f) : def;
  }
  std::uint64_t u64(unsigned id, std::uint64_t def = 0) const {
    auto f = field(id, 8);
    return f ? buf_->u64(*f) : def;
  }
  float f32(unsigned id, float def = 0.0f) const {
    auto f = field(id, 4);
    return f ? buf_->f32(*f) : def;
  }

  /// Sub-table at field `id`, or nothing when absent.
  std::optional<table> sub(unsigned id, const char* what) const {
    auto f = field(id, 4);
    if (!f) return std::nullopt;
    return table(*buf_, buf_->follow(*f, 4, what), what);
  }

  /// Vector of scalars/offsets at field `id`; empty when absent.
  vector vec(unsigned id, unsigned elem_size, const char* what) const {
    auto f = field(id, 4);
    if (!f) return vector{buf_, 0, 0, elem_size};
    const std::uint64_t v = buf_->follow(*f, 4, what);
    const std::uint32_t n = buf_->u32(v);
    buf_->need(v + 4, std::uint64_t{n} * elem_size, what);
    return vector{buf_, v + 4, n, elem_size};
  }

  /// String at field `id`; empty when absent.
  std::string str(unsigned id, const char* what) const {
    const vector v = vec(id, 1, what);
    buf_->charge(v.count);
    const auto bytes = buf_->bytes();
    return std::string(reinterpret_cast<const char*>(bytes.data() + v.data), v.count);
  }

  /// The i-th table of a vector of tables.
  table element(const vector& v, std::uint32_t i, const char* what) const {
    return table(*buf_, buf_->follow(v.at(i), 4, what), what);
  }

  const buffer& buf() const { return *buf_; }

 private:
  const buffer* buf_;
  std::uint64_t pos_;
  std::uint64_t vt_ = 0;
  std::uint16_t vt_size_ = 0;
  std::uint16_t inline_size_ = 0;
};

}  // namespace ctml_import::fb
