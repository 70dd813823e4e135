"""ctml's ONNX -> C++ header exporter (see tools/onnx/README.md). Needs numpy and onnx only."""
