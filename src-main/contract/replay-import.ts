import { z } from 'zod';

// Importing a replay export (the JSONL `replay.export` and `homelane replay
// export` write) from the Replay page. Each import goes into a database of
// its own in the data folder, apart from this machine's records, for offline
// review; `replay.list` and `replay.record` read one with `source`.

/** 8 MiB of text: what one call may carry (the HTTP transport takes 10 MiB bodies). */
export const REPLAY_IMPORT_MAX = 8 * 1024 * 1024;

export const ReplayImportInputSchema = z
  .object({
    text: z
      .string()
      .min(1, 'The file is empty.')
      .max(
        REPLAY_IMPORT_MAX,
        'The file is larger than 8 MiB; import it with homelane replay import.',
      ),
    fileName: z.string().min(1).max(300),
  })
  .strict();

export const ReplayImportProblemSchema = z.object({
  /** 1-based line of the file. */
  line: z.number().int(),
  field: z.string(),
  problem: z.string(),
});

export const ReplayImportSchema = z.object({
  /** The import's name: pass it as `source` to read its records. */
  name: z.string(),
  fileName: z.string(),
  /** When the export was made, and by which Homelane. */
  exportedAt: z.string(),
  appVersion: z.string(),
  /** Record lines read after the header. */
  read: z.number().int(),
  imported: z.number().int(),
  /** Already in this import (same id). */
  skipped: z.number().int(),
  rejected: z.number().int(),
  /** At most the first 1000 problems, by line. */
  problems: z.array(ReplayImportProblemSchema),
});

export const ReplayImportsInputSchema = z.object({}).strict();

export const ReplayImportSetSchema = z.object({
  name: z.string(),
  records: z.number().int(),
  /** When the import's database was last written. */
  importedAt: z.string(),
  /** Why it cannot be read, when it cannot. */
  problem: z.string().nullable(),
});

export const ReplayImportsSchema = z.object({ imports: z.array(ReplayImportSetSchema) });

export type ReplayImportInput = z.infer<typeof ReplayImportInputSchema>;
export type ReplayImportProblem = z.infer<typeof ReplayImportProblemSchema>;
export type ReplayImport = z.infer<typeof ReplayImportSchema>;
export type ReplayImportSet = z.infer<typeof ReplayImportSetSchema>;
export type ReplayImports = z.infer<typeof ReplayImportsSchema>;
