// kws_stream_q15 (the integer KWS front end fed hop by hop) against the whole-clip
// kws_frontend_q15::compute, itself checked against numpy in mfcc_q15_test.cpp: after the 50 hops of
// a clip, and after every later hop of a longer stream (then against the last 16,000 samples), the
// window must be the same bytes. Audio: the espeak-ng words and the 5.4 s recording of the keyword
// spotting example (examples/keyword_spotting/clips), the clips of tests/dsp/data/kws.bin, noise.
// ON_TARGET: also run on the emulated cores (the files read through semihosting).
#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <ctml/dsp/kws_stream_q15.hpp>

#include "../../examples/keyword_spotting/wav.hpp"
#include "ref_data.hpp"

using ctml::dsp::kws_frontend_q15;
using ctml::dsp::kws_stream_q15;

namespace {
using window = std::array<std::int8_t, kws_stream_q15::num_features>;

// ~10 KB of buffers between them: static, as on a device.
kws_frontend_q15& batch_frontend() {
  static kws_frontend_q15 fe;
  return fe;
}
kws_stream_q15& stream() {
  static kws_stream_q15 fe;
  return fe;
}

// The whole-clip features of samples [from, from + 16000).
window batch(const std::vector<std::int16_t>& s, std::size_t from) {
  window w{};
  batch_frontend().compute(std::span<const std::int16_t, 16000>(s.data() + from, 16000), w);
  return w;
}
window current() {
  window w{};
  stream().features(w);
  return w;
}

std::vector<std::int16_t> example_wav(const std::string& name) {
  const auto wav = kws_example::read_wav(
      (std::string(CTML_DSP_DATA_DIR) + "/../../../examples/keyword_spotting/clips/" + name + ".wav")
          .c_str());
  REQUIRE_MESSAGE(wav.ok, name << ": " << wav.error);
  return wav.samples;
}

// Deterministic noise with a level that changes every 1000 samples (loud, quiet, near silent), so
// frames see different block-normalisation shifts.
std::vector<std::int16_t> noise(std::size_t n, std::uint32_t seed) {
  std::vector<std::int16_t> s(n);
  std::uint32_t x = seed;
  int level = 0;
  for (std::size_t i = 0; i < n; ++i) {
    x = x * 1664525u + 1013904223u;
    if (i % 1000 == 0) level = static_cast<int>(x >> 28);  // 0 .. 15
    s[i] = static_cast<std::int16_t>((static_cast<std::int32_t>(x >> 16) - 32768) >> (15 - level));
  }
  return s;
}

// Feeds a clip of at most 1 s (zero-padded to 16,000 samples) hop by hop after reset(); checks the
// rows each hop adds and ready(), then that the window equals the whole-clip features.
void check_clip(std::vector<std::int16_t> clip, const std::string& name) {
  INFO(name);
  REQUIRE(clip.size() <= 16000);
  clip.resize(16000, 0);
  stream().reset();
  for (std::size_t k = 1; k <= 50; ++k) {
    // Frame i ends at sample 320 i + 480: hop 1 completes none, every later hop one.
    CHECK(stream().push(std::span<const std::int16_t>(clip).subspan((k - 1) * 320, 320)) ==
          (k == 1 ? 0u : 1u));
    CHECK(stream().ready() == (k == 50));
  }
  CHECK(current() == batch(clip, 0));
}
}  // namespace

TEST_CASE("kws_stream_q15: after a clip's 50 hops the window is the whole-clip features, byte for byte") {
  for (const char* word : {"yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"})
    check_clip(example_wav(word), word);
  for (const char* name : {"sweep", "vowel", "quiet", "silence"}) check_clip(ctml_test::kws_clip(name), name);
  check_clip(noise(16000, 1), "noise");
  // A full-scale square wave: saturating input.
  std::vector<std::int16_t> square(16000);
  for (std::size_t n = 0; n < square.size(); ++n) square[n] = (n / 20) % 2 ? 32767 : -32768;
  check_clip(square, "square");
}

TEST_CASE("kws_stream_q15: the features are numpy's (independently of the whole-clip code)") {
  // The same reference and tolerance as kws_frontend_q15 in mfcc_q15_test.cpp.
  for (const std::string name : {"sweep", "vowel", "quiet"}) {
    const auto pcm = ctml_test::kws_clip(name);
    const auto ref = ctml_test::kws_data()[name + "/int8"].as<int>();
    stream().reset();
    stream().push(pcm);
    REQUIRE(stream().ready());
    const window w = current();
    int max_diff = 0, diffs = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
      const int d = std::abs(w[i] - ref[i]);
      max_diff = std::max(max_diff, d);
      diffs += d != 0;
    }
    CHECK_MESSAGE(max_diff <= 1, name);
    CHECK_MESSAGE(diffs <= 2, name);
  }
}

TEST_CASE("kws_stream_q15: in a continuous stream the window after every hop is the last second's features") {
  // The example's 5.4 s recording (several words, the example's streaming test input), then noise.
  std::vector<std::int16_t> s = example_wav("stream");
  const auto tail = noise(16000 + 7 * 320 + 100, 7);
  s.insert(s.end(), tail.begin(), tail.end());
  stream().reset();
  std::size_t compared = 0;
  for (std::size_t k = 1; k * 320 <= s.size(); ++k) {
    stream().push(std::span<const std::int16_t>(s).subspan((k - 1) * 320, 320));
    const std::size_t fed = k * 320;
    INFO("hop " << k);
    if (fed >= 16000) {
      REQUIRE(stream().ready());
      REQUIRE(current() == batch(s, fed - 16000));
      ++compared;
    } else {
      // Before 1 s: the k - 1 frames seen are the last rows, the rest read as 0.
      CHECK_FALSE(stream().ready());
      const window w = current();
      const window b = batch(s, 0);
      const std::size_t rows = k - 1;
      CHECK(std::all_of(w.begin(), w.end() - static_cast<std::ptrdiff_t>(rows * 10),
                        [](std::int8_t v) { return v == 0; }));
      CHECK(std::equal(w.end() - static_cast<std::ptrdiff_t>(rows * 10), w.end(), b.begin()));
    }
  }
  CHECK(compared == s.size() / 320 - 49);
}

TEST_CASE("kws_stream_q15: any chunk sizes give the same windows; reset starts over") {
  const auto s = noise(3 * 16000 + 1234, 11);
  for (const std::size_t max_chunk : {1u, 7u, 320u, 641u, 5000u}) {
    INFO("chunks up to " << max_chunk);
    stream().reset();
    std::uint32_t x = 99;
    std::size_t fed = 0, rows = 0, checks = 0, next_check = 49;
    while (fed < s.size()) {
      x = x * 1664525u + 1013904223u;
      const std::size_t n = std::min<std::size_t>(s.size() - fed, 1 + (x >> 8) % max_chunk);
      rows += stream().push(std::span<const std::int16_t>(s).subspan(fed, n));
      fed += n;
      // Frames i with 320 i + 480 <= fed are done; the window holds the last 49 of them.
      REQUIRE(rows == (fed >= 480 ? (fed - 480) / 320 + 1 : 0));
      // About every 13 rows, wherever the chunk left the frame buffer.
      if (rows >= next_check) {
        REQUIRE(current() == batch(s, (rows - 49) * 320));
        next_check = rows + 13;
        ++checks;
      }
    }
    CHECK(checks > 0);
    CHECK(current() == batch(s, (rows - 49) * 320));
  }
  // reset(): no samples or rows survive; the next clip's window is its own.
  stream().push(std::span<const std::int16_t>(s).first(16000 + 160));
  stream().reset();
  CHECK_FALSE(stream().ready());
  CHECK(current() == window{});
  const auto clip = ctml_test::kws_clip("vowel");
  stream().push(clip);
  CHECK(current() == batch(clip, 0));
}
