# rg — build, test, demo, install. `make test` and `make demo` work on a fresh Debian machine.
SHELL := /bin/bash
PREFIX ?= /usr/local
NAME ?= rg
SWIFT ?= swift
VENV := .venv
PY := $(VENV)/bin/python
APT_PACKAGES := libnghttp2-dev libssl-dev pkg-config openssl bash-completion zsh mandoc groff-base man-db jq time python3-venv
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

# The release build comes first: the install test checks the binary that users get.
test: deps venv lint
	$(SWIFT) build $(RELEASE_FLAGS)
	$(SWIFT) build --build-tests
	RG_RELEASE_BINARY="$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/rg" $(SWIFT) test

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

# Installs the binary as $(NAME), with completions and man page generated for that name, where
# bash-completion, zsh and man look under PREFIX. DESTDIR stages the install (packaging).
BINDIR ?= $(PREFIX)/bin
BASH_COMPLETION_DIR ?= $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETION_DIR ?= $(PREFIX)/share/zsh/site-functions
MAN1DIR ?= $(PREFIX)/share/man/man1
# An rg binary to install instead of building the release one (the install test uses this),
# and extra flags for that release build (e.g. --scratch-path DIR).
RG_BINARY ?=
INSTALL_SWIFT_FLAGS ?=
INSTALLED_FILES = $(DESTDIR)$(BINDIR)/$(NAME) $(DESTDIR)$(BASH_COMPLETION_DIR)/$(NAME) \
	$(DESTDIR)$(ZSH_COMPLETION_DIR)/_$(NAME) $(DESTDIR)$(MAN1DIR)/$(NAME).1

install:
	@set -e; bin='$(RG_BINARY)'; \
	if [ -z "$$bin" ]; then \
	  $(SWIFT) build $(RELEASE_FLAGS) $(INSTALL_SWIFT_FLAGS); \
	  bin="$$($(SWIFT) build $(RELEASE_FLAGS) $(INSTALL_SWIFT_FLAGS) --show-bin-path)/rg"; \
	fi; \
	staging=$$(mktemp -d); trap 'rm -rf "$$staging"' EXIT; \
	"$$bin" completions bash --name '$(NAME)' > "$$staging/bash"; \
	"$$bin" completions zsh --name '$(NAME)' > "$$staging/zsh"; \
	"$$bin" man --name '$(NAME)' > "$$staging/man"; \
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(BASH_COMPLETION_DIR)' \
	  '$(DESTDIR)$(ZSH_COMPLETION_DIR)' '$(DESTDIR)$(MAN1DIR)'; \
	install -m 755 "$$bin" '$(DESTDIR)$(BINDIR)/$(NAME)'; \
	install -m 644 "$$staging/bash" '$(DESTDIR)$(BASH_COMPLETION_DIR)/$(NAME)'; \
	install -m 644 "$$staging/zsh" '$(DESTDIR)$(ZSH_COMPLETION_DIR)/_$(NAME)'; \
	install -m 644 "$$staging/man" '$(DESTDIR)$(MAN1DIR)/$(NAME).1'; \
	printf 'installed %s\n' $(INSTALLED_FILES)

# Removes exactly the files `make install` put there (same PREFIX and NAME), not the folders.
uninstall:
	rm -f $(INSTALLED_FILES)

# Regenerates the committed completion scripts and man page from the command model.
.PHONY: generated
generated:
	$(SWIFT) build
	@bin="$$($(SWIFT) build --show-bin-path)/rg"; \
	"$$bin" completions bash > Completions/rg.bash; \
	"$$bin" completions zsh > Completions/_rg; \
	"$$bin" man > man/rg.1
