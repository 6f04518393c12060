/**
 * Everything the read benchmark started, undone in reverse order exactly once: on success, on a failure, on
 * Ctrl-C (SIGINT), SIGTERM, or when the run's deadline passes. Each undo step is bounded by the step itself
 * (a process gets TERM, then KILL); a step that fails is reported and the others still run.
 */
export class Cleanup {
  private readonly steps: { readonly what: string; readonly undo: () => Promise<void> }[] = [];
  private running: Promise<void> | undefined;

  /** Registers `undo` (what it undoes is named in messages); returns a function that runs and forgets it early. */
  add(what: string, undo: () => Promise<void>): () => Promise<void> {
    const step = { what, undo };
    this.steps.push(step);
    return async () => {
      const i = this.steps.indexOf(step);
      if (i < 0) return;
      this.steps.splice(i, 1);
      await undo();
    };
  }

  /** Runs every registered step, last registered first; concurrent calls share one run. */
  runAll(): Promise<void> {
    this.running ??= (async () => {
      while (this.steps.length > 0) {
        const step = this.steps.pop();
        if (!step) break;
        try {
          await step.undo();
        } catch (err) {
          console.error(`cleanup: could not undo ${step.what}: ${String(err)}`);
        }
      }
    })();
    return this.running;
  }

  /**
   * Ends the process through `runAll` on SIGINT/SIGTERM (exit 130/143) and once `deadlineMs` has passed (exit 1),
   * so no run outlives its bound. The returned function disarms the deadline (the signals stay handled).
   */
  armExits(deadlineMs: number): () => void {
    let exiting = false;
    const exitAfterCleanup = (code: number, why: string) => {
      // Ctrl-C reaches this process several times (from the terminal, then forwarded by npm and by tsx): the first
      // starts the cleanup, later ones must neither start another nor fall back to the default action (dying mid-way).
      if (exiting) return;
      exiting = true;
      console.error(`\nread bench: ${why}; stopping what it started…`);
      void this.runAll().finally(() => process.exit(code));
    };
    process.on('SIGINT', () => exitAfterCleanup(130, 'interrupted (SIGINT)'));
    process.on('SIGTERM', () => exitAfterCleanup(143, 'terminated (SIGTERM)'));
    const timer = setTimeout(() => exitAfterCleanup(1, `still running after its bound of ${Math.round(deadlineMs / 1000)} s`), deadlineMs);
    timer.unref();
    return () => clearTimeout(timer);
  }
}
