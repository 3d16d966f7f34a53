import { parseDn } from 'builder-util-runtime';
import { psQuoted } from './powershell';

// What Windows says of an installer before SYSTEM runs it: its Authenticode signature and the
// version in its signed version resource (PowerShell 5.1, on every supported Windows). Fails
// closed: anything not understood is "not ours". electron-updater's own check
// (windowsExecutableCodeSignatureVerifier.js) passes a file when PowerShell cannot run; the task
// runs as SYSTEM, so this one never does.

/** System.Management.Automation.SignatureStatus: only Valid (0) is trusted. */
const VALID = 0;

export interface SignatureReading {
  valid: boolean;
  /** The signer certificate's subject DN, e.g. `CN="hallo, B.V.", O="hallo, B.V.", C=NL`. */
  subject: string | null;
  /** The path PowerShell checked (it must be the one asked about). */
  path: string | null;
  /** StatusMessage, for the log. */
  detail: string;
}

/** `Get-AuthenticodeSignature -LiteralPath <file> | ConvertTo-Json -Compress`, read. Garbage reads as not valid. */
export function readSignature(stdout: string): SignatureReading {
  let data: unknown;
  try {
    data = JSON.parse(stdout.replace(/^\uFEFF/, '').trim());
  } catch {
    return { valid: false, subject: null, path: null, detail: 'PowerShell did not print a signature' };
  }
  const record = (data ?? {}) as Record<string, unknown>;
  const signer = (record.SignerCertificate ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  return {
    valid: record.Status === VALID,
    subject: text(signer.Subject),
    path: text(record.Path),
    detail: (text(record.StatusMessage) ?? `status ${String(record.Status)}`).slice(0, 300),
  };
}

/**
 * Whether a signer's subject is one of `publisherNames` (electron-builder.yml's
 * win.signtoolOptions.publisherName), compared as electron-updater compares them: a name with
 * `=` is a DN whose every part must match; a plain name is the subject's CN.
 */
export function signedBy(subject: string, publisherNames: readonly string[]): boolean {
  const signer = parseDn(subject);
  return publisherNames.some((name) => {
    const wanted = parseDn(name);
    if (wanted.size > 0) return [...wanted].every(([key, value]) => signer.get(key) === value);
    return signer.get('CN') === name;
  });
}

const UTF8 = '[Console]::OutputEncoding = [Text.Encoding]::UTF8';

/** The two scripts, each printing one JSON document: the signature, then the signed version resource's name and version. */
export const signatureScript = (path: string) => `${UTF8}; Get-AuthenticodeSignature -LiteralPath ${psQuoted(path)} | ConvertTo-Json -Compress`;
export const versionScript = (path: string) => `${UTF8}; (Get-Item -LiteralPath ${psQuoted(path)}).VersionInfo | Select-Object ProductName, ProductVersion | ConvertTo-Json -Compress`;

/** `VersionInfo | Select-Object ProductName, ProductVersion | ConvertTo-Json`, read; null when it is not that. */
export function readInstallerVersion(stdout: string): { productName: string | null; productVersion: string | null } | null {
  try {
    const data = JSON.parse(stdout.replace(/^\uFEFF/, '').trim()) as Record<string, unknown> | null;
    if (data === null || typeof data !== 'object') return null;
    const text = (value: unknown) => (typeof value === 'string' ? value.trim() : null);
    return { productName: text(data.ProductName), productVersion: text(data.ProductVersion) };
  } catch {
    return null;
  }
}
