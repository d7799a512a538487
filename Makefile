# rg — build, test, demo, install. `make test` and `make demo` work on a fresh Debian machine.
SHELL := /bin/bash
PREFIX ?= /usr/local
NAME ?= rg
SWIFT ?= swift
VENV := .venv
PY := $(VENV)/bin/python
APT_PACKAGES := libnghttp2-dev libssl-dev pkg-config openssl bash-completion zsh mandoc groff-base python3-venv
RELEASE_FLAGS := -c release --static-swift-stdlib -Xswiftc -wmo

.PHONY: all build release deps venv lint format test demo install uninstall clean coverage

all: build

# Installs the Debian packages that are missing (needs root or sudo on a fresh machine).
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# The Python peers of the interop tests: grpcio, protobuf, h2 and the generated RouteGuide stubs.
venv: $(VENV)/.ready
$(VENV)/.ready: Tests/Interop/route_guide.proto
	@[ -x $(PY) ] || python3 -m venv $(VENV)
	$(PY) -m pip install -q grpcio grpcio-tools protobuf h2
	mkdir -p $(VENV)/gen
	$(PY) -m grpc_tools.protoc -I Tests/Interop --python_out=$(VENV)/gen \
	  --grpc_python_out=$(VENV)/gen Tests/Interop/route_guide.proto
	touch $@

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

lint:
	$(SWIFT) format lint --strict --recursive --configuration .swift-format Sources Tests

format:
	$(SWIFT) format --in-place --recursive --configuration .swift-format Sources Tests

test: deps venv lint
	$(SWIFT) build
	$(SWIFT) test

coverage: deps venv
	$(SWIFT) test --enable-code-coverage
	llvm-cov report .build/debug/rgPackageTests.xctest \
	  -instr-profile=.build/debug/codecov/default.profdata \
	  -ignore-filename-regex='(\.build|Tests)/'

# Starts `rg serve` on a free port and runs the four subcommands with the example inputs.
demo: release
	bash Tests/Examples/demo.sh "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/rg"

clean:
	rm -rf .build $(VENV)
