import { errorMessage } from '../core/errorMessage';

/**
 * Runs a command's `main` and exits with the code it answers; an error is printed as `<name> failed: <message>`
 * (no stack: these are user-facing commands) and exits 1.
 */
export function runCli(name: string, main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`${name} failed: ${errorMessage(err)}`);
      process.exit(1);
    },
  );
}
