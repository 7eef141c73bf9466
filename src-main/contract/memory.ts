import { z } from 'zod';

// Personal memory: the facts the person asked Homelane to remember. They stay
// on this machine; a request that uses them is private.

/** As the core stores it (longer facts are refused). */
export const MEMORY_FACT_MAX = 2000;

export const MemoryFactSchema = z.object({
  id: z.number(),
  fact: z.string(),
  createdAt: z.string(),
  /** Where the person said "remember …", when it was in a conversation. */
  conversationId: z.string().nullable(),
});

export const MemoryListInputSchema = z.object({}).strict();
export const MemoryListSchema = z.object({ facts: z.array(MemoryFactSchema) });

const factId = z.number().int().positive();

export const MemoryUpdateInputSchema = z
  .object({ id: factId, fact: z.string().max(MEMORY_FACT_MAX * 2) })
  .strict();
export const MemoryUpdateSchema = z.object({ fact: MemoryFactSchema });

export const MemoryForgetInputSchema = z.object({ id: factId }).strict();
export const MemoryForgetSchema = z.object({ id: z.number() });

export type MemoryFact = z.infer<typeof MemoryFactSchema>;
