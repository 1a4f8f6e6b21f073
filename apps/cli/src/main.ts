import { runCli } from './cli';

// Entry point of the `procurement-journey` binary (bin/procurement-journey.js requires the compiled file).
void runCli(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${String(error)}\n`);
    process.exitCode = 3;
  },
);
