/*
 * A function that takes the place of a dependency's own symbol of the same
 * name: libhyphen's allocator (para/hyphen_patterns.c), libharu's byte
 * helpers (pdf/pdf_hpdf_bytes.c). The shared library is built with hidden
 * symbols; these are exported, so that the dynamic linker binds the
 * dependency's calls to them. tests/install/abi.sh allows exactly these
 * besides the public header's functions.
 */
#ifndef LP_BASE_INTERPOSE_H
#define LP_BASE_INTERPOSE_H

#define LP_INTERPOSE __attribute__((visibility("default")))

#endif
