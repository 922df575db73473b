# tests/hosted.mk: the modules without system calls, built hosted with
# clang, for the libFuzzer harnesses and the unit tables of chapter 15.
#
#   make hosted                   build every harness and the unit tables
#   make unit                     run the unit tables
#   make fuzz [FUZZ_SECONDS=60] [FUZZ='http date']
#                                 run each harness in turn, for that long
#   make fuzz-cov                 lines and branches the corpora reach
#
# The modules come from the newest stage as tangled, with #line
# directives into chapters/ (build/stageNN/src), never from copies; the
# harnesses and tables are tangled from chapters/ into build/hosted/src.
# Every object carries AddressSanitizer, UBSan (any finding is fatal) and
# libFuzzer's coverage counters; the unit tables link the same objects.

HOSTED_CC       ?= clang
HOSTED_MODULES  := text http head chunked path range date html log mime \
    precond slots
FUZZ_HARNESSES  := http chunked path range date html visible log mime text \
    precond slots
FUZZ            ?= $(FUZZ_HARNESSES)
FUZZ_SECONDS    ?= 60
LLVM_PROFDATA   ?= llvm-profdata
LLVM_COV        ?= llvm-cov

HOSTED     := build/hosted
HOSTED_SRC := build/stage$(LAST)/src
HOSTED_GEN := $(HOSTED)/src
HOSTED_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
HOSTED_CFLAGS := -std=c11 -g -O1 -fno-omit-frame-pointer \
    -Wall -Wextra -Werror $(HOSTED_SAN)
HOSTED_INC := -I$(HOSTED_SRC) -I$(HOSTED_GEN)/tests/fuzz \
    -I$(HOSTED_GEN)/tests/unit
HOSTED_OBJS := $(HOSTED_MODULES:%=$(HOSTED)/obj/%.o)

.PHONY: hosted unit fuzz fuzz-cov

$(HOSTED_GEN)/.stamp: $(CHAPTERS) book/tangle-tests book/stage-filter
	@mkdir -p $(@D)
	sh book/tangle-tests $(HOSTED_GEN) -L $(CHAPTERS)
	@touch $@

$(HOSTED)/obj/%.o: $(HOSTED_SRC)/.stamp
	@mkdir -p $(@D)
	$(HOSTED_CC) $(HOSTED_CFLAGS) -fsanitize=fuzzer-no-link \
	    -c $(HOSTED_SRC)/$*.c -o $@

$(HOSTED)/libdrongo.a: $(HOSTED_OBJS)
	rm -f $@ && ar rcs $@ $^

$(HOSTED)/fuzz-%: $(HOSTED_GEN)/.stamp $(HOSTED)/libdrongo.a
	$(HOSTED_CC) $(HOSTED_CFLAGS) -fsanitize=fuzzer $(HOSTED_INC) \
	    $(HOSTED_GEN)/tests/fuzz/$*.c $(HOSTED)/libdrongo.a -o $@

# A row of a table names only what it checks; the fields it leaves out
# are zero on purpose.
$(HOSTED)/unit: $(HOSTED_GEN)/.stamp $(HOSTED)/libdrongo.a
	$(HOSTED_CC) $(HOSTED_CFLAGS) -Wno-missing-field-initializers \
	    $(HOSTED_INC) \
	    $(HOSTED_GEN)/tests/unit/*.c $(HOSTED)/libdrongo.a -o $@

hosted: $(FUZZ_HARNESSES:%=$(HOSTED)/fuzz-%) $(HOSTED)/unit

unit: $(HOSTED)/unit
	$(HOSTED)/unit

# One harness after another (the machine may be shared: one core each);
# the corpus grows in build/hosted/corpus/NAME, seeded from the
# committed tests/fuzz/corpus/NAME, and a failing input is written to
# build/hosted/crashes/.
fuzz: $(FUZZ:%=$(HOSTED)/fuzz-%)
	@fail=0; for h in $(FUZZ); do \
	  sh tests/fuzz/run $$h $(FUZZ_SECONDS) $(HOSTED)/corpus/$$h || fail=1; \
	done; exit $$fail

# Coverage: the same harnesses built with clang's source-based coverage
# over modules tangled without #line (so lines are counted per module),
# each run once over its corpora, seeds and what make fuzz has grown.
HOSTED_COV := $(HOSTED)/cov
fuzz-cov: $(HOSTED_GEN)/.stamp $(HOSTED_SRC)/.stamp
	@rm -rf $(HOSTED_COV) && mkdir -p $(HOSTED_COV)/plain
	@sh book/tangle-stage $(HOSTED_COV)/plain $(CHAPTERS)
	@for h in $(FUZZ_HARNESSES); do \
	  mkdir -p $(HOSTED)/corpus/$$h; \
	  $(HOSTED_CC) -std=c11 -g -O1 -fsanitize=fuzzer \
	    -fprofile-instr-generate -fcoverage-mapping \
	    -I$(HOSTED_COV)/plain -I$(HOSTED_GEN)/tests/fuzz \
	    $(HOSTED_GEN)/tests/fuzz/$$h.c \
	    $(HOSTED_MODULES:%=$(HOSTED_COV)/plain/%.c) \
	    -o $(HOSTED_COV)/fuzz-$$h || exit 1; \
	  LLVM_PROFILE_FILE=$(HOSTED_COV)/$$h.profraw \
	    $(HOSTED_COV)/fuzz-$$h -runs=0 $(HOSTED)/corpus/$$h \
	    tests/fuzz/corpus/$$h >$(HOSTED_COV)/$$h.log 2>&1 || exit 1; \
	done
	@$(LLVM_PROFDATA) merge -o $(HOSTED_COV)/all.profdata \
	  $(HOSTED_COV)/*.profraw
	@$(LLVM_COV) report $(HOSTED_COV)/fuzz-http \
	  $(foreach h,$(filter-out http,$(FUZZ_HARNESSES)),-object $(HOSTED_COV)/fuzz-$(h)) \
	  -instr-profile=$(HOSTED_COV)/all.profdata \
	  $(HOSTED_MODULES:%=$(HOSTED_COV)/plain/%.c) | tee $(HOSTED_COV)/report.txt
