# provtrace - build, test and benchmark.
#
#   make              build build/provtrace
#   make demo         install what is missing, build, run the embedded example
#   make test         install what is missing, build, run every test
#   make SANITIZE=address,undefined test
#   make valgrind     unit tests under valgrind
#   make bench        benchmarks against peers (installs them)
#
# B=DIR puts every build product under DIR (default build), so several
# builds can live side by side.

CC       ?= cc
B        ?= build
PREFIX   ?= /usr/local
PKGS      = libcurl openssl sqlite3 gumbo libutf8proc libxxhash libpcre2-8 \
            jansson libpsl zlib libgvc
TEST_PKGS = libmicrohttpd cmocka

OPT      ?= -O2 -g
WARN      = -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
            -Wshadow -Wpointer-arith -Wwrite-strings -Wvla -Wundef \
            -Wno-missing-field-initializers
ifeq ($(WERROR),1)
WARN     += -Werror
endif
SAN       =
ifneq ($(SANITIZE),)
SAN       = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS  += -D_GNU_SOURCE -I. -Isrc -I$(B)/gen
ALL_CFLAGS = -std=c11 $(OPT) $(WARN) $(SAN) $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(SAN) $(LDFLAGS)
LIBS       = $(PKG_LIBS) -lm -lpthread

VERSION   := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
CPPFLAGS  += -DPROVTRACE_VERSION='"$(VERSION)"'

# The binary: main.c, one cmd_*.c per subcommand, the renderers.
BIN_SRC   = src/main.c src/cli.c $(wildcard src/cmd_*.c) $(wildcard src/render*.c)
# The library: utilities, tracing, store, rules.
LIB_SRC   = $(filter-out $(BIN_SRC),$(wildcard src/*.c)) \
            $(wildcard trace/*.c) $(wildcard store/*.c) $(wildcard rules/*.c)
RULE_DATA = $(sort $(wildcard rules/data/*.rules))
GEN_SRC   = $(B)/gen/rules_builtin.c $(B)/gen/schema_sql.c

LIB_OBJ   = $(LIB_SRC:%.c=$(B)/%.o) $(GEN_SRC:.c=.o)
BIN_OBJ   = $(BIN_SRC:%.c=$(B)/%.o)
LIB       = $(B)/libprovtrace.a
BIN       = $(B)/provtrace

UNIT_SRC  = $(wildcard tests/unit/test_*.c)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
FIXTURED  = $(B)/tests/fixtured

.PHONY: all deps deps-test demo test unit e2e check valgrind bench clean install
.DELETE_ON_ERROR:

all: $(BIN)

deps:
	@scripts/deps.sh build
deps-test:
	@scripts/deps.sh test

$(B)/gen/rules_builtin.c: $(RULE_DATA) scripts/embed.sh
	@mkdir -p $(@D)
	scripts/embed.sh rules_builtin $(RULE_DATA) > $@

$(B)/gen/schema_sql.c: store/schema.sql scripts/embed.sh
	@mkdir -p $(@D)
	scripts/embed.sh store_schema store/schema.sql > $@

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/gen/%.o: $(B)/gen/%.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BIN_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(BIN_OBJ) $(LIB) $(LIBS)

$(B)/tests/test_%: tests/unit/test_%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka) -o $@ $< $(LIB) \
		$(ALL_LDFLAGS) $(LIBS) $(shell pkg-config --libs cmocka)

$(FIXTURED): tests/fixtured.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags libmicrohttpd) -o $@ $< \
		$(ALL_LDFLAGS) $(shell pkg-config --libs libmicrohttpd) -lpthread

# The quick start's first command: build and run the main job on the
# embedded example.
demo: deps-test
	@$(MAKE) --no-print-directory all $(FIXTURED)
	@examples/demo.sh $(BIN)

# The quick start's second command: every test.
test: deps-test
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(FIXTURED)
	@$(MAKE) --no-print-directory unit e2e

check: test

unit: $(UNIT_BIN)
	@failed=0; for t in $(UNIT_BIN); do \
		echo "# $$t"; \
		PROVTRACE_TEST_DATA=$(CURDIR)/tests $$t || failed=1; \
	done; \
	if [ $$failed -ne 0 ]; then echo "unit tests failed"; exit 1; fi

e2e: $(BIN) $(FIXTURED)
	PROVTRACE=$(CURDIR)/$(BIN) FIXTURED=$(CURDIR)/$(FIXTURED) prove -j2 tests/t/

valgrind: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do \
		PROVTRACE_TEST_DATA=$(CURDIR)/tests valgrind -q --error-exitcode=1 \
		--leak-check=full $$t || exit 1; done

bench: $(BIN)
	@scripts/deps.sh bench
	@bench/run.sh $(BIN)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/provtrace
	install -m 644 docs/provtrace.1 $(DESTDIR)$(PREFIX)/share/man/man1/provtrace.1

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
