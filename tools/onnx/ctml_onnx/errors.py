"""The exporter's one error type and the attribute checks every op handler shares."""
import onnx


class ExportError(Exception):
    """An ONNX model ctml cannot represent; the message names the node and what is unsupported."""


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def desc(node):
    # Unnamed: its first output that is there (an LSTM's Y may be left out: '').
    return f"{node.op_type} node '{node.name or next((o for o in node.output if o), '')}'"


def check_attrs(node, values, allowed):
    """allowed: name -> predicate on the value (or None: any value)."""
    for k, v in values.items():
        if k not in allowed:
            raise ExportError(f"{desc(node)}: attribute '{k}' is not supported")
        ok = allowed[k]
        if isinstance(v, bytes):
            v = v.decode()
        if ok is not None and not ok(v):
            raise ExportError(f"{desc(node)}: attribute {k}={v!r} is not supported")
