#!/usr/bin/env python3
"""Magnitude pruning of an int8 .tflite model: zeroes weights of CONV_2D, DEPTHWISE_CONV_2D and
FULLY_CONNECTED layers and writes a .tflite of the same size and structure (only weight bytes change),
which TFLite Micro and ctml-import run as they run the original.

    ctml_prune.py MODEL.tflite OUT.tflite --unstructured 0.75    # per layer, the 75 % smallest |w|
    ctml_prune.py MODEL.tflite OUT.tflite --structured 0.5       # per layer, half the filters (L1)

Magnitudes are real values, |q - zero_point| * scale of the weight's output channel, as a float
pruning tool (TF-MOT) sees them: with per-channel scales the int8 values alone would rank channels
against each other wrongly. Ties are broken by the weight's (or filter's) index, so the output is a
function of the input file and the options only. Biases are left as they are (see README.md).
Python 3 and numpy only.
"""

import argparse
import os
import struct
import sys

import numpy as np

# TFLite schema facts (tensorflow/lite/schema/schema.fbs): field numbers of the tables we read.
MODEL_OPERATOR_CODES, MODEL_SUBGRAPHS, MODEL_BUFFERS = 1, 2, 4
OPCODE_DEPRECATED_BUILTIN, OPCODE_BUILTIN = 0, 3
SUBGRAPH_TENSORS, SUBGRAPH_OPERATORS = 0, 3
TENSOR_SHAPE, TENSOR_TYPE, TENSOR_BUFFER, TENSOR_NAME, TENSOR_QUANTIZATION = 0, 1, 2, 3, 4
QUANT_SCALE, QUANT_ZERO_POINT, QUANT_DIMENSION = 2, 3, 6
OPERATOR_OPCODE_INDEX, OPERATOR_INPUTS = 0, 1
BUFFER_DATA, BUFFER_OFFSET, BUFFER_SIZE = 0, 1, 2
TENSOR_TYPES = {0: "FLOAT32", 1: "FLOAT16", 2: "INT32", 3: "UINT8", 4: "INT64", 7: "INT16", 9: "INT8",
                17: "INT4"}
INT8 = 9
# Builtin operator -> the dimension of its weight tensor that indexes output channels (units).
PRUNABLE = {3: ("CONV_2D", 0), 4: ("DEPTHWISE_CONV_2D", 3), 9: ("FULLY_CONNECTED", 0)}


class FormatError(Exception):
    """The file is not a .tflite model this tool can prune."""


class Table:
    """A flatbuffer table at byte `pos` of `buf`; every read is bounds-checked."""

    def __init__(self, buf, pos, what):
        self.buf, self.pos, self.what = buf, pos, what
        soffset = self._unpack("<i", pos, "table")
        self.vtable = pos - soffset
        vsize = self._unpack("<H", self.vtable, "vtable")
        if vsize < 4 or vsize % 2:
            raise FormatError("%s: vtable of %d bytes at %d" % (what, vsize, self.vtable))
        self._check(self.vtable, vsize, "vtable")
        self.nfields = (vsize - 4) // 2

    def _check(self, pos, size, what):
        if pos < 0 or pos + size > len(self.buf):
            raise FormatError("%s: %s at byte %d (+%d) is outside the file (%d bytes)"
                              % (self.what, what, pos, size, len(self.buf)))

    def _unpack(self, fmt, pos, what):
        self._check(pos, struct.calcsize(fmt), what)
        return struct.unpack_from(fmt, self.buf, pos)[0]

    def field(self, n):
        """Absolute position of field n, or None when it is absent."""
        if n >= self.nfields:
            return None
        off = self._unpack("<H", self.vtable + 4 + 2 * n, "vtable entry")
        return self.pos + off if off else None

    def scalar(self, n, fmt, default=0):
        p = self.field(n)
        return default if p is None else self._unpack(fmt, p, "field %d" % n)

    def _vector(self, n):
        p = self.field(n)
        if p is None:
            return None, 0
        start = p + self._unpack("<I", p, "field %d" % n)
        length = self._unpack("<I", start, "vector %d length" % n)
        return start + 4, length

    def vector(self, n, fmt):
        """Field n as a tuple of scalars (an empty tuple when absent)."""
        start, length = self._vector(n)
        if start is None:
            return ()
        size = struct.calcsize(fmt)
        self._check(start, size * length, "vector %d" % n)
        return struct.unpack_from("<%d%s" % (length, fmt), self.buf, start)

    def bytes_span(self, n):
        """Field n, a [ubyte] vector, as (position, length); (None, 0) when absent."""
        start, length = self._vector(n)
        if start is not None:
            self._check(start, length, "vector %d" % n)
        return start, length

    def tables(self, n, what):
        start, length = self._vector(n)
        if start is None:
            return []
        self._check(start, 4 * length, "vector %d" % n)
        out = []
        for i in range(length):
            p = start + 4 * i
            out.append(Table(self.buf, p + self._unpack("<I", p, "offset"), "%s %d" % (what, i)))
        return out

    def table(self, n, what):
        p = self.field(n)
        return None if p is None else Table(self.buf, p + self._unpack("<I", p, "offset"), what)

    def string(self, n):
        start, length = self.bytes_span(n)
        return "" if start is None else bytes(self.buf[start:start + length]).decode("utf-8", "replace")


class Layer:
    """One prunable operator: where its weights are in the file and how to read them."""

    def __init__(self, index, op, tensor, name, shape, channel_axis, data_pos, scales, zero_points):
        self.index, self.op, self.tensor, self.name = index, op, tensor, name
        self.shape, self.channel_axis, self.data_pos = shape, channel_axis, data_pos
        self.scales, self.zero_points = scales, zero_points
        self.size = int(np.prod(shape))


def read_layers(buf):
    """The prunable layers of subgraph 0, in operator order; FormatError on anything unexpected."""
    if len(buf) < 8:
        raise FormatError("%d bytes: too short for a .tflite file" % len(buf))
    if bytes(buf[4:8]) != b"TFL3":
        raise FormatError("no TFL3 file identifier at bytes 4..7: not a .tflite file")
    model = Table(buf, struct.unpack_from("<I", buf, 0)[0], "model")
    codes = []
    for c in model.tables(MODEL_OPERATOR_CODES, "operator code"):
        # Codes above 127 live only in builtin_code; older files only fill the deprecated byte.
        codes.append(max(c.scalar(OPCODE_DEPRECATED_BUILTIN, "<b"), c.scalar(OPCODE_BUILTIN, "<i")))
    subgraphs = model.tables(MODEL_SUBGRAPHS, "subgraph")
    if not subgraphs:
        raise FormatError("the model has no subgraph")
    buffers = model.tables(MODEL_BUFFERS, "buffer")
    tensors = subgraphs[0].tables(SUBGRAPH_TENSORS, "tensor")
    layers, seen = [], {}
    for i, op in enumerate(subgraphs[0].tables(SUBGRAPH_OPERATORS, "operator")):
        ci = op.scalar(OPERATOR_OPCODE_INDEX, "<I")
        if ci >= len(codes):
            raise FormatError("operator %d: opcode index %d of %d" % (i, ci, len(codes)))
        if codes[ci] not in PRUNABLE:
            continue
        opname, axis = PRUNABLE[codes[ci]]
        inputs = op.vector(OPERATOR_INPUTS, "i")
        if len(inputs) < 2 or not 0 <= inputs[1] < len(tensors):
            raise FormatError("operator %d (%s): no weight tensor" % (i, opname))
        t = tensors[inputs[1]]
        name = t.string(TENSOR_NAME)
        ttype = t.scalar(TENSOR_TYPE, "<b")
        if ttype != INT8:
            raise FormatError("operator %d (%s): weights '%s' are %s, not int8: this tool prunes int8 models only"
                              % (i, opname, name, TENSOR_TYPES.get(ttype, "type %d" % ttype)))
        shape = tuple(t.vector(TENSOR_SHAPE, "i"))
        if len(shape) <= axis or any(d <= 0 for d in shape):
            raise FormatError("operator %d (%s): weight shape %s" % (i, opname, list(shape)))
        bi = t.scalar(TENSOR_BUFFER, "<I")
        if not 0 < bi < len(buffers):
            raise FormatError("operator %d (%s): weights '%s' are not a constant (buffer %d)" % (i, opname, name, bi))
        size = int(np.prod(shape))
        pos, length = buffers[bi].bytes_span(BUFFER_DATA)
        if pos is None or length == 0:
            # Models over 2 GB keep buffers after the flatbuffer: offset from the file's start.
            pos, length = buffers[bi].scalar(BUFFER_OFFSET, "<Q"), buffers[bi].scalar(BUFFER_SIZE, "<Q")
            if pos <= 1 or pos + length > len(buf):
                raise FormatError("operator %d (%s): weights '%s' have no data" % (i, opname, name))
        if length != size:
            raise FormatError("operator %d (%s): weights '%s' hold %d bytes for shape %s"
                              % (i, opname, name, length, list(shape)))
        q = t.table(TENSOR_QUANTIZATION, "quantization of " + name)
        scales = np.array(q.vector(QUANT_SCALE, "f") if q else (), dtype=np.float64)
        zps = np.array(q.vector(QUANT_ZERO_POINT, "q") if q else (), dtype=np.int64)
        channels = shape[axis]
        if len(scales) == 0 or len(zps) != len(scales) or len(scales) not in (1, channels):
            raise FormatError("operator %d (%s): weights '%s' have %d scales and %d zero points for %d channels"
                              % (i, opname, name, len(scales), len(zps), channels))
        if len(scales) > 1 and q.scalar(QUANT_DIMENSION, "<i") != axis:
            raise FormatError("operator %d (%s): weights '%s' are quantized along dimension %d, not %d"
                              % (i, opname, name, q.scalar(QUANT_DIMENSION, "<i"), axis))
        if np.any(zps < -128) or np.any(zps > 127):
            raise FormatError("operator %d (%s): weight zero point out of int8 range" % (i, opname))
        if pos in seen:  # a buffer two operators share is pruned once, for the first of them
            continue
        seen[pos] = i
        layers.append(Layer(i, opname, inputs[1], name, shape, axis, pos,
                            np.broadcast_to(scales, (channels,)), np.broadcast_to(zps, (channels,))))
    if not layers:
        raise FormatError("no CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED layer with constant weights")
    return layers


def weights_of(buf, layer):
    """(int8 weights as [channel, rest], zero points [channel, 1], scales [channel, 1])."""
    w = np.frombuffer(bytes(buf[layer.data_pos:layer.data_pos + layer.size]), dtype=np.int8)
    w = np.moveaxis(w.reshape(layer.shape), layer.channel_axis, 0).reshape(layer.shape[layer.channel_axis], -1)
    return w, layer.zero_points.reshape(-1, 1), layer.scales.reshape(-1, 1)


def store(buf, layer, w):
    """Writes [channel, rest] weights back in the tensor's own layout."""
    shape = list(layer.shape)
    moved = [shape[layer.channel_axis]] + shape[:layer.channel_axis] + shape[layer.channel_axis + 1:]
    w = np.moveaxis(w.reshape(moved), 0, layer.channel_axis)
    buf[layer.data_pos:layer.data_pos + layer.size] = np.ascontiguousarray(w).astype(np.int8).tobytes()


def nearest(x):
    """Round half up: the count a fraction of n asks for (Python's round() would round half to even)."""
    return int(np.floor(x + 0.5))


def prune(buf, layers, unstructured=None, structured=None, skip_last=True):
    """Prunes `buf` (a bytearray) in place; returns one report dict per layer."""
    report = []
    for k, layer in enumerate(layers):
        w, zp, scale = weights_of(buf, layer)
        channels = w.shape[0]
        before = int(np.count_nonzero(w == zp))
        magnitude = np.abs(w.astype(np.int64) - zp) * scale  # real |w|, float64
        removed = 0
        skipped = structured is not None and skip_last and k == len(layers) - 1
        if unstructured is not None:
            n = nearest(unstructured * w.size)
            flat = magnitude.reshape(-1)
            # Stable sort: among equal magnitudes the lower index is pruned first.
            order = np.argsort(flat, kind="stable")[:n]
            mask = np.zeros(w.size, dtype=bool)
            mask[order] = True
            w = np.where(mask.reshape(w.shape), zp, w)
        elif not skipped:
            removed = min(nearest(structured * channels), channels - 1)  # keep at least one filter
            # An integer sum, then one product: exact and the same on every CPU (a float sum's order,
            # and so its rounding, depends on numpy's SIMD path).
            l1 = np.abs(w.astype(np.int64) - zp).sum(axis=1) * scale.reshape(-1)
            order = np.argsort(l1, kind="stable")[:removed]
            w = w.copy()
            w[order] = np.broadcast_to(zp, w.shape)[order]
        store(buf, layer, w)
        after = int(np.count_nonzero(w == zp))
        zero_filters = int(np.count_nonzero(np.all(w == zp, axis=1)))
        report.append({"operator": layer.index, "op": layer.op, "tensor": layer.tensor, "name": layer.name,
                       "shape": list(layer.shape), "weights": int(w.size), "zeros_before": before,
                       "zeros_after": after, "sparsity": after / w.size, "channels": channels,
                       "channels_removed": removed, "zero_channels": zero_filters, "skipped": skipped})
    return report


def print_report(report, out):
    out.write("%4s  %-17s %-6s %-18s %8s %8s %8s  %s\n"
              % ("op", "type", "tensor", "shape", "weights", "zeros", "sparsity", "channels removed"))
    total = zeros = 0
    for r in report:
        note = "%d of %d" % (r["channels_removed"], r["channels"])
        if r["skipped"]:
            note += " (last layer, kept)"
        if r["zero_channels"] != r["channels_removed"]:
            note += ", %d all-zero" % r["zero_channels"]
        out.write("%4d  %-17s t%-5d %-18s %8d %8d %7.2f%%  %s\n"
                  % (r["operator"], r["op"], r["tensor"], "x".join(map(str, r["shape"])), r["weights"],
                     r["zeros_after"], 100.0 * r["sparsity"], note))
        total += r["weights"]
        zeros += r["zeros_after"]
    out.write("all %d prunable weights: %d zero (%.2f%%)\n" % (total, zeros, 100.0 * zeros / total))


def fraction(text):
    v = float(text)
    if not 0.0 <= v <= 1.0:
        raise argparse.ArgumentTypeError("%s is not a fraction between 0 and 1" % text)
    return v


def main(argv=None):
    p = argparse.ArgumentParser(
        description="Magnitude pruning of an int8 .tflite model (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED "
                    "weights). Writes a .tflite of the same size in which only weight bytes changed, and "
                    "prints per layer the sparsity achieved and the channels removed. Without retraining "
                    "the model's accuracy drops (tools/prune/README.md).")
    p.add_argument("model", help="int8 .tflite file")
    p.add_argument("output", help="pruned .tflite file to write")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--unstructured", type=fraction, metavar="S",
                   help="zero the fraction S of each layer's weights with the smallest magnitude")
    g.add_argument("--structured", type=fraction, metavar="F",
                   help="zero the fraction F of each layer's output channels (filters, units) with the smallest "
                        "L1 norm, keeping at least one; biases stay")
    p.add_argument("--prune-last", action="store_true",
                   help="with --structured, prune the last layer too (by default its units, the model's "
                        "classes or outputs, are kept)")
    p.add_argument("--quiet", action="store_true", help="print nothing on success")
    a = p.parse_args(argv)
    try:
        with open(a.model, "rb") as f:
            buf = bytearray(f.read())
        layers = read_layers(buf)
        report = prune(buf, layers, a.unstructured, a.structured, skip_last=not a.prune_last)
    except OSError as e:
        sys.stderr.write("ctml_prune: %s\n" % e)
        return 1
    except FormatError as e:
        sys.stderr.write("ctml_prune: %s: %s\n" % (a.model, e))
        return 1
    except (struct.error, ValueError, OverflowError, MemoryError) as e:  # a case the reader's checks missed
        sys.stderr.write("ctml_prune: %s: malformed .tflite file (%s)\n" % (a.model, e))
        return 1
    # A temporary file renamed into place: the output is either untouched or the whole new model.
    tmp = a.output + ".tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(buf)
        os.replace(tmp, a.output)
    except OSError as e:
        sys.stderr.write("ctml_prune: %s\n" % e)
        if os.path.exists(tmp):
            os.remove(tmp)
        return 1
    if not a.quiet:
        print_report(report, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
