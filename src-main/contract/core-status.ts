import { z } from 'zod';

// The desktop app runs the core in its own process. Main reports that
// process's state to the window, so the UI can say when the core is starting,
// restarting after a crash, or could not start at all. `homelane serve` never
// sends it: there the core and the server are one process.

export const CoreStateSchema = z.enum(['starting', 'ready', 'restarting', 'failed']);

export const CoreStatusSchema = z.object({
  state: CoreStateSchema,
  /** What a person should know: why the core is not answering and what happens next; null when ready. */
  message: z.string().nullable(),
});

export type CoreState = z.infer<typeof CoreStateSchema>;
export type CoreStatus = z.infer<typeof CoreStatusSchema>;
