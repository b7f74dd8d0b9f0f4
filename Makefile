# swift-torch — the two commands of the README, and their parts.
#   make run    set up a fresh Debian 12 machine (system packages) and run the main job
#   make test   every test target
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libopenblas-dev liblapacke-dev pkg-config libpng-dev libjpeg62-turbo-dev zlib1g-dev libcurl4
SWIFT_TEST_FLAGS ?=

.PHONY: setup build test run bench clean

# Installs the Debian packages the build links against, only when some are missing.
setup:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

build: setup
	swift build

test: setup
	swift build --build-tests
	swift test --skip-build $(SWIFT_TEST_FLAGS)

# Until the training job lands (issue 8), the main job is TensorCore's guide-section-2 tour.
run: setup
	swift run -c release tensor-basics

bench: setup
	cd Benchmarks && swift run -c release

clean:
	rm -rf .build Benchmarks/.build
