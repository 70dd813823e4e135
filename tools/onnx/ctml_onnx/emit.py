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


def lstm_weights_float(name, L):
    U, F = L["R"].shape[1], L["W"].shape[1]
    return (f"inline constexpr ctml::lstm_weights<float, {U}, {F}> {name}{{\n"
            f"    .kernel = {array_body(L['W'], 'float')},\n"
            f"    .recurrent_kernel = {array_body(L['R'], 'float')},\n"
            f"    .bias = {array_body(L['b'], 'float')}}};\n")


def lstm_weights_int8(name, q):
    U, F = q["R"].shape[1], q["W"].shape[1]
    s, zp = q["out_q"]
    return (f"inline constexpr ctml::lstm_weights<std::int8_t, {U}, {F}> {name}{{\n"
            f"    .kernel = {array_body(q['W'], 'int')},\n"
            f"    .recurrent_kernel = {array_body(q['R'], 'int')},\n"
            f"    .bias = {array_body(q['b'], 'int')},\n"
            f"    .kernel_scales = {array_body(q['Ws'], 'float')},\n"
            f"    .recurrent_scales = {array_body(q['Rs'], 'float')},\n"
            f"    .cell_scale = {f32(q['cell_scale'])},\n"
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


def conv_weights(name, L, q=None):
    """ctml::conv2d_weights (OHWI) or ctml::depthwise_conv2d_weights ([KH][KW][C]), float or int8."""
    W = L["W"]
    if L["kind"] == "conv":
        O, KH, KW, I = W.shape
        dims = f"{O}, {KH}, {KW}, {I}"
        tmpl, n = "conv2d_weights", O
    else:
        KH, KW, O = W.shape
        dims = f"{KH}, {KW}, {O}"
        tmpl, n = "depthwise_conv2d_weights", O
    if q is None:
        return (f"inline constexpr ctml::{tmpl}<float, {dims}> {name}{{\n"
                f"    .weights = {array_body(W, 'float')},\n"
                f"    .bias = {array_body(L['b'], 'float')}}};\n")
    s, zp = q["out_q"]
    return (f"inline constexpr ctml::{tmpl}<std::int8_t, {dims}, {n}> {name}{{\n"
            f"    .weights = {array_body(q['W'], 'int')},\n"
            f"    .bias = {array_body(q['b'], 'int')},\n"
            f"    .weight_scales = {array_body(q['Ws'], 'float')},\n"
            f"    .output = {{{f32(s)}, {zp}}}}};\n")


def leaky_relu_params(name, L, q=None):
    out = f", .output = {{{f32(q['out_q'][0])}, {q['out_q'][1]}}}" if q else ""
    return f"inline constexpr ctml::leaky_relu_params {name}{{.alpha = {f32(L['alpha'])}{out}}};\n"


def _hw(v):
    return f"{{{v[0]}, {v[1]}}}"


def window_layer(L, data, lname):
    """The ctml layer type of a conv / depthwise / pool layer dict."""
    pad = f", .padding = ctml::padding::{L['padding']}" if L["padding"] == "same" else ""
    act = f", .activation = ctml::activation::{L['act']}" if L.get("act", "none") != "none" else ""
    dil = f", .dilation_rate = {_hw(L['dilations'])}" if tuple(L.get("dilations", (1, 1))) != (1, 1) else ""
    geo = f".kernel_size = {_hw(L['kernel'])}, .strides = {_hw(L['strides'])}{pad}"
    if L["kind"] == "conv":
        return f"ctml::conv2d<ctml::conv2d_options{{.filters = {L['W'].shape[0]}, {geo}{dil}{act}}}, {data}::{lname}>"
    if L["kind"] == "depthwise":
        m = L["W"].shape[2] // L["in_channels"]
        mult = f", .depth_multiplier = {m}" if m != 1 else ""
        return f"ctml::depthwise_conv2d<ctml::depthwise_conv2d_options{{{geo}{mult}{dil}{act}}}, {data}::{lname}>"
    kind = "max_pool2d" if L["kind"] == "max_pool" else "average_pool2d"
    return (f"ctml::{kind}<ctml::pool2d_options{{.pool_size = {_hw(L['kernel'])}, .strides = {_hw(L['strides'])}"
            f"{pad}}}>")


def pad_layer(L, value=None):
    """ctml::pad; value: the name of a constexpr pad value (default: zero / the zero point)."""
    b = ", ".join(map(str, L["before"]))
    a = ", ".join(map(str, L["after"]))
    v = f", {value}" if value else ""
    return f"ctml::pad<ctml::pad_options{{.before = {{{b}}}, .after = {{{a}}}}}{v}>"
