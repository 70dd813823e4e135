#pragma once
// Host-only WAV reader for the keyword-spotting example: accepts exactly what the KWS front end
// expects — 16 kHz, mono, 16-bit PCM — and rejects everything else with a message that says what
// the file holds. Never reads out of bounds on truncated or malformed files.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace kws_example {

/// The outcome of reading a WAV file: samples when ok, otherwise a human-readable error.
struct wav_audio {
  bool ok = false;
  std::string error;
  std::vector<std::int16_t> samples;  ///< 16 kHz mono, as stored in the file
};

namespace detail {
inline std::uint32_t le32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}
inline std::uint16_t le16(const unsigned char* p) {
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
inline wav_audio fail(std::string msg) {
  wav_audio a;
  a.error = std::move(msg);
  return a;
}
}  // namespace detail

/// Parses a WAV image in memory. Accepts WAVE_FORMAT_PCM (1), or WAVE_FORMAT_EXTENSIBLE whose
/// sub-format is PCM, with 1 channel, 16000 Hz and 16 bits per sample.
/// Usage: `auto wav = kws_example::parse_wav(bytes); if (!wav.ok) puts(wav.error.c_str());`
inline wav_audio parse_wav(const std::vector<unsigned char>& b) {
  using detail::fail;
  if (b.size() < 12 || std::string(b.begin(), b.begin() + 4) != "RIFF" ||
      std::string(b.begin() + 8, b.begin() + 12) != "WAVE")
    return fail("not a WAV file (no RIFF/WAVE header)");
  bool have_fmt = false;
  std::uint16_t format = 0, channels = 0, bits = 0, block_align = 0;
  std::uint32_t rate = 0;
  std::size_t p = 12;
  while (p + 8 <= b.size()) {
    const std::string id(b.begin() + static_cast<std::ptrdiff_t>(p),
                         b.begin() + static_cast<std::ptrdiff_t>(p + 4));
    const std::size_t size = detail::le32(&b[p + 4]);
    const std::size_t body = p + 8;
    if (size > b.size() - body) {
      if (id != "data") return fail("truncated WAV file: chunk '" + id + "' runs past the end of the file");
    }
    if (id == "fmt ") {
      if (size < 16) return fail("malformed WAV file: 'fmt ' chunk shorter than 16 bytes");
      format = detail::le16(&b[body]);
      channels = detail::le16(&b[body + 2]);
      rate = detail::le32(&b[body + 4]);
      block_align = detail::le16(&b[body + 12]);
      bits = detail::le16(&b[body + 14]);
      if (format == 0xFFFE && size >= 40) format = detail::le16(&b[body + 24]);  // sub-format GUID
      have_fmt = true;
    } else if (id == "data") {
      if (!have_fmt) return fail("malformed WAV file: 'data' chunk before 'fmt ' chunk");
      if (format != 1 || channels != 1 || rate != 16000 || bits != 16 || block_align != 2) {
        return fail("unsupported WAV format: need 16 kHz mono 16-bit PCM, got " + std::to_string(rate) +
                    " Hz, " + std::to_string(channels) + " channel(s), " + std::to_string(bits) + "-bit, " +
                    (format == 1   ? std::string("PCM")
                     : format == 3 ? std::string("IEEE float")
                                   : "format code " + std::to_string(format)) +
                    " (convert with: sox in.wav -r 16000 -c 1 -b 16 out.wav)");
      }
      if (size > b.size() - body) return fail("truncated WAV file: data chunk runs past the end of the file");
      if (size % 2 != 0) return fail("malformed WAV file: odd data size for 16-bit samples");
      wav_audio a;
      a.ok = true;
      a.samples.resize(size / 2);
      for (std::size_t i = 0; i < a.samples.size(); ++i)
        a.samples[i] = static_cast<std::int16_t>(detail::le16(&b[body + 2 * i]));
      return a;
    }
    p = body + size + (size & 1u);  // chunks are padded to even sizes
  }
  return fail(have_fmt ? "malformed WAV file: no 'data' chunk" : "malformed WAV file: no 'fmt ' chunk");
}

/// Reads and parses a WAV file. Usage: `auto wav = kws_example::read_wav("yes.wav");`
inline wav_audio read_wav(const char* path) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return detail::fail(std::string("cannot open '") + path + "'");
  std::vector<unsigned char> bytes;
  unsigned char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.insert(bytes.end(), buf, buf + n);
  const bool read_error = std::ferror(f) != 0;
  std::fclose(f);
  if (read_error) return detail::fail(std::string("cannot read '") + path + "'");
  wav_audio a = parse_wav(bytes);
  if (!a.ok) a.error = std::string(path) + ": " + a.error;
  return a;
}

}  // namespace kws_example
