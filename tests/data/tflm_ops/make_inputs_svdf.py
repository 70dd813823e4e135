#!/usr/bin/python3
"""The int16 inputs of keyword_scrambled_steps40 and keyword_scrambled_8bit_steps40 (README there):
40 frames of 96 int16 values, amplitude +-200, +-1000, +-4000, +-12000 in turn (the model's QUANTIZE to
int8 saturates beyond about +-12000), Python's random seeded 20261207.

    make_inputs_svdf.py OUT.bin   then   tflm_oracle run MODEL DIR --input OUT.bin --steps 40 --intermediates
"""
import random
import struct
import sys

random.seed(20261207)
values = []
for t in range(40):
    amp = [200, 1000, 4000, 12000][t % 4]
    values += [random.randint(-amp, amp) for _ in range(96)]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<%dh" % len(values), *values))
