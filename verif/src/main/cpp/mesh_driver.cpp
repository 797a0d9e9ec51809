// NeuroForge benchmark driver: runs a traffic trace through a Verilated mesh from a plain C++
// loop, through the same nf_* shim functions the Java harness calls over JNA, so the two speeds
// can be compared on identical work. Usage: mesh_driver LIB TRACE REPEATS
// Trace (little-endian int32): cycles, nodes, packets, then per packet: created, src, nflits,
// flits... (32-bit flits). Prints: cycles delivered_packets checksum ns_per_run(median).
#include <dlfcn.h>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

typedef int (*count_fn)();
typedef const char* (*name_fn)(int);
typedef int64_t (*create_fn)();
typedef void (*destroy_fn)(int64_t);
typedef void (*words_fn)(int64_t, int, int32_t*);
typedef void (*cwords_fn)(int64_t, int, const int32_t*);
typedef void (*step_fn)(int64_t, int);

struct Packet {
    int created, src;
    std::vector<uint32_t> flits;
};

static void* sym(void* lib, const char* name) {
    void* p = dlsym(lib, name);
    if (!p) {
        std::fprintf(stderr, "mesh_driver: symbol %s missing: %s\n", name, dlerror());
        std::exit(2);
    }
    return p;
}

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: mesh_driver LIB TRACE REPEATS\n");
        return 2;
    }
    void* lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        std::fprintf(stderr, "mesh_driver: %s\n", dlerror());
        return 2;
    }
    auto port_count = (count_fn)sym(lib, "nf_port_count");
    auto port_name = (name_fn)sym(lib, "nf_port_name");
    auto create = (create_fn)sym(lib, "nf_create");
    auto destroy = (destroy_fn)sym(lib, "nf_destroy");
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
    int cycles = rd(), nodes = rd(), npk = rd();
    std::vector<Packet> packets(npk);
    for (auto& p : packets) {
        p.created = rd();
        p.src = rd();
        int n = rd();
        for (int i = 0; i < n; i++) p.flits.push_back((uint32_t)rd());
    }
    std::fclose(f);
    int repeats = std::atoi(argv[3]);

    auto id = [&](const char* name) {
        for (int i = 0; i < port_count(); i++) if (std::strcmp(port_name(i), name) == 0) return i;
        std::fprintf(stderr, "mesh_driver: no port %s\n", name);
        std::exit(2);
    };
    int inValid = id("local_in_valid_i"), inReady = id("local_in_ready_o"), inData = id("local_in_data_i"),
        inLast = id("local_in_last_i"), outValid = id("local_out_valid_o"), outReady = id("local_out_ready_i"),
        outData = id("local_out_data_o"), outLast = id("local_out_last_o");
    int bw = (nodes + 31) / 32;

    std::vector<double> times;
    long delivered = 0;
    uint64_t checksum = 0;
    for (int r = 0; r < repeats; r++) {
        int64_t h = create();
        reset(h, 2);
        std::vector<std::deque<const Packet*>> queues(nodes);
        std::vector<int> next(nodes, 0);
        std::vector<int32_t> vW(bw), lW(bw), rW(bw), irW(bw), ovW(bw), olW(bw), dIn(nodes), dOut(nodes);
        for (int i = 0; i < bw; i++) rW[i] = -1;
        size_t pi = 0;
        delivered = 0;
        std::vector<uint64_t> sums(nodes, 0);
        auto t0 = std::chrono::steady_clock::now();
        for (int c = 0; c < cycles; c++) {
            while (pi < packets.size() && packets[pi].created <= c) {
                queues[packets[pi].src].push_back(&packets[pi]);
                pi++;
            }
            std::fill(vW.begin(), vW.end(), 0);
            std::fill(lW.begin(), lW.end(), 0);
            for (int n = 0; n < nodes; n++) {
                if (queues[n].empty()) continue;
                const Packet* p = queues[n].front();
                vW[n / 32] |= 1 << (n % 32);
                if (next[n] == (int)p->flits.size() - 1) lW[n / 32] |= 1 << (n % 32);
                dIn[n] = (int32_t)p->flits[next[n]];
            }
            poke_words(h, inValid, vW.data());
            poke_words(h, inLast, lW.data());
            poke_words(h, inData, dIn.data());
            poke_words(h, outReady, rW.data());
            peek_words(h, inReady, irW.data());
            peek_words(h, outValid, ovW.data());
            peek_words(h, outData, dOut.data());
            peek_words(h, outLast, olW.data());
            for (int n = 0; n < nodes; n++) {
                int b = 1 << (n % 32);
                if ((vW[n / 32] & b) && (irW[n / 32] & b)) {
                    if (++next[n] == (int)queues[n].front()->flits.size()) {
                        next[n] = 0;
                        queues[n].pop_front();
                    }
                }
                if (ovW[n / 32] & b) {
                    sums[n] = sums[n] * 31 + (uint32_t)dOut[n];
                    if (olW[n / 32] & b) delivered++;
                }
            }
            step(h, 1);
        }
        auto t1 = std::chrono::steady_clock::now();
        checksum = 0;
        for (int n = 0; n < nodes; n++) checksum += sums[n] * (uint64_t)(n + 1);
        times.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
        destroy(h);
    }
    std::sort(times.begin(), times.end());
    std::printf("%d %ld %llu %.0f\n", cycles, delivered, (unsigned long long)checksum, times[times.size() / 2]);
    return 0;
}
