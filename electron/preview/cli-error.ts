// What a command-line launcher (`npm run preview`, `npm run reference-api`) prints when it cannot
// start: one line a person can act on, never a stack trace. A busy port is the common case.

interface ListenError {
  code: string;
  port?: number;
  address?: string;
}

function isListenError(error: unknown): error is ListenError {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

export function cliErrorLine(command: string, error: unknown): string {
  if (isListenError(error) && error.code === 'EADDRINUSE') {
    return `${command}: port ${error.port} on ${error.address} is already in use; stop what uses it or choose another with --port N (0 picks a free one).`;
  }
  if (isListenError(error) && error.code === 'EACCES') {
    return `${command}: not allowed to listen on port ${error.port}; choose a port above 1023 with --port N.`;
  }
  return `${command}: ${error instanceof Error ? error.message : String(error)}`;
}
