import type { Logger } from '../core/logger';

/** What a shutdown step reports: `clean: false` makes the exit code 1 (something was cut or failed). */
export interface StepResult {
  readonly clean: boolean;
  /** Logged with the step's line (e.g. the requests a drain cut off). */
  readonly details?: Record<string, unknown>;
}

/** One part of the process to stop, in the order `Shutdown` was told about it (reversed when stopping). */
export interface ShutdownStep {
  readonly name: string;
  /** Stops this part; `deadline` (a `performance.now()` time) is when the whole shutdown must be over. */
  stop(deadline: number): Promise<StepResult | void>;
  /** What is still open, logged if the shutdown runs out of time during this step. */
  describeOpen?(): Record<string, unknown>;
}

export interface ShutdownOptions {
  readonly logger: Logger;
  /** Bound on the whole shutdown (SHUTDOWN_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /** Ends the process (process.exit outside tests). */
  readonly exit?: (code: number) => void;
}

/**
 * The process's one owner of SIGTERM and SIGINT. Parts register as they start (`add`); the first signal stops
 * them in reverse order — the HTTP server first, the stores it used after, tracing last — and ends the process
 * with 0 when every step finished cleanly, or 1 when a step failed or cut something off. The whole shutdown is
 * bounded by `timeoutMs`: past it, the step still running and what it still holds open are logged and the
 * process exits 1. Later signals while it runs are logged and otherwise ignored (a terminal's Ctrl-C reaches
 * both npm and the gateway, and npm forwards its own copy).
 */
export class Shutdown {
  private readonly steps: ShutdownStep[] = [];
  private running: Promise<number> | undefined;
  private readonly exit: (code: number) => void;

  constructor(private readonly options: ShutdownOptions) {
    this.exit = options.exit ?? ((code) => process.exit(code));
  }

  /** True once a signal (or `run`) started the shutdown. */
  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Registers a part to stop; parts registered later stop earlier. */
  add(step: ShutdownStep): void {
    this.steps.push(step);
  }

  /** Handles SIGTERM and SIGINT from now on. */
  listen(signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
    for (const signal of signals) {
      process.on(signal, () => {
        if (this.running) this.options.logger.info({ signal }, 'already shutting down');
        else void this.run(signal);
      });
    }
  }

  /** Stops every registered part (once; later calls answer the same run), then exits with its code. */
  run(reason: string): Promise<number> {
    this.running ??= this.stopAll(reason).then((code) => {
      this.exit(code);
      return code;
    });
    return this.running;
  }

  private async stopAll(reason: string): Promise<number> {
    const { logger, timeoutMs } = this.options;
    const started = performance.now();
    const deadline = started + timeoutMs;
    logger.info({ reason, timeoutMs }, 'shutting down');
    let current: ShutdownStep | undefined;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        logger.error(
          { step: current?.name, open: current?.describeOpen?.(), timeoutMs, pending: this.pendingAfter(current) },
          'shutdown timed out; exiting with what is still open',
        );
        resolve(1);
      }, timeoutMs);
    });
    const steps = async (): Promise<number> => {
      let code = 0;
      for (const step of [...this.steps].reverse()) {
        current = step;
        const stepStarted = performance.now();
        try {
          const result = (await step.stop(deadline)) ?? { clean: true };
          if (!result.clean) code = 1;
          const line = { step: step.name, ms: Math.round(performance.now() - stepStarted), ...result.details };
          if (result.clean) logger.info(line, 'shutdown step done');
          else logger.warn(line, 'shutdown step cut something off');
        } catch (err) {
          code = 1;
          logger.error({ step: step.name, err }, 'shutdown step failed');
        }
      }
      return code;
    };
    const code = await Promise.race([steps(), timedOut]);
    clearTimeout(timer);
    logger.info({ code, ms: Math.round(performance.now() - started) }, code === 0 ? 'shutdown complete' : 'shutdown finished with problems');
    return code;
  }

  /** Names of the steps not reached yet when `current` was running. */
  private pendingAfter(current: ShutdownStep | undefined): string[] {
    const order = [...this.steps].reverse();
    const at = current === undefined ? -1 : order.indexOf(current);
    return order.slice(at + 1).map((s) => s.name);
  }
}
