// Keyword spotting from audio: a 16 kHz mono 16-bit WAV file -> ctml::dsp::kws_frontend (the
// MLPerf Tiny MFCC pipeline) -> the MLPerf Tiny DS-CNN imported by ctml-import -> labels.
//
//   kws_wav CLIP.wav      a clip of up to 1 s, prepared as the model's training pipeline did
//                         (divided by its peak, zero-padded to 16,000 samples): label and scores
//   kws_wav LONGER.wav    streaming: the 49-frame (1 s) window slides in 20 ms steps; prints each
//                         detection with its time
// Anything but 16 kHz mono 16-bit PCM is rejected with a message (exit status 2).
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <ctml/dsp/kws_frontend.hpp>

#include "kws.hpp"
#include "wav.hpp"

namespace {
constexpr const char* labels[12] = {"down",  "go",   "left", "no",  "off",     "on",
                                    "right", "stop", "up",   "yes", "silence", "unknown"};
constexpr std::size_t silence = 10, unknown = 11;

ctml::arena<kws> arena;
ctml::dsp::kws_frontend frontend;

std::size_t classify(std::span<const std::int8_t, 490> features) {
  std::copy(features.begin(), features.end(), arena.input().begin());
  kws::invoke(arena);
  const auto scores = arena.output();
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
  std::array<std::int8_t, 490> features{};
  frontend.compute(audio, features);
  const std::size_t best = classify(features);
  const auto scores = arena.output();
  std::printf("label: %s (class %zu, score %d)\n", labels[best], best, scores[best]);
  for (std::size_t i = 0; i < scores.size(); ++i)
    std::printf("  %-8s %4d  (p = %.3f)\n", labels[i], scores[i], (scores[i] + 128) / 256.0);
  return 0;
}

int stream(std::vector<std::int16_t> samples) {
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
    if (frontend.push(std::span<const std::int16_t>(samples.data() + at, chunk)) == 0 || !frontend.ready())
      continue;
    const std::size_t best = classify(frontend.features());
    const int score = arena.output()[best];
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
  if (argc != 2) {
    std::fprintf(stderr, "usage: kws_wav FILE.wav  (16 kHz mono 16-bit PCM)\n");
    return 2;
  }
  const kws_example::wav_audio wav = kws_example::read_wav(argv[1]);
  if (!wav.ok) {
    std::fprintf(stderr, "kws_wav: %s\n", wav.error.c_str());
    return 2;
  }
  return wav.samples.size() <= 16000 ? clip(wav.samples) : stream(wav.samples);
}
