/**
 * Where validator.ts finds the validator for a key such as `response:enroll:201:application/json`:
 * a file of its own, compiled from openapi.json by `npm run api:validators` (build/api-validators.ts),
 * beside this module in the sources and beside the bundle in the app (build/main-bundle.ts).
 */
export const API_VALIDATORS_DIR = 'api-validators';

export function validatorFile(key: string): string {
  return `${key.replace(/[^A-Za-z0-9_-]+/g, '.')}.cjs`;
}

/** openapi.json's operations as validator.ts reads them (build/api-validators.ts: generateOperations). */
export const API_OPERATIONS_FILE = 'api-operations.json';
