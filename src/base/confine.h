/*
 * Confinement: a file that one input names for another (a release's
 * signature picture and layout, a layout's emblem, assets and fonts) is read
 * only from below the naming file's folder. The path must be relative, no
 * '..' may climb out of the folder, and no symbolic link on the way may lead
 * out of it. Paths the user gives on the command line are not confined.
 *
 * The kernel does the checking where it can (openat2 with RESOLVE_BENEATH,
 * Linux 5.6 and later), so a link swapped in between a check and the open
 * cannot lead out; elsewhere the path is resolved with realpath() and its
 * prefix compared, which a concurrent rename could race.
 */
#ifndef LP_BASE_CONFINE_H
#define LP_BASE_CONFINE_H

#include <stdbool.h>

/* Opens path, relative to the folder root, for reading (read-only,
 * close-on-exec, non-blocking, never a controlling terminal). Returns the
 * file descriptor, or -1 with errno: EXDEV when path is absolute or leads
 * out of root (through '..' or a symbolic link), else the reason open
 * failed. The caller checks what kind of file it opened. */
int lp_confine_open(const char *root, const char *path);

/* True when path is relative and no '..' in it climbs above its start:
 * the part of the check that needs no file system. Never fails. */
bool lp_confine_lexically_inside(const char *path);

/* path past its leading "./" parts ("./a/b" and ".//a/b" are "a/b"): the
 * same place, as a message names it. */
const char *lp_path_past_dot(const char *path);

/* The absolute path, without symbolic links, of the file open as fd (which
 * lp_confine_open() opened as path below root). malloc'd; NULL when out of
 * memory or when it cannot be known. */
char *lp_confine_real_path(int fd, const char *root, const char *path);

/* Tests only: take the realpath() route even where openat2 exists. */
void lp_confine_force_fallback(bool on);

#endif
