#pragma once
// A Keras-like model summary, written through a character sink so it works on a device without
// printf: `ctml::print_summary<kws>([](char c) { uart_put(c); });`. Works on every ctml::Budgeted
// type: NN models (per-layer table), pipelines (per-stage table), tree ensembles and DSP blocks.

#include <cstddef>

#include <ctml/graph/budget.hpp>

namespace ctml {

namespace detail {
template <class Sink>
struct text_out {
  Sink& put;
  void str(const char* s) {
    while (*s) put(*s++);
  }
  void repeat(char c, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) put(c);
  }
  static std::size_t length(const char* s) {
    std::size_t n = 0;
    while (s[n]) ++n;
    return n;
  }
  // Left-aligned in `width` columns.
  void left(const char* s, std::size_t width) {
    str(s);
    const std::size_t n = length(s);
    if (n < width) repeat(' ', width - n);
  }
  // Unsigned decimal with thousands separators, right-aligned in `width` columns.
  void number(std::size_t v, std::size_t width) {
    char buf[32];
    std::size_t n = 0, digits = 0;
    do {
      if (digits && digits % 3 == 0) buf[n++] = ',';
      buf[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
      ++digits;
    } while (v);
    if (n < width) repeat(' ', width - n);
    while (n) put(buf[--n]);
  }
  // A totals line: label in 28 columns, the number right-aligned in 12, then the unit.
  void total(const char* label, std::size_t v, const char* unit) {
    left(label, 28);
    number(v, 12);
    str(unit);
    put('\n');
  }
  // "(25, 5, 64)"
  template <class Row>
  void shape(const Row& r, std::size_t width) {
    char buf[48];
    std::size_t n = 0;
    buf[n++] = '(';
    for (std::size_t i = 0; i < r.rank; ++i) {
      char digits[12];
      std::size_t d = 0;
      auto v = static_cast<unsigned>(r.shape[i]);
      do {
        digits[d++] = static_cast<char>('0' + v % 10);
        v /= 10;
      } while (v);
      while (d) buf[n++] = digits[--d];
      if (i + 1 < r.rank) {
        buf[n++] = ',';
        buf[n++] = ' ';
      }
    }
    buf[n++] = ')';
    buf[n] = 0;
    left(buf, width);
  }
};
}  // namespace detail

/// Prints `Model`'s memory and, for an NN model, its per-layer table (layer, output shape, params,
/// MACs, flash bytes, arena offset and bytes, "yes" for a layer that writes over its input), for a pipeline
/// its per-stage table; one character at a time through `put(char)`. `Model` is any ctml::Budgeted type.
/// Usage: `ctml::print_summary<kws>([](char c) { std::putchar(c); }, "kws");`
template <class Model, class Sink>
void print_summary(Sink&& put, const char* title = "model") {
  static_assert(Budgeted<Model>,
                "ctml::print_summary<M>: M must be an NN model, a tree ensemble, a DSP block or a "
                "ctml::pipeline (ctml::Budgeted)");
  detail::text_out<Sink> out{put};
  constexpr std::size_t line = 114;
  out.str("Model: ");
  out.str(title);
  out.put('\n');
  out.repeat('_', line);
  out.put('\n');
  if constexpr (requires { Model::layers; }) {
    out.left(" #  Layer (type)", 26);
    out.left("Output shape", 18);
    out.left("   Params", 10);
    out.left("        MACs", 13);
    out.left("  Flash B", 10);
    out.left("  Arena offset", 15);
    out.left("  Arena B", 10);
    out.str("  In place");
    out.put('\n');
    out.repeat('=', line);
    out.put('\n');
    // The inputs first (their bytes are in the arena too), then the layers.
    for (const auto& row : Model::input_table) {
      out.str(" -  ");
      out.left(row.name, 22);
      out.shape(row, 18);
      out.number(0, 9);
      out.number(0, 13);
      out.number(0, 10);
      out.number(row.offset, 15);
      out.number(row.bytes, 10);
      out.put('\n');
    }
    std::size_t i = 0;
    for (const auto& row : Model::layers) {
      out.number(i++, 2);
      out.str("  ");
      out.left(row.name, 22);
      out.shape(row, 18);
      out.number(row.params, 9);
      out.number(row.macs, 13);
      out.number(row.weight_bytes, 10);
      out.number(row.offset, 15);
      out.number(row.bytes, 10);
      // Activations, reshapes and adds always; convolutions when ctml::scheduled's budget needs it.
      if (row.in_place) out.str("       yes");
      out.put('\n');
    }
    out.repeat('=', line);
    out.put('\n');
    if constexpr (Model::output_count > 1) {  // which layers the model returns, in order
      out.str("Outputs: layers");
      for (std::size_t o = 0; o < Model::output_count; ++o) {
        out.str(o == 0 ? " " : ", ");
        out.number(Model::output_tensors[o] - Model::input_count, 1);
      }
      out.put('\n');
    }
    if constexpr (requires { Model::patch.layers; }) {  // ctml::scheduled's patch (layers/patch.hpp)
      if (Model::patch.layers > 0) {
        out.str("Patch: layer 0 runs the model's first ");
        out.number(Model::patch.layers, 1);
        out.str(" layers row by row; line buffers ");
        out.number(Model::patch.line_bytes, 1);
        out.str(" bytes (in its scratch), halo rows ");
        out.number(Model::patch.halo_rows, 1);
        out.str(" kept, ");
        out.number(Model::patch.recomputed_rows, 1);
        out.str(" recomputed, ");
        out.number(Model::patch.shifted_bytes, 1);
        out.str(" bytes shifted\n");
      }
    }
    // Zero weights (pruned models, docs/pruning.md): which layers run a sparse kernel, and what it saves
    // against the dense kernel. Printed when a layer's weights have zeros.
    bool zeros = false;
    for (const auto& row : Model::layers) zeros = zeros || row.nonzero_weights < row.weights;
    if (zeros) {
      out.str("Weights (zeros skipped by sparse kernels):\n");
      out.left(" #  Layer (type)", 26);
      out.left("   Weights", 10);
      out.left("  Zero %", 8);
      out.left("  Kernel", 8);
      out.left("    Flash B", 11);
      out.left("  Flash saved", 13);
      out.left("     MACs run", 13);
      out.str("  MACs skipped\n");
      std::size_t k = 0, saved = 0, skipped = 0;
      for (const auto& row : Model::layers) {
        if (row.weights > 0) {
          out.number(k, 2);
          out.str("  ");
          out.left(row.name, 22);
          out.number(row.weights, 10);
          // Percent with one decimal, rounded down: "75.0".
          const std::size_t permille = (row.weights - row.nonzero_weights) * 1000 / row.weights;
          out.number(permille / 10, 6);
          out.put('.');
          out.put(static_cast<char>('0' + permille % 10));
          out.str(row.sparse ? "  sparse" : "   dense");
          out.number(row.weight_bytes, 11);
          const std::size_t s =
              row.dense_weight_bytes > row.weight_bytes ? row.dense_weight_bytes - row.weight_bytes : 0;
          out.number(s, 13);
          const std::size_t skip = row.macs > row.macs_run ? row.macs - row.macs_run : 0;
          out.number(row.macs_run, 13);
          out.number(skip, 14);
          out.put('\n');
          saved += s;
          skipped += skip;
        }
        ++k;
      }
      out.total("Flash saved (sparse):", saved, " bytes");
      out.total("MACs skipped (sparse):", skipped, "");
      out.repeat('=', line);
      out.put('\n');
    }
    out.total("Total params:", Model::params, "");
    out.total("MACs per inference:", Model::macs, "");
    out.total("Flash (weights, biases,", Model::weight_bytes, " bytes");
    out.str("       multipliers)\n");
    out.total("RAM: arena", Model::arena_bytes, " bytes");
    out.total("RAM: persistent state", Model::state_bytes, " bytes");
    out.total("RAM: total", Model::ram_bytes, " bytes");
  } else {
    if constexpr (requires { Model::stages; }) {
      out.left(" #  Stage", 16);
      out.left("Kind", 12);
      out.left("     Flash B", 14);
      out.left("     State B", 14);
      out.left("   Scratch B", 14);
      out.left("       RAM B", 14);
      out.put('\n');
      out.repeat('=', line);
      out.put('\n');
      std::size_t i = 0;
      for (const auto& s : Model::stages) {
        out.number(i++, 2);
        out.str("  ");
        out.left(s.role, 12);
        out.left(s.kind, 12);
        out.number(s.flash_bytes, 14);
        out.number(s.state_bytes, 14);
        out.number(s.scratch_bytes, 14);
        out.number(s.state_bytes + s.scratch_bytes, 14);
        out.put('\n');
      }
      out.repeat('=', line);
      out.put('\n');
    }
    out.total("Flash", Model::flash_bytes, " bytes");
    out.str("  (constants: weights, node tables, DSP tables; not code)\n");
    out.total("RAM: state", Model::state_bytes, " bytes");
    out.total("RAM: scratch", Model::scratch_bytes, " bytes");
    out.str("  (work buffers, arenas: free between calls)\n");
    out.total("RAM: total", Model::ram_bytes, " bytes");
  }
  out.repeat('_', line);
  out.put('\n');
}

}  // namespace ctml
