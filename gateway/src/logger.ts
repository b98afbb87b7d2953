/** The logger shape Apollo Server and Apollo Gateway accept; ours writes one line per message. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Console logger with a fixed prefix; `debug` only when GOVGRAPH_DEBUG=true. */
export function consoleLogger(prefix: string, env: Record<string, string | undefined> = process.env): Logger {
  const debugEnabled = env.GOVGRAPH_DEBUG === 'true';
  return {
    debug: (message) => {
      if (debugEnabled) console.debug(`[${prefix}] ${message}`);
    },
    info: (message) => console.info(`[${prefix}] ${message}`),
    warn: (message) => console.warn(`[${prefix}] ${message}`),
    error: (message) => console.error(`[${prefix}] ${message}`),
  };
}
