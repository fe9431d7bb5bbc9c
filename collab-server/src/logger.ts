export type LogLevel = "debug" | "info" | "warn" | "error";

/** What the collab-server logs through; inject your own (pino, a test collector). */
export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

const LEVELS: LogLevel[] = ["debug", "info", "warn", "error"];

/** One JSON line per entry on stdout/stderr, from `minLevel` up. */
export function createConsoleLogger(minLevel: LogLevel = "info"): Logger {
  const threshold = LEVELS.indexOf(minLevel);
  const write = (level: LogLevel) => (message: string, data?: Record<string, unknown>) => {
    if (LEVELS.indexOf(level) < threshold) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, component: "collab", message, ...data });
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    else console.log(line);
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

export interface LogEntry {
  level: LogLevel;
  message: string;
  data?: Record<string, unknown>;
}

/** Keeps entries in memory: for tests, which must stay quiet on the console. */
export function createMemoryLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const write = (level: LogLevel) => (message: string, data?: Record<string, unknown>) => {
    entries.push({ level, message, data });
  };
  return { entries, debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
