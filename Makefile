# jwtcore — the two commands a newcomer needs are `make demo` and `make test`.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
CARGO ?= cargo

.PHONY: help check demo demo-all dist release-check test test-rust test-cli test-axum test-conformance test-python test-js size-js size-wasm wasm-lite test-interop demo-service bench-python bench-js pyjwt-suite nostd lint fmt bench wheel npm fuzz fuzz-smoke ct miri msrv

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

demo: ## issue and verify a token per algorithm (RS256 from a PEM file), every class of rejection, provider JWKS, the session flow, an axum service
	$(CARGO) run --quiet --release -p jwtcore --features std,rsa --example demo
	@echo
	$(CARGO) run --quiet --release -p jwtcore --features std,rsa,session --example hybrid_flow
	@echo
	$(CARGO) run --quiet -p jwtcore-axum --example service

demo-all: demo ## make demo, then its tokens verified in Python and Node (first run builds the wheel and the npm package)
	@echo
	scripts/demo-python.sh
	@echo
	scripts/demo-js.sh

demo-service: test-python ## the Flask example service (sessions, JWT + rotating refresh tokens) on 127.0.0.1:8000, in-memory store
	.venv/bin/python examples/flask_sessions/app.py

check: ## the edit-compile-test loop: rustfmt, one clippy over every core feature, core unit + conformance tests (no doctests)
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy -p jwtcore -p jwtcore-conformance -p jwtcore-testkit --all-targets --features jwtcore/ring,jwtcore/rsa,jwtcore/es384,jwtcore/es512,jwtcore/es256k,jwtcore/session -- -D warnings
	$(CARGO) test -p jwtcore -p jwtcore-conformance -p jwtcore-testkit --features jwtcore/std,jwtcore/rsa,jwtcore/es384,jwtcore/es512,jwtcore/es256k,jwtcore/session --lib --tests

test: lint ct-gate-test test-rust test-cli test-axum test-conformance nostd msrv test-python test-js test-interop fuzz-smoke miri release-check ## everything CI runs, from a fresh machine
	@echo "make test: all green"

test-rust: ## unit tests, doctests, Wycheproof and the allocation proof, per feature set
	$(CARGO) test -p jwtcore --no-default-features --features p256,ed25519
	$(CARGO) test -p jwtcore --no-default-features --features p256,ed25519,session
	$(CARGO) test -p jwtcore --no-default-features --features p256,ed25519,alloc,session
	$(CARGO) test -p jwtcore --no-default-features --features ed25519,alloc --lib
	$(CARGO) test -p jwtcore --no-default-features --features ed25519,alloc --test external_only
	@# No curve or RSA arithmetic at all (the npm package's lite module): every unit test that needs
	@# no arithmetic, the arithmetic-free key forms and the curve equation among them.
	$(CARGO) test -p jwtcore --no-default-features --features alloc,getrandom,session,external-keys --lib
	$(CARGO) test -p jwtcore --no-default-features --features alloc,getrandom,external-keys --test external_only --test external_keys
	$(CARGO) test -p jwtcore --features std,session
	$(CARGO) test -p jwtcore --features ring
	$(CARGO) test -p jwtcore --features std,rsa,es384,es512,es256k,session
	$(CARGO) test -p jwtcore --features ring,rsa,es384,es512,es256k,session
	$(CARGO) run --quiet -p jwtcore --features std,rsa,es384 --example demo > /dev/null
	$(CARGO) run --quiet -p jwtcore --features std,session --example hybrid_flow > /dev/null

test-cli: ## the jwtcore command: its tests run the built binary (decode, verify, sign, keygen, thumbprint)
	$(CARGO) test -p jwtcore-cli

test-axum: ## jwtcore-axum (extractors, remote JWKS, OIDC discovery, refresh endpoint) against real servers on 127.0.0.1:0, and its demo service
	$(CARGO) test -p jwtcore-axum
	$(CARGO) run --quiet -p jwtcore-axum --example service > /dev/null

test-conformance: ## the cross-language vectors in tests/vectors through the Rust core, both backends
	$(CARGO) test -p jwtcore-conformance
	$(CARGO) test -p jwtcore-conformance --features ring
	@# The same vectors through the two-phase verify on a core without any curve or RSA arithmetic.
	$(CARGO) test -p jwtcore-conformance --no-default-features
	@# Interop with the Rust anchors: each verifies jwtcore's tokens and jwtcore verifies theirs.
	$(CARGO) run --quiet -p jwtcore-bench --example allocs > /dev/null

test-python: ## build the abi3 wheel, install it into .venv, run pytest against the installed wheel
	scripts/test-python.sh
	@# The core's Ed25519 tests on the backend the x86_64 wheels ship (dalek's AVX-512 IFMA).
	scripts/test-ed25519-avx512.sh

pyjwt-suite: ## PyJWT 2.15.1's own test suite (sdist from PyPI, cached in target/) against the installed wheel: pass counts (a measurement, not part of `make test`)
	scripts/pyjwt-suite.sh

bench-python: test-python ## jwtcore (ring and portable wheels) vs PyJWT 2.15 (µs/op and 2-thread throughput)
	scripts/bench-python.sh

test-js: ## build the wasm package, npm-pack it, install the tarball in a scratch project, run node:test there (incl. esbuild/Vite/Worker/Deno/Bun builds, tsc --strict)
	scripts/test-js.sh

test-interop: ## Python wheel <-> npm package on one redis-server: sessions and refresh families cross languages (builds what is missing)
	scripts/test-interop.sh

npm: ## the npm package tarball into target/npm/
	scripts/npm-pack.sh

size-js: npm ## download size of each npm entry (esbuild --bundle --minify, JS + .wasm, raw and gzip -9); test-js holds the verify-only bundle to a budget
	scripts/size-js.sh

size-wasm: ## what each arithmetic crate costs the WebAssembly module: one build per feature set, raw and gzip -9 (slow: six LTO builds)
	scripts/size-wasm.sh

wasm-lite: ## the npm package in target/npm/pkg with both WebAssembly modules: the lite default (no curve or RSA arithmetic) and the portable one (the jwtcore-portable condition)
	scripts/build-wasm.sh

bench-js: npm ## jwtcore (sync, async) vs jose, jsonwebtoken, fast-jwt on Node, in one run
	scripts/bench-js.sh

dist: ## release artifacts in target/dist/: crate, sdist, manylinux2014 + musllinux wheels, npm tarball, SHA256SUMS
	scripts/dist.sh

release-check: dist ## publish dry runs, twine/auditwheel, licences, one version; wheel and sdist tried in fresh venvs
	scripts/release-check.sh

wheel: ## the Python wheel into target/wheels/
	@[[ -x .venv/bin/maturin ]] || { python3 -m venv .venv && .venv/bin/pip install -q maturin; }
	.venv/bin/maturin build --release -m bindings-python/Cargo.toml -o target/wheels

nostd: ## build the core for thumbv7em-none-eabihf (no_std proof; rustup adds the target if missing)
	scripts/nostd.sh

msrv: ## check the core with the declared rust-version (rustup installs that toolchain if missing)
	scripts/msrv.sh

lint: ## rustfmt check and clippy with warnings denied, for each feature set
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy -p jwtcore --all-targets --no-default-features --features p256,ed25519 -- -D warnings
	$(CARGO) clippy -p jwtcore --all-targets --no-default-features --features p256,ed25519,session -- -D warnings
	$(CARGO) clippy -p jwtcore --all-targets --no-default-features --features p256,ed25519,alloc,session -- -D warnings
	$(CARGO) clippy -p jwtcore --all-targets --no-default-features --features ed25519,alloc,getrandom,session -- -D warnings
	$(CARGO) clippy -p jwtcore --all-targets --no-default-features --features alloc,getrandom,session -- -D warnings
	$(CARGO) clippy -p jwtcore -p jwtcore-conformance --all-targets --no-default-features --features jwtcore/alloc,jwtcore/getrandom,jwtcore/session,jwtcore/external-keys -- -D warnings
	$(CARGO) clippy --workspace --all-targets --features jwtcore/std,jwtcore/session -- -D warnings
	$(CARGO) clippy -p jwtcore -p jwtcore-conformance --all-targets --features jwtcore/ring,jwtcore/session -- -D warnings
	$(CARGO) clippy -p jwtcore --all-targets --features ring,aws-lc,rsa,session -- -D warnings
	$(CARGO) clippy -p jwtcore --all-targets --no-default-features --features p256,ed25519,alloc,rsa,es384,es512,es256k,session -- -D warnings
	$(CARGO) clippy -p jwtcore-wasm --all-targets --no-default-features -- -D warnings
	$(CARGO) clippy -p jwtcore-wasm-verify --all-targets -- -D warnings
	$(CARGO) build --quiet --profile ct -p jwtcore-ct
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc -p jwtcore --no-deps --features std,session --quiet

bench: ## criterion: jwtcore vs jsonwebtoken, jwt-simple, jwt-compact on one token, plus allocation counts
	$(CARGO) bench -p jwtcore-bench --bench jwt -- --warm-up-time 1 --measurement-time 3 --noplot
	$(CARGO) bench -p jwtcore-bench --bench jwt --features ring -- --warm-up-time 1 --measurement-time 3 --noplot 'verify/.*/jwtcore'
	$(CARGO) run --quiet --release -p jwtcore-bench --example allocs
	python3 scripts/bench-report.py

fuzz-smoke: ## every cargo-fuzz target for FUZZ_SECONDS (default 20) each, nightly
	scripts/fuzz-smoke.sh

fuzz: ## longer fuzzing: FUZZ_SECONDS per target (default 600)
	FUZZ_SECONDS=$${FUZZ_SECONDS:-600} scripts/fuzz-smoke.sh

miri: ## the core's parser and session unit tests under Miri (skips if the nightly lacks miri)
	scripts/miri.sh

ct: ## dudect constant-time tests of ID, cookie and refresh-token checks (not in make test)
	scripts/ct.sh

.PHONY: ct-gate-test
ct-gate-test: ## make ct's pass/fail gate on synthetic dudect output (no timing)
	python3 scripts/test_ct_gate.py

fmt: ## format everything
	$(CARGO) fmt --all
