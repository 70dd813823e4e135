// tflm_oracle: runs a .tflite model through TensorFlow Lite Micro's reference
// interpreter and writes the raw bytes of its inputs, outputs and (optionally)
// every intermediate tensor. It produces golden data for ctml's tests; it is
// not part of ctml and is built against a TFLM checkout by the Makefile
// beside it (see README.md).
//
// Usage:
//   tflm_oracle info MODEL
//       JSON description of the model on stdout: inputs, outputs (type,
//       shape, quantization) and the operator list with counts.
//   tflm_oracle run MODEL CASEDIR [--seed S | --input FILE ...]
//                                 [--steps N] [--intermediates] [--arena-mb N]
//       Fills every input (from FILEs, in input order, or from the xorshift32
//       generator seeded with S; one generator per input), runs Invoke() and
//       writes CASEDIR/input<i>.bin, CASEDIR/output<i>.bin and, with
//       --intermediates, CASEDIR/intermediates/tNNN.bin for every tensor of
//       subgraph 0 that has no constant data. With --steps N the same
//       interpreter is invoked N times (stateful models: SVDF, LSTM, the
//       audio front end); each input file then holds N tensors back to back,
//       each output file gets the N results back to back, and intermediates
//       are those of the last step.
//
// Any failure prints a message on stderr and exits with a non-zero status.

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <sys/stat.h>

#include "tensorflow/compiler/mlir/lite/schema/schema_utils.h"
#include "tensorflow/lite/micro/memory_helpers.h"
#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/micro/micro_resource_variable.h"
#include "tensorflow/lite/schema/schema_generated.h"

namespace {

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "tflm_oracle: %s\n", message.c_str());
  std::exit(1);
}

std::vector<uint8_t> read_file(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) fail("cannot open " + path + ": " + std::strerror(errno));
  std::vector<uint8_t> data;
  uint8_t buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.insert(data.end(), buf, buf + n);
  std::fclose(f);
  return data;
}

void write_file(const std::string& path, const void* data, size_t size) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) fail("cannot create " + path + ": " + std::strerror(errno));
  if (size && std::fwrite(data, 1, size, f) != size) fail("cannot write " + path);
  if (std::fclose(f) != 0) fail("cannot write " + path);
}

void make_dir(const std::string& path) {
  if (mkdir(path.c_str(), 0777) != 0 && errno != EEXIST)
    fail("cannot create directory " + path + ": " + std::strerror(errno));
}

// Every Add*() of this TFLM snapshot's MicroMutableOpResolver: each builtin
// kernel, the signal library's custom ops (micro_speech's audio front end)
// and TFLM_DECODE (compressed models).
using resolver_t = tflite::MicroMutableOpResolver<160>;

void register_all(resolver_t& r) {
  bool ok = true;
  auto add = [&](TfLiteStatus s) { ok = ok && s == kTfLiteOk; };
  add(r.AddAbs());
  add(r.AddAdd());
  add(r.AddAddN());
  add(r.AddArgMax());
  add(r.AddArgMin());
  add(r.AddAssignVariable());
  add(r.AddAveragePool2D());
  add(r.AddBatchMatMul());
  add(r.AddBatchToSpaceNd());
  add(r.AddBroadcastArgs());
  add(r.AddBroadcastTo());
  add(r.AddCallOnce());
  add(r.AddCast());
  add(r.AddCeil());
  add(r.AddCircularBuffer());
  add(r.AddConcatenation());
  add(r.AddConv2D());
  add(r.AddCos());
  add(r.AddCumSum());
  add(r.AddDecode());
  add(r.AddDelay());
  add(r.AddDepthToSpace());
  add(r.AddDepthwiseConv2D());
  add(r.AddDequantize());
  add(r.AddDetectionPostprocess());
  add(r.AddDiv());
  add(r.AddDynamicUpdateSlice());
  add(r.AddElu());
  add(r.AddEmbeddingLookup());
  add(r.AddEnergy());
  add(r.AddEqual());
  add(r.AddEthosU());  // registers nothing without an Ethos-U driver
  add(r.AddExp());
  add(r.AddExpandDims());
  add(r.AddFftAutoScale());
  add(r.AddFill());
  add(r.AddFilterBank());
  add(r.AddFilterBankLog());
  add(r.AddFilterBankSpectralSubtraction());
  add(r.AddFilterBankSquareRoot());
  add(r.AddFloor());
  add(r.AddFloorDiv());
  add(r.AddFloorMod());
  add(r.AddFramer());
  add(r.AddFullyConnected());
  add(r.AddGather());
  add(r.AddGatherNd());
  add(r.AddGreater());
  add(r.AddGreaterEqual());
  add(r.AddHardSwish());
  add(r.AddIf());
  add(r.AddIrfft());
  add(r.AddL2Normalization());
  add(r.AddL2Pool2D());
  add(r.AddLeakyRelu());
  add(r.AddLess());
  add(r.AddLessEqual());
  add(r.AddLog());
  add(r.AddLogSoftmax());
  add(r.AddLogicalAnd());
  add(r.AddLogicalNot());
  add(r.AddLogicalOr());
  add(r.AddLogistic());
  add(r.AddMaxPool2D());
  add(r.AddMaximum());
  add(r.AddMean());
  add(r.AddMinimum());
  add(r.AddMirrorPad());
  add(r.AddMul());
  add(r.AddNeg());
  add(r.AddNotEqual());
  add(r.AddOverlapAdd());
  add(r.AddPCAN());
  add(r.AddPack());
  add(r.AddPad());
  add(r.AddPadV2());
  add(r.AddPrelu());
  add(r.AddQuantize());
  add(r.AddReadVariable());
  add(r.AddReduceMax());
  add(r.AddReduceMin());
  add(r.AddReduceAll());
  add(r.AddRelu());
  add(r.AddRelu6());
  add(r.AddReshape());
  add(r.AddResizeBilinear());
  add(r.AddResizeNearestNeighbor());
  add(r.AddReverseV2());
  add(r.AddRfft());
  add(r.AddRound());
  add(r.AddRsqrt());
  add(r.AddSelectV2());
  add(r.AddShape());
  add(r.AddSin());
  add(r.AddSlice());
  add(r.AddSoftmax());
  add(r.AddSpaceToBatchNd());
  add(r.AddSpaceToDepth());
  add(r.AddSplit());
  add(r.AddSplitV());
  add(r.AddSqrt());
  add(r.AddSquare());
  add(r.AddSquaredDifference());
  add(r.AddSqueeze());
  add(r.AddStacker());
  add(r.AddStridedSlice());
  add(r.AddSub());
  add(r.AddSum());
  add(r.AddSvdf());
  add(r.AddTanh());
  add(r.AddTranspose());
  add(r.AddTransposeConv());
  add(r.AddUnidirectionalSequenceLSTM());
  add(r.AddUnpack());
  add(r.AddVarHandle());
  add(r.AddWhile());
  add(r.AddWindow());
  add(r.AddZerosLike());
  if (!ok) fail("registering the kernels failed (resolver too small?)");
}

// xorshift32 (Marsaglia 2003, shifts 13/17/5), as documented in
// /work/shared/golden/README.md: one step per element, the top bits of the
// state give the value.
struct xorshift32 {
  uint32_t s;
  uint32_t next() {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
  }
};

void fill_random(TfLiteTensor* t, xorshift32& g) {
  size_t n = t->bytes;
  uint8_t* p = t->data.uint8;
  switch (t->type) {
    case kTfLiteInt8:
    case kTfLiteUInt8:
      for (size_t i = 0; i < n; ++i) p[i] = uint8_t(g.next() >> 24);
      break;
    case kTfLiteBool:
      for (size_t i = 0; i < n; ++i) p[i] = uint8_t(g.next() >> 31);
      break;
    case kTfLiteInt16:
      for (size_t i = 0; i < n / 2; ++i) t->data.i16[i] = int16_t(uint16_t(g.next() >> 16));
      break;
    case kTfLiteInt32:
      for (size_t i = 0; i < n / 4; ++i) t->data.i32[i] = int32_t(g.next());
      break;
    case kTfLiteInt64:
      for (size_t i = 0; i < n / 8; ++i) {
        uint64_t hi = g.next();
        t->data.i64[i] = int64_t((hi << 32) | g.next());
      }
      break;
    case kTfLiteFloat32:
      // Uniform over [-1, 1): 24 top bits, exactly representable.
      for (size_t i = 0; i < n / 4; ++i) t->data.f[i] = float(g.next() >> 8) / 8388608.0f - 1.0f;
      break;
    default:
      fail(std::string("no random generator for input type ") + TfLiteTypeGetName(t->type));
  }
}

std::string json_escape(const char* s) {
  std::string out;
  for (; s && *s; ++s) {
    unsigned char c = static_cast<unsigned char>(*s);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += char(c);
    }
  }
  return out;
}

const tflite::Model* load_model(const std::vector<uint8_t>& data, const std::string& path) {
  flatbuffers::Verifier verifier(data.data(), data.size());
  if (!tflite::VerifyModelBuffer(verifier)) fail(path + ": not a valid TFLite flatbuffer");
  return tflite::GetModel(data.data());
}

void print_tensor_json(const tflite::Model* model, const tflite::SubGraph* sg, int index) {
  const tflite::Tensor* t = sg->tensors()->Get(index);
  std::printf("{\"index\": %d, \"name\": \"%s\", \"type\": \"%s\", \"shape\": [", index,
              json_escape(t->name() ? t->name()->c_str() : "").c_str(),
              tflite::EnumNameTensorType(t->type()));
  if (t->shape())
    for (unsigned i = 0; i < t->shape()->size(); ++i) std::printf("%s%d", i ? ", " : "", t->shape()->Get(i));
  std::printf("]");
  const tflite::QuantizationParameters* q = t->quantization();
  if (q && q->scale() && q->scale()->size() > 0) {
    std::printf(", \"scale\": [");
    for (unsigned i = 0; i < q->scale()->size(); ++i)
      std::printf("%s%.9g", i ? ", " : "", double(q->scale()->Get(i)));
    std::printf("], \"zero_point\": [");
    if (q->zero_point())
      for (unsigned i = 0; i < q->zero_point()->size(); ++i)
        std::printf("%s%lld", i ? ", " : "", static_cast<long long>(q->zero_point()->Get(i)));
    std::printf("], \"quantized_dimension\": %d", q->quantized_dimension());
  }
  (void)model;
  std::printf("}");
}

int cmd_info(const std::string& path) {
  std::vector<uint8_t> data = read_file(path);
  const tflite::Model* model = load_model(data, path);
  const tflite::SubGraph* sg = model->subgraphs()->Get(0);
  std::printf("{\"version\": %u, \"subgraphs\": %u, \"tensors\": %u,\n", model->version(),
              model->subgraphs()->size(), sg->tensors()->size());
  for (const char* which : {"inputs", "outputs"}) {
    const auto* list = std::strcmp(which, "inputs") == 0 ? sg->inputs() : sg->outputs();
    std::printf(" \"%s\": [", which);
    for (unsigned i = 0; i < list->size(); ++i) {
      std::printf("%s\n  ", i ? "," : "");
      print_tensor_json(model, sg, list->Get(i));
    }
    std::printf("],\n");
  }
  // Operator counts over every subgraph, in first-use order.
  std::vector<std::string> order;
  std::map<std::string, int> counts;
  for (unsigned s = 0; s < model->subgraphs()->size(); ++s) {
    const tflite::SubGraph* g = model->subgraphs()->Get(s);
    if (!g->operators()) continue;
    for (unsigned o = 0; o < g->operators()->size(); ++o) {
      const tflite::OperatorCode* code = model->operator_codes()->Get(g->operators()->Get(o)->opcode_index());
      tflite::BuiltinOperator b = tflite::GetBuiltinCode(code);
      std::string name =
          b == tflite::BuiltinOperator_CUSTOM
              ? std::string("CUSTOM:") + (code->custom_code() ? code->custom_code()->c_str() : "?")
              : tflite::EnumNameBuiltinOperator(b);
      if (counts[name]++ == 0) order.push_back(name);
    }
  }
  // Types of the tensors that carry data at run time (no constant buffer):
  // what tells an int8 model from an int16x8 or a float one.
  std::map<std::string, int> act_types;
  for (unsigned s = 0; s < model->subgraphs()->size(); ++s) {
    const tflite::SubGraph* g = model->subgraphs()->Get(s);
    for (unsigned i = 0; g->tensors() && i < g->tensors()->size(); ++i) {
      const tflite::Tensor* t = g->tensors()->Get(i);
      const tflite::Buffer* b = model->buffers()->Get(t->buffer());
      if (b && ((b->data() && b->data()->size() > 0) || b->offset() > 1)) continue;
      ++act_types[tflite::EnumNameTensorType(t->type())];
    }
  }
  std::printf(" \"activation_types\": {");
  bool first = true;
  for (const auto& [name, n] : act_types) {
    std::printf("%s\"%s\": %d", first ? "" : ", ", name.c_str(), n);
    first = false;
  }
  std::printf("},\n");
  std::printf(" \"ops\": [");
  for (size_t i = 0; i < order.size(); ++i)
    std::printf("%s[\"%s\", %d]", i ? ", " : "", json_escape(order[i].c_str()).c_str(), counts[order[i]]);
  std::printf("],\n");
  // Each distinct (op, type of its first run-time input, type of output 0): what docs/ops.md counts.
  std::set<std::string> op_types;
  for (unsigned s = 0; s < model->subgraphs()->size(); ++s) {
    const tflite::SubGraph* g = model->subgraphs()->Get(s);
    if (!g->operators()) continue;
    for (unsigned o = 0; o < g->operators()->size(); ++o) {
      const tflite::Operator* op = g->operators()->Get(o);
      const tflite::OperatorCode* code = model->operator_codes()->Get(op->opcode_index());
      tflite::BuiltinOperator b = tflite::GetBuiltinCode(code);
      if (b == tflite::BuiltinOperator_CUSTOM) continue;
      // The first input that carries data at run time (not a weight or a constant).
      auto type_of = [&](const flatbuffers::Vector<int32_t>* list) -> std::string {
        int pick = -1;
        for (unsigned k = 0; list && k < list->size() && pick < 0; ++k) {
          if (list->Get(k) < 0) continue;
          const tflite::Tensor* t = g->tensors()->Get(unsigned(list->Get(k)));
          const tflite::Buffer* buf = model->buffers()->Get(t->buffer());
          if (!(buf && ((buf->data() && buf->data()->size() > 0) || buf->offset() > 1))) pick = list->Get(k);
        }
        if (pick < 0 && list && list->size() > 0) pick = list->Get(0);
        if (pick < 0) return "NONE";
        return tflite::EnumNameTensorType(g->tensors()->Get(unsigned(pick))->type());
      };
      // TRANSPOSE_CONV's data is input 2 (0 is the output shape, which seanet feeds at run time).
      std::string in_type = type_of(op->inputs());
      if (b == tflite::BuiltinOperator_TRANSPOSE_CONV && op->inputs()->size() > 2)
        in_type = tflite::EnumNameTensorType(g->tensors()->Get(unsigned(op->inputs()->Get(2)))->type());
      op_types.insert(std::string("[\"") + tflite::EnumNameBuiltinOperator(b) + "\", \"" + in_type +
                      "\", \"" + type_of(op->outputs()) + "\"]");
    }
  }
  std::printf(" \"op_types\": [");
  first = true;
  for (const std::string& t : op_types) {
    std::printf("%s%s", first ? "" : ", ", t.c_str());
    first = false;
  }
  std::printf("]}\n");
  return 0;
}

int cmd_run(int argc, char** argv) {
  if (argc < 4) fail("usage: tflm_oracle run MODEL CASEDIR [options]");
  const std::string model_path = argv[2];
  const std::string case_dir = argv[3];
  std::vector<std::string> inputs;
  bool have_seed = false, intermediates = false;
  uint32_t seed = 0;
  size_t arena_mb = 64;
  size_t steps = 1;
  for (int i = 4; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail("missing value after " + a);
      return argv[++i];
    };
    if (a == "--seed") {
      seed = uint32_t(std::strtoul(value().c_str(), nullptr, 0));
      if (seed == 0) fail("--seed must be non-zero (xorshift32)");
      have_seed = true;
    } else if (a == "--input") {
      inputs.push_back(value());
    } else if (a == "--steps") {
      steps = std::strtoul(value().c_str(), nullptr, 0);
      if (steps == 0) fail("--steps must be at least 1");
    } else if (a == "--intermediates") {
      intermediates = true;
    } else if (a == "--arena-mb") {
      arena_mb = std::strtoul(value().c_str(), nullptr, 0);
    } else {
      fail("unknown option " + a);
    }
  }
  if (have_seed == !inputs.empty()) fail("give either --seed S or one --input FILE per model input");

  std::vector<uint8_t> data = read_file(model_path);
  const tflite::Model* model = load_model(data, model_path);
  static resolver_t resolver;
  register_all(resolver);
  std::vector<uint8_t> arena(arena_mb << 20);
  tflite::MicroResourceVariables* vars = tflite::MicroResourceVariables::Create(
      tflite::MicroAllocator::Create(arena.data(), arena.size() / 2), 64);
  tflite::MicroInterpreter interpreter(model, resolver, arena.data() + arena.size() / 2, arena.size() / 2,
                                       vars, nullptr, intermediates);
  if (interpreter.AllocateTensors() != kTfLiteOk) fail("AllocateTensors() failed for " + model_path);
  if (!inputs.empty() && inputs.size() != interpreter.inputs_size())
    fail("the model has " + std::to_string(interpreter.inputs_size()) + " inputs, " +
         std::to_string(inputs.size()) + " files given");

  make_dir(case_dir);
  std::vector<std::vector<uint8_t>> in_bytes(interpreter.inputs_size());
  for (size_t i = 0; i < interpreter.inputs_size(); ++i) {
    TfLiteTensor* t = interpreter.input(i);
    if (have_seed) {
      xorshift32 g{seed};
      for (size_t s = 0; s < steps; ++s) {
        fill_random(t, g);
        in_bytes[i].insert(in_bytes[i].end(), t->data.uint8, t->data.uint8 + t->bytes);
      }
    } else {
      in_bytes[i] = read_file(inputs[i]);
      if (in_bytes[i].size() != t->bytes * steps)
        fail(inputs[i] + ": " + std::to_string(in_bytes[i].size()) + " bytes, input " + std::to_string(i) +
             " needs " + std::to_string(steps) + " x " + std::to_string(t->bytes));
    }
    write_file(case_dir + "/input" + std::to_string(i) + ".bin", in_bytes[i].data(), in_bytes[i].size());
  }
  std::vector<std::vector<uint8_t>> out_bytes(interpreter.outputs_size());
  for (size_t s = 0; s < steps; ++s) {
    for (size_t i = 0; i < interpreter.inputs_size(); ++i) {
      TfLiteTensor* t = interpreter.input(i);
      std::memcpy(t->data.raw, in_bytes[i].data() + s * t->bytes, t->bytes);
    }
    if (interpreter.Invoke() != kTfLiteOk)
      fail("Invoke() failed for " + model_path + " at step " + std::to_string(s));
    for (size_t i = 0; i < interpreter.outputs_size(); ++i) {
      TfLiteTensor* t = interpreter.output(i);
      out_bytes[i].insert(out_bytes[i].end(), t->data.uint8, t->data.uint8 + t->bytes);
    }
  }
  for (size_t i = 0; i < interpreter.outputs_size(); ++i)
    write_file(case_dir + "/output" + std::to_string(i) + ".bin", out_bytes[i].data(), out_bytes[i].size());
  if (intermediates) {
    const std::string dir = case_dir + "/intermediates";
    make_dir(dir);
    const tflite::SubGraph* sg = model->subgraphs()->Get(0);
    for (unsigned i = 0; i < sg->tensors()->size(); ++i) {
      const tflite::Tensor* ft = sg->tensors()->Get(i);
      const tflite::Buffer* b = model->buffers()->Get(ft->buffer());
      if (b && ((b->data() && b->data()->size() > 0) || b->offset() > 1)) continue;  // constant
      TfLiteEvalTensor* t = interpreter.GetTensor(int(i));
      if (!t || !t->data.raw || !t->dims) continue;  // never allocated
      size_t bytes = 0;
      if (tflite::TfLiteEvalTensorByteLength(t, &bytes) != kTfLiteOk) continue;
      char name[32];
      std::snprintf(name, sizeof name, "/t%03u.bin", i);
      write_file(dir + name, t->data.raw, bytes);
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "info") == 0) return cmd_info(argv[2]);
  if (argc >= 2 && std::strcmp(argv[1], "run") == 0) return cmd_run(argc, argv);
  std::fprintf(stderr,
               "usage: tflm_oracle info MODEL\n"
               "       tflm_oracle run MODEL CASEDIR [--seed S | --input FILE "
               "...] [--steps N] [--intermediates] [--arena-mb N]\n");
  return 2;
}
