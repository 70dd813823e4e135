#!/usr/bin/env python3
"""Makes the keyword-spotting example's test clips and their reference features.

For each word, espeak-ng speaks it and sox resamples it to 16 kHz mono 16-bit (Debian espeak-ng,
sox): clips/<word>.wav. Its KWS features are then computed by the numpy statement of the
TensorFlow front end in tools/gen_dsp/gen_dsp_reference.py (numpy/scipy, not ctml), after the
training pipeline's preparation (divide by the clip's peak, zero-pad to 16,000 samples), and
quantized to the model's int8 input: clips/<word>.numpy.int8.bin. Also clips/stream.wav: three
words with silence between them, for the streaming mode. Existing WAV files are kept, so the
committed audio does not change with the tools' versions. Usage: make_test_clips.py
"""
import os
import subprocess
import sys
import tempfile
import wave

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "tools", "gen_dsp"))
from gen_dsp_reference import quantize_kws, tf_mfcc_front_end  # noqa: E402

WORDS = ["yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"]


def speak(word, path):
    if os.path.exists(path):
        return
    with tempfile.TemporaryDirectory() as t:
        raw = os.path.join(t, "raw.wav")
        subprocess.run(["espeak-ng", "-w", raw, word], check=True)
        subprocess.run(["sox", raw, "-r", "16000", "-c", "1", "-b", "16", path], check=True)


def read(path):
    with wave.open(path, "rb") as f:
        assert f.getframerate() == 16000 and f.getnchannels() == 1 and f.getsampwidth() == 2
        return np.frombuffer(f.readframes(f.getnframes()), "<i2")


def main():
    d = os.path.join(here, "clips")
    os.makedirs(d, exist_ok=True)
    for w in WORDS:
        path = os.path.join(d, w + ".wav")
        speak(w, path)
        pcm = read(path)[:16000]
        x = pcm.astype(np.float64) / 32768.0
        x = x / np.max(np.abs(x))
        x = np.pad(x, (0, 16000 - len(x)))
        mfcc, _, _ = tf_mfcc_front_end(x)
        quantize_kws(mfcc).tofile(os.path.join(d, w + ".numpy.int8.bin"))
    stream = os.path.join(d, "stream.wav")
    if not os.path.exists(stream):
        silence = np.zeros(8000, np.int16)
        parts = [silence]
        for w in ["yes", "stop", "go"]:
            parts += [read(os.path.join(d, w + ".wav")), silence, silence]
        with wave.open(stream, "wb") as f:
            f.setnchannels(1)
            f.setsampwidth(2)
            f.setframerate(16000)
            f.writeframes(np.concatenate(parts).astype("<i2").tobytes())
    print(f"numpy {np.__version__}; clips in {d}")


if __name__ == "__main__":
    main()
