import { z } from 'zod';
import type { ErrorInfo } from './errors';

/**
 * The one error shape (errors.ts `ErrorInfo`) as a schema: a failed action's error, the
 * connection's and an outbox entry's `lastError`. `code` is narrowed where its list is closed.
 */
export const errorInfo = <C extends z.ZodType<string>>(code: C) =>
  z.object({ code, status: z.number().optional(), detail: z.string().optional() });

export const ErrorInfoSchema = errorInfo(z.string()) satisfies z.ZodType<ErrorInfo>;
