#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D flags, so request the wide-character API here. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* glibc declares these only under __USE_XOPEN, which Swift's Glibc module lacks. */
extern int wcwidth(wchar_t c);

/* Accessors: Swift 6 rejects direct use of ncurses' mutable globals (stdscr, stdout...). */
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }

/* The locale's codeset, e.g. "UTF-8" or "ANSI_X3.4-1968". */
static inline const char *cnc_codeset(void) { return nl_langinfo(CODESET); }

/*
 * Looks TERM up in terminfo without touching the terminal or the current screen:
 * 1 = usable, 0 = unknown type, -1 = cannot address the cursor (e.g. "dumb").
 * Checked before newterm() because ncurses accepts "dumb" and then draws garbage.
 */
static inline int cnc_terminfo_check(const char *term, int fd) {
  int err = 0;
  TERMINAL *saved = cur_term;
  if (setupterm(term, fd, &err) != OK) {
    set_curterm(saved);
    return 0;
  }
  char *cup = tigetstr("cup");
  int usable = cup != NULL && cup != (char *)-1;
  TERMINAL *probe = set_curterm(saved);
  del_curterm(probe);
  return usable ? 1 : -1;
}

/*
 * newterm() on duplicates of the given descriptors, so closing the FILEs later leaves the
 * caller's descriptors open. Returns NULL (never exits, unlike initscr) on failure.
 */
static inline SCREEN *cnc_newterm(const char *term, int outfd, int infd, FILE **out, FILE **in) {
  *out = fdopen(dup(outfd), "w");
  *in = fdopen(dup(infd), "r");
  if (*out == NULL || *in == NULL) {
    if (*out) fclose(*out);
    if (*in) fclose(*in);
    return NULL;
  }
  SCREEN *screen = newterm(term, *out, *in);
  if (screen == NULL) {
    fclose(*out);
    fclose(*in);
  }
  return screen;
}

/* Attribute bits are built with NCURSES_BITS, which Swift cannot import. */
static inline attr_t cnc_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t cnc_A_BOLD(void) { return A_BOLD; }
static inline attr_t cnc_A_DIM(void) { return A_DIM; }
static inline attr_t cnc_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t cnc_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t cnc_A_ITALIC(void) { return A_ITALIC; }

static inline int cnc_KEY_F(int n) { return KEY_F(n); }

/* Mouse masks are NCURSES_MOUSE_MASK expressions. */
static inline mmask_t cnc_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t cnc_BUTTON2_PRESSED(void) { return BUTTON2_PRESSED; }
static inline mmask_t cnc_BUTTON3_PRESSED(void) { return BUTTON3_PRESSED; }
static inline mmask_t cnc_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
static inline mmask_t cnc_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }

#endif
