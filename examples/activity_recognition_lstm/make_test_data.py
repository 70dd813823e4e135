#!/usr/bin/python3
"""Writes held-out synthetic recordings (a seed training never saw) for the C++ example.

  make_test_data.py <out.bin> [recordings per starting activity]
  make_test_data.py <out.bin> --corrupt nan|huge       (one recording, for the bad-input tests)

Format (little-endian): int32 count, frames, frame_size, axes (3); int32 labels[count][frames];
float32 samples[count][frames * frame_size][3]. Also writes <out.bin>.features.npy, numpy's features
of the same recordings (activity.features, float32), which the example compares with ctml::dsp's,
and <out.bin>.classes.npy, the float model's class at every frame in numpy (int32, float64 forward
pass of model/activity_lstm.onnx on numpy's features), which the float model must reproduce.
--corrupt writes a recording with a NaN sample, or with samples of 1e30 g (finite, but their
squares overflow, so the features are not finite).
"""
import sys

import numpy as np

import activity as act
from make_target_data import numpy_classes


def main():
    out = sys.argv[1]
    corrupt = sys.argv[3] if len(sys.argv) == 4 and sys.argv[2] == "--corrupt" else None
    per_class = 1 if corrupt else int(sys.argv[2]) if len(sys.argv) > 2 else 50
    raw, labels, feats = act.dataset(per_class, seed=3)
    if corrupt:
        raw, labels = raw[:1], labels[:1]
        raw[0, 100:110] = np.nan if corrupt == "nan" else 1e30
    with open(out, "wb") as f:
        np.array([len(labels), act.FRAMES, act.FRAME, 3], "<i4").tofile(f)
        labels.astype("<i4").tofile(f)
        raw.astype("<f4").tofile(f)
    if not corrupt:
        feats = feats.astype(np.float32)
        np.save(out + ".features.npy", feats)
        np.save(out + ".classes.npy", numpy_classes(feats).astype(np.int32))


if __name__ == "__main__":
    main()
