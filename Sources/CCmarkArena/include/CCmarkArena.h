#ifndef CCMARK_ARENA_H
#define CCMARK_ARENA_H

#include <cmark.h>

/// An allocator for cmark that hands out memory from this thread's arena: a parse makes about six
/// hundred small allocations per lesson, each a malloc and later a free. Nothing is freed one by one;
/// `academy_cmark_arena_reset` takes it all back at once when a document is done with.
cmark_mem *academy_cmark_arena(void);

/// Takes back everything this thread's arena handed out. Every tree parsed with it on this thread
/// must have been released first. The memory is kept for the next document.
void academy_cmark_arena_reset(void);

#endif
