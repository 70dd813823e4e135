// Keyword spotting from audio: a 16 kHz mono 16-bit WAV file -> ctml::dsp::kws_frontend (the
// MLPerf Tiny MFCC pipeline) -> the MLPerf Tiny DS-CNN imported by ctml-import -> labels.
//
//   kws_wav CLIP.wav      a clip of up to 1 s, prepared as the model's training pipeline did
//                         (divided by its peak, zero-padded to 16,000 samples): label and scores
//   kws_wav LONGER.wav    streaming: the 49-frame (1 s) window slides in 20 ms steps; prints each
//                         detection with its time
//   kws_wav --integer LONGER.wav
//                         the same stream through the integer front end, ctml::dsp::kws_stream_q15
//                         (what a core without an FPU runs: one MFCC per hop, no floating point)
// Anything but 16 kHz mono 16-bit PCM is rejected with a message (exit status 2).
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <ctml/dsp/kws_frontend.hpp>
#include <ctml/dsp/kws_stream_q15.hpp>
#include <ctml/graph/pipeline.hpp>

#include "kws.hpp"
#include "wav.hpp"

namespace {
using namespace ctml::literals;
constexpr const char* labels[12] = {"down",  "go",   "left", "no",  "off",     "on",
                                    "right", "stop", "up",   "yes", "silence", "unknown"};
constexpr std::size_t silence = 10, unknown = 11;

// The whole chain is one type, so one budget covers the front end's tables and buffers and the
// model's weights and arena (docs/memory.md): RAM = 8,136 + 16,000 bytes and 8 bytes of padding
// before the 16-byte aligned arena.
struct kws_pipeline final : ctml::pipeline<ctml::dsp::kws_frontend, kws> {};
static_assert(kws_pipeline::ram_bytes ==
              (ctml::dsp::kws_frontend::ram_bytes + 15) / 16 * 16 + kws::arena_bytes);
static_assert(kws_pipeline::flash_bytes == ctml::dsp::kws_frontend::flash_bytes + kws::weight_bytes);
static_assert(ctml::fits<kws_pipeline, ctml::budget{.ram = 25_KiB, .flash = 64_KiB}>);
kws_pipeline pipeline;
// The integer streaming front end with the same model: 5,732 + 16,000 bytes of RAM and 12 bytes of
// padding before the arena.
struct kws_integer_pipeline final : ctml::pipeline<ctml::dsp::kws_stream_q15, kws> {};
static_assert(ctml::fits<kws_integer_pipeline, ctml::budget{.ram = 22_KiB, .flash = 64_KiB}>);
kws_integer_pipeline integer_pipeline;

// The best class of the model's scores.
std::size_t best_of(std::span<const std::int8_t, 12> scores) {
  return static_cast<std::size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

// The peak of a recording (the largest sample magnitude), for the training pipeline's normalisation.
float peak(const std::vector<std::int16_t>& s) {
  int m = 0;
  for (std::int16_t v : s) m = std::max(m, std::abs(static_cast<int>(v)));
  return static_cast<float>(m);
}

int clip(const std::vector<std::int16_t>& samples) {
  static std::array<float, 16000> audio{};  // zero-padded
  const float p = peak(samples);
  // Divide by the clip's peak; an all-zero clip stays zero (silence) instead of dividing by zero.
  for (std::size_t i = 0; i < samples.size(); ++i)
    audio[i] = p > 0 ? static_cast<float>(samples[i]) / p : 0.0f;
  pipeline.extract(audio);  // the MFCCs, straight into the model's input
  const auto scores = pipeline.infer();
  const std::size_t best = best_of(scores);
  std::printf("label: %s (class %zu, score %d)\n", labels[best], best, scores[best]);
  for (std::size_t i = 0; i < scores.size(); ++i)
    std::printf("  %-8s %4d  (p = %.3f)\n", labels[i], scores[i], (scores[i] + 128) / 256.0);
  return 0;
}

template <class Chain>
int stream(Chain& chain, std::vector<std::int16_t> samples) {
  // Normalise the recording to full scale (the model was trained on peak-normalised clips), then
  // feed it in 20 ms chunks as a microphone driver would.
  const float p = peak(samples);
  if (p > 0)
    for (auto& s : samples) s = static_cast<std::int16_t>(static_cast<float>(s) * (32767.0f / p));
  constexpr std::size_t chunk = 320;
  constexpr int threshold = 51;  // p >= 0.7
  std::size_t last_label = silence;
  double last_time = -10;
  int detections = 0;
  for (std::size_t at = 0; at + chunk <= samples.size(); at += chunk) {
    auto& frontend = chain.front_end();
    if (frontend.push(std::span<const std::int16_t>(samples.data() + at, chunk)) == 0 || !frontend.ready())
      continue;
    // The window into the model's input: kws_stream_q15 writes it, kws_frontend's view is copied.
    if constexpr (requires { frontend.features(chain.model_input()); })
      frontend.features(chain.model_input());
    else
      std::ranges::copy(frontend.features(), chain.model_input().begin());
    const auto scores = chain.infer();
    const std::size_t best = best_of(scores);
    const int score = scores[best];
    const double t = static_cast<double>(at + chunk) / 16000.0;
    if (best == silence || best == unknown || score < threshold) continue;
    if (best == last_label && t - last_time < 1.0) continue;  // the same word seen by overlapping windows
    std::printf("%7.2f s  %-6s (p = %.2f)\n", t, labels[best], (score + 128) / 256.0);
    last_label = best;
    last_time = t;
    ++detections;
  }
  std::printf("%d detection(s) in %.2f s of audio\n", detections,
              static_cast<double>(samples.size()) / 16000.0);
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  const bool integer = argc == 3 && std::strcmp(argv[1], "--integer") == 0;
  if (argc != 2 && !integer) {
    std::fprintf(stderr, "usage: kws_wav [--integer] FILE.wav  (16 kHz mono 16-bit PCM)\n");
    return 2;
  }
  const kws_example::wav_audio wav = kws_example::read_wav(argv[argc - 1]);
  if (!wav.ok) {
    std::fprintf(stderr, "kws_wav: %s\n", wav.error.c_str());
    return 2;
  }
  if (integer) return stream(integer_pipeline, wav.samples);
  return wav.samples.size() <= 16000 ? clip(wav.samples) : stream(pipeline, wav.samples);
}
