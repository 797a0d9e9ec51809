// NeuroForge simulation shim: plain extern "C" functions around one Verilated top module, loaded
// from Java through JNA direct mapping. The model-specific part (the port table) comes from
// nf_ports.h, which the Java side generates from the Verilated header; this file is the same for
// every model. Handles are the address of an nf_inst, passed as int64_t.
#include <cstdint>
#include <cstring>
#include <memory>
#include "verilated.h"
#if defined(NF_TRACE_FST)
#include "verilated_fst_c.h"
typedef VerilatedFstC nf_trace_t;
#else
#include "verilated_vcd_c.h"
typedef VerilatedVcdC nf_trace_t;
#endif

struct nf_port_info {
    const char* name;
    int width;  // bits
    int dir;    // 0 input, 1 output, 2 inout
    int kind;   // storage: 8, 16, 32, 64 bits, or 0 for a wide (32-bit word array) signal
};

#include "nf_ports.h"

#define NF_API extern "C" __attribute__((visibility("default")))

namespace {
struct nf_inst {
    std::unique_ptr<VerilatedContext> ctx;
    std::unique_ptr<nf_top_t> top;
    std::unique_ptr<nf_trace_t> trace;
    uint64_t cycle = 0;
    bool dirty = true;  // inputs changed since the last eval
};

inline nf_inst* inst(int64_t h) { return reinterpret_cast<nf_inst*>(static_cast<intptr_t>(h)); }

inline int words(int width) { return (width + 31) / 32; }

inline void settle(nf_inst* s) {
    if (s->dirty) {
        s->top->eval();
        s->dirty = false;
    }
}

inline void set_bits(nf_inst* s, int id, uint64_t v) {
    void* p = nf_port_addr(s->top.get(), id);
    int w = NF_PORTS[id].width;
    uint64_t mask = w >= 64 ? ~0ULL : ((1ULL << w) - 1);
    v &= mask;
    switch (NF_PORTS[id].kind) {
        case 8: *static_cast<CData*>(p) = static_cast<CData>(v); break;
        case 16: *static_cast<SData*>(p) = static_cast<SData>(v); break;
        case 32: *static_cast<IData*>(p) = static_cast<IData>(v); break;
        case 64: *static_cast<QData*>(p) = static_cast<QData>(v); break;
        default: {
            EData* d = static_cast<EData*>(p);
            int n = words(w);
            d[0] = static_cast<EData>(v);
            if (n > 1) d[1] = static_cast<EData>(v >> 32);
            for (int i = 2; i < n; i++) d[i] = 0;
        }
    }
    s->dirty = true;
}

inline uint64_t get_bits(nf_inst* s, int id) {
    const void* p = nf_port_addr(s->top.get(), id);
    switch (NF_PORTS[id].kind) {
        case 8: return *static_cast<const CData*>(p);
        case 16: return *static_cast<const SData*>(p);
        case 32: return *static_cast<const IData*>(p);
        case 64: return *static_cast<const QData*>(p);
        default: {
            const EData* d = static_cast<const EData*>(p);
            return static_cast<uint64_t>(d[0]) | (words(NF_PORTS[id].width) > 1 ? static_cast<uint64_t>(d[1]) << 32 : 0);
        }
    }
}

inline void set_words(nf_inst* s, int id, const int32_t* src) {
    int w = NF_PORTS[id].width;
    if (NF_PORTS[id].kind != 0) {
        uint64_t v = static_cast<uint32_t>(src[0]);
        if (w > 32) v |= static_cast<uint64_t>(static_cast<uint32_t>(src[1])) << 32;
        set_bits(s, id, v);
        return;
    }
    EData* d = static_cast<EData*>(nf_port_addr(s->top.get(), id));
    int n = words(w);
    for (int i = 0; i < n; i++) d[i] = static_cast<EData>(src[i]);
    if (w % 32) d[n - 1] &= (1u << (w % 32)) - 1;
    s->dirty = true;
}

inline void get_words(nf_inst* s, int id, int32_t* dst) {
    int w = NF_PORTS[id].width;
    if (NF_PORTS[id].kind != 0) {
        uint64_t v = get_bits(s, id);
        dst[0] = static_cast<int32_t>(v);
        if (w > 32) dst[1] = static_cast<int32_t>(v >> 32);
        return;
    }
    const EData* d = static_cast<const EData*>(nf_port_addr(s->top.get(), id));
    for (int i = 0, n = words(w); i < n; i++) dst[i] = static_cast<int32_t>(d[i]);
}

inline void dump(nf_inst* s, uint64_t t) {
    if (s->trace) s->trace->dump(t);
}

// One clock cycle: settle the inputs (sampled in the trace at 10c), rising edge (10c + 5),
// falling edge. The model rests with the clock low between calls.
inline void cycle(nf_inst* s) {
    CData& clk = *static_cast<CData*>(nf_port_addr(s->top.get(), NF_CLOCK_ID));
    settle(s);
    dump(s, s->cycle * 10);
    clk = 1;
    s->top->eval();
    dump(s, s->cycle * 10 + 5);
    clk = 0;
    s->top->eval();
    s->cycle++;
}
}  // namespace

NF_API int nf_port_count() { return NF_PORT_COUNT; }
NF_API const char* nf_port_name(int id) { return NF_PORTS[id].name; }
NF_API int nf_port_width(int id) { return NF_PORTS[id].width; }
NF_API int nf_port_dir(int id) { return NF_PORTS[id].dir; }
NF_API const char* nf_top_name() { return NF_TOP_NAME; }
NF_API const char* nf_verilator_version() { return Verilated::productVersion(); }

NF_API int64_t nf_create() {
    nf_inst* s = new nf_inst();
    s->ctx.reset(new VerilatedContext());
    s->ctx->traceEverOn(true);
    s->ctx->fatalOnError(false);
    s->top.reset(new nf_top_t(s->ctx.get(), "top"));
    s->top->eval();
    return static_cast<int64_t>(reinterpret_cast<intptr_t>(s));
}

NF_API void nf_destroy(int64_t h) {
    nf_inst* s = inst(h);
    if (!s) return;
    if (s->trace) s->trace->close();
    s->top->final();
    delete s;
}

NF_API void nf_poke(int64_t h, int id, int64_t v) { set_bits(inst(h), id, static_cast<uint64_t>(v)); }

NF_API int64_t nf_peek(int64_t h, int id) {
    nf_inst* s = inst(h);
    settle(s);
    return static_cast<int64_t>(get_bits(s, id));
}

NF_API void nf_poke_words(int64_t h, int id, const int32_t* src) { set_words(inst(h), id, src); }

NF_API void nf_peek_words(int64_t h, int id, int32_t* dst) {
    nf_inst* s = inst(h);
    settle(s);
    get_words(s, id, dst);
}

NF_API void nf_eval(int64_t h) {
    nf_inst* s = inst(h);
    s->dirty = true;
    settle(s);
}

NF_API void nf_step(int64_t h, int cycles) {
    nf_inst* s = inst(h);
    for (int i = 0; i < cycles; i++) cycle(s);
}

NF_API int64_t nf_cycle(int64_t h) { return static_cast<int64_t>(inst(h)->cycle); }

NF_API void nf_reset(int64_t h, int cycles) {
    nf_inst* s = inst(h);
    set_bits(s, NF_RESET_ID, NF_RESET_ACTIVE);
    for (int i = 0; i < cycles; i++) cycle(s);
    set_bits(s, NF_RESET_ID, NF_RESET_ACTIVE ^ 1);
    settle(s);
}

// Batched run: for each cycle, apply the inputs' words from in_buf, settle, copy the outputs'
// words to out_buf (sampled before the rising edge, as a synchronous receiver sees them), then
// clock. Each port takes ceil(width / 32) words per cycle, in the order of the id arrays.
NF_API void nf_run(int64_t h, int cycles, int n_in, const int32_t* in_ids, const int32_t* in_buf,
                   int n_out, const int32_t* out_ids, int32_t* out_buf) {
    nf_inst* s = inst(h);
    for (int c = 0; c < cycles; c++) {
        for (int i = 0; i < n_in; i++) {
            set_words(s, in_ids[i], in_buf);
            in_buf += words(NF_PORTS[in_ids[i]].width);
        }
        settle(s);
        for (int i = 0; i < n_out; i++) {
            get_words(s, out_ids[i], out_buf);
            out_buf += words(NF_PORTS[out_ids[i]].width);
        }
        cycle(s);
    }
}

// Streamed run (docs/sim-bindings.md): a queue of flits is offered on a valid/ready/data/last
// input, one per cycle while the design takes them; an always-ready valid/data/last output is
// captured into out_buf (the flit's words, then a word holding last). Each flit in in_flits is the
// data's words followed by one word holding last. Before each cycle, once every flit is taken and
// the stop port reads 1, the run ends without clocking (result[2] = 0); it also ends when the
// output buffer cannot take another flit (1) or after max_cycles (2). result[0]: flits taken,
// result[1]: flits captured. Returns the cycles run.
NF_API int64_t nf_run_stream(int64_t h, int64_t max_cycles, int in_valid, int in_ready, int in_data, int in_last,
                             int n_flits, const int32_t* in_flits, int out_valid, int out_ready, int out_data,
                             int out_last, int out_cap, int32_t* out_buf, int stop, int32_t* result) {
    nf_inst* s = inst(h);
    const int iw = words(NF_PORTS[in_data].width);
    const int ow = words(NF_PORTS[out_data].width);
    int next = 0;
    int captured = 0;
    int64_t c = 0;
    int reason = 2;
    set_bits(s, out_ready, 1);
    for (; c < max_cycles; c++) {
        const bool offer = next < n_flits;
        if (offer) {
            const int32_t* f = in_flits + static_cast<int64_t>(next) * (iw + 1);
            set_words(s, in_data, f);
            set_bits(s, in_last, f[iw] & 1);
        }
        set_bits(s, in_valid, offer ? 1 : 0);
        settle(s);
        if (!offer && get_bits(s, stop)) {
            reason = 0;
            break;
        }
        if (get_bits(s, out_valid)) {
            if (captured >= out_cap) {
                reason = 1;
                break;
            }
            int32_t* o = out_buf + static_cast<int64_t>(captured) * (ow + 1);
            get_words(s, out_data, o);
            o[ow] = static_cast<int32_t>(get_bits(s, out_last));
            captured++;
        }
        const bool taken = offer && get_bits(s, in_ready);
        cycle(s);
        if (taken) next++;
    }
    set_bits(s, in_valid, 0);
    result[0] = next;
    result[1] = captured;
    result[2] = reason;
    return c;
}

NF_API int nf_trace_open(int64_t h, const char* path) {
    nf_inst* s = inst(h);
    if (s->trace) s->trace->close();
    s->trace.reset(new nf_trace_t());
    s->top->trace(s->trace.get(), 99);
    s->trace->open(path);
    if (!s->trace->isOpen()) {
        s->trace.reset();
        return -1;
    }
    s->dirty = true;
    settle(s);
    return 0;
}

NF_API void nf_trace_close(int64_t h) {
    nf_inst* s = inst(h);
    if (s->trace) {
        s->trace->close();
        s->trace.reset();
    }
}

NF_API void nf_trace_flush(int64_t h) {
    nf_inst* s = inst(h);
    if (s->trace) s->trace->flush();
}

NF_API int nf_finished(int64_t h) { return inst(h)->ctx->gotFinish() ? 1 : 0; }
