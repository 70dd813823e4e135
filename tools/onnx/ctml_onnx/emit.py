"""C++ text for ctml's constexpr data objects."""
import numpy as np


def f32(v):
    # Shortest text that reads back as the same float32 (numpy's unique repr).
    s = np.format_float_scientific(np.float32(v), unique=True, trim="-") if v != 0 and (
        abs(v) < 1e-4 or abs(v) >= 1e7) else np.format_float_positional(np.float32(v), unique=True, trim="-")
    if "e" not in s and "." not in s and "inf" not in s and "nan" not in s:
        s += ".0"
    return s + "f"


def array_body(values, kind, per_line=12):
    flat = np.asarray(values).reshape(-1)
    if kind == "float":
        items = [f32(v) for v in flat]
    else:
        items = [str(int(v)) for v in flat]
    lines = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    return "{" + ",\n     ".join(lines) + "}"


def std_array(name, values, ctype, kind):
    n = np.asarray(values).size
    return f"inline constexpr std::array<{ctype}, {n}> {name}{array_body(values, kind)};\n"


def gru_weights_float(name, g):
    U, F = g["R"].shape[1], g["W"].shape[1]
    return (f"inline constexpr ctml::gru_weights<float, {U}, {F}> {name}{{\n"
            f"    .kernel = {array_body(g['W'], 'float')},\n"
            f"    .recurrent_kernel = {array_body(g['R'], 'float')},\n"
            f"    .input_bias = {array_body(g['Wb'], 'float')},\n"
            f"    .recurrent_bias = {array_body(g['Rb'], 'float')},\n"
            f"    .initial_state = {array_body(g['h0'], 'float')}}};\n")


def gru_weights_int8(name, q):
    U, F = q["R"].shape[1], q["W"].shape[1]
    s, zp = q["out_q"]
    return (f"inline constexpr ctml::gru_weights<std::int8_t, {U}, {F}> {name}{{\n"
            f"    .kernel = {array_body(q['W'], 'int')},\n"
            f"    .recurrent_kernel = {array_body(q['R'], 'int')},\n"
            f"    .input_bias = {array_body(q['Wb'], 'int')},\n"
            f"    .recurrent_bias = {array_body(q['Rb'], 'int')},\n"
            f"    .kernel_scales = {array_body(q['Ws'], 'float')},\n"
            f"    .recurrent_scales = {array_body(q['Rs'], 'float')},\n"
            f"    .initial_state = {array_body(q['h0'], 'int')},\n"
            f"    .output = {{{f32(s)}, {zp}}}}};\n")


def dense_weights_float(name, d):
    units, n_in = d["W"].shape
    return (f"inline constexpr ctml::dense_weights<float, {units}, {n_in}> {name}{{\n"
            f"    .weights = {array_body(d['W'], 'float')},\n"
            f"    .bias = {array_body(d['b'], 'float')}}};\n")


def dense_weights_int8(name, q):
    units, n_in = q["W"].shape
    s, zp = q["out_q"]
    return (f"inline constexpr ctml::dense_weights<std::int8_t, {units}, {n_in}, {units}> {name}{{\n"
            f"    .weights = {array_body(q['W'], 'int')},\n"
            f"    .bias = {array_body(q['b'], 'int')},\n"
            f"    .weight_scales = {array_body(q['Ws'], 'float')},\n"
            f"    .output = {{{f32(s)}, {zp}}}}};\n")


def quantization(name, q):
    return f"inline constexpr ctml::quantization {name}{{{f32(q[0])}, {q[1]}}};\n"
