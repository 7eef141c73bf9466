// Short texts for the Replay table.

/** "25 Nov, 10:04:12" in the viewer's time zone. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** The first line of a prompt, cut to `max` characters. */
export function promptLine(prompt: string, max = 90): string {
  const line = prompt.split('\n').find((part) => part.trim() !== '') ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export const STATUS_LABEL = {
  completed: 'Completed',
  failed: 'Failed',
  aborted: 'Aborted',
  in_progress: 'In progress',
} as const;
