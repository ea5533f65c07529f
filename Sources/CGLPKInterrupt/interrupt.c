#include "CGLPKInterrupt.h"

#include <setjmp.h>

struct stop_point {
  jmp_buf jump;
  atelier_stop_check check;
  void *context;
};

/* The terminal hook: swallows GLPK's output (library code never prints) and, when asked to stop,
   leaves GLPK the way its own error recovery does (examples/threads/multiseed.c): free the thread's
   environment, which releases every block GLPK allocated, then jump back to the caller. Only C
   frames (GLPK's and ours) lie between the hook and the jump's target. */
static int stop_or_swallow(void *info, const char *text) {
  (void)text;
  struct stop_point *stop = info;
  if (stop->check(stop->context)) {
    glp_free_env();
    longjmp(stop->jump, 1);
  }
  return 1;
}

static int swallow(void *info, const char *text) {
  (void)info;
  (void)text;
  return 1;
}

static void silence(void) {
  glp_term_out(GLP_OFF);
  glp_term_hook(swallow, NULL);
}

int atelier_simplex_interruptible(glp_prob *problem, const glp_smcp *parm, atelier_stop_check check, void *context) {
  struct stop_point stop = {.check = check, .context = context};
  if (setjmp(stop.jump) != 0) return ATELIER_INTERRUPTED;
  glp_term_out(GLP_ON);
  glp_term_hook(stop_or_swallow, &stop);
  int code = glp_simplex(problem, parm);
  silence();
  return code;
}

int atelier_intopt_interruptible(glp_prob *problem, const glp_iocp *parm, atelier_stop_check check, void *context) {
  struct stop_point stop = {.check = check, .context = context};
  if (setjmp(stop.jump) != 0) return ATELIER_INTERRUPTED;
  glp_term_out(GLP_ON);
  glp_term_hook(stop_or_swallow, &stop);
  int code = glp_intopt(problem, parm);
  silence();
  return code;
}
