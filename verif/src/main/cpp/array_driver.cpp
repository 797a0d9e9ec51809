// NeuroForge benchmark driver: runs a recorded array run (host-port writes, then per step a tick
// and the host's input flits) through a Verilated array from a plain C++ loop, one nf_poke /
// nf_peek / nf_step per port and cycle, so ArrayBench can compare the Java harness's speed with
// it on identical work. Usage: array_driver LIB TRACE REPEATS
// Trace (little-endian int32): flit words W, writes N, then N x (tile, addr, word); steps S, then
// per step: flits F, then F x (W data words, last). Prints: step_cycles host_flits checksum
// ns_per_run(median, steps only).
#include <dlfcn.h>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

typedef int (*count_fn)();
typedef const char* (*name_fn)(int);
typedef int64_t (*create_fn)();
typedef void (*destroy_fn)(int64_t);
typedef void (*poke_fn)(int64_t, int, int64_t);
typedef int64_t (*peek_fn)(int64_t, int);
typedef void (*words_fn)(int64_t, int, int32_t*);
typedef void (*cwords_fn)(int64_t, int, const int32_t*);
typedef void (*step_fn)(int64_t, int);

static void* sym(void* lib, const char* name) {
    void* p = dlsym(lib, name);
    if (!p) {
        std::fprintf(stderr, "array_driver: symbol %s missing: %s\n", name, dlerror());
        std::exit(2);
    }
    return p;
}

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: array_driver LIB TRACE REPEATS\n");
        return 2;
    }
    void* lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        std::fprintf(stderr, "array_driver: %s\n", dlerror());
        return 2;
    }
    auto port_count = (count_fn)sym(lib, "nf_port_count");
    auto port_name = (name_fn)sym(lib, "nf_port_name");
    auto create = (create_fn)sym(lib, "nf_create");
    auto destroy = (destroy_fn)sym(lib, "nf_destroy");
    auto poke = (poke_fn)sym(lib, "nf_poke");
    auto peek = (peek_fn)sym(lib, "nf_peek");
    auto poke_words = (cwords_fn)sym(lib, "nf_poke_words");
    auto peek_words = (words_fn)sym(lib, "nf_peek_words");
    auto step = (step_fn)sym(lib, "nf_step");
    auto reset = (step_fn)sym(lib, "nf_reset");

    FILE* f = std::fopen(argv[2], "rb");
    if (!f) {
        std::perror(argv[2]);
        return 2;
    }
    auto rd = [&]() { int32_t v; if (std::fread(&v, 4, 1, f) != 1) { std::fprintf(stderr, "short trace\n"); std::exit(2); } return v; };
    int W = rd();
    int nw = rd();
    std::vector<int32_t> writes(3L * nw);
    for (auto& w : writes) w = rd();
    int steps = rd();
    std::vector<std::vector<int32_t>> flits(steps);
    for (auto& s : flits) {
        int n = rd();
        s.resize((size_t)n * (W + 1));
        for (auto& v : s) v = rd();
    }
    std::fclose(f);
    int repeats = std::atoi(argv[3]);

    auto id = [&](const char* name) {
        for (int i = 0; i < port_count(); i++) if (std::strcmp(port_name(i), name) == 0) return i;
        std::fprintf(stderr, "array_driver: no port %s\n", name);
        std::exit(2);
    };
    int req = id("host_req_i"), we = id("host_we_i"), tile = id("host_tile_i"), addr = id("host_addr_i"),
        wdata = id("host_wdata_i"), tick = id("tick_i"), inValid = id("hin_valid_i"), inReady = id("hin_ready_o"),
        inData = id("hin_data_i"), inLast = id("hin_last_i"), outValid = id("hout_valid_o"),
        outReady = id("hout_ready_i"), outData = id("hout_data_o"), outLast = id("hout_last_o"), done = id("done_o");

    std::vector<double> times;
    long cycles = 0, outFlits = 0;
    uint64_t checksum = 0;
    std::vector<int32_t> d(W);
    for (int r = 0; r < repeats; r++) {
        int64_t h = create();
        poke(h, outReady, 1);
        reset(h, 2);
        poke(h, req, 1);
        poke(h, we, 1);
        for (int k = 0; k < nw; k++) {
            poke(h, tile, writes[3 * k]);
            poke(h, addr, (uint32_t)writes[3 * k + 1]);
            poke(h, wdata, (uint32_t)writes[3 * k + 2]);
            step(h, 1);
        }
        poke(h, req, 0);
        poke(h, we, 0);
        while (!peek(h, done)) step(h, 1);  // boot
        cycles = 0;
        outFlits = 0;
        checksum = 0;
        auto t0 = std::chrono::steady_clock::now();
        for (int s = 0; s < steps; s++) {
            poke(h, tick, 1);
            step(h, 1);
            poke(h, tick, 0);
            cycles++;
            size_t next = 0, n = flits[s].size() / (W + 1);
            while (true) {
                bool offer = next < n;
                if (offer) {
                    poke_words(h, inData, &flits[s][next * (W + 1)]);
                    poke(h, inLast, flits[s][next * (W + 1) + W]);
                }
                poke(h, inValid, offer ? 1 : 0);
                if (!offer && peek(h, done)) break;
                if (peek(h, outValid)) {
                    peek_words(h, outData, d.data());
                    for (int w = 0; w < W; w++) checksum = checksum * 31 + (uint32_t)d[w];
                    checksum = checksum * 31 + (uint64_t)peek(h, outLast);
                    outFlits++;
                }
                bool taken = offer && peek(h, inReady);
                step(h, 1);
                cycles++;
                if (taken) next++;
            }
        }
        auto t1 = std::chrono::steady_clock::now();
        times.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
        destroy(h);
    }
    std::sort(times.begin(), times.end());
    std::printf("%ld %ld %llu %.0f\n", cycles, outFlits, (unsigned long long)checksum, times[times.size() / 2]);
    return 0;
}
