# NeuroForge: `make rtl` generates the default configuration, `make test` runs every test.
# See README.md.

CONFIG ?= configs/mesh4x4.json
OUT    ?= rtl-out
MVN    ?= mvn -B -q
# Debian packages the test suite needs.
APT_PACKAGES = verilator zlib1g-dev g++ make iverilog yosys nextpnr-ice40 fpga-icestorm

.PHONY: rtl test deps bench bench-model jar clean help fpga fpga-report

help:
	@echo "make rtl    generate $(CONFIG) into $(OUT)/ (needs only Java 17 and Maven)"
	@echo "make test   install Verilator if missing, then run the whole test suite"
	@echo "make bench  NoC latency/throughput and simulation-speed benchmarks (writes docs/)"
	@echo "make bench-model  JMH throughput of the golden event model"
	@echo "make deps   install the system packages the tests need (as root)"
	@echo "make fpga   $(CONFIG) with its FPGA hand-off and Yosys/nextpnr report in $(OUT)/<name>/fpga/"
	@echo "make fpga-report  every block through Yosys/nextpnr-ice40, written to docs/fpga.md"

jar:
	$(MVN) -pl cli -am package -DskipTests

rtl: jar
	bin/neuroforge generate --config $(CONFIG) --out $(OUT)

# Installs what the simulator flow needs when it is missing: as root through apt-get,
# otherwise it prints the command to run.
deps:
	@if command -v verilator >/dev/null 2>&1 && command -v iverilog >/dev/null 2>&1 && \
	    command -v yosys >/dev/null 2>&1 && [ -f /usr/include/zlib.h ] && \
	    command -v nextpnr-ice40 >/dev/null 2>&1 && command -v icepack >/dev/null 2>&1; then \
	  echo "deps: $$(verilator --version), $$(yosys -V | cut -d' ' -f1-2), $$(iverilog -V 2>/dev/null | head -1 | cut -d' ' -f1-4)"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "deps: installing $(APT_PACKAGES) from Debian's packages"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null && \
	  verilator --version; \
	else \
	  echo "deps: Verilator, Icarus Verilog, Yosys or nextpnr-ice40/icestorm is missing. Install them with:"; \
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
	$(MVN) install -DskipTests
	$(MVN) -pl verif dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	java -cp verif/target/classes:$$(cat verif/target/classpath.txt) dev.neuroforge.verif.noc.NocBench $(BENCH_ARGS)
	$(MAKE) bench-model

# JMH throughput of the golden event model (single thread); results in model/target/jmh.txt.
bench-model:
	$(MVN) -pl model -am install -DskipTests
	$(MVN) -pl model dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
	java -cp model/target/test-classes:model/target/classes:$$(cat model/target/classpath.txt) \
	  org.openjdk.jmh.Main EventModelBench -f 1 -wi 3 -w 2s -i 5 -r 2s -rf text -rff model/target/jmh.txt

clean:
	mvn -B -q clean
	find $(OUT) -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
