# swift-torch — the two commands of the README, and their parts.
#   make run    set up a fresh Debian 12 machine (system packages) and run the main job
#   make test   every test target
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Build: OpenBLAS/LAPACKE (TensorCore), libpng/libjpeg/zlib and libcurl for downloads (DataPipeline),
# libhdf5 (CheckpointHDF5), Open MPI (Distributed: the library and mpirun).
APT_PACKAGES := libopenblas-dev liblapacke-dev pkg-config libpng-dev libjpeg62-turbo-dev zlib1g-dev libcurl4 libhdf5-dev libopenmpi-dev openmpi-bin
# h5py for CheckpointHDF5's interop tests (they skip, saying so, when no Python has h5py).
INTEROP_PACKAGES := python3-h5py
SWIFT_TEST_FLAGS ?=

.PHONY: setup setup-interop setup-tensorboard setup-onnx setup-lint build test test-release run bench bench-build lint format docs clean

# Installs the listed Debian packages that are missing (apt-get, with sudo when not root).
define apt_install_missing
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi
endef

# The Debian packages the build links against.
setup:
	$(call apt_install_missing,$(APT_PACKAGES))

# Python clients for interop tests. Debian 12's system Python refuses `pip install` (PEP 668), so they come from apt.
setup-interop:
	$(call apt_install_missing,$(INTEROP_PACKAGES))

# TensorBoard's tests read the event files with TensorBoard itself (its EventAccumulator): a venv in the
# repo with tensorboard from PyPI; the tests find its Python through TENSORBOARD_PYTHON, printed last.
TENSORBOARD_VENV := .venv-tensorboard
TENSORBOARD_VERSION := 2.21.0
setup-tensorboard:
	$(call apt_install_missing,python3-venv)
	@$(TENSORBOARD_VENV)/bin/python -c "import tensorboard" 2>/dev/null || { \
		python3 -m venv $(TENSORBOARD_VENV) && \
		$(TENSORBOARD_VENV)/bin/pip install -q --disable-pip-version-check tensorboard==$(TENSORBOARD_VERSION); }
	@echo "TENSORBOARD_PYTHON=$(abspath $(TENSORBOARD_VENV))/bin/python"

# Export's tests check every exported model with onnx.checker and run it in onnxruntime: a venv in the repo
# with both from PyPI; the tests find its Python through ONNX_PYTHON, printed last.
ONNX_VENV := .venv-onnx
ONNX_VERSION := 1.23.2
ONNXRUNTIME_VERSION := 1.32.0
setup-onnx:
	$(call apt_install_missing,python3-venv)
	@$(ONNX_VENV)/bin/python -c "import onnx, onnxruntime" 2>/dev/null || { \
		python3 -m venv $(ONNX_VENV) && \
		$(ONNX_VENV)/bin/pip install -q --disable-pip-version-check onnx==$(ONNX_VERSION) onnxruntime==$(ONNXRUNTIME_VERSION); }
	@echo "ONNX_PYTHON=$(abspath $(ONNX_VENV))/bin/python"

build: setup
	swift build

# Every test target of both packages — the libraries' (this manifest) and the guide's programs' (Examples/,
# a package of its own) — with the real clients the interop tests talk to (h5py, TensorBoard's reader).
EXAMPLES := --package-path Examples
TEST_ENV = TENSORBOARD_PYTHON="$${TENSORBOARD_PYTHON:-$(abspath $(TENSORBOARD_VENV))/bin/python}" \
	ONNX_PYTHON="$${ONNX_PYTHON:-$(abspath $(ONNX_VENV))/bin/python}"
test: setup setup-interop setup-tensorboard setup-onnx
	swift build --build-tests
	swift build $(EXAMPLES) --build-tests
	# --no-parallel: every test target runs in one process, and seeded tests across packages share the
	# process-wide generator (torch.manual_seed's); parallel suites made their draws interleave. Costs ~10%.
	$(TEST_ENV) swift test --skip-build --no-parallel $(SWIFT_TEST_FLAGS)
	$(TEST_ENV) swift test $(EXAMPLES) --skip-build --no-parallel $(SWIFT_TEST_FLAGS)

# The parity tests of TensorCore, Layers, VisionModels and the op sweep in a release build: float32 GEMM and
# convolution route to the AVX-512 sgemm, Winograd and implicit-GEMM kernels, compiled as users run them
# (debug builds compile the C at -O0 and route around them). -enable-testing for the @testable imports.
RELEASE_TEST_FLAGS := -c release --scratch-path .build-release -Xswiftc -enable-testing
RELEASE_TEST_FILTER ?= TensorCoreTests|LayersTests|VisionModelsTests|OpSweepTests
test-release: setup setup-tensorboard setup-onnx
	swift build $(RELEASE_TEST_FLAGS) --build-tests
	$(TEST_ENV) swift test $(RELEASE_TEST_FLAGS) --skip-build --no-parallel --filter '$(RELEASE_TEST_FILTER)'

# The main job: the guide's MNIST MLP, 10 epochs on the bundled data (Examples/TrainMNIST).
run: setup
	swift run $(EXAMPLES) -c release train-mnist

# A dependent project's view (Tests/Downstream/run.sh): packages depending on this one by path for
# TensorCore alone and for Torch, built in .build-downstream-*, run, and checked for what they compiled;
# then every system library's install hint.
.PHONY: downstream
downstream: setup
	bash Tests/Downstream/run.sh

bench: setup
	cd Benchmarks && swift run -c release

# CI builds the benchmarks (debug: it checks they compile against today's API; speed is measured by hand,
# Benchmarks/README.md) so they cannot rot.
bench-build: setup
	swift build --package-path Benchmarks

# Formatting: `swift format` ships with the toolchain (.swift-format), clang-format comes from Debian
# (.clang-format). `make format` rewrites the tree; `make lint` (CI) fails on any difference, and on a public
# declaration without a doc comment naming its PyTorch counterpart (tools/lint/check_doc_comments.py).
LINT_PACKAGES := clang-format
setup-lint:
	$(call apt_install_missing,$(LINT_PACKAGES))

format: setup-lint
	swift format format --in-place $$(git ls-files '*.swift')
	clang-format -i $$(git ls-files '*.c' '*.h')

lint: setup-lint
	swift format lint --strict $$(git ls-files '*.swift')
	clang-format --dry-run --Werror $$(git ls-files '*.c' '*.h')
	python3 tools/lint/check_doc_comments.py

# The DocC catalog of every library product (packages/<Name>/Sources/<Name>/<Name>.docc), built with
# swift-docc-plugin into .build/plugins/Swift-DocC/outputs/<Name>.doccarchive; unresolved symbol links fail.
DOC_TARGETS := TensorCore Autodiff Layers Optimizers Schedulers DataPipeline CheckpointHDF5 TensorBoard \
	VisionModels Distributed Export Torch
docs: setup
	swift package generate-documentation --warnings-as-errors $(foreach t,$(DOC_TARGETS),--target $(t))

clean:
	rm -rf .build .build-release .build-downstream-* Examples/.build Benchmarks/.build

# Fuzzing (Fuzz/README.md): builds the libFuzzer harnesses (ASan + coverage) and runs each over a copy of
# its committed corpus for FUZZ_RUNS executions; new corpus entries go to a temporary folder, crashers
# to Fuzz/.build-fuzz/artifacts/. `make fuzz FUZZ_TARGETS=fuzz-png FUZZ_RUNS=1000000` for a long run.
FUZZ_RUNS ?= 20000
FUZZ_TARGETS ?= fuzz-pt fuzz-safetensors fuzz-hdf5 fuzz-idx fuzz-cifar fuzz-png fuzz-jpeg fuzz-csv fuzz-onnx
FUZZ_BUILD := swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address

.PHONY: fuzz
fuzz: setup
	cd Fuzz && $(FUZZ_BUILD)
	@mkdir -p Fuzz/.build-fuzz/artifacts; for t in $(FUZZ_TARGETS); do \
		work=$$(mktemp -d); cp Fuzz/$$t/corpus/* $$work/; \
		status=0; LSAN_OPTIONS=suppressions=$(CURDIR)/Fuzz/lsan.supp SWIFT_BACKTRACE=enable=no Fuzz/.build-fuzz/release/$$t -runs=$(FUZZ_RUNS) -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
			-artifact_prefix=Fuzz/.build-fuzz/artifacts/$$t- $$work > $$work.log 2>&1 || status=$$?; \
		echo "$$t: $$(grep -E '^stat::number_of_executed_units' $$work.log | grep -oE '[0-9]+$$') runs, exit $$status"; \
		[ $$status -eq 0 ] || { tail -40 $$work.log; rm -rf $$work $$work.log; exit 1; }; \
		rm -rf $$work $$work.log; \
	done
