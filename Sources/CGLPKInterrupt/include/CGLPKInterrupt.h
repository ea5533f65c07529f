#ifndef CGLPK_INTERRUPT_H
#define CGLPK_INTERRUPT_H

#include <glpk.h>

/// Answers non-zero when the GLPK call in progress must be abandoned. Called on the solving thread
/// each time GLPK prints a progress line (every `out_frq` milliseconds with `msg_lev` GLP_MSG_ON).
typedef int (*atelier_stop_check)(void *context);

/// Returned instead of GLPK's code when `check` stopped the call. The thread's GLPK environment has
/// then been freed with every problem object in it: none may be used or deleted afterwards.
#define ATELIER_INTERRUPTED (-1)

/// `glp_simplex`, abandoned at its next progress line once `check` says so. GLPK's simplex has no
/// callback, and a large LP runs for minutes; its progress lines are the only moments it can be left.
int atelier_simplex_interruptible(glp_prob *problem, const glp_smcp *parm, atelier_stop_check check, void *context);

/// `glp_intopt`, likewise: for the LP relaxation that the MIP presolver solves before the first callback.
int atelier_intopt_interruptible(glp_prob *problem, const glp_iocp *parm, atelier_stop_check check, void *context);

#endif
