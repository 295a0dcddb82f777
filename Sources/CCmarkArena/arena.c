// A bump allocator for cmark, one per thread. See include/CCmarkArena.h.
#include "CCmarkArena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Each allocation is preceded by a 16-byte header holding its size (for realloc), which also keeps
// every block 16-byte aligned, as malloc's are.
#define HEADER 16
#define CHUNK_SIZE (1u << 20)

typedef struct chunk {
  struct chunk *next;
  size_t size;
  size_t used;
  _Alignas(16) unsigned char data[];
} chunk;

static _Thread_local chunk *current;   // the chunk being filled, then the full ones
static _Thread_local chunk *spare;     // chunks given back by a reset
static _Thread_local unsigned char *last; // the latest block, which realloc may grow in place

static void out_of_memory(void) {
  // As cmark does when its own allocator fails.
  fprintf(stderr, "[cmark] out of memory\n");
  abort();
}

static size_t rounded(size_t size) {
  if (size > SIZE_MAX - HEADER - 15) out_of_memory();
  return (size + HEADER + 15) & ~(size_t)15;
}

static unsigned char *take(size_t size) {
  size_t need = rounded(size);
  if (!current || current->size - current->used < need) {
    chunk *fresh = NULL;
    if (spare && spare->size >= need) {
      fresh = spare;
      spare = spare->next;
    } else {
      size_t capacity = need > CHUNK_SIZE ? need : CHUNK_SIZE;
      fresh = malloc(sizeof(chunk) + capacity);
      if (!fresh) out_of_memory();
      fresh->size = capacity;
    }
    fresh->used = 0;
    fresh->next = current;
    current = fresh;
  }
  unsigned char *block = current->data + current->used + HEADER;
  current->used += need;
  memcpy(block - HEADER, &size, sizeof size);
  last = block;
  return block;
}

static void *arena_calloc(size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) out_of_memory();
  unsigned char *block = take(count * size);
  memset(block, 0, count * size);
  return block;
}

static void *arena_realloc(void *pointer, size_t size) {
  if (!pointer) return take(size);
  unsigned char *block = pointer;
  size_t old;
  memcpy(&old, block - HEADER, sizeof old);
  // The latest block grows in place when its chunk has room: cmark's buffers grow by realloc.
  if (block == last) {
    size_t start = (size_t)(block - HEADER - current->data);
    size_t need = rounded(size);
    if (current->size - start >= need) {
      current->used = start + need;
      memcpy(block - HEADER, &size, sizeof size);
      return block;
    }
  }
  unsigned char *moved = take(size);
  memcpy(moved, block, old < size ? old : size);
  return moved;
}

static void arena_free(void *pointer) {
  // Taken back all at once by academy_cmark_arena_reset.
  (void)pointer;
}

static cmark_mem arena = {arena_calloc, arena_realloc, arena_free};

cmark_mem *academy_cmark_arena(void) { return &arena; }

void academy_cmark_arena_reset(void) {
  // Keep the chunks for the next document.
  while (current) {
    chunk *next = current->next;
    current->next = spare;
    spare = current;
    current = next;
  }
  last = NULL;
  // A document with one huge block leaves a huge chunk; keep at most a few chunks' worth.
  size_t kept = 0;
  chunk **link = &spare;
  while (*link) {
    if (kept + (*link)->size > 8 * (size_t)CHUNK_SIZE) {
      chunk *drop = *link;
      *link = drop->next;
      free(drop);
    } else {
      kept += (*link)->size;
      link = &(*link)->next;
    }
  }
}
