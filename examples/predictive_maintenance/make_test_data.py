#!/usr/bin/python3
"""Writes held-out synthetic recordings (a seed training never saw) for the C++ example.

  make_test_data.py <out.bin> [recordings per class]

Format (little-endian): int32 count, frames, frame_size; int32 labels[count];
float32 samples[count][frames * frame_size]. Also writes <out.bin>.features.npy: numpy's features of
the same recordings (vibration.features), which the example compares with ctml::dsp's.
"""
import sys

import numpy as np

import vibration as vib


def main():
    out = sys.argv[1]
    per_class = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    raw, labels, feats = vib.dataset(per_class, seed=3)
    with open(out, "wb") as f:
        np.array([len(labels), vib.FRAMES, vib.FRAME], "<i4").tofile(f)
        labels.astype("<i4").tofile(f)
        raw.astype("<f4").tofile(f)
    np.save(out + ".features.npy", feats.astype(np.float32))


if __name__ == "__main__":
    main()
