# NeuroForge: `make rtl` generates the default configuration, `make test` runs every test.
# See README.md.

CONFIG ?= configs/mesh4x4.json
OUT    ?= rtl-out
MVN    ?= mvn -B -q
# Debian packages the test suite needs.
APT_PACKAGES = verilator zlib1g-dev g++ make iverilog yosys nextpnr-ice40 fpga-icestorm \
               dataset-fashion-mnist gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf
# The golden model's workloads read Fashion-MNIST from Debian's dataset-fashion-mnist.
FASHION_MNIST = /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz

.PHONY: rtl test deps bench bench-noc-options bench-noc-soak bench-model bench-workloads bench-scdq bench-npe bench-core bench-tile bench-array jar clean help \
        firmware fpga fpga-report

help:
	@echo "make rtl    generate $(CONFIG) into $(OUT)/ (needs only Java 17 and Maven)"
	@echo "make test   install Verilator if missing, then run the whole test suite"
	@echo "make bench  NoC latency/throughput and simulation-speed benchmarks (writes docs/)"
	@echo "make bench-noc-options  NoC router options: VOQ throughput, multicast fan-out, area (writes docs/noc-bench-options.md)"
	@echo "make bench-noc-soak  10^8 checked packets of unicast/multicast mixes (40+ minutes; fewer via BENCH_ARGS='--packets N')"
	@echo "make bench-model  JMH throughput of the golden event model"
	@echo "make bench-workloads  full model workloads (Fashion-MNIST FC LIF and conv sigma-delta, SHD-shaped delays)"
	@echo "make bench-scdq   SCDQ vs ring-buffer memory (analytical + Yosys), writes docs/scdq-bench.*"
	@echo "make bench-npe    NPE cluster: synaptic ops/cycle, cycles per neuron update, Yosys cells"
	@echo "make bench-core   RV32IM core: CPI, Yosys cells, iCE40 LUTs and Fmax (writes docs/core-bench.md)"
	@echo "make bench-tile   tile: 256 -> N LIF layer on the Verilated tile, cycles/step, synops/cycle (writes docs/tile-bench.md)"
	@echo "make bench-array  array: strong and weak scaling to 8x8, Java vs C++ simulation speed (writes docs/array-bench.md)"
	@echo "make deps   install the system packages the tests need (as root)"
	@echo "make fpga   $(CONFIG) with its FPGA hand-off and Yosys/nextpnr report in $(OUT)/<name>/fpga/"
	@echo "make fpga-report  every block through Yosys/nextpnr-ice40, written to docs/fpga.md"

# RV32IM firmware (ISA tests, C programs) into firmware/build; run one with bin/neuroforge run-elf.
firmware: deps
	$(MAKE) -C firmware

jar:
	$(MVN) -pl cli -am package -DskipTests

rtl: jar
	bin/neuroforge generate --config $(CONFIG) --out $(OUT)

# Installs what the simulator flow needs when it is missing: as root through apt-get,
# otherwise it prints the command to run.
deps:
	@if command -v verilator >/dev/null 2>&1 && command -v iverilog >/dev/null 2>&1 && \
	    command -v yosys >/dev/null 2>&1 && [ -f /usr/include/zlib.h ] && [ -f $(FASHION_MNIST) ] && \
	    command -v nextpnr-ice40 >/dev/null 2>&1 && command -v icepack >/dev/null 2>&1 && \
	    command -v riscv64-unknown-elf-gcc >/dev/null 2>&1 && [ -f /usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs ]; then \
	  echo "deps: $$(verilator --version), $$(yosys -V | cut -d' ' -f1-2), $$(iverilog -V 2>/dev/null | head -1 | cut -d' ' -f1-4)"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "deps: installing $(APT_PACKAGES) from Debian's packages"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null && \
	  verilator --version; \
	else \
	  echo "deps: a tool the tests need is missing (Verilator, Icarus Verilog, Yosys, nextpnr-ice40, icestorm, Fashion-MNIST or the RISC-V cross compiler). Install them with:"; \
	  echo "  sudo apt-get install -y $(APT_PACKAGES)"; \
	  exit 1; \
	fi

test: deps
	mvn -B test

# FPGA hand-off of $(CONFIG): rtl-out/<name>/fpga/ (FuseSoC core, scripts, constraints, HANDOFF.md,
# report.md). FPGA_ARGS=--no-pnr skips place and route.
fpga: deps jar
	bin/neuroforge fpga --config $(CONFIG) --out $(OUT) $(FPGA_ARGS)

# docs/fpga.md: every registered block at its defaults and along its main parameter (slow: minutes).
fpga-report: deps jar
	java -cp cli/target/neuroforge.jar dev.neuroforge.verif.fpga.FpgaReport docs/fpga.md

bench: deps
	$(MVN) -pl verif -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
	java -cp verif/target/classes:$$(cat verif/target/classpath.txt) dev.neuroforge.verif.noc.NocBench $(BENCH_ARGS)
	$(MAKE) bench-model

# Router options (issue 15): saturation by variant, multicast vs source replication, Yosys area.
bench-noc-options: deps
	$(MVN) -pl verif -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
	java -cp verif/target/classes:$$(cat verif/target/classpath.txt) dev.neuroforge.verif.noc.NocOptionsBench $(BENCH_ARGS)

# 10^8 packets of random unicast/multicast mixes on a 4x4 multicast mesh, checked (40 minutes or more).
bench-noc-soak: deps
	$(MVN) -pl verif -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
	java -cp verif/target/classes:$$(cat verif/target/classpath.txt) dev.neuroforge.verif.noc.NocOptionsBench \
	  --parts soak --out target/noc-soak $(BENCH_ARGS)

# JMH throughput of the golden event model (single thread); results in model/target/jmh.txt.
bench-model:
	$(MVN) -pl model -am test-compile
	$(MVN) -pl model dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
	java -cp model/target/test-classes:model/target/classes:$$(cat model/target/classpath.txt) \
	  org.openjdk.jmh.Main EventModelBench -f 1 -wi 3 -w 2s -i 5 -r 2s -rf text -rff model/target/jmh.txt

# Full workloads of the golden model (a few minutes); figures in model/target/workloads.md, quoted in docs/model.md.
bench-workloads: deps
	$(MVN) -pl model -am package -DskipTests
	$(MVN) -pl model dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	java -cp model/target/classes:$$(cat model/target/classpath.txt) dev.neuroforge.model.workloads.Workloads full
# SCDQ vs ring-buffer memory against activity (docs/scdq-bench.md); BENCH_ARGS=--quick for fewer Yosys runs.
# Sibling modules come from the reactor (their target/ jars), not from ~/.m2.
bench-scdq: deps
	$(MVN) -pl verif -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
	java -cp verif/target/classes:$$(cat verif/target/classpath.txt) dev.neuroforge.verif.scdq.ScdqBench $(BENCH_ARGS)
# NPE cluster at L = 4, 8, 16: sustained synaptic ops/cycle, cycles per neuron update, Yosys cells.
bench-npe: deps jar
	java -Dneuroforge.work=verif/target -cp cli/target/neuroforge.jar dev.neuroforge.verif.npe.NpeBench $(BENCH_ARGS)

clean:
	mvn -B -q clean
	find $(OUT) -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +

# RV32IM core: CPI of the firmware in lockstep, Yosys cells, nextpnr-ice40 logic cells and Fmax
# (UP5K, HX8K); writes docs/core-bench.md. BENCH_ARGS=--no-fpga skips place and route.
bench-core: deps
	$(MVN) -pl verif -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	java -cp verif/target/classes:$$(cat verif/target/classpath.txt) dev.neuroforge.verif.core.CoreBench $(BENCH_ARGS)
# Single-tile 256 -> N LIF layer on the Verilated tile at 1/5/20 % input and a fan-out sweep, every step
# checked against the event model; writes docs/tile-bench.md. BENCH_ARGS=--quick: 20 steps per run, written
# to verif/target/tile-bench-quick.md (also --steps N, --seed N, --out FILE).
bench-tile: deps
	$(MVN) -pl verif -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	java -cp verif/target/classes:$$(cat verif/target/classpath.txt) dev.neuroforge.verif.tile.TileBench $(BENCH_ARGS)

# Array: strong and weak scaling (1x1 .. 8x8; --quick stops at 4x4), simulation speed against a C++ loop.
bench-array: deps
	$(MVN) -pl verif -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	java -cp verif/target/classes:$$(cat verif/target/classpath.txt) dev.neuroforge.verif.array.ArrayBench $(BENCH_ARGS)
