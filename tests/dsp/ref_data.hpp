#pragma once
// Reads the reference files tools/gen_dsp/gen_dsp_reference.py writes (numpy/scipy/ONNX outputs).
// Test-only code: it may use the standard library freely.

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <ctml/dsp/complex.hpp>

namespace ctml_test {

struct ref_array {
  char dtype = 0;
  std::vector<std::uint32_t> shape;
  std::vector<double> values;  // every numeric dtype widened to double (exact)
  std::string text;
  std::size_t size() const { return values.size(); }
  double operator[](std::size_t i) const { return values[i]; }
  std::vector<float> as_float() const { return std::vector<float>(values.begin(), values.end()); }
  // Interleaved (re, im) pairs as complex values.
  std::vector<ctml::dsp::complex_f32> as_complex() const {
    std::vector<ctml::dsp::complex_f32> c(values.size() / 2);
    for (std::size_t i = 0; i < c.size(); ++i)
      c[i] = {static_cast<float>(values[2 * i]), static_cast<float>(values[2 * i + 1])};
    return c;
  }
  template <typename T>
  std::vector<T> as() const {
    std::vector<T> v(values.size());
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<T>(values[i]);
    return v;
  }
};

class ref_file {
 public:
  explicit ref_file(const std::string& name) {
    const std::string path = std::string(CTML_DSP_DATA_DIR) + "/" + name;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    REQUIRE_MESSAGE(f != nullptr, "cannot open reference data " << path);
    std::vector<unsigned char> b;
    unsigned char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) b.insert(b.end(), buf, buf + n);
    std::fclose(f);
    REQUIRE(b.size() >= 8);
    REQUIRE(std::memcmp(b.data(), "CTMLREF1", 8) == 0);
    std::size_t p = 8;
    auto u32 = [&] {
      std::uint32_t v = 0;
      for (int i = 0; i < 4; ++i)
        v |= static_cast<std::uint32_t>(b[p + static_cast<std::size_t>(i)]) << (8 * i);
      p += 4;
      return v;
    };
    while (p < b.size()) {
      const std::size_t len = b[p] | (static_cast<std::size_t>(b[p + 1]) << 8);
      p += 2;
      std::string key(reinterpret_cast<const char*>(&b[p]), len);
      p += len;
      ref_array a;
      a.dtype = static_cast<char>(b[p++]);
      const unsigned nd = b[p++];
      std::size_t count = 1;
      for (unsigned d = 0; d < nd; ++d) {
        a.shape.push_back(u32());
        count *= a.shape.back();
      }
      switch (a.dtype) {
        case 'c':
          a.text.assign(reinterpret_cast<const char*>(&b[p]), count);
          p += count;
          break;
        case 'f':
          read<float>(b, p, count, a);
          break;
        case 'd':
          read<double>(b, p, count, a);
          break;
        case 'i':
          read<std::int32_t>(b, p, count, a);
          break;
        case 'h':
          read<std::int16_t>(b, p, count, a);
          break;
        case 'b':
          read<std::int8_t>(b, p, count, a);
          break;
        default:
          FAIL("bad dtype in " << path);
      }
      arrays_.emplace(std::move(key), std::move(a));
    }
  }
  bool has(const std::string& key) const { return arrays_.count(key) != 0; }
  const ref_array& operator[](const std::string& key) const {
    auto it = arrays_.find(key);
    REQUIRE_MESSAGE(it != arrays_.end(), "missing reference array " << key);
    return it->second;
  }
  const std::string& provenance() const { return (*this)["provenance"].text; }

 private:
  template <typename T>
  static void read(const std::vector<unsigned char>& b, std::size_t& p, std::size_t count, ref_array& a) {
    a.values.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      T v;
      std::memcpy(&v, &b[p + i * sizeof(T)], sizeof(T));  // the host is little endian, as the file
      a.values[i] = static_cast<double>(v);
    }
    p += count * sizeof(T);
  }
  std::map<std::string, ref_array> arrays_;
};

// Largest |a[i] - ref[i]| over the largest |ref[i]| (a norm-wise relative error).
template <typename A>
double max_rel_error(const A& a, const std::vector<double>& ref) {
  double num = 0, den = 0;
  for (std::size_t i = 0; i < ref.size(); ++i) {
    num = std::fmax(num, std::fabs(static_cast<double>(a[i]) - ref[i]));
    den = std::fmax(den, std::fabs(ref[i]));
  }
  return den > 0 ? num / den : num;
}

inline double max_abs_error(const std::vector<double>& a, const std::vector<double>& ref) {
  double e = 0;
  for (std::size_t i = 0; i < ref.size(); ++i) e = std::fmax(e, std::fabs(a[i] - ref[i]));
  return e;
}

// Complex vector flattened to interleaved doubles.
template <typename C>
std::vector<double> flatten(const C& c) {
  std::vector<double> v;
  for (const auto& z : c) {
    v.push_back(static_cast<double>(z.re));
    v.push_back(static_cast<double>(z.im));
  }
  return v;
}

// tests/dsp/data/kws.bin (the KWS front end's clips and reference features), read once per program.
inline const ref_file& kws_data() {
  static const ref_file f("kws.bin");
  return f;
}

// Clip `name` of kws.bin as int16 PCM; "silence" (not stored) is one second of zeros.
inline std::vector<std::int16_t> kws_clip(const std::string& name) {
  if (name == "silence") return std::vector<std::int16_t>(16000, 0);
  return kws_data()[name + "/audio"].as<std::int16_t>();
}

}  // namespace ctml_test
