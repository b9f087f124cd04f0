import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/** The Nest log levels printed for each LOG_LEVEL. */
export const LOG_LEVELS: Record<'error' | 'warn' | 'log' | 'debug', LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * Nest's console logger, holding back error messages while the application starts. Nest logs a
 * failure during start-up itself, with its stack trace, before rethrowing it; the entry point
 * then reports the same failure in one line (what happened, what to do). So errors logged while
 * starting are kept until the outcome is known: printed as usual once start-up has succeeded
 * (they were not fatal), and after a failure only at LOG_LEVEL=debug, stacks included.
 * `toStderr` sends every level to stderr: the command line keeps stdout for its output.
 */
export class StartupLogger extends ConsoleLogger {
  private held: unknown[][] | undefined = [];

  constructor(
    levels: LogLevel[],
    private readonly toStderr = false,
  ) {
    super({ logLevels: levels });
  }

  override error(message: unknown, ...optionalParams: unknown[]): void {
    if (this.held) this.held.push([message, ...optionalParams]);
    else super.error(message, ...optionalParams);
  }

  /** Start-up succeeded: print what was held back, and log errors as they come from now on. */
  started(): void {
    this.release(true);
  }

  /** Start-up failed (the caller reports it in one line): print what was held back only when `verbose`. */
  failed(verbose: boolean): void {
    this.release(verbose);
  }

  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, any>,
  ): void {
    super.printMessages(
      messages,
      context,
      logLevel,
      this.toStderr ? 'stderr' : writeStreamType,
      errorStack,
      params,
    );
  }

  private release(print: boolean): void {
    const held = this.held ?? [];
    this.held = undefined;
    if (print) for (const [message, ...rest] of held) super.error(message, ...rest);
  }
}
