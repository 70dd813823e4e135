#pragma once
// Draws a model's compile-time arena plan as SVG: the arena (offset, vertical) over the layers
// (execution order, horizontal), each tensor a box spanning the layers during which it is alive.
// Everything drawn comes from the model's constexpr plan (`mlperf_tiny_run --plan-svg DIR`).
#include <cstdio>
#include <string>

namespace plan_svg {

template <class Model>
bool draw(const std::string& path, const char* title) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) return false;
  constexpr std::size_t n = Model::num_layers;
  const double col = 44, left = 70, top = 40, height = 360;
  const double width = left + col * static_cast<double>(n + 1) + 70;
  const double scale = height / static_cast<double>(Model::arena_bytes);
  std::fprintf(
      f,
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" "
      "font-size=\"10\">\n",
      width, top + height + 60);
  std::fprintf(f, "<text x=\"%.0f\" y=\"20\" font-size=\"14\">%s: arena %zu bytes, %zu layers</text>\n", left,
               title, Model::arena_bytes, n);
  std::fprintf(f,
               "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#888\"/>\n",
               left, top, col * static_cast<double>(n + 1), height);
  for (std::size_t k = 0; k <= 4; ++k) {
    const std::size_t bytes = Model::arena_bytes * k / 4;
    std::fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">%zu</text>\n", left - 4,
                 top + static_cast<double>(bytes) * scale + 3, bytes);
  }
  // Tensor 0 is the input (alive from before layer 0); tensor i + 1 is written by layer i.
  for (std::size_t t = 0; t <= n; ++t) {
    const std::size_t bytes = t == 0 ? Model::input_spec::bytes : Model::layers[t - 1].bytes;
    const double first = static_cast<double>(t);  // column 0 is "input"
    const double last = static_cast<double>(Model::tensor_last_use[t]) + 1;
    const double x = left + first * col, w = (last - first + 1) * col - 2;
    const double y = top + static_cast<double>(Model::tensor_offsets[t]) * scale;
    const double h = static_cast<double>(bytes) * scale;
    const int hue = static_cast<int>((t * 67) % 360);
    std::fprintf(f,
                 "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.2f\" fill=\"hsl(%d,60%%,75%%)\" "
                 "stroke=\"hsl(%d,60%%,40%%)\"><title>t%zu: %zu bytes at %zu</title></rect>\n",
                 x + 1, y, w, h > 0.5 ? h : 0.5, hue, hue, t, bytes, Model::tensor_offsets[t]);
    if (h > 11) std::fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">%zu B</text>\n", x + 4, y + 11, bytes);
  }
  // A layer that writes over its input (an element-wise one, or a convolution a RAM budget put in
  // place: ctml::scheduled) is named in bold; a patch (layer 0 of a patched schedule) says how many
  // of the model's layers it runs.
  for (std::size_t k = 0; k <= n; ++k) {
    const char* name = k == 0 ? "input" : Model::layers[k - 1].name;
    const bool in_place = k > 0 && Model::layers[k - 1].in_place;
    std::fprintf(f, "<text transform=\"translate(%.1f,%.1f) rotate(45)\"%s>%s%s</text>\n",
                 left + static_cast<double>(k) * col + 8, top + height + 10,
                 in_place ? " font-weight=\"bold\"" : "", name, in_place ? " (in place)" : "");
  }
  if constexpr (requires { Model::patch.layers; }) {
    if (Model::patch.layers > 0)
      std::fprintf(f,
                   "<text x=\"%.0f\" y=\"34\">layer 0 is a patch: the model's first %zu layers row by "
                   "row, line buffers of %zu bytes in its scratch</text>\n",
                   left, static_cast<std::size_t>(Model::patch.layers),
                   static_cast<std::size_t>(Model::patch.line_bytes));
  }
  std::fprintf(f, "</svg>\n");
  return std::fclose(f) == 0;
}

}  // namespace plan_svg
