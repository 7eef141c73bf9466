/** Where commands print for people: stdout for results, stderr for problems. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

// Output piped into a reader that stops early (`| head`) closes the pipe;
// that ends the command quietly instead of crashing it.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};
