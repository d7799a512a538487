# rg — build, test, demo, install. `make test` and `make demo` work on a fresh Debian machine.
SHELL := /bin/bash
PREFIX ?= /usr/local
NAME ?= rg
SWIFT ?= swift
VENV := .venv
PY := $(VENV)/bin/python
APT_PACKAGES := libnghttp2-dev libssl-dev zlib1g-dev pkg-config openssl bash-completion zsh mandoc \
  groff-base man-db jq time python3-venv valgrind nghttp2-client tinyproxy
# Release builds: whole-module optimisation and the Swift standard library linked in; then, for
# start-up (DESIGN.md §2; in `make bench` a one-shot `rg get` went from 4.9 ms and 10.0 MiB to
# 3.0 ms and 6.1 MiB, see bench/results.md):
# - OpenSSL, nghttp2, zlib, libstdc++ and libgcc linked in too (unless STATIC_C_LIBS=0), so rg
#   maps nothing but glibc and the dynamic loader has almost nothing to bind. SwiftPM asks for the
#   libraries with -l and the linker takes the first match along its -L path, so a folder that
#   holds only their archives (`static-libs`), searched first, selects them. STATIC_C_LIBS=0
#   links the shared libraries instead, e.g. for a package that must follow libssl3's security
#   updates without a rebuild.
# - lld with packed relative relocations (DT_RELR): a few KiB instead of 1 MB of .rela.dyn.
# - the functions one-shot runs execute placed side by side (STARTUP_ORDER, made by
#   `make startup-order`, checked by StartupOrderTests): each first touch of text maps 64 KiB,
#   so scattered start-up code cost 4.5 MiB of resident text.
STATIC_C_LIBS ?= 1
STATIC_LIB_DIR := $(CURDIR)/.build-static-libs
STARTUP_ORDER := Sources/rg/Startup.order
RELEASE_LINK_FLAGS := -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld \
  -Xlinker -z -Xlinker pack-relative-relocs \
  -Xlinker --symbol-ordering-file=$(CURDIR)/$(STARTUP_ORDER) -Xlinker --no-warn-symbol-ordering \
  $(if $(filter 1,$(STATIC_C_LIBS)),-Xlinker -L$(STATIC_LIB_DIR) \
    -Xswiftc -Xclang-linker -Xswiftc -static-libgcc)
# - generic metadata the code names with concrete arguments emitted by the compiler
#   (-prespecialize-generic-metadata) rather than instantiated from mangled names at run time,
#   where each generic requirement is checked by a scan of the protocol conformance records
#   (a third of a one-shot get's instructions; this flag cut them by 7%). Package.swift leaves
#   out _StringProcessing for the same reason.
RELEASE_FLAGS := -c release --static-swift-stdlib -Xswiftc -wmo \
  -Xswiftc -Xfrontend -Xswiftc -prespecialize-generic-metadata $(RELEASE_LINK_FLAGS)

.PHONY: all build release deps venv lint format test demo install uninstall clean coverage \
  static-libs startup-order

all: build

# Installs the Debian packages that are missing (needs root or sudo on a fresh machine).
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# The Python peers of the interop tests: the packages of Tests/Interop/requirements.txt (grpcio,
# its health checking service, protobuf, h2) and the generated RouteGuide stubs. Remade when
# either file changes; pip leaves what is already installed as it is.
venv: $(VENV)/.ready
$(VENV)/.ready: Tests/Interop/route_guide.proto Tests/Interop/requirements.txt
	@[ -x $(PY) ] || python3 -m venv $(VENV)
	$(PY) -m pip install -q -r Tests/Interop/requirements.txt
	mkdir -p $(VENV)/gen
	$(PY) -m grpc_tools.protoc -I Tests/Interop --python_out=$(VENV)/gen \
	  --grpc_python_out=$(VENV)/gen Tests/Interop/route_guide.proto
	touch $@

build: deps
	$(SWIFT) build

release: deps static-libs
	$(SWIFT) build $(RELEASE_FLAGS)

# Regenerates STARTUP_ORDER from what the release build executes (needs valgrind), and removes
# the binary so that the next build links it with the new order.
startup-order: release
	@bin="$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/rg"; \
	python3 Tests/Startup/startup_order.py "$$bin" --write $(STARTUP_ORDER) && rm -f "$$bin"

# The archives a release build links (see RELEASE_FLAGS), as links in a folder of their own.
static-libs:
ifeq ($(STATIC_C_LIBS),1)
	@set -e; mkdir -p $(STATIC_LIB_DIR); \
	for lib in "$$(pkg-config --variable=libdir openssl)/libssl.a" \
	    "$$(pkg-config --variable=libdir openssl)/libcrypto.a" \
	    "$$(pkg-config --variable=libdir libnghttp2)/libnghttp2.a" \
	    "$$(pkg-config --variable=libdir zlib)/libz.a" \
	    "$$(gcc -print-file-name=libstdc++.a)"; do \
	  [ -f "$$lib" ] || { echo "static-libs: $$lib is missing (or use STATIC_C_LIBS=0)"; exit 1; }; \
	  ln -sf "$$lib" $(STATIC_LIB_DIR)/; \
	done
endif

lint:
	$(SWIFT) format lint --strict --recursive --configuration .swift-format Sources Tests

format:
	$(SWIFT) format --in-place --recursive --configuration .swift-format Sources Tests

# The release build comes first: the install test checks the binary that users get.
test: deps venv lint static-libs
	$(SWIFT) build $(RELEASE_FLAGS)
	$(SWIFT) build --build-tests
	RG_RELEASE_BINARY="$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/rg" \
	  RG_RELEASE_STATIC_C_LIBS=$(STATIC_C_LIBS) $(SWIFT) test
	$(MAKE) test-sanitized
	$(MAKE) test-threads
	$(MAKE) fuzz

# The end-to-end suites again, against rg built with AddressSanitizer (the runtime comes with
# the Swift toolchain; swiftc has no UndefinedBehaviorSanitizer on Linux). Every report goes to
# ASAN_REPORTS, and the target fails when one is there, whatever the tests said: a report from
# a server or a run whose exit a test tolerates counts too. LeakSanitizer is off: rg exits
# with its session objects alive (by design, no teardown), which it reports as leaks. The
# Swift backtracer is off: after a trap its memory server reads the whole stack, which ASan
# reports (a false positive) and which took over 20 s.
# Peak-RSS bounds do not apply to an ASan rg (its quarantine and shadow memory: 100,000 gets
# peak at 435 MiB instead of 15), so the tests skip those checks under RG_TEST_SANITIZER and
# keep the rest. Left out (SANITIZED_SKIP): BoundedMemoryTests (nothing but RSS bounds),
# StartupOrderTests and InstallTests (about the release binary; disabled without
# RG_RELEASE_BINARY anyway), MemcheckTests (valgrind cannot run an ASan binary; `swift test`
# runs them on the plain rg).
ASAN_SCRATCH := .build-asan
ASAN_REPORTS := $(CURDIR)/$(ASAN_SCRATCH)/reports
ASAN_BUILD := $(SWIFT) build --sanitize=address --scratch-path $(ASAN_SCRATCH) --product rg
SANITIZED_SUITES := EndToEndTests
SANITIZED_SKIP := BoundedMemoryTests StartupOrderTests InstallTests MemcheckTests
empty :=
space := $(empty) $(empty)
.PHONY: test-sanitized
test-sanitized: deps venv
	$(SWIFT) build --build-tests
	$(ASAN_BUILD)
	@rm -rf $(ASAN_REPORTS) && mkdir -p $(ASAN_REPORTS); status=0; \
	RG_TEST_BINARY="$$($(ASAN_BUILD) --show-bin-path)/rg" RG_TEST_SANITIZER=address \
	  SWIFT_BACKTRACE=enable=no \
	  ASAN_OPTIONS=log_path=$(ASAN_REPORTS)/asan:detect_leaks=0:abort_on_error=0:halt_on_error=1 \
	  $(SWIFT) test --skip-build --filter '$(SANITIZED_SUITES)' \
	  --skip '$(subst $(space),|,$(strip $(SANITIZED_SKIP)))' \
	  || status=$$?; \
	reports=$$(find $(ASAN_REPORTS) -type f | sort); \
	for report in $$reports; do echo "== $$report"; head -n 60 "$$report"; done; \
	if [ -n "$$reports" ]; then \
	  echo "test-sanitized: AddressSanitizer reported errors (above):" $$reports; exit 1; \
	fi; \
	exit $$status

# The suites that run `rg serve` on several loops, against rg built with ThreadSanitizer: the
# loops share a listener's connections (mailboxes), a connection count (ConnectionBalancer),
# the feature database and --shared-chat's board, and a race there is found here, not by a
# user. As with test-sanitized, any report fails the target whatever the tests said.
TSAN_SCRATCH := .build-tsan
TSAN_REPORTS := $(CURDIR)/$(TSAN_SCRATCH)/reports
TSAN_BUILD := $(SWIFT) build --sanitize=thread --scratch-path $(TSAN_SCRATCH) --product rg
TSAN_SUITES := ServeThreadsTests ServeChatTests ServeShutdownTests ServeInteropTests \
  ServeHealthTests ServeTLSTests
.PHONY: test-threads
test-threads: deps venv
	$(SWIFT) build --build-tests
	$(TSAN_BUILD)
	@rm -rf $(TSAN_REPORTS) && mkdir -p $(TSAN_REPORTS); status=0; \
	RG_TEST_BINARY="$$($(TSAN_BUILD) --show-bin-path)/rg" RG_TEST_SANITIZER=thread \
	  SWIFT_BACKTRACE=enable=no TSAN_OPTIONS=log_path=$(TSAN_REPORTS)/tsan:halt_on_error=0 \
	  $(SWIFT) test --skip-build --filter '$(subst $(space),|,$(strip $(TSAN_SUITES)))' \
	  || status=$$?; \
	reports=$$(find $(TSAN_REPORTS) -type f | sort); \
	for report in $$reports; do echo "== $$report"; head -n 80 "$$report"; done; \
	if [ -n "$$reports" ]; then \
	  echo "test-threads: ThreadSanitizer reported races (above):" $$reports; exit 1; \
	fi; \
	exit $$status

# The llvm-cov of the Swift toolchain: a system one (Debian's llvm) may not read its profiles.
LLVM_COV ?= $(dir $(realpath $(shell command -v $(SWIFT))))llvm-cov

coverage: deps venv
	$(SWIFT) test --enable-code-coverage
	$(LLVM_COV) report .build/debug/rgPackageTests.xctest \
	  -instr-profile=.build/debug/codecov/default.profdata \
	  -ignore-filename-regex='(\.build|Tests)/'

# Starts `rg serve` on a free port and runs the four subcommands with the example inputs.
demo: release
	bash Tests/Examples/demo.sh "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/rg"

clean:
	rm -rf .build $(ASAN_SCRATCH) $(TSAN_SCRATCH) $(FUZZ_DIR) $(STATIC_LIB_DIR) $(VENV)

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
	  $(MAKE) --no-print-directory static-libs; \
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

# Fuzzing (libFuzzer + AddressSanitizer). The fuzzers are not SwiftPM targets: each is
# Tests/Fuzz/Fuzz<Name>.swift plus the checks shared with `swift test`
# (Tests/RouteGuideProtocolTests/FuzzChecks*.swift), linked against RouteGuideProtocol and
# RouteGuideCompression built here as instrumented static libraries (zlib itself is Debian's,
# not instrumented: the inflate target fuzzes what rg does with it). `make fuzz` runs each for
# FUZZ_SECONDS on a copy of its seed corpus (Tests/Fuzz/Corpus/<target>, regressions included),
# so new inputs stay out of the repository, and fails naming the reproducer when one crashes.
# CI (CI=true) fuzzes each target for a minute; a local `make test` only briefly.
FUZZ_SECONDS ?= $(if $(CI),60,10)
FUZZ_DIR := .build-fuzz
# target:Name:max_len
FUZZ_TARGETS := json:JSON:8192 protobuf:Protobuf:4096 deframer:Deframer:4096 inflate:Inflate:4096
FUZZ_FLAGS := -sanitize=fuzzer,address -O -g -swift-version 6 -parse-as-library -use-ld=lld
FUZZ_SOURCES := $(shell find Sources/RouteGuideProtocol -name '*.swift')
FUZZ_LIB := $(FUZZ_DIR)/lib/libRouteGuideProtocol.a
FUZZ_ZLIB_SOURCES := $(shell find Sources/RouteGuideCompression -name '*.swift')
FUZZ_ZLIB_LIB := $(FUZZ_DIR)/lib/libRouteGuideCompression.a
FUZZ_CHECKS := $(wildcard Tests/RouteGuideProtocolTests/FuzzChecks*.swift)
fuzz_word = $(word $(2),$(subst :, ,$(1)))

.PHONY: fuzz-build fuzz

fuzz-build: $(foreach t,$(FUZZ_TARGETS),$(FUZZ_DIR)/fuzz-$(call fuzz_word,$(t),1))

$(FUZZ_LIB): $(FUZZ_SOURCES)
	mkdir -p $(FUZZ_DIR)/lib
	swiftc $(FUZZ_FLAGS) -wmo -module-name RouteGuideProtocol -emit-library -static \
	  -emit-module -emit-module-path $(FUZZ_DIR)/lib/RouteGuideProtocol.swiftmodule \
	  $(FUZZ_SOURCES) -o $@

$(FUZZ_ZLIB_LIB): $(FUZZ_ZLIB_SOURCES) $(FUZZ_LIB)
	swiftc $(FUZZ_FLAGS) -wmo -module-name RouteGuideCompression -emit-library -static \
	  -emit-module -emit-module-path $(FUZZ_DIR)/lib/RouteGuideCompression.swiftmodule \
	  -I $(FUZZ_DIR)/lib -I Sources/CZlib $(FUZZ_ZLIB_SOURCES) -o $@

define fuzz_rule
$(FUZZ_DIR)/fuzz-$(1): Tests/Fuzz/Fuzz$(2).swift $(FUZZ_LIB) $(FUZZ_ZLIB_LIB) $(FUZZ_CHECKS)
	swiftc $(FUZZ_FLAGS) -module-name Fuzz$(2) -I $(FUZZ_DIR)/lib -I Sources/CZlib \
	  $(FUZZ_CHECKS) $$< $(FUZZ_ZLIB_LIB) $(FUZZ_LIB) -lz -o $$@
endef
$(foreach t,$(FUZZ_TARGETS),\
  $(eval $(call fuzz_rule,$(call fuzz_word,$(t),1),$(call fuzz_word,$(t),2))))

fuzz: fuzz-build
	@set -e; for spec in $(FUZZ_TARGETS); do \
	  IFS=: read -r t name len <<< "$$spec"; \
	  rm -rf $(FUZZ_DIR)/corpus-$$t $(FUZZ_DIR)/crash-$$t-*; \
	  cp -R Tests/Fuzz/Corpus/$$t $(FUZZ_DIR)/corpus-$$t; \
	  echo "fuzz-$$t: $(FUZZ_SECONDS) s, log in $(FUZZ_DIR)/fuzz-$$t.log"; \
	  if ! $(FUZZ_DIR)/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	      -max_len=$$len -timeout=25 -print_final_stats=1 \
	      $$([ -f Tests/Fuzz/$$t.dict ] && echo -dict=Tests/Fuzz/$$t.dict) \
	      -artifact_prefix=$(FUZZ_DIR)/crash-$$t- $(FUZZ_DIR)/corpus-$$t \
	      > $(FUZZ_DIR)/fuzz-$$t.log 2>&1; then \
	    tail -n 60 $(FUZZ_DIR)/fuzz-$$t.log; \
	    echo "fuzz-$$t found a crash; reproduce with:" \
	      "$(FUZZ_DIR)/fuzz-$$t $$(ls -t $(FUZZ_DIR)/crash-$$t-* 2>/dev/null | head -1)"; \
	    exit 1; \
	  fi; \
	  grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' $(FUZZ_DIR)/fuzz-$$t.log; \
	done

# Benchmarks (not part of `make test`): rg against the grpcio peer client and rg serve against
# the grpcio server, on generated data (bench/generate_data.py, bench/data/); prints the table
# and appends it to bench/results.md. BENCH_ARGS passes options, e.g. BENCH_ARGS='--runs 9'
# or BENCH_ARGS='--scale 10 --no-peer' (peak RSS at ten times the input). BENCH_FLAGS builds
# another rg to compare, e.g. BENCH_FLAGS='-c release -Xswiftc -static-executable -Xswiftc -wmo
# --scratch-path .build-static'.
BENCH_ARGS ?=
BENCH_FLAGS ?= $(RELEASE_FLAGS)
.PHONY: bench microbench
bench: deps venv static-libs
	$(SWIFT) build $(BENCH_FLAGS) --product rg
	$(SWIFT) build $(BENCH_FLAGS) --product rg-microbench
	@bin="$$($(SWIFT) build $(BENCH_FLAGS) --show-bin-path)"; \
	python3 bench/run.py --rg "$$bin/rg" --microbench "$$bin/rg-microbench" $(BENCH_ARGS)

# The hot paths without the network: JSON -> Point -> gRPC frames, frames -> Feature -> NDJSON.
microbench: static-libs
	$(SWIFT) build $(BENCH_FLAGS) --product rg-microbench
	"$$($(SWIFT) build $(BENCH_FLAGS) --show-bin-path)/rg-microbench"
